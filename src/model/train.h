/*
 * train.h: fitting the detector (`hadath train`).
 *
 * The command gathers examples (feature hashes from the coder's hooks, a
 * label, a weight, the best rule margin) into an hd_train_set; hd_train_fit
 * turns them into an hd_model. See train.c for the method.
 */
#ifndef HD_MODEL_TRAIN_H
#define HD_MODEL_TRAIN_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "model/model.h"

/* Where an example came from. */
enum { HD_TRAIN_GOLD = 0, HD_TRAIN_CORPUS = 1 };

typedef struct hd_train_example {
    size_t off;            /* its feature hashes: set->feats[off .. off+n) */
    uint32_t n;
    uint8_t type;          /* index into hd_model_trained_types */
    uint8_t origin;        /* HD_TRAIN_GOLD or HD_TRAIN_CORPUS */
    uint8_t fold;          /* cross-validation fold, 0 .. folds-1 */
    uint8_t scored;        /* a clear gold label: counts in the F1 that sets
                              the thresholds */
    uint8_t positive;      /* that label: 1 event, 0 not */
    uint8_t detect;        /* a yes or no row of a detection TSV: the rows
                              `hadath eval` scores (ambiguous left out) */
    uint8_t gsr;           /* the GSR XML codes an event of the type in it */
    float y;               /* the target: 1 event, 0 not, or the share of
                              annotators who saw one */
    float weight;
    float margin;          /* best rule score - rule threshold */
} hd_train_example;

typedef struct hd_train_set {
    uint32_t *feats;
    size_t n_feats, cap_feats;
    hd_train_example *ex;
    size_t n, cap;
    /* scored gold rows with no candidate of the type: the coder cannot
     * code them whatever the model says (positives count as misses) */
    long no_candidate_pos[HD_MODEL_N_TRAINED];
    long no_candidate_neg[HD_MODEL_N_TRAINED];
    /* ... of them, the "yes" rows of the detection TSVs */
    long no_candidate_detect_pos[HD_MODEL_N_TRAINED];
    /* GSR-coded rows with no candidate of the type */
    long no_candidate_gsr[HD_MODEL_N_TRAINED];
} hd_train_set;

void hd_train_set_free(hd_train_set *s);
/* Adds an example; its hashes are copied, sorted and made distinct. */
void hd_train_set_add(hd_train_set *s, const hd_train_example *e,
                      const uint32_t *idx, size_t n);

typedef struct hd_train_opts {
    uint32_t hash_bits;
    int epochs;
    int folds;             /* for the out-of-fold thresholds and combination */
    double l2;             /* L2 strength per example */
    double eta;            /* initial SGD step */
    uint64_t seed;
} hd_train_opts;

void hd_train_opts_default(hd_train_opts *o);

/* Fits one model with a part per trained type. log gets a readable account
 * (cross-validated F1 of model, rules and both on the training part, on
 * the rows that set the thresholds and on the detection rows alone). */
hd_model *hd_train_fit(const hd_train_set *s, const hd_train_opts *o,
                       hd_buf *log);

#endif
