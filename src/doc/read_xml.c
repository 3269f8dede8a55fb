/*
 * read_xml.c: PETRARCH validation XML, one document per <Sentence>.
 *
 *   <Sentences>
 *     <Sentence date="20071208" id="5b52..." evaluate="true" category="ASSAULT">
 *       <EventText .../> <EventCoding .../> <Location ...></Location>
 *       <Text> the sentence </Text>
 *     </Sentence>
 *
 * Each Sentence streams out of reader.c as one record. The doc is the Text,
 * entities decoded, trimmed and unwrapped into one line: one body zone, no
 * title, body_offset 0. id and date (YYYYMMDD, or YYYY-MM-DD) come from the
 * attributes; the Sentence's other attributes (category, evaluate) go to
 * extra_json. The gold children (EventText, EventCoding, Location) do not:
 * they are the answers the coder is scored against, and the eval module
 * reads them itself (with the same markup scanner); carrying them through
 * the coder's output would only invite mixing gold and prediction.
 *
 * A Sentence without Text, or with a date that is not a date, is a bad
 * record; the next Sentence is read as usual.
 */
#include <string.h>
#include <strings.h>

#include "doc/markup.h"
#include "doc/reader.h"

/* Decodes s[a..b) into r->scratch; returns it trimmed (and unwrapped). */
static void value(hd_reader *r, const char *s, size_t a, size_t b,
                  const char **v, size_t *n)
{
    hd_buf_clear(&r->scratch);
    hd_buf_reserve(&r->scratch, b - a);
    size_t k = hd_mu_decode(s + a, b - a, r->scratch.data);
    r->scratch.len = hd_rd_unwrap(r->scratch.data, k);
    r->scratch.data[r->scratch.len] = '\0';
    *v = r->scratch.data;
    *n = r->scratch.len;
    hd_rd_trim(v, n);
}

static int attrs(hd_reader *r, hd_doc *doc, const char *s, const hd_mu_elem *el,
                 hd_error *err)
{
    size_t pos = el->attrs;
    hd_mu_attr a;
    char date[11];
    while (hd_mu_next_attr(s, &pos, el->attrs_end, &a)) {
        const char *v;
        size_t n;
        value(r, s, a.val, a.val + a.val_len, &v, &n);
        if (a.name_len == 2 && strncasecmp(s + a.name, "id", 2) == 0) {
            if (n)
                doc->id = hd_rd_dup(doc, v, n);
        } else if (a.name_len == 4 && strncasecmp(s + a.name, "date", 4) == 0) {
            if (!n)
                continue;
            if (!hd_rd_date_compact(v, n, date) && !hd_rd_date_iso(v, n, date))
                return hd_rd_bad(r, err, "<Sentence> attribute date=\"%.*s\" is "
                                 "not a date (expected YYYYMMDD)",
                                 (int)(n > 40 ? 40 : n), v);
            doc->date = hd_rd_dup(doc, date, 10);
        } else if (n) {
            hd_rd_extra_add(r, s + a.name, a.name_len, v, n);
        }
    }
    return 0;
}

int hd_read_xml(hd_reader *r, hd_doc *doc, hd_error *err)
{
    const char *s, *v;
    size_t n, vn;
    if (!hd_rd_record(r, "Sentence", &s, &n))
        return hd_rd_no_records(r, err, "<Sentence>");
    doc->source_line = r->rec_line;
    hd_mu_elem el, text;
    if (!hd_mu_next_open(s, 0, n, "Sentence", &el))
        return hd_rd_bad(r, err, "cannot read the <Sentence> tag");
    hd_mu_close(s, n, HD_MU_TO_END, &el);
    hd_rd_extra_begin(r);
    if (attrs(r, doc, s, &el, err) < 0)
        return -1;
    if (!hd_mu_find(s, el.inner, el.inner_end, "Text", HD_MU_TO_NEXT_TAG, &text))
        return hd_rd_bad(r, err, "<Sentence>%s%s%s has no <Text> element",
                         doc->id ? " id=\"" : "", doc->id ? doc->id : "",
                         doc->id ? "\"" : "");
    doc->extra_json = hd_rd_extra_end(r, doc);
    value(r, s, text.inner, text.inner_end, &v, &vn);
    if (hd_rd_record_text(doc, NULL, 0, v, vn, err) != 0)
        return hd_rd_bad(r, err, "%s", err->msg);
    hd_doc_add_zone(doc, 0, doc->len, HD_SEC_BODY);
    return 1;
}
