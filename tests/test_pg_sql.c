/*
 * test_pg_sql.c: the PostgreSQL backend of sql.h against a real server.
 *
 * The group setup starts a private server with scripts/pg-test-server.sh
 * (its own data directory and socket, removed at the end; a watchdog
 * removes it even if this process dies), or uses $HD_PG_URI when set. A
 * machine without the postgresql package fails here, by name, rather than
 * skipping: the store's PostgreSQL half would otherwise go untested.
 *
 * What is checked is what the store relies on: `?` placeholders become $n
 * only outside literals, identifiers and comments; values come back exactly
 * (Arabic text, the int64 extremes, doubles bit for bit, infinities, NULL);
 * a statement is reusable after reset and keeps no bindings; errors carry
 * the server's message; transactions roll back; and nothing is printed
 * (libpq's NOTICEs would otherwise reach stderr).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/sql.h"
#include "testutil.h"

static char server_dir[512];
static char uri[1024];

static int start_server(void **state)
{
    (void)state;
    const char *given = getenv("HD_PG_URI");
    if (given && *given) {
        snprintf(uri, sizeof uri, "%s", given);
        return 0;
    }
    char cmd[2048];
    snprintf(server_dir, sizeof server_dir, "/tmp/hd-pgsql.XXXXXX");
    if (!mkdtemp(server_dir)) {
        fprintf(stderr, "test_pg_sql: cannot make a temporary directory\n");
        return -1;
    }
    snprintf(cmd, sizeof cmd, "sh '%s/scripts/pg-test-server.sh' start '%s' %ld",
             HD_SOURCE_DIR, server_dir, (long)getpid());
    int status;
    char *out = tu_run(cmd, &status);
    if (!out || status != 0) {
        fprintf(stderr, "test_pg_sql: could not start a PostgreSQL server "
                        "(Debian package 'postgresql'; see the message above)\n");
        free(out);
        return -1;
    }
    out[strcspn(out, "\n")] = '\0';
    snprintf(uri, sizeof uri, "%s", out);
    free(out);
    return 0;
}

static int stop_server(void **state)
{
    (void)state;
    if (server_dir[0]) {
        char cmd[2048];
        int status;
        snprintf(cmd, sizeof cmd, "sh '%s/scripts/pg-test-server.sh' stop '%s'",
                 HD_SOURCE_DIR, server_dir);
        free(tu_run(cmd, &status));
    }
    return 0;
}

static hd_sql *connect_db(void)
{
    hd_error err;
    hd_error_clear(&err);
    hd_sql *db = hd_sql_open(uri, &err);
    if (!db)
        fail_msg("connect %s: %s", uri, err.msg);
    assert_int_equal(hd_sql_dialect_of(db), HD_SQL_PG);
    return db;
}

static void exec_ok(hd_sql *db, const char *sql)
{
    hd_error err;
    hd_error_clear(&err);
    if (hd_sql_exec(db, sql, &err) != 0)
        fail_msg("%s: %s", sql, err.msg);
}

static hd_stmt *prepare_ok(hd_sql *db, const char *sql)
{
    hd_error err;
    hd_error_clear(&err);
    hd_stmt *st = hd_sql_prepare(db, sql, &err);
    if (!st)
        fail_msg("prepare %s: %s", sql, err.msg);
    return st;
}

static int step_ok(hd_stmt *st)
{
    hd_error err;
    hd_error_clear(&err);
    int rc = hd_stmt_step(st, &err);
    if (rc < 0)
        fail_msg("step: %s", err.msg);
    return rc;
}

static void test_bad_uri_is_an_error_value(void **state)
{
    (void)state;
    hd_error err;
    hd_error_clear(&err);
    /* A socket directory that does not exist: refused at once. */
    hd_sql *db = hd_sql_open("postgresql:///x?host=/nonexistent-hd-dir&port=1",
                             &err);
    assert_null(db);
    assert_non_null(strstr(err.msg, "connect"));
    assert_non_null(strstr(err.msg, "/nonexistent-hd-dir"));
}

/* Placeholders in literals, identifiers and comments are text, not
 * parameters: only the two real ones are counted, in order. */
static void test_placeholders_outside_literals(void **state)
{
    (void)state;
    hd_sql *db = connect_db();
    hd_stmt *st = prepare_ok(db,
        "SELECT ? AS \"why?\", '?' || ? , E'it\\'s ?' -- a comment?\n"
        ", /* and ? here */ $$dollar ? quoted$$, 'x''?'");
    hd_stmt_bind_text(st, 1, "أول", (size_t)-1);
    hd_stmt_bind_text(st, 2, "ثان", (size_t)-1);
    assert_int_equal(step_ok(st), 1);
    assert_int_equal(hd_stmt_columns(st), 5);
    assert_string_equal(hd_stmt_text(st, 0), "أول");
    assert_string_equal(hd_stmt_text(st, 1), "?ثان");
    assert_string_equal(hd_stmt_text(st, 2), "it's ?");
    assert_string_equal(hd_stmt_text(st, 3), "dollar ? quoted");
    assert_string_equal(hd_stmt_text(st, 4), "x'?");
    assert_int_equal(step_ok(st), 0);
    hd_stmt_finalize(st);
    hd_sql_close(db);
}

/* Values come back exactly as bound, through a real table. */
static void test_values_round_trip(void **state)
{
    (void)state;
    hd_sql *db = connect_db();
    exec_ok(db, "DROP TABLE IF EXISTS t_values;"
                "CREATE TABLE t_values (k BIGINT PRIMARY KEY, s TEXT,"
                " d DOUBLE PRECISION)");
    hd_stmt *ins = prepare_ok(db, "INSERT INTO t_values (k, s, d) VALUES (?, ?, ?)");
    const int64_t keys[] = {INT64_MIN, -1, 0, INT64_MAX};
    const double dbl[] = {0.1 + 0.2, -1e-300, 1.7976931348623157e308, INFINITY};
    /* Arabic with harakat, a length that cuts a string short */
    const char *text = "قُتِلَ ثلاثة أشخاص في الرقة، حسب المرصد";
    for (int i = 0; i < 4; i++) {
        hd_stmt_bind_int64(ins, 1, keys[i]);
        if (i == 2)
            hd_stmt_bind_null(ins, 2);
        else
            hd_stmt_bind_text(ins, 2, text, i == 1 ? 6 : (size_t)-1);
        hd_stmt_bind_double(ins, 3, dbl[i]);
        assert_int_equal(step_ok(ins), 0);
        hd_stmt_reset(ins);
    }
    hd_stmt *sel = prepare_ok(db, "SELECT k, s, d FROM t_values ORDER BY k");
    for (int i = 0; i < 4; i++) {
        assert_int_equal(step_ok(sel), 1);
        assert_true(hd_stmt_int64(sel, 0) == keys[i]);
        double d = hd_stmt_double(sel, 2);
        assert_memory_equal(&d, &dbl[i], sizeof d);
        if (i == 2) {
            assert_true(hd_stmt_is_null(sel, 1));
            assert_null(hd_stmt_text(sel, 1));
        } else if (i == 1) {
            assert_string_equal(hd_stmt_text(sel, 1), "قُت"); /* 6 bytes */
        } else {
            assert_string_equal(hd_stmt_text(sel, 1), text);
        }
    }
    assert_int_equal(step_ok(sel), 0);
    assert_int_equal(step_ok(sel), 0); /* done stays done until reset */
    hd_stmt_reset(sel);
    assert_int_equal(step_ok(sel), 1); /* and runs again after it */
    hd_stmt_finalize(sel);

    /* NaN too (it cannot be a key or compare equal, so alone) */
    hd_stmt *nan_st = prepare_ok(db, "SELECT ?::double precision, ?::boolean");
    hd_stmt_bind_double(nan_st, 1, NAN);
    hd_stmt_bind_text(nan_st, 2, "true", (size_t)-1);
    assert_int_equal(step_ok(nan_st), 1);
    assert_true(isnan(hd_stmt_double(nan_st, 0)));
    assert_int_equal(hd_stmt_int64(nan_st, 1), 1);
    hd_stmt_finalize(nan_st);
    hd_stmt_finalize(ins);
    hd_sql_close(db);
}

/* reset keeps no bindings: an unbound parameter is NULL on the next run. */
static void test_reset_forgets_bindings(void **state)
{
    (void)state;
    hd_sql *db = connect_db();
    hd_stmt *st = prepare_ok(db, "SELECT ?::text IS NULL, ?::bigint + 1");
    hd_stmt_bind_text(st, 1, "x", 1);
    hd_stmt_bind_int64(st, 2, 41);
    assert_int_equal(step_ok(st), 1);
    assert_int_equal(hd_stmt_int64(st, 0), 0);
    assert_int_equal(hd_stmt_int64(st, 1), 42);
    hd_stmt_reset(st);
    assert_int_equal(step_ok(st), 1);
    assert_int_equal(hd_stmt_int64(st, 0), 1);
    assert_true(hd_stmt_is_null(st, 1));
    hd_stmt_finalize(st);
    hd_sql_close(db);
}

/* The store's idempotent insert: ON CONFLICT ... RETURNING, a batch of rows
 * walked by step. */
static void test_upsert_returning(void **state)
{
    (void)state;
    hd_sql *db = connect_db();
    exec_ok(db, "DROP TABLE IF EXISTS t_up;"
                "CREATE TABLE t_up (id BIGINT GENERATED ALWAYS AS IDENTITY"
                " PRIMARY KEY, doc TEXT UNIQUE, n BIGINT)");
    hd_stmt *up = prepare_ok(db,
        "INSERT INTO t_up (doc, n) VALUES (?, ?) ON CONFLICT (doc) DO UPDATE"
        " SET n = t_up.n + excluded.n RETURNING id, n");
    int64_t first_id = 0;
    for (int i = 0; i < 3; i++) {
        hd_stmt_bind_text(up, 1, "الخبر-1", (size_t)-1);
        hd_stmt_bind_int64(up, 2, 10);
        assert_int_equal(step_ok(up), 1);
        if (i == 0)
            first_id = hd_stmt_int64(up, 0);
        assert_true(hd_stmt_int64(up, 0) == first_id);
        assert_int_equal(hd_stmt_int64(up, 1), 10 * (i + 1));
        assert_int_equal(step_ok(up), 0);
        hd_stmt_reset(up);
    }
    hd_stmt_finalize(up);
    hd_sql_close(db);
}

/* Errors carry the server's words; a failed transaction rolls back whole;
 * the connection is usable after. */
static void test_errors_and_rollback(void **state)
{
    (void)state;
    hd_sql *db = connect_db();
    hd_error err;
    hd_error_clear(&err);
    assert_null(hd_sql_prepare(db, "SELEC 1 FROM nowhere", &err));
    assert_non_null(strstr(err.msg, "syntax error"));
    hd_error_clear(&err);
    assert_int_equal(hd_sql_exec(db, "SELECT * FROM no_such_table", &err), -1);
    assert_non_null(strstr(err.msg, "no_such_table"));

    exec_ok(db, "DROP TABLE IF EXISTS t_tx; CREATE TABLE t_tx (k TEXT PRIMARY KEY)");
    hd_stmt *ins = prepare_ok(db, "INSERT INTO t_tx VALUES (?)");
    hd_error_clear(&err);
    assert_int_equal(hd_sql_begin(db, &err), 0);
    hd_stmt_bind_text(ins, 1, "a", 1);
    assert_int_equal(step_ok(ins), 0);
    hd_stmt_reset(ins);
    hd_stmt_bind_text(ins, 1, "a", 1);
    assert_int_equal(hd_stmt_step(ins, &err), -1);
    assert_non_null(strstr(err.msg, "duplicate key"));
    hd_stmt_reset(ins);
    hd_sql_rollback(db);

    hd_stmt *count = prepare_ok(db, "SELECT count(*) FROM t_tx");
    assert_int_equal(step_ok(count), 1);
    assert_int_equal(hd_stmt_int64(count, 0), 0);
    hd_stmt_finalize(count);

    /* A NUL byte cannot be stored as text: an error at step, not a cut. */
    hd_stmt_bind_text(ins, 1, "a\0b", 3);
    hd_error_clear(&err);
    assert_int_equal(hd_stmt_step(ins, &err), -1);
    assert_non_null(strstr(err.msg, "NUL"));
    hd_stmt_reset(ins);
    /* An index past the statement's parameters is an error too. */
    hd_stmt_bind_text(ins, 1, "b", 1);
    hd_stmt_bind_text(ins, 2, "c", 1);
    assert_int_equal(hd_stmt_step(ins, &err), -1);
    assert_non_null(strstr(err.msg, "out of range"));
    hd_stmt_reset(ins);
    hd_stmt_finalize(ins);
    hd_sql_close(db);
}

/* The library never prints: CREATE ... IF NOT EXISTS on an existing table
 * makes the server send a NOTICE, which must not reach stderr. */
static void test_notices_are_silent(void **state)
{
    (void)state;
    char path[] = "/tmp/hd-pgsql-stderr.XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    fflush(stderr);
    int saved = dup(2);
    dup2(fd, 2);
    hd_sql *db = connect_db();
    hd_error err;
    hd_error_clear(&err);
    int rc = hd_sql_exec(db, "CREATE TABLE IF NOT EXISTS t_quiet (x INT);"
                             "CREATE TABLE IF NOT EXISTS t_quiet (x INT)", &err);
    hd_sql_close(db);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    close(fd);
    size_t len = 0;
    char *text = tu_read_file(path, &len);
    unlink(path);
    assert_int_equal(rc, 0);
    assert_non_null(text);
    assert_int_equal(len, 0);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_uri_is_an_error_value),
        cmocka_unit_test(test_placeholders_outside_literals),
        cmocka_unit_test(test_values_round_trip),
        cmocka_unit_test(test_reset_forgets_bindings),
        cmocka_unit_test(test_upsert_returning),
        cmocka_unit_test(test_errors_and_rollback),
        cmocka_unit_test(test_notices_are_silent),
    };
    return cmocka_run_group_tests(tests, start_server, stop_server);
}
