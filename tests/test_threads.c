/*
 * test_threads.c: the shared document loop (src/cli/drive.c) with threads.
 *
 * The contract a command relies on: whatever --threads says, the output,
 * the bad-record reports and the `commit` calls come in input order;
 * commit runs on the calling thread only; a document whose `each` or
 * `commit` fails writes nothing and is reported in its place; --strict
 * stops at the first bad record in input order, even though workers may
 * already have processed documents after it.
 *
 * The input is 240 real articles of the ANT corpus as JSONL with two
 * broken lines among them. The test's `each` sleeps a different time per
 * document, so workers finish out of order; it refuses a few documents,
 * and `commit` refuses one. The expectations are computed from the input
 * file, line by line, not from a run of the program.
 *
 * src/cli is not part of the library, so the loop is compiled in here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "../src/cli/drive.c"
#include "testutil.h"

#define N_ARTICLES 240
#define MAX_LINES (N_ARTICLES + 2)
#define MAX_THREADS_SEEN 64

/* One line of the input file and what must become of it. */
typedef struct line_info {
    char id[128];     /* "" for a broken line */
    int refuse_each;  /* each returns -1 */
    int refuse_commit;
} line_info;

typedef struct fixture {
    char dir[64];
    char path[128];
    line_info lines[MAX_LINES];
    int n_lines;
} fixture;

static fixture fx;

/* What one run saw; the report hook has no context, so it is file-level. */
typedef struct seen {
    pthread_t main_thread;
    char commits[MAX_LINES][128];
    int n_commits;
    long reports[MAX_LINES];
    int n_reports;
    int report_off_main;
    int commit_off_main;
    pthread_mutex_t mu;
    pthread_t threads[MAX_THREADS_SEEN]; /* the threads that ran each */
    int docs_on[MAX_THREADS_SEEN];        /* how many documents each ran */
    int n_threads;
    long each_us; /* > 0: each takes this long, always (else 0..390) */
    int no_commit;  /* run without a commit: documents are not held */
    long slow_line; /* > 0: each on this line waits for others to code */
    int n_coded;    /* each calls that returned */
    int coded_while_slow; /* n_coded when the slow line gave up waiting */
    int each_wrong; /* each saw a document not its line's (no cmocka
                       asserts off the main thread) */
} seen;

static seen sw;

void hd_cli_report(const hd_error *err)
{
    if (!pthread_equal(pthread_self(), sw.main_thread))
        sw.report_off_main = 1;
    if (sw.n_reports < MAX_LINES)
        sw.reports[sw.n_reports++] = err->line;
}

static const line_info *line_of(const hd_doc *doc)
{
    long l = doc->source_line;
    return l >= 1 && l <= fx.n_lines ? &fx.lines[l - 1] : NULL;
}

static void note_thread(void)
{
    pthread_mutex_lock(&sw.mu);
    int i = 0;
    while (i < sw.n_threads && !pthread_equal(sw.threads[i], pthread_self()))
        i++;
    if (i == sw.n_threads && sw.n_threads < MAX_THREADS_SEEN)
        sw.threads[sw.n_threads++] = pthread_self();
    if (i < sw.n_threads)
        sw.docs_on[i]++;
    pthread_mutex_unlock(&sw.mu);
}

/* How many documents the main thread ran each on. */
static int docs_on_main(void)
{
    for (int i = 0; i < sw.n_threads; i++)
        if (pthread_equal(sw.threads[i], sw.main_thread))
            return sw.docs_on[i];
    return 0;
}

/* The slow document: it takes until 100 other documents are coded (or 5
 * s, when they cannot be), and notes how many were. */
static void wait_for_others(void)
{
    struct timespec ms = {0, 1000000};
    int coded = 0;
    for (int i = 0; i < 5000 && coded < 100; i++) {
        nanosleep(&ms, NULL);
        pthread_mutex_lock(&sw.mu);
        coded = sw.n_coded;
        pthread_mutex_unlock(&sw.mu);
    }
    sw.coded_while_slow = coded;
}

static int each_doc(hd_cli_run *run, hd_doc *doc, hd_error *err)
{
    note_thread();
    const line_info *li = line_of(doc);
    if (!li || !doc->id || strcmp(doc->id, li->id) != 0) {
        pthread_mutex_lock(&sw.mu);
        sw.each_wrong = 1;
        pthread_mutex_unlock(&sw.mu);
        hd_error_set(err, doc->source, doc->source_line, -1, "wrong doc");
        return -1;
    }
    /* 0..390 us, varying from one document to the next: workers finish
     * in an order unlike the input's */
    struct timespec ts = {0, (long)((doc->source_line * 7919) % 40) * 10000};
    if (sw.each_us > 0)
        ts.tv_nsec = sw.each_us * 1000;
    nanosleep(&ts, NULL);
    if (sw.slow_line && doc->source_line == sw.slow_line)
        wait_for_others();
    hd_buf_puts(&run->out, doc->id);
    if (li->refuse_each) {
        hd_error_set(err, doc->source, doc->source_line, -1, "refused");
        return -1;
    }
    hd_buf_putc(&run->out, '\n');
    pthread_mutex_lock(&sw.mu);
    sw.n_coded++;
    pthread_mutex_unlock(&sw.mu);
    return 0;
}

static int commit_doc(hd_cli_run *run, hd_doc *doc, hd_error *err)
{
    (void)run;
    if (!pthread_equal(pthread_self(), sw.main_thread))
        sw.commit_off_main = 1;
    const line_info *li = line_of(doc);
    assert_non_null(li);
    snprintf(sw.commits[sw.n_commits++], sizeof sw.commits[0], "%s", doc->id);
    if (li->refuse_commit) {
        hd_error_set(err, doc->source, doc->source_line, -1, "not stored");
        return -1;
    }
    return 0;
}

/* The id of a corpus line: {"id": "AL-...", ...}. */
static void id_of(const char *line, char *out, size_t cap)
{
    const char *p = strstr(line, "\"id\": \"");
    assert_non_null(p);
    p += 7;
    size_t n = strcspn(p, "\"");
    assert_true(n < cap);
    memcpy(out, p, n);
    out[n] = '\0';
}

static int setup(void **state)
{
    (void)state;
    pthread_mutex_init(&sw.mu, NULL);
    snprintf(fx.dir, sizeof fx.dir, "/tmp/hd_threads_XXXXXX");
    if (!mkdtemp(fx.dir))
        return -1;
    snprintf(fx.path, sizeof fx.path, "%s/articles.jsonl", fx.dir);
    char corpus[512];
    tu_shared(corpus, sizeof corpus, "corpus/ant-news-ar.jsonl.gz");
    gzFile gz = gzopen(corpus, "rb");
    FILE *out = fopen(fx.path, "w");
    if (!gz || !out)
        return -1;
    static char line[1 << 20];
    int article = 0;
    while (article < N_ARTICLES && gzgets(gz, line, sizeof line)) {
        /* the broken lines: a truncated record, and one that is not JSON */
        if (fx.n_lines == 60 || fx.n_lines == 150) {
            fputs(fx.n_lines == 60 ? "{\"id\": \"cut\", \"text\": \"قتل\n"
                                   : "<html>not json</html>\n", out);
            fx.lines[fx.n_lines++].id[0] = '\0';
        }
        line_info *li = &fx.lines[fx.n_lines++];
        id_of(line, li->id, sizeof li->id);
        li->refuse_each = article % 53 == 7;
        li->refuse_commit = article == 100;
        fputs(line, out);
        article++;
    }
    gzclose(gz);
    return fclose(out) == 0 && article == N_ARTICLES ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    unlink(fx.path);
    rmdir(fx.dir);
    pthread_mutex_destroy(&sw.mu);
    return 0;
}

/* Runs the loop over the fixture with its stdout in a file; returns the
 * exit code, and the output in *text (malloc'd). */
static int drive(int threads, int strict, char **text)
{
    memset(sw.commits, 0, sizeof sw.commits);
    sw.n_commits = sw.n_reports = sw.n_threads = 0;
    sw.n_coded = sw.coded_while_slow = 0;
    memset(sw.docs_on, 0, sizeof sw.docs_on);
    sw.report_off_main = sw.commit_off_main = sw.each_wrong = 0;
    sw.main_thread = pthread_self();

    hd_cli_run run;
    memset(&run, 0, sizeof run);
    run.format = HD_FMT_JSONL;
    run.threads = threads;
    run.strict = strict;
    hd_text_opts_default(&run.text_opts);
    run.each = each_doc;
    run.commit = sw.no_commit ? NULL : commit_doc;

    char out_path[160];
    snprintf(out_path, sizeof out_path, "%s/out.txt", fx.dir);
    fflush(stdout);
    int saved = dup(1);
    int fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(saved >= 0 && fd >= 0);
    dup2(fd, 1);
    close(fd);
    char *paths[] = {fx.path};
    int rc = hd_cli_drive(&run, paths, 1);
    fflush(stdout);
    dup2(saved, 1);
    close(saved);
    *text = tu_read_file(out_path, NULL);
    assert_non_null(*text);
    unlink(out_path);
    return rc;
}

/* Checks one run against the input, up to line `stop` (exclusive). */
static void check_run(const char *text, int stop)
{
    const char *p = text;
    int commit = 0, report = 0;
    for (int l = 0; l < stop; l++) {
        const line_info *li = &fx.lines[l];
        if (!li->id[0] || li->refuse_each) { /* reported, nothing out */
            assert_true(report < sw.n_reports);
            assert_int_equal(sw.reports[report++], l + 1);
            continue;
        }
        if (!sw.no_commit) {
            assert_true(commit < sw.n_commits);
            assert_string_equal(sw.commits[commit++], li->id);
        }
        if (li->refuse_commit && !sw.no_commit) {
            assert_true(report < sw.n_reports);
            assert_int_equal(sw.reports[report++], l + 1);
            continue;
        }
        size_t n = strlen(li->id);
        assert_memory_equal(p, li->id, n);
        assert_int_equal(p[n], '\n');
        p += n + 1;
    }
    assert_int_equal(commit, sw.n_commits);
    assert_int_equal(report, sw.n_reports);
    assert_string_equal(p, ""); /* nothing more was written */
    assert_false(sw.report_off_main);
    assert_false(sw.commit_off_main);
    assert_false(sw.each_wrong);
}

static void test_order_any_thread_count(void **state)
{
    (void)state;
    static const int counts[] = {1, 2, 4, 7};
    char *first = NULL;
    for (size_t i = 0; i < sizeof counts / sizeof *counts; i++) {
        char *text;
        int rc = drive(counts[i], 0, &text);
        assert_int_equal(rc, HD_EXIT_BAD_RECORDS);
        check_run(text, fx.n_lines);
        /* 2 broken lines, 5 refused by each (articles 7, 60, 113, 166,
         * 219), 1 refused by commit */
        assert_int_equal(sw.n_reports, 2 + 5 + 1);
        if (counts[i] == 1)
            assert_int_equal(sw.n_threads, 1); /* no workers: the caller */
        else { /* the work did spread (the sleeps leave room for it), over
                * at most N threads: the main one is one of them */
            assert_true(sw.n_threads >= 2);
            assert_true(sw.n_threads <= counts[i]);
        }
        if (first)
            assert_string_equal(text, first);
        free(first);
        first = text;
    }
    free(first);
}

static void test_strict_stops_in_input_order(void **state)
{
    (void)state;
    /* article 7 (line 8) is the first bad record: each refuses it */
    static const int counts[] = {1, 4};
    for (size_t i = 0; i < sizeof counts / sizeof *counts; i++) {
        char *text;
        int rc = drive(counts[i], 1, &text);
        assert_int_equal(rc, HD_EXIT_BAD_RECORDS);
        check_run(text, 8);
        assert_int_equal(sw.n_reports, 1);
        assert_int_equal(sw.reports[0], 8);
        assert_int_equal(sw.n_commits, 7);
        free(text);
    }
}

/* --threads 2 on two cores must not mean three busy threads: the main
 * thread, which emits, reads and codes its next document like any worker,
 * so the two threads share the coding. With each taking 1 ms per document
 * and reading taking microseconds, the main thread codes about half; a
 * reader that only read (a design before) would code none. */
static void test_main_thread_codes_too(void **state)
{
    (void)state;
    sw.each_us = 1000;
    char *text;
    int rc = drive(2, 0, &text);
    sw.each_us = 0;
    assert_int_equal(rc, HD_EXIT_BAD_RECORDS);
    check_run(text, fx.n_lines);
    free(text);
    assert_int_equal(sw.n_threads, 2);
    int on_main = docs_on_main(), total = sw.docs_on[0] + sw.docs_on[1];
    assert_int_equal(total, N_ARTICLES); /* each ran once per article */
    assert_true(on_main >= N_ARTICLES / 5);
    assert_true(total - on_main >= N_ARTICLES / 5);
}

/* A document that takes long to code must not stop the other threads:
 * without a commit only output waits to be emitted, in a window of 64
 * entries a thread, so while one thread codes the slow document (article
 * 9, line 10) the other goes on reading and coding 100 more (the ring of
 * 8 documents before let it code 7, then sleep). Counted, not timed: the
 * slow document gives up after 5 s when the others cannot go on. */
static void test_slow_document_does_not_stop_the_others(void **state)
{
    (void)state;
    sw.no_commit = 1;
    sw.each_us = 100;
    sw.slow_line = 10;
    char *text;
    int rc = drive(2, 0, &text);
    sw.each_us = 0;
    sw.slow_line = 0;
    assert_int_equal(rc, HD_EXIT_BAD_RECORDS);
    check_run(text, fx.n_lines); /* and still all of it, in order */
    sw.no_commit = 0;
    free(text);
    assert_int_equal(sw.n_reports, 2 + 5);
    assert_true(sw.coded_while_slow >= 100);
}

static void test_threads_option(void **state)
{
    (void)state;
    hd_cli_run run;
    memset(&run, 0, sizeof run);
    assert_int_equal(hd_cli_input_option(&run, 'T', "3", "test"), 1);
    assert_int_equal(hd_cli_threads(&run), 3);
    run.threads = 0; /* the default: the online cores, at least one */
    assert_true(hd_cli_threads(&run) >= 1);
    assert_int_equal(hd_cli_threads(&run), (int)sysconf(_SC_NPROCESSORS_ONLN));
    assert_int_equal(hd_cli_input_option(&run, 'T', "0", "test"), -1);
    assert_int_equal(hd_cli_input_option(&run, 'T', "2x", "test"), -1);
    assert_int_equal(hd_cli_input_option(&run, 'T', "", "test"), -1);
    assert_int_equal(hd_cli_input_option(&run, 'T', "100000", "test"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_any_thread_count),
        cmocka_unit_test(test_strict_stops_in_input_order),
        cmocka_unit_test(test_main_thread_codes_too),
        cmocka_unit_test(test_slow_document_does_not_stop_the_others),
        cmocka_unit_test(test_threads_option),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
