/* buf.c: the one out-of-line part of hd_buf, formatted appends.
 *
 * Most appends are short (a number, an id), so the text is formatted once,
 * straight into the buffer with some room reserved; only when it did not
 * fit is it formatted a second time, into room of the size vsnprintf said. */
#include "base/buf.h"

#include <stdarg.h>
#include <stdio.h>

#define ROOM 64

void hd_buf_printf(hd_buf *b, const char *fmt, ...)
{
    va_list ap;
    hd_buf_reserve(b, ROOM);
    va_start(ap, fmt);
    int n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    if (n <= 0) {
        b->data[b->len] = '\0';
        return;
    }
    if ((size_t)n >= b->cap - b->len) {
        hd_buf_reserve(b, (size_t)n);
        va_start(ap, fmt);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    b->len += (size_t)n;
}
