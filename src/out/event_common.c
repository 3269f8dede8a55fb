/*
 * event_common.c: what the event writers share.
 *
 * Ids are stable (document id, sentence index, ordinal in the sentence), so
 * coding the same input twice gives the same ids, which the store and
 * deduplication rely on. Dictionary paths are shown from the data directory
 * on, so output does not depend on where hadath is installed.
 */
#include "out/event.h"

#include <stdio.h>
#include <string.h>

#include "code/code.h"

const char *hd_out_doc_id(const hd_doc *doc)
{
    if (doc->id && *doc->id)
        return doc->id;
    if (doc->source && *doc->source)
        return doc->source;
    return "doc";
}

/* "-" and the decimal digits of v, backwards from end; the first byte. */
static char *dash_number(char *end, unsigned v)
{
    do {
        *--end = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    *--end = '-';
    return end;
}

size_t hd_out_event_id(char *buf, size_t cap, const hd_doc *doc,
                       const hd_event *e)
{
    /* by hand: every event record has one, and snprintf's format
     * machinery cost more than the rest of the identity fields */
    const char *doc_id = hd_out_doc_id(doc);
    size_t dn = strlen(doc_id);
    char tail[24], *end = tail + sizeof tail;
    char *p = dash_number(dash_number(end, e->ordinal), e->sentence);
    size_t tn = (size_t)(end - p);
    if (dn + tn < cap) {
        memcpy(buf, doc_id, dn);
        memcpy(buf + dn, p, tn);
        buf[dn + tn] = '\0';
        return dn + tn;
    }
    int n = snprintf(buf, cap, "%s-%u-%u", doc_id, e->sentence,
                     e->ordinal); /* cut to cap, as it always was */
    if (n < 0)
        n = 0;
    return (size_t)n < cap ? (size_t)n : cap - 1;
}

const char *hd_out_data_path(const char *path)
{
    if (!path)
        return NULL;
    const char *best = NULL;
    for (const char *p = strstr(path, "data/"); p; p = strstr(p + 1, "data/"))
        if (p == path || p[-1] == '/')
            best = p + 5;
    return best ? best : path;
}

const char *hd_out_code_rest(const char *code)
{
    if (!code)
        return "";
    size_t n = strlen(code);
    for (size_t i = 3; i + 3 <= n; i += 3)
        if (hd_is_sector(code + i))
            return code + i + 3;
    return n > 3 ? code + 3 : "";
}
