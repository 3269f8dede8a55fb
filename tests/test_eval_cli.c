/*
 * test_eval_cli.c: `hadath eval` end to end on the real dev sets.
 *
 * What is checked does not depend on how well the coder does: usage and
 * file errors and their exit codes, the summary (or the JSON object) being
 * the last line, the gold totals of detect-assault-dev.tsv (199 yes, 1,325
 * easy no + 333 difficult no, 90 ambiguous, counted with awk over the label
 * column) and of gsr-assault-dev.xml (222 <EventCoding>s), that train and
 * validation partition the rows, and that --errors lists exactly one case
 * per false positive and false negative, each with the decisions behind it
 * (candidate, pattern, rule score, model probability); and that while the
 * shipped model decides (--detector model or both), the default split is
 * validation, and the report says so.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

static char tsv[1024], xml[1024];

static char *run(const char *args, int *status)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "'%s' eval %s", HD_BINARY, args);
    char *out = tu_run(cmd, status);
    assert_non_null(out);
    return out;
}

static const char *last_line(const char *out)
{
    size_t n = strlen(out);
    assert_true(n > 0 && out[n - 1] == '\n');
    const char *p = out + n - 1;
    while (p > out && p[-1] != '\n')
        p--;
    return p;
}

static void test_usage_errors(void **state)
{
    (void)state;
    int st;
    free(run("2>/dev/null", &st));
    assert_int_equal(st, 2);
    char args[2200];
    snprintf(args, sizeof args, "--to xml '%s' 2>/dev/null", tsv);
    free(run(args, &st));
    assert_int_equal(st, 2);
    snprintf(args, sizeof args, "--split dev '%s' 2>/dev/null", tsv);
    free(run(args, &st));
    assert_int_equal(st, 2);
    char *out = run("--help", &st);
    assert_int_equal(st, 0);
    assert_non_null(strstr(out, "--split"));
    free(out);
}

static void test_file_errors(void **state)
{
    (void)state;
    int st;
    char *out = run("/nonexistent/gold.tsv 2>&1", &st);
    assert_int_equal(st, 3);
    assert_non_null(strstr(out, "/nonexistent/gold.tsv"));
    free(out);

    char path[] = "/tmp/hd_eval_cli_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    char bad_tsv[64];
    snprintf(bad_tsv, sizeof bad_tsv, "%s.tsv", path);
    FILE *f = fopen(bad_tsv, "w");
    assert_non_null(f);
    fputs("id\tevent_type\tlabel\taccept\treject\ttotal\ttext\n"
          "a1\tASSAULT\tyes\t3\t0\t3\tقتل ثلاثة جنود في هجوم.\n"
          "a2\tASSAULT\tmaybe\t1\t1\t2\tتظاهر الطلاب أمام الجامعة.\n", f);
    fclose(f);
    char args[256], want[128];
    snprintf(args, sizeof args, "'%s' 2>&1", bad_tsv);
    out = run(args, &st);
    assert_int_equal(st, 3);
    snprintf(want, sizeof want, "%s:3:", bad_tsv);
    assert_non_null(strstr(out, want));
    free(out);
    unlink(bad_tsv);
    close(fd);
    unlink(path);
}

static void test_text_report(void **state)
{
    (void)state;
    int st;
    char args[2200];
    snprintf(args, sizeof args, "--split all '%s' '%s'", tsv, xml);
    char *out = run(args, &st);
    assert_int_equal(st, 0);
    const char *last = last_line(out);
    const char *want = "summary: split=all | detect-assault-dev ASSAULT F1=";
    assert_true(strncmp(last, want, strlen(want)) == 0);
    assert_non_null(strstr(last, " | gsr-assault-dev type="));
    assert_non_null(strstr(last, " full="));
    assert_non_null(strstr(out, "== detect-assault-dev (detection TSV"));
    assert_non_null(strstr(out, "1947 rows read"));
    assert_non_null(strstr(out, "222 gold events read"));
    free(out);
}

static json_t *run_json(const char *extra, const char *file)
{
    int st;
    char args[2400];
    snprintf(args, sizeof args, "--to json %s '%s'", extra, file);
    char *out = run(args, &st);
    assert_int_equal(st, 0);
    json_error_t jerr;
    json_t *root = json_loads(last_line(out), 0, &jerr);
    if (!root)
        fail_msg("not JSON: %s", jerr.text);
    free(out);
    return root;
}

static long jint(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    assert_true(json_is_integer(v));
    return (long)json_integer_value(v);
}

static void test_json_report(void **state)
{
    (void)state;
    json_t *root = run_json("--split all", tsv);
    assert_string_equal(json_string_value(json_object_get(root, "split")),
                        "all");
    const json_t *file = json_array_get(json_object_get(root, "files"), 0);
    assert_int_equal(jint(file, "records"), 1947);
    const json_t *t = json_array_get(json_object_get(file, "types"), 0);
    assert_string_equal(json_string_value(json_object_get(t, "type")),
                        "ASSAULT");
    assert_int_equal(jint(t, "tp") + jint(t, "fn"), 199);
    assert_int_equal(jint(t, "fp") + jint(t, "tn"), 1325 + 333);
    assert_int_equal(jint(t, "ambiguous"), 90);
    assert_int_equal(jint(t, "fp_easy_no") + jint(t, "fp_difficult_no"),
                     jint(t, "fp"));
    json_decref(root);

    root = run_json("--split all", xml);
    file = json_array_get(json_object_get(root, "files"), 0);
    assert_int_equal(jint(file, "n"), 222);
    assert_true(jint(file, "full") <= jint(file, "type_source"));
    assert_true(jint(file, "type_source") <= jint(file, "type"));
    json_decref(root);
}

static void test_splits_partition(void **state)
{
    (void)state;
    long coded = 0;
    json_t *root = run_json("--split train", tsv);
    assert_string_equal(json_string_value(json_object_get(root, "split")),
                        "train");
    const json_t *file = json_array_get(json_object_get(root, "files"), 0);
    long train_out = jint(file, "out_of_split");
    coded += jint(file, "sentences");
    json_decref(root);
    root = run_json("--split validation", tsv);
    file = json_array_get(json_object_get(root, "files"), 0);
    long val_out = jint(file, "out_of_split");
    coded += jint(file, "sentences");
    assert_non_null(strstr(json_string_value(json_object_get(root, "summary")),
                           "summary: split=validation"));
    json_decref(root);
    assert_int_equal(train_out + val_out, 1947);
    assert_true(val_out > train_out); /* about a fifth is validation */
    assert_int_equal(coded, 1947 - 90); /* ambiguous rows are not coded */
}

static void test_errors_listing(void **state)
{
    (void)state;
    json_t *root = run_json("", tsv);
    const json_t *t = json_array_get(
        json_object_get(json_array_get(json_object_get(root, "files"), 0),
                        "types"), 0);
    long fp = jint(t, "fp"), fn = jint(t, "fn");
    json_decref(root);
    int st;
    char args[2200];
    snprintf(args, sizeof args, "--errors '%s'", tsv);
    char *out = run(args, &st);
    assert_int_equal(st, 0);
    long n_fp = 0, n_fn = 0;
    for (const char *p = out; *p; p = strchr(p, '\n') + 1) {
        n_fp += strncmp(p, "FP ", 3) == 0;
        n_fn += strncmp(p, "FN ", 3) == 0;
        if (!strchr(p, '\n'))
            break;
    }
    assert_int_equal(n_fp, fp);
    assert_int_equal(n_fn, fn);
    if (fn)
        assert_non_null(strstr(out, "\n  gold: ASSAULT yes\n"));
    free(out);
}

/* With the shipped model deciding, the default is the part it never saw,
 * and the report says so; the rules (the default detector) are scored on
 * all of it. */
static void test_default_split_follows_detector(void **state)
{
    (void)state;
    json_t *root = run_json("--detector both", tsv);
    assert_string_equal(json_string_value(json_object_get(root, "split")),
                        "validation");
    const json_t *file = json_array_get(json_object_get(root, "files"), 0);
    assert_string_equal(json_string_value(json_object_get(file, "detector")),
                        "both");
    assert_non_null(strstr(json_string_value(json_object_get(root, "summary")),
                           " | detector=both"));
    json_decref(root);
    root = run_json("", tsv); /* the rules decide unless asked */
    assert_string_equal(json_string_value(json_object_get(root, "split")),
                        "all");
    json_decref(root);
    int st;
    char args[2200];
    snprintf(args, sizeof args, "--detector model '%s'", tsv);
    char *out = run(args, &st);
    assert_int_equal(st, 0);
    assert_non_null(strstr(out, "detector: model, model "));
    assert_non_null(strstr(out, "scored here on: validation"));
    free(out);
    snprintf(args, sizeof args, "--detector neural '%s' 2>/dev/null", tsv);
    free(run(args, &st));
    assert_int_equal(st, 2);
}

/* --errors shows the decision behind each case: every candidate of the
 * gold type with its pattern, rule score and model probability. */
static void test_errors_show_decisions(void **state)
{
    (void)state;
    int st;
    char args[2200];
    snprintf(args, sizeof args, "--detector both --errors '%s'", tsv);
    char *out = run(args, &st);
    assert_int_equal(st, 0);
    const char *fp = strstr(out, "\nFP ");
    assert_non_null(fp);
    const char *next = strstr(fp + 1, "\nF");
    const char *cand = strstr(fp, "\n  candidate \"");
    assert_non_null(cand);
    assert_true(!next || cand < next); /* under the FP itself */
    assert_non_null(strstr(cand, " | model p="));
    assert_non_null(strstr(cand, "hadath.triggers.ar.txt:"));
    assert_non_null(strstr(cand, "accepted by both"));
    /* the next line breaks the rule score into its terms, the prior first,
     * and they add up to it (each printed to two places) */
    const char *eol = strchr(cand + 1, '\n');
    assert_non_null(eol);
    assert_memory_equal(eol, "\n    evidence: prior ", 20);
    const char *r = strstr(cand, " | rules ");
    assert_non_null(r);
    double rule = strtod(r + 9, NULL), sum = 0.0;
    int terms = 0;
    const char *end = strchr(eol + 1, '\n');
    for (const char *p = eol + 1; p && p < end; p = strpbrk(p + 1, "+-")) {
        if ((*p == '+' || *p == '-') && p[-1] == ' ' && p[1] >= '0' &&
            p[1] <= '9') {
            sum += strtod(p, NULL);
            terms++;
        }
    }
    assert_true(terms >= 2);
    assert_true(fabs(sum - rule) <= 0.005 * (terms + 1));
    free(out);
}

int main(void)
{
    tu_shared(tsv, sizeof tsv, "eval/detect-assault-dev.tsv");
    tu_shared(xml, sizeof xml, "eval/gsr-assault-dev.xml");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_usage_errors),
        cmocka_unit_test(test_file_errors),
        cmocka_unit_test(test_text_report),
        cmocka_unit_test(test_json_report),
        cmocka_unit_test(test_splits_partition),
        cmocka_unit_test(test_errors_listing),
        cmocka_unit_test(test_default_split_follows_detector),
        cmocka_unit_test(test_errors_show_decisions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
