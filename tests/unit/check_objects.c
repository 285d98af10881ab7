/*
 * objects.c: a commit read and parsed as git_commit_lookup parses it (the
 * same fields, the same refusals), and a tree's top-level entries as
 * libgit2's tree parse gives them.
 */
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "objects.h"

static git_oid write_object(git_repository *repo, const char *data, size_t len, git_object_t type)
{
	git_odb *odb = NULL;
	git_oid id;

	ck_assert_int_eq(git_repository_odb(&odb, repo), 0);
	ck_assert_int_eq(git_odb_write(&id, odb, data, len, type), 0);
	git_odb_free(odb);
	return id;
}

/* Raw commit objects: well-formed ones, and every way libgit2 refuses one. */
static const struct fg_bytes raw_commits[] = {
	FG_BYTES("tree 4b825dc642cb6eb9a060e54bf8d69288fbe4904b\n"
		 "author A <a@x> 1700000000 +0100\ncommitter C <c@x> 1700000001 -0230\n\n"
		 "feat: one\n\nbody\n"),
	FG_BYTES("tree 4B825DC642CB6EB9A060E54BF8D69288FBE4904B\n"
		 "parent 1111111111111111111111111111111111111111\n"
		 "parent 2222222222222222222222222222222222222222\n"
		 "author A <a@x> 1 +0000\nauthor B <b@x> 2 +0000\ncommitter C <c@x> 3 +0000\n"
		 "encoding ISO-8859-1\n"
		 "gpgsig -----BEGIN PGP SIGNATURE-----\n encoding nope\n -----END-----\n\n"
		 "\n\nmerge: two\n"),
	FG_BYTES("tree 4b825dc642cb6eb9a060e54bf8d69288fbe4904b\n"
		 "author A <a@x> 1 +0000\ncommitter C <c@x>\n\nno time\n"),
	FG_BYTES("tree 4b825dc642cb6eb9a060e54bf8d69288fbe4904b\n"
		 "author A <a@x> 1 +0000\ncommitter C <c@x> -42 nonsense\n\nnegative\n"),
	FG_BYTES("tree 4b825dc642cb6eb9a060e54bf8d69288fbe4904b\n"
		 "author A <a@x> 1 +0000\ncommitter C <c@x>  \t 77\n"),
	FG_BYTES("tree 4b825dc642cb6eb9a060e54bf8d69288fbe4904b\n"
		 "author A <a@x> 1 +0000\ncommitter C <c@x> 5 +0000\nencoding x\0y\n\nnul\0after\n"),
	FG_BYTES("tree 4b825dc642cb6eb9a060e54bf8d69288fbe4904b\n"
		 "author A <a@x> 1 +0000\ncommitter C <c@x> 5 +0000\n"),
	FG_BYTES("tree 4b825dc642cb6eb9a060e54bf8d69288fbe4904b\n"
		 "author A <a@x> 1 +0000\ncommitter C <c@x> 5 +0000\n\n"),
	FG_BYTES("tree 4b825dc642cb6eb9a060e54bf8d69288fbe4904b\n"
		 "author A <a@x> 1 +0000\ncommitter C <c@x> <d@y> 7 +0000\n\ntwo e-mails\n"),
	FG_BYTES("tree 4b825dc642cb6eb9a060e54bf8d69288fbe4904b\n"
		 "author A <a@x> 1 +0000\ncommitter C <c@x>>  8 +0000\n\n"),
	/* refused */
	FG_BYTES("tree 4b825dc642cb6eb9a060e54bf8d69288fbe4904b\n"
		 "author A <a@x> 1 +0000\ncommitter C <c@x> 5 +0000 <\n\nlate <\n"),
	FG_BYTES("tree 4b825dc642cb6eb9a060e54bf8d69288fbe4904b\n"
		 "author A <a@x> 1 +0000\ncommitter C c@x> 5 +0000\n\nno <\n"),
	FG_BYTES("tree 4b825dc642cb6eb9a060e54bf8d69288fbe4904b\n"
		 "author A <a@x> 1 +0000\ncommitter C <c@x\n\nno >\n"),
	FG_BYTES("tree 4b825dc642cb6eb9a060e54bf8d69288fbe4904g\n"
		 "author A <a@x> 1 +0000\ncommitter C <c@x> 5 +0000\n\nbad tree\n"),
	FG_BYTES("tree 4b825dc642cb6eb9a060e54bf8d69288fbe4904b\n"
		 "committer C <c@x> 5 +0000\n\nno author\n"),
	FG_BYTES("tree 4b825dc642cb6eb9a060e54bf8d69288fbe4904b\n"
		 "author A a@x 1 +0000\ncommitter C <c@x> 5 +0000\n\nbad e-mail\n"),
	FG_BYTES("tree 4b825dc642cb6eb9a060e54bf8d69288fbe4904b\n"
		 "author A <a@x> 1 +0000\ncommitter C <c@x> x5 +0000\n\nbad time\n"),
	FG_BYTES("tree 4b825dc642cb6eb9a060e54bf8d69288fbe4904b\n"
		 "author A <a@x> 1 +0000\ncommitter C <c@x> 99999999999999999999 +0000\n\noverflow\n"),
	FG_BYTES("tree 4b825dc642cb6eb9a060e54bf8d69288fbe4904b\n"
		 "author A <a@x> 1 +0000\ncommitter C <c@x> 5 +0000"),
	FG_BYTES("tree 4b825dc642cb6eb9a060e54bf8d69288fbe4904b\n"
		 "author A <a@x> 1 +0000\nauthor B >b@x< 1 +0000\ncommitter C <c@x> 5 +0000\n\n"),
	FG_BYTES("tree 4b825dc642cb6eb9a060e54bf8d69288fbe4904b\n"
		 "parent 111111111111111111111111111111111111111\n"
		 "author A <a@x> 1 +0000\ncommitter C <c@x> 5 +0000\n\nshort parent\n"),
	FG_BYTES("tree 4b825dc642cb6eb9a060e54bf8d69288fbe4904b"),
	FG_BYTES(""),
};

/* fg_commit_read reads each commit as git_commit_lookup does, or fails as it does. */
START_TEST(test_commit_read_as_libgit2)
{
	struct fg_test_repo r;
	struct fg_commit_buf buf;
	struct fg_packs *packs = NULL;
	const struct fg_bytes *raw = &raw_commits[_i];
	git_commit *c = NULL;
	git_oid id;
	int want, got;
	char *want_error;

	fg_test_repo_create(&r, "main", NULL, 0);
	memset(&buf, 0, sizeof(buf));
	ck_assert_int_eq(fg_packs_new(&packs, r.repo), 0);
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
	id = write_object(r.repo, raw->data, raw->len, GIT_OBJECT_COMMIT);
	want = git_commit_lookup(&c, r.repo, &id);
	want_error = strdup(want < 0 && git_error_last() ? git_error_last()->message : "");
	git_error_clear();
	got = fg_commit_read(&buf, packs, &id);
	ck_assert_msg((want < 0) == (got < 0), "case %d: libgit2 %d, fg_commit_read %d", _i,
		      want, got);
	if (want < 0) {
		ck_assert_int_eq(got, want);
		ck_assert_str_eq(git_error_last()->message, want_error);
	} else {
		ck_assert(git_oid_equal(&buf.info.id, &id));
		ck_assert(git_oid_equal(&buf.info.tree, git_commit_tree_id(c)));
		ck_assert_uint_eq(buf.info.nparents, git_commit_parentcount(c));
		for (unsigned i = 0; i < git_commit_parentcount(c); i++)
			ck_assert(git_oid_equal(&buf.info.parents[i], git_commit_parent_id(c, i)));
		ck_assert_int_eq(buf.info.time, git_commit_time(c));
		ck_assert_str_eq(buf.info.message, git_commit_message(c));
		if (git_commit_message_encoding(c))
			ck_assert_str_eq(buf.info.encoding, git_commit_message_encoding(c));
		else
			ck_assert_ptr_null(buf.info.encoding);
	}
	/* a blob is no commit, as libgit2's walk says */
	id = write_object(r.repo, "x\n", 2, GIT_OBJECT_BLOB);
	ck_assert_int_lt(fg_commit_read(&buf, packs, &id), 0);
	ck_assert_str_eq(git_error_last()->message, "object is no commit object");
	free(want_error);
	git_commit_free(c);
	fg_commit_buf_release(&buf);
	fg_packs_free(packs);
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 1);
	fg_test_repo_release(&r);
}
END_TEST

/*
 * Two encoding headers: the last one counts, as in libgit2 1.5.1's parse
 * (which leaks the first: not compared with git_commit_lookup here).
 */
START_TEST(test_commit_read_last_encoding)
{
	static const char raw[] = "tree 4b825dc642cb6eb9a060e54bf8d69288fbe4904b\n"
				  "author A <a@x> 1 +0000\ncommitter C <c@x> 2 +0000\n"
				  "encoding ISO-8859-1\nencoding UTF-8\n\nfeat: x\n";
	struct fg_test_repo r;
	struct fg_commit_buf buf;
	struct fg_packs *packs = NULL;
	git_oid id;

	fg_test_repo_create(&r, "main", NULL, 0);
	memset(&buf, 0, sizeof(buf));
	ck_assert_int_eq(fg_packs_new(&packs, r.repo), 0);
	id = write_object(r.repo, raw, sizeof(raw) - 1, GIT_OBJECT_COMMIT);
	ck_assert_int_eq(fg_commit_read(&buf, packs, &id), 0);
	ck_assert_str_eq(buf.info.encoding, "UTF-8");
	ck_assert_str_eq(buf.info.message, "feat: x\n");
	ck_assert_int_eq(buf.info.time, 2);
	fg_commit_buf_release(&buf);
	fg_packs_free(packs);
	fg_test_repo_release(&r);
}
END_TEST

/* fg_tree_tops: the entries by name, modes as git_tree_entry_filemode shows them. */
START_TEST(test_tree_tops)
{
	struct fg_test_repo r;
	static const struct fg_test_file files[] = {
		{ "half_orm/version.txt", "0.16.0\n" }, { "setup.py", "x\n" }, { "z", "z\n" },
	};
	char *names[] = { "half_orm", "setup.py", "docs", "z" };
	struct fg_tree_top tops[4];
	struct fg_packs *packs = NULL;
	git_oid head, bad;
	git_commit *c = NULL;
	git_tree *tree = NULL;

	fg_test_repo_create(&r, "main", files, FG_COUNT(files));
	ck_assert_int_eq(fg_packs_new(&packs, r.repo), 0);
	ck_assert_int_eq(git_reference_name_to_id(&head, r.repo, "HEAD"), 0);
	ck_assert_int_eq(git_commit_lookup(&c, r.repo, &head), 0);
	ck_assert_int_eq(git_commit_tree(&tree, c), 0);
	ck_assert_int_eq(fg_tree_tops(r.repo, packs, git_tree_id(tree), names, 4, tops), 0);
	for (int k = 0; k < 4; k++) {
		const git_tree_entry *e = git_tree_entry_byname(tree, names[k]);

		if (!e) {
			ck_assert(git_oid_is_zero(&tops[k].id));
			ck_assert_uint_eq(tops[k].mode, 0);
		} else {
			ck_assert(git_oid_equal(&tops[k].id, git_tree_entry_id(e)));
			ck_assert_uint_eq(tops[k].mode, git_tree_entry_filemode(e));
		}
	}
	/* a corrupt tree: libgit2's error */
	bad = write_object(r.repo, "100644 a", 8, GIT_OBJECT_TREE);
	ck_assert_int_lt(fg_tree_tops(r.repo, packs, &bad, names, 4, tops), 0);
	ck_assert_ptr_nonnull(strstr(git_error_last()->message, "failed to parse tree"));
	git_tree_free(tree);
	git_commit_free(c);
	fg_packs_free(packs);
	fg_test_repo_release(&r);
}
END_TEST

Suite *objects_suite(void)
{
	Suite *s = suite_create("objects");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_commit_read_as_libgit2, 0, (int)FG_COUNT(raw_commits));
	tcase_add_test(tc, test_commit_read_last_encoding);
	tcase_add_test(tc, test_tree_tops);
	suite_add_tcase(s, tc);
	return s;
}
