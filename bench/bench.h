/*
 * bench.h: the pieces of hadath-bench (make bench).
 *
 * The bench is a table of timed pipelines run over one in-memory corpus. A
 * pipeline is four functions (open, run, close and a name): the driver in
 * bench.c knows nothing else about it, so a row (code.c, the full `hadath
 * code` path: lexicon, coder, output) is one file and one table entry.
 * Every row sees the same bytes: the articles' texts, as the JSONL reader
 * builds them (title, blank line, body), back to back in one buffer.
 */
#ifndef HD_BENCH_H
#define HD_BENCH_H

#include <stddef.h>
#include <stdint.h>

#include "hadath.h"

/* Megabytes are decimal throughout: 1 MB = 10^6 bytes. */
#define BENCH_MB 1000000.0

/* At most this many prefix sizes in the linearity table. */
#define BENCH_MAX_SIZES 8

/* The articles' texts in one buffer: article i is
 * text[starts[i] .. starts[i + 1]). */
typedef struct bench_corpus {
    char *text;
    size_t len, cap;
    size_t *starts;              /* n_articles + 1 entries */
    size_t n_articles, cap_starts;
    size_t unique_articles;      /* as read, before repetition */
    size_t unique_bytes;
    size_t bad_records;          /* records the reader rejected */
    size_t empty_records;        /* documents with no text, left out */
} bench_corpus;

/* Reads every document of a JSONL(.gz) file into c. Returns 0, or -1 with
 * err set (the file cannot be opened, or holds no text at all). */
int bench_corpus_load(bench_corpus *c, const char *path, hd_error *err);
/* Appends copies of the articles read until the text holds at least
 * min_bytes; whole articles only. */
void bench_corpus_repeat(bench_corpus *c, size_t min_bytes);
void bench_corpus_free(bench_corpus *c);

/* The first n_articles articles of a corpus: what one timed run covers. */
typedef struct bench_slice {
    const bench_corpus *corpus;
    size_t n_articles;
    size_t bytes;
} bench_slice;

/* The shortest prefix of whole articles holding at least min_bytes (or the
 * whole corpus when it is smaller). */
bench_slice bench_corpus_prefix(const bench_corpus *c, size_t min_bytes);

/* What one run did. Two runs over the same slice must agree on all of it:
 * the driver checks, so a pipeline that skips work is caught. */
typedef struct bench_counts {
    uint64_t articles;
    uint64_t bytes;
    uint64_t tokens;
    uint64_t check;  /* a sum over the pipeline's output (stem bytes, ...) */
    uint64_t events;     /* events coded (rows that code; else 0) */
    uint64_t out_bytes;  /* bytes of output written (else 0) */
} bench_counts;

/* Settings every pipeline may read; a row that needs more (the coder's data
 * directory) adds a field here. */
typedef struct bench_config {
    const char *corpus_path;
    const char *data_dir;  /* dictionaries, for the hadath code row */
    double mb;             /* size of the main comparison, in MB */
    int runs;              /* each timing is the best of this many runs */
    double sizes[BENCH_MAX_SIZES]; /* linearity prefixes, in MB */
    int n_sizes;
} bench_config;

/* Fills cfg from the command line (options.c). Returns 0, 1 after --help
 * (usage printed), or -1 after a usage error (printed on stderr). */
int bench_parse_args(int argc, char **argv, bench_config *cfg);

typedef struct bench_pipeline {
    const char *name;   /* the row's label */
    const char *token;  /* what this row counts as a token */
    /* Builds the pipeline's state (outside the timing). NULL with err set
     * on failure. */
    void *(*open)(const bench_config *cfg, hd_error *err);
    /* Processes every article of slice once, adding to *out. Returns 0, or
     * -1 with err set. */
    int (*run)(void *state, const bench_slice *slice, bench_counts *out,
               hd_error *err);
    void (*close)(void *state);
} bench_pipeline;

extern const bench_pipeline bench_text_layer;  /* text.c */
extern const bench_pipeline bench_snowball;    /* snowball.c */
extern const bench_pipeline bench_hadath_code; /* code.c */

#endif
