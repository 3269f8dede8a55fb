/*
 * sql.c: dispatch of the hd_sql interface (sql.h) to its backends.
 *
 * The backends do the work; this file picks one from the URI and forwards
 * each call through the ops table every connection and statement carries.
 */
#include <string.h>

#include "store/sql.h"

int hd_sql_is_pg_uri(const char *uri)
{
    return strncmp(uri, "postgresql://", 13) == 0 ||
           strncmp(uri, "postgres://", 11) == 0;
}

hd_sql *hd_sql_open(const char *uri, hd_error *err)
{
    if (!uri || !*uri) {
        hd_error_set(err, NULL, 0, -1, "no database given (--db PATH or postgresql://...)");
        return NULL;
    }
    if (hd_sql_is_pg_uri(uri))
        return hd_sql_pg_open(uri, err);
    return hd_sql_sqlite_open(uri, err);
}

void hd_sql_close(hd_sql *db) { if (db) db->ops->close(db); }
hd_sql_dialect hd_sql_dialect_of(const hd_sql *db) { return db->ops->dialect; }

int hd_sql_exec(hd_sql *db, const char *sql, hd_error *err)
{
    return db->ops->exec(db, sql, err);
}

int hd_sql_begin(hd_sql *db, hd_error *err) { return hd_sql_exec(db, "BEGIN", err); }
int hd_sql_commit(hd_sql *db, hd_error *err) { return hd_sql_exec(db, "COMMIT", err); }

int hd_sql_rollback(hd_sql *db)
{
    hd_error ignored;
    hd_error_clear(&ignored);
    return hd_sql_exec(db, "ROLLBACK", &ignored);
}

hd_stmt *hd_sql_prepare(hd_sql *db, const char *sql, hd_error *err)
{
    return db->ops->prepare(db, sql, err);
}

void hd_stmt_finalize(hd_stmt *st) { if (st) st->ops->finalize(st); }
void hd_stmt_bind_text(hd_stmt *st, int i, const char *s, size_t n) { st->ops->bind_text(st, i, s, n); }
void hd_stmt_bind_int64(hd_stmt *st, int i, int64_t v) { st->ops->bind_int64(st, i, v); }
void hd_stmt_bind_double(hd_stmt *st, int i, double v) { st->ops->bind_double(st, i, v); }
void hd_stmt_bind_null(hd_stmt *st, int i) { st->ops->bind_null(st, i); }
int hd_stmt_step(hd_stmt *st, hd_error *err) { return st->ops->step(st, err); }
void hd_stmt_reset(hd_stmt *st) { st->ops->reset(st); }
int hd_stmt_columns(hd_stmt *st) { return st->ops->columns(st); }
int hd_stmt_is_null(hd_stmt *st, int col) { return st->ops->is_null(st, col); }
const char *hd_stmt_text(hd_stmt *st, int col) { return st->ops->text(st, col); }
int64_t hd_stmt_int64(hd_stmt *st, int col) { return st->ops->int64(st, col); }
double hd_stmt_double(hd_stmt *st, int col) { return st->ops->dbl(st, col); }
