/*
 * Tests of packs.c, the pack reader: every object of repositories git
 * made, in each way git stores them (OFS_DELTA and REF_DELTA packs, long
 * delta chains, 64-bit offsets, several packs, alternates, the object
 * directories of the environment; a version 1 pack index and loose
 * objects, which go to libgit2), compared with `git cat-file --batch`;
 * then damaged packs and indexes, which read as libgit2 reads them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "fixtures_sh.h"
#include "packs.h"
#include "report.h"

/*
 * A history whose objects are deltas of each other: a list that grows, a
 * version file and a file two trees down changed in each commit; a text
 * of ~2 MB (its deflated data spans several of the reader's windows), then
 * a line added to it (a delta copying 64 KiB at a time); an empty file;
 * an annotated tag.
 */
static const char make_repo[] =
	"set -e; exec >/dev/null 2>&1; git init -q -b main .; "
	"for i in $(seq 1 30); do seq 1 $((i * 40)) >list.txt; echo \"v$i\" >version.txt; "
	"  mkdir -p d/e; echo \"$i\" >d/e/f.txt; git add -A; git commit -q -m \"feat: change $i\"; "
	"done; "
	"seq 1 300000 >big.txt; git add big.txt; git commit -q -m 'feat: big'; "
	"echo end >>big.txt; : >empty; git add -A; git commit -q -m 'feat: big, empty'; "
	"git tag -a v1.0.0 -m 'release: v1.0.0'; ";

/* The ways the objects are stored, each a command run after make_repo. */
static const struct {
	const char *name, *how;
	int packed; /* 1: every object read from the packs; 0: every one by libgit2 */
} stores[] = {
	{ "OFS_DELTA", "git repack -adfq", 1 },
	{ "REF_DELTA", "git -c repack.useDeltaBaseOffset=false repack -adfq", 1 },
	{ "long chains", "git repack -adfq --depth=250 --window=250", 1 },
	{ "64-bit offsets",
	  "git repack -adfq; for p in .git/objects/pack/*.pack; do "
	  "git index-pack --index-version=2,0x20 -o new.idx \"$p\"; mv -f new.idx \"${p%.pack}.idx\"; done",
	  1 },
	{ "two packs",
	  "git repack -adq; echo more >>list.txt; git commit -qam 'fix: more'; git repack -dq", 1 },
	{ "pack index v1", "git -c pack.indexVersion=1 repack -adfq", 0 },
	{ "loose", ":", 0 },
	{ "a damaged index beside loose objects",
	  "printf 'not an index' >.git/objects/pack/pack-0000000000000000000000000000000000000000.idx; "
	  ": >.git/objects/pack/pack-0000000000000000000000000000000000000000.pack",
	  0 },
};

/* One object of `git cat-file --batch` output: at *AT, moved past it. */
struct object {
	git_oid id;
	char type[8];
	const char *data;
	size_t len;
};

static int next_object(const char **at, const char *end, struct object *o)
{
	char hex[GIT_OID_HEXSZ + 1];
	unsigned long long len;
	const char *nl;

	if (*at >= end)
		return 0;
	ck_assert_ptr_nonnull(nl = memchr(*at, '\n', (size_t)(end - *at)));
	ck_assert_int_eq(sscanf(*at, "%40s %7s %llu", hex, o->type, &len), 3);
	ck_assert_int_eq(git_oid_fromstr(&o->id, hex), 0);
	o->data = nl + 1;
	o->len = (size_t)len;
	ck_assert(o->data + o->len + 1 <= end);
	*at = o->data + o->len + 1; /* the newline after the content */
	return 1;
}

/*
 * Every object in DIR's repository read with a reader and compared with
 * git's; returns how many, and the reader's counts in *STATS.
 */
static size_t compare_all(const char *dir, struct fg_packs_stats *stats)
{
	git_repository *repo = NULL;
	struct fg_packs *p = NULL;
	size_t len, n = 0;
	char *out = fg_test_sh_output(dir, "git cat-file --batch-all-objects --batch", &len);
	const char *at = out;
	struct object o;

	ck_assert_int_eq(git_repository_open(&repo, dir), 0);
	ck_assert_int_eq(fg_packs_new(&p, repo), 0);
	/* twice: the second time, some from the cache */
	for (int round = 0; round < 2; round++, at = out)
		while (next_object(&at, out + len, &o)) {
			git_object_t type;
			const char *data;
			size_t dlen;

			ck_assert_int_eq(fg_packs_read(p, &o.id, &type, &data, &dlen), 0);
			ck_assert_str_eq(git_object_type2string(type), o.type);
			ck_assert_uint_eq(dlen, o.len);
			ck_assert(memcmp(data, o.data, dlen) == 0);
			ck_assert_int_eq(data[dlen], '\0');
			n += round == 0;
		}
	*stats = fg_packs_stats(p);
	fg_packs_free(p);
	git_repository_free(repo);
	free(out);
	return n;
}

/* Every object, in each way git stores it, reads as git cat-file shows it. */
START_TEST(test_every_object_as_git)
{
	char *dir = fg_test_mkdtemp();
	struct fg_packs_stats st;
	size_t n;

	fg_test_sh(dir, "%s", make_repo);
	fg_test_sh(dir, "set -e; { %s; } >/dev/null 2>&1", stores[_i].how);
	n = compare_all(dir, &st);
	ck_assert_uint_gt(n, 90);
	if (stores[_i].packed) {
		ck_assert_msg(st.packed == 2 * n && st.fallback == 0,
			      "%s: %zu objects, %zu read from packs, %zu by libgit2", stores[_i].name, n,
			      st.packed, st.fallback);
		ck_assert_uint_gt(st.deltas, 0);
		ck_assert_uint_gt(st.cached, 0);
		ck_assert_uint_gt(st.windows, 1); /* the large text spans windows */
	} else {
		ck_assert_msg(st.packed == 0 && st.fallback == 2 * n, "%s: %zu packed, %zu by libgit2",
			      stores[_i].name, st.packed, st.fallback);
	}
	fg_test_rmtree(dir);
}
END_TEST

/*
 * The object directories git reads besides the repository's: those of
 * objects/info/alternates (a clone --shared), and GIT_OBJECT_DIRECTORY and
 * GIT_ALTERNATE_OBJECT_DIRECTORIES as git sets them for a pre-receive hook
 * (the pushed objects in a quarantine directory).
 */
START_TEST(test_object_directories)
{
	char *dir = fg_test_mkdtemp(), *path;
	struct fg_packs_stats st;
	size_t n;

	fg_test_sh(dir, "mkdir src && cd src && { %s } && git repack -adfq && cd .. && "
		   "git clone -q --shared src shared && git init -q --bare empty.git && "
		   "mkdir -p quarantine/pack && cp src/.git/objects/pack/* quarantine/pack/",
		   make_repo);
	path = fg_strdupf("%s/shared", dir);
	n = compare_all(path, &st);
	ck_assert_uint_eq(st.packed, 2 * n);
	ck_assert_uint_eq(st.fallback, 0);
	free(path);

	/* the quarantine: the objects only there */
	path = fg_strdupf("%s/quarantine", dir);
	setenv("GIT_OBJECT_DIRECTORY", path, 1);
	free(path);
	path = fg_strdupf("%s/empty.git", dir);
	{
		git_repository *repo = NULL;
		struct fg_packs *p = NULL;
		git_oid id;
		git_object_t type;
		const char *data;
		size_t len;
		char *hex = fg_test_sh_output(dir, "git -C src rev-parse v1.0.0", &len);

		ck_assert_int_eq(git_oid_fromstrn(&id, hex, GIT_OID_HEXSZ), 0);
		free(hex);
		ck_assert_int_eq(git_repository_open(&repo, path), 0);
		ck_assert_int_eq(fg_packs_new(&p, repo), 0);
		ck_assert_int_eq(fg_packs_read(p, &id, &type, &data, &len), 0);
		ck_assert_int_eq(type, GIT_OBJECT_TAG);
		ck_assert_ptr_nonnull(strstr(data, "release: v1.0.0"));
		ck_assert_uint_eq(fg_packs_stats(p).packed, 1);
		fg_packs_free(p);
		unsetenv("GIT_OBJECT_DIRECTORY");

		/* the same objects as alternates of the environment */
		free(path);
		path = fg_strdupf("%s/quarantine", dir);
		setenv("GIT_ALTERNATE_OBJECT_DIRECTORIES", path, 1);
		ck_assert_int_eq(fg_packs_new(&p, repo), 0);
		ck_assert_int_eq(fg_packs_read(p, &id, &type, &data, &len), 0);
		ck_assert_int_eq(type, GIT_OBJECT_TAG);
		ck_assert_uint_eq(fg_packs_stats(p).packed, 1);
		fg_packs_free(p);
		unsetenv("GIT_ALTERNATE_OBJECT_DIRECTORIES");

		/* without them: not there */
		ck_assert_int_eq(fg_packs_new(&p, repo), 0);
		ck_assert_int_eq(fg_packs_read(p, &id, &type, &data, &len), GIT_ENOTFOUND);
		fg_packs_free(p);
		git_repository_free(repo);
	}
	free(path);
	fg_test_rmtree(dir);
}
END_TEST

/*
 * A pack whose deflated data is damaged: the reader gives what libgit2's
 * git_odb_read gives for each object (the damaged one: an error; the
 * others: their content), and a missing object is GIT_ENOTFOUND.
 */
START_TEST(test_damaged_pack_as_libgit2)
{
	char *dir = fg_test_mkdtemp();
	git_repository *repo = NULL;
	struct fg_packs *p = NULL;
	git_odb *odb = NULL;
	size_t len, failed = 0;
	char *out;
	const char *at;
	struct object o;
	git_oid missing;

	fg_test_sh(dir, "%s", make_repo);
	/* the blob of big.txt, stored whole: bytes in the middle of its data overwritten */
	fg_test_sh(dir, "set -e; exec >/dev/null 2>&1; git repack -adfq --depth=0; "
		   "p=$(ls .git/objects/pack/*.pack); b=$(git rev-parse HEAD~1:big.txt); "
		   "off=$(git show-index <\"${p%%.pack}.idx\" | awk -v b=$b '$2 == b { print $1 }'); "
		   "chmod u+w \"$p\"; printf 'XXXXXXXX' | "
		   "dd of=\"$p\" bs=1 seek=$((off + 5000)) conv=notrunc");
	out = fg_test_sh_output(dir, "git cat-file --batch-all-objects --batch-check", &len);
	ck_assert_int_eq(git_repository_open(&repo, dir), 0);
	ck_assert_int_eq(git_repository_odb(&odb, repo), 0);
	ck_assert_int_eq(fg_packs_new(&p, repo), 0);
	for (at = out; at < out + len; at = strchr(at, '\n') + 1) {
		git_odb_object *obj = NULL;
		git_object_t type;
		const char *data;
		size_t dlen;
		int want, got;

		ck_assert_int_eq(git_oid_fromstrn(&o.id, at, GIT_OID_HEXSZ), 0);
		want = git_odb_read(&obj, odb, &o.id);
		got = fg_packs_read(p, &o.id, &type, &data, &dlen);
		ck_assert_int_eq(got, want);
		if (want == 0) {
			ck_assert_int_eq(type, git_odb_object_type(obj));
			ck_assert_uint_eq(dlen, git_odb_object_size(obj));
			ck_assert(memcmp(data, git_odb_object_data(obj), dlen) == 0);
		} else {
			failed++;
		}
		git_odb_object_free(obj);
	}
	ck_assert_uint_ge(failed, 1); /* the damaged blob, and the one made from it */
	ck_assert_uint_ge(fg_packs_stats(p).fallback, failed);
	memset(&missing, 0x42, sizeof(missing));
	{
		git_object_t type;
		const char *data;
		size_t dlen;

		ck_assert_int_eq(fg_packs_read(p, &missing, &type, &data, &dlen), GIT_ENOTFOUND);
	}
	fg_packs_free(p);
	git_odb_free(odb);
	git_repository_free(repo);
	free(out);
	fg_test_rmtree(dir);
}
END_TEST

Suite *packs_suite(void)
{
	Suite *s = suite_create("packs");
	TCase *tc = tcase_create("packs");

	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, fg_test_git_env_save, fg_test_git_env_restore);
	tcase_add_loop_test(tc, test_every_object_as_git, 0, (int)FG_COUNT(stores));
	tcase_add_test(tc, test_object_directories);
	tcase_add_test(tc, test_damaged_pack_as_libgit2);
	suite_add_tcase(s, tc);
	return s;
}
