/*
 * record.c: the JSON shapes of events, places, dates, attributions and
 * quantities (see record.h).
 *
 * Keeping them in one file means `hadath code` and `hadath analyze` cannot
 * drift apart: an event in a document record is byte for byte the event
 * line `hadath code` writes.
 */
#include "out/record.h"

#include <math.h>

#include "out/event.h"
#include "text/number.h"

static void put_slice(hd_json *j, const hd_doc *d, uint32_t a, uint32_t b)
{
    if (b > a && b <= d->len)
        hd_json_string(j, d->text + a, b - a);
    else
        hd_json_null(j);
}

static void put_offsets(hd_json *j, hd_span s)
{
    int has = s.end > s.start;
    HD_JSON_KEY(j, "start");
    has ? hd_json_int(j, s.start) : hd_json_null(j);
    HD_JSON_KEY(j, "end");
    has ? hd_json_int(j, s.end) : hd_json_null(j);
}

/* A span as a string field, null when empty. */
static void put_field(hd_json *j, const hd_doc *d, const char *key, hd_span s)
{
    hd_json_key(j, key);
    put_slice(j, d, s.start, s.end);
}

/* The actor's one name across spellings (hd_actor.entity). */
static void put_entity(hd_json *j, const char *entity)
{
    HD_JSON_KEY(j, "entity");
    hd_json_cstring(j, entity);
}

static void put_actor(hd_json *j, const hd_doc *d, const char *key,
                      const hd_actor *a)
{
    hd_json_key(j, key);
    if (!a->code && a->span.end <= a->span.start) {
        hd_json_null(j);
        return;
    }
    hd_json_object_begin(j);
    put_field(j, d, "text", a->span);
    HD_JSON_KEY(j, "code");
    hd_json_cstring(j, a->code);
    HD_JSON_KEY(j, "country");
    hd_json_cstring(j, a->country[0] ? a->country : NULL);
    HD_JSON_KEY(j, "sector");
    hd_json_cstring(j, a->sector[0] ? a->sector : NULL);
    put_offsets(j, a->span);
    put_entity(j, a->entity);
    /* the dictionary line that gave the code: evidence a maintainer edits */
    HD_JSON_KEY(j, "entry");
    if (a->entry_file) {
        hd_json_object_begin(j);
        HD_JSON_KEY(j, "file");
        hd_json_cstring(j, hd_out_data_path(a->entry_file));
        HD_JSON_KEY(j, "line");
        hd_json_int(j, a->entry_line);
        hd_json_object_end(j);
    } else {
        hd_json_null(j);
    }
    hd_json_object_end(j);
}

static void put_context(hd_json *j, const char *ctx)
{
    HD_JSON_KEY(j, "context");
    hd_json_array_begin(j);
    for (const char *p = ctx; p && *p;) {
        const char *c = p;
        while (*c && *c != ',')
            c++;
        if (c > p)
            hd_json_string(j, p, (size_t)(c - p));
        p = *c ? c + 1 : c;
    }
    hd_json_array_end(j);
}

static void put_count(hd_json *j, const char *key, double v)
{
    hd_json_key(j, key);
    v >= 0 ? hd_json_double(j, v) : hd_json_null(j);
}

void hd_out_json_place(hd_json *j, const hd_doc *d, const hd_place *p)
{
    static const char *const res[] = {NULL, "city", "admin1", "country"};
    hd_json_object_begin(j);
    put_field(j, d, "text", p->span);
    HD_JSON_KEY(j, "name");
    hd_json_cstring(j, p->name);
    HD_JSON_KEY(j, "geonameid");
    p->geonameid ? hd_json_int(j, p->geonameid) : hd_json_null(j);
    HD_JSON_KEY(j, "country_code");
    hd_json_cstring(j, p->country_code[0] ? p->country_code : NULL);
    HD_JSON_KEY(j, "lat");
    p->geonameid ? hd_json_double(j, p->lat) : hd_json_null(j);
    HD_JSON_KEY(j, "lon");
    p->geonameid ? hd_json_double(j, p->lon) : hd_json_null(j);
    HD_JSON_KEY(j, "resolution");
    hd_json_cstring(j, p->resolution > 0 && p->resolution < 4
                           ? res[p->resolution] : NULL);
    put_offsets(j, p->span);
    hd_json_object_end(j);
}

void hd_out_json_date(hd_json *j, const hd_doc *d, const hd_date_mention *m)
{
    static const char *const prec[] = {NULL, "day", "month", "year"};
    hd_json_object_begin(j);
    put_field(j, d, "text", m->span);
    HD_JSON_KEY(j, "date");
    hd_json_cstring(j, m->date[0] ? m->date : NULL);
    HD_JSON_KEY(j, "precision");
    hd_json_cstring(j, m->precision > 0 && m->precision < 4
                           ? prec[m->precision] : NULL);
    HD_JSON_KEY(j, "since");
    hd_json_bool(j, m->since);
    put_offsets(j, m->span);
    hd_json_object_end(j);
}

void hd_out_json_attribution(hd_json *j, const hd_doc *d,
                             const hd_attribution *a)
{
    hd_json_object_begin(j);
    put_field(j, d, "speaker", a->speaker);
    put_field(j, d, "role", a->role);
    put_field(j, d, "organisation", a->organisation);
    put_field(j, d, "outlet", a->outlet);
    put_field(j, d, "cue", a->cue);
    HD_JSON_KEY(j, "sentence");
    hd_json_int(j, a->sentence);
    HD_JSON_KEY(j, "quote");
    if (a->quote >= 0 && (size_t)a->quote < d->n_quotes) {
        hd_json_object_begin(j);
        hd_span q = {d->quotes[a->quote].start, d->quotes[a->quote].end};
        put_offsets(j, q);
        hd_json_object_end(j);
    } else {
        hd_json_null(j);
    }
    hd_span all = a->cue;
    hd_span parts[] = {a->speaker, a->role, a->organisation, a->outlet};
    for (size_t i = 0; i < 4; i++)
        if (parts[i].end > parts[i].start) {
            if (all.end <= all.start || parts[i].start < all.start)
                all.start = parts[i].start;
            if (parts[i].end > all.end)
                all.end = parts[i].end;
        }
    put_offsets(j, all);
    hd_json_object_end(j);
}

void hd_out_json_quantity(hd_json *j, const hd_doc *d, const hd_quantity *q)
{
    hd_json_object_begin(j);
    put_field(j, d, "text", q->span);
    HD_JSON_KEY(j, "value");
    hd_json_double(j, q->value);
    HD_JSON_KEY(j, "min");
    hd_json_double(j, q->min);
    HD_JSON_KEY(j, "max");
    isfinite(q->max) ? hd_json_double(j, q->max) : hd_json_null(j);
    HD_JSON_KEY(j, "qualifier");
    hd_json_cstring(j, hd_qualifier_name(q->qualifier));
    put_field(j, d, "of", q->of);
    HD_JSON_KEY(j, "category");
    hd_json_cstring(j, q->category);
    HD_JSON_KEY(j, "date");
    hd_json_cstring(j, q->date);
    HD_JSON_KEY(j, "attribution");
    if (q->attribution >= 0 && (size_t)q->attribution < d->n_attributions)
        hd_out_json_attribution(j, d, &d->attributions[q->attribution]);
    else
        hd_json_null(j);
    HD_JSON_KEY(j, "event");
    q->event >= 0 ? hd_json_int(j, q->event) : hd_json_null(j);
    put_offsets(j, q->span);
    hd_json_object_end(j);
}

static void put_location(hd_json *j, const hd_doc *d, const hd_event *e)
{
    HD_JSON_KEY(j, "location");
    if (e->place >= 0 && (size_t)e->place < d->n_places)
        hd_out_json_place(j, d, &d->places[e->place]);
    else
        hd_json_null(j);
}

static void put_event_quantities(hd_json *j, const hd_doc *d, size_t index)
{
    HD_JSON_KEY(j, "quantities");
    hd_json_array_begin(j);
    for (size_t i = 0; i < d->n_quantities; i++)
        if (d->quantities[i].event == (int32_t)index)
            hd_out_json_quantity(j, d, &d->quantities[i]);
    hd_json_array_end(j);
    const hd_event *e = &d->events[index];
    put_count(j, "dead", e->dead);
    put_count(j, "injured", e->injured);
    put_count(j, "arrested", e->arrested);
    put_count(j, "size", e->size);
}

static void put_event_attribution(hd_json *j, const hd_doc *d,
                                  const hd_event *e)
{
    HD_JSON_KEY(j, "attribution");
    if (e->attribution >= 0 && (size_t)e->attribution < d->n_attributions) {
        hd_out_json_attribution(j, d, &d->attributions[e->attribution]);
        return;
    }
    hd_json_object_begin(j);
    static const char *const names[] = {"speaker", "role", "organisation",
                                        "outlet"};
    for (size_t i = 0; i < 4; i++) {
        hd_json_key(j, names[i]);
        hd_json_null(j);
    }
    hd_json_object_end(j);
}

static void put_evidence(hd_json *j, const hd_doc *d, const hd_event *e)
{
    HD_JSON_KEY(j, "trigger");
    hd_json_object_begin(j);
    put_field(j, d, "text", e->trigger);
    put_offsets(j, e->trigger);
    hd_json_object_end(j);
    HD_JSON_KEY(j, "pattern");
    hd_json_object_begin(j);
    HD_JSON_KEY(j, "text");
    hd_json_cstring(j, e->pattern);
    HD_JSON_KEY(j, "file");
    hd_json_cstring(j, hd_out_data_path(e->pattern_file));
    HD_JSON_KEY(j, "line");
    e->pattern_line ? hd_json_int(j, e->pattern_line) : hd_json_null(j);
    hd_json_object_end(j);
    HD_JSON_KEY(j, "evidence");
    if (e->sentence < d->n_sentences)
        put_slice(j, d, d->sentences[e->sentence].start,
                  d->sentences[e->sentence].end);
    else
        hd_json_null(j);
}

static void put_identity(hd_json *j, const hd_doc *d, const hd_event *e)
{
    char id[512];
    HD_JSON_KEY(j, "kind");
    hd_json_cstring(j, "event");
    HD_JSON_KEY(j, "id");
    hd_json_string(j, id, hd_out_event_id(id, sizeof id, d, e));
    HD_JSON_KEY(j, "doc_id");
    hd_json_cstring(j, hd_out_doc_id(d));
    HD_JSON_KEY(j, "sentence");
    hd_json_int(j, e->sentence);
    HD_JSON_KEY(j, "section");
    hd_json_cstring(j, hd_section_name(e->section));
    HD_JSON_KEY(j, "date");
    hd_json_cstring(j, e->date);
    put_field(j, d, "date_text", e->date_text);
}

static void put_class(hd_json *j, const hd_event *e)
{
    HD_JSON_KEY(j, "event_type");
    hd_json_cstring(j, e->event_type);
    HD_JSON_KEY(j, "mode");
    hd_json_cstring(j, e->mode);
    put_context(j, e->context);
    HD_JSON_KEY(j, "cameo");
    hd_json_cstring(j, e->cameo[0] ? e->cameo : NULL);
    HD_JSON_KEY(j, "quad");
    e->quad ? hd_json_int(j, e->quad) : hd_json_null(j);
    HD_JSON_KEY(j, "negated");
    hd_json_bool(j, e->negated);
    HD_JSON_KEY(j, "hypothetical");
    hd_json_bool(j, e->hypothetical);
}

void hd_out_json_event(hd_json *j, const hd_doc *d, const hd_event *e)
{
    hd_json_object_begin(j);
    put_identity(j, d, e);
    put_class(j, e);
    put_actor(j, d, "source", &e->source);
    put_actor(j, d, "target", &e->target);
    put_location(j, d, e);
    put_event_quantities(j, d, (size_t)(e - d->events));
    put_event_attribution(j, d, e);
    put_evidence(j, d, e);
    HD_JSON_KEY(j, "score");
    hd_json_double(j, e->score);
    hd_json_object_end(j);
}

void hd_out_json_actors(hd_json *j, const hd_doc *d)
{
    hd_json_array_begin(j);
    for (size_t i = 0; i < d->n_actors; i++) {
        const hd_actor *a = &d->actors[i];
        hd_json_object_begin(j);
        put_field(j, d, "text", a->span);
        HD_JSON_KEY(j, "code");
        hd_json_cstring(j, a->code);
        HD_JSON_KEY(j, "country");
        hd_json_cstring(j, a->country[0] ? a->country : NULL);
        HD_JSON_KEY(j, "sector");
        hd_json_cstring(j, a->sector[0] ? a->sector : NULL);
        put_offsets(j, a->span);
        put_entity(j, a->entity);
        hd_json_object_end(j);
    }
    hd_json_array_end(j);
}
