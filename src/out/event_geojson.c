/*
 * event_geojson.c: events as an RFC 7946 GeoJSON FeatureCollection.
 *
 * One Feature per event with coordinates: a Point [longitude, latitude]
 * (RFC 7946 §3.1.1: longitude first) at the event's resolved place, the
 * event's id as the feature id, and hadath's whole event record as its
 * properties (the same object `hadath code` writes, record.c), so nothing
 * is lost on the way to a map. Events without coordinates cannot be a
 * Feature with a Point; they are counted, and the count is written as a
 * foreign member of the collection ("hadath_omitted_no_coordinates",
 * allowed by §6.1) so a reader can tell the map is partial.
 *
 * The collection is streamed: begin, any number of documents, end.
 */
#include "out/event.h"
#include "out/record.h"

void hd_out_geojson_begin(hd_geojson *g, hd_buf *out)
{
    g->n_features = g->n_omitted = 0;
    hd_json_init(&g->j, out);
    hd_json_object_begin(&g->j);
    hd_json_key(&g->j, "type");
    hd_json_cstring(&g->j, "FeatureCollection");
    hd_json_key(&g->j, "features");
    hd_json_array_begin(&g->j);
}

void hd_out_geojson_point(hd_geojson *g, double lon, double lat)
{
    hd_json_key(&g->j, "geometry");
    hd_json_object_begin(&g->j);
    hd_json_key(&g->j, "type");
    hd_json_cstring(&g->j, "Point");
    hd_json_key(&g->j, "coordinates");
    hd_json_array_begin(&g->j);
    hd_json_double(&g->j, lon);
    hd_json_double(&g->j, lat);
    hd_json_array_end(&g->j);
    hd_json_object_end(&g->j);
}

void hd_out_events_geojson(hd_geojson *g, const hd_doc *d)
{
    hd_json *j = &g->j;
    for (size_t i = 0; i < d->n_events; i++) {
        const hd_event *e = &d->events[i];
        const hd_place *p = e->place >= 0 && (size_t)e->place < d->n_places
                                ? &d->places[e->place] : NULL;
        if (!p || !p->geonameid) {
            g->n_omitted++;
            continue;
        }
        char id[512];
        hd_json_object_begin(j);
        hd_json_key(j, "type");
        hd_json_cstring(j, "Feature");
        hd_json_key(j, "id");
        hd_json_string(j, id, hd_out_event_id(id, sizeof id, d, e));
        hd_out_geojson_point(g, p->lon, p->lat);
        hd_json_key(j, "properties");
        hd_out_json_event(j, d, e);
        hd_json_object_end(j);
        g->n_features++;
    }
}

void hd_out_geojson_end(hd_geojson *g)
{
    hd_json_array_end(&g->j);
    hd_json_key(&g->j, "hadath_omitted_no_coordinates");
    hd_json_int(&g->j, (long long)g->n_omitted);
    hd_json_object_end(&g->j);
    hd_buf_putc(g->j.out, '\n');
}
