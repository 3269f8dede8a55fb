/* test_code_entity.c: one actor across a document, whatever it is called.
 *
 * Issue 5, item 1: aliases and spellings resolve to one actor; a later
 * bare head noun (التنظيم، المدينة) is the last named actor or place of its
 * kind; an actor's code follows the article date. Expectations were
 * written by reading the seed article (examples/raqqa.txt, BBC Arabic, 15
 * October 2017) and the dictionary entries named below.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code/code.h"
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

/* Codes text (file contents or a literal) as of date into doc. */
static void code_text(hd_doc *doc, const char *text, const char *date)
{
    hd_error err;
    hd_error_clear(&err);
    hd_doc_init(doc);
    assert_int_equal(hd_doc_set_text(doc, text, strlen(text), &err), 0);
    doc->date = date;
    assert_int_equal(hd_text_analyze(doc, NULL, &err), 0);
    assert_int_equal(hd_code(lx, doc, &err), 0);
}

static int text_is(const hd_doc *doc, const hd_actor *a, const char *s)
{
    size_t n = strlen(s);
    return a->span.end - a->span.start == n &&
           memcmp(doc->text + a->span.start, s, n) == 0;
}

/* The entity of the n-th actor mention (0-based) whose text is s. */
static const char *entity_of(const hd_doc *doc, const char *s, int nth)
{
    for (size_t i = 0; i < doc->n_actors; i++)
        if (text_is(doc, &doc->actors[i], s) && nth-- == 0)
            return doc->actors[i].entity ? doc->actors[i].entity : "(null)";
    return "(absent)";
}

static void seed_spellings_are_one_actor(void **state)
{
    (void)state;
    char path[4096];
    char *text = tu_read_file(tu_repo(path, sizeof path, "examples/raqqa.txt"), NULL);
    assert_non_null(text);
    hd_doc doc;
    code_text(&doc, text, "2017-10-15");
    /* the SDF, spelled with ديمقراطية and ديموقراطية */
    const char *sdf = entity_of(&doc, "قوات سوريا الديمقراطية", 0);
    assert_string_equal(sdf, "قوات سوريا الديمقراطية");
    assert_string_equal(entity_of(&doc, "قوات سوريا الديموقراطية", 0), sdf);
    /* the Islamic State: its local fighters (مقاتلين محليين من تنظيم الدولة
     * الإسلامية, its long name), its short name, داعش, and the bare
     * التنظيم that points back to it */
    const char *is =
        entity_of(&doc, "ومقاتلين محليين من تنظيم الدولة الإسلامية", 0);
    assert_string_not_equal(is, "(null)");
    assert_string_not_equal(is, "(absent)");
    assert_string_equal(entity_of(&doc, "تنظيم الدولة", 0), is);
    assert_string_equal(entity_of(&doc, "داعش", 0), is);
    assert_string_equal(entity_of(&doc, "مسلحي تنظيم ما يعرف بالدولة الإسلامية", 0), is);
    assert_string_equal(entity_of(&doc, "التنظيم", 0), is);
    assert_string_equal(entity_of(&doc, "التنظيم", 1), is);
    /* the coalition spokesman, first with his full name, then without */
    assert_string_equal(entity_of(&doc, "الكولونيل ديلون", 0),
                        entity_of(&doc, "الكولونيل ريان ديلون", 0));
    /* المدينة is the city named last: Raqqa */
    assert_string_equal(entity_of(&doc, "المدينة", 0), "الرقة");
    /* Syrian fighters are not the state of Syria: an agent that changes
     * the code makes an actor with no entry of its own */
    assert_string_equal(entity_of(&doc, "مقاتلين سوريين", 0), "(null)");
    hd_doc_free(&doc);
    free(text);
}

/* The anaphor takes the antecedent's code too, across sentences. */
static void anaphor_takes_code_across_sentences(void **state)
{
    (void)state;
    hd_doc doc;
    code_text(&doc,
              "أعلن تنظيم الدولة الإسلامية مسؤوليته عن الهجوم. "
              "وقال مسؤول محلي إن التنظيم نشر مقاتليه في المنطقة.",
              "2017-10-15");
    int seen = 0;
    for (size_t i = 0; i < doc.n_actors; i++)
        if (text_is(&doc, &doc.actors[i], "التنظيم")) {
            assert_string_equal(doc.actors[i].code, "IMGMUSISI");
            seen = 1;
        }
    assert_true(seen);
    hd_doc_free(&doc);
}

/* A head noun whose own word no earlier actor holds points back to the
 * last actor of its kind: the organisation after داعش, the movement after
 * حماس, the forces after the Iraqi army; and الجيش, which alone is a lone
 * agent with no country, after the Iraqi army is that army. */
static void anaphor_of_its_kind(void **state)
{
    (void)state;
    hd_doc doc;
    code_text(&doc,
              "شن داعش هجوما على بلدة الباغوز. "
              "وقال التنظيم إن مقاتليه سيطروا على البلدة. "
              "أطلقت حماس صواريخ على عسقلان. "
              "وقالت الحركة إن القصف رد على الغارات. "
              "قصف الجيش العراقي مواقع المسلحين. "
              "وقال الجيش إن القوات قتلت عشرة مسلحين.",
              "2019-03-01");
    assert_string_equal(entity_of(&doc, "التنظيم", 0), "داعش");
    assert_string_equal(entity_of(&doc, "الحركة", 0), "حماس");
    const char *army = entity_of(&doc, "الجيش العراقي", 0);
    assert_string_equal(army, "الجيش العراقي");
    assert_string_equal(entity_of(&doc, "الجيش", 0), army);
    assert_string_equal(entity_of(&doc, "القوات", 0), army);
    for (size_t i = 0; i < doc.n_actors; i++)
        if (text_is(&doc, &doc.actors[i], "القوات")) {
            assert_string_equal(doc.actors[i].country, "IRQ");
            assert_string_equal(doc.actors[i].sector, "MIL");
        }
    hd_doc_free(&doc);
    /* in one sentence too, and a police force is not an army */
    code_text(&doc,
              "اعتقلت الشرطة العراقية عشرة مسلحين، وقالت الشرطة إن الجيش "
              "لم يشارك.",
              "2008-01-01");
    assert_string_equal(entity_of(&doc, "الشرطة", 0),
                        entity_of(&doc, "الشرطة العراقية", 0));
    int police = 0;
    for (size_t i = 0; i < doc.n_actors; i++) {
        if (text_is(&doc, &doc.actors[i], "الجيش"))
            assert_string_equal(doc.actors[i].country, "");
        if (text_is(&doc, &doc.actors[i], "الشرطة")) {
            assert_string_equal(doc.actors[i].country, "IRQ");
            assert_string_equal(doc.actors[i].sector, "COP");
            police = 1;
        }
    }
    assert_true(police);
    hd_doc_free(&doc);
    /* القوات after the SDF is the SDF (its own noun, a rebel force); الجيش
     * after the Free Syrian Army is not that army: the bare army of Syrian
     * news is the state's, so a lone army agent takes only an army (MIL) */
    code_text(&doc,
              "سيطر الجيش السوري الحر على البلدة. وقال الجيش إن المعارك "
              "توقفت. وتحاصر قوات سوريا الديمقراطية المدينة، وقالت القوات "
              "إن الهجوم بدأ.",
              "2017-10-15");
    assert_string_equal(entity_of(&doc, "القوات", 0),
                        entity_of(&doc, "قوات سوريا الديمقراطية", 0));
    for (size_t i = 0; i < doc.n_actors; i++)
        if (text_is(&doc, &doc.actors[i], "الجيش"))
            assert_string_equal(doc.actors[i].country, "");
    hd_doc_free(&doc);
}

/* actor_dict_ar_v4.txt codes مشرف PAKGOV from 1999-10-12 to 2008-08-18
 * (president) and PAKCVLELI after it: the article date picks the code. */
static void date_ranges_follow_the_article_date(void **state)
{
    (void)state;
    const char *text = "وقال مشرف إن الحكومة ستواصل الحرب على الإرهاب.";
    hd_doc doc;
    code_text(&doc, text, "2005-06-01");
    assert_true(doc.n_actors > 0);
    assert_string_equal(doc.actors[0].country, "PAK");
    assert_string_equal(doc.actors[0].sector, "GOV");
    hd_doc_free(&doc);
    code_text(&doc, text, "2010-06-01");
    assert_true(doc.n_actors > 0);
    assert_string_equal(doc.actors[0].country, "PAK");
    assert_string_not_equal(doc.actors[0].sector, "GOV");
    hd_doc_free(&doc);
    /* hadath.actors.ar.txt: جيش الإسلام is Gaza's Army of Islam before the
     * Syrian coalition of that name was formed (September 2013) */
    const char *aoi = "اغتال الطيران الاسرائيلي خمسة من جيش الإسلام.";
    code_text(&doc, aoi, "2007-12-20");
    assert_string_equal(entity_of(&doc, "جيش الإسلام", 0), "جيش الإسلام");
    for (size_t i = 0; i < doc.n_actors; i++)
        if (text_is(&doc, &doc.actors[i], "جيش الإسلام"))
            assert_string_equal(doc.actors[i].country, "PSE");
    hd_doc_free(&doc);
    code_text(&doc, aoi, "2016-02-01");
    assert_string_equal(entity_of(&doc, "جيش الإسلام", 0), "جيش الإسلام");
    for (size_t i = 0; i < doc.n_actors; i++)
        if (text_is(&doc, &doc.actors[i], "جيش الإسلام"))
            assert_string_equal(doc.actors[i].country, "SYR");
    hd_doc_free(&doc);
}

/* An agent and a nationality with adjectives between them are one actor
 * (spans-protest-dev: الحزب القومي الألماني is DEU PTY). */
static void adjectives_between_agent_and_nationality(void **state)
{
    (void)state;
    hd_doc doc;
    code_text(&doc,
              "دعت النقابات امس الى القيام باحتجاجات ضد الحزب القومي "
              "الألماني في برلين.",
              "2008-01-01");
    int seen = 0;
    for (size_t i = 0; i < doc.n_actors; i++)
        if (text_is(&doc, &doc.actors[i], "الحزب القومي الألماني")) {
            assert_string_equal(doc.actors[i].country, "DEU");
            assert_string_equal(doc.actors[i].sector, "PTY");
            seen = 1;
        }
    assert_true(seen);
    hd_doc_free(&doc);
    /* a construct: students of the Iraqi schools are Iraqi students
     * (gsr-protest-dev: IRQ EDU) */
    code_text(&doc,
              "الى ذلك، تظاهر مئات من طلبة المدارس العراقية ومعلميهم، أمس، "
              "وسط حي العامرية ببغداد للمطالبة بإطلاق سراح الزيدي.",
              "2008-12-16");
    seen = 0;
    for (size_t i = 0; i < doc.n_actors; i++)
        if (text_is(&doc, &doc.actors[i], "طلبة المدارس العراقية")) {
            assert_string_equal(doc.actors[i].country, "IRQ");
            assert_string_equal(doc.actors[i].sector, "EDU");
            seen = 1;
        }
    assert_true(seen);
    hd_doc_free(&doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seed_spellings_are_one_actor),
        cmocka_unit_test(anaphor_takes_code_across_sentences),
        cmocka_unit_test(anaphor_of_its_kind),
        cmocka_unit_test(date_ranges_follow_the_article_date),
        cmocka_unit_test(adjectives_between_agent_and_nationality),
    };
    return cmocka_run_group_tests(tests, open_lexicon, close_lexicon);
}
