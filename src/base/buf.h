/*
 * buf.h: a growable byte buffer for building output.
 *
 * Writers append to an hd_buf and the front end flushes it in large writes,
 * so output costs one fwrite per document rather than one per field. The
 * buffer is reused: hd_buf_clear keeps its capacity.
 */
#ifndef HD_BASE_BUF_H
#define HD_BASE_BUF_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"

typedef struct hd_buf {
    char *data;
    size_t len, cap;
} hd_buf;

static inline void hd_buf_reserve(hd_buf *b, size_t extra)
{
    if (b->len + extra + 1 > b->cap) {
        size_t nc = b->cap ? b->cap : 4096;
        while (nc < b->len + extra + 1)
            nc *= 2;
        b->data = hd_xrealloc(b->data, nc);
        b->cap = nc;
    }
}

static inline void hd_buf_put(hd_buf *b, const char *s, size_t n)
{
    hd_buf_reserve(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static inline void hd_buf_puts(hd_buf *b, const char *s)
{
    hd_buf_put(b, s, strlen(s));
}

static inline void hd_buf_putc(hd_buf *b, char c)
{
    hd_buf_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

static inline void hd_buf_clear(hd_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

static inline void hd_buf_free(hd_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void hd_buf_printf(hd_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
