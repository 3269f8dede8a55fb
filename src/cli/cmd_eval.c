/*
 * cmd_eval.c: `hadath eval`, scoring the coding against gold sets.
 *
 * Wiring only: options, the lexicon, and the coder callback that eval calls
 * for each gold sentence (hd_text_analyze + hd_code); the scoring and the
 * reports are in src/eval/. Files are scored one after another and the
 * report is written once at the end, so its last line is always the summary
 * (or the JSON object). A gold file that cannot be read or parsed stops the
 * run with exit 3 and its file:line.
 *
 * The detector (issue 5): --detector picks rules (the default, as for
 * `hadath code`), model or both. The weights were fitted on the train part
 * of the dev sets, so while the model decides the default split is
 * validation, the part it never saw; every report names the split and the
 * detector. With --errors, each listed case also shows the decisions behind
 * it: the coder is run once more with a decision hook, before the real run,
 * and its decisions for the gold type are printed under the case.
 */
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "cli/cli.h"
#include "code/code.h"
#include "eval/eval.h"
#include "model/model.h"

void hd_cmd_eval_help(FILE *out)
{
    fprintf(out,
        "usage: hadath eval [--data DIR] [--errors] [--to text|json]\n"
        "                   [--split all|train|validation]\n"
        "                   [--detector rules|model|both]\n"
        "                   [--false-alarms CORPUS] FILE...\n\n"
        "Scores hadath's coding against gold sets, chosen by extension:\n"
        "  .tsv     detection rows (id, event_type, label, accept, reject,\n"
        "           total, text): per event type, sentence-level P, R, F1.\n"
        "           A row is predicted positive when its text yields an event\n"
        "           of the row's type; 'yes' is positive, 'easy no' and\n"
        "           'difficult no' negative, 'ambiguous' left out (counted).\n"
        "  .xml     PETRARCH GSR XML, one gold event per <EventCoding>;\n"
        "  .json    span JSON, the same with every annotator's reading:\n"
        "           the share of gold events coded with the right type,\n"
        "           type+source, type+target and in full.\n"
        "  .conllu  clitic segmentation against gold tokens (UD).\n\n"
        "Rules: negated and hypothetical events are ignored. Actors compare\n"
        "as country and sector codes taken literally (IGO, IMG, INT, NGO, ...\n"
        "are codes like any other); gold None matches only an empty field.\n"
        "A gold event is matched when ANY event of its sentence with the gold\n"
        "type matches (for JSON, matching ANY annotator's span item); 'full'\n"
        "needs one event with both source and target right.\n\n"
        "  --data DIR    dictionaries and model (default: %s)\n"
        "  --errors      list every error with what was coded (type, cameo,\n"
        "                actors, trigger, pattern file:line, score) and what\n"
        "                the gold says: FP and FN for detection; for GSR and\n"
        "                spans FN (no event of the type) or MISS (the type\n"
        "                found, the actors not right in full); under each,\n"
        "                every candidate trigger of the type with its rule\n"
        "                score, model probability and the decision, then\n"
        "                the terms of the rule score (evidence: prior,\n"
        "                each cue group with its word, each shape term)\n"
        "  --to FORMAT   text (tables, then a summary line) or json (one JSON\n"
        "                object on the last line)\n"
        "  --split NAME  all, train or validation: a sentence is validation\n"
        "                when FNV-1a 64 of its trimmed text %% 5 == 0. The\n"
        "                default is validation while the trained model\n"
        "                decides (it was fitted on train only), else all\n"
        "  --detector D  who decides that a candidate is an event: rules\n"
        "                (the evidence score of data/dict/hadath.triggers)\n"
        "                (the default, as for hadath code), model (the\n"
        "                trained detector, data/%s) or both\n"
        "  --false-alarms CORPUS\n"
        "                also code the sport, culture, economy and technology\n"
        "                articles of a JSONL news corpus (its 'category'\n"
        "                field) and report ASSAULT and PROTEST events per 100\n"
        "                articles; the split applies to articles by id (odd\n"
        "                FNV-1a 64: validation, never trained on)\n\n"
        "Exit: 0 scored, 1 the coder failed on some sentences (reported),\n"
        "2 usage, 3 a file cannot be read or parsed.\n",
        hd_cli_data_dir(), HD_MODEL_FILE);
}

/* One decision of the coder, kept for --errors. */
typedef struct kept_decision {
    size_t sentence;
    const char *type;
    hd_span trigger;
    const char *pattern, *pattern_file;
    uint32_t pattern_line;
    double rule, rule_threshold, p, z;
    int detector, accepted;
    hd_evidence why;          /* the terms of rule */
} kept_decision;

typedef struct eval_coder {
    hd_lexicon *lex;
    hd_text_opts topts;
    int keep;                 /* --errors: record the decisions */
    kept_decision *kept;
    size_t n_kept, cap_kept;
} eval_coder;

static void keep_decision(void *ud, const hd_doc *doc, const hd_decision *d)
{
    eval_coder *c = ud;
    HD_VEC_RESERVE(c->kept, c->cap_kept, c->n_kept + 1);
    kept_decision *k = &c->kept[c->n_kept++];
    k->sentence = d->sentence;
    k->type = d->c->type;
    k->trigger.start = doc->tokens[d->c->tok].start;
    k->trigger.end = doc->tokens[d->c->tok + d->c->len - 1].end;
    k->pattern = d->c->pattern;
    k->pattern_file = d->c->pattern_file;
    k->pattern_line = d->c->pattern_line;
    k->rule = d->rule;
    k->rule_threshold = d->rule_threshold;
    k->p = d->p;
    k->z = d->z;
    k->detector = d->detector;
    k->accepted = d->accepted;
    if (d->why)
        k->why = *d->why;
    else
        k->why.n = 0;
}

static int code_doc(void *ud, hd_doc *doc, hd_error *err)
{
    eval_coder *c = ud;
    if (hd_text_analyze(doc, &c->topts, err) != 0)
        return -1;
    c->n_kept = 0;
    if (c->keep) {
        hd_code_hooks hooks = {keep_decision, NULL, c};
        if (hd_code_events_ex(c->lex, doc, &hooks, err) != 0)
            return -1;
    }
    /* only the events are scored */
    return hd_code_ex(c->lex, doc, HD_CODE_EVENTS_ONLY, err);
}

static void put_oneline(hd_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        hd_buf_putc(b, s[i] == '\n' || s[i] == '\t' ? ' ' : s[i]);
}

/* The terms of a rule score, on their own line: "prior -1.14, demand +0.79
 * (مطالبين), speech -1.24 (قال)". The cue word says which line of the cue
 * list to change. */
static void put_evidence(hd_buf *out, const hd_doc *doc, const hd_evidence *w)
{
    if (w->n == 0)
        return;
    hd_buf_puts(out, "    evidence:");
    for (int i = 0; i < w->n; i++) {
        const hd_evidence_term *t = &w->t[i];
        hd_buf_printf(out, "%s %s %+.2f", i ? "," : "", t->name, t->w);
        if (t->len && t->tok + t->len <= doc->n_tokens) {
            size_t a = doc->tokens[t->tok].start;
            size_t b = doc->tokens[t->tok + t->len - 1].end;
            hd_buf_puts(out, " (");
            put_oneline(out, doc->text + a, b - a);
            hd_buf_putc(out, ')');
        }
    }
    hd_buf_putc(out, '\n');
}

/* The decisions for candidates of one type, one line each. */
static void explain(void *ud, const hd_doc *doc, long sentence,
                    const char *type, hd_buf *out)
{
    eval_coder *c = ud;
    const hd_model_type *mt = hd_model_find(c->lex->model, type);
    for (size_t i = 0; i < c->n_kept; i++) {
        const kept_decision *k = &c->kept[i];
        if (!k->type || strcmp(k->type, type) != 0 ||
            (sentence >= 0 && k->sentence != (size_t)sentence))
            continue;
        hd_buf_puts(out, "  candidate \"");
        if (k->trigger.end <= doc->len)
            put_oneline(out, doc->text + k->trigger.start,
                        k->trigger.end - k->trigger.start);
        hd_buf_printf(out, "\" pattern %s:%u \"",
                      k->pattern_file ? k->pattern_file : "-",
                      (unsigned)k->pattern_line);
        if (k->pattern)
            put_oneline(out, k->pattern, strlen(k->pattern));
        hd_buf_printf(out, "\" | rules %.2f (threshold %.2f)", k->rule,
                      k->rule_threshold);
        if (k->p >= 0 && mt)
            hd_buf_printf(out, " | model p=%.3f (threshold %.3f)", k->p,
                          (double)mt->threshold);
        if (k->detector == HD_DETECT_BOTH)
            hd_buf_printf(out, " | both z=%+.2f", k->z);
        hd_buf_printf(out, " | %s by %s\n",
                      k->accepted ? "accepted" : "rejected",
                      hd_detector_name(k->detector));
        put_evidence(out, doc, &k->why);
    }
}

static void warn(void *ud, const hd_error *err)
{
    (void)ud;
    hd_cli_report(err);
}

typedef struct eval_args {
    const char *data;
    const char *false_alarms;
    int errors, json, split, detector;
    char **files;
    int n_files;
} eval_args;

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "hadath eval: %s%s%s (see hadath eval --help)\n", msg,
            arg ? " " : "", arg ? arg : "");
    return HD_EXIT_USAGE;
}

static int parse_args(int argc, char **argv, eval_args *a)
{
    memset(a, 0, sizeof *a);
    a->data = hd_cli_data_dir();
    a->files = argv;
    a->split = -1; /* decided once the lexicon says whether a model decides */
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        int has_value = i + 1 < argc;
        if (strcmp(s, "--errors") == 0) {
            a->errors = 1;
        } else if (strcmp(s, "--data") == 0 && has_value) {
            a->data = argv[++i];
        } else if (strcmp(s, "--to") == 0 && has_value) {
            const char *f = argv[++i];
            if (strcmp(f, "json") && strcmp(f, "text"))
                return usage_error("unknown --to format", f);
            a->json = strcmp(f, "json") == 0;
        } else if (strcmp(s, "--split") == 0 && has_value) {
            a->split = hd_eval_split_from_name(argv[++i]);
            if (a->split < 0)
                return usage_error("unknown --split", argv[i]);
        } else if (strcmp(s, "--detector") == 0 && has_value) {
            a->detector = hd_detector_from_name(argv[++i]);
            if (a->detector < 0)
                return usage_error("--detector rules, model or both, not",
                                   argv[i]);
        } else if (strcmp(s, "--false-alarms") == 0 && has_value) {
            a->false_alarms = argv[++i];
        } else if (s[0] == '-' && s[1]) {
            return usage_error("unknown option or missing value:", s);
        } else {
            a->files[a->n_files++] = argv[i];
        }
    }
    if (!a->n_files && !a->false_alarms)
        return usage_error("no gold files given", NULL);
    return HD_EXIT_OK;
}

/* The kind of a gold file: its extension, else its first bytes. */
static int file_kind(const char *path)
{
    char head[64] = {0};
    size_t n = 0;
    FILE *f = fopen(path, "rb");
    if (f) {
        n = fread(head, 1, sizeof head - 1, f);
        fclose(f);
    }
    return hd_eval_kind_of(path, head, n);
}

static int score_file(const hd_eval_opts *o, const char *path,
                      hd_eval_result *r, hd_error *err)
{
    switch (r->kind) {
    case HD_EVAL_DETECT: return hd_eval_detect_file(o, path, r, err);
    case HD_EVAL_GSR: return hd_eval_gsr_file(o, path, r, err);
    case HD_EVAL_SPANS: return hd_eval_spans_file(o, path, r, err);
    case HD_EVAL_FALSE_ALARMS: return hd_eval_false_alarms(o, path, r, err);
    case HD_EVAL_CONLLU:
        if (hd_eval_clitics(path, &r->clitics, err) != 0)
            return -1;
        r->records = (long)r->clitics.words;
        r->sentences = (long)r->clitics.sentences;
        return 0;
    default:
        hd_error_set(err, path, 0, -1,
                     "cannot tell the gold format (use .tsv, .xml, .json "
                     "or .conllu)");
        return -1;
    }
}

/* Opens the lexicon, sets the detector, and settles the default split.
 * Returns the detector in force, or -1. */
static int open_coder(eval_args *a, eval_coder *coder, hd_error *err)
{
    coder->lex = hd_lexicon_open(a->data, err);
    if (!coder->lex)
        return -1;
    if (a->detector != HD_DETECT_DEFAULT && a->detector != HD_DETECT_RULES &&
        !coder->lex->model)
        fprintf(stderr, "hadath eval: %s; --detector %s needs it\n",
                coder->lex->model_note, hd_detector_name(a->detector));
    int d = hd_lexicon_set_detector(coder->lex, a->detector);
    if (a->split < 0)
        a->split = d == HD_DETECT_RULES ? HD_EVAL_SPLIT_ALL
                                        : HD_EVAL_SPLIT_VALIDATION;
    return d;
}

static int run(eval_args *a, hd_eval_result *rs, int n)
{
    hd_error err;
    hd_error_clear(&err);
    eval_coder coder = {0};
    hd_text_opts_default(&coder.topts);
    coder.keep = a->errors;
    int needs_coder = a->false_alarms != NULL;
    for (int i = 0; i < a->n_files; i++)
        needs_coder |= file_kind(a->files[i]) != HD_EVAL_CONLLU;
    int detector = HD_DETECT_RULES;
    if (needs_coder && (detector = open_coder(a, &coder, &err)) < 0) {
        hd_cli_report(&err);
        return HD_EXIT_FAIL;
    }
    if (a->split < 0)
        a->split = HD_EVAL_SPLIT_ALL;
    hd_eval_opts o = {code_doc, &coder, a->split, a->errors, a->json,
                      warn, NULL, a->errors ? explain : NULL};
    int status = HD_EXIT_OK;
    for (int i = 0; i < n && status == HD_EXIT_OK; i++) {
        hd_eval_result *r = &rs[i];
        const char *path = i < a->n_files ? a->files[i] : a->false_alarms;
        int kind = i < a->n_files ? file_kind(path) : HD_EVAL_FALSE_ALARMS;
        hd_eval_result_init(r, path, kind, a->split);
        if (kind != HD_EVAL_CONLLU)
            snprintf(r->detector, sizeof r->detector, "%s",
                     hd_detector_name(detector));
        if (score_file(&o, path, r, &err) != 0) {
            hd_cli_report(&err);
            status = HD_EXIT_FAIL;
        }
    }
    if (status == HD_EXIT_OK) {
        hd_buf out = {0};
        long failures = 0;
        for (int i = 0; i < n; i++)
            failures += rs[i].coder_failures;
        if (a->json) {
            hd_eval_render_json(&out, rs, (size_t)n, a->split);
        } else {
            if (coder.lex && coder.lex->model && detector != HD_DETECT_RULES)
                hd_buf_printf(&out, "detector: %s, model %s (fitted on the "
                              "%s split only; scored here on: %s)\n\n",
                              hd_detector_name(detector),
                              coder.lex->model->path,
                              coder.lex->model->trained_on,
                              hd_eval_split_name(a->split));
            hd_eval_render_text(&out, rs, (size_t)n, a->split);
        }
        fwrite(out.data, 1, out.len, stdout);
        hd_buf_free(&out);
        if (fflush(stdout) != 0)
            status = HD_EXIT_FAIL;
        else if (failures)
            status = HD_EXIT_BAD_RECORDS;
    }
    free(coder.kept);
    if (coder.lex)
        hd_lexicon_close(coder.lex);
    return status;
}

int hd_cmd_eval(int argc, char **argv)
{
    if (argc > 1 && hd_cli_is_help(argv[1])) {
        hd_cmd_eval_help(stdout);
        return HD_EXIT_OK;
    }
    eval_args a;
    int rc = parse_args(argc, argv, &a);
    if (rc != HD_EXIT_OK)
        return rc;
    int n = a.n_files + (a.false_alarms != NULL);
    hd_eval_result *rs = calloc((size_t)n, sizeof *rs);
    if (!rs)
        return HD_EXIT_FAIL;
    rc = run(&a, rs, n);
    for (int i = 0; i < n; i++)
        hd_eval_result_free(&rs[i]);
    free(rs);
    return rc;
}
