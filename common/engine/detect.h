/*
 * What `flowgate init` finds in a project, without a repository: the
 * version files it knows (package.json, pyproject.toml, Cargo.toml, ...),
 * for each a pattern that reads exactly the project's own version, checked
 * against the file itself; and the .flowgate text that declares them, in
 * git-config quoting. init.c reads the files and writes the result.
 * Layer: engine (common/README).
 */
#ifndef FLOWGATE_DETECT_H
#define FLOWGATE_DETECT_H

#include <stddef.h>

/* One version file found. Strings owned but WHAT (static). */
struct fg_detected {
	char *path;       /* '/'-separated, from the top of the work tree */
	char *pattern;    /* PCRE2 source, group 1 the version; NULL: the whole file */
	int series;       /* kind = series (halfORM's docs/index.md) */
	char *value;      /* the version it holds now */
	const char *what; /* where in the file: "the top-level \"version\"" */
};

/* What fg_detect_file found so far, and the files it passed over and why. */
struct fg_detection {
	struct fg_detected *files; /* owned */
	size_t n;
	char **notes;              /* owned: "pyproject.toml: ... ; why" */
	size_t nnotes;
};

/* The paths flowgate init looks at, in order (the halfORM three first). */
extern const char *const fg_detect_paths[];
extern const size_t fg_detect_paths_count;

/* fg_detection_init / fg_detection_release: an empty detection; free all it owns. */
void fg_detection_init(struct fg_detection *d);
void fg_detection_release(struct fg_detection *d);

/*
 * fg_detect_file: look at PATH (one of fg_detect_paths), whose content is
 * DATA[0..LEN), and add it to D when it holds the project's version where
 * that kind of file keeps it:
 *  - package.json, package-lock.json: the "version" key of the top-level
 *    object (a one-pass JSON scan), read by a pattern anchored to that
 *    key's indentation, "(?m)^  \"version\"...": nested objects (a lock
 *    file's "packages") are indented deeper;
 *  - pyproject.toml: version in the [project] table, else in
 *    [tool.poetry]; Cargo.toml: in [package]; setup.cfg: in [metadata]
 *    (unquoted): patterns that find the table's header, then its version
 *    key before the next table;
 *  - setup.py: version='X' or version="X" (the built-in halfORM pattern);
 *  - VERSION, version.txt, half_orm/version.txt: the whole file;
 *  - CMakeLists.txt: project(... VERSION X ...);
 *  - docs/index.md: halfORM's "covers halfORM **X.Y.x**" (kind series),
 *    only when half_orm/version.txt was found first.
 * The pattern is then run as flowgate runs it (fg_vfile_find: every match
 * is what flowgate bump rewrites): every match must hold the same value,
 * and that value must be SemVer 2.0.0 (a series X.Y.x for docs/index.md).
 * A file that fails (a dynamic version, "1.0", a minified package.json)
 * is passed over with a note in D->notes saying why.
 * Returns 1 when added, 0 when passed over, -1 when out of memory.
 */
int fg_detect_file(struct fg_detection *d, const char *path, const char *data, size_t len);

/*
 * fg_detect_config_text: the .flowgate that declares D's files: a comment
 * line, [flowgate] since = SINCE when SINCE is not NULL (SINCE_WHY, may be
 * NULL, as a comment above it), [tag] prefix = TAG_PREFIX when it is not
 * NULL, then one [versionFile "<path>"] per file with its pattern, kind =
 * series for a series file, and required = true. Every value is written
 * between double quotes with '\' and '"' escaped (git-config(1)'s syntax:
 * a pattern's '#', ';', '\' and '"' read back as written), a subsection's
 * '\' and '"' escaped too. Newly allocated; NULL when out of memory.
 */
char *fg_detect_config_text(const struct fg_detection *d, const char *since,
			    const char *since_why, const char *tag_prefix);

#endif
