/* `praxis import FORMAT ...`: the dispatcher for importers. This minimal version (branch
 * export) knows one format, `praxis` (cli_import_praxis in export.c); the Stack Exchange
 * importer's branch owns the full dispatcher, which adds `praxis` beside its own formats. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/util.h"

static const char import_help[] =
    "usage: praxis import FORMAT ARGS...\n"
    "\n"
    "formats:\n"
    "  praxis FILE   a praxis-export file (praxis export), into an empty instance\n";

int cmd_import(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        fputs(import_help, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (!strcmp(argv[1], "praxis"))
        return cli_import_praxis(argc - 1, argv + 1);
    fprintf(stderr, "praxis import: unknown format '%s'\n\n%s", argv[1], import_help);
    return 2;
}
