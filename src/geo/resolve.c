/*
 * resolve.c: place mentions of a document, resolved, and given to events.
 *
 * Four passes over the document, each cheap:
 *
 *  1. Find. Every sentence is scanned left to right for the longest
 *     gazetteer name (gazetteer.c); a match consumes its tokens. Adjectives
 *     (سوري, العراقية) and actor phrases that hold a place word (قوات سوريا
 *     الديمقراطية) are found the same way, so the place word inside them is
 *     never read as a place. The word before a name is its cue: مدينة, بلدة
 *     ask for a city; محافظة, ولاية, إقليم, ريف for a region; دولة, جمهورية
 *     for a country; شمال, منطقة, في, من only say "a place follows". A name
 *     the rules call weak (a common word: الباب "the door", القائم "the one
 *     in charge") counts only after a place word or a kind of place, not
 *     after a bare preposition (في آب is "in August", not in Ibb). A name
 *     with the accusative tanwin (دوماً "always") is never a place, and a
 *     country name that is also its adjective, after a definite noun, is
 *     the adjective (وزارة الخارجية السعودية).
 *
 *  2. Context. The document votes for countries: a country named (2), a
 *     region (1), a country adjective (1), an actor phrase (1), and, when
 *     the coder ran first, each event actor's country code (1); then each
 *     town that is believable on its own (see 3) whose name exists in one
 *     country only (1), so that بغداد vouches for the Iraqi towns near it.
 *
 *  3. Resolve. Among a name's rows, the cue's kind wins if any row has it
 *     (محافظة الرقة is the governorate). A country wins over a same-named
 *     city (الكويت, الجزائر) unless the city is a capital or a city of a
 *     million in a country the document talks about more (عمان is Amman in
 *     a Jordanian story, Oman otherwise). A region gives way to a same-named
 *     town of its own country (الرقة is the city). Between towns, the best
 *     fit is 4 log10(population) + 1.5 log2(1 + votes for its country):
 *     size weighs heavily, so a story about America does not move باريس to
 *     Paris, Texas, while a few Kuwaiti votes still take الرقة to Ar Riqqah
 *     (52,000 people) rather than Raqqa (177,000); and a namesake five times
 *     smaller than the largest row wins only in a document about its own
 *     country above all. Last, a one-word town must be believable: a cue
 *     (مدينة), a capital, a city of 100,000, or a country with votes;
 *     common words are the names of small towns somewhere (أن is Ans,
 *     Belgium), and the rules list the ones met in the news.
 *
 *  4. Events. An event's place is chosen among its sentence's places: a
 *     locative one (في الرقة, بالرقة, مدينة الرقة, شمال الرقة) before a bare
 *     one (المدعومة من الولايات المتحدة), then one in the trigger's clause
 *     (clauses end at , ; :), then one after the trigger, then the nearest.
 *     A sentence without places gives the dateline's place (بغداد (رويترز) -,
 *     لندن، بريطانيا (CNN) -- at the head of the body), else the title's.
 *
 * When only some sentences' events are read (hd_geo_resolve_in), only the
 * mentions pass 4 can give those events are kept: of their sentences, of
 * the first body sentence and of the title. Pass 1 reads those sentences
 * first. When no kept mention's resolution can turn on a vote (needs_votes:
 * one town left to choose and believable alone, or a country), the other
 * sentences are never read; otherwise they are, since each name votes for
 * the document's countries, and the first round of pass 3 runs over all
 * the mentions, the second (whose votes are never read) over the kept.
 *
 * Memory: mentions grow in the document's arena; doc->places is an arena
 * array. Nothing is allocated with malloc and nothing global is written, so
 * documents resolve in parallel against one gazetteer.
 */
#include <math.h>
#include <string.h>

#include "geo/gazetteer.h"
#include "text/words.h"

/* What the word before a name says: a preposition (في), a place word
 * (شمال، منطقة), or the kind of place (مدينة، محافظة، دولة). */
enum cue { CUE_NONE = 0, CUE_PREP, CUE_NEAR, CUE_CITY, CUE_ADMIN, CUE_COUNTRY };

typedef struct mention {
    hd_gaz_match m;
    uint32_t sentence;
    uint8_t cue;
    uint8_t accepted;
    uint8_t kept;       /* an event can be given it (hd_geo_resolve_in) */
    int32_t row;        /* chosen gazetteer row, or -1 */
} mention;

typedef struct mentions {
    mention *v;
    size_t n, cap;
} mentions;

static void push_mention(hd_arena *a, mentions *ms, const mention *x)
{
    if (ms->n == ms->cap) {
        size_t cap = ms->cap ? ms->cap * 2 : 32;
        mention *v = hd_arena_alloc(a, cap * sizeof *v);
        if (ms->n)
            memcpy(v, ms->v, ms->n * sizeof *v);
        ms->v = v;
        ms->cap = cap;
    }
    ms->v[ms->n++] = *x;
}

/* ------------------------------------------------------------------ cues */

typedef struct cue_word {
    const char *key;
    size_t len;
    uint8_t cue;
} cue_word;

/* Normalized stems of the word before a name, shortest first (cue_of_key
 * searches by length; of equal words the first wins). */
#define CW(k, c) {k, sizeof k - 1, c}
static const cue_word cue_words[] = {
    CW("حي", CUE_CITY), CW("في", CUE_PREP), CW("من", CUE_PREP),
    CW("مدن", CUE_NEAR), CW("قري", CUE_NEAR), CW("ريف", CUE_ADMIN),
    CW("عهد", CUE_ADMIN), CW("الي", CUE_PREP), CW("قرب", CUE_NEAR),
    CW("حول", CUE_NEAR), CW("شرق", CUE_NEAR), CW("غرب", CUE_NEAR),
    CW("وسط", CUE_NEAR), CW("بلده", CUE_CITY), CW("قريه", CUE_CITY),
    CW("ريفي", CUE_ADMIN), CW("حاكم", CUE_ADMIN), CW("دوله", CUE_COUNTRY),
    CW("داخل", CUE_NEAR), CW("خارج", CUE_NEAR), CW("شمال", CUE_NEAR),
    CW("جنوب", CUE_NEAR), CW("شرقي", CUE_NEAR), CW("غربي", CUE_NEAR),
    CW("محيط", CUE_NEAR), CW("مخيم", CUE_NEAR), CW("مدينه", CUE_CITY),
    CW("ضاحيه", CUE_CITY), CW("عاصمه", CUE_CITY), CW("بلدات", CUE_NEAR),
    CW("ولايه", CUE_ADMIN), CW("اقليم", CUE_ADMIN), CW("اماره", CUE_ADMIN),
    CW("مملكه", CUE_COUNTRY), CW("سلطنه", CUE_COUNTRY), CW("شمالي", CUE_NEAR),
    CW("جنوبي", CUE_NEAR), CW("اطراف", CUE_NEAR), CW("منطقه", CUE_NEAR),
    CW("مناطق", CUE_NEAR), CW("ضواحي", CUE_NEAR), CW("مشارف", CUE_NEAR),
    CW("محافظه", CUE_ADMIN), CW("مقاطعه", CUE_ADMIN),
    CW("محافظات", CUE_ADMIN), CW("جمهوريه", CUE_COUNTRY)};

static uint8_t cue_of_key(const char *k, size_t n)
{
    const size_t count = sizeof cue_words / sizeof cue_words[0];
    size_t lo = 0, hi = count;
    while (lo < hi) { /* the first word of length n */
        size_t mid = (lo + hi) / 2;
        if (cue_words[mid].len < n)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (const cue_word *c = cue_words + lo; lo < count && c->len == n;
         c++, lo++)
        if (c->key[n - 1] == k[n - 1] && hd_same_bytes(c->key, k, n))
            return c->cue;
    return CUE_NONE;
}

/* What the word t says of a place name right after it, by its key or its
 * stem. */
static uint8_t word_cue(const hd_token *t)
{
    if (t->kind != HD_TOK_WORD)
        return CUE_NONE;
    uint8_t cue = cue_of_key(t->key, t->key_len);
    return cue ? cue : cue_of_key(t->key + t->stem_off, t->stem_len);
}

/* The cue given by the word before the name (its key, or its stem), or by
 * العاصمة after it. */
static uint8_t cue_before(const hd_doc *doc, const hd_sentence *s,
                          const hd_gaz_match *m)
{
    uint8_t cue = CUE_NONE;
    if (m->tok_first > s->tok_first) {
        cue = word_cue(&doc->tokens[m->tok_first - 1]);
    }
    /* الجزائر العاصمة: a city named after its country */
    if (m->tok_last + 1 < s->tok_first + s->tok_count) {
        const hd_token *t = &doc->tokens[m->tok_last + 1];
        if (t->key_len == strlen("العاصمه") &&
            memcmp(t->key, "العاصمه", t->key_len) == 0)
            cue = CUE_CITY;
    }
    return cue;
}

/* ------------------------------------------------------------ pass 1 */

/* A name never takes the accusative tanwin: دوماً is "always", not Douma. */
static int tanwin_ends(const hd_doc *doc, const hd_gaz_match *m)
{
    if (m->name->flags & HD_GAZ_ADJ)
        return 0;
    const hd_token *t = &doc->tokens[m->tok_last];
    return (hd_text_clitic_hints(doc->text + t->start, t->end - t->start) &
            HD_HINT_FINAL_TANWIN) != 0;
}

/* السعودية after a definite noun (وزارة الخارجية السعودية) is the
 * adjective "Saudi", not the country: read such a name as its adjective. */
static void adjective_reading(const hd_gazetteer *g, const hd_doc *doc,
                              const hd_sentence *s, size_t i, size_t end,
                              hd_gaz_match *m)
{
    hd_gaz_match adj;
    if (i == s->tok_first || (m->name->flags & HD_GAZ_ADJ))
        return;
    const hd_token *prev = &doc->tokens[i - 1];
    if (prev->kind != HD_TOK_WORD || prev->key_len < 8 ||
        memcmp(prev->key, "ال", 4) != 0)
        return;
    if (hd_gaz_adjective_at(g, doc, i, end, &adj) &&
        adj.tok_last == m->tok_last)
        *m = adj;
}

static void find_in_sentence(const hd_gazetteer *g, hd_doc *doc,
                             const uint8_t *skip, size_t si, int kept,
                             mentions *ms)
{
    const hd_sentence *s = &doc->sentences[si];
    size_t end = s->tok_first + s->tok_count;
    for (size_t i = s->tok_first; i < end;) {
        if (skip && (skip[i] & HD_SKIP_GAZ)) {
            i++;
            continue;
        }
        mention x;
        memset(&x, 0, sizeof x);
        if (!hd_gaz_match_at(g, doc, i, end, &x.m)) {
            i++;
            continue;
        }
        adjective_reading(g, doc, s, i, end, &x.m);
        x.sentence = (uint32_t)si;
        x.kept = (uint8_t)kept;
        x.row = -1;
        x.cue = cue_before(doc, s, &x.m);
        unsigned fl = x.m.name->flags;
        x.accepted = !(fl & HD_GAZ_STOP) && !tanwin_ends(doc, &x.m) &&
                     (!(fl & HD_GAZ_WEAK) || x.cue >= CUE_NEAR) &&
                     x.m.name->n_cand > 0;
        push_mention(doc->arena, ms, &x);
        i = x.m.tok_last + 1;
    }
}

/* Which sentences find_mentions reads. */
enum { FIND_ALL, FIND_KEPT, FIND_REST };

/* The mentions of the sentences `which` says, keep[] telling the kept
 * ones (NULL: all are), in text order. */
static void find_mentions(const hd_gazetteer *g, hd_doc *doc,
                          const uint8_t *keep, int which, mentions *ms)
{
    /* the word memo knows the words no name begins with: most */
    const hd_word_view *v = hd_word_view_of(doc);
    if (v && v->gaz != g)
        v = NULL;
    const uint8_t *skip = hd_tok_skips_of(doc, v);
    for (size_t si = 0; si < doc->n_sentences; si++) {
        int kept = !keep || keep[si];
        if (which == FIND_ALL || kept == (which == FIND_KEPT))
            find_in_sentence(g, doc, skip, si, kept, ms);
    }
}

/* The two lists of find_mentions' FIND_KEPT and FIND_REST as one, in text
 * order (no sentence is in both). */
static void merge_mentions(hd_arena *a, mentions *ms, const mentions *rest)
{
    if (!rest->n)
        return;
    mention *v = hd_arena_alloc(a, (ms->n + rest->n) * sizeof *v);
    size_t i = 0, j = 0, k = 0;
    while (i < ms->n || j < rest->n)
        v[k++] = j == rest->n || (i < ms->n &&
                                  ms->v[i].sentence < rest->v[j].sentence)
                     ? ms->v[i++] : rest->v[j++];
    ms->v = v;
    ms->n = ms->cap = k;
}

/* ------------------------------------------------------- passes 2 and 3 */

typedef struct context {
    int votes[26 * 26]; /* by ISO2 code */
} context;

static int cc_slot(const char *cc)
{
    if (cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z')
        return -1;
    return (cc[0] - 'A') * 26 + (cc[1] - 'A');
}

static void vote(context *cx, const char *cc, int w)
{
    int s = cc_slot(cc);
    if (s >= 0)
        cx->votes[s] += w;
}

static int votes_for(const context *cx, const char *cc)
{
    int s = cc_slot(cc);
    return s < 0 ? 0 : cx->votes[s];
}

static const hd_gaz_place *row(const hd_gazetteer *g, const hd_gaz_name *nm,
                               uint32_t k)
{
    return &g->places[g->cands[nm->cand + k]];
}

/* The one country all rows of a name lie in, or NULL. */
static const char *single_country(const hd_gazetteer *g, const hd_gaz_name *nm)
{
    for (uint32_t k = 1; k < nm->n_cand; k++)
        if (memcmp(row(g, nm, k)->cc, row(g, nm, 0)->cc, 2) != 0)
            return NULL;
    return nm->n_cand ? row(g, nm, 0)->cc : NULL;
}

static int has_resolution(const hd_gazetteer *g, const hd_gaz_name *nm,
                          int resolution)
{
    for (uint32_t k = 0; k < nm->n_cand; k++)
        if (row(g, nm, k)->resolution == resolution)
            return 1;
    return 0;
}

/* Has the name a city row in country cc? */
static int has_city_in(const hd_gazetteer *g, const hd_gaz_name *nm,
                       const char *cc)
{
    for (uint32_t k = 0; k < nm->n_cand; k++)
        if (row(g, nm, k)->resolution == HD_RES_CITY &&
            memcmp(row(g, nm, k)->cc, cc, 2) == 0)
            return 1;
    return 0;
}

static int cue_kind(int cue)
{
    return cue == CUE_CITY      ? HD_RES_CITY
           : cue == CUE_ADMIN   ? HD_RES_ADMIN1
           : cue == CUE_COUNTRY ? HD_RES_COUNTRY : 0;
}

/* The countries of a document's actors, looked up once each: for a code
 * that is no country (IGO, IMG: a third of them) hd_gaz_country reads its
 * whole table, some 4,000 instructions. */
typedef struct country_memo {
    char code[8][4];
    int32_t row[8];
    int n;
} country_memo;

static void actor_vote(const hd_gazetteer *g, context *cx, country_memo *cm,
                       const hd_actor *a)
{
    if (!a->country[0])
        return;
    int k = 0;
    while (k < cm->n && strcmp(cm->code[k], a->country) != 0)
        k++;
    int32_t r = k < cm->n ? cm->row[k] : hd_gaz_country(g, a->country);
    if (k == cm->n && k < 8) {
        memcpy(cm->code[k], a->country, 4); /* NUL-ended within its 4 */
        cm->row[k] = r;
        cm->n++;
    }
    if (r >= 0)
        vote(cx, g->places[r].cc, 1);
}

/* Votes that need no resolving: countries named, regions, adjectives,
 * actor phrases, and the coder's actors. */
static void strong_votes(const hd_gazetteer *g, const hd_doc *doc,
                         const mentions *ms, context *cx)
{
    memset(cx, 0, sizeof *cx);
    for (size_t i = 0; i < ms->n; i++) {
        const mention *x = &ms->v[i];
        const hd_gaz_name *nm = x->m.name;
        const char *cc = single_country(g, nm);
        if (!x->accepted || !cc)
            continue;
        if (nm->flags & (HD_GAZ_ADJ | HD_GAZ_PHRASE))
            vote(cx, cc, 1);
        else if (has_resolution(g, nm, HD_RES_COUNTRY) && x->cue != CUE_CITY)
            vote(cx, cc, 2);
        else if (!has_resolution(g, nm, HD_RES_CITY))
            vote(cx, cc, 1);
    }
    country_memo cm = {.n = 0};
    for (size_t e = 0; e < doc->n_events; e++) {
        actor_vote(g, cx, &cm, &doc->events[e].source);
        actor_vote(g, cx, &cm, &doc->events[e].target);
    }
}

/* How well a city or region fits: size on a log scale, the document's
 * votes for its country on a log scale, a region behind a town elsewhere.
 * Size weighs heavily so that a document about the United States does not
 * move Paris to Texas, while Syrian votes still take الرقة from Ar Riqqah,
 * Kuwait (52,000 people), to Raqqa (177,000), and Kuwaiti votes take it
 * back. */
static double fit(const hd_gaz_place *p, const context *cx, int want)
{
    double s = 4.0 * log10((double)p->population + 10.0) +
               1.5 * log2(1.0 + votes_for(cx, p->cc));
    if (p->resolution == HD_RES_ADMIN1 && want != HD_RES_ADMIN1)
        s -= 2.0;
    return s;
}

static int top_voted(const context *cx, const char *cc)
{
    int v = votes_for(cx, cc), max = 0;
    for (int i = 0; i < 26 * 26; i++)
        if (cx->votes[i] > max)
            max = cx->votes[i];
    return v > 0 && v == max;
}

/* A city that may stand for a same-named country: only a capital or a
 * city of a million, in a country the document talks about more (عمان is
 * Amman in a Jordanian story, Oman otherwise). */
static int may_be_country(const hd_gaz_place *city)
{
    return city->population >= 1000000 || city->capital;
}

static int city_over_country(const hd_gaz_place *city,
                             const hd_gaz_place *country, const context *cx)
{
    return may_be_country(city) &&
           votes_for(cx, city->cc) > votes_for(cx, country->cc);
}

static int32_t choose_row(const hd_gazetteer *g, const mention *x,
                          const context *cx)
{
    const hd_gaz_name *nm = x->m.name;
    int want = cue_kind(x->cue);
    if (want && !has_resolution(g, nm, want))
        want = 0;
    int32_t best = -1, country = -1, largest = -1;
    double best_fit = 0;
    for (uint32_t k = 0; k < nm->n_cand; k++) {
        uint32_t r = g->cands[nm->cand + k];
        const hd_gaz_place *p = &g->places[r];
        if (want && p->resolution != want)
            continue;
        if (p->resolution == HD_RES_COUNTRY) {
            country = (int32_t)r;
            continue;
        }
        if (p->resolution == HD_RES_ADMIN1 && want != HD_RES_ADMIN1 &&
            has_city_in(g, nm, p->cc))
            continue; /* الرقة is the city unless محافظة says otherwise */
        double f = fit(p, cx, want);
        if (best < 0 || f > best_fit) {
            best = (int32_t)r;
            best_fit = f;
        }
        if (largest < 0 || p->population > g->places[largest].population)
            largest = (int32_t)r;
    }
    /* A namesake five times smaller (Geneva, Illinois) wins only in a
     * document that is about its own country above all. */
    if (best >= 0 && best != largest &&
        g->places[largest].population >= 5u * g->places[best].population &&
        !top_voted(cx, g->places[best].cc))
        best = largest;
    if (country >= 0 && want != HD_RES_CITY &&
        !(best >= 0 &&
          city_over_country(&g->places[best], &g->places[country], cx)))
        return country;
    return best;
}

/* Is a resolved city believable without more evidence? Common words are
 * also the names of small towns somewhere (أن is Ans, Belgium; كان is Caen),
 * so a one-word town needs a cue (مدينة, محافظة), or to be a capital or a
 * city of a million, or to lie in a country the document talks about. */
static int believable_alone(const hd_gaz_place *p, const mention *x)
{
    return p->resolution != HD_RES_CITY || x->cue == CUE_CITY ||
           x->cue == CUE_ADMIN || p->population >= 100000 || p->capital;
}

static int believable(const hd_gaz_place *p, const mention *x,
                      const context *cx)
{
    return believable_alone(p, x) || votes_for(cx, p->cc) > 0;
}

/* Can the document's votes change what choose_row and believable make of
 * x? Not when, among the rows choose_row weighs, one town or region is
 * left (so fit and the namesake rule have nothing to choose between), it
 * cannot take a same-named country's place, and it is believable alone.
 * Follows choose_row's filters step by step; errs towards "they can". */
static int needs_votes(const hd_gazetteer *g, const mention *x)
{
    const hd_gaz_name *nm = x->m.name;
    int want = cue_kind(x->cue);
    if (want && !has_resolution(g, nm, want))
        want = 0;
    const hd_gaz_place *one = NULL;
    int country = 0;
    for (uint32_t k = 0; k < nm->n_cand; k++) {
        const hd_gaz_place *p = row(g, nm, k);
        if (want && p->resolution != want)
            continue;
        if (p->resolution == HD_RES_COUNTRY) {
            country = 1;
            continue;
        }
        if (p->resolution == HD_RES_ADMIN1 && want != HD_RES_ADMIN1 &&
            has_city_in(g, nm, p->cc))
            continue;
        if (one)
            return 1; /* two to weigh */
        one = p;
    }
    if (!one)
        return 0; /* a country (the last row), or nothing */
    if (country && want != HD_RES_CITY)
        return may_be_country(one); /* else the country, always believed */
    return !believable_alone(one, x);
}

/* Does any mention that resolve_all would resolve need the votes? */
static int any_needs_votes(const hd_gazetteer *g, const mentions *ms)
{
    for (size_t i = 0; i < ms->n; i++) {
        const mention *x = &ms->v[i];
        if (x->accepted && !(x->m.name->flags & (HD_GAZ_ADJ | HD_GAZ_PHRASE)) &&
            needs_votes(g, x))
            return 1;
    }
    return 0;
}

static void resolve_all(const hd_gazetteer *g, const hd_doc *doc,
                        mentions *ms)
{
    context strong, all;
    strong_votes(g, doc, ms, &strong);
    all = strong;
    /* Round one adds the towns that stand on their own, round two resolves
     * everything with their votes too (بغداد makes the Iraqi towns of the
     * article believable even if العراق is never named). */
    for (int round = 0; round < 2; round++) {
        context next = strong;
        for (size_t i = 0; i < ms->n; i++) {
            mention *x = &ms->v[i];
            x->row = -1;
            if (round == 1 && !x->kept)
                continue; /* it voted in round one; no event reads it */
            if (!x->accepted ||
                (x->m.name->flags & (HD_GAZ_ADJ | HD_GAZ_PHRASE)))
                continue;
            int32_t r = choose_row(g, x, &all);
            if (r < 0 || !believable(&g->places[r], x, &all))
                continue;
            x->row = r;
            if (g->places[r].resolution == HD_RES_CITY &&
                single_country(g, x->m.name))
                vote(&next, g->places[r].cc, 1);
        }
        all = next;
    }
}

static int is_place(const mention *x)
{
    return x->accepted && x->kept && x->row >= 0 &&
           !(x->m.name->flags & (HD_GAZ_ADJ | HD_GAZ_PHRASE));
}

/* Byte offset in the token's surface after `skip` letters (and the marks
 * that sit on them). */
static uint32_t skip_letters(const hd_doc *doc, const hd_token *t,
                             unsigned skip)
{
    uint32_t p = t->start;
    while (skip && p < t->end) {
        unsigned char c = (unsigned char)doc->text[p];
        p += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        skip--;
        while (p + 1 < t->end) { /* harakat, shadda, tatweel after it */
            unsigned cp = ((unsigned)(unsigned char)doc->text[p] << 8) |
                          (unsigned char)doc->text[p + 1];
            if (!((cp >= 0xD98B && cp <= 0xD99F) || cp == 0xD9B0 ||
                  cp == 0xD980))
                break;
            p += 2;
        }
    }
    return p;
}

/* What pass 4 needs to know about each place of doc->places. */
typedef struct place_ref {
    uint32_t tok;       /* its first token */
    uint8_t locative;   /* في الرقة, بالرقة, مدينة الرقة, شمال الرقة */
} place_ref;

static int is_word(const hd_token *t, const char *w)
{
    size_t n = strlen(w);
    return (t->key_len == n && memcmp(t->key, w, n) == 0) ||
           (t->stem_len == n && memcmp(t->key + t->stem_off, w, n) == 0);
}

/* Does the place say where something happened (في، داخل، قرب، ب-)? */
static int locative(const hd_doc *doc, const mention *x)
{
    const hd_token *t = &doc->tokens[x->m.tok_first];
    if (x->m.skip && memcmp(t->key + (size_t)(x->m.skip - 1) * 2, "ب", 2) == 0)
        return 1;
    if (x->cue >= CUE_NEAR)
        return 1;
    if (x->m.tok_first == 0 || x->cue != CUE_PREP)
        return 0;
    const hd_token *p = &doc->tokens[x->m.tok_first - 1];
    return is_word(p, "في") || is_word(p, "داخل") || is_word(p, "قرب");
}

static void fill_places(const hd_gazetteer *g, hd_doc *doc, mentions *ms,
                        place_ref **refs)
{
    size_t n = 0;
    for (size_t i = 0; i < ms->n; i++)
        n += is_place(&ms->v[i]);
    doc->n_places = n;
    doc->places = n ? hd_arena_alloc(doc->arena, n * sizeof *doc->places) : NULL;
    *refs = n ? hd_arena_alloc(doc->arena, n * sizeof **refs) : NULL;
    size_t k = 0;
    for (size_t i = 0; i < ms->n; i++) {
        const mention *x = &ms->v[i];
        if (!is_place(x))
            continue;
        const hd_gaz_place *p = &g->places[x->row];
        hd_place *out = &doc->places[k];
        const hd_token *t0 = &doc->tokens[x->m.tok_first];
        out->span.start = skip_letters(doc, t0, x->m.skip);
        out->span.end = doc->tokens[x->m.tok_last].end;
        out->sentence = x->sentence;
        out->name = g->pool + p->name_off;
        out->geonameid = p->geonameid;
        memcpy(out->country_code, p->cc, 3);
        out->lat = p->lat;
        out->lon = p->lon;
        out->resolution = p->resolution;
        (*refs)[k].tok = x->m.tok_first;
        (*refs)[k].locative = (uint8_t)locative(doc, x);
        k++;
    }
}

/* ------------------------------------------------------------ pass 4 */

static int is_clause_end(const hd_token *t)
{
    return t->kind == HD_TOK_PUNCT && t->key_len == 1 &&
           (t->key[0] == ',' || t->key[0] == ';' || t->key[0] == ':');
}

/* Clause number of token i within its sentence. */
static unsigned clause_of(const hd_doc *doc, const hd_sentence *s, size_t i)
{
    unsigned c = 0;
    for (size_t j = s->tok_first; j < i; j++)
        c += is_clause_end(&doc->tokens[j]);
    return c;
}

/* The token of the event's trigger (the first token that reaches into it). */
static size_t trigger_token(const hd_doc *doc, const hd_sentence *s,
                            const hd_event *e)
{
    size_t end = s->tok_first + s->tok_count;
    for (size_t i = s->tok_first; i < end; i++)
        if (doc->tokens[i].end > e->trigger.start)
            return i;
    return s->tok_first;
}

static int is_dash(const hd_token *t)
{
    return t->kind == HD_TOK_PUNCT &&
           (t->key[0] == '(' || t->key[0] == '-' || t->key[0] == ':' ||
            (t->key_len == 3 && memcmp(t->key, "\xE2\x80\x93", 3) == 0) ||
            (t->key_len == 3 && memcmp(t->key, "\xE2\x80\x94", 3) == 0));
}

/* Is token j the first token of some place? Returns its index or -1. */
static int32_t place_at(const hd_doc *doc, const place_ref *refs, size_t j)
{
    for (size_t k = 0; k < doc->n_places; k++)
        if (refs[k].tok == j)
            return (int32_t)k;
    return -1;
}

/* The place that opens the body as a dateline: بغداد (رويترز) -, القاهرة -,
 * لندن، بريطانيا (CNN) --: a place as the first word of the first body
 * sentence, then at most commas and more places, then a bracket, a dash or
 * a colon. The first (most precise) place is the dateline's. */
static int32_t dateline_place(const hd_doc *doc, const place_ref *refs)
{
    for (size_t si = 0; si < doc->n_sentences; si++) {
        const hd_sentence *s = &doc->sentences[si];
        if (s->section != HD_SEC_BODY)
            continue;
        int32_t first = place_at(doc, refs, s->tok_first);
        if (first < 0)
            return -1;
        size_t end = s->tok_first + s->tok_count;
        uint32_t after = doc->places[first].span.end;
        size_t last = s->tok_first + 8 < end ? s->tok_first + 8 : end - 1;
        for (size_t j = s->tok_first + 1; j <= last; j++) {
            const hd_token *t = &doc->tokens[j];
            if (t->start < after)
                continue; /* inside the place just read */
            if (is_dash(t))
                return first;
            int32_t k = place_at(doc, refs, j);
            if (k >= 0)
                after = doc->places[k].span.end;
            else if (!(t->kind == HD_TOK_PUNCT && t->key[0] == ','))
                return -1;
        }
        return -1; /* only the first body sentence can hold a dateline */
    }
    return -1;
}

static int32_t title_place(const hd_doc *doc)
{
    for (size_t k = 0; k < doc->n_places; k++)
        if (doc->sentences[doc->places[k].sentence].section == HD_SEC_TITLE)
            return (int32_t)k;
    return -1;
}

/* The place of sentence si that best locates an event triggered at token t:
 * a locative place (في الرقة) before a bare one (المدعومة من الولايات
 * المتحدة), then one in the trigger's clause, then one after the trigger,
 * then the nearest. -1 if the sentence has none. */
static int32_t sentence_place(const hd_doc *doc, const place_ref *refs,
                              uint32_t si, size_t t)
{
    const hd_sentence *s = &doc->sentences[si];
    unsigned tc = clause_of(doc, s, t);
    int32_t best = -1;
    long best_key = 0;
    for (size_t k = 0; k < doc->n_places; k++) {
        if (doc->places[k].sentence != si)
            continue;
        size_t pt = refs[k].tok;
        long dist = pt > t ? (long)(pt - t) : (long)(t - pt);
        long key = (refs[k].locative ? 0 : 4000000L) +
                   (clause_of(doc, s, pt) == tc ? 0 : 2000000L) +
                   (pt > t ? 0 : 1000000L) + dist;
        if (best < 0 || key < best_key) {
            best = (int32_t)k;
            best_key = key;
        }
    }
    return best;
}

static void assign_events(hd_doc *doc, const place_ref *refs)
{
    int32_t fallback = dateline_place(doc, refs);
    if (fallback < 0)
        fallback = title_place(doc);
    for (size_t e = 0; e < doc->n_events; e++) {
        hd_event *ev = &doc->events[e];
        ev->place = -1;
        if (ev->sentence >= doc->n_sentences)
            continue;
        const hd_sentence *s = &doc->sentences[ev->sentence];
        int32_t k = sentence_place(doc, refs, ev->sentence,
                                   trigger_token(doc, s, ev));
        ev->place = k >= 0 ? k : fallback;
    }
}

/* ------------------------------------------------------------- the whole */

/* The sentences whose places pass 4 can give an event of a needed
 * sentence: its own, the dateline's (the first body sentence) and the
 * title's. NULL (all) when need is. */
static const uint8_t *kept_sentences(hd_doc *doc, const uint8_t *need)
{
    if (!need)
        return NULL;
    uint8_t *keep = hd_arena_alloc(doc->arena, doc->n_sentences + 1);
    int body = 0;
    for (size_t si = 0; si < doc->n_sentences; si++) {
        int sec = doc->sentences[si].section;
        keep[si] = need[si] || sec == HD_SEC_TITLE ||
                   (sec == HD_SEC_BODY && !body);
        body |= sec == HD_SEC_BODY;
    }
    return keep;
}

int hd_geo_resolve(const hd_gazetteer *g, hd_doc *doc, hd_error *err)
{
    return hd_geo_resolve_in(g, doc, NULL, err);
}

int hd_geo_resolve_in(const hd_gazetteer *g, hd_doc *doc,
                      const uint8_t *need, hd_error *err)
{
    if (!g || !doc) {
        hd_error_set(err, "", 0, -1, "hd_geo_resolve: no gazetteer or document");
        return -1;
    }
    mentions ms = {0};
    place_ref *refs = NULL;
    const uint8_t *keep = kept_sentences(doc, need);
    if (!keep) {
        find_mentions(g, doc, NULL, FIND_ALL, &ms);
    } else {
        /* the other sentences' names only vote: read them when a kept
         * mention's resolution can turn on a vote */
        find_mentions(g, doc, keep, FIND_KEPT, &ms);
        if (any_needs_votes(g, &ms)) {
            mentions rest = {0};
            find_mentions(g, doc, keep, FIND_REST, &rest);
            merge_mentions(doc->arena, &ms, &rest);
        }
    }
    resolve_all(g, doc, &ms);
    fill_places(g, doc, &ms, &refs);
    assign_events(doc, refs);
    return 0;
}
