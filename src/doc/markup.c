/*
 * markup.c: a tolerant element scanner for news SGML and PETRARCH XML.
 *
 * The corpora this reads are "XML-shaped" rather than XML: TREC files carry
 * raw '&' and '<' in their text, Gigaword paragraphs lose their </P>, a DOC
 * may lose its </DOC>. A validating parser would reject most of them, and a
 * DOM would hold a whole file. So this is a scanner: given a byte range and
 * an element name, it finds the element and says where its pieces are, and
 * it lets the caller choose where an unclosed element stops. Every answer is
 * an offset into the caller's buffer, so nothing is allocated or copied;
 * entity decoding is a separate step the caller applies to the spans it
 * keeps. The scanner never reads outside [from, to).
 */
#include "doc/markup.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

static int is_alpha(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int is_name_char(unsigned char c)
{
    return is_alpha(c) || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == ':' || c == '.';
}

static int is_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
}

int hd_mu_prefix_ci(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return n >= k && strncasecmp(s, prefix, k) == 0;
}

/* If s[k..] opens a comment, returns the offset past its end (or to when it
 * never ends); otherwise returns k. */
static size_t skip_comment(const char *s, size_t k, size_t to)
{
    if (to - k < 4 || memcmp(s + k, "<!--", 4) != 0)
        return k;
    for (size_t i = k + 4; i + 3 <= to; i++)
        if (s[i] == '-' && s[i + 1] == '-' && s[i + 2] == '>')
            return i + 3;
    return to;
}

/* Scans an open tag's attributes from i to its '>' (quotes respected);
 * stops early at a '<' outside quotes, which means the '>' was lost. */
static size_t tag_end(const char *s, size_t i, size_t to)
{
    int after_eq = 0;
    while (i < to) {
        unsigned char c = (unsigned char)s[i];
        if (c == '>' || c == '<')
            return i;
        if (after_eq && (c == '"' || c == '\'')) {
            const char *q = memchr(s + i + 1, c, to - i - 1);
            if (q) {
                i = (size_t)(q - s) + 1;
                after_eq = 0;
                continue;
            }
        }
        if (c == '=')
            after_eq = 1;
        else if (!is_blank(c))
            after_eq = 0;
        i++;
    }
    return to;
}

static int name_eq(const char *s, size_t at, size_t len, const char *name)
{
    return name && strlen(name) == len && strncasecmp(s + at, name, len) == 0;
}

int hd_mu_next_open(const char *s, size_t from, size_t to, const char *name,
                    hd_mu_elem *el)
{
    size_t i = from;
    while (i < to) {
        const char *lt = memchr(s + i, '<', to - i);
        if (!lt)
            return 0;
        size_t k = (size_t)(lt - s);
        size_t past = skip_comment(s, k, to);
        if (past != k) {
            i = past;
            continue;
        }
        if (k + 1 >= to || !is_alpha((unsigned char)s[k + 1])) {
            i = k + 1;
            continue;
        }
        size_t ne = k + 1;
        while (ne < to && is_name_char((unsigned char)s[ne]))
            ne++;
        if (name && !name_eq(s, k + 1, ne - k - 1, name)) {
            i = ne;
            continue;
        }
        memset(el, 0, sizeof *el);
        el->start = k;
        el->name = k + 1;
        el->name_len = ne - k - 1;
        el->attrs = ne;
        size_t j = tag_end(s, ne, to);
        el->attrs_end = j;
        el->inner = j;
        if (j < to && s[j] == '>') {
            el->inner = j + 1;
            if (j > ne && s[j - 1] == '/') {
                el->empty = 1;
                el->attrs_end = j - 1;
            }
        }
        el->inner_end = el->end = el->inner;
        return 1;
    }
    return 0;
}

/* Is s[k..] the close tag of the element named s[name..name+len)? */
static int is_close_of(const char *s, size_t k, size_t to, size_t name,
                       size_t len)
{
    if (k + 2 + len > to || s[k + 1] != '/')
        return 0;
    if (strncasecmp(s + k + 2, s + name, len) != 0)
        return 0;
    return k + 2 + len == to || !is_name_char((unsigned char)s[k + 2 + len]);
}

/* Is s[k..] an open tag of that same name? */
static int is_open_of(const char *s, size_t k, size_t to, size_t name,
                      size_t len)
{
    if (k + 1 + len > to || strncasecmp(s + k + 1, s + name, len) != 0)
        return 0;
    return k + 1 + len == to || !is_name_char((unsigned char)s[k + 1 + len]);
}

static int is_tag_start(const char *s, size_t k, size_t to)
{
    if (k + 1 >= to)
        return 0;
    unsigned char c = (unsigned char)s[k + 1];
    if (is_alpha(c))
        return 1;
    return c == '/' && k + 2 < to && is_alpha((unsigned char)s[k + 2]);
}

void hd_mu_close(const char *s, size_t to, int policy, hd_mu_elem *el)
{
    el->closed = 0;
    if (el->empty) {
        el->inner_end = el->end = el->inner;
        el->closed = 1;
        return;
    }
    size_t first_tag = to, i = el->inner, stop = to;
    while (i < to) {
        const char *lt = memchr(s + i, '<', to - i);
        if (!lt)
            break;
        size_t k = (size_t)(lt - s);
        size_t past = skip_comment(s, k, to);
        if (past != k) {
            i = past;
            continue;
        }
        if (is_close_of(s, k, to, el->name, el->name_len)) {
            size_t j = k + 2 + el->name_len;
            while (j < to && is_blank((unsigned char)s[j]))
                j++;
            el->inner_end = k;
            el->end = j < to && s[j] == '>' ? j + 1 : k + 2 + el->name_len;
            el->closed = 1;
            return;
        }
        if (is_tag_start(s, k, to) && first_tag == to)
            first_tag = k;
        if (is_open_of(s, k, to, el->name, el->name_len)) {
            stop = k; /* a sibling opens: this one was never closed */
            break;
        }
        i = k + 1;
    }
    el->inner_end = policy == HD_MU_TO_NEXT_TAG && first_tag < stop
                        ? first_tag : stop;
    el->end = el->inner_end;
}

int hd_mu_find(const char *s, size_t from, size_t to, const char *name,
               int policy, hd_mu_elem *el)
{
    if (!hd_mu_next_open(s, from, to, name, el))
        return 0;
    hd_mu_close(s, to, policy, el);
    return 1;
}

int hd_mu_is(const char *s, const hd_mu_elem *el, const char *name)
{
    return name_eq(s, el->name, el->name_len, name);
}

int hd_mu_next_attr(const char *s, size_t *pos, size_t end, hd_mu_attr *a)
{
    size_t i = *pos, n0;
    for (;;) {
        while (i < end && (is_blank((unsigned char)s[i]) || s[i] == '/'))
            i++;
        if (i >= end) {
            *pos = end;
            return 0;
        }
        if (s[i] != '=' && s[i] != '"' && s[i] != '\'')
            break;
        i++; /* a stray '=' or quote: skip it */
    }
    memset(a, 0, sizeof *a);
    for (n0 = i; i < end && !is_blank((unsigned char)s[i]) && s[i] != '=' &&
                 s[i] != '/'; i++)
        ;
    a->name = n0;
    a->name_len = i - n0;
    size_t j = i;
    while (j < end && is_blank((unsigned char)s[j]))
        j++;
    if (j < end && s[j] == '=') {
        j++;
        while (j < end && is_blank((unsigned char)s[j]))
            j++;
        a->has_value = 1;
        if (j < end && (s[j] == '"' || s[j] == '\'')) {
            const char *q = memchr(s + j + 1, s[j], end - j - 1);
            size_t qe = q ? (size_t)(q - s) : end;
            a->val = j + 1;
            a->val_len = qe - j - 1;
            i = q ? qe + 1 : end;
        } else {
            for (a->val = j; j < end && !is_blank((unsigned char)s[j]); j++)
                ;
            a->val_len = j - a->val;
            i = j;
        }
    }
    *pos = i;
    return 1;
}

int hd_mu_get_attr(const char *s, const hd_mu_elem *el, const char *name,
                   hd_mu_attr *a)
{
    size_t pos = el->attrs;
    while (hd_mu_next_attr(s, &pos, el->attrs_end, a))
        if (name_eq(s, a->name, a->name_len, name))
            return 1;
    return 0;
}

static size_t put_utf8(char *out, uint32_t cp)
{
    if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        cp = 0xFFFD;
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* A numeric reference at s[0..n) ("&#...;"): its length, or 0. */
static size_t numeric_ref(const char *s, size_t n, uint32_t *cp)
{
    size_t i = 2;
    int hex = i < n && (s[i] == 'x' || s[i] == 'X');
    if (hex)
        i++;
    size_t d0 = i;
    uint32_t v = 0;
    for (; i < n && i - d0 < 10; i++) {
        unsigned c = (unsigned char)s[i], d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
            d = (c | 0x20) - 'a' + 10;
        else
            break;
        v = v > 0x10FFFF ? v : v * (hex ? 16 : 10) + d;
    }
    if (i == d0 || i >= n || s[i] != ';')
        return 0;
    *cp = v;
    return i + 1;
}

size_t hd_mu_decode(const char *s, size_t n, char *out)
{
    static const struct { const char *ref; const char *text; } named[] = {
        {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""},
        {"&apos;", "'"}, {"&nbsp;", "\xC2\xA0"},
    };
    size_t i = 0, o = 0;
    while (i < n) {
        const char *amp = memchr(s + i, '&', n - i);
        size_t run = amp ? (size_t)(amp - s) - i : n - i;
        memmove(out + o, s + i, run);
        i += run;
        o += run;
        if (!amp)
            break;
        size_t used = 0;
        uint32_t cp;
        if (i + 1 < n && s[i + 1] == '#' && (used = numeric_ref(s + i, n - i, &cp)))
            o += put_utf8(out + o, cp);
        for (size_t k = 0; !used && k < sizeof named / sizeof named[0]; k++) {
            size_t len = strlen(named[k].ref);
            if (n - i >= len && memcmp(s + i, named[k].ref, len) == 0) {
                size_t tl = strlen(named[k].text);
                memcpy(out + o, named[k].text, tl);
                o += tl;
                used = len;
            }
        }
        if (!used) {
            out[o++] = '&';
            used = 1;
        }
        i += used;
    }
    return o;
}
