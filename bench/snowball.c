/*
 * snowball.c: the speed peer, Snowball's Arabic stemmer (libstemmer).
 *
 * Snowball has no tokenizer, so this row does what its users do: split the
 * text on ASCII whitespace and stem every piece, punctuation and all
 * ("المحتلة،" is one word here). It reads the same texts as the text layer
 * and counts the same articles and bytes; its tokens are those whitespace
 * pieces, fewer than hadath's, which also makes tokens of punctuation and
 * numbers. MB/s therefore compares like with like, tokens/s does not quite.
 *
 * The stemmer normalizes as it stems (it folds hamza forms, strips
 * diacritics and tatweel), so this is roughly the work of the text layer's
 * key and stem step, without tokens, sentences or quotations.
 */
#include <libstemmer.h>

#include "bench.h"

static void *snowball_open(const bench_config *cfg, hd_error *err)
{
    (void)cfg;
    struct sb_stemmer *st = sb_stemmer_new("arabic", "UTF_8");
    if (!st)
        hd_error_set(err, "libstemmer", 0, -1,
                     "sb_stemmer_new(\"arabic\", \"UTF_8\") failed: this "
                     "libstemmer has no Arabic stemmer (Snowball >= 2.0 has)");
    return st;
}

static int is_ascii_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* Stems every whitespace-separated piece of text[0..n); returns the number
 * of pieces, or -1 when the stemmer runs out of memory. */
static long long stem_article(struct sb_stemmer *st, const char *text,
                              size_t n, uint64_t *check)
{
    const unsigned char *p = (const unsigned char *)text, *end = p + n;
    long long words = 0;
    while (p < end) {
        while (p < end && is_ascii_space(*p))
            p++;
        const unsigned char *w = p;
        while (p < end && !is_ascii_space(*p))
            p++;
        if (p == w)
            break;
        if (!sb_stemmer_stem(st, w, (int)(p - w)))
            return -1;
        *check += (uint64_t)sb_stemmer_length(st);
        words++;
    }
    return words;
}

static int snowball_run(void *state, const bench_slice *slice,
                        bench_counts *out, hd_error *err)
{
    struct sb_stemmer *st = state;
    const bench_corpus *c = slice->corpus;
    for (size_t i = 0; i < slice->n_articles; i++) {
        size_t n = c->starts[i + 1] - c->starts[i];
        long long words = stem_article(st, c->text + c->starts[i], n,
                                       &out->check);
        if (words < 0) {
            hd_error_set(err, "libstemmer", (long)i + 1, -1,
                         "sb_stemmer_stem ran out of memory");
            return -1;
        }
        out->articles++;
        out->bytes += n;
        out->tokens += (uint64_t)words;
    }
    return 0;
}

static void snowball_close(void *state)
{
    sb_stemmer_delete(state);
}

const bench_pipeline bench_snowball = {
    "snowball",
    "ASCII-whitespace-separated pieces, each stemmed",
    snowball_open, snowball_run, snowball_close,
};
