/*
 * flowgate doctor (doctor.h): for each client hook in the hooks directory
 * git uses (hookdir.c finds it and reads the files), follows what git runs
 * (flowgate's launcher and its target, a kept hook, a hook manager's files,
 * judged by hookfile.c) and prints it, and for each way flowgate's checks
 * are off or out of date, the fix.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "doctor.h"
#include "hook.h"
#include "hookdir.h"
#include "hookfile.h"
#include "quote.h"
#include "report.h"

struct doctor {
	FILE *out;
	const char *repo;     /* REPO as given; NULL: the current directory's */
	struct fg_hookdir dir;
	int from_path;        /* a hook runs `flowgate` from PATH (a manager's line) */
	size_t problems;
	int oom;
};

/* One hook's findings: its summary, then its problem and note lines. */
struct finding {
	const char *hook;
	char *summary;
	char *lines[16];
	size_t n;
};

/* ---------------------------------------------------------------- helpers */

/* FMT appended to *S (newly allocated, or grown); sets D->oom on failure. */
static void append(struct doctor *d, char **s, const char *fmt, ...) FG_PRINTF(3, 4);
static void append(struct doctor *d, char **s, const char *fmt, ...)
{
	va_list ap;
	char *add, *both;

	va_start(ap, fmt);
	add = fg_vstrdupf(fmt, ap);
	va_end(ap);
	if (!add) {
		d->oom = 1;
		return;
	}
	if (!*s) {
		*s = add;
		return;
	}
	both = fg_strdupf("%s%s", *s, add);
	free(add);
	if (!both) {
		d->oom = 1;
		return;
	}
	free(*s);
	*s = both;
}

/* A problem of F's hook: WHAT (formatted), then "; fix: " and FIX. */
static void problem(struct doctor *d, struct finding *f, const char *fix, const char *fmt, ...)
	FG_PRINTF(4, 5);
static void problem(struct doctor *d, struct finding *f, const char *fix, const char *fmt, ...)
{
	va_list ap;
	char *what;

	d->problems++;
	va_start(ap, fmt);
	what = fg_vstrdupf(fmt, ap);
	va_end(ap);
	if (f->n < sizeof(f->lines) / sizeof(f->lines[0]) &&
	    (f->lines[f->n] = fg_strdupf("%s: problem: %s; fix: %s", f->hook, what ? what : "?",
					 fix ? fix : "?")))
		f->n++;
	else
		d->oom = 1;
	free(what);
}

static void note(struct doctor *d, struct finding *f, const char *fmt, ...) FG_PRINTF(3, 4);
static void note(struct doctor *d, struct finding *f, const char *fmt, ...)
{
	va_list ap;
	char *what;

	va_start(ap, fmt);
	what = fg_vstrdupf(fmt, ap);
	va_end(ap);
	if (what && f->n < sizeof(f->lines) / sizeof(f->lines[0]) &&
	    (f->lines[f->n] = fg_strdupf("%s: note: %s", f->hook, what)))
		f->n++;
	else
		d->oom = 1;
	free(what);
}

/* PATH as the user knows it: relative to the top of the work tree when inside it. */
static const char *shown(const struct doctor *d, const char *path)
{
	size_t n = strlen(d->dir.top);

	if (!strncmp(path, d->dir.top, n) && path[n] == '/' && path[n + 1])
		return path + n + 1;
	return path;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && !strcmp(s + n - k, suffix);
}

/* PATH as one shell word (a placeholder if it cannot be one). Newly allocated or NULL. */
static char *quoted(const char *path)
{
	char *q = fg_sh_quote(path, strlen(path), 0);

	return q ? q : (errno == ENOMEM ? NULL : strdup("<path>"));
}

/* The command that (re)installs flowgate's hooks here; COMMAND "install" or "uninstall". */
static char *flowgate_cmd(const struct doctor *d, const char *command)
{
	char *q, *cmd;

	if (!d->repo)
		return fg_strdupf("flowgate %s", command);
	if (!(q = quoted(d->repo)))
		return NULL;
	cmd = fg_strdupf("flowgate %s %s", command, q);
	free(q);
	return cmd;
}

/* "chmod +x <PATH>", or NULL when out of memory. */
static char *chmod_cmd(const char *path)
{
	char *q = quoted(path), *cmd = q ? fg_strdupf("chmod +x %s", q) : NULL;

	free(q);
	return cmd;
}

/* ------------------------------------------------------------ the fixes */

/* The lefthook configuration's scan for HOOK (an empty one when there is none). */
static void lefthook_scan(const struct doctor *d, const char *hook, struct fg_lefthook_scan *scan)
{
	const char *config = d->dir.lefthook ? d->dir.lefthook : "lefthook.yml";

	fg_hookfile_lefthook_scan(d->dir.lefthook_data ? d->dir.lefthook_data : "",
				  d->dir.lefthook_len, fg_lefthook_format_of(config), hook, scan);
}

/*
 * The fix that makes git run flowgate's HOOK here, HOOK_FILE being what the
 * hooks directory holds: husky's line, lefthook's job (install.sh refuses
 * where either runs the hooks), else flowgate install. Newly allocated.
 */
static char *enable_fix(struct doctor *d, const char *hook,
			const struct fg_hookdir_file *hook_file)
{
	const char *config = d->dir.lefthook ? d->dir.lefthook : "lefthook.yml";
	struct fg_lefthook_scan scan;
	char *fix;

	if (d->dir.husky)
		return fg_strdupf("add this line as the first command of %s/%s (create it if "
				  "missing), then commit it: flowgate hook %s \"$@\"",
				  shown(d, d->dir.husky), hook, hook);
	if (!d->dir.lefthook && !d->dir.lefthook_scripts)
		return flowgate_cmd(d, "install");
	lefthook_scan(d, hook, &scan);
	if (scan.runs) /* the configuration runs flowgate: lefthook's script is missing */
		return strdup("lefthook install");
	fix = fg_hookfile_lefthook_fix(config, fg_lefthook_format_of(config), &scan, hook);
	if (fix && hook_file->kind != FG_HOOKFILE_LEFTHOOK)
		append(d, &fix, ", then run lefthook install");
	return fix;
}

/* ------------------------------------------------------------ the checks */

/*
 * The kept hook <hook>.pre-flowgate beside flowgate's hook, which flowgate
 * runs (CHAINED: flowgate's hook is in the hooks directory) after its checks
 * only when it is executable (hook.c's run_kept_hook); and the pre-commit
 * framework's script kept there by an older install.sh.
 */
static void check_kept(struct doctor *d, struct finding *f, int chained)
{
	struct fg_hookdir_file kept;
	char *fix = NULL;

	fg_hookdir_read(&kept, fg_strdupf("%s/%s.pre-flowgate", d->dir.hooks, f->hook));
	if (!kept.present)
		goto out;
	if (kept.kind == FG_HOOKFILE_FRAMEWORK) {
		fix = enable_fix(d, f->hook, &kept);
		problem(d, f, fix, "%s is the pre-commit framework's script, kept by an older "
			"install.sh: every commit fails (\"installed in migration mode\")",
			shown(d, kept.path));
	} else if (chained && kept.dangling) {
		char *q = quoted(kept.path);

		fix = q ? fg_strdupf("rm %s", q) : NULL;
		free(q);
		problem(d, f, fix, "the kept hook %s is a link to a missing file: flowgate never "
			"runs it", shown(d, kept.path));
	} else if (chained && !kept.exec) {
		fix = chmod_cmd(kept.path);
		problem(d, f, fix, "the kept hook %s is not executable: flowgate never runs it",
			shown(d, kept.path));
	} else if (chained) {
		append(d, &f->summary, "; then the kept %s.pre-flowgate", f->hook);
	}
out:
	free(fix);
	fg_hookdir_file_release(&kept);
}

/*
 * H, a flowgate hook (in the hooks directory, or the pre-commit framework's
 * <hook>.legacy): executable, and flowgate's launcher of this hook's binary
 * at this flowgate's version; or a copy of a binary.
 */
static void check_flowgate(struct doctor *d, struct finding *f, const struct fg_hookdir_file *h)
{
	char version[64], *install = enable_fix(d, f->hook, h), *target = NULL, *fix = NULL;
	const char *base;
	int rc;

	if (!h->exec) {
		fix = chmod_cmd(h->path);
		problem(d, f, fix, "%s is not executable: %s never runs it", shown(d, h->path),
			ends_with(h->path, ".legacy") ? "the pre-commit framework" : "git");
	}
	if (h->kind == FG_HOOKFILE_BINARY) {
		if (fg_hookdir_version(h->path, version, sizeof(version)) == 0)
			append(d, &f->summary, "a copy of flowgate %s's hook binary", version);
		else
			append(d, &f->summary, "a copy of a flowgate hook binary");
		problem(d, f, install, "%s is a copy of a flowgate hook binary (an older "
			"install.sh): an upgrade of flowgate never reaches it", shown(d, h->path));
		goto out;
	}
	if ((rc = fg_hookfile_target(h->data, h->len, &target)) <= 0) {
		if (rc < 0)
			d->oom = 1;
		append(d, &f->summary, "flowgate's launcher, with no hook binary");
		problem(d, f, install, "%s is flowgate's launcher with no hook binary to run "
			"(every %s refuses)", shown(d, h->path), f->hook);
		goto out;
	}
	base = strrchr(target, '/') ? strrchr(target, '/') + 1 : target;
	if (access(target, X_OK) != 0) {
		int missing = errno == ENOENT || errno == ENOTDIR;

		append(d, &f->summary, "flowgate's launcher of %s (%s)", target,
		       missing ? "missing" : "not executable");
		problem(d, f, install, "%s runs %s, which %s: every %s refuses until flowgate is "
			"reinstalled", shown(d, h->path), target,
			missing ? "is missing (flowgate moved or removed)" : "cannot be run",
			f->hook);
	} else if (strcmp(base, f->hook)) {
		append(d, &f->summary, "flowgate's launcher of %s", target);
		problem(d, f, install, "%s runs %s, not a %s hook", shown(d, h->path), target,
			f->hook);
	} else if (fg_hookdir_version(target, version, sizeof(version)) < 0) {
		append(d, &f->summary, "flowgate's launcher of %s (no version)", target);
		problem(d, f, install, "%s runs %s, which does not print a flowgate version "
			"(--version): not a flowgate hook binary", shown(d, h->path), target);
	} else {
		append(d, &f->summary, "flowgate %s (%s)", version, target);
		if (strcmp(version, FLOWGATE_VERSION))
			problem(d, f, install, "%s runs flowgate %s (%s); this flowgate is %s",
				shown(d, h->path), version, target, FLOWGATE_VERSION);
	}
out:
	free(target);
	free(install);
	free(fix);
}

/* husky runs the hooks: its stub in the hooks directory, its script in D->husky. */
static void check_husky(struct doctor *d, struct finding *f, const struct fg_hookdir_file *stub)
{
	struct fg_hookdir_file script;
	int husky9 = strcmp(d->dir.husky, d->dir.hooks) != 0;
	char *fix = NULL;

	if (fg_hookdir_is_flowgate(stub)) {
		fix = flowgate_cmd(d, "uninstall");
		problem(d, f, fix, "%s is flowgate's, written into husky's directory by an older "
			"install.sh: husky's %s no longer runs", shown(d, stub->path), f->hook);
		free(fix);
		fix = NULL;
	} else if (husky9 && !stub->exec) {
		problem(d, f, "npx husky", "git runs no %s: husky's %s is %s", f->hook,
			shown(d, stub->path), stub->present ? "not executable" : "missing");
	}
	fg_hookdir_read(&script, fg_strdupf("%s/%s", d->dir.husky, f->hook));
	if (script.data && fg_hookfile_runs_flowgate(script.data, script.len, f->hook)) {
		append(d, &f->summary, "husky's; %s runs flowgate hook %s", shown(d, script.path),
		       f->hook);
		d->from_path = 1;
		if (!husky9 && !script.exec) {
			fix = chmod_cmd(script.path);
			problem(d, f, fix, "%s is not executable: git never runs it",
				shown(d, script.path));
		}
	} else {
		append(d, &f->summary, "husky's; %s does not run flowgate",
		       script.path ? shown(d, script.path) : "its script");
		fix = enable_fix(d, f->hook, stub);
		problem(d, f, fix, "husky runs the hooks (core.hooksPath %s) and %s %s: "
			"flowgate's %s checks are off", shown(d, d->dir.hooks),
			script.path ? shown(d, script.path) : "its script",
			script.present ? "has no line running flowgate" : "is missing", f->hook);
	}
	free(fix);
	fg_hookdir_file_release(&script);
}

/* H is lefthook's script: flowgate runs when lefthook's configuration has its job. */
static void check_lefthook(struct doctor *d, struct finding *f, const struct fg_hookdir_file *h)
{
	struct fg_lefthook_scan scan;
	struct fg_hookdir_file old;
	char *fix = NULL;

	fg_hookdir_read(&old, fg_strdupf("%s/%s.old", d->dir.hooks, f->hook));
	lefthook_scan(d, f->hook, &scan);
	if (!h->exec) {
		fix = chmod_cmd(h->path);
		problem(d, f, fix, "%s is not executable: git never runs it", shown(d, h->path));
		free(fix);
		fix = NULL;
	}
	if (d->dir.lefthook && scan.runs) {
		append(d, &f->summary, "lefthook's; %s runs flowgate hook %s", d->dir.lefthook,
		       f->hook);
		d->from_path = 1;
		if (fg_hookdir_is_flowgate(&old))
			note(d, f, "%s is flowgate's hook, which lefthook renamed and never runs: "
			     "delete it (rm %s)", shown(d, old.path), shown(d, old.path));
	} else {
		append(d, &f->summary, "lefthook's; %s", d->dir.lefthook
		       ? "its configuration does not run flowgate" : "no lefthook configuration");
		fix = enable_fix(d, f->hook, h);
		problem(d, f, fix, "lefthook runs %s and not flowgate (%s%s)%s", f->hook,
			d->dir.lefthook ? d->dir.lefthook : "no lefthook.yml",
			d->dir.lefthook ? " has no job running flowgate hook" : "",
			fg_hookdir_is_flowgate(&old)
			? ": lefthook renamed flowgate's hook to .old and never runs it" : "");
	}
	free(fix);
	fg_hookdir_file_release(&old);
}

/* H is the pre-commit framework's script: flowgate runs as its .legacy or its hook id. */
static void check_framework(struct doctor *d, struct finding *f, const struct fg_hookdir_file *h)
{
	struct fg_hookdir_file legacy, config;
	char *name = fg_hookfile_framework_config(h->data, h->len), *fix = NULL;
	int named;

	fg_hookdir_read(&legacy, fg_strdupf("%s/%s.legacy", d->dir.hooks, f->hook));
	fg_hookdir_read(&config, name ? fg_strdupf("%s/%s", d->dir.top, name) : NULL);
	named = config.data && fg_hookfile_framework_names(config.data, config.len, f->hook);
	if (!h->exec) {
		fix = chmod_cmd(h->path);
		problem(d, f, fix, "%s is not executable: git never runs it", shown(d, h->path));
		free(fix);
		fix = NULL;
	}
	append(d, &f->summary, "the pre-commit framework's");
	if (fg_hookdir_is_flowgate(&legacy)) {
		append(d, &f->summary, "; it runs %s.legacy: ", f->hook);
		check_flowgate(d, f, &legacy);
		check_kept(d, f, 1);
	}
	if (named) {
		append(d, &f->summary, "; %s names flowgate-%s", name, f->hook);
		d->from_path = 1;
	}
	if (!fg_hookdir_is_flowgate(&legacy) && !named) {
		fix = enable_fix(d, f->hook, h);
		problem(d, f, fix, "the pre-commit framework's %s runs no flowgate: no flowgate "
			"%s.legacy (pre-commit install -f or --overwrite deletes it) and no id "
			"flowgate-%s in %s", f->hook, f->hook, f->hook,
			name ? name : "its configuration");
	}
	if (!fg_hookdir_is_flowgate(&legacy))
		check_kept(d, f, 0);
	if (!strcmp(f->hook, "pre-push") && named && !fg_hookdir_is_flowgate(&legacy))
		note(d, f, "the pre-commit framework's pre-push stage shows flowgate one ref of a "
		     "push, and none that deletes a ref or brings no new commit: multi-ref and tag "
		     "pushes need flowgate's own pre-push (flowgate install) or the server hooks "
		     "(flowgate install --server)");
	free(fix);
	free(name);
	fg_hookdir_file_release(&legacy);
	fg_hookdir_file_release(&config);
}

/* No hook manager: the hook file itself. */
static void check_plain(struct doctor *d, struct finding *f, const struct fg_hookdir_file *h)
{
	char *fix = NULL;

	if (!h->present || h->dangling) {
		struct fg_hookdir_file there;
		int elsewhere = 0;

		if (strcmp(d->dir.hooks, d->dir.common_hooks)) {
			fg_hookdir_read(&there, fg_strdupf("%s/%s", d->dir.common_hooks, f->hook));
			elsewhere = fg_hookdir_is_flowgate(&there);
			fg_hookdir_file_release(&there);
		}
		append(d, &f->summary, "not installed");
		fix = enable_fix(d, f->hook, h);
		problem(d, f, fix, "git runs no %s: %s is %s%s%s%s", f->hook, shown(d, h->path),
			h->dangling ? "a link to a missing file" : "missing",
			elsewhere ? " (flowgate's is in " : "",
			elsewhere ? shown(d, d->dir.common_hooks) : "",
			elsewhere ? ", which core.hooksPath keeps git from running)" : "");
	} else if (fg_hookdir_is_flowgate(h)) {
		check_flowgate(d, f, h);
		check_kept(d, f, 1);
		return;
	} else if (h->data && fg_hookfile_runs_flowgate(h->data, h->len, f->hook)) {
		append(d, &f->summary, "a script that runs flowgate hook %s", f->hook);
		d->from_path = 1;
		if (!h->exec) {
			fix = chmod_cmd(h->path);
			problem(d, f, fix, "%s is not executable: git never runs it",
				shown(d, h->path));
		}
	} else {
		append(d, &f->summary, "not flowgate's");
		fix = enable_fix(d, f->hook, h);
		problem(d, f, fix, "%s is not flowgate's and does not run flowgate: flowgate's %s "
			"checks are off (flowgate install keeps it as %s.pre-flowgate and runs it "
			"after them)", shown(d, h->path), f->hook, f->hook);
	}
	check_kept(d, f, 0);
	free(fix);
}

static void check_hook(struct doctor *d, const char *hook)
{
	struct finding f = { hook, NULL, { NULL }, 0 };
	struct fg_hookdir_file h;

	fg_hookdir_read(&h, fg_strdupf("%s/%s", d->dir.hooks, hook));
	if (!h.path) {
		d->oom = 1;
		return;
	}
	append(d, &f.summary, "%s: ", shown(d, h.path));
	if (d->dir.husky)
		check_husky(d, &f, &h);
	else if (h.kind == FG_HOOKFILE_LEFTHOOK)
		check_lefthook(d, &f, &h);
	else if (h.kind == FG_HOOKFILE_FRAMEWORK)
		check_framework(d, &f, &h);
	else
		check_plain(d, &f, &h);
	fg_print_line(d->out, "%s: %s", hook, f.summary ? f.summary : "?");
	for (size_t i = 0; i < f.n; i++) {
		fg_print_line(d->out, "%s", f.lines[i]);
		free(f.lines[i]);
	}
	free(f.summary);
	fg_hookdir_file_release(&h);
}

/* ------------------------------------------------------------ the setting */

int fg_doctor(const char *repo, const char *const *hooks, size_t nhooks, FILE *out, FILE *err)
{
	struct doctor d;
	int status, elsewhere;

	memset(&d, 0, sizeof(d));
	d.out = out;
	d.repo = repo;
	if (repo) /* an explicit REPO wins over the environment, as in install.sh */
		for (const char *const *v = (const char *const[]){ "GIT_DIR", "GIT_WORK_TREE",
			"GIT_COMMON_DIR", "GIT_INDEX_FILE", "GIT_PREFIX", NULL }; *v; v++)
			unsetenv(*v);
	if ((status = fg_hookdir_open(&d.dir, repo, err)) != 0)
		return status;
	elsewhere = strcmp(d.dir.hooks, d.dir.common_hooks) != 0;
	fg_print_line(out, "flowgate doctor: flowgate %s; work tree %s; hooks directory %s%s%s%s",
		      FLOWGATE_VERSION, d.dir.top, shown(&d, d.dir.hooks),
		      elsewhere ? " (core.hooksPath; git does not run " : "",
		      elsewhere ? shown(&d, d.dir.common_hooks) : "", elsewhere ? ")" : "");
	if (d.dir.husky)
		fg_print_line(out, "flowgate doctor: husky runs the hooks: its scripts are in %s",
			      shown(&d, d.dir.husky));
	else if (d.dir.lefthook || d.dir.lefthook_scripts)
		fg_print_line(out, "flowgate doctor: lefthook is here: %s%s%s",
			      d.dir.lefthook ? d.dir.lefthook : "",
			      d.dir.lefthook && d.dir.lefthook_scripts ? ", " : "",
			      d.dir.lefthook_scripts ? "its scripts in the hooks directory" : "");
	for (size_t i = 0; i < nhooks; i++)
		check_hook(&d, hooks[i]);
	if (d.from_path && !fg_hookdir_flowgate_on_path())
		fprintf(out, "note: a hook manager runs `flowgate hook` from PATH, and no flowgate "
			"is on this PATH (make install puts it in PREFIX/bin)\n");
	if (d.oom) {
		fprintf(err, "flowgate doctor: fatal: out of memory\n");
		status = FG_EXIT_INTERNAL;
	} else if (d.problems) {
		fprintf(out, "flowgate doctor: %zu problem%s: flowgate's checks are off or out of "
			"date where named; run each fix, then flowgate doctor again\n", d.problems,
			d.problems == 1 ? "" : "s");
		status = FG_EXIT_VIOLATION;
	} else {
		fprintf(out, "flowgate doctor: every hook runs flowgate's checks\n");
	}
	fg_hookdir_release(&d.dir);
	return status;
}
