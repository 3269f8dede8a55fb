/*
 * drive.c: the loop every document-processing command shares.
 *
 * Inputs (files, directories, "-") are expanded, each is opened with a
 * reader, and every document is analysed and handed to the command's
 * callback. The policy for bad input lives here, once: a bad record or an
 * unreadable input is reported on stderr with its position and skipped, the
 * good ones go on, and the exit code says 1 at the end; with --strict the
 * first bad record stops the run. Damage that does not make a record bad
 * (invalid UTF-8 and NUL bytes, read as U+FFFD and spaces; an input with no
 * text) is coded and warned about, with its line and byte, exit code 0. An
 * empty directory among the inputs is a bad input: it was surely a mistake.
 *
 * Threads. Reading is sequential (one stream per input) and cheap; analysis
 * and coding are where the time goes, and each document is independent of
 * the others. So the main thread reads into a ring of document slots, and
 * whoever is free takes the oldest slot not yet taken, analyses it and runs
 * the command's `each` into the slot's own output buffer. The main thread
 * alone emits: it takes the slots back in input order, writes their
 * output, calls `commit`, and reports bad records, so stdout, stderr and a
 * store see exactly what one thread would produce. A reader error takes a
 * slot too (with nothing to do), which keeps its report in its place.
 *
 * --threads N means N threads code: the main thread and N - 1 workers.
 * The main thread reads while the ring has room and codes when it is full,
 * so with N cores there are N busy threads, not N + 1 taking turns; a
 * reader that only read would leave its core idle or, worse, preempt a
 * worker each time it woke (measured on 2 cores: 21,000 context switches
 * and 9 % more CPU than one thread, for 1.65x). Taking a slot is one
 * compare-and-swap on a shared counter; nothing takes a lock unless it has
 * nothing to do: a worker sleeps only when every slot is taken, the main
 * thread only when the ring is full and the workers hold every slot it
 * could code. Either is woken only if it sleeps (`idle`, `awaited`).
 *
 * The ring holds 4N slots: while the main thread codes one document the
 * workers have the rest of the ring to work on (a document four times as
 * long as the mean is 1 in 100 on the ANT corpus), and memory stays flat
 * (each slot is one hd_doc with its arena and one output buffer, reused).
 * With one thread there are no workers and one slot: the main thread reads
 * a document and codes it, through the same code.
 *
 * Word memos. What the coder learns of each distinct word (src/code/words.c,
 * src/text/keymemo.c) is kept per thread, not per slot (thread_memo), and
 * the threads' memos rest on one frozen level they share (hd_memo_share):
 * before each document a thread checks, with one atomic load, whether a
 * newer level was published, and offers its own memo as the next level
 * once it has grown enough. So N threads ask the tables about a distinct
 * word about as often as one thread does. One thread has no share.
 *
 * --strict stops at the first bad record in input order: later documents
 * may have been coded already, but they are never emitted or committed.
 */
#include "cli/drive.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "code/attribution.h"
#include "code/quantity.h"
#include "code/code.h"
#include "doc/input.h"
#include "lex/lex.h"
#include "text/utf8.h"

#define HD_MAX_THREADS 256
#define HD_SLOTS_PER_THREAD 4

static int valid_date(const char *s)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return 0;
    return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

int hd_cli_check_date(const char *date)
{
    if (date && !valid_date(date)) {
        fprintf(stderr, "hadath: --date wants a real date as YYYY-MM-DD, "
                        "got '%s'\n", date);
        return -1;
    }
    return 0;
}

static int parse_threads(const char *arg)
{
    char *end;
    long n = strtol(arg, &end, 10);
    if (end == arg || *end || n < 1 || n > HD_MAX_THREADS)
        return -1;
    return (int)n;
}

int hd_cli_input_option(hd_cli_run *run, int opt, const char *arg,
                        const char *cmd)
{
    switch (opt) {
    case 'd':
        run->date = arg;
        return 1;
    case 's':
        run->strict = 1;
        return 1;
    case 'T':
        run->threads = parse_threads(arg);
        if (run->threads < 0) {
            fprintf(stderr, "hadath %s: --threads wants a number from 1 to "
                    "%d, got '%s'\n", cmd, HD_MAX_THREADS, arg);
            return -1;
        }
        return 1;
    case 'f': {
        int f = hd_format_from_name(arg);
        if (f < 0) {
            fprintf(stderr, "hadath %s: unknown input format '%s' (auto, "
                    "plain, jsonl, sgml, petrarch-xml, tsv)\n", cmd, arg);
            return -1;
        }
        run->format = (hd_format)f;
        return 1;
    }
    default:
        return 0;
    }
}

int hd_cli_threads(const hd_cli_run *run)
{
    if (run->threads > 0)
        return run->threads;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > HD_MAX_THREADS ? HD_MAX_THREADS : (int)n;
}

/* ------------------------------------------------------------ the slots */

enum { SLOT_DOC, SLOT_BAD };

/* A slot begins on a cache line of its own (HD_LINE), so that a worker
 * filling one slot's output never shares a line with the `done` flag of
 * the next, which another thread is polling. */
#define HD_LINE 64

typedef struct slot {
    _Alignas(HD_LINE) atomic_int done; /* processed: set by whoever
                          processed it, read by the main thread */
    int kind;          /* SLOT_DOC: a document to process; SLOT_BAD: err */
    int failed;        /* processing failed: err says why */
    long long damage;  /* first invalid UTF-8 or NUL byte of the text, -1 */
    hd_doc doc;
    hd_error err;
    hd_cli_run view;   /* the run `each` sees: the command's, own out */
} slot;

/* A thread's word memos (hd_doc.memo: what each distinct word is to the
 * coder's tables, src/code/words.c). They belong to the thread, not to a
 * slot: a slot's document is lent the memos of whichever thread codes it,
 * so N threads warm N memos, not one per slot (4N), which cost the memo's
 * whole gain at two threads; and the N rest on the ring's shared level. */
typedef struct thread_memo {
    void *memo[2];
    void (*memo_free[2])(void *memo);
} thread_memo;

/* Swaps a thread's memos with a document's: lends them, and takes them
 * back (with what the document added) after it is coded. */
static void swap_memos(hd_doc *d, thread_memo *m)
{
    for (size_t i = 0; i < 2; i++) {
        void *p = d->memo[i];
        void (*f)(void *) = d->memo_free[i];
        d->memo[i] = m->memo[i];
        d->memo_free[i] = m->memo_free[i];
        m->memo[i] = p;
        m->memo_free[i] = f;
    }
}

static void free_memos(thread_memo *m)
{
    for (size_t i = 0; i < 2; i++)
        if (m->memo[i] && m->memo_free[i])
            m->memo_free[i](m->memo[i]);
    memset(m, 0, sizeof *m);
}

typedef struct ring {
    /* The main thread's own: sequence numbers (slot = seq % n_slots) of
     * the oldest slot not yet emitted and of the next one the reader
     * fills; head <= next <= pub == tail between calls. */
    hd_cli_run *run;
    slot *slots;
    size_t n_slots;
    unsigned long long head, tail;
    pthread_t *workers;
    int n_workers;     /* started */
    int n_planned;     /* to start with the second document */
    thread_memo main_memo; /* the main thread's word memos */
    hd_memo_share *share; /* the level their memos share; NULL: one thread */
    int stop;          /* the run stops (--strict) */
    /* Shared, each group on its own cache line: pub (the end of what may
     * be taken) is written by the reader and only read by the others;
     * next (the next slot to take) is the one counter every thread
     * advances, with a compare-and-swap, never a lock. */
    _Alignas(HD_LINE) atomic_ullong pub;
    _Alignas(HD_LINE) atomic_ullong next;
    /* The sleeping side, touched only when somebody has nothing to do. */
    _Alignas(HD_LINE) atomic_int idle; /* workers asleep, or going to */
    atomic_int cancel; /* --strict stopped: skip the work still queued */
    _Atomic(slot *) awaited; /* the slot the main thread sleeps on, or
                          NULL: wake-ups only where someone waits */
    int quit;          /* no more input (under mu): idle workers exit */
    pthread_mutex_t mu;
    pthread_cond_t work, done;
} ring;

static slot *slot_at(ring *g, unsigned long long seq)
{
    return &g->slots[seq % g->n_slots];
}


/* The offset of the first invalid UTF-8 sequence or NUL byte of the text. */
static long long first_damage(const hd_doc *doc)
{
    for (size_t i = 0; i < doc->len;) {
        uint32_t cp;
        size_t k = hd_utf8_decode(doc->text, doc->len, i, &cp);
        if (cp == 0 || hd_utf8_was_invalid(doc->text, i, k, cp))
            return (long long)i;
        i += k;
    }
    return -1;
}

/* A document that was coded all the same, with a warning: damaged text
 * (read as U+FFFD and spaces, see DESIGN.md), or no text at all. A plain
 * file's text is the file, so its line and byte are the file's; a record's
 * are the record's line and a byte of its text. */
static void warn_damage(const slot *s)
{
    const hd_doc *d = &s->doc;
    const char *src = d->source ? d->source : "<input>";
    if (d->len == 0) {
        if (d->source_line)
            fprintf(stderr, "hadath: %s:%ld: warning: the record has no "
                    "text\n", src, d->source_line);
        else
            fprintf(stderr, "hadath: %s: warning: empty input, no text\n",
                    src);
        return;
    }
    if (s->damage < 0)
        return;
    char inv[80] = "", nul[64] = "";
    if (d->n_invalid_utf8)
        snprintf(inv, sizeof inv, "%zu invalid UTF-8 sequence%s read as "
                 "U+FFFD", d->n_invalid_utf8, d->n_invalid_utf8 == 1 ? "" : "s");
    if (d->n_nul)
        snprintf(nul, sizeof nul, "%zu NUL byte%s read as space%s", d->n_nul,
                 d->n_nul == 1 ? "" : "s", d->n_nul == 1 ? "" : "s");
    char what[160];
    snprintf(what, sizeof what, "%s%s%s", inv, *inv && *nul ? ", " : "", nul);
    if (d->source_line) {
        fprintf(stderr, "hadath: %s:%ld: warning: %s (the first at byte %lld "
                "of the text)\n", src, d->source_line, what, s->damage);
        return;
    }
    long line = 1;
    for (long long i = 0; i < s->damage; i++)
        line += d->text[i] == '\n';
    fprintf(stderr, "hadath: %s:%ld: byte %lld: warning: %s\n", src, line,
            s->damage, what);
}

/* Analyses one document and runs `each` on it; any thread. */
static void process(const hd_cli_run *run, slot *s)
{
    s->failed = 0;
    hd_buf_clear(&s->view.out);
    if (s->kind != SLOT_DOC)
        return;
    hd_error_clear(&s->err);
    if (run->date)
        s->doc.date = run->date;
    if (hd_text_analyze(&s->doc, &run->text_opts, &s->err) != 0 ||
        run->each(&s->view, &s->doc, &s->err) != 0) {
        s->failed = 1;
        hd_buf_clear(&s->view.out); /* a bad record writes nothing */
    }
    s->damage = -1;
    if (!s->failed && (s->doc.n_invalid_utf8 || s->doc.n_nul))
        s->damage = first_damage(&s->doc);
}

static void flush(hd_cli_run *run)
{
    if (run->out.len) {
        fwrite(run->out.data, 1, run->out.len, stdout);
        hd_buf_clear(&run->out);
    }
}

/* Emits one processed slot, in input order, on the main thread: its
 * output, then commit; a failure anywhere drops the output and reports. */
static void emit(ring *g, slot *s)
{
    hd_cli_run *run = g->run;
    size_t mark = run->out.len;
    int bad = s->kind == SLOT_BAD || s->failed;
    if (!bad) {
        if (s->view.out.len) /* data is NULL until the first output */
            hd_buf_put(&run->out, s->view.out.data, s->view.out.len);
        if (run->commit && run->commit(run, &s->doc, &s->err) != 0) {
            run->out.len = mark;
            bad = 1;
        }
    }
    if (bad) {
        hd_cli_report(&s->err);
        run->n_bad++;
        g->stop = run->strict;
    } else {
        run->n_docs++;
        warn_damage(s);
    }
    if (run->out.len > (1u << 16))
        flush(run);
}

/* Makes the slots filled so far available, and wakes a sleeping worker if
 * there is one. idle is read after pub is written and a worker reads pub
 * after it counts itself idle (both sequentially consistent), so either
 * the worker sees the work or this sees the worker; the signal is sent
 * under the lock the worker holds until it sleeps, so it is not lost. */
static void publish(ring *g)
{
    atomic_store(&g->pub, g->tail);
    if (atomic_load(&g->idle)) {
        pthread_mutex_lock(&g->mu);
        pthread_cond_signal(&g->work);
        pthread_mutex_unlock(&g->mu);
    }
}

/* Takes the oldest published slot nobody has taken yet, or NULL. */
static slot *claim(ring *g)
{
    unsigned long long n = atomic_load(&g->next);
    while (n < atomic_load(&g->pub))
        if (atomic_compare_exchange_weak(&g->next, &n, n + 1))
            return slot_at(g, n);
    return NULL;
}

/* Processes a claimed slot, on any thread, and says so. done, then
 * awaited; the main thread stores awaited, then reads done: one of the
 * two sees the other's store, so a main thread asleep on s is woken. */
static void run_slot(ring *g, slot *s, thread_memo *tm)
{
    if (!atomic_load(&g->cancel)) {
        swap_memos(&s->doc, tm);
        hd_memo_share_sync(g->share, &s->doc);
        process(g->run, s);
        swap_memos(&s->doc, tm);
    }
    atomic_store(&s->done, 1);
    if (atomic_load(&g->awaited) == s) {
        pthread_mutex_lock(&g->mu);
        pthread_cond_signal(&g->done);
        pthread_mutex_unlock(&g->mu);
    }
}

/* Sleeps until slot s is processed (by a worker: the main thread only
 * waits for a slot it cannot claim). The lock is taken only to sleep. */
static void wait_done(ring *g, slot *s)
{
    if (atomic_load(&s->done))
        return;
    pthread_mutex_lock(&g->mu);
    atomic_store(&g->awaited, s);
    while (!atomic_load(&s->done))
        pthread_cond_wait(&g->done, &g->mu);
    atomic_store(&g->awaited, NULL);
    pthread_mutex_unlock(&g->mu);
}

static int has_work(ring *g)
{
    return atomic_load(&g->next) < atomic_load(&g->pub);
}

static void *worker(void *arg)
{
    ring *g = arg;
    thread_memo tm = {0};
    for (;;) {
        slot *s = claim(g);
        if (s) {
            run_slot(g, s, &tm);
            continue;
        }
        pthread_mutex_lock(&g->mu);
        atomic_fetch_add(&g->idle, 1);
        while (!has_work(g) && !g->quit)
            pthread_cond_wait(&g->work, &g->mu);
        atomic_fetch_sub(&g->idle, 1);
        int quit = !has_work(g) && g->quit;
        pthread_mutex_unlock(&g->mu);
        if (quit)
            break;
    }
    free_memos(&tm);
    return NULL;
}

/* Emits the processed slots at the head, in order, never waiting. */
static void drain(ring *g)
{
    while (!g->stop && g->head < g->tail) {
        slot *s = slot_at(g, g->head);
        if (!atomic_load(&s->done))
            return;
        emit(g, s);
        g->head++;
    }
}

/* Makes progress while the reader cannot: processes the oldest queued
 * slot on this thread, or, when the workers hold all of them, sleeps on
 * the head; then emits what is ready. */
static void help(ring *g)
{
    slot *s = claim(g);
    if (s)
        run_slot(g, s, &g->main_memo);
    else
        wait_done(g, slot_at(g, g->head));
    drain(g);
}

/* The slot the reader fills next, once the ring has room; NULL when the
 * run stopped. */
static slot *slot_free(ring *g)
{
    drain(g);
    while (!g->stop && g->tail - g->head == g->n_slots)
        help(g);
    return g->stop ? NULL : slot_at(g, g->tail);
}

static void start_workers(ring *g);

/* Hands a filled slot over: to the workers, or to the main thread itself
 * the next time it finds the ring full. */
static void slot_push(ring *g, slot *s, int kind)
{
    s->kind = kind;
    atomic_store(&s->done, 0);
    g->tail++;
    if (g->n_planned && g->tail >= 2)
        start_workers(g);
    publish(g);
}

/* Processes and emits everything still in the ring (or until the run
 * stops). */
static void finish(ring *g)
{
    drain(g);
    while (!g->stop && g->head < g->tail)
        help(g);
}

static void ring_init(ring *g, hd_cli_run *run, int threads)
{
    memset(g, 0, sizeof *g);
    atomic_init(&g->pub, 0);
    atomic_init(&g->next, 0);
    atomic_init(&g->idle, 0);
    atomic_init(&g->cancel, 0);
    atomic_init(&g->awaited, NULL);
    g->run = run;
    g->n_planned = threads > 1 ? threads - 1 : 0;
    g->n_slots = threads > 1 ? HD_SLOTS_PER_THREAD * (size_t)threads : 1;
    g->share = threads > 1 ? hd_memo_share_new() : NULL;
    g->slots = aligned_alloc(HD_LINE, g->n_slots * sizeof *g->slots);
    if (!g->slots) {
        fprintf(stderr, "hadath: out of memory\n");
        abort();
    }
    for (size_t i = 0; i < g->n_slots; i++) {
        slot *s = &g->slots[i];
        memset(s, 0, sizeof *s);
        atomic_init(&s->done, 1); /* an unused slot counts as emitted */
        hd_doc_init(&s->doc);
        s->view = *run;
        memset(&s->view.out, 0, sizeof s->view.out);
    }
    pthread_mutex_init(&g->mu, NULL);
    pthread_cond_init(&g->work, NULL);
    pthread_cond_init(&g->done, NULL);
}

/* The workers start with the second document, not in ring_init: a run of
 * one article (the time to first output a user waits for) is coded on the
 * main thread without creating, waking and joining threads that would have
 * nothing to do (2 ms of a 12 ms run, on two loaded cores). */
static void start_workers(ring *g)
{
    int want = g->n_planned;
    g->n_planned = 0;
    g->workers = hd_xmalloc((size_t)want * sizeof *g->workers);
    for (int i = 0; i < want; i++) {
        if (pthread_create(&g->workers[i], NULL, worker, g) != 0)
            break; /* fewer threads; none: the main one alone */
        g->n_workers = i + 1;
    }
}

/* Stops the workers (after the queued work, or skipping it once the run
 * has stopped) and frees the ring. */
static void ring_free(ring *g)
{
    atomic_store(&g->cancel, g->stop);
    pthread_mutex_lock(&g->mu);
    g->quit = 1;
    pthread_cond_broadcast(&g->work);
    pthread_mutex_unlock(&g->mu);
    for (int i = 0; i < g->n_workers; i++)
        pthread_join(g->workers[i], NULL);
    for (size_t i = 0; i < g->n_slots; i++) {
        hd_doc_free(&g->slots[i].doc);
        hd_buf_free(&g->slots[i].view.out);
    }
    free(g->slots);
    free(g->workers);
    free_memos(&g->main_memo);
    hd_memo_share_free(g->share); /* after the memos resting on it */
    pthread_mutex_destroy(&g->mu);
    pthread_cond_destroy(&g->work);
    pthread_cond_destroy(&g->done);
}

/* Reads every document of one input into the ring. */
static void drive_input(ring *g, const char *path)
{
    slot *s = slot_free(g);
    if (!s)
        return;
    hd_error_clear(&s->err);
    hd_reader *r = hd_reader_open(path, g->run->format, &s->err);
    if (!r) {
        slot_push(g, s, SLOT_BAD);
        return;
    }
    int rc;
    while ((rc = hd_reader_next(r, &s->doc, &s->err)) != 0) {
        slot_push(g, s, rc < 0 ? SLOT_BAD : SLOT_DOC);
        if (!(s = slot_free(g)))
            break;
        hd_error_clear(&s->err);
    }
    hd_reader_close(r);
}

int hd_cli_drive(hd_cli_run *run, char **paths, int n_paths)
{
    static char *const stdin_only[] = {"-"};
    if (n_paths == 0) {
        paths = (char **)stdin_only;
        n_paths = 1;
    }
    /* A path that does not exist is a bad input like any other: reported,
     * skipped, and the rest still processed. */
    hd_inputs in;
    hd_inputs_init(&in);
    for (int i = 0; i < n_paths; i++) {
        hd_error err;
        hd_error_clear(&err);
        size_t before = in.n;
        if (hd_inputs_add(&in, paths[i], &err) != 0) {
            hd_cli_report(&err);
            run->n_bad++;
        } else if (in.n == before) { /* a directory with no files in it */
            hd_error_set(&err, paths[i], 0, -1, "no files to read in this "
                         "directory");
            hd_cli_report(&err);
            run->n_bad++;
        }
    }
    if (!(run->strict && run->n_bad)) {
        ring g;
        ring_init(&g, run, hd_cli_threads(run));
        for (size_t i = 0; i < in.n && !g.stop; i++)
            drive_input(&g, in.paths[i]);
        finish(&g);
        ring_free(&g);
    }
    hd_inputs_free(&in);
    flush(run);
    hd_buf_free(&run->out);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "hadath: cannot write the output\n");
        return HD_EXIT_FAIL;
    }
    return run->n_bad ? HD_EXIT_BAD_RECORDS : HD_EXIT_OK;
}

/* ------------------------------------------------- dictionary warnings */

enum { MAX_LINES_SHOWN = 10 };

static void warn_list(const char *path, size_t skipped, const char *first)
{
    if (skipped)
        fprintf(stderr, "hadath: %s: warning: %zu line%s skipped, the first "
                "at %s (see hadath dict stats)\n", path,
                skipped, skipped == 1 ? "" : "s", first);
}

void hd_cli_dict_warnings(const char *data_dir)
{
    /* The PETRARCH files: the lexicon keeps counts, not lines, so the
     * report comes from a second read of those files (only for
     * dictionaries the user chose; ~50 ms). */
    hd_lex_report rep;
    hd_error err;
    hd_error_clear(&err);
    hd_lex *lex = hd_lex_load(data_dir, &rep, &err);
    size_t shown[HD_LEX_MAX_FILES] = {0};
    for (size_t i = 0; lex && i < rep.n_msgs; i++) {
        const hd_lex_msg *m = &rep.msgs[i];
        if (m->level != HD_LEX_SKIP || m->file >= rep.n_files)
            continue;
        if (shown[m->file]++ < MAX_LINES_SHOWN)
            fprintf(stderr, "hadath: %s:%ld: warning: line skipped: %s\n",
                    rep.files[m->file].path, m->line, m->text);
    }
    for (size_t f = 0; lex && f < rep.n_files; f++)
        if (rep.files[f].skipped > MAX_LINES_SHOWN)
            fprintf(stderr, "hadath: %s: warning: %zu more lines skipped "
                    "(hadath dict stats --verbose lists them)\n",
                    rep.files[f].path, rep.files[f].skipped - MAX_LINES_SHOWN);
    hd_lex_free(lex);
    hd_lex_report_free(&rep);
    /* hadath's own lists keep the count and the first bad line; they are
     * small, and read again here because a compiled lexicon (the cache
     * hadath maps) does not carry what its sources did not say. */
    char path[1100];
    snprintf(path, sizeof path, "%s/dict/hadath.triggers.ar.txt", data_dir);
    hd_cues cues;
    memset(&cues, 0, sizeof cues);
    if (hd_cues_load(&cues, path, &err) == 0)
        warn_list(cues.path, cues.n_skipped, cues.first_error);
    hd_cues_free(&cues);
    hd_phrases p;
    memset(&p, 0, sizeof p);
    if (hd_reporting_load(&p, data_dir, &err) == 0)
        warn_list(p.path, p.n_skipped, p.first_error);
    hd_phrases_free(&p);
    memset(&p, 0, sizeof p);
    if (hd_counted_load(&p, data_dir, &err) == 0)
        warn_list(p.path, p.n_skipped, p.first_error);
    hd_phrases_free(&p);
}
