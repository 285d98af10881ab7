/*
 * flowgate doctor (flowgate/cmd.h): fg_doctor (doctor.h) on the clone
 * named, or the current directory's, for the client hooks `flowgate hook`
 * runs.
 */
#include "doctor.h"
#include "flowgate/cmd.h"
#include "help.h"

/*
 * flowgate doctor [REPO]: fg_doctor (doctor.h) on the client hooks the
 * `hook` command runs (fg_cmd_hooks), so that a hook added there is checked
 * too. Returns its exit status, or FG_EXIT_USAGE.
 */
int fg_cmd_doctor(int argc, char **argv, FILE *out, FILE *err)
{
	const char *names[sizeof(fg_cmd_hooks) / sizeof(fg_cmd_hooks[0])], *repo = NULL;

	for (int i = 2; i < argc; i++) {
		if ((argv[i][0] == '-' && argv[i][1]) || repo) {
			fg_print_line(err, "flowgate doctor: error: unexpected argument '%s'", argv[i]);
			fg_help_print_usage(fg_help_find("doctor"), err);
			return FG_EXIT_USAGE;
		}
		repo = argv[i];
	}
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		names[i] = fg_cmd_hooks[i].name;
	return fg_doctor(repo, names, sizeof(names) / sizeof(names[0]), out, err);
}
