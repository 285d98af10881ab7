/*
 * The index pre-commit and commit-msg read (staged.h): the index reader
 * first, libgit2 where it does not know the file.
 */
#include <stdlib.h>
#include <string.h>
#include "report.h"
#include "staged.h"

/* The index file: GIT_INDEX_FILE, else <git dir>/index (newly allocated). */
static char *index_path(git_repository *repo)
{
	const char *env = getenv("GIT_INDEX_FILE");

	return env ? strdup(env) : fg_strdupf("%sindex", git_repository_path(repo));
}

int fg_staged_open(struct fg_staged *s, git_repository *repo)
{
	char *path = index_path(repo);
	int rc;

	memset(s, 0, sizeof(*s));
	fg_index_init(&s->file);
	if (!path) {
		git_error_set_oom();
		return -1;
	}
	rc = fg_index_open(&s->file, path, git_repository_path(repo));
	if (rc == FG_INDEX_UNKNOWN) {
		/* a version or required extension the reader does not know: libgit2's */
		char *why = strdup(s->file.error);

		fg_index_release(&s->file);
		rc = getenv("GIT_INDEX_FILE") ? git_index_open(&s->index, path)
					      : git_repository_index(&s->index, repo);
		if (rc < 0) {
			/* copied first: git_error_set writes over the last message's buffer */
			const git_error *e = git_error_last();
			char *cause = strdup(e && e->message ? e->message : "libgit2 cannot read it");

			git_error_set(GIT_ERROR_INDEX, "%s (%s)", cause ? cause : "out of memory",
				      why ? why : "out of memory");
			free(cause);
		}
		free(why);
	} else if (rc < 0) {
		git_error_set(GIT_ERROR_INDEX, "%s; the index is damaged: git cannot read it either "
			      "(git status says so); `rm '%s' && git reset` rebuilds it from HEAD, "
			      "unstaging every change", s->file.error, path);
	}
	free(path);
	return rc < 0 ? -1 : 0;
}

int fg_staged_find(struct fg_staged *s, struct fg_index_find *want, size_t n)
{
	if (!s->index) {
		if (fg_index_find(&s->file, want, n) < 0) {
			git_error_set_str(GIT_ERROR_INDEX, s->file.error);
			return -1;
		}
		return 0;
	}
	for (size_t k = 0; k < n; k++) {
		const git_index_entry *entry = git_index_get_bypath(s->index, want[k].path, 0);

		memset(&want[k].mode, 0, sizeof(want[k]) - offsetof(struct fg_index_find, mode));
		want[k].state = FG_INDEX_ABSENT;
		if (entry) {
			want[k].state = FG_INDEX_ENTRY;
			want[k].mode = entry->mode;
			memcpy(want[k].id, entry->id.id, FG_INDEX_RAWSZ);
		} else {
			/* a directory of that name, as a tree would have it */
			char *dir = fg_strdupf("%s/", want[k].path);
			size_t at;

			if (!dir) {
				git_error_set_oom();
				return -1;
			}
			if (git_index_find_prefix(&at, s->index, dir) == 0)
				want[k].state = FG_INDEX_DIRECTORY;
			free(dir);
			git_error_clear();
		}
	}
	return 0;
}

void fg_staged_release(struct fg_staged *s)
{
	fg_index_release(&s->file);
	git_index_free(s->index);
	s->index = NULL;
}
