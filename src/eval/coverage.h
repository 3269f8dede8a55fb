/* coverage.h: how much of the gold actor and verb mentions the dictionaries
 * can see at all (src/lex lookups only, no coder). */
#ifndef HD_EVAL_COVERAGE_H
#define HD_EVAL_COVERAGE_H

#include <stddef.h>

#include "hadath.h"
#include "lex/lex.h"

typedef struct hd_coverage {
    size_t sentences;         /* items read */
    size_t actor_mentions;    /* non-empty source_actor / target_actor spans */
    size_t actor_matched;     /* ... with a token covered by an actor or
                                 agent entry */
    size_t actor_by_actor;    /* ... covered by an actor entry (not only an
                                 agent) */
    size_t verb_mentions;     /* non-empty verb spans */
    size_t verb_matched;      /* ... with a token that is a verb entry */
    size_t words, words_unfound; /* span words, and those not found among
                                    the sentence's tokens */
} hd_coverage;

/* Reads one span JSON file (shared/eval/spans-*-dev.json: items with text
 * and spans[] of source_actor / verb / target_actor word lists), analyses
 * each text with the text layer, and adds to cov (not reset: call it on
 * several files to sum). A mention is counted once per item even when
 * several annotators gave the same words. Returns 0, or -1 with err set
 * when the file cannot be read or parsed. */
int hd_coverage_add_file(const hd_lex *lex, const char *path,
                         hd_coverage *cov, hd_error *err);

/* 100 * k / n, 0 when n is 0. */
double hd_coverage_percent(size_t k, size_t n);

#endif
