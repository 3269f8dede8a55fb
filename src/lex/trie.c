/*
 * trie.c: the string pool and the word trie every dictionary compiles into.
 *
 * Why a trie of words and not of letters: dictionary phrases are sequences
 * of tokens, and matching walks document tokens, so one step of the walk is
 * one token. Why the edges in one hash table instead of child arrays per
 * node: most nodes have one child, a few (the roots) have thousands; a
 * single table keyed by (parent, required prefixes, word bytes) serves both
 * with one probe sequence and no per-node allocation. A lookup hashes the
 * token's bytes where they lie, so matching allocates nothing.
 *
 * The pool stores every string once, NUL-terminated, addressed by a 32-bit
 * offset (stable across growth, unlike a pointer). Interning keeps edge
 * words unique, so inserting compares offsets, not bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "lex/lex_int.h"
#include "text/text.h"

static uint64_t hash_bytes(uint64_t h, const char *s, size_t n)
{
    /* FNV-1a, 64-bit. */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static uint64_t mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

/* ---------------------------------------------------------------- pool */

uint32_t lex_pool_add(lex_pool *p, const char *s, size_t n)
{
    HD_VEC_RESERVE(p->buf, p->cap, p->len + n + 1);
    uint32_t off = (uint32_t)p->len;
    if (n)
        memcpy(p->buf + p->len, s, n);
    p->buf[p->len + n] = '\0';
    p->len += n + 1;
    return off;
}

static void pool_rehash(lex_pool *p)
{
    size_t n_new = p->n_slots ? p->n_slots * 2 : 1024;
    uint32_t *slots = hd_xmalloc(n_new * sizeof *slots);
    memset(slots, 0, n_new * sizeof *slots);
    for (size_t i = 0; i < p->n_slots; i++) {
        if (!p->slots[i])
            continue;
        const char *s = p->buf + p->slots[i] - 1;
        size_t j = mix(hash_bytes(0xcbf29ce484222325ULL, s, strlen(s)));
        while (slots[j & (n_new - 1)])
            j++;
        slots[j & (n_new - 1)] = p->slots[i];
    }
    free(p->slots);
    p->slots = slots;
    p->n_slots = n_new;
}

uint32_t lex_pool_intern(lex_pool *p, const char *s, size_t n)
{
    if (2 * (p->n_interned + 1) > p->n_slots)
        pool_rehash(p);
    size_t j = mix(hash_bytes(0xcbf29ce484222325ULL, s, n));
    for (;; j++) {
        uint32_t v = p->slots[j & (p->n_slots - 1)];
        if (!v)
            break;
        const char *t = p->buf + v - 1;
        if (strncmp(t, s, n) == 0 && t[n] == '\0')
            return v - 1;
    }
    uint32_t off = lex_pool_add(p, s, n);
    p->slots[j & (p->n_slots - 1)] = off + 1;
    p->n_interned++;
    return off;
}

void lex_pool_free(lex_pool *p)
{
    free(p->buf);
    free(p->slots);
    memset(p, 0, sizeof *p);
}

/* ---------------------------------------------------------------- trie */

static uint64_t edge_hash(uint32_t parent, unsigned req, uint32_t word)
{
    return mix(((uint64_t)parent << 32 | word) ^
               ((uint64_t)req * 0x9e3779b97f4a7c15ULL));
}

uint32_t lex_trie_new_root(lex_trie *t)
{
    HD_VEC_RESERVE(t->head, t->cap_nodes, t->n_nodes + 1);
    t->head[t->n_nodes] = LEX_NONE;
    return (uint32_t)t->n_nodes++;
}

void lex_trie_prefetch(const lex_trie *t, uint32_t parent, unsigned req,
                       uint32_t word)
{
    if (t->cap_edges)
        __builtin_prefetch(
            &t->edges[edge_hash(parent, req, word) & (t->cap_edges - 1)]);
}

uint32_t lex_trie_child(const lex_trie *t, uint32_t parent, unsigned req,
                        uint32_t word)
{
    if (!t->cap_edges)
        return LEX_NONE;
    size_t mask = t->cap_edges - 1;
    for (size_t j = edge_hash(parent, req, word);; j++) {
        const lex_edge *e = &t->edges[j & mask];
        if (e->child == LEX_NONE)
            return LEX_NONE;
        if (e->word == word && e->parent == parent && e->req == req)
            return e->child;
    }
}

static void edges_grow(lex_trie *t)
{
    size_t cap = t->cap_edges ? t->cap_edges * 2 : 4096;
    /* Zeroed, not only marked empty: the compiled lexicon (code/lexfile.c)
     * writes the whole table, empty slots included, and must be the same
     * bytes for the same dictionaries. */
    lex_edge *edges = hd_xmalloc(cap * sizeof *edges);
    memset(edges, 0, cap * sizeof *edges);
    for (size_t i = 0; i < cap; i++)
        edges[i].child = LEX_NONE;
    for (size_t i = 0; i < t->cap_edges; i++) {
        const lex_edge *e = &t->edges[i];
        if (e->child == LEX_NONE)
            continue;
        size_t j = edge_hash(e->parent, e->req, e->word);
        while (edges[j & (cap - 1)].child != LEX_NONE)
            j++;
        edges[j & (cap - 1)] = *e;
    }
    free(t->edges);
    t->edges = edges;
    t->cap_edges = cap;
}

uint32_t lex_trie_add_child(lex_trie *t, lex_pool *p, uint32_t parent,
                            unsigned req, const char *s, size_t n)
{
    if (n > UINT16_MAX)
        n = UINT16_MAX;
    uint32_t word = lex_pool_intern(p, s, n);
    uint32_t c = lex_trie_child(t, parent, req, word);
    if (c != LEX_NONE)
        return c;
    if (2 * (t->n_edges + 1) > t->cap_edges)
        edges_grow(t);
    c = lex_trie_new_root(t);
    size_t j = edge_hash(parent, req, word);
    while (t->edges[j & (t->cap_edges - 1)].child != LEX_NONE)
        j++;
    lex_edge *e = &t->edges[j & (t->cap_edges - 1)];
    e->parent = parent;
    e->child = c;
    e->word = word;
    e->word_len = (uint16_t)n;
    e->req = (uint8_t)req;
    e->pad = 0;
    t->n_edges++;
    return c;
}

void lex_trie_add_term(lex_trie *t, uint32_t node, uint32_t entry,
                       uint32_t phrase, uint16_t file, uint32_t line)
{
    HD_VEC_RESERVE(t->terms, t->cap_terms, t->n_terms + 1);
    lex_term *m = &t->terms[t->n_terms];
    memset(m, 0, sizeof *m); /* its tail padding is written to a file too */
    m->entry = entry;
    m->phrase = phrase;
    m->file = file;
    m->line = line;
    m->next = LEX_NONE;
    /* Append, so the first phrase written stays the first found. */
    uint32_t *link = &t->head[node];
    while (*link != LEX_NONE)
        link = &t->terms[*link].next;
    *link = (uint32_t)t->n_terms++;
}

void lex_trie_free(lex_trie *t)
{
    free(t->edges);
    free(t->head);
    free(t->terms);
    memset(t, 0, sizeof *t);
}

int lex_node_has_entry(const hd_lex *lex, uint32_t node, uint32_t entry)
{
    for (uint32_t k = lex->trie.head[node]; k != LEX_NONE;
         k = lex->trie.terms[k].next)
        if (lex->trie.terms[k].entry == entry)
            return 1;
    return 0;
}

void *lex_grow(void *vec, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return vec;
    size_t n = *cap ? *cap : 16;
    while (n < need)
        n *= 2;
    /* The new room is zeroed, so a record LEX_PUSH hands out has zero
     * padding: the compiled lexicon copies records byte for byte. */
    char *grown = hd_xrealloc(vec, n * elem);
    memset(grown + *cap * elem, 0, (n - *cap) * elem);
    *cap = n;
    return grown;
}

/* --------------------------------------------------------------- vocab */

uint64_t lex_word_hash(const char *s, size_t n)
{
    return hd_word_hash(s, n);
}

/* A slot holds the word's pool offset + 1 (0: empty) in its low half and
 * a tag in its high half: the hash's top 16 bits and the word's length, so
 * a probe compares bytes only for a word of the same length. */
static uint64_t vocab_tag(uint64_t h, size_t n)
{
    return (h & 0xffff000000000000ULL) | (uint64_t)(n & 0xffff) << 32;
}

static void vocab_put(lex_vocab *v, const lex_pool *p, uint32_t off)
{
    const char *s = p->buf + off;
    size_t n = strlen(s);
    if (n >= 0xffff)
        return;
    uint64_t h = lex_word_hash(s, n);
    size_t mask = v->n_slots - 1;
    for (size_t j = h;; j++) {
        uint64_t x = v->slots[j & mask];
        if (!x) {
            v->slots[j & mask] = vocab_tag(h, n) | (off + 1);
            v->n++;
            return;
        }
        if ((uint32_t)x == off + 1)
            return;
    }
}

/* Every word an edge or a pattern element can require: the words a token
 * is looked up by, once per document (match.c). */
void lex_vocab_build(hd_lex *lex)
{
    lex_vocab *v = &lex->vocab;
    size_t need = 1024;
    while (need < 2 * (lex->trie.n_edges + lex->n_elems + 1))
        need *= 2;
    free(v->slots);
    v->slots = hd_xmalloc(need * sizeof *v->slots);
    memset(v->slots, 0, need * sizeof *v->slots);
    v->n_slots = need;
    v->n = 0;
    for (size_t i = 0; i < lex->trie.cap_edges; i++)
        if (lex->trie.edges[i].child != LEX_NONE)
            vocab_put(v, &lex->pool, lex->trie.edges[i].word);
    for (size_t i = 0; i < lex->n_elems; i++)
        if (lex->elems[i].kind == LEX_EL_WORD)
            vocab_put(v, &lex->pool, lex->elems[i].val);
    free(lex->patsigs);
    lex->patsigs = hd_xmalloc((lex->n_patterns + 1) * sizeof *lex->patsigs);
    lex->n_patsigs = lex->cap_patsigs = lex->n_patterns;
    for (size_t i = 0; i < lex->n_patterns; i++) {
        const lex_pattern *p = &lex->patterns[i];
        lex_patsig *g = &lex->patsigs[i];
        int n = 0;
        memset(g, 0, sizeof *g);
        if (!p->valid)
            g->bit[n++] = 1;
        for (uint32_t k = 0; p->valid && k < p->n_upper + p->n_lower && n < 4;
             k++) {
            const lex_elem *e = &lex->elems[p->e_first + k];
            if (e->kind == LEX_EL_WORD)
                g->bit[n++] = (uint16_t)lex_word_bit(e->val);
        }
    }
}

uint32_t lex_vocab_find(const lex_vocab *v, const char *pool, const char *s,
                        size_t n)
{
    if (!v->n_slots || n >= 0xffff)
        return LEX_NONE;
    uint64_t h = hd_word_hash(s, n);
    uint64_t tag = vocab_tag(h, n);
    size_t mask = v->n_slots - 1;
    for (size_t j = h;; j++) {
        uint64_t x = v->slots[j & mask];
        if (!x)
            return LEX_NONE;
        if ((x & 0xffffffff00000000ULL) == tag &&
            memcmp(pool + (uint32_t)x - 1, s, n) == 0)
            return (uint32_t)x - 1;
    }
}
