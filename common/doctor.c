/*
 * flowgate doctor (doctor.h): finds the hooks directory as git does (by
 * asking git), reads each client hook there and what it leads to (the
 * launcher's target, a kept hook, a hook manager's files), and prints what
 * runs and, for each way flowgate's checks are off or out of date, the fix.
 * The bytes are judged by hookfile.c; this file reads, runs and reports.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "doctor.h"
#include "hook.h"
#include "hookfile.h"
#include "quote.h"
#include "report.h"

struct doctor {
	FILE *out;
	const char *repo;     /* REPO as given; NULL: the current directory's */
	char *top;            /* the top of the work tree, absolute */
	char *hooks;          /* the hooks directory git runs hooks from, absolute */
	char *common_hooks;   /* $GIT_COMMON_DIR/hooks, where they are without core.hooksPath */
	char *husky;          /* husky's scripts directory when husky runs the hooks */
	char *lefthook;       /* the lefthook configuration at the top (its name) */
	char *lefthook_data;
	size_t lefthook_len;
	int lefthook_scripts; /* lefthook's scripts are in the hooks directory */
	int from_path;        /* a hook runs `flowgate` from PATH (a manager's line) */
	size_t problems;
	int oom;
};

/* A hook file as git and flowgate see it. */
struct file {
	char *path;
	int present;    /* there, a dangling link included (lstat) */
	int dangling;   /* a symbolic link to nothing */
	int exec;       /* git runs it: access(2) X_OK, as git's find_hook */
	enum fg_hookfile_kind kind;
	char *data;     /* its bytes when a readable regular file; else NULL */
	size_t len;
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
	size_t n = strlen(d->top);

	if (!strncmp(path, d->top, n) && path[n] == '/' && path[n + 1])
		return path + n + 1;
	return path;
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

/*
 * Run ARGV (looked up on PATH) in DIR (NULL: here) with stdin /dev/null
 * and stderr discarded; *OUT gets its stdout, NUL-terminated (at most
 * 64 KB read; the rest drained), *STATUS its exit status (-1 when killed).
 * Returns 0, or -1 when it cannot be started (errno set).
 */
static int run(const char *dir, char *const argv[], char **out, int *status)
{
	int fds[2], st, saved;
	size_t len = 0, cap = 65536;
	pid_t pid;
	char *buf = malloc(cap + 1), sink[4096];
	ssize_t n;

	*out = NULL;
	if (!buf || pipe(fds) < 0) {
		free(buf);
		return -1;
	}
	fflush(NULL);
	if ((pid = fork()) < 0) {
		saved = errno;
		close(fds[0]);
		close(fds[1]);
		free(buf);
		errno = saved;
		return -1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		if (null < 0 || dup2(null, 0) < 0 || dup2(null, 2) < 0 || dup2(fds[1], 1) < 0 ||
		    (dir && chdir(dir) < 0))
			_exit(127);
		close(fds[0]);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(fds[1]);
	while ((n = read(fds[0], len < cap ? buf + len : sink,
			 len < cap ? cap - len : sizeof(sink))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		if (len < cap)
			len += (size_t)n;
	}
	close(fds[0]);
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR) {
			free(buf);
			return -1;
		}
	buf[len] = '\0';
	*out = buf;
	*status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	return 0;
}

/* `git ARGS...` in DIR: its first line of output (newly allocated), NULL when it fails. */
static char *git_line(const char *dir, const char *a, const char *b, const char *c)
{
	char *argv[] = { "git", "rev-parse", (char *)a, (char *)b, (char *)c, NULL };
	char *out;
	int status;

	if (run(dir, argv, &out, &status) < 0)
		return NULL;
	if (status != 0 || !*out) {
		free(out);
		return NULL;
	}
	out[strcspn(out, "\n")] = '\0';
	return out;
}

/* Read the file at PATH into F (lstat, stat, access, its bytes). F->path is PATH, owned. */
static void inspect(struct file *f, char *path)
{
	struct stat st;
	int fd;

	memset(f, 0, sizeof(*f));
	f->path = path;
	if (!path || lstat(path, &st) < 0)
		return;
	f->present = 1;
	if (stat(path, &st) < 0) {
		f->dangling = 1;
		return;
	}
	f->exec = access(path, X_OK) == 0;
	if (S_ISREG(st.st_mode) && (fd = open(path, O_RDONLY)) >= 0) {
		if (fg_read_all(fd, &f->data, &f->len) < 0)
			f->data = NULL;
		close(fd);
	}
	f->kind = f->data ? fg_hookfile_kind(f->data, f->len) : FG_HOOKFILE_OTHER;
}

static void release(struct file *f)
{
	free(f->path);
	free(f->data);
}

static int is_flowgate(const struct file *f)
{
	return f->data && (f->kind == FG_HOOKFILE_LAUNCHER || f->kind == FG_HOOKFILE_BINARY);
}

/* The version the hook binary PATH prints for --version, into BUF; -1 when none. */
static int version_of(const char *path, char *buf, size_t size)
{
	char *argv[] = { (char *)path, "--version", NULL }, *out;
	int status, rc;

	buf[0] = '\0';
	if (run(NULL, argv, &out, &status) < 0)
		return -1;
	rc = status == 0 ? fg_hookfile_version(out, strlen(out), buf, size) : -1;
	free(out);
	return rc;
}

/* ------------------------------------------------------------ the fixes */

/* The lefthook configuration's scan for HOOK (an empty one when there is none). */
static void lefthook_scan(const struct doctor *d, const char *hook, struct fg_lefthook_scan *scan)
{
	const char *config = d->lefthook ? d->lefthook : "lefthook.yml";

	fg_hookfile_lefthook_scan(d->lefthook_data ? d->lefthook_data : "", d->lefthook_len,
				  fg_lefthook_format_of(config), hook, scan);
}

/*
 * The fix that makes git run flowgate's HOOK here, HOOK_FILE being what the
 * hooks directory holds: husky's line, lefthook's job (install.sh refuses
 * where either runs the hooks), else flowgate install. Newly allocated.
 */
static char *enable_fix(struct doctor *d, const char *hook, const struct file *hook_file)
{
	struct fg_lefthook_scan scan;
	char *fix;

	if (d->husky)
		return fg_strdupf("add this line as the first command of %s/%s (create it if "
				  "missing), then commit it: flowgate hook %s \"$@\"",
				  shown(d, d->husky), hook, hook);
	if (!d->lefthook && !d->lefthook_scripts)
		return flowgate_cmd(d, "install");
	lefthook_scan(d, hook, &scan);
	if (scan.runs) /* the configuration runs flowgate: lefthook's script is missing */
		return strdup("lefthook install");
	fix = fg_hookfile_lefthook_fix(d->lefthook ? d->lefthook : "lefthook.yml",
				       fg_lefthook_format_of(d->lefthook ? d->lefthook
							     : "lefthook.yml"), &scan, hook);
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
	struct file kept;
	char *fix = NULL;

	inspect(&kept, fg_strdupf("%s/%s.pre-flowgate", d->hooks, f->hook));
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
	release(&kept);
}

/*
 * H, a flowgate hook (in the hooks directory, or the pre-commit framework's
 * <hook>.legacy): executable, and flowgate's launcher of this hook's binary
 * at this flowgate's version; or a copy of a binary.
 */
static void check_flowgate(struct doctor *d, struct finding *f, const struct file *h)
{
	char version[64], *install = enable_fix(d, f->hook, h), *target = NULL, *fix = NULL;
	const char *base;
	int rc;

	if (!h->exec) {
		fix = chmod_cmd(h->path);
		problem(d, f, fix, "%s is not executable: git never runs it", shown(d, h->path));
	}
	if (h->kind == FG_HOOKFILE_BINARY) {
		if (version_of(h->path, version, sizeof(version)) == 0)
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
			missing ? "is missing (flowgate moved or removed)" : "cannot be run", f->hook);
	} else if (strcmp(base, f->hook)) {
		append(d, &f->summary, "flowgate's launcher of %s", target);
		problem(d, f, install, "%s runs %s, not a %s hook", shown(d, h->path), target, f->hook);
	} else if (version_of(target, version, sizeof(version)) < 0) {
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
static void check_husky(struct doctor *d, struct finding *f, const struct file *stub)
{
	struct file script;
	int husky9 = strcmp(d->husky, d->hooks) != 0;
	char *fix = NULL;

	if (is_flowgate(stub)) {
		fix = flowgate_cmd(d, "uninstall");
		problem(d, f, fix, "%s is flowgate's, written into husky's directory by an older "
			"install.sh: husky's %s no longer runs", shown(d, stub->path), f->hook);
		free(fix);
		fix = NULL;
	} else if (husky9 && !stub->exec) {
		problem(d, f, "npx husky", "git runs no %s: husky's %s is %s", f->hook,
			shown(d, stub->path), stub->present ? "not executable" : "missing");
	}
	inspect(&script, fg_strdupf("%s/%s", d->husky, f->hook));
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
			"flowgate's %s checks are off", shown(d, d->hooks),
			script.path ? shown(d, script.path) : "its script",
			script.present ? "has no line running flowgate" : "is missing", f->hook);
	}
	free(fix);
	release(&script);
}

/* H is lefthook's script: flowgate runs when lefthook's configuration has its job. */
static void check_lefthook(struct doctor *d, struct finding *f, const struct file *h)
{
	struct fg_lefthook_scan scan;
	struct file old;
	char *fix = NULL;

	inspect(&old, fg_strdupf("%s/%s.old", d->hooks, f->hook));
	lefthook_scan(d, f->hook, &scan);
	if (!h->exec) {
		fix = chmod_cmd(h->path);
		problem(d, f, fix, "%s is not executable: git never runs it", shown(d, h->path));
		free(fix);
		fix = NULL;
	}
	if (d->lefthook && scan.runs) {
		append(d, &f->summary, "lefthook's; %s runs flowgate hook %s", d->lefthook, f->hook);
		d->from_path = 1;
		if (is_flowgate(&old))
			note(d, f, "%s is flowgate's hook, which lefthook renamed and never runs: "
			     "delete it (rm %s)", shown(d, old.path), shown(d, old.path));
	} else {
		append(d, &f->summary, "lefthook's; %s", d->lefthook
		       ? "its configuration does not run flowgate" : "no lefthook configuration");
		fix = enable_fix(d, f->hook, h);
		problem(d, f, fix, "lefthook runs %s and not flowgate (%s%s)%s", f->hook,
			d->lefthook ? d->lefthook : "no lefthook.yml",
			d->lefthook ? " has no job running flowgate hook" : "",
			is_flowgate(&old) ? ": lefthook renamed flowgate's hook to .old and never "
					    "runs it" : "");
	}
	free(fix);
	release(&old);
}

/* H is the pre-commit framework's script: flowgate runs as its .legacy or its hook id. */
static void check_framework(struct doctor *d, struct finding *f, const struct file *h)
{
	struct file legacy, config;
	char *name = fg_hookfile_framework_config(h->data, h->len), *fix = NULL;
	int named;

	inspect(&legacy, fg_strdupf("%s/%s.legacy", d->hooks, f->hook));
	inspect(&config, name ? fg_strdupf("%s/%s", d->top, name) : NULL);
	named = config.data && fg_hookfile_framework_names(config.data, config.len, f->hook);
	if (!h->exec) {
		fix = chmod_cmd(h->path);
		problem(d, f, fix, "%s is not executable: git never runs it", shown(d, h->path));
		free(fix);
		fix = NULL;
	}
	append(d, &f->summary, "the pre-commit framework's");
	if (is_flowgate(&legacy)) {
		append(d, &f->summary, "; it runs %s.legacy: ", f->hook);
		check_flowgate(d, f, &legacy);
		check_kept(d, f, 1);
	}
	if (named) {
		append(d, &f->summary, "; %s names flowgate-%s", name, f->hook);
		d->from_path = 1;
	}
	if (!is_flowgate(&legacy) && !named) {
		fix = enable_fix(d, f->hook, h);
		problem(d, f, fix, "the pre-commit framework's %s runs no flowgate: no flowgate "
			"%s.legacy (pre-commit install -f or --overwrite deletes it) and no id "
			"flowgate-%s in %s", f->hook, f->hook, f->hook, name ? name : "its configuration");
	}
	if (!is_flowgate(&legacy))
		check_kept(d, f, 0);
	if (!strcmp(f->hook, "pre-push") && named && !is_flowgate(&legacy))
		note(d, f, "the pre-commit framework's pre-push stage shows flowgate one ref of a "
		     "push, and none that deletes a ref or brings no new commit: multi-ref and tag "
		     "pushes need flowgate's own pre-push (flowgate install) or the server hooks "
		     "(flowgate install --server)");
	free(fix);
	free(name);
	release(&legacy);
	release(&config);
}

/* No hook manager: the hook file itself. */
static void check_plain(struct doctor *d, struct finding *f, const struct file *h)
{
	char *fix = NULL;

	if (!h->present || h->dangling) {
		struct file there;
		int elsewhere = 0;

		if (strcmp(d->hooks, d->common_hooks)) {
			inspect(&there, fg_strdupf("%s/%s", d->common_hooks, f->hook));
			elsewhere = is_flowgate(&there);
			release(&there);
		}
		append(d, &f->summary, "not installed");
		fix = enable_fix(d, f->hook, h);
		problem(d, f, fix, "git runs no %s: %s is %s%s%s%s", f->hook, shown(d, h->path),
			h->dangling ? "a link to a missing file" : "missing",
			elsewhere ? " (flowgate's is in " : "",
			elsewhere ? shown(d, d->common_hooks) : "",
			elsewhere ? ", which core.hooksPath keeps git from running)" : "");
	} else if (is_flowgate(h)) {
		check_flowgate(d, f, h);
		check_kept(d, f, 1);
		return;
	} else if (h->data && fg_hookfile_runs_flowgate(h->data, h->len, f->hook)) {
		append(d, &f->summary, "a script that runs flowgate hook %s", f->hook);
		d->from_path = 1;
		if (!h->exec) {
			fix = chmod_cmd(h->path);
			problem(d, f, fix, "%s is not executable: git never runs it", shown(d, h->path));
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
	struct file h;

	inspect(&h, fg_strdupf("%s/%s", d->hooks, hook));
	if (!h.path) {
		d->oom = 1;
		return;
	}
	append(d, &f.summary, "%s: ", shown(d, h.path));
	if (d->husky)
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
	release(&h);
}

/* ------------------------------------------------------------ the setting */

/* Whether DIR/NAME is a regular file. */
static int has_file(const char *dir, const char *name)
{
	char *path = fg_strdupf("%s/%s", dir, name);
	struct stat st;
	int yes = path && stat(path, &st) == 0 && S_ISREG(st.st_mode);

	free(path);
	return yes;
}

/*
 * husky runs the hooks (install.sh's husky_dir): the hooks directory is
 * husky 9's <dir>/_ (named .husky/_, or its dispatcher h naming husky), or
 * a .husky holding husky 4-8's _/h or _/husky.sh. Sets D->husky.
 */
static int find_husky(struct doctor *d)
{
	size_t n = strlen(d->hooks);
	int husky = 0;

	while (n > 1 && d->hooks[n - 1] == '/')
		d->hooks[--n] = '\0';
	if (n >= 2 && !strcmp(d->hooks + n - 2, "/_")) {
		struct file dispatcher;

		husky = n >= 9 && !strcmp(d->hooks + n - 9, "/.husky/_");
		if (!husky) {
			inspect(&dispatcher, fg_strdupf("%s/h", d->hooks));
			husky = dispatcher.data && strstr(dispatcher.data, "husky");
			release(&dispatcher);
		}
		if (husky && !(d->husky = strndup(d->hooks, n - 2)))
			return -1;
	} else if (n >= 7 && !strcmp(d->hooks + n - 7, "/.husky")) {
		char *under = fg_strdupf("%s/_", d->hooks);

		if (!under)
			return -1;
		husky = has_file(under, "h") || has_file(under, "husky.sh");
		free(under);
		if (husky && !(d->husky = strdup(d->hooks)))
			return -1;
	}
	return 0;
}

/*
 * lefthook: its configuration at the top of the work tree (the names
 * lefthook 2 reads, install.sh's lefthook_config), read into D, and whether
 * a script of lefthook's is in the hooks directory.
 */
static int find_lefthook(struct doctor *d)
{
	static const char *const bases[] = { "lefthook", ".lefthook", ".config/lefthook" };
	static const char *const exts[] = { "yml", "yaml", "json", "jsonc", "toml" };
	DIR *dir;
	struct dirent *e;

	for (size_t i = 0; i < 3 && !d->lefthook; i++)
		for (size_t j = 0; j < 5 && !d->lefthook; j++) {
			struct file config;

			inspect(&config, fg_strdupf("%s/%s.%s", d->top, bases[i], exts[j]));
			if (config.data) {
				if (!(d->lefthook = fg_strdupf("%s.%s", bases[i], exts[j]))) {
					release(&config);
					return -1;
				}
				d->lefthook_data = config.data;
				d->lefthook_len = config.len;
				config.data = NULL;
			}
			release(&config);
		}
	if (!(dir = opendir(d->hooks)))
		return 0;
	while (!d->lefthook_scripts && (e = readdir(dir))) {
		size_t n = strlen(e->d_name);
		struct file script;

		if (e->d_name[0] == '.' || (n > 7 && !strcmp(e->d_name + n - 7, ".sample")))
			continue;
		inspect(&script, fg_strdupf("%s/%s", d->hooks, e->d_name));
		d->lefthook_scripts = script.kind == FG_HOOKFILE_LEFTHOOK;
		release(&script);
	}
	closedir(dir);
	return 0;
}

/* Whether an executable `flowgate` is on PATH, as a hook manager's line finds it. */
static int flowgate_on_path(void)
{
	const char *p = getenv("PATH");

	while (p && *p) {
		size_t n = strcspn(p, ":");
		char *path = fg_strdupf("%.*s/flowgate", (int)n, n ? p : ".");
		int yes = path && access(path, X_OK) == 0;

		free(path);
		if (yes)
			return 1;
		p += n + (p[n] == ':');
	}
	return 0;
}

/* The work tree and the hooks directory, as git says. Returns 0 or an exit status. */
static int locate(struct doctor *d, FILE *err)
{
	const char *where = d->repo ? d->repo : ".";
	char *bare, *common, *hooks;
	struct stat st;

	if (d->repo && stat(d->repo, &st) < 0) {
		fg_print_line(err, "flowgate doctor: error: cannot open '%s': %s; name a clone: "
			      "flowgate doctor <repo>", d->repo, strerror(errno));
		return FG_EXIT_INTERNAL;
	}
	if (d->repo && !S_ISDIR(st.st_mode)) {
		fg_print_line(err, "flowgate doctor: error: '%s' is not a directory; name a clone: "
			      "flowgate doctor <repo>", d->repo);
		return FG_EXIT_INTERNAL;
	}
	if (!(bare = git_line(d->repo, "--is-bare-repository", NULL, NULL))) {
		fg_print_line(err, "flowgate doctor: fatal: not a git repository: '%s'; run it in a "
			      "clone, or name one: flowgate doctor <repo>", where);
		return FG_EXIT_INTERNAL;
	}
	if (!strcmp(bare, "true")) {
		free(bare);
		fg_print_line(err, "flowgate doctor: error: '%s' is a bare repository, where git runs "
			      "no client hook; its server hooks are installed with flowgate install "
			      "--server", where);
		return FG_EXIT_USAGE;
	}
	free(bare);
	if (!(d->top = git_line(d->repo, "--show-toplevel", NULL, NULL)) ||
	    !(common = git_line(d->repo, "--path-format=absolute", "--git-common-dir", NULL))) {
		fg_print_line(err, "flowgate doctor: fatal: '%s' is not in a work tree; run it in a "
			      "clone's work tree, or name one: flowgate doctor <repo>", where);
		return FG_EXIT_INTERNAL;
	}
	/* from the top, where git reads a relative core.hooksPath (install.sh's hooks_dir_of) */
	hooks = git_line(d->top, "--git-path", "hooks", NULL);
	d->common_hooks = fg_strdupf("%s/hooks", common);
	free(common);
	if (!hooks) {
		fg_print_line(err, "flowgate doctor: fatal: cannot find the hooks directory of '%s' "
			      "(git rev-parse --git-path hooks failed)", d->top);
		return FG_EXIT_INTERNAL;
	}
	d->hooks = hooks[0] == '/' ? strdup(hooks) : fg_strdupf("%s/%s", d->top, hooks);
	free(hooks);
	if (!d->hooks || !d->common_hooks)
		return FG_EXIT_INTERNAL;
	return 0;
}

/* Whether A and B name one directory (both there) or the same path. */
static int same_dir(const char *a, const char *b)
{
	struct stat sa, sb;

	if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
		return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	return !strcmp(a, b);
}

int fg_doctor(const char *repo, const char *const *hooks, size_t nhooks, FILE *out, FILE *err)
{
	struct doctor d;
	int status;

	memset(&d, 0, sizeof(d));
	d.out = out;
	d.repo = repo;
	if (repo) /* an explicit REPO wins over the environment, as in install.sh */
		for (const char *const *v = (const char *const[]){ "GIT_DIR", "GIT_WORK_TREE",
			"GIT_COMMON_DIR", "GIT_INDEX_FILE", "GIT_PREFIX", NULL }; *v; v++)
			unsetenv(*v);
	if ((status = locate(&d, err)) != 0)
		goto out;
	if (same_dir(d.hooks, d.common_hooks)) {
		free(d.common_hooks);
		d.common_hooks = strdup(d.hooks);
	}
	if (!d.common_hooks || find_husky(&d) < 0 || (!d.husky && find_lefthook(&d) < 0)) {
		fprintf(err, "flowgate doctor: fatal: out of memory\n");
		status = FG_EXIT_INTERNAL;
		goto out;
	}
	fg_print_line(out, "flowgate doctor: flowgate %s; work tree %s; hooks directory %s%s%s%s",
		      FLOWGATE_VERSION, d.top, shown(&d, d.hooks),
		      strcmp(d.hooks, d.common_hooks) ? " (core.hooksPath; git does not run " : "",
		      strcmp(d.hooks, d.common_hooks) ? shown(&d, d.common_hooks) : "",
		      strcmp(d.hooks, d.common_hooks) ? ")" : "");
	if (d.husky)
		fg_print_line(out, "flowgate doctor: husky runs the hooks: its scripts are in %s",
			      shown(&d, d.husky));
	else if (d.lefthook || d.lefthook_scripts)
		fg_print_line(out, "flowgate doctor: lefthook is here: %s%s%s", d.lefthook
			      ? d.lefthook : "", d.lefthook && d.lefthook_scripts ? ", " : "",
			      d.lefthook_scripts ? "its scripts in the hooks directory" : "");
	for (size_t i = 0; i < nhooks; i++)
		check_hook(&d, hooks[i]);
	if (d.from_path && !flowgate_on_path())
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
out:
	free(d.top);
	free(d.hooks);
	free(d.common_hooks);
	free(d.husky);
	free(d.lefthook);
	free(d.lefthook_data);
	return status;
}
