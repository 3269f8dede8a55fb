/*
 * read_jsonl_fast.c: a fast path for the JSONL records that news corpora
 * actually contain, flat objects of strings.
 *
 * jansson builds a tree of malloc'd values and copies every string through a
 * growing buffer one character at a time; on the ANT corpus that is about
 * 85% of the time to read a record. Most records are one flat object whose
 * values are strings (or true, false, null), so this file scans such a
 * line in place: it validates it completely (string escapes, surrogate
 * pairs, control characters, UTF-8, nothing after the object), decodes
 * only the strings it keeps, and writes the other fields into extra_json as
 * the raw JSON slices they already are.
 *
 * It is only a fast path. Whenever a line is anything else (a number, a
 * nested value, a duplicate or escaped key, a known field of the wrong type, a bad date,
 * invalid JSON of any kind) it declines, touching nothing, and read_jsonl.c
 * parses the line with jansson, which either accepts it or produces the
 * error message. So there is one definition of what is accepted and of
 * every message, and this file only has to be right about what it accepts.
 * tests/test_doc_jsonl.c checks that both paths agree.
 */
#include <string.h>

#include "doc/reader.h"

#define MAX_FIELDS 32

enum { J_STRING = 1, J_OTHER };

typedef struct jfield {
    const char *key, *val; /* val: a string's inside, or the raw token */
    size_t klen, vlen;
    int kind;
    int escaped;           /* a string holding backslash escapes */
} jfield;

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int hex4(const char *s, unsigned *v)
{
    unsigned x = 0;
    for (int i = 0; i < 4; i++) {
        unsigned c = (unsigned char)s[i], d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
            d = (c | 0x20) - 'a' + 10;
        else
            return 0;
        x = x * 16 + d;
    }
    *v = x;
    return 1;
}

/* Validates the escape at s[i] ('\\'); returns its length, or 0. */
static size_t escape_len(const char *s, size_t i, size_t n)
{
    unsigned u, lo;
    if (i + 1 >= n)
        return 0;
    switch (s[i + 1]) {
    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r':
    case 't':
        return 2;
    case 'u':
        if (i + 6 > n || !hex4(s + i + 2, &u))
            return 0;
        if (u >= 0xDC00 && u <= 0xDFFF)
            return 0; /* a low surrogate alone */
        if (u < 0xD800 || u > 0xDBFF)
            return 6;
        if (i + 12 > n || s[i + 6] != '\\' || s[i + 7] != 'u' ||
            !hex4(s + i + 8, &lo) || lo < 0xDC00 || lo > 0xDFFF)
            return 0;
        return 12;
    default:
        return 0;
    }
}

/* Scans the string whose opening quote is at s[i]; returns the index past
 * its closing quote, or 0 when it is not a valid JSON string.
 *
 * News text is almost all plain ASCII (spaces, digits, punctuation) and
 * two-byte sequences (Arabic letters): those two cases are tested inline,
 * which halves the reader's time; every other byte takes the full checks
 * below, so what is accepted does not change. */
static size_t scan_string(const char *s, size_t i, size_t n, int *escaped)
{
    const unsigned char *u = (const unsigned char *)s;
    *escaped = 0;
    for (i++; i < n;) {
        unsigned c = u[i];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF && i + 1 < n && (u[i + 1] & 0xC0) == 0x80) {
            i += 2;
            continue;
        }
        if (c == '"')
            return i + 1;
        if (c == '\\') {
            size_t k = escape_len(s, i, n);
            if (!k)
                return 0;
            *escaped = 1;
            i += k;
        } else if (c < 0x20) {
            return 0;
        } else if (c < 0x80) {
            i++;
        } else {
            size_t k = hd_rd_utf8_len(u + i, n - i);
            if (!k)
                return 0;
            i += k;
        }
    }
    return 0;
}

/* true, false or null at s[i]; returns the index past it, or 0. Numbers
 * are left to jansson, whose limits (integer range, real overflow) decide
 * whether they are accepted. */
static size_t scan_literal(const char *s, size_t i, size_t n)
{
    static const char *const words[] = {"true", "false", "null"};
    for (int w = 0; w < 3; w++) {
        size_t k = strlen(words[w]);
        if (n - i >= k && memcmp(s + i, words[w], k) == 0)
            return i + k;
    }
    return 0;
}

static size_t skip_ws(const char *s, size_t i, size_t n)
{
    while (i < n && is_ws(s[i]))
        i++;
    return i;
}

/* Scans one flat object; returns the number of fields, or -1 to decline. */
static int scan_object(const char *s, size_t n, jfield *f)
{
    size_t i = skip_ws(s, 0, n);
    int count = 0;
    if (i >= n || s[i] != '{')
        return -1;
    i = skip_ws(s, i + 1, n);
    if (i < n && s[i] == '}')
        return skip_ws(s, i + 1, n) == n ? 0 : -1;
    for (;;) {
        int esc;
        size_t e;
        if (count == MAX_FIELDS || i >= n || s[i] != '"' ||
            !(e = scan_string(s, i, n, &esc)) || esc)
            return -1;
        jfield *x = &f[count++];
        x->key = s + i + 1;
        x->klen = e - i - 2;
        for (int k = 0; k < count - 1; k++)
            if (f[k].klen == x->klen && memcmp(f[k].key, x->key, x->klen) == 0)
                return -1; /* a duplicate key: jansson's rules apply */
        i = skip_ws(s, e, n);
        if (i >= n || s[i] != ':')
            return -1;
        i = skip_ws(s, i + 1, n);
        if (i < n && s[i] == '"') {
            if (!(e = scan_string(s, i, n, &x->escaped)))
                return -1;
            x->kind = J_STRING;
            x->val = s + i + 1;
            x->vlen = e - i - 2;
        } else {
            if (!(e = scan_literal(s, i, n)))
                return -1;
            x->kind = J_OTHER;
            x->val = s + i;
            x->vlen = e - i;
        }
        i = skip_ws(s, e, n);
        if (i < n && s[i] == ',') {
            i = skip_ws(s, i + 1, n);
            continue;
        }
        if (i < n && s[i] == '}')
            return skip_ws(s, i + 1, n) == n ? count : -1;
        return -1;
    }
}

static size_t put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Decodes a validated string's inside into out (never longer than n). */
static size_t decode(const char *s, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        const char *bs = memchr(s + i, '\\', n - i);
        size_t run = bs ? (size_t)(bs - s) - i : n - i;
        memcpy(out + o, s + i, run);
        o += run;
        i += run;
        if (!bs)
            break;
        char c = s[i + 1];
        unsigned u = 0, lo = 0;
        i += 2;
        switch (c) {
        case 'b': out[o++] = '\b'; break;
        case 'f': out[o++] = '\f'; break;
        case 'n': out[o++] = '\n'; break;
        case 'r': out[o++] = '\r'; break;
        case 't': out[o++] = '\t'; break;
        case 'u':
            hex4(s + i, &u);
            i += 4;
            if (u >= 0xD800 && u <= 0xDBFF) {
                hex4(s + i + 2, &lo);
                i += 6;
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            }
            o += put_utf8(out + o, u);
            break;
        default: out[o++] = c; break; /* " \ / */
        }
    }
    return o;
}

/* A field's decoded string: in place when it has no escapes, else in buf. */
static void string_of(const jfield *x, hd_buf *buf, const char **s, size_t *n)
{
    if (!x->escaped) {
        *s = x->val;
        *n = x->vlen;
        return;
    }
    hd_buf_clear(buf);
    hd_buf_reserve(buf, x->vlen);
    buf->len = decode(x->val, x->vlen, buf->data);
    buf->data[buf->len] = '\0';
    *s = buf->data;
    *n = buf->len;
}

static const char *dup_string(hd_doc *doc, const jfield *x)
{
    char *p = hd_arena_alloc(doc->arena, x->vlen + 1);
    size_t n = x->escaped ? decode(x->val, x->vlen, p) : x->vlen;
    if (!x->escaped)
        memcpy(p, x->val, n);
    p[n] = '\0';
    return p;
}

static int key_is(const jfield *x, const char *k)
{
    return x->klen == strlen(k) && memcmp(x->key, k, x->klen) == 0;
}

static int is_null(const jfield *x)
{
    return x->kind == J_OTHER && x->vlen == 4 && memcmp(x->val, "null", 4) == 0;
}

enum { F_ID, F_DATE, F_TITLE, F_TEXT, F_OUTLET, F_URL, F_KNOWN };
static const char *const known[F_KNOWN] = {"id", "date", "title", "text",
                                           "outlet", "url"};

/* Sorts the fields into the known ones (NULL when absent or null) and
 * the rest; returns 0 when a known field has a type this path leaves to
 * jansson (which will either take it, a numeric id, or reject it). */
static int sort_fields(jfield *f, int n, jfield **k, char *date)
{
    for (int j = 0; j < F_KNOWN; j++)
        k[j] = NULL;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < F_KNOWN; j++) {
            if (!key_is(&f[i], known[j]))
                continue;
            f[i].kind = -f[i].kind; /* known: not an extra */
            if (f[i].kind == -J_OTHER && !is_null(&f[i]))
                return 0;
            if (f[i].kind == -J_STRING)
                k[j] = &f[i];
        }
    }
    if (!k[F_TEXT])
        return 0;
    if (k[F_DATE]) {
        if (k[F_DATE]->escaped ||
            !hd_rd_date_iso(k[F_DATE]->val, k[F_DATE]->vlen, date))
            return 0;
    }
    return 1;
}

static const char *extras(hd_reader *r, hd_doc *doc, const jfield *f, int n)
{
    hd_buf *b = &r->extra;
    hd_buf_clear(b);
    for (int i = 0; i < n; i++) {
        if (f[i].kind < 0)
            continue;
        hd_buf_putc(b, b->len ? ',' : '{');
        hd_buf_putc(b, '"');
        hd_buf_put(b, f[i].key, f[i].klen);
        hd_buf_put(b, "\":", 2);
        if (f[i].kind == J_STRING)
            hd_buf_putc(b, '"');
        hd_buf_put(b, f[i].val, f[i].vlen);
        if (f[i].kind == J_STRING)
            hd_buf_putc(b, '"');
    }
    if (!b->len)
        return NULL;
    hd_buf_putc(b, '}');
    return hd_rd_dup(doc, b->data, b->len);
}

int hd_jsonl_fast(hd_reader *r, hd_doc *doc, const char *s, size_t n,
                  hd_error *err)
{
    jfield f[MAX_FIELDS], *k[F_KNOWN];
    char date[11];
    int count = scan_object(s, n, f);
    if (count < 0 || !sort_fields(f, count, k, date))
        return 0;
    const char *title = NULL, *text;
    size_t tn = 0, xn;
    if (k[F_TITLE])
        string_of(k[F_TITLE], &r->scratch, &title, &tn);
    string_of(k[F_TEXT], &r->body, &text, &xn);
    if (hd_rd_record_text(doc, title, tn, text, xn, err) != 0)
        return hd_rd_bad(r, err, "%s", err->msg);
    hd_doc_add_paragraphs(doc, doc->body_offset, doc->len, HD_SEC_BODY);
    if (k[F_ID])
        doc->id = dup_string(doc, k[F_ID]);
    if (k[F_DATE])
        doc->date = hd_rd_dup(doc, date, 10);
    if (k[F_OUTLET])
        doc->outlet = dup_string(doc, k[F_OUTLET]);
    if (k[F_URL])
        doc->url = dup_string(doc, k[F_URL]);
    doc->extra_json = extras(r, doc, f, count);
    return 1;
}
