/*
 * test_pg_payload.c: the work queue's payload (src/store/queue.c) carries a
 * document from `hadath enqueue` to `hadath worker` without changing it.
 *
 * A worker must code exactly what `hadath ingest` would have coded from the
 * input file, so every document the readers make, from every layout, must
 * come back from hd_queue_encode/hd_queue_decode field for field: metadata,
 * text bytes (also bytes that are not UTF-8, which PostgreSQL text cannot
 * hold), title, body offset, zones, captions, headings, boilerplate; the
 * store's content hash must not change (it is the queue's idempotency key
 * and the store's), and coding the copy must give the same events. Real
 * inputs: the BBC-layout article with captions and headings, Gigaword SGML,
 * ANT corpus JSONL records, the seed article. Payloads that are not ours
 * are refused with an error, never half-read. No server needed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/queue.h"
#include "store/store.h"
#include "text/utf8.h"
#include "testutil.h"

static hd_lexicon *lex;

static int open_lexicon(void **state)
{
    (void)state;
    hd_error err;
    hd_error_clear(&err);
    lex = hd_lexicon_open(HD_SOURCE_DIR "/data", &err);
    if (!lex)
        fprintf(stderr, "lexicon: %s\n", err.msg);
    return lex ? 0 : -1;
}

static int close_lexicon(void **state)
{
    (void)state;
    hd_lexicon_close(lex);
    return 0;
}

static void same_str(const char *a, const char *b)
{
    if (!a || !b)
        assert_ptr_equal(a, b);
    else
        assert_string_equal(a, b);
}

static void same_spans(const hd_span *a, const hd_span *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(a[i].start, b[i].start);
        assert_int_equal(a[i].end, b[i].end);
    }
}

/* Everything the readers set, equal. */
static void same_doc(const hd_doc *a, const hd_doc *b)
{
    same_str(a->id, b->id);
    same_str(a->date, b->date);
    same_str(a->outlet, b->outlet);
    same_str(a->url, b->url);
    same_str(a->extra_json, b->extra_json);
    same_str(a->source, b->source);
    assert_int_equal(a->source_line, b->source_line);
    assert_int_equal(a->len, b->len);
    assert_memory_equal(a->text, b->text, a->len);
    assert_int_equal(b->text[b->len], '\0');
    assert_int_equal(a->title.start, b->title.start);
    assert_int_equal(a->title.end, b->title.end);
    assert_int_equal(a->body_offset, b->body_offset);
    assert_int_equal(a->n_zones, b->n_zones);
    for (size_t i = 0; i < a->n_zones; i++) {
        assert_int_equal(a->zones[i].start, b->zones[i].start);
        assert_int_equal(a->zones[i].end, b->zones[i].end);
        assert_int_equal(a->zones[i].section, b->zones[i].section);
    }
    assert_int_equal(a->n_captions, b->n_captions);
    for (size_t i = 0; i < a->n_captions; i++) {
        same_spans(&a->captions[i].text, &b->captions[i].text, 1);
        same_spans(&a->captions[i].credit, &b->captions[i].credit, 1);
    }
    assert_int_equal(a->n_headings, b->n_headings);
    same_spans(a->headings, b->headings, a->n_headings);
    assert_int_equal(a->n_boilerplate, b->n_boilerplate);
    same_spans(a->boilerplate, b->boilerplate, a->n_boilerplate);
    assert_true(hd_store_doc_hash(a) == hd_store_doc_hash(b));
}

/* Coding both gives the same events. */
static void same_events(hd_doc *a, hd_doc *b)
{
    hd_error err;
    hd_error_clear(&err);
    assert_int_equal(hd_text_analyze(a, NULL, &err), 0);
    assert_int_equal(hd_code(lex, a, &err), 0);
    assert_int_equal(hd_text_analyze(b, NULL, &err), 0);
    assert_int_equal(hd_code(lex, b, &err), 0);
    assert_int_equal(a->n_events, b->n_events);
    for (size_t i = 0; i < a->n_events; i++) {
        const hd_event *x = &a->events[i], *y = &b->events[i];
        assert_string_equal(x->cameo, y->cameo);
        same_str(x->event_type, y->event_type);
        same_str(x->source.code, y->source.code);
        same_str(x->target.code, y->target.code);
        assert_int_equal(x->trigger.start, y->trigger.start);
        assert_int_equal(x->sentence, y->sentence);
    }
}

typedef struct seen {
    size_t docs, events, captions, headings, boilerplate;
} seen;

/* Every document of path (up to max) through the payload and back. */
static seen round_trip_file(const char *path, size_t max)
{
    seen s = {0};
    hd_error err;
    hd_error_clear(&err);
    hd_reader *r = hd_reader_open(path, HD_FMT_AUTO, &err);
    if (!r)
        fail_msg("%s: %s", path, err.msg);
    hd_doc a, b;
    hd_doc_init(&a);
    hd_doc_init(&b);
    hd_buf payload = {0};
    int rc;
    while (s.docs < max && (rc = hd_reader_next(r, &a, &err)) != 0) {
        if (rc < 0) { /* a bad record (the messy test inputs have some) */
            hd_error_clear(&err);
            continue;
        }
        hd_buf_clear(&payload);
        hd_queue_encode(&a, &payload);
        if (hd_queue_decode(payload.data, payload.len, &b, &err) != 0)
            fail_msg("%s: decode: %s", path, err.msg);
        same_doc(&a, &b);
        same_events(&a, &b);
        s.events += a.n_events;
        s.captions += a.n_captions;
        s.headings += a.n_headings;
        s.boilerplate += a.n_boilerplate;
        s.docs++;
    }
    hd_buf_free(&payload);
    hd_doc_free(&a);
    hd_doc_free(&b);
    hd_reader_close(r);
    return s;
}

static void test_bbc_layout_keeps_captions_and_headings(void **state)
{
    (void)state;
    /* the layout test_doc_plain.c reads: 2 captions, 1 heading, and
     * boilerplate kept out of the body */
    seen s = round_trip_file(HD_SOURCE_DIR "/tests/data/doc/bbc-layout.txt", 10);
    assert_int_equal(s.docs, 1);
    assert_int_equal(s.captions, 2);
    assert_int_equal(s.headings, 1);
    assert_true(s.boilerplate > 0);
}

static void test_seed_article_codes_the_same(void **state)
{
    (void)state;
    seen s = round_trip_file(HD_SOURCE_DIR "/examples/raqqa.txt", 10);
    assert_int_equal(s.docs, 1);
    /* the seed has events (README: 5 in its table), so the comparison of
     * events above compared something */
    assert_true(s.events >= 3);
}

static void test_sgml_and_jsonl_records(void **state)
{
    (void)state;
    seen s = round_trip_file(HD_SOURCE_DIR "/tests/data/doc/gigaword.sgml", 50);
    assert_true(s.docs >= 2);
    char path[1024];
    s = round_trip_file(tu_shared(path, sizeof path,
                                  "corpus/ant-news-ar.jsonl.gz"), 200);
    assert_int_equal(s.docs, 200);
    assert_true(s.events > 50);
}

/* Bytes that are not UTF-8 travel as hex and come back exactly; the
 * payload itself stays valid UTF-8 for PostgreSQL. */
static void test_invalid_utf8_survives(void **state)
{
    (void)state;
    static const char text[] = "قتل \xff\xfe شخص في الرقة.\n\xd8";
    hd_doc a, b;
    hd_doc_init(&a);
    hd_doc_init(&b);
    hd_error err;
    hd_error_clear(&err);
    assert_int_equal(hd_doc_set_text(&a, text, sizeof text - 1, &err), 0);
    a.id = "bad-bytes";
    hd_buf payload = {0};
    hd_queue_encode(&a, &payload);
    size_t bad = 0, nul = 0; /* hd_utf8_scan adds to them */
    hd_utf8_scan(payload.data, payload.len, &bad, &nul);
    assert_int_equal(bad, 0);
    assert_int_equal(nul, 0);
    assert_non_null(strstr(payload.data, "\"text_hex\""));
    assert_int_equal(hd_queue_decode(payload.data, payload.len, &b, &err), 0);
    same_doc(&a, &b);
    hd_buf_free(&payload);
    hd_doc_free(&a);
    hd_doc_free(&b);
}

static void test_foreign_payloads_refused(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "not json",
        "[1, 2]",
        "{\"v\":1,\"text\":\"x\"}",                         /* no structure */
        "{\"v\":2,\"text\":\"ab\",\"title\":[0,0],\"body\":0,\"zones\":[],"
        "\"captions\":[],\"headings\":[],\"boilerplate\":[]}", /* version */
        "{\"v\":1,\"text\":\"ab\",\"title\":[0,0],\"body\":0,"
        "\"zones\":[[0,5,2]],\"captions\":[],\"headings\":[],"
        "\"boilerplate\":[]}",                             /* zone past end */
        "{\"v\":1,\"text_hex\":\"abc\",\"title\":[0,0],\"body\":0,"
        "\"zones\":[],\"captions\":[],\"headings\":[],\"boilerplate\":[]}",
    };
    hd_doc d;
    hd_doc_init(&d);
    hd_error err;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        hd_error_clear(&err);
        assert_int_equal(hd_queue_decode(bad[i], strlen(bad[i]), &d, &err), -1);
        assert_true(strstr(err.msg, "queue payload") != NULL);
        assert_int_equal(d.len, 0); /* nothing half-read */
    }
    static const char good[] =
        "{\"v\":1,\"id\":\"ok\",\"text\":\"ab\",\"title\":[0,0],\"body\":0,"
        "\"zones\":[[0,2,2]],\"captions\":[],\"headings\":[],"
        "\"boilerplate\":[]}";
    hd_error_clear(&err);
    assert_int_equal(hd_queue_decode(good, sizeof good - 1, &d, &err), 0);
    assert_string_equal(d.id, "ok");
    assert_int_equal(d.n_zones, 1);
    hd_doc_free(&d);
}

static void test_hash_hex(void **state)
{
    (void)state;
    char hex[17];
    uint64_t h = 0;
    hd_queue_hash_hex(0xcbf29ce484222325ull, hex);
    assert_string_equal(hex, "cbf29ce484222325");
    assert_int_equal(hd_queue_hash_parse(hex, &h), 0);
    assert_true(h == 0xcbf29ce484222325ull);
    assert_int_equal(hd_queue_hash_parse("cbf29ce48422232", &h), -1);
    assert_int_equal(hd_queue_hash_parse("cbf29ce4842223250", &h), -1);
    assert_int_equal(hd_queue_hash_parse("cbf29ce48422232g", &h), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bbc_layout_keeps_captions_and_headings),
        cmocka_unit_test(test_seed_article_codes_the_same),
        cmocka_unit_test(test_sgml_and_jsonl_records),
        cmocka_unit_test(test_invalid_utf8_survives),
        cmocka_unit_test(test_foreign_payloads_refused),
        cmocka_unit_test(test_hash_hex),
    };
    return cmocka_run_group_tests(tests, open_lexicon, close_lexicon);
}
