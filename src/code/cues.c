/*
 * cues.c: hadath's trigger and cue list, loaded and matched.
 *
 * The list (data/dict/hadath.triggers.ar.txt; its header documents the
 * format) is small, a few hundred lines, but it is matched against every
 * token, so it is compiled into one hash of first words: each form's words
 * are normalized with the text layer's own hd_text_normalize, stored
 * NUL-separated in one pool, and chained under their first word. A token is
 * looked up by its full key and by its clitic-stripped stem, so a list word
 * never needs its clitics written out (هجوم meets بالهجوم and هجومها).
 *
 * Verbs are written as PAST/IMPERF stems and conjugated here, at load time,
 * into the dozen forms news uses (هاجم هاجمت هاجموا يهاجم تهاجم يهاجمون
 * سيهاجم ...): a list of explicit forms would be long and always missing
 * one, and a stemmer would conflate the noun هجوم with unrelated words.
 *
 * A word written with the article (الشرطة) is also filed without it, since
 * the stem of the token للشرطة is شرطه: the article never changes meaning.
 *
 * The params (param NAME VALUE, or param TYPE:NAME VALUE for one PLOVER
 * type) are kept in an array indexed by enum hd_param, with the per-type
 * values in a short list looked up by hd_cues_param.
 */
#include "code/code.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "text/text.h"
#include "text/words.h"

#define NO_LINK UINT32_MAX
#define ARTICLE "\xd8\xa7\xd9\x84" /* ال */
#define WORD_MAX 256

/* ------------------------------------------------------------ the pool */

static uint32_t pool_add(hd_cues *c, const char *s, size_t n)
{
    if (c->pool_len + n + 1 > c->pool_cap) {
        size_t nc = c->pool_cap ? c->pool_cap : 8192;
        while (nc < c->pool_len + n + 1)
            nc *= 2;
        c->pool = hd_xrealloc(c->pool, nc);
        c->pool_cap = nc;
    }
    uint32_t off = (uint32_t)c->pool_len;
    memcpy(c->pool + off, s, n);
    c->pool[off + n] = '\0';
    c->pool_len += n + 1;
    return off;
}

/* ------------------------------------------------------------ the hash */

/* hd_word_hash (text.h): constant time, the hash every word table uses. */
static uint64_t hash_bytes(const char *s, size_t n)
{
    return hd_word_hash(s, n);
}

static void hash_insert(hd_cues *c, uint32_t word, uint32_t form);

static void hash_grow(hd_cues *c)
{
    size_t old_n = c->n_slots;
    uint32_t *old = c->slots;
    c->n_slots = old_n ? old_n * 2 : 1024;
    c->slots = hd_xmalloc(c->n_slots * sizeof *c->slots);
    memset(c->slots, 0, c->n_slots * sizeof *c->slots);
    for (size_t i = 0; i < old_n; i++) {
        if (!old[i])
            continue;
        /* re-file the chain head: the chain moves with it */
        const hd_cue_link *l = &c->links[old[i] - 1];
        size_t j = hash_bytes(c->pool + l->word, l->len) & (c->n_slots - 1);
        while (c->slots[j])
            j = (j + 1) & (c->n_slots - 1);
        c->slots[j] = old[i];
    }
    free(old);
}

/* The slot of word s[0..n): its chain, or the empty slot it would take. */
static size_t hash_find(const hd_cues *c, const char *s, size_t n)
{
    size_t j = hash_bytes(s, n) & (c->n_slots - 1);
    while (c->slots[j]) {
        const hd_cue_link *l = &c->links[c->slots[j] - 1];
        if (l->len == n && memcmp(c->pool + l->word, s, n) == 0)
            return j;
        j = (j + 1) & (c->n_slots - 1);
    }
    return j;
}

static void hash_insert(hd_cues *c, uint32_t word, uint32_t form)
{
    if (!c->n_slots || (c->n_links + 1) * 2 > c->n_slots)
        hash_grow(c);
    HD_VEC_RESERVE(c->links, c->cap_links, c->n_links + 1);
    const char *w = c->pool + word;
    size_t j = hash_find(c, w, strlen(w));
    uint32_t id = (uint32_t)c->n_links++;
    c->links[id].word = word;
    c->links[id].len = (uint32_t)strlen(w);
    c->links[id].form = form;
    c->links[id].next = c->slots[j] ? c->slots[j] - 1 : NO_LINK;
    c->slots[j] = id + 1;
}

/* ----------------------------------------------------------- parsing */

typedef struct line_ctx {
    hd_cues *c;
    long lineno;
    const char *why;   /* set on a parse error */
} line_ctx;

static int fail(line_ctx *lc, const char *why)
{
    lc->why = why;
    return -1;
}

/* Next blank-separated field of *p (ASCII blanks), up to ':' exclusive. */
static size_t next_field(const char **p, const char **out)
{
    const char *s = *p;
    while (*s == ' ' || *s == '\t')
        s++;
    const char *b = s;
    while (*s && *s != ' ' && *s != '\t' && *s != ':')
        s++;
    *out = b;
    *p = s;
    return (size_t)(s - b);
}

static int field_is(const char *f, size_t n, const char *word)
{
    return strlen(word) == n && memcmp(f, word, n) == 0;
}

static int parse_number(const char *f, size_t n, double *out)
{
    char buf[32];
    if (n == 0 || n >= sizeof buf)
        return -1;
    memcpy(buf, f, n);
    buf[n] = '\0';
    char *end;
    errno = 0;
    *out = strtod(buf, &end);
    return (*end || errno) ? -1 : 0;
}

/* Normalizes raw[0..n) into out; returns its length, 0 when empty/too long. */
static size_t norm_word(const char *raw, size_t n, char *out, size_t cap)
{
    size_t k = hd_text_normalize(raw, n, HD_NORM_DEFAULT, out, cap);
    return k < cap ? k : 0;
}

static const char *const past_sfx[] = {"", "ت", "وا", "ا", "تا", "ن",
                                       "نا", "تم", "و", "تما"};
static const char *const imperf_pfx[] = {"ي", "ت", "ن"}; /* not أ: أ+stem is the perfect of form VIII (اختطف) */
static const char *const imperf_sfx[] = {"", "ون", "ان", "ين", "ن", "وا",
                                         "ا", "و"};
#define N_OF(a) (sizeof a / sizeof a[0])

/* Adds one form: first word w (normalized), then the rest (normalized,
 * NUL-separated, rest_n words). */
static void add_form(hd_cues *c, uint32_t entry, const char *w, size_t wn,
                     const char *rest, size_t rest_len, size_t rest_n,
                     unsigned flags)
{
    char buf[4 * WORD_MAX];
    if (wn + 1 + rest_len > sizeof buf)
        return;
    memcpy(buf, w, wn);
    buf[wn] = '\0';
    memcpy(buf + wn + 1, rest, rest_len);
    uint32_t off = pool_add(c, buf, wn + 1 + rest_len);
    /* pool_add terminated the last word; interior NULs separate words */
    HD_VEC_RESERVE(c->forms, c->cap_forms, c->n_forms + 1);
    uint32_t id = (uint32_t)c->n_forms++;
    c->forms[id].words = off;
    c->forms[id].n_words = (uint16_t)(1 + rest_n);
    c->forms[id].flags = (uint16_t)flags;
    c->forms[id].entry = entry;
    hash_insert(c, off, id);
    if (wn > 8 && memcmp(w, ARTICLE, 4) == 0) /* the article, 2+ letters on */
        hash_insert(c, pool_add(c, w + 4, wn - 4), id);
}

/* The verb conjugations of stems past/imperf (either may be empty). */
static void add_conjugated(hd_cues *c, uint32_t entry, const char *past,
                           size_t pn, const char *imp, size_t in,
                           const char *rest, size_t rest_len, size_t rest_n)
{
    char w[WORD_MAX];
    for (size_t i = 0; pn && i < N_OF(past_sfx); i++) {
        size_t sn = strlen(past_sfx[i]);
        if (pn + sn >= sizeof w)
            continue;
        memcpy(w, past, pn);
        memcpy(w + pn, past_sfx[i], sn);
        add_form(c, entry, w, pn + sn, rest, rest_len, rest_n, HD_FORM_VERB);
    }
    if (!in)
        return;
    /* the imperfect stem is written with its ي: take it off */
    if (in > 2 && memcmp(imp, "ي", 2) == 0) {
        imp += 2;
        in -= 2;
    }
    for (int fut = 0; fut < 2; fut++)
        for (size_t p = 0; p < N_OF(imperf_pfx); p++)
            for (size_t s = 0; s < N_OF(imperf_sfx); s++) {
                size_t n = 0;
                size_t sn = strlen(imperf_sfx[s]);
                if (in + sn + 6 >= sizeof w)
                    continue;
                if (fut) {
                    memcpy(w, "س", 2);
                    n = 2;
                }
                memcpy(w + n, imperf_pfx[p], 2);
                n += 2;
                memcpy(w + n, imp, in);
                n += in;
                memcpy(w + n, imperf_sfx[s], sn);
                n += sn;
                add_form(c, entry, w, n, rest, rest_len, rest_n,
                         HD_FORM_VERB | HD_FORM_IMPERF |
                             (fut ? HD_FORM_FUTURE : 0));
            }
}

/* One form "w1/w1' w2 w3" of entry: split, normalize, conjugate, add. */
static int parse_form(line_ctx *lc, uint32_t entry, const char *s, size_t n)
{
    char first[WORD_MAX * 2], rest[WORD_MAX * 4];
    size_t fn = 0, rn = 0, rest_n = 0, i = 0, words = 0;
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
        size_t b = i;
        while (i < n && s[i] != ' ' && s[i] != '\t')
            i++;
        if (i == b)
            break;
        if (words++ == 0) {
            if (i - b >= sizeof first)
                return fail(lc, "word too long");
            memcpy(first, s + b, i - b);
            fn = i - b;
            first[fn] = '\0';
            continue;
        }
        char w[WORD_MAX];
        size_t wn = norm_word(s + b, i - b, w, sizeof w);
        if (!wn || rn + wn + 1 > sizeof rest)
            return fail(lc, "a word that normalizes to nothing or too long");
        memcpy(rest + rn, w, wn);
        rest[rn + wn] = '\0';
        rn += wn + 1;
        rest_n++;
    }
    if (!words)
        return fail(lc, "an empty form");
    /* the pool terminates the last word itself */
    size_t rest_len = rn ? rn - 1 : 0;
    char *slash = memchr(first, '/', fn);
    if (!slash) {
        char w[WORD_MAX];
        size_t wn = norm_word(first, fn, w, sizeof w);
        if (!wn)
            return fail(lc, "a word that normalizes to nothing");
        add_form(lc->c, entry, w, wn, rest, rest_len, rest_n, 0);
        return 0;
    }
    char past[WORD_MAX], imp[WORD_MAX];
    size_t pl = (size_t)(slash - first);
    size_t pn = pl ? norm_word(first, pl, past, sizeof past) : 0;
    size_t in = norm_word(slash + 1, fn - pl - 1, imp, sizeof imp);
    if (!pn && !in)
        return fail(lc, "a verb form with no stems");
    add_conjugated(lc->c, entry, past, pn, imp, in, rest, rest_len, rest_n);
    return 0;
}

/* The forms after ':' separated by '|'. */
static int parse_forms(line_ctx *lc, uint32_t entry, const char *s)
{
    int any = 0;
    while (*s) {
        const char *bar = strchr(s, '|');
        size_t n = bar ? (size_t)(bar - s) : strlen(s);
        size_t a = 0;
        while (a < n && (s[a] == ' ' || s[a] == '\t'))
            a++;
        if (a < n) {
            if (parse_form(lc, entry, s + a, n - a) != 0)
                return -1;
            any = 1;
        }
        s += n + (bar ? 1 : 0);
    }
    return any ? 0 : fail(lc, "no forms after ':'");
}

static uint32_t new_entry(hd_cues *c, long lineno, const char *text)
{
    HD_VEC_RESERVE(c->entries, c->cap_entries, c->n_entries + 1);
    hd_cue_entry *e = &c->entries[c->n_entries];
    memset(e, 0, sizeof *e);
    e->line = (uint32_t)lineno;
    e->text = pool_add(c, text, strlen(text));
    return (uint32_t)c->n_entries++;
}

static int parse_syntax(const char *f, size_t n)
{
    static const char *const names[] = {"noun", "noun-src", "noun-tgt",
                                        "verb", "verb-intr", "verb-pass",
                                        "verb-unacc"};
    for (size_t i = 0; i < N_OF(names); i++)
        if (field_is(f, n, names[i]))
            return (int)i;
    return -1;
}

static int parse_scope(const char *f, size_t n)
{
    static const char *const names[] = {"sent", "near", "before", "after",
                                        "prev", "next", "self"};
    for (size_t i = 0; i < N_OF(names); i++)
        if (field_is(f, n, names[i]))
            return (int)i;
    return -1;
}

static int is_cameo(const char *f, size_t n)
{
    if (n < 2 || n > 4)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (f[i] < '0' || f[i] > '9')
            return 0;
    return 1;
}

/* trigger CAMEO WEIGHT SYNTAX [by=SECTOR] : forms */
static int parse_trigger(line_ctx *lc, const char *p, const char *text,
                         int cls)
{
    const char *f;
    size_t n = next_field(&p, &f);
    if (!is_cameo(f, n))
        return fail(lc, "trigger: CAMEO code expected");
    char cameo[8] = ""; /* all 8 bytes: the entry is written to a file */
    memcpy(cameo, f, n);
    cameo[n] = '\0';
    double w;
    n = next_field(&p, &f);
    if (parse_number(f, n, &w) != 0)
        return fail(lc, "trigger: weight expected");
    n = next_field(&p, &f);
    int syn = parse_syntax(f, n);
    if (syn < 0)
        return fail(lc, "trigger: unknown syntax (noun, noun-src, ...)");
    char by[4] = "";
    n = next_field(&p, &f);
    if (n == 6 && memcmp(f, "by=", 3) == 0) {
        memcpy(by, f + 3, 3);
        if (!hd_is_sector(by))
            return fail(lc, "trigger: by= wants a CAMEO sector");
    } else if (n) {
        return fail(lc, "trigger: ':' or by=SECTOR expected after the syntax");
    }
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p != ':')
        return fail(lc, "trigger: ':' expected before the forms");
    uint32_t id = new_entry(lc->c, lc->lineno, text);
    hd_cue_entry *e = &lc->c->entries[id];
    e->cls = (uint8_t)cls;
    e->syntax = (uint8_t)syn;
    memcpy(e->sector, by, sizeof by);
    e->weight = w;
    memcpy(e->cameo, cameo, sizeof cameo);
    return parse_forms(lc, id, p + 1);
}

static int cue_class(line_ctx *lc, const char *f, size_t n, hd_cue_entry *e)
{
    static const struct { const char *name; int cls; } named[] = {
        {"neg", HD_CUE_NEG},           {"hypo", HD_CUE_HYPO},
        {"hypo-imperf", HD_CUE_HYPO_IMPERF}, {"light", HD_CUE_LIGHT},
        {"undergo", HD_CUE_UNDERGO},   {"src-prep", HD_CUE_SRC_PREP},
        {"tgt-prep", HD_CUE_TGT_PREP}, {"gov-protest", HD_CUE_GOV_PROTEST},
        {"link", HD_CUE_LINK},         {"prep", HD_CUE_PREP},
        {"number", HD_CUE_NUMWORD},     {"victim", HD_CUE_VICTIM},
        {"comp", HD_CUE_COMP},          {"not-actor", HD_CUE_NOT_ACTOR},
    };
    for (size_t i = 0; i < N_OF(named); i++)
        if (field_is(f, n, named[i].name)) {
            e->cls = (uint8_t)named[i].cls;
            return 0;
        }
    if (n == 9 && memcmp(f, "agent-", 6) == 0) {
        e->cls = HD_CUE_AGENT;
        memcpy(e->sector, f + 6, 3);
        e->sector[3] = '\0';
        return hd_is_sector(e->sector) ? 0 : fail(lc, "cue: unknown sector");
    }
    hd_cues *c = lc->c;
    e->cls = HD_CUE_EVIDENCE;
    for (size_t g = 0; g < c->n_groups; g++)
        if (field_is(f, n, c->pool + c->groups[g])) {
            e->group = (uint8_t)g;
            return 0;
        }
    if (c->n_groups == HD_CUE_MAX_GROUPS)
        return fail(lc, "cue: too many evidence groups");
    c->groups[c->n_groups] = pool_add(c, f, n);
    e->group = (uint8_t)c->n_groups++;
    return 0;
}

static int cue_types(line_ctx *lc, const char *f, size_t n, hd_cue_entry *e)
{
    if (field_is(f, n, "*"))
        return 0;
    while (n) {
        const char *comma = memchr(f, ',', n);
        size_t k = comma ? (size_t)(comma - f) : n;
        if (!k || e->n_types == HD_CUE_MAX_TYPES)
            return fail(lc, "cue: bad type list");
        e->types[e->n_types++] = pool_add(lc->c, f, k);
        f += k + (comma ? 1 : 0);
        n -= k + (comma ? 1 : 0);
    }
    return 0;
}

/* cue CLASS TYPES SCOPE WEIGHT : forms */
static int parse_cue(line_ctx *lc, const char *p, const char *text)
{
    hd_cue_entry tmp;
    memset(&tmp, 0, sizeof tmp);
    const char *f;
    size_t n = next_field(&p, &f);
    if (!n || cue_class(lc, f, n, &tmp) != 0)
        return lc->why ? -1 : fail(lc, "cue: class expected");
    n = next_field(&p, &f);
    if (!n || cue_types(lc, f, n, &tmp) != 0)
        return lc->why ? -1 : fail(lc, "cue: types expected");
    n = next_field(&p, &f);
    int scope = parse_scope(f, n);
    if (scope < 0)
        return fail(lc, "cue: unknown scope (sent, near, before, ...)");
    n = next_field(&p, &f);
    if (parse_number(f, n, &tmp.weight) != 0)
        return fail(lc, "cue: weight expected");
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p != ':')
        return fail(lc, "cue: ':' expected before the forms");
    uint32_t id = new_entry(lc->c, lc->lineno, text);
    hd_cue_entry *e = &lc->c->entries[id];
    uint32_t keep_line = e->line, keep_text = e->text;
    *e = tmp;
    e->line = keep_line;
    e->text = keep_text;
    e->scope = (uint8_t)scope;
    return parse_forms(lc, id, p + 1);
}

static const char *const param_names[HD_P_ALL] = {
    "threshold", "actor_source", "actor_target", "number", "question",
    "title", "verb_form", "lexicon_verb", "definite_noun", "light_verb",
    "undergo", "casualty_count", "people", "armed", "armed_target",
    "named_place", "chronicle"};

/* param NAME VALUE, param TYPE:NAME VALUE (one PLOVER type), or one of the
 * integer window params. */
static int set_param(line_ctx *lc, const char *p)
{
    const char *f, *v;
    while (*p == ' ' || *p == '\t')
        p++;
    f = p;
    while (*p && *p != ' ' && *p != '\t')
        p++;
    size_t n = (size_t)(p - f); /* TYPE:NAME keeps its colon */
    size_t vn = next_field(&p, &v);
    double x;
    if (parse_number(v, vn, &x) != 0)
        return fail(lc, "param: number expected");
    hd_cues *c = lc->c;
    const char *colon = memchr(f, ':', n);
    const char *name = colon ? colon + 1 : f;
    size_t nn = colon ? n - (size_t)(colon + 1 - f) : n;
    for (int i = 0; i < HD_P_ALL; i++) {
        if (!field_is(name, nn, param_names[i]))
            continue;
        if (!colon && i >= HD_P_COUNT)
            return fail(lc, "param: a per-type name (write TYPE:NAME)");
        if (!colon) {
            c->params[i] = x;
            return 0;
        }
        if (c->n_overrides == HD_MAX_OVERRIDES)
            return fail(lc, "param: too many per-type values");
        hd_param_override *o = &c->overrides[c->n_overrides++];
        o->type = pool_add(c, f, (size_t)(colon - f));
        o->param = (uint8_t)i;
        o->value = x;
        return 0;
    }
    static const char *const inames[] = {"near_window", "before_window",
                                         "after_window", "light_window",
                                         "event_gap"};
    int *ivals[] = {&c->near_window, &c->before_window, &c->after_window,
                    &c->light_window, &c->event_gap};
    for (size_t i = 0; i < N_OF(inames) && !colon; i++)
        if (field_is(f, n, inames[i])) {
            *ivals[i] = (int)x;
            return 0;
        }
    return fail(lc, "param: unknown name");
}

double hd_cues_param(const hd_cues *c, int p, const char *type)
{
    for (size_t i = 0; type && i < c->n_overrides; i++)
        if (c->overrides[i].param == p &&
            strcmp(c->pool + c->overrides[i].type, type) == 0)
            return c->overrides[i].value;
    return p < HD_P_COUNT ? c->params[p] : 0.0;
}

static int parse_line(line_ctx *lc, char *s)
{
    char *hash = strchr(s, '#');
    if (hash)
        *hash = '\0';
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    const char *p = s, *f;
    size_t k = next_field(&p, &f);
    if (!k)
        return 0; /* blank or comment */
    if (field_is(f, k, "param"))
        return set_param(lc, p);
    if (field_is(f, k, "trigger"))
        return parse_trigger(lc, p, s, HD_CUE_TRIGGER);
    if (field_is(f, k, "doer"))
        return parse_trigger(lc, p, s, HD_CUE_DOER);
    if (field_is(f, k, "cue"))
        return parse_cue(lc, p, s);
    return fail(lc, "unknown line kind (param, trigger, doer, cue)");
}

static void defaults(hd_cues *c)
{
    static const double values[HD_P_COUNT] = {1.0, 0.5, 0.4, 0.3, -2.0, 0.2,
                                              0.3, 0.6, 0.0, 0.0, 0.0, 0.0,
                                              0.0, 0.0, 0.0, 0.0};
    memcpy(c->params, values, sizeof values);
    c->near_window = 5;
    c->before_window = 8;
    c->after_window = 10;
    c->light_window = 12;
    c->event_gap = 3;
}

int hd_cues_load(hd_cues *c, const char *path, hd_error *err)
{
    memset(c, 0, sizeof *c);
    defaults(c);
    snprintf(c->path, sizeof c->path, "%s", path);
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        hd_error_set(err, path, 0, -1, "cannot open the trigger list: %s",
                     strerror(errno));
        return -1;
    }
    char line[8192];
    line_ctx lc = {c, 0, NULL};
    while (fgets(line, sizeof line, fp)) {
        lc.lineno++;
        lc.why = NULL;
        size_t n = strlen(line);
        if (n == sizeof line - 1 && line[n - 1] != '\n') {
            int ch;
            while ((ch = fgetc(fp)) != EOF && ch != '\n')
                ;
            lc.why = "line too long";
        } else if (parse_line(&lc, line) == 0) {
            continue;
        }
        if (!c->n_skipped++)
            snprintf(c->first_error, sizeof c->first_error, "line %ld: %s",
                     lc.lineno, lc.why ? lc.why : "cannot parse");
    }
    int bad = ferror(fp), why = errno; /* EISDIR: a directory */
    fclose(fp);
    c->n_lines = (size_t)lc.lineno;
    if (bad) {
        hd_error_set(err, path, lc.lineno, -1, "read error: %s",
                     strerror(why));
        hd_cues_free(c);
        return -1;
    }
    if (!c->n_slots)
        hash_grow(c);
    return 0;
}

void hd_cues_free(hd_cues *c)
{
    if (c->mapped) {
        memset(c, 0, sizeof *c);
        return;
    }
    free(c->pool);
    free(c->entries);
    free(c->forms);
    free(c->links);
    free(c->slots);
    memset(c, 0, sizeof *c);
}

int hd_cue_applies(const hd_cues *c, const hd_cue_entry *e, const char *type)
{
    if (!e->n_types)
        return 1;
    if (!type)
        return 0;
    for (size_t i = 0; i < e->n_types; i++)
        if (strcmp(c->pool + e->types[i], type) == 0)
            return 1;
    return 0;
}

/* ----------------------------------------------------------- matching */

static int word_matches(const hd_token *t, const char *w, size_t wn)
{
    return hd_word_is(t, w, wn);
}

/* Do the words after the first of form f match tokens t+1 ...? */
static int rest_matches(const hd_cues *c, const hd_doc *doc,
                        const hd_cue_form *f, size_t t, size_t end)
{
    if (t + f->n_words > end)
        return 0;
    if (f->n_words < 2)
        return 1;
    const char *w = c->pool + f->words;
    w += strlen(w) + 1;
    for (size_t i = 1; i < f->n_words; i++) {
        size_t wn = strlen(w);
        if (!word_matches(&doc->tokens[t + i], w, wn))
            return 0;
        w += wn + 1;
    }
    return 1;
}

typedef struct hit_vec {
    hd_cue_hit *v;
    size_t n, cap;
    hd_arena *arena;
} hit_vec;

static void hit_push(hit_vec *h, const hd_cue_hit *x)
{
    for (size_t i = h->n; i-- > 0 && h->v[i].tok == x->tok;)
        if (h->v[i].e == x->e && h->v[i].len == x->len)
            return; /* the same entry by another form or lookup */
    if (h->n == h->cap) {
        size_t nc = h->cap ? h->cap * 2 : 64;
        hd_cue_hit *nv = hd_arena_alloc(h->arena, nc * sizeof *nv);
        if (h->n)
            memcpy(nv, h->v, h->n * sizeof *nv);
        h->v = nv;
        h->cap = nc;
    }
    h->v[h->n++] = *x;
}

/* Every form of the chain (a slot value: first link + 1) that matches at
 * token t. */
static void match_chain(const hd_cues *c, const hd_doc *doc, size_t t,
                        size_t end, uint32_t head, const uint8_t *second,
                        const hd_word_info *next, hit_vec *h)
{
    if (!head)
        return;
    for (uint32_t l = head - 1; l != NO_LINK; l = c->links[l].next) {
        uint32_t form = c->links[l].form;
        const hd_cue_form *f = &c->forms[form];
        if ((second && !hd_word_may_be(next, second[form])) ||
            !rest_matches(c, doc, f, t, end))
            continue;
        hd_cue_hit x = {(uint32_t)t, f->n_words, f->flags,
                        &c->entries[f->entry]};
        hit_push(h, &x);
    }
}

/* The chain of the word s[0..n), as a slot value (0: none). */
static uint32_t chain_of(const hd_cues *c, const char *s, size_t n)
{
    if (!n || !c->n_slots)
        return 0;
    return c->slots[hash_find(c, s, n)];
}

/* A key the clitic stripper left whole but that starts with the
 * conjunction و or ف and has three letters after it (فاطلقت، وانفجرت):
 * the stripper is conservative for the sake of names and roots, the cue
 * list can afford one more lookup. */
static int conjunction(const hd_token *t)
{
    return t->key_len >= 8 && (memcmp(t->key, "و", 2) == 0 ||
                               memcmp(t->key, "ف", 2) == 0);
}

void hd_cues_word(const hd_cues *c, const hd_token *tk, uint32_t head[3])
{
    head[0] = head[1] = head[2] = 0;
    if (tk->kind != HD_TOK_WORD)
        return;
    head[0] = chain_of(c, tk->key, tk->key_len);
    if (tk->stem_len != tk->key_len)
        head[1] = chain_of(c, tk->key + tk->stem_off, tk->stem_len);
    else if (conjunction(tk))
        head[2] = chain_of(c, tk->key + 2, tk->key_len - 2);
}

size_t hd_cues_match(const hd_cues *c, hd_doc *doc, size_t first, size_t end,
                     hd_cue_hit **out)
{
    hit_vec h = {NULL, 0, 0, doc->arena};
    const hd_word_view *v = hd_word_view_of(doc);
    if (v && v->cues != c)
        v = NULL;
    const uint8_t *skip = hd_tok_skips_of(doc, v);
    for (size_t t = first; t < end; t++) {
        if (skip && (skip[t] & HD_SKIP_CUE))
            continue; /* no chain: the common case, without the token */
        const hd_token *tk = &doc->tokens[t];
        if (tk->kind != HD_TOK_WORD)
            continue;
        uint32_t head[3];
        if (v && v->w[t])
            memcpy(head, v->w[t]->cue, sizeof head);
        else
            hd_cues_word(c, tk, head);
        if (!(head[0] | head[1] | head[2]))
            continue;
        /* the next word's sig turns away most longer forms at once */
        const uint8_t *second = v && t + 1 < end ? v->cue_second : NULL;
        const hd_word_info *next = second ? v->w[t + 1] : NULL;
        for (int k = 0; k < 3; k++)
            match_chain(c, doc, t, end, head[k], second, next, &h);
    }
    *out = h.v;
    return h.n;
}

const char *hd_cues_param_name(int p)
{
    return p >= 0 && p < HD_P_ALL ? param_names[p] : "?";
}
