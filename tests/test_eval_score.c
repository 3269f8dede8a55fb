/*
 * test_eval_score.c: the scoring behind `hadath eval`, without the coder.
 *
 * The arithmetic and the matching rules are checked on hand-made counts and
 * hand-made events; the three gold parsers on the first records of the real
 * dev files (ids, labels and codes read off the files by eye); the detection
 * and span runs end to end with a stand-in coder that codes by keyword or by
 * sentence id, so that every expected count follows from reading the rows.
 * The label totals of the assault TSV (199 yes, 1325 easy no, 333 difficult
 * no, 90 ambiguous) were counted with awk over the label column.
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

#include "base/arena.h"
#include "eval/eval.h"
#include "testutil.h"

#define EPS 1e-9

/* ------------------------------------------------------ arithmetic */

static void test_prf_arithmetic(void **state)
{
    (void)state;
    /* 3 right of 4 predicted, 3 found of 5 gold */
    assert_float_equal(hd_eval_precision(3, 1), 0.75, EPS);
    assert_float_equal(hd_eval_recall(3, 2), 0.6, EPS);
    assert_float_equal(hd_eval_f1(0.75, 0.6), 2 * 0.75 * 0.6 / 1.35, EPS);
    assert_float_equal(hd_eval_f1(1.0, 1.0), 1.0, EPS);
    /* zero divisions are 0, never NaN */
    assert_float_equal(hd_eval_precision(0, 0), 0.0, EPS);
    assert_float_equal(hd_eval_recall(0, 0), 0.0, EPS);
    assert_float_equal(hd_eval_f1(0.0, 0.0), 0.0, EPS);
    assert_float_equal(hd_eval_precision(0, 7), 0.0, EPS);
    assert_float_equal(hd_eval_percent(0, 0), 0.0, EPS);
    assert_float_equal(hd_eval_percent(1, 4), 25.0, EPS);
    assert_float_equal(hd_eval_percent(222, 222), 100.0, EPS);
}

static void test_split_hash(void **state)
{
    (void)state;
    /* the published FNV-1a 64 test vectors */
    assert_true(hd_eval_fnv1a64("", 0) == 0xcbf29ce484222325ull);
    assert_true(hd_eval_fnv1a64("a", 1) == 0xaf63dc4c8601ec8cull);
    assert_true(hd_eval_fnv1a64("foobar", 6) == 0x85944171f73967e8ull);
    /* 0xaf63dc4c8601ec8c % 5 == 1: train; surrounding blanks do not count */
    assert_int_equal(hd_eval_split_of("a", 1), HD_EVAL_SPLIT_TRAIN);
    assert_int_equal(hd_eval_split_of(" \n a\t\n", 6),
                     hd_eval_split_of("a", 1));
    assert_int_equal(hd_eval_split_from_name("validation"),
                     HD_EVAL_SPLIT_VALIDATION);
    assert_int_equal(hd_eval_split_from_name("dev"), -1);
    assert_true(hd_eval_in_split(HD_EVAL_SPLIT_ALL, "a", 1));
    assert_false(hd_eval_in_split(HD_EVAL_SPLIT_VALIDATION, "a", 1));
    assert_string_equal(hd_eval_split_name(HD_EVAL_SPLIT_TRAIN), "train");
}

static void test_actor_parse(void **state)
{
    (void)state;
    hd_eval_actor a;
    hd_eval_actor_parse("IRQ CVL", 7, &a);
    assert_string_equal(a.country, "IRQ");
    assert_string_equal(a.sector, "CVL");
    hd_eval_actor_parse("INT None", 8, &a);
    assert_string_equal(a.country, "INT");
    assert_string_equal(a.sector, "");
    hd_eval_actor_parse("None UAF", 8, &a);
    assert_string_equal(a.country, "");
    assert_string_equal(a.sector, "UAF");
    hd_eval_actor_parse("", 0, &a);
    assert_string_equal(a.country, "");
    assert_string_equal(a.sector, "");
    /* longer codes keep their first three letters, like hd_actor's */
    hd_eval_actor_parse("  IGO  GOVMIL ", 14, &a);
    assert_string_equal(a.country, "IGO");
    assert_string_equal(a.sector, "GOV");
}

/* --------------------------------------------------------- matching */

static hd_event make_event(const char *type, const char *sc, const char *ss,
                           const char *tc, const char *ts)
{
    hd_event e;
    memset(&e, 0, sizeof e);
    e.event_type = type;
    snprintf(e.source.country, sizeof e.source.country, "%s", sc);
    snprintf(e.source.sector, sizeof e.source.sector, "%s", ss);
    snprintf(e.target.country, sizeof e.target.country, "%s", tc);
    snprintf(e.target.sector, sizeof e.target.sector, "%s", ts);
    e.score = 1.0;
    return e;
}

/* Gold of gsr-assault-dev's fourth sentence: None UAF -> IRQ MIL. */
static hd_eval_gold uaf_gold(hd_eval_coding *c)
{
    hd_eval_gold g;
    memset(&g, 0, sizeof g);
    snprintf(g.type, sizeof g.type, "ASSAULT");
    hd_eval_actor_parse("None UAF", 8, &c->source);
    hd_eval_actor_parse("IRQ MIL", 7, &c->target);
    g.codings = c;
    g.n_codings = 1;
    return g;
}

static void test_match_none_handling(void **state)
{
    (void)state;
    hd_eval_coding c;
    hd_eval_gold g = uaf_gold(&c);
    hd_event ok = make_event("ASSAULT", "", "UAF", "IRQ", "MIL");
    assert_int_equal(hd_eval_match(&ok, 1, &g),
                     HD_EVAL_M_TYPE | HD_EVAL_M_SOURCE | HD_EVAL_M_TARGET |
                         HD_EVAL_M_FULL);
    /* gold None must be absent: an output country is wrong */
    hd_event extra = make_event("ASSAULT", "IRQ", "UAF", "IRQ", "MIL");
    assert_int_equal(hd_eval_match(&extra, 1, &g),
                     HD_EVAL_M_TYPE | HD_EVAL_M_TARGET);
    /* a missing sector is wrong too */
    hd_event bare = make_event("ASSAULT", "", "UAF", "IRQ", "");
    assert_int_equal(hd_eval_match(&bare, 1, &g),
                     HD_EVAL_M_TYPE | HD_EVAL_M_SOURCE);
    /* the right actors under another type reach nothing */
    hd_event other = make_event("PROTEST", "", "UAF", "IRQ", "MIL");
    assert_int_equal(hd_eval_match(&other, 1, &g), 0);
    /* negated and hypothetical events are not facts */
    ok.negated = 1;
    assert_int_equal(hd_eval_match(&ok, 1, &g), 0);
    ok.negated = 0;
    ok.hypothetical = 1;
    assert_int_equal(hd_eval_match(&ok, 1, &g), 0);
    assert_int_equal(hd_eval_match(NULL, 0, &g), 0);
}

static void test_match_several_events(void **state)
{
    (void)state;
    hd_eval_coding c;
    hd_eval_gold g = uaf_gold(&c);
    /* one event has the source, another the target: no single event is
     * right in full */
    hd_event ev[3] = {
        make_event("ASSAULT", "", "UAF", "USA", "MIL"),
        make_event("ASSAULT", "IRQ", "GOV", "IRQ", "MIL"),
        make_event("PROTEST", "", "UAF", "IRQ", "MIL"),
    };
    assert_int_equal(hd_eval_match(ev, 3, &g),
                     HD_EVAL_M_TYPE | HD_EVAL_M_SOURCE | HD_EVAL_M_TARGET);
    /* ANY event of the type may match in full */
    ev[2].event_type = "ASSAULT";
    assert_int_equal(hd_eval_match(ev, 3, &g),
                     HD_EVAL_M_TYPE | HD_EVAL_M_SOURCE | HD_EVAL_M_TARGET |
                         HD_EVAL_M_FULL);
    /* ... but not a negated one */
    ev[2].negated = 1;
    assert_false(hd_eval_match(ev, 3, &g) & HD_EVAL_M_FULL);

    hd_eval_gsr_stats s = {0};
    hd_eval_gsr_add(&s, HD_EVAL_M_TYPE | HD_EVAL_M_SOURCE);
    hd_eval_gsr_add(&s, 0);
    hd_eval_gsr_add(&s, HD_EVAL_M_TYPE | HD_EVAL_M_SOURCE |
                            HD_EVAL_M_TARGET | HD_EVAL_M_FULL);
    assert_int_equal(s.n, 3);
    assert_int_equal(s.type, 2);
    assert_int_equal(s.source, 2);
    assert_int_equal(s.target, 1);
    assert_int_equal(s.full, 1);
}

static void test_match_any_annotator(void **state)
{
    (void)state;
    /* spans-assault-dev's second record: one annotator swapped the roles
     * (INT None -> None None), two read None None -> INT None */
    hd_eval_coding c[3];
    hd_eval_actor_parse("INT None", 8, &c[0].source);
    hd_eval_actor_parse("None None", 9, &c[0].target);
    c[1] = c[2] = (hd_eval_coding){{"", "", 0}, {"INT", "", 0}};
    hd_eval_gold g;
    memset(&g, 0, sizeof g);
    snprintf(g.type, sizeof g.type, "ASSAULT");
    g.codings = c;
    g.n_codings = 3;
    hd_event e = make_event("ASSAULT", "", "", "INT", "");
    assert_int_equal(hd_eval_match(&e, 1, &g),
                     HD_EVAL_M_TYPE | HD_EVAL_M_SOURCE | HD_EVAL_M_TARGET |
                         HD_EVAL_M_FULL);
    /* source from one reading and target from another is not full */
    e = make_event("ASSAULT", "INT", "", "INT", "");
    assert_int_equal(hd_eval_match(&e, 1, &g),
                     HD_EVAL_M_TYPE | HD_EVAL_M_SOURCE | HD_EVAL_M_TARGET);
    /* a role the annotator marked UNKNOWN agrees with no output actor */
    hd_eval_coding u = {{"", "", 0}, {"", "", 1}};
    g.codings = &u;
    g.n_codings = 1;
    e = make_event("ASSAULT", "", "", "", "");
    assert_int_equal(hd_eval_match(&e, 1, &g),
                     HD_EVAL_M_TYPE | HD_EVAL_M_SOURCE);
    /* no span items: the type can match, the actors cannot */
    g.n_codings = 0;
    assert_int_equal(hd_eval_match(&e, 1, &g), HD_EVAL_M_TYPE);
}

/* --------------------------------------------------------- parsing */

static char *shared_file(const char *rel, size_t *n)
{
    char path[1024];
    char *buf = tu_read_file(tu_shared(path, sizeof path, rel), n);
    assert_non_null(buf);
    return buf;
}

static void test_tsv_rows(void **state)
{
    (void)state;
    size_t n;
    char *buf = shared_file("eval/detect-assault-dev.tsv", &n);
    char *l1 = buf, *l2 = strchr(l1, '\n') + 1, *l3 = strchr(l2, '\n') + 1;
    char *l4 = strchr(l3, '\n') + 1;
    hd_eval_tsv_row row;
    hd_error err;
    assert_int_equal(hd_eval_tsv_parse(l1, (size_t)(l2 - 1 - l1), "f", 1,
                                       &row, &err), 0); /* the header */
    assert_int_equal(hd_eval_tsv_parse(l2, (size_t)(l3 - 1 - l2), "f", 2,
                                       &row, &err), 1);
    assert_string_equal(row.id, "AAW_ARB_20071026.0026-2");
    assert_string_equal(row.event_type, "ASSAULT");
    assert_int_equal(row.label, HD_LABEL_DIFFICULT_NO);
    assert_int_equal(row.accept, 1);
    assert_int_equal(row.reject, 2);
    assert_int_equal(row.total, 3);
    const char *start = "وقال الضابط في الشرطة المحلية خالد منصور، ان "
                        "الاعتداء وقع";
    assert_memory_equal(row.text, start, strlen(start));
    const char *tail = "هجماتهم منذ اشهر.";
    assert_memory_equal(row.text + row.text_len - strlen(tail), tail,
                        strlen(tail));
    assert_int_equal(hd_eval_tsv_parse(l3, (size_t)(l4 - 1 - l3), "f", 3,
                                       &row, &err), 1);
    assert_string_equal(row.id, "AAW_ARB_20080913.0007-59");
    assert_int_equal(row.label, HD_LABEL_EASY_NO);
    free(buf);

    char bad[] = "X1\tASSAULT\tmaybe\t1\t2\t3\tنص";
    assert_int_equal(hd_eval_tsv_parse(bad, strlen(bad), "g.tsv", 9, &row,
                                       &err), -1);
    assert_string_equal(err.file, "g.tsv");
    assert_int_equal(err.line, 9);
    assert_non_null(strstr(err.msg, "maybe"));
    char short_row[] = "X1\tASSAULT\tyes\tنص";
    assert_int_equal(hd_eval_tsv_parse(short_row, strlen(short_row), "g.tsv",
                                       4, &row, &err), -1);
    assert_int_equal(err.line, 4);
}

static void test_gsr_xml_codings(void **state)
{
    (void)state;
    size_t n;
    char *buf = shared_file("eval/gsr-assault-dev.xml", &n);
    hd_eval_goldset g;
    hd_error err;
    hd_eval_goldset_init(&g);
    assert_int_equal(hd_eval_gsr_parse("gsr-assault-dev.xml", buf, n, &g,
                                       &err), 0);
    assert_int_equal(g.n_sentences, 222);
    assert_int_equal(g.n, 222);
    const hd_eval_gold *it = &g.items[0];
    assert_string_equal(it->id, "5b520e266203c42f8aa08eba");
    assert_string_equal(it->date, "20071208");
    assert_int_equal(it->line, 2);
    assert_string_equal(it->type, "ASSAULT");
    assert_int_equal(it->n_codings, 1);
    assert_string_equal(it->codings[0].source.country, "");
    assert_string_equal(it->codings[0].source.sector, "");
    assert_string_equal(it->codings[0].target.country, "IRQ");
    assert_string_equal(it->codings[0].target.sector, "CVL");
    it = &g.items[1];
    assert_string_equal(it->id, "5b520e266203c42f8aa08ebc");
    assert_string_equal(it->codings[0].source.country, "INT");
    assert_string_equal(it->codings[0].source.sector, "");
    assert_string_equal(it->codings[0].target.country, "INT");
    it = &g.items[3];
    assert_string_equal(it->id, "5b520e266203c42f8aa08ebe");
    assert_string_equal(it->codings[0].source.sector, "UAF");
    assert_string_equal(it->codings[0].target.country, "IRQ");
    assert_string_equal(it->codings[0].target.sector, "MIL");
    hd_eval_goldset_free(&g);
    free(buf);

    /* a sentence without an id is an error naming its line */
    const char *bad = "<Sentences>\n<Sentence date=\"20070101\">\n"
                      "<EventCoding plover=\"ASSAULT\"/>\n</Sentence>\n";
    hd_eval_goldset_init(&g);
    assert_int_equal(hd_eval_gsr_parse("bad.xml", bad, strlen(bad), &g, &err),
                     -1);
    assert_int_equal(err.line, 2);
    hd_eval_goldset_free(&g);
    /* no plover type: the sentence's category stands in */
    const char *cat = "<Sentence id='s1' category='PROTEST'>"
                      "<EventCoding plover='' sourcecode='EGY CVL'/>"
                      "<Text>x</Text></Sentence>";
    hd_eval_goldset_init(&g);
    assert_int_equal(hd_eval_gsr_parse("c.xml", cat, strlen(cat), &g, &err),
                     0);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.items[0].type, "PROTEST");
    assert_string_equal(g.items[0].codings[0].source.country, "EGY");
    assert_string_equal(g.items[0].codings[0].target.country, "");
    hd_eval_goldset_free(&g);
}

static void test_spans_json(void **state)
{
    (void)state;
    size_t n;
    char *buf = shared_file("eval/spans-assault-dev.json", &n);
    hd_eval_goldset g;
    hd_error err;
    hd_eval_goldset_init(&g);
    assert_int_equal(hd_eval_spans_parse("spans.json", buf, n, &g, &err), 0);
    assert_int_equal(g.n, 222);
    const hd_eval_gold *it = &g.items[0];
    assert_string_equal(it->id, "5b520e266203c42f8aa08eba");
    assert_string_equal(it->type, "ASSAULT");
    const char *start = "وقال ان «سيارة مفخخة انفجرت";
    assert_memory_equal(it->text, start, strlen(start));
    assert_int_equal(it->n_codings, 3);
    /* item 1: source_role {} , target None CVL */
    assert_string_equal(it->codings[0].source.country, "");
    assert_string_equal(it->codings[0].source.sector, "");
    assert_string_equal(it->codings[0].target.country, "");
    assert_string_equal(it->codings[0].target.sector, "CVL");
    /* item 3: None None -> IRQ UAF */
    assert_string_equal(it->codings[2].target.country, "IRQ");
    assert_string_equal(it->codings[2].target.sector, "UAF");
    it = &g.items[1];
    assert_string_equal(it->id, "5b520e266203c42f8aa08ebc");
    assert_int_equal(it->n_codings, 3);
    assert_string_equal(it->codings[0].source.country, "INT");
    assert_string_equal(it->codings[1].target.country, "INT");
    /* record 3, item 2: the target role is the string "UNKNOWN"; item 3's
     * is {} (no actor) */
    it = &g.items[2];
    assert_string_equal(it->id, "5b520e266203c42f8aa08ebd");
    assert_int_equal(it->n_codings, 3);
    assert_true(it->codings[1].target.unknown);
    assert_false(it->codings[1].source.unknown);
    assert_false(it->codings[2].target.unknown);
    assert_string_equal(it->codings[2].target.country, "");
    hd_eval_goldset_free(&g);
    free(buf);

    const char *bad = "[{\"_id\": \"a\", \"text\": \"x\", \"event_type\": "
                      "\"ASSAULT\", \"spans\": []},\n {\"_id\": \"b\"}]";
    hd_eval_goldset_init(&g);
    assert_int_equal(hd_eval_spans_parse("b.json", bad, strlen(bad), &g, &err),
                     -1);
    assert_int_equal(err.line, 2); /* the second record */
    hd_eval_goldset_free(&g);
    const char *broken = "[\n{\"_id\": \"a\",\n";
    hd_eval_goldset_init(&g);
    assert_int_equal(hd_eval_spans_parse("c.json", broken, strlen(broken), &g,
                                         &err), -1);
    assert_true(err.line >= 2);
    hd_eval_goldset_free(&g);
}

/* ------------------------------------------------- runs, stand-in coder */

static void add_event(hd_doc *doc, hd_event e)
{
    HD_VEC_RESERVE(doc->events, doc->cap_events, doc->n_events + 1);
    doc->events[doc->n_events++] = e;
}

/* Codes by keyword: a car bomb (مفخخة) or a bombing (تفجير) is an asserted
 * ASSAULT; kidnapping (خطف) a negated one. */
static int keyword_coder(void *ud, hd_doc *doc, hd_error *err)
{
    (void)ud;
    (void)err;
    doc->n_events = 0;
    if (strstr(doc->text, "مفخخة") || strstr(doc->text, "تفجير"))
        add_event(doc, make_event("ASSAULT", "", "", "", "CVL"));
    if (strstr(doc->text, "خطف")) {
        hd_event e = make_event("ASSAULT", "", "", "", "");
        e.negated = 1;
        add_event(doc, e);
    }
    return 0;
}

static int nothing_coder(void *ud, hd_doc *doc, hd_error *err)
{
    (void)ud;
    (void)err;
    doc->n_events = 0;
    return 0;
}

/* Writes the header and the rows of the dev TSV with these ids to a
 * temporary file; returns its path (static). */
static const char *tsv_subset(const char *const *ids, size_t n_ids)
{
    static char path[64];
    size_t n;
    char *buf = shared_file("eval/detect-assault-dev.tsv", &n);
    snprintf(path, sizeof path, "/tmp/hd_eval_test_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    for (char *p = buf; *p;) {
        char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        int keep = p == buf;
        for (size_t i = 0; i < n_ids && !keep; i++)
            keep = strncmp(p, ids[i], strlen(ids[i])) == 0 &&
                   p[strlen(ids[i])] == '\t';
        if (keep)
            fprintf(f, "%.*s\n", (int)len, p);
        p = nl ? nl + 1 : p + len;
    }
    fclose(f);
    free(buf);
    return path;
}

static void test_detect_run(void **state)
{
    (void)state;
    static const char *const ids[] = {
        "AAW_ARB_20080304.0032-14", /* yes: شاحنة مفخخة -> TP */
        "AAW_ARB_20070104.0071-8",  /* yes: وخطفت, negated -> FN */
        "AAW_ARB_20080913.0007-59", /* easy no: تعذيب -> TN */
        "AAW_ARB_20071222.0001-3",  /* difficult no: تفجير انتحاري -> FP */
        "AAW_ARB_20061208.0052-5",  /* ambiguous -> left out */
    };
    const char *path = tsv_subset(ids, 5);
    hd_eval_opts o = {keyword_coder, NULL, HD_EVAL_SPLIT_ALL, 1, 0, NULL,
                      NULL, NULL};
    hd_eval_result r;
    hd_error err;
    hd_eval_result_init(&r, path, HD_EVAL_DETECT, HD_EVAL_SPLIT_ALL);
    assert_int_equal(hd_eval_detect_file(&o, path, &r, &err), 0);
    assert_int_equal(r.records, 5);
    assert_int_equal(r.sentences, 4);
    assert_int_equal(r.n_types, 1);
    const hd_eval_detect_stats *s = &r.types[0];
    assert_string_equal(s->type, "ASSAULT");
    assert_int_equal(s->tp, 1);
    assert_int_equal(s->fn, 1);
    assert_int_equal(s->tn, 1);
    assert_int_equal(s->fp, 1);
    assert_int_equal(s->fp_difficult, 1);
    assert_int_equal(s->fp_easy, 0);
    assert_int_equal(s->ambiguous, 1);
    /* --errors: one FP and one FN, each with its id and what was coded */
    assert_int_equal(r.n_cases, 2);
    assert_non_null(strstr(r.cases.data, "FP "));
    assert_non_null(strstr(r.cases.data, "AAW_ARB_20071222.0001-3"));
    assert_non_null(strstr(r.cases.data, "difficult no"));
    assert_non_null(strstr(r.cases.data, "FN "));
    assert_non_null(strstr(r.cases.data, "(negated, ignored)"));
    hd_buf out = {0};
    hd_eval_render_text(&out, &r, 1, HD_EVAL_SPLIT_ALL);
    const char *last = out.data + out.len - 1;
    while (last > out.data && last[-1] != '\n')
        last--;
    assert_non_null(strstr(last, "summary: split=all | "));
    assert_non_null(strstr(last, " ASSAULT F1=0.500 P=0.500 R=0.500"));
    hd_buf_free(&out);
    hd_eval_result_free(&r);
    unlink(path);
}

static void test_detect_whole_file(void **state)
{
    (void)state;
    char path[1024];
    tu_shared(path, sizeof path, "eval/detect-assault-dev.tsv");
    hd_eval_opts o = {nothing_coder, NULL, HD_EVAL_SPLIT_ALL, 0, 0, NULL,
                      NULL, NULL};
    hd_eval_result r;
    hd_error err;
    hd_eval_result_init(&r, path, HD_EVAL_DETECT, HD_EVAL_SPLIT_ALL);
    assert_string_equal(r.name, "detect-assault-dev");
    assert_int_equal(hd_eval_detect_file(&o, path, &r, &err), 0);
    assert_int_equal(r.records, 1947);
    const hd_eval_detect_stats *s = &r.types[0];
    assert_int_equal(s->tp, 0);
    assert_int_equal(s->fp, 0);
    assert_int_equal(s->fn, 199);
    assert_int_equal(s->tn, 1325 + 333);
    assert_int_equal(s->ambiguous, 90);
    long all = r.records;
    hd_eval_result_free(&r);

    /* train and validation partition the rows */
    long left_out = 0;
    for (int split = HD_EVAL_SPLIT_TRAIN; split <= HD_EVAL_SPLIT_VALIDATION;
         split++) {
        o.split = split;
        hd_eval_result_init(&r, path, HD_EVAL_DETECT, split);
        assert_int_equal(hd_eval_detect_file(&o, path, &r, &err), 0);
        assert_int_equal(r.records, all);
        assert_true(r.out_of_split > 0 && r.out_of_split < all);
        left_out += r.out_of_split;
        hd_eval_result_free(&r);
    }
    assert_int_equal(left_out, all);
}

/* Codes three sentences of the span/XML gold sets by their id. */
static int id_coder(void *ud, hd_doc *doc, hd_error *err)
{
    (void)ud;
    (void)err;
    doc->n_events = 0;
    if (!doc->id)
        return 0;
    if (strcmp(doc->id, "5b520e266203c42f8aa08eba") == 0)
        add_event(doc, make_event("ASSAULT", "", "", "", "CVL"));
    else if (strcmp(doc->id, "5b520e266203c42f8aa08ebc") == 0)
        add_event(doc, make_event("ASSAULT", "", "", "INT", ""));
    else if (strcmp(doc->id, "5b520e266203c42f8aa08ebd") == 0)
        add_event(doc, make_event("PROTEST", "", "", "", ""));
    return 0;
}

static void test_spans_run(void **state)
{
    (void)state;
    char path[1024];
    tu_shared(path, sizeof path, "eval/spans-assault-dev.json");
    hd_eval_opts o = {id_coder, NULL, HD_EVAL_SPLIT_ALL, 1, 1, NULL, NULL,
                      NULL};
    hd_eval_result r;
    hd_error err;
    hd_eval_result_init(&r, path, HD_EVAL_SPANS, HD_EVAL_SPLIT_ALL);
    assert_int_equal(hd_eval_spans_file(&o, path, &r, &err), 0);
    /* eba: None None -> None CVL is the first annotator's reading; ebc:
     * None None -> INT None the second's; ebd is coded as another type */
    assert_int_equal(r.gsr.n, 222);
    assert_int_equal(r.gsr.type, 2);
    assert_int_equal(r.gsr.source, 2);
    assert_int_equal(r.gsr.target, 2);
    assert_int_equal(r.gsr.full, 2);
    assert_int_equal(r.n_cases, 220);
    hd_buf out = {0};
    hd_eval_render_json(&out, &r, 1, HD_EVAL_SPLIT_ALL);
    assert_int_equal(out.data[0], '{');
    assert_int_equal(out.data[out.len - 1], '\n');
    assert_null(memchr(out.data, '\n', out.len - 1)); /* one line */
    assert_non_null(strstr(out.data, "\"full\":2"));
    hd_buf_free(&out);
    hd_eval_result_free(&r);
}

/* The GSR XML run, through the PETRARCH XML reader. Its gold is stricter
 * than the annotators': eba is None None -> IRQ CVL, ebc INT None -> INT
 * None. */
static void test_gsr_run(void **state)
{
    (void)state;
    char path[1024];
    tu_shared(path, sizeof path, "eval/gsr-assault-dev.xml");
    hd_eval_opts o = {id_coder, NULL, HD_EVAL_SPLIT_ALL, 0, 0, NULL, NULL,
                      NULL};
    hd_eval_result r;
    hd_error err;
    hd_eval_result_init(&r, path, HD_EVAL_GSR, HD_EVAL_SPLIT_ALL);
    int rc = hd_eval_gsr_file(&o, path, &r, &err);
    if (rc != 0)
        fail_msg("%s:%ld: %s", err.file, err.line, err.msg);
    assert_int_equal(r.gsr.n, 222);
    assert_int_equal(r.gsr.type, 2);
    assert_int_equal(r.gsr.source, 1); /* eba */
    assert_int_equal(r.gsr.target, 1); /* ebc */
    assert_int_equal(r.gsr.full, 0);
    hd_eval_result_free(&r);
}

static void test_kinds(void **state)
{
    (void)state;
    assert_int_equal(hd_eval_kind_of("a/detect-x.tsv", "", 0), HD_EVAL_DETECT);
    assert_int_equal(hd_eval_kind_of("gsr.XML", "", 0), HD_EVAL_GSR);
    assert_int_equal(hd_eval_kind_of("s.json", "", 0), HD_EVAL_SPANS);
    assert_int_equal(hd_eval_kind_of("u.conllu", "", 0), HD_EVAL_CONLLU);
    assert_int_equal(hd_eval_kind_of("gold", "\n <Sentences>", 13),
                     HD_EVAL_GSR);
    assert_int_equal(hd_eval_kind_of("gold", "id\tevent_type\tlabel", 19),
                     HD_EVAL_DETECT);
    assert_int_equal(hd_eval_kind_of("gold", "hello", 5), HD_EVAL_UNKNOWN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prf_arithmetic),
        cmocka_unit_test(test_split_hash),
        cmocka_unit_test(test_actor_parse),
        cmocka_unit_test(test_match_none_handling),
        cmocka_unit_test(test_match_several_events),
        cmocka_unit_test(test_match_any_annotator),
        cmocka_unit_test(test_tsv_rows),
        cmocka_unit_test(test_gsr_xml_codings),
        cmocka_unit_test(test_spans_json),
        cmocka_unit_test(test_detect_run),
        cmocka_unit_test(test_detect_whole_file),
        cmocka_unit_test(test_spans_run),
        cmocka_unit_test(test_gsr_run),
        cmocka_unit_test(test_kinds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
