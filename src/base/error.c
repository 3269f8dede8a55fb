/*
 * error.c: errors as values.
 *
 * The library never prints: a failing function fills an hd_error with where
 * (file, line, byte) and what, and the front end decides how to show it.
 */
#include "hadath.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void hd_error_clear(hd_error *e)
{
    if (!e)
        return;
    e->file[0] = '\0';
    e->line = 0;
    e->byte = -1;
    e->msg[0] = '\0';
}

void hd_error_set(hd_error *e, const char *file, long line, long long byte,
                  const char *fmt, ...)
{
    if (!e)
        return;
    snprintf(e->file, sizeof e->file, "%s", file ? file : "");
    e->line = line;
    e->byte = byte;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
}

/* Appends formatted text at *n, never past cap - 1. */
static void append(char *buf, size_t cap, size_t *n, const char *fmt, ...)
{
    if (*n + 1 >= cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(buf + *n, cap - *n, fmt, ap);
    va_end(ap);
    if (w > 0)
        *n += (size_t)w < cap - *n ? (size_t)w : cap - *n - 1;
}

const char *hd_error_format(const hd_error *e, char *buf, size_t cap)
{
    size_t n = 0;
    if (!cap)
        return buf;
    buf[0] = '\0';
    if (e->file[0])
        append(buf, cap, &n, "%s:", e->file);
    if (e->line > 0)
        append(buf, cap, &n, "%ld:", e->line);
    if (e->byte >= 0)
        append(buf, cap, &n, " byte %lld:", e->byte);
    append(buf, cap, &n, "%s%s", n ? " " : "", e->msg);
    return buf;
}
