/*
 * load_agents.c: PETRARCH agent dictionaries (agents.all.ar_v3.txt and
 * hadath.agents.ar.txt).
 *
 *   phrase_string {optional plural} [~CODE]   # comment
 *
 * `[~REB]` puts the agent code after the actor's, `[NGO~]` before it
 * (petrarch2 docs/source/dictionaries.rst, "Agent Dictionary"). Arabic has
 * no regular plural PETRARCH could generate, so only a written {plural} adds
 * a phrase. Several Arabic lines carry the phrase again inside the brackets
 * ([~REB المكافحين المزعومين], [~MILطائرة مقاتل ]): the code is the run of
 * capitals after '~', the rest is reported and ignored.
 */
#include <string.h>

#include "lex/lex_int.h"

/* Adds a phrase of agent; 1 when it is a phrase of its own, 0 when an
 * earlier line (or file) has it. */
static int agent_phrase(lex_loader *ld, const char *text, size_t n,
                        uint32_t agent, long ln)
{
    hd_lex *lex = ld->lex;
    lex_phrase ph;
    const char *why;
    if (lex_phrase_compile(text, n, "_", &ph, &why) < 0) {
        lex_note(ld, ln, HD_LEX_SKIP, HD_LEXR_EMPTY_PHRASE, "%s: '%.*s'", why,
                 (int)n, text);
        return 0;
    }
    uint32_t node = lex_phrase_insert(lex, lex->root_agent, &ph);
    uint32_t first = lex->trie.head[node];
    if (first != LEX_NONE) {
        const lex_term *t = &lex->trie.terms[first];
        const lex_agent *old = &lex->agents[t->entry];
        const lex_agent *cur = &lex->agents[agent];
        if (t->file != ld->file) {
            lex_note(ld, ln, HD_LEX_INFO, HD_LEXR_OVERRIDDEN,
                     "'%.*s' is defined at %s:%u [%s], which wins", (int)n,
                     text, lex->files[t->file], t->line,
                     lex_str(lex, old->code));
            ld->st->overridden++;
            return 0;
        }
        if (old->code == cur->code && old->code_first == cur->code_first) {
            ld->st->duplicates++;
            return 0;
        }
        lex_note(ld, ln, HD_LEX_WARN, HD_LEXR_DUPLICATE,
                 "'%.*s' [%s] is already at %s:%u [%s]; the first is used",
                 (int)n, text, lex_str(lex, cur->code), lex->files[t->file],
                 t->line, lex_str(lex, old->code));
    }
    lex_trie_add_term(&lex->trie, node, agent,
                      lex_pool_add(&lex->pool, text, n), ld->file,
                      (uint32_t)ln);
    return first == LEX_NONE;
}

/* Reads "~CODE" / "CODE~" out of the bracket content c[0..n). */
static int agent_code(lex_loader *ld, char *c, size_t n, long ln,
                      uint32_t *code, int *code_first)
{
    c = lex_trim(c, &n);
    size_t k = 0;
    while (k < n && c[k] != ' ' && c[k] != '\t')
        k++;
    int lead = k && c[0] == '~';
    size_t s = lead ? 1 : 0, e = s;
    while (e < k && ((c[e] >= 'A' && c[e] <= 'Z') || (c[e] >= '0' && c[e] <= '9')))
        e++;
    int trail = !lead && e < k && c[e] == '~';
    if (e == s || (!lead && !trail)) {
        lex_note(ld, ln, HD_LEX_SKIP, HD_LEXR_BAD_CODE,
                 "[%s]: an agent code is ~CODE or CODE~", c);
        return -1;
    }
    size_t used = e + (trail ? 1 : 0);
    if (used < n)
        lex_note(ld, ln, HD_LEX_WARN, HD_LEXR_BAD_CODE,
                 "[%s]: text after the code '%.*s' ignored", c, (int)(e - s),
                 c + s);
    *code = lex_pool_intern(&ld->lex->pool, c + s, e - s);
    *code_first = trail;
    return 0;
}

static void agent_line(lex_loader *ld, char *line, size_t n, long ln)
{
    hd_lex *lex = ld->lex;
    char *open = memchr(line, '[', n);
    char *close = open ? memchr(open, ']', n - (size_t)(open - line)) : NULL;
    if (!open || !close) {
        lex_note(ld, ln, HD_LEX_SKIP, HD_LEXR_NO_BRACKET,
                 "no [~CODE] on '%.60s'", line);
        return;
    }
    uint32_t code;
    int first;
    if (agent_code(ld, open + 1, (size_t)(close - open - 1), ln, &code,
                   &first) < 0)
        return;
    lex_agent *a = LEX_PUSH(lex, agents);
    a->code = code;
    a->code_first = (uint8_t)first;
    uint32_t id = (uint32_t)(lex->n_agents - 1);
    char *brace = memchr(line, '{', (size_t)(open - line));
    size_t pn = (size_t)((brace ? brace : open) - line);
    char *phrase = lex_trim(line, &pn);
    ld->st->entries += (size_t)agent_phrase(ld, phrase, pn, id, ln);
    if (brace) {
        char *end = memchr(brace, '}', (size_t)(open - brace));
        size_t bn = end ? (size_t)(end - brace - 1) : 0;
        char *plural = lex_trim(brace + 1, &bn);
        if (!end)
            lex_note(ld, ln, HD_LEX_WARN, HD_LEXR_UNKNOWN_LINE,
                     "'{' without '}'; plural ignored");
        else if (bn)
            agent_phrase(ld, plural, bn, id, ln);
    }
}

void lex_load_agents(lex_loader *ld, lex_lines *ls)
{
    size_t n;
    char *line;
    while ((line = lex_lines_next(ls, &n))) {
        ld->st->lines++;
        lex_cut_comment(line, &n, 1);
        line = lex_trim(line, &n);
        if (n)
            agent_line(ld, line, n, ls->lineno);
    }
}
