/*
 * The fixed bare repository of the receive fuzz target (fuzz_receive_repo.h):
 * objects written raw with libgit2 (branches and annotated and lightweight
 * tags, tags of blobs, trees and tags, merges, version files that agree and
 * disagree, committed .flowgate files, and objects that are referenced but
 * missing), its refs, and the flags of each OID of the table.
 */
#include <string.h>
#include "fuzz.h"
#include "fuzz_receive_repo.h"
#include "gitinit.h"
#include "version.h"

struct receive_oid oids[O__COUNT] = { OIDS(OID_ENTRY) };

static git_repository *repo; /* while the repository is built and classified */
static git_odb *odb;

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

void fuzz_receive_build(git_repository *r)
{
	repo = r;
	FUZZ_ASSERT(git_repository_odb(&odb, repo) == 0, "no object store: %s", fg_git_error());
	build_objects();
	build_refs();
	git_odb_free(odb);
	odb = NULL;
	repo = NULL;
}

void fuzz_receive_classify(git_repository *r)
{
	repo = r;
	FUZZ_ASSERT(git_repository_odb(&odb, repo) == 0, "no object store: %s", fg_git_error());
	classify();
	git_odb_free(odb);
	odb = NULL;
	repo = NULL;
}
