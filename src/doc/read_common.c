/*
 * read_common.c: what every record reader needs, written once.
 *
 * Dates arrive in four spellings (ISO in JSONL, RFC 822 in TREC <TIME>,
 * YYYYMMDD in PETRARCH attributes and Gigaword ids) and leave in one,
 * YYYY-MM-DD, checked against the calendar so that "2018-02-30" is caught at
 * the door rather than in an event record. The record text layout (title,
 * blank line, body) is built here so that all record formats agree on it.
 * extra_json is written directly as text rather than through a JSON tree:
 * SGML/XML/TSV extras are flat string maps, and writing them costs one
 * buffer that is reused from record to record.
 */
#include <string.h>
#include <strings.h>

#include "doc/reader.h"

size_t hd_rd_utf8_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    size_t k;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        k = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        k = 3;
        if (c == 0xE0) lo = 0xA0;      /* no overlong forms */
        if (c == 0xED) hi = 0x9F;      /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        k = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;      /* nothing past U+10FFFF */
    } else
        return 0;
    if (n < k || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < k; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return k;
}

/* ----------------------------------------------------------------- dates */

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int digits(const char *s, size_t n, int *v)
{
    int x = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[i]))
            return 0;
        x = x * 10 + (s[i] - '0');
    }
    *v = x;
    return 1;
}

static int write_date(int y, int m, int d, char out[11])
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > mdays[m - 1] + (m == 2 && leap))
        return 0;
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
    return 1;
}

int hd_rd_date_iso(const char *s, size_t n, char out[11])
{
    int y, m, d;
    if (n < 10 || s[4] != '-' || s[7] != '-')
        return 0;
    if (n > 10 && s[10] != 'T' && s[10] != 't' && s[10] != ' ')
        return 0;
    if (!digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d))
        return 0;
    return write_date(y, m, d, out);
}

int hd_rd_date_compact(const char *s, size_t n, char out[11])
{
    int y, m, d;
    if (n != 8 || !digits(s, 4, &y) || !digits(s + 4, 2, &m) ||
        !digits(s + 6, 2, &d))
        return 0;
    return write_date(y, m, d, out);
}

int hd_rd_date_rfc822(const char *s, size_t n, char out[11])
{
    static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
    size_t i = 0;
    while (i < n && s[i] == ' ')
        i++;
    const char *comma = memchr(s + i, ',', n - i);
    if (comma && comma - (s + i) <= 10)       /* "Sun," / "Sunday," */
        i = (size_t)(comma - s) + 1;
    while (i < n && s[i] == ' ')
        i++;
    size_t d0 = i;
    while (i < n && is_digit(s[i]))
        i++;
    int d, y, m = 0;
    if (i == d0 || i - d0 > 2 || !digits(s + d0, i - d0, &d))
        return 0;
    while (i < n && (s[i] == ' ' || s[i] == '-'))
        i++;
    if (n - i < 3)
        return 0;
    for (int k = 0; k < 12 && !m; k++)
        if (strncasecmp(s + i, months + 3 * k, 3) == 0)
            m = k + 1;
    if (!m)
        return 0;
    while (i < n && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
        i++;
    while (i < n && (s[i] == ' ' || s[i] == '-'))
        i++;
    size_t y0 = i;
    while (i < n && is_digit(s[i]))
        i++;
    if ((i - y0 != 4 && i - y0 != 2) || !digits(s + y0, i - y0, &y))
        return 0;
    if (i - y0 == 2)
        y += y < 50 ? 2000 : 1900;
    return write_date(y, m, d, out);
}

int hd_rd_date_in_id(const char *s, size_t n, char out[11])
{
    for (size_t i = 0; i < n;) {
        if (!is_digit(s[i])) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && is_digit(s[j]))
            j++;
        if (j - i == 8 && hd_rd_date_compact(s + i, 8, out))
            return 1;
        i = j;
    }
    return 0;
}

/* ------------------------------------------------------------ doc pieces */

const char *hd_rd_dup(hd_doc *doc, const char *s, size_t n)
{
    return hd_arena_strndup(doc->arena, s, n);
}

void hd_rd_trim(const char **s, size_t *n)
{
    const char *p = *s;
    size_t k = *n, w;
    while ((w = hd_doc_blank_at(p, k)) != 0) {
        p += w;
        k -= w;
    }
    while ((w = hd_doc_blank_before(p, k)) != 0)
        k -= w;
    *s = p;
    *n = k;
}

size_t hd_rd_unwrap(char *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        if (!hd_doc_is_space((unsigned char)s[i])) {
            s[o++] = s[i++];
            continue;
        }
        size_t j = i;
        int breaks = 0;
        while (j < n && hd_doc_is_space((unsigned char)s[j]))
            breaks |= s[j++] == '\n';
        if (breaks)
            s[o++] = ' ';
        else
            while (i < j)
                s[o++] = s[i++];
        i = j;
    }
    return o;
}

int hd_rd_record_text(hd_doc *doc, const char *title, size_t tn,
                      const char *body, size_t bn, hd_error *err)
{
    const char *t = title;
    size_t tt = tn;
    if (t)
        hd_rd_trim(&t, &tt);
    if (!t || !tt) {
        char *p = hd_doc_alloc_text(doc, bn, err);
        if (!p)
            return -1;
        if (bn)
            memcpy(p, body, bn);
        doc->body_offset = 0;
        return 0;
    }
    if (tn + 2 < tn || tn + 2 + bn < bn) {
        hd_error_set(err, doc->source, doc->source_line, -1, "record too large");
        return -1;
    }
    char *p = hd_doc_alloc_text(doc, tn + 2 + bn, err);
    if (!p)
        return -1;
    memcpy(p, title, tn);
    memcpy(p + tn, "\n\n", 2);
    if (bn)
        memcpy(p + tn + 2, body, bn);
    doc->title.start = (uint32_t)(t - title);
    doc->title.end = (uint32_t)(t - title + tt);
    hd_doc_add_zone(doc, doc->title.start, doc->title.end, HD_SEC_TITLE);
    doc->body_offset = (uint32_t)(tn + 2);
    return 0;
}

/* ------------------------------------------------------------ extra_json */

static void json_escape(hd_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    hd_buf_reserve(b, n + 2);
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            size_t j = i + 1;
            while (j < n && (unsigned char)s[j] >= 0x20 &&
                   (unsigned char)s[j] < 0x80 && s[j] != '"' && s[j] != '\\')
                j++;
            hd_buf_put(b, s + i, j - i);
            i = j;
        } else if (c >= 0x80) {
            size_t k = hd_rd_utf8_len((const unsigned char *)s + i, n - i);
            if (k)
                hd_buf_put(b, s + i, k);
            else
                hd_buf_put(b, "\xEF\xBF\xBD", 3);
            i += k ? k : 1;
        } else {
            char esc[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
            switch (c) {
            case '"': hd_buf_put(b, "\\\"", 2); break;
            case '\\': hd_buf_put(b, "\\\\", 2); break;
            case '\n': hd_buf_put(b, "\\n", 2); break;
            case '\r': hd_buf_put(b, "\\r", 2); break;
            case '\t': hd_buf_put(b, "\\t", 2); break;
            default: hd_buf_put(b, esc, 6); break;
            }
            i++;
        }
    }
}

void hd_rd_extra_begin(hd_reader *r)
{
    hd_buf_clear(&r->extra);
    hd_buf_putc(&r->extra, '{');
    r->extra_n = 0;
}

/* Does the escaped key at b[k..k+kn) already occur in b[0..mark)? Keys are
 * matched as "key": after '{' or ','; a value cannot fake that, since its
 * own quotes are escaped. */
static int has_key_before(const hd_buf *b, size_t mark, size_t k, size_t kn)
{
    for (size_t i = 1; i + kn + 3 <= mark; i++)
        if ((b->data[i - 1] == '{' || b->data[i - 1] == ',') &&
            b->data[i] == '"' && memcmp(b->data + i + 1, b->data + k, kn) == 0 &&
            b->data[i + 1 + kn] == '"' && b->data[i + 2 + kn] == ':')
            return 1;
    return 0;
}

void hd_rd_extra_add(hd_reader *r, const char *key, size_t kn,
                     const char *val, size_t vn)
{
    hd_buf *b = &r->extra;
    size_t mark = b->len;
    if (r->extra_n)
        hd_buf_putc(b, ',');
    hd_buf_putc(b, '"');
    size_t k = b->len;
    json_escape(b, key, kn);
    if (has_key_before(b, mark, k, b->len - k)) {
        b->len = mark;
        b->data[mark] = '\0';
        return;
    }
    hd_buf_put(b, "\":\"", 3);
    json_escape(b, val, vn);
    hd_buf_putc(b, '"');
    r->extra_n++;
}

const char *hd_rd_extra_end(hd_reader *r, hd_doc *doc)
{
    if (!r->extra_n)
        return NULL;
    hd_buf_putc(&r->extra, '}');
    return hd_rd_dup(doc, r->extra.data, r->extra.len);
}
