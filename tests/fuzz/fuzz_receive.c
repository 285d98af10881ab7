/*
 * libFuzzer target: pre-receive's judgement of ref updates
 * (fg_check_receive) against a small fixed bare repository, built once with
 * libgit2 in a temporary directory: branches and annotated and lightweight
 * tags, tags of blobs, trees and tags, merges, version files that agree and
 * disagree, committed .flowgate files, and objects that are referenced but
 * missing. The input is a sequence of updates, each three bytes choosing
 * the old OID, the new OID and the refname from the tables below (or a
 * refname read from the input: see decode).
 * Besides the sanitizers, it asserts the contracts a server relies on: a
 * valid status, nothing let through that is not here, no ref and no object
 * written, a message for every violation, and (FUZZ_RECEIVE_STRICT) the
 * refusals issue 17 asks for.
 */
#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sanitizer/lsan_interface.h>
#include "fuzz.h"
#include "hook.h"
#include "repo.h"
#include "report.h"
#include "version.h"

/*
 * The refusals of issue 17, one macro each; FUZZ_RECEIVE_STRICT (default 1)
 * sets them all. tests/fuzz/fuzz.mk turns off (-D...=0) those the code does
 * not meet yet.
 *   CASE1: an update (not a deletion) of a ref outside refs/heads/ and refs/tags/ is refused
 *     (the repository sets no flowgate.allowRefs);
 *   CASE1_SMUGGLED: a branch or tag update (its old OID the ref's real
 *     value) whose new commit is, or descends from, a commit that only
 *     refs/custom/x holds (a bad header) is refused: the commit was never
 *     judged;
 *   CASE2: an update creating refs/tags/v<SemVer> whose new object does not
 *     peel to a commit is refused;
 *   CASE5: a branch or tag update whose new commit's tree lacks a version
 *     file's blob (or tree) in the object store is refused.
 */
#ifndef FUZZ_RECEIVE_STRICT
#define FUZZ_RECEIVE_STRICT 1
#endif
#ifndef FUZZ_RECEIVE_STRICT_CASE1
#define FUZZ_RECEIVE_STRICT_CASE1 FUZZ_RECEIVE_STRICT
#endif
#ifndef FUZZ_RECEIVE_STRICT_CASE1_SMUGGLED
#define FUZZ_RECEIVE_STRICT_CASE1_SMUGGLED FUZZ_RECEIVE_STRICT
#endif
#ifndef FUZZ_RECEIVE_STRICT_CASE2
#define FUZZ_RECEIVE_STRICT_CASE2 FUZZ_RECEIVE_STRICT
#endif
#ifndef FUZZ_RECEIVE_STRICT_CASE5
#define FUZZ_RECEIVE_STRICT_CASE5 FUZZ_RECEIVE_STRICT
#endif

extern char **environ;

/*
 * The OID table, in the order input bytes select it (the seeds in
 * tests/fuzz/seeds/receive/ depend on it: append, do not reorder).
 * ABSENT_*: named by objects here but never written (or named by nothing);
 * C_*: commits some ref of the repository holds; N_*: commits no ref
 * holds, as a push's objects are in git's quarantine; TG_*: annotated tags.
 */
#define OIDS(X)                                                                          \
	X(ZERO) X(ABSENT_BLOB) X(ABSENT_TREE) X(ABSENT_COMMIT) X(ABSENT_1) X(ABSENT_2)   \
	X(B_README) X(B_V160) X(T160) X(T_MISS_SUB)                                      \
	X(C1) X(C_REL16) X(C_DEV) X(C_FEAT) X(C_WIP) X(C_DEVMERGE) X(C_HOT)             \
	X(C_SMUGGLED) X(C_NOTES)                                                         \
	X(N_GOOD) X(N_BAD) X(N_BADHDR) X(N_LONG) X(N_FOOTER) X(N_LATIN1) X(N_MERGE)      \
	X(N_INCONS) X(N_REGRESS) X(N_BADFMT) X(N_LOOSE) X(N_LOOSE_BAD) X(N_BADCFG)       \
	X(N_INCLUDE) X(N_SINCE) X(N_REL17) X(N_RC1) X(N_MAIN_FF) X(N_MAIN_REWRITE)       \
	X(N_HOTFIX) X(N_HOTFIX_FEAT) X(N_ROOT) X(N_MISSTREE) X(N_MISSPARENT)             \
	X(N_MISSBLOB) X(N_MISSSUB) X(N_MISSCFG) X(N_CHILD_MISSBLOB)                      \
	X(TG_V160) X(TG_V160RC1) X(TG_V170) X(TG_BLOB) X(TG_TREE) X(TG_TAGTAG)          \
	X(TG_TAGBLOB) X(TG_MISSING) X(TG_BADMSG) X(TG_MISSBLOB) X(TG_LYING)             \
	X(TG_RC1)
#define OID_ENUM(n) O_##n,
#define OID_ENTRY(n) { #n, { { 0 } }, 0 },
enum { OIDS(OID_ENUM) O__COUNT };

/* What an OID of the table is, found once the repository is built. */
#define F_ABSENT 1u    /* not in the object store (the zero OID is not) */
#define F_COMMIT 2u    /* peels to a commit */
#define F_VMISSING 4u  /* peels to a commit whose tree, or a version file's blob, is absent */
#define F_SMUGGLED 8u  /* peels to C_SMUGGLED or a descendant */
#define F_BROKEN 16u   /* peels to a commit whose history misses a commit */

static struct {
	const char *name;
	git_oid id;
	unsigned flags;
} oids[O__COUNT] = { OIDS(OID_ENTRY) };

/* The refname table (append only, as OIDS). */
static const char *const refnames[] = {
	"refs/heads/main", "refs/heads/dev/0.17.x", "refs/heads/release/0.16.x",
	"refs/heads/hotfix/x", "refs/heads/feature/x",
	/* a bad branch name as pre-receive's input can carry one (no space:
	 * fg_parse_updates splits a line there) */
	"refs/heads/Bad_Name..lock",
	"refs/tags/v0.16.0", "refs/tags/v0.17.0", "refs/tags/notes", "refs/custom/x",
	"refs/for/main", "refs/notes/commits", "refs/pull/1/head",
	"refs/heads/release/0.17.x", "refs/heads/feature/y", "refs/tags/v0.16.1",
	"refs/tags/v0.17.0-rc1", "refs/remotes/origin/main", "refs/heads/docs/x",
	"refs/tags/v0.16.0-rc1", "refs/heads/", "HEAD", "refs/heads/master",
};
#define NREFNAMES (sizeof(refnames) / sizeof(refnames[0]))

/* The prefixes a raw refname from the input is read after (decode). */
static const char *const raw_prefixes[] = { "", "refs/heads/", "refs/tags/", "refs/tags/v0." };
#define NRAW (sizeof(raw_prefixes) / sizeof(raw_prefixes[0]))

#define MAX_UPDATES 16
#define MAX_RAW 255

static char *tmpdir, *gitdir;
static git_repository *repo;
static char *refs_before, *objects_before; /* the snapshots every input is compared with */
static int verbose;

/* --- the repository -------------------------------------------------- */

static git_odb *odb; /* while the repository is built and classified */

static git_oid put(git_object_t type, const void *data, size_t len)
{
	git_oid id;

	FUZZ_ASSERT(git_odb_write(&id, odb, data, len, type) == 0, "cannot write an object: %s",
		    fg_git_error());
	return id;
}

static git_oid put_blob(const char *text)
{
	return put(GIT_OBJECT_BLOB, text, strlen(text));
}

/* An OID of TYPE that nothing writes: the hash of TEXT. */
static git_oid absent(git_object_t type, const char *text)
{
	git_oid id;

	FUZZ_ASSERT(git_odb_hash(&id, text, strlen(text), type) == 0, "git_odb_hash failed");
	return id;
}

struct entry {
	const char *name;
	const git_oid *id; /* NULL: no such entry */
	int dir;
};

/* git's tree order: a directory's name compares as if it ended in '/'. */
static int entry_cmp(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	size_t la = strlen(a->name), lb = strlen(b->name), n = la < lb ? la : lb;
	int c = memcmp(a->name, b->name, n);
	unsigned char ca, cb;

	if (c)
		return c;
	ca = la > n ? (unsigned char)a->name[n] : a->dir ? '/' : '\0';
	cb = lb > n ? (unsigned char)b->name[n] : b->dir ? '/' : '\0';
	return (int)ca - (int)cb;
}

/* A tree of the N entries E (those without an OID left out), written raw. */
static git_oid put_tree(struct entry *e, size_t n)
{
	char buf[1024];
	size_t len = 0;

	qsort(e, n, sizeof(*e), entry_cmp);
	for (size_t i = 0; i < n; i++) {
		size_t name = strlen(e[i].name);

		if (!e[i].id)
			continue;
		FUZZ_ASSERT(len + name + 8 + GIT_OID_RAWSZ <= sizeof(buf), "tree too big");
		len += (size_t)sprintf(buf + len, "%s %s", e[i].dir ? "40000" : "100644", e[i].name);
		buf[len++] = '\0';
		memcpy(buf + len, e[i].id->id, GIT_OID_RAWSZ);
		len += GIT_OID_RAWSZ;
	}
	return put(GIT_OBJECT_TREE, buf, len);
}

/*
 * The root tree of halfORM's version files, each given by its blob (NULL:
 * absent): half_orm/version.txt, setup.py, docs/index.md, and .flowgate.
 */
static git_oid version_tree(const git_oid *version, const git_oid *setup, const git_oid *docs,
			    const git_oid *flowgate)
{
	git_oid half_orm, docs_dir, readme = put_blob("halfORM\n");
	struct entry sub[1] = { { "version.txt", version, 0 } };
	struct entry dsub[1] = { { "index.md", docs, 0 } };
	struct entry root[5] = {
		{ "README", &readme, 0 },
		{ "half_orm", version ? &half_orm : NULL, 1 },
		{ "setup.py", setup, 0 },
		{ "docs", docs ? &docs_dir : NULL, 1 },
		{ ".flowgate", flowgate, 0 },
	};

	if (version)
		half_orm = put_tree(sub, 1);
	if (docs)
		docs_dir = put_tree(dsub, 1);
	return put_tree(root, 5);
}

/* The three version files of VERSION (docs/index.md: its X.Y series). */
static git_oid versions_at(const char *version, const char *series, const git_oid *flowgate)
{
	char text[256];
	git_oid v, s, d;

	snprintf(text, sizeof(text), "%s\n", version);
	v = put_blob(text);
	snprintf(text, sizeof(text), "from setuptools import setup\n\nsetup(\n    name='half_orm',\n"
		 "    version='%s',\n)\n", version);
	s = put_blob(text);
	snprintf(text, sizeof(text), "# halfORM\n\nThis documentation covers halfORM **%s**.\n",
		 series);
	d = put_blob(text);
	return version_tree(&v, &s, &d, flowgate);
}

/* A commit of TREE with parents P1 and P2 (each may be NULL), a minute after the last. */
static git_oid put_commit(const git_oid *tree, const git_oid *p1, const git_oid *p2,
			  const char *message)
{
	static long when = 1700000000;
	char buf[2048], hex[3][GIT_OID_HEXSZ + 1];
	int len;

	git_oid_tostr(hex[0], sizeof(hex[0]), tree);
	if (p1)
		git_oid_tostr(hex[1], sizeof(hex[1]), p1);
	if (p2)
		git_oid_tostr(hex[2], sizeof(hex[2]), p2);
	when += 60;
	len = snprintf(buf, sizeof(buf),
		       "tree %s\n%s%s%s%s%s%s"
		       "author Ann Author <ann@example.org> %ld +0000\n"
		       "committer Ann Author <ann@example.org> %ld +0000\n\n%s\n",
		       hex[0], p1 ? "parent " : "", p1 ? hex[1] : "", p1 ? "\n" : "",
		       p2 ? "parent " : "", p2 ? hex[2] : "", p2 ? "\n" : "", when, when, message);
	FUZZ_ASSERT(len > 0 && (size_t)len < sizeof(buf), "commit too big");
	return put(GIT_OBJECT_COMMIT, buf, (size_t)len);
}

/* An annotated tag NAME of TARGET, which its header says is a TYPE. */
static git_oid put_tag(const git_oid *target, const char *type, const char *name,
		       const char *message)
{
	char buf[1024], hex[GIT_OID_HEXSZ + 1];
	int len;

	git_oid_tostr(hex, sizeof(hex), target);
	len = snprintf(buf, sizeof(buf), "object %s\ntype %s\ntag %s\n"
		       "tagger Tom Tagger <tom@example.org> 1700100000 +0000\n\n%s\n",
		       hex, type, name, message);
	FUZZ_ASSERT(len > 0 && (size_t)len < sizeof(buf), "tag too big");
	return put(GIT_OBJECT_TAG, buf, (size_t)len);
}

static void set_ref(const char *name, int index)
{
	git_reference *ref = NULL;

	FUZZ_ASSERT(git_reference_create(&ref, repo, name, &oids[index].id, 0, NULL) == 0,
		    "cannot create %s: %s", name, fg_git_error());
	git_reference_free(ref);
}

#define O(n) (&oids[O_##n].id)

static void build_objects(void)
{
	git_oid b_v160 = put_blob("0.16.0\n"), b_loose, b_badcfg, b_include, b_since, t170dev,
		t161, b_v170dev, b_setup170dev, b_docs017, b_vbad;
	struct entry miss_sub[3];

	oids[O_ABSENT_BLOB].id = absent(GIT_OBJECT_BLOB, "0.17.0-dev\n(never written)\n");
	/* not the empty tree's: libgit2 knows that one without reading it */
	oids[O_ABSENT_TREE].id = absent(GIT_OBJECT_TREE, "(never written)");
	oids[O_ABSENT_COMMIT].id = absent(GIT_OBJECT_COMMIT, "never written\n");
	git_oid_fromstr(O(ABSENT_1), "1111111111111111111111111111111111111111");
	git_oid_fromstr(O(ABSENT_2), "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef");
	oids[O_B_README].id = put_blob("halfORM\n");
	oids[O_B_V160].id = b_v160;
	oids[O_T160].id = versions_at("0.16.0", "0.16.x", NULL);

	b_loose = put_blob("[rule \"headerFormat\"]\n\tseverity = off\n"
			   "[rule \"typeEnum\"]\n\tseverity = off\n"
			   "[rule \"tagMoved\"]\n\tseverity = off\n"
			   "[rule \"branchProtected\"]\n\tseverity = off\n"
			   "[rule \"versionConsistency\"]\n\tseverity = warn\n"
			   "[tag]\n\tallowLightweight = true\n");
	b_badcfg = put_blob("[nonsense]\n\tkey = 1\n");
	b_include = put_blob("[include]\n\tpath = /etc/gitconfig\n");
	b_since = put_blob("[flowgate]\n\tsince = v0.16.0\n");
	b_v170dev = put_blob("0.17.0-dev\n");
	b_setup170dev = put_blob("setup(name='half_orm', version='0.17.0-dev')\n");
	b_docs017 = put_blob("This documentation covers halfORM **0.17.x**.\n");
	b_vbad = put_blob("0.17\n");
	t170dev = versions_at("0.17.0-dev", "0.17.x", NULL);
	t161 = versions_at("0.16.1", "0.16.x", NULL);

	/* half_orm/ itself absent */
	miss_sub[0] = (struct entry){ "README", O(B_README), 0 };
	miss_sub[1] = (struct entry){ "half_orm", O(ABSENT_TREE), 1 };
	miss_sub[2] = (struct entry){ "setup.py", &b_setup170dev, 0 };
	oids[O_T_MISS_SUB].id = put_tree(miss_sub, 3);

	/* the repository's history: main and release/0.16.x at 0.16.0, dev/0.17.x after */
	oids[O_C1].id = put_commit(O(T160), NULL, NULL, "feat: initial import");
	oids[O_C_REL16].id = put_commit(O(T160), O(C1), NULL, "release: 0.16.0");
	oids[O_C_DEV].id = put_commit(&t170dev, O(C_REL16), NULL, "chore: open the 0.17.x series");
	oids[O_C_FEAT].id = put_commit(&t170dev, O(C_DEV), NULL, "feat(core): add the feature");
	oids[O_C_WIP].id = put_commit(&t170dev, O(C_FEAT), NULL, "WIP lol");
	oids[O_C_DEVMERGE].id = put_commit(&t170dev, O(C_DEV), O(C_FEAT),
					   "Merge branch 'feature/x' into dev/0.17.x");
	oids[O_C_HOT].id = put_commit(&t161, O(C_REL16), NULL, "fix: close the pool on error");
	/* held by refs/custom/x only: never judged (issue 17, case 1) */
	oids[O_C_SMUGGLED].id = put_commit(O(T160), O(C_REL16), NULL, "WIP smuggled");
	{
		struct entry note[1] = { { "README", O(B_README), 0 } };
		git_oid notes_tree = put_tree(note, 1);

		oids[O_C_NOTES].id = put_commit(&notes_tree, NULL, NULL,
						"Notes added by 'git notes add'");
	}

	/* what a push brings: in the object store, no ref to them */
	oids[O_N_GOOD].id = put_commit(&t170dev, O(C_DEVMERGE), NULL,
				       "feat(core): add the good feature\n\nWith a body.");
	oids[O_N_BAD].id = put_commit(&t170dev, O(C_DEVMERGE), NULL, "WIP lol");
	oids[O_N_BADHDR].id = put_commit(&t170dev, O(N_GOOD), NULL, "Feat(Core): Capital letters.");
	oids[O_N_LONG].id = put_commit(&t170dev, O(N_GOOD), NULL,
				       "feat: a header that goes on and on well past the seventy-two "
				       "characters allowed\nno blank line before this body line, which "
				       "is itself longer than the hundred characters a body line may "
				       "have, by a good margin");
	oids[O_N_FOOTER].id = put_commit(&t170dev, O(N_GOOD), NULL,
					 "fix: handle the pool\n\nBody.\n\nBreaking change: y\nRefs:");
	oids[O_N_LATIN1].id = put_commit(&t170dev, O(N_GOOD), NULL, "feat: caf\xe9 au lait");
	oids[O_N_MERGE].id = put_commit(&t170dev, O(N_GOOD), O(N_BAD),
					"Merge branch 'feature/y' into dev/0.17.x");
	{
		git_oid s160 = put_blob("setup(name='half_orm', version='0.16.0')\n");
		git_oid t = version_tree(&b_v170dev, &s160, &b_docs017, NULL);

		oids[O_N_INCONS].id = put_commit(&t, O(C_DEVMERGE), NULL,
						 "fix: versions that disagree");
	}
	{
		git_oid t = versions_at("0.15.0", "0.15.x", NULL);

		oids[O_N_REGRESS].id = put_commit(&t, O(C_DEVMERGE), NULL,
						  "chore: go back to 0.15.0");
	}
	{
		git_oid t = version_tree(&b_vbad, NULL, NULL, NULL);

		oids[O_N_BADFMT].id = put_commit(&t, O(C_DEVMERGE), NULL, "chore: version 0.17");
	}
	{
		git_oid t = version_tree(&b_v170dev, &b_setup170dev, &b_docs017, &b_loose);

		oids[O_N_LOOSE].id = put_commit(&t, O(C_DEVMERGE), NULL, "chore: relax the rules");
		oids[O_N_LOOSE_BAD].id = put_commit(&t, O(N_LOOSE), NULL, "WIP after relaxing");
	}
	{
		git_oid t = version_tree(&b_v170dev, &b_setup170dev, &b_docs017, &b_badcfg);

		oids[O_N_BADCFG].id = put_commit(&t, O(C_DEVMERGE), NULL,
						 "chore: a broken configuration");
	}
	{
		git_oid t = version_tree(&b_v170dev, &b_setup170dev, &b_docs017, &b_include);

		oids[O_N_INCLUDE].id = put_commit(&t, O(C_DEVMERGE), NULL, "chore: include a file");
	}
	{
		git_oid t = version_tree(&b_v170dev, &b_setup170dev, &b_docs017, &b_since);

		oids[O_N_SINCE].id = put_commit(&t, O(C_DEVMERGE), NULL, "chore: check since v0.16.0");
	}
	{
		git_oid t = versions_at("0.17.0", "0.17.x", NULL);

		oids[O_N_REL17].id = put_commit(&t, O(N_GOOD), NULL, "release: 0.17.0");
	}
	{
		git_oid t = versions_at("0.17.0-rc1", "0.17.x", NULL);

		oids[O_N_RC1].id = put_commit(&t, O(N_GOOD), NULL, "chore: 0.17.0-rc1");
	}
	oids[O_N_MAIN_FF].id = put_commit(O(T160), O(C_REL16), NULL, "docs: a fast-forward of main");
	oids[O_N_MAIN_REWRITE].id = put_commit(O(T160), O(C1), NULL, "feat: rewrite main");
	oids[O_N_HOTFIX].id = put_commit(&t161, O(C_HOT), NULL, "fix: a second fix");
	oids[O_N_HOTFIX_FEAT].id = put_commit(&t161, O(C_HOT), NULL, "feat: a feature on a hotfix");
	{
		struct entry only[1] = { { "README", O(B_README), 0 } };
		git_oid t = put_tree(only, 1);

		oids[O_N_ROOT].id = put_commit(&t, NULL, NULL, "chore: an unrelated root");
	}
	/* missing objects: a tree, a parent, a version file's blob, its directory, .flowgate */
	oids[O_N_MISSTREE].id = put_commit(O(ABSENT_TREE), O(C_DEVMERGE), NULL,
					   "fix: a commit whose tree is missing");
	oids[O_N_MISSPARENT].id = put_commit(&t170dev, O(ABSENT_COMMIT), NULL,
					     "fix: a commit whose parent is missing");
	{
		git_oid t = version_tree(O(ABSENT_BLOB), &b_setup170dev, &b_docs017, NULL);

		oids[O_N_MISSBLOB].id = put_commit(&t, O(C_DEVMERGE), NULL,
						   "fix: version.txt's blob is missing");
	}
	oids[O_N_MISSSUB].id = put_commit(O(T_MISS_SUB), O(C_DEVMERGE), NULL,
					  "fix: half_orm/ is missing");
	{
		git_oid t = version_tree(&b_v170dev, &b_setup170dev, &b_docs017, O(ABSENT_BLOB));

		oids[O_N_MISSCFG].id = put_commit(&t, O(C_DEVMERGE), NULL,
						  "fix: .flowgate's blob is missing");
	}
	oids[O_N_CHILD_MISSBLOB].id = put_commit(&t170dev, O(N_MISSBLOB), NULL,
						 "fix: a child of the missing blob");

	/* annotated tags */
	oids[O_TG_V160].id = put_tag(O(C_REL16), "commit", "v0.16.0", "release: v0.16.0");
	oids[O_TG_V160RC1].id = put_tag(O(C1), "commit", "v0.16.0-rc1", "release: v0.16.0-rc1");
	oids[O_TG_V170].id = put_tag(O(N_REL17), "commit", "v0.17.0", "release: v0.17.0");
	oids[O_TG_BLOB].id = put_tag(O(B_V160), "blob", "v0.17.0", "release: v0.17.0");
	oids[O_TG_TREE].id = put_tag(O(T160), "tree", "v0.17.0", "release: v0.17.0");
	oids[O_TG_TAGTAG].id = put_tag(O(TG_V170), "tag", "v0.17.0", "release: v0.17.0");
	oids[O_TG_TAGBLOB].id = put_tag(O(TG_BLOB), "tag", "v0.17.0", "release: v0.17.0");
	oids[O_TG_MISSING].id = put_tag(O(ABSENT_COMMIT), "commit", "v0.17.0", "release: v0.17.0");
	oids[O_TG_BADMSG].id = put_tag(O(N_REL17), "commit", "v0.17.0", "bump");
	oids[O_TG_MISSBLOB].id = put_tag(O(N_MISSBLOB), "commit", "v0.17.0", "release: v0.17.0");
	/* its header says commit; the object is a blob */
	oids[O_TG_LYING].id = put_tag(O(B_V160), "commit", "v0.17.0", "release: v0.17.0");
	oids[O_TG_RC1].id = put_tag(O(N_RC1), "commit", "v0.17.0-rc1", "release: v0.17.0-rc1");
}

/* The refs of the repository, before any push. */
static void build_refs(void)
{
	git_reference *head = NULL;

	set_ref("refs/heads/main", O_C_REL16);
	set_ref("refs/heads/release/0.16.x", O_C_REL16);
	set_ref("refs/heads/dev/0.17.x", O_C_DEVMERGE);
	set_ref("refs/heads/feature/x", O_C_WIP);
	set_ref("refs/heads/hotfix/x", O_C_HOT);
	set_ref("refs/tags/v0.16.0", O_TG_V160);
	set_ref("refs/tags/v0.16.0-rc1", O_TG_V160RC1);
	set_ref("refs/tags/notes", O_C1); /* lightweight */
	set_ref("refs/custom/x", O_C_SMUGGLED);
	set_ref("refs/notes/commits", O_C_NOTES);
	FUZZ_ASSERT(git_reference_symbolic_create(&head, repo, "HEAD", "refs/heads/main", 1,
						  NULL) == 0, "cannot set HEAD: %s", fg_git_error());
	git_reference_free(head);
}

/*
 * The walk from commit FROM: F_SMUGGLED when it meets C_SMUGGLED, F_BROKEN
 * when it meets a missing commit. Not git_graph_descendant_of: libgit2
 * 1.5.1 leaks when that meets a missing commit.
 */
static unsigned walk_flags(const git_oid *from)
{
	git_revwalk *walk = NULL;
	git_oid id;
	unsigned flags = 0;
	int rc = -1;

	if (git_revwalk_new(&walk, repo) == 0 && git_revwalk_push(walk, from) == 0)
		while ((rc = git_revwalk_next(&id, walk)) == 0)
			if (git_oid_equal(&id, O(C_SMUGGLED)))
				flags |= F_SMUGGLED;
	if (rc != GIT_ITEROVER)
		flags |= F_BROKEN;
	git_revwalk_free(walk);
	git_error_clear();
	return flags;
}

/* Each table OID's flags, read from the object store as the hook will. */
static void classify(void)
{
	for (int i = 0; i < O__COUNT; i++) {
		git_object *object = NULL, *peeled = NULL;
		git_tree *tree = NULL;
		unsigned flags = 0;

		if (git_oid_is_zero(&oids[i].id)) {
			oids[i].flags = 0;
			continue;
		}
		if (!git_odb_exists(odb, &oids[i].id))
			flags |= F_ABSENT;
		if (git_object_lookup(&object, repo, &oids[i].id, GIT_OBJECT_ANY) == 0 &&
		    git_object_peel(&peeled, object, GIT_OBJECT_COMMIT) == 0) {
			const git_oid *id = git_object_id(peeled);

			flags |= F_COMMIT;
			if (git_commit_tree(&tree, (git_commit *)peeled) < 0) {
				flags |= F_VMISSING;
			} else {
				for (size_t k = 0; k < fg_builtin_vfiles_count; k++) {
					git_tree_entry *e = NULL;
					int rc = git_tree_entry_bypath(&e, tree,
								       fg_builtin_vfiles[k].path);

					if ((rc < 0 && rc != GIT_ENOTFOUND) ||
					    (rc == 0 && !git_odb_exists(odb, git_tree_entry_id(e))))
						flags |= F_VMISSING;
					git_tree_entry_free(e);
				}
			}
			flags |= walk_flags(id);
		}
		git_tree_free(tree);
		git_object_free(peeled);
		git_object_free(object);
		git_error_clear();
		oids[i].flags = flags;
	}
}

/* --- snapshots ------------------------------------------------------- */

struct lines {
	char **v;
	size_t n, cap;
};

static void lines_add(struct lines *l, char *line)
{
	FUZZ_ASSERT(line, "out of memory");
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->v = realloc(l->v, l->cap * sizeof(*l->v));
		FUZZ_ASSERT(l->v, "out of memory");
	}
	l->v[l->n++] = line;
}

static char *read_text(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *text = NULL;
	size_t len = 0;

	if (f) {
		char buf[512];
		size_t got;

		while ((got = fread(buf, 1, sizeof(buf), f)) > 0) {
			text = realloc(text, len + got + 1);
			FUZZ_ASSERT(text, "out of memory");
			memcpy(text + len, buf, got);
			len += got;
		}
		fclose(f);
	}
	if (!text)
		text = calloc(1, 1);
	else
		text[len] = '\0';
	FUZZ_ASSERT(text, "out of memory");
	return text;
}

/* Each file under ROOT/REL, as "REL" or "REL: its content" (CONTENT). */
static void list_files(struct lines *out, const char *root, const char *rel, int content)
{
	char *path = fg_strdupf("%s/%s", root, rel);
	struct stat st;
	DIR *dir;
	struct dirent *d;

	FUZZ_ASSERT(path, "out of memory");
	if (lstat(path, &st) < 0) {
		free(path);
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		char *text = content ? read_text(path) : NULL;

		lines_add(out, fg_strdupf("%s%s%s", rel, content ? ": " : "", text ? text : ""));
		free(text);
		free(path);
		return;
	}
	dir = opendir(path);
	FUZZ_ASSERT(dir, "cannot list %s: %s", path, strerror(errno));
	while ((d = readdir(dir))) {
		char *sub;

		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
			continue;
		sub = fg_strdupf("%s/%s", rel, d->d_name);
		FUZZ_ASSERT(sub, "out of memory");
		list_files(out, root, sub, content);
		free(sub);
	}
	closedir(dir);
	free(path);
}

static int line_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted listing of the given paths of the repository, one line each. */
static char *snapshot(const char *const *paths, size_t n, int content)
{
	struct lines l = { NULL, 0, 0 };
	size_t len = 1;
	char *all, *p;

	for (size_t i = 0; i < n; i++)
		list_files(&l, gitdir, paths[i], content);
	qsort(l.v, l.n, sizeof(*l.v), line_cmp);
	for (size_t i = 0; i < l.n; i++)
		len += strlen(l.v[i]) + 1;
	p = all = malloc(len);
	FUZZ_ASSERT(all, "out of memory");
	for (size_t i = 0; i < l.n; i++) {
		p += sprintf(p, "%s\n", l.v[i]);
		free(l.v[i]);
	}
	*p = '\0';
	free(l.v);
	return all;
}

/* The ref files, byte for byte, and the names of the object files. */
static char *refs_snapshot(void)
{
	static const char *const paths[] = { "HEAD", "packed-refs", "refs", "logs" };

	return snapshot(paths, 4, 1);
}

static char *objects_snapshot(void)
{
	static const char *const paths[] = { "objects" };

	return snapshot(paths, 1, 0);
}

/* --- setting up ------------------------------------------------------ */

static void remove_all(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		DIR *dir = opendir(path);
		struct dirent *d;

		while (dir && (d = readdir(dir))) {
			char *sub;

			if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
				continue;
			if ((sub = fg_strdupf("%s/%s", path, d->d_name)))
				remove_all(sub);
			free(sub);
		}
		if (dir)
			closedir(dir);
		rmdir(path);
	} else {
		unlink(path);
	}
}

static void cleanup(void)
{
	git_repository_free(repo);
	repo = NULL;
	fg_git_shutdown();
	if (tmpdir)
		remove_all(tmpdir);
	free(tmpdir);
	free(gitdir);
	free(refs_before);
	free(objects_before);
}

/*
 * No configuration but the repository's own: no FLOWGATE_* or GIT_*
 * variable (git -c, FLOWGATE_SKIP, GIT_DIR...), and no system, global or
 * XDG git config (libgit2 is pointed at an empty directory for them).
 */
static void fix_configuration(const char *empty)
{
	struct lines names = { NULL, 0, 0 };
	static const int levels[] = { GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_GLOBAL,
				      GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_PROGRAMDATA };

	for (char **e = environ; *e; e++)
		if (!strncmp(*e, "FLOWGATE_", 9) || !strncmp(*e, "GIT_", 4))
			lines_add(&names, fg_strdupf("%.*s", (int)strcspn(*e, "="), *e));
	for (size_t i = 0; i < names.n; i++) {
		unsetenv(names.v[i]);
		free(names.v[i]);
	}
	free(names.v);
	for (size_t i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
		FUZZ_ASSERT(git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, levels[i], empty) == 0,
			    "cannot set libgit2's search path: %s", fg_git_error());
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	FUZZ_ASSERT(f && fputs(text, f) >= 0 && fclose(f) == 0, "cannot write %s", path);
}

static int judge(const struct fg_ref_update *updates, size_t count, int broken,
		 struct fg_report *out);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *env = getenv("TMPDIR");
	char *empty, *config;

	(void)argc;
	(void)argv;
	verbose = getenv("FUZZ_VERBOSE") && *getenv("FUZZ_VERBOSE");
	tmpdir = fg_strdupf("%s/flowgate-fuzz-receive-XXXXXX", env && *env ? env : "/tmp");
	FUZZ_ASSERT(tmpdir && mkdtemp(tmpdir), "cannot create a temporary directory: %s",
		    strerror(errno));
	atexit(cleanup);
	empty = fg_strdupf("%s/empty", tmpdir);
	gitdir = fg_strdupf("%s/repo.git", tmpdir);
	config = fg_strdupf("%s/config", gitdir ? gitdir : "");
	FUZZ_ASSERT(empty && gitdir && config && mkdir(empty, 0700) == 0, "cannot set up %s",
		    tmpdir);
	FUZZ_ASSERT(fg_git_init() >= 0, "fg_git_init failed: %s", fg_git_error());
	fix_configuration(empty);

	FUZZ_ASSERT(git_repository_init(&repo, gitdir, 1) == 0, "cannot create %s: %s", gitdir,
		    fg_git_error());
	FUZZ_ASSERT(git_repository_odb(&odb, repo) == 0, "no object store: %s", fg_git_error());
	build_objects();
	build_refs();
	git_odb_free(odb);
	git_repository_free(repo);
	/* a server's plain configuration: no flowgate.* key */
	write_file(config, "[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n"
		   "\tbare = true\n");
	/* as the hooks open it for a push: no object cache (hook.c, open_for_push) */
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
	FUZZ_ASSERT(git_repository_open_bare(&repo, gitdir) == 0, "cannot open %s: %s", gitdir,
		    fg_git_error());
	FUZZ_ASSERT(git_repository_odb(&odb, repo) == 0, "no object store: %s", fg_git_error());
	classify();
	git_odb_free(odb);
	odb = NULL;
	refs_before = refs_snapshot();
	objects_before = objects_snapshot();
	if (verbose) {
		fprintf(stderr, "fuzz receive: repository %s\n", gitdir);
		for (int i = 0; i < O__COUNT; i++) {
			char hex[GIT_OID_HEXSZ + 1];

			git_oid_tostr(hex, sizeof(hex), &oids[i].id);
			fprintf(stderr, "  oid %2d %-16s %s flags %u\n", i, oids[i].name, hex,
				oids[i].flags);
		}
		for (size_t i = 0; i < NREFNAMES; i++)
			fprintf(stderr, "  ref %2zu %s\n", i, refnames[i]);
	}
	{
		/* read once what libgit2 keeps (the configuration, the refs) */
		struct fg_ref_update warm = { "refs/heads/dev/0.17.x", "refs/heads/dev/0.17.x",
					      oids[O_N_GOOD].id, oids[O_C_DEVMERGE].id };
		struct fg_report report;

		judge(&warm, 1, 0, &report);
		fg_report_release(&report);
	}
	free(empty);
	free(config);
	return 0;
}

/* --- one input ------------------------------------------------------- */

/*
 * The judgement of COUNT UPDATES as pre-receive makes it, its output
 * discarded (FUZZ_VERBOSE: shown); *OUT the report (the caller releases it).
 * BROKEN: an update's history misses a commit, where libgit2 1.5.1's
 * revwalk leaks (limit_list returns on the error without freeing its
 * commit lists; still so in libgit2's main branch): LeakSanitizer then
 * ignores what the judgement allocates (its reports would have no usable
 * stack to suppress by: libgit2 has no frame pointers for the fast unwinder).
 */
static int judge(const struct fg_ref_update *updates, size_t count, int broken,
		 struct fg_report *out)
{
	struct fg_hook_ctx ctx;
	FILE *saved = stderr;
	int status;

	memset(&ctx, 0, sizeof(ctx));
	ctx.hook = "pre-receive";
	ctx.argc = 1;
	fg_report_init(&ctx.report);
	if (!verbose)
		stderr = fuzz_devnull(); /* the hooks' fprintf(stderr); sanitizers write fd 2 */
	if (broken)
		__lsan_disable();
	status = fg_check_receive(&ctx, repo, updates, count);
	if (broken)
		__lsan_enable();
	stderr = saved;
	if (verbose) {
		fg_report_print(&ctx.report, stderr, "pre-receive", 0, 0);
		fprintf(stderr, "fuzz receive: status %d\n", status);
	}
	*out = ctx.report;
	return status;
}

struct decoded {
	struct fg_ref_update u[MAX_UPDATES];
	int new_index[MAX_UPDATES];
	git_oid current[MAX_UPDATES]; /* the ref's value in the repository (zero: none) */
	size_t n;
	int broken; /* an old or new OID has F_BROKEN */
};

static void current_value(git_oid *out, const char *refname)
{
	if (git_reference_name_to_id(out, repo, refname) < 0)
		memset(out, 0, sizeof(*out));
	git_error_clear();
}

/*
 * DATA as updates: each three bytes OLD NEW REF. OLD selects
 * oids[OLD % (O__COUNT + 1)], the last value meaning the ref's current
 * value (zero when it has none); NEW oids[NEW % O__COUNT]; REF
 * refnames[REF % (NREFNAMES + NRAW)], the last NRAW values meaning a raw
 * refname: raw_prefixes[...] then the input's bytes up to a NUL (skipped)
 * or the end, at most MAX_RAW, ' ' and '\n' turned into '_' (as
 * fg_parse_updates gives it: one field of a line). At most MAX_UPDATES;
 * an empty refname ends the list.
 */
static void decode(struct decoded *d, const uint8_t *data, size_t size)
{
	size_t pos = 0;

	d->n = 0;
	d->broken = 0;
	while (d->n < MAX_UPDATES && size - pos >= 3) {
		struct fg_ref_update *u = &d->u[d->n];
		unsigned old = data[pos] % (O__COUNT + 1), new = data[pos + 1] % O__COUNT,
			 ref = data[pos + 2] % (NREFNAMES + NRAW);
		char *name;

		pos += 3;
		if (ref < NREFNAMES) {
			name = fuzz_strndup((const uint8_t *)refnames[ref], strlen(refnames[ref]));
		} else {
			const char *prefix = raw_prefixes[ref - NREFNAMES];
			size_t plen = strlen(prefix), len = 0;

			while (pos + len < size && len < MAX_RAW && data[pos + len])
				len++;
			name = malloc(plen + len + 1);
			FUZZ_ASSERT(name, "out of memory");
			memcpy(name, prefix, plen);
			for (size_t i = 0; i < len; i++)
				name[plen + i] = data[pos + i] == ' ' || data[pos + i] == '\n'
						 ? '_' : (char)data[pos + i];
			name[plen + len] = '\0';
			pos += len + (pos + len < size); /* and the NUL */
		}
		if (!*name) {
			free(name);
			break;
		}
		u->local_ref = u->remote_ref = name;
		current_value(&d->current[d->n], name);
		git_oid_cpy(&u->remote, old == O__COUNT ? &d->current[d->n] : &oids[old].id);
		git_oid_cpy(&u->local, &oids[new].id);
		d->broken |= ((old < O__COUNT ? oids[old].flags : 0) | oids[new].flags) & F_BROKEN;
		d->new_index[d->n++] = (int)new;
	}
}

static int in_namespaces(const char *refname)
{
	return !strncmp(refname, "refs/heads/", 11) || !strncmp(refname, "refs/tags/", 10);
}

#if FUZZ_RECEIVE_STRICT_CASE2
/* refs/tags/v<SemVer>: a release tag's name (one SemVer allows and the workflow does not
 * is tagFormat's to refuse) */
static int release_tag(const char *refname)
{
	struct fg_version v;

	return !strncmp(refname, "refs/tags/v", 11) &&
	       fg_version_parse(refname + 11, strlen(refname + 11), &v) == 0;
}
#endif

static void check(const struct decoded *d, int status, const struct fg_report *report)
{
	/* as fg_hook_main decides it: an error-severity violation refuses the push */
	int refused = status != FG_EXIT_OK || fg_report_count(report, FG_ERROR) || report->oom;
	char *refs_after, *objects_after;

	FUZZ_ASSERT(status == FG_EXIT_OK || status == FG_EXIT_VIOLATION || status == FG_EXIT_USAGE ||
		    status == FG_EXIT_INTERNAL || status == FG_EXIT_CONFIG,
		    "fg_check_receive returned %d", status);
	for (size_t i = 0; i < report->n; i++) {
		const struct fg_violation *v = &report->items[i];

		FUZZ_ASSERT(v->message && *v->message, "violation %zu of rule %d without a message",
			    i, (int)v->rule);
		FUZZ_ASSERT((int)v->rule >= 0 && v->rule < FG_RULE__COUNT, "rule %d", (int)v->rule);
		FUZZ_ASSERT(v->severity >= FG_INFO && v->severity <= FG_ERROR,
			    "violation '%s' of severity %d", v->message, (int)v->severity);
	}
	for (size_t i = 0; i < d->n; i++) {
		const struct fg_ref_update *u = &d->u[i];
		const char *ref = u->remote_ref, *name = oids[d->new_index[i]].name;
		unsigned flags = oids[d->new_index[i]].flags;

		if (in_namespaces(ref))
			FUZZ_ASSERT(refused || !(flags & F_ABSENT),
				    "%s set to %s, which is not in the object store, accepted", ref,
				    name);
#if FUZZ_RECEIVE_STRICT_CASE1
		/* a deletion brings no commit: allowed */
		FUZZ_ASSERT(refused || in_namespaces(ref) || git_oid_is_zero(&u->local),
			    "case 1: %s (outside refs/heads/ and refs/tags/) accepted", ref);
#endif
#if FUZZ_RECEIVE_STRICT_CASE1_SMUGGLED
		FUZZ_ASSERT(refused || !in_namespaces(ref) ||
			    !git_oid_equal(&u->remote, &d->current[i]) || !(flags & F_SMUGGLED),
			    "case 1: %s set to %s, which brings a commit only refs/custom/x "
			    "held, never judged, accepted", ref, name);
#endif
#if FUZZ_RECEIVE_STRICT_CASE2
		FUZZ_ASSERT(refused || !git_oid_is_zero(&u->remote) || git_oid_is_zero(&u->local) ||
			    !release_tag(ref) || (flags & F_COMMIT),
			    "case 2: %s created on %s, which does not peel to a commit, accepted",
			    ref, name);
#endif
#if FUZZ_RECEIVE_STRICT_CASE5
		FUZZ_ASSERT(refused || !in_namespaces(ref) || git_oid_equal(&u->remote, &u->local) ||
			    !(flags & F_VMISSING),
			    "case 5: %s set to %s, whose version file is not in the object store, "
			    "accepted", ref, name);
#endif
	}
	refs_after = refs_snapshot();
	FUZZ_ASSERT(!strcmp(refs_before, refs_after), "the refs changed:\nbefore:\n%s\nafter:\n%s",
		    refs_before, refs_after);
	objects_after = objects_snapshot();
	FUZZ_ASSERT(!strcmp(objects_before, objects_after), "the object store changed:\n"
		    "before:\n%s\nafter:\n%s", objects_before, objects_after);
	free(refs_after);
	free(objects_after);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct decoded d;
	struct fg_report report;
	int status = 0;

	decode(&d, data, size);
	if (verbose)
		for (size_t i = 0; i < d.n; i++) {
			char old[GIT_OID_HEXSZ + 1], new[GIT_OID_HEXSZ + 1];

			git_oid_tostr(old, sizeof(old), &d.u[i].remote);
			git_oid_tostr(new, sizeof(new), &d.u[i].local);
			fprintf(stderr, "fuzz receive: %s %s %s (%s)\n", old, new, d.u[i].remote_ref,
				oids[d.new_index[i]].name);
		}
	FUZZ_RUN(status = judge(d.u, d.n, d.broken, &report));
	check(&d, status, &report);
	fg_report_release(&report);
	for (size_t i = 0; i < d.n; i++)
		free(d.u[i].remote_ref);
	return 0;
}
