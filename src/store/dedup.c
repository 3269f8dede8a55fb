/*
 * dedup.c: grouping the stored events into incidents: five outlets
 * reporting one battle make one incident that five outlets confirm.
 *
 * The rule (docs/STORE.md). Only asserted events take part (negated and
 * hypothetical ones are not facts). Two reports are of the same happening
 * when they have
 *   - the same PLOVER type;
 *   - compatible actors, side by side: the source codes agree on country
 *     and on sector wherever both are known (SYRMIL and SYRMIL; SYRMIL and
 *     ---MIL; anything and an unknown actor), and so do the targets; an
 *     event with no coded actor at all stays alone (it would fit anything:
 *     the hand check found most wrong groups made of such events);
 *   - the same place, or places within --km (haversine on the gazetteer's
 *     coordinates); a country-level place is too coarse to count unless
 *     asked for, and an event with no place stays alone unless asked;
 *   - dates within --days.
 * Incidents are built greedily, in date order within each type: an event
 * joins the nearest open incident it is compatible with, else opens one.
 * Compatibility is checked against the incident's first event (its anchor)
 * for date and place, and against the actors the incident has gathered so
 * far, not against any member: that is what keeps a chain of near
 * neighbours (Aleppo today, Idlib tomorrow, Hama the day after) from
 * collapsing into one incident. Single-linkage clustering chains; this
 * does not, at the price of depending on order (date, then id), which is
 * stable, so the same store always gives the same incidents.
 *
 * The incidents are rebuilt whole, in one transaction: the events are read
 * once into a compact array (about 80 bytes each: a million events fit in
 * 80 MB), grouped in memory and written back. Incident ids are therefore
 * not stable across rebuilds; member events are.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "store/store_int.h"

void hd_dedup_opts_default(hd_dedup_opts *o)
{
    o->km = 25;
    o->days = 2;
    o->need_place = 1;
    o->country_places = 0;
    o->need_actor = 1;
}

typedef struct dd_event {
    int64_t id, article;
    int32_t day;              /* days since 1970-01-01; INT32_MIN unknown */
    int32_t type, outlet;     /* interned */
    int32_t next;             /* next member of its incident, or -1 */
    int has_place;
    double lat, lon;
    int64_t geonameid;
    char src[2][4], tgt[2][4];/* country, sector; "" unknown */
    int has_src, has_tgt;
    char date[11], seen[11];  /* event date, article date; "" unknown */
    double counts[4];         /* dead, injured, arrested, size; -1 */
} dd_event;

typedef struct dd_incident {
    int32_t anchor, head, tail;
    int32_t n;
    char src[2][4], tgt[2][4];
    int has_src, has_tgt;
    int32_t src_from, tgt_from; /* the member whose codes were adopted */
} dd_incident;

/* A string table: interned names (types, outlets, codes). */
typedef struct dd_names {
    char **s;
    size_t n, cap;
} dd_names;

static int32_t intern(dd_names *t, const char *s)
{
    if (!s)
        s = "";
    for (size_t i = t->n; i-- > 0;) /* few: types and outlets */
        if (strcmp(t->s[i], s) == 0)
            return (int32_t)i;
    HD_VEC_RESERVE(t->s, t->cap, t->n + 1);
    t->s[t->n] = hd_xmalloc(strlen(s) + 1);
    strcpy(t->s[t->n], s);
    return (int32_t)t->n++;
}

static void names_free(dd_names *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->s[i]);
    free(t->s);
}

static int32_t day_number(const char *d)
{
    if (!d || strlen(d) < 10 || d[4] != '-' || d[7] != '-')
        return INT32_MIN;
    int y = atoi(d), m = atoi(d + 5), dd = atoi(d + 8);
    /* days from civil (H. Hinnant) */
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

double hd_haversine_km(double lat1, double lon1, double lat2, double lon2);
double hd_haversine_km(double lat1, double lon1, double lat2, double lon2)
{
    const double r = 6371.0088, rad = M_PI / 180;
    double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
    double a = sin(dlat / 2) * sin(dlat / 2) +
               cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);
    return 2 * r * asin(sqrt(a < 1 ? a : 1));
}

typedef struct dd_state {
    dd_event *ev;
    size_t n, cap;
    dd_incident *inc;
    size_t n_inc, cap_inc;
    dd_names types, outlets;
} dd_state;

static void copy_code(char dst[2][4], const char *country, const char *sector)
{
    snprintf(dst[0], 4, "%s", country ? country : "");
    snprintf(dst[1], 4, "%s", sector ? sector : "");
}

static const char *LOAD_SQL =
    "SELECT e.id, e.article_id, e.event_type, e.date, a.outlet,"
    " e.lat, e.lon, e.geonameid, e.resolution,"
    " e.source_code, e.source_country, e.source_sector,"
    " e.target_code, e.target_country, e.target_sector"
    ", a.date, e.dead, e.injured, e.arrested, e.size"
    " FROM events e JOIN articles a ON a.id = e.article_id"
    " WHERE e.negated = 0 AND e.hypothetical = 0"
    " AND e.event_type IS NOT NULL ORDER BY e.event_type, e.date, e.id";

static int load_events(hd_store *s, const hd_dedup_opts *o, dd_state *d,
                       hd_error *err)
{
    hd_stmt *st = hd_sql_prepare(s->db, LOAD_SQL, err);
    if (!st)
        return -1;
    int rc;
    while ((rc = hd_stmt_step(st, err)) == 1) {
        HD_VEC_RESERVE(d->ev, d->cap, d->n + 1);
        dd_event *e = &d->ev[d->n++];
        memset(e, 0, sizeof *e);
        e->id = hd_stmt_int64(st, 0);
        e->article = hd_stmt_int64(st, 1);
        e->type = intern(&d->types, hd_stmt_text(st, 2));
        e->day = day_number(hd_stmt_text(st, 3));
        e->outlet = intern(&d->outlets, hd_stmt_text(st, 4));
        e->next = -1;
        const char *res = hd_stmt_text(st, 8);
        e->has_place = !hd_stmt_is_null(st, 5) && !hd_stmt_is_null(st, 6) &&
                       (o->country_places || !res || strcmp(res, "country"));
        e->lat = hd_stmt_double(st, 5);
        e->lon = hd_stmt_double(st, 6);
        e->geonameid = hd_stmt_int64(st, 7);
        e->has_src = !hd_stmt_is_null(st, 9);
        copy_code(e->src, hd_stmt_text(st, 10), hd_stmt_text(st, 11));
        e->has_tgt = !hd_stmt_is_null(st, 12);
        copy_code(e->tgt, hd_stmt_text(st, 13), hd_stmt_text(st, 14));
        snprintf(e->date, sizeof e->date, "%s",
                 hd_stmt_text(st, 3) ? hd_stmt_text(st, 3) : "");
        snprintf(e->seen, sizeof e->seen, "%s",
                 hd_stmt_text(st, 15) ? hd_stmt_text(st, 15) : "");
        for (int k = 0; k < 4; k++)
            e->counts[k] = hd_stmt_is_null(st, 16 + k)
                               ? -1 : hd_stmt_double(st, 16 + k);
    }
    hd_stmt_finalize(st);
    return rc;
}

static int part_ok(const char *a, const char *b)
{
    return !a[0] || !b[0] || strcmp(a, b) == 0;
}

static int actor_ok(int has_a, char a[2][4], int has_b, char b[2][4])
{
    return !has_a || !has_b || (part_ok(a[0], b[0]) && part_ok(a[1], b[1]));
}

/* The distance from e to incident I's anchor, or -1 when they cannot be
 * one happening. */
static double match(const dd_state *d, const hd_dedup_opts *o,
                    const dd_event *e, dd_incident *I)
{
    if (o->need_actor && !e->has_src && !e->has_tgt)
        return -1;
    const dd_event *a = &d->ev[I->anchor];
    if (e->day == INT32_MIN || a->day == INT32_MIN ||
        e->day - a->day > o->days)
        return -1;
    if (!actor_ok(e->has_src, (char (*)[4])e->src, I->has_src, I->src) ||
        !actor_ok(e->has_tgt, (char (*)[4])e->tgt, I->has_tgt, I->tgt))
        return -1;
    if (!e->has_place || !a->has_place)
        return o->need_place ? -1 : o->km; /* allowed, but least near */
    if (e->geonameid && e->geonameid == a->geonameid)
        return 0;
    double km = hd_haversine_km(a->lat, a->lon, e->lat, e->lon);
    return km <= o->km ? km : -1;
}

static void join(dd_state *d, int32_t inc, int32_t ev)
{
    dd_incident *I = &d->inc[inc];
    dd_event *e = &d->ev[ev];
    d->ev[I->tail].next = ev;
    I->tail = ev;
    I->n++;
    if (!I->has_src && e->has_src) {
        I->has_src = 1;
        memcpy(I->src, e->src, sizeof I->src);
        I->src_from = ev;
    }
    if (!I->has_tgt && e->has_tgt) {
        I->has_tgt = 1;
        memcpy(I->tgt, e->tgt, sizeof I->tgt);
        I->tgt_from = ev;
    }
}

static void open_incident(dd_state *d, int32_t ev)
{
    HD_VEC_RESERVE(d->inc, d->cap_inc, d->n_inc + 1);
    dd_incident *I = &d->inc[d->n_inc++];
    dd_event *e = &d->ev[ev];
    memset(I, 0, sizeof *I);
    I->anchor = I->head = I->tail = ev;
    I->n = 1;
    I->has_src = e->has_src;
    memcpy(I->src, e->src, sizeof I->src);
    I->has_tgt = e->has_tgt;
    memcpy(I->tgt, e->tgt, sizeof I->tgt);
    I->src_from = I->tgt_from = ev;
}

/* Groups the events (sorted by type, date, id) into incidents. */
static void group(dd_state *d, const hd_dedup_opts *o)
{
    int32_t *open = NULL;
    size_t n_open = 0, cap_open = 0;
    for (size_t i = 0; i < d->n; i++) {
        dd_event *e = &d->ev[i];
        if (i == 0 || e->type != d->ev[i - 1].type)
            n_open = 0;
        /* close incidents whose anchor is out of the window */
        size_t k = 0;
        for (size_t j = 0; j < n_open; j++) {
            const dd_event *a = &d->ev[d->inc[open[j]].anchor];
            if (e->day == INT32_MIN || a->day == INT32_MIN ||
                e->day - a->day <= o->days)
                open[k++] = open[j];
        }
        n_open = k;
        int32_t best = -1;
        double best_km = 0;
        for (size_t j = 0; j < n_open; j++) {
            double km = match(d, o, e, &d->inc[open[j]]);
            if (km >= 0 && (best < 0 || km < best_km)) {
                best = open[j];
                best_km = km;
            }
        }
        if (best >= 0) {
            join(d, best, (int32_t)i);
            continue;
        }
        open_incident(d, (int32_t)i);
        if (e->day != INT32_MIN && (e->has_place || !o->need_place) &&
            (e->has_src || e->has_tgt || !o->need_actor)) {
            HD_VEC_RESERVE(open, cap_open, n_open + 1);
            open[n_open++] = (int32_t)(d->n_inc - 1);
        }
    }
    free(open);
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static size_t distinct(int64_t *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_i64);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (k == 0 || v[i] != v[k - 1])
            v[k++] = v[i];
    return k;
}

/* The incident row; its place comes from the member x (bound last). */
static const char *INSERT_INCIDENT =
    "INSERT INTO incidents (event_type, first_date, last_date, first_seen,"
    " last_seen, n_events, n_articles, n_outlets, outlets, source_code,"
    " target_code, dead, injured, arrested, size, anchor_event_id,"
    " place_name, geonameid, country_code, lat, lon)"
    " SELECT CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT),"
    " CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS BIGINT),"
    " CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS TEXT),"
    " (SELECT source_code FROM events WHERE id = ?),"
    " (SELECT target_code FROM events WHERE id = ?),"
    " CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION),"
    " CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION),"
    " CAST(? AS BIGINT), x.place_name, x.geonameid, x.country_code, x.lat,"
    " x.lon FROM events x WHERE x.id = ? RETURNING id";

typedef struct dd_writer {
    hd_stmt *member, *incident;
    int64_t *arts, *outs;
    size_t cap_arts, cap_outs;
    char *outlets;
    size_t cap_outlets;
    const char **names;
    size_t cap_names;
} dd_writer;

/* What the members say together: date ranges, largest counts. */
typedef struct dd_summary {
    const char *first_date, *last_date, *first_seen, *last_seen;
    double counts[4];
    int32_t place_from;
} dd_summary;

static void str_min_max(const char *v, const char **lo, const char **hi)
{
    if (!v[0])
        return;
    if (!*lo || strcmp(v, *lo) < 0)
        *lo = v;
    if (!*hi || strcmp(v, *hi) > 0)
        *hi = v;
}

static size_t summarize(dd_state *d, dd_writer *w, const dd_incident *I,
                        dd_summary *sm)
{
    size_t n = 0;
    HD_VEC_RESERVE(w->arts, w->cap_arts, (size_t)I->n);
    HD_VEC_RESERVE(w->outs, w->cap_outs, (size_t)I->n);
    memset(sm, 0, sizeof *sm);
    for (int k = 0; k < 4; k++)
        sm->counts[k] = -1;
    sm->place_from = I->anchor;
    for (int32_t m = I->head; m >= 0; m = d->ev[m].next, n++) {
        const dd_event *e = &d->ev[m];
        w->arts[n] = e->article;
        w->outs[n] = e->outlet;
        if (!d->ev[sm->place_from].has_place && e->has_place)
            sm->place_from = m;
        str_min_max(e->date, &sm->first_date, &sm->last_date);
        str_min_max(e->seen, &sm->first_seen, &sm->last_seen);
        for (int k = 0; k < 4; k++)
            if (e->counts[k] > sm->counts[k])
                sm->counts[k] = e->counts[k];
    }
    return n;
}

static void bind_opt(hd_stmt *q, int i, const char *s)
{
    if (s)
        hd_stmt_bind_text(q, i, s, (size_t)-1);
    else
        hd_stmt_bind_null(q, i);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The incident's outlets (w->outs[0..n), distinct ids), sorted by name and
 * joined with commas into w->outlets; returns its length. */
static size_t outlet_list(dd_state *d, dd_writer *w, size_t n)
{
    HD_VEC_RESERVE(w->names, w->cap_names, n + 1);
    for (size_t i = 0; i < n; i++)
        w->names[i] = d->outlets.s[w->outs[i]];
    qsort(w->names, n, sizeof *w->names, cmp_str);
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        HD_VEC_RESERVE(w->outlets, w->cap_outlets,
                       len + strlen(w->names[i]) + 2);
        len += (size_t)sprintf(w->outlets + len, "%s%s", len ? "," : "",
                               w->names[i]);
    }
    return len;
}

/* Writes incident I: the row (RETURNING its id), then its members. */
static int write_incident(dd_state *d, dd_writer *w, const dd_incident *I,
                          hd_dedup_stats *st, hd_error *err)
{
    dd_summary sm;
    size_t n = summarize(d, w, I, &sm);
    size_t n_arts = distinct(w->arts, n), n_outs = distinct(w->outs, n);
    size_t len = outlet_list(d, w, n_outs);
    hd_stmt *q = w->incident;
    hd_stmt_reset(q);
    hd_stmt_bind_text(q, 1, d->types.s[d->ev[I->anchor].type], (size_t)-1);
    bind_opt(q, 2, sm.first_date);
    bind_opt(q, 3, sm.last_date);
    bind_opt(q, 4, sm.first_seen);
    bind_opt(q, 5, sm.last_seen);
    hd_stmt_bind_int64(q, 6, I->n);
    hd_stmt_bind_int64(q, 7, (int64_t)n_arts);
    hd_stmt_bind_int64(q, 8, (int64_t)n_outs);
    bind_opt(q, 9, len ? w->outlets : NULL);
    hd_stmt_bind_int64(q, 10, d->ev[I->src_from].id);
    hd_stmt_bind_int64(q, 11, d->ev[I->tgt_from].id);
    for (int k = 0; k < 4; k++)
        if (sm.counts[k] >= 0)
            hd_stmt_bind_double(q, 12 + k, sm.counts[k]);
        else
            hd_stmt_bind_null(q, 12 + k);
    hd_stmt_bind_int64(q, 16, d->ev[I->anchor].id);
    hd_stmt_bind_int64(q, 17, d->ev[sm.place_from].id);
    int rc = hd_stmt_step(q, err);
    int64_t id = rc == 1 ? hd_stmt_int64(q, 0) : -1;
    if (rc != 1 || hd_stmt_step(q, err) < 0) {
        if (rc == 0)
            hd_error_set(err, NULL, 0, -1, "dedup: incident not written");
        return -1;
    }
    for (int32_t m = I->head; m >= 0; m = d->ev[m].next) {
        hd_stmt_reset(w->member);
        hd_stmt_bind_int64(w->member, 1, id);
        hd_stmt_bind_int64(w->member, 2, d->ev[m].id);
        if (hd_stmt_step(w->member, err) < 0)
            return -1;
    }
    st->incidents++;
    st->multi += I->n > 1;
    st->multi_outlet += n_outs > 1;
    st->by_outlets[n_outs >= 6 ? 5 : (n_outs ? n_outs - 1 : 0)]++;
    return 0;
}

static int write_all(hd_store *s, dd_state *d, hd_dedup_stats *st,
                     hd_error *err)
{
    dd_writer w = {0};
    w.member = hd_sql_prepare(s->db, "INSERT INTO incident_events "
                              "(incident_id, event_id) VALUES (?, ?)", err);
    w.incident = w.member ? hd_sql_prepare(s->db, INSERT_INCIDENT, err) : NULL;
    int rc = w.incident ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < d->n_inc; i++)
        rc = write_incident(d, &w, &d->inc[i], st, err);
    hd_stmt_finalize(w.member);
    hd_stmt_finalize(w.incident);
    free(w.arts);
    free(w.outs);
    free(w.outlets);
    free(w.names);
    return rc;
}

int hd_store_dedup(hd_store *s, const hd_dedup_opts *opts,
                   hd_dedup_stats *stats, hd_error *err)
{
    hd_dedup_opts def;
    hd_dedup_stats local;
    if (!opts) {
        hd_dedup_opts_default(&def);
        opts = &def;
    }
    if (!stats)
        stats = &local;
    memset(stats, 0, sizeof *stats);
    dd_state d = {0};
    int rc = -1;
    if (hd_sql_begin(s->db, err) != 0)
        return -1;
    if (load_events(s, opts, &d, err) != 0)
        goto done;
    group(&d, opts);
    stats->events = (int64_t)d.n;
    if (hd_sql_exec(s->db, "DELETE FROM incident_events", err) != 0 ||
        hd_sql_exec(s->db, "DELETE FROM incidents", err) != 0 ||
        write_all(s, &d, stats, err) != 0)
        goto done;
    rc = hd_sql_commit(s->db, err);
done:
    if (rc != 0)
        hd_sql_rollback(s->db);
    free(d.ev);
    free(d.inc);
    names_free(&d.types);
    names_free(&d.outlets);
    return rc;
}
