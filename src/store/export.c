/*
 * export.c: incidents written out: JSONL, CSV (RFC 4180) and GeoJSON
 * features. Events have their writers in src/out/ (the store rebuilds
 * documents for them, load.c); incidents exist only in the store, so their
 * shape is defined here, once for every format: the same field names in
 * the JSON object, the CSV header and the GeoJSON properties.
 */
#include <stdio.h>
#include <string.h>

#include "out/event.h"
#include "store/export.h"

static void put_opt_count(hd_json *j, const char *k, double v)
{
    hd_json_key(j, k);
    v >= 0 ? hd_json_double(j, v) : hd_json_null(j);
}

static void put_outlets(hd_json *j, const char *list)
{
    hd_json_key(j, "outlets");
    hd_json_array_begin(j);
    for (const char *p = list; p && *p;) {
        const char *c = strchr(p, ',');
        size_t n = c ? (size_t)(c - p) : strlen(p);
        hd_json_string(j, p, n);
        p += n + (c != NULL);
    }
    hd_json_array_end(j);
}

void hd_export_incident_fields(hd_json *j, const hd_incident_row *r)
{
    hd_json_key(j, "kind");
    hd_json_cstring(j, "incident");
    hd_json_key(j, "id");
    hd_json_int(j, r->id);
    hd_json_key(j, "event_type");
    hd_json_cstring(j, r->event_type);
    const char *keys[] = {"first_date", "last_date", "first_seen",
                          "last_seen"};
    const char *vals[] = {r->first_date, r->last_date, r->first_seen,
                          r->last_seen};
    for (int i = 0; i < 4; i++) {
        hd_json_key(j, keys[i]);
        hd_json_cstring(j, vals[i]);
    }
    hd_json_key(j, "n_events");
    hd_json_int(j, r->n_events);
    hd_json_key(j, "n_articles");
    hd_json_int(j, r->n_articles);
    hd_json_key(j, "n_outlets");
    hd_json_int(j, r->n_outlets);
    put_outlets(j, r->outlets);
    hd_json_key(j, "source_code");
    hd_json_cstring(j, r->source_code);
    hd_json_key(j, "target_code");
    hd_json_cstring(j, r->target_code);
    hd_json_key(j, "location");
    if (r->place_name || r->has_coords) {
        hd_json_object_begin(j);
        hd_json_key(j, "name");
        hd_json_cstring(j, r->place_name);
        hd_json_key(j, "geonameid");
        r->geonameid ? hd_json_int(j, r->geonameid) : hd_json_null(j);
        hd_json_key(j, "country_code");
        hd_json_cstring(j, r->country_code);
        hd_json_key(j, "lat");
        r->has_coords ? hd_json_double(j, r->lat) : hd_json_null(j);
        hd_json_key(j, "lon");
        r->has_coords ? hd_json_double(j, r->lon) : hd_json_null(j);
        hd_json_object_end(j);
    } else {
        hd_json_null(j);
    }
    put_opt_count(j, "dead", r->dead);
    put_opt_count(j, "injured", r->injured);
    put_opt_count(j, "arrested", r->arrested);
    put_opt_count(j, "size", r->size);
}

void hd_export_member(hd_json *j, const hd_member_row *m)
{
    const char *keys[] = {"event_id", "doc_id", "outlet", "date",
                          "source_code", "target_code", "place", "trigger",
                          "evidence"};
    const char *vals[] = {m->event_id, m->doc_id, m->outlet, m->date,
                          m->source_code, m->target_code, m->place_name,
                          m->trigger, m->evidence};
    hd_json_object_begin(j);
    for (int i = 0; i < 9; i++) {
        hd_json_key(j, keys[i]);
        hd_json_cstring(j, vals[i]);
    }
    hd_json_object_end(j);
}

static const char *const csv_columns[] = {
    "id", "event_type", "first_date", "last_date", "first_seen", "last_seen",
    "n_events", "n_articles", "n_outlets", "outlets", "source_code",
    "target_code", "place_name", "geonameid", "country_code", "lat", "lon",
    "dead", "injured", "arrested", "size"};

/* One RFC 4180 field: quoted when it holds a comma, quote or line break. */
void hd_export_csv_field(hd_buf *out, const char *s, int first)
{
    if (!first)
        hd_buf_putc(out, ',');
    if (!s)
        return;
    if (!strpbrk(s, ",\"\r\n")) {
        hd_buf_puts(out, s);
        return;
    }
    hd_buf_putc(out, '"');
    for (; *s; s++) {
        if (*s == '"')
            hd_buf_putc(out, '"');
        hd_buf_putc(out, *s);
    }
    hd_buf_putc(out, '"');
}

void hd_export_incidents_csv_header(hd_buf *out)
{
    for (size_t i = 0; i < sizeof csv_columns / sizeof csv_columns[0]; i++)
        hd_export_csv_field(out, csv_columns[i], i == 0);
    hd_buf_puts(out, "\r\n");
}

static void csv_num(hd_buf *out, double v, int known)
{
    char b[64];
    if (known)
        snprintf(b, sizeof b, "%.17g", v);
    hd_export_csv_field(out, known ? b : NULL, 0);
}

void hd_export_incident_csv(hd_buf *out, const hd_incident_row *r)
{
    char b[32];
    snprintf(b, sizeof b, "%lld", (long long)r->id);
    hd_export_csv_field(out, b, 1);
    hd_export_csv_field(out, r->event_type, 0);
    hd_export_csv_field(out, r->first_date, 0);
    hd_export_csv_field(out, r->last_date, 0);
    hd_export_csv_field(out, r->first_seen, 0);
    hd_export_csv_field(out, r->last_seen, 0);
    csv_num(out, (double)r->n_events, 1);
    csv_num(out, (double)r->n_articles, 1);
    csv_num(out, (double)r->n_outlets, 1);
    hd_export_csv_field(out, r->outlets, 0);
    hd_export_csv_field(out, r->source_code, 0);
    hd_export_csv_field(out, r->target_code, 0);
    hd_export_csv_field(out, r->place_name, 0);
    csv_num(out, (double)r->geonameid, r->geonameid != 0);
    hd_export_csv_field(out, r->country_code, 0);
    csv_num(out, r->lat, r->has_coords);
    csv_num(out, r->lon, r->has_coords);
    csv_num(out, r->dead, r->dead >= 0);
    csv_num(out, r->injured, r->injured >= 0);
    csv_num(out, r->arrested, r->arrested >= 0);
    csv_num(out, r->size, r->size >= 0);
    hd_buf_puts(out, "\r\n");
}

void hd_export_incident_geojson(hd_geojson *g, const hd_incident_row *r)
{
    if (!r->has_coords) {
        g->n_omitted++;
        return;
    }
    hd_json *j = &g->j;
    hd_json_object_begin(j);
    hd_json_key(j, "type");
    hd_json_cstring(j, "Feature");
    hd_json_key(j, "id");
    hd_json_int(j, r->id);
    hd_out_geojson_point(g, r->lon, r->lat);
    hd_json_key(j, "properties");
    hd_json_object_begin(j);
    hd_export_incident_fields(j, r);
    hd_json_object_end(j);
    hd_json_object_end(j);
    g->n_features++;
}
