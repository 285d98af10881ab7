/*
 * libgit2 access for the hooks. Start-up cost matters: a hook should cost
 * about what exec costs. Debian's libgit2 1.5.1 spends ~4.6 ms in
 * git_libgit2_init() parsing the system CA bundle (mbedTLS) and ~1 ms in
 * libssh2/OpenSSL engine set-up, and its HTTP and SSH transports pull in
 * libgssapi_krb5 (six more shared libraries to load), libssh2 and libcrypto;
 * a hook never uses the network. The Makefile links libgit2.a statically and
 * passes ld's --wrap for those initialisers and for the constructors of the
 * HTTP(S) and SSH subtransports, so the calls inside libgit2 land on the
 * __wrap_ functions below and the network code stays out of the link;
 * fg_git_init then registers a TLS stream that refuses to connect, so
 * nothing can ever reach the uninitialised TLS state.
 */
#define _GNU_SOURCE /* memfd_create */
#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <git2/sys/stream.h>
#include <git2/sys/transport.h>
#include "cleanup.h"
#include "message.h"
#include "pattern.h"
#include "fileio.h"
#include "repo.h"

int __wrap_git_mbedtls_stream_global_init(void);
int __wrap_git_mbedtls__set_cert_location(const char *file, const char *path);
int __wrap_git_transport_ssh_global_init(void);
int __wrap_git_smart_subtransport_http(git_smart_subtransport **out, git_transport *owner,
				       void *param);
int __wrap_git_smart_subtransport_ssh(git_smart_subtransport **out, git_transport *owner,
				      void *param);
extern _Bool git_http__expect_continue;

/* ld --wrap targets: libgit2's TLS and SSH global initialisers, skipped. */
int __wrap_git_mbedtls_stream_global_init(void)
{
	return 0;
}

int __wrap_git_transport_ssh_global_init(void)
{
	return 0;
}

/*
 * ld --wrap targets that keep the network code out of the link: the
 * GIT_OPT_SET_SSL_CERT_LOCATIONS option (mbedTLS's streams/mbedtls.c), which
 * fails, and the http://, https:// and ssh:// subtransports (the HTTP client
 * with its Negotiate/GSSAPI authentication and the TLS stream; libssh2),
 * whose stand-ins refuse every request. A stand-in is created, not refused:
 * libgit2 1.5.1's git_transport_smart leaks its ref vectors when the
 * subtransport's constructor fails.
 *
 * The flag of GIT_OPT_ENABLE_HTTP_EXPECT_CONTINUE, a bool of libgit2's
 * transports/http.c that git_libgit2_opts sets, is the one other thing
 * libgit2 takes from that file: defined here (ld's --wrap crashes ld 2.40 on
 * a variable), it keeps the file out of the static link too. libgit2.so
 * does not export it (FLOWGATE_DYNAMIC=1): there it is an unused bool.
 */
_Bool git_http__expect_continue;

int __wrap_git_mbedtls__set_cert_location(const char *file, const char *path)
{
	(void)file;
	(void)path;
	git_error_set_str(GIT_ERROR_SSL, "flowgate hooks do not use the network (TLS is disabled)");
	return -1;
}

static int refuse_request(git_smart_subtransport_stream **out, const char *what)
{
	*out = NULL;
	git_error_set(GIT_ERROR_NET, "flowgate hooks do not use the network (%s is disabled)", what);
	return -1;
}

static int refuse_http(git_smart_subtransport_stream **out, git_smart_subtransport *sub,
		       const char *url, git_smart_service_t action)
{
	(void)sub;
	(void)url;
	(void)action;
	return refuse_request(out, "HTTP");
}

static int refuse_ssh(git_smart_subtransport_stream **out, git_smart_subtransport *sub,
		      const char *url, git_smart_service_t action)
{
	(void)sub;
	(void)url;
	(void)action;
	return refuse_request(out, "SSH");
}

static int refused_close(git_smart_subtransport *sub)
{
	(void)sub;
	return 0;
}

/* The stand-ins are static: libgit2's free of one releases nothing. */
static void refused_free(git_smart_subtransport *sub)
{
	(void)sub;
}

int __wrap_git_smart_subtransport_http(git_smart_subtransport **out, git_transport *owner,
				       void *param)
{
	static git_smart_subtransport http = { refuse_http, refused_close, refused_free };

	(void)owner;
	(void)param;
	*out = &http;
	return 0;
}

int __wrap_git_smart_subtransport_ssh(git_smart_subtransport **out, git_transport *owner,
				      void *param)
{
	static git_smart_subtransport ssh = { refuse_ssh, refused_close, refused_free };

	(void)owner;
	(void)param;
	*out = &ssh;
	return 0;
}

static int refuse_tls(git_stream **out, const char *host, const char *port)
{
	(void)host;
	(void)port;
	*out = NULL;
	git_error_set_str(GIT_ERROR_SSL, "flowgate hooks do not use the network (TLS is disabled)");
	return -1;
}

static int refuse_tls_wrap(git_stream **out, git_stream *in, const char *host)
{
	(void)in;
	return refuse_tls(out, host, NULL);
}

int fg_git_init(void)
{
	git_stream_registration tls = { GIT_STREAM_VERSION, refuse_tls, refuse_tls_wrap };
	const char *extensions[] = { "worktreeconfig" };
	int rc = git_libgit2_init();

	if (rc < 0)
		return rc;
	/*
	 * Like git, trust the objects already in the repository: they were
	 * hashed when they came in (fetch, index-pack). Verifying every object
	 * read again costs a fifth of a 10,000-commit pre-push.
	 */
	if ((rc = git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0)) < 0)
		return rc;
	/*
	 * Map packs 1 MiB at a time, where libgit2 maps each whole (1 GiB
	 * windows): a walk of many commits can then let the windows it is
	 * done with go (fg_walk_new, walk.h), and its resident memory stays
	 * flat. The instruction count does not change (callgrind, pre-push of
	 * 10,000 commits).
	 */
	if ((rc = git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)1 << 20)) < 0)
		return rc;
	/*
	 * git sparse-checkout sets extensions.worktreeConfig, which libgit2
	 * 1.5.1 refuses in a repository of format version 1 (a partial clone):
	 * it only adds config.worktree, which fg_repo_open reads.
	 */
	if ((rc = git_libgit2_opts(GIT_OPT_SET_EXTENSIONS, extensions, 1)) < 0)
		return rc;
	return git_stream_register(GIT_STREAM_TLS, &tls);
}

void fg_git_shutdown(void)
{
	fg_pattern_cleanup();
	git_libgit2_shutdown();
}

const char *fg_git_error(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "unknown libgit2 error";
}

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

/* The string value of KEY into OUT (empty when unset or unreadable). */
static void config_string(git_repository *repo, const char *key, git_buf *out)
{
	git_config *config = NULL;

	if (git_repository_config_snapshot(&config, repo) == 0)
		git_config_get_string_buf(out, config, key);
	git_config_free(config);
	git_error_clear();
}

int fg_repo_comment_char(git_repository *repo)
{
	git_buf value = GIT_BUF_INIT;
	int cc = '#';

	config_string(repo, "core.commentChar", &value);
	if (value.size)
		cc = !strcmp(value.ptr, "auto") ? FG_COMMENT_AUTO : (unsigned char)value.ptr[0];
	git_buf_dispose(&value);
	return cc;
}

int fg_repo_cleanup_mode(git_repository *repo)
{
	git_buf value = GIT_BUF_INIT;
	int mode;

	config_string(repo, "commit.cleanup", &value);
	mode = fg_cleanup_parse(value.size ? value.ptr : NULL);
	git_buf_dispose(&value);
	return mode;
}

/* commit.verbose, a boolean or a count (git_config_bool_or_int): non-zero when set. */
static int commit_verbose(git_repository *repo)
{
	git_buf value = GIT_BUF_INIT;
	int32_t n = 0;
	int b = 0, verbose = 0;

	config_string(repo, "commit.verbose", &value);
	if (value.size)
		verbose = git_config_parse_bool(&b, value.ptr) == 0 ? b :
			  git_config_parse_int32(&n, value.ptr) == 0 && n != 0;
	git_buf_dispose(&value);
	git_error_clear();
	return verbose;
}

int fg_repo_check_message_file(struct fg_report *report, struct fg_config *cfg,
			       git_repository *repo, const char *raw, size_t len, int editor,
			       const struct fg_message_context *ctx)
{
	struct fg_cleanup_plan plan;
	char *message = NULL;
	int rc;

	if (editor == FG_EDITOR_AM) {
		plan.mode = FG_MODE_NONE;
		plan.cut = 0;
		plan.comment_char = FG_COMMENT_NONE;
	} else {
		fg_cleanup_decide(&plan, repo ? (enum fg_cleanup)fg_repo_cleanup_mode(repo)
					      : FG_CLEANUP_DEFAULT,
				  editor, repo ? commit_verbose(repo) : 0,
				  repo ? fg_repo_comment_char(repo) : '#', raw, len);
	}
	rc = fg_cleanup_apply(&message, NULL, raw, len, &plan);
	if (rc == -1) {
		const char *nul = memchr(raw, '\0', len);
		size_t line, column, start, n;
		struct fg_violation *v;

		fg_text_position(raw, len, (size_t)(nul - raw), &line, &column, &start, &n);
		v = fg_report_add(report, FG_RULE_MESSAGE_ENCODING,
				  "line %zu, column %zu: the message holds a NUL byte", line, column);
		fg_violation_locate(v, line, column, raw + start, n, 1);
		fg_violation_hint(v, "write the message as text: git cuts a message at its first "
				  "NUL byte, or refuses it");
		rc = 0;
	} else if (rc == 0) {
		fg_check_message(report, cfg, message, NULL, ctx);
	} else {
		report->oom = 1;
		rc = 0;
	}
	free(message);
	return rc;
}

void fg_commit_context_release(struct fg_commit_context *ctx)
{
	free(ctx->branch);
	free(ctx->new_version);
	free(ctx->old_version);
	free(ctx->encoding);
	free(ctx->head_merge_header);
	memset(ctx, 0, sizeof(*ctx));
}

/* OUT's pointers to its own strings. */
static void context_link(struct fg_commit_context *out)
{
	out->ctx.branch = out->branch;
	out->ctx.new_version = out->new_version;
	out->ctx.old_version = out->old_version;
	out->ctx.encoding = out->encoding;
	out->ctx.head_merge_header = out->head_merge_header;
}

/*
 * The version NOW sets when BEFORE held another (or none), into OUT.
 * Returns 0, or -1 when out of memory.
 */
static int version_change(struct fg_commit_context *out, const struct fg_vfiles *now,
			  const struct fg_vfiles *before)
{
	const struct fg_vfile_value *n = fg_versions_exact(&now->set);
	const struct fg_vfile_value *o = fg_versions_exact(&before->set);

	if (!n || (o && !strcmp(o->text, n->text)))
		return 0;
	if (!(out->new_version = strdup(n->text)) ||
	    (o && !(out->old_version = strdup(o->text)))) {
		git_error_set_oom();
		return -1;
	}
	return 0;
}

/*
 * The commit about to be made is a merge when MERGE_HEAD exists (git merge,
 * or git commit concluding one); when HEAD is a merge, its header, for
 * `git commit --amend` of it. Returns 0, or -1 when out of memory.
 */
static int merge_context(struct fg_commit_context *out, git_repository *repo)
{
	git_object *head = NULL;
	const char *message, *nl;
	int rc = 0;

	out->ctx.merge = git_repository_state(repo) == GIT_REPOSITORY_STATE_MERGE;
	if (git_revparse_single(&head, repo, "HEAD^{commit}") == 0 &&
	    git_commit_parentcount((git_commit *)head) >= 2 &&
	    (message = git_commit_message((git_commit *)head))) {
		nl = strchr(message, '\n');
		if (!(out->head_merge_header = strndup(message, nl ? (size_t)(nl - message)
								   : strlen(message)))) {
			git_error_set_oom();
			rc = -1;
		}
	}
	git_object_free(head);
	git_error_clear();
	return rc;
}

int fg_repo_staged_context(struct fg_commit_context *out, git_repository *repo,
			   struct fg_staged *staged, struct fg_config *cfg)
{
	git_buf value = GIT_BUF_INIT;
	git_object *head = NULL;
	git_tree *tree = NULL;
	struct fg_vfiles now, before;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	memset(&now, 0, sizeof(now));
	memset(&before, 0, sizeof(before));
	if (fg_repo_head_branch(repo, &out->branch) < 0)
		out->branch = NULL;
	config_string(repo, "i18n.commitEncoding", &value);
	if (value.size && !(out->encoding = strdup(value.ptr))) {
		git_error_set_oom();
		rc = -1;
	}
	git_buf_dispose(&value);
	if (rc == 0)
		rc = merge_context(out, repo);
	/* the first commit creates the version files: nothing is bumped */
	if (rc == 0 && git_revparse_single(&head, repo, "HEAD^{tree}") == 0) {
		tree = (git_tree *)head;
		/* a file that cannot be read is an error, never "no version" */
		if (fg_vfiles_from_staged(&now, repo, staged, cfg) < 0 ||
		    fg_vfiles_from_tree(&before, repo, tree, cfg) < 0)
			rc = -1;
		else
			rc = version_change(out, &now, &before);
	}
	fg_vfiles_release(&now);
	fg_vfiles_release(&before);
	git_object_free(head);
	if (rc == 0)
		git_error_clear();
	context_link(out);
	return rc;
}

/*
 * Non-zero when one of CFG's version files differs between trees A and B,
 * or cannot be looked up (the reader then says why).
 */
static int vfiles_differ(git_tree *a, git_tree *b, const struct fg_config *cfg)
{
	int differ = 0;

	for (size_t i = 0; !differ && i < cfg->nvfiles; i++) {
		git_tree_entry *ea = NULL, *eb = NULL;
		int ra = git_tree_entry_bypath(&ea, a, cfg->vfiles[i].path);
		int rb = git_tree_entry_bypath(&eb, b, cfg->vfiles[i].path);

		differ = (ra < 0 && ra != GIT_ENOTFOUND) || (rb < 0 && rb != GIT_ENOTFOUND) ||
			 (ra == 0) != (rb == 0) ||
			 (ra == 0 && !git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb)));
		git_tree_entry_free(ea);
		git_tree_entry_free(eb);
	}
	git_error_clear();
	return differ;
}

int fg_repo_commit_context(struct fg_commit_context *out, git_repository *repo,
			   git_commit *commit, const char *branch, int versions,
			   struct fg_config *cfg)
{
	const char *encoding = git_commit_message_encoding(commit);
	git_commit *parent = NULL;
	git_tree *tree = NULL, *parent_tree = NULL;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	out->ctx.merge = git_commit_parentcount(commit) >= 2;
	if ((branch && !(out->branch = strdup(branch))) ||
	    (encoding && !(out->encoding = strdup(encoding)))) {
		git_error_set_oom();
		rc = -1;
	}
	if (rc == 0 && versions && git_commit_parentcount(commit) == 1 &&
	    git_commit_parent(&parent, commit, 0) == 0 &&
	    !git_oid_equal(git_commit_tree_id(commit), git_commit_tree_id(parent)) &&
	    git_commit_tree(&tree, commit) == 0 && git_commit_tree(&parent_tree, parent) == 0 &&
	    vfiles_differ(tree, parent_tree, cfg)) {
		struct fg_vfiles now, before;

		memset(&now, 0, sizeof(now));
		memset(&before, 0, sizeof(before));
		if (fg_vfiles_from_tree(&now, repo, tree, cfg) < 0 ||
		    fg_vfiles_from_tree(&before, repo, parent_tree, cfg) < 0)
			rc = -1;
		else
			rc = version_change(out, &now, &before);
		fg_vfiles_release(&now);
		fg_vfiles_release(&before);
	}
	git_tree_free(tree);
	git_tree_free(parent_tree);
	git_commit_free(parent);
	if (rc == 0)
		git_error_clear();
	context_link(out);
	return rc;
}

void fg_vfiles_release(struct fg_vfiles *files)
{
	for (size_t i = 0; i < files->n; i++) {
		if (files->blobs)
			git_blob_free(files->blobs[i]);
		if (files->data)
			free(files->data[i]);
	}
	free(files->blobs);
	free(files->data);
	free(files->contents);
	fg_version_set_release(&files->set);
	memset(files, 0, sizeof(*files));
}

/*
 * Non-zero when REPO is a partial clone, whose missing objects git fetches
 * from a promisor remote on demand: extensions.partialClone is set, or a
 * remote.<name>.promisor is true (git's own test). Read by a plain walk of
 * the config, as tracking_remote in hook.c does.
 */
static int has_promisor_remote(git_repository *repo)
{
	git_config *config = NULL;
	git_config_iterator *it = NULL;
	git_config_entry *entry;
	int found = 0, value;

	if (git_repository_config_snapshot(&config, repo) == 0 &&
	    git_config_iterator_new(&it, config) == 0) {
		while (!found && git_config_next(&entry, it) == 0) {
			const char *key = entry->name;
			size_t len = strlen(key);

			if (!strcmp(key, "extensions.partialclone"))
				found = entry->value && *entry->value;
			else if (!strncmp(key, "remote.", 7) && len > 7 + 9 &&
				 !strcmp(key + len - 9, ".promisor"))
				found = entry->value && git_config_parse_bool(&value, entry->value) == 0 &&
					value;
		}
	}
	git_config_iterator_free(it);
	git_config_free(config);
	git_error_clear();
	return found;
}

/*
 * The objects a reader found missing from the object store (a partial
 * clone that has not fetched them, or a damaged repository), named together
 * in one error: one command then fetches them all. Start it zeroed;
 * missing_error reports and releases it.
 */
struct missing {
	char *names; /* "half_orm/version.txt (blob 0ea3...), setup.py (blob ...)" */
	char *fetch; /* "git cat-file -e 0ea3... && git cat-file -e ..." */
	size_t n;
	int oom;
};

static void missing_add(struct missing *m, const char *path, const char *kind, const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1];
	char *names, *fetch;

	git_oid_tostr(hex, sizeof(hex), id);
	names = fg_strdupf("%s%s%s (%s %s)", m->names ? m->names : "", m->names ? ", " : "", path,
			   kind, hex);
	fetch = fg_strdupf("%s%sgit cat-file -e %s", m->fetch ? m->fetch : "",
			   m->fetch ? " && " : "", hex);
	if (!names || !fetch) {
		free(names);
		free(fetch);
		m->oom = 1;
		return;
	}
	free(m->names);
	free(m->fetch);
	m->names = names;
	m->fetch = fetch;
	m->n++;
}

static void missing_release(struct missing *m)
{
	free(m->names);
	free(m->fetch);
	memset(m, 0, sizeof(*m));
}

/*
 * Report what M holds as REPO's last error and release it: -1 when an
 * object was missing (or memory ran out), else 0. In a partial clone the
 * error gives the command that makes git fetch them from the promisor
 * remote (git cat-file -e fetches a missing object on demand, as any read
 * does, and prints nothing); elsewhere the repository is damaged.
 */
static int missing_error(struct missing *m, git_repository *repo)
{
	char *message;

	if (!m->n && !m->oom)
		return 0;
	if (m->oom) {
		missing_release(m);
		git_error_set_oom();
		return -1;
	}
	if (has_promisor_remote(repo))
		message = fg_strdupf("not in this partial clone: %s; fetch %s from the promisor "
				     "remote: %s", m->names, m->n > 1 ? "them" : "it", m->fetch);
	else
		message = fg_strdupf("missing from the repository: %s; the repository is damaged: "
				     "git fsck names what is missing; restore %s from a clone that "
				     "has %s", m->names, m->n > 1 ? "them" : "it",
				     m->n > 1 ? "them" : "it");
	if (message)
		git_error_set_str(GIT_ERROR_ODB, message);
	else
		git_error_set_oom();
	free(message);
	missing_release(m);
	return -1;
}

/*
 * The lookup of object ID, the KIND ("blob", "tree") at PATH, failed with
 * RC: recorded in M and 1 when the object store lacks it (a partial
 * clone's object not fetched yet); -1 with the error set when it is there
 * but cannot be read (corrupt, or not a KIND).
 */
static int object_failed(struct missing *m, git_repository *repo, const char *path,
			 const char *kind, const git_oid *id, int rc)
{
	char hex[GIT_OID_HEXSZ + 1];
	char *why = strdup(fg_git_error()), *message;
	git_odb *odb = NULL;
	int exists = 1;

	if (rc == GIT_ENOTFOUND && git_repository_odb(&odb, repo) == 0)
		exists = git_odb_exists(odb, id);
	git_odb_free(odb);
	if (!exists) {
		free(why);
		missing_add(m, path, kind, id);
		return 1;
	}
	git_oid_tostr(hex, sizeof(hex), id);
	message = fg_strdupf("%s (%s %s) cannot be read: %s; the repository is damaged: git fsck "
			     "names what is wrong; restore the object from a clone that has it",
			     path, kind, hex, why ? why : "out of memory");
	if (message)
		git_error_set_str(GIT_ERROR_ODB, message);
	else
		git_error_set_oom();
	free(message);
	free(why);
	return -1;
}

int fg_repo_unreadable(git_repository *repo, const char *what, const char *kind,
		       const git_oid *id, int rc)
{
	struct missing m = { NULL, NULL, 0, 0 };

	if (object_failed(&m, repo, what, kind, id, rc) == 1)
		missing_error(&m, repo);
	return -1;
}

static int vfiles_alloc(struct fg_vfiles *files, size_t n)
{
	memset(files, 0, sizeof(*files));
	files->contents = calloc(n ? n : 1, sizeof(*files->contents));
	files->blobs = calloc(n ? n : 1, sizeof(*files->blobs));
	files->n = n;
	if (!files->contents || !files->blobs) {
		git_error_set_oom();
		return -1;
	}
	return 0;
}

/*
 * Slot I of FILES from blob ID, the file PATH: 0 when read, 1 when missing
 * (recorded in M), -1 when it cannot be read (the error set).
 */
static int load_blob(struct fg_vfiles *files, size_t i, git_repository *repo, const git_oid *id,
		     const char *path, struct missing *m)
{
	git_odb *odb = NULL;
	git_object_t type;
	size_t size = 0;
	int rc;

	/* The size first, from the object's header: a huge blob is never inflated. */
	if ((rc = git_repository_odb(&odb, repo)) == 0) {
		rc = git_odb_read_header(&size, &type, odb, id);
		git_odb_free(odb);
	}
	if (rc == 0 && size > FG_VFILE_MAX_SIZE) {
		files->contents[i].present = 2;
		files->contents[i].len = size;
		return 0;
	}
	if (rc == 0)
		rc = git_blob_lookup(&files->blobs[i], repo, id);
	if (rc < 0)
		return object_failed(m, repo, path, "blob", id, rc);
	files->contents[i].present = 1;
	files->contents[i].data = git_blob_rawcontent(files->blobs[i]);
	files->contents[i].len = (size_t)git_blob_rawsize(files->blobs[i]);
	return 0;
}

int fg_vfiles_limit_error(struct fg_config *cfg, const char *path)
{
	fg_config_error(cfg, "%s: versionFile.%s.pattern: reached PCRE2's match limit on %s; "
			"simplify the pattern (nested repetition such as (a+)+ backtracks "
			"without end)", cfg->vfiles_origin, path, path);
	return -3;
}

/* Versions out of the contents just read (the tail of the readers). */
static int extract_versions(struct fg_vfiles *files, struct fg_config *cfg)
{
	int rc;

	git_error_clear();
	rc = fg_versions_extract(&files->set, cfg->vfiles, cfg->nvfiles, files->contents);
	if (rc == -3)
		return fg_vfiles_limit_error(cfg, files->set.limit_path);
	if (rc < 0) {
		git_error_set_oom();
		return -1;
	}
	return 0;
}

int fg_vfiles_from_index(struct fg_vfiles *files, git_repository *repo, git_index *index,
			 struct fg_config *cfg)
{
	struct missing m = { NULL, NULL, 0, 0 };

	if (vfiles_alloc(files, cfg->nvfiles) < 0)
		return -1;
	for (size_t i = 0; i < cfg->nvfiles; i++) {
		const git_index_entry *entry = git_index_get_bypath(index, cfg->vfiles[i].path, 0);

		if (!entry || !S_ISREG(entry->mode))
			continue;
		if (load_blob(files, i, repo, &entry->id, cfg->vfiles[i].path, &m) < 0) {
			missing_release(&m);
			return -1;
		}
	}
	if (missing_error(&m, repo) < 0)
		return -1;
	return extract_versions(files, cfg);
}

/*
 * The regular file PATH + FROM of TREE (PATH[0..FROM) the directory TREE
 * is, "" for a root tree, in the names of missing trees), each directory
 * on the way looked up in turn: 0 and *ID; GIT_ENOTFOUND when the tree has no such path (the one
 * case that means "absent"); GIT_EINVALID when it is not a regular file (a
 * symbolic link, a submodule, a directory), as the index reader requires;
 * 1 when a directory on the way is a tree missing from the object store
 * (recorded in M); -1 when one cannot be read (the error set).
 */
static int tree_file(git_tree *tree, const char *path, size_t from, git_oid *id,
		     struct missing *m)
{
	git_repository *repo = git_tree_owner(tree);
	git_tree *at = tree;
	const char *name = path + from;
	int rc;

	for (;;) {
		size_t n = strcspn(name, "/");
		char *part = strndup(name, n), *dir;
		const git_tree_entry *e;
		git_tree *sub = NULL;

		if (!part) {
			git_error_set_oom();
			rc = -1;
			break;
		}
		e = git_tree_entry_byname(at, part);
		free(part);
		if (!e) {
			rc = GIT_ENOTFOUND;
			break;
		}
		if (!name[n]) {
			if (git_tree_entry_filemode(e) == GIT_FILEMODE_BLOB ||
			    git_tree_entry_filemode(e) == GIT_FILEMODE_BLOB_EXECUTABLE) {
				git_oid_cpy(id, git_tree_entry_id(e));
				rc = 0;
			} else {
				rc = GIT_EINVALID;
			}
			break;
		}
		if (git_tree_entry_type(e) != GIT_OBJECT_TREE) {
			rc = GIT_ENOTFOUND; /* a file where PATH wants a directory */
			break;
		}
		if ((rc = git_tree_lookup(&sub, repo, git_tree_entry_id(e))) < 0) {
			if ((dir = strndup(path, (size_t)(name + n - path)))) {
				rc = object_failed(m, repo, dir, "tree", git_tree_entry_id(e), rc);
				free(dir);
			} else {
				git_error_set_oom();
				rc = -1;
			}
			break;
		}
		if (at != tree)
			git_tree_free(at);
		at = sub;
		name += n + 1;
	}
	if (at != tree)
		git_tree_free(at);
	return rc;
}

int fg_vfiles_from_tree(struct fg_vfiles *files, git_repository *repo, git_tree *tree,
			struct fg_config *cfg)
{
	struct missing m = { NULL, NULL, 0, 0 };

	if (vfiles_alloc(files, cfg->nvfiles) < 0)
		return -1;
	for (size_t i = 0; i < cfg->nvfiles; i++) {
		git_oid id;
		int rc = tree_file(tree, cfg->vfiles[i].path, 0, &id, &m);

		/* not in the tree, or not a file: absent; missing objects: named at the end */
		if (rc == GIT_ENOTFOUND || rc == GIT_EINVALID || rc == 1)
			continue;
		if (rc < 0 || load_blob(files, i, repo, &id, cfg->vfiles[i].path, &m) < 0) {
			missing_release(&m);
			return -1;
		}
	}
	if (missing_error(&m, repo) < 0)
		return -1;
	return extract_versions(files, cfg);
}

/*
 * The regular files PATHS[0..N) of STAGED, found in one walk of the index:
 * RCS[i] as tree_file says (0 and IDS[i]; GIT_ENOTFOUND; GIT_EINVALID,
 * not a regular file; 1, a tree of a sparse directory entry missing,
 * recorded in M). Returns 0, or -1 when the index or a tree cannot be read
 * (the error set).
 */
static int staged_files(git_repository *repo, struct fg_staged *staged, const char *const *paths,
			size_t n, git_oid *ids, int *rcs, struct missing *m)
{
	struct fg_index_find *want = calloc(n ? n : 1, sizeof(*want));
	int rc = 0;

	if (!want) {
		git_error_set_oom();
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		want[i].path = paths[i];
	if (fg_staged_find(staged, want, n) < 0)
		rc = -1;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		git_oid tree_id;
		git_tree *tree = NULL;
		char *dir;

		switch (want[i].state) {
		case FG_INDEX_ENTRY:
			/* a symbolic link or a submodule is no file */
			rcs[i] = S_ISREG(want[i].mode) ? 0 : GIT_EINVALID;
			git_oid_fromraw(&ids[i], want[i].id);
			break;
		case FG_INDEX_DIRECTORY:
			rcs[i] = GIT_EINVALID;
			break;
		case FG_INDEX_SPARSE:
			/* a sparse index's directory entry: the path in the tree it names */
			git_oid_fromraw(&tree_id, want[i].id);
			if ((rcs[i] = git_tree_lookup(&tree, repo, &tree_id)) < 0) {
				if (!(dir = strndup(paths[i], want[i].rest - 1))) {
					git_error_set_oom();
					rc = -1;
					break;
				}
				rcs[i] = object_failed(m, repo, dir, "tree", &tree_id, rcs[i]);
				free(dir);
			} else {
				rcs[i] = tree_file(tree, paths[i], want[i].rest, &ids[i], m);
				git_tree_free(tree);
			}
			if (rcs[i] == -1)
				rc = -1;
			break;
		default:
			rcs[i] = GIT_ENOTFOUND;
		}
	}
	free(want);
	return rc;
}

int fg_vfiles_from_staged(struct fg_vfiles *files, git_repository *repo,
			  struct fg_staged *staged, struct fg_config *cfg)
{
	struct missing m = { NULL, NULL, 0, 0 };
	size_t n = cfg->nvfiles;
	const char **paths;
	git_oid *ids;
	int *rcs, rc = -1;

	if (vfiles_alloc(files, n) < 0)
		return -1;
	paths = calloc(n ? n : 1, sizeof(*paths));
	ids = calloc(n ? n : 1, sizeof(*ids));
	rcs = calloc(n ? n : 1, sizeof(*rcs));
	if (!paths || !ids || !rcs) {
		git_error_set_oom();
	} else {
		for (size_t i = 0; i < n; i++)
			paths[i] = cfg->vfiles[i].path;
		rc = staged_files(repo, staged, paths, n, ids, rcs, &m);
		/* not in the index, or not a file: absent; missing objects: named at the end */
		for (size_t i = 0; rc == 0 && i < n; i++)
			if (rcs[i] == 0 && load_blob(files, i, repo, &ids[i], paths[i], &m) < 0)
				rc = -1;
	}
	free(paths);
	free(ids);
	free(rcs);
	if (rc < 0) {
		missing_release(&m);
		return -1;
	}
	if (missing_error(&m, repo) < 0)
		return -1;
	return extract_versions(files, cfg);
}

/*
 * Slot I of FILES from the regular file WORKDIR + PATH: 0 when read, 1 when
 * it does not exist, -1 (git_error_last set) when it cannot be read or is
 * not a regular file.
 */
/*
 * Open PATH ('/'-separated, relative) under directory WORKDIR for reading,
 * one component at a time, following no symbolic link (O_NOFOLLOW on each
 * component, so a committed link to a directory cannot lead out of the
 * work tree) and never into .git. The last component is opened
 * O_NONBLOCK: a FIFO must not block. Returns the descriptor, or -1 with
 * errno set (ELOOP for a symbolic link, EPERM for a .git component).
 */
static int open_beneath(const char *workdir, const char *path)
{
	char *copy = strdup(path), *name, *slash;
	int dir = open(workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), fd = -1, saved;

	if (!copy || dir < 0) {
		saved = copy ? errno : ENOMEM;
		free(copy);
		if (dir >= 0)
			close(dir);
		errno = saved;
		return -1;
	}
	for (name = copy; name; name = slash ? slash + 1 : NULL) {
		int next;

		if ((slash = strchr(name, '/')))
			*slash = '\0';
		if (!strcasecmp(name, ".git")) {
			errno = EPERM;
			break;
		}
		next = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC |
					 (slash ? O_DIRECTORY : O_NONBLOCK));
		if (next < 0) {
			struct stat st;

			/* a link where a directory is wanted says ENOTDIR: say ELOOP */
			if (errno == ENOTDIR && fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
			    S_ISLNK(st.st_mode))
				errno = ELOOP;
			break;
		}
		close(dir);
		dir = next;
		if (!slash) {
			fd = dir;
			dir = -1;
		}
	}
	saved = errno;
	if (dir >= 0)
		close(dir);
	free(copy);
	errno = saved;
	return fd;
}

static int load_workdir_file(struct fg_vfiles *files, size_t i, const char *workdir,
			     const char *path)
{
	char *why = NULL;
	struct stat st;
	size_t len = 0;
	int fd, rc = -1;

	if ((fd = open_beneath(workdir, path)) < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			rc = 1;
		else if (errno == ELOOP)
			why = fg_strdupf("version file %s is, or is reached through, a symbolic link; "
					 "make it a plain file in a plain directory, or drop it from "
					 "the versionFile configuration", path);
		else if (errno == EPERM)
			why = fg_strdupf("version file %s is inside .git; name a file of the work "
					 "tree in the versionFile configuration", path);
		else
			why = fg_strdupf("cannot read %s: %s", path, strerror(errno));
	} else if (fstat(fd, &st) < 0) {
		why = fg_strdupf("cannot read %s: %s", path, strerror(errno));
	} else if (!S_ISREG(st.st_mode)) {
		why = fg_strdupf("version file %s is not a regular file (a directory, a FIFO or a "
				 "device); make it a plain file or drop it from the versionFile "
				 "configuration", path);
	} else if (st.st_size > FG_VFILE_MAX_SIZE) {
		why = fg_strdupf("version file %s is %lld bytes, more than %d; a version file is "
				 "small: name the right file in the versionFile configuration", path,
				 (long long)st.st_size, FG_VFILE_MAX_SIZE);
	} else if (fg_read_all(fd, &files->data[i], &len) < 0) {
		why = fg_strdupf("cannot read %s: %s", path, strerror(errno));
	} else {
		files->contents[i].present = 1;
		files->contents[i].data = files->data[i];
		files->contents[i].len = len;
		rc = 0;
	}
	if (fd >= 0)
		close(fd);
	if (rc < 0) {
		if (why)
			git_error_set_str(GIT_ERROR_OS, why);
		else
			git_error_set_oom();
		free(why);
	}
	return rc;
}

int fg_vfiles_from_workdir(struct fg_vfiles *files, const char *workdir, struct fg_config *cfg)
{
	if (vfiles_alloc(files, cfg->nvfiles) < 0)
		return -1;
	if (!(files->data = calloc(files->n ? files->n : 1, sizeof(*files->data)))) {
		git_error_set_oom();
		return -1;
	}
	for (size_t i = 0; i < cfg->nvfiles; i++)
		if (load_workdir_file(files, i, workdir, cfg->vfiles[i].path) < 0)
			return -1;
	return extract_versions(files, cfg);
}

/*
 * PATH, relative to the top of the work tree, written as index and tree
 * paths are (in place): no "." or empty component ("./ci//x" is "ci/x").
 * Returns 0, or -1 when a component is ".." or nothing is left.
 */
static int normalize_relative(char *path)
{
	char *out = path;
	const char *p = path;

	while (*p) {
		size_t n = strcspn(p, "/");

		if (n == 2 && p[0] == '.' && p[1] == '.')
			return -1;
		if (n && !(n == 1 && p[0] == '.')) {
			if (out != path)
				*out++ = '/';
			memmove(out, p, n);
			out += n;
		}
		p += n;
		if (*p == '/')
			p++;
	}
	*out = '\0';
	return out == path ? -1 : 0;
}

/*
 * flowgate.configFile (or NULL) from the repository's git config snapshot,
 * a relative path normalized. Returns 0, -1 when a relative path leaves the
 * work tree (*OUT then holds it as written), or -2.
 */
static int config_file_name(git_config *git_cfg, char **out)
{
	int rc = git_cfg ? fg_config_config_file(git_cfg, out) : (*out = NULL, 0);
	char *copy;

	if (rc < 0 || !*out || !**out || **out == '/')
		return rc;
	if (!(copy = strdup(*out)))
		return -2;
	if (normalize_relative(copy) < 0) {
		free(copy); /* *OUT stays as written, for the message */
		return -1;
	}
	free(*out);
	*out = copy;
	return 0;
}

static int blob_id_in(git_repository *repo, const struct fg_config_from *from,
		      struct fg_staged *staged, const char *path, git_oid *id)
{
	if (staged) {
		struct missing m = { NULL, NULL, 0, 0 };
		int rc;

		if (staged_files(repo, staged, &path, 1, id, &rc, &m) < 0) {
			missing_release(&m);
			return -1;
		}
		return rc == 1 ? missing_error(&m, repo) : rc;
	}
	if (from->index) {
		const git_index_entry *entry = git_index_get_bypath(from->index, path, 0);

		if (!entry) {
			/* a directory of that name, as a tree would have it */
			char *dir = fg_strdupf("%s/", path);
			size_t at;
			int rc = dir && git_index_find_prefix(&at, from->index, dir) == 0
				 ? GIT_EINVALID : GIT_ENOTFOUND;

			free(dir);
			git_error_clear();
			return rc;
		}
		if (!S_ISREG(entry->mode))
			return GIT_EINVALID;
		git_oid_cpy(id, &entry->id);
		return 0;
	}
	if (from->tree) {
		struct missing m = { NULL, NULL, 0, 0 };
		int rc = tree_file(from->tree, path, 0, id, &m);

		return rc == 1 ? missing_error(&m, repo) : rc;
	}
	return GIT_ENOTFOUND;
}

int fg_repo_config_file_id(git_repository *repo, git_tree *tree, git_oid *out)
{
	git_config *git_cfg = NULL;
	char *name = NULL;
	struct fg_config_from from = { NULL, tree, NULL, 0, 0 };
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = git_repository_config_snapshot(&git_cfg, repo)) < 0)
		return rc;
	rc = config_file_name(git_cfg, &name);
	if (rc == -1) {
		rc = 0; /* outside the work tree: bad configuration, fg_repo_config says so */
	} else if (rc == 0 && !(name && name[0] == '/')) {
		rc = blob_id_in(repo, &from, NULL, name ? name : FG_CONFIG_FILE, out);
		if (rc == GIT_ENOTFOUND || rc == GIT_EINVALID) {
			memset(out, 0, sizeof(*out));
			rc = 0;
		}
	}
	free(name);
	git_config_free(git_cfg);
	if (rc == 0)
		git_error_clear();
	return rc;
}

/*
 * The line of a syntax error libgit2 reports without one ("invalid escape
 * at ..."): the fewest whole lines of DATA that fail with the same MESSAGE.
 * Parsing is sequential, so every longer prefix fails the same way: a
 * binary search. 0 when no prefix does (the message depends on the end).
 */
static unsigned long unlocated_error_line(const char *data, size_t len, const char *message)
{
	unsigned long lo = 1, hi = 0, found = 0;

	for (size_t i = 0; i < len; i++)
		if (data[i] == '\n' || i + 1 == len)
			hi++;
	while (lo <= hi) {
		unsigned long mid = lo + (hi - lo) / 2, n = 0;
		size_t end = 0;
		git_config *file = NULL;
		int same;

		while (end < len && n < mid)
			if (data[end++] == '\n')
				n++;
		same = fg_config_parse_buffer(&file, data, end) < 0 &&
		       !strcmp(fg_git_error(), message);
		git_config_free(file);
		git_error_clear();
		if (same)
			found = mid, hi = mid - 1;
		else
			lo = mid + 1;
	}
	return found;
}

/* Parse DATA[0..LEN) as the file layer named ORIGIN and apply it to CFG. */
static int apply_text(struct fg_config *cfg, const char *data, size_t len, const char *origin)
{
	git_config *file = NULL;
	int rc;

	if (len > FG_CONFIG_MAX_SIZE)
		return fg_config_error(cfg, "%s: the file is %zu bytes, more than %d; keep the "
				       "configuration small", origin, len, FG_CONFIG_MAX_SIZE);
	if (memchr(data, '\0', len))
		return fg_config_error(cfg, "%s: the file holds a NUL byte; write it as text in "
				       "git-config syntax", origin);
	if (fg_config_parse_buffer(&file, data, len) < 0) {
		/* libgit2 says "failed to parse config file: <why> (in <temp file>:<line>)" */
		const char *msg = fg_git_error(), *in = strstr(msg, " (in "), *colon;
		const char *prefix = "failed to parse config file: ";
		size_t skip = strncmp(msg, prefix, strlen(prefix)) ? 0 : strlen(prefix);
		unsigned long line = 0;
		char *copy;

		if (in && (colon = strrchr(in, ':')))
			line = strtoul(colon + 1, NULL, 10);
		if (line) {
			rc = fg_config_error(cfg, "%s: line %lu: not valid git-config syntax: %.*s; "
					     "fix the file", origin, line,
					     (int)((size_t)(in - msg) - skip), msg + skip);
		} else if (!(copy = strdup(msg))) {
			rc = -2;
		} else {
			git_error_clear();
			line = unlocated_error_line(data, len, copy);
			if (line)
				rc = fg_config_error(cfg, "%s: line %lu: not valid git-config syntax: "
						     "%s; fix the file", origin, line, copy + skip);
			else
				rc = fg_config_error(cfg, "%s: not valid git-config syntax: %s; fix "
						     "the file", origin, copy + skip);
			free(copy);
		}
		git_error_clear();
		return rc;
	}
	rc = fg_config_apply_file(cfg, file, origin);
	git_config_free(file);
	return rc;
}

/* The git config level flowgate.configFile comes from, as origins name it. */
static const char *config_file_origin(git_config *git_cfg)
{
	git_config_entry *entry = NULL;
	const char *origin = "git config";

	if (git_cfg && git_config_get_entry(&entry, git_cfg, "flowgate.configFile") == 0 && entry)
		origin = fg_config_level_origin(entry->level);
	git_config_entry_free(entry);
	git_error_clear();
	return origin;
}

/*
 * A configuration file on the file system, PATH, named ORIGIN in messages,
 * checked as a committed file is (size, NUL byte, syntax with its line).
 * NAME_ORIGIN is the git config level of the flowgate.configFile that
 * named it, which must then be a readable file; NULL for the work tree's
 * .flowgate, whose absence adds no layer and which, when it is there, must
 * be a regular file (not a directory, symbolic link or FIFO), as the
 * index and tree readers require of a committed one.
 */
static int apply_disk_file(struct fg_config *cfg, const char *path, const char *origin,
			   const char *name_origin)
{
	struct stat st;
	char *data = NULL;
	size_t len = 0;
	int fd, rc;

	/* O_NONBLOCK: a FIFO named by mistake must not block the hook */
	/* the work tree's .flowgate is never followed through a link, as in the index */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | (name_origin ? 0 : O_NOFOLLOW))) < 0 ||
	    fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		int absent = fd < 0 && (errno == ENOENT || errno == ENOTDIR);

		if (fd >= 0)
			close(fd);
		if (name_origin)
			return fg_config_error(cfg, "%s: flowgate.configFile: %s is not a readable "
					       "file; fix the path or unset the key", name_origin, path);
		if (absent)
			return 0;
		/* as the index and tree readers refuse a committed one */
		return fg_config_error(cfg, "%s: not a regular file (a directory, a symbolic link or "
				       "a FIFO); make the configuration a plain file", origin);
	}
	if (st.st_size > FG_CONFIG_MAX_SIZE) {
		close(fd);
		return fg_config_error(cfg, "%s: the file is %lld bytes, more than %d; keep the "
				       "configuration small", origin, (long long)st.st_size,
				       FG_CONFIG_MAX_SIZE);
	}
	rc = fg_read_all(fd, &data, &len) < 0 ? -2 : apply_text(cfg, data, len, origin);
	close(fd);
	free(data);
	return rc;
}

/*
 * The committed layer: the file named PATH (relative: from FROM; absolute:
 * the file system, NAME_ORIGIN being the git config level that named it).
 */
static int apply_file_layer(struct fg_config *cfg, git_repository *repo,
			    const struct fg_config_from *from, struct fg_staged *staged,
			    const char *path, const char *name_origin, git_oid *file_id)
{
	git_blob *blob = NULL;
	git_oid id;
	char *origin = NULL;
	int rc;

	if (path[0] == '/')
		return apply_disk_file(cfg, path, path, name_origin);
	if (from->workdir) {
		const char *workdir = git_repository_workdir(repo);
		char *full;

		if (!workdir) {
			/* a bare repository: HEAD's file */
			git_object *tree = NULL;
			struct fg_config_from head = { NULL, NULL, "HEAD", 0, 0 };

			if (git_revparse_single(&tree, repo, "HEAD^{tree}") < 0) {
				git_error_clear();
				return 0;
			}
			head.tree = (git_tree *)tree;
			rc = apply_file_layer(cfg, repo, &head, NULL, path, name_origin, file_id);
			git_object_free(tree);
			return rc;
		}
		full = fg_strdupf("%s%s", workdir, path);
		origin = fg_strdupf("%s (work tree)", path);
		rc = full && origin ? apply_disk_file(cfg, full, origin, NULL) : -2;
		free(origin);
		free(full);
		return rc;
	}
	rc = blob_id_in(repo, from, staged, path, &id);
	if (rc == GIT_ENOTFOUND)
		return 0;
	if (rc != GIT_EINVALID && rc < 0)
		return -2;
	origin = from->index || staged ? fg_strdupf("%s (index)", path)
			     : fg_strdupf("%s (%s)", path, from->tree_name ? from->tree_name : "commit");
	if (!origin)
		return -2;
	if (rc == GIT_EINVALID) {
		rc = fg_config_error(cfg, "%s: not a regular file (a directory, a symbolic link or "
				     "a submodule); commit the configuration as a plain file", origin);
		free(origin);
		return rc;
	}
	if ((rc = git_blob_lookup(&blob, repo, &id)) < 0) {
		fg_repo_unreadable(repo, path, "blob", &id, rc);
		free(origin);
		return -2;
	}
	rc = apply_text(cfg, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob), origin);
	if (file_id)
		git_oid_cpy(file_id, &id);
	free(origin);
	git_blob_free(blob);
	return rc;
}

/* fg_repo_config, the committed file read from FROM, or STAGED when not NULL. */
static int config_layers(struct fg_config *cfg, git_repository *repo,
			 const struct fg_config_from *from, struct fg_staged *staged,
			 git_oid *file_id)
{
	git_config *git_cfg = NULL;
	char *name = NULL;
	int rc;

	if (file_id)
		memset(file_id, 0, sizeof(*file_id));
	if (fg_config_init(cfg) < 0) {
		git_error_set_oom();
		return -2;
	}
	if (git_repository_config_snapshot(&git_cfg, repo) < 0)
		return -2;
	if ((rc = config_file_name(git_cfg, &name)) == -1)
		rc = fg_config_error(cfg, "%s: flowgate.configFile: '%s' is not a path inside the "
				     "work tree; write it from the top of the work tree, e.g. "
				     "ci/flowgate.cfg, or write an absolute path",
				     config_file_origin(git_cfg), name);
	if (rc == 0 &&
	    (rc = apply_file_layer(cfg, repo, from, staged, name ? name : FG_CONFIG_FILE,
				   config_file_origin(git_cfg), file_id)) == 0 &&
	    (rc = fg_config_apply_git(cfg, git_cfg)) == 0 &&
	    (!from->receiving || cfg->allow_env_skip))
		rc = fg_config_apply_env(cfg, getenv("FLOWGATE_SKIP"));
	free(name);
	git_config_free(git_cfg);
	if (rc == -2 && !git_error_last())
		git_error_set_oom();
	return rc < -1 ? -2 : rc;
}

int fg_repo_config(struct fg_config *cfg, git_repository *repo, const struct fg_config_from *from,
		   git_oid *file_id)
{
	return config_layers(cfg, repo, from, NULL, file_id);
}

int fg_repo_config_staged(struct fg_config *cfg, git_repository *repo, struct fg_staged *staged)
{
	struct fg_config_from from = { NULL, NULL, NULL, 0, 0 };

	return config_layers(cfg, repo, &from, staged, NULL);
}

static size_t oid_hash(const git_oid *id)
{
	size_t h;

	memcpy(&h, id->id, sizeof(h)); /* SHA-1 bits: already uniform */
	return h;
}

int fg_oidset_add(struct fg_oidset *set, const git_oid *id)
{
	size_t i;

	if (2 * (set->n + 1) > set->cap) {
		struct fg_oidset bigger = { NULL, NULL, set->cap ? set->cap * 2 : 1024, 0 };

		if (!(bigger.slots = malloc(bigger.cap * sizeof(*bigger.slots))) ||
		    !(bigger.used = calloc(bigger.cap, 1))) {
			free(bigger.slots);
			return -1;
		}
		for (i = 0; i < set->cap; i++)
			if (set->used[i])
				fg_oidset_add(&bigger, &set->slots[i]);
		fg_oidset_release(set);
		*set = bigger;
	}
	for (i = oid_hash(id) & (set->cap - 1); set->used[i]; i = (i + 1) & (set->cap - 1))
		if (git_oid_equal(&set->slots[i], id))
			return 0;
	set->used[i] = 1;
	git_oid_cpy(&set->slots[i], id);
	set->n++;
	return 1;
}

int fg_oidset_has(const struct fg_oidset *set, const git_oid *id)
{
	if (!set->cap)
		return 0;
	for (size_t i = oid_hash(id) & (set->cap - 1); set->used[i];
	     i = (i + 1) & (set->cap - 1))
		if (git_oid_equal(&set->slots[i], id))
			return 1;
	return 0;
}

void fg_oidset_release(struct fg_oidset *set)
{
	free(set->slots);
	free(set->used);
	set->slots = NULL;
	set->used = NULL;
	set->cap = set->n = 0;
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
