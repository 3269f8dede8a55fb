/*
 * test_doc_plain.c: the plain-text reader on BBC Arabic layouts.
 *
 * Expectations come from reading the texts: the seed (raqqa.txt, BBC Arabic,
 * 15 October 2017) has a title, an image caption credited to Reuters, ten
 * paragraphs, a credit-only caption (Reuters, no text), the heading
 * "دروع بشرية", four more paragraphs and the trailer "المزيد حول هذه القصة".
 * tests/data/doc/bbc-layout.txt is a short article written for this test in
 * the newer page layout (credit line, then "تعليق على الصورة" caption line),
 * with share-widget and related-stories furniture.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "hadath.h"
#include "testutil.h"

#define SEED HD_SHARED_DIR "/seed/raqqa.txt"
#define LAYOUT HD_SOURCE_DIR "/tests/data/doc/bbc-layout.txt"

static char tmpdir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/hd_doc_plain_XXXXXX");
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

static int span_has(const hd_doc *d, uint32_t a, uint32_t b, const char *s)
{
    size_t k = strlen(s);
    for (uint32_t i = a; i + k <= b; i++)
        if (memcmp(d->text + i, s, k) == 0)
            return 1;
    return 0;
}

/* Reads the one document of path; asserts it is alone. */
static void read_one(const char *path, hd_doc *doc)
{
    hd_error err;
    hd_reader *r = hd_reader_open(path, HD_FMT_AUTO, &err);
    assert_non_null(r);
    assert_int_equal(hd_reader_format(r), HD_FMT_PLAIN);
    assert_int_equal(hd_reader_next(r, doc, &err), 1);
    hd_doc tmp;
    hd_doc_init(&tmp);
    assert_int_equal(hd_reader_next(r, &tmp, &err), 0);
    hd_doc_free(&tmp);
    hd_reader_close(r);
}

static const char *const seed_title =
    "قوات سوريا الديمقراطية تطلق \"معركتها الأخيرة\" في الرقة";
static const char *const seed_caption =
    "دخان يتصاعد من أحد الأبنية في مدينة الرقة بعد قصف لطائرات قوات التحالف";

/* The seed's structure: title zone, caption zone, 14 body zones. */
static void check_seed(const hd_doc *d)
{
    assert_span(d, d->title.start, d->title.end, seed_title);
    assert_int_equal(d->n_zones, 16);
    assert_int_equal(d->zones[0].section, HD_SEC_TITLE);
    assert_span(d, d->zones[0].start, d->zones[0].end, seed_title);
    assert_int_equal(d->zones[1].section, HD_SEC_CAPTION);
    assert_span(d, d->zones[1].start, d->zones[1].end, seed_caption);
    for (size_t i = 2; i < d->n_zones; i++) {
        assert_int_equal(d->zones[i].section, HD_SEC_BODY);
        assert_true(d->zones[i].start >= d->zones[i - 1].end);
        assert_false(span_has(d, d->zones[i].start, d->zones[i].end, "مصدر الصورة"));
        assert_false(span_has(d, d->zones[i].start, d->zones[i].end,
                              "المزيد حول هذه القصة"));
        assert_false(span_has(d, d->zones[i].start, d->zones[i].end, "\r"));
    }
    assert_span(d, d->zones[2].start, d->zones[2].end,
                "شنت قوات سوريا الديمقراطية المدعومة من الولايات المتحدة، "
                "هجومها الأخير على مسلحي تنظيم ما يعرف بالدولة الإسلامية في الرقة.");
    assert_span(d, d->zones[11].start, d->zones[11].end,
                "وقال الكولونيل ريان ديلون المتحدث باسم التحالف الدولي، إنه على "
                "الرغم من التقدم الذي حققته قوات التحالف \"ما يزال يتوقع أن يكون "
                "بانتظارهم قتال صعب\".");
    assert_true(span_has(d, d->zones[12].start, d->zones[12].end,
                         "وقد اتخذت قوات سوريا الديمقراطية قرار السماح"));
    assert_span(d, d->zones[15].start, d->zones[15].end,
                "وتعد خسارة الرقة ضربة أخرى لتنظيم الدولة الذي فقد في العامين "
                "الماضيين الكثير من مواقعه في كل من سوريا والعراق.");

    assert_int_equal(d->n_captions, 2);
    assert_span(d, d->captions[0].text.start, d->captions[0].text.end, seed_caption);
    assert_span(d, d->captions[0].credit.start, d->captions[0].credit.end, "Reuters");
    assert_int_equal(d->captions[1].text.end - d->captions[1].text.start, 0);
    assert_span(d, d->captions[1].credit.start, d->captions[1].credit.end, "Reuters");
    /* the second caption stands between the 10th and 11th paragraphs */
    assert_true(d->captions[1].credit.start > d->zones[11].end);
    assert_true(d->captions[1].credit.end < d->zones[12].start);

    assert_int_equal(d->n_headings, 1);
    assert_span(d, d->headings[0].start, d->headings[0].end, "دروع بشرية");
    assert_true(d->headings[0].start > d->captions[1].credit.end);
    assert_true(d->headings[0].end < d->zones[12].start);

    assert_int_equal(d->n_boilerplate, 3);
    assert_span(d, d->boilerplate[0].start, d->boilerplate[0].end, "مصدر الصورة");
    assert_span(d, d->boilerplate[1].start, d->boilerplate[1].end, "مصدر الصورة");
    assert_span(d, d->boilerplate[2].start, d->boilerplate[2].end,
                "المزيد حول هذه القصة");
}

static void test_seed(void **state)
{
    (void)state;
    size_t len = 0;
    char *file = tu_read_file(SEED, &len);
    assert_non_null(file);
    hd_doc d;
    hd_doc_init(&d);
    read_one(SEED, &d);
    check_seed(&d);
    /* a plain document's text is the file itself */
    assert_int_equal(d.len, len);
    assert_memory_equal(d.text, file, len);
    assert_string_equal(d.id, "raqqa.txt");
    assert_string_equal(d.source, SEED);
    assert_null(d.date);
    assert_null(d.extra_json);
    /* the body begins on the line after the title: the caption line */
    assert_int_equal(d.body_offset, d.captions[0].text.start);
    assert_int_equal(d.title.start, 0);
    hd_doc_free(&d);
    free(file);
}

static void test_seed_crlf(void **state)
{
    (void)state;
    size_t len = 0;
    char *file = tu_read_file(SEED, &len);
    char path[128];
    snprintf(path, sizeof path, "%s/raqqa-crlf.txt", tmpdir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    for (size_t i = 0; i < len; i++) {
        if (file[i] == '\n')
            fputc('\r', f);
        fputc(file[i], f);
    }
    fclose(f);
    hd_doc d;
    hd_doc_init(&d);
    read_one(path, &d);
    check_seed(&d);
    assert_string_equal(d.id, "raqqa-crlf.txt");
    hd_doc_free(&d);
    free(file);
}

static void test_seed_gzip_and_bom(void **state)
{
    (void)state;
    size_t len = 0;
    char *file = tu_read_file(SEED, &len);
    char path[128];
    snprintf(path, sizeof path, "%s/raqqa.txt.gz", tmpdir);
    gzFile gz = gzopen(path, "wb");
    assert_non_null(gz);
    gzwrite(gz, "\xEF\xBB\xBF", 3); /* a byte-order mark is skipped */
    gzwrite(gz, file, (unsigned)len);
    gzclose(gz);
    hd_doc d;
    hd_doc_init(&d);
    read_one(path, &d);
    check_seed(&d);
    assert_string_equal(d.id, "raqqa.txt"); /* ".gz" is not part of the id */
    assert_int_equal(d.len, len);
    hd_doc_free(&d);
    free(file);
}

static void test_seed_stdin(void **state)
{
    (void)state;
    int saved = dup(0), fd = open(SEED, O_RDONLY);
    assert_true(saved >= 0 && fd >= 0);
    assert_int_equal(dup2(fd, 0), 0);
    close(fd);
    hd_doc d;
    hd_doc_init(&d);
    read_one("-", &d);
    dup2(saved, 0);
    close(saved);
    check_seed(&d);
    assert_string_equal(d.id, "stdin");
    assert_string_equal(d.source, "<stdin>");
    hd_doc_free(&d);
}

static void test_bbc_layout(void **state)
{
    (void)state;
    hd_doc d;
    hd_doc_init(&d);
    read_one(LAYOUT, &d);
    assert_span(&d, d.title.start, d.title.end,
                "مقتل ثلاثة أشخاص في انفجار بمدينة الموصل");

    /* credit on one line, "تعليق على الصورة" caption on the next */
    assert_int_equal(d.n_captions, 2);
    assert_span(&d, d.captions[0].credit.start, d.captions[0].credit.end,
                "Getty Images");
    assert_span(&d, d.captions[0].text.start, d.captions[0].text.end,
                "عناصر من الشرطة العراقية في موقع الانفجار");
    /* both on one line */
    assert_span(&d, d.captions[1].credit.start, d.captions[1].credit.end, "AFP");
    assert_span(&d, d.captions[1].text.start, d.captions[1].text.end,
                "محتجون في وسط المدينة");

    assert_int_equal(d.n_headings, 1);
    assert_span(&d, d.headings[0].start, d.headings[0].end, "ردود الفعل");

    static const char *const body[] = {
        "قالت الشرطة العراقية إن ثلاثة أشخاص قتلوا في انفجار سيارة مفخخة في "
        "مدينة الموصل صباح الأحد.",
        "وأضافت الشرطة أن خمسة آخرين أصيبوا بجروح.",
        "وندد محافظ نينوى بالهجوم.",
        "مطالب بالتحقيق", /* short, but not between blank lines */
        "وطالب نواب بفتح تحقيق عاجل.",
        /* "مصدر الصورة" inside a sentence is not a caption marker */
        "قال مصدر أمني إن الهجوم لم يسفر عن خسائر إضافية وإن مصدر الصورة التي "
        "نشرت على مواقع التواصل الاجتماعي لم يتحدد بعد وأضاف أن التحقيق مستمر "
        "في ملابسات الحادث",
        "وأعلنت السلطات الحداد.", /* short, but a sentence */
        "وتجمع السكان أمام المستشفى للتبرع بالدم.",
        "المصدر: وكالات", /* short, but the last line of the article */
    };
    static const int sections[] = {
        HD_SEC_TITLE, HD_SEC_CAPTION, HD_SEC_BODY, HD_SEC_BODY, HD_SEC_CAPTION,
        HD_SEC_BODY, HD_SEC_BODY, HD_SEC_BODY, HD_SEC_BODY, HD_SEC_BODY,
        HD_SEC_BODY, HD_SEC_BODY,
    };
    assert_int_equal(d.n_zones, sizeof sections / sizeof *sections);
    size_t b = 0;
    for (size_t i = 0; i < d.n_zones; i++) {
        assert_int_equal(d.zones[i].section, sections[i]);
        if (sections[i] == HD_SEC_BODY) {
            assert_span(&d, d.zones[i].start, d.zones[i].end, body[b]);
            b++;
        }
    }
    assert_int_equal(b, sizeof body / sizeof *body);

    /* furniture: 2 + 2 markers, the share line, a rule, the trailer */
    assert_int_equal(d.n_boilerplate, 7);
    assert_span(&d, d.boilerplate[0].start, d.boilerplate[0].end, "مصدر الصورة");
    assert_span(&d, d.boilerplate[1].start, d.boilerplate[1].end,
                "تعليق على الصورة");
    assert_span(&d, d.boilerplate[2].start, d.boilerplate[2].end,
                "شارك هذه الصفحة");
    assert_span(&d, d.boilerplate[3].start, d.boilerplate[3].end,
                "------------------------------");
    assert_span(&d, d.boilerplate[6].start, d.boilerplate[6].end,
                "قصص ذات صلة\n\nهجوم سابق في الموصل");
    hd_doc_free(&d);
}

static void write_file(const char *path, const char *s)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(s, f);
    fclose(f);
}

static void test_title_only_and_blank(void **state)
{
    (void)state;
    char path[128];
    hd_doc d;
    hd_doc_init(&d);

    snprintf(path, sizeof path, "%s/title-only.txt", tmpdir);
    write_file(path, "\n\n  عنوان بلا نص  \n\n");
    read_one(path, &d);
    assert_span(&d, d.title.start, d.title.end, "عنوان بلا نص");
    assert_int_equal(d.n_zones, 1);
    assert_int_equal(d.zones[0].section, HD_SEC_TITLE);

    snprintf(path, sizeof path, "%s/blank.txt", tmpdir);
    write_file(path, " \n\t\n");
    read_one(path, &d);
    assert_int_equal(d.n_zones, 0);
    assert_int_equal(d.title.end, d.title.start);
    hd_doc_free(&d);
}

static void test_format_forced(void **state)
{
    (void)state;
    /* a TREC file read as plain: one document, the markup is text */
    hd_error err;
    hd_reader *r = hd_reader_open(
        HD_SHARED_DIR "/corpus/trec-sample/SK-middleEast-10-20180222.txt",
        HD_FMT_PLAIN, &err);
    assert_non_null(r);
    assert_int_equal(hd_reader_format(r), HD_FMT_PLAIN);
    hd_doc d;
    hd_doc_init(&d);
    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    assert_span(&d, d.title.start, d.title.end, "<DOC>");
    assert_string_equal(d.id, "SK-middleEast-10-20180222.txt");
    assert_int_equal(hd_reader_next(r, &d, &err), 0);
    hd_reader_close(r);
    hd_doc_free(&d);
}

static void test_format_names(void **state)
{
    (void)state;
    static const char *const names[] = {"auto", "plain", "jsonl", "sgml",
                                        "petrarch-xml", "tsv"};
    for (int i = 0; i < 6; i++) {
        assert_int_equal(hd_format_from_name(names[i]), i);
        assert_string_equal(hd_format_name(i), names[i]);
    }
    assert_int_equal(hd_format_from_name("PDF"), -1);
    assert_int_equal(hd_format_from_name(NULL), -1);
    assert_string_equal(hd_format_name(42), "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed),
        cmocka_unit_test(test_seed_crlf),
        cmocka_unit_test(test_seed_gzip_and_bom),
        cmocka_unit_test(test_seed_stdin),
        cmocka_unit_test(test_bbc_layout),
        cmocka_unit_test(test_title_only_and_blank),
        cmocka_unit_test(test_format_forced),
        cmocka_unit_test(test_format_names),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
