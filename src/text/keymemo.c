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
 * Two levels. Threads that code one stream (cli/drive.c) would each warm a
 * memo of their own, and each would miss every word the others already
 * know. So a memo may rest on a frozen level (hd_key_level): entries
 * [0, base_n) are the level's, immutable and shared between threads with
 * no lock (it is made once, published with a release store, see
 * code/words.c, hd_memo_share), and the memo's own entries are numbered
 * from base_n on. A lookup probes the level, then the memo. A level is
 * made from a memo by copying both (hd_key_memo_freeze): its entries keep
 * their numbers, so the coder's links (below) stay true.
 *
 * The memo's own entries are emptied once they number KEY_WORDS, between
 * zones only; the level stays. A result is copied out at once, so nothing
 * points into the memo; and it is exactly what the computation gave: the
 * memo only remembers it.
 */
#include <stdio.h>
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

/* One table: a frozen level's, or a memo's own entries. Slot values hold
 * entry numbers + 1 in the memo's numbering (a level's from 0, a memo's
 * own from its base_n), so a level is the two tables laid end to end. */
typedef struct table {
    uint64_t *slots;          /* hash >> 32 << 32 | (entry + 1); 0: empty */
    size_t n_slots;           /* a power of two, at least twice n */
    key_entry *e;
    size_t n, cap;
    char *bytes;
    size_t n_bytes, cap_bytes;
} table;

struct hd_key_level {
    table t;
};

struct hd_key_memo {
    table own;
    const hd_key_level *base; /* shared and immutable, or NULL */
    uint32_t base_n;          /* its entries: numbers [0, base_n) */
    uint32_t *tok;            /* per token of the doc being analysed: its
                                 entry, or HD_KEY_NONE */
    size_t cap_tok;
#ifdef HD_MEMO_STATS
    size_t st_find, st_base, st_own, st_add;
#endif
};

static void table_free(table *t)
{
    free(t->slots);
    free(t->e);
    free(t->bytes);
}

static void key_memo_free(void *p)
{
    hd_key_memo *m = p;
    if (!m)
        return;
#ifdef HD_MEMO_STATS
    fprintf(stderr, "key memo: %zu finds, %zu in the shared level, %zu in "
            "its own, %zu added; %u shared, %zu own\n", m->st_find,
            m->st_base, m->st_own, m->st_add, m->base_n, m->own.n);
#endif
    table_free(&m->own);
    free(m->tok);
    free(m);
}

hd_key_memo *hd_key_memo_peek(hd_doc *doc)
{
    return doc->memo_free[HD_MEMO_KEYS] == key_memo_free
               ? doc->memo[HD_MEMO_KEYS]
               : NULL;
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

static void own_clear(hd_key_memo *m)
{
    if (m->own.n_slots)
        memset(m->own.slots, 0, m->own.n_slots * sizeof *m->own.slots);
    m->own.n = m->own.n_bytes = 0;
}

void hd_key_memo_begin(hd_doc *doc)
{
    hd_key_memo *m = hd_key_memo_of(doc);
    if (m->own.n >= KEY_WORDS)
        own_clear(m);
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

static const key_entry *entry_of(const hd_key_memo *m, uint32_t entry)
{
    return entry < m->base_n ? &m->base->t.e[entry]
                             : &m->own.e[entry - m->base_n];
}

const uint32_t *hd_key_memo_link(const hd_key_memo *m, uint32_t entry)
{
    return entry_of(m, entry)->link;
}

void hd_key_memo_set_link(hd_key_memo *m, uint32_t entry, uint32_t word,
                          uint32_t gen)
{
    if (entry < m->base_n)
        return; /* shared: its link was set when it was frozen */
    uint32_t *link = m->own.e[entry - m->base_n].link;
    link[0] = word;
    link[1] = gen;
}

static inline uint64_t key_hash(const char *s, size_t n, unsigned mode)
{
    return hd_word_hash(s, n) ^ hd_word_mix((uint64_t)mode | 1ULL << 63);
}

/* The entry number (+ 1) of surface in t, 0: not there. */
static uint32_t table_find(const table *t, uint32_t first, const char *surface,
                           size_t n, unsigned mode, uint64_t h)
{
    if (!t->n_slots)
        return 0;
    size_t mask = t->n_slots - 1;
    for (size_t j = (size_t)(h >> 32);; j++) {
        uint64_t x = t->slots[j & mask];
        if (!x)
            return 0;
        if ((x >> 32) != (h >> 32))
            continue;
        const key_entry *e = &t->e[(uint32_t)x - 1 - first];
        if (e->n == n && e->mode == mode &&
            hd_same_bytes(t->bytes + e->at, surface, n))
            return (uint32_t)x;
    }
}

int hd_key_memo_find(const hd_key_memo *m, const char *surface, size_t n,
                     unsigned mode, hd_key_stem *out)
{
    uint64_t h = key_hash(surface, n, mode);
    const table *t = NULL;
    uint32_t x = 0;
    if (m->base && (x = table_find(&m->base->t, 0, surface, n, mode, h)))
        t = &m->base->t;
    else if ((x = table_find(&m->own, m->base_n, surface, n, mode, h)))
        t = &m->own;
#ifdef HD_MEMO_STATS
    hd_key_memo *st = (hd_key_memo *)m; /* counters only, debug builds */
    st->st_find++;
    st->st_base += t && t != &m->own;
    st->st_own += t == &m->own;
#endif
    if (!t)
        return 0;
    const key_entry *e = entry_of(m, x - 1);
    out->kl = e->kl;
    out->key = t->bytes + e->at + n;
    out->stem_off = e->stem_off;
    out->stem_len = e->stem_len;
    out->prefixes = e->prefixes;
    out->suffix = e->suffix;
    out->entry = x - 1;
    return 1;
}

/* Puts slot value x (see table) where linear probing from its hash finds
 * it; s has room. */
static void slot_put(uint64_t *s, size_t n_slots, uint64_t x)
{
    size_t j = (size_t)(x >> 32);
    while (s[j & (n_slots - 1)])
        j++;
    s[j & (n_slots - 1)] = x;
}

static void slots_grow(table *t)
{
    size_t n = t->n_slots ? t->n_slots * 2 : 4096;
    uint64_t *s = hd_xmalloc(n * sizeof *s);
    memset(s, 0, n * sizeof *s);
    for (size_t i = 0; i < t->n_slots; i++)
        if (t->slots[i])
            slot_put(s, n, t->slots[i]);
    free(t->slots);
    t->slots = s;
    t->n_slots = n;
}

uint32_t hd_key_memo_add(hd_key_memo *m, const char *surface, size_t n,
                         unsigned mode, const char *key, const hd_key_stem *s)
{
    if (n > UINT16_MAX || s->kl > UINT16_MAX)
        return HD_KEY_NONE;
    table *t = &m->own;
    HD_VEC_RESERVE(t->e, t->cap, t->n + 1);
    HD_VEC_RESERVE(t->bytes, t->cap_bytes, t->n_bytes + n + s->kl);
    if (2 * (t->n + 1) > t->n_slots)
        slots_grow(t);
    key_entry *e = &t->e[t->n];
    e->at = (uint32_t)t->n_bytes;
    memcpy(t->bytes + t->n_bytes, surface, n);
    memcpy(t->bytes + t->n_bytes + n, key, s->kl);
    t->n_bytes += n + s->kl;
    e->n = (uint16_t)n;
    e->kl = (uint16_t)s->kl;
    e->stem_off = (uint16_t)s->stem_off;
    e->stem_len = (uint16_t)s->stem_len;
    e->prefixes = s->prefixes;
    e->suffix = s->suffix;
    e->mode = mode;
    e->link[0] = e->link[1] = 0;
#ifdef HD_MEMO_STATS
    m->st_add++;
#endif
    uint32_t entry = m->base_n + (uint32_t)t->n++;
    uint64_t h = key_hash(surface, n, mode);
    slot_put(t->slots, t->n_slots, (h & 0xffffffff00000000ULL) | (entry + 1));
    return entry;
}

/* ------------------------------------------------------ frozen levels */

size_t hd_key_memo_size(const hd_key_memo *m)
{
    return m->base_n + m->own.n;
}

hd_key_level *hd_key_memo_freeze(const hd_key_memo *m,
                                 uint32_t (*word_of)(const void *ctx,
                                                     const hd_token *t,
                                                     const uint32_t link[2]),
                                 const void *ctx, uint32_t tag)
{
    const table *b = m->base ? &m->base->t : NULL, *o = &m->own;
    size_t bn = b ? b->n : 0, bb = b ? b->n_bytes : 0;
    hd_key_level *l = hd_xmalloc(sizeof *l);
    table *t = &l->t;
    memset(t, 0, sizeof *t);
    t->n = t->cap = bn + o->n;
    t->n_bytes = t->cap_bytes = bb + o->n_bytes;
    t->e = hd_xmalloc((t->n + 1) * sizeof *t->e);
    t->bytes = hd_xmalloc(t->n_bytes + 1);
    if (bn) {
        memcpy(t->e, b->e, bn * sizeof *t->e);
        memcpy(t->bytes, b->bytes, bb);
    }
    if (o->n) {
        memcpy(t->e + bn, o->e, o->n * sizeof *t->e);
        memcpy(t->bytes + bb, o->bytes, o->n_bytes);
    }
    for (size_t i = 0; i < t->n; i++) {
        key_entry *e = &t->e[i];
        if (i >= bn)
            e->at += (uint32_t)bb;
        hd_token w = {0}; /* the word as the tokenizer made it */
        w.key = t->bytes + e->at + e->n;
        w.key_len = e->kl;
        w.stem_off = e->stem_off;
        w.stem_len = e->stem_len;
        w.kind = HD_TOK_WORD;
        w.prefixes = e->prefixes;
        w.suffix = e->suffix;
        uint32_t k = word_of(ctx, &w, e->link);
        e->link[0] = k != UINT32_MAX ? k : 0;
        e->link[1] = k != UINT32_MAX ? tag : 0;
    }
    t->n_slots = 4096;
    while (t->n_slots < 2 * (t->n + 1))
        t->n_slots *= 2;
    t->slots = hd_xmalloc(t->n_slots * sizeof *t->slots);
    memset(t->slots, 0, t->n_slots * sizeof *t->slots);
    const table *from[2] = {b, o};
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; from[k] && i < from[k]->n_slots; i++)
            if (from[k]->slots[i])
                slot_put(t->slots, t->n_slots, from[k]->slots[i]);
    return l;
}

void hd_key_level_free(hd_key_level *l)
{
    if (!l)
        return;
    table_free(&l->t);
    free(l);
}

void hd_key_memo_adopt(hd_key_memo *m, const hd_key_level *l)
{
    /* keeps the own entries l lacks, renumbered after l's, links reset */
    table old = m->own;
    uint32_t old_first = m->base_n;
    memset(&m->own, 0, sizeof m->own);
    m->base = l;
    m->base_n = (uint32_t)l->t.n;
    table *t = &m->own;
    for (size_t i = 0; i < old.n_slots; i++) {
        uint64_t x = old.slots[i];
        if (!x)
            continue;
        key_entry e = old.e[(uint32_t)x - 1 - old_first];
        const char *b = old.bytes + e.at;
        uint64_t h = x & 0xffffffff00000000ULL; /* all a probe reads */
        if (table_find(&l->t, 0, b, e.n, e.mode, h))
            continue;
        HD_VEC_RESERVE(t->e, t->cap, t->n + 1);
        HD_VEC_RESERVE(t->bytes, t->cap_bytes, t->n_bytes + e.n + e.kl);
        memcpy(t->bytes + t->n_bytes, b, (size_t)e.n + e.kl);
        e.at = (uint32_t)t->n_bytes;
        t->n_bytes += (size_t)e.n + e.kl;
        e.link[0] = e.link[1] = 0;
        t->e[t->n] = e;
        if (2 * (t->n + 1) > t->n_slots)
            slots_grow(t);
        uint32_t entry = m->base_n + (uint32_t)t->n++;
        slot_put(t->slots, t->n_slots, h | (entry + 1));
    }
    table_free(&old);
}
