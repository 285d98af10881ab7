/*
 * flowgate check-range (flowgate/cmd.h): every rule that applies to a
 * range of commits (fg_range_check, range.h), its results printed as they
 * come, on the branch --branch, the CI or HEAD names.
 */
#include <stdlib.h>
#include <string.h>
#include "flowgate/cmd.h"
#include "range.h"
#include "gitinit.h"
#include "repo.h"

/* check-range's results as they come, counted for the summary line. */
struct range_out {
	FILE *out;
	enum fg_cmd_format format;
	size_t passed, failed;
	int first;   /* no result written yet: the JSON array's commas */
	int started; /* the JSON document is open */
};

static void range_start(struct range_out *ro)
{
	if (!ro->started && ro->format == FG_CMD_JSON)
		fputs("{\n  \"results\": [", ro->out);
	ro->started = 1;
}

static int range_emit(void *payload, const struct fg_range_entry *entry)
{
	static const char *const kinds[] = { "branch", "commit", "tag" };
	struct range_out *ro = payload;

	range_start(ro);
	if (fg_report_count(entry->report, FG_ERROR))
		ro->failed++;
	else
		ro->passed++;
	fg_cmd_write_result(ro->out, ro->format, kinds[entry->kind], entry->name, entry->commit, NULL,
		     entry->report, &ro->first);
	return 0;
}

/*
 * check-range: every rule that applies to RANGE (range.h), on the branch
 * BRANCH names (--branch; "" for none), else the one the CI environment
 * names, else HEAD's.
 */
static int check_range(struct fg_config *cfg, git_repository *repo, const char *no_repo,
		       const char *range, const char *branch, enum fg_cmd_format format, FILE *out,
		       FILE *err)
{
	struct range_out ro = { out, format, 0, 0, 1, 0 };
	struct fg_range_options opts = { NULL, 0, range_emit, &ro };
	enum fg_branch_origin origin = FG_BRANCH_ORIGIN_OPTION;
	char *head = NULL;
	int rc;

	if (!repo) {
		fg_print_line(err, "flowgate: fatal: check-range needs a git repository: %s",
			      no_repo ? no_repo : "out of memory");
		return FG_EXIT_INTERNAL;
	}
	if (branch)
		opts.branch = *branch ? branch : NULL;
	else if (!(opts.branch = fg_ci_branch(getenv, &origin)) &&
		 fg_repo_head_branch(repo, &head) == 0 && head) {
		opts.branch = head; /* a detached HEAD: no branch, nothing said */
		origin = FG_BRANCH_ORIGIN_HEAD;
	}
	git_error_clear();
	/* a local branch is renamed; a CI's (or --branch's) was pushed under its name */
	opts.rename_hint = origin == FG_BRANCH_ORIGIN_HEAD;
	/* no object cache: the range reads each commit and tree once, and the
	 * cache would hold every one (136 MiB peak RSS on 50,000 commits) */
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
	rc = fg_range_check(repo, cfg, range, &opts);
	free(head);
	if (rc == FG_RANGE_ERANGE || (rc < 0 && rc != FG_RANGE_ECONFIG)) {
		/* libgit2 1.5 walks no shallow history: what lies below its end is "not found" */
		char *why = strdup(fg_git_error());
		int shallow = git_repository_is_shallow(repo) == 1;

		if (shallow)
			fg_print_line(err, "flowgate: fatal: check-range: this clone is shallow and "
				      "'%s' needs commits below its end (%s); fetch the whole "
				      "history: git fetch --unshallow (in CI, a full clone: "
				      "actions/checkout's fetch-depth: 0, GitLab's GIT_DEPTH: 0)",
				      range, why ? why : "out of memory");
		else if (why)
			git_error_set_str(GIT_ERROR_NONE, why);
		free(why);
		if (shallow)
			return FG_EXIT_INTERNAL;
	}
	switch (rc) {
	case 0:
		range_start(&ro);
		fg_cmd_write_summary(out, format, ro.passed, ro.failed);
		return ro.failed ? FG_EXIT_VIOLATION : 0;
	case FG_RANGE_ERANGE:
		fg_print_line(err, "flowgate: error: '%s' is not a range of this repository: %s; "
			      "give A..B, two commits of this repository", range, fg_git_error());
		return FG_EXIT_USAGE;
	case FG_RANGE_ECONFIG:
		fg_print_line(err, "flowgate: error: bad configuration: %s",
			      cfg->error ? cfg->error : "out of memory");
		return FG_EXIT_CONFIG;
	default:
		fg_print_line(err, "flowgate: fatal: check-range: %s", fg_git_error());
		return FG_EXIT_INTERNAL;
	}
}

int fg_cmd_check_range(int argc, char **argv, FILE *out, FILE *err)
{
	struct fg_cmd_check_args a;
	struct fg_config cfg;
	git_repository *repo = NULL;
	char *no_repo = NULL; /* why check-range has no repository */
	int status;

	if ((status = fg_cmd_check_args(&a, argc, argv, err)) != 0)
		return status;
	if ((status = fg_cmd_load(&cfg, &a.src, err, &repo, &no_repo)) != 0) {
		fg_config_release(&cfg);
		free(no_repo);
		return status;
	}
	status = check_range(&cfg, repo, no_repo, a.operand, a.branch, a.format, out, err);
	free(no_repo);
	git_repository_free(repo);
	fg_config_release(&cfg);
	return ferror(out) && !status ? FG_EXIT_INTERNAL : status;
}
