/*
 * model.h: hadath's trained event detector (issue 5), its features, its
 * weights file and its training.
 *
 * Why a model beside the rules: the rule coder (src/code/evidence.c) adds up
 * a few dozen hand-named evidence groups; it cannot see that "هجوم" next to
 * "مرمى" is football or that "احتجاج" after "مذكرة" is a note. A linear model
 * over every word, word pair and character n-gram of the sentence, plus the
 * coder's own dictionary hits, can, once it has seen the dev sets.
 *
 * The shape, and why:
 *   - One L2 logistic regression per event type (ASSAULT, PROTEST), at the
 *     sentence level: the gold sets label sentences, not words. It runs only
 *     on a sentence that holds a candidate trigger of its type, since an event
 *     needs a trigger for its roles; so it learns "which of these are
 *     reports", not "which sentences mention violence".
 *   - Features are hashed (FNV-1a 32 of a prefix and a string, masked to
 *     hash_bits), never stored as strings: the weights are one flat float
 *     array per type, n_types << hash_bits, which a compiled lexicon file
 *     can map as it is. Collisions cost a little accuracy, no memory.
 *   - Features are present or absent, each worth 1/sqrt(n) in an example of
 *     n features (unit length: a long sentence's many common words do not
 *     outvote its few telling ones); p = sigmoid(bias + that times the sum
 *     of the weights of the distinct indices).
 *   - The rule score stays out of the features, so "model alone" is a real
 *     ablation; "both" combines the two with three numbers per type, fitted
 *     on out-of-fold predictions of the training part (src/model/train.c).
 *
 * features.c builds the feature indices of a sentence from what the coder
 * has found (tokens, cue hits, candidates, roles); model.c loads, scores and
 * writes the weights file; train.c fits the weights.
 */
#ifndef HD_MODEL_MODEL_H
#define HD_MODEL_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "hadath.h"

/* The weights file, relative to the data directory. */
#define HD_MODEL_FILE "model/hadath.detector.txt"
#define HD_MODEL_VERSION 1
/* Bumped whenever features.c changes what it hashes: a file trained on
 * another feature set is refused, not silently misread. */
#define HD_MODEL_FEATURE_SET 1
#define HD_MODEL_HASH_BITS 18
#define HD_MODEL_MAX_TYPES 4

/* The types the detector is trained for (train.c) and consulted on. */
#define HD_MODEL_N_TRAINED 2
extern const char *const hd_model_trained_types[HD_MODEL_N_TRAINED];

/* How the coder decides that a candidate is an event. */
enum hd_detector {
    HD_DETECT_DEFAULT = 0, /* rules (see src/code/coder.c for why) */
    HD_DETECT_RULES,       /* evidence score >= the type's threshold */
    HD_DETECT_MODEL,       /* model probability >= the model's threshold */
    HD_DETECT_BOTH         /* the fitted combination of the two */
};

const char *hd_detector_name(int d);      /* "rules", "model", "both" */
int hd_detector_from_name(const char *s); /* -1 when unknown */

/* One type's part of the model. */
typedef struct hd_model_type {
    char name[32];         /* PLOVER type */
    float bias;
    float threshold;       /* model alone: event when p >= threshold */
    /* both: event when comb[0] + comb[1] logit(p) + comb[2] (rule score -
     * rule threshold) >= 0; the probability shown is the sigmoid of it */
    float comb[3];
    long n_train, n_pos;   /* examples it was fitted on (for the record) */
    uint32_t mask;         /* (1 << hash_bits) - 1 */
    float *w;              /* 1 << hash_bits weights, inside hd_model.weights */
} hd_model_type;

typedef struct hd_model {
    uint32_t version, feature_set, hash_bits;
    char trained_on[32];   /* the dev split it saw: "train" */
    size_t n_types;
    hd_model_type types[HD_MODEL_MAX_TYPES];
    float *weights;        /* n_types << hash_bits, zero where not listed */
    int mapped;            /* weights lie in a compiled lexicon's read-only
                              map (lexfile.c): not ours to free or write */
    char path[512];
} hd_model;

/* A new model with n_types empty types named names[] (weights zero). */
hd_model *hd_model_new(const char *const *names, size_t n_types,
                       uint32_t hash_bits);
void hd_model_free(hd_model *m);

/* Reads a weights file. Returns 1 and *out when loaded, 0 and *out NULL
 * when the file does not exist, -1 with err (file, line, why) when it
 * cannot be read or is malformed. */
int hd_model_load(const char *path, hd_model **out, hd_error *err);

/* Writes m in the text format model.c describes. Same model, same bytes. */
void hd_model_write(const hd_model *m, hd_buf *out, const char *comment);

/* The part for a PLOVER type, or NULL. */
const hd_model_type *hd_model_find(const hd_model *m, const char *type);

/* sigmoid(bias + sum of w[idx[i] & mask] / sqrt(n)); idx are distinct feature
 * hashes (hd_feats with 32 bits: the mask is applied here, so one feature
 * list serves any hash size). */
double hd_model_prob(const hd_model_type *t, const uint32_t *idx, size_t n);

/* The value of each of n features in an example: 1/sqrt(n), so the vector
 * has unit length and a long sentence is not, by its common words alone,
 * more or less of an event than a short one. */
double hd_model_feature_value(size_t n);
double hd_model_sigmoid(double z);
double hd_model_logit(double p); /* clamped to [-30, 30] */

/* ------------------------------------------------------------ features */

/* A growing list of feature indices, carved from an arena (a document's):
 * nothing is malloc'd per sentence. */
typedef struct hd_feats {
    hd_arena *arena;
    uint32_t mask;
    uint32_t *idx;
    size_t n, cap;
} hd_feats;

void hd_feats_init(hd_feats *f, hd_arena *a, uint32_t hash_bits);
/* Adds hash(prefix, s[0..n)) & mask. */
void hd_feats_add(hd_feats *f, const char *prefix, const char *s, size_t n);
void hd_feats_add_str(hd_feats *f, const char *prefix, const char *s);
/* Appends indices as they are (already hashed). */
void hd_feats_append(hd_feats *f, const uint32_t *idx, size_t n);
/* Sorts and removes duplicates. */
void hd_feats_finish(hd_feats *f);

/* FNV-1a 32 of prefix, a 0xff separator, then s: the feature hash. */
uint32_t hd_feature_hash(const char *prefix, const char *s, size_t n);

#endif
