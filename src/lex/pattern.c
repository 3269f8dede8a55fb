/*
 * pattern.c: trying a verb block's patterns around a verb in a sentence.
 *
 * PETRARCH matches patterns against a parse tree; hadath has tokens, so it
 * matches them TABARI style, in order along the sentence:
 *
 *   - the lower part (after `*`) is searched after the verb, the upper part
 *     (before `*`) before it, each in its window of the sentence;
 *   - elements of one ( ) or { } group, or words joined by `_`, must be
 *     adjacent; between other elements a few tokens may intervene; before
 *     the first lower element more may (Arabic is verb-subject-object: the
 *     subject sits between the verb and its object, شنت قوات ... هجوما);
 *   - a word matches as in match.c (nouns: key, stem, inflection variants);
 *     a synset matches its longest member; $ + % take an actor or agent
 *     phrase if one starts there, else one word (unbound, score 0).
 *
 * Scoring, for "most specific wins": 2 per literal word, 1 per synset
 * token, 1 per slot filled by a dictionary actor. Ties go to the earlier
 * line. A pattern whose trailing comment names verbs of its block applies
 * only to those verbs (see load_verbs.c).
 */
#include <stdlib.h>
#include <string.h>

#include "lex/lex_int.h"

#define LOWER_WINDOW 20 /* tokens after the verb the lower part may use */
#define UPPER_WINDOW 12 /* tokens before the verb the upper part may use */
#define FIRST_GAP 8     /* tokens between the verb and the first element */
#define GAP 6           /* tokens between elements of different groups */
#define MAX_BLOCKS 16

typedef struct pmatch {
    const hd_lex *lex;
    const hd_doc *doc;
    const lex_cache *cache; /* the doc's word ids (match.c) */
    const char *date;
    const lex_elem *e;
    uint32_t n;
    size_t lo, hi;       /* window [lo, hi) */
    size_t first_gap;
    int upper;           /* the match must end within GAP of hi */
    size_t first;        /* first token used */
    long slot_tok[3], slot_len[3];
} pmatch;

/* Can a walk from a root of kind start (or from synonym set root) begin at
 * token p? The cache knows when the word memo made it. */
static int may_walk(const pmatch *m, size_t p, unsigned start, uint32_t root)
{
    const lex_tok_ids *x = &m->cache->tok[p];
    return x->lone || (start ? (x->starts & start) != 0
                             : (x->synsets & hd_lex_root_bit(root)) != 0);
}

/* Does element e match at token p? Sets the tokens used and the score. */
static int elem_at(pmatch *m, const lex_elem *e, size_t p, size_t *len,
                   int *gain)
{
    const hd_token *t = &m->doc->tokens[p];
    uint32_t node;
    switch (e->kind) {
    case LEX_EL_WORD:
        *len = 1;
        *gain = 2;
        return lex_token_is(m->cache, p, e->val, e->req);
    case LEX_EL_CLITIC: /* (ل): a token carrying it, or the letter alone */
        *len = 1;
        *gain = 1;
        return t->kind == HD_TOK_WORD &&
               ((t->prefixes & e->req) == e->req || lex_lone_token(t) == e->req);
    case LEX_EL_SYNSET:
        if ((t->prefixes & e->req) != e->req || !may_walk(m, p, 0, e->val))
            return 0;
        *len = lex_walk(m->lex, e->val, m->doc, p, m->hi, 0, &node);
        *gain = (int)*len;
        return *len > 0;
    default: {
        hd_lex_actor a;
        hd_lex_agent g;
        *len = may_walk(m, p, HD_LEX_START_ACTOR, 0)
                   ? hd_lex_match_actor(m->lex, m->doc, p, m->hi, m->date, &a)
                   : 0;
        if (!*len && may_walk(m, p, HD_LEX_START_AGENT, 0))
            *len = hd_lex_match_agent(m->lex, m->doc, p, m->hi, &g);
        *gain = *len > 0;
        if (!*len && t->kind == HD_TOK_WORD)
            *len = 1;
        return *len > 0;
    }
    }
}

/* Matches elements k.. from token pos; returns the score or -1. */
static int match_from(pmatch *m, uint32_t k, size_t pos)
{
    if (k == m->n)
        return m->upper && m->hi - pos > GAP ? -1 : 0;
    const lex_elem *e = &m->e[k];
    int adjacent = k > 0 && e->group == m->e[k - 1].group;
    size_t maxp = adjacent ? pos : pos + (k == 0 ? m->first_gap : GAP);
    for (size_t p = pos; p <= maxp && p < m->hi; p++) {
        size_t len;
        int gain;
        if (!elem_at(m, e, p, &len, &gain))
            continue;
        int rest = match_from(m, k + 1, p + len);
        if (rest < 0)
            continue;
        if (e->kind >= LEX_EL_SOURCE) {
            int s = e->kind - LEX_EL_SOURCE;
            m->slot_tok[s] = (long)p;
            m->slot_len[s] = (long)len;
        }
        if (k == 0)
            m->first = p;
        return gain + rest;
    }
    return -1;
}

static int match_part(pmatch *m, const lex_elem *e, uint32_t n, size_t lo,
                      size_t hi, int upper)
{
    m->e = e;
    m->n = n;
    m->lo = lo;
    m->hi = hi;
    m->upper = upper;
    m->first_gap = upper ? UPPER_WINDOW : FIRST_GAP;
    m->first = lo;
    if (n == 0)
        return 0;
    return match_from(m, 0, lo);
}

static int filter_allows(const hd_lex *lex, const lex_pattern *p,
                         uint32_t verb_norm)
{
    if (!p->filter_on)
        return 1;
    for (uint32_t f = 0; f < p->f_n; f++)
        if (lex->filters[p->f_first + f] == verb_norm)
            return 1;
    return 0;
}

/* Tries one pattern; fills hit and returns its score, or -1. */
static int try_pattern(pmatch *m, const lex_pattern *p, const hd_sentence *s,
                       size_t verb_tok, size_t verb_len, hd_lex_pattern_hit *hit)
{
    const lex_elem *e = m->lex->elems + p->e_first;
    size_t s_first = s->tok_first, s_end = s->tok_first + s->tok_count;
    for (int k = 0; k < 3; k++)
        m->slot_tok[k] = m->slot_len[k] = -1;
    size_t ulo = verb_tok > s_first + UPPER_WINDOW ? verb_tok - UPPER_WINDOW
                                                   : s_first;
    int up = match_part(m, e, p->n_upper, ulo, verb_tok, 1);
    size_t first = p->n_upper ? m->first : verb_tok;
    if (up < 0)
        return -1;
    size_t llo = verb_tok + verb_len;
    size_t lhi = llo + LOWER_WINDOW < s_end ? llo + LOWER_WINDOW : s_end;
    int low = match_part(m, e + p->n_upper, p->n_lower, llo, lhi, 0);
    if (low < 0)
        return -1;
    hit->first_tok = first;
    hit->last_tok = verb_tok + verb_len - 1;
    /* the last token used by the lower part is not tracked exactly; the
     * slots and the window bound it */
    for (int k = 0; k < 3; k++)
        if (m->slot_tok[k] >= 0 &&
            (size_t)(m->slot_tok[k] + m->slot_len[k] - 1) > hit->last_tok)
            hit->last_tok = (size_t)(m->slot_tok[k] + m->slot_len[k] - 1);
    hit->source_tok = m->slot_tok[0];
    hit->source_len = m->slot_len[0];
    hit->target_tok = m->slot_tok[1];
    hit->target_len = m->slot_len[1];
    hit->compound_tok = m->slot_tok[2];
    hit->compound_len = m->slot_len[2];
    hit->code_active = lex_str(m->lex, p->code_a);
    hit->code_passive = lex_str(m->lex, p->code_p);
    hit->text = lex_str(m->lex, p->text);
    hit->file = m->lex->files[p->file];
    hit->line = p->line;
    hit->score = up + low;
    return up + low;
}

/* The word bits (lex_word_bit) of every noun form of the tokens either
 * window may use: a pattern with a word outside them cannot match. */
static void near_words(const pmatch *m, const hd_sentence *s, size_t verb_tok,
                       size_t verb_len, uint64_t *bits)
{
    size_t s_first = s->tok_first, s_end = s->tok_first + s->tok_count;
    size_t lo = verb_tok > s_first + UPPER_WINDOW ? verb_tok - UPPER_WINDOW
                                                  : s_first;
    size_t llo = verb_tok + verb_len;
    size_t hi = llo + LOWER_WINDOW < s_end ? llo + LOWER_WINDOW : s_end;
    const lex_cache *c = m->cache;
    memset(bits, 0, LEX_SIG_BITS / 8);
    bits[0] = 1; /* bit 0: an unused place of a signature */
    for (size_t t = lo; t < hi && t < c->n; t++) {
        if (t >= verb_tok && t < llo)
            continue;
        const uint32_t *id = c->ids + c->tok[t].at;
        for (unsigned k = 0; k < c->tok[t].n_noun; k++) {
            unsigned b = lex_word_bit(id[k]);
            bits[b / 64] |= 1ULL << (b % 64);
        }
    }
}

static int sig_near(const lex_patsig *g, const uint64_t *near)
{
    for (int k = 0; k < 4; k++)
        if (!(near[g->bit[k] / 64] >> (g->bit[k] % 64) & 1))
            return 0;
    return 1;
}

/* ------------------------------------------------------------- plans */

/* Is bit b of near set? */
static int near_bit(const uint64_t *near, unsigned b)
{
    return near[b / 64] >> (b % 64) & 1;
}

_Static_assert(LEX_SIG_BITS <= 512, "pack3 keeps 9 bits a place");

/* The first three bits of a signature in one word, 9 bits each (a bit is
 * below LEX_SIG_BITS, 512). */
static uint32_t pack3(const lex_patsig *g)
{
    return (uint32_t)g->bit[0] | (uint32_t)g->bit[1] << 9 |
           (uint32_t)g->bit[2] << 18;
}

static int near3(uint32_t s, const uint64_t *near)
{
    return near_bit(near, s & 511) && near_bit(near, s >> 9 & 511) &&
           near_bit(near, s >> 18 & 511);
}

/* A listed pattern, for those whose first three bits pass. */
typedef struct plan_pat {
    uint32_t pattern;         /* its number in lex->patterns */
    uint16_t bit3;            /* the fourth bit of its signature */
} plan_pat;

/* Per verb node, its patterns in the order hd_lex_match_pattern tries
 * them: the blocks of the words ending at the node (each once, at most
 * MAX_BLOCKS), and in each the valid patterns whose verb filter allows the
 * word. That depends on the lexicon alone, so it is made on a node's first
 * match and kept (the coder keeps it with its word memo, per thread).
 * The lists are megabytes over a run and mostly read cold, so a match
 * reads as few lines as it can: a node's slot is one 12-byte record, and
 * the first filter's signatures (three of a pattern's four bits packed in 4
 * bytes, all of which a match reads) are kept apart from the pattern numbers
 * and fourth bits (read for the few that pass). */
typedef struct plan_node {
    uint32_t node;            /* node + 1; 0: empty slot */
    uint32_t at, len;         /* the node's patterns: [at, at + len) */
} plan_node;

struct hd_lex_plans {
    plan_node *slots;
    size_t n_slots, n;        /* n_slots a power of two, at least 2 n */
    uint32_t *sigs;           /* per listed pattern: bits 0-2 of its lex_patsig,
                                 9 bits each (pack3) */
    plan_pat *pats;           /* ... and its number and fourth bit */
    size_t n_pats, cap_sigs, cap_pats;
};

hd_lex_plans *hd_lex_plans_new(void)
{
    hd_lex_plans *p = hd_xmalloc(sizeof *p);
    memset(p, 0, sizeof *p);
    return p;
}

void hd_lex_plans_free(hd_lex_plans *p)
{
    if (!p)
        return;
    free(p->slots);
    free(p->sigs);
    free(p->pats);
    free(p);
}

static size_t plan_slot(const hd_lex_plans *p, uint32_t node)
{
    size_t j = (size_t)((node * 0x9e3779b97f4a7c15ULL) >> 40);
    while (p->slots[j & (p->n_slots - 1)].node &&
           p->slots[j & (p->n_slots - 1)].node != node + 1)
        j++;
    return j & (p->n_slots - 1);
}

static void plans_grow(hd_lex_plans *p)
{
    size_t old = p->n_slots, n = old ? old * 2 : 256;
    plan_node *slots = p->slots;
    p->slots = hd_xmalloc(n * sizeof *p->slots);
    memset(p->slots, 0, n * sizeof *p->slots);
    p->n_slots = n;
    for (size_t i = 0; i < old; i++)
        if (slots[i].node)
            p->slots[plan_slot(p, slots[i].node - 1)] = slots[i];
    free(slots);
}

/* Lists the patterns of verb node vnode at the end of the plans. */
static void plan_add(const hd_lex *lex, hd_lex_plans *p, uint32_t vnode)
{
    uint32_t seen[MAX_BLOCKS];
    int n_seen = 0;
    for (uint32_t k = lex->trie.head[vnode]; k != LEX_NONE;
         k = lex->trie.terms[k].next) {
        const lex_verb *v = &lex->verbs[lex->trie.terms[k].entry];
        int dup = 0;
        for (int i = 0; i < n_seen; i++)
            dup |= seen[i] == v->block;
        if (dup || n_seen == MAX_BLOCKS)
            continue;
        seen[n_seen++] = v->block;
        const lex_block *b = &lex->blocks[v->block];
        for (uint32_t q = b->p_first; q < b->p_first + b->p_n; q++) {
            const lex_pattern *pat = &lex->patterns[q];
            if (!pat->valid || !filter_allows(lex, pat, v->norm))
                continue;
            HD_VEC_RESERVE(p->sigs, p->cap_sigs, p->n_pats + 1);
            HD_VEC_RESERVE(p->pats, p->cap_pats, p->n_pats + 1);
            p->sigs[p->n_pats] = pack3(&lex->patsigs[q]);
            p->pats[p->n_pats].pattern = q;
            p->pats[p->n_pats].bit3 = lex->patsigs[q].bit[3];
            p->n_pats++;
        }
    }
}

/* The verb node's patterns, made on first use: *at, the first's place in
 * p->sigs and p->pats; returns how many. */
static size_t plan_of(const hd_lex *lex, hd_lex_plans *p, uint32_t vnode,
                      size_t *at)
{
    if (p->n_slots) {
        const plan_node *s = &p->slots[plan_slot(p, vnode)];
        if (s->node) {
            *at = s->at;
            return s->len;
        }
    }
    *at = p->n_pats;
    plan_add(lex, p, vnode);
    if (2 * (p->n + 1) > p->n_slots)
        plans_grow(p);
    plan_node *s = &p->slots[plan_slot(p, vnode)];
    s->node = vnode + 1;
    s->at = (uint32_t)*at;
    s->len = (uint32_t)(p->n_pats - *at);
    p->n++;
    return s->len;
}

/* hd_lex_match_pattern with the node's plan. */
static int match_planned(pmatch *m, const hd_lex *lex, hd_lex_plans *plans,
                         const hd_sentence *sent, size_t verb_tok,
                         size_t verb_len, const hd_lex_verb *verb,
                         const uint64_t *near, hd_lex_pattern_hit *out)
{
    size_t at, n = plan_of(lex, plans, verb->node, &at);
    if (!n)
        return 0; /* and the lists may not exist yet */
    const uint32_t *sig = plans->sigs + at;
    const plan_pat *pats = plans->pats + at;
    int found = 0, best = -1;
    for (size_t k = 0; k < n; k++) {
        if (!near3(sig[k], near) || !near_bit(near, pats[k].bit3))
            continue;
        hd_lex_pattern_hit hit;
        int score = try_pattern(m, &lex->patterns[pats[k].pattern], sent,
                                verb_tok, verb_len, &hit);
        if (score > best) {
            best = score;
            *out = hit;
            found = 1;
        }
    }
    return found;
}

int hd_lex_match_pattern(const hd_lex *lex, const hd_doc *doc,
                         const hd_sentence *sent, size_t verb_tok,
                         size_t verb_len, const hd_lex_verb *verb,
                         const char *date, hd_lex_pattern_hit *out)
{
    if (!verb || verb->node == LEX_NONE || verb->node >= lex->trie.n_nodes ||
        verb_tok + verb_len > doc->n_tokens)
        return 0;
    pmatch m = {.lex = lex, .doc = doc, .date = date,
                .cache = lex_cache_get(lex, doc)};
    uint64_t near[LEX_SIG_BITS / 64];
    near_words(&m, sent, verb_tok, verb_len, near);
    if (m.cache->plans)
        return match_planned(&m, lex, m.cache->plans, sent, verb_tok,
                             verb_len, verb, near, out);
    uint32_t seen[MAX_BLOCKS];
    int n_seen = 0, found = 0, best = -1;
    for (uint32_t k = lex->trie.head[verb->node]; k != LEX_NONE;
         k = lex->trie.terms[k].next) {
        const lex_verb *v = &lex->verbs[lex->trie.terms[k].entry];
        int dup = 0;
        for (int i = 0; i < n_seen; i++)
            dup |= seen[i] == v->block;
        if (dup || n_seen == MAX_BLOCKS)
            continue;
        seen[n_seen++] = v->block;
        const lex_block *b = &lex->blocks[v->block];
        for (uint32_t p = b->p_first; p < b->p_first + b->p_n; p++) {
            const lex_pattern *pat = &lex->patterns[p];
            if (!sig_near(&lex->patsigs[p], near) || !pat->valid ||
                !filter_allows(lex, pat, v->norm))
                continue;
            hd_lex_pattern_hit hit;
            int score = try_pattern(&m, pat, sent, verb_tok, verb_len, &hit);
            if (score > best) {
                best = score;
                *out = hit;
                found = 1;
            }
        }
    }
    return found;
}
