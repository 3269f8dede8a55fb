/* test_code_units.c: the coder's parts and its outputs.
 *
 *   - the trigger list loads whole (no line skipped) and conjugates verbs;
 *     a doer line gives a candidate that stays an actor, and yields to an
 *     event word of the same event that names its source;
 *   - actor codes compose and split by the documented rule, and mentions
 *     compose in context (جنوده، صاروخ اسرائيلي، وزير الدفاع الياس المر);
 *   - the four writers give what their formats promise (every JSONL field
 *     present, RFC 4180 quoting, 26 Phoenix columns, PLOVER field names),
 *     checked on the seed article;
 *   - `hadath code` keeps the command-line contract: --date checked, bad
 *     records reported and skipped with exit 1, unknown --to refused.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "code/code.h"
#include "out/event.h"
#include "testutil.h"

static hd_lexicon *lexicon(void)
{
    hd_error err;
    hd_error_clear(&err);
    hd_lexicon *lx = hd_lexicon_open(HD_SOURCE_DIR "/data", &err);
    if (!lx)
        fail_msg("lexicon: %s:%ld: %s", err.file, err.line, err.msg);
    return lx;
}

static void analyse(hd_doc *doc, const char *text, const char *date)
{
    hd_error err;
    hd_error_clear(&err);
    hd_doc_reset(doc);
    assert_int_equal(hd_doc_set_text(doc, text, strlen(text), &err), 0);
    doc->date = date;
    hd_text_opts o;
    hd_text_opts_default(&o);
    assert_int_equal(hd_text_analyze(doc, &o, &err), 0);
}

/* ------------------------------------------------------- the cue list */

static void trigger_list_loads_whole(void **state)
{
    (void)state;
    hd_lexicon *lx = lexicon();
    const hd_cues *c = &lx->cues;
    if (c->n_skipped)
        printf("first skipped line: %s\n", c->first_error);
    assert_int_equal(c->n_skipped, 0);
    assert_true(c->n_entries > 100);
    assert_true(c->n_forms > 1000); /* conjugations included */
    /* a per-type value overrides the general one */
    assert_true(hd_cues_param(c, HD_P_THRESHOLD, "COERCE") ==
                c->params[HD_P_THRESHOLD]);
    hd_lexicon_close(lx);
}

static void bad_lines_are_counted_not_fatal(void **state)
{
    (void)state;
    char path[] = "/tmp/hadath-cues-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("param threshold 1.5\n"
          "trigger 190 0.5 noun-src : هجوم | هجمات\n"
          "trigger 19x 0.5 noun : خطأ\n"              /* bad CAMEO */
          "cue agent-XYZ * sent 0.5 : شيء\n"          /* bad sector */
          "something else\n"                          /* unknown kind */
          "trigger 141 0.9 verb-intr by=CVL : تظاهر/يتظاهر\n"
          "param PROTEST:threshold 0.25\n",
          f);
    fclose(f);
    hd_cues c;
    hd_error err;
    hd_error_clear(&err);
    assert_int_equal(hd_cues_load(&c, path, &err), 0);
    assert_int_equal(c.n_skipped, 3);
    assert_non_null(strstr(c.first_error, "line 3"));
    assert_true(c.params[HD_P_THRESHOLD] == 1.5);
    assert_true(hd_cues_param(&c, HD_P_THRESHOLD, "PROTEST") == 0.25);
    assert_true(hd_cues_param(&c, HD_P_THRESHOLD, "ASSAULT") == 1.5);
    hd_cues_free(&c);
    remove(path);
    /* a missing file is an error with its name */
    assert_int_equal(hd_cues_load(&c, "/nonexistent/triggers.txt", &err), -1);
    assert_non_null(strstr(err.file, "triggers.txt"));
}

/* هاجم/يهاجم is conjugated: past, imperfect, and the future سـ. */
static void verbs_are_conjugated(void **state)
{
    (void)state;
    hd_lexicon *lx = lexicon();
    hd_doc doc;
    hd_doc_init(&doc);
    analyse(&doc, "هاجموا القرية وسيهاجمون المدينة ويهاجم الجيش", NULL);
    hd_cue_hit *hits;
    size_t n = hd_cues_match(&lx->cues, &doc, 0, doc.n_tokens, &hits);
    unsigned seen = 0;
    for (size_t i = 0; i < n; i++) {
        if (hits[i].e->cls != HD_CUE_TRIGGER ||
            strcmp(hits[i].e->cameo, "190") != 0)
            continue;
        if (hits[i].tok == 0 && !(hits[i].flags & HD_FORM_IMPERF))
            seen |= 1; /* هاجموا: perfect */
        if (hits[i].flags & HD_FORM_FUTURE)
            seen |= 2; /* وسيهاجمون */
        if ((hits[i].flags & HD_FORM_IMPERF) &&
            !(hits[i].flags & HD_FORM_FUTURE))
            seen |= 4; /* ويهاجم */
    }
    assert_int_equal(seen, 7);
    hd_doc_free(&doc);
    hd_lexicon_close(lx);
}

/* A doer line (المتظاهرون in the nominative) gives a PROTEST candidate and
 * stays an actor, so another event of the sentence keeps it as its source;
 * the genitive المتظاهرين (لتفريق المتظاهرين) is no candidate. */
static void doers_are_candidates_and_actors(void **state)
{
    (void)state;
    hd_lexicon *lx = lexicon();
    hd_doc doc;
    hd_doc_init(&doc);
    analyse(&doc, "وسار المتظاهرون نحو مقر الحاكم لتفريق المتظاهرين", NULL);
    hd_cue_hit *hits;
    size_t nh = hd_cues_match(&lx->cues, &doc, 0, doc.n_tokens, &hits);
    hd_candidate *c;
    size_t nc = hd_triggers_find(lx, &doc, &doc.sentences[0], hits, nh, &c);
    int doer = 0, genitive = 0;
    for (size_t i = 0; i < nc; i++) {
        doer |= c[i].tok == 1 && strcmp(c[i].type, "PROTEST") == 0;
        genitive |= c[i].tok == 6;
    }
    assert_true(doer);
    assert_false(genitive);
    hd_mention *m;
    size_t nm = hd_mentions_find(lx, &doc, 0, doc.n_tokens, hits, nh, &m);
    int actor = 0;
    for (size_t i = 0; i < nm; i++)
        actor |= m[i].first == 1 && m[i].code &&
                 strcmp(m[i].code, "---CVL") == 0;
    assert_true(actor);
    hd_doc_free(&doc);
    hd_lexicon_close(lx);
}

/* Two PROTEST candidates a few words apart are one event, and the one that
 * names its protesters wins over the doer that only implies them: آلاف
 * المتظاهرين (a doer, source ---CVL by=) yields to مسيراتهم whose source is
 * المتظاهرين الصوماليين (SOMCVL). */
static void named_source_wins_the_merge(void **state)
{
    (void)state;
    hd_lexicon *lx = lexicon();
    hd_doc doc;
    hd_doc_init(&doc);
    analyse(&doc,
            "استمر آلاف المتظاهرين الصوماليين في مسيراتهم الاحتجاجية لليوم "
            "الثاني على التوالي في العاصمة الصومالية.",
            "2008-05-06");
    hd_error err;
    hd_error_clear(&err);
    assert_int_equal(hd_code(lx, &doc, &err), 0);
    int protests = 0;
    for (size_t i = 0; i < doc.n_events; i++) {
        if (strcmp(doc.events[i].event_type, "PROTEST") != 0)
            continue;
        protests++;
        assert_non_null(doc.events[i].source.code);
        assert_string_equal(doc.events[i].source.code, "SOMCVL");
    }
    assert_int_equal(protests, 1);
    hd_doc_free(&doc);
    hd_lexicon_close(lx);
}

/* An attack carried out by an aircraft (طائرة, in its ة spelling) is CAMEO
 * 195, aerial weapons; the same attack carried out by gunmen stays 190. */
static void aircraft_make_an_attack_aerial(void **state)
{
    (void)state;
    hd_lexicon *lx = lexicon();
    const char *texts[] = {
        "وقتل عشرة مدنيين في هجوم نفذته طائرة مسيرة على قرية قرب مدينة الرقة.",
        "وقتل عشرة مدنيين في هجوم نفذه مسلحون على قرية قرب مدينة الرقة."};
    const char *want[] = {"195", "190"};
    for (int k = 0; k < 2; k++) {
        hd_doc doc;
        hd_doc_init(&doc);
        analyse(&doc, texts[k], "2017-10-15");
        hd_error err;
        hd_error_clear(&err);
        assert_int_equal(hd_code(lx, &doc, &err), 0);
        int assaults = 0;
        for (size_t i = 0; i < doc.n_events; i++) {
            const hd_event *e = &doc.events[i];
            if (strcmp(e->event_type, "ASSAULT") != 0)
                continue;
            assaults++;
            assert_string_equal(e->cameo, want[k]);
        }
        assert_int_equal(assaults, 1);
        hd_doc_free(&doc);
    }
    hd_lexicon_close(lx);
}

/* The events of the type that hd_code finds in text; with asserted_only,
 * hypothetical ones are left out. */
static int events_in(const hd_lexicon *lx, const char *text, const char *type,
                     int asserted_only)
{
    hd_doc doc;
    hd_doc_init(&doc);
    analyse(&doc, text, "2018-01-01");
    hd_error err;
    hd_error_clear(&err);
    assert_int_equal(hd_code(lx, &doc, &err), 0);
    int n = 0;
    for (size_t i = 0; i < doc.n_events; i++)
        n += strcmp(doc.events[i].event_type, type) == 0 &&
             !(asserted_only && doc.events[i].hypothetical);
    hd_doc_free(&doc);
    return n;
}

/* Reports of a killing that fell below the ASSAULT threshold on a gap of
 * the cue list, one row per fix:
 *   - a count of victims written as a word in the nominative tens (خمسون)
 *     or in the sixties to nineties is a count like digits: the number
 *     list had only the oblique عشرين .. خمسين;
 *   - حكم alone is rule as often as verdict (حكم المسلحين، الحكم الذاتي):
 *     it no longer vetoes the sentence as a trial's aftermath;
 *   - a chronology entry (a year and a colon open the sentence) tells its
 *     event as having happened, though السابق reads as background;
 *   - a drone (طائرة بدون طيار، طائرة مسيرة) is a weapon, as a missile is. */
static void killings_reach_the_threshold(void **state)
{
    (void)state;
    hd_lexicon *lx = lexicon();
    const char *texts[] = {
        "وقتل خمسون مدنيا في قصف استهدف سوقا شعبية.",
        "وقتل سبعون شخصا في قصف استهدف سوقا شعبية.",
        "وقتل خمسة أشخاص في اشتباكات عنيفة امس في منطقة عادت الى حكم "
        "المسلحين.",
        "وأفيد بمقتل ثمانية جنود في اشتباكات مع مسلحين يطالبون بالحكم "
        "الذاتي.",
        "* 3 مارس (آذار) 2009: اغتيال رئيس البلدية السابق في انفجار عبوة "
        "ناسفة في الموصل.",
        "وقتل ثلاثة مسلحين بضربة نفذتها طائرة بدون طيار على سيارتهم."};
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++)
        if (!events_in(lx, texts[k], "ASSAULT", 0))
            fail_msg("no ASSAULT in: %s", texts[k]);
    hd_lexicon_close(lx);
}

/* An attack announced as under way or feared is hypothetical: بصدد ("about
 * to"), تخوفا ("for fear of") and يتكهن ("speculates") before the trigger
 * join the hypo list, so eval and the counts leave these events out. */
static void announced_attacks_are_hypothetical(void **state)
{
    (void)state;
    hd_lexicon *lx = lexicon();
    const char *texts[] = {
        "وأعلن الجيش انه بصدد شن هجوم واسع على مواقع المسلحين قرب مدينة "
        "قندهار.",
        "وأغلقت الشرطة الطرق المؤدية الى وسط المدينة تخوفا من هجمات "
        "انتحارية."};
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++)
        if (events_in(lx, texts[k], "ASSAULT", 1))
            fail_msg("a real ASSAULT in: %s", texts[k]);
    hd_lexicon_close(lx);
}

/* تجمع بين binds two things (العلاقات التي تجمع بين البلدين): the verb is
 * جمع, not the gathering of a crowd, so it is no PROTEST. */
static void binding_is_no_protest(void **state)
{
    (void)state;
    hd_lexicon *lx = lexicon();
    const char *texts[] = {
        "وبحث الرئيسان في دمشق امس العلاقات التاريخية التي تجمع بين "
        "البلدين.",
        "وأكد الوزير امس في القاهرة عمق الروابط التي تجمع بين الشعبين "
        "الشقيقين."};
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++)
        if (events_in(lx, texts[k], "PROTEST", 0))
            fail_msg("a PROTEST in: %s", texts[k]);
    hd_lexicon_close(lx);
}

/* --------------------------------------------------------- actor codes */

static void codes_compose_and_split(void **state)
{
    (void)state;
    hd_arena *a = hd_arena_new(4096);
    assert_string_equal(hd_compose(a, "EGY", "COP", 0), "EGYCOP");
    assert_string_equal(hd_compose(a, "IMGMUSISI", "REB", 0), "IMGMUSISI");
    assert_string_equal(hd_compose(a, "SYRREB", "MIL", 0), "SYRREB");
    assert_string_equal(hd_compose(a, NULL, "CVL", 0), "---CVL");
    assert_string_equal(hd_compose(a, "USA", "NGO", 1), "NGOUSA");
    assert_string_equal(hd_code_normalize(a, "OPP"), "---OPP");
    assert_string_equal(hd_code_normalize(a, "IGOUNO"), "IGOUNO");
    struct { const char *code, *country, *sector; } cases[] = {
        {"SYRREB", "SYR", "REB"}, {"EGYCOP", "EGY", "COP"},
        {"IMGMUSISI", "IMG", ""}, {"---CVL", "", "CVL"},
        {"CVL", "", "CVL"},       {"USA", "USA", ""},
        {"IRQGOVMIL", "IRQ", "GOV"}, {"IGOUNO", "IGO", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char c[4], s[4];
        hd_code_split(cases[i].code, c, s);
        assert_string_equal(c, cases[i].country);
        assert_string_equal(s, cases[i].sector);
    }
    assert_true(hd_is_role_code("---REB"));
    assert_true(hd_is_role_code("GOV"));
    assert_false(hd_is_role_code("IGOUNO"));
    assert_false(hd_is_role_code("SYRREB"));
    hd_arena_free(a);
}

/* ------------------------------------------------------------- mentions */

/* The code of the mention whose words are exactly `words` in the first
 * sentence of text, or NULL when no mention has them. */
static const char *mention_code(const hd_lexicon *lx, hd_doc *doc,
                                const char *text, const char *words)
{
    analyse(doc, text, "2008-01-01");
    const hd_sentence *s = &doc->sentences[0];
    size_t a = s->tok_first, b = a + s->tok_count;
    hd_cue_hit *hits;
    size_t nh = hd_cues_match(&lx->cues, doc, a, b, &hits);
    hd_mention *m;
    size_t nm = hd_mentions_find(lx, doc, a, b, hits, nh, &m);
    for (size_t i = 0; i < nm; i++) {
        uint32_t st = doc->tokens[m[i].first].start;
        uint32_t en = doc->tokens[m[i].end - 1].end;
        if (en - st == strlen(words) && memcmp(doc->text + st, words,
                                               en - st) == 0)
            return m[i].code;
    }
    return NULL;
}

/* Sentences of the dev gold sets (eval/gsr-assault-dev.xml). */
static void mentions_compose_in_context(void **state)
{
    (void)state;
    hd_lexicon *lx = lexicon();
    hd_doc doc;
    hd_doc_init(&doc);
    /* his soldiers: the US army's */
    const char *c = mention_code(
        lx, &doc,
        "وقال الجيش الاميركي ان جنوده قتلوا خمسة مسلحين مشتبه فيهم أمس خلال "
        "غارة على مصنع للقنابل شمال بغداد دمر في وقت لاحق في ضربة جوية.",
        "جنوده");
    assert_non_null(c);
    assert_string_equal(c, "USAMIL");
    /* an Israeli rocket: the Israeli military */
    c = mention_code(lx, &doc,
                     "وخلال تنقلهم في سيارة في المدينة اصاب صاروخ اسرائيلي "
                     "السيارة وقتلهم جميعاً.",
                     "اسرائيلي");
    assert_non_null(c);
    assert_string_equal(c, "ISRMIL");
    /* a title and a name are one actor, the name's */
    c = mention_code(lx, &doc,
                     "ـ 12 يوليو (تموز) 2005: جرح وزير الدفاع الياس المر في "
                     "تفجير سيارة مفخخة استهدفت موكبه.",
                     "وزير الدفاع الياس المر");
    assert_non_null(c);
    assert_string_equal(c, "LBNGOV");
    /* foreign soldiers: INT MIL; an explosive (ناسفة) is no actor */
    const char *text = "وأصيب صباح امس اربعة جنود اجانب بجروح، من جراء "
                       "انفجار عبوة ناسفة، خلال معارك جربت في هلمند.";
    c = mention_code(lx, &doc, text, "جنود اجانب");
    assert_non_null(c);
    assert_string_equal(c, "INTMIL");
    assert_null(mention_code(lx, &doc, text, "ناسفة"));
    /* the police of a sentence about Baghdad take no country from it */
    c = mention_code(lx, &doc,
                     "وقالت مصادر امنية ان «سيارة مفخخة مركونة على جانب "
                     "الطريق في شارع النضال (وسط بغداد) انفجرت لدى مرور دورية "
                     "للشرطة، مما ادى الى مقتل اربعة وإصابة سبعة بجروح»، "
                     "حسبما افادت وكالة الصحافة الفرنسية.",
                     "للشرطة");
    assert_non_null(c);
    assert_string_equal(c, "---COP");
    hd_doc_free(&doc);
    hd_lexicon_close(lx);
}

/* --------------------------------------------------------------- writers */

static char *seed_text(void)
{
    char path[1024];
    char *t = tu_read_file(tu_shared(path, sizeof path, "seed/raqqa.txt"),
                           NULL);
    assert_non_null(t);
    return t;
}

static void jsonl_has_every_field(void **state)
{
    (void)state;
    hd_lexicon *lx = lexicon();
    hd_doc doc;
    hd_doc_init(&doc);
    char *text = seed_text();
    analyse(&doc, text, "2017-10-15");
    doc.id = "raqqa";
    hd_error err;
    assert_int_equal(hd_code(lx, &doc, &err), 0);
    assert_true(doc.n_events > 0);
    hd_buf out = {0};
    hd_out_events_jsonl(&out, &doc);
    static const char *const fields[] = {
        "kind", "id", "doc_id", "sentence", "section", "date", "event_type",
        "mode", "context", "cameo", "quad", "negated", "hypothetical",
        "source", "target", "location", "quantities", "attribution",
        "trigger", "pattern", "evidence", "score"};
    size_t lines = 0;
    for (char *p = out.data; p && *p;) {
        char *nl = strchr(p, '\n');
        assert_non_null(nl);
        json_error_t je;
        json_t *o = json_loadb(p, (size_t)(nl - p), 0, &je);
        if (!o)
            fail_msg("bad JSON line: %s", je.text);
        for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++)
            if (!json_object_get(o, fields[k]))
                fail_msg("field %s missing", fields[k]);
        assert_string_equal(json_string_value(json_object_get(o, "kind")),
                            "event");
        assert_true(json_is_array(json_object_get(o, "context")));
        assert_true(json_is_array(json_object_get(o, "quantities")));
        json_t *attr = json_object_get(o, "attribution");
        assert_non_null(json_object_get(attr, "organisation"));
        /* the trigger text is the slice its offsets name */
        json_t *tr = json_object_get(o, "trigger");
        long s = (long)json_integer_value(json_object_get(tr, "start"));
        long e = (long)json_integer_value(json_object_get(tr, "end"));
        const char *tt = json_string_value(json_object_get(tr, "text"));
        assert_int_equal((long)strlen(tt), e - s);
        assert_memory_equal(doc.text + s, tt, (size_t)(e - s));
        /* source: null, or an object with the six keys */
        json_t *src = json_object_get(o, "source");
        if (!json_is_null(src)) {
            static const char *const ak[] = {"text", "code", "country",
                                             "sector", "start", "end"};
            for (size_t k = 0; k < 6; k++)
                assert_non_null(json_object_get(src, ak[k]));
        }
        const char *id = json_string_value(json_object_get(o, "id"));
        assert_true(strncmp(id, "raqqa-", 6) == 0);
        json_decref(o);
        lines++;
        p = nl + 1;
    }
    assert_int_equal(lines, doc.n_events);
    hd_buf_free(&out);
    free(text);
    hd_doc_free(&doc);
    hd_lexicon_close(lx);
}

/* Splits one RFC 4180 record at *p; returns its field count and moves *p
 * past its CRLF. */
static size_t csv_record(const char **p)
{
    const char *s = *p;
    size_t fields = 1;
    int quoted = 0;
    for (; *s; s++) {
        if (quoted) {
            if (*s == '"' && s[1] == '"')
                s++;
            else if (*s == '"')
                quoted = 0;
        } else if (*s == '"') {
            quoted = 1;
        } else if (*s == ',') {
            fields++;
        } else if (*s == '\r' && s[1] == '\n') {
            *p = s + 2;
            return fields;
        }
    }
    *p = s;
    return fields;
}

static void csv_phoenix_plover(void **state)
{
    (void)state;
    hd_lexicon *lx = lexicon();
    hd_doc doc;
    hd_doc_init(&doc);
    char *text = seed_text();
    analyse(&doc, text, "2017-10-15");
    hd_error err;
    assert_int_equal(hd_code(lx, &doc, &err), 0);
    /* CSV: every record has the header's field count; the sentences
     * hold commas and quotes, so quoting is exercised */
    hd_buf out = {0};
    hd_out_events_csv_header(&out);
    hd_out_events_csv(&out, &doc);
    const char *p = out.data;
    size_t header = csv_record(&p), records = 0;
    assert_int_equal(header, 31);
    while (*p) {
        assert_int_equal(csv_record(&p), header);
        records++;
    }
    assert_int_equal(records, doc.n_events);
    assert_non_null(strstr(out.data, "\"\""));  /* a doubled quote */
    /* Phoenix: 26 tab-separated columns, asserted events only */
    hd_buf_clear(&out);
    hd_out_events_phoenix_header(&out);
    hd_out_events_phoenix(&out, &doc);
    size_t rows = 0;
    for (char *q = out.data; *q;) {
        char *nl = strchr(q, '\n');
        size_t tabs = 0;
        for (char *t = q; t < nl; t++)
            tabs += *t == '\t';
        assert_int_equal(tabs, 25);
        rows++;
        q = nl + 1;
    }
    size_t asserted = 0;
    for (size_t i = 0; i < doc.n_events; i++)
        asserted += !doc.events[i].negated && !doc.events[i].hypothetical;
    assert_int_equal(rows, asserted + 1);
    assert_non_null(strstr(out.data, "\t20171015\t2017\t10\t15\t"));
    /* PLOVER: the manual's field names */
    hd_buf_clear(&out);
    hd_out_events_plover(&out, &doc);
    json_error_t je;
    char *nl = strchr(out.data, '\n');
    json_t *o = json_loadb(out.data, (size_t)(nl - out.data), 0, &je);
    assert_non_null(o);
    static const char *const pf[] = {"id", "date", "actor", "recipient",
                                     "event", "event_text", "quad_code",
                                     "mode", "context", "text"};
    for (size_t k = 0; k < sizeof pf / sizeof pf[0]; k++)
        if (!json_object_get(o, pf[k]))
            fail_msg("PLOVER field %s missing", pf[k]);
    assert_true(json_is_array(json_object_get(o, "event")));
    json_decref(o);
    hd_buf_free(&out);
    free(text);
    hd_doc_free(&doc);
    hd_lexicon_close(lx);
}

/* ----------------------------------------------------------- the command */

static void command_contract(void **state)
{
    (void)state;
    char cmd[2048], seed[1024];
    tu_shared(seed, sizeof seed, "seed/raqqa.txt");
    int status;
    snprintf(cmd, sizeof cmd, "%s code --date 2017-13-45 %s 2>/dev/null",
             HD_BINARY, seed);
    free(tu_run(cmd, &status));
    assert_int_equal(status, 2);
    snprintf(cmd, sizeof cmd, "%s code --to xml %s 2>/dev/null", HD_BINARY,
             seed);
    free(tu_run(cmd, &status));
    assert_int_equal(status, 2);
    snprintf(cmd, sizeof cmd, "%s code --date 2017-10-15 %s", HD_BINARY,
             seed);
    char *out = tu_run(cmd, &status);
    assert_int_equal(status, 0);
    assert_non_null(strstr(out, "\"kind\":\"event\""));
    assert_non_null(strstr(out, "\"date\":\"2017-10-15\""));
    free(out);
    /* a JSONL input with one bad record between two good ones */
    char path[] = "/tmp/hadath-code-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("{\"id\":\"a\",\"date\":\"2008-01-01\",\"text\":\"قتل 18 شخصا "
          "وأصيب عشرات آخرون بجروح في انفجار سيارتين مفخختين في بغداد "
          "امس.\"}\n"
          "{\"id\":\"b\",\"text\":\n"
          "{\"id\":\"c\",\"date\":\"2008-01-01\",\"text\":\"وتجمع مئات "
          "المتظاهرين امام مبنى مجلس المحافظة.\"}\n",
          f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "%s code --from jsonl %s 2>&1 >/dev/null",
             HD_BINARY, path);
    char *err = tu_run(cmd, &status);
    assert_int_equal(status, 1);
    assert_non_null(strstr(err, ":2")); /* the bad record's line */
    free(err);
    snprintf(cmd, sizeof cmd, "%s code --from jsonl --to csv %s 2>/dev/null",
             HD_BINARY, path);
    out = tu_run(cmd, &status);
    assert_int_equal(status, 1);
    assert_non_null(strstr(out, "\r\na-0-")); /* the first doc was coded */
    free(out);
    remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(trigger_list_loads_whole),
        cmocka_unit_test(bad_lines_are_counted_not_fatal),
        cmocka_unit_test(verbs_are_conjugated),
        cmocka_unit_test(doers_are_candidates_and_actors),
        cmocka_unit_test(named_source_wins_the_merge),
        cmocka_unit_test(aircraft_make_an_attack_aerial),
        cmocka_unit_test(killings_reach_the_threshold),
        cmocka_unit_test(announced_attacks_are_hypothetical),
        cmocka_unit_test(binding_is_no_protest),
        cmocka_unit_test(codes_compose_and_split),
        cmocka_unit_test(mentions_compose_in_context),
        cmocka_unit_test(jsonl_has_every_field),
        cmocka_unit_test(csv_phoenix_plover),
        cmocka_unit_test(command_contract),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
