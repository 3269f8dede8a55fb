/*
 * test_doc_sgml.c: the SGML reader on the TREC samples of the ANT corpus and
 * on Gigaword-style and broken records written for the test
 * (tests/data/doc/gigaword.sgml, tests/data/doc/trec-messy.sgml).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc/input.h"
#include "hadath.h"
#include "testutil.h"

#define TREC HD_SHARED_DIR "/corpus/trec-sample"
#define GIGA HD_SOURCE_DIR "/tests/data/doc/gigaword.sgml"
#define MESSY HD_SOURCE_DIR "/tests/data/doc/trec-messy.sgml"

static char tmpdir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/hd_doc_sgml_XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static void assert_span(const hd_doc *d, uint32_t a, uint32_t b, const char *s)
{
    assert_true(a <= b && b <= d->len);
    char *got = strndup(d->text + a, b - a);
    assert_string_equal(got, s);
    free(got);
}

static void assert_zone(const hd_doc *d, size_t i, int section, const char *s)
{
    assert_true(i < d->n_zones);
    assert_int_equal(d->zones[i].section, section);
    assert_span(d, d->zones[i].start, d->zones[i].end, s);
}

static hd_reader *open_ok(const char *path, hd_format fmt)
{
    hd_error err;
    hd_reader *r = hd_reader_open(path, fmt, &err);
    if (!r)
        fail_msg("%s: %s", path, err.msg);
    return r;
}

static void test_trec_bbc(void **state)
{
    (void)state;
    hd_reader *r = open_ok(TREC "/BB-middleEast-1-20180218.txt", HD_FMT_AUTO);
    assert_int_equal(hd_reader_format(r), HD_FMT_SGML);
    hd_doc d;
    hd_error err;
    hd_doc_init(&d);
    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    const char *title = "الفيدرالية العربية لحقوق الإنسان تطالب تركيا بإلغاء "
                        "الأحكام \"القاسية\" على الصحفيين";
    assert_string_equal(d.id, "BB-middleEast-1-20180218");
    assert_string_equal(d.url, "http://www.bbc.co.uk/arabic/middleeast-43107909");
    assert_string_equal(d.outlet, "BBC");
    assert_string_equal(d.date, "2018-02-18"); /* Sun, 18 Feb 2018 20:50:44 GMT */
    assert_int_equal(d.source_line, 1);
    assert_span(&d, d.title.start, d.title.end, title);
    assert_int_equal(d.body_offset, strlen(title) + 2);
    const char *extra = "{\"cat\":\"middleEast\",\"abstract\":\"الفيدرالية العربية "
                        "لحقوق الإنسان تطالب، في بيان حاد اللهجة،";
    assert_true(strncmp(d.extra_json, extra, strlen(extra)) == 0);
    assert_int_equal(d.n_zones, 1 + 17);
    assert_zone(&d, 0, HD_SEC_TITLE, title);
    assert_zone(&d, 1, HD_SEC_BODY,
                "وصفت الفيدرالية العربية لحقوق الإنسان الحكم بالسجن المؤبد على 6 "
                "صحفيين أتراك بأنه \"هجوم غير مسبوق على حرية التعبير والإعلام في "
                "تركيا\".");
    assert_int_equal(d.zones[1].start, d.body_offset);
    assert_zone(&d, 11, HD_SEC_BODY,
                "محكمة تركية تتراجع عن إطلاق سراح مدير منظمة العفو الدولية");
    assert_zone(&d, 17, HD_SEC_BODY,
                "وشملت الأحكام سجن صحفي وأستاذ في الاقتصاد، رغم صدور حكم سابق من "
                "المحكمة الدستورية بإطلاق سراحه.");
    assert_int_equal(d.zones[17].end, d.len);
    assert_int_equal(hd_reader_next(r, &d, &err), 0);
    hd_reader_close(r);
    hd_doc_free(&d);
}

static void test_trec_skynews(void **state)
{
    (void)state;
    hd_reader *r = open_ok(TREC "/SK-middleEast-10-20180222.txt", HD_FMT_SGML);
    hd_doc d;
    hd_error err;
    hd_doc_init(&d);
    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    assert_string_equal(d.outlet, "skynews");
    assert_string_equal(d.date, "2018-02-22");
    /* the title ends in a no-break space, which is trimmed */
    assert_span(&d, d.title.start, d.title.end,
                "قتلى وجرحى من مسلحي الحوثي في رازح بصعدة");
    assert_non_null(strstr(d.extra_json, "\"author\":\"أبوظبي - سكاي نيوز عربية\""));
    assert_int_equal(d.n_zones, 3);
    assert_zone(&d, 2, HD_SEC_BODY,
                "وتستخدم المليشيا الحوثية المعسكر المستهدف في رازح تدريب العشرات "
                "من مقاتليها بالإضافة إلى قاعدة لإطلاق الصواريخ نحو الحدودية "
                "السعودية.");
    hd_reader_close(r);
    hd_doc_free(&d);
}

/* Every sample, through the directory expansion: one doc each, its id the
 * file name, its date the file name's date. */
static void test_trec_directory(void **state)
{
    (void)state;
    hd_inputs in;
    hd_error err;
    hd_inputs_init(&in);
    assert_int_equal(hd_inputs_add(&in, TREC, &err), 0);
    assert_int_equal(in.n, 24);
    hd_doc d;
    hd_doc_init(&d);
    for (size_t i = 0; i < in.n; i++) {
        hd_reader *r = open_ok(in.paths[i], HD_FMT_AUTO);
        assert_int_equal(hd_reader_format(r), HD_FMT_SGML);
        assert_int_equal(hd_reader_next(r, &d, &err), 1);
        const char *base = strrchr(in.paths[i], '/') + 1;
        assert_int_equal(strlen(d.id) + 4, strlen(base));
        assert_memory_equal(d.id, base, strlen(d.id));
        const char *ymd = base + strlen(base) - 12; /* YYYYMMDD.txt */
        char want[11];
        snprintf(want, sizeof want, "%.4s-%.2s-%.2s", ymd, ymd + 4, ymd + 6);
        assert_string_equal(d.date, want);
        assert_true(d.n_zones >= 2);
        assert_int_equal(hd_reader_next(r, &d, &err), 0);
        hd_reader_close(r);
    }
    /* name order: BB-middleEast-1-, -10-, -100-, -1000- ... */
    assert_non_null(strstr(in.paths[0], "BB-middleEast-1-20180218.txt"));
    assert_non_null(strstr(in.paths[1], "BB-middleEast-10-20180216.txt"));
    assert_non_null(strstr(in.paths[23], "SK-middleEast-1004-20180413.txt"));
    hd_inputs_free(&in);
    hd_doc_free(&d);
}

/* The samples concatenated into one stream: records and their line numbers. */
static void test_trec_concatenated(void **state)
{
    (void)state;
    char cmd[512], path[128];
    snprintf(path, sizeof path, "%s/all.sgml.gz", tmpdir);
    snprintf(cmd, sizeof cmd, "cat '%s'/*.txt | gzip -c > '%s'", TREC, path);
    assert_int_equal(system(cmd), 0);
    size_t first_len;
    char *first = tu_read_file(TREC "/BB-middleEast-1-20180218.txt", &first_len);
    long first_lines = 0;
    for (size_t i = 0; i < first_len; i++)
        first_lines += first[i] == '\n';
    hd_reader *r = open_ok(path, HD_FMT_AUTO);
    hd_doc d;
    hd_error err;
    hd_doc_init(&d);
    int rc, n = 0;
    while ((rc = hd_reader_next(r, &d, &err)) == 1) {
        if (n == 1) {
            assert_string_equal(d.id, "BB-middleEast-10-20180216");
            assert_int_equal(d.source_line, first_lines + 1);
        }
        n++;
    }
    assert_int_equal(rc, 0);
    assert_int_equal(n, 24);
    hd_reader_close(r);
    hd_doc_free(&d);
    free(first);
}

static void test_gigaword(void **state)
{
    (void)state;
    size_t len;
    char *file = tu_read_file(GIGA, &len);
    hd_reader *r = open_ok(GIGA, HD_FMT_AUTO);
    assert_int_equal(hd_reader_format(r), HD_FMT_SGML);
    hd_doc d;
    hd_error err;
    hd_doc_init(&d);

    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    assert_string_equal(d.id, "AAW_ARB_20071026.0026");
    assert_string_equal(d.date, "2007-10-26");
    /* the headline's line wrap is undone */
    assert_span(&d, d.title.start, d.title.end, "مقتل خمسة جنود في هجوم على قافلة عسكرية");
    assert_string_equal(d.extra_json,
                        "{\"type\":\"story\",\"dateline\":\"بغداد 26 اكتوبر (اف ب)\"}");
    assert_int_equal(d.n_zones, 4);
    assert_zone(&d, 1, HD_SEC_BODY,
                "قتل خمسة جنود عراقيين واصيب ثمانية اخرون بجروح في هجوم شنه مسلحون "
                "على قافلة عسكرية شمال بغداد، كما افادت مصادر امنية الجمعة.");
    /* entities are decoded into the text */
    assert_zone(&d, 2, HD_SEC_BODY,
                "وقال ضابط في الشرطة ان المهاجمين \"فتحوا النار\" على القافلة & "
                "لاذوا بالفرار.");
    assert_zone(&d, 3, HD_SEC_BODY, "واضاف ان قوات الامن بدأت عملية تفتيش في المنطقة.");

    /* </P> and </DOC> lost: the DOC ends where the next begins */
    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    assert_string_equal(d.id, "AAW_ARB_20071027.0003");
    assert_string_equal(d.extra_json, "{\"type\":\"advis\"}");
    assert_int_equal(d.n_zones, 3);
    assert_zone(&d, 1, HD_SEC_BODY, "تتضمن النشرة العربية اليوم اخبار العراق");
    assert_zone(&d, 2, HD_SEC_BODY, "واخبار لبنان والسودان.");

    /* no TEXT: a bad record, with its line and byte */
    assert_int_equal(hd_reader_next(r, &d, &err), -1);
    const char *bad = strstr(file, "<DOC id=\"AAW_ARB_20071027.0004\"");
    long line = 1;
    for (const char *p = file; p < bad; p++)
        line += *p == '\n';
    assert_string_equal(err.file, GIGA);
    assert_int_equal(err.line, line);
    assert_int_equal(err.byte, bad - file);
    assert_non_null(strstr(err.msg, "AAW_ARB_20071027.0004"));
    assert_non_null(strstr(err.msg, "no <TEXT>"));

    /* no HEADLINE, no P: the body alone, one zone a line */
    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    assert_string_equal(d.id, "AAW_ARB_20071028.0011");
    assert_string_equal(d.date, "2007-10-28");
    assert_int_equal(d.body_offset, 0);
    assert_int_equal(d.title.end, d.title.start);
    assert_int_equal(d.n_zones, 2);
    assert_zone(&d, 0, HD_SEC_BODY, "تظاهر مئات الطلاب امام مبنى البرلمان");
    assert_zone(&d, 1, HD_SEC_BODY, "للمطالبة باصلاحات في التعليم.");
    assert_int_equal(hd_reader_next(r, &d, &err), 0);
    hd_reader_close(r);
    hd_doc_free(&d);
    free(file);
}

static void test_messy_trec(void **state)
{
    (void)state;
    hd_reader *r = open_ok(MESSY, HD_FMT_AUTO);
    hd_doc d;
    hd_error err;
    hd_doc_init(&d);
    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    assert_string_equal(d.id, "XX-middleEast-7-20180305");
    assert_string_equal(d.url, "http://example.org/news?id=7&lang=ar"); /* raw & */
    /* </TITLE> is missing: the title ends at the next tag */
    assert_span(&d, d.title.start, d.title.end, "اشتباكات في درعا & توتر في القنيطرة");
    assert_string_equal(d.date, "2018-03-05"); /* "5 Mar 2018 09:15:00 +0000" */
    assert_string_equal(d.extra_json, "{\"cat\":\"middleEast\",\"abstract\":"
                                      "\"ملخص: اشتباكات عنيفة في ريف درعا.\"}");
    assert_int_equal(d.n_zones, 4);
    /* raw '<', '>' and '&' in the text are text */
    assert_zone(&d, 2, HD_SEC_BODY, "وقال ناشطون إن عدد القتلى > 10 و< 20 بحسب حصيلة أولية.");
    assert_zone(&d, 3, HD_SEC_BODY,
                "وأضافت المصادر أن القصف طال قرى AT&T و<عين ذكر> الحدودية.");

    /* lower-case tags; a TIME that is not a date is kept, the date comes
     * from the id */
    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    assert_string_equal(d.id, "XX-middleEast-8-20180306");
    assert_string_equal(d.date, "2018-03-06");
    assert_string_equal(d.extra_json, "{\"time\":\"not a time\"}");
    assert_span(&d, d.title.start, d.title.end, "وقفة احتجاجية أمام مقر الأمم المتحدة");
    assert_int_equal(d.n_zones, 2);
    assert_int_equal(hd_reader_next(r, &d, &err), 0);
    hd_reader_close(r);
    hd_doc_free(&d);
}

/* Junk before the first DOC, records on one line, "<DOCNO" never taken
 * for a record start, the last DOC cut off at the end of input. */
static void test_stream_edges(void **state)
{
    (void)state;
    const char *in =
        "junk before any record < & >\n"
        "<DOC><DOCNO>a</DOCNO><TEXT>نص أول</TEXT></DOC><DOC><DOCNO>b</DOCNO>"
        "<TEXT>نص ثان\nوسطر آخر";
    char path[128];
    snprintf(path, sizeof path, "%s/edges.sgml", tmpdir);
    FILE *f = fopen(path, "wb");
    fputs(in, f);
    fclose(f);
    hd_reader *r = open_ok(path, HD_FMT_SGML);
    hd_doc d;
    hd_error err;
    hd_doc_init(&d);
    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    assert_string_equal(d.id, "a");
    assert_string_equal(d.text, "نص أول");
    assert_int_equal(d.source_line, 2);
    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    assert_string_equal(d.id, "b");
    assert_string_equal(d.text, "نص ثان\nوسطر آخر");
    assert_int_equal(d.n_zones, 2);
    assert_int_equal(hd_reader_next(r, &d, &err), 0);
    hd_reader_close(r);
    hd_doc_free(&d);
}

static const char *write_tmp(const char *name, const char *s)
{
    static char path[160];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(s, f);
    fclose(f);
    return path;
}

/* After an XML prologue and a comment, the first element decides. */
static void test_detect_after_prologue(void **state)
{
    (void)state;
    const char *path = write_tmp("prologue.sgml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- <Sentence> -->\n"
        "<DOC id=\"AAW_ARB_20080301.0001\"><TEXT><P>نص الخبر.</P></TEXT></DOC>\n");
    hd_reader *r = open_ok(path, HD_FMT_AUTO);
    assert_int_equal(hd_reader_format(r), HD_FMT_SGML);
    hd_doc d;
    hd_error err;
    hd_doc_init(&d);
    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    assert_string_equal(d.date, "2008-03-01");
    assert_string_equal(d.text, "نص الخبر.");
    hd_reader_close(r);
    hd_doc_free(&d);
}

/* SGML asked for, JSONL given: one error saying so, not silence. */
static void test_no_records(void **state)
{
    (void)state;
    const char *path = write_tmp("not-sgml.jsonl", "{\"id\": \"a\", \"text\": \"نص\"}\n");
    hd_reader *r = open_ok(path, HD_FMT_SGML);
    hd_doc d;
    hd_error err;
    hd_doc_init(&d);
    assert_int_equal(hd_reader_next(r, &d, &err), -1);
    assert_string_equal(err.file, path);
    assert_int_equal(err.line, 1);
    assert_non_null(strstr(err.msg, "no <DOC> record"));
    assert_int_equal(hd_reader_next(r, &d, &err), 0);
    hd_reader_close(r);
    r = open_ok(path, HD_FMT_PETRARCH_XML);
    assert_int_equal(hd_reader_next(r, &d, &err), -1);
    assert_non_null(strstr(err.msg, "no <Sentence> record"));
    assert_int_equal(hd_reader_next(r, &d, &err), 0);
    hd_reader_close(r);
    hd_doc_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_trec_bbc),
        cmocka_unit_test(test_trec_skynews),
        cmocka_unit_test(test_trec_directory),
        cmocka_unit_test(test_trec_concatenated),
        cmocka_unit_test(test_gigaword),
        cmocka_unit_test(test_messy_trec),
        cmocka_unit_test(test_stream_edges),
        cmocka_unit_test(test_detect_after_prologue),
        cmocka_unit_test(test_no_records),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
