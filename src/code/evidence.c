/*
 * evidence.c: does the sentence REPORT the event its trigger names?
 *
 * A keyword is not a report: the gold sets are full of attacks on freedoms,
 * protest notes, football attacks and past attacks recalled, and a plain
 * keyword matcher scores precision 0.16 (ASSAULT) and 0.06 (PROTEST) on
 * them. So each candidate gets a score, a small linear model whose weights
 * all live in the cue list (its header says how they were set):
 *
 *   the trigger's prior (how often the word alone is an event)
 * + one weight per evidence group present in the group's scope: the dead
 *   and wounded, weapons, damage, a time (أمس، صباح السبت), a place, a
 *   security source; for protests crowds, demands, streets. Negative groups
 *   veto: words of speech and ideas near the trigger, sport, culture,
 *   economy, trials and inquiries, condemnations, background framing.
 *   Within a group only the strongest match counts, so ten casualty words
 *   are no stronger than one; words inside a dictionary actor's name
 *   (الديمقراطية in قوات سوريا الديمقراطية) are no evidence.
 * + person words (the people param, when an agent-XXX word is present)
 * + the shape of the report: a source and a target found, either of them
 *   armed; a count of victims or participants (مقتل خمسة); a named place
 *   (في الرقة); a light or undergoing verb governing a noun trigger; a
 *   conjugated verb; a title; against it, an anaphoric or generic definite
 *   noun (ووقع الهجوم، القتل) and a question.
 *
 * Every weight can differ by PLOVER type (param TYPE:NAME). The candidate
 * is an event when its score reaches its type's threshold. Hits that
 * overlap the trigger itself do not count as its evidence.
 */
#include "code/code.h"

#include <string.h>

static int overlaps(const hd_cue_hit *h, const hd_candidate *c)
{
    return h->tok < c->tok + c->len && h->tok + h->len > c->tok;
}

static int has_number(const hd_doc *doc, const hd_sentence *s)
{
    for (size_t t = s->tok_first; t < s->tok_first + s->tok_count; t++)
        if (doc->tokens[t].kind == HD_TOK_NUMBER)
            return 1;
    return 0;
}

static int is_question(const hd_doc *doc, const hd_sentence *s)
{
    for (size_t t = s->tok_first + s->tok_count; t-- > s->tok_first;) {
        const hd_token *tk = &doc->tokens[t];
        if (tk->kind != HD_TOK_PUNCT)
            return 0;
        if (tk->key_len == 1 && tk->key[0] == '?')
            return 1;
    }
    return 0;
}

/* A chronology entry: "* 21 مايو 2005: اغتيال ..." -- a year followed by
 * a colon among the first tokens of the sentence. A list of dated events
 * tells each as having happened, though its words (السابق، عام) read as
 * background and it names no recent time. */
static int chronicle_entry(const hd_doc *doc, const hd_sentence *s)
{
    size_t s0 = s->tok_first;
    size_t n = s->tok_count < 10 ? s->tok_count : 10;
    for (size_t t = s0; t + 1 < s0 + n; t++) {
        const hd_token *y = &doc->tokens[t], *colon = &doc->tokens[t + 1];
        if (y->kind == HD_TOK_NUMBER && y->key_len == 4 &&
            (memcmp(y->key, "19", 2) == 0 || memcmp(y->key, "20", 2) == 0) &&
            colon->kind == HD_TOK_PUNCT && colon->key_len == 1 &&
            colon->key[0] == ':')
            return 1;
    }
    return 0;
}

/* Is the hit inside the name of a dictionary actor (قوات سوريا
 * الديمقراطية, حركة العدل والمساواة)? Names hold words that are cues
 * elsewhere; inside a name they are not evidence. */
static int inside_actor(const hd_cue_hit *h, const hd_mention *m, size_t n_m)
{
    for (size_t i = 0; i < n_m; i++)
        if ((m[i].kinds & HD_MEN_ACTOR) && h->tok >= m[i].first &&
            h->tok + h->len <= m[i].end)
            return 1;
    return 0;
}

/* Is token t a number: digits, or a number word of the cue list? */
static int number_at(const hd_doc *doc, const hd_cue_hit *hits, size_t n_hits,
                     size_t t)
{
    if (doc->tokens[t].kind == HD_TOK_NUMBER)
        return 1;
    for (size_t i = hd_hits_at(hits, n_hits, t);
         i < n_hits && hits[i].tok == t; i++)
        if (hits[i].e->cls == HD_CUE_NUMWORD)
            return 1;
    return 0;
}

/* A count of victims or participants: a number within three tokens of a
 * casualty word or a person word (مقتل خمسة جنود، 18 شخصا، عشرات
 * المتظاهرين), or right after the trigger (قتل 18). The mark of an
 * incident report rather than a discussion. */
static int has_count(const hd_doc *doc, const hd_sentence *s,
                     const hd_cue_hit *hits, size_t n_hits,
                     const hd_cues *cues, const hd_candidate *c)
{
    size_t s0 = s->tok_first, s1 = s0 + s->tok_count;
    for (size_t t = s0; t < s1; t++) {
        if (!number_at(doc, hits, n_hits, t))
            continue;
        size_t te = c->tok + c->len;
        if (t >= te && t <= te + 2)
            return 1;
        for (size_t i = 0; i < n_hits; i++) {
            const hd_cue_hit *h = &hits[i];
            int people = h->e->cls == HD_CUE_AGENT;
            int casualty = h->e->cls == HD_CUE_EVIDENCE &&
                strcmp(hd_cues_str(cues, cues->groups[h->e->group]),
                       "casualty") == 0;
            if (!people && !casualty)
                continue;
            size_t d = h->tok > t ? h->tok - t : t - h->tok;
            if (d <= 3 && h->tok != t)
                return 1;
        }
    }
    return 0;
}

/* Is a role filled by an armed actor: an army, police, rebels, gunmen, an
 * intelligence service, or an international militarized group (IMG)? An
 * attack between politicians is a war of words; one with an armed side is
 * more likely a fight. */
static int armed(const hd_mention *m, int i)
{
    static const char *const armed_sectors[] = {"MIL", "REB", "UAF", "COP",
                                                "SPY", "INS"};
    if (i < 0)
        return 0;
    char country[4], sector[4];
    hd_code_split(m[i].code, country, sector);
    if (strcmp(country, "IMG") == 0)
        return 1;
    for (size_t k = 0; k < sizeof armed_sectors / sizeof armed_sectors[0]; k++)
        if (strcmp(sector, armed_sectors[k]) == 0)
            return 1;
    return 0;
}

/* A named place: a dictionary actor that is a bare country code (a city or
 * a country: الرقة، بغداد) right after a preposition (في الرقة، قرب
 * بغداد). Reports place their events; discussions seldom do. */
static int named_place(const hd_doc *doc, const hd_cue_hit *hits,
                       size_t n_hits, const hd_mention *m, size_t n_m)
{
    (void)doc;
    for (size_t i = 0; i < n_m; i++) {
        if (!(m[i].kinds & HD_MEN_ACTOR) || strlen(m[i].code) != 3 ||
            memcmp(m[i].code, "---", 3) == 0 || !m[i].first)
            continue;
        for (size_t k = 0; k < n_hits; k++)
            if (hits[k].e->cls == HD_CUE_PREP &&
                hits[k].tok + hits[k].len == m[i].first)
                return 1;
    }
    return 0;
}

/* Adds one term to the sum, and to why when it is asked for. */
static double term(hd_evidence *why, const char *name, double w,
                   const hd_cue_hit *h)
{
    if (why && w != 0.0 && why->n < HD_EVIDENCE_MAX_TERMS)
        why->t[why->n++] = (hd_evidence_term){
            name, w, h ? h->tok : 0, h ? h->len : 0};
    return w;
}

/* The strongest hit of each evidence group in scope (and of the person
 * words, in the extra last slot): within a group only one counts. */
static void best_hits(const hd_cue_hit *hits, size_t n_hits,
                      const hd_mention *m, size_t n_m,
                      const hd_candidate *c, const hd_cues *cues,
                      const hd_cue_hit **best, double *w_best)
{
    const size_t people = HD_CUE_MAX_GROUPS;
    for (size_t i = 0; i < n_hits; i++) {
        const hd_cue_hit *h = &hits[i];
        int cls = h->e->cls;
        if ((cls != HD_CUE_EVIDENCE && cls != HD_CUE_AGENT) || overlaps(h, c))
            continue;
        if (cls == HD_CUE_EVIDENCE && inside_actor(h, m, n_m))
            continue;
        if (!hd_cue_applies(cues, h->e, c->type) ||
            !hd_in_scope(cues, h->e->scope, h->tok, h->len, c))
            continue;
        size_t g = cls == HD_CUE_AGENT ? people : h->e->group;
        double w = cls == HD_CUE_AGENT
                       ? hd_cues_param(cues, HD_P_PEOPLE, c->type)
                       : h->e->weight;
        if ((w < 0 ? -w : w) > (w_best[g] < 0 ? -w_best[g] : w_best[g])) {
            w_best[g] = w;
            best[g] = h;
        }
    }
}

double hd_evidence_score(const hd_doc *doc, const hd_sentence *s,
                         const hd_cue_hit *hits, size_t n_hits,
                         const hd_mention *m, size_t n_m,
                         const hd_candidate *c, const hd_roles *r,
                         const hd_cues *cues, hd_evidence *why)
{
    double w_best[HD_CUE_MAX_GROUPS + 1];
    const hd_cue_hit *best[HD_CUE_MAX_GROUPS + 1];
    memset(w_best, 0, sizeof w_best);
    memset(best, 0, sizeof best);
    best_hits(hits, n_hits, m, n_m, c, cues, best, w_best);
    if (why)
        why->n = 0;
    double score = term(why, "prior", c->prior, NULL);
    for (size_t g = 0; g < HD_CUE_MAX_GROUPS; g++)
        if (best[g])
            score += term(why, cues->pool + cues->groups[g], w_best[g],
                          best[g]);
    if (best[HD_CUE_MAX_GROUPS])
        score += term(why, "people", w_best[HD_CUE_MAX_GROUPS],
                      best[HD_CUE_MAX_GROUPS]);
#define P(p) term(why, hd_cues_param_name(p), \
                  hd_cues_param(cues, (p), c->type), NULL)
    if (r->source >= 0)
        score += P(HD_P_ACTOR_SOURCE);
    if (r->target >= 0)
        score += P(HD_P_ACTOR_TARGET);
    if (has_number(doc, s))
        score += P(HD_P_NUMBER);
    if (is_question(doc, s))
        score += P(HD_P_QUESTION);
    if (s->section == HD_SEC_TITLE)
        score += P(HD_P_TITLE);
    if (c->form_flags & HD_FORM_VERB)
        score += P(HD_P_VERB_FORM);
    if (c->syntax < HD_SYN_VERB && (doc->tokens[c->tok].prefixes & HD_PFX_AL))
        score += P(HD_P_DEFINITE_NOUN);
    if (r->light)
        score += P(HD_P_LIGHT_VERB);
    if (r->undergo)
        score += P(HD_P_UNDERGO);
    if (has_count(doc, s, hits, n_hits, cues, c))
        score += P(HD_P_CASUALTY_COUNT);
    if (armed(m, r->source))
        score += P(HD_P_ARMED);
    if (armed(m, r->target))
        score += P(HD_P_ARMED_TARGET);
    if (named_place(doc, hits, n_hits, m, n_m))
        score += P(HD_P_NAMED_PLACE);
    if (chronicle_entry(doc, s))
        score += P(HD_P_CHRONICLE);
#undef P
    return score;
}
