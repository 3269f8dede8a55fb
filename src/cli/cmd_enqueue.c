/*
 * cmd_enqueue.c: `hadath enqueue`: load articles into the PostgreSQL work
 * queue that `hadath worker` processes.
 *
 * Wiring only: the shared readers turn every input into documents, the
 * store's content hash names each version, and queue.c writes them, a few
 * hundred to a transaction. The (doc_id, hash) key makes a repeated enqueue
 * add nothing, so a load that was interrupted is simply run again.
 */
#include <getopt.h>
#include <string.h>

#include "cli/drive.h"
#include "doc/input.h"
#include "out/event.h"
#include "store/queue.h"
#include "store/store.h"

#define ENQUEUE_TXN 500 /* documents per transaction */

void hd_cmd_enqueue_help(FILE *out)
{
    fprintf(out,
        "usage: hadath enqueue --db postgresql://... [options] FILE|DIR|-...\n\n"
        "Reads articles and adds them to the work queue (table `queue`) for\n"
        "`hadath worker` processes to code. An article already queued with\n"
        "the same id and content adds nothing; a changed one is queued\n"
        "again and replaces the older version. See docs/POSTGRES.md.\n\n"
        "options:\n"
        "  --db URI           the PostgreSQL database (postgresql://...)\n"
        "  --date YYYY-MM-DD  the article date (overrides the input's)\n"
        "  --from FORMAT      auto (default), plain, jsonl, sgml,\n"
        "                     petrarch-xml, tsv\n"
        "  --strict           stop at the first bad record\n"
        "  --quiet            no summary line\n\n"
        "Prints: queued N, already queued N, bad N.\n"
        "exit: 0 ok, 1 some records were bad (reported on stderr, the good\n"
        "ones still queued), 2 usage error, 3 failure\n");
}

typedef struct enqueue_run {
    hd_sql *db;
    hd_queue *q;
    hd_format format;
    const char *date;
    int strict;
    long queued, already, bad, in_txn;
    int failed;              /* a database error: stop */
} enqueue_run;

static int put_doc(enqueue_run *e, hd_doc *doc, hd_error *err)
{
    if (e->date)
        doc->date = e->date;
    if (e->in_txn == 0 && hd_sql_begin(e->db, err) != 0)
        return -1;
    int rc = hd_queue_put(e->q, doc, hd_out_doc_id(doc),
                          hd_store_doc_hash(doc), err);
    if (rc < 0)
        return -1;
    if (rc > 0)
        e->queued++;
    else
        e->already++;
    if (++e->in_txn >= ENQUEUE_TXN) {
        e->in_txn = 0;
        return hd_sql_commit(e->db, err);
    }
    return 0;
}

/* Reads one input to its end; -1 stops the run. */
static int enqueue_path(enqueue_run *e, const char *path, hd_doc *doc)
{
    hd_error err;
    hd_error_clear(&err);
    hd_reader *r = hd_reader_open(path, e->format, &err);
    if (!r) {
        hd_cli_report(&err);
        e->bad++;
        return e->strict ? -1 : 0;
    }
    int rc, stop = 0;
    while (!stop && (rc = hd_reader_next(r, doc, &err)) != 0) {
        if (rc < 0) {
            hd_cli_report(&err);
            e->bad++;
            stop = e->strict;
        } else if (put_doc(e, doc, &err) != 0) {
            hd_cli_report(&err);
            e->failed = stop = 1;
        }
        hd_error_clear(&err);
    }
    hd_reader_close(r);
    return stop ? -1 : 0;
}

static int enqueue_all(enqueue_run *e, char **args, int n)
{
    hd_inputs in;
    hd_inputs_init(&in);
    hd_error err;
    hd_error_clear(&err);
    for (int i = 0; i < n; i++)
        if (hd_inputs_add(&in, args[i], &err) != 0) {
            hd_cli_report(&err);
            hd_inputs_free(&in);
            return HD_EXIT_FAIL;
        }
    hd_doc doc;
    hd_doc_init(&doc);
    for (size_t i = 0; i < in.n; i++)
        if (enqueue_path(e, in.paths[i], &doc) != 0)
            break;
    hd_doc_free(&doc);
    hd_inputs_free(&in);
    if (e->in_txn && !e->failed) {
        if (hd_sql_commit(e->db, &err) != 0) {
            hd_cli_report(&err);
            e->failed = 1;
        }
    }
    if (e->failed) {
        hd_sql_rollback(e->db);
        return HD_EXIT_FAIL;
    }
    return e->bad ? HD_EXIT_BAD_RECORDS : HD_EXIT_OK;
}

int hd_cmd_enqueue(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'b'},
        {"date", required_argument, NULL, 'd'},
        {"from", required_argument, NULL, 'f'},
        {"strict", no_argument, NULL, 's'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    enqueue_run e = {0};
    const char *uri = NULL;
    int quiet = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'b': uri = optarg; break;
        case 'd': e.date = optarg; break;
        case 's': e.strict = 1; break;
        case 'q': quiet = 1; break;
        case 'f': {
            int f = hd_format_from_name(optarg);
            if (f < 0) {
                fprintf(stderr, "hadath enqueue: unknown input format '%s' "
                        "(auto, plain, jsonl, sgml, petrarch-xml, tsv)\n",
                        optarg);
                return HD_EXIT_USAGE;
            }
            e.format = (hd_format)f;
            break;
        }
        case 'h': hd_cmd_enqueue_help(stdout); return HD_EXIT_OK;
        default: hd_cmd_enqueue_help(stderr); return HD_EXIT_USAGE;
        }
    }
    if (!uri || !hd_sql_is_pg_uri(uri)) {
        fprintf(stderr, "hadath enqueue: --db postgresql://... is required "
                        "(the work queue lives on PostgreSQL; on one machine "
                        "use `hadath ingest`)\n");
        return HD_EXIT_USAGE;
    }
    if (optind >= argc) {
        fprintf(stderr, "hadath enqueue: no input (FILE, DIR or -)\n");
        return HD_EXIT_USAGE;
    }
    if (hd_cli_check_date(e.date) != 0)
        return HD_EXIT_USAGE;
    hd_error err;
    hd_error_clear(&err);
    e.db = hd_sql_open(uri, &err);
    if (e.db)
        e.q = hd_queue_open(e.db, &err);
    if (!e.q) {
        hd_cli_report(&err);
        hd_sql_close(e.db);
        return HD_EXIT_FAIL;
    }
    int rc = enqueue_all(&e, argv + optind, argc - optind);
    if (!quiet)
        printf("queued %ld, already queued %ld, bad %ld\n", e.queued,
               e.already, e.bad);
    hd_queue_close(e.q);
    hd_sql_close(e.db);
    return rc;
}
