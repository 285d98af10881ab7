/*
 * The flowgate command: `rules`, `config`, `explain` and the checks,
 * reading the configuration the way the hooks do (repo.c) and the rule
 * registry (rules.h); check-range runs range.c's checks, `version` and
 * `bump` hand over to release.c, `hook` to the hooks' own driver (hook.c),
 * `--help` to the help table (help.h).
 * Only `bump` writes: the version files, the index, and with --commit/--tag
 * a commit and a tag.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "fileio.h"
#include "changelog.h"
#include "cli.h"
#include "config.h"
#include "doctor.h"

#include "help.h"
#include "hook.h"
#include "hooks.h"
#include "hotfix.h"
#include "hotfixprint.h"
#include "init.h"
#include "prepare.h"
#include "message.h"
#include "range.h"
#include "bumpwrite.h"
#include "release.h"
#include "commitctx.h"
#include "gitinit.h"
#include "repo.h"
#include "repoconfig.h"
#include "summary.h"

enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_GITHUB };

/* Where to read the committed file from, as the options say. */
struct source {
	int cached;
	const char *rev;
};

/*
 * CFG as the hooks would see it: in a repository, with the committed file
 * from the work tree, the index or a commit; outside one, defaults and
 * git's global/system config, and *NO_REPO (NULL: not asked) a newly
 * allocated "why; fix" for a command that needs the repository. Returns 0
 * or an exit status.
 */
static int load(struct fg_config *cfg, const struct source *src, FILE *err,
		git_repository **repo_out, char **no_repo)
{
	git_repository *repo = NULL;
	git_index *index = NULL;
	git_object *tree = NULL;
	git_config *git_cfg = NULL;
	struct fg_config_from from = { NULL, NULL, src->rev, !src->cached && !src->rev, 0 };
	int rc, status = FG_EXIT_INTERNAL;

	memset(cfg, 0, sizeof(*cfg));
	if (repo_out)
		*repo_out = NULL;
	if ((rc = fg_repo_open(&repo)) < 0) {
		/*
		 * fg_repo_open refuses a repository another user owns as git
		 * does (a CI container's checkout): GIT_EOWNER, its message
		 * naming the directory safe.directory must name.
		 */
		int owner = rc == GIT_EOWNER;

		if (no_repo)
			*no_repo = fg_strdupf("%s; %s", fg_git_error(), owner
					      ? "if you trust it, git config --global --add "
						"safe.directory <the directory named>"
					      : "run it inside a clone");
		if (src->cached || src->rev) {
			fg_print_line(err, "flowgate: fatal: not in a git repository: %s",
				      fg_git_error());
			return FG_EXIT_INTERNAL;
		}
		git_error_clear();
		/* outside a repository: defaults, global and system config, environment */
		if (fg_config_init(cfg) < 0 || git_config_open_default(&git_cfg) < 0)
			goto fail;
		rc = fg_config_apply_git(cfg, git_cfg);
		if (rc == 0)
			rc = fg_config_apply_env(cfg, getenv("FLOWGATE_SKIP"));
		git_config_free(git_cfg);
	} else {
		if (src->cached && git_repository_index(&index, repo) < 0)
			goto fail;
		if (src->rev) {
			git_object *object = NULL;

			if (git_revparse_single(&object, repo, src->rev) < 0 ||
			    git_object_peel(&tree, object, GIT_OBJECT_TREE) < 0) {
				git_object_free(object);
				fg_print_line(err, "flowgate: error: '%s' names no commit: %s", src->rev,
					      fg_git_error());
				status = FG_EXIT_USAGE;
				goto out;
			}
			git_object_free(object);
		}
		from.index = index;
		from.tree = (git_tree *)tree;
		rc = fg_repo_config(cfg, repo, &from, NULL);
	}
	if (rc == -1) {
		fg_print_line(err, "flowgate: error: bad configuration: %s",
			      cfg->error ? cfg->error : "out of memory");
		status = FG_EXIT_CONFIG;
		goto out;
	}
	if (rc < 0)
		goto fail;
	status = 0;
	if (repo_out) { /* the caller goes on reading the repository */
		*repo_out = repo;
		repo = NULL;
	}
	goto out;
fail:
	fg_print_line(err, "flowgate: fatal: cannot read the configuration: %s", fg_git_error());
out:
	git_object_free(tree);
	git_index_free(index);
	git_repository_free(repo);
	return status;
}

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
static int run_installer(int argc, char **argv, FILE *err)
{
	char self[PATH_MAX], *installed = NULL, *checkout = NULL, **args;
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	int k = 1;

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

/* The severity column: the effective one, and why a rule is inactive. */
static const char *severity_text(const struct fg_config *cfg, enum fg_rule rule)
{
	if (rule == FG_RULE_SCOPE_ENUM && cfg->severity[rule] != FG_OFF && !cfg->nscopes)
		return "off (no scopes)";
	return fg_severity_config_name(fg_config_severity(cfg, rule));
}

static void write_rules(const struct fg_config *cfg, FILE *out)
{
	char hooks[80], *summary;

	fprintf(out, "%-20s %-16s %-22s %s\n", "RULE", "SEVERITY", "SET BY", "HOOKS");
	for (int i = 0; i < FG_RULE__COUNT; i++) {
		const struct fg_rule_info *info = fg_rule_info((enum fg_rule)i);

		fprintf(out, "%-20s %-16s ", info->name, severity_text(cfg, (enum fg_rule)i));
		/* where it was set: a configuration file's path, shown escaped */
		fg_print_escaped(out, cfg->severity_origin[i], strlen(cfg->severity_origin[i]), 0, 22);
		fprintf(out, " %s\n", fg_hook_names(info->hooks, hooks, sizeof(hooks)));
		summary = fg_rule_summary(cfg, (enum fg_rule)i);
		fprintf(out, "    %s\n", summary ? summary : fg_rule_info((enum fg_rule)i)->summary);
		free(summary);
	}
}

/* TEXT's newline-separated examples as "`a`, `b`" (a '|' escaped for the table). */
static void write_examples(FILE *out, const char *text)
{
	int first = 1;

	while (*text) {
		size_t len = strcspn(text, "\n");

		fprintf(out, "%s`", first ? "" : ", ");
		for (size_t i = 0; i < len; i++)
			fputs(text[i] == '|' ? "\\|" : (char[]){ text[i], '\0' }, out);
		fputc('`', out);
		first = 0;
		text += len + (text[len] == '\n');
	}
}

/*
 * The README's rules table: from the registry and the built-in defaults
 * (DEFAULTS, fg_config_init), never the configuration.
 */
static void write_markdown(FILE *out, const struct fg_config *defaults)
{
	char hooks[80], *summary;

	fprintf(out, "| rule | hooks | default | checks | refused, for example |\n");
	fprintf(out, "| --- | --- | --- | --- | --- |\n");
	for (int i = 0; i < FG_RULE__COUNT; i++) {
		const struct fg_rule_info *info = fg_rule_info((enum fg_rule)i);

		fprintf(out, "| `%s` | %s | %s | ", info->name,
			fg_hook_names(info->hooks, hooks, sizeof(hooks)),
			fg_severity_config_name(info->severity));
		summary = fg_rule_summary(defaults, (enum fg_rule)i);
		fprintf(out, "%s | ", summary ? summary : info->summary);
		free(summary);
		write_examples(out, info->fails);
		fprintf(out, " |\n");
	}
}

static void write_lines(FILE *out, const char *text)
{
	while (*text) {
		size_t len = strcspn(text, "\n");
		fprintf(out, "    %.*s\n", (int)len, text);
		text += len + (text[len] == '\n');
	}
}

static void write_explain(const struct fg_config *cfg, enum fg_rule rule, FILE *out)
{
	const struct fg_rule_info *info = fg_rule_info(rule);
	char hooks[80];

	char *summary = fg_rule_summary(cfg, rule);

	fprintf(out, "%s: %s\n\n", info->name, summary ? summary : info->summary);
	free(summary);
	fprintf(out, "Hooks: %s\n", fg_hook_names(info->hooks, hooks, sizeof(hooks)));
	fg_print_line(out, "Severity: %s (default %s; set by %s)", severity_text(cfg, rule),
		      fg_severity_config_name(info->severity), cfg->severity_origin[rule]);
	fprintf(out, "\nWhy: %s\n", info->why);
	fprintf(out, "\nPasses:\n");
	write_lines(out, info->passes);
	if (*info->fails) {
		fprintf(out, "\nFails:\n");
		write_lines(out, info->fails);
	}
	fprintf(out, "\nFix: %s\n", info->hint);
	fprintf(out, "\nConfigure: [rule \"%s\"] severity = error|warn|info|off in .flowgate, "
		"or git config flowgate.%s <severity>; FLOWGATE_SKIP=%s for one command\n",
		info->name, info->name, info->name);
}

/* TEXT as GitHub Actions wants a workflow command's message: %, CR, LF escaped. */
static void github_text(FILE *out, const char *text)
{
	for (; text && *text; text++) {
		if (*text == '%')
			fputs("%25", out);
		else if (*text == '\r')
			fputs("%0D", out);
		else if (*text == '\n')
			fputs("%0A", out);
		else
			fputc(*text, out);
	}
}

/* TEXT as a GitHub Actions workflow command's property: also ':' and ',' escaped. */
static void github_property(FILE *out, const char *text)
{
	for (; *text; text++) {
		if (*text == ':')
			fputs("%3A", out);
		else if (*text == ',')
			fputs("%2C", out);
		else {
			char one[2] = { *text, '\0' };
			github_text(out, one);
		}
	}
}

/*
 * One result: NAME ("commit 1a2b3c4d5e6f", "branch main", "tag v0.16.0" or
 * the message file's name) of KIND ("commit", "branch", "tag", "message"),
 * ID the commit's full hex OID (NULL: none), FILE the message file GitHub
 * can annotate a line of (NULL: none), its violations in REPORT, in
 * FORMAT. *FIRST tracks the JSON array's commas.
 */
static void write_result(FILE *out, enum format format, const char *kind, const char *name,
			 const char *id, const char *file, const struct fg_report *report,
			 int *first)
{
	/* a branch's or a file's name, as a terminal or a CI log may show it
	 * (only with a violation to show: check-range passes most commits) */
	char *shown = format == FORMAT_JSON || !report->n ? NULL
							 : fg_escape(name, strlen(name), 0);
	const char *nm = shown ? shown : "?";

	for (size_t i = 0; format != FORMAT_JSON && i < report->n; i++) {
		const struct fg_violation *v = &report->items[i];
		const char *sev = v->severity == FG_ERROR ? "error" :
				  v->severity == FG_WARN ? "warning" : "notice";

		if (format == FORMAT_GITHUB) {
			fprintf(out, "::%s ", sev);
			if (file && v->line) {
				fputs("file=", out);
				github_property(out, file);
				fprintf(out, ",line=%zu,col=%zu,", v->line, v->column);
			}
			fprintf(out, "title=flowgate %s::", fg_rule_info(v->rule)->name);
			github_text(out, nm);
			fputs(": ", out);
			github_text(out, v->message);
			if (v->hint) {
				fputs("%0Ahint: ", out);
				github_text(out, v->hint);
			}
			fputc('\n', out);
		} else {
			fprintf(out, "%s: %s: %s: %s\n", nm, fg_severity_name(v->severity),
				fg_rule_info(v->rule)->name, v->message);
			fg_violation_print_excerpt(v, out, "", "");
			if (v->hint)
				fprintf(out, "hint: %s\n", v->hint);
		}
	}
	free(shown);
	if (format != FORMAT_JSON)
		return;
	fprintf(out, "%s\n    {\"name\": ", *first ? "" : ",");
	*first = 0;
	fg_json_string(out, name);
	fprintf(out, ", \"kind\": \"%s\", \"commit\": ", kind);
	if (id)
		fg_json_string(out, id);
	else
		fputs("null", out);
	fprintf(out, ", \"passed\": %s, \"violations\": [",
		fg_report_count(report, FG_ERROR) ? "false" : "true");
	for (size_t i = 0; i < report->n; i++) {
		const struct fg_violation *v = &report->items[i];

		fprintf(out, "%s{\"rule\": \"%s\", \"severity\": \"%s\", \"message\": ", i ? ", " : "",
			fg_rule_info(v->rule)->name, fg_severity_config_name(v->severity));
		fg_json_string(out, v->message);
		if (v->line)
			fprintf(out, ", \"line\": %zu, \"column\": %zu", v->line, v->column);
		else
			fputs(", \"line\": null, \"column\": null", out);
		fputs(", \"hint\": ", out);
		if (v->hint)
			fg_json_string(out, v->hint);
		else
			fputs("null", out);
		fputc('}', out);
	}
	fputs("]}", out);
}

static void write_summary(FILE *out, enum format format, size_t passed, size_t failed)
{
	if (format == FORMAT_JSON)
		fprintf(out, "\n  ],\n  \"passed\": %zu,\n  \"failed\": %zu\n}\n", passed, failed);
	else
		fprintf(out, "%zu passed, %zu failed\n", passed, failed);
}

/*
 * check-message: PATH ("-": stdin) cleaned up as git would store it (the
 * repository's core.commentChar and commit.cleanup when in one), then the
 * message rules.
 */
static int check_message(struct fg_config *cfg, git_repository *repo, const char *path,
			 const char *branch, enum format format, FILE *out, FILE *err)
{
	struct fg_commit_context cctx;
	struct fg_staged staged;
	struct fg_report report;
	char *raw = NULL;
	size_t len;
	int fd = strcmp(path, "-") ? open(path, O_RDONLY) : 0, first = 1, failed;

	if (fd < 0 || fg_read_all(fd, &raw, &len) < 0) {
		fg_print_line(err, "flowgate: fatal: cannot read '%s': %s", path, strerror(errno));
		if (fd > 0)
			close(fd);
		return FG_EXIT_INTERNAL;
	}
	if (fd > 0)
		close(fd);
	fg_report_init(&report);
	report.severity = cfg->severity;
	/* what commit-msg would say: the branch, the staged version files */
	memset(&cctx, 0, sizeof(cctx));
	memset(&staged, 0, sizeof(staged));
	if (repo && fg_staged_open(&staged, repo) == 0 &&
	    fg_repo_staged_context(&cctx, repo, &staged, cfg) < 0 && !cfg->error) {
		fprintf(err, "flowgate: fatal: cannot read the version files: %s\n",
			fg_git_error());
		fg_staged_release(&staged);
		free(raw);
		fg_commit_context_release(&cctx);
		fg_report_release(&report);
		return FG_EXIT_INTERNAL;
	}
	fg_staged_release(&staged);
	git_error_clear();
	if (branch) {
		free(cctx.branch);
		cctx.branch = NULL;
		cctx.ctx.branch = branch;
	}
	/* no GIT_EDITOR from git here: an editor was used when git's template is there */
	if (!cfg->error)
		fg_repo_check_message_file(&report, cfg, repo, raw, len, FG_EDITOR_UNKNOWN,
					   &cctx.ctx);
	fg_commit_context_release(&cctx);
	failed = fg_report_count(&report, FG_ERROR) != 0 || report.oom;
	if (format == FORMAT_JSON)
		fputs("{\n  \"results\": [", out);
	if (!cfg->error) {
		write_result(out, format, "message", strcmp(path, "-") ? path : "<stdin>", NULL,
			     strcmp(path, "-") ? path : NULL, &report, &first);
		write_summary(out, format, !failed, (size_t)failed);
	}
	fg_report_release(&report);
	free(raw);
	if (cfg->error) {
		fg_print_line(err, "flowgate: error: bad configuration: %s", cfg->error);
		return FG_EXIT_CONFIG;
	}
	return failed ? FG_EXIT_VIOLATION : 0;
}

/* check-range's results as they come, counted for the summary line. */
struct range_out {
	FILE *out;
	enum format format;
	size_t passed, failed;
	int first;   /* no result written yet: the JSON array's commas */
	int started; /* the JSON document is open */
};

static void range_start(struct range_out *ro)
{
	if (!ro->started && ro->format == FORMAT_JSON)
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
	write_result(ro->out, ro->format, kinds[entry->kind], entry->name, entry->commit, NULL,
		     entry->report, &ro->first);
	return 0;
}

/*
 * check-range: every rule that applies to RANGE (range.h), on the branch
 * BRANCH names (--branch; "" for none), else the one the CI environment
 * names, else HEAD's.
 */
static int check_range(struct fg_config *cfg, git_repository *repo, const char *no_repo,
		       const char *range, const char *branch, enum format format, FILE *out,
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
		write_summary(out, format, ro.passed, ro.failed);
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

/*
 * hotfix-status: where fix WHAT (hotfix.h; NULL: HEAD's hotfix branch) stands
 * on the long-lived branches of the series it affects (FLAGS: hotfix.h's);
 * exit 1 when one lacks it.
 */
static int hotfix_status(struct fg_config *cfg, git_repository *repo, const char *no_repo,
			 const char *what, unsigned flags, enum format format, FILE *out,
			 FILE *err)
{
	struct fg_hotfix fix;
	char *why = NULL;
	int rc;

	if (!repo) {
		fg_print_line(err, "flowgate: fatal: hotfix-status needs a git repository: %s",
			      no_repo ? no_repo : "out of memory");
		return FG_EXIT_INTERNAL;
	}
	rc = fg_hotfix_status(&fix, repo, cfg, what, flags, &why);
	if (rc == 0 && format == FORMAT_JSON)
		fg_hotfix_print_json(&fix, out);
	else if (rc == 0)
		fg_hotfix_print(&fix, out);
	else if (cfg->error)
		fg_print_line(err, "flowgate: error: bad configuration: %s", cfg->error);
	else
		fg_print_line(err, "flowgate hotfix-status: %s: %s", rc == -2 ? "error" : "fatal",
			      why ? why : "out of memory");
	free(why);
	rc = rc == 0 ? (fix.lacking ? FG_EXIT_VIOLATION : 0)
	     : cfg->error ? FG_EXIT_CONFIG : rc == -2 ? FG_EXIT_USAGE : FG_EXIT_INTERNAL;
	fg_hotfix_release(&fix);
	return rc;
}

/*
 * `flowgate hook`: the client hooks run from the command, for the pre-commit
 * framework's `language: system` hooks (.pre-commit-hooks.yaml). In-process,
 * through the hook binaries' own driver (fg_hook_main): the command and the
 * hook logic come from one build, so they cannot disagree on the version,
 * and nothing has to be found beside the command. argv[0] is the bare hook
 * name, so no kept <hook>.pre-flowgate is chained: under the framework, the
 * framework runs the hooks it kept (<hook>.legacy) itself.
 */
static const struct {
	const char *name;
	fg_hook_fn fn;
	int downgrade;
} client_hooks[] = {
	{ "pre-commit", fg_run_pre_commit, 0 },
	{ "commit-msg", fg_run_commit_msg, 0 },
	{ "pre-push", fg_run_pre_push, 0 },
	{ "post-merge", fg_run_post_merge, 1 },
	{ "post-commit", fg_run_post_commit, 1 },
	{ "prepare-commit-msg", fg_run_prepare_commit_msg, 1 },
	{ "applypatch-msg", fg_run_applypatch_msg, 0 },
	{ "pre-applypatch", fg_run_pre_applypatch, 0 },
};

/*
 * The pre-commit framework's pre-push stage (pre-commit 3.0.4,
 * commands/hook_impl.py and run.py): its hook gets no arguments and an empty
 * stdin; the framework read git's ref lines itself and exposes the first
 * one that adds commits, skipping deletions and refs that add none (a tag
 * of pushed commits): PRE_COMMIT_REMOTE_NAME, _REMOTE_URL, _LOCAL_BRANCH and
 * _REMOTE_BRANCH (the full refnames of git's line), and PRE_COMMIT_TO_REF
 * (the local OID) with PRE_COMMIT_FROM_REF, unset when the pushed history
 * reaches a root commit the remote lacks. FROM_REF is the remote's OID when
 * the remote ref exists and is known here, else the parent of the first
 * commit the remote lacks: an ancestor it has. Rebuilds git's arguments in
 * ARGS[1..2] and the one line "<local ref> <local oid> <remote ref> <remote
 * oid>" as the hook's stdin; the remote OID is FROM_REF for a branch (a new
 * branch is then judged as an update from what the remote has: the same
 * new commits), zero for a tag (new or moved, the framework does not say:
 * judged as new) or without FROM_REF. Returns 0, or an exit status with the
 * error printed on ERR.
 */
static int framework_push(char **args, FILE *err)
{
	const char *name = getenv("PRE_COMMIT_REMOTE_NAME"), *url = getenv("PRE_COMMIT_REMOTE_URL");
	const char *local = getenv("PRE_COMMIT_LOCAL_BRANCH");
	const char *remote = getenv("PRE_COMMIT_REMOTE_BRANCH");
	const char *to = getenv("PRE_COMMIT_TO_REF"), *from = getenv("PRE_COMMIT_FROM_REF");
	char to_hex[GIT_OID_HEXSZ + 1], from_hex[GIT_OID_HEXSZ + 1] = { 0 }, *line;
	git_oid id;
	size_t len;
	ssize_t w;
	int fds[2], ok;

	if (!name || !url || !local || !remote || !*name || !*local || !*remote) {
		fprintf(err, "flowgate hook pre-push: error: no <remote name> <url> given and no "
			"PRE_COMMIT_REMOTE_NAME, PRE_COMMIT_REMOTE_URL, PRE_COMMIT_LOCAL_BRANCH, "
			"PRE_COMMIT_REMOTE_BRANCH set; give them and the ref lines on stdin as git "
			"does, or run it from the pre-commit framework's pre-push stage\n");
		return FG_EXIT_USAGE;
	}
	if (to) {
		if (strlen(to) != GIT_OID_HEXSZ || git_oid_fromstr(&id, to) < 0) {
			fprintf(err, "flowgate hook pre-push: error: PRE_COMMIT_TO_REF '%s' is not "
				"an object name\n", to);
			return FG_EXIT_USAGE;
		}
	} else {
		/* the whole history is new: what the local ref names is pushed */
		git_repository *repo = NULL;
		git_object *obj = NULL;

		if (fg_repo_open(&repo) < 0 || git_revparse_single(&obj, repo, local) < 0) {
			fprintf(err, "flowgate hook pre-push: fatal: cannot resolve "
				"PRE_COMMIT_LOCAL_BRANCH '%s': %s\n", local, fg_git_error());
			git_repository_free(repo);
			return FG_EXIT_INTERNAL;
		}
		git_oid_cpy(&id, git_object_id(obj));
		git_object_free(obj);
		git_repository_free(repo);
	}
	git_oid_tostr(to_hex, sizeof(to_hex), &id);
	if (from && strncmp(remote, "refs/tags/", 10)) {
		if (strlen(from) != GIT_OID_HEXSZ || git_oid_fromstr(&id, from) < 0) {
			fprintf(err, "flowgate hook pre-push: error: PRE_COMMIT_FROM_REF '%s' is not "
				"an object name\n", from);
			return FG_EXIT_USAGE;
		}
		git_oid_tostr(from_hex, sizeof(from_hex), &id);
	} else {
		memset(from_hex, '0', GIT_OID_HEXSZ);
	}
	fprintf(err, "flowgate pre-push: note: judged %s only: the pre-commit framework shows "
		"one ref of a push, and none that deletes a ref or brings no new commit; "
		"multi-ref and tag pushes need flowgate's own pre-push hook (install.sh) or the "
		"server hooks (install.sh --server)\n", remote);
	if (!(line = fg_strdupf("%s %s %s %s\n", local, to_hex, remote, from_hex))) {
		fprintf(err, "flowgate hook pre-push: fatal: out of memory\n");
		return FG_EXIT_INTERNAL;
	}
	/* the line as stdin: a pipe that holds it whole (written without blocking) */
	len = strlen(line);
	if (pipe(fds) < 0) {
		fprintf(err, "flowgate hook pre-push: fatal: cannot make a pipe: %s\n",
			strerror(errno));
		free(line);
		return FG_EXIT_INTERNAL;
	}
	errno = 0;
	ok = fcntl(fds[1], F_SETFL, O_NONBLOCK) == 0 && (w = write(fds[1], line, len)) >= 0 &&
	     (size_t)w == len;
	ok = close(fds[1]) == 0 && ok && dup2(fds[0], 0) == 0;
	if (fds[0] != 0) /* stdin was closed: the pipe is stdin already */
		close(fds[0]);
	free(line);
	if (!ok) {
		fprintf(err, "flowgate hook pre-push: fatal: cannot pass the ref line on stdin: "
			"%s\n", errno ? strerror(errno) : "longer than a pipe holds");
		return FG_EXIT_INTERNAL;
	}
	args[1] = (char *)name;
	args[2] = (char *)url;
	return 0;
}

/*
 * flowgate hook HOOK [ARGS...]: HOOK's logic as git runs its binary, with
 * ARGC - 2 arguments from ARGV + 3 (ARGV[2] being HOOK) and this process's
 * stdin. Given no arguments, the pre-commit framework's environment
 * supplies them: pre-push, see framework_push; post-merge, the squash flag
 * PRE_COMMIT_IS_SQUASH_MERGE. commit-msg needs its message file (the
 * framework passes it as the hook's one file); so does prepare-commit-msg,
 * whose source and commit the framework gives as PRE_COMMIT_COMMIT_MSG_SOURCE
 * and PRE_COMMIT_COMMIT_OBJECT_NAME. Returns the hook's exit
 * status, or FG_EXIT_USAGE with the error on ERR.
 */
static int run_hook(int argc, char **argv, FILE *err)
{
	const char *hook = argc > 2 ? argv[2] : NULL;
	char **args;
	int nargs = argc > 3 ? argc - 3 : 0, status;
	size_t i;

	for (i = 0; hook && i < sizeof(client_hooks) / sizeof(client_hooks[0]); i++)
		if (!strcmp(hook, client_hooks[i].name))
			break;
	if (!hook || i == sizeof(client_hooks) / sizeof(client_hooks[0])) {
		size_t n = sizeof(client_hooks) / sizeof(client_hooks[0]), used = 0;
		char names[256];

		for (size_t k = 0; k < n && used < sizeof(names); k++) {
			int w = snprintf(names + used, sizeof(names) - used, "%s%s",
					 k ? (k + 1 < n ? ", " : " or ") : "", client_hooks[k].name);

			used += w > 0 ? (size_t)w : 0;
		}
		if (hook)
			fg_print_line(err, "flowgate: error: unknown hook '%s'; flowgate hook runs "
				      "%s", hook, names);
		else
			fprintf(err, "flowgate: error: hook needs a hook name: %s\n", names);
		fg_help_print_usage(fg_help_find("hook"), err);
		return FG_EXIT_USAGE;
	}
	/* argv[0], the hook's arguments (3 for pre-push), NULL */
	if (!(args = calloc((size_t)nargs + 4, sizeof(*args)))) {
		fprintf(err, "flowgate hook %s: fatal: out of memory\n", hook);
		return FG_EXIT_INTERNAL;
	}
	args[0] = (char *)hook;
	for (int k = 0; k < nargs; k++)
		args[k + 1] = argv[k + 3];
	status = 0;
	if (!nargs && !strcmp(hook, "pre-push")) {
		if ((status = framework_push(args, err)) == 0)
			nargs = 2;
	} else if (!nargs && !strcmp(hook, "post-merge")) {
		if ((args[1] = getenv("PRE_COMMIT_IS_SQUASH_MERGE")))
			nargs = 1;
		else
			fprintf(err, "flowgate hook post-merge: error: no squash flag given and no "
				"PRE_COMMIT_IS_SQUASH_MERGE set; give 1 for a squash merge, else 0\n");
		status = nargs ? 0 : FG_EXIT_USAGE;
	} else if (nargs == 1 && !strcmp(hook, "prepare-commit-msg") &&
		   getenv("PRE_COMMIT_COMMIT_MSG_SOURCE")) {
		/* the framework passes the file alone, and git's other arguments so */
		args[2] = getenv("PRE_COMMIT_COMMIT_MSG_SOURCE");
		args[3] = getenv("PRE_COMMIT_COMMIT_OBJECT_NAME");
		nargs = args[3] ? 3 : 2;
	} else if (!nargs && !strcmp(hook, "prepare-commit-msg")) {
		fprintf(err, "flowgate hook prepare-commit-msg: error: no message file given; the "
			"pre-commit framework passes it as the hook's one file: keep pass_filenames "
			"true\n");
		status = FG_EXIT_USAGE;
	} else if (!nargs && !strcmp(hook, "commit-msg")) {
		fprintf(err, "flowgate hook commit-msg: error: no message file given; the pre-commit "
			"framework passes it as the hook's one file: keep pass_filenames true and no "
			"files or exclude pattern that leaves it out\n");
		status = FG_EXIT_USAGE;
	}
	if (status == 0) {
		fflush(NULL);
		status = fg_hook_main(hook, nargs + 1, args, client_hooks[i].fn,
				      client_hooks[i].downgrade);
	}
	free(args);
	return status;
}

/*
 * flowgate doctor [REPO]: fg_doctor (doctor.h) on the client hooks the
 * `hook` command runs (client_hooks), so that a hook added there is checked
 * too. Returns its exit status, or FG_EXIT_USAGE.
 */
static int run_doctor(int argc, char **argv, FILE *out, FILE *err)
{
	const char *names[sizeof(client_hooks) / sizeof(client_hooks[0])], *repo = NULL;

	for (int i = 2; i < argc; i++) {
		if ((argv[i][0] == '-' && argv[i][1]) || repo) {
			fg_print_line(err, "flowgate doctor: error: unexpected argument '%s'", argv[i]);
			fg_help_print_usage(fg_help_find("doctor"), err);
			return FG_EXIT_USAGE;
		}
		repo = argv[i];
	}
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		names[i] = client_hooks[i].name;
	return fg_doctor(repo, names, sizeof(names) / sizeof(names[0]), out, err);
}

/*
 * flowgate changelog ARGV[2..]: its options (fg_changelog_parse_args), the
 * configuration as the other commands read it, then fg_changelog_run.
 * Returns its exit status.
 */
static int run_changelog(int argc, char **argv, FILE *out, FILE *err)
{
	struct fg_changelog_options opts;
	struct source src = { 0, NULL };
	struct fg_config cfg;
	git_repository *repo = NULL;
	char *no_repo = NULL;
	int status;

	if ((status = fg_changelog_parse_args(&opts, argc - 2, argv + 2, err)) != 0) {
		fg_help_print_usage(fg_help_find("changelog"), err);
		return status;
	}
	if ((status = load(&cfg, &src, err, &repo, &no_repo)) == 0) {
		if (repo)
			status = fg_changelog_run(&cfg, repo, &opts, out, err);
		else
			fg_print_line(err, "flowgate changelog: fatal: not in a git repository: %s",
				      no_repo ? no_repo : "out of memory");
		status = repo ? status : FG_EXIT_INTERNAL;
	}
	free(no_repo);
	git_repository_free(repo);
	fg_config_release(&cfg);
	return ferror(out) && !status ? FG_EXIT_INTERNAL : status;
}

/*
 * flowgate init [--force]: fg_init_run in the repository of the current
 * directory. Returns its exit status, or FG_EXIT_USAGE.
 */
static int run_init(int argc, char **argv, FILE *out, FILE *err)
{
	git_repository *repo = NULL;
	int force = 0, status;

	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--force") || force) {
			fg_print_line(err, "flowgate init: error: unexpected argument '%s'", argv[i]);
			fg_help_print_usage(fg_help_find("init"), err);
			return FG_EXIT_USAGE;
		}
		force = 1;
	}
	if (fg_repo_open(&repo) < 0) {
		fg_print_line(err, "flowgate init: fatal: not in a git repository: %s; run it in "
			      "the clone to configure", fg_git_error());
		return FG_EXIT_INTERNAL;
	}
	status = fg_init_run(repo, force, out, err);
	git_repository_free(repo);
	return status;
}

/*
 * The help (help.h), when ARGV asks for it: `flowgate`, `flowgate --help`,
 * `-h` or `help` (the list of commands), `flowgate help <command>` or
 * `flowgate --help <command>`, and `flowgate <command> ... --help` (or
 * -h) for every command; for `hook`, whose arguments are git's, only as
 * its first argument. Returns the exit status when it answered (the help
 * on OUT, 0; no command: the list on ERR, FG_EXIT_USAGE; an unknown
 * command: FG_EXIT_USAGE), else -1 (not a help request).
 */
static int help(int argc, char **argv, FILE *out, FILE *err)
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

int fg_cli_main(int argc, char **argv, FILE *out, FILE *err)
{
	struct source src = { 0, NULL };
	struct fg_config cfg;
	const char *command = argc > 1 ? argv[1] : NULL, *rule_name = NULL, *operand = NULL;
	const char *branch = NULL;
	char *no_repo = NULL; /* why check-range has no repository */
	enum format format = FORMAT_TEXT;
	git_repository *repo = NULL;
	struct fg_bump_options bump = { NULL, 0, 0, 0 };
	int markdown = 0, rule = -1, status, checks, release, hotfix;
	unsigned hotfix_flags = 0;

	if (command && !strcmp(command, "--version") && argc == 2) {
		fprintf(out, "flowgate %s\n", FLOWGATE_VERSION);
		return 0;
	}
	if ((status = help(argc, argv, out, err)) >= 0)
		return status;
	if (!strcmp(command, "hook"))
		return run_hook(argc, argv, err);
	if (!strcmp(command, "install") || !strcmp(command, "uninstall"))
		return run_installer(argc, argv, err);
	if (!strcmp(command, "doctor"))
		return run_doctor(argc, argv, out, err);
	if (!strcmp(command, "changelog"))
		return run_changelog(argc, argv, out, err);
	if (!strcmp(command, "init"))
		return run_init(argc, argv, out, err);
	checks = !strcmp(command, "check-message") || !strcmp(command, "check-range");
	release = !strcmp(command, "version") || !strcmp(command, "bump");
	hotfix = !strcmp(command, "hotfix-status");
	if (strcmp(command, "rules") && strcmp(command, "config") && strcmp(command, "explain") &&
	    !checks && !release && !hotfix) {
		fg_print_line(err, "flowgate: error: unknown command '%s'; flowgate --help lists "
			      "the commands", command);
		return FG_EXIT_USAGE;
	}
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--markdown") && !strcmp(command, "rules")) {
			markdown = 1;
		} else if (!strcmp(argv[i], "--cached")) {
			src.cached = 1;
		} else if (!strcmp(argv[i], "--rev") && i + 1 < argc) {
			src.rev = argv[++i];
		} else if (argv[i][0] != '-' && !strcmp(command, "explain") && !rule_name) {
			rule_name = argv[i];
		} else if (checks && !strcmp(argv[i], "--branch") && i + 1 < argc) {
			branch = argv[++i];
			if (!strncmp(branch, "refs/heads/", 11))
				branch += 11;
		} else if ((checks || hotfix) && !strcmp(argv[i], "--format") && i + 1 < argc) {
			i++;
			if (!strcmp(argv[i], "text")) {
				format = FORMAT_TEXT;
			} else if (!strcmp(argv[i], "json")) {
				format = FORMAT_JSON;
			} else if (!strcmp(argv[i], "github") && checks) {
				format = FORMAT_GITHUB;
			} else {
				fg_print_line(err, "flowgate: error: unknown format '%s'; use text, "
					      "json%s", argv[i], checks ? " or github" : "");
				return FG_EXIT_USAGE;
			}
		} else if (checks && !operand && (argv[i][0] != '-' || !strcmp(argv[i], "-"))) {
			operand = argv[i];
		} else if (hotfix && !operand && argv[i][0] != '-') {
			operand = argv[i];
		} else if (hotfix && !strcmp(argv[i], "--older")) {
			hotfix_flags |= FG_HOTFIX_OLDER;
		} else if (!strcmp(command, "bump") && !strcmp(argv[i], "--commit")) {
			bump.commit = 1;
		} else if (!strcmp(command, "bump") && !strcmp(argv[i], "--tag")) {
			bump.tag = 1;
		} else if (!strcmp(command, "bump") && !strcmp(argv[i], "--dry-run")) {
			bump.dry_run = 1;
		} else if (!strcmp(command, "bump") && !bump.what && argv[i][0] != '-') {
			bump.what = argv[i];
		} else {
			fg_print_line(err, "flowgate: error: unexpected argument '%s'", argv[i]);
			fg_help_print_usage(fg_help_find(command), err);
			return FG_EXIT_USAGE;
		}
	}
	if (src.cached && src.rev) {
		fprintf(err, "flowgate: error: --cached and --rev cannot be used together\n");
		return FG_EXIT_USAGE;
	}
	if (!strcmp(command, "explain")) {
		if (!rule_name) {
			fprintf(err, "flowgate: error: explain needs a rule name\n");
			fg_help_print_usage(fg_help_find(command), err);
			return FG_EXIT_USAGE;
		}
		if ((rule = fg_rule_lookup(rule_name)) < 0) {
			fg_print_line(err, "flowgate: error: no rule is named '%s'; flowgate rules "
				      "lists them", rule_name);
			return FG_EXIT_USAGE;
		}
	}
	if (!strcmp(command, "bump") && (src.cached || src.rev)) {
		fprintf(err, "flowgate bump: error: --cached and --rev do not apply; bump reads and "
			"writes the work tree\n");
		return FG_EXIT_USAGE;
	}
	if (!strcmp(command, "bump") && !bump.what) {
		fprintf(err, "flowgate bump: error: nothing to bump; give %s\n", FG_BUMP_USAGE);
		fg_help_print_usage(fg_help_find(command), err);
		return FG_EXIT_USAGE;
	}
	if (bump.tag && !bump.commit) {
		fprintf(err, "flowgate bump: error: --tag tags the bump commit; add --commit\n");
		return FG_EXIT_USAGE;
	}
	if (checks && !operand) {
		fprintf(err, "flowgate: error: %s needs %s\n", command,
			!strcmp(command, "check-range") ? "a range A..B" : "a file (or - for stdin)");
		fg_help_print_usage(fg_help_find(command), err);
		return FG_EXIT_USAGE;
	}
	if (markdown) { /* the registry alone: no repository, no configuration */
		struct fg_config defaults;
		int failed = fg_config_init(&defaults) < 0;

		if (!failed)
			write_markdown(out, &defaults);
		fg_config_release(&defaults);
		if (failed)
			fprintf(err, "flowgate: fatal: out of memory\n");
		return failed || ferror(out) ? FG_EXIT_INTERNAL : 0;
	}
	if ((status = load(&cfg, &src, err, checks || release || hotfix ? &repo : NULL,
			   !strcmp(command, "check-range") || hotfix ? &no_repo : NULL)) != 0) {
		fg_config_release(&cfg);
		free(no_repo);
		return status;
	}
	if (release) {
		struct fg_version_source from = { src.cached, src.rev };

		status = !strcmp(command, "bump") ? fg_release_bump(&cfg, repo, &bump, out, err)
						  : fg_release_version(&cfg, repo, &from, out, err);
		git_repository_free(repo);
		fg_config_release(&cfg);
		return ferror(out) && !status ? FG_EXIT_INTERNAL : status;
	}
	if (hotfix) {
		status = hotfix_status(&cfg, repo, no_repo, operand, hotfix_flags, format, out, err);
		free(no_repo);
		git_repository_free(repo);
		fg_config_release(&cfg);
		return ferror(out) && !status ? FG_EXIT_INTERNAL : status;
	}
	if (checks) {
		status = !strcmp(command, "check-range")
			 ? check_range(&cfg, repo, no_repo, operand, branch, format, out, err)
			 : check_message(&cfg, repo, operand, branch, format, out, err);
		free(no_repo);
		git_repository_free(repo);
		fg_config_release(&cfg);
		return ferror(out) && !status ? FG_EXIT_INTERNAL : status;
	}
	if (!strcmp(command, "rules"))
		write_rules(&cfg, out);
	else if (!strcmp(command, "config"))
		fg_config_write(&cfg, out);
	else
		write_explain(&cfg, (enum fg_rule)rule, out);
	fg_config_release(&cfg);
	return ferror(out) ? FG_EXIT_INTERNAL : 0;
}
