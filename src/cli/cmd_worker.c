/*
 * cmd_worker.c: `hadath worker`: claim queued articles, code them and store
 * the results, as many processes on as many machines as needed.
 *
 * Each turn of the loop is one transaction (queue.h): claim up to --batch
 * pending rows with FOR UPDATE SKIP LOCKED, code each article, write it to
 * the store, mark its row done (or failed), record the batch, COMMIT. A
 * worker killed at any point leaves nothing half-done: its transaction dies
 * with its connection and its rows are pending again for the others.
 *
 * A batch first runs without savepoints: they cost two round trips an
 * article, and store errors are rare. When one happens, PostgreSQL refuses
 * the rest of the transaction, so the batch is rolled back and run again
 * with a savepoint around each article's writes: the bad article is undone
 * alone (its row back to pending, or failed after HD_QUEUE_MAX_ATTEMPTS)
 * and the rest commits. Any other database error (the connection lost)
 * ends the worker with exit 3, for its supervisor to restart it.
 *
 * SIGINT and SIGTERM ask for a clean stop: the batch in hand is finished
 * and committed first. The flag they set is the command's only global.
 */
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "store/queue.h"
#include "store/store.h"

#define WORKER_POLL_MS 500

static volatile sig_atomic_t stop_requested;

static void on_stop_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

void hd_cmd_worker_help(FILE *out)
{
    fprintf(out,
        "usage: hadath worker --db postgresql://... [options]\n\n"
        "Claims batches of queued articles (`hadath enqueue`), codes them\n"
        "and stores them with their events, one transaction per batch; run\n"
        "as many as you like, on as many machines. See docs/POSTGRES.md.\n\n"
        "options:\n"
        "  --db URI           the PostgreSQL database (postgresql://...)\n"
        "  --batch N          articles per batch and transaction (100)\n"
        "  --once             exit as soon as no pending article is free\n"
        "  --idle SECONDS     exit after the queue has stayed empty this long\n"
        "                     (default: wait for work forever)\n"
        "  --id NAME          the name recorded with each batch (host:pid)\n"
        "  --data DIR         dictionaries (default: %s)\n"
        "  --quiet            no summary line\n\n"
        "SIGINT or SIGTERM: finish and commit the batch in hand, then exit.\n"
        "Prints: worker NAME: batches N, coded N, unchanged N, failed N,\n"
        "retried N, events N.\n"
        "exit: 0 ok, 2 usage error, 3 failure (database or dictionaries)\n",
        hd_cli_data_dir());
}

typedef struct worker {
    hd_store *store;
    hd_queue *q;
    hd_lexicon *lex;
    hd_doc doc;
    hd_text_opts text_opts;
    char name[128];
    int batch_size;
    /* totals */
    long batches, coded, unchanged, failed, retried, events;
} worker;

typedef struct batch_tally {
    int64_t done, failed, events, unchanged, retried;
    int64_t *done_rows;      /* rows to mark done at the end, in one go */
    size_t n_done_rows, cap_done_rows;
} batch_tally;

/* What became of one article. */
enum { ITEM_OK = 0, ITEM_DB_ERROR = -1, ITEM_STORE_FAILED = -2 };

/* Codes one article and marks its row. careful: its store writes go inside
 * a savepoint, and a store error fails the article alone; otherwise a store
 * error returns ITEM_STORE_FAILED and the transaction is spoilt (the caller
 * rolls back and runs the batch again, carefully). */
static int work_item(worker *w, const hd_queue_batch *b,
                     const hd_queue_item *it, int careful, batch_tally *t,
                     hd_error *err)
{
    hd_error why;
    hd_error_clear(&why);
    char msg[sizeof why.msg + 300];
    if (hd_queue_decode(it->payload, it->payload_len, &w->doc, &why) != 0) {
        t->failed++;
        return hd_queue_failed(w->q, b, it, why.msg, 0, err);
    }
    int state = hd_store_article_state(w->store, it->doc_id, it->hash, err);
    if (state < 0)
        return ITEM_DB_ERROR;
    if (state == HD_ARTICLE_SAME) {
        t->done++;
        t->unchanged++;
        return hd_queue_done(w->q, b, it, "unchanged: already stored", err);
    }
    if (hd_text_analyze(&w->doc, &w->text_opts, &why) != 0 ||
        hd_code(w->lex, &w->doc, &why) != 0) {
        t->failed++;
        hd_error_format(&why, msg, sizeof msg);
        return hd_queue_failed(w->q, b, it, msg, 0, err);
    }
    if (careful && hd_queue_savepoint(w->q, err) != 0)
        return ITEM_DB_ERROR;
    hd_store_put put = {0};
    if (hd_store_put_doc(w->store, &w->doc, it->hash, &put, &why) != 0) {
        if (!careful)
            return ITEM_STORE_FAILED;
        if (hd_queue_rollback_to(w->q, err) != 0)
            return ITEM_DB_ERROR;
        if (it->attempts + 1 < HD_QUEUE_MAX_ATTEMPTS)
            t->retried++;
        else
            t->failed++;
        hd_error_format(&why, msg, sizeof msg);
        return hd_queue_failed(w->q, b, it, msg, 1, err);
    }
    if (careful && hd_queue_release(w->q, err) != 0)
        return ITEM_DB_ERROR;
    t->done++;
    t->events += (int64_t)put.n_events;
    HD_VEC_RESERVE(t->done_rows, t->cap_done_rows, t->n_done_rows + 1);
    t->done_rows[t->n_done_rows++] = it->row;
    return ITEM_OK;
}

/* One transaction: claim, code, store, mark, commit. Returns the number of
 * articles claimed (0: nothing free), -1 on a database error, -2 when a
 * store error spoilt a batch run without savepoints (rolled back). */
static int work_batch(worker *w, hd_queue_batch *b, int careful,
                      batch_tally *t, hd_error *err)
{
    if (hd_store_begin(w->store, err) != 0)
        return -1;
    int n = hd_queue_claim(w->q, w->name, w->batch_size, b, err);
    if (n <= 0) {
        hd_store_rollback(w->store);
        return n;
    }
    t->done = t->failed = t->events = t->unchanged = t->retried = 0;
    t->n_done_rows = 0;
    for (size_t i = 0; i < b->n; i++) {
        int rc = work_item(w, b, &b->items[i], careful, t, err);
        if (rc != ITEM_OK) {
            hd_store_rollback(w->store);
            return rc == ITEM_STORE_FAILED ? -2 : -1;
        }
    }
    if (hd_queue_done_rows(w->q, b, t->done_rows, t->n_done_rows, err) != 0 ||
        hd_queue_finish(w->q, b, t->done, t->failed, t->events, err) != 0 ||
        hd_store_commit(w->store, err) != 0) {
        hd_store_rollback(w->store);
        return -1;
    }
    w->batches++;
    w->coded += (long)t->done;
    w->failed += (long)t->failed;
    w->events += (long)t->events;
    w->unchanged += (long)t->unchanged;
    w->retried += (long)t->retried;
    return n;
}

/* A batch runs without savepoints (two round trips an article saved);
 * if a store error spoils it, it is rolled back and run again with them,
 * so that the one bad article fails alone. */
static int work_once(worker *w, hd_queue_batch *b, batch_tally *t,
                     hd_error *err)
{
    int n = work_batch(w, b, 0, t, err);
    if (n == -2)
        n = work_batch(w, b, 1, t, err);
    return n;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Claims batches until told to stop, or the queue stays empty longer than
 * idle (< 0: forever; 0: --once). */
static int work_loop(worker *w, double idle)
{
    hd_queue_batch b = {0};
    batch_tally t = {0};
    hd_error err;
    hd_error_clear(&err);
    double empty_since = -1;
    int rc = HD_EXIT_OK;
    while (!stop_requested) {
        int n = work_once(w, &b, &t, &err);
        if (n < 0) {
            hd_cli_report(&err);
            rc = HD_EXIT_FAIL;
            break;
        }
        if (n > 0) {
            empty_since = -1;
            continue;
        }
        double now = now_seconds();
        if (empty_since < 0)
            empty_since = now;
        if (idle >= 0 && now - empty_since >= idle)
            break;
        sleep_ms(WORKER_POLL_MS);
    }
    hd_queue_batch_free(&b);
    free(t.done_rows);
    return rc;
}

/* Names the session "hadath worker NAME" in pg_stat_activity, so an
 * operator (or the fault test) sees which worker holds which transaction. */
static int name_session(hd_sql *db, const char *name, hd_error *err)
{
    hd_stmt *st = hd_sql_prepare(db, "SELECT set_config('application_name',"
                                 " 'hadath worker ' || ?, false)", err);
    if (!st)
        return -1;
    hd_stmt_bind_text(st, 1, name, (size_t)-1);
    int rc = hd_stmt_step(st, err);
    hd_stmt_finalize(st);
    return rc < 0 ? -1 : 0;
}

/* Opens the store and the queue. Workers starting together on a new
 * database would race to create the same tables, so the schema is made
 * under a session advisory lock held on a connection of its own. */
static int open_worker(worker *w, const char *uri, const char *data,
                       hd_error *err)
{
    w->lex = hd_lexicon_open(data, err);
    if (!w->lex)
        return -1;
    hd_sql *guard = hd_sql_open(uri, err);
    if (!guard)
        return -1;
    if (hd_sql_exec(guard, "SELECT pg_advisory_lock(7236813)", err) == 0) {
        w->store = hd_store_open(uri, NULL, err);
        if (w->store)
            w->q = hd_queue_open(hd_store_sql(w->store), err);
    }
    hd_sql_close(guard); /* the lock goes with the session */
    return w->q ? name_session(hd_store_sql(w->store), w->name, err) : -1;
}

static void close_worker(worker *w)
{
    hd_queue_close(w->q);
    hd_store_close(w->store);
    hd_lexicon_close(w->lex);
    hd_doc_free(&w->doc);
}

static int parse_count(const char *s, long lo, long hi, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

int hd_cmd_worker(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'b'},
        {"batch", required_argument, NULL, 'n'},
        {"once", no_argument, NULL, 'o'},
        {"idle", required_argument, NULL, 'i'},
        {"id", required_argument, NULL, 'I'},
        {"data", required_argument, NULL, 'D'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    worker w;
    memset(&w, 0, sizeof w);
    w.batch_size = 100;
    const char *uri = NULL, *data = hd_cli_data_dir(), *name = NULL;
    double idle = -1;
    long v;
    int quiet = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'b': uri = optarg; break;
        case 'n':
            if (parse_count(optarg, 1, 100000, &v) != 0) {
                fprintf(stderr, "hadath worker: --batch wants 1 to 100000, "
                                "got '%s'\n", optarg);
                return HD_EXIT_USAGE;
            }
            w.batch_size = (int)v;
            break;
        case 'o': idle = 0; break;
        case 'i':
            if (parse_count(optarg, 0, 86400 * 365, &v) != 0) {
                fprintf(stderr, "hadath worker: --idle wants seconds, "
                                "got '%s'\n", optarg);
                return HD_EXIT_USAGE;
            }
            idle = (double)v;
            break;
        case 'I': name = optarg; break;
        case 'D': data = optarg; break;
        case 'q': quiet = 1; break;
        case 'h': hd_cmd_worker_help(stdout); return HD_EXIT_OK;
        default: hd_cmd_worker_help(stderr); return HD_EXIT_USAGE;
        }
    }
    if (!uri || !hd_sql_is_pg_uri(uri)) {
        fprintf(stderr, "hadath worker: --db postgresql://... is required\n");
        return HD_EXIT_USAGE;
    }
    if (optind < argc) {
        fprintf(stderr, "hadath worker: unexpected argument '%s' (the "
                        "articles come from the queue: hadath enqueue)\n",
                argv[optind]);
        return HD_EXIT_USAGE;
    }
    if (name) {
        snprintf(w.name, sizeof w.name, "%s", name);
    } else {
        char host[64] = "localhost";
        gethostname(host, sizeof host - 1);
        snprintf(w.name, sizeof w.name, "%s:%ld", host, (long)getpid());
    }
    hd_doc_init(&w.doc);
    hd_text_opts_default(&w.text_opts);
    hd_error err;
    hd_error_clear(&err);
    if (open_worker(&w, uri, data, &err) != 0) {
        hd_cli_report(&err);
        close_worker(&w);
        return HD_EXIT_FAIL;
    }
    signal(SIGINT, on_stop_signal);
    signal(SIGTERM, on_stop_signal);
    int rc = work_loop(&w, idle);
    if (!quiet)
        printf("worker %s: batches %ld, coded %ld, unchanged %ld, failed %ld,"
               " retried %ld, events %ld\n", w.name, w.batches,
               w.coded - w.unchanged, w.unchanged, w.failed, w.retried,
               w.events);
    close_worker(&w);
    return rc;
}
