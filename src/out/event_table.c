/*
 * event_table.c: events as a table a person reads (`hadath code --to table`).
 *
 * One line per event: type and CAMEO code, source and target codes with
 * their words, the trigger, and the modality marks; under it, the place,
 * counts and attribution when the later stages found them. Widths are in
 * characters of ASCII fields only: Arabic runs right to left in a terminal
 * and no padding would line it up, so Arabic text comes last on each line.
 */
#include "out/event.h"

static void put_slice(hd_buf *out, const hd_doc *d, hd_span s)
{
    if (s.end > s.start)
        hd_buf_put(out, d->text + s.start, s.end - s.start);
    else
        hd_buf_putc(out, '-');
}

static const char *code_or_dash(const hd_actor *a)
{
    return a->code ? a->code : "-";
}

static void put_details(hd_buf *out, const hd_doc *d, const hd_event *e)
{
    if (e->place >= 0 && (size_t)e->place < d->n_places) {
        const hd_place *p = &d->places[e->place];
        hd_buf_printf(out, "          where: %s (%s, geonames %u, %.4f %.4f)\n",
                      p->name ? p->name : "?", p->country_code, p->geonameid,
                      p->lat, p->lon);
    }
    if (e->dead >= 0 || e->injured >= 0 || e->arrested >= 0 || e->size >= 0) {
        hd_buf_puts(out, "          counts:");
        if (e->dead >= 0) hd_buf_printf(out, " dead %.0f", e->dead);
        if (e->injured >= 0) hd_buf_printf(out, " injured %.0f", e->injured);
        if (e->arrested >= 0) hd_buf_printf(out, " arrested %.0f", e->arrested);
        if (e->size >= 0) hd_buf_printf(out, " size %.0f", e->size);
        hd_buf_putc(out, '\n');
    }
    if (e->attribution >= 0 && (size_t)e->attribution < d->n_attributions) {
        const hd_attribution *a = &d->attributions[e->attribution];
        hd_buf_puts(out, "          says:  ");
        put_slice(out, d, a->speaker.end > a->speaker.start ? a->speaker
                                                            : a->organisation);
        hd_buf_putc(out, '\n');
    }
}

void hd_out_events_table(hd_buf *out, const hd_doc *doc)
{
    hd_buf_printf(out, "%s: %zu events\n", hd_out_doc_id(doc), doc->n_events);
    hd_buf_printf(out, "  %-3s %-9s %-5s %-11s %-11s %-10s %-5s %s\n", "s#",
                  "type", "cameo", "source", "target", "date", "flags",
                  "trigger | source words | target words");
    for (size_t i = 0; i < doc->n_events; i++) {
        const hd_event *e = &doc->events[i];
        char flags[8] = "-";
        if (e->negated || e->hypothetical)
            snprintf(flags, sizeof flags, "%s%s", e->negated ? "neg" : "",
                     e->hypothetical ? "hyp" : "");
        hd_buf_printf(out, "  %-3u %-9s %-5s %-11s %-11s %-10s %-5s ",
                      e->sentence + 1, e->event_type ? e->event_type : "?",
                      e->cameo, code_or_dash(&e->source),
                      code_or_dash(&e->target), e->date ? e->date : "-", flags);
        put_slice(out, doc, e->trigger);
        hd_buf_puts(out, " | ");
        put_slice(out, doc, e->source.span);
        hd_buf_puts(out, " | ");
        put_slice(out, doc, e->target.span);
        hd_buf_putc(out, '\n');
        put_details(out, doc, e);
    }
    hd_buf_putc(out, '\n');
}
