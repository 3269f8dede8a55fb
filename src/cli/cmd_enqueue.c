/*
 * cmd_enqueue.c: `hadath enqueue`: load articles into a PostgreSQL work queue.
 *
 * Placeholder: the command is being written.
 */
#include "cli/cli.h"

void hd_cmd_enqueue_help(FILE *out)
{
    fprintf(out, "usage: hadath enqueue ...\n  load articles into a PostgreSQL work queue\n");
}

int hd_cmd_enqueue(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "hadath enqueue: not implemented yet\n");
    return HD_EXIT_FAIL;
}
