/*
 * test_number.c: the number parser (src/text/number.c) on real news.
 *
 * tests/data/numbers/news.tsv holds excerpts of the ANT corpus and of the
 * seed with every number expression in them worked out by hand (value,
 * bounds, qualifier and the exact words). The test reads each excerpt as a
 * caller would (hd_number_at at each token, skipping what a number took) and
 * requires exactly the listed expressions: one missing, one with other words
 * or values, or one extra (أحد المسلحين read as 1, الحادي عشر as 10, a score
 * 2-1 as a range) fails.
 *
 * The other tests pin down the forms the excerpts do not all show (every
 * gender and case form, the digit formats, the overflow rule), the API
 * around the parser (end bound, post qualifiers), and run the parser at every
 * token of a slice of the corpus checking what every result must satisfy.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hadath.h"
#include "testutil.h"
#include "text/number.h"

#define NEWS HD_SOURCE_DIR "/tests/data/numbers/news.tsv"
#define CORPUS HD_SHARED_DIR "/corpus/ant-news-ar.jsonl.gz"

static void analyse(hd_doc *doc, const char *text)
{
    hd_error err;
    hd_text_opts o;
    hd_text_opts_default(&o);
    hd_doc_reset(doc);
    assert_int_equal(hd_doc_set_text(doc, text, strlen(text), &err), 0);
    assert_int_equal(hd_text_analyze(doc, &o, &err), 0);
}

/* Reads the numbers of a doc as a caller would: try each token, and after a
 * number go on after it. Returns how many were found (at most cap kept). */
static size_t scan(const hd_doc *doc, hd_number *out, size_t cap)
{
    size_t found = 0;
    for (size_t i = 0; i < doc->n_tokens;) {
        hd_number n;
        size_t k = hd_number_at(doc, i, doc->n_tokens, &n);
        if (!k) {
            i++;
            continue;
        }
        if (found < cap)
            out[found] = n;
        found++;
        i += k;
    }
    return found;
}

static int span_is(const hd_doc *doc, const hd_number *n, const char *s)
{
    size_t l = strlen(s);
    return n->end - n->start == l && memcmp(doc->text + n->start, s, l) == 0;
}

static double num_field(const char *s)
{
    return strcmp(s, "inf") == 0 ? INFINITY : strtod(s, NULL);
}

static void assert_close(double got, double want, const char *what,
                         const char *where)
{
    int ok = isinf(want) ? isinf(got) && got > 0
                         : fabs(got - want) <= 1e-9 * fmax(1, fabs(want));
    if (!ok)
        fail_msg("%s: %s is %.17g, expected %.17g", where, what, got, want);
}

typedef struct row {
    char *id, *text, *span, *value, *min, *max, *qual;
} row;

/* Splits the 7 tab-separated fields of line in place. */
static int split_row(char *line, row *r)
{
    char **f[] = {&r->id, &r->text, &r->span, &r->value,
                  &r->min, &r->max, &r->qual};
    for (size_t k = 0; k < 7; k++) {
        *f[k] = line;
        char *tab = strchr(line, k < 6 ? '\t' : '\n');
        if (!tab && k < 6)
            return 0;
        if (tab) {
            *tab = '\0';
            line = tab + 1;
        }
    }
    return 1;
}

static void test_news_excerpts(void **state)
{
    (void)state;
    size_t len;
    char *data = tu_read_file(NEWS, &len);
    assert_non_null(data);
    row rows[200];
    size_t n_rows = 0;
    for (char *line = data; line && *line;) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (*line && *line != '#') {
            assert_true(n_rows < 200);
            assert_true(split_row(line, &rows[n_rows]));
            n_rows++;
        }
        line = next;
    }
    assert_true(n_rows >= 25);

    hd_doc doc;
    hd_doc_init(&doc);
    size_t texts = 0, numbers = 0, nones = 0;
    for (size_t r = 0; r < n_rows; r++) {
        /* each distinct text once, with all its rows */
        int seen = 0;
        for (size_t p = 0; p < r; p++)
            seen |= strcmp(rows[p].text, rows[r].text) == 0;
        if (seen)
            continue;
        texts++;
        analyse(&doc, rows[r].text);
        hd_number got[16];
        size_t n_got = scan(&doc, got, 16), expected = 0;
        char where[160];
        snprintf(where, sizeof where, "%s (news.tsv row %zu)", rows[r].id,
                 r + 1);
        for (size_t p = r; p < n_rows; p++) {
            const row *w = &rows[p];
            if (strcmp(w->text, rows[r].text) != 0)
                continue;
            if (strcmp(w->span, "-") == 0) {
                if (n_got)
                    fail_msg("%s: expected no number, found \"%.*s\"", where,
                             (int)(got[0].end - got[0].start),
                             doc.text + got[0].start);
                nones++;
                continue;
            }
            expected++;
            size_t k = 0;
            while (k < n_got && k < 16 && !span_is(&doc, &got[k], w->span))
                k++;
            if (k == n_got || k == 16)
                fail_msg("%s: no number spans \"%s\"", where, w->span);
            assert_close(got[k].value, num_field(w->value), "value", where);
            assert_close(got[k].min, num_field(w->min), "min", where);
            assert_close(got[k].max, num_field(w->max), "max", where);
            if (strcmp(hd_qualifier_name(got[k].qualifier), w->qual) != 0)
                fail_msg("%s: \"%s\" is %s, expected %s", where, w->span,
                         hd_qualifier_name(got[k].qualifier), w->qual);
            numbers++;
        }
        if (n_got != expected)
            fail_msg("%s: found %zu numbers, expected %zu", where, n_got,
                     expected);
    }
    printf("news excerpts: %zu texts, %zu numbers and %zu number-free texts "
           "as expected\n", texts, numbers, nones);
    hd_doc_free(&doc);
    free(data);
}

/* The seed's cases from the issue, with their token boundaries: the counted
 * noun is never part of the number. */
static void test_seed_boundaries(void **state)
{
    (void)state;
    hd_doc doc;
    hd_doc_init(&doc);
    hd_number n;
    analyse(&doc, "خرج أكثر من ثلاثة آلاف مدني مساء السبت");
    assert_int_equal(hd_number_at(&doc, 1, doc.n_tokens, &n), 4);
    assert_int_equal(n.tok_first, 1);
    assert_int_equal(n.tok_end, 5); /* مدني is token 5 */
    assert_true(span_is(&doc, &n, "أكثر من ثلاثة آلاف"));
    assert_int_equal(n.qualifier, HD_Q_MORE_THAN);
    /* from inside the expression, the parse is the smaller one */
    assert_int_equal(hd_number_at(&doc, 3, doc.n_tokens, &n), 2);
    assert_true(n.value == 3000 && n.qualifier == HD_Q_EXACT);
    /* the end bound is respected: a sentence cut after ثلاثة */
    assert_int_equal(hd_number_at(&doc, 1, 4, &n), 3);
    assert_true(n.value == 3 && n.qualifier == HD_Q_MORE_THAN);
    assert_int_equal(hd_number_at(&doc, 1, 3, &n), 0); /* أكثر من, nothing */
    assert_int_equal(hd_number_at(&doc, 4, 4, &n), 0);
    assert_int_equal(hd_number_at(&doc, 99, 200, &n), 0);
    assert_int_equal(hd_number_at(&doc, 0, doc.n_tokens, &n), 0); /* خرج */

    analyse(&doc, "منذ نحو أربعة أشهر");
    assert_int_equal(hd_number_at(&doc, 0, doc.n_tokens, &n), 0);
    assert_int_equal(hd_number_at(&doc, 1, doc.n_tokens, &n), 2);
    assert_true(n.value == 4 && n.qualifier == HD_Q_ABOUT);
    hd_doc_free(&doc);
}

typedef struct form {
    const char *text;
    double value;
} form;

/* Every form the grammar lists, each standing for a whole expression. */
static void test_word_forms(void **state)
{
    (void)state;
    static const form forms[] = {
        {"واحد", 1}, {"واحدة", 1}, {"اثنان", 2}, {"اثنين", 2},
        {"اثنتان", 2}, {"اثنتين", 2}, {"ثلاث", 3}, {"ثلاثة", 3},
        {"أربع", 4}, {"أربعة", 4}, {"خمس", 5}, {"خمسة", 5}, {"ست", 6},
        {"ستة", 6}, {"سبع", 7}, {"سبعة", 7}, {"ثمان", 8}, {"ثماني", 8},
        {"ثمانية", 8}, {"تسع", 9}, {"تسعة", 9}, {"عشر", 10}, {"عشرة", 10},
        {"أحد عشر", 11}, {"إحدى عشرة", 11}, {"اثنا عشر", 12},
        {"اثني عشر", 12}, {"اثنتا عشرة", 12}, {"اثنتي عشرة", 12},
        {"ثلاثة عشر", 13}, {"ثلاث عشرة", 13}, {"تسعة عشر", 19},
        {"عشرون", 20}, {"عشرين", 20}, {"ثلاثون", 30}, {"أربعين", 40},
        {"خمسون", 50}, {"ستين", 60}, {"سبعون", 70}, {"ثمانين", 80},
        {"تسعون", 90}, {"واحد وعشرون", 21}, {"إحدى وعشرين", 21},
        {"ثلاثة و عشرون", 23}, {"خمسة وتسعون", 95}, {"مئة", 100},
        {"مائة", 100}, {"مئتان", 200}, {"مئتين", 200}, {"مائتان", 200},
        {"مائتين", 200}, {"مئتا", 200}, {"مائتي", 200},
        {"ثلاثمئة", 300}, {"ثلاثمائة", 300}, {"ثلاث مئة", 300},
        {"ثلاث مائة", 300}, {"أربعمئة", 400}, {"خمسمئة", 500},
        {"خمسمائة", 500}, {"ستمئة", 600}, {"سبعمائة", 700},
        {"ثمانمئة", 800}, {"ثمانمائة", 800}, {"تسعمئة", 900},
        {"مئة وأحد عشر", 111}, {"مائتين واثنين", 202},
        {"ألف", 1000}, {"ألفان", 2000}, {"ألفين", 2000}, {"ألفا", 2000},
        {"ألفي", 2000}, {"ثلاثة آلاف", 3000}, {"عشرة آلاف", 10000},
        {"أحد عشر ألفا", 11000}, {"خمسون ألفاً", 50000},
        {"مئة ألف", 100000}, {"مليون", 1e6}, {"مليونان", 2e6},
        {"مليونين", 2e6}, {"ثلاثة ملايين", 3e6}, {"مليار", 1e9},
        {"ملياران", 2e9}, {"خمسة مليارات", 5e9}, {"تريليون", 1e12},
        {"نصف مليون", 5e5}, {"ربع مليون", 2.5e5}, {"مليون ونصف", 1.5e6},
        {"مليون وربع", 1.25e6}, {"ألف وتسعمئة وخمسون", 1950},
        {"بثلاثة", 3}, {"لألفي", 2000}, {"وعشرون", 20}, {"بمئات", 200},
        {"صفر", 0}, {"سالب خمسة", -5},
        {"ثلاثة فاصلة خمسة", 3.5},
    };
    hd_number n;
    for (size_t k = 0; k < sizeof forms / sizeof forms[0]; k++) {
        int r = hd_number_parse_text(forms[k].text, &n);
        if (r <= 0 || n.end != strlen(forms[k].text) ||
            n.value != forms[k].value)
            fail_msg("\"%s\": got %d tokens, %.*s = %g; expected %g",
                     forms[k].text, r, (int)(n.end - n.start),
                     forms[k].text + n.start, r > 0 ? n.value : NAN,
                     forms[k].value);
    }
    /* أحد / إحدى alone: "one of", "anyone"; اثنا alone: half a teen */
    assert_int_equal(hd_number_parse_text("أحد", &n), 0);
    assert_int_equal(hd_number_parse_text("إحدى", &n), 0);
    assert_int_equal(hd_number_parse_text("اثنا", &n), 0);
    /* the article: Monday, Sunday, "the three", a percent */
    assert_int_equal(hd_number_parse_text("الاثنين", &n), 0);
    assert_int_equal(hd_number_parse_text("الأحد", &n), 0);
    assert_int_equal(hd_number_parse_text("الثلاثة", &n), 0);
    assert_int_equal(hd_number_parse_text("بالمئة", &n), 0);
    /* ordinals are not cardinals */
    assert_int_equal(hd_number_parse_text("ثالث", &n), 0);
    assert_int_equal(hd_number_parse_text("الخامس", &n), 0);
    /* out of order: مئة then ألف is two numbers, the first ends */
    assert_int_equal(hd_number_parse_text("مئة وألف", &n), 1);
    assert_true(n.value == 100);
    /* two units never add up */
    assert_int_equal(hd_number_parse_text("ثلاثة أربعة", &n), 1);
}

/* Digits: Arabic-Indic, thousands and decimal marks, scale words. */
static void test_digit_forms(void **state)
{
    (void)state;
    static const form forms[] = {
        {"275", 275}, {"٢٧٥", 275}, {"1,000", 1000}, {"١٬٠٠٠", 1000},
        {"1,000,000", 1e6}, {"1.000.000", 1e6}, {"3.5", 3.5},
        {"٣٫٥", 3.5}, {"24,5", 24.5}, {"52,59", 52.59}, {"0,125", 0.125},
        {"1,000.5", 1000.5}, {"3 آلاف", 3000}, {"٣ آلاف", 3000},
        {"10 آلاف", 10000}, {"20 ألف", 20000}, {"1.5 مليون", 1.5e6},
        {"5,6 مليار", 5.6e9}, {"3,5 تريليون", 3.5e12},
        {"999999999999999", 999999999999999.0},
        {"مليون و400 ألف", 1.4e6}, {"150 ألفا و999", 150999},
    };
    hd_number n;
    for (size_t k = 0; k < sizeof forms / sizeof forms[0]; k++) {
        int r = hd_number_parse_text(forms[k].text, &n);
        if (r <= 0 || n.end != strlen(forms[k].text) ||
            fabs(n.value - forms[k].value) > 1e-9 * forms[k].value)
            fail_msg("\"%s\": got %d tokens, value %.17g; expected %.17g",
                     forms[k].text, r, r > 0 ? n.value : NAN,
                     forms[k].value);
        assert_int_equal(n.qualifier, HD_Q_EXACT);
    }
    /* one token ranges; a score is not a range, a date and a time are not
     * numbers */
    assert_int_equal(hd_number_parse_text("200-300", &n), 1);
    assert_true(n.min == 200 && n.max == 300 && n.qualifier == HD_Q_RANGE);
    assert_int_equal(hd_number_parse_text("200 - 300", &n), 3);
    assert_true(n.min == 200 && n.max == 300 && n.qualifier == HD_Q_RANGE);
    assert_int_equal(hd_number_parse_text("2-1", &n), 0);
    assert_int_equal(hd_number_parse_text("2017-10-14", &n), 0);
    assert_int_equal(hd_number_parse_text("10:30", &n), 0);
    assert_int_equal(hd_number_parse_text("12/10/2017", &n), 0);
    /* overflow: refused, never clamped */
    assert_int_equal(hd_number_parse_text("1234567890123456", &n), 0);
    assert_int_equal(
        hd_number_parse_text("99999999999999999999999999999999999999", &n), 0);
    assert_int_equal(hd_number_parse_text("5000 تريليون", &n), 0);
    assert_int_equal(hd_number_parse_text("ألفي تريليون", &n), 0);
    assert_int_equal(hd_number_parse_text("عشرات الآلاف", &n), 2);
}

/* Qualifiers after the counted noun are the caller's (the quantity layer):
 * hd_number_post_qualifier finds them, hd_number_qualify applies them. */
static void test_post_qualifiers(void **state)
{
    (void)state;
    hd_doc doc;
    hd_doc_init(&doc);
    hd_number n;
    int q = -1;
    /* CN-internationalNews-349-20180513 */
    analyse(&doc, "عمليات استشهادية قتلت 11 شخصا على الأقل وجرحت 41 آخرين");
    assert_int_equal(hd_number_at(&doc, 3, doc.n_tokens, &n), 1);
    assert_int_equal(n.qualifier, HD_Q_EXACT);
    assert_int_equal(hd_number_post_qualifier(&doc, 5, doc.n_tokens, &q), 2);
    assert_int_equal(q, HD_Q_AT_LEAST);
    hd_number_qualify(&n, q);
    assert_true(n.min == 11 && isinf(n.max) &&
                n.qualifier == HD_Q_AT_LEAST);
    assert_int_equal(hd_number_post_qualifier(&doc, 4, doc.n_tokens, &q), 0);
    /* BB-culture-37-20180220: "لخمس سنوات أو أكثر" */
    analyse(&doc, "إلى الخارج لخمس سنوات أو أكثر");
    assert_int_equal(hd_number_at(&doc, 2, doc.n_tokens, &n), 1);
    assert_int_equal(hd_number_post_qualifier(&doc, 4, doc.n_tokens, &q), 2);
    assert_int_equal(q, HD_Q_AT_LEAST);
    /* right after the number, the parser takes it itself */
    assert_int_equal(hd_number_parse_text("11 على الأقل", &n), 3);
    assert_true(n.qualifier == HD_Q_AT_LEAST && n.min == 11);
    assert_int_equal(hd_number_parse_text("300 تقريبا", &n), 2);
    assert_int_equal(n.qualifier, HD_Q_ABOUT);
    assert_int_equal(hd_number_parse_text("عشرون ونيف", &n), 2);
    assert_true(n.qualifier == HD_Q_MORE_THAN && n.min == 20);
    /* a range widened by a qualifier keeps its lower end */
    n.qualifier = HD_Q_RANGE;
    n.value = n.min = 200;
    n.max = 300;
    hd_number_qualify(&n, HD_Q_AT_LEAST);
    assert_true(n.min == 200 && isinf(n.max));
    hd_doc_free(&doc);
}

static void test_qualifier_names(void **state)
{
    (void)state;
    assert_string_equal(hd_qualifier_name(HD_Q_EXACT), "exact");
    assert_string_equal(hd_qualifier_name(HD_Q_ABOUT), "about");
    assert_string_equal(hd_qualifier_name(HD_Q_MORE_THAN), "more_than");
    assert_string_equal(hd_qualifier_name(HD_Q_LESS_THAN), "less_than");
    assert_string_equal(hd_qualifier_name(HD_Q_AT_LEAST), "at_least");
    assert_string_equal(hd_qualifier_name(HD_Q_AT_MOST), "at_most");
    assert_string_equal(hd_qualifier_name(HD_Q_RANGE), "range");
    assert_string_equal(hd_qualifier_name(HD_Q_APPROX_PLURAL),
                        "approx_plural");
    assert_string_equal(hd_qualifier_name(99), "?");
    assert_string_equal(hd_qualifier_name(-1), "?");
}

/* At every token of the first documents of the corpus: what any result must
 * satisfy, whatever the text. Also prints the cost per token. */
static void test_corpus_invariants(void **state)
{
    (void)state;
    hd_error err;
    hd_reader *r = hd_reader_open(CORPUS, HD_FMT_JSONL, &err);
    assert_non_null(r);
    hd_doc doc;
    hd_doc_init(&doc);
    hd_text_opts o;
    hd_text_opts_default(&o);
    size_t docs = 0, tokens = 0, found = 0, by_q[8] = {0};
    double secs = 0;
    while (docs < 400 && hd_reader_next(r, &doc, &err) == 1) {
        assert_int_equal(hd_text_analyze(&doc, &o, &err), 0);
        docs++;
        clock_t t0 = clock();
        for (size_t s = 0; s < doc.n_sentences; s++) {
            const hd_sentence *st = &doc.sentences[s];
            size_t end = st->tok_first + st->tok_count;
            for (size_t i = st->tok_first; i < end; i++) {
                hd_number n;
                size_t k = hd_number_at(&doc, i, end, &n);
                tokens++;
                if (!k)
                    continue;
                found++;
                assert_true(n.tok_first == i && n.tok_end == i + k &&
                            n.tok_end <= end);
                assert_true(n.start == doc.tokens[i].start &&
                            n.end == doc.tokens[n.tok_end - 1].end);
                assert_true(n.qualifier >= 0 && n.qualifier < 8);
                assert_true(n.min <= n.value && n.value <= n.max);
                assert_true(fabs(n.value) <= HD_NUMBER_MAX);
                by_q[n.qualifier]++;
            }
        }
        secs += (double)(clock() - t0) / CLOCKS_PER_SEC;
    }
    hd_reader_close(r);
    hd_doc_free(&doc);
    assert_int_equal(docs, 400);
    printf("corpus: %zu docs, %zu token positions, %zu numbers (", docs,
           tokens, found);
    for (int q = 0; q < 8; q++)
        printf("%s%s %zu", q ? ", " : "", hd_qualifier_name(q), by_q[q]);
    printf("), %.0f ns per position\n", tokens ? secs * 1e9 / tokens : 0.0);
    assert_true(found > 1000);
    assert_true(by_q[HD_Q_MORE_THAN] > 0 && by_q[HD_Q_ABOUT] > 0 &&
                by_q[HD_Q_APPROX_PLURAL] > 0 && by_q[HD_Q_RANGE] > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_news_excerpts),
        cmocka_unit_test(test_seed_boundaries),
        cmocka_unit_test(test_word_forms),
        cmocka_unit_test(test_digit_forms),
        cmocka_unit_test(test_post_qualifiers),
        cmocka_unit_test(test_qualifier_names),
        cmocka_unit_test(test_corpus_invariants),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
