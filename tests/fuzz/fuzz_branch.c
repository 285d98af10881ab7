/*
 * libFuzzer target: branch names (what pre-commit reads from HEAD and
 * pre-push from the pushed refs). The input, up to its first NUL, is the
 * name without "refs/heads/". It is classified by the built-in branch
 * kinds (fg_branch_parse, which asks libgit2 whether it is a valid
 * refname), judged by branchName with both hints, given a suggestion
 * (which must be a name the configuration accepts, as refname.h promises),
 * and pushed as refs/heads/<name> and refs/tags/<name> through
 * branchProtected's three kinds of change; every text of the report is
 * printable as it is (the name escaped, or quoted for the shell).
 */
#include "fuzz.h"
#include "config.h"
#include "refname.h"
#include "gitinit.h"
#include "report.h"

static struct fg_config cfg;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	FUZZ_ASSERT(fg_git_init() >= 0, "fg_git_init failed");
	FUZZ_ASSERT(fg_config_init(&cfg) == 0, "fg_config_init failed");
	return 0;
}

static void one_input(const uint8_t *data, size_t size)
{
	static const enum fg_ref_change changes[] = { FG_REF_DELETED, FG_REF_NOT_FAST_FORWARD,
						      FG_REF_OLD_UNKNOWN };
	static const char *const prefixes[] = { "refs/heads/", "refs/tags/" };
	char *name = fuzz_strndup(data, size), *suggestion, *refname;
	struct fg_branch b, s;
	struct fg_report report;
	int rc;

	rc = fg_branch_parse(&cfg, name, &b);
	FUZZ_ASSERT(rc == 0 || rc == -1, "fg_branch_parse returned %d", rc);
	FUZZ_ASSERT(rc == 0 ? b.kind != FG_BRANCH_INVALID && b.spec
			    : b.kind == FG_BRANCH_INVALID && !b.spec,
		    "fg_branch_parse: kind %d for return %d", (int)b.kind, rc);
	FUZZ_ASSERT(!fg_branch_has_series(&b) || rc == 0, "a series on an invalid branch");

	suggestion = fg_branch_suggest(&cfg, name);
	if (suggestion)
		FUZZ_ASSERT(fg_branch_parse(&cfg, suggestion, &s) == 0,
			    "suggestion '%s' for '%s' is not a valid branch", suggestion, name);
	free(suggestion);

	fg_report_init(&report);
	report.severity = cfg.severity;
	for (int hint = 0; hint < 2; hint++) {
		rc = fg_check_branch_name(&report, &cfg, name, hint);
		FUZZ_ASSERT(rc == 0 || rc == -1, "fg_check_branch_name returned %d", rc);
	}
	for (size_t p = 0; p < sizeof(prefixes) / sizeof(prefixes[0]); p++) {
		refname = malloc(strlen(prefixes[p]) + strlen(name) + 1);
		FUZZ_ASSERT(refname, "out of memory");
		strcpy(refname, prefixes[p]);
		strcat(refname, name);
		rc = fg_branch_protected(&cfg, refname, &s);
		FUZZ_ASSERT(rc == 0 || rc == 1, "fg_branch_protected returned %d", rc);
		for (size_t c = 0; c < sizeof(changes) / sizeof(changes[0]); c++) {
			rc = fg_check_protected(&report, &cfg, refname, changes[c],
						"0123456789abcdef0123456789abcdef01234567", "origin");
			FUZZ_ASSERT(rc == 0 || rc == 1, "fg_check_protected returned %d", rc);
		}
		free(refname);
	}
	FUZZ_ASSERT(!report.oom, "report out of memory");
	for (size_t i = 0; i < report.n; i++) {
		fuzz_printable(report.items[i].message, 0, "a message");
		fuzz_printable(report.items[i].hint, 0, "a hint");
		fuzz_printable(report.items[i].detail, FG_ESC_NEWLINE, "a detail");
		fuzz_printable(report.items[i].excerpt, 0, "an excerpt");
	}
	fg_report_print(&report, fuzz_devnull(), "pre-push", 0, 0);
	report.severity = NULL;
	fg_report_release(&report);
	FUZZ_ASSERT(!cfg.error, "configuration error: %s", cfg.error);
	free(name);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FUZZ_RUN(one_input(data, size));
	return 0;
}
