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
 * Threads. Analysis and coding are where the time goes, and each document
 * is independent of the others; reading is cheap but serial (one stream
 * per input). So every thread that codes runs the same loop: it takes the
 * next sequence number and reads that document, under the reader's lock,
 * into a document of its own; analyses it and runs the command's `each`
 * into the output buffer of that number's entry in a window of entries;
 * and marks the entry done. The main thread alone emits: it takes the
 * entries back in input order, writes their output, calls `commit`, and
 * reports bad records (the entry keeps the error; the warning about
 * damaged text is formatted into it by the thread that coded the
 * document), so stdout, stderr and a store see exactly what one thread
 * would produce. A reader error takes an entry too (with nothing to do),
 * which keeps its report in its place.
 *
 * --threads N means N threads code: the main thread and N - 1 workers.
 * Nobody only reads (a reader that only read would leave its core idle or
 * preempt a coder each time it woke: measured on 2 cores, 21,000 context
 * switches and 9 % more CPU than one thread, for 1.65x), and nobody waits
 * for another to read: a thread with nothing to do reads its next
 * document itself. A thread sleeps only when the window is full, that is
 * when the oldest document not yet emitted is still being coded and the
 * others have coded the whole window after it: the main thread then sleeps
 * on that entry, a worker until the main thread has emitted it. Either is
 * woken only if it sleeps (`awaited`, `waiting`).
 *
 * The window holds 64N entries, and only entries wait there (an output
 * buffer, about 3 KB on the ANT corpus, and an error): a document is free
 * again as soon as it is coded, so each thread has one and keeps reusing
 * it, its arena warm in its core's cache. A few documents take 100 times
 * the mean to code (30-60 ms against 0.2 ms); the design before, a ring of
 * 4N slots each holding its document until emitted and filled by the main
 * thread alone, let the other threads run out of work behind one of them
 * (0.17 s asleep of the 2.9 s the 2 threads of a run had), and a ring of
 * documents large enough to cover one cost cache misses. With a `commit`
 * the document is the store's input, so it is held until emitted: each
 * thread then rotates through 4 documents, as many as it had slots before.
 * With one thread there are no workers and a window of one entry: the main
 * thread reads a document, codes it and emits it, through the same code.
 *
 * Word memos. What the coder learns of each distinct word (src/code/words.c,
 * src/text/keymemo.c) is kept per thread, not per document (thread_memo), and
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
#define HD_WINDOW_PER_THREAD 64
#define HD_HELD_PER_THREAD 4

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

/* ------------------------------------------------------------ the window */

/* An entry begins on a cache line of its own (HD_LINE), so that a thread
 * filling one entry's output never shares a line with the `done` of the
 * next, which the main thread is polling. */
#define HD_LINE 64

typedef struct entry {
    /* seq + 1 once the document of sequence number seq is processed: set
     * by whoever processed it, read by the main thread. An entry is used
     * again and again (seq % n_win), so 0 or an older seq means not yet. */
    _Alignas(HD_LINE) atomic_ullong done;
    int bad;           /* an unreadable record or input, or processing
                          failed: err says why, out is empty */
    hd_error err;
    hd_buf note;       /* the warning about the text, already formatted */
    hd_doc *doc;       /* with a commit: the document, held till emitted */
    hd_cli_run view;   /* the run `each` sees: the command's, own out */
} entry;

/* A thread's word memos (hd_doc.memo: what each distinct word is to the
 * coder's tables, src/code/words.c). They belong to the thread, not to a
 * document: a document is lent the memos of the thread that codes it, so
 * N threads warm N memos, and the N rest on the run's shared level. */
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

typedef struct ring ring;

/* One thread that codes: its documents and memos. Without a commit a
 * document is free again as soon as it is processed, so one is enough;
 * with one, each is held until emitted, and the thread rotates through
 * HD_HELD_PER_THREAD of them. */
typedef struct coder {
    _Alignas(HD_LINE) ring *g;
    hd_doc docs[HD_HELD_PER_THREAD];
    unsigned long long held[HD_HELD_PER_THREAD]; /* seq + 1 of the entry
                          holding docs[i] (commit), 0: free */
    size_t n_docs, next;
    thread_memo memo;
    pthread_t id;
} coder;

struct ring {
    hd_cli_run *run;
    entry *win;
    size_t n_win;
    coder *coders;     /* [0]: the main thread's */
    int n_threads;     /* coders allocated: --threads */
    int n_coders;      /* started, the main one included */
    int n_planned;     /* workers to start with the second document */
    hd_memo_share *share; /* the level the memos share; NULL: one thread */
    /* The reader, shared: any thread reads the next document, under rd.
     * tail (the next sequence number) is written under rd and read by
     * the main thread to know what may still come. */
    pthread_mutex_t rd;
    char **paths;
    size_t n_paths, path_i;
    hd_reader *r;
    int eof;           /* every input is read (under rd) */
    _Alignas(HD_LINE) atomic_ullong tail;
    /* The main thread's: head is the oldest entry not yet emitted. */
    _Alignas(HD_LINE) atomic_ullong head;
    atomic_int stop;   /* --strict: a bad record was emitted */
    /* The sleeping side, touched only when somebody cannot go on. */
    _Alignas(HD_LINE) atomic_int waiting; /* workers asleep on `advanced` */
    _Atomic(entry *) awaited; /* the entry the main thread sleeps on */
    pthread_mutex_t mu;
    pthread_cond_t advanced, done;
};

static entry *entry_at(ring *g, unsigned long long seq)
{
    return &g->win[seq % g->n_win];
}

static int is_done(entry *e, unsigned long long seq)
{
    return atomic_load(&e->done) == seq + 1;
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

/* The warning for a document that was coded all the same: damaged text
 * (read as U+FFFD and spaces, see DESIGN.md), or no text at all. A plain
 * file's text is the file, so its line and byte are the file's; a record's
 * are the record's line and a byte of its text. Formatted by the thread
 * that coded the document, which may reuse it before it is emitted. */
static void note_damage(hd_buf *note, const hd_doc *d)
{
    const char *src = d->source ? d->source : "<input>";
    if (d->len == 0) {
        if (d->source_line)
            hd_buf_printf(note, "hadath: %s:%ld: warning: the record has no "
                          "text\n", src, d->source_line);
        else
            hd_buf_printf(note, "hadath: %s: warning: empty input, no "
                          "text\n", src);
        return;
    }
    long long damage = d->n_invalid_utf8 || d->n_nul ? first_damage(d) : -1;
    if (damage < 0)
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
        hd_buf_printf(note, "hadath: %s:%ld: warning: %s (the first at byte "
                      "%lld of the text)\n", src, d->source_line, what, damage);
        return;
    }
    long line = 1;
    for (long long i = 0; i < damage; i++)
        line += d->text[i] == '\n';
    hd_buf_printf(note, "hadath: %s:%ld: byte %lld: warning: %s\n", src, line,
                  damage, what);
}

/* Analyses a document read into entry e and runs `each` on it; any
 * thread. Stopped (--strict), it skips the work: it is never emitted. */
static void process(ring *g, coder *c, entry *e, hd_doc *d)
{
    const hd_cli_run *run = g->run;
    if (e->bad || atomic_load(&g->stop))
        return;
    hd_error_clear(&e->err); /* what the reader left is not an error */
    swap_memos(d, &c->memo);
    hd_memo_share_sync(g->share, d);
    if (run->date)
        d->date = run->date;
    if (hd_text_analyze(d, &run->text_opts, &e->err) != 0 ||
        run->each(&e->view, d, &e->err) != 0) {
        e->bad = 1;
        hd_buf_clear(&e->view.out); /* a bad record writes nothing */
    }
    swap_memos(d, &c->memo);
    if (!e->bad)
        note_damage(&e->note, d);
}

static void flush(hd_cli_run *run)
{
    if (run->out.len) {
        fwrite(run->out.data, 1, run->out.len, stdout);
        hd_buf_clear(&run->out);
    }
}

/* Emits one processed entry, in input order, on the main thread: its
 * output, then commit; a failure anywhere drops the output and reports. */
static void emit(ring *g, entry *e)
{
    hd_cli_run *run = g->run;
    size_t mark = run->out.len;
    int bad = e->bad;
    if (!bad) {
        if (e->view.out.len) /* data is NULL until the first output */
            hd_buf_put(&run->out, e->view.out.data, e->view.out.len);
        if (run->commit && run->commit(run, e->doc, &e->err) != 0) {
            run->out.len = mark;
            bad = 1;
        }
    }
    if (bad) {
        hd_cli_report(&e->err);
        run->n_bad++;
        if (run->strict)
            atomic_store(&g->stop, 1);
    } else {
        run->n_docs++;
        if (e->note.len)
            fwrite(e->note.data, 1, e->note.len, stderr);
    }
    if (run->out.len > (1u << 16))
        flush(run);
}

/* Says that head moved (or the run stopped) to the workers asleep on it.
 * waiting is read after head is written and a worker reads head after it
 * counts itself waiting (both sequentially consistent), so either it sees
 * the new head or this sees it; the broadcast is sent under the lock it
 * holds until it sleeps, so it is not lost. */
static void wake_workers(ring *g)
{
    if (atomic_load(&g->waiting)) {
        pthread_mutex_lock(&g->mu);
        pthread_cond_broadcast(&g->advanced);
        pthread_mutex_unlock(&g->mu);
    }
}

/* Emits the processed entries at the head, in order, never waiting. */
static void drain(ring *g)
{
    unsigned long long h = atomic_load(&g->head), h0 = h;
    for (entry *e; !atomic_load(&g->stop) && is_done(e = entry_at(g, h), h);) {
        emit(g, e);
        h++;
    }
    if (h != h0) {
        atomic_store(&g->head, h);
        wake_workers(g);
    }
}

/* Sleeps until the entry at the head is processed (by a worker: the main
 * thread only waits for what another thread holds), then emits. The
 * worker stores done, then reads awaited; this stores awaited, then reads
 * done: one of the two sees the other's store. */
static void wait_head(ring *g)
{
    unsigned long long h = atomic_load(&g->head);
    entry *e = entry_at(g, h);
    if (!is_done(e, h)) {
        pthread_mutex_lock(&g->mu);
        atomic_store(&g->awaited, e);
        while (!is_done(e, h))
            pthread_cond_wait(&g->done, &g->mu);
        atomic_store(&g->awaited, NULL);
        pthread_mutex_unlock(&g->mu);
    }
    drain(g);
}

/* Says that entry e (sequence seq) is processed, waking the main thread
 * if it sleeps on it. */
static void mark_done(ring *g, entry *e, unsigned long long seq)
{
    atomic_store(&e->done, seq + 1);
    if (atomic_load(&g->awaited) == e) {
        pthread_mutex_lock(&g->mu);
        pthread_cond_signal(&g->done);
        pthread_mutex_unlock(&g->mu);
    }
}

/* Waits until the main thread has emitted everything before `until`, or
 * the run stopped: the main thread emits; a worker sleeps. */
static void wait_emitted(ring *g, coder *c, unsigned long long until)
{
    if (c == g->coders) {
        while (!atomic_load(&g->stop) && atomic_load(&g->head) < until)
            wait_head(g);
        return;
    }
    pthread_mutex_lock(&g->mu);
    atomic_fetch_add(&g->waiting, 1);
    while (!atomic_load(&g->stop) && atomic_load(&g->head) < until)
        pthread_cond_wait(&g->advanced, &g->mu);
    atomic_fetch_sub(&g->waiting, 1);
    pthread_mutex_unlock(&g->mu);
}

static void start_workers(ring *g);

/* Reads the next document or error of the inputs into entry e (seq, under
 * rd): 1, or 0 at the end of the inputs. An unreadable input takes an
 * entry too, which keeps its report in its place. */
static int read_next(ring *g, entry *e, hd_doc *d)
{
    hd_error_clear(&e->err);
    for (;;) {
        if (!g->r) {
            if (g->path_i == g->n_paths)
                return 0;
            g->r = hd_reader_open(g->paths[g->path_i++], g->run->format,
                                  &e->err);
            if (!g->r) {
                e->bad = 1;
                return 1;
            }
        }
        int rc = hd_reader_next(g->r, d, &e->err);
        if (rc != 0) {
            e->bad = rc < 0;
            return 1;
        }
        hd_reader_close(g->r);
        g->r = NULL;
    }
}

enum { TAKE_DOC, TAKE_WAIT, TAKE_END };

/* Takes the next sequence number (*seq_out) and reads its document into
 * the coder's next document, under rd. TAKE_WAIT, with *until, when the window is full
 * or that document is still held: the caller waits for head to reach
 * *until (without rd, so the main thread can always read or emit). */
static int take(ring *g, coder *c, entry **out, hd_doc **doc,
                unsigned long long *seq_out, unsigned long long *until)
{
    if (atomic_load(&g->stop)) /* what is held will never be emitted */
        return TAKE_END;
    hd_doc *d = &c->docs[c->next];
    unsigned long long held = c->held[c->next];
    if (held && atomic_load(&g->head) < held) {
        *until = held;
        return TAKE_WAIT;
    }
    pthread_mutex_lock(&g->rd);
    unsigned long long seq = atomic_load(&g->tail);
    int rc = TAKE_END;
    if (atomic_load(&g->stop) || g->eof) {
        rc = TAKE_END;
    } else if (seq >= atomic_load(&g->head) + g->n_win) {
        *until = seq - g->n_win + 1;
        rc = TAKE_WAIT;
    } else {
        entry *e = entry_at(g, seq);
        e->bad = 0;
        hd_buf_clear(&e->view.out);
        hd_buf_clear(&e->note);
        if (read_next(g, e, d)) {
            e->doc = g->run->commit ? d : NULL;
            c->held[c->next] = g->run->commit ? seq + 1 : 0;
            c->next = (c->next + 1) % c->n_docs;
            *out = e;
            *doc = d;
            *seq_out = seq;
            atomic_store(&g->tail, seq + 1);
            rc = TAKE_DOC;
        } else {
            g->eof = 1;
        }
    }
    if (rc == TAKE_DOC && seq == 1 && g->n_planned)
        start_workers(g);
    pthread_mutex_unlock(&g->rd);
    return rc;
}

/* The loop of every thread that codes, the main one included: read the
 * next document, process it, and (the main thread) emit what is ready. */
static void code_all(coder *c)
{
    ring *g = c->g;
    int is_main = c == g->coders;
    for (;;) {
        entry *e;
        hd_doc *d;
        unsigned long long seq, until;
        int rc = take(g, c, &e, &d, &seq, &until);
        if (rc == TAKE_END)
            break;
        if (rc == TAKE_WAIT) {
            wait_emitted(g, c, until);
            continue;
        }
        process(g, c, e, d);
        mark_done(g, e, seq);
        if (is_main)
            drain(g);
    }
}

static void *worker(void *arg)
{
    code_all(arg);
    return NULL;
}

/* The workers start with the second document, not in ring_init: a run of
 * one article (the time to first output a user waits for) is coded on the
 * main thread without creating, waking and joining threads that would have
 * nothing to do (2 ms of a 12 ms run, on two loaded cores). */
static void start_workers(ring *g)
{
    int want = g->n_planned;
    g->n_planned = 0;
    for (int i = 1; i <= want; i++) {
        if (pthread_create(&g->coders[i].id, NULL, worker, &g->coders[i]))
            break; /* fewer threads; none: the main one alone */
        g->n_coders = i + 1;
    }
}

static void coder_init(coder *c, ring *g, size_t n_docs)
{
    memset(c, 0, sizeof *c);
    c->g = g;
    c->n_docs = n_docs;
    for (size_t i = 0; i < n_docs; i++)
        hd_doc_init(&c->docs[i]);
}

static void coder_free(coder *c)
{
    for (size_t i = 0; i < c->n_docs; i++)
        hd_doc_free(&c->docs[i]);
    free_memos(&c->memo);
}

static void *aligned_or_die(size_t n)
{
    n = (n + HD_LINE - 1) / HD_LINE * HD_LINE;
    void *p = aligned_alloc(HD_LINE, n);
    if (!p) {
        fprintf(stderr, "hadath: out of memory\n");
        abort();
    }
    return memset(p, 0, n);
}

static void ring_init(ring *g, hd_cli_run *run, int threads, hd_inputs *in)
{
    memset(g, 0, sizeof *g);
    atomic_init(&g->tail, 0);
    atomic_init(&g->head, 0);
    atomic_init(&g->stop, 0);
    atomic_init(&g->waiting, 0);
    atomic_init(&g->awaited, NULL);
    g->run = run;
    g->paths = in->paths;
    g->n_paths = in->n;
    g->n_threads = threads;
    g->n_planned = threads - 1;
    g->n_coders = 1;
    g->share = threads > 1 ? hd_memo_share_new() : NULL;
    g->n_win = threads > 1 ? HD_WINDOW_PER_THREAD * (size_t)threads : 1;
    g->win = aligned_or_die(g->n_win * sizeof *g->win);
    for (size_t i = 0; i < g->n_win; i++) {
        entry *e = &g->win[i];
        atomic_init(&e->done, 0);
        e->view = *run;
        memset(&e->view.out, 0, sizeof e->view.out);
    }
    g->coders = aligned_or_die((size_t)threads * sizeof *g->coders);
    for (int i = 0; i < threads; i++)
        coder_init(&g->coders[i], g, run->commit ? HD_HELD_PER_THREAD : 1);
    g->coders[0].id = pthread_self();
    pthread_mutex_init(&g->rd, NULL);
    pthread_mutex_init(&g->mu, NULL);
    pthread_cond_init(&g->advanced, NULL);
    pthread_cond_init(&g->done, NULL);
}

/* Emits everything still in the window, or until the run stops. */
static void finish(ring *g)
{
    while (!atomic_load(&g->stop) &&
           atomic_load(&g->head) < atomic_load(&g->tail))
        wait_head(g);
}

/* Waits for the workers (which stop at the end of the input, or at once
 * once the run has stopped) and frees the ring. */
static void ring_free(ring *g)
{
    wake_workers(g);
    for (int i = 1; i < g->n_coders; i++)
        pthread_join(g->coders[i].id, NULL);
    if (g->r)
        hd_reader_close(g->r);
    for (int i = 0; i < g->n_threads; i++)
        coder_free(&g->coders[i]);
    for (size_t i = 0; i < g->n_win; i++) {
        hd_buf_free(&g->win[i].view.out);
        hd_buf_free(&g->win[i].note);
    }
    free(g->win);
    free(g->coders);
    hd_memo_share_free(g->share); /* after the memos resting on it */
    pthread_mutex_destroy(&g->rd);
    pthread_mutex_destroy(&g->mu);
    pthread_cond_destroy(&g->advanced);
    pthread_cond_destroy(&g->done);
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
        ring_init(&g, run, hd_cli_threads(run), &in);
        code_all(&g.coders[0]);
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
