/*
 * attribution.h: who says so (issue 4, item 5), and the phrase lists that
 * attribution.c and quantity.c read.
 *
 * A phrase list is a small data file, one entry a line, `word_sequence
 * [TAG]` like the PETRARCH agent files (data/dict/hadath.reporting.ar.txt
 * and hadath.counted.ar.txt document the format). It is loaded once and is
 * read-only after: one list serves any number of documents and threads.
 *
 * hd_code_attributions() reads an analysed document (hd_text_analyze) and
 * fills doc->attributions: one record for each reporting verb or framing
 * that reports something, in text order, with its speaker, role,
 * organisation and outlet, the quotation it introduces and the clause it
 * covers. Then it gives each event of doc->events (hd_code) the attribution
 * of its trigger, or -1. hd_attribution_at() answers the same question for
 * any byte of the text (quantity.c uses it).
 */
#ifndef HD_CODE_ATTRIBUTION_H
#define HD_CODE_ATTRIBUTION_H

#include <stddef.h>
#include <stdint.h>

#include "hadath.h"

/* ------------------------------------------------------- phrase lists */

/* One entry: n_words normalized words, NUL-separated in the pool. */
typedef struct hd_phrase {
    uint32_t words;           /* pool offset */
    uint16_t n_words;
    uint16_t tag;             /* index into the tag names given to load */
    uint32_t line;
    uint32_t next;            /* next entry in the same hash slot, or
                                 UINT32_MAX */
    uint32_t first_len;       /* bytes of the first word */
} hd_phrase;

typedef struct hd_phrases {
    char *pool;
    size_t pool_len, pool_cap;
    hd_phrase *items;
    size_t n, cap;
    uint32_t *slots;          /* hash of the first word -> first entry + 1 */
    size_t n_slots;           /* a power of two */
    int tanwin;               /* also match a word less a final alef */
    char path[512];
    size_t n_lines, n_skipped;/* lines read; lines that could not be read */
    char first_error[256];    /* the first of them, "line N: why" */
    int mapped;               /* arrays in a compiled lexicon (lexfile.c) */
} hd_phrases;

/* Loads path into p (zeroed or freed before). tags[0..n_tags) are the tag
 * names the file may use; an entry's tag is its index there. A line with an
 * unknown tag or no words is counted in n_skipped, never fatal. tanwin: let
 * a word also match a token whose stem less a final ا is that word (the
 * accusative شخصا meets شخص). Returns 0, or -1 with err set when the file
 * cannot be read. */
int hd_phrases_load(hd_phrases *p, const char *path, const char *const *tags,
                    size_t n_tags, int tanwin, hd_error *err);
void hd_phrases_free(hd_phrases *p);

/* The longest entry that starts at token i and ends before token end:
 * returns the tokens it covers (0: none) and stores its tag. Among entries
 * of one length, one whose first word is the token's full key beats one
 * that matched the stem (الأحد the day beats أحد "one of"). tag_or_neg:
 * -1 for any tag, else only entries with that tag. */
size_t hd_phrases_match(const hd_phrases *p, const hd_doc *doc, size_t i,
                        size_t end, int tag_or_neg, int *tag);
/* The same; *tanwin (may be NULL) says whether the first word matched only
 * once a final alef was taken off (the accusative شخصا for شخص). */
size_t hd_phrases_match_ex(const hd_phrases *p, const hd_doc *doc, size_t i,
                           size_t end, int tag_or_neg, int *tag, int *tanwin);
/* The tags (bit 1 << tag; every bit for a tag past 31) of the entries
 * whose first word token t can be: hd_phrases_match finds nothing at t for
 * a tag outside them. The coder's word memo keeps it per word. */
uint32_t hd_phrases_word_tags(const hd_phrases *p, const hd_token *t);
/* The entries whose first word token t can be, in the order
 * hd_phrases_match tries them, as entry << 2 | tanwin << 1 | exact (exact:
 * the token's full key is the word; tanwin: its stem less a final alef
 * is). Stores the first cap; returns how many there are. The coder's word
 * memo keeps them per word, so that a match starts from these. */
size_t hd_phrases_word_matches(const hd_phrases *p, const hd_token *t,
                               uint32_t *out, size_t cap);

/* --------------------------------------------------------- attribution */

/* The tags of hadath.reporting.ar.txt (the file explains each). */
enum hd_report_tag {
    HD_RT_VERB = 0, HD_RT_CIRC, HD_RT_RELAY, HD_RT_FRAME, HD_RT_COMP,
    HD_RT_ROLE, HD_RT_ROLE_ORG, HD_RT_LINK, HD_RT_TITLE, HD_RT_OUTLET,
    HD_RT_ORG, HD_RT_SOURCE, HD_RT_SKIP, HD_RT_MEDIUM, HD_RT_STOP,
    HD_RT_OUTLET_HEAD,
    HD_RT_COUNT
};

#define HD_REPORTING_FILE "dict/hadath.reporting.ar.txt"

/* Loads DIR/dict/hadath.reporting.ar.txt. */
int hd_reporting_load(hd_phrases *p, const char *data_dir, hd_error *err);

/* Fills doc->attributions and each event's attribution field. lex_or_null,
 * when given, finds organisation and person names through the actor
 * dictionaries; without it the names are found from the shape of the words
 * alone. Returns 0, or -1 with err set (reporting NULL). */
int hd_code_attributions(hd_doc *doc, const hd_phrases *reporting,
                         const hd_lexicon *lex_or_null, hd_error *err);

/* The same, for callers that read the attributions only at the bytes of
 * the sentences si with need[si] != 0 (need NULL: all, as
 * hd_code_attributions): hd_attribution_at() there, and so every event's
 * attribution, is as hd_code_attributions makes it, and doc->attributions
 * holds the records up to the last sentence that can make one of those
 * (a record copies earlier ones, and claims quotations for later ones). */
int hd_code_attributions_in(hd_doc *doc, const hd_phrases *reporting,
                            const hd_lexicon *lex_or_null,
                            const uint8_t *need, hd_error *err);

/* The attribution that covers byte `at` of doc->text: the one whose
 * quotation holds it, else the one with the narrowest scope that holds it;
 * -1 when none. */
int32_t hd_attribution_at(const hd_doc *doc, uint32_t at);

#endif
