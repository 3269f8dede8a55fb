/*
 * cmd_eval.c: `hadath eval`, scoring the coding against gold sets.
 *
 * Wiring only: options, the lexicon, and the coder callback that eval calls
 * for each gold sentence (hd_text_analyze + hd_code); the scoring and the
 * reports are in src/eval/. Files are scored one after another and the
 * report is written once at the end, so its last line is always the summary
 * (or the JSON object). A gold file that cannot be read or parsed stops the
 * run with exit 3 and its file:line.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "eval/eval.h"

void hd_cmd_eval_help(FILE *out)
{
    fprintf(out,
        "usage: hadath eval [--data DIR] [--errors] [--to text|json]\n"
        "                   [--split all|train|validation] FILE...\n\n"
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
        "  --data DIR    dictionaries (default: %s)\n"
        "  --errors      list every error with what was coded (type, cameo,\n"
        "                actors, trigger, pattern file:line, score) and what\n"
        "                the gold says: FP and FN for detection; for GSR and\n"
        "                spans FN (no event of the type) or MISS (the type\n"
        "                found, the actors not right in full)\n"
        "  --to FORMAT   text (tables, then a summary line) or json (one JSON\n"
        "                object on the last line)\n"
        "  --split NAME  all (default), or train / validation: a sentence is\n"
        "                validation when FNV-1a 64 of its trimmed text %% 5 == 0\n\n"
        "Exit: 0 scored, 1 the coder failed on some sentences (reported),\n"
        "2 usage, 3 a file cannot be read or parsed.\n",
        hd_cli_data_dir());
}

typedef struct eval_coder {
    hd_lexicon *lex;
    hd_text_opts topts;
} eval_coder;

static int code_doc(void *ud, hd_doc *doc, hd_error *err)
{
    eval_coder *c = ud;
    if (hd_text_analyze(doc, &c->topts, err) != 0)
        return -1;
    return hd_code(c->lex, doc, err);
}

static void warn(void *ud, const hd_error *err)
{
    (void)ud;
    hd_cli_report(err);
}

typedef struct eval_args {
    const char *data;
    int errors, json, split;
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
        } else if (s[0] == '-' && s[1]) {
            return usage_error("unknown option or missing value:", s);
        } else {
            a->files[a->n_files++] = argv[i];
        }
    }
    if (!a->n_files)
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

static int run(const eval_args *a, hd_eval_result *rs)
{
    hd_error err;
    hd_error_clear(&err);
    eval_coder coder = {0};
    hd_text_opts_default(&coder.topts);
    hd_eval_opts o = {code_doc, &coder, a->split, a->errors, a->json,
                      warn, NULL};
    int status = HD_EXIT_OK;
    for (int i = 0; i < a->n_files && status == HD_EXIT_OK; i++) {
        hd_eval_result *r = &rs[i];
        hd_eval_result_init(r, a->files[i], file_kind(a->files[i]), a->split);
        if (!coder.lex && r->kind != HD_EVAL_CONLLU) {
            coder.lex = hd_lexicon_open(a->data, &err);
            if (!coder.lex) {
                hd_cli_report(&err);
                status = HD_EXIT_FAIL;
                break;
            }
        }
        if (score_file(&o, a->files[i], r, &err) != 0) {
            hd_cli_report(&err);
            status = HD_EXIT_FAIL;
        }
    }
    if (status == HD_EXIT_OK) {
        hd_buf out = {0};
        long failures = 0;
        for (int i = 0; i < a->n_files; i++)
            failures += rs[i].coder_failures;
        if (a->json)
            hd_eval_render_json(&out, rs, (size_t)a->n_files, a->split);
        else
            hd_eval_render_text(&out, rs, (size_t)a->n_files, a->split);
        fwrite(out.data, 1, out.len, stdout);
        hd_buf_free(&out);
        if (fflush(stdout) != 0)
            status = HD_EXIT_FAIL;
        else if (failures)
            status = HD_EXIT_BAD_RECORDS;
    }
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
    hd_eval_result *rs = calloc((size_t)a.n_files, sizeof *rs);
    if (!rs)
        return HD_EXIT_FAIL;
    rc = run(&a, rs);
    for (int i = 0; i < a.n_files; i++)
        hd_eval_result_free(&rs[i]);
    free(rs);
    return rc;
}
