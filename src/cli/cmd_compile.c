/*
 * cmd_compile.c: `hadath compile`: compile dictionaries, gazetteer and model into one mmap-able file.
 *
 * Placeholder: the command is being written.
 */
#include "cli/cli.h"

void hd_cmd_compile_help(FILE *out)
{
    fprintf(out, "usage: hadath compile ...\n  compile dictionaries, gazetteer and model into one mmap-able file\n");
}

int hd_cmd_compile(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "hadath compile: not implemented yet\n");
    return HD_EXIT_FAIL;
}
