/*
 * store.c: opening a store, its prepared statements, meta, counts and
 * health checks.
 *
 * The SQL of every statement the hot paths use is in one table here, next
 * to the enum that names it (store_int.h), so a reader sees the whole
 * vocabulary of the store at a glance and each statement is prepared at
 * most once per connection. SQLite is tuned for a single bulk writer: WAL
 * (readers never block the writer, and a crash loses at most the open
 * transaction), synchronous=NORMAL (durable at checkpoints, never
 * corrupt), and a larger page cache.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "store/sql_sqlite.h"
#include "store/store_int.h"

#define EVENT_COLUMNS                                                        \
    "article_id, event_id, ord, sentence, ordinal, section, date, "         \
    "date_text, date_text_start, date_text_end, event_type, mode, context, " \
    "cameo, quad, negated, hypothetical, source_text, source_code, "        \
    "source_country, source_sector, source_start, source_end, "             \
    "source_entry_file, source_entry_line, target_text, target_code, "      \
    "target_country, target_sector, target_start, target_end, "             \
    "target_entry_file, target_entry_line, place_id, place_name, "          \
    "geonameid, country_code, lat, lon, resolution, attribution_id, dead, " \
    "injured, arrested, size, trigger_text, trigger_start, trigger_end, "   \
    "pattern, pattern_file, pattern_line, evidence, evidence_start, "       \
    "evidence_end, score, source_entity, target_entity"

#define ATTRIBUTION_COLUMNS                                                  \
    "article_id, ord, sentence, speaker, speaker_start, speaker_end, role, " \
    "role_start, role_end, organisation, organisation_start, "              \
    "organisation_end, outlet, outlet_start, outlet_end, cue, cue_start, "  \
    "cue_end, quote_start, quote_end, scope_start, scope_end"

#define PLACE_COLUMNS                                                        \
    "article_id, ord, sentence, text, span_start, span_end, name, "         \
    "geonameid, country_code, lat, lon, resolution"

#define QUANTITY_COLUMNS                                                     \
    "article_id, ord, sentence, event_id, attribution_id, text, "           \
    "span_start, span_end, value, min, max, qualifier, qualifier_name, "    \
    "of_text, of_start, of_end, category, date"

#define ARTICLE_FIELDS                                                       \
    "content_hash, outlet, url, date, title, text, body_offset, source, "   \
    "source_line, extra, n_sentences, n_events, n_places, n_attributions, " \
    "n_quantities, stems"

static const char *const statements[ST__COUNT] = {
    [ST_ARTICLE_STATE] = "SELECT content_hash FROM articles WHERE doc_id = ?",
    [ST_ARTICLE_FIND] = "SELECT id FROM articles WHERE doc_id = ?",
    [ST_ARTICLE_INSERT] =
        "INSERT INTO articles (doc_id, version, " ARTICLE_FIELDS ") VALUES "
        "(?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    [ST_ARTICLE_UPDATE] =
        "UPDATE articles SET version = version + 1, content_hash = ?, "
        "outlet = ?, url = ?, date = ?, title = ?, text = ?, "
        "body_offset = ?, source = ?, source_line = ?, extra = ?, "
        "n_sentences = ?, n_events = ?, n_places = ?, n_attributions = ?, "
        "n_quantities = ?, stems = ? WHERE id = ?",
    [ST_DEL_MEMBERS] = "DELETE FROM incident_events WHERE event_id IN "
                       "(SELECT id FROM events WHERE article_id = ?)",
    [ST_DEL_QUANTITIES] = "DELETE FROM quantities WHERE article_id = ?",
    [ST_DEL_EVENTS] = "DELETE FROM events WHERE article_id = ?",
    [ST_DEL_ATTRIBUTIONS] = "DELETE FROM attributions WHERE article_id = ?",
    [ST_DEL_PLACES] = "DELETE FROM places WHERE article_id = ?",
    [ST_PLACE_INSERT] = "INSERT INTO places (" PLACE_COLUMNS ") VALUES "
                        "(?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
    [ST_ATTRIBUTION_INSERT] =
        "INSERT INTO attributions (" ATTRIBUTION_COLUMNS ") VALUES "
        "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
    [ST_EVENT_INSERT] =
        "INSERT INTO events (" EVENT_COLUMNS ") VALUES "
        "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
        "?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
    [ST_QUANTITY_INSERT] =
        "INSERT INTO quantities (" QUANTITY_COLUMNS ") VALUES "
        "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    [ST_LOAD_ARTICLE] =
        "SELECT id, doc_id, outlet, url, date, title, text, body_offset, "
        "source, source_line, extra, n_sentences FROM articles WHERE id = ?",
    [ST_LOAD_PLACES] = "SELECT id, " PLACE_COLUMNS " FROM places "
                       "WHERE article_id = ? ORDER BY ord",
    [ST_LOAD_ATTRIBUTIONS] = "SELECT id, " ATTRIBUTION_COLUMNS
                             " FROM attributions WHERE article_id = ? "
                             "ORDER BY ord",
    [ST_LOAD_EVENTS] = "SELECT id, " EVENT_COLUMNS " FROM events "
                       "WHERE article_id = ? ORDER BY ord",
    [ST_LOAD_QUANTITIES] = "SELECT id, " QUANTITY_COLUMNS " FROM quantities "
                           "WHERE article_id = ? ORDER BY ord",
};

hd_stmt *hd_store_stmt(hd_store *s, int k, hd_error *err)
{
    if (!s->st[k])
        s->st[k] = hd_sql_prepare(s->db, statements[k], err);
    else
        hd_stmt_reset(s->st[k]);
    return s->st[k];
}

void hd_store_opts_default(hd_store_opts *o)
{
    o->light_stem = 1;
    o->readonly = 0;
}

static int tune_sqlite(hd_store *s, int readonly, hd_error *err)
{
    if (hd_store_fts_register(s->db, err) != 0)
        return -1;
    if (readonly)
        return hd_sql_exec(s->db, "PRAGMA query_only = 1", err);
    return hd_sql_exec(s->db, "PRAGMA journal_mode = WAL;"
                              "PRAGMA synchronous = NORMAL;"
                              "PRAGMA cache_size = -65536;"
                              "PRAGMA temp_store = MEMORY", err);
}

hd_store *hd_store_open(const char *uri, const hd_store_opts *opts,
                        hd_error *err)
{
    hd_store_opts def;
    if (!opts) {
        hd_store_opts_default(&def);
        opts = &def;
    }
    hd_sql *db = hd_sql_open(uri, err);
    if (!db)
        return NULL;
    hd_store *s = hd_xmalloc(sizeof *s);
    memset(s, 0, sizeof *s);
    s->db = db;
    s->dialect = hd_sql_dialect_of(db);
    s->light_stem = opts->light_stem;
    if ((s->dialect == HD_SQL_SQLITE && tune_sqlite(s, opts->readonly, err)) ||
        (!opts->readonly && hd_store_migrate(s, err) != 0)) {
        hd_store_close(s);
        return NULL;
    }
    if (opts->readonly) {
        char v[64];
        int rc = hd_store_meta_get(s, "schema_version", v, sizeof v, err);
        if (rc <= 0) {
            if (rc == 0)
                hd_error_set(err, uri, 0, -1, "not a hadath store (no schema "
                             "version; run hadath ingest first)");
            hd_store_close(s);
            return NULL;
        }
        if (hd_store_meta_get(s, "fts_stem", v, sizeof v, err) == 1)
            s->light_stem = strcmp(v, "light") == 0;
    }
    return s;
}

void hd_store_close(hd_store *s)
{
    if (!s)
        return;
    for (int i = 0; i < ST__COUNT; i++)
        hd_stmt_finalize(s->st[i]);
    hd_sql_close(s->db);
    free(s->stems);
    free(s->ids);
    free(s);
}

hd_sql *hd_store_sql(hd_store *s) { return s->db; }
hd_sql_dialect hd_store_dialect(const hd_store *s) { return s->dialect; }
int hd_store_begin(hd_store *s, hd_error *err) { return hd_sql_begin(s->db, err); }
int hd_store_commit(hd_store *s, hd_error *err) { return hd_sql_commit(s->db, err); }
void hd_store_rollback(hd_store *s) { hd_sql_rollback(s->db); }

int64_t hd_store_scalar(hd_store *s, const char *sql, hd_error *err)
{
    hd_stmt *st = hd_sql_prepare(s->db, sql, err);
    if (!st)
        return -1;
    int rc = hd_stmt_step(st, err);
    int64_t v = rc == 1 ? hd_stmt_int64(st, 0) : 0;
    hd_stmt_finalize(st);
    return rc < 0 ? -1 : v;
}

int hd_store_meta_get(hd_store *s, const char *key, char *out, size_t cap,
                      hd_error *err)
{
    hd_stmt *st = hd_sql_prepare(s->db, "SELECT value FROM meta WHERE key = ?",
                                 err);
    if (!st)
        return -1;
    hd_stmt_bind_text(st, 1, key, (size_t)-1);
    int rc = hd_stmt_step(st, err);
    if (rc == 1)
        snprintf(out, cap, "%s", hd_stmt_text(st, 0) ? hd_stmt_text(st, 0) : "");
    hd_stmt_finalize(st);
    return rc;
}

int hd_store_meta_set(hd_store *s, const char *key, const char *value,
                      hd_error *err)
{
    hd_stmt *st = hd_sql_prepare(s->db,
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value", err);
    if (!st)
        return -1;
    hd_stmt_bind_text(st, 1, key, (size_t)-1);
    hd_stmt_bind_text(st, 2, value, (size_t)-1);
    int rc = hd_stmt_step(st, err);
    hd_stmt_finalize(st);
    return rc < 0 ? -1 : 0;
}

uint64_t hd_store_doc_hash(const hd_doc *doc)
{
    uint64_t h = 14695981039346656037ull;
    const char *parts[] = {doc->text, doc->id, doc->date, doc->outlet,
                           doc->url};
    size_t lens[] = {doc->len, 0, 0, 0, 0};
    for (size_t p = 0; p < 5; p++) {
        const char *s = parts[p] ? parts[p] : "";
        size_t n = p == 0 ? lens[0] : strlen(s);
        for (size_t i = 0; i < n; i++) {
            h ^= (unsigned char)s[i];
            h *= 1099511628211ull;
        }
        h ^= 0xff; /* field separator: ("ab","c") != ("a","bc") */
        h *= 1099511628211ull;
    }
    return h;
}

int hd_store_counts_get(hd_store *s, hd_store_counts *c, hd_error *err)
{
    static const char *const sql[] = {
        "SELECT count(*) FROM articles", "SELECT count(*) FROM events",
        "SELECT count(*) FROM places", "SELECT count(*) FROM attributions",
        "SELECT count(*) FROM quantities", "SELECT count(*) FROM incidents"};
    int64_t *out[] = {&c->articles, &c->events, &c->places, &c->attributions,
                      &c->quantities, &c->incidents};
    for (size_t i = 0; i < 6; i++)
        if ((*out[i] = hd_store_scalar(s, sql[i], err)) < 0)
            return -1;
    return 0;
}

int64_t hd_store_check_complete(hd_store *s, hd_error *err)
{
    return hd_store_scalar(s,
        "SELECT count(*) FROM articles a WHERE "
        "a.n_events <> (SELECT count(*) FROM events e WHERE e.article_id = a.id)"
        " OR a.n_places <> (SELECT count(*) FROM places p"
        " WHERE p.article_id = a.id)"
        " OR a.n_attributions <> (SELECT count(*) FROM attributions t"
        " WHERE t.article_id = a.id)"
        " OR a.n_quantities <> (SELECT count(*) FROM quantities q"
        " WHERE q.article_id = a.id)", err);
}

void hd_store_bind_str(hd_stmt *st, int i, const char *s)
{
    if (s && *s)
        hd_stmt_bind_text(st, i, s, (size_t)-1);
    else
        hd_stmt_bind_null(st, i);
}

void hd_store_bind_slice(hd_stmt *st, int i, const hd_doc *d, uint32_t a,
                         uint32_t b)
{
    if (b > a && b <= d->len)
        hd_stmt_bind_text(st, i, d->text + a, b - a);
    else
        hd_stmt_bind_null(st, i);
}

void hd_store_bind_span(hd_stmt *st, int i, uint32_t a, uint32_t b)
{
    if (b > a) {
        hd_stmt_bind_int64(st, i, a);
        hd_stmt_bind_int64(st, i + 1, b);
    } else {
        hd_stmt_bind_null(st, i);
        hd_stmt_bind_null(st, i + 1);
    }
}
