/*
 * flowgate config (flowgate/cmd.h): the effective configuration as the
 * hooks would read it here, each value with its origin (fg_config_write).
 */
#include <string.h>
#include "flowgate/cmd.h"

int fg_cmd_config(int argc, char **argv, FILE *out, FILE *err)
{
	struct fg_cmd_source src = { 0, NULL };
	struct fg_config cfg;
	int status;

	for (int i = 2; i < argc; i++)
		if (!fg_cmd_source_arg(&src, argc, argv, &i))
			return fg_cmd_unexpected(argv[1], argv[i], err);
	if ((status = fg_cmd_source_check(&src, err)) != 0)
		return status;
	if ((status = fg_cmd_load(&cfg, &src, err, NULL, NULL)) != 0) {
		fg_config_release(&cfg);
		return status;
	}
	fg_config_write(&cfg, out);
	fg_config_release(&cfg);
	return ferror(out) ? FG_EXIT_INTERNAL : 0;
}
