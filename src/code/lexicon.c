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
 */
#include "code/code.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"

#include "code/quantity.h"

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
    return lx->gaz ? 0 : -1;
}

hd_lexicon *hd_lexicon_open(const char *data_dir, hd_error *err)
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
    free(lx);
}
