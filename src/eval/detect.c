/*
 * detect.c: sentence-level detection scores against the detection TSV.
 *
 * Each row is one sentence labelled for one PLOVER event type: "yes",
 * "easy no", "difficult no" or "ambiguous". The row's text becomes a
 * document of its own (hd_doc_set_text, then the coder callback), and the row
 * is predicted positive when the document yields at least one asserted event
 * of the row's type. "yes" is a gold positive, both kinds of "no" negatives,
 * and "ambiguous" rows are left out of the scores (but counted), since the
 * annotators themselves did not agree.
 *
 * The TSV is strict: gold data that does not parse is an error naming its
 * line, never a row silently skipped, because a skipped row changes the
 * scores without anyone noticing. The file is read whole (under a megabyte)
 * and split in place; one document is reused for every row.
 */
#include "eval/eval.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"

double hd_eval_precision(long tp, long fp)
{
    return tp + fp > 0 ? (double)tp / (double)(tp + fp) : 0.0;
}

double hd_eval_recall(long tp, long fn)
{
    return tp + fn > 0 ? (double)tp / (double)(tp + fn) : 0.0;
}

double hd_eval_f1(double p, double r)
{
    return p + r > 0 ? 2.0 * p * r / (p + r) : 0.0;
}

double hd_eval_percent(long k, long n)
{
    return n > 0 ? 100.0 * (double)k / (double)n : 0.0;
}

static const char *const label_names[] = {
    NULL, "yes", "easy no", "difficult no", "ambiguous"
};

int hd_eval_label_from_name(const char *s, size_t n)
{
    for (int i = HD_LABEL_YES; i <= HD_LABEL_AMBIGUOUS; i++)
        if (strlen(label_names[i]) == n && memcmp(label_names[i], s, n) == 0)
            return i;
    return 0;
}

const char *hd_eval_label_name(int label)
{
    return label >= HD_LABEL_YES && label <= HD_LABEL_AMBIGUOUS
               ? label_names[label]
               : "?";
}

static int parse_count(const char *s, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || *end || errno || v < 0)
        return -1;
    *out = v;
    return 0;
}

enum { TSV_COLUMNS = 7 };

int hd_eval_tsv_parse(char *line, size_t n, const char *path, long lineno,
                      hd_eval_tsv_row *row, hd_error *err)
{
    char *col[TSV_COLUMNS];
    size_t ncol = 0;
    char *p = line, *end = line + n;
    if (n && end[-1] == '\r')
        *--end = '\0';
    col[ncol++] = p;
    for (; p < end; p++)
        if (*p == '\t') {
            *p = '\0';
            if (ncol == TSV_COLUMNS) {
                ncol++;
                break;
            }
            col[ncol++] = p + 1;
        }
    if (ncol != TSV_COLUMNS) {
        hd_error_set(err, path, lineno, -1,
                     "expected %d tab-separated columns (id, event_type, "
                     "label, accept, reject, total, text), found %s%zu",
                     TSV_COLUMNS, ncol > TSV_COLUMNS ? "more than " : "",
                     ncol > TSV_COLUMNS ? (size_t)TSV_COLUMNS : ncol);
        return -1;
    }
    *end = '\0';
    if (strcmp(col[0], "id") == 0 && strcmp(col[1], "event_type") == 0)
        return 0;
    row->id = col[0];
    row->event_type = col[1];
    row->label = hd_eval_label_from_name(col[2], strlen(col[2]));
    row->text = col[6];
    row->text_len = (size_t)(end - col[6]);
    if (!row->label) {
        hd_error_set(err, path, lineno, -1,
                     "unknown label '%s' (yes, easy no, difficult no, "
                     "ambiguous)", col[2]);
        return -1;
    }
    if (!*row->event_type || strlen(row->event_type) >= 32) {
        hd_error_set(err, path, lineno, -1, "bad event_type '%s'",
                     row->event_type);
        return -1;
    }
    if (parse_count(col[3], &row->accept) || parse_count(col[4], &row->reject)
        || parse_count(col[5], &row->total)) {
        hd_error_set(err, path, lineno, -1,
                     "accept, reject and total must be counts");
        return -1;
    }
    return 1;
}

hd_eval_detect_stats *hd_eval_result_type(hd_eval_result *r,
                                          const char *type)
{
    for (size_t i = 0; i < r->n_types; i++)
        if (strcmp(r->types[i].type, type) == 0)
            return &r->types[i];
    HD_VEC_RESERVE(r->types, r->cap_types, r->n_types + 1);
    hd_eval_detect_stats *s = &r->types[r->n_types++];
    memset(s, 0, sizeof *s);
    snprintf(s->type, sizeof s->type, "%s", type);
    return s;
}

/* Does the coded document hold an asserted event of this type? */
static int predicts(const hd_doc *doc, const char *type)
{
    for (size_t i = 0; i < doc->n_events; i++)
        if (hd_eval_event_asserted(&doc->events[i]) &&
            strcmp(doc->events[i].event_type, type) == 0)
            return 1;
    return 0;
}

static void score_row(const hd_eval_opts *o, hd_eval_result *r,
                      const hd_eval_tsv_row *row, long lineno, hd_doc *doc)
{
    hd_eval_detect_stats *s = hd_eval_result_type(r, row->event_type);
    if (row->label == HD_LABEL_AMBIGUOUS) {
        s->ambiguous++;
        return;
    }
    hd_eval_code_doc(o, doc, r);
    int gold = row->label == HD_LABEL_YES, pred = predicts(doc, row->event_type);
    if (gold && pred)
        s->tp++;
    else if (gold)
        s->fn++;
    else if (pred) {
        s->fp++;
        if (row->label == HD_LABEL_EASY_NO)
            s->fp_easy++;
        else
            s->fp_difficult++;
    } else
        s->tn++;
    if (o->errors && gold != pred) {
        hd_eval_case c = {0};
        c.verdict = pred ? "FP" : "FN";
        c.id = row->id;
        c.line = lineno;
        c.text = row->text;
        c.text_len = row->text_len;
        c.doc = doc;
        c.gold_type = row->event_type;
        c.label = row->label;
        hd_eval_add_case(o, r, &c);
    }
}

int hd_eval_detect_file(const hd_eval_opts *o, const char *path,
                        hd_eval_result *r, hd_error *err)
{
    char *buf;
    size_t n;
    if (hd_eval_read_file(path, &buf, &n, err) != 0)
        return -1;
    hd_doc doc;
    hd_doc_init(&doc);
    int rc = 0;
    long lineno = 0;
    for (char *p = buf, *end = buf + n; p < end && rc == 0;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        char *next = nl ? nl + 1 : end;
        lineno++;
        hd_eval_tsv_row row;
        int got = len ? hd_eval_tsv_parse(p, len, path, lineno, &row, err) : 0;
        p = next;
        if (got < 0) {
            rc = -1;
        } else if (got > 0) {
            r->records++;
            if (!hd_eval_in_split(o->split, row.text, row.text_len)) {
                r->out_of_split++;
                continue;
            }
            hd_doc_reset(&doc);
            doc.source = path;
            doc.source_line = lineno;
            if (hd_doc_set_text(&doc, row.text, row.text_len, err) != 0) {
                rc = -1;
                break;
            }
            doc.id = row.id;
            score_row(o, r, &row, lineno, &doc);
        }
    }
    if (rc == 0 && r->records == 0) {
        hd_error_set(err, path, 0, -1, "no detection rows");
        rc = -1;
    }
    hd_doc_free(&doc);
    free(buf);
    return rc;
}
