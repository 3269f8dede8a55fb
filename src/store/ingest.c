/*
 * ingest.c: storing one coded document (hd_store_put_doc) and telling
 * whether a document needs storing at all (hd_store_article_state).
 *
 * An article is identified by its doc_id and versioned by a content hash.
 * Re-storing a changed article keeps its row (and so its id, which the
 * FTS index and outside references use) and replaces everything coded from
 * it: its children are deleted in the order their foreign keys need
 * (incident membership, quantities, events, attributions, places) and
 * written again. Places and attributions go first so events can point at
 * their rows; the row ids come back through RETURNING, which both engines
 * have. Everything runs inside the caller's transaction, so an article and
 * all of its rows become visible together or not at all.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "out/event.h"
#include "store/store_int.h"
#include "text/number.h"

int hd_store_article_state(hd_store *s, const char *doc_id, uint64_t hash,
                           hd_error *err)
{
    hd_stmt *st = hd_store_stmt(s, ST_ARTICLE_STATE, err);
    if (!st)
        return -1;
    hd_stmt_bind_text(st, 1, doc_id, (size_t)-1);
    int rc = hd_stmt_step(st, err);
    if (rc <= 0)
        return rc < 0 ? -1 : HD_ARTICLE_NEW;
    char want[17];
    snprintf(want, sizeof want, "%016" PRIx64, hash);
    const char *have = hd_stmt_text(st, 0);
    int same = have && strcmp(have, want) == 0;
    hd_stmt_reset(st);
    return same ? HD_ARTICLE_SAME : HD_ARTICLE_CHANGED;
}

/* Steps an INSERT ... RETURNING id; -1 with err on failure. */
static int64_t step_id(hd_stmt *st, hd_error *err)
{
    int rc = hd_stmt_step(st, err);
    if (rc != 1) {
        if (rc == 0)
            hd_error_set(err, NULL, 0, -1, "store: INSERT returned no id");
        return -1;
    }
    int64_t id = hd_stmt_int64(st, 0);
    if (hd_stmt_step(st, err) < 0)
        return -1;
    return id;
}

static int step_done(hd_stmt *st, hd_error *err)
{
    return hd_stmt_step(st, err) < 0 ? -1 : 0;
}

/* Binds the article's fields at 1.. (the ARTICLE_FIELDS order). */
static void bind_article(hd_store *s, hd_stmt *st, int i, const hd_doc *d,
                         const char *hash)
{
    hd_stmt_bind_text(st, i++, hash, (size_t)-1);
    hd_store_bind_str(st, i++, d->outlet);
    hd_store_bind_str(st, i++, d->url);
    hd_store_bind_str(st, i++, d->date);
    hd_store_bind_slice(st, i++, d, d->title.start, d->title.end);
    hd_stmt_bind_text(st, i++, d->text, d->len);
    hd_stmt_bind_int64(st, i++, d->body_offset);
    hd_store_bind_str(st, i++, d->source);
    hd_stmt_bind_int64(st, i++, d->source_line);
    hd_store_bind_str(st, i++, d->extra_json);
    hd_stmt_bind_int64(st, i++, (int64_t)d->n_sentences);
    hd_stmt_bind_int64(st, i++, (int64_t)d->n_events);
    hd_stmt_bind_int64(st, i++, (int64_t)d->n_places);
    hd_stmt_bind_int64(st, i++, (int64_t)d->n_attributions);
    hd_stmt_bind_int64(st, i++, (int64_t)d->n_quantities);
    if (s->dialect == HD_SQL_PG) {
        s->stems_len = 0;
        hd_store_stem_text(d->text, d->len, s->light_stem, &s->stems,
                           &s->stems_len, &s->stems_cap);
        hd_stmt_bind_text(st, i, s->stems, s->stems_len);
    } else {
        hd_stmt_bind_null(st, i); /* SQLite has articles_fts instead */
    }
}

static int delete_children(hd_store *s, int64_t article, hd_error *err)
{
    static const int order[] = {ST_DEL_MEMBERS, ST_DEL_QUANTITIES,
                                ST_DEL_EVENTS, ST_DEL_ATTRIBUTIONS,
                                ST_DEL_PLACES};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        hd_stmt *st = hd_store_stmt(s, order[i], err);
        if (!st)
            return -1;
        hd_stmt_bind_int64(st, 1, article);
        if (step_done(st, err) != 0)
            return -1;
    }
    return 0;
}

/* Writes the article row; returns its id (new or kept), -1 on error. */
static int64_t put_article(hd_store *s, const hd_doc *d, uint64_t hash,
                           int *replaced, hd_error *err)
{
    char hex[17];
    snprintf(hex, sizeof hex, "%016" PRIx64, hash);
    hd_stmt *st = hd_store_stmt(s, ST_ARTICLE_FIND, err);
    if (!st)
        return -1;
    hd_stmt_bind_text(st, 1, hd_out_doc_id(d), (size_t)-1);
    int rc = hd_stmt_step(st, err);
    if (rc < 0)
        return -1;
    int64_t id = rc == 1 ? hd_stmt_int64(st, 0) : -1;
    hd_stmt_reset(st);
    *replaced = id >= 0;
    if (id < 0) {
        if (!(st = hd_store_stmt(s, ST_ARTICLE_INSERT, err)))
            return -1;
        hd_stmt_bind_text(st, 1, hd_out_doc_id(d), (size_t)-1);
        bind_article(s, st, 2, d, hex);
        return step_id(st, err);
    }
    if (delete_children(s, id, err) != 0 ||
        !(st = hd_store_stmt(s, ST_ARTICLE_UPDATE, err)))
        return -1;
    bind_article(s, st, 1, d, hex);
    hd_stmt_bind_int64(st, 17, id);
    return step_done(st, err) == 0 ? id : -1;
}

static int put_places(hd_store *s, const hd_doc *d, int64_t art,
                      int64_t *ids, hd_error *err)
{
    static const char *const res[] = {NULL, "city", "admin1", "country"};
    for (size_t i = 0; i < d->n_places; i++) {
        const hd_place *p = &d->places[i];
        hd_stmt *st = hd_store_stmt(s, ST_PLACE_INSERT, err);
        if (!st)
            return -1;
        hd_stmt_bind_int64(st, 1, art);
        hd_stmt_bind_int64(st, 2, (int64_t)i);
        hd_stmt_bind_int64(st, 3, p->sentence);
        hd_store_bind_slice(st, 4, d, p->span.start, p->span.end);
        hd_store_bind_span(st, 5, p->span.start, p->span.end);
        hd_store_bind_str(st, 7, p->name);
        if (p->geonameid) {
            hd_stmt_bind_int64(st, 8, p->geonameid);
            hd_stmt_bind_double(st, 10, p->lat);
            hd_stmt_bind_double(st, 11, p->lon);
        }
        hd_store_bind_str(st, 9, p->country_code);
        hd_store_bind_str(st, 12, p->resolution > 0 && p->resolution < 4
                                      ? res[p->resolution] : NULL);
        if ((ids[i] = step_id(st, err)) < 0)
            return -1;
    }
    return 0;
}

static int put_attributions(hd_store *s, const hd_doc *d, int64_t art,
                            int64_t *ids, hd_error *err)
{
    for (size_t i = 0; i < d->n_attributions; i++) {
        const hd_attribution *a = &d->attributions[i];
        hd_stmt *st = hd_store_stmt(s, ST_ATTRIBUTION_INSERT, err);
        if (!st)
            return -1;
        hd_stmt_bind_int64(st, 1, art);
        hd_stmt_bind_int64(st, 2, (int64_t)i);
        hd_stmt_bind_int64(st, 3, a->sentence);
        const hd_span parts[] = {a->speaker, a->role, a->organisation,
                                 a->outlet, a->cue};
        for (int k = 0; k < 5; k++) {
            hd_store_bind_slice(st, 4 + 3 * k, d, parts[k].start, parts[k].end);
            hd_store_bind_span(st, 5 + 3 * k, parts[k].start, parts[k].end);
        }
        if (a->quote >= 0 && (size_t)a->quote < d->n_quotes)
            hd_store_bind_span(st, 19, d->quotes[a->quote].start,
                               d->quotes[a->quote].end);
        hd_store_bind_span(st, 21, a->scope.start, a->scope.end);
        if ((ids[i] = step_id(st, err)) < 0)
            return -1;
    }
    return 0;
}

/* Binds an actor's eight columns at i. */
static void bind_actor(hd_stmt *st, int i, const hd_doc *d, const hd_actor *a)
{
    hd_store_bind_slice(st, i, d, a->span.start, a->span.end);
    hd_store_bind_str(st, i + 1, a->code);
    hd_store_bind_str(st, i + 2, a->country);
    hd_store_bind_str(st, i + 3, a->sector);
    hd_store_bind_span(st, i + 4, a->span.start, a->span.end);
    hd_store_bind_str(st, i + 6, hd_out_data_path(a->entry_file));
    if (a->entry_file)
        hd_stmt_bind_int64(st, i + 7, a->entry_line);
}

static void bind_count(hd_stmt *st, int i, double v)
{
    if (v >= 0)
        hd_stmt_bind_double(st, i, v);
}

static void bind_event_place(hd_stmt *st, const hd_doc *d, const hd_event *e,
                             const int64_t *place_ids)
{
    static const char *const res[] = {NULL, "city", "admin1", "country"};
    if (e->place < 0 || (size_t)e->place >= d->n_places)
        return;
    const hd_place *p = &d->places[e->place];
    hd_stmt_bind_int64(st, 34, place_ids[e->place]);
    hd_store_bind_str(st, 35, p->name);
    if (p->geonameid) {
        hd_stmt_bind_int64(st, 36, p->geonameid);
        hd_stmt_bind_double(st, 38, p->lat);
        hd_stmt_bind_double(st, 39, p->lon);
    }
    hd_store_bind_str(st, 37, p->country_code);
    hd_store_bind_str(st, 40, p->resolution > 0 && p->resolution < 4
                                  ? res[p->resolution] : NULL);
}

static void bind_event(hd_stmt *st, const hd_doc *d, size_t i, int64_t art,
                       const int64_t *place_ids, const int64_t *attr_ids)
{
    const hd_event *e = &d->events[i];
    char id[512];
    hd_stmt_bind_int64(st, 1, art);
    hd_stmt_bind_text(st, 2, id, hd_out_event_id(id, sizeof id, d, e));
    hd_stmt_bind_int64(st, 3, (int64_t)i);
    hd_stmt_bind_int64(st, 4, e->sentence);
    hd_stmt_bind_int64(st, 5, e->ordinal);
    hd_store_bind_str(st, 6, hd_section_name(e->section));
    hd_store_bind_str(st, 7, e->date);
    hd_store_bind_slice(st, 8, d, e->date_text.start, e->date_text.end);
    hd_store_bind_span(st, 9, e->date_text.start, e->date_text.end);
    hd_store_bind_str(st, 11, e->event_type);
    hd_store_bind_str(st, 12, e->mode);
    hd_store_bind_str(st, 13, e->context);
    hd_store_bind_str(st, 14, e->cameo);
    if (e->quad)
        hd_stmt_bind_int64(st, 15, e->quad);
    hd_stmt_bind_int64(st, 16, e->negated);
    hd_stmt_bind_int64(st, 17, e->hypothetical);
    bind_actor(st, 18, d, &e->source);
    bind_actor(st, 26, d, &e->target);
    bind_event_place(st, d, e, place_ids);
    if (e->attribution >= 0 && (size_t)e->attribution < d->n_attributions)
        hd_stmt_bind_int64(st, 41, attr_ids[e->attribution]);
    bind_count(st, 42, e->dead);
    bind_count(st, 43, e->injured);
    bind_count(st, 44, e->arrested);
    bind_count(st, 45, e->size);
    hd_store_bind_slice(st, 46, d, e->trigger.start, e->trigger.end);
    hd_stmt_bind_int64(st, 47, e->trigger.start);
    hd_stmt_bind_int64(st, 48, e->trigger.end);
    hd_store_bind_str(st, 49, e->pattern);
    hd_store_bind_str(st, 50, hd_out_data_path(e->pattern_file));
    if (e->pattern_line)
        hd_stmt_bind_int64(st, 51, e->pattern_line);
    if (e->sentence < d->n_sentences) {
        const hd_sentence *sn = &d->sentences[e->sentence];
        hd_store_bind_slice(st, 52, d, sn->start, sn->end);
        hd_stmt_bind_int64(st, 53, sn->start);
        hd_stmt_bind_int64(st, 54, sn->end);
    }
    hd_stmt_bind_double(st, 55, e->score);
    hd_store_bind_str(st, 56, e->source.entity);
    hd_store_bind_str(st, 57, e->target.entity);
}

static int put_quantities(hd_store *s, const hd_doc *d, int64_t art,
                          const int64_t *event_ids, const int64_t *attr_ids,
                          hd_error *err)
{
    for (size_t i = 0; i < d->n_quantities; i++) {
        const hd_quantity *q = &d->quantities[i];
        hd_stmt *st = hd_store_stmt(s, ST_QUANTITY_INSERT, err);
        if (!st)
            return -1;
        hd_stmt_bind_int64(st, 1, art);
        hd_stmt_bind_int64(st, 2, (int64_t)i);
        hd_stmt_bind_int64(st, 3, q->sentence);
        if (q->event >= 0 && (size_t)q->event < d->n_events)
            hd_stmt_bind_int64(st, 4, event_ids[q->event]);
        if (q->attribution >= 0 && (size_t)q->attribution < d->n_attributions)
            hd_stmt_bind_int64(st, 5, attr_ids[q->attribution]);
        hd_store_bind_slice(st, 6, d, q->span.start, q->span.end);
        hd_store_bind_span(st, 7, q->span.start, q->span.end);
        hd_stmt_bind_double(st, 9, q->value);
        hd_stmt_bind_double(st, 10, q->min);
        if (isfinite(q->max))
            hd_stmt_bind_double(st, 11, q->max);
        hd_stmt_bind_int64(st, 12, q->qualifier);
        hd_store_bind_str(st, 13, hd_qualifier_name(q->qualifier));
        hd_store_bind_slice(st, 14, d, q->of.start, q->of.end);
        hd_store_bind_span(st, 15, q->of.start, q->of.end);
        hd_store_bind_str(st, 17, q->category);
        hd_store_bind_str(st, 18, q->date);
        if (step_done(st, err) != 0)
            return -1;
    }
    return 0;
}

static int put_doc(hd_store *s, const hd_doc *d, uint64_t hash,
                   hd_store_put *res, hd_error *err)
{
    int replaced = 0;
    int64_t art = put_article(s, d, hash, &replaced, err);
    if (art < 0)
        return -1;
    size_t need = d->n_places + d->n_attributions + d->n_events + 1;
    HD_VEC_RESERVE(s->ids, s->cap_ids, need);
    int64_t *place_ids = s->ids, *attr_ids = s->ids + d->n_places;
    int64_t *event_ids = attr_ids + d->n_attributions;
    if (put_places(s, d, art, place_ids, err) != 0 ||
        put_attributions(s, d, art, attr_ids, err) != 0)
        return -1;
    for (size_t i = 0; i < d->n_events; i++) {
        hd_stmt *st = hd_store_stmt(s, ST_EVENT_INSERT, err);
        if (!st)
            return -1;
        bind_event(st, d, i, art, place_ids, attr_ids);
        if ((event_ids[i] = step_id(st, err)) < 0)
            return -1;
    }
    if (put_quantities(s, d, art, event_ids, attr_ids, err) != 0)
        return -1;
    if (res) {
        res->replaced = replaced;
        res->n_events = d->n_events;
    }
    return 0;
}

/* A savepoint makes each document all-or-nothing inside the caller's
 * transaction: a failure half-way leaves the batch as it was before. */
int hd_store_put_doc(hd_store *s, const hd_doc *d, uint64_t hash,
                     hd_store_put *res, hd_error *err)
{
    if (hd_sql_exec(s->db, "SAVEPOINT hd_put_doc", err) != 0)
        return -1;
    if (put_doc(s, d, hash, res, err) != 0) {
        hd_error ignored;
        hd_error_clear(&ignored);
        hd_sql_exec(s->db, "ROLLBACK TO SAVEPOINT hd_put_doc", &ignored);
        hd_sql_exec(s->db, "RELEASE SAVEPOINT hd_put_doc", &ignored);
        return -1;
    }
    return hd_sql_exec(s->db, "RELEASE SAVEPOINT hd_put_doc", err);
}
