/*
 * read_sgml.c: TREC-style and Gigaword-style <DOC> records.
 *
 *   TREC (the ANT corpus files):
 *     <DOC><DOCNO>id</DOCNO><URL>..</URL><SRC>outlet</SRC><CAT>..</CAT>
 *     <TITLE>..</TITLE><TIME>Sun, 18 Feb 2018 20:50:44 GMT</TIME>
 *     <AUTHOR>..</AUTHOR><ABSTRACT>..</ABSTRACT><TEXT>one paragraph a line</TEXT></DOC>
 *   Gigaword:
 *     <DOC id="AAW_ARB_20071026.0026" type="story"><HEADLINE>..</HEADLINE>
 *     <DATELINE>..</DATELINE><TEXT><P>..</P><P>..</P></TEXT></DOC>
 *
 * Records stream one at a time out of reader.c (a DOC that lost its </DOC>
 * ends where the next <DOC begins, or at the end of input). Inside a record
 * the children are walked with the markup scanner: a field element that is
 * never closed ends at the next tag; TEXT, a container, runs to the end of
 * the DOC. Within TEXT only <P> is markup: TREC text carries raw '<' and
 * '&', so any other '<' is kept as text, and so is a '&' that starts no
 * entity. Known entities are decoded, which is why the doc text is built
 * rather than sliced from the file.
 *
 * Fields: DOCNO (or the DOC's id attribute) is the id; URL the url; SRC the
 * outlet; TITLE or HEADLINE the title (line wraps undone); the date comes
 * from TIME (RFC 822 or ISO), else from an 8-digit date in the id. Any other
 * non-empty child (CAT, ABSTRACT, AUTHOR, DATELINE, ...) and any other DOC
 * attribute (type) goes to extra_json under its lower-cased name. With <P>
 * paragraphs each P is one zone (its line wraps undone); without, each line
 * of TEXT is. A DOC without a TEXT element is a bad record.
 */
#include <string.h>
#include <strings.h>

#include "doc/markup.h"
#include "doc/reader.h"

typedef struct sgml_fields {
    const char *title;
    size_t title_len;
    hd_mu_elem text;
    int has_text;
} sgml_fields;

/* Decodes s[a..b) onto the end of buf; returns the offset where it starts. */
static size_t decode_into(hd_buf *buf, const char *s, size_t a, size_t b)
{
    size_t at = buf->len;
    hd_buf_reserve(buf, b - a);
    buf->len += hd_mu_decode(s + a, b - a, buf->data + at);
    buf->data[buf->len] = '\0';
    return at;
}

/* The decoded, trimmed value of s[a..b) (in r->scratch, until next use). */
static void value(hd_reader *r, const char *s, size_t a, size_t b, int unwrap,
                  const char **v, size_t *n)
{
    hd_buf_clear(&r->scratch);
    decode_into(&r->scratch, s, a, b);
    if (unwrap)
        r->scratch.len = hd_rd_unwrap(r->scratch.data, r->scratch.len);
    *v = r->scratch.data;
    *n = r->scratch.len;
    hd_rd_trim(v, n);
}

static void extra_lower(hd_reader *r, const char *name, size_t nn,
                        const char *v, size_t vn)
{
    char key[64];
    if (nn >= sizeof key)
        nn = sizeof key - 1;
    for (size_t i = 0; i < nn; i++)
        key[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 : name[i]);
    if (vn)
        hd_rd_extra_add(r, key, nn, v, vn);
}

static int take_date(hd_doc *doc, const char *v, size_t n)
{
    char date[11];
    if (doc->date)
        return 1; /* the first date wins */
    if (!hd_rd_date_rfc822(v, n, date) && !hd_rd_date_iso(v, n, date) &&
        !hd_rd_date_compact(v, n, date))
        return 0;
    doc->date = hd_rd_dup(doc, date, 10);
    return 1;
}

/* One child element of the DOC. */
static void child(hd_reader *r, hd_doc *doc, const char *s, hd_mu_elem *el,
                  sgml_fields *f)
{
    const char *v;
    size_t n;
    if (hd_mu_is(s, el, "TEXT")) {
        if (!f->has_text) {
            f->text = *el;
            f->has_text = 1;
        }
        return;
    }
    int is_title = hd_mu_is(s, el, "TITLE") || hd_mu_is(s, el, "HEADLINE");
    value(r, s, el->inner, el->inner_end, is_title, &v, &n);
    if (hd_mu_is(s, el, "DOCNO")) {
        if (n)
            doc->id = hd_rd_dup(doc, v, n);
    } else if (hd_mu_is(s, el, "URL")) {
        if (n && !doc->url)
            doc->url = hd_rd_dup(doc, v, n);
    } else if (hd_mu_is(s, el, "SRC") || hd_mu_is(s, el, "SOURCE")) {
        if (n && !doc->outlet)
            doc->outlet = hd_rd_dup(doc, v, n);
    } else if (is_title) {
        if (n && !f->title) {
            f->title = hd_rd_dup(doc, v, n);
            f->title_len = n;
        }
    } else if ((hd_mu_is(s, el, "TIME") || hd_mu_is(s, el, "DATE")) &&
               take_date(doc, v, n)) {
        /* the date; one that does not parse is kept as an extra */
    } else {
        extra_lower(r, s + el->name, el->name_len, v, n);
    }
}

static void doc_attrs(hd_reader *r, hd_doc *doc, const char *s,
                      const hd_mu_elem *d)
{
    size_t pos = d->attrs;
    hd_mu_attr a;
    while (hd_mu_next_attr(s, &pos, d->attrs_end, &a)) {
        const char *v;
        size_t n;
        value(r, s, a.val, a.val + a.val_len, 0, &v, &n);
        if (a.name_len == 2 && strncasecmp(s + a.name, "id", 2) == 0) {
            if (n && !doc->id)
                doc->id = hd_rd_dup(doc, v, n);
        } else {
            extra_lower(r, s + a.name, a.name_len, v, n);
        }
    }
}

/* Appends one paragraph (decoded, unwrapped, trimmed) to r->body and
 * remembers its span (relative to the body) in r->lines. */
static void paragraph(hd_reader *r, const char *s, size_t a, size_t b)
{
    hd_buf *body = &r->body;
    size_t mark = body->len;
    if (mark)
        hd_buf_putc(body, '\n');
    size_t at = decode_into(body, s, a, b);
    size_t n = hd_rd_unwrap(body->data + at, body->len - at);
    const char *p = body->data + at;
    hd_rd_trim(&p, &n);
    if (!n) {
        body->len = mark;
        body->data[mark] = '\0';
        return;
    }
    memmove(body->data + at, p, n);
    body->len = at + n;
    body->data[body->len] = '\0';
    HD_VEC_RESERVE(r->lines, r->cap_lines, r->n_lines + 1);
    r->lines[r->n_lines++] = (hd_rd_row){0, 0, (uint32_t)at, (uint32_t)(at + n)};
}

/* Text between P elements (rarely there, and then laid out like TREC text):
 * one paragraph per line. */
static void loose_lines(hd_reader *r, const char *s, size_t a, size_t b)
{
    while (a < b) {
        const char *nl = memchr(s + a, '\n', b - a);
        size_t e = nl ? (size_t)(nl - s) : b;
        paragraph(r, s, a, e);
        a = e + 1;
    }
}

/* Builds the body from TEXT: one paragraph per <P> (and per line of any
 * text between P elements), or the decoded text as it is when there is no
 * P. */
static int build_body(hd_reader *r, const char *s, const hd_mu_elem *t)
{
    hd_mu_elem p;
    hd_buf_clear(&r->body);
    r->n_lines = 0;
    if (!hd_mu_next_open(s, t->inner, t->inner_end, "P", &p)) {
        size_t at = decode_into(&r->body, s, t->inner, t->inner_end);
        const char *v = r->body.data + at;
        size_t n = r->body.len - at;
        hd_rd_trim(&v, &n);
        memmove(r->body.data, v, n);
        r->body.len = n;
        r->body.data[n] = '\0';
        return 0;
    }
    size_t pos = t->inner;
    while (hd_mu_next_open(s, pos, t->inner_end, "P", &p)) {
        loose_lines(r, s, pos, p.start);
        hd_mu_close(s, t->inner_end, HD_MU_TO_NEXT_TAG, &p);
        paragraph(r, s, p.inner, p.inner_end);
        pos = p.end;
    }
    loose_lines(r, s, pos, t->inner_end);
    return 1;
}

int hd_read_sgml(hd_reader *r, hd_doc *doc, hd_error *err)
{
    const char *s;
    size_t n;
    if (!hd_rd_record(r, "DOC", &s, &n))
        return hd_rd_no_records(r, err, "<DOC>");
    doc->source_line = r->rec_line;
    hd_mu_elem d, el;
    sgml_fields f = {0};
    if (!hd_mu_next_open(s, 0, n, "DOC", &d))
        return hd_rd_bad(r, err, "cannot read the <DOC> tag");
    hd_mu_close(s, n, HD_MU_TO_END, &d);
    hd_rd_extra_begin(r);
    doc_attrs(r, doc, s, &d);
    for (size_t pos = d.inner; hd_mu_next_open(s, pos, d.inner_end, NULL, &el);
         pos = el.end) {
        int text = hd_mu_is(s, &el, "TEXT");
        hd_mu_close(s, d.inner_end, text ? HD_MU_TO_END : HD_MU_TO_NEXT_TAG, &el);
        child(r, doc, s, &el, &f);
    }
    if (!f.has_text)
        return hd_rd_bad(r, err, "<DOC>%s%s%s has no <TEXT> element",
                         doc->id ? " \"" : "", doc->id ? doc->id : "",
                         doc->id ? "\"" : "");
    char date[11];
    if (!doc->date && doc->id && hd_rd_date_in_id(doc->id, strlen(doc->id), date))
        doc->date = hd_rd_dup(doc, date, 10);
    doc->extra_json = hd_rd_extra_end(r, doc);
    int has_p = build_body(r, s, &f.text);
    if (hd_rd_record_text(doc, f.title, f.title_len, r->body.data,
                          r->body.len, err) != 0)
        return hd_rd_bad(r, err, "%s", err->msg);
    if (!has_p)
        hd_doc_add_paragraphs(doc, doc->body_offset, doc->len, HD_SEC_BODY);
    for (size_t i = 0; i < r->n_lines; i++)
        hd_doc_add_zone(doc, doc->body_offset + r->lines[i].a,
                        doc->body_offset + r->lines[i].b, HD_SEC_BODY);
    return 1;
}
