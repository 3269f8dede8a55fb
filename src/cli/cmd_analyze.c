/*
 * cmd_analyze.c: `hadath analyze`: what hadath read in each document.
 *
 * One JSON object per document (JSONL), or a readable layout with --to text.
 * Parsing and wiring only: reading is in src/doc, analysis in src/text,
 * rendering in src/out/analyze*.c.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/drive.h"
#include "out/analyze.h"

void hd_cmd_analyze_help(FILE *out)
{
    fprintf(out,
            "usage: hadath analyze [options] [FILE|DIR|-]...\n\n"
            "Prints one JSON object per document: doc_id, date, title,\n"
            "captions (text, credit), headings, sentences (text, start, end,\n"
            "section, in_quote, quote_start) and quotes, then what the coder\n"
            "found: actors, places, dates, attributions, quantities and\n"
            "events (as `hadath code` writes them). Offsets are bytes into\n"
            "the document text (for plain files, the file itself).\n\n"
            "options:\n"
            "  --date YYYY-MM-DD  the article date (overrides the input's)\n"
            "  --from FORMAT      auto (default), plain, jsonl, sgml,\n"
            "                     petrarch-xml, tsv\n"
            "  --to FORMAT        json (default) or text\n"
            "  --tokens           list each sentence's tokens (surface, key,\n"
            "                     stem, kind, start, end)\n"
            "  --no-code          structure only: skip the coder (no actors,\n"
            "                     places, dates, attributions, quantities,\n"
            "                     events)\n"
            "  --data DIR         dictionaries (default: the data directory)\n"
            "  --strict           stop at the first bad record\n"
            "  --threads N        threads that analyse, the main one included\n"
            "                     (default: the number of online cores); the\n"
            "                     output is the same, in input order\n\n"
            "exit: 0 ok, 1 some records were bad (reported on stderr, the\n"
            "good ones still written), 2 usage error, 3 failure\n");
}

typedef struct {
    unsigned flags;
    int text;
    hd_lexicon *lex; /* NULL with --no-code */
} analyze_ctx;

static int analyze_one(hd_cli_run *run, hd_doc *doc, hd_error *err)
{
    const analyze_ctx *c = run->ctx;
    if (c->lex && hd_code(c->lex, doc, err) != 0)
        return -1;
    if (c->text)
        hd_out_analyze_text(&run->out, doc, c->flags);
    else {
        hd_out_analyze(&run->out, doc, c->flags);
        hd_buf_putc(&run->out, '\n');
    }
    return 0;
}

int hd_cmd_analyze(int argc, char **argv)
{
    static const struct option opts[] = {
        {"date", required_argument, NULL, 'd'},
        {"from", required_argument, NULL, 'f'},
        {"to", required_argument, NULL, 't'},
        {"tokens", no_argument, NULL, 'k'},
        {"strict", no_argument, NULL, 's'},
        {"threads", required_argument, NULL, 'T'},
        {"no-code", no_argument, NULL, 'n'},
        {"data", required_argument, NULL, 'D'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    hd_cli_run run = {0};
    analyze_ctx ctx = {0};
    int code = 1;
    const char *data = hd_cli_data_dir();
    const char *env_data = getenv("HADATH_DATA");
    int own_data = env_data && *env_data; /* the user's dictionaries */
    hd_text_opts_default(&run.text_opts);
    run.each = analyze_one;
    run.ctx = &ctx;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        int shared = hd_cli_input_option(&run, c, optarg, "analyze");
        if (shared < 0)
            return HD_EXIT_USAGE;
        if (shared)
            continue;
        switch (c) {
        case 't':
            if (strcmp(optarg, "text") == 0)
                ctx.text = 1;
            else if (strcmp(optarg, "json") != 0 && strcmp(optarg, "jsonl") != 0) {
                fprintf(stderr, "hadath analyze: --to json or text, not '%s'\n", optarg);
                return HD_EXIT_USAGE;
            }
            break;
        case 'k': ctx.flags |= HD_ANALYZE_TOKENS; break;
        case 'n': code = 0; break;
        case 'D': data = optarg; own_data = 1; break;
        case 'h': hd_cmd_analyze_help(stdout); return HD_EXIT_OK;
        default: hd_cmd_analyze_help(stderr); return HD_EXIT_USAGE;
        }
    }
    if (hd_cli_check_date(run.date) != 0)
        return HD_EXIT_USAGE;
    if (code) {
        hd_error err;
        hd_error_clear(&err);
        ctx.lex = hd_lexicon_open(data, &err);
        if (!ctx.lex) {
            hd_cli_report(&err);
            return HD_EXIT_FAIL;
        }
        if (own_data)
            hd_cli_dict_warnings(data);
        ctx.flags |= HD_ANALYZE_CODED;
    }
    int rc = hd_cli_drive(&run, argv + optind, argc - optind);
    hd_lexicon_close(ctx.lex);
    return rc;
}
