/*
 * quantity.c: how many, of whom, and what happened to them.
 *
 * A number in Arabic news is worth keeping when it counts people: "أكثر من
 * ثلاثة آلاف مدني"، "مقتل 12 شخصا"، "اعتقلت الشرطة 30 متظاهرا". The parser
 * (src/text/number.c) reads the number; this file reads the words around it
 * against data/dict/hadath.counted.ar.txt:
 *
 *   the counted noun   the word right after the number, or after من when
 *                      a definite noun follows (275 من المرتزقة), with up to
 *                      two nisba adjectives that agree with it in the
 *                      article (إرهابي أجنبي). A noun listed as a unit
 *                      (دولار، كلم، عاما، أكتوبر) drops the number.
 *   the outcome        dead, injured or arrested: from the noun itself
 *                      (قتيل), from a word just after the noun (قتلوا،
 *                      حتفهم), or from a word up to five tokens before the
 *                      number (مقتل، اعتقلت الشرطة). The outcome is the
 *                      category when there is one: 30 protesters arrested
 *                      are "arrested", 12 civilians killed are "dead".
 *   the kind           otherwise the noun's own kind: civilians, fighters,
 *                      protesters or people.
 *
 * A number with neither an outcome nor a listed noun is dropped: hadath
 * keeps counts of people and casualties only, never money, distance, time,
 * ages or dates (those go through the unit list or fail the noun test). A
 * bare year (1900..2100 in digits) needs a people noun to count. With an
 * outcome and no listed noun, a gentilic plural (فلسطينيين) is taken as the
 * noun, and a number with no noun at all ("قتل 5 وأصيب 12") is kept with an
 * empty `of`.
 *
 * Events. A quantity belongs to the nearest event trigger of its clause
 * (same sentence, no , ; : or clause word such as إذ or بينما between);
 * dead, injured and arrested counts also reach an event elsewhere in the
 * sentence when their own clause has none. An event's dead, injured and
 * arrested are the sums of its quantities of that category (a count after
 * بينهم/منهم is part of another and is not added); its size is the number
 * of participants, taken from the kinds that take part in its type:
 * PROTEST protesters/people/civilians, MOBILIZE fighters/protesters/people,
 * RETREAT fighters/people/civilians, ASSAULT fighters. -1 means unknown.
 *
 * Each quantity gets the date of its clause by the events' rule (date.c's
 * hd_date_near: a resolved day in its sentence, else the article date) and
 * the attribution that covers its first byte.
 */
#include "code/quantity.h"

#include "code/date.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "text/number.h"
#include "text/words.h"

static const char *const COUNT_TAGS[HD_CT_COUNT] = {
    "civilians", "fighters", "people", "protesters", "dead", "injured",
    "arrested", "unit", "before:dead", "before:injured", "before:arrested",
    "after:dead", "after:injured", "after:arrested", "subset", "clause",
    "notnoun"};

int hd_counted_load(hd_phrases *p, const char *data_dir, hd_error *err)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", data_dir, HD_COUNTED_FILE);
    return hd_phrases_load(p, path, COUNT_TAGS, HD_CT_COUNT, 1, err);
}

const char *hd_quantity_category_name(int tag)
{
    return tag >= HD_CT_CIVILIANS && tag <= HD_CT_ARRESTED ? COUNT_TAGS[tag]
                                                            : NULL;
}

/* ---------------------------------------------------------------- words */

typedef struct qctx {
    hd_doc *doc;
    const hd_phrases *cp;
    uint8_t *subset;          /* per quantity: counted inside another */
    hd_quantity *out;
    size_t n, cap;
} qctx;

static const hd_token *tk(const qctx *q, size_t i)
{
    return &q->doc->tokens[i];
}

static int tag_of(const qctx *q, size_t i, size_t end, size_t *len,
                  int *tanwin)
{
    int tag = -1;
    size_t n = hd_phrases_match_ex(q->cp, q->doc, i, end, -1, &tag, tanwin);
    if (len)
        *len = n;
    return n ? tag : -1;
}

static int is_outcome(int tag)
{
    return tag == HD_CT_DEAD || tag == HD_CT_INJURED || tag == HD_CT_ARRESTED;
}

static int is_kind(int tag)
{
    return tag >= HD_CT_CIVILIANS && tag <= HD_CT_ARRESTED;
}

static int ends_with(const hd_token *t, const char *suffix)
{
    size_t n = strlen(suffix);
    return t->key_len >= n && memcmp(t->key + t->key_len - n, suffix, n) == 0;
}

/* A nisba word (ـي، ـية، ـيين، ـيون، ـيا، ـيات) of four letters or more:
 * the shape of the adjectives (أجنبي) and gentilics (فلسطينيين) that follow
 * a counted noun. A few words of grammar share the shape. */
static int nisba(const hd_token *t)
{
    static const char *const grammar[] = {
        "\xd8\xa7\xd9\x84\xd8\xb0\xd9\x8a",             /* الذي */
        "\xd8\xa7\xd9\x84\xd8\xaa\xd9\x8a",             /* التي */
        "\xd8\xad\xd9\x88\xd8\xa7\xd9\x84\xd9\x8a",     /* حوالي */
        "\xd8\xa7\xd9\x84\xd8\xaa\xd8\xa7\xd9\x84\xd9\x8a", /* التالي */
    };
    if (t->kind != HD_TOK_WORD || t->key_len < 8)
        return 0;
    for (size_t g = 0; g < sizeof grammar / sizeof grammar[0]; g++)
        if (t->key_len == strlen(grammar[g]) &&
            memcmp(t->key, grammar[g], t->key_len) == 0)
            return 0;
    return ends_with(t, "\xd9\x8a") || ends_with(t, "\xd9\x8a\xd9\x87") ||
           ends_with(t, "\xd9\x8a\xd9\x8a\xd9\x86") ||
           ends_with(t, "\xd9\x8a\xd9\x88\xd9\x86") ||
           ends_with(t, "\xd9\x8a\xd8\xa7") ||
           ends_with(t, "\xd9\x8a\xd8\xa7\xd8\xaa");
}

/* An unlisted word that looks like a counted noun: no clitics, four
 * letters or more, a nisba or the ending of an accusative (ـا) or a plural
 * (ـين، ـون، ـات), not the ـوا of a verb. */
static int noun_shape(const hd_token *t)
{
    if (t->kind != HD_TOK_WORD || t->prefixes || t->key_len < 8)
        return 0;
    if (ends_with(t, "\xd9\x88\xd8\xa7"))
        return 0; /* ـوا: a verb (قضوا) */
    return nisba(t) || ends_with(t, "\xd8\xa7") ||
           ends_with(t, "\xd9\x8a\xd9\x86") ||
           ends_with(t, "\xd9\x88\xd9\x86") ||
           ends_with(t, "\xd8\xa7\xd8\xaa");
}

static int definite(const hd_token *t)
{
    return (t->prefixes & HD_PFX_AL) != 0;
}

/* Up to two adjectives after noun n that agree with it in the article. */
static size_t adjectives(const qctx *q, size_t n, size_t end)
{
    size_t j = n + 1;
    while (j < end && j < n + 3) {
        const hd_token *t = tk(q, j);
        if (!nisba(t) || definite(t) != definite(tk(q, n)) ||
            (t->prefixes & ~HD_PFX_AL) || tag_of(q, j, end, NULL, NULL) >= 0)
            break;
        j++;
    }
    return j;
}

/* Where a word's surface ends once its accusative alef (and the tanwin
 * around it) is left off: شخصاً -> شخص. */
static uint32_t end_before_alef(const qctx *q, size_t i)
{
    const hd_token *t = tk(q, i);
    const char *s = q->doc->text;
    uint32_t e = t->end;
    int alef = 0;
    while (e >= t->start + 2) {
        const unsigned char *p = (const unsigned char *)s + e - 2;
        int mark = p[0] == 0xD9 && p[1] >= 0x8B && p[1] <= 0x92;
        int is_alef = p[0] == 0xD8 && p[1] == 0xA7;
        if (mark || (is_alef && !alef)) {
            alef |= is_alef;
            e -= 2;
            continue;
        }
        break;
    }
    return alef && e > t->start ? e : t->end;
}

/* ------------------------------------------------------- one quantity */

/* What a number counts: tokens [noun, noun_end) (none when equal), the
 * tag the list gives the noun (-1: a gentilic, or no noun), and where the
 * whole quantity ends. */
typedef struct counted {
    size_t noun, noun_end, end;
    int noun_tag, tanwin, outcome;
} counted;

static int key_is(const hd_token *t, const char *s)
{
    return t->key_len == strlen(s) && memcmp(t->key, s, t->key_len) == 0;
}

/* The noun after the number (or after من before a definite noun). Returns
 * 0 when the noun is a unit: the number counts no people. */
static int find_noun(const qctx *q, const hd_number *num, size_t send,
                     counted *c)
{
    size_t k = num->tok_end, len = 0;
    c->noun = c->noun_end = c->end = k;
    c->noun_tag = -1;
    c->tanwin = 0;
    if (k >= send)
        return 1;
    size_t n = k;
    if (key_is(tk(q, k), "\xd9\x85\xd9\x86") && k + 1 < send &&
        (definite(tk(q, k + 1)) ||
         is_kind(tag_of(q, k + 1, send, NULL, NULL))))
        n = k + 1; /* 275 من المرتزقة، أربعة من رجال الشرطة */
    int tag = tag_of(q, n, send, &len, &c->tanwin);
    if (tag == HD_CT_UNIT && (n > k || !definite(tk(q, n)) ||
                              num->qualifier == HD_Q_APPROX_PLURAL))
        return 0; /* not "عشرة الأسبوع الماضي", but ملايين الدولارات */
    if (tk(q, n)->prefixes & (HD_PFX_WA | HD_PFX_FA))
        tag = -1; /* مقتل أربعة وإصابة: a new phrase, no noun */
    if (is_kind(tag)) {
        c->noun = n;
        c->noun_tag = tag;
        c->noun_end = len == 1 ? adjectives(q, n, send) : n + len;
    } else if (tag < 0 && n == k && noun_shape(tk(q, n))) {
        c->noun = n; /* متطوعا، فلسطينيين: if an outcome says so */
        c->noun_end = n + 1;
        c->tanwin = ends_with(tk(q, n), "\xd8\xa7");
    }
    c->end = c->noun_end > c->noun ? c->noun_end : k;
    return 1;
}

static int outcome_of(int tag)
{
    switch (tag) {
    case HD_CT_DEAD: case HD_CT_BEFORE_DEAD: case HD_CT_AFTER_DEAD:
        return HD_CT_DEAD;
    case HD_CT_INJURED: case HD_CT_BEFORE_INJURED: case HD_CT_AFTER_INJURED:
        return HD_CT_INJURED;
    case HD_CT_ARRESTED: case HD_CT_BEFORE_ARRESTED:
    case HD_CT_AFTER_ARRESTED:
        return HD_CT_ARRESTED;
    }
    return -1;
}

/* What happened to those counted: the noun's own outcome, a word right
 * after the noun, or one of the five words before the number (no
 * punctuation between). -1 when nothing says. */
static int find_outcome(const qctx *q, const hd_number *num, size_t first,
                        size_t send, const counted *c)
{
    if (is_outcome(c->noun_tag))
        return c->noun_tag;
    static const int after[] = {HD_CT_AFTER_DEAD, HD_CT_AFTER_INJURED,
                                HD_CT_AFTER_ARRESTED};
    int ql = 0;
    size_t at = c->end;
    if (at < send)
        at += hd_number_post_qualifier(q->doc, at, send, &ql);
    for (size_t k = 0; at < send && k < 3; k++)
        if (hd_phrases_match(q->cp, q->doc, at, send, after[k], NULL))
            return outcome_of(after[k]); /* 3 اشخاص (على الأقل) قتلوا */
    int tag;
    for (size_t j = num->tok_first; j-- > first && j + 5 >= num->tok_first;) {
        if (tk(q, j)->kind == HD_TOK_PUNCT)
            break;
        tag = tag_of(q, j, num->tok_first, NULL, NULL);
        if (is_outcome(tag) ||
            (tag >= HD_CT_BEFORE_DEAD && tag <= HD_CT_BEFORE_ARRESTED))
            return outcome_of(tag);
    }
    return -1;
}

/* بينهم، منهم، من بينهم right before the number. */
static int is_subset(const qctx *q, const hd_number *num, size_t first)
{
    for (size_t back = 1; back <= 2 && num->tok_first >= first + back;
         back++) {
        size_t j = num->tok_first - back, len = 0;
        int tag = -1;
        len = hd_phrases_match(q->cp, q->doc, j, num->tok_first,
                               HD_CT_SUBSET, &tag);
        if (len && j + len == num->tok_first)
            return 1;
    }
    return 0;
}

/* A bare year in digits: 2009 counts no one unless a noun says so. */
static int bare_year(const qctx *q, const hd_number *num)
{
    return num->tok_end == num->tok_first + 1 &&
           tk(q, num->tok_first)->kind == HD_TOK_NUMBER &&
           num->qualifier == HD_Q_EXACT && num->value >= 1900 &&
           num->value <= 2100 && floor(num->value) == num->value;
}

/* The words after the noun that still belong to the quantity: a
 * coordinated noun of people (وعائلاتهم) and a post qualifier (على الأقل). */
static void extend(const qctx *q, hd_number *num, size_t send, counted *c)
{
    size_t len = 0;
    if (c->noun_end > c->noun && c->end < send &&
        (tk(q, c->end)->prefixes & HD_PFX_WA) &&
        is_kind(tag_of(q, c->end, send, &len, NULL)) && len == 1)
        c->end++;
    int ql = 0;
    size_t taken = hd_number_post_qualifier(q->doc, c->end, send, &ql);
    if (taken) {
        hd_number_qualify(num, ql);
        c->end += taken;
    }
}

/* Where the number's first word starts without its clitics (وثلاثة،
 * بثلاثة، لعشرة): one letter for each of و ف ب ل ك, and the harakat on
 * them. */
static uint32_t start_after_clitics(const qctx *q, size_t i)
{
    const hd_token *t = tk(q, i);
    unsigned pf = t->prefixes & (HD_PFX_WA | HD_PFX_FA | HD_PFX_BI |
                                 HD_PFX_LI | HD_PFX_KA);
    if (t->kind != HD_TOK_WORD || !pf || (t->prefixes & HD_PFX_AL))
        return t->start;
    const unsigned char *s = (const unsigned char *)q->doc->text;
    uint32_t p = t->start;
    for (unsigned b = pf; b && p + 1 < t->end; b &= b - 1) {
        p += 2; /* a clitic letter: two bytes in UTF-8 */
        while (p + 1 < t->end && s[p] == 0xD9 && s[p + 1] >= 0x8B &&
               s[p + 1] <= 0x92)
            p += 2;
    }
    return p < t->end ? p : t->start;
}

static hd_quantity *push(qctx *q)
{
    if (q->n == q->cap) {
        size_t cap = q->cap ? q->cap * 2 : 16;
        hd_quantity *grown = hd_arena_alloc(q->doc->arena, cap * sizeof *grown);
        uint8_t *flags = hd_arena_alloc(q->doc->arena, cap);
        if (q->n) {
            memcpy(grown, q->out, q->n * sizeof *grown);
            memcpy(flags, q->subset, q->n);
        }
        q->out = grown;
        q->subset = flags;
        q->cap = cap;
    }
    memset(&q->out[q->n], 0, sizeof q->out[q->n]);
    q->subset[q->n] = 0;
    return &q->out[q->n++];
}

/* The date of a quantity's clause: a resolved day of its sentence (the
 * rule events use), else the article date. */
static const char *clause_date(const hd_doc *doc, uint32_t si, hd_span at)
{
    const hd_date_mention *m = hd_date_near(doc, si, at);
    if (m && m->precision == HD_DATE_DAY && m->date[0])
        return m->date;
    return doc->date;
}

static void record(qctx *q, uint32_t si, const hd_number *num,
                   const counted *c, int category, int subset)
{
    hd_quantity *r = push(q);
    r->span.start = start_after_clitics(q, num->tok_first);
    r->span.end = tk(q, c->end - 1)->end;
    r->sentence = si;
    r->value = num->value;
    r->min = num->min;
    r->max = num->max;
    r->qualifier = num->qualifier;
    if (c->noun_end > c->noun) {
        r->of.start = tk(q, c->noun)->start;
        r->of.end = c->noun_end == c->noun + 1 && c->tanwin
                        ? end_before_alef(q, c->noun)
                        : tk(q, c->noun_end - 1)->end;
    }
    r->category = hd_quantity_category_name(category);
    r->date = clause_date(q->doc, si, r->span);
    r->attribution = hd_attribution_at(q->doc, num->start);
    r->event = -1;
    q->subset[q->n - 1] = (uint8_t)subset;
}

/* Reads the number at token i of sentence si; returns the tokens to skip. */
static size_t one_number(qctx *q, uint32_t si, size_t i)
{
    const hd_sentence *s = &q->doc->sentences[si];
    size_t first = s->tok_first, send = first + s->tok_count;
    hd_number num;
    size_t used = hd_number_at(q->doc, i, send, &num);
    if (!used)
        return 1;
    counted c;
    if (!find_noun(q, &num, send, &c))
        return used;
    int outcome = find_outcome(q, &num, first, send, &c);
    int category = outcome >= 0 ? outcome : c.noun_tag;
    if (category < 0 || (c.noun_tag < 0 && bare_year(q, &num)))
        return used; /* counts no people */
    extend(q, &num, send, &c);
    record(q, si, &num, &c, category, is_subset(q, &num, first));
    return c.end > i ? c.end - i : used;
}

/* ------------------------------------------------------------- events */

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

/* Is there a clause boundary among tokens [a, b)? */
static int boundary(const qctx *q, size_t a, size_t b)
{
    for (size_t t = a; t < b; t++) {
        const hd_token *x = tk(q, t);
        if (x->kind == HD_TOK_PUNCT &&
            (key_is(x, ",") || key_is(x, ";") || key_is(x, ":") ||
             key_is(x, ".") || key_is(x, "!") || key_is(x, "?")))
            return 1;
        if (hd_phrases_match(q->cp, q->doc, t, b, HD_CT_CLAUSE, NULL))
            return 1;
    }
    return 0;
}

/* The event of quantity r: the nearest trigger of its clause, or for a
 * casualty count the nearest of its sentence. -1 when none. */
static int32_t event_of(const qctx *q, const hd_quantity *r)
{
    const hd_doc *d = q->doc;
    size_t qa = token_from(d, r->span.start), qb = token_from(d, r->span.end);
    int32_t best = -1, fallback = -1;
    size_t best_gap = SIZE_MAX, fb_gap = SIZE_MAX;
    for (size_t e = 0; e < d->n_events; e++) {
        const hd_event *ev = &d->events[e];
        if (ev->sentence != r->sentence)
            continue;
        size_t ea = token_from(d, ev->trigger.start);
        size_t eb = token_from(d, ev->trigger.end);
        size_t lo = eb <= qa ? eb : qb, hi = eb <= qa ? qa : ea;
        if (ea < qb && eb > qa)
            lo = hi = qa; /* overlapping */
        size_t gap = hi - lo;
        if (gap < fb_gap) {
            fb_gap = gap;
            fallback = (int32_t)e;
        }
        if (gap < best_gap && !boundary(q, lo, hi)) {
            best_gap = gap;
            best = (int32_t)e;
        }
    }
    if (best < 0 && r->category &&
        (!strcmp(r->category, "dead") || !strcmp(r->category, "injured") ||
         !strcmp(r->category, "arrested")))
        best = fallback;
    return best;
}

/* Does a count of people of this category give the size of an event of
 * this PLOVER type? See the top of the file. */
static int gives_size(const char *type, const char *category)
{
    static const struct {
        const char *type, *categories;
    } table[] = {
        {"PROTEST", "protesters people civilians"},
        {"MOBILIZE", "fighters protesters people"},
        {"RETREAT", "fighters people civilians"},
        {"ASSAULT", "fighters"},
    };
    if (!type || !category)
        return 0;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (strcmp(type, table[i].type) != 0)
            continue;
        const char *hit = strstr(table[i].categories, category);
        size_t n = strlen(category);
        return hit && (hit[n] == ' ' || hit[n] == '\0');
    }
    return 0;
}

static void add(double *field, double v)
{
    *field = *field < 0 ? v : *field + v;
}

static void attach(qctx *q)
{
    hd_doc *d = q->doc;
    for (size_t e = 0; e < d->n_events; e++) {
        hd_event *ev = &d->events[e];
        ev->dead = ev->injured = ev->arrested = ev->size = -1;
    }
    for (size_t i = 0; i < q->n; i++) {
        hd_quantity *r = &q->out[i];
        r->event = event_of(q, r);
        if (r->event < 0 || q->subset[i] || !r->category)
            continue;
        hd_event *ev = &d->events[r->event];
        if (!strcmp(r->category, "dead"))
            add(&ev->dead, r->value);
        else if (!strcmp(r->category, "injured"))
            add(&ev->injured, r->value);
        else if (!strcmp(r->category, "arrested"))
            add(&ev->arrested, r->value);
        else if (gives_size(ev->event_type, r->category))
            add(&ev->size, r->value);
    }
}

/* ---------------------------------------------------------------- API */

int hd_code_quantities(hd_doc *doc, const hd_phrases *counted, hd_error *err)
{
    return hd_code_quantities_in(doc, counted, NULL, err);
}

int hd_code_quantities_in(hd_doc *doc, const hd_phrases *counted,
                          const uint8_t *need, hd_error *err)
{
    if (!doc || !counted) {
        hd_error_set(err, "", 0, -1,
                     "hd_code_quantities: no document or no phrase list");
        return -1;
    }
    qctx q = {doc, counted, NULL, NULL, 0, 0};
    /* the word memo knows the tokens no number starts at (hd_number_at
     * would say 0): most of them */
    const hd_word_view *v = hd_word_view_of(doc);
    const uint8_t *skip = hd_tok_skips_of(doc, v);
    for (size_t si = 0; si < doc->n_sentences; si++) {
        if (need && !need[si])
            continue; /* no event its numbers could count for is read */
        const hd_sentence *s = &doc->sentences[si];
        for (size_t i = s->tok_first; i < s->tok_first + s->tok_count;) {
            if (skip && (skip[i] & HD_SKIP_NUMBER))
                i++;
            else
                i += one_number(&q, (uint32_t)si, i);
        }
    }
    attach(&q);
    doc->quantities = q.out;
    doc->n_quantities = q.n;
    return 0;
}
