/*
 * sql_pg.c: the PostgreSQL backend of sql.h, on libpq loaded on demand.
 *
 * Why libpq is loaded with dlopen, not linked: libpq.so.5 needs some twenty
 * shared libraries of its own (OpenSSL, GnuTLS, Kerberos, LDAP, SASL...),
 * and a process linked with it maps, relocates and runs the constructors
 * of all of them before main: about 13 ms, on every run, half of what
 * `hadath code` takes for one short article, although only `--db
 * postgresql://...` ever talks to a server. So the hadath binary and
 * libhadath carry no DT_NEEDED on libpq; the first PostgreSQL connection
 * loads it (dlopen "libpq.so.5", the Debian package libpq5) and looks up
 * the sixteen functions this file calls. A machine without it gets an
 * hd_error naming the package, never a crash, and everything that does not
 * use PostgreSQL works as before. We still compile against libpq-fe.h:
 * PQ_FUNCTIONS below lists each function with its prototype, and a
 * _Generic check makes the build fail if a prototype drifts from the
 * header's, so a pointer is never called with the wrong signature.
 *
 * The function table is the one piece of process-wide state: it is filled
 * once, under pthread_once (connections may be opened from several threads
 * at the same time), and only read afterwards; each connection keeps a
 * pointer to it. One table, not one per connection, because the loaded
 * library is process-wide anyway (the dynamic linker counts references to
 * one copy), and because libpq is never unloaded: OpenSSL, which it
 * initialises, registers exit handlers that must still find their code at
 * exit, the same lifetime a DT_NEEDED would have given it. HADATH_LIBPQ
 * names another library file to load instead (a libpq of one's own; the
 * tests use it to check the message when there is none).
 *
 * The store speaks one SQL with `?` placeholders; PostgreSQL wants $1, $2,
 * ... So prepare rewrites every `?` that stands outside a string literal
 * ('...', E'...', $tag$...$tag$), a quoted identifier ("...") or a comment
 * into $n, and hands the result to PQprepare under a name unique on the
 * connection ("hd_1", "hd_2", ...): the server parses and plans it once,
 * and each run afterwards is one PQexecPrepared round trip.
 *
 * Parameters travel in text format, as PostgreSQL's own literals: the bind
 * calls format them (int64 in decimal, doubles with %.17g so they come back
 * bit for bit, Infinity/NaN spelt the server's way) into buffers the
 * statement keeps and reuses from run to run, so a steady loop of
 * bind/step/reset allocates nothing. The server infers each parameter's
 * type from where it stands in the statement.
 *
 * The first step runs the statement and keeps the whole PGresult; later
 * steps walk its rows. Statements here return a batch of rows or none, so
 * holding the result is simpler and faster than single-row mode.
 *
 * libpq prints server NOTICEs ("relation already exists, skipping") on
 * stderr unless told otherwise; the library never prints, so a silent
 * notice processor is installed on every connection.
 */
#include <libpq-fe.h>
#include <dlfcn.h>
#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "store/sql.h"

#define PG_WHERE "postgresql"
#define PQ_LIBRARY "libpq.so.5"

/* ------------------------------------------------------ libpq, loaded */

/* Every libpq function this file calls: return type, name, parameters,
 * exactly as libpq-fe.h declares them (checked below). */
#define PQ_FUNCTIONS(X)                                                     \
    X(PGconn *, PQconnectdb, (const char *))                                \
    X(ConnStatusType, PQstatus, (const PGconn *))                           \
    X(char *, PQerrorMessage, (const PGconn *))                             \
    X(void, PQfinish, (PGconn *))                                           \
    X(PQnoticeProcessor, PQsetNoticeProcessor,                              \
      (PGconn *, PQnoticeProcessor, void *))                                \
    X(int, PQsetClientEncoding, (PGconn *, const char *))                   \
    X(PGresult *, PQexec, (PGconn *, const char *))                         \
    X(PGresult *, PQprepare,                                                \
      (PGconn *, const char *, const char *, int, const Oid *))             \
    X(PGresult *, PQexecPrepared,                                           \
      (PGconn *, const char *, int, const char *const *, const int *,       \
       const int *, int))                                                   \
    X(ExecStatusType, PQresultStatus, (const PGresult *))                   \
    X(char *, PQresultErrorMessage, (const PGresult *))                     \
    X(int, PQntuples, (const PGresult *))                                   \
    X(int, PQnfields, (const PGresult *))                                   \
    X(char *, PQgetvalue, (const PGresult *, int, int))                     \
    X(int, PQgetisnull, (const PGresult *, int, int))                       \
    X(void, PQclear, (PGresult *))

/* The table: one pointer per function, named as the function. */
typedef struct pq_api {
#define PQ_FIELD(ret, name, params) ret (*name) params;
    PQ_FUNCTIONS(PQ_FIELD)
#undef PQ_FIELD
} pq_api;

/* A prototype that differs from libpq-fe.h's is a compile error. The
 * operand of _Generic is not evaluated: no reference to libpq is made. */
#define PQ_SAME_TYPE(ret, name, params)                                     \
    _Static_assert(_Generic(&name, ret (*) params: 1, default: 0),          \
                   #name " does not match libpq-fe.h");
PQ_FUNCTIONS(PQ_SAME_TYPE)
#undef PQ_SAME_TYPE

/* dlsym gives a void *; POSIX guarantees that it converts to a function
 * pointer, and copying the bytes is the way ISO C lets us say so. */
_Static_assert(sizeof(void *) == sizeof(void (*)(void)),
               "object and function pointers have one size");

static const struct pq_symbol {
    const char *name;
    size_t offset;
} pq_symbols[] = {
#define PQ_SYMBOL(ret, name, params) {#name, offsetof(pq_api, name)},
    PQ_FUNCTIONS(PQ_SYMBOL)
#undef PQ_SYMBOL
};

/* Written once by pq_load, under pq_once; read-only afterwards. */
static pq_api pq_table;
static int pq_loaded;             /* 1: pq_table is complete */
static char pq_failure[400];      /* why not, when pq_loaded is 0 */
static pthread_once_t pq_once = PTHREAD_ONCE_INIT;

static void pq_load(void)
{
    const char *file = getenv("HADATH_LIBPQ");
    if (!file || !*file)
        file = PQ_LIBRARY;
    void *lib = dlopen(file, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        const char *why = dlerror();
        snprintf(pq_failure, sizeof pq_failure, "PostgreSQL support needs "
                 "%s (Debian package libpq5): %s", PQ_LIBRARY,
                 why ? why : "cannot load it");
        return;
    }
    for (size_t i = 0; i < sizeof pq_symbols / sizeof *pq_symbols; i++) {
        void *sym = dlsym(lib, pq_symbols[i].name);
        if (!sym) {
            snprintf(pq_failure, sizeof pq_failure, "PostgreSQL support "
                     "needs %s (Debian package libpq5): %s has no %s",
                     PQ_LIBRARY, file, pq_symbols[i].name);
            dlclose(lib);
            return;
        }
        memcpy((char *)&pq_table + pq_symbols[i].offset, &sym, sizeof sym);
    }
    pq_loaded = 1; /* lib stays loaded for the life of the process */
}

/* The loaded table, or NULL with err saying why there is none. */
static const pq_api *pq_api_get(hd_error *err)
{
    pthread_once(&pq_once, pq_load);
    if (pq_loaded)
        return &pq_table;
    hd_error_set(err, PG_WHERE, 0, -1, "%s", pq_failure);
    return NULL;
}

typedef struct pg_db {
    hd_sql base;
    const pq_api *pq;           /* the loaded libpq (pq_table) */
    PGconn *conn;
    unsigned long n_prepared;   /* names statements: hd_1, hd_2, ... */
} pg_db;

typedef struct pg_param {
    char *val;                  /* NUL-terminated text, or NULL for SQL NULL */
    size_t cap;                 /* allocated size of val */
    int is_null;
} pg_param;

typedef struct pg_stmt {
    hd_stmt base;
    pg_db *db;
    const pq_api *pq;           /* db->pq, one hop nearer */
    char name[32];
    int n_params;
    pg_param *params;
    const char **values;        /* what PQexecPrepared reads */
    char bind_error[160];       /* a bind that cannot be sent, told at step */
    PGresult *res;
    int executed;
    int row, n_rows;            /* row: the current row + 1 (0 before any) */
} pg_stmt;

static const hd_sql_ops pg_ops;

/* ------------------------------------------------------------- errors */

/* Copies a libpq message into err: "ERROR:  " dropped, lines joined by
 * "; ", the trailing newline gone. */
static void pg_error(hd_error *err, const char *what, const char *msg)
{
    char clean[sizeof err->msg];
    size_t n = 0;
    if (!msg || !*msg)
        msg = "unknown error";
    if (strncmp(msg, "ERROR:  ", 8) == 0)
        msg += 8;
    for (const char *p = msg; *p && n + 3 < sizeof clean; p++) {
        if (*p == '\n') {
            if (p[1] == '\0')
                break;
            clean[n++] = ';';
            clean[n++] = ' ';
            continue;
        }
        clean[n++] = *p;
    }
    clean[n] = '\0';
    hd_error_set(err, PG_WHERE, 0, -1, "%s: %s", what, clean);
}

/* Checks a result: 0 when it is one of the good statuses, else -1 with err
 * set from the result (or the connection when there is no result). */
static int pg_check(pg_db *db, PGresult *res, const char *what, hd_error *err)
{
    ExecStatusType s = res ? db->pq->PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK ||
        s == PGRES_EMPTY_QUERY)
        return 0;
    const char *msg = res ? db->pq->PQresultErrorMessage(res) : NULL;
    if (!msg || !*msg)
        msg = db->pq->PQerrorMessage(db->conn);
    pg_error(err, what, msg);
    return -1;
}

static void pg_quiet(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* --------------------------------------------------------- connection */

hd_sql *hd_sql_pg_open(const char *conninfo, hd_error *err)
{
    const pq_api *pq = pq_api_get(err);
    if (!pq)
        return NULL;
    PGconn *conn = pq->PQconnectdb(conninfo);
    if (!conn) {
        hd_error_set(err, PG_WHERE, 0, -1, "connect: out of memory");
        return NULL;
    }
    if (pq->PQstatus(conn) != CONNECTION_OK) {
        pg_error(err, "connect", pq->PQerrorMessage(conn));
        pq->PQfinish(conn);
        return NULL;
    }
    pq->PQsetNoticeProcessor(conn, pg_quiet, NULL);
    if (pq->PQsetClientEncoding(conn, "UTF8") != 0) {
        pg_error(err, "client encoding UTF8", pq->PQerrorMessage(conn));
        pq->PQfinish(conn);
        return NULL;
    }
    pg_db *db = hd_xmalloc(sizeof *db);
    db->base.ops = &pg_ops;
    db->pq = pq;
    db->conn = conn;
    db->n_prepared = 0;
    return &db->base;
}

static void pg_close(hd_sql *sql)
{
    pg_db *db = (pg_db *)sql;
    db->pq->PQfinish(db->conn);
    free(db);
}

static int pg_exec(hd_sql *sql, const char *text, hd_error *err)
{
    pg_db *db = (pg_db *)sql;
    PGresult *res = db->pq->PQexec(db->conn, text);
    int rc = pg_check(db, res, "exec", err);
    db->pq->PQclear(res);
    return rc;
}

/* ------------------------------------------------------ placeholders */

/* Where a dollar quote's tag ends: s points at '$'; returns the length of
 * "$tag$" (tag: letters, digits, '_', not starting with a digit), or 0 when
 * s does not open one ($1 is a parameter, not a quote). */
static size_t dollar_tag(const char *s)
{
    size_t i = 1;
    if (s[i] >= '0' && s[i] <= '9')
        return 0;
    while ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
           (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
           (unsigned char)s[i] >= 0x80)
        i++;
    return s[i] == '$' ? i + 1 : 0;
}

/* Copies a quoted run that opens at s[0] (the quote char q) into out, up to
 * and including its closing quote; a doubled quote stays inside, and in an
 * E'' string so does a backslash escape. Returns the bytes consumed. */
static size_t copy_quoted(hd_buf *out, const char *s, char q, int backslash)
{
    size_t i = 1;
    for (; s[i]; i++) {
        if (backslash && s[i] == '\\' && s[i + 1]) {
            i++;
            continue;
        }
        if (s[i] == q) {
            if (s[i + 1] == q) {
                i++;
                continue;
            }
            i++;
            break;
        }
    }
    hd_buf_put(out, s, i);
    return i;
}

/* Rewrites `?` into $1..$n outside literals, identifiers and comments.
 * Returns the number of placeholders. */
static int rewrite_placeholders(const char *sql, hd_buf *out)
{
    int n = 0;
    const char *s = sql;
    while (*s) {
        size_t k = 1;
        if (*s == '\'') {
            int esc = s > sql && (s[-1] == 'E' || s[-1] == 'e') &&
                      (s - 1 == sql || !((s[-2] >= 'a' && s[-2] <= 'z') ||
                                         (s[-2] >= 'A' && s[-2] <= 'Z') ||
                                         (s[-2] >= '0' && s[-2] <= '9') ||
                                         s[-2] == '_'));
            k = copy_quoted(out, s, '\'', esc);
        } else if (*s == '"') {
            k = copy_quoted(out, s, '"', 0);
        } else if (s[0] == '-' && s[1] == '-') {
            k = strcspn(s, "\n");
            hd_buf_put(out, s, k);
        } else if (s[0] == '/' && s[1] == '*') {
            const char *end = strstr(s + 2, "*/");
            k = end ? (size_t)(end + 2 - s) : strlen(s);
            hd_buf_put(out, s, k);
        } else if (*s == '$' && (k = dollar_tag(s)) > 0) {
            const char *end = s + k;
            const char *close = end;
            while ((close = strchr(close, '$')) != NULL &&
                   strncmp(close, s, k) != 0)
                close++;
            k = close ? (size_t)(close + k - s) : strlen(s);
            hd_buf_put(out, s, k);
        } else if (*s == '?') {
            hd_buf_printf(out, "$%d", ++n);
            k = 1;
        } else {
            hd_buf_putc(out, *s);
            k = 1;
        }
        s += k;
    }
    return n;
}

/* --------------------------------------------------------- statements */

static hd_stmt *pg_prepare(hd_sql *sql, const char *text, hd_error *err)
{
    pg_db *db = (pg_db *)sql;
    hd_buf q = {0};
    int n = rewrite_placeholders(text, &q);
    pg_stmt *st = hd_xmalloc(sizeof *st);
    memset(st, 0, sizeof *st);
    st->base.ops = &pg_ops;
    st->db = db;
    st->pq = db->pq;
    snprintf(st->name, sizeof st->name, "hd_%lu", ++db->n_prepared);
    PGresult *res = db->pq->PQprepare(db->conn, st->name,
                                      q.data ? q.data : "", n, NULL);
    int rc = pg_check(db, res, "prepare", err);
    db->pq->PQclear(res);
    hd_buf_free(&q);
    if (rc != 0) {
        free(st);
        return NULL;
    }
    st->n_params = n;
    if (n > 0) {
        st->params = hd_xmalloc((size_t)n * sizeof *st->params);
        memset(st->params, 0, (size_t)n * sizeof *st->params);
        st->values = hd_xmalloc((size_t)n * sizeof *st->values);
        for (int i = 0; i < n; i++)
            st->params[i].is_null = 1;
    }
    return &st->base;
}

static void pg_clear_result(pg_stmt *st)
{
    st->pq->PQclear(st->res);
    st->res = NULL;
    st->executed = 0;
    st->row = st->n_rows = 0;
}

static void pg_finalize(hd_stmt *s)
{
    pg_stmt *st = (pg_stmt *)s;
    pg_clear_result(st);
    /* Best effort: in an aborted transaction the server refuses, and the
     * name (never reused) lives until the connection closes. */
    char cmd[48];
    snprintf(cmd, sizeof cmd, "DEALLOCATE %s", st->name);
    const pq_api *pq = st->pq;
    pq->PQclear(pq->PQexec(st->db->conn, cmd));
    for (int i = 0; i < st->n_params; i++)
        free(st->params[i].val);
    free(st->params);
    free(st->values);
    free(st);
}

/* The parameter slot for 1-based index i, or NULL (noted for step). */
static pg_param *param_at(pg_stmt *st, int i)
{
    if (i < 1 || i > st->n_params) {
        if (!st->bind_error[0])
            snprintf(st->bind_error, sizeof st->bind_error,
                     "bind: parameter %d out of range (the statement has %d)",
                     i, st->n_params);
        return NULL;
    }
    return &st->params[i - 1];
}

static void param_set(pg_param *p, const char *s, size_t n)
{
    if (n + 1 > p->cap) {
        size_t nc = p->cap ? p->cap : 32;
        while (nc < n + 1)
            nc *= 2;
        p->val = hd_xrealloc(p->val, nc);
        p->cap = nc;
    }
    memcpy(p->val, s, n);
    p->val[n] = '\0';
    p->is_null = 0;
}

static void pg_bind_text(hd_stmt *s, int i, const char *text, size_t n)
{
    pg_stmt *st = (pg_stmt *)s;
    pg_param *p = param_at(st, i);
    if (!p)
        return;
    if (!text) {
        p->is_null = 1;
        return;
    }
    if (n == (size_t)-1)
        n = strlen(text);
    else if (memchr(text, '\0', n) && !st->bind_error[0])
        snprintf(st->bind_error, sizeof st->bind_error,
                 "bind: parameter %d holds a NUL byte, which PostgreSQL "
                 "text cannot store", i);
    param_set(p, text, n);
}

static void pg_bind_int64(hd_stmt *s, int i, int64_t v)
{
    pg_param *p = param_at((pg_stmt *)s, i);
    char num[24];
    if (p)
        param_set(p, num, (size_t)snprintf(num, sizeof num, "%lld",
                                           (long long)v));
}

static void pg_bind_double(hd_stmt *s, int i, double v)
{
    pg_param *p = param_at((pg_stmt *)s, i);
    char num[40];
    if (!p)
        return;
    if (isnan(v))
        param_set(p, "NaN", 3);
    else if (isinf(v))
        param_set(p, v > 0 ? "Infinity" : "-Infinity", v > 0 ? 8 : 9);
    else
        param_set(p, num, (size_t)snprintf(num, sizeof num, "%.17g", v));
}

static void pg_bind_null(hd_stmt *s, int i)
{
    pg_param *p = param_at((pg_stmt *)s, i);
    if (p)
        p->is_null = 1;
}

static int pg_step(hd_stmt *s, hd_error *err)
{
    pg_stmt *st = (pg_stmt *)s;
    if (!st->executed) {
        if (st->bind_error[0]) {
            hd_error_set(err, PG_WHERE, 0, -1, "%s", st->bind_error);
            return -1;
        }
        for (int i = 0; i < st->n_params; i++)
            st->values[i] = st->params[i].is_null ? NULL : st->params[i].val;
        st->res = st->pq->PQexecPrepared(st->db->conn, st->name,
                                         st->n_params, st->values, NULL,
                                         NULL, 0);
        st->executed = 1;
        if (pg_check(st->db, st->res, "step", err) != 0) {
            st->pq->PQclear(st->res);
            st->res = NULL;
            return -1;
        }
        st->n_rows = st->pq->PQresultStatus(st->res) == PGRES_TUPLES_OK
                         ? st->pq->PQntuples(st->res) : 0;
        st->row = 0;
    }
    if (st->row >= st->n_rows)
        return 0;
    st->row++;
    return 1;
}

static void pg_reset(hd_stmt *s)
{
    pg_stmt *st = (pg_stmt *)s;
    pg_clear_result(st);
    for (int i = 0; i < st->n_params; i++)
        st->params[i].is_null = 1;
    st->bind_error[0] = '\0';
}

/* ------------------------------------------------------------ columns */

static int pg_columns(hd_stmt *s)
{
    pg_stmt *st = (pg_stmt *)s;
    return st->res ? st->pq->PQnfields(st->res) : 0;
}

static int cell_ok(pg_stmt *st, int col)
{
    return st->res && st->row >= 1 && st->row <= st->n_rows && col >= 0 &&
           col < st->pq->PQnfields(st->res);
}

static int pg_is_null(hd_stmt *s, int col)
{
    pg_stmt *st = (pg_stmt *)s;
    return !cell_ok(st, col) ||
           st->pq->PQgetisnull(st->res, st->row - 1, col);
}

static const char *pg_text(hd_stmt *s, int col)
{
    pg_stmt *st = (pg_stmt *)s;
    if (pg_is_null(s, col))
        return NULL;
    return st->pq->PQgetvalue(st->res, st->row - 1, col);
}

/* Integers come back as decimal text; booleans as t/f; a numeric or a
 * double is truncated toward zero. */
static int64_t pg_col_int64(hd_stmt *s, int col)
{
    const char *v = pg_text(s, col);
    if (!v)
        return 0;
    if (v[0] == 't' && v[1] == '\0')
        return 1;
    if (v[0] == 'f' && v[1] == '\0')
        return 0;
    char *end;
    long long n = strtoll(v, &end, 10);
    if (*end == '.' || *end == 'e' || *end == 'E')
        return (int64_t)strtod(v, NULL);
    return (int64_t)n;
}

static double pg_col_double(hd_stmt *s, int col)
{
    const char *v = pg_text(s, col);
    return v ? strtod(v, NULL) : 0.0;
}

static const hd_sql_ops pg_ops = {
    .name = "postgresql",
    .dialect = HD_SQL_PG,
    .close = pg_close,
    .exec = pg_exec,
    .prepare = pg_prepare,
    .finalize = pg_finalize,
    .bind_text = pg_bind_text,
    .bind_int64 = pg_bind_int64,
    .bind_double = pg_bind_double,
    .bind_null = pg_bind_null,
    .step = pg_step,
    .reset = pg_reset,
    .columns = pg_columns,
    .is_null = pg_is_null,
    .text = pg_text,
    .int64 = pg_col_int64,
    .dbl = pg_col_double,
};
