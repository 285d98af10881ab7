/*
 * What a hook file is, read from its bytes: flowgate's launcher and the hook
 * binary it runs, a copy of a hook binary, the pre-commit framework's or
 * lefthook's script, or another; whether a script or a hook manager's
 * configuration runs `flowgate hook <hook>`; the version line a hook binary
 * prints. Pure: no I/O (doctor.c reads the files and decides).
 * Layer: git (common/README).
 */
#ifndef FLOWGATE_HOOKFILE_H
#define FLOWGATE_HOOKFILE_H

#include <stddef.h>

enum fg_hookfile_kind {
	FG_HOOKFILE_OTHER,     /* the user's or another tool's hook */
	FG_HOOKFILE_LAUNCHER,  /* flowgate's launcher (hooks/launch.c), install.sh's */
	FG_HOOKFILE_BINARY,    /* a flowgate hook binary itself: a copy an older install.sh made */
	FG_HOOKFILE_FRAMEWORK, /* the pre-commit framework's script (pre-commit install) */
	FG_HOOKFILE_LEFTHOOK   /* lefthook's script (lefthook install) */
};

/*
 * fg_hookfile_kind: what the hook file DATA[0..LEN) is, by the marks each
 * leaves: the pre-commit framework's template comment or one of the IDs its
 * install looks for in the first 1,024 bytes (install.sh's
 * is_framework_script); launch.c's "@(#)flowgate-hook launch"; hook.c's
 * "@(#)flowgate-hook" (install.sh's is_flowgate) without it; lefthook's
 * fingerprint LEFTHOOK (install.sh's lefthook_scripts); else OTHER.
 * DATA need not be NUL-terminated and may hold NUL bytes.
 */
enum fg_hookfile_kind fg_hookfile_kind(const char *data, size_t len);

/*
 * fg_hookfile_target: the path a launcher DATA[0..LEN) execs: the bytes
 * after its "@(#)flowgate-target:" marker up to their NUL (install.sh writes
 * the path there; launch.c reads at most 4,075 bytes). Returns 1 with
 * *TARGET newly allocated (the caller frees it), 0 with *TARGET NULL when
 * there is no marker or the path is empty (a launcher install.sh never
 * patched) or not NUL-terminated within DATA, -1 when out of memory.
 */
int fg_hookfile_target(const char *data, size_t len, char **target);

/*
 * fg_hookfile_runs_flowgate: whether the script DATA[0..LEN) has a command
 * `flowgate hook HOOK` (the flowgate word may carry a directory,
 * /usr/local/bin/flowgate; words separated by blanks; HOOK followed by a
 * blank, a quote, ';', '&', '|', ')' or the end of the line) outside a
 * comment (from a '#' at the start of a line or after a blank). Lines of
 * husky's .husky/<hook>, a hook of the user's, a hook manager's job.
 */
int fg_hookfile_runs_flowgate(const char *data, size_t len, const char *hook);

/*
 * fg_hookfile_framework_config: the configuration file the pre-commit
 * framework's script DATA[0..LEN) reads: its templated "--config=<path>"
 * (pre-commit 3.0.4's hook-tmpl), else ".pre-commit-config.yaml". A path
 * relative to the top of the work tree, where the framework runs. Newly
 * allocated; NULL when out of memory.
 */
char *fg_hookfile_framework_config(const char *data, size_t len);

/*
 * fg_hookfile_framework_names: whether the pre-commit framework's
 * configuration DATA[0..LEN) (YAML) names the hook id "flowgate-HOOK"
 * (flowgate's .pre-commit-hooks.yaml) in an "id:" line, quoted or not,
 * outside a comment.
 */
int fg_hookfile_framework_names(const char *data, size_t len, const char *hook);

/* A lefthook configuration's format, from its file name's extension. */
enum fg_lefthook_format { FG_LEFTHOOK_YAML, FG_LEFTHOOK_TOML, FG_LEFTHOOK_JSON };

/*
 * fg_lefthook_format_of: the format of lefthook configuration file NAME
 * (lefthook.toml: TOML; .json and .jsonc: JSON; else YAML).
 */
enum fg_lefthook_format fg_lefthook_format_of(const char *name);

/* What fg_hookfile_lefthook_scan found for one hook. */
struct fg_lefthook_scan {
	int runs;            /* a job of the hook's runs `flowgate hook <hook>` */
	size_t section_line; /* YAML: the line (from 1) of the top-level "<hook>:"; 0: none */
	size_t jobs_line;    /* YAML: the line of its "jobs:" block list; 0: none;
				(size_t)-1: the hook's part is a flow mapping or
				has a flow "jobs: [...]", no line to add under */
	char indent[17];     /* YAML: the indentation to add under that line */
};

/*
 * fg_hookfile_lefthook_scan: whether the lefthook configuration
 * DATA[0..LEN), in FORMAT, runs `flowgate hook HOOK` for HOOK
 * (fg_hookfile_runs_flowgate's test on the lines of HOOK's part: YAML, the
 * top-level key HOOK and the indented lines under it; TOML, the tables
 * [HOOK] and [HOOK.*], [[HOOK.*]]; JSON, anywhere: the command names its
 * hook), and, for YAML, where a job would go. Fills *OUT.
 */
void fg_hookfile_lefthook_scan(const char *data, size_t len, enum fg_lefthook_format format,
			       const char *hook, struct fg_lefthook_scan *out);

/*
 * fg_lefthook_job_command: what lefthook runs for HOOK, its arguments
 * quoted as lefthook substitutes them (install.sh's refuse_lefthook, the
 * README's jobs): "flowgate hook pre-commit", "flowgate hook pre-push
 * \"{1}\" \"{2}\"" (STDIN set: the job needs use_stdin), "flowgate hook
 * <hook> \"{1}\"" for the others. Newly allocated; NULL when out of memory.
 */
char *fg_lefthook_job_command(const char *hook, int *stdin_needed);

/*
 * fg_hookfile_lefthook_fix: the fix that makes lefthook configuration
 * CONFIG (its file name, in FORMAT; SCAN from fg_hookfile_lefthook_scan)
 * run flowgate for HOOK, as one line of text: for YAML, the exact line to
 * add and where (a top-level "<hook>: {jobs: [...]}" at the end of the
 * file when it has no HOOK key; else a job or a jobs list after the line
 * SCAN names, indented as SCAN says); for TOML and JSON, the command to
 * add as a job of HOOK. Newly allocated; NULL when out of memory.
 */
char *fg_hookfile_lefthook_fix(const char *config, enum fg_lefthook_format format,
			       const struct fg_lefthook_scan *scan, const char *hook);

/*
 * fg_hookfile_version: the version a hook binary printed for --version,
 * DATA[0..LEN): its first line is "flowgate <version>", the version one
 * word of printable ASCII. Copies it NUL-terminated into BUF (SIZE bytes)
 * and returns 0; -1 when the line is not so (BUF is then "") or the
 * version does not fit.
 */
int fg_hookfile_version(const char *data, size_t len, char *buf, size_t size);

#endif
