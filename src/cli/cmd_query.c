/*
 * cmd_query.c: `hadath query`: list or count stored events and incidents; export them.
 *
 * Placeholder: the command is being written.
 */
#include "cli/cli.h"

void hd_cmd_query_help(FILE *out)
{
    fprintf(out, "usage: hadath query ...\n  list or count stored events and incidents; export them\n");
}

int hd_cmd_query(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "hadath query: not implemented yet\n");
    return HD_EXIT_FAIL;
}
