/*
 * cmd_search.c: `hadath search`: Arabic full-text search over the stored
 * articles, ranked, each hit with a snippet marking the matched words.
 * Wiring only; the search is src/store/search.c, the tokenizer
 * src/store/fts_tokenizer.c.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "store/store.h"

void hd_cmd_search_help(FILE *out)
{
    fprintf(out,
        "usage: hadath search --db URI [--limit N] QUERY...\n\n"
        "Finds stored articles by their words, the Arabic way: each word is\n"
        "normalized and its clitics stripped as the coder does (ديمقراطية\n"
        "finds والديمقراطية and بالديمقراطية), and with light stemming (the\n"
        "default of hadath ingest --stem) plural and feminine endings go too\n"
        "(احتجاج finds الاحتجاجات). Several words: articles with all of them;\n"
        "\"...\" a phrase; OR, NOT; word* a prefix (SQLite FTS5 syntax).\n"
        "Ranked by bm25; one block per article: rank, id, outlet, date,\n"
        "title, and a snippet with the matches in [brackets].\n\n"
        "options:\n"
        "  --db URI           the store (required)\n"
        "  --limit N          at most N articles (default 20)\n\n"
        "exit: 0 found, 1 nothing found, 2 usage error, 3 failure\n");
}

typedef struct search_ctx {
    size_t n;
} search_ctx;

/* Prints s on one line: line breaks become spaces. */
static void one_line(const char *s)
{
    for (; s && *s; s++)
        putchar(*s == '\n' || *s == '\r' ? ' ' : *s);
    putchar('\n');
}

static int print_hit(void *ctx, const hd_search_hit *h)
{
    search_ctx *c = ctx;
    c->n++;
    printf("%zu. %s  %s  %s  (bm25 %.2f)\n   ", c->n,
           h->doc_id ? h->doc_id : "-", h->outlet ? h->outlet : "-",
           h->date ? h->date : "-", h->rank);
    one_line(h->title);
    fputs("   ", stdout);
    one_line(h->snippet);
    putchar('\n');
    return 0;
}

int hd_cmd_search(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'b'},
        {"limit", required_argument, NULL, 'l'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *db = NULL;
    long long limit = 20;
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (ch) {
        case 'b': db = optarg; break;
        case 'l': limit = atoll(optarg); break;
        case 'h': hd_cmd_search_help(stdout); return HD_EXIT_OK;
        default: hd_cmd_search_help(stderr); return HD_EXIT_USAGE;
        }
    }
    if (!db || optind >= argc || limit < 1) {
        fprintf(stderr, "hadath search: --db URI and a QUERY are required "
                        "(--limit positive)\n");
        return HD_EXIT_USAGE;
    }
    size_t len = 0;
    for (int i = optind; i < argc; i++)
        len += strlen(argv[i]) + 1;
    char *query = malloc(len + 1);
    if (!query)
        return HD_EXIT_FAIL;
    query[0] = '\0';
    for (int i = optind; i < argc; i++) {
        if (i > optind)
            strcat(query, " ");
        strcat(query, argv[i]);
    }
    hd_error err;
    hd_error_clear(&err);
    hd_store_opts so;
    hd_store_opts_default(&so);
    so.readonly = 1;
    hd_store *s = hd_store_open(db, &so, &err);
    search_ctx c = {0};
    int rc = s ? hd_store_search(s, query, limit, print_hit, &c, &err) : -1;
    if (rc != 0)
        hd_cli_report(&err);
    hd_store_close(s);
    free(query);
    if (rc != 0)
        return HD_EXIT_FAIL;
    return c.n ? HD_EXIT_OK : HD_EXIT_BAD_RECORDS;
}
