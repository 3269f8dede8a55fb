/*
 * test_fuzz_regress.c: every input a fuzz target crashed on stays fixed.
 *
 * tests/data/fuzz-regress/ holds the crashing inputs byte for byte, each
 * named after its target. Each one is replayed through the same harness
 * the fuzzer ran (the harness source is compiled in here), which aborts on
 * a broken invariant and, in the sanitizer build, on the undefined
 * behaviour the fuzzer saw. Then each fix's own promise is checked: what a
 * user sees instead of the crash.
 *
 * The harnesses compiled in: fuzz_lex (prefix lex-), fuzz_gazetteer
 * (gazetteer-) and fuzz_lexfile_sealed (lexfile_sealed-).
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
#define LLVMFuzzerTestOneInput fuzz_gazetteer_one
#include "../fuzz/fuzz_gazetteer.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_lexfile_sealed_one
#include "../fuzz/fuzz_lexfile_sealed.c"
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
        else if (strncmp(e->d_name, "gazetteer-", 10) == 0)
            replay(e->d_name, fuzz_gazetteer_one);
        else if (strncmp(e->d_name, "lexfile_sealed-", 15) == 0)
            replay(e->d_name, fuzz_lexfile_sealed_one);
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

/* The places hd_geo_resolve finds in the harness's paragraph (the seed
 * article's) with the gazetteer of data_dir, their names joined in names;
 * -1 when it does not open. */
static long places_in_paragraph(const char *data_dir, char *names,
                                size_t cap)
{
    hd_error err;
    hd_gazetteer *g = hd_gazetteer_open(data_dir, &err);
    if (!g)
        return -1;
    hd_doc doc;
    hd_doc_init(&doc);
    assert_int_equal(hd_doc_set_text(&doc, gaz_paragraph,
                                     sizeof gaz_paragraph - 1, &err), 0);
    assert_int_equal(hd_text_analyze(&doc, NULL, &err), 0);
    assert_int_equal(hd_geo_resolve(g, &doc, &err), 0);
    long n = (long)doc.n_places;
    size_t len = 0;
    names[0] = '\0';
    for (size_t i = 0; i < doc.n_places && len < cap; i++)
        len += (size_t)snprintf(names + len, cap - len, "%s|",
                                doc.places[i].name);
    hd_doc_free(&doc);
    hd_gazetteer_close(g);
    return n;
}

/* gazetteer-empty: an empty gazetteer.tsv (and no rules). With no names
 * at all the loader handed qsort a NULL array, undefined behaviour that
 * UBSan stops on. An empty gazetteer now opens empty: the paragraph that
 * has places with the shipped gazetteer (الرقة: Ar Raqqah) has none. */
static void test_empty_gazetteer_opens_empty(void **state)
{
    (void)state;
    char names[512] = "";
    assert_true(places_in_paragraph(HD_SOURCE_DIR "/data", names,
                                    sizeof names) > 0);
    assert_non_null(strstr(names, "Raqq"));
    const char *dir = gaz_data_dir();
    assert_non_null(dir);
    gaz_fill(gaz_state.fd_gaz, (const uint8_t *)"", 0);
    gaz_fill(gaz_state.fd_rules, (const uint8_t *)"", 0);
    assert_int_equal(places_in_paragraph(dir, names, sizeof names), 0);
    hd_error err;
    hd_gazetteer *g = hd_gazetteer_open(dir, &err);
    assert_non_null(g);
    hd_gazetteer_stats st;
    hd_gazetteer_stats_get(g, &st);
    assert_int_equal(st.countries + st.regions + st.places + st.names, 0);
    hd_gazetteer_close(g);
}

/* lexfile_sealed-gaz-places-sizemax: a compiled lexicon, resealed, whose
 * gazetteer says SIZE_MAX places, the reader's old "any count" sentinel:
 * the places array went unchecked and its copy wrapped to nothing. Now the
 * file is refused, naming the section that does not fit. */
static void test_sealed_sizemax_places_refused(void **state)
{
    (void)state;
    size_t n = 0;
    char *data =
        tu_read_file(REGRESS_DIR "/lexfile_sealed-gaz-places-sizemax", &n);
    assert_non_null(data);
    assert_int_equal(hd_lexfile_reseal((unsigned char *)data, n), 0);
    char path[64];
    int fd = fuzz_memfile((const uint8_t *)data, n, path, sizeof path);
    assert_true(fd >= 0);
    hd_error err;
    int status = -1;
    hd_lexicon *lx = hd_lexfile_open(path, NULL, &status, &err);
    assert_null(lx);
    assert_int_equal(status, HD_LEXFILE_BAD);
    assert_non_null(strstr(err.msg, "gaz.places"));
    close(fd);
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_replay_every_input),
        cmocka_unit_test(test_ontology_hex_overflow_is_a_bad_line),
        cmocka_unit_test(test_empty_gazetteer_opens_empty),
        cmocka_unit_test(test_sealed_sizemax_places_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
