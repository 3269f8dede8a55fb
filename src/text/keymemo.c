/*
 * keymemo.c: the key and the stem of each distinct plain word.
 *
 * Nine tokens in ten are plain words: 2-byte Arabic characters only. Their
 * key (normalized letter by letter), the loanword folding of it
 * (hd_text_fold_variants), the clitic hints of the surface and the clitic
 * stripping with its binary searches of the protected stems depend on
 * nothing but the surface bytes and the options. News repeats its words
 * (92% of the word tokens of 3,000 ANT articles are words seen before), so
 * the results are kept per (surface, options) in a memo that lives in the
 * hd_doc from one document to the next (slot HD_MEMO_KEYS), like the
 * coder's word memo: one doc is one thread's, so no lock and no global
 * state. A word seen before costs finding its end, one probe and a copy.
 *
 * The memo is emptied once it holds KEY_WORDS words, between zones only.
 * A result is copied out at once, so nothing points into the memo; and it
 * is exactly what the computation gave: the memo only remembers it.
 */
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "doc/doc.h"
#include "text/text.h"

#ifndef KEY_WORDS
#define KEY_WORDS (1u << 17) /* a build may choose another size */
#endif

typedef struct key_entry {
    uint32_t at;              /* bytes: the surface, then the key */
    uint16_t n, kl;           /* their lengths */
    uint16_t stem_off, stem_len;
    uint8_t prefixes, suffix;
    uint32_t mode;            /* options the result holds for */
    uint32_t link[2];         /* the coder's (hd_key_memo_link), 0 0 new */
} key_entry;

struct hd_key_memo {
    uint64_t *slots;          /* hash >> 32 << 32 | (entry + 1); 0: empty */
    size_t n_slots;           /* a power of two, at least twice n */
    key_entry *e;
    size_t n, cap;
    char *bytes;
    size_t n_bytes, cap_bytes;
    uint32_t *tok;            /* per token of the doc being analysed: its
                                 entry, or HD_KEY_NONE */
    size_t cap_tok;
};

static void key_memo_free(void *p)
{
    hd_key_memo *m = p;
    if (!m)
        return;
    free(m->slots);
    free(m->e);
    free(m->bytes);
    free(m->tok);
    free(m);
}

hd_key_memo *hd_key_memo_of(hd_doc *doc)
{
    void **slot = &doc->memo[HD_MEMO_KEYS];
    hd_key_memo *m = *slot;
    if (m && doc->memo_free[HD_MEMO_KEYS] == key_memo_free)
        return m;
    if (m && doc->memo_free[HD_MEMO_KEYS])
        doc->memo_free[HD_MEMO_KEYS](m);
    m = hd_xmalloc(sizeof *m);
    memset(m, 0, sizeof *m);
    *slot = m;
    doc->memo_free[HD_MEMO_KEYS] = key_memo_free;
    return m;
}

void hd_key_memo_begin(hd_doc *doc)
{
    hd_key_memo *m = hd_key_memo_of(doc);
    if (m->n >= KEY_WORDS) {
        memset(m->slots, 0, m->n_slots * sizeof *m->slots);
        m->n = m->n_bytes = 0;
    }
}

uint32_t *hd_key_memo_entries(hd_key_memo *m, size_t need)
{
    if (need > m->cap_tok) {
        size_t cap = m->cap_tok ? m->cap_tok : 4096;
        while (cap < need)
            cap *= 2;
        m->tok = hd_xrealloc(m->tok, cap * sizeof *m->tok);
        m->cap_tok = cap;
    }
    return m->tok;
}

void hd_key_memo_publish(hd_doc *doc)
{
    hd_key_memo *m = hd_key_memo_of(doc);
    hd_key_view *v = hd_arena_alloc(doc->arena, sizeof *v);
    v->tokens = doc->tokens;
    v->n = doc->n_tokens;
    v->entry = m->tok;
    v->memo = m;
    doc->match_cache[HD_KEYS_SLOT] = v;
}

uint32_t *hd_key_memo_link(hd_key_memo *m, uint32_t entry)
{
    return m->e[entry].link;
}

static inline uint64_t key_hash(const char *s, size_t n, unsigned mode)
{
    return hd_word_hash(s, n) ^ hd_word_mix((uint64_t)mode | 1ULL << 63);
}

int hd_key_memo_find(const hd_key_memo *m, const char *surface, size_t n,
                     unsigned mode, hd_key_stem *out)
{
    if (!m->n_slots)
        return 0;
    uint64_t h = key_hash(surface, n, mode);
    size_t mask = m->n_slots - 1;
    for (size_t j = (size_t)(h >> 32);; j++) {
        uint64_t x = m->slots[j & mask];
        if (!x)
            return 0;
        if ((x >> 32) != (h >> 32))
            continue;
        const key_entry *e = &m->e[(uint32_t)x - 1];
        if (e->n != n || e->mode != mode ||
            !hd_same_bytes(m->bytes + e->at, surface, n))
            continue;
        out->kl = e->kl;
        out->key = m->bytes + e->at + n;
        out->stem_off = e->stem_off;
        out->stem_len = e->stem_len;
        out->prefixes = e->prefixes;
        out->suffix = e->suffix;
        out->entry = (uint32_t)x - 1;
        return 1;
    }
}

static void slots_grow(hd_key_memo *m)
{
    size_t n = m->n_slots ? m->n_slots * 2 : 4096;
    uint64_t *s = hd_xmalloc(n * sizeof *s);
    memset(s, 0, n * sizeof *s);
    for (size_t i = 0; i < m->n_slots; i++) {
        uint64_t x = m->slots[i];
        if (!x)
            continue;
        size_t j = (size_t)(x >> 32);
        while (s[j & (n - 1)])
            j++;
        s[j & (n - 1)] = x;
    }
    free(m->slots);
    m->slots = s;
    m->n_slots = n;
}

uint32_t hd_key_memo_add(hd_key_memo *m, const char *surface, size_t n,
                         unsigned mode, const char *key, const hd_key_stem *s)
{
    if (n > UINT16_MAX || s->kl > UINT16_MAX)
        return HD_KEY_NONE;
    HD_VEC_RESERVE(m->e, m->cap, m->n + 1);
    HD_VEC_RESERVE(m->bytes, m->cap_bytes, m->n_bytes + n + s->kl);
    if (2 * (m->n + 1) > m->n_slots)
        slots_grow(m);
    key_entry *e = &m->e[m->n];
    e->at = (uint32_t)m->n_bytes;
    memcpy(m->bytes + m->n_bytes, surface, n);
    memcpy(m->bytes + m->n_bytes + n, key, s->kl);
    m->n_bytes += n + s->kl;
    e->n = (uint16_t)n;
    e->kl = (uint16_t)s->kl;
    e->stem_off = (uint16_t)s->stem_off;
    e->stem_len = (uint16_t)s->stem_len;
    e->prefixes = s->prefixes;
    e->suffix = s->suffix;
    e->mode = mode;
    e->link[0] = e->link[1] = 0;
    uint64_t h = key_hash(surface, n, mode);
    size_t j = (size_t)(h >> 32);
    while (m->slots[j & (m->n_slots - 1)])
        j++;
    m->slots[j & (m->n_slots - 1)] = (h & 0xffffffff00000000ULL) | (m->n + 1);
    return (uint32_t)m->n++;
}
