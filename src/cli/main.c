/*
 * main.c: the hadath command's dispatcher.
 *
 * `hadath COMMAND [options] [FILE...]`, git style. Each subcommand is one
 * entry of the table below and one file cmd_<name>.c; this file knows only
 * how to find them and how to print the overview.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"

static const hd_command commands[] = {
    {"analyze", "show a document's structure, sentences and tokens as JSON",
     hd_cmd_analyze, hd_cmd_analyze_help},
    {"code", "code events (PLOVER/CAMEO, actors, evidence) as JSONL, CSV, Phoenix or PLOVER", hd_cmd_code, hd_cmd_code_help},
    {"dict", "load the dictionaries and report what was loaded and skipped",
     hd_cmd_dict, hd_cmd_dict_help},
    {"eval", "score the coding against gold sets (TSV, PETRARCH XML, span JSON, CoNLL-U)", hd_cmd_eval, hd_cmd_eval_help},
    {"train", "train the event detector on the dev gold sets and write its weights",
     hd_cmd_train, hd_cmd_train_help},
    {"compile", "compile dictionaries, gazetteer and model into one mmap-able file",
     hd_cmd_compile, hd_cmd_compile_help},
    {"ingest", "code articles and store them with their events in a database",
     hd_cmd_ingest, hd_cmd_ingest_help},
    {"search", "full-text search the stored articles (Arabic-aware)",
     hd_cmd_search, hd_cmd_search_help},
    {"query", "list or count stored events and incidents; export them",
     hd_cmd_query, hd_cmd_query_help},
    {"dedup", "group stored events from many outlets into incidents",
     hd_cmd_dedup, hd_cmd_dedup_help},
    {"enqueue", "load articles into a PostgreSQL work queue",
     hd_cmd_enqueue, hd_cmd_enqueue_help},
    {"worker", "claim queued batches, code them and store the results",
     hd_cmd_worker, hd_cmd_worker_help},
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *out)
{
    fprintf(out,
            "hadath %s: Arabic news in, political event data out\n\n"
            "usage: hadath COMMAND [options] [FILE...]\n"
            "       hadath COMMAND --help\n"
            "       hadath --version\n\ncommands:\n",
            HD_VERSION);
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].summary);
    fprintf(out,
            "\nInput: files, directories or - for stdin; plain text, JSONL, "
            "SGML, PETRARCH XML\nor the detection TSV, detected or set with "
            "--from. Exit codes: 0 success,\n1 some records were bad (each "
            "reported on stderr), 2 usage error, 3 failure.\n");
}

int hd_cli_is_help(const char *s)
{
    return strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0;
}

void hd_cli_report(const hd_error *err)
{
    char buf[1024];
    fprintf(stderr, "hadath: %s\n", hd_error_format(err, buf, sizeof buf));
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *hd_cli_data_dir(void)
{
    const char *env = getenv("HADATH_DATA");
    if (env && *env)
        return env;
#ifdef HD_SOURCE_DIR
    if (is_dir(HD_SOURCE_DIR "/data/dict"))
        return HD_SOURCE_DIR "/data";
#endif
    return HD_DATA_INSTALL_DIR;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return HD_EXIT_USAGE;
    }
    if (hd_cli_is_help(argv[1]) || strcmp(argv[1], "help") == 0) {
        if (argc > 2)
            for (size_t i = 0; i < N_COMMANDS; i++)
                if (strcmp(argv[2], commands[i].name) == 0) {
                    commands[i].help(stdout);
                    return HD_EXIT_OK;
                }
        usage(stdout);
        return HD_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("hadath %s\n", HD_VERSION);
        return HD_EXIT_OK;
    }
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "hadath: unknown command '%s' (see hadath --help)\n",
            argv[1]);
    return HD_EXIT_USAGE;
}
