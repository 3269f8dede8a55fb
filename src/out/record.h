/*
 * record.h: the JSON shapes of everything the coder finds, written once and
 * shared by every writer that shows them (`hadath code` JSONL, `hadath
 * analyze`'s document record, eval's error listings). A field is always
 * present: null or [] when unknown. Spans are {text, start, end} with byte
 * offsets into the document text.
 */
#ifndef HD_OUT_RECORD_H
#define HD_OUT_RECORD_H

#include "out/json.h"
#include "hadath.h"

/* One event object (hadath's record; see event_jsonl.c for the fields). */
void hd_out_json_event(hd_json *j, const hd_doc *d, const hd_event *e);
void hd_out_json_place(hd_json *j, const hd_doc *d, const hd_place *p);
void hd_out_json_date(hd_json *j, const hd_doc *d, const hd_date_mention *m);
void hd_out_json_attribution(hd_json *j, const hd_doc *d,
                             const hd_attribution *a);
void hd_out_json_quantity(hd_json *j, const hd_doc *d, const hd_quantity *q);
/* The document's actor mentions (doc->actors), coded, in text order. */
void hd_out_json_actors(hd_json *j, const hd_doc *d);

#endif
