/*
 * The hooks directory git runs a clone's hooks from, and the files there
 * (hookdir.h): git is asked where it is, each file is read as git sees it
 * (lstat, access X_OK), and hook binaries are run for their version.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "fileio.h"
#include "hookdir.h"
#include "report.h"

/*
 * Run ARGV (looked up on PATH) in DIR (NULL: here) with stdin /dev/null
 * and stderr discarded, and wait for it (no time limit: what is run is git,
 * or a hook binary git would run at the next commit); *OUT gets its stdout,
 * NUL-terminated (at most 64 KB kept; the rest read and dropped), *STATUS
 * its exit status (-1 when killed). Returns 0, or -1 when it cannot be
 * started (errno set).
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
		if (null > 2)
			close(null);
		if (fds[1] > 2)
			close(fds[1]);
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

void fg_hookdir_read(struct fg_hookdir_file *f, char *path)
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

void fg_hookdir_file_release(struct fg_hookdir_file *f)
{
	free(f->path);
	free(f->data);
}

int fg_hookdir_is_flowgate(const struct fg_hookdir_file *f)
{
	return f->data && (f->kind == FG_HOOKFILE_LAUNCHER || f->kind == FG_HOOKFILE_BINARY);
}

int fg_hookdir_version(const char *path, char *buf, size_t size)
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
static int find_husky(struct fg_hookdir *d)
{
	size_t n = strlen(d->hooks);
	int husky = 0;

	while (n > 1 && d->hooks[n - 1] == '/')
		d->hooks[--n] = '\0';
	if (n >= 2 && !strcmp(d->hooks + n - 2, "/_")) {
		struct fg_hookdir_file dispatcher;

		husky = n >= 9 && !strcmp(d->hooks + n - 9, "/.husky/_");
		if (!husky) {
			fg_hookdir_read(&dispatcher, fg_strdupf("%s/h", d->hooks));
			husky = dispatcher.data && strstr(dispatcher.data, "husky");
			fg_hookdir_file_release(&dispatcher);
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
static int find_lefthook(struct fg_hookdir *d)
{
	static const char *const bases[] = { "lefthook", ".lefthook", ".config/lefthook" };
	static const char *const exts[] = { "yml", "yaml", "json", "jsonc", "toml" };
	DIR *dir;
	struct dirent *e;

	for (size_t i = 0; i < 3 && !d->lefthook; i++)
		for (size_t j = 0; j < 5 && !d->lefthook; j++) {
			struct fg_hookdir_file config;

			fg_hookdir_read(&config, fg_strdupf("%s/%s.%s", d->top, bases[i], exts[j]));
			if (config.data) {
				if (!(d->lefthook = fg_strdupf("%s.%s", bases[i], exts[j]))) {
					fg_hookdir_file_release(&config);
					return -1;
				}
				d->lefthook_data = config.data;
				d->lefthook_len = config.len;
				config.data = NULL;
			}
			fg_hookdir_file_release(&config);
		}
	if (!(dir = opendir(d->hooks)))
		return 0;
	while (!d->lefthook_scripts && (e = readdir(dir))) {
		size_t n = strlen(e->d_name);
		struct fg_hookdir_file script;

		if (e->d_name[0] == '.' || (n > 7 && !strcmp(e->d_name + n - 7, ".sample")))
			continue;
		fg_hookdir_read(&script, fg_strdupf("%s/%s", d->hooks, e->d_name));
		d->lefthook_scripts = script.kind == FG_HOOKFILE_LEFTHOOK;
		fg_hookdir_file_release(&script);
	}
	closedir(dir);
	return 0;
}

int fg_hookdir_flowgate_on_path(void)
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
/* The work tree and the hooks directory of REPO, as git says. Returns 0 or an exit status. */
static int locate(struct fg_hookdir *d, const char *repo, FILE *err)
{
	const char *where = repo ? repo : ".";
	char *bare, *common, *hooks;
	struct stat st;

	if (repo && stat(repo, &st) < 0) {
		fg_print_line(err, "flowgate doctor: error: cannot open '%s': %s; name a clone: "
			      "flowgate doctor <repo>", repo, strerror(errno));
		return FG_EXIT_INTERNAL;
	}
	if (repo && !S_ISDIR(st.st_mode)) {
		fg_print_line(err, "flowgate doctor: error: '%s' is not a directory; name a clone: "
			      "flowgate doctor <repo>", repo);
		return FG_EXIT_INTERNAL;
	}
	if (!(bare = git_line(repo, "--is-bare-repository", NULL, NULL))) {
		fg_print_line(err, "flowgate doctor: fatal: not a git repository: '%s'; run it in "
			      "a clone, or name one: flowgate doctor <repo>", where);
		return FG_EXIT_INTERNAL;
	}
	if (!strcmp(bare, "true")) {
		free(bare);
		fg_print_line(err, "flowgate doctor: error: '%s' is a bare repository, where git "
			      "runs no client hook; its server hooks are installed with flowgate "
			      "install --server", where);
		return FG_EXIT_USAGE;
	}
	free(bare);
	if (!(d->top = git_line(repo, "--show-toplevel", NULL, NULL)) ||
	    !(common = git_line(repo, "--path-format=absolute", "--git-common-dir", NULL))) {
		fg_print_line(err, "flowgate doctor: fatal: '%s' is not in a work tree; run it in "
			      "a clone's work tree, or name one: flowgate doctor <repo>", where);
		return FG_EXIT_INTERNAL;
	}
	/* from the top, where git reads a relative core.hooksPath (install.sh's hooks_dir_of) */
	hooks = git_line(d->top, "--git-path", "hooks", NULL);
	d->common_hooks = fg_strdupf("%s/hooks", common);
	free(common);
	if (!hooks) {
		fg_print_line(err, "flowgate doctor: fatal: cannot find the hooks directory of "
			      "'%s' (git rev-parse --git-path hooks failed)", d->top);
		return FG_EXIT_INTERNAL;
	}
	d->hooks = hooks[0] == '/' ? strdup(hooks) : fg_strdupf("%s/%s", d->top, hooks);
	free(hooks);
	if (!d->hooks || !d->common_hooks) {
		fprintf(err, "flowgate doctor: fatal: out of memory\n");
		return FG_EXIT_INTERNAL;
	}
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


int fg_hookdir_open(struct fg_hookdir *dir, const char *repo, FILE *err)
{
	int status;

	memset(dir, 0, sizeof(*dir));
	if ((status = locate(dir, repo, err)) != 0)
		goto fail;
	if (same_dir(dir->hooks, dir->common_hooks)) {
		free(dir->common_hooks);
		dir->common_hooks = strdup(dir->hooks);
	}
	if (!dir->common_hooks || find_husky(dir) < 0 || (!dir->husky && find_lefthook(dir) < 0)) {
		fprintf(err, "flowgate doctor: fatal: out of memory\n");
		status = FG_EXIT_INTERNAL;
		goto fail;
	}
	return 0;
fail:
	fg_hookdir_release(dir);
	return status;
}

void fg_hookdir_release(struct fg_hookdir *dir)
{
	free(dir->top);
	free(dir->hooks);
	free(dir->common_hooks);
	free(dir->husky);
	free(dir->lefthook);
	free(dir->lefthook_data);
	memset(dir, 0, sizeof(*dir));
}
