/*
 * fuzz_util.h: what the libFuzzer targets share.
 *
 * The readers and loaders take a path, not bytes, so the input is written
 * to an anonymous in-memory file (memfd) and handed over as
 * /proc/self/fd/N: no disk, no name to clean up, and the code under test
 * opens, stats and reads it exactly as it would a real file. A failed
 * invariant traps, which libFuzzer records as a crash with its input.
 */
#ifndef HD_FUZZ_UTIL_H
#define HD_FUZZ_UTIL_H

/* memfd_create; include this header first. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "hadath.h"

#define FUZZ_CHECK(cond)                                                     \
    do {                                                                     \
        if (!(cond)) {                                                       \
            fprintf(stderr, "fuzz invariant failed: %s (%s:%d)\n", #cond,    \
                    __FILE__, __LINE__);                                     \
            abort();                                                         \
        }                                                                    \
    } while (0)

/* Writes data into a fresh memfd; fills path ("/proc/self/fd/N") and
 * returns the fd (close it when done), or -1. */
static inline int fuzz_memfile(const uint8_t *data, size_t size, char *path,
                               size_t cap)
{
    int fd = memfd_create("hadath-fuzz", 0);
    if (fd < 0)
        return -1;
    size_t done = 0;
    while (done < size) {
        ssize_t w = write(fd, data + done, size - done);
        if (w <= 0) {
            close(fd);
            return -1;
        }
        done += (size_t)w;
    }
    snprintf(path, cap, "/proc/self/fd/%d", fd);
    return fd;
}

/* Every span of an analysed document lies inside its text, and every
 * token and sentence index inside its vector. */
static inline void fuzz_check_doc(const hd_doc *doc)
{
    FUZZ_CHECK(doc->text != NULL && doc->text[doc->len] == '\0');
    for (size_t i = 0; i < doc->n_zones; i++) {
        FUZZ_CHECK(doc->zones[i].start <= doc->zones[i].end);
        FUZZ_CHECK(doc->zones[i].end <= doc->len);
        if (i)
            FUZZ_CHECK(doc->zones[i - 1].end <= doc->zones[i].start);
    }
    for (size_t i = 0; i < doc->n_tokens; i++) {
        const hd_token *t = &doc->tokens[i];
        FUZZ_CHECK(t->start < t->end && t->end <= doc->len);
        FUZZ_CHECK(t->end - t->start <= HD_TOKEN_MAX);
        FUZZ_CHECK(t->key != NULL && t->key[t->key_len] == '\0');
        FUZZ_CHECK(t->stem_off + t->stem_len <= t->key_len);
        if (i)
            FUZZ_CHECK(doc->tokens[i - 1].end <= t->start);
    }
    for (size_t i = 0; i < doc->n_sentences; i++) {
        const hd_sentence *s = &doc->sentences[i];
        FUZZ_CHECK(s->start <= s->end && s->end <= doc->len);
        FUZZ_CHECK((size_t)s->tok_first + s->tok_count <= doc->n_tokens);
        FUZZ_CHECK(s->quote_start < (int64_t)doc->len);
    }
    for (size_t i = 0; i < doc->n_quotes; i++) {
        const hd_quote *q = &doc->quotes[i];
        FUZZ_CHECK(q->start <= q->end && q->end <= doc->len);
        FUZZ_CHECK(q->sentence_first <= q->sentence_last);
        FUZZ_CHECK(q->sentence_last < doc->n_sentences);
    }
}

#endif
