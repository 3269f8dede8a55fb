/*
 * geo.h: the places room, as the rest of hadath sees it.
 *
 *   hd_gazetteer *g = hd_gazetteer_open("data", &err);   once, at start-up
 *   hd_text_analyze(doc, ...); hd_code(lex, doc, ...);   per document
 *   hd_geo_resolve(g, doc, &err);                        fills doc->places and
 *                                                        each event's place
 *   hd_gazetteer_close(g);
 *
 * The gazetteer is GeoNames (geonames.org, CC BY 4.0) cut down to the places
 * that have Arabic names, plus countries with their Arabic adjectives and the
 * governorates of the Arab conflict countries (data/geo/SOURCE.md). It is
 * read-only once open: one gazetteer serves any number of documents and
 * threads, and resolving a document allocates only in the document's arena.
 *
 * What hd_geo_resolve() decides (resolve.c has the reasons):
 *   - doc->places: every place mention, in text order, resolved to one
 *     GeoNames entry with its resolution (city, admin1 or country). A place
 *     word inside the name of an actor (قوات سوريا الديمقراطية, هيئة تحرير
 *     الشام) is NOT a place mention and is left out of doc->places; it still
 *     counts as evidence of the document's country. The same holds for
 *     country adjectives (سوري، العراقية). Callers need not filter anything.
 *   - each event of doc->events gets event->place: the place in its clause,
 *     else in its sentence, else the dateline's or the title's, else -1.
 * It may run before hd_code() (then only doc->places is filled) or after it
 * (then actor country codes also count as context, and events get places).
 */
#ifndef HD_GEO_GEO_H
#define HD_GEO_GEO_H

#include "hadath.h"

typedef struct hd_gazetteer hd_gazetteer;

/* Loads DATA_DIR/geo/gazetteer.tsv and DATA_DIR/geo/rules.tsv. Returns NULL
 * with err set (file, line) when a file is missing or malformed. */
hd_gazetteer *hd_gazetteer_open(const char *data_dir, hd_error *err);
void hd_gazetteer_close(hd_gazetteer *g);

/* Finds and resolves the place mentions of an analysed document (see above).
 * Replaces doc->places; returns 0, or -1 with err set. */
int hd_geo_resolve(const hd_gazetteer *g, hd_doc *doc, hd_error *err);

/* The same, for a caller that reads places only through the events of the
 * sentences si with need[si] != 0 (need NULL: all, as hd_geo_resolve).
 * Every sentence's names still vote for the document's countries, but only
 * the mentions an event of those sentences can be given are resolved to
 * the end and kept: theirs, the dateline's and the title's. Each such
 * event's place is the one hd_geo_resolve gives it (its index into the
 * shorter doc->places may differ). */
int hd_geo_resolve_in(const hd_gazetteer *g, hd_doc *doc,
                      const uint8_t *need, hd_error *err);

/* Counts for reports and tests. */
typedef struct hd_gazetteer_stats {
    size_t countries, regions, places; /* gazetteer rows by kind */
    size_t names;                      /* distinct normalized names */
    size_t bytes;                      /* memory held by the index */
} hd_gazetteer_stats;

void hd_gazetteer_stats_get(const hd_gazetteer *g, hd_gazetteer_stats *s);

#endif
