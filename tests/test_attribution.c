/*
 * test_attribution.c: who says so (src/code/attribution.c), on the seed and
 * on sentences of the dev sets (../shared/eval/detect-*-dev.tsv).
 *
 * The seed article (../shared/seed/raqqa.txt) is read as the command reads
 * it (hd_reader_open, hd_text_analyze, article date 2017-10-15) and every
 * "must" attribution of raqqa.expected.json is checked, speaker, role,
 * organisation and outlet, against the exact words of the text. Events are
 * made by hand (a trigger span and a sentence, as hd_code would make them)
 * to check what attribution each gets: one inside a quotation that runs over
 * two sentences, one in a complement clause, one outside any report.
 *
 * The news sentences come from the dev sets; the expected speaker phrases
 * were worked out by reading them. Each is analysed as a document of its
 * own. The same checks run without and with the actor dictionaries.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code/attribution.h"
#include "code/quantity.h"
#include "hadath.h"

#define DATA HD_SOURCE_DIR "/data"
#define SEED HD_SHARED_DIR "/seed/raqqa.txt"

static hd_phrases g_reporting;
static hd_lexicon *g_lex; /* NULL for the runs without the dictionaries */

static int setup(void **state)
{
    (void)state;
    hd_error err;
    return hd_reporting_load(&g_reporting, DATA, &err);
}

static int teardown(void **state)
{
    (void)state;
    hd_phrases_free(&g_reporting);
    hd_lexicon_close(g_lex);
    g_lex = NULL;
    return 0;
}

static int with_lexicon(void **state)
{
    (void)state;
    hd_error err;
    if (!g_lex)
        g_lex = hd_lexicon_open(DATA, &err);
    return g_lex ? 0 : -1;
}

static int without_lexicon(void **state)
{
    (void)state;
    hd_lexicon_close(g_lex);
    g_lex = NULL;
    return 0;
}

/* ----------------------------------------------------------- helpers */

static void analyse(hd_doc *doc, const char *text)
{
    hd_error err;
    hd_doc_reset(doc);
    assert_int_equal(hd_doc_set_text(doc, text, strlen(text), &err), 0);
    assert_int_equal(hd_text_analyze(doc, NULL, &err), 0);
    doc->date = "2008-01-01";
    assert_int_equal(hd_code_attributions(doc, &g_reporting, g_lex, &err),
                     0);
}

static void read_seed(hd_doc *doc)
{
    hd_error err;
    hd_reader *r = hd_reader_open(SEED, HD_FMT_AUTO, &err);
    assert_non_null(r);
    assert_int_equal(hd_reader_next(r, doc, &err), 1);
    hd_reader_close(r);
    assert_int_equal(hd_text_analyze(doc, NULL, &err), 0);
    doc->date = "2017-10-15";
}

/* The words of span s, for messages and comparisons. */
static const char *text_of(const hd_doc *doc, hd_span s)
{
    static char buf[1024];
    size_t n = s.end > s.start ? s.end - s.start : 0;
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, doc->text + s.start, n);
    buf[n] = '\0';
    return buf;
}

#define assert_span(doc, span, want) \
    assert_string_equal(text_of((doc), (span)), (want))

/* The byte where `what` first occurs in the text, at or after byte from. */
static uint32_t at_text(const hd_doc *doc, const char *what, uint32_t from)
{
    const char *p = strstr(doc->text + from, what);
    if (!p)
        fail_msg("\"%s\" not found after byte %u", what, from);
    return (uint32_t)(p - doc->text);
}

/* The attribution whose speaker is `speaker` and whose cue is `cue` (the
 * first one when cue is NULL), or -1. */
static int find_attr(const hd_doc *doc, const char *speaker, const char *cue)
{
    for (size_t i = 0; i < doc->n_attributions; i++) {
        const hd_attribution *a = &doc->attributions[i];
        if (strcmp(text_of(doc, a->speaker), speaker) != 0)
            continue;
        if (!cue || strcmp(text_of(doc, a->cue), cue) == 0)
            return (int)i;
    }
    return -1;
}

static void check_parts(const hd_doc *doc, int i, const char *speaker,
                        const char *role, const char *org,
                        const char *outlet)
{
    assert_true(i >= 0 && (size_t)i < doc->n_attributions);
    const hd_attribution *a = &doc->attributions[i];
    assert_span(doc, a->speaker, speaker);
    assert_span(doc, a->role, role);
    assert_span(doc, a->organisation, org);
    assert_span(doc, a->outlet, outlet);
}

/* ------------------------------------------------------------- the seed */

#define SILO_ROLE "المتحدث باسم قوات سوريا الديموقراطية"
/* The organisation is the span as written in the role. The expected file
 * spells it الديمقراطية; both spellings are one actor of the dictionary. */
#define SILO_ORG "قوات سوريا الديموقراطية"
#define AFP "وكالة الأنباء الفرنسية"

static void test_seed_must(void **state)
{
    (void)state;
    hd_doc doc;
    hd_doc_init(&doc);
    read_seed(&doc);
    hd_error err;
    assert_int_equal(hd_code_attributions(&doc, &g_reporting, g_lex, &err),
                     0);
    /* silo: وقال المتحدث باسم قوات سوريا الديموقراطية طلال سلو لوكالة ... */
    int silo = find_attr(&doc, "طلال سلو", "وقال");
    check_parts(&doc, silo, "طلال سلو", SILO_ROLE, SILO_ORG, AFP);
    /* its quotation opens right after the outlet */
    const hd_attribution *a = &doc.attributions[silo];
    assert_true(a->quote >= 0);
    assert_int_equal(doc.quotes[a->quote].start,
                     at_text(&doc, "\"خرج أكثر من", 0));
    /* وأكد سلو and وأضاف are Silo again, with his full name */
    uint32_t akkada = at_text(&doc, "وأكد سلو \"الرقة", 0);
    uint32_t adafa = at_text(&doc, "وأضاف \"لم يعد", 0);
    int n_silo = 0;
    for (size_t i = 0; i < doc.n_attributions; i++) {
        const hd_attribution *x = &doc.attributions[i];
        if (x->cue.start == akkada || x->cue.start == adafa) {
            check_parts(&doc, (int)i, "طلال سلو", SILO_ROLE, SILO_ORG, AFP);
            n_silo++;
        }
    }
    assert_int_equal(n_silo, 2);
    /* dillon: title, name, role, organisation; no outlet */
    int dillon = find_attr(&doc, "ريان ديلون", "وقال");
    check_parts(&doc, dillon, "ريان ديلون", "المتحدث باسم التحالف الدولي",
                "التحالف الدولي", "");
    /* إذ قال الكولونيل ديلون: the same man, found by his last name */
    int dillon2 = find_attr(&doc, "ريان ديلون", "قال");
    assert_true(dillon2 > dillon);
    /* alloush: name, then the role in apposition between commas */
    int alloush = find_attr(&doc, "عمر علوش", NULL);
    check_parts(&doc, alloush, "عمر علوش", "المسؤول في مجلس الرقة المدني",
                "مجلس الرقة المدني", "");
    /* coalition (should): the organisation before its verb, no person */
    int coalition = -1;
    for (size_t i = 0; i < doc.n_attributions; i++)
        if (!strcmp(text_of(&doc, doc.attributions[i].organisation),
                    "قوات التحالف"))
            coalition = (int)i;
    check_parts(&doc, coalition, "", "", "قوات التحالف", "");
    assert_string_equal(text_of(&doc, doc.attributions[coalition].cue),
                        "أشارت");
    /* وكان تنظيم الدولة أعلن ... الرقة عاصمة "الخلافة": no report */
    uint32_t alana = at_text(&doc, "أعلن قبل", 0);
    for (size_t i = 0; i < doc.n_attributions; i++)
        assert_true(doc.attributions[i].cue.start != alana);
    /* records are in text order */
    for (size_t i = 1; i < doc.n_attributions; i++)
        assert_true(doc.attributions[i].cue.start >
                    doc.attributions[i - 1].cue.start);
    hd_doc_free(&doc);
}

/* An event as hd_code makes one: a trigger span in a sentence. */
static hd_event hand_event(const hd_doc *doc, const char *trigger,
                           const char *after, const char *type)
{
    hd_event e;
    memset(&e, 0, sizeof e);
    uint32_t from = after ? at_text(doc, after, 0) : 0;
    e.trigger.start = at_text(doc, trigger, from);
    e.trigger.end = e.trigger.start + (uint32_t)strlen(trigger);
    for (size_t s = 0; s < doc->n_sentences; s++)
        if (doc->sentences[s].start <= e.trigger.start &&
            e.trigger.start < doc->sentences[s].end)
            e.sentence = (uint32_t)s;
    e.event_type = type;
    e.attribution = 99;
    e.place = -1;
    return e;
}

static void test_seed_events(void **state)
{
    (void)state;
    hd_doc doc;
    hd_doc_init(&doc);
    read_seed(&doc);
    hd_event ev[5];
    ev[0] = hand_event(&doc, "شنت", NULL, "ASSAULT");
    ev[1] = hand_event(&doc, "رفضوا", "لم يعد هناك", "REJECT");
    ev[2] = hand_event(&doc, "وبقي", NULL, "RETREAT");
    ev[3] = hand_event(&doc, "وسلموا أنفسهم", NULL, "RETREAT");
    ev[4] = hand_event(&doc, "وتحاصر", NULL, "COERCE");
    doc.events = ev;
    doc.n_events = 5;
    hd_error err;
    assert_int_equal(hd_code_attributions(&doc, &g_reporting, g_lex, &err),
                     0);
    int silo_quote1 = (int)ev[1].attribution; /* in the quote of وأضاف */
    assert_true(silo_quote1 >= 0);
    assert_span(&doc, doc.attributions[silo_quote1].speaker, "طلال سلو");
    assert_string_equal(text_of(&doc, doc.attributions[silo_quote1].cue),
                        "وأضاف");
    /* وبقي is in the sentence after, still inside that quotation */
    assert_true(doc.sentences[ev[2].sentence].in_quote);
    assert_int_equal(ev[2].attribution, silo_quote1);
    /* سلموا أنفسهم: in the complement of وأكد سلو أن */
    assert_true(ev[3].attribution >= 0);
    assert_string_equal(text_of(&doc, doc.attributions[ev[3].attribution].cue),
                        "وأكد");
    assert_span(&doc, doc.attributions[ev[3].attribution].speaker,
                "طلال سلو");
    /* the offensive and the siege are the article's own voice */
    assert_int_equal(ev[0].attribution, -1);
    assert_int_equal(ev[4].attribution, -1);
    doc.events = NULL;
    doc.n_events = 0;
    hd_doc_free(&doc);
}

/* ----------------------------------------------------- news sentences */

typedef struct want {
    const char *text;
    size_t n;              /* attributions expected */
    const char *cue, *speaker, *role, *org, *outlet; /* of the first */
    const char *covered;   /* words inside its scope or quotation, or NULL */
} want;

static const want NEWS[] = {
    {"وقال مصدر أمني لرويترز ان الرجلين عضوان في جماعة كانت أيضا مسؤولة عن تدبير مخطط لتفجير سفارات غربية في الخرطوم تم اكتشافه في أغسطس (اب) الماضي.", 1, "وقال", "", "مصدر أمني", "", "رويترز", "الرجلين عضوان"},
    {"وقتل ما لا يقل عن 28 متطوعا في الجيش العراقي وجرح 55 شخصا اخرون منتصف يوليو (تموز) الحالي، في هجوم انتحاري مزدوج بحزامين ناسفين استهدفا مقرا للتطوع شرق بعقوبة، وفقا لمصادر امنية عراقية.", 1, "وفقا", "", "مصادر امنية عراقية", "", "",
     "28 متطوعا"},
    {"وقال المتحدث باسم المجاهدين الشيخ مختار روبو في اتصال هاتفي مع وكالة الصحافة الفرنسية ان «خطف السفن التجارية جريمة لكن هذا لا ينطبق على السفن التي تنقل اسلحة لأعداء الله».", 1, "وقال", "مختار روبو", "المتحدث باسم المجاهدين",
     "المجاهدين", "وكالة الصحافة الفرنسية", "خطف السفن"},
    {"وقال العميد سعيد احمد الجبوري المتحدث باسم شرطة المحافظة ان «استاذا جامعيا يعمل في جامعة الموصل قتل واصيب ستة اشخاص بينهم اربعة طلبة بجروح اثر انفجار سيارة مفخخة استهدفت دورية للشرطة قرب جامعة الموصل في حي المجموعة الثقافية شمال المدينة».", 1, "وقال", "سعيد احمد الجبوري", "المتحدث باسم شرطة المحافظة",
     "شرطة المحافظة", "", "ستة اشخاص"},
    {"ونقلت صحيفة «صنداي تايمز» البريطانية في عددها امس عن مصدر استخباراتي قوله، إنه من المرجح أن يكون الموساد هو من أقدم على اغتيال أردشير حسن بور العالم في مجال الفيزياء النووية.", 1, "ونقلت", "", "مصدر استخباراتي", "",
     "صحيفة «صنداي تايمز» البريطانية", "الموساد"},
    {"كما قال شاهد آخر لوكالة رويترز انه شاهد مسلحين من القبائل يطلقون النار على الطائرات الاميركية بعد الهجوم.", 1, "قال", "", "شاهد آخر", "", "وكالة رويترز", "مسلحين"},
    {"وقال نائب مفوض الشرطة شودري محمد علي لوكالة الأنباء الألمانية إن «تلاميذ مولانا عبد العزيز احتجزوا أربعة من شرطة إسلام آباد رهائن» منذ مساء أول من أمس.", 1, "وقال", "شودري محمد علي", "نائب مفوض الشرطة", "",
     "وكالة الأنباء الألمانية", "تلاميذ مولانا"},
    {"وذكر المتحدث باسم عمليات الأمن في بغداد قاسم الموسوي، أنه فرض حظر على استخدام العربات التي تجرها حيوانات في بغداد ردا على هذا التفجير.", 1, "وذكر", "قاسم الموسوي",
     "المتحدث باسم عمليات الأمن في بغداد", "عمليات الأمن في بغداد", "",
     "فرض حظر"},
    {"وفي لهجة هجومية، قال سلفا كير «إن هناك حربا عن بعد يديرها المؤتمر الوطني»، وأضاف «إننا ننزع سلاح كل القبائل في الجنوب، ولا أدري لماذا لا يزال العرب الرعاة يحملون الأسلحة».", 2, "قال", "سلفا كير", "", "", "", "حربا عن بعد"},
    {"وفي واشنطن، اعرب المتحدث باسم البيت الابيض غوردون جوندرو عن «تعازي الولايات المتحدة الصادقة لعائلات الذين قتلوا في الاعتداءات في نهاية هذا الاسبوع والى كل الشعب الهندي».", 0, NULL, NULL, NULL, NULL, NULL, NULL},
    {"واغتال مسلحون مجهولون بعد صلاة الجمعة أمس رياض النوري مدير مكتب التيار الصدري، وصهر الصدر في النجف قرب منزله، بعد يومين فقط من وصول الصدر الى النجف تاركا مدينة قم الايرانية بصورة «سرية»، حسب اوامر من السلطات الايرانية، بحسب ما ذكرته مصادر عراقية موثوقة في قم والنجف لـ«الشرق الاوسط» امس.", 1, "بحسب ما ذكرته", "", "مصادر عراقية موثوقة في قم", "", "",
     "رياض النوري"},
    {"وقال المسؤول لوكالة يونهاب «نشتبه في ان عدد الصواريخ التي اطلقت واحد أو اثنان.", 1, "وقال", "", "المسؤول", "", "وكالة يونهاب", "نشتبه"},
    {"وافاد مصدر محلي ان الشرطة تدخلت بعنف في شيرت (شرق) لتفريق نحو 500 متظاهر.", 1, "وافاد", "", "مصدر محلي", "", "", "500 متظاهر"},
    {"ونقلت وكالة رويترز عن الشرطة ان الهجوم الذي وقع فجر امس استهدف طرد الشيعة من المنطقة.", 1, "ونقلت", "", "", "الشرطة", "وكالة رويترز", "طرد الشيعة"},
    {"ونقلت وكالة أنباء الاناضول عن شهود ان اشخاصا مختبئين خلف اشجار المقبرة عمدوا الى القاء المتفجرات.", 1, "ونقلت", "", "شهود", "", "وكالة أنباء الاناضول",
     "المتفجرات"},
    {"وجاءت النتيجة لتؤكد أن الاعدام كان انتقاما وتصفية حسابات سياسية بحسب 2342 صوتا يمثلون 75 في المائة، بينما اعتبره 16 في المائة عادلا، لكن توقيته كان سيئا، فيما أعرب ثمانية في المائة فقط عن اعتقادهم بأن تنفيذ الاعدام كان مجرد تطبيق للعدالة.", 0, NULL, NULL, NULL, NULL, NULL, NULL},
};

static void test_news_sentences(void **state)
{
    (void)state;
    hd_doc doc;
    hd_doc_init(&doc);
    for (size_t k = 0; k < sizeof NEWS / sizeof NEWS[0]; k++) {
        const want *w = &NEWS[k];
        analyse(&doc, w->text);
        if (doc.n_attributions != w->n)
            fail_msg("sentence %zu: %zu attributions, want %zu", k + 1,
                     doc.n_attributions, w->n);
        if (!w->n)
            continue;
        const hd_attribution *a = &doc.attributions[0];
        assert_span(&doc, a->cue, w->cue);
        check_parts(&doc, 0, w->speaker, w->role, w->org, w->outlet);
        /* a framing covers its sentence, a verb what comes after it */
        int framing = !strcmp(w->cue, "وفقا") || !strncmp(w->cue, "بحسب", 8);
        uint32_t covered = at_text(&doc, w->covered, framing ? 0 : a->cue.end);
        assert_int_equal(hd_attribution_at(&doc, covered), 0);
        /* the verb and its speaker are not reported words */
        if (!framing)
            assert_int_equal(hd_attribution_at(&doc, a->cue.start), -1);
    }
    hd_doc_free(&doc);
}

/* وقال سلفا كير «...»، وأضاف «...»: the second verb has no subject and
 * goes on with the first speaker; each verb keeps its own quotation. */
static void test_continuation_and_quotes(void **state)
{
    (void)state;
    hd_doc doc;
    hd_doc_init(&doc);
    analyse(&doc, NEWS[8].text);
    assert_int_equal(doc.n_attributions, 2);
    assert_int_equal(doc.n_quotes, 2);
    for (int i = 0; i < 2; i++) {
        assert_span(&doc, doc.attributions[i].speaker, "سلفا كير");
        assert_int_equal(doc.attributions[i].quote, i);
    }
    assert_span(&doc, doc.attributions[1].cue, "وأضاف");
    assert_int_equal(hd_attribution_at(&doc, at_text(&doc, "ننزع سلاح", 0)),
                     1);
    hd_doc_free(&doc);
}

/* The cue list: every line loads, and the forms the issue names match. */
static void test_cue_list(void **state)
{
    (void)state;
    assert_int_equal(g_reporting.n_skipped, 0);
    assert_true(g_reporting.n > 300);
    static const char *const verbs[] = {
        "قالت", "وقال", "وأكدت", "يقول", "وأضاف", "أشار", "صرح", "أعلن",
        "ذكرت", "وأوضح", "وتابع", "أفادت", "كشف", "لفت", "شدد", "اعتبر"};
    static const char *const relay[] = {"نقل", "ونقلت"};
    static const char *const circ[] = {"مشيرا", "مضيفاً", "مؤكدا"};
    static const char *const frames[] = {"وفق", "وفقا", "بحسب", "حسب",
                                         "نقلا عن", "على لسان"};
    hd_doc doc;
    hd_doc_init(&doc);
    hd_error err;
    struct {
        const char *const *w;
        size_t n;
        int tag;
    } groups[] = {{verbs, sizeof verbs / sizeof *verbs, HD_RT_VERB},
                  {circ, 3, HD_RT_CIRC},
                  {relay, 2, HD_RT_RELAY},
                  {frames, 6, HD_RT_FRAME}};
    for (size_t g = 0; g < 4; g++)
        for (size_t i = 0; i < groups[g].n; i++) {
            const char *w = groups[g].w[i];
            assert_int_equal(hd_doc_set_text(&doc, w, strlen(w), &err), 0);
            assert_int_equal(hd_text_analyze(&doc, NULL, &err), 0);
            int tag = -1;
            size_t n = hd_phrases_match(&g_reporting, &doc, 0, doc.n_tokens,
                                        -1, &tag);
            if (n != doc.n_tokens || tag != groups[g].tag)
                fail_msg("%s: matched %zu tokens, tag %d", w, n, tag);
            if (g == 0)
                assert_int_equal(
                    hd_phrases_match(&g_reporting, &doc, 0, doc.n_tokens,
                                     HD_RT_VERB, NULL),
                    1);
        }
    hd_doc_free(&doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cue_list),
        cmocka_unit_test_setup(test_seed_must, without_lexicon),
        cmocka_unit_test_setup(test_seed_events, without_lexicon),
        cmocka_unit_test_setup(test_news_sentences, without_lexicon),
        cmocka_unit_test_setup(test_continuation_and_quotes,
                               without_lexicon),
        cmocka_unit_test_setup(test_seed_must, with_lexicon),
        cmocka_unit_test_setup(test_seed_events, with_lexicon),
        cmocka_unit_test_setup(test_news_sentences, with_lexicon),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
