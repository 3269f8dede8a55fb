/*
 * number.c: Arabic number expressions.
 *
 * News writes the same count many ways: 3000, ٣٠٠٠, 3,000, "3 آلاف",
 * "ثلاثة آلاف", "بثلاثة آلاف", "أكثر من ثلاثة آلاف". The parser walks the
 * tokens from a start position and reads one expression:
 *
 *   expr     := [qualifier] [بين | ما بين | من] number [link number] [post]
 *   number   := سالب number | صفر | approx | chunk (و chunk)* [فاصلة group]
 *   chunk    := (group | digits) [scale [larger scale]] | scale [larger]
 *             | (نصف|ربع) scale; after a scale, optionally و نصف / و ربع
 *               [the scale again]          (ألف مليار، مليون ونصف مليون)
 *   group    := hundreds [و rest] | unit مئة [و rest] | rest    (0..999)
 *   rest     := unit عشر (teens) | unit و tens | unit | عشر | tens
 *   approx   := (عشرات|مئات|آلاف|ملايين|مليارات) [الآلاف|الملايين|...]
 *             | (بضع|بضعة|عدة) (عشرات|مئات|آلاف|ملايين)  |  بضع(ة)
 *
 * The chunks of one number must fall in scale (ألف ومئة, not مئة وألف), and a
 * chunk after و must be smaller than the scale before it, which is what keeps
 * "بين 200 و300" from becoming 500 and "مائة و ألف ألف" from becoming
 * anything at all (it reads as 100, and stops).
 *
 * Word forms. Every gender and case form is listed under its normalized key
 * (ة->ه, ى->ي, أإآ->ا, no diacritics): ثلاث/ثلاثه, اثنان/اثنين/اثنتا/اثني,
 * مئه/مائه, مئتان/مئتين/مئتا/مئتي, الف/الفا/الفان/الفين/الفي/الاف, ... A
 * word may carry the conjunction و (وعشرون, or و standing alone), and the
 * first word also ف ب ل ك (بثلاثة، لألفي). Two forms are read by context:
 *   - الفا, مليونا: accusative singular after a group (خمسون ألفاً = 50000),
 *     construct dual alone (ألفا ريال = 2000).
 *   - واحد: one, or و + أحد when the surface has the hamza (وأحد) or when
 *     a teen follows (مئة وأحد عشر = 111).
 * أحد and إحدى alone mean "one of" / "anyone" (أحد المسلحين، لم يصب أحد);
 * they count only inside 11 or 21..91. Forms with the article are not read
 * (الاثنين is Monday, الأحد Sunday, الثلاثة "the three", بالمئة a percent),
 * except after a qualifier (ما يقارب المائة) and the الآلاف of عشرات الآلاف.
 * "عشر" right after an ordinal or a unit (الحادي عشر، الستة عشر) is the tail
 * of a compound, not ten.
 *
 * Digits come as one NUMBER token from the tokenizer: 1,000 and 1.000.000
 * (groups of three) are thousands; a single comma before anything else is a
 * decimal comma (France 24 writes "24,5 مليون"; digits glued to an Arabic
 * comma, 2،3 مليار, come as three tokens and are read the same way);
 * 250-300 is a range when the first is smaller (a score such as 2-1 is no
 * number); 10:30 and 12/10 are not numbers. Integer parts longer than 15 digits and values beyond
 * HD_NUMBER_MAX are refused (no number), never clamped: a clamped count would
 * be a wrong count.
 *
 * Ranges: بين X و/إلى Y, من X إلى/حتى Y, and with no prefix X إلى/حتى/أو/- Y,
 * when X < Y (من 300 إلى 250 is a change, not a range). A scale on Y alone
 * is shared (بين 40 و60 ألفا = 40000..60000). Without a prefix, a year-like
 * X (1800..2100 in bare digits) pairs only with bare digits: "عام 2009 إلى
 * نصف مليون سائح" is a year and a count. Qualifiers right after the number
 * (على الأقل، تقريبا، أو أكثر، ونيف) are taken; after the counted noun they
 * are the caller's, through hd_number_post_qualifier().
 *
 * Conventions (see number.h): the value of a range and of an approximate
 * plural is its lower end. An approximate plural of X runs from 2X to 10X-1:
 * عشرات 20..99, مئات 200..999, آلاف 2000..9999, عشرات الآلاف 20000..99999
 * (grammar makes a plural three or more, but news uses عشرات loosely for
 * "dozens", so the lower end is the conservative 2X; from 10X on the next
 * word, مئات or عشرات الآلاف, would have been used); بضع/بضعة/عدة before
 * such a word start at 3X (بضعة آلاف 3000..9999), and بضع(ة) alone is 3..9.
 *
 * Speed: hd_number_at() runs at every token of every sentence. A token that
 * is not a word or a number, a word longer than any number word, or a word
 * whose first letter (after at most two clitic letters) starts no entry is
 * turned away after a switch on that letter and a scan of the few entries
 * under it, comparing lengths first. Nothing is allocated. Inside hd_code
 * the coder's word memo (text/words.h) has that answer per word already
 * (hd_number_word_may_start), and a qualifier or range word (من، على، ما,
 * among the commonest words of Arabic) is read on only when a number word
 * follows within the seven tokens read_prefixes can look at.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "text/number.h"
#include "text/words.h"

/* ------------------------------------------------------------ the lexicon */

enum word_class {
    W_NONE = 0,
    W_UNIT,   /* 1..9 */
    W_TEN,    /* عشر، عشرة */
    W_TENS,   /* 20..90 */
    W_HUND,   /* 100..900 */
    W_SCALE,  /* ألف، مليون، مليار، تريليون in all numbers */
    W_APPROX, /* عشرات، مئات */
    W_FEW,    /* بضع، بضعة، عدة */
    W_ZERO,
    W_FRAC,   /* نصف، ربع */
    W_NEG,    /* سالب */
    W_POINT,  /* فاصلة */
    W_CONJ,   /* و standing alone */
    W_HEAD,   /* a word that may begin a qualifier or a range */
    W_DIGITS  /* a NUMBER token */
};

enum word_flag {
    F_BOUND = 1u << 0, /* احد، احدي: only in 11 or 21..91 */
    F_TEEN = 1u << 1,  /* اثنا، اثني، اثنتا، اثنتي: only before عشر */
    F_WAHAD = 1u << 2, /* واحد: also و + أحد before a teen */
    F_SING = 1u << 3,
    F_AMBIG = 1u << 4, /* الفا: singular accusative or construct dual */
    F_DUAL = 1u << 5,
    F_PLUR = 1u << 6,
    F_DEF = 1u << 7,   /* carries the article */
    F_ALONE = 1u << 8, /* بضع(ة): a number without a following word */
    F_RANGE = 1u << 9  /* W_DIGITS: a 250-300 token */
};

typedef struct lex_entry {
    const char *key;
    uint8_t len;
    uint8_t cls;
    uint16_t flags;
    double val;
} lex_entry;

#define E(k, c, v, f) {k, (uint8_t)(sizeof(k) - 1), c, f, v}
#define U(k, v) E(k, W_UNIT, v, 0)
#define T(k, v) E(k, W_TENS, v, 0)
#define H(k, v) E(k, W_HUND, v, 0)
#define S(k, v, f) E(k, W_SCALE, v, f)
#define Q(k) E(k, W_HEAD, 0, 0)

/* One array per first letter; keys are normalized match keys. */
static const lex_entry lex_alef[] = {
    E("احد", W_UNIT, 1, F_BOUND), E("احدي", W_UNIT, 1, F_BOUND),
    U("اثنان", 2), U("اثنين", 2), U("اثنتان", 2), U("اثنتين", 2),
    E("اثنا", W_UNIT, 2, F_TEEN), E("اثني", W_UNIT, 2, F_TEEN),
    E("اثنتا", W_UNIT, 2, F_TEEN), E("اثنتي", W_UNIT, 2, F_TEEN),
    U("اربع", 4), U("اربعه", 4), T("اربعون", 40), T("اربعين", 40),
    H("اربعمئه", 400), H("اربعمائه", 400),
    S("الف", 1e3, F_SING), S("الفا", 1e3, F_AMBIG), S("الفان", 1e3, F_DUAL),
    S("الفين", 1e3, F_DUAL), S("الفي", 1e3, F_DUAL), S("الاف", 1e3, F_PLUR),
    S("الوف", 1e3, F_PLUR), S("الالاف", 1e3, F_PLUR | F_DEF),
    S("الملايين", 1e6, F_PLUR | F_DEF), S("المليون", 1e6, F_SING | F_DEF),
    S("المليارات", 1e9, F_PLUR | F_DEF), S("المليار", 1e9, F_SING | F_DEF),
    Q("اكثر"), Q("ازيد"), Q("اقل"),
};
static const lex_entry lex_waw[] = {
    E("واحد", W_UNIT, 1, F_WAHAD), U("واحده", 1),
};
static const lex_entry lex_theh[] = {
    U("ثلاث", 3), U("ثلاثه", 3), T("ثلاثون", 30), T("ثلاثين", 30),
    H("ثلاثمئه", 300), H("ثلاثمائه", 300), H("ثلثمائه", 300),
    H("ثلثمئه", 300), U("ثمان", 8), U("ثماني", 8), U("ثمانيه", 8),
    T("ثمانون", 80), T("ثمانين", 80), H("ثمانمئه", 800), H("ثمانمائه", 800),
    H("ثمانيمئه", 800), H("ثمانيمائه", 800), U("ثنتان", 2), U("ثنتين", 2),
};
static const lex_entry lex_khah[] = {
    U("خمس", 5), U("خمسه", 5), T("خمسون", 50), T("خمسين", 50),
    H("خمسمئه", 500), H("خمسمائه", 500),
};
static const lex_entry lex_seen[] = {
    U("ست", 6), U("سته", 6), T("ستون", 60), T("ستين", 60),
    H("ستمئه", 600), H("ستمائه", 600), U("سبع", 7), U("سبعه", 7),
    T("سبعون", 70), T("سبعين", 70), H("سبعمئه", 700), H("سبعمائه", 700),
    E("سالب", W_NEG, 0, 0),
};
static const lex_entry lex_teh[] = {
    U("تسع", 9), U("تسعه", 9), T("تسعون", 90), T("تسعين", 90),
    H("تسعمئه", 900), H("تسعمائه", 900),
    S("تريليون", 1e12, F_SING), S("تريليونا", 1e12, F_AMBIG),
    S("تريليونان", 1e12, F_DUAL), S("تريليونين", 1e12, F_DUAL),
    S("تريليوني", 1e12, F_DUAL), S("تريليونات", 1e12, F_PLUR),
    S("ترليون", 1e12, F_SING), S("ترليونا", 1e12, F_AMBIG),
    S("ترليونان", 1e12, F_DUAL), S("ترليونين", 1e12, F_DUAL),
    S("ترليونات", 1e12, F_PLUR),
    Q("تزيد"), Q("تقريبا"), Q("تقارب"), Q("تناهز"),
};
static const lex_entry lex_ain[] = {
    E("عشر", W_TEN, 10, 0), E("عشره", W_TEN, 10, 0),
    T("عشرون", 20), T("عشرين", 20), E("عشرات", W_APPROX, 10, 0),
    E("عده", W_FEW, 0, 0), Q("علي"),
};
static const lex_entry lex_meem[] = {
    H("مئه", 100), H("مائه", 100), H("مئتان", 200), H("مئتين", 200),
    H("مائتان", 200), H("مائتين", 200), H("مئتا", 200), H("مئتي", 200),
    H("مائتا", 200), H("مائتي", 200), E("مئات", W_APPROX, 100, 0),
    S("مليون", 1e6, F_SING), S("مليونا", 1e6, F_AMBIG),
    S("مليونان", 1e6, F_DUAL), S("مليونين", 1e6, F_DUAL),
    S("مليوني", 1e6, F_DUAL), S("ملايين", 1e6, F_PLUR),
    S("مليار", 1e9, F_SING), S("مليارا", 1e9, F_AMBIG),
    S("ملياران", 1e9, F_DUAL), S("مليارين", 1e9, F_DUAL),
    S("ملياري", 1e9, F_DUAL), S("مليارات", 1e9, F_PLUR),
    Q("ما"), Q("من"),
};
static const lex_entry lex_beh[] = {
    E("بضع", W_FEW, 0, F_ALONE), E("بضعه", W_FEW, 0, F_ALONE),
    S("بليون", 1e9, F_SING), S("بليونا", 1e9, F_AMBIG),
    S("بليونان", 1e9, F_DUAL), S("بليونين", 1e9, F_DUAL),
    S("بلايين", 1e9, F_PLUR), Q("بين"),
};
static const lex_entry lex_sad[] = {E("صفر", W_ZERO, 0, 0)};
static const lex_entry lex_noon[] = {E("نصف", W_FRAC, 0.5, 0), Q("نحو")};
static const lex_entry lex_reh[] = {E("ربع", W_FRAC, 0.25, 0)};
static const lex_entry lex_feh[] = {E("فاصله", W_POINT, 0, 0)};
static const lex_entry lex_lam[] = {Q("لا"), Q("لايقل"), Q("لاتقل"),
                                    Q("لايزيد"), Q("لاتزيد")};
static const lex_entry lex_yeh[] = {Q("يزيد"), Q("يربو"), Q("يناهز"),
                                    Q("يقارب")};
static const lex_entry lex_hah[] = {Q("حوالي")};
static const lex_entry lex_qaf[] = {Q("قرابه")};
static const lex_entry lex_zain[] = {Q("زهاء")};

#undef U
#undef T
#undef H
#undef S
#undef Q

/* Longest key in the lexicon, in bytes (تريليونات، ثمانيمائه: 9 letters),
 * plus two clitic letters. */
#define LEX_KEY_MAX 22

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define BUCKET(a) *count = N(a); return a

/* The entries whose key starts with the Arabic letter s[0..2). */
static const lex_entry *lex_bucket(const unsigned char *s, size_t *count)
{
    switch ((unsigned)s[0] << 8 | s[1]) {
    case 0xD8A7: BUCKET(lex_alef);  /* ا */
    case 0xD988: BUCKET(lex_waw);   /* و */
    case 0xD8AB: BUCKET(lex_theh);  /* ث */
    case 0xD8AE: BUCKET(lex_khah);  /* خ */
    case 0xD8B3: BUCKET(lex_seen);  /* س */
    case 0xD8AA: BUCKET(lex_teh);   /* ت */
    case 0xD8B9: BUCKET(lex_ain);   /* ع */
    case 0xD985: BUCKET(lex_meem);  /* م */
    case 0xD8A8: BUCKET(lex_beh);   /* ب */
    case 0xD8B5: BUCKET(lex_sad);   /* ص */
    case 0xD986: BUCKET(lex_noon);  /* ن */
    case 0xD8B1: BUCKET(lex_reh);   /* ر */
    case 0xD981: BUCKET(lex_feh);   /* ف */
    case 0xD984: BUCKET(lex_lam);   /* ل */
    case 0xD98A: BUCKET(lex_yeh);   /* ي */
    case 0xD8AD: BUCKET(lex_hah);   /* ح */
    case 0xD982: BUCKET(lex_qaf);   /* ق */
    case 0xD8B2: BUCKET(lex_zain);  /* ز */
    default: *count = 0; return NULL;
    }
}

static const lex_entry *lex_find(const char *s, size_t n)
{
    if (n < 4 || n > LEX_KEY_MAX)
        return NULL;
    size_t count;
    const lex_entry *b = lex_bucket((const unsigned char *)s, &count);
    for (size_t k = 0; k < count; k++)
        if (b[k].len == n && hd_same_bytes(b[k].key, s, n))
            return &b[k];
    return NULL;
}

/* ------------------------------------------------------- token classes */

enum prefix_bit { P_WA = 1, P_OTHER = 2, P_AL = 4 };

typedef struct word {
    uint8_t cls;    /* word_class */
    uint8_t pfx;    /* prefix_bit: clitics taken off to find it */
    uint16_t flags; /* word_flag */
    double val;     /* value, or the lower end of a digit range */
    double val2;    /* upper end of a digit range */
    uint8_t ntok;   /* tokens it spans: 3 for 2،3 (digits, comma, digits) */
} word;

#define KEY_IS(t, lit)                                                       \
    ((t)->key_len == sizeof(lit) - 1 &&                                      \
     memcmp((t)->key, lit, sizeof(lit) - 1) == 0)

/* 1 for و, 2 for ف ب ل ك at s[0..2), else 0. */
static int clitic_letter(const char *s)
{
    if ((unsigned char)s[0] == 0xD9)
        switch ((unsigned char)s[1]) {
        case 0x88: return 1;                     /* و */
        case 0x81: case 0x84: case 0x83: return 2; /* ف ل ك */
        }
    if ((unsigned char)s[0] == 0xD8 && (unsigned char)s[1] == 0xA8)
        return 2; /* ب */
    return 0;
}

/* Looks the key up whole, then without one or two clitic letters. ب ل ك ف
 * must leave at least three letters (لست is "I am not", not ل + ست); و may
 * leave two (وست). */
static const lex_entry *find_with_clitics(const char *s, size_t n,
                                          uint8_t *pfx)
{
    const lex_entry *e = lex_find(s, n);
    *pfx = 0;
    if (e || n < 6)
        return e;
    int c1 = clitic_letter(s);
    if (!c1 || (c1 == 2 && n < 8))
        return NULL;
    if ((e = lex_find(s + 2, n - 2))) {
        *pfx = c1 == 1 ? P_WA : P_OTHER;
        return e;
    }
    /* و or ف, then ب ل ك: وبثلاثة، فلألفي */
    int c2 = n >= 10 ? clitic_letter(s + 2) : 0;
    int first_ok = c1 == 1 || ((unsigned char)s[1] == 0x81); /* و ف */
    if (c2 == 2 && first_ok && (unsigned char)s[3] != 0x81 &&
        (e = lex_find(s + 4, n - 4))) {
        *pfx = (uint8_t)((c1 == 1 ? P_WA : 0) | P_OTHER);
        return e;
    }
    return NULL;
}

static int parse_digits(const char *s, size_t n, word *w);

/* "2،3 مليار": the Arabic comma is no separator inside a NUMBER token, so
 * digits, a comma and digits with no space between come as three tokens.
 * Read together under the comma rule of parse_plain (2،3 = 2.3, 1،500 =
 * 1500). t[1] and t[2] exist. */
static int join_digits(const hd_token *t, word *w)
{
    const hd_token *c = t + 1, *d = t + 2;
    char buf[2 * HD_TOKEN_MAX + 2];
    if (c->kind != HD_TOK_PUNCT || c->space_before || !KEY_IS(c, ",") ||
        d->kind != HD_TOK_NUMBER || d->space_before || !d->key ||
        t->key_len + 1 + d->key_len > sizeof buf)
        return 0;
    memcpy(buf, t->key, t->key_len);
    buf[t->key_len] = ',';
    memcpy(buf + t->key_len + 1, d->key, d->key_len);
    if (!parse_digits(buf, t->key_len + 1 + d->key_len, w) ||
        (w->flags & F_RANGE)) {
        memset(w, 0, sizeof *w);
        w->ntok = 1;
        return 0;
    }
    w->cls = W_DIGITS;
    w->ntok = 3;
    return 1;
}

/* واحد and وأحد share the key واحد; the surface tells them apart when the
 * writer put the hamza: و, diacritics, then أ or إ. */
static int surface_wa_hamza(const hd_doc *doc, const hd_token *t)
{
    const unsigned char *s = (const unsigned char *)doc->text + t->start;
    const unsigned char *e = (const unsigned char *)doc->text + t->end;
    if (e - s < 4 || s[0] != 0xD9 || s[1] != 0x88)
        return 0;
    for (s += 2; e - s >= 2 && s[0] == 0xD9 && s[1] >= 0x8B && s[1] <= 0x92;)
        s += 2; /* harakat, shadda, sukun */
    return e - s >= 2 && s[0] == 0xD8 && (s[1] == 0xA3 || s[1] == 0xA5);
}

/* What token k is to the grammar. allow_def also reads a number word with
 * the article (after a qualifier: ما يقارب المائة). */
static void classify(const hd_doc *doc, size_t k, size_t end, int allow_def,
                     word *w)
{
    memset(w, 0, sizeof *w);
    w->ntok = 1;
    if (k >= end)
        return;
    const hd_token *t = &doc->tokens[k];
    if (!t->key)
        return;
    if (t->kind == HD_TOK_NUMBER) {
        if (k + 2 < end && join_digits(t, w))
            return;
        if (parse_digits(t->key, t->key_len, w))
            w->cls = W_DIGITS;
        return;
    }
    if (t->kind != HD_TOK_WORD || t->key_len > LEX_KEY_MAX ||
        t->key_len < 2)
        return;
    if (KEY_IS(t, "و")) {
        w->cls = W_CONJ;
        return;
    }
    const lex_entry *e = find_with_clitics(t->key, t->key_len, &w->pfx);
    if (!e && allow_def && t->key_len > 6 &&
        memcmp(t->key, "ال", 4) == 0) {
        e = lex_find(t->key + 4, t->key_len - 4);
        if (e && !(e->cls == W_HUND || e->cls == W_TENS || e->cls == W_TEN ||
                   (e->cls == W_UNIT && !(e->flags & (F_BOUND | F_TEEN))) ||
                   (e->cls == W_SCALE && (e->flags & F_SING))))
            e = NULL;
        w->pfx = P_AL;
    }
    if (!e) {
        w->pfx = 0;
        return;
    }
    /* عدة with ب ل (بعده "after it") is never "several" */
    if (e->cls == W_FEW && (w->pfx & P_OTHER))
        return;
    w->cls = e->cls;
    w->flags = e->flags;
    w->val = e->val;
    if ((e->flags & F_WAHAD) && !w->pfx && surface_wa_hamza(doc, t)) {
        w->pfx = P_WA; /* وأحد: and one (of) */
        w->flags = F_BOUND;
    }
}

/* --------------------------------------------------------------- digits */

/* Which of , and . is the thousands separator and which the decimal mark in
 * s[0..n) (digits and separators, a digit at both ends); 0 for none. Groups
 * of three after a short first group are thousands (1,000,000  1.000.000),
 * else a single comma or dot is the decimal mark (24,5  3.5  0,125), and
 * 1,000.5 has both. Returns 0 when the separators make no number (1,2,3). */
static int pick_separators(const char *s, size_t n, char *thousands,
                           char *decimal)
{
    size_t commas = 0, dots = 0, first = n, last = 0;
    int threes = 1; /* every separator is followed by exactly 3 digits */
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            continue;
        if (s[i] != ',' && s[i] != '.')
            return 0;
        if (first == n)
            first = i;
        else if (i - last - 1 != 3)
            threes = 0;
        last = i;
        if (s[i] == ',')
            commas++;
        else
            dots++;
    }
    *thousands = *decimal = 0;
    if (first == n)
        return 1;
    if (n - last - 1 != 3 || first > 3 || (first == 1 && s[0] == '0'))
        threes = 0;
    if (commas && dots) {
        const char *dot = memchr(s, '.', n);
        char t, d;
        if (dots != 1 || memchr(dot, ',', n - (size_t)(dot - s)) ||
            !pick_separators(s, (size_t)(dot - s), &t, &d) || t != ',')
            return 0;
        *thousands = ',';
        *decimal = '.';
    } else if (threes && !(dots == 1 && commas == 0)) {
        *thousands = commas ? ',' : '.';
    } else if (commas + dots == 1) {
        *decimal = commas ? ',' : '.';
    } else {
        return 0;
    }
    return 1;
}

/* Parses the digits and separators of s[0..n) as one plain number (no
 * dash). At most 15 significant integer digits; fraction digits past the
 * fifteenth are noise and ignored. */
static int parse_plain(const char *s, size_t n, double *out)
{
    char thousands, decimal;
    if (n == 0 || s[0] < '0' || s[0] > '9' || s[n - 1] < '0' ||
        s[n - 1] > '9' || !pick_separators(s, n, &thousands, &decimal))
        return 0;
    uint64_t ip = 0;
    size_t i = 0, sig = 0;
    for (; i < n && s[i] != decimal; i++) {
        if (s[i] == thousands)
            continue;
        if (sig || s[i] != '0')
            sig++;
        if (sig > 15)
            return 0;
        ip = ip * 10 + (uint64_t)(s[i] - '0');
    }
    double frac = 0, scale = 1;
    for (size_t k = 0; ++i < n && k < 15; k++) {
        frac = frac * 10 + (s[i] - '0');
        scale *= 10;
    }
    *out = (double)ip + frac / scale;
    return 1;
}

/* A NUMBER token: a plain number or a range a-b (a < b), with - or –. */
static int parse_digits(const char *s, size_t n, word *w)
{
    size_t dash = n, dash_len = 0;
    for (size_t i = 0; i < n; i++) {
        size_t l = 0;
        if (s[i] == '-')
            l = 1;
        else if (i + 2 < n && (unsigned char)s[i] == 0xE2 &&
                 (unsigned char)s[i + 1] == 0x80 &&
                 ((unsigned char)s[i + 2] == 0x93 ||
                  (unsigned char)s[i + 2] == 0x94))
            l = 3;
        if (!l)
            continue;
        if (dash < n)
            return 0; /* 2017-10-14 */
        dash = i;
        dash_len = l;
        i += l - 1;
    }
    if (dash == n)
        return parse_plain(s, n, &w->val) && w->val <= HD_NUMBER_MAX;
    if (!parse_plain(s, dash, &w->val) ||
        !parse_plain(s + dash + dash_len, n - dash - dash_len, &w->val2) ||
        !(w->val < w->val2) || w->val2 > HD_NUMBER_MAX)
        return 0; /* a score (2-1), or not a number */
    w->flags = F_RANGE;
    return 1;
}

/* -------------------------------------------------------------- grammar */

typedef struct parser {
    const hd_doc *doc;
    size_t end;
} parser;

static void cls_at(const parser *ps, size_t k, word *w)
{
    classify(ps->doc, k, ps->end, 0, w);
}

static const hd_token *tok_at(const parser *ps, size_t k)
{
    return k < ps->end ? &ps->doc->tokens[k] : NULL;
}

/* A conjunction and the number word after it: و standing alone and a bare
 * word, or a word with و glued on. *at is the word's token. */
static int conj_word(const parser *ps, size_t k, size_t *at, word *w)
{
    word c;
    cls_at(ps, k, &c);
    if (c.cls == W_CONJ) {
        cls_at(ps, k + 1, w);
        if (w->cls == W_NONE || w->cls == W_HEAD || w->pfx)
            return 0;
        *at = k + 1;
        return 1;
    }
    if (c.cls != W_NONE && c.cls != W_HEAD && c.pfx == P_WA) {
        *w = c;
        w->pfx = 0;
        *at = k;
        return 1;
    }
    if (c.cls == W_UNIT && (c.flags & F_WAHAD)) { /* وأحد spelt واحد */
        *w = c;
        w->flags = F_BOUND;
        *at = k;
        return 1;
    }
    return 0;
}

/* rest := unit عشر | unit و tens | unit | عشر | tens. Returns the token
 * after it, or 0. */
static size_t parse_rest(const parser *ps, size_t k, const word *w, double *v)
{
    if (w->cls == W_TEN || w->cls == W_TENS) {
        *v = w->val;
        return k + 1;
    }
    if (w->cls != W_UNIT)
        return 0;
    word nx;
    size_t at;
    cls_at(ps, k + 1, &nx);
    if (nx.cls == W_TEN && !nx.pfx) { /* ثلاثة عشر، إحدى عشرة */
        *v = 10 + w->val;
        return k + 2;
    }
    if (!(w->flags & F_TEEN) && conj_word(ps, k + 1, &at, &nx) &&
        nx.cls == W_TENS) { /* خمسة وعشرون */
        *v = w->val + nx.val;
        return at + 1;
    }
    if (w->flags & (F_BOUND | F_TEEN))
        return 0;
    *v = w->val;
    return k + 1;
}

/* group := hundreds [و rest] | unit مئة [و rest] | rest */
static size_t parse_group(const parser *ps, size_t k, const word *w, double *v)
{
    size_t q;
    word nx;
    cls_at(ps, k + 1, &nx);
    if (w->cls == W_HUND) {
        *v = w->val;
        q = k + 1;
    } else if (w->cls == W_UNIT && w->val >= 3 &&
               !(w->flags & (F_BOUND | F_TEEN)) && nx.cls == W_HUND &&
               nx.val == 100 && !nx.pfx) { /* ثلاث مئة */
        *v = w->val * 100;
        q = k + 2;
    } else {
        return parse_rest(ps, k, w, v);
    }
    size_t at, e;
    double r;
    if (conj_word(ps, q, &at, &nx) && (e = parse_rest(ps, at, &nx, &r))) {
        *v += r;
        q = e;
    }
    return q;
}

typedef struct chunk {
    double value; /* group x scale (+ a half) */
    double group; /* the part before the scale word */
    double scale; /* 1 when there is no scale word */
    int digits;   /* the group was written in digits */
} chunk;

/* After a scale word at q-1: و نصف / و ربع, and the scale again (مليون
 * ونصف مليون، مليون ونصف المليون). */
static size_t parse_half(const parser *ps, size_t q, chunk *c)
{
    size_t at;
    word f, s;
    if (!conj_word(ps, q, &at, &f) || f.cls != W_FRAC)
        return q;
    c->value += f.val * c->scale;
    q = at + 1;
    cls_at(ps, q, &s);
    if (s.cls == W_SCALE && !s.pfx && s.val == c->scale &&
        (s.flags & F_SING))
        q++;
    return q;
}

/* A scale word at q after a value c->group x c->scale: multiplies, and a
 * larger scale right after multiplies again (ألف مليار = 10^12, ألفي مليار).
 * Returns the token after the scale words (q when there is none), or 0 when
 * the value goes past HD_NUMBER_MAX. */
static size_t apply_scale(const parser *ps, size_t q, chunk *c)
{
    word s;
    cls_at(ps, q, &s);
    while (s.cls == W_SCALE && !s.pfx && !(s.flags & (F_DUAL | F_DEF)) &&
           s.val > c->scale) {
        c->group *= c->scale;
        c->scale = s.val;
        if (c->group * c->scale > HD_NUMBER_MAX)
            return 0;
        cls_at(ps, ++q, &s);
    }
    c->value = c->group * c->scale;
    return q;
}

/* chunk := group [scale] | digits [scale] | scale | (نصف|ربع) scale */
static size_t parse_chunk(const parser *ps, size_t k, const word *w, chunk *c)
{
    size_t q;
    memset(c, 0, sizeof *c);
    c->scale = 1;
    if (w->cls == W_SCALE) { /* ألف، ألفا، مليونان */
        if (w->flags & (F_PLUR | F_DEF))
            return 0;
        c->group = (w->flags & F_SING) ? 1 : 2;
        c->scale = w->val;
        q = k + 1;
    } else if (w->cls == W_FRAC) { /* نصف مليون */
        word s;
        cls_at(ps, k + 1, &s);
        if (s.cls != W_SCALE || s.pfx || !(s.flags & F_SING))
            return 0;
        c->group = w->val;
        c->scale = s.val;
        c->value = w->val * s.val;
        return k + 2;
    } else if (w->cls == W_DIGITS) {
        if (w->flags & F_RANGE)
            return 0;
        c->group = w->val;
        c->digits = 1;
        q = k + w->ntok;
    } else if (!(q = parse_group(ps, k, w, &c->group))) {
        return 0;
    }
    size_t e = apply_scale(ps, q, c);
    if (!e)
        return 0;
    return c->scale > 1 ? parse_half(ps, e, c) : e; /* مليون ونصف */
}

typedef struct card {
    double value, min, max;
    int approx;         /* an approximate plural: min..max */
    int range;          /* a 250-300 token */
    double group, scale;/* of a one-chunk number: 30 ألفا -> 30, 1000 */
    int one_chunk;
    int digits_only;    /* one digit token, no scale: 2009 */
} card;

/* approx := (عشرات|مئات|آلاف|...) [الآلاف|الملايين|...] | بضع(ة) ... */
static size_t parse_approx(const parser *ps, size_t k, const word *w, card *n)
{
    word nx;
    double lo = 2, base, mult = 1;
    size_t q = k + 1;
    cls_at(ps, q, &nx);
    if (w->cls == W_FEW) {
        lo = 3;
        if (!nx.pfx && (nx.cls == W_APPROX ||
                        (nx.cls == W_SCALE && nx.flags == F_PLUR))) {
            base = nx.val;
            cls_at(ps, ++q, &nx);
        } else if (w->flags & F_ALONE) { /* بضعة أيام */
            n->value = n->min = 3;
            n->max = 9;
            n->approx = 1;
            return q;
        } else {
            return 0;
        }
    } else {
        base = w->val; /* عشرات 10, مئات 100, آلاف 1000 */
    }
    if (nx.cls == W_SCALE && !nx.pfx && (nx.flags & F_PLUR) &&
        nx.val > base) { /* عشرات الآلاف */
        mult = nx.val;
        q++;
    }
    n->min = n->value = lo * base * mult;
    n->max = 10 * base * mult - 1;
    n->approx = 1;
    return n->max > HD_NUMBER_MAX ? 0 : q;
}

static size_t parse_number(const parser *ps, size_t k, const word *w,
                           card *n);

/* فاصلة and a group after a whole group: مئة وخمس وعشرون فاصلة خمس. */
static size_t parse_point(const parser *ps, size_t q, card *n)
{
    word p, f, s;
    double g;
    size_t e;
    cls_at(ps, q, &p);
    if (p.cls != W_POINT || p.pfx)
        return q;
    cls_at(ps, q + 1, &f);
    if (f.pfx || !(e = parse_group(ps, q + 1, &f, &g)) || g < 1)
        return q;
    n->value += g / (g < 10 ? 10 : g < 100 ? 100 : 1000);
    cls_at(ps, e, &s);
    if (s.cls == W_SCALE && !s.pfx && !(s.flags & (F_DUAL | F_DEF))) {
        n->value *= s.val;
        e++;
    }
    return e;
}

/* number := سالب number | صفر | approx | chunk (و chunk)* [فاصلة group] */
static size_t parse_number(const parser *ps, size_t k, const word *w, card *n)
{
    memset(n, 0, sizeof *n);
    switch (w->cls) {
    case W_ZERO:
        return k + 1;
    case W_NEG: {
        word nx;
        size_t e;
        cls_at(ps, k + 1, &nx);
        if (nx.pfx || nx.cls == W_NEG || !(e = parse_number(ps, k + 1, &nx, n)))
            return 0;
        double lo = n->min;
        n->value = -n->value;
        n->min = -n->max;
        n->max = -lo;
        n->one_chunk = 0;
        return e;
    }
    case W_APPROX:
    case W_FEW:
        return parse_approx(ps, k, w, n);
    case W_SCALE:
        if ((w->flags & F_PLUR) && !(w->flags & F_DEF))
            return parse_approx(ps, k, w, n);
        break;
    case W_DIGITS:
        if (w->flags & F_RANGE) {
            n->value = n->min = w->val;
            n->max = w->val2;
            n->range = 1;
            return k + 1;
        }
        break;
    }
    chunk first, c;
    size_t q = parse_chunk(ps, k, w, &first);
    if (!q)
        return 0;
    n->value = first.value;
    n->group = first.group;
    n->scale = first.scale;
    n->one_chunk = 1;
    double last = first.scale;
    while (last > 1) { /* ألف و أربعمائة و واحد و ثلاثون */
        size_t at, e;
        word nx;
        if (!conj_word(ps, q, &at, &nx) || !(e = parse_chunk(ps, at, &nx, &c)))
            break;
        if (c.scale >= last || c.value >= last)
            break; /* مائة و ألف: out of scale, the number ended */
        n->value += c.value;
        n->one_chunk = 0;
        last = c.scale;
        q = e;
    }
    if (n->one_chunk && first.scale == 1 && !first.digits)
        q = parse_point(ps, q, n);
    n->digits_only = n->one_chunk && first.digits && first.scale == 1;
    n->min = n->max = n->value;
    return n->value > HD_NUMBER_MAX ? 0 : q;
}

/* Is the token before k an ordinal or a unit word, so that an عشر at k is
 * the second half of a compound (الحادي عشر، الستة عشر)? */
static int after_unit_or_ordinal(const hd_doc *doc, size_t k)
{
    static const char *const ordinals[] = {
        "حادي", "ثاني", "ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن",
        "تاسع", "حاديه", "ثانيه", "ثالثه", "رابعه", "خامسه", "سادسه",
        "سابعه", "ثامنه", "تاسعه"};
    if (k == 0)
        return 0;
    const hd_token *t = &doc->tokens[k - 1];
    if (t->kind != HD_TOK_WORD || !t->key)
        return 0;
    const char *s = t->key;
    size_t n = t->key_len;
    if (n > 6 && clitic_letter(s) && memcmp(s + 2, "ال", 4) == 0) {
        s += 2; /* والثامن عشر */
        n -= 2;
    }
    if (n > 4 && memcmp(s, "ال", 4) == 0) {
        s += 4;
        n -= 4;
    }
    const lex_entry *e = lex_find(s, n);
    if (e && e->cls == W_UNIT)
        return 1;
    for (size_t i = 0; i < N(ordinals); i++)
        if (strlen(ordinals[i]) == n && memcmp(ordinals[i], s, n) == 0)
            return 1;
    return 0;
}

/* ----------------------------------------------------------- qualifiers */

/* Word sequences; alternatives are separated by '|'. The first word may
 * carry clitics (بأكثر من، لنحو، وما لا يقل عن). Longer patterns first. */
typedef struct phrase {
    const char *w[4];
    int q;
} phrase;

static const phrase prefix_phrases[] = {
    {{"ما", "لا", "يقل|تقل", "عن|علي"}, HD_Q_AT_LEAST},
    {{"ما", "لا", "يزيد|تزيد", "عن|علي"}, HD_Q_AT_MOST},
    {{"ما", "لا", "يتجاوز|تتجاوز", NULL}, HD_Q_AT_MOST},
    {{"لا", "يقل|تقل", "عن|علي", NULL}, HD_Q_AT_LEAST},
    {{"لا", "يزيد|تزيد", "عن|علي", NULL}, HD_Q_AT_MOST},
    {{"لا", "يتجاوز|تتجاوز", NULL, NULL}, HD_Q_AT_MOST},
    {{"لايقل|لاتقل", "عن|علي", NULL, NULL}, HD_Q_AT_LEAST}, /* لاتزيد: glued */
    {{"لايزيد|لاتزيد", "عن|علي", NULL, NULL}, HD_Q_AT_MOST},
    {{"ما", "يزيد|تزيد", "عن|علي|من", NULL}, HD_Q_MORE_THAN},
    {{"ما", "يربو", "عن|علي", NULL}, HD_Q_MORE_THAN},
    {{"ما", "يفوق", NULL, NULL}, HD_Q_MORE_THAN},
    {{"ما", "يقارب|يقرب|يناهز", "من", NULL}, HD_Q_ABOUT},
    {{"ما", "يقارب|يناهز", NULL, NULL}, HD_Q_ABOUT},
    {{"يزيد|تزيد", "عن|علي", NULL, NULL}, HD_Q_MORE_THAN},
    {{"يربو", "عن|علي", NULL, NULL}, HD_Q_MORE_THAN},
    {{"يناهز|يقارب|تناهز|تقارب", NULL, NULL, NULL}, HD_Q_ABOUT},
    {{"اكثر|ازيد", "من", NULL, NULL}, HD_Q_MORE_THAN},
    {{"اقل", "من", NULL, NULL}, HD_Q_LESS_THAN},
    {{"علي", "الاقل", NULL, NULL}, HD_Q_AT_LEAST},
    {{"علي", "الاكثر", NULL, NULL}, HD_Q_AT_MOST},
    {{"نحو|حوالي|قرابه|زهاء|تقريبا", NULL, NULL, NULL}, HD_Q_ABOUT},
};

static const phrase post_phrases[] = {
    {{"علي", "الاقل", NULL, NULL}, HD_Q_AT_LEAST},
    {{"علي", "الاكثر", NULL, NULL}, HD_Q_AT_MOST},
    {{"او", "اكثر", NULL, NULL}, HD_Q_AT_LEAST},
    {{"او", "اقل", NULL, NULL}, HD_Q_AT_MOST},
    {{"فاكثر", NULL, NULL, NULL}, HD_Q_AT_LEAST},
    {{"فاقل", NULL, NULL, NULL}, HD_Q_AT_MOST},
    {{"و", "نيف", NULL, NULL}, HD_Q_MORE_THAN},
    {{"ونيف", NULL, NULL, NULL}, HD_Q_MORE_THAN},
    {{"تقريبا", NULL, NULL, NULL}, HD_Q_ABOUT},
};

/* Is s[0..n) one of the '|'-separated alternatives? */
static int is_alt(const char *s, size_t n, const char *alts)
{
    while (*alts) {
        const char *bar = strchr(alts, '|');
        size_t l = bar ? (size_t)(bar - alts) : strlen(alts);
        if (l == n && memcmp(alts, s, n) == 0)
            return 1;
        if (!bar)
            break;
        alts = bar + 1;
    }
    return 0;
}

/* The first word of a phrase, with up to two clitic letters off, under the
 * rule of find_with_clitics (كما and لما are not ك/ل + ما; وما is). */
static int is_alt_clitic(const char *s, size_t n, const char *alts)
{
    for (int strip = 0; strip < 2; strip++) {
        if (is_alt(s, n, alts))
            return 1;
        int c = n >= 6 ? clitic_letter(s) : 0;
        if (!c || (c == 2 && n < 8))
            return 0;
        s += 2;
        n -= 2;
    }
    return is_alt(s, n, alts);
}

/* Matches one of the phrases at token k; returns the token after it. */
static size_t match_phrase(const parser *ps, size_t k, const phrase *list,
                           size_t count, int clitics, int *q)
{
    for (size_t p = 0; p < count; p++) {
        size_t j = 0;
        for (; j < 4 && list[p].w[j]; j++) {
            const hd_token *t = tok_at(ps, k + j);
            if (!t || t->kind != HD_TOK_WORD || !t->key)
                break;
            int ok = (j == 0 && clitics)
                         ? is_alt_clitic(t->key, t->key_len, list[p].w[j])
                         : is_alt(t->key, t->key_len, list[p].w[j]);
            if (!ok)
                break;
        }
        if (j == 4 || !list[p].w[j]) {
            *q = list[p].q;
            return k + j;
        }
    }
    return 0;
}

enum range_prefix { RP_NONE = 0, RP_BAYN, RP_MIN };

/* بين، ما بين، من (with clitics on the first word: وبين، ومن). */
static size_t match_range_prefix(const parser *ps, size_t k, int *rp)
{
    static const phrase rps[] = {
        {{"ما", "بين", NULL, NULL}, RP_BAYN},
        {{"بين", NULL, NULL, NULL}, RP_BAYN},
        {{"من", NULL, NULL, NULL}, RP_MIN},
    };
    size_t e = match_phrase(ps, k, rps, N(rps), 1, rp);
    if (!e)
        *rp = RP_NONE;
    return e;
}

/* The word that joins the two ends of a range, and the second end's first
 * word: بين X و Y (or إلى), من X إلى/حتى Y, X إلى/حتى/أو/- Y. */
static int range_link(const parser *ps, size_t k, int rp, size_t *at, word *w)
{
    const hd_token *t = tok_at(ps, k);
    if (!t || !t->key)
        return 0;
    if (rp == RP_BAYN && conj_word(ps, k, at, w))
        return 1;
    int ok = KEY_IS(t, "الي") || KEY_IS(t, "حتي");
    if (rp == RP_NONE)
        ok = ok || KEY_IS(t, "او") ||
             (t->kind == HD_TOK_PUNCT &&
              (KEY_IS(t, "-") || KEY_IS(t, "–") || KEY_IS(t, "—")));
    if (!ok)
        return 0;
    cls_at(ps, k + 1, w);
    if (w->pfx || w->cls == W_NONE || w->cls == W_HEAD || w->cls == W_CONJ)
        return 0;
    *at = k + 1;
    return 1;
}

static int starts_number(const word *w)
{
    return w->cls != W_NONE && w->cls != W_HEAD && w->cls != W_CONJ &&
           w->cls != W_POINT;
}

/* ------------------------------------------------------------ public API */

void hd_number_qualify(hd_number *n, int q)
{
    int keep = n->qualifier == HD_Q_RANGE ||
               n->qualifier == HD_Q_APPROX_PLURAL;
    if (keep) {
        if (q == HD_Q_MORE_THAN || q == HD_Q_AT_LEAST) {
            n->max = INFINITY;
            n->qualifier = q;
        } else if (q == HD_Q_LESS_THAN || q == HD_Q_AT_MOST) {
            n->min = n->min < 0 ? -INFINITY : 0;
            n->qualifier = q;
        }
        return;
    }
    n->qualifier = q;
    switch (q) {
    case HD_Q_MORE_THAN:
    case HD_Q_AT_LEAST:
        n->min = n->value;
        n->max = INFINITY;
        break;
    case HD_Q_LESS_THAN:
    case HD_Q_AT_MOST:
        n->min = n->value < 0 ? -INFINITY : 0;
        n->max = n->value;
        break;
    default:
        n->min = n->max = n->value;
    }
}

size_t hd_number_post_qualifier(const hd_doc *doc, size_t i, size_t end,
                                int *q)
{
    if (!doc || end > doc->n_tokens)
        end = doc ? doc->n_tokens : 0;
    if (i >= end)
        return 0;
    parser ps = {doc, end};
    size_t e = match_phrase(&ps, i, post_phrases, N(post_phrases), 0, q);
    return e ? e - i : 0;
}

/* A second number after a range link, with the first's scale shared when
 * only the second has one (بين 40 و60 ألفا = 40000..60000). */
static int read_range_end(const parser *ps, size_t k, int rp, card *n1,
                          size_t *q)
{
    size_t at, e;
    word w2;
    card n2, lo = *n1;
    if (n1->approx || n1->range || !range_link(ps, k, rp, &at, &w2) ||
        !(e = parse_number(ps, at, &w2, &n2)) || n2.range)
        return 0;
    if (lo.scale == 1 && lo.one_chunk && n2.one_chunk && n2.scale > 1 &&
        lo.value < n2.group && !n2.approx) {
        lo.value *= n2.scale;
        lo.min = lo.max = lo.value;
    }
    if (!(lo.min < n2.max) || lo.value > HD_NUMBER_MAX)
        return 0; /* من 300 إلى 250 is a change, not a range */
    /* "عام 2009 إلى نصف مليون سائح": a year, then a count it rose to. With
     * no بين/من, a year-like first end pairs only with bare digits. */
    if (rp == RP_NONE && n1->digits_only && n1->value >= 1800 &&
        n1->value <= 2100 && n1->value == floor(n1->value) && !n2.digits_only)
        return 0;
    *n1 = lo;
    n1->max = n2.max;
    *q = e;
    return 1;
}

/* The qualifier and range prefix at token i (whose class is W_HEAD): sets
 * *q and *rp and classifies the first word of the number into *w. Returns
 * that word's token, or 0 when no number follows. */
static size_t read_prefixes(const parser *ps, size_t i, int *q, int *rp,
                            word *w)
{
    size_t k = i, e;
    if ((e = match_phrase(ps, i, prefix_phrases, N(prefix_phrases), 1, q)))
        k = e;
    if ((e = match_range_prefix(ps, k, rp)))
        k = e;
    if (k == i)
        return 0;
    const hd_token *al = tok_at(ps, k), *nx = tok_at(ps, k + 1);
    if (al && nx && KEY_IS(al, "ال") && nx->kind == HD_TOK_NUMBER &&
        !nx->space_before)
        k++; /* ما يقارب الـ120 */
    classify(ps->doc, k, ps->end, 1, w);
    if (!starts_number(w) || (w->pfx & ~P_AL))
        return 0;
    if (w->cls == W_SCALE && (w->flags & F_DEF) && (w->flags & F_SING))
        w->flags = F_SING; /* ما يقارب المليون */
    return k;
}

int hd_number_word_may_start(const hd_token *t)
{
    uint8_t pfx;
    if (!t->key)
        return 0;
    if (t->kind == HD_TOK_NUMBER)
        return HD_NUMBER_MAY_START | HD_NUMBER_MAY_WORD;
    if (t->kind != HD_TOK_WORD || t->key_len > LEX_KEY_MAX || t->key_len < 2)
        return 0;
    if (KEY_IS(t, "و"))
        return HD_NUMBER_MAY_START;
    int r = 0;
    const lex_entry *e = find_with_clitics(t->key, t->key_len, &pfx);
    if (e)
        r |= HD_NUMBER_MAY_START |
             (e->cls != W_HEAD && e->cls != W_POINT ? HD_NUMBER_MAY_WORD : 0);
    /* classify's allow_def reading, after a qualifier (ما يقارب المائة) */
    if (t->key_len > 6 && memcmp(t->key, "ال", 4) == 0 &&
        (e = lex_find(t->key + 4, t->key_len - 4)) != NULL)
        r |= HD_NUMBER_MAY_START |
             (e->cls != W_HEAD && e->cls != W_POINT ? HD_NUMBER_MAY_WORD : 0);
    return r;
}

/* Can read_prefixes find a number's first word after the qualifier or
 * range word at i? It looks at most seven tokens on (a phrase of four, ما
 * بين, the ال of الـ120), and that word must be one the memo marks. */
static int number_word_ahead(const hd_word_view *v, size_t i, size_t end)
{
    for (size_t k = i + 1; k < end && k <= i + 7; k++)
        if (!v->w[k] || (v->w[k]->flags & HD_WORD_NUMWORD))
            return 1;
    return 0;
}

size_t hd_number_at(const hd_doc *doc, size_t i, size_t end, hd_number *out)
{
    if (!doc || !out)
        return 0;
    if (end > doc->n_tokens)
        end = doc->n_tokens;
    if (i >= end)
        return 0;
    const hd_token *t = &doc->tokens[i];
    if (t->kind != HD_TOK_WORD && t->kind != HD_TOK_NUMBER)
        return 0;
    const hd_word_view *v = hd_word_view_of(doc);
    if (v && v->w[i] && !(v->w[i]->flags & HD_WORD_NUMBER))
        return 0; /* the coder's word memo: no number word */
    parser ps = {doc, end};
    word w;
    cls_at(&ps, i, &w);
    if (!starts_number(&w) && w.cls != W_HEAD)
        return 0;

    if (w.cls == W_HEAD && v && !number_word_ahead(v, i, end))
        return 0; /* على، من، ما: no number word follows */

    int q = HD_Q_EXACT, rp = RP_NONE;
    size_t k = i, e;
    if (w.cls == W_HEAD && !(k = read_prefixes(&ps, i, &q, &rp, &w)))
        return 0;
    if (w.cls == W_TEN && k == i && after_unit_or_ordinal(doc, i))
        return 0;

    card n;
    size_t qe = parse_number(&ps, k, &w, &n);
    if (!qe)
        return 0;
    int is_range = n.range;
    if (!is_range && !n.approx)
        is_range = read_range_end(&ps, qe, rp, &n, &qe);
    if (rp != RP_NONE && !is_range)
        return 0; /* بين 200 من ... / من 2011: not a range, no number here */

    hd_number r;
    r.value = n.value;
    r.min = n.min;
    r.max = n.max;
    r.qualifier = is_range ? HD_Q_RANGE
                  : n.approx ? HD_Q_APPROX_PLURAL
                             : HD_Q_EXACT;
    if (r.qualifier == HD_Q_EXACT && q == HD_Q_EXACT &&
        (e = hd_number_post_qualifier(doc, qe, end, &q)))
        qe += e;
    if (q != HD_Q_EXACT)
        hd_number_qualify(&r, q);
    r.tok_first = i;
    r.tok_end = qe;
    r.start = doc->tokens[i].start;
    r.end = doc->tokens[qe - 1].end;
    *out = r;
    return qe - i;
}

int hd_number_parse_text(const char *s, hd_number *out)
{
    hd_doc doc;
    hd_error err;
    hd_text_opts opts;
    int r = -1;
    if (!s || !out)
        return -1;
    hd_doc_init(&doc);
    hd_text_opts_default(&opts);
    if (hd_doc_set_text(&doc, s, strlen(s), &err) == 0 &&
        hd_text_analyze(&doc, &opts, &err) == 0)
        r = (int)hd_number_at(&doc, 0, doc.n_tokens, out);
    hd_doc_free(&doc);
    return r;
}

const char *hd_qualifier_name(int q)
{
    static const char *const names[] = {
        "exact", "about", "more_than", "less_than", "at_least", "at_most",
        "range", "approx_plural"};
    return q >= 0 && (size_t)q < N(names) ? names[q] : "?";
}
