/*
 * pipeline.c: hd_code, the order of the coding stages.
 *
 * Events come first, since every later stage attaches something to them:
 * dates (when), places (where), attributions (who says so) and quantities
 * (how many). Each stage fills its own list in the document and writes only
 * its own fields of the events, so each can be read, tested and replaced
 * alone. This file is the one place that knows their order.
 */
#include "code/code.h"
#include "code/date.h"
#include "code/quantity.h"

int hd_code(const hd_lexicon *lx, hd_doc *doc, hd_error *err)
{
    if (hd_code_events(lx, doc, err) != 0)
        return -1;
    if (hd_code_dates(doc, err) != 0)
        return -1;
    hd_code_event_dates(doc);
    if (hd_geo_resolve(lx->gaz, doc, err) != 0)
        return -1;
    /* Attributions before quantities: a count inside a quotation or a
     * reported clause takes its speaker. */
    if (hd_code_attributions(doc, &lx->reporting, lx, err) != 0)
        return -1;
    return hd_code_quantities(doc, &lx->counted, err);
}
