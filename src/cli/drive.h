/* drive.h: the shared document loop of analyze, code and later commands. */
#ifndef HD_CLI_DRIVE_H
#define HD_CLI_DRIVE_H

#include "base/buf.h"
#include "cli/cli.h"

typedef struct hd_cli_run hd_cli_run;

struct hd_cli_run {
    /* set by the command */
    hd_format format;
    const char *date;      /* --date: overrides every document's date */
    int strict;            /* --strict: the first bad record is fatal */
    hd_text_opts text_opts;
    /* called for each analysed document; appends its output to run->out;
     * returns 0, or -1 with err set (the document counts as bad) */
    int (*each)(hd_cli_run *run, hd_doc *doc, hd_error *err);
    /* optional: called after each, in input order, on the calling thread,
     * before the document is reused (a store writes here: with --threads,
     * each runs in parallel but commit never does) */
    int (*commit)(hd_cli_run *run, hd_doc *doc, hd_error *err);
    void *ctx;
    /* kept by the driver */
    hd_buf out;
    size_t n_docs, n_bad;
};

/* The input options every document command shares: --date ('d'), --from
 * ('f'), --strict ('s'). Returns 1 when opt was one of them, 0 when not,
 * -1 (message printed) for a bad value. */
int hd_cli_input_option(hd_cli_run *run, int opt, const char *arg,
                        const char *cmd);

/* Validates a --date argument; prints the error and returns -1 if bad. */
int hd_cli_check_date(const char *date);

/* Runs every input through run->each. Returns the exit code: 0, 1 when some
 * records or inputs were bad, 3 when the output could not be written. */
int hd_cli_drive(hd_cli_run *run, char **paths, int n_paths);

#endif
