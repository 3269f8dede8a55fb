/*
 * clitic.c: stems of match keys.
 *
 * An Arabic word carries its conjunction, preposition, article and object
 * pronoun on its back: وبالمدينة is و + ب + ال + مدينة, عائلاتهم is
 * عائلات + هم. Dictionaries list مدينة and عائلات, so a key is matched by its
 * stem. The stem is a slice of the key; nothing is copied.
 *
 * Grammar. Proclitics come in a fixed order, each layer optional:
 *     [و | ف]  [ب | ل | ك]  [ال]  stem  [ه ها هم هما هن كم نا]
 * and ل + ال is written لل (للمدينة). That is all this file knows; there is
 * no lexicon in the text layer. What keeps it from cutting وزير into و + زير
 * is caution:
 *
 *   - A stem keeps at least two letters, and a two-letter stem must be one of
 *     the short words a clitic really leaves (و + هو, من + ه); after the
 *     article any two letters will do (الحق, اليد).
 *   - Protected stems (clitic_words.h): walking the layers outside in, the
 *     first remainder that is a protected stem, with or without the suffix,
 *     ends the stripping there. So ووزير is و + وزير, بلاده is بلاد + ه,
 *     and الله, التي, كانت stay whole.
 *   - ف and ك alone (not followed by ب/ل/ك or the article) are strict: on
 *     the ANT corpus and on UD PUD most words that begin with them are names
 *     and nouns (فورد, كوريا, كبار), so they are stripped only before a
 *     function word (فإن, فقد, كهذا), a hamzated alef (فأكد, كأحد), an
 *     imperfect or future verb after ف (فيقول, فسيكون) and a participle or
 *     noun in م after ك (كمراقب).
 *   - The surface tells what the key forgot (hd_text_clitic_hints): a final
 *     ة is never the pronoun ه (مدينة keeps its ه), a hamzated alef never
 *     starts the article (ألمانيا), and a tanwin alef never ends ها or نا
 *     (أحياناً).
 *
 * Among the splits that pass, the deepest prefix wins, with the suffix if
 * the stem can spare it, else without. Everything is a byte compare on
 * 2-byte letters; the lists are binary searched, and a word needs a lookup
 * only when it starts or ends with a clitic-like letter.
 */
#include <string.h>

#include "hadath.h"
#include "text/text.h"

typedef struct clitic_word {
    unsigned char len; /* bytes */
    const char *s;
} clitic_word;

#include "text/clitic_words.h"

/* Letters as they appear in a normalized key. */
#define L_ALEF "\xD8\xA7"
#define L_BEH "\xD8\xA8"
#define L_SEEN "\xD8\xB3"
#define L_FEH "\xD9\x81"
#define L_KAF "\xD9\x83"
#define L_LAM "\xD9\x84"
#define L_MEEM "\xD9\x85"
#define L_NOON "\xD9\x86"
#define L_HEH "\xD9\x87"
#define L_WAW "\xD9\x88"
#define L_YEH "\xD9\x8A"

static int letter_is(const char *p, const char *letter)
{
    return p[0] == letter[0] && p[1] == letter[1];
}

/* Lists are sorted by (length, bytes): most steps of the search decide on
 * the length alone and never touch the strings. */
static int word_cmp(const clitic_word *w, const char *s, size_t n)
{
    if (w->len != n)
        return w->len < n ? -1 : 1;
    for (size_t k = 0; k < n; k++) { /* short keys: cheaper than memcmp */
        unsigned char a = (unsigned char)w->s[k], b = (unsigned char)s[k];
        if (a != b)
            return a < b ? -1 : 1;
    }
    return 0;
}

static int in_list(const clitic_word *list, size_t count, const char *s,
                   size_t n)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = word_cmp(&list[mid], s, n);
        if (c == 0)
            return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

#define IN(list, s, n) in_list(list, sizeof list / sizeof list[0], s, n)

static int is_protected(const char *s, size_t n)
{
    unsigned first = ((unsigned)(unsigned char)s[0] << 8) | (unsigned char)s[1];
    switch (first) {
    case 0xD8A7: return IN(protected_alef, s, n);
    case 0xD8A8: return IN(protected_beh, s, n);
    case 0xD981: return IN(protected_feh, s, n);
    case 0xD983: return IN(protected_kaf, s, n);
    case 0xD984: return IN(protected_lam, s, n);
    case 0xD988: return IN(protected_waw, s, n);
    default: return IN(protected_other, s, n);
    }
}

/* A remainder of `bytes` bytes is a possible stem. */
static int stem_ok(const char *s, size_t bytes, int after_article,
                   int suffix_cut)
{
    if (bytes >= 6)
        return 1;
    if (bytes == 4)
        return IN(short_stems, s, 4) || (after_article && !suffix_cut);
    return 0;
}

static const char *const suffix_texts[] = {
    "", L_HEH, L_HEH L_ALEF, L_HEH L_MEEM, L_HEH L_MEEM L_ALEF,
    L_HEH L_NOON, L_KAF L_MEEM, L_NOON L_ALEF
};
static const unsigned char suffix_bytes[] = {0, 2, 4, 4, 6, 4, 4, 4};

const char *hd_suffix_text(int suffix)
{
    if (suffix < 0 || suffix > HD_SFX_NA)
        return "";
    return suffix_texts[suffix];
}

/* The pronoun suffix the key ends with, if the surface allows it. */
static int match_suffix(const char *key, size_t n, unsigned hints)
{
    const char *last = key + n - 2;
    if (letter_is(last, L_HEH))
        return (hints & HD_HINT_FINAL_TEH_MARBUTA) ? HD_SFX_NONE : HD_SFX_HU;
    if (letter_is(last, L_ALEF)) {
        if (hints & HD_HINT_FINAL_TANWIN)
            return HD_SFX_NONE;
        if (letter_is(last - 2, L_HEH))
            return HD_SFX_HA;
        if (letter_is(last - 2, L_NOON))
            return HD_SFX_NA;
        if (n >= 6 && letter_is(last - 2, L_MEEM) && letter_is(last - 4, L_HEH))
            return HD_SFX_HUMA;
        return HD_SFX_NONE;
    }
    if (letter_is(last, L_MEEM)) {
        if (letter_is(last - 2, L_HEH))
            return HD_SFX_HUM;
        if (letter_is(last - 2, L_KAF))
            return HD_SFX_KUM;
        return HD_SFX_NONE;
    }
    if (letter_is(last, L_NOON) && letter_is(last - 2, L_HEH))
        return HD_SFX_HUNNA;
    return HD_SFX_NONE;
}

/* The prefix layers of a key: level i strips key[0..pos[i]). */
typedef struct layers {
    size_t pos[4];
    unsigned bits[4];
    int article[4];
    int n;
} layers;

static void push(layers *ly, size_t pos, unsigned bits, int article)
{
    ly->pos[ly->n] = pos;
    ly->bits[ly->n] = bits;
    ly->article[ly->n] = article;
    ly->n++;
}

static void find_layers(const char *key, size_t n, unsigned hints, layers *ly)
{
    size_t p = 0;
    unsigned bits = 0;
    ly->n = 0;
    push(ly, 0, 0, 0);
    if (letter_is(key, L_WAW) || letter_is(key, L_FEH)) {
        bits |= letter_is(key, L_WAW) ? HD_PFX_WA : HD_PFX_FA;
        p = 2;
        push(ly, p, bits, 0);
    }
    if (p + 2 < n) {
        const char *c = key + p;
        unsigned b = letter_is(c, L_BEH)   ? HD_PFX_BI
                     : letter_is(c, L_LAM) ? HD_PFX_LI
                     : letter_is(c, L_KAF) ? HD_PFX_KA
                                           : 0;
        if (b) {
            bits |= b;
            p += 2;
            push(ly, p, bits, 0);
        }
    }
    if ((bits & HD_PFX_LI) && p + 2 < n && letter_is(key + p, L_LAM)) {
        push(ly, p + 2, bits | HD_PFX_AL, 1); /* لل: the alef is elided */
    } else if (p + 4 < n && letter_is(key + p, L_ALEF) &&
               letter_is(key + p + 2, L_LAM) &&
               !(hints & HD_HINT_HAMZA_ALEF(p / 2))) {
        push(ly, p + 4, bits | HD_PFX_AL, 1);
    }
}

/* Level i ends with a lone ف or ك (see weak_layer_refused). */
static int weak_letter(const char *key, const layers *ly, int i)
{
    const char *clitic = key + ly->pos[i] - 2;
    return i > 0 && !ly->article[i] &&
           (letter_is(clitic, L_FEH) || letter_is(clitic, L_KAF));
}

/* ف or ك stripped at level i with nothing stripped after it needs a reason
 * (see the header comment). */
static int weak_layer_refused(const char *key, size_t n, const layers *ly,
                              int i, size_t sfx_len, unsigned hints)
{
    size_t pos = ly->pos[i];
    const char *rest = key + pos;
    size_t rn = n - pos;
    const char *clitic = key + pos - 2;
    int fa = letter_is(clitic, L_FEH), ka = letter_is(clitic, L_KAF);
    if (!(fa || ka) || ly->article[i] || i + 1 < ly->n)
        return 0;
    if (hints & HD_HINT_HAMZA_ALEF(pos / 2))
        return 0;
    if (fa && (letter_is(rest, L_YEH) || letter_is(rest, L_SEEN)))
        return 0;
    if (ka && letter_is(rest, L_MEEM))
        return 0;
    if (IN(fa_ka_words, rest, rn))
        return 0;
    if (fa && sfx_len && rn > sfx_len && IN(fa_ka_words, rest, rn - sfx_len))
        return 0;
    return 1;
}

static unsigned result(const layers *ly, int i, int sfx, size_t n,
                       size_t *off, size_t *len, int *suffix)
{
    size_t sl = suffix_bytes[sfx];
    *off = ly->pos[i];
    *len = n - sl - ly->pos[i];
    *suffix = sfx;
    return ly->bits[i];
}

static int all_arabic_letters(const char *key, size_t n)
{
    if (n & 1)
        return 0;
    for (size_t i = 0; i < n; i += 2) {
        unsigned char c = (unsigned char)key[i];
        if (c < 0xD8 || c > 0xDB || ((unsigned char)key[i + 1] & 0xC0) != 0x80)
            return 0;
    }
    return 1;
}

unsigned hd_text_strip_clitics(const char *key, size_t n, unsigned hints,
                               size_t *off, size_t *len, int *suffix)
{
    if (!all_arabic_letters(key, n)) {
        *off = 0;
        *len = n;
        *suffix = HD_SFX_NONE;
        return 0;
    }
    return hd_text_strip_clitics_arabic(key, n, hints, off, len, suffix);
}

unsigned hd_text_strip_clitics_arabic(const char *key, size_t n,
                                      unsigned hints, size_t *off,
                                      size_t *len, int *suffix)
{
    layers ly;
    int sfx;
    size_t sl;

    *off = 0;
    *len = n;
    *suffix = HD_SFX_NONE;
    if (n < 6)
        return 0; /* fewer than three letters: nothing can go */

    find_layers(key, n, hints, &ly);
    sfx = match_suffix(key, n, hints);
    sl = suffix_bytes[sfx];

    /* Protected stems stop the walk, outside in. */
    for (int i = 0; i < ly.n; i++) {
        const char *rest = key + ly.pos[i];
        size_t rn = n - ly.pos[i];
        if (i == ly.n - 1 && !sfx && !weak_letter(key, &ly, i))
            break; /* nothing left to decide, unless ف/ك may be refused */
        if (is_protected(rest, rn))
            return result(&ly, i, HD_SFX_NONE, n, off, len, suffix);
        if (sfx && rn > sl && is_protected(rest, rn - sl))
            return result(&ly, i, sfx, n, off, len, suffix);
    }
    /* Otherwise the deepest split whose stem holds up. */
    for (int i = ly.n - 1; i >= 0; i--) {
        const char *rest = key + ly.pos[i];
        size_t rn = n - ly.pos[i];
        if (i > 0 && weak_layer_refused(key, n, &ly, i, sl, hints))
            continue;
        if (sfx && rn > sl && stem_ok(rest, rn - sl, ly.article[i], 1))
            return result(&ly, i, sfx, n, off, len, suffix);
        if (i == 0 || stem_ok(rest, rn, ly.article[i], 0))
            return result(&ly, i, HD_SFX_NONE, n, off, len, suffix);
    }
    return 0;
}

/* Marks that sit between letters without being letters. */
static int is_mark(uint32_t cp)
{
    return (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || cp == 0x0640 ||
           (cp >= 0x0610 && cp <= 0x061A) || (cp >= 0x06D6 && cp <= 0x06ED) ||
           (cp >= 0x200C && cp <= 0x200F);
}

static int is_hamza_alef(uint32_t cp)
{
    return cp == 0x0622 || cp == 0x0623 || cp == 0x0625 ||
           (cp >= 0xFE81 && cp <= 0xFE84) || (cp >= 0xFE87 && cp <= 0xFE88);
}

/* Decodes without the utf8 module: hints are computed once per word on
 * short, almost always valid input; invalid bytes count as letters. */
static size_t next_cp(const char *s, size_t n, size_t i, uint32_t *cp)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80 || i + 1 >= n) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        *cp = ((uint32_t)(c & 0x1F) << 6) | ((unsigned char)s[i + 1] & 0x3F);
        return 2;
    }
    if (c >= 0xE0 && c <= 0xEF && i + 2 < n) {
        *cp = ((uint32_t)(c & 0x0F) << 12) |
              ((uint32_t)((unsigned char)s[i + 1] & 0x3F) << 6) |
              ((unsigned char)s[i + 2] & 0x3F);
        return 3;
    }
    *cp = c;
    return 1;
}

unsigned hd_text_clitic_hints(const char *surface, size_t n)
{
    unsigned hints = 0;
    unsigned letters = 0;
    uint32_t last = 0;
    int tanwin_after_last = 0, tanwin_before_last = 0;

    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += next_cp(surface, n, i, &cp);
        if (is_mark(cp)) {
            if (cp == 0x064B)
                tanwin_after_last = 1;
            continue;
        }
        if (cp >= 0xFEF5 && cp <= 0xFEFC) { /* lam-alef ligatures */
            if (cp <= 0xFEFA && letters + 1 < 4)
                hints |= HD_HINT_HAMZA_ALEF(letters + 1);
            letters += 2;
            last = 0x0627;
            tanwin_before_last = tanwin_after_last = 0;
            continue;
        }
        if (letters < 4 && is_hamza_alef(cp))
            hints |= HD_HINT_HAMZA_ALEF(letters);
        letters++;
        tanwin_before_last = tanwin_after_last;
        tanwin_after_last = 0;
        last = cp;
    }
    if (last == 0x0629 || last == 0x06C3 || last == 0xFE93 || last == 0xFE94)
        hints |= HD_HINT_FINAL_TEH_MARBUTA;
    if (last == 0x0627 && (tanwin_after_last || tanwin_before_last))
        hints |= HD_HINT_FINAL_TANWIN;
    return hints;
}

int hd_text__clitic_lists_sorted(void)
{
    const struct {
        const clitic_word *w;
        size_t n;
    } lists[] = {
#define LIST(l) {l, sizeof l / sizeof l[0]}
        LIST(protected_alef), LIST(protected_beh), LIST(protected_feh),
        LIST(protected_kaf), LIST(protected_lam), LIST(protected_waw),
        LIST(protected_other), LIST(short_stems), LIST(fa_ka_words),
#undef LIST
    };
    for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++) {
        for (size_t i = 1; i < lists[l].n; i++) {
            const clitic_word *a = &lists[l].w[i - 1], *b = &lists[l].w[i];
            if (word_cmp(a, b->s, b->len) >= 0 || a->len != strlen(a->s))
                return 0;
        }
    }
    return 1;
}
