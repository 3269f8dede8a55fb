/*
 * cmd_dedup.c: `hadath dedup`: rebuild the incidents of a store (the rule
 * is in src/store/dedup.c and docs/STORE.md) and report how they came out.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "store/store.h"

void hd_cmd_dedup_help(FILE *out)
{
    fprintf(out,
        "usage: hadath dedup --db URI [--km K] [--days D] [--no-place]\n"
        "                    [--country-places] [--check]\n\n"
        "Groups the stored asserted events into incidents: one happening\n"
        "reported by many articles and outlets. Two events are one incident\n"
        "when they have the same PLOVER type, compatible actors (country and\n"
        "sector agree wherever both are known), places within K km (the same\n"
        "place: 0 km), and dates within D days of the incident's first\n"
        "event. hadath ingest runs this after storing, unless --no-dedup.\n\n"
        "options:\n"
        "  --db URI           the store (required)\n"
        "  --km K             distance between places (default 25)\n"
        "  --days D           days after the incident's first event (2)\n"
        "  --no-place         events without a place may join incidents\n"
        "                     (default: they stay alone)\n"
        "  --country-places   a country-level place counts as a place\n"
        "  --any-actor        events with no coded actor may join incidents\n"
        "                     (default: they stay alone)\n"
        "  --check            only check the store's health (integrity,\n"
        "                     full-text index, complete articles)\n\n"
        "exit: 0 ok (--check: healthy), 1 --check found problems,\n"
        "2 usage error, 3 failure\n");
}

static int check(hd_store *s)
{
    char msg[512];
    hd_error err;
    hd_error_clear(&err);
    int rc = hd_store_check(s, msg, sizeof msg, &err);
    if (rc < 0) {
        hd_cli_report(&err);
        return HD_EXIT_FAIL;
    }
    printf("%s\n", rc ? msg : "ok");
    return rc ? HD_EXIT_BAD_RECORDS : HD_EXIT_OK;
}

int hd_cmd_dedup(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'b'},
        {"km", required_argument, NULL, 'k'},
        {"days", required_argument, NULL, 'd'},
        {"no-place", no_argument, NULL, 'P'},
        {"country-places", no_argument, NULL, 'C'},
        {"any-actor", no_argument, NULL, 'A'},
        {"check", no_argument, NULL, 'c'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    hd_dedup_opts o;
    hd_dedup_opts_default(&o);
    const char *db = NULL;
    int only_check = 0, ch;
    char *end;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (ch) {
        case 'b': db = optarg; break;
        case 'k':
            o.km = strtod(optarg, &end);
            if (*end || o.km < 0) {
                fprintf(stderr, "hadath dedup: bad --km '%s'\n", optarg);
                return HD_EXIT_USAGE;
            }
            break;
        case 'd':
            o.days = (int)strtol(optarg, &end, 10);
            if (*end || o.days < 0) {
                fprintf(stderr, "hadath dedup: bad --days '%s'\n", optarg);
                return HD_EXIT_USAGE;
            }
            break;
        case 'P': o.need_place = 0; break;
        case 'C': o.country_places = 1; break;
        case 'A': o.need_actor = 0; break;
        case 'c': only_check = 1; break;
        case 'h': hd_cmd_dedup_help(stdout); return HD_EXIT_OK;
        default: hd_cmd_dedup_help(stderr); return HD_EXIT_USAGE;
        }
    }
    if (!db) {
        fprintf(stderr, "hadath dedup: --db is required\n");
        return HD_EXIT_USAGE;
    }
    hd_error err;
    hd_error_clear(&err);
    hd_store *s = hd_store_open(db, NULL, &err);
    if (!s) {
        hd_cli_report(&err);
        return HD_EXIT_FAIL;
    }
    if (only_check) {
        int rc = check(s);
        hd_store_close(s);
        return rc;
    }
    hd_dedup_stats st;
    int rc = hd_store_dedup(s, &o, &st, &err);
    hd_store_close(s);
    if (rc != 0) {
        hd_cli_report(&err);
        return HD_EXIT_FAIL;
    }
    printf("%" PRId64 " asserted events -> %" PRId64 " incidents (%" PRId64
           " of two or more events, %" PRId64 " from two or more outlets)\n"
           "outlets per incident: 1: %" PRId64 ", 2: %" PRId64 ", 3: %" PRId64
           ", 4: %" PRId64 ", 5: %" PRId64 ", 6+: %" PRId64 "\n",
           st.events, st.incidents, st.multi, st.multi_outlet,
           st.by_outlets[0], st.by_outlets[1], st.by_outlets[2],
           st.by_outlets[3], st.by_outlets[4], st.by_outlets[5]);
    return HD_EXIT_OK;
}
