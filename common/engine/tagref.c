/*
 * The tag ref check (tagref.h; engine layer): every tag rule on a tag ref
 * a push or a range sets, with what the refs snapshot says of its series.
 */
#include <stdlib.h>
#include <string.h>
#include "refname.h"
#include "vfiles.h"
#include "tag.h"
#include "tagref.h"
#include "version.h"


/*
 * The type of what OBJECT (may be NULL: not read), which does not peel to a
 * commit, peels to: "blob" or "tree" (static storage); "object" when
 * OBJECT or a tag it names cannot be read.
 */
static const char *non_commit_type(git_object *object)
{
	git_object *target = NULL;
	const char *type = "object";

	if (object && git_object_type(object) != GIT_OBJECT_TAG)
		type = git_object_type2string(git_object_type(object));
	else if (object && git_object_peel(&target, object, GIT_OBJECT_ANY) == 0)
		type = git_object_type2string(git_object_type(target));
	git_object_free(target);
	git_error_clear();
	return type;
}

int fg_check_tag_ref(struct fg_report *report, struct fg_refs *refs, struct fg_config *cfg,
		     const char *name, const git_oid *id, const git_oid *old, git_commit *commit,
		     git_tree *tree)
{
	struct fg_version version;
	int release = commit && fg_tag_parse(cfg, name, &version) == 0;

	return fg_check_tag_ref_parsed(report, refs, cfg, name, release ? &version : NULL, id, old,
				       commit, tree);
}

int fg_check_tag_ref_parsed(struct fg_report *report, struct fg_refs *refs,
			    struct fg_config *cfg, const char *name,
			    const struct fg_version *version, const git_oid *id,
			    const git_oid *old, git_commit *commit, git_tree *tree)
{
	git_repository *repo = refs->repo;
	git_object *object = NULL;
	struct fg_vfiles files;
	struct fg_tag_context tctx;
	char moved[GIT_OID_HEXSZ + 1];
	const char *message = NULL;
	char *higher = NULL;
	int annotated = 0, have_files = 0, rc = 0, release;

	memset(&files, 0, sizeof(files));
	memset(&tctx, 0, sizeof(tctx));
	if (git_object_lookup(&object, repo, id, GIT_OBJECT_ANY) == 0 &&
	    git_object_type(object) == GIT_OBJECT_TAG) {
		annotated = 1;
		message = git_tag_message((git_tag *)object);
	}
	/* tagTarget: a release tag names a commit */
	if (!commit)
		tctx.not_commit = non_commit_type(object);
	/* the remote has this tag, elsewhere: git's own check refuses without
	 * --force, flowgate refuses with it too */
	if (old && !git_oid_is_zero(old) && !git_oid_equal(old, id)) {
		git_oid_tostr(moved, sizeof(moved), old);
		tctx.moved_from = moved;
	}
	tctx.version = version; /* parsed once, where the update was read */
	if ((release = commit && version)) {
		struct fg_holders h;

		fg_branches_holding(&h, refs, cfg, git_commit_id(commit), version->major,
				    version->minor, NULL);
		tctx.branches_known = h.known;
		tctx.on_release = h.on_release;
		tctx.on_maint = h.on_maint;
		/* a new tag on the remote: it must be the highest of its series */
		if (!old || git_oid_is_zero(old)) {
			/* made_at of the pushed object, from what is at hand */
			const git_signature *tagger =
				annotated ? git_tag_tagger((git_tag *)object) : NULL;
			git_time_t when = !object ? 0 : tagger ? tagger->when.time
							       : git_commit_time(commit);

			tctx.higher_tag = higher =
				fg_refs_higher_tag(refs, cfg, name, version, when);
		}
	}
	/* tagVersionMatch, on a release's files only: files that cannot be read
	 * are an error, never "no version" */
	if (release && tree && (rc = fg_vfiles_from_tree(&files, repo, tree, cfg)) == 0)
		have_files = 1;
	if (rc == 0 && !cfg->error)
		fg_check_tag(report, cfg, name, annotated, message,
			     have_files ? &files.set : NULL, &tctx);
	free(higher);
	fg_vfiles_release(&files);
	git_object_free(object);
	return rc < 0 && !cfg->error ? -1 : 0;
}
