/*
 * cmd_search.c: `hadath search`: full-text search the stored articles (Arabic-aware).
 *
 * Placeholder: the command is being written.
 */
#include "cli/cli.h"

void hd_cmd_search_help(FILE *out)
{
    fprintf(out, "usage: hadath search ...\n  full-text search the stored articles (Arabic-aware)\n");
}

int hd_cmd_search(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "hadath search: not implemented yet\n");
    return HD_EXIT_FAIL;
}
