/*
 * test_doc_input.c: expanding input arguments (files, directories, "-").
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc/input.h"
#include "hadath.h"

static char tmpdir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/hd_doc_input_XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *at(const char *rel)
{
    static char path[4][192];
    static int k;
    k = (k + 1) % 4;
    snprintf(path[k], sizeof path[k], "%s/%s", tmpdir, rel);
    return path[k];
}

static void touch(const char *rel)
{
    FILE *f = fopen(at(rel), "w");
    assert_non_null(f);
    fputs("نص\n", f);
    fclose(f);
}

static void test_directory_walk(void **state)
{
    (void)state;
    assert_int_equal(mkdir(at("tree"), 0755), 0);
    assert_int_equal(mkdir(at("tree/sub"), 0755), 0);
    assert_int_equal(mkdir(at("tree/.git"), 0755), 0);
    assert_int_equal(mkdir(at("tree/empty"), 0755), 0);
    touch("tree/z.txt");
    touch("tree/b.txt");
    touch("tree/B.txt");
    touch("tree/.hidden.txt");
    touch("tree/.git/config");
    touch("tree/sub/c.jsonl");
    touch("tree/sub/a.jsonl");
    assert_int_equal(symlink(at("tree/b.txt"), at("tree/link-to-file")), 0);
    assert_int_equal(symlink(at("tree/sub"), at("tree/link-to-dir")), 0);
    assert_int_equal(symlink(at("tree/nowhere"), at("tree/dangling")), 0);

    hd_inputs in;
    hd_error err;
    hd_inputs_init(&in);
    assert_int_equal(hd_inputs_add(&in, at("tree/"), &err), 0);
    static const char *const want[] = {
        "tree/B.txt", "tree/b.txt", "tree/link-to-file", "tree/sub/a.jsonl",
        "tree/sub/c.jsonl", "tree/z.txt",
    };
    assert_int_equal(in.n, sizeof want / sizeof *want);
    for (size_t i = 0; i < in.n; i++)
        assert_string_equal(in.paths[i], at(want[i]));
    hd_inputs_free(&in);
    assert_int_equal(in.n, 0);
}

static void test_files_stdin_and_errors(void **state)
{
    (void)state;
    touch("one.txt");
    assert_int_equal(mkdir(at("nothing"), 0755), 0);
    hd_inputs in;
    hd_error err;
    hd_inputs_init(&in);
    assert_int_equal(hd_inputs_add(&in, at("one.txt"), &err), 0);
    assert_int_equal(hd_inputs_add(&in, "-", &err), 0);
    assert_int_equal(hd_inputs_add(&in, at("nothing"), &err), 0); /* empty: fine */
    assert_int_equal(in.n, 2);
    assert_string_equal(in.paths[0], at("one.txt"));
    assert_string_equal(in.paths[1], "-");

    const char *missing = at("missing.jsonl");
    assert_int_equal(hd_inputs_add(&in, missing, &err), -1);
    assert_string_equal(err.file, missing);
    assert_non_null(strstr(err.msg, strerror(ENOENT)));
    assert_int_equal(in.n, 2); /* what was there stays */

    if (geteuid() != 0) {
        assert_int_equal(mkdir(at("closed"), 0), 0);
        assert_int_equal(hd_inputs_add(&in, at("closed"), &err), -1);
        assert_non_null(strstr(err.msg, strerror(EACCES)));
        chmod(at("closed"), 0755);
    }
    hd_inputs_free(&in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_directory_walk),
        cmocka_unit_test(test_files_stdin_and_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
