/*
 * train.c: fitting the detector's weights, reproducibly.
 *
 * Method, per trained type:
 *   1. L2-regularised logistic regression by stochastic gradient descent
 *      over binary hashed features: a fixed number of epochs, examples
 *      visited in an order shuffled by a fixed-seed xorshift generator, step
 *      eta / (1 + eta l2 t), the L2 decay applied to all weights at once
 *      through a scale factor (so a step costs the example's features, not
 *      the 2^18 weights). Doubles while fitting, floats in the file.
 *   2. k-fold cross-validation inside the training part (folds by a hash of
 *      the text, independent of the train/validation split): every training
 *      example gets a probability from a model that did not see it.
 *   3. From those out-of-fold probabilities: the model-alone threshold that
 *      maximises F1 over the scored gold rows (gold positives without a
 *      candidate count as misses), and the combination with the rules, a
 *      small logistic regression on [logit p, rule margin] fitted by Newton's
 *      method, its intercept then moved to the F1 optimum.
 *   4. The final weights: step 1 on every training example.
 *
 * Nothing here reads the clock, the environment or an unseeded generator,
 * and every loop runs in a fixed order, so the same examples give the same
 * bytes. The validation part of the dev sets never reaches this file: the
 * command filters it out before adding examples.
 */
#include "model/train.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"

void hd_train_opts_default(hd_train_opts *o)
{
    o->hash_bits = HD_MODEL_HASH_BITS;
    o->epochs = 30;
    o->folds = 5;
    o->l2 = 1e-4;
    o->eta = 1.0;
    o->seed = 0x6861646174680005ull; /* "hadath", issue 5 */
}

void hd_train_set_free(hd_train_set *s)
{
    free(s->feats);
    free(s->ex);
    memset(s, 0, sizeof *s);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

void hd_train_set_add(hd_train_set *s, const hd_train_example *e,
                      const uint32_t *idx, size_t n)
{
    HD_VEC_RESERVE(s->feats, s->cap_feats, s->n_feats + n + 1);
    uint32_t *dst = s->feats + s->n_feats;
    memcpy(dst, idx, n * sizeof *idx);
    qsort(dst, n, sizeof *dst, cmp_u32);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!k || dst[i] != dst[k - 1])
            dst[k++] = dst[i];
    HD_VEC_RESERVE(s->ex, s->cap, s->n + 1);
    hd_train_example *x = &s->ex[s->n++];
    *x = *e;
    x->off = s->n_feats;
    x->n = (uint32_t)k;
    s->n_feats += k;
}

/* ---------------------------------------------------------------- SGD */

static uint64_t xorshift(uint64_t *st)
{
    uint64_t x = *st;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *st = x;
    return x * 2685821657736338717ull;
}

typedef struct lr {
    double *v;             /* weights = scale * v */
    double scale, bias;
    uint32_t mask;
} lr;

static double lr_z(const lr *m, const hd_train_set *s,
                   const hd_train_example *e)
{
    double z = 0;
    const uint32_t *f = s->feats + e->off;
    for (uint32_t i = 0; i < e->n; i++)
        z += m->v[f[i] & m->mask];
    return m->bias + m->scale * z * hd_model_feature_value(e->n);
}

static void lr_renorm(lr *m)
{
    for (size_t i = 0; i <= m->mask; i++)
        m->v[i] *= m->scale;
    m->scale = 1.0;
}

/* Fits m on the examples listed in idx[0..n). */
static void lr_fit(lr *m, const hd_train_set *s, size_t *idx, size_t n,
                   const hd_train_opts *o, uint64_t seed)
{
    memset(m->v, 0, ((size_t)m->mask + 1) * sizeof *m->v);
    m->scale = 1.0;
    m->bias = 0.0;
    uint64_t st = seed ? seed : 1;
    double t = 0;
    for (int ep = 0; ep < o->epochs; ep++) {
        for (size_t i = n; i > 1; i--) { /* Fisher-Yates */
            size_t j = (size_t)(xorshift(&st) % i);
            size_t tmp = idx[i - 1];
            idx[i - 1] = idx[j];
            idx[j] = tmp;
        }
        for (size_t k = 0; k < n; k++) {
            const hd_train_example *e = &s->ex[idx[k]];
            double eta = o->eta / (1.0 + o->eta * o->l2 * t);
            t += 1;
            double p = hd_model_sigmoid(lr_z(m, s, e));
            double g = (p - e->y) * e->weight;
            m->scale *= 1.0 - eta * o->l2;
            if (m->scale < 1e-6)
                lr_renorm(m);
            const uint32_t *f = s->feats + e->off;
            double step = eta * g * hd_model_feature_value(e->n) / m->scale;
            for (uint32_t i = 0; i < e->n; i++)
                m->v[f[i] & m->mask] -= step;
            m->bias -= eta * g;
        }
    }
    lr_renorm(m);
}

/* ----------------------------------------------------------- thresholds */

typedef struct scored {
    double x;              /* the decision value */
    int y;
} scored;

/* Half the width, in logit units, of the window whose mean F1 picks a cut
 * (best_cut). Measured by held_out_f1, the mean over 4-, 5- and 10-fold
 * runs of the F1 of model and both, ASSAULT / PROTEST: the plain best cut
 * (0) 0.688 0.690 / 0.536 0.570; 0.5: 0.687 0.700 / 0.546 0.576; 1.0:
 * 0.697 0.697 / 0.550 0.583. */
#define HD_TRAIN_CUT_WIDTH 1.0

static int by_x_desc(const void *a, const void *b)
{
    double x = ((const scored *)a)->x, y = ((const scored *)b)->x;
    return (x < y) - (x > y);
}

/* The cut on x (accept x >= cut) that maximises F1 over the items, with
 * extra_fn positives that can never be accepted; midway between two
 * neighbouring values. The F1 of a cut is the mean F1 of every cut within
 * `width` of it on the logit scale (x itself, or logit x when x_is_p): a
 * lone spike of a few hundred examples is noise, a plateau is not, and the
 * plateau's middle is the cut least moved by the fold a row fell in.
 * *best_f1 gets the plain F1 at the chosen cut. */
static double best_cut(scored *it, size_t n, long extra_fn, int x_is_p,
                       double width, double *best_f1)
{
    qsort(it, n, sizeof *it, by_x_desc);
    long pos = extra_fn;
    for (size_t i = 0; i < n; i++)
        pos += it[i].y;
    double *cut = hd_xmalloc((n + 1) * sizeof *cut);
    double *f1 = hd_xmalloc((n + 1) * sizeof *f1);
    size_t m = 0;
    long tp = 0, fp = 0;
    for (size_t i = 0; i < n; i++) {
        tp += it[i].y;
        fp += !it[i].y;
        if (i + 1 < n && it[i + 1].x == it[i].x)
            continue;
        cut[m] = i + 1 < n ? (it[i].x + it[i + 1].x) / 2 : it[i].x - 1e-3;
        f1[m++] = pos + tp + fp ? 2.0 * tp / (double)(pos + tp + fp) : 0;
    }
    double best = -1, chosen = n ? it[0].x + 1 : 0;
    *best_f1 = 0;
    for (size_t a = 0; a < m; a++) {
        double ca = x_is_p ? hd_model_logit(cut[a]) : cut[a], sum = 0;
        long k = 0;
        for (size_t b = 0; b < m; b++) {
            double cb = x_is_p ? hd_model_logit(cut[b]) : cut[b];
            if (fabs(cb - ca) <= width)
                sum += f1[b], k++;
        }
        if (sum / (double)k > best) {
            best = sum / (double)k;
            chosen = cut[a];
            *best_f1 = f1[a];
        }
    }
    free(cut);
    free(f1);
    return chosen;
}

static double f1_at(const scored *it, size_t n, long extra_fn, double cut)
{
    long tp = 0, fp = 0, fn = extra_fn;
    for (size_t i = 0; i < n; i++) {
        int acc = it[i].x >= cut;
        tp += acc && it[i].y;
        fp += acc && !it[i].y;
        fn += !acc && it[i].y;
    }
    return tp ? 2.0 * tp / (double)(2 * tp + fp + fn) : 0;
}

/* The combination's penalised log loss at w (ridge on the two slopes). */
static double comb_loss(const hd_train_set *s, const size_t *idx, size_t n,
                        const double *oof, const double w[3])
{
    double loss = 0;
    for (size_t k = 0; k < n; k++) {
        const hd_train_example *e = &s->ex[idx[k]];
        double z = w[0] + w[1] * hd_model_logit(oof[k]) + w[2] * e->margin;
        /* log(1 + exp(-z)) for y = 1, log(1 + exp(z)) for y = 0, stably */
        double m = e->y > 0.5f ? -z : z;
        loss += e->weight * (m > 0 ? m + log1p(exp(-m)) : log1p(exp(m)));
    }
    return loss + 0.5e-2 * (w[1] * w[1] + w[2] * w[2]);
}

/* Solves the 3x3 system h d = g (Gauss-Jordan with partial pivoting).
 * Returns -1 when it is singular. */
static int solve3(double h[3][3], const double g[3], double d[3])
{
    double a[3][4];
    for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++)
            a[i][j] = h[i][j];
        a[i][3] = g[i];
    }
    for (int c = 0; c < 3; c++) {
        int piv = c;
        for (int r = c + 1; r < 3; r++)
            if (fabs(a[r][c]) > fabs(a[piv][c]))
                piv = r;
        for (int j = 0; j < 4; j++) {
            double tmp = a[c][j];
            a[c][j] = a[piv][j];
            a[piv][j] = tmp;
        }
        if (fabs(a[c][c]) < 1e-12)
            return -1;
        for (int r = 0; r < 3; r++) {
            if (r == c)
                continue;
            double f = a[r][c] / a[c][c];
            for (int j = c; j < 4; j++)
                a[r][j] -= f * a[c][j];
        }
    }
    for (int i = 0; i < 3; i++)
        d[i] = a[i][3] / a[i][i];
    return 0;
}

/* The combination: logistic regression of y on [1, logit p, margin] over
 * every example of the type (weighted), by Newton's method with a small
 * ridge and step halving. out = {a, b, c}. */
static void fit_combination(const hd_train_set *s, const size_t *idx,
                            size_t n, const double *oof, float out[3])
{
    double w[3] = {0, 1, 0};
    double loss = comb_loss(s, idx, n, oof, w);
    for (int it = 0; it < 100; it++) {
        double g[3] = {0}, h[3][3] = {{0}}, d[3];
        for (size_t k = 0; k < n; k++) {
            const hd_train_example *e = &s->ex[idx[k]];
            double x[3] = {1, hd_model_logit(oof[k]), e->margin};
            double p = hd_model_sigmoid(w[0] + w[1] * x[1] + w[2] * x[2]);
            for (int i = 0; i < 3; i++) {
                g[i] += e->weight * (p - e->y) * x[i];
                for (int j = 0; j < 3; j++)
                    h[i][j] += e->weight * p * (1 - p) * x[i] * x[j];
            }
        }
        for (int i = 1; i < 3; i++) {
            h[i][i] += 1e-2;
            g[i] += 1e-2 * w[i];
        }
        h[0][0] += 1e-9;
        if (solve3(h, g, d) != 0)
            break;
        double step = 1.0, next[3], next_loss = loss;
        for (int tries = 0; tries < 30; tries++, step /= 2) {
            for (int i = 0; i < 3; i++)
                next[i] = w[i] - step * d[i];
            next_loss = comb_loss(s, idx, n, oof, next);
            if (next_loss <= loss)
                break;
        }
        if (!(next_loss <= loss))
            break;
        double moved = 0;
        for (int i = 0; i < 3; i++) {
            moved += fabs(next[i] - w[i]);
            w[i] = next[i];
        }
        loss = next_loss;
        if (moved < 1e-9)
            break;
    }
    for (int i = 0; i < 3; i++)
        out[i] = (float)w[i];
}

/* ------------------------------------------------------------- a type */

/* The examples of one type, as indices into s->ex. */
typedef struct type_part {
    int k;
    size_t *all, n;
    double *oof;           /* out-of-fold probability of each */
} type_part;

/* 2: every example's probability from the model of the other folds. */
static void out_of_fold(const hd_train_set *s, const type_part *tp, lr *m,
                        const hd_train_opts *o)
{
    size_t *part = hd_xmalloc((tp->n + 1) * sizeof *part);
    for (int f = 0; f < o->folds; f++) {
        size_t np = 0;
        for (size_t i = 0; i < tp->n; i++)
            if (s->ex[tp->all[i]].fold != f)
                part[np++] = tp->all[i];
        lr_fit(m, s, part, np, o, o->seed ^ ((uint64_t)(tp->k + 1) << 40) ^
                                      (uint64_t)(f + 1));
        for (size_t i = 0; i < tp->n; i++)
            if (s->ex[tp->all[i]].fold == f)
                tp->oof[i] = hd_model_sigmoid(lr_z(m, s, &s->ex[tp->all[i]]));
    }
    free(part);
}

/* The gold rows with a decision value: which = 0 the model's probability,
 * 1 the combination, 2 the rule margin. The rows are the scored ones (which
 * set the thresholds), or with detect_only the detection TSVs' yes and no
 * rows alone, as `hadath eval` scores them. */
static size_t decision_values(const hd_train_set *s, const type_part *tp,
                              const hd_model_type *t, int which,
                              int detect_only, scored *it)
{
    size_t ns = 0;
    for (size_t i = 0; i < tp->n; i++) {
        const hd_train_example *e = &s->ex[tp->all[i]];
        if (detect_only ? !e->detect : !e->scored)
            continue;
        it[ns].x = which == 0 ? tp->oof[i]
                   : which == 1 ? t->comb[0] +
                                      t->comb[1] * hd_model_logit(tp->oof[i]) +
                                      t->comb[2] * e->margin
                                : e->margin;
        it[ns++].y = e->positive;
    }
    return ns;
}

/* Of the rows the GSR XML codes, the share each decision accepts: the
 * cross-validated reach of eval's GSR type match (a row is a sentence; a
 * sentence with no candidate of the type is never reached). */
static double gsr_reach(const hd_train_set *s, const type_part *tp,
                        const hd_model_type *t, int which)
{
    long n = s->no_candidate_gsr[tp->k], got = 0;
    for (size_t i = 0; i < tp->n; i++) {
        const hd_train_example *e = &s->ex[tp->all[i]];
        if (!e->gsr)
            continue;
        n++;
        double p = tp->oof[i];
        got += which == 0   ? p >= (double)t->threshold
               : which == 1 ? t->comb[0] + t->comb[1] * hd_model_logit(p) +
                                      t->comb[2] * e->margin >=
                                  0
                            : e->margin >= 0;
    }
    return n ? 100.0 * (double)got / (double)n : 0;
}

/* The F1 of rules, model and both at the chosen cuts on the detection
 * rows alone: the cross-validated twin of eval's detection F1; and their
 * reach of the GSR-coded rows. */
static void detection_f1(const hd_train_set *s, const type_part *tp,
                         const hd_model_type *t, scored *it, hd_buf *log)
{
    long miss = s->no_candidate_detect_pos[tp->k];
    size_t ns = decision_values(s, tp, t, 2, 1, it);
    double rules = f1_at(it, ns, miss, 0.0);
    ns = decision_values(s, tp, t, 0, 1, it);
    double model = f1_at(it, ns, miss, (double)t->threshold);
    ns = decision_values(s, tp, t, 1, 1, it);
    double both = f1_at(it, ns, miss, 0.0);
    hd_buf_printf(log,
                  "%s: the same on the detection rows alone (ambiguous left "
                  "out, as eval scores): rules %.3f, model %.3f, both %.3f; "
                  "GSR-coded rows reached: rules %.1f %%, model %.1f %%, "
                  "both %.1f %%\n",
                  t->name, rules, model, both, gsr_reach(s, tp, t, 2),
                  gsr_reach(s, tp, t, 0), gsr_reach(s, tp, t, 1));
}

/* The F1 of a cut chosen without the rows it is scored on: for each fold,
 * the cut best on the other folds' scored rows, applied to the fold's rows
 * (its scored rows, or its detection rows with detect_only). which: 0 the
 * model's probability, 1 the combination. */
static double held_out_f1(const hd_train_set *s, const type_part *tp,
                          const hd_model_type *t, int which, int detect_only,
                          int folds, double width)
{
    scored *it = hd_xmalloc((tp->n + 1) * sizeof *it);
    long tp_n = 0, fp_n = 0, fn_n = detect_only
                                        ? s->no_candidate_detect_pos[tp->k]
                                        : s->no_candidate_pos[tp->k];
    for (int f = 0; f < folds; f++) {
        size_t n = 0;
        for (size_t i = 0; i < tp->n; i++) {
            const hd_train_example *e = &s->ex[tp->all[i]];
            if (e->fold == f || !e->scored)
                continue;
            it[n].x = which == 0 ? tp->oof[i]
                                 : t->comb[0] +
                                       t->comb[1] * hd_model_logit(tp->oof[i]) +
                                       t->comb[2] * e->margin;
            it[n++].y = e->positive;
        }
        double f1, cut = best_cut(it, n, 0, which == 0, width, &f1);
        for (size_t i = 0; i < tp->n; i++) {
            const hd_train_example *e = &s->ex[tp->all[i]];
            if (e->fold != f || (detect_only ? !e->detect : !e->scored))
                continue;
            double x = which == 0 ? tp->oof[i]
                                  : t->comb[0] +
                                        t->comb[1] * hd_model_logit(tp->oof[i]) +
                                        t->comb[2] * e->margin;
            int acc = x >= cut;
            tp_n += acc && e->positive;
            fp_n += acc && !e->positive;
            fn_n += !acc && e->positive;
        }
    }
    free(it);
    return tp_n ? 2.0 * tp_n / (double)(2 * tp_n + fp_n + fn_n) : 0;
}

/* 3: the model-alone threshold and the combination, on the scored rows. */
static void choose_thresholds(const hd_train_set *s, const type_part *tp,
                              const hd_train_opts *o, hd_model_type *t,
                              hd_buf *log)
{
    scored *it = hd_xmalloc((tp->n + 1) * sizeof *it);
    long miss = s->no_candidate_pos[tp->k], pos = 0;
    double f1_model, f1_both;
    size_t ns = decision_values(s, tp, t, 0, 0, it);
    for (size_t i = 0; i < ns; i++)
        pos += it[i].y;
    double cut = best_cut(it, ns, miss, 1, HD_TRAIN_CUT_WIDTH, &f1_model);
    t->threshold = (float)(cut <= 0 ? 0.01 : cut >= 1 ? 0.99 : cut);
    fit_combination(s, tp->all, tp->n, tp->oof, t->comb);
    ns = decision_values(s, tp, t, 1, 0, it);
    t->comb[0] -= (float)best_cut(it, ns, miss, 0, HD_TRAIN_CUT_WIDTH,
                                  &f1_both);
    ns = decision_values(s, tp, t, 2, 0, it);
    double f1_rules = f1_at(it, ns, miss, 0.0);
    hd_buf_printf(log,
                  "%s: %zu examples (%ld scored positives, %ld more without a "
                  "candidate); %d-fold F1 on the training part: rules %.3f, "
                  "model %.3f (p >= %.3f), both %.3f (%.3f %+.3f logit p "
                  "%+.3f margin)\n",
                  t->name, tp->n, pos, miss, o->folds, f1_rules, f1_model,
                  (double)t->threshold, f1_both, (double)t->comb[0],
                  (double)t->comb[1], (double)t->comb[2]);
    detection_f1(s, tp, t, it, log);
    hd_buf_printf(
        log,
        "%s: with each fold's cuts chosen on the other folds: model %.3f, "
        "both %.3f; on the detection rows alone: model %.3f, both %.3f\n",
        t->name, held_out_f1(s, tp, t, 0, 0, o->folds, HD_TRAIN_CUT_WIDTH),
        held_out_f1(s, tp, t, 1, 0, o->folds, HD_TRAIN_CUT_WIDTH),
        held_out_f1(s, tp, t, 0, 1, o->folds, HD_TRAIN_CUT_WIDTH),
        held_out_f1(s, tp, t, 1, 1, o->folds, HD_TRAIN_CUT_WIDTH));
    free(it);
}

static void fit_type(const hd_train_set *s, int k, const hd_train_opts *o,
                     hd_model_type *t, hd_buf *log)
{
    size_t per = (size_t)1 << o->hash_bits;
    lr m = {hd_xmalloc(per * sizeof(double)), 1.0, 0.0, (uint32_t)(per - 1)};
    type_part tp = {k, hd_xmalloc((s->n + 1) * sizeof(size_t)), 0, NULL};
    for (size_t i = 0; i < s->n; i++)
        if (s->ex[i].type == k)
            tp.all[tp.n++] = i;
    tp.oof = hd_xmalloc((tp.n + 1) * sizeof *tp.oof);
    out_of_fold(s, &tp, &m, o);
    choose_thresholds(s, &tp, o, t, log);
    /* 4: the final weights, on every training example of the type */
    lr_fit(&m, s, tp.all, tp.n, o, o->seed ^ ((uint64_t)(k + 1) << 40));
    t->bias = (float)m.bias;
    t->n_train = (long)tp.n;
    t->n_pos = 0;
    for (size_t i = 0; i < tp.n; i++)
        t->n_pos += s->ex[tp.all[i]].y > 0.5f;
    for (size_t i = 0; i < per; i++) {
        float w = (float)m.v[i];
        t->w[i] = fabsf(w) >= 1e-4f ? w : 0.0f; /* below: noise */
    }
    free(tp.oof);
    free(tp.all);
    free(m.v);
}

hd_model *hd_train_fit(const hd_train_set *s, const hd_train_opts *o,
                       hd_buf *log)
{
    hd_model *m = hd_model_new(hd_model_trained_types, HD_MODEL_N_TRAINED,
                               o->hash_bits);
    snprintf(m->trained_on, sizeof m->trained_on, "train");
    for (int k = 0; k < HD_MODEL_N_TRAINED; k++)
        fit_type(s, k, o, &m->types[k], log);
    return m;
}
