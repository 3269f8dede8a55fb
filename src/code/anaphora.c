/*
 * anaphora.c: later mentions that point back (التنظيم، المدينة).
 *
 * News names an actor once and then calls it by its head noun: after
 * "تنظيم الدولة الإسلامية", "التنظيم" is the same organisation; after a city,
 * "المدينة" is that city. A bare definite head noun, not followed by a word
 * that would make it a name of its own (التنظيم الدولي), becomes a mention
 * with the code of the last earlier actor mention of its kind:
 *   - a group noun (تنظيم، جماعة، حركة، قوات، مجلس، ميليشيا) takes the last
 *     mention whose words contain the same noun;
 *   - a place noun (مدينة، بلدة) takes the last mention coded as a bare
 *     country, which is how the dictionaries code a city.
 * The antecedents are doc->actors, so an anaphor can reach back across
 * sentences, and a resolved anaphor is itself recorded for the next one.
 */
#include "code/code.h"

#include <string.h>

#include "base/arena.h"

static const char *const group_nouns[] = {
    "\xd8\xaa\xd9\x86\xd8\xb8\xd9\x8a\xd9\x85",             /* تنظيم */
    "\xd8\xac\xd9\x85\xd8\xa7\xd8\xb9\xd9\x87",             /* جماعه */
    "\xd8\xad\xd8\xb1\xd9\x83\xd9\x87",                     /* حركه */
    "\xd9\x82\xd9\x88\xd8\xa7\xd8\xaa",                     /* قوات */
    "\xd9\x85\xd8\xac\xd9\x84\xd8\xb3",                     /* مجلس */
    "\xd9\x85\xd9\x8a\xd9\x84\xd9\x8a\xd8\xb4\xd9\x8a\xd8\xa7", /* ميليشيا */
};
static const char *const place_nouns[] = {
    "\xd9\x85\xd8\xaf\xd9\x8a\xd9\x86\xd9\x87",             /* مدينه */
    "\xd8\xa8\xd9\x84\xd8\xaf\xd9\x87",                     /* بلده */
};

enum { NOT_ANAPHOR = 0, GROUP, PLACE };

static int stem_is(const hd_token *t, const char *w)
{
    size_t n = strlen(w);
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
    for (size_t i = 0; i < sizeof group_nouns / sizeof *group_nouns; i++)
        if (stem_is(tk, group_nouns[i]))
            return GROUP;
    for (size_t i = 0; i < sizeof place_nouns / sizeof *place_nouns; i++)
        if (stem_is(tk, place_nouns[i]))
            return PLACE;
    return NOT_ANAPHOR;
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

/* Does actor a's span hold a token with the same stem as token t? */
static int actor_has_noun(const hd_doc *doc, const hd_actor *a, size_t t)
{
    const hd_token *want = &doc->tokens[t];
    for (size_t k = token_at(doc, a->span.start);
         k < doc->n_tokens && doc->tokens[k].end <= a->span.end; k++)
        if (doc->tokens[k].stem_len == want->stem_len &&
            memcmp(doc->tokens[k].key + doc->tokens[k].stem_off,
                   want->key + want->stem_off, want->stem_len) == 0)
            return 1;
    return 0;
}

static const hd_actor *antecedent(const hd_doc *doc, size_t t, int kind)
{
    for (size_t i = doc->n_actors; i-- > 0;) {
        const hd_actor *a = &doc->actors[i];
        if (!a->code || a->span.end <= a->span.start ||
            a->span.start >= doc->tokens[t].start)
            continue;
        if (kind == PLACE ? strlen(a->code) == 3 && a->code[0] != '-'
                          : actor_has_noun(doc, a, t) &&
                                !(a->span.start == doc->tokens[t].start))
            return a;
    }
    return NULL;
}

static int covered(const hd_mention *m, size_t n, size_t t)
{
    for (size_t i = 0; i < n; i++)
        if (t >= m[i].first && t < m[i].end)
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
        const hd_actor *a;
        /* covered() reads the mentions so far: the new array once made */
        if (!kind || covered(out ? out : *m, n, t) ||
            !(a = antecedent(doc, t, kind)))
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
                               a->code, a->entry_file, a->entry_line,
                               a->entity};
        n++;
        added++;
    }
    if (out)
        *m = out;
    return added;
}
