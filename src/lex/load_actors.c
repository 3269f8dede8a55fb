/*
 * load_actors.c: PETRARCH actor dictionaries (actor_dict_ar_v4.txt and
 * hadath.actors.ar.txt).
 *
 * A record is a primary phrase with an optional default code, optional
 * +alias phrases, and optional date restrictions on lines that begin with a
 * TAB (petrarch2 docs/source/dictionaries.rst, "Actor Dictionary"):
 *
 *   نوري_المالكي_  [IRQ]         primary phrase, default code
 *   +المالكي_                     alias, same entry
 *   \t[IRQGOV 20060520-20140908]  code between two dates (inclusive)
 *   \t[IRQELI >20140908]          after;  [X <date] before
 *
 * Dates are YYYYMMDD or YYMMDD (YY < 30 is 20YY). The Arabic file has 82
 * ranges written backwards (19840502-18000101); they are taken swapped, as
 * the writer plainly meant a range, and each is reported as a warning so the
 * file can be fixed at the source. A '?' in a code marks the editor's doubt
 * ([IMG?]); the '?' is dropped and the line reported. A code-less
 * restriction ([ 19950518-19970602], [? >22000101]) cannot be taken.
 */
#include <stdlib.h>
#include <string.h>

#include "lex/lex_int.h"

static int is_code_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Cleans an actor code in place: drops '?'; returns its length, 0 when
 * nothing is left, -1 for a character a code cannot have. */
static long clean_code(char *c, size_t n, int *uncertain)
{
    size_t w = 0;
    *uncertain = 0;
    for (size_t r = 0; r < n; r++) {
        if (c[r] == '?') {
            *uncertain = 1;
            continue;
        }
        if (!is_code_char(c[r]))
            return -1;
        c[w++] = c[r];
    }
    return (long)w;
}

/* YYYYMMDD or YYMMDD -> YYYYMMDD, or -1. */
static long parse_date(const char *s, size_t n)
{
    if (n != 8 && n != 6)
        return -1;
    long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    if (n == 6)
        v += (v / 10000 < 30 ? 20000000L : 19000000L);
    long month = v / 100 % 100, day = v % 100;
    if (month < 1 || month > 12 || day < 1 || day > 31)
        return -1;
    return v;
}

static size_t digits(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && s[k] >= '0' && s[k] <= '9')
        k++;
    return k;
}

/* "<D", ">D", "D1-D2" (blanks allowed around the marks) -> [lo, hi]. */
static int parse_restriction(char *s, size_t n, long *lo, long *hi)
{
    s = lex_trim(s, &n);
    if (n && (s[0] == '<' || s[0] == '>')) {
        char mark = s[0];
        size_t m = n - 1;
        char *d = lex_trim(s + 1, &m);
        long v = parse_date(d, m);
        if (v < 0)
            return -1;
        *lo = mark == '<' ? 0 : v;
        *hi = mark == '<' ? v : 99999999L;
        return 0;
    }
    size_t a = digits(s, n);
    long v1 = parse_date(s, a);
    size_t k = a;
    while (k < n && (s[k] == ' ' || s[k] == '\t'))
        k++;
    if (v1 < 0 || k >= n || s[k] != '-')
        return -1;
    k++;
    while (k < n && (s[k] == ' ' || s[k] == '\t'))
        k++;
    size_t b = digits(s + k, n - k);
    long v2 = parse_date(s + k, b);
    if (v2 < 0 || k + b != n)
        return -1;
    *lo = v1;
    *hi = v2;
    return 0;
}

/* Takes "[CODE restriction]" content for the current actor. */
/* The code token of a bracket: letters and digits, starting with a letter;
 * '?' marks doubt and is dropped. Returns its length in code[], 0 when the
 * bracket has no code, -1 when the token is not a code. */
static long take_code(lex_loader *ld, const char *c, size_t k, char *code,
                      size_t cap, long ln)
{
    if (k == 0 || strspn(c, "0123456789-") >= k)
        return 0;
    int uncertain = 0;
    long cn = k < cap ? (memcpy(code, c, k), clean_code(code, k, &uncertain))
                      : -1;
    if (cn > 0 && !(code[0] >= 'A' && code[0] <= 'Z'))
        cn = -1;
    if (cn < 0) {
        lex_note(ld, ln, HD_LEX_SKIP, HD_LEXR_BAD_CODE,
                 "'%.*s' is not an actor code", (int)k, c);
        return -1;
    }
    if (uncertain && cn > 0)
        lex_note(ld, ln, HD_LEX_WARN, HD_LEXR_UNCERTAIN_CODE,
                 "code '%.*s' taken as '%.*s'", (int)k, c, (int)cn, code);
    return cn;
}

static void set_default(lex_loader *ld, lex_actor *a, uint32_t cs, long ln)
{
    hd_lex *lex = ld->lex;
    if (a->code == LEX_NONE || a->code == cs) {
        a->code = cs;
        return;
    }
    lex_note(ld, ln, HD_LEX_WARN, HD_LEXR_DUPLICATE,
             "default [%s] for '%s', which already has [%s]; the first is "
             "kept", lex_str(lex, cs), lex_str(lex, a->name),
             lex_str(lex, a->code));
}

static void add_restriction(hd_lex *lex, lex_actor *a, uint32_t cs, long lo,
                            long hi)
{
    for (uint32_t k = a->r_first; a->r_n && k != LEX_NONE;
         k = lex->restrs[k].next)
        if (lex->restrs[k].code == cs && lex->restrs[k].lo == lo &&
            lex->restrs[k].hi == hi)
            return; /* the same restriction written again */
    lex_restr *r = LEX_PUSH(lex, restrs);
    r->code = cs;
    r->lo = (int32_t)lo;
    r->hi = (int32_t)hi;
    r->next = LEX_NONE;
    uint32_t id = (uint32_t)(lex->n_restrs - 1);
    if (a->r_n == 0)
        a->r_first = id;
    else
        lex->restrs[a->r_last].next = id;
    a->r_last = id;
    a->r_n++;
}

/* Takes "[CODE restriction]" content for the current actor. */
static void restriction(lex_loader *ld, char *c, size_t n, long ln)
{
    hd_lex *lex = ld->lex;
    c = lex_trim(c, &n);
    size_t k = 0;
    while (k < n && c[k] != ' ' && c[k] != '\t' && c[k] != '<' && c[k] != '>')
        k++;
    char code[64];
    long cn = take_code(ld, c, k, code, sizeof code, ln);
    if (cn == 0)
        lex_note(ld, ln, HD_LEX_SKIP, HD_LEXR_NO_CODE,
                 "restriction [%s] has no code", c);
    if (cn <= 0)
        return;
    uint32_t cs = lex_pool_intern(&lex->pool, code, (size_t)cn);
    lex_actor *a = &lex->actors[ld->actor];
    if (k == n) { /* [CODE] alone: the default */
        set_default(ld, a, cs, ln);
        return;
    }
    long lo, hi;
    if (parse_restriction(c + k, n - k, &lo, &hi) < 0) {
        lex_note(ld, ln, HD_LEX_SKIP, HD_LEXR_BAD_DATE,
                 "cannot read the dates in [%s]", c);
        return;
    }
    if (lo > hi) {
        lex_note(ld, ln, HD_LEX_WARN, HD_LEXR_BACKWARDS_RANGE,
                 "[%s]: range written backwards, taken as %ld-%ld", c, hi, lo);
        long t = lo;
        lo = hi;
        hi = t;
        ld->st->backwards_ranges++;
    }
    add_restriction(lex, a, cs, lo, hi);
    ld->st->date_ranges++;
}

/* Compiles and inserts a phrase; returns its node, or LEX_NONE. */
static uint32_t insert_phrase(lex_loader *ld, const char *text, size_t n,
                              long ln)
{
    lex_phrase ph;
    const char *why;
    if (lex_phrase_compile(text, n, "_", &ph, &why) < 0) {
        lex_note(ld, ln, HD_LEX_SKIP, HD_LEXR_EMPTY_PHRASE, "%s: '%.*s'", why,
                 (int)n, text);
        return LEX_NONE;
    }
    return lex_phrase_insert(ld->lex, ld->lex->root_actor, &ph);
}

static void add_term(lex_loader *ld, uint32_t node, const char *text,
                     size_t n, long ln)
{
    hd_lex *lex = ld->lex;
    lex_trie_add_term(&lex->trie, node, ld->actor,
                      lex_pool_add(&lex->pool, text, n), ld->file,
                      (uint32_t)ln);
    lex->n_actor_phrases++;
}

static uint32_t new_actor(hd_lex *lex, const char *phrase, size_t pn)
{
    lex_actor *a = LEX_PUSH(lex, actors);
    a->name = lex_pool_add(&lex->pool, phrase, pn);
    a->code = LEX_NONE;
    a->r_first = a->r_last = LEX_NONE;
    a->r_n = 0;
    return (uint32_t)(lex->n_actors - 1);
}

/* Which entry the record starting at this primary phrase feeds: a new one;
 * the first record of the phrase when this file wrote it before (the Arabic
 * file repeats phrases, each time with other date restrictions); or, when
 * an earlier file owns the phrase, an entry no phrase reaches, so that the
 * record's lines are still read and checked but not used. */
static void record_entry(lex_loader *ld, uint32_t node, const char *phrase,
                         size_t pn, long ln)
{
    hd_lex *lex = ld->lex;
    uint32_t first = lex->trie.head[node];
    if (first == LEX_NONE) {
        ld->actor = new_actor(lex, phrase, pn);
        ld->st->entries++;
        add_term(ld, node, phrase, pn, ln);
    } else if (lex->trie.terms[first].file == ld->file) {
        ld->actor = lex->trie.terms[first].entry;
        ld->st->duplicates++;
    } else {
        const lex_term *t = &lex->trie.terms[first];
        lex_note(ld, ln, HD_LEX_INFO, HD_LEXR_OVERRIDDEN,
                 "'%s' is defined at %s:%u, which wins; this record is "
                 "not used", phrase, lex->files[t->file], t->line);
        ld->actor = new_actor(lex, phrase, pn);
        ld->skip_record = 1;
        ld->st->overridden++;
    }
}

static void primary(lex_loader *ld, char *line, size_t n, long ln)
{
    char *open = memchr(line, '[', n);
    size_t pn = open ? (size_t)(open - line) : n;
    char *phrase = lex_trim(line, &pn); /* may cut at '[' */
    ld->actor = LEX_NONE;
    ld->skip_record = 0;
    uint32_t node = insert_phrase(ld, phrase, pn, ln);
    if (node == LEX_NONE)
        return;
    record_entry(ld, node, phrase, pn, ln);
    if (!open)
        return;
    char *close = strchr(open + 1, ']');
    if (!close)
        lex_note(ld, ln, HD_LEX_WARN, HD_LEXR_BAD_CODE,
                 "'[' without ']'; no default code taken");
    else
        restriction(ld, open + 1, (size_t)(close - open - 1), ln);
}

static void alias(lex_loader *ld, char *line, size_t n, long ln)
{
    hd_lex *lex = ld->lex;
    char *open = memchr(line, '[', n);
    size_t pn = open ? (size_t)(open - line - 1) : n - 1;
    char *text = lex_trim(line + 1, &pn);
    if (open)
        lex_note(ld, ln, HD_LEX_WARN, HD_LEXR_BAD_CODE,
                 "a code on an alias line is ignored (aliases share the "
                 "entry's codes)");
    uint32_t node = insert_phrase(ld, text, pn, ln);
    if (node == LEX_NONE)
        return;
    ld->st->aliases++;
    uint32_t first = lex->trie.head[node];
    if (first == LEX_NONE) {
        add_term(ld, node, text, pn, ln);
        return;
    }
    const lex_term *t = &lex->trie.terms[first];
    if (t->entry == ld->actor) {
        ld->st->duplicates++;
        return;
    }
    int same_file = t->file == ld->file;
    ld->st->overridden += !same_file;
    lex_note(ld, ln, same_file ? HD_LEX_WARN : HD_LEX_INFO,
             same_file ? HD_LEXR_DUPLICATE : HD_LEXR_OVERRIDDEN,
             "alias '%s' is already the phrase of %s:%u; that entry is used",
             text, lex->files[t->file], t->line);
}

void lex_load_actors(lex_loader *ld, lex_lines *ls)
{
    ld->actor = LEX_NONE;
    size_t n;
    char *line;
    while ((line = lex_lines_next(ls, &n))) {
        ld->st->lines++;
        long ln = ls->lineno;
        lex_cut_comment(line, &n, 1);
        line = lex_trim(line, &n);
        if (!n)
            continue;
        if (line[0] != '[' && line[0] != '+') {
            primary(ld, line, n, ln);
        } else if (ld->skip_record && line[0] == '+') {
            ld->st->overridden++; /* part of the record reported above */
        } else if (ld->actor == LEX_NONE) {
            lex_note(ld, ln, HD_LEX_SKIP,
                     line[0] == '+' ? HD_LEXR_ORPHAN_ALIAS
                                    : HD_LEXR_ORPHAN_RESTRICTION,
                     "'%s' has no actor entry before it", line);
        } else if (line[0] == '+') {
            alias(ld, line, n, ln);
        } else {
            char *close = strchr(line, ']');
            if (!close)
                lex_note(ld, ln, HD_LEX_SKIP, HD_LEXR_BAD_DATE,
                         "'[' without ']'");
            else
                restriction(ld, line + 1, (size_t)(close - line - 1), ln);
            ld->st->overridden += (size_t)ld->skip_record;
        }
    }
}
