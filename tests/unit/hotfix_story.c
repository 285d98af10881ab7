/*
 * The hotfix story of hotfix_story.h: the refs, commits and branches the
 * hotfix suites start from.
 */
#include <stdio.h>
#include <string.h>
#include "hotfix_story.h"
#include "hotfixprint.h"

void fg_story_set_ref(struct fg_test_repo *r, const char *refname, const git_oid *id)
{
	git_reference *ref = NULL;

	ck_assert_int_eq(git_reference_create(&ref, r->repo, refname, id, 1, NULL), 0);
	git_reference_free(ref);
}

/* Check out BRANCH at AT (created or moved there), index = AT's tree. */
void fg_story_on_branch(struct fg_test_repo *r, const char *branch, const git_oid *at)
{
	char refname[128];
	git_index *index = NULL;
	git_commit *commit = NULL;
	git_tree *tree = NULL;

	snprintf(refname, sizeof(refname), "refs/heads/%s", branch);
	fg_story_set_ref(r, refname, at);
	ck_assert_int_eq(git_repository_set_head(r->repo, refname), 0);
	ck_assert_int_eq(git_repository_index(&index, r->repo), 0);
	ck_assert_int_eq(git_commit_lookup(&commit, r->repo, at), 0);
	ck_assert_int_eq(git_commit_tree(&tree, commit), 0);
	ck_assert_int_eq(git_index_read_tree(index, tree), 0);
	ck_assert_int_eq(git_index_write(index), 0);
	git_tree_free(tree);
	git_commit_free(commit);
	git_index_free(index);
}

/* Commit PATH = DATA with MESSAGE on the checked-out branch. */
void fg_story_commit_file(struct fg_test_repo *r, const char *path, const char *data,
			  const char *message, git_oid *out)
{
	fg_test_repo_stage(r, path, data);
	fg_test_repo_commit(r, message, out);
}

void fg_story_init(struct story *s)
{
	char message[200], hex[GIT_OID_HEXSZ + 1];

	memset(s, 0, sizeof(*s));
	fg_test_repo_create(&s->r, "main", NULL, 0);
	fg_story_commit_file(&s->r, "a.txt", "one\n", "feat: one\n", &s->c0);
	fg_story_commit_file(&s->r, "b.txt", "two\n", "feat: two\n", &s->c1);
	fg_story_set_ref(&s->r, "refs/tags/v0.16.0", &s->c1);
	fg_story_set_ref(&s->r, "refs/tags/v0.15.0", &s->c0);
	/* the fix, from the release tag */
	fg_story_on_branch(&s->r, "hotfix/x", &s->c1);
	fg_story_commit_file(&s->r, "b.txt", "two, fixed\n", "fix: close the pool\n", &s->fix);
	git_oid_tostr(hex, sizeof(hex), &s->fix);
	/* release/0.16.x: git cherry-pick -x, then the tag */
	fg_story_on_branch(&s->r, "release/0.16.x", &s->c1);
	snprintf(message, sizeof(message), "fix: close the pool\n\n(cherry picked from commit %s)\n",
		 hex);
	fg_story_commit_file(&s->r, "b.txt", "two, fixed\n", message, &s->on_release);
	fg_story_set_ref(&s->r, "refs/tags/v0.16.1", &s->on_release);
	/* main: moved on, then a cherry-pick without -x (only the patch ID tells) */
	fg_story_on_branch(&s->r, "main", &s->c1);
	fg_story_commit_file(&s->r, "e.txt", "later\n", "feat: later\n", NULL);
	fg_story_commit_file(&s->r, "b.txt", "two, fixed\n", "fix: the pool, picked by hand\n",
			     &s->on_main);
	/* dev/0.16.x and maint/0.15.x: without it */
	fg_story_on_branch(&s->r, "dev/0.16.x", &s->c1);
	fg_story_commit_file(&s->r, "d.txt", "dev\n", "feat: dev work\n", &s->dev_tip);
	fg_story_on_branch(&s->r, "maint/0.15.x", &s->c0);
	fg_story_commit_file(&s->r, "m.txt", "maint\n", "fix: maint work\n", &s->maint_tip);
	fg_story_on_branch(&s->r, "main", &s->on_main);
}

const struct fg_hotfix_row *fg_story_row(const struct fg_hotfix *fix, const char *name)
{
	for (size_t i = 0; i < fix->nrows; i++)
		if (!strcmp(fix->rows[i].name, name))
			return &fix->rows[i];
	ck_abort_msg("no row '%s'", name);
	return NULL;
}

char *fg_story_printed(const struct fg_hotfix *fix, int which, size_t max_lines)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);

	ck_assert_ptr_nonnull(out);
	if (which == 0)
		fg_hotfix_print(fix, out);
	else if (which == 1)
		fg_hotfix_print_json(fix, out);
	else
		fg_hotfix_print_brief(fix, out, max_lines);
	fclose(out);
	return text;
}
