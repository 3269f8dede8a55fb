/*
 * model.c: the detector's weights: load, score, write.
 *
 * The file is text, so a reviewer can read it and a diff shows what a
 * retraining changed; it is also small enough (nonzero weights only) to sit
 * in the repository. Its lines, in order:
 *
 *   # comments (how it was trained; ignored)
 *   hadath-detector VERSION
 *   feature-set N           must equal HD_MODEL_FEATURE_SET of this build
 *   hash-bits B             weights per type: 1 << B
 *   trained-on SPLIT        the part of the dev sets it saw ("train")
 *   then per type:
 *   type NAME               a PLOVER type
 *   examples N positives K  what it was fitted on (for the record)
 *   bias X
 *   threshold P             model alone: an event when p >= P
 *   combine A B C           rules and model: an event when
 *                           A + B logit(p) + C (rule score - threshold) >= 0
 *   weights N               then N lines "INDEX WEIGHT", INDEX increasing
 *   end
 *
 * In memory it is one flat struct: counts, names, and a single float array
 * (n_types << hash_bits) that the types point into, so a compiled lexicon
 * can hold the same array and point at it. A malformed file is an error
 * naming its file and line, never a silently different model.
 */
#include "model/model.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"

const char *const hd_model_trained_types[HD_MODEL_N_TRAINED] = {"ASSAULT",
                                                                "PROTEST"};

static const char *const detector_names[] = {"default", "rules", "model",
                                             "both"};

const char *hd_detector_name(int d)
{
    return d >= HD_DETECT_DEFAULT && d <= HD_DETECT_BOTH ? detector_names[d]
                                                          : "?";
}

int hd_detector_from_name(const char *s)
{
    for (int i = HD_DETECT_RULES; i <= HD_DETECT_BOTH; i++)
        if (strcmp(s, detector_names[i]) == 0)
            return i;
    return -1;
}

double hd_model_feature_value(size_t n)
{
    return n ? 1.0 / sqrt((double)n) : 0.0;
}

double hd_model_sigmoid(double z)
{
    if (z >= 0)
        return 1.0 / (1.0 + exp(-z));
    double e = exp(z);
    return e / (1.0 + e);
}

double hd_model_logit(double p)
{
    if (p <= 1e-13)
        return -30.0;
    if (p >= 1.0 - 1e-13)
        return 30.0;
    double z = log(p / (1.0 - p));
    return z < -30.0 ? -30.0 : z > 30.0 ? 30.0 : z;
}

hd_model *hd_model_new(const char *const *names, size_t n_types,
                       uint32_t hash_bits)
{
    hd_model *m = hd_xmalloc(sizeof *m);
    memset(m, 0, sizeof *m);
    m->version = HD_MODEL_VERSION;
    m->feature_set = HD_MODEL_FEATURE_SET;
    m->hash_bits = hash_bits;
    m->n_types = n_types;
    size_t per = (size_t)1 << hash_bits;
    m->weights = hd_xmalloc((n_types ? n_types : 1) * per * sizeof(float));
    memset(m->weights, 0, (n_types ? n_types : 1) * per * sizeof(float));
    for (size_t i = 0; i < n_types; i++) {
        snprintf(m->types[i].name, sizeof m->types[i].name, "%s", names[i]);
        m->types[i].threshold = 0.5f;
        m->types[i].comb[1] = 1.0f;
        m->types[i].w = m->weights + i * per;
        m->types[i].mask = (uint32_t)(per - 1);
    }
    return m;
}

void hd_model_free(hd_model *m)
{
    if (!m)
        return;
    if (!m->mapped)
        free(m->weights);
    free(m);
}

const hd_model_type *hd_model_find(const hd_model *m, const char *type)
{
    if (!m || !type)
        return NULL;
    for (size_t i = 0; i < m->n_types; i++)
        if (strcmp(m->types[i].name, type) == 0)
            return &m->types[i];
    return NULL;
}

double hd_model_prob(const hd_model_type *t, const uint32_t *idx, size_t n)
{
    double z = 0;
    for (size_t i = 0; i < n; i++)
        z += t->w[idx[i] & t->mask];
    return hd_model_sigmoid(t->bias + z * hd_model_feature_value(n));
}

/* ------------------------------------------------------------- writing */

void hd_model_write(const hd_model *m, hd_buf *out, const char *comment)
{
    hd_buf_puts(out, "# hadath event detector weights; the format is "
                     "documented in src/model/model.c\n");
    for (const char *p = comment; p && *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        hd_buf_puts(out, "# ");
        hd_buf_put(out, p, n);
        hd_buf_putc(out, '\n');
        p += n + (nl != NULL);
    }
    hd_buf_printf(out, "hadath-detector %u\nfeature-set %u\nhash-bits %u\n"
                  "trained-on %s\n", m->version, m->feature_set, m->hash_bits,
                  m->trained_on[0] ? m->trained_on : "train");
    size_t per = (size_t)1 << m->hash_bits;
    for (size_t t = 0; t < m->n_types; t++) {
        const hd_model_type *ty = &m->types[t];
        size_t nz = 0;
        for (size_t i = 0; i < per; i++)
            nz += ty->w[i] != 0.0f;
        hd_buf_printf(out, "type %s\nexamples %ld positives %ld\nbias %.6g\n"
                      "threshold %.6g\ncombine %.6g %.6g %.6g\nweights %zu\n",
                      ty->name, ty->n_train, ty->n_pos, (double)ty->bias,
                      (double)ty->threshold, (double)ty->comb[0],
                      (double)ty->comb[1], (double)ty->comb[2], nz);
        for (size_t i = 0; i < per; i++)
            if (ty->w[i] != 0.0f)
                hd_buf_printf(out, "%zu %.6g\n", i, (double)ty->w[i]);
        hd_buf_puts(out, "end\n");
    }
}

/* ------------------------------------------------------------- reading */

typedef struct reader {
    const char *path;
    FILE *f;
    long line;
    char buf[512];
    hd_error *err;
} reader;

static int bad(reader *r, const char *why)
{
    hd_error_set(r->err, r->path, r->line, -1, "detector weights: %s", why);
    return -1;
}

/* The next line that is not blank or a comment, without its newline. 1 on
 * a line, 0 at the end of the file, -1 on a line too long. */
static int next_line(reader *r)
{
    while (fgets(r->buf, sizeof r->buf, r->f)) {
        r->line++;
        size_t n = strlen(r->buf);
        if (n && r->buf[n - 1] != '\n' && !feof(r->f))
            return bad(r, "line too long");
        while (n && (r->buf[n - 1] == '\n' || r->buf[n - 1] == '\r'))
            r->buf[--n] = '\0';
        if (n && r->buf[0] != '#')
            return 1;
    }
    return 0;
}

/* Expects "KEY rest": returns the rest, or NULL with the error set. */
static const char *expect(reader *r, const char *key)
{
    int got = next_line(r);
    if (got < 0)
        return NULL;
    char why[160];
    size_t k = strlen(key);
    if (!got) {
        snprintf(why, sizeof why, "ends where '%s' was expected", key);
        bad(r, why);
        return NULL;
    }
    if (strncmp(r->buf, key, k) != 0 || r->buf[k] != ' ') {
        snprintf(why, sizeof why, "expected '%s ...', found '%.60s'", key,
                 r->buf);
        bad(r, why);
        return NULL;
    }
    return r->buf + k + 1;
}

static int read_uint(reader *r, const char *key, unsigned long *v)
{
    const char *s = expect(r, key);
    if (!s)
        return -1;
    char *end;
    errno = 0;
    *v = strtoul(s, &end, 10);
    if (end == s || *end || errno || *s == '-')
        return bad(r, "expected a whole number");
    return 0;
}

static int read_floats(reader *r, const char *key, float *out, int n)
{
    const char *s = expect(r, key);
    if (!s)
        return -1;
    for (int i = 0; i < n; i++) {
        char *end;
        errno = 0;
        double v = strtod(s, &end);
        if (end == s || errno || !isfinite(v))
            return bad(r, "expected a number");
        out[i] = (float)v;
        s = end;
    }
    while (*s == ' ')
        s++;
    return *s ? bad(r, "unexpected text after the numbers") : 0;
}

static int read_header(reader *r, hd_model *m)
{
    unsigned long v;
    if (read_uint(r, "hadath-detector", &v) != 0)
        return -1;
    if (v != HD_MODEL_VERSION)
        return bad(r, "unknown format version");
    m->version = (uint32_t)v;
    if (read_uint(r, "feature-set", &v) != 0)
        return -1;
    if (v != HD_MODEL_FEATURE_SET)
        return bad(r, "trained on another feature set than this build "
                      "computes; retrain with `hadath train`");
    m->feature_set = (uint32_t)v;
    if (read_uint(r, "hash-bits", &v) != 0)
        return -1;
    if (v < 8 || v > 24)
        return bad(r, "hash-bits must be 8 to 24");
    m->hash_bits = (uint32_t)v;
    const char *s = expect(r, "trained-on");
    if (!s)
        return -1;
    snprintf(m->trained_on, sizeof m->trained_on, "%s", s);
    return 0;
}

static int read_weights(reader *r, hd_model_type *t, uint32_t bits)
{
    unsigned long n;
    if (read_uint(r, "weights", &n) != 0)
        return -1;
    long prev = -1;
    for (unsigned long k = 0; k < n; k++) {
        int got = next_line(r);
        if (got <= 0)
            return got < 0 ? -1 : bad(r, "fewer weight lines than 'weights' "
                                         "says");
        char *end;
        errno = 0;
        unsigned long i = strtoul(r->buf, &end, 10);
        if (end == r->buf || *end != ' ' || errno || r->buf[0] == '-')
            return bad(r, "expected 'INDEX WEIGHT'");
        if (i >> bits)
            return bad(r, "index out of range of hash-bits");
        if ((long)i <= prev)
            return bad(r, "indices must increase");
        const char *s = end + 1;
        double w = strtod(s, &end);
        if (end == s || *end || errno || !isfinite(w))
            return bad(r, "expected 'INDEX WEIGHT'");
        t->w[i] = (float)w;
        prev = (long)i;
    }
    const char *s = next_line(r) > 0 ? r->buf : NULL;
    if (!s || strcmp(s, "end") != 0)
        return r->err->msg[0] ? -1
                              : bad(r, "expected 'end' after the weights "
                                       "(more weight lines than 'weights' "
                                       "says?)");
    return 0;
}

static int read_type(reader *r, hd_model *m)
{
    if (m->n_types == HD_MODEL_MAX_TYPES)
        return bad(r, "too many types");
    hd_model_type *t = &m->types[m->n_types];
    memset(t, 0, sizeof *t);
    const char *name = r->buf + 5;
    if (!*name || strlen(name) >= sizeof t->name)
        return bad(r, "bad type name");
    snprintf(t->name, sizeof t->name, "%s", name);
    size_t per = (size_t)1 << m->hash_bits;
    m->weights = hd_xrealloc(m->weights,
                             (m->n_types + 1) * per * sizeof(float));
    memset(m->weights + m->n_types * per, 0, per * sizeof(float));
    m->n_types++;
    const char *s = expect(r, "examples");
    if (!s)
        return -1;
    if (sscanf(s, "%ld positives %ld", &t->n_train, &t->n_pos) != 2)
        return bad(r, "expected 'examples N positives K'");
    if (read_floats(r, "bias", &t->bias, 1) != 0 ||
        read_floats(r, "threshold", &t->threshold, 1) != 0 ||
        read_floats(r, "combine", t->comb, 3) != 0)
        return -1;
    if (!(t->threshold > 0.0f && t->threshold < 1.0f))
        return bad(r, "threshold must be between 0 and 1");
    /* the array may have moved: point every type at its part again */
    for (size_t i = 0; i < m->n_types; i++) {
        m->types[i].w = m->weights + i * per;
        m->types[i].mask = (uint32_t)(per - 1);
    }
    return read_weights(r, t, m->hash_bits);
}

int hd_model_load(const char *path, hd_model **out, hd_error *err)
{
    *out = NULL;
    reader r = {path, fopen(path, "r"), 0, {0}, err};
    if (!r.f) {
        if (errno == ENOENT)
            return 0;
        hd_error_set(err, path, 0, -1, "cannot open detector weights: %s",
                     strerror(errno));
        return -1;
    }
    hd_error_clear(err);
    hd_model *m = hd_xmalloc(sizeof *m);
    memset(m, 0, sizeof *m);
    snprintf(m->path, sizeof m->path, "%s", path);
    int rc = read_header(&r, m);
    int got;
    while (rc == 0 && (got = next_line(&r)) != 0) {
        if (got < 0 || strncmp(r.buf, "type ", 5) != 0)
            rc = got < 0 ? -1 : bad(&r, "expected 'type NAME'");
        else
            rc = read_type(&r, m);
    }
    if (rc == 0 && !m->n_types)
        rc = bad(&r, "no types");
    if (rc == 0 && ferror(r.f))
        rc = bad(&r, "read error");
    fclose(r.f);
    if (rc != 0) {
        hd_model_free(m);
        return -1;
    }
    *out = m;
    return 1;
}
