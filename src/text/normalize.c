/*
 * normalize.c: match keys.
 *
 * A match key is what two spellings of the same word have in common. News
 * writes الديمقراطية and الديموقراطية, إرهابي and ارهابي, دروعاً and دروعا,
 * مدينة and مدينه, ٣٠٠٠ and 3000, and now and then a presentation-form ﻻ
 * pasted from an old PDF. hd_text_normalize() maps each of these to one key.
 *
 * The steps, each switched by its hd_norm_flag, applied to every code point
 * in this order (after NFKC each code point is touched by at most one of the
 * later steps, so their order only matters relative to NFKC):
 *
 *   0. decode: an invalid UTF-8 sequence becomes U+FFFD (always).
 *   1. HD_NORM_NFKC: compatibility folding, one code point at a time through
 *      utf8proc (presentation forms ﻻ ﷲ ﺍ, fullwidth forms, ligatures,
 *      superscripts, ...). Also the Persian/Urdu look-alikes ک ھ ہ -> ك ه ه,
 *      which NFKC keeps but which stand for Arabic letters in Arabic text.
 *   2. HD_NORM_DIACRITICS: drop harakat, tanwin, shadda, sukun (U+064B-065F),
 *      superscript alef (U+0670), tatweel (U+0640), honorific signs
 *      (U+0610-061A), Quranic marks (U+06D6-06ED) and the invisible format
 *      characters (ZWNJ, ZWJ, LRM, RLM, ALM, bidi embeddings and isolates,
 *      soft hyphen, BOM), which are not letters either.
 *   3. HD_NORM_ALEF: أ إ آ ٱ ٲ ٳ -> ا
 *   4. HD_NORM_YEH: ى and Farsi ی -> ي
 *   5. HD_NORM_TEH_MARBUTA: ة (and ۃ) -> ه
 *   6. HD_NORM_DIGITS: ٠-٩ and ۰-۹ -> 0-9; ٫ -> '.', ٬ -> ','
 *   7. HD_NORM_PUNCT: ، ؛ ؟ ۔ ٪ -> , ; ? . %
 *   8. HD_NORM_LATIN_CASE: A-Z -> a-z (ASCII only, also after NFKC folded
 *      fullwidth letters to ASCII)
 *   9. HD_NORM_VARIANTS: on the finished key, loanword spellings that news
 *      writes both ways fold to one (ديموقراط -> ديمقراط, اميرك -> امريك);
 *      the table is short on purpose: each entry must never be a different
 *      word.
 *
 * Speed: the key of nearly every token is made of ASCII and of 2-byte
 * sequences with lead byte D8-DB (the Arabic block U+0600-06FF). Both go
 * through a table lookup on the bytes, with no decoding call and no
 * allocation. utf8proc is consulted only for code points outside those
 * ranges that have a decomposition at all (a property-table lookup), and then
 * decomposes into a small stack buffer. Composition across code points
 * (a base letter followed by a combining hamza) is not attempted: those
 * marks are dropped by step 2 anyway.
 */
#include <string.h>
#include <utf8proc.h>

#include "hadath.h"
#include "text/text.h"
#include "text/utf8.h"

#define R_KEEP HD_RULE_KEEP
#define R_DROP HD_RULE_DROP
#define R_MAP HD_RULE_MAP
typedef hd_arabic_rule arabic_rule;

#define DIA(x) [x] = {HD_NORM_DIACRITICS, R_DROP, 0}
#define MAP(x, f, cp) [x] = {f, R_MAP, cp}
#define DIGIT(x, d) [x] = {HD_NORM_DIGITS, R_MAP, '0' + (d)}

/* What a step does to one code point of U+0600..U+06FF, if its flag is on;
 * indexed by code point - 0x600. Entries left out keep their character.
 * The tokenizer's word loop reads this table too (text.h). */
const hd_arabic_rule hd_arabic_rules[256] = {
    MAP(0x0C, HD_NORM_PUNCT, ','), MAP(0x1B, HD_NORM_PUNCT, ';'),
    MAP(0x1F, HD_NORM_PUNCT, '?'), MAP(0xD4, HD_NORM_PUNCT, '.'),
    MAP(0x6A, HD_NORM_PUNCT, '%'), MAP(0x6D, HD_NORM_PUNCT, '*'),
    DIA(0x10), DIA(0x11), DIA(0x12), DIA(0x13), DIA(0x14), DIA(0x15),
    DIA(0x16), DIA(0x17), DIA(0x18), DIA(0x19), DIA(0x1A), DIA(0x1C),
    DIA(0x40), DIA(0x4B), DIA(0x4C), DIA(0x4D), DIA(0x4E), DIA(0x4F),
    DIA(0x50), DIA(0x51), DIA(0x52), DIA(0x53), DIA(0x54), DIA(0x55),
    DIA(0x56), DIA(0x57), DIA(0x58), DIA(0x59), DIA(0x5A), DIA(0x5B),
    DIA(0x5C), DIA(0x5D), DIA(0x5E), DIA(0x5F), DIA(0x70),
    DIA(0xD6), DIA(0xD7), DIA(0xD8), DIA(0xD9), DIA(0xDA), DIA(0xDB),
    DIA(0xDC), DIA(0xDF), DIA(0xE0), DIA(0xE1), DIA(0xE2), DIA(0xE3),
    DIA(0xE4), DIA(0xE7), DIA(0xE8), DIA(0xEA), DIA(0xEB), DIA(0xEC),
    DIA(0xED),
    MAP(0x22, HD_NORM_ALEF, 0x627), MAP(0x23, HD_NORM_ALEF, 0x627),
    MAP(0x25, HD_NORM_ALEF, 0x627), MAP(0x71, HD_NORM_ALEF, 0x627),
    MAP(0x72, HD_NORM_ALEF, 0x627), MAP(0x73, HD_NORM_ALEF, 0x627),
    MAP(0x49, HD_NORM_YEH, 0x64A), MAP(0xCC, HD_NORM_YEH, 0x64A),
    MAP(0x29, HD_NORM_TEH_MARBUTA, 0x647),
    MAP(0xC3, HD_NORM_TEH_MARBUTA, 0x647),
    MAP(0xA9, HD_NORM_NFKC, 0x643), MAP(0xBE, HD_NORM_NFKC, 0x647),
    MAP(0xC1, HD_NORM_NFKC, 0x647),
    /* high hamza letters: NFKC decomposes them (ٵ -> اٴ) */
    MAP(0x75, HD_NORM_NFKC, 0xFFFF), MAP(0x76, HD_NORM_NFKC, 0xFFFF),
    MAP(0x77, HD_NORM_NFKC, 0xFFFF), MAP(0x78, HD_NORM_NFKC, 0xFFFF),
    DIGIT(0x60, 0), DIGIT(0x61, 1), DIGIT(0x62, 2), DIGIT(0x63, 3),
    DIGIT(0x64, 4), DIGIT(0x65, 5), DIGIT(0x66, 6), DIGIT(0x67, 7),
    DIGIT(0x68, 8), DIGIT(0x69, 9),
    DIGIT(0xF0, 0), DIGIT(0xF1, 1), DIGIT(0xF2, 2), DIGIT(0xF3, 3),
    DIGIT(0xF4, 4), DIGIT(0xF5, 5), DIGIT(0xF6, 6), DIGIT(0xF7, 7),
    DIGIT(0xF8, 8), DIGIT(0xF9, 9),
    MAP(0x6B, HD_NORM_DIGITS, '.'), MAP(0x6C, HD_NORM_DIGITS, ','),
};

#undef DIA
#undef MAP
#undef DIGIT

/* The output: bytes are written while they fit, a code point is never cut,
 * and the needed length keeps counting after the buffer is full. */
typedef struct sink {
    char *out;
    size_t room;  /* bytes that may still be written (cap - 1 - used) */
    size_t used;  /* bytes written */
    size_t need;  /* bytes the whole key needs */
    int full;     /* once something did not fit, write nothing more */
} sink;

static inline void put(sink *k, const char *b, size_t n)
{
    k->need += n;
    if (k->full)
        return;
    if (n > k->room) {
        k->full = 1;
        return;
    }
    memcpy(k->out + k->used, b, n);
    k->used += n;
    k->room -= n;
}

static inline void put_byte(sink *k, char c)
{
    k->need++;
    if (k->full)
        return;
    if (!k->room) {
        k->full = 1;
        return;
    }
    k->out[k->used++] = c;
    k->room--;
}

static void put_cp(sink *k, uint32_t cp)
{
    char b[4];
    put(k, b, hd_utf8_encode(cp, b));
}

/* Invisible format characters, dropped with the diacritics. */
static int is_invisible(uint32_t cp)
{
    return cp == 0x00AD || cp == 0x061C || cp == 0x180E ||
           (cp >= 0x200C && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x206F) ||
           cp == 0xFEFF;
}

/* Steps 2-8 for one code point (NFKC already done or not wanted). */
static void put_folded(sink *k, uint32_t cp, unsigned flags)
{
    if (cp < 0x80) {
        if ((flags & HD_NORM_LATIN_CASE) && cp >= 'A' && cp <= 'Z')
            cp += 32;
        put_byte(k, (char)cp);
        return;
    }
    if (cp >= 0x600 && cp <= 0x6FF) {
        arabic_rule r = hd_arabic_rules[cp - 0x600];
        if (r.kind != R_KEEP && (flags & r.flag) && r.flag != HD_NORM_NFKC) {
            if (r.kind == R_MAP)
                put_folded(k, r.to, flags & ~(unsigned)r.flag);
            return;
        }
        if (r.kind == R_MAP && (flags & r.flag) && r.to != 0xFFFF) {
            put_cp(k, r.to); /* NFKC look-alike, seen after decomposition */
            return;
        }
        put_cp(k, cp);
        return;
    }
    if ((flags & HD_NORM_DIACRITICS) && is_invisible(cp))
        return;
    put_cp(k, cp);
}

/* Step 1 for a code point outside the fast ranges: true if it was folded. */
static int put_nfkc(sink *k, uint32_t cp, unsigned flags)
{
    const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)cp);
    utf8proc_int32_t buf[32];
    utf8proc_ssize_t n;
    int bound = 0;

    if (p->decomp_seqindex == UINT16_MAX)
        return 0;
    n = utf8proc_decompose_char((utf8proc_int32_t)cp, buf, 32,
                                UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, &bound);
    if (n <= 0 || n > 32)
        return 0;
    n = utf8proc_normalize_utf32(buf, n, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    if (n <= 0)
        return 0;
    for (utf8proc_ssize_t j = 0; j < n; j++)
        put_folded(k, (uint32_t)buf[j], flags);
    return 1;
}

/* Spelling variants of loanwords that news writes both ways, unified in
 * keys so that الديموقراطية meets الديمقراطية and الأميركية meets
 * الأمريكية. Each pair is (variant, canonical) in normalized form; the
 * canonical form is never longer, so the fold works in place. */
static const struct { const char *from, *to; } variants[] = {
    {"\xd8\xaf\xd9\x8a\xd9\x85\xd9\x88\xd9\x82\xd8\xb1\xd8\xa7\xd8\xb7",
     "\xd8\xaf\xd9\x8a\xd9\x85\xd9\x82\xd8\xb1\xd8\xa7\xd8\xb7"}, /* ديموقراط */
    {"\xd8\xa7\xd9\x85\xd9\x8a\xd8\xb1\xd9\x83",
     "\xd8\xa7\xd9\x85\xd8\xb1\xd9\x8a\xd9\x83"}, /* اميرك */
};

static char *find(char *hay, size_t n, const char *needle, size_t m)
{
    for (size_t i = 0; i + m <= n; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, m) == 0)
            return hay + i;
    return NULL;
}

size_t hd_text_fold_variants(char *out, size_t len)
{
    for (size_t v = 0; v < sizeof variants / sizeof variants[0]; v++) {
        size_t fl = strlen(variants[v].from), tl = strlen(variants[v].to);
        char *p = out;
        while (len >= fl && (p = find(p, len - (size_t)(p - out), variants[v].from, fl))) {
            memcpy(p, variants[v].to, tl);
            memmove(p + tl, p + fl, len - (size_t)(p - out) - fl + 1);
            len -= fl - tl;
            p += tl;
        }
    }
    return len;
}

size_t hd_text_normalize(const char *s, size_t n, unsigned flags, char *out,
                         size_t cap)
{
    sink k = {out, cap ? cap - 1 : 0, 0, 0, cap == 0};
    size_t i = 0;

    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if ((flags & HD_NORM_LATIN_CASE) && c >= 'A' && c <= 'Z')
                c += 32;
            put_byte(&k, (char)c);
            i++;
            continue;
        }
        if (c >= 0xD8 && c <= 0xDB && i + 1 < n &&
            ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
            unsigned low = ((c & 3u) << 6) | ((unsigned char)s[i + 1] & 0x3Fu);
            arabic_rule r = hd_arabic_rules[low];
            if (r.kind == R_KEEP || !(flags & r.flag)) {
                put(&k, s + i, 2);
            } else if (r.to == 0xFFFF) {
                if (!put_nfkc(&k, 0x600 + low, flags))
                    put(&k, s + i, 2);
            } else if (r.kind == R_MAP) {
                put_folded(&k, r.to, flags & ~(unsigned)r.flag);
            }
            i += 2;
            continue;
        }
        uint32_t cp;
        size_t len = hd_utf8_decode(s, n, i, &cp);
        if (hd_utf8_was_invalid(s, i, len, cp))
            put_cp(&k, HD_UTF8_REPLACEMENT);
        else if ((flags & HD_NORM_DIACRITICS) && is_invisible(cp))
            ;
        else if (!(flags & HD_NORM_NFKC) || !put_nfkc(&k, cp, flags))
            put(&k, s + i, len);
        i += len;
    }
    if (cap)
        out[k.used] = '\0';
    /* Variants fold only a complete key: a truncated one is retried. */
    if ((flags & HD_NORM_VARIANTS) && k.used == k.need && k.used >= 10)
        return hd_text_fold_variants(out, k.used);
    return k.need;
}
