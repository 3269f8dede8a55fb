/*
 * analyze.c: the text layer's entry point.
 *
 * The readers decide what the text of a document is (its zones: title,
 * body paragraphs, captions, in text order); this file walks those zones
 * once, tokenizing each and splitting it into sentences right away, so that
 * a zone's tokens are still in cache when the splitter reads them. The bytes
 * between zones (boilerplate, markup the reader kept) are only checked for
 * invalid UTF-8 and NUL bytes, so that those counts cover the whole text.
 *
 * The analysis owns doc->tokens, doc->sentences and doc->quotes: it empties
 * them first, so calling it twice gives the same result.
 */
#include "text/text.h"
#include "text/utf8.h"

void hd_text_opts_default(hd_text_opts *o)
{
    o->norm_flags = HD_NORM_DEFAULT;
    o->strip_clitics = 1;
}

int hd_text_analyze(hd_doc *doc, const hd_text_opts *opts, hd_error *err)
{
    hd_text_opts defaults;
    uint32_t done = 0; /* text before this offset has been looked at */

    if (!opts) {
        hd_text_opts_default(&defaults);
        opts = &defaults;
    }
    doc->n_tokens = doc->n_sentences = doc->n_quotes = 0;
    for (size_t k = 0; k < sizeof doc->match_cache / sizeof *doc->match_cache; k++)
        doc->match_cache[k] = NULL; /* memos of the old tokens */
    doc->n_invalid_utf8 = doc->n_nul = 0;
    hd_key_memo_begin(doc);
    for (size_t z = 0; z < doc->n_zones; z++) {
        const hd_zone *zone = &doc->zones[z];
        size_t first = doc->n_tokens;
        if (zone->start < done || zone->end < zone->start ||
            zone->end > doc->len) {
            hd_error_set(err, doc->source ? doc->source : "", doc->source_line,
                         zone->start,
                         "zone %zu [%u, %u) is out of order or outside the "
                         "%u-byte text",
                         z, zone->start, zone->end, doc->len);
            return -1;
        }
        hd_utf8_scan(doc->text + done, zone->start - done,
                     &doc->n_invalid_utf8, &doc->n_nul);
        hd_text_tokenize_zone(doc, zone, opts);
        hd_text_split_zone(doc, zone, (uint32_t)z, first);
        done = zone->end;
    }
    hd_utf8_scan(doc->text + done, doc->len - done, &doc->n_invalid_utf8,
                 &doc->n_nul);
    hd_key_memo_publish(doc);
    return 0;
}
