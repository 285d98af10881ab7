/*
 * Releases (engine layer, under bumpplan.h and bumpwrite.h): `flowgate
 * version`, the one version the version files agree on, read from the work
 * tree, the index or a commit; and the two readings of the version files
 * `flowgate bump` shares with it. All repository access is libgit2's.
 */
#ifndef FLOWGATE_RELEASE_H
#define FLOWGATE_RELEASE_H

#include <stdio.h>
#include <git2.h>
#include "config.h"
#include "version.h"

/* Where `flowgate version` reads the version files from. */
struct fg_version_source {
	int cached;      /* the index */
	const char *rev; /* that commit's tree; neither: the work tree */
};

/*
 * fg_release_version: `flowgate version`: read CFG's version files from
 * REPO (NULL: not in a repository) as SRC says (the work tree by default,
 * HEAD's tree in a bare repository) and print the version they agree on,
 * the value and a newline, on OUT. When they disagree, a value is invalid,
 * a required file is missing or none holds an X.Y.Z version, print each
 * configured file with its value and the violations of versionFormat and
 * versionConsistency (at severity error, whatever the configuration says:
 * the command names one version or fails) on ERR.
 * Returns the exit status: 0, 1 (no one version), 2 (--rev names no
 * commit), 3 (not a repository, libgit2 or I/O failure), 4 (a version
 * file pattern reached PCRE2's match limit: CFG->error).
 */
int fg_release_version(struct fg_config *cfg, git_repository *repo,
		       const struct fg_version_source *src, FILE *out, FILE *err);

/*
 * fg_release_value_of: the value read from the version file PATH in SET
 * (fg_versions_extract's), or NULL when none was kept for it. Points into
 * SET.
 */
const struct fg_vfile_value *fg_release_value_of(const struct fg_version_set *set,
						 const char *path);

/*
 * fg_release_path_list: CFG's version file paths as "a, b or c" (each as
 * configured, unescaped), newly allocated ("" when none); NULL when out of
 * memory. For the errors that tell where to write the version.
 */
char *fg_release_path_list(const struct fg_config *cfg);

#endif
