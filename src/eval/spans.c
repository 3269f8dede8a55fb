/*
 * spans.c: the span JSON gold set.
 *
 * The same sentences as the GSR XML, but with every annotator's reading kept:
 * each record has the sentence text, its PLOVER event_type, and "spans", one
 * item per annotator reading with source_role and target_role objects
 * ({"main": country, "role": sector}; "None", a missing key or an empty
 * object mean no actor; a role given as the string "UNKNOWN" is an actor
 * the annotator could not code, which no output can agree with). One record
 * is one gold event whose codings are those items, so the GSR matching rules
 * apply unchanged and agreeing with ANY annotator counts. A record without
 * span items can still be matched on its type, never on its actors.
 *
 * jansson loads the file (a few hundred kilobytes) as one tree; the tree is
 * copied into the goldset's arena and dropped before any coding starts.
 * Errors name the record by its 1-based number (jansson keeps no positions
 * for values), or the line and column of a JSON syntax error.
 */
#include "eval/eval.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"

/* A role object's field as a code field ("" for absent or None). */
static int role_field(const json_t *role, const char *key, char out[4])
{
    const json_t *v = json_object_get(role, key);
    if (v && !json_is_string(v) && !json_is_null(v))
        return -1;
    const char *s = v && json_is_string(v) ? json_string_value(v) : "";
    hd_eval_actor a;
    hd_eval_actor_parse(s, strlen(s), &a);
    memcpy(out, a.country, sizeof a.country);
    return 0;
}

/* A role: an object {main, role}; absent, null or {} for no actor; a
 * string ("UNKNOWN") for an actor the annotator could not code. */
static int role_actor(const json_t *item, const char *key, hd_eval_actor *a)
{
    const json_t *role = json_object_get(item, key);
    memset(a, 0, sizeof *a);
    if (!role || json_is_null(role))
        return 0;
    if (json_is_string(role)) {
        a->unknown = 1;
        return 0;
    }
    if (!json_is_object(role))
        return -1;
    return role_field(role, "main", a->country) ||
                   role_field(role, "role", a->sector)
               ? -1
               : 0;
}

static const char *string_field(const json_t *rec, const char *key)
{
    const json_t *v = json_object_get(rec, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The article date of a record whose "source" is a Gigaword document id
 * (AAW_ARB_20071208.0036-23: 2007-12-08), as YYYY-MM-DD in the arena; NULL
 * for any other source. The dictionaries' date ranges need it: without a
 * date, طالبان would be coded as the government it became in 2021. */
static const char *gigaword_date(hd_arena *a, const char *source)
{
    static const char prefix[] = "AAW_ARB_";
    size_t n = sizeof prefix - 1;
    if (!source || strncmp(source, prefix, n) != 0)
        return NULL;
    const char *d = source + n;
    for (size_t i = 0; i < 8; i++)
        if (d[i] < '0' || d[i] > '9')
            return NULL;
    if (d[8] != '.')
        return NULL;
    char buf[11];
    snprintf(buf, sizeof buf, "%.4s-%.2s-%.2s", d, d + 4, d + 6);
    return hd_arena_strndup(a, buf, 10);
}

static int add_record(const char *path, long no, const json_t *rec,
                      hd_eval_goldset *g, hd_error *err)
{
    const char *id = string_field(rec, "_id");
    const char *text = string_field(rec, "text");
    const char *type = string_field(rec, "event_type");
    const json_t *spans = json_object_get(rec, "spans");
    if (!id || !*id || !text || !type || !*type ||
        strlen(type) >= sizeof g->items->type ||
        (spans && !json_is_array(spans))) {
        hd_error_set(err, path, no, -1,
                     "record %ld needs string _id, text and event_type and "
                     "an array of spans", no);
        return -1;
    }
    HD_VEC_RESERVE(g->items, g->cap, g->n + 1);
    hd_eval_gold *it = &g->items[g->n++];
    memset(it, 0, sizeof *it);
    it->id = hd_arena_strndup(g->arena, id, strlen(id));
    it->line = no;
    it->date = gigaword_date(g->arena, string_field(rec, "source"));
    it->text_len = json_string_length(json_object_get(rec, "text"));
    it->text = hd_arena_strndup(g->arena, text, it->text_len);
    snprintf(it->type, sizeof it->type, "%s", type);
    size_t n = spans ? json_array_size(spans) : 0;
    it->codings = hd_arena_alloc(g->arena, (n ? n : 1) * sizeof *it->codings);
    for (size_t k = 0; k < n; k++) {
        const json_t *item = json_array_get(spans, k);
        hd_eval_coding *c = &it->codings[it->n_codings++];
        if (!json_is_object(item) ||
            role_actor(item, "source_role", &c->source) ||
            role_actor(item, "target_role", &c->target)) {
            hd_error_set(err, path, no, -1,
                         "record %ld (_id %s): span item %zu has a "
                         "malformed source_role or target_role", no, id, k + 1);
            return -1;
        }
    }
    return 0;
}

int hd_eval_spans_parse(const char *path, const char *buf, size_t n,
                        hd_eval_goldset *g, hd_error *err)
{
    json_error_t jerr;
    json_t *root = json_loadb(buf, n, 0, &jerr);
    if (!root) {
        hd_error_set(err, path, jerr.line > 0 ? jerr.line : 0,
                     jerr.position >= 0 ? (long long)jerr.position : -1,
                     "column %d: %s", jerr.column, jerr.text);
        return -1;
    }
    int rc = 0;
    if (!json_is_array(root)) {
        hd_error_set(err, path, 1, -1, "expected an array of records");
        rc = -1;
    }
    for (size_t i = 0; rc == 0 && i < json_array_size(root); i++) {
        const json_t *rec = json_array_get(root, i);
        if (!json_is_object(rec)) {
            hd_error_set(err, path, (long)i + 1, -1,
                         "record %zu is not an object", i + 1);
            rc = -1;
        } else {
            rc = add_record(path, (long)i + 1, rec, g, err);
        }
    }
    if (rc == 0 && g->n == 0) {
        hd_error_set(err, path, 0, -1, "no records");
        rc = -1;
    }
    g->n_sentences = g->n;
    json_decref(root);
    return rc;
}

int hd_eval_spans_file(const hd_eval_opts *o, const char *path,
                       hd_eval_result *r, hd_error *err)
{
    char *buf;
    size_t n;
    if (hd_eval_read_file(path, &buf, &n, err) != 0)
        return -1;
    hd_eval_goldset g;
    hd_eval_goldset_init(&g);
    int rc = hd_eval_spans_parse(path, buf, n, &g, err);
    free(buf);
    hd_doc doc;
    hd_doc_init(&doc);
    for (size_t i = 0; rc == 0 && i < g.n; i++) {
        const hd_eval_gold *it = &g.items[i];
        r->records++;
        if (!hd_eval_in_split(o->split, it->text, it->text_len)) {
            r->out_of_split++;
            continue;
        }
        hd_doc_reset(&doc);
        doc.source = path;
        doc.source_line = it->line;
        if (hd_doc_set_text(&doc, it->text, it->text_len, err) != 0) {
            rc = -1;
            break;
        }
        doc.id = it->id;
        doc.date = it->date;
        hd_eval_code_doc(o, &doc, r);
        hd_eval_score_gold(o, r, it, &doc, it->text, it->text_len);
    }
    hd_doc_free(&doc);
    hd_eval_goldset_free(&g);
    return rc;
}
