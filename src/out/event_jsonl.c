/*
 * event_jsonl.c: hadath's event record, one JSON object per line.
 *
 * Every field is always present, null or [] when unknown, so a consumer
 * never tests for a key: location, quantities and attribution are filled by
 * later stages and are null / [] until then. Offsets are bytes of the
 * document text; each text field is exactly the slice its offsets name.
 * Negated and hypothetical events are written too, marked: they are
 * reported, not facts, and a consumer filters on the two flags.
 */
#include "out/event.h"

#include "out/json.h"

static void put_slice(hd_json *j, const hd_doc *d, uint32_t a, uint32_t b)
{
    if (b > a && b <= d->len)
        hd_json_string(j, d->text + a, b - a);
    else
        hd_json_null(j);
}

static void put_actor(hd_json *j, const hd_doc *d, const char *key,
                      const hd_actor *a)
{
    hd_json_key(j, key);
    if (!a->code && a->span.end <= a->span.start) {
        hd_json_null(j);
        return;
    }
    int has_text = a->span.end > a->span.start;
    hd_json_object_begin(j);
    hd_json_key(j, "text");
    put_slice(j, d, a->span.start, a->span.end);
    hd_json_key(j, "code");
    hd_json_cstring(j, a->code);
    hd_json_key(j, "country");
    hd_json_cstring(j, a->country[0] ? a->country : NULL);
    hd_json_key(j, "sector");
    hd_json_cstring(j, a->sector[0] ? a->sector : NULL);
    hd_json_key(j, "start");
    if (has_text)
        hd_json_int(j, a->span.start);
    else
        hd_json_null(j);
    hd_json_key(j, "end");
    if (has_text)
        hd_json_int(j, a->span.end);
    else
        hd_json_null(j);
    hd_json_object_end(j);
}

static void put_context(hd_json *j, const char *ctx)
{
    hd_json_key(j, "context");
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

static void put_nulls(hd_json *j, const char *key, const char *const *names,
                      size_t n)
{
    hd_json_key(j, key);
    hd_json_object_begin(j);
    for (size_t i = 0; i < n; i++) {
        hd_json_key(j, names[i]);
        hd_json_null(j);
    }
    hd_json_object_end(j);
}

static void put_later_fields(hd_json *j)
{
    static const char *const attr[] = {"speaker", "role", "organisation",
                                       "outlet"};
    hd_json_key(j, "location");
    hd_json_null(j);
    hd_json_key(j, "quantities");
    hd_json_array_begin(j);
    hd_json_array_end(j);
    put_nulls(j, "attribution", attr, sizeof attr / sizeof attr[0]);
}

static void put_evidence(hd_json *j, const hd_doc *d, const hd_event *e)
{
    hd_json_key(j, "trigger");
    hd_json_object_begin(j);
    hd_json_key(j, "text");
    put_slice(j, d, e->trigger.start, e->trigger.end);
    hd_json_key(j, "start");
    hd_json_int(j, e->trigger.start);
    hd_json_key(j, "end");
    hd_json_int(j, e->trigger.end);
    hd_json_object_end(j);
    hd_json_key(j, "pattern");
    hd_json_object_begin(j);
    hd_json_key(j, "text");
    hd_json_cstring(j, e->pattern);
    hd_json_key(j, "file");
    hd_json_cstring(j, hd_out_data_path(e->pattern_file));
    hd_json_key(j, "line");
    if (e->pattern_line)
        hd_json_int(j, e->pattern_line);
    else
        hd_json_null(j);
    hd_json_object_end(j);
    hd_json_key(j, "evidence");
    if (e->sentence < d->n_sentences) {
        const hd_sentence *s = &d->sentences[e->sentence];
        put_slice(j, d, s->start, s->end);
    } else {
        hd_json_null(j);
    }
}

static void put_event(hd_buf *out, const hd_doc *d, const hd_event *e)
{
    hd_json j;
    hd_json_init(&j, out);
    hd_json_object_begin(&j);
    hd_json_key(&j, "kind");
    hd_json_cstring(&j, "event");
    hd_json_key(&j, "id");
    char id[512];
    hd_json_string(&j, id, hd_out_event_id(id, sizeof id, d, e));
    hd_json_key(&j, "doc_id");
    hd_json_cstring(&j, hd_out_doc_id(d));
    hd_json_key(&j, "sentence");
    hd_json_int(&j, e->sentence);
    hd_json_key(&j, "section");
    hd_json_cstring(&j, hd_section_name(e->section));
    hd_json_key(&j, "date");
    hd_json_cstring(&j, e->date);
    hd_json_key(&j, "event_type");
    hd_json_cstring(&j, e->event_type);
    hd_json_key(&j, "mode");
    hd_json_cstring(&j, e->mode);
    put_context(&j, e->context);
    hd_json_key(&j, "cameo");
    hd_json_cstring(&j, e->cameo[0] ? e->cameo : NULL);
    hd_json_key(&j, "quad");
    if (e->quad)
        hd_json_int(&j, e->quad);
    else
        hd_json_null(&j);
    hd_json_key(&j, "negated");
    hd_json_bool(&j, e->negated);
    hd_json_key(&j, "hypothetical");
    hd_json_bool(&j, e->hypothetical);
    put_actor(&j, d, "source", &e->source);
    put_actor(&j, d, "target", &e->target);
    put_later_fields(&j);
    put_evidence(&j, d, e);
    hd_json_key(&j, "score");
    hd_json_double(&j, e->score);
    hd_json_object_end(&j);
    hd_buf_putc(out, '\n');
}

void hd_out_events_jsonl(hd_buf *out, const hd_doc *doc)
{
    for (size_t i = 0; i < doc->n_events; i++)
        put_event(out, doc, &doc->events[i]);
}
