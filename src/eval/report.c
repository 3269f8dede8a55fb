/*
 * report.c: what eval shares across gold formats, and what it shows.
 *
 * The split rule lives here so that every format applies the same one: a
 * sentence belongs to validation when FNV-1a 64 of its trimmed text is
 * divisible by 5. Hashing the text, not an id or a position, keeps a sentence
 * in the same split whichever gold file it appears in (the GSR XML and the
 * span JSON hold the same sentences) and however the files are reordered.
 *
 * Error cases are rendered as they happen, while the sentence's document and
 * events still exist, into a buffer per file: text for people, or JSON
 * objects that the JSON report embeds. The reports are built into one buffer
 * and the command writes it once; the summary line (or the JSON object) is
 * always the last line, so scripts can `tail -n 1`.
 */
#include "eval/eval.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "out/json.h"
#include "out/record.h"

/* ---------------------------------------------------------- the split */

uint64_t hd_eval_fnv1a64(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

static int is_ascii_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

int hd_eval_split_of(const char *text, size_t n)
{
    while (n && is_ascii_space(*text))
        text++, n--;
    while (n && is_ascii_space(text[n - 1]))
        n--;
    return hd_eval_fnv1a64(text, n) % 5 == 0 ? HD_EVAL_SPLIT_VALIDATION
                                             : HD_EVAL_SPLIT_TRAIN;
}

int hd_eval_in_split(int split, const char *text, size_t n)
{
    return split == HD_EVAL_SPLIT_ALL || hd_eval_split_of(text, n) == split;
}

static const char *const split_names[] = {"all", "train", "validation"};

const char *hd_eval_split_name(int split)
{
    return split >= 0 && split <= HD_EVAL_SPLIT_VALIDATION ? split_names[split]
                                                           : "?";
}

int hd_eval_split_from_name(const char *name)
{
    for (int i = 0; i <= HD_EVAL_SPLIT_VALIDATION; i++)
        if (strcmp(name, split_names[i]) == 0)
            return i;
    return -1;
}

/* ------------------------------------------------------- files, kinds */

static const char *const kind_names[] = {"unknown", "detect", "gsr", "spans",
                                         "conllu", "false-alarms"};

const char *hd_eval_kind_name(int kind)
{
    return kind >= 0 && kind <= HD_EVAL_FALSE_ALARMS ? kind_names[kind]
                                                     : "unknown";
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

int hd_eval_kind_of(const char *path, const char *head, size_t n)
{
    if (ends_with(path, ".tsv"))
        return HD_EVAL_DETECT;
    if (ends_with(path, ".xml"))
        return HD_EVAL_GSR;
    if (ends_with(path, ".json"))
        return HD_EVAL_SPANS;
    if (ends_with(path, ".conllu"))
        return HD_EVAL_CONLLU;
    while (n && is_ascii_space(*head))
        head++, n--;
    if (n >= 14 && memcmp(head, "id\tevent_type\t", 14) == 0)
        return HD_EVAL_DETECT;
    if (n && *head == '<')
        return HD_EVAL_GSR;
    if (n && *head == '[')
        return HD_EVAL_SPANS;
    if (n >= 9 && memcmp(head, "# sent_id", 9) == 0)
        return HD_EVAL_CONLLU;
    return HD_EVAL_UNKNOWN;
}

int hd_eval_read_file(const char *path, char **buf, size_t *n,
                      hd_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        hd_error_set(err, path, 0, -1, "cannot open: %s", strerror(errno));
        return -1;
    }
    size_t cap = 1 << 16, len = 0;
    char *b = hd_xmalloc(cap);
    size_t got;
    while ((got = fread(b + len, 1, cap - len - 1, f)) > 0) {
        len += got;
        if (cap - len - 1 == 0)
            b = hd_xrealloc(b, cap *= 2);
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        hd_error_set(err, path, 0, (long long)len, "read error");
        free(b);
        return -1;
    }
    b[len] = '\0';
    *buf = b;
    *n = len;
    return 0;
}

/* ------------------------------------------------------------ results */

void hd_eval_result_init(hd_eval_result *r, const char *path, int kind,
                         int split)
{
    memset(r, 0, sizeof *r);
    r->path = path;
    r->kind = kind;
    r->split = split;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t k = strcspn(base, ".");
    if (k == 0)
        k = strlen(base);
    snprintf(r->name, sizeof r->name, "%.*s", (int)k, base);
}

void hd_eval_result_free(hd_eval_result *r)
{
    free(r->types);
    hd_buf_free(&r->cases);
    r->types = NULL;
    r->n_types = r->cap_types = 0;
}

void hd_eval_code_doc(const hd_eval_opts *o, hd_doc *doc, hd_eval_result *r)
{
    hd_error err;
    hd_error_clear(&err);
    r->sentences++;
    if (o->code(o->code_ud, doc, &err) != 0) {
        r->coder_failures++;
        doc->n_events = 0;
        if (o->warn)
            o->warn(o->warn_ud, &err);
    }
    r->events += (long)doc->n_events;
}

/* ------------------------------------------------------- error cases */

/* Text on one line: newlines and tabs become spaces. */
static void put_oneline(hd_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j] != '\n' && s[j] != '\r' && s[j] != '\t')
            j++;
        hd_buf_put(b, s + i, j - i);
        if (j < n)
            hd_buf_putc(b, ' ');
        i = j + 1;
    }
}

static void put_span(hd_buf *b, const hd_doc *doc, hd_span sp)
{
    if (sp.end > sp.start && sp.end <= doc->len)
        put_oneline(b, doc->text + sp.start, sp.end - sp.start);
}

static const char *field(const char *s)
{
    return *s ? s : "None";
}

/* A gold actor as the gold files write it: "IRQ CVL", "None None". */
static void gold_code(hd_buf *b, const hd_eval_actor *a)
{
    if (a->unknown)
        hd_buf_puts(b, "UNKNOWN");
    else
        hd_buf_printf(b, "%s %s", field(a->country), field(a->sector));
}

static void text_actor(hd_buf *b, const char *role, const hd_doc *doc,
                       const hd_actor *a)
{
    hd_buf_printf(b, " %s %s %s", role, field(a->country), field(a->sector));
    if (a->code || a->span.end > a->span.start) {
        hd_buf_printf(b, " [%s", a->code ? a->code : "-");
        if (a->span.end > a->span.start) {
            hd_buf_puts(b, " \"");
            put_span(b, doc, a->span);
            hd_buf_putc(b, '"');
        }
        if (a->entry_file)
            hd_buf_printf(b, " %s:%u", a->entry_file, (unsigned)a->entry_line);
        hd_buf_putc(b, ']');
    }
}

static void text_event(hd_buf *b, const hd_doc *doc, const hd_event *e)
{
    hd_buf_printf(b, "  coded%s%s: %s cameo %s",
                  e->negated ? " (negated, ignored)" : "",
                  e->hypothetical ? " (hypothetical, ignored)" : "",
                  e->event_type ? e->event_type : "-",
                  e->cameo[0] ? e->cameo : "-");
    text_actor(b, "| source", doc, &e->source);
    text_actor(b, "| target", doc, &e->target);
    hd_buf_puts(b, " | trigger \"");
    put_span(b, doc, e->trigger);
    hd_buf_printf(b, "\" | pattern %s:%u \"",
                  e->pattern_file ? e->pattern_file : "-",
                  (unsigned)e->pattern_line);
    if (e->pattern)
        put_oneline(b, e->pattern, strlen(e->pattern));
    hd_buf_printf(b, "\" | score %.2f\n", e->score);
}

static void text_reached(hd_buf *b, unsigned m)
{
    static const char *const names[] = {"type", "source", "target", "full"};
    int any = 0;
    hd_buf_puts(b, "; reached:");
    for (int i = 0; i < 4; i++)
        if (m & (1u << i)) {
            hd_buf_printf(b, " %s", names[i]);
            any = 1;
        }
    if (!any)
        hd_buf_puts(b, " nothing");
}

/* A false alarm is one sentence of an article: only its events are shown;
 * a gold sentence is the whole document. */
static int in_case(const hd_eval_case *c, const hd_event *e)
{
    return !c->category || (long)e->sentence == c->sentence;
}

static void text_case(hd_buf *b, const hd_eval_result *r,
                      const hd_eval_case *c, const hd_buf *why)
{
    hd_buf_printf(b, "%s %s:%ld id %s\n  sentence: ", c->verdict, r->path,
                  c->line, c->id ? c->id : "-");
    put_oneline(b, c->text, c->text_len);
    if (c->category)
        hd_buf_printf(b, "\n  category: %s (no ASSAULT or PROTEST expected)",
                      c->category);
    hd_buf_printf(b, "\n  gold: %s", c->gold_type);
    if (c->label)
        hd_buf_printf(b, " %s", hd_eval_label_name(c->label));
    for (size_t k = 0; k < c->n_codings; k++) {
        const hd_eval_coding *g = &c->codings[k];
        hd_buf_printf(b, "%s source ", k ? " or" : ";");
        gold_code(b, &g->source);
        hd_buf_puts(b, " target ");
        gold_code(b, &g->target);
    }
    if (!c->label)
        text_reached(b, c->matched);
    hd_buf_putc(b, '\n');
    size_t shown = 0;
    for (size_t i = 0; i < c->doc->n_events; i++)
        if (in_case(c, &c->doc->events[i])) {
            text_event(b, c->doc, &c->doc->events[i]);
            shown++;
        }
    if (!shown)
        hd_buf_puts(b, "  coded: nothing\n");
    if (why && why->len)
        hd_buf_put(b, why->data, why->len);
}

static void json_code(hd_json *j, hd_buf *tmp, const hd_eval_actor *a)
{
    hd_buf_clear(tmp);
    gold_code(tmp, a);
    hd_json_string(j, tmp->data, tmp->len);
}

static void json_case(hd_buf *b, const hd_eval_result *r,
                      const hd_eval_case *c, const hd_buf *why)
{
    hd_json j;
    hd_buf tmp = {0};
    hd_json_init(&j, b);
    hd_json_object_begin(&j);
    hd_json_key(&j, "verdict");
    hd_json_cstring(&j, c->verdict);
    hd_json_key(&j, "file");
    hd_json_cstring(&j, r->path);
    hd_json_key(&j, "line");
    hd_json_int(&j, c->line);
    hd_json_key(&j, "id");
    hd_json_cstring(&j, c->id);
    hd_json_key(&j, "sentence");
    hd_json_string(&j, c->text, c->text_len);
    hd_json_key(&j, "gold");
    hd_json_object_begin(&j);
    hd_json_key(&j, "type");
    hd_json_cstring(&j, c->gold_type);
    if (c->label) {
        hd_json_key(&j, "label");
        hd_json_cstring(&j, hd_eval_label_name(c->label));
    } else {
        hd_json_key(&j, "codings");
        hd_json_array_begin(&j);
        for (size_t k = 0; k < c->n_codings; k++) {
            hd_json_object_begin(&j);
            hd_json_key(&j, "source");
            json_code(&j, &tmp, &c->codings[k].source);
            hd_json_key(&j, "target");
            json_code(&j, &tmp, &c->codings[k].target);
            hd_json_object_end(&j);
        }
        hd_json_array_end(&j);
        hd_json_key(&j, "reached");
        hd_json_object_begin(&j);
        static const char *const names[] = {"type", "type_source",
                                            "type_target", "full"};
        for (int i = 0; i < 4; i++) {
            hd_json_key(&j, names[i]);
            hd_json_bool(&j, (c->matched >> i) & 1u);
        }
        hd_json_object_end(&j);
    }
    hd_json_object_end(&j);
    hd_json_key(&j, "coded");
    hd_json_array_begin(&j);
    for (size_t i = 0; i < c->doc->n_events; i++)
        if (in_case(c, &c->doc->events[i]))
            hd_out_json_event(&j, c->doc, &c->doc->events[i]);
    hd_json_array_end(&j);
    if (c->category) {
        hd_json_key(&j, "category");
        hd_json_cstring(&j, c->category);
    }
    if (why && why->len) { /* one decision per line, as in the text */
        hd_json_key(&j, "decisions");
        hd_json_string(&j, why->data, why->len);
    }
    hd_json_object_end(&j);
    hd_buf_free(&tmp);
}

void hd_eval_add_case(const hd_eval_opts *o, hd_eval_result *r,
                      const hd_eval_case *c)
{
    hd_buf why = {0};
    if (o->explain) {
        if (c->category) {
            o->explain(o->code_ud, c->doc, c->sentence, "ASSAULT", &why);
            o->explain(o->code_ud, c->doc, c->sentence, "PROTEST", &why);
        } else {
            o->explain(o->code_ud, c->doc, -1, c->gold_type, &why);
        }
    }
    if (o->json) {
        if (r->n_cases)
            hd_buf_putc(&r->cases, ',');
        json_case(&r->cases, r, c, &why);
    } else {
        text_case(&r->cases, r, c, &why);
    }
    hd_buf_free(&why);
    r->n_cases++;
}

/* ------------------------------------------------------------ reports */

static void text_header(hd_buf *b, const hd_eval_result *r)
{
    static const char *const what[] = {"?", "detection TSV", "GSR XML",
                                       "span JSON", "CoNLL-U",
                                       "news corpus, false alarms"};
    hd_buf_printf(b, "== %s (%s, split %s): %s\n", r->name,
                  what[r->kind <= HD_EVAL_FALSE_ALARMS ? r->kind : 0],
                  hd_eval_split_name(r->split), r->path);
    hd_buf_printf(b, "   %ld %s read, %ld left out by the split, %ld "
                  "sentences coded, %ld events",
                  r->records, r->kind == HD_EVAL_DETECT ? "rows"
                  : r->kind == HD_EVAL_CONLLU ? "words"
                  : r->kind == HD_EVAL_FALSE_ALARMS ? "articles"
                  : "gold events",
                  r->out_of_split, r->sentences, r->events);
    if (r->coder_failures)
        hd_buf_printf(b, ", %ld coder failures", r->coder_failures);
    if (r->detector[0])
        hd_buf_printf(b, "; detector: %s", r->detector);
    hd_buf_putc(b, '\n');
}

static void text_detect(hd_buf *b, const hd_eval_result *r)
{
    hd_buf_printf(b, "   %-12s %6s %6s %5s %5s %5s %6s %6s %6s %6s %6s\n",
                  "type", "gold+", "gold-", "TP", "FP", "FN", "TN", "P", "R",
                  "F1", "ambig");
    for (size_t i = 0; i < r->n_types; i++) {
        const hd_eval_detect_stats *s = &r->types[i];
        double p = hd_eval_precision(s->tp, s->fp);
        double rc = hd_eval_recall(s->tp, s->fn);
        hd_buf_printf(b,
                      "   %-12s %6ld %6ld %5ld %5ld %5ld %6ld %6.3f %6.3f "
                      "%6.3f %6ld\n",
                      s->type, s->tp + s->fn, s->fp + s->tn, s->tp, s->fp,
                      s->fn, s->tn, p, rc, hd_eval_f1(p, rc), s->ambiguous);
        hd_buf_printf(b, "   %s false positives by label: easy no %ld, "
                      "difficult no %ld\n", s->type, s->fp_easy,
                      s->fp_difficult);
    }
}

static void text_clitics(hd_buf *b, const hd_eval_result *r)
{
    const hd_clitic_score *c = &r->clitics;
    hd_buf_printf(b, "   %zu Arabic words, %zu with gold clitics (the article "
                  "is not split in UD, so not counted)\n",
                  c->words, c->words_with_clitics);
    hd_buf_printf(b, "   %-8s %6s %6s %6s %6s %6s %6s\n", "split", "gold",
                  "pred", "match", "P", "R", "F1");
    hd_buf_printf(b, "   %-8s %6zu %6zu %6zu %6.3f %6.3f %6.3f\n", "prefix",
                  c->prefix_gold, c->prefix_pred, c->prefix_match,
                  c->prefix_precision, c->prefix_recall, c->prefix_f1);
    hd_buf_printf(b, "   %-8s %6zu %6zu %6zu %6.3f %6.3f %6.3f\n", "suffix",
                  c->suffix_gold, c->suffix_pred, c->suffix_match,
                  c->suffix_precision, c->suffix_recall, c->suffix_f1);
    hd_buf_printf(b, "   stem equals the gold stem: %.4f (%zu of %zu); gold "
                  "suffixes outside hadath's inventory: %zu\n",
                  c->stem_accuracy, c->stem_match, c->words,
                  c->suffix_gold_other);
}

/* The false-alarm rate: events per 100 articles. */
static void fa_total(const hd_eval_result *r, hd_eval_fa_stats *t)
{
    memset(t, 0, sizeof *t);
    for (int i = 0; i < HD_EVAL_FA_CATEGORIES; i++) {
        t->articles += r->fa[i].articles;
        t->events += r->fa[i].events;
        t->assault += r->fa[i].assault;
        t->protest += r->fa[i].protest;
        t->articles_with += r->fa[i].articles_with;
    }
}

static void text_fa_row(hd_buf *b, const char *name, const hd_eval_fa_stats *s)
{
    hd_buf_printf(b, "   %-12s %8ld %7ld %7ld %7ld %9ld %8.2f\n", name,
                  s->articles, s->events, s->assault, s->protest,
                  s->articles_with, hd_eval_percent(s->events, s->articles));
}

static void text_fa(hd_buf *b, const hd_eval_result *r)
{
    hd_buf_printf(b, "   articles by id: %s (validation: the odd FNV-1a 64 "
                  "of the id, never trained on; train: the even); %ld "
                  "articles of other categories skipped\n",
                  r->split == HD_EVAL_SPLIT_ALL ? "all" :
                  r->split == HD_EVAL_SPLIT_TRAIN ? "the train half" :
                  "the held-out half", r->fa_other);
    hd_buf_printf(b, "   %-12s %8s %7s %7s %7s %9s %8s\n", "category",
                  "articles", "events", "ASSAULT", "PROTEST", "articles+",
                  "per 100");
    for (int i = 0; i < HD_EVAL_FA_CATEGORIES; i++)
        text_fa_row(b, hd_eval_fa_categories[i], &r->fa[i]);
    hd_eval_fa_stats t;
    fa_total(r, &t);
    text_fa_row(b, "all four", &t);
}

static void text_gsr(hd_buf *b, const hd_eval_result *r)
{
    const hd_eval_gsr_stats *s = &r->gsr;
    hd_buf_printf(b, "   %6s %14s %14s %14s %14s\n", "n", "type",
                  "type+source", "type+target", "full");
    hd_buf_printf(b,
                  "   %6ld %5.1f%% (%5ld) %5.1f%% (%5ld) %5.1f%% (%5ld) "
                  "%5.1f%% (%5ld)\n",
                  s->n, hd_eval_percent(s->type, s->n), s->type,
                  hd_eval_percent(s->source, s->n), s->source,
                  hd_eval_percent(s->target, s->n), s->target,
                  hd_eval_percent(s->full, s->n), s->full);
}

void hd_eval_summary(hd_buf *b, const hd_eval_result *rs, size_t n,
                     int split)
{
    hd_buf_printf(b, "summary: split=%s", hd_eval_split_name(split));
    for (size_t i = 0; i < n; i++) {
        const hd_eval_result *r = &rs[i];
        if (r->kind == HD_EVAL_DETECT) {
            for (size_t k = 0; k < r->n_types; k++) {
                const hd_eval_detect_stats *s = &r->types[k];
                double p = hd_eval_precision(s->tp, s->fp);
                double rc = hd_eval_recall(s->tp, s->fn);
                hd_buf_printf(b, " | %s %s F1=%.3f P=%.3f R=%.3f", r->name,
                              s->type, hd_eval_f1(p, rc), p, rc);
            }
        } else if (r->kind == HD_EVAL_GSR || r->kind == HD_EVAL_SPANS) {
            const hd_eval_gsr_stats *s = &r->gsr;
            hd_buf_printf(b,
                          " | %s type=%.1f%% source=%.1f%% target=%.1f%% "
                          "full=%.1f%%",
                          r->name, hd_eval_percent(s->type, s->n),
                          hd_eval_percent(s->source, s->n),
                          hd_eval_percent(s->target, s->n),
                          hd_eval_percent(s->full, s->n));
        } else if (r->kind == HD_EVAL_FALSE_ALARMS) {
            hd_eval_fa_stats t;
            fa_total(r, &t);
            hd_buf_printf(b, " | %s false-alarms=%.2f/100 articles (%ld "
                          "events in %ld articles)", r->name,
                          hd_eval_percent(t.events, t.articles), t.events,
                          t.articles);
        } else if (r->kind == HD_EVAL_CONLLU) {
            const hd_clitic_score *c = &r->clitics;
            hd_buf_printf(b, " | %s clitics prefix F1=%.3f suffix F1=%.3f "
                          "stem=%.3f", r->name, c->prefix_f1, c->suffix_f1,
                          c->stem_accuracy);
        } else {
            hd_buf_printf(b, " | %s %s", r->name, hd_eval_kind_name(r->kind));
        }
    }
    for (size_t i = 0; i < n; i++)
        if (rs[i].detector[0]) { /* the first file's: one run, one detector */
            hd_buf_printf(b, " | detector=%s", rs[i].detector);
            break;
        }
    hd_buf_putc(b, '\n');
}

void hd_eval_render_text(hd_buf *b, const hd_eval_result *rs, size_t n,
                         int split)
{
    for (size_t i = 0; i < n; i++) {
        const hd_eval_result *r = &rs[i];
        if (r->cases.len)
            hd_buf_put(b, r->cases.data, r->cases.len);
        text_header(b, r);
        if (r->kind == HD_EVAL_DETECT)
            text_detect(b, r);
        else if (r->kind == HD_EVAL_GSR || r->kind == HD_EVAL_SPANS)
            text_gsr(b, r);
        else if (r->kind == HD_EVAL_CONLLU)
            text_clitics(b, r);
        else if (r->kind == HD_EVAL_FALSE_ALARMS)
            text_fa(b, r);
        hd_buf_putc(b, '\n');
    }
    hd_eval_summary(b, rs, n, split);
}

static void json_int_field(hd_json *j, const char *key, long v)
{
    hd_json_key(j, key);
    hd_json_int(j, v);
}

static void json_ratio(hd_json *j, const char *key, double v)
{
    hd_json_key(j, key);
    hd_json_double(j, v);
}

static void json_detect(hd_json *j, const hd_eval_result *r)
{
    hd_json_key(j, "types");
    hd_json_array_begin(j);
    for (size_t i = 0; i < r->n_types; i++) {
        const hd_eval_detect_stats *s = &r->types[i];
        double p = hd_eval_precision(s->tp, s->fp);
        double rc = hd_eval_recall(s->tp, s->fn);
        hd_json_object_begin(j);
        hd_json_key(j, "type");
        hd_json_cstring(j, s->type);
        json_int_field(j, "tp", s->tp);
        json_int_field(j, "fp", s->fp);
        json_int_field(j, "fn", s->fn);
        json_int_field(j, "tn", s->tn);
        json_int_field(j, "ambiguous", s->ambiguous);
        json_int_field(j, "fp_easy_no", s->fp_easy);
        json_int_field(j, "fp_difficult_no", s->fp_difficult);
        json_ratio(j, "precision", p);
        json_ratio(j, "recall", rc);
        json_ratio(j, "f1", hd_eval_f1(p, rc));
        hd_json_object_end(j);
    }
    hd_json_array_end(j);
}

static void json_gsr(hd_json *j, const hd_eval_result *r)
{
    const hd_eval_gsr_stats *s = &r->gsr;
    json_int_field(j, "n", s->n);
    json_int_field(j, "type", s->type);
    json_int_field(j, "type_source", s->source);
    json_int_field(j, "type_target", s->target);
    json_int_field(j, "full", s->full);
    json_ratio(j, "type_pct", hd_eval_percent(s->type, s->n));
    json_ratio(j, "type_source_pct", hd_eval_percent(s->source, s->n));
    json_ratio(j, "type_target_pct", hd_eval_percent(s->target, s->n));
    json_ratio(j, "full_pct", hd_eval_percent(s->full, s->n));
}

static void json_fa(hd_json *j, const hd_eval_result *r)
{
    hd_eval_fa_stats t;
    fa_total(r, &t);
    json_int_field(j, "articles", t.articles);
    json_int_field(j, "alarm_events", t.events);
    json_ratio(j, "per_100_articles", hd_eval_percent(t.events, t.articles));
    hd_json_key(j, "categories");
    hd_json_array_begin(j);
    for (int i = 0; i < HD_EVAL_FA_CATEGORIES; i++) {
        const hd_eval_fa_stats *s = &r->fa[i];
        hd_json_object_begin(j);
        hd_json_key(j, "category");
        hd_json_cstring(j, hd_eval_fa_categories[i]);
        json_int_field(j, "articles", s->articles);
        json_int_field(j, "events", s->events);
        json_int_field(j, "assault", s->assault);
        json_int_field(j, "protest", s->protest);
        json_int_field(j, "articles_with_events", s->articles_with);
        json_ratio(j, "per_100_articles",
                   hd_eval_percent(s->events, s->articles));
        hd_json_object_end(j);
    }
    hd_json_array_end(j);
}

static void json_file(hd_json *j, const hd_eval_result *r)
{
    hd_json_object_begin(j);
    hd_json_key(j, "file");
    hd_json_cstring(j, r->path);
    hd_json_key(j, "name");
    hd_json_cstring(j, r->name);
    hd_json_key(j, "kind");
    hd_json_cstring(j, hd_eval_kind_name(r->kind));
    json_int_field(j, "records", r->records);
    json_int_field(j, "out_of_split", r->out_of_split);
    json_int_field(j, "sentences", r->sentences);
    json_int_field(j, "events", r->events);
    json_int_field(j, "coder_failures", r->coder_failures);
    if (r->detector[0]) {
        hd_json_key(j, "detector");
        hd_json_cstring(j, r->detector);
    }
    if (r->kind == HD_EVAL_DETECT)
        json_detect(j, r);
    else if (r->kind == HD_EVAL_GSR || r->kind == HD_EVAL_SPANS)
        json_gsr(j, r);
    else if (r->kind == HD_EVAL_FALSE_ALARMS)
        json_fa(j, r);
    else if (r->kind == HD_EVAL_CONLLU) {
        json_ratio(j, "prefix_f1", r->clitics.prefix_f1);
        json_ratio(j, "suffix_f1", r->clitics.suffix_f1);
        json_ratio(j, "stem_accuracy", r->clitics.stem_accuracy);
    }
    if (r->n_cases) {
        hd_json_key(j, "errors");
        hd_json_array_begin(j);
        hd_json_raw(j, r->cases.data, r->cases.len);
        hd_json_array_end(j);
    }
    hd_json_object_end(j);
}

void hd_eval_render_json(hd_buf *b, const hd_eval_result *rs, size_t n,
                         int split)
{
    hd_json j;
    hd_json_init(&j, b);
    hd_json_object_begin(&j);
    hd_json_key(&j, "split");
    hd_json_cstring(&j, hd_eval_split_name(split));
    hd_json_key(&j, "files");
    hd_json_array_begin(&j);
    for (size_t i = 0; i < n; i++)
        json_file(&j, &rs[i]);
    hd_json_array_end(&j);
    hd_buf summary = {0};
    hd_eval_summary(&summary, rs, n, split);
    hd_json_key(&j, "summary");
    hd_json_string(&j, summary.data, summary.len - 1); /* no newline */
    hd_buf_free(&summary);
    hd_json_object_end(&j);
    hd_buf_putc(b, '\n');
}
