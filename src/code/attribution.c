/*
 * attribution.c: who says so.
 *
 * Arabic news attributes nearly every figure and most events: "وقال المتحدث
 * باسم X Y لوكالة Z إن ...", "بحسب المرصد ...", "وأكد سلو "..."". A coder
 * that drops the attribution turns a claim into a fact. This file finds the
 * cue (a reporting verb, a circumstantial participle, a framing), the words
 * that say who speaks, and the text the cue covers.
 *
 * Why rules over the words around the cue and no parser: the speaker phrase
 * has a small, regular grammar in news (title, name, role, باسم/في plus an
 * organisation, لـ plus an outlet, each optional, any order, commas between)
 * and its pieces are recognisable by their first word, which the data file
 * lists (data/dict/hadath.reporting.ar.txt). Where two names meet without a
 * comma ("باسم قوات سوريا الديموقراطية طلال سلو") the boundary comes from
 * the article: a word without ال after a word with ال starts a new name,
 * while words without ال in a row (قوات سوريا) are one construct phrase. The
 * actor dictionary, when given, knows where an organisation's name ends.
 *
 * What counts as a report. A verb counts only when what is reported follows
 * it within a few words: a complementizer (أن/إن), a colon or a quotation
 * ("وكان تنظيم الدولة أعلن ... الرقة عاصمة" reports nothing). A verb after
 * what it reports ("...»، قال المسؤول") covers the words before it. A
 * framing (بحسب X) must name a source that looks like one (a role, an
 * organisation word, an outlet, a title, an actor), so "حسب أوامر" and
 * "وفقا لقانون العقوبات" are not attributions.
 *
 * Who speaks when no one is named. A verb with no subject after it looks
 * for one before it (وكانت قوات التحالف أشارت); with none there either it
 * continues the previous attribution (وأضاف "..."). A bare name that
 * matches the last word of an earlier speaker (وأكد سلو، الكولونيل ديلون) is
 * that speaker, and the record copies the earlier spans: every record
 * carries the full speaker, so a consumer never has to chase references.
 *
 * Scope. Each record keeps the quotation its cue introduces (the first one
 * after the cue in its sentence, whose continuation sentences keep the
 * speaker) and a byte span: for a verb, from what it reports to the next
 * verb of the sentence (a participle such as مشيرا goes on in the same
 * span); for a framing, its sentence. hd_attribution_at() gives a byte the
 * attribution of its quotation, else the narrowest span that holds it.
 *
 * Memory: records are carved from the doc's arena (a doubling array, the
 * old copies left in the arena); the phrase list is read-only.
 */
#include "code/attribution.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "code/code.h"
#include "text/number.h"
#include "text/text.h"
#include "text/utf8.h"
#include "text/words.h"

/* =========================================================== phrase lists */

#define ALEF "\xd8\xa7"
#define ARTICLE "\xd8\xa7\xd9\x84" /* ال */
#define NO_NEXT UINT32_MAX

/* hd_word_hash (text.h): constant time, the hash every word table uses. */
static uint32_t hash_word(const char *s, size_t n)
{
    return (uint32_t)hd_word_hash(s, n);
}

static void set_line_error(hd_phrases *p, long line, const char *why)
{
    p->n_skipped++;
    if (!p->first_error[0])
        snprintf(p->first_error, sizeof p->first_error, "line %ld: %s",
                 line, why);
}

static uint32_t pool_add(hd_phrases *p, const char *s, size_t n)
{
    HD_VEC_RESERVE(p->pool, p->pool_cap, p->pool_len + n + 1);
    uint32_t off = (uint32_t)p->pool_len;
    memcpy(p->pool + off, s, n);
    p->pool[off + n] = '\0';
    p->pool_len += n + 1;
    return off;
}

/* The tag between [ and ] at the end of line, as an index, or -1. Cuts the
 * line before the '['. */
static int cut_tag(char *line, const char *const *tags, size_t n_tags)
{
    char *open = strrchr(line, '['), *close = strrchr(line, ']');
    if (!open || !close || close < open)
        return -1;
    *close = '\0';
    *open = '\0';
    for (size_t t = 0; t < n_tags; t++)
        if (strcmp(open + 1, tags[t]) == 0)
            return (int)t;
    return -2;
}

/* Adds the normalized words of `words` (blank or '_' separated) to the pool
 * as one NUL-separated run. Returns the number of words. */
static size_t add_words(hd_phrases *p, char *words, uint32_t *first)
{
    size_t n = 0;
    for (char *c = words; *c; c++)
        if (*c == '_' || *c == '\t')
            *c = ' ';
    char *save = NULL; /* strtok_r: strtok keeps hidden global state */
    for (char *w = strtok_r(words, " \r\n", &save); w;
         w = strtok_r(NULL, " \r\n", &save)) {
        char key[HD_TOKEN_MAX * 4];
        size_t kn = hd_text_normalize(w, strlen(w), HD_NORM_DEFAULT, key,
                                      sizeof key);
        if (kn == 0 || kn >= sizeof key)
            continue;
        uint32_t off = pool_add(p, key, kn);
        if (n == 0)
            *first = off;
        n++;
    }
    return n;
}

static void parse_line(hd_phrases *p, char *line, long lineno,
                       const char *const *tags, size_t n_tags)
{
    char *hash = strchr(line, '#');
    if (hash)
        *hash = '\0';
    if (strspn(line, " \t\r\n") == strlen(line))
        return;
    int tag = cut_tag(line, tags, n_tags);
    if (tag < 0) {
        set_line_error(p, lineno, tag == -1 ? "no [TAG]" : "unknown tag");
        return;
    }
    uint32_t first = 0;
    size_t n = add_words(p, line, &first);
    if (n == 0 || n > UINT16_MAX) {
        set_line_error(p, lineno, "no words");
        return;
    }
    HD_VEC_RESERVE(p->items, p->cap, p->n + 1);
    hd_phrase *e = &p->items[p->n++];
    e->words = first;
    e->n_words = (uint16_t)n;
    e->tag = (uint16_t)tag;
    e->line = (uint32_t)lineno;
    e->next = NO_NEXT;
}

static void build_hash(hd_phrases *p)
{
    p->n_slots = 16;
    while (p->n_slots < p->n * 2)
        p->n_slots *= 2;
    p->slots = hd_xmalloc(p->n_slots * sizeof *p->slots);
    memset(p->slots, 0, p->n_slots * sizeof *p->slots);
    /* Back to front, so each chain lists its entries in file order. */
    for (size_t k = p->n; k-- > 0;) {
        const char *w = p->pool + p->items[k].words;
        p->items[k].first_len = (uint32_t)strlen(w);
        size_t h = hash_word(w, p->items[k].first_len) & (p->n_slots - 1);
        p->items[k].next = p->slots[h] ? p->slots[h] - 1 : NO_NEXT;
        p->slots[h] = (uint32_t)k + 1;
    }
}

int hd_phrases_load(hd_phrases *p, const char *path, const char *const *tags,
                    size_t n_tags, int tanwin, hd_error *err)
{
    memset(p, 0, sizeof *p);
    snprintf(p->path, sizeof p->path, "%s", path);
    p->tanwin = tanwin;
    FILE *f = fopen(path, "rb");
    if (!f) {
        hd_error_set(err, path, 0, -1, "cannot open phrase list");
        return -1;
    }
    char line[2048];
    long lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t len = strlen(line);
        if (len == sizeof line - 1 && line[len - 1] != '\n') {
            int c;
            while ((c = fgetc(f)) != EOF && c != '\n') {}
            set_line_error(p, lineno, "line too long");
            continue;
        }
        parse_line(p, line, lineno, tags, n_tags);
    }
    int bad = ferror(f), why = errno; /* EISDIR: a directory */
    fclose(f);
    if (bad) {
        hd_error_set(err, path, lineno, -1, "read error: %s", strerror(why));
        hd_phrases_free(p);
        return -1;
    }
    p->n_lines = (size_t)lineno;
    build_hash(p);
    return 0;
}

void hd_phrases_free(hd_phrases *p)
{
    if (!p)
        return;
    if (p->mapped) {
        memset(p, 0, sizeof *p);
        return;
    }
    free(p->pool);
    free(p->items);
    free(p->slots);
    memset(p, 0, sizeof *p);
}

static int same(const char *a, size_t an, const char *b, size_t bn)
{
    return an == bn && hd_same_bytes(a, b, an);
}

#define FEH "\xd9\x81"

#define LAM "\xd9\x84"

/* A key the clitic stripper left whole that begins with ف or ل: it keeps
 * them when little would be left (لبي of لبي بي سي) or when too many words
 * begin with the letter (فقتل، فقال), but before a word of a list they are
 * the conjunction and the preposition. */
static int fa_word(const hd_token *t)
{
    return t->prefixes == 0 &&
           ((t->key_len >= 8 && memcmp(t->key, FEH, 2) == 0) ||
            (t->key_len >= 6 && memcmp(t->key, LAM, 2) == 0));
}

/* Does token t stand for the list word w? Its key, its stem, its key less
 * a conjunction ف, its stem after a swallowed article (للامم for الامم), or
 * (tanwin lists) its stem less a final alef. */
static int word_matches(const hd_phrases *p, const hd_token *t, const char *w,
                        size_t wn)
{
    const char *stem = t->key + t->stem_off;
    if (same(t->key, t->key_len, w, wn) || same(stem, t->stem_len, w, wn))
        return 1;
    if (fa_word(t) && same(t->key + 2, t->key_len - 2, w, wn))
        return 1;
    if ((t->prefixes & HD_PFX_AL) && wn > 4 && memcmp(w, ARTICLE, 4) == 0 &&
        same(stem, t->stem_len, w + 4, wn - 4))
        return 1;
    return p->tanwin && t->stem_len > 4 &&
           memcmp(stem + t->stem_len - 2, ALEF, 2) == 0 &&
           same(stem, t->stem_len - 2, w, wn);
}

static int is_wordish(const hd_token *t)
{
    return t->kind == HD_TOK_WORD || t->kind == HD_TOK_LATIN;
}

/* Do the words of entry e after its first match tokens i+1 ...? */
static int rest_matches(const hd_phrases *p, const hd_phrase *e,
                        const hd_doc *doc, size_t i, size_t end)
{
    if (i + e->n_words > end)
        return 0;
    if (e->n_words < 2)
        return 1;
    const char *w = p->pool + e->words + e->first_len + 1;
    for (size_t k = 1; k < e->n_words; k++) {
        size_t wn = strlen(w);
        const hd_token *t = &doc->tokens[i + k];
        if (!is_wordish(t) || !word_matches(p, t, w, wn))
            return 0;
        w += wn + 1;
    }
    return 1;
}

typedef struct cand {
    const char *s;
    size_t n;
    int exact;
} cand;

/* The strings under which token t may be the first word of an entry. */
static size_t candidates(const hd_phrases *p, const hd_token *t, char *buf,
                         size_t cap, cand out[5])
{
    const char *stem = t->key + t->stem_off;
    size_t n = 0;
    out[n++] = (cand){t->key, t->key_len, 1};
    if (t->stem_len != t->key_len)
        out[n++] = (cand){stem, t->stem_len, 0};
    else if (fa_word(t))
        out[n++] = (cand){t->key + 2, t->key_len - 2, 0};
    if ((t->prefixes & HD_PFX_AL) && t->stem_len + 4 <= cap) {
        memcpy(buf, ARTICLE, 4);
        memcpy(buf + 4, stem, t->stem_len);
        out[n++] = (cand){buf, t->stem_len + 4, 0};
    }
    if (p->tanwin && t->stem_len > 4 &&
        memcmp(stem + t->stem_len - 2, ALEF, 2) == 0)
        out[n++] = (cand){stem, t->stem_len - 2, 0};
    return n;
}

size_t hd_phrases_match(const hd_phrases *p, const hd_doc *doc, size_t i,
                        size_t end, int want, int *tag)
{
    return hd_phrases_match_ex(p, doc, i, end, want, tag, NULL);
}

/* The bit of a tag in hd_phrases_word_tags' mask (all bits for a tag past
 * 31, which the mask cannot tell apart). */
static uint32_t tag_bit(unsigned tag)
{
    return tag < 32 ? 1u << tag : UINT32_MAX;
}

uint32_t hd_phrases_word_tags(const hd_phrases *p, const hd_token *t)
{
    if (!p || !p->n_slots || !is_wordish(t))
        return 0;
    char buf[HD_TOKEN_MAX * 4 + 8];
    cand c[5];
    size_t nc = candidates(p, t, buf, sizeof buf, c);
    uint32_t tags = 0;
    for (size_t k = 0; k < nc; k++) {
        size_t h = hash_word(c[k].s, c[k].n) & (p->n_slots - 1);
        for (uint32_t e = p->slots[h] ? p->slots[h] - 1 : NO_NEXT;
             e != NO_NEXT; e = p->items[e].next) {
            const hd_phrase *ph = &p->items[e];
            if (ph->first_len == c[k].n &&
                memcmp(p->pool + ph->words, c[k].s, c[k].n) == 0)
                tags |= tag_bit(ph->tag);
        }
    }
    return tags;
}

/* Can no entry (of tag want, or any when want < 0) begin at token i? The
 * word memo knows for the lexicon's two lists. */
static int surely_none(const hd_phrases *p, const hd_doc *doc, size_t i,
                       int want)
{
    const hd_word_view *v = hd_word_view_of(doc);
    if (!v || !v->w[i])
        return 0;
    uint32_t tags = p == v->reporting ? v->w[i]->rep_tags
                    : p == v->counted ? v->w[i]->cnt_tags : UINT32_MAX;
    return want >= 0 ? !(tags & tag_bit((unsigned)want)) : !tags;
}

/* hd_phrases_match_ex for a word with more first-word matches than the
 * room on the stack: straight from the hash. */
static size_t match_slow(const hd_phrases *p, const hd_doc *doc, size_t i,
                         size_t end, int want, int *tag, int *tanwin)
{
    if (!p || !p->n_slots || i >= end || i >= doc->n_tokens)
        return 0;
    const hd_token *t = &doc->tokens[i];
    if (!is_wordish(t) || surely_none(p, doc, i, want))
        return 0;
    char buf[HD_TOKEN_MAX * 4 + 8];
    cand c[5];
    size_t nc = candidates(p, t, buf, sizeof buf, c);
    long best = -1;
    size_t best_score = 0, best_cand = 0;
    for (size_t k = 0; k < nc; k++) {
        size_t h = hash_word(c[k].s, c[k].n) & (p->n_slots - 1);
        for (uint32_t e = p->slots[h] ? p->slots[h] - 1 : NO_NEXT;
             e != NO_NEXT; e = p->items[e].next) {
            const hd_phrase *ph = &p->items[e];
            if ((want >= 0 && ph->tag != want) || ph->first_len != c[k].n ||
                memcmp(p->pool + ph->words, c[k].s, c[k].n) != 0 ||
                !rest_matches(p, ph, doc, i, end))
                continue;
            size_t score = (size_t)ph->n_words * 2 + (size_t)c[k].exact;
            if (best < 0 || score > best_score ||
                (score == best_score && e < (uint32_t)best)) {
                best = (long)e;
                best_score = score;
                best_cand = k;
            }
        }
    }
    if (best < 0)
        return 0;
    if (tag)
        *tag = p->items[best].tag;
    if (tanwin) /* the last candidate is the stem less its alef */
        *tanwin = p->tanwin && best_cand == nc - 1 &&
                  c[best_cand].n + 2 == t->stem_len &&
                  c[best_cand].s == t->key + t->stem_off;
    return p->items[best].n_words;
}

size_t hd_phrases_word_matches(const hd_phrases *p, const hd_token *t,
                               uint32_t *out, size_t cap)
{
    if (!p || !p->n_slots || !is_wordish(t))
        return 0;
    char buf[HD_TOKEN_MAX * 4 + 8];
    cand c[5];
    size_t nc = candidates(p, t, buf, sizeof buf, c), n = 0;
    for (size_t k = 0; k < nc; k++) {
        size_t h = hash_word(c[k].s, c[k].n) & (p->n_slots - 1);
        /* the last candidate may be the stem less its alef (tanwin) */
        uint32_t tw = p->tanwin && k == nc - 1 && c[k].n + 2 == t->stem_len &&
                      c[k].s == t->key + t->stem_off;
        for (uint32_t e = p->slots[h] ? p->slots[h] - 1 : NO_NEXT;
             e != NO_NEXT; e = p->items[e].next) {
            const hd_phrase *ph = &p->items[e];
            if (ph->first_len != c[k].n ||
                memcmp(p->pool + ph->words, c[k].s, c[k].n) != 0)
                continue;
            if (n < cap)
                out[n] = e << 2 | tw << 1 | (uint32_t)c[k].exact;
            n++;
        }
    }
    return n;
}

/* The word memo's first-word matches of token i in p: 1 with *m and *n
 * set, or 0 when the memo has none to give. */
static int memo_matches(const hd_phrases *p, const hd_doc *doc, size_t i,
                        const uint32_t **m, size_t *n)
{
    const hd_word_view *v = hd_word_view_of(doc);
    if (!v || !v->w[i] || (p != v->reporting && p != v->counted))
        return 0;
    const hd_word_info *w = v->w[i];
    int rep = p == v->reporting;
    *n = rep ? w->rep_n : w->cnt_n;
    if (*n == HD_WORD_MANY)
        return 0;
    *m = *n ? v->phrase_pool + (rep ? w->rep_at : w->cnt_at) : NULL;
    return 1;
}

size_t hd_phrases_match_ex(const hd_phrases *p, const hd_doc *doc, size_t i,
                           size_t end, int want, int *tag, int *tanwin)
{
    if (!p || !p->n_slots || i >= end || i >= doc->n_tokens)
        return 0;
    const hd_token *t = &doc->tokens[i];
    if (!is_wordish(t) || surely_none(p, doc, i, want))
        return 0;
    uint32_t own[256];
    size_t n = 0;
    const uint32_t *m = NULL;
    if (!memo_matches(p, doc, i, &m, &n)) {
        n = hd_phrases_word_matches(p, t, own, sizeof own / sizeof *own);
        if (n > sizeof own / sizeof *own)
            return match_slow(p, doc, i, end, want, tag, tanwin);
        m = own;
    }
    /* the next word's sig turns away most longer entries at once */
    const hd_word_view *v = hd_word_view_of(doc);
    const uint8_t *second = NULL;
    const hd_word_info *next = NULL;
    if (v && i + 1 < end && (p == v->reporting || p == v->counted)) {
        second = p == v->reporting ? v->rep_second : v->cnt_second;
        next = v->w[i + 1];
    }
    long best = -1;
    size_t best_score = 0;
    uint32_t best_m = 0;
    for (size_t k = 0; k < n; k++) {
        uint32_t e = m[k] >> 2;
        const hd_phrase *ph = &p->items[e];
        if ((want >= 0 && ph->tag != want) ||
            (second && !hd_word_may_be(next, second[e])) ||
            !rest_matches(p, ph, doc, i, end))
            continue;
        size_t score = (size_t)ph->n_words * 2 + (m[k] & 1);
        if (best < 0 || score > best_score ||
            (score == best_score && e < (uint32_t)best)) {
            best = (long)e;
            best_score = score;
            best_m = m[k];
        }
    }
    if (best < 0)
        return 0;
    if (tag)
        *tag = p->items[best].tag;
    if (tanwin)
        *tanwin = (best_m >> 1) & 1;
    return p->items[best].n_words;
}

/* ============================================================ the lists */

static const char *const REPORT_TAGS[HD_RT_COUNT] = {
    "VERB", "CIRC", "RELAY", "FRAME", "COMP", "ROLE", "ROLE_ORG", "LINK",
    "TITLE", "OUTLET", "ORG", "SOURCE", "SKIP", "MEDIUM", "STOP",
    "OUTLET_HEAD"};

int hd_reporting_load(hd_phrases *p, const char *data_dir, hd_error *err)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", data_dir, HD_REPORTING_FILE);
    return hd_phrases_load(p, path, REPORT_TAGS, HD_RT_COUNT, 0, err);
}

/* ========================================================= token helpers */

typedef struct actx {
    hd_doc *doc;
    const hd_phrases *rp;
    const hd_lexicon *lex;
    int32_t *quote_attr;      /* per quote: the record that introduced it */
    hd_attribution *recs;     /* the records so far (arena) */
    size_t n_recs, cap_recs;
} actx;

static const hd_token *tok(const actx *a, size_t i)
{
    return &a->doc->tokens[i];
}

static int key_is(const actx *a, size_t i, const char *s)
{
    const hd_token *t = tok(a, i);
    return t->key_len == strlen(s) && memcmp(t->key, s, t->key_len) == 0;
}

static int is_punct(const actx *a, size_t i)
{
    return tok(a, i)->kind == HD_TOK_PUNCT;
}

static int is_def(const actx *a, size_t i)
{
    return (tok(a, i)->prefixes & HD_PFX_AL) != 0;
}

static int sentence_final(const actx *a, size_t i)
{
    return key_is(a, i, ".") || key_is(a, i, "!") || key_is(a, i, "?") ||
           key_is(a, i, ";");
}

/* The reporting tag of the longest entry at i (-1: none); *len its size. */
static int tag_at(const actx *a, size_t i, size_t end, size_t *len)
{
    int tag = -1;
    size_t n = hd_phrases_match(a->rp, a->doc, i, end, -1, &tag);
    if (len)
        *len = n;
    return n ? tag : -1;
}

/* A complementizer: أن/إن and their forms, not الآن، لأن، كأن. */
static int is_comp(const actx *a, size_t i, size_t end)
{
    const hd_token *t = tok(a, i);
    if (t->prefixes & (HD_PFX_AL | HD_PFX_LI | HD_PFX_KA))
        return 0;
    return hd_phrases_match(a->rp, a->doc, i, end, HD_RT_COMP, NULL) > 0;
}

/* The quotation that opens at token i, or -1. */
static long quote_opening(const actx *a, size_t i)
{
    const hd_doc *d = a->doc;
    uint32_t at = tok(a, i)->start;
    size_t lo = 0, hi = d->n_quotes;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (d->quotes[mid].start < at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < d->n_quotes && d->quotes[lo].start == at ? (long)lo : -1;
}

/* The first token at or after byte `at` (binary search). */
static size_t token_from(const hd_doc *d, uint32_t at)
{
    size_t lo = 0, hi = d->n_tokens;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (d->tokens[mid].end <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int is_mark(uint32_t cp)
{
    return (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || cp == 0x0640;
}

/* Is w the first word of an entry of the list? */
static int list_first_word(const hd_phrases *p, const char *w, size_t n)
{
    if (!p->n_slots)
        return 0;
    size_t h = hash_word(w, n) & (p->n_slots - 1);
    for (uint32_t e = p->slots[h] ? p->slots[h] - 1 : NO_NEXT; e != NO_NEXT;
         e = p->items[e].next) {
        const char *first = p->pool + p->items[e].words;
        if (same(first, strlen(first), w, n))
            return 1;
    }
    return 0;
}

/* Where token i's surface starts once its clitic prefixes in `mask` (one
 * letter each; never the article) are left off: لوكالة -> وكالة, and لبي
 * -> بي when only بي is a word of the list. A word whose ل swallowed the
 * article's alef (للمصدر) is kept whole. */
static uint32_t start_after_prefixes(const actx *a, size_t i, unsigned mask)
{
    const hd_token *t = tok(a, i);
    unsigned pf = t->prefixes & mask &
                  (HD_PFX_WA | HD_PFX_FA | HD_PFX_BI | HD_PFX_LI | HD_PFX_KA);
    if (!pf && fa_word(t) && (mask & HD_PFX_LI) &&
        !list_first_word(a->rp, t->key, t->key_len) &&
        list_first_word(a->rp, t->key + 2, t->key_len - 2))
        pf = HD_PFX_LI; /* one letter, whichever it is */
    if (!pf || ((t->prefixes & HD_PFX_LI) && (t->prefixes & HD_PFX_AL)))
        return t->start;
    int letters = 0;
    for (unsigned b = pf; b; b &= b - 1)
        letters++;
    const char *s = a->doc->text;
    size_t p = t->start;
    while (p < t->end && letters > 0) {
        uint32_t cp;
        p += hd_utf8_decode(s, t->end, p, &cp);
        if (!is_mark(cp))
            letters--;
    }
    while (p < t->end) {
        uint32_t cp;
        size_t n = hd_utf8_decode(s, t->end, p, &cp);
        if (!is_mark(cp))
            break;
        p += n;
    }
    return p < t->end ? (uint32_t)p : t->start;
}

#define STRIP_ALL (HD_PFX_WA | HD_PFX_FA | HD_PFX_BI | HD_PFX_LI | HD_PFX_KA)
#define STRIP_CONJ (HD_PFX_WA | HD_PFX_FA)

static hd_span span_of(const actx *a, size_t first, size_t end,
                       unsigned strip)
{
    hd_span s = {0, 0};
    if (end <= first)
        return s;
    s.start = start_after_prefixes(a, first, strip);
    s.end = tok(a, end - 1)->end;
    return s;
}

static int empty(hd_span s)
{
    return s.end <= s.start;
}

/* The key of the last word of span s (a speaker). */
static const hd_token *last_word(const hd_doc *d, hd_span s)
{
    size_t t = token_from(d, s.end - 1);
    return t < d->n_tokens ? &d->tokens[t] : NULL;
}

/* ===================================================== the speaker phrase */

/* What a region of words says about the source. strong: something beyond a
 * guessed name (a role, a title, an outlet, an organisation word, an actor
 * of the dictionary). */
typedef struct parts {
    hd_span speaker, role, org, outlet;
    size_t speaker_last;      /* token of the speaker's last word */
    int strong;
    int junk;                 /* words that fit no part: numbers, قبل ... */
} parts;

static int parts_empty(const parts *p)
{
    return empty(p->speaker) && empty(p->role) && empty(p->org) &&
           empty(p->outlet);
}

/* Tags that end a name, an organisation or a role. */
static int ends_phrase(int tag)
{
    return tag == HD_RT_COMP || tag == HD_RT_OUTLET ||
           tag == HD_RT_OUTLET_HEAD || tag == HD_RT_TITLE ||
           tag == HD_RT_SKIP || tag == HD_RT_MEDIUM || tag == HD_RT_STOP ||
           tag == HD_RT_VERB || tag == HD_RT_CIRC || tag == HD_RT_RELAY ||
           tag == HD_RT_FRAME || tag == HD_RT_SOURCE;
}

static int is_role_tag(int tag)
{
    return tag == HD_RT_ROLE || tag == HD_RT_ROLE_ORG;
}

/* The length of the actor of the dictionary that starts at i, or 0. */
static size_t actor_at(const actx *a, size_t i, size_t b)
{
    if (!a->lex || !a->lex->lex)
        return 0;
    hd_lex_actor act;
    return hd_lex_match_actor(a->lex->lex, a->doc, i, b, a->doc->date, &act);
}

/* علي inside a name: على and علي share a key once ى is folded, but the
 * name is written with ي. */
static int name_ali(const actx *a, size_t j)
{
    const hd_token *t = tok(a, j);
    const unsigned char *e = (const unsigned char *)a->doc->text + t->end;
    return key_is(a, j, "\xd8\xb9\xd9\x84\xd9\x8a") && t->end - t->start == 6 &&
           e[-2] == 0xD9 && e[-1] == 0x8A;
}

/* A personal name from i: up to five words, none of them a listed word,
 * none after the first with ل (لوكالة). The first may not carry the
 * article unless a title precedes it. Returns the end token. */
static size_t parse_name(const actx *a, size_t i, size_t b, int after_title)
{
    size_t j = i;
    while (j < b && j - i < 5) {
        const hd_token *t = tok(a, j);
        if (t->kind != HD_TOK_WORD)
            break;
        int tag = tag_at(a, j, b, NULL);
        if ((ends_phrase(tag) || is_role_tag(tag) || tag == HD_RT_LINK ||
             tag == HD_RT_ORG) && !(j > i && name_ali(a, j)))
            break;
        if (j == i && (t->prefixes & HD_PFX_LI))
            break;
        if (j == i && !after_title && is_def(a, j))
            break;
        if (j > i && (t->prefixes & HD_PFX_LI))
            break;
        j++;
    }
    return j;
}

/* An organisation's name from i (the head word, whatever it is): the
 * actor of the dictionary if one starts here, then words with the article
 * (adjectives, genitives), words without it in a construct chain (قوات
 * سوريا), في plus a place. A word without the article after one with it,
 * or after the place of في, starts a name: it ends the organisation. */
static size_t parse_org(const actx *a, size_t i, size_t b)
{
    size_t j = i + 1, lexed = actor_at(a, i, b);
    if (lexed > 1)
        j = i + lexed;
    int after_place = lexed > 1; /* then only adjectives with ال follow */
    while (j < b && j - i < 8) {
        const hd_token *t = tok(a, j);
        if (t->kind != HD_TOK_WORD)
            break;
        size_t len = 0;
        int tag = tag_at(a, j, b, &len);
        if (ends_phrase(tag) || is_role_tag(tag))
            break;
        if (tag == HD_RT_LINK) {
            if (!key_is(a, j, "\xd9\x81\xd9\x8a") || j + 1 >= b ||
                tok(a, j + 1)->kind != HD_TOK_WORD)
                break; /* باسم، لدى; في only before a word */
            j += 2;
            after_place = 1;
            continue;
        }
        int prev_def = is_def(a, j - 1);
        if (hd_text_clitic_hints(a->doc->text + t->start, t->end - t->start) &
            HD_HINT_FINAL_TANWIN)
            break;
        if (is_def(a, j) || ((t->prefixes & HD_PFX_LI) && prev_def) ||
            (!prev_def && !after_place)) {
            j++;
            after_place = 0;
            continue;
        }
        break;
    }
    return j;
}

/* Does what follows في look like an organisation (مجلس الرقة، الشرطة
 * المحلية, an actor of the dictionary) rather than a place (شمال غربي
 * باكستان، قم)? */
static int org_like(const actx *a, size_t i, size_t b)
{
    return is_def(a, i) || tag_at(a, i, b, NULL) == HD_RT_ORG ||
           actor_at(a, i, b) > 1;
}

/* A role from i (its head matched ROLE or ROLE_ORG, n tokens): the head,
 * a construct chain or adjectives, then باسم/في/لدى plus an organisation
 * (which is also the record's organisation for ROLE_ORG heads and باسم). */
static size_t parse_role(const actx *a, size_t i, size_t n, int tag,
                         size_t b, parts *out)
{
    size_t j = i + n, len = 0;
    int t2 = j < b ? tag_at(a, j, b, &len) : -1;
    if (is_role_tag(t2) && !is_def(a, i)) { /* أحد المسؤولين */
        tag = t2;
        j += len;
    }
    while (j < b && j - i < 10) {
        if (tok(a, j)->kind != HD_TOK_WORD)
            break;
        t2 = tag_at(a, j, b, &len);
        if (t2 == HD_RT_LINK) {
            int by_name = !key_is(a, j, "\xd9\x81\xd9\x8a") &&
                          !key_is(a, j, "\xd9\x84\xd8\xaf\xd9\x8a");
            if (j + 1 >= b || tok(a, j + 1)->kind != HD_TOK_WORD)
                break;
            size_t oe = parse_org(a, j + 1, b);
            if ((by_name || (tag == HD_RT_ROLE_ORG && org_like(a, j + 1, b))) &&
                empty(out->org))
                out->org = span_of(a, j + 1, oe, STRIP_ALL);
            j = oe;
            break;
        }
        if (ends_phrase(t2))
            break;
        int prev_def = is_def(a, j - 1);
        if (is_def(a, j) || !prev_def) {
            j++;
            continue;
        }
        break; /* a word without ال after one with it: a name */
    }
    return j;
}

/* A news outlet from i (its first words matched OUTLET, n tokens, or i is
 * a bare لـ before a quotation, n = 1, bare set): the rest of its name, or
 * the quoted name right after the head (لـ«الشرق الأوسط»، صحيفة «ليبرتي»). */
static size_t parse_outlet(const actx *a, size_t i, size_t n, int bare,
                           int head, size_t b, hd_span *out)
{
    size_t j = i + n;
    long q = j < b && (bare || head) ? quote_opening(a, j) : -1;
    if (q >= 0) {
        size_t close = token_from(a->doc, a->doc->quotes[q].end - 1);
        if (close < b && close - j <= 8) {
            size_t first = bare ? j + 1 : i, last = bare ? close : close + 1;
            size_t e = close + 1;
            while (!bare && e < b && is_def(a, e) && tok(a, e)->prefixes ==
                   HD_PFX_AL && tag_at(a, e, b, NULL) < 0)
                last = ++e; /* صحيفة «صنداي تايمز» البريطانية */
            *out = span_of(a, first, last, STRIP_ALL);
            return e;
        }
    }
    while (j < b && j - i < n + 5) {
        const hd_token *t = tok(a, j);
        if (!is_wordish(t) || (t->prefixes & HD_PFX_LI))
            break;
        int tag = tag_at(a, j, b, NULL);
        if (ends_phrase(tag) || is_role_tag(tag) || tag == HD_RT_LINK)
            break;
        j++;
    }
    *out = span_of(a, i, j, STRIP_ALL);
    return j;
}

/* After "في بيان" and the like: skip to the next outlet, to عن (في عددها
 * أمس عن مصدر) or to b. */
static size_t skip_medium(const actx *a, size_t j, size_t b)
{
    while (j < b) {
        int tag = tag_at(a, j, b, NULL);
        if (tag == HD_RT_OUTLET || tag == HD_RT_OUTLET_HEAD ||
            key_is(a, j, "\xd8\xb9\xd9\x86") ||
            (key_is(a, j, "\xd9\x84") && j + 1 < b &&
             quote_opening(a, j + 1) >= 0))
            return j;
        j++;
    }
    return b;
}

static void take(hd_span *slot, hd_span s)
{
    if (empty(*slot))
        *slot = s;
}

/* One element of the speaker phrase at j (tag from the list, n tokens). */
static size_t parse_element(const actx *a, size_t j, size_t b, int tag,
                            size_t n, parts *out)
{
    hd_span s;
    size_t e;
    switch (tag) {
    case HD_RT_OUTLET:
    case HD_RT_OUTLET_HEAD:
        e = parse_outlet(a, j, n, 0, tag == HD_RT_OUTLET_HEAD, b, &s);
        take(&out->outlet, s);
        out->strong = 1;
        return e;
    case HD_RT_MEDIUM:
        return skip_medium(a, j + n, b);
    case HD_RT_TITLE:
        e = parse_name(a, j + n, b, 1);
        if (e > j + n && empty(out->speaker)) {
            out->speaker = span_of(a, j + n, e, STRIP_CONJ);
            out->speaker_last = e - 1;
            out->strong = 1;
        }
        return e > j + n ? e : j + n;
    case HD_RT_ROLE:
    case HD_RT_ROLE_ORG:
        e = parse_role(a, j, n, tag, b, out);
        take(&out->role, span_of(a, j, e, STRIP_ALL));
        out->strong = 1;
        return e;
    case HD_RT_SOURCE:
        e = parse_org(a, j, b);
        take(&out->role, span_of(a, j, e, STRIP_ALL));
        out->strong = 1;
        return e;
    case HD_RT_ORG:
        e = parse_org(a, j, b);
        take(&out->org, span_of(a, j, e, STRIP_ALL));
        out->strong = 1;
        return e;
    }
    return j + (n ? n : 1); /* SKIP, STOP, LINK, COMP, cues */
}

/* A family name alone (وأضاف الشمري): one word with the article and the
 * nisba ending ي that is the last name of an earlier speaker. (Alone and
 * unseen, النادي and الشمري look the same: it is read as an organisation.) */
static int surname(const actx *a, size_t j)
{
    const hd_token *t = tok(a, j);
    if (t->prefixes != HD_PFX_AL || t->key_len < 10 ||
        memcmp(t->key + t->key_len - 2, "\xd9\x8a", 2) != 0)
        return 0;
    for (size_t r = 0; r < a->n_recs; r++) {
        const hd_token *last = last_word(a->doc, a->recs[r].speaker);
        if (!empty(a->recs[r].speaker) && last &&
            same(last->key, last->key_len, t->key, t->key_len))
            return 1;
    }
    return 0;
}

/* A word with no tag: an actor of the dictionary, an organisation (with
 * the article), or a personal name (without). */
static size_t parse_untagged(const actx *a, size_t j, size_t b, parts *out)
{
    size_t lexed = actor_at(a, j, b);
    if (lexed > 0 && (lexed == 1 || is_def(a, j))) {
        size_t e = parse_org(a, j, b);
        take(&out->org, span_of(a, j, e, STRIP_ALL));
        out->strong = 1;
        return e;
    }
    if (is_def(a, j) && lexed == 0) {
        size_t e = parse_org(a, j, b);
        if (e == j + 1 && surname(a, j)) {
            take(&out->speaker, span_of(a, j, e, STRIP_CONJ));
            out->speaker_last = j;
            return e;
        }
        if (!empty(out->org))
            out->junk++;
        take(&out->org, span_of(a, j, e, STRIP_ALL));
        return e;
    }
    size_t e = parse_name(a, j, b, 0);
    if (e == j) {
        out->junk++;
        return j + 1;
    }
    if (!empty(out->speaker))
        out->junk++;
    if (lexed > e - j)
        e = j + lexed;
    if (empty(out->speaker)) {
        out->speaker = span_of(a, j, e, STRIP_CONJ);
        out->speaker_last = e - 1;
        if (lexed)
            out->strong = 1;
    }
    return e;
}

static int stem_is(const actx *a, size_t i, const char *s)
{
    const hd_token *t = tok(a, i);
    return same(t->key + t->stem_off, t->stem_len, s, strlen(s));
}

/* After a preposition: its object, up to punctuation, a complementizer or
 * a word that starts a part of the speaker phrase. */
static size_t skip_object(const actx *a, size_t j, size_t b)
{
    for (; j < b && !is_punct(a, j); j++) {
        int tag = tag_at(a, j, b, NULL);
        if (tag == HD_RT_COMP || tag == HD_RT_OUTLET ||
            tag == HD_RT_OUTLET_HEAD || tag == HD_RT_TITLE ||
            is_role_tag(tag) || tag == HD_RT_ORG || tag == HD_RT_SOURCE ||
            tag == HD_RT_MEDIUM)
            break;
    }
    return j;
}

/* Words of the speaker phrase that need no list: numbers (junk), marks,
 * لـ before a quoted outlet. Returns the next token, or j when none. */
static size_t parse_plain(const actx *a, size_t j, size_t b, parts *out)
{
    hd_number num;
    size_t nn = hd_number_at(a->doc, j, b, &num);
    if (nn) {
        out->junk++;
        return j + nn;
    }
    if (is_punct(a, j))
        return j + 1;
    if (key_is(a, j, "\xd9\x84") && j + 1 < b &&
        quote_opening(a, j + 1) >= 0) {
        hd_span s = {0, 0};
        size_t e = parse_outlet(a, j, 1, 1, 0, b, &s);
        take(&out->outlet, s);
        out->strong = 1;
        return e;
    }
    return j;
}

/* Reads the words [i, b) as the speaker phrase. عن hands what was read so
 * far over to the outlet (نقلت الوكالة عن مصدر). */
static void parse_region(const actx *a, size_t i, size_t b, parts *out)
{
    memset(out, 0, sizeof *out);
    for (size_t j = i; j < b;) {
        size_t next = parse_plain(a, j, b, out);
        if (next != j) {
            j = next;
            continue;
        }
        int relay = stem_is(a, j, "\xd8\xb9\xd9\x86"); /* عن، عنه */
        if (relay && !empty(out->org) && empty(out->outlet) &&
            empty(out->speaker) && empty(out->role)) {
            out->outlet = out->org;
            out->org = (hd_span){0, 0};
        }
        size_t n = 0;
        int tag = tag_at(a, j, b, &n);
        if (tag == HD_RT_VERB || tag == HD_RT_CIRC || tag == HD_RT_RELAY ||
            tag == HD_RT_FRAME)
            break; /* a clause of its own (معقبا على ...) */
        if (tag == HD_RT_STOP && !relay) {
            out->junk++; /* أمام الصحافيين، من مقرها في الكويت */
            j = skip_object(a, j + n, b);
        } else if (tag >= 0) {
            j = parse_element(a, j, b, tag, n, out);
        } else if (tok(a, j)->kind == HD_TOK_WORD) {
            j = parse_untagged(a, j, b, out);
        } else {
            j++;
        }
    }
}

/* ============================================================= the cues */

typedef struct cue {
    size_t tok, region;       /* the cue's first token; the first after it */
    int tag;                  /* HD_RT_VERB, CIRC, RELAY or FRAME */
} cue;

#define MAX_CUES 64

/* The quotation that holds byte at, or -1 (quotations do not overlap). */
static long quote_holding(const hd_doc *d, uint32_t at)
{
    size_t lo = 0, hi = d->n_quotes;
    while (lo < hi) { /* the first quote starting after at */
        size_t mid = (lo + hi) / 2;
        if (d->quotes[mid].start <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 && d->quotes[lo - 1].end > at ? (long)lo - 1 : -1;
}

/* The cues of tokens [first, end). A framing takes a following ما and
 * verb with it (بحسب ما ذكرت). */
static size_t find_cues(const actx *a, size_t first, size_t end, cue *out)
{
    size_t n_out = 0;
    /* the word memo knows the words no entry begins with: most */
    const hd_word_view *v = hd_word_view_of(a->doc);
    if (v && v->reporting != a->rp)
        v = NULL;
    const uint8_t *skip = hd_tok_skips_of(a->doc, v);
    for (size_t j = first; j < end && n_out < MAX_CUES;) {
        if (skip && (skip[j] & HD_SKIP_REP)) {
            j++;
            continue;
        }
        size_t len = 0;
        int tag = tag_at(a, j, end, &len);
        if (tag != HD_RT_VERB && tag != HD_RT_CIRC && tag != HD_RT_RELAY &&
            tag != HD_RT_FRAME) {
            j += len ? len : 1;
            continue;
        }
        if (tag != HD_RT_FRAME &&
            (tok(a, j)->prefixes &
             (HD_PFX_LI | HD_PFX_BI | HD_PFX_KA | HD_PFX_AL))) {
            j += len;
            continue; /* وجاءت النتيجة لتؤكد أن */
        }
        cue c = {j, j + len, tag};
        if (tag == HD_RT_FRAME) {
            size_t k = c.region, vlen = 0;
            if (k < end && key_is(a, k, "\xd9\x85\xd8\xa7"))
                k++;
            int vt = k < end ? tag_at(a, k, end, &vlen) : -1;
            if (vt == HD_RT_VERB || vt == HD_RT_RELAY)
                c.region = k + vlen;
        }
        out[n_out++] = c;
        j = c.region;
    }
    return n_out;
}

/* The token where cue k's clause ends: the next verb that is not inside a
 * quotation, or the sentence end. */
static size_t clause_end(const actx *a, const cue *cues, size_t n, size_t k,
                         size_t send)
{
    for (size_t m = k + 1; m < n; m++)
        if ((cues[m].tag == HD_RT_VERB || cues[m].tag == HD_RT_RELAY) &&
            quote_holding(a->doc, tok(a, cues[m].tok)->start) < 0)
            return cues[m].tok;
    return send;
}

static uint32_t byte_at(const actx *a, const hd_sentence *s, size_t t)
{
    return t < s->tok_first + s->tok_count ? tok(a, t)->start : s->end;
}

/* Is the quotation opening at j the name of an outlet (لـ«الشرق الأوسط»)? */
static int outlet_quote(const actx *a, size_t j, size_t first)
{
    if (j == first)
        return 0;
    return key_is(a, j - 1, "\xd9\x84") ||
           hd_phrases_match(a->rp, a->doc, j - 1, j, HD_RT_OUTLET_HEAD,
                            NULL) > 0;
}

/* What a verb reports starts within 16 words of it: at a complementizer,
 * a colon or a quotation. Returns that token, or SIZE_MAX. */
static size_t find_complement(const actx *a, size_t r0, size_t lim)
{
    for (size_t j = r0; j < lim && j < r0 + 16; j++) {
        if (sentence_final(a, j))
            break;
        if (key_is(a, j, ":"))
            return j;
        long q = quote_opening(a, j);
        if (q >= 0) {
            if (!outlet_quote(a, j, r0))
                return j;
            j = token_from(a->doc, a->doc->quotes[q].end - 1);
            continue;
        }
        if (is_comp(a, j, lim))
            return j;
    }
    return SIZE_MAX;
}

/* The subject before a verb (وكانت قوات التحالف أشارت): the words since the
 * last punctuation, complementizer or verb, less و, كان, قد and the like.
 * Only a strong phrase counts: a verb's object is not its subject. */
static void subject_before(const actx *a, const hd_sentence *s, size_t c,
                           parts *out)
{
    memset(out, 0, sizeof *out);
    size_t b0 = s->tok_first, len = 0;
    for (size_t j = c; j-- > s->tok_first;) {
        int tag = tag_at(a, j, c, NULL);
        if (is_punct(a, j) || is_comp(a, j, c) || tag == HD_RT_VERB ||
            tag == HD_RT_RELAY) {
            b0 = j + 1;
            break;
        }
    }
    while (b0 < c) {
        int tag = tag_at(a, b0, c, &len);
        if (key_is(a, b0, "\xd9\x88"))
            len = 1;
        else if (tag != HD_RT_SKIP && tag != HD_RT_STOP)
            break;
        b0 += len;
    }
    if (b0 >= c || c - b0 > 7)
        return;
    parse_region(a, b0, c, out);
    if (!out->strong)
        memset(out, 0, sizeof *out);
}


static void copy_source(parts *p, const hd_attribution *r)
{
    p->speaker = r->speaker;
    p->role = r->role;
    p->org = r->organisation;
    if (empty(p->outlet))
        p->outlet = r->outlet;
}

/* Who "وأضاف", "وقال لبي بي سي" or "وأكد سلو" is: the previous record
 * (within four sentences; its own outlet kept), or the latest speaker with
 * the same last name. */
static void resolve(const actx *a, parts *p, uint32_t sentence)
{
    if (empty(p->speaker) && empty(p->role) && empty(p->org)) {
        /* nobody named, maybe an outlet (وقال لبي بي سي) */
        if (a->n_recs &&
            a->recs[a->n_recs - 1].sentence + 4 >= sentence)
            copy_source(p, &a->recs[a->n_recs - 1]);
        return;
    }
    if (empty(p->speaker) || !empty(p->role) || !empty(p->org))
        return;
    const hd_token *mine = tok(a, p->speaker_last);
    for (size_t r = a->n_recs; r-- > 0;) {
        const hd_attribution *rec = &a->recs[r];
        if (empty(rec->speaker))
            continue;
        const hd_token *theirs = last_word(a->doc, rec->speaker);
        if (theirs && same(theirs->key, theirs->key_len, mine->key,
                           mine->key_len)) {
            copy_source(p, rec);
            return;
        }
    }
}

/* ============================================================ the records */

static hd_attribution *new_record(actx *a)
{
    if (a->n_recs == a->cap_recs) {
        size_t cap = a->cap_recs ? a->cap_recs * 2 : 16;
        hd_attribution *grown =
            hd_arena_alloc(a->doc->arena, cap * sizeof *grown);
        if (a->n_recs)
            memcpy(grown, a->recs, a->n_recs * sizeof *grown);
        a->recs = grown;
        a->cap_recs = cap;
    }
    hd_attribution *r = &a->recs[a->n_recs++];
    memset(r, 0, sizeof *r);
    r->quote = -1;
    return r;
}

/* The first unclaimed quotation opening in [from, to). */
static int32_t claim_quote_after(actx *a, uint32_t from, uint32_t to)
{
    const hd_doc *d = a->doc;
    for (size_t q = 0; q < d->n_quotes; q++)
        if (d->quotes[q].start >= from && d->quotes[q].start < to &&
            a->quote_attr[q] < 0)
            return (int32_t)q;
    return -1;
}

/* The last unclaimed quotation ending in [from, to]: what a verb after it
 * reports ("...»، قال المسؤول"). */
static int32_t claim_quote_before(actx *a, uint32_t from, uint32_t to)
{
    const hd_doc *d = a->doc;
    for (size_t q = d->n_quotes; q-- > 0;)
        if (d->quotes[q].end > from && d->quotes[q].end <= to &&
            a->quote_attr[q] < 0)
            return (int32_t)q;
    return -1;
}

static void add_record(actx *a, const parts *p, const cue *c, uint32_t s,
                       hd_span scope, int32_t quote)
{
    hd_attribution *r = new_record(a);
    r->speaker = p->speaker;
    r->role = p->role;
    r->organisation = p->org;
    r->outlet = p->outlet;
    r->cue = span_of(a, c->tok, c->region, 0);
    r->sentence = s;
    r->scope = scope;
    r->quote = quote;
    if (quote >= 0)
        a->quote_attr[quote] = (int32_t)(a->n_recs - 1);
}

/* A verb after what it reports: "...»، قال المسؤول" at the end of its
 * sentence, the speaker phrase and nothing else after it. */
static void verb_after(actx *a, const hd_sentence *s, uint32_t si,
                       const cue *c, size_t send)
{
    size_t end = send;
    while (end > c->region && is_punct(a, end - 1))
        end--;
    if (c->tok == s->tok_first || !is_punct(a, c->tok - 1) ||
        end - c->region > 10 || end <= c->region)
        return;
    parts p;
    parse_region(a, c->region, end, &p);
    if (parts_empty(&p))
        return;
    resolve(a, &p, si);
    uint32_t at = tok(a, c->tok)->start;
    hd_span scope = {s->start, at};
    add_record(a, &p, c, si, scope, claim_quote_before(a, s->start, at));
}

/* A reporting verb (or a participle with no verb before it in its
 * sentence): its speaker after it, else before it, else the previous
 * record's; its scope from what it reports to the end of its clause. */
static void verb_cue(actx *a, const hd_sentence *s, uint32_t si,
                     const cue *cues, size_t n, size_t k)
{
    const cue *c = &cues[k];
    size_t send = s->tok_first + s->tok_count;
    size_t lim = clause_end(a, cues, n, k, send);
    size_t comp = find_complement(a, c->region, lim);
    if (comp == SIZE_MAX) {
        if (c->tag != HD_RT_CIRC && lim == send)
            verb_after(a, s, si, c, send);
        return;
    }
    parts p;
    parse_region(a, c->region, comp, &p);
    if (p.junk && quote_opening(a, comp) >= 0)
        return; /* أعلن قبل ثلاث سنوات، الرقة عاصمة "الخلافة" */
    if (p.junk && !p.strong)
        memset(&p, 0, sizeof p); /* اوضح بما لاشك فيه بأن */
    if (parts_empty(&p))
        subject_before(a, s, c->tok, &p);
    resolve(a, &p, si);
    hd_span scope = {tok(a, comp)->start, byte_at(a, s, lim)};
    add_record(a, &p, c, si, scope,
               claim_quote_after(a, tok(a, comp)->start, scope.end));
}

/* A framing: its source up to the next punctuation, complementizer or
 * quotation; its scope the whole sentence. */
static void frame_cue(actx *a, const hd_sentence *s, uint32_t si,
                      const cue *c)
{
    size_t send = s->tok_first + s->tok_count, b = c->region;
    while (b < send && b < c->region + 10 && !is_punct(a, b) &&
           !is_comp(a, b, send) &&
           !(b > c->region && (tok(a, b)->prefixes & HD_PFX_WA))) {
        int tag = tag_at(a, b, send, NULL);
        if (tag == HD_RT_VERB || tag == HD_RT_RELAY || tag == HD_RT_FRAME ||
            (tag == HD_RT_STOP && !stem_is(a, b, "\xd8\xb9\xd9\x86")))
            break; /* حسب أوامر من السلطات */
        b++;
    }
    if (b < send && key_is(a, b, "\xd9\x84") && b + 1 < send)
        b++; /* لـ«...» belongs to the source */
    while (b < send && quote_opening(a, b) >= 0 && outlet_quote(a, b, 0)) {
        b = token_from(a->doc, a->doc->quotes[quote_opening(a, b)].end - 1);
        b = b < send ? b + 1 : send;
    }
    parts p;
    parse_region(a, c->region, b, &p);
    if (!p.strong)
        return;
    resolve(a, &p, si);
    hd_span scope = {s->start, s->end};
    add_record(a, &p, c, si, scope, -1);
}

/* Is token t inside a quotation that an earlier cue claimed? */
static int in_claimed_quote(const actx *a, size_t t)
{
    long q = quote_holding(a->doc, tok(a, t)->start);
    return q >= 0 && a->quote_attr[q] >= 0;
}

/* The latest record of sentence si made by a verb (not a framing). */
static int has_verb_record(const actx *a, uint32_t si)
{
    for (size_t r = a->n_recs; r-- > 0 && a->recs[r].sentence == si;)
        if (a->recs[r].scope.start > a->doc->sentences[si].start ||
            a->recs[r].scope.end < a->doc->sentences[si].end)
            return 1;
    return 0;
}

static void code_sentence(actx *a, uint32_t si)
{
    const hd_sentence *s = &a->doc->sentences[si];
    cue cues[MAX_CUES];
    size_t n = find_cues(a, s->tok_first, s->tok_first + s->tok_count, cues);
    for (size_t k = 0; k < n; k++) {
        if (in_claimed_quote(a, cues[k].tok))
            continue;
        if (cues[k].tag == HD_RT_FRAME)
            frame_cue(a, s, si, &cues[k]);
        else if (cues[k].tag != HD_RT_CIRC || !has_verb_record(a, si))
            verb_cue(a, s, si, cues, n, k);
    }
}

/* ================================================================= API */

int32_t hd_attribution_at(const hd_doc *doc, uint32_t at)
{
    long q = quote_holding(doc, at);
    for (size_t r = 0; q >= 0 && r < doc->n_attributions; r++)
        if (doc->attributions[r].quote == q)
            return (int32_t)r;
    int32_t best = -1;
    uint32_t best_len = 0;
    for (size_t r = 0; r < doc->n_attributions; r++) {
        hd_span sc = doc->attributions[r].scope;
        if (at < sc.start || at >= sc.end)
            continue;
        if (best < 0 || sc.end - sc.start <= best_len) {
            best = (int32_t)r;
            best_len = sc.end - sc.start;
        }
    }
    return best;
}

/* The first sentence that ends after byte at (by_end), or that begins at
 * or after it (!by_end); sentences are in text order. */
static size_t sentence_after(const hd_doc *d, uint32_t at, int by_end)
{
    size_t lo = 0, hi = d->n_sentences;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const hd_sentence *s = &d->sentences[mid];
        if ((by_end ? s->end : s->start + 1) <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* How many sentences, from the first, can make a record that
 * hd_attribution_at finds from a byte of a needed sentence. A record's
 * scope lies in its own sentence; a record is found from elsewhere only
 * through its quotation, claimed by a verb of the sentence it opens in
 * (claim_quote_after) or of the one it closes in (claim_quote_before:
 * "...»، قال المسؤول"), so by a sentence that begins before the quotation
 * ends. A record reads only earlier ones (resolve: the previous record, an
 * earlier speaker's last name; quote_attr: quotations claimed before): the
 * records of those sentences are the whole document's, and no later one is
 * ever looked at. */
static size_t sentences_needed(const hd_doc *d, const uint8_t *need)
{
    if (!need)
        return d->n_sentences;
    /* before[i]: needed sentences among the first i */
    uint32_t *before = hd_arena_alloc(d->arena,
                                      (d->n_sentences + 1) * sizeof *before);
    size_t n = 0;
    before[0] = 0;
    for (size_t si = 0; si < d->n_sentences; si++) {
        before[si + 1] = before[si] + (need[si] != 0);
        if (need[si])
            n = si + 1;
    }
    for (size_t q = 0; q < d->n_quotes; q++) {
        const hd_quote *qt = &d->quotes[q];
        /* sentences [first, last) overlap it */
        size_t first = sentence_after(d, qt->start, 1);
        size_t last = sentence_after(d, qt->end, 0);
        if (last > first && before[last] > before[first] && last > n)
            n = last;
    }
    return n;
}

int hd_code_attributions(hd_doc *doc, const hd_phrases *reporting,
                         const hd_lexicon *lex_or_null, hd_error *err)
{
    return hd_code_attributions_in(doc, reporting, lex_or_null, NULL, err);
}

int hd_code_attributions_in(hd_doc *doc, const hd_phrases *reporting,
                            const hd_lexicon *lex_or_null,
                            const uint8_t *need, hd_error *err)
{
    if (!doc || !reporting) {
        hd_error_set(err, "", 0, -1,
                     "hd_code_attributions: no document or no phrase list");
        return -1;
    }
    actx a = {doc, reporting, lex_or_null, NULL, NULL, 0, 0};
    a.quote_attr = hd_arena_alloc(doc->arena,
                                  (doc->n_quotes + 1) * sizeof *a.quote_attr);
    for (size_t q = 0; q < doc->n_quotes; q++)
        a.quote_attr[q] = -1;
    size_t n = sentences_needed(doc, need);
    for (size_t si = 0; si < n; si++)
        code_sentence(&a, (uint32_t)si);
    doc->attributions = a.recs;
    doc->n_attributions = a.n_recs;
    for (size_t e = 0; e < doc->n_events; e++)
        doc->events[e].attribution =
            hd_attribution_at(doc, doc->events[e].trigger.start);
    return 0;
}
