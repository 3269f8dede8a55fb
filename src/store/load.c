/*
 * load.c: an article and everything coded from it, read back from the
 * store into an hd_doc, so the writers of src/out/ (JSONL, CSV, PLOVER,
 * Phoenix) export stored events exactly as `hadath code` wrote them.
 *
 * Rebuilding the document rather than writing rows with writers of their
 * own keeps one definition of each output format: an event exported from
 * the store is byte for byte the line `hadath code` printed for it, which
 * the tests check. The document gets its text, metadata, the sentences the
 * events point at (only their bounds: the store keeps no tokens), places,
 * attributions with their quotations, quantities and events; row ids map
 * back to indices through the ord columns.
 */
#include <math.h>
#include <string.h>

#include "base/arena.h"
#include "doc/doc.h"
#include "store/store_int.h"

static const char *dup_col(hd_doc *d, hd_stmt *st, int col)
{
    const char *s = hd_stmt_text(st, col);
    return s ? hd_arena_strndup(d->arena, s, strlen(s)) : NULL;
}

static uint32_t u32_col(hd_stmt *st, int col)
{
    return hd_stmt_is_null(st, col) ? 0 : (uint32_t)hd_stmt_int64(st, col);
}

static hd_span span_col(hd_stmt *st, int col)
{
    hd_span s = {u32_col(st, col), u32_col(st, col + 1)};
    return s;
}

static int32_t index_of(const int64_t *ids, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (ids[i] == id)
            return (int32_t)i;
    return -1;
}

static int load_article(hd_store *s, int64_t id, hd_doc *d, hd_error *err)
{
    hd_stmt *st = hd_store_stmt(s, ST_LOAD_ARTICLE, err);
    if (!st)
        return -1;
    hd_stmt_bind_int64(st, 1, id);
    int rc = hd_stmt_step(st, err);
    if (rc <= 0) {
        if (rc == 0)
            hd_error_set(err, NULL, 0, -1, "store: no article %lld",
                         (long long)id);
        return -1;
    }
    const char *text = hd_stmt_text(st, 6);
    if (hd_doc_set_text(d, text ? text : "", text ? strlen(text) : 0, err))
        return -1;
    d->id = dup_col(d, st, 1);
    d->outlet = dup_col(d, st, 2);
    d->url = dup_col(d, st, 3);
    d->date = dup_col(d, st, 4);
    const char *title = hd_stmt_text(st, 5);
    d->title.start = 0;
    d->title.end = title ? (uint32_t)strlen(title) : 0;
    d->body_offset = u32_col(st, 7);
    d->source = dup_col(d, st, 8);
    d->source_line = (long)hd_stmt_int64(st, 9);
    d->extra_json = dup_col(d, st, 10);
    size_t ns = (size_t)hd_stmt_int64(st, 11);
    HD_VEC_RESERVE(d->sentences, d->cap_sentences, ns + 1);
    memset(d->sentences, 0, (ns + 1) * sizeof *d->sentences);
    d->n_sentences = ns;
    hd_stmt_reset(st);
    return 0;
}

static int load_places(hd_store *s, int64_t art, hd_doc *d, int64_t **ids,
                       hd_error *err)
{
    hd_stmt *st = hd_store_stmt(s, ST_LOAD_PLACES, err);
    if (!st)
        return -1;
    hd_stmt_bind_int64(st, 1, art);
    size_t n = 0, cap = 0;
    hd_place *v = NULL;
    int rc;
    while ((rc = hd_stmt_step(st, err)) == 1) {
        HD_VEC_RESERVE(v, cap, n + 1);
        *ids = hd_xrealloc(*ids, (n + 1) * sizeof **ids);
        (*ids)[n] = hd_stmt_int64(st, 0);
        hd_place *p = &v[n++];
        memset(p, 0, sizeof *p);
        /* columns: id, article_id, ord, sentence, text, span_start, ... */
        p->sentence = u32_col(st, 3);
        p->span = span_col(st, 5);
        p->name = dup_col(d, st, 7);
        p->geonameid = u32_col(st, 8);
        const char *cc = hd_stmt_text(st, 9);
        if (cc)
            strncpy(p->country_code, cc, 2);
        p->lat = hd_stmt_double(st, 10);
        p->lon = hd_stmt_double(st, 11);
        const char *res = hd_stmt_text(st, 12);
        p->resolution = !res ? 0 : !strcmp(res, "city") ? HD_RES_CITY
                        : !strcmp(res, "admin1") ? HD_RES_ADMIN1
                                                 : HD_RES_COUNTRY;
    }
    if (n) {
        d->places = hd_arena_alloc(d->arena, n * sizeof *v);
        memcpy(d->places, v, n * sizeof *v);
    }
    d->n_places = n;
    free(v);
    return rc;
}

static int load_attributions(hd_store *s, int64_t art, hd_doc *d,
                             int64_t **ids, hd_error *err)
{
    hd_stmt *st = hd_store_stmt(s, ST_LOAD_ATTRIBUTIONS, err);
    if (!st)
        return -1;
    hd_stmt_bind_int64(st, 1, art);
    size_t n = 0, cap = 0;
    hd_attribution *v = NULL;
    int rc;
    while ((rc = hd_stmt_step(st, err)) == 1) {
        HD_VEC_RESERVE(v, cap, n + 1);
        *ids = hd_xrealloc(*ids, (n + 1) * sizeof **ids);
        (*ids)[n] = hd_stmt_int64(st, 0);
        hd_attribution *a = &v[n++];
        memset(a, 0, sizeof *a);
        a->sentence = u32_col(st, 3);
        hd_span *parts[] = {&a->speaker, &a->role, &a->organisation,
                            &a->outlet, &a->cue};
        for (int k = 0; k < 5; k++)
            *parts[k] = span_col(st, 5 + 3 * k);
        a->quote = -1;
        if (!hd_stmt_is_null(st, 19)) {
            HD_VEC_RESERVE(d->quotes, d->cap_quotes, d->n_quotes + 1);
            hd_quote *q = &d->quotes[d->n_quotes];
            memset(q, 0, sizeof *q);
            q->start = u32_col(st, 19);
            q->end = u32_col(st, 20);
            a->quote = (int32_t)d->n_quotes++;
        }
        a->scope = span_col(st, 21);
    }
    if (n) {
        d->attributions = hd_arena_alloc(d->arena, n * sizeof *v);
        memcpy(d->attributions, v, n * sizeof *v);
    }
    d->n_attributions = n;
    free(v);
    return rc;
}

static void actor_cols(hd_doc *d, hd_stmt *st, int c, hd_actor *a)
{
    memset(a, 0, sizeof *a);
    a->code = dup_col(d, st, c + 1);
    const char *country = hd_stmt_text(st, c + 2);
    const char *sector = hd_stmt_text(st, c + 3);
    if (country)
        strncpy(a->country, country, 3);
    if (sector)
        strncpy(a->sector, sector, 3);
    a->span = span_col(st, c + 4);
    a->entry_file = dup_col(d, st, c + 6);
    a->entry_line = u32_col(st, c + 7);
}

static double count_col(hd_stmt *st, int col)
{
    return hd_stmt_is_null(st, col) ? -1 : hd_stmt_double(st, col);
}

/* One events row (columns: id, then EVENT_COLUMNS from 1). */
static void event_cols(hd_doc *d, hd_stmt *st, hd_event *e,
                       const int64_t *place_ids, const int64_t *attr_ids)
{
    memset(e, 0, sizeof *e);
    e->sentence = u32_col(st, 4);
    e->ordinal = u32_col(st, 5);
    const char *sec = hd_stmt_text(st, 6);
    e->section = !sec ? 0 : !strcmp(sec, "title") ? HD_SEC_TITLE
                 : !strcmp(sec, "caption") ? HD_SEC_CAPTION : HD_SEC_BODY;
    e->date = dup_col(d, st, 7);
    e->date_text = span_col(st, 9);
    e->event_type = dup_col(d, st, 11);
    e->mode = dup_col(d, st, 12);
    e->context = dup_col(d, st, 13);
    const char *cameo = hd_stmt_text(st, 14);
    if (cameo)
        strncpy(e->cameo, cameo, sizeof e->cameo - 1);
    e->quad = (int)hd_stmt_int64(st, 15);
    e->negated = (uint8_t)hd_stmt_int64(st, 16);
    e->hypothetical = (uint8_t)hd_stmt_int64(st, 17);
    actor_cols(d, st, 18, &e->source);
    actor_cols(d, st, 26, &e->target);
    e->place = hd_stmt_is_null(st, 34)
                   ? -1 : index_of(place_ids, d->n_places, hd_stmt_int64(st, 34));
    e->attribution = hd_stmt_is_null(st, 41)
                   ? -1 : index_of(attr_ids, d->n_attributions,
                                   hd_stmt_int64(st, 41));
    e->dead = count_col(st, 42);
    e->injured = count_col(st, 43);
    e->arrested = count_col(st, 44);
    e->size = count_col(st, 45);
    e->trigger.start = u32_col(st, 47);
    e->trigger.end = u32_col(st, 48);
    e->pattern = dup_col(d, st, 49);
    e->pattern_file = dup_col(d, st, 50);
    e->pattern_line = u32_col(st, 51);
    if (!hd_stmt_is_null(st, 53) && e->sentence < d->n_sentences) {
        d->sentences[e->sentence].start = u32_col(st, 53);
        d->sentences[e->sentence].end = u32_col(st, 54);
    }
    e->score = hd_stmt_double(st, 55);
    e->source.entity = dup_col(d, st, 56);
    e->target.entity = dup_col(d, st, 57);
}

static int load_events(hd_store *s, int64_t art, hd_doc *d, int64_t **ids,
                       const int64_t *place_ids, const int64_t *attr_ids,
                       hd_error *err)
{
    hd_stmt *st = hd_store_stmt(s, ST_LOAD_EVENTS, err);
    if (!st)
        return -1;
    hd_stmt_bind_int64(st, 1, art);
    int rc;
    while ((rc = hd_stmt_step(st, err)) == 1) {
        HD_VEC_RESERVE(d->events, d->cap_events, d->n_events + 1);
        *ids = hd_xrealloc(*ids, (d->n_events + 1) * sizeof **ids);
        (*ids)[d->n_events] = hd_stmt_int64(st, 0);
        event_cols(d, st, &d->events[d->n_events++], place_ids, attr_ids);
    }
    return rc;
}

static int load_quantities(hd_store *s, int64_t art, hd_doc *d,
                           const int64_t *event_ids, const int64_t *attr_ids,
                           hd_error *err)
{
    hd_stmt *st = hd_store_stmt(s, ST_LOAD_QUANTITIES, err);
    if (!st)
        return -1;
    hd_stmt_bind_int64(st, 1, art);
    size_t n = 0, cap = 0;
    hd_quantity *v = NULL;
    int rc;
    while ((rc = hd_stmt_step(st, err)) == 1) {
        HD_VEC_RESERVE(v, cap, n + 1);
        hd_quantity *q = &v[n++];
        memset(q, 0, sizeof *q);
        /* id, article_id, ord, sentence, event_id, attribution_id, text,
         * span_start, span_end, value, min, max, qualifier, qualifier_name,
         * of_text, of_start, of_end, category, date */
        q->sentence = u32_col(st, 3);
        q->event = hd_stmt_is_null(st, 4) ? -1
                   : index_of(event_ids, d->n_events, hd_stmt_int64(st, 4));
        q->attribution = hd_stmt_is_null(st, 5) ? -1
                   : index_of(attr_ids, d->n_attributions, hd_stmt_int64(st, 5));
        q->span = span_col(st, 7);
        q->value = hd_stmt_double(st, 9);
        q->min = hd_stmt_double(st, 10);
        q->max = hd_stmt_is_null(st, 11) ? INFINITY : hd_stmt_double(st, 11);
        q->qualifier = (int)hd_stmt_int64(st, 12);
        q->of = span_col(st, 15);
        q->category = dup_col(d, st, 17);
        q->date = dup_col(d, st, 18);
    }
    if (n) {
        d->quantities = hd_arena_alloc(d->arena, n * sizeof *v);
        memcpy(d->quantities, v, n * sizeof *v);
    }
    d->n_quantities = n;
    free(v);
    return rc;
}

int hd_store_load_doc(hd_store *s, int64_t article_id, hd_doc *d,
                      int64_t **event_ids, hd_error *err)
{
    hd_doc_reset(d);
    int64_t *place_ids = NULL, *attr_ids = NULL;
    int rc = -1;
    if (load_article(s, article_id, d, err) == 0 &&
        load_places(s, article_id, d, &place_ids, err) == 0 &&
        load_attributions(s, article_id, d, &attr_ids, err) == 0 &&
        load_events(s, article_id, d, event_ids, place_ids, attr_ids,
                    err) == 0 &&
        load_quantities(s, article_id, d, *event_ids, attr_ids, err) == 0)
        rc = 0;
    free(place_ids);
    free(attr_ids);
    return rc;
}
