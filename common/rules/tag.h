/*
 * Release tags: tagFormat, tagTarget, tagAnnotated, tagMessage and
 * tagVersionMatch on one tag, given what was read of it from the repository.
 * Layer: rules (common/README).
 */
#ifndef FLOWGATE_TAG_H
#define FLOWGATE_TAG_H

#include "report.h"
#include "settings.h"
#include "version.h"

/* What the repository says of a pushed tag, beyond its object. */
struct fg_tag_context {
	/* The branches of the tag's X.Y series holding its commit were looked
	 * up (the tag has the workflow's format and points at a commit). */
	int branches_known;
	/* Its commit is reachable from release/X.Y.x, from maint/X.Y.x (local
	 * or remote-tracking branches, CFG's kinds). */
	int on_release, on_maint;
	/* The remote's object for this tag (hex) when the push would move a tag
	 * the remote already has; else NULL. */
	const char *moved_from;
	/* tagMonotonic: an existing tag of the same X.Y series (name without
	 * "refs/tags/"), made before this one, whose version is at least this
	 * tag's (the highest such); NULL when there is none. */
	const char *higher_tag;
	/* tagTarget: the type of the object the tag peels to ("blob", "tree";
	 * "object" when it cannot be read) when that is not a commit; NULL
	 * when it is a commit. */
	const char *not_commit;
	/* NAME as fg_tag_parse parsed it under the same configuration, when
	 * the caller parsed it already (a push's typed ref update): the tag is
	 * then not parsed again; NULL: fg_check_tag parses NAME. Not owned; its
	 * pre-release points into NAME. */
	const struct fg_version *version;
};

/*
 * fg_tag_is_release: 1 when tag NAME (without "refs/tags/") is a release
 * tag under CFG, a name that looks like a version: CFG's tag prefix then a
 * digit (v0.16.0, v0.16, v1-x), or, without the prefix, digits, a dot and a
 * digit after an optional 'v' (0.16.2, v3.1.0 under another prefix); else
 * 0 (latest, docs-snapshot, half-orm-dev-0.16.0). Only release tags face
 * the release rules (fg_check_tag); the server counts their commits as
 * judged (common/engine/newcommits.c). Pure.
 */
int fg_tag_is_release(const struct fg_config *cfg, const char *name);

/*
 * fg_check_tag: check tag NAME (without "refs/tags/") under CFG. ANNOTATED
 * is non-zero for an annotated tag object, whose MESSAGE (may be NULL) is
 * its message; SET (may be NULL when the tag does not point at a commit)
 * holds the version files at the tagged commit. tagMoved (below) judges
 * every tag; the other rules only a release tag (fg_tag_is_release): a tag
 * not named like a version passes, or with tag.others = refuse is a
 * tagFormat error. Rules: tagFormat (tag.prefix,
 * "v", then X.Y.Z with an optional workflow pre-release; a version named
 * without the prefix, 0.16.2, is told the exact rename, and then neither
 * tagAnnotated nor tagMessage, whose fixes keep the name), tagAnnotated
 * (unless tag.allowLightweight), tagMessage (first line starts with one of
 * tag.messagePrefixes: "release:", "hotfix:", "maintenance:"),
 * tagVersionMatch (every version file says the tag's version; a series
 * file its X.Y). With TCTX (may be NULL: none of these): tagMoved
 * (TCTX->moved_from), tagTarget (TCTX->not_commit, for every release tag:
 * a release names a commit; when it is reported, tagAnnotated and
 * tagMessage are not, since their fixes keep the tag's object and
 * tagTarget's makes a new tag), tagMonotonic (TCTX->higher_tag),
 * tagOnReleaseBranch (branches_known, and neither on_release nor
 * on_maint), and tagMessage by kind: when the prefix of the tag's kind
 * is configured, an X.Y.0 tag's message starts with "release:", a patch's
 * on release/X.Y.x only with "hotfix:", on maint/X.Y.x with
 * "maintenance:" or "hotfix:" (the workflow guide uses both there; on both
 * branches, or on neither, any configured prefix).
 * Returns the number of violations added to REPORT.
 */
size_t fg_check_tag(struct fg_report *report, const struct fg_config *cfg, const char *name,
		    int annotated, const char *message, const struct fg_version_set *set,
		    const struct fg_tag_context *tctx);

#endif
