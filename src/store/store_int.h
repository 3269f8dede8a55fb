/*
 * store_int.h: the store's private parts, shared by its files (store.c,
 * schema.c, ingest.c, load.c, dedup.c, query.c, search.c).
 *
 * Statements are prepared lazily, once per connection, and kept in a table
 * indexed by an enum, so the hot path (storing a document) never parses SQL.
 */
#ifndef HD_STORE_INT_H
#define HD_STORE_INT_H

#include "store/store.h"

enum hd_store_stmt {
    ST_ARTICLE_STATE, ST_ARTICLE_FIND, ST_ARTICLE_INSERT, ST_ARTICLE_UPDATE,
    ST_DEL_MEMBERS, ST_DEL_QUANTITIES, ST_DEL_EVENTS, ST_DEL_ATTRIBUTIONS,
    ST_DEL_PLACES, ST_PLACE_INSERT, ST_ATTRIBUTION_INSERT, ST_EVENT_INSERT,
    ST_QUANTITY_INSERT,
    ST_LOAD_ARTICLE, ST_LOAD_PLACES, ST_LOAD_ATTRIBUTIONS, ST_LOAD_EVENTS,
    ST_LOAD_QUANTITIES,
    ST__COUNT
};

struct hd_store {
    hd_sql *db;
    hd_sql_dialect dialect;
    int light_stem;
    hd_stmt *st[ST__COUNT];
    /* reused buffers of put_doc */
    char *stems; size_t stems_len, stems_cap;
    int64_t *ids; size_t cap_ids;     /* place, attribution, event row ids */
};

/* The prepared statement k (SQL from the table in store.c), NULL with err
 * set if it cannot be prepared. Reset before it is handed out. */
hd_stmt *hd_store_stmt(hd_store *s, int k, hd_error *err);

/* Runs sql with no parameters and returns its first column of the first
 * row as an integer (0 when there is no row); -1 with err on failure. */
int64_t hd_store_scalar(hd_store *s, const char *sql, hd_error *err);

/* meta table */
int hd_store_meta_get(hd_store *s, const char *key, char *out, size_t cap,
                      hd_error *err); /* 1 found, 0 not, -1 error */
int hd_store_meta_set(hd_store *s, const char *key, const char *value,
                      hd_error *err);

/* Registers the "hadath" FTS5 tokenizer on a SQLite connection. */
int hd_store_fts_register(hd_sql *db, hd_error *err);

/* Binds a string that may be NULL or empty (both give SQL NULL). */
void hd_store_bind_str(hd_stmt *st, int i, const char *s);
/* Binds the text of span [a, b) of doc, SQL NULL when empty. */
void hd_store_bind_slice(hd_stmt *st, int i, const hd_doc *d, uint32_t a,
                         uint32_t b);
/* Binds a span's start and end at i and i + 1, SQL NULL when empty. */
void hd_store_bind_span(hd_stmt *st, int i, uint32_t a, uint32_t b);

#endif
