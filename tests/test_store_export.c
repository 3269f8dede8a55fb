/*
 * test_store_export.c: `hadath ingest` then `hadath query` exports, checked
 * against their specifications by validators written here:
 *   - GeoJSON, RFC 7946: a FeatureCollection object with a features array;
 *     each Feature has type "Feature", a Point geometry whose coordinates
 *     are 2 or 3 numbers, longitude in [-180, 180] then latitude in
 *     [-90, 90], and a properties object (or null);
 *   - CSV, RFC 4180: CRLF records, fields quoted when they hold a comma,
 *     quote or line break, quotes doubled inside, and every record with
 *     the header's number of fields.
 * The input is the first 400 articles of the ant-news corpus.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "testutil.h"

static char db[256], input[256];

static int setup(void **state)
{
    (void)state;
    char corpus[1024], cmd[4096];
    snprintf(db, sizeof db, "/tmp/hd_test_export_%d.db", (int)getpid());
    snprintf(input, sizeof input, "/tmp/hd_test_export_%d.jsonl",
             (int)getpid());
    snprintf(cmd, sizeof cmd, "rm -f %s %s-wal %s-shm; gzip -dc %s | head -400 > %s"
             " && %s ingest --quiet --db %s %s; echo $?", db, db, db,
             tu_shared(corpus, sizeof corpus, "corpus/ant-news-ar.jsonl.gz"),
             input, HD_BINARY, db, input);
    int status;
    char *out = tu_run(cmd, &status);
    assert_non_null(out);
    assert_string_equal(out, "0\n");
    free(out);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "rm -f %s %s-wal %s-shm %s", db, db, db, input);
    int status;
    free(tu_run(cmd, &status));
    return 0;
}

static char *query(const char *args)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "%s query --db %s %s 2>/dev/null", HD_BINARY,
             db, args);
    int status;
    char *out = tu_run(cmd, &status);
    assert_non_null(out);
    assert_int_equal(status, 0);
    return out;
}

/* RFC 7946 structure; returns the number of features. lons and lats get the
 * coordinates (malloc'd) when not NULL. */
static size_t validate_geojson(const char *text, double **lons, double **lats)
{
    json_error_t jerr;
    json_t *root = json_loads(text, 0, &jerr);
    if (!root)
        fail_msg("not JSON: %s (line %d)", jerr.text, jerr.line);
    assert_true(json_is_object(root));
    assert_string_equal(json_string_value(json_object_get(root, "type")),
                        "FeatureCollection");
    json_t *features = json_object_get(root, "features");
    assert_true(json_is_array(features));
    size_t n = json_array_size(features);
    if (lons) {
        *lons = calloc(n + 1, sizeof **lons);
        *lats = calloc(n + 1, sizeof **lats);
    }
    for (size_t i = 0; i < n; i++) {
        json_t *f = json_array_get(features, i);
        assert_true(json_is_object(f));
        assert_string_equal(json_string_value(json_object_get(f, "type")),
                            "Feature");
        json_t *g = json_object_get(f, "geometry");
        assert_true(json_is_object(g));
        assert_string_equal(json_string_value(json_object_get(g, "type")),
                            "Point");
        json_t *c = json_object_get(g, "coordinates");
        assert_true(json_is_array(c));
        size_t k = json_array_size(c);
        assert_true(k == 2 || k == 3);
        for (size_t j = 0; j < k; j++)
            assert_true(json_is_number(json_array_get(c, j)));
        double lon = json_number_value(json_array_get(c, 0));
        double lat = json_number_value(json_array_get(c, 1));
        assert_true(lon >= -180 && lon <= 180);
        assert_true(lat >= -90 && lat <= 90);
        json_t *p = json_object_get(f, "properties");
        assert_true(json_is_object(p) || json_is_null(p));
        json_t *id = json_object_get(f, "id");
        assert_true(!id || json_is_string(id) || json_is_number(id));
        if (lons) {
            (*lons)[i] = lon;
            (*lats)[i] = lat;
        }
    }
    json_decref(root);
    return n;
}

static void test_events_geojson(void **state)
{
    (void)state;
    char *out = query("--to geojson");
    size_t n = validate_geojson(out, NULL, NULL);
    assert_true(n > 100);
    /* the lon/lat order: Syria's places are east of 35 and north of 32 */
    free(out);
    out = query("--to geojson --country SY");
    double *lons, *lats;
    size_t ns = validate_geojson(out, &lons, &lats);
    assert_true(ns > 5);
    for (size_t i = 0; i < ns; i++) {
        assert_true(lons[i] > 35.5 && lons[i] < 42.5);
        assert_true(lats[i] > 32.0 && lats[i] < 37.5);
    }
    free(lons);
    free(lats);
    free(out);
}

static double km(double lat1, double lon1, double lat2, double lon2)
{
    double r = M_PI / 180, dl = (lat2 - lat1) * r, dn = (lon2 - lon1) * r;
    double a = sin(dl / 2) * sin(dl / 2) +
               cos(lat1 * r) * cos(lat2 * r) * sin(dn / 2) * sin(dn / 2);
    return 2 * 6371.0088 * asin(sqrt(a));
}

/* --near keeps what is within the distance, and only that. */
static void test_near(void **state)
{
    (void)state;
    /* Damascus, 150 km: Damascus, Daraa, Beirut are in; Aleppo is not */
    char *out = query("--to geojson --near 33.51,36.29,150");
    double *lons, *lats;
    size_t n = validate_geojson(out, &lons, &lats);
    assert_true(n > 0);
    for (size_t i = 0; i < n; i++)
        assert_true(km(33.51, 36.29, lats[i], lons[i]) <= 150.001);
    free(lons);
    free(lats);
    free(out);
    char *all = query("--to geojson");
    size_t n_all = validate_geojson(all, &lons, &lats);
    size_t inside = 0;
    for (size_t i = 0; i < n_all; i++)
        inside += km(33.51, 36.29, lats[i], lons[i]) <= 150;
    assert_int_equal(inside, n);
    free(lons);
    free(lats);
    free(all);
}

static void test_incidents_geojson(void **state)
{
    (void)state;
    char *out = query("--incidents --to geojson");
    assert_true(validate_geojson(out, NULL, NULL) > 50);
    free(out);
}

/* RFC 4180: returns the number of records; every record has n_fields. */
static size_t validate_csv(const char *s, size_t *n_fields)
{
    size_t records = 0, fields = 1, want = 0;
    while (*s) {
        if (*s == '"') {
            for (s++;; s++) {
                assert_true(*s != '\0');
                if (*s == '"' && s[1] == '"')
                    s++;
                else if (*s == '"')
                    break;
            }
            s++;
            assert_true(*s == ',' || *s == '\r');
        } else {
            while (*s && *s != ',' && *s != '\r') {
                assert_true(*s != '"' && *s != '\n');
                s++;
            }
        }
        if (*s == ',') {
            fields++;
            s++;
            continue;
        }
        assert_int_equal(*s, '\r');
        assert_int_equal(s[1], '\n');
        s += 2;
        if (records++ == 0)
            want = fields;
        assert_int_equal(fields, want);
        fields = 1;
    }
    *n_fields = want;
    return records;
}

static void test_csv(void **state)
{
    (void)state;
    size_t nf;
    char *out = query("--to csv");
    size_t rows = validate_csv(out, &nf);
    assert_true(rows > 100);
    assert_true(nf >= 30);
    assert_true(strncmp(out, "id,doc_id,", 10) == 0);
    free(out);
    out = query("--incidents --to csv");
    assert_true(validate_csv(out, &nf) > 50);
    assert_int_equal(nf, 21);
    free(out);
    /* the rows agree with the JSONL count */
    out = query("--count-by type");
    long sum = 0;
    for (char *p = out; *p; p = strchr(p, '\n') + 1)
        sum += atol(strchr(p, '\t') + 1);
    free(out);
    out = query("--to csv");
    size_t csv_rows = validate_csv(out, &nf);
    assert_int_equal((long)csv_rows - 1, sum);
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_events_geojson),
        cmocka_unit_test(test_near),
        cmocka_unit_test(test_incidents_geojson),
        cmocka_unit_test(test_csv),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
