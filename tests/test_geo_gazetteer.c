/*
 * test_geo_gazetteer.c: loading data/geo and finding its names in text.
 *
 * Counts come from reading the files (the data rows of countries.in.tsv and
 * admin1.in.tsv, the P lines of gazetteer.tsv), geonameids from GeoNames'
 * cities15000.txt rows (172955 Ar Raqqah SY; 98182 Baghdad; 170654
 * Damascus; 99072 Mosul). The snippets are cut from articles of the ANT
 * corpus (../shared/corpus), named where they are used.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geo/gazetteer.h"
#include "testutil.h"

#define DATA HD_SOURCE_DIR "/data"
#define TDATA HD_SOURCE_DIR "/tests/data/geo"

static hd_gazetteer *gaz;

static int setup(void **state)
{
    (void)state;
    hd_error err;
    gaz = hd_gazetteer_open(DATA, &err);
    if (!gaz) {
        char buf[800];
        fprintf(stderr, "%s\n", hd_error_format(&err, buf, sizeof buf));
    }
    return gaz ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    hd_gazetteer_close(gaz);
    return 0;
}

/* Data lines (not # comments, not blank) of a file that start with prefix. */
static size_t count_lines(const char *path, const char *prefix)
{
    size_t len, n = 0;
    char *s = tu_read_file(path, &len);
    assert_non_null(s);
    for (char *line = s; line && *line;) {
        char *nl = strchr(line, '\n');
        if (*line != '#' && *line != '\n' &&
            strncmp(line, prefix, strlen(prefix)) == 0)
            n++;
        line = nl ? nl + 1 : NULL;
    }
    free(s);
    return n;
}

static void test_counts(void **state)
{
    (void)state;
    hd_gazetteer_stats st;
    hd_gazetteer_stats_get(gaz, &st);
    assert_int_equal(st.countries, count_lines(DATA "/geo/countries.in.tsv", ""));
    assert_int_equal(st.regions, count_lines(DATA "/geo/admin1.in.tsv", ""));
    assert_int_equal(st.places, count_lines(DATA "/geo/gazetteer.tsv", "P\t"));
    assert_true(st.countries >= 200);
    assert_true(st.places > 9000);
    assert_true(st.names > st.places);
}

/* A one-document analysis of text. */
static void analyze(hd_doc *doc, const char *text)
{
    hd_error err;
    hd_text_opts o;
    hd_text_opts_default(&o);
    hd_doc_init(doc);
    assert_int_equal(hd_doc_set_text(doc, text, strlen(text), &err), 0);
    assert_int_equal(hd_text_analyze(doc, &o, &err), 0);
}

/* Index of the first token whose surface is word, or -1. */
static long token_of(const hd_doc *doc, const char *word)
{
    size_t n = strlen(word);
    for (size_t i = 0; i < doc->n_tokens; i++)
        if (doc->tokens[i].end - doc->tokens[i].start == n &&
            memcmp(doc->text + doc->tokens[i].start, word, n) == 0)
            return (long)i;
    return -1;
}

/* Does the name matched at the token of `word` have row geonameid? */
static int matches_row(const char *text, const char *word, uint32_t geonameid,
                       int words)
{
    hd_doc doc;
    hd_gaz_match m;
    analyze(&doc, text);
    long i = token_of(&doc, word);
    assert_true(i >= 0);
    int ok = hd_gaz_match_at(gaz, &doc, (size_t)i, doc.n_tokens, &m) &&
             m.tok_last - m.tok_first + 1 == (uint32_t)words &&
             !(m.name->flags & (HD_GAZ_STOP | HD_GAZ_ADJ));
    int found = 0;
    for (uint32_t k = 0; ok && k < m.name->n_cand; k++)
        found |= gaz->places[gaz->cands[m.name->cand + k]].geonameid == geonameid;
    hd_doc_free(&doc);
    return found;
}

static void test_clitic_forms(void **state)
{
    (void)state;
    /* SK-middleEast-1130-20180419 */
    assert_true(matches_row("بعد دحر داعش بالرقة.", "بالرقة", 172955, 1));
    /* AL-internationalNews-69-20140111 */
    assert_true(matches_row("يحدث أبشع منه بما لا يقاس في دمشق وبغداد، ويحدث "
                            "مثله في صنعاء وبنغازي",
                            "وبغداد", 98182, 1));
    /* AL-internationalNews-895-20180413 */
    assert_true(matches_row("وروسيا هي أهم حليف عسكري لدمشق في الحرب الأهلية",
                            "لدمشق", 170654, 1));
    /* CN-middleEast-153-20180303: and the bare forms */
    assert_true(matches_row("الموصل والسليمانية وبغداد والعمارة", "الموصل",
                            99072, 1));
    assert_true(matches_row("الموصل والسليمانية وبغداد والعمارة", "وبغداد",
                            98182, 1));
    /* ل + ال written لل (BB-middleEast-466-20180507) */
    assert_true(matches_row("استؤنفت، في سبتمبر/ أيلول الماضي، بعودة السفير "
                            "الإيطالي للقاهرة لتولي مهام منصبه",
                            "للقاهرة", 360630, 1));
    /* two words, with و or ب in front (a CNN report on an ISIS recruit) */
    assert_true(matches_row("وبدأ التنقل بين الرقة ودير الزور، مضيفاً",
                            "ودير", 170794, 2));
    assert_true(matches_row("عرفه باسم الدكتور عمر في مدينة الميادين بدير "
                            "الزور في يونيو/حزيران",
                            "بدير", 170794, 2));
}

static void test_article_must_agree(void **state)
{
    (void)state;
    hd_doc doc;
    hd_gaz_match m;
    /* a Libya story: برقة (Cyrenaica) is not ب + الرقة */
    analyze(&doc, "وليبيا الجديدة خطفها رجال القبائل والميليشيات التي تستعد "
                  "لفصل برقة عن فزان وهذه وتلك عن طرابلس");
    long i = token_of(&doc, "برقة");
    assert_true(i >= 0);
    assert_false(hd_gaz_match_at(gaz, &doc, (size_t)i, doc.n_tokens, &m));
    hd_doc_free(&doc);
}

static void test_protected_words_not_peeled(void **state)
{
    (void)state;
    hd_doc doc;
    hd_gaz_match m;
    /* وكالة ("agency") is one word, not و + كالة (Calais in GeoNames) */
    analyze(&doc, "لوكالة الأنباء الفرنسية");
    long i = token_of(&doc, "لوكالة");
    assert_true(i >= 0);
    assert_false(hd_gaz_match_at(gaz, &doc, (size_t)i, doc.n_tokens, &m));
    hd_doc_free(&doc);
}

static void test_adjectives(void **state)
{
    (void)state;
    hd_doc doc;
    hd_gaz_match m;
    /* a North Korea story in the ANT corpus */
    analyze(&doc, "اعتقدت أن القوات الخاصة الكورية الشمالية تهاجم الجزيرة");
    long i = token_of(&doc, "الكورية");
    assert_true(hd_gaz_match_at(gaz, &doc, (size_t)i, doc.n_tokens, &m));
    assert_true(m.name->flags & HD_GAZ_ADJ);
    assert_int_equal(m.tok_last, i + 1);
    assert_string_equal(gaz->places[gaz->cands[m.name->cand]].cc, "KP");
    hd_doc_free(&doc);
    /* the seed: مقاتلين سوريين */
    analyze(&doc, "275 شخصاً بين مقاتلين سوريين في صفوف التنظيم");
    i = token_of(&doc, "سوريين");
    assert_true(hd_gaz_match_at(gaz, &doc, (size_t)i, doc.n_tokens, &m));
    assert_true(m.name->flags & HD_GAZ_ADJ);
    assert_string_equal(gaz->places[gaz->cands[m.name->cand]].cc, "SY");
    hd_doc_free(&doc);
}

static void test_common_words(void **state)
{
    (void)state;
    hd_doc doc;
    hd_gaz_match m;
    /* the seed: أن is Ans (Belgium) in GeoNames, a stop word here */
    analyze(&doc, "مشيراً الى أنه يفترض أن يصدر بيان");
    long i = token_of(&doc, "أن");
    assert_true(hd_gaz_match_at(gaz, &doc, (size_t)i, doc.n_tokens, &m));
    assert_true(m.name->flags & HD_GAZ_STOP);
    hd_doc_free(&doc);
}

static void test_country_codes(void **state)
{
    (void)state;
    int32_t sy = hd_gaz_country(gaz, "SY"), syr = hd_gaz_country(gaz, "SYR");
    assert_true(sy >= 0);
    assert_int_equal(sy, syr);
    assert_int_equal(gaz->places[sy].geonameid, 163843);
    assert_int_equal(gaz->places[hd_gaz_country(gaz, "IRQ")].geonameid, 99237);
    assert_int_equal(hd_gaz_country(gaz, "IGO"), -1);
    assert_int_equal(hd_gaz_country(gaz, ""), -1);
}

static void test_errors(void **state)
{
    (void)state;
    hd_error err;
    assert_null(hd_gazetteer_open(TDATA "/no-such-dir", &err));
    assert_non_null(strstr(err.file, "gazetteer.tsv"));
    assert_null(hd_gazetteer_open(TDATA "/bad-row", &err));
    assert_non_null(strstr(err.file, "bad-row/geo/gazetteer.tsv"));
    assert_int_equal(err.line, 3);
    assert_null(hd_gazetteer_open(TDATA "/bad-rule", &err));
    assert_non_null(strstr(err.file, "bad-rule/geo/rules.tsv"));
    assert_int_equal(err.line, 3);
    hd_gazetteer_close(NULL); /* allowed */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_clitic_forms),
        cmocka_unit_test(test_article_must_agree),
        cmocka_unit_test(test_protected_words_not_peeled),
        cmocka_unit_test(test_adjectives),
        cmocka_unit_test(test_common_words),
        cmocka_unit_test(test_country_codes),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
