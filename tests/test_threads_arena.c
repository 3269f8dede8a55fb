/*
 * test_threads_arena.c: coding must not depend on what a reused document
 * held before.
 *
 * With --threads, each thread's reused document has coded a different
 * series of articles, so any read of arena memory the coder did not write
 * makes the output depend on the thread count. That happened: anaphora.c
 * checked new mentions against the old mention array, whose slots past its
 * end were whatever an earlier article had left there (found when
 * `hadath code --threads 2` differed from --threads 1 on the ANT corpus, at
 * BB-middleEast-324-20180410: البلدة in "التي كانت تسيطر على البلدة" took
 * Russia's code, or not, depending on the previous articles).
 *
 * The test codes real articles twice in one reused hd_doc: once after
 * filling the arena with zeros, once after filling it with a pattern that
 * reads as "every token is covered" (first = 0, end = 0xFFFFFFFF), and
 * requires the same actors and events both times.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hadath.h"
#include "testutil.h"

#define ARENA_FILL (256 * 1024) /* the first block, which reset keeps */

static hd_lexicon *lex;

static int setup(void **state)
{
    (void)state;
    hd_error err;
    lex = hd_lexicon_open(HD_SOURCE_DIR "/data", &err);
    return lex ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    hd_lexicon_close(lex);
    return 0;
}

/* Fills the memory the next document will get from the arena. */
static void fill_arena(hd_doc *doc, int pattern)
{
    hd_arena_reset(doc->arena);
    uint32_t *p = hd_arena_alloc(doc->arena, ARENA_FILL);
    for (size_t i = 0; i < ARENA_FILL / 4; i++)
        p[i] = pattern ? (i % 2 ? 0xFFFFFFFFu : 0u) : 0u;
    hd_arena_reset(doc->arena);
}

/* One article's coding, as text to compare. */
static char *coding(hd_doc *doc, const hd_doc *src, int pattern)
{
    hd_error err;
    fill_arena(doc, pattern);
    hd_doc_reset(doc);
    assert_int_equal(hd_doc_set_text(doc, src->text, src->len, &err), 0);
    doc->date = src->date;
    assert_int_equal(hd_text_analyze(doc, NULL, &err), 0);
    assert_int_equal(hd_code(lex, doc, &err), 0);
    size_t cap = 256 + 160 * (doc->n_actors + doc->n_events);
    char *s = malloc(cap);
    size_t n = (size_t)snprintf(s, cap, "%zu actors, %zu events\n",
                                doc->n_actors, doc->n_events);
    for (size_t i = 0; i < doc->n_actors && n < cap; i++) {
        const hd_actor *a = &doc->actors[i];
        n += (size_t)snprintf(s + n, cap - n, "a %u-%u %s\n", a->span.start,
                              a->span.end, a->code ? a->code : "-");
    }
    for (size_t i = 0; i < doc->n_events && n < cap; i++) {
        const hd_event *e = &doc->events[i];
        n += (size_t)snprintf(s + n, cap - n, "e %u %s %u-%u %s %s\n",
                              e->sentence, e->cameo, e->trigger.start,
                              e->trigger.end,
                              e->source.code ? e->source.code : "-",
                              e->target.code ? e->target.code : "-");
    }
    return s;
}

static void test_coding_ignores_old_arena_contents(void **state)
{
    (void)state;
    char corpus[512];
    tu_shared(corpus, sizeof corpus, "corpus/ant-news-ar.jsonl.gz");
    hd_error err;
    hd_reader *r = hd_reader_open(corpus, HD_FMT_JSONL, &err);
    assert_non_null(r);
    hd_doc src, doc;
    hd_doc_init(&src);
    hd_doc_init(&doc);
    int rc, seen_324 = 0;
    size_t n = 0, with_actors = 0;
    while ((rc = hd_reader_next(r, &src, &err)) != 0) {
        assert_int_equal(rc, 1);
        n++;
        int is_324 = src.id && strcmp(src.id, "BB-middleEast-324-20180410") == 0;
        /* every 8th article of the first 2,600, and the one that showed it */
        if (n % 8 && !is_324)
            continue;
        char *zero = coding(&doc, &src, 0);
        char *poison = coding(&doc, &src, 1);
        if (strcmp(zero, poison) != 0)
            fail_msg("%s codes differently after other arena contents:\n"
                     "--- zero-filled\n%s--- pattern-filled\n%s",
                     src.id, zero, poison);
        with_actors += strncmp(zero, "0 actors", 8) != 0;
        free(zero);
        free(poison);
        if (is_324) {
            seen_324 = 1;
            break;
        }
    }
    hd_reader_close(r);
    hd_doc_free(&src);
    hd_doc_free(&doc);
    assert_true(seen_324);
    assert_true(with_actors > 100); /* the test looked at real codings */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_coding_ignores_old_arena_contents),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
