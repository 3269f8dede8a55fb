/*
 * test_golden_seed_structure.c: `hadath analyze` on the seed article.
 *
 * The expectations below were written by reading examples/raqqa.txt (BBC
 * Arabic, 15 October 2017), not by copying the program's output: the title,
 * the two image captions credited to Reuters (the second has no text), the
 * one heading, the boilerplate kept out of the body, and every body sentence
 * in order, each with whether it lies inside a quotation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

typedef struct {
    const char *text;
    int in_quote;
} expected_sentence;

/* The body, paragraph by paragraph. The quotation opened by وأضاف runs over
 * two sentences: the second one lies inside it. */
static const expected_sentence body[] = {
    {"شنت قوات سوريا الديمقراطية المدعومة من الولايات المتحدة، هجومها الأخير "
     "على مسلحي تنظيم ما يعرف بالدولة الإسلامية في الرقة.", 0},
    {"وقال المتحدث باسم قوات سوريا الديموقراطية طلال سلو لوكالة الأنباء "
     "الفرنسية \"خرج أكثر من ثلاثة آلاف مدني مساء السبت إلى مناطق آمنة تحت "
     "سيطرة قوات سوريا الديموقراطية بموجب الاتفاق الذي تم بين مجلس الرقة "
     "المدني ووجهاء العشائر ومقاتلين محليين من تنظيم الدولة الإسلامية\"", 0},
    {"وأكد سلو \"الرقة باتت خالية تماما من المدنيين الذين كان يأخذهم داعش "
     "دروعاً بشرية\".", 0},
    {"وأضاف \"لم يعد هناك سوى 250 إلى 300 إرهابي أجنبي من الذين رفضوا "
     "الاتفاق وقرروا متابعة القتال حتى آخر لحظة.", 0},
    {"وبقي معهم أفراد من عائلاتهم\".", 1},
    {"وأكد سلو أن 275 شخصاً بين مقاتلين سوريين في صفوف التنظيم وأفراد من "
     "عائلاتهم خرجوا من مناطق سيطرة مقاتلي التنظيم في الرقة وسلموا أنفسهم "
     "لقوات سوريا الديمقراطية.", 0},
    {"وقال \"حتى صباح اليوم كان المقاتلون السوريون لا يزالون في مناطق سيطرة "
     "قوات سوريا الديموقراطية\"، مشيراً الى أنه يفترض أن يصدر بيان يتضمن "
     "تحديد وجهتهم.", 0},
    {"وكان تنظيم الدولة أعلن قبل ثلاث سنوات، الرقة عاصمة \"الخلافة\" بحكم "
     "الأمر الواقع.", 0},
    {"وتحاصر قوات سوريا الديمقراطية، وهي تحالف يضم مقاتلين أكراد وعرب، "
     "المدينة منذ نحو أربعة أشهر.", 0},
    {"وكانت قوات سوريا الديمقراطية صرحت في بيان صدر عند بدء معركة الرقة "
     "أنها \"لن تتوقف حتى تنظف المدينة كلها من الإرهابيين الذين رفضوا "
     "الاستسلام، بمن فيهم المقاتلين الاجانب\".", 0},
    {"وقال الكولونيل ريان ديلون المتحدث باسم التحالف الدولي، إنه على الرغم "
     "من التقدم الذي حققته قوات التحالف \"ما يزال يتوقع أن يكون بانتظارهم "
     "قتال صعب\".", 0},
    {"وقد اتخذت قوات سوريا الديمقراطية قرار السماح لبعض المسلحين بمغادرة "
     "المدينة، بهدف اختصار مدة المعركة، ومن غير المعروف عدد المقاتلين "
     "المتبقين في الرقة.", 0},
    {"وكانت قوات التحالف أشارت إلى أن\"275 من المرتزقة وعائلاتهم\" غادروا "
     "الرقة، وقال عمر علوش، المسؤول في مجلس الرقة المدني، إن نحو 400 مدني "
     "انضموا إليهم.", 0},
    {"و لم يحظ إجلاء مقاتلي التنظيم بدعم كامل من قبل الحلفاء الغربيين، إذ "
     "قال الكولونيل ديلون \"ربما لا نتفق دائماً مع شركائنا، ولكن علينا أن "
     "نحترم الحلول التي يرتأونها\".", 0},
    {"وتعد خسارة الرقة ضربة أخرى لتنظيم الدولة الذي فقد في العامين الماضيين "
     "الكثير من مواقعه في كل من سوريا والعراق.", 0},
};
#define N_BODY (sizeof body / sizeof body[0])

static json_t *analyze_seed(void **state)
{
    (void)state;
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "'%s' analyze --date 2017-10-15 '%s/examples/raqqa.txt'",
             HD_BINARY, HD_SOURCE_DIR);
    int status = -1;
    char *out = tu_run(cmd, &status);
    assert_non_null(out);
    assert_int_equal(status, 0);
    json_error_t jerr;
    json_t *doc = json_loads(out, 0, &jerr);
    if (!doc)
        fail_msg("analyze output is not one JSON object: %s", jerr.text);
    free(out);
    return doc;
}

static void test_title_date_and_structure(void **state)
{
    json_t *doc = analyze_seed(state);
    assert_string_equal(json_string_value(json_object_get(doc, "title")),
                        "قوات سوريا الديمقراطية تطلق \"معركتها الأخيرة\" في الرقة");
    assert_string_equal(json_string_value(json_object_get(doc, "date")),
                        "2017-10-15");
    assert_string_equal(json_string_value(json_object_get(doc, "doc_id")),
                        "raqqa.txt");

    json_t *caps = json_object_get(doc, "captions");
    assert_int_equal(json_array_size(caps), 2);
    assert_string_equal(
        json_string_value(json_object_get(json_array_get(caps, 0), "text")),
        "دخان يتصاعد من أحد الأبنية في مدينة الرقة بعد قصف لطائرات قوات التحالف");
    assert_string_equal(json_string_value(json_object_get(json_array_get(caps, 1), "text")), "");
    for (size_t i = 0; i < 2; i++)
        assert_string_equal(
            json_string_value(json_object_get(json_array_get(caps, i), "credit")),
            "Reuters");

    json_t *heads = json_object_get(doc, "headings");
    assert_int_equal(json_array_size(heads), 1);
    assert_string_equal(json_string_value(json_array_get(heads, 0)), "دروع بشرية");
    json_decref(doc);
}

static void test_body_sentences_whole_and_in_order(void **state)
{
    json_t *doc = analyze_seed(state);
    json_t *sents = json_object_get(doc, "sentences");
    size_t nbody = 0, ntitle = 0, ncaption = 0;
    for (size_t i = 0; i < json_array_size(sents); i++) {
        json_t *s = json_array_get(sents, i);
        const char *sec = json_string_value(json_object_get(s, "section"));
        const char *text = json_string_value(json_object_get(s, "text"));
        assert_non_null(sec);
        assert_non_null(text);
        /* boilerplate never reaches any sentence */
        assert_null(strstr(text, "مصدر الصورة"));
        assert_null(strstr(text, "المزيد حول هذه القصة"));
        assert_null(strstr(text, "دروع بشرية\n"));
        if (strcmp(sec, "title") == 0) {
            ntitle++;
            continue;
        }
        if (strcmp(sec, "caption") == 0) {
            ncaption++;
            continue;
        }
        assert_string_equal(sec, "body");
        assert_true(nbody < N_BODY);
        assert_string_equal(text, body[nbody].text);
        int inq = json_is_true(json_object_get(s, "in_quote"));
        if (inq != body[nbody].in_quote)
            fail_msg("sentence %zu: in_quote %d, expected %d: %s", nbody, inq,
                     body[nbody].in_quote, text);
        nbody++;
    }
    assert_int_equal(nbody, N_BODY);
    assert_int_equal(ntitle, 1);
    assert_int_equal(ncaption, 1); /* the second caption has no text */
    json_decref(doc);
}

/* Offsets are bytes into the input file: the slice at [start,end) of the
 * file is the sentence text, and the continuation sentence points back at
 * the quotation mark that opened its quotation. */
static void test_offsets_point_into_the_file(void **state)
{
    json_t *doc = analyze_seed(state);
    char path[1024];
    size_t len = 0;
    char *file = tu_read_file(tu_repo(path, sizeof path, "examples/raqqa.txt"), &len);
    assert_non_null(file);
    json_t *sents = json_object_get(doc, "sentences");
    for (size_t i = 0; i < json_array_size(sents); i++) {
        json_t *s = json_array_get(sents, i);
        json_int_t a = json_integer_value(json_object_get(s, "start"));
        json_int_t b = json_integer_value(json_object_get(s, "end"));
        const char *text = json_string_value(json_object_get(s, "text"));
        assert_true(a >= 0 && b <= (json_int_t)len && a < b);
        assert_int_equal((size_t)(b - a), strlen(text));
        assert_memory_equal(file + a, text, (size_t)(b - a));
        if (json_is_true(json_object_get(s, "in_quote"))) {
            json_int_t q = json_integer_value(json_object_get(s, "quote_start"));
            assert_true(q >= 0 && q < a);
            assert_int_equal(file[q], '"');
            /* the quotation opened by وأضاف: the mark right after it */
            assert_memory_equal(file + q - strlen("وأضاف "), "وأضاف ", strlen("وأضاف "));
        }
    }
    free(file);
    json_decref(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_title_date_and_structure),
        cmocka_unit_test(test_body_sentences_whole_and_in_order),
        cmocka_unit_test(test_offsets_point_into_the_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
