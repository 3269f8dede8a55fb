/*
 * sentence.c: sentences and quotations, over the tokens of one zone.
 *
 * Zones never merge: a zone boundary ends a sentence and closes any open
 * quotation. Inside a zone a blank line is a paragraph break and does the
 * same. Otherwise a sentence ends after a run of terminators
 * . ! ? ؟ … ۔ ("?!" and "..." are one run), together with the closing
 * quotes and brackets that follow the run (لحظة." ends with its quote), and
 * does not end
 *   - inside a number: 3.5 and 1,000 are single tokens already;
 *   - after an initial or an abbreviation glued to its dot: U.S., Dr.,
 *     "د." (doctor), "م." (year or engineer), "هـ.": a one-letter word or a
 *     listed Latin abbreviation right before the dot. The price is that a
 *     sentence really ending in "م." runs on into the next one;
 *   - before a dot glued to a Latin word or a number (bbc.com, v1.2);
 *   - when the run is followed by a comma or semicolon ("لماذا؟"، قال).
 *
 * Quotations. « » and “ ” (also „) open and close by shape; a closing mark
 * with nothing open that is glued to the next word opens instead, and then
 * the opening shape closes (»الخلافة«, a mirror-image slip common in
 * right-to-left typing). The straight " toggles.
 * Single quotes are left alone: they are apostrophes as often as quotes.
 * Quotations nest (up to 8 deep) and a quotation spans sentences: the
 * sentence that begins while one is open, or that begins with the opening
 * mark itself, is in_quote, with quote_start at the outermost open mark. A
 * sentence in which a quotation merely starts after a reporting verb
 * (وقال "...") is not. Each quotation is one hd_quote, from its opening
 * mark to its closing mark, or to the end of its paragraph if left open.
 */
#include <string.h>

#include "base/arena.h"
#include "text/text.h"

#define QUOTE_DEPTH 8

enum quote_family { Q_NONE = 0, Q_GUILLEMET, Q_CURLY, Q_STRAIGHT };
enum quote_role { R_NONE = 0, R_OPEN, R_CLOSE };

typedef struct open_quote {
    int family;
    int mirrored; /* opened by a closing shape: an opening shape closes it */
    size_t index; /* in doc->quotes */
} open_quote;

/* The state of one zone. */
typedef struct splitter {
    hd_doc *doc;
    const hd_zone *zone;
    uint32_t paragraph;
    size_t first;    /* first token of the current sentence */
    int in_quote;    /* of the current sentence */
    int64_t quote_start;
    open_quote open[QUOTE_DEPTH];
    int depth;
} splitter;

static const char *surface(const hd_doc *doc, const hd_token *t, size_t *n)
{
    *n = t->end - t->start;
    return doc->text + t->start;
}

static int surface_is(const hd_doc *doc, const hd_token *t, const char *s)
{
    size_t n;
    const char *p = surface(doc, t, &n);
    return n == strlen(s) && memcmp(p, s, n) == 0;
}

static int is_terminator(const hd_doc *doc, const hd_token *t)
{
    if (t->kind != HD_TOK_PUNCT)
        return 0;
    return surface_is(doc, t, ".") || surface_is(doc, t, "!") ||
           surface_is(doc, t, "?") || surface_is(doc, t, "\xD8\x9F") ||
           surface_is(doc, t, "\xE2\x80\xA6") || surface_is(doc, t, "\xDB\x94");
}

static int is_comma_like(const hd_doc *doc, const hd_token *t)
{
    return t->kind == HD_TOK_PUNCT &&
           (surface_is(doc, t, ",") || surface_is(doc, t, "\xD8\x8C") ||
            surface_is(doc, t, ";") || surface_is(doc, t, "\xD8\x9B"));
}

/* The quote family of a mark, and whether its shape opens (1) or closes. */
static int quote_family(const hd_doc *doc, const hd_token *t, int *opens)
{
    if (t->kind != HD_TOK_PUNCT)
        return Q_NONE;
    *opens = 1;
    if (surface_is(doc, t, "\""))
        return Q_STRAIGHT;
    if (surface_is(doc, t, "\xC2\xAB") )
        return Q_GUILLEMET;
    if (surface_is(doc, t, "\xE2\x80\x9C") || surface_is(doc, t, "\xE2\x80\x9E"))
        return Q_CURLY;
    *opens = 0;
    if (surface_is(doc, t, "\xC2\xBB"))
        return Q_GUILLEMET;
    if (surface_is(doc, t, "\xE2\x80\x9D"))
        return Q_CURLY;
    return Q_NONE;
}

static int open_of_family(const splitter *sp, int family)
{
    for (int i = sp->depth - 1; i >= 0; i--)
        if (sp->open[i].family == family)
            return i;
    return -1;
}

/* What the mark at token k does, given the open quotations; *mirrored is
 * set for a closing shape that opens. */
static int quote_role(const splitter *sp, size_t k, int *family,
                      int *mirrored)
{
    const hd_doc *doc = sp->doc;
    const hd_token *t = &doc->tokens[k];
    int opens = 0, open;
    *mirrored = 0;
    *family = quote_family(doc, t, &opens);
    if (*family == Q_NONE)
        return R_NONE;
    open = open_of_family(sp, *family);
    if (*family == Q_STRAIGHT)
        return open >= 0 ? R_CLOSE : R_OPEN;
    if (open >= 0 && opens == sp->open[open].mirrored)
        return R_CLOSE;
    if (opens)
        return R_OPEN;
    /* A closing shape with nothing to close: an opener typed mirror-wise if
     * it sticks to the word after it. */
    if (k + 1 < doc->n_tokens && !doc->tokens[k + 1].space_before &&
        doc->tokens[k + 1].start < sp->zone->end) {
        *mirrored = 1;
        return R_OPEN;
    }
    return R_NONE;
}

static void open_quote_at(splitter *sp, size_t k, int family, int mirrored)
{
    hd_doc *doc = sp->doc;
    uint32_t sentence = (uint32_t)doc->n_sentences; /* the one being built */
    if (sp->depth == QUOTE_DEPTH)
        return;
    HD_VEC_RESERVE(doc->quotes, doc->cap_quotes, doc->n_quotes + 1);
    doc->quotes[doc->n_quotes] =
        (hd_quote){doc->tokens[k].start, doc->tokens[k].end, sentence,
                   sentence};
    sp->open[sp->depth++] = (open_quote){family, mirrored, doc->n_quotes};
    doc->n_quotes++;
}

/* Closes the innermost open quotation of the family, and any opened inside
 * it, at token k. */
static void close_quote_at(splitter *sp, size_t k, int family)
{
    hd_doc *doc = sp->doc;
    int i = open_of_family(sp, family);
    if (i < 0)
        return;
    for (int j = i; j < sp->depth; j++) {
        hd_quote *q = &doc->quotes[sp->open[j].index];
        q->end = doc->tokens[k].end;
        q->sentence_last = (uint32_t)doc->n_sentences;
    }
    sp->depth = i;
}

/* Closes every open quotation at the end of the paragraph, whose last
 * sentence has been emitted already. */
static void close_all(splitter *sp, uint32_t end)
{
    hd_doc *doc = sp->doc;
    for (int j = 0; j < sp->depth; j++) {
        hd_quote *q = &doc->quotes[sp->open[j].index];
        q->end = end;
        q->sentence_last = doc->n_sentences ? (uint32_t)doc->n_sentences - 1
                                            : 0;
    }
    sp->depth = 0;
}

static void track_quote(splitter *sp, size_t k)
{
    int family, mirrored;
    int role = quote_role(sp, k, &family, &mirrored);
    if (role == R_OPEN)
        open_quote_at(sp, k, family, mirrored);
    else if (role == R_CLOSE)
        close_quote_at(sp, k, family);
}

/* Called on the first token of a sentence, before its own mark counts. */
static void begin_sentence(splitter *sp, size_t k)
{
    int family, mirrored;
    sp->first = k;
    sp->in_quote = 0;
    sp->quote_start = -1;
    if (sp->depth > 0) {
        sp->in_quote = 1;
        sp->quote_start = sp->doc->quotes[sp->open[0].index].start;
    } else if (quote_role(sp, k, &family, &mirrored) == R_OPEN) {
        sp->in_quote = 1;
        sp->quote_start = sp->doc->tokens[k].start;
    }
}

static void emit_sentence(splitter *sp, size_t last)
{
    hd_doc *doc = sp->doc;
    const hd_token *a = &doc->tokens[sp->first], *b = &doc->tokens[last];
    HD_VEC_RESERVE(doc->sentences, doc->cap_sentences, doc->n_sentences + 1);
    doc->sentences[doc->n_sentences++] = (hd_sentence){
        .start = a->start,
        .end = b->end,
        .tok_first = (uint32_t)sp->first,
        .tok_count = (uint32_t)(last - sp->first + 1),
        .paragraph = sp->paragraph,
        .section = sp->zone->section,
        .in_quote = (uint8_t)sp->in_quote,
        .quote_start = sp->quote_start,
    };
}

/* A blank line between tokens k-1 and k. */
static int paragraph_break(const hd_doc *doc, size_t k)
{
    int newlines = 0;
    if (!doc->tokens[k].space_before ||
        doc->tokens[k].start - doc->tokens[k - 1].end < 2)
        return 0; /* most gaps: one space, no room for a blank line */
    for (uint32_t i = doc->tokens[k - 1].end; i < doc->tokens[k].start; i++) {
        char c = doc->text[i];
        if (c == '\n' && ++newlines == 2)
            return 1;
    }
    return 0;
}

static int is_abbreviation(const hd_token *w)
{
    static const char *const latin[] = {
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "etc",
        "inc", "ltd", "co", "gen", "col", "lt", "sgt", "capt", "gov", "sen",
        "rep", "no", "fig", "jan", "feb", "aug", "sept", "oct", "nov", "dec"};
    if (w->kind == HD_TOK_WORD) {
        /* one letter: the key's first code point is all of it */
        unsigned char c = (unsigned char)w->key[0];
        size_t cp_len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        return w->key_len == cp_len;
    }
    if (w->kind != HD_TOK_LATIN)
        return 0;
    if (w->end - w->start == 1)
        return 1;
    for (size_t i = 0; i < sizeof latin / sizeof latin[0]; i++)
        if (w->key_len == strlen(latin[i]) &&
            memcmp(w->key, latin[i], w->key_len) == 0)
            return 1;
    return 0;
}

/* The dot at k does not end a sentence. */
static int dot_continues(const hd_doc *doc, size_t k, size_t end)
{
    const hd_token *t = &doc->tokens[k];
    if (!surface_is(doc, t, "."))
        return 0;
    if (k > 0 && doc->tokens[k - 1].end == t->start &&
        is_abbreviation(&doc->tokens[k - 1]))
        return 1;
    if (k + 1 < end && !doc->tokens[k + 1].space_before &&
        (doc->tokens[k + 1].kind == HD_TOK_LATIN ||
         doc->tokens[k + 1].kind == HD_TOK_NUMBER))
        return 1;
    return 0;
}

/* A closing quote or bracket that belongs to the sentence before it. */
static int is_closer(const splitter *sp, size_t k)
{
    const hd_doc *doc = sp->doc;
    const hd_token *t = &doc->tokens[k];
    int family, mirrored;
    if (t->kind != HD_TOK_PUNCT)
        return 0;
    if (quote_role(sp, k, &family, &mirrored) == R_CLOSE)
        return 1;
    return family == Q_NONE && !t->space_before &&
           (surface_is(doc, t, ")") || surface_is(doc, t, "]") ||
            surface_is(doc, t, "}") || surface_is(doc, t, "\xE2\x80\x99"));
}

/* Past a terminator at k: the end of its run and of the closers after it. */
static size_t end_of_run(splitter *sp, size_t k, size_t end)
{
    const hd_doc *doc = sp->doc;
    size_t j = k + 1;
    while (j < end && is_terminator(doc, &doc->tokens[j]) &&
           !doc->tokens[j].space_before)
        j++;
    while (j < end && is_closer(sp, j)) {
        track_quote(sp, j);
        j++;
    }
    return j;
}

void hd_text_split_zone(hd_doc *doc, const hd_zone *zone, uint32_t paragraph,
                        size_t tok_first)
{
    splitter sp;
    size_t end = doc->n_tokens;
    int pending;
    memset(&sp, 0, sizeof sp);
    sp.doc = doc;
    sp.zone = zone;
    sp.paragraph = paragraph;
    if (tok_first >= end)
        return;
    begin_sentence(&sp, tok_first);
    pending = 1;
    for (size_t k = tok_first; k < end; k++) {
        if (k > tok_first && paragraph_break(doc, k)) {
            if (pending && sp.first < k)
                emit_sentence(&sp, k - 1);
            close_all(&sp, doc->tokens[k - 1].end);
            begin_sentence(&sp, k);
            pending = 1;
        }
        if (doc->tokens[k].kind != HD_TOK_PUNCT)
            continue; /* words and numbers neither quote nor end */
        track_quote(&sp, k);
        if (!is_terminator(doc, &doc->tokens[k]) ||
            dot_continues(doc, k, end))
            continue;
        size_t j = end_of_run(&sp, k, end);
        if (j < end && is_comma_like(doc, &doc->tokens[j])) {
            k = j - 1;
            continue;
        }
        emit_sentence(&sp, j - 1);
        pending = 0;
        if (j < end) {
            begin_sentence(&sp, j);
            pending = 1;
        }
        k = j - 1;
    }
    if (pending)
        emit_sentence(&sp, end - 1);
    close_all(&sp, doc->tokens[end - 1].end);
}
