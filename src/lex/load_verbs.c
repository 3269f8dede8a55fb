/*
 * load_verbs.c: the PETRARCH verb dictionary (CAMEO.ar.0.5.txt) and synonym
 * set files (synsets.ar.txt).
 *
 * The shapes, from petrarch2's docs/source/dictionaries.rst and the TABARI
 * manual (chapter 5), as the Arabic file uses them:
 *
 *   &NAME                     a synonym set; its members follow as
 *   +word_word_               phrases (`_` or blank between words)
 *   --- NAME [code] ---       a verb block; [---] is the null code
 *   verb  [code]  # gloss     a verb of the block, optional own code;
 *                             `+` and `_` join words (حقق+في)
 *   - * word (prep noun) {a b} &SET $ + %  [code]  # v1,v2
 *                             a pattern: `*` is the verb, words before it
 *                             are the upper part, after it the lower part;
 *                             ( ) and { } group words that must be adjacent;
 *                             $ source, + target, % compound actor slots;
 *                             [043:042] gives active and passive codes.
 *
 * The Arabic file was built by merging translated English blocks, so the
 * trailing comment of a pattern lists the verbs it was written for. When a
 * verb of that list is a verb of the block, the pattern is kept to those
 * verbs (lex_finish_patterns); when none is, the list says nothing usable
 * and the pattern serves the whole block.
 *
 * Synset references are resolved after every file is read, so a pattern
 * may use a set defined later or in synsets.ar.txt. A set defined twice
 * (the verb file repeats synsets.ar.txt) is merged.
 */
#include <string.h>

#include "lex/lex_int.h"

#define MAX_ELEMS 48

static uint32_t find_synset(const hd_lex *lex, const char *name, size_t n)
{
    for (size_t k = 0; k < lex->n_synsets; k++) {
        const char *s = lex_str(lex, lex->synsets[k].name);
        if (strlen(s) == n && memcmp(s, name, n) == 0)
            return (uint32_t)k;
    }
    return LEX_NONE;
}

/* "&NAME" or "&NAME_", up to a blank; returns the length without '_'. */
static size_t synset_name_len(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && s[k] != ' ' && s[k] != '\t' && s[k] != ')' &&
           s[k] != '}' && s[k] != '(' && s[k] != '{')
        k++;
    while (k > 1 && s[k - 1] == '_')
        k--;
    return k;
}

static void synset_header(lex_loader *ld, char *line, size_t n, long ln)
{
    hd_lex *lex = ld->lex;
    size_t k = synset_name_len(line, n);
    if (k < 2) {
        lex_note(ld, ln, HD_LEX_SKIP, HD_LEXR_UNKNOWN_LINE,
                 "synset header without a name: '%s'", line);
        ld->synset = LEX_NONE;
        return;
    }
    ld->block = LEX_NONE;
    ld->st->synsets++;
    uint32_t s = find_synset(lex, line, k);
    if (s == LEX_NONE) {
        lex_synset *set = LEX_PUSH(lex, synsets);
        set->name = lex_pool_intern(&lex->pool, line, k);
        set->root = lex_trie_new_root(&lex->trie);
        s = (uint32_t)(lex->n_synsets - 1);
    }
    ld->synset = s;
}

static void synset_member(lex_loader *ld, const char *text, size_t n, long ln)
{
    hd_lex *lex = ld->lex;
    if (ld->synset == LEX_NONE) {
        lex_note(ld, ln, HD_LEX_SKIP, HD_LEXR_ORPHAN_ALIAS,
                 "'+%.*s' is not inside a synset", (int)n, text);
        return;
    }
    lex_phrase ph;
    const char *why;
    if (lex_phrase_compile(text, n, "_", &ph, &why) < 0) {
        lex_note(ld, ln, HD_LEX_SKIP, HD_LEXR_EMPTY_PHRASE, "%s: '%.*s'", why,
                 (int)n, text);
        return;
    }
    uint32_t node = lex_phrase_insert(lex, lex->synsets[ld->synset].root, &ph);
    ld->st->synset_members++;
    if (lex_node_has_entry(lex, node, ld->synset)) {
        ld->st->duplicates++;
        return;
    }
    lex_trie_add_term(&lex->trie, node, ld->synset,
                      lex_pool_add(&lex->pool, text, n), ld->file,
                      (uint32_t)ln);
}

/* Finds "[...]" (the last one); returns its content or NULL. */
static char *bracket(char *line, size_t n, size_t *len, char **open)
{
    char *o = NULL;
    for (size_t k = n; k-- > 0;)
        if (line[k] == '[') {
            o = line + k;
            break;
        }
    if (!o)
        return NULL;
    char *c = memchr(o, ']', n - (size_t)(o - line));
    if (!c)
        return NULL;
    *open = o;
    *len = (size_t)(c - o - 1);
    return o + 1;
}

static void block_header(lex_loader *ld, char *line, size_t n, long ln)
{
    hd_lex *lex = ld->lex;
    while (n && line[0] == '-') {
        line++;
        n--;
    }
    while (n && line[n - 1] == '-')
        line[--n] = '\0';
    line = lex_trim(line, &n);
    uint32_t code = LEX_NONE;
    size_t clen;
    char *open = NULL, *c = bracket(line, n, &clen, &open);
    if (c) {
        if (lex_parse_event_code(lex, c, clen, &code) < 0)
            lex_note(ld, ln, HD_LEX_WARN, HD_LEXR_BAD_CODE,
                     "block code [%.*s] is not a CAMEO code; block taken "
                     "with the null code", (int)clen, c);
        n = (size_t)(open - line);
        line = lex_trim(line, &n);
    }
    lex_block *b = LEX_PUSH(lex, blocks);
    b->name = lex_pool_add(&lex->pool, line, n);
    b->code = code;
    b->p_first = (uint32_t)lex->n_patterns;
    b->p_n = 0;
    b->v_first = (uint32_t)lex->n_verbs;
    b->v_n = 0;
    ld->block = (uint32_t)(lex->n_blocks - 1);
    ld->synset = LEX_NONE;
    ld->st->blocks++;
}

static void add_verb(lex_loader *ld, const char *text, size_t n, uint32_t code,
                     int has_code, long ln)
{
    hd_lex *lex = ld->lex;
    lex_phrase ph;
    const char *why;
    if (lex_phrase_compile(text, n, "_+", &ph, &why) < 0) {
        lex_note(ld, ln, HD_LEX_SKIP, HD_LEXR_EMPTY_PHRASE, "verb: %s: '%.*s'",
                 why, (int)n, text);
        return;
    }
    uint32_t node = lex_phrase_insert(lex, lex->root_verb, &ph);
    lex_verb *v = LEX_PUSH(lex, verbs);
    v->block = ld->block;
    v->code = code;
    v->has_code = has_code;
    v->text = lex_pool_add(&lex->pool, text, n);
    v->norm = lex_phrase_norm(lex, &ph);
    v->line = (uint32_t)ln;
    v->file = ld->file;
    lex->blocks[ld->block].v_n++;
    lex_trie_add_term(&lex->trie, node, (uint32_t)(lex->n_verbs - 1), v->text,
                      ld->file, (uint32_t)ln);
    ld->st->entries++;
}

/* verb [code] {irregular forms}  (the English format's braces, if any) */
static void verb_line(lex_loader *ld, char *line, size_t n, long ln)
{
    uint32_t code = LEX_NONE;
    int has_code = 0;
    size_t clen;
    char *open = NULL, *c = bracket(line, n, &clen, &open);
    if (c) {
        if (lex_parse_event_code(ld->lex, c, clen, &code) < 0)
            lex_note(ld, ln, HD_LEX_WARN, HD_LEXR_BAD_CODE,
                     "verb code [%.*s] is not a CAMEO code; the block's code "
                     "is used", (int)clen, c);
        else
            has_code = 1;
        n = (size_t)(open - line);
        line[n] = '\0';
    }
    char *brace = memchr(line, '{', n);
    size_t head = brace ? (size_t)(brace - line) : n;
    char *t = lex_trim(line, &head);
    add_verb(ld, t, head, code, has_code, ln);
    if (!brace)
        return;
    char *end = memchr(brace, '}', n - (size_t)(brace - line));
    if (!end) {
        lex_note(ld, ln, HD_LEX_WARN, HD_LEXR_PATTERN_SYNTAX,
                 "unclosed '{' after the verb; forms ignored");
        return;
    }
    for (char *p = brace + 1; p < end;) { /* each form, blank separated */
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        char *q = p;
        while (q < end && *q != ' ' && *q != '\t')
            q++;
        if (q > p)
            add_verb(ld, p, (size_t)(q - p), code, has_code, ln);
        p = q;
    }
}

/* ------------------------------------------------------------ patterns */

typedef struct pat_parse {
    lex_elem el[MAX_ELEMS];
    size_t n, n_upper;
    int stars, depth, after_star;
    uint16_t group, cur_group;
    unsigned pending;        /* lone clitic waiting for the next element */
    const char *error;
} pat_parse;

static int pat_push(pat_parse *pp, int kind, uint32_t val, uint32_t len,
                    uint16_t group)
{
    if (pp->n == MAX_ELEMS) {
        pp->error = "too many elements";
        return -1;
    }
    lex_elem *e = &pp->el[pp->n++];
    e->kind = (uint8_t)kind;
    e->req = (uint8_t)(kind <= LEX_EL_CLITIC ? pp->pending : 0);
    e->group = group;
    e->val = val;
    e->len = len;
    pp->pending = 0;
    return 0;
}

/* One blank-delimited word run of a pattern (no brackets in it). */
static int pat_word(lex_loader *ld, pat_parse *pp, const char *w, size_t n,
                    long ln)
{
    hd_lex *lex = ld->lex;
    uint16_t g = pp->depth ? pp->cur_group : ++pp->group;
    if (n == 1 && (*w == '$' || *w == '+' || *w == '%'))
        return pat_push(pp, *w == '$' ? LEX_EL_SOURCE
                            : *w == '+' ? LEX_EL_TARGET : LEX_EL_COMPOUND,
                        0, 0, g);
    if (*w == '&') {
        size_t k = synset_name_len(w, n);
        uint32_t name = lex_pool_intern(&lex->pool, w, k);
        return pat_push(pp, LEX_EL_SYNSET, name, 0, g);
    }
    if (strspn(w, "-^") >= n) {
        lex_note(ld, ln, HD_LEX_WARN, HD_LEXR_IGNORED_TOKEN,
                 "pattern token '%.*s' has no meaning here; ignored", (int)n,
                 w);
        return 0;
    }
    /* word, or words joined by '_' / '+': adjacent, one group */
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && w[j] != '_' && w[j] != '+')
            j++;
        if (j > i) {
            unsigned bit = lex_lone_clitic(w + i, j - i);
            if (bit) {
                pp->pending |= bit;
            } else {
                lex_phrase ph;
                const char *why;
                if (lex_phrase_compile(w + i, j - i, "", &ph, &why) < 0) {
                    lex_note(ld, ln, HD_LEX_WARN, HD_LEXR_IGNORED_TOKEN,
                             "pattern word '%.*s': %s; ignored",
                             (int)(j - i), w + i, why);
                } else {
                    uint32_t s = lex_pool_intern(&lex->pool, ph.w[0].s,
                                                 ph.w[0].n);
                    if (pat_push(pp, LEX_EL_WORD, s, ph.w[0].n, g) < 0)
                        return -1;
                    pp->el[pp->n - 1].req |= ph.w[0].req;
                }
            }
        }
        i = j + 1;
    }
    return 0;
}

/* A lone clitic left at the end of a group, before '*' or at the end:
 * an element of its own. */
static int pat_flush(pat_parse *pp)
{
    if (!pp->pending)
        return 0;
    return pat_push(pp, LEX_EL_CLITIC, 0, 0,
                    pp->depth ? pp->cur_group : ++pp->group);
}

static int pat_char(pat_parse *pp, char c)
{
    if (c != '(' && c != '{' && pat_flush(pp) < 0)
        return -1;
    switch (c) {
    case '(':
    case '{':
        if (pp->depth++ == 0)
            pp->cur_group = ++pp->group;
        return 0;
    case ')':
    case '}':
        if (pp->depth-- == 0) {
            pp->error = "unbalanced ')' or '}'";
            return -1;
        }
        return 0;
    default: /* '*' */
        if (pp->depth) {
            pp->error = "'*' inside ( ) or { }";
            return -1;
        }
        if (!pp->after_star) {
            pp->stars++;
            pp->n_upper = pp->n;
            pp->pending = 0;
        }
        return 0;
    }
}

static int pat_tokenize(lex_loader *ld, pat_parse *pp, const char *s, size_t n,
                        long ln)
{
    for (size_t i = 0; i < n;) {
        char c = s[i];
        if (c == ' ' || c == '\t') {
            pp->after_star = 0;
            i++;
        } else if (strchr("(){}*", c)) {
            if (pat_char(pp, c) < 0)
                return -1;
            pp->after_star = c == '*';
            i++;
        } else {
            size_t j = i;
            while (j < n && !strchr(" \t(){}*", s[j]))
                j++;
            pp->after_star = 0;
            if (pat_word(ld, pp, s + i, j - i, ln) < 0)
                return -1;
            i = j;
        }
    }
    if (pat_flush(pp) < 0)
        return -1;
    if (pp->depth) {
        pp->error = "unclosed '(' or '{'";
        return -1;
    }
    if (pp->stars != 1) {
        pp->error = pp->stars ? "more than one verb marker '*'"
                              : "no verb marker '*'";
        return -1;
    }
    return 0;
}

static void pat_filter(lex_loader *ld, lex_pattern *p, char *comment)
{
    hd_lex *lex = ld->lex;
    p->f_first = (uint32_t)lex->n_filters;
    p->f_n = 0;
    if (!comment)
        return;
    /* Patterns of a block mostly repeat the same list: share it. */
    if (ld->last_filter && strcmp(lex_str(lex, ld->last_filter), comment) == 0) {
        p->f_first = ld->last_f_first;
        p->f_n = ld->last_f_n;
        return;
    }
    ld->last_filter = lex_pool_add(&lex->pool, comment, strlen(comment));
    for (char *item = comment; *item;) {
        char *comma = strchr(item, ',');
        size_t len = comma ? (size_t)(comma - item) : strlen(item);
        lex_phrase ph;
        const char *why;
        if (lex_phrase_compile(item, len, "_+", &ph, &why) == 0) {
            *LEX_PUSH(lex, filters) = lex_phrase_norm(lex, &ph);
            p->f_n++;
        }
        item += len + (comma ? 1 : 0);
    }
    ld->last_f_first = p->f_first;
    ld->last_f_n = p->f_n;
}

static int pat_codes(hd_lex *lex, const char *c, size_t n, lex_pattern *p)
{
    const char *colon = memchr(c, ':', n);
    if (!colon) {
        if (lex_parse_event_code(lex, c, n, &p->code_a) < 0)
            return -1;
        p->code_p = p->code_a;
        return 0;
    }
    size_t a = (size_t)(colon - c);
    return lex_parse_event_code(lex, c, a, &p->code_a) < 0 ||
                   lex_parse_event_code(lex, colon + 1, n - a - 1,
                                        &p->code_p) < 0
               ? -1
               : 0;
}

static void pattern(lex_loader *ld, char *line, size_t n, char *comment,
                    long ln)
{
    hd_lex *lex = ld->lex;
    if (ld->block == LEX_NONE) {
        lex_note(ld, ln, HD_LEX_SKIP, HD_LEXR_PATTERN_OUTSIDE,
                 "pattern before any '--- VERB ---' block");
        return;
    }
    lex_pattern p;
    memset(&p, 0, sizeof p);
    size_t clen;
    char *open = NULL, *c = bracket(line, n, &clen, &open);
    if (!c || pat_codes(lex, c, clen, &p) < 0) {
        lex_note(ld, ln, HD_LEX_SKIP, HD_LEXR_PATTERN_SYNTAX,
                 c ? "pattern code [%.*s] is not a CAMEO code"
                   : "pattern without a [code]%.*s",
                 c ? (int)clen : 0, c ? c : "");
        return;
    }
    static const pat_parse zero;
    pat_parse pp = zero;
    size_t body = (size_t)(open - line);
    if (pat_tokenize(ld, &pp, line + 1, body - 1, ln) < 0) {
        lex_note(ld, ln, HD_LEX_SKIP, HD_LEXR_PATTERN_SYNTAX, "%s", pp.error);
        return;
    }
    p.block = ld->block;
    p.text = lex_pool_add(&lex->pool, line, n);
    p.line = (uint32_t)ln;
    p.file = ld->file;
    p.valid = 1;
    p.e_first = (uint32_t)lex->n_elems;
    p.n_upper = (uint32_t)pp.n_upper;
    p.n_lower = (uint32_t)(pp.n - pp.n_upper);
    for (size_t k = 0; k < pp.n; k++)
        *LEX_PUSH(lex, elems) = pp.el[k];
    pat_filter(ld, &p, comment);
    *LEX_PUSH(lex, patterns) = p;
    lex->blocks[ld->block].p_n++;
    ld->st->patterns++;
}

/* ---------------------------------------------------------------- file */

static int starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void verbs_line(lex_loader *ld, char *line, size_t n, char *comment,
                       long ln, int synsets_only)
{
    if (line[0] == '&') {
        synset_header(ld, line, n, ln);
    } else if (line[0] == '+') {
        synset_member(ld, line + 1, n - 1, ln);
    } else if (line[0] == '_' && line[n - 1] == '+' && ld->synset != LEX_NONE) {
        lex_note(ld, ln, HD_LEX_WARN, HD_LEXR_REVERSED_LINE,
                 "'%s' read as '+%.*s_'", line, (int)(n - 2), line + 1);
        synset_member(ld, line + 1, n - 1, ln);
    } else if (synsets_only) {
        lex_note(ld, ln, HD_LEX_SKIP, HD_LEXR_UNKNOWN_LINE,
                 "not a synset line: '%.60s'", line);
    } else if (starts(line, "---")) {
        block_header(ld, line, n, ln);
    } else if (line[0] == '-') {
        pattern(ld, line, n, comment, ln);
    } else if (ld->block != LEX_NONE) {
        verb_line(ld, line, n, ln);
    } else {
        lex_note(ld, ln, HD_LEX_SKIP, HD_LEXR_UNKNOWN_LINE,
                 "line outside a synset or verb block: '%.60s'", line);
    }
}

void lex_load_verbs(lex_loader *ld, lex_lines *ls, int synsets_only)
{
    ld->synset = LEX_NONE;
    ld->block = LEX_NONE;
    size_t n;
    char *line;
    while ((line = lex_lines_next(ls, &n))) {
        ld->st->lines++;
        char *comment = lex_cut_comment(line, &n, 0);
        line = lex_trim(line, &n);
        if (n)
            verbs_line(ld, line, n, comment, ls->lineno, synsets_only);
    }
}

/* ------------------------------------------------------------- finish */

static int is_block_verb(const hd_lex *lex, const lex_pattern *p, uint32_t f)
{
    const lex_block *b = &lex->blocks[p->block];
    for (uint32_t v = b->v_first; v < b->v_first + b->v_n; v++)
        if (lex->verbs[v].norm == f)
            return 1;
    return 0;
}

static void check_code(lex_loader *ld, uint32_t code, long ln, const char *what)
{
    long v;
    const char *c = lex_str(ld->lex, code);
    if (code == LEX_NONE || ld->lex->n_pico + ld->lex->n_plover == 0 ||
        hd_lex_cameo_pico(ld->lex, c, &v) || lex_plover_has(ld->lex, c))
        return;
    lex_note(ld, ln, HD_LEX_WARN, HD_LEXR_UNKNOWN_CAMEO,
             "%s code [%s] is in neither the PETRARCH ontology nor "
             "CAMEO2PLOVER", what, c);
}

static void finish_pattern(lex_loader *ld, lex_pattern *p)
{
    hd_lex *lex = ld->lex;
    lex_elem *e = lex->elems + p->e_first;
    for (uint32_t k = 0; k < p->n_upper + p->n_lower; k++) {
        if (e[k].kind != LEX_EL_SYNSET)
            continue;
        const char *name = lex_str(lex, e[k].val);
        uint32_t s = find_synset(lex, name, strlen(name));
        if (s == LEX_NONE) {
            lex_note(ld, p->line, HD_LEX_SKIP, HD_LEXR_UNDEFINED_SYNSET,
                     "pattern uses %s, which no file defines", name);
            p->valid = 0;
            ld->st->patterns--;
            return;
        }
        e[k].val = lex->synsets[s].root;
    }
    for (uint32_t f = 0; f < p->f_n && !p->filter_on; f++)
        p->filter_on = (uint8_t)is_block_verb(lex, p, lex->filters[p->f_first + f]);
    check_code(ld, p->code_a, p->line, "pattern");
    if (p->code_p != p->code_a)
        check_code(ld, p->code_p, p->line, "pattern passive");
}

void lex_finish_patterns(hd_lex *lex, hd_lex_report *rep)
{
    lex_loader ld;
    memset(&ld, 0, sizeof ld);
    ld.lex = lex;
    ld.rep = rep;
    for (size_t i = 0; i < lex->n_patterns; i++) {
        lex_pattern *p = &lex->patterns[i];
        ld.file = p->file;
        ld.st = &rep->files[p->file];
        finish_pattern(&ld, p);
    }
    for (size_t i = 0; i < lex->n_verbs; i++) {
        ld.file = lex->verbs[i].file;
        ld.st = &rep->files[ld.file];
        check_code(&ld, lex->verbs[i].code, lex->verbs[i].line, "verb");
    }
}
