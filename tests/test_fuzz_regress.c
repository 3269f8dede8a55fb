/*
 * test_fuzz_regress.c: every input a fuzz target crashed on stays fixed.
 *
 * tests/data/fuzz-regress/ holds the crashing inputs byte for byte, each
 * named after its target. Each one is replayed through the same harness
 * the fuzzer ran (the harness source is compiled in here), which aborts on
 * a broken invariant and, in the sanitizer build, on the undefined
 * behaviour the fuzzer saw. Then each fix's own promise is checked: what a
 * user sees instead of the crash.
 */
#define _GNU_SOURCE /* memfd_create, in the harness; before any header */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LLVMFuzzerTestOneInput fuzz_lex_one
#include "../fuzz/fuzz_lex.c"
#undef LLVMFuzzerTestOneInput

#include "testutil.h"

#define REGRESS_DIR HD_SOURCE_DIR "/tests/data/fuzz-regress"

static void replay(const char *name, int (*harness)(const uint8_t *, size_t))
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", REGRESS_DIR, name);
    size_t n = 0;
    char *data = tu_read_file(path, &n);
    assert_non_null(data);
    assert_int_equal(harness((const uint8_t *)data, n), 0);
    free(data);
}

/* Every file is replayed; a file with no known target fails the test, so
 * a new crash input cannot be added and forgotten. */
static void test_replay_every_input(void **state)
{
    (void)state;
    DIR *d = opendir(REGRESS_DIR);
    assert_non_null(d);
    struct dirent *e;
    int replayed = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || strcmp(e->d_name, "README.md") == 0)
            continue;
        if (strncmp(e->d_name, "lex-", 4) == 0)
            replay(e->d_name, fuzz_lex_one);
        else
            fail_msg("%s: no harness for this prefix", e->d_name);
        replayed++;
    }
    closedir(d);
    assert_true(replayed >= 1);
}

/* lex-ontology-hex-overflow: line 65, "022:0x2080" followed by a run of
 * B's that strtol read as one huge hex term, overflowed the sum. The line
 * is now reported as a bad mapping and skipped; the lines around it load. */
static void test_ontology_hex_overflow_is_a_bad_line(void **state)
{
    (void)state;
    size_t n = 0;
    char *data = tu_read_file(REGRESS_DIR "/lex-ontology-hex-overflow", &n);
    assert_non_null(data);
    assert_int_equal(data[0], 4); /* the harness's kind byte: ontology */
    char path[64];
    int fd = fuzz_memfile((const uint8_t *)data + 1, n - 1, path, sizeof path);
    assert_true(fd >= 0);
    hd_lex_files files;
    memset(&files, 0, sizeof files);
    hd_lex_files_add(&files, HD_LEXF_ONTOLOGY, path, 0);
    hd_lex_report rep;
    hd_error err;
    hd_lex *lex = hd_lex_load_files(&files, &rep, &err);
    assert_non_null(lex);
    int line65 = 0;
    for (size_t i = 0; i < rep.n_msgs; i++)
        if (rep.msgs[i].line == 65)
            line65 = rep.msgs[i].level == HD_LEX_SKIP &&
                     rep.msgs[i].reason == HD_LEXR_BAD_MAPPING;
    assert_true(line65);
    hd_lex_counts c;
    hd_lex_get_counts(lex, &c);
    assert_true(c.ontology_codes > 20); /* the good lines around it */
    hd_lex_free(lex);
    hd_lex_report_free(&rep);
    close(fd);
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_replay_every_input),
        cmocka_unit_test(test_ontology_hex_overflow_is_a_bad_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
