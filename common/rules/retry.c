/*
 * commit-msg's way back after a refusal: the commands that reopen the
 * message git keeps in its message file, with and without the rules that
 * refused it (fg_retry_print).
 */
#include <stdlib.h>
#include <string.h>
#include "quote.h"
#include "retry.h"

/* The file word of the commands: git's own file by its git-path, else PATH quoted (newly allocated). */
static char *file_word(const char *path)
{
	static const char *const git_files[] = { "COMMIT_EDITMSG", "MERGE_MSG" };
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	for (size_t i = 0; i < sizeof(git_files) / sizeof(git_files[0]); i++)
		if (!strcmp(base, git_files[i]))
			return fg_strdupf("\"$(git rev-parse --git-path %s)\"", git_files[i]);
	return fg_sh_quote(path, strlen(path), 0);
}

/* The rules of REPORT's errors, comma-separated, each once (newly allocated; "" when none). */
static char *error_rules(const struct fg_report *report)
{
	size_t len = 1;
	char *out;

	for (size_t i = 0; i < report->n; i++)
		len += strlen(fg_rule_info(report->items[i].rule)->name) + 1;
	if (!(out = malloc(len)))
		return NULL;
	out[0] = '\0';
	for (size_t i = 0; i < report->n; i++) {
		const char *name = fg_rule_info(report->items[i].rule)->name;
		int seen = 0;

		if (report->items[i].severity != FG_ERROR)
			continue;
		for (size_t j = 0; j < i && !seen; j++)
			seen = report->items[j].rule == report->items[i].rule &&
			       report->items[j].severity == FG_ERROR;
		if (seen)
			continue;
		if (*out)
			strcat(out, ",");
		strcat(out, name);
	}
	return out;
}

void fg_retry_print(FILE *out, const struct fg_report *report, const char *path,
		    const char *reflog_action)
{
	int rebase = reflog_action && !strncmp(reflog_action, "rebase", 6);
	const char *amend = rebase ? " --amend" : "";
	const char *then = rebase ? " && git rebase --continue" : "";
	char *file = path ? file_word(path) : NULL, *rules = file ? error_rules(report) : NULL;

	if (file && rules) {
		fprintf(out, "hint: git keeps the message until the next commit; edit it again: "
			"git commit%s -e -v -F %s%s\n", amend, file, then);
		if (*rules)
			fprintf(out, "hint: or skip only %s for it: FLOWGATE_SKIP=%s git commit%s -e -v "
				"-F %s%s\n", rules, rules, amend, file, then);
		if (!rebase)
			fprintf(out, "hint: amending a commit? add --amend\n");
	}
	free(rules);
	free(file);
}

void fg_retry_print_am(FILE *out, const struct fg_report *report, const char *hook,
		       const char *path)
{
	int msg = !strcmp(hook, "applypatch-msg");
	const char *base = path ? strrchr(path, '/') : NULL;
	char *file = NULL, *rules = error_rules(report);

	base = base ? base + 1 : path;
	if (msg && base && !strcmp(base, "final-commit"))
		file = fg_strdupf("\"$(git rev-parse --git-path rebase-apply/final-commit)\"");
	else if (msg && path)
		file = fg_sh_quote(path, strlen(path), 0);
	if ((msg && !file) || !rules)
		goto out;
	if (msg)
		fprintf(out, "hint: git am keeps the patch; fix its message, then go on from it: "
			"$(git var GIT_EDITOR) %s && git am\n", file);
	else
		fprintf(out, "hint: git am applied the patch and did not commit it; fix the files, "
			"git add them, then go on: git am --continue\n");
	if (*rules)
		fprintf(out, "hint: or skip only %s for it: FLOWGATE_SKIP=%s git am%s\n", rules,
			rules, msg ? "" : " --continue");
	fprintf(out, "hint: or leave this patch out: git am --skip (all of them: git am --abort)\n");
out:
	free(rules);
	free(file);
}
