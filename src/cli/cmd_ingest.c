/*
 * cmd_ingest.c: `hadath ingest`: code articles and store them with their events in a database.
 *
 * Placeholder: the command is being written.
 */
#include "cli/cli.h"

void hd_cmd_ingest_help(FILE *out)
{
    fprintf(out, "usage: hadath ingest ...\n  code articles and store them with their events in a database\n");
}

int hd_cmd_ingest(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "hadath ingest: not implemented yet\n");
    return HD_EXIT_FAIL;
}
