/*
 * cmd_query.c: `hadath query`: list or count stored events and incidents,
 * and export them.
 *
 * Wiring only: options become an hd_query (src/store/query.c); events are
 * written by the writers of `hadath code` (src/out/), from documents the
 * store rebuilds, so an exported event is the line `hadath code` wrote;
 * incidents by src/store/export.c.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "out/event.h"
#include "store/export.h"
#include "store/store.h"

void hd_cmd_query_help(FILE *out)
{
    fprintf(out,
        "usage: hadath query --db URI [filters] [--incidents] [--to FORMAT]\n"
        "                    [--count-by KEY]\n\n"
        "Lists stored events (or incidents) that pass every filter given.\n\n"
        "filters:\n"
        "  --type T           PLOVER type (ASSAULT, PROTEST, ...)\n"
        "  --actor CODE       source or target code; CODE* is a prefix (SYR*)\n"
        "  --country CC       2 letters: the place's country (SY); 3 letters:\n"
        "                     the source's or target's country (SYR)\n"
        "  --since D, --until D  dates YYYY, YYYY-MM or YYYY-MM-DD, inclusive\n"
        "  --near LAT,LON,KM  within KM kilometres of a point (haversine)\n"
        "  --asserted         leave out negated and hypothetical events\n"
        "  --min-outlets N    incidents reported by at least N outlets\n"
        "  --limit N          at most N events or incidents\n\n"
        "output:\n"
        "  --incidents        incidents instead of events (hadath dedup)\n"
        "  --members          incidents as JSONL: list their member events\n"
        "  --to FORMAT        jsonl (default), csv (RFC 4180), geojson\n"
        "                     (RFC 7946; events without coordinates are\n"
        "                     counted in hadath_omitted_no_coordinates), and\n"
        "                     for events plover, phoenix\n"
        "  --count-by KEY     day, week, month, type, actor, place: counts,\n"
        "                     one 'key<TAB>n' line each (csv with --to csv)\n\n"
        "exit: 0 ok, 2 usage error, 3 failure\n");
}

enum { TO_JSONL, TO_CSV, TO_GEOJSON, TO_PLOVER, TO_PHOENIX };

typedef struct query_ctx {
    hd_store *store;
    int to, members;
    hd_buf out;
    hd_geojson geo;
    size_t n;
} query_ctx;

static int flush(query_ctx *c)
{
    if (c->out.len && fwrite(c->out.data, 1, c->out.len, stdout) != c->out.len)
        return -1;
    hd_buf_clear(&c->out);
    return 0;
}

static int write_doc(void *ctx, hd_doc *doc, hd_error *err)
{
    query_ctx *c = ctx;
    switch (c->to) {
    case TO_CSV: hd_out_events_csv(&c->out, doc); break;
    case TO_GEOJSON: hd_out_events_geojson(&c->geo, doc); break;
    case TO_PLOVER: hd_out_events_plover(&c->out, doc); break;
    case TO_PHOENIX: hd_out_events_phoenix(&c->out, doc); break;
    default: hd_out_events_jsonl(&c->out, doc); break;
    }
    c->n += doc->n_events;
    if (c->out.len > (1u << 16) && flush(c) != 0) {
        hd_error_set(err, "<stdout>", 0, -1, "cannot write the output");
        return -1;
    }
    return 0;
}

static int write_member(void *ctx, const hd_member_row *m)
{
    hd_export_member(ctx, m);
    return 0;
}

static int write_incident(void *ctx, const hd_incident_row *r, hd_error *err)
{
    query_ctx *c = ctx;
    c->n++;
    if (c->to == TO_CSV) {
        hd_export_incident_csv(&c->out, r);
    } else if (c->to == TO_GEOJSON) {
        hd_export_incident_geojson(&c->geo, r);
    } else {
        hd_json j;
        hd_json_init(&j, &c->out);
        hd_json_object_begin(&j);
        hd_export_incident_fields(&j, r);
        if (c->members) {
            hd_json_key(&j, "members");
            hd_json_array_begin(&j);
            if (hd_store_incident_members(c->store, r->id, write_member, &j,
                                          err) != 0)
                return -1;
            hd_json_array_end(&j);
        }
        hd_json_object_end(&j);
        hd_buf_putc(&c->out, '\n');
    }
    if (c->out.len > (1u << 16) && flush(c) != 0) {
        hd_error_set(err, "<stdout>", 0, -1, "cannot write the output");
        return -1;
    }
    return 0;
}

static int write_count(void *ctx, const char *key, int64_t n)
{
    query_ctx *c = ctx;
    if (c->to == TO_CSV) {
        hd_export_csv_field(&c->out, key ? key : "", 1);
        hd_buf_printf(&c->out, ",%lld\r\n", (long long)n);
    } else {
        hd_buf_printf(&c->out, "%s\t%lld\n", key ? key : "-", (long long)n);
    }
    return 0;
}

static int valid_day(const char *s)
{
    size_t n = strlen(s);
    if (n != 4 && n != 7 && n != 10)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return 0;
    return 1;
}

static int parse_near(const char *s, hd_query *q)
{
    char *e;
    q->lat = strtod(s, &e);
    if (*e != ',')
        return -1;
    q->lon = strtod(e + 1, &e);
    if (*e != ',')
        return -1;
    q->km = strtod(e + 1, &e);
    q->near = 1;
    return *e || q->lat < -90 || q->lat > 90 || q->lon < -180 ||
           q->lon > 180 || q->km < 0 ? -1 : 0;
}

static int format_to(const char *s)
{
    static const char *const names[] = {"jsonl", "csv", "geojson", "plover",
                                        "phoenix"};
    for (int i = 0; i < 5; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

typedef struct query_opts {
    const char *db, *count_by;
    int incidents;
} query_opts;

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "hadath query: %s '%s'\n", msg, arg);
    return -1;
}

static int parse(int argc, char **argv, query_opts *o, hd_query *q,
                 query_ctx *c)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'b'},
        {"type", required_argument, NULL, 't'},
        {"actor", required_argument, NULL, 'a'},
        {"country", required_argument, NULL, 'c'},
        {"since", required_argument, NULL, 's'},
        {"until", required_argument, NULL, 'u'},
        {"near", required_argument, NULL, 'n'},
        {"asserted", no_argument, NULL, 'A'},
        {"min-outlets", required_argument, NULL, 'm'},
        {"limit", required_argument, NULL, 'l'},
        {"incidents", no_argument, NULL, 'I'},
        {"members", no_argument, NULL, 'M'},
        {"to", required_argument, NULL, 'T'},
        {"count-by", required_argument, NULL, 'C'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (ch) {
        case 'b': o->db = optarg; break;
        case 't': q->type = optarg; break;
        case 'a': q->actor = optarg; break;
        case 'c':
            if (strlen(optarg) != 2 && strlen(optarg) != 3)
                return usage_error("--country wants 2 or 3 letters, not",
                                   optarg);
            q->country = optarg;
            break;
        case 's':
        case 'u':
            if (!valid_day(optarg))
                return usage_error("dates are YYYY, YYYY-MM or YYYY-MM-DD, "
                                   "not", optarg);
            *(ch == 's' ? &q->since : &q->until) = optarg;
            break;
        case 'n':
            if (parse_near(optarg, q) != 0)
                return usage_error("--near wants LAT,LON,KM, not", optarg);
            break;
        case 'A': q->asserted = 1; break;
        case 'm': q->min_outlets = atoll(optarg); break;
        case 'l': q->limit = atoll(optarg); break;
        case 'I': o->incidents = 1; break;
        case 'M': c->members = 1; break;
        case 'T':
            if ((c->to = format_to(optarg)) < 0)
                return usage_error("--to jsonl, csv, geojson, plover or "
                                   "phoenix, not", optarg);
            break;
        case 'C': o->count_by = optarg; break;
        case 'h': hd_cmd_query_help(stdout); return 1;
        default: hd_cmd_query_help(stderr); return -1;
        }
    }
    if (!o->db) {
        fprintf(stderr, "hadath query: --db is required\n");
        return -1;
    }
    if (o->incidents && (c->to == TO_PLOVER || c->to == TO_PHOENIX)) {
        fprintf(stderr, "hadath query: incidents are written as jsonl, csv "
                        "or geojson\n");
        return -1;
    }
    return optind < argc ? usage_error("unexpected argument", argv[optind])
                         : 0;
}

static int run(query_ctx *c, const query_opts *o, const hd_query *q,
               hd_error *err)
{
    if (o->count_by) {
        if (c->to == TO_CSV)
            hd_buf_puts(&c->out, "key,n\r\n");
        return hd_store_count_by(c->store, q, o->count_by, o->incidents,
                                 write_count, c, err);
    }
    if (c->to == TO_GEOJSON)
        hd_out_geojson_begin(&c->geo, &c->out);
    if (c->to == TO_CSV)
        o->incidents ? hd_export_incidents_csv_header(&c->out)
                     : hd_out_events_csv_header(&c->out);
    if (c->to == TO_PHOENIX)
        hd_out_events_phoenix_header(&c->out);
    int rc = o->incidents
                 ? hd_store_query_incidents(c->store, q, write_incident, c, err)
                 : hd_store_query_events(c->store, q, write_doc, c, err);
    if (rc == 0 && c->to == TO_GEOJSON) {
        hd_out_geojson_end(&c->geo);
        if (c->geo.n_omitted)
            fprintf(stderr, "hadath query: %zu %s without coordinates left "
                    "out of the GeoJSON\n", c->geo.n_omitted,
                    o->incidents ? "incidents" : "events");
    }
    return rc;
}

int hd_cmd_query(int argc, char **argv)
{
    query_opts o = {0};
    hd_query q = {0};
    query_ctx c = {0};
    int p = parse(argc, argv, &o, &q, &c);
    if (p)
        return p > 0 ? HD_EXIT_OK : HD_EXIT_USAGE;
    hd_error err;
    hd_error_clear(&err);
    hd_store_opts so;
    hd_store_opts_default(&so);
    so.readonly = 1;
    c.store = hd_store_open(o.db, &so, &err);
    if (!c.store) {
        hd_cli_report(&err);
        return HD_EXIT_FAIL;
    }
    int rc = run(&c, &o, &q, &err);
    if (rc != 0)
        hd_cli_report(&err);
    if (flush(&c) != 0 || fflush(stdout) != 0) {
        fprintf(stderr, "hadath query: cannot write the output\n");
        rc = -1;
    }
    hd_buf_free(&c.out);
    hd_store_close(c.store);
    return rc ? HD_EXIT_FAIL : HD_EXIT_OK;
}
