/*
 * test_lex_coverage.c: how many gold actor and verb mentions of the span
 * gold sets (shared/eval/spans-{assault,protest}-dev.json, 222 and 172
 * sentences) a dictionary entry matches at all, with the shipped
 * dictionaries. It prints the figures (the point of the test) and checks
 * that the measurement itself holds together: every sentence read, the
 * span words found among the tokens, matched never above mentions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "eval/coverage.h"

static hd_lex *lex;

static int setup(void **state)
{
    (void)state;
    hd_error err;
    lex = hd_lex_load(HD_SOURCE_DIR "/data", NULL, &err);
    return lex ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    hd_lex_free(lex);
    return 0;
}

static void print(const char *name, const hd_coverage *c)
{
    printf("# coverage %-8s %zu sentences: actors %zu/%zu = %.1f%% "
           "(actor entries alone %.1f%%), verbs %zu/%zu = %.1f%%; "
           "span words not found among tokens %zu/%zu\n",
           name, c->sentences, c->actor_matched, c->actor_mentions,
           hd_coverage_percent(c->actor_matched, c->actor_mentions),
           hd_coverage_percent(c->actor_by_actor, c->actor_mentions),
           c->verb_matched, c->verb_mentions,
           hd_coverage_percent(c->verb_matched, c->verb_mentions),
           c->words_unfound, c->words);
}

static void check(const char *file, const char *name, size_t sentences)
{
    hd_coverage c = {0};
    hd_error err;
    char path[512];
    snprintf(path, sizeof path, "%s/eval/%s", HD_SHARED_DIR, file);
    if (hd_coverage_add_file(lex, path, &c, &err) != 0) {
        char buf[800];
        fail_msg("%s", hd_error_format(&err, buf, sizeof buf));
    }
    print(name, &c);
    assert_int_equal(c.sentences, sentences);
    assert_true(c.actor_mentions > sentences / 2);
    assert_true(c.verb_mentions > sentences / 2);
    assert_true(c.actor_matched <= c.actor_mentions);
    assert_true(c.actor_by_actor <= c.actor_matched);
    assert_true(c.verb_matched <= c.verb_mentions);
    /* span words are words of the sentence: nearly all must be found */
    assert_true(c.words_unfound * 50 < c.words);
    /* the dictionaries see a real share of the mentions */
    assert_true(c.actor_matched > 0 && c.verb_matched > 0);
}

static void test_assault(void **state)
{
    (void)state;
    check("spans-assault-dev.json", "assault", 222);
}

static void test_protest(void **state)
{
    (void)state;
    check("spans-protest-dev.json", "protest", 172);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_assault),
        cmocka_unit_test(test_protest),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
