/*
 * Where git runs a clone's hooks, and what is there: the hooks directory as
 * git resolves it, the hook managers that own it or replace its hooks, each
 * hook file as git sees it, and the version a hook binary prints. Runs git
 * and hook binaries, reads files; judges nothing (doctor.c does, hookfile.c
 * reads the bytes).
 * Layer: git (common/README).
 */
#ifndef FLOWGATE_HOOKDIR_H
#define FLOWGATE_HOOKDIR_H

#include <stddef.h>
#include <stdio.h>
#include "hookfile.h"

/* A clone's hooks directory and the hook managers around it; every string owned. */
struct fg_hookdir {
	char *top;            /* the top of the work tree, absolute */
	char *hooks;          /* the hooks directory git runs hooks from, absolute */
	char *common_hooks;   /* $GIT_COMMON_DIR/hooks, where they are without
				 core.hooksPath; equal to HOOKS when the same directory */
	char *husky;          /* husky's scripts directory when husky runs the hooks */
	char *lefthook;       /* the lefthook configuration at the top: its name */
	char *lefthook_data;  /* its bytes, NUL-terminated */
	size_t lefthook_len;
	int lefthook_scripts; /* a script of lefthook's is in the hooks directory */
};

/*
 * fg_hookdir_open: fill DIR for the clone REPO (NULL: the current
 * directory's, as git finds it): the top of its work tree and the hooks
 * directory from git (`git rev-parse --show-toplevel`, then `--git-path
 * hooks` run at the top, where git reads a relative core.hooksPath, as
 * install.sh's hooks_dir_of; linked worktrees and submodules as git says);
 * husky when the hooks directory is husky 9's <dir>/_ (named .husky/_, or
 * its dispatcher h naming husky) or a .husky holding husky 4-8's _/h or
 * _/husky.sh (install.sh's husky_dir); otherwise lefthook's configuration
 * at the top (lefthook, .lefthook, .config/lefthook, each .yml .yaml .json
 * .jsonc .toml: install.sh's lefthook_config) and its scripts in the hooks
 * directory. Returns 0; else, its one-line error ("flowgate doctor: ...")
 * printed on ERR and DIR released: FG_EXIT_USAGE when REPO is a bare
 * repository, FG_EXIT_INTERNAL when REPO cannot be read or is no work tree,
 * git fails, or memory runs out.
 */
int fg_hookdir_open(struct fg_hookdir *dir, const char *repo, FILE *err);

/* fg_hookdir_release: free DIR's strings (a zeroed or released DIR is fine). */
void fg_hookdir_release(struct fg_hookdir *dir);

/* A hook file as git and flowgate see it. */
struct fg_hookdir_file {
	char *path;                 /* owned */
	int present;                /* there, a dangling link included (lstat) */
	int dangling;               /* a symbolic link to nothing */
	int exec;                   /* git runs it: access(2) X_OK, as git's find_hook */
	enum fg_hookfile_kind kind; /* fg_hookfile_kind of its bytes; OTHER when unread */
	char *data;                 /* its bytes when a readable regular file, else NULL */
	size_t len;
};

/*
 * fg_hookdir_read: F for the file at PATH (taken: freed by
 * fg_hookdir_file_release; NULL, out of memory, gives a file not present).
 */
void fg_hookdir_read(struct fg_hookdir_file *f, char *path);

void fg_hookdir_file_release(struct fg_hookdir_file *f);

/* fg_hookdir_is_flowgate: F is flowgate's launcher or a copy of a hook binary. */
int fg_hookdir_is_flowgate(const struct fg_hookdir_file *f);

/*
 * fg_hookdir_version: run the hook binary PATH with the one argument
 * --version (stdin /dev/null, stderr discarded) and copy the version it
 * prints (fg_hookfile_version) into BUF (SIZE bytes). Returns 0, or -1 when
 * it cannot be run, fails or prints no flowgate version (BUF "").
 */
int fg_hookdir_version(const char *path, char *buf, size_t size);

/* fg_hookdir_flowgate_on_path: an executable `flowgate` is on PATH. */
int fg_hookdir_flowgate_on_path(void);

#endif
