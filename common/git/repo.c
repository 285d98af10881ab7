/*
 * Opening the repository git runs the hook in (git layer), as git itself
 * would: the command line's config (git -c) and the worktree's
 * config.worktree, which libgit2 1.5.1 does not read, added as levels of
 * their own; git's owner check and safe.directory; then what the hooks read
 * of it before anything else: HEAD's branch, the git config values the
 * message cleanup follows, and whether a report is coloured.
 */
#define _GNU_SOURCE /* memfd_create */
#include <errno.h>
#include <sys/mman.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cleanup.h"
#include "config.h"
#include "report.h"
#include "repo.h"

/* Append VALUE to TEXT as a git-config quoted string. -1 when out of memory. */
static int append_quoted(git_buf *text, const char *value, size_t len)
{
	int rc = git_buf_grow(text, text->size + 2 * len + 3);

	if (rc < 0)
		return -1;
	text->ptr[text->size++] = '"';
	for (size_t i = 0; i < len; i++) {
		char c = value[i];
		if (c == '"' || c == '\\')
			text->ptr[text->size++] = '\\';
		if (c == '\n') {
			text->ptr[text->size++] = '\\';
			c = 'n';
		}
		text->ptr[text->size++] = c;
	}
	text->ptr[text->size++] = '"';
	text->ptr[text->size] = '\0';
	return 0;
}

/* Append "KEY = VALUE" (KEY "section.sub.var") to TEXT in git-config syntax. */
static int append_entry(git_buf *text, const char *key, size_t key_len, const char *value,
			size_t value_len)
{
	const char *dot = memchr(key, '.', key_len), *last = key + key_len;
	char *head;
	int rc;

	while (last > key && last[-1] != '.')
		last--;
	if (!dot || last - 1 == key || last == key + key_len || memchr(key, '\n', key_len))
		return 0; /* not section.var: git refuses it too */
	if (last - 1 > dot)
		head = fg_strdupf("[%.*s \"", (int)(dot - key), key);
	else
		head = fg_strdupf("[%.*s]\n\t%.*s = ", (int)(dot - key), key,
				  (int)(key + key_len - last), last);
	if (!head)
		return -1;
	rc = git_buf_grow(text, text->size + strlen(head) + 1);
	if (rc == 0) {
		memcpy(text->ptr + text->size, head, strlen(head) + 1);
		text->size += strlen(head);
	}
	free(head);
	if (rc < 0)
		return -1;
	if (last - 1 > dot) { /* [section "sub"] var = */
		const char *sub = dot + 1;
		size_t sub_len = (size_t)(last - 1 - sub);
		char *tail;

		for (size_t i = 0; i < sub_len; i++) {
			char c[3] = { '\\', sub[i], '\0' };
			const char *put = sub[i] == '"' || sub[i] == '\\' ? c : c + 1;
			if (git_buf_grow(text, text->size + 3) < 0)
				return -1;
			memcpy(text->ptr + text->size, put, strlen(put) + 1);
			text->size += strlen(put);
		}
		if (!(tail = fg_strdupf("\"]\n\t%.*s = ", (int)(key + key_len - last), last)))
			return -1;
		rc = git_buf_grow(text, text->size + strlen(tail) + 1);
		if (rc == 0) {
			memcpy(text->ptr + text->size, tail, strlen(tail) + 1);
			text->size += strlen(tail);
		}
		free(tail);
		if (rc < 0)
			return -1;
	}
	if (append_quoted(text, value, value_len) < 0 || git_buf_grow(text, text->size + 2) < 0)
		return -1;
	text->ptr[text->size++] = '\n';
	text->ptr[text->size] = '\0';
	return 0;
}

/*
 * One shell-single-quoted word of GIT_CONFIG_PARAMETERS at *P ('a'\''b' is
 * a'b, as git's sq_quote writes it), dequoted into a new string; *P moves
 * past it. NULL when *P holds no well-formed word (or out of memory).
 */
static char *sq_word(const char **p)
{
	const char *s = *p;
	size_t n = 0;
	char *out = malloc(strlen(s) + 1);

	if (!out)
		return NULL;
	if (*s != '\'') {
		free(out);
		return NULL;
	}
	while (*s == '\'') {
		const char *end = strchr(s + 1, '\'');
		if (!end) {
			free(out);
			return NULL;
		}
		memcpy(out + n, s + 1, (size_t)(end - s - 1));
		n += (size_t)(end - s - 1);
		s = end + 1;
		if (s[0] == '\\' && s[1] == '\'') { /* an escaped quote between two words */
			out[n++] = '\'';
			s += 2;
		}
	}
	out[n] = '\0';
	*p = s;
	return out;
}

/*
 * `git -c key=value` reaches a hook as GIT_CONFIG_PARAMETERS (and
 * --config-env as GIT_CONFIG_COUNT/KEY_n/VALUE_n), which libgit2 1.5.1 does
 * not read. The settings go into TEXT in git-config syntax, for a
 * command-line level above the repository's own config.
 */
static int command_line_config(git_buf *text)
{
	const char *p = getenv("GIT_CONFIG_PARAMETERS"), *count = getenv("GIT_CONFIG_COUNT");
	int rc = 0;

	while (p && *p && rc == 0) {
		char *word, *eq;

		p += strspn(p, " \t\n");
		if (!*p || !(word = sq_word(&p)))
			break;
		if (*p == '=') { /* git >= 2.31: 'key'='value' */
			char *value;
			p++;
			value = sq_word(&p);
			rc = append_entry(text, word, strlen(word), value ? value : "",
					  value ? strlen(value) : 0);
			free(value);
		} else if ((eq = strchr(word, '='))) { /* older: 'key=value' */
			rc = append_entry(text, word, (size_t)(eq - word), eq + 1, strlen(eq + 1));
		}
		free(word);
	}
	for (unsigned long i = 0, n = count ? strtoul(count, NULL, 10) : 0; i < n && i < 1000 && rc == 0;
	     i++) {
		char name[40];
		const char *key, *value;

		snprintf(name, sizeof(name), "GIT_CONFIG_KEY_%lu", i);
		key = getenv(name);
		snprintf(name, sizeof(name), "GIT_CONFIG_VALUE_%lu", i);
		value = getenv(name);
		if (key && value)
			rc = append_entry(text, key, strlen(key), value, strlen(value));
	}
	return rc;
}

/* The memory file holding the command-line level, open for the process's life. */
static int command_line_fd = -1;

/* Add the command-line settings to REPO's config, as git would see them. */
static int apply_command_line_config(git_repository *repo)
{
	git_buf text = GIT_BUF_INIT;
	git_config *config = NULL;
	char path[64];
	int rc = 0;

	if (command_line_config(&text) < 0) {
		git_buf_dispose(&text);
		git_error_set_oom();
		return -1;
	}
	if (!text.size)
		goto out;
	/* libgit2 re-reads a config file when it changes: keep this one open */
	if (command_line_fd < 0) {
#ifdef MFD_CLOEXEC
		command_line_fd = memfd_create("flowgate-git-c", MFD_CLOEXEC);
#endif
	} else if (ftruncate(command_line_fd, 0) < 0 || lseek(command_line_fd, 0, SEEK_SET) < 0) {
		rc = -1;
		goto out;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", command_line_fd);
	if (command_line_fd < 0 || access(path, R_OK) < 0 ||
	    write(command_line_fd, text.ptr, text.size) != (ssize_t)text.size) {
		/* no memfd or no /proc: the settings are ignored, as before */
		git_error_clear();
		goto out;
	}
	if ((rc = git_repository_config(&config, repo)) == 0)
		rc = git_config_add_file_ondisk(config, path, FG_CONFIG_LEVEL_COMMAND, repo, 1);
out:
	git_config_free(config);
	git_buf_dispose(&text);
	return rc;
}

/*
 * The worktree's config.worktree, which git 2.39 reads above the local
 * config when the repository's own config sets extensions.worktreeConfig
 * (git sparse-checkout sets it) and libgit2 1.5.1 does not read: added as
 * FG_CONFIG_LEVEL_WORKTREE. A linked worktree has its own, in its git
 * directory.
 */
static int apply_worktree_config(git_repository *repo)
{
	git_config *config = NULL, *local = NULL;
	char *path = NULL;
	int on = 0, rc;

	if ((rc = git_repository_config(&config, repo)) < 0)
		return rc;
	if (git_config_open_level(&local, config, GIT_CONFIG_LEVEL_LOCAL) < 0 ||
	    git_config_get_bool(&on, local, "extensions.worktreeconfig") < 0)
		on = 0;
	git_error_clear();
	if (on && !(path = fg_strdupf("%sconfig.worktree", git_repository_path(repo)))) {
		git_error_set_oom();
		rc = -1;
	} else if (on && access(path, F_OK) == 0) {
		rc = git_config_add_file_ondisk(config, path, FG_CONFIG_LEVEL_WORKTREE, repo, 1);
	}
	free(path);
	git_config_free(local);
	git_config_free(config);
	return rc;
}

void fg_repo_owner_checked(void)
{
	git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
}

struct safe_entry {
	git_config_level_t level;
	size_t order; /* as the iterator gave it, for a stable sort */
	char *value;
};

static int safe_entry_cmp(const void *a, const void *b)
{
	const struct safe_entry *x = a, *y = b;

	if (x->level != y->level)
		return x->level < y->level ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/*
 * git 2.39's is_path_owned_by_current_uid (git-compat-util.h): PATH
 * (lstat'ed) belongs to the effective user; for root, a path root owns, or
 * one the user sudo ran as (SUDO_UID) owns.
 */
static int owned_by_me(const char *path)
{
	struct stat st;
	uid_t euid = geteuid();
	const char *sudo_uid;

	if (lstat(path, &st) < 0)
		return 0;
	if (euid == 0) {
		if (st.st_uid == 0)
			return 1;
		if ((sudo_uid = getenv("SUDO_UID")) && *sudo_uid) {
			char *end = NULL;
			unsigned long id;

			errno = 0;
			id = strtoul(sudo_uid, &end, 10);
			if (!*end && !errno)
				euid = (uid_t)id;
		}
	}
	return st.st_uid == euid;
}

/*
 * Whether safe.directory lets git use the repository at PATH: PATH (or
 * "*") is listed, an empty value clearing what came before (git 2.39
 * setup.c safe_directory_cb). Only the system, global and command-line
 * levels of CONFIG count (git_protected_config), never the repository's
 * own config or config.worktree, which its owner writes; "~/" is expanded as
 * git_config_pathname does; paths are compared as written.
 */
static int safe_directory_allows(git_config *config, const char *path)
{
	git_config_iterator *it = NULL;
	git_config_entry *entry;
	struct safe_entry *list = NULL;
	size_t n = 0, cap = 0;
	int safe = 0, failed = 0;

	if (git_config_multivar_iterator_new(&it, config, "safe.directory", NULL) < 0)
		return 0;
	while (!failed && git_config_next(&entry, it) == 0) {
		if (entry->level == GIT_CONFIG_LEVEL_LOCAL || entry->level == FG_CONFIG_LEVEL_WORKTREE)
			continue;
		if (n == cap) {
			struct safe_entry *bigger = realloc(list, (cap = cap ? 2 * cap : 8) *
								  sizeof(*list));
			if (!bigger) {
				failed = 1;
				break;
			}
			list = bigger;
		}
		list[n].level = entry->level;
		list[n].order = n;
		if (!(list[n].value = strdup(entry->value ? entry->value : "")))
			failed = 1;
		else
			n++;
	}
	/* git reads them lowest level first: system, global, command line */
	if (n)
		qsort(list, n, sizeof(*list), safe_entry_cmp);
	for (size_t i = 0; !failed && i < n; i++) {
		const char *value = list[i].value;
		git_buf expanded = GIT_BUF_INIT;

		if (!*value)
			safe = 0;
		else if (!strcmp(value, "*"))
			safe = 1;
		else if (git_config_parse_path(&expanded, value) == 0 ? !strcmp(expanded.ptr, path)
								      : !strcmp(value, path))
			safe = 1;
		git_buf_dispose(&expanded);
	}
	for (size_t i = 0; i < n; i++)
		free(list[i].value);
	free(list);
	git_config_iterator_free(it);
	git_error_clear();
	return safe && !failed;
}

/*
 * git 2.39's check of a repository it discovers (setup.c,
 * ensure_valid_ownership) on REPO, opened without libgit2's: the directory
 * .git was found in (not core.worktree, which the repository's config
 * sets; a bare repository's own directory), the .git file that leads
 * elsewhere and the git directory all belong to the user, else
 * safe.directory allows that directory. Returns 0, or GIT_EOWNER with
 * git's message (out of memory: refused too).
 */
static int check_owner(git_repository *repo)
{
	const char *gitdir = git_repository_path(repo), *workdir = git_repository_workdir(repo);
	git_config *config = NULL;
	char *dir, *gitfile = NULL;
	size_t len = strlen(gitdir);
	struct stat st;
	int bare = git_repository_is_bare(repo) || !workdir, owned, safe = 0;

	if (!bare && len > 6 && !strcmp(gitdir + len - 6, "/.git/"))
		dir = strndup(gitdir, len - 6);
	else if (!bare)
		dir = strndup(workdir, strlen(workdir) - (workdir[0] && workdir[1]));
	else
		dir = strndup(gitdir, len - (len > 1));
	if (dir && !bare && (gitfile = fg_strdupf("%s/.git", dir)) &&
	    (lstat(gitfile, &st) < 0 || !S_ISREG(st.st_mode))) {
		free(gitfile);
		gitfile = NULL;
	}
	owned = dir && owned_by_me(dir) && owned_by_me(gitdir) && (!gitfile || owned_by_me(gitfile));
	if (dir && !owned && git_repository_config_snapshot(&config, repo) == 0)
		safe = safe_directory_allows(config, dir);
	git_config_free(config);
	git_error_clear();
	if (!owned && !safe) {
		if (dir)
			git_error_set(GIT_ERROR_CONFIG, "detected dubious ownership in repository "
				      "at '%s' (another user owns it)", dir);
		else
			git_error_set_oom();
	}
	free(gitfile);
	free(dir);
	return owned || safe ? 0 : GIT_EOWNER;
}

/*
 * Open as git would: libgit2's owner check is off (it knows no "*" and
 * compares paths its own way); with fg_repo_owner_checked, or GIT_DIR
 * naming the repository (git checks only one it discovers), nothing is
 * checked; otherwise check_owner, once the command-line config is in.
 */
static int open_checked(git_repository **out)
{
	int validate = 1, rc;

	git_libgit2_opts(GIT_OPT_GET_OWNER_VALIDATION, &validate);
	git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
	rc = git_repository_open_ext(out, NULL, GIT_REPOSITORY_OPEN_FROM_ENV, NULL);
	git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, validate);
	if (rc == 0 && (rc = apply_worktree_config(*out)) == 0 &&
	    (rc = apply_command_line_config(*out)) == 0 && validate && !getenv("GIT_DIR"))
		rc = check_owner(*out);
	if (rc < 0) {
		git_repository_free(*out);
		*out = NULL;
	}
	return rc;
}

/* Set by fg_repo_defer_index: GIT_INDEX_FILE is left to fg_staged_open. */
static int defer_index;

void fg_repo_defer_index(void)
{
	defer_index = 1;
}

int fg_repo_open(git_repository **out)
{
	const char *env = getenv("GIT_WORK_TREE"), *index_env = getenv("GIT_INDEX_FILE");
	char *work_tree = env ? strdup(env) : NULL;
	char *index_file = defer_index && index_env ? strdup(index_env) : NULL;
	int rc;

	*out = NULL;
	if ((env && !work_tree) || (defer_index && index_env && !index_file)) {
		free(work_tree);
		git_error_set_oom();
		return -1;
	}
	if (work_tree)
		unsetenv("GIT_WORK_TREE");
	/* libgit2 would read the whole index now, and refuse a split or sparse one */
	if (index_file)
		unsetenv("GIT_INDEX_FILE");
	rc = open_checked(out);
	if (index_file) {
		setenv("GIT_INDEX_FILE", index_file, 1);
		free(index_file);
	}
	if (work_tree) {
		setenv("GIT_WORK_TREE", work_tree, 1);
		if (rc == 0 && (rc = git_repository_set_workdir(*out, work_tree, 0)) < 0) {
			git_repository_free(*out);
			*out = NULL;
		}
		free(work_tree);
	}
	return rc;
}

int fg_repo_head_branch(git_repository *repo, char **out)
{
	git_reference *head = NULL;
	const char *target;
	int rc;

	*out = NULL;
	if ((rc = git_reference_lookup(&head, repo, "HEAD")) < 0)
		return rc;
	if (git_reference_type(head) == GIT_REFERENCE_SYMBOLIC &&
	    (target = git_reference_symbolic_target(head)) &&
	    !strncmp(target, "refs/heads/", 11)) {
		if (!(*out = strdup(target + 11)))
			rc = -1;
	}
	git_reference_free(head);
	return rc;
}

void fg_repo_config_string(git_repository *repo, const char *key, git_buf *out)
{
	git_config *config = NULL;

	/* the repository's own config object (libgit2 keeps it; each read
	 * checks the files for changes), not a snapshot: a snapshot copies
	 * every entry of every level, on each call */
	if (git_repository_config(&config, repo) == 0)
		git_config_get_string_buf(out, config, key);
	git_config_free(config);
	git_error_clear();
}

int fg_repo_comment_char(git_repository *repo)
{
	git_buf value = GIT_BUF_INIT;
	int cc = '#';

	fg_repo_config_string(repo, "core.commentChar", &value);
	if (value.size)
		cc = !strcmp(value.ptr, "auto") ? FG_COMMENT_AUTO : (unsigned char)value.ptr[0];
	git_buf_dispose(&value);
	return cc;
}

int fg_repo_cleanup_mode(git_repository *repo)
{
	git_buf value = GIT_BUF_INIT;
	int mode;

	fg_repo_config_string(repo, "commit.cleanup", &value);
	mode = fg_cleanup_parse(value.size ? value.ptr : NULL);
	git_buf_dispose(&value);
	return mode;
}

/* KEY's value in CONFIG (may be NULL), newly allocated; NULL when unset. */
static char *color_key(git_config *config, const char *key)
{
	git_config_entry *entry = NULL;
	char *value = NULL;

	if (config && git_config_get_entry(&entry, config, key) == 0) {
		value = strdup(entry->value ? entry->value : "true"); /* "[color] ui": true */
		git_config_entry_free(entry);
	}
	return value;
}

int fg_repo_use_color(int fd)
{
	git_repository *repo = NULL;
	git_config *config = NULL;
	char *flowgate, *ui;
	int want;

	if (fg_repo_open(&repo) == 0) {
		if (git_repository_config_snapshot(&config, repo) < 0)
			config = NULL;
	} else if (git_config_open_default(&config) < 0) {
		config = NULL;
	}
	flowgate = color_key(config, "color.flowgate");
	ui = color_key(config, "color.ui");
	git_error_clear();
	want = fg_color_wanted(flowgate, ui, fd);
	free(flowgate);
	free(ui);
	git_config_free(config);
	git_repository_free(repo);
	return want;
}
