/*
 * test_model_detector.c: the trained event detector (issue 5).
 *
 * What a user relies on: feature hashing is a pure function of the text
 * (or a shipped model would mean something else tomorrow); `hadath train`
 * gives the same bytes twice; the shipped weights load and tell a real
 * bombing from football; a damaged weights file is refused with its file
 * and line; the split that keeps validation sentences out of training is
 * the one eval reports on; and --false-alarms counts what it says.
 *
 * The sentences are real: a suicide bombing in Baqubah from the ASSAULT
 * detection set (a "yes" row of the validation fifth, so the model never
 * saw it) and a coach who "will focus on attack from the first minute"
 * (الهجوم) from a BBC sport article of the 2018 corpus.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "code/code.h"
#include "eval/eval.h"
#include "model/features.h"
#include "model/model.h"
#include "testutil.h"

static const char bombing[] =
    "وقتل ما لا يقل عن 28 متطوعا في الجيش العراقي وجرح 55 شخصا اخرون منتصف "
    "يوليو (تموز) الحالي، في هجوم انتحاري مزدوج بحزامين ناسفين استهدفا مقرا "
    "للتطوع شرق بعقوبة، وفقا لمصادر امنية عراقية.";
static const char football[] =
    "وأكد المدير الفني للريال أنه سوف يركز على الهجوم من الدقيقة الأولى من "
    "المباراة على الرغم من الواقع الذي يشير إلى أن التعادل أو الهزيمة بهدف "
    "مقابل لا شيء تصل بالفريق الإسباني إلى الدور النهائي.";

static hd_lexicon *lex;

/* ------------------------------------------------------------ hashing */

static void test_hash_is_a_pure_function(void **state)
{
    (void)state;
    const char *w = "هجوم";
    uint32_t a = hd_feature_hash("s", w, strlen(w));
    assert_int_equal(a, hd_feature_hash("s", w, strlen(w)));
    /* the prefix is part of the feature, and cannot run into the string */
    assert_int_not_equal(a, hd_feature_hash("k", w, strlen(w)));
    assert_int_not_equal(hd_feature_hash("s", "ab", 2),
                         hd_feature_hash("sa", "b", 1));
}

/* Features of the bombing sentence, coded twice in two documents. */
typedef struct grab {
    uint32_t idx[4096];
    size_t n;
    double margin;
} grab;

static void grab_features(void *ud, const hd_doc *doc, size_t sentence,
                          const char *type, const uint32_t *idx, size_t n,
                          double margin)
{
    (void)doc;
    (void)sentence;
    grab *g = ud;
    if (strcmp(type, "ASSAULT") != 0 || n > 4096)
        return;
    memcpy(g->idx, idx, n * sizeof *idx);
    g->n = n;
    g->margin = margin;
}

static void features_of(const char *text, grab *g)
{
    hd_doc doc;
    hd_error err;
    hd_doc_init(&doc);
    assert_int_equal(hd_doc_set_text(&doc, text, strlen(text), &err), 0);
    assert_int_equal(hd_text_analyze(&doc, NULL, &err), 0);
    hd_code_hooks hooks = {NULL, grab_features, g};
    memset(g, 0, sizeof *g);
    assert_int_equal(hd_code_events_ex(lex, &doc, &hooks, &err), 0);
    hd_doc_free(&doc);
}

static void test_features_deterministic(void **state)
{
    (void)state;
    static grab a, b;
    features_of(bombing, &a);
    features_of(bombing, &b);
    assert_true(a.n > 50); /* words, pairs, cue groups, trigger, roles */
    assert_int_equal(a.n, b.n);
    assert_memory_equal(a.idx, b.idx, a.n * sizeof *a.idx);
    for (size_t i = 1; i < a.n; i++) /* sorted, distinct */
        assert_true(a.idx[i - 1] < a.idx[i]);
    /* the stem of the trigger word is among them */
    uint32_t tw = hd_feature_hash("tw", "هجوم", strlen("هجوم"));
    int found = 0;
    for (size_t i = 0; i < a.n; i++)
        found |= a.idx[i] == tw;
    assert_true(found);
}

/* --------------------------------------------------------- the model */

typedef struct best_p {
    double p;
} best_p;

static void keep_p(void *ud, const hd_doc *doc, const hd_decision *d)
{
    (void)doc;
    best_p *b = ud;
    if (d->c->type && strcmp(d->c->type, "ASSAULT") == 0 && d->p > b->p)
        b->p = d->p;
}

static double assault_p(const char *text)
{
    hd_doc doc;
    hd_error err;
    hd_doc_init(&doc);
    assert_int_equal(hd_doc_set_text(&doc, text, strlen(text), &err), 0);
    assert_int_equal(hd_text_analyze(&doc, NULL, &err), 0);
    best_p b = {-1.0};
    hd_code_hooks hooks = {keep_p, NULL, &b};
    hd_lexicon_set_detector(lex, HD_DETECT_BOTH); /* the rules need no p */
    assert_int_equal(hd_code_events_ex(lex, &doc, &hooks, &err), 0);
    hd_lexicon_set_detector(lex, HD_DETECT_DEFAULT);
    hd_doc_free(&doc);
    return b.p;
}

static void test_shipped_model_tells_war_from_football(void **state)
{
    (void)state;
    assert_non_null(lex->model);
    assert_int_equal(lex->model->feature_set, HD_MODEL_FEATURE_SET);
    assert_non_null(hd_model_find(lex->model, "ASSAULT"));
    assert_non_null(hd_model_find(lex->model, "PROTEST"));
    /* the bombing was not trained on: it is in the validation fifth */
    assert_int_equal(hd_eval_split_of(bombing, strlen(bombing)),
                     HD_EVAL_SPLIT_VALIDATION);
    double war = assault_p(bombing), sport = assault_p(football);
    assert_true(war >= 0 && sport >= 0); /* both have an ASSAULT candidate */
    assert_true(war > sport);
    const hd_model_type *t = hd_model_find(lex->model, "ASSAULT");
    assert_true(war >= t->threshold);
    assert_true(sport < t->threshold);
}

static void test_detector_modes(void **state)
{
    (void)state;
    hd_doc doc;
    hd_error err;
    int modes[] = {HD_DETECT_RULES, HD_DETECT_MODEL, HD_DETECT_BOTH};
    for (int m = 0; m < 3; m++) {
        assert_int_equal(hd_lexicon_set_detector(lex, modes[m]), modes[m]);
        hd_doc_init(&doc);
        hd_doc_set_text(&doc, football, strlen(football), &err);
        hd_text_analyze(&doc, NULL, &err);
        assert_int_equal(hd_code(lex, &doc, &err), 0);
        size_t assault = 0;
        for (size_t i = 0; i < doc.n_events; i++)
            assault += strcmp(doc.events[i].event_type, "ASSAULT") == 0;
        assert_int_equal(assault, 0); /* football is no attack, any mode */
        hd_doc_reset(&doc);
        hd_doc_set_text(&doc, bombing, strlen(bombing), &err);
        hd_text_analyze(&doc, NULL, &err);
        assert_int_equal(hd_code(lex, &doc, &err), 0);
        assault = 0;
        for (size_t i = 0; i < doc.n_events; i++)
            if (strcmp(doc.events[i].event_type, "ASSAULT") == 0) {
                assault++;
                /* rules say 1.0; a model gives its probability */
                if (modes[m] == HD_DETECT_RULES)
                    assert_true(doc.events[i].score == 1.0);
                else
                    assert_true(doc.events[i].score > 0 &&
                                doc.events[i].score < 1);
            }
        assert_true(assault >= 1);
        hd_doc_free(&doc);
    }
    hd_lexicon_set_detector(lex, HD_DETECT_DEFAULT);
    assert_int_equal(hd_lexicon_detector(lex), HD_DETECT_RULES);
}

/* ------------------------------------------------- a damaged weights file */

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void expect_error(const char *text, long line, const char *what)
{
    char path[] = "/tmp/hd_model_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    write_file(path, text);
    hd_model *m = (hd_model *)1;
    hd_error err;
    hd_error_clear(&err);
    assert_int_equal(hd_model_load(path, &m, &err), -1);
    assert_null(m);
    assert_string_equal(err.file, path);
    if (err.line != line || !strstr(err.msg, what))
        fail_msg("line %ld '%s', wanted line %ld '%s'", err.line, err.msg,
                 line, what);
    unlink(path);
}

static void test_corrupted_model(void **state)
{
    (void)state;
    static const char head[] = "# comment\nhadath-detector 1\nfeature-set 1\n"
                               "hash-bits 18\ntrained-on train\n";
    char buf[1024];
    /* a weight line that is not "INDEX WEIGHT" (line 12) */
    snprintf(buf, sizeof buf, "%stype ASSAULT\nexamples 10 positives 2\n"
             "bias -1\nthreshold 0.3\ncombine 0 1 0.5\nweights 2\n5 0.25\n"
             "7 zero\nend\n", head);
    expect_error(buf, 13, "INDEX WEIGHT");
    /* indices out of order */
    snprintf(buf, sizeof buf, "%stype ASSAULT\nexamples 10 positives 2\n"
             "bias -1\nthreshold 0.3\ncombine 0 1 0.5\nweights 2\n9 0.25\n"
             "7 0.5\nend\n", head);
    expect_error(buf, 13, "increase");
    /* the file ends inside the weights */
    snprintf(buf, sizeof buf, "%stype ASSAULT\nexamples 10 positives 2\n"
             "bias -1\nthreshold 0.3\ncombine 0 1 0.5\nweights 3\n9 0.25\n",
             head);
    expect_error(buf, 12, "fewer weight lines");
    /* another feature set: refused, not misread */
    expect_error("hadath-detector 1\nfeature-set 99\n", 2, "feature set");
    /* a missing file is no error: the rules decide */
    hd_model *m;
    hd_error err;
    assert_int_equal(hd_model_load("/nonexistent/hadath.detector.txt", &m,
                                   &err), 0);
    assert_null(m);
}

static void test_model_roundtrip(void **state)
{
    (void)state;
    const char *names[] = {"ASSAULT"};
    hd_model *m = hd_model_new(names, 1, 10);
    m->types[0].w[3] = 0.5f;
    m->types[0].w[1000] = -1.25f;
    m->types[0].bias = -2.0f;
    m->types[0].threshold = 0.25f;
    hd_buf out = {0};
    hd_model_write(m, &out, "test");
    char path[] = "/tmp/hd_model_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    FILE *f = fopen(path, "w");
    fwrite(out.data, 1, out.len, f);
    fclose(f);
    hd_model *back;
    hd_error err;
    assert_int_equal(hd_model_load(path, &back, &err), 1);
    assert_int_equal(back->hash_bits, 10);
    assert_true(back->types[0].w[3] == 0.5f);
    assert_true(back->types[0].w[1000] == -1.25f);
    assert_true(back->types[0].w[4] == 0.0f);
    uint32_t idx[] = {3 + (5u << 10), 1000}; /* hashes are masked */
    double p = hd_model_prob(&back->types[0], idx, 2);
    /* features are worth 1/sqrt(n): sigmoid(-2 + (0.5 - 1.25) / sqrt 2) */
    assert_true(p > 0.0737 && p < 0.0739);
    unlink(path);
    hd_buf_free(&out);
    hd_model_free(m);
    hd_model_free(back);
}

/* ----------------------------------------------- training, reproducible */

/* The first n lines of a shared file into a temporary file. */
static void head_of(const char *rel, int n, char *out, size_t cap,
                    const char *suffix)
{
    char src[1024];
    tu_shared(src, sizeof src, rel);
    snprintf(out, cap, "/tmp/hd_train_%d_%s", (int)getpid(), suffix);
    char cmd[3000];
    snprintf(cmd, sizeof cmd, "head -n %d '%s' > '%s'", n, src, out);
    assert_int_equal(system(cmd), 0);
}

static void test_training_reproducible(void **state)
{
    (void)state;
    char tsv[256], out1[300], out2[300], cmd[2000];
    head_of("eval/detect-assault-dev.tsv", 400, tsv, sizeof tsv,
            "assault.tsv");
    snprintf(out1, sizeof out1, "%s.1", tsv);
    snprintf(out2, sizeof out2, "%s.2", tsv);
    int st;
    for (int i = 0; i < 2; i++) {
        snprintf(cmd, sizeof cmd, "'%s' train --epochs 5 --out '%s' '%s' "
                 "2>&1", HD_BINARY, i ? out2 : out1, tsv);
        free(tu_run(cmd, &st));
        assert_int_equal(st, 0);
    }
    size_t n1, n2;
    char *a = tu_read_file(out1, &n1), *b = tu_read_file(out2, &n2);
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    /* it loads, and it says what it was trained on */
    assert_non_null(strstr(a, "trained-on train\n"));
    hd_model *m;
    hd_error err;
    assert_int_equal(hd_model_load(out1, &m, &err), 1);
    assert_true(m->types[0].n_train > 0);
    hd_model_free(m);
    free(a);
    free(b);
    unlink(out1);
    unlink(out2);
    unlink(tsv);
}

/* ---------------------------------------------------------- the split */

static void test_validation_never_trained(void **state)
{
    (void)state;
    /* eval's split is the function training filters with: count the
     * validation rows of both detection sets with it, and find the same
     * number in the shipped model's record of what it left out */
    long validation = 0, rows = 0;
    const char *sets[] = {"eval/detect-assault-dev.tsv",
                          "eval/detect-protest-dev.tsv"};
    for (int s = 0; s < 2; s++) {
        char path[1024];
        tu_shared(path, sizeof path, sets[s]);
        size_t n;
        char *buf = tu_read_file(path, &n);
        assert_non_null(buf);
        long lineno = 0;
        for (char *p = buf; p < buf + n;) {
            char *nl = memchr(p, '\n', (size_t)(buf + n - p));
            size_t len = nl ? (size_t)(nl - p) : (size_t)(buf + n - p);
            hd_eval_tsv_row row;
            hd_error err;
            int got = hd_eval_tsv_parse(p, len, path, ++lineno, &row, &err);
            assert_true(got >= 0);
            if (got) {
                rows++;
                int v = hd_eval_split_of(row.text, row.text_len);
                validation += v == HD_EVAL_SPLIT_VALIDATION;
                /* surrounding blanks never move a sentence across */
                char padded[8192];
                if (row.text_len + 4 < sizeof padded) {
                    snprintf(padded, sizeof padded, "  %.*s\n",
                             (int)row.text_len, row.text);
                    assert_int_equal(hd_eval_split_of(padded,
                                                      strlen(padded)), v);
                }
                assert_int_equal(hd_eval_in_split(HD_EVAL_SPLIT_TRAIN,
                                                  row.text, row.text_len),
                                 v == HD_EVAL_SPLIT_TRAIN);
            }
            p = nl ? nl + 1 : buf + n;
        }
        free(buf);
    }
    assert_int_equal(rows, 1947 + 1572);
    assert_true(validation > rows / 6 && validation < rows / 4);
    char path[1024], want[128];
    tu_repo(path, sizeof path, "data/" HD_MODEL_FILE);
    char *model = tu_read_file(path, NULL);
    assert_non_null(model);
    snprintf(want, sizeof want, "# rows %ld: %ld validation (not used)",
             rows, validation);
    assert_non_null(strstr(model, want));
    free(model);
}

/* ------------------------------------------------------ false alarms */

static void test_false_alarms_tiny_corpus(void **state)
{
    (void)state;
    char corpus[1024], jsonl[256], cmd[3000];
    tu_shared(corpus, sizeof corpus, "corpus/ant-news-ar.jsonl.gz");
    snprintf(jsonl, sizeof jsonl, "/tmp/hd_fa_%d.jsonl", (int)getpid());
    /* three real sport articles that speak of attack in football (هجوم,
     * هجمات), and one Middle East article, which is not counted */
    snprintf(cmd, sizeof cmd,
             "zcat '%s' | grep -E '\"id\": \"BB-sport-(125-20180424|"
             "13-20180209|117-20180417)\"' > '%s' && zcat '%s' | grep -m1 "
             "'\"category\": \"middleEast\"' >> '%s'",
             corpus, jsonl, corpus, jsonl);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "'%s' eval --split all --to json "
             "--detector both --false-alarms '%s' 2>/dev/null | tail -n 1",
             HD_BINARY, jsonl);
    int st;
    char *out = tu_run(cmd, &st);
    assert_int_equal(st, 0);
    json_error_t jerr;
    json_t *root = json_loads(out, 0, &jerr);
    assert_non_null(root);
    json_t *file = json_array_get(json_object_get(root, "files"), 0);
    assert_string_equal(json_string_value(json_object_get(file, "kind")),
                        "false-alarms");
    assert_int_equal(json_integer_value(json_object_get(file, "records")), 4);
    assert_int_equal(json_integer_value(json_object_get(file, "articles")),
                     3);
    json_t *sport = json_array_get(json_object_get(file, "categories"), 0);
    assert_string_equal(json_string_value(json_object_get(sport,
                                                          "category")),
                        "sport");
    assert_int_equal(json_integer_value(json_object_get(sport, "articles")),
                     3);
    /* football attacks are not assaults: no alarm */
    assert_int_equal(json_integer_value(json_object_get(sport, "assault")),
                     0);
    assert_non_null(strstr(json_string_value(json_object_get(root,
                                                             "summary")),
                           "false-alarms=0.00/100 articles"));
    json_decref(root);
    free(out);
    /* the text report lists the categories and names the split */
    snprintf(cmd, sizeof cmd, "'%s' eval --split all --detector both "
             "--false-alarms '%s' 2>/dev/null", HD_BINARY, jsonl);
    out = tu_run(cmd, &st);
    assert_int_equal(st, 0);
    char row[64];
    snprintf(row, sizeof row, "   %-12s %8d ", "sport", 3);
    assert_non_null(strstr(out, row));
    assert_non_null(strstr(out, "1 articles of other categories skipped"));
    free(out);
    unlink(jsonl);
}

static int setup(void **state)
{
    (void)state;
    char data[1024];
    hd_error err;
    tu_repo(data, sizeof data, "data");
    lex = hd_lexicon_open(data, &err);
    return lex ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    hd_lexicon_close(lex);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hash_is_a_pure_function),
        cmocka_unit_test(test_features_deterministic),
        cmocka_unit_test(test_shipped_model_tells_war_from_football),
        cmocka_unit_test(test_detector_modes),
        cmocka_unit_test(test_corrupted_model),
        cmocka_unit_test(test_model_roundtrip),
        cmocka_unit_test(test_training_reproducible),
        cmocka_unit_test(test_validation_never_trained),
        cmocka_unit_test(test_false_alarms_tiny_corpus),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
