/*
 * test_doc_badinput.c: what the readers do with input that is broken.
 *
 * Every case must end in either a document or a clear hd_error naming the
 * file, the line and the byte offset, never a crash; and the good records
 * around a bad one must still come out.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "hadath.h"

static char tmpdir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/hd_doc_bad_XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[256];
    snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s'; rm -rf '%s'", tmpdir, tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *tmp_path(const char *name)
{
    static char path[160];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    return path;
}

static const char *write_tmp(const char *name, const void *data, size_t n)
{
    const char *path = tmp_path(name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    fclose(f);
    return path;
}

static hd_reader *open_ok(const char *path, hd_format fmt)
{
    hd_error err;
    hd_reader *r = hd_reader_open(path, fmt, &err);
    if (!r)
        fail_msg("%s: %s", path, err.msg);
    return r;
}

/* Plain text with a few invalid bytes is still text: the text layer will
 * read them as U+FFFD. */
static void test_invalid_utf8_plain(void **state)
{
    (void)state;
    const char in[] = "عنوان الخبر\n\nقال المتحدث \xff\xfe إن الوضع \xc3( هادئ.\n";
    const char *path = write_tmp("bad-utf8.txt", in, sizeof in - 1);
    hd_reader *r = open_ok(path, HD_FMT_AUTO);
    hd_doc d;
    hd_error err;
    hd_doc_init(&d);
    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    assert_int_equal(d.len, sizeof in - 1);
    assert_memory_equal(d.text, in, sizeof in - 1);
    assert_int_equal(d.n_zones, 2);
    assert_int_equal(d.zones[1].section, HD_SEC_BODY);
    assert_int_equal(hd_reader_next(r, &d, &err), 0);
    hd_reader_close(r);
    hd_doc_free(&d);
}

/* A couple of NUL bytes in a long text: a document; NUL bytes everywhere:
 * binary. */
static void test_nul_bytes(void **state)
{
    (void)state;
    char in[4096];
    size_t n = 0;
    const char *line = "وأعلنت وزارة الداخلية اعتقال عدد من المشتبه بهم.\n";
    while (n + strlen(line) < sizeof in) {
        memcpy(in + n, line, strlen(line));
        n += strlen(line);
    }
    in[100] = '\0';
    in[2000] = '\0';
    hd_reader *r = open_ok(write_tmp("few-nul.txt", in, n), HD_FMT_AUTO);
    hd_doc d;
    hd_error err;
    hd_doc_init(&d);
    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    assert_int_equal(d.len, n);
    assert_true(d.n_zones > 10);
    hd_reader_close(r);

    for (size_t i = 0; i < n; i += 50)
        in[i] = '\0';
    r = open_ok(write_tmp("many-nul.txt", in, n), HD_FMT_AUTO);
    assert_int_equal(hd_reader_next(r, &d, &err), -1);
    assert_string_equal(err.file, tmp_path("many-nul.txt"));
    assert_int_equal(err.line, 1);
    assert_int_equal(err.byte, 0);
    assert_non_null(strstr(err.msg, "looks like binary data, not text"));
    assert_non_null(strstr(err.msg, "NUL"));
    assert_int_equal(hd_reader_next(r, &d, &err), 0);
    hd_reader_close(r);
    hd_doc_free(&d);
}

/* Random bytes: one error, whatever the format asked for. */
static void test_binary_garbage(void **state)
{
    (void)state;
    unsigned char buf[20000];
    uint32_t x = 12345;
    for (size_t i = 0; i < sizeof buf; i++) {
        x = x * 1103515245u + 12345u;
        buf[i] = (unsigned char)(x >> 16);
    }
    buf[0] = '{'; /* auto-detection says JSONL */
    const char *path = write_tmp("garbage.bin", buf, sizeof buf);
    for (int fmt = HD_FMT_AUTO; fmt <= HD_FMT_TSV; fmt++) {
        hd_reader *r = open_ok(path, (hd_format)fmt);
        hd_doc d;
        hd_error err;
        hd_doc_init(&d);
        assert_int_equal(hd_reader_next(r, &d, &err), -1);
        assert_int_equal(err.line, 1);
        assert_int_equal(err.byte, 0);
        assert_non_null(strstr(err.msg, "looks like binary data, not text"));
        assert_non_null(strstr(err.msg, "UTF-8"));
        assert_int_equal(hd_reader_next(r, &d, &err), 0);
        hd_reader_close(r);
        hd_doc_free(&d);
    }
}

/* An empty file: a plain document with nothing in it (the front end may
 * warn); for record formats, no record at all. */
static void test_empty_file(void **state)
{
    (void)state;
    const char *path = write_tmp("empty.txt", "", 0);
    hd_doc d;
    hd_error err;
    hd_doc_init(&d);
    hd_reader *r = open_ok(path, HD_FMT_AUTO);
    assert_int_equal(hd_reader_format(r), HD_FMT_PLAIN);
    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    assert_string_equal(d.id, "empty.txt");
    assert_int_equal(d.len, 0);
    assert_string_equal(d.text, "");
    assert_int_equal(d.n_zones, 0);
    assert_int_equal(hd_reader_next(r, &d, &err), 0);
    hd_reader_close(r);
    for (int fmt = HD_FMT_JSONL; fmt <= HD_FMT_TSV; fmt++) {
        r = open_ok(path, (hd_format)fmt);
        assert_int_equal(hd_reader_next(r, &d, &err), 0);
        hd_reader_close(r);
    }
    hd_doc_free(&d);
}

/* 50 MB on one line with no newline at all, as plain text and as TSV. */
static void test_huge_line_no_newline(void **state)
{
    (void)state;
    const char *path = tmp_path("huge.txt");
    FILE *f = fopen(path, "wb");
    const char *word = "مظاهرة ";
    size_t wl = strlen(word), reps = (50u << 20) / wl + 1;
    for (size_t i = 0; i < reps; i++)
        fwrite(word, 1, wl, f);
    fclose(f);
    hd_reader *r = open_ok(path, HD_FMT_AUTO);
    hd_doc d;
    hd_error err;
    hd_doc_init(&d);
    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    assert_int_equal(d.len, reps * wl);
    assert_int_equal(d.n_zones, 1); /* the line is the title */
    assert_int_equal(d.zones[0].end, reps * wl - 1);
    assert_int_equal(hd_reader_next(r, &d, &err), 0);
    hd_reader_close(r);

    path = tmp_path("huge.tsv");
    f = fopen(path, "wb");
    fputs("id\tevent_type\tlabel\ttext\nbig\tPROTEST\tyes\t", f);
    for (size_t i = 0; i < reps; i++)
        fwrite(word, 1, wl, f);
    fclose(f);
    r = open_ok(path, HD_FMT_AUTO);
    assert_int_equal(hd_reader_format(r), HD_FMT_TSV);
    assert_int_equal(hd_reader_next(r, &d, &err), 1);
    assert_string_equal(d.id, "big");
    assert_int_equal(d.len, reps * wl);
    assert_int_equal(hd_reader_next(r, &d, &err), 0);
    hd_reader_close(r);
    hd_doc_free(&d);
}

/* Good and bad JSONL records interleaved, the last one cut off. */
static void test_jsonl_mixed(void **state)
{
    (void)state;
    const char in[] =
        "{\"id\": \"g1\", \"text\": \"وصل الرئيس إلى القاهرة.\"}\n"        /* 1 */
        "{\"id\": \"b1\", \"text\": 5}\n"                                   /* 2 */
        "{\"id\": \"g2\", \"text\": \"وغادر الوفد بعد الاجتماع.\"}\n"       /* 3 */
        "{\"id\": \"b2\", \"text\": \"\xff\xfe\"}\n"                        /* 4 */
        "{\"id\": \"b3\", \"text\": \"a\0b\"}\n"                            /* 5 */
        "{\"id\": \"g3\", \"text\": \"واندلعت اشتباكات في المدينة.\"}\n"    /* 6 */
        "{\"id\": \"b4\", \"text\": \"وقال";                                /* 7 */
    const char *path = write_tmp("mixed.jsonl", in, sizeof in - 1);
    hd_reader *r = open_ok(path, HD_FMT_AUTO);
    hd_doc d;
    hd_error err;
    hd_doc_init(&d);
    static const struct { int rc; const char *id; long line; const char *msg; } want[] = {
        {1, "g1", 1, NULL},
        {-1, NULL, 2, "\"text\" must be a string"},
        {1, "g2", 3, NULL},
        {-1, NULL, 4, "invalid JSON"},
        {-1, NULL, 5, "invalid JSON"},
        {1, "g3", 6, NULL},
        {-1, NULL, 7, "premature end of input"},
        {0, NULL, 0, NULL},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        int rc = hd_reader_next(r, &d, &err);
        assert_int_equal(rc, want[i].rc);
        if (rc == 1) {
            assert_string_equal(d.id, want[i].id);
            assert_int_equal(d.source_line, want[i].line);
        } else if (rc < 0) {
            long long byte = 0;
            for (long k = 1, at = 0; k < want[i].line; at++)
                if (in[at] == '\n') {
                    k++;
                    byte = at + 1;
                }
            assert_string_equal(err.file, path);
            assert_int_equal(err.line, want[i].line);
            assert_int_equal(err.byte, byte);
            if (!strstr(err.msg, want[i].msg))
                fail_msg("line %ld: \"%s\" lacks \"%s\"", want[i].line, err.msg,
                         want[i].msg);
            assert_int_equal(d.n_zones, 0); /* nothing half-built escapes */
        }
    }
    hd_reader_close(r);
    hd_doc_free(&d);
}


/* The reader's fast scan takes two-byte sequences inline: its edges must
 * accept and refuse exactly what the full UTF-8 check does. */
static void test_jsonl_two_byte_edges(void **state)
{
    (void)state;
    const char in[] =
        "{\"id\": \"g1\", \"text\": \"\xc2\x80 \xdf\xbf \xd8\xa7\"}\n" /* 1 */
        "{\"id\": \"b1\", \"text\": \"\xc0\xaf\"}\n"   /* 2 overlong '/' */
        "{\"id\": \"b2\", \"text\": \"\xc1\xbf\"}\n"   /* 3 overlong */
        "{\"id\": \"b3\", \"text\": \"\xd8\x41\"}\n"   /* 4 no continuation */
        "{\"id\": \"b4\", \"text\": \"\xd8\"}\n"       /* 5 lead, then quote */
        "{\"id\": \"b5\", \"text\": \"\xa7\xd8\"}\n"   /* 6 continuation first */
        "{\"id\": \"g2\", \"text\": \"\xd9\x85\"}\n";  /* 7 */
    const char *path = write_tmp("twobyte.jsonl", in, sizeof in - 1);
    hd_reader *r = open_ok(path, HD_FMT_AUTO);
    hd_doc d;
    hd_error err;
    hd_doc_init(&d);
    static const int want[] = {1, -1, -1, -1, -1, -1, 1, 0};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        int rc = hd_reader_next(r, &d, &err);
        assert_int_equal(rc, want[i]);
        if (rc < 0) {
            assert_int_equal(err.line, (long)i + 1);
            assert_non_null(strstr(err.msg, "invalid JSON"));
        }
    }
    hd_reader_close(r);
    hd_doc_free(&d);
}
static void test_open_errors(void **state)
{
    (void)state;
    hd_error err;
    const char *missing = tmp_path("no-such-file.jsonl");
    assert_null(hd_reader_open(missing, HD_FMT_AUTO, &err));
    assert_string_equal(err.file, missing);
    assert_non_null(strstr(err.msg, strerror(ENOENT)));

    assert_null(hd_reader_open(tmpdir, HD_FMT_AUTO, &err));
    assert_string_equal(err.file, tmpdir);
    assert_non_null(strstr(err.msg, strerror(EISDIR)));

    if (geteuid() != 0) { /* root reads anything */
        const char *locked = write_tmp("locked.txt", "نص", 4);
        chmod(locked, 0);
        assert_null(hd_reader_open(locked, HD_FMT_AUTO, &err));
        assert_non_null(strstr(err.msg, strerror(EACCES)));
    }
    assert_null(hd_reader_open(tmp_path("x"), (hd_format)99, &err));
    assert_non_null(strstr(err.msg, "format"));
}

static const char *write_gz_records(const char *name, int n)
{
    const char *path = tmp_path(name);
    gzFile gz = gzopen(path, "wb");
    assert_non_null(gz);
    for (int i = 0; i < n; i++)
        gzprintf(gz, "{\"id\": \"r%d\", \"text\": \"تظاهر آلاف المحتجين في "
                 "العاصمة للمطالبة بالإصلاح، بحسب شهود عيان. %d\"}\n", i, i * 7919);
    gzclose(gz);
    return path;
}

/* A .gz file cut in half: the records before the cut, then one read
 * error, then the end. */
static void test_truncated_gzip(void **state)
{
    (void)state;
    const char *path = write_gz_records("cut.jsonl.gz", 3000);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(truncate(path, st.st_size / 2), 0);
    hd_reader *r = open_ok(path, HD_FMT_AUTO);
    hd_doc d;
    hd_error err;
    hd_doc_init(&d);
    int rc, docs = 0, errors = 0;
    while ((rc = hd_reader_next(r, &d, &err)) != 0) {
        if (rc == 1) {
            char want[16];
            snprintf(want, sizeof want, "r%d", docs);
            assert_string_equal(d.id, want);
            docs++;
            continue;
        }
        errors++;
        assert_non_null(strstr(err.msg, "read error"));
        assert_non_null(strstr(err.msg, "truncated"));
        assert_true(err.byte > 0);
    }
    assert_int_equal(errors, 1);
    assert_true(docs > 100 && docs < 3000);
    hd_reader_close(r);
    hd_doc_free(&d);
}

/* A .gz file with its middle overwritten. */
static void test_corrupt_gzip(void **state)
{
    (void)state;
    const char *path = write_gz_records("corrupt.jsonl.gz", 3000);
    FILE *f = fopen(path, "r+b");
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, size / 2, SEEK_SET);
    for (int i = 0; i < 64; i++)
        fputc(0x55, f);
    fclose(f);
    hd_reader *r = open_ok(path, HD_FMT_AUTO);
    hd_doc d;
    hd_error err;
    hd_doc_init(&d);
    int rc, read_errors = 0, last = 1;
    while ((rc = hd_reader_next(r, &d, &err)) != 0) {
        if (rc < 0 && strstr(err.msg, "read error"))
            read_errors++;
        last = rc;
    }
    assert_int_equal(read_errors, 1);
    assert_int_equal(last, -1); /* the read error comes last */
    hd_reader_close(r);
    hd_doc_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_invalid_utf8_plain),
        cmocka_unit_test(test_nul_bytes),
        cmocka_unit_test(test_binary_garbage),
        cmocka_unit_test(test_empty_file),
        cmocka_unit_test(test_huge_line_no_newline),
        cmocka_unit_test(test_jsonl_mixed),
        cmocka_unit_test(test_jsonl_two_byte_edges),
        cmocka_unit_test(test_open_errors),
        cmocka_unit_test(test_truncated_gzip),
        cmocka_unit_test(test_corrupt_gzip),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
