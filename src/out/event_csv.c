/*
 * event_csv.c: events as CSV (RFC 4180), for spreadsheets and R/pandas.
 *
 * The JSONL record flattened: one row per event, a fixed header, CRLF line
 * ends, and every field that holds a comma, a quote or a line break quoted,
 * with quotes doubled. Empty fields stand for null; lists (context) are
 * joined with ';'. Arabic text is written as UTF-8, unchanged.
 */
#include "out/event.h"

#include <string.h>

static const char *const columns[] = {
    "id", "doc_id", "sentence", "section", "date", "event_type", "mode",
    "context", "cameo", "quad", "negated", "hypothetical", "source_text",
    "source_code", "source_country", "source_sector", "source_start",
    "source_end", "target_text", "target_code", "target_country",
    "target_sector", "target_start", "target_end", "trigger_text",
    "trigger_start", "trigger_end", "pattern_text", "pattern_file",
    "pattern_line", "evidence"};

static void field(hd_buf *out, const char *s, size_t n, int first)
{
    if (!first)
        hd_buf_putc(out, ',');
    if (!s)
        return;
    int quote = 0;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
    if (!quote) {
        hd_buf_put(out, s, n);
        return;
    }
    hd_buf_putc(out, '"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            hd_buf_putc(out, '"');
        hd_buf_putc(out, s[i]);
    }
    hd_buf_putc(out, '"');
}

static void cfield(hd_buf *out, const char *s)
{
    field(out, s, s ? strlen(s) : 0, 0);
}

static void ufield(hd_buf *out, unsigned long v)
{
    hd_buf_putc(out, ',');
    hd_buf_printf(out, "%lu", v);
}

static void slice(hd_buf *out, const hd_doc *d, uint32_t a, uint32_t b)
{
    if (b > a && b <= d->len)
        field(out, d->text + a, b - a, 0);
    else
        field(out, NULL, 0, 0);
}

static void actor(hd_buf *out, const hd_doc *d, const hd_actor *a)
{
    int text = a->span.end > a->span.start;
    slice(out, d, a->span.start, a->span.end);
    cfield(out, a->code);
    cfield(out, a->country[0] ? a->country : NULL);
    cfield(out, a->sector[0] ? a->sector : NULL);
    if (text) {
        ufield(out, a->span.start);
        ufield(out, a->span.end);
    } else {
        cfield(out, NULL);
        cfield(out, NULL);
    }
}

void hd_out_events_csv_header(hd_buf *out)
{
    for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++)
        field(out, columns[i], strlen(columns[i]), i == 0);
    hd_buf_puts(out, "\r\n");
}

static void row(hd_buf *out, const hd_doc *d, const hd_event *e)
{
    char id[512];
    field(out, id, hd_out_event_id(id, sizeof id, d, e), 1);
    cfield(out, hd_out_doc_id(d));
    ufield(out, e->sentence);
    cfield(out, hd_section_name(e->section));
    cfield(out, e->date);
    cfield(out, e->event_type);
    cfield(out, e->mode);
    char ctx[256];
    size_t k = 0;
    for (const char *p = e->context; p && *p && k + 1 < sizeof ctx; p++)
        ctx[k++] = *p == ',' ? ';' : *p;
    ctx[k] = '\0';
    cfield(out, k ? ctx : NULL);
    cfield(out, e->cameo[0] ? e->cameo : NULL);
    if (e->quad)
        ufield(out, (unsigned long)e->quad);
    else
        cfield(out, NULL);
    cfield(out, e->negated ? "true" : "false");
    cfield(out, e->hypothetical ? "true" : "false");
    actor(out, d, &e->source);
    actor(out, d, &e->target);
    slice(out, d, e->trigger.start, e->trigger.end);
    ufield(out, e->trigger.start);
    ufield(out, e->trigger.end);
    cfield(out, e->pattern);
    cfield(out, hd_out_data_path(e->pattern_file));
    if (e->pattern_line)
        ufield(out, e->pattern_line);
    else
        cfield(out, NULL);
    if (e->sentence < d->n_sentences)
        slice(out, d, d->sentences[e->sentence].start,
              d->sentences[e->sentence].end);
    else
        cfield(out, NULL);
    hd_buf_puts(out, "\r\n");
}

void hd_out_events_csv(hd_buf *out, const hd_doc *doc)
{
    for (size_t i = 0; i < doc->n_events; i++)
        row(out, doc, &doc->events[i]);
}
