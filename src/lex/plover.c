/*
 * plover.c: CAMEO codes to PLOVER (CAMEO2PLOVER-2021.txt), PLOVER types to
 * quad classes, and CAMEO codes to PETRARCH's internal ontology (PICO).
 *
 *   030: AGREE,  , diplomatic # Express intent to cooperate
 *   code: TYPE, mode, context  # CAMEO description
 *
 * A two-digit line ("03: AGREE") names the cue category. A code missing
 * from the table falls back to its parent (0874 -> 087 -> 08), as the PLOVER
 * manual's note to Table 7.1 advises. CAMEO 01 (public statement) and 02
 * (appeal) are dropped by PLOVER (manual, Table 7.1), and the table has no
 * rows for them: hd_lex_cameo_to_plover says so with 0.
 *
 * Quad classes. The PLOVER manual (draft 2.0, 2024, shipped in
 * shared/dict/plover) gives each type a "Quad category" in its section 3.x:
 *
 *   verbal cooperation    AGREE CONSULT SUPPORT CONCEDE        (3.1-3.4)
 *   material cooperation  COOPERATE AID RETREAT                (3.5-3.7)
 *   verbal conflict       REQUEST ACCUSE REJECT THREATEN       (3.8-3.11)
 *   material conflict     PROTEST SANCTION MOBILIZE COERCE ASSAULT
 *                                                              (3.12-3.16)
 *
 * The manual's Table 7.2 lists SANCTION under verbal conflict instead; its
 * own section 3.13.4 and Table 7.3 say material conflict, and that is what
 * hadath uses.
 */
#include <stdlib.h>
#include <string.h>

#include "lex/lex_int.h"

static const struct {
    const char *type;
    int quad;
} quads[] = {
    {"AGREE", HD_QUAD_VERBAL_COOP},       {"CONSULT", HD_QUAD_VERBAL_COOP},
    {"SUPPORT", HD_QUAD_VERBAL_COOP},     {"CONCEDE", HD_QUAD_VERBAL_COOP},
    {"COOPERATE", HD_QUAD_MATERIAL_COOP}, {"AID", HD_QUAD_MATERIAL_COOP},
    {"RETREAT", HD_QUAD_MATERIAL_COOP},   {"REQUEST", HD_QUAD_VERBAL_CONFLICT},
    {"ACCUSE", HD_QUAD_VERBAL_CONFLICT},  {"REJECT", HD_QUAD_VERBAL_CONFLICT},
    {"THREATEN", HD_QUAD_VERBAL_CONFLICT},
    {"PROTEST", HD_QUAD_MATERIAL_CONFLICT},
    {"SANCTION", HD_QUAD_MATERIAL_CONFLICT},
    {"MOBILIZE", HD_QUAD_MATERIAL_CONFLICT},
    {"COERCE", HD_QUAD_MATERIAL_CONFLICT},
    {"ASSAULT", HD_QUAD_MATERIAL_CONFLICT},
};

int hd_plover_type_quad(const char *type)
{
    for (size_t i = 0; type && i < sizeof quads / sizeof quads[0]; i++)
        if (strcmp(type, quads[i].type) == 0)
            return quads[i].quad;
    return HD_QUAD_NONE;
}

const char *hd_plover_quad_name(int quad)
{
    switch (quad) {
    case HD_QUAD_VERBAL_COOP: return "verbal cooperation";
    case HD_QUAD_MATERIAL_COOP: return "material cooperation";
    case HD_QUAD_VERBAL_CONFLICT: return "verbal conflict";
    case HD_QUAD_MATERIAL_CONFLICT: return "material conflict";
    default: return "none";
    }
}

static int all_digits(const char *s, size_t n)
{
    if (n < 2 || n > 4)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* Cuts s at the next ',' (or its end); returns the trimmed field. */
static char *field(char **s)
{
    char *f = *s, *comma = strchr(f, ',');
    size_t n = comma ? (size_t)(comma - f) : strlen(f);
    *s = comma ? comma + 1 : f + n;
    return lex_trim(f, &n);
}

static int cmp_cameo(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b); /* cameo is first */
}

/* Rows are in file order while loading (a repeated code is reported), then
 * sorted by lex_sort_tables for binary search. */
static const lex_plover_row *find_row(const hd_lex *lex, const char *code)
{
    if (lex->tables_sorted)
        return lex->n_plover ? bsearch(code, lex->plover, lex->n_plover,
                                       sizeof *lex->plover, cmp_cameo)
                             : NULL;
    for (size_t i = 0; i < lex->n_plover; i++)
        if (strcmp(lex->plover[i].cameo, code) == 0)
            return &lex->plover[i];
    return NULL;
}

void lex_sort_tables(hd_lex *lex)
{
    if (lex->n_plover)
        qsort(lex->plover, lex->n_plover, sizeof *lex->plover, cmp_cameo);
    if (lex->n_pico)
        qsort(lex->pico, lex->n_pico, sizeof *lex->pico, cmp_cameo);
    lex->tables_sorted = 1;
}

int lex_plover_has(const hd_lex *lex, const char *code)
{
    return code && find_row(lex, code) != NULL;
}

static void plover_line(lex_loader *ld, char *line, size_t n, long ln)
{
    hd_lex *lex = ld->lex;
    char *hash = strchr(line, '#');
    char *desc = hash ? hash + 1 : line + n;
    if (hash)
        *hash = '\0';
    char *colon = strchr(line, ':');
    size_t cn = colon ? (size_t)(colon - line) : 0;
    char *code = colon ? lex_trim(line, &cn) : NULL;
    if (!code || !all_digits(code, cn)) {
        lex_note(ld, ln, HD_LEX_SKIP, HD_LEXR_BAD_MAPPING,
                 "not 'CODE: TYPE, mode, context': '%.60s'", line);
        return;
    }
    char *rest = colon + 1;
    char *type = field(&rest), *mode = field(&rest), *context = field(&rest);
    if (!*type || strspn(type, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != strlen(type)) {
        lex_note(ld, ln, HD_LEX_SKIP, HD_LEXR_BAD_MAPPING,
                 "'%s': no PLOVER type", code);
        return;
    }
    const lex_plover_row *old = find_row(lex, code);
    if (old) {
        const char *ot = lex_str(lex, old->type);
        lex_note(ld, ln, HD_LEX_WARN, HD_LEXR_DUPLICATE,
                 "%s: %s is already mapped to %s%s", code, type, ot,
                 strcmp(ot, type) ? "; the first is used" : " (same type)");
        return;
    }
    size_t dn = strlen(desc);
    desc = lex_trim(desc, &dn);
    /* "military; legal" -> "military,legal" */
    size_t w = 0;
    for (size_t r = 0; context[r]; r++) {
        char ch = context[r] == ';' ? ',' : context[r];
        if (ch != ' ' && ch != '\t')
            context[w++] = ch;
    }
    context[w] = '\0';
    lex_plover_row *r = LEX_PUSH(lex, plover);
    memset(r->cameo, 0, sizeof r->cameo);
    memcpy(r->cameo, code, cn);
    r->type = lex_pool_intern(&lex->pool, type, strlen(type));
    r->mode = lex_pool_intern(&lex->pool, mode, strlen(mode));
    r->context = lex_pool_intern(&lex->pool, context, strlen(context));
    r->desc = lex_pool_add(&lex->pool, desc, dn);
    r->quad = hd_plover_type_quad(type);
    if (!r->quad)
        lex_note(ld, ln, HD_LEX_WARN, HD_LEXR_BAD_MAPPING,
                 "%s: '%s' is not a PLOVER type with a quad class", code,
                 type);
    ld->st->entries++;
}

void lex_load_plover(lex_loader *ld, lex_lines *ls)
{
    size_t n;
    char *line;
    while ((line = lex_lines_next(ls, &n))) {
        ld->st->lines++;
        line = lex_trim(line, &n);
        if (!n || line[0] == '#' || strspn(line, "~") == n)
            continue; /* blank, comment, the ~~~~~ end mark */
        plover_line(ld, line, n, ls->lineno);
    }
}

int hd_lex_cameo_to_plover(const hd_lex *lex, const char *cameo,
                           hd_plover *out)
{
    memset(out, 0, sizeof *out);
    out->mode = out->context = out->description = "";
    size_t n = cameo ? strlen(cameo) : 0;
    if (!all_digits(cameo ? cameo : "", n))
        return -1;
    char code[8];
    memcpy(code, cameo, n + 1);
    for (; n >= 2; code[--n] = '\0') {
        const lex_plover_row *r = find_row(lex, code);
        if (!r)
            continue;
        out->type = lex_str(lex, r->type);
        out->mode = lex_str(lex, r->mode);
        out->context = lex_str(lex, r->context);
        out->description = lex_str(lex, r->desc);
        out->quad = r->quad;
        out->cameo = r->cameo;
        return 1;
    }
    if (cameo[0] == '0' && (cameo[1] == '1' || cameo[1] == '2'))
        return 0;
    return -1;
}

/* ------------------------------------------------------------ ontology */

/* "0x1000", "-0xFFFF+0x0070", "0x1000-0xFFFF": signed hex terms summed. */
static int eval_hex_sum(const char *s, long *out)
{
    long total = 0;
    int terms = 0;
    while (*s == ' ' || *s == '\t')
        s++;
    while (*s) {
        int sign = 1;
        if (*s == '+' || *s == '-')
            sign = *s++ == '-' ? -1 : 1;
        char *end;
        long v = strtol(s, &end, 16);
        /* PICO values are 16-bit: a term beyond 24 bits (or a second sign,
         * which strtol takes) is a bad line, and could overflow the sum */
        if (end == s || v < 0 || v > 0xFFFFFF)
            return -1;
        total += sign * v;
        terms++;
        s = end;
        while (*s == ' ' || *s == '\t')
            s++;
    }
    *out = total;
    return terms ? 0 : -1;
}

void lex_load_ontology(lex_loader *ld, lex_lines *ls)
{
    hd_lex *lex = ld->lex;
    size_t n;
    char *line;
    while ((line = lex_lines_next(ls, &n))) {
        ld->st->lines++;
        char *hash = strchr(line, '#');
        if (hash) {
            *hash = '\0';
            n = (size_t)(hash - line);
        }
        line = lex_trim(line, &n);
        if (!n)
            continue;
        char *colon = strchr(line, ':');
        size_t cn = colon ? (size_t)(colon - line) : 0;
        long v;
        int null_code = cn == 3 && strncmp(line, "---", 3) == 0;
        if (!colon || !(all_digits(line, cn) || null_code) ||
            eval_hex_sum(colon + 1, &v) < 0) {
            lex_note(ld, ls->lineno, HD_LEX_SKIP, HD_LEXR_BAD_MAPPING,
                     "not 'CODE:0xHEX': '%.60s'", line);
            continue;
        }
        lex_pico_row *r = LEX_PUSH(lex, pico);
        memset(r->cameo, 0, sizeof r->cameo);
        memcpy(r->cameo, line, cn);
        r->value = v;
        ld->st->entries++;
    }
}

int hd_lex_cameo_pico(const hd_lex *lex, const char *cameo, long *value)
{
    const lex_pico_row *r = NULL;
    if (cameo && lex->tables_sorted && lex->n_pico)
        r = bsearch(cameo, lex->pico, lex->n_pico, sizeof *lex->pico,
                    cmp_cameo);
    for (size_t i = 0; cameo && !lex->tables_sorted && i < lex->n_pico; i++)
        if (strcmp(lex->pico[i].cameo, cameo) == 0)
            r = &lex->pico[i];
    if (r)
        *value = r->value;
    return r != NULL;
}
