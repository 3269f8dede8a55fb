/*
 * analyze_text.c: the document as a person reads it (`--to text`).
 *
 * Same content as the JSON record, laid out for a terminal: metadata, the
 * structure kept out of the body, then one sentence a line with its section
 * and byte span, and a q mark where it lies inside a quotation.
 */
#include "out/analyze.h"

#include "text/number.h"

static void put_slice(hd_buf *out, const hd_doc *d, uint32_t a, uint32_t b)
{
    /* Text is written as is: a terminal shows it better than escapes. */
    if (b > a)
        hd_buf_put(out, d->text + a, b - a);
}

static void put_header(hd_buf *out, const hd_doc *d)
{
    hd_buf_printf(out, "document  %s\n", d->id ? d->id : "(no id)");
    hd_buf_printf(out, "date      %s\n", d->date ? d->date : "(unknown)");
    if (d->outlet)
        hd_buf_printf(out, "outlet    %s\n", d->outlet);
    hd_buf_puts(out, "title     ");
    put_slice(out, d, d->title.start, d->title.end);
    hd_buf_putc(out, '\n');
    for (size_t i = 0; i < d->n_captions; i++) {
        const hd_caption *c = &d->captions[i];
        hd_buf_puts(out, i ? "          " : "captions  ");
        hd_buf_putc(out, '[');
        put_slice(out, d, c->credit.start, c->credit.end);
        hd_buf_puts(out, "] ");
        if (c->text.end > c->text.start)
            put_slice(out, d, c->text.start, c->text.end);
        else
            hd_buf_puts(out, "(no caption text)");
        hd_buf_putc(out, '\n');
    }
    for (size_t i = 0; i < d->n_headings; i++) {
        hd_buf_puts(out, i ? "          " : "headings  ");
        put_slice(out, d, d->headings[i].start, d->headings[i].end);
        hd_buf_putc(out, '\n');
    }
    if (d->n_invalid_utf8)
        hd_buf_printf(out, "warning   %zu invalid UTF-8 sequences shown as U+FFFD\n",
                      d->n_invalid_utf8);
}

static void put_span(hd_buf *out, const hd_doc *d, hd_span s)
{
    put_slice(out, d, s.start, s.end);
}

/* What the coder found besides events, one line each. */
static void put_findings(hd_buf *out, const hd_doc *d)
{
    hd_buf_printf(out, "places    %zu mentions (each place once, with its count)\n",
                  d->n_places);
    for (size_t i = 0; i < d->n_places; i++) {
        const hd_place *p = &d->places[i];
        size_t seen = 0, count = 0;
        for (size_t k = 0; k < d->n_places; k++)
            if (d->places[k].geonameid == p->geonameid) {
                seen += k < i;
                count++;
            }
        if (seen)
            continue;
        hd_buf_printf(out, "          %-22s %s %9u %3zux  ", p->name ? p->name : "?",
                      p->country_code, p->geonameid, count);
        put_span(out, d, p->span);
        hd_buf_putc(out, '\n');
    }
    hd_buf_printf(out, "dates     %zu\n", d->n_dates);
    for (size_t i = 0; i < d->n_dates; i++) {
        hd_buf_printf(out, "          %-10s%s  ", d->dates[i].date[0] ? d->dates[i].date : "?",
                      d->dates[i].since ? "+" : " ");
        put_span(out, d, d->dates[i].span);
        hd_buf_putc(out, '\n');
    }
    hd_buf_printf(out, "attributions %zu\n", d->n_attributions);
    for (size_t i = 0; i < d->n_attributions; i++) {
        const hd_attribution *a = &d->attributions[i];
        hd_buf_puts(out, "          ");
        put_span(out, d, a->speaker.end > a->speaker.start ? a->speaker : a->organisation);
        if (a->role.end > a->role.start) {
            hd_buf_puts(out, " | ");
            put_span(out, d, a->role);
        }
        if (a->outlet.end > a->outlet.start) {
            hd_buf_puts(out, " | ");
            put_span(out, d, a->outlet);
        }
        hd_buf_putc(out, '\n');
    }
    hd_buf_printf(out, "quantities %zu\n", d->n_quantities);
    for (size_t i = 0; i < d->n_quantities; i++) {
        const hd_quantity *q = &d->quantities[i];
        hd_buf_printf(out, "          %-9s %7.0f %-10s ",
                      q->category ? q->category : "-", q->value,
                      hd_qualifier_name(q->qualifier));
        put_span(out, d, q->span);
        hd_buf_putc(out, '\n');
    }
}

void hd_out_analyze_text(hd_buf *out, const hd_doc *d, unsigned flags)
{
    put_header(out, d);
    if (flags & HD_ANALYZE_CODED)
        put_findings(out, d);
    hd_buf_printf(out, "sentences %zu (q: inside a quotation)\n", d->n_sentences);
    for (size_t i = 0; i < d->n_sentences; i++) {
        const hd_sentence *s = &d->sentences[i];
        hd_buf_printf(out, "  %3zu %-7s %c %5u-%-5u ", i + 1,
                      hd_section_name(s->section), s->in_quote ? 'q' : ' ',
                      s->start, s->end);
        put_slice(out, d, s->start, s->end);
        hd_buf_putc(out, '\n');
        if (!(flags & HD_ANALYZE_TOKENS))
            continue;
        for (uint32_t k = 0; k < s->tok_count; k++) {
            const hd_token *t = &d->tokens[s->tok_first + k];
            hd_buf_puts(out, "        ");
            put_slice(out, d, t->start, t->end);
            hd_buf_puts(out, "  key=");
            hd_buf_put(out, t->key, t->key_len);
            hd_buf_puts(out, "  stem=");
            hd_buf_put(out, t->key + t->stem_off, t->stem_len);
            hd_buf_putc(out, '\n');
        }
    }
    hd_buf_putc(out, '\n');
}
