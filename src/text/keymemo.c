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
 *
 * Layout. A lookup of a word seen before is a probe of the slots and a
 * compare of the surface: each random read there is a cache miss once the
 * memo outgrows the caches, and that is most of what a known word costs.
 * So an entry is one cache line (64 bytes, aligned): its fields, and, for
 * the words most are (surface and key together at most KEY_INLINE bytes:
 * nine letters or so), the surface and the key themselves. A probe then
 * reads its slot and one line; only longer words keep their bytes in the
 * table's pool, a third read. A level's entries are laid out the same way.
 *
 * The lookup also copies the entry's link words out with the key
 * (hd_key_stem.link), and the tokenizer keeps them per token
 * (hd_key_view.link): the coder reads them in token order instead of
 * reading every token's entry again long after the line left the cache,
 * and touches an entry only to set a new link (own entries only: a frozen
 * entry's link is fixed). A link copied before the coder set it in the
 * same document is merely stale (the coder checks every link it reads and
 * looks the word up again), so the copy never changes an answer.
 *
 * The lookup can also go in steps (hd_key_memo_hash, _prefetch_slots,
 * _prefetch_entry, _find_hashed) for the tokenizer's read-ahead: the
 * slots of a word some words ahead, then its entry, are asked of the cache
 * before they are read, so the misses of several lookups overlap.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/slots.h"
#include "doc/doc.h"
#include "text/text.h"

#ifndef KEY_WORDS
#define KEY_WORDS (1u << 17) /* a build may choose another size */
#endif

#define KEY_LINE 64
#define KEY_INLINE 36         /* what is left of the line for the bytes */

typedef struct key_entry {
    _Alignas(KEY_LINE) uint32_t at; /* long words: their bytes in the
                                 table's pool, the surface, then the key */
    uint16_t n, kl;           /* their lengths */
    uint16_t stem_off, stem_len;
    uint8_t prefixes, suffix;
    uint32_t mode;            /* options the result holds for */
    uint32_t link[2];         /* the coder's (hd_key_memo_set_link), 0 0 new */
    char in[KEY_INLINE];      /* the surface, then the key, when n + kl
                                 <= KEY_INLINE */
} key_entry;

_Static_assert(sizeof(key_entry) == KEY_LINE, "a key entry is one line");

/* One table: a frozen level's, or a memo's own entries. Slot values hold
 * entry numbers + 1 in the memo's numbering (a level's from 0, a memo's
 * own from its base_n), so a level is the two tables laid end to end.
 * The entries are KEY_LINE-aligned, so they are grown by hand
 * (entries_reserve): realloc would not keep the alignment. */
typedef struct table {
    uint64_t *slots;          /* hash >> 32 << 32 | (entry + 1); 0: empty */
    size_t n_slots;           /* a power of two, at least twice n */
    key_entry *e;
    size_t n, cap;
    char *bytes;              /* the pool: long words' bytes only */
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
    uint64_t *tok_link;       /* and its link words as found, or 0 */
    size_t cap_tok;
#ifdef HD_MEMO_STATS
    size_t st_find, st_base, st_own, st_add;
#endif
};

/* Where e's bytes are (t: the table e is in): inline, or in the pool. */
static inline const char *entry_bytes(const table *t, const key_entry *e)
{
    return (size_t)e->n + e->kl <= KEY_INLINE ? e->in : t->bytes + e->at;
}

/* A block of cap entries, aligned to a line. */
static key_entry *entries_alloc(size_t cap)
{
    key_entry *e = aligned_alloc(KEY_LINE, (cap ? cap : 1) * sizeof *e);
    if (!e) {
        fprintf(stderr, "hadath: out of memory (%zu bytes)\n",
                cap * sizeof *e);
        abort();
    }
    return e;
}

/* Room in t for need entries, still aligned (realloc would not keep it). */
static void entries_reserve(table *t, size_t need)
{
    if (need <= t->cap)
        return;
    size_t cap = t->cap ? t->cap : 1024;
    while (cap < need)
        cap *= 2;
    key_entry *e = entries_alloc(cap);
    if (t->n)
        memcpy(e, t->e, t->n * sizeof *e);
    free(t->e);
    t->e = e;
    t->cap = cap;
}

/* Appends a copy of *proto to t and returns where its bytes (the surface,
 * then the key: n + kl) go: inline when they fit, else t's pool. */
static char *entry_new(table *t, const key_entry *proto)
{
    size_t len = (size_t)proto->n + proto->kl;
    entries_reserve(t, t->n + 1);
    key_entry *e = &t->e[t->n++];
    *e = *proto;
    e->at = 0;
    if (len <= KEY_INLINE)
        return e->in;
    HD_VEC_RESERVE(t->bytes, t->cap_bytes, t->n_bytes + len);
    e->at = (uint32_t)t->n_bytes;
    t->n_bytes += len;
    return t->bytes + e->at;
}

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
    free(m->tok_link);
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

uint32_t *hd_key_memo_entries(hd_key_memo *m, size_t need, uint64_t **links)
{
    if (need > m->cap_tok) {
        size_t cap = m->cap_tok ? m->cap_tok : 4096;
        while (cap < need)
            cap *= 2;
        m->tok = hd_xrealloc(m->tok, cap * sizeof *m->tok);
        m->tok_link = hd_xrealloc(m->tok_link, cap * sizeof *m->tok_link);
        m->cap_tok = cap;
    }
    *links = m->tok_link;
    return m->tok;
}

void hd_key_memo_publish(hd_doc *doc)
{
    hd_key_memo *m = hd_key_memo_of(doc);
    hd_key_view *v = hd_arena_alloc(doc->arena, sizeof *v);
    v->tokens = doc->tokens;
    v->n = doc->n_tokens;
    v->entry = m->tok;
    v->link = m->tok_link;
    v->memo = m;
    doc->match_cache[HD_KEYS_SLOT] = v;
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
    return hd_key_memo_hash_mixed(s, n, hd_key_memo_mode_mix(mode));
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
            hd_same_bytes(entry_bytes(t, e), surface, n))
            return (uint32_t)x;
    }
}

uint64_t hd_key_memo_hash(const char *surface, size_t n, unsigned mode)
{
    return key_hash(surface, n, mode);
}

static void slot_prefetch(const table *t, uint64_t h)
{
    if (t->n_slots)
        __builtin_prefetch(&t->slots[(size_t)(h >> 32) & (t->n_slots - 1)]);
}

void hd_key_memo_prefetch_slots(const hd_key_memo *m, uint64_t h)
{
    if (m->base)
        slot_prefetch(&m->base->t, h);
    slot_prefetch(&m->own, h);
}

/* The line of the first entry whose slot carries h's tag, if any: the
 * slots are read (they were asked for earlier), the entry only asked for. */
static void entry_prefetch(const table *t, uint32_t first, uint64_t h)
{
    if (!t->n_slots)
        return;
    size_t mask = t->n_slots - 1;
    for (size_t j = (size_t)(h >> 32);; j++) {
        uint64_t x = t->slots[j & mask];
        if (!x)
            return;
        if ((x >> 32) == (h >> 32)) {
            __builtin_prefetch(&t->e[(uint32_t)x - 1 - first]);
            return;
        }
    }
}

void hd_key_memo_prefetch_entry(const hd_key_memo *m, uint64_t h)
{
    if (m->base)
        entry_prefetch(&m->base->t, 0, h);
    entry_prefetch(&m->own, m->base_n, h);
}

int hd_key_memo_find(const hd_key_memo *m, const char *surface, size_t n,
                     unsigned mode, hd_key_stem *out)
{
    return hd_key_memo_find_hashed(m, surface, n, mode,
                                   key_hash(surface, n, mode), out);
}

int hd_key_memo_find_hashed(const hd_key_memo *m, const char *surface,
                            size_t n, unsigned mode, uint64_t h,
                            hd_key_stem *out)
{
    const table *t = NULL;
    uint32_t x = 0, first = 0;
    if (m->base && (x = table_find(&m->base->t, 0, surface, n, mode, h)))
        t = &m->base->t;
    else if ((x = table_find(&m->own, m->base_n, surface, n, mode, h)))
        t = &m->own, first = m->base_n;
#ifdef HD_MEMO_STATS
    hd_key_memo *st = (hd_key_memo *)m; /* counters only, debug builds */
    st->st_find++;
    st->st_base += t && t != &m->own;
    st->st_own += t == &m->own;
#endif
    if (!t)
        return 0;
    const key_entry *e = &t->e[x - 1 - first];
    out->kl = e->kl;
    out->key = entry_bytes(t, e) + n;
    out->stem_off = e->stem_off;
    out->stem_len = e->stem_len;
    out->prefixes = e->prefixes;
    out->suffix = e->suffix;
    out->entry = x - 1;
    /* copied now, while the line is in the cache (the coder would read it
     * much later, from wherever the entry is by then) */
    out->link = (uint64_t)e->link[1] << 32 | e->link[0];
    return 1;
}

uint32_t hd_key_memo_add(hd_key_memo *m, const char *surface, size_t n,
                         unsigned mode, const char *key, const hd_key_stem *s)
{
    if (n > UINT16_MAX || s->kl > UINT16_MAX)
        return HD_KEY_NONE;
    table *t = &m->own;
    hd_slots_room(&t->slots, &t->n_slots, t->n + 1);
    key_entry e;
    memset(&e, 0, sizeof e); /* links 0 0: none yet */
    e.n = (uint16_t)n;
    e.kl = (uint16_t)s->kl;
    e.stem_off = (uint16_t)s->stem_off;
    e.stem_len = (uint16_t)s->stem_len;
    e.prefixes = s->prefixes;
    e.suffix = s->suffix;
    e.mode = mode;
    char *to = entry_new(t, &e);
    memcpy(to, surface, n);
    memcpy(to + n, key, s->kl);
#ifdef HD_MEMO_STATS
    m->st_add++;
#endif
    uint32_t entry = m->base_n + (uint32_t)t->n - 1;
    uint64_t h = key_hash(surface, n, mode);
    hd_slots_put(t->slots, t->n_slots, (h & 0xffffffff00000000ULL) | (entry + 1));
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
    t->e = entries_alloc(t->n + 1);
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
        if (i >= bn && (size_t)e->n + e->kl > KEY_INLINE)
            e->at += (uint32_t)bb; /* the own pool follows the base's */
        hd_token w = {0}; /* the word as the tokenizer made it */
        w.key = entry_bytes(t, e) + e->n;
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
    hd_slots_join(&t->slots, &t->n_slots, t->n + 1, b ? b->slots : NULL,
                  b ? b->n_slots : 0, o->slots, o->n_slots);
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
        const key_entry *oe = &old.e[(uint32_t)x - 1 - old_first];
        key_entry e = *oe;
        const char *b = entry_bytes(&old, oe);
        uint64_t h = x & 0xffffffff00000000ULL; /* all a probe reads */
        if (table_find(&l->t, 0, b, e.n, e.mode, h))
            continue;
        e.link[0] = e.link[1] = 0;
        hd_slots_room(&t->slots, &t->n_slots, t->n + 1);
        memcpy(entry_new(t, &e), b, (size_t)e.n + e.kl);
        uint32_t entry = m->base_n + (uint32_t)t->n - 1;
        hd_slots_put(t->slots, t->n_slots, h | (entry + 1));
    }
    table_free(&old);
}
