/*
 * roles.c: who did it (source) and to whom (target), from clause structure.
 *
 * There is no parser behind this: Arabic news prose is regular enough that
 * a few positional rules, read off the trigger's syntax class (the trigger
 * list's noun-src, verb-pass, ...), recover most roles.
 *
 * Verbs. Arabic is verb-subject-object, and a verb before its subject stays
 * singular (شنت القوات); a verb after its subject agrees in number (القوات
 * شنوا / المتظاهرون تظاهروا). So a plural verb looks for its subject before
 * it, and so does any verb whose preceding noun opens a clause (after إن،
 * أن، حيث، عندما or punctuation: قالت مصادر إن وحدة اسرائيلية ... اغتالت);
 * otherwise the subject is looked for after the verb first (skipping time
 * words, never a word behind a preposition, except the partitive العشرات
 * من مستوطني). The object is the actor right after the verb and its
 * subject, else the actor after على/ضد. A verb with no person suffix
 * followed by a number (قتل 18 شخصا), or any verb followed by a
 * preposition instead of an object (قتل في، اختطفا من منزليهما), is the
 * passive, which news writes without vowels: its subject is then the
 * target, and the source comes only after على يد / من قبل / برصاص.
 *
 * Nouns. The construct (idafa) names the doer for some nouns (هجوم طالبان,
 * قصف لطائرات التحالف: with لـ always the doer) and the sufferer for
 * others (اغتيال الرئيس، مقتل جنود، اعتقال X); the trigger list says which.
 * A light verb before the noun gives the doer as its own subject (شنت قوات
 * سوريا الديمقراطية هجومها، قام مسلحون بخطف), and so does one right after
 * it (هجوم شنه مقاتلو الحركة); an undergoing verb gives the sufferer (تعرض
 * X لهجوم). Then على/ضد/استهدف introduce the target, من قبل/على يد the
 * source, and بين X و Y the two sides of a clash.
 *
 * Whole sentence. An attack told in two clauses names its victims after a
 * casualty word (انفجرت سيارة مفخخة ... مما أدى الى مقتل عشرة اشخاص): a
 * target still missing is the actor after the nearest victim cue. A
 * protest's target can be named by its demand anywhere after it (مطالبين
 * الحكومة التركية). A trigger with by=SECTOR gives an implicit source when
 * none is named: civilians for a crowd (---CVL), an unidentified armed man
 * for a suicide attack (---UAF), as CAMEO and the gold sets code them.
 */
#include "code/code.h"

#include <stdint.h>
#include <string.h>

typedef struct role_ctx {
    const hd_doc *doc;
    size_t s0, s1;            /* sentence tokens [s0, s1) */
    const hd_cue_hit *hits;
    size_t n_hits;
    const hd_mention *m;
    size_t n_m;
    const hd_candidate *c;
    const hd_cues *cues;
} role_ctx;

static int is_boundary(const hd_token *t)
{
    return t->kind == HD_TOK_PUNCT && t->key_len == 1 &&
           strchr(".;:?!()", t->key[0]) != NULL;
}

static int is_comma(const hd_token *t)
{
    return t->kind == HD_TOK_PUNCT && t->key_len == 1 && t->key[0] == ',';
}

/* The cue hit of class cls starting at token t, or NULL. */
static const hd_cue_hit *cue_at(const role_ctx *r, size_t t, int cls)
{
    for (size_t i = 0; i < r->n_hits; i++)
        if (r->hits[i].tok == t && r->hits[i].e->cls == cls)
            return &r->hits[i];
    return NULL;
}

static int is_prep_tok(const role_ctx *r, size_t t)
{
    return cue_at(r, t, HD_CUE_PREP) || cue_at(r, t, HD_CUE_TGT_PREP) ||
           cue_at(r, t, HD_CUE_SRC_PREP);
}

/* The mention starting at token t, or -1. */
static int mention_at(const role_ctx *r, size_t t)
{
    for (size_t i = 0; i < r->n_m; i++)
        if (r->m[i].first == t)
            return (int)i;
    return -1;
}

/* Can mention i be a subject or object: not glued to بـ/لـ/كـ? */
static int bare(const role_ctx *r, int i)
{
    const hd_token *t = &r->doc->tokens[r->m[i].first];
    return !(t->prefixes & (HD_PFX_BI | HD_PFX_LI | HD_PFX_KA));
}

/* Skippable between a verb and its subject: time words, قد, numbers are
 * not (they are objects). */
static int skippable(const role_ctx *r, size_t t)
{
    for (size_t i = 0; i < r->n_hits; i++) {
        const hd_cue_hit *h = &r->hits[i];
        if (h->tok != t || h->e->cls != HD_CUE_EVIDENCE)
            continue;
        if (strcmp(hd_cues_str(r->cues, r->cues->groups[h->e->group]),
                   "recency") == 0)
            return 1;
    }
    return hd_tok_is(r->doc, t, "قد") || hd_tok_is(r->doc, t, "ايضا");
}

/* First bare mention starting in [a, a + gap], skipping time words; stops
 * at a boundary or a preposition. */
static int mention_after(const role_ctx *r, size_t a, size_t gap,
                         int allow_comma)
{
    size_t skipped = 0;
    for (size_t t = a; t < r->s1; t++) {
        const hd_token *tk = &r->doc->tokens[t];
        if (is_boundary(tk) || (!allow_comma && is_comma(tk)))
            return -1;
        int i = mention_at(r, t);
        if (i >= 0)
            return bare(r, i) ? i : -1;
        if (skippable(r, t))
            continue; /* before the preposition test: قبل ظهر امس */
        if (is_prep_tok(r, t) || ++skipped > gap)
            return -1;
    }
    return -1;
}

/* Is the preposition at p the partitive من after a quantity (العشرات من
 * مستوطني، عدد من الجنود)? The noun after it is then still the subject. */
static int partitive(const role_ctx *r, size_t p)
{
    if (p <= r->s0 || !hd_tok_is(r->doc, p, "من"))
        return 0;
    return r->doc->tokens[p - 1].kind == HD_TOK_NUMBER ||
           cue_at(r, p - 1, HD_CUE_NUMWORD) != NULL;
}

/* Last bare mention ending in [b - gap, b], skipping time words and
 * relative pronouns; stops at a boundary. */
static int mention_before(const role_ctx *r, size_t b, size_t gap)
{
    size_t skipped = 0;
    for (size_t t = b; t-- > r->s0;) {
        const hd_token *tk = &r->doc->tokens[t];
        if (is_boundary(tk) || is_comma(tk))
            return -1;
        if (t + 1 < b && is_prep_tok(r, t))
            return -1;
        for (size_t i = r->n_m; i-- > 0;)
            if (r->m[i].end == t + 1 && r->m[i].first >= r->s0) {
                /* a mention behind a preposition is no subject */
                size_t f = r->m[i].first;
                if (f > r->s0 && is_prep_tok(r, f - 1) && !partitive(r, f - 1))
                    return -1;
                return bare(r, (int)i) ? (int)i : -1;
            }
        if (!skippable(r, t) && ++skipped > gap)
            return -1;
    }
    return -1;
}

/* The mention after a preposition of class cls within the window after the
 * trigger: "على يد X", "ضد X". */
static int mention_after_prep(const role_ctx *r, size_t from, int cls)
{
    size_t lim = from + (size_t)r->cues->after_window;
    for (size_t t = from; t < r->s1; t++) {
        const hd_token *tk = &r->doc->tokens[t];
        if (is_boundary(tk) && t >= lim)
            return -1;
        for (size_t k = 0; k < r->n_hits; k++) {
            const hd_cue_hit *h = &r->hits[k];
            if (h->tok != t || h->e->cls != cls ||
                !hd_cue_applies(r->cues, h->e, r->c->type))
                continue;
            /* a preposition right after the trigger's clause; a sentence
             * scoped one (مطالبين الحكومة) anywhere after the trigger */
            if (t >= lim && h->e->scope != HD_SCOPE_SENT)
                continue;
            size_t a = t + h->len;
            for (size_t u = a; u < r->s1 && u <= a + 2; u++) {
                int i = mention_at(r, u);
                if (i >= 0)
                    return i;
            }
        }
    }
    return -1;
}

/* A mention glued to the preposition itself: ضد إسرائيل, على القوات is two
 * tokens, but لقوات / بأيدي are one. */
static int glued_li(const role_ctx *r, int i)
{
    return (r->doc->tokens[r->m[i].first].prefixes & HD_PFX_LI) != 0;
}

static int verb_plural(const role_ctx *r)
{
    const hd_token *t = &r->doc->tokens[r->c->tok];
    const char *k = t->key + t->stem_off;
    size_t n = t->stem_len;
    return (n > 4 && memcmp(k + n - 4, "وا", 4) == 0) ||
           (n > 4 && memcmp(k + n - 4, "ون", 4) == 0);
}

/* A bare perfect (no person suffix) followed by a number: passive. */
static int passive_reading(const role_ctx *r)
{
    const hd_candidate *c = r->c;
    if (c->form_flags & HD_FORM_IMPERF)
        return 0;
    size_t t = c->tok + c->len;
    while (t < r->s1 && skippable(r, t))
        t++;
    if (t >= r->s1)
        return 0;
    const hd_token *tk = &r->doc->tokens[t];
    /* قتل 18 شخصا is قُتل; قتلوا خمسة مسلحين has its subject before it */
    if (!verb_plural(r) &&
        (tk->kind == HD_TOK_NUMBER || cue_at(r, t, HD_CUE_NUMWORD) ||
         hd_tok_is(r->doc, t, "اكثر") || hd_tok_is(r->doc, t, "نحو") ||
         hd_tok_is(r->doc, t, "حوالي")))
        return 1;
    /* قتل في ...، قتلوا برصاص ...: no object, a preposition instead */
    return cue_at(r, t, HD_CUE_PREP) || cue_at(r, t, HD_CUE_SRC_PREP);
}

/* The victim named after a casualty word of the sentence (مقتل عشرة
 * اشخاص، إصابة جنديين): the target of an attack told in two clauses
 * (انفجرت سيارة مفخخة ... مما أدى الى مقتل عشرة اشخاص). The one nearest
 * the trigger wins. */
static int victim(const role_ctx *r)
{
    int best = -1;
    size_t best_d = SIZE_MAX;
    for (size_t i = 0; i < r->n_hits; i++) {
        const hd_cue_hit *h = &r->hits[i];
        if (h->e->cls != HD_CUE_VICTIM ||
            !hd_cue_applies(r->cues, h->e, r->c->type))
            continue;
        int m = mention_after(r, h->tok + h->len, 2, 0);
        if (m < 0)
            continue;
        size_t d = h->tok > r->c->tok ? h->tok - r->c->tok
                                      : r->c->tok - h->tok;
        if (d < best_d) {
            best_d = d;
            best = m;
        }
    }
    return best;
}

/* Does a clause open at token t: the sentence start, punctuation, or a
 * complementizer or subordinator (إن، أن، حيث، عندما)? A noun there, then
 * a verb, is the verb's subject: Arabic puts the subject first after these
 * (قالت مصادر إن وحدة اسرائيلية ... اغتالت). */
static int opens_clause(const role_ctx *r, size_t t)
{
    if (t <= r->s0)
        return 1;
    const hd_token *prev = &r->doc->tokens[t - 1];
    if (prev->kind == HD_TOK_PUNCT)
        return 1;
    for (size_t i = 0; i < r->n_hits; i++)
        if (r->hits[i].e->cls == HD_CUE_COMP &&
            r->hits[i].tok + r->hits[i].len == t)
            return 1;
    return 0;
}

static void verb_roles(const role_ctx *r, hd_roles *out)
{
    const hd_candidate *c = r->c;
    size_t after = c->tok + c->len;
    int pass = c->syntax == HD_SYN_VERB_PASS ||
               (c->syntax == HD_SYN_VERB && passive_reading(r));
    int subj;
    int pre = mention_before(r, c->tok, 2);
    if (verb_plural(r) || (pre >= 0 && opens_clause(r, r->m[pre].first))) {
        /* المتظاهرون تظاهروا; إن وحدة اسرائيلية اغتالت: the subject
         * comes first */
        subj = pre;
        if (subj < 0)
            subj = mention_after(r, after, 1, 0);
    } else {
        subj = mention_after(r, after, 2, 0);
        if (subj < 0)
            subj = pre;
    }
    if (pass) {
        out->passive = 1;
        out->target = subj;
        out->source = mention_after_prep(r, after, HD_CUE_SRC_PREP);
        return;
    }
    if (c->syntax != HD_SYN_VERB_UNACC)
        out->source = subj;
    else
        out->source = mention_after_prep(r, after, HD_CUE_SRC_PREP);
    /* a direct object right after the verb (and its subject) comes
     * first; else the actor after على/ضد */
    out->target = -1;
    if (c->syntax == HD_SYN_VERB) {
        size_t from = after;
        if (subj >= 0 && r->m[subj].first >= after)
            from = r->m[subj].end;
        int obj = mention_after(r, from, 2, 0);
        if (obj != subj)
            out->target = obj;
    }
    if (out->target < 0)
        out->target = mention_after_prep(r, after, HD_CUE_TGT_PREP);
    if (out->source < 0)
        out->source = mention_after_prep(r, after, HD_CUE_SRC_PREP);
}

/* Tokens of [a, b) that no mention covers: how far a verb is from its noun
 * once its subject and other names are set aside. */
static size_t free_tokens(const role_ctx *r, size_t a, size_t b)
{
    size_t n = 0;
    for (size_t t = a; t < b; t++) {
        int in = 0;
        for (size_t i = 0; i < r->n_m && !in; i++)
            in = t >= r->m[i].first && t < r->m[i].end;
        n += !in;
    }
    return n;
}

/* The subject of a light or undergoing verb of class cls before the noun,
 * or of a light verb right after it; *found says a verb of that class
 * governs the noun (at most three free tokens between them). */
static int verb_subject(const role_ctx *r, int cls, int *found)
{
    const hd_candidate *c = r->c;
    *found = 0;
    size_t lo = c->tok > (size_t)r->cues->light_window
                    ? c->tok - (size_t)r->cues->light_window
                    : 0;
    if (lo < r->s0)
        lo = r->s0;
    for (size_t t = c->tok; t-- > lo;) {
        if (is_boundary(&r->doc->tokens[t]))
            break;
        const hd_cue_hit *h = cue_at(r, t, cls);
        if (!h)
            continue;
        *found = free_tokens(r, t + h->len, c->tok) <= 3;
        int i = mention_after(r, t + h->len, 1, 0);
        if (i >= 0 && r->m[i].end <= c->tok)
            return i;
        return mention_before(r, t, 2);
    }
    if (cls != HD_CUE_LIGHT)
        return -1;
    /* هجوم شنه مقاتلو الحركة: a light verb just after the noun */
    size_t t = c->tok + c->len;
    if (t < r->s1 && (hd_tok_is(r->doc, t, "الذي") ||
                      hd_tok_is(r->doc, t, "التي")))
        t++;
    const hd_cue_hit *h = t < r->s1 ? cue_at(r, t, cls) : NULL;
    if (!h)
        return -1;
    *found = 1;
    return mention_after(r, t + h->len, 1, 0);
}

/* بين X و Y after a clash noun. */
static void between(const role_ctx *r, hd_roles *out)
{
    size_t t = r->c->tok + r->c->len;
    if (t >= r->s1 || !hd_tok_is(r->doc, t, "بين"))
        return;
    int a = mention_after(r, t + 1, 1, 0);
    if (a < 0)
        return;
    int b = mention_after(r, r->m[a].end, 1, 0);
    if (b < 0)
        return;
    out->source = a;
    out->target = b;
}

static void noun_roles(const role_ctx *r, hd_roles *out)
{
    const hd_candidate *c = r->c;
    size_t after = c->tok + c->len;
    int gen = mention_after(r, after, 0, 0);
    if (gen < 0) { /* قصف لطائرات: the لـ mention is not "bare" */
        int i = mention_at(r, after);
        if (i >= 0 && glued_li(r, i))
            gen = i;
    }
    out->source = verb_subject(r, HD_CUE_LIGHT, &out->light);
    out->target = verb_subject(r, HD_CUE_UNDERGO, &out->undergo);
    if (gen >= 0 && gen != out->source && gen != out->target) {
        if (glued_li(r, gen) || c->syntax == HD_SYN_NOUN_SRC) {
            if (out->source < 0)
                out->source = gen;
        } else if (c->syntax == HD_SYN_NOUN_TGT) {
            if (out->target < 0)
                out->target = gen;
        }
    }
    if (out->target < 0)
        out->target = mention_after_prep(r, after, HD_CUE_TGT_PREP);
    if (out->source < 0)
        out->source = mention_after_prep(r, after, HD_CUE_SRC_PREP);
    if (out->source < 0 && out->target < 0)
        between(r, out);
    if (out->source == out->target)
        out->target = -1;
}

void hd_roles_assign(const hd_doc *doc, const hd_sentence *s,
                     const hd_cue_hit *hits, size_t n_hits,
                     const hd_mention *m, size_t n_m, const hd_candidate *c,
                     const hd_cues *cues, hd_roles *out)
{
    role_ctx r = {doc, s->tok_first, s->tok_first + s->tok_count,
                  hits, n_hits, m, n_m, c, cues};
    out->source = out->target = -1;
    out->implicit_source = NULL;
    out->passive = out->light = out->undergo = 0;
    if (c->syntax >= HD_SYN_VERB)
        verb_roles(&r, out);
    else
        noun_roles(&r, out);
    /* a mention inside the trigger itself is not a role */
    if (out->source >= 0 && m[out->source].first < c->tok + c->len &&
        m[out->source].end > c->tok)
        out->source = -1;
    if (out->target >= 0 && m[out->target].first < c->tok + c->len &&
        m[out->target].end > c->tok)
        out->target = -1;
    if (out->target < 0) {
        int v = victim(&r);
        if (v != out->source)
            out->target = v;
    }
    if (out->source < 0 && c->implicit[0])
        out->implicit_source = c->implicit;
}
