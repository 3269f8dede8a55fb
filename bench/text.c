/*
 * text.c: the text-layer row of the bench.
 *
 * It does per article what a caller of the library does: reset one reused
 * hd_doc, hand it the text (hd_doc_set_text copies it into the doc's arena
 * and makes one zone per paragraph), then hd_text_analyze with the default
 * options: NFKC and Arabic normalization, tokens with keys and clitic-
 * stripped stems, sentences and quotations. The copy is part of the cost on
 * purpose; it is what every real run pays. After the first articles the doc's
 * arena and vectors are large enough and the loop allocates nothing.
 *
 * Tokens are doc->n_tokens: words, but also numbers, punctuation, Latin runs,
 * URLs and symbols, each its own token.
 */
#include <stdlib.h>

#include "base/arena.h"
#include "bench.h"

typedef struct text_state {
    hd_doc doc;
    hd_text_opts opts;
} text_state;

static void *text_open(const bench_config *cfg, hd_error *err)
{
    (void)cfg;
    (void)err;
    text_state *s = hd_xmalloc(sizeof *s);
    hd_doc_init(&s->doc);
    hd_text_opts_default(&s->opts);
    return s;
}

static int text_run(void *state, const bench_slice *slice, bench_counts *out,
                    hd_error *err)
{
    text_state *s = state;
    const bench_corpus *c = slice->corpus;
    for (size_t i = 0; i < slice->n_articles; i++) {
        const char *text = c->text + c->starts[i];
        size_t n = c->starts[i + 1] - c->starts[i];
        hd_doc_reset(&s->doc);
        if (hd_doc_set_text(&s->doc, text, n, err) != 0 ||
            hd_text_analyze(&s->doc, &s->opts, err) != 0)
            return -1;
        out->articles++;
        out->bytes += n;
        out->tokens += s->doc.n_tokens;
        out->check += s->doc.n_sentences + s->doc.n_quotes;
        for (size_t t = 0; t < s->doc.n_tokens; t++)
            out->check += s->doc.tokens[t].stem_len;
    }
    return 0;
}

static void text_close(void *state)
{
    text_state *s = state;
    if (!s)
        return;
    hd_doc_free(&s->doc);
    free(s);
}

const bench_pipeline bench_text_layer = {
    "text layer",
    "every token hd_text_analyze makes: words, numbers, punctuation, ...",
    text_open, text_run, text_close,
};
