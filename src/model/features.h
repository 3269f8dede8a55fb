/*
 * features.h: the detector's features of a sentence and of a candidate
 * trigger, computed from what the coder has already found (src/code/).
 *
 * Kept apart from model.h so that the weights file and its loader know
 * nothing of the coder, and the coder's header (code.h) needs only a
 * forward declaration of hd_model.
 */
#ifndef HD_MODEL_FEATURES_H
#define HD_MODEL_FEATURES_H

#include "code/code.h"
#include "model/model.h"

/* The features of the sentence alone: its words (match keys and stems), word
 * pairs, numbers, the cue list's hits
 * by class and evidence group, the section and quotation state. */
void hd_features_sentence(hd_feats *f, const hd_doc *doc,
                          const hd_sentence *s, const hd_cue_hit *hits,
                          size_t n_hits, const hd_cues *cues);

/* The features one candidate trigger adds: the trigger word, its CAMEO code
 * and syntax, its neighbours (stems and character 3- and 4-grams of them
 * and of the trigger), the evidence groups in the scope the rules
 * use, the roles found (and their sectors), negation and hypothesis. */
void hd_features_candidate(hd_feats *f, const hd_doc *doc,
                           const hd_sentence *s, const hd_cue_hit *hits,
                           size_t n_hits, const hd_mention *m, size_t n_m,
                           const hd_candidate *c, const hd_roles *r,
                           int negated, int hypothetical,
                           const hd_cues *cues);

#endif
