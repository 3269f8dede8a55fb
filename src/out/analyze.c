/*
 * analyze.c: one JSON object per document, for `hadath analyze`.
 *
 * The record shows what the readers and the text layer made of the input:
 * metadata, the structure kept out of the body (captions, headings), and the
 * sentences with their byte offsets and quotation state, optionally with
 * their tokens. Every span is [start, end) in bytes of doc->text, and every
 * text field is the slice it names, so a consumer can check one against the
 * other. Later stages (events, actors, places) add their own lists here.
 */
#include "out/analyze.h"

#include <string.h>

#include "out/json.h"
#include "out/record.h"

static void put_span_text(hd_json *j, const hd_doc *d, const char *key,
                          uint32_t start, uint32_t end)
{
    hd_json_key(j, key);
    hd_json_string(j, d->text + start, end > start ? end - start : 0);
}

static void put_offsets(hd_json *j, uint32_t start, uint32_t end)
{
    hd_json_key(j, "start");
    hd_json_int(j, start);
    hd_json_key(j, "end");
    hd_json_int(j, end);
}

static void put_metadata(hd_json *j, const hd_doc *d)
{
    hd_json_key(j, "doc_id");
    hd_json_cstring(j, d->id ? d->id : d->source);
    hd_json_key(j, "date");
    hd_json_cstring(j, d->date);
    hd_json_key(j, "title");
    if (d->title.end > d->title.start)
        hd_json_string(j, d->text + d->title.start,
                       d->title.end - d->title.start);
    else
        hd_json_null(j);
    hd_json_key(j, "outlet");
    hd_json_cstring(j, d->outlet);
    hd_json_key(j, "url");
    hd_json_cstring(j, d->url);
    hd_json_key(j, "source");
    hd_json_cstring(j, d->source);
    hd_json_key(j, "body_offset");
    hd_json_int(j, d->body_offset);
    hd_json_key(j, "bytes");
    hd_json_int(j, d->len);
    hd_json_key(j, "invalid_utf8");
    hd_json_int(j, (long long)d->n_invalid_utf8);
    if (d->extra_json) {
        hd_json_key(j, "extra");
        hd_json_raw(j, d->extra_json, strlen(d->extra_json));
    }
}

static void put_structure(hd_json *j, const hd_doc *d)
{
    hd_json_key(j, "captions");
    hd_json_array_begin(j);
    for (size_t i = 0; i < d->n_captions; i++) {
        const hd_caption *c = &d->captions[i];
        hd_json_object_begin(j);
        put_span_text(j, d, "text", c->text.start, c->text.end);
        put_span_text(j, d, "credit", c->credit.start, c->credit.end);
        put_offsets(j, c->text.start, c->text.end);
        hd_json_object_end(j);
    }
    hd_json_array_end(j);
    hd_json_key(j, "headings");
    hd_json_array_begin(j);
    for (size_t i = 0; i < d->n_headings; i++)
        hd_json_string(j, d->text + d->headings[i].start,
                       d->headings[i].end - d->headings[i].start);
    hd_json_array_end(j);
}

static void put_tokens(hd_json *j, const hd_doc *d, const hd_sentence *s)
{
    static const char *const kinds[] = {"?", "word", "number", "punct",
                                        "latin", "url", "email", "symbol"};
    hd_json_key(j, "tokens");
    hd_json_array_begin(j);
    for (uint32_t k = 0; k < s->tok_count; k++) {
        const hd_token *t = &d->tokens[s->tok_first + k];
        hd_json_object_begin(j);
        put_span_text(j, d, "surface", t->start, t->end);
        hd_json_key(j, "key");
        hd_json_string(j, t->key, t->key_len);
        hd_json_key(j, "stem");
        hd_json_string(j, t->key + t->stem_off, t->stem_len);
        hd_json_key(j, "kind");
        hd_json_cstring(j, kinds[t->kind < 8 ? t->kind : 0]);
        put_offsets(j, t->start, t->end);
        hd_json_object_end(j);
    }
    hd_json_array_end(j);
}

static void put_sentences(hd_json *j, const hd_doc *d, unsigned flags)
{
    hd_json_key(j, "sentences");
    hd_json_array_begin(j);
    for (size_t i = 0; i < d->n_sentences; i++) {
        const hd_sentence *s = &d->sentences[i];
        hd_json_object_begin(j);
        put_span_text(j, d, "text", s->start, s->end);
        put_offsets(j, s->start, s->end);
        hd_json_key(j, "section");
        hd_json_cstring(j, hd_section_name(s->section));
        hd_json_key(j, "paragraph");
        hd_json_int(j, s->paragraph);
        hd_json_key(j, "in_quote");
        hd_json_bool(j, s->in_quote);
        hd_json_key(j, "quote_start");
        if (s->quote_start >= 0)
            hd_json_int(j, s->quote_start);
        else
            hd_json_null(j);
        if (flags & HD_ANALYZE_TOKENS)
            put_tokens(j, d, s);
        hd_json_object_end(j);
    }
    hd_json_array_end(j);
    hd_json_key(j, "quotes");
    hd_json_array_begin(j);
    for (size_t i = 0; i < d->n_quotes; i++) {
        hd_json_object_begin(j);
        put_offsets(j, d->quotes[i].start, d->quotes[i].end);
        hd_json_object_end(j);
    }
    hd_json_array_end(j);
}

/* What the coder found, when the document was coded (hd_code). */
static void put_coding(hd_json *j, const hd_doc *d)
{
    hd_json_key(j, "actors");
    hd_out_json_actors(j, d);
    hd_json_key(j, "places");
    hd_json_array_begin(j);
    for (size_t i = 0; i < d->n_places; i++)
        hd_out_json_place(j, d, &d->places[i]);
    hd_json_array_end(j);
    hd_json_key(j, "dates");
    hd_json_array_begin(j);
    for (size_t i = 0; i < d->n_dates; i++)
        hd_out_json_date(j, d, &d->dates[i]);
    hd_json_array_end(j);
    hd_json_key(j, "attributions");
    hd_json_array_begin(j);
    for (size_t i = 0; i < d->n_attributions; i++)
        hd_out_json_attribution(j, d, &d->attributions[i]);
    hd_json_array_end(j);
    hd_json_key(j, "quantities");
    hd_json_array_begin(j);
    for (size_t i = 0; i < d->n_quantities; i++)
        hd_out_json_quantity(j, d, &d->quantities[i]);
    hd_json_array_end(j);
    hd_json_key(j, "events");
    hd_json_array_begin(j);
    for (size_t i = 0; i < d->n_events; i++)
        hd_out_json_event(j, d, &d->events[i]);
    hd_json_array_end(j);
}

void hd_out_analyze(hd_buf *out, const hd_doc *doc, unsigned flags)
{
    hd_json j;
    hd_json_init(&j, out);
    hd_json_object_begin(&j);
    put_metadata(&j, doc);
    put_structure(&j, doc);
    put_sentences(&j, doc, flags);
    if (flags & HD_ANALYZE_CODED)
        put_coding(&j, doc);
    hd_json_object_end(&j);
}
