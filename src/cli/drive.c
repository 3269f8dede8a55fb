/*
 * drive.c: the loop every document-processing command shares.
 *
 * Inputs (files, directories, "-") are expanded, each is opened with a
 * reader, and every document is analysed and handed to the command's
 * callback. The policy for bad input lives here, once: a bad record or an
 * unreadable input is reported on stderr with its position and skipped, the
 * good ones go on, and the exit code says 1 at the end; with --strict the
 * first bad record stops the run.
 */
#include "cli/drive.h"

#include <stdlib.h>
#include <string.h>

#include "doc/input.h"

static int valid_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int m = atoi(s + 5), d = atoi(s + 8);
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

int hd_cli_check_date(const char *date)
{
    if (date && !valid_date(date)) {
        fprintf(stderr, "hadath: --date wants YYYY-MM-DD, got '%s'\n", date);
        return -1;
    }
    return 0;
}

int hd_cli_input_option(hd_cli_run *run, int opt, const char *arg,
                        const char *cmd)
{
    switch (opt) {
    case 'd':
        run->date = arg;
        return 1;
    case 's':
        run->strict = 1;
        return 1;
    case 'f': {
        int f = hd_format_from_name(arg);
        if (f < 0) {
            fprintf(stderr, "hadath %s: unknown input format '%s' (auto, "
                    "plain, jsonl, sgml, petrarch-xml, tsv)\n", cmd, arg);
            return -1;
        }
        run->format = (hd_format)f;
        return 1;
    }
    default:
        return 0;
    }
}

static void flush(hd_cli_run *run)
{
    if (run->out.len) {
        fwrite(run->out.data, 1, run->out.len, stdout);
        hd_buf_clear(&run->out);
    }
}

/* Reads every document of one input; returns -1 to stop the whole run. */
static int drive_input(hd_cli_run *run, const char *path, hd_doc *doc)
{
    hd_error err;
    hd_error_clear(&err);
    hd_reader *r = hd_reader_open(path, run->format, &err);
    if (!r) {
        hd_cli_report(&err);
        run->n_bad++;
        return run->strict ? -1 : 0;
    }
    int rc, stop = 0;
    while (!stop && (rc = hd_reader_next(r, doc, &err)) != 0) {
        if (rc < 0) {
            hd_cli_report(&err);
            run->n_bad++;
            stop = run->strict;
            hd_error_clear(&err);
            continue;
        }
        if (run->date)
            doc->date = run->date;
        if (hd_text_analyze(doc, &run->text_opts, &err) != 0 ||
            run->each(run, doc, &err) != 0 ||
            (run->commit && run->commit(run, doc, &err) != 0)) {
            hd_cli_report(&err);
            run->n_bad++;
            stop = run->strict;
            hd_error_clear(&err);
        } else {
            run->n_docs++;
        }
        if (run->out.len > (1u << 16))
            flush(run);
    }
    hd_reader_close(r);
    flush(run);
    return stop ? -1 : 0;
}

int hd_cli_drive(hd_cli_run *run, char **paths, int n_paths)
{
    static char *stdin_only[] = {"-"};
    if (n_paths == 0) {
        paths = stdin_only;
        n_paths = 1;
    }
    /* A path that does not exist is a bad input like any other: reported,
     * skipped, and the rest still processed. */
    hd_inputs in;
    hd_inputs_init(&in);
    for (int i = 0; i < n_paths; i++) {
        hd_error err;
        hd_error_clear(&err);
        if (hd_inputs_add(&in, paths[i], &err) != 0) {
            hd_cli_report(&err);
            run->n_bad++;
        }
    }
    hd_doc doc;
    hd_doc_init(&doc);
    for (size_t i = 0; i < in.n; i++)
        if ((run->strict && run->n_bad) || drive_input(run, in.paths[i], &doc) != 0)
            break;
    hd_doc_free(&doc);
    hd_inputs_free(&in);
    flush(run);
    hd_buf_free(&run->out);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "hadath: cannot write the output\n");
        return HD_EXIT_FAIL;
    }
    return run->n_bad ? HD_EXIT_BAD_RECORDS : HD_EXIT_OK;
}
