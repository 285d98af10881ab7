/*
 * A revision named as gitrevisions(7) names it, as the commit it is.
 * Layer: git (common/README).
 */
#ifndef FLOWGATE_REVPARSE_H
#define FLOWGATE_REVPARSE_H

#include <git2.h>
#include "packs.h"

/*
 * fg_revparse_commit: the commit SPEC names in REPO, into *OUT: what
 * git_revparse_single gives, peeled to a commit (git_object_peel). The
 * ancestry operators that end SPEC (gitrevisions(7), "<rev>^[<n>]" and
 * "<rev>~[<n>]", in any number: HEAD~3^2~) are followed by reading each
 * commit with PACKS (borrowed), as git_commit_parent follows them, rather
 * than through libgit2's object database, which would map the whole pack
 * index and cache every commit of a long HEAD~10000. Everything else,
 * and a SPEC with a ':' (a path) or nothing before its operators, is
 * git_revparse_single's alone. Returns 0, or a libgit2 error with its
 * message (GIT_ENOTFOUND "parent N does not exist" for an operator past
 * the history; GIT_EINVALIDSPEC, GIT_EAMBIGUOUS, GIT_EPEEL as
 * git_revparse_single and git_object_peel return them).
 */
int fg_revparse_commit(git_oid *out, git_repository *repo, struct fg_packs *packs,
		       const char *spec);

#endif
