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
 * another lexicon, or one without a stamp, empties it first. It is emptied,
 * too, once it holds MEMO_WORDS words (some 12 MB), and only between
 * documents, since a document's view points into it. An entry is keyed by
 * everything the answers read: kind, key bytes, stem offset and length,
 * prefixes and suffix. Tokens with no key or a key longer than MEMO_KEY_MAX
 * bytes get no entry; the matchers ask their tables for those.
 */
#include "code/code.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "code/date.h"
#include "doc/doc.h"
#include "geo/gazetteer.h"
#include "text/number.h"
#include "text/text.h"
#include "text/words.h"

#ifndef MEMO_WORDS
#define MEMO_WORDS (1u << 17) /* a build may choose another size */
#endif
#define MEMO_KEY_MAX 255
#define NO_WORD UINT32_MAX

typedef struct entry {
    uint32_t key;             /* offset into memo.keys */
    uint16_t stem_off, stem_len;
    uint8_t key_len, kind, prefixes, suffix;
    hd_lex_tok lex;           /* at: offset into memo.ids */
    hd_word_info info;
} entry;

typedef struct memo {
    uint64_t instance;        /* the lexicon's; 0: empty */
    uint32_t gen;             /* bumped at each emptying: links made before
                                 (hd_key_memo_link) are stale */
    uint64_t *slots;          /* hash >> 32 (also where probing starts)
                                 << 32 | (entry + 1); 0: empty */
    size_t n_slots;           /* a power of two, at least twice n */
    entry *e;
    size_t n, cap;
    char *keys;
    size_t keys_len, keys_cap;
    uint32_t *ids;
    size_t n_ids, cap_ids;
    uint32_t *phr;            /* the phrase lists' first-word matches */
    size_t n_phr, cap_phr;
    hd_date_starts *date_starts;
    hd_lex_firsts *firsts;    /* of the lexicon the memo is of */
    hd_lex_plans *plans;      /* the verbs' pattern lists, of that lexicon */
    uint8_t *cue_second, *rep_second, *cnt_second; /* of that lexicon */
} memo;

static void memo_free(void *p)
{
    memo *m = p;
    if (!m)
        return;
    free(m->slots);
    free(m->e);
    free(m->keys);
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

static void memo_clear(memo *m, uint64_t instance)
{
    if (m->n_slots)
        memset(m->slots, 0, m->n_slots * sizeof *m->slots);
    m->n = m->keys_len = m->n_ids = m->n_phr = 0;
    m->gen++;
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

/* ------------------------------------------------------------- lookup */

static uint64_t token_hash(const hd_token *t)
{
    uint64_t shape = (uint64_t)t->stem_off << 40 | (uint64_t)t->stem_len << 24 |
                     (uint64_t)t->kind << 16 | (uint64_t)t->prefixes << 8 |
                     t->suffix;
    return hd_word_hash(t->key, t->key_len) ^ hd_word_mix(shape + 1);
}

static int same_word(const memo *m, const entry *e, const hd_token *t)
{
    return e->key_len == t->key_len && e->stem_off == t->stem_off &&
           e->stem_len == t->stem_len && e->kind == t->kind &&
           e->prefixes == t->prefixes && e->suffix == t->suffix &&
           hd_same_bytes(m->keys + e->key, t->key, t->key_len);
}

static void slots_grow(memo *m)
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

/* Asks every table about t, once: the new entry's index. */
static uint32_t memo_add(memo *m, const hd_lexicon *lx, const hd_token *t,
                         uint64_t h)
{
    HD_VEC_RESERVE(m->e, m->cap, m->n + 1);
    HD_VEC_RESERVE(m->keys, m->keys_cap, m->keys_len + t->key_len + 1);
    entry *e = &m->e[m->n];
    memset(e, 0, sizeof *e);
    e->key = (uint32_t)m->keys_len;
    memcpy(m->keys + m->keys_len, t->key, t->key_len);
    m->keys_len += t->key_len;
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
    if (2 * (m->n + 1) > m->n_slots)
        slots_grow(m);
    size_t j = (size_t)(h >> 32);
    while (m->slots[j & (m->n_slots - 1)])
        j++;
    m->slots[j & (m->n_slots - 1)] = (h & 0xffffffff00000000ULL) | (m->n + 1);
    return (uint32_t)m->n++;
}

/* The entry of t, made on first sight; NO_WORD for a token not memoized. */
static uint32_t memo_get(memo *m, const hd_lexicon *lx, const hd_token *t)
{
    if (!t->key || t->key_len > MEMO_KEY_MAX || t->stem_off > UINT16_MAX ||
        t->stem_len > UINT16_MAX)
        return NO_WORD;
    uint64_t h = token_hash(t);
    if (m->n_slots) {
        size_t mask = m->n_slots - 1;
        for (size_t j = (size_t)(h >> 32);; j++) {
            uint64_t x = m->slots[j & mask];
            if (!x)
                break;
            if ((x >> 32) == (h >> 32) &&
                same_word(m, &m->e[(uint32_t)x - 1], t))
                return (uint32_t)x - 1;
        }
    }
    return memo_add(m, lx, t, h);
}

/* -------------------------------------------------------------- a doc */

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
    } else if (m->n >= MEMO_WORDS) {
        memo_clear(m, lx->instance);
    }
    size_t n = doc->n_tokens;
    /* room for every token to be new: the entries do not move while the
     * pointers below are taken (the pools may: they are offsets) */
    HD_VEC_RESERVE(m->e, m->cap, m->n + n + 1);
    hd_lex_tok *lt = hd_arena_alloc(doc->arena, (n + 1) * sizeof *lt);
    const hd_word_info **w = hd_arena_alloc(doc->arena, (n + 1) * sizeof *w);
    /* a plain word's key memo entry remembers its word here (link): no
     * hash, no probe, no compare */
    const hd_key_view *kv = hd_key_view_of(doc);
    for (size_t i = 0; i < n; i++) {
        uint32_t *link = kv && kv->entry[i] != HD_KEY_NONE
                             ? hd_key_memo_link(kv->memo, kv->entry[i])
                             : NULL;
        uint32_t k;
        if (link && link[1] == m->gen && link[0] < m->n) {
            k = link[0];
        } else {
            k = memo_get(m, lx, &doc->tokens[i]);
            if (link && k != NO_WORD) {
                link[0] = k;
                link[1] = m->gen;
            }
        }
        if (k != NO_WORD) {
            lt[i] = m->e[k].lex;
            w[i] = &m->e[k].info;
        } else {
            lex_word(m, lx, &doc->tokens[i], &lt[i]);
            w[i] = NULL;
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
    return 0;
}
