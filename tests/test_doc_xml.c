/*
 * test_doc_xml.c: the PETRARCH validation XML reader, on the gold sets in
 * ../shared/eval and on tests/data/doc/petrarch-messy.xml.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hadath.h"

#define ASSAULT HD_SHARED_DIR "/eval/gsr-assault-dev.xml"
#define PROTEST HD_SHARED_DIR "/eval/gsr-protest-dev.xml"
#define MESSY HD_SOURCE_DIR "/tests/data/doc/petrarch-messy.xml"

static hd_reader *open_ok(const char *path)
{
    hd_error err;
    hd_reader *r = hd_reader_open(path, HD_FMT_AUTO, &err);
    if (!r)
        fail_msg("%s: %s", path, err.msg);
    assert_int_equal(hd_reader_format(r), HD_FMT_PETRARCH_XML);
    return r;
}

static void assert_one_zone(const hd_doc *d, const char *text)
{
    assert_string_equal(d->text, text);
    assert_int_equal(d->n_zones, 1);
    assert_int_equal(d->zones[0].section, HD_SEC_BODY);
    assert_int_equal(d->zones[0].start, 0);
    assert_int_equal(d->zones[0].end, strlen(text));
    assert_int_equal(d->body_offset, 0);
    assert_int_equal(d->title.end - d->title.start, 0);
}

static void test_assault_first_and_last(void **state)
{
    (void)state;
    hd_reader *r = open_ok(ASSAULT);
    hd_doc d;
    hd_error err;
    hd_doc_init(&d);
    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    assert_string_equal(d.id, "5b520e266203c42f8aa08eba");
    assert_string_equal(d.date, "2007-12-08");
    assert_int_equal(d.source_line, 2);
    assert_string_equal(d.extra_json, "{\"evaluate\":\"true\",\"category\":\"ASSAULT\"}");
    assert_one_zone(&d,
        "وقال ان «سيارة مفخخة انفجرت قرب مقر مجلس للصحوة في ضاحية المنصورية "
        "الواقعة في بلدة المقدادية (100 كلم شمال شرقي بغداد)، مما أدى الى مقتل "
        "عشرة اشخاص على الاقل وإصابة آخرين بجروح».");
    int rc, n = 1;
    while ((rc = hd_reader_next(r, &d, &err)) == 1) {
        n++;
        if (n < 222)
            continue;
        assert_string_equal(d.id, "5b6366456203c47bb65ad9e9");
        assert_string_equal(d.date, "2007-08-16");
        assert_one_zone(&d,
            "وجاءت هذه الهجمات، وهي من اعنف الاعتداءات التي شهدها العراق منذ "
            "اندلاع الحرب منذ اربع سنوات، بعد ان قام مسلحون يرتدون بزات قوات "
            "الامن بخطف وكيل وزارة النفط العراقية عبد الجبار الوكاع وعدد من "
            "الموظفين من مجمع نفطي شرق بغداد.");
    }
    assert_int_equal(rc, 0);
    assert_int_equal(n, 222);
    hd_reader_close(r);
    hd_doc_free(&d);
}

static void test_protest_all(void **state)
{
    (void)state;
    hd_reader *r = open_ok(PROTEST);
    hd_doc d;
    hd_error err;
    hd_doc_init(&d);
    int rc, n = 0;
    while ((rc = hd_reader_next(r, &d, &err)) == 1) {
        if (n++ == 0) {
            assert_string_equal(d.id, "5b6757616203c433883a1e10");
            assert_string_equal(d.date, "2008-01-01");
            assert_one_zone(&d,
                "تظاهر الاف الاسرائيليين مساء امس في تل ابيب \"دفاعا عن "
                "الديمقراطية\" واحتجاجا على حملة اليمين المتطرف ضد جمعيات يسارية.");
        }
        assert_non_null(strstr(d.extra_json, "\"category\":\"PROTEST\""));
        /* the gold coding is not carried into the document */
        assert_null(strstr(d.extra_json, "plover"));
        assert_null(strstr(d.text, "EventCoding"));
    }
    assert_int_equal(rc, 0);
    assert_int_equal(n, 172);
    hd_reader_close(r);
    hd_doc_free(&d);
}

static void test_messy(void **state)
{
    (void)state;
    hd_reader *r = open_ok(MESSY);
    hd_doc d;
    hd_error err;
    hd_doc_init(&d);

    /* the Sentence inside a comment is skipped; entities decoded; the line
     * wrap inside Text undone */
    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    assert_string_equal(d.id, "m1");
    assert_int_equal(d.source_line, 4);
    assert_one_zone(&d, "تظاهر مئات العمال أمام مقر الحكومة & طالبوا بزيادة الأجور <اليوم>.");

    assert_int_equal(hd_reader_next(r, &d, &err), -1);
    assert_int_equal(err.line, 12);
    assert_non_null(strstr(err.msg, "m2"));
    assert_non_null(strstr(err.msg, "no <Text>"));

    assert_int_equal(hd_reader_next(r, &d, &err), -1);
    assert_int_equal(err.line, 16);
    assert_non_null(strstr(err.msg, "date=\"2008-13-01\""));

    /* single-quoted and unquoted attributes; </Sentence> lost */
    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    assert_string_equal(d.id, "m4");
    assert_string_equal(d.date, "2008-01-18");
    assert_string_equal(d.extra_json, "{\"category\":\"ASSAULT\"}");
    assert_one_zone(&d, "قتل شخصان في انفجار عبوة ناسفة.");

    /* </Text> lost; ISO date accepted; no other attribute */
    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    assert_string_equal(d.id, "m5");
    assert_string_equal(d.date, "2008-01-19");
    assert_null(d.extra_json);
    assert_one_zone(&d, "واحتج السكان على انقطاع الكهرباء.");
    assert_int_equal(hd_reader_next(r, &d, &err), 0);
    hd_reader_close(r);
    hd_doc_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_assault_first_and_last),
        cmocka_unit_test(test_protest_all),
        cmocka_unit_test(test_messy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
