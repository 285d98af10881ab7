/*
 * `flowgate init`: a .flowgate that fits the project in the work tree: its
 * version files (detect.h), flowgate.since at the last release tag or at
 * HEAD so that the legacy history is not judged, and the tag prefix its
 * release tags use.
 * Layer: engine (common/README).
 */
#ifndef FLOWGATE_INIT_H
#define FLOWGATE_INIT_H

#include <stdio.h>
#include <git2.h>

/*
 * fg_init_run: `flowgate init [--force]` in REPO (NULL: not in a
 * repository). Reads each of fg_detect_paths at the top of the work tree
 * (regular files up to FG_VFILE_MAX_SIZE; a link or a directory is passed
 * over) through fg_detect_file. flowgate.since is, in this order: the
 * since of the .flowgate there (a rerun keeps the adoption point); the
 * release tag fg_changelog_last_tag finds from HEAD (a tag on HEAD
 * included) when flowgate check-range from it to HEAD passes under the new
 * file (its branch result aside), so the commits after it are judged; else
 * HEAD's full commit ID; none on an unborn branch. tag.prefix is written
 * as "" when that tag has no 'v' before its version. The text
 * (fg_detect_config_text) is read back with the configuration parser and
 * each file's version extracted again before anything is written; it goes
 * to <work tree>/.flowgate through a temporary file and rename(2). An
 * existing .flowgate that differs is replaced only with FORCE; one that
 * holds the same text is left alone. What was found, passed over and
 * written goes to OUT, with how to commit it and enable the hooks;
 * "flowgate init: error: ..." lines to ERR.
 * Returns the exit status: 0 (written, or already so), 1 (a .flowgate that
 * differs, without FORCE; a bare repository), 3 (not a repository, a read
 * or write failure, the text not reading back), 4 (the configuration
 * cannot be read for the check of the range).
 */
int fg_init_run(git_repository *repo, int force, FILE *out, FILE *err);

#endif
