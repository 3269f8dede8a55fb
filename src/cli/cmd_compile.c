/*
 * cmd_compile.c: `hadath compile`: the dictionaries, cue and phrase lists,
 * gazetteer and detector weights of a data directory, loaded from their
 * text files and written as one compiled lexicon (src/code/lexfile.c).
 *
 * Wiring only. hadath writes the compiled file by itself the first time it
 * runs on a data directory and again whenever a source changes, so this
 * command is for building it ahead of time (an install, a read-only cache)
 * or for a file of one's own (-o; use it with HADATH_LEXICON=FILE).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "code/code.h"
#include "code/lexfile.h"

void hd_cmd_compile_help(FILE *out)
{
    fprintf(out,
        "usage: hadath compile [--data DIR] [-o FILE]\n\n"
        "Loads the dictionaries (DIR/dict), the cue, reporting and counted\n"
        "lists, the gazetteer (DIR/geo) and the detector's weights\n"
        "(DIR/model, if any) from their text files and writes them as one\n"
        "compiled lexicon, which hadath maps instead of parsing the text.\n"
        "hadath does this by itself when the file is missing or a source has\n"
        "changed; this command does it ahead of time.\n\n"
        "  --data DIR   data directory (default: %s)\n"
        "  -o FILE      where to write (default: $HADATH_LEXICON, else\n"
        "               $XDG_CACHE_HOME/hadath or ~/.cache/hadath/\n"
        "               lexicon-HASH.lex for DIR; writing there also\n"
        "               removes the files of data directories that are\n"
        "               gone, and keeps at most %d in all)\n\n"
        "HADATH_LEXICON=FILE makes every command use FILE (a damaged FILE\n"
        "is then an error, not rebuilt); HADATH_LEXICON=text skips the\n"
        "compiled lexicon.\n\n"
        "Exit: 0 written; 2 usage; 3 a source cannot be read or the file\n"
        "cannot be written.\n",
        hd_cli_data_dir(), HD_LEXFILE_CACHE_MAX);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void print_section(void *ud, const char *name, size_t bytes)
{
    (void)ud;
    printf("  %-20s %10zu bytes\n", name, bytes);
}

int hd_cmd_compile(int argc, char **argv)
{
    const char *dir = NULL, *out = NULL;
    for (int i = 1; i < argc; i++) {
        if (hd_cli_is_help(argv[i])) {
            hd_cmd_compile_help(stdout);
            return HD_EXIT_OK;
        } else if (strcmp(argv[i], "--data") == 0 && i + 1 < argc) {
            dir = argv[++i];
        } else if ((strcmp(argv[i], "-o") == 0 ||
                    strcmp(argv[i], "--output") == 0) && i + 1 < argc) {
            out = argv[++i];
        } else {
            fprintf(stderr, "hadath compile: unexpected '%s' (see hadath "
                    "compile --help)\n", argv[i]);
            return HD_EXIT_USAGE;
        }
    }
    if (!dir)
        dir = hd_cli_data_dir();
    char path[4200];
    if (!out) {
        if (hd_lexfile_default_path(dir, path, sizeof path) != 0) {
            fprintf(stderr, "hadath compile: no cache directory for %s (no "
                    "HOME or XDG_CACHE_HOME); give -o FILE\n", dir);
            return HD_EXIT_FAIL;
        }
        out = path;
    }
    hd_error err;
    hd_error_clear(&err);
    double t0 = now_ms();
    hd_lexicon *lx = hd_lexicon_open_text(dir, &err);
    if (!lx) {
        fprintf(stderr, "hadath compile: %s:%ld: %s\n", err.file, err.line,
                err.msg);
        return HD_EXIT_FAIL;
    }
    double t1 = now_ms();
    size_t bytes = 0;
    int rc = hd_lexfile_write(lx, out, &bytes, &err);
    hd_lexicon_close(lx);
    if (rc != 0) {
        fprintf(stderr, "hadath compile: %s: %s\n", err.file, err.msg);
        return HD_EXIT_FAIL;
    }
    double t2 = now_ms();
    if (out == path) /* the cache: drop what no run will want */
        hd_lexfile_prune(path, HD_LEXFILE_CACHE_MAX);
    printf("%s: %zu bytes (text loaded in %.0f ms, written in %.0f ms)\n", out,
           bytes, t1 - t0, t2 - t1);
    if (hd_lexfile_sections(out, print_section, NULL, &err) < 0) {
        fprintf(stderr, "hadath compile: %s: %s\n", err.file, err.msg);
        return HD_EXIT_FAIL;
    }
    return HD_EXIT_OK;
}
