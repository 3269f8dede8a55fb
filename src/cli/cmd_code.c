/*
 * cmd_code.c: `hadath code`: events out of Arabic news.
 *
 * Wiring only: options, the lexicon, the shared document loop (drive.c:
 * input expansion, readers, the bad-record policy, --date, --threads), and
 * a callback that codes each analysed document (hd_code) and hands it to the
 * chosen writer in src/out/event_*.c. The callback runs on worker threads,
 * so it only reads its context; the CSV and Phoenix headers are written
 * once, up front, rather than "before the first document".
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/drive.h"
#include "code/code.h"
#include "model/model.h"
#include "out/event.h"

void hd_cmd_code_help(FILE *out)
{
    fprintf(out,
        "usage: hadath code [options] [FILE|DIR|-]...\n\n"
        "Codes political events (PLOVER types with their CAMEO codes) in\n"
        "each document and writes one event per line.\n\n"
        "options:\n"
        "  --date YYYY-MM-DD  the article date (overrides the input's); it\n"
        "                     also picks the date-restricted actor codes\n"
        "  --from FORMAT      auto (default), plain, jsonl, sgml,\n"
        "                     petrarch-xml, tsv\n"
        "  --to FORMAT        jsonl (default): hadath's record (kind, id,\n"
        "                       doc_id, sentence, section, date, event_type,\n"
        "                       mode, context, cameo, quad, negated,\n"
        "                       hypothetical, source, target, location,\n"
        "                       quantities, attribution, trigger, pattern,\n"
        "                       evidence, score)\n"
        "                     csv: the same flattened (RFC 4180)\n"
        "                     phoenix: Phoenix TSV columns, asserted events\n"
        "                     plover: PLOVER JSON field names\n"
        "                     table: a readable table, for people\n"
        "  --data DIR         dictionaries (default: %s)\n"
        "  --detector D       who decides that a candidate is an event: rules\n"
        "                     (default; the dictionaries and cues), model (the\n"
        "                     trained detector in the data directory) or both\n"
        "                     (the model, where the rules are unsure); roles\n"
        "                     always come from the dictionaries\n"
        "  --strict           stop at the first bad record\n"
        "  --threads N        threads that code, the main one included\n"
        "                     (default: the number of online cores); the\n"
        "                     output is the same, in input order\n\n"
        "Negated and hypothetical events are written (jsonl, csv, plover)\n"
        "and marked; they are not facts. Actor codes split into country (the\n"
        "first three letters; none for ---) and sector (the first later\n"
        "three-letter CAMEO role: SYRREB is SYR/REB, IMGMUSISI is\n"
        "IMG/none).\n\n"
        "exit: 0 ok, 1 some records were bad (reported on stderr, the good\n"
        "ones still written), 2 usage error, 3 failure\n",
        hd_cli_data_dir());
}

enum { TO_JSONL, TO_CSV, TO_PHOENIX, TO_PLOVER, TO_TABLE };

typedef struct code_ctx {
    hd_lexicon *lex; /* read-only: shared by the worker threads */
    int to;
    int detector; /* HD_DETECT_* asked for */
} code_ctx;

static int code_one(hd_cli_run *run, hd_doc *doc, hd_error *err)
{
    const code_ctx *c = run->ctx;
    /* every format writes events (and what they point to), no list */
    if (hd_code_ex(c->lex, doc, HD_CODE_EVENTS_ONLY, err) != 0)
        return -1;
    switch (c->to) {
    case TO_CSV:
        hd_out_events_csv(&run->out, doc);
        break;
    case TO_PHOENIX:
        hd_out_events_phoenix(&run->out, doc);
        break;
    case TO_PLOVER: hd_out_events_plover(&run->out, doc); break;
    case TO_TABLE: hd_out_events_table(&run->out, doc); break;
    default: hd_out_events_jsonl(&run->out, doc); break;
    }
    return 0;
}

/* The model is asked for by name, so its absence is an error here, not a
 * quiet fallback to the rules: the user would count different events. */
static int set_detector(hd_lexicon *lex, int detector)
{
    if (detector != HD_DETECT_DEFAULT && detector != HD_DETECT_RULES &&
        !lex->model) {
        fprintf(stderr, "hadath code: --detector %s needs the trained "
                        "detector: %s\n", hd_detector_name(detector),
                lex->model_note);
        return -1;
    }
    hd_lexicon_set_detector(lex, detector);
    return 0;
}

static int format_to(const char *s)
{
    static const char *const names[] = {"jsonl", "csv", "phoenix", "plover",
                                        "table"};
    for (int i = 0; i < 5; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return strcmp(s, "json") == 0 ? TO_JSONL : -1;
}

int hd_cmd_code(int argc, char **argv)
{
    static const struct option opts[] = {
        {"date", required_argument, NULL, 'd'},
        {"from", required_argument, NULL, 'f'},
        {"to", required_argument, NULL, 't'},
        {"data", required_argument, NULL, 'D'},
        {"detector", required_argument, NULL, 'R'},
        {"strict", no_argument, NULL, 's'},
        {"threads", required_argument, NULL, 'T'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    hd_cli_run run = {0};
    code_ctx ctx = {0};
    const char *data = hd_cli_data_dir();
    const char *env_data = getenv("HADATH_DATA");
    int own_data = env_data && *env_data; /* the user's dictionaries */
    hd_text_opts_default(&run.text_opts);
    run.each = code_one;
    run.ctx = &ctx;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        int shared = hd_cli_input_option(&run, c, optarg, "code");
        if (shared < 0)
            return HD_EXIT_USAGE;
        if (shared)
            continue;
        switch (c) {
        case 't':
            ctx.to = format_to(optarg);
            if (ctx.to < 0) {
                fprintf(stderr, "hadath code: --to jsonl, csv, phoenix, "
                                "plover or table, not '%s'\n", optarg);
                return HD_EXIT_USAGE;
            }
            break;
        case 'D': data = optarg; own_data = 1; break;
        case 'R':
            ctx.detector = hd_detector_from_name(optarg);
            if (ctx.detector < 0) {
                fprintf(stderr, "hadath code: --detector rules, model or "
                                "both, not '%s'\n", optarg);
                return HD_EXIT_USAGE;
            }
            break;
        case 'h': hd_cmd_code_help(stdout); return HD_EXIT_OK;
        default: hd_cmd_code_help(stderr); return HD_EXIT_USAGE;
        }
    }
    if (hd_cli_check_date(run.date) != 0)
        return HD_EXIT_USAGE;
    hd_error err;
    hd_error_clear(&err);
    ctx.lex = hd_lexicon_open(data, &err);
    if (!ctx.lex) {
        hd_cli_report(&err);
        return HD_EXIT_FAIL;
    }
    if (set_detector(ctx.lex, ctx.detector) != 0) {
        hd_lexicon_close(ctx.lex);
        return HD_EXIT_FAIL;
    }
    if (own_data)
        hd_cli_dict_warnings(data);
    /* The header once, before any document (the workers cannot know which
     * document comes first). */
    if (ctx.to == TO_CSV)
        hd_out_events_csv_header(&run.out);
    else if (ctx.to == TO_PHOENIX)
        hd_out_events_phoenix_header(&run.out);
    int rc = hd_cli_drive(&run, argv + optind, argc - optind);
    hd_lexicon_close(ctx.lex);
    return rc;
}
