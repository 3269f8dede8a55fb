/* test_text_clitic.c: stems of news words, with the surface hints that
 * keep stripping honest (ة is not ه, أل is not the article, اً is tanwin). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "hadath.h"
#include "text/text.h"

/* Strips the key of a surface word the way the tokenizer does and checks
 * the prefix set, the stem and the suffix. */
static void check(const char *surface, unsigned want_prefixes,
                  const char *want_stem, int want_suffix)
{
    char k[256], stem[256];
    size_t n = hd_text_normalize(surface, strlen(surface), HD_NORM_DEFAULT, k,
                                 sizeof k);
    size_t off, len;
    int sfx;
    unsigned p = hd_text_strip_clitics(
        k, n, hd_text_clitic_hints(surface, strlen(surface)), &off, &len,
        &sfx);
    assert_true(off + len <= n);
    memcpy(stem, k + off, len);
    stem[len] = '\0';
    if (p != want_prefixes || strcmp(stem, want_stem) != 0 ||
        sfx != want_suffix)
        fail_msg("%s: got prefixes %#x stem %s suffix %s, want %#x %s %s",
                 surface, p, stem, hd_suffix_text(sfx), want_prefixes,
                 want_stem, hd_suffix_text(want_suffix));
}

static void seed_words(void **state)
{
    (void)state;
    check("والديمقراطية", HD_PFX_WA | HD_PFX_AL, "ديمقراطيه", HD_SFX_NONE);
    check("الديموقراطية", HD_PFX_AL, "ديمقراطيه", HD_SFX_NONE); /* variant folded */
    check("لوكالة", HD_PFX_LI, "وكاله", HD_SFX_NONE);
    check("سلو", 0, "سلو", HD_SFX_NONE);
    check("عائلاتهم", 0, "عائلات", HD_SFX_HUM);
    check("وعائلاتهم", HD_PFX_WA, "عائلات", HD_SFX_HUM);
    check("معهم", 0, "مع", HD_SFX_HUM);
    check("بالدولة", HD_PFX_BI | HD_PFX_AL, "دوله", HD_SFX_NONE);
    check("لقوات", HD_PFX_LI, "قوات", HD_SFX_NONE);
    check("وسلموا", HD_PFX_WA, "سلموا", HD_SFX_NONE);
    check("دروعاً", 0, "دروعا", HD_SFX_NONE);
    check("إليهم", 0, "الي", HD_SFX_HUM);
}

static void layers_in_order(void **state)
{
    (void)state;
    check("للسلطة", HD_PFX_LI | HD_PFX_AL, "سلطه", HD_SFX_NONE);
    check("وبالمدينة", HD_PFX_WA | HD_PFX_BI | HD_PFX_AL, "مدينه", HD_SFX_NONE);
    check("فللمدينة", HD_PFX_FA | HD_PFX_LI | HD_PFX_AL, "مدينه", HD_SFX_NONE);
    check("وكالمدينة", HD_PFX_WA | HD_PFX_KA | HD_PFX_AL, "مدينه", HD_SFX_NONE);
    check("وهو", HD_PFX_WA, "هو", HD_SFX_NONE);
    check("بها", HD_PFX_BI, "ها", HD_SFX_NONE);
    check("فيها", 0, "في", HD_SFX_HA);
    check("منه", 0, "من", HD_SFX_HU);
    check("حكومتنا", 0, "حكومت", HD_SFX_NA);
    check("قادتهما", 0, "قادت", HD_SFX_HUMA);
    check("الحق", HD_PFX_AL, "حق", HD_SFX_NONE); /* two letters after ال */
}

static void never_below_two_letters(void **state)
{
    (void)state;
    check("له", 0, "له", HD_SFX_NONE);
    check("به", 0, "به", HD_SFX_NONE);
    check("وجد", 0, "وجد", HD_SFX_NONE);  /* جد is no short word */
    check("الا", 0, "الا", HD_SFX_NONE);
    check("كم", 0, "كم", HD_SFX_NONE);
}

static void words_that_only_look_cliticized(void **state)
{
    (void)state;
    check("وزير", 0, "وزير", HD_SFX_NONE);
    check("ووزير", HD_PFX_WA, "وزير", HD_SFX_NONE);
    check("الوزير", HD_PFX_AL, "وزير", HD_SFX_NONE);
    check("وزارة", 0, "وزاره", HD_SFX_NONE);
    check("ولاية", 0, "ولايه", HD_SFX_NONE);
    check("فلسطين", 0, "فلسطين", HD_SFX_NONE);
    check("والفلسطينيين", HD_PFX_WA | HD_PFX_AL, "فلسطينيين", HD_SFX_NONE);
    check("بريطانيا", 0, "بريطانيا", HD_SFX_NONE);
    check("لبريطانيا", HD_PFX_LI, "بريطانيا", HD_SFX_NONE);
    check("بغداد", 0, "بغداد", HD_SFX_NONE);
    check("لبنان", 0, "لبنان", HD_SFX_NONE);
    check("بيان", 0, "بيان", HD_SFX_NONE);
    check("الله", 0, "الله", HD_SFX_NONE);
    check("التي", 0, "التي", HD_SFX_NONE);
    check("كانت", 0, "كانت", HD_SFX_NONE);
    check("وكانت", HD_PFX_WA, "كانت", HD_SFX_NONE);
    check("بلاده", 0, "بلاد", HD_SFX_HU);
    check("لديهم", 0, "لدي", HD_SFX_HUM);
    check("اتجاه", 0, "اتجاه", HD_SFX_NONE);
    check("باتجاه", HD_PFX_BI, "اتجاه", HD_SFX_NONE);
}

static void surface_hints(void **state)
{
    (void)state;
    /* ة: مدينة keeps its last letter, مدينه (no dots) loses it */
    check("مدينة", 0, "مدينه", HD_SFX_NONE);
    check("أحياناً", 0, "احيانا", HD_SFX_NONE); /* tanwin, not نا */
    check("أحيانًا", 0, "احيانا", HD_SFX_NONE);
    check("ألمانيا", 0, "المانيا", HD_SFX_NONE); /* hamza: no article */
    check("وألمانيا", HD_PFX_WA, "المانيا", HD_SFX_NONE);
    check("والأنباء", HD_PFX_WA | HD_PFX_AL, "انباء", HD_SFX_NONE);

    unsigned h = hd_text_clitic_hints("مدينة", strlen("مدينة"));
    assert_true(h & HD_HINT_FINAL_TEH_MARBUTA);
    h = hd_text_clitic_hints("أحياناً", strlen("أحياناً"));
    assert_true(h & HD_HINT_FINAL_TANWIN);
    assert_true(h & HD_HINT_HAMZA_ALEF(0));
    h = hd_text_clitic_hints("والأنباء", strlen("والأنباء"));
    assert_int_equal(h, HD_HINT_HAMZA_ALEF(3));
    h = hd_text_clitic_hints("وإن", strlen("وإن"));
    assert_int_equal(h, HD_HINT_HAMZA_ALEF(1));
    assert_int_equal(hd_text_clitic_hints("ﻷ", strlen("ﻷ")),
                     HD_HINT_HAMZA_ALEF(1)); /* lam + hamzated alef */

    /* without hints the key alone decides */
    size_t off, len;
    int sfx;
    hd_text_strip_clitics("مدينه", strlen("مدينه"), 0, &off, &len, &sfx);
    assert_int_equal(sfx, HD_SFX_HU);
}

static void strict_fa_and_ka(void **state)
{
    (void)state;
    check("فإن", HD_PFX_FA, "ان", HD_SFX_NONE);
    check("فقد", HD_PFX_FA, "قد", HD_SFX_NONE);
    check("فيقول", HD_PFX_FA, "يقول", HD_SFX_NONE);
    check("فورد", 0, "فورد", HD_SFX_NONE);
    check("فريق", 0, "فريق", HD_SFX_NONE);
    check("كهذا", HD_PFX_KA, "هذا", HD_SFX_NONE);
    check("كمراقب", HD_PFX_KA, "مراقب", HD_SFX_NONE);
    check("كبار", 0, "كبار", HD_SFX_NONE);
    check("كوريا", 0, "كوريا", HD_SFX_NONE);
    check("كوزير", HD_PFX_KA, "وزير", HD_SFX_NONE); /* protected stem */
}

static void not_arabic(void **state)
{
    (void)state;
    size_t off, len;
    int sfx;
    assert_int_equal(hd_text_strip_clitics("reuters", 7, 0, &off, &len, &sfx),
                     0);
    assert_int_equal(off, 0);
    assert_int_equal(len, 7);
    assert_int_equal(sfx, HD_SFX_NONE);
    assert_int_equal(hd_text_strip_clitics("", 0, 0, &off, &len, &sfx), 0);
    assert_string_equal(hd_suffix_text(HD_SFX_HUM), "هم");
    assert_string_equal(hd_suffix_text(HD_SFX_NONE), "");
    assert_string_equal(hd_suffix_text(99), "");
}

static void word_lists_are_searchable(void **state)
{
    (void)state;
    assert_true(hd_text__clitic_lists_sorted());
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seed_words),
        cmocka_unit_test(layers_in_order),
        cmocka_unit_test(never_below_two_letters),
        cmocka_unit_test(words_that_only_look_cliticized),
        cmocka_unit_test(surface_hints),
        cmocka_unit_test(strict_fa_and_ka),
        cmocka_unit_test(not_arabic),
        cmocka_unit_test(word_lists_are_searchable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
