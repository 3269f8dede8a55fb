/*
 * falsealarm.c: `hadath eval --false-alarms CORPUS`, the rate of violent
 * and protest events in news that has none.
 *
 * The corpus's sport, culture, economy and technology sections are not
 * about attacks or demonstrations; sports writing says هجوم for an attack in
 * football, economy writing says هجوم on a currency. Every asserted ASSAULT
 * or PROTEST event coded there is counted as a false alarm (a rare true
 * event in a culture article is counted too: the rate is an upper bound).
 * The target is at most 3 per 100 articles.
 *
 * The corpus is split by article id (hd_eval_corpus_split_of), so that
 * `hadath train` can take negatives from one half and the rate is measured
 * on the other: with --split validation only the held-out half is coded,
 * with train only the other, with all both. Other categories are read and
 * skipped. The category comes from the JSONL record's "category" field,
 * which the JSONL reader keeps in doc->extra_json.
 */
#include "eval/eval.h"

#include <string.h>

const char *const hd_eval_fa_categories[HD_EVAL_FA_CATEGORIES] = {
    "sport", "culture", "economy", "technology"};

int hd_eval_corpus_split_of(const char *id)
{
    uint64_t h = hd_eval_fnv1a64(id ? id : "", id ? strlen(id) : 0);
    return h & 1u ? HD_EVAL_SPLIT_VALIDATION : HD_EVAL_SPLIT_TRAIN;
}

/* extra_json is compact JSON written by the reader: find "category":"...". */
const char *hd_eval_doc_category(const hd_doc *doc, char *buf, size_t cap)
{
    static const char key[] = "\"category\":";
    buf[0] = '\0';
    const char *p = doc->extra_json ? strstr(doc->extra_json, key) : NULL;
    if (!p)
        return buf;
    p += sizeof key - 1;
    while (*p == ' ')
        p++;
    if (*p != '"')
        return buf;
    p++;
    size_t n = strcspn(p, "\"\\");
    if (n < cap) {
        memcpy(buf, p, n);
        buf[n] = '\0';
    }
    return buf;
}

static int category_index(const char *c)
{
    for (int i = 0; i < HD_EVAL_FA_CATEGORIES; i++)
        if (strcmp(c, hd_eval_fa_categories[i]) == 0)
            return i;
    return -1;
}

static int alarm(const hd_event *e)
{
    return hd_eval_event_asserted(e) &&
           (strcmp(e->event_type, "ASSAULT") == 0 ||
            strcmp(e->event_type, "PROTEST") == 0);
}

/* One case per offending event's sentence, with what was coded there. */
static void add_cases(const hd_eval_opts *o, hd_eval_result *r,
                      const hd_doc *doc, const char *category)
{
    long last = -1;
    for (size_t i = 0; i < doc->n_events; i++) {
        const hd_event *e = &doc->events[i];
        if (!alarm(e) || (long)e->sentence == last)
            continue;
        last = (long)e->sentence;
        const hd_sentence *s = &doc->sentences[e->sentence];
        hd_eval_case c = {0};
        c.verdict = "FP";
        c.id = doc->id;
        c.line = doc->source_line;
        c.text = doc->text + s->start;
        c.text_len = s->end - s->start;
        c.doc = doc;
        c.gold_type = "none";
        c.category = category;
        c.sentence = (long)e->sentence;
        hd_eval_add_case(o, r, &c);
    }
}

static void count(const hd_eval_opts *o, hd_eval_result *r, hd_doc *doc,
                  int cat)
{
    hd_eval_fa_stats *s = &r->fa[cat];
    hd_eval_code_doc(o, doc, r);
    s->articles++;
    long before = s->events;
    for (size_t i = 0; i < doc->n_events; i++) {
        const hd_event *e = &doc->events[i];
        if (!alarm(e))
            continue;
        s->events++;
        if (strcmp(e->event_type, "ASSAULT") == 0)
            s->assault++;
        else
            s->protest++;
    }
    s->articles_with += s->events > before;
    if (o->errors && s->events > before)
        add_cases(o, r, doc, hd_eval_fa_categories[cat]);
}

int hd_eval_false_alarms(const hd_eval_opts *o, const char *path,
                         hd_eval_result *r, hd_error *err)
{
    hd_reader *rd = hd_reader_open(path, HD_FMT_JSONL, err);
    if (!rd)
        return -1;
    hd_doc doc;
    hd_doc_init(&doc);
    int got, rc = 0;
    char cat[64];
    while ((got = hd_reader_next(rd, &doc, err)) != 0) {
        if (got < 0) { /* a bad record: reported and skipped; after a
                          * fatal read error the reader ends */
            if (o->warn)
                o->warn(o->warn_ud, err);
            r->coder_failures++;
            continue;
        }
        r->records++;
        int k = category_index(hd_eval_doc_category(&doc, cat, sizeof cat));
        if (k < 0) {
            r->fa_other++;
            continue;
        }
        if (o->split != HD_EVAL_SPLIT_ALL &&
            hd_eval_corpus_split_of(doc.id) != o->split) {
            r->out_of_split++;
            continue;
        }
        count(o, r, &doc, k);
    }
    if (rc == 0 && r->records == 0) {
        hd_error_set(err, path, 0, -1, "no JSONL articles");
        rc = -1;
    }
    hd_doc_free(&doc);
    hd_reader_close(rd);
    return rc;
}
