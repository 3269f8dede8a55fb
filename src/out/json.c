/*
 * json.c: the streaming JSON writer (see json.h).
 *
 * The escaper copies runs of safe bytes in one memcpy and validates UTF-8 as
 * it goes; Arabic text is almost all two-byte sequences, which pass through
 * untouched.
 */
#include "out/json.h"

#include <math.h>
#include <stdio.h>

void hd_json_init(hd_json *j, hd_buf *out)
{
    j->out = out;
    j->depth = 0;
    j->need_comma[0] = 0;
}

static void value_prefix(hd_json *j)
{
    if (j->need_comma[j->depth])
        hd_buf_putc(j->out, ',');
    j->need_comma[j->depth] = 1;
}

static void open(hd_json *j, char c)
{
    value_prefix(j);
    hd_buf_putc(j->out, c);
    if (j->depth + 1 < HD_JSON_DEPTH)
        j->depth++;
    j->need_comma[j->depth] = 0;
}

static void close_(hd_json *j, char c)
{
    hd_buf_putc(j->out, c);
    if (j->depth > 0)
        j->depth--;
}

void hd_json_object_begin(hd_json *j) { open(j, '{'); }
void hd_json_object_end(hd_json *j) { close_(j, '}'); }
void hd_json_array_begin(hd_json *j) { open(j, '['); }
void hd_json_array_end(hd_json *j) { close_(j, ']'); }

void hd_json_key(hd_json *j, const char *key)
{
    value_prefix(j);
    hd_buf_putc(j->out, '"');
    hd_json_escape(j->out, key, strlen(key));
    hd_buf_put(j->out, "\":", 2);
    j->need_comma[j->depth] = 0; /* the value follows without a comma */
}

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t utf8_valid_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if (c == 0xE0 && s[1] < 0xA0)
            return 0; /* overlong */
        if (c == 0xED && s[1] >= 0xA0)
            return 0; /* surrogate */
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
            (s[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && s[1] < 0x90)
            return 0;
        if (c == 0xF4 && s[1] >= 0x90)
            return 0;
        return 4;
    }
    return 0;
}

void hd_json_escape(hd_buf *b, const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, run = 0;
    hd_buf_reserve(b, n);
    while (i < n) {
        unsigned c = s[i];
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0x80) {
            size_t k = utf8_valid_len(s + i, n - i);
            if (k) {
                i += k;
                continue;
            }
        }
        hd_buf_put(b, str + run, i - run);
        switch (c) {
        case '"': hd_buf_put(b, "\\\"", 2); break;
        case '\\': hd_buf_put(b, "\\\\", 2); break;
        case '\n': hd_buf_put(b, "\\n", 2); break;
        case '\t': hd_buf_put(b, "\\t", 2); break;
        case '\r': hd_buf_put(b, "\\r", 2); break;
        default:
            if (c < 0x20)
                hd_buf_printf(b, "\\u%04x", c);
            else
                hd_buf_put(b, "\\ufffd", 6); /* invalid UTF-8 byte */
        }
        i++;
        run = i;
    }
    hd_buf_put(b, str + run, i - run);
}

void hd_json_string(hd_json *j, const char *s, size_t n)
{
    value_prefix(j);
    hd_buf_putc(j->out, '"');
    hd_json_escape(j->out, s, n);
    hd_buf_putc(j->out, '"');
}

void hd_json_cstring(hd_json *j, const char *s)
{
    if (!s)
        hd_json_null(j);
    else
        hd_json_string(j, s, strlen(s));
}

void hd_json_int(hd_json *j, long long v)
{
    value_prefix(j);
    hd_buf_printf(j->out, "%lld", v);
}

void hd_json_double(hd_json *j, double v)
{
    value_prefix(j);
    if (!isfinite(v))
        hd_buf_puts(j->out, "null");
    else
        hd_buf_printf(j->out, "%.6g", v);
}

void hd_json_bool(hd_json *j, int v)
{
    value_prefix(j);
    hd_buf_puts(j->out, v ? "true" : "false");
}

void hd_json_null(hd_json *j)
{
    value_prefix(j);
    hd_buf_puts(j->out, "null");
}

void hd_json_raw(hd_json *j, const char *s, size_t n)
{
    value_prefix(j);
    hd_buf_put(j->out, s, n);
}
