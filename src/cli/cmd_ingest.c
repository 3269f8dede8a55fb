/*
 * cmd_ingest.c: `hadath ingest`: code articles and store them with their
 * events in a database (src/store/).
 *
 * Wiring: the shared document loop (drive.c) reads and analyses; `each`
 * codes (it may run on worker threads, so it touches no database: it only
 * asks a read-only snapshot of the stored hashes, taken at start, whether
 * the article is already stored unchanged, and then skips the coding);
 * `commit` runs serially, in input order, and stores. Documents are
 * grouped into transactions of --batch; a kill loses at most the open
 * batch, and the next run skips what was committed (idempotence by doc_id
 * and content hash). Progress goes to stderr only when it is a terminal;
 * the position in the input comes from the kernel's view of the open file
 * (/proc/self/fdinfo), which works for .gz input as well since it is the
 * compressed offset against the compressed size.
 */
#include <dirent.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/drive.h"
#include "out/event.h"
#include "store/store.h"

void hd_cmd_ingest_help(FILE *out)
{
    fprintf(out,
        "usage: hadath ingest --db PATH|postgresql://... [options] INPUT...\n\n"
        "Codes each article and stores it, with its events, actors, places,\n"
        "quantities and attributions, in a database (a SQLite file is created\n"
        "if missing; the schema is in docs/STORE.md). Idempotent: an article\n"
        "already stored with the same id and content is skipped; one whose\n"
        "content changed is coded again and its old events replaced.\n"
        "After storing, events are grouped into incidents (see hadath dedup).\n\n"
        "options:\n"
        "  --db URI           the store (required)\n"
        "  --batch N          articles per transaction (default 500)\n"
        "  --no-dedup         do not rebuild the incidents afterwards\n"
        "  --km K, --days D   de-duplication thresholds (hadath dedup --help)\n"
        "  --stem light|none  full-text light stemming, fixed when the store\n"
        "                     is created (default light)\n"
        "  --progress         show progress even when stderr is not a terminal\n"
        "  --quiet            no progress and no summary\n"
        "  --date YYYY-MM-DD  the article date (overrides the input's)\n"
        "  --from FORMAT      auto (default), plain, jsonl, sgml,\n"
        "                     petrarch-xml, tsv\n"
        "  --data DIR         dictionaries (default: %s)\n"
        "  --strict           stop at the first bad record\n\n"
        "exit: 0 ok, 1 some records were bad, 2 usage error, 3 failure\n",
        hd_cli_data_dir());
}

/* The stored (doc_id, hash) pairs at start: an open-addressing table. */
typedef struct known_set {
    char **ids;
    uint64_t *hashes;
    size_t cap, n;
} known_set;

static uint64_t str_hash(const char *s)
{
    uint64_t h = 14695981039346656037ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static void known_add(known_set *k, const char *id, uint64_t hash)
{
    if ((k->n + 1) * 2 > k->cap) {
        known_set big = {0};
        big.cap = k->cap ? k->cap * 2 : 1024;
        big.ids = calloc(big.cap, sizeof *big.ids);
        big.hashes = calloc(big.cap, sizeof *big.hashes);
        if (!big.ids || !big.hashes)
            abort();
        for (size_t i = 0; i < k->cap; i++)
            if (k->ids[i]) {
                size_t j = str_hash(k->ids[i]) & (big.cap - 1);
                while (big.ids[j])
                    j = (j + 1) & (big.cap - 1);
                big.ids[j] = k->ids[i];
                big.hashes[j] = k->hashes[i];
            }
        big.n = k->n;
        free(k->ids);
        free(k->hashes);
        *k = big;
    }
    size_t j = str_hash(id) & (k->cap - 1);
    while (k->ids[j])
        j = (j + 1) & (k->cap - 1);
    k->ids[j] = strdup(id);
    if (!k->ids[j])
        abort();
    k->hashes[j] = hash;
    k->n++;
}

static int known_same(const known_set *k, const char *id, uint64_t hash)
{
    if (!k->cap)
        return 0;
    for (size_t j = str_hash(id) & (k->cap - 1); k->ids[j];
         j = (j + 1) & (k->cap - 1))
        if (strcmp(k->ids[j], id) == 0)
            return k->hashes[j] == hash;
    return 0;
}

static void known_free(known_set *k)
{
    for (size_t i = 0; i < k->cap; i++)
        free(k->ids[i]);
    free(k->ids);
    free(k->hashes);
}

static int known_load(known_set *k, hd_store *s, hd_error *err)
{
    hd_stmt *st = hd_sql_prepare(hd_store_sql(s),
        "SELECT doc_id, content_hash FROM articles", err);
    if (!st)
        return -1;
    int rc;
    while ((rc = hd_stmt_step(st, err)) == 1) {
        const char *h = hd_stmt_text(st, 1);
        known_add(k, hd_stmt_text(st, 0), h ? strtoull(h, NULL, 16) : 0);
    }
    hd_stmt_finalize(st);
    return rc;
}

typedef struct progress {
    int on;
    double t0, last;
    off_t total, done_files;   /* input bytes; bytes of finished files */
    char current[PATH_MAX];    /* the input being read */
    off_t current_size;
} progress;

typedef struct ingest_ctx {
    hd_lexicon *lex;
    hd_store *store;
    known_set known;
    size_t batch, in_batch;
    int in_tx;
    size_t seen, stored, replaced, skipped;
    int64_t events;
    progress pg;
} ingest_ctx;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The doc id the store keys on: the input's id, else file:line. */
static const char *store_id(hd_doc *doc)
{
    if (!(doc->id && *doc->id) && doc->source && doc->source_line > 0) {
        char buf[PATH_MAX + 32];
        int n = snprintf(buf, sizeof buf, "%s:%ld", doc->source,
                         doc->source_line);
        doc->id = hd_arena_strndup(doc->arena, buf, (size_t)n);
    }
    return hd_out_doc_id(doc);
}

static int ingest_each(hd_cli_run *run, hd_doc *doc, hd_error *err)
{
    ingest_ctx *c = run->ctx;
    /* ingest writes no output; an allocated, empty buffer keeps the
     * driver from copying from a NULL one */
    hd_buf_reserve(&run->out, 0);
    if (known_same(&c->known, store_id(doc), hd_store_doc_hash(doc)))
        return 0; /* stored unchanged at start: commit will skip it */
    return hd_code(c->lex, doc, err);
}

/* The current read offset of the open input `path`, from /proc; -1. */
static off_t input_offset(const char *path)
{
    DIR *d = opendir("/proc/self/fd");
    if (!d)
        return -1;
    off_t pos = -1;
    struct dirent *e;
    char link[PATH_MAX + 32], target[PATH_MAX];
    while (pos < 0 && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(link, sizeof link, "/proc/self/fd/%s", e->d_name);
        ssize_t n = readlink(link, target, sizeof target - 1);
        if (n <= 0)
            continue;
        target[n] = '\0';
        if (strcmp(target, path) != 0)
            continue;
        snprintf(link, sizeof link, "/proc/self/fdinfo/%s", e->d_name);
        FILE *f = fopen(link, "r");
        long long p;
        if (f && fscanf(f, "pos: %lld", &p) == 1)
            pos = (off_t)p;
        if (f)
            fclose(f);
    }
    closedir(d);
    return pos;
}

static void progress_show(ingest_ctx *c, const hd_doc *doc, int final)
{
    progress *pg = &c->pg;
    double t = now();
    if (!pg->on || (!final && t - pg->last < 0.5))
        return;
    pg->last = t;
    char real[PATH_MAX];
    if (doc && doc->source && realpath(doc->source, real) &&
        strcmp(real, pg->current) != 0) {
        pg->done_files += pg->current_size;
        snprintf(pg->current, sizeof pg->current, "%s", real);
        struct stat st;
        pg->current_size = stat(real, &st) == 0 ? st.st_size : 0;
    }
    double rate = (double)c->seen / (t - pg->t0 > 1e-6 ? t - pg->t0 : 1e-6);
    fprintf(stderr, "\r%zu articles, %zu stored, %zu unchanged, %" PRId64
            " events, %.0f articles/s", c->seen, c->stored, c->skipped,
            c->events, rate);
    off_t pos = pg->current[0] ? input_offset(pg->current) : -1;
    if (pg->total > 0 && pos >= 0) {
        double frac = (double)(pg->done_files + pos) / (double)pg->total;
        if (frac > 0.001 && frac < 1)
            fprintf(stderr, ", %.0f%%, ETA %.0f s", 100 * frac,
                    (t - pg->t0) * (1 - frac) / frac);
    }
    fputs(final ? "\n" : "   ", stderr);
    fflush(stderr);
}

static int batch_end(ingest_ctx *c, hd_error *err)
{
    if (!c->in_tx)
        return 0;
    c->in_tx = 0;
    c->in_batch = 0;
    return hd_store_commit(c->store, err);
}

static int ingest_commit(hd_cli_run *run, hd_doc *doc, hd_error *err)
{
    ingest_ctx *c = run->ctx;
    if (!c->in_tx) {
        if (hd_store_begin(c->store, err) != 0)
            return -1;
        c->in_tx = 1;
    }
    c->seen++;
    const char *id = store_id(doc);
    uint64_t h = hd_store_doc_hash(doc);
    int state = hd_store_article_state(c->store, id, h, err);
    if (state < 0)
        return -1;
    if (state == HD_ARTICLE_SAME) {
        c->skipped++;
    } else {
        /* each skipped the coding if the start snapshot had it unchanged */
        if (known_same(&c->known, id, h) && hd_code(c->lex, doc, err) != 0)
            return -1;
        hd_store_put put;
        if (hd_store_put_doc(c->store, doc, h, &put, err) != 0)
            return -1;
        c->stored++;
        c->replaced += (size_t)put.replaced;
        c->events += (int64_t)put.n_events;
    }
    if (++c->in_batch >= c->batch && batch_end(c, err) != 0)
        return -1;
    progress_show(c, doc, 0);
    return 0;
}

static off_t inputs_size(char **paths, int n)
{
    off_t total = 0;
    for (int i = 0; i < n; i++) {
        struct stat st;
        if (strcmp(paths[i], "-") == 0 || stat(paths[i], &st) != 0 ||
            !S_ISREG(st.st_mode))
            return 0; /* stdin or a directory: no ETA */
        total += st.st_size;
    }
    return total;
}

typedef struct ingest_opts {
    const char *db, *data;
    hd_store_opts store;
    hd_dedup_opts dedup;
    int no_dedup, quiet, progress;
    long batch;
} ingest_opts;

static int parse_options(int argc, char **argv, hd_cli_run *run,
                         ingest_opts *o)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'b'},
        {"batch", required_argument, NULL, 'n'},
        {"no-dedup", no_argument, NULL, 'N'},
        {"km", required_argument, NULL, 'k'},
        {"days", required_argument, NULL, 'y'},
        {"stem", required_argument, NULL, 'S'},
        {"progress", no_argument, NULL, 'p'},
        {"quiet", no_argument, NULL, 'q'},
        {"date", required_argument, NULL, 'd'},
        {"from", required_argument, NULL, 'f'},
        {"data", required_argument, NULL, 'D'},
        {"strict", no_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    char *end;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        int shared = hd_cli_input_option(run, c, optarg, "ingest");
        if (shared < 0)
            return -1;
        if (shared)
            continue;
        switch (c) {
        case 'b': o->db = optarg; break;
        case 'n':
            o->batch = strtol(optarg, &end, 10);
            if (*end || o->batch < 1) {
                fprintf(stderr, "hadath ingest: --batch wants a positive "
                                "number, not '%s'\n", optarg);
                return -1;
            }
            break;
        case 'N': o->no_dedup = 1; break;
        case 'k':
            o->dedup.km = strtod(optarg, &end);
            if (*end || o->dedup.km < 0) {
                fprintf(stderr, "hadath ingest: bad --km '%s'\n", optarg);
                return -1;
            }
            break;
        case 'y':
            o->dedup.days = (int)strtol(optarg, &end, 10);
            if (*end || o->dedup.days < 0) {
                fprintf(stderr, "hadath ingest: bad --days '%s'\n", optarg);
                return -1;
            }
            break;
        case 'S':
            if (strcmp(optarg, "light") && strcmp(optarg, "none")) {
                fprintf(stderr, "hadath ingest: --stem light or none\n");
                return -1;
            }
            o->store.light_stem = strcmp(optarg, "light") == 0;
            break;
        case 'p': o->progress = 1; break;
        case 'q': o->quiet = 1; break;
        case 'D': o->data = optarg; break;
        case 'h': hd_cmd_ingest_help(stdout); return 1;
        default: hd_cmd_ingest_help(stderr); return -1;
        }
    }
    if (!o->db) {
        fprintf(stderr, "hadath ingest: --db PATH is required\n");
        return -1;
    }
    return hd_cli_check_date(run->date) != 0 ? -1 : 0;
}

static void summary(const ingest_ctx *c, const hd_cli_run *run,
                    const hd_dedup_stats *ds, int deduped, double secs)
{
    fprintf(stderr, "hadath ingest: %zu articles seen, %zu stored (%zu "
            "replaced), %zu skipped as unchanged, %zu bad; %" PRId64
            " events", c->seen, c->stored, c->replaced, c->skipped,
            run->n_bad, c->events);
    if (deduped)
        fprintf(stderr, "; %" PRId64 " incidents from %" PRId64
                " asserted events", ds->incidents, ds->events);
    fprintf(stderr, " (%.1f s, %.0f articles/s)\n", secs,
            (double)c->seen / (secs > 1e-6 ? secs : 1e-6));
}

static int finish(ingest_ctx *c, hd_cli_run *run, const ingest_opts *o,
                  int rc)
{
    hd_error err;
    hd_error_clear(&err);
    if (c->in_tx && batch_end(c, &err) != 0) {
        hd_cli_report(&err);
        hd_store_rollback(c->store);
        return HD_EXIT_FAIL;
    }
    progress_show(c, NULL, 1);
    hd_dedup_stats ds = {0};
    int deduped = !o->no_dedup && (c->stored > 0);
    if (deduped && hd_store_dedup(c->store, &o->dedup, &ds, &err) != 0) {
        hd_cli_report(&err);
        return HD_EXIT_FAIL;
    }
    if (!o->quiet)
        summary(c, run, &ds, deduped, now() - c->pg.t0);
    return rc;
}

int hd_cmd_ingest(int argc, char **argv)
{
    hd_cli_run run = {0};
    ingest_ctx ctx = {0};
    ingest_opts o = {0};
    o.data = hd_cli_data_dir();
    o.batch = 500;
    hd_store_opts_default(&o.store);
    hd_dedup_opts_default(&o.dedup);
    hd_text_opts_default(&run.text_opts);
    int p = parse_options(argc, argv, &run, &o);
    if (p)
        return p > 0 ? HD_EXIT_OK : HD_EXIT_USAGE;
    run.each = ingest_each;
    run.commit = ingest_commit;
    run.ctx = &ctx;
    ctx.batch = (size_t)o.batch;
    ctx.pg.t0 = now();
    ctx.pg.on = !o.quiet && (o.progress || isatty(STDERR_FILENO));
    ctx.pg.total = inputs_size(argv + optind, argc - optind);
    hd_error err;
    hd_error_clear(&err);
    if (!(ctx.store = hd_store_open(o.db, &o.store, &err)) ||
        known_load(&ctx.known, ctx.store, &err) != 0 ||
        !(ctx.lex = hd_lexicon_open(o.data, &err))) {
        hd_cli_report(&err);
        hd_store_close(ctx.store);
        known_free(&ctx.known);
        return HD_EXIT_FAIL;
    }
    int rc = hd_cli_drive(&run, argv + optind, argc - optind);
    rc = finish(&ctx, &run, &o, rc);
    hd_lexicon_close(ctx.lex);
    hd_store_close(ctx.store);
    known_free(&ctx.known);
    return rc;
}
