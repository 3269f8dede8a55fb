/*
 * test_quantity.c: how many, of whom (src/code/quantity.c), on the seed and
 * on sentences of the dev sets (../shared/eval/detect-*-dev.tsv).
 *
 * The seed (../shared/seed/raqqa.txt, article date 2017-10-15) must give the
 * four "must" quantities of raqqa.expected.json with their values,
 * qualifiers, counted nouns and attributions, and the "should" one (275 من
 * المرتزقة). The news sentences were read by hand: each expected quantity is
 * written below with its words, value, bounds, qualifier, counted noun and
 * category, and a sentence must give exactly those (numbers of money,
 * distance, time and dates give none). Events are made by hand, a trigger
 * in a sentence as hd_code makes them, to check what the quantities add to
 * each event's dead, injured, arrested and size.
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

#include "code/attribution.h"
#include "code/quantity.h"
#include "hadath.h"
#include "text/number.h"

#define DATA HD_SOURCE_DIR "/data"
#define SEED HD_SHARED_DIR "/seed/raqqa.txt"

static hd_phrases g_reporting, g_counted;

static int setup(void **state)
{
    (void)state;
    hd_error err;
    if (hd_reporting_load(&g_reporting, DATA, &err) != 0)
        return -1;
    return hd_counted_load(&g_counted, DATA, &err);
}

static int teardown(void **state)
{
    (void)state;
    hd_phrases_free(&g_reporting);
    hd_phrases_free(&g_counted);
    return 0;
}

/* ----------------------------------------------------------- helpers */

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

static uint32_t at_text(const hd_doc *doc, const char *what, uint32_t from)
{
    const char *p = strstr(doc->text + from, what);
    if (!p)
        fail_msg("\"%s\" not found after byte %u", what, from);
    return (uint32_t)(p - doc->text);
}

/* An event as hd_code makes one: a trigger span in its sentence. */
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
    e.place = -1;
    e.dead = e.injured = e.arrested = e.size = 0; /* must become -1 */
    return e;
}

/* Analyses text, codes attributions and quantities with the given events
 * (doc->events borrowed until release()). */
static void code(hd_doc *doc, hd_event *ev, size_t n_ev)
{
    hd_error err;
    doc->events = ev;
    doc->n_events = n_ev;
    assert_int_equal(hd_code_attributions(doc, &g_reporting, NULL, &err), 0);
    assert_int_equal(hd_code_quantities(doc, &g_counted, &err), 0);
}

static void analyse(hd_doc *doc, const char *text)
{
    hd_error err;
    hd_doc_reset(doc);
    assert_int_equal(hd_doc_set_text(doc, text, strlen(text), &err), 0);
    assert_int_equal(hd_text_analyze(doc, NULL, &err), 0);
    doc->date = "2008-01-01";
}

static void release(hd_doc *doc)
{
    doc->events = NULL;
    doc->n_events = 0;
}

/* The quantity whose words are exactly `text`, or -1. */
static int find_q(const hd_doc *doc, const char *text)
{
    for (size_t i = 0; i < doc->n_quantities; i++)
        if (!strcmp(text_of(doc, doc->quantities[i].span), text))
            return (int)i;
    return -1;
}

typedef struct qwant {
    const char *text;         /* the quantity's words */
    double value, min, max;   /* max < 0: INFINITY */
    const char *qualifier, *of, *category;
} qwant;

static void check_q(const hd_doc *doc, const qwant *w)
{
    int i = find_q(doc, w->text);
    if (i < 0) {
        for (size_t k = 0; k < doc->n_quantities; k++)
            print_message("  have: %s\n",
                          text_of(doc, doc->quantities[k].span));
        fail_msg("no quantity \"%s\"", w->text);
    }
    const hd_quantity *q = &doc->quantities[i];
    assert_true(q->value == w->value);
    assert_true(q->min == w->min);
    if (w->max < 0)
        assert_true(isinf(q->max));
    else
        assert_true(q->max == w->max);
    assert_string_equal(hd_qualifier_name(q->qualifier), w->qualifier);
    assert_string_equal(text_of(doc, q->of), w->of);
    assert_non_null(q->category);
    assert_string_equal(q->category, w->category);
    assert_string_equal(q->date, doc->date);
}

/* ------------------------------------------------------------- the seed */

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

static const char *speaker_of(const hd_doc *doc, int32_t attribution)
{
    assert_true(attribution >= 0 &&
                (size_t)attribution < doc->n_attributions);
    return text_of(doc, doc->attributions[attribution].speaker);
}

static void test_seed(void **state)
{
    (void)state;
    hd_doc doc;
    hd_doc_init(&doc);
    read_seed(&doc);
    hd_event ev[2];
    ev[0] = hand_event(&doc, "وسلموا أنفسهم", NULL, "RETREAT");
    ev[1] = hand_event(&doc, "غادروا", NULL, "RETREAT");
    code(&doc, ev, 2);
    static const qwant must[] = {
        {"أكثر من ثلاثة آلاف مدني", 3000, 3000, -1, "more_than", "مدني",
         "civilians"},
        {"250 إلى 300 إرهابي أجنبي", 250, 250, 300, "range", "إرهابي أجنبي",
         "fighters"},
        {"275 شخصاً", 275, 275, 275, "exact", "شخص", "people"},
        {"نحو 400 مدني", 400, 400, 400, "about", "مدني", "civilians"},
        /* should: the counted noun is المرتزقة; وعائلاتهم joins it */
        {"275 من المرتزقة وعائلاتهم", 275, 275, 275, "exact", "المرتزقة",
         "fighters"},
    };
    for (size_t k = 0; k < 5; k++)
        check_q(&doc, &must[k]);
    /* the numbers of time are no quantities: قبل ثلاث سنوات، أربعة أشهر */
    assert_int_equal(doc.n_quantities, 5);
    const hd_quantity *q = doc.quantities;
    for (int k = 0; k < 3; k++)
        assert_string_equal(speaker_of(&doc, q[find_q(&doc, must[k].text)]
                                                 .attribution),
                            "طلال سلو");
    assert_string_equal(
        speaker_of(&doc, q[find_q(&doc, must[3].text)].attribution),
        "عمر علوش");
    int32_t coalition = q[find_q(&doc, must[4].text)].attribution;
    assert_string_equal(speaker_of(&doc, coalition), "");
    assert_string_equal(
        text_of(&doc, doc.attributions[coalition].organisation),
        "قوات التحالف");
    /* events: 275 people surrendered (RETREAT: its size); the 275
     * mercenaries left; the 400 civilians are another clause */
    assert_int_equal(q[find_q(&doc, "275 شخصاً")].event, 0);
    assert_true(ev[0].size == 275);
    assert_true(ev[0].dead == -1 && ev[0].injured == -1 &&
                ev[0].arrested == -1);
    assert_int_equal(q[find_q(&doc, must[4].text)].event, 1);
    assert_int_equal(q[find_q(&doc, "نحو 400 مدني")].event, -1);
    assert_true(ev[1].size == 275);
    /* a fact without an event keeps its date and attribution */
    assert_int_equal(q[find_q(&doc, must[0].text)].event, -1);
    release(&doc);
    hd_doc_free(&doc);
}

/* ----------------------------------------------------- news sentences */

#define MAXQ 3

typedef struct news {
    const char *text;
    size_t n;                 /* quantities expected; AT_LEAST + n: these
                                 n and maybe more */
    qwant q[MAXQ];
} news;

#define AT_LEAST 100

static const news NEWS[] = {
    {"قتل 18 شخصا وأصيب عشرات آخرون بجروح في انفجار سيارتين مفخختين، يقود إحداهما انتحاري، في بغداد امس.", 2,
     {{"18 شخصا", 18, 18, 18, "exact", "شخص", "dead"},
      {"عشرات آخرون", 20, 20, 99, "approx_plural", "آخرون", "injured"}}},
    {"وفي الحلة (100 كلم جنوب بغداد)، ارتفعت حصيلة التفجيرين الانتحاريين، وسط سوق شعبي في المدينة ذات الغالبية الشيعية مساء الخميس الى 73 قتيلا و163 جريحا، حسب مصدر طبي أمس.", 2,
     {{"73 قتيلا", 73, 73, 73, "exact", "قتيل", "dead"},
      {"163 جريحا", 163, 163, 163, "exact", "جريح", "injured"}}},
    {"وقال الجيش الاميركي ان جنوده قتلوا خمسة مسلحين مشتبه فيهم أمس خلال غارة على مصنع للقنابل شمال بغداد دمر في وقت لاحق في ضربة جوية.", 1, {{"خمسة مسلحين", 5, 5, 5, "exact", "مسلحين", "dead"}}},
    {"وفي سامراء (120 كلم شمال بغداد)، أعلنت الشرطة مقتل سبعة أشخاص بينهم امرأة وطفل بتفجير انتحاري بواسطة شاحنة مفخخة في منطقة الحويش التي تبعد 11 كيلومترا شمال غربي سامراء.", 1, {{"سبعة أشخاص", 7, 7, 7, "exact", "أشخاص", "dead"}}},
    {"الى ذلك، اعتقلت القوات الاسرائيلية أمس 9 فلسطينيين بينهم 3 شقيقات في مدن بيت لحم وجنين والخليل ورام الله في الضفة الغربية واختطفت 8 صيادين في عرض بحر غزة ايضا.",
     /* at least: بينهم 3 شقيقات and واختطفت 8 صيادين are people too,
      * which the rules do not reach (see quantity.c) */
     AT_LEAST + 1, {{"9 فلسطينيين", 9, 9, 9, "exact", "فلسطينيين",
                     "arrested"}}},
    {"وقال مصدر في وزارة الدفاع ان «28 شخصا على الاقل قتلوا وأصيب نحو 55 آخرين بجروح، جميعهم من المتطوعين للجيش العراقي جراء هجوم انتحاري مزدوج بحزامين ناسفين».", 2,
     {{"28 شخصا على الاقل", 28, 28, -1, "at_least", "شخص", "dead"},
      {"نحو 55 آخرين", 55, 55, 55, "about", "آخرين", "injured"}}},
    {"ثم يوم 12 مارس (آذار) 1993 لقي نحو 300 مواطن حتفهم في سلسلة تفجيرات منسقة كانت خلفها جماعات إجرامية، استهدفت مواقع مهمة ومرموقة في المدينة.", 1, {{"نحو 300 مواطن", 300, 300, 300, "about", "مواطن", "dead"}}},
    {"وتجمع مئات المتظاهرين امام مبنى مجلس محافظة كركرك وسط المدينة، مطالبين الحكومة التركية والامم المتحدة بالتدخل من اجل وقف الهجمات ورحيل فوري للقوات.", 1, {{"مئات المتظاهرين", 200, 200, 999, "approx_plural",
                  "المتظاهرين", "protesters"}}},
    {"وجاءت النتيجة لتؤكد أن الاعدام كان انتقاما وتصفية حسابات سياسية بحسب 2342 صوتا يمثلون 75 في المائة، بينما اعتبره 16 في المائة عادلا، لكن توقيته كان سيئا، فيما أعرب ثمانية في المائة فقط عن اعتقادهم بأن تنفيذ الاعدام كان مجرد تطبيق للعدالة.", 0, {{NULL, 0, 0, 0, NULL, NULL, NULL}}},
    {"وقامت مجموعة من الشبان برشق عناصر مكافحة الشغب بعشرات الزجاجات الحارقة في احد احياء اثينا، وردت الشرطة باطلاق قنابل مسيلة للدموع وأوقفت نحو 40 متظاهرا قبل ان تطلق سراحهم بعد فترة وجيزة، بحسب الوكالة.", 1, {{"نحو 40 متظاهرا", 40, 40, 40, "about", "متظاهر",
                   "arrested"}}},
    {"ووضعت مدن في باكستان في حالة تأهب قصوى منذ هجوم انتحاري أسفر عن مقتل منفذ الهجوم و28 شخصاً في مسيرة سياسية ببلدة شارسادا في بيشاور ونجا وزير الداخلية أفتاب شيرباو وكذلك نجله من الهجوم الذي يعتقد أن متشددين قبليين من جماعة بيت الله مسعود يقفون وراءه بحسب خبراء في الشؤون الباكستانية.", 1, {{"28 شخصاً", 28, 28, 28, "exact", "شخص", "dead"}}},
    {"وفي سيرت اصيب 32 متظاهرا وثمانية من رجال الشرطة بعدما استخدمت الشرطة الغاز المسيل للدموع في محاولة لفض مزيد من الاحتفالات التي تقول انها اقيمت دون تصريح.", 2,
     {{"32 متظاهرا", 32, 32, 32, "exact", "متظاهر", "injured"},
      {"ثمانية من رجال الشرطة", 8, 8, 8, "exact", "رجال الشرطة", "injured"}}},
    {"اعلنت مصادر أمنية وأخرى طبية عراقية مقتل 18 شخصاً في العراق، بينهم 15 قضوا في هجوم انتحاري بسيارة مفخخة في محافظة ديالى، شمال شرق بغداد، امس.", 2,
     {{"18 شخصاً", 18, 18, 18, "exact", "شخص", "dead"},
      {"15", 15, 15, 15, "exact", "", "dead"}}},
    {"وفي تكريت، أسفر انفجار سيارة ملغومة في وسط المدينة، عن إصابة عشرة بينهم ثلاثة من رجال الشرطة.", 2,
     {{"عشرة", 10, 10, 10, "exact", "", "injured"},
      {"ثلاثة من رجال الشرطة", 3, 3, 3, "exact", "رجال الشرطة", "injured"}}},
};

static void test_news_sentences(void **state)
{
    (void)state;
    hd_doc doc;
    hd_doc_init(&doc);
    for (size_t k = 0; k < sizeof NEWS / sizeof NEWS[0]; k++) {
        const news *w = &NEWS[k];
        analyse(&doc, w->text);
        code(&doc, NULL, 0);
        size_t want = w->n >= AT_LEAST ? w->n - AT_LEAST : w->n;
        if (w->n >= AT_LEAST ? doc.n_quantities < want
                             : doc.n_quantities != want) {
            for (size_t i = 0; i < doc.n_quantities; i++)
                print_message("  have: %s\n",
                              text_of(&doc, doc.quantities[i].span));
            fail_msg("sentence %zu: %zu quantities, want %zu", k + 1,
                     doc.n_quantities, want);
        }
        for (size_t i = 0; i < want; i++)
            check_q(&doc, &w->q[i]);
    }
    hd_doc_free(&doc);
}

/* Quantities inside reported words carry the attribution. */
static void test_news_attribution(void **state)
{
    (void)state;
    hd_doc doc;
    hd_doc_init(&doc);
    static const struct {
        size_t sentence;
        const char *quantity, *cue, *role, *org, *outlet;
    } cases[] = {
        {1, "73 قتيلا", "حسب", "مصدر طبي", "", ""},
        {2, "خمسة مسلحين", "وقال", "", "الجيش الاميركي", ""},
        {5, "نحو 55 آخرين", "وقال", "مصدر في وزارة الدفاع", "وزارة الدفاع",
         ""},
        {9, "نحو 40 متظاهرا", "بحسب", "", "", "الوكالة"},
        {0, "18 شخصا", NULL, NULL, NULL, NULL},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        analyse(&doc, NEWS[cases[k].sentence].text);
        code(&doc, NULL, 0);
        const hd_quantity *q = &doc.quantities[find_q(&doc, cases[k].quantity)];
        if (!cases[k].cue) {
            assert_int_equal(q->attribution, -1);
            continue;
        }
        assert_true(q->attribution >= 0);
        const hd_attribution *a = &doc.attributions[q->attribution];
        assert_string_equal(text_of(&doc, a->cue), cases[k].cue);
        assert_string_equal(text_of(&doc, a->role), cases[k].role);
        assert_string_equal(text_of(&doc, a->organisation), cases[k].org);
        assert_string_equal(text_of(&doc, a->outlet), cases[k].outlet);
    }
    hd_doc_free(&doc);
}

/* What the quantities add to the events of their clauses. */
static void test_news_events(void **state)
{
    (void)state;
    hd_doc doc;
    hd_doc_init(&doc);
    hd_event ev[1];

    /* قتل 18 شخصا وأصيب عشرات آخرون بجروح في انفجار ... */
    analyse(&doc, NEWS[0].text);
    ev[0] = hand_event(&doc, "انفجار", NULL, "ASSAULT");
    code(&doc, ev, 1);
    assert_true(ev[0].dead == 18 && ev[0].injured == 20);
    assert_true(ev[0].arrested == -1 && ev[0].size == -1);
    release(&doc);

    /* وتجمع مئات المتظاهرين: the size of the protest, its lower bound */
    analyse(&doc, NEWS[7].text);
    ev[0] = hand_event(&doc, "وتجمع", NULL, "PROTEST");
    code(&doc, ev, 1);
    assert_true(ev[0].size == 200 && ev[0].dead == -1);
    release(&doc);

    /* وأوقفت نحو 40 متظاهرا: arrested, not the size of anything */
    analyse(&doc, NEWS[9].text);
    ev[0] = hand_event(&doc, "وأوقفت", NULL, "COERCE");
    code(&doc, ev, 1);
    assert_true(ev[0].arrested == 40 && ev[0].size == -1);
    assert_int_equal(doc.quantities[0].event, 0);
    release(&doc);

    /* مقتل 18 شخصاً في العراق، بينهم 15 قضوا ...: 15 are among the 18 */
    analyse(&doc, NEWS[12].text);
    ev[0] = hand_event(&doc, "مقتل", NULL, "ASSAULT");
    code(&doc, ev, 1);
    assert_true(ev[0].dead == 18);
    release(&doc);

    /* انفجار ...، عن إصابة عشرة بينهم ثلاثة من رجال الشرطة: a casualty
     * count reaches the event across the comma; the three are among ten */
    analyse(&doc, NEWS[13].text);
    ev[0] = hand_event(&doc, "انفجار", NULL, "ASSAULT");
    code(&doc, ev, 1);
    assert_true(ev[0].injured == 10 && ev[0].dead == -1);
    release(&doc);

    /* اعتقلت القوات الاسرائيلية أمس 9 فلسطينيين */
    analyse(&doc, NEWS[4].text);
    ev[0] = hand_event(&doc, "اعتقلت", NULL, "COERCE");
    code(&doc, ev, 1);
    assert_true(ev[0].arrested == 9);
    release(&doc);
    /* an event with no quantity of people in its sentence (2342 صوتا، 75
     * في المائة): all four unknown */
    analyse(&doc, NEWS[8].text);
    ev[0] = hand_event(&doc, "الاعدام", NULL, "COERCE");
    code(&doc, ev, 1);
    assert_true(ev[0].dead == -1 && ev[0].injured == -1 &&
                ev[0].arrested == -1 && ev[0].size == -1);
    release(&doc);
    hd_doc_free(&doc);
}

static void test_lists(void **state)
{
    (void)state;
    assert_int_equal(g_counted.n_skipped, 0);
    assert_true(g_counted.n > 300);
    static const char *const names[] = {"civilians", "fighters", "people",
                                        "protesters", "dead", "injured",
                                        "arrested"};
    for (int t = HD_CT_CIVILIANS; t <= HD_CT_ARRESTED; t++)
        assert_string_equal(hd_quantity_category_name(t), names[t]);
    assert_null(hd_quantity_category_name(HD_CT_UNIT));
    hd_error err;
    hd_doc doc;
    hd_doc_init(&doc);
    assert_int_equal(hd_code_quantities(&doc, NULL, &err), -1);
    hd_doc_free(&doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lists),
        cmocka_unit_test(test_seed),
        cmocka_unit_test(test_news_sentences),
        cmocka_unit_test(test_news_attribution),
        cmocka_unit_test(test_news_events),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
