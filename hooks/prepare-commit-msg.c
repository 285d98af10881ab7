/*
 * prepare-commit-msg: git runs it after it has written the message file and
 * before it opens the editor, with the file's path, the message's source
 * (none, message, template, merge, squash or commit) and, for commit, the
 * commit (githooks(5); git 2.39's builtin/commit.c, prepare_to_commit). A
 * non-zero exit would abort the commit: flowgate's always exits 0. When
 * git is about to open an editor on a message nobody gave (no source, or
 * template), flowgate adds comment lines saying what the header must be
 * here: the format, the allowed types and scopes, the type the branch
 * calls for, the version the staged version files set; git's cleanup drops
 * them again. Every other message is left byte for byte as it is.
 */
#include "hooks.h"

FG_HOOK_MAIN("prepare-commit-msg", fg_run_prepare_commit_msg, 1)
