/*
 * fuzz_normalize.c: the UTF-8 decoder, normalization and clitic layer.
 *
 * Any bytes at all go in. The first two bytes pick the normalization flags
 * (so every combination of steps is reached), the rest is the text. Checked:
 * the decoder always advances and agrees with hd_utf8_scan; normalize
 * reports the same length whatever the buffer, truncates to a NUL-ended
 * prefix when the buffer is short, and writes valid UTF-8; the clitic
 * stripper's stem is a slice of its key.
 */
#include "fuzz_util.h"

#include <string.h>

#include "text/utf8.h"

static int valid_utf8(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = hd_utf8_decode(s, n, i, &cp);
        if (hd_utf8_was_invalid(s, i, k, cp))
            return 0;
        i += k;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned flags = HD_NORM_DEFAULT;
    if (size >= 2) {
        flags = ((unsigned)data[0] | ((unsigned)data[1] << 8)) & HD_NORM_DEFAULT;
        data += 2;
        size -= 2;
    }
    const char *s = (const char *)data;

    /* The decoder: always moves, never past the end, counts as the scan. */
    size_t invalid = 0, nul = 0, scan_invalid = 0, scan_nul = 0; /* it adds */
    for (size_t i = 0; i < size;) {
        uint32_t cp;
        size_t k = hd_utf8_decode(s, size, i, &cp);
        FUZZ_CHECK(k >= 1 && k <= 4 && i + k <= size);
        FUZZ_CHECK(cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF));
        if (hd_utf8_was_invalid(s, i, k, cp))
            invalid++;
        else {
            char enc[4];
            FUZZ_CHECK(hd_utf8_encode(cp, enc) == k &&
                       memcmp(enc, s + i, k) == 0);
        }
        nul += cp == 0 && k == 1;
        i += k;
    }
    hd_utf8_scan(s, size, &scan_invalid, &scan_nul);
    FUZZ_CHECK(scan_invalid == invalid && scan_nul == nul);

    /* Normalize. A measuring call (no buffer) may answer more than the key
     * takes: the loanword variants fold only a complete key, and folding
     * shortens: the retry in a buffer of that size gets at most that. */
    size_t room = hd_text_normalize(s, size, flags, NULL, 0);
    char *out = malloc(room + 1);
    size_t need = hd_text_normalize(s, size, flags, out, room + 1);
    FUZZ_CHECK(need <= room);
    FUZZ_CHECK(out[need] == '\0' && strlen(out) <= need);
    if (!memchr(s, 0, size))
        FUZZ_CHECK(valid_utf8(out, need));
    char small[7];
    FUZZ_CHECK(hd_text_normalize(s, size, flags, small, sizeof small) >= need);
    FUZZ_CHECK(memchr(small, 0, sizeof small) != NULL);

    /* Clitics on the key, as the tokenizer would call them. */
    unsigned hints = hd_text_clitic_hints(s, size);
    size_t off = 0, len = 0;
    int suffix = 0;
    hd_text_strip_clitics(out, need, hints, &off, &len, &suffix);
    FUZZ_CHECK(off + len <= need);
    FUZZ_CHECK(hd_suffix_text(suffix) != NULL);
    free(out);
    return 0;
}
