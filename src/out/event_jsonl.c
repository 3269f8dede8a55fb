/*
 * event_jsonl.c: hadath's event record, one JSON object per line.
 *
 * Every field is always present, null or [] when unknown, so a consumer
 * never tests for a key. The record's shape is src/out/record.c's, shared
 * with `hadath analyze`. Offsets are bytes of the
 * document text; each text field is exactly the slice its offsets name.
 * Negated and hypothetical events are written too, marked: they are
 * reported, not facts, and a consumer filters on the two flags.
 */
#include "out/event.h"

#include "out/record.h"

void hd_out_events_jsonl(hd_buf *out, const hd_doc *doc)
{
    for (size_t i = 0; i < doc->n_events; i++) {
        hd_json j;
        hd_json_init(&j, out);
        hd_out_json_event(&j, doc, &doc->events[i]);
        hd_buf_putc(out, '\n');
    }
}
