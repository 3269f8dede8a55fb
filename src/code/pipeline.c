/*
 * pipeline.c: hd_code, the order of the coding stages.
 *
 * Events come first, since every later stage attaches something to them:
 * dates (when), places (where), attributions (who says so) and quantities
 * (how many). Each stage fills its own list in the document and writes only
 * its own fields of the events, so each can be read, tested and replaced
 * alone. This file is the one place that knows their order.
 *
 * A caller that reads only the events (HD_CODE_EVENTS_ONLY: `hadath code`,
 * eval) does not need the later stages' lists in full: most sentences have
 * no event, and a third of the news articles none at all. So each later
 * stage takes the sentences whose events are read (`need`, one byte a
 * sentence; NULL: all) and works out itself which other sentences can
 * still change what those events get: the places of the whole document
 * vote for its countries, a dateline or a title place stands in for a
 * sentence without one, an earlier speaker carries over (وأضاف), a
 * quotation is claimed by the verb that closes it. Each stage's file says
 * why the rest cannot reach an event.
 */
#include "code/code.h"
#include "code/date.h"
#include "code/quantity.h"

/* Nothing but the events: the lists emptied, as the stages would leave
 * them for a document without events. */
static void no_lists(hd_doc *doc)
{
    doc->places = NULL;
    doc->dates = NULL;
    doc->attributions = NULL;
    doc->quantities = NULL;
    doc->n_places = doc->n_dates = 0;
    doc->n_attributions = doc->n_quantities = 0;
}

/* One byte per sentence, 1 where an event is, in the arena. */
static const uint8_t *event_sentences(hd_doc *doc)
{
    uint8_t *need = hd_arena_alloc(doc->arena, doc->n_sentences + 1);
    memset(need, 0, doc->n_sentences + 1);
    for (size_t k = 0; k < doc->n_events; k++)
        if (doc->events[k].sentence < doc->n_sentences)
            need[doc->events[k].sentence] = 1;
    return need;
}

int hd_code_ex(const hd_lexicon *lx, hd_doc *doc, int need_what,
               hd_error *err)
{
    if (hd_code_events_need(lx, doc, NULL, need_what, err) != 0)
        return -1;
    const uint8_t *need = NULL;
    if (need_what == HD_CODE_EVENTS_ONLY) {
        if (!doc->n_events) {
            no_lists(doc);
            return 0;
        }
        need = event_sentences(doc);
    }
    if (hd_code_dates_in(doc, need, err) != 0)
        return -1;
    hd_code_event_dates(doc);
    if (hd_geo_resolve_in(lx->gaz, doc, need, err) != 0)
        return -1;
    /* Attributions before quantities: a count inside a quotation or a
     * reported clause takes its speaker. */
    if (hd_code_attributions_in(doc, &lx->reporting, lx, need, err) != 0)
        return -1;
    return hd_code_quantities_in(doc, &lx->counted, need, err);
}

int hd_code(const hd_lexicon *lx, hd_doc *doc, hd_error *err)
{
    return hd_code_ex(lx, doc, HD_CODE_ALL, err);
}
