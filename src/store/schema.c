/*
 * schema.c: the store's tables, created or migrated on open.
 *
 * One DDL text serves both engines; the two places they differ are spliced
 * in: the id column (SQLite's INTEGER PRIMARY KEY is its rowid, PostgreSQL
 * wants an identity column) and full-text search (SQLite: an external-
 * content FTS5 table over articles.text, kept in step by triggers and
 * tokenized by hadath's own tokenizer; PostgreSQL: a GIN index over
 * to_tsvector('simple', stems), where stems is the same terms as text,
 * written at ingest by stems.c). Every statement is IF NOT EXISTS, so
 * migrating an up-to-date store is a no-op and a crash half-way through
 * creation is repaired by the next open. docs/STORE.md describes the
 * columns; keep the two in step.
 *
 * Counts (n_events, ...) live on the article row and are written in the
 * same transaction as the rows they count: a store where they disagree was
 * half-written, which the crash test checks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

/* @ID@ is the id column, replaced per dialect. */
static const char *const ddl[] = {
    "CREATE TABLE IF NOT EXISTS meta ("
    " key TEXT PRIMARY KEY, value TEXT NOT NULL)",

    "CREATE TABLE IF NOT EXISTS articles ("
    " id @ID@,"
    " doc_id TEXT NOT NULL UNIQUE,"
    " content_hash TEXT NOT NULL,"
    " outlet TEXT, url TEXT, date TEXT, title TEXT,"
    " text TEXT NOT NULL,"
    " body_offset BIGINT NOT NULL,"
    " source TEXT, source_line BIGINT, extra TEXT,"
    " n_sentences BIGINT NOT NULL,"
    " n_events BIGINT NOT NULL, n_places BIGINT NOT NULL,"
    " n_attributions BIGINT NOT NULL, n_quantities BIGINT NOT NULL,"
    " version BIGINT NOT NULL,"
    " stems TEXT)",
    "CREATE INDEX IF NOT EXISTS articles_date ON articles(date)",
    "CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet)",

    "CREATE TABLE IF NOT EXISTS places ("
    " id @ID@,"
    " article_id BIGINT NOT NULL REFERENCES articles(id),"
    " ord BIGINT NOT NULL, sentence BIGINT NOT NULL,"
    " text TEXT, span_start BIGINT, span_end BIGINT,"
    " name TEXT, geonameid BIGINT, country_code TEXT,"
    " lat DOUBLE PRECISION, lon DOUBLE PRECISION, resolution TEXT,"
    " UNIQUE (article_id, ord))",

    "CREATE TABLE IF NOT EXISTS attributions ("
    " id @ID@,"
    " article_id BIGINT NOT NULL REFERENCES articles(id),"
    " ord BIGINT NOT NULL, sentence BIGINT NOT NULL,"
    " speaker TEXT, speaker_start BIGINT, speaker_end BIGINT,"
    " role TEXT, role_start BIGINT, role_end BIGINT,"
    " organisation TEXT, organisation_start BIGINT, organisation_end BIGINT,"
    " outlet TEXT, outlet_start BIGINT, outlet_end BIGINT,"
    " cue TEXT, cue_start BIGINT, cue_end BIGINT,"
    " quote_start BIGINT, quote_end BIGINT,"
    " scope_start BIGINT, scope_end BIGINT,"
    " UNIQUE (article_id, ord))",

    "CREATE TABLE IF NOT EXISTS events ("
    " id @ID@,"
    " article_id BIGINT NOT NULL REFERENCES articles(id),"
    " event_id TEXT NOT NULL UNIQUE,"
    " ord BIGINT NOT NULL, sentence BIGINT NOT NULL, ordinal BIGINT NOT NULL,"
    " section TEXT, date TEXT, date_text TEXT,"
    " date_text_start BIGINT, date_text_end BIGINT,"
    " event_type TEXT, mode TEXT, context TEXT, cameo TEXT, quad BIGINT,"
    " negated BIGINT NOT NULL, hypothetical BIGINT NOT NULL,"
    " source_text TEXT, source_code TEXT, source_country TEXT,"
    " source_sector TEXT, source_start BIGINT, source_end BIGINT,"
    " source_entry_file TEXT, source_entry_line BIGINT,"
    " target_text TEXT, target_code TEXT, target_country TEXT,"
    " target_sector TEXT, target_start BIGINT, target_end BIGINT,"
    " target_entry_file TEXT, target_entry_line BIGINT,"
    " place_id BIGINT REFERENCES places(id), place_name TEXT,"
    " geonameid BIGINT, country_code TEXT,"
    " lat DOUBLE PRECISION, lon DOUBLE PRECISION, resolution TEXT,"
    " attribution_id BIGINT REFERENCES attributions(id),"
    " dead DOUBLE PRECISION, injured DOUBLE PRECISION,"
    " arrested DOUBLE PRECISION, size DOUBLE PRECISION,"
    " trigger_text TEXT, trigger_start BIGINT, trigger_end BIGINT,"
    " pattern TEXT, pattern_file TEXT, pattern_line BIGINT,"
    " evidence TEXT, evidence_start BIGINT, evidence_end BIGINT,"
    " score DOUBLE PRECISION,"
    " source_entity TEXT, target_entity TEXT,"
    " UNIQUE (article_id, ord))",
    "CREATE INDEX IF NOT EXISTS events_type_date ON events(event_type, date)",
    "CREATE INDEX IF NOT EXISTS events_date ON events(date)",
    "CREATE INDEX IF NOT EXISTS events_source ON events(source_code)",
    "CREATE INDEX IF NOT EXISTS events_target ON events(target_code)",
    "CREATE INDEX IF NOT EXISTS events_country ON events(country_code)",
    "CREATE INDEX IF NOT EXISTS events_lat ON events(lat)",

    "CREATE TABLE IF NOT EXISTS quantities ("
    " id @ID@,"
    " article_id BIGINT NOT NULL REFERENCES articles(id),"
    " ord BIGINT NOT NULL, sentence BIGINT NOT NULL,"
    " event_id BIGINT REFERENCES events(id),"
    " attribution_id BIGINT REFERENCES attributions(id),"
    " text TEXT, span_start BIGINT, span_end BIGINT,"
    " value DOUBLE PRECISION, min DOUBLE PRECISION, max DOUBLE PRECISION,"
    " qualifier BIGINT NOT NULL, qualifier_name TEXT,"
    " of_text TEXT, of_start BIGINT, of_end BIGINT,"
    " category TEXT, date TEXT,"
    " UNIQUE (article_id, ord))",
    "CREATE INDEX IF NOT EXISTS quantities_event ON quantities(event_id)",

    "CREATE TABLE IF NOT EXISTS incidents ("
    " id @ID@,"
    " event_type TEXT NOT NULL,"
    " first_date TEXT, last_date TEXT,"
    " first_seen TEXT, last_seen TEXT,"
    " n_events BIGINT NOT NULL, n_articles BIGINT NOT NULL,"
    " n_outlets BIGINT NOT NULL, outlets TEXT,"
    " source_code TEXT, target_code TEXT,"
    " place_name TEXT, geonameid BIGINT, country_code TEXT,"
    " lat DOUBLE PRECISION, lon DOUBLE PRECISION,"
    " dead DOUBLE PRECISION, injured DOUBLE PRECISION,"
    " arrested DOUBLE PRECISION, size DOUBLE PRECISION,"
    " anchor_event_id BIGINT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS incidents_type_date"
    " ON incidents(event_type, first_date)",
    "CREATE TABLE IF NOT EXISTS incident_events ("
    " incident_id BIGINT NOT NULL REFERENCES incidents(id),"
    " event_id BIGINT NOT NULL REFERENCES events(id),"
    " PRIMARY KEY (incident_id, event_id))",
    "CREATE INDEX IF NOT EXISTS incident_events_event"
    " ON incident_events(event_id)",
};

/* Children are found by article: an index each (events have theirs in
 * their UNIQUE constraint, the others too). */

static const char *const fts_sqlite[] = {
    "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
    " text, content='articles', content_rowid='id', tokenize='hadath @STEM@')",
    "CREATE TRIGGER IF NOT EXISTS articles_fts_ai AFTER INSERT ON articles"
    " BEGIN INSERT INTO articles_fts(rowid, text) VALUES (new.id, new.text);"
    " END",
    "CREATE TRIGGER IF NOT EXISTS articles_fts_ad AFTER DELETE ON articles"
    " BEGIN INSERT INTO articles_fts(articles_fts, rowid, text)"
    " VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER IF NOT EXISTS articles_fts_au AFTER UPDATE OF text"
    " ON articles BEGIN"
    " INSERT INTO articles_fts(articles_fts, rowid, text)"
    " VALUES ('delete', old.id, old.text);"
    " INSERT INTO articles_fts(rowid, text) VALUES (new.id, new.text); END",
};

static const char *const fts_pg[] = {
    "CREATE INDEX IF NOT EXISTS articles_stems ON articles"
    " USING GIN (to_tsvector('simple', coalesce(stems, '')))",
};

/* Runs one DDL statement with @ID@ and @STEM@ spliced in. */
static int run_ddl(hd_store *s, const char *tmpl, hd_error *err)
{
    const char *id = s->dialect == HD_SQL_PG
                         ? "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
                         : "INTEGER PRIMARY KEY";
    const char *stem = s->light_stem ? "light" : "none";
    size_t cap = strlen(tmpl) + 128;
    char *sql = malloc(cap);
    if (!sql)
        abort();
    size_t n = 0;
    for (const char *p = tmpl; *p;) {
        const char *with = NULL;
        if (strncmp(p, "@ID@", 4) == 0)
            with = id;
        else if (strncmp(p, "@STEM@", 6) == 0)
            with = stem;
        if (with) {
            n += (size_t)snprintf(sql + n, cap - n, "%s", with);
            p += p[1] == 'I' ? 4 : 6;
        } else {
            sql[n++] = *p++;
        }
    }
    sql[n] = '\0';
    int rc = hd_sql_exec(s->db, sql, err);
    free(sql);
    return rc;
}

static int create_all(hd_store *s, hd_error *err)
{
    for (size_t i = 0; i < sizeof ddl / sizeof ddl[0]; i++)
        if (run_ddl(s, ddl[i], err) != 0)
            return -1;
    const char *const *fts = s->dialect == HD_SQL_PG ? fts_pg : fts_sqlite;
    size_t n = s->dialect == HD_SQL_PG ? sizeof fts_pg / sizeof fts_pg[0]
                                       : sizeof fts_sqlite / sizeof fts_sqlite[0];
    for (size_t i = 0; i < n; i++)
        if (run_ddl(s, fts[i], err) != 0)
            return -1;
    return 0;
}

/* Reads the stemming option of an existing store into s. */
static int read_options(hd_store *s, hd_error *err)
{
    char v[64];
    int rc = hd_store_meta_get(s, "fts_stem", v, sizeof v, err);
    if (rc < 0)
        return -1;
    if (rc == 1)
        s->light_stem = strcmp(v, "light") == 0;
    return 0;
}

int hd_store_migrate(hd_store *s, hd_error *err)
{
    if (hd_sql_begin(s->db, err) != 0)
        return -1;
    char v[64];
    int have = -1;
    if (hd_sql_exec(s->db, ddl[0], err) == 0)
        have = hd_store_meta_get(s, "schema_version", v, sizeof v, err);
    if (have < 0)
        goto fail;
    if (have == 1) {
        if (atoi(v) > HD_STORE_SCHEMA_VERSION) {
            hd_error_set(err, NULL, 0, -1, "the store has schema version %s; "
                         "this hadath knows %d: upgrade hadath", v,
                         HD_STORE_SCHEMA_VERSION);
            goto fail;
        }
        if (read_options(s, err) != 0)
            goto fail;
    }
    char ver[16];
    snprintf(ver, sizeof ver, "%d", HD_STORE_SCHEMA_VERSION);
    if (create_all(s, err) != 0 ||
        hd_store_meta_set(s, "schema_version", ver, err) != 0 ||
        hd_store_meta_set(s, "fts_stem", s->light_stem ? "light" : "none",
                          err) != 0 ||
        (have == 0 &&
         hd_store_meta_set(s, "created_by", "hadath " HD_VERSION, err) != 0))
        goto fail;
    return hd_sql_commit(s->db, err);
fail:
    hd_sql_rollback(s->db);
    return -1;
}
