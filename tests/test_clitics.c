/* test_clitics.c: clitic stripping scored on UD Arabic PUD (1,000 gold
 * sentences). Prints the figures; the floors sit a little below what the
 * text layer measured when they were set (prefix F1 0.914, suffix F1 0.936,
 * stem accuracy 0.975), so a change that loses ground fails here. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "eval/clitics.h"
#include "testutil.h"

static void pud_scores(void **state)
{
    (void)state;
    char path[1024];
    hd_clitic_score s;
    hd_error err;
    int rc = hd_eval_clitics(
        tu_shared(path, sizeof path, "eval/ud-ar-pud-test.conllu"), &s, &err);
    if (rc != 0)
        fail_msg("%s:%ld: %s", err.file, err.line, err.msg);
    printf("UD PUD: %zu sentences, %zu Arabic words, %zu with gold clitics\n",
           s.sentences, s.words, s.words_with_clitics);
    printf("prefix split: P %.3f R %.3f F1 %.3f (gold %zu, predicted %zu, "
           "matched %zu)\n",
           s.prefix_precision, s.prefix_recall, s.prefix_f1, s.prefix_gold,
           s.prefix_pred, s.prefix_match);
    printf("suffix split: P %.3f R %.3f F1 %.3f (gold %zu of which %zu "
           "outside the inventory, predicted %zu, matched %zu)\n",
           s.suffix_precision, s.suffix_recall, s.suffix_f1, s.suffix_gold,
           s.suffix_gold_other, s.suffix_pred, s.suffix_match);
    printf("stem = gold stem: %.4f (%zu of %zu)\n", s.stem_accuracy,
           s.stem_match, s.words);

    assert_int_equal(s.sentences, 1000);
    assert_true(s.words > 15000 && s.words < 17000);
    assert_true(s.words_with_clitics > 2000);
    assert_true(s.prefix_f1 > 0.89);
    assert_true(s.prefix_precision > 0.84);
    assert_true(s.prefix_recall > 0.94);
    assert_true(s.suffix_f1 > 0.91);
    assert_true(s.stem_accuracy > 0.96);
}

static void missing_file_is_an_error(void **state)
{
    (void)state;
    hd_clitic_score s;
    hd_error err;
    hd_error_clear(&err);
    assert_int_equal(hd_eval_clitics("/nonexistent/pud.conllu", &s, &err), -1);
    assert_string_equal(err.file, "/nonexistent/pud.conllu");
    assert_true(err.msg[0] != '\0');
}

static void malformed_line_is_an_error(void **state)
{
    (void)state;
    char path[] = "/tmp/hadath-clitics-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("# text = في\n1\tفي\tفِي\tADP\n\n", f);
    fclose(f);
    hd_clitic_score s;
    hd_error err;
    assert_int_equal(hd_eval_clitics(path, &s, &err), -1);
    assert_int_equal(err.line, 2);
    remove(path);
}

/* A multiword range names the word; SpaceAfter=No joins pieces; a PUNCT
 * token is never part of a word. */
static void words_from_ranges_and_space_after(void **state)
{
    (void)state;
    char path[] = "/tmp/hadath-clitics-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("# text = للسلطة نشرتها.\n"
          "1-2\tللسلطة\t_\t_\t_\t_\t_\t_\t_\t_\n"
          "1\tل\tلِ\tADP\tIN\t_\t2\tcase\t_\t_\n"
          "2\tلسلطة\tسُلطَة\tNOUN\tNN\tDefinite=Def\t0\troot\t_\t_\n"
          "3\tنشرت\tنَشَر\tVERB\tVBC\t_\t2\tacl\t_\tSpaceAfter=No\n"
          "4\tها\tهُوَ\tPRON\tPRP\t_\t3\tobj\t_\tSpaceAfter=No\n"
          "5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n",
          f);
    fclose(f);
    hd_clitic_score s;
    hd_error err;
    assert_int_equal(hd_eval_clitics(path, &s, &err), 0);
    remove(path);
    assert_int_equal(s.sentences, 1);
    assert_int_equal(s.words, 2);
    assert_int_equal(s.words_with_clitics, 2);
    assert_int_equal(s.prefix_gold, 1);  /* ل of للسلطة */
    assert_int_equal(s.prefix_match, 1); /* predicted ل + ال */
    assert_int_equal(s.suffix_gold, 1);  /* ها of نشرتها */
    assert_int_equal(s.suffix_match, 1);
    assert_int_equal(s.stem_match, 2);   /* سلطه, نشرت */
    assert_true(s.prefix_f1 > 0.999);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pud_scores),
        cmocka_unit_test(words_from_ranges_and_space_after),
        cmocka_unit_test(missing_file_is_an_error),
        cmocka_unit_test(malformed_line_is_an_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
