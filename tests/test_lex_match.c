/*
 * test_lex_match.c: dictionary lookups on real Arabic sentences.
 *
 * Sentences: the seed (shared/seed/raqqa.txt, BBC Arabic, 15 Oct 2017), the
 * span gold set (shared/eval/spans-protest-dev.json) and the news corpus
 * (shared/corpus/ant-news-ar.jsonl.gz), copied here as written. Dictionaries:
 * tests/data/lex/ (lines cut from the shipped files, see its README) and the
 * shipped data/ (with hadath.*.ar.txt when present). Every expectation comes from reading the sentence and the
 * dictionary line it should meet.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lex/lex.h"
#include "testutil.h"

#define LEXDATA HD_SOURCE_DIR "/tests/data/lex/"
#define PLOVER HD_SOURCE_DIR "/data/plover/CAMEO2PLOVER-2021.txt"

/* corpus, BBC Arabic 2018 */
static const char *const PENTAGON =
    "وقدمت وزارة الدفاع الأميركية، الخميس، شكوى رسمية وطلبت من بكين "
    "التحقيق في الواقعة";
/* spans-protest-dev.json */
static const char *const MALIKI =
    "وتجمع المتظاهرون الذين حملوا لافتات كتبت باللغتين العربية والانجليزية "
    "أمام مبنى المجلس المحلي في وسط البلدة، مطالبين رئيس الوزراء العراقي "
    "نوري المالكي بفتح تحقيق بشأن عملية الاعتقال هذه وإطلاق سراح المعتقلين "
    "فورا.";
static const char *const OLMERT =
    "خروج مئات الآلاف الى الشوارع متظاهرين ضد بقاء أولمرت في رئاسة الحكومة، "
    "لا يعبر عن رغبة جميع الاسرائيليين.";
/* raqqa.txt, paragraphs 2, 9 and 3 */
static const char *const RAQQA_ATTACK =
    "شنت قوات سوريا الديمقراطية المدعومة من الولايات المتحدة، هجومها الأخير "
    "على مسلحي تنظيم ما يعرف بالدولة الإسلامية في الرقة.";
static const char *const RAQQA_SIEGE =
    "وتحاصر قوات سوريا الديمقراطية، وهي تحالف يضم مقاتلين أكراد وعرب، "
    "المدينة منذ نحو أربعة أشهر.";
static const char *const RAQQA_SPOKESMAN =
    "وقال المتحدث باسم قوات سوريا الديموقراطية طلال سلو لوكالة الأنباء "
    "الفرنسية";
/* corpus */
static const char *const LAVROV =
    "واستقبل الزعيم الكوري الشمالي كيم يونغ أون وزير الخارجية الروسي سيرغي "
    "لافروف، الخميس، للمرة الأولى في بيونغ يانغ";
static const char *const DEMO =
    "ونظمت المظاهرة أمام مكتب المفوضية الأوروبية في برشلونة";

typedef struct fixture {
    hd_lex *test;   /* tests/data/lex */
    hd_lex *full;   /* data/ */
    hd_doc doc;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    hd_lex_files files = {0};
    hd_lex_files_add(&files, HD_LEXF_SYNSETS, LEXDATA "synsets.txt", 0);
    hd_lex_files_add(&files, HD_LEXF_VERBS, LEXDATA "verbs.txt", 0);
    hd_lex_files_add(&files, HD_LEXF_ACTORS, LEXDATA "actors.txt", 0);
    hd_lex_files_add(&files, HD_LEXF_AGENTS, LEXDATA "agents.txt", 0);
    hd_lex_files_add(&files, HD_LEXF_PLOVER, PLOVER, 0);
    hd_error err;
    f->test = hd_lex_load_files(&files, NULL, &err);
    f->full = hd_lex_load(HD_SOURCE_DIR "/data", NULL, &err);
    hd_doc_init(&f->doc);
    *state = f;
    return f->test && f->full ? 0 : -1;
}

static int teardown(void **state)
{
    fixture *f = *state;
    hd_lex_free(f->test);
    hd_lex_free(f->full);
    hd_doc_free(&f->doc);
    free(f);
    return 0;
}

static hd_doc *analyze(fixture *f, const char *text)
{
    hd_error err;
    hd_doc_reset(&f->doc);
    assert_int_equal(hd_doc_set_text(&f->doc, text, strlen(text), &err), 0);
    hd_text_opts o;
    hd_text_opts_default(&o);
    assert_int_equal(hd_text_analyze(&f->doc, &o, &err), 0);
    return &f->doc;
}

/* Index of the first token whose surface is word. */
static size_t tok(const hd_doc *d, const char *word)
{
    size_t n = strlen(word);
    for (size_t i = 0; i < d->n_tokens; i++)
        if (d->tokens[i].end - d->tokens[i].start == n &&
            memcmp(d->text + d->tokens[i].start, word, n) == 0)
            return i;
    fail_msg("no token '%s'", word);
    return 0;
}

static void test_lemma_actor(void **state)
{
    fixture *f = *state;
    hd_doc *d = analyze(f, PENTAGON);
    hd_lex_actor a;
    /* actors.txt 16 (actor_dict_ar_v4.txt:7) وزارة_دفاع_أميركي_ [USAGOV]:
     * الدفاع is دفاع after its article, الأميركية the lemma أميركي + ة */
    size_t i = tok(d, "وزارة");
    assert_int_equal(hd_lex_match_actor(f->test, d, i, d->n_tokens, NULL, &a),
                     3);
    assert_string_equal(a.code, "USAGOV");
    assert_string_equal(a.name, "وزارة_دفاع_أميركي_");
    assert_int_equal(a.line, 16);
    /* the shipped data: the same three words, a US code (USAGOV from
     * actor_dict_ar_v4.txt:7, unless hadath's own file has the inflected
     * phrase word for word, which then wins over the lemma) */
    assert_int_equal(hd_lex_match_actor(f->full, d, i, d->n_tokens, NULL, &a),
                     3);
    assert_memory_equal(a.code, "USA", 3);
    /* starting inside the phrase finds nothing in the test dictionary */
    assert_int_equal(hd_lex_match_actor(f->test, d, i + 1, d->n_tokens, NULL,
                                        &a), 0);
    /* a match stops at tok_end */
    assert_int_equal(hd_lex_match_actor(f->test, d, i, i + 2, NULL, &a), 0);
}

static void test_dated_codes(void **state)
{
    fixture *f = *state;
    hd_doc *d = analyze(f, MALIKI);
    size_t i = tok(d, "نوري");
    hd_lex_actor a;
    /* actors.txt 3-5 (actor_dict_ar_v4.txt 19-21): نوري_المالكي_ with
     * [IRQGOV 20101221-20140908] and [IRQELI 20140908-20161010] */
    assert_int_equal(hd_lex_match_actor(f->test, d, i, d->n_tokens,
                                        "2012-05-01", &a), 2);
    assert_string_equal(a.code, "IRQGOV");
    assert_int_equal(a.rule, HD_LEX_CODE_DATED);
    hd_lex_match_actor(f->test, d, i, d->n_tokens, "2015-03-01", &a);
    assert_string_equal(a.code, "IRQELI");
    assert_int_equal(a.rule, HD_LEX_CODE_DATED);
    /* 2008: no range covers it and there is no default: the nearest */
    hd_lex_match_actor(f->test, d, i, d->n_tokens, "2008-01-01", &a);
    assert_string_equal(a.code, "IRQGOV");
    assert_int_equal(a.rule, HD_LEX_CODE_NEAREST);
    /* no date: the most recent */
    hd_lex_match_actor(f->test, d, i, d->n_tokens, NULL, &a);
    assert_string_equal(a.code, "IRQELI");
    assert_int_equal(a.rule, HD_LEX_CODE_NEAREST);
}

static void test_alias_and_backwards_range(void **state)
{
    fixture *f = *state;
    hd_doc *d = analyze(f, OLMERT);
    size_t i = tok(d, "أولمرت");
    hd_lex_actor a;
    /* actors.txt 6-11: إيهود_اولمر_ with the alias +أولمرت (line 7) */
    assert_int_equal(hd_lex_match_actor(f->test, d, i, d->n_tokens,
                                        "2007-06-01", &a), 1);
    assert_string_equal(a.name, "إيهود_اولمر_");
    assert_string_equal(a.phrase, "أولمرت");
    assert_int_equal(a.line, 7);
    assert_string_equal(a.code, "ISRGOV"); /* [ISRGOV 20060414-20090331] */
    hd_lex_match_actor(f->test, d, i, d->n_tokens, "2004-06-01", &a);
    assert_string_equal(a.code, "ISRELI"); /* [ISRELI 20030216-20060414] */
    /* [ISRELI 20090331-18000101] is written backwards; taken swapped it
     * is the only range that covers 1990 */
    hd_lex_match_actor(f->test, d, i, d->n_tokens, "1990-01-01", &a);
    assert_string_equal(a.code, "ISRELI");
    assert_int_equal(a.rule, HD_LEX_CODE_DATED);
}

static void test_aliases_in_seed(void **state)
{
    fixture *f = *state;
    hd_lex_actor a;
    /* the seed spells the SDF two ways; actors.txt 12 and its alias 13 have
     * one key once normalization folds the loanword variant, so both
     * spellings meet the entry at line 12 */
    hd_doc *d = analyze(f, RAQQA_ATTACK);
    assert_int_equal(hd_lex_match_actor(f->test, d, tok(d, "قوات"),
                                        d->n_tokens, NULL, &a), 3);
    assert_string_equal(a.code, "SYRREB");
    assert_int_equal(a.line, 12);
    d = analyze(f, RAQQA_SPOKESMAN);
    assert_int_equal(hd_lex_match_actor(f->test, d, tok(d, "قوات"),
                                        d->n_tokens, NULL, &a), 3);
    assert_string_equal(a.code, "SYRREB");
    assert_int_equal(a.line, 12);
    assert_string_equal(a.name, "قوات_سوريا_الديمقراطية_");
}

static void test_agents(void **state)
{
    fixture *f = *state;
    hd_lex_agent g;
    /* ومقاتلين: و + مقاتل + plural ين; agents.txt 6 مقاتل [~UAF] */
    hd_doc *d = analyze(f, RAQQA_SIEGE);
    assert_int_equal(hd_lex_match_agent(f->test, d, tok(d, "مقاتلين"),
                                        d->n_tokens, &g), 1);
    assert_string_equal(g.code, "UAF");
    assert_int_equal(g.code_first, 0);
    assert_int_equal(g.line, 6);
    /* المتحدث: agents.txt 7 متحدث {متحدثون} [~SPOKES] */
    d = analyze(f, RAQQA_SPOKESMAN);
    assert_int_equal(hd_lex_match_agent(f->test, d, tok(d, "المتحدث"),
                                        d->n_tokens, &g), 1);
    assert_string_equal(g.code, "SPOKES");
    /* the shipped files agree (agents.all.ar_v3.txt:965 مقاتل [~UAF]) */
    d = analyze(f, RAQQA_SIEGE);
    assert_int_equal(hd_lex_match_agent(f->full, d, tok(d, "مقاتلين"),
                                        d->n_tokens, &g), 1);
    assert_string_equal(g.code, "UAF");
}

static void test_verbs(void **state)
{
    fixture *f = *state;
    hd_lex_verb v;
    /* وتحاصر: و + the imperfect ت + حاصر; verbs.txt 22, block [191] */
    hd_doc *d = analyze(f, RAQQA_SIEGE);
    assert_int_equal(hd_lex_match_verb(f->test, d, tok(d, "وتحاصر"),
                                       d->n_tokens, &v), 1);
    assert_string_equal(v.text, "حاصر");
    assert_string_equal(v.block_name, "حاصر");
    assert_string_equal(v.code, "191");
    assert_int_equal(v.line, 22);
    /* شنت: past + ت; verbs.txt 13, the block's null code [---] */
    d = analyze(f, RAQQA_ATTACK);
    assert_int_equal(hd_lex_match_verb(f->test, d, 0, d->n_tokens, &v), 1);
    assert_string_equal(v.text, "شن");
    assert_null(v.code);
}

static void test_pattern_slots(void **state)
{
    fixture *f = *state;
    hd_doc *d = analyze(f, RAQQA_ATTACK);
    hd_lex_verb v;
    assert_int_equal(hd_lex_match_verb(f->test, d, 0, d->n_tokens, &v), 1);
    hd_lex_pattern_hit h;
    /* verbs.txt 14: - * $ {&ATTACK أخير} (على +) [190]: the source is the
     * SDF (3 tokens from 1), هجومها الأخير is {&ATTACK أخير}, على opens the
     * target slot, filled with the word after it (مسلحي, no entry) */
    assert_int_equal(hd_lex_match_pattern(f->test, d, &d->sentences[0], 0, 1,
                                          &v, NULL, &h), 1);
    assert_string_equal(h.code_active, "190");
    assert_string_equal(h.code_passive, "190");
    assert_int_equal(h.line, 14);
    assert_int_equal(h.source_tok, 1);
    assert_int_equal(h.source_len, 3);
    assert_int_equal(h.target_tok, (long)tok(d, "مسلحي"));
    assert_int_equal(h.target_len, 1);
    assert_int_equal(h.compound_tok, -1);
}

static void test_pattern_active_passive(void **state)
{
    fixture *f = *state;
    hd_doc *d = analyze(f, LAVROV);
    hd_lex_verb v;
    assert_int_equal(hd_lex_match_verb(f->test, d, 0, d->n_tokens, &v), 1);
    assert_string_equal(v.code, "043");
    hd_lex_pattern_hit h;
    /* verbs.txt 19: - * {وزير خارجية} [043:042] */
    assert_int_equal(hd_lex_match_pattern(f->test, d, &d->sentences[0], 0, 1,
                                          &v, NULL, &h), 1);
    assert_string_equal(h.code_active, "043");
    assert_string_equal(h.code_passive, "042");
    assert_int_equal(h.line, 19);
}

static void test_pattern_filter(void **state)
{
    fixture *f = *state;
    hd_doc *d = analyze(f, DEMO);
    hd_lex_verb v;
    assert_int_equal(hd_lex_match_verb(f->test, d, 0, d->n_tokens, &v), 1);
    assert_string_equal(v.text, "نظم");
    hd_lex_pattern_hit h;
    /* verbs.txt 9: - * مظاهرة [141] # نظم */
    assert_int_equal(hd_lex_match_pattern(f->test, d, &d->sentences[0], 0, 1,
                                          &v, NULL, &h), 1);
    assert_string_equal(h.code_active, "141");
    assert_int_equal(h.line, 9);
    hd_plover p;
    assert_int_equal(hd_lex_cameo_to_plover(f->test, h.code_active, &p), 1);
    assert_string_equal(p.type, "PROTEST");
    assert_string_equal(p.mode, "demo");
    /* the shipped dictionary codes the same sentence the same way
     * (CAMEO.ar.0.5.txt, block رتب: - * مظاهرة [141] # نظم) */
    assert_int_equal(hd_lex_match_verb(f->full, d, 0, d->n_tokens, &v), 1);
    assert_int_equal(hd_lex_match_pattern(f->full, d, &d->sentences[0], 0, 1,
                                          &v, NULL, &h), 1);
    assert_string_equal(h.code_active, "141");
}

/* The seed with the shipped dictionaries: a few matches read off the text
 * and the files. */
static void test_seed(void **state)
{
    fixture *f = *state;
    char path[512];
    char *text = tu_read_file(tu_shared(path, sizeof path, "seed/raqqa.txt"),
                              NULL);
    assert_non_null(text);
    hd_doc *d = analyze(f, text);
    hd_lex_actor a;
    hd_lex_agent g;
    hd_lex_verb v;
    /* الولايات المتحدة: ولاية_متحد_ [USA] (actor_dict_ar_v4.txt:299) */
    size_t i = tok(d, "الولايات");
    assert_int_equal(hd_lex_match_actor(f->full, d, i, d->n_tokens,
                                        "2017-10-15", &a), 2);
    assert_string_equal(a.code, "USA");
    /* الرقة [SYR] */
    i = tok(d, "الرقة");
    assert_int_equal(hd_lex_match_actor(f->full, d, i, d->n_tokens,
                                        "2017-10-15", &a), 1);
    assert_string_equal(a.code, "SYR");
    /* سوريين (paragraph 6): nisba plural of سوري, a country adjective */
    i = tok(d, "سوريين");
    assert_int_equal(hd_lex_match_actor(f->full, d, i, d->n_tokens,
                                        "2017-10-15", &a), 1);
    assert_string_equal(a.code, "SYR");
    /* المدنيين: مدني [~CVL] */
    i = tok(d, "المدنيين");
    assert_int_equal(hd_lex_match_agent(f->full, d, i, d->n_tokens, &g), 1);
    assert_string_equal(g.code, "CVL");
    /* رفضوا الاتفاق (paragraph 5): verb رفض, pattern - * اتفاق [120] */
    i = tok(d, "رفضوا");
    assert_int_equal(hd_lex_match_verb(f->full, d, i, d->n_tokens, &v), 1);
    assert_string_equal(v.text, "رفض");
    size_t s = 0;
    while (d->sentences[s].tok_first + d->sentences[s].tok_count <= i)
        s++;
    hd_lex_pattern_hit h;
    assert_int_equal(hd_lex_match_pattern(f->full, d, &d->sentences[s], i, 1,
                                          &v, "2017-10-15", &h), 1);
    assert_string_equal(h.code_active, "120");
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lemma_actor),
        cmocka_unit_test(test_dated_codes),
        cmocka_unit_test(test_alias_and_backwards_range),
        cmocka_unit_test(test_aliases_in_seed),
        cmocka_unit_test(test_agents),
        cmocka_unit_test(test_verbs),
        cmocka_unit_test(test_pattern_slots),
        cmocka_unit_test(test_pattern_active_passive),
        cmocka_unit_test(test_pattern_filter),
        cmocka_unit_test(test_seed),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
