/*
 * anaphora.c: later mentions that point back (التنظيم، القوات، المدينة).
 *
 * News names an actor once and then calls it by its head noun: after
 * "تنظيم الدولة الإسلامية", "التنظيم" is the same organisation; after a city,
 * "المدينة" is that city. A bare definite head noun, not followed by a word
 * that would make it a name of its own (التنظيم الدولي), takes the code and
 * entry of the actor it points back to:
 *   - first the last earlier actor whose words hold the same noun (القوات
 *     after قوات سوريا الديمقراطية);
 *   - else the last named actor of the noun's kind: a group (تنظيم، جماعة،
 *     حركة: IMG or a rebel or radical sector; التنظيم after داعش), a
 *     militia (ميليشيا: a rebel group), the armed forces (قوات، جيش: MIL),
 *     the police (شرطة: COP); a council (مجلس) only by its noun;
 *   - a place noun (مدينة، بلدة) takes the last mention coded as a bare
 *     country, which is how the dictionaries code a city.
 * A head noun that the dictionaries read as a lone agent with no country
 * (وقال الجيش: ---MIL) is resolved the same way, but only to a named actor,
 * and for the army and the police only to an army or a police force (the
 * bare الجيش of Syrian news is not الجيش الحر). Candidates are the mentions
 * before it in its own sentence, nearest first, then doc->actors, so an
 * anaphor can reach back across sentences, and a resolved anaphor is
 * itself recorded for the next one. Codes were resolved for the article
 * date when the antecedent was matched, so its date range carries over.
 */
#include "code/code.h"

#include <string.h>

#include "base/arena.h"

/* The head nouns news refers back with, and the kind of actor each stands
 * for when no earlier actor holds the noun itself. */
enum { NOT_ANAPHOR = 0, GROUP, MILITIA, FORCE, ARMY, POLICE, COUNCIL, PLACE };

#define NOUN(s, k) {s, sizeof s - 1, k} /* no strlen per token */
static const struct {
    const char *noun; /* normalized stem */
    size_t len;
    int kind;
} head_nouns[] = {
    NOUN("\xd8\xaa\xd9\x86\xd8\xb8\xd9\x8a\xd9\x85", GROUP),             /* تنظيم */
    NOUN("\xd8\xac\xd9\x85\xd8\xa7\xd8\xb9\xd9\x87", GROUP),             /* جماعه */
    NOUN("\xd8\xad\xd8\xb1\xd9\x83\xd9\x87", GROUP),                     /* حركه */
    NOUN("\xd9\x85\xd9\x8a\xd9\x84\xd9\x8a\xd8\xb4\xd9\x8a\xd8\xa7", MILITIA), /* ميليشيا */
    NOUN("\xd9\x82\xd9\x88\xd8\xa7\xd8\xaa", FORCE),                     /* قوات */
    NOUN("\xd8\xac\xd9\x8a\xd8\xb4", ARMY),                               /* جيش */
    NOUN("\xd8\xb4\xd8\xb1\xd8\xb7\xd9\x87", POLICE),                     /* شرطه */
    NOUN("\xd9\x85\xd8\xac\xd9\x84\xd8\xb3", COUNCIL),                     /* مجلس */
    NOUN("\xd9\x85\xd8\xaf\xd9\x8a\xd9\x86\xd9\x87", PLACE),             /* مدينه */
    NOUN("\xd8\xa8\xd9\x84\xd8\xaf\xd9\x87", PLACE),                     /* بلده */
};
#undef NOUN

static int stem_is(const hd_token *t, const char *w, size_t n)
{
    return t->stem_len == n && memcmp(t->key + t->stem_off, w, n) == 0;
}

/* Is token t a bare definite head noun, and of which kind? */
static int anaphor_kind(const hd_doc *doc, size_t t, size_t end)
{
    const hd_token *tk = &doc->tokens[t];
    if (tk->kind != HD_TOK_WORD || !(tk->prefixes & HD_PFX_AL) || tk->suffix)
        return NOT_ANAPHOR;
    /* التنظيم الدولي, المجلس الوطني: a definite word after it makes a name */
    if (t + 1 < end && doc->tokens[t + 1].kind == HD_TOK_WORD &&
        (doc->tokens[t + 1].prefixes & HD_PFX_AL) &&
        !(doc->tokens[t + 1].prefixes & (HD_PFX_WA | HD_PFX_FA)))
        return NOT_ANAPHOR;
    for (size_t i = 0; i < sizeof head_nouns / sizeof *head_nouns; i++)
        if (stem_is(tk, head_nouns[i].noun, head_nouns[i].len))
            return head_nouns[i].kind;
    return NOT_ANAPHOR;
}

/* Is the code a named actor of the kind: a group (IMG, or a rebel, radical
 * or party sector), a state's armed forces (MIL), its police (COP)? Only
 * actors with a country part qualify: a lone agent names nobody. A council
 * is found by its noun alone. */
static int code_of_kind(const char *code, int kind)
{
    char country[4], sector[4];
    hd_code_split(code, country, sector);
    if (!country[0])
        return 0;
    switch (kind) {
    case GROUP:
        return strcmp(country, "IMG") == 0 || strcmp(sector, "REB") == 0 ||
               strcmp(sector, "RAD") == 0 || strcmp(sector, "INS") == 0;
    case MILITIA: /* a militia is a rebel force, not a transnational group */
        return strcmp(sector, "REB") == 0;
    case FORCE:
    case ARMY:
        return strcmp(sector, "MIL") == 0;
    case POLICE:
        return strcmp(sector, "COP") == 0;
    default:
        return 0;
    }
}

/* The first token that starts at or after byte `at`. */
static size_t token_at(const hd_doc *doc, uint32_t at)
{
    size_t lo = 0, hi = doc->n_tokens;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->tokens[mid].start < at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Do tokens [a, b) hold one with the same stem as token t? */
static int span_has_noun(const hd_doc *doc, size_t a, size_t b, size_t t)
{
    const hd_token *want = &doc->tokens[t];
    for (size_t k = a; k < b && k < doc->n_tokens; k++)
        if (doc->tokens[k].stem_len == want->stem_len &&
            memcmp(doc->tokens[k].key + doc->tokens[k].stem_off,
                   want->key + want->stem_off, want->stem_len) == 0)
            return 1;
    return 0;
}

/* An earlier actor the anaphor may point back to: a mention of this
 * sentence before it, or an actor of an earlier sentence. */
typedef struct antecedent_ref {
    size_t first, end; /* tokens */
    const char *code, *file, *entity;
    uint32_t line;
} antecedent_ref;

/* A walk back through the earlier actors from token t, nearest first:
 * this sentence's mentions before it, then the document's recorded
 * actors, which hold the earlier sentences only. */
typedef struct earlier_walk {
    size_t km, ka; /* the next mention and actor to look at, plus one */
} earlier_walk;

/* The next earlier actor of the walk, or 0 when there are no more. */
static int earlier(const hd_doc *doc, const hd_mention *m, size_t t,
                   earlier_walk *w, antecedent_ref *out)
{
    while (w->km > 0) {
        const hd_mention *x = &m[--w->km];
        if (x->end > t || !x->code)
            continue;
        *out = (antecedent_ref){x->first, x->end, x->code, x->file,
                                x->entity, x->line};
        return 1;
    }
    while (w->ka > 0) {
        const hd_actor *a = &doc->actors[--w->ka];
        if (!a->code || a->span.end <= a->span.start ||
            a->span.start >= doc->tokens[t].start)
            continue;
        size_t f = token_at(doc, a->span.start), e = f;
        while (e < doc->n_tokens && doc->tokens[e].end <= a->span.end)
            e++;
        *out = (antecedent_ref){f, e, a->code, a->entry_file, a->entity,
                                a->entry_line};
        return 1;
    }
    return 0;
}

/* The actor token t points back to: the last earlier one whose words hold
 * the same noun (التنظيم after تنظيم الدولة), else the last one of the
 * noun's kind (التنظيم after داعش, الجيش after الجيش العراقي is the same
 * noun, القوات after it is the kind); for a place noun the last bare
 * country code, which is how the dictionaries code a city. named says a
 * lone agent is being resolved: its antecedent must have a country, and
 * for the army and the police be one (الجيش is not a ministry that holds
 * the word, nor الجيش الحر). */
static int antecedent(const hd_doc *doc, const hd_mention *m, size_t n_m,
                      size_t t, int kind, int named, antecedent_ref *out)
{
    antecedent_ref a;
    for (int pass = 0; pass < 2; pass++)
        for (earlier_walk w = {n_m, doc->n_actors};
             earlier(doc, m, t, &w, &a);) {
            int ok;
            if (kind == PLACE)
                ok = pass == 0 && strlen(a.code) == 3 && a.code[0] != '-';
            else if (pass == 0)
                ok = span_has_noun(doc, a.first, a.end, t) &&
                     (!named || (a.code[0] != '-' &&
                                 ((kind != ARMY && kind != POLICE) ||
                                  code_of_kind(a.code, kind))));
            else
                ok = code_of_kind(a.code, kind);
            if (ok) {
                *out = a;
                return 1;
            }
        }
    return 0;
}

/* The mention covering token t, or -1. */
static long covering(const hd_mention *m, size_t n, size_t t)
{
    for (size_t i = 0; i < n; i++)
        if (t >= m[i].first && t < m[i].end)
            return (long)i;
    return -1;
}

/* A lone agent that is itself a bare head noun (وقال الجيش، الشرطة) names
 * the force named before it: it takes that actor's code and entry. */
static void resolve_agent(hd_doc *doc, hd_mention *x, const hd_mention *m,
                          size_t n_m, size_t t, int kind)
{
    antecedent_ref a;
    if (x->end != x->first + 1 || !x->code || memcmp(x->code, "---", 3) != 0 ||
        kind == PLACE || !antecedent(doc, m, n_m, t, kind, 1, &a))
        return;
    x->code = a.code;
    x->file = a.file;
    x->line = a.line;
    x->entity = a.entity;
}

/* hd_anaphora_add walks back (antecedent, resolve_agent) only from a
 * token anaphor_kind accepts. */
int hd_anaphora_may_look_back(const hd_doc *doc, size_t first, size_t end)
{
    for (size_t t = first; t < end; t++)
        if (anaphor_kind(doc, t, end))
            return 1;
    return 0;
}

size_t hd_anaphora_add(hd_doc *doc, size_t first, size_t end,
                       hd_mention **m, size_t n)
{
    size_t added = 0;
    hd_mention *out = NULL;
    for (size_t t = first; t < end; t++) {
        int kind = anaphor_kind(doc, t, end);
        if (!kind)
            continue;
        /* the mentions so far: the new array once made */
        hd_mention *cur = out ? out : *m;
        long at_m = covering(cur, n, t);
        antecedent_ref a;
        if (at_m >= 0) {
            resolve_agent(doc, &cur[at_m], cur, n, t, kind);
            continue;
        }
        if (!antecedent(doc, cur, n, t, kind, 0, &a))
            continue;
        if (!out) {
            out = hd_arena_alloc(doc->arena, (n + (end - t)) * sizeof *out);
            memcpy(out, *m, n * sizeof *out);
        }
        /* keep the array in token order */
        size_t at = n;
        while (at > 0 && out[at - 1].first > t)
            at--;
        memmove(out + at + 1, out + at, (n - at) * sizeof *out);
        out[at] = (hd_mention){(uint32_t)t, (uint32_t)t + 1, HD_MEN_ACTOR,
                               a.code, a.file, a.line, a.entity};
        n++;
        added++;
    }
    if (out)
        *m = out;
    return added;
}
