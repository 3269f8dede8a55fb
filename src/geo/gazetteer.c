/*
 * gazetteer.c: loading the gazetteer and finding its names in a document.
 *
 * The data is small (about 10,000 rows and 20,000 names), so it is read once
 * into flat arrays: rows, names, candidate lists and one string pool, plus an
 * open-addressing hash on the first word of each name. After loading,
 * nothing changes, so any number of threads may look names up at once, and a
 * lookup allocates nothing.
 *
 * Why the first word loses its article in the index. An Arabic token carries
 * its conjunction, preposition and article on its front: بالرقة is ب + ال +
 * رقة, وللرقة is و + ل + (ا)ل + رقة. The text layer's stem strips all of that,
 * including the article, and is cautious on words that only look like they
 * have clitics (بغداد must not lose its ب). Rather than trust one split, the
 * matcher tries each way of peeling و/ف, then ب/ل/ك, off the token's key (a
 * few pointer offsets, no copies), takes the article off what is left, and
 * looks the remainder up. It peels no deeper than the text layer's stem
 * (which knows that وكالة "agency" is one word, not و + كالة, Calais), and
 * ف only before ب, ل or the article, ك only before the article (clitic.c
 * is as strict with them). The index stores every name's first word the
 * same way (الرقة -> رقه + "had the article"). A name that has the
 * article must be met by a word that has it, and the reverse: رقة alone
 * ("thinness") is not الرقة. A country adjective matches with or without
 * it (سوري, السوري).
 *
 * Which split wins: the longest name, then the least peeling (بغداد is the
 * city, not ب + غداد). Multi-word names compare their later words to the
 * following tokens' whole keys; an adjective's later words may be inflected
 * like its first (الكورية الشمالية). A hyphen between words is skipped.
 *
 * Rules (data/geo/rules.tsv) mark names as common words (stop: never a place;
 * weak: a place only after a place word), add phrases that contain a place
 * word but name an actor (قوات سوريا الديمقراطية), and add aliases.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "base/arena.h"
#include "geo/gazetteer.h"
#include "text/text.h"
#include "text/words.h"

#define NO_PLACE UINT32_MAX
#define MAX_WORDS 8
#define LINE_MAX_BYTES (1u << 16)
#define KEY_MAX 1024

/* Normalized letters and words. */
#define AL "\xD8\xA7\xD9\x84" /* ال */
static const char *const head_words[] = {
    "محافظه", "مدينه", "قضاء", "ناحيه", "بلده", "قريه", NULL
};
static const char *const adj_suffixes[] = { "", "ه", "ين", "ون", "ات", NULL };

/* A name as read, before names are merged. */
typedef struct entry {
    const char *key;  /* into the pool once loading is over */
    uint32_t key_off;
    uint16_t key_len, first_len;
    uint8_t n_words, article, flags;
    uint32_t place;
} entry;

typedef struct loader {
    hd_gazetteer *g;
    entry *entries;
    size_t n_entries, cap_entries, cap_places, cap_pool;
    const char *file;
    long line;
    hd_error *err;
} loader;

/* ---------------------------------------------------------------- pool */

static uint32_t pool_add(loader *ld, const char *s, size_t n)
{
    hd_gazetteer *g = ld->g;
    HD_VEC_RESERVE(g->pool, ld->cap_pool, g->pool_len + n + 1);
    uint32_t off = (uint32_t)g->pool_len;
    memcpy(g->pool + off, s, n);
    g->pool[off + n] = '\0';
    g->pool_len += n + 1;
    return off;
}

/* ------------------------------------------------------------ name keys */

static int is_arabic_letter(const unsigned char *p, size_t n)
{
    return n >= 2 && p[0] >= 0xD8 && p[0] <= 0xDB && (p[1] & 0xC0) == 0x80;
}

/* Normalizes a raw name into out: a key of words separated by single spaces,
 * with anything but letters turned into a separator. Returns its length, or
 * 0 when nothing is left. */
static size_t name_key(const char *raw, size_t n, char *out, size_t cap)
{
    char norm[KEY_MAX];
    size_t len = hd_text_normalize(raw, n, HD_NORM_DEFAULT, norm, sizeof norm);
    if (len >= sizeof norm)
        return 0;
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        const unsigned char *p = (const unsigned char *)norm + i;
        if (is_arabic_letter(p, len - i)) {
            if (o + 2 >= cap)
                return 0;
            out[o++] = (char)p[0];
            out[o++] = (char)p[1];
            i += 2;
            continue;
        }
        size_t step = 1; /* skip the whole UTF-8 sequence */
        while (i + step < len && (norm[i + step] & 0xC0) == 0x80)
            step++;
        i += step;
        if (o && out[o - 1] != ' ')
            out[o++] = ' ';
    }
    while (o && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
    return o;
}

/* Takes head words (محافظة, مدينة, ...) off the front of a key. */
static size_t strip_heads(char *key, size_t n)
{
    for (int again = 1; again;) {
        again = 0;
        for (int h = 0; head_words[h]; h++) {
            size_t hl = strlen(head_words[h]);
            if (n > hl + 1 && memcmp(key, head_words[h], hl) == 0 &&
                key[hl] == ' ') {
                memmove(key, key + hl + 1, n - hl);
                n -= hl + 1;
                again = 1;
            }
        }
    }
    return n;
}

static int has_article(const char *w, size_t n)
{
    return n >= 8 && memcmp(w, AL, 4) == 0;
}

static void add_entry(loader *ld, const char *key, size_t n, uint32_t place,
                      unsigned flags)
{
    if (n < 4 || n > UINT16_MAX)
        return; /* one letter: too short to be a name */
    uint8_t words = 1;
    size_t first = n;
    for (size_t i = 0; i < n; i++) {
        if (key[i] != ' ')
            continue;
        if (first == n)
            first = i;
        words++;
    }
    if (words > MAX_WORDS)
        return;
    HD_VEC_RESERVE(ld->entries, ld->cap_entries, ld->n_entries + 1);
    entry *e = &ld->entries[ld->n_entries++];
    e->key = NULL;
    e->key_off = pool_add(ld, key, n);
    e->key_len = (uint16_t)n;
    e->first_len = (uint16_t)first;
    e->n_words = words;
    e->article = (uint8_t)has_article(key, first);
    e->flags = (uint8_t)flags;
    e->place = place;
}

/* A raw name of a row: normalized, heads stripped, entered. */
static void add_name(loader *ld, const char *raw, size_t n, uint32_t place,
                     unsigned flags)
{
    char key[KEY_MAX];
    size_t len = name_key(raw, n, key, sizeof key);
    if (len)
        add_entry(ld, key, strip_heads(key, len), place, flags);
}

/* An adjective: its first word in each inflection (سوري سورية سوريين
 * سوريون سوريات); later words are inflected at match time. */
static void add_adjective(loader *ld, const char *raw, size_t n, uint32_t place)
{
    char key[KEY_MAX], form[KEY_MAX + 16];
    size_t len = name_key(raw, n, key, sizeof key);
    if (!len)
        return;
    size_t first = strcspn(key, " ");
    for (int s = 0; adj_suffixes[s]; s++) {
        size_t sl = strlen(adj_suffixes[s]);
        memcpy(form, key, first);
        memcpy(form + first, adj_suffixes[s], sl);
        memcpy(form + first + sl, key + first, len - first + 1);
        add_entry(ld, form, len + sl, place, HD_GAZ_ADJ);
    }
}

/* Calls fn on each |-separated part of field [s, s+n). */
static void each_part(loader *ld, const char *s, size_t n, uint32_t place,
                      void (*fn)(loader *, const char *, size_t, uint32_t))
{
    while (n) {
        const char *bar = memchr(s, '|', n);
        size_t part = bar ? (size_t)(bar - s) : n;
        if (part)
            fn(ld, s, part, place);
        if (!bar)
            break;
        n -= part + 1;
        s = bar + 1;
    }
}

static void add_plain_name(loader *ld, const char *s, size_t n, uint32_t place)
{
    add_name(ld, s, n, place, 0);
}

/* ------------------------------------------------------------ the files */

typedef struct field {
    const char *s;
    size_t n;
} field;

/* Splits a line (without its newline) at tabs; returns the field count. */
static size_t split_tabs(const char *line, size_t n, field *f, size_t max)
{
    size_t k = 0;
    const char *s = line, *end = line + n;
    while (k < max) {
        const char *tab = memchr(s, '\t', (size_t)(end - s));
        f[k].s = s;
        f[k].n = tab ? (size_t)(tab - s) : (size_t)(end - s);
        k++;
        if (!tab)
            break;
        s = tab + 1;
    }
    return k;
}

static double field_double(const field *f)
{
    char buf[64];
    size_t n = f->n < sizeof buf - 1 ? f->n : sizeof buf - 1;
    memcpy(buf, f->s, n);
    buf[n] = '\0';
    return strtod(buf, NULL);
}

static unsigned long field_ulong(const field *f)
{
    char buf[32];
    size_t n = f->n < sizeof buf - 1 ? f->n : sizeof buf - 1;
    memcpy(buf, f->s, n);
    buf[n] = '\0';
    return strtoul(buf, NULL, 10);
}

static void field_copy(const field *f, char *out, size_t cap)
{
    size_t n = f->n < cap - 1 ? f->n : cap - 1;
    memcpy(out, f->s, n);
    out[n] = '\0';
}

static int cc_index(const char *cc)
{
    if (cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z')
        return -1;
    return (cc[0] - 'A') * 26 + (cc[1] - 'A');
}

/* kind geonameid name cc lat lon fclass fcode population admin1 names adjs */
static int load_row(loader *ld, const field *f, size_t nf)
{
    hd_gazetteer *g = ld->g;
    if (nf < 11 || f[0].n != 1 || !strchr("CAP", f[0].s[0])) {
        hd_error_set(ld->err, ld->file, ld->line, -1,
                     "gazetteer row needs 12 tab-separated fields, kind C, A or P");
        return -1;
    }
    HD_VEC_RESERVE(g->places, ld->cap_places, g->n_places + 1);
    uint32_t idx = (uint32_t)g->n_places++;
    hd_gaz_place *p = &g->places[idx];
    memset(p, 0, sizeof *p);
    char kind = f[0].s[0];
    p->geonameid = (uint32_t)field_ulong(&f[1]);
    p->name_off = pool_add(ld, f[2].s, f[2].n);
    field_copy(&f[3], p->cc, sizeof p->cc);
    p->lat = field_double(&f[4]);
    p->lon = field_double(&f[5]);
    unsigned long pop = field_ulong(&f[8]);
    p->population = pop > UINT32_MAX ? UINT32_MAX : (uint32_t)pop;
    p->capital = f[7].n == 4 && memcmp(f[7].s, "PPLC", 4) == 0;
    p->resolution = kind == 'C' ? HD_RES_COUNTRY
                    : kind == 'A' ? HD_RES_ADMIN1 : HD_RES_CITY;
    if (kind == 'C') {
        field_copy(&f[9], p->iso3, sizeof p->iso3); /* admin1 holds ISO3 */
        int ci = cc_index(p->cc);
        if (ci >= 0)
            g->country_of[ci] = (int32_t)idx;
    } else {
        field_copy(&f[9], p->admin1, sizeof p->admin1);
    }
    g->counts[p->resolution]++;
    each_part(ld, f[10].s, f[10].n, idx, add_plain_name);
    if (nf > 11)
        each_part(ld, f[11].s, f[11].n, idx, add_adjective);
    return 0;
}

static uint32_t place_by_geonameid(const hd_gazetteer *g, uint32_t id)
{
    for (size_t i = 0; i < g->n_places; i++)
        if (g->places[i].geonameid == id)
            return (uint32_t)i;
    return NO_PLACE;
}

/* stop NAME | weak NAME | phrase TEXT [CC] | alias NAME GEONAMEID */
static int load_rule(loader *ld, const field *f, size_t nf)
{
    const field *what = &f[0];
#define IS(w) (what->n == sizeof(w) - 1 && memcmp(what->s, w, what->n) == 0)
    if (nf >= 2 && IS("stop")) {
        add_name(ld, f[1].s, f[1].n, NO_PLACE, HD_GAZ_STOP);
    } else if (nf >= 2 && IS("weak")) {
        add_name(ld, f[1].s, f[1].n, NO_PLACE, HD_GAZ_WEAK);
    } else if (nf >= 2 && IS("phrase")) {
        char cc[3] = "";
        if (nf >= 3)
            field_copy(&f[2], cc, sizeof cc);
        int32_t c = hd_gaz_country(ld->g, cc);
        add_name(ld, f[1].s, f[1].n, c < 0 ? NO_PLACE : (uint32_t)c,
                 HD_GAZ_PHRASE);
    } else if (nf >= 3 && IS("alias")) {
        uint32_t p = place_by_geonameid(ld->g, (uint32_t)field_ulong(&f[2]));
        if (p == NO_PLACE) {
            hd_error_set(ld->err, ld->file, ld->line, -1,
                         "alias: no gazetteer row has this geonameid");
            return -1;
        }
        add_name(ld, f[1].s, f[1].n, p, 0);
    } else {
        hd_error_set(ld->err, ld->file, ld->line, -1,
                     "rule must be stop, weak, phrase or alias with its fields");
        return -1;
    }
#undef IS
    return 0;
}

typedef int (*line_fn)(loader *, const field *, size_t);

/* Reads a (possibly gzipped) TSV file line by line; # lines are comments. */
static int read_tsv(loader *ld, const char *path, line_fn fn)
{
    gzFile z = gzopen(path, "rb");
    if (!z) {
        hd_error_set(ld->err, path, 0, -1, "cannot open the gazetteer file");
        return -1;
    }
    char *line = hd_xmalloc(LINE_MAX_BYTES);
    field f[16];
    int rc = 0;
    ld->file = path;
    ld->line = 0;
    while (rc == 0 && gzgets(z, line, LINE_MAX_BYTES)) {
        size_t n = strlen(line);
        ld->line++;
        if (n == LINE_MAX_BYTES - 1 && line[n - 1] != '\n') {
            hd_error_set(ld->err, path, ld->line, -1, "line too long");
            rc = -1;
            break;
        }
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        rc = fn(ld, f, split_tabs(line, n, f, 16));
    }
    if (rc == 0 && !gzeof(z)) {
        hd_error_set(ld->err, path, ld->line, -1, "read error");
        rc = -1;
    }
    free(line);
    gzclose(z);
    return rc;
}

/* ------------------------------------------------------------ the index */

/* The bucket of a first word: the word without its article. */
static void bucket_of(const char *key, size_t first_len, int article,
                      const char **b, size_t *bn)
{
    *b = key + (article ? 4 : 0);
    *bn = first_len - (article ? 4 : 0);
}

/* hd_word_hash (text.h): constant time, the hash every word table uses. */
static uint32_t hash_bytes(const char *s, size_t n)
{
    return (uint32_t)hd_word_hash(s, n);
}

static int bytes_cmp(const char *a, size_t an, const char *b, size_t bn)
{
    int c = memcmp(a, b, an < bn ? an : bn);
    return c ? c : (an < bn ? -1 : an > bn);
}

/* Order: bucket, then longer names first, then key, then row. */
static int entry_cmp(const void *pa, const void *pb)
{
    const entry *a = pa, *b = pb;
    const char *ba, *bb;
    size_t an, bn;
    bucket_of(a->key, a->first_len, a->article, &ba, &an);
    bucket_of(b->key, b->first_len, b->article, &bb, &bn);
    int c = bytes_cmp(ba, an, bb, bn);
    if (c)
        return c;
    if (a->n_words != b->n_words)
        return a->n_words > b->n_words ? -1 : 1;
    c = bytes_cmp(a->key, a->key_len, b->key, b->key_len);
    if (c)
        return c;
    return (a->place > b->place) - (a->place < b->place);
}

static const char *name_bucket(const hd_gazetteer *g, const hd_gaz_name *nm,
                               size_t *bn)
{
    const char *b;
    bucket_of(g->pool + nm->key, nm->first_len, nm->article, &b, bn);
    return b;
}

/* Merges sorted entries into names with candidate lists. */
static void build_names(loader *ld)
{
    hd_gazetteer *g = ld->g;
    g->names = hd_xmalloc((ld->n_entries + 1) * sizeof *g->names);
    g->cands = hd_xmalloc((ld->n_entries + 1) * sizeof *g->cands);
    for (size_t i = 0; i < ld->n_entries;) {
        const entry *e = &ld->entries[i];
        hd_gaz_name *nm = &g->names[g->n_names++];
        memset(nm, 0, sizeof *nm);
        nm->key = e->key_off;
        nm->key_len = e->key_len;
        nm->first_len = e->first_len;
        nm->n_words = e->n_words;
        nm->article = e->article;
        nm->cand = (uint32_t)g->n_cands;
        size_t j = i;
        for (; j < ld->n_entries && ld->entries[j].key_len == e->key_len &&
               memcmp(ld->entries[j].key, e->key, e->key_len) == 0;
             j++) {
            const entry *d = &ld->entries[j];
            nm->flags |= d->flags;
            if (d->place != NO_PLACE &&
                (g->n_cands == nm->cand || g->cands[g->n_cands - 1] != d->place))
                g->cands[g->n_cands++] = d->place;
        }
        nm->n_cand = (uint32_t)(g->n_cands - nm->cand);
        i = j;
    }
}

static void build_hash(hd_gazetteer *g)
{
    size_t n = 16;
    while (n < g->n_names * 2)
        n *= 2;
    g->n_slots = n;
    g->slots = calloc(n, sizeof *g->slots);
    if (!g->slots)
        abort();
    size_t prev_n = 0;
    const char *prev = NULL;
    for (size_t i = 0; i < g->n_names; i++) {
        size_t bn;
        const char *b = name_bucket(g, &g->names[i], &bn);
        if (prev && bn == prev_n && memcmp(b, prev, bn) == 0)
            continue; /* same group */
        prev = b;
        prev_n = bn;
        size_t s = hash_bytes(b, bn) & (n - 1);
        while (g->slots[s])
            s = (s + 1) & (n - 1);
        g->slots[s] = (uint32_t)i + 1;
    }
}

/* The first name of the group whose bucket is [b, b+bn), or NULL. */
static const hd_gaz_name *find_group(const hd_gazetteer *g, const char *b,
                                     size_t bn)
{
    size_t s = hash_bytes(b, bn) & (g->n_slots - 1);
    for (uint32_t v; (v = g->slots[s]) != 0; s = (s + 1) & (g->n_slots - 1)) {
        size_t gn;
        const char *gb = name_bucket(g, &g->names[v - 1], &gn);
        if (gn == bn && hd_same_bytes(gb, b, bn))
            return &g->names[v - 1];
    }
    return NULL;
}

/* ------------------------------------------------------------- matching */

/* One way of reading a token: [bare, bare+n) after `strip` proclitic
 * letters and, if art, the article. */
typedef struct form {
    const char *bare;
    size_t n;
    uint8_t art;  /* the remainder began with the article */
    uint8_t skip; /* letters of the surface before the name */
} form;

static int letter_at(const char *p, const char *letter)
{
    return p[0] == letter[0] && p[1] == letter[1];
}

static void push_form(form *f, int *k, const char *bare, size_t n, int art,
                      size_t strip, size_t skip)
{
    /* a remainder after peeling must keep three letters, or two after the
     * article; a whole token two letters (إب) */
    size_t min = strip == 0 || art ? 4 : 6;
    if (n < min)
        return;
    f[*k].bare = bare;
    f[*k].n = n;
    f[*k].art = (uint8_t)art;
    f[*k].skip = (uint8_t)skip;
    (*k)++;
}

/* The readings of a key, least peeled first, peeling no further than
 * limit bytes (the text layer's stem offset: it knows وكالة is one word). */
static int token_forms(const char *key, size_t n, size_t limit, form *f)
{
    size_t offs[4];
    int lam[4], no = 0, k = 0;
    offs[no] = 0;
    lam[no++] = 0;
    if (n >= 4 && (letter_at(key, "و") ||
                   (letter_at(key, "ف") && n >= 6 &&
                    (letter_at(key + 2, "ب") || letter_at(key + 2, "ل") ||
                     letter_at(key + 2, "ا"))))) {
        offs[no] = 2;
        lam[no++] = 0;
    }
    for (int i = 0, base = no; i < base; i++) {
        const char *p = key + offs[i];
        int ka = letter_at(p, "ك") && offs[i] + 6 <= n &&
                 memcmp(p + 2, AL, 4) == 0; /* ك only before ال */
        if (offs[i] + 4 <= n && (letter_at(p, "ب") || letter_at(p, "ل") || ka)) {
            offs[no] = offs[i] + 2;
            lam[no++] = letter_at(p, "ل");
        }
    }
    for (int i = 0; i < no; i++) {
        if (offs[i] > limit)
            continue; /* the text layer kept these letters (وكالة) */
        const char *rest = key + offs[i];
        size_t rn = n - offs[i], strip = offs[i] / 2;
        if (rn >= 8 && memcmp(rest, AL, 4) == 0)
            push_form(f, &k, rest + 4, rn - 4, 1, strip, strip);
        else
            push_form(f, &k, rest, rn, 0, strip, strip);
        if (lam[i] && rn >= 6 && letter_at(rest, "ل")) /* لل = ل + (ا)ل */
            push_form(f, &k, rest + 2, rn - 2, 1, strip, 0);
    }
    return k;
}

static int is_hyphen(const hd_token *t)
{
    return t->kind == HD_TOK_PUNCT && t->key_len == 1 && t->key[0] == '-';
}

/* An adjective's later word: w, or w inflected, with or without ال. */
static int adj_word_matches(const char *w, size_t wn, const hd_token *t)
{
    const char *k = t->key;
    size_t kn = t->key_len;
    if (has_article(k, kn)) {
        k += 4;
        kn -= 4;
    }
    if (kn < wn || memcmp(k, w, wn) != 0)
        return 0;
    for (int s = 0; adj_suffixes[s]; s++)
        if (kn - wn == strlen(adj_suffixes[s]) &&
            memcmp(k + wn, adj_suffixes[s], kn - wn) == 0)
            return 1;
    return 0;
}

/* Tokens i+1.. match the later words of nm; returns the last token, or -1. */
static long later_words(const hd_gazetteer *g, const hd_gaz_name *nm,
                        const hd_doc *doc, size_t i, size_t end)
{
    const char *w = g->pool + nm->key + nm->first_len;
    const char *stop = g->pool + nm->key + nm->key_len;
    size_t j = i;
    while (w < stop) {
        w++; /* the space */
        const char *sp = memchr(w, ' ', (size_t)(stop - w));
        size_t wn = sp ? (size_t)(sp - w) : (size_t)(stop - w);
        j++;
        if (j < end && is_hyphen(&doc->tokens[j]))
            j++;
        if (j >= end)
            return -1;
        const hd_token *t = &doc->tokens[j];
        if (t->kind != HD_TOK_WORD)
            return -1;
        if (nm->flags & HD_GAZ_ADJ) {
            if (!adj_word_matches(w, wn, t))
                return -1;
        } else if (t->key_len != wn || !hd_same_bytes(t->key, w, wn)) {
            return -1;
        }
        w += wn;
    }
    return (long)j;
}

int hd_gaz_word_may_match(const hd_gazetteer *g, const hd_token *t)
{
    if (t->kind != HD_TOK_WORD)
        return 0;
    form forms[8];
    int nf = token_forms(t->key, t->key_len, t->stem_off, forms);
    for (int f = 0; f < nf; f++)
        if (find_group(g, forms[f].bare, forms[f].n))
            return 1;
    return 0;
}

static int match(const hd_gazetteer *g, const hd_doc *doc, size_t i,
                 size_t end, hd_gaz_match *m, int adj_only)
{
    if (i >= end || doc->tokens[i].kind != HD_TOK_WORD)
        return 0;
    const hd_word_view *v = hd_word_view_of(doc);
    if (v && v->gaz == g && v->w[i] && !(v->w[i]->flags & HD_WORD_GAZ))
        return 0; /* the word memo: no name begins with this word */
    const hd_token *t = &doc->tokens[i];
    form forms[8];
    int nf = token_forms(t->key, t->key_len, t->stem_off, forms);
    int found = 0;
    for (int f = 0; f < nf; f++) {
        const hd_gaz_name *nm = find_group(g, forms[f].bare, forms[f].n);
        if (!nm)
            continue;
        const hd_gaz_name *last = g->names + g->n_names;
        size_t bn;
        const char *b = name_bucket(g, nm, &bn);
        for (; nm < last; nm++) {
            size_t cn;
            const char *cb = name_bucket(g, nm, &cn);
            if (cn != bn || !hd_same_bytes(cb, b, bn))
                break; /* end of the group */
            if (adj_only && !(nm->flags & HD_GAZ_ADJ))
                continue;
            if (!(nm->flags & HD_GAZ_ADJ) && nm->article != forms[f].art)
                continue;
            if (found && nm->n_words <= m->name->n_words)
                break; /* longest first: nothing better in this group */
            long lastj = later_words(g, nm, doc, i, end);
            if (lastj < 0)
                continue;
            m->name = nm;
            m->tok_first = (uint32_t)i;
            m->tok_last = (uint32_t)lastj;
            m->skip = forms[f].skip;
            found = 1;
            break;
        }
    }
    return found;
}

int hd_gaz_match_at(const hd_gazetteer *g, const hd_doc *doc, size_t i,
                    size_t end, hd_gaz_match *m)
{
    return match(g, doc, i, end, m, 0);
}

int hd_gaz_adjective_at(const hd_gazetteer *g, const hd_doc *doc, size_t i,
                        size_t end, hd_gaz_match *m)
{
    return match(g, doc, i, end, m, 1);
}

int32_t hd_gaz_country(const hd_gazetteer *g, const char *code)
{
    size_t n = strlen(code);
    if (n == 2) {
        int ci = cc_index(code);
        return ci < 0 ? -1 : g->country_of[ci];
    }
    if (n != 3)
        return -1;
    for (int ci = 0; ci < 26 * 26; ci++) {
        int32_t r = g->country_of[ci];
        if (r >= 0 && memcmp(g->places[r].iso3, code, 3) == 0)
            return r;
    }
    return -1;
}

/* ------------------------------------------------------ open and close */

hd_gazetteer *hd_gazetteer_open(const char *data_dir, hd_error *err)
{
    char path[4096];
    hd_gazetteer *g = calloc(1, sizeof *g);
    loader ld = {0};
    if (!g)
        abort();
    for (int i = 0; i < 26 * 26; i++)
        g->country_of[i] = -1;
    ld.g = g;
    ld.err = err;
    hd_error_clear(err);
    snprintf(path, sizeof path, "%s/geo/gazetteer.tsv", data_dir);
    if (read_tsv(&ld, path, load_row) != 0)
        goto fail;
    snprintf(path, sizeof path, "%s/geo/rules.tsv", data_dir);
    if (read_tsv(&ld, path, load_rule) != 0)
        goto fail;
    for (size_t i = 0; i < ld.n_entries; i++)
        ld.entries[i].key = g->pool + ld.entries[i].key_off;
    if (ld.n_entries) /* no names at all: entries is NULL, qsort's UB */
        qsort(ld.entries, ld.n_entries, sizeof *ld.entries, entry_cmp);
    build_names(&ld);
    build_hash(g);
    free(ld.entries);
    return g;
fail:
    free(ld.entries);
    hd_gazetteer_close(g);
    return NULL;
}

void hd_gazetteer_close(hd_gazetteer *g)
{
    if (!g)
        return;
    if (g->mapped) { /* every array is in the map (lexfile.c) */
        free(g);
        return;
    }
    free(g->places);
    free(g->names);
    free(g->cands);
    free(g->slots);
    free(g->pool);
    free(g);
}

void hd_gazetteer_stats_get(const hd_gazetteer *g, hd_gazetteer_stats *s)
{
    s->countries = g->counts[HD_RES_COUNTRY];
    s->regions = g->counts[HD_RES_ADMIN1];
    s->places = g->counts[HD_RES_CITY];
    s->names = g->n_names;
    s->bytes = sizeof *g + g->n_places * sizeof *g->places +
               g->n_names * sizeof *g->names + g->n_cands * sizeof *g->cands +
               g->n_slots * sizeof *g->slots + g->pool_len;
}
