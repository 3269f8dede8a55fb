/*
 * event_phoenix.c: events in the Phoenix dataset's tab-separated columns.
 *
 * The Open Event Data Alliance's Phoenix files have one event per line with
 * these columns, in this order:
 *   EventID Date Year Month Day SourceActorFull SourceActorEntity
 *   SourceActorRole SourceActorAttribute TargetActorFull TargetActorEntity
 *   TargetActorRole TargetActorAttribute EventCode EventRootCode QuadClass
 *   GoldsteinScore Issues Lat Lon LocationName StateName CountryCode
 *   SentenceID URLs NewsSources
 * Actor codes are CAMEO strings split as hadath splits them (entity = the
 * country or group part, role = the sector, attribute = the rest). Phoenix
 * has no place for negated or hypothetical events, so only asserted ones
 * are written; columns hadath does not fill yet (Goldstein, issues, places)
 * are empty. Tabs and line breaks inside a field become spaces.
 */
#include "out/event.h"

#include <stdio.h>
#include <string.h>

static const char *const columns[] = {
    "EventID", "Date", "Year", "Month", "Day", "SourceActorFull",
    "SourceActorEntity", "SourceActorRole", "SourceActorAttribute",
    "TargetActorFull", "TargetActorEntity", "TargetActorRole",
    "TargetActorAttribute", "EventCode", "EventRootCode", "QuadClass",
    "GoldsteinScore", "Issues", "Lat", "Lon", "LocationName", "StateName",
    "CountryCode", "SentenceID", "URLs", "NewsSources"};

static void cell(hd_buf *out, const char *s, int first)
{
    if (!first)
        hd_buf_putc(out, '\t');
    for (; s && *s; s++)
        hd_buf_putc(out, (*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s);
}

void hd_out_events_phoenix_header(hd_buf *out)
{
    for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++)
        cell(out, columns[i], i == 0);
    hd_buf_putc(out, '\n');
}

static void actor(hd_buf *out, const hd_actor *a)
{
    cell(out, a->code, 0);
    cell(out, a->country, 0);
    cell(out, a->sector, 0);
    cell(out, a->code ? hd_out_code_rest(a->code) : NULL, 0);
}

static void row(hd_buf *out, const hd_doc *d, const hd_event *e)
{
    char id[512], buf[64];
    hd_out_event_id(id, sizeof id, d, e);
    cell(out, id, 1);
    const char *date = e->date;
    if (date && strlen(date) == 10) {
        snprintf(buf, sizeof buf, "%.4s%.2s%.2s", date, date + 5, date + 8);
        cell(out, buf, 0);
        snprintf(buf, sizeof buf, "%.4s", date);
        cell(out, buf, 0);
        snprintf(buf, sizeof buf, "%d", (date[5] - '0') * 10 + date[6] - '0');
        cell(out, buf, 0);
        snprintf(buf, sizeof buf, "%d", (date[8] - '0') * 10 + date[9] - '0');
        cell(out, buf, 0);
    } else {
        for (int i = 0; i < 4; i++)
            cell(out, NULL, 0);
    }
    actor(out, &e->source);
    actor(out, &e->target);
    cell(out, e->cameo, 0);
    snprintf(buf, sizeof buf, "%.2s", e->cameo);
    cell(out, buf, 0);
    snprintf(buf, sizeof buf, "%d", e->quad);
    cell(out, e->quad ? buf : NULL, 0);
    for (int i = 0; i < 7; i++) /* Goldstein .. CountryCode */
        cell(out, NULL, 0);
    snprintf(buf, sizeof buf, "-%u", e->sentence);
    hd_buf_putc(out, '\t');
    cell(out, hd_out_doc_id(d), 1);
    cell(out, buf, 1);
    cell(out, d->url, 0);
    cell(out, d->outlet, 0);
    hd_buf_putc(out, '\n');
}

void hd_out_events_phoenix(hd_buf *out, const hd_doc *doc)
{
    for (size_t i = 0; i < doc->n_events; i++) {
        const hd_event *e = &doc->events[i];
        if (!e->negated && !e->hypothetical && e->event_type)
            row(out, doc, e);
    }
}
