/*
 * mentions.c: the actors of a sentence, each with one composed code.
 *
 * A left-to-right scan takes, at each token, the longest of three matches:
 * an actor of the actor dictionaries (its code resolved for the document's
 * date by src/lex), an agent of the agent dictionaries, and a person word of
 * hadath's cue list (agent-XXX lines: متظاهرين, مسلحون, the words the old
 * dictionaries lack or code as the 2008 lists did). Longest-first keeps
 * قوات سوريا الديمقراطية one actor instead of the agent قوات followed by
 * the country سوريا. On a tie, the cue list's person word beats a
 * dictionary agent or a role-only actor ([OPP], [CVL]), never a named one.
 * No mention starts on an event word (جرح is a wound, not the health
 * sector), a preposition (امام is "in front of"), or a not-actor word, and
 * a common noun that a dictionary lists without its article as a name is
 * a name only with it (القاعدة is al-Qaeda, قاعدة a base; جزيرة an island).
 *
 * Then neighbours merge, because Arabic puts the role noun first and the
 * nationality or group after it: an agent right before an actor (الشرطة
 * المصرية, جنود أميركيين), or separated from it only by linking words (the
 * cue list's link lines: مسلحي تنظيم ما يعرف بالدولة الإسلامية, مقاتلين من
 * حركة), becomes one mention whose code is hd_compose(actor, agent); an
 * agent linked to another agent (جنديا من الجيش) keeps the first role. A
 * title with no country (وزير الدفاع، النائب: a role-only actor) joins the
 * name after it the same way (وزير الدفاع الياس المر is the minister's
 * own code). An agent, في, then a named group is a member of the group
 * (ناشطا في كتائب الاقصى: PSE REB), but not of a bare country or city
 * (الشرطة في بغداد is where). A nation's patrol (دورية بريطانية) is its
 * army's, MIL, though the cue list makes a bare patrol the police's. A
 * dictionary null actor (an entry with no code) only blocks its tokens.
 *
 * Last, two readings the words themselves license: a nationality right
 * after a military attack noun names that country's forces (صاروخ
 * اسرائيلي، الضربات الجوية الاميركية: ISR + MIL), and a force or official
 * with a possessive pronoun belongs to the actor named before it (الجيش
 * الاميركي ... جنوده: USA + MIL). No country is ever taken from a place
 * elsewhere in the sentence: الشرطة in a sentence about Baghdad stays
 * ---COP, as the gold annotators code it (27 of the 40 police targets in
 * spans-assault-dev.json have no country).
 */
#include "code/code.h"

#include <string.h>

typedef struct raw_match {
    size_t len;
    unsigned kind;            /* HD_MEN_* */
    const char *code;         /* actor code, or agent role */
    int code_first;
    const char *file;
    uint32_t line;
    const char *entity;       /* a named actor's entry */
} raw_match;

/* The longest cue-list person word starting at token t. */
static void cue_agent_at(const hd_cue_hit *hits, size_t n_hits, size_t t,
                         raw_match *best)
{
    for (size_t i = hd_hits_at(hits, n_hits, t);
         i < n_hits && hits[i].tok == t; i++) {
        if (hits[i].e->cls != HD_CUE_AGENT)
            continue;
        if (hits[i].len > best->len) {
            best->len = hits[i].len;
            best->kind = HD_MEN_AGENT | HD_MEN_CUE;
            best->code = hits[i].e->sector;
            best->code_first = 0;
            best->file = NULL;
            best->line = hits[i].e->line;
        }
    }
}

/* A dictionary entry's primary phrase as a name: its word joints (_) read
 * as spaces (قوات_سوريا_الديمقراطية_ is قوات سوريا الديمقراطية). */
static const char *entity_name(hd_arena *arena, const char *phrase)
{
    if (!phrase)
        return NULL;
    size_t n = strlen(phrase);
    while (n && (phrase[n - 1] == '_' || phrase[n - 1] == ' '))
        n--;
    char *s = hd_arena_strndup(arena, phrase, n);
    for (char *p = s; *p; p++)
        if (*p == '_')
            *p = ' ';
    return s;
}

/* Is token t a common noun that the dictionaries list, without its
 * article, as a name: قاعدة is al-Qaeda in the 2008 file and جزيرة the
 * channel Al Jazeera, but news writes those القاعدة and الجزيرة, and
 * قاعدة للمتشددين is "a base", للشرطة في جزيرة "on an island" (every
 * al-Qaeda of the dev gold sets carries the article). */
static int bare_common_noun(const hd_doc *doc, size_t t)
{
    const hd_token *tk = &doc->tokens[t];
    return !(tk->prefixes & HD_PFX_AL) &&
           (hd_tok_is(doc, t, "قاعده") || hd_tok_is(doc, t, "جزيره"));
}

static void match_at(const hd_lexicon *lx, const hd_doc *doc, size_t t,
                     size_t end, const hd_cue_hit *hits, size_t n_hits,
                     raw_match *best)
{
    memset(best, 0, sizeof *best);
    if (lx->lex) {
        hd_lex_actor a;
        size_t n = hd_walk_may_start(lx, doc, t, HD_LEX_START_ACTOR)
                       ? hd_lex_match_actor(lx->lex, doc, t, end, doc->date,
                                            &a)
                       : 0;
        if (n == 1 && bare_common_noun(doc, t))
            n = 0;
        if (n) {
            best->len = n;
            best->kind = HD_MEN_ACTOR;
            best->code = a.code; /* NULL: a null actor */
            best->file = a.file;
            best->line = (uint32_t)a.line;
            best->entity = a.name; /* cleaned only if it becomes a mention */
        }
        hd_lex_agent g;
        n = hd_walk_may_start(lx, doc, t, HD_LEX_START_AGENT)
                ? hd_lex_match_agent(lx->lex, doc, t, end, &g)
                : 0;
        if (n > best->len) {
            best->len = n;
            best->kind = HD_MEN_AGENT;
            best->code = g.code;
            best->code_first = g.code_first;
            best->file = g.file;
            best->line = (uint32_t)g.line;
        }
    }
    /* hadath's own person words beat a dictionary agent of the same
     * length (the 2008 agents code انتحاري as REB, news and the gold sets
     * as UAF), never a dictionary actor */
    raw_match cue = {0, 0, NULL, 0, NULL, 0, NULL};
    cue_agent_at(hits, n_hits, t, &cue);
    int role_only = !(best->kind & HD_MEN_ACTOR) || !best->code ||
                    hd_is_role_code(best->code);
    if (cue.len > best->len ||
        (cue.len && cue.len == best->len && role_only))
        *best = cue;
}

/* Does a word that is no actor start at t, whatever a dictionary says: an
 * event word (a trigger, a casualty word such as جرح), a preposition (امام
 * is "in front of" far more often than "imam"), or a not-actor word of the
 * cue list (المدينة is "the city", not Medina)? */
static int no_actor_at(const hd_cue_hit *hits, size_t n_hits, size_t t)
{
    for (size_t i = hd_hits_at(hits, n_hits, t);
         i < n_hits && hits[i].tok == t; i++) {
        int cls = hits[i].e->cls;
        if (cls == HD_CUE_TRIGGER || cls == HD_CUE_VICTIM ||
            cls == HD_CUE_PREP || cls == HD_CUE_NOT_ACTOR)
            return 1;
    }
    return 0;
}

/* Is every token of [a, b) a linking word? */
static int linked(const hd_cue_hit *hits, size_t n_hits, size_t a, size_t b)
{
    size_t t = a;
    while (t < b) {
        size_t step = 0;
        for (size_t i = hd_hits_at(hits, n_hits, t);
             i < n_hits && hits[i].tok == t; i++)
            if (hits[i].e->cls == HD_CUE_LINK &&
                hits[i].len > step && t + hits[i].len <= b)
                step = hits[i].len;
        if (!step)
            return 0;
        t += step;
    }
    return 1;
}

/* Does the key end like a relational adjective (nisba): ي، ية (folded to
 * يه)، يين، يون، يات? */
static int nisba_like(const hd_token *t)
{
    static const char *const ends[] = {"\xd9\x8a", "\xd9\x8a\xd9\x87",
                                       "\xd9\x8a\xd9\x8a\xd9\x86",
                                       "\xd9\x8a\xd9\x88\xd9\x86",
                                       "\xd9\x8a\xd8\xa7\xd8\xaa"};
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        size_t n = strlen(ends[i]);
        if (t->key_len > n + 2 &&
            memcmp(t->key + t->key_len - n, ends[i], n) == 0)
            return 1;
    }
    return 0;
}

/* An agent and a nationality with one or two adjectives between them
 * (الحزب القومي الألماني، القوات الخاصة الأميركية، الشرطة المحلية
 * العراقية): in Arabic the adjectives of a noun follow it and agree with
 * it in definiteness, so when the agent, the words between and the
 * nationality all carry the article (or none does), the nationality still
 * qualifies the agent. So does a construct: an agent without the article
 * before one definite noun and a definite nationality (طلبة المدارس
 * العراقية، أعضاء حزب الغد المصري: the nationality qualifies the pair).
 * Only a one-word country actor qualifies; a name after adjectives is a
 * new noun phrase. */
static int adjective_bridge(const hd_doc *doc, const hd_cue_hit *hits,
                            size_t n_hits, const hd_mention *agent, size_t t,
                            const raw_match *actor)
{
    size_t gap = t - agent->end;
    if (gap == 0 || gap > 2 || actor->len != 1 || !actor->code ||
        strlen(actor->code) != 3 || memcmp(actor->code, "---", 3) == 0)
        return 0;
    unsigned def = doc->tokens[agent->end - 1].prefixes & HD_PFX_AL;
    int construct = !def && gap == 1;
    if (construct)
        def = HD_PFX_AL;
    for (size_t k = agent->end; k <= t; k++) {
        const hd_token *w = &doc->tokens[k];
        if (w->kind != HD_TOK_WORD || (w->prefixes & HD_PFX_AL) != def ||
            (w->prefixes & ~HD_PFX_AL) != 0)
            return 0;
        if (k < t && ((!construct && !nisba_like(w)) ||
                      no_actor_at(hits, n_hits, k)))
            return 0;
    }
    return 1;
}

/* An agent, one adjective agreeing with it, then link words before an
 * actor: مقاتلين محليين من تنظيم الدولة (local fighters of the Islamic
 * State) is the group's fighters, as مقاتلين من تنظيم الدولة is. The
 * adjective is a nisba with the agent's article state and nothing else
 * glued to it, and no cue says it is no actor. */
static int adjective_then_link(const hd_doc *doc, const hd_cue_hit *hits,
                               size_t n_hits, const hd_mention *agent,
                               size_t t)
{
    size_t k = agent->end;
    if (k + 1 >= t)
        return 0;
    const hd_token *w = &doc->tokens[k];
    unsigned def = doc->tokens[k - 1].prefixes & HD_PFX_AL;
    if (w->kind != HD_TOK_WORD || (w->prefixes & HD_PFX_AL) != def ||
        (w->prefixes & ~HD_PFX_AL) != 0 || !nisba_like(w) ||
        no_actor_at(hits, n_hits, k))
        return 0;
    return linked(hits, n_hits, k + 1, t);
}

/* An agent, في, then a named group or institution: a member of it
 * (ناشطا في كتائب الاقصى، عضو في حماس، مسؤول في وزارة الداخلية) is coded
 * as the group, as an agent linked by من is. A bare country or city after
 * في is where the agent is (الشرطة في بغداد), not whose. */
static int member_of(const hd_doc *doc, const hd_mention *agent, size_t t,
                     const raw_match *actor)
{
    if (t != agent->end + 1 || !hd_tok_is(doc, agent->end, "في") ||
        !actor->code || strlen(actor->code) <= 3)
        return 0;
    char country[4], sector[4];
    hd_code_split(actor->code, country, sector);
    return country[0] != '\0';
}

/* A patrol is the police's in the cue list (دورية for a patrol in a
 * city), but a nation's patrol (دورية بريطانية، دوريات أميركية) is its
 * army's: spans-assault-dev codes 14 of the 15 country-coded targets of
 * sentences with a patrol MIL. Returns
 * the role to compose the agent mention pm with the country code own. */
static const char *patrol_role(const hd_doc *doc, const hd_mention *pm,
                               const char *own, const char *role)
{
    if (!own || strlen(own) != 3 || memcmp(own, "---", 3) == 0)
        return role;
    if (hd_tok_is(doc, pm->first, "دوريه") ||
        hd_tok_is(doc, pm->first, "دوريات"))
        return "MIL";
    return role;
}

/* The sectors of a state's or a group's own forces and officials: a
 * possessive makes them the possessor's (جنوده، قواته); his supporters or
 * citizens (مناصريهم) are not coded with a country that way. */
static int state_force(const char *sector)
{
    static const char *const s[] = {"MIL", "COP", "SPY", "GOV", "REB"};
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
        if (strcmp(sector, s[i]) == 0)
            return 1;
    return 0;
}

/* A lone agent with a possessive pronoun (جنوده، بقواته، شرطتها) belongs
 * to an actor named before it: الجيش الاميركي ... مقتل اثنين من جنوده is
 * USA + MIL, بيان للتحالف الدولي ... انفجرت بقواته is IGO + MIL. The
 * agent takes the country part of the nearest earlier mention that has
 * one. */
static void possessive_agents(hd_doc *doc, hd_mention *m, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        const hd_token *last = &doc->tokens[m[i].end - 1];
        if (!m[i].code || memcmp(m[i].code, "---", 3) != 0 ||
            strlen(m[i].code) != 6 || last->suffix == HD_SFX_NONE ||
            last->suffix == HD_SFX_NA || last->suffix == HD_SFX_KUM ||
            !state_force(m[i].code + 3))
            continue;
        for (size_t k = i; k-- > 0;) {
            const char *a = m[k].code;
            if (!a || strlen(a) < 3 || memcmp(a, "---", 3) == 0)
                continue;
            char country[4], sector[4];
            hd_code_split(a, country, sector);
            if (!country[0])
                continue;
            m[i].code = hd_compose(doc->arena, country, m[i].code + 3, 0);
            break;
        }
    }
}

/* A nationality right after a military attack noun (صاروخ اسرائيلي،
 * الضربات الجوية الاميركية، غارة إسرائيلية, CAMEO 19x) names that
 * country's armed forces: ISR + MIL. */
static void armed_nationality(hd_doc *doc, const hd_cue_hit *hits,
                              size_t n_hits, hd_mention *m, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!(m[i].kinds & HD_MEN_ACTOR) || !m[i].code ||
            strlen(m[i].code) != 3 || memcmp(m[i].code, "---", 3) == 0)
            continue;
        for (size_t k = 0; k < n_hits; k++) {
            const hd_cue_entry *e = hits[k].e;
            if (e->cls == HD_CUE_TRIGGER && e->syntax < HD_SYN_VERB &&
                e->cameo[0] == '1' && e->cameo[1] == '9' &&
                hits[k].tok + hits[k].len == m[i].first) {
                m[i].code = hd_compose(doc->arena, m[i].code, "MIL", 0);
                break;
            }
        }
    }
}

size_t hd_mentions_find(const hd_lexicon *lx, hd_doc *doc, size_t first,
                        size_t end, const hd_cue_hit *hits, size_t n_hits,
                        hd_mention **out)
{
    size_t cap = end > first ? end - first : 1;
    hd_mention *m = hd_arena_alloc(doc->arena, cap * sizeof *m);
    size_t n = 0;
    int pending_agent = -1;   /* index of an agent mention awaiting its actor */
    raw_match pend = {0, 0, NULL, 0, NULL, 0, NULL};
    size_t h = 0; /* the first hit at or after t: t only grows */
    for (size_t t = first; t < end;) {
        if (doc->tokens[t].kind != HD_TOK_WORD &&
            doc->tokens[t].kind != HD_TOK_LATIN) {
            t++;
            continue;
        }
        while (h < n_hits && hits[h].tok < t)
            h++;
        const hd_cue_hit *here = h < n_hits ? hits + h : NULL;
        if (no_actor_at(here, n_hits - h, t)) {
            t++; /* a pending agent may still join over a link word */
            continue;
        }
        raw_match r;
        match_at(lx, doc, t, end, here, n_hits - h, &r);
        if (!r.len) {
            t++;
            continue;
        }
        if (!r.code) { /* null actor: blocks its tokens */
            t += r.len;
            pending_agent = -1;
            continue;
        }
        if ((r.kind & HD_MEN_ACTOR) && pending_agent >= 0 &&
            (linked(hits, n_hits, m[pending_agent].end, t) ||
             member_of(doc, &m[pending_agent], t, &r) ||
             adjective_then_link(doc, hits, n_hits, &m[pending_agent], t) ||
             adjective_bridge(doc, hits, n_hits, &m[pending_agent], t, &r))) {
            /* agent (+ links or adjectives) + actor: one mention */
            hd_mention *pm = &m[pending_agent];
            pm->end = (uint32_t)(t + r.len);
            pm->kinds |= HD_MEN_ACTOR;
            const char *own = hd_code_normalize(doc->arena, r.code);
            pm->code = hd_compose(doc->arena, own,
                                  patrol_role(doc, pm, own, pend.code),
                                  pend.code_first);
            pm->file = r.file;
            pm->line = r.line;
            /* مسلحي داعش is داعش, وزير الدفاع الياس المر is the man; but
             * الشرطة المصرية is not Egypt: an agent that changed the code
             * made a new actor with no entry of its own */
            pm->entity = strcmp(pm->code, own) == 0
                             ? entity_name(doc->arena, r.entity) : NULL;
            pending_agent = -1;
            t += r.len;
            continue;
        }
        if (!(r.kind & HD_MEN_ACTOR) && pending_agent >= 0 &&
            m[pending_agent].end < t &&
            linked(hits, n_hits, m[pending_agent].end, t)) {
            /* agent + links + agent (جنديا من الجيش): one person, the
             * first word's role */
            m[pending_agent].end = (uint32_t)(t + r.len);
            t += r.len;
            continue;
        }
        hd_mention *x = &m[n];
        x->first = (uint32_t)t;
        x->end = (uint32_t)(t + r.len);
        x->kinds = (uint8_t)r.kind;
        x->file = r.file;
        x->line = r.line;
        x->entity = (r.kind & HD_MEN_ACTOR) && !hd_is_role_code(r.code)
                        ? entity_name(doc->arena, r.entity) : NULL;
        if ((r.kind & HD_MEN_ACTOR) && hd_is_role_code(r.code)) {
            /* a title with no country (وزير الدفاع، النائب) joins the
             * name after it like an agent: وزير الدفاع الياس المر */
            x->code = hd_code_normalize(doc->arena, r.code);
            pending_agent = (int)n;
            pend = r;
            pend.code = x->code + 3;
            pend.code_first = 0;
        } else if (r.kind & HD_MEN_ACTOR) {
            x->code = hd_code_normalize(doc->arena, r.code);
            pending_agent = -1;
        } else {
            x->code = hd_compose(doc->arena, NULL, r.code, 0);
            pending_agent = (int)n;
            pend = r;
        }
        n++;
        t += r.len;
    }
    armed_nationality(doc, hits, n_hits, m, n);
    possessive_agents(doc, m, n);
    *out = m;
    return n;
}
