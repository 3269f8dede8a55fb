/*
 * query.c: listing and counting stored events and incidents.
 *
 * A filter (hd_query) becomes one WHERE clause with `?` parameters, built
 * here once for events and incidents (their columns share names: date,
 * event_type, country_code, lat, lon, source/target codes). The distance
 * filter is a bounding box on lat (indexed) and lon, refined by the
 * haversine formula written in SQL; both SQLite (3.35+, math functions)
 * and PostgreSQL have sin, cos, asin, sqrt, radians and power.
 *
 * Events are exported through the writers of src/out/: the matching
 * (event, article) pairs are read first, then each article is loaded once
 * (load.c) and trimmed to its matching events. Reading the pairs first
 * keeps one statement active at a time, which libpq needs.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "store/store_int.h"

typedef struct q_param {
    int is_double;
    double d;
    char s[64];
} q_param;

typedef struct q_where {
    hd_buf sql;
    q_param p[24];
    int n;
} q_where;

static void add_text(q_where *w, const char *s)
{
    q_param *p = &w->p[w->n++];
    p->is_double = 0;
    snprintf(p->s, sizeof p->s, "%s", s);
}

static void add_double(q_where *w, double d)
{
    q_param *p = &w->p[w->n++];
    p->is_double = 1;
    p->d = d;
}

static void cond(q_where *w, const char *c)
{
    hd_buf_puts(&w->sql, w->sql.len ? " AND " : " WHERE ");
    hd_buf_puts(&w->sql, c);
}

/* The WHERE clause of q over table alias t (events or incidents). */
static void build_where(const hd_query *q, int incidents, q_where *w)
{
    char c[512];
    const char *date_lo = incidents ? "t.last_date" : "t.date";
    const char *date_hi = incidents ? "t.first_date" : "t.date";
    if (q->type) {
        cond(w, "t.event_type = ?");
        add_text(w, q->type);
    }
    if (q->actor) {
        size_t n = strlen(q->actor);
        int prefix = n && q->actor[n - 1] == '*';
        char v[64];
        snprintf(v, sizeof v, "%.*s%s", (int)(prefix ? n - 1 : n), q->actor,
                 prefix ? "%" : "");
        cond(w, prefix ? "(t.source_code LIKE ? OR t.target_code LIKE ?)"
                       : "(t.source_code = ? OR t.target_code = ?)");
        add_text(w, v);
        add_text(w, v);
    }
    if (q->country && strlen(q->country) == 2) {
        char cc[3] = {(char)(q->country[0] & ~0x20), (char)(q->country[1] & ~0x20), 0};
        cond(w, "t.country_code = ?");
        add_text(w, cc);
    } else if (q->country) {
        char cc[4];
        snprintf(cc, sizeof cc, "%s", q->country);
        for (int i = 0; cc[i]; i++)
            cc[i] = (char)(cc[i] >= 'a' && cc[i] <= 'z' ? cc[i] - 32 : cc[i]);
        cond(w, incidents ? "(t.source_code LIKE ? OR t.target_code LIKE ?)"
                          : "(t.source_country = ? OR t.target_country = ?)");
        char v[8];
        snprintf(v, sizeof v, incidents ? "%s%%" : "%s", cc);
        add_text(w, v);
        add_text(w, v);
    }
    if (q->since) {
        snprintf(c, sizeof c, "%s >= ?", date_lo);
        cond(w, c);
        add_text(w, q->since);
    }
    if (q->until) {
        char v[32];
        snprintf(v, sizeof v, "%s~", q->until); /* '~' sorts after digits */
        snprintf(c, sizeof c, "%s <= ?", date_hi);
        cond(w, c);
        add_text(w, v);
    }
    if (q->near) {
        double dlat = q->km / 111.0;
        double cl = cos(q->lat * M_PI / 180);
        double dlon = cl > 0.01 ? q->km / (111.0 * cl) : 360;
        cond(w, "t.lat BETWEEN ? AND ? AND t.lon BETWEEN ? AND ?");
        add_double(w, q->lat - dlat);
        add_double(w, q->lat + dlat);
        add_double(w, q->lon - dlon);
        add_double(w, q->lon + dlon);
        cond(w, "2 * 6371.0088 * asin(sqrt(power(sin(radians(t.lat - ?) / 2),"
                " 2) + cos(radians(?)) * cos(radians(t.lat)) *"
                " power(sin(radians(t.lon - ?) / 2), 2))) <= ?");
        add_double(w, q->lat);
        add_double(w, q->lat);
        add_double(w, q->lon);
        add_double(w, q->km);
    }
    if (q->asserted && !incidents)
        cond(w, "t.negated = 0 AND t.hypothetical = 0");
    if (q->min_outlets > 0 && incidents) {
        snprintf(c, sizeof c, "t.n_outlets >= %lld", (long long)q->min_outlets);
        cond(w, c);
    }
}

static void bind_where(hd_stmt *st, const q_where *w, int first)
{
    for (int i = 0; i < w->n; i++) {
        if (w->p[i].is_double)
            hd_stmt_bind_double(st, first + i, w->p[i].d);
        else
            hd_stmt_bind_text(st, first + i, w->p[i].s, (size_t)-1);
    }
}

/* Prepares "head FROM table t WHERE... tail" with q's parameters bound. */
static hd_stmt *prepare_filtered(hd_store *s, const hd_query *q,
                                 int incidents, const char *head,
                                 const char *tail, hd_error *err)
{
    q_where w = {0};
    build_where(q, incidents, &w);
    hd_buf sql = {0};
    hd_buf_printf(&sql, "%s FROM %s t%s %s", head,
                  incidents ? "incidents" : "events",
                  w.sql.data ? w.sql.data : "", tail);
    if (q->limit > 0)
        hd_buf_printf(&sql, " LIMIT %lld", (long long)q->limit);
    hd_stmt *st = hd_sql_prepare(s->db, sql.data, err);
    if (st)
        bind_where(st, &w, 1);
    hd_buf_free(&sql);
    hd_buf_free(&w.sql);
    return st;
}

/* Keeps only the events whose row ids are in want[0..n) (sorted). */
static void trim_events(hd_doc *d, const int64_t *ids, const int64_t *want,
                        size_t n)
{
    size_t k = 0;
    int32_t *map = hd_xmalloc((d->n_events + 1) * sizeof *map);
    for (size_t i = 0; i < d->n_events; i++) {
        int keep = 0;
        for (size_t j = 0; j < n && !keep; j++)
            keep = want[j] == ids[i];
        map[i] = keep ? (int32_t)k : -1;
        if (keep)
            d->events[k++] = d->events[i];
    }
    for (size_t i = 0; i < d->n_quantities; i++)
        if (d->quantities[i].event >= 0)
            d->quantities[i].event = map[d->quantities[i].event];
    d->n_events = k;
    free(map);
}

typedef struct pair {
    int64_t event, article;
} pair;

int hd_store_query_events(hd_store *s, const hd_query *q, hd_query_doc_fn fn,
                          void *ctx, hd_error *err)
{
    hd_stmt *st = prepare_filtered(s, q, 0, "SELECT t.id, t.article_id",
                                   "ORDER BY t.article_id, t.ord", err);
    if (!st)
        return -1;
    pair *v = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = hd_stmt_step(st, err)) == 1) {
        HD_VEC_RESERVE(v, cap, n + 1);
        v[n].event = hd_stmt_int64(st, 0);
        v[n++].article = hd_stmt_int64(st, 1);
    }
    hd_stmt_finalize(st);
    hd_doc doc;
    hd_doc_init(&doc);
    int64_t *ids = NULL, *want = NULL;
    for (size_t i = 0; rc == 0 && i < n;) {
        size_t j = i;
        while (j < n && v[j].article == v[i].article)
            j++;
        want = hd_xrealloc(want, (j - i) * sizeof *want);
        for (size_t k = i; k < j; k++)
            want[k - i] = v[k].event;
        if (hd_store_load_doc(s, v[i].article, &doc, &ids, err) != 0)
            rc = -1;
        else {
            trim_events(&doc, ids, want, j - i);
            rc = fn(ctx, &doc, err);
        }
        i = j;
    }
    free(ids);
    free(want);
    free(v);
    hd_doc_free(&doc);
    return rc;
}

/* The SQL expression of a --count-by key into k (cap bytes); NULL when by
 * names no key. */
static const char *count_key(hd_sql_dialect dl, const char *by,
                             int incidents, char *k, size_t cap)
{
    const char *date = incidents ? "t.first_date" : "t.date";
    if (strcmp(by, "day") == 0)
        snprintf(k, cap, "substr(%s, 1, 10)", date);
    else if (strcmp(by, "month") == 0)
        snprintf(k, cap, "substr(%s, 1, 7)", date);
    else if (strcmp(by, "week") == 0)
        snprintf(k, cap, dl == HD_SQL_PG
                 ? "to_char(date_trunc('week', %s::date), 'YYYY-MM-DD')"
                 : "date(%s, 'weekday 0', '-6 days')", date);
    else if (strcmp(by, "type") == 0)
        snprintf(k, cap, "t.event_type");
    else if (strcmp(by, "actor") == 0)
        snprintf(k, cap, "t.source_code");
    else if (strcmp(by, "place") == 0)
        snprintf(k, cap, "t.place_name || ' (' || t.country_code || ')'");
    else
        return NULL;
    return k;
}

int hd_store_count_by(hd_store *s, const hd_query *q, const char *by,
                      int incidents, hd_count_fn fn, void *ctx, hd_error *err)
{
    char kbuf[256];
    const char *key = count_key(s->dialect, by, incidents, kbuf, sizeof kbuf);
    if (!key) {
        hd_error_set(err, NULL, 0, -1, "count by day, week, month, type, "
                     "actor or place, not '%s'", by);
        return -1;
    }
    char head[512];
    snprintf(head, sizeof head, "SELECT %s AS k, count(*)", key);
    hd_query nolimit = *q;
    nolimit.limit = 0;
    hd_stmt *st = prepare_filtered(s, &nolimit, incidents, head,
                                   "GROUP BY k ORDER BY k", err);
    if (!st)
        return -1;
    int rc;
    while ((rc = hd_stmt_step(st, err)) == 1)
        if ((rc = fn(ctx, hd_stmt_text(st, 0), hd_stmt_int64(st, 1))) != 0)
            break;
    hd_stmt_finalize(st);
    return rc < 0 ? -1 : 0;
}

static double opt_double(hd_stmt *st, int col)
{
    return hd_stmt_is_null(st, col) ? -1 : hd_stmt_double(st, col);
}

int hd_store_query_incidents(hd_store *s, const hd_query *q,
                             hd_incident_fn fn, void *ctx, hd_error *err)
{
    hd_stmt *st = prepare_filtered(s, q, 1,
        "SELECT t.id, t.event_type, t.first_date, t.last_date, t.first_seen,"
        " t.last_seen, t.n_events, t.n_articles, t.n_outlets, t.outlets,"
        " t.source_code, t.target_code, t.place_name, t.country_code,"
        " t.geonameid, t.lat, t.lon, t.dead, t.injured, t.arrested, t.size",
        "ORDER BY t.first_date, t.id", err);
    if (!st)
        return -1;
    /* Rows are copied out first: the callback may query (members). */
    typedef struct row { hd_incident_row r; char *strs[12]; } row;
    row *v = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = hd_stmt_step(st, err)) == 1) {
        HD_VEC_RESERVE(v, cap, n + 1);
        row *w = &v[n++];
        memset(w, 0, sizeof *w);
        for (int i = 0; i < 12; i++) {
            int col = i < 5 ? i + 1 : i + 4;
            const char *t = hd_stmt_text(st, col);
            w->strs[i] = t ? strdup(t) : NULL;
        }
        hd_incident_row *r = &w->r;
        r->id = hd_stmt_int64(st, 0);
        r->n_events = hd_stmt_int64(st, 6);
        r->n_articles = hd_stmt_int64(st, 7);
        r->n_outlets = hd_stmt_int64(st, 8);
        r->geonameid = hd_stmt_int64(st, 14);
        r->has_coords = !hd_stmt_is_null(st, 15) && !hd_stmt_is_null(st, 16);
        r->lat = hd_stmt_double(st, 15);
        r->lon = hd_stmt_double(st, 16);
        r->dead = opt_double(st, 17);
        r->injured = opt_double(st, 18);
        r->arrested = opt_double(st, 19);
        r->size = opt_double(st, 20);
    }
    hd_stmt_finalize(st);
    for (size_t i = 0; i < n; i++) {
        hd_incident_row *r = &v[i].r;
        char **x = v[i].strs;
        r->event_type = x[0]; r->first_date = x[1]; r->last_date = x[2];
        r->first_seen = x[3]; r->last_seen = x[4]; r->outlets = x[5];
        r->source_code = x[6]; r->target_code = x[7]; r->place_name = x[8];
        r->country_code = x[9];
        if (rc == 0)
            rc = fn(ctx, r, err);
        for (int k = 0; k < 12; k++)
            free(x[k]);
    }
    free(v);
    return rc;
}

int hd_store_incident_members(hd_store *s, int64_t incident_id,
                              hd_member_fn fn, void *ctx, hd_error *err)
{
    hd_stmt *st = hd_sql_prepare(s->db,
        "SELECT e.event_id, a.doc_id, a.outlet, e.date, e.source_code,"
        " e.target_code, e.place_name, e.trigger_text, e.evidence"
        " FROM incident_events m JOIN events e ON e.id = m.event_id"
        " JOIN articles a ON a.id = e.article_id WHERE m.incident_id = ?"
        " ORDER BY e.date, e.id", err);
    if (!st)
        return -1;
    hd_stmt_bind_int64(st, 1, incident_id);
    int rc;
    while ((rc = hd_stmt_step(st, err)) == 1) {
        hd_member_row m = {
            hd_stmt_text(st, 0), hd_stmt_text(st, 1), hd_stmt_text(st, 2),
            hd_stmt_text(st, 3), hd_stmt_text(st, 4), hd_stmt_text(st, 5),
            hd_stmt_text(st, 6), hd_stmt_text(st, 7), hd_stmt_text(st, 8)};
        if ((rc = fn(ctx, &m)) != 0)
            break;
    }
    hd_stmt_finalize(st);
    return rc < 0 ? -1 : 0;
}
