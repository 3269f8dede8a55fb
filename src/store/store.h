/*
 * store.h: hadath's memory. Coded articles and everything found in them
 * (events, places, attributions, quantities), the incidents de-duplication
 * groups them into, and Arabic full-text search over the articles, in one
 * SQL database: a SQLite file by default, PostgreSQL at scale.
 *
 * The store is written once against sql.h, in the SQL both engines accept;
 * the few differences (id columns, full-text search, pragmas) are branched
 * on hd_sql_dialect_of(). The schema is documented in docs/STORE.md.
 *
 * Transactions belong to the caller: `hadath ingest` wraps a batch of
 * documents in one, the PostgreSQL worker wraps a claimed batch together
 * with its status update. Nothing in here begins or commits on its own,
 * except hd_store_migrate() and hd_store_dedup(), which run in their own.
 *
 * Typical use:
 *
 *   hd_store *s = hd_store_open(uri, NULL, &err);   // creates the schema
 *   hd_store_begin(s, &err);
 *   for each coded doc:
 *       uint64_t h = hd_store_doc_hash(doc);
 *       switch (hd_store_article_state(s, hd_out_doc_id(doc), h, &err)) {
 *       case HD_ARTICLE_SAME: skip;
 *       case HD_ARTICLE_NEW: case HD_ARTICLE_CHANGED:
 *           hd_store_put_doc(s, doc, h, &err);     // replaces old events
 *       }
 *   hd_store_commit(s, &err);
 *   hd_store_dedup(s, NULL, &stats, &err);          // incidents
 *   hd_store_close(s);
 */
#ifndef HD_STORE_STORE_H
#define HD_STORE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "hadath.h"
#include "store/sql.h"

/* The schema version this build writes; kept in meta('schema_version'). */
#define HD_STORE_SCHEMA_VERSION 1

typedef struct hd_store hd_store;

/* Options fixed when a store is created (later opens read them from meta). */
typedef struct hd_store_opts {
    int light_stem;   /* full-text: strip plural/feminine suffixes ات ون ين ة
                         after the clitics (default 1) */
    int readonly;     /* open without creating or migrating */
} hd_store_opts;

void hd_store_opts_default(hd_store_opts *o);

/* Opens uri (a SQLite path, or postgresql://...) and creates or migrates
 * the schema (hd_store_migrate). On SQLite: WAL journal, synchronous=NORMAL,
 * the "hadath" FTS5 tokenizer registered. opts NULL: the defaults.
 * NULL with err set on failure. */
hd_store *hd_store_open(const char *uri, const hd_store_opts *opts,
                        hd_error *err);
void hd_store_close(hd_store *s);

/* The connection underneath, for callers with their own tables (the
 * PostgreSQL work queue). */
hd_sql *hd_store_sql(hd_store *s);
hd_sql_dialect hd_store_dialect(const hd_store *s);

/* Creates every table and index that is missing and records the schema
 * version; refuses a store written by a newer schema. Idempotent. Runs in
 * its own transaction. */
int hd_store_migrate(hd_store *s, hd_error *err);

int hd_store_begin(hd_store *s, hd_error *err);
int hd_store_commit(hd_store *s, hd_error *err);
void hd_store_rollback(hd_store *s);

/* ------------------------------------------------------------ articles */

typedef enum hd_article_state {
    HD_ARTICLE_NEW = 0,      /* no article with this id */
    HD_ARTICLE_SAME = 1,     /* same id, same content hash: skip it */
    HD_ARTICLE_CHANGED = 2   /* same id, other content: code it again */
} hd_article_state;

/* A 64-bit FNV-1a hash of what the coding depends on: the text and the
 * metadata (id, date, outlet, url). Stored as 16 hex digits. */
uint64_t hd_store_doc_hash(const hd_doc *doc);

/* The state of doc_id against hash; -1 with err set on failure. */
int hd_store_article_state(hd_store *s, const char *doc_id, uint64_t hash,
                           hd_error *err);

/* What hd_store_put_doc did. */
typedef struct hd_store_put {
    int replaced;            /* 1 when an older version was replaced */
    size_t n_events;         /* events stored */
} hd_store_put;

/* Stores a coded document (hd_code first): the article row with its text,
 * hash and counts, and its events, places, attributions and quantities.
 * An article already stored under the same id is replaced: its old rows
 * are deleted first (and its events leave their incidents). Runs inside
 * the caller's transaction; on failure the caller rolls back. res may be
 * NULL. Returns 0, or -1 with err set. */
int hd_store_put_doc(hd_store *s, const hd_doc *doc, uint64_t hash,
                     hd_store_put *res, hd_error *err);

/* Counts of the store's rows (for summaries and tests). */
typedef struct hd_store_counts {
    int64_t articles, events, places, attributions, quantities, incidents;
} hd_store_counts;

int hd_store_counts_get(hd_store *s, hd_store_counts *c, hd_error *err);

/* Articles whose stored n_events differs from their event rows (a
 * half-stored article); 0 in a healthy store. -1 on error. */
int64_t hd_store_check_complete(hd_store *s, hd_error *err);

/* ----------------------------------------------------- de-duplication */

typedef struct hd_dedup_opts {
    double km;               /* places within this distance match (25) */
    int days;                /* dates within this many days match (2) */
    int need_place;          /* events without a place stay alone (1) */
    int country_places;      /* a country-level place counts as a place (0) */
    int need_actor;          /* events with no coded actor stay alone (1) */
} hd_dedup_opts;

void hd_dedup_opts_default(hd_dedup_opts *o);

typedef struct hd_dedup_stats {
    int64_t events;          /* asserted events considered */
    int64_t incidents;       /* incidents written (singletons included) */
    int64_t multi;           /* incidents of two or more events */
    int64_t multi_outlet;    /* incidents reported by two or more outlets */
    int64_t by_outlets[6];   /* incidents with 1, 2, 3, 4, 5, 6+ outlets */
} hd_dedup_stats;

/* Rebuilds the incidents from every asserted event (the rule is in
 * dedup.c and docs/STORE.md), in its own transaction. opts NULL: the
 * defaults. stats may be NULL. */
int hd_store_dedup(hd_store *s, const hd_dedup_opts *opts,
                   hd_dedup_stats *stats, hd_error *err);

/* ---------------------------------------------------------- stem text */

/* hadath's full-text terms of a text, as the FTS5 tokenizer makes them:
 * each word normalized (hd_text_normalize), clitics stripped
 * (hd_text_strip_clitics), optionally light-stemmed, separated by single
 * spaces, appended to *out (a malloc'd, growing buffer of *cap bytes,
 * *len used; NUL-terminated). The PostgreSQL store indexes this with
 * to_tsvector('simple', stems). */
void hd_store_stem_text(const char *text, size_t n, int light_stem,
                        char **out, size_t *len, size_t *cap);

/* One term: calls fn for every word of text[0..n) with its byte span and
 * its term (not NUL-terminated). Stops early when fn returns non-zero and
 * returns that value. */
typedef int (*hd_term_fn)(void *ctx, const char *term, size_t term_len,
                          size_t start, size_t end);
int hd_store_terms(const char *text, size_t n, int light_stem,
                   hd_term_fn fn, void *ctx);

/* ------------------------------------------------------ reading back */

/* Reads article article_id and everything coded from it into d (reset
 * first), as hd_code left it, for the writers of src/out/. *event_ids (a
 * malloc'd array the caller frees; may start NULL) gets each event's row
 * id. Returns 0, or -1 with err set. */
int hd_store_load_doc(hd_store *s, int64_t article_id, hd_doc *d,
                      int64_t **event_ids, hd_error *err);

/* A filter over events or incidents; fields left 0/NULL do not filter. */
typedef struct hd_query {
    const char *type;        /* PLOVER type, exact */
    const char *actor;       /* a code, or a prefix ending in '*': source
                                or target */
    const char *country;     /* 2 letters: the place's ISO code; 3 letters:
                                the source's or target's country */
    const char *since, *until; /* YYYY[-MM[-DD]], inclusive */
    int near;                /* within km of (lat, lon) */
    double lat, lon, km;
    int asserted;            /* leave out negated and hypothetical events */
    int64_t min_outlets;     /* incidents: at least this many outlets */
    int64_t limit;           /* 0: no limit */
} hd_query;

/* Calls fn for each article with matching events; the doc holds only the
 * matching events (in text order), with everything they refer to. */
typedef int (*hd_query_doc_fn)(void *ctx, hd_doc *doc, hd_error *err);
int hd_store_query_events(hd_store *s, const hd_query *q, hd_query_doc_fn fn,
                          void *ctx, hd_error *err);

/* Aggregates: by is "day", "week" (the Monday it starts on), "month",
 * "type", "actor" (source code), "place" (place name, country code). fn
 * gets each key (NULL for none) and its count, in key order. With
 * incidents set, counts incidents instead of events. */
typedef int (*hd_count_fn)(void *ctx, const char *key, int64_t n);
int hd_store_count_by(hd_store *s, const hd_query *q, const char *by,
                      int incidents, hd_count_fn fn, void *ctx,
                      hd_error *err);

/* One incident row (strings valid during the callback only). */
typedef struct hd_incident_row {
    int64_t id;
    const char *event_type, *first_date, *last_date, *first_seen, *last_seen;
    int64_t n_events, n_articles, n_outlets;
    const char *outlets, *source_code, *target_code;
    const char *place_name, *country_code;
    int64_t geonameid;
    int has_coords;
    double lat, lon;
    double dead, injured, arrested, size; /* -1 unknown */
} hd_incident_row;

typedef int (*hd_incident_fn)(void *ctx, const hd_incident_row *r,
                              hd_error *err);
int hd_store_query_incidents(hd_store *s, const hd_query *q,
                             hd_incident_fn fn, void *ctx, hd_error *err);

/* One member event of an incident, for listing and checking by hand. */
typedef struct hd_member_row {
    const char *event_id, *doc_id, *outlet, *date, *source_code,
               *target_code, *place_name, *trigger, *evidence;
} hd_member_row;

typedef int (*hd_member_fn)(void *ctx, const hd_member_row *m);
int hd_store_incident_members(hd_store *s, int64_t incident_id,
                              hd_member_fn fn, void *ctx, hd_error *err);

/* ------------------------------------------------------------ search */

typedef struct hd_search_hit {
    int64_t article_id;
    const char *doc_id, *outlet, *date, *title, *url;
    const char *snippet;     /* with the matches between [ and ] */
    double rank;             /* bm25 (smaller is better) */
} hd_search_hit;

typedef int (*hd_search_fn)(void *ctx, const hd_search_hit *h);
/* Full-text search: query is words (FTS5 syntax on SQLite: "a b" phrase,
 * OR, NOT, prefix*), each reduced to hadath's terms. Ranked best first. */
int hd_store_search(hd_store *s, const char *query, int64_t limit,
                    hd_search_fn fn, void *ctx, hd_error *err);

/* PRAGMA integrity_check and the FTS5 index check on SQLite (a no-op on
 * PostgreSQL), then hd_store_check_complete. 0 healthy, 1 problems (msg
 * says which), -1 error. */
int hd_store_check(hd_store *s, char *msg, size_t cap, hd_error *err);

#endif
