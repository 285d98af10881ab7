/*
 * The flowgate command: `rules`, `config`, `explain` and the message checks,
 * reading the configuration the way the hooks do (repo.c) and the rule
 * registry (rules.h); `version` and `bump` hand over to release.c. Only
 * `bump` writes: the version files, the index, and with --commit/--tag a
 * commit and a tag.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "config.h"
#include "hook.h"
#include "message.h"
#include "release.h"
#include "repo.h"

static const char usage[] =
	"usage: flowgate rules [--markdown] [--cached | --rev <commit>]\n"
	"       flowgate config [--cached | --rev <commit>]\n"
	"       flowgate explain <rule> [--cached | --rev <commit>]\n"
	"       flowgate check-message [--format text|json|github] [--branch <name>] <file>|-\n"
	"       flowgate check-range [--format text|json|github] [--branch <name>] <A>..<B>\n"
	"       flowgate version [--cached | --rev <commit>]\n"
	"       flowgate bump " FG_BUMP_USAGE " [--commit [--tag]] [--dry-run]\n"
	"       flowgate help\n";

enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_GITHUB };

/* Where to read the committed file from, as the options say. */
struct source {
	int cached;
	const char *rev;
};

/*
 * CFG as the hooks would see it: in a repository, with the committed file
 * from the work tree, the index or a commit; outside one, defaults and
 * git's global/system config. Returns 0 or an exit status.
 */
static int load(struct fg_config *cfg, const struct source *src, FILE *err,
		git_repository **repo_out)
{
	git_repository *repo = NULL;
	git_index *index = NULL;
	git_object *tree = NULL;
	git_config *git_cfg = NULL;
	struct fg_config_from from = { NULL, NULL, src->rev, !src->cached && !src->rev };
	int rc, status = FG_EXIT_INTERNAL;

	memset(cfg, 0, sizeof(*cfg));
	if (repo_out)
		*repo_out = NULL;
	if (fg_repo_open(&repo) < 0) {
		if (src->cached || src->rev) {
			fprintf(err, "flowgate: fatal: not in a git repository: %s\n", fg_git_error());
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
				fprintf(err, "flowgate: error: '%s' names no commit: %s\n", src->rev,
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
		fprintf(err, "flowgate: error: bad configuration: %s\n",
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
	fprintf(err, "flowgate: fatal: cannot read the configuration: %s\n", fg_git_error());
out:
	git_object_free(tree);
	git_index_free(index);
	git_repository_free(repo);
	return status;
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
	char hooks[80];

	fprintf(out, "%-20s %-16s %-22s %s\n", "RULE", "SEVERITY", "SET BY", "HOOKS");
	for (int i = 0; i < FG_RULE__COUNT; i++) {
		const struct fg_rule_info *info = fg_rule_info((enum fg_rule)i);

		fprintf(out, "%-20s %-16s %-22s %s\n", info->name, severity_text(cfg, (enum fg_rule)i),
			cfg->severity_origin[i], fg_hook_names(info->hooks, hooks, sizeof(hooks)));
		fprintf(out, "    %s\n", info->summary);
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

/* The README's rules table: from the registry alone, never the configuration. */
static void write_markdown(FILE *out)
{
	char hooks[80];

	fprintf(out, "| rule | hooks | default | checks | refused, for example |\n");
	fprintf(out, "| --- | --- | --- | --- | --- |\n");
	for (int i = 0; i < FG_RULE__COUNT; i++) {
		const struct fg_rule_info *info = fg_rule_info((enum fg_rule)i);

		fprintf(out, "| `%s` | %s | %s | %s | ", info->name,
			fg_hook_names(info->hooks, hooks, sizeof(hooks)),
			fg_severity_config_name(info->severity), info->summary);
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

	fprintf(out, "%s: %s\n\n", info->name, info->summary);
	fprintf(out, "Hooks: %s\n", fg_hook_names(info->hooks, hooks, sizeof(hooks)));
	fprintf(out, "Severity: %s (default %s; set by %s)\n", severity_text(cfg, rule),
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

/* TEXT as a JSON string: quotes, escapes, and U+FFFD for bytes that are not UTF-8. */
static void json_string(FILE *out, const char *text)
{
	const unsigned char *p = (const unsigned char *)(text ? text : "");

	fputc('"', out);
	while (*p) {
		size_t n = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3 :
			   (*p & 0xF8) == 0xF0 ? 4 : 0;
		size_t i = 1;

		while (n && i < n && (p[i] & 0xC0) == 0x80)
			i++;
		if (!n || i < n || (n == 2 && *p < 0xC2)) {
			fputs("\\ufffd", out);
			p++;
		} else if (*p == '"' || *p == '\\') {
			fprintf(out, "\\%c", *p++);
		} else if (*p < 0x20) {
			fprintf(out, "\\u%04x", *p++);
		} else {
			fwrite(p, 1, n, out);
			p += n;
		}
	}
	fputc('"', out);
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
 * One checked message: NAME ("commit 1a2b3c4d5e6f" or the file name), its
 * violations in REPORT, in FORMAT. *FIRST tracks the JSON array's commas.
 */
static void write_result(FILE *out, enum format format, const char *name, const char *id,
			 const struct fg_report *report, int *first)
{
	/* check-message names a file: GitHub can annotate its line */
	const char *file = !id && strcmp(name, "<stdin>") ? name : NULL;

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
			github_text(out, name);
			fputs(": ", out);
			github_text(out, v->message);
			if (v->hint) {
				fputs("%0Ahint: ", out);
				github_text(out, v->hint);
			}
			fputc('\n', out);
		} else {
			fprintf(out, "%s: %s: %s: %s\n", name, fg_severity_name(v->severity),
				fg_rule_info(v->rule)->name, v->message);
			fg_violation_print_excerpt(v, out, "", "");
			if (v->hint)
				fprintf(out, "hint: %s\n", v->hint);
		}
	}
	if (format != FORMAT_JSON)
		return;
	fprintf(out, "%s\n    {\"name\": ", *first ? "" : ",");
	*first = 0;
	json_string(out, name);
	fputs(", \"commit\": ", out);
	if (id)
		json_string(out, id);
	else
		fputs("null", out);
	fprintf(out, ", \"passed\": %s, \"violations\": [",
		fg_report_count(report, FG_ERROR) ? "false" : "true");
	for (size_t i = 0; i < report->n; i++) {
		const struct fg_violation *v = &report->items[i];

		fprintf(out, "%s{\"rule\": \"%s\", \"severity\": \"%s\", \"message\": ", i ? ", " : "",
			fg_rule_info(v->rule)->name, fg_severity_config_name(v->severity));
		json_string(out, v->message);
		if (v->line)
			fprintf(out, ", \"line\": %zu, \"column\": %zu", v->line, v->column);
		else
			fputs(", \"line\": null, \"column\": null", out);
		fputs(", \"hint\": ", out);
		if (v->hint)
			json_string(out, v->hint);
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
	git_index *index = NULL;
	struct fg_report report;
	char *raw = NULL;
	size_t len;
	int fd = strcmp(path, "-") ? open(path, O_RDONLY) : 0, first = 1, failed;

	if (fd < 0 || fg_read_all(fd, &raw, &len) < 0) {
		fprintf(err, "flowgate: fatal: cannot read '%s': %s\n", path, strerror(errno));
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
	if (repo && git_repository_index(&index, repo) == 0)
		fg_repo_staged_context(&cctx, repo, index, cfg);
	git_index_free(index);
	git_error_clear();
	if (branch) {
		free(cctx.branch);
		cctx.branch = NULL;
		cctx.ctx.branch = branch;
	}
	if (!cfg->error &&
	    fg_repo_check_message_file(&report, cfg, repo, raw, len, &cctx.ctx) < 0) {
		fprintf(err, "flowgate: fatal: cannot clean up the message: %s\n", fg_git_error());
		free(raw);
		fg_commit_context_release(&cctx);
		fg_report_release(&report);
		return FG_EXIT_INTERNAL;
	}
	fg_commit_context_release(&cctx);
	failed = fg_report_count(&report, FG_ERROR) != 0;
	if (format == FORMAT_JSON)
		fputs("{\n  \"results\": [", out);
	if (!cfg->error) {
		write_result(out, format, strcmp(path, "-") ? path : "<stdin>", NULL, &report, &first);
		write_summary(out, format, !failed, (size_t)failed);
	}
	fg_report_release(&report);
	free(raw);
	if (cfg->error) {
		fprintf(err, "flowgate: error: bad configuration: %s\n", cfg->error);
		return FG_EXIT_CONFIG;
	}
	return failed ? FG_EXIT_VIOLATION : 0;
}

/* check-range: every commit of RANGE (A..B, as git rev-list takes it), each once. */
static int check_range(struct fg_config *cfg, git_repository *repo, const char *range,
		       const char *branch, enum format format, FILE *out, FILE *err)
{
	git_revwalk *walk = NULL;
	git_oid id;
	size_t passed = 0, failed = 0;
	int first = 1, rc;

	if (!repo) {
		fprintf(err, "flowgate: fatal: check-range needs a git repository\n");
		return FG_EXIT_INTERNAL;
	}
	if (git_revwalk_new(&walk, repo) < 0 ||
	    (rc = strstr(range, "..") ? git_revwalk_push_range(walk, range)
				      : git_revwalk_push_ref(walk, range)) < 0) {
		fprintf(err, "flowgate: error: '%s' is not a range of this repository: %s\n", range,
			fg_git_error());
		git_revwalk_free(walk);
		return FG_EXIT_USAGE;
	}
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	if (format == FORMAT_JSON)
		fputs("{\n  \"results\": [", out);
	while (!cfg->error && git_revwalk_next(&id, walk) == 0) {
		git_commit *commit = NULL;
		struct fg_commit_context cctx;
		struct fg_report report;
		char name[48], hex[GIT_OID_HEXSZ + 1];

		if (git_commit_lookup(&commit, repo, &id) < 0)
			continue;
		git_oid_tostr(hex, sizeof(hex), &id);
		snprintf(name, sizeof(name), "commit %.12s", hex);
		fg_report_init(&report);
		report.severity = cfg->severity;
		if (fg_repo_commit_context(&cctx, repo, commit, branch, 1, cfg) < 0 && !cfg->error)
			report.oom = 1;
		if (!cfg->error)
			fg_check_message(&report, cfg, git_commit_message(commit), NULL, &cctx.ctx);
		fg_commit_context_release(&cctx);
		if (fg_report_count(&report, FG_ERROR))
			failed++;
		else
			passed++;
		write_result(out, format, name, hex, &report, &first);
		fg_report_release(&report);
		git_commit_free(commit);
	}
	git_revwalk_free(walk);
	if (cfg->error) {
		fprintf(err, "flowgate: error: bad configuration: %s\n", cfg->error);
		return FG_EXIT_CONFIG;
	}
	write_summary(out, format, passed, failed);
	return failed ? FG_EXIT_VIOLATION : 0;
}

int fg_cli_main(int argc, char **argv, FILE *out, FILE *err)
{
	struct source src = { 0, NULL };
	struct fg_config cfg;
	const char *command = argc > 1 ? argv[1] : NULL, *rule_name = NULL, *operand = NULL;
	const char *branch = NULL;
	enum format format = FORMAT_TEXT;
	git_repository *repo = NULL;
	struct fg_bump_options bump = { NULL, 0, 0, 0 };
	int markdown = 0, rule = -1, status, checks, release;

	if (!command || !strcmp(command, "help") || !strcmp(command, "--help") ||
	    !strcmp(command, "-h")) {
		fputs(usage, command ? out : err);
		return command ? 0 : FG_EXIT_USAGE;
	}
	checks = !strcmp(command, "check-message") || !strcmp(command, "check-range");
	release = !strcmp(command, "version") || !strcmp(command, "bump");
	if (strcmp(command, "rules") && strcmp(command, "config") && strcmp(command, "explain") &&
	    !checks && !release) {
		fprintf(err, "flowgate: error: unknown command '%s'\n%s", command, usage);
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
		} else if (checks && !strcmp(argv[i], "--format") && i + 1 < argc) {
			i++;
			if (!strcmp(argv[i], "text")) {
				format = FORMAT_TEXT;
			} else if (!strcmp(argv[i], "json")) {
				format = FORMAT_JSON;
			} else if (!strcmp(argv[i], "github")) {
				format = FORMAT_GITHUB;
			} else {
				fprintf(err, "flowgate: error: unknown format '%s'; use text, json or github\n",
					argv[i]);
				return FG_EXIT_USAGE;
			}
		} else if (checks && !operand && (argv[i][0] != '-' || !strcmp(argv[i], "-"))) {
			operand = argv[i];
		} else if (!strcmp(command, "bump") && !strcmp(argv[i], "--commit")) {
			bump.commit = 1;
		} else if (!strcmp(command, "bump") && !strcmp(argv[i], "--tag")) {
			bump.tag = 1;
		} else if (!strcmp(command, "bump") && !strcmp(argv[i], "--dry-run")) {
			bump.dry_run = 1;
		} else if (!strcmp(command, "bump") && !bump.what && argv[i][0] != '-') {
			bump.what = argv[i];
		} else {
			fprintf(err, "flowgate: error: unexpected argument '%s'\n%s", argv[i], usage);
			return FG_EXIT_USAGE;
		}
	}
	if (src.cached && src.rev) {
		fprintf(err, "flowgate: error: --cached and --rev cannot be used together\n");
		return FG_EXIT_USAGE;
	}
	if (!strcmp(command, "explain")) {
		if (!rule_name) {
			fprintf(err, "flowgate: error: explain needs a rule name\n%s", usage);
			return FG_EXIT_USAGE;
		}
		if ((rule = fg_rule_lookup(rule_name)) < 0) {
			fprintf(err, "flowgate: error: no rule is named '%s'; flowgate rules lists them\n",
				rule_name);
			return FG_EXIT_USAGE;
		}
	}
	if (!strcmp(command, "bump") && (src.cached || src.rev)) {
		fprintf(err, "flowgate bump: error: --cached and --rev do not apply; bump reads and "
			"writes the work tree\n");
		return FG_EXIT_USAGE;
	}
	if (!strcmp(command, "bump") && !bump.what) {
		fprintf(err, "flowgate bump: error: nothing to bump; give %s\n%s", FG_BUMP_USAGE,
			usage);
		return FG_EXIT_USAGE;
	}
	if (bump.tag && !bump.commit) {
		fprintf(err, "flowgate bump: error: --tag tags the bump commit; add --commit\n");
		return FG_EXIT_USAGE;
	}
	if (checks && !operand) {
		fprintf(err, "flowgate: error: %s needs %s\n%s", command,
			!strcmp(command, "check-range") ? "a range A..B" : "a file (or - for stdin)", usage);
		return FG_EXIT_USAGE;
	}
	if (markdown) { /* the registry alone: no repository, no configuration */
		write_markdown(out);
		return ferror(out) ? FG_EXIT_INTERNAL : 0;
	}
	if ((status = load(&cfg, &src, err, checks || release ? &repo : NULL)) != 0) {
		fg_config_release(&cfg);
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
	if (checks) {
		status = !strcmp(command, "check-range")
			 ? check_range(&cfg, repo, operand, branch, format, out, err)
			 : check_message(&cfg, repo, operand, branch, format, out, err);
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
