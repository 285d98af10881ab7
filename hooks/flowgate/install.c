/*
 * flowgate install and flowgate uninstall (flowgate/cmd.h): install.sh
 * run in this process's place (execv), so that its help, output and exit
 * status are the command's.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "flowgate/cmd.h"

/*
 * flowgate install / uninstall ARGV[2..]: exec install.sh with the same
 * arguments (--uninstall first for uninstall), so that its help, output and
 * exit status are the command's. The installed one is
 * <dir of this program>/../libexec/flowgate/install.sh (make install); else,
 * run from a checkout's build directory, the checkout's <dir>/../install.sh,
 * with FLOWGATE_BUILD=<dir> so that the hooks run the binaries built beside
 * this program. Returns only when neither can be run: 1, as install.sh when
 * nothing could be installed.
 */
int fg_cmd_install(int argc, char **argv, FILE *out, FILE *err)
{
	char self[PATH_MAX], *installed = NULL, *checkout = NULL, **args;
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	int k = 1;

	(void)out; /* install.sh writes to the standard output itself */
	if (n <= 0 || self[0] != '/') {
		fprintf(err, "flowgate: error: cannot find this program (/proc/self/exe): %s; run "
			"install.sh from flowgate's libexec directory instead\n",
			n < 0 ? strerror(errno) : "not a path");
		return 1;
	}
	self[n] = '\0';
	*strrchr(self, '/') = '\0';
	if (!(args = calloc((size_t)argc + 1, sizeof(*args))) ||
	    !(installed = fg_strdupf("%s/../libexec/flowgate/install.sh", self)) ||
	    !(checkout = fg_strdupf("%s/../install.sh", self))) {
		fprintf(err, "flowgate: fatal: out of memory\n");
		goto out;
	}
	if (!strcmp(argv[1], "uninstall"))
		args[k++] = "--uninstall";
	for (int i = 2; i < argc; i++)
		args[k++] = argv[i];
	if (access(installed, X_OK) == 0) {
		args[0] = installed;
	} else if (access(checkout, X_OK) == 0) {
		args[0] = checkout;
		if (setenv("FLOWGATE_BUILD", self, 1) < 0) {
			fprintf(err, "flowgate: fatal: cannot set FLOWGATE_BUILD: %s\n", strerror(errno));
			goto out;
		}
	} else {
		fprintf(err, "flowgate: error: cannot find install.sh (not in %s nor %s); reinstall "
			"flowgate (make install)\n", installed, checkout);
		goto out;
	}
	fflush(NULL);
	execv(args[0], args);
	fprintf(err, "flowgate: error: cannot run %s: %s; reinstall flowgate (make install)\n",
		args[0], strerror(errno));
out:
	free(args);
	free(installed);
	free(checkout);
	return 1;
}
