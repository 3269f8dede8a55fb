/*
 * test_lex_load.c: the PETRARCH dictionary loader, on small dictionaries
 * cut from the real files (tests/data/lex/) and on the shipped data.
 *
 * Expectations come from reading the files: line numbers are the lines of
 * the files in tests/data/lex and data/dict/ar, counts are what the files
 * hold (e.g. the actor file's 82 date ranges written backwards, listed by
 * grep before this loader existed).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lex/lex.h"
#include "testutil.h"

#define LEXDATA HD_SOURCE_DIR "/tests/data/lex/"
#define PLOVER HD_SOURCE_DIR "/data/plover/CAMEO2PLOVER-2021.txt"
#define ONTOLOGY HD_SOURCE_DIR "/data/dict/ar/PETR.Internal.Coding.Ontology.txt"

/* Is there a message for file f at line with this level and reason? */
static int has_msg(const hd_lex_report *rep, size_t f, long line, int level,
                   int reason)
{
    for (size_t i = 0; i < rep->n_msgs; i++) {
        const hd_lex_msg *m = &rep->msgs[i];
        if (m->file == f && m->line == line && m->level == level &&
            m->reason == reason)
            return 1;
    }
    return 0;
}

static size_t msgs_of_file(const hd_lex_report *rep, size_t f)
{
    size_t n = 0;
    for (size_t i = 0; i < rep->n_msgs; i++)
        n += rep->msgs[i].file == f;
    return n;
}

static hd_lex *load(hd_lex_files *f, hd_lex_report *rep)
{
    hd_error err;
    hd_lex *lex = hd_lex_load_files(f, rep, &err);
    if (!lex) {
        char buf[800];
        fprintf(stderr, "%s\n", hd_error_format(&err, buf, sizeof buf));
    }
    assert_non_null(lex);
    return lex;
}

static void test_synsets_and_verbs(void **state)
{
    (void)state;
    hd_lex_files f = {0};
    hd_lex_files_add(&f, HD_LEXF_SYNSETS, LEXDATA "synsets.txt", 0);
    hd_lex_files_add(&f, HD_LEXF_VERBS, LEXDATA "verbs.txt", 0);
    hd_lex_files_add(&f, HD_LEXF_PLOVER, PLOVER, 0);
    hd_lex_report rep;
    hd_lex *lex = load(&f, &rep);
    /* synsets.txt: &STRONGHOLD with 5 members, &ATTACK with 3 and the
     * right-to-left line 13 (_دكتاتور+) read as a fourth */
    assert_int_equal(rep.files[0].synsets, 2);
    assert_int_equal(rep.files[0].synset_members, 9);
    assert_int_equal(rep.files[0].warnings, 1);
    assert_true(has_msg(&rep, 0, 13, HD_LEX_WARN, HD_LEXR_REVERSED_LINE));
    /* verbs.txt: 4 blocks; رتب has 4 verbs, شن 1, استقبل 1, حاصر 2 (طوق+ب
     * with its own [1724]); 3 + 2 + 1 + 1 patterns; nothing wrong */
    assert_int_equal(rep.files[1].blocks, 4);
    assert_int_equal(rep.files[1].entries, 8);
    assert_int_equal(rep.files[1].patterns, 7);
    assert_int_equal(rep.files[1].skipped, 0);
    assert_int_equal(rep.files[1].warnings, 0);
    hd_lex_counts c;
    hd_lex_get_counts(lex, &c);
    assert_int_equal(c.synsets, 2);
    assert_int_equal(c.patterns, 7);
    hd_lex_free(lex);
    hd_lex_report_free(&rep);
}

static void test_bad_verbs(void **state)
{
    (void)state;
    hd_lex_files f = {0};
    hd_lex_files_add(&f, HD_LEXF_VERBS, LEXDATA "bad.verbs.txt", 0);
    hd_lex_files_add(&f, HD_LEXF_ONTOLOGY, ONTOLOGY, 0);
    hd_lex_files_add(&f, HD_LEXF_PLOVER, PLOVER, 0);
    hd_lex_report rep;
    hd_lex *lex = load(&f, &rep);
    assert_true(has_msg(&rep, 0, 2, HD_LEX_SKIP, HD_LEXR_PATTERN_OUTSIDE));
    /* line 5 is CAMEO.ar.0.5.txt:2147, its '(' never closed */
    assert_true(has_msg(&rep, 0, 5, HD_LEX_SKIP, HD_LEXR_PATTERN_SYNTAX));
    assert_true(has_msg(&rep, 0, 6, HD_LEX_SKIP, HD_LEXR_UNDEFINED_SYNSET));
    assert_true(has_msg(&rep, 0, 7, HD_LEX_SKIP, HD_LEXR_PATTERN_SYNTAX));
    assert_true(has_msg(&rep, 0, 8, HD_LEX_SKIP, HD_LEXR_PATTERN_SYNTAX));
    assert_true(has_msg(&rep, 0, 9, HD_LEX_SKIP, HD_LEXR_PATTERN_SYNTAX));
    assert_true(has_msg(&rep, 0, 10, HD_LEX_SKIP, HD_LEXR_ORPHAN_ALIAS));
    /* line 11 is CAMEO.ar.0.5.txt:1743: taken, its trailing '-' reported */
    assert_true(has_msg(&rep, 0, 11, HD_LEX_WARN, HD_LEXR_IGNORED_TOKEN));
    /* 199 is in neither the ontology nor CAMEO2PLOVER */
    assert_true(has_msg(&rep, 0, 12, HD_LEX_WARN, HD_LEXR_UNKNOWN_CAMEO));
    assert_int_equal(rep.files[0].skipped, 7);
    assert_int_equal(rep.files[0].warnings, 2);
    /* taken: the patterns of lines 11 and 12 */
    assert_int_equal(rep.files[0].patterns, 2);
    assert_int_equal(msgs_of_file(&rep, 0), 9);
    hd_lex_free(lex);
    hd_lex_report_free(&rep);
}

static void test_bad_actors(void **state)
{
    (void)state;
    hd_lex_files f = {0};
    hd_lex_files_add(&f, HD_LEXF_ACTORS, LEXDATA "bad.actors.txt", 0);
    hd_lex_report rep;
    hd_lex *lex = load(&f, &rep);
    assert_true(has_msg(&rep, 0, 1, HD_LEX_SKIP,
                        HD_LEXR_ORPHAN_RESTRICTION));
    /* actor_dict_ar_v4.txt:244 and :511 */
    assert_true(has_msg(&rep, 0, 3, HD_LEX_SKIP, HD_LEXR_NO_CODE));
    assert_true(has_msg(&rep, 0, 4, HD_LEX_SKIP, HD_LEXR_NO_CODE));
    assert_true(has_msg(&rep, 0, 5, HD_LEX_SKIP, HD_LEXR_BAD_DATE));
    assert_true(has_msg(&rep, 0, 6, HD_LEX_WARN, HD_LEXR_BACKWARDS_RANGE));
    /* actor_dict_ar_v4.txt:138 [IMG?] */
    assert_true(has_msg(&rep, 0, 7, HD_LEX_WARN, HD_LEXR_UNCERTAIN_CODE));
    assert_true(has_msg(&rep, 0, 8, HD_LEX_SKIP, HD_LEXR_EMPTY_PHRASE));
    /* actor_dict_ar_v4.txt:8786 [china,CHNCRMEDU] */
    assert_true(has_msg(&rep, 0, 9, HD_LEX_SKIP, HD_LEXR_BAD_CODE));
    assert_true(has_msg(&rep, 0, 11, HD_LEX_WARN, HD_LEXR_DUPLICATE));
    const hd_lex_file_stats *s = &rep.files[0];
    assert_int_equal(s->entries, 3);        /* حركة_حماس_ قاعدة غزة */
    assert_int_equal(s->duplicates, 1);     /* غزة again */
    assert_int_equal(s->date_ranges, 1);    /* line 6, swapped */
    assert_int_equal(s->backwards_ranges, 1);
    assert_int_equal(s->skipped, 6);
    assert_int_equal(s->warnings, 3);
    hd_lex_free(lex);
    hd_lex_report_free(&rep);
}

static void test_bad_agents(void **state)
{
    (void)state;
    hd_lex_files f = {0};
    hd_lex_files_add(&f, HD_LEXF_AGENTS, LEXDATA "bad.agents.txt", 0);
    hd_lex_report rep;
    hd_lex *lex = load(&f, &rep);
    /* agents.all.ar_v3.txt:624, no '~' */
    assert_true(has_msg(&rep, 0, 1, HD_LEX_SKIP, HD_LEXR_BAD_CODE));
    /* agents.all.ar_v3.txt:313, ENV taken, the rest reported */
    assert_true(has_msg(&rep, 0, 2, HD_LEX_WARN, HD_LEXR_BAD_CODE));
    assert_true(has_msg(&rep, 0, 3, HD_LEX_SKIP, HD_LEXR_NO_BRACKET));
    assert_true(has_msg(&rep, 0, 5, HD_LEX_WARN, HD_LEXR_DUPLICATE));
    assert_int_equal(rep.files[0].skipped, 2);
    assert_int_equal(rep.files[0].warnings, 2);
    hd_lex_free(lex);
    hd_lex_report_free(&rep);
}

static void test_optional_and_required(void **state)
{
    (void)state;
    hd_lex_files f = {0};
    hd_lex_files_add(&f, HD_LEXF_AGENTS, LEXDATA "agents.txt", 0);
    hd_lex_files_add(&f, HD_LEXF_AGENTS, LEXDATA "no-such-file.txt", 1);
    hd_lex_report rep;
    hd_lex *lex = load(&f, &rep);
    assert_int_equal(rep.files[1].found, 0);
    assert_true(has_msg(&rep, 1, 0, HD_LEX_INFO, HD_LEXR_FILE_NOT_FOUND));
    assert_int_equal(rep.files[0].entries, 6);
    hd_lex_free(lex);
    hd_lex_report_free(&rep);

    hd_lex_files g = {0};
    hd_lex_files_add(&g, HD_LEXF_AGENTS, LEXDATA "no-such-file.txt", 0);
    hd_error err;
    assert_null(hd_lex_load_files(&g, &rep, &err));
    assert_non_null(strstr(err.file, "no-such-file.txt"));
    hd_lex_report_free(&rep);
}

static size_t file_index(const hd_lex_report *rep, const char *suffix)
{
    for (size_t i = 0; i < rep->n_files; i++) {
        size_t n = strlen(rep->files[i].path), k = strlen(suffix);
        if (n >= k && strcmp(rep->files[i].path + n - k, suffix) == 0)
            return i;
    }
    fail_msg("%s not loaded", suffix);
    return 0;
}

static void test_shipped_data(void **state)
{
    (void)state;
    hd_lex_report rep;
    hd_error err;
    hd_lex *lex = hd_lex_load(HD_SOURCE_DIR "/data", &rep, &err);
    assert_non_null(lex);
    size_t verbs = file_index(&rep, "/CAMEO.ar.0.5.txt");
    size_t actors = file_index(&rep, "/actor_dict_ar_v4.txt");
    size_t agents = file_index(&rep, "/agents.all.ar_v3.txt");
    size_t plover = file_index(&rep, "/CAMEO2PLOVER-2021.txt");
    /* grep '^---' CAMEO.ar.0.5.txt: 213 blocks; grep -c '^&': 35 sets */
    assert_int_equal(rep.files[verbs].blocks, 213);
    assert_int_equal(rep.files[verbs].synsets, 35);
    /* 2665 lines begin with '- '; the four of lines 2147, 2462, 4883 and
     * 5339 have unbalanced brackets and are skipped */
    assert_true(has_msg(&rep, verbs, 2147, HD_LEX_SKIP,
                        HD_LEXR_PATTERN_SYNTAX));
    assert_true(has_msg(&rep, verbs, 2462, HD_LEX_SKIP,
                        HD_LEXR_PATTERN_SYNTAX));
    assert_true(has_msg(&rep, verbs, 4883, HD_LEX_SKIP,
                        HD_LEXR_PATTERN_SYNTAX));
    assert_true(has_msg(&rep, verbs, 5339, HD_LEX_SKIP,
                        HD_LEXR_PATTERN_SYNTAX));
    assert_int_equal(rep.files[verbs].patterns, 2661);
    /* the actor file: 82 ranges written backwards, the first at line 4
     * (ابو_بلال_ [PSECVLELI 19840502-18000101]) */
    assert_int_equal(rep.files[actors].backwards_ranges, 82);
    assert_true(has_msg(&rep, actors, 4, HD_LEX_WARN,
                        HD_LEXR_BACKWARDS_RANGE));
    assert_true(rep.files[actors].date_ranges > 2900);
    assert_true(has_msg(&rep, actors, 138, HD_LEX_WARN,
                        HD_LEXR_UNCERTAIN_CODE));
    assert_true(has_msg(&rep, agents, 624, HD_LEX_SKIP, HD_LEXR_BAD_CODE));
    /* CAMEO2PLOVER: 274 code rows; 08 (CONCEDE, then RETREAT) and 175 are
     * written twice */
    assert_int_equal(rep.files[plover].entries, 274);
    assert_int_equal(rep.files[plover].warnings, 2);
    /* every reported line is counted, stored ones have a file and line */
    size_t levels = rep.by_level[HD_LEX_INFO] + rep.by_level[HD_LEX_WARN] +
                    rep.by_level[HD_LEX_SKIP];
    assert_int_equal(levels, rep.n_reported);
    printf("# shipped data loaded in %.1f ms (%zu reported lines)\n",
           rep.load_ms, rep.n_reported);
    hd_lex_free(lex);
    hd_lex_report_free(&rep);
}

static void test_plover(void **state)
{
    (void)state;
    hd_lex_report rep;
    hd_error err;
    hd_lex *lex = hd_lex_load(HD_SOURCE_DIR "/data", &rep, &err);
    assert_non_null(lex);
    hd_plover p;
    /* 193: ASSAULT, firearms, military # Fight with small arms */
    assert_int_equal(hd_lex_cameo_to_plover(lex, "193", &p), 1);
    assert_string_equal(p.type, "ASSAULT");
    assert_string_equal(p.mode, "firearms");
    assert_string_equal(p.context, "military");
    assert_int_equal(p.quad, HD_QUAD_MATERIAL_CONFLICT);
    /* 094: ACCUSE, investigate, military; legal */
    assert_int_equal(hd_lex_cameo_to_plover(lex, "094", &p), 1);
    assert_string_equal(p.context, "military,legal");
    assert_int_equal(p.quad, HD_QUAD_VERBAL_CONFLICT);
    /* 0874 (retreat or surrender militarily): RETREAT, material coop. */
    assert_int_equal(hd_lex_cameo_to_plover(lex, "0874", &p), 1);
    assert_string_equal(p.type, "RETREAT");
    assert_int_equal(p.quad, HD_QUAD_MATERIAL_COOP);
    /* 0415 is not a row: falls back to 041 (CONSULT, phone) */
    assert_int_equal(hd_lex_cameo_to_plover(lex, "0415", &p), 1);
    assert_string_equal(p.cameo, "041");
    assert_string_equal(p.mode, "phone");
    assert_int_equal(p.quad, HD_QUAD_VERBAL_COOP);
    /* 08 is written twice (CONCEDE, then RETREAT): the first is kept */
    assert_int_equal(hd_lex_cameo_to_plover(lex, "08", &p), 1);
    assert_string_equal(p.type, "CONCEDE");
    /* PLOVER drops CAMEO 01 and 02 (manual, Table 7.1) */
    assert_int_equal(hd_lex_cameo_to_plover(lex, "020", &p), 0);
    assert_null(p.type);
    assert_int_equal(hd_lex_cameo_to_plover(lex, "abc", &p), -1);
    assert_int_equal(hd_plover_type_quad("SANCTION"),
                     HD_QUAD_MATERIAL_CONFLICT);
    assert_int_equal(hd_plover_type_quad("SUPPORT"), HD_QUAD_VERBAL_COOP);
    long v;
    assert_int_equal(hd_lex_cameo_pico(lex, "010", &v), 1);
    assert_int_equal(v, 0x1000);
    assert_int_equal(hd_lex_cameo_pico(lex, "121", &v), 1);
    assert_int_equal(v, -0xFFFF + 0x0070);
    hd_lex_free(lex);
    hd_lex_report_free(&rep);
}

/* `hadath dict stats`, end to end. */
static void test_cli_stats(void **state)
{
    (void)state;
    int status;
    char *out = tu_run(HD_BINARY " dict stats --verbose --data "
                       HD_SOURCE_DIR "/data", &status);
    assert_non_null(out);
    assert_int_equal(status, 0);
    assert_non_null(strstr(out, "dict/ar/actor_dict_ar_v4.txt (actors): "));
    assert_non_null(strstr(out, "(82 written backwards, taken swapped)"));
    assert_non_null(strstr(out, "dict/ar/actor_dict_ar_v4.txt:4: warning: "
                                "[PSECVLELI 19840502-18000101]"));
    assert_non_null(strstr(out, "dict/ar/CAMEO.ar.0.5.txt:2147: skipped: "));
    assert_non_null(strstr(out, "213 blocks"));
    free(out);
    out = tu_run(HD_BINARY " dict stats --data /nonexistent 2>/dev/null",
                 &status);
    assert_int_equal(status, 3);
    free(out);
    out = tu_run(HD_BINARY " dict 2>/dev/null", &status);
    assert_int_equal(status, 2);
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_synsets_and_verbs),
        cmocka_unit_test(test_bad_verbs),
        cmocka_unit_test(test_bad_actors),
        cmocka_unit_test(test_bad_agents),
        cmocka_unit_test(test_optional_and_required),
        cmocka_unit_test(test_shipped_data),
        cmocka_unit_test(test_plover),
        cmocka_unit_test(test_cli_stats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
