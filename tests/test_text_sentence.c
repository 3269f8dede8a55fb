/* test_text_sentence.c: sentence boundaries and quotations, on the seed
 * article and on the traps of Arabic news punctuation. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "doc/doc.h"
#include "hadath.h"
#include "testutil.h"

static hd_doc *doc_of(const char *text)
{
    hd_doc *d = malloc(sizeof *d);
    hd_error err;
    hd_doc_init(d);
    assert_int_equal(hd_doc_set_text(d, text, strlen(text), &err), 0);
    assert_int_equal(hd_text_analyze(d, NULL, &err), 0);
    return d;
}

static void done(hd_doc *d)
{
    hd_doc_free(d);
    free(d);
}

/* Checks sentence i's text. */
static void sent(const hd_doc *d, size_t i, const char *want)
{
    assert_true(i < d->n_sentences);
    const hd_sentence *s = &d->sentences[i];
    size_t n = strlen(want);
    if (s->end - s->start != n || memcmp(d->text + s->start, want, n) != 0)
        fail_msg("sentence %zu is '%.*s', want '%s'", i,
                 (int)(s->end - s->start), d->text + s->start, want);
    /* its tokens span exactly its text */
    assert_true(s->tok_count > 0);
    assert_int_equal(d->tokens[s->tok_first].start, s->start);
    assert_int_equal(d->tokens[s->tok_first + s->tok_count - 1].end, s->end);
}

static uint32_t offset_of(const hd_doc *d, const char *needle)
{
    const char *p = strstr(d->text, needle);
    assert_non_null(p);
    return (uint32_t)(p - d->text);
}

/* The seed's quotation that spans two sentences. */
static void quote_across_sentences(void **state)
{
    (void)state;
    const char *para =
        "وأضاف \"لم يعد هناك سوى 250 إلى 300 إرهابي أجنبي من الذين رفضوا "
        "الاتفاق وقرروا متابعة القتال حتى آخر لحظة. وبقي معهم أفراد من "
        "عائلاتهم\".";
    hd_doc *d = doc_of(para);
    uint32_t open = offset_of(d, "\"لم");
    assert_int_equal(d->n_sentences, 2);
    sent(d, 0, "وأضاف \"لم يعد هناك سوى 250 إلى 300 إرهابي أجنبي من الذين "
               "رفضوا الاتفاق وقرروا متابعة القتال حتى آخر لحظة.");
    sent(d, 1, "وبقي معهم أفراد من عائلاتهم\".");
    /* the first merely contains the quotation, after its reporting verb */
    assert_int_equal(d->sentences[0].in_quote, 0);
    assert_int_equal(d->sentences[0].quote_start, -1);
    /* the second begins inside it */
    assert_int_equal(d->sentences[1].in_quote, 1);
    assert_int_equal(d->sentences[1].quote_start, open);
    /* one quotation, from its opening mark to its closing mark */
    assert_int_equal(d->n_quotes, 1);
    assert_int_equal(d->quotes[0].start, open);
    assert_int_equal(d->quotes[0].end, offset_of(d, "\".") + 1);
    assert_int_equal(d->quotes[0].sentence_first, 0);
    assert_int_equal(d->quotes[0].sentence_last, 1);
    done(d);
}

static void seed_article(void **state)
{
    (void)state;
    char path[1024];
    char *text = tu_read_file(tu_shared(path, sizeof path, "seed/raqqa.txt"),
                              NULL);
    assert_non_null(text);
    hd_doc *d = doc_of(text);
    /* 19 non-empty lines, one of them two sentences */
    assert_int_equal(d->n_zones, 19);
    assert_int_equal(d->n_sentences, 20);
    sent(d, 0, "قوات سوريا الديمقراطية تطلق \"معركتها الأخيرة\" في الرقة");
    sent(d, 2, "شنت قوات سوريا الديمقراطية المدعومة من الولايات المتحدة، "
               "هجومها الأخير على مسلحي تنظيم ما يعرف بالدولة الإسلامية في "
               "الرقة.");
    sent(d, 19, "المزيد حول هذه القصة");
    /* sentences follow their zones, never across them */
    for (size_t i = 0; i < d->n_sentences; i++) {
        const hd_sentence *s = &d->sentences[i];
        const hd_zone *z = &d->zones[s->paragraph];
        assert_true(s->start >= z->start && s->end <= z->end);
        assert_int_equal(s->section, HD_SEC_BODY);
        if (i)
            assert_true(s->start >= d->sentences[i - 1].end);
    }
    /* ten quotations; only the sentence after لحظة. is in_quote */
    assert_int_equal(d->n_quotes, 10);
    size_t in_quote = 0;
    for (size_t i = 0; i < d->n_sentences; i++)
        in_quote += d->sentences[i].in_quote;
    assert_int_equal(in_quote, 1);
    assert_int_equal(d->sentences[6].in_quote, 1);
    /* أشارت إلى أن"275 من المرتزقة وعائلاتهم" غادروا: a glued opening quote */
    const hd_quote *q = &d->quotes[8];
    assert_int_equal(q->start, offset_of(d, "\"275"));
    assert_int_equal(q->end, offset_of(d, "\" غادروا") + 1);
    free(text);
    done(d);
}

static void decimals_and_abbreviations(void **state)
{
    (void)state;
    hd_doc *d = doc_of("ارتفع المؤشر 3.5 في المئة. وقال د. محمد إن U.S. Army "
                       "وصل. انتهى");
    assert_int_equal(d->n_sentences, 3);
    sent(d, 0, "ارتفع المؤشر 3.5 في المئة.");
    sent(d, 1, "وقال د. محمد إن U.S. Army وصل.");
    sent(d, 2, "انتهى");
    done(d);

    d = doc_of("ولد عام 1950 م. في القاهرة. زار موقع bbc.com أمس.");
    assert_int_equal(d->n_sentences, 2);
    sent(d, 0, "ولد عام 1950 م. في القاهرة.");
    done(d);
}

static void closing_marks_stay_behind(void **state)
{
    (void)state;
    hd_doc *d = doc_of("قال \"انتهى الأمر.\" ثم غادر (بعد الظهر.) وعاد.");
    assert_int_equal(d->n_sentences, 3);
    sent(d, 0, "قال \"انتهى الأمر.\"");
    sent(d, 1, "ثم غادر (بعد الظهر.)");
    sent(d, 2, "وعاد.");
    assert_int_equal(d->sentences[1].in_quote, 0);
    done(d);

    /* a question inside a quotation followed by a comma goes on */
    d = doc_of("\"هل انتهى؟\"، قال الوزير. ثم سكت!");
    assert_int_equal(d->n_sentences, 2);
    sent(d, 0, "\"هل انتهى؟\"، قال الوزير.");
    assert_int_equal(d->sentences[0].in_quote, 1); /* opens with the mark */
    assert_int_equal(d->sentences[0].quote_start, 0);
    sent(d, 1, "ثم سكت!");
    done(d);
}

static void terminators(void **state)
{
    (void)state;
    hd_doc *d = doc_of("لماذا؟ لا أعرف! حقاً؟! ربما… ولكن۔ نعم");
    assert_int_equal(d->n_sentences, 6);
    sent(d, 0, "لماذا؟");
    sent(d, 1, "لا أعرف!");
    sent(d, 2, "حقاً؟!");
    sent(d, 3, "ربما…");
    sent(d, 4, "ولكن۔");
    sent(d, 5, "نعم");
    done(d);
}

static void guillemets_and_curly_quotes(void **state)
{
    (void)state;
    hd_doc *d = doc_of("قال «أولاً. ثانياً» ثم “هذا. وذاك”.");
    /* قال «أولاً. | ثانياً» ثم “هذا. | وذاك”. */
    assert_int_equal(d->n_sentences, 3);
    assert_int_equal(d->sentences[0].in_quote, 0);
    assert_int_equal(d->sentences[1].in_quote, 1);
    assert_int_equal(d->sentences[1].quote_start, offset_of(d, "«"));
    assert_int_equal(d->sentences[2].in_quote, 1);
    assert_int_equal(d->sentences[2].quote_start, offset_of(d, "“"));
    assert_int_equal(d->n_quotes, 2);
    assert_int_equal(d->quotes[0].sentence_first, 0);
    assert_int_equal(d->quotes[0].sentence_last, 1);
    assert_int_equal(d->quotes[1].sentence_first, 1);
    assert_int_equal(d->quotes[1].sentence_last, 2);
    done(d);

    /* a closing guillemet typed first, glued to the word after it, opens */
    d = doc_of("وصفها بـ»الخلافة« أمس.");
    assert_int_equal(d->n_quotes, 1);
    assert_int_equal(d->quotes[0].start, offset_of(d, "»"));
    done(d);
}

static void zones_close_quotations(void **state)
{
    (void)state;
    /* the first paragraph never closes its quotation */
    hd_doc *d = doc_of("وقال \"بدأ الهجوم على المدينة.\nوأكد مصدر أن الهجوم بدأ.");
    assert_int_equal(d->n_zones, 2);
    assert_int_equal(d->n_sentences, 2);
    assert_int_equal(d->n_quotes, 1);
    assert_int_equal(d->quotes[0].end, d->zones[0].end);
    assert_int_equal(d->quotes[0].sentence_last, 0);
    assert_int_equal(d->sentences[1].in_quote, 0);
    assert_int_equal(d->sentences[1].paragraph, 1);
    done(d);
}

static void blank_line_inside_a_zone(void **state)
{
    (void)state;
    const char *text = "العنوان بلا نقطة\n\nقال \"نص مفتوح\n\nفقرة ثانية";
    hd_doc *d = malloc(sizeof *d);
    hd_error err;
    hd_doc_init(d);
    assert_int_equal(hd_doc_set_text(d, text, strlen(text), &err), 0);
    d->n_zones = 0; /* one zone over everything, as a reader may make */
    hd_doc_add_zone(d, 0, d->len, HD_SEC_BODY);
    assert_int_equal(hd_text_analyze(d, NULL, &err), 0);
    assert_int_equal(d->n_sentences, 3);
    sent(d, 0, "العنوان بلا نقطة");
    sent(d, 1, "قال \"نص مفتوح");
    sent(d, 2, "فقرة ثانية");
    assert_int_equal(d->n_quotes, 1);
    assert_int_equal(d->quotes[0].end, offset_of(d, "\n\nفقرة"));
    assert_int_equal(d->sentences[2].in_quote, 0);
    done(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(quote_across_sentences),
        cmocka_unit_test(seed_article),
        cmocka_unit_test(decimals_and_abbreviations),
        cmocka_unit_test(closing_marks_stay_behind),
        cmocka_unit_test(terminators),
        cmocka_unit_test(guillemets_and_curly_quotes),
        cmocka_unit_test(zones_close_quotations),
        cmocka_unit_test(blank_line_inside_a_zone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
