/*
 * match.c: matching document tokens against the compiled dictionaries.
 *
 * A dictionary word (already a stem: see phrase.c) matches a token when it
 * equals one of the token's candidate forms, tried in this order:
 *
 *   1. the token's full key, then its clitic-stripped stem;
 *   2. nouns (actors, agents, synsets, pattern words): the stem less one
 *      inflection suffix ه ات ان ون ين يه يون يين, and ات replaced by ه,
 *      when at least three letters remain. The Arabic dictionaries hold
 *      lemmas (وزارة_دفاع_أميركي_) and text is inflected (وزارة الدفاع
 *      الأميركية: stem اميركيه = اميركي + ه);
 *   3. verbs: the stem less a past or present suffix (ت وا ون ن ا تم نا ين
 *      ان تا) and/or an imperfect prefix (ي ت ن سي ست سن; not the ا of
 *      the first person, which would read احد as حد), and, for the
 *      derived forms that lose their alef in the imperfect (أطلق / يطلق),
 *      the prefix-less form with ا put back, when two letters remain.
 *
 * Dictionary phrases that wrote a proclitic as a word of its own require
 * the token to carry it (edge.req); a lone و or ل token in the text (و لم)
 * serves the same purpose for the next token.
 *
 * Among matches the longest (in tokens) wins; at equal length the first
 * found, so an exact form beats an inflection variant. Candidates are slices
 * of the token's key or short strings in a stack buffer: nothing allocates,
 * and the lexicon is only read.
 */
#include <string.h>

#include "lex/lex_int.h"

#define MAX_CANDS 40

typedef struct cand_set {
    const char *s[MAX_CANDS];
    uint16_t n[MAX_CANDS];
    int k;
    char buf[8 * (HD_TOKEN_MAX + 4)];
    size_t used;
} cand_set;

static size_t letters(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

static void cand_add(cand_set *c, const char *s, size_t n)
{
    if (c->k == MAX_CANDS || n == 0)
        return;
    for (int i = 0; i < c->k; i++)
        if (c->n[i] == n && memcmp(c->s[i], s, n) == 0)
            return;
    c->s[c->k] = s;
    c->n[c->k++] = (uint16_t)n;
}

/* Adds a + b, built in the set's buffer. */
static void cand_join(cand_set *c, const char *a, size_t an, const char *b,
                      size_t bn)
{
    if (c->used + an + bn > sizeof c->buf)
        return;
    char *p = c->buf + c->used;
    memcpy(p, a, an);
    memcpy(p + an, b, bn);
    c->used += an + bn;
    cand_add(c, p, an + bn);
}

static int ends_with(const char *s, size_t n, const char *suf, size_t *sn)
{
    *sn = strlen(suf);
    return n > *sn && memcmp(s + n - *sn, suf, *sn) == 0;
}

static const char *const noun_suffixes[] = {
    "\xD9\x87",                 /* ه */
    "\xD8\xA7\xD8\xAA",         /* ات */
    "\xD8\xA7\xD9\x86",         /* ان */
    "\xD9\x88\xD9\x86",         /* ون */
    "\xD9\x8A\xD9\x86",         /* ين */
    "\xD9\x8A\xD9\x87",         /* يه */
    "\xD9\x8A\xD9\x88\xD9\x86", /* يون */
    "\xD9\x8A\xD9\x8A\xD9\x86", /* يين */
};
#define TEH_MARBUTA_KEY "\xD9\x87" /* ة normalized: ه */

static void noun_variants(cand_set *c, const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof noun_suffixes / sizeof *noun_suffixes; i++) {
        size_t sn;
        if (!ends_with(s, n, noun_suffixes[i], &sn) ||
            letters(s, n - sn) < 3)
            continue;
        cand_add(c, s, n - sn);
        if (i == 1) /* ات -> ه: وزارات / وزارة */
            cand_join(c, s, n - sn, TEH_MARBUTA_KEY, 2);
    }
}

static const char *const verb_suffixes[] = {
    "\xD8\xAA",         /* ت */
    "\xD9\x88\xD8\xA7", /* وا */
    "\xD9\x88\xD9\x86", /* ون */
    "\xD9\x86",         /* ن */
    "\xD8\xA7",         /* ا */
    "\xD8\xAA\xD9\x85", /* تم */
    "\xD9\x86\xD8\xA7", /* نا */
    "\xD9\x8A\xD9\x86", /* ين */
    "\xD8\xA7\xD9\x86", /* ان */
    "\xD8\xAA\xD8\xA7", /* تا */
};
static const char *const verb_prefixes[] = {
    "\xD9\x8A",         /* ي */
    "\xD8\xAA",         /* ت */
    "\xD9\x86",         /* ن */
    "\xD8\xB3\xD9\x8A", /* سي */
    "\xD8\xB3\xD8\xAA", /* ست */
    "\xD8\xB3\xD9\x86", /* سن */
};
#define ALEF_KEY "\xD8\xA7"

static void verb_suffix_variants(cand_set *c, const char *s, size_t n,
                                 int alef)
{
    if (alef)
        cand_join(c, ALEF_KEY, 2, s, n);
    for (size_t i = 0; i < sizeof verb_suffixes / sizeof *verb_suffixes; i++) {
        size_t sn;
        if (!ends_with(s, n, verb_suffixes[i], &sn) || letters(s, n - sn) < 2)
            continue;
        if (alef)
            cand_join(c, ALEF_KEY, 2, s, n - sn);
        else
            cand_add(c, s, n - sn);
    }
}

static void verb_variants(cand_set *c, const char *s, size_t n)
{
    verb_suffix_variants(c, s, n, 0);
    if (letters(s, n) < 3)
        return;
    for (size_t i = 0; i < sizeof verb_prefixes / sizeof *verb_prefixes; i++) {
        size_t pn = strlen(verb_prefixes[i]);
        if (n <= pn || memcmp(s, verb_prefixes[i], pn) != 0 ||
            letters(s + pn, n - pn) < 2)
            continue;
        cand_add(c, s + pn, n - pn);
        verb_suffix_variants(c, s + pn, n - pn, 0);
        verb_suffix_variants(c, s + pn, n - pn, 1);
    }
}

static void make_cands(const hd_token *t, int verb, cand_set *c)
{
    c->k = 0;
    c->used = 0;
    if (!t->key || !t->key_len)
        return;
    const char *stem = t->key + t->stem_off;
    cand_add(c, t->key, t->key_len);
    cand_add(c, stem, t->stem_len);
    if (t->kind != HD_TOK_WORD)
        return;
    if (verb)
        verb_variants(c, stem, t->stem_len);
    else
        noun_variants(c, stem, t->stem_len);
}

int lex_token_is(const hd_token *t, const char *s, size_t n, unsigned req)
{
    if ((t->prefixes & req) != req)
        return 0;
    cand_set c;
    make_cands(t, 0, &c);
    for (int i = 0; i < c.k; i++)
        if (c.n[i] == n && memcmp(c.s[i], s, n) == 0)
            return 1;
    return 0;
}

/* ---------------------------------------------------------------- walk */

typedef struct walk_ctx {
    const hd_lex *lex;
    const hd_doc *doc;
    size_t start, end;
    int verb;
    size_t best_len;
    uint32_t best_node;
} walk_ctx;

/* A token that is a proclitic on its own (و لم): its hd_prefix bit. */
unsigned lex_lone_token(const hd_token *t)
{
    if (t->key_len != 2 || t->kind != HD_TOK_WORD)
        return 0;
    const char *k = t->key;
    if (memcmp(k, "\xD9\x88", 2) == 0) return HD_PFX_WA;
    if (memcmp(k, "\xD9\x81", 2) == 0) return HD_PFX_FA;
    if (memcmp(k, "\xD8\xA8", 2) == 0) return HD_PFX_BI;
    if (memcmp(k, "\xD9\x84", 2) == 0) return HD_PFX_LI;
    if (memcmp(k, "\xD9\x83", 2) == 0) return HD_PFX_KA;
    return 0;
}

static void visit(walk_ctx *w, uint32_t node, size_t next, int depth);

/* Follows every edge out of node that token i can take. */
static void step(walk_ctx *w, uint32_t node, size_t i, unsigned extra,
                 int depth)
{
    const hd_token *t = &w->doc->tokens[i];
    cand_set c;
    make_cands(t, w->verb, &c);
    unsigned have = (t->prefixes | extra) & LEX_REQ_MASK;
    for (int k = 0; k < c.k; k++) {
        unsigned r = have;
        for (;;) { /* every subset of the prefixes the token carries */
            uint32_t child = lex_trie_child(&w->lex->trie, &w->lex->pool,
                                            node, r, c.s[k], c.n[k]);
            if (child != LEX_NONE)
                visit(w, child, i + 1, depth + 1);
            if (!r)
                break;
            r = (r - 1) & have;
        }
    }
}

static void visit(walk_ctx *w, uint32_t node, size_t next, int depth)
{
    if (w->lex->trie.head[node] != LEX_NONE && next - w->start > w->best_len) {
        w->best_len = next - w->start;
        w->best_node = node;
    }
    if (next >= w->end || depth >= LEX_MAX_WORDS)
        return;
    unsigned lone = lex_lone_token(&w->doc->tokens[next]);
    if (lone && next + 1 < w->end)
        step(w, node, next + 1, lone, depth);
    step(w, node, next, 0, depth);
}

size_t lex_walk(const hd_lex *lex, uint32_t root, const hd_doc *doc, size_t i,
                size_t end, int verb, uint32_t *node)
{
    *node = LEX_NONE;
    if (end > doc->n_tokens)
        end = doc->n_tokens;
    if (i >= end)
        return 0;
    walk_ctx w = {lex, doc, i, end, verb, 0, LEX_NONE};
    visit(&w, root, i, 0);
    *node = w.best_node;
    return w.best_len;
}

/* ------------------------------------------------------------- actors */

/* "YYYY-MM-DD" or "YYYYMMDD" -> YYYYMMDD, or -1. */
static long parse_doc_date(const char *d)
{
    if (!d)
        return -1;
    long v = 0;
    int digits = 0;
    for (; *d && digits < 8; d++) {
        if (*d >= '0' && *d <= '9') {
            v = v * 10 + (*d - '0');
            digits++;
        } else if (*d != '-') {
            break;
        }
    }
    return digits == 8 ? v : -1;
}

static long distance(long date, const lex_restr *r)
{
    return date < r->lo ? r->lo - date : date > r->hi ? date - r->hi : 0;
}

static void choose_code(const hd_lex *lex, const lex_actor *a, long date,
                        hd_lex_actor *out)
{
    out->code = lex_str(lex, a->code);
    out->rule = a->code == LEX_NONE ? HD_LEX_CODE_NONE : HD_LEX_CODE_PLAIN;
    if (a->r_n == 0)
        return;
    const lex_restr *pick = NULL;
    for (uint32_t k = a->r_first; date >= 0 && k != LEX_NONE;
         k = lex->restrs[k].next)
        if (lex->restrs[k].lo <= date && date <= lex->restrs[k].hi) {
            out->code = lex_str(lex, lex->restrs[k].code);
            out->rule = HD_LEX_CODE_DATED;
            return;
        }
    if (a->code != LEX_NONE) {
        out->rule = HD_LEX_CODE_DEFAULT;
        return;
    }
    for (uint32_t k = a->r_first; k != LEX_NONE; k = lex->restrs[k].next) {
        const lex_restr *r = &lex->restrs[k];
        if (!pick || (date >= 0 ? distance(date, r) < distance(date, pick)
                                : r->hi > pick->hi))
            pick = r;
    }
    out->code = lex_str(lex, pick->code);
    out->rule = HD_LEX_CODE_NEAREST;
}

size_t hd_lex_match_actor(const hd_lex *lex, const hd_doc *doc, size_t i,
                          size_t tok_end, const char *date, hd_lex_actor *out)
{
    uint32_t node;
    size_t len = lex_walk(lex, lex->root_actor, doc, i, tok_end, 0, &node);
    if (!len)
        return 0;
    const lex_term *t = &lex->trie.terms[lex->trie.head[node]];
    const lex_actor *a = &lex->actors[t->entry];
    out->name = lex_str(lex, a->name);
    out->phrase = lex_str(lex, t->phrase);
    out->file = lex->files[t->file];
    out->line = t->line;
    out->entry = t->entry;
    choose_code(lex, a, parse_doc_date(date), out);
    return len;
}

size_t hd_lex_match_agent(const hd_lex *lex, const hd_doc *doc, size_t i,
                          size_t tok_end, hd_lex_agent *out)
{
    uint32_t node;
    size_t len = lex_walk(lex, lex->root_agent, doc, i, tok_end, 0, &node);
    if (!len)
        return 0;
    const lex_term *t = &lex->trie.terms[lex->trie.head[node]];
    const lex_agent *a = &lex->agents[t->entry];
    out->code = lex_str(lex, a->code);
    out->code_first = a->code_first;
    out->phrase = lex_str(lex, t->phrase);
    out->file = lex->files[t->file];
    out->line = t->line;
    return len;
}

size_t hd_lex_match_verb(const hd_lex *lex, const hd_doc *doc, size_t i,
                         size_t tok_end, hd_lex_verb *out)
{
    uint32_t node;
    size_t len = lex_walk(lex, lex->root_verb, doc, i, tok_end, 1, &node);
    if (!len)
        return 0;
    const lex_term *t = &lex->trie.terms[lex->trie.head[node]];
    const lex_verb *v = &lex->verbs[t->entry];
    const lex_block *b = &lex->blocks[v->block];
    out->node = node;
    out->entry = t->entry;
    out->block = v->block;
    out->code = lex_str(lex, v->has_code ? v->code : b->code);
    out->block_name = lex_str(lex, b->name);
    out->text = lex_str(lex, v->text);
    out->file = lex->files[t->file];
    out->line = t->line;
    return len;
}
