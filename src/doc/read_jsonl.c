/*
 * read_jsonl.c: one JSON article per line.
 *
 * Each line is parsed on its own with jansson (json_loadb on the line in the
 * reader's window), so a broken line costs one record, never the rest of
 * the file, and no more than one record is ever held. Blank lines are not
 * records and are skipped without a word.
 *
 * Known fields: id (string or number), date (YYYY-MM-DD; a longer ISO
 * timestamp is cut to its date, and the date is checked against the
 * calendar), title, text (required), outlet, url. A known field that is
 * null counts as absent. A known field of the wrong type is a bad record
 * whose message names the field and the type it should have had: guessing
 * what a number in "title" meant would hide a broken export. Every other
 * field (the corpus's category and abstract, say) is carried through
 * verbatim in doc->extra_json, as compact JSON in input order, UTF-8 kept.
 *
 * The doc text is title "\n\n" text, both verbatim (see reader.c), and
 * every line of the text field is one body zone.
 *
 * Most lines never reach jansson: read_jsonl_fast.c takes the flat objects
 * of strings that corpora are made of, and hands everything else back.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc/reader.h"

static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    default: return "null";
    }
}

/* A string field: 1 with *s, *n set; 0 when absent or null; -1 (err set)
 * when it has another type. */
static int get_string(hd_reader *r, json_t *o, const char *key,
                      const char **s, size_t *n, hd_error *err)
{
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return hd_rd_bad(r, err, "field \"%s\" must be a string, not %s", key,
                         type_name(v));
    *s = json_string_value(v);
    *n = json_string_length(v);
    return 1;
}

static int take_id(hd_reader *r, hd_doc *doc, json_t *o, hd_error *err)
{
    json_t *v = json_object_get(o, "id");
    char num[64];
    if (!v || json_is_null(v))
        return 0;
    if (json_is_string(v)) {
        doc->id = hd_rd_dup(doc, json_string_value(v), json_string_length(v));
        return 0;
    }
    if (json_is_integer(v))
        snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    else if (json_is_real(v))
        snprintf(num, sizeof num, "%.17g", json_real_value(v));
    else
        return hd_rd_bad(r, err, "field \"id\" must be a string or a number, "
                         "not %s", type_name(v));
    doc->id = hd_rd_dup(doc, num, strlen(num));
    return 0;
}

static int take_date(hd_reader *r, hd_doc *doc, json_t *o, hd_error *err)
{
    const char *s = NULL;
    size_t n = 0;
    char date[11];
    int rc = get_string(r, o, "date", &s, &n, err);
    if (rc <= 0)
        return rc;
    if (!hd_rd_date_iso(s, n, date))
        return hd_rd_bad(r, err, "field \"date\" must be a date YYYY-MM-DD, "
                         "not \"%.40s\"", s);
    doc->date = hd_rd_dup(doc, date, 10);
    return 0;
}

static int take_meta(hd_reader *r, hd_doc *doc, json_t *o, const char *key,
                     const char **dst, hd_error *err)
{
    const char *s = NULL;
    size_t n = 0;
    int rc = get_string(r, o, key, &s, &n, err);
    if (rc > 0)
        *dst = hd_rd_dup(doc, s, n);
    return rc < 0 ? -1 : 0;
}

/* The fields other than the known ones, as compact JSON, or NULL. */
static const char *extras(hd_doc *doc, json_t *o)
{
    static const char *const known[] = {"id", "date", "title", "text",
                                        "outlet", "url"};
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        json_object_del(o, known[i]);
    if (json_object_size(o) == 0)
        return NULL;
    char *s = json_dumps(o, JSON_COMPACT);
    if (!s)
        return NULL;
    const char *copy = hd_rd_dup(doc, s, strlen(s));
    free(s);
    return copy;
}

static int build(hd_reader *r, hd_doc *doc, json_t *o, hd_error *err)
{
    const char *title = NULL, *text = NULL;
    size_t tn = 0, xn = 0;
    if (!json_is_object(o))
        return hd_rd_bad(r, err, "record must be a JSON object, not %s",
                         type_name(o));
    int rc = get_string(r, o, "text", &text, &xn, err);
    if (rc < 0)
        return -1;
    if (rc == 0)
        return hd_rd_bad(r, err, "record has no \"text\" field (the article "
                         "body is required)");
    if (get_string(r, o, "title", &title, &tn, err) < 0 ||
        take_id(r, doc, o, err) < 0 || take_date(r, doc, o, err) < 0 ||
        take_meta(r, doc, o, "outlet", &doc->outlet, err) < 0 ||
        take_meta(r, doc, o, "url", &doc->url, err) < 0)
        return -1;
    if (hd_rd_record_text(doc, title, tn, text, xn, err) != 0)
        return hd_rd_bad(r, err, "%s", err->msg);
    hd_doc_add_paragraphs(doc, doc->body_offset, doc->len, HD_SEC_BODY);
    doc->extra_json = extras(doc, o);
    return 1;
}

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!hd_doc_is_space((unsigned char)s[i]))
            return 0;
    return 1;
}

int hd_read_jsonl(hd_reader *r, hd_doc *doc, hd_error *err)
{
    const char *s;
    size_t n;
    do {
        if (!hd_rd_line(r, &s, &n))
            return 0;
    } while (blank(s, n));
    doc->source_line = r->rec_line;
    int fast = hd_jsonl_fast(r, doc, s, n, err);
    if (fast != 0)
        return fast;
    json_error_t jerr;
    json_t *o = json_loadb(s, n, JSON_ALLOW_NUL, &jerr);
    if (!o)
        return hd_rd_bad(r, err, "invalid JSON at column %d: %s", jerr.column,
                         jerr.text);
    int rc = build(r, doc, o, err);
    json_decref(o);
    return rc;
}
