/*
 * words.c: the coder's word memo, what the tables say of each distinct word.
 *
 * Every stage of hd_code looks each token up in its own tables: the
 * dictionary vocabulary (a token's noun and verb forms, a dozen probes),
 * the trie roots (can an actor, an agent, a verb begin here), the cue list,
 * the reporting and counted phrase lists, the gazetteer, the number and
 * date words. Each answer depends only on the token's kind, key, stem and
 * clitics, and news repeats its words: in 3,000 ANT articles 92% of word
 * tokens are a word seen before (33% within their own article). So the
 * answers are computed once per distinct word and kept in a memo that lives
 * in the hd_doc, from one document to the next (a reused doc is a thread's
 * doc: no locks, no global state), and hd_code starts by looking each token
 * up once, in one hash probe instead of some forty.
 *
 * What a document then sees: the lexicon's word ids per token
 * (hd_lex_use_words), and one hd_word_info per token in the view of
 * text/words.h, which the matchers read before their own lookups.
 *
 * Validity. The memo belongs to one open lexicon (its instance stamp):
 * another lexicon, or one without a stamp, empties it first (and lets go of
 * its shared level, below). Its own entries are emptied, too, once they
 * number MEMO_WORDS (some 12 MB), and only between documents, since a
 * document's view points into them. An entry is keyed by
 * everything the answers read: kind, key bytes, stem offset and length,
 * prefixes and suffix. Tokens with no key or a key longer than MEMO_KEY_MAX
 * bytes get no entry; the matchers ask their tables for those.
 *
 * Threads (hd_memo_share). N threads coding one stream would warm N memos,
 * each missing every word the others already know. So the memos of the
 * threads rest on a shared frozen level: when a thread's own entries reach
 * a quarter of the level (and FREEZE_MIN), the thread copies the level and
 * its own entries, with its key memo's (text/keymemo.c), into a new,
 * immutable level, and publishes it (a release store, under the share's
 * lock). Each thread checks for a newer level between two documents (an
 * acquire load, no lock) and adopts it (under the lock, a few times per
 * run), keeping of its own entries those the level lacks: copied, no
 * table asked again. A lookup probes the level first, then the thread's
 * own entries. A level is freed once it is not the newest and no memo
 * rests on it (a count under the lock); levels stop growing at LEVEL_WORDS
 * (half of MEMO_WORDS: a level is held by every thread and, while they
 * move to the next, several levels live at once; with the key memo's
 * 64-byte entries, four threads peaked over 100 MB at MEMO_WORDS).
 * Entries keep their numbers from memo to level, so the key memo's links
 * (hd_key_view.link) into a level stay true: a link below base_n is valid
 * with the level's tag, above it with the memo's gen. The pools (ids,
 * phrase matches) are each memo's: a copy of the level's, then its own
 * entries'; a document's view points into them. Either level gives the
 * same answers, so the output does not depend on the threads: only the
 * number of misses does.
 */
#include "code/code.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/slots.h"
#include "code/date.h"
#include "doc/doc.h"
#include "geo/gazetteer.h"
#include "text/number.h"
#include "text/text.h"
#include "text/words.h"

#ifndef MEMO_WORDS
#define MEMO_WORDS (1u << 17) /* a build may choose another size */
#endif
#ifndef LEVEL_WORDS
#define LEVEL_WORDS (1u << 16) /* where a shared level stops growing */
#endif
#ifndef FREEZE_MIN
#define FREEZE_MIN 4096u      /* own words that make the first level */
#endif
#define MEMO_KEY_MAX 255
#define NO_WORD UINT32_MAX
#define TAG_BIT 0x80000000u   /* a level's tag; a memo's gen stays below */

typedef struct entry {
    uint32_t key;             /* offset into its table's keys */
    uint16_t stem_off, stem_len;
    uint8_t key_len, kind, prefixes, suffix;
    uint8_t skip;             /* hd_tok_skip bits of info (in padding) */
    hd_lex_tok lex;           /* at: offset into the memo's ids */
    hd_word_info info;
} entry;

/* Entries and their hash: a level's, or a memo's own. Slot values hold
 * entry numbers + 1 in the memo's numbering (a memo's own from base_n). */
typedef struct table {
    uint64_t *slots;          /* hash >> 32 (also where probing starts)
                                 << 32 | (entry + 1); 0: empty */
    size_t n_slots;           /* a power of two, at least twice n */
    entry *e;
    size_t n, cap;
    char *keys;
    size_t keys_len, keys_cap;
} table;

/* A frozen level: immutable once published. */
typedef struct level {
    table t;
    uint64_t instance;        /* the lexicon's */
    uint32_t tag;             /* TAG_BIT | count: the links it made */
    uint32_t *ids, *phr;      /* the pools its entries point into */
    size_t n_ids, n_phr;
    hd_key_level *keys;       /* the key memo frozen with it */
    int refs;                 /* under the share's mu: each memo resting on
                                 it, and 1 while it is the newest */
    struct level *next;       /* the share's list of levels alive */
} level;

struct hd_memo_share {
    _Atomic(level *) newest;  /* stored under mu (release), read without
                                 it (acquire) to see whether it changed */
    pthread_mutex_t mu;       /* making, adopting and freeing levels */
    level *alive;             /* every level not freed yet */
};

typedef struct memo {
    uint64_t instance;        /* the lexicon's; 0: empty */
    uint32_t gen;             /* bumped at each emptying: links made before
                                 (hd_key_view.link) are stale */
    table own;
    const level *base;        /* entries [0, base_n); or NULL */
    uint32_t base_n;
    uint32_t *ids;            /* the base's pool, then the own entries' */
    size_t n_ids, cap_ids;
    uint32_t *phr;            /* the phrase lists' first-word matches */
    size_t n_phr, cap_phr;
    hd_date_starts *date_starts;
    hd_lex_firsts *firsts;    /* of the lexicon the memo is of */
    hd_lex_plans *plans;      /* the verbs' pattern lists, of that lexicon */
    uint8_t *cue_second, *rep_second, *cnt_second; /* of that lexicon */
#ifdef HD_MEMO_STATS
    size_t st_tok, st_link, st_base, st_own, st_add, st_adopt, st_freeze, st_none;
#endif
} memo;

static void table_free(table *t)
{
    free(t->slots);
    free(t->e);
    free(t->keys);
}

static void memo_free(void *p)
{
    memo *m = p;
    if (!m)
        return;
#ifdef HD_MEMO_STATS
    fprintf(stderr, "word memo: %zu tokens, %zu by link, %zu in the shared "
            "level, %zu in its own, %zu added; %zu levels adopted, %zu made; "
            "%u shared, %zu own, none %zu\n", m->st_tok, m->st_link, m->st_base,
            m->st_own, m->st_add, m->st_adopt, m->st_freeze, m->base_n,
            m->own.n, m->st_none);
#endif
    table_free(&m->own);
    free(m->ids);
    free(m->phr);
    hd_date_starts_free(m->date_starts);
    hd_lex_firsts_free(m->firsts);
    hd_lex_plans_free(m->plans);
    free(m->cue_second);
    free(m->rep_second);
    free(m->cnt_second);
    free(m);
}

/* Empties the own entries; the pools keep the base's part. */
static void own_clear(memo *m)
{
    if (m->own.n_slots)
        memset(m->own.slots, 0, m->own.n_slots * sizeof *m->own.slots);
    m->own.n = m->own.keys_len = 0;
    m->n_ids = m->base ? m->base->n_ids : 0;
    m->n_phr = m->base ? m->base->n_phr : 0;
    m->gen++;
}

static void memo_clear(memo *m, uint64_t instance)
{
    m->base = NULL;
    m->base_n = 0;
    own_clear(m);
    m->instance = instance;
}

static memo *memo_of(hd_doc *doc)
{
    void **slot = &doc->memo[HD_MEMO_WORDS];
    if (*slot && doc->memo_free[HD_MEMO_WORDS] == memo_free)
        return *slot;
    if (*slot && doc->memo_free[HD_MEMO_WORDS])
        doc->memo_free[HD_MEMO_WORDS](*slot);
    memo *m = hd_xmalloc(sizeof *m);
    memset(m, 0, sizeof *m);
    /* never NULL: a view adds offsets to them */
    HD_VEC_RESERVE(m->ids, m->cap_ids, 1024);
    HD_VEC_RESERVE(m->phr, m->cap_phr, 1024);
    m->date_starts = hd_date_starts_new();
    *slot = m;
    doc->memo_free[HD_MEMO_WORDS] = memo_free;
    return m;
}

static const entry *entry_of(const memo *m, uint32_t k)
{
    return k < m->base_n ? &m->base->t.e[k] : &m->own.e[k - m->base_n];
}

/* ------------------------------------------------------------- lookup */

static uint64_t token_hash(const hd_token *t)
{
    uint64_t shape = (uint64_t)t->stem_off << 40 | (uint64_t)t->stem_len << 24 |
                     (uint64_t)t->kind << 16 | (uint64_t)t->prefixes << 8 |
                     t->suffix;
    return hd_word_hash(t->key, t->key_len) ^ hd_word_mix(shape + 1);
}

static int same_word(const table *tb, const entry *e, const hd_token *t)
{
    return e->key_len == t->key_len && e->stem_off == t->stem_off &&
           e->stem_len == t->stem_len && e->kind == t->kind &&
           e->prefixes == t->prefixes && e->suffix == t->suffix &&
           hd_same_bytes(tb->keys + e->key, t->key, t->key_len);
}

/* The number of t's entry in tb (whose first is entry `first`), or NO_WORD. */
static uint32_t table_find(const table *tb, uint32_t first, const hd_token *t,
                           uint64_t h)
{
    if (!tb->n_slots)
        return NO_WORD;
    size_t mask = tb->n_slots - 1;
    for (size_t j = (size_t)(h >> 32);; j++) {
        uint64_t x = tb->slots[j & mask];
        if (!x)
            return NO_WORD;
        if ((x >> 32) == (h >> 32) &&
            same_word(tb, &tb->e[(uint32_t)x - 1 - first], t))
            return (uint32_t)x - 1;
    }
}

/* Appends n ids to the pool; returns where they start. */
static uint32_t ids_add(memo *m, const uint32_t *ids, size_t n)
{
    HD_VEC_RESERVE(m->ids, m->cap_ids, m->n_ids + n);
    uint32_t at = (uint32_t)m->n_ids;
    if (n)
        memcpy(m->ids + at, ids, n * sizeof *ids);
    m->n_ids += n;
    return at;
}

/* What the lexicon's word lookups give for t, ids into the pool. */
static void lex_word(memo *m, const hd_lexicon *lx, const hd_token *t,
                     hd_lex_tok *out)
{
    memset(out, 0, sizeof *out);
    if (!lx->lex || !t->key)
        return;
    uint32_t ids[HD_LEX_WORD_IDS];
    hd_lex_word(lx->lex, m->firsts, t, ids, out);
    out->at = ids_add(m, ids, hd_lex_tok_ids(out));
}

/* The first-word matches of t in p, appended to the phrase pool, and
 * their tags. */
static void phrase_word(memo *m, const hd_phrases *p, const hd_token *t,
                        uint32_t *at, uint16_t *n, uint32_t *tags)
{
    uint32_t buf[1024];
    size_t k = hd_phrases_word_matches(p, t, buf, sizeof buf / sizeof *buf);
    *at = (uint32_t)m->n_phr;
    *tags = 0;
    if (k > sizeof buf / sizeof *buf || k >= HD_WORD_MANY) {
        *n = HD_WORD_MANY;
        *tags = hd_phrases_word_tags(p, t);
        return;
    }
    *n = (uint16_t)k;
    HD_VEC_RESERVE(m->phr, m->cap_phr, m->n_phr + k);
    for (size_t i = 0; i < k; i++) {
        unsigned tag = p->items[buf[i] >> 2].tag;
        *tags |= tag < 32 ? 1u << tag : UINT32_MAX;
        m->phr[m->n_phr++] = buf[i];
    }
}

/* The sig bits of the forms a list word may take to match t (see
 * text/words.h): a superset of what cues.c and attribution.c compare. */
static uint64_t word_sig(const hd_token *t)
{
    const char *k = t->key, *stem = t->key + t->stem_off;
    uint64_t s = hd_word_sig_bit(k, t->key_len) |
                 hd_word_sig_bit(stem, t->stem_len);
    char buf[MEMO_KEY_MAX + 8];
    if (t->stem_len + 4 <= sizeof buf) {
        memcpy(buf, "\xd8\xa7\xd9\x84", 4); /* ال */
        memcpy(buf + 4, stem, t->stem_len);
        s |= hd_word_sig_bit(buf, t->stem_len + 4);
    }
    if (t->key_len >= 2)
        s |= hd_word_sig_bit(k + 2, t->key_len - 2);
    if (t->stem_len >= 2)
        s |= hd_word_sig_bit(stem, t->stem_len - 2);
    return s;
}

/* 1 + the sig bit of the second word of NUL-separated words (first_len
 * bytes first), 0 when there is one word. */
static uint8_t second_code(const char *words, size_t first_len, size_t n_words)
{
    if (n_words < 2)
        return 0;
    const char *w = words + first_len + 1;
    return (uint8_t)(1 + (hd_word_hash(w, strlen(w)) >> 58));
}

/* The second-word codes of every cue form and phrase entry. */
static void seconds_build(memo *m, const hd_lexicon *lx)
{
    const hd_cues *c = &lx->cues;
    free(m->cue_second);
    m->cue_second = hd_xmalloc(c->n_forms + 1);
    for (size_t f = 0; f < c->n_forms; f++) {
        const char *w = c->pool + c->forms[f].words;
        m->cue_second[f] = second_code(w, strlen(w), c->forms[f].n_words);
    }
    const hd_phrases *ps[2] = {&lx->reporting, &lx->counted};
    uint8_t **out[2] = {&m->rep_second, &m->cnt_second};
    for (int k = 0; k < 2; k++) {
        const hd_phrases *p = ps[k];
        free(*out[k]);
        *out[k] = hd_xmalloc(p->n + 1);
        for (size_t e = 0; e < p->n; e++)
            (*out[k])[e] = second_code(p->pool + p->items[e].words,
                                       p->items[e].first_len,
                                       p->items[e].n_words);
    }
}

/* The skip bits of one word's info (text/text.h): set only where the info
 * says no, so a stage skips exactly what reading the info would. */
static uint8_t skips_of(const hd_word_info *w)
{
    unsigned k = 0;
    if (!(w->cue[0] | w->cue[1] | w->cue[2]))
        k |= HD_SKIP_CUE;
    if (!(w->flags & HD_WORD_DATE))
        k |= HD_SKIP_DATE;
    if (!(w->flags & HD_WORD_GAZ))
        k |= HD_SKIP_GAZ;
    if (!(w->flags & HD_WORD_NUMBER))
        k |= HD_SKIP_NUMBER;
    if (!w->rep_tags)
        k |= HD_SKIP_REP;
    return (uint8_t)k;
}

/* Asks every table about t, once: the new entry's number. */
static uint32_t memo_add(memo *m, const hd_lexicon *lx, const hd_token *t,
                         uint64_t h)
{
    table *tb = &m->own;
    HD_VEC_RESERVE(tb->e, tb->cap, tb->n + 1);
    HD_VEC_RESERVE(tb->keys, tb->keys_cap, tb->keys_len + t->key_len + 1);
    entry *e = &tb->e[tb->n];
    memset(e, 0, sizeof *e);
    e->key = (uint32_t)tb->keys_len;
    memcpy(tb->keys + tb->keys_len, t->key, t->key_len);
    tb->keys_len += t->key_len;
    e->key_len = (uint8_t)t->key_len;
    e->stem_off = (uint16_t)t->stem_off;
    e->stem_len = (uint16_t)t->stem_len;
    e->kind = t->kind;
    e->prefixes = t->prefixes;
    e->suffix = t->suffix;
    lex_word(m, lx, t, &e->lex);
    hd_cues_word(&lx->cues, t, e->info.cue);
    e->info.sig = word_sig(t);
    phrase_word(m, &lx->reporting, t, &e->info.rep_at, &e->info.rep_n,
                &e->info.rep_tags);
    phrase_word(m, &lx->counted, t, &e->info.cnt_at, &e->info.cnt_n,
                &e->info.cnt_tags);
    int num = hd_number_word_may_start(t);
    if (num & HD_NUMBER_MAY_START)
        e->info.flags |= HD_WORD_NUMBER;
    if (num & HD_NUMBER_MAY_WORD)
        e->info.flags |= HD_WORD_NUMWORD;
    int date = hd_date_word_may_start(m->date_starts, t);
    if (date & HD_DATEW_START)
        e->info.flags |= HD_WORD_DATE;
    if (date & HD_DATEW_MONTH)
        e->info.flags |= HD_WORD_MONTH;
    if (lx->gaz && hd_gaz_word_may_match(lx->gaz, t))
        e->info.flags |= HD_WORD_GAZ;
    e->skip = skips_of(&e->info);
    hd_slots_room(&tb->slots, &tb->n_slots, tb->n + 1);
    uint32_t k = m->base_n + (uint32_t)tb->n++;
    hd_slots_put(tb->slots, tb->n_slots, (h & 0xffffffff00000000ULL) | (k + 1));
#ifdef HD_MEMO_STATS
    m->st_add++;
#endif
    return k;
}

/* The entry of t, made on first sight; NO_WORD for a token not memoized.
 * The shared level first: it holds most words. */
static uint32_t memo_get(memo *m, const hd_lexicon *lx, const hd_token *t)
{
    if (!t->key || t->key_len > MEMO_KEY_MAX || t->stem_off > UINT16_MAX ||
        t->stem_len > UINT16_MAX)
        return NO_WORD;
    uint64_t h = token_hash(t);
    uint32_t k = m->base ? table_find(&m->base->t, 0, t, h) : NO_WORD;
#ifdef HD_MEMO_STATS
    m->st_base += k != NO_WORD;
#endif
    if (k == NO_WORD)
        k = table_find(&m->own, m->base_n, t, h);
    else
        return k;
#ifdef HD_MEMO_STATS
    m->st_own += k != NO_WORD;
#endif
    return k != NO_WORD ? k : memo_add(m, lx, t, h);
}

/* Whether a key memo link names the entry it did: a link into the base
 * carries the base's tag, a link into the own entries the memo's gen. */
static int link_valid(const memo *m, const uint32_t *link)
{
    return link[0] < m->base_n
               ? m->base && link[1] == m->base->tag
               : link[1] == m->gen && link[0] - m->base_n < m->own.n;
}

/* -------------------------------------------------------------- a doc */

/* How many tokens ahead hd_words_prepare asks for the memo lines it will
 * read. The memo is megabytes: each token's entry is a miss to the last
 * level or beyond, and one token's lookup does not depend on the one
 * before it, so asking ahead lets the misses overlap instead of queueing. */
#define AHEAD 8

/* Asks the cache for what the lookup of token i will read: its entry when
 * its key memo link is valid, else the slots its hash probes first. */
static void prefetch_word(const memo *m, const hd_key_view *kv,
                          const hd_token *t, size_t i)
{
    uint64_t seen = kv ? kv->link[i] : 0;
    const uint32_t link[2] = {(uint32_t)seen, (uint32_t)(seen >> 32)};
    if (kv && kv->entry[i] != HD_KEY_NONE && link_valid(m, link)) {
        const char *e = (const char *)entry_of(m, link[0]);
        __builtin_prefetch(e);
        __builtin_prefetch(e + sizeof(entry) - 1);
        return;
    }
    if (!t->key || t->key_len > MEMO_KEY_MAX)
        return;
    size_t j = (size_t)(token_hash(t) >> 32);
    if (m->base && m->base->t.n_slots)
        __builtin_prefetch(&m->base->t.slots[j & (m->base->t.n_slots - 1)]);
    if (m->own.n_slots)
        __builtin_prefetch(&m->own.slots[j & (m->own.n_slots - 1)]);
}

int hd_words_prepare(const hd_lexicon *lx, hd_doc *doc)
{
    memo *m = memo_of(doc);
    if (!lx->instance || m->instance != lx->instance) {
        memo_clear(m, lx->instance);
        hd_lex_firsts_free(m->firsts);
        m->firsts = lx->lex ? hd_lex_firsts_new(lx->lex) : NULL;
        hd_lex_plans_free(m->plans);
        m->plans = lx->lex ? hd_lex_plans_new() : NULL;
        seconds_build(m, lx);
    } else if (m->own.n >= MEMO_WORDS) {
        own_clear(m);
    }
    size_t n = doc->n_tokens;
    /* room for every token to be new: the entries do not move while the
     * pointers below are taken (the pools may: they are offsets) */
    HD_VEC_RESERVE(m->own.e, m->own.cap, m->own.n + n + 1);
    hd_lex_tok *lt = hd_arena_alloc(doc->arena, (n + 1) * sizeof *lt);
    const hd_word_info **w = hd_arena_alloc(doc->arena, (n + 1) * sizeof *w);
    /* the skip bytes, read off the entry while its line is in the cache
     * (a pass of their own afterwards reloaded every entry) */
    uint8_t *skip = hd_arena_alloc(doc->arena, n + 1);
    /* a plain word's key memo entry remembers its word here (link): no
     * hash, no probe, no compare */
    const hd_key_view *kv = hd_key_view_of(doc);
#ifdef HD_MEMO_STATS
    m->st_tok += n;
#endif
    for (size_t i = 0; i < n && i < AHEAD; i++)
        prefetch_word(m, kv, &doc->tokens[i], i);
    for (size_t i = 0; i < n; i++) {
        if (i + AHEAD < n)
            prefetch_word(m, kv, &doc->tokens[i + AHEAD], i + AHEAD);
        uint32_t ke = kv ? kv->entry[i] : HD_KEY_NONE;
        /* the link words as the tokenizer copied them (keymemo.c): the key
         * memo's entry itself is touched only to set a new link. A link
         * this document set after the copy is only missed, not wrong */
        uint64_t seen = kv ? kv->link[i] : 0;
        const uint32_t link[2] = {(uint32_t)seen, (uint32_t)(seen >> 32)};
        uint32_t k;
        if (ke != HD_KEY_NONE && link_valid(m, link)) {
            k = link[0];
#ifdef HD_MEMO_STATS
            m->st_link++;
#endif
        } else {
            k = memo_get(m, lx, &doc->tokens[i]);
            if (ke != HD_KEY_NONE && k != NO_WORD)
                hd_key_memo_set_link(kv->memo, ke, k,
                                     k < m->base_n ? m->base->tag : m->gen);
        }
        if (k != NO_WORD) {
            const entry *e = entry_of(m, k);
            lt[i] = e->lex;
            w[i] = &e->info;
            skip[i] = e->skip;
        } else {
            lex_word(m, lx, &doc->tokens[i], &lt[i]);
#ifdef HD_MEMO_STATS
            m->st_none++;
#endif
            w[i] = NULL;
            skip[i] = 0; /* no info: the stages ask their tables */
        }
    }
    /* the pools are final for this document from here on */
    if (lx->lex)
        hd_lex_use_words(lx->lex, doc, lt, m->ids, m->plans, m->firsts);
    hd_word_view *v = hd_arena_alloc(doc->arena, sizeof *v);
    v->tokens = doc->tokens;
    v->lexicon = lx;
    v->n = n;
    v->cues = &lx->cues;
    v->reporting = &lx->reporting;
    v->counted = &lx->counted;
    v->gaz = lx->gaz;
    v->date_starts = m->date_starts;
    v->phrase_pool = m->phr;
    v->cue_second = m->cue_second;
    v->rep_second = m->rep_second;
    v->cnt_second = m->cnt_second;
    v->lex = lx->lex ? lt : NULL;
    v->w = w;
    doc->match_cache[HD_WORDS_SLOT] = v;
    hd_tok_skips *sk = hd_arena_alloc(doc->arena, sizeof *sk);
    sk->view = v;
    sk->skip = skip;
    doc->match_cache[HD_SKIPS_SLOT] = sk;
    return 0;
}

/* ------------------------------------------------ the shared level */

static void level_free(level *l)
{
    table_free(&l->t);
    free(l->ids);
    free(l->phr);
    hd_key_level_free(l->keys);
    free(l);
}

hd_memo_share *hd_memo_share_new(void)
{
    hd_memo_share *s = hd_xmalloc(sizeof *s);
    atomic_init(&s->newest, NULL);
    pthread_mutex_init(&s->mu, NULL);
    s->alive = NULL;
    return s;
}

/* Frees every level, once no thread codes any more: memos freed before
 * their share do not give their levels back. */
void hd_memo_share_free(hd_memo_share *s)
{
    if (!s)
        return;
    while (s->alive) {
        level *next = s->alive->next;
        level_free(s->alive);
        s->alive = next;
    }
    pthread_mutex_destroy(&s->mu);
    free(s);
}

/* Drops one reference to l (under s->mu), freeing it after the last. */
static void level_unref(hd_memo_share *s, level *l)
{
    if (--l->refs > 0)
        return;
    for (level **p = &s->alive; *p; p = &(*p)->next)
        if (*p == l) {
            *p = l->next;
            break;
        }
    level_free(l);
}

static uint32_t *pool_copy(const uint32_t *p, size_t n)
{
    uint32_t *c = hd_xmalloc((n + 1) * sizeof *c);
    if (n)
        memcpy(c, p, n * sizeof *c);
    return c;
}

/* A level in the making and the memo it is made from. */
typedef struct making {
    const memo *m;
    const level *l;
} making;

/* The number in the new level of a key memo entry's word: its link's if
 * valid, else found in the level (so every frozen key entry whose word is
 * known links to it: a frozen link cannot be set later), else NO_WORD. */
static uint32_t word_of(const void *ctx, const hd_token *t,
                        const uint32_t link[2])
{
    const making *mk = ctx;
    if (link_valid(mk->m, link))
        return link[0];
    if (t->key_len > MEMO_KEY_MAX || t->stem_off > UINT16_MAX ||
        t->stem_len > UINT16_MAX)
        return NO_WORD;
    return table_find(&mk->l->t, 0, t, token_hash(t));
}

/* The entries of a new level: t and o end to end (numbers kept). */
static void tables_join(table *t, const table *b, const table *o)
{
    size_t bn = b ? b->n : 0, bk = b ? b->keys_len : 0;
    t->n = t->cap = bn + o->n;
    t->keys_len = t->keys_cap = bk + o->keys_len;
    t->e = hd_xmalloc((t->n + 1) * sizeof *t->e);
    t->keys = hd_xmalloc(t->keys_len + 1);
    if (bn) {
        memcpy(t->e, b->e, bn * sizeof *t->e);
        memcpy(t->keys, b->keys, bk);
    }
    if (o->n) {
        memcpy(t->e + bn, o->e, o->n * sizeof *t->e);
        memcpy(t->keys + bk, o->keys, o->keys_len);
    }
    for (size_t i = bn; i < t->n; i++)
        t->e[i].key += (uint32_t)bk;
    hd_slots_join(&t->slots, &t->n_slots, t->n + 1, b ? b->slots : NULL,
                  b ? b->n_slots : 0, o->slots, o->n_slots);
}

/* A new level: the memo's base and own entries, its pools, and the key
 * memo's entries with their valid links. Reads only this thread's memos
 * and the base it holds, so no lock. */
static level *freeze(const memo *m, const hd_key_memo *km)
{
    level *l = hd_xmalloc(sizeof *l);
    memset(l, 0, sizeof *l);
    l->instance = m->instance;
    l->tag = m->base ? m->base->tag + 1 : TAG_BIT | 1;
    tables_join(&l->t, m->base ? &m->base->t : NULL, &m->own);
    l->ids = pool_copy(m->ids, l->n_ids = m->n_ids);
    l->phr = pool_copy(m->phr, l->n_phr = m->n_phr);
    making mk = {m, l};
    l->keys = hd_key_memo_freeze(km, word_of, &mk, l->tag);
    return l;
}

/* The pool data of entry e (of pools ids, phr) appended to m's pools, and
 * e's offsets moved there. */
static void pools_move(memo *m, entry *e, const uint32_t *ids,
                       const uint32_t *phr)
{
    e->lex.at = ids_add(m, ids + e->lex.at, hd_lex_tok_ids(&e->lex));
    uint32_t *at[2] = {&e->info.rep_at, &e->info.cnt_at};
    uint16_t n[2] = {e->info.rep_n, e->info.cnt_n};
    for (int k = 0; k < 2; k++) {
        if (n[k] == HD_WORD_MANY)
            continue;
        HD_VEC_RESERVE(m->phr, m->cap_phr, m->n_phr + n[k]);
        if (n[k])
            memcpy(m->phr + m->n_phr, phr + *at[k], n[k] * sizeof *phr);
        *at[k] = (uint32_t)m->n_phr;
        m->n_phr += n[k];
    }
}

/* Rests m on level l, keeping the own entries l lacks: they are copied
 * (with their pool data) after l's, renumbered, and no table is asked
 * again; the ones l holds are dropped. Links to own entries go stale. */
static void rebase(memo *m, const level *l)
{
    table old = m->own;
    uint32_t old_first = m->base_n;
    uint32_t *old_ids = m->ids, *old_phr = m->phr;
    memset(&m->own, 0, sizeof m->own);
    m->base = l;
    m->base_n = (uint32_t)l->t.n;
    m->ids = pool_copy(l->ids, l->n_ids);
    m->phr = pool_copy(l->phr, l->n_phr);
    m->n_ids = l->n_ids;
    m->cap_ids = l->n_ids + 1;
    m->n_phr = l->n_phr;
    m->cap_phr = l->n_phr + 1;
    m->gen++;
    for (size_t i = 0; i < old.n_slots; i++) {
        uint64_t x = old.slots[i];
        if (!x)
            continue;
        entry e = old.e[(uint32_t)x - 1 - old_first];
        hd_token t = {0};
        t.key = old.keys + e.key;
        t.key_len = e.key_len;
        t.stem_off = e.stem_off;
        t.stem_len = e.stem_len;
        t.kind = e.kind;
        t.prefixes = e.prefixes;
        t.suffix = e.suffix;
        uint64_t h = x & 0xffffffff00000000ULL; /* all a probe reads */
        if (table_find(&l->t, 0, &t, h) != NO_WORD)
            continue;
        table *tb = &m->own;
        HD_VEC_RESERVE(tb->e, tb->cap, tb->n + 1);
        HD_VEC_RESERVE(tb->keys, tb->keys_cap, tb->keys_len + e.key_len + 1);
        memcpy(tb->keys + tb->keys_len, t.key, e.key_len);
        e.key = (uint32_t)tb->keys_len;
        tb->keys_len += e.key_len;
        pools_move(m, &e, old_ids, old_phr);
        tb->e[tb->n] = e;
        hd_slots_room(&tb->slots, &tb->n_slots, tb->n + 1);
        uint32_t k = m->base_n + (uint32_t)tb->n++;
        hd_slots_put(tb->slots, tb->n_slots, h | (k + 1));
    }
    table_free(&old);
    free(old_ids);
    free(old_phr);
}

/* Rests both memos on level l (under s->mu), keeping the own entries it
 * lacks, and drops the level they rested on. */
static void adopt(hd_memo_share *s, memo *m, hd_key_memo *km, level *l)
{
    if (l->instance != m->instance)
        return; /* of another lexicon */
    level *old = (level *)m->base;
    l->refs++;
    rebase(m, l);
    hd_key_memo_adopt(km, l->keys);
    if (old)
        level_unref(s, old);
#ifdef HD_MEMO_STATS
    m->st_adopt++;
#endif
}

/* Whether this memo should make the next level: its own entries are many
 * beside the level's (a quarter: levels grow by a fourth or more, so
 * few), and the level has not reached LEVEL_WORDS. */
static int ripe(const memo *m)
{
    return m->own.n >= FREEZE_MIN && 4 * m->own.n >= m->base_n &&
           m->base_n + m->own.n <= LEVEL_WORDS;
}

void hd_memo_share_sync(hd_memo_share *s, hd_doc *doc)
{
    memo *m = doc->memo_free[HD_MEMO_WORDS] == memo_free
                  ? doc->memo[HD_MEMO_WORDS]
                  : NULL;
    hd_key_memo *km = hd_key_memo_peek(doc);
    if (!s || !m || !km || !m->instance)
        return; /* nothing coded yet, or not by hd_code */
    level *l = NULL;
    if (atomic_load_explicit(&s->newest, memory_order_acquire) == m->base) {
        if (!ripe(m))
            return; /* most documents: no lock */
        l = freeze(m, km);
    }
    pthread_mutex_lock(&s->mu);
    level *newest = atomic_load_explicit(&s->newest, memory_order_relaxed);
    if (l && newest == m->base) { /* nobody published meanwhile */
        l->refs = 1;
        l->next = s->alive;
        s->alive = l;
        atomic_store_explicit(&s->newest, l, memory_order_release);
        if (newest)
            level_unref(s, newest);
#ifdef HD_MEMO_STATS
        m->st_freeze++;
#endif
        newest = l;
    } else if (l) {
        level_free(l);
    }
    if (newest != m->base)
        adopt(s, m, km, newest);
    pthread_mutex_unlock(&s->mu);
}

size_t hd_memo_share_words(hd_memo_share *s)
{
    if (!s)
        return 0;
    level *l = atomic_load_explicit(&s->newest, memory_order_acquire);
    return l ? l->t.n : 0;
}
