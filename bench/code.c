/*
 * code.c: the `hadath code` row of the bench.
 *
 * It does per article what `hadath code` does once the reader has built the
 * document: reset one reused hd_doc, hand it the text (hd_doc_set_text),
 * hd_text_analyze with the default options, hd_code_ex with the lexicon
 * for the events only (HD_CODE_EVENTS_ONLY, as the command asks), and
 * hd_out_events_jsonl into one reused hd_buf, the default output format.
 * The command then writes the buffer to stdout; here the bytes are counted
 * and the buffer cleared, so the figure is the coder's cost, not the
 * terminal's or the disk's. The lexicon is opened once, outside the clock,
 * as the command opens it once per run.
 *
 * The documents carry no id and no date (the bench keeps only the texts):
 * ids in the JSONL read "doc", and the coder falls back on the actor codes
 * that hold without a date, as `hadath code` does on a dateless input.
 *
 * Tokens are doc->n_tokens, as in the text-layer row, so the two rows'
 * tokens/s differ only by what coding and writing cost.
 */
#include <stdlib.h>

#include "base/arena.h"
#include "base/buf.h"
#include "bench.h"
#include "out/event.h"

typedef struct code_state {
    hd_doc doc;
    hd_text_opts opts;
    hd_lexicon *lex;
    hd_buf out;
} code_state;

static void code_close(void *state)
{
    code_state *s = state;
    if (!s)
        return;
    hd_buf_free(&s->out);
    if (s->lex)
        hd_lexicon_close(s->lex);
    hd_doc_free(&s->doc);
    free(s);
}

static void *code_open(const bench_config *cfg, hd_error *err)
{
    code_state *s = hd_xmalloc(sizeof *s);
    *s = (code_state){.lex = NULL};
    hd_doc_init(&s->doc);
    hd_text_opts_default(&s->opts);
    s->lex = hd_lexicon_open(cfg->data_dir, err);
    if (!s->lex) {
        code_close(s);
        return NULL;
    }
    return s;
}

static int code_run(void *state, const bench_slice *slice, bench_counts *out,
                    hd_error *err)
{
    code_state *s = state;
    const bench_corpus *c = slice->corpus;
    for (size_t i = 0; i < slice->n_articles; i++) {
        const char *text = c->text + c->starts[i];
        size_t n = c->starts[i + 1] - c->starts[i];
        hd_doc_reset(&s->doc);
        if (hd_doc_set_text(&s->doc, text, n, err) != 0 ||
            hd_text_analyze(&s->doc, &s->opts, err) != 0 ||
            hd_code_ex(s->lex, &s->doc, HD_CODE_EVENTS_ONLY, err) != 0)
            return -1;
        hd_buf_clear(&s->out);
        hd_out_events_jsonl(&s->out, &s->doc);
        out->articles++;
        out->bytes += n;
        out->tokens += s->doc.n_tokens;
        out->events += s->doc.n_events;
        out->out_bytes += s->out.len;
        out->check += s->doc.n_events + s->doc.n_actors + s->out.len;
    }
    return 0;
}

const bench_pipeline bench_hadath_code = {
    "hadath code",
    "as the text layer (doc->n_tokens), then hd_code and the JSONL writer",
    code_open, code_run, code_close,
};
