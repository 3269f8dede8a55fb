/*
 * date.c: date expressions, resolved against the article date.
 *
 * Arabic news dates its events relative to the day it is written: أمس،
 * مساء السبت، الأسبوع الماضي، قبل ثلاث سنوات، منذ نحو أربعة أشهر، يوم 27
 * ديسمبر الماضي. A date is only worth having if it is a calendar date, so
 * each expression is resolved against doc->date with plain civil-date
 * arithmetic (days from 1970-01-01 by Hinnant's formulas: no locale, no
 * time zone, no timegm) and carries a precision: day, month or year.
 *
 * The scanner reads match keys (alef unified, ة->ه, ى->ي, no diacritics)
 * token by token within a sentence, tries the forms below at each token and
 * after a match goes on after it. It peels clitics itself (spells()): at
 * most one و/ف, one ب/ل and the article, each only where the word allows it
 * (وأمس، بالأمس، والخميس، للعام), because its vocabulary is small and exact
 * and it must not lean on the general stripper's exception list.
 *
 * Rules, decided here (the tests pin each one):
 *   - Weekday alone (السبت، يوم السبت، مساء السبت): past-tense news, so the
 *     most recent such day strictly before the article date, unless it is
 *     the article's own weekday, which is the article date. With الماضي:
 *     strictly before (a week back on the same weekday); with المقبل/القادم:
 *     strictly after.
 *   - ليلة السبت is the night that precedes Saturday (Friday night, Arabic
 *     reckoning: the night belongs to the day after it), so it is dated the
 *     evening it begins, Friday. ليل السبت is Saturday night (the evening of
 *     Saturday). ليل/ليلة السبت الأحد (or السبت-الأحد، السبت إلى الأحد) is the
 *     night from Saturday to Sunday: Saturday. ليلة أمس and الليلة الماضية are
 *     last night: yesterday.
 *   - أمس، الأمس، البارحة -1; اليوم 0; غدا (يوم غد، صباح الغد) +1; أول أمس، أول
 *     من أمس، أمس الأول -2; بعد غد +2. A weekday in apposition (أمس السبت،
 *     اليوم الأحد) is trusted over the article date, which is often the day
 *     after: it gives that weekday nearest (within 3 days) to the relative
 *     day. اليوم is not today before a definite adjective (اليوم التالي،
 *     اليوم الأول، اليوم العالمي) or after ذلك/نفس/ذات/مثل هذا.
 *   - الأسبوع الماضي/المقبل: the date 7 days before/after, day precision
 *     (a week has no calendar name a coder can use; the day inside it is the
 *     honest middle ground). الشهر الماضي/الجاري/المقبل: month precision;
 *     العام/السنة الماضي(ة)/الجاري/المقبل and هذا العام: year precision.
 *   - قبل N وحدة and منذ N وحدة (N in digits or words through number.h,
 *     with its qualifiers: نحو، أكثر من; the singular is one, the dual two:
 *     قبل عام، منذ أسبوعين): days and hours count back in days, weeks in 7
 *     days (day precision), months in months (month precision), years in
 *     years (year precision). "قبل يومين من X" is relative to X, not to the
 *     article: no date. منذ marks every expression it governs as since (the
 *     start of a period that runs to the article date), and so do the duals
 *     اليومين/الأسبوعين/الشهرين/العامين الماضيين (the last two ...).
 *   - Absolute: day (27، الـ22، 22 من، الخامس عشر من، الحادي والعشرين من) +
 *     month + year (2016، عام 2016، من العام الماضي). Month names of both
 *     systems plus the Maghreb (جانفي ... أوت) and Moroccan (يوليوز، غشت،
 *     شتنبر، نونبر، دجنبر) ones, alone or combined (تشرين الأول/أكتوبر،
 *     أكتوبر/ تشرين أول، يناير (كانون الثاني)). Without a year: الماضي is the
 *     most recent such day/month strictly before the article date/month,
 *     المقبل the next one strictly after, الجاري/الحالي the article's year,
 *     and after بحلول / (إلى) غاية the next one on or after the article date.
 *     With none of these, the occurrence NEAREST the article date (the year
 *     before, of or after it; the earlier on a tie). Not "the most recent
 *     one": news names coming days bare (الانتخابات المقررة في 12 مايو, in an
 *     April article) and past months of another year with الماضي; on 23 bare
 *     dates sampled from the ANT corpus the most-recent rule was wrong 9
 *     times, the nearest rule never. A 29 February that the chosen year
 *     lacks moves to the nearest leap year in the same direction (back when
 *     there is none).
 *   - Half units: قبل عامين ونصف العام is 30 months back (month precision).
 *   - A month without a day needs context to be a date: a year, a modifier,
 *     the combined form, "شهر", or a preposition before it (في، منذ، حتى،
 *     خلال، مطلع، نهاية ...). مارس (also "he practised"), ماي and جوان
 *     (also the name Joan) count after في only among the prepositions, and
 *     آب (also أب "father") after none; these weak names take no clitics.
 *     Named events (ثورة 25 يناير، حرب أكتوبر، هجمات 11 سبتمبر، ذكرى ...)
 *     are not dates.
 *   - Years: عام/العام/سنة 2014, a year after a month, and a bare year after
 *     منذ، حتى، بحلول، مطلع ... (after في only before punctuation). Years are
 *     four digits, 1000..2100; one followed by هـ/هجرية is Hijri: no date.
 *   - Digits: 15/10/2017, 15-10-2017 (day first, Arab usage), 2017-10-15,
 *     2017/10/15. An impossible date (day 32, 30 February, month 13, year 0
 *     or after 2100) is no date.
 * Without an article date, relative mentions are recorded with date "".
 *
 * Events (hd_code_event_dates): the nearest mention of the event's sentence,
 * preferring one that starts within 8 tokens after the trigger, then the
 * nearest before it, then any after it; no clause analysis. Only a resolved
 * day gives event->date (outputs want YYYY-MM-DD); a month, a year or an
 * unresolved mention leaves the article date but fills date_text.
 *
 * Known limits: a bare weekday under a future verb (ستبدأ الثلاثاء) is read
 * as past; a named event keeps no date even with its year (ثورة 25 يناير
 * 2011); dates of a clause relative to another event (في اليوم التالي) are
 * not followed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "code/date.h"
#include "text/number.h"
#include "text/words.h"

/* ------------------------------------------------------- civil calendar */

/* Days since 1970-01-01 of a proleptic Gregorian date (Hinnant). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* 0 = Sunday .. 6 = Saturday; 1970-01-01 was a Thursday. */
static int weekday_of(int64_t z)
{
    return (int)(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}

static int month_days(int y, int m)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : len[m - 1];
}

static int valid_ymd(int y, int m, int d)
{
    return y >= 1 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 &&
           d <= month_days(y, m);
}

/* Reads "YYYY-MM-DD" (anything may follow: a time). */
static int parse_iso(const char *s, int *y, int *m, int *d)
{
    if (!s)
        return 0;
    for (int i = 0; i < 10; i++) {
        int digit = s[i] >= '0' && s[i] <= '9';
        if (i == 4 || i == 7 ? s[i] != '-' : !digit)
            return 0;
    }
    *y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
         (s[3] - '0');
    *m = (s[5] - '0') * 10 + (s[6] - '0');
    *d = (s[8] - '0') * 10 + (s[9] - '0');
    return valid_ymd(*y, *m, *d);
}

/* ------------------------------------------------------------ scanning */

typedef struct hd_date_starts start_words;

typedef struct scan {
    const hd_doc *doc;
    const start_words *starts; /* the words an expression can start on */
    const hd_word_view *view; /* the coder's word memo, or NULL */
    const uint8_t *skip; /* its hd_tok_skips_of, or NULL */
    size_t first, end;   /* the sentence's tokens */
    int have_ref;        /* the article date is known */
    int64_t ref;         /* the article date, days from civil */
    int ry, rm, rd, rwd; /* the same as a civil date and a weekday */
} scan;

/* One expression: its date and how sure the day is. */
typedef struct found {
    int y, m, d;
    int prec;     /* hd_date_precision */
    int resolved; /* 0: relative, and no article date to resolve it */
    int since;
    int invalid;  /* a date's shape with an impossible value: no date */
} found;

enum { W_CONJ = 1, W_PREP = 2, W_AL = 4, W_NOAL = 8 };
#define W_CLITICS (W_CONJ | W_PREP)

/* MOD_SOON: no modifier, but بحلول / (إلى) غاية before the date. */
enum { MOD_NONE = 0, MOD_PAST, MOD_NEXT, MOD_CUR, MOD_SOON };
enum { U_HOUR = 1, U_DAY, U_WEEK, U_MONTH, U_YEAR };
enum { TOD_NONE = 0, TOD_NIGHT, TOD_LAIL, TOD_OTHER };

static const hd_token *at(const scan *s, size_t i)
{
    return i >= s->first && i < s->end ? &s->doc->tokens[i] : NULL;
}

static int starts(const char *k, size_t n, size_t p, const char *w)
{
    size_t l = strlen(w);
    return n >= p + l && memcmp(k + p, w, l) == 0;
}

/* Is k[0..n) exactly the clitics the flags allow: at most one و/ف
 * (W_CONJ), one ب/ل (W_PREP), and the article (W_AL: required, W_NOAL:
 * refused, neither: optional; ل + ال is written لل)? */
static int clitics_ok(const char *k, size_t n, unsigned f)
{
    for (int c = 0; c < 2; c++) {
        if (c && !((f & W_CONJ) && (starts(k, n, 0, "و") || starts(k, n, 0, "ف"))))
            continue;
        size_t p = c ? 2 : 0;
        for (int b = 0; b < 2; b++) {
            int lam = b && starts(k, n, p, "ل");
            if (b && (!(f & W_PREP) || (!lam && !starts(k, n, p, "ب"))))
                continue;
            size_t q = b ? p + 2 : p;
            if (!(f & W_AL) && q == n)
                return 1;
            if (!(f & W_NOAL) && ((lam && starts(k, n, q, "ل") && q + 2 == n) ||
                                  (starts(k, n, q, "ال") && q + 4 == n)))
                return 1;
        }
    }
    return 0;
}

/* Does the word spell w (wl bytes) after the clitics the flags allow? The
 * word must end in w: its last byte first, which rejects almost every
 * token at once. */
static int spells_n(const hd_token *t, const char *w, size_t wl, unsigned f)
{
    if (!t || t->kind != HD_TOK_WORD)
        return 0;
    size_t n = t->key_len;
    if (n < wl || (wl && t->key[n - 1] != w[wl - 1]) ||
        !hd_same_bytes(t->key + n - wl, w, wl))
        return 0;
    return clitics_ok(t->key, n - wl, f);
}

static int spells(const hd_token *t, const char *w, unsigned f)
{
    return spells_n(t, w, strlen(w), f);
}

/* A word of a list, with its length. */
typedef struct dword {
    const char *w;
    size_t n;
} dword;
#define DW(lit) {lit, sizeof lit - 1}
#define DW_END {NULL, 0}

/* Index + 1 of the word of list (DW_END-ended) that t spells, or 0. */
static int spells_any(const hd_token *t, const dword *list, unsigned f)
{
    for (int i = 0; list[i].w; i++)
        if (spells_n(t, list[i].w, list[i].n, f))
            return i + 1;
    return 0;
}

static int key_is(const hd_token *t, const char *k)
{
    return t && t->key_len == strlen(k) && memcmp(t->key, k, t->key_len) == 0;
}

/* The value of a token of 1..max_len ASCII digits, or -1. */
static long digits_value(const hd_token *t, size_t min_len, size_t max_len)
{
    if (!t || t->kind != HD_TOK_NUMBER || t->key_len < min_len ||
        t->key_len > max_len)
        return -1;
    long v = 0;
    for (size_t i = 0; i < t->key_len; i++) {
        if (t->key[i] < '0' || t->key[i] > '9')
            return -1;
        v = v * 10 + (t->key[i] - '0');
    }
    return v;
}

/* ---------------------------------------------------------- resolution */

static void set_ymd(found *f, int y, int m, int d, int prec)
{
    f->y = y, f->m = m, f->d = d, f->prec = prec, f->resolved = 1;
}

static void set_days(const scan *s, found *f, int64_t off)
{
    f->prec = HD_DATE_DAY;
    if (s->have_ref) {
        civil_from_days(s->ref + off, &f->y, &f->m, &f->d);
        f->resolved = 1;
    }
}

static void set_months(const scan *s, found *f, long delta)
{
    f->prec = HD_DATE_MONTH;
    if (s->have_ref) {
        long k = (long)s->ry * 12 + (s->rm - 1) + delta;
        set_ymd(f, (int)(k >= 0 ? k / 12 : -1), (int)(k >= 0 ? k % 12 + 1 : 1),
                1, HD_DATE_MONTH);
    }
}

static void set_years(const scan *s, found *f, long delta)
{
    f->prec = HD_DATE_YEAR;
    if (s->have_ref)
        set_ymd(f, (int)(s->ry + delta), 1, 1, HD_DATE_YEAR);
}

/* A weekday (0 = Sunday) by the rules at the top. */
static void set_weekday(const scan *s, found *f, int wd, int mod)
{
    int back = (s->rwd - wd + 7) % 7;
    if (mod == MOD_NEXT)
        set_days(s, f, (wd - s->rwd + 7) % 7 ? (wd - s->rwd + 7) % 7 : 7);
    else
        set_days(s, f, -(mod == MOD_PAST && back == 0 ? 7 : back));
}

/* The weekday wd nearest to the article date + off. */
static void set_weekday_near(const scan *s, found *f, int64_t off, int wd)
{
    int delta = (wd - (s->rwd + (int)(off % 7) + 7) % 7 + 7) % 7;
    set_days(s, f, off + (delta > 3 ? delta - 7 : delta));
}

/* Compares month/day with the article's: <0 before, 0 same, >0 after. d = 0
 * compares months only. */
static int cmp_ref(const scan *s, int m, int d)
{
    if (m != s->rm)
        return m - s->rm;
    return d ? d - s->rd : 0;
}

/* Of the years before, of and after the article's, the one that puts
 * month/day nearest to the article date (the earlier on a tie). */
static int nearest_year(const scan *s, int m, int d)
{
    int best = s->ry - 1;
    int64_t best_dist = -1;
    for (int y = s->ry - 1; y <= s->ry + 1; y++) {
        int64_t dist = d ? days_from_civil(y, m, d) - s->ref
                         : (int64_t)(y - s->ry) * 12 + (m - s->rm);
        dist = dist < 0 ? -dist : dist;
        if ((!d || valid_ymd(y, m, d)) && (best_dist < 0 || dist < best_dist)) {
            best = y;
            best_dist = dist;
        }
    }
    return best;
}

/* A day (d > 0) or a month (d = 0) without a year, by the modifier. */
static int set_md(const scan *s, found *f, int m, int d, int mod)
{
    int prec = d ? HD_DATE_DAY : HD_DATE_MONTH;
    f->prec = prec;
    if (!s->have_ref)
        return d <= month_days(2000, m);
    int c = cmp_ref(s, m, d), y = s->ry, step = -1;
    if (mod == MOD_NEXT)
        y += c <= 0, step = 1;
    else if (mod == MOD_SOON)
        y += c < 0, step = 1;
    else if (mod == MOD_PAST)
        y -= c >= 0;
    else if (mod == MOD_NONE)
        y = nearest_year(s, m, d);
    for (int tries = 0; d && !valid_ymd(y, m, d) && tries < 8; tries++) {
        if (mod == MOD_CUR || d > 29)
            return 0;
        y += step;
    }
    if (!valid_ymd(y, m, d ? d : 1))
        return 0;
    set_ymd(f, y, m, d ? d : 1, prec);
    return 1;
}

/* ---------------------------------------------------------- vocabulary */

static const dword WEEKDAYS[] = {DW("احد"), DW("اثنين"), DW("ثلاثاء"),
    DW("اربعاء"), DW("خميس"), DW("جمعه"), DW("سبت"), DW_END};
static const dword TIME_OF_DAY[] = {DW("مساء"), DW("صباح"), DW("فجر"),
    DW("ظهر"), DW("عصر"), DW("ظهيره"), DW("ضحي"), DW("نهار"), DW("صبيحه"),
    DW("عشيه"), DW_END}; /* and ليلة، ليل */
static const dword ORDINAL_UNITS[] = {DW("حادي"), DW("ثاني"), DW("ثالث"),
    DW("رابع"), DW("خامس"), DW("سادس"), DW("سابع"), DW("ثامن"), DW("تاسع"),
    DW("عاشر"), DW_END};
static const dword PERIOD_NOUNS[] = {DW("اسبوع"), DW("شهر"), DW("عام"),
    DW("سنه"), DW_END};
static const dword DUALS[] = {DW("يومين"), DW("اسبوعين"), DW("شهرين"),
    DW("عامين"), DW("سنتين"), DW_END};
/* Every other word an expression can start on (its core, clitics off). */
static const dword OTHER_STARTS[] = {DW("يوم"), DW("امس"), DW("بارحه"),
    DW("غدا"), DW("غد"), DW("اول"), DW("بعد"), DW("ليله"), DW("ليل"),
    DW("هذا"), DW("هذه"), DW("عشرين"), DW("ثلاثين"), DW("منذ"), DW("قبل"),
    DW_END};

/* The weekday the token names (0 = Sunday), or -1. */
static int weekday_word(const hd_token *t, unsigned f)
{
    return spells_any(t, WEEKDAYS, f | W_AL) - 1;
}

static int modifier_at(const scan *s, size_t i)
{
    static const dword past[] = {DW("ماضي"), DW("ماضيه"), DW("منصرم"),
        DW("منصرمه"), DW("فائت"), DW("فائته"), DW_END};
    static const dword next[] = {DW("مقبل"), DW("مقبله"), DW("قادم"),
        DW("قادمه"), DW_END};
    static const dword cur[] = {DW("جاري"), DW("جاريه"), DW("حالي"),
        DW("حاليه"), DW_END};
    const hd_token *t = at(s, i);
    if (spells_any(t, past, W_AL))
        return MOD_PAST;
    if (spells_any(t, next, W_AL))
        return MOD_NEXT;
    return spells_any(t, cur, W_AL) ? MOD_CUR : MOD_NONE;
}

typedef struct month_name {
    const char *w, *w2; /* w2: second word of the Levantine compounds */
    uint8_t len;        /* bytes of w */
    uint8_t month;
    uint8_t weak;       /* also a common word: needs more context */
} month_name;

#define MN(w, w2, m, weak) {w, w2, sizeof w - 1, m, weak}
static const month_name MONTHS[] = {
    MN("كانون", "الثاني", 1, 0), MN("كانون", "ثاني", 1, 0),
    MN("كانون", "الاول", 12, 0), MN("كانون", "اول", 12, 0),
    MN("تشرين", "الاول", 10, 0), MN("تشرين", "اول", 10, 0),
    MN("تشرين", "الثاني", 11, 0), MN("تشرين", "ثاني", 11, 0),
    MN("شباط", NULL, 2, 0), MN("اذار", NULL, 3, 0), MN("نيسان", NULL, 4, 0),
    MN("ايار", NULL, 5, 0), MN("حزيران", NULL, 6, 0), MN("تموز", NULL, 7, 0),
    MN("اب", NULL, 8, 1), MN("ايلول", NULL, 9, 0),
    MN("يناير", NULL, 1, 0), MN("فبراير", NULL, 2, 0), MN("مارس", NULL, 3, 1),
    MN("ابريل", NULL, 4, 0), MN("مايو", NULL, 5, 0), MN("يونيو", NULL, 6, 0),
    MN("يونيه", NULL, 6, 0), MN("يوليو", NULL, 7, 0), MN("يوليه", NULL, 7, 0),
    MN("اغسطس", NULL, 8, 0), MN("سبتمبر", NULL, 9, 0), MN("اكتوبر", NULL, 10, 0),
    MN("نوفمبر", NULL, 11, 0), MN("ديسمبر", NULL, 12, 0),
    MN("جانفي", NULL, 1, 0), MN("فيفري", NULL, 2, 0), MN("افريل", NULL, 4, 0),
    MN("ماي", NULL, 5, 1), MN("جوان", NULL, 6, 1), MN("جويليه", NULL, 7, 0),
    MN("اوت", NULL, 8, 0), MN("يوليوز", NULL, 7, 0), MN("غشت", NULL, 8, 0),
    MN("شتنبر", NULL, 9, 0), MN("نونبر", NULL, 11, 0), MN("دجنبر", NULL, 12, 0),
};
#undef MN

/* Does t spell the month name mn (its first word), with the clitics it
 * allows? Its last letter first: that turns away almost every token. */
static int spells_month(const hd_token *t, const month_name *mn)
{
    size_t n = t->key_len, l = mn->len;
    if (!t->key || n < l || t->key[n - 1] != mn->w[l - 1] ||
        t->key[n - 2] != mn->w[l - 2])
        return 0;
    return spells(t, mn->w, W_NOAL | (mn->weak ? 0 : W_CLITICS));
}

/* Does t spell one of the month names (their first words), with the
 * clitics each allows? The word memo keeps the answer (HD_WORD_MONTH). */
static int month_word(const hd_token *t)
{
    for (size_t k = 0; k < sizeof MONTHS / sizeof MONTHS[0]; k++)
        if (spells_month(t, &MONTHS[k]))
            return 1;
    return 0;
}

/* A month name at i: returns the index after it (0: none), its month and
 * whether it is weak. Strong names may carry و/ف/ب/ل; weak ones none. */
static size_t month_name_at(const scan *s, size_t i, int *month, int *weak)
{
    const hd_token *t = at(s, i);
    if (t && s->view && s->view->w[i] &&
        !(s->view->w[i]->flags & HD_WORD_MONTH))
        return 0;
    for (size_t k = 0; t && k < sizeof MONTHS / sizeof MONTHS[0]; k++) {
        const month_name *mn = &MONTHS[k];
        if (!spells_month(t, mn))
            continue;
        if (mn->w2 && !key_is(at(s, i + 1), mn->w2))
            continue;
        *month = mn->month;
        *weak = mn->weak;
        return i + (mn->w2 ? 2 : 1);
    }
    return 0;
}

/* A month, alone or with its name in the other system: تشرين الأول/أكتوبر،
 * أكتوبر/ تشرين الأول، أكتوبر تشرين الأول، يناير (كانون الثاني). */
static size_t month_at(const scan *s, size_t i, int *month, int *weak,
                       int *combined)
{
    size_t e = month_name_at(s, i, month, weak);
    if (!e)
        return 0;
    *combined = 0;
    const hd_token *t = at(s, e);
    int paren = key_is(t, "(");
    size_t k = paren || key_is(t, "/") || key_is(t, "-") ? e + 1 : e;
    int m2, w2;
    size_t e2 = month_name_at(s, k, &m2, &w2);
    if (!e2 || m2 != *month || (paren && !key_is(at(s, e2), ")")))
        return e;
    *combined = 1;
    *weak = 0;
    return paren ? e2 + 1 : e2;
}

/* Digits where a year would be that make no year (يونيو 20165، 0000). */
static int bad_year_at(const scan *s, size_t i)
{
    const hd_token *t = at(s, i);
    long y = digits_value(t, 4, 4);
    if (!t || t->kind != HD_TOK_NUMBER || t->key_len < 4)
        return 0;
    for (size_t k = 0; k < t->key_len; k++)
        if (t->key[k] < '0' || t->key[k] > '9')
            return 0;
    return y < 1000 || y > 2100;
}

/* A four-digit year 1000..2100 at i, not followed by a Hijri mark, or 0. */
static int year_at_token(const scan *s, size_t i)
{
    static const dword hijri[] = {DW("ه"), DW("هجريه"), DW("هجري"),
        DW("للهجره"), DW_END};
    long y = digits_value(at(s, i), 4, 4);
    if (y < 1000 || y > 2100)
        return 0;
    if (key_is(at(s, i + 1), "ه") || spells_any(at(s, i + 1), hijri, W_CLITICS))
        return 0;
    return (int)y;
}

static int year_word(const hd_token *t, unsigned f)
{
    return spells(t, "عام", f) || spells(t, "سنه", f);
}

/* The year that follows a month: 2016، عام 2016، من عام 2016، من العام
 * الماضي/الجاري/المقبل، من هذا العام. Sets *year, or *rel (a year offset)
 * and *has_rel; returns the index after it, or 0. */
static size_t year_part_at(const scan *s, size_t i, int *year, int *rel,
                           int *has_rel)
{
    if ((*year = year_at_token(s, i)))
        return i + 1;
    size_t j = spells(at(s, i), "من", 0) ? i + 1 : i;
    if (year_word(at(s, j), 0) && (*year = year_at_token(s, j + 1)))
        return j + 2;
    if (j == i)
        return 0;
    int mod = modifier_at(s, j + 1);
    if (year_word(at(s, j), W_AL) && mod) {
        *rel = mod == MOD_PAST ? -1 : mod == MOD_NEXT ? 1 : 0;
        *has_rel = 1;
        return j + 2;
    }
    if ((key_is(at(s, j), "هذا") || key_is(at(s, j), "هذه")) &&
        year_word(at(s, j + 1), W_AL)) {
        *rel = 0;
        *has_rel = 1;
        return j + 2;
    }
    return 0;
}

/* ---------------------------------------------------------------- days */

/* An ordinal day (الأول، الخامس عشر، الحادي والعشرين، الثلاثين), or 0. */
static size_t ordinal_day_at(const scan *s, size_t i, int *day)
{
    const hd_token *t = at(s, i);
    int u = spells_any(t, ORDINAL_UNITS, W_AL | W_CONJ);
    if (spells(t, "اول", W_AL | W_CONJ))
        return *day = 1, i + 1;
    if (spells(t, "عشرين", W_AL | W_CONJ))
        return *day = 20, i + 1;
    if (spells(t, "ثلاثين", W_AL | W_CONJ))
        return *day = 30, i + 1;
    if (!u)
        return 0;
    if (u < 10 && key_is(at(s, i + 1), "عشر"))
        return *day = 10 + u, i + 2;
    if (u < 10 && spells(at(s, i + 1), "عشرين", W_AL | W_CONJ))
        return *day = 20 + u, i + 2;
    if (u == 1 && spells(at(s, i + 1), "ثلاثين", W_AL | W_CONJ))
        return *day = 31, i + 2;
    if (u == 1)
        return 0; /* الحادي alone */
    return *day = u, i + 1;
}

/* A day of the month before a month name: 27، الـ22، 22 من، الخامس من. */
static size_t day_at(const scan *s, size_t i, int *day)
{
    size_t j = key_is(at(s, i), "ال") ? i + 1 : i;
    long v = digits_value(at(s, j), 1, 2);
    if (v >= 0) { /* range checked by the caller, once a month follows */
        *day = (int)v;
        return spells(at(s, j + 1), "من", 0) ? j + 2 : j + 1;
    }
    size_t e = ordinal_day_at(s, i, day);
    return e && spells(at(s, e), "من", 0) ? e + 1 : 0;
}

/* بحلول (by) and (إلى) غاية (until) make a bare date the next one. */
static int soon_before(const scan *s, size_t i)
{
    static const dword w[] = {DW("بحلول"), DW("غايه"), DW_END};
    return i > s->first && spells_any(at(s, i - 1), w, W_CLITICS);
}

/* Words before a date that name an event, not a day: ثورة 25 يناير. */
static int named_event_before(const scan *s, size_t i)
{
    static const dword w[] = {DW("ثوره"), DW("حرب"), DW("حركه"),
        DW("انتفاضه"), DW("هجمات"), DW("احداث"), DW("اعتداءات"),
        DW("تفجيرات"), DW("ذكري"), DW_END};
    return i > s->first && spells_any(at(s, i - 1), w, W_CLITICS);
}

/* A date with a day: 27 ديسمبر 2016، 14 تشرين الأول/أكتوبر، الخامس من حزيران
 * الماضي. Returns the index after it, or 0. */
static size_t day_month_at(const scan *s, size_t i, found *f)
{
    int d, m, weak, comb, y = 0, rel = 0, has_rel = 0;
    size_t e = day_at(s, i, &d);
    if (!e || !(e = month_at(s, e, &m, &weak, &comb)))
        return 0;
    if (bad_year_at(s, e))
        return f->invalid = 1, e + 1;
    size_t e2 = year_part_at(s, e, &y, &rel, &has_rel);
    int mod = e2 ? MOD_NONE : modifier_at(s, e), ok;
    if (e2 && !has_rel) {
        if ((ok = valid_ymd(y, m, d)))
            set_ymd(f, y, m, d, HD_DATE_DAY);
    } else if (e2) {
        f->prec = HD_DATE_DAY;
        ok = s->have_ref ? valid_ymd(s->ry + rel, m, d)
                         : d >= 1 && d <= month_days(2000, m);
        if (ok && s->have_ref)
            set_ymd(f, s->ry + rel, m, d, HD_DATE_DAY);
    } else {
        if (!mod && soon_before(s, i))
            mod = MOD_SOON;
        ok = d >= 1 && set_md(s, f, m, d, mod);
        e2 = mod && mod != MOD_SOON ? e + 1 : e;
    }
    f->invalid = !ok; /* 32 ديسمبر 2017 is no date, and no December either */
    return e2;
}

/* Digits: 15/10/2017، 15-10-2017، 2017-10-15، 2017/10/15. */
static size_t digits_date_at(const scan *s, size_t i, found *f)
{
    const hd_token *t = at(s, i);
    if (!t || t->kind != HD_TOK_NUMBER || t->key_len < 8 || t->key_len > 10)
        return 0;
    long part[3] = {0, 0, 0};
    size_t len[3] = {0, 0, 0}, p = 0;
    char sep = 0;
    for (size_t k = 0; k < t->key_len; k++) {
        char c = t->key[k];
        if (c >= '0' && c <= '9') {
            part[p] = part[p] * 10 + (c - '0');
            len[p]++;
        } else if ((c == '/' || c == '-') && p < 2 && (!sep || c == sep)) {
            sep = c;
            p++;
        } else {
            return 0;
        }
    }
    if (p != 2 || !len[0] || !len[1] || !len[2] || len[1] > 2)
        return 0;
    int ymd = len[0] == 4 && len[2] <= 2, dmy = len[2] == 4 && len[0] <= 2;
    int y = (int)(ymd ? part[0] : part[2]), d = (int)(ymd ? part[2] : part[0]);
    if (!(ymd || dmy) || !valid_ymd(y, (int)part[1], d))
        return 0;
    set_ymd(f, y, (int)part[1], d, HD_DATE_DAY);
    return i + 1;
}

/* ------------------------------------------------------ relative words */

/* Is the اليوم at i today? Not in اليوم التالي، ذلك اليوم، مثل هذا اليوم. */
static int today_ok(const scan *s, size_t i)
{
    static const dword that[] = {DW("ذلك"), DW("نفس"), DW("ذات"), DW("تلك"),
        DW_END};
    const hd_token *n = at(s, i + 1), *p = i > s->first ? at(s, i - 1) : NULL;
    if (p && spells_any(p, that, W_CLITICS))
        return 0;
    if (p && key_is(p, "هذا") && i - 1 > s->first && spells(at(s, i - 2), "مثل", W_CLITICS))
        return 0;
    if (key_is(n, "نفسه") || key_is(n, "ذاته"))
        return 0;
    if (key_is(n, "الي") || key_is(n, "الا"))
        return 1; /* حتى اليوم إلى ... */
    return !(n && n->kind == HD_TOK_WORD && starts(n->key, n->key_len, 0, "ال") &&
             weekday_word(n, 0) < 0);
}

/* A weekday in apposition after a relative day (أمس السبت): trusted. */
static size_t apposed_weekday(const scan *s, size_t e, found *f, int64_t off)
{
    int wd = weekday_word(at(s, e), 0);
    if (wd < 0)
        return e;
    if (s->have_ref)
        set_weekday_near(s, f, off, wd);
    return e + 1;
}

/* The day words: اليوم، أمس، الأمس، البارحة، غدا، (يوم) غد، أول (من) أمس،
 * أمس الأول، بعد غد، الليلة الماضية. prefixed: a time-of-day word or يوم
 * came before (then the word takes no clitics). */
static size_t day_word_at(const scan *s, size_t i, int prefixed, found *f)
{
    unsigned c = prefixed ? 0 : W_CLITICS;
    const hd_token *t = at(s, i);
    if (spells(t, "يوم", W_AL | c)) {
        if (!today_ok(s, i))
            return 0;
        set_days(s, f, 0);
        return apposed_weekday(s, i + 1, f, 0);
    }
    if (spells(t, "امس", c)) {
        if (spells(at(s, i + 1), "اول", W_AL))
            return set_days(s, f, -2), i + 2;
        set_days(s, f, -1);
        return apposed_weekday(s, i + 1, f, -1);
    }
    if (spells(t, "بارحه", W_AL | c))
        return set_days(s, f, -1), i + 1;
    if (spells(t, "غدا", W_NOAL | c) || (prefixed && spells(t, "غد", 0))) {
        set_days(s, f, 1);
        return apposed_weekday(s, i + 1, f, 1);
    }
    if (prefixed)
        return 0;
    if (spells(t, "اول", W_NOAL | W_CONJ)) {
        size_t j = spells(at(s, i + 1), "من", 0) ? i + 2 : i + 1;
        return spells(at(s, j), "امس", W_NOAL) ? (set_days(s, f, -2), j + 1) : 0;
    }
    if (spells(t, "بعد", W_CONJ) && spells(at(s, i + 1), "غد", W_NOAL))
        return set_days(s, f, 2), i + 2;
    if (spells(t, "ليله", W_AL | W_CLITICS) && spells(at(s, i + 1), "ماضيه", W_AL))
        return set_days(s, f, -1), i + 2;
    return 0;
}

/* The second weekday of a night: ليل السبت الأحد، السبت-الأحد، السبت إلى
 * الأحد. Returns the index after it, or 0. */
static size_t night_pair_at(const scan *s, size_t i, int wd)
{
    const hd_token *t = at(s, i);
    size_t j = key_is(t, "-") || spells(t, "الي", 0) || spells(t, "علي", 0) ? i + 1 : i;
    return weekday_word(at(s, j), W_CONJ) == (wd + 1) % 7 ? j + 1 : 0;
}

/* A weekday with its modifier and night reading; a full date right after it
 * (الأحد 15 أكتوبر) wins. */
static size_t weekday_at(const scan *s, size_t i, int tod, int prefixed,
                         found *f)
{
    static const dword pair[] = {DW("بين"), DW("كلا"), DW_END};
    int wd = weekday_word(at(s, i), prefixed ? 0 : W_CLITICS);
    if (wd < 0)
        return 0;
    if (wd == 1 && !prefixed && i > s->first && spells_any(at(s, i - 1), pair, W_CONJ))
        return 0; /* بين الاثنين: between the two */
    size_t e = i + 1, pe;
    int mod = modifier_at(s, e);
    if (mod == MOD_PAST || mod == MOD_NEXT)
        e++;
    else
        mod = MOD_NONE;
    set_weekday(s, f, wd, mod);
    if ((tod == TOD_NIGHT || tod == TOD_LAIL) && (pe = night_pair_at(s, e, wd)))
        e = pe;
    else if (tod == TOD_NIGHT && f->resolved)
        set_days(s, f, days_from_civil(f->y, f->m, f->d) - 1 - s->ref);
    found g;
    memset(&g, 0, sizeof g);
    size_t k = key_is(at(s, e), ",") ? e + 1 : e, ke;
    if (((ke = digits_date_at(s, k, &g)) || (ke = day_month_at(s, k, &g))) &&
        !g.invalid) {
        *f = g;
        e = ke;
    }
    return e;
}

/* A time-of-day word: مساء، صباح، ليلة، ليل، فجر، ظهر، عصر، ظهيرة، ... */
static int time_of_day_at(const scan *s, size_t i)
{
    const hd_token *t = at(s, i);
    if (spells(t, "ليله", W_NOAL | W_CLITICS))
        return TOD_NIGHT;
    if (spells(t, "ليل", W_NOAL | W_CLITICS))
        return TOD_LAIL;
    return spells_any(t, TIME_OF_DAY, W_NOAL | W_CLITICS) ? TOD_OTHER : TOD_NONE;
}

/* [time of day] [يوم] then a day word, a weekday or (after a prefix) a full
 * date: مساء السبت، صباح اليوم، يوم 27 ديسمبر الماضي، ليلة أمس. */
static size_t daytime_at(const scan *s, size_t i, found *f)
{
    int tod = time_of_day_at(s, i);
    size_t j = tod ? i + 1 : i, e;
    int yawm = spells(at(s, j), "يوم", W_NOAL | (tod ? 0 : W_CLITICS));
    if (yawm)
        j++;
    int prefixed = tod || yawm;
    if ((e = day_word_at(s, j, prefixed, f)))
        return e;
    if ((e = weekday_at(s, j, tod, prefixed, f)))
        return e;
    if (prefixed && (e = digits_date_at(s, j, f)))
        return e;
    return prefixed ? day_month_at(s, j, f) : 0;
}

/* ------------------------------------------------------------- periods */

/* الأسبوع/الشهر/العام/السنة + الماضي/الجاري/المقبل; هذا العام، هذا الشهر. */
static size_t period_at(const scan *s, size_t i, found *f)
{
    static const dword titles[] = {DW("امين"), DW("مدعي"), DW("نائب"),
        DW("مدير"), DW("مفتش"), DW("مراقب"), DW("قائد"), DW("راي"),
        DW("منسق"), DW("مفوض"), DW_END};
    size_t j = i;
    int mod = MOD_NONE, u;
    if (spells(at(s, i), "هذا", W_CONJ) || spells(at(s, i), "هذه", W_CONJ)) {
        j = i + 1;
        mod = MOD_CUR;
    }
    if (!(u = spells_any(at(s, j), PERIOD_NOUNS, W_AL | (j == i ? W_CLITICS : 0))))
        return 0;
    if (j == i && !(mod = modifier_at(s, i + 1)))
        return 0;
    if (u == 3 && i > s->first && spells_any(at(s, i - 1), titles, W_CLITICS))
        return 0; /* الأمين العام الحالي */
    long delta = mod == MOD_PAST ? -1 : mod == MOD_NEXT ? 1 : 0;
    if (u == 1 && !delta)
        return 0;
    if (u == 1)
        set_days(s, f, 7 * delta);
    else if (u == 2)
        set_months(s, f, delta);
    else
        set_years(s, f, delta);
    return j + (j == i ? 2 : 1);
}

/* اليومين/الأسبوعين/الشهرين/العامين الماضيين: since two units back. */
static size_t dual_period_at(const scan *s, size_t i, found *f)
{
    static const dword past[] = {DW("ماضيين"), DW("اخيرين"), DW_END};
    int u = spells_any(at(s, i), DUALS, W_AL | W_CLITICS);
    if (!u || !spells_any(at(s, i + 1), past, W_AL))
        return 0;
    if (u <= 2)
        set_days(s, f, u == 1 ? -2 : -14);
    else if (u == 3)
        set_months(s, f, -2);
    else
        set_years(s, f, -2);
    f->since = 1;
    return i + 2;
}

/* عام 2014، العام 2014، سنة 2014، لعام 2014. */
static size_t year_phrase_at(const scan *s, size_t i, found *f)
{
    int y;
    if (!year_word(at(s, i), W_CLITICS) || !(y = year_at_token(s, i + 1)))
        return 0;
    set_ymd(f, y, 1, 1, HD_DATE_YEAR);
    return i + 2;
}

/* A bare year after a word that makes it one: منذ 2011، حتى 2020، في 2014. */
static size_t bare_year_at(const scan *s, size_t i, found *f)
{
    static const dword ctx[] = {DW("منذ"), DW("حتي"), DW("بحلول"), DW("مطلع"),
        DW("اوائل"), DW("اواخر"), DW("اواسط"), DW("منتصف"), DW("نهايه"),
        DW("بدايه"), DW("خلال"), DW("قبل"), DW("بعد"), DW_END};
    int y = year_at_token(s, i);
    if (!y || i <= s->first)
        return 0;
    const hd_token *p = at(s, i - 1), *n = at(s, i + 1);
    int ok = spells_any(p, ctx, W_CONJ) ||
             (spells(p, "في", W_CONJ) && (!n || n->kind == HD_TOK_PUNCT));
    if (!ok)
        return 0;
    set_ymd(f, y, 1, 1, HD_DATE_YEAR);
    return i + 1;
}

/* A month without a day, where its context makes it a date. */
static size_t month_only_at(const scan *s, size_t i, found *f)
{
    static const dword ctx[] = {DW("في"), DW("منذ"), DW("حتي"), DW("خلال"),
        DW("مطلع"), DW("اوائل"), DW("اواخر"), DW("اواسط"), DW("منتصف"),
        DW("نهايه"), DW("بدايه"), DW("الي"), DW("بحلول"), DW("قبل"),
        DW("بعد"), DW("من"), DW("اول"), DW("اخر"), DW("غضون"), DW_END};
    int m, weak, comb, y = 0, rel = 0, has_rel = 0;
    int shahr = spells(at(s, i), "شهر", W_NOAL | W_CLITICS);
    size_t j = shahr ? i + 1 : i, e = month_at(s, j, &m, &weak, &comb);
    if (!e)
        return 0;
    if (bad_year_at(s, e))
        return f->invalid = 1, e + 1;
    size_t e2 = year_part_at(s, e, &y, &rel, &has_rel);
    int mod = e2 ? MOD_NONE : modifier_at(s, e);
    int prep = i > s->first && spells_any(at(s, i - 1), ctx, W_CONJ);
    if (!(shahr || comb || e2 || mod || (prep && !weak) ||
          (prep && m != 8 && spells(at(s, i - 1), "في", W_CONJ))))
        return 0;
    if (e2 && !has_rel)
        return set_ymd(f, y, m, 1, HD_DATE_MONTH), e2;
    if (e2) {
        f->prec = HD_DATE_MONTH;
        if (s->have_ref)
            set_ymd(f, s->ry + rel, m, 1, HD_DATE_MONTH);
        return e2;
    }
    size_t end = mod ? e + 1 : e;
    if (!mod && soon_before(s, i))
        mod = MOD_SOON;
    return set_md(s, f, m, 0, mod) ? end : 0;
}

/* ----------------------------------------------------- قبل/منذ N units */

typedef struct unit_word {
    const char *w;
    uint8_t unit;
    uint8_t count; /* 1 singular, 2 dual, 0 only after a number */
} unit_word;

static const unit_word UNITS[] = {
    {"يوم", U_DAY, 1}, {"يوما", U_DAY, 0}, {"ايام", U_DAY, 0},
    {"يومين", U_DAY, 2}, {"اسبوع", U_WEEK, 1}, {"اسبوعا", U_WEEK, 0},
    {"اسابيع", U_WEEK, 0}, {"اسبوعين", U_WEEK, 2}, {"شهر", U_MONTH, 1},
    {"شهرا", U_MONTH, 0}, {"اشهر", U_MONTH, 0}, {"شهور", U_MONTH, 0},
    {"شهرين", U_MONTH, 2}, {"عام", U_YEAR, 1}, {"عاما", U_YEAR, 0},
    {"اعوام", U_YEAR, 0}, {"عامين", U_YEAR, 2}, {"سنه", U_YEAR, 1},
    {"سنوات", U_YEAR, 0}, {"سنين", U_YEAR, 0}, {"سنتين", U_YEAR, 2},
    {"ساعه", U_HOUR, 1}, {"ساعات", U_HOUR, 0}, {"ساعتين", U_HOUR, 2},
};

static const unit_word *unit_at(const scan *s, size_t i)
{
    for (size_t k = 0; k < sizeof UNITS / sizeof UNITS[0]; k++)
        if (key_is(at(s, i), UNITS[k].w))
            return &UNITS[k];
    return NULL;
}

/* The unit again with the article, after ونصف: عامين ونصف العام. */
static int unit_word_with_al(const scan *s, size_t i, int unit)
{
    const hd_token *t = at(s, i);
    for (size_t k = 0; t && k < sizeof UNITS / sizeof UNITS[0]; k++)
        if (UNITS[k].unit == unit && UNITS[k].count == 1 &&
            spells(t, UNITS[k].w, W_AL))
            return 1;
    return 0;
}

/* n units (and a half) back from the article date. A half year is six
 * months (month precision); a half month is 15 days, kept at month
 * precision; a half week 3 days; half a day or an hour is within the day. */
static void set_back(const scan *s, found *f, int unit, long n, int half)
{
    if (unit == U_HOUR) {
        set_days(s, f, -(n / 24));
    } else if (unit == U_DAY || unit == U_WEEK) {
        set_days(s, f, -(int64_t)n * (unit == U_WEEK ? 7 : 1) -
                           (half && unit == U_WEEK ? 3 : 0));
    } else if (unit == U_MONTH && half) {
        set_days(s, f, -(int64_t)n * 30 - 15);
        f->prec = HD_DATE_MONTH;
        f->d = 1;
    } else if (unit == U_MONTH) {
        set_months(s, f, -n);
    } else if (half) {
        set_months(s, f, -n * 12 - 6);
    } else {
        set_years(s, f, -n);
    }
}

/* Qualifier words before a unit that has no number: نحو عام، أكثر من شهر. */
static size_t skip_qualifier(const scan *s, size_t i)
{
    static const dword one[] = {DW("نحو"), DW("حوالي"), DW("قرابه"),
        DW("زهاء"), DW_END};
    static const dword two[] = {DW("اكثر"), DW("اقل"), DW("قرابه"), DW_END};
    if (spells_any(at(s, i), one, 0))
        return i + 1;
    if (spells_any(at(s, i), two, 0) && spells(at(s, i + 1), "من", 0))
        return i + 2;
    if (key_is(at(s, i), "ما") && (key_is(at(s, i + 1), "يقارب") ||
                                  key_is(at(s, i + 1), "يناهز")))
        return i + 2;
    return i;
}

/* N units back from the article date, after قبل or منذ: ثلاث سنوات، نحو
 * أربعة أشهر، 48 ساعة، عامين، شهر. Returns the index after it, or 0. */
static size_t units_at(const scan *s, size_t i, found *f)
{
    hd_number num;
    long n = 0;
    size_t e = skip_qualifier(s, i);
    const unit_word *u = unit_at(s, e);
    if (u && u->count) {
        n = u->count;
    } else {
        size_t k = hd_number_at(s->doc, i, s->end, &num);
        if (!k || num.qualifier == HD_Q_APPROX_PLURAL || num.value < 1 ||
            num.value > 100000 || num.value != (double)(long)num.value)
            return 0;
        n = (long)num.value;
        e = i + k;
        if (!(u = unit_at(s, e)) || u->count == 2)
            return 0;
    }
    e++;
    const hd_token *next = at(s, e);
    if ((next && next->kind == HD_TOK_NUMBER) || spells(next, "من", 0) ||
        spells(next, "علي", 0))
        return 0; /* عام 2011، عام 1991-1996; قبل يومين من الانتخابات */
    int half = key_is(at(s, e), "ونصف");
    if (half && unit_word_with_al(s, e + 1, u->unit))
        e++; /* عامين ونصف العام */
    e += half;
    if (key_is(at(s, e), "تقريبا"))
        e++;
    set_back(s, f, u->unit, n, half);
    return e;
}

/* ------------------------------------------------------ the start filter */

/* Most tokens start no date, and trying every form at every token costs a
 * few hundred comparisons; a hash of the words a form can start on (their
 * cores, clitics off) rejects a token in a few lookups. The table is built
 * on the stack for each call (the library keeps no global state), or kept
 * in the coder's word memo, which also keeps each word's answer
 * (hd_date_word_may_start; src/code/words.c). */
#define START_SLOTS 512

struct hd_date_starts {
    const char *w[START_SLOTS];
    uint8_t len[START_SLOTS];
    uint64_t month_last[4]; /* the last letters of the month names */
};

/* A bit for the Arabic letter whose two UTF-8 bytes end s[0..n), or -1. */
static int last_letter(const char *s, size_t n)
{
    if (n < 2)
        return -1;
    unsigned a = (unsigned char)s[n - 2], b = (unsigned char)s[n - 1];
    if (a < 0xD8 || a > 0xDB || (b & 0xC0) != 0x80)
        return -1;
    return (int)((a & 3u) << 6 | (b & 0x3Fu));
}

static uint32_t hash_bytes(const char *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 16777619u;
    return h;
}

static void starts_add(start_words *sw, const char *w)
{
    size_t n = strlen(w);
    uint32_t k = hash_bytes(w, n) % START_SLOTS;
    while (sw->w[k] && !(sw->len[k] == n && memcmp(sw->w[k], w, n) == 0))
        k = (k + 1) % START_SLOTS;
    sw->w[k] = w;
    sw->len[k] = (uint8_t)n;
}

static int starts_has(const start_words *sw, const char *p, size_t n)
{
    for (uint32_t k = hash_bytes(p, n) % START_SLOTS; sw->w[k];
         k = (k + 1) % START_SLOTS)
        if (sw->len[k] == n && memcmp(sw->w[k], p, n) == 0)
            return 1;
    return 0;
}

static void starts_build(start_words *sw)
{
    const dword *const lists[] = {WEEKDAYS, TIME_OF_DAY, ORDINAL_UNITS,
                                  PERIOD_NOUNS, DUALS, OTHER_STARTS};
    memset(sw, 0, sizeof *sw);
    for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++)
        for (size_t k = 0; lists[l][k].w; k++)
            starts_add(sw, lists[l][k].w);
    for (size_t k = 0; k < sizeof MONTHS / sizeof MONTHS[0]; k++) {
        starts_add(sw, MONTHS[k].w);
        int b = last_letter(MONTHS[k].w, MONTHS[k].len);
        if (b >= 0)
            sw->month_last[b / 64] |= 1ULL << (b % 64);
    }
}

/* Can an expression start at token t? Numbers, the ال of الـ22, and words
 * whose core (after up to four letters of و ف ب ل ا) is a start word. */
static int word_may_start(const start_words *sw, const hd_token *t)
{
    if (t->kind == HD_TOK_NUMBER)
        return 1;
    if (t->kind != HD_TOK_WORD)
        return 0;
    const char *k = t->key;
    size_t n = t->key_len;
    for (size_t p = 0; p <= 8 && p < n; p += 2) {
        if (p && !(starts(k, n, p - 2, "و") || starts(k, n, p - 2, "ف") ||
                   starts(k, n, p - 2, "ب") || starts(k, n, p - 2, "ل") ||
                   starts(k, n, p - 2, "ا")))
            return 0;
        if (starts_has(sw, k + p, n - p))
            return 1;
    }
    return key_is(t, "ال");
}

hd_date_starts *hd_date_starts_new(void)
{
    hd_date_starts *sw = hd_xmalloc(sizeof *sw);
    starts_build(sw);
    return sw;
}

void hd_date_starts_free(hd_date_starts *sw)
{
    free(sw);
}

/* Can t end like a month name? A letter test before the names. */
static int month_last_ok(const start_words *sw, const hd_token *t)
{
    int b = t->key ? last_letter(t->key, t->key_len) : -1;
    return b >= 0 && (sw->month_last[b / 64] >> (b % 64) & 1);
}

int hd_date_word_may_start(const hd_date_starts *sw, const hd_token *t)
{
    return (word_may_start(sw, t) ? HD_DATEW_START : 0) |
           (month_last_ok(sw, t) && month_word(t) ? HD_DATEW_MONTH : 0);
}

/* Can an expression start at token i? The word memo's answer when the
 * coder made one, else the start words'. */
static int may_start(const scan *s, size_t i)
{
    if (s->skip && (s->skip[i] & HD_SKIP_DATE))
        return 0;
    if (s->view && s->view->w[i])
        return (s->view->w[i]->flags & HD_WORD_DATE) != 0;
    return word_may_start(s->starts, at(s, i));
}

/* ------------------------------------------------------------- the scan */

/* Any expression that starts at i (not منذ/قبل). */
static size_t expr_at(const scan *s, size_t i, found *f)
{
    size_t e;
    memset(f, 0, sizeof *f);
    if ((e = digits_date_at(s, i, f)) || (e = daytime_at(s, i, f)) ||
        (e = period_at(s, i, f)) || (e = year_phrase_at(s, i, f)) ||
        (e = dual_period_at(s, i, f)))
        return e;
    memset(f, 0, sizeof *f);
    if (!named_event_before(s, i) &&
        ((e = day_month_at(s, i, f)) || (e = month_only_at(s, i, f))))
        return e;
    memset(f, 0, sizeof *f);
    return bare_year_at(s, i, f);
}

/* The expression at i, with منذ (since) or قبل (ago) before it. */
static size_t mention_at(const scan *s, size_t i, found *f)
{
    found tmp;
    size_t e;
    if (spells(at(s, i), "منذ", W_CONJ)) {
        if (!(e = expr_at(s, i + 1, f)))
            e = (memset(f, 0, sizeof *f), units_at(s, i + 1, f));
        if (e)
            f->since = 1;
        return e;
    }
    if (spells(at(s, i), "قبل", W_CONJ) && !expr_at(s, i + 1, &tmp)) {
        memset(f, 0, sizeof *f);
        if ((e = units_at(s, i + 1, f)))
            return e;
    }
    return expr_at(s, i, f);
}

static void put2(char *p, int v)
{
    p[0] = (char)('0' + v / 10 % 10);
    p[1] = (char)('0' + v % 10);
}

static void format_date(char out[11], const found *f)
{
    memset(out, 0, 11);
    if (!f->resolved)
        return;
    put2(out, f->y / 100);
    put2(out + 2, f->y % 100);
    if (f->prec == HD_DATE_YEAR)
        return;
    out[4] = '-';
    put2(out + 5, f->m);
    if (f->prec == HD_DATE_MONTH)
        return;
    out[7] = '-';
    put2(out + 8, f->d);
}

typedef struct mention_vec {
    hd_date_mention *v;
    size_t n, cap;
} mention_vec;

/* Appends one mention, growing the vector in the arena (the old copy stays
 * there until the doc is reset: a doc has few dates). */
static void push(hd_doc *doc, mention_vec *o, const hd_date_mention *m)
{
    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 16;
        hd_date_mention *v = hd_arena_alloc(doc->arena, cap * sizeof *v);
        if (o->n)
            memcpy(v, o->v, o->n * sizeof *v);
        o->v = v;
        o->cap = cap;
    }
    o->v[o->n++] = *m;
}

static void scan_sentence(hd_doc *doc, scan *s, uint32_t si, mention_vec *o)
{
    for (size_t i = s->first; i < s->end;) {
        found f;
        size_t e = may_start(s, i) ? mention_at(s, i, &f) : 0;
        if (!e) {
            i++;
            continue;
        }
        if (!f.invalid && (!f.resolved || (f.y >= 1 && f.y <= 2100))) {
            hd_date_mention m;
            memset(&m, 0, sizeof m);
            m.span.start = doc->tokens[i].start;
            m.span.end = doc->tokens[e - 1].end;
            m.sentence = si;
            m.precision = f.prec;
            m.since = f.since;
            format_date(m.date, &f);
            push(doc, o, &m);
        }
        i = e;
    }
}

int hd_code_dates(hd_doc *doc, hd_error *err)
{
    return hd_code_dates_in(doc, NULL, err);
}

int hd_code_dates_in(hd_doc *doc, const uint8_t *need, hd_error *err)
{
    (void)err;
    scan s;
    start_words own;
    memset(&s, 0, sizeof s);
    s.doc = doc;
    s.view = hd_word_view_of(doc);
    if (s.view && s.view->date_starts) {
        s.starts = s.view->date_starts;
    } else {
        s.view = NULL;
        starts_build(&own);
        s.starts = &own;
    }
    s.skip = hd_tok_skips_of(doc, s.view);
    if (parse_iso(doc->date, &s.ry, &s.rm, &s.rd)) {
        s.have_ref = 1;
        s.ref = days_from_civil(s.ry, s.rm, s.rd);
        s.rwd = weekday_of(s.ref);
    }
    mention_vec o = {NULL, 0, 0};
    for (size_t si = 0; si < doc->n_sentences; si++) {
        if (need && !need[si])
            continue; /* its mentions would date nothing that is read */
        const hd_sentence *st = &doc->sentences[si];
        s.first = st->tok_first < doc->n_tokens ? st->tok_first : doc->n_tokens;
        s.end = st->tok_count < doc->n_tokens - s.first ? s.first + st->tok_count
                                                        : doc->n_tokens;
        scan_sentence(doc, &s, (uint32_t)si, &o);
    }
    doc->dates = o.v;
    doc->n_dates = o.n;
    return 0;
}

/* --------------------------------------------------------- event dates */

/* The index of the first token that starts at or after byte pos. */
static size_t token_at_or_after(const hd_doc *doc, uint32_t pos)
{
    size_t lo = 0, hi = doc->n_tokens;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->tokens[mid].start < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const hd_date_mention *hd_date_near(const hd_doc *doc, uint32_t sentence,
                                    hd_span span)
{
    const hd_date_mention *after = NULL, *before = NULL, *far = NULL;
    size_t t_end = token_at_or_after(doc, span.end), near_gap = 9;
    for (size_t k = 0; k < doc->n_dates; k++) {
        const hd_date_mention *m = &doc->dates[k];
        if (m->sentence != sentence)
            continue;
        if (m->span.end <= span.start) {
            before = m; /* text order: the last one is the nearest */
            continue;
        }
        size_t gap = m->span.start >= span.end
                         ? token_at_or_after(doc, m->span.start) - t_end : 0;
        if (gap < near_gap) {
            after = m;
            near_gap = gap;
        } else if (!far) {
            far = m;
        }
    }
    return after ? after : before ? before : far;
}

int hd_code_event_dates(hd_doc *doc)
{
    int dated = 0;
    for (size_t k = 0; k < doc->n_events; k++) {
        hd_event *e = &doc->events[k];
        const hd_date_mention *m = hd_date_near(doc, e->sentence, e->trigger);
        e->date = doc->date;
        e->date_text.start = e->date_text.end = 0;
        if (!m)
            continue;
        e->date_text = m->span;
        if (m->precision == HD_DATE_DAY && m->date[0]) {
            e->date = m->date;
            dated++;
        }
    }
    return dated;
}
