/*
 * Unit tests for hotfix.c: which long-lived branches hold a fix, as the
 * same commits or as cherry-picks (trailer or patch ID), and the table,
 * JSON and post-merge lines printed from it.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "hotfix.h"

/* The workflow guide's hotfix story, built with libgit2. */
struct story {
	struct fg_test_repo r;
	git_oid c0, c1, fix, on_release, on_main, dev_tip, maint_tip;
};

static void set_ref(struct fg_test_repo *r, const char *refname, const git_oid *id)
{
	git_reference *ref = NULL;

	ck_assert_int_eq(git_reference_create(&ref, r->repo, refname, id, 1, NULL), 0);
	git_reference_free(ref);
}

/* Check out BRANCH at AT (created or moved there), index = AT's tree. */
static void on_branch(struct fg_test_repo *r, const char *branch, const git_oid *at)
{
	char refname[128];
	git_index *index = NULL;
	git_commit *commit = NULL;
	git_tree *tree = NULL;

	snprintf(refname, sizeof(refname), "refs/heads/%s", branch);
	set_ref(r, refname, at);
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
static void commit_file(struct fg_test_repo *r, const char *path, const char *data,
			const char *message, git_oid *out)
{
	fg_test_repo_stage(r, path, data);
	fg_test_repo_commit(r, message, out);
}

static void story_init(struct story *s)
{
	char message[200], hex[GIT_OID_HEXSZ + 1];

	memset(s, 0, sizeof(*s));
	fg_test_repo_create(&s->r, "main", NULL, 0);
	commit_file(&s->r, "a.txt", "one\n", "feat: one\n", &s->c0);
	commit_file(&s->r, "b.txt", "two\n", "feat: two\n", &s->c1);
	set_ref(&s->r, "refs/tags/v0.16.0", &s->c1);
	set_ref(&s->r, "refs/tags/v0.15.0", &s->c0);
	/* the fix, from the release tag */
	on_branch(&s->r, "hotfix/x", &s->c1);
	commit_file(&s->r, "b.txt", "two, fixed\n", "fix: close the pool\n", &s->fix);
	git_oid_tostr(hex, sizeof(hex), &s->fix);
	/* release/0.16.x: git cherry-pick -x, then the tag */
	on_branch(&s->r, "release/0.16.x", &s->c1);
	snprintf(message, sizeof(message), "fix: close the pool\n\n(cherry picked from commit %s)\n",
		 hex);
	commit_file(&s->r, "b.txt", "two, fixed\n", message, &s->on_release);
	set_ref(&s->r, "refs/tags/v0.16.1", &s->on_release);
	/* main: moved on, then a cherry-pick without -x (only the patch ID tells) */
	on_branch(&s->r, "main", &s->c1);
	commit_file(&s->r, "e.txt", "later\n", "feat: later\n", NULL);
	commit_file(&s->r, "b.txt", "two, fixed\n", "fix: the pool, picked by hand\n", &s->on_main);
	/* dev/0.16.x and maint/0.15.x: without it */
	on_branch(&s->r, "dev/0.16.x", &s->c1);
	commit_file(&s->r, "d.txt", "dev\n", "feat: dev work\n", &s->dev_tip);
	on_branch(&s->r, "maint/0.15.x", &s->c0);
	commit_file(&s->r, "m.txt", "maint\n", "fix: maint work\n", &s->maint_tip);
	on_branch(&s->r, "main", &s->on_main);
}

static const struct fg_hotfix_row *row_named(const struct fg_hotfix *fix, const char *name)
{
	for (size_t i = 0; i < fix->nrows; i++)
		if (!strcmp(fix->rows[i].name, name))
			return &fix->rows[i];
	ck_abort_msg("no row '%s'", name);
	return NULL;
}

static char *printed(const struct fg_hotfix *fix, int which, size_t max_lines)
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

START_TEST(test_story_states)
{
	struct story s;
	struct fg_hotfix fix;
	char *why = NULL;
	const struct fg_hotfix_row *row;

	story_init(&s);
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "hotfix/x",
					  FG_HOTFIX_OLDER, &why), 0);
	ck_assert_ptr_null(why);
	ck_assert_int_eq(fix.is_branch, 1);
	ck_assert_uint_eq(fix.nfix, 1);
	ck_assert(git_oid_equal(&fix.fix[0], &s.fix));
	ck_assert_str_eq(fix.headers[0], "fix: close the pool");
	ck_assert_uint_eq(fix.nrows, 4);
	/* main, dev, release, maint */
	ck_assert_str_eq(fix.rows[0].name, "main");
	ck_assert_str_eq(fix.rows[1].name, "dev/0.16.x");
	ck_assert_str_eq(fix.rows[2].name, "release/0.16.x");
	ck_assert_str_eq(fix.rows[3].name, "maint/0.15.x");
	row = row_named(&fix, "main");
	ck_assert_int_eq(row->state, FG_HOTFIX_PICKED); /* by patch ID */
	ck_assert(git_oid_equal(&row->carriers[0], &s.on_main));
	ck_assert_ptr_null(row->tag);
	row = row_named(&fix, "release/0.16.x");
	ck_assert_int_eq(row->state, FG_HOTFIX_PICKED); /* by the -x line */
	ck_assert(git_oid_equal(&row->carriers[0], &s.on_release));
	ck_assert_str_eq(row->tag, "v0.16.1");
	ck_assert_int_eq(row_named(&fix, "dev/0.16.x")->state, FG_HOTFIX_MISSING);
	ck_assert(git_oid_is_zero(&row_named(&fix, "dev/0.16.x")->carriers[0]));
	ck_assert_int_eq(row_named(&fix, "maint/0.15.x")->state, FG_HOTFIX_MISSING);
	ck_assert_uint_eq(fix.lacking, 2);
	fg_hotfix_release(&fix);
	fg_test_repo_release(&s.r);
}
END_TEST

START_TEST(test_story_table)
{
	struct story s;
	struct fg_hotfix fix;
	char *why = NULL, *text, *expected, f[13], m[13], r[13];

	story_init(&s);
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "hotfix/x",
					  FG_HOTFIX_OLDER, &why), 0);
	git_oid_tostr(f, sizeof(f), &s.fix);
	git_oid_tostr(m, sizeof(m), &s.on_main);
	git_oid_tostr(r, sizeof(r), &s.on_release);
	text = printed(&fix, 0, 0);
	expected = fg_strdupf(
		"hotfix/x: 1 commit\n"
		"    %s fix: close the pool\n"
		"BRANCH          STATUS   COMMITS       TAG\n"
		"main            picked   %s  -\n"
		"dev/0.16.x      missing  -             -\n"
		"release/0.16.x  picked   %s  v0.16.1\n"
		"maint/0.15.x    missing  -             -\n"
		"2 of 4 branches lack the fix; to apply it:\n"
		"    git checkout dev/0.16.x && git cherry-pick -x %s\n"
		"    git checkout maint/0.15.x && git cherry-pick -x %s\n",
		f, m, r, f, f);
	ck_assert_str_eq(text, expected);
	free(text);
	free(expected);
	/* the brief lines of post-merge: the rows lacking it, then the commands */
	text = printed(&fix, 2, 8);
	expected = fg_strdupf("dev/0.16.x    missing\nmaint/0.15.x  missing\n"
			      "git checkout dev/0.16.x && git cherry-pick -x %s\n"
			      "git checkout maint/0.15.x && git cherry-pick -x %s\n", f, f);
	ck_assert_str_eq(text, expected);
	free(text);
	free(expected);
	fg_hotfix_release(&fix);
	fg_test_repo_release(&s.r);
}
END_TEST

START_TEST(test_story_json)
{
	struct story s;
	struct fg_hotfix fix;
	char *why = NULL, *text, *frag, f[GIT_OID_HEXSZ + 1], r[GIT_OID_HEXSZ + 1];

	story_init(&s);
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "hotfix/x",
					  FG_HOTFIX_OLDER, &why), 0);
	git_oid_tostr(f, sizeof(f), &s.fix);
	git_oid_tostr(r, sizeof(r), &s.on_release);
	text = printed(&fix, 1, 0);
	frag = fg_strdupf("{\"fix\":{\"name\":\"hotfix/x\",\"branch\":true,\"commits\":[{\"id\":\"%s\","
			  "\"header\":\"fix: close the pool\"}]},\"branches\":[", f);
	ck_assert_msg(!strncmp(text, frag, strlen(frag)), "%s", text);
	free(frag);
	frag = fg_strdupf("{\"name\":\"release/0.16.x\",\"remote\":null,\"kind\":\"release\","
			  "\"status\":\"picked\",\"carriers\":[\"%s\"],\"tag\":\"v0.16.1\"}", r);
	ck_assert_msg(strstr(text, frag), "%s", text);
	free(frag);
	ck_assert_ptr_nonnull(strstr(text, "{\"name\":\"dev/0.16.x\",\"remote\":null,\"kind\":\"dev\","
					 "\"status\":\"missing\",\"carriers\":[null],\"tag\":null}"));
	ck_assert_ptr_nonnull(strstr(text, "],\"base\":\"0.16\",\"hidden\":0,\"lacking\":2,"
					 "\"total\":4}\n"));
	free(text);
	fg_hotfix_release(&fix);
	fg_test_repo_release(&s.r);
}
END_TEST

/* Same path, another change: not a cherry-pick. A merge: the same commit. */
START_TEST(test_other_change_and_merge)
{
	struct story s;
	struct fg_hotfix fix;
	char *why = NULL;
	git_oid other;

	story_init(&s);
	on_branch(&s.r, "dev/0.16.x", &s.dev_tip);
	commit_file(&s.r, "b.txt", "two, fixed otherwise\n", "fix: the pool another way\n", &other);
	/* maint/0.15.x takes the fix itself (a fast-forward of its own) */
	set_ref(&s.r, "refs/heads/maint/0.15.x", &s.fix);
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "hotfix/x",
					  FG_HOTFIX_OLDER, &why), 0);
	ck_assert_int_eq(row_named(&fix, "dev/0.16.x")->state, FG_HOTFIX_MISSING);
	ck_assert_int_eq(row_named(&fix, "maint/0.15.x")->state, FG_HOTFIX_MERGED);
	ck_assert(git_oid_equal(&row_named(&fix, "maint/0.15.x")->carriers[0], &s.fix));
	/* no tag of 0.15 holds it */
	ck_assert_ptr_null(row_named(&fix, "maint/0.15.x")->tag);
	ck_assert_uint_eq(fix.lacking, 1);
	fg_hotfix_release(&fix);
	fg_test_repo_release(&s.r);
}
END_TEST

/* A two-commit hotfix branch: a branch with one of them is partial. */
START_TEST(test_partial)
{
	struct story s;
	struct fg_hotfix fix;
	char *why = NULL, *text, *line, f2[13];
	git_oid f1, f2id;

	story_init(&s);
	on_branch(&s.r, "hotfix/y", &s.c1);
	commit_file(&s.r, "y1.txt", "y1\n", "fix: first half\n", &f1);
	commit_file(&s.r, "y2.txt", "y2\n", "fix: second half\n", &f2id);
	on_branch(&s.r, "dev/0.16.x", &s.dev_tip);
	commit_file(&s.r, "y1.txt", "y1\n", "fix: first half, picked\n", NULL);
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "hotfix/y",
					  FG_HOTFIX_OLDER, &why), 0);
	ck_assert_uint_eq(fix.nfix, 2);
	ck_assert(git_oid_equal(&fix.fix[0], &f1)); /* oldest first */
	ck_assert(git_oid_equal(&fix.fix[1], &f2id));
	ck_assert_int_eq(row_named(&fix, "dev/0.16.x")->state, FG_HOTFIX_PARTIAL);
	ck_assert(!git_oid_is_zero(&row_named(&fix, "dev/0.16.x")->carriers[0]));
	ck_assert(git_oid_is_zero(&row_named(&fix, "dev/0.16.x")->carriers[1]));
	text = printed(&fix, 0, 0);
	git_oid_tostr(f2, sizeof(f2), &f2id);
	line = fg_strdupf("    git checkout dev/0.16.x && git cherry-pick -x %s\n", f2);
	ck_assert_msg(strstr(text, line), "%s", text);
	free(line);
	free(text);
	fg_hotfix_release(&fix);
	fg_test_repo_release(&s.r);
}
END_TEST

/* A remote-tracking branch lacking what the local one has: push it. */
START_TEST(test_remote_tracking)
{
	struct story s;
	struct fg_hotfix fix;
	char *why = NULL, *text;

	story_init(&s);
	set_ref(&s.r, "refs/remotes/origin/main", &s.c1);
	set_ref(&s.r, "refs/remotes/origin/release/0.16.x", &s.on_release);
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "hotfix/x",
					  FG_HOTFIX_OLDER, &why), 0);
	ck_assert_uint_eq(fix.nrows, 6);
	ck_assert_str_eq(fix.rows[1].name, "origin/main"); /* after main, before dev */
	ck_assert_str_eq(fix.rows[1].remote, "origin");
	ck_assert_str_eq(fix.rows[1].branch, "main");
	ck_assert_int_eq(fix.rows[1].state, FG_HOTFIX_MISSING);
	ck_assert_int_eq(row_named(&fix, "origin/release/0.16.x")->state, FG_HOTFIX_PICKED);
	text = printed(&fix, 0, 0);
	ck_assert_msg(strstr(text, "3 of 6 branches lack the fix; to apply it:\n"
				   "    git push origin main\n"), "%s", text);
	free(text);
	fg_hotfix_release(&fix);
	fg_test_repo_release(&s.r);
}
END_TEST

/*
 * Names and headers are shown escaped, and the commands to paste quote a
 * remote whose name is shell syntax: a remote named o'$(>x)' (valid in a
 * refname), a header with OSC and U+202E.
 */
START_TEST(test_hostile_names)
{
	struct story s;
	struct fg_hotfix fix;
	char *why = NULL, *text;
	git_oid fix2;

	story_init(&s);
	set_ref(&s.r, "refs/remotes/o'$(>x)'/main", &s.c1);
	on_branch(&s.r, "hotfix/x", &s.fix);
	commit_file(&s.r, "z.txt", "z\n", "fix: \033]0;t\007 also \xe2\x80\xae" "this\n", &fix2);
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "hotfix/x",
					  FG_HOTFIX_OLDER, &why), 0);
	text = printed(&fix, 0, 0);
	ck_assert_msg(!strchr(text, '\033') && !strchr(text, '\007'), "%s", text);
	ck_assert_msg(!strstr(text, "\xe2\x80\xae"), "%s", text);
	/* (the header's C0 controls were blanked when read) */
	ck_assert_msg(strstr(text, " fix:  ]0;t  also \\u202Ethis\n"), "%s", text);
	ck_assert_msg(strstr(text, "\no'$(>x)'/main  "), "%s", text);
	ck_assert_msg(strstr(text, "git push 'o'\\''$(>x)'\\''' main\n"), "%s", text);
	free(text);
	text = printed(&fix, 2, 8);
	ck_assert_msg(strstr(text, "git push 'o'\\''$(>x)'\\''' main\n"), "%s", text);
	free(text);
	fg_hotfix_release(&fix);
	fg_test_repo_release(&s.r);
}
END_TEST

/* The brief never passes its line budget, and says what it left out. */
START_TEST(test_brief_budget)
{
	struct story s;
	struct fg_hotfix fix;
	char *why = NULL, *text, name[64];
	size_t lines = 0;

	story_init(&s);
	for (int k = 1; k <= 12; k++) {
		snprintf(name, sizeof(name), "refs/heads/maint/0.%d.x", k);
		set_ref(&s.r, name, &s.c0);
	}
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "hotfix/x",
					  FG_HOTFIX_OLDER, &why), 0);
	ck_assert_uint_eq(fix.lacking, 14);
	text = printed(&fix, 2, 7);
	for (const char *p = text; *p; p++)
		lines += *p == '\n';
	ck_assert_uint_le(lines, 7);
	ck_assert_msg(strstr(text, "... and "), "%s", text);
	ck_assert_msg(strstr(text, " more commands\n"), "%s", text);
	free(text);
	fg_hotfix_release(&fix);
	fg_test_repo_release(&s.r);
}
END_TEST

START_TEST(test_errors_and_commit_mode)
{
	struct story s;
	struct fg_hotfix fix;
	char *why = NULL;

	story_init(&s);
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "no-such-thing",
					  FG_HOTFIX_OLDER, &why), -2);
	ck_assert_ptr_nonnull(strstr(why, "'no-such-thing' names no commit"));
	free(why);
	fg_hotfix_release(&fix);
	/* a hotfix branch just made from the release tag has no commit of its own */
	set_ref(&s.r, "refs/heads/hotfix/fresh", &s.c1);
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "hotfix/fresh",
					  FG_HOTFIX_OLDER, &why), -2);
	ck_assert_ptr_nonnull(strstr(why, "has no commit of its own"));
	free(why);
	fg_hotfix_release(&fix);
	/* made where a long-lived branch is and not moved since: nothing of its own */
	set_ref(&s.r, "refs/heads/hotfix/at-main", &s.on_main);
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "hotfix/at-main",
					  FG_HOTFIX_OLDER, &why),
			 -2);
	ck_assert_ptr_nonnull(strstr(why, "has no commit of its own"));
	free(why);
	fg_hotfix_release(&fix);
	/* made at the tip of a hotfix fetched from a remote: its commits are the fix */
	set_ref(&s.r, "refs/remotes/origin/hotfix/x", &s.fix);
	set_ref(&s.r, "refs/heads/hotfix/copy", &s.fix);
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "hotfix/copy",
					  FG_HOTFIX_OLDER, &why), 0);
	ck_assert_uint_eq(fix.nfix, 1);
	ck_assert(git_oid_equal(&fix.fix[0], &s.fix));
	fg_hotfix_release(&fix);
	/* one commit, named by a revision */
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "release/0.16.x",
					  FG_HOTFIX_OLDER, &why), 0);
	ck_assert_int_eq(fix.is_branch, 0);
	ck_assert(git_oid_equal(&fix.fix[0], &s.on_release));
	ck_assert_int_eq(row_named(&fix, "release/0.16.x")->state, FG_HOTFIX_MERGED);
	fg_hotfix_release(&fix);
	/* without an argument on main: not HEAD, but an error that says so (issue 20, item 15) */
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), NULL, 0, &why), -2);
	ck_assert_str_eq(why, "HEAD is on main, not a hotfix branch; name the fix: flowgate "
			      "hotfix-status hotfix/<name> (or a commit)");
	free(why);
	fg_hotfix_release(&fix);
	ck_assert_int_eq(git_repository_set_head_detached(s.r.repo, &s.on_main), 0);
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), NULL, 0, &why), -2);
	ck_assert_str_eq(why, "HEAD is detached, not a hotfix branch; name the fix: flowgate "
			      "hotfix-status hotfix/<name> (or a commit)");
	free(why);
	fg_hotfix_release(&fix);
	/* without an argument on the hotfix branch: the branch */
	on_branch(&s.r, "hotfix/x", &s.fix);
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), NULL, FG_HOTFIX_OLDER,
					  &why), 0);
	ck_assert_str_eq(fix.name, "hotfix/x");
	ck_assert_int_eq(fix.is_branch, 1);
	fg_hotfix_release(&fix);
	fg_test_repo_release(&s.r);
}
END_TEST

/*
 * The series the fix affects (issue 20, item 15): hotfix/x starts at
 * v0.16.0, so main, the 0.16 branches and newer ones are listed; the older
 * dev/0.15.x, release/0.15.x and maint/0.15.x are not (FG_HOTFIX_OLDER
 * lists them), unless a maint branch contains the base. Without a release
 * tag at the base, its version files give the series.
 */
START_TEST(test_affected_series)
{
	struct story s;
	struct fg_hotfix fix;
	char *why = NULL, *text;
	git_oid newer, at_base;

	story_init(&s);
	set_ref(&s.r, "refs/heads/dev/0.15.x", &s.c0);
	set_ref(&s.r, "refs/heads/release/0.15.x", &s.c0);
	set_ref(&s.r, "refs/remotes/origin/dev/0.15.x", &s.c0);
	on_branch(&s.r, "dev/0.17.x", &s.on_main);
	commit_file(&s.r, "n.txt", "newer\n", "feat: newer\n", &newer);
	on_branch(&s.r, "main", &s.on_main);
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "hotfix/x", 0, &why), 0);
	ck_assert_int_eq(fix.base_known, 1);
	ck_assert(fix.base_major == 0 && fix.base_minor == 16);
	ck_assert_uint_eq(fix.nrows, 4);
	row_named(&fix, "main");
	row_named(&fix, "dev/0.17.x");
	row_named(&fix, "dev/0.16.x");
	row_named(&fix, "release/0.16.x");
	ck_assert_uint_eq(fix.hidden, 4);
	ck_assert_uint_eq(fix.lacking, 1); /* dev/0.16.x (dev/0.17.x has main's pick) */
	text = printed(&fix, 0, 0);
	ck_assert_msg(strstr(text, "\n4 branches of series older than 0.16, the fix's base, not "
				   "listed (--older lists them)\n"), "%s", text);
	ck_assert_ptr_null(strstr(text, "0.15.x"));
	free(text);
	text = printed(&fix, 1, 0);
	ck_assert_msg(strstr(text, "],\"base\":\"0.16\",\"hidden\":4,\"lacking\":1,\"total\":4}\n"),
		      "%s", text);
	free(text);
	fg_hotfix_release(&fix);
	/* --older: every long-lived branch, as before */
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "hotfix/x",
					  FG_HOTFIX_OLDER, &why), 0);
	ck_assert_uint_eq(fix.nrows, 8);
	ck_assert_uint_eq(fix.hidden, 0);
	row_named(&fix, "origin/dev/0.15.x");
	fg_hotfix_release(&fix);
	/* an older maint branch that contains the base: listed */
	on_branch(&s.r, "maint/0.15.x", &s.c1);
	commit_file(&s.r, "m2.txt", "maint\n", "fix: maint after the base\n", &at_base);
	on_branch(&s.r, "main", &s.on_main);
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "hotfix/x", 0, &why), 0);
	ck_assert_int_eq(row_named(&fix, "maint/0.15.x")->state, FG_HOTFIX_MISSING);
	ck_assert_uint_eq(fix.hidden, 3);
	fg_hotfix_release(&fix);
	/* no release tag at the base (release/0.16.x's tip): its version files say the series */
	on_branch(&s.r, "hotfix/z", &s.c1);
	commit_file(&s.r, "half_orm/version.txt", "0.16.0\n", "chore: prepare release 0.16.0\n",
		    &at_base);
	set_ref(&s.r, "refs/heads/release/0.16.x", &at_base);
	commit_file(&s.r, "z.txt", "z\n", "fix: z\n", NULL);
	ck_assert_int_eq(fg_hotfix_status(&fix, s.r.repo, fg_test_config(), "hotfix/z", 0, &why), 0);
	ck_assert_int_eq(fix.base_known, 1);
	ck_assert(fix.base_major == 0 && fix.base_minor == 16);
	ck_assert_uint_eq(fix.nfix, 1);
	ck_assert_uint_gt(fix.hidden, 0);
	fg_hotfix_release(&fix);
	fg_test_repo_release(&s.r);
}
END_TEST

Suite *hotfix_suite(void)
{
	Suite *s = suite_create("hotfix");
	TCase *tc = tcase_create("status");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_story_states);
	tcase_add_test(tc, test_story_table);
	tcase_add_test(tc, test_story_json);
	tcase_add_test(tc, test_other_change_and_merge);
	tcase_add_test(tc, test_partial);
	tcase_add_test(tc, test_remote_tracking);
	tcase_add_test(tc, test_hostile_names);
	tcase_add_test(tc, test_brief_budget);
	tcase_add_test(tc, test_errors_and_commit_mode);
	tcase_add_test(tc, test_affected_series);
	suite_add_tcase(s, tc);
	return s;
}
