/*
 * date.h: date expressions of an analysed document, resolved against the
 * article date (issue 4, item 3).
 *
 * hd_code_dates() reads every sentence for the dates news writes (أمس، مساء
 * السبت، الأسبوع الماضي، قبل ثلاث سنوات، منذ نحو أربعة أشهر، يوم 27 ديسمبر
 * الماضي، 14 تشرين الأول/أكتوبر 2017، 15/10/2017, ...) and fills doc->dates;
 * hd_code_event_dates() then gives each event of doc->events the date of its
 * clause. The rules (which Saturday is "السبت", what ليلة السبت means, what a
 * month without a year resolves to) are spelled out at the top of date.c.
 */
#ifndef HD_CODE_DATE_H
#define HD_CODE_DATE_H

#include <stdint.h>

#include "hadath.h"

/* Finds the date expressions of every sentence (hd_text_analyze first) and
 * stores them in doc->dates (in doc->arena, text order), replacing what was
 * there. Relative expressions are resolved against doc->date; when it is
 * NULL or not a valid YYYY-MM-DD they are still recorded, with date "" (the
 * precision says what they would have been), while absolute dates (27
 * ديسمبر 2016، العام 2014، 15/10/2017) are resolved all the same. Returns 0;
 * err is for future failures and is left untouched. */
int hd_code_dates(hd_doc *doc, hd_error *err);

/* The same for the sentences si with need[si] != 0 only (need NULL: all,
 * as hd_code_dates): a mention dates only what is in its own sentence
 * (hd_date_near), and no sentence's scan reads another's, so the
 * mentions of those sentences are exactly hd_code_dates' there. */
int hd_code_dates_in(hd_doc *doc, const uint8_t *need, hd_error *err);

/* The date mention that dates something at span `at` of sentence
 * `sentence` (an event's trigger, a quantity): the nearest mention of the
 * same sentence, preferring one that begins at most 8 tokens after the span,
 * then the nearest one before it, then the nearest one after it. NULL when
 * the sentence has none. doc->dates must be filled. */
const hd_date_mention *hd_date_near(const hd_doc *doc, uint32_t sentence,
                                    hd_span at);

/* Dates every event of doc->events by hd_date_near() on its trigger: a
 * resolved day-precision mention gives event->date; a month or year mention
 * (or an unresolved one) leaves the article date in event->date but still
 * names its words in date_text, so a reader sees "قبل ثلاث سنوات" beside a
 * report date; with no mention, date = doc->date and date_text is empty
 * (start == end == 0). Returns how many events got a day from their text. */
int hd_code_event_dates(hd_doc *doc);

/* The words a date expression can start on (date.c), for the coder's word
 * memo: hd_date_word_may_start(sw, t) leaves out HD_DATEW_START when no
 * expression can start at a token like t, whatever follows it, and
 * HD_DATEW_MONTH when t spells no month name. */
enum { HD_DATEW_START = 1, HD_DATEW_MONTH = 2 };
typedef struct hd_date_starts hd_date_starts;
hd_date_starts *hd_date_starts_new(void);
void hd_date_starts_free(hd_date_starts *sw);
int hd_date_word_may_start(const hd_date_starts *sw, const hd_token *t);

#endif
