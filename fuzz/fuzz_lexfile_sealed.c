/*
 * fuzz_lexfile_sealed.c: the compiled-lexicon reader behind its checksums.
 *
 * fuzz_lexfile feeds hd_lexfile_open the fuzzer's bytes as they are, and
 * nearly every mutation stops at the header CRC or the body checksum. That
 * is the right answer for a damaged file, but it leaves the checks behind
 * the checksums (the directory, each section's bounds, the struct sections'
 * counts against their arrays) seeing only the seeds. Here every input is
 * resealed first (hd_lexfile_reseal: the file size, body checksum and
 * header CRC made to fit the mutated bytes), so a corrupted directory
 * entry, count or size inside a section reaches the reader's own checks.
 *
 * What must hold. A refused file is BAD or STALE with a message. An
 * accepted file lists its sections, and every array the reader hands out
 * lies inside the mapping, or is a copy of the right size (the places, the
 * model): an array the reader lets run past the file is the bug this target
 * hunts. The harness does not code a sentence with an accepted lexicon: the
 * reader trusts the contents of the arrays once the checksums pass (they
 * detect damage, not forgery), so a resealed trie with a wild child index
 * would mislead the matcher by design, not by a bug.
 *
 * Seeds (make-seeds.sh): whole compiled files of a small data directory cut
 * from data/ (some 90 KB, the trie's edge table most of it); run.sh lets
 * this target's inputs grow to 256 KB.
 */
#include "fuzz_util.h"

#include <string.h>

#include "code/code.h"
#include "code/lexfile.h"
#include "geo/gazetteer.h"
#include "lex/lex_int.h"
#include "model/model.h"

typedef struct sealed_map {
    const char *lo, *hi;
} sealed_map;

/* n elements of elem bytes at p lie inside the mapping. */
static int sealed_inside(const sealed_map *m, const void *p, size_t n,
                         size_t elem)
{
    const char *s = p;
    if (n == 0)
        return 1;
    if (!s || s < m->lo || s > m->hi)
        return 0;
    return n <= (size_t)(m->hi - s) / elem;
}

#define SEALED_ARRAY(m, ptr, count)                                          \
    FUZZ_CHECK(sealed_inside(m, ptr, count, sizeof *(ptr)))

/* A NUL-terminated string that starts inside the mapping ends inside it. */
static void sealed_string(const sealed_map *m, const char *s)
{
    FUZZ_CHECK(s >= m->lo && s < m->hi);
    FUZZ_CHECK(memchr(s, '\0', (size_t)(m->hi - s)) != NULL);
}

static void sealed_check_lex(const sealed_map *m, const hd_lex *lex)
{
    SEALED_ARRAY(m, lex->pool.buf, lex->pool.len);
    SEALED_ARRAY(m, lex->trie.edges, lex->trie.cap_edges);
    SEALED_ARRAY(m, lex->trie.head, lex->trie.n_nodes);
    SEALED_ARRAY(m, lex->trie.terms, lex->trie.n_terms);
    SEALED_ARRAY(m, lex->vocab.slots, lex->vocab.n_slots);
    SEALED_ARRAY(m, lex->actors, lex->n_actors);
    SEALED_ARRAY(m, lex->restrs, lex->n_restrs);
    SEALED_ARRAY(m, lex->agents, lex->n_agents);
    SEALED_ARRAY(m, lex->blocks, lex->n_blocks);
    SEALED_ARRAY(m, lex->verbs, lex->n_verbs);
    SEALED_ARRAY(m, lex->patterns, lex->n_patterns);
    SEALED_ARRAY(m, lex->patsigs, lex->n_patsigs);
    SEALED_ARRAY(m, lex->elems, lex->n_elems);
    SEALED_ARRAY(m, lex->filters, lex->n_filters);
    SEALED_ARRAY(m, lex->synsets, lex->n_synsets);
    SEALED_ARRAY(m, lex->plover, lex->n_plover);
    SEALED_ARRAY(m, lex->pico, lex->n_pico);
    FUZZ_CHECK(lex->pool.len > 0 && lex->pool.buf[lex->pool.len - 1] == '\0');
    FUZZ_CHECK(lex->n_files <= HD_LEX_MAX_FILES);
    for (size_t i = 0; i < lex->n_files; i++)
        sealed_string(m, lex->files[i]);
}

static void sealed_check_phrases(const sealed_map *m, const hd_phrases *p)
{
    SEALED_ARRAY(m, p->pool, p->pool_len);
    SEALED_ARRAY(m, p->items, p->n);
    SEALED_ARRAY(m, p->slots, p->n_slots);
}

static void sealed_check(const hd_lexicon *lx)
{
    sealed_map m = {lx->map, (const char *)lx->map + lx->map_len};
    FUZZ_CHECK(lx->map != NULL && lx->lex && lx->gaz);
    sealed_check_lex(&m, lx->lex);
    const hd_cues *c = &lx->cues;
    SEALED_ARRAY(&m, c->pool, c->pool_len);
    SEALED_ARRAY(&m, c->entries, c->n_entries);
    SEALED_ARRAY(&m, c->forms, c->n_forms);
    SEALED_ARRAY(&m, c->links, c->n_links);
    SEALED_ARRAY(&m, c->slots, c->n_slots);
    sealed_check_phrases(&m, &lx->reporting);
    sealed_check_phrases(&m, &lx->counted);
    const hd_gazetteer *g = lx->gaz;
    SEALED_ARRAY(&m, g->names, g->n_names);
    SEALED_ARRAY(&m, g->cands, g->n_cands);
    SEALED_ARRAY(&m, g->slots, g->n_slots);
    SEALED_ARRAY(&m, g->pool, g->pool_len);
    SEALED_ARRAY(&m, g->places, g->n_places); /* read in place, too */
    for (size_t i = 0; i < g->n_places; i++)
        FUZZ_CHECK(g->places[i].name_off < g->pool_len);
    if (lx->model) {
        const hd_model *md = lx->model;
        FUZZ_CHECK(md->n_types <= HD_MODEL_MAX_TYPES && md->hash_bits <= 24);
        size_t per = (size_t)1 << md->hash_bits;
        for (size_t i = 0; i < md->n_types; i++)
            FUZZ_CHECK(md->types[i].w == md->weights + i * per);
    }
}

static void sealed_section(void *ud, const char *name, size_t bytes)
{
    size_t *total = ud;
    FUZZ_CHECK(strlen(name) < 24);
    *total += bytes;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned char *copy = malloc(size ? size : 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    hd_lexfile_reseal(copy, size);
    char path[64];
    int fd = fuzz_memfile(copy, size, path, sizeof path);
    free(copy);
    if (fd < 0)
        return 0;
    int status = -1;
    hd_error err;
    hd_error_clear(&err);
    hd_lexicon *lx = hd_lexfile_open(path, NULL, &status, &err);
    if (!lx) {
        FUZZ_CHECK(status == HD_LEXFILE_STALE || status == HD_LEXFILE_BAD);
        FUZZ_CHECK(err.msg[0] != '\0');
    } else {
        FUZZ_CHECK(status == HD_LEXFILE_OK);
        sealed_check(lx);
        size_t total = 0;
        int n = hd_lexfile_sections(path, sealed_section, &total, &err);
        FUZZ_CHECK(n > 0); /* sections may overlap: no sum to check */
        hd_lexicon_close(lx);
    }
    close(fd);
    return 0;
}
