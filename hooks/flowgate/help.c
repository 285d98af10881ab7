/*
 * flowgate help, --help and -h (flowgate/cmd.h): the help table
 * (help.h) printed, for the command or for one of its subcommands.
 */
#include <string.h>
#include "flowgate/cmd.h"
#include "help.h"

int fg_cmd_help(int argc, char **argv, FILE *out, FILE *err)
{
	const char *command = argc > 1 ? argv[1] : NULL;
	const struct fg_help *h;

	if (!command) {
		fg_help_print_all(err);
		return FG_EXIT_USAGE;
	}
	if (!strcmp(command, "help") || !strcmp(command, "--help") || !strcmp(command, "-h")) {
		if (argc == 2) {
			fg_help_print_all(out);
			return 0;
		}
		if (argc > 3) {
			fg_print_line(err, "flowgate: error: unexpected argument '%s'; help takes one "
				      "command", argv[3]);
			return FG_EXIT_USAGE;
		}
		if (!strcmp(argv[2], "--help") || !strcmp(argv[2], "-h")) /* help --help */
			h = fg_help_find("help");
		else if (!(h = fg_help_find(argv[2]))) {
			fg_print_line(err, "flowgate: error: no command is named '%s'; flowgate "
				      "--help lists them", argv[2]);
			return FG_EXIT_USAGE;
		}
		fg_help_print(h, out);
		return 0;
	}
	if (!(h = fg_help_find(command)))
		return -1; /* the unknown command's error comes later */
	for (int i = 2; i < argc && (i == 2 || strcmp(command, "hook")); i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fg_help_print(h, out);
			return 0;
		}
	}
	return -1;
}
