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
 * found, so an exact form beats an inflection variant.
 *
 * Speed: a token is looked up by many walks (actors, agents, verbs, every
 * synset and pattern word near every verb), so its candidate forms are made
 * once per document: each form is looked up in the vocabulary (trie.c, the
 * words any entry uses) and only the word ids found are kept, in candidate
 * order, in a cache in the document's arena (lex_cache_get). A walk step is
 * then a few integer-keyed probes of the edge table; nothing hashes or
 * compares bytes twice, and the lexicon is only read. Inside hd_code the
 * coder's word memo (src/code/words.c) hands over the ids instead, made
 * once per distinct word across documents, with what the first step of
 * the actor, agent and verb walks would find (hd_lex_tok.starts): a walk
 * from a word that begins no phrase is not started.
 * A walk step looks up all its edges, and asks for its children's lines,
 * before it visits the first child (step): those misses overlap.
 */
#include <stdlib.h>
#include <string.h>

#include "lex/lex_int.h"

#define MAX_IDS 48        /* distinct word ids of one token (few in practice) */
#define KID_MAX 32        /* first-step children kept per root */
#define KID_UNKNOWN HD_LEX_KIDS_UNKNOWN /* more than that: walk */
_Static_assert(2 * MAX_IDS + 3 * KID_MAX <= HD_LEX_WORD_IDS,
               "a token's ids and children fit hd_lex_word's room");

/* The ids found among one token's candidate forms, first found first. */
typedef struct id_set {
    const hd_lex *lex;
    uint32_t id[MAX_IDS];
    int k;
} id_set;

static size_t letters(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

static void cand_add(id_set *c, const char *s, size_t n)
{
    if (n == 0)
        return;
    uint32_t w = lex_vocab_find(&c->lex->vocab, c->lex->pool.buf, s, n);
    if (w == LEX_NONE || c->k == MAX_IDS)
        return;
    for (int i = 0; i < c->k; i++)
        if (c->id[i] == w)
            return;
    c->id[c->k++] = w;
}

/* Adds a + b (both short: a letter and a stem). */
static void cand_join(id_set *c, const char *a, size_t an, const char *b,
                      size_t bn)
{
    char buf[HD_TOKEN_MAX + 8];
    if (an + bn > sizeof buf)
        return;
    memcpy(buf, a, an);
    memcpy(buf + an, b, bn);
    cand_add(c, buf, an + bn);
}

/* Affixes are whole Arabic letters (two bytes each), so a stem less an
 * affix of n bytes has n / 2 letters fewer: letters are counted once. */
typedef struct affix {
    const char *s;
    size_t n;
} affix;
#define AFFIX(lit) {lit, sizeof lit - 1}

static const affix noun_suffixes[] = {
    AFFIX("\xD9\x87"),                 /* ه */
    AFFIX("\xD8\xA7\xD8\xAA"),         /* ات */
    AFFIX("\xD8\xA7\xD9\x86"),         /* ان */
    AFFIX("\xD9\x88\xD9\x86"),         /* ون */
    AFFIX("\xD9\x8A\xD9\x86"),         /* ين */
    AFFIX("\xD9\x8A\xD9\x87"),         /* يه */
    AFFIX("\xD9\x8A\xD9\x88\xD9\x86"), /* يون */
    AFFIX("\xD9\x8A\xD9\x8A\xD9\x86"), /* يين */
};
#define TEH_MARBUTA_KEY "\xD9\x87" /* ة normalized: ه */

/* The Arabic letter (its two UTF-8 bytes as one number) at s[i], or 0. */
static unsigned letter_at(const char *s, size_t n, size_t i)
{
    if (i + 2 > n)
        return 0;
    unsigned c = (unsigned char)s[i] << 8 | (unsigned char)s[i + 1];
    return (c & 0xFE00) == 0xD800 ? c : 0;
}

#define L_ALEF 0xD8A7 /* ا */
#define L_TEH 0xD8AA  /* ت */
#define L_SEEN 0xD8B3 /* س */
#define L_MEEM 0xD985 /* م */
#define L_NOON 0xD986 /* ن */
#define L_HEH 0xD987  /* ه */
#define L_WAW 0xD988  /* و */
#define L_YEH 0xD98A  /* ي */

/* The last three letters of s, last first (0 where there is none or it is
 * not an Arabic letter). A suffix is whole letters, so comparing letters is
 * comparing its bytes at the end of s. */
typedef struct tail3 {
    unsigned z, y, x;         /* ... x y z */
} tail3;

static tail3 tail_of(const char *s, size_t n)
{
    tail3 t = {0, 0, 0};
    if (n >= 2)
        t.z = letter_at(s, n, n - 2);
    if (t.z && n >= 4)
        t.y = letter_at(s, n, n - 4);
    if (t.y && n >= 6)
        t.x = letter_at(s, n, n - 6);
    return t;
}

/* Bits of noun_suffixes (in order) that end s: ه ات ان ون ين يه يون يين. */
static unsigned noun_suffix_bits(tail3 t, size_t n)
{
    unsigned b = 0;
    if (t.z == L_HEH) {
        b |= n > 2 ? 1u << 0 : 0;
        b |= t.y == L_YEH && n > 4 ? 1u << 5 : 0;
    } else if (t.z == L_TEH) {
        b |= t.y == L_ALEF && n > 4 ? 1u << 1 : 0;
    } else if (t.z == L_NOON && n > 4) {
        b |= t.y == L_ALEF ? 1u << 2 : 0;
        b |= t.y == L_WAW ? 1u << 3 : 0;
        b |= t.y == L_YEH ? 1u << 4 : 0;
        b |= t.y == L_WAW && t.x == L_YEH && n > 6 ? 1u << 6 : 0;
        b |= t.y == L_YEH && t.x == L_YEH && n > 6 ? 1u << 7 : 0;
    }
    return b;
}

/* s has nl letters. */
static void noun_variants(id_set *c, const char *s, size_t n, size_t nl,
                          tail3 t)
{
    unsigned bits = noun_suffix_bits(t, n);
    for (size_t i = 0; bits; i++, bits >>= 1) {
        size_t sn = noun_suffixes[i].n;
        if (!(bits & 1) || nl - sn / 2 < 3)
            continue;
        cand_add(c, s, n - sn);
        if (i == 1) /* ات -> ه: وزارات / وزارة */
            cand_join(c, s, n - sn, TEH_MARBUTA_KEY, 2);
    }
}

static const affix verb_suffixes[] = {
    AFFIX("\xD8\xAA"),         /* ت */
    AFFIX("\xD9\x88\xD8\xA7"), /* وا */
    AFFIX("\xD9\x88\xD9\x86"), /* ون */
    AFFIX("\xD9\x86"),         /* ن */
    AFFIX("\xD8\xA7"),         /* ا */
    AFFIX("\xD8\xAA\xD9\x85"), /* تم */
    AFFIX("\xD9\x86\xD8\xA7"), /* نا */
    AFFIX("\xD9\x8A\xD9\x86"), /* ين */
    AFFIX("\xD8\xA7\xD9\x86"), /* ان */
    AFFIX("\xD8\xAA\xD8\xA7"), /* تا */
};
static const affix verb_prefixes[] = {
    AFFIX("\xD9\x8A"),         /* ي */
    AFFIX("\xD8\xAA"),         /* ت */
    AFFIX("\xD9\x86"),         /* ن */
    AFFIX("\xD8\xB3\xD9\x8A"), /* سي */
    AFFIX("\xD8\xB3\xD8\xAA"), /* ست */
    AFFIX("\xD8\xB3\xD9\x86"), /* سن */
};
#define ALEF_KEY "\xD8\xA7"

/* The suffixes that end s (n bytes, nl letters) and leave two letters:
 * a bit per verb_suffixes entry (ت وا ون ن ا تم نا ين ان تا). */
static unsigned verb_suffix_set(const char *s, size_t n, size_t nl)
{
    tail3 t = tail_of(s, n);
    unsigned b = 0;
    int two = n > 4; /* room for a two-letter suffix and more */
    switch (t.z) {
    case L_TEH: b = n > 2 ? 1u << 0 : 0; break;
    case L_ALEF:
        b = (n > 2 ? 1u << 4 : 0) |
            (two && t.y == L_WAW ? 1u << 1 : 0) |
            (two && t.y == L_NOON ? 1u << 6 : 0) |
            (two && t.y == L_TEH ? 1u << 9 : 0);
        break;
    case L_NOON:
        b = (n > 2 ? 1u << 3 : 0) |
            (two && t.y == L_WAW ? 1u << 2 : 0) |
            (two && t.y == L_YEH ? 1u << 7 : 0) |
            (two && t.y == L_ALEF ? 1u << 8 : 0);
        break;
    case L_MEEM: b = two && t.y == L_TEH ? 1u << 5 : 0; break;
    default: break;
    }
    /* two letters must remain */
    if (nl < 3)
        b &= ~(1u << 0 | 1u << 3 | 1u << 4);
    if (nl < 4)
        b &= 1u << 0 | 1u << 3 | 1u << 4;
    return b;
}

static void verb_suffix_variants(id_set *c, const char *s, size_t n,
                                 unsigned set, int alef)
{
    if (alef)
        cand_join(c, ALEF_KEY, 2, s, n);
    for (size_t i = 0; set; i++, set >>= 1) {
        if (!(set & 1))
            continue;
        size_t sn = verb_suffixes[i].n;
        if (alef)
            cand_join(c, ALEF_KEY, 2, s, n - sn);
        else
            cand_add(c, s, n - sn);
    }
}

static void verb_variants(id_set *c, const char *s, size_t n, size_t nl)
{
    verb_suffix_variants(c, s, n, verb_suffix_set(s, n, nl), 0);
    if (nl < 3)
        return;
    /* ي ت ن سي ست سن: at most one of them begins s */
    unsigned a = letter_at(s, n, 0), b = letter_at(s, n, 2);
    int i = a == L_YEH ? 0 : a == L_TEH ? 1 : a == L_NOON ? 2
          : a != L_SEEN ? -1 : b == L_YEH ? 3 : b == L_TEH ? 4
          : b == L_NOON ? 5 : -1;
    if (i >= 0) {
        size_t pn = verb_prefixes[i].n;
        if (n <= pn || nl - pn / 2 < 2)
            return;
        const char *r = s + pn;
        size_t rn = n - pn, rl = nl - pn / 2;
        unsigned set = verb_suffix_set(r, rn, rl);
        cand_add(c, r, rn);
        verb_suffix_variants(c, r, rn, set, 0);
        verb_suffix_variants(c, r, rn, set, 1);
    }
}

/* The noun ids of t into nouns, its verb ids into verbs: both start with
 * the key and the stem, then their own inflection variants. */
static void make_cands(const hd_token *t, id_set *nouns, id_set *verbs)
{
    nouns->k = 0;
    if (!t->key || !t->key_len) {
        verbs->k = 0;
        return;
    }
    const char *stem = t->key + t->stem_off;
    cand_add(nouns, t->key, t->key_len);
    cand_add(nouns, stem, t->stem_len);
    *verbs = *nouns;
    if (t->kind != HD_TOK_WORD)
        return;
    size_t nl = letters(stem, t->stem_len);
    verb_variants(verbs, stem, t->stem_len, nl);
    noun_variants(nouns, stem, t->stem_len, nl, tail_of(stem, t->stem_len));
}

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

/* ---------------------------------------------------------------- cache */

/* The children of root a first step (step() below, at depth 0, without a
 * lone proclitic before) reaches from a token with these ids and clitics,
 * in the order step() visits them, into kid[0 .. KID_MAX): how many, or
 * KID_UNKNOWN when there are more. */
static unsigned first_kids(const hd_lex *lex, uint32_t root, const uint32_t *id,
                           unsigned n, unsigned prefixes, uint32_t *kid)
{
    unsigned have = prefixes & LEX_REQ_MASK, m = 0;
    for (unsigned k = 0; k < n; k++) {
        unsigned r = have;
        for (;;) {
            uint32_t child = lex_trie_child(&lex->trie, root, r, id[k]);
            if (child != LEX_NONE) {
                if (m == KID_MAX)
                    return KID_UNKNOWN;
                kid[m++] = child;
            }
            if (!r)
                break;
            r = (r - 1) & have;
        }
    }
    return m;
}

/* A map from word id to the bits of the synonym sets whose members may
 * begin with it, over the edges out of the sets' roots (their required
 * prefixes ignored: a superset). Open addressing, ids + 1 as keys. */
struct hd_lex_firsts {
    uint32_t *word;
    uint64_t *bits;
    size_t n_slots;
    uint64_t *kids;           /* per node: hd_lex_root_bit of every word an
                                 edge out of it takes (0: a leaf) */
    size_t n_nodes;
};

static size_t firsts_slot(const hd_lex_firsts *f, uint32_t word)
{
    size_t j = (size_t)((word * 0x9e3779b97f4a7c15ULL) >> 32);
    while (f->word[j & (f->n_slots - 1)] &&
           f->word[j & (f->n_slots - 1)] != word + 1)
        j++;
    return j & (f->n_slots - 1);
}

hd_lex_firsts *hd_lex_firsts_new(const hd_lex *lex)
{
    hd_lex_firsts *f = hd_xmalloc(sizeof *f);
    uint8_t *root = hd_xmalloc(lex->trie.n_nodes + 1);
    memset(root, 0, lex->trie.n_nodes + 1);
    for (size_t s = 0; s < lex->n_synsets; s++)
        if (lex->synsets[s].root < lex->trie.n_nodes)
            root[lex->synsets[s].root] = 1;
    size_t n = 0;
    for (size_t i = 0; i < lex->trie.cap_edges; i++) {
        const lex_edge *e = &lex->trie.edges[i];
        n += e->child != LEX_NONE && e->parent < lex->trie.n_nodes &&
             root[e->parent];
    }
    f->n_slots = 64;
    while (f->n_slots < 2 * n)
        f->n_slots *= 2;
    f->word = hd_xmalloc(f->n_slots * sizeof *f->word);
    f->bits = hd_xmalloc(f->n_slots * sizeof *f->bits);
    memset(f->word, 0, f->n_slots * sizeof *f->word);
    for (size_t i = 0; i < lex->trie.cap_edges; i++) {
        const lex_edge *e = &lex->trie.edges[i];
        if (e->child == LEX_NONE || e->parent >= lex->trie.n_nodes ||
            !root[e->parent])
            continue;
        size_t j = firsts_slot(f, e->word);
        if (!f->word[j]) {
            f->word[j] = e->word + 1;
            f->bits[j] = 0;
        }
        f->bits[j] |= hd_lex_root_bit(e->parent);
    }
    f->n_nodes = lex->trie.n_nodes;
    f->kids = hd_xmalloc((f->n_nodes + 1) * sizeof *f->kids);
    memset(f->kids, 0, (f->n_nodes + 1) * sizeof *f->kids);
    for (size_t i = 0; i < lex->trie.cap_edges; i++) {
        const lex_edge *e = &lex->trie.edges[i];
        if (e->child != LEX_NONE && e->parent < f->n_nodes)
            f->kids[e->parent] |= hd_lex_root_bit(e->word);
    }
    free(root);
    return f;
}

void hd_lex_firsts_free(hd_lex_firsts *f)
{
    if (!f)
        return;
    free(f->word);
    free(f->bits);
    free(f->kids);
    free(f);
}

static uint64_t firsts_of(const hd_lex_firsts *f, const uint32_t *id,
                          unsigned n)
{
    uint64_t b = 0;
    for (unsigned k = 0; k < n; k++) {
        size_t j = firsts_slot(f, id[k]);
        if (f->word[j])
            b |= f->bits[j];
    }
    return b;
}

void hd_lex_word(const hd_lex *lex, const hd_lex_firsts *f, const hd_token *t,
                 uint32_t *ids, hd_lex_tok *out)
{
    id_set nouns, verbs;
    nouns.lex = verbs.lex = lex;
    make_cands(t, &nouns, &verbs);
    memcpy(ids, nouns.id, (size_t)nouns.k * sizeof *ids);
    memcpy(ids + nouns.k, verbs.id, (size_t)verbs.k * sizeof *ids);
    out->at = 0;
    out->n_noun = (uint8_t)nouns.k;
    out->n_verb = (uint8_t)verbs.k;
    out->lone = (uint8_t)lex_lone_token(t);
    out->synsets = f ? firsts_of(f, nouns.id, (unsigned)nouns.k) : UINT64_MAX;
    out->starts = 0;
    /* the roots' children after the ids, actor, agent, verb */
    const uint32_t roots[3] = {lex->root_actor, lex->root_agent,
                               lex->root_verb};
    static const unsigned start[3] = {HD_LEX_START_ACTOR, HD_LEX_START_AGENT,
                                      HD_LEX_START_VERB};
    uint32_t *kid = ids + nouns.k + verbs.k;
    for (int r = 0; r < 3; r++) {
        const id_set *s = r < 2 ? &nouns : &verbs;
        unsigned m = first_kids(lex, roots[r], s->id, (unsigned)s->k,
                                t->prefixes, kid);
        out->n_kid[r] = (uint8_t)m;
        if (m)
            out->starts |= start[r];
        if (m != KID_UNKNOWN)
            kid += m;
    }
}

void hd_lex_use_words(const hd_lex *lex, hd_doc *doc, const hd_lex_tok *tok,
                      const uint32_t *ids, hd_lex_plans *plans,
                      const hd_lex_firsts *firsts)
{
    lex_cache *c = hd_arena_alloc(doc->arena, sizeof *c);
    c->lex = lex;
    c->tokens = doc->tokens;
    c->n = doc->n_tokens;
    c->tok = tok;
    c->ids = ids;
    c->plans = plans;
    c->kids = firsts ? firsts->kids : NULL;
    c->n_kids = firsts ? firsts->n_nodes : 0;
    doc->match_cache[LEX_CACHE_SLOT] = c;
}

/* Without the memo: every token's forms, looked up for this document. The
 * walks are all tried (starts: HD_LEX_START_ALL). */
static lex_cache *cache_build(const hd_lex *lex, const hd_doc *doc)
{
    hd_arena *a = doc->arena;
    lex_cache *c = hd_arena_alloc(a, sizeof *c);
    c->lex = lex;
    c->tokens = doc->tokens;
    c->n = doc->n_tokens;
    lex_tok_ids *tok = hd_arena_alloc(a, (doc->n_tokens + 1) * sizeof *tok);
    size_t cap = doc->n_tokens * 2 + 64, used = 0;
    uint32_t *all = hd_arena_alloc(a, cap * sizeof *all);
    id_set nouns, verbs;
    nouns.lex = verbs.lex = lex;
    for (size_t i = 0; i < doc->n_tokens; i++) {
        const hd_token *t = &doc->tokens[i];
        lex_tok_ids *ti = &tok[i];
        if (used + 2 * MAX_IDS > cap) {
            size_t ncap = cap * 2 + 2 * MAX_IDS;
            uint32_t *ids = hd_arena_alloc(a, ncap * sizeof *ids);
            memcpy(ids, all, used * sizeof *ids);
            all = ids;
            cap = ncap;
        }
        ti->at = (uint32_t)used;
        make_cands(t, &nouns, &verbs);
        memcpy(all + used, nouns.id, (size_t)nouns.k * sizeof *nouns.id);
        used += (size_t)nouns.k;
        memcpy(all + used, verbs.id, (size_t)verbs.k * sizeof *verbs.id);
        used += (size_t)verbs.k;
        ti->n_noun = (uint8_t)nouns.k;
        ti->n_verb = (uint8_t)verbs.k;
        ti->lone = (uint8_t)lex_lone_token(t);
        ti->starts = HD_LEX_START_ALL;
        ti->n_kid[0] = ti->n_kid[1] = ti->n_kid[2] = KID_UNKNOWN;
        ti->synsets = UINT64_MAX;
    }
    c->tok = tok;
    c->ids = all;
    c->plans = NULL;
    c->kids = NULL;
    c->n_kids = 0;
    return c;
}

/* The doc's cache for this lexicon, made on first use. The cache is a memo
 * of the tokens, so it is written through a const doc: a document is coded
 * by one thread at a time, and hd_text_analyze drops the memo with the
 * tokens it was made from. */
const lex_cache *lex_cache_get(const hd_lex *lex, const hd_doc *doc)
{
    lex_cache *c = doc->match_cache[LEX_CACHE_SLOT];
    if (c && c->lex == lex && c->tokens == doc->tokens &&
        c->n == doc->n_tokens)
        return c;
    c = cache_build(lex, doc);
    ((hd_doc *)doc)->match_cache[LEX_CACHE_SLOT] = c;
    return c;
}

int lex_token_is(const lex_cache *c, size_t i, uint32_t word, unsigned req)
{
    if ((c->tokens[i].prefixes & req) != req)
        return 0;
    const lex_tok_ids *t = &c->tok[i];
    const uint32_t *id = c->ids + t->at;
    for (unsigned k = 0; k < t->n_noun; k++)
        if (id[k] == word)
            return 1;
    return 0;
}

/* ---------------------------------------------------------------- walk */

typedef struct walk_ctx {
    const hd_lex *lex;
    const lex_cache *c;
    size_t start, end;
    int verb;
    size_t best_len;
    uint32_t best_node;
} walk_ctx;

static void visit(walk_ctx *w, uint32_t node, size_t next, int depth);

#define WALK_FAN 16 /* children of one step kept before they are visited */

/* Keeps child c (LEX_NONE: none) of a step from token i in child[n], after
 * visiting those kept when there is no room (in order, as the loop found
 * them), and asks for the lines visit() reads of it. Returns how many are
 * kept. */
static unsigned add_child(walk_ctx *w, uint32_t *child, unsigned n,
                          uint32_t c, size_t i, int depth)
{
    if (c == LEX_NONE)
        return n;
    if (n == WALK_FAN) {
        for (unsigned k = 0; k < n; k++)
            visit(w, child[k], i + 1, depth + 1);
        n = 0;
    }
    __builtin_prefetch(&w->lex->trie.head[c]);
    if (w->c->kids && c < w->c->n_kids)
        __builtin_prefetch(&w->c->kids[c]);
    child[n] = c;
    return n + 1;
}

/* Follows every edge out of node that token i can take. */
static void step(walk_ctx *w, uint32_t node, size_t i, unsigned extra,
                 int depth)
{
    const lex_tok_ids *ti = &w->c->tok[i];
    const uint32_t *id = w->c->ids + ti->at + (w->verb ? ti->n_noun : 0);
    unsigned n = w->verb ? ti->n_verb : ti->n_noun;
    unsigned have = (w->c->tokens[i].prefixes | extra) & LEX_REQ_MASK;
    /* the words the node's edges take, as bits: most probes need not be
     * made (a leaf has none) */
    uint64_t kids = w->c->kids && node < w->c->n_kids ? w->c->kids[node]
                                                       : UINT64_MAX;
    if (!kids)
        return;
    /* The edges are looked up, and the children's lines asked for, before
     * the first child is visited: the lookups do not depend on each other
     * (nor on the visits, which only read), so their misses overlap. The
     * children are visited in the order the loop finds them, as before. */
    uint32_t child[WALK_FAN];
    unsigned n_child = 0;
    for (int pass = 0; pass < 2; pass++)
        for (unsigned k = 0; k < n; k++) {
            if (!(kids & hd_lex_root_bit(id[k])))
                continue;
            unsigned r = have;
            for (;;) { /* every subset of the prefixes the token carries */
                if (!pass)
                    lex_trie_prefetch(&w->lex->trie, node, r, id[k]);
                else
                    n_child = add_child(w, child, n_child,
                                        lex_trie_child(&w->lex->trie, node,
                                                       r, id[k]),
                                        i, depth);
                if (!r)
                    break;
                r = (r - 1) & have;
            }
        }
    for (unsigned k = 0; k < n_child; k++)
        visit(w, child[k], i + 1, depth + 1);
}

static void visit(walk_ctx *w, uint32_t node, size_t next, int depth)
{
    if (w->lex->trie.head[node] != LEX_NONE && next - w->start > w->best_len) {
        w->best_len = next - w->start;
        w->best_node = node;
    }
    if (next >= w->end || depth >= LEX_MAX_WORDS)
        return;
    unsigned lone = w->c->tok[next].lone;
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
    const lex_cache *c = lex_cache_get(lex, doc);
    const lex_tok_ids *t = &c->tok[i];
    /* most tokens begin no phrase: the memo knows which without a probe */
    int r = root == lex->root_actor ? 0 : root == lex->root_agent ? 1
            : root == lex->root_verb ? 2 : -1;
    static const unsigned need[3] = {HD_LEX_START_ACTOR, HD_LEX_START_AGENT,
                                     HD_LEX_START_VERB};
    if (!t->lone && (r >= 0 ? !(t->starts & need[r])
                            : !(t->synsets & hd_lex_root_bit(root))))
        return 0; /* every other root is a synonym set's */
    walk_ctx w = {lex, c, i, end, verb, 0, LEX_NONE};
    if (r >= 0 && !t->lone && t->n_kid[r] != KID_UNKNOWN) {
        /* the memo made the first step: its children, in step() order */
        const uint32_t *kid = c->ids + t->at + t->n_noun + t->n_verb;
        for (int k = 0; k < r; k++)
            kid += t->n_kid[k] != KID_UNKNOWN ? t->n_kid[k] : 0;
        for (unsigned k = 0; k < t->n_kid[r]; k++) { /* see step() */
            __builtin_prefetch(&lex->trie.head[kid[k]]);
            if (c->kids && kid[k] < c->n_kids)
                __builtin_prefetch(&c->kids[kid[k]]);
        }
        for (unsigned k = 0; k < t->n_kid[r]; k++)
            visit(&w, kid[k], i + 1, 1);
    } else {
        visit(&w, root, i, 0);
    }
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
