/*
 * trigger.c: the candidate events of a sentence.
 *
 * Two sources. hadath's trigger list is the main one: it has the event
 * nouns and the inflected verbs of news, each with a CAMEO code, a prior
 * and a syntax class that roles.c reads. The PETRARCH verb dictionary
 * (src/lex) is the second: a verb it knows, refined by its patterns, gives a
 * candidate wherever the list has none, at a lower prior, since its lemma
 * entries were machine-made and many are wrong for news.
 *
 * Overlaps are settled by specificity: at one token the longest form wins
 * (هجوم انتحاري over هجوم), and a form wholly inside a longer one is
 * dropped (سيارة مفخخة inside انفجار سيارة مفخخة). A bare word that is both
 * a verb and a noun (قصف، قتل) is read as the noun after the article, a
 * clitic preposition or a preposition, else as the verb. Light and
 * undergoing verbs (شن، قام، تعرض) mean nothing without their noun, so the
 * verb dictionary's own codes for them are not taken. A doer line (المتظاهرون
 * in the nominative) gives a candidate like a trigger line, but its word
 * stays an actor to mentions.c, which reads trigger words as no actor.
 * Candidates are kept in token order; whether one is an event is decided
 * later (evidence.c).
 */
#include "code/code.h"

#include <stdio.h>
#include <string.h>

int hd_candidate_set_cameo(const hd_lexicon *lx, hd_candidate *c,
                           const char *cameo)
{
    hd_plover p;
    snprintf(c->cameo, sizeof c->cameo, "%s", cameo);
    if (!lx->lex || hd_lex_cameo_to_plover(lx->lex, cameo, &p) != 1 ||
        !p.type)
        return -1;
    c->type = p.type;
    c->mode = p.mode && *p.mode ? p.mode : NULL;
    c->context = p.context && *p.context ? p.context : NULL;
    c->quad = p.quad;
    return 0;
}

/* Does the word at tok read as a noun: with the article or a clitic
 * preposition (القصف، بقصف), or right after a preposition (بعد قصف)? A
 * bare قصف or قتل is otherwise read as the verb. */
static int noun_context(const hd_doc *doc, const hd_cue_hit *hits,
                        size_t n_hits, size_t tok)
{
    unsigned p = doc->tokens[tok].prefixes;
    if (p & (HD_PFX_AL | HD_PFX_BI | HD_PFX_LI | HD_PFX_KA))
        return 1;
    for (size_t i = 0; i < n_hits; i++) {
        int cls = hits[i].e->cls;
        if (hits[i].tok + hits[i].len == tok &&
            (cls == HD_CUE_PREP || cls == HD_CUE_TGT_PREP))
            return 1;
    }
    return 0;
}

/* A trigger entry: a trigger line, or a doer line (a trigger that is also
 * an actor, so the mention finder still reads it). */
static int is_trigger(const hd_cue_entry *e)
{
    return e->cls == HD_CUE_TRIGGER || e->cls == HD_CUE_DOER;
}

/* Of two trigger hits on the same span, is o the better reading than h? */
static int better_same_span(const hd_doc *doc, const hd_cue_hit *hits,
                            size_t n_hits, const hd_cue_hit *o,
                            const hd_cue_hit *h)
{
    int ov = o->e->syntax >= HD_SYN_VERB, hv = h->e->syntax >= HD_SYN_VERB;
    if (ov != hv)
        return noun_context(doc, hits, n_hits, h->tok) ? !ov : ov;
    return o < h; /* the same kind: the first found */
}

/* Is h inside a longer trigger hit, or is another hit on the same span the
 * better reading? */
static int inside_longer(const hd_doc *doc, const hd_cue_hit *hits,
                         size_t n_hits, const hd_cue_hit *h)
{
    for (size_t i = 0; i < n_hits; i++) {
        const hd_cue_hit *o = &hits[i];
        if (o == h || !is_trigger(o->e))
            continue;
        if (o->tok <= h->tok && o->tok + o->len >= h->tok + h->len &&
            o->len > h->len)
            return 1;
        if (o->tok == h->tok && o->len == h->len &&
            better_same_span(doc, hits, n_hits, o, h))
            return 1;
    }
    return 0;
}

static int covered(const hd_candidate *c, size_t n, size_t tok)
{
    for (size_t i = 0; i < n; i++)
        if (tok >= c[i].tok && tok < c[i].tok + c[i].len)
            return 1;
    return 0;
}

static void from_list(const hd_lexicon *lx, const hd_doc *doc,
                      const hd_cue_hit *hits,
                      size_t n_hits, hd_candidate *out, size_t *n)
{
    for (size_t i = 0; i < n_hits; i++) {
        const hd_cue_hit *h = &hits[i];
        if (!is_trigger(h->e) || inside_longer(doc, hits, n_hits, h))
            continue;
        hd_candidate *c = &out[*n];
        memset(c, 0, sizeof *c);
        c->tok = h->tok;
        c->len = h->len;
        c->form_flags = h->flags;
        c->syntax = h->e->syntax;
        c->doer = h->e->cls == HD_CUE_DOER;
        c->prior = h->e->weight;
        c->pattern = hd_cues_str(&lx->cues, h->e->text);
        c->pattern_file = lx->cues.path;
        c->pattern_line = h->e->line;
        if (h->e->sector[0])
            snprintf(c->implicit, sizeof c->implicit, "---%s", h->e->sector);
        c->lex_source_tok = c->lex_target_tok = -1;
        if (hd_candidate_set_cameo(lx, c, h->e->cameo) == 0)
            (*n)++;
    }
}

/* Verbs of the PETRARCH dictionary where the list found nothing. */
/* A light verb (شن، نفذ، قام) means nothing without its noun: the
 * dictionary's own code for it is not an event. */
static int light_verb_at(const hd_cue_hit *hits, size_t n_hits, size_t t)
{
    for (size_t i = hd_hits_at(hits, n_hits, t);
         i < n_hits && hits[i].tok == t; i++)
        if (hits[i].e->cls == HD_CUE_LIGHT || hits[i].e->cls == HD_CUE_UNDERGO)
            return 1;
    return 0;
}

static void from_lexicon(const hd_lexicon *lx, hd_doc *doc,
                         const hd_sentence *s, const hd_cue_hit *hits,
                         size_t n_hits, hd_candidate *out, size_t *n,
                         size_t n_list)
{
    size_t end = s->tok_first + s->tok_count;
    for (size_t t = s->tok_first; t < end; t++) {
        if (doc->tokens[t].kind != HD_TOK_WORD ||
            !hd_walk_may_start(lx, doc, t, HD_LEX_START_VERB) ||
            covered(out, n_list, t) || light_verb_at(hits, n_hits, t))
            continue;
        hd_lex_verb v;
        size_t len = hd_lex_match_verb(lx->lex, doc, t, end, &v);
        if (!len)
            continue;
        hd_candidate *c = &out[*n];
        memset(c, 0, sizeof *c);
        c->tok = (uint32_t)t;
        c->len = (uint32_t)len;
        c->form_flags = HD_FORM_VERB;
        c->syntax = HD_SYN_VERB;
        c->from_lexicon = 1;
        c->lex_source_tok = c->lex_target_tok = -1;
        /* only a verb whose pattern matched: the dictionary's bare verb
         * codes are too often wrong for news (يضم as "occupy") */
        const char *code = NULL;
        hd_lex_pattern_hit ph;
        if (hd_lex_match_pattern(lx->lex, doc, s, t, len, &v, doc->date,
                                 &ph)) {
            code = ph.code_active;
            c->pattern = ph.text;
            c->pattern_file = ph.file;
            c->pattern_line = (uint32_t)ph.line;
            c->lex_source_tok = ph.source_tok;
            c->lex_source_len = ph.source_len;
            c->lex_target_tok = ph.target_tok;
            c->lex_target_len = ph.target_len;
        }
        if (code && hd_candidate_set_cameo(lx, c, code) == 0) {
            c->prior = hd_cues_param(&lx->cues, HD_P_LEXICON_VERB, c->type);
            (*n)++;
        }
        t += len - 1;
    }
}

size_t hd_triggers_find(const hd_lexicon *lx, hd_doc *doc,
                        const hd_sentence *s, const hd_cue_hit *hits,
                        size_t n_hits, hd_candidate **out)
{
    size_t cap = n_hits + s->tok_count + 1;
    hd_candidate *c = hd_arena_alloc(doc->arena, cap * sizeof *c);
    size_t n = 0;
    from_list(lx, doc, hits, n_hits, c, &n);
    size_t n_list = n;
    if (lx->lex)
        from_lexicon(lx, doc, s, hits, n_hits, c, &n, n_list);
    *out = c;
    return n;
}
