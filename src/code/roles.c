/*
 * roles.c: who did it (source) and to whom (target), from clause structure.
 *
 * There is no parser behind this: Arabic news prose is regular enough that
 * a few positional rules, read off the trigger's syntax class (the trigger
 * list's noun-src, verb-pass, ...), recover most roles. Where the rules
 * choose between readings, they follow how the gold sets (eval/gsr-*-dev)
 * code: only actors the sentence names, with a country only when the words
 * give one (الشرطة alone is None COP, not the country of the city).
 *
 * Verbs. Arabic is verb-subject-object, and a verb before its subject stays
 * singular (شنت القوات); a verb after its subject agrees in number (القوات
 * شنوا / المتظاهرون تظاهروا). So a plural verb has its subject before it or
 * none named (وانهم اختطفوا: a pronoun; the actor after it is its object),
 * and so has any verb whose preceding noun opens a clause (after إن، أن،
 * حيث، عندما or punctuation: قالت مصادر إن وحدة اسرائيلية ... اغتالت);
 * otherwise the subject is looked for after the verb first (skipping time
 * words and bounds on a count such as على الاقل or ما لا يقل عن, never a
 * word behind a preposition, except the partitive من of العشرات من
 * مستوطني، اثنين من عناصر الشرطة). A form that
 * holds its subject (رفع المتظاهرون) takes it; a verb right after an event
 * or weapon noun has that noun for subject (عبوة ناسفة استهدفت دورية: no
 * actor did it, the patrol is the object); a verb with no subject of its
 * own shares the one of the verb before it (اقتحم مسلحون ... وخطفوا); a
 * subject before قد is the subject (وكانت حركة طالبان قد خطفت 23 من
 * الكوريين), and a verb right after انه/انها/انهم has for subject the
 * nearest actor before the pronoun (واقر التحالف ... انه نفذ). The
 * object is the actor right after the verb and its subject, else the actor
 * after على/ضد/لدى مرور. News writes the passive without vowels: a bare
 * verb followed by a number (قتل 18 شخصا), a counted noun before the verb
 * with no object after it (ثلاثة جنود أميركيين قتلوا), or a verb followed
 * by a preposition instead of an object (قتل في، اختطفا من منزليهما) is
 * passive, unless a subject stands before قد or opens the clause (وكانت
 * حركة طالبان قد خطفت 23، إن قوات الأمن قتلت ثلاثة). In the passive the
 * subject is the target, and the source comes only after على يد / برصاص.
 *
 * Nouns. The construct (idafa) names the doer for some nouns (هجوم طالبان,
 * قصف لطائرات التحالف: with لـ always the doer) and the sufferer for
 * others (اغتيال الرئيس، مقتل جنود، اعتقال X); the trigger list says which,
 * and a possessive pronoun on the noun points back to the nearest actor
 * before it the same way (آلاف المتظاهرين ... في مسيراتهم). A light verb
 * before the noun gives the doer as its own subject (شنت قوات سوريا
 * الديمقراطية هجومها، قام مسلحون بخطف), and so does one right after it
 * (هجوم شنه مقاتلو الحركة); an undergoing verb gives the sufferer (تعرض X
 * لهجوم, X however many words its title takes). Then على/ضد/استهدف
 * introduce the target, من قبل/على يد the source, and بين X و Y the two
 * sides of a clash.
 *
 * Whole sentence. An attack told in two clauses names its victims after a
 * casualty word (انفجرت سيارة مفخخة ... مما أدى الى مقتل عشرة اشخاص) or as
 * a counted noun before one (اربعة مدنيين أصيبوا): a target still missing
 * is the nearest such victim, never a word of another trigger (the انتحاري
 * of هجوم انتحاري). A protest's target can be named by its demand anywhere
 * after it (مطالبين الحكومة التركية، هتافات معادية لإيران), but not a place
 * behind another preposition (ضد الحرب في العراق), nor the crowd itself. A
 * trigger with by=SECTOR gives an implicit source when no actor fills the
 * role and the sentence speaks of such people somewhere (a protest with
 * demonstrators or citizens in it: ---CVL); a protest told with no people
 * has no source, and neither has a suicide attack that names no bomber, as
 * the gold sets code them. The crowd of a protest is people: a bare
 * nationality adjective or place (الأعلام التركية) is not its source. A
 * claim (هجوم انتحاري تبنته طالبان، وتبنت حركة طالبان مسؤوليتها) names the
 * doer of an attack whose clause left the source empty.
 */
#include "code/code.h"

#include <stdint.h>
#include <string.h>

typedef struct role_ctx {
    const hd_doc *doc;
    size_t s0, s1;            /* sentence tokens [s0, s1) */
    const hd_cue_hit *hits;
    size_t n_hits;
    const hd_mention *m;
    size_t n_m;
    const hd_candidate *c;
    const hd_cues *cues;
} role_ctx;

static int is_boundary(const hd_token *t)
{
    return t->kind == HD_TOK_PUNCT && t->key_len == 1 &&
           strchr(".;:?!()", t->key[0]) != NULL;
}

static int is_comma(const hd_token *t)
{
    return t->kind == HD_TOK_PUNCT && t->key_len == 1 && t->key[0] == ',';
}

/* The cue hit of class cls starting at token t, or NULL. */
static const hd_cue_hit *cue_at(const role_ctx *r, size_t t, int cls)
{
    for (size_t i = hd_hits_at(r->hits, r->n_hits, t);
         i < r->n_hits && r->hits[i].tok == t; i++)
        if (r->hits[i].e->cls == cls)
            return &r->hits[i];
    return NULL;
}

static int is_prep_tok(const role_ctx *r, size_t t)
{
    return cue_at(r, t, HD_CUE_PREP) || cue_at(r, t, HD_CUE_TGT_PREP) ||
           cue_at(r, t, HD_CUE_SRC_PREP);
}

/* The mention starting at token t, or -1. */
static int mention_at(const role_ctx *r, size_t t)
{
    for (size_t i = 0; i < r->n_m; i++)
        if (r->m[i].first == t)
            return (int)i;
    return -1;
}

/* Can mention i be a subject or object: not glued to بـ/لـ/كـ? */
static int bare(const role_ctx *r, int i)
{
    const hd_token *t = &r->doc->tokens[r->m[i].first];
    return !(t->prefixes & (HD_PFX_BI | HD_PFX_LI | HD_PFX_KA));
}

/* Is token t a word of a bound on a count: مقتل ما لا يقل عن ثلاثة
 * مسلحين، اكثر من 30 شخصا، اقل من? */
static int count_bound(const role_ctx *r, size_t t)
{
    const hd_doc *d = r->doc;
    if (hd_tok_is(d, t, "يقل") ||
        (hd_tok_is(d, t, "عن") && t > r->s0 && hd_tok_is(d, t - 1, "يقل")) ||
        (hd_tok_is(d, t, "لا") && hd_tok_is(d, t + 1, "يقل")) ||
        (hd_tok_is(d, t, "ما") && hd_tok_is(d, t + 1, "لا") &&
         hd_tok_is(d, t + 2, "يقل")))
        return 1;
    if ((hd_tok_is(d, t, "اكثر") || hd_tok_is(d, t, "اقل")) &&
        hd_tok_is(d, t + 1, "من"))
        return 1;
    return hd_tok_is(d, t, "من") && t > r->s0 &&
           (hd_tok_is(d, t - 1, "اكثر") || hd_tok_is(d, t - 1, "اقل"));
}

/* Skippable between a verb and its subject: time words, قد, numbers are
 * not (they are objects). */
static int skippable(const role_ctx *r, size_t t)
{
    for (size_t i = hd_hits_at(r->hits, r->n_hits, t);
         i < r->n_hits && r->hits[i].tok == t; i++) {
        const hd_cue_hit *h = &r->hits[i];
        if (h->e->cls != HD_CUE_EVIDENCE)
            continue;
        if (strcmp(hd_cues_str(r->cues, r->cues->groups[h->e->group]),
                   "recency") == 0)
            return 1;
    }
    /* على الاقل ("at least") sits between a count and its verb */
    if (hd_tok_is(r->doc, t, "الاقل") ||
        (hd_tok_is(r->doc, t, "علي") && hd_tok_is(r->doc, t + 1, "الاقل")))
        return 1;
    /* a bound on a count (its words are short: longer ones skip it) */
    const hd_token *tk = &r->doc->tokens[t];
    if ((tk->key_len <= 8 || tk->stem_len <= 8) && count_bound(r, t))
        return 1;
    /* مقتل عشرة بينهم ثلاثة من رجال الشرطة: "among them" */
    return hd_tok_is(r->doc, t, "قد") || hd_tok_is(r->doc, t, "ايضا") ||
           hd_tok_is(r->doc, t, "بينهم");
}

/* Is the preposition at p the partitive من after a quantity (العشرات من
 * مستوطني، عدد من الجنود، اثنين من عناصر الشرطة، عنصرين من ألوية)? The
 * noun after it is then still the subject or the object. */
static int partitive(const role_ctx *r, size_t p)
{
    static const char *const counted[] = {"عنصرين", "عنصرا", "بعض", "عدد",
                                          "عددا", "احد", "احدي"};
    if (p <= r->s0 || !hd_tok_is(r->doc, p, "من"))
        return 0;
    for (size_t i = 0; i < sizeof counted / sizeof counted[0]; i++)
        if (hd_tok_is(r->doc, p - 1, counted[i]))
            return 1;
    return r->doc->tokens[p - 1].kind == HD_TOK_NUMBER ||
           cue_at(r, p - 1, HD_CUE_NUMWORD) != NULL;
}

/* First bare mention starting in [a, a + gap], skipping time words; stops
 * at a boundary or a preposition, except the partitive من. */
static int mention_after(const role_ctx *r, size_t a, size_t gap,
                         int allow_comma)
{
    size_t skipped = 0;
    for (size_t t = a; t < r->s1; t++) {
        const hd_token *tk = &r->doc->tokens[t];
        if (is_boundary(tk) || (!allow_comma && is_comma(tk)))
            return -1;
        int i = mention_at(r, t);
        if (i >= 0)
            return bare(r, i) ? i : -1;
        if (skippable(r, t) || tk->kind == HD_TOK_PUNCT)
            continue; /* before the preposition test: قبل ظهر امس;
                          quotation marks: عنصرين من «ألوية» */
        /* the partitive من is part of the quantity before it, not a
         * word between verb and subject: قام عدد من جنود المارينز بقتل
         * has the soldiers one word (عدد) after the verb */
        if (is_prep_tok(r, t) && partitive(r, t))
            continue;
        if (is_prep_tok(r, t) || ++skipped > gap)
            return -1;
    }
    return -1;
}

/* من before a relative pronoun picks the antecedent out of a group (250
 * إلى 300 إرهابي أجنبي من الذين رفضوا): the mention before it is the
 * subject of the relative clause, not a prepositional object. */
static int of_those_who(const role_ctx *r, size_t t)
{
    static const char *const rel[] = {"الذين", "اللذين", "التي", "الذي",
                                      "اللواتي", "اللتين"};
    if (!hd_tok_is(r->doc, t, "من"))
        return 0;
    for (size_t k = 0; k < sizeof rel / sizeof *rel; k++)
        if (hd_tok_is(r->doc, t + 1, rel[k]))
            return 1;
    return 0;
}

/* Last bare mention ending in [b - gap, b], skipping time words and
 * relative pronouns; stops at a boundary. */
static int mention_before(const role_ctx *r, size_t b, size_t gap)
{
    size_t skipped = 0;
    for (size_t t = b; t-- > r->s0;) {
        const hd_token *tk = &r->doc->tokens[t];
        if (is_boundary(tk) || is_comma(tk))
            return -1;
        if (t + 1 < b && is_prep_tok(r, t) && !skippable(r, t) &&
            !of_those_who(r, t))
            return -1;
        for (size_t i = r->n_m; i-- > 0;)
            if (r->m[i].end == t + 1 && r->m[i].first >= r->s0) {
                /* a mention behind a preposition is no subject */
                size_t f = r->m[i].first;
                if (f > r->s0 && is_prep_tok(r, f - 1) && !partitive(r, f - 1))
                    return -1;
                return bare(r, (int)i) ? (int)i : -1;
            }
        if (!skippable(r, t) && ++skipped > gap)
            return -1;
    }
    return -1;
}

/* Has the sentence a cue of class cls scoped to the whole sentence that
 * applies to the candidate (PROTEST's مطالبين، الموت، امام السفارة)? */
static int past_clause_cues(const role_ctx *r, int cls)
{
    for (size_t k = 0; k < r->n_hits; k++) {
        const hd_cue_entry *e = r->hits[k].e;
        if (e->cls == cls && e->scope == HD_SCOPE_SENT &&
            hd_cue_applies(r->cues, e, r->c->type))
            return 1;
    }
    return 0;
}

/* A protest's grievance is often reported in the protesters' own words:
 * للاحتجاج على ما وصفوه بانتهاكات الرئيس، ما يصفونه بوحشية الشرطة. The
 * actor follows the named grievance, so the search starts after "ما" and
 * the verb of naming; returns that token, or a when there is no such
 * phrase at a. */
static size_t skip_so_called(const role_ctx *r, size_t a)
{
    static const char *const naming[] = {
        "وصفوه", "وصفوها", "يصفونه", "يصفونها", "وصفه", "وصفته",
        "اعتبروه", "يعتبرونه", "سموه", "يسمونه", "اسموه", "اسمته"};
    if (a + 2 >= r->s1 || !hd_tok_is(r->doc, a, "ما"))
        return a;
    for (size_t k = 0; k < sizeof naming / sizeof *naming; k++)
        if (hd_tok_is(r->doc, a + 1, naming[k]))
            return a + 2;
    return a;
}

/* The mention after a preposition of class cls within the window after the
 * trigger: "على يد X", "ضد X". */
static int mention_after_prep(const role_ctx *r, size_t from, int cls)
{
    size_t lim = from + (size_t)r->cues->after_window;
    for (size_t t = from; t < r->s1; t++) {
        const hd_token *tk = &r->doc->tokens[t];
        /* past the clause, only sentence-scoped cues (مطالبين، الموت)
         * still look: a parenthesis or a colon is no end of the protest */
        if (is_boundary(tk) && t >= lim && !past_clause_cues(r, cls))
            return -1;
        for (size_t k = hd_hits_at(r->hits, r->n_hits, t);
             k < r->n_hits && r->hits[k].tok == t; k++) {
            const hd_cue_hit *h = &r->hits[k];
            if (h->e->cls != cls ||
                !hd_cue_applies(r->cues, h->e, r->c->type))
                continue;
            /* a preposition right after the trigger's clause; a sentence
             * scoped one (مطالبين الحكومة) anywhere after the trigger */
            if (t >= lim && h->e->scope != HD_SCOPE_SENT)
                continue;
            /* the mention may begin inside the cue (امام السفارة الصينية),
             * and a one-word sentence cue may open it (السفارة الاردنية) */
            size_t a = skip_so_called(r, t + h->len);
            size_t u0 = h->len == 1 && h->e->scope == HD_SCOPE_SENT ? t
                                                                    : t + 1;
            for (size_t u = u0; u < r->s1 && u <= a + 2; u++) {
                /* ضد الحرب في العراق: a place behind another preposition
                 * is where, not whom */
                if (u > a && is_prep_tok(r, u - 1) && !partitive(r, u - 1))
                    break;
                int i = mention_at(r, u);
                if (i >= 0)
                    return i;
            }
        }
    }
    return -1;
}

/* A mention glued to the preposition itself: ضد إسرائيل, على القوات is two
 * tokens, but لقوات / بأيدي are one. */
static int glued_li(const role_ctx *r, int i)
{
    return (r->doc->tokens[r->m[i].first].prefixes & HD_PFX_LI) != 0;
}

/* After a subject, an apposition between commas describes it (وتحاصر
 * قوات سوريا الديمقراطية، وهي تحالف يضم مقاتلين أكراد وعرب، المدينة):
 * returns the token after its closing comma, or t when none starts at t. */
static size_t skip_apposition(const role_ctx *r, size_t t)
{
    static const char *const pron[] = {"وهي", "وهو", "وهم", "وهما", "وهن"};
    if (t + 1 >= r->s1 || !is_comma(&r->doc->tokens[t]))
        return t;
    int opens = 0;
    for (size_t k = 0; k < sizeof pron / sizeof *pron; k++)
        opens |= hd_tok_is(r->doc, t + 1, pron[k]);
    if (!opens)
        return t;
    for (size_t u = t + 2; u < r->s1 && u < t + 16; u++) {
        if (is_boundary(&r->doc->tokens[u]))
            return t;
        if (is_comma(&r->doc->tokens[u]))
            return u + 1;
    }
    return t;
}

/* The one surrendered to: سلموا أنفسهم لقوات X, استسلم للجيش. The ل is
 * glued to the mention right after the verb. */
static int surrendered_to(const role_ctx *r, size_t after)
{
    for (size_t t = after; t < r->s1 && t < after + 2; t++) {
        if (is_boundary(&r->doc->tokens[t]))
            return -1;
        int i = mention_at(r, t);
        if (i >= 0)
            return glued_li(r, i) ? i : -1;
    }
    return -1;
}

static int verb_plural(const role_ctx *r)
{
    const hd_token *t = &r->doc->tokens[r->c->tok];
    const char *k = t->key + t->stem_off;
    size_t n = t->stem_len;
    return (n > 4 && memcmp(k + n - 4, "وا", 4) == 0) ||
           (n > 4 && memcmp(k + n - 4, "ون", 4) == 0);
}

/* Is mention i counted: a number, a number word or a partitive من right
 * before it (ثلاثة جنود، 28 شخصا، اثنين من عناصر الشرطة)? */
static int counted(const role_ctx *r, int i)
{
    size_t f = r->m[i].first;
    /* past the members of a group: احد عناصر القوات، ثلاثة من رجال */
    for (int k = 0; k < 2 && f > r->s0 + 1 &&
                    (hd_tok_is(r->doc, f - 1, "عناصر") ||
                     hd_tok_is(r->doc, f - 1, "افراد"));
         k++)
        f--;
    if (f <= r->s0)
        return 0;
    return r->doc->tokens[f - 1].kind == HD_TOK_NUMBER ||
           cue_at(r, f - 1, HD_CUE_NUMWORD) != NULL || partitive(r, f - 1) ||
           hd_tok_is(r->doc, f - 1, "احد") || hd_tok_is(r->doc, f - 1, "احدي");
}

/* Does the word open with the conjunction و or ف (وخطفوا، فقتل)? */
static int conjoined(const hd_token *t)
{
    if (t->prefixes & (HD_PFX_WA | HD_PFX_FA))
        return 1;
    return t->stem_len == t->key_len && t->key_len >= 8 &&
           (memcmp(t->key, "و", 2) == 0 || memcmp(t->key, "ف", 2) == 0);
}

static int opens_clause(const role_ctx *r, size_t t);

/* Does no object start at token t, right after a verb: the clause ends
 * there, or a preposition, or a word joined by و (the next verb: قتلوا
 * وأصيب) comes instead? */
static int no_object_at(const role_ctx *r, size_t t)
{
    if (t >= r->s1)
        return 1;
    const hd_token *tk = &r->doc->tokens[t];
    return tk->kind == HD_TOK_PUNCT || is_prep_tok(r, t) || conjoined(tk);
}

/* Is the verb passive, which news writes without vowels? pre is the
 * mention right before the verb, or -1. */
static int passive_reading(const role_ctx *r, int pre)
{
    const hd_candidate *c = r->c;
    if (c->form_flags & HD_FORM_IMPERF)
        return 0;
    /* a form that holds its own object (اطلق النار، فجرا نفسيهما) is
     * active, whatever follows it */
    if (c->len > 1)
        return 0;
    size_t t = c->tok + c->len;
    while (t < r->s1 && skippable(r, t))
        t++;
    /* ثلاثة جنود أميركيين قتلوا، ثمانية اشخاص قتلوا: a counted noun
     * before the verb and no object after it (the clause ends, or a
     * preposition or the next verb follows) is what was done to; ثمانية
     * جنود نفذوا الغارة has its object */
    if (pre >= 0 && counted(r, pre) && no_object_at(r, t))
        return 1;
    /* وكانت حركة طالبان قد خطفت 23: the subject stands before قد; إن
     * قوات الأمن قتلت ثلاثة: a clause opens on its subject */
    if (pre >= 0 && ((c->tok > r->s0 && hd_tok_is(r->doc, c->tok - 1, "قد")) ||
                     opens_clause(r, r->m[pre].first)))
        return 0;
    if (t >= r->s1)
        return 0;
    const hd_token *tk = &r->doc->tokens[t];
    /* قتل 18 شخصا is قُتل; قتلوا خمسة مسلحين has its subject before it */
    if (!verb_plural(r) &&
        (tk->kind == HD_TOK_NUMBER || cue_at(r, t, HD_CUE_NUMWORD) ||
         hd_tok_is(r->doc, t, "اكثر") || hd_tok_is(r->doc, t, "نحو") ||
         hd_tok_is(r->doc, t, "حوالي")))
        return 1;
    /* قتل في ...، قتلوا برصاص ...: no object, a preposition instead */
    return cue_at(r, t, HD_CUE_PREP) || cue_at(r, t, HD_CUE_SRC_PREP);
}

/* The victim named after a casualty word of the sentence (مقتل عشرة
 * اشخاص، إصابة جنديين): the target of an attack told in two clauses
 * (انفجرت سيارة مفخخة ... مما أدى الى مقتل عشرة اشخاص). The one nearest
 * the trigger wins. */
static int victim(const role_ctx *r)
{
    int best = -1;
    size_t best_d = SIZE_MAX;
    for (size_t i = 0; i < r->n_hits; i++) {
        const hd_cue_hit *h = &r->hits[i];
        if (h->e->cls != HD_CUE_VICTIM ||
            !hd_cue_applies(r->cues, h->e, r->c->type))
            continue;
        int m = mention_after(r, h->tok + h->len, 3, 0);
        if (m < 0) {
            /* اربعة مدنيين أصيبوا: the counted victims before the verb */
            m = mention_before(r, h->tok, 2);
            if (m >= 0 && !counted(r, m))
                m = -1;
        }
        if (m < 0)
            continue;
        size_t d = h->tok > r->c->tok ? h->tok - r->c->tok
                                      : r->c->tok - h->tok;
        if (d < best_d) {
            best_d = d;
            best = m;
        }
    }
    return best;
}

/* Does a clause open at token t: the sentence start, punctuation, or a
 * complementizer or subordinator (إن، أن، حيث، عندما)? A noun there, then
 * a verb, is the verb's subject: Arabic puts the subject first after these
 * (قالت مصادر إن وحدة اسرائيلية ... اغتالت). */
static int opens_clause(const role_ctx *r, size_t t)
{
    if (t <= r->s0)
        return 1;
    const hd_token *prev = &r->doc->tokens[t - 1];
    if (prev->kind == HD_TOK_PUNCT)
        return 1;
    for (size_t i = 0; i < r->n_hits; i++)
        if (r->hits[i].e->cls == HD_CUE_COMP &&
            r->hits[i].tok + r->hits[i].len == t)
            return 1;
    return 0;
}

/* Is the word right before the verb (past time words) an event or weapon
 * noun of the trigger list? It is then the verb's subject: عبوة ناسفة
 * استهدفت دورية، هجوم انتحاري استهدف ثكنة. No actor is the doer, and the
 * actor after the verb is its object. */
static int event_subject(const role_ctx *r)
{
    size_t t = r->c->tok;
    while (t > r->s0 && skippable(r, t - 1))
        t--;
    for (size_t i = 0; i < r->n_hits; i++) {
        const hd_cue_hit *h = &r->hits[i];
        if (h->e->cls == HD_CUE_TRIGGER && h->e->syntax < HD_SYN_VERB &&
            h->tok + h->len == t)
            return 1;
    }
    return 0;
}

/* The counted subject of an intransitive verb: تظاهر أمس عشرات من أعضاء
 * حزب الغد، تظاهر مئات من عناصر وكوادر جماعة الإخوان المسلمين. A
 * crowd is told by its size, so quantity words (numbers, نحو، مئات من)
 * and the members of a group (عناصر، أعضاء) stand between the verb and
 * the people who protest; the first bare mention past them is the
 * subject, -1 when any other word comes first. */
static int counted_subject(const role_ctx *r, size_t a)
{
    static const char *const qty[] = {"نحو", "حوالي", "اكثر", "من",
                                      "عناصر", "اعضاء", "افراد", "كوادر",
                                      "وكوادر", "مئات", "الاف", "عشرات",
                                      "الالاف", "المئات", "العشرات"};
    for (size_t t = a; t < r->s1 && t < a + 8; t++) {
        const hd_token *tk = &r->doc->tokens[t];
        if (is_boundary(tk) || is_comma(tk))
            return -1;
        int i = mention_at(r, t);
        if (i >= 0)
            return bare(r, i) ? i : -1;
        int skip = skippable(r, t) || tk->kind == HD_TOK_NUMBER ||
                   cue_at(r, t, HD_CUE_NUMWORD) != NULL;
        for (size_t k = 0; k < sizeof qty / sizeof *qty && !skip; k++)
            skip = hd_tok_is(r->doc, t, qty[k]);
        if (!skip)
            return -1;
    }
    return -1;
}

/* The subject of the verb, given the mention pre right before it. A verb
 * after its subject agrees with it in number, a verb before its subject
 * stays singular: so a plural verb has its subject before it (المتظاهرون
 * تظاهروا) or none named (وانهم اختطفوا: a pronoun), and so has any verb
 * whose preceding noun opens a clause (إن وحدة اسرائيلية اغتالت). */
static int subject_of(const role_ctx *r, int pre)
{
    if (verb_plural(r) || (pre >= 0 && opens_clause(r, r->m[pre].first)))
        return pre;
    /* وكانت حركة طالبان قد خطفت 23 من الكوريين: a subject stands before
     * قد, and the partitive after the verb is its object */
    if (pre >= 0 && r->c->tok > r->s0 &&
        hd_tok_is(r->doc, r->c->tok - 1, "قد"))
        return pre;
    int subj = mention_after(r, r->c->tok + r->c->len, 2, 0);
    if (subj < 0 && r->c->syntax == HD_SYN_VERB_INTR)
        subj = counted_subject(r, r->c->tok + r->c->len);
    return subj >= 0 ? subj : pre;
}

/* A verb with no subject of its own shares that of the verb before it in
 * the same clause chain (اقتحم مسلحون مهبطا ... وخطفوا أربعة؛ نفذوا
 * الغارة وانهم اختطفوا): the nearest earlier trigger verb or light verb,
 * with no full stop between, read as active. */
static int shared_subject(const role_ctx *r)
{
    const hd_cue_hit *prev = NULL;
    for (size_t i = 0; i < r->n_hits; i++) {
        const hd_cue_hit *h = &r->hits[i];
        if (h->tok + h->len > r->c->tok)
            continue;
        int verb = h->e->cls == HD_CUE_LIGHT ||
                   (h->e->cls == HD_CUE_TRIGGER &&
                    (h->e->syntax == HD_SYN_VERB ||
                     h->e->syntax == HD_SYN_VERB_INTR));
        if (verb && (!prev || h->tok > prev->tok))
            prev = h;
    }
    if (!prev)
        return -1;
    for (size_t t = prev->tok + prev->len; t < r->c->tok; t++)
        if (is_boundary(&r->doc->tokens[t]))
            return -1;
    hd_candidate v = *r->c;
    v.tok = prev->tok;
    v.len = prev->len;
    v.form_flags = prev->flags;
    v.syntax = prev->e->cls == HD_CUE_LIGHT ? HD_SYN_VERB_INTR
                                            : prev->e->syntax;
    role_ctx pr = *r;
    pr.c = &v;
    int pre = mention_before(&pr, v.tok, 2);
    if (event_subject(&pr) || passive_reading(&pr, pre))
        return -1;
    return subject_of(&pr, pre);
}

/* The subject of a complement clause that a conjoined plural verb closes:
 * أكد أن 275 شخصاً بين مقاتلين سوريين ... خرجوا ... وسلموا أنفسهم: the
 * first mention within six tokens after the last complementizer before
 * the verb, counted nouns and their partitives in between. */
static int complement_subject(const role_ctx *r)
{
    size_t comp = SIZE_MAX;
    for (size_t t = r->s0; t < r->c->tok; t++) {
        if (is_boundary(&r->doc->tokens[t]))
            comp = SIZE_MAX;
        else if (cue_at(r, t, HD_CUE_COMP))
            comp = t;
    }
    if (comp == SIZE_MAX)
        return -1;
    for (size_t t = comp + 1; t < r->c->tok && t <= comp + 6; t++) {
        int i = mention_at(r, t);
        if (i >= 0)
            return bare(r, i) ? i : -1;
    }
    return -1;
}

/* A verb form of several words that holds its subject (رفع المتظاهرون):
 * the mention inside it after the verb word, or -1. */
static int inner_subject(const role_ctx *r)
{
    const hd_candidate *c = r->c;
    for (size_t i = 0; i < r->n_m; i++)
        if (r->m[i].first > c->tok && r->m[i].end <= c->tok + c->len)
            return (int)i;
    return -1;
}

/* The subject a pronoun on a complementizer points back to: اعلنت «دولة
 * العراق الاسلامية» ... انها قتلت، واقر التحالف الدولي ... انه نفذ ضربات
 * جوية. When the verb at t (past قد) follows ان/بان with a pronoun suffix,
 * the subject is the nearest earlier actor of the sentence that is not
 * behind a preposition, as for a possessive (possessor()); -1 otherwise. */
static int pronoun_subject(const role_ctx *r, size_t t)
{
    if (t > r->s0 && hd_tok_is(r->doc, t - 1, "قد"))
        t--;
    if (t <= r->s0 + 1)
        return -1;
    const hd_token *comp = &r->doc->tokens[t - 1];
    if (comp->stem_len != 4 || memcmp(comp->key + comp->stem_off, "ان", 4) ||
        (comp->suffix != HD_SFX_HU && comp->suffix != HD_SFX_HA &&
         comp->suffix != HD_SFX_HUM && comp->suffix != HD_SFX_HUMA))
        return -1;
    for (size_t i = r->n_m; i-- > 0;) {
        const hd_mention *x = &r->m[i];
        if (x->end > t - 1 || x->first < r->s0)
            continue;
        if (x->first > r->s0 && is_prep_tok(r, x->first - 1) &&
            !partitive(r, x->first - 1))
            continue;
        return bare(r, (int)i) ? (int)i : -1;
    }
    return -1;
}

static void verb_roles(const role_ctx *r, hd_roles *out)
{
    const hd_candidate *c = r->c;
    size_t after = c->tok + c->len;
    int pre = mention_before(r, c->tok, 2);
    int pass = c->syntax == HD_SYN_VERB_PASS ||
               (c->syntax == HD_SYN_VERB && passive_reading(r, pre));
    int by_event = !pass && event_subject(r);
    int subj = by_event ? -1 : subject_of(r, pre);
    int inner = inner_subject(r);
    if (inner >= 0 && !pass)
        subj = inner; /* رفع المتظاهرون: the form holds its subject */
    if (pass) {
        out->passive = 1;
        out->target = subj;
        out->source = mention_after_prep(r, after, HD_CUE_SRC_PREP);
        return;
    }
    if (subj < 0 && !by_event && c->syntax != HD_SYN_VERB_UNACC &&
        (verb_plural(r) || conjoined(&r->doc->tokens[c->tok])))
        subj = shared_subject(r);
    if (subj < 0 && !by_event && c->syntax != HD_SYN_VERB_UNACC &&
        verb_plural(r) && conjoined(&r->doc->tokens[c->tok]))
        subj = complement_subject(r);
    if (subj < 0 && !by_event && c->syntax != HD_SYN_VERB_UNACC)
        subj = pronoun_subject(r, c->tok);
    if (c->syntax != HD_SYN_VERB_UNACC)
        out->source = subj;
    else
        out->source = mention_after_prep(r, after, HD_CUE_SRC_PREP);
    /* a direct object right after the verb (and its subject) comes
     * first; else the actor after على/ضد */
    out->target = -1;
    if (c->syntax == HD_SYN_VERB) {
        size_t from = after;
        if (subj >= 0 && r->m[subj].first >= after)
            from = r->m[subj].end;
        int obj = mention_after(r, from, 2, 0);
        if (obj < 0 && subj >= 0 && skip_apposition(r, from) != from)
            obj = mention_after(r, skip_apposition(r, from), 2, 0);
        if (obj != subj)
            out->target = obj;
    }
    if (out->target < 0)
        out->target = mention_after_prep(r, after, HD_CUE_TGT_PREP);
    if (out->target < 0 && strcmp(c->type, "RETREAT") == 0)
        out->target = surrendered_to(r, after);
    if (out->source < 0)
        out->source = mention_after_prep(r, after, HD_CUE_SRC_PREP);
}

/* Tokens of [a, b) that no mention covers: how far a verb is from its noun
 * once its subject and other names are set aside. */
static size_t free_tokens(const role_ctx *r, size_t a, size_t b)
{
    size_t n = 0;
    for (size_t t = a; t < b; t++) {
        int in = 0;
        for (size_t i = 0; i < r->n_m && !in; i++)
            in = t >= r->m[i].first && t < r->m[i].end;
        n += !in;
    }
    return n;
}

/* تعرض X لهجوم: the sufferer stands between the undergoing verb and the
 * noun, however many words its title takes (بتعرض المرجع الشيعي آية الله
 * علي السيستاني لمحاولة اغتيال). The first mention in [a, trigger) that
 * is not behind a preposition, or -1. */
static int sufferer_inside(const role_ctx *r, size_t a)
{
    for (size_t i = 0; i < r->n_m; i++) {
        const hd_mention *x = &r->m[i];
        if (x->first < a || x->end > r->c->tok)
            continue;
        if (x->first > a && is_prep_tok(r, x->first - 1) &&
            !partitive(r, x->first - 1))
            continue;
        return bare(r, (int)i) ? (int)i : -1;
    }
    return -1;
}

/* The subject of a light or undergoing verb of class cls before the noun,
 * or of a light verb right after it; *found says a verb of that class
 * governs the noun (at most three free tokens between them). */
static int verb_subject(const role_ctx *r, int cls, int *found)
{
    const hd_candidate *c = r->c;
    *found = 0;
    size_t lo = c->tok > (size_t)r->cues->light_window
                    ? c->tok - (size_t)r->cues->light_window
                    : 0;
    if (lo < r->s0)
        lo = r->s0;
    for (size_t t = c->tok; t-- > lo;) {
        if (is_boundary(&r->doc->tokens[t]))
            break;
        const hd_cue_hit *h = cue_at(r, t, cls);
        if (!h)
            continue;
        *found = free_tokens(r, t + h->len, c->tok) <= 3;
        int i = mention_after(r, t + h->len, 1, 0);
        if (i >= 0 && r->m[i].end <= c->tok)
            return i;
        if (cls == HD_CUE_UNDERGO && *found &&
            (i = sufferer_inside(r, t + h->len)) >= 0)
            return i;
        i = mention_before(r, t, 2);
        return i >= 0 || cls != HD_CUE_LIGHT ? i : pronoun_subject(r, t);
    }
    if (cls != HD_CUE_LIGHT)
        return -1;
    /* هجوم شنه مقاتلو الحركة: a light verb just after the noun */
    size_t t = c->tok + c->len;
    if (t < r->s1 && (hd_tok_is(r->doc, t, "الذي") ||
                      hd_tok_is(r->doc, t, "التي")))
        t++;
    const hd_cue_hit *h = t < r->s1 ? cue_at(r, t, cls) : NULL;
    if (!h)
        return -1;
    *found = 1;
    return mention_after(r, t + h->len, 1, 0);
}

/* بين X و Y after a clash or agreement noun. With more parties the first is
 * the source and the last the target: news lists one side, then the other
 * (الاتفاق الذي تم بين مجلس الرقة المدني ووجهاء العشائر ومقاتلين من
 * التنظيم). */
static void between(const role_ctx *r, hd_roles *out)
{
    size_t t = r->c->tok + r->c->len;
    if (t >= r->s1 || !hd_tok_is(r->doc, t, "بين"))
        return;
    int a = mention_after(r, t + 1, 1, 0);
    if (a < 0)
        return;
    int b = mention_after(r, r->m[a].end, 1, 0);
    if (b < 0)
        return;
    for (int k = 0; k < 4 && r->m[b].end < r->s1; k++) {
        if (!(r->doc->tokens[r->m[b].end].prefixes & HD_PFX_WA))
            break;
        int c = mention_after(r, r->m[b].end, 0, 0);
        if (c < 0)
            break;
        b = c;
    }
    out->source = a;
    out->target = b;
}

/* A noun trigger with a possessive pronoun refers back to an actor named
 * before it in the sentence: استمر آلاف المتظاهرين الصوماليين في
 * مسيراتهم (their marches: the protesters'), هجماتها (its attacks), and
 * for a noun of what is suffered, اعتقاله (his arrest: the one arrested).
 * The nearest earlier mention that is a subject or object (not behind a
 * preposition) fills the role the noun's construct would have. */
static void possessor(const role_ctx *r, hd_roles *out)
{
    const hd_candidate *c = r->c;
    int sfx = r->doc->tokens[c->tok].suffix;
    if (sfx != HD_SFX_HU && sfx != HD_SFX_HA && sfx != HD_SFX_HUM &&
        sfx != HD_SFX_HUMA && sfx != HD_SFX_HUNNA)
        return;
    int *slot = c->syntax == HD_SYN_NOUN_SRC   ? &out->source
                : c->syntax == HD_SYN_NOUN_TGT ? &out->target
                                               : NULL;
    if (!slot || *slot >= 0)
        return;
    for (size_t i = r->n_m; i-- > 0;) {
        const hd_mention *x = &r->m[i];
        if (x->end > c->tok || x->first < r->s0)
            continue;
        int bound = 0;
        for (size_t t = x->end; t < c->tok && !bound; t++)
            bound = is_boundary(&r->doc->tokens[t]);
        if (bound)
            return;
        if (x->first > r->s0 && is_prep_tok(r, x->first - 1) &&
            !partitive(r, x->first - 1))
            continue;
        if (bare(r, (int)i) && (int)i != out->source && (int)i != out->target)
            *slot = (int)i;
        return;
    }
}

static void noun_roles(const role_ctx *r, hd_roles *out)
{
    const hd_candidate *c = r->c;
    size_t after = c->tok + c->len;
    int gen = mention_after(r, after, 0, 0);
    if (gen < 0) { /* قصف لطائرات: the لـ mention is not "bare" */
        int i = mention_at(r, after);
        if (i >= 0 && glued_li(r, i))
            gen = i;
    }
    out->source = verb_subject(r, HD_CUE_LIGHT, &out->light);
    out->target = verb_subject(r, HD_CUE_UNDERGO, &out->undergo);
    if (gen >= 0 && gen != out->source && gen != out->target) {
        if (glued_li(r, gen) || c->syntax == HD_SYN_NOUN_SRC) {
            if (out->source < 0)
                out->source = gen;
        } else if (c->syntax == HD_SYN_NOUN_TGT) {
            if (out->target < 0)
                out->target = gen;
        }
    }
    if (out->target < 0)
        out->target = mention_after_prep(r, after, HD_CUE_TGT_PREP);
    if (out->source < 0)
        out->source = mention_after_prep(r, after, HD_CUE_SRC_PREP);
    if (out->source < 0 && out->target < 0)
        between(r, out);
    possessor(r, out);
    if (out->source == out->target)
        out->target = -1;
}

/* Does mention i lie inside a trigger word of the sentence (the انتحاري
 * of هجوم انتحاري)? It is part of an event's name then, not an actor of
 * this one. */
static int in_trigger_word(const role_ctx *r, int i)
{
    for (size_t k = 0; k < r->n_hits; k++) {
        const hd_cue_hit *h = &r->hits[k];
        if (h->e->cls == HD_CUE_TRIGGER && r->m[i].first >= h->tok &&
            r->m[i].first < h->tok + h->len)
            return 1;
    }
    return 0;
}

/* Is mention i inside the candidate's own trigger? */
static int in_own_trigger(const role_ctx *r, int i)
{
    return i >= 0 && r->m[i].first < r->c->tok + r->c->len &&
           r->m[i].end > r->c->tok;
}

/* Can mention i be the crowd of a trigger with an implicit source (a
 * protest): anything but a bare nationality adjective or place. الأعلام
 * التركية and في غزة name no demonstrators; the plural people الاسرائيليين،
 * النيباليين (ending ين or ون) do. */
static int crowd_mention(const role_ctx *r, int i)
{
    const char *code = r->m[i].code;
    if (!code || strlen(code) != 3 || memcmp(code, "---", 3) == 0)
        return 1;
    const hd_token *t = &r->doc->tokens[r->m[i].end - 1];
    const char *k = t->key + t->stem_off;
    size_t n = t->stem_len;
    return n > 4 && (memcmp(k + n - 4, "ين", 4) == 0 ||
                     memcmp(k + n - 4, "ون", 4) == 0);
}

/* Does the sentence name people of the trigger's implicit sector (by=CVL:
 * متظاهرين، مواطنين، سكان), wherever they stand? A protest by unnamed
 * civilians is coded so only when the sentence speaks of them; a protest
 * told with no people at all (ارتفعت حدة الاحتجاجات، مسيرة تنطلق من
 * موريتانيا) has no source, as the gold sets code it (12 of 15). */
static int names_the_crowd(const role_ctx *r)
{
    const char *want = r->c->implicit + 3; /* "---CVL" */
    for (size_t i = 0; i < r->n_m; i++) {
        char country[4], sector[4];
        hd_code_split(r->m[i].code, country, sector);
        if (strcmp(sector, want) == 0)
            return 1;
    }
    for (size_t k = 0; k < r->n_hits; k++)
        if (r->hits[k].e->cls == HD_CUE_AGENT &&
            strcmp(r->hits[k].e->sector, want) == 0)
            return 1;
    return 0;
}

/* Who claimed the attack: the subject of تبنى (هجوم انتحاري تبنته طالبان،
 * وتبنت حركة طالبان أمس مسؤوليتها عن الهجوم، وقد تبناه «تنظيم القاعدة»).
 * A claim names the doer of every attack the sentence tells, so it fills
 * a source the clause left empty; the subject follows the verb (VSO) or
 * stands right before it. -1 when the sentence claims nothing. */
static int claimant(const role_ctx *r)
{
    static const char *const claimed[] = {"تبنت", "تبني", "تبنا", "تبنوا",
                                          "يتبني", "تتبني"};
    for (size_t t = r->s0; t < r->s1; t++) {
        /* every form begins with تبن or يتبن/تتبن: a cheap test first */
        const hd_token *tk = &r->doc->tokens[t];
        const char *st = tk->key + tk->stem_off;
        if (!(tk->stem_len >= 6 && memcmp(st, "تبن", 6) == 0) &&
            !(tk->stem_len >= 8 && memcmp(st + 2, "تبن", 6) == 0))
            continue;
        int is_claim = 0;
        for (size_t k = 0; k < sizeof claimed / sizeof *claimed; k++)
            is_claim |= hd_tok_is(r->doc, t, claimed[k]);
        if (!is_claim)
            continue;
        int i = mention_after(r, t + 1, 1, 0);
        if (i < 0)
            i = mention_before(r, t, 0);
        if (i >= 0)
            return i;
    }
    return -1;
}

void hd_roles_assign(const hd_doc *doc, const hd_sentence *s,
                     const hd_cue_hit *hits, size_t n_hits,
                     const hd_mention *m, size_t n_m, const hd_candidate *c,
                     const hd_cues *cues, hd_roles *out)
{
    role_ctx r = {doc, s->tok_first, s->tok_first + s->tok_count,
                  hits, n_hits, m, n_m, c, cues};
    out->source = out->target = -1;
    out->implicit_source = NULL;
    out->passive = out->light = out->undergo = 0;
    if (c->syntax >= HD_SYN_VERB)
        verb_roles(&r, out);
    else
        noun_roles(&r, out);
    /* a mention inside the trigger itself is not a role */
    if (in_own_trigger(&r, out->source) &&
        !(c->syntax >= HD_SYN_VERB && m[out->source].first > c->tok))
        out->source = -1;
    if (out->source >= 0 && c->implicit[0] && !crowd_mention(&r, out->source))
        out->source = -1;
    if (in_own_trigger(&r, out->target))
        out->target = -1;
    if (out->source < 0 && strcmp(c->type, "ASSAULT") == 0) {
        int a = claimant(&r);
        if (a != out->target)
            out->source = a;
    }
    if (out->target < 0) {
        int v = victim(&r);
        if (v >= 0 && v != out->source && !in_own_trigger(&r, v) &&
            !in_trigger_word(&r, v))
            out->target = v;
    }
    /* the crowd does not protest against itself (للاحتجاج ... المتظاهرين) */
    if (out->target >= 0 && c->implicit[0] && m[out->target].code &&
        strcmp(m[out->target].code, c->implicit) == 0)
        out->target = -1;
    if (out->source < 0 && c->implicit[0] && names_the_crowd(&r))
        out->implicit_source = c->implicit;
}
