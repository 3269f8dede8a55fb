/*
 * features.c: what the detector sees, as hashed indices.
 *
 * A feature is a short prefix naming its kind ("s" a stem, "c" a character
 * n-gram, "eg" an evidence group in the trigger's scope, ...) and a string;
 * its index is FNV-1a 32 of the prefix, a 0xff byte (never in UTF-8, so
 * "s"+"ab" and "sa"+"b" differ) and the string, masked to the hash size. No
 * string is stored: the same computation at training and at coding time is
 * the whole vocabulary. Any change to what is hashed here must bump
 * HD_MODEL_FEATURE_SET, so an old weights file is refused.
 *
 * Words are taken as the text layer gives them: the match key (normalized
 * surface) and the clitic-stripped stem, so هجومها and الهجوم share the stem
 * feature. Character 3- and 4-grams of the stem (with ^ and $ at its ends)
 * let a word never seen in training borrow from its relatives (هجمات،
 * الهجمات); they are taken for the trigger and the three words on either
 * side of it only, since over the whole sentence they drowned the word
 * features in noise (cross-validated on the training part: model-alone F1
 * 0.68 with them everywhere, 0.71 near the trigger only). Word pairs use
 * stems. Numbers are one feature, whatever their value.
 *
 * The candidate features give the model the coder's own reading: which
 * trigger, what the words around it are, which of the rules' evidence groups
 * are in its scope, which roles were found and of what sector. The rule
 * score itself is left out, so the model alone is a real second opinion
 * (the combination with the rules is model.c's "combine" line).
 *
 * Lists grow inside the document's arena: nothing is malloc'd per sentence.
 */
#include "model/features.h"

#include <stdio.h>
#include <string.h>

#define FEATS_FIRST_CAP 512

uint32_t hd_feature_hash(const char *prefix, const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (const char *p = prefix; *p; p++) {
        h ^= (unsigned char)*p;
        h *= 16777619u;
    }
    h ^= 0xffu;
    h *= 16777619u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    /* FNV's low bits mix poorly: fold the high half in before masking */
    return h ^ (h >> 16);
}

void hd_feats_init(hd_feats *f, hd_arena *a, uint32_t hash_bits)
{
    memset(f, 0, sizeof *f);
    f->arena = a;
    f->mask = hash_bits >= 32 ? UINT32_MAX : (1u << hash_bits) - 1u;
}

static void push(hd_feats *f, uint32_t idx)
{
    if (f->n == f->cap) {
        size_t nc = f->cap ? f->cap * 2 : FEATS_FIRST_CAP;
        uint32_t *p = hd_arena_alloc(f->arena, nc * sizeof *p);
        if (f->n)
            memcpy(p, f->idx, f->n * sizeof *p);
        f->idx = p;
        f->cap = nc;
    }
    f->idx[f->n++] = idx;
}

void hd_feats_append(hd_feats *f, const uint32_t *idx, size_t n)
{
    for (size_t i = 0; i < n; i++)
        push(f, idx[i]);
}

void hd_feats_add(hd_feats *f, const char *prefix, const char *s, size_t n)
{
    push(f, hd_feature_hash(prefix, s, n) & f->mask);
}

void hd_feats_add_str(hd_feats *f, const char *prefix, const char *s)
{
    hd_feats_add(f, prefix, s, strlen(s));
}

static void sort_u32(uint32_t *a, size_t n)
{
    /* shell sort: a few hundred items, no recursion, no allocation */
    static const size_t gaps[] = {701, 301, 132, 57, 23, 10, 4, 1};
    for (size_t g = 0; g < sizeof gaps / sizeof *gaps; g++) {
        size_t gap = gaps[g];
        for (size_t i = gap; i < n; i++) {
            uint32_t x = a[i];
            size_t j = i;
            while (j >= gap && a[j - gap] > x) {
                a[j] = a[j - gap];
                j -= gap;
            }
            a[j] = x;
        }
    }
}

void hd_feats_finish(hd_feats *f)
{
    if (!f->n)
        return;
    sort_u32(f->idx, f->n);
    size_t k = 1;
    for (size_t i = 1; i < f->n; i++)
        if (f->idx[i] != f->idx[k - 1])
            f->idx[k++] = f->idx[i];
    f->n = k;
}

/* ------------------------------------------------------------- words */

static const char *stem_of(const hd_doc *doc, size_t t, size_t *n)
{
    const hd_token *tk = &doc->tokens[t];
    if (tk->kind == HD_TOK_NUMBER) {
        *n = 1;
        return "#";
    }
    if (tk->stem_len && tk->stem_off + tk->stem_len <= tk->key_len) {
        *n = tk->stem_len;
        return tk->key + tk->stem_off;
    }
    *n = tk->key_len;
    return tk->key;
}

static int is_word(const hd_token *tk)
{
    return tk->kind == HD_TOK_WORD || tk->kind == HD_TOK_LATIN ||
           tk->kind == HD_TOK_NUMBER;
}

/* Character 3- and 4-grams of ^stem$, counted in code points. */
static void char_ngrams(hd_feats *f, const char *s, size_t n)
{
    enum { MAXC = 64 };
    char buf[4 * MAXC + 2];
    size_t starts[MAXC + 3], nc = 0, len = 0;
    if (n > 4 * MAXC)
        return;
    buf[len] = '^';
    starts[nc++] = len++;
    for (size_t i = 0; i < n; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (nc == MAXC + 1)
                return; /* a run too long to be a word */
            starts[nc++] = len;
        }
        buf[len++] = s[i];
    }
    starts[nc++] = len;
    buf[len++] = '$';
    starts[nc] = len; /* end sentinel */
    for (size_t g = 3; g <= 4; g++)
        for (size_t i = 0; i + g <= nc; i++)
            hd_feats_add(f, g == 3 ? "c3" : "c4", buf + starts[i],
                         starts[i + g] - starts[i]);
}

static void pair(hd_feats *f, const char *prefix, const char *a, size_t an,
                 const char *b, size_t bn)
{
    char buf[2 * HD_TOKEN_MAX + 2];
    if (an + bn + 1 > sizeof buf)
        return;
    memcpy(buf, a, an);
    buf[an] = '|';
    memcpy(buf + an + 1, b, bn);
    hd_feats_add(f, prefix, buf, an + bn + 1);
}

static const char *group_name(const hd_cues *cues, const hd_cue_entry *e)
{
    return hd_cues_str(cues, cues->groups[e->group]);
}

static void hit_features(hd_feats *f, const hd_cue_hit *hits, size_t n_hits,
                         const hd_cues *cues)
{
    char num[16];
    for (size_t i = 0; i < n_hits; i++) {
        const hd_cue_entry *e = hits[i].e;
        if (e->cls == HD_CUE_EVIDENCE) {
            hd_feats_add_str(f, "g", group_name(cues, e));
        } else if (e->cls == HD_CUE_AGENT) {
            hd_feats_add_str(f, "a", e->sector);
        } else if (e->cls != HD_CUE_TRIGGER) {
            snprintf(num, sizeof num, "%u", (unsigned)e->cls);
            hd_feats_add_str(f, "cl", num);
        }
    }
}

void hd_features_sentence(hd_feats *f, const hd_doc *doc,
                          const hd_sentence *s, const hd_cue_hit *hits,
                          size_t n_hits, const hd_cues *cues)
{
    size_t t0 = s->tok_first, t1 = t0 + s->tok_count;
    const char *prev = "^";
    size_t prev_n = 1;
    size_t words = 0;
    for (size_t t = t0; t < t1; t++) {
        const hd_token *tk = &doc->tokens[t];
        if (!is_word(tk)) {
            if (tk->kind == HD_TOK_PUNCT && tk->key_len == 1 &&
                (tk->key[0] == '?' || tk->key[0] == ':'))
                hd_feats_add(f, "p", tk->key, 1);
            continue;
        }
        size_t sn;
        const char *st = stem_of(doc, t, &sn);
        words++;
        hd_feats_add(f, "s", st, sn);
        if (tk->kind == HD_TOK_WORD)
            hd_feats_add(f, "k", tk->key, tk->key_len);
        pair(f, "b", prev, prev_n, st, sn);
        prev = st;
        prev_n = sn;
    }
    hit_features(f, hits, n_hits, cues);
    char buf[32];
    size_t bucket = 0;
    while ((words >> bucket) > 1)
        bucket++;
    snprintf(buf, sizeof buf, "%zu", bucket);
    hd_feats_add_str(f, "len", buf);
    snprintf(buf, sizeof buf, "%u", (unsigned)s->section);
    hd_feats_add_str(f, "sec", buf);
    if (s->in_quote)
        hd_feats_add_str(f, "q", "1");
}

/* ---------------------------------------------------------- candidate */

static int overlaps(const hd_cue_hit *h, const hd_candidate *c)
{
    return h->tok < c->tok + c->len && h->tok + h->len > c->tok;
}

/* The evidence groups the rules would count for c (evidence.c's filter,
 * without the actor-name exclusion, which the roles already reflect). */
static void scoped_groups(hd_feats *f, const hd_cue_hit *hits, size_t n_hits,
                          const hd_candidate *c, const hd_cues *cues)
{
    for (size_t i = 0; i < n_hits; i++) {
        const hd_cue_hit *h = &hits[i];
        if (h->e->cls != HD_CUE_EVIDENCE || overlaps(h, c) ||
            !hd_cue_applies(cues, h->e, c->type) ||
            !hd_in_scope(cues, h->e->scope, h->tok, h->len, c))
            continue;
        hd_feats_add_str(f, "eg", group_name(cues, h->e));
    }
}

static void window(hd_feats *f, const hd_doc *doc, const hd_sentence *s,
                   const hd_candidate *c)
{
    size_t t0 = s->tok_first, t1 = t0 + s->tok_count;
    char pfx[8];
    for (int d = -3; d <= 3; d++) {
        if (!d)
            continue;
        long t = d < 0 ? (long)c->tok + d : (long)(c->tok + c->len) + d - 1;
        if (t < (long)t0 || t >= (long)t1) {
            snprintf(pfx, sizeof pfx, "w%+d", d);
            hd_feats_add_str(f, pfx, d < 0 ? "^" : "$");
            continue;
        }
        size_t sn;
        const char *st = stem_of(doc, (size_t)t, &sn);
        snprintf(pfx, sizeof pfx, "w%+d", d);
        hd_feats_add(f, pfx, st, sn);
        hd_feats_add(f, "wn", st, sn);
        char_ngrams(f, st, sn);
    }
}

static void role(hd_feats *f, const char *name, const hd_mention *m, int i)
{
    if (i < 0)
        return;
    char country[4], sector[4];
    hd_code_split(m[i].code ? m[i].code : "", country, sector);
    hd_feats_add_str(f, name, "1");
    char pfx[8];
    snprintf(pfx, sizeof pfx, "%s.s", name);
    hd_feats_add_str(f, pfx, sector[0] ? sector : "-");
    snprintf(pfx, sizeof pfx, "%s.c", name);
    hd_feats_add_str(f, pfx, country[0] ? "y" : "n");
}

void hd_features_candidate(hd_feats *f, const hd_doc *doc,
                           const hd_sentence *s, const hd_cue_hit *hits,
                           size_t n_hits, const hd_mention *m, size_t n_m,
                           const hd_candidate *c, const hd_roles *r,
                           int negated, int hypothetical,
                           const hd_cues *cues)
{
    (void)n_m;
    const hd_token *tk = &doc->tokens[c->tok];
    size_t sn;
    const char *st = stem_of(doc, c->tok, &sn);
    char buf[32];
    hd_feats_add(f, "tw", st, sn);
    char_ngrams(f, st, sn);
    hd_feats_add(f, "tk", tk->key, tk->key_len);
    hd_feats_add_str(f, "tc", c->cameo);
    snprintf(buf, sizeof buf, "%u.%u.%u", (unsigned)c->syntax,
             (unsigned)c->form_flags, (unsigned)c->from_lexicon);
    hd_feats_add_str(f, "ty", buf);
    snprintf(buf, sizeof buf, "%u", (unsigned)tk->prefixes);
    hd_feats_add_str(f, "tp", buf);
    if (c->len > 1)
        hd_feats_add_str(f, "tm", "1");
    window(f, doc, s, c);
    scoped_groups(f, hits, n_hits, c, cues);
    role(f, "rs", m, r->source);
    role(f, "rt", m, r->target);
    if (r->source < 0 && r->implicit_source)
        hd_feats_add_str(f, "ri", r->implicit_source);
    if (r->light)
        hd_feats_add_str(f, "rl", "1");
    if (r->undergo)
        hd_feats_add_str(f, "ru", "1");
    if (r->passive)
        hd_feats_add_str(f, "rp", "1");
    if (negated)
        hd_feats_add_str(f, "neg", "1");
    if (hypothetical)
        hd_feats_add_str(f, "hyp", "1");
}
