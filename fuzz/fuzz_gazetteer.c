/*
 * fuzz_gazetteer.c: the gazetteer loader (hd_gazetteer_open reading
 * DATA/geo/gazetteer.tsv and DATA/geo/rules.tsv), then the resolver
 * (hd_geo_resolve) with what it loaded, over a news paragraph.
 *
 * The input is both files and a text: the gazetteer rows, then a line
 * "#rules.tsv" and the rules, then a line "#text" and a paragraph (each
 * part may be missing: no rules line, an empty rules file; no text line,
 * only the built-in paragraph). The marker lines are comments to the TSV
 * reader, so a seed is a real slice of data/geo read as it is.
 *
 * hd_gazetteer_open takes a data directory, not a file, so the harness
 * makes one private directory once, whose geo/gazetteer.tsv and
 * geo/rules.tsv are symlinks to two memfds rewritten for every input: no
 * disk traffic, and the loader opens (and gzopens: a part may be gzipped)
 * real paths as it does in use.
 *
 * What must hold. A refused file names itself and a line. A loaded one is
 * consistent: every name's key lies in the pool, every candidate is a row,
 * every country index is a row, every place's name is in the pool. And the
 * resolver's places lie inside the text, in order, with a sentence that
 * exists.
 */
#include "fuzz_util.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#include "geo/gazetteer.h"
#include "geo/geo.h"

/* corpus (BBC, the seed article): places, an adjective, an actor phrase */
static const char gaz_paragraph[] =
    "شنت قوات سوريا الديمقراطية المدعومة من الولايات المتحدة، هجومها الأخير "
    "على مسلحي تنظيم ما يعرف بالدولة الإسلامية في الرقة. وقال مسؤول عراقي "
    "إن القوات وصلت إلى مدينة الموصل ومحافظة دير الزور شرقي سوريا.";

typedef struct gaz_dir {
    char dir[64];
    int fd_gaz, fd_rules;
} gaz_dir;

static gaz_dir gaz_state = {"", -1, -1};

static void gaz_remove_dir(void)
{
    char p[128];
    snprintf(p, sizeof p, "%s/geo/gazetteer.tsv", gaz_state.dir);
    unlink(p);
    snprintf(p, sizeof p, "%s/geo/rules.tsv", gaz_state.dir);
    unlink(p);
    snprintf(p, sizeof p, "%s/geo", gaz_state.dir);
    rmdir(p);
    rmdir(gaz_state.dir);
}

/* The private data directory; NULL when it cannot be made. */
static const char *gaz_data_dir(void)
{
    gaz_dir *s = &gaz_state;
    if (s->dir[0])
        return s->dir;
    char tmpl[] = "/tmp/hadath-fuzz-gaz-XXXXXX", p[128], target[64];
    if (!mkdtemp(tmpl))
        return NULL;
    snprintf(s->dir, sizeof s->dir, "%s", tmpl);
    snprintf(p, sizeof p, "%s/geo", s->dir);
    s->fd_gaz = memfd_create("hadath-fuzz-gaz", 0);
    s->fd_rules = memfd_create("hadath-fuzz-rules", 0);
    if (mkdir(p, 0700) != 0 || s->fd_gaz < 0 || s->fd_rules < 0)
        abort();
    snprintf(p, sizeof p, "%s/geo/gazetteer.tsv", s->dir);
    snprintf(target, sizeof target, "/proc/self/fd/%d", s->fd_gaz);
    if (symlink(target, p) != 0)
        abort();
    snprintf(p, sizeof p, "%s/geo/rules.tsv", s->dir);
    snprintf(target, sizeof target, "/proc/self/fd/%d", s->fd_rules);
    if (symlink(target, p) != 0)
        abort();
    atexit(gaz_remove_dir);
    return s->dir;
}

static void gaz_fill(int fd, const uint8_t *p, size_t n)
{
    if (ftruncate(fd, 0) != 0)
        abort();
    for (size_t done = 0; done < n;) {
        ssize_t w = pwrite(fd, p + done, n - done, (off_t)done);
        if (w <= 0)
            abort();
        done += (size_t)w;
    }
}

/* The line "marker\n" in [p, p+n) (at the start or after a newline), or
 * NULL; *after is where the next part starts. */
static const uint8_t *gaz_marker(const uint8_t *p, size_t n,
                                 const char *marker, const uint8_t **after)
{
    size_t m = strlen(marker);
    for (size_t i = 0; i + m + 1 <= n; i++) {
        if ((i == 0 || p[i - 1] == '\n') && memcmp(p + i, marker, m) == 0 &&
            p[i + m] == '\n') {
            *after = p + i + m + 1;
            return p + i;
        }
        const uint8_t *nl = memchr(p + i, '\n', n - i);
        if (!nl)
            break;
        i = (size_t)(nl - p); /* the loop's i++ steps past the newline */
    }
    return NULL;
}

static void gaz_check(const hd_gazetteer *g)
{
    FUZZ_CHECK(g->pool_len == 0 || g->pool[g->pool_len - 1] == '\0');
    for (size_t i = 0; i < g->n_places; i++) {
        FUZZ_CHECK(g->places[i].name_off < g->pool_len);
        FUZZ_CHECK(g->places[i].resolution >= HD_RES_CITY &&
                   g->places[i].resolution <= HD_RES_COUNTRY);
    }
    for (size_t i = 0; i < g->n_names; i++) {
        const hd_gaz_name *nm = &g->names[i];
        FUZZ_CHECK(nm->key < g->pool_len &&
                   nm->key_len < g->pool_len - nm->key);
        FUZZ_CHECK(g->pool[nm->key + nm->key_len] == '\0');
        FUZZ_CHECK(nm->first_len <= nm->key_len && nm->n_words >= 1);
        FUZZ_CHECK(nm->cand <= g->n_cands &&
                   nm->n_cand <= g->n_cands - nm->cand);
    }
    for (size_t i = 0; i < g->n_cands; i++)
        FUZZ_CHECK(g->cands[i] < g->n_places);
    for (int i = 0; i < 26 * 26; i++)
        FUZZ_CHECK(g->country_of[i] >= -1 &&
                   g->country_of[i] < (int64_t)g->n_places);
    FUZZ_CHECK(g->n_slots >= 16 && (g->n_slots & (g->n_slots - 1)) == 0);
    for (size_t i = 0; i < g->n_slots; i++)
        FUZZ_CHECK(g->slots[i] <= g->n_names);
    /* a country by either code: the row it names has that code */
    int32_t sy = hd_gaz_country(g, "SY"), syr = hd_gaz_country(g, "SYR");
    FUZZ_CHECK(sy < 0 || memcmp(g->places[sy].cc, "SY", 2) == 0);
    FUZZ_CHECK(syr < 0 || memcmp(g->places[syr].iso3, "SYR", 3) == 0);
}

static void gaz_resolve(const hd_gazetteer *g, const char *text, size_t n)
{
    hd_doc doc;
    hd_error err;
    hd_doc_init(&doc);
    if (hd_doc_set_text(&doc, text, n, &err) == 0 &&
        hd_text_analyze(&doc, NULL, &err) == 0 &&
        hd_geo_resolve(g, &doc, &err) == 0) {
        fuzz_check_doc(&doc);
        for (size_t i = 0; i < doc.n_places; i++) {
            const hd_place *p = &doc.places[i];
            FUZZ_CHECK(p->span.start < p->span.end && p->span.end <= doc.len);
            FUZZ_CHECK(p->sentence < doc.n_sentences);
            FUZZ_CHECK(p->resolution >= HD_RES_NONE &&
                       p->resolution <= HD_RES_COUNTRY);
            if (i)
                FUZZ_CHECK(doc.places[i - 1].span.start <= p->span.start);
        }
    }
    hd_doc_free(&doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *dir = gaz_data_dir();
    if (!dir)
        return 0;
    const uint8_t *end = data + size, *rules = end, *text = end;
    const uint8_t *text_at = gaz_marker(data, size, "#text", &text);
    if (!text_at)
        text_at = end;
    const uint8_t *rules_at =
        gaz_marker(data, (size_t)(text_at - data), "#rules.tsv", &rules);
    if (!rules_at)
        rules_at = rules = text_at;
    gaz_fill(gaz_state.fd_gaz, data, (size_t)(rules_at - data));
    gaz_fill(gaz_state.fd_rules, rules, (size_t)(text_at - rules));
    hd_error err;
    hd_gazetteer *g = hd_gazetteer_open(dir, &err);
    if (!g) {
        FUZZ_CHECK(err.msg[0] != '\0');
        FUZZ_CHECK(strstr(err.file, "/geo/") != NULL);
        return 0;
    }
    gaz_check(g);
    gaz_resolve(g, gaz_paragraph, sizeof gaz_paragraph - 1);
    if (text < end)
        gaz_resolve(g, (const char *)text, (size_t)(end - text));
    hd_gazetteer_close(g);
    return 0;
}
