/*
 * corpus.c: the bench's input, read once and held in memory.
 *
 * Timing must measure the pipelines, not gzip, JSON parsing or the disk, so
 * the corpus is read up front through the library's own JSONL reader (the
 * texts are exactly what `hadath` would analyse: title, blank line, body)
 * and kept as one buffer of texts plus an array of article offsets. The
 * corpus is smaller than the sizes a throughput figure needs, so it is
 * repeated, whole articles at a time, until it is large enough; repeating
 * keeps the mix of articles the same at every size.
 */
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "bench.h"

static void push_start(bench_corpus *c, size_t offset)
{
    HD_VEC_RESERVE(c->starts, c->cap_starts, c->n_articles + 2);
    c->starts[c->n_articles + 1] = offset;
}

static void append_text(bench_corpus *c, const char *text, size_t n)
{
    if (c->len + n > c->cap) {
        size_t cap = c->cap ? c->cap : 16u << 20;
        while (cap < c->len + n)
            cap *= 2;
        c->text = hd_xrealloc(c->text, cap);
        c->cap = cap;
    }
    memcpy(c->text + c->len, text, n);
    c->len += n;
}

static void add_article(bench_corpus *c, const char *text, size_t n)
{
    append_text(c, text, n);
    push_start(c, c->len);
    c->n_articles++;
}

static void corpus_init(bench_corpus *c)
{
    memset(c, 0, sizeof *c);
    HD_VEC_RESERVE(c->starts, c->cap_starts, 1024);
    c->starts[0] = 0;
}

int bench_corpus_load(bench_corpus *c, const char *path, hd_error *err)
{
    corpus_init(c);
    hd_reader *r = hd_reader_open(path, HD_FMT_JSONL, err);
    if (!r)
        return -1;
    hd_doc doc;
    hd_doc_init(&doc);
    hd_error rec_err;
    int got;
    while ((got = hd_reader_next(r, &doc, &rec_err)) != 0) {
        if (got < 0)
            c->bad_records++;
        else if (doc.len == 0)
            c->empty_records++;
        else
            add_article(c, doc.text, doc.len);
    }
    hd_doc_free(&doc);
    hd_reader_close(r);
    c->unique_articles = c->n_articles;
    c->unique_bytes = c->len;
    if (c->n_articles == 0) {
        hd_error_set(err, path, 0, -1, "no document with text (%zu bad "
                     "records)", c->bad_records);
        return -1;
    }
    return 0;
}

void bench_corpus_repeat(bench_corpus *c, size_t min_bytes)
{
    if (c->len >= min_bytes)
        return;
    /* Reserve it all now: the loop copies from the buffer into itself, so it
     * must not move. The last article overshoots by less than one copy. */
    size_t need = min_bytes + c->unique_bytes;
    c->text = hd_xrealloc(c->text, need);
    c->cap = need;
    for (size_t i = 0; c->len < min_bytes; i = (i + 1) % c->unique_articles) {
        size_t start = c->starts[i], n = c->starts[i + 1] - start;
        add_article(c, c->text + start, n);
    }
}

bench_slice bench_corpus_prefix(const bench_corpus *c, size_t min_bytes)
{
    size_t lo = 0, hi = c->n_articles;  /* smallest k with starts[k] >= min */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->starts[mid] >= min_bytes)
            hi = mid;
        else
            lo = mid + 1;
    }
    return (bench_slice){c, lo, c->starts[lo]};
}

void bench_corpus_free(bench_corpus *c)
{
    free(c->text);
    free(c->starts);
    memset(c, 0, sizeof *c);
}
