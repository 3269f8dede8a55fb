/*
 * bench.c: hadath-bench, the driver behind `make bench`.
 *
 * One process, one thread, one corpus held in memory (corpus.c), and a table
 * of pipelines (text.c, code.c, snowball.c). Each measurement, a pipeline over a
 * prefix of the corpus, runs several times and keeps its best time: the best
 * run is the one least disturbed by the rest of the machine, and what the
 * code can do is what a throughput figure should say. Runs must agree on
 * their counts, or the bench fails. After the comparison, the full hadath
 * code path runs over prefixes of growing size (1, 10, 100 MB): its time per
 * MB should stay flat, or some stage is worse than linear.
 *
 * The measurements of one table are interleaved, a round of each at a time
 * (A B A B A B, not A A A B B B): on a shared machine a busy spell then
 * slows every row alike, and the ratios hold even when the absolute figures
 * do not. The thread's CPU time is read too, and a best run that got less
 * than a whole core is flagged rather than silently reported.
 *
 * Setup (reading the corpus, opening a stemmer or a lexicon) is never
 * timed; clock_gettime(CLOCK_MONOTONIC) brackets only a pipeline's run. The
 * bench prints; the library it measures never does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

/* The rows. The peer is what the others are compared with; a row with
 * linearity also runs over the prefixes of --sizes. */
typedef struct bench_row {
    const bench_pipeline *pipeline;
    int is_peer;
    int linearity;
} bench_row;

static const bench_row rows[] = {
    {&bench_text_layer, 0, 0},
    {&bench_hadath_code, 0, 1},
    {&bench_snowball, 1, 0},
};
#define N_ROWS (sizeof rows / sizeof rows[0])

enum { EXIT_USAGE = 2, EXIT_FAIL = 3 };

/* One measurement: a pipeline over a slice, and its best run so far. */
typedef struct job {
    const bench_pipeline *p;
    void *state;
    bench_slice slice;
    bench_counts counts;
    double seconds;      /* wall time of the best run */
    double cpu_seconds;  /* this thread's CPU time during that run */
} job;

static double clock_seconds(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int same_counts(const bench_counts *a, const bench_counts *b)
{
    return a->articles == b->articles && a->bytes == b->bytes &&
           a->tokens == b->tokens && a->check == b->check &&
           a->events == b->events && a->out_bytes == b->out_bytes;
}

static void report_error(const char *what, const hd_error *err)
{
    char buf[1024];
    fprintf(stderr, "hadath-bench: %s: %s\n", what,
            hd_error_format(err, buf, sizeof buf));
}

/* Runs j once (its round-th run) and keeps the run if it is the best. */
static int run_job(job *j, int round)
{
    hd_error err;
    hd_error_clear(&err);
    bench_counts c = {0, 0, 0, 0, 0, 0};
    double t0 = clock_seconds(CLOCK_MONOTONIC);
    double c0 = clock_seconds(CLOCK_THREAD_CPUTIME_ID);
    if (j->p->run(j->state, &j->slice, &c, &err) != 0) {
        report_error(j->p->name, &err);
        return -1;
    }
    double dt = clock_seconds(CLOCK_MONOTONIC) - t0;
    double dc = clock_seconds(CLOCK_THREAD_CPUTIME_ID) - c0;
    if (round > 0 && !same_counts(&c, &j->counts)) {
        fprintf(stderr, "hadath-bench: %s: run %d counted differently from "
                "run 1 over the same text\n", j->p->name, round + 1);
        return -1;
    }
    j->counts = c;
    if (round == 0 || dt < j->seconds) {
        j->seconds = dt;
        j->cpu_seconds = dc;
    }
    return 0;
}

/* `runs` rounds, each running every job once. */
static int run_jobs(job *jobs, size_t n, int runs)
{
    for (int r = 0; r < runs; r++)
        for (size_t i = 0; i < n; i++)
            if (run_job(&jobs[i], r) != 0)
                return -1;
    return 0;
}

static double mb_of(uint64_t bytes)
{
    return (double)bytes / BENCH_MB;
}

/* Seconds per MB of the best run, in wall time or (cpu) CPU time. */
static double per_mb(const job *j, int cpu)
{
    return (cpu ? j->cpu_seconds : j->seconds) / mb_of(j->counts.bytes);
}

static double cpu_share(const job *j)
{
    return j->seconds > 0 ? j->cpu_seconds / j->seconds : 1;
}

/* A best run that did not have its core to itself measured the machine's
 * load as much as the code: say so under the table, and return 1 so the
 * caller adds the figures in CPU time, which other processes disturb less. */
static int warn_if_busy(const job *jobs, size_t n)
{
    double min_share = 1;
    for (size_t i = 0; i < n; i++)
        if (cpu_share(&jobs[i]) < min_share)
            min_share = cpu_share(&jobs[i]);
    if (min_share >= 0.95)
        return 0;
    printf("  warning: a best run had only %.0f%% of a core (cpu column): "
           "the machine was busy,\n  so the wall-time figures understate "
           "the code; rerun on an idle machine\n", min_share * 100);
    return 1;
}

static void print_row(const job *j)
{
    double s = j->seconds;
    printf("  %-12s %12llu %12.3f %9.2f %11.0f %9.3f %5.0f%%\n", j->p->name,
           (unsigned long long)j->counts.tokens,
           (double)j->counts.tokens / s / 1e6, mb_of(j->counts.bytes) / s,
           (double)j->counts.articles / s, s, cpu_share(j) * 100);
}

/* Each row against the peer. Both consume the same bytes, so the MB/s ratio
 * is the ratio of times; the tokens/s ratio also carries the token counts. */
static void print_ratio(const job *j, const job *peer, int busy)
{
    double tokens = (double)j->counts.tokens / j->seconds /
                    ((double)peer->counts.tokens / peer->seconds);
    printf("  %-12s / %s:  %.2fx in tokens/s,  %.2fx in MB/s\n", j->p->name,
           peer->p->name, tokens, peer->seconds / j->seconds);
    if (busy)
        printf("  (in CPU time: %.2f vs %.2f MB/s, %.2fx)\n",
               1 / per_mb(j, 1), 1 / per_mb(peer, 1),
               per_mb(peer, 1) / per_mb(j, 1));
}

/* Under the ratios: why tokens/s is not like for like. The hadath rows
 * count the same tokens (doc->n_tokens), so the first stands for all. */
static void print_token_note(const job *j, const job *peer)
{
    printf("  token counts differ (%llu vs %llu on the same text, %.2fx): "
           "hadath counts\n  punctuation and numbers as tokens of their own, "
           "Snowball's input is the\n  whitespace-separated pieces. MB/s "
           "compares like with like.\n",
           (unsigned long long)j->counts.tokens,
           (unsigned long long)peer->counts.tokens,
           (double)j->counts.tokens / (double)peer->counts.tokens);
}

/* What the coding rows produced, so a reader can see the coder did work. */
static void print_output(const job *j)
{
    if (!j->counts.events && !j->counts.out_bytes)
        return;
    printf("  %s: %llu events, %.1f MB of JSONL written to a buffer "
           "(not printed)\n", j->p->name,
           (unsigned long long)j->counts.events, mb_of(j->counts.out_bytes));
}

/* The ratios of every row to the peer, then the notes. */
static void print_ratios(const job *jobs, int busy)
{
    for (size_t p = 0; p < N_ROWS; p++) {
        if (!rows[p].is_peer)
            continue;
        printf("\n");
        const job *first = NULL;
        for (size_t i = 0; i < N_ROWS; i++) {
            if (rows[i].is_peer)
                continue;
            print_ratio(&jobs[i], &jobs[p], busy);
            if (!first)
                first = &jobs[i];
        }
        if (first)
            print_token_note(first, &jobs[p]);
    }
    for (size_t i = 0; i < N_ROWS; i++)
        print_output(&jobs[i]);
}

/* The main table: every row over the same prefix of cfg->mb MB. */
static int compare_rows(const bench_config *cfg, const bench_corpus *c,
                        void **states)
{
    bench_slice slice = bench_corpus_prefix(c, (size_t)(cfg->mb * BENCH_MB));
    job jobs[N_ROWS];
    for (size_t i = 0; i < N_ROWS; i++)
        jobs[i] = (job){.p = rows[i].pipeline, .state = states[i],
                        .slice = slice};
    printf("\nthroughput over the first %.1f MB (%zu articles), best of %d "
           "interleaved runs:\n", mb_of(slice.bytes), slice.n_articles,
           cfg->runs);
    fflush(stdout);
    if (run_jobs(jobs, N_ROWS, cfg->runs) != 0)
        return -1;
    printf("  %-12s %12s %12s %9s %11s %9s %6s\n", "pipeline", "tokens",
           "M tokens/s", "MB/s", "articles/s", "best s", "cpu");
    for (size_t i = 0; i < N_ROWS; i++)
        print_row(&jobs[i]);
    int busy = warn_if_busy(jobs, N_ROWS);
    print_ratios(jobs, busy);
    printf("\n  tokens:\n");
    for (size_t i = 0; i < N_ROWS; i++)
        printf("    %-12s %s\n", rows[i].pipeline->name,
               rows[i].pipeline->token);
    return 0;
}

static void print_linearity(const job *jobs, size_t n)
{
    printf("  %10s %10s %10s %10s %9s %6s\n", "input MB", "articles",
           "best s", "ms per MB", "MB/s", "cpu");
    for (size_t i = 0; i < n; i++)
        printf("  %10.1f %10llu %10.3f %10.2f %9.2f %5.0f%%\n",
               mb_of(jobs[i].counts.bytes),
               (unsigned long long)jobs[i].counts.articles, jobs[i].seconds,
               per_mb(&jobs[i], 0) * 1e3, 1 / per_mb(&jobs[i], 0),
               cpu_share(&jobs[i]) * 100);
    if (n > 1)
        printf("  time per MB at the largest size is %.2fx that at the "
               "smallest\n", per_mb(&jobs[n - 1], 0) / per_mb(&jobs[0], 0));
    if (warn_if_busy(jobs, n) && n > 1) {
        printf("  in CPU time, ms per MB:");
        for (size_t i = 0; i < n; i++)
            printf(" %.2f", per_mb(&jobs[i], 1) * 1e3);
        printf(" (%.2fx)\n", per_mb(&jobs[n - 1], 1) / per_mb(&jobs[0], 1));
    }
}

/* Time per MB over prefixes of growing size, for one row. */
static int linearity(const bench_config *cfg, const bench_corpus *c,
                     const bench_pipeline *p, void *state)
{
    job jobs[BENCH_MAX_SIZES];
    size_t n = (size_t)cfg->n_sizes;
    for (size_t i = 0; i < n; i++)
        jobs[i] = (job){.p = p, .state = state,
                        .slice = bench_corpus_prefix(
                            c, (size_t)(cfg->sizes[i] * BENCH_MB))};
    printf("\nlinearity of the %s: time per MB over prefixes of the "
           "repeated text,\nbest of %d interleaved runs at each size:\n",
           p->name, cfg->runs);
    fflush(stdout);
    if (run_jobs(jobs, n, cfg->runs) != 0)
        return -1;
    print_linearity(jobs, n);
    return 0;
}

static double largest_size(const bench_config *cfg)
{
    double mb = cfg->mb;
    for (int i = 0; i < cfg->n_sizes; i++)
        if (cfg->sizes[i] > mb)
            mb = cfg->sizes[i];
    return mb;
}

/* Reads the corpus and repeats it up to the largest size any table needs. */
static int load_corpus(const bench_config *cfg, bench_corpus *c)
{
    hd_error err;
    hd_error_clear(&err);
    double t0 = clock_seconds(CLOCK_MONOTONIC);
    if (bench_corpus_load(c, cfg->corpus_path, &err) != 0) {
        report_error("cannot read the corpus", &err);
        return -1;
    }
    double read_s = clock_seconds(CLOCK_MONOTONIC) - t0;
    bench_corpus_repeat(c, (size_t)(largest_size(cfg) * BENCH_MB));
    printf("corpus:  %s\n", cfg->corpus_path);
    printf("         %zu articles, %.1f MB of text (title + blank line + "
           "body, as hd_reader builds it),\n         read in %.1f s (not "
           "timed below)", c->unique_articles, mb_of(c->unique_bytes),
           read_s);
    if (c->bad_records || c->empty_records)
        printf("; %zu bad records and %zu empty documents left out",
               c->bad_records, c->empty_records);
    printf("\n         repeated to %.1f MB, %zu articles, in one buffer\n",
           mb_of(c->len), c->n_articles);
    return 0;
}

static void print_header(const bench_config *cfg)
{
    printf("hadath-bench %s: text layer and hadath code vs Snowball Arabic "
           "stemmer\n", HD_VERSION);
    printf("machine: %ld cores online; the bench uses one thread",
           sysconf(_SC_NPROCESSORS_ONLN));
#if defined(__clang__)
    printf("; built with %s", __VERSION__);
#elif defined(__GNUC__)
    printf("; built with gcc %s", __VERSION__);
#endif
    printf("\ntiming:  CLOCK_MONOTONIC around each run; best of %d runs of "
           "each measurement;\n         cpu = the thread's CPU time / wall "
           "time of that run (100%% = had a core)\n", cfg->runs);
    printf("data:    %s (hadath code's dictionaries; lexicon opened before "
           "timing)\n", cfg->data_dir);
}

static long peak_rss_mb(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return -1;
    return ru.ru_maxrss / 1024;  /* Linux reports kilobytes */
}

static int open_rows(const bench_config *cfg, void **states)
{
    for (size_t i = 0; i < N_ROWS; i++) {
        hd_error err;
        hd_error_clear(&err);
        states[i] = rows[i].pipeline->open(cfg, &err);
        if (!states[i]) {
            report_error(rows[i].pipeline->name, &err);
            return -1;
        }
    }
    return 0;
}

static int run_bench(const bench_config *cfg, const bench_corpus *c)
{
    void *states[N_ROWS] = {0};
    int rc = open_rows(cfg, states);
    if (rc == 0)
        rc = compare_rows(cfg, c, states);
    for (size_t i = 0; i < N_ROWS && rc == 0; i++)
        if (rows[i].linearity && cfg->n_sizes > 0)
            rc = linearity(cfg, c, rows[i].pipeline, states[i]);
    for (size_t i = 0; i < N_ROWS; i++)
        if (states[i])
            rows[i].pipeline->close(states[i]);
    return rc;
}

int main(int argc, char **argv)
{
    bench_config cfg;
    int parsed = bench_parse_args(argc, argv, &cfg);
    if (parsed != 0)
        return parsed > 0 ? 0 : EXIT_USAGE;
    print_header(&cfg);
    bench_corpus corpus;
    int rc = load_corpus(&cfg, &corpus);
    fflush(stdout);
    if (rc == 0)
        rc = run_bench(&cfg, &corpus);
    if (rc == 0)
        printf("\npeak resident memory: %ld MB\n", peak_rss_mb());
    bench_corpus_free(&corpus);
    return rc == 0 ? 0 : EXIT_FAIL;
}
