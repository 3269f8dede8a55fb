/*
 * lexfile.c: the compiled lexicon: every table the coder reads (src/lex's
 * dictionaries, the cue list, the reporting and counted phrase lists, the
 * gazetteer, the detector's weights) in one file that is mapped, not parsed.
 *
 * Why: loading the text files takes some 60 ms of parsing, normalizing and
 * sorting, most of a short run. Every table is already a flat array of
 * fixed-size records addressed by 32-bit offsets (lex_int.h, code.h,
 * gazetteer.h), so the compiled file is those arrays byte for byte, and
 * opening it is mmap plus a few pointer assignments.
 *
 * The file:
 *
 *   header (64 bytes)   magic "HDLEX\r\n\032", format version, an endianness
 *                       marker (0x01020304 as written), section and source
 *                       counts, the file size, a layout fingerprint (the
 *                       sizes of the records and the word hash, so a build
 *                       with other structs rebuilds rather than misreads),
 *                       a checksum of everything after the header (64-bit,
 *                       four lanes of multiply-rotate over 8-byte words, as
 *                       xxHash does: zlib's CRC-32 costs 4 instructions a
 *                       byte, a third of opening) and the CRC-32 of the
 *                       header itself
 *   sources             each source file (path relative to the data
 *                       directory, size, mtime in ns; size -1: absent)
 *   directory           each section: a name (24 bytes), offset, size
 *   sections            16-byte aligned
 *
 * Sections are found by name, so a new part (another model, another list)
 * is a new name; a reader that does not know it ignores it. A struct
 * section ("lex", "cues", ...) holds the part's own struct with its scalar
 * fields; the array sections ("lex.pool", "lex.edges", ...) hold the arrays
 * its pointers are set to. The struct's counts and the array sizes must
 * agree, or the file is refused. The section "data_dir" holds the absolute
 * data directory the file was made from, for the cache's pruning
 * (lexcache.c), which reads it with the header and directory alone.
 *
 * Same sources, same bytes: the file depends on the sources (their bytes,
 * sizes and times) and the build, nothing else. The struct sections are
 * written with their pointers zeroed (they are heap addresses, different on
 * every run), and the loaders zero their records before filling them
 * (lex_grow, trie.c, cues.c), so no padding byte carries stack or heap
 * garbage into the file or its checksum. test_compiled_lexfile checks it.
 *
 * Freshness: the header lists the sources with their sizes and times;
 * hd_lexicon_open rebuilds the file when one differs (lexicon.c). Damage:
 * a short file, a wrong magic, version, size or checksum gives an hd_error
 * naming the file and what is wrong; nothing in the file is trusted before
 * the checksums pass. The mapping is read-only, and nothing is copied out
 * of it: the gazetteer's rows name their place by pool offset, not by
 * pointer, and the detector's weights are read where they lie. (Copying
 * those 2.6 MB into fresh memory cost 650 page faults, more than half of
 * the time to first output of one short article.)
 *
 * Why the whole body is checksummed at every open, 6.5 MB: it is what
 * makes "a damaged file gives a clear error, never a crash" hold, since
 * the tables hold offsets that are followed without bounds checks on the
 * hot path, and a flipped bit anywhere may be one of them. It costs
 * 0.4 ms (5.7 M instructions), a few percent of a short run. The cheaper
 * schemes do not keep that promise or do not save anything: a sample of
 * the pages, or a check deferred until a table is used, lets a damaged
 * offset be followed first; per-section sums still read every section,
 * since every run uses every table; MAP_POPULATE only moves the hundred
 * page faults of the first pass into mmap (measured: no gain). The size
 * check catches truncation before any of it.
 */
#define _GNU_SOURCE /* dladdr */
#include "code/lexfile.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "base/arena.h"
#include "code/code.h"
#include "code/quantity.h"
#include "geo/gazetteer.h"
#include "lex/lex_int.h"
#include "model/model.h"
#include "text/text.h"

#define LXF_MAGIC "HDLEX\r\n\032"
#define LXF_VERSION 1u
#define LXF_ENDIAN 0x01020304u
#define LXF_ALIGN 16
#define LXF_NAME 24
#define LXF_MAX_SECTIONS 64
#define LXF_MAX_SOURCES 24
#define TRIGGER_FILE "dict/hadath.triggers.ar.txt"

typedef struct lxf_header {
    char magic[8];
    uint32_t version, endian;
    uint32_t n_sections, n_sources;
    uint64_t file_size;
    uint32_t layout;          /* layout_fingerprint() */
    uint32_t header_crc;      /* CRC-32 of these 64 bytes, this field 0 */
    uint64_t body_sum;        /* body_checksum() of bytes [64, file_size) */
    uint32_t reserved[4];
} lxf_header;

typedef struct lxf_source {
    char path[112];           /* relative to the data directory */
    int64_t size;             /* -1: the file did not exist */
    int64_t mtime_ns;
} lxf_source;

typedef struct lxf_section {
    char name[LXF_NAME];
    uint64_t offset, size;
} lxf_section;

_Static_assert(sizeof(lxf_header) == 64, "lexfile header is 64 bytes");
_Static_assert(sizeof(lxf_source) == 128, "lexfile source is 128 bytes");
_Static_assert(sizeof(lxf_section) == 40, "lexfile section is 40 bytes");

static uint64_t rotl(uint64_t x, int r)
{
    return x << r | x >> (64 - r);
}

/* One lane's step over the 8 bytes at p. */
static uint64_t lane(uint64_t v, const unsigned char *p)
{
    const uint64_t k1 = 0x9e3779b185ebca87ULL, k2 = 0xc2b2ae3d27d4eb4fULL;
    uint64_t w;
    memcpy(&w, p, 8);
    return rotl(v + w * k2, 31) * k1;
}

/* Four independent lanes, so the multiplies overlap; every byte counts,
 * and its position too (a swap of two words changes the sum). The lanes
 * are four named variables, not an array: gcc kept an array in memory and
 * went through it on every word, twice as slow (0.8 ms for 6.6 MB against
 * 0.4 ms; the sum is the same). */
static uint64_t body_checksum(const unsigned char *p, size_t n)
{
    const uint64_t k1 = 0x9e3779b185ebca87ULL, k2 = 0xc2b2ae3d27d4eb4fULL;
    uint64_t v0 = k1 + k2, v1 = k2, v2 = 0, v3 = (uint64_t)0 - k1;
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        v0 = lane(v0, p + i);
        v1 = lane(v1, p + i + 8);
        v2 = lane(v2, p + i + 16);
        v3 = lane(v3, p + i + 24);
    }
    uint64_t h = rotl(v0, 1) + rotl(v1, 7) + rotl(v2, 12) + rotl(v3, 18) + n;
    for (; i < n; i++)
        h = rotl(h ^ (p[i] * k1), 11) * k2;
    return hd_word_mix(h);
}

/* Everything whose layout the file copies, and the hashes baked into its
 * tables: a build where any of it differs reads the file as stale. */
static uint32_t layout_fingerprint(void)
{
    uint64_t v[] = {
        sizeof(hd_lex), sizeof(lex_edge), sizeof(lex_term), sizeof(lex_actor),
        sizeof(lex_restr), sizeof(lex_agent), sizeof(lex_block),
        sizeof(lex_verb), sizeof(lex_pattern), sizeof(lex_patsig),
        sizeof(lex_elem), sizeof(lex_synset), sizeof(lex_plover_row),
        sizeof(lex_pico_row), sizeof(hd_cues), sizeof(hd_cue_entry),
        sizeof(hd_cue_form), sizeof(hd_cue_link), sizeof(hd_phrases),
        sizeof(hd_phrase), sizeof(struct hd_gazetteer), sizeof(hd_gaz_place),
        sizeof(hd_gaz_name), sizeof(hd_model), sizeof(void *),
        hd_word_hash("hadath", 6), hd_word_hash("\xD8\xA7\xD9\x84", 4),
        lex_word_bit(12345), LEX_SIG_BITS, HD_MODEL_MAX_TYPES,
    };
    return (uint32_t)crc32(0, (const Bytef *)v, sizeof v);
}

/* The pseudo source "@code": the file holding this code (the hadath
 * binary, or libhadath.so). The loaders are part of what made the tables,
 * so a rebuilt hadath rebuilds its compiled lexicon once. */
#define CODE_SOURCE "@code"

/* The files a lexicon is made from, relative to the data directory. */
static size_t source_list(const char **out, size_t cap)
{
    static const char *const own[] = {
        TRIGGER_FILE, HD_REPORTING_FILE, HD_COUNTED_FILE, "geo/gazetteer.tsv",
        "geo/rules.tsv", HD_MODEL_FILE,
    };
    size_t n = 0;
    out[n++] = CODE_SOURCE;
    for (size_t i = 0; hd_lex_std_file(i) && n < cap; i++)
        out[n++] = hd_lex_std_file(i);
    for (size_t i = 0; i < sizeof own / sizeof *own && n < cap; i++)
        out[n++] = own[i];
    return n;
}

static void stat_source(const char *data_dir, const char *rel, lxf_source *s)
{
    char path[1024];
    struct stat st;
    memset(s, 0, sizeof *s);
    snprintf(s->path, sizeof s->path, "%s", rel);
    snprintf(path, sizeof path, "%s/%s", data_dir, rel);
    if (strcmp(rel, CODE_SOURCE) == 0) {
        Dl_info info;
        void *self = (void *)(uintptr_t)&hd_lexfile_open;
        if (!dladdr(self, &info) || !info.dli_fname)
            snprintf(path, sizeof path, "/proc/self/exe");
        else
            snprintf(path, sizeof path, "%s", info.dli_fname);
    }
    if (stat(path, &st) != 0) {
        s->size = -1;
        return;
    }
    s->size = (int64_t)st.st_size;
    s->mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
}

/* =============================================================== writing */

typedef struct writer {
    char *body;               /* sections, offsets relative to body */
    size_t len, cap;
    lxf_section sec[LXF_MAX_SECTIONS];
    size_t n_sec;
} writer;

static void put(writer *w, const char *name, const void *p, size_t n)
{
    if (w->n_sec == LXF_MAX_SECTIONS)
        return; /* a programming error: the count is checked on open */
    size_t at = (w->len + LXF_ALIGN - 1) & ~(size_t)(LXF_ALIGN - 1);
    HD_VEC_RESERVE(w->body, w->cap, at + n + 1);
    memset(w->body + w->len, 0, at - w->len);
    if (n)
        memcpy(w->body + at, p, n);
    w->len = at + n;
    lxf_section *s = &w->sec[w->n_sec++];
    memset(s, 0, sizeof *s);
    snprintf(s->name, sizeof s->name, "%s", name);
    s->offset = at;
    s->size = n;
}

#define PUT_ARRAY(w, name, ptr, count) put(w, name, ptr, (count) * sizeof *(ptr))

/* The struct sections are the loaders' own structs, so they hold heap
 * pointers. Those mean nothing in a file (the reader sets every one) and
 * would make two compilations of the same sources differ, so the copies
 * written have them zeroed. The copies are memcpy'd, not assigned, so their
 * padding is the loaders' (zeroed) padding, not the stack's. */
static void put_lex(writer *w, const hd_lex *lex)
{
    hd_lex copy;
    memcpy(&copy, lex, sizeof copy);
    copy.pool.buf = NULL;
    copy.pool.slots = NULL;
    copy.trie.edges = NULL;
    copy.trie.head = NULL;
    copy.trie.terms = NULL;
    copy.vocab.slots = NULL;
    copy.actors = NULL;
    copy.restrs = NULL;
    copy.agents = NULL;
    copy.blocks = NULL;
    copy.verbs = NULL;
    copy.patterns = NULL;
    copy.patsigs = NULL;
    copy.elems = NULL;
    copy.filters = NULL;
    copy.synsets = NULL;
    copy.plover = NULL;
    copy.pico = NULL;
    for (size_t i = 0; i < HD_LEX_MAX_FILES; i++)
        copy.files[i] = NULL;
    char files[HD_LEX_MAX_FILES * 512];
    size_t fl = 0;
    for (size_t i = 0; i < lex->n_files; i++) {
        size_t n = strlen(lex->files[i]) + 1;
        if (fl + n > sizeof files)
            n = 0;
        memcpy(files + fl, lex->files[i], n);
        fl += n;
    }
    put(w, "lex", &copy, sizeof copy);
    put(w, "lex.files", files, fl);
    PUT_ARRAY(w, "lex.pool", lex->pool.buf, lex->pool.len);
    PUT_ARRAY(w, "lex.edges", lex->trie.edges, lex->trie.cap_edges);
    PUT_ARRAY(w, "lex.head", lex->trie.head, lex->trie.n_nodes);
    PUT_ARRAY(w, "lex.terms", lex->trie.terms, lex->trie.n_terms);
    PUT_ARRAY(w, "lex.vocab", lex->vocab.slots, lex->vocab.n_slots);
    PUT_ARRAY(w, "lex.actors", lex->actors, lex->n_actors);
    PUT_ARRAY(w, "lex.restrs", lex->restrs, lex->n_restrs);
    PUT_ARRAY(w, "lex.agents", lex->agents, lex->n_agents);
    PUT_ARRAY(w, "lex.blocks", lex->blocks, lex->n_blocks);
    PUT_ARRAY(w, "lex.verbs", lex->verbs, lex->n_verbs);
    PUT_ARRAY(w, "lex.patterns", lex->patterns, lex->n_patterns);
    PUT_ARRAY(w, "lex.patsigs", lex->patsigs, lex->n_patsigs);
    PUT_ARRAY(w, "lex.elems", lex->elems, lex->n_elems);
    PUT_ARRAY(w, "lex.filters", lex->filters, lex->n_filters);
    PUT_ARRAY(w, "lex.synsets", lex->synsets, lex->n_synsets);
    PUT_ARRAY(w, "lex.plover", lex->plover, lex->n_plover);
    PUT_ARRAY(w, "lex.pico", lex->pico, lex->n_pico);
}

static void put_cues(writer *w, const hd_cues *c)
{
    hd_cues copy;
    memcpy(&copy, c, sizeof copy);
    copy.pool = NULL;
    copy.entries = NULL;
    copy.forms = NULL;
    copy.links = NULL;
    copy.slots = NULL;
    put(w, "cues", &copy, sizeof copy);
    PUT_ARRAY(w, "cues.pool", c->pool, c->pool_len);
    PUT_ARRAY(w, "cues.entries", c->entries, c->n_entries);
    PUT_ARRAY(w, "cues.forms", c->forms, c->n_forms);
    PUT_ARRAY(w, "cues.links", c->links, c->n_links);
    PUT_ARRAY(w, "cues.slots", c->slots, c->n_slots);
}

static void put_phrases(writer *w, const char *name, const hd_phrases *p)
{
    char n[LXF_NAME];
    hd_phrases copy;
    memcpy(&copy, p, sizeof copy);
    copy.pool = NULL;
    copy.items = NULL;
    copy.slots = NULL;
    put(w, name, &copy, sizeof copy);
    snprintf(n, sizeof n, "%s.pool", name);
    PUT_ARRAY(w, n, p->pool, p->pool_len);
    snprintf(n, sizeof n, "%s.items", name);
    PUT_ARRAY(w, n, p->items, p->n);
    snprintf(n, sizeof n, "%s.slots", name);
    PUT_ARRAY(w, n, p->slots, p->n_slots);
}

static void put_gaz(writer *w, const hd_gazetteer *g)
{
    hd_gazetteer copy;
    memcpy(&copy, g, sizeof copy);
    copy.places = NULL;
    copy.names = NULL;
    copy.cands = NULL;
    copy.slots = NULL;
    copy.pool = NULL;
    put(w, "gaz", &copy, sizeof copy);
    PUT_ARRAY(w, "gaz.places", g->places, g->n_places);
    PUT_ARRAY(w, "gaz.names", g->names, g->n_names);
    PUT_ARRAY(w, "gaz.cands", g->cands, g->n_cands);
    PUT_ARRAY(w, "gaz.slots", g->slots, g->n_slots);
    PUT_ARRAY(w, "gaz.pool", g->pool, g->pool_len);
}

/* The detector's weights: its struct and one flat float array. Written only
 * when the data directory has a model. */
static void put_model(writer *w, const hd_model *m)
{
    if (!m)
        return;
    size_t n = (m->n_types ? m->n_types : 1) * ((size_t)1 << m->hash_bits);
    hd_model copy;
    memcpy(&copy, m, sizeof copy);
    copy.weights = NULL;
    for (size_t i = 0; i < HD_MODEL_MAX_TYPES; i++)
        copy.types[i].w = NULL;
    put(w, "model", &copy, sizeof copy);
    PUT_ARRAY(w, "model.weights", m->weights, n);
}

/* The data directory the file was made from, absolute: the cache's
 * pruning (lexcache.c) removes a file whose tree is gone. Only that reads
 * it; the file's freshness is its sources' sizes and times. */
static void put_data_dir(writer *w, const char *data_dir)
{
    char abs[4096];
    const char *dir = realpath(data_dir, abs) ? abs : data_dir;
    put(w, "data_dir", dir, strlen(dir) + 1);
}

static int write_all(int fd, const void *p, size_t n)
{
    const char *s = p;
    while (n) {
        ssize_t k = write(fd, s, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        s += k;
        n -= (size_t)k;
    }
    return 0;
}

int hd_lexfile_write(const hd_lexicon *lx, const char *path, size_t *bytes,
                     hd_error *err)
{
    writer w;
    memset(&w, 0, sizeof w);
    put_lex(&w, lx->lex);
    put_cues(&w, &lx->cues);
    put_phrases(&w, "reporting", &lx->reporting);
    put_phrases(&w, "counted", &lx->counted);
    put_gaz(&w, lx->gaz);
    put_model(&w, lx->model);
    put_data_dir(&w, lx->data_dir);

    const char *rel[LXF_MAX_SOURCES];
    size_t n_src = source_list(rel, LXF_MAX_SOURCES);
    size_t head = sizeof(lxf_header) + n_src * sizeof(lxf_source) +
                  w.n_sec * sizeof(lxf_section);
    size_t data = (head + LXF_ALIGN - 1) & ~(size_t)(LXF_ALIGN - 1);
    size_t total = data + w.len;
    char *file = hd_xmalloc(total);
    memset(file, 0, data);
    lxf_source *src = (lxf_source *)(file + sizeof(lxf_header));
    for (size_t i = 0; i < n_src; i++)
        stat_source(lx->data_dir, rel[i], &src[i]);
    lxf_section *dir = (lxf_section *)(src + n_src);
    for (size_t i = 0; i < w.n_sec; i++) {
        dir[i] = w.sec[i];
        dir[i].offset += data;
    }
    if (w.len)
        memcpy(file + data, w.body, w.len);
    lxf_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, LXF_MAGIC, 8);
    h.version = LXF_VERSION;
    h.endian = LXF_ENDIAN;
    h.n_sections = (uint32_t)w.n_sec;
    h.n_sources = (uint32_t)n_src;
    h.file_size = total;
    h.layout = layout_fingerprint();
    h.body_sum = body_checksum((const unsigned char *)file + sizeof h,
                               total - sizeof h);
    h.header_crc = (uint32_t)crc32(0, (const Bytef *)&h, sizeof h);
    memcpy(file, &h, sizeof h);
    free(w.body);

    char tmp[1100];
    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int rc = -1;
    if (fd < 0) {
        hd_error_set(err, path, 0, -1, "cannot write the compiled lexicon: %s",
                     strerror(errno));
    } else if (write_all(fd, file, total) != 0 || close(fd) != 0) {
        hd_error_set(err, path, 0, -1, "cannot write the compiled lexicon: %s",
                     strerror(errno));
        unlink(tmp);
    } else if (rename(tmp, path) != 0) {
        hd_error_set(err, path, 0, -1, "cannot rename %s into place: %s", tmp,
                     strerror(errno));
        unlink(tmp);
    } else {
        rc = 0;
    }
    if (fd >= 0 && rc != 0)
        close(fd); /* harmless EBADF after a failed close */
    free(file);
    if (bytes)
        *bytes = rc == 0 ? total : 0;
    return rc;
}

/* =============================================================== reading */

typedef struct reader {
    const char *path;
    char *base;
    size_t size;
    const lxf_section *dir;
    size_t n_dir;
    hd_error *err;
    int bad;                  /* a section was missing or of the wrong size */
} reader;

static int fail(reader *r, const char *fmt, const char *what)
{
    char msg[300];
    snprintf(msg, sizeof msg, fmt, what);
    hd_error_set(r->err, r->path, 0, -1, "compiled lexicon: %s", msg);
    r->bad = 1;
    return -1;
}

/* The directory entry called name, or NULL (and r->bad) when missing. */
static const lxf_section *find_section(reader *r, const char *name)
{
    for (size_t i = 0; i < r->n_dir; i++)
        if (strncmp(r->dir[i].name, name, LXF_NAME) == 0)
            return &r->dir[i];
    fail(r, "section %s is missing", name);
    return NULL;
}

/* The section called name, which must hold exactly count records of elem
 * bytes. count comes from the file too, so it is checked by division
 * first: a count whose product wraps around to the size (c + 2^61 records
 * of 56 bytes pass for c), or that is SIZE_MAX, is refused. */
static void *section(reader *r, const char *name, size_t elem, size_t count)
{
    const lxf_section *s = find_section(r, name);
    if (!s)
        return NULL;
    if (count > s->size / elem || s->size != (uint64_t)elem * count) {
        fail(r, "section %s has the wrong size", name);
        return NULL;
    }
    return s->size ? r->base + s->offset : r->base;
}

#define ARRAY(r, name, ptr, count)                                           \
    ((ptr) = section(r, name, sizeof *(ptr), count))

static hd_lex *get_lex(reader *r)
{
    hd_lex *src = section(r, "lex", sizeof(hd_lex), 1);
    if (!src)
        return NULL;
    hd_lex *lex = hd_xmalloc(sizeof *lex);
    memcpy(lex, src, sizeof *lex);
    lex->mapped = 1;
    lex->pool.slots = NULL;   /* nothing is interned after loading */
    lex->pool.n_slots = lex->pool.n_interned = 0;
    lex->pool.cap = lex->pool.len;
    ARRAY(r, "lex.pool", lex->pool.buf, lex->pool.len);
    ARRAY(r, "lex.edges", lex->trie.edges, lex->trie.cap_edges);
    ARRAY(r, "lex.head", lex->trie.head, lex->trie.n_nodes);
    ARRAY(r, "lex.terms", lex->trie.terms, lex->trie.n_terms);
    ARRAY(r, "lex.vocab", lex->vocab.slots, lex->vocab.n_slots);
    ARRAY(r, "lex.actors", lex->actors, lex->n_actors);
    ARRAY(r, "lex.restrs", lex->restrs, lex->n_restrs);
    ARRAY(r, "lex.agents", lex->agents, lex->n_agents);
    ARRAY(r, "lex.blocks", lex->blocks, lex->n_blocks);
    ARRAY(r, "lex.verbs", lex->verbs, lex->n_verbs);
    ARRAY(r, "lex.patterns", lex->patterns, lex->n_patterns);
    ARRAY(r, "lex.patsigs", lex->patsigs, lex->n_patsigs);
    ARRAY(r, "lex.elems", lex->elems, lex->n_elems);
    ARRAY(r, "lex.filters", lex->filters, lex->n_filters);
    ARRAY(r, "lex.synsets", lex->synsets, lex->n_synsets);
    ARRAY(r, "lex.plover", lex->plover, lex->n_plover);
    ARRAY(r, "lex.pico", lex->pico, lex->n_pico);
    lex->trie.cap_nodes = lex->trie.n_nodes;
    lex->trie.cap_terms = lex->trie.n_terms;
    const lxf_section *fs = find_section(r, "lex.files"); /* any length */
    char *files = fs ? r->base + fs->offset : NULL;
    size_t fl = fs ? (size_t)fs->size : 0;
    if (r->bad || (lex->trie.cap_edges & (lex->trie.cap_edges - 1)) ||
        (lex->vocab.n_slots & (lex->vocab.n_slots - 1)) ||
        lex->n_files > HD_LEX_MAX_FILES || lex->n_patsigs != lex->n_patterns ||
        !lex->pool.len || lex->pool.buf[lex->pool.len - 1] != '\0') {
        if (!r->bad)
            fail(r, "%s", "the dictionary tables do not fit together");
        free(lex);
        return NULL;
    }
    size_t at = 0;
    for (size_t i = 0; i < lex->n_files; i++) {
        if (at >= fl || !memchr(files + at, '\0', fl - at)) {
            fail(r, "%s", "the dictionary file names are cut");
            free(lex);
            return NULL;
        }
        lex->files[i] = files + at;
        at += strlen(files + at) + 1;
    }
    return lex;
}

static int get_cues(reader *r, hd_cues *c)
{
    const hd_cues *src = section(r, "cues", sizeof *c, 1);
    if (!src)
        return -1;
    *c = *src;
    c->mapped = 1;
    ARRAY(r, "cues.pool", c->pool, c->pool_len);
    ARRAY(r, "cues.entries", c->entries, c->n_entries);
    ARRAY(r, "cues.forms", c->forms, c->n_forms);
    ARRAY(r, "cues.links", c->links, c->n_links);
    ARRAY(r, "cues.slots", c->slots, c->n_slots);
    c->pool_cap = c->pool_len;
    c->cap_entries = c->n_entries;
    c->cap_forms = c->n_forms;
    c->cap_links = c->n_links;
    if (r->bad || (c->n_slots & (c->n_slots - 1))) {
        if (!r->bad)
            fail(r, "%s", "the cue tables do not fit together");
        memset(c, 0, sizeof *c);
        return -1;
    }
    return 0;
}

static int get_phrases(reader *r, const char *name, hd_phrases *p)
{
    char n[LXF_NAME];
    const hd_phrases *src = section(r, name, sizeof *p, 1);
    if (!src)
        return -1;
    *p = *src;
    p->mapped = 1;
    snprintf(n, sizeof n, "%s.pool", name);
    ARRAY(r, n, p->pool, p->pool_len);
    snprintf(n, sizeof n, "%s.items", name);
    ARRAY(r, n, p->items, p->n);
    snprintf(n, sizeof n, "%s.slots", name);
    ARRAY(r, n, p->slots, p->n_slots);
    p->pool_cap = p->pool_len;
    p->cap = p->n;
    if (r->bad || (p->n_slots & (p->n_slots - 1))) {
        if (!r->bad)
            fail(r, "the %s list does not fit together", name);
        memset(p, 0, sizeof *p);
        return -1;
    }
    return 0;
}

static hd_gazetteer *get_gaz(reader *r)
{
    const hd_gazetteer *src = section(r, "gaz", sizeof *src, 1);
    if (!src)
        return NULL;
    hd_gazetteer *g = hd_xmalloc(sizeof *g);
    *g = *src;
    g->mapped = 1;
    ARRAY(r, "gaz.places", g->places, g->n_places);
    ARRAY(r, "gaz.names", g->names, g->n_names);
    ARRAY(r, "gaz.cands", g->cands, g->n_cands);
    ARRAY(r, "gaz.slots", g->slots, g->n_slots);
    ARRAY(r, "gaz.pool", g->pool, g->pool_len);
    if (r->bad || (g->n_slots & (g->n_slots - 1)) || !g->pool_len ||
        g->pool[g->pool_len - 1] != '\0') {
        if (!r->bad)
            fail(r, "%s", "the gazetteer tables do not fit together");
        free(g);
        return NULL;
    }
    /* the rows name their place by pool offset: each must lie in the pool
     * (which ends in a NUL, so every name is terminated) */
    for (size_t i = 0; i < g->n_places; i++)
        if (g->places[i].name_off >= g->pool_len) {
            fail(r, "%s", "a gazetteer name lies outside its pool");
            free(g);
            return NULL;
        }
    return g;
}

/* The model's struct is copied; its weights stay in the map (2 MB that a
 * copy would fault in page by page), read-only, as the coder reads them. */
static int get_model(reader *r, hd_model **out)
{
    *out = NULL;
    int present = 0;
    for (size_t i = 0; i < r->n_dir; i++)
        present |= strncmp(r->dir[i].name, "model", LXF_NAME) == 0;
    if (!present)
        return 0;
    const hd_model *src = section(r, "model", sizeof *src, 1);
    if (!src)
        return -1;
    if (src->hash_bits > 24 || src->n_types > HD_MODEL_MAX_TYPES)
        return fail(r, "%s", "the model's header is out of range");
    size_t per = (size_t)1 << src->hash_bits;
    size_t n = (src->n_types ? src->n_types : 1) * per;
    float *wts = section(r, "model.weights", sizeof(float), n);
    if (!wts)
        return -1;
    hd_model *m = hd_xmalloc(sizeof *m);
    *m = *src;
    m->weights = wts;
    m->mapped = 1;
    for (size_t i = 0; i < m->n_types; i++)
        m->types[i].w = m->weights + i * per;
    *out = m;
    return 0;
}

/* Checks the header, the checksums and the directory. 0, or -1 with
 * *status STALE or BAD (and err for BAD). */
static int check_file(reader *r, const char *data_dir, int *status)
{
    lxf_header h;
    char msg[200];
    *status = HD_LEXFILE_BAD;
    if (r->size < sizeof h) {
        snprintf(msg, sizeof msg, "truncated: %zu bytes, less than its "
                 "%zu-byte header", r->size, sizeof h);
        return fail(r, "%s", msg);
    }
    memcpy(&h, r->base, sizeof h);
    if (memcmp(h.magic, LXF_MAGIC, 8) != 0)
        return fail(r, "%s", "not a hadath compiled lexicon (bad magic)");
    uint32_t want = h.header_crc;
    h.header_crc = 0;
    if ((uint32_t)crc32(0, (const Bytef *)&h, sizeof h) != want)
        return fail(r, "%s", "header checksum mismatch: the file is damaged");
    if (h.endian != LXF_ENDIAN)
        return fail(r, "%s", "written on a machine of the other byte order");
    if (h.version != LXF_VERSION || h.layout != layout_fingerprint()) {
        *status = HD_LEXFILE_STALE;
        snprintf(msg, sizeof msg, "written by another build (format %u, "
                 "this build reads %u); recompile it", h.version, LXF_VERSION);
        return fail(r, "%s", msg);
    }
    if (h.file_size != r->size) {
        snprintf(msg, sizeof msg, "truncated or extended: the header says "
                 "%llu bytes, the file has %zu",
                 (unsigned long long)h.file_size, r->size);
        return fail(r, "%s", msg);
    }
    if (body_checksum((const unsigned char *)r->base + sizeof h,
                      r->size - sizeof h) != h.body_sum)
        return fail(r, "%s", "checksum mismatch: the file is damaged");
    size_t dir_at = sizeof h + (size_t)h.n_sources * sizeof(lxf_source);
    if (h.n_sources > LXF_MAX_SOURCES || h.n_sections > LXF_MAX_SECTIONS ||
        dir_at + (size_t)h.n_sections * sizeof(lxf_section) > r->size)
        return fail(r, "%s", "its directory does not fit in the file");
    r->dir = (const lxf_section *)(r->base + dir_at);
    r->n_dir = h.n_sections;
    for (size_t i = 0; i < r->n_dir; i++) {
        const lxf_section *s = &r->dir[i];
        if (s->offset % LXF_ALIGN || s->offset > r->size ||
            s->size > r->size - s->offset || !memchr(s->name, '\0', LXF_NAME))
            return fail(r, "%s", "a section lies outside the file");
    }
    if (data_dir) {
        const lxf_source *src = (const lxf_source *)(r->base + sizeof h);
        for (size_t i = 0; i < h.n_sources; i++) {
            lxf_source now;
            char rel[sizeof src[i].path + 1];
            memcpy(rel, src[i].path, sizeof src[i].path);
            rel[sizeof src[i].path] = '\0';
            stat_source(data_dir, rel, &now);
            if (now.size != src[i].size || now.mtime_ns != src[i].mtime_ns) {
                *status = HD_LEXFILE_STALE;
                return fail(r, "%s changed since it was compiled", rel);
            }
        }
    }
    *status = HD_LEXFILE_OK;
    return 0;
}

static int map_file(reader *r, int *status)
{
    int fd = open(r->path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0) {
        *status = errno == ENOENT ? HD_LEXFILE_MISSING : HD_LEXFILE_BAD;
        hd_error_set(r->err, r->path, 0, -1, "cannot open the compiled "
                     "lexicon: %s", strerror(errno));
        return -1;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        *status = HD_LEXFILE_BAD;
        hd_error_set(r->err, r->path, 0, -1, "the compiled lexicon is not a "
                     "regular file");
        return -1;
    }
    r->size = (size_t)st.st_size;
    r->base = NULL;
    if (r->size) {
        void *p = mmap(NULL, r->size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED) {
            close(fd);
            *status = HD_LEXFILE_BAD;
            hd_error_set(r->err, r->path, 0, -1, "cannot map the compiled "
                         "lexicon: %s", strerror(errno));
            return -1;
        }
        r->base = p;
    } else {
        r->base = (char *)"";
    }
    close(fd);
    return 0;
}

static void unmap(reader *r)
{
    if (r->size)
        munmap(r->base, r->size);
}

hd_lexicon *hd_lexfile_open(const char *path, const char *data_dir,
                            int *status, hd_error *err)
{
    reader r = {.path = path, .err = err};
    int st_local;
    if (!status)
        status = &st_local;
    if (map_file(&r, status) != 0)
        return NULL;
    if (check_file(&r, data_dir, status) != 0) {
        unmap(&r);
        return NULL;
    }
    hd_lexicon *lx = hd_xmalloc(sizeof *lx);
    memset(lx, 0, sizeof *lx);
    snprintf(lx->data_dir, sizeof lx->data_dir, "%s",
             data_dir ? data_dir : "");
    lx->map = r.size ? r.base : NULL;
    lx->map_len = r.size;
    lx->lex = get_lex(&r);
    if (lx->lex && get_cues(&r, &lx->cues) == 0 &&
        get_phrases(&r, "reporting", &lx->reporting) == 0 &&
        get_phrases(&r, "counted", &lx->counted) == 0 &&
        (lx->gaz = get_gaz(&r)) != NULL && get_model(&r, &lx->model) == 0) {
        if (!lx->model)
            snprintf(lx->model_note, sizeof lx->model_note,
                     "no detector weights (%.180s/%s): rules only",
                     lx->data_dir, HD_MODEL_FILE);
        return lx;
    }
    *status = HD_LEXFILE_BAD;
    hd_lexicon_close(lx);
    return NULL;
}

/* Reads n bytes at off, all of them, or fails. */
static int pread_all(int fd, void *p, size_t n, off_t off)
{
    char *s = p;
    while (n) {
        ssize_t k = pread(fd, s, n, off);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        s += k;
        n -= (size_t)k;
        off += k;
    }
    return 0;
}

/* The header, directory and data_dir section only, with pread: no map,
 * no body checksum (a damaged name only misjudges whether the file is
 * still wanted, and the worst that does is a rebuild). */
int hd_lexfile_data_dir(const char *path, char *out, size_t cap)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct stat st;
    lxf_header h;
    lxf_section dir[LXF_MAX_SECTIONS];
    int rc = -1;
    if (fstat(fd, &st) != 0 || pread_all(fd, &h, sizeof h, 0) != 0 ||
        memcmp(h.magic, LXF_MAGIC, 8) != 0 || h.endian != LXF_ENDIAN ||
        h.n_sources > LXF_MAX_SOURCES || h.n_sections > LXF_MAX_SECTIONS)
        goto done;
    uint32_t want = h.header_crc;
    h.header_crc = 0;
    off_t dir_at = (off_t)(sizeof h + h.n_sources * sizeof(lxf_source));
    if ((uint32_t)crc32(0, (const Bytef *)&h, sizeof h) != want ||
        pread_all(fd, dir, h.n_sections * sizeof *dir, dir_at) != 0)
        goto done;
    for (size_t i = 0; i < h.n_sections; i++) {
        const lxf_section *s = &dir[i];
        if (strncmp(s->name, "data_dir", LXF_NAME) != 0)
            continue;
        if (s->size < 2 || s->size > cap || s->size > (uint64_t)st.st_size ||
            s->offset > (uint64_t)st.st_size - s->size ||
            pread_all(fd, out, (size_t)s->size, (off_t)s->offset) != 0 ||
            out[s->size - 1] != '\0' || strlen(out) != s->size - 1)
            break;
        rc = 0;
        break;
    }
done:
    close(fd);
    return rc;
}

int hd_lexfile_sections(const char *path,
                        void (*fn)(void *ud, const char *name, size_t bytes),
                        void *ud, hd_error *err)
{
    reader r = {.path = path, .err = err};
    int status;
    if (map_file(&r, &status) != 0)
        return -1;
    if (check_file(&r, NULL, &status) != 0) {
        unmap(&r);
        return -1;
    }
    for (size_t i = 0; i < r.n_dir; i++)
        fn(ud, r.dir[i].name, (size_t)r.dir[i].size);
    int n = (int)r.n_dir;
    unmap(&r);
    return n;
}

int hd_lexfile_reseal(unsigned char *p, size_t n)
{
    lxf_header h;
    if (n < sizeof h)
        return -1;
    memcpy(&h, p, sizeof h);
    h.file_size = n;
    h.body_sum = body_checksum(p + sizeof h, n - sizeof h);
    h.header_crc = 0;
    h.header_crc = (uint32_t)crc32(0, (const Bytef *)&h, sizeof h);
    memcpy(p, &h, sizeof h);
    return 0;
}
