/*
 * options.c: hadath-bench's command line.
 *
 * Every option takes a value and the last one given wins, so bench/run.sh
 * can pass its defaults first and let a person's options follow them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

/* The dictionaries: a build may name them (-DHD_BENCH_DATA_DIR="..."); else
 * data/ relative to the repository root, where bench/run.sh runs. */
#ifndef HD_BENCH_DATA_DIR
#define HD_BENCH_DATA_DIR "data"
#endif

static void usage(FILE *out)
{
    fprintf(out,
            "usage: hadath-bench --corpus FILE.jsonl[.gz] [--mb N] [--runs N]"
            " [--sizes LIST]\n                    [--data DIR]\n\n"
            "Times hadath's text layer (hd_doc_set_text + hd_text_analyze) "
            "and the full\n`hadath code` path (+ hd_code + the JSONL writer) "
            "against Snowball's Arabic\nstemmer over the same texts, held "
            "in memory, on one thread.\n\n"
            "  --corpus FILE  JSONL articles (read with hd_reader, title + "
            "body)\n"
            "  --mb N         repeat the articles to at least N MB (default "
            "50; MB = 10^6 bytes)\n"
            "  --runs N       keep the best of N runs of each measurement "
            "(default 3)\n"
            "  --sizes LIST   text-layer linearity over prefixes of these "
            "many MB,\n"
            "                 comma-separated (default 1,10,100; \"\" for "
            "none)\n"
            "  --data DIR     dictionaries for hadath code (default: %s)\n",
            HD_BENCH_DATA_DIR);
}

static int parse_number(const char *s, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || !(v > 0) || v > 1e5)
        return -1;
    *out = v;
    return 0;
}

static int parse_sizes(const char *list, bench_config *cfg)
{
    char buf[256];
    int max = BENCH_MAX_SIZES;
    snprintf(buf, sizeof buf, "%s", list);
    cfg->n_sizes = 0;
    for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
        if (cfg->n_sizes == max ||
            parse_number(tok, &cfg->sizes[cfg->n_sizes]) != 0)
            return -1;
        cfg->n_sizes++;
    }
    return 0;
}

static int parse_option(bench_config *cfg, const char *opt, const char *val)
{
    double v;
    if (strcmp(opt, "--corpus") == 0)
        cfg->corpus_path = val;
    else if (strcmp(opt, "--data") == 0)
        cfg->data_dir = val;
    else if (strcmp(opt, "--mb") == 0 && parse_number(val, &v) == 0)
        cfg->mb = v;
    else if (strcmp(opt, "--runs") == 0 && parse_number(val, &v) == 0 &&
             v <= 100 && v == (int)v)
        cfg->runs = (int)v;
    else if (strcmp(opt, "--sizes") == 0 && parse_sizes(val, cfg) == 0)
        ;
    else
        return -1;
    return 0;
}

int bench_parse_args(int argc, char **argv, bench_config *cfg)
{
    *cfg = (bench_config){NULL, HD_BENCH_DATA_DIR, 50, 3, {1, 10, 100}, 3};
    for (int i = 1; i < argc; i += 2) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 1;
        }
        if (i + 1 >= argc || parse_option(cfg, argv[i], argv[i + 1]) != 0) {
            fprintf(stderr, "hadath-bench: bad option or value: %s%s%s\n",
                    argv[i], i + 1 < argc ? " " : "",
                    i + 1 < argc ? argv[i + 1] : "");
            usage(stderr);
            return -1;
        }
    }
    if (!cfg->corpus_path) {
        fprintf(stderr, "hadath-bench: --corpus FILE is required\n");
        usage(stderr);
        return -1;
    }
    return 0;
}
