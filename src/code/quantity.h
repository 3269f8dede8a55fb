/*
 * quantity.h: how many (issue 4, item 2).
 *
 * hd_code_quantities() finds every number expression of an analysed
 * document (src/text/number.h), attaches it to the people it counts
 * (civilians, fighters, protesters, people) or to what happened to them
 * (dead, injured, arrested), and keeps it in doc->quantities with its date,
 * its attribution and the event of its clause. Numbers that count no people
 * (money, distance, time, dates, percentages, weapons) are dropped. Then it
 * fills each event's PLOVER counts (dead, injured, arrested, size) from the
 * quantities of its clause. Run it after hd_code_attributions().
 *
 * The words it reads are in data/dict/hadath.counted.ar.txt (the format of
 * attribution.h's phrase lists).
 */
#ifndef HD_CODE_QUANTITY_H
#define HD_CODE_QUANTITY_H

#include "code/attribution.h"
#include "hadath.h"

/* The tags of hadath.counted.ar.txt (the file explains each). The first
 * seven are categories, in the order of hd_quantity_category_name(). */
enum hd_count_tag {
    HD_CT_CIVILIANS = 0, HD_CT_FIGHTERS, HD_CT_PEOPLE, HD_CT_PROTESTERS,
    HD_CT_DEAD, HD_CT_INJURED, HD_CT_ARRESTED,
    HD_CT_UNIT,
    HD_CT_BEFORE_DEAD, HD_CT_BEFORE_INJURED, HD_CT_BEFORE_ARRESTED,
    HD_CT_AFTER_DEAD, HD_CT_AFTER_INJURED, HD_CT_AFTER_ARRESTED,
    HD_CT_SUBSET, HD_CT_CLAUSE, HD_CT_NOTNOUN,
    HD_CT_COUNT
};

#define HD_COUNTED_FILE "dict/hadath.counted.ar.txt"

/* Loads DIR/dict/hadath.counted.ar.txt (accusative alef matching on). */
int hd_counted_load(hd_phrases *p, const char *data_dir, hd_error *err);

/* "civilians", "fighters", "people", "protesters", "dead", "injured",
 * "arrested" for HD_CT_CIVILIANS .. HD_CT_ARRESTED; NULL otherwise. The
 * strings are static: hd_quantity.category points at them. */
const char *hd_quantity_category_name(int tag);

/* Fills doc->quantities, sets every event's dead, injured, arrested and
 * size (-1 when no quantity of its clause says). Returns 0, or -1 with err
 * set (counted NULL). */
int hd_code_quantities(hd_doc *doc, const hd_phrases *counted, hd_error *err);

/* The same for the sentences si with need[si] != 0 only (need NULL: all, as
 * hd_code_quantities). A number is read within its sentence and
 * belongs only to an event of that sentence, so an event of a needed
 * sentence gets exactly hd_code_quantities' counts; doc->quantities holds
 * those of the needed sentences. */
int hd_code_quantities_in(hd_doc *doc, const hd_phrases *counted,
                          const uint8_t *need, hd_error *err);

#endif
