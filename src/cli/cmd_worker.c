/*
 * cmd_worker.c: `hadath worker`: claim queued batches, code them and store the results.
 *
 * Placeholder: the command is being written.
 */
#include "cli/cli.h"

void hd_cmd_worker_help(FILE *out)
{
    fprintf(out, "usage: hadath worker ...\n  claim queued batches, code them and store the results\n");
}

int hd_cmd_worker(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "hadath worker: not implemented yet\n");
    return HD_EXIT_FAIL;
}
