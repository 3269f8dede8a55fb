/* text.h: the text layer's internal joints (the public half is in hadath.h).
 * hd_text_analyze() runs, for each zone in order, the tokenizer and then the
 * sentence splitter over the tokens the zone produced. */
#ifndef HD_TEXT_TEXT_H
#define HD_TEXT_TEXT_H

#include <string.h>

#include "hadath.h"

/* A hash of a match key (or any short string) in constant time, for the
 * word tables of every matcher (lex, cues, phrase lists, gazetteer): its
 * length and its first and last eight bytes (four for short words).
 * Keys that share both ends only cost a probe, since lookups compare the
 * bytes. The value depends on the byte order of the machine; the compiled
 * lexicon records it. */
static inline uint64_t hd_word_mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

static inline uint64_t hd_word_hash(const char *s, size_t n)
{
    uint64_t a = 0, b = 0;
    if (n >= 8) {
        memcpy(&a, s, 8);
        memcpy(&b, s + n - 8, 8);
    } else if (n >= 4) {
        uint32_t x, y;
        memcpy(&x, s, 4);
        memcpy(&y, s + n - 4, 4);
        a = x;
        b = y;
    } else {
        for (size_t i = 0; i < n; i++)
            a = a << 8 | (unsigned char)s[i];
    }
    return hd_word_mix(a * 0x9e3779b97f4a7c15ULL ^ hd_word_mix(b + n));
}

/* Are a[0..n) and b[0..n) the same bytes? Words are short: eight bytes at
 * a time, inline, where memcmp would cost a call. */
static inline int hd_same_bytes(const char *a, const char *b, size_t n)
{
    uint64_t x, y;
    if (n >= 8) {
        for (size_t i = 0; i + 8 <= n; i += 8) {
            memcpy(&x, a + i, 8);
            memcpy(&y, b + i, 8);
            if (x != y)
                return 0;
        }
        memcpy(&x, a + n - 8, 8);
        memcpy(&y, b + n - 8, 8);
        return x == y;
    }
    if (n >= 4) { /* the first four bytes and the last four */
        uint32_t u, v, w, z;
        memcpy(&u, a, 4);
        memcpy(&v, b, 4);
        memcpy(&w, a + n - 4, 4);
        memcpy(&z, b + n - 4, 4);
        return u == v && w == z;
    }
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

/* Appends the tokens of doc->text[zone->start..zone->end) to doc->tokens,
 * with keys and stems; counts invalid UTF-8 and NUL bytes into the doc. */
/* Folds loanword spelling variants of a finished key in place (normalize.c,
 * step 9); returns the new length. */
size_t hd_text_fold_variants(char *key, size_t len);

void hd_text_tokenize_zone(hd_doc *doc, const hd_zone *zone,
                           const hd_text_opts *opts);

/* The key memo (keymemo.c): per plain word (2-byte Arabic only), the key
 * and stem its surface gives under the options (mode). Kept in the doc
 * across documents. */
typedef struct hd_key_memo hd_key_memo;
typedef struct hd_key_stem {
    size_t kl;                /* the key's length */
    const char *key;          /* the key (found: valid until the next add) */
    uint32_t stem_off, stem_len;
    uint8_t prefixes, suffix;
    uint32_t entry;           /* found: the memo's entry */
    uint64_t link;            /* found: its link words, link[1] << 32 |
                                 link[0], copied while the line is at hand */
} hd_key_stem;

hd_key_memo *hd_key_memo_of(hd_doc *doc);
/* At the start of an analysis: empties a full memo. */
void hd_key_memo_begin(hd_doc *doc);
int hd_key_memo_find(const hd_key_memo *m, const char *surface, size_t n,
                     unsigned mode, hd_key_stem *out);
/* The same lookup in steps, for a tokenizer that reads ahead: a miss in
 * the memo (megabytes) costs more than the rest of a known word, and the
 * lookups of the next words do not depend on this one, so it hashes a
 * word some words early, asks for its slots, later for the entry the
 * slots name, and finds it with the hash it kept. Prefetches change no
 * answer; find_hashed(h = hd_key_memo_hash(...)) is hd_key_memo_find. */
uint64_t hd_key_memo_hash(const char *surface, size_t n, unsigned mode);
/* The same in two parts, for a caller that hashes many words under one
 * mode: hd_key_memo_hash(s, n, mode) is
 * hd_key_memo_hash_mixed(s, n, hd_key_memo_mode_mix(mode)). */
static inline uint64_t hd_key_memo_mode_mix(unsigned mode)
{
    return hd_word_mix((uint64_t)mode | 1ULL << 63);
}
static inline uint64_t hd_key_memo_hash_mixed(const char *surface, size_t n,
                                              uint64_t mode_mix)
{
    return hd_word_hash(surface, n) ^ mode_mix;
}
void hd_key_memo_prefetch_slots(const hd_key_memo *m, uint64_t h);
void hd_key_memo_prefetch_entry(const hd_key_memo *m, uint64_t h);
int hd_key_memo_find_hashed(const hd_key_memo *m, const char *surface,
                            size_t n, unsigned mode, uint64_t h,
                            hd_key_stem *out);
/* Returns the new entry, or HD_KEY_NONE when the word is too long. */
uint32_t hd_key_memo_add(hd_key_memo *m, const char *surface, size_t n,
                         unsigned mode, const char *key, const hd_key_stem *s);

/* Which entry each token came from, for the coder's word memo: the
 * tokenizer notes it per token (HD_KEY_NONE: none), the analysis publishes
 * the list in doc->match_cache[HD_KEYS_SLOT] once the tokens are final,
 * and an entry carries two words the coder may use (hd_key_view.link) to
 * find its own record of the word without a lookup. */
#define HD_KEY_NONE UINT32_MAX
#define HD_KEYS_SLOT 2
typedef struct hd_key_view {
    const hd_token *tokens;   /* the tokens it was made for */
    size_t n;
    const uint32_t *entry;    /* per token */
    const uint64_t *link;     /* per token: its entry's link words as the
                                 tokenizer found them (0: none), so the
                                 coder need not read the entry again */
    hd_key_memo *memo;
} hd_key_view;

/* Room for the entries of tokens [0, need): the array the tokenizer fills;
 * *links, the same for their link words. */
uint32_t *hd_key_memo_entries(hd_key_memo *m, size_t need, uint64_t **links);
void hd_key_memo_publish(hd_doc *doc);
/* Sets an entry's link (a frozen entry keeps its own). */
void hd_key_memo_set_link(hd_key_memo *m, uint32_t entry, uint32_t word,
                          uint32_t gen);

/* Frozen levels (see keymemo.c): a memo's entries, copied with their
 * numbers into an immutable level threads may share. Each link of the
 * copy is set once and for all: to word_of() the entry's word (as a token)
 * and its link, with gen tag, or emptied where that is UINT32_MAX. A memo adopting a level keeps the own
 * entries the level lacks (renumbered, links emptied). */
typedef struct hd_key_level hd_key_level;
hd_key_memo *hd_key_memo_peek(hd_doc *doc); /* the doc's, or NULL */
size_t hd_key_memo_size(const hd_key_memo *m);
hd_key_level *hd_key_memo_freeze(const hd_key_memo *m,
                                 uint32_t (*word_of)(const void *ctx,
                                                     const hd_token *t,
                                                     const uint32_t link[2]),
                                 const void *ctx, uint32_t tag);
void hd_key_level_free(hd_key_level *l);
void hd_key_memo_adopt(hd_key_memo *m, const hd_key_level *l);

/* What the later stages may skip at each token: one byte a token, that
 * hd_words_prepare (code/words.c) copies from each word memo entry as it
 * makes the view (text/words.h), into doc->match_cache[HD_SKIPS_SLOT]: the
 * entry keeps the bits of its info, made once per word. The cue list, dates,
 * places, reporting cues and numbers each walk every token of the document
 * to test one fact of its hd_word_info; read from the memo, that is one
 * scattered cache line per token per stage (2.8 first-level misses a token
 * over the five on 3,000 articles; a pass of its own that made these cost
 * 0.9), read from here one line per 64 tokens. A bit is
 * set only where the view has the token's info and the info says no, so a
 * stage skips exactly what it skipped reading the info itself. */
#define HD_SKIPS_SLOT 3
enum hd_tok_skip {
    HD_SKIP_CUE = 1,    /* no cue chain (hd_word_info.cue all 0) */
    HD_SKIP_DATE = 2,   /* not HD_WORD_DATE */
    HD_SKIP_GAZ = 4,    /* not HD_WORD_GAZ */
    HD_SKIP_NUMBER = 8, /* not HD_WORD_NUMBER */
    HD_SKIP_REP = 16    /* no reporting phrase tags (rep_tags 0) */
};
typedef struct hd_tok_skips {
    const void *view;    /* the hd_word_view they were read from */
    const uint8_t *skip; /* per token: hd_tok_skip bits */
} hd_tok_skips;

/* The skips read from view (the hd_word_view a stage uses), or NULL. */
static inline const uint8_t *hd_tok_skips_of(const hd_doc *doc,
                                             const void *view)
{
    const hd_tok_skips *s = (const hd_tok_skips *)doc->match_cache[HD_SKIPS_SLOT];
    return view && s && s->view == view ? s->skip : NULL;
}

static inline const hd_key_view *hd_key_view_of(const hd_doc *doc)
{
    const hd_key_view *v = (const hd_key_view *)doc->match_cache[HD_KEYS_SLOT];
    return v && v->tokens == doc->tokens && v->n == doc->n_tokens ? v : NULL;
}

/* Splits tokens [tok_first, doc->n_tokens) of zone number `paragraph` into
 * sentences and quotations, appended to doc->sentences and doc->quotes. */
void hd_text_split_zone(hd_doc *doc, const hd_zone *zone, uint32_t paragraph,
                        size_t tok_first);

/* How hd_text_normalize() treats a code point of U+0600..U+06FF: if
 * (flags & flag), drop it or map it to `to` (an ASCII or 2-byte Arabic code
 * point; 0xFFFF means "ask NFKC"). Indexed by code point - 0x600. The
 * tokenizer applies the same table while it scans a word, so that a word's
 * characters are read once. */
enum { HD_RULE_KEEP = 0, HD_RULE_DROP, HD_RULE_MAP };
typedef struct hd_arabic_rule {
    uint8_t flag;
    uint8_t kind;
    uint16_t to;
} hd_arabic_rule;
extern const hd_arabic_rule hd_arabic_rules[256];

/* Writes the key bytes of the 2-byte character p[0..2), which is
 * U+0600 + low and not one of the 0xFFFF entries; returns how many (0-2). */
static inline size_t hd_arabic_key(const unsigned char *p, unsigned low,
                                   unsigned flags, char *out)
{
    hd_arabic_rule r = hd_arabic_rules[low];
    if (r.kind == HD_RULE_KEEP || !(flags & r.flag)) {
        out[0] = (char)p[0];
        out[1] = (char)p[1];
        return 2;
    }
    if (r.kind == HD_RULE_DROP)
        return 0;
    if (r.to < 0x80) {
        out[0] = (char)r.to;
        return 1;
    }
    out[0] = (char)(0xC0 | (r.to >> 6));
    out[1] = (char)(0x80 | (r.to & 0x3F));
    return 2;
}

/* hd_text_strip_clitics() for a key known to hold only 2-byte letters of
 * the Arabic block (a plain word's key). */
unsigned hd_text_strip_clitics_arabic(const char *key, size_t n,
                                      unsigned hints, size_t *off,
                                      size_t *len, int *suffix);

/* 1 if the word lists of clitic.c are in the byte order their binary search
 * needs (checked by the tests). */
int hd_text__clitic_lists_sorted(void);

#endif
