/*
 * mangen: writes a manual page from its mdoc(7) source in docs/, putting
 * in what the program itself knows, so that the page and the program
 * cannot disagree: flowgate(1)'s synopsis and COMMANDS from the help table
 * (help.h), flowgate-rules(7)'s rules from the rule registry (rules.h), the
 * version. A build tool, run by the Makefile; never installed.
 *
 *   mangen SOURCE VERSION >PAGE
 *
 * In SOURCE, a line that is exactly `.\" @synopsis@`, `.\" @commands@` or
 * `.\" @rules@` is replaced by what it names, and `@VERSION@` anywhere by
 * VERSION. Exit status: 0, 1 when SOURCE cannot be read or PAGE written.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "help.h"
#include "quote.h"
#include "report.h"
#include "rules.h"
#include "summary.h"

/*
 * TEXT[0..LEN) as roff text: a backslash as \e, a non-ASCII UTF-8 character
 * as \[uXXXX] (the page is ASCII, whatever the reader's locale), and \&
 * first when it would start a line with a control character ('.' or ').
 */
static void text_n(FILE *out, const char *text, size_t len, int line_start)
{
	if (line_start && len && (text[0] == '.' || text[0] == '\''))
		fputs("\\&", out);
	for (size_t i = 0; i < len;) {
		uint32_t c;
		size_t n = fg_utf8_decode(text + i, len - i, &c);

		if (!n) { /* not UTF-8: the registry is, so this is never reached */
			fputc('?', out);
			i++;
		} else if (c == '\\') {
			fputs("\\e", out);
		} else if (c >= 0x80) {
			fprintf(out, "\\[u%04X]", (unsigned)c);
		} else {
			fputc((int)c, out);
		}
		i += n;
	}
}

/*
 * TEXT, prose, as one roff text line, each word behind \% so that no
 * identifier (FLOWGATE_SKIP, versionFile.<path>.pattern) is hyphenated.
 */
static void text_line(FILE *out, const char *text)
{
	for (int first = 1; *text; first = 0) {
		size_t len = strcspn(text, " ");

		if (!first)
			fputc(' ', out);
		fputs("\\%", out);
		text_n(out, text, len, 0);
		text += len;
		text += strspn(text, " ");
	}
	fputc('\n', out);
}

/* TEXT's '\n'-separated lines in a literal display, indented. */
static void literal(FILE *out, const char *text)
{
	fputs(".Bd -literal -offset indent\n", out);
	while (*text) {
		size_t len = strcspn(text, "\n");

		text_n(out, text, len, 1);
		fputc('\n', out);
		text += len + (text[len] == '\n');
	}
	fputs(".Ed\n", out);
}

/* One piece of a command-line word as an mdoc macro and its argument. */
static void piece(FILE *out, const char *p, size_t len)
{
	/* \& first: a word that is a macro's name (No, Ar) stays a word */
	if (len >= 2 && p[0] == '<' && p[len - 1] == '>') {
		fputs(" Ar \\&", out);
		text_n(out, p + 1, len - 2, 0);
	} else if (p[0] == '-') {
		fputs(" Fl ", out); /* Fl writes the first '-' itself */
		for (size_t i = 1; i < len; i++)
			fputs(p[i] == '-' ? "\\-" : (char[]){ p[i], '\0' }, out);
	} else if (len == 3 && !memcmp(p, "...", 3)) {
		fputs(" No ...", out);
	} else if (strspn(p, ".") == len) {
		fputs(" No \\&", out);
		text_n(out, p, len, 0);
	} else {
		fputs(" Cm \\&", out);
		text_n(out, p, len, 0);
	}
}

/*
 * The words of TEXT, a command line as help.h writes it ("--rev <commit>",
 * "[--commit [--tag]]", "<A>..<B>", "major|minor"), as the arguments of an
 * mdoc macro line: [ ] as Oo/Oc, | as a delimiter, --x as Fl, <x> as Ar,
 * other words as Cm, and the pieces of one word joined with Ns.
 */
static void words(FILE *out, const char *text)
{
	const char *p = text;
	int joined = 0; /* the next piece continues the word */

	while (*p) {
		size_t len;

		if (*p == ' ') {
			joined = 0;
			p++;
			continue;
		}
		if (*p == '[' || *p == ']') {
			fputs(*p == '[' ? " Oo" : " Oc", out);
			joined = 0; /* Oo and Oc space themselves */
			p++;
			continue;
		}
		if (*p == '|') {
			fputs(" |", out);
			joined = 0;
			p++;
			continue;
		}
		if (*p == '<') { /* <...> is one piece, brackets and all */
			const char *end = strchr(p, '>');
			len = end ? (size_t)(end - p) + 1 : strlen(p);
		} else if (*p == '.') {
			len = strspn(p, ".");
		} else {
			len = strcspn(p, " []|<");
			if (*p != '-' && memchr(p, '.', len) && len > 2 && !memcmp(p + len - 3, "...", 3))
				len -= 3;
		}
		if (joined)
			fputs(" Ns", out);
		piece(out, p, len);
		joined = 1;
		p += len;
	}
}

/* TEXT's words (words()) as a whole macro line. */
static void macro_line(FILE *out, const char *text)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *mem = open_memstream(&buf, &size);

	if (mem) {
		words(mem, text);
		fclose(mem);
	}
	fprintf(out, ".%s\n", buf && *buf ? buf + 1 : "No");
	free(buf);
}

static void synopsis(FILE *out)
{
	for (size_t i = 0; fg_help_get(i); i++) {
		const char *line = fg_help_get(i)->synopsis;

		while (*line) {
			size_t len = strcspn(line, "\n");
			char *copy = strndup(line + 9, len - 9); /* after "flowgate " */

			fputs(".Nm\n", out);
			macro_line(out, copy ? copy : "");
			free(copy);
			line += len + (line[len] == '\n');
		}
	}
	fputs(".Nm\n.Fl \\-version\n", out);
}

static void commands(FILE *out)
{
	for (size_t i = 0; fg_help_get(i); i++) {
		const struct fg_help *h = fg_help_get(i);
		const char *line = h->synopsis;

		fprintf(out, ".Ss %s\n", h->name);
		for (int first = 1; *line; first = 0) {
			size_t len = strcspn(line, "\n");
			char *copy = strndup(line + 9, len - 9);

			fputs(first ? ".Pp\n.Nm\n" : ".br\n.Nm\n", out);
			macro_line(out, copy ? copy : "");
			free(copy);
			line += len + (line[len] == '\n');
		}
		fputs(".Pp\n", out);
		text_line(out, h->description);
		if (h->options[0].name) {
			fputs(".Bl -tag -width Ds\n", out);
			for (const struct fg_help_option *o = h->options; o->name; o++) {
				fputs(".It", out);
				words(out, o->name);
				fputc('\n', out);
				text_line(out, o->text);
			}
			fputs(".El\n", out);
		}
		fputs(".Pp\nExit status:\n.Bl -tag -width 3n -compact\n", out);
		for (const struct fg_help_exit *e = h->exits; e->status; e++) {
			fprintf(out, ".It %s\n", e->status);
			text_line(out, e->text);
		}
		fputs(".El\n.Pp\nExample:\n", out);
		literal(out, h->example);
	}
}

/*
 * The rules, each as `flowgate explain <rule>` prints it under the built-in
 * defaults (DEFAULTS: the summaries' placeholders filled in).
 */
static void rules(FILE *out, const struct fg_config *defaults)
{
	char hooks[80], *line;

	for (int i = 0; i < FG_RULE__COUNT; i++) {
		const struct fg_rule_info *info = fg_rule_info((enum fg_rule)i);
		char *summary = fg_rule_summary(defaults, (enum fg_rule)i);

		fprintf(out, ".Ss %s\n", info->name);
		text_line(out, summary ? summary : info->summary);
		free(summary);
		/* the severity first: a long list of hooks never splits it */
		fprintf(out, ".Pp\nDefault severity: %s; hooks: %s.\n",
			fg_severity_config_name(info->severity),
			fg_hook_names(info->hooks, hooks, sizeof(hooks)));
		fputs(".Pp\nWhy:\n", out);
		text_line(out, info->why);
		fputs(".Pp\nPasses:\n", out);
		literal(out, info->passes);
		if (*info->fails) {
			fputs(".Pp\nFails:\n", out);
			literal(out, info->fails);
		}
		fputs(".Pp\nFix:\n", out);
		text_line(out, info->hint);
		line = fg_strdupf("Configure: [rule \"%s\"] severity = error|warn|info|off in "
				  ".flowgate, or git config flowgate.%s <severity>; "
				  "FLOWGATE_SKIP=%s for one command", info->name, info->name,
				  info->name);
		fputs(".Pp\n", out);
		text_line(out, line ? line : "");
		free(line);
	}
}

int main(int argc, char **argv)
{
	FILE *in;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;

	if (argc != 3) {
		fprintf(stderr, "usage: mangen SOURCE VERSION >PAGE\n");
		return 1;
	}
	if (!(in = fopen(argv[1], "r"))) {
		perror(argv[1]);
		return 1;
	}
	while ((len = getline(&line, &cap, in)) > 0) {
		const char *p, *at;

		if (!strcmp(line, ".\\\" @synopsis@\n")) {
			synopsis(stdout);
			continue;
		}
		if (!strcmp(line, ".\\\" @commands@\n")) {
			commands(stdout);
			continue;
		}
		if (!strcmp(line, ".\\\" @rules@\n")) {
			struct fg_config defaults;

			fg_rule_summary_defaults(&defaults);
			rules(stdout, &defaults);
			continue;
		}
		for (p = line; (at = strstr(p, "@VERSION@")); p = at + 9) {
			fwrite(p, 1, (size_t)(at - p), stdout);
			fputs(argv[2], stdout);
		}
		fputs(p, stdout);
	}
	free(line);
	fclose(in);
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}
