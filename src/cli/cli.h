/* cli.h: the hadath command's subcommands. Each lives in cmd_<name>.c and
 * does argument parsing and wiring only; the work is in the library. */
#ifndef HD_CLI_H
#define HD_CLI_H

#include <stdio.h>

#include "hadath.h"

/* Exit codes, the same for every subcommand. */
enum { HD_EXIT_OK = 0, HD_EXIT_BAD_RECORDS = 1, HD_EXIT_USAGE = 2,
       HD_EXIT_FAIL = 3 };

typedef struct hd_command {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv); /* argv[0] is the subcommand name */
    void (*help)(FILE *out);
} hd_command;

int hd_cmd_analyze(int argc, char **argv);
void hd_cmd_analyze_help(FILE *out);
int hd_cmd_code(int argc, char **argv); void hd_cmd_code_help(FILE *out);
int hd_cmd_dict(int argc, char **argv);
/* `dict lookup` (dict_lookup.c): what the coder matches in each text. */
int hd_cli_dict_lookup(const char *data, const char *date, char **texts,
                       int n);
void hd_cmd_dict_help(FILE *out);
int hd_cmd_eval(int argc, char **argv);
void hd_cmd_eval_help(FILE *out);
int hd_cmd_train(int argc, char **argv);
void hd_cmd_train_help(FILE *out);
int hd_cmd_compile(int argc, char **argv);
void hd_cmd_compile_help(FILE *out);
int hd_cmd_ingest(int argc, char **argv);
void hd_cmd_ingest_help(FILE *out);
int hd_cmd_search(int argc, char **argv);
void hd_cmd_search_help(FILE *out);
int hd_cmd_query(int argc, char **argv);
void hd_cmd_query_help(FILE *out);
int hd_cmd_dedup(int argc, char **argv);
void hd_cmd_dedup_help(FILE *out);
int hd_cmd_enqueue(int argc, char **argv);
void hd_cmd_enqueue_help(FILE *out);
int hd_cmd_worker(int argc, char **argv);
void hd_cmd_worker_help(FILE *out);

/* The data directory: $HADATH_DATA, else the source tree's data/ when run
 * from a build tree, else the installed one. */
const char *hd_cli_data_dir(void);

/* Prints an error as "hadath: file:line: byte N: msg" on stderr. */
void hd_cli_report(const hd_error *err);

/* True when s is "--help" or "-h". */
int hd_cli_is_help(const char *s);

#endif
