/*
 * gsr.c: the PETRARCH GSR XML gold set, and the event matching rules that
 * the span JSON shares.
 *
 * The XML is read twice, each time by the tool that knows its part: the
 * PETRARCH XML reader (hd_reader_*) gives each <Sentence> as a document with
 * its id, date and text, exactly as `hadath code` would see it; a small scan
 * here picks the gold out of the <Sentence id=> and <EventCoding plover=
 * sourcecode= targetcode=> tags with the tolerant markup scanner the readers
 * use (src/doc/markup.h). The two are joined by sentence id. Every
 * <EventCoding> is one gold event (the dev sets have exactly one per
 * sentence); a <Sentence> without one has no gold event and is not scored.
 *
 * Matching (see eval.h): only asserted events of the gold type count, and a
 * gold event is matched at a level when ANY of them matches at that level.
 * Actor fields compare literally, with None as the empty field, so a gold
 * "None CVL" wants an output actor with no country and sector CVL.
 */
#include "eval/eval.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/arena.h"
#include "doc/markup.h"

/* --------------------------------------------------------- matching */

int hd_eval_event_asserted(const hd_event *e)
{
    return !e->negated && !e->hypothetical && e->event_type &&
           *e->event_type;
}

int hd_eval_actor_matches(const hd_actor *out, const hd_eval_actor *gold)
{
    return !gold->unknown && strcmp(out->country, gold->country) == 0 &&
           strcmp(out->sector, gold->sector) == 0;
}

unsigned hd_eval_match(const hd_event *events, size_t n,
                       const hd_eval_gold *gold)
{
    unsigned m = 0;
    for (size_t i = 0; i < n; i++) {
        const hd_event *e = &events[i];
        if (!hd_eval_event_asserted(e) || strcmp(e->event_type, gold->type))
            continue;
        m |= HD_EVAL_M_TYPE;
        for (size_t k = 0; k < gold->n_codings; k++) {
            const hd_eval_coding *c = &gold->codings[k];
            int src = hd_eval_actor_matches(&e->source, &c->source);
            int tgt = hd_eval_actor_matches(&e->target, &c->target);
            if (src)
                m |= HD_EVAL_M_SOURCE;
            if (tgt)
                m |= HD_EVAL_M_TARGET;
            if (src && tgt)
                m |= HD_EVAL_M_FULL;
        }
    }
    return m;
}

void hd_eval_gsr_add(hd_eval_gsr_stats *s, unsigned matched)
{
    s->n++;
    s->type += (matched & HD_EVAL_M_TYPE) != 0;
    s->source += (matched & HD_EVAL_M_SOURCE) != 0;
    s->target += (matched & HD_EVAL_M_TARGET) != 0;
    s->full += (matched & HD_EVAL_M_FULL) != 0;
}

/* One field of a code: up to three bytes of the word, "" for None. */
static void code_field(const char *w, size_t n, char out[4])
{
    out[0] = '\0';
    if (n == 0 || (n == 4 && strncasecmp(w, "none", 4) == 0) ||
        (n == 4 && strncasecmp(w, "null", 4) == 0))
        return;
    if (n > 3)
        n = 3;
    memcpy(out, w, n);
    out[n] = '\0';
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void hd_eval_actor_parse(const char *s, size_t n, hd_eval_actor *a)
{
    const char *word[2] = {"", ""};
    size_t len[2] = {0, 0}, k = 0;
    for (size_t i = 0; i < n && k < 2;) {
        while (i < n && is_blank(s[i]))
            i++;
        size_t j = i;
        while (j < n && !is_blank(s[j]))
            j++;
        if (j > i) {
            word[k] = s + i;
            len[k++] = j - i;
        }
        i = j;
    }
    a->unknown = 0;
    code_field(word[0], len[0], a->country);
    code_field(word[1], len[1], a->sector);
}

/* ---------------------------------------------------------- goldsets */

void hd_eval_goldset_init(hd_eval_goldset *g)
{
    memset(g, 0, sizeof *g);
    g->arena = hd_arena_new(64 * 1024);
}

void hd_eval_goldset_free(hd_eval_goldset *g)
{
    hd_arena_free(g->arena);
    free(g->items);
    memset(g, 0, sizeof *g);
}

/* ------------------------------------------------------ the XML scan */

/* An attribute, entity-decoded, as an arena string; "" when absent. */
static const char *attr_dup(hd_arena *a, const char *buf,
                            const hd_mu_elem *el, const char *name)
{
    hd_mu_attr at;
    if (!hd_mu_get_attr(buf, el, name, &at) || !at.has_value)
        return "";
    char *s = hd_arena_strndup(a, buf + at.val, at.val_len);
    s[hd_mu_decode(s, at.val_len, s)] = '\0';
    return s;
}

/* Counts lines incrementally as the scan moves forward. */
typedef struct line_counter {
    const char *buf;
    size_t at;
    long line;
} line_counter;

static long line_at(line_counter *lc, size_t off)
{
    for (; lc->at < off; lc->at++)
        if (lc->buf[lc->at] == '\n')
            lc->line++;
    return lc->line;
}

/* The current <Sentence>'s attributes. */
typedef struct sentence_attrs {
    const char *id, *date, *category;
    long line;
} sentence_attrs;

static int add_coding(const char *path, const char *buf, const hd_mu_elem *el,
                      const sentence_attrs *sa, long line,
                      hd_eval_goldset *g, hd_error *err)
{
    const char *plover = attr_dup(g->arena, buf, el, "plover");
    const char *src = attr_dup(g->arena, buf, el, "sourcecode");
    const char *tgt = attr_dup(g->arena, buf, el, "targetcode");
    const char *type = *plover ? plover : sa->category;
    if (!*type || strlen(type) >= sizeof g->items->type) {
        hd_error_set(err, path, line, -1,
                     "<EventCoding> of sentence '%s' has no usable plover "
                     "type", sa->id);
        return -1;
    }
    HD_VEC_RESERVE(g->items, g->cap, g->n + 1);
    hd_eval_gold *it = &g->items[g->n++];
    memset(it, 0, sizeof *it);
    it->id = sa->id;
    it->date = sa->date;
    it->line = sa->line;
    snprintf(it->type, sizeof it->type, "%s", type);
    it->codings = hd_arena_alloc(g->arena, sizeof *it->codings);
    it->n_codings = 1;
    hd_eval_actor_parse(src, strlen(src), &it->codings[0].source);
    hd_eval_actor_parse(tgt, strlen(tgt), &it->codings[0].target);
    return 0;
}

int hd_eval_gsr_parse(const char *path, const char *buf, size_t n,
                      hd_eval_goldset *g, hd_error *err)
{
    line_counter lc = {buf, 0, 1};
    hd_mu_elem se, ec;
    for (size_t pos = 0;
         hd_mu_find(buf, pos, n, "Sentence", HD_MU_TO_END, &se);
         pos = se.end > se.start ? se.end : se.start + 1) {
        sentence_attrs sa;
        sa.line = line_at(&lc, se.start);
        sa.id = attr_dup(g->arena, buf, &se, "id");
        sa.date = attr_dup(g->arena, buf, &se, "date");
        sa.category = attr_dup(g->arena, buf, &se, "category");
        if (!*sa.id) {
            hd_error_set(err, path, sa.line, -1, "<Sentence> without an id");
            return -1;
        }
        g->n_sentences++;
        for (size_t p = se.inner;
             hd_mu_next_open(buf, p, se.inner_end, "EventCoding", &ec);
             p = ec.inner)
            if (add_coding(path, buf, &ec, &sa, line_at(&lc, ec.start), g,
                           err) != 0)
                return -1;
    }
    if (!g->n_sentences) {
        hd_error_set(err, path, 0, -1, "no <Sentence> elements");
        return -1;
    }
    return 0;
}

/* --------------------------------------------------------- the run */

static int by_id(const void *a, const void *b)
{
    const hd_eval_gold *x = *(const hd_eval_gold *const *)a;
    const hd_eval_gold *y = *(const hd_eval_gold *const *)b;
    int c = strcmp(x->id, y->id);
    return c ? c : (x < y ? -1 : x > y);
}

/* Index of the first gold event with this id in the sorted index, or n. */
static size_t find_id(hd_eval_gold **index, size_t n, const char *id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(index[mid]->id, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && strcmp(index[lo]->id, id) == 0 ? lo : n;
}

void hd_eval_score_gold(const hd_eval_opts *o, hd_eval_result *r,
                        const hd_eval_gold *gold, const hd_doc *doc,
                        const char *text, size_t text_len)
{
    unsigned m = hd_eval_match(doc->events, doc->n_events, gold);
    hd_eval_gsr_add(&r->gsr, m);
    if (!o->errors || (m & HD_EVAL_M_FULL))
        return;
    hd_eval_case c = {0};
    c.verdict = (m & HD_EVAL_M_TYPE) ? "MISS" : "FN";
    c.id = gold->id;
    c.line = gold->line;
    c.text = text;
    c.text_len = text_len;
    c.doc = doc;
    c.gold_type = gold->type;
    c.codings = gold->codings;
    c.n_codings = gold->n_codings;
    c.matched = m;
    hd_eval_add_case(o, r, &c);
}

/* The body of a reader's document: the sentence. */
static void doc_body(const hd_doc *doc, const char **text, size_t *n)
{
    uint32_t off = doc->body_offset <= doc->len ? doc->body_offset : 0;
    *text = doc->text + off;
    *n = doc->len - off;
}

static int score_docs(const hd_eval_opts *o, const char *path,
                      hd_eval_goldset *g, hd_eval_gold **index,
                      hd_eval_result *r, hd_error *err)
{
    hd_reader *rd = hd_reader_open(path, HD_FMT_PETRARCH_XML, err);
    if (!rd)
        return -1;
    hd_doc doc;
    hd_doc_init(&doc);
    int got, rc = 0;
    while ((got = hd_reader_next(rd, &doc, err)) != 0) {
        if (got < 0) {
            rc = -1;
            break;
        }
        size_t k = doc.id ? find_id(index, g->n, doc.id) : g->n;
        if (k == g->n)
            continue; /* a sentence without gold codings */
        const char *text;
        size_t text_len;
        doc_body(&doc, &text, &text_len);
        int in = hd_eval_in_split(o->split, text, text_len);
        if (in)
            hd_eval_code_doc(o, &doc, r);
        for (; k < g->n && strcmp(index[k]->id, doc.id) == 0; k++) {
            if (index[k]->visited)
                continue;
            index[k]->visited = 1;
            if (in)
                hd_eval_score_gold(o, r, index[k], &doc, text, text_len);
            else
                r->out_of_split++;
        }
    }
    hd_doc_free(&doc);
    hd_reader_close(rd);
    return rc;
}

int hd_eval_gsr_load(const char *path, hd_eval_goldset *g, hd_error *err)
{
    char *buf;
    size_t n;
    if (hd_eval_read_file(path, &buf, &n, err) != 0)
        return -1;
    int rc = hd_eval_gsr_parse(path, buf, n, g, err);
    free(buf);
    return rc;
}

int hd_eval_gsr_file(const hd_eval_opts *o, const char *path,
                     hd_eval_result *r, hd_error *err)
{
    hd_eval_goldset g;
    hd_eval_goldset_init(&g);
    int rc = hd_eval_gsr_load(path, &g, err);
    hd_eval_gold **index = NULL;
    if (rc == 0) {
        index = hd_xmalloc((g.n ? g.n : 1) * sizeof *index);
        for (size_t i = 0; i < g.n; i++)
            index[i] = &g.items[i];
        qsort(index, g.n, sizeof *index, by_id);
        r->records = (long)g.n;
        rc = score_docs(o, path, &g, index, r, err);
    }
    /* A gold event the reader never delivered would silently leave the
     * denominator: that is a failure, not a skip. */
    for (size_t i = 0; rc == 0 && i < g.n; i++)
        if (!g.items[i].visited) {
            hd_error_set(err, path, g.items[i].line, -1,
                         "the PETRARCH XML reader gave no document for "
                         "sentence id '%s'", g.items[i].id);
            rc = -1;
        }
    free(index);
    hd_eval_goldset_free(&g);
    return rc;
}
