/*
 * libgit2 access for the hooks. Start-up cost matters: a hook should cost
 * about what exec costs. Debian's libgit2 1.5.1 spends ~4.6 ms in
 * git_libgit2_init() parsing the system CA bundle (mbedTLS) and ~1 ms in
 * libssh2/OpenSSL engine set-up, neither of which a hook ever needs. The
 * Makefile links libgit2.a statically and passes ld's --wrap for those two
 * initialisers, so the calls inside libgit2 land on the no-op __wrap_
 * functions below; fg_git_init then registers a TLS stream that refuses to
 * connect, so nothing can ever reach the uninitialised TLS state.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <git2/sys/stream.h>
#include "message.h"
#include "pattern.h"
#include "repo.h"

int __wrap_git_mbedtls_stream_global_init(void);
int __wrap_git_transport_ssh_global_init(void);

/* ld --wrap targets: libgit2's TLS and SSH global initialisers, skipped. */
int __wrap_git_mbedtls_stream_global_init(void)
{
	return 0;
}

int __wrap_git_transport_ssh_global_init(void)
{
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

int fg_repo_open(git_repository **out)
{
	const char *env = getenv("GIT_WORK_TREE");
	char *work_tree = env ? strdup(env) : NULL;
	int rc;

	*out = NULL;
	if (env && !work_tree)
		return -1;
	if (work_tree)
		unsetenv("GIT_WORK_TREE");
	rc = git_repository_open_ext(out, NULL, GIT_REPOSITORY_OPEN_FROM_ENV, NULL);
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

void fg_vfiles_release(struct fg_vfiles *files)
{
	for (size_t i = 0; i < sizeof(files->blobs) / sizeof(files->blobs[0]); i++)
		git_blob_free(files->blobs[i]);
	fg_version_set_release(&files->set);
	memset(files, 0, sizeof(*files));
}

static int load_blob(struct fg_vfiles *files, size_t i, git_repository *repo, const git_oid *id)
{
	int rc = git_blob_lookup(&files->blobs[i], repo, id);

	if (rc < 0)
		return rc;
	files->contents[i].present = 1;
	files->contents[i].data = git_blob_rawcontent(files->blobs[i]);
	files->contents[i].len = (size_t)git_blob_rawsize(files->blobs[i]);
	return 0;
}

/* Versions out of the contents just read (the tail of both readers). */
static int extract_versions(struct fg_vfiles *files)
{
	git_error_clear();
	return fg_versions_extract(&files->set, fg_builtin_vfiles, fg_builtin_vfiles_count,
				   files->contents) < 0 ? -1 : 0;
}

int fg_vfiles_from_index(struct fg_vfiles *files, git_repository *repo, git_index *index)
{
	memset(files, 0, sizeof(*files));
	for (size_t i = 0; i < fg_builtin_vfiles_count; i++) {
		const git_index_entry *entry = git_index_get_bypath(index, fg_builtin_vfiles[i].path, 0);
		int rc;

		if (!entry || !S_ISREG(entry->mode))
			continue;
		if ((rc = load_blob(files, i, repo, &entry->id)) < 0)
			return rc;
	}
	return extract_versions(files);
}

int fg_vfiles_from_tree(struct fg_vfiles *files, git_repository *repo, git_tree *tree)
{
	memset(files, 0, sizeof(*files));
	for (size_t i = 0; i < fg_builtin_vfiles_count; i++) {
		git_tree_entry *entry = NULL;
		int rc = git_tree_entry_bypath(&entry, tree, fg_builtin_vfiles[i].path);

		if (rc == GIT_ENOTFOUND)
			continue;
		if (rc < 0)
			return rc;
		/* a regular file, as the index reader requires: not a symlink */
		if (git_tree_entry_filemode(entry) == GIT_FILEMODE_BLOB ||
		    git_tree_entry_filemode(entry) == GIT_FILEMODE_BLOB_EXECUTABLE)
			rc = load_blob(files, i, repo, git_tree_entry_id(entry));
		git_tree_entry_free(entry);
		if (rc < 0)
			return rc;
	}
	return extract_versions(files);
}
