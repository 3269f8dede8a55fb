/*
 * words.h: what the coder's tables say of each token, memoized per word.
 *
 * The coder asks the same questions of every token of every sentence: is it
 * the first word of a cue, of a reporting or counted phrase, of a place
 * name, can a number or a date begin on it. Every answer depends only on the
 * token's kind, key, stem and clitics, and news repeats its words: over
 * 3,000 ANT articles a token is one of 8% distinct (key, stem) pairs, 67%
 * within one article. So the coder (src/code/words.c) answers them once per
 * distinct word, in a memo that lives with the hd_doc from one document to
 * the next, and leaves the answers for the current document here, in
 * doc->match_cache[HD_WORDS_SLOT]: one hd_word_info per token.
 *
 * The matchers read them through hd_word_view_of() and fall back to their
 * own lookups when there is no view (a stage called alone, outside hd_code)
 * or the view is of another table. A fact is either exact or a superset
 * ("may start a number"): a matcher that skips a token on it skips only
 * tokens its full test would reject, so results never depend on the memo.
 */
#ifndef HD_TEXT_WORDS_H
#define HD_TEXT_WORDS_H

#include <stdint.h>

#include "hadath.h"
#include "text/text.h"

#define HD_WORDS_SLOT 1 /* doc->match_cache[] slot of the view */
#define HD_WORD_MANY UINT16_MAX

enum hd_word_flag {
    HD_WORD_NUMBER = 1, /* hd_number_at may read a number from here */
    HD_WORD_DATE = 2,   /* a date expression may start here */
    HD_WORD_GAZ = 4,    /* some place name has this as its first word */
    HD_WORD_NUMWORD = 8, /* a number's first word (not a qualifier) */
    HD_WORD_MONTH = 16   /* spells a month name (date.c) */
};

typedef struct hd_word_info {
    uint32_t cue[3];          /* the cue list's chains (slot values: first
                                 link + 1, 0: none) of the key, the stem and
                                 the key less a glued و/ف (cues.c) */
    uint32_t rep_tags;        /* tags of reporting phrases it can begin */
    uint32_t cnt_tags;        /* tags of counted phrases it can begin */
    uint32_t rep_at, cnt_at;  /* their entries (hd_phrases_word_matches) in
                                 the view's phrase_pool */
    uint16_t rep_n, cnt_n;    /* how many; HD_WORD_MANY: too many to keep */
    uint64_t sig;             /* hd_word_sig_bit of each form a list word may
                                 take to match it: key, stem, ال + stem, key
                                 less a first letter, stem less a last */
    uint8_t flags;            /* hd_word_flag */
} hd_word_info;

typedef struct hd_word_view {
    const hd_token *tokens;   /* the tokens it was made for */
    size_t n;
    const void *lexicon;      /* the hd_lexicon they are of */
    const void *cues, *reporting, *counted, *gaz; /* the tables asked */
    const void *date_starts;  /* date.c's start words */
    const uint32_t *phrase_pool; /* the phrase lists' first-word matches */
    const struct hd_lex_tok *lex; /* per token: the lexicon's word ids and
                                 walk starts (src/lex/lex.h), or NULL */
    const uint8_t *cue_second; /* per cue form: 1 + the sig bit of its second
                                 word, 0 for a one-word form */
    const uint8_t *rep_second, *cnt_second; /* the same per phrase entry */
    const hd_word_info *const *w; /* per token; NULL: ask the tables */
} hd_word_view;

/* The bit of a word in hd_word_info.sig. */
static inline uint64_t hd_word_sig_bit(const char *s, size_t n)
{
    return 1ULL << (hd_word_hash(s, n) >> 58);
}

/* Can token i (its info w) be the list word whose second-word code is b
 * (1 + sig bit, 0: no word)? 0 only when surely not. */
static inline int hd_word_may_be(const hd_word_info *w, uint8_t b)
{
    return !w || !b || (w->sig >> (b - 1) & 1);
}

/* The view of doc's current tokens, or NULL. */
static inline const hd_word_view *hd_word_view_of(const hd_doc *doc)
{
    const hd_word_view *v = (const hd_word_view *)doc->match_cache[HD_WORDS_SLOT];
    return v && v->tokens == doc->tokens && v->n == doc->n_tokens ? v : NULL;
}

#endif
