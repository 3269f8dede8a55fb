/* clitics.h: clitic stripping measured against gold segmentation (UD PUD).
 *
 * A UD treebank splits orthographic words into syntactic words: للسلطة is
 * ل + لسلطة, نشرتها is نشرت + ها. hd_eval_clitics() rebuilds each
 * orthographic word of a CoNLL-U file, reads from the gold pieces where its
 * proclitics end and where its pronoun suffix begins, runs the text layer's
 * normalization and hd_text_strip_clitics() on the surface word, and counts
 * agreement. See clitics.c for the exact definitions. */
#ifndef HD_EVAL_CLITICS_H
#define HD_EVAL_CLITICS_H

#include <stddef.h>

#include "hadath.h"

typedef struct hd_clitic_score {
    size_t sentences;
    size_t words;              /* orthographic words of Arabic letters */
    size_t words_with_clitics; /* gold has a proclitic or a pronoun suffix */
    /* Prefix split: the number of the proclitics و ف ب ل ك before the stem
     * (the article is part of the noun in PUD, so it is not counted). A
     * word counts in _gold/_pred when that number is > 0, and matches when
     * both are > 0 and equal. */
    size_t prefix_gold, prefix_pred, prefix_match;
    /* Suffix split: the attached pronoun(s), compared as normalized text. */
    size_t suffix_gold, suffix_pred, suffix_match;
    size_t suffix_gold_other; /* gold pronouns hadath does not strip (ي ك ني) */
    /* The stem equals the gold stem (the pieces between the proclitics and
     * the suffix), both normalized and both without a leading article. */
    size_t stem_match;
    double prefix_precision, prefix_recall, prefix_f1;
    double suffix_precision, suffix_recall, suffix_f1;
    double stem_accuracy;
} hd_clitic_score;

/* Scores clitic stripping on a CoNLL-U file (plain text). Returns 0, or -1
 * with err set (unreadable file, malformed line). */
int hd_eval_clitics(const char *conllu_path, hd_clitic_score *out,
                    hd_error *err);

#endif
