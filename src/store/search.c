/*
 * search.c: Arabic full-text search over the stored articles, and the
 * store's health check.
 *
 * SQLite: the articles_fts table (FTS5 with the "hadath" tokenizer, see
 * fts_tokenizer.c), ranked by bm25, with snippet() marking the matches in
 * the article's own words. The user's query is passed to FTS5 as given, so
 * its syntax works (phrases in quotes, OR, NOT, prefix*); each word of it
 * goes through the same tokenizer as the articles.
 *
 * PostgreSQL: the articles.stems column holds the same terms (stems.c); the
 * query is reduced to terms here and matched with to_tsvector('simple')
 * and plainto_tsquery('simple'), ranked by ts_rank. Its snippet is the
 * start of the article: ts_headline over stems would show stems, not words.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

static const char *SQLITE_SEARCH =
    "SELECT a.id, a.doc_id, a.outlet, a.date, a.title, a.url,"
    " snippet(articles_fts, 0, '[', ']', ' … ', 16), bm25(articles_fts)"
    " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
    " WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts) LIMIT ?";

static const char *PG_SEARCH =
    "SELECT a.id, a.doc_id, a.outlet, a.date, a.title, a.url,"
    " substr(a.text, 1, 200),"
    " -ts_rank(to_tsvector('simple', coalesce(a.stems, '')),"
    " plainto_tsquery('simple', ?)) AS r"
    " FROM articles a WHERE to_tsvector('simple', coalesce(a.stems, ''))"
    " @@ plainto_tsquery('simple', ?) ORDER BY r LIMIT ?";

int hd_store_search(hd_store *s, const char *query, int64_t limit,
                    hd_search_fn fn, void *ctx, hd_error *err)
{
    int pg = s->dialect == HD_SQL_PG;
    hd_stmt *st = hd_sql_prepare(s->db, pg ? PG_SEARCH : SQLITE_SEARCH, err);
    if (!st)
        return -1;
    char *terms = NULL;
    size_t len = 0, cap = 0;
    if (pg) {
        hd_store_stem_text(query, strlen(query), s->light_stem, &terms, &len,
                           &cap);
        hd_stmt_bind_text(st, 1, terms, len);
        hd_stmt_bind_text(st, 2, terms, len);
        hd_stmt_bind_int64(st, 3, limit > 0 ? limit : 20);
    } else {
        hd_stmt_bind_text(st, 1, query, (size_t)-1);
        hd_stmt_bind_int64(st, 2, limit > 0 ? limit : 20);
    }
    int rc;
    while ((rc = hd_stmt_step(st, err)) == 1) {
        hd_search_hit h = {hd_stmt_int64(st, 0), hd_stmt_text(st, 1),
                           hd_stmt_text(st, 2), hd_stmt_text(st, 3),
                           hd_stmt_text(st, 4), hd_stmt_text(st, 5),
                           hd_stmt_text(st, 6), hd_stmt_double(st, 7)};
        if ((rc = fn(ctx, &h)) != 0)
            break;
    }
    hd_stmt_finalize(st);
    free(terms);
    return rc < 0 ? -1 : 0;
}

int hd_store_check(hd_store *s, char *msg, size_t cap, hd_error *err)
{
    msg[0] = '\0';
    if (s->dialect == HD_SQL_SQLITE) {
        hd_stmt *st = hd_sql_prepare(s->db, "PRAGMA integrity_check", err);
        if (!st)
            return -1;
        int rc = hd_stmt_step(st, err);
        const char *v = rc == 1 ? hd_stmt_text(st, 0) : NULL;
        int ok = v && strcmp(v, "ok") == 0;
        if (!ok)
            snprintf(msg, cap, "integrity_check: %s", v ? v : "no answer");
        hd_stmt_finalize(st);
        if (rc < 0)
            return -1;
        if (!ok)
            return 1;
        hd_error ferr;
        hd_error_clear(&ferr);
        if (hd_sql_exec(s->db, "INSERT INTO articles_fts(articles_fts) "
                        "VALUES ('integrity-check')", &ferr) != 0) {
            snprintf(msg, cap, "fts: %s", ferr.msg);
            return 1;
        }
    }
    int64_t bad = hd_store_check_complete(s, err);
    if (bad < 0)
        return -1;
    if (bad > 0) {
        snprintf(msg, cap, "%lld articles are half-stored (their counts "
                 "differ from their rows)", (long long)bad);
        return 1;
    }
    return 0;
}
