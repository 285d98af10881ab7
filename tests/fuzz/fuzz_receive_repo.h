/*
 * The fixed bare repository of the receive fuzz target (fuzz_receive.c),
 * built once with libgit2: the table of the OIDs an input chooses from, the
 * objects and refs behind them, and what each OID is (its F_* flags), read
 * back from the object store as the hook will read it.
 */
#ifndef FLOWGATE_FUZZ_RECEIVE_REPO_H
#define FLOWGATE_FUZZ_RECEIVE_REPO_H

#include <git2.h>

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

/* The OID table: each entry's name, its OID (set by fuzz_receive_build) and
 * its flags (set by fuzz_receive_classify). */
struct receive_oid {
	const char *name;
	git_oid id;
	unsigned flags;
};
extern struct receive_oid oids[O__COUNT];

/*
 * fuzz_receive_build: write the table's objects into REPO (borrowed; a new
 * bare repository) and set its refs, before any push; every OID of the
 * table is set. Aborts (FUZZ_ASSERT) when an object or a ref cannot be
 * written.
 */
void fuzz_receive_build(git_repository *repo);

/*
 * fuzz_receive_classify: each table OID's flags, read from REPO's object
 * store (REPO borrowed, opened as the hooks open it for a push).
 */
void fuzz_receive_classify(git_repository *repo);

#endif
