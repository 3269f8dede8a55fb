/*
 * cmd_dedup.c: `hadath dedup`: group stored events from many outlets into incidents.
 *
 * Placeholder: the command is being written.
 */
#include "cli/cli.h"

void hd_cmd_dedup_help(FILE *out)
{
    fprintf(out, "usage: hadath dedup ...\n  group stored events from many outlets into incidents\n");
}

int hd_cmd_dedup(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "hadath dedup: not implemented yet\n");
    return HD_EXIT_FAIL;
}
