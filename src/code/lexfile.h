/*
 * lexfile.h: the compiled lexicon, one file that hd_lexicon_open maps.
 *
 * See lexfile.c for the format and why. The coder never needs to know
 * whether its lexicon came from the text files or from a compiled file:
 * both give the same hd_lexicon, and the same output.
 */
#ifndef HD_CODE_LEXFILE_H
#define HD_CODE_LEXFILE_H

#include <stddef.h>

#include "hadath.h"

/* What hd_lexfile_open found. */
enum hd_lexfile_status {
    HD_LEXFILE_OK = 0,
    HD_LEXFILE_MISSING,       /* no such file */
    HD_LEXFILE_STALE,         /* a source file changed since it was written,
                                 or it was written by another build */
    HD_LEXFILE_BAD            /* unreadable, truncated or corrupted: err */
};

/* Writes the loaded lexicon lx (from text: lx->map NULL) to path, through a
 * temporary file renamed into place, so a reader never sees half a file.
 * Returns 0, or -1 with err. *bytes (may be NULL) gets the file's size. */
int hd_lexfile_write(const hd_lexicon *lx, const char *path, size_t *bytes,
                     hd_error *err);

/* Maps path and builds a lexicon over it. data_dir: the directory whose
 * sources it must match (their sizes and times; NULL: not checked). Returns
 * the lexicon, or NULL with *status (and err for HD_LEXFILE_BAD: the file
 * name and what is wrong with it). */
hd_lexicon *hd_lexfile_open(const char *path, const char *data_dir,
                            int *status, hd_error *err);

/* For tests and the fuzzer only: makes p[0..n), a compiled file edited on
 * purpose, pass the damage checks again (sets the header's file size, body
 * checksum and header CRC), so the edit reaches the checks behind them.
 * The checksums detect damage, not forgery. Returns 0, or -1 when n is
 * shorter than the header. */
int hd_lexfile_reseal(unsigned char *p, size_t n);

/* The default compiled file of data_dir: $HADATH_LEXICON when set, else
 * $XDG_CACHE_HOME/hadath (or ~/.cache/hadath) /lexicon-HASH.lex, HASH of the
 * absolute data directory. 0, or -1 when there is no cache directory. */
int hd_lexfile_default_path(const char *data_dir, char *out, size_t cap);

/* The lexicon loaded from the text files, never from a compiled file. */
hd_lexicon *hd_lexicon_open_text(const char *data_dir, hd_error *err);

/* The absolute data directory a compiled file was made from (its
 * "data_dir" section), read without mapping or checking the body: 0, or -1
 * when the file has none (an older file) or cannot be read. */
int hd_lexfile_data_dir(const char *path, char *out, size_t cap);

/* Removes the compiled lexicons that no run will want again from the
 * directory of keep (the file just written, which stays): those whose data
 * directory is gone, then the least recently used beyond max_files in all
 * (lexcache.c says why and how, safely under concurrent runs). Best
 * effort: nothing is reported. Returns the number of files removed. */
int hd_lexfile_prune(const char *keep, int max_files);

/* How many compiled lexicons the cache keeps at most. */
#define HD_LEXFILE_CACHE_MAX 8

/* Section names and sizes of a compiled file, for `hadath compile`:
 * calls fn for each; returns the number of sections or -1 with err. */
int hd_lexfile_sections(const char *path,
                        void (*fn)(void *ud, const char *name, size_t bytes),
                        void *ud, hd_error *err);

#endif
