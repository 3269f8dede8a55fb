/*
 * test_doc_robust.c: mutated inputs through every reader.
 *
 * Real inputs (the seed, the samples under tests/data/doc, a TREC file, the
 * first records of the JSONL corpus, the head of a detection TSV, the head
 * of a gold XML file) are damaged in deterministic ways (bytes flipped,
 * markup characters inserted, ranges cut, the end chopped off) and read in
 * auto-detected and in forced formats. Whatever comes out must be sound:
 * each call returns 1, 0 or -1, a document's spans lie inside its text and
 * its zones are in order, an error names the file and a line, and every
 * reader ends. Run under ASan/UBSan this is the readers' crash test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <jansson.h>

#include "hadath.h"
#include "testutil.h"

#define MUTANTS 120

static char tmpdir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/hd_doc_robust_XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static uint32_t rnd(uint32_t *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

static void check_span(const hd_doc *d, uint32_t a, uint32_t b)
{
    assert_true(a <= b);
    assert_true(b <= d->len);
}

static void check_doc(const hd_doc *d)
{
    assert_non_null(d->text);
    assert_int_equal(d->text[d->len], '\0');
    assert_non_null(d->source);
    assert_true(d->body_offset <= d->len);
    check_span(d, d->title.start, d->title.end);
    for (size_t i = 0; i < d->n_zones; i++) {
        check_span(d, d->zones[i].start, d->zones[i].end);
        assert_true(d->zones[i].start < d->zones[i].end);
        assert_true(d->zones[i].section >= HD_SEC_TITLE &&
                    d->zones[i].section <= HD_SEC_CAPTION);
        if (i)
            assert_true(d->zones[i].start >= d->zones[i - 1].end);
    }
    for (size_t i = 0; i < d->n_captions; i++) {
        check_span(d, d->captions[i].text.start, d->captions[i].text.end);
        check_span(d, d->captions[i].credit.start, d->captions[i].credit.end);
    }
    for (size_t i = 0; i < d->n_headings; i++)
        check_span(d, d->headings[i].start, d->headings[i].end);
    for (size_t i = 0; i < d->n_boilerplate; i++)
        check_span(d, d->boilerplate[i].start, d->boilerplate[i].end);
    if (d->date) {
        assert_int_equal(strlen(d->date), 10);
        assert_true(d->date[4] == '-' && d->date[7] == '-');
    }
}

static void read_all(const char *path, hd_format fmt)
{
    hd_error err;
    hd_reader *r = hd_reader_open(path, fmt, &err);
    assert_non_null(r);
    hd_doc d;
    hd_doc_init(&d);
    int rc;
    long calls = 0;
    while ((rc = hd_reader_next(r, &d, &err)) != 0) {
        assert_true(rc == 1 || rc == -1);
        assert_true(++calls < 100000);
        if (rc == 1)
            check_doc(&d);
        else {
            assert_string_equal(err.file, path);
            assert_true(err.line >= 1);
            assert_true(err.msg[0] != '\0');
        }
    }
    assert_int_equal(hd_reader_next(r, &d, &err), 0);
    hd_reader_close(r);
    hd_doc_free(&d);
}

static size_t mutate(const char *in, size_t n, char *out, uint32_t *s)
{
    static const char inserts[] = "<>&/;\n\t\"'#x{}[]:,";
    memcpy(out, in, n);
    int edits = 1 + (int)(rnd(s) % 6);
    for (int e = 0; e < edits && n > 2; e++) {
        size_t at = rnd(s) % n;
        switch (rnd(s) % 5) {
        case 0: out[at] = (char)rnd(s); break;
        case 1: out[at] = inserts[rnd(s) % (sizeof inserts - 1)]; break;
        case 2: { /* cut a range */
            size_t k = 1 + rnd(s) % 64;
            if (at + k > n) k = n - at;
            memmove(out + at, out + at + k, n - at - k);
            n -= k;
            break;
        }
        case 3: n = at + 1; break; /* chop the end */
        default: { /* duplicate a range: a record twice, a tag twice */
            size_t k = 1 + rnd(s) % 32;
            if (at + k > n) k = n - at;
            memmove(out + at + k, out + at, n - at);
            n += k;
            break;
        }
        }
    }
    return n;
}

static void fuzz(const char *data, size_t n, hd_format native, uint32_t seed)
{
    char *buf = malloc(n * 2 + 64);
    char path[128];
    snprintf(path, sizeof path, "%s/mutant", tmpdir);
    for (int m = 0; m < MUTANTS; m++) {
        size_t k = mutate(data, n, buf, &seed);
        FILE *f = fopen(path, "wb");
        fwrite(buf, 1, k, f);
        fclose(f);
        read_all(path, HD_FMT_AUTO);
        read_all(path, native);
    }
    free(buf);
}

static char *head_lines(const char *path, int lines, size_t *n)
{
    gzFile gz = gzopen(path, "rb");
    assert_non_null(gz);
    size_t cap = 1 << 20, len = 0;
    char *buf = malloc(cap);
    int got = 0;
    while (got < lines && len < cap - 1) {
        int c = gzgetc(gz);
        if (c < 0)
            break;
        buf[len++] = (char)c;
        got += c == '\n';
    }
    gzclose(gz);
    *n = len;
    return buf;
}

static void test_fuzz_files(void **state)
{
    (void)state;
    static const struct { const char *path; hd_format fmt; } files[] = {
        {HD_SHARED_DIR "/seed/raqqa.txt", HD_FMT_PLAIN},
        {HD_SOURCE_DIR "/tests/data/doc/bbc-layout.txt", HD_FMT_PLAIN},
        {HD_SOURCE_DIR "/tests/data/doc/gigaword.sgml", HD_FMT_SGML},
        {HD_SOURCE_DIR "/tests/data/doc/trec-messy.sgml", HD_FMT_SGML},
        {HD_SOURCE_DIR "/tests/data/doc/petrarch-messy.xml", HD_FMT_PETRARCH_XML},
        {HD_SHARED_DIR "/corpus/trec-sample/SK-middleEast-1-20180223.txt", HD_FMT_SGML},
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        size_t n;
        char *data = tu_read_file(files[i].path, &n);
        assert_non_null(data);
        fuzz(data, n, files[i].fmt, (uint32_t)(i + 1));
        free(data);
    }
}

static void test_fuzz_records(void **state)
{
    (void)state;
    static const struct { const char *path; int lines; hd_format fmt; } files[] = {
        {HD_SHARED_DIR "/corpus/ant-news-ar.jsonl.gz", 4, HD_FMT_JSONL},
        {HD_SHARED_DIR "/eval/detect-protest-dev.tsv", 12, HD_FMT_TSV},
        {HD_SHARED_DIR "/eval/gsr-protest-dev.xml", 30, HD_FMT_PETRARCH_XML},
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        size_t n;
        char *data = head_lines(files[i].path, files[i].lines, &n);
        fuzz(data, n, files[i].fmt, (uint32_t)(100 + i));
        free(data);
    }
}

/* For JSONL the fast path must accept exactly what jansson accepts: every
 * mutant line is parsed here with jansson too, and a line jansson rejects
 * must be a bad record, a document must come from a line jansson takes. */
static void check_jsonl_against_jansson(const char *path, const char *buf,
                                        size_t n)
{
    hd_error err;
    hd_reader *r = hd_reader_open(path, HD_FMT_JSONL, &err);
    hd_doc d;
    hd_doc_init(&d);
    size_t i = 0;
    while (i < n) {
        const char *nl = memchr(buf + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - buf) : n, len = e - i;
        const char *line = buf + i;
        i = e + 1;
        if (len && line[len - 1] == '\r')
            len--;
        size_t k = 0;
        while (k < len && strchr(" \t\r\n\f\v", line[k]) && line[k])
            k++;
        if (k == len)
            continue; /* blank: not a record */
        json_error_t jerr;
        json_t *o = json_loadb(line, len, JSON_ALLOW_NUL, &jerr);
        int rc = hd_reader_next(r, &d, &err);
        if (rc < 0 && strstr(err.msg, "binary")) {
            json_decref(o);
            break;
        }
        if (!o && rc != -1)
            fail_msg("%s: jansson rejects a line (%s) the reader took", path, jerr.text);
        if (rc == 1) {
            const char *text = json_string_value(json_object_get(o, "text"));
            assert_non_null(text);
            size_t tl = json_string_length(json_object_get(o, "text"));
            assert_true(d.len >= tl);
            assert_memory_equal(d.text + d.len - tl, text, tl);
        }
        json_decref(o);
    }
    hd_reader_close(r);
    hd_doc_free(&d);
}

static void test_fuzz_jsonl_differential(void **state)
{
    (void)state;
    static const char inserts[] = "\\u\"{}[],:0123456789abcdefDEnulltrue \t\x01\xd8\xff";
    size_t n;
    char *data = head_lines(HD_SHARED_DIR "/corpus/ant-news-ar.jsonl.gz", 3, &n);
    /* escapes the corpus lacks, so mutations can break them too */
    const char *extra = "{\"id\": \"x\", \"text\": \"\\u0627\\n\\ud83d\\ude00\\\"\\/\", "
                        "\"flag\": true, \"none\": null, \"n\": -1.5e3}\n";
    size_t xn = strlen(extra);
    data = realloc(data, n + xn);
    memcpy(data + n, extra, xn);
    n += xn;
    char *buf = malloc(n + 64 * 40);
    char path[128];
    snprintf(path, sizeof path, "%s/mutant.jsonl", tmpdir);
    uint32_t seed = 777;
    for (int m = 0; m < 400; m++) {
        memcpy(buf, data, n);
        size_t k = n;
        int edits = 1 + (int)(rnd(&seed) % 4);
        for (int e = 0; e < edits; e++) {
            size_t at = rnd(&seed) % k;
            if (rnd(&seed) % 2)
                buf[at] = inserts[rnd(&seed) % (sizeof inserts - 1)];
            else {
                memmove(buf + at + 1, buf + at, k - at);
                buf[at] = inserts[rnd(&seed) % (sizeof inserts - 1)];
                k++;
            }
        }
        FILE *f = fopen(path, "wb");
        fwrite(buf, 1, k, f);
        fclose(f);
        check_jsonl_against_jansson(path, buf, k);
    }
    free(buf);
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fuzz_files),
        cmocka_unit_test(test_fuzz_records),
        cmocka_unit_test(test_fuzz_jsonl_differential),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
