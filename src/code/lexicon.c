/*
 * lexicon.c: hd_lexicon_open/close, the coder's view of the dictionaries.
 *
 * An hd_lexicon is src/lex's compiled PETRARCH dictionaries (actors, agents,
 * verbs and patterns, CAMEO to PLOVER) plus hadath's trigger and cue list,
 * DIR/dict/hadath.triggers.ar.txt. Both are read-only once loaded, so one
 * lexicon serves every document and thread. Lines the loaders cannot take
 * are counted and reported by `hadath dict stats`, never fatal; a missing
 * required file is.
 */
#include "code/code.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"

#define TRIGGER_FILE "dict/hadath.triggers.ar.txt"

hd_lexicon *hd_lexicon_open(const char *data_dir, hd_error *err)
{
    if (!data_dir || !*data_dir) {
        hd_error_set(err, "", 0, -1, "hd_lexicon_open: no data directory");
        return NULL;
    }
    hd_lexicon *lx = hd_xmalloc(sizeof *lx);
    memset(lx, 0, sizeof *lx);
    snprintf(lx->data_dir, sizeof lx->data_dir, "%s", data_dir);
    lx->lex = hd_lex_load(data_dir, NULL, err);
    if (!lx->lex) {
        free(lx);
        return NULL;
    }
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", data_dir, TRIGGER_FILE);
    if (hd_cues_load(&lx->cues, path, err) != 0) {
        hd_lex_free(lx->lex);
        free(lx);
        return NULL;
    }
    return lx;
}

void hd_lexicon_close(hd_lexicon *lx)
{
    if (!lx)
        return;
    hd_lex_free(lx->lex);
    hd_cues_free(&lx->cues);
    free(lx);
}
