/*
 * tokenize.c: tokens over a zone, in one pass over its bytes.
 *
 * A token is a run of one character class, so a word glued to digits or to
 * Latin letters (2018م, BBCعربي) splits where the script changes:
 *
 *   WORD    Arabic letters (and letters of other non-Latin scripts), with
 *           the diacritics, tatweel and invisible joiners inside them.
 *   NUMBER  digits of any script; a separator . , : / - – ٫ ٬ between two
 *           digits stays inside (1,000  3.5  250-300  ١٢٫٥  10:30).
 *   LATIN   Latin letters, with digits and with an inner - or ' before a
 *           letter (Reuters, al-Qaeda, G20).
 *   URL     http:// https:// www. up to a space or a quote, bracket or
 *           Arabic punctuation mark; trailing . , ; : ! ? ' left out.
 *   EMAIL   local@domain.tld.
 *   PUNCT   each mark is its own token (quotes « » “ ” " ' included); a run
 *           of tatweel standing alone is one.
 *   SYMBOL  any other single character: % $ +, a stray diacritic, and
 *           U+FFFD for each invalid UTF-8 sequence (counted in the doc).
 * Whitespace (including NUL bytes, counted, and other C0 controls) separates
 * tokens and sets space_before on the next one; invisible format characters
 * (RLM, ZWNJ, ...) separate nothing and are skipped.
 *
 * Speed. Nine tokens in ten are Arabic words made only of 2-byte characters
 * of the Arabic block (lead byte D8..DB). For those, one loop reads each
 * character once: a table says whether it continues the word, the
 * normalization table (normalize.c, shared through text.h) writes its key
 * bytes straight into key space carved from the doc's arena, and the clitic
 * hints (hamzated alef, final ة, tanwin) are noted on the way. Everything
 * else is classified from its bytes too (a 128-entry table for ASCII, a
 * 256-entry table for the Arabic block) and only the rest asks utf8proc for
 * a category; such tokens are normalized by hd_text_normalize() through a
 * stack buffer. Tokens go into doc->tokens, which keeps its capacity from
 * one document to the next: nothing is malloc'ed per token, and the result
 * equals what the public functions give for each surface (the tests check).
 * A word seen before is found in the key memo (keymemo.c), megabytes of
 * table: the tokenizer reads a few words ahead (known_word) so that the
 * cache misses of their lookups overlap.
 *
 * Tokens longer than HD_TOKEN_MAX bytes are cut, at a code point boundary,
 * into pieces of the same kind (a cut URL goes on as URL).
 */
#include <string.h>
#include <utf8proc.h>

#include "base/arena.h"
#include "text/text.h"
#include "text/utf8.h"

enum char_class {
    C_SYMBOL = 0,
    C_SPACE,
    C_IGNORE,
    C_LETTER, /* non-Latin letter */
    C_MARK,   /* combining mark or tatweel */
    C_LATIN,
    C_DIGIT,
    C_PUNCT
};

#define SP C_SPACE
#define SY C_SYMBOL
#define PU C_PUNCT
#define DI C_DIGIT
#define LA C_LATIN

static const unsigned char ascii_class[128] = {
    SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, /* 00 */
    SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, /* 10 */
    SP, PU, PU, SY, SY, SY, SY, PU, PU, PU, SY, SY, PU, PU, PU, PU, /*  !"#$%&'()*+,-./ */
    DI, DI, DI, DI, DI, DI, DI, DI, DI, DI, PU, PU, SY, SY, SY, PU, /* 0-9 :;<=>? */
    SY, LA, LA, LA, LA, LA, LA, LA, LA, LA, LA, LA, LA, LA, LA, LA, /* @A-O */
    LA, LA, LA, LA, LA, LA, LA, LA, LA, LA, LA, PU, PU, PU, SY, SY, /* P-Z [\]^_ */
    SY, LA, LA, LA, LA, LA, LA, LA, LA, LA, LA, LA, LA, LA, LA, LA, /* `a-o */
    LA, LA, LA, LA, LA, LA, LA, LA, LA, LA, LA, PU, SY, PU, SY, SP, /* p-z {|}~ DEL */
};

#define LE C_LETTER
#define MK C_MARK
#define IG C_IGNORE

/* Classes of U+0600..U+06FF, indexed by code point - 0x600. */
static const unsigned char arabic_class[256] = {
    SY, SY, SY, SY, SY, SY, SY, SY, SY, SY, SY, SY, PU, PU, SY, SY, /* 600 */
    MK, MK, MK, MK, MK, MK, MK, MK, MK, MK, MK, PU, IG, PU, PU, PU, /* 610 */
    LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, /* 620 */
    LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, /* 630 */
    MK, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, MK, MK, MK, MK, MK, /* 640 */
    MK, MK, MK, MK, MK, MK, MK, MK, MK, MK, MK, MK, MK, MK, MK, MK, /* 650 */
    DI, DI, DI, DI, DI, DI, DI, DI, DI, DI, SY, PU, PU, SY, LE, LE, /* 660 */
    MK, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, /* 670 */
    LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, /* 680 */
    LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, /* 690 */
    LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, /* 6A0 */
    LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, /* 6B0 */
    LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, /* 6C0 */
    LE, LE, LE, LE, PU, LE, MK, MK, MK, MK, MK, MK, MK, SY, SY, MK, /* 6D0 */
    MK, MK, MK, MK, MK, LE, LE, MK, MK, SY, MK, MK, MK, MK, LE, LE, /* 6E0 */
    DI, DI, DI, DI, DI, DI, DI, DI, DI, DI, LE, LE, LE, SY, SY, LE, /* 6F0 */
};

#undef SP
#undef SY
#undef PU
#undef DI
#undef LA
#undef LE
#undef MK
#undef IG

static int is_latin_range(uint32_t cp)
{
    return (cp >= 0x00C0 && cp <= 0x02AF) || cp == 0x00AA || cp == 0x00BA ||
           (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2C60 && cp <= 0x2C7F) ||
           (cp >= 0xA720 && cp <= 0xA7FF) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
           (cp >= 0xFF41 && cp <= 0xFF5A) || (cp >= 0xFB00 && cp <= 0xFB06);
}

/* Everything outside ASCII and the Arabic block. */
static unsigned other_class(uint32_t cp)
{
    if (cp == 0x00AD || cp == 0x180E || (cp >= 0x200C && cp <= 0x200F) ||
        (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) ||
        cp == 0xFEFF)
        return C_IGNORE;
    if (cp == 0x200B)
        return C_SPACE;
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return is_latin_range(cp) ? C_LATIN : C_LETTER;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return C_MARK;
    case UTF8PROC_CATEGORY_ND:
        return C_DIGIT;
    case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PS: case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO:
        return C_PUNCT;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP: case UTF8PROC_CATEGORY_CC:
        return C_SPACE;
    case UTF8PROC_CATEGORY_CF:
        return C_IGNORE;
    default:
        return C_SYMBOL;
    }
}

/* One character: code point, byte length, class. */
typedef struct ch {
    uint32_t cp;
    unsigned len;
    unsigned cls;
    int invalid;
} ch;

static inline ch peek(const char *s, size_t i, size_t end)
{
    unsigned char c = (unsigned char)s[i];
    ch r;
    r.invalid = 0;
    if (c < 0x80) {
        r.cp = c;
        r.len = 1;
        r.cls = ascii_class[c];
        return r;
    }
    if (c >= 0xD8 && c <= 0xDB && i + 1 < end &&
        ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
        unsigned low = ((c & 3u) << 6) | ((unsigned char)s[i + 1] & 0x3Fu);
        r.cp = 0x600 + low;
        r.len = 2;
        r.cls = arabic_class[low];
        return r;
    }
    r.len = (unsigned)hd_utf8_decode(s, end, i, &r.cp);
    if (hd_utf8_was_invalid(s, i, r.len, r.cp)) {
        r.invalid = 1;
        r.cls = C_SYMBOL;
    } else {
        r.cls = other_class(r.cp);
    }
    return r;
}

/* A scan stops at `end` (the zone) and never passes `max` (the token size
 * limit); *cut says it was the limit that stopped it. A word scan also
 * leaves the clitic hints of the word and whether it held only 2-byte
 * Arabic characters (then its key is no longer than its surface). */
typedef struct scan {
    const char *s;
    size_t end, max;
    int cut;
    unsigned hints;
    int plain;
    char *pool;       /* key space carved from the arena, a chunk at a time */
    size_t pool_left;
    size_t zone_len;
    unsigned flags;   /* normalization flags */
    size_t key_len;   /* a plain word's key, written at pool by scan_word */
    hd_key_memo *memo; /* the doc's key memo (keymemo.c) */
    uint32_t *entries; /* per token: its key memo entry (HD_KEY_NONE) */
    uint64_t *links;   /* per token: that entry's link words (0: none) */
} scan;

static int fits(scan *sc, size_t i, unsigned len)
{
    if (i + len > sc->max) {
        sc->cut = 1;
        return 0;
    }
    return 1;
}

/* What a plain word may hold, by U+0600 + low: a letter, a mark, the
 * invisible ALM (kept only between letters), or 0 for anything else,
 * including the letters that NFKC lengthens (U+0675..0678). Derived from
 * arabic_class. */
enum { PL = 1, PI = 2, PM = 3 };
static const unsigned char plain_word_char[256] = {
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, /* 600 */
    PM, PM, PM, PM, PM, PM, PM, PM, PM, PM, PM,  0, PI,  0,  0,  0, /* 610 */
    PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, /* 620 */
    PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, /* 630 */
    PM, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PM, PM, PM, PM, PM, /* 640 */
    PM, PM, PM, PM, PM, PM, PM, PM, PM, PM, PM, PM, PM, PM, PM, PM, /* 650 */
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, PL, PL, /* 660 */
    PM, PL, PL, PL, PL,  0,  0,  0,  0, PL, PL, PL, PL, PL, PL, PL, /* 670 */
    PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, /* 680 */
    PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, /* 690 */
    PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, /* 6A0 */
    PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, /* 6B0 */
    PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, PL, /* 6C0 */
    PL, PL, PL, PL,  0, PL, PM, PM, PM, PM, PM, PM, PM,  0,  0, PM, /* 6D0 */
    PM, PM, PM, PM, PM, PL, PL, PM, PM,  0, PM, PM, PM, PM, PL, PL, /* 6E0 */
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0, PL, PL, PL,  0,  0, PL, /* 6F0 */
};

/* Letters, marks and the invisible characters between them. While the
 * word stays plain (2-byte Arabic only), one pass also writes its key at
 * sc->pool (room for HD_TOKEN_MAX + 1 bytes, see key_room) and gathers the
 * clitic hints of hd_text_clitic_hints(). Anything else goes through
 * peek(), and the caller then normalizes the word the general way. */
static size_t scan_word(scan *sc, size_t i)
{
    /* Locals, not sc->...: the key is written through a char pointer, which
     * may alias anything, and would make the compiler reload every field. */
    const unsigned char *s = (const unsigned char *)sc->s;
    const size_t end = sc->end, max = sc->max;
    const unsigned flags = sc->flags;
    char *key = sc->pool;
    size_t start = i, last = i, o = 0, o_last = 0;
    unsigned letters = 0, hints = 0, final = 0;
    int tanwin_after = 0, tanwin_before = 0, plain = 1;

    for (;;) {
        while (plain && i + 1 < end) {
            unsigned lead = s[i] - 0xD8u, low, w;
            if (lead > 3 || (s[i + 1] & 0xC0) != 0x80)
                break;
            low = (lead << 6) | (s[i + 1] & 0x3Fu);
            w = plain_word_char[low];
            if (!w)
                break;
            if (i + 2 > max) {
                sc->cut = 1;
                goto done;
            }
            o += hd_arabic_key(s + i, low, flags, key + o);
            i += 2;
            if (w == PI)
                continue; /* kept only if a letter follows */
            if (w == PL) {
                if (letters < 4 && (low == 0x22 || low == 0x23 || low == 0x25))
                    hints |= HD_HINT_HAMZA_ALEF(letters);
                letters++;
                tanwin_before = tanwin_after;
                tanwin_after = 0;
                final = low;
            } else if (low == 0x4B) {
                tanwin_after = 1;
            }
            last = i;
            o_last = o;
        }
        if (i >= end || s[i] < 0x80)
            break; /* no ASCII character continues a word */
        ch k = peek(sc->s, i, end);
        if (k.cls == C_LETTER || k.cls == C_MARK) {
            if (!fits(sc, i, k.len))
                break;
            i += k.len;
            last = i;
        } else if (k.cls == C_IGNORE) {
            i += k.len; /* kept only if a letter follows */
        } else {
            break;
        }
        plain = 0;
    }
done:
    sc->plain = plain;
    if (plain) {
        if (final == 0x29 || final == 0xC3)
            hints |= HD_HINT_FINAL_TEH_MARBUTA;
        if (final == 0x27 && (tanwin_after || tanwin_before))
            hints |= HD_HINT_FINAL_TANWIN;
        sc->hints = hints;
        sc->key_len = o_last;
    } else {
        sc->hints = hd_text_clitic_hints(sc->s + start, last - start);
    }
    return last;
}

static size_t scan_tatweel(scan *sc, size_t i)
{
    while (i < sc->end) {
        ch c = peek(sc->s, i, sc->end);
        if (c.cp != 0x0640 || !fits(sc, i, c.len))
            break;
        i += c.len;
    }
    return i;
}

static int is_number_sep(uint32_t cp)
{
    return cp == '.' || cp == ',' || cp == ':' || cp == '/' || cp == '-' ||
           cp == 0x2013 || cp == 0x066B || cp == 0x066C;
}

static size_t scan_number(scan *sc, size_t i)
{
    while (i < sc->end) {
        ch c = peek(sc->s, i, sc->end);
        if (c.cls == C_DIGIT) {
            if (!fits(sc, i, c.len))
                break;
            i += c.len;
            continue;
        }
        if (!is_number_sep(c.cp) || i + c.len >= sc->end)
            break;
        ch d = peek(sc->s, i + c.len, sc->end);
        if (d.cls != C_DIGIT || !fits(sc, i, c.len + d.len))
            break;
        i += c.len + d.len;
    }
    return i;
}

static size_t scan_latin(scan *sc, size_t i)
{
    while (i < sc->end) {
        ch c = peek(sc->s, i, sc->end);
        if (c.cls == C_LATIN || c.cls == C_MARK || c.cls == C_DIGIT) {
            if (!fits(sc, i, c.len))
                break;
            i += c.len;
            continue;
        }
        if (!(c.cp == '-' || c.cp == '\'' || c.cp == 0x2019) ||
            i + c.len >= sc->end)
            break;
        ch d = peek(sc->s, i + c.len, sc->end);
        if (d.cls != C_LATIN || !fits(sc, i, c.len + d.len))
            break;
        i += c.len + d.len;
    }
    return i;
}

static int starts_with_ci(const char *s, size_t i, size_t end, const char *p)
{
    size_t n = strlen(p);
    if (end - i < n)
        return 0;
    for (size_t k = 0; k < n; k++) {
        unsigned char c = (unsigned char)s[i + k];
        if (c >= 'A' && c <= 'Z')
            c += 32;
        if (c != (unsigned char)p[k])
            return 0;
    }
    return 1;
}

/* Characters that end a URL: quotes, angle brackets, Arabic punctuation. */
static int ends_url(uint32_t cp)
{
    return cp == '"' || cp == '<' || cp == '>' || cp == 0xAB || cp == 0xBB ||
           cp == 0x201C || cp == 0x201D || cp == 0x060C || cp == 0x061B ||
           cp == 0x061F;
}

static size_t scan_url(scan *sc, size_t i)
{
    size_t start = i;
    int parens = 0;
    while (i < sc->end) {
        ch c = peek(sc->s, i, sc->end);
        if (c.cls == C_SPACE || c.cls == C_IGNORE || c.invalid ||
            ends_url(c.cp))
            break;
        if (c.cp == '(')
            parens++;
        if (c.cp == ')' && parens-- == 0)
            break;
        if (!fits(sc, i, c.len))
            break;
        i += c.len;
    }
    while (i > start && !sc->cut && sc->s[i - 1] != '\0' &&
           strchr(".,;:!?'", sc->s[i - 1]) != NULL)
        i--;
    return i;
}

static int is_email_local(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '%' ||
           c == '+' || c == '-';
}

static int is_label(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '-';
}

/* The end of an e-mail address starting at i, or 0. */
static size_t match_email(const scan *sc, size_t i)
{
    const char *s = sc->s;
    size_t j = i, end = sc->end < sc->max ? sc->end : sc->max;
    while (j < end && is_email_local((unsigned char)s[j]))
        j++;
    if (j == i || j >= end || s[j] != '@')
        return 0;
    j++;
    size_t dots = 0, last_label = j, k = j;
    while (k < end) {
        if (is_label((unsigned char)s[k])) {
            k++;
        } else if (s[k] == '.' && k > last_label && k + 1 < end &&
                   is_label((unsigned char)s[k + 1])) {
            dots++;
            last_label = ++k;
        } else {
            break;
        }
    }
    if (!dots || k - last_label < 2)
        return 0;
    for (size_t m = last_label; m < k; m++) {
        unsigned char c = (unsigned char)s[m];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            return 0;
    }
    return k;
}

/* Room for a key of n bytes (NUL included). Keys need no alignment, so they
 * are packed into chunks of the arena sized to the zone (the keys of a zone
 * take at most twice its bytes, unless NFKC expands something). */
static char *key_space(hd_doc *doc, scan *sc, size_t n)
{
    char *p;
    if (sc->pool_left < n) {
        size_t want = 2 * sc->zone_len + 2;
        if (want > 65536)
            want = 65536;
        if (want < n)
            want = n;
        sc->pool = hd_arena_alloc(doc->arena, want);
        sc->pool_left = want;
    }
    p = sc->pool;
    sc->pool += n;
    sc->pool_left -= n;
    return p;
}

/* Makes sure the pool can take a plain word's key, which scan_word writes
 * at sc->pool before anyone knows its length. */
static void key_room(hd_doc *doc, scan *sc)
{
    if (sc->pool_left < HD_TOKEN_MAX + 1) {
        key_space(doc, sc, HD_TOKEN_MAX + 1);
        sc->pool -= HD_TOKEN_MAX + 1; /* reserved, not taken */
        sc->pool_left += HD_TOKEN_MAX + 1;
    }
}

/* Inline: once per token, and a call cost a third of its work. */
static inline hd_token *push_token(hd_doc *doc, scan *sc, size_t start,
                                   size_t end, const char *key, size_t kl,
                                   int kind, int space, uint32_t entry)
{
    sc->entries[doc->n_tokens] = entry;
    sc->links[doc->n_tokens] = 0;
    HD_VEC_RESERVE(doc->tokens, doc->cap_tokens, doc->n_tokens + 1);
    hd_token *t = &doc->tokens[doc->n_tokens++];
    t->start = (uint32_t)start;
    t->end = (uint32_t)end;
    t->key = key;
    t->key_len = (uint32_t)kl;
    t->stem_off = 0;
    t->stem_len = (uint32_t)kl;
    t->kind = (uint8_t)kind;
    t->prefixes = 0;
    t->suffix = 0;
    t->space_before = (uint8_t)space;
    return t;
}

#define MODE_STRIP (1u << 31) /* key memo mode: stems were asked for */

static unsigned memo_mode(const hd_text_opts *o)
{
    return o->norm_flags | (o->strip_clitics ? MODE_STRIP : 0);
}

/* A plain word (2-byte Arabic only) has its key already, written by
 * scan_word into the key space: its folding and stem are computed, and
 * all of it goes into the key memo under the surface. */
static void emit_plain(hd_doc *doc, scan *sc, size_t start, size_t end,
                       int space, const hd_text_opts *o)
{
    size_t kl = sc->key_len;
    char *key = key_space(doc, sc, kl + 1);
    key[kl] = '\0';
    if ((o->norm_flags & HD_NORM_VARIANTS) && kl >= 10)
        kl = hd_text_fold_variants(key, kl);
    hd_token *t = push_token(doc, sc, start, end, key, kl, HD_TOK_WORD, space,
                             HD_KEY_NONE);
    if (o->strip_clitics) {
        size_t off, len;
        int sfx;
        t->prefixes = (uint8_t)hd_text_strip_clitics_arabic(
            key, kl, sc->hints, &off, &len, &sfx);
        t->stem_off = (uint32_t)off;
        t->stem_len = (uint32_t)len;
        t->suffix = (uint8_t)sfx;
    }
    hd_key_stem ks = {kl, key, t->stem_off, t->stem_len, t->prefixes,
                      t->suffix, HD_KEY_NONE, 0};
    uint32_t entry = hd_key_memo_add(sc->memo, doc->text + start, end - start,
                                     memo_mode(o), key, &ks);
    sc->entries[doc->n_tokens - 1] = entry;
}

/* Copies n bytes: inline for most keys (up to 16 bytes, two overlapping
 * 8-byte moves), where a memcpy of unknown length would be a call. */
static inline void copy_short(char *d, const char *s, size_t n)
{
    if (n >= 8 && n <= 16) {
        uint64_t a, b;
        memcpy(&a, s, 8);
        memcpy(&b, s + n - 8, 8);
        memcpy(d, &a, 8);
        memcpy(d + n - 8, &b, 8);
    } else if (n >= 4 && n < 8) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        memcpy(d, &a, 4);
        memcpy(d + n - 4, &b, 4);
    } else {
        memcpy(d, s, n);
    }
}

/* A plain word the key memo knows: its key copied into the key space. */
static void emit_known(hd_doc *doc, scan *sc, size_t start, size_t end,
                       int space, const hd_key_stem *ks)
{
    char *key = key_space(doc, sc, ks->kl + 1);
    copy_short(key, ks->key, ks->kl);
    key[ks->kl] = '\0';
    hd_token *t = push_token(doc, sc, start, end, key, ks->kl, HD_TOK_WORD,
                             space, ks->entry);
    sc->links[doc->n_tokens - 1] = ks->link;
    t->stem_off = ks->stem_off;
    t->stem_len = ks->stem_len;
    t->prefixes = ks->prefixes;
    t->suffix = ks->suffix;
}

/* Where the word at i ends when it is plain and whole (no token size cut):
 * 1 and *last, the end scan_word would give; 0 when only scan_word can
 * tell. It reads the bytes as scan_word's plain loop does, without making
 * the key. */
static int plain_end(const char *text, size_t i, size_t end, size_t max,
                     size_t *last_out)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t last = i;
    /* inside stop both bytes of a character are in the zone and within the
     * size limit, so the loop tests neither */
    size_t stop = end < max ? end : max;
    while (i + 1 < stop) {
        unsigned lead = s[i] - 0xD8u, low, w;
        if (lead > 3 || (s[i + 1] & 0xC0) != 0x80)
            break;
        low = (lead << 6) | (s[i + 1] & 0x3Fu);
        w = plain_word_char[low];
        if (!w)
            break;
        i += 2;
        if (w != PI)
            last = i;
    }
    if (i + 1 < end && i + 1 >= stop) { /* the limit stopped it */
        unsigned lead = s[i] - 0xD8u;
        if (lead <= 3 && (s[i + 1] & 0xC0) == 0x80 &&
            plain_word_char[(lead << 6) | (s[i + 1] & 0x3Fu)])
            return 0; /* cut: scan_word's business */
    }
    if (i < end && s[i] >= 0x80) {
        ch k = peek(text, i, end);
        if (k.cls == C_LETTER || k.cls == C_MARK || k.cls == C_IGNORE)
            return 0; /* the word goes on, not plain */
    }
    *last_out = last;
    return 1;
}

/* Reading ahead for the key memo. A known word's lookup is a slot and an
 * entry in a memo of megabytes: two misses, which the next word's lookup
 * does not depend on. So the words ahead are found (plain_end), hashed and
 * their slots asked for AHEAD words early, their entries AHEAD_ENTRY words
 * early, and the tokenizer, reaching a word, takes its end and hash from
 * the queue: the misses overlap instead of coming one after the other.
 * What is read ahead is only a guess of where words start (a URL or a word
 * plain_end cannot finish is skipped to its space); a queued word is used
 * only at exactly its start, where plain_end would give the same end. */
#define AHEAD 8 /* a power of two */
#define AHEAD_ENTRY 4

typedef struct ahead_word {
    size_t start, end;
    uint64_t h;
} ahead_word;

typedef struct ahead {
    ahead_word q[AHEAD];
    unsigned head, tail; /* queued: q[head % AHEAD] up to q[tail % AHEAD] */
    size_t p;            /* where the search for the next word goes on */
    uint64_t mix;        /* hd_key_memo_mode_mix of the mode, made once */
} ahead;

/* Queues the next plain word from a->p, asking for its slots; 0: none. */
static int ahead_push(ahead *a, const scan *sc)
{
    const unsigned char *s = (const unsigned char *)sc->s;
    size_t p = a->p, end;
    while (p + 1 < sc->end) {
        unsigned b = s[p];
        if (b < 0xD8 || b > 0xDB || (s[p + 1] & 0xC0) != 0x80 ||
            arabic_class[((b & 3u) << 6) | (s[p + 1] & 0x3Fu)] != C_LETTER) {
            p++;
            continue;
        }
        if (plain_end(sc->s, p, sc->end, p + HD_TOKEN_MAX, &end)) {
            ahead_word *w = &a->q[a->tail++ % AHEAD];
            w->start = p;
            w->end = end;
            w->h = hd_key_memo_hash_mixed(sc->s + p, end - p, a->mix);
            hd_key_memo_prefetch_slots(sc->memo, w->h);
            a->p = end;
            return 1;
        }
        while (p < sc->end && s[p] != ' ' && s[p] != '\n')
            p++;
    }
    a->p = sc->end;
    return 0;
}

/* Whether the word at i is plain and known: then its end and its key. */
static int known_word(ahead *a, const scan *sc, size_t i, unsigned mode,
                      size_t *end, hd_key_stem *ks)
{
    while (a->head != a->tail && a->q[a->head % AHEAD].start < i)
        a->head++;
    if (a->head == a->tail && a->p < i)
        a->p = i;
    while (a->tail - a->head < AHEAD && ahead_push(a, sc))
        ;
    if (a->tail - a->head > AHEAD_ENTRY)
        hd_key_memo_prefetch_entry(sc->memo,
                                   a->q[(a->head + AHEAD_ENTRY) % AHEAD].h);
    uint64_t h;
    if (a->head != a->tail && a->q[a->head % AHEAD].start == i) {
        const ahead_word *w = &a->q[a->head++ % AHEAD];
        *end = w->end;
        h = w->h;
    } else if (plain_end(sc->s, i, sc->end, sc->max, end)) {
        h = hd_key_memo_hash_mixed(sc->s + i, *end - i, a->mix);
    } else {
        return 0;
    }
    return hd_key_memo_find_hashed(sc->memo, sc->s + i, *end - i, mode, h, ks);
}

/* Appends a token and computes its key and stem. Tokens other than plain
 * words are normalized through a stack buffer. */
static void emit(hd_doc *doc, scan *sc, size_t start, size_t end,
                 int kind, int space, const hd_text_opts *o)
{
    const char *surface = doc->text + start;
    size_t n = end - start;
    size_t kl;
    char *key;

    if (kind == HD_TOK_WORD && sc->plain) {
        emit_plain(doc, sc, start, end, space, o);
        return;
    }
    char buf[1024];
    kl = hd_text_normalize(surface, n, o->norm_flags, buf, sizeof buf);
    if (kl < sizeof buf) {
        key = key_space(doc, sc, kl + 1);
        memcpy(key, buf, kl + 1);
    } else { /* NFKC expanded it past the buffer */
        key = hd_arena_alloc(doc->arena, kl + 1);
        hd_text_normalize(surface, n, o->norm_flags, key, kl + 1);
    }
    hd_token *t = push_token(doc, sc, start, end, key, kl, kind, space,
                             HD_KEY_NONE);
    if (kind == HD_TOK_WORD && o->strip_clitics) {
        size_t off, len;
        int sfx;
        t->prefixes = (uint8_t)hd_text_strip_clitics(key, kl, sc->hints, &off,
                                                     &len, &sfx);
        t->stem_off = (uint32_t)off;
        t->stem_len = (uint32_t)len;
        t->suffix = (uint8_t)sfx;
    }
}

/* The token that starts with c at i: its end and kind. */
static size_t next_token(hd_doc *doc, scan *sc, size_t i, ch c,
                         int url_goes_on, int *kind)
{
    size_t e;
    if (url_goes_on && (e = scan_url(sc, i)) > i) {
        *kind = HD_TOK_URL;
        return e;
    }
    switch (c.cls) {
    case C_LETTER:
        *kind = HD_TOK_WORD;
        key_room(doc, sc);
        return scan_word(sc, i);
    case C_MARK:
        if (c.cp == 0x0640) {
            *kind = HD_TOK_PUNCT;
            return scan_tatweel(sc, i);
        }
        *kind = HD_TOK_SYMBOL;
        return i + c.len;
    case C_LATIN:
        if (starts_with_ci(sc->s, i, sc->end, "http://") ||
            starts_with_ci(sc->s, i, sc->end, "https://") ||
            starts_with_ci(sc->s, i, sc->end, "www.")) {
            *kind = HD_TOK_URL;
            return scan_url(sc, i);
        }
        /* fall through */
    case C_DIGIT:
        if (c.cp < 0x80 && (e = match_email(sc, i)) != 0) {
            *kind = HD_TOK_EMAIL;
            return e;
        }
        if (c.cls == C_DIGIT) {
            *kind = HD_TOK_NUMBER;
            return scan_number(sc, i);
        }
        *kind = HD_TOK_LATIN;
        return scan_latin(sc, i);
    case C_PUNCT:
        *kind = HD_TOK_PUNCT;
        return i + c.len;
    default:
        *kind = HD_TOK_SYMBOL;
        return i + c.len;
    }
}

void hd_text_tokenize_zone(hd_doc *doc, const hd_zone *zone,
                           const hd_text_opts *opts)
{
    hd_key_memo *memo = hd_key_memo_of(doc);
    /* a zone of n bytes has at most n tokens */
    uint64_t *links;
    uint32_t *entries = hd_key_memo_entries(
        memo, doc->n_tokens + (zone->end - zone->start) + 1, &links);
    scan sc = {doc->text, zone->end, 0, 0, 0, 0, NULL, 0,
               zone->end - zone->start, opts->norm_flags, 0, memo, entries,
               links};
    const unsigned mode = memo_mode(opts);
    const unsigned char *s = (const unsigned char *)doc->text;
    size_t i = zone->start;
    int space = 1, url_goes_on = 0;
    ahead la = {.p = i, .mix = hd_key_memo_mode_mix(mode)};

    while (i < sc.end) {
        unsigned char b = s[i];
        int kind;
        size_t end;
        if (b == ' ' || b == '\n') { /* the common separators, inline */
            space = 1;
            url_goes_on = 0;
            i++;
            continue;
        }
        sc.max = i + HD_TOKEN_MAX;
        sc.cut = 0;
        if (b >= 0xD8 && b <= 0xDB && i + 1 < sc.end &&
            (s[i + 1] & 0xC0) == 0x80 &&
            arabic_class[((b & 3u) << 6) | (s[i + 1] & 0x3Fu)] == C_LETTER &&
            !url_goes_on) {
            hd_key_stem ks; /* most tokens: an Arabic word seen before */
            if (known_word(&la, &sc, i, mode, &end, &ks)) {
                emit_known(doc, &sc, i, end, space, &ks);
                space = 0;
                i = end;
                continue;
            }
            key_room(doc, &sc);
            end = scan_word(&sc, i);
            emit(doc, &sc, i, end, HD_TOK_WORD, space, opts);
            space = 0;
            i = end;
            continue;
        }
        ch c = peek(sc.s, i, sc.end);
        if (c.cls == C_SPACE) {
            if (c.cp == 0)
                doc->n_nul++;
            space = 1;
            url_goes_on = 0;
            i += c.len;
            continue;
        }
        if (c.cls == C_IGNORE) {
            i += c.len;
            continue;
        }
        if (c.invalid)
            doc->n_invalid_utf8++;
        end = next_token(doc, &sc, i, c, url_goes_on, &kind);
        emit(doc, &sc, i, end, kind, space, opts);
        url_goes_on = kind == HD_TOK_URL && sc.cut;
        space = 0;
        i = end;
    }
}
