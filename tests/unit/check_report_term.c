/*
 * Tests of report.c on a terminal: colour (NO_COLOR, TERM, color.flowgate
 * and color.ui) and the excerpt under a message cut to the terminal's
 * width (COLUMNS, the terminal's size), on pseudo-terminals.
 */
#define _XOPEN_SOURCE 700 /* posix_openpt, grantpt, unlockpt, ptsname */
#include <fcntl.h>
#include <sys/ioctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check_flowgate.h"
#include "report.h"

/* Set or unset NO_COLOR for one check; restored by the caller's teardown. */

START_TEST(test_use_color_not_a_tty)
{
	int fds[2];

	ck_assert_int_eq(pipe(fds), 0);
	unsetenv("NO_COLOR");
	ck_assert_int_eq(fg_use_color(fds[1]), 0);
	setenv("NO_COLOR", "1", 1);
	ck_assert_int_eq(fg_use_color(fds[1]), 0);
	setenv("NO_COLOR", "", 1);
	ck_assert_int_eq(fg_use_color(fds[1]), 0);
	close(fds[0]);
	close(fds[1]);
	ck_assert_int_eq(fg_use_color(-1), 0);
}
END_TEST

START_TEST(test_use_color_tty)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY), slave;
	const char *name;

	ck_assert_msg(master >= 0, "posix_openpt failed: no pseudo-terminal to test with");
	ck_assert_int_eq(grantpt(master), 0);
	ck_assert_int_eq(unlockpt(master), 0);
	name = ptsname(master);
	ck_assert_ptr_nonnull(name);
	slave = open(name, O_RDWR | O_NOCTTY);
	ck_assert_int_ge(slave, 0);

	unsetenv("NO_COLOR");
	setenv("TERM", "xterm", 1); /* a terminal that is not dumb */
	ck_assert_int_ne(fg_use_color(slave), 0);
	setenv("NO_COLOR", "", 1); /* empty: no-color.org says colour stays on */
	ck_assert_int_ne(fg_use_color(slave), 0);
	setenv("NO_COLOR", "1", 1);
	ck_assert_int_eq(fg_use_color(slave), 0);
	setenv("NO_COLOR", "0", 1); /* any non-empty value disables colour */
	ck_assert_int_eq(fg_use_color(slave), 0);
	close(slave);
	close(master);
}
END_TEST

/* A pseudo-terminal's two ends, the slave COLS columns wide (0: left as it is). */
static void open_pty(int *master, int *slave, unsigned short cols)
{
	const char *name;

	*master = posix_openpt(O_RDWR | O_NOCTTY);
	ck_assert_msg(*master >= 0, "posix_openpt failed: no pseudo-terminal to test with");
	ck_assert_int_eq(grantpt(*master), 0);
	ck_assert_int_eq(unlockpt(*master), 0);
	name = ptsname(*master);
	ck_assert_ptr_nonnull(name);
	*slave = open(name, O_RDWR | O_NOCTTY);
	ck_assert_int_ge(*slave, 0);
	if (cols) {
		struct winsize ws = { 24, cols, 0, 0 };
		ck_assert_int_eq(ioctl(*slave, TIOCSWINSZ, &ws), 0);
	}
}

/* The environment the colour and width tests change, saved and put back (CK_FORK=no). */
static char *saved_env[3];
static const char *const saved_names[3] = { "COLUMNS", "TERM", "NO_COLOR" };

static void env_save(void)
{
	for (int i = 0; i < 3; i++) {
		const char *v = getenv(saved_names[i]);
		saved_env[i] = v ? strdup(v) : NULL;
	}
}

static void env_restore(void)
{
	for (int i = 0; i < 3; i++) {
		if (saved_env[i])
			setenv(saved_names[i], saved_env[i], 1);
		else
			unsetenv(saved_names[i]);
		free(saved_env[i]);
		saved_env[i] = NULL;
	}
}

/* The code points of TEXT[0..LEN). */
static size_t cps(const char *text, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)text[i] & 0xC0) != 0x80;
	return n;
}

/*
 * A line of LEN code points no 12 of which repeat (letters and 'é' from a
 * fixed pseudo-random sequence), so that any piece of it is found once.
 */
static char *random_line(size_t len)
{
	static const char *const symbols[] = { "a", "b", "c", "d", "e", "f", "g", "h", "i", "j",
		"k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z",
		"\xc3\xa9" };
	char *line = malloc(len * 2 + 1), *o = line;
	unsigned seed = 12345;

	ck_assert_ptr_nonnull(line);
	for (size_t i = 0; i < len; i++) {
		const char *sym;

		seed = seed * 1103515245u + 12345u;
		sym = symbols[(seed >> 16) % 27];
		memcpy(o, sym, strlen(sym));
		o += strlen(sym);
	}
	*o = '\0';
	return line;
}

/* The excerpt of V printed at COLUMNS, into memory. */
static char *excerpt_at(const struct fg_violation *v, size_t columns)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);

	ck_assert_ptr_nonnull(out);
	fg_violation_print_excerpt_width(v, out, "", "", columns);
	ck_assert_int_eq(fclose(out), 0);
	return buf;
}

/*
 * Lines of LEN code points, located at COLUMN with WIDTH carets, printed at
 * every width from 20 to 130 columns: both lines fit, the text shown is the
 * line's own (between "..." marks), and the first caret is under the
 * code point at COLUMN (after the end: just after the last one shown).
 */
static const struct {
	size_t len, column, width;
} fit_cases[] = {
	{ 30, 1, 5 },    { 30, 28, 10 },  { 60, 45, 1 },  { 60, 61, 1 },  { 120, 1, 120 },
	{ 120, 73, 48 }, { 150, 101, 50 }, { 150, 150, 1 }, { 150, 151, 1 }, { 300, 200, 3 },
	{ 300, 2, 1 },   { 300, 299, 2 },  { 95, 47, 49 }, { 101, 101, 1 }, { 101, 102, 1 },
};

START_TEST(test_excerpt_fits_the_width)
{
	char *line = random_line(fit_cases[_i].len);
	struct fg_report report;
	struct fg_violation *v;

	fg_report_init(&report);
	v = fg_report_add(&report, FG_RULE_HEADER_MAX_LENGTH, "x");
	fg_violation_locate(v, 1, fit_cases[_i].column, line, strlen(line), fit_cases[_i].width);
	ck_assert_ptr_nonnull(v->excerpt);
	for (size_t columns = 20; columns <= 130; columns++) {
		char *text = excerpt_at(v, columns), *nl = strchr(text, '\n'), *carets, *core, *at;
		size_t shown, lead, caret, ncarets, core_len;

		ck_assert_ptr_nonnull(nl);
		carets = nl + 1;
		shown = cps(text, (size_t)(nl - text));
		ck_assert_msg(shown <= columns, "case %d at %zu columns: excerpt of %zu: %s", _i,
			      columns, shown, text);
		ck_assert_msg(!strncmp(text, "    ", 4), "indented: %s", text);
		caret = strspn(carets, " ");
		ncarets = strspn(carets + caret, "^");
		ck_assert_str_eq(carets + caret + ncarets, "\n");
		ck_assert_msg(caret + ncarets <= columns, "case %d at %zu columns: carets end at %zu",
			      _i, columns, caret + ncarets);
		ck_assert_uint_ge(ncarets, 1);
		ck_assert_uint_le(ncarets, fit_cases[_i].width);
		/* the text between the marks (the line has no '.') is the line's own, found once */
		lead = strncmp(text + 4, "...", 3) ? 4 : 7;
		core = text + lead;
		core_len = (size_t)(nl - core);
		if (core_len >= 3 && !strncmp(nl - 3, "...", 3))
			core_len -= 3;
		ck_assert_uint_gt(core_len, 0);
		ck_assert_msg(caret >= lead, "case %d at %zu columns: a caret under a mark", _i,
			      columns);
		{
			char *piece = strndup(core, core_len);
			size_t caret_cp;

			at = strstr(line, piece);
			ck_assert_msg(at != NULL, "case %d at %zu columns: '%s' is not the line's",
				      _i, columns, piece);
			ck_assert_ptr_null(strstr(at + 1, piece));
			/* the caret's column in the line: where the piece starts, plus its offset */
			caret_cp = cps(line, (size_t)(at - line)) + (caret - lead) + 1;
			ck_assert_msg(caret_cp == fit_cases[_i].column,
				      "case %d at %zu columns: caret under column %zu, want %zu:\n%s",
				      _i, columns, caret_cp, fit_cases[_i].column, text);
			free(piece);
		}
		free(text);
	}
	fg_report_release(&report);
	free(line);
}
END_TEST

/* The case: a header of 150 characters at 50 columns, to the byte. */
START_TEST(test_excerpt_at_50_columns)
{
	static const char header[] = "feat: word01 word02 word03 word04 word05 word06 word07 "
		"word08 word09 word10 word11 word12 word13 word14 word15 word16 word17 word18 "
		"word19 word20 end.";
	struct fg_report report;
	struct fg_violation *v;
	char *text;

	fg_report_init(&report);
	v = fg_report_add(&report, FG_RULE_HEADER_MAX_LENGTH, "x");
	fg_violation_locate(v, 1, 73, header, sizeof(header) - 1, sizeof(header) - 1 - 72);
	text = excerpt_at(v, 50);
	/* column 73 is the 'd' of word10 */
	ck_assert_str_eq(text, "    ...ord06 word07 word08 word09 word10 word11...\n"
			       "                                     ^^^^^^^^^^\n");
	free(text);
	text = excerpt_at(v, 0); /* unknown width: as fg_violation_locate cut it */
	ck_assert_str_eq(text, "    ...ord06 word07 word08 word09 word10 word11 word12 word13 word14 "
			       "word15 word16 word17 word18 word19 wor...\n"
			       "                                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^"
			       "^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n");
	free(text);
	/* a line that fits is printed whole, whatever the width */
	v = fg_report_add(&report, FG_RULE_TYPE_ENUM, "y");
	fg_violation_locate(v, 1, 1, "feature: x", 10, 7);
	text = excerpt_at(v, 20);
	ck_assert_str_eq(text, "    feature: x\n    ^^^^^^^\n");
	free(text);
	fg_report_release(&report);
}
END_TEST

START_TEST(test_term_columns)
{
	int fds[2], master, slave;

	ck_assert_int_eq(pipe(fds), 0);
	setenv("COLUMNS", "50", 1);
	ck_assert_uint_eq(fg_term_columns(fds[1]), 50);
	ck_assert_uint_eq(fg_term_columns(-1), 50); /* COLUMNS, terminal or not */
	unsetenv("COLUMNS");
	ck_assert_uint_eq(fg_term_columns(fds[1]), 0); /* a pipe has no width */
	ck_assert_uint_eq(fg_term_columns(-1), 0);
	open_pty(&master, &slave, 61);
	ck_assert_uint_eq(fg_term_columns(slave), 61);
	setenv("COLUMNS", "72", 1);
	ck_assert_uint_eq(fg_term_columns(slave), 72); /* COLUMNS first, as git */
	/* not a width: the terminal's */
	static const char *const bad[] = { "", "0", "-5", "abc", "50x", "99999999999999999999" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		setenv("COLUMNS", bad[i], 1);
		ck_assert_msg(fg_term_columns(slave) == 61, "COLUMNS='%s'", bad[i]);
		ck_assert_msg(fg_term_columns(fds[1]) == 0, "COLUMNS='%s'", bad[i]);
	}
	close(fds[0]);
	close(fds[1]);
	close(slave);
	close(master);
}
END_TEST

/* fg_print_excerpt at the width of its stream: COLUMNS for a stream that is no terminal. */
START_TEST(test_print_excerpt_reads_columns)
{
	struct fg_report report;
	struct fg_violation *v;
	char *buf = NULL, *line = random_line(200);
	size_t size = 0;
	FILE *out;

	fg_report_init(&report);
	v = fg_report_add(&report, FG_RULE_BODY_MAX_LINE_LENGTH, "x");
	fg_violation_locate(v, 3, 150, line, strlen(line), 1);
	setenv("COLUMNS", "40", 1);
	ck_assert_ptr_nonnull(out = open_memstream(&buf, &size));
	fg_report_print(&report, out, "commit-msg", 0, 0);
	ck_assert_int_eq(fclose(out), 0);
	for (char *l = buf; *l;) {
		size_t len = strcspn(l, "\n");

		if (!strncmp(l, "    ", 4))
			ck_assert_msg(cps(l, len) <= 40, "a line of %zu: %.*s", cps(l, len), (int)len, l);
		l += len + (l[len] == '\n');
	}
	free(buf);
	fg_report_release(&report);
	free(line);
}
END_TEST

/*
 * Colour: color.flowgate, else color.ui, decides when set to always or
 * never; auto (or unset, or a value that is neither) colours a terminal
 * whose TERM is not dumb, unless NO_COLOR is set and not empty.
 */
static const struct {
	const char *flowgate, *ui, *no_color, *term;
	int tty, want;
} color_cases[] = {
	{ NULL, NULL, NULL, "xterm", 1, 1 },
	{ NULL, NULL, NULL, "xterm", 0, 0 },
	{ NULL, NULL, "1", "xterm", 1, 0 },
	{ NULL, NULL, "", "xterm", 1, 1 },
	{ NULL, NULL, NULL, "dumb", 1, 0 },
	{ NULL, NULL, NULL, NULL, 1, 0 },     /* no TERM: dumb, as git says */
	{ NULL, "always", NULL, "xterm", 0, 1 },
	{ NULL, "always", "1", "dumb", 0, 1 }, /* configuration wins over NO_COLOR */
	{ NULL, "never", NULL, "xterm", 1, 0 },
	{ NULL, "false", NULL, "xterm", 1, 0 },
	{ NULL, "auto", NULL, "xterm", 1, 1 },
	{ NULL, "true", NULL, "xterm", 0, 0 }, /* true is auto */
	{ NULL, "true", "1", "xterm", 1, 0 },
	{ "never", "always", NULL, "xterm", 1, 0 }, /* color.flowgate first */
	{ "always", "never", "1", "xterm", 0, 1 },
	{ "auto", "always", NULL, "xterm", 0, 0 },
	{ "ALWAYS", NULL, NULL, NULL, 0, 1 },         /* case ignored, as git */
	{ "sometimes", "never", NULL, "xterm", 1, 0 }, /* not a value: color.ui then */
	{ "sometimes", NULL, NULL, "xterm", 1, 1 },
	{ "off", NULL, NULL, "xterm", 1, 0 },
	{ "", NULL, NULL, "xterm", 1, 0 },           /* empty: false */
};

START_TEST(test_color_wanted)
{
	int fds[2], master, slave;

	ck_assert_int_eq(pipe(fds), 0);
	open_pty(&master, &slave, 0);
	if (color_cases[_i].no_color)
		setenv("NO_COLOR", color_cases[_i].no_color, 1);
	else
		unsetenv("NO_COLOR");
	if (color_cases[_i].term)
		setenv("TERM", color_cases[_i].term, 1);
	else
		unsetenv("TERM");
	ck_assert_msg(!fg_color_wanted(color_cases[_i].flowgate, color_cases[_i].ui,
				       color_cases[_i].tty ? slave : fds[1]) == !color_cases[_i].want,
		      "color.flowgate=%s color.ui=%s NO_COLOR=%s TERM=%s %s: want %d",
		      color_cases[_i].flowgate ? color_cases[_i].flowgate : "(unset)",
		      color_cases[_i].ui ? color_cases[_i].ui : "(unset)",
		      color_cases[_i].no_color ? color_cases[_i].no_color : "(unset)",
		      color_cases[_i].term ? color_cases[_i].term : "(unset)",
		      color_cases[_i].tty ? "terminal" : "pipe", color_cases[_i].want);
	close(fds[0]);
	close(fds[1]);
	close(slave);
	close(master);
}
END_TEST

Suite *report_term_suite(void)
{
	Suite *s = suite_create("report_term");
	TCase *color = tcase_create("color");
	TCase *width = tcase_create("width");

	tcase_add_checked_fixture(color, env_save, env_restore);
	tcase_add_test(color, test_use_color_not_a_tty);
	tcase_add_test(color, test_use_color_tty);
	tcase_add_loop_test(color, test_color_wanted, 0, (int)FG_COUNT(color_cases));
	suite_add_tcase(s, color);

	tcase_add_checked_fixture(width, env_save, env_restore);
	tcase_add_loop_test(width, test_excerpt_fits_the_width, 0, (int)FG_COUNT(fit_cases));
	tcase_add_test(width, test_excerpt_at_50_columns);
	tcase_add_test(width, test_term_columns);
	tcase_add_test(width, test_print_excerpt_reads_columns);
	suite_add_tcase(s, width);
	return s;
}
