/*
 * `flowgate version` (release.h): the version files read from the work
 * tree, the index or a commit, checked at severity error, and each file's
 * value printed when they name no one version.
 */
#include <stdlib.h>
#include <string.h>
#include "quote.h"
#include "release.h"
#include "gitinit.h"
#include "repo.h"
#include "report.h"
#include "vfiles.h"

const struct fg_vfile_value *fg_release_value_of(const struct fg_version_set *set,
						 const char *path)
{
	for (size_t i = 0; i < set->n; i++)
		if (!strcmp(set->values[i].path, path))
			return &set->values[i];
	return NULL;
}

/* Each configured file with its value, to ERR, when the files name no one version. */
static void write_values(const struct fg_config *cfg, const struct fg_version_set *set,
			 const struct fg_vfile_content *contents, FILE *err)
{
	for (size_t i = 0; i < cfg->nvfiles; i++) {
		const char *path = cfg->vfiles[i].path;
		const struct fg_vfile_value *value = fg_release_value_of(set, path);
		char *q;

		if (!value) {
			fg_print_line(err, "%s: %s", path,
				      contents[i].present ? "(no version found)" : "(absent)");
		} else if (value->missing) {
			fg_print_line(err, "%s: %s", path, value->missing == 1 ? "(missing)"
									   : "(no version found)");
		} else if (value->valid) {
			fg_print_line(err, "%s: %s", path, value->text);
		} else {
			q = fg_quote(value->text, strlen(value->text), 60);
			fg_print_line(err, "%s: %s (not a workflow version)", path, q ? q : "?");
			free(q);
		}
	}
}

char *fg_release_path_list(const struct fg_config *cfg)
{
	char *list = strdup("");

	for (size_t i = 0; list && i < cfg->nvfiles; i++) {
		char *longer = fg_strdupf("%s%s%s", list, !i ? "" : i + 1 == cfg->nvfiles ? " or " : ", ",
					  cfg->vfiles[i].path);
		free(list);
		list = longer;
	}
	return list;
}

int fg_release_version(struct fg_config *cfg, git_repository *repo,
		       const struct fg_version_source *src, FILE *out, FILE *err)
{
	struct fg_vfiles files;
	const struct fg_vfile_value *exact;
	struct fg_report report;
	git_index *index = NULL;
	git_object *object = NULL, *tree = NULL;
	int rc = 0, status = FG_EXIT_INTERNAL, workdir;

	memset(&files, 0, sizeof(files));
	fg_report_init(&report);
	if (!repo) {
		fprintf(err, "flowgate version: fatal: not in a git repository\n");
		return FG_EXIT_INTERNAL;
	}
	workdir = !src->cached && !src->rev && git_repository_workdir(repo);
	if (src->rev || (!src->cached && !workdir)) {
		/* --rev, or the default in a bare repository: HEAD, as the configuration is read */
		const char *rev = src->rev ? src->rev : "HEAD";

		if (git_revparse_single(&object, repo, rev) < 0 ||
		    git_object_peel(&tree, object, GIT_OBJECT_TREE) < 0) {
			fg_print_line(err, "flowgate version: error: '%s' names no commit: %s", rev,
				fg_git_error());
			status = FG_EXIT_USAGE;
			goto out;
		}
		rc = fg_vfiles_from_tree(&files, repo, (git_tree *)tree, cfg);
	} else if (src->cached) {
		if ((rc = git_repository_index(&index, repo)) == 0)
			rc = fg_vfiles_from_index(&files, repo, index, cfg);
	} else {
		rc = fg_vfiles_from_workdir(&files, git_repository_workdir(repo), cfg);
	}
	if (rc == -3 && cfg->error) {
		fg_print_line(err, "flowgate version: error: bad configuration: %s", cfg->error);
		status = FG_EXIT_CONFIG;
		goto out;
	}
	if (rc < 0) {
		fg_print_line(err, "flowgate version: fatal: %s", fg_git_error());
		goto out;
	}

	/* Always at severity error: the command names one version or fails. */
	fg_versions_check(&report, &files.set, NULL, NULL);
	exact = fg_versions_exact(&files.set);
	if (report.oom) {
		fprintf(err, "flowgate version: fatal: out of memory\n");
		goto out;
	}
	if (exact && !fg_report_count(&report, FG_ERROR)) {
		fprintf(out, "%s\n", exact->text);
		status = ferror(out) ? FG_EXIT_INTERNAL : 0;
		goto out;
	}
	write_values(cfg, &files.set, files.contents, err);
	fg_report_print(&report, err, "version", fg_repo_use_color(fileno(err)), 0);
	if (!exact && !report.n) {
		char *list = fg_release_path_list(cfg);

		if (!cfg->nvfiles)
			fprintf(err, "flowgate version: error: no version files are configured\n"
				"hint: declare one in .flowgate: [versionFile \"<path>\"]\n");
		else
			fprintf(err, "flowgate version: error: no version file holds an X.Y.Z "
				"version\nhint: write the version in %s\n", list ? list : "a version file");
		free(list);
	}
	status = FG_EXIT_VIOLATION;
out:
	fg_report_release(&report);
	fg_vfiles_release(&files);
	git_index_free(index);
	git_object_free(tree);
	git_object_free(object);
	return status;
}
