/*
 * fts_tokenizer.c: the "hadath" FTS5 tokenizer, so SQLite's full-text index
 * sees Arabic words the way the coder does.
 *
 * FTS5's own tokenizers split on spaces and fold case; for Arabic that
 * leaves والديمقراطية, بالديمقراطية and الديموقراطية as three unrelated
 * words. This one hands every word to hd_store_terms (stems.c): the
 * normalized key with its clitics stripped, light-stemmed when the table
 * was created with `tokenize='hadath light'`. Offsets are the word's bytes
 * in the original text, so snippet() and highlight() mark the words as the
 * article wrote them. The same function tokenizes documents and queries,
 * so a query word finds every spelling that reduces to the same term.
 *
 * The tokenizer has no state beyond its one option, and is registered on
 * each connection when the store opens (tokenizers are per connection in
 * SQLite).
 */
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "store/sql_sqlite.h"
#include "store/store_int.h"

typedef struct hadath_tok {
    int light_stem;
} hadath_tok;

static int tok_create(void *ctx, const char **argv, int argc,
                      Fts5Tokenizer **out)
{
    (void)ctx;
    hadath_tok *t = sqlite3_malloc(sizeof *t);
    if (!t)
        return SQLITE_NOMEM;
    t->light_stem = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "light") == 0)
            t->light_stem = 1;
        else if (strcmp(argv[i], "none") != 0) {
            sqlite3_free(t);
            return SQLITE_ERROR;
        }
    }
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *t) { sqlite3_free(t); }

typedef struct tok_call {
    void *ctx;
    int (*emit)(void *, int, const char *, int, int, int);
} tok_call;

static int emit_term(void *ctx, const char *term, size_t n, size_t start,
                     size_t end)
{
    tok_call *c = ctx;
    int rc = c->emit(c->ctx, 0, term, (int)n, (int)start, (int)end);
    return rc == SQLITE_OK ? 0 : rc;
}

static int tok_tokenize(Fts5Tokenizer *tk, void *ctx, int flags,
                        const char *text, int n,
                        int (*emit)(void *, int, const char *, int, int, int))
{
    (void)flags;
    hadath_tok *t = (hadath_tok *)tk;
    tok_call c = {ctx, emit};
    if (!text || n <= 0)
        return SQLITE_OK;
    return hd_store_terms(text, (size_t)n, t->light_stem, emit_term, &c);
}

static fts5_api *fts5_api_of(sqlite3 *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    return api;
}

int hd_store_fts_register(hd_sql *db, hd_error *err)
{
    sqlite3 *h = hd_sql_sqlite_handle(db);
    if (!h)
        return 0;
    fts5_api *api = fts5_api_of(h);
    if (!api) {
        hd_error_set(err, NULL, 0, -1, "sqlite: this SQLite has no FTS5");
        return -1;
    }
    fts5_tokenizer tok = {tok_create, tok_delete, tok_tokenize}; /* copied */
    if (api->xCreateTokenizer(api, "hadath", NULL, &tok, NULL) != SQLITE_OK) {
        hd_error_set(err, NULL, 0, -1, "sqlite: cannot register the hadath "
                     "FTS5 tokenizer: %s", sqlite3_errmsg(h));
        return -1;
    }
    return 0;
}
