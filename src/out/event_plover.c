/*
 * event_plover.c: events with PLOVER's own JSON field names.
 *
 * The PLOVER manual (ch. 6, "Data fields") names the fields of an event
 * record: id, has_event, date, actor and recipient (lists of entity objects
 * with code, sector, entity_text), event (a list of categories), event_loc,
 * event_text, quad_code, mode and context (lists), text, text_info, coder.
 * hadath writes one such record per line (JSONL, as the manual suggests).
 * Its auxiliary modes (negation, hypothetical) go into the mode list, so a
 * consumer can drop them as the manual says ("Negated events can be
 * excluded"). The CAMEO code that gave the event is kept in comment.
 */
#include "out/event.h"

#include <stdio.h>
#include <string.h>

#include "out/json.h"

static void entity_list(hd_json *j, const hd_doc *d, const char *key,
                        const hd_actor *a)
{
    hd_json_key(j, key);
    hd_json_array_begin(j);
    if (a->code) {
        hd_json_object_begin(j);
        hd_json_key(j, "code");
        hd_json_cstring(j, a->country[0] ? a->country : NULL);
        hd_json_key(j, "sector");
        hd_json_cstring(j, a->sector[0] ? a->sector : NULL);
        hd_json_key(j, "entity_text");
        if (a->span.end > a->span.start && a->span.end <= d->len)
            hd_json_string(j, d->text + a->span.start,
                           a->span.end - a->span.start);
        else
            hd_json_null(j);
        hd_json_key(j, "actor_code");
        hd_json_cstring(j, a->code);
        hd_json_object_end(j);
    }
    hd_json_array_end(j);
}

static void string_list(hd_json *j, const char *key, const char *csv,
                        const char *extra1, const char *extra2)
{
    hd_json_key(j, key);
    hd_json_array_begin(j);
    for (const char *p = csv; p && *p;) {
        const char *c = p;
        while (*c && *c != ',')
            c++;
        if (c > p)
            hd_json_string(j, p, (size_t)(c - p));
        p = *c ? c + 1 : c;
    }
    if (extra1)
        hd_json_cstring(j, extra1);
    if (extra2)
        hd_json_cstring(j, extra2);
    hd_json_array_end(j);
}

static void record(hd_buf *out, const hd_doc *d, const hd_event *e)
{
    hd_json j;
    hd_json_init(&j, out);
    hd_json_object_begin(&j);
    char id[512];
    hd_json_key(&j, "id");
    hd_json_string(&j, id, hd_out_event_id(id, sizeof id, d, e));
    hd_json_key(&j, "has_event");
    hd_json_bool(&j, e->event_type != NULL);
    hd_json_key(&j, "date");
    hd_json_cstring(&j, e->date);
    entity_list(&j, d, "actor", &e->source);
    entity_list(&j, d, "recipient", &e->target);
    hd_json_key(&j, "event");
    hd_json_array_begin(&j);
    if (e->event_type)
        hd_json_cstring(&j, e->event_type);
    hd_json_array_end(&j);
    hd_json_key(&j, "event_loc");
    hd_json_null(&j);
    hd_json_key(&j, "event_text");
    hd_json_array_begin(&j);
    if (e->trigger.end > e->trigger.start && e->trigger.end <= d->len)
        hd_json_string(&j, d->text + e->trigger.start,
                       e->trigger.end - e->trigger.start);
    hd_json_array_end(&j);
    hd_json_key(&j, "quad_code");
    if (e->quad)
        hd_json_int(&j, e->quad);
    else
        hd_json_null(&j);
    string_list(&j, "mode", e->mode, e->negated ? "negation" : NULL,
                e->hypothetical ? "hypothetical" : NULL);
    string_list(&j, "context", e->context, NULL, NULL);
    hd_json_key(&j, "text");
    if (e->sentence < d->n_sentences) {
        const hd_sentence *s = &d->sentences[e->sentence];
        hd_json_string(&j, d->text + s->start, s->end - s->start);
    } else {
        hd_json_null(&j);
    }
    hd_json_key(&j, "text_info");
    hd_json_object_begin(&j);
    hd_json_key(&j, "sequence");
    hd_json_int(&j, e->sentence);
    hd_json_key(&j, "start");
    hd_json_int(&j, e->sentence < d->n_sentences
                        ? d->sentences[e->sentence].start : 0);
    hd_json_key(&j, "end");
    hd_json_int(&j, e->sentence < d->n_sentences
                        ? d->sentences[e->sentence].end : 0);
    hd_json_object_end(&j);
    hd_json_key(&j, "cite_info");
    hd_json_object_begin(&j);
    hd_json_key(&j, "url");
    hd_json_cstring(&j, d->url);
    hd_json_key(&j, "publication");
    hd_json_cstring(&j, d->outlet);
    hd_json_key(&j, "language");
    hd_json_cstring(&j, "ar");
    hd_json_object_end(&j);
    hd_json_key(&j, "coder");
    hd_json_cstring(&j, "hadath " HD_VERSION);
    hd_json_key(&j, "comment");
    char c[32];
    snprintf(c, sizeof c, "CAMEO %s", e->cameo);
    hd_json_cstring(&j, c);
    hd_json_object_end(&j);
    hd_buf_putc(out, '\n');
}

void hd_out_events_plover(hd_buf *out, const hd_doc *doc)
{
    for (size_t i = 0; i < doc->n_events; i++)
        record(out, doc, &doc->events[i]);
}
