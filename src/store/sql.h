/*
 * sql.h: one small SQL interface over SQLite and PostgreSQL.
 *
 * The store (schema, ingest, de-duplication, queries, the work queue) is
 * written once, against this interface, in the SQL both engines share:
 * `?` placeholders (PostgreSQL's driver rewrites them to $1, $2, ...),
 * INSERT ... ON CONFLICT, RETURNING, BIGINT, DOUBLE PRECISION, TEXT. Where
 * the engines truly differ (the id column, full-text search, SKIP LOCKED)
 * the caller asks hd_sql_dialect() and writes both forms side by side.
 *
 * A connection is opened from a URI: "postgresql://..." or "postgres://..."
 * goes to libpq (sql_pg.c); anything else is a SQLite file path
 * (sql_sqlite.c). Each backend fills in an hd_sql_ops table; sql.c only
 * dispatches. Errors are values: every call that can fail takes an
 * hd_error and returns -1 (or NULL) with it set; nothing prints or exits.
 *
 * Statements are prepared once and reused: bind, step until 0, reset.
 * Text from hd_stmt_text() stays valid until the next step, reset or
 * finalize of that statement.
 */
#ifndef HD_STORE_SQL_H
#define HD_STORE_SQL_H

#include <stddef.h>
#include <stdint.h>

#include "hadath.h"

typedef enum hd_sql_dialect { HD_SQL_SQLITE = 1, HD_SQL_PG = 2 } hd_sql_dialect;

typedef struct hd_sql hd_sql;
typedef struct hd_stmt hd_stmt;

/* Opens (creating a SQLite file if needed). NULL with err set on failure. */
hd_sql *hd_sql_open(const char *uri, hd_error *err);
void hd_sql_close(hd_sql *db);
hd_sql_dialect hd_sql_dialect_of(const hd_sql *db);

/* Runs one or more statements without parameters or results (DDL, BEGIN,
 * COMMIT, PRAGMA). */
int hd_sql_exec(hd_sql *db, const char *sql, hd_error *err);

int hd_sql_begin(hd_sql *db, hd_error *err);
int hd_sql_commit(hd_sql *db, hd_error *err);
int hd_sql_rollback(hd_sql *db); /* best effort; never fails loudly */

hd_stmt *hd_sql_prepare(hd_sql *db, const char *sql, hd_error *err);
void hd_stmt_finalize(hd_stmt *st);

/* Parameters count from 1, as in both engines' C APIs. Text is copied by
 * the bind (n == (size_t)-1: NUL-terminated); NULL text binds SQL NULL. */
void hd_stmt_bind_text(hd_stmt *st, int i, const char *s, size_t n);
void hd_stmt_bind_int64(hd_stmt *st, int i, int64_t v);
void hd_stmt_bind_double(hd_stmt *st, int i, double v);
void hd_stmt_bind_null(hd_stmt *st, int i);

/* 1: a row is ready; 0: done; -1: error (err set). */
int hd_stmt_step(hd_stmt *st, hd_error *err);
/* Makes the statement ready to run again; keeps no bindings. */
void hd_stmt_reset(hd_stmt *st);

/* Columns count from 0. */
int hd_stmt_columns(hd_stmt *st);
int hd_stmt_is_null(hd_stmt *st, int col);
const char *hd_stmt_text(hd_stmt *st, int col); /* NULL for SQL NULL */
int64_t hd_stmt_int64(hd_stmt *st, int col);
double hd_stmt_double(hd_stmt *st, int col);

/* The backend table; sql.c dispatches through it. */
typedef struct hd_sql_ops {
    const char *name;                       /* "sqlite", "postgresql" */
    hd_sql_dialect dialect;
    void (*close)(hd_sql *db);
    int (*exec)(hd_sql *db, const char *sql, hd_error *err);
    hd_stmt *(*prepare)(hd_sql *db, const char *sql, hd_error *err);
    void (*finalize)(hd_stmt *st);
    void (*bind_text)(hd_stmt *st, int i, const char *s, size_t n);
    void (*bind_int64)(hd_stmt *st, int i, int64_t v);
    void (*bind_double)(hd_stmt *st, int i, double v);
    void (*bind_null)(hd_stmt *st, int i);
    int (*step)(hd_stmt *st, hd_error *err);
    void (*reset)(hd_stmt *st);
    int (*columns)(hd_stmt *st);
    int (*is_null)(hd_stmt *st, int col);
    const char *(*text)(hd_stmt *st, int col);
    int64_t (*int64)(hd_stmt *st, int col);
    double (*dbl)(hd_stmt *st, int col);
} hd_sql_ops;

/* Every connection and statement starts with its ops pointer, so sql.c can
 * dispatch without knowing the backend's layout. */
struct hd_sql { const hd_sql_ops *ops; };
struct hd_stmt { const hd_sql_ops *ops; };

/* Backend constructors (sql_sqlite.c, sql_pg.c). */
hd_sql *hd_sql_sqlite_open(const char *path, hd_error *err);
hd_sql *hd_sql_pg_open(const char *conninfo, hd_error *err);

/* True when uri names a PostgreSQL server. */
int hd_sql_is_pg_uri(const char *uri);

#endif
