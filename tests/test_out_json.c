/*
 * test_out_json.c: the JSON writer's numbers and keys (src/out/json.c).
 *
 * The writer formats numbers itself instead of calling printf for each (a
 * record of `hadath code` has a dozen of them), and promises the very bytes
 * printf gives: %lld for integers, %.6g for doubles. Every output file and
 * every golden test depends on that, so the test compares the two on the
 * values the records hold (coordinates with four decimals, scores, counts,
 * probabilities), on the edges of the fast path (1e-4, 1e6, values that
 * round up to a new digit, exact ties) and on a million pseudo-random
 * doubles of every magnitude.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "out/json.h"

/* What the writer gives for v as an array element: "[v]" less brackets. */
static void write_double(double v, char *out, size_t cap)
{
    hd_buf b = {NULL, 0, 0};
    hd_json j;
    hd_json_init(&j, &b);
    hd_json_double(&j, v);
    snprintf(out, cap, "%s", b.data ? b.data : "");
    hd_buf_free(&b);
}

static void expect_g6(double v)
{
    char want[64], got[64];
    if (isfinite(v))
        snprintf(want, sizeof want, "%.6g", v);
    else
        snprintf(want, sizeof want, "null");
    write_double(v, got, sizeof got);
    if (strcmp(want, got) != 0)
        fail_msg("%.17g: printf gives %s, the writer %s", v, want, got);
}

static void test_doubles_of_records(void **state)
{
    (void)state;
    /* coordinates as the gazetteer holds them, scores, counts */
    static const double v[] = {
        34.45,    115.65,  35.9528, 39.0079, -77.0369, 38.8951, 0.5,
        1,        0,       -0.0,    12,      3000,    250000,  999999,
        1000000,  1e6 + 1, 0.95,    0.0512,  1.0 / 3, 2.0 / 3, 33.3333,
        -33.3333, 51.5085, -0.1257, 0.0001,  0.00009999, 1e-5, 123456.5,
        123456.49, 999999.5, 9.999995, 9.9999949, 0.000123456789, 1e300,
        -1e-300,  NAN,     INFINITY};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        expect_g6(v[i]);
    /* every coordinate of four decimals on a coarse grid */
    for (int d = -1800000; d <= 1800000; d += 37)
        expect_g6(d / 10000.0);
}

static void test_doubles_random(void **state)
{
    (void)state;
    uint64_t x = 88172645463325252ULL;
    for (int i = 0; i < 1000000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        double mant = (double)(x >> 11) / 9007199254740992.0; /* [0, 1) */
        int exp10 = (int)(x % 17) - 8;                        /* -8 .. 8 */
        double v = mant * pow(10.0, exp10);
        expect_g6((x & 1) ? -v : v);
        /* a value with few digits, where ties and trailing zeros live */
        expect_g6((double)(int64_t)(x % 20000001) / 1000.0 - 10000.0);
    }
}

static void test_ints(void **state)
{
    (void)state;
    static const long long v[] = {0, 1, -1, 9, 10, 99, 100, 12345,
                                  -987654321, 2147483647, -2147483648LL,
                                  9223372036854775807LL,
                                  -9223372036854775807LL - 1};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        char want[32];
        hd_buf b = {NULL, 0, 0};
        hd_json j;
        hd_json_init(&j, &b);
        hd_json_int(&j, v[i]);
        snprintf(want, sizeof want, "%lld", v[i]);
        assert_string_equal(b.data, want);
        hd_buf_free(&b);
    }
}

static void test_keys_and_commas(void **state)
{
    (void)state;
    hd_buf b = {NULL, 0, 0};
    hd_json j;
    hd_json_init(&j, &b);
    hd_json_object_begin(&j);
    hd_json_key(&j, "start");
    hd_json_int(&j, 1099);
    hd_json_key(&j, "lat");
    hd_json_double(&j, 35.9528);
    hd_json_key(&j, "q\"uote");
    hd_json_bool(&j, 0);
    hd_json_key(&j, "كلمة");
    hd_json_null(&j);
    hd_json_object_end(&j);
    assert_string_equal(b.data, "{\"start\":1099,\"lat\":35.9528,"
                                "\"q\\\"uote\":false,\"كلمة\":null}");
    hd_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_doubles_of_records),
        cmocka_unit_test(test_doubles_random),
        cmocka_unit_test(test_ints),
        cmocka_unit_test(test_keys_and_commas),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
