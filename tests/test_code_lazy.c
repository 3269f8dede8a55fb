/* test_code_lazy.c: hd_code_ex(HD_CODE_EVENTS_ONLY) skips only what no
 * event reads (include/hadath.h).
 *
 * `hadath code` and eval ask for the events only, and the stages then
 * leave out the sentences without events. What an event takes from such a
 * sentence must still reach it:
 *   - a dateline place (the first body sentence) for an event whose
 *     sentence names none;
 *   - the speaker of an earlier reporting verb, carried over by وأضاف;
 *   - a quotation's speaker from the verb after it, in the sentence where
 *     the quotation closes ("...»، قال ضابط");
 *   - the antecedent of an anaphor (التنظيم) named in an earlier sentence;
 *   - the votes of other sentences for the document's countries, which
 *     decide a name with two towns (الرقة: Syria's or Kuwait's).
 * Each is checked on an event, and every event line is compared with
 * hd_code's, on these texts, the seed article and the first 300 corpus
 * articles. hd_code itself (analyze, the store) still lists everything.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "code/code.h"
#include "out/analyze.h"
#include "out/event.h"
#include "testutil.h"

static hd_lexicon *lx;

static int open_lexicon(void **state)
{
    (void)state;
    hd_error err;
    hd_error_clear(&err);
    lx = hd_lexicon_open(HD_SOURCE_DIR "/data", &err);
    return lx ? 0 : -1;
}

static int close_lexicon(void **state)
{
    (void)state;
    hd_lexicon_close(lx);
    return 0;
}

/* Paragraphs (one body zone each, as hd_doc_set_text makes them). */
static const char *const REPORT =
    /* 0: dateline, no event */
    "بغداد (رويترز) - تشهد العاصمة العراقية أجواء من التوتر منذ أسابيع.\n\n"
    /* 1: an actor, a region and a year, no event */
    "ينشط تنظيم الدولة الإسلامية في محافظة الأنبار منذ عام 2014.\n\n"
    /* 2: a speaker, no event */
    "وقال المتحدث باسم قيادة العمليات المشتركة العميد يحيى رسول إن الوضع "
    "تحت السيطرة.\n\n"
    /* 3: events: التنظيم, no place, وأضاف */
    "وأضاف أن التنظيم هاجم نقطة تفتيش للشرطة يوم الخميس وقتل ثلاثة من "
    "عناصرها.\n\n"
    /* 4: an event inside a quotation that 5 closes and attributes */
    "«قتل مسلحون اثنين من رجال الشرطة في الرمادي. لم يكن هناك أحد غيرهم»، "
    "قال ضابط في الشرطة.\n\n"
    /* 6: a place, a person and a date, no event */
    "وتقع الرمادي غرب بغداد، وزارها رئيس الوزراء العراقي حيدر العبادي أمس.";

/* Kuwait named only in a sentence without events. */
static const char *const KUWAIT =
    "شهدت البلاد أمس يوما هادئا.\n\n"
    "وقال وزير الداخلية الكويتي إن الكويت تراقب الوضع في الكويت.\n\n"
    "وقتل مسلحون اثنين من رجال الشرطة في الرقة.";

/* need HD_CODE_ALL goes through hd_code, the default analyze and the
 * store call. */
static void code_text(hd_doc *doc, const char *text, int need)
{
    hd_error err;
    hd_error_clear(&err);
    hd_doc_init(doc);
    assert_int_equal(hd_doc_set_text(doc, text, strlen(text), &err), 0);
    doc->date = "2017-10-15";
    assert_int_equal(hd_text_analyze(doc, NULL, &err), 0);
    assert_int_equal(need == HD_CODE_ALL ? hd_code(lx, doc, &err)
                                         : hd_code_ex(lx, doc, need, &err),
                     0);
}

static int span_is(const hd_doc *doc, hd_span s, const char *text)
{
    size_t n = strlen(text);
    return s.end - s.start == n && memcmp(doc->text + s.start, text, n) == 0;
}

/* The event whose trigger reads `trigger`; fails the test when none. */
static const hd_event *event_of(const hd_doc *doc, const char *trigger)
{
    for (size_t i = 0; i < doc->n_events; i++)
        if (span_is(doc, doc->events[i].trigger, trigger))
            return &doc->events[i];
    fail_msg("no event triggered by %s", trigger);
    return NULL;
}

static const hd_place *place_of(const hd_doc *doc, const hd_event *e)
{
    assert_true(e->place >= 0 && (size_t)e->place < doc->n_places);
    return &doc->places[e->place];
}

static const hd_attribution *said_by(const hd_doc *doc, const hd_event *e)
{
    assert_true(e->attribution >= 0 &&
                (size_t)e->attribution < doc->n_attributions);
    return &doc->attributions[e->attribution];
}

/* Every event line of the two documents, byte for byte. */
static void same_events(const hd_doc *all, const hd_doc *lazy)
{
    hd_buf a = {0}, b = {0};
    hd_out_events_jsonl(&a, all);
    hd_out_events_jsonl(&b, lazy);
    assert_int_equal(all->n_events, lazy->n_events);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.data, b.data, a.len);
    hd_buf_free(&a);
    hd_buf_free(&b);
}

/* The same, against text coded afresh with HD_CODE_ALL. */
static void same_events_as_all(const hd_doc *lazy, const char *text)
{
    hd_doc all;
    code_text(&all, text, HD_CODE_ALL);
    same_events(&all, lazy);
    hd_doc_free(&all);
}

static void earlier_sentences_still_reach_events(void **state)
{
    (void)state;
    hd_doc doc;
    code_text(&doc, REPORT, HD_CODE_EVENTS_ONLY);
    const hd_event *attack = event_of(&doc, "هاجم");
    /* التنظيم is the group named in sentence 1, which has no event */
    assert_string_equal(attack->source.code, "IMGMUSISI");
    /* no place in its sentence: the dateline's */
    assert_string_equal(place_of(&doc, attack)->name, "Baghdad");
    /* وأضاف: the speaker of sentence 2 */
    assert_true(span_is(&doc, said_by(&doc, attack)->speaker, "يحيى رسول"));
    assert_string_equal(attack->date, "2017-10-12"); /* يوم الخميس */
    assert_true(event_of(&doc, "وقتل")->dead == 3);
    /* the quotation is attributed by the sentence that closes it */
    const hd_event *quoted = event_of(&doc, "قتل");
    assert_int_equal(quoted->sentence, 4);
    assert_true(span_is(&doc, said_by(&doc, quoted)->role, "ضابط في الشرطة"));
    assert_string_equal(place_of(&doc, quoted)->name, "Ramadi");
    assert_true(quoted->dead == 2);
    same_events_as_all(&doc, REPORT);
    hd_doc_free(&doc);
}

static void other_sentences_still_vote(void **state)
{
    (void)state;
    hd_doc doc;
    code_text(&doc, KUWAIT, HD_CODE_EVENTS_ONLY);
    assert_int_equal(doc.n_events, 1);
    const hd_place *p = place_of(&doc, &doc.events[0]);
    /* الرقة of Kuwait (Ar Riqqah), by the votes of sentence 1 alone;
     * without them it is Raqqa, Syria */
    assert_string_equal(p->country_code, "KW");
    same_events_as_all(&doc, KUWAIT);
    hd_doc_free(&doc);
}

/* hd_code (analyze, the store) keeps the lists whole, events or not. */
static void hd_code_lists_everything(void **state)
{
    (void)state;
    hd_doc doc, lazy;
    code_text(&doc, REPORT, HD_CODE_ALL);
    code_text(&lazy, REPORT, HD_CODE_EVENTS_ONLY);
    /* the places of sentences 1 and 6, with no event */
    int anbar = 0, ramadi6 = 0, abadi = 0;
    for (size_t i = 0; i < doc.n_places; i++) {
        anbar += strcmp(doc.places[i].name, "Al Anbar") == 0;
        ramadi6 += doc.places[i].sentence == 6;
    }
    assert_int_equal(anbar, 1);
    assert_int_equal(ramadi6, 2); /* الرمادي, بغداد */
    /* their dates: منذ عام 2014, أمس */
    assert_int_equal(doc.n_dates, 3);
    assert_int_equal(doc.dates[0].sentence, 1);
    assert_string_equal(doc.dates[2].date, "2017-10-14");
    assert_int_equal(doc.n_attributions, 3);
    for (size_t i = 0; i < doc.n_actors; i++)
        abadi += span_is(&doc, doc.actors[i].span, "حيدر العبادي");
    assert_int_equal(abadi, 1);
    /* and so does analyze's record of it */
    hd_buf out = {0};
    hd_out_analyze(&out, &doc, HD_ANALYZE_CODED);
    hd_buf_putc(&out, '\0');
    assert_non_null(strstr(out.data, "Al Anbar"));
    assert_non_null(strstr(out.data, "منذ عام 2014"));
    assert_non_null(strstr(out.data, "حيدر العبادي"));
    /* while the events alone need less: the lists are cut */
    assert_true(lazy.n_dates < doc.n_dates);
    assert_true(lazy.n_places < doc.n_places);
    assert_true(lazy.n_actors < doc.n_actors);
    hd_buf_free(&out);
    hd_doc_free(&lazy);
    hd_doc_free(&doc);
}

static void no_events_no_lists(void **state)
{
    (void)state;
    static const char *const calm =
        "بغداد (رويترز) - تشهد العاصمة العراقية أجواء من التوتر منذ "
        "أسابيع.\n\nوزار رئيس الوزراء العراقي حيدر العبادي الرمادي أمس.";
    hd_doc doc;
    code_text(&doc, calm, HD_CODE_EVENTS_ONLY);
    assert_int_equal(doc.n_events, 0);
    assert_int_equal(doc.n_places + doc.n_dates + doc.n_attributions +
                         doc.n_quantities, 0);
    hd_doc_free(&doc);
    code_text(&doc, calm, HD_CODE_ALL);
    assert_int_equal(doc.n_events, 0);
    assert_true(doc.n_places >= 2 && doc.n_dates == 1);
    hd_doc_free(&doc);
}

static void seed_article_same_events(void **state)
{
    (void)state;
    char path[4096];
    char *text = tu_read_file(tu_repo(path, sizeof path, "examples/raqqa.txt"),
                              NULL);
    assert_non_null(text);
    hd_doc all, lazy;
    code_text(&all, text, HD_CODE_ALL);
    code_text(&lazy, text, HD_CODE_EVENTS_ONLY);
    assert_true(all.n_events > 0);
    same_events(&all, &lazy);
    hd_doc_free(&all);
    hd_doc_free(&lazy);
    free(text);
}

/* The first 300 corpus articles, each read twice (title and body zones,
 * as `hadath code` reads them): the same event lines either way. */
static void corpus_same_events(void **state)
{
    (void)state;
    char path[4096];
    hd_error err;
    hd_error_clear(&err);
    const char *corpus = tu_shared(path, sizeof path,
                                   "corpus/ant-news-ar.jsonl.gz");
    hd_reader *ra = hd_reader_open(corpus, HD_FMT_JSONL, &err);
    hd_reader *rb = hd_reader_open(corpus, HD_FMT_JSONL, &err);
    if (!ra || !rb)
        fail_msg("%s: %s", corpus, err.msg);
    hd_doc all, lazy;
    hd_doc_init(&all);
    hd_doc_init(&lazy);
    size_t docs = 0, events = 0, cut = 0;
    while (docs < 300 && hd_reader_next(ra, &all, &err) == 1) {
        assert_int_equal(hd_reader_next(rb, &lazy, &err), 1);
        assert_int_equal(hd_text_analyze(&all, NULL, &err), 0);
        assert_int_equal(hd_text_analyze(&lazy, NULL, &err), 0);
        assert_int_equal(hd_code(lx, &all, &err), 0);
        assert_int_equal(hd_code_ex(lx, &lazy, HD_CODE_EVENTS_ONLY, &err), 0);
        same_events(&all, &lazy);
        cut += lazy.n_places + lazy.n_dates < all.n_places + all.n_dates;
        events += all.n_events;
        docs++;
    }
    hd_reader_close(ra);
    hd_reader_close(rb);
    assert_int_equal(docs, 300);
    assert_true(events > 300);
    assert_true(cut > 150); /* the stages did skip */
    hd_doc_free(&all);
    hd_doc_free(&lazy);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(earlier_sentences_still_reach_events),
        cmocka_unit_test(other_sentences_still_vote),
        cmocka_unit_test(hd_code_lists_everything),
        cmocka_unit_test(no_events_no_lists),
        cmocka_unit_test(seed_article_same_events),
        cmocka_unit_test(corpus_same_events),
    };
    return cmocka_run_group_tests(tests, open_lexicon, close_lexicon);
}
