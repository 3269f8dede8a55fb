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

/* What each byte is to the escaper: 0 printable ASCII, copied as it is;
 * 1 escaped (" \ and the controls); 2 a lead byte of a 2-byte sequence
 * (C2..DF: Arabic is D8..DB), valid when a continuation byte follows;
 * 3 any other byte of 0x80 and up, for utf8_valid_len to judge. */
static const unsigned char esc_class[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 00 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 10 */
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 20 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 30 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 40 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, /* 50 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 60 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 70 */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, /* 80 */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, /* 90 */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, /* A0 */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, /* B0 */
    3, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* C0 */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* D0 */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, /* E0 */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, /* F0 */
};

void hd_json_key_n(hd_json *j, const char *key, size_t n)
{
    unsigned any = 0;
    for (size_t i = 0; i < n; i++)
        any |= esc_class[(unsigned char)key[i]];
    if (any) {
        value_prefix(j);
        hd_buf_putc(j->out, '"');
        hd_json_escape(j->out, key, n);
        hd_buf_put(j->out, "\":", 2);
        j->need_comma[j->depth] = 0;
        return;
    }
    hd_json_key_plain(j, key, n);
}

void hd_json_key_plain(hd_json *j, const char *key, size_t n)
{
    /* a plain key (all of ours): one reserve, no escaping */
    hd_buf *b = j->out;
    hd_buf_reserve(b, n + 4);
    char *p = b->data + b->len;
    if (j->need_comma[j->depth])
        *p++ = ',';
    *p++ = '"';
    memcpy(p, key, n);
    p += n;
    *p++ = '"';
    *p++ = ':';
    *p = '\0';
    b->len = (size_t)(p - b->data);
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

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define B8(v) (0x0101010101010101ULL * (v))

/* 0x80 in each byte of x that is zero, exactly (no carry crosses bytes). */
static inline uint64_t zero_bytes(uint64_t x)
{
    return ~(((x & B8(0x7F)) + B8(0x7F)) | x) & B8(0x80);
}

/* How many of the 8 bytes at p (a character boundary) go out as they are:
 * 8, or 7 when the eighth begins a 2-byte sequence, when all are printable
 * ASCII other than " and \ or whole 2-byte sequences led by D8..DF (the
 * Arabic block is D8..DB); else 0, and the byte loop decides. Byte k of
 * the word is p[k] (little-endian), so a lead's mark shifted one byte up
 * lands on its continuation's. */
static inline size_t plain_run(const unsigned char *p)
{
    uint64_t x;
    memcpy(&x, p, 8);
    uint64_t hi = x & B8(0x80);
    uint64_t lead = zero_bytes((x & B8(0xF8)) ^ B8(0xD8));
    uint64_t cont = zero_bytes((x & B8(0xC0)) ^ B8(0x80));
    uint64_t bad = (zero_bytes(x & B8(0x60)) & ~hi) | /* controls */
                   zero_bytes(x ^ B8(0x22)) | zero_bytes(x ^ B8(0x5C)) |
                   (hi & ~(lead | cont)) | (cont ^ (lead << 8));
    if (bad)
        return 0;
    return lead >> 63 ? 7 : 8;
}
#else
static inline size_t plain_run(const unsigned char *p)
{
    (void)p;
    return 0; /* the byte loop alone */
}
#endif

void hd_json_escape(hd_buf *b, const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, run = 0, step;
    hd_buf_reserve(b, n);
    while (i < n) {
        if (i + 8 <= n && (step = plain_run(s + i)) != 0) {
            i += step; /* most of an Arabic sentence, 8 bytes a step */
            continue;
        }
        unsigned c = s[i], cls = esc_class[c];
        if (cls == 0) {
            i++;
            continue;
        }
        if (cls == 2 && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
            i += 2;
            continue;
        }
        if (cls == 3) {
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

/* Decimal digits of v, backwards from end; returns the first digit. */
static char *digits_back(char *end, unsigned long long v)
{
    do {
        *--end = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return end;
}

void hd_json_int(hd_json *j, long long v)
{
    char tmp[24], *end = tmp + sizeof tmp;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v
                                 : (unsigned long long)v;
    char *p = digits_back(end, u);
    if (v < 0)
        *--p = '-';
    value_prefix(j);
    hd_buf_put(j->out, p, (size_t)(end - p));
}

/* %.6g of a finite v whose magnitude is in [1e-4, 1e6), written into out
 * (room for 16); returns the length, or 0 when printf must decide: a value
 * within a hair of a rounding tie, or one that rounds up to a seventh
 * digit. Six significant digits are the integer nearest v * 10^(5 - X),
 * X the decimal exponent; the product is exact to 1e-10 there, so away
 * from a tie it rounds as the exact value does. */
static size_t g6(double v, char *out)
{
    /* 10^x for x = -4 .. 5 (the nearest doubles) and 10^(5 - x) (exact) */
    static const double lower[] = {1e-4, 1e-3, 1e-2, 1e-1, 1e0,
                                   1e1,  1e2,  1e3,  1e4,  1e5};
    static const double scale[] = {1e9, 1e8, 1e7, 1e6, 1e5,
                                   1e4, 1e3, 1e2, 1e1, 1e0};
    double a = v < 0 ? -v : v;
    int x = 5;
    while (x > -4 && a < lower[x + 4])
        x--;
    double scaled = a * scale[x + 4];
    double fl = floor(scaled), frac = scaled - fl;
    if (fabs(frac - 0.5) < 1e-6)
        return 0;
    unsigned long long r = (unsigned long long)fl + (frac > 0.5);
    if (r >= 1000000ULL || r < 100000ULL)
        return 0; /* rounded up to 10^6, or x misjudged by a hair */
    char d[6];
    digits_back(d + 6, r);
    int nd = 6;
    int point = x + 1; /* digits before the decimal point */
    while (nd > point && nd > 0 && d[nd - 1] == '0')
        nd--; /* trailing zeros of the fraction */
    size_t n = 0;
    if (v < 0)
        out[n++] = '-';
    if (point <= 0) {
        out[n++] = '0';
        out[n++] = '.';
        for (int z = point; z < 0; z++)
            out[n++] = '0';
        for (int k = 0; k < nd; k++)
            out[n++] = d[k];
        return n;
    }
    for (int k = 0; k < point; k++)
        out[n++] = d[k];
    if (nd > point) {
        out[n++] = '.';
        for (int k = point; k < nd; k++)
            out[n++] = d[k];
    }
    return n;
}

void hd_json_double(hd_json *j, double v)
{
    char tmp[32];
    size_t n = 0;
    value_prefix(j);
    if (!isfinite(v)) {
        hd_buf_put(j->out, "null", 4);
        return;
    }
    double a = fabs(v);
    if (a >= 1e-4 && a < 1e6)
        n = g6(v, tmp);
    if (n)
        hd_buf_put(j->out, tmp, n);
    else
        hd_buf_printf(j->out, "%.6g", v);
}

void hd_json_bool(hd_json *j, int v)
{
    value_prefix(j);
    if (v)
        hd_buf_put(j->out, "true", 4);
    else
        hd_buf_put(j->out, "false", 5);
}

void hd_json_null(hd_json *j)
{
    value_prefix(j);
    hd_buf_put(j->out, "null", 4);
}

void hd_json_raw(hd_json *j, const char *s, size_t n)
{
    value_prefix(j);
    hd_buf_put(j->out, s, n);
}
