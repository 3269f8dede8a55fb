/*
 * input.h: the command line's input arguments, expanded into files.
 *
 * An argument is a file, a directory (all regular files under it,
 * recursively, in name order, hidden entries skipped), or "-" for stdin.
 * The front end expands all arguments first, so a misspelt path fails
 * before any work is done, then opens one hd_reader per entry.
 */
#ifndef HD_DOC_INPUT_H
#define HD_DOC_INPUT_H

#include <stddef.h>

#include "hadath.h"

typedef struct hd_inputs {
    char **paths; /* each malloc'd; "-" stands for stdin */
    size_t n, cap;
} hd_inputs;

void hd_inputs_init(hd_inputs *in);
/* Expands one argument onto the list. Returns 0, or -1 with err set (the
 * path does not exist, or a directory cannot be read); the list keeps what
 * was added before the failure. */
int hd_inputs_add(hd_inputs *in, const char *arg, hd_error *err);
void hd_inputs_free(hd_inputs *in);

#endif
