/*
 * test_store_search.c: the store on real articles of the ant-news corpus:
 * Arabic full-text search through hadath's FTS5 tokenizer, idempotent and
 * replacing ingest, and the round trip from the store back to the event
 * record `hadath code` writes.
 *
 * The articles were picked by reading them: AL-internationalNews-487 has
 * the word only as والديمقراطية (Lebanon's "التعددية والديمقراطية"),
 * BB-middleEast-70 only as بالديمقراطية (Bahrain's protesters "مطالبين
 * بالديمقراطية"), AL-internationalNews-1037 has احتجاج only in the plural
 * الاحتجاجات (Palestinian protests before Nakba day), and the corpus's
 * first article (Damascus Gate, باب العامود) none of them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/buf.h"
#include "out/event.h"
#include "store/store.h"
#include "testutil.h"

#define DEMOCRACY_WA "AL-internationalNews-487-20180316"
#define DEMOCRACY_BI "BB-middleEast-70-20180221"
#define PROTESTS "AL-internationalNews-1037-20180507"
#define GATE "AL-internationalNews-10-20180217"

static const char *const wanted[] = {DEMOCRACY_WA, DEMOCRACY_BI, PROTESTS,
                                     GATE};
enum { N_WANTED = 4 };

typedef struct fixture {
    hd_lexicon *lex;
    char db[256];
} fixture;

/* Reads the wanted articles from the corpus, codes them, hands each to fn. */
static void each_wanted(fixture *f, void (*fn)(fixture *, hd_doc *, void *),
                        void *arg)
{
    char path[1024];
    hd_error err;
    hd_error_clear(&err);
    hd_reader *r = hd_reader_open(
        tu_shared(path, sizeof path, "corpus/ant-news-ar.jsonl.gz"),
        HD_FMT_JSONL, &err);
    assert_non_null(r);
    hd_doc doc;
    hd_doc_init(&doc);
    int found = 0, rc;
    while (found < N_WANTED && (rc = hd_reader_next(r, &doc, &err)) != 0) {
        if (rc < 0)
            continue;
        int want = 0;
        for (int i = 0; i < N_WANTED; i++)
            want |= doc.id && strcmp(doc.id, wanted[i]) == 0;
        if (!want)
            continue;
        assert_int_equal(hd_text_analyze(&doc, NULL, &err), 0);
        assert_int_equal(hd_code(f->lex, &doc, &err), 0);
        fn(f, &doc, arg);
        found++;
    }
    assert_int_equal(found, N_WANTED);
    hd_doc_free(&doc);
    hd_reader_close(r);
}

static void store_one(fixture *f, hd_doc *doc, void *arg)
{
    (void)f;
    hd_store *s = arg;
    hd_error err;
    hd_error_clear(&err);
    uint64_t h = hd_store_doc_hash(doc);
    assert_int_equal(hd_store_article_state(s, doc->id, h, &err),
                     HD_ARTICLE_NEW);
    assert_int_equal(hd_store_put_doc(s, doc, h, NULL, &err), 0);
    assert_int_equal(hd_store_article_state(s, doc->id, h, &err),
                     HD_ARTICLE_SAME);
}

static hd_store *make_store(fixture *f, int light)
{
    snprintf(f->db, sizeof f->db, "/tmp/hd_test_store_%d_%d.db",
             (int)getpid(), light);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "%s", f->db);
    unlink(f->db);
    snprintf(cmd, sizeof cmd, "%s-wal", f->db);
    unlink(cmd);
    hd_store_opts o;
    hd_store_opts_default(&o);
    o.light_stem = light;
    hd_error err;
    hd_error_clear(&err);
    hd_store *s = hd_store_open(f->db, &o, &err);
    assert_non_null(s);
    assert_int_equal(hd_store_begin(s, &err), 0);
    each_wanted(f, store_one, s);
    assert_int_equal(hd_store_commit(s, &err), 0);
    return s;
}

static void drop_store(fixture *f, hd_store *s)
{
    hd_store_close(s);
    char p[300];
    unlink(f->db);
    snprintf(p, sizeof p, "%s-wal", f->db);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", f->db);
    unlink(p);
}

typedef struct hits {
    char ids[16][64];
    char snippets[16][1024];
    int n;
} hits;

static int collect(void *ctx, const hd_search_hit *h)
{
    hits *x = ctx;
    if (x->n < 16) {
        snprintf(x->ids[x->n], sizeof x->ids[0], "%s", h->doc_id);
        snprintf(x->snippets[x->n], sizeof x->snippets[0], "%s", h->snippet);
        x->n++;
    }
    return 0;
}

static int hit_index(const hits *x, const char *id)
{
    for (int i = 0; i < x->n; i++)
        if (strcmp(x->ids[i], id) == 0)
            return i;
    return -1;
}

static void search(hd_store *s, const char *q, hits *x)
{
    hd_error err;
    hd_error_clear(&err);
    memset(x, 0, sizeof *x);
    assert_int_equal(hd_store_search(s, q, 20, collect, x, &err), 0);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    char data[1024];
    hd_error err;
    hd_error_clear(&err);
    f->lex = hd_lexicon_open(tu_repo(data, sizeof data, "data"), &err);
    assert_non_null(f->lex);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    hd_lexicon_close(f->lex);
    free(f);
    return 0;
}

/* ديمقراطية finds والديمقراطية and بالديمقراطية, and the snippet marks
 * the article's own word. */
static void test_clitics_found(void **state)
{
    fixture *f = *state;
    hd_store *s = make_store(f, 0);
    hits x;
    search(s, "ديمقراطية", &x);
    int wa = hit_index(&x, DEMOCRACY_WA), bi = hit_index(&x, DEMOCRACY_BI);
    assert_true(wa >= 0);
    assert_true(bi >= 0);
    assert_true(hit_index(&x, GATE) < 0);
    assert_non_null(strstr(x.snippets[wa], "[والديمقراطية]"));
    assert_non_null(strstr(x.snippets[bi], "[بالديمقراطية]"));
    /* without light stemming, the singular does not reach the plural */
    search(s, "احتجاج", &x);
    assert_true(hit_index(&x, PROTESTS) < 0);
    drop_store(f, s);
}

/* With light stemming احتجاج finds الاحتجاجات. */
static void test_light_stem(void **state)
{
    fixture *f = *state;
    hd_store *s = make_store(f, 1);
    hits x;
    search(s, "احتجاج", &x);
    int i = hit_index(&x, PROTESTS);
    assert_true(i >= 0);
    assert_non_null(strstr(x.snippets[i], "[الاحتجاجات]"));
    search(s, "ديمقراطية", &x);
    assert_true(hit_index(&x, DEMOCRACY_WA) >= 0);
    assert_true(hit_index(&x, DEMOCRACY_BI) >= 0);
    /* words that appear in no article find nothing */
    search(s, "كنغر", &x);
    assert_int_equal(x.n, 0);
    drop_store(f, s);
}

/* A stored article read back writes the lines hadath code wrote. */
typedef struct roundtrip {
    hd_store *s;
    int checked;
} roundtrip;

static void compare_one(fixture *f, hd_doc *doc, void *arg)
{
    (void)f;
    roundtrip *rt = arg;
    hd_buf want = {0}, got = {0};
    hd_out_events_jsonl(&want, doc);
    hd_stmt *st = hd_sql_prepare(hd_store_sql(rt->s),
                                 "SELECT id FROM articles WHERE doc_id = ?",
                                 NULL);
    assert_non_null(st);
    hd_stmt_bind_text(st, 1, doc->id, (size_t)-1);
    assert_int_equal(hd_stmt_step(st, NULL), 1);
    int64_t id = hd_stmt_int64(st, 0);
    hd_stmt_finalize(st);
    hd_doc back;
    hd_doc_init(&back);
    int64_t *ids = NULL;
    hd_error err;
    hd_error_clear(&err);
    assert_int_equal(hd_store_load_doc(rt->s, id, &back, &ids, &err), 0);
    assert_int_equal(back.n_events, doc->n_events);
    hd_out_events_jsonl(&got, &back);
    assert_string_equal(got.data ? got.data : "", want.data ? want.data : "");
    rt->checked += doc->n_events > 0;
    free(ids);
    hd_doc_free(&back);
    hd_buf_free(&want);
    hd_buf_free(&got);
}

static void test_round_trip(void **state)
{
    fixture *f = *state;
    roundtrip rt = {make_store(f, 1), 0};
    each_wanted(f, compare_one, &rt);
    assert_true(rt.checked >= 2); /* at least two of them have events */
    drop_store(f, rt.s);
}

/* Same id and content: skipped; changed content: replaced, not added. */
static void test_changed_article(void **state)
{
    fixture *f = *state;
    hd_store *s = make_store(f, 1);
    hd_error err;
    hd_error_clear(&err);
    hd_store_counts before, after;
    assert_int_equal(hd_store_counts_get(s, &before, &err), 0);
    assert_int_equal(before.articles, N_WANTED);

    /* The Nakba-day article, with its last paragraph gone: a correction. */
    char path[1024];
    hd_reader *r = hd_reader_open(
        tu_shared(path, sizeof path, "corpus/ant-news-ar.jsonl.gz"),
        HD_FMT_JSONL, &err);
    hd_doc doc;
    hd_doc_init(&doc);
    while (hd_reader_next(r, &doc, &err) == 1)
        if (doc.id && strcmp(doc.id, PROTESTS) == 0)
            break;
    hd_reader_close(r);
    assert_string_equal(doc.id, PROTESTS);
    const char *cut = strstr(doc.text, "ومن المتوقع أن تبلغ الاحتجاجات");
    assert_non_null(cut);
    char *shorter = strndup(doc.text, (size_t)(cut - doc.text));
    char *id = strdup(doc.id), *date = strdup(doc.date);
    assert_int_equal(hd_doc_set_text(&doc, shorter, strlen(shorter), &err), 0);
    doc.id = id;
    doc.date = date;
    assert_int_equal(hd_text_analyze(&doc, NULL, &err), 0);
    assert_int_equal(hd_code(f->lex, &doc, &err), 0);
    uint64_t h = hd_store_doc_hash(&doc);
    assert_int_equal(hd_store_article_state(s, id, h, &err),
                     HD_ARTICLE_CHANGED);
    hd_store_put put;
    assert_int_equal(hd_store_begin(s, &err), 0);
    assert_int_equal(hd_store_put_doc(s, &doc, h, &put, &err), 0);
    assert_int_equal(hd_store_commit(s, &err), 0);
    assert_int_equal(put.replaced, 1);
    assert_int_equal(hd_store_counts_get(s, &after, &err), 0);
    assert_int_equal(after.articles, before.articles);
    assert_int_equal(hd_store_check_complete(s, &err), 0);
    /* the cut paragraph held the only الاحتجاجات: the index forgot it */
    hits x;
    search(s, "احتجاج", &x);
    assert_true(hit_index(&x, PROTESTS) < 0);
    char msg[256];
    assert_int_equal(hd_store_check(s, msg, sizeof msg, &err), 0);
    free(shorter);
    free(id);
    free(date);
    hd_doc_free(&doc);
    drop_store(f, s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clitics_found),
        cmocka_unit_test(test_light_stem),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_changed_article),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
