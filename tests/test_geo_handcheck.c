/*
 * test_geo_handcheck.c: the 50 hand-checked place mentions of
 * tests/data/geo/handcheck-50.tsv, re-resolved.
 *
 * Each row was judged by reading its sentence (see the file's header). This
 * test re-reads the documents from ../shared, re-runs the resolver and asserts
 * that every mention judged right (or right at country level, "coarse")
 * still starts a place at the same byte and still resolves to the same
 * GeoNames entry: a change that breaks one of them shows here. Rows judged
 * wrong are only reported, with what they resolve to now.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geo/geo.h"
#include "testutil.h"

#define MAX_ROWS 64

typedef struct row {
    char id[96];
    char mention[128];
    char verdict[16];
    char source[64];
    uint32_t geonameid, correct, start;
    int seen;
} row;

static row rows[MAX_ROWS];
static size_t n_rows;

/* The n-th (0-based) tab field of line into out. */
static void field(const char *line, int n, char *out, size_t cap)
{
    const char *s = line;
    for (int i = 0; i < n && s; i++) {
        s = strchr(s, '\t');
        if (s)
            s++;
    }
    size_t len = 0;
    if (s)
        len = strcspn(s, "\t\n");
    if (len >= cap)
        len = cap - 1;
    memcpy(out, s ? s : "", len);
    out[len] = '\0';
}

static void load_rows(void)
{
    char path[512], num[32];
    char *text = tu_read_file(tu_repo(path, sizeof path,
                                      "tests/data/geo/handcheck-50.tsv"),
                              NULL);
    assert_non_null(text);
    for (char *line = text; line && *line;) {
        char *nl = strchr(line, '\n');
        if (*line != '#' && strncmp(line, "doc_id\t", 7) != 0 && *line != '\n') {
            assert_true(n_rows < MAX_ROWS);
            row *r = &rows[n_rows++];
            field(line, 0, r->id, sizeof r->id);
            field(line, 2, r->mention, sizeof r->mention);
            field(line, 3, num, sizeof num);
            r->geonameid = (uint32_t)strtoul(num, NULL, 10);
            field(line, 5, r->verdict, sizeof r->verdict);
            field(line, 6, num, sizeof num);
            r->correct = (uint32_t)strtoul(num, NULL, 10);
            field(line, 7, r->source, sizeof r->source);
            field(line, 8, num, sizeof num);
            r->start = (uint32_t)strtoul(num, NULL, 10);
        }
        line = nl ? nl + 1 : NULL;
    }
    free(text);
}

static const hd_place *place_at(const hd_doc *doc, uint32_t start)
{
    for (size_t k = 0; k < doc->n_places; k++)
        if (doc->places[k].span.start == start)
            return &doc->places[k];
    return NULL;
}

static int counted_right(const row *r)
{
    return strcmp(r->verdict, "right") == 0 || strcmp(r->verdict, "coarse") == 0;
}

/* Checks one row against its resolved document. */
static void check_doc(const hd_doc *doc, row *r, size_t *kept)
{
    const hd_place *p = place_at(doc, r->start);
    size_t n = strlen(r->mention);
    r->seen = 1;
    if (counted_right(r)) {
        if (!p || p->geonameid != r->geonameid)
            fprintf(stderr, "%s @%u %s: was %u, now %u\n", r->id, r->start,
                    r->mention, r->geonameid, p ? p->geonameid : 0);
        assert_non_null(p);
        assert_int_equal(p->span.end - p->span.start, n);
        assert_memory_equal(doc->text + p->span.start, r->mention, n);
        assert_int_equal(p->geonameid, r->geonameid);
        (*kept)++;
    } else {
        fprintf(stderr, "judged %s: %s %s -> now %u (correct %u)\n",
                r->verdict, r->id, r->mention, p ? p->geonameid : 0,
                r->correct);
    }
}

static void run_source(const char *source, size_t *kept)
{
    char path[512];
    hd_error err;
    hd_text_opts o;
    hd_text_opts_default(&o);
    hd_gazetteer *g = hd_gazetteer_open(HD_SOURCE_DIR "/data", &err);
    assert_non_null(g);
    hd_reader *rd = hd_reader_open(tu_shared(path, sizeof path, source),
                                   HD_FMT_AUTO, &err);
    assert_non_null(rd);
    hd_doc doc;
    hd_doc_init(&doc);
    int rc;
    while ((rc = hd_reader_next(rd, &doc, &err)) != 0) {
        if (rc < 0 || !doc.id)
            continue;
        int analysed = 0;
        for (size_t i = 0; i < n_rows; i++) {
            row *r = &rows[i];
            if (strcmp(r->source, source) != 0 || strcmp(r->id, doc.id) != 0)
                continue;
            if (!analysed) {
                assert_int_equal(hd_text_analyze(&doc, &o, &err), 0);
                assert_int_equal(hd_geo_resolve(g, &doc, &err), 0);
                analysed = 1;
            }
            check_doc(&doc, r, kept);
        }
    }
    hd_reader_close(rd);
    hd_doc_free(&doc);
    hd_gazetteer_close(g);
}

static void test_handcheck(void **state)
{
    (void)state;
    load_rows();
    assert_int_equal(n_rows, 50);
    size_t right = 0, kept = 0;
    for (size_t i = 0; i < n_rows; i++)
        right += counted_right(&rows[i]);
    run_source("corpus/ant-news-ar.jsonl.gz", &kept);
    run_source("eval/gsr-assault-dev.xml", &kept);
    run_source("eval/gsr-protest-dev.xml", &kept);
    for (size_t i = 0; i < n_rows; i++)
        assert_true(rows[i].seen);
    assert_int_equal(kept, right);
    fprintf(stderr, "handcheck: %zu of %zu right (incl. coarse), all still so\n",
            right, n_rows);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_handcheck),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
