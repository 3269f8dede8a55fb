/*
 * stems.c: hadath's full-text terms, shared by the SQLite FTS5 tokenizer
 * (fts_tokenizer.c) and the PostgreSQL stems column (ingest.c), so both
 * engines find the same articles for the same query.
 *
 * A word is a run of letters, marks and digits (Unicode categories L, M, N,
 * via utf8proc). Its term is the word's normalized match key
 * (hd_text_normalize: alef and yeh forms, teh marbuta, diacritics, digits,
 * loanword spellings) with its clitics stripped (hd_text_strip_clitics:
 * و ف ب ل ك, the article, pronoun suffixes), exactly as the coder builds
 * token stems, so والديمقراطية and بالديمقراطية both become ديمقراطيه.
 * Light stemming then strips one plural or feminine ending (ات ون ين, and
 * ة, which the key already spells ه) when at least three letters remain,
 * so الاحتجاجات meets احتجاج. It is deliberately blunt: a search engine's
 * recall matters more here than a linguist's precision, and the query goes
 * through the same function, so every conflation is symmetric.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "base/arena.h"
#include "store/store.h"
#include "text/utf8.h"

static int is_word_cp(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' &&
                                            (cp | 0x20) <= 'z');
    if (cp == HD_UTF8_REPLACEMENT)
        return 0;
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return 1;
    default:
        return 0;
    }
}

static size_t count_letters(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

static int ends_with(const char *s, size_t n, const char *sfx)
{
    size_t m = strlen(sfx);
    return n >= m && memcmp(s + n - m, sfx, m) == 0;
}

/* The length of the term once one light suffix is gone. */
static size_t light_stem(const char *s, size_t n)
{
    static const char *const suffixes[] = {"ات", "ون", "ين", "ه"};
    for (size_t i = 0; i < 4; i++)
        if (ends_with(s, n, suffixes[i])) {
            size_t m = n - strlen(suffixes[i]);
            if (count_letters(s, m) >= 3)
                return m;
        }
    return n;
}

/* The term of one word s[0..n) into key (cap bytes); returns its slice. */
static const char *word_term(const char *s, size_t n, int light, char *key,
                             size_t cap, size_t *len)
{
    size_t kn = hd_text_normalize(s, n, HD_NORM_DEFAULT, key, cap);
    if (kn >= cap)
        kn = cap - 1;
    size_t off = 0, sl = kn;
    int sfx;
    hd_text_strip_clitics(key, kn, hd_text_clitic_hints(s, n), &off, &sl,
                          &sfx);
    if (light)
        sl = light_stem(key + off, sl);
    *len = sl;
    return key + off;
}

int hd_store_terms(const char *text, size_t n, int light_stem,
                   hd_term_fn fn, void *ctx)
{
    char key[4 * HD_TOKEN_MAX + 64];
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = hd_utf8_decode(text, n, i, &cp);
        if (!is_word_cp(cp)) {
            i += k;
            continue;
        }
        size_t start = i;
        while (i < n && i - start < HD_TOKEN_MAX) {
            k = hd_utf8_decode(text, n, i, &cp);
            if (!is_word_cp(cp))
                break;
            i += k;
        }
        size_t tl;
        const char *t = word_term(text + start, i - start, light_stem, key,
                                  sizeof key, &tl);
        if (tl == 0)
            continue;
        int rc = fn(ctx, t, tl, start, i);
        if (rc)
            return rc;
    }
    return 0;
}

typedef struct stem_out {
    char **out;
    size_t *len, *cap;
} stem_out;

static int append_term(void *ctx, const char *term, size_t n, size_t start,
                       size_t end)
{
    (void)start;
    (void)end;
    stem_out *o = ctx;
    if (*o->len + n + 2 > *o->cap) {
        size_t nc = *o->cap ? *o->cap : 256;
        while (nc < *o->len + n + 2)
            nc *= 2;
        *o->out = hd_xrealloc(*o->out, nc);
        *o->cap = nc;
    }
    char *p = *o->out + *o->len;
    if (*o->len)
        *p++ = ' ';
    memcpy(p, term, n);
    p[n] = '\0';
    *o->len = (size_t)(p + n - *o->out);
    return 0;
}

void hd_store_stem_text(const char *text, size_t n, int light_stem,
                        char **out, size_t *len, size_t *cap)
{
    stem_out o = {out, len, cap};
    if (*cap == 0 || !*out) {
        *out = hd_xrealloc(*out, 256);
        *cap = 256;
        *len = 0;
    }
    (*out)[*len] = '\0';
    hd_store_terms(text, n, light_stem, append_term, &o);
}
