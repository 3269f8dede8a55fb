/*
 * test_memo_share.c: the word and key memo level threads share
 * (hd_memo_share, src/code/words.c).
 *
 * The promise: a memo resting on a shared, frozen level answers exactly as
 * a memo of its own, so the events do not depend on which thread made
 * which level or when it was adopted. The test codes the first articles
 * of the ANT corpus three ways and compares the JSONL events byte for
 * byte with one doc coding them alone: two docs taking turns on one share,
 * as two threads would (each syncs before each document, so levels are
 * made and adopted on the way); then a third doc coding them all again,
 * which adopts the grown level after its first document. The threads are
 * simulated in one: what is tested is the memo, not the scheduling
 * (tests/cli/code_threads.sh runs the real threads).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "code/code.h"
#include "out/event.h"
#include "testutil.h"

/* Enough text for several levels: the first is made at 4,096 words. */
#define N_ARTICLES 300

typedef struct run {
    hd_buf out[N_ARTICLES];
    int n;
} run;

/* Codes the first N_ARTICLES articles, article i on docs[i % n_docs]
 * after a sync with s (if any); events of article i into r->out[i]. */
static void code_corpus(const hd_lexicon *lx, hd_doc *docs, int n_docs,
                        hd_memo_share *s, run *r)
{
    char path[1024];
    hd_error err;
    hd_error_clear(&err);
    hd_reader *rd = hd_reader_open(
        tu_shared(path, sizeof path, "corpus/ant-news-ar.jsonl.gz"),
        HD_FMT_AUTO, &err);
    assert_non_null(rd);
    hd_text_opts o;
    hd_text_opts_default(&o);
    for (r->n = 0; r->n < N_ARTICLES; r->n++) {
        hd_doc *d = &docs[r->n % n_docs];
        if (hd_reader_next(rd, d, &err) <= 0)
            break;
        hd_memo_share_sync(s, d);
        assert_int_equal(hd_text_analyze(d, &o, &err), 0);
        assert_int_equal(hd_code(lx, d, &err), 0);
        memset(&r->out[r->n], 0, sizeof r->out[r->n]);
        hd_out_events_jsonl(&r->out[r->n], d);
    }
    hd_reader_close(rd);
}

static void same_events(const run *a, const run *b)
{
    assert_int_equal(a->n, b->n);
    for (int i = 0; i < a->n; i++) {
        if (a->out[i].len != b->out[i].len ||
            (a->out[i].len &&
             memcmp(a->out[i].data, b->out[i].data, a->out[i].len) != 0))
            fail_msg("article %d: the events differ with a shared memo", i);
    }
}

static void run_free(run *r)
{
    for (int i = 0; i < r->n; i++)
        hd_buf_free(&r->out[i]);
}

static void shared_level_answers_as_own_memo(void **state)
{
    (void)state;
    hd_error err;
    hd_error_clear(&err);
    hd_lexicon *lx = hd_lexicon_open(HD_SOURCE_DIR "/data", &err);
    assert_non_null(lx);
    static run alone, pair, late;
    hd_doc one, two[2], third;
    hd_doc_init(&one);
    hd_doc_init(&two[0]);
    hd_doc_init(&two[1]);
    hd_doc_init(&third);
    code_corpus(lx, &one, 1, NULL, &alone);
    assert_int_equal(alone.n, N_ARTICLES);
    assert_int_equal(hd_memo_share_words(NULL), 0);

    hd_memo_share *s = hd_memo_share_new();
    assert_int_equal(hd_memo_share_words(s), 0);
    code_corpus(lx, two, 2, s, &pair);
    same_events(&alone, &pair);
    size_t words = hd_memo_share_words(s);
    assert_true(words >= 4096); /* levels were made */

    code_corpus(lx, &third, 1, s, &late);
    same_events(&alone, &late);
    assert_true(hd_memo_share_words(s) >= words);

    hd_doc_free(&one);
    hd_doc_free(&two[0]);
    hd_doc_free(&two[1]);
    hd_doc_free(&third);
    hd_memo_share_free(s); /* after the memos resting on it */
    run_free(&alone);
    run_free(&pair);
    run_free(&late);
    hd_lexicon_close(lx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shared_level_answers_as_own_memo),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
