/*
 * test_store_dedup.c: the incident rule (src/store/dedup.c) on hand-made
 * events over real reports, so it is tested apart from the coder.
 *
 * The texts are the ant-news corpus's reports of the Islamic State attack
 * on as-Suwayda of 25 July 2018: Sky News Arabia on the day
 * (SK-middleEast-3103-20180725: "قتل وأصيب العشرات في هجمات انتحارية
 * وتفجيرات استهدفت، صباح الأربعاء، مدينة السويداء ...") and France 24 the
 * day after (FR-middleEast-818-20180726: "وتمكنت قوات النظام مع مسلحين
 * محليين من صد هجوم الجهاديين في مدينة السويداء ... مقتل 252 شخصا").
 * Each gets the ASSAULT event a coder finds there (Sky News: هجمات by
 * IMGMUSISI; France 24: مقتل of ---CVL, no source), placed at as-Suwayda
 * (GeoNames 163345); then variations that must stay apart: the same
 * report placed at Damascus (92 km), five days later, with an
 * incompatible source, negated, with no coded actor at all.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/arena.h"
#include "store/store.h"

static const char *const SKY =
    "قتل وأصيب العشرات في هجمات انتحارية وتفجيرات استهدفت، صباح الأربعاء، "
    "مدينة السويداء السورية، وقرى ومناطق تقع شرق وشمال المحافظة، بالتزامن مع "
    "مواجهات بين قوات النظام وداعش، وفق ما قالت مصادر عدة.";
static const char *const F24 =
    "وتمكنت قوات النظام مع مسلحين محليين من صد هجوم الجهاديين في مدينة "
    "السويداء وقرى في ريفيها الشمالي والشرقي، فيما أفادت آخر حصيلة للمرصد "
    "السوري لحقوق الإنسان عن مقتل 252 شخصا بينهم 139 مدنيا.";

typedef struct spec {
    const char *id, *outlet, *date, *text, *trigger;
    const char *source, *target; /* codes, NULL for none */
    double lat, lon;
    uint32_t geonameid;
    int negated;
    double dead;
} spec;

static void copy3(char *dst, const char *s)
{
    memset(dst, 0, 4);
    if (s)
        memcpy(dst, s, 3);
}

/* One stored article with one ASSAULT event as s describes. */
static void put(hd_store *st, const spec *s)
{
    hd_doc d;
    hd_doc_init(&d);
    hd_error err;
    hd_error_clear(&err);
    assert_int_equal(hd_doc_set_text(&d, s->text, strlen(s->text), &err), 0);
    assert_int_equal(hd_text_analyze(&d, NULL, &err), 0);
    assert_true(d.n_sentences >= 1);
    d.id = s->id;
    d.outlet = s->outlet;
    d.date = s->date;
    hd_place *p = hd_arena_alloc(d.arena, sizeof *p);
    memset(p, 0, sizeof *p);
    const char *w = strstr(s->text, "السويداء");
    p->span.start = (uint32_t)(w - s->text);
    p->span.end = p->span.start + (uint32_t)strlen("السويداء");
    p->name = "As Suwayda'";
    p->geonameid = s->geonameid;
    memcpy(p->country_code, "SY", 3);
    p->lat = s->lat;
    p->lon = s->lon;
    p->resolution = HD_RES_CITY;
    d.places = p;
    d.n_places = 1;
    HD_VEC_RESERVE(d.events, d.cap_events, 1);
    hd_event *e = &d.events[0];
    memset(e, 0, sizeof *e);
    e->section = HD_SEC_BODY;
    strcpy(e->cameo, "180");
    e->event_type = "ASSAULT";
    e->quad = HD_QUAD_MATERIAL_CONFLICT;
    e->negated = (uint8_t)s->negated;
    const char *t = strstr(s->text, s->trigger);
    e->trigger.start = (uint32_t)(t - s->text);
    e->trigger.end = e->trigger.start + (uint32_t)strlen(s->trigger);
    if (s->source) {
        e->source.code = s->source;
        copy3(e->source.country, s->source[0] == '-' ? NULL : s->source);
        copy3(e->source.sector, strlen(s->source) == 6 ? s->source + 3 : NULL);
    }
    if (s->target) {
        e->target.code = s->target;
        copy3(e->target.country, s->target[0] == '-' ? NULL : s->target);
        copy3(e->target.sector, s->target + 3);
    }
    e->date = s->date;
    e->score = 1;
    e->place = 0;
    e->attribution = -1;
    e->dead = s->dead;
    e->injured = e->arrested = e->size = -1;
    d.n_events = 1;
    hd_store_put put;
    assert_int_equal(hd_store_put_doc(st, &d, hd_store_doc_hash(&d), &put,
                                      &err), 0);
    assert_int_equal(put.n_events, 1);
    hd_doc_free(&d);
}

#define SUWAYDA 32.70896, 36.56951, 163345
#define DAMASCUS 33.5102, 36.29128, 170654

static const spec sky = {"SK-middleEast-3103-20180725", "skynews",
                         "2018-07-25", SKY, "هجمات", "IMGMUSISI", NULL,
                         SUWAYDA,
                         0, -1};
static const spec f24 = {"FR-middleEast-818-20180726", "france24",
                         "2018-07-26", F24, "مقتل", NULL, "---CVL", SUWAYDA,
                         0, 252};

typedef struct found {
    int64_t n, n_outlets, n_events;
    char outlets[64], first[16], last[16];
    double dead;
} found;

static int first_incident(void *ctx, const hd_incident_row *r, hd_error *err)
{
    (void)err;
    found *f = ctx;
    if (f->n++ == 0) {
        f->n_outlets = r->n_outlets;
        f->n_events = r->n_events;
        snprintf(f->outlets, sizeof f->outlets, "%s", r->outlets);
        snprintf(f->first, sizeof f->first, "%s", r->first_date);
        snprintf(f->last, sizeof f->last, "%s", r->last_date);
        f->dead = r->dead;
    }
    return 0;
}

/* Stores sky, f24 and `other` (if any), dedups, returns the incidents. */
static found run(const spec *other, const hd_dedup_opts *o)
{
    char db[128];
    snprintf(db, sizeof db, "/tmp/hd_test_dedup_%d.db", (int)getpid());
    unlink(db);
    hd_error err;
    hd_error_clear(&err);
    hd_store *s = hd_store_open(db, NULL, &err);
    assert_non_null(s);
    assert_int_equal(hd_store_begin(s, &err), 0);
    put(s, &sky);
    put(s, &f24);
    if (other)
        put(s, other);
    assert_int_equal(hd_store_commit(s, &err), 0);
    hd_dedup_stats st;
    assert_int_equal(hd_store_dedup(s, o, &st, &err), 0);
    found f = {0};
    hd_query q = {0};
    assert_int_equal(hd_store_query_incidents(s, &q, first_incident, &f,
                                              &err), 0);
    assert_int_equal(f.n, st.incidents);
    hd_store_close(s);
    unlink(db);
    char p[160];
    snprintf(p, sizeof p, "%s-wal", db);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", db);
    unlink(p);
    return f;
}

/* Two outlets, a day apart, the same city: one incident of two outlets,
 * first and last seen, and the largest toll. */
static void test_two_outlets_one_incident(void **state)
{
    (void)state;
    found f = run(NULL, NULL);
    assert_int_equal(f.n, 1);
    assert_int_equal(f.n_events, 2);
    assert_int_equal(f.n_outlets, 2);
    assert_string_equal(f.outlets, "france24,skynews");
    assert_string_equal(f.first, "2018-07-25");
    assert_string_equal(f.last, "2018-07-26");
    assert_true(f.dead == 252);
}

/* The same report placed at Damascus, 95 km away: apart at 25 km, joined
 * at 150 km. */
static void test_distance(void **state)
{
    (void)state;
    spec far = f24;
    far.id = "far";
    far.lat = 33.5102, far.lon = 36.29128, far.geonameid = 170654;
    assert_int_equal(run(&far, NULL).n, 2);
    hd_dedup_opts o;
    hd_dedup_opts_default(&o);
    o.km = 150;
    assert_int_equal(run(&far, &o).n, 1);
}

/* Five days later is another happening, unless the window is wider. */
static void test_days(void **state)
{
    (void)state;
    spec later = f24;
    later.id = "later";
    later.date = "2018-07-30";
    assert_int_equal(run(&later, NULL).n, 2);
    hd_dedup_opts o;
    hd_dedup_opts_default(&o);
    o.days = 7;
    assert_int_equal(run(&later, &o).n, 1);
}

/* A source of another country is not the same happening; a negated
 * report is no happening at all; an event with no coded actor stays alone
 * unless asked. */
static void test_actors_and_negation(void **state)
{
    (void)state;
    spec turkish = f24;
    turkish.id = "turkish";
    turkish.source = "TURMIL";
    assert_int_equal(run(&turkish, NULL).n, 2);
    spec denied = f24;
    denied.id = "denied";
    denied.negated = 1;
    found f = run(&denied, NULL);
    assert_int_equal(f.n, 1);
    assert_int_equal(f.n_events, 2);
    spec nobody = f24;
    nobody.id = "nobody";
    nobody.target = NULL;
    assert_int_equal(run(&nobody, NULL).n, 2);
    hd_dedup_opts o;
    hd_dedup_opts_default(&o);
    o.need_actor = 0;
    assert_int_equal(run(&nobody, &o).n, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_outlets_one_incident),
        cmocka_unit_test(test_distance),
        cmocka_unit_test(test_days),
        cmocka_unit_test(test_actors_and_negation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
