/*
 * coder.c: hd_code, the loop from analysed sentences to events.
 *
 * Per sentence: match the cue list once (every later step reads those hits
 * instead of rescanning tokens) and find the candidate triggers; then, in
 * a second pass, find the actor mentions, and for each candidate assign
 * roles, read modality and score the evidence. A candidate that reaches the threshold becomes an
 * hd_event; two accepted candidates of the same type a few tokens apart
 * (هجوم انتحاري بسيارة مفخخة) are one event: the first, unless a later one
 * names more of its actors (a source only implied by the trigger, by=CVL,
 * counts half) or ties with a first that came from a doer line.
 *
 * Who decides (issue 5): the rules (evidence score >= the type's threshold),
 * the trained detector (src/model/: a probability for the sentence and the
 * type, from its words and the coder's findings), or both combined by the
 * three numbers the model file carries for the type; `--detector` picks one.
 * The default is still the rules: trained on 2007-08 newspaper sentences,
 * the model does better on held-out dev sentences and on false alarms, but
 * it rejects the seed article's 2017 Raqqa offensive (p = 0.05), a report
 * of the very kind hadath is for; until it has seen such reports, it is
 * asked for (`--detector both`), not imposed. The model judges a sentence,
 * the rules still give each candidate its roles and its evidence: in model
 * mode the accepted event is the type's best-scored trigger (and any other
 * the rules accept); in both mode each candidate's rule score moves the
 * combined logit. Event scores are 1.0 under the rules, else the probability
 * behind the decision. Types the model was not trained for (COERCE ...)
 * stay with the rules. Negation and hypothesis are read for every
 * candidate, before the decision, and mark the event as before.
 *
 * A state that protests is complaining, not demonstrating: احتجت الخارجية
 * is CAMEO 114 (ACCUSE), so a PROTEST trigger that the cue list marks as
 * verbal-capable (gov-protest) is recoded when its source is a government,
 * a bare country or an international organisation.
 *
 * Events go into doc->events (a vector reused from document to document);
 * every string is the lexicon's or the doc arena's.
 */
#include "code/code.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "model/features.h"

static void sort_candidates(hd_candidate *c, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        hd_candidate x = c[i];
        size_t j = i;
        while (j > 0 && c[j - 1].tok > x.tok) {
            c[j] = c[j - 1];
            j--;
        }
        c[j] = x;
    }
}

/* "military; legal" -> "military,legal" in the arena; NULL stays NULL. */
static const char *context_list(hd_arena *a, const char *ctx)
{
    if (!ctx || !*ctx)
        return NULL;
    size_t n = strlen(ctx);
    char *out = hd_arena_alloc(a, n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (ctx[i] == ';')
            out[k++] = ',';
        else if (ctx[i] != ' ')
            out[k++] = ctx[i];
    }
    out[k] = '\0';
    return k ? out : NULL;
}

static void fill_actor(const hd_doc *doc, const hd_mention *m, int i,
                       const char *implicit, uint32_t at, hd_actor *a)
{
    memset(a, 0, sizeof *a);
    if (i >= 0) {
        const hd_mention *x = &m[i];
        a->span.start = doc->tokens[x->first].start;
        a->span.end = doc->tokens[x->end - 1].end;
        a->code = x->code;
        a->entry_file = x->file;
        a->entry_line = x->line;
        a->entity = x->entity;
    } else if (implicit) {
        a->span.start = a->span.end = at;
        a->code = implicit;
    } else {
        a->span.start = a->span.end = at;
        return;
    }
    hd_code_split(a->code, a->country, a->sector);
}

/* Is the trigger a verbal-capable protest word (gov-protest cue)? */
static int gov_protest_word(const hd_cues *cues, const hd_cue_hit *hits,
                            size_t n_hits, const hd_candidate *c)
{
    for (size_t i = hd_hits_at(hits, n_hits, c->tok);
         i < n_hits && hits[i].tok == c->tok; i++)
        if (hits[i].e->cls == HD_CUE_GOV_PROTEST &&
            hd_cue_applies(cues, hits[i].e, c->type))
            return 1;
    return 0;
}

static int state_actor(const hd_actor *a)
{
    if (!a->code || !a->country[0])
        return 0;
    return !a->sector[0] || strcmp(a->sector, "GOV") == 0 ||
           strcmp(a->country, "IGO") == 0;
}

typedef struct sent_ctx {
    const hd_lexicon *lx;
    hd_doc *doc;
    size_t index;
    const hd_sentence *s;
    hd_cue_hit *hits;
    size_t n_hits;
    hd_mention *m;
    size_t n_m;
    size_t first_event;       /* this sentence's events start here */
    uint32_t *ev_tok;         /* the trigger token of each of them */
    uint8_t *ev_doer;         /* ... and whether a doer line gave it */
} sent_ctx;

/* The accepted event of the same type close to c, or -1. */
static long same_event(const sent_ctx *x, const hd_candidate *c,
                       const char *type)
{
    const hd_doc *doc = x->doc;
    for (size_t i = x->first_event; i < doc->n_events; i++) {
        if (strcmp(doc->events[i].event_type, type) != 0)
            continue;
        size_t t = x->ev_tok[i - x->first_event];
        size_t d = t > c->tok ? t - c->tok : c->tok - t;
        if (d <= (size_t)x->lx->cues.event_gap + c->len)
            return (long)i;
    }
    return -1;
}

/* CAMEO 195 (employ aerial weapons) for a generic assault told with
 * aircraft: قصف لطائرات التحالف، غارة جوية. The words are looked for within
 * four tokens of the trigger, so an aircraft elsewhere in a long sentence
 * does not turn a ground attack into an air strike. They are match keys,
 * spelled as normalization leaves them (ة is ه), or they would never match. */
static int aerial(const hd_doc *doc, const hd_sentence *s, size_t tok)
{
    static const char *const words[] = {
        "طائرات", "طائره", "الطائرات", "الطائره", "لطائرات", "جوي", "جويه",
        "الجوي", "الجويه", "غاره", "غارات", "مقاتلات", "المقاتلات", "مروحيات",
        "مروحيه", "الطيران", "طيران"};
    size_t lo = tok > s->tok_first + 4 ? tok - 4 : s->tok_first;
    size_t hi = tok + 5 < s->tok_first + s->tok_count ? tok + 5
                                                      : s->tok_first + s->tok_count;
    for (size_t t = lo; t < hi; t++)
        for (size_t k = 0; k < sizeof words / sizeof *words; k++)
            if (hd_tok_is(doc, t, words[k]))
                return 1;
    return 0;
}

/* How much of an event's who the text names: a named actor counts twice, a
 * source the trigger only implies (by=CVL: protesters) once, so a protest
 * whose protesters are named (المتظاهرين الصوماليين) beats one that implies
 * them. */
static int roles_named(const hd_event *e)
{
    int n = 0;
    if (e->source.code)
        n += e->source.span.end > e->source.span.start ? 2 : 1;
    if (e->target.code)
        n += 2;
    return n;
}

static void emit(sent_ctx *x, const hd_candidate *c, const hd_roles *r,
                 uint8_t neg, uint8_t hypo, double score)
{
    hd_doc *doc = x->doc;
    hd_event ev;
    memset(&ev, 0, sizeof ev);
    /* Unknown until the later stages (places, attribution, quantities)
     * say otherwise: -1, never a valid index or a count of zero. */
    ev.place = ev.attribution = -1;
    ev.dead = ev.injured = ev.arrested = ev.size = -1;
    ev.sentence = (uint32_t)x->index;
    ev.section = x->s->section;
    snprintf(ev.cameo, sizeof ev.cameo, "%s",
             strcmp(c->cameo, "190") == 0 && aerial(doc, x->s, c->tok)
                 ? "195" : c->cameo);
    ev.event_type = c->type;
    ev.mode = c->mode;
    ev.context = context_list(doc->arena, c->context);
    ev.quad = c->quad;
    ev.negated = neg;
    ev.hypothetical = hypo;
    uint32_t at = doc->tokens[c->tok].start;
    fill_actor(doc, x->m, r->source, r->implicit_source, at, &ev.source);
    fill_actor(doc, x->m, r->target, NULL, at, &ev.target);
    ev.trigger.start = at;
    ev.trigger.end = doc->tokens[c->tok + c->len - 1].end;
    ev.pattern = c->pattern;
    ev.pattern_file = c->pattern_file;
    ev.pattern_line = c->pattern_line;
    ev.date = doc->date;
    ev.score = score;
    if (strcmp(c->type, "PROTEST") == 0 &&
        gov_protest_word(&x->lx->cues, x->hits, x->n_hits, c) &&
        state_actor(&ev.source)) {
        hd_candidate v = *c;
        if (hd_candidate_set_cameo(x->lx, &v, "114") == 0) {
            snprintf(ev.cameo, sizeof ev.cameo, "%s", v.cameo);
            ev.event_type = v.type;
            ev.mode = v.mode;
            ev.context = context_list(doc->arena, v.context);
            ev.quad = v.quad;
        }
    }
    long same = same_event(x, c, ev.event_type);
    if (same >= 0) {
        /* keep the better: more of its roles named, else an event word
         * over a doer (المتظاهرون), else the first */
        hd_event *o = &doc->events[same];
        int roles_o = roles_named(o), roles_n = roles_named(&ev);
        int doer_o = x->ev_doer[o->ordinal];
        if ((roles_n > roles_o || (roles_n == roles_o && doer_o && !c->doer)) &&
            !ev.negated && !ev.hypothetical) {
            ev.ordinal = o->ordinal;
            *o = ev;
            x->ev_tok[ev.ordinal] = c->tok;
            x->ev_doer[ev.ordinal] = c->doer;
        }
        return;
    }
    ev.ordinal = (uint32_t)(doc->n_events - x->first_event);
    x->ev_tok[ev.ordinal] = c->tok;
    x->ev_doer[ev.ordinal] = c->doer;
    HD_VEC_RESERVE(doc->events, doc->cap_events, doc->n_events + 1);
    doc->events[doc->n_events++] = ev;
}

/* Every coded mention goes into doc->actors, event or not: the document's
 * actors are a finding of their own (who is in the news). */
static void record_mentions(sent_ctx *x)
{
    hd_doc *doc = x->doc;
    for (size_t i = 0; i < x->n_m; i++) {
        if (!x->m[i].code)
            continue;
        HD_VEC_RESERVE(doc->actors, doc->cap_actors, doc->n_actors + 1);
        fill_actor(doc, x->m, (int)i, NULL, 0, &doc->actors[doc->n_actors++]);
    }
}

/* PETRARCH pattern slots, when the lexicon gave them, name the roles. */
static int mention_covering(const sent_ctx *x, long tok)
{
    if (tok < 0)
        return -1;
    for (size_t i = 0; i < x->n_m; i++)
        if ((size_t)tok >= x->m[i].first && (size_t)tok < x->m[i].end)
            return (int)i;
    return -1;
}

/* ------------------------------------------------------------ deciding */

int hd_lexicon_set_detector(hd_lexicon *lx, int detector)
{
    lx->detector = detector;
    return hd_lexicon_detector(lx);
}

int hd_lexicon_detector(const hd_lexicon *lx)
{
    int d = lx->detector;
    if (d == HD_DETECT_DEFAULT) /* see the top of the file: rules, for now */
        return HD_DETECT_RULES;
    return lx->model ? d : HD_DETECT_RULES;
}

/* What the rules found for one candidate. */
typedef struct cand_eval {
    hd_roles r;
    double rule, thr;
    uint8_t neg, hypo;
} cand_eval;

/* Index of a trained type, or -1. */
static int trained_index(const char *type)
{
    for (int k = 0; k < HD_MODEL_N_TRAINED; k++)
        if (type && strcmp(type, hd_model_trained_types[k]) == 0)
            return k;
    return -1;
}

/* The model's view of the sentence, per trained type: the probability
 * (-1 when the type has no candidate or no weights) and the candidate
 * with the best rule score. */
typedef struct sent_model {
    double p[HD_MODEL_N_TRAINED];
    long best[HD_MODEL_N_TRAINED];
} sent_model;

static void model_sentence(sent_ctx *x, const hd_candidate *cand,
                           const cand_eval *ce, size_t n, int detector,
                           const hd_code_hooks *hooks, sent_model *sm)
{
    const hd_model *model = x->lx->model;
    int want_p = model && detector != HD_DETECT_RULES;
    int any = 0;
    for (int k = 0; k < HD_MODEL_N_TRAINED; k++) {
        sm->p[k] = -1.0;
        sm->best[k] = -1;
    }
    for (size_t i = 0; i < n; i++) {
        int k = trained_index(cand[i].type);
        if (k < 0)
            continue;
        any = 1;
        if (sm->best[k] < 0 || ce[i].rule - ce[i].thr >
                                   ce[sm->best[k]].rule - ce[sm->best[k]].thr)
            sm->best[k] = (long)i;
    }
    if (!any || (!want_p && !(hooks && hooks->features)))
        return;
    hd_doc *doc = x->doc;
    const hd_cues *cues = &x->lx->cues;
    hd_feats sent;
    hd_feats_init(&sent, doc->arena, 32);
    hd_features_sentence(&sent, doc, x->s, x->hits, x->n_hits, cues);
    for (int k = 0; k < HD_MODEL_N_TRAINED; k++) {
        if (sm->best[k] < 0)
            continue;
        hd_feats f;
        hd_feats_init(&f, doc->arena, 32);
        hd_feats_append(&f, sent.idx, sent.n);
        for (size_t i = 0; i < n; i++)
            if (trained_index(cand[i].type) == k)
                hd_features_candidate(&f, doc, x->s, x->hits, x->n_hits,
                                      x->m, x->n_m, &cand[i], &ce[i].r,
                                      ce[i].neg, ce[i].hypo, cues);
        hd_feats_finish(&f);
        const cand_eval *b = &ce[sm->best[k]];
        if (hooks && hooks->features)
            hooks->features(hooks->ud, doc, x->index,
                            hd_model_trained_types[k], f.idx, f.n,
                            b->rule - b->thr);
        const hd_model_type *t =
            want_p ? hd_model_find(model, hd_model_trained_types[k]) : NULL;
        if (t)
            sm->p[k] = hd_model_prob(t, f.idx, f.n);
    }
}

/* Decides candidate i: fills d (accepted, p, z) and returns the score the
 * event gets. */
static double decide(const sent_ctx *x, const hd_candidate *c,
                     const cand_eval *e, size_t i, int detector,
                     const sent_model *sm, hd_decision *d)
{
    memset(d, 0, sizeof *d);
    d->sentence = x->index;
    d->c = c;
    d->rule = e->rule;
    d->rule_threshold = e->thr;
    d->p = -1.0;
    d->detector = HD_DETECT_RULES;
    int k = trained_index(c->type);
    const hd_model_type *t =
        k >= 0 && sm->p[k] >= 0 ? hd_model_find(x->lx->model, c->type) : NULL;
    if (!t || detector == HD_DETECT_RULES) {
        d->accepted = e->rule >= e->thr;
        if (k >= 0 && sm->p[k] >= 0)
            d->p = sm->p[k];
        return 1.0;
    }
    d->p = sm->p[k];
    d->detector = detector;
    if (detector == HD_DETECT_MODEL) {
        /* the model judges the sentence; the event is its best-scored
         * trigger of the type, and any other the rules accept */
        d->accepted = d->p >= t->threshold &&
                      (e->rule >= e->thr || (long)i == sm->best[k]);
        return d->p;
    }
    d->z = t->comb[0] + t->comb[1] * hd_model_logit(d->p) +
           t->comb[2] * (e->rule - e->thr);
    d->accepted = d->z >= 0;
    return hd_model_sigmoid(d->z);
}

/* A sentence's cue hits and candidate triggers, which read nothing of
 * other sentences (mentions do: anaphora reach back). */
typedef struct sent_cands {
    hd_cue_hit *hits;
    size_t n_hits;
    hd_candidate *cand;
    size_t n;
} sent_cands;

static void find_candidates(const hd_lexicon *lx, hd_doc *doc,
                            const hd_sentence *s, sent_cands *sc)
{
    size_t first = s->tok_first, end = first + s->tok_count;
    sc->n_hits = hd_cues_match(&lx->cues, doc, first, end, &sc->hits);
    sc->n = hd_triggers_find(lx, doc, s, sc->hits, sc->n_hits, &sc->cand);
    sort_candidates(sc->cand, sc->n);
}

static void code_sentence(sent_ctx *x, const sent_cands *sc, int detector,
                          const hd_code_hooks *hooks)
{
    const hd_cues *cues = &x->lx->cues;
    hd_doc *doc = x->doc;
    const hd_sentence *s = x->s;
    size_t first = s->tok_first, end = first + s->tok_count;
    x->hits = sc->hits;
    x->n_hits = sc->n_hits;
    x->n_m = hd_mentions_find(x->lx, doc, first, end, x->hits, x->n_hits,
                              &x->m);
    x->n_m += hd_anaphora_add(doc, first, end, &x->m, x->n_m);
    record_mentions(x);
    hd_candidate *cand = sc->cand;
    size_t n = sc->n;
    x->first_event = doc->n_events;
    x->ev_tok = hd_arena_alloc(doc->arena, (n + 1) * sizeof *x->ev_tok);
    x->ev_doer = hd_arena_alloc(doc->arena, (n + 1) * sizeof *x->ev_doer);
    cand_eval *ce = hd_arena_alloc(doc->arena, (n + 1) * sizeof *ce);
    for (size_t i = 0; i < n; i++) {
        const hd_candidate *c = &cand[i];
        hd_roles *r = &ce[i].r;
        hd_roles_assign(doc, s, x->hits, x->n_hits, x->m, x->n_m, c, cues, r);
        if (c->from_lexicon) {
            int a = mention_covering(x, c->lex_source_tok);
            int b = mention_covering(x, c->lex_target_tok);
            if (a >= 0)
                r->source = a;
            if (b >= 0 && b != r->source)
                r->target = b;
        }
        ce[i].rule = hd_evidence_score(doc, s, x->hits, x->n_hits, x->m,
                                       x->n_m, c, r, cues, NULL);
        ce[i].thr = hd_cues_param(cues, HD_P_THRESHOLD, c->type);
        hd_modality(doc, s, x->hits, x->n_hits, c, cues, &ce[i].neg,
                    &ce[i].hypo);
    }
    sent_model sm;
    model_sentence(x, cand, ce, n, detector, hooks, &sm);
    for (size_t i = 0; i < n; i++) {
        hd_decision d;
        double score = decide(x, &cand[i], &ce[i], i, detector, &sm, &d);
        if (hooks && hooks->decision) {
            /* the terms again, only for a listener (the hot path sums) */
            hd_evidence why;
            hd_evidence_score(doc, s, x->hits, x->n_hits, x->m, x->n_m,
                              &cand[i], &ce[i].r, cues, &why);
            d.why = &why;
            hooks->decision(hooks->ud, doc, &d);
        }
        if (d.accepted)
            emit(x, &cand[i], &ce[i].r, ce[i].neg, ce[i].hypo, score);
    }
}

static void code_one(const hd_lexicon *lx, hd_doc *doc, const sent_cands *sc,
                     size_t i, int detector, const hd_code_hooks *hooks)
{
    sent_ctx x;
    memset(&x, 0, sizeof x);
    x.lx = lx;
    x.doc = doc;
    x.index = i;
    x.s = &doc->sentences[i];
    if (x.s->tok_count)
        code_sentence(&x, &sc[i], detector, hooks);
}

/* Codes the sentences without candidates in [from, to), which waited,
 * each one's actors put where a sentence coded in turn would have put
 * them: doc->actors stays in text order, which is all an anaphor's walk
 * back reads (it passes over the actors after its token). Returns to. */
static size_t code_waiting(const hd_lexicon *lx, hd_doc *doc,
                           const sent_cands *sc, size_t from, size_t to,
                           int detector)
{
    for (size_t j = from; j < to; j++) {
        if (sc[j].n)
            continue; /* coded in turn */
        size_t had = doc->n_actors, at = had;
        code_one(lx, doc, sc, j, detector, NULL);
        size_t k = doc->n_actors - had;
        while (at > 0 && doc->actors[at - 1].span.start >=
                             doc->sentences[j].end)
            at--;
        if (!k || at == had)
            continue;
        hd_actor *mine = hd_arena_alloc(doc->arena, k * sizeof *mine);
        memcpy(mine, doc->actors + had, k * sizeof *mine);
        memmove(doc->actors + at + k, doc->actors + at,
                (had - at) * sizeof *mine);
        memcpy(doc->actors + at, mine, k * sizeof *mine);
    }
    return to;
}

int hd_code_events_ex(const hd_lexicon *lx, hd_doc *doc,
                      const hd_code_hooks *hooks, hd_error *err)
{
    return hd_code_events_need(lx, doc, hooks, HD_CODE_ALL, err);
}

int hd_code_events_need(const hd_lexicon *lx, hd_doc *doc,
                        const hd_code_hooks *hooks, int need, hd_error *err)
{
    doc->n_events = doc->n_actors = 0;
    if (!lx) {
        hd_error_set(err, doc->source, 0, -1, "hd_code_events: no lexicon");
        return -1;
    }
    if (doc->n_sentences && !doc->tokens) {
        hd_error_set(err, doc->source, 0, -1,
                     "hd_code_events: the document is not analysed");
        return -1;
    }
    int detector = hd_lexicon_detector(lx);
    hd_words_prepare(lx, doc); /* and the skip bytes (text/text.h) */
    sent_cands *sc = hd_arena_alloc(doc->arena,
                                    (doc->n_sentences + 1) * sizeof *sc);
    for (size_t i = 0; i < doc->n_sentences; i++) {
        memset(&sc[i], 0, sizeof sc[i]);
        if (doc->sentences[i].tok_count)
            find_candidates(lx, doc, &doc->sentences[i], &sc[i]);
    }
    /* Mentions, roles, decisions. For the events only, a sentence without
     * candidates matters only as the antecedents of a later anaphor:
     * its mentions wait until one may walk back (hd_code_events_need in
     * code.h), and most never have to be found. */
    size_t waiting = 0, waits = 0; /* none before `waiting` waits */
    for (size_t i = 0; i < doc->n_sentences; i++) {
        const hd_sentence *s = &doc->sentences[i];
        if (need == HD_CODE_EVENTS_ONLY) {
            if (!sc[i].n) {
                waits++; /* its mentions wait for an anaphor */
                continue;
            }
            if (waits && hd_anaphora_may_look_back(doc, s->tok_first,
                                                   s->tok_first +
                                                       s->tok_count)) {
                waiting = code_waiting(lx, doc, sc, waiting, i, detector);
                waits = 0;
            }
        }
        code_one(lx, doc, sc, i, detector, hooks);
    }
    return 0;
}

int hd_code_events(const hd_lexicon *lx, hd_doc *doc, hd_error *err)
{
    return hd_code_events_ex(lx, doc, NULL, err);
}
