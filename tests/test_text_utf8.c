/* test_text_utf8.c: the decoder's policy (maximal subparts, offsets kept)
 * and how invalid bytes and NUL bytes surface in an analysed document. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "doc/doc.h"
#include "hadath.h"
#include "text/utf8.h"

/* Decodes all of s, writing code points and lengths; returns the count. */
static size_t decode_all(const char *s, size_t n, uint32_t *cps, size_t *lens)
{
    size_t i = 0, k = 0;
    while (i < n) {
        lens[k] = hd_utf8_decode(s, n, i, &cps[k]);
        i += lens[k++];
    }
    return k;
}

static void valid_sequences(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(hd_utf8_decode("A", 1, 0, &cp), 1);
    assert_int_equal(cp, 0x41);
    assert_int_equal(hd_utf8_decode("\xD8\xA8", 2, 0, &cp), 2); /* ب */
    assert_int_equal(cp, 0x628);
    assert_int_equal(hd_utf8_decode("\xE2\x82\xAC", 3, 0, &cp), 3); /* € */
    assert_int_equal(cp, 0x20AC);
    assert_int_equal(hd_utf8_decode("\xF0\x9F\x98\x80", 4, 0, &cp), 4);
    assert_int_equal(cp, 0x1F600);
    /* the last scalar values of each length */
    assert_int_equal(hd_utf8_decode("\xDF\xBF", 2, 0, &cp), 2);
    assert_int_equal(cp, 0x7FF);
    assert_int_equal(hd_utf8_decode("\xEF\xBF\xBF", 3, 0, &cp), 3);
    assert_int_equal(cp, 0xFFFF);
    assert_int_equal(hd_utf8_decode("\xF4\x8F\xBF\xBF", 4, 0, &cp), 4);
    assert_int_equal(cp, 0x10FFFF);
    /* NUL is a character like any other here */
    assert_int_equal(hd_utf8_decode("\0x", 2, 0, &cp), 1);
    assert_int_equal(cp, 0);
}

/* Unicode 15, section 3.9, Table 3-8: one U+FFFD per maximal subpart. */
static void maximal_subparts(void **state)
{
    (void)state;
    const char s[] = "\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64";
    const uint32_t want[] = {0x61, 0xFFFD, 0xFFFD, 0xFFFD, 0x62, 0xFFFD,
                             0x63, 0xFFFD, 0xFFFD, 0x64};
    const size_t want_len[] = {1, 3, 2, 1, 1, 1, 1, 1, 1, 1};
    uint32_t cps[16];
    size_t lens[16];
    size_t k = decode_all(s, sizeof s - 1, cps, lens);
    assert_int_equal(k, 10);
    for (size_t i = 0; i < k; i++) {
        assert_int_equal(cps[i], want[i]);
        assert_int_equal(lens[i], want_len[i]);
    }
}

static void ill_formed_leads(void **state)
{
    (void)state;
    uint32_t cps[16];
    size_t lens[16];
    /* overlong NUL and overlong slash: lead alone, then stray bytes */
    assert_int_equal(decode_all("\xC0\x80", 2, cps, lens), 2);
    assert_int_equal(decode_all("\xE0\x80\xAF", 3, cps, lens), 3);
    assert_int_equal(cps[0], 0xFFFD);
    assert_int_equal(lens[0], 1);
    /* a surrogate, U+D800 */
    assert_int_equal(decode_all("\xED\xA0\x80", 3, cps, lens), 3);
    assert_int_equal(cps[0], 0xFFFD);
    /* above U+10FFFF, and bytes that never appear */
    assert_int_equal(decode_all("\xF4\x90\x80\x80", 4, cps, lens), 4);
    assert_int_equal(decode_all("\xF5\xFE\xFF", 3, cps, lens), 3);
    /* truncated: ب cut at the end of the input, and a 3-byte lead before a
     * space (lead + one good continuation = one subpart) */
    assert_int_equal(decode_all("\xD8", 1, cps, lens), 1);
    assert_int_equal(cps[0], 0xFFFD);
    assert_int_equal(decode_all("\xE4\xB8 ", 3, cps, lens), 2);
    assert_int_equal(lens[0], 2);
    assert_int_equal(cps[1], ' ');
}

static void literal_replacement_is_valid(void **state)
{
    (void)state;
    const char *s = "\xEF\xBF\xBD";
    uint32_t cp;
    size_t len = hd_utf8_decode(s, 3, 0, &cp);
    assert_int_equal(cp, 0xFFFD);
    assert_false(hd_utf8_was_invalid(s, 0, len, cp));
    len = hd_utf8_decode("\xFF", 1, 0, &cp);
    assert_true(hd_utf8_was_invalid("\xFF", 0, len, cp));
}

static void scan_counts(void **state)
{
    (void)state;
    size_t bad = 0, nul = 0;
    const char s[] = "\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64";
    hd_utf8_scan(s, sizeof s - 1, &bad, &nul);
    assert_int_equal(bad, 6);
    assert_int_equal(nul, 0);
    bad = nul = 0;
    hd_utf8_scan("a\0b\0\0", 5, &bad, &nul);
    assert_int_equal(nul, 3);
    assert_int_equal(bad, 0);
}

static void encode_round_trip(void **state)
{
    (void)state;
    const uint32_t cps[] = {0x41, 0x628, 0x20AC, 0xFDF2, 0x1F600, 0x10FFFF};
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        char b[4];
        uint32_t back;
        size_t n = hd_utf8_encode(cps[i], b);
        assert_int_equal(hd_utf8_decode(b, n, 0, &back), n);
        assert_int_equal(back, cps[i]);
    }
}

static const hd_token *find_token(const hd_doc *d, const char *surface)
{
    size_t n = strlen(surface);
    for (size_t i = 0; i < d->n_tokens; i++)
        if (d->tokens[i].end - d->tokens[i].start == n &&
            memcmp(d->text + d->tokens[i].start, surface, n) == 0)
            return &d->tokens[i];
    return NULL;
}

/* A seed sentence with a broken byte, a NUL and a cut letter in it: the
 * words around them come out whole, at their original offsets. */
static void invalid_bytes_in_a_document(void **state)
{
    (void)state;
    /* وقال المتحدث طلال سلو<NUL>لوكالة الأنباء <FF>الفرنسية <D8> */
    const char text[] = "\xD9\x88\xD9\x82\xD8\xA7\xD9\x84 "
                        "\xD8\xA7\xD9\x84\xD9\x85\xD8\xAA\xD8\xAD\xD8\xAF\xD8\xAB "
                        "\xD8\xB7\xD9\x84\xD8\xA7\xD9\x84 \xD8\xB3\xD9\x84\xD9\x88"
                        "\0"
                        "\xD9\x84\xD9\x88\xD9\x83\xD8\xA7\xD9\x84\xD8\xA9 "
                        "\xD8\xA7\xD9\x84\xD8\xA3\xD9\x86\xD8\xA8\xD8\xA7\xD8\xA1 "
                        "\xFF\xD8\xA7\xD9\x84\xD9\x81\xD8\xB1\xD9\x86\xD8\xB3\xD9\x8A\xD8\xA9 "
                        "\xD8";
    hd_doc d;
    hd_error err;
    hd_text_opts o;
    hd_doc_init(&d);
    hd_text_opts_default(&o);
    assert_int_equal(hd_doc_set_text(&d, text, sizeof text - 1, &err), 0);
    assert_int_equal(hd_text_analyze(&d, &o, &err), 0);
    assert_int_equal(d.n_nul, 1);
    assert_int_equal(d.n_invalid_utf8, 2); /* FF, and the lone D8 at the end */
    /* the text is not changed: same length, same bytes */
    assert_int_equal(d.len, sizeof text - 1);
    assert_memory_equal(d.text, text, sizeof text - 1);

    const hd_token *salu = find_token(&d, "\xD8\xB3\xD9\x84\xD9\x88");
    const hd_token *liwakala = find_token(
        &d, "\xD9\x84\xD9\x88\xD9\x83\xD8\xA7\xD9\x84\xD8\xA9");
    const hd_token *french = find_token(
        &d, "\xD8\xA7\xD9\x84\xD9\x81\xD8\xB1\xD9\x86\xD8\xB3\xD9\x8A\xD8\xA9");
    assert_non_null(salu);
    assert_non_null(liwakala);
    assert_non_null(french);
    /* NUL separates like a space */
    assert_int_equal(liwakala->start, salu->end + 1);
    assert_true(liwakala->space_before);
    /* the bad byte is a symbol of its own, keyed U+FFFD, just before */
    const hd_token *bad = french - 1;
    assert_int_equal(bad->kind, HD_TOK_SYMBOL);
    assert_int_equal(bad->end - bad->start, 1);
    assert_int_equal((unsigned char)d.text[bad->start], 0xFF);
    assert_string_equal(bad->key, "\xEF\xBF\xBD");
    assert_int_equal(bad->end, french->start);
    /* the last token is the cut letter */
    const hd_token *last = &d.tokens[d.n_tokens - 1];
    assert_int_equal(last->kind, HD_TOK_SYMBOL);
    assert_int_equal(last->start, sizeof text - 2);
    hd_doc_free(&d);
}

/* Bytes outside every zone are counted too. */
static void counts_cover_text_between_zones(void **state)
{
    (void)state;
    const char text[] = "\xD8\xAF\xD8\xAE\xD8\xA7\xD9\x86\n\xFE\0\n"
                        "\xD8\xA8\xD8\xB4\xD8\xB1\xD9\x8A\xD8\xA9";
    hd_doc d;
    hd_error err;
    hd_doc_init(&d);
    assert_int_equal(hd_doc_set_text(&d, text, sizeof text - 1, &err), 0);
    d.n_zones = 0; /* keep only the two words: دخان, بشرية */
    hd_doc_add_zone(&d, 0, 8, HD_SEC_TITLE);
    hd_doc_add_zone(&d, 12, 22, HD_SEC_BODY);
    assert_int_equal(hd_text_analyze(&d, NULL, &err), 0);
    assert_int_equal(d.n_tokens, 2);
    assert_int_equal(d.n_invalid_utf8, 1);
    assert_int_equal(d.n_nul, 1);
    hd_doc_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_sequences),
        cmocka_unit_test(maximal_subparts),
        cmocka_unit_test(ill_formed_leads),
        cmocka_unit_test(literal_replacement_is_valid),
        cmocka_unit_test(scan_counts),
        cmocka_unit_test(encode_round_trip),
        cmocka_unit_test(invalid_bytes_in_a_document),
        cmocka_unit_test(counts_cover_text_between_zones),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
