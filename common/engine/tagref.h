/*
 * The tag ref check (engine layer): every tag rule on a tag ref a push or
 * a range sets, with what the refs snapshot (refs.h) says of the branches
 * holding the tagged commit and of the tags of its series. Shared by the
 * hooks (pre-push, pre-receive, update) and `flowgate check-range`. All
 * repository access is through libgit2.
 */
#ifndef FLOWGATE_TAGREF_H
#define FLOWGATE_TAGREF_H

#include <git2.h>
#include "config.h"
#include "refs.h"
#include "report.h"

/*
 * fg_check_tag_ref: every tag rule (fg_check_tag, tag.h) on the tag ref
 * refs/tags/NAME (NAME without the prefix) whose target is object ID (an
 * annotated tag or a commit), with COMMIT and TREE (borrowed; both NULL
 * when ID does not peel to a commit: tagTarget, for a release tag, names
 * the blob or tree it peels to) the tagged commit and its tree. OLD
 * is the object the ref had before (the remote's, for a push; NULL or zero
 * when the tag is new): tagMoved when it differs from ID, and tagMonotonic
 * (a tag of the same X.Y series made before, with a version at least
 * NAME's) only for a new tag. Made before: by tagger time (or the
 * commit's, for a lightweight tag), strictly earlier; with
 * REFS->remote_order FG_ORDER_RECEIVING, a tag the receiving side already
 * has (any tag not in PENDING) was made before every tag new to it; with
 * FG_ORDER_PUSHING, a tag not in PENDING made in the same second as a
 * pushed one counts as made before it. tagOnReleaseBranch
 * asks fg_branches_holding. REFS (not NULL; its repository is read): the
 * repository's refs, with those a push sets, branches and tags, at their
 * new values, for tagOnReleaseBranch and tagMonotonic (the highest tag
 * found by binary search among the series' tags sorted by precedence).
 * Violations go to REPORT. Returns 0, or -1 when the version files of TREE
 * cannot be read (missing or corrupt objects: fg_git_error() names them
 * and how to get them, as fg_vfiles_from_tree does; no rule is then
 * applied: tagVersionMatch is never judged on files taken for absent).
 */
int fg_check_tag_ref(struct fg_report *report, struct fg_refs *refs, struct fg_config *cfg,
		     const char *name, const git_oid *id, const git_oid *old, git_commit *commit,
		     git_tree *tree);

/*
 * fg_check_tag_ref_parsed: fg_check_tag_ref with NAME's version as the
 * caller parsed it under CFG (VERSION, borrowed: fg_tag_parse returned 0;
 * a push's tag, typed once, push.h), or NULL when NAME is no release tag
 * under CFG; fg_check_tag_ref parses it itself. Returns as fg_check_tag_ref.
 */
int fg_check_tag_ref_parsed(struct fg_report *report, struct fg_refs *refs,
			    struct fg_config *cfg, const char *name,
			    const struct fg_version *version, const git_oid *id,
			    const git_oid *old, git_commit *commit, git_tree *tree);

#endif
