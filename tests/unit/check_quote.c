/*
 * Tests of quote.c: strict UTF-8 decoding, the escaping of what flowgate
 * echoes (control bytes, C1, invalid UTF-8, overlong forms, surrogates,
 * bidirectional controls), and the POSIX shell words of hint commands,
 * checked by running them through sh and bash.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check_flowgate.h"
#include "quote.h"

static const struct {
	struct fg_bytes text;
	size_t len;  /* what fg_utf8_decode takes; 0: invalid */
	uint32_t cp;
} decode_cases[] = {
	{ FG_BYTES("a"), 1, 'a' },
	{ FG_BYTES("\x7f"), 1, 0x7f },
	{ FG_BYTES("\xc3\xa9"), 2, 0xe9 },                 /* é */
	{ FG_BYTES("\xc2\x80"), 2, 0x80 },                 /* the first C1 control */
	{ FG_BYTES("\xe2\x80\xae"), 3, 0x202e },           /* RIGHT-TO-LEFT OVERRIDE */
	{ FG_BYTES("\xef\xbf\xbd"), 3, 0xfffd },
	{ FG_BYTES("\xf0\x9f\x9a\x80"), 4, 0x1f680 },      /* 🚀 */
	{ FG_BYTES("\xf4\x8f\xbf\xbf"), 4, 0x10ffff },     /* the last code point */
	{ FG_BYTES("\x80"), 0, 0 },                        /* a stray continuation byte */
	{ FG_BYTES("\xc0\xaf"), 0, 0 },                    /* overlong '/' */
	{ FG_BYTES("\xc1\xbf"), 0, 0 },                    /* overlong */
	{ FG_BYTES("\xe0\x80\xaf"), 0, 0 },                /* overlong '/' in 3 bytes */
	{ FG_BYTES("\xe0\x9f\xbf"), 0, 0 },                /* overlong U+07FF */
	{ FG_BYTES("\xf0\x80\x80\xaf"), 0, 0 },            /* overlong '/' in 4 bytes */
	{ FG_BYTES("\xf0\x8f\xbf\xbf"), 0, 0 },            /* overlong U+FFFF */
	{ FG_BYTES("\xed\xa0\x80"), 0, 0 },                /* surrogate U+D800 */
	{ FG_BYTES("\xed\xbf\xbf"), 0, 0 },                /* surrogate U+DFFF */
	{ FG_BYTES("\xf4\x90\x80\x80"), 0, 0 },            /* U+110000 */
	{ FG_BYTES("\xf5\x80\x80\x80"), 0, 0 },
	{ FG_BYTES("\xff"), 0, 0 },
	{ FG_BYTES("\xe2\x80"), 0, 0 },                    /* cut short */
	{ FG_BYTES("\xe2\x28\xa1"), 0, 0 },                /* a bad continuation */
};

START_TEST(test_utf8_decode)
{
	uint32_t cp = 0xdead;
	size_t n = fg_utf8_decode(decode_cases[_i].text.data, decode_cases[_i].text.len, &cp);

	ck_assert_uint_eq(n, decode_cases[_i].len);
	if (n)
		ck_assert_uint_eq(cp, decode_cases[_i].cp);
	ck_assert_uint_eq(fg_utf8_decode("a", 0, NULL), 0);
}
END_TEST

static const struct {
	struct fg_bytes text;
	unsigned flags;
	const char *want;
} escape_cases[] = {
	{ FG_BYTES("feature/x"), 0, "feature/x" },
	{ FG_BYTES(""), 0, "" },
	{ FG_BYTES("it's \"quoted\""), 0, "it's \"quoted\"" },
	{ FG_BYTES("x'$(id>&2)'y"), 0, "x'$(id>&2)'y" },     /* shell syntax is not the terminal's */
	{ FG_BYTES("a\nb"), 0, "a\\x0ab" },
	{ FG_BYTES("a\nb"), FG_ESC_NEWLINE, "a\nb" },
	{ FG_BYTES("tab\there\r"), FG_ESC_NEWLINE, "tab\\x09here\\x0d" },
	{ FG_BYTES("\033]0;x\007 title"), 0, "\\x1b]0;x\\x07 title" }, /* OSC: set the title */
	{ FG_BYTES("\033[2J"), 0, "\\x1b[2J" },
	{ FG_BYTES("del\177"), 0, "del\\x7f" },
	{ FG_BYTES("nul\0byte"), 0, "nul\\x00byte" },
	{ FG_BYTES("back\\slash"), 0, "back\\slash" },
	{ FG_BYTES("back\\slash"), FG_ESC_BACKSLASH, "back\\x5cslash" },
	/* C1 controls: U+009B is CSI to a terminal that reads 8-bit controls */
	{ FG_BYTES("a\xc2\x9b" "31mb"), 0, "a\\u009B31mb" },
	{ FG_BYTES("\xc2\x80\xc2\x85\xc2\x9f"), 0, "\\u0080\\u0085\\u009F" },
	{ FG_BYTES("\xc2\xa0"), 0, "\xc2\xa0" },                 /* U+00A0 is no control */
	{ FG_BYTES("raw\x9b" "31m"), 0, "raw\\x9b31m" },          /* a lone C1 byte is not UTF-8 */
	{ FG_BYTES("caf\xe9"), 0, "caf\\xe9" },                   /* Latin-1 */
	{ FG_BYTES("\xff\xfe"), 0, "\\xff\\xfe" },
	{ FG_BYTES("\xc0\xaf"), 0, "\\xc0\\xaf" },                 /* overlong */
	{ FG_BYTES("\xe0\x80\xaf"), 0, "\\xe0\\x80\\xaf" },
	{ FG_BYTES("\xf0\x80\x80\xaf"), 0, "\\xf0\\x80\\x80\\xaf" },
	{ FG_BYTES("\xed\xa0\x80"), 0, "\\xed\\xa0\\x80" },        /* surrogate */
	{ FG_BYTES("\xf4\x90\x80\x80"), 0, "\\xf4\\x90\\x80\\x80" },
	{ FG_BYTES("x\xe2\x80"), 0, "x\\xe2\\x80" },               /* cut short at the end */
	/* bidirectional controls: every one, and their neighbours kept */
	{ FG_BYTES("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad\xe2\x80\xae"), 0,
	  "\\u202A\\u202B\\u202C\\u202D\\u202E" },
	{ FG_BYTES("\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9"), 0,
	  "\\u2066\\u2067\\u2068\\u2069" },
	{ FG_BYTES("feature/\xe2\x80\xae" "fdp.exe"), 0, "feature/\\u202Efdp.exe" },
	{ FG_BYTES("\xe2\x80\xa9\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa"), 0,
	  "\xe2\x80\xa9\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa" },
	/* other UTF-8 is shown as it is */
	{ FG_BYTES("feature/caf\xc3\xa9"), 0, "feature/caf\xc3\xa9" },
	{ FG_BYTES("\xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x9a\x80"), 0,
	  "\xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x9a\x80" },
};

START_TEST(test_escape)
{
	const struct fg_bytes *t = &escape_cases[_i].text;
	char *s = fg_escape(t->data, t->len, escape_cases[_i].flags), *owned;

	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s, escape_cases[_i].want);
	ck_assert_uint_eq(fg_escape_len(t->data, t->len, escape_cases[_i].flags), strlen(s));
	free(s);
	/* the owned form: the same text, the same pointer when nothing changes */
	if (!memchr(t->data, '\0', t->len)) {
		char *copy = strdup(t->data);

		owned = fg_escaped(copy, escape_cases[_i].flags);
		ck_assert_str_eq(owned, escape_cases[_i].want);
		if (!strcmp(t->data, escape_cases[_i].want))
			ck_assert_ptr_eq(owned, copy);
		free(owned);
	}
}
END_TEST

START_TEST(test_escape_null)
{
	ck_assert_ptr_null(fg_escaped(NULL, 0));
}
END_TEST

static const struct {
	struct fg_bytes text;
	const char *want;
	unsigned flags;
} sh_cases[] = {
	/* plain names stay as the existing hints print them */
	{ FG_BYTES("feature/x"), "feature/x", 0 },
	{ FG_BYTES("v0.16.0-rc1"), "v0.16.0-rc1", 0 },
	{ FG_BYTES("origin"), "origin", 0 },
	{ FG_BYTES("a@b%c+d=e:f,g"), "a@b%c+d=e:f,g", 0 },
	{ FG_BYTES("wip"), "'wip'", FG_SH_QUOTE_PLAIN },
	{ FG_BYTES("it's"), "'it'\\''s'", FG_SH_QUOTE_PLAIN },
	{ FG_BYTES("a\033"), "\"$(printf 'a\\033')\"", FG_SH_QUOTE_PLAIN },
	{ FG_BYTES(""), "''", 0 },
	{ FG_BYTES("a b"), "'a b'", 0 },
	{ FG_BYTES("it's"), "'it'\\''s'", 0 },
	{ FG_BYTES("x'$(id>&2)'y"), "'x'\\''$(id>&2)'\\''y'", 0 },
	{ FG_BYTES("$(touch pwned)`id`;|&<>*?[~#!{}"), "'$(touch pwned)`id`;|&<>*?[~#!{}'", 0 },
	{ FG_BYTES("back\\slash%"), "'back\\slash%'", 0 },
	{ FG_BYTES("feature/caf\xc3\xa9"), "'feature/caf\xc3\xa9'", 0 },
	/* bytes that must not reach a terminal raw: printf octal escapes */
	{ FG_BYTES("a\nb"), "\"$(printf 'a\\012b')\"", 0 },
	{ FG_BYTES("\033]0;x\007"), "\"$(printf '\\033]0;x\\007')\"", 0 },
	{ FG_BYTES("x\xe2\x80\xaey"), "\"$(printf 'x\\342\\200\\256y')\"", 0 },
	{ FG_BYTES("\xc2\x9b"), "\"$(printf '\\302\\233')\"", 0 },
	{ FG_BYTES("\xff'%\\"), "\"$(printf '\\377'\\''%%\\\\')\"", 0 },
	{ FG_BYTES("-\x01"), "\"$(printf '\\055\\001')\"", 0 },
	{ FG_BYTES("\xc0\xaf"), "\"$(printf '\\300\\257')\"", 0 },
	{ FG_BYTES("\xed\xa0\x80"), "\"$(printf '\\355\\240\\200')\"", 0 },
	{ FG_BYTES("caf\xc3\xa9\x7f"), "\"$(printf 'caf\xc3\xa9\\177')\"", 0 },
};

START_TEST(test_sh_quote)
{
	const struct fg_bytes *t = &sh_cases[_i].text;
	char *q = fg_sh_quote(t->data, t->len, sh_cases[_i].flags);

	ck_assert_ptr_nonnull(q);
	ck_assert_str_eq(q, sh_cases[_i].want);
	/* printed as it is: nothing left for the report to escape */
	ck_assert_uint_eq(fg_escape_len(q, strlen(q), 0), strlen(q));
	free(q);
}
END_TEST

START_TEST(test_sh_quote_refused)
{
	errno = 0;
	ck_assert_ptr_null(fg_sh_quote("name\n", 5, 0));
	ck_assert_int_eq(errno, EINVAL);
	errno = 0;
	ck_assert_ptr_null(fg_sh_quote("a\0b", 3, FG_SH_QUOTE_PLAIN));
	ck_assert_int_eq(errno, EINVAL);
}
END_TEST

/*
 * WORD run through SHELL as `printf %s WORD` from a script in DIR, where a
 * command substitution that ran would leave DIR/pwned: what it names, newly
 * allocated (its length in *LEN).
 */
static char *run_word(const char *shell, const char *dir, const char *word, size_t *len)
{
	char *script = fg_strdupf("%s/word.sh", dir), *cmd, *out;
	char *text = fg_strdupf("cd '%s' || exit 1\nprintf %%s %s\n", dir, word);
	FILE *p;

	fg_test_write_file(script, text, strlen(text), 0644);
	cmd = fg_strdupf("%s '%s'", shell, script);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	out = malloc(4096);
	*len = fread(out, 1, 4095, p);
	out[*len] = '\0';
	ck_assert_int_eq(pclose(p), 0);
	free(cmd);
	free(text);
	free(script);
	return out;
}

/* Hostile names pasted into sh and bash: exactly their bytes, nothing run. */
START_TEST(test_sh_quote_round_trip)
{
	static const char *const shells[] = { "sh", "bash" };
	char all[256];
	const struct fg_bytes names[] = {
		FG_BYTES("x'$(touch pwned)'y"),
		FG_BYTES("x\"$(touch pwned)\"`touch pwned`y"),
		FG_BYTES("'\\''%s%%\\n\\c\\0101"),
		FG_BYTES("\033]0;x\007$(touch pwned)"),
		FG_BYTES("feature/\xe2\x80\xae" "fdp\xff\xc0\xaf'$(touch pwned)'"),
		FG_BYTES("-n"),
		FG_BYTES("-e\x01"),
		FG_BYTES("\n\nlead"),
		FG_BYTES("feature/caf\xc3\xa9"),
		{ all, sizeof(all) - 1 },
	};
	char *dir = fg_test_mkdtemp(), *marker = fg_strdupf("%s/pwned", dir);

	for (int i = 1; i < 256; i++)
		all[i - 1] = (char)(i == '\n' ? 'n' : i); /* every byte but NUL; no newline last */
	all[255] = '\0';
	for (size_t s = 0; s < FG_COUNT(shells); s++)
		for (size_t i = 0; i < FG_COUNT(names); i++) {
			char *word = fg_sh_quote(names[i].data, names[i].len, 0), *got;
			size_t len;

			ck_assert_ptr_nonnull(word);
			got = run_word(shells[s], dir, word, &len);
			ck_assert_msg(len == names[i].len && !memcmp(got, names[i].data, len),
				      "%s: %s names other bytes", shells[s], word);
			ck_assert_msg(access(marker, F_OK) != 0, "%s: %s ran a command", shells[s],
				      word);
			free(got);
			free(word);
		}
	free(marker);
	fg_test_rmtree(dir);
}
END_TEST

Suite *quote_suite(void)
{
	Suite *s = suite_create("quote");
	TCase *utf8 = tcase_create("utf8");
	TCase *escape = tcase_create("escape");
	TCase *sh = tcase_create("sh");

	tcase_add_loop_test(utf8, test_utf8_decode, 0, (int)FG_COUNT(decode_cases));
	suite_add_tcase(s, utf8);

	tcase_add_loop_test(escape, test_escape, 0, (int)FG_COUNT(escape_cases));
	tcase_add_test(escape, test_escape_null);
	suite_add_tcase(s, escape);

	tcase_add_loop_test(sh, test_sh_quote, 0, (int)FG_COUNT(sh_cases));
	tcase_add_test(sh, test_sh_quote_refused);
	tcase_add_test(sh, test_sh_quote_round_trip);
	suite_add_tcase(s, sh);
	return s;
}
