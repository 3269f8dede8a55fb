/*
 * test_date.c: date expressions resolved against the article date
 * (src/code/date.c), on fixed article dates, on the seed and on real news.
 *
 * Every expectation below was worked out by hand from a calendar and the
 * rules at the top of date.c: 2017-10-15 is a Sunday, 2018-03-01 a Thursday,
 * 2016-02-29 a Monday (leap day), 2018-01-02 a Tuesday (year wrap). The
 * corpus table quotes phrases of the ANT corpus with the id and the date of
 * their record; the test reads those records from the corpus itself,
 * resolves against each record's own date and checks the exact words and
 * the date. Negative cases (ثورة 25 يناير، اليوم التالي، بين الاثنين، قبل
 * يومين على الانتخابات ...) must give no mention at all over their words.
 * Event dates are checked on events laid over the seed and over a made-up
 * paragraph (the coder is not needed to place a trigger). The corpus test
 * also runs the scanner over 1500 records, with and without their date, and
 * checks what every mention must satisfy (span inside its sentence, text
 * order, a well-formed real date of its precision).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "code/date.h"
#include "hadath.h"

#define SEED HD_SHARED_DIR "/seed/raqqa.txt"
#define CORPUS HD_SHARED_DIR "/corpus/ant-news-ar.jsonl.gz"

enum { D = HD_DATE_DAY, M = HD_DATE_MONTH, Y = HD_DATE_YEAR };

/* One expected mention: its exact words, date, precision and since. */
typedef struct want {
    const char *text;
    const char *date;
    int prec;
    int since;
} want;

static void analyse(hd_doc *doc, const char *text, const char *date)
{
    hd_error err;
    hd_text_opts o;
    hd_text_opts_default(&o);
    hd_doc_reset(doc);
    assert_int_equal(hd_doc_set_text(doc, text, strlen(text), &err), 0);
    assert_int_equal(hd_text_analyze(doc, &o, &err), 0);
    doc->date = date;
    assert_int_equal(hd_code_dates(doc, &err), 0);
}

static int span_is(const hd_doc *doc, hd_span s, const char *text)
{
    size_t n = strlen(text);
    return s.end - s.start == n && memcmp(doc->text + s.start, text, n) == 0;
}

static const hd_date_mention *find(const hd_doc *doc, const char *text)
{
    for (size_t i = 0; i < doc->n_dates; i++)
        if (span_is(doc, doc->dates[i].span, text))
            return &doc->dates[i];
    return NULL;
}

static void dump(const hd_doc *doc)
{
    for (size_t i = 0; i < doc->n_dates; i++) {
        const hd_date_mention *m = &doc->dates[i];
        print_error("  found [%.*s] = '%s' prec %d since %d\n",
                    (int)(m->span.end - m->span.start), doc->text + m->span.start,
                    m->date, m->precision, m->since);
    }
}

static int check(const hd_doc *doc, const want *w, const char *where)
{
    const hd_date_mention *m = find(doc, w->text);
    if (m && strcmp(m->date, w->date) == 0 && m->precision == w->prec &&
        m->since == w->since)
        return 1;
    print_error("%s: [%s] want '%s' prec %d since %d; %s\n", where, w->text,
                w->date, w->prec, w->since, m ? "got:" : "no such mention");
    if (m)
        print_error("  got '%s' prec %d since %d\n", m->date, m->precision,
                    m->since);
    else
        dump(doc);
    return 0;
}

/* Each phrase as a document of its own, against the article date. */
static void check_phrases(const char *date, const want *w, size_t n)
{
    hd_doc doc;
    hd_doc_init(&doc);
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        analyse(&doc, w[i].text, date);
        bad += !check(&doc, &w[i], date ? date : "(no date)");
        if (doc.n_dates != 1) {
            print_error("%s: [%s] gave %zu mentions\n", date, w[i].text,
                        doc.n_dates);
            dump(&doc);
            bad++;
        }
    }
    hd_doc_free(&doc);
    assert_int_equal(bad, 0);
}

/* A phrase inside a sentence must give no mention over `words`. */
static int no_mention_over(const hd_doc *doc, const char *words,
                           const char *where)
{
    const char *p = strstr(doc->text, words);
    if (!p) {
        print_error("%s: [%s] not in the text\n", where, words);
        return 0;
    }
    uint32_t s = (uint32_t)(p - doc->text), e = s + (uint32_t)strlen(words);
    for (size_t i = 0; i < doc->n_dates; i++)
        if (doc->dates[i].span.start < e && doc->dates[i].span.end > s) {
            print_error("%s: [%s] should be no date\n", where, words);
            dump(doc);
            return 0;
        }
    return 1;
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------ article 2017-10-15 */

static void test_relative_sunday(void **state)
{
    (void)state;
    static const want w[] = {
        {"أمس", "2017-10-14", D, 0}, {"وأمس", "2017-10-14", D, 0},
        {"بالأمس", "2017-10-14", D, 0}, {"الأمس", "2017-10-14", D, 0},
        {"البارحة", "2017-10-14", D, 0}, {"اليوم", "2017-10-15", D, 0},
        {"واليوم", "2017-10-15", D, 0}, {"غداً", "2017-10-16", D, 0},
        {"يوم غد", "2017-10-16", D, 0}, {"بعد غد", "2017-10-17", D, 0},
        {"أول أمس", "2017-10-13", D, 0}, {"أمس الأول", "2017-10-13", D, 0},
        {"أول من أمس", "2017-10-13", D, 0},
        {"مساء اليوم", "2017-10-15", D, 0}, {"صباح اليوم", "2017-10-15", D, 0},
        {"مساء أمس", "2017-10-14", D, 0}, {"صباح أمس", "2017-10-14", D, 0},
        {"ليلة أمس", "2017-10-14", D, 0},
        {"الليلة الماضية", "2017-10-14", D, 0},
        /* weekdays: the most recent strictly before, or today's own */
        {"السبت", "2017-10-14", D, 0}, {"الأحد", "2017-10-15", D, 0},
        {"الاثنين", "2017-10-09", D, 0}, {"الإثنين", "2017-10-09", D, 0},
        {"الثلاثاء", "2017-10-10", D, 0}, {"الأربعاء", "2017-10-11", D, 0},
        {"الخميس", "2017-10-12", D, 0}, {"الجمعة", "2017-10-13", D, 0},
        {"والخميس", "2017-10-12", D, 0},
        {"يوم السبت", "2017-10-14", D, 0}, {"مساء السبت", "2017-10-14", D, 0},
        {"صباح الجمعة", "2017-10-13", D, 0}, {"فجر الخميس", "2017-10-12", D, 0},
        {"ظهر الأربعاء", "2017-10-11", D, 0}, {"عصر الثلاثاء", "2017-10-10", D, 0},
        {"مساء يوم السبت", "2017-10-14", D, 0},
        {"الأحد الماضي", "2017-10-08", D, 0}, {"السبت الماضي", "2017-10-14", D, 0},
        {"الجمعة الماضية", "2017-10-13", D, 0},
        {"الأحد المقبل", "2017-10-22", D, 0}, {"السبت المقبل", "2017-10-21", D, 0},
        {"الاثنين القادم", "2017-10-16", D, 0},
        /* nights: ليلة X is the eve of X; ليل X is X's own night */
        {"ليلة السبت", "2017-10-13", D, 0}, {"ليل السبت", "2017-10-14", D, 0},
        {"ليلة السبت الأحد", "2017-10-14", D, 0},
        {"ليل السبت-الأحد", "2017-10-14", D, 0},
        /* apposition: the weekday is trusted */
        {"أمس السبت", "2017-10-14", D, 0}, {"اليوم الأحد", "2017-10-15", D, 0},
        {"أمس الجمعة", "2017-10-13", D, 0},
        /* periods */
        {"الأسبوع الماضي", "2017-10-08", D, 0},
        {"الأسبوع المقبل", "2017-10-22", D, 0},
        {"الشهر الماضي", "2017-09", M, 0}, {"الشهر المقبل", "2017-11", M, 0},
        {"الشهر الجاري", "2017-10", M, 0}, {"العام الماضي", "2016", Y, 0},
        {"السنة الماضية", "2016", Y, 0}, {"العام المقبل", "2018", Y, 0},
        {"العام الحالي", "2017", Y, 0}, {"هذا العام", "2017", Y, 0},
        {"العام المنصرم", "2016", Y, 0},
        /* counted back */
        {"قبل ثلاث سنوات", "2014", Y, 0}, {"قبل 3 سنوات", "2014", Y, 0},
        {"منذ نحو أربعة أشهر", "2017-06", M, 1}, {"قبل يومين", "2017-10-13", D, 0},
        {"قبل عامين", "2015", Y, 0}, {"منذ أسبوعين", "2017-10-01", D, 1},
        {"قبل أسبوع", "2017-10-08", D, 0}, {"منذ شهرين", "2017-08", M, 1},
        {"قبل عشرة أيام", "2017-10-05", D, 0}, {"قبل 20 عاماً", "1997", Y, 0},
        {"منذ عام", "2016", Y, 1}, {"منذ أكثر من عام", "2016", Y, 1},
        {"قبل 48 ساعة", "2017-10-13", D, 0}, {"قبل سنتين", "2015", Y, 0},
        {"قبل عامين ونصف العام", "2015-04", M, 0},
        {"منذ ثلاثة أسابيع", "2017-09-24", D, 1},
        {"العامين الماضيين", "2015", Y, 1},
        {"اليومين الماضيين", "2017-10-13", D, 1},
        {"منذ الأحد الماضي", "2017-10-08", D, 1},
    };
    check_phrases("2017-10-15", w, N(w));
}

/* ------------------------------------------------ article 2018-03-01 */

static void test_relative_thursday(void **state)
{
    (void)state;
    static const want w[] = {
        {"أمس", "2018-02-28", D, 0}, {"غدا", "2018-03-02", D, 0},
        {"أول أمس", "2018-02-27", D, 0}, {"الخميس", "2018-03-01", D, 0},
        {"الخميس الماضي", "2018-02-22", D, 0}, {"الجمعة", "2018-02-23", D, 0},
        {"الجمعة المقبل", "2018-03-02", D, 0}, {"الأربعاء", "2018-02-28", D, 0},
        {"ليلة الجمعة", "2018-02-22", D, 0}, {"الشهر الماضي", "2018-02", M, 0},
        {"قبل أسبوع", "2018-02-22", D, 0}, {"منذ شهرين", "2018-01", M, 1},
        {"الأسبوع المقبل", "2018-03-08", D, 0}, {"قبل 29 يوما", "2018-01-31", D, 0},
        {"فبراير الماضي", "2018-02", M, 0}, {"مارس الجاري", "2018-03", M, 0},
        {"مارس الماضي", "2017-03", M, 0}, {"الأول من مارس", "2018-03-01", D, 0},
        {"28 فبراير الماضي", "2018-02-28", D, 0},
        {"2 مارس المقبل", "2018-03-02", D, 0},
    };
    check_phrases("2018-03-01", w, N(w));
}

/* ------------------------------------------------ article 2016-02-29 */

static void test_leap_day(void **state)
{
    (void)state;
    static const want w[] = {
        {"أمس", "2016-02-28", D, 0}, {"غدا", "2016-03-01", D, 0},
        {"قبل عام", "2015", Y, 0}, {"الأسبوع الماضي", "2016-02-22", D, 0},
        {"الشهر المقبل", "2016-03", M, 0}, {"الاثنين", "2016-02-29", D, 0},
        {"الاثنين الماضي", "2016-02-22", D, 0}, {"السبت", "2016-02-27", D, 0},
        {"منذ 3 أيام", "2016-02-26", D, 1},
        {"29 فبراير", "2016-02-29", D, 0},
        {"29 فبراير الماضي", "2012-02-29", D, 0},
        {"29 فبراير المقبل", "2020-02-29", D, 0},
        {"قبل 365 يوما", "2015-03-01", D, 0},
        {"قبل 4 سنوات", "2012", Y, 0},
    };
    check_phrases("2016-02-29", w, N(w));
}

/* ------------------------------------------------ article 2018-01-02 */

static void test_year_wrap(void **state)
{
    (void)state;
    static const want w[] = {
        {"الشهر الماضي", "2017-12", M, 0},
        {"يوم 27 ديسمبر الماضي", "2017-12-27", D, 0},
        {"العام الماضي", "2017", Y, 0}, {"أمس", "2018-01-01", D, 0},
        {"أول أمس", "2017-12-31", D, 0}, {"قبل 3 أيام", "2017-12-30", D, 0},
        {"ديسمبر الماضي", "2017-12", M, 0}, {"شهر ديسمبر", "2017-12", M, 0},
        {"يناير المقبل", "2019-01", M, 0}, {"يناير الجاري", "2018-01", M, 0},
        {"الأحد", "2017-12-31", D, 0}, {"الثلاثاء", "2018-01-02", D, 0},
        {"الأسبوع الماضي", "2017-12-26", D, 0}, {"قبل شهرين", "2017-11", M, 0},
        {"كانون الأول/ديسمبر الماضي", "2017-12", M, 0},
        {"31 كانون الأول/ديسمبر", "2017-12-31", D, 0},
        {"2 يناير", "2018-01-02", D, 0},
        {"فبراير من العام الماضي", "2017-02", M, 0},
        {"العام المقبل", "2019", Y, 0},
    };
    check_phrases("2018-01-02", w, N(w));
}

/* ---------------------------------------------------- month systems */

static void test_month_systems(void **state)
{
    (void)state;
    static const char *const names[][6] = {
        {"كانون الثاني", "يناير", "جانفي", NULL},
        {"شباط", "فبراير", "فيفري", NULL},
        {"آذار", "مارس", NULL},
        {"نيسان", "أبريل", "ابريل", "إبريل", "أفريل", NULL},
        {"أيار", "مايو", "ماي", NULL},
        {"حزيران", "يونيو", "يونيه", "جوان", NULL},
        {"تموز", "يوليو", "يوليه", "جويلية", "يوليوز", NULL},
        {"آب", "أغسطس", "اغسطس", "أوت", "غشت", NULL},
        {"أيلول", "سبتمبر", "شتنبر", NULL},
        {"تشرين الأول", "أكتوبر", "تشرين أول", NULL},
        {"تشرين الثاني", "نوفمبر", "نونبر", NULL},
        {"كانون الأول", "ديسمبر", "دجنبر", NULL},
    };
    hd_doc doc;
    hd_doc_init(&doc);
    int bad = 0;
    for (int m = 0; m < 12; m++) {
        for (int k = 0; names[m][k]; k++) {
            char text[128], date[16];
            snprintf(text, sizeof text, "5 %s 2016", names[m][k]);
            snprintf(date, sizeof date, "2016-%02d-05", m + 1);
            want w = {text, date, D, 0};
            analyse(&doc, text, "2017-10-15");
            bad += !check(&doc, &w, "months");
            /* alone with في and no year: the nearest such month */
            snprintf(text, sizeof text, "في %s 2015", names[m][k]);
            snprintf(date, sizeof date, "2015-%02d", m + 1);
            want w2 = {text + strlen("في "), date, M, 0};
            analyse(&doc, text, "2017-10-15");
            bad += !check(&doc, &w2, "months");
        }
    }
    hd_doc_free(&doc);
    assert_int_equal(bad, 0);
}

static void test_combined_forms(void **state)
{
    (void)state;
    static const want w[] = {
        {"14 تشرين الأول/أكتوبر 2017", "2017-10-14", D, 0},
        {"14 أكتوبر/تشرين الأول 2017", "2017-10-14", D, 0},
        {"14 أكتوبر/ تشرين الأول 2017", "2017-10-14", D, 0},
        {"14 يناير (كانون الثاني) 2017", "2017-01-14", D, 0},
        {"14 أكتوبر تشرين الأول 2017", "2017-10-14", D, 0},
        {"أكتوبر/تشرين أول 2016", "2016-10", M, 0},
        {"آذار/مارس الماضي", "2017-03", M, 0},
        {"مارس/آذار المقبل", "2018-03", M, 0},
        {"آب/أغسطس الماضي", "2017-08", M, 0},
        {"الخامس من حزيران/يونيو الماضي", "2017-06-05", D, 0},
        {"الحادي والعشرين من مارس/آذار 2018", "2018-03-21", D, 0},
        {"الخامس عشر من أيار/مايو 2016", "2016-05-15", D, 0},
        {"الـ22 من أغسطس/ آب", "2017-08-22", D, 0},
        {"22 من أغسطس الجاري", "2017-08-22", D, 0},
        {"الثلاثين من تموز/يوليو الماضي", "2017-07-30", D, 0},
        {"الحادي والثلاثين من كانون الأول/ديسمبر 2016", "2016-12-31", D, 0},
    };
    check_phrases("2017-10-15", w, N(w));
}

static void test_absolute_forms(void **state)
{
    (void)state;
    static const want w[] = {
        {"27 ديسمبر 2016", "2016-12-27", D, 0},
        {"يوم 27 ديسمبر الماضي", "2016-12-27", D, 0},
        {"عام 2014", "2014", Y, 0}, {"العام 2014", "2014", Y, 0},
        {"سنة 2014", "2014", Y, 0}, {"لعام 2014", "2014", Y, 0},
        {"15/10/2017", "2017-10-15", D, 0}, {"2017-10-15", "2017-10-15", D, 0},
        {"1/2/2018", "2018-02-01", D, 0}, {"2016/12/31", "2016-12-31", D, 0},
        {"١٤ أكتوبر ٢٠١٧", "2017-10-14", D, 0},
        {"١٥/١٠/٢٠١٧", "2017-10-15", D, 0},
        {"سبتمبر عام 2001", "2001-09", M, 0},
        {"نوفمبر من عام 2015", "2015-11", M, 0},
        {"منذ 2011", "2011", Y, 1}, {"منذ عام 2011", "2011", Y, 1},
        {"منذ أكتوبر", "2017-10", M, 1},
        {"يوم الأحد 15 أكتوبر", "2017-10-15", D, 0},
        {"في 12 مايو", "2017-05-12", D, 0}, /* nearest: 5 months back */
        {"شهر يونيو", "2017-06", M, 0},
    };
    /* the في of في 12 مايو is no part of the mention */
    want fixed[N(w)];
    memcpy(fixed, w, sizeof w);
    for (size_t i = 0; i < N(w); i++)
        if (strncmp(w[i].text, "في ", strlen("في ")) == 0)
            fixed[i].text = w[i].text + strlen("في ");
    hd_doc doc;
    hd_doc_init(&doc);
    int bad = 0;
    for (size_t i = 0; i < N(w); i++) {
        analyse(&doc, w[i].text, "2017-10-15");
        bad += !check(&doc, &fixed[i], "absolute");
        bad += doc.n_dates != 1;
    }
    hd_doc_free(&doc);
    assert_int_equal(bad, 0);
}

/* The nearest occurrence, and بحلول / إلى غاية, for bare dates. */
static void test_bare_dates(void **state)
{
    (void)state;
    static const want w[] = {
        {"12 يونيو", "2018-06-12", D, 0},   /* a coming summit */
        {"23 يناير", "2018-01-23", D, 0},   /* a past day */
        {"8 آذار/مارس", "2018-03-08", D, 0}, /* tomorrow */
        {"في سبتمبر", "2017-09", M, 0},     /* six months either way: past */
        {"في أغسطس", "2018-08", M, 0},
        {"بحلول تشرين الأول/أكتوبر", "2018-10", M, 0},
        {"إلى غاية 31 تشرين الأول/أكتوبر", "2018-10-31", D, 0},
        {"في 29 فبراير", "2016-02-29", D, 0},
        {"بحلول 2020", "2020", Y, 0},
    };
    hd_doc doc;
    hd_doc_init(&doc);
    int bad = 0;
    for (size_t i = 0; i < N(w); i++) {
        want x = w[i];
        const char *sp = strchr(x.text, ' ');
        /* the leading word (في، بحلول، إلى غاية) is context, not mention */
        if (strncmp(x.text, "في ", strlen("في ")) == 0 ||
            strncmp(x.text, "بحلول ", strlen("بحلول ")) == 0)
            x.text = sp + 1;
        else if (strncmp(x.text, "إلى غاية ", strlen("إلى غاية ")) == 0)
            x.text += strlen("إلى غاية ");
        analyse(&doc, w[i].text, "2018-03-07");
        bad += !check(&doc, &x, "bare");
    }
    hd_doc_free(&doc);
    assert_int_equal(bad, 0);
}

/* ------------------------------------------------- not dates at all */

static void test_invalid_and_not_dates(void **state)
{
    (void)state;
    static const char *const none[] = {
        "32 ديسمبر 2017", "30 فبراير 2016", "31 أبريل 2017", "29 فبراير 2017",
        "0 مارس 2017", "15/13/2017", "0/10/2017", "32/1/2017", "2017-02-30",
        "2101-01-01", "عام 0000", "عام 2101", "العام 9999", "قبل 5000 عام",
        "ثورة 25 يناير", "لحرب أكتوبر/ تشرين الأول", "هجمات 11 سبتمبر",
        "مارس الضغط على الحكومة", "كان في آب", "اليوم التالي", "اليوم الأول من المعركة",
        "في ذلك اليوم", "في مثل هذا اليوم", "بين الاثنين", "الأمين العام الحالي",
        "قبل يومين من الانتخابات", "قبل ثلاث سنوات على الاتفاق", "عام 1439 هـ",
        "قتل 27 شخصا", "منذ سنوات", "قبل أيام", "الأيام الماضية",
        "الأسبوع الجاري", "صحيفة جوان", "قالت جوان", "الثاني من نوعه",
        "العام", "الماضي", "يوم", "ليلة", "مساء", "منذ", "قبل",
        "في 2014 حالة", "12345678901234567890 يناير",
        "99999999999/10/2017", "منذ 99999999999999999999 عام",
        "منذ عام 1991-1996", "وفي يونيو/حزيران 20165، وصف", "5 مايو 0000",
    };
    hd_doc doc;
    hd_doc_init(&doc);
    int bad = 0;
    for (size_t i = 0; i < N(none); i++) {
        analyse(&doc, none[i], "2017-10-15");
        if (doc.n_dates) {
            print_error("[%s] should be no date\n", none[i]);
            dump(&doc);
            bad++;
        }
    }
    hd_doc_free(&doc);
    assert_int_equal(bad, 0);
}

static void test_no_article_date(void **state)
{
    (void)state;
    static const want w[] = {
        {"أمس", "", D, 0}, {"مساء السبت", "", D, 0},
        {"قبل ثلاث سنوات", "", Y, 0}, {"منذ نحو أربعة أشهر", "", M, 1},
        {"ديسمبر الماضي", "", M, 0}, {"12 مايو", "", D, 0},
        {"27 ديسمبر 2016", "2016-12-27", D, 0}, {"العام 2014", "2014", Y, 0},
        {"15/10/2017", "2017-10-15", D, 0},
        {"تشرين الأول/أكتوبر 2017", "2017-10", M, 0},
    };
    check_phrases(NULL, w, N(w));
    /* a malformed article date is no date either */
    static const want w2[] = {{"أمس", "", D, 0}, {"عام 2014", "2014", Y, 0}};
    check_phrases("2017-13-40", w2, N(w2));
    check_phrases("15/10/2017", w2, N(w2));
    check_phrases("", w2, N(w2));
}

/* ---------------------------------------------------------- the seed */

static void read_seed(hd_doc *doc)
{
    hd_error err;
    hd_text_opts o;
    hd_text_opts_default(&o);
    hd_reader *r = hd_reader_open(SEED, HD_FMT_AUTO, &err);
    assert_non_null(r);
    assert_int_equal(hd_reader_next(r, doc, &err), 1);
    hd_reader_close(r);
    assert_int_equal(hd_text_analyze(doc, &o, &err), 0);
    doc->date = "2017-10-15";
    assert_int_equal(hd_code_dates(doc, &err), 0);
}

/* The sentence that holds the mention also holds `words`. */
static int in_sentence_with(const hd_doc *doc, const hd_date_mention *m,
                            const char *words)
{
    const hd_sentence *s = &doc->sentences[m->sentence];
    const char *p = strstr(doc->text + s->start, words);
    return m->span.start >= s->start && m->span.end <= s->end && p &&
           (uint32_t)(p - doc->text) < s->end;
}

static void test_seed(void **state)
{
    (void)state;
    hd_doc doc;
    hd_doc_init(&doc);
    read_seed(&doc);
    static const want w[] = {
        {"مساء السبت", "2017-10-14", D, 0},
        {"صباح اليوم", "2017-10-15", D, 0},
        {"قبل ثلاث سنوات", "2014", Y, 0},
        {"منذ نحو أربعة أشهر", "2017-06", M, 1},
        {"العامين الماضيين", "2015", Y, 1}, /* في العامين الماضيين */
    };
    int bad = 0;
    for (size_t i = 0; i < N(w); i++)
        bad += !check(&doc, &w[i], "seed");
    assert_int_equal(bad, 0);
    /* the seed has these five date expressions and no other */
    assert_int_equal(doc.n_dates, N(w));
    assert_true(in_sentence_with(&doc, find(&doc, "مساء السبت"), "ثلاثة آلاف مدني"));
    assert_true(in_sentence_with(&doc, find(&doc, "منذ نحو أربعة أشهر"), "وتحاصر"));
    for (size_t i = 1; i < doc.n_dates; i++)
        assert_true(doc.dates[i - 1].span.end <= doc.dates[i].span.start);
    hd_doc_free(&doc);
}

/* ------------------------------------------------------- event dates */

static hd_span span_of(const hd_doc *doc, const char *words)
{
    const char *p = strstr(doc->text, words);
    assert_non_null(p);
    hd_span s = {(uint32_t)(p - doc->text), (uint32_t)(p - doc->text + strlen(words))};
    return s;
}

static uint32_t sentence_of(const hd_doc *doc, hd_span s)
{
    for (size_t i = 0; i < doc->n_sentences; i++)
        if (s.start >= doc->sentences[i].start && s.end <= doc->sentences[i].end)
            return (uint32_t)i;
    fail_msg("no sentence holds the span");
    return 0;
}

/* Events with the given trigger words, as the coder would leave them. */
static void add_events(hd_doc *doc, const char *const *triggers, size_t n)
{
    HD_VEC_RESERVE(doc->events, doc->cap_events, n);
    memset(doc->events, 0, n * sizeof *doc->events);
    for (size_t i = 0; i < n; i++) {
        doc->events[i].trigger = span_of(doc, triggers[i]);
        doc->events[i].sentence = sentence_of(doc, doc->events[i].trigger);
        doc->events[i].date = "1999-01-01"; /* must be overwritten */
    }
    doc->n_events = n;
}

static void expect_event(const hd_doc *doc, size_t k, const char *date,
                         const char *date_text)
{
    const hd_event *e = &doc->events[k];
    assert_non_null(e->date);
    if (strcmp(e->date, date) != 0)
        fail_msg("event %zu: date %s, want %s", k, e->date, date);
    if (!date_text)
        assert_true(e->date_text.start == e->date_text.end);
    else if (!span_is(doc, e->date_text, date_text))
        fail_msg("event %zu: date_text [%.*s], want [%s]", k,
                 (int)(e->date_text.end - e->date_text.start),
                 doc->text + e->date_text.start, date_text);
}

static void test_event_dates_seed(void **state)
{
    (void)state;
    hd_doc doc;
    hd_doc_init(&doc);
    read_seed(&doc);
    static const char *const trig[] = {"شنت", "خرج", "وسلموا", "أعلن",
                                       "وتحاصر"};
    add_events(&doc, trig, N(trig));
    assert_int_equal(hd_code_event_dates(&doc), 1);
    expect_event(&doc, 0, "2017-10-15", NULL);          /* no date: article */
    expect_event(&doc, 1, "2017-10-14", "مساء السبت");  /* 5 tokens after */
    expect_event(&doc, 2, "2017-10-15", NULL);
    /* coarse mentions keep the report date but name their words */
    expect_event(&doc, 3, "2017-10-15", "قبل ثلاث سنوات");
    expect_event(&doc, 4, "2017-10-15", "منذ نحو أربعة أشهر");
    hd_doc_free(&doc);
}

static void test_event_dates_nearest(void **state)
{
    (void)state;
    hd_doc doc;
    hd_doc_init(&doc);
    analyse(&doc,
            "قال المتحدث يوم الأحد إن القوات هاجمت القرية مساء السبت. "
            "وكانت القوات أمس قد قصفت المدينة الواقعة على بعد عشرين كيلومترا "
            "من الحدود مع تركيا في شمال البلاد يوم 27 ديسمبر الماضي. "
            "واعتقلت الشرطة عشرة أشخاص في العاصمة بعد مواجهات عنيفة اندلعت "
            "في الشوارع الرئيسية ليل الخميس. وانفجرت سيارة في السوق.",
            "2018-01-02");
    static const char *const trig[] = {"قال", "هاجمت", "قصفت", "واعتقلت",
                                       "وانفجرت"};
    add_events(&doc, trig, N(trig));
    assert_int_equal(hd_code_event_dates(&doc), 4);
    expect_event(&doc, 0, "2017-12-31", "يوم الأحد");   /* right after */
    expect_event(&doc, 1, "2017-12-30", "مساء السبت");  /* after, not before */
    expect_event(&doc, 2, "2018-01-01", "أمس");   /* before beats far after */
    expect_event(&doc, 3, "2017-12-28", "ليل الخميس");  /* only one, far */
    expect_event(&doc, 4, "2018-01-02", NULL);
    /* hd_date_near on a span with no sentence date */
    hd_span s = span_of(&doc, "السوق");
    assert_null(hd_date_near(&doc, sentence_of(&doc, s), s));
    hd_doc_free(&doc);
}

/* ------------------------------------------------------ real phrases */

typedef struct corpus_want {
    const char *id, *doc_date;
    want w;
} corpus_want;

static const corpus_want CORPUS_WANT[] = {
    {"SK-middleEast-889-20180410", "2018-04-10", {"مساء يوم السبت الماضي", "2018-04-07", D, 0}},
    {"BB-middleEast-340-20180413", "2018-04-13", {"يوم السبت الماضي", "2018-04-07", D, 0}},
    {"SK-middleEast-47-20180225", "2018-02-25", {"الأسبوع الماضي", "2018-02-18", D, 0}},
    {"FR-internationalNews-964-20180428", "2018-04-28", {"31 تشرين الأول/أكتوبر", "2018-10-31", D, 0}},
    {"FR-internationalNews-2080-20180630", "2018-06-30", {"تشرين الأول/أكتوبر", "2018-10", M, 0}},
    {"AL-internationalNews-761-20180403", "2018-04-03", {"تشرين الأول/أكتوبر الماضي", "2017-10", M, 0}},
    {"AL-internationalNews-1626-20180614", "2018-06-14", {"مساء الخميس", "2018-06-14", D, 0}},
    {"AL-internationalNews-1741-20180623", "2018-06-23", {"مساء الخميس", "2018-06-21", D, 0}},
    {"BB-sport-347-20180911", "2018-09-11", {"الليلة الماضية", "2018-09-10", D, 0}},
    {"BB-middleEast-370-20180419", "2018-04-19", {"قبل ثلاث سنوات", "2015", Y, 0}},
    {"FR-internationalNews-2546-20180731", "2018-07-31", {"منذ أكثر من ثلاث سنوات", "2015", Y, 1}},
    {"FR-internationalNews-398-20180313", "2018-03-13", {"منذ أكثر من عام", "2017", Y, 1}},
    {"FR-internationalNews-398-20180313", "2018-03-13", {"منذ أكثر من أربع سنوات ونصف", "2013-09", M, 1}},
    {"FR-internationalNews-1598-20180602", "2018-06-02", {"الخامس من حزيران/يونيو 2017", "2017-06-05", D, 0}},
    {"AL-internationalNews-37-20180216", "2018-02-16", {"يوم الخامس من آذار/ مارس", "2018-03-05", D, 0}},
    {"CN-middleEast-1472-20181010", "2018-10-10", {"منذ يوم 2 أكتوبر/ تشرين الأول", "2018-10-02", D, 1}},
    {"BB-middleEast-1127-20181019", "2018-10-19", {"يوم 2 أكتوبر/تشرين أول", "2018-10-02", D, 0}},
    {"AL-internationalNews-854-20180409", "2018-04-09", {"منذ أمس الأحد", "2018-04-08", D, 1}},
    {"FR-internationalNews-1634-20180604", "2018-06-04", {"ليل أمس الأحد", "2018-06-03", D, 0}},
    {"AL-internationalNews-1860-20180706", "2018-07-06", {"قبل عامين", "2016", Y, 0}},
    {"SK-middleEast-2716-20180701", "2018-07-01", {"الثالث من يوليو", "2018-07-03", D, 0}},
    {"SK-internationalNews-1510-20180510", "2018-05-10", {"12 يونيو", "2018-06-12", D, 0}},
    {"FR-internationalNews-1168-20180510", "2018-05-10", {"12 أيار/مايو الجاري", "2018-05-12", D, 0}},
    {"AL-internationalNews-121-20180220", "2018-02-20", {"آب/أغسطس 2017", "2017-08", M, 0}},
    {"AL-internationalNews-121-20180220", "2018-02-20", {"3 شباط/فبراير الحالي", "2018-02-03", D, 0}},
    {"FR-internationalNews-887-20180424", "2018-04-24", {"التاسع من شباط/فبراير الماضي", "2018-02-09", D, 0}},
    {"FR-middleEast-893-20180805", "2018-08-05", {"25 تموز/يوليو الماضي", "2018-07-25", D, 0}},
    {"BB-internationalNews-1059-20180907", "2018-09-07", {"11 فبراير/شباط عام 1974", "1974-02-11", D, 0}},
    {"FR-internationalNews-2527-20180730", "2018-07-30", {"الثامن من آذار/مارس عام 2014", "2014-03-08", D, 0}},
    {"AL-internationalNews-52-20140215", "2014-02-15", {"13 نوفمبر (تشرين الثاني) 2013", "2013-11-13", D, 0}},
    {"SK-middleEast-1132-20180419", "2018-04-19", {"14 مايو أيار", "2018-05-14", D, 0}},
    {"BB-middleEast-752-20180718", "2018-07-18", {"19 يوليو/ تموز الحالي", "2018-07-19", D, 0}},
    {"FR-internationalNews-2178-20180705", "2018-07-05", {"أمس الأربعاء", "2018-07-04", D, 0}},
    {"FR-internationalNews-1359-20180521", "2018-05-21", {"يوم أمس", "2018-05-20", D, 0}},
    {"SK-internationalNews-841-20180407", "2018-04-07", {"مساء أمس الجمعة", "2018-04-06", D, 0}},
    {"FR-internationalNews-2481-20180727", "2018-07-27", {"مساء اليوم الجمعة", "2018-07-27", D, 0}},
    {"FR-internationalNews-2770-20180818", "2018-08-18", {"صباح اليوم السبت", "2018-08-18", D, 0}},
    {"AL-internationalNews-411-20180310", "2018-03-10", {"الشهر الماضي", "2018-02", M, 0}},
    {"AL-internationalNews-1990-20180719", "2018-07-19", {"قبل 18 عاما", "2000", Y, 0}},
    {"SK-internationalNews-2246-20180621", "2018-06-21", {"قبل 5 سنوات", "2013", Y, 0}},
    {"FR-middleEast-562-20180601", "2018-06-01", {"منذ عام 2013", "2013", Y, 1}},
    {"FR-internationalNews-2119-20180702", "2018-07-02", {"تشرين الثاني/نوفمبر الماضي", "2017-11", M, 0}},
    {"SK-internationalNews-1200-20180427", "2018-04-27", {"العام الماضي", "2017", Y, 0}},
};

/* Words of real records that are no date. */
static const struct { const char *id, *words; } CORPUS_NONE[] = {
    {"CN-middleEast-1422-20181004", "لحرب أكتوبر/ تشرين الأول"},
    {"BB-culture-324-20181004", "ثورة 25 يناير"},
    {"BB-internationalNews-132-20180311", "اليوم التالي"},
    {"BB-internationalNews-334-20180416", "بين الاثنين"},
    {"SK-internationalNews-3080-20180818", "الأمين العام الحالي"},
    {"FR-internationalNews-1168-20180510", "قبل يومين على"},
    {"BB-middleEast-662-20180627", "صحيفة جوان"},
};

static int corpus_record(const hd_doc *doc)
{
    int hits = 0, bad = 0;
    for (size_t i = 0; i < N(CORPUS_WANT); i++) {
        if (strcmp(doc->id, CORPUS_WANT[i].id) != 0)
            continue;
        hits++;
        if (!doc->date || strcmp(doc->date, CORPUS_WANT[i].doc_date) != 0)
            fail_msg("%s: record date %s", doc->id, doc->date ? doc->date : "none");
        bad += !check(doc, &CORPUS_WANT[i].w, doc->id);
    }
    for (size_t i = 0; i < N(CORPUS_NONE); i++)
        if (strcmp(doc->id, CORPUS_NONE[i].id) == 0) {
            hits++;
            bad += !no_mention_over(doc, CORPUS_NONE[i].words, doc->id);
        }
    assert_int_equal(bad, 0);
    return hits;
}

static int wanted(const char *id)
{
    for (size_t i = 0; i < N(CORPUS_WANT); i++)
        if (strcmp(id, CORPUS_WANT[i].id) == 0)
            return 1;
    for (size_t i = 0; i < N(CORPUS_NONE); i++)
        if (strcmp(id, CORPUS_NONE[i].id) == 0)
            return 1;
    return 0;
}

/* Each date string is well formed for its precision and a real date. */
static void check_invariants(const hd_doc *doc)
{
    for (size_t i = 0; i < doc->n_dates; i++) {
        const hd_date_mention *m = &doc->dates[i];
        const hd_sentence *s = &doc->sentences[m->sentence];
        assert_true(m->sentence < doc->n_sentences);
        assert_true(m->span.start >= s->start && m->span.end <= s->end);
        assert_true(m->span.start < m->span.end);
        assert_true(i == 0 || doc->dates[i - 1].span.end <= m->span.start);
        assert_true(m->since == 0 || m->since == 1);
        size_t n = strlen(m->date);
        assert_true(m->precision >= D && m->precision <= Y);
        if (n == 0) { /* unresolved: only without an article date */
            assert_null(doc->date);
            continue;
        }
        assert_int_equal(n, m->precision == D ? 10 : m->precision == M ? 7 : 4);
        int y = atoi(m->date), mo = n > 4 ? atoi(m->date + 5) : 1,
            d = n > 7 ? atoi(m->date + 8) : 1;
        assert_true(y >= 1 && y <= 2100 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31);
    }
}

static void test_corpus(void **state)
{
    (void)state;
    hd_error err;
    hd_text_opts o;
    hd_text_opts_default(&o);
    hd_reader *r = hd_reader_open(CORPUS, HD_FMT_JSONL, &err);
    assert_non_null(r);
    hd_doc doc;
    hd_doc_init(&doc);
    int hits = 0, rc;
    size_t docs = 0, mentions = 0;
    while ((rc = hd_reader_next(r, &doc, &err)) != 0) {
        if (rc < 0 || !doc.id)
            continue;
        int full = docs < 1500; /* the invariants on a slice, both ways */
        docs++;
        if (!full && !wanted(doc.id))
            continue;
        assert_int_equal(hd_text_analyze(&doc, &o, &err), 0);
        assert_int_equal(hd_code_dates(&doc, &err), 0);
        check_invariants(&doc);
        mentions += doc.n_dates;
        hits += corpus_record(&doc);
        if (full) {
            const char *date = doc.date;
            doc.date = NULL;
            assert_int_equal(hd_code_dates(&doc, &err), 0);
            check_invariants(&doc);
            doc.date = date;
        }
    }
    hd_reader_close(r);
    hd_doc_free(&doc);
    assert_int_equal(hits, (int)(N(CORPUS_WANT) + N(CORPUS_NONE)));
    assert_true(mentions > 1500); /* dates are everywhere in news */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_relative_sunday),
        cmocka_unit_test(test_relative_thursday),
        cmocka_unit_test(test_leap_day),
        cmocka_unit_test(test_year_wrap),
        cmocka_unit_test(test_month_systems),
        cmocka_unit_test(test_combined_forms),
        cmocka_unit_test(test_absolute_forms),
        cmocka_unit_test(test_bare_dates),
        cmocka_unit_test(test_invalid_and_not_dates),
        cmocka_unit_test(test_no_article_date),
        cmocka_unit_test(test_seed),
        cmocka_unit_test(test_event_dates_seed),
        cmocka_unit_test(test_event_dates_nearest),
        cmocka_unit_test(test_corpus),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
