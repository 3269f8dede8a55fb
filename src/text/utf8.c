/*
 * utf8.c: the out-of-line half of the decoder (see utf8.h for the policy).
 *
 * The well-formed sequences are those of Unicode's Table 3-7. The lead byte
 * fixes the length and the range of the second byte (which is where
 * overlongs, surrogates and values above U+10FFFF are ruled out); every
 * later byte is 80..BF. Decoding consumes the lead plus each following byte
 * that still fits the table, and stops at the first that does not: that is
 * the maximal subpart, replaced by one U+FFFD.
 */
#include "text/utf8.h"


size_t hd_utf8_decode_slow(const char *s, size_t n, size_t i, uint32_t *cp)
{
    const unsigned char *p = (const unsigned char *)s + i;
    size_t avail = n - i;
    unsigned c = p[0];
    size_t need;
    unsigned lo = 0x80, hi = 0xBF; /* range of the second byte */
    uint32_t v;

    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
        v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        v = c & 0x0F;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        v = c & 0x07;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        *cp = HD_UTF8_REPLACEMENT; /* 80..C1, F5..FF */
        return 1;
    }
    for (size_t k = 1; k < need; k++) {
        unsigned b;
        if (k >= avail) {
            *cp = HD_UTF8_REPLACEMENT;
            return k;
        }
        b = p[k];
        if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) {
            *cp = HD_UTF8_REPLACEMENT;
            return k;
        }
        v = (v << 6) | (b & 0x3F);
    }
    *cp = v;
    return need;
}

size_t hd_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

void hd_utf8_scan(const char *s, size_t n, size_t *n_invalid, size_t *n_nul)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c == 0)
                (*n_nul)++;
            i++;
            continue;
        }
        uint32_t cp;
        size_t len = hd_utf8_decode(s, n, i, &cp);
        if (hd_utf8_was_invalid(s, i, len, cp))
            (*n_invalid)++;
        i += len;
    }
}
