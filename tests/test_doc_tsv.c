/*
 * test_doc_tsv.c: the detection TSV reader, on the dev sets in ../shared/eval
 * and on small tables written here.
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

#define ASSAULT HD_SHARED_DIR "/eval/detect-assault-dev.tsv"
#define PROTEST HD_SHARED_DIR "/eval/detect-protest-dev.tsv"

static char tmpdir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/hd_doc_tsv_XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
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

static hd_reader *open_ok(const char *path)
{
    hd_error err;
    hd_reader *r = hd_reader_open(path, HD_FMT_AUTO, &err);
    if (!r)
        fail_msg("%s: %s", path, err.msg);
    assert_int_equal(hd_reader_format(r), HD_FMT_TSV);
    return r;
}

static void test_assault(void **state)
{
    (void)state;
    hd_reader *r = open_ok(ASSAULT);
    hd_doc d;
    hd_error err;
    hd_doc_init(&d);
    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    const char *text = "وقال الضابط في الشرطة المحلية خالد منصور، ان الاعتداء وقع في "
        "اطراف منغورا أكبر مدن اقليم سوات السياحي، علما أن الحكومة الباكستانية "
        "أرسلت امس ألفي جندي اضافيين الى وادي سوات، الذي يرتاده السياح بكثافة، "
        "على خلفية تكثيف المقاتلين الاسلاميين هجماتهم منذ اشهر.";
    assert_string_equal(d.id, "AAW_ARB_20071026.0026-2");
    assert_string_equal(d.date, "2007-10-26"); /* from the Gigaword id */
    assert_int_equal(d.source_line, 2);
    assert_string_equal(d.text, text);
    assert_int_equal(d.n_zones, 1);
    assert_int_equal(d.zones[0].section, HD_SEC_BODY);
    assert_int_equal(d.zones[0].end, strlen(text));
    assert_string_equal(d.extra_json,
                        "{\"event_type\":\"ASSAULT\",\"label\":\"difficult no\","
                        "\"accept\":\"1\",\"reject\":\"2\",\"total\":\"3\"}");
    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    assert_string_equal(d.id, "AAW_ARB_20080913.0007-59");
    assert_string_equal(d.text, "* هل تستخدم في اجهزتكم الامنية اية وسائل تعذيب لانتزاع "
                                "الاعترافات من المعتقلين؟");
    assert_non_null(strstr(d.extra_json, "\"label\":\"easy no\""));
    int rc, n = 2;
    while ((rc = hd_reader_next(r, &d, &err)) == 1)
        n++;
    assert_int_equal(rc, 0);
    assert_int_equal(n, 1947);
    hd_reader_close(r);
    hd_doc_free(&d);
}

static void test_protest_last(void **state)
{
    (void)state;
    hd_reader *r = open_ok(PROTEST);
    hd_doc d;
    hd_error err;
    hd_doc_init(&d);
    int rc, n = 0;
    char last_id[64] = "";
    while ((rc = hd_reader_next(r, &d, &err)) == 1) {
        n++;
        snprintf(last_id, sizeof last_id, "%s", d.id);
        assert_non_null(strstr(d.extra_json, "\"event_type\":\"PROTEST\""));
    }
    assert_int_equal(rc, 0);
    assert_int_equal(n, 1572);
    assert_string_equal(last_id, "AAW_ARB_20080215.0019-21");
    hd_reader_close(r);
    hd_doc_free(&d);
}

static void test_bad_rows(void **state)
{
    (void)state;
    const char *path = write_tmp("bad.tsv",
        "id\tevent_type\tlabel\ttext\n"
        "a1\tPROTEST\tyes\tتظاهر العمال أمام الوزارة.\n"
        "\n"
        "a2\tPROTEST\tاحتج السكان\n"                   /* a column short */
        "a3\tPROTEST\tno\tنص\tزائد\n"                  /* a column too many */
        "a4\tPROTEST\tyes\tاعتصم الطلاب في الجامعة.\r\n");
    hd_reader *r = open_ok(path);
    hd_doc d;
    hd_error err;
    hd_doc_init(&d);
    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    assert_string_equal(d.id, "a1");
    assert_null(d.date);
    assert_int_equal(hd_reader_next(r, &d, &err), -1);
    assert_int_equal(err.line, 4);
    assert_non_null(strstr(err.msg, "3 columns"));
    assert_non_null(strstr(err.msg, "header has 4"));
    assert_int_equal(hd_reader_next(r, &d, &err), -1);
    assert_int_equal(err.line, 5);
    assert_non_null(strstr(err.msg, "5 columns"));
    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    assert_string_equal(d.id, "a4");
    assert_string_equal(d.text, "اعتصم الطلاب في الجامعة.");
    assert_int_equal(d.source_line, 6);
    assert_int_equal(hd_reader_next(r, &d, &err), 0);
    hd_reader_close(r);
    hd_doc_free(&d);
}

/* Any header of three or more names: the text is the last column when no
 * column is called "text", and there may be no id. */
static void test_other_header(void **state)
{
    (void)state;
    const char *path = write_tmp("other.tsv",
        "source\tlang\tcontent\n"
        "bbc\tar\tأعلنت الحكومة حالة الطوارئ.\n");
    hd_reader *r = open_ok(path);
    hd_doc d;
    hd_error err;
    hd_doc_init(&d);
    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    assert_null(d.id);
    assert_string_equal(d.text, "أعلنت الحكومة حالة الطوارئ.");
    assert_string_equal(d.extra_json, "{\"source\":\"bbc\",\"lang\":\"ar\"}");
    assert_int_equal(hd_reader_next(r, &d, &err), 0);
    hd_reader_close(r);
    hd_doc_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_assault),
        cmocka_unit_test(test_protest_last),
        cmocka_unit_test(test_bad_rows),
        cmocka_unit_test(test_other_header),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
