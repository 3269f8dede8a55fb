/*
 * number.h: Arabic number expressions over a document's tokens.
 *
 * "أكثر من ثلاثة آلاف", "نحو 24,5 مليون", "بين 200 و300", "عشرات الآلاف",
 * "مئتان وخمسون", "٣٫٥ مليار": each becomes one hd_number, a value with its
 * bounds and a qualifier, over a run of tokens. The parser reads match keys
 * (hd_token.key), so it expects keys made with HD_NORM_DEFAULT (at least
 * diacritics, alef, yeh, teh marbuta and digits folded); see number.c for the
 * grammar and the conventions (what عشرات means, what a range's value is).
 */
#ifndef HD_TEXT_NUMBER_H
#define HD_TEXT_NUMBER_H

#include <stddef.h>
#include <stdint.h>

#include "hadath.h"

typedef enum hd_qualifier {
    HD_Q_EXACT = 0,    /* 275 شخصاً */
    HD_Q_ABOUT,        /* نحو، حوالي، قرابة، زهاء، ما يقارب، ... تقريبا */
    HD_Q_MORE_THAN,    /* أكثر من، ما يزيد على، ... ونيف */
    HD_Q_LESS_THAN,    /* أقل من */
    HD_Q_AT_LEAST,     /* ما لا يقل عن، على الأقل، ... أو أكثر */
    HD_Q_AT_MOST,      /* ما لا يزيد عن، لا يتجاوز، على الأكثر، أو أقل */
    HD_Q_RANGE,        /* 250 إلى 300، بين 200 و300، 200-300 */
    HD_Q_APPROX_PLURAL /* عشرات، مئات، آلاف، عشرات الآلاف، بضعة آلاف */
} hd_qualifier;

/* Values beyond this (in absolute value) are not numbers: no report says
 * "a quadrillion", and past 2^53 a double no longer counts in units. */
#define HD_NUMBER_MAX 1e15

/* One number expression.
 *   value: the single figure a coder would record: the number itself for
 *          exact, about, more/less than, at least/most; the LOWER end for a
 *          range and for an approximate plural (the conservative reading
 *          event data sets use for casualty counts).
 *   min, max: the bounds the words allow; an open bound is INFINITY (max of
 *          more_than / at_least) or 0 (min of less_than / at_most).
 *   tokens doc->tokens[tok_first .. tok_end), text doc->text[start .. end):
 *          the qualifier words are included, the counted noun is not. */
typedef struct hd_number {
    double value, min, max;
    int qualifier; /* hd_qualifier */
    size_t tok_first, tok_end;
    uint32_t start, end;
} hd_number;

/* Parses the longest number expression that starts at token i and ends at
 * or before token `end` (exclusive; e.g. the sentence end). Returns the
 * number of tokens consumed and fills *out, or 0 (and leaves *out alone)
 * when no number starts at i. Allocates nothing; rejects a token that cannot
 * start a number after a look at its first letter and length. */
size_t hd_number_at(const hd_doc *doc, size_t i, size_t end, hd_number *out);
/* What a token like t can be, whatever follows it: HD_NUMBER_MAY_START,
 * or hd_number_at returns 0 there; HD_NUMBER_MAY_WORD, or it is no
 * number's first word after a qualifier (ما يقارب المائة), which is all
 * hd_number_at looks for past one. The coder's word memo keeps both per
 * word. */
enum { HD_NUMBER_MAY_START = 1, HD_NUMBER_MAY_WORD = 2 };
int hd_number_word_may_start(const hd_token *t);

/* A qualifier that follows what was counted ("11 شخصا على الأقل",
 * "300 قتيل تقريبا", "20 عاما ونيف"): if one starts at token i, stores it in
 * *q and returns the tokens it takes, else 0. hd_number_at() already takes
 * one that directly follows the number ("11 على الأقل"). */
size_t hd_number_post_qualifier(const hd_doc *doc, size_t i, size_t end,
                                int *q);

/* Gives an exact number qualifier q and the bounds that go with it (open
 * bounds for more/less than and at least/most). A range or an approximate
 * plural keeps its own bounds, widened for more_than / at_least (max becomes
 * INFINITY) and less_than / at_most (min becomes 0). */
void hd_number_qualify(hd_number *n, int q);

/* Convenience for tests and callers with a bare string: analyses s (UTF-8,
 * NUL-terminated) as a document of its own and parses the number at its
 * first token. Offsets in *out are byte offsets into s. Returns the tokens
 * consumed, 0 when s does not start with a number, -1 when s cannot be
 * analysed. */
int hd_number_parse_text(const char *s, hd_number *out);

/* "exact", "about", "more_than", "less_than", "at_least", "at_most",
 * "range", "approx_plural"; "?" for anything else. */
const char *hd_qualifier_name(int q);

#endif
