/*
 * The help of the flowgate command: one table, one entry per command
 * (synopsis, description, options, exit statuses, an example), printed by
 * `flowgate <command> --help`, `flowgate help <command>` and
 * `flowgate --help`, and read by docs/mangen.c to write flowgate(1)'s
 * COMMANDS section: the command's help and its manual are one text.
 * Layer: engine (common/README).
 */
#ifndef FLOWGATE_HELP_H
#define FLOWGATE_HELP_H

#include <stddef.h>
#include <stdio.h>

#define FG_HELP_MAX_OPTIONS 10
#define FG_HELP_MAX_EXITS 6

/* One option (or argument) and what it does; NAME is as typed: "--rev <commit>". */
struct fg_help_option {
	const char *name;
	const char *text;
};

/* One exit status: STATUS ("0", "1", ...) and when the command exits with it. */
struct fg_help_exit {
	const char *status;
	const char *text;
};

/*
 * A command's help. Texts are plain ASCII prose without backslashes, one
 * paragraph each, unwrapped: fg_help_print wraps them, a manual page fills
 * them.
 */
struct fg_help {
	const char *name;        /* the command's word: "rules" */
	const char *summary;     /* one line for flowgate --help, lowercase, no full stop */
	const char *synopsis;    /* usage lines, '\n'-separated, each "flowgate <name> ..." */
	const char *description; /* one paragraph */
	struct fg_help_option options[FG_HELP_MAX_OPTIONS]; /* until a NULL name */
	struct fg_help_exit exits[FG_HELP_MAX_EXITS];       /* until a NULL status */
	const char *example;     /* one command line, as typed after "$ " */
};

/*
 * fg_help_get: the I-th command's help (0-based, in the order flowgate
 * --help lists them), or NULL when I is past the last. Static storage.
 */
const struct fg_help *fg_help_get(size_t i);

/* fg_help_find: the help of the command named NAME (exact match), or NULL. */
const struct fg_help *fg_help_find(const char *name);

/*
 * fg_help_print: H's whole help to OUT: "usage: " and the synopsis, the
 * description, "Options:" ("Arguments:" when none is an option,
 * "Arguments and options:" when some are), "Exit status:" and "Example:",
 * paragraphs wrapped at 79 columns.
 */
void fg_help_print(const struct fg_help *h, FILE *out);

/*
 * fg_help_print_usage: H's synopsis as "usage: flowgate ..." lines (the
 * later ones aligned under the first) to OUT: what a usage error prints
 * after its one line.
 */
void fg_help_print_usage(const struct fg_help *h, FILE *out);

/*
 * fg_help_print_all: the global help to OUT: the usage of the command
 * itself, one line per command (name and summary), where to read more.
 */
void fg_help_print_all(FILE *out);

#endif
