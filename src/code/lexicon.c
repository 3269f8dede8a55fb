/*
 * lexicon.c: hd_lexicon_open/close, the coder's view of the dictionaries.
 *
 * An hd_lexicon is src/lex's compiled PETRARCH dictionaries (actors, agents,
 * verbs and patterns, CAMEO to PLOVER) plus hadath's own lists: triggers and
 * cues (dict/hadath.triggers.ar.txt), reporting verbs and framings
 * (dict/hadath.reporting.ar.txt), counted nouns (dict/hadath.counted.ar.txt),
 * and the gazetteer (geo/). Both are read-only once loaded, so one
 * lexicon serves every document and thread. Lines the loaders cannot take
 * are counted and reported by `hadath dict stats`, never fatal; a missing
 * required file is.
 *
 * hd_lexicon_open maps the compiled lexicon (lexfile.c) when there is a
 * fresh one, which takes a few milliseconds instead of the text loaders'
 * tens; the text loaders stay the source of truth, and build it.
 */
#include "code/code.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/mman.h>
#include <time.h>

#include "base/arena.h"
#include "code/lexfile.h"

#include "code/quantity.h"
#include "model/model.h"

#define TRIGGER_FILE "dict/hadath.triggers.ar.txt"

/* Loads every part; the first failure stops, and the caller closes what
 * was loaded (hd_lexicon_close takes a partly loaded lexicon). */
static int load_parts(hd_lexicon *lx, const char *data_dir, hd_error *err)
{
    char path[1024];
    lx->lex = hd_lex_load(data_dir, NULL, err);
    if (!lx->lex)
        return -1;
    snprintf(path, sizeof path, "%s/%s", data_dir, TRIGGER_FILE);
    if (hd_cues_load(&lx->cues, path, err) != 0 ||
        hd_reporting_load(&lx->reporting, data_dir, err) != 0 ||
        hd_counted_load(&lx->counted, data_dir, err) != 0)
        return -1;
    lx->gaz = hd_gazetteer_open(data_dir, err);
    if (!lx->gaz)
        return -1;
    /* the trained detector is optional: without it, the rules decide */
    snprintf(path, sizeof path, "%s/%s", data_dir, HD_MODEL_FILE);
    if (hd_model_load(path, &lx->model, err) < 0)
        return -1;
    if (!lx->model)
        snprintf(lx->model_note, sizeof lx->model_note,
                 "no detector weights (%.200s): rules only", path);
    return 0;
}

/* A number no other lexicon open in this process has had: the clock's
 * nanoseconds (two opens are microseconds apart at least) mixed with the
 * address. A memo kept across documents (words.c) is of one lexicon; a
 * lexicon opened later at the same address must not find it valid. */
static uint64_t instance_of(const hd_lexicon *lx)
{
    struct timespec ts;
    uint64_t h = (uint64_t)(uintptr_t)lx;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) == 0)
        h ^= ((uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec) *
             0x9e3779b97f4a7c15ULL;
    h ^= h >> 31;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 29;
    return h ? h : 1;
}

hd_lexicon *hd_lexicon_open_text(const char *data_dir, hd_error *err)
{
    if (!data_dir || !*data_dir) {
        hd_error_set(err, "", 0, -1, "hd_lexicon_open: no data directory");
        return NULL;
    }
    hd_lexicon *lx = hd_xmalloc(sizeof *lx);
    memset(lx, 0, sizeof *lx);
    snprintf(lx->data_dir, sizeof lx->data_dir, "%s", data_dir);
    if (load_parts(lx, data_dir, err) != 0) {
        hd_lexicon_close(lx);
        return NULL;
    }
    lx->instance = instance_of(lx);
    return lx;
}

/* The compiled file when it is there and fresh; else the text files, and
 * the compiled file written for the next run (best effort: a cache that
 * cannot be written only costs time), and the cache pruned of files no run
 * will want (lexcache.c). HADATH_LEXICON=text skips the compiled file;
 * HADATH_LEXICON=FILE names it, and then a damaged FILE is an error
 * instead of being rebuilt. */
hd_lexicon *hd_lexicon_open(const char *data_dir, hd_error *err)
{
    if (!data_dir || !*data_dir) {
        hd_error_set(err, "", 0, -1, "hd_lexicon_open: no data directory");
        return NULL;
    }
    const char *env = getenv("HADATH_LEXICON");
    char path[4200];
    if ((env && strcmp(env, "text") == 0) ||
        hd_lexfile_default_path(data_dir, path, sizeof path) != 0)
        return hd_lexicon_open_text(data_dir, err);
    int status;
    hd_error e;
    hd_error_clear(&e);
    hd_lexicon *lx = hd_lexfile_open(path, data_dir, &status, &e);
    if (lx) {
        lx->instance = instance_of(lx);
        return lx;
    }
    if (status == HD_LEXFILE_BAD && env && *env) {
        if (err)
            *err = e;
        return NULL;
    }
    lx = hd_lexicon_open_text(data_dir, err);
    if (lx && hd_lexfile_write(lx, path, NULL, &e) == 0)
        hd_lexfile_prune(path, HD_LEXFILE_CACHE_MAX); /* lexcache.c */
    return lx;
}

void hd_lexicon_close(hd_lexicon *lx)
{
    if (!lx)
        return;
    if (lx->lex)
        hd_lex_free(lx->lex);
    hd_cues_free(&lx->cues);
    hd_phrases_free(&lx->reporting);
    hd_phrases_free(&lx->counted);
    hd_gazetteer_close(lx->gaz);
    hd_model_free(lx->model);
    if (lx->map)
        munmap(lx->map, lx->map_len);
    free(lx);
}
