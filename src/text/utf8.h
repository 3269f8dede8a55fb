/*
 * utf8.h: UTF-8 decoding that never moves the text.
 *
 * Every offset hadath reports points into the bytes it was given, so the
 * decoder reads in place and never repairs: an invalid sequence decodes as
 * U+FFFD and the caller steps over exactly the bytes it consumed. Which bytes
 * those are follows Unicode's recommended practice (chapter 3, "U+FFFD
 * substitution of maximal subparts"): one U+FFFD per maximal subpart of an
 * ill-formed sequence, and never fewer than one byte. So
 *   - a stray continuation byte (80..BF), C0, C1 or F5..FF: one byte;
 *   - an overlong (E0 80.., F0 80..), a surrogate (ED A0..) or a code point
 *     above U+10FFFF (F4 90..): the lead byte alone, because its second byte
 *     is already outside the lead's range;
 *   - a truncated sequence (E4 B8 then a space, or the end of the input): the
 *     lead and the valid continuation bytes that came before the break.
 * A NUL byte is U+0000, one byte; the tokenizer treats it as whitespace.
 *
 * The decoder is inline for the two cases that matter (ASCII, and 2-byte
 * sequences, the Arabic block among them); the rest goes out of line.
 */
#ifndef HD_TEXT_UTF8_H
#define HD_TEXT_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define HD_UTF8_REPLACEMENT 0xFFFDu

/* The general case: decodes the sequence at s[i] (i < n). */
size_t hd_utf8_decode_slow(const char *s, size_t n, size_t i, uint32_t *cp);

/* Decodes the code point at s[i] (requires i < n) into *cp and returns the
 * number of bytes consumed, at least 1. Invalid input gives U+FFFD. */
static inline size_t hd_utf8_decode(const char *s, size_t n, size_t i,
                                    uint32_t *cp)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF && i + 1 < n) {
        unsigned char d = (unsigned char)s[i + 1];
        if ((d & 0xC0) == 0x80) {
            *cp = ((uint32_t)(c & 0x1F) << 6) | (d & 0x3F);
            return 2;
        }
    }
    return hd_utf8_decode_slow(s, n, i, cp);
}

/* True when a decode of len bytes at s[i] that gave cp was an invalid
 * sequence (as opposed to a literal U+FFFD in the text, EF BF BD). */
static inline int hd_utf8_was_invalid(const char *s, size_t i, size_t len,
                                      uint32_t cp)
{
    return cp == HD_UTF8_REPLACEMENT &&
           !(len == 3 && (unsigned char)s[i] == 0xEF);
}

/* Writes cp as UTF-8 into out (room for 4 bytes); returns the length. */
size_t hd_utf8_encode(uint32_t cp, char *out);

/* Counts invalid sequences and NUL bytes in s[0..n), as hd_utf8_decode
 * would see them. */
void hd_utf8_scan(const char *s, size_t n, size_t *n_invalid, size_t *n_nul);

#endif
