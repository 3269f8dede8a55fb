/*
 * doc.c: the document model's life cycle.
 *
 * An hd_doc is reused from one document to the next: hd_doc_reset() empties
 * its arena (keeping the first block) and sets its vectors' lengths to zero
 * (keeping their capacity). After the first few documents, reading and
 * analysing the next one calls malloc only when it is larger than any before.
 */
#include "doc/doc.h"

#include <string.h>

#include "base/arena.h"

void hd_doc_init(hd_doc *doc)
{
    memset(doc, 0, sizeof *doc);
    doc->arena = hd_arena_new(256 * 1024);
    doc->text = "";
}

void hd_doc_reset(hd_doc *doc)
{
    hd_arena_reset(doc->arena);
    doc->id = doc->date = doc->outlet = doc->url = NULL;
    doc->extra_json = doc->source = NULL;
    doc->source_line = 0;
    doc->text = "";
    doc->len = 0;
    doc->title.start = doc->title.end = 0;
    doc->body_offset = 0;
    doc->n_zones = doc->n_tokens = doc->n_sentences = doc->n_quotes = 0;
    doc->n_events = doc->n_actors = 0;
    doc->places = NULL; doc->dates = NULL;
    doc->attributions = NULL; doc->quantities = NULL;
    doc->n_places = doc->n_dates = doc->n_attributions = doc->n_quantities = 0;
    doc->captions = NULL;
    doc->headings = doc->boilerplate = NULL;
    doc->n_captions = doc->n_headings = doc->n_boilerplate = 0;
    doc->n_invalid_utf8 = doc->n_nul = 0;
}

void hd_doc_free(hd_doc *doc)
{
    for (size_t i = 0; i < sizeof doc->memo / sizeof doc->memo[0]; i++)
        if (doc->memo[i] && doc->memo_free[i])
            doc->memo_free[i](doc->memo[i]);
    hd_arena_free(doc->arena);
    free(doc->zones);
    free(doc->tokens);
    free(doc->sentences);
    free(doc->quotes);
    free(doc->events);
    free(doc->actors);
    memset(doc, 0, sizeof *doc);
}

void hd_doc_add_zone(hd_doc *doc, uint32_t start, uint32_t end, int section)
{
    if (end <= start)
        return;
    HD_VEC_RESERVE(doc->zones, doc->cap_zones, doc->n_zones + 1);
    doc->zones[doc->n_zones++] = (hd_zone){start, end, (uint8_t)section};
}

int hd_doc_take_text(hd_doc *doc, const char *text, size_t n, hd_error *err)
{
    if (n > HD_DOC_MAX) {
        hd_error_set(err, doc->source, doc->source_line, -1,
                     "document of %zu bytes is larger than the %u-byte limit",
                     n, (unsigned)HD_DOC_MAX);
        return -1;
    }
    doc->text = hd_arena_strndup(doc->arena, text, n);
    doc->len = (uint32_t)n;
    return 0;
}

char *hd_doc_alloc_text(hd_doc *doc, size_t n, hd_error *err)
{
    if (n > HD_DOC_MAX) {
        hd_error_set(err, doc->source, doc->source_line, -1,
                     "document of %zu bytes is larger than the %u-byte limit",
                     n, (unsigned)HD_DOC_MAX);
        return NULL;
    }
    char *p = hd_arena_alloc(doc->arena, n + 1);
    p[n] = '\0';
    doc->text = p;
    doc->len = (uint32_t)n;
    return p;
}


void hd_doc_trim(const char *text, uint32_t *a, uint32_t *b)
{
    size_t k;
    while (*a < *b && (k = hd_doc_blank_at(text + *a, *b - *a)) != 0)
        *a += (uint32_t)k;
    while (*b > *a && (k = hd_doc_blank_before(text + *a, *b - *a)) != 0)
        *b -= (uint32_t)k;
}

/* Splits [start, end) of the text at blank lines or single newlines into one
 * zone per non-empty line: news bodies put one paragraph on a line. */
void hd_doc_add_paragraphs(hd_doc *doc, uint32_t start, uint32_t end,
                           int section)
{
    uint32_t i = start;
    while (i < end) {
        const char *nl = memchr(doc->text + i, '\n', end - i);
        uint32_t j = nl ? (uint32_t)(nl - doc->text) : end;
        uint32_t a = i, b = j;
        hd_doc_trim(doc->text, &a, &b);
        hd_doc_add_zone(doc, a, b, section);
        i = j + 1;
    }
}

int hd_doc_set_text(hd_doc *doc, const char *text, size_t n, hd_error *err)
{
    if (hd_doc_take_text(doc, text, n, err) != 0)
        return -1;
    doc->n_zones = 0;
    hd_doc_add_paragraphs(doc, 0, doc->len, HD_SEC_BODY);
    return 0;
}

const char *hd_section_name(int section)
{
    switch (section) {
    case HD_SEC_TITLE: return "title";
    case HD_SEC_BODY: return "body";
    case HD_SEC_CAPTION: return "caption";
    default: return "unknown";
    }
}
