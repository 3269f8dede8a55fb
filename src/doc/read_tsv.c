/*
 * read_tsv.c: tab-separated rows with a header line, one document a row.
 *
 * Written for the detection sets (header: id event_type label accept reject
 * total text) but driven by the header, not by that list: the column named
 * "text" (else the last one) is the document, the column named "id" (if
 * any) its id, and every other column goes to extra_json under its header
 * name, as a string. A row is one document with one body zone, no title.
 * An 8-digit date in the id (Gigaword ids: AAW_ARB_20071026.0026-2) is
 * taken as the document date.
 *
 * The header fixes the number of columns; a row with another number is a
 * bad record (its line named), since a missing or extra tab shifts every
 * later column and the text would be the wrong field. Blank lines are not
 * records. There is no quoting: TSV cells in these sets never hold tabs or
 * newlines.
 */
#include <string.h>
#include <strings.h>

#include "doc/reader.h"

#define HEADER_NAME_MAX 40

int hd_tsv_is_header(const char *s, size_t n)
{
    static const char known[] = "id\tevent_type\tlabel";
    if (n >= sizeof known - 1 && memcmp(s, known, sizeof known - 1) == 0)
        return 1;
    size_t cols = 1, len = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\t') {
            if (!len)
                return 0;
            cols++;
            len = 0;
            continue;
        }
        if (c == '\r' && i + 1 == n)
            break;
        int alpha = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
        if (!len && !alpha && c != '_')
            return 0;
        if (!alpha && c != '_' && c != ' ' && c != '-' && c != '.' &&
            !(c >= '0' && c <= '9'))
            return 0;
        if (++len > HEADER_NAME_MAX)
            return 0;
    }
    return cols >= 3 && len > 0;
}

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!hd_doc_is_space((unsigned char)s[i]))
            return 0;
    return 1;
}

static int next_row(hd_reader *r, const char **s, size_t *n)
{
    do {
        if (!hd_rd_line(r, s, n))
            return 0;
    } while (blank(*s, *n));
    return 1;
}

static size_t count_cols(const char *s, size_t n)
{
    size_t cols = 1;
    for (const char *p = s, *e = s + n; (p = memchr(p, '\t', (size_t)(e - p)));
         p++)
        cols++;
    return cols;
}

static int read_header(hd_reader *r, hd_error *err)
{
    const char *s;
    size_t n;
    if (!next_row(r, &s, &n))
        return 0;
    r->tsv_ready = 1;
    hd_buf_clear(&r->tsv_header);
    hd_buf_put(&r->tsv_header, s, n);
    r->tsv_ncols = 0;
    for (size_t i = 0, start = 0; i <= n; i++) {
        if (i < n && r->tsv_header.data[i] != '\t')
            continue;
        r->tsv_header.data[i] = '\0';
        HD_VEC_RESERVE(r->tsv_names, r->tsv_cap, r->tsv_ncols + 1);
        r->tsv_names[r->tsv_ncols] = start;
        const char *name = r->tsv_header.data + start;
        if (strcasecmp(name, "id") == 0 && r->tsv_id == SIZE_MAX)
            r->tsv_id = r->tsv_ncols;
        if (strcasecmp(name, "text") == 0 && r->tsv_text == SIZE_MAX)
            r->tsv_text = r->tsv_ncols;
        r->tsv_ncols++;
        start = i + 1;
    }
    if (r->tsv_ncols < 2) {
        r->done = 1;
        return hd_rd_bad(r, err, "TSV header has one column; expected "
                         "tab-separated names such as id, text");
    }
    if (r->tsv_text == SIZE_MAX)
        r->tsv_text = r->tsv_ncols - 1;
    return 1;
}

static int build(hd_reader *r, hd_doc *doc, const char *s, size_t n,
                 hd_error *err)
{
    const char *text = "";
    size_t text_n = 0, col = 0;
    hd_rd_extra_begin(r);
    for (const char *p = s, *e = s + n; p <= e; col++) {
        const char *tab = memchr(p, '\t', (size_t)(e - p));
        const char *end = tab ? tab : e;
        const char *name = r->tsv_header.data + r->tsv_names[col];
        if (col == r->tsv_text) {
            text = p;
            text_n = (size_t)(end - p);
        } else if (col == r->tsv_id) {
            if (end > p)
                doc->id = hd_rd_dup(doc, p, (size_t)(end - p));
        } else if (*name) {
            hd_rd_extra_add(r, name, strlen(name), p, (size_t)(end - p));
        }
        if (!tab)
            break;
        p = tab + 1;
    }
    doc->extra_json = hd_rd_extra_end(r, doc);
    char date[11]; /* Gigaword ids carry the story date: AAW_ARB_20071026.0026-2 */
    if (doc->id && hd_rd_date_in_id(doc->id, strlen(doc->id), date))
        doc->date = hd_rd_dup(doc, date, 10);
    if (hd_rd_record_text(doc, NULL, 0, text, text_n, err) != 0)
        return hd_rd_bad(r, err, "%s", err->msg);
    hd_doc_add_paragraphs(doc, 0, doc->len, HD_SEC_BODY);
    return 1;
}

int hd_read_tsv(hd_reader *r, hd_doc *doc, hd_error *err)
{
    const char *s;
    size_t n;
    if (!r->tsv_ready) {
        int rc = read_header(r, err);
        if (rc <= 0)
            return rc;
    }
    if (!next_row(r, &s, &n))
        return 0;
    doc->source_line = r->rec_line;
    size_t cols = count_cols(s, n);
    if (cols != r->tsv_ncols)
        return hd_rd_bad(r, err, "row has %zu column%s, the header has %zu",
                         cols, cols == 1 ? "" : "s", r->tsv_ncols);
    return build(r, doc, s, n, err);
}
