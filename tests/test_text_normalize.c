/* test_text_normalize.c: match keys, step by step, on spellings that news
 * text really varies in (seed article, detection TSV, ANT corpus). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "hadath.h"

static char out[1024];

static const char *key(const char *s, unsigned flags)
{
    size_t n = hd_text_normalize(s, strlen(s), flags, out, sizeof out);
    assert_int_equal(n, strlen(out));
    return out;
}

static const char *dkey(const char *s)
{
    return key(s, HD_NORM_DEFAULT);
}

static void seed_words(void **state)
{
    (void)state;
    /* the seed writes the name of the SDF both ways: the loanword variant
     * step folds the extra waw, so both spellings have one key */
    assert_string_equal(dkey("الديموقراطية"), "الديمقراطيه");
    assert_string_equal(dkey("الديمقراطية"), "الديمقراطيه");
    assert_string_equal(dkey("الأميركية"), "الامريكيه");
    assert_string_equal(dkey("الأمريكية"), "الامريكيه");
    /* and the step can be switched off */
    char raw[64];
    hd_text_normalize("الديموقراطية", strlen("الديموقراطية"),
                      HD_NORM_DEFAULT & ~HD_NORM_VARIANTS, raw, sizeof raw);
    assert_string_equal(raw, "الديموقراطيه");
    assert_string_equal(dkey("دروعاً"), "دروعا");         /* tanwin */
    assert_string_equal(dkey("إرهابي"), "ارهابي");        /* hamza below */
    assert_string_equal(dkey("مدينة"), "مدينه");          /* teh marbuta */
    assert_string_equal(dkey("آلاف"), "الاف");            /* madda */
    assert_string_equal(dkey("إلى"), "الي");              /* alef + yeh */
    assert_string_equal(dkey("مشيراً"), "مشيرا");
    assert_string_equal(dkey("الأنباء"), "الانباء");
}

static void diacritics_and_tatweel(void **state)
{
    (void)state;
    assert_string_equal(dkey("مُتَّحِد"), "متحد");
    assert_string_equal(dkey("هٰذا"), "هذا");             /* superscript alef */
    assert_string_equal(dkey("بـ"), "ب");
    assert_string_equal(dkey("الـرقـة"), "الرقه");
    assert_string_equal(dkey("بأعدادٍ"), "باعداد");        /* PUD's kasratan */
    assert_string_equal(dkey("ٱلله"), "الله");            /* alef wasla */
    assert_string_equal(dkey("الْقُرْآنِۚ"), "القران");      /* Quranic stop mark */
    /* invisible marks do not split a key */
    assert_string_equal(dkey("سلو\u200F"), "سلو");
    assert_string_equal(dkey("ال\u200Cحكومة"), "الحكومه");
}

static void digits_and_punctuation(void **state)
{
    (void)state;
    assert_string_equal(dkey("٣٠٠٠"), "3000");
    assert_string_equal(dkey("۲۰۱۸"), "2018");              /* Persian digits */
    assert_string_equal(dkey("١٢٫٥"), "12.5");
    assert_string_equal(dkey("١٬٠٠٠"), "1,000");
    assert_string_equal(dkey("،"), ",");
    assert_string_equal(dkey("؛"), ";");
    assert_string_equal(dkey("؟"), "?");
    assert_string_equal(dkey("٪"), "%");
    assert_string_equal(dkey("Reuters AFP"), "reuters afp");
}

static void presentation_forms(void **state)
{
    (void)state;
    assert_string_equal(dkey("\uFEFB"), "لا");              /* ﻻ */
    assert_string_equal(dkey("\uFDF2"), "الله");            /* ﷲ */
    assert_string_equal(dkey("\uFE8D"), "ا");               /* ﺍ */
    assert_string_equal(dkey("\uFEF7"), "لا");              /* ﻷ: أ folds too */
    assert_string_equal(key("\uFEF7", HD_NORM_NFKC), "لأ");
    /* بغداد typed in presentation forms, as old PDFs do */
    assert_string_equal(dkey("\uFE91\uFED0\uFEAA\uFE8D\uFEA9"), "بغداد");
    /* fullwidth Latin and digits */
    assert_string_equal(dkey("\uFF21\uFF26\uFF30\uFF11"), "afp1");
    /* Persian look-alikes */
    assert_string_equal(dkey("کردستان"), "كردستان");
    assert_string_equal(dkey("الی"), "الي");
}

static void flags_switch_steps(void **state)
{
    (void)state;
    const char *w = "إرهابيٌّ ٣ ﻻ، Reuters";
    assert_string_equal(key(w, 0), w);
    assert_string_equal(key(w, HD_NORM_ALEF), "ارهابيٌّ ٣ ﻻ، Reuters");
    assert_string_equal(key(w, HD_NORM_DIACRITICS), "إرهابي ٣ ﻻ، Reuters");
    assert_string_equal(key(w, HD_NORM_DIGITS), "إرهابيٌّ 3 ﻻ، Reuters");
    assert_string_equal(key(w, HD_NORM_PUNCT), "إرهابيٌّ ٣ ﻻ, Reuters");
    assert_string_equal(key(w, HD_NORM_LATIN_CASE), "إرهابيٌّ ٣ ﻻ، reuters");
    assert_string_equal(key(w, HD_NORM_NFKC), "إرهابيٌّ ٣ لا، Reuters");
    assert_string_equal(key("مدينة على", HD_NORM_YEH), "مدينة علي");
    assert_string_equal(key("مدينة على", HD_NORM_TEH_MARBUTA), "مدينه على");
}

static void invalid_input(void **state)
{
    (void)state;
    assert_string_equal(dkey("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
    assert_string_equal(dkey("\xD8"), "\xEF\xBF\xBD");
    /* a literal U+FFFD stays one */
    assert_string_equal(dkey("\xEF\xBF\xBD"), "\xEF\xBF\xBD");
}

static void short_buffers(void **state)
{
    (void)state;
    char small[4];
    const char *w = "الرقة";
    /* the whole key needs 10 bytes (5 letters); 3 fit, so only ا does:
     * a letter is never cut in half */
    assert_int_equal(hd_text_normalize(w, strlen(w), HD_NORM_DEFAULT, small,
                                       sizeof small),
                     10);
    assert_string_equal(small, "ا");
    assert_int_equal(hd_text_normalize(w, strlen(w), HD_NORM_DEFAULT, NULL, 0),
                     10);
    /* expansion: ﷺ is 3 bytes and folds to a phrase of 18 letters */
    size_t need = hd_text_normalize("\uFDFA", 3, HD_NORM_DEFAULT, NULL, 0);
    assert_true(need > 30);
    char *big = test_malloc(need + 1);
    assert_int_equal(hd_text_normalize("\uFDFA", 3, HD_NORM_DEFAULT, big,
                                       need + 1),
                     need);
    assert_int_equal(strlen(big), need);
    assert_non_null(strstr(big, "الله"));
    test_free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seed_words),
        cmocka_unit_test(diacritics_and_tatweel),
        cmocka_unit_test(digits_and_punctuation),
        cmocka_unit_test(presentation_forms),
        cmocka_unit_test(flags_switch_steps),
        cmocka_unit_test(invalid_input),
        cmocka_unit_test(short_buffers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
