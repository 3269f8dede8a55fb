/*
 * cmd_train.c: `hadath train`: train the event detector on the dev gold sets and write its weights.
 *
 * Placeholder: the command is being written.
 */
#include "cli/cli.h"

void hd_cmd_train_help(FILE *out)
{
    fprintf(out, "usage: hadath train ...\n  train the event detector on the dev gold sets and write its weights\n");
}

int hd_cmd_train(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "hadath train: not implemented yet\n");
    return HD_EXIT_FAIL;
}
