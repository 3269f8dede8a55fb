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
    int threads;           /* --threads: threads that process documents,
                              the main one included; 0 = online cores */
    hd_text_opts text_opts;
    /* called for each analysed document; appends its output to run->out;
     * returns 0, or -1 with err set (the document counts as bad, and what
     * it appended is dropped). With --threads above 1 it runs on several
     * threads (the calling one among them), several documents at once:
     * the run it receives is a copy private to one window entry (its own
     * out), and it must only READ run->ctx and everything reachable from
     * it (the lexicon is read-only). */
    int (*each)(hd_cli_run *run, hd_doc *doc, hd_error *err);
    /* optional: called after each, in input order, on the calling thread,
     * before the document is reused (a store writes here: with --threads,
     * each runs in parallel but commit never does). It receives the
     * command's own run; the document's output is already in run->out and
     * is dropped when commit fails (returns -1 with err set). */
    int (*commit)(hd_cli_run *run, hd_doc *doc, hd_error *err);
    void *ctx;
    /* kept by the driver */
    hd_buf out;
    size_t n_docs, n_bad;
};

/* The input options every document command shares: --date ('d'), --from
 * ('f'), --strict ('s'), --threads ('T'). Returns 1 when opt was one of
 * them, 0 when not, -1 (message printed) for a bad value. */
int hd_cli_input_option(hd_cli_run *run, int opt, const char *arg,
                        const char *cmd);

/* Validates a --date argument; prints the error and returns -1 if bad. */
int hd_cli_check_date(const char *date);

/* The number of threads run->threads asks for, the calling one included
 * (0: the online cores, sysconf(_SC_NPROCESSORS_ONLN)). */
int hd_cli_threads(const hd_cli_run *run);

/* Runs every input through run->each (and run->commit). Output and bad
 * record reports come in input order whatever the thread count. Returns the
 * exit code: 0, 1 when some records or inputs were bad, 3 when the output
 * could not be written. */
int hd_cli_drive(hd_cli_run *run, char **paths, int n_paths);

/* Warns on stderr about every line of the dictionaries under data_dir that
 * cannot be read (file:line: why), reading their text files again: for
 * dictionaries the user chose (--data, HADATH_DATA), which are still
 * loaded and used, less those lines. */
void hd_cli_dict_warnings(const char *data_dir);

#endif
