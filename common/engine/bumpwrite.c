/*
 * `flowgate bump` carried out (bumpwrite.h): the plan of bumpplan.h shown
 * as a diff (--dry-run), or written: the version files replaced together
 * (replace.h), staged, committed and tagged through libgit2, with the
 * files and the index put back when a step before the commit fails.
 */
#include <stdlib.h>
#include <string.h>
#include "bumpwrite.h"
#include "changelog.h"
#include "quote.h"
#include "release.h"
#include "gitinit.h"
#include "report.h"

/* An index entry as it was before staging, to put back on failure. */
struct saved_entry {
	int present;
	git_index_entry entry; /* its path is PATH */
	char *path;
};

/* The message's first line, for the summary. */
static int first_line_len(const char *message)
{
	return (int)strcspn(message, "\n");
}

/* "0.16.0-rc2 -> 0.16.0 in a, b" and, when some file keeps its value, "; c keeps 0.16.x". */
static void write_summary(struct fg_bump_plan *b, const char *what, const char *tail)
{
	fprintf(b->out, "flowgate bump: %s%s -> %s in ", what, b->current, b->next);
	for (size_t i = 0; i < b->nchanges; i++) {
		const char *path = b->cfg->vfiles[b->changes[i].spec].path;

		fputs(i ? ", " : "", b->out);
		fg_print_escaped(b->out, path, strlen(path), 0, 0);
	}
	fprintf(b->out, " (%s)", tail);
	for (size_t i = 0, kept = 0; i < b->cfg->nvfiles; i++) {
		const char *path = b->cfg->vfiles[i].path;
		const struct fg_vfile_value *value = fg_release_value_of(&b->files.set, path);
		int changed = 0;

		for (size_t k = 0; k < b->nchanges; k++)
			changed |= b->changes[k].spec == i;
		if (changed || !value || value->missing)
			continue;
		fputs(kept++ ? ", " : "; ", b->out);
		fg_print_escaped(b->out, path, strlen(path), 0, 0);
		fputs(" keeps ", b->out);
		fg_print_escaped(b->out, value->text, strlen(value->text), 0, 0);
	}
	fputc('\n', b->out);
}

static int dry_run(struct fg_bump_plan *b)
{
	git_diff_options opts;

	if (git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION) < 0)
		return fg_bump_git_failed(b, "cannot make the diff");
	for (size_t i = 0; i < b->nchanges; i++) {
		const struct fg_file_update *u = &b->updates[i];
		const char *path = b->cfg->vfiles[b->changes[i].spec].path;
		git_patch *patch = NULL;
		git_buf buf = { 0 };

		if (git_patch_from_buffers(&patch, u->old_data, u->old_len, path, u->new_data,
					   u->new_len, path, &opts) < 0 ||
		    git_patch_to_buf(&buf, patch) < 0) {
			git_patch_free(patch);
			return fg_bump_git_failed(b, "cannot make the diff");
		}
		fwrite(buf.ptr, 1, buf.size, b->out);
		git_buf_dispose(&buf);
		git_patch_free(patch);
	}
	write_summary(b, "would bump ", "dry run: nothing written");
	if (b->commit_message)
		fg_print_line(b->out, "flowgate bump: would commit '%.*s'",
			first_line_len(b->commit_message), b->commit_message);
	if (b->tag_message)
		fg_print_line(b->out, "flowgate bump: would tag %s '%.*s'", b->tag_name,
			first_line_len(b->tag_message), b->tag_message);
	return ferror(b->out) ? FG_EXIT_INTERNAL : 0;
}

static void saved_release(struct saved_entry *saved, size_t n)
{
	for (size_t i = 0; saved && i < n; i++)
		free(saved[i].path);
	free(saved);
}

/* The index entries of the changed files as they are now. */
static struct saved_entry *save_entries(struct fg_bump_plan *b, git_index *index)
{
	struct saved_entry *saved = calloc(b->nchanges ? b->nchanges : 1, sizeof(*saved));

	for (size_t i = 0; saved && i < b->nchanges; i++) {
		const char *path = b->cfg->vfiles[b->changes[i].spec].path;
		const git_index_entry *e = git_index_get_bypath(index, path, 0);

		if (!e)
			continue;
		saved[i].present = 1;
		saved[i].entry = *e;
		if (!(saved[i].path = strdup(path))) {
			saved_release(saved, b->nchanges);
			return NULL;
		}
		saved[i].entry.path = saved[i].path;
	}
	return saved;
}

/* Put the index back as SAVED says, on disk. */
static int restore_entries(struct fg_bump_plan *b, git_index *index, struct saved_entry *saved)
{
	int rc = git_index_read(index, 1);

	for (size_t i = 0; rc == 0 && i < b->nchanges; i++)
		rc = saved[i].present
		     ? git_index_add(index, &saved[i].entry)
		     : git_index_remove_bypath(index, b->cfg->vfiles[b->changes[i].spec].path);
	return rc < 0 ? rc : git_index_write(index);
}

/*
 * After a failed step: the files (and with SAVED, the index) put back.
 * WHAT says which step failed; CAUSE (may be NULL) why.
 */
static int roll_back(struct fg_bump_plan *b, unsigned long *renames, git_index *index,
		     struct saved_entry *saved, const char *what, const char *cause)
{
	char *error = NULL;
	int files_ok = fg_files_restore(b->updates, b->nchanges, renames, &error) == 0;
	int index_ok = !saved || restore_entries(b, index, saved) == 0;

	fg_print_line(b->err, "flowgate bump: fatal: %s: %s; %s", what,
		      cause ? cause : "unknown error",
		      files_ok && index_ok ? "every file was put back as it was"
		      : !files_ok ? "some files could not be put back"
		      : "the index could not be put back");
	if (!files_ok && error)
		fg_print_line(b->err, "flowgate bump: fatal: %s", error);
	if (!index_ok)
		fg_print_line(b->err, "flowgate bump: fatal: the index: %s; git restore "
			      "--staged the version files", fg_git_error());
	free(error);
	return FG_EXIT_INTERNAL;
}

/* The commit on HEAD of the staged INDEX. Returns 0 or a negative libgit2 error. */
static int make_commit(struct fg_bump_plan *b, git_index *index, git_oid *id)
{
	git_oid tree_id, parent_id;
	git_tree *tree = NULL;
	git_commit *parent = NULL;
	int rc = git_reference_name_to_id(&parent_id, b->repo, "HEAD");

	if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH) /* the first commit */
		rc = 0;
	else if (rc == 0)
		rc = git_commit_lookup(&parent, b->repo, &parent_id);
	if (rc == 0 && (rc = git_index_write_tree(&tree_id, index)) == 0 &&
	    (rc = git_tree_lookup(&tree, b->repo, &tree_id)) == 0)
		rc = git_commit_create(id, b->repo, "HEAD", b->author, b->committer, NULL,
				       b->commit_message, tree, parent ? 1 : 0,
				       (const git_commit **)&parent);
	git_tree_free(tree);
	git_commit_free(parent);
	return rc;
}

/*
 * The release notes of the bump commit ID (changelog.h, text: git strips
 * '#' lines from a tag's message), after a blank line below the tag
 * message's first line. Notes that cannot be read leave the message as it
 * is, with a warning. Returns 0, or -1 when out of memory (said on ERR).
 */
static int add_release_notes(struct fg_bump_plan *b, const git_oid *id)
{
	char *notes = NULL, *message;

	if (fg_changelog_tag_notes(&notes, b->repo, b->cfg, id) < 0) {
		fg_print_line(b->err, "flowgate bump: warning: the tag's message holds no release "
			      "notes: %s", b->cfg->error ? b->cfg->error : fg_git_error());
		return 0;
	}
	if (!notes)
		return 0;
	message = fg_strdupf("%s\n%s", b->tag_message, notes);
	free(notes);
	if (!message) {
		fprintf(b->err, "flowgate bump: fatal: out of memory\n");
		return -1;
	}
	free(b->tag_message);
	b->tag_message = message;
	return 0;
}

static int apply(struct fg_bump_plan *b)
{
	git_index *index = NULL;
	struct saved_entry *saved = NULL;
	git_object *commit = NULL;
	git_oid commit_id, tag_id;
	unsigned long renames = 0;
	char *error = NULL, *cause = NULL, hex[GIT_OID_HEXSZ + 1];
	int status = FG_EXIT_INTERNAL, rc = 0;

	if (git_repository_index(&index, b->repo) < 0 || git_index_read(index, 0) < 0)
		return fg_bump_git_failed(b, "cannot read the index");
	if (!(saved = save_entries(b, index))) {
		git_index_free(index);
		return fg_bump_oom(b);
	}
	if (fg_files_replace(b->updates, b->nchanges, &renames, &error) < 0) {
		fg_print_line(b->err, "flowgate bump: fatal: cannot write the version files: %s",
			error ? error : "out of memory");
		goto out;
	}
	for (size_t i = 0; rc == 0 && i < b->nchanges; i++)
		rc = git_index_add_bypath(index, b->cfg->vfiles[b->changes[i].spec].path);
	if (rc == 0)
		rc = git_index_write(index);
	if (rc < 0) {
		cause = strdup(fg_git_error());
		git_index_read(index, 1); /* drop what was added in memory */
		status = roll_back(b, &renames, index, NULL, "cannot stage the version files", cause);
		goto out;
	}
	if (b->opts->commit && (rc = make_commit(b, index, &commit_id)) < 0) {
		cause = strdup(fg_git_error());
		status = roll_back(b, &renames, index, saved, "cannot commit", cause);
		goto out;
	}
	write_summary(b, "", b->opts->commit ? "committed" : "staged");
	if (b->opts->commit) {
		git_oid_tostr(hex, sizeof(hex), &commit_id);
		fg_print_line(b->out, "flowgate bump: committed %.12s %.*s", hex,
			first_line_len(b->commit_message), b->commit_message);
	}
	if (b->opts->tag && add_release_notes(b, &commit_id) < 0)
		goto out;
	if (b->opts->tag) {
		if (git_object_lookup(&commit, b->repo, &commit_id, GIT_OBJECT_COMMIT) < 0 ||
		    git_tag_create(&tag_id, b->repo, b->tag_name, commit, b->committer,
				   b->tag_message, 0) < 0) {
			char *tw = fg_sh_quote(b->tag_name, strlen(b->tag_name), 0);
			char *mw = fg_sh_wordf("%.*s", first_line_len(b->tag_message),
					       b->tag_message);

			fg_print_line(b->err, "flowgate bump: fatal: committed %.12s but cannot "
				      "create tag %s: %s; create it: git tag -a %s -m %s", hex,
				      b->tag_name, fg_git_error(), tw ? tw : "<tag>",
				      mw ? mw : "<message>");
			free(tw);
			free(mw);
			goto out;
		}
		fg_print_line(b->out, "flowgate bump: tagged %s '%.*s'", b->tag_name,
			first_line_len(b->tag_message), b->tag_message);
	}
	status = ferror(b->out) ? FG_EXIT_INTERNAL : 0;
out:
	free(cause);
	free(error);
	git_object_free(commit);
	saved_release(saved, b->nchanges);
	git_index_free(index);
	return status;
}

int fg_release_bump(struct fg_config *cfg, git_repository *repo,
		    const struct fg_bump_options *opts, FILE *out, FILE *err)
{
	struct fg_bump_plan b;
	struct fg_version explicit;
	enum fg_bump_kind kind;
	const char *why = NULL;
	int status;

	fg_bump_plan_init(&b, cfg, repo, opts, out, err);
	if (!opts->what || fg_bump_parse(opts->what, &kind, &explicit, &why) < 0) {
		fg_print_line(err, "flowgate bump: error: '%s' is not a bump; %s",
			opts->what ? opts->what : "", why ? why : "give " FG_BUMP_USAGE);
		return FG_EXIT_USAGE;
	}
	if (opts->tag && !opts->commit) {
		fprintf(err, "flowgate bump: error: --tag tags the bump commit; add --commit\n");
		return FG_EXIT_USAGE;
	}
	if (!repo) {
		fprintf(err, "flowgate bump: fatal: not in a git repository\n");
		return FG_EXIT_INTERNAL;
	}
	if (!(b.workdir = git_repository_workdir(repo))) {
		fprintf(err, "flowgate bump: error: the repository is bare; run flowgate bump in "
			"a clone with a work tree\n");
		return FG_EXIT_VIOLATION;
	}
	if (!(status = fg_bump_plan_check(&b)))
		status = opts->dry_run ? dry_run(&b) : apply(&b);
	fg_bump_plan_release(&b);
	return status;
}
