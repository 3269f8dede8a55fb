/*
 * test_doc_jsonl.c: the JSONL reader, on the ANT news corpus and on records
 * written here to break it.
 *
 * The corpus's first record (Al Arabiya, 17 February 2018, on the Damascus
 * Gate in Jerusalem) has eight paragraphs; its title, date and first
 * paragraph below were read off the file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <zlib.h>

#include "hadath.h"

#define CORPUS HD_SHARED_DIR "/corpus/ant-news-ar.jsonl.gz"

static char tmpdir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/hd_doc_jsonl_XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *write_tmp(const char *name, const char *data, size_t n)
{
    static char path[160];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    fclose(f);
    return path;
}

static void assert_span(const hd_doc *d, uint32_t a, uint32_t b, const char *s)
{
    assert_true(a <= b && b <= d->len);
    char *got = strndup(d->text + a, b - a);
    assert_string_equal(got, s);
    free(got);
}

static void test_corpus_first_record(void **state)
{
    (void)state;
    hd_error err;
    hd_reader *r = hd_reader_open(CORPUS, HD_FMT_AUTO, &err);
    assert_non_null(r);
    assert_int_equal(hd_reader_format(r), HD_FMT_JSONL);
    hd_doc d;
    hd_doc_init(&d);
    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    const char *title = "شاهد ماذا فعلت إسرائيل بـ\"بوابة دمشق\" التاريخية";
    assert_string_equal(d.id, "AL-internationalNews-10-20180217");
    assert_string_equal(d.date, "2018-02-17");
    assert_string_equal(d.outlet, "alarabia");
    assert_non_null(strstr(d.url, "http://www.alarabiya.net/ar/arab-and-world/2018/02/17/"));
    assert_string_equal(d.source, CORPUS);
    assert_int_equal(d.source_line, 1);
    /* title, blank line, body */
    assert_span(&d, d.title.start, d.title.end, title);
    assert_int_equal(d.title.start, 0);
    assert_int_equal(d.body_offset, strlen(title) + 2);
    assert_memory_equal(d.text + strlen(title), "\n\n", 2);
    assert_int_equal(d.n_zones, 1 + 8);
    assert_int_equal(d.zones[0].section, HD_SEC_TITLE);
    assert_int_equal(d.zones[1].section, HD_SEC_BODY);
    assert_int_equal(d.zones[1].start, d.body_offset);
    assert_span(&d, d.zones[1].start, d.zones[1].end,
                "باب العامود هو أحد أبرز معالم القدس المحتلة، وهو صرح تاريخي "
                "بني في الفترة الرومانية.");
    assert_true(d.zones[8].end == d.len);
    /* category and abstract are carried, in input order */
    assert_non_null(d.extra_json);
    assert_true(strncmp(d.extra_json,
                        "{\"category\":\"internationalNews\",\"abstract\":\"باب العامود",
                        strlen("{\"category\":\"internationalNews\",\"abstract\":\"باب العامود")) == 0);
    /* the second record follows on line 2 */
    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    assert_string_equal(d.id, "AL-internationalNews-100-20180219");
    assert_int_equal(d.source_line, 2);
    assert_string_equal(d.date, "2018-02-19");
    hd_reader_close(r);
    hd_doc_free(&d);
}

/* The whole corpus streams through without a bad record. */
static void test_corpus_all(void **state)
{
    (void)state;
    hd_error err;
    hd_reader *r = hd_reader_open(CORPUS, HD_FMT_JSONL, &err);
    assert_non_null(r);
    hd_doc d;
    hd_doc_init(&d);
    size_t docs = 0, bad = 0, bytes = 0, no_date = 0;
    int rc;
    clock_t t0 = clock();
    while ((rc = hd_reader_next(r, &d, &err)) != 0) {
        if (rc < 0) {
            bad++;
            continue;
        }
        docs++;
        bytes += d.len;
        no_date += d.date == NULL;
        assert_true(d.n_zones >= 1);
        assert_int_equal(d.source_line, (long)docs);
    }
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    print_message("corpus: %zu docs, %zu MB of text in %.2f s\n", docs,
                  bytes >> 20, secs);
    assert_int_equal(docs, 11458);
    assert_int_equal(bad, 0);
    assert_int_equal(no_date, 0);
    hd_reader_close(r);
    hd_doc_free(&d);
}

/* Reads one line of a gz stream into a growing buffer; 0 at the end. */
static int gz_line(gzFile gz, char **buf, size_t *cap, size_t *len)
{
    *len = 0;
    for (;;) {
        if (*cap - *len < 4096) {
            *cap = *cap ? *cap * 2 : 1 << 16;
            *buf = realloc(*buf, *cap);
        }
        if (!gzgets(gz, *buf + *len, (int)(*cap - *len)))
            return *len > 0;
        *len += strlen(*buf + *len);
        if ((*buf)[*len - 1] == '\n')
            return 1;
    }
}

/* Every corpus record, read by the reader, against the same line parsed
 * here with jansson: the same id, date, outlet, url, text layout and
 * extra fields. */
static void test_corpus_agrees_with_jansson(void **state)
{
    (void)state;
    gzFile gz = gzopen(CORPUS, "rb");
    assert_non_null(gz);
    hd_error err;
    hd_reader *r = hd_reader_open(CORPUS, HD_FMT_JSONL, &err);
    hd_doc d;
    hd_doc_init(&d);
    char *line = NULL;
    size_t cap = 0, len, n = 0;
    while (gz_line(gz, &line, &cap, &len)) {
        json_error_t jerr;
        json_t *o = json_loadb(line, len, 0, &jerr);
        assert_non_null(o);
        assert_int_equal(hd_reader_next(r, &d, &err), 1);
        n++;
        assert_string_equal(d.id, json_string_value(json_object_get(o, "id")));
        assert_string_equal(d.date, json_string_value(json_object_get(o, "date")));
        assert_string_equal(d.outlet, json_string_value(json_object_get(o, "outlet")));
        assert_string_equal(d.url, json_string_value(json_object_get(o, "url")));
        const char *title = json_string_value(json_object_get(o, "title"));
        const char *text = json_string_value(json_object_get(o, "text"));
        size_t tl = strlen(title), xl = strlen(text);
        assert_int_equal(d.len, tl + 2 + xl);
        assert_memory_equal(d.text, title, tl);
        assert_memory_equal(d.text + tl + 2, text, xl);
        assert_int_equal(d.body_offset, tl + 2);
        json_t *extra = json_loadb(d.extra_json, strlen(d.extra_json), 0, &jerr);
        assert_non_null(extra);
        static const char *const known[] = {"id", "date", "title", "text", "outlet", "url"};
        for (size_t k = 0; k < 6; k++)
            json_object_del(o, known[k]);
        assert_true(json_equal(o, extra));
        json_decref(extra);
        json_decref(o);
    }
    assert_int_equal(n, 11458);
    assert_int_equal(hd_reader_next(r, &d, &err), 0);
    free(line);
    gzclose(gz);
    hd_reader_close(r);
    hd_doc_free(&d);
}

/* JSON string escapes, decoded the same whichever parser takes the line
 * (a numeric id sends the second line to jansson). */
static void test_escapes(void **state)
{
    (void)state;
    const char *in =
        "{\"id\": \"e1\", \"title\": \"\\u0639\\u0646\\u0648\\u0627\\u0646\", "
        "\"text\": \"\\\"\\u0642\\u0627\\u0644\\\" \\\\ a\\/b\\tc\\nd \\ud83d\\ude00\", "
        "\"note\": \"x\\ny\", \"ok\": true, \"none\": null}\n"
        "{\"id\": 7, \"title\": \"\\u0639\\u0646\\u0648\\u0627\\u0646\", "
        "\"text\": \"\\\"\\u0642\\u0627\\u0644\\\" \\\\ a\\/b\\tc\\nd \\ud83d\\ude00\", "
        "\"note\": \"x\\ny\", \"ok\": true, \"none\": null}\n"
        "{\"id\": \"e3\", \"text\": \"\\ud83d alone\"}\n"
        "{\"id\": \"e4\", \"text\": \"\\x41\"}\n"
        "{\"id\": \"e5\", \"text\": \"tab\there\"}\n"
        "{\"id\": \"e6\", \"text\": \"ok\"} trailing\n"
        "{\"id\": \"e7\", \"text\": \"one\", \"text\": \"two\"}\n";
    const char *path = write_tmp("escapes.jsonl", in, strlen(in));
    hd_error err;
    hd_reader *r = hd_reader_open(path, HD_FMT_AUTO, &err);
    hd_doc d;
    hd_doc_init(&d);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(hd_reader_next(r, &d, &err), 1);
        assert_string_equal(d.id, i ? "7" : "e1");
        assert_string_equal(d.text, "عنوان\n\n\"قال\" \\ a/b\tc\nd \xF0\x9F\x98\x80");
        assert_int_equal(d.n_zones, 3);
        json_error_t jerr;
        json_t *extra = json_loadb(d.extra_json, strlen(d.extra_json), 0, &jerr);
        json_t *want = json_pack("{s:s, s:b, s:n}", "note", "x\ny", "ok", 1, "none");
        assert_true(json_equal(extra, want));
        json_decref(extra);
        json_decref(want);
    }
    /* a lone surrogate, an unknown escape, a raw tab, text after the
     * object: invalid JSON; a repeated key: the last one wins */
    for (int i = 0; i < 4; i++) {
        assert_int_equal(hd_reader_next(r, &d, &err), -1);
        assert_int_equal(err.line, 3 + i);
        assert_non_null(strstr(err.msg, "invalid JSON"));
    }
    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    assert_string_equal(d.text, "two");
    assert_int_equal(hd_reader_next(r, &d, &err), 0);
    hd_reader_close(r);
    hd_doc_free(&d);
}

static void test_fields(void **state)
{
    (void)state;
    const char *in =
        "{\"id\": 42, \"text\": \"سطر أول\\nسطر ثان\", \"lang\": \"ar\", "
        "\"tags\": [\"x\", \"y\"], \"n\": 3, \"title\": null}\n"
        "{\"id\": \"b\", \"date\": \"2018-02-17T10:30:00Z\", \"text\": \"نص\", "
        "\"title\": \"  عنوان  \", \"outlet\": \"bbc\", \"url\": \"http://x\"}\n";
    const char *path = write_tmp("fields.jsonl", in, strlen(in));
    hd_error err;
    hd_reader *r = hd_reader_open(path, HD_FMT_AUTO, &err);
    hd_doc d;
    hd_doc_init(&d);

    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    assert_string_equal(d.id, "42");
    assert_null(d.date);
    assert_string_equal(d.extra_json, "{\"lang\":\"ar\",\"tags\":[\"x\",\"y\"],\"n\":3}");
    /* no title: the text is the body alone */
    assert_string_equal(d.text, "سطر أول\nسطر ثان");
    assert_int_equal(d.body_offset, 0);
    assert_int_equal(d.title.end - d.title.start, 0);
    assert_int_equal(d.n_zones, 2);
    assert_span(&d, d.zones[1].start, d.zones[1].end, "سطر ثان");

    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    assert_string_equal(d.date, "2018-02-17");
    assert_string_equal(d.outlet, "bbc");
    assert_string_equal(d.url, "http://x");
    assert_null(d.extra_json);
    /* the title is copied verbatim; its span is trimmed */
    assert_string_equal(d.text, "  عنوان  \n\nنص");
    assert_span(&d, d.title.start, d.title.end, "عنوان");
    assert_int_equal(d.body_offset, strlen("  عنوان  ") + 2);
    assert_int_equal(hd_reader_next(r, &d, &err), 0);
    hd_reader_close(r);
    hd_doc_free(&d);
}

typedef struct {
    const char *line;
    const char *needles[2]; /* each must be in the message */
} bad_case;

/* Each bad line sits between two good ones: it fails alone. */
static void test_wrong_types(void **state)
{
    (void)state;
    static const bad_case cases[] = {
        {"{\"id\": \"x\", \"text\": 17}", {"\"text\"", "string"}},
        {"{\"id\": \"x\", \"text\": \"نص\", \"title\": {\"a\": 1}}", {"\"title\"", "an object"}},
        {"{\"id\": \"x\", \"text\": \"نص\", \"date\": \"yesterday\"}", {"\"date\"", "YYYY-MM-DD"}},
        {"{\"id\": \"x\", \"text\": \"نص\", \"date\": \"2018-02-30\"}", {"\"date\"", "2018-02-30"}},
        {"{\"id\": \"x\", \"text\": \"نص\", \"date\": 20180217}", {"\"date\"", "a number"}},
        {"{\"id\": [1], \"text\": \"نص\"}", {"\"id\"", "an array"}},
        {"{\"id\": \"x\", \"text\": \"نص\", \"outlet\": true}", {"\"outlet\"", "a boolean"}},
        {"{\"id\": \"x\", \"title\": \"عنوان\"}", {"no \"text\"", "required"}},
        {"{\"id\": \"x\", \"text\": null}", {"no \"text\"", ""}},
        {"[\"not\", \"an\", \"object\"]", {"JSON object", "an array"}},
        {"{\"id\": \"x\", \"text\": \"نص مبتور", {"invalid JSON", "column"}},
        {"{\"id\": \"x\" \"text\": \"نص\"}", {"invalid JSON", "column"}},
    };
    const char *good = "{\"id\": \"good\", \"text\": \"وقال المتحدث إن الوضع هادئ.\"}\n";
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char in[512];
        int n = snprintf(in, sizeof in, "%s%s\n%s", good, cases[i].line, good);
        const char *path = write_tmp("bad.jsonl", in, (size_t)n);
        hd_error err;
        hd_reader *r = hd_reader_open(path, HD_FMT_JSONL, &err);
        assert_non_null(r);
        hd_doc d;
        hd_doc_init(&d);
        assert_int_equal(hd_reader_next(r, &d, &err), 1);
        assert_int_equal(hd_reader_next(r, &d, &err), -1);
        assert_string_equal(err.file, path);
        assert_int_equal(err.line, 2);
        assert_int_equal(err.byte, (long long)strlen(good));
        for (int k = 0; k < 2; k++)
            if (!strstr(err.msg, cases[i].needles[k]))
                fail_msg("case %zu: message \"%s\" lacks \"%s\"", i, err.msg,
                         cases[i].needles[k]);
        assert_int_equal(hd_reader_next(r, &d, &err), 1);
        assert_string_equal(d.id, "good");
        assert_int_equal(d.source_line, 3);
        assert_int_equal(hd_reader_next(r, &d, &err), 0);
        hd_reader_close(r);
        hd_doc_free(&d);
    }
}

static void test_blank_lines_and_crlf(void **state)
{
    (void)state;
    const char *in = "\n   \n{\"id\": \"a\", \"text\": \"أ\"}\r\n\t\r\n\n"
                     "{\"id\": \"b\", \"text\": \"ب\"}\r\n\n";
    const char *path = write_tmp("blank.jsonl", in, strlen(in));
    hd_error err;
    hd_reader *r = hd_reader_open(path, HD_FMT_AUTO, &err);
    assert_int_equal(hd_reader_format(r), HD_FMT_JSONL);
    hd_doc d;
    hd_doc_init(&d);
    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    assert_string_equal(d.id, "a");
    assert_int_equal(d.source_line, 3);
    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    assert_string_equal(d.id, "b");
    assert_int_equal(d.source_line, 6);
    assert_string_equal(d.text, "ب");
    assert_int_equal(hd_reader_next(r, &d, &err), 0);
    assert_int_equal(hd_reader_next(r, &d, &err), 0);
    hd_reader_close(r);
    hd_doc_free(&d);
}

/* A 50 MB text field on one line, between two small records, the last
 * record without a final newline. */
static void test_huge_line(void **state)
{
    (void)state;
    const char *word = "القصف ";
    size_t wl = strlen(word), reps = (50u << 20) / wl + 1;
    char path[160];
    snprintf(path, sizeof path, "%s/huge.jsonl", tmpdir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("{\"id\": \"small1\", \"text\": \"قبل\"}\n", f);
    fputs("{\"id\": \"huge\", \"title\": \"عنوان\", \"text\": \"", f);
    for (size_t i = 0; i < reps; i++)
        fwrite(word, 1, wl, f);
    fputs("نهاية\"}\n{\"id\": \"small2\", \"text\": \"بعد\"}", f);
    fclose(f);

    hd_error err;
    hd_reader *r = hd_reader_open(path, HD_FMT_AUTO, &err);
    hd_doc d;
    hd_doc_init(&d);
    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    assert_string_equal(d.id, "small1");
    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    assert_string_equal(d.id, "huge");
    size_t body = reps * wl + strlen("نهاية");
    assert_int_equal(d.len, strlen("عنوان") + 2 + body);
    assert_true(d.len > (50u << 20));
    assert_int_equal(d.n_zones, 2);
    assert_int_equal(d.zones[1].end, d.len);
    assert_memory_equal(d.text + d.len - strlen("نهاية"), "نهاية", strlen("نهاية"));
    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    assert_string_equal(d.id, "small2");
    assert_int_equal(d.source_line, 3);
    assert_int_equal(hd_reader_next(r, &d, &err), 0);
    hd_reader_close(r);
    hd_doc_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus_first_record),
        cmocka_unit_test(test_corpus_all),
        cmocka_unit_test(test_corpus_agrees_with_jansson),
        cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_wrong_types),
        cmocka_unit_test(test_blank_lines_and_crlf),
        cmocka_unit_test(test_huge_line),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
