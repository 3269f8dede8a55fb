/* export.h: incidents as JSONL, CSV (RFC 4180) and GeoJSON (export.c). */
#ifndef HD_STORE_EXPORT_H
#define HD_STORE_EXPORT_H

#include "out/event.h"
#include "out/json.h"
#include "store/store.h"

/* The incident's fields, inside an object the caller opened. */
void hd_export_incident_fields(hd_json *j, const hd_incident_row *r);
/* One member event as an object. */
void hd_export_member(hd_json *j, const hd_member_row *m);

void hd_export_csv_field(hd_buf *out, const char *s, int first);
void hd_export_incidents_csv_header(hd_buf *out);
void hd_export_incident_csv(hd_buf *out, const hd_incident_row *r);

/* A Feature at the incident's place; counted as omitted without one. */
void hd_export_incident_geojson(hd_geojson *g, const hd_incident_row *r);

#endif
