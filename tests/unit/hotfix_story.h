/*
 * The workflow guide's hotfix story, built with libgit2, for the suites of
 * hotfix.c, hotfixprint.c and carrier.c: a fix made on hotfix/x from
 * v0.16.0, cherry-picked with -x onto release/0.16.x (then tagged v0.16.1)
 * and by hand onto main; dev/0.16.x and maint/0.15.x without it.
 */
#ifndef FLOWGATE_HOTFIX_STORY_H
#define FLOWGATE_HOTFIX_STORY_H

#include "check_flowgate.h"
#include "hotfix.h"

struct story {
	struct fg_test_repo r;
	git_oid c0, c1, fix, on_release, on_main, dev_tip, maint_tip;
};

/* fg_story_init: S made in a new repository, HEAD on main. Asserts on failure. */
void fg_story_init(struct story *s);

/* fg_story_set_ref: REFNAME (created or moved) at ID. */
void fg_story_set_ref(struct fg_test_repo *r, const char *refname, const git_oid *id);

/* fg_story_on_branch: check out BRANCH at AT (created or moved there), index = AT's tree. */
void fg_story_on_branch(struct fg_test_repo *r, const char *branch, const git_oid *at);

/* fg_story_commit_file: commit PATH = DATA with MESSAGE on the checked-out branch. */
void fg_story_commit_file(struct fg_test_repo *r, const char *path, const char *data,
			  const char *message, git_oid *out);

/* fg_story_row: FIX's row named NAME; the test fails when there is none. */
const struct fg_hotfix_row *fg_story_row(const struct fg_hotfix *fix, const char *name);

/*
 * fg_story_printed: what hotfixprint.h prints of FIX, newly allocated:
 * WHICH 0 the table, 1 the JSON document, 2 the brief lines within
 * MAX_LINES.
 */
char *fg_story_printed(const struct fg_hotfix *fix, int which, size_t max_lines);

#endif
