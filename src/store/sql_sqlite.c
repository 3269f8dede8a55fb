/*
 * sql_sqlite.c: the SQLite backend of sql.h.
 *
 * A thin skin over the SQLite C API: sql.h was shaped after it (prepare,
 * bind from 1, step, columns from 0), so each call maps onto one sqlite3
 * call. Statements are prepared with SQLITE_PREPARE_PERSISTENT because the
 * store prepares each once and runs it thousands of times. A busy timeout
 * lets a reader (hadath query) and a writer (hadath ingest) share a WAL
 * database without failing on a momentary lock.
 */
#include "store/sql_sqlite.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"

typedef struct sqlite_db {
    hd_sql base;
    sqlite3 *h;
    char *path;
} sqlite_db;

typedef struct sqlite_stmt {
    hd_stmt base;
    sqlite3_stmt *st;
    sqlite_db *db;
} sqlite_stmt;

static const hd_sql_ops sqlite_ops;

static void set_err(hd_error *err, sqlite_db *db, const char *what,
                    const char *sql)
{
    int n = sql ? (int)strcspn(sql, "\n") : 0;
    hd_error_set(err, db->path, 0, -1, "sqlite: %s%s%.*s%s", what,
                 sql ? " (" : "", n > 120 ? 120 : n, sql ? sql : "",
                 sql ? ")" : "");
}

sqlite3 *hd_sql_sqlite_handle(hd_sql *db)
{
    if (!db || db->ops != &sqlite_ops)
        return NULL;
    return ((sqlite_db *)db)->h;
}

hd_sql *hd_sql_sqlite_open(const char *path, hd_error *err)
{
    sqlite_db *db = hd_xmalloc(sizeof *db);
    memset(db, 0, sizeof *db);
    db->base.ops = &sqlite_ops;
    size_t n = strlen(path);
    db->path = hd_xmalloc(n + 1);
    memcpy(db->path, path, n + 1);
    int rc = sqlite3_open_v2(path, &db->h,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        set_err(err, db, db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc),
                NULL);
        sqlite3_close(db->h);
        free(db->path);
        free(db);
        return NULL;
    }
    sqlite3_extended_result_codes(db->h, 1);
    sqlite3_busy_timeout(db->h, 30000);
    return &db->base;
}

static void sqlite_close(hd_sql *base)
{
    sqlite_db *db = (sqlite_db *)base;
    sqlite3_close_v2(db->h);
    free(db->path);
    free(db);
}

static int sqlite_exec(hd_sql *base, const char *sql, hd_error *err)
{
    sqlite_db *db = (sqlite_db *)base;
    char *msg = NULL;
    if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
        set_err(err, db, msg ? msg : sqlite3_errmsg(db->h), sql);
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

static hd_stmt *sqlite_prepare(hd_sql *base, const char *sql, hd_error *err)
{
    sqlite_db *db = (sqlite_db *)base;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
                           NULL) != SQLITE_OK) {
        set_err(err, db, sqlite3_errmsg(db->h), sql);
        return NULL;
    }
    sqlite_stmt *s = hd_xmalloc(sizeof *s);
    s->base.ops = &sqlite_ops;
    s->st = st;
    s->db = db;
    return &s->base;
}

static void sqlite_finalize(hd_stmt *base)
{
    sqlite_stmt *s = (sqlite_stmt *)base;
    sqlite3_finalize(s->st);
    free(s);
}

#define ST(b) (((sqlite_stmt *)(b))->st)

static void sqlite_bind_text(hd_stmt *b, int i, const char *s, size_t n)
{
    if (!s) {
        sqlite3_bind_null(ST(b), i);
        return;
    }
    if (n == (size_t)-1)
        n = strlen(s);
    sqlite3_bind_text64(ST(b), i, s, n, SQLITE_TRANSIENT, SQLITE_UTF8);
}

static void sqlite_bind_int64(hd_stmt *b, int i, int64_t v)
{
    sqlite3_bind_int64(ST(b), i, v);
}

static void sqlite_bind_double(hd_stmt *b, int i, double v)
{
    sqlite3_bind_double(ST(b), i, v);
}

static void sqlite_bind_null(hd_stmt *b, int i) { sqlite3_bind_null(ST(b), i); }

static int sqlite_step(hd_stmt *b, hd_error *err)
{
    sqlite_stmt *s = (sqlite_stmt *)b;
    int rc = sqlite3_step(s->st);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE)
        return 0;
    set_err(err, s->db, sqlite3_errmsg(s->db->h), sqlite3_sql(s->st));
    return -1;
}

static void sqlite_reset(hd_stmt *b)
{
    sqlite3_reset(ST(b));
    sqlite3_clear_bindings(ST(b));
}

static int sqlite_columns(hd_stmt *b) { return sqlite3_column_count(ST(b)); }

static int sqlite_is_null(hd_stmt *b, int col)
{
    return sqlite3_column_type(ST(b), col) == SQLITE_NULL;
}

static const char *sqlite_text(hd_stmt *b, int col)
{
    return (const char *)sqlite3_column_text(ST(b), col);
}

static int64_t sqlite_col_int64(hd_stmt *b, int col)
{
    return sqlite3_column_int64(ST(b), col);
}

static double sqlite_dbl(hd_stmt *b, int col)
{
    return sqlite3_column_double(ST(b), col);
}

static const hd_sql_ops sqlite_ops = {
    "sqlite", HD_SQL_SQLITE, sqlite_close, sqlite_exec, sqlite_prepare,
    sqlite_finalize, sqlite_bind_text, sqlite_bind_int64, sqlite_bind_double,
    sqlite_bind_null, sqlite_step, sqlite_reset, sqlite_columns,
    sqlite_is_null, sqlite_text, sqlite_col_int64, sqlite_dbl,
};
