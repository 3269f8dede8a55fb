/*
 * test_compiled_lexfile.c: the compiled lexicon (src/code/lexfile.c).
 *
 * What a user relies on: coding with the compiled file gives exactly the
 * events the text files give, on real news (the bundled Raqqa article and
 * corpus articles); the same sources compile to the same bytes; a file
 * whose sources changed is stale, not used; and a truncated or damaged
 * file is refused with an error that names the file, never a crash (the
 * file is cut at many lengths and bytes are flipped at many offsets, the
 * header's every byte among them). A forged file, whose checksums were
 * made to fit, is refused too when a count does not fit its array.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "code/code.h"
#include "code/lexfile.h"
#include "geo/gazetteer.h"
#include "lex/lex_int.h"
#include "out/event.h"

#define DATA HD_SOURCE_DIR "/data"
#define RAQQA HD_SOURCE_DIR "/examples/raqqa.txt"

/* corpus (ANT, Al Arabiya 2018): an attack, places, numbers */
static const char *const ATTACK =
    "قتل 12 شخصا وأصيب العشرات في هجوم انتحاري استهدف سوقا شعبية في "
    "مدينة الرمادي غرب العراق، بحسب ما أعلنت الشرطة العراقية. وقالت وزارة "
    "الداخلية إن تنظيم الدولة الإسلامية تبنى الهجوم.";

typedef struct fixture {
    hd_lexicon *text;
    char path[256];
    char *bytes;              /* the compiled file as written */
    size_t size;
} fixture;

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)len + 1);
    assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    buf[len] = '\0';
    *n = (size_t)len;
    return buf;
}

static void spit(const char *path, const char *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(p, 1, n, f), n);
    fclose(f);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    hd_error err;
    f->text = hd_lexicon_open_text(DATA, &err);
    assert_non_null(f->text);
    snprintf(f->path, sizeof f->path, "/tmp/hadath-test-lexfile-%ld.lex",
             (long)getpid());
    assert_int_equal(hd_lexfile_write(f->text, f->path, &f->size, &err), 0);
    size_t n;
    f->bytes = slurp(f->path, &n);
    assert_int_equal(n, f->size);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    hd_lexicon_close(f->text);
    unlink(f->path);
    free(f->bytes);
    free(f);
    return 0;
}

/* The JSONL events of text (a date, so dated actor codes apply too). */
static void code_text(const hd_lexicon *lx, const char *text, hd_buf *out)
{
    hd_doc doc;
    hd_error err;
    hd_text_opts o;
    hd_doc_init(&doc);
    hd_text_opts_default(&o);
    assert_int_equal(hd_doc_set_text(&doc, text, strlen(text), &err), 0);
    doc.date = "2017-10-15";
    assert_int_equal(hd_text_analyze(&doc, &o, &err), 0);
    assert_int_equal(hd_code(lx, &doc, &err), 0);
    hd_out_events_jsonl(out, &doc);
    hd_doc_free(&doc);
}

static void same_events_as_text(void **state)
{
    fixture *f = *state;
    hd_error err;
    int status = -1;
    hd_lexicon *lx = hd_lexfile_open(f->path, DATA, &status, &err);
    assert_non_null(lx);
    assert_int_equal(status, HD_LEXFILE_OK);
    assert_non_null(lx->map);
    size_t n;
    char *raqqa = slurp(RAQQA, &n);
    const char *texts[] = {raqqa, ATTACK};
    for (size_t i = 0; i < 2; i++) {
        hd_buf a = {0}, b = {0};
        code_text(f->text, texts[i], &a);
        code_text(lx, texts[i], &b);
        assert_true(a.len > 0); /* both texts report events */
        assert_int_equal(a.len, b.len);
        assert_memory_equal(a.data, b.data, a.len);
        hd_buf_free(&a);
        hd_buf_free(&b);
    }
    /* the Raqqa attack: SDF (SYRREB) against IS, as the text files code it */
    hd_buf c = {0};
    code_text(lx, raqqa, &c);
    assert_non_null(strstr(c.data, "\"event_type\":\"ASSAULT\""));
    assert_non_null(strstr(c.data, "\"code\":\"SYRREB\""));
    hd_buf_free(&c);
    free(raqqa);
    hd_lexicon_close(lx);
}

static void stale_when_sources_differ(void **state)
{
    fixture *f = *state;
    hd_error err;
    int status = -1;
    /* another data directory: none of the sources are where they were */
    hd_lexicon *lx = hd_lexfile_open(f->path, "/nonexistent-hadath-data",
                                     &status, &err);
    assert_null(lx);
    assert_int_equal(status, HD_LEXFILE_STALE);
    /* no data directory to check: the file itself is fine */
    lx = hd_lexfile_open(f->path, NULL, &status, &err);
    assert_non_null(lx);
    hd_lexicon_close(lx);
    lx = hd_lexfile_open("/nonexistent-hadath.lex", NULL, &status, &err);
    assert_null(lx);
    assert_int_equal(status, HD_LEXFILE_MISSING);
}

/* Opens the damaged file at path: it must be refused, with the file named. */
static void refused(const char *path, size_t n)
{
    hd_error err;
    hd_error_clear(&err);
    int status = -1;
    hd_lexicon *lx = hd_lexfile_open(path, DATA, &status, &err);
    if (lx)
        fail_msg("a damaged file (%zu bytes) was accepted", n);
    assert_true(status == HD_LEXFILE_BAD || status == HD_LEXFILE_STALE);
    assert_string_equal(err.file, path);
    assert_non_null(strstr(err.msg, "compiled lexicon"));
}

static void truncated_files_refused(void **state)
{
    fixture *f = *state;
    char path[300];
    snprintf(path, sizeof path, "%s.cut", f->path);
    size_t cuts[] = {0, 1, 8, 40, 63, 64, 65, 200, 4096, 10000,
                     f->size / 3, f->size / 2, f->size - 4096, f->size - 1};
    spit(path, f->bytes, f->size);
    for (size_t i = sizeof cuts / sizeof *cuts; i-- > 0;) { /* shorter and shorter */
        assert_int_equal(truncate(path, (off_t)cuts[i]), 0);
        refused(path, cuts[i]);
    }
    /* one byte too many is damage too */
    spit(path, f->bytes, f->size);
    FILE *x = fopen(path, "ab");
    assert_non_null(x);
    fputc('x', x);
    fclose(x);
    refused(path, f->size + 1);
    unlink(path);
}

static void flipped_bytes_refused(void **state)
{
    fixture *f = *state;
    char path[300];
    snprintf(path, sizeof path, "%s.flip", f->path);
    spit(path, f->bytes, f->size);
    FILE *x = fopen(path, "r+b");
    assert_non_null(x);
    for (size_t k = 0; k < 64 + 300; k++) {
        /* every header byte, then 300 offsets spread over the file */
        size_t at = k < 64 ? k : 64 + (k - 64) * ((f->size - 65) / 300);
        char bad = (char)(f->bytes[at] ^ (char)(1u << (k % 8)));
        fseek(x, (long)at, SEEK_SET);
        fputc(bad, x);
        fflush(x);
        refused(path, f->size);
        fseek(x, (long)at, SEEK_SET);
        fputc(f->bytes[at], x);
        fflush(x);
    }
    fclose(x);
    /* restored, it opens again: the test damaged what it meant to */
    hd_error err;
    int status;
    hd_lexicon *lx = hd_lexfile_open(path, DATA, &status, &err);
    assert_non_null(lx);
    assert_int_equal(status, HD_LEXFILE_OK);
    hd_lexicon_close(lx);
    unlink(path);
}

/* Same sources, same file: a second lexicon loaded from the same text files
 * (other heap addresses, other stack garbage) compiles to the very bytes of
 * the first, and so does the first written again. A package build or a
 * cache shared between machines relies on it, and so does the checksum. */
static void same_sources_same_bytes(void **state)
{
    fixture *f = *state;
    hd_error err;
    hd_lexicon *again = hd_lexicon_open_text(DATA, &err);
    assert_non_null(again);
    assert_ptr_not_equal(again->lex, f->text->lex);
    char path[300];
    snprintf(path, sizeof path, "%s.again", f->path);
    for (int round = 0; round < 2; round++) {
        size_t size = 0, n;
        const hd_lexicon *lx = round ? f->text : again;
        assert_int_equal(hd_lexfile_write(lx, path, &size, &err), 0);
        char *bytes = slurp(path, &n);
        assert_int_equal(n, f->size);
        assert_int_equal(size, f->size);
        size_t at = 0;
        while (at < n && bytes[at] == f->bytes[at])
            at++;
        if (at < n)
            fail_msg("round %d: the files differ first at byte %zu of %zu",
                     round, at, n);
        free(bytes);
    }
    unlink(path);
    hd_lexicon_close(again);
}

/* Where section name starts in the file: its directory entry, as
 * lexfile.c lays it out, is a 24-byte zero-padded name, then the 64-bit
 * offset and size, 8-byte aligned after the header. */
static size_t section_at(const fixture *f, const char *name)
{
    char want[24] = {0};
    snprintf(want, sizeof want, "%s", name);
    for (size_t at = 64; at + 40 <= f->size && at < 64 * 1024; at += 8)
        if (memcmp(f->bytes + at, want, sizeof want) == 0) {
            uint64_t off;
            memcpy(&off, f->bytes + at + 24, sizeof off);
            assert_true(off < f->size);
            return (size_t)off;
        }
    fail_msg("no directory entry for %s", name);
    return 0;
}

/* The file with the size_t at byte at set to v, resealed (so the checksums
 * pass and the reader's own checks must catch it), must be refused with
 * err naming the wrong section. */
static void forged_refused(const fixture *f, size_t at, uint64_t v,
                           const char *section_name)
{
    char path[300];
    snprintf(path, sizeof path, "%s.forged", f->path);
    unsigned char *b = malloc(f->size);
    memcpy(b, f->bytes, f->size);
    size_t sv = (size_t)v;
    memcpy(b + at, &sv, sizeof sv);
    assert_int_equal(hd_lexfile_reseal(b, f->size), 0);
    spit(path, (const char *)b, f->size);
    free(b);
    hd_error err;
    hd_error_clear(&err);
    int status = -1;
    hd_lexicon *lx = hd_lexfile_open(path, NULL, &status, &err);
    if (lx)
        fail_msg("a count of %llu in %s was accepted", (unsigned long long)v,
                 section_name);
    assert_int_equal(status, HD_LEXFILE_BAD);
    assert_string_equal(err.file, path);
    assert_non_null(strstr(err.msg, section_name));
    unlink(path);
}

/* A count in a struct section must match its array's size exactly. The
 * size was checked as count * record size, which wraps around: a count of
 * c + 2^61 places (56-byte records) passed for c, and the reader copied c
 * places and then read 2^61 of them (a heap overflow under ASan). The
 * checksums do not stop this: they detect damage, and a forged file
 * passes them (hd_lexfile_reseal does what a forger would). */
static void forged_counts_refused(void **state)
{
    fixture *f = *state;
    /* resealing alone changes nothing in a good file */
    unsigned char *b = malloc(f->size);
    memcpy(b, f->bytes, f->size);
    assert_int_equal(hd_lexfile_reseal(b, f->size), 0);
    assert_memory_equal(b, f->bytes, f->size);
    free(b);

    size_t gaz = section_at(f, "gaz") + offsetof(hd_gazetteer, n_places);
    uint64_t places = f->text->gaz->n_places;
    assert_true(places > 1000); /* the shipped gazetteer */
    assert_int_equal(sizeof(hd_gaz_place) % 8, 0);
    uint64_t wrap = (uint64_t)1 << (64 - 3); /* 8 * 2^61 = 2^64 */
    forged_refused(f, gaz, places + 1, "gaz.places");
    forged_refused(f, gaz, places + wrap, "gaz.places");
    forged_refused(f, gaz, UINT64_MAX, "gaz.places");

    size_t lex = section_at(f, "lex") + offsetof(hd_lex, n_actors);
    uint64_t actors = f->text->lex->n_actors;
    assert_true(actors > 1000);
    assert_int_equal(sizeof(lex_actor) % 4, 0);
    forged_refused(f, lex, actors + ((uint64_t)1 << 62), "lex.actors");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_events_as_text),
        cmocka_unit_test(same_sources_same_bytes),
        cmocka_unit_test(stale_when_sources_differ),
        cmocka_unit_test(truncated_files_refused),
        cmocka_unit_test(flipped_bytes_refused),
        cmocka_unit_test(forged_counts_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
