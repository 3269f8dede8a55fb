/*
 * event.h: the event writers of `hadath code`, one output format per file:
 *   event_jsonl.c    hadath's own record, one JSON object per line
 *   event_csv.c      the same fields flattened, RFC 4180
 *   event_phoenix.c  the Phoenix dataset's tab-separated columns
 *   event_plover.c   PLOVER's JSON field names (PLOVER manual, ch. 6)
 *   event_table.c    a readable table for people
 *   event_common.c   what they share: ids, actor slices, data file paths
 * Each appends to an hd_buf; the caller flushes it.
 */
#ifndef HD_OUT_EVENT_H
#define HD_OUT_EVENT_H

#include "base/buf.h"
#include "out/json.h"
#include "hadath.h"

/* JSONL: every event of doc, one line each. */
void hd_out_events_jsonl(hd_buf *out, const hd_doc *doc);

/* CSV: the header line once (before the first document), then the rows. */
void hd_out_events_csv_header(hd_buf *out);
void hd_out_events_csv(hd_buf *out, const hd_doc *doc);

/* Phoenix TSV: header once, then one row per asserted event (Phoenix has
 * no column for negated or hypothetical events, so they are left out). */
void hd_out_events_phoenix_header(hd_buf *out);
void hd_out_events_phoenix(hd_buf *out, const hd_doc *doc);

/* PLOVER JSONL: one record per event; negation and hypothetical events are
 * written with PLOVER's auxiliary modes ("negation", "hypothetical"). */
void hd_out_events_plover(hd_buf *out, const hd_doc *doc);

/* A readable table for people (make demo): one line per event. */
void hd_out_events_table(hd_buf *out, const hd_doc *doc);

/* GeoJSON (RFC 7946, event_geojson.c): a FeatureCollection streamed over
 * many documents; events without coordinates are counted, not written. */
typedef struct hd_geojson { hd_json j; size_t n_features, n_omitted; } hd_geojson;
void hd_out_geojson_begin(hd_geojson *g, hd_buf *out);
void hd_out_events_geojson(hd_geojson *g, const hd_doc *doc);
void hd_out_geojson_point(hd_geojson *g, double lon, double lat);
void hd_out_geojson_end(hd_geojson *g);

/* ------------------------------------------------- shared by the writers */

/* The document id: doc->id, else its source file name, else "doc". */
const char *hd_out_doc_id(const hd_doc *doc);

/* Writes "DOCID-SENTENCE-ORDINAL" into buf (always terminated); returns
 * its length (cut to cap - 1). */
size_t hd_out_event_id(char *buf, size_t cap, const hd_doc *doc,
                       const hd_event *e);

/* A data file path shown from the data directory on (dict/ar/X.txt). */
const char *hd_out_data_path(const char *path);

/* The part of a code after its country and sector (attributes). */
const char *hd_out_code_rest(const char *code);

#endif
