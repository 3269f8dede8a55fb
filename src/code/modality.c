/*
 * modality.c: is the event reported as a fact?
 *
 * PLOVER keeps events that did not happen, or have not yet, as auxiliary
 * modes instead of dropping them; hadath marks them (hd_event.negated,
 * .hypothetical) and `hadath eval` and any consumer can leave them out.
 *
 * The cues come from the cue list: negation particles just before the
 * trigger (لم يهاجم، عدم وقوع، لن يتظاهروا) or a denial earlier in the
 * clause (نفى ... وقوع هجوم), and future, conditional, intended, threatened,
 * feared or prevented events (سوف، إذا، يعتزم، هدد بـ، لمنع، أحبط). Two
 * need grammar: the future prefix سـ is part of the verb form (the trigger
 * list marks its conjugations), and قد means "may" only before an
 * imperfect verb (قد يهاجم) and "has" before a perfect one (قد هاجم).
 * A cue counts only inside the trigger's clause: no full stop, comma or
 * semicolon between the cue and the trigger. A noun trigger governed by a
 * light or undergoing verb is negated through that verb too (لم تتعرض
 * استراليا لأي هجوم), while a negation further on (لم يسفر عن وقوع أي
 * إصابات) leaves the event asserted. The relative ما ("what") is no
 * negation: after a preposition (في ما يشتبه بأنه هجوم) or before a verb of
 * consequence (ما أسفر عن مقتل، ما أدى الى).
 */
#include "code/code.h"

#include <string.h>

/* A punctuation token that closes a clause. */
static int is_boundary(const hd_token *t)
{
    if (t->kind != HD_TOK_PUNCT || t->key_len != 1)
        return 0;
    return strchr(".,;:?!()", t->key[0]) != NULL;
}

static int boundary_between(const hd_doc *doc, size_t a, size_t b)
{
    for (size_t t = a; t < b; t++)
        if (is_boundary(&doc->tokens[t]))
            return 1;
    return 0;
}

/* Does token t start like an imperfect verb (يـ or نـ; تـ is also the
 * perfect of forms V and VI, تظاهر، تعرض, so it does not count)? */
static int imperfect_start(const hd_token *t)
{
    const char *stem = t->key + t->stem_off;
    return t->stem_len > 4 && (memcmp(stem, "ي", 2) == 0 ||
                               memcmp(stem, "ن", 2) == 0);
}

/* The light or undergoing verb that governs a noun trigger (شنت ... هجوما،
 * تتعرض ... لهجوم), or -1: a negation of that verb negates the event. */
static long governing_verb(const hd_doc *doc, const hd_cue_hit *hits,
                           size_t n_hits, const hd_candidate *c,
                           const hd_cues *cues)
{
    if (c->syntax >= HD_SYN_VERB)
        return -1;
    long best = -1;
    for (size_t i = 0; i < n_hits; i++) {
        const hd_cue_hit *h = &hits[i];
        if (h->e->cls != HD_CUE_LIGHT && h->e->cls != HD_CUE_UNDERGO)
            continue;
        size_t end = h->tok + h->len;
        if (end > c->tok || end + (size_t)cues->light_window < c->tok ||
            boundary_between(doc, end, c->tok))
            continue;
        if ((long)h->tok > best)
            best = (long)h->tok;
    }
    return best;
}

/* Is the negation cue h the relative ما ("what", "which") rather than the
 * particle: after a preposition (في ما يشتبه بأنه هجوم) or before a verb of
 * consequence (ما أسفر عن مقتل، ما أدى الى)? */
static int relative_ma(const hd_doc *doc, const hd_cue_hit *hits,
                       size_t n_hits, const hd_cue_hit *h,
                       const hd_cues *cues)
{
    if (h->len != 1 || !hd_tok_is(doc, h->tok, "ما"))
        return 0;
    for (size_t i = 0; i < n_hits; i++) {
        const hd_cue_hit *o = &hits[i];
        if (o->e->cls == HD_CUE_PREP && o->tok + o->len == h->tok)
            return 1;
        if (o->e->cls == HD_CUE_EVIDENCE && o->tok == h->tok + 1 &&
            strcmp(hd_cues_str(cues, cues->groups[o->e->group]),
                   "damage") == 0)
            return 1;
    }
    return 0;
}

void hd_modality(const hd_doc *doc, const hd_sentence *s,
                 const hd_cue_hit *hits, size_t n_hits, const hd_candidate *c,
                 const hd_cues *cues, uint8_t *negated, uint8_t *hypothetical)
{
    (void)s;
    *negated = 0;
    *hypothetical = (c->form_flags & HD_FORM_FUTURE) ? 1 : 0;
    long verb = governing_verb(doc, hits, n_hits, c, cues);
    for (size_t i = 0; i < n_hits; i++) {
        const hd_cue_hit *h = &hits[i];
        int cls = h->e->cls;
        if (cls != HD_CUE_NEG && cls != HD_CUE_HYPO &&
            cls != HD_CUE_HYPO_IMPERF)
            continue;
        if (!hd_cue_applies(cues, h->e, c->type) ||
            (cls == HD_CUE_NEG && relative_ma(doc, hits, n_hits, h, cues)))
            continue;
        size_t a = h->tok + h->len, b = c->tok;
        int in = hd_in_scope(cues, h->e->scope, h->tok, h->len, c);
        /* لم تتعرض ... لأي هجوم: the cue just before the governing verb */
        if (!in && verb >= 0 && a <= (size_t)verb && a + 2 >= (size_t)verb &&
            (cls == HD_CUE_NEG || h->e->scope != HD_SCOPE_PREV)) {
            in = 1;
            b = (size_t)verb;
        }
        if (!in || (a <= b && boundary_between(doc, a, b)))
            continue;
        if (cls == HD_CUE_NEG) {
            *negated = 1;
        } else if (cls == HD_CUE_HYPO) {
            *hypothetical = 1;
        } else if (a == c->tok) { /* قد right before the trigger */
            if (c->form_flags & HD_FORM_IMPERF)
                *hypothetical = 1;
        } else if (a < doc->n_tokens && imperfect_start(&doc->tokens[a])) {
            *hypothetical = 1;
        }
    }
}
