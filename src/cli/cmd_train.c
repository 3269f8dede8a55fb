/*
 * cmd_train.c: `hadath train`: fit the event detector on the train part of
 * the dev gold sets and write its weights (data/model/hadath.detector.txt).
 *
 * Wiring: read the gold files, turn each training sentence into an example
 * through the coder's feature hook (so training sees exactly the features
 * coding computes), hand the examples to src/model/train.c, write the file.
 *
 * Which sentences: only those of the train split, the same hash split eval
 * uses (FNV-1a 64 of the trimmed text % 5 != 0); the validation fifth is
 * never read past its hash. Labels come from the detection TSVs: "yes" is
 * an event; "easy no" and "difficult no" are not, unless the GSR XML codes
 * the sentence (a conflict: left out); "ambiguous" rows the GSR codes are
 * events at a lower weight, other ambiguous rows are left out. A row whose
 * text has no candidate trigger of its type gives no example (the coder
 * could not code it whatever the model said). With --negatives, the sport,
 * culture, economy and technology articles of a JSONL corpus whose id falls
 * in the corpus's train half (even FNV-1a 64) give one negative example per
 * sentence holding a candidate; the other half is what `hadath eval
 * --false-alarms` measures by default.
 *
 * Everything is deterministic (train.c): the same files and options give
 * the same bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "cli/cli.h"
#include "code/code.h"
#include "eval/eval.h"
#include "model/train.h"

void hd_cmd_train_help(FILE *out)
{
    fprintf(out,
        "usage: hadath train [options] GOLD...\n\n"
        "Fits the event detector (one L2 logistic regression per type:\n"
        "ASSAULT, PROTEST) on the TRAIN split of the dev gold sets and writes\n"
        "its weights. GOLD: the detection TSVs (labels) and the GSR XML files\n"
        "(which ambiguous rows are events). The split is eval's: a sentence\n"
        "is validation when FNV-1a 64 of its trimmed text %% 5 == 0; those\n"
        "are never used. The project's model is made by\n\n"
        "  hadath train --gsr-thresholds \\\n"
        "    --negatives ../shared/corpus/ant-news-ar.jsonl.gz \\\n"
        "    ../shared/eval/detect-assault-dev.tsv \\\n"
        "    ../shared/eval/detect-protest-dev.tsv \\\n"
        "    ../shared/eval/gsr-assault-dev.xml ../shared/eval/gsr-protest-dev.xml\n\n"
        "options:\n"
        "  --out FILE          weights file (default: DATA/%s)\n"
        "  --data DIR          dictionaries (default: %s)\n"
        "  --negatives CORPUS  JSONL news: sport, culture, economy and\n"
        "                      technology articles of the train half (even\n"
        "                      FNV-1a 64 of the id) as negatives\n"
        "  --epochs N          SGD epochs (default 30)\n"
        "  --l2 X              L2 strength (default 0.0001)\n"
        "  --eta X             first SGD step (default 1)\n"
        "  --folds N           cross-validation folds inside train (default 5)\n"
        "  --ambiguous-weight X  weight of GSR-coded ambiguous rows (0.5)\n"
        "  --negative-weight X   weight of corpus negatives (0.5)\n"
        "  --gsr-thresholds    GSR-coded ambiguous rows count as positives when\n"
        "                      the thresholds are chosen (the shipped model)\n"
        "  --soft-labels       targets are the share of annotators who accepted\n"
        "                      a row (accept/total), not 1/0 (cross-validated:\n"
        "                      no clear gain, so not the default)\n\n"
        "Writes the weights and prints the cross-validated F1 on the training\n"
        "part (rules, model, both). Exit: 0 written, 2 usage, 3 failure.\n",
        HD_MODEL_FILE, hd_cli_data_dir());
}

typedef struct gsr_event {
    uint64_t hash;            /* of the trimmed sentence text */
    int type;                 /* trained type index */
} gsr_event;

typedef struct train_ctx {
    hd_lexicon *lex;
    hd_text_opts topts;
    hd_doc doc;
    hd_train_opts opts;
    double ambiguous_weight, negative_weight;
    int soft;                 /* --soft-labels: the votes as targets */
    int gsr_scored;           /* --gsr-thresholds: GSR-coded ambiguous rows
                                 count as positives when thresholds are set */
    hd_train_set set;
    gsr_event *gsr;
    size_t n_gsr, cap_gsr;
    /* the example being gathered (gold rows: all sentences of the row) */
    int want;                 /* trained type, or -1: every type (corpus) */
    uint32_t *tmp;
    size_t n_tmp, cap_tmp;
    double margin;
    int got;
    uint8_t corpus_fold;
    /* what was read */
    long rows, rows_validation, rows_used, rows_left, corpus_articles,
        corpus_examples;
} train_ctx;

static int trained_index(const char *type)
{
    for (int k = 0; k < HD_MODEL_N_TRAINED; k++)
        if (strcmp(type, hd_model_trained_types[k]) == 0)
            return k;
    return -1;
}

static void trim(const char **s, size_t *n)
{
    while (*n && strchr(" \t\r\n\f\v", **s))
        (*s)++, (*n)--;
    while (*n && strchr(" \t\r\n\f\v", (*s)[*n - 1]))
        (*n)--;
}

static uint64_t text_hash(const char *s, size_t n)
{
    trim(&s, &n);
    return hd_eval_fnv1a64(s, n);
}

/* The coder's feature hook. */
static void on_features(void *ud, const hd_doc *doc, size_t sentence,
                        const char *type, const uint32_t *idx, size_t n,
                        double margin)
{
    (void)doc;
    (void)sentence;
    train_ctx *c = ud;
    int k = trained_index(type);
    if (c->want < 0) { /* corpus: each sentence is a negative example */
        hd_train_example e = {0};
        e.type = (uint8_t)k;
        e.origin = HD_TRAIN_CORPUS;
        e.fold = c->corpus_fold;
        e.y = 0.0f;
        e.weight = (float)c->negative_weight;
        e.margin = (float)margin;
        hd_train_set_add(&c->set, &e, idx, n);
        c->corpus_examples++;
        return;
    }
    if (k != c->want)
        return;
    HD_VEC_RESERVE(c->tmp, c->cap_tmp, c->n_tmp + n);
    memcpy(c->tmp + c->n_tmp, idx, n * sizeof *idx);
    c->n_tmp += n;
    if (!c->got || margin > c->margin)
        c->margin = margin;
    c->got = 1;
}

static int code_text(train_ctx *c, const char *text, size_t n, hd_error *err)
{
    hd_doc_reset(&c->doc);
    if (hd_doc_set_text(&c->doc, text, n, err) != 0 ||
        hd_text_analyze(&c->doc, &c->topts, err) != 0)
        return -1;
    hd_code_hooks hooks = {NULL, on_features, c};
    return hd_code_events_ex(c->lex, &c->doc, &hooks, err);
}

/* ------------------------------------------------------------- GSR */

static int in_gsr(const train_ctx *c, uint64_t h, int k)
{
    for (size_t i = 0; i < c->n_gsr; i++)
        if (c->gsr[i].hash == h && c->gsr[i].type == k)
            return 1;
    return 0;
}

static int read_gsr(train_ctx *c, const char *path, hd_error *err)
{
    hd_eval_goldset g;
    hd_eval_goldset_init(&g);
    int rc = hd_eval_gsr_load(path, &g, err);
    hd_reader *rd = rc == 0 ? hd_reader_open(path, HD_FMT_PETRARCH_XML, err)
                            : NULL;
    if (!rd)
        rc = -1;
    int got;
    while (rc == 0 && (got = hd_reader_next(rd, &c->doc, err)) != 0) {
        if (got < 0) {
            rc = -1;
            break;
        }
        uint32_t off = c->doc.body_offset <= c->doc.len ? c->doc.body_offset
                                                        : 0;
        uint64_t h = text_hash(c->doc.text + off, c->doc.len - off);
        for (size_t i = 0; i < g.n; i++) {
            int k = trained_index(g.items[i].type);
            if (k < 0 || !c->doc.id || strcmp(g.items[i].id, c->doc.id))
                continue;
            HD_VEC_RESERVE(c->gsr, c->cap_gsr, c->n_gsr + 1);
            c->gsr[c->n_gsr].hash = h;
            c->gsr[c->n_gsr++].type = k;
        }
    }
    if (rd)
        hd_reader_close(rd);
    hd_eval_goldset_free(&g);
    return rc;
}

/* ------------------------------------------------------------- TSV */

static int add_row(train_ctx *c, const hd_eval_tsv_row *row, hd_error *err)
{
    int k = trained_index(row->event_type);
    if (k < 0)
        return 0;
    c->rows++;
    if (hd_eval_split_of(row->text, row->text_len) != HD_EVAL_SPLIT_TRAIN) {
        c->rows_validation++;
        return 0;
    }
    uint64_t h = text_hash(row->text, row->text_len);
    int gsr = in_gsr(c, h, k);
    hd_train_example e = {0};
    e.type = (uint8_t)k;
    e.origin = HD_TRAIN_GOLD;
    e.fold = (uint8_t)((h >> 32) % (uint64_t)c->opts.folds);
    e.weight = 1.0f;
    e.gsr = (uint8_t)gsr;
    if (row->label == HD_LABEL_YES) {
        e.y = 1.0f;
        e.scored = 1;
        e.positive = 1;
        e.detect = 1;
    } else if (row->label == HD_LABEL_AMBIGUOUS) {
        if (!gsr) {
            c->rows_left++;
            return 0;
        }
        e.y = 1.0f;
        e.weight = (float)c->ambiguous_weight;
        e.positive = 1;
        e.scored = c->gsr_scored;
    } else {
        if (gsr) {
            c->rows_left++;
            return 0;
        }
        e.scored = 1;
        e.detect = 1;
    }
    /* the annotators' votes as the target: a "difficult no" that one of
     * three accepted is not an "easy no" */
    if (c->soft && row->total > 0 && row->label != HD_LABEL_YES)
        e.y = (float)row->accept / (float)row->total;
    c->want = k;
    c->n_tmp = 0;
    c->got = 0;
    if (code_text(c, row->text, row->text_len, err) != 0)
        return -1;
    if (!c->got) {
        if (e.scored && e.positive)
            c->set.no_candidate_pos[k]++;
        if (e.detect && e.positive)
            c->set.no_candidate_detect_pos[k]++;
        if (e.gsr)
            c->set.no_candidate_gsr[k]++;
        else if (e.scored)
            c->set.no_candidate_neg[k]++;
        return 0;
    }
    e.margin = (float)c->margin;
    hd_train_set_add(&c->set, &e, c->tmp, c->n_tmp);
    c->rows_used++;
    return 0;
}

static int read_tsv(train_ctx *c, const char *path, hd_error *err)
{
    char *buf;
    size_t n;
    if (hd_eval_read_file(path, &buf, &n, err) != 0)
        return -1;
    int rc = 0;
    long lineno = 0;
    for (char *p = buf, *end = buf + n; p < end && rc == 0;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        char *next = nl ? nl + 1 : end;
        lineno++;
        hd_eval_tsv_row row;
        int got = len ? hd_eval_tsv_parse(p, len, path, lineno, &row, err)
                      : 0;
        p = next;
        if (got < 0)
            rc = -1;
        else if (got > 0)
            rc = add_row(c, &row, err);
    }
    free(buf);
    return rc;
}

/* ----------------------------------------------------------- corpus */

static int read_corpus(train_ctx *c, const char *path, hd_error *err)
{
    hd_reader *rd = hd_reader_open(path, HD_FMT_JSONL, err);
    if (!rd)
        return -1;
    hd_doc doc;
    hd_doc_init(&doc);
    char cat[64];
    int got, rc = 0;
    while ((got = hd_reader_next(rd, &doc, err)) != 0) {
        if (got < 0) {
            hd_cli_report(err);
            continue;
        }
        const char *k = hd_eval_doc_category(&doc, cat, sizeof cat);
        int wanted = 0;
        for (int i = 0; i < HD_EVAL_FA_CATEGORIES; i++)
            wanted |= strcmp(k, hd_eval_fa_categories[i]) == 0;
        if (!wanted || !doc.id ||
            hd_eval_corpus_split_of(doc.id) != HD_EVAL_SPLIT_TRAIN)
            continue;
        c->corpus_articles++;
        c->want = -1;
        c->corpus_fold = (uint8_t)((hd_eval_fnv1a64(doc.id, strlen(doc.id))
                                    >> 32) % (uint64_t)c->opts.folds);
        hd_code_hooks hooks = {NULL, on_features, c};
        if (hd_text_analyze(&doc, &c->topts, err) != 0 ||
            hd_code_events_ex(c->lex, &doc, &hooks, err) != 0) {
            rc = -1;
            break;
        }
    }
    hd_doc_free(&doc);
    hd_reader_close(rd);
    return rc;
}

/* ------------------------------------------------------------ the run */

typedef struct train_args {
    const char *out, *data, *negatives;
    char **files;
    int n_files;
} train_args;

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "hadath train: %s%s%s (see hadath train --help)\n", msg,
            arg ? " " : "", arg ? arg : "");
    return HD_EXIT_USAGE;
}

static int number_arg(const char *s, double lo, double hi, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || !(v >= lo && v <= hi))
        return -1;
    *out = v;
    return 0;
}

static int parse_args(int argc, char **argv, train_args *a, train_ctx *c)
{
    memset(a, 0, sizeof *a);
    a->data = hd_cli_data_dir();
    a->files = argv;
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        double x;
        if (s[0] != '-' || !s[1]) {
            a->files[a->n_files++] = argv[i];
            continue;
        }
        if (strcmp(s, "--soft-labels") == 0) {
            c->soft = 1;
            continue;
        }
        if (strcmp(s, "--gsr-thresholds") == 0) {
            c->gsr_scored = 1;
            continue;
        }
        if (!v)
            return usage_error("unknown option or missing value:", s);
        i++;
        if (strcmp(s, "--out") == 0)
            a->out = v;
        else if (strcmp(s, "--data") == 0)
            a->data = v;
        else if (strcmp(s, "--negatives") == 0)
            a->negatives = v;
        else if (strcmp(s, "--epochs") == 0 && !number_arg(v, 1, 1000, &x))
            c->opts.epochs = (int)x;
        else if (strcmp(s, "--folds") == 0 && !number_arg(v, 2, 20, &x))
            c->opts.folds = (int)x;
        else if (strcmp(s, "--l2") == 0 && !number_arg(v, 0, 1, &x))
            c->opts.l2 = x;
        else if (strcmp(s, "--eta") == 0 && !number_arg(v, 1e-6, 10, &x))
            c->opts.eta = x;
        else if (strcmp(s, "--ambiguous-weight") == 0 &&
                 !number_arg(v, 0, 10, &x))
            c->ambiguous_weight = x;
        else if (strcmp(s, "--negative-weight") == 0 &&
                 !number_arg(v, 0, 10, &x))
            c->negative_weight = x;
        else
            return usage_error("unknown option or bad value:", s);
    }
    if (!a->n_files)
        return usage_error("no gold files given", NULL);
    return HD_EXIT_OK;
}

static int gather(train_ctx *c, const train_args *a, hd_error *err)
{
    /* the GSR sets first: the TSV labels consult them */
    for (int i = 0; i < a->n_files; i++) {
        const char *f = a->files[i];
        size_t n = strlen(f);
        if (n > 4 && strcmp(f + n - 4, ".xml") == 0 &&
            read_gsr(c, f, err) != 0)
            return -1;
    }
    for (int i = 0; i < a->n_files; i++) {
        const char *f = a->files[i];
        size_t n = strlen(f);
        if (n > 4 && strcmp(f + n - 4, ".tsv") == 0) {
            if (read_tsv(c, f, err) != 0)
                return -1;
        } else if (!(n > 4 && strcmp(f + n - 4, ".xml") == 0)) {
            hd_error_set(err, f, 0, -1, "not a detection .tsv or GSR .xml");
            return -1;
        }
    }
    return a->negatives ? read_corpus(c, a->negatives, err) : 0;
}

static int write_model(const hd_model *m, const train_ctx *c,
                       const train_args *a, const char *path, hd_error *err)
{
    hd_buf comment = {0}, out = {0};
    hd_buf_printf(&comment,
                  "Fitted by `hadath train` on the TRAIN split of the dev gold "
                  "sets only\n(FNV-1a 64 of the trimmed sentence %% 5 != 0); "
                  "see data/model/SOURCE.md.\nGold files:");
    for (int i = 0; i < a->n_files; i++) {
        const char *b = strrchr(a->files[i], '/');
        hd_buf_printf(&comment, " %s", b ? b + 1 : a->files[i]);
    }
    hd_buf_printf(&comment, "\nrows %ld: %ld validation (not used), %ld "
                  "examples, %ld left out (conflicting or unlabelled)\n",
                  c->rows, c->rows_validation, c->rows_used, c->rows_left);
    if (a->negatives)
        hd_buf_printf(&comment, "negatives: %ld sentences of %ld sport, "
                      "culture, economy, technology articles (train half "
                      "of %s)\n", c->corpus_examples, c->corpus_articles,
                      strrchr(a->negatives, '/') ? strrchr(a->negatives, '/')
                      + 1 : a->negatives);
    hd_buf_printf(&comment, "%s labels; ", c->soft ? "soft (votes)" : "hard (yes = 1)");
    hd_buf_printf(&comment, "epochs %d, l2 %g, eta %g, folds %d, ambiguous "
                  "weight %g, negative weight %g, seed %#llx",
                  c->opts.epochs, c->opts.l2, c->opts.eta, c->opts.folds,
                  c->ambiguous_weight, c->negative_weight,
                  (unsigned long long)c->opts.seed);
    hd_model_write(m, &out, comment.data);
    FILE *f = fopen(path, "wb");
    int rc = 0;
    if (!f || fwrite(out.data, 1, out.len, f) != out.len) {
        hd_error_set(err, path, 0, -1, "cannot write the weights");
        rc = -1;
    }
    if (f && fclose(f) != 0 && rc == 0) {
        hd_error_set(err, path, 0, -1, "cannot write the weights");
        rc = -1;
    }
    hd_buf_free(&comment);
    hd_buf_free(&out);
    return rc;
}

int hd_cmd_train(int argc, char **argv)
{
    if (argc > 1 && hd_cli_is_help(argv[1])) {
        hd_cmd_train_help(stdout);
        return HD_EXIT_OK;
    }
    train_ctx c;
    memset(&c, 0, sizeof c);
    hd_train_opts_default(&c.opts);
    c.ambiguous_weight = 0.5;
    c.negative_weight = 0.5;
    train_args a;
    int rc = parse_args(argc, argv, &a, &c);
    if (rc != HD_EXIT_OK)
        return rc;
    char out[1024];
    snprintf(out, sizeof out, "%s/%s", a.data, HD_MODEL_FILE);
    if (a.out)
        snprintf(out, sizeof out, "%s", a.out);
    hd_error err;
    hd_error_clear(&err);
    hd_text_opts_default(&c.topts);
    hd_doc_init(&c.doc);
    c.lex = hd_lexicon_open(a.data, &err);
    rc = HD_EXIT_FAIL;
    if (c.lex) {
        hd_lexicon_set_detector(c.lex, HD_DETECT_RULES);
        if (gather(&c, &a, &err) == 0) {
            hd_buf log = {0};
            hd_model *m = hd_train_fit(&c.set, &c.opts, &log);
            if (write_model(m, &c, &a, out, &err) == 0) {
                fprintf(stderr, "%shadath train: wrote %s\n", log.data, out);
                rc = HD_EXIT_OK;
            }
            hd_model_free(m);
            hd_buf_free(&log);
        }
    }
    if (rc != HD_EXIT_OK)
        hd_cli_report(&err);
    if (c.lex)
        hd_lexicon_close(c.lex);
    hd_doc_free(&c.doc);
    hd_train_set_free(&c.set);
    free(c.gsr);
    free(c.tmp);
    return rc;
}
