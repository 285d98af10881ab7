/*
 * commitlint's letter cases (@commitlint/ensure: case.ts, to-case.ts) over
 * UTF-8 text, decoded to code points: the conversions to each case, and
 * the test that a text is in one (converting it changes nothing).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "textcase.h"

static const struct {
	const char *name;
	unsigned bit;
} case_names[] = {
	{ "lower-case", FG_CASE_LOWER }, { "upper-case", FG_CASE_UPPER },
	{ "camel-case", FG_CASE_CAMEL }, { "kebab-case", FG_CASE_KEBAB },
	{ "pascal-case", FG_CASE_PASCAL }, { "sentence-case", FG_CASE_SENTENCE },
	{ "snake-case", FG_CASE_SNAKE }, { "start-case", FG_CASE_START },
	/* commitlint's aliases (to-case.ts) */
	{ "lowercase", FG_CASE_LOWER }, { "uppercase", FG_CASE_UPPER },
	{ "sentencecase", FG_CASE_SENTENCE },
};

unsigned fg_case_parse(const char *name)
{
	for (size_t i = 0; name && i < sizeof(case_names) / sizeof(case_names[0]); i++)
		if (!strcmp(name, case_names[i].name))
			return case_names[i].bit;
	return 0;
}

const char *fg_case_name(unsigned case_bit)
{
	for (size_t i = 0; i < FG_CASE__COUNT; i++)
		if (case_names[i].bit == case_bit)
			return case_names[i].name;
	return NULL;
}

/* The lowercase of C (itself when it has none): the blocks textcase.h names. */
static uint32_t lower(uint32_t c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) ||
	    (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) || (c >= 0x410 && c <= 0x42F))
		return c + 0x20;
	if (c >= 0x400 && c <= 0x40F)
		return c + 0x50;
	if (c == 0x130)
		return 'i';
	if (c == 0x178)
		return 0xFF;
	if ((c >= 0x100 && c <= 0x12F) || (c >= 0x132 && c <= 0x137) || (c >= 0x14A && c <= 0x177))
		return c | 1; /* even upper, odd lower */
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
		return c & 1 ? c + 1 : c; /* odd upper, even lower */
	return c;
}

/* The uppercase of C (itself when it has none). */
static uint32_t upper(uint32_t c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7) ||
	    (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2) || (c >= 0x430 && c <= 0x44F))
		return c - 0x20;
	if (c >= 0x450 && c <= 0x45F)
		return c - 0x50;
	switch (c) {
	case 0x131: return 'I';
	case 0xFF: return 0x178;
	case 0x17F: return 'S';
	case 0x3C2: return 0x3A3;
	case 0xB5: return 0x39C;
	default: break;
	}
	if ((c >= 0x101 && c <= 0x12F) || (c >= 0x133 && c <= 0x137) || (c >= 0x14B && c <= 0x177))
		return c & 1 ? c - 1 : c;
	if ((c >= 0x13A && c <= 0x148) || (c >= 0x17A && c <= 0x17E))
		return c & 1 ? c : c - 1;
	return c;
}

static int is_upper(uint32_t c) { return lower(c) != c; }
static int is_lower(uint32_t c) { return upper(c) != c; }
static int is_digit(uint32_t c) { return c >= '0' && c <= '9'; }

/* A letter or mark without case (a word character, not a word break). */
static int is_other(uint32_t c)
{
	return c >= 0x80 && !(c <= 0xBF || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x206F) ||
			      (c >= 0x3000 && c <= 0x303F) || c == 0xFEFF) &&
	       !is_upper(c) && !is_lower(c);
}

/* JavaScript's String.prototype.trim white space and line terminators. */
static int js_space(uint32_t c)
{
	return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0xA0 || c == 0x1680 ||
	       (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
	       c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

/* TEXT[0..LEN) decoded into CP (room for LEN); invalid bytes become U+FFFD. Returns the count. */
static size_t decode(uint32_t *cp, const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t n = 0;

	for (size_t i = 0; i < len;) {
		unsigned c = s[i];
		size_t more = c < 0x80 ? 0 : c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
		uint32_t v = more == 0 ? c : c & (0x3Fu >> more);
		size_t k;

		if (c >= 0x80 && !more) {
			cp[n++] = 0xFFFD;
			i++;
			continue;
		}
		for (k = 1; k <= more && i + k < len && (s[i + k] & 0xC0) == 0x80; k++)
			v = v << 6 | (s[i + k] & 0x3Fu);
		cp[n++] = k == more + 1 ? v : 0xFFFD;
		i += k;
	}
	return n;
}

/*
 * The next word of CP[0..N) from *I on, as es-toolkit's words() finds
 * them in ordinary text: *START and *END, and *I past it. Returns 0 when
 * there is none left.
 */
static int next_word(const uint32_t *cp, size_t n, size_t *i, size_t *start, size_t *end)
{
	size_t j = *i;

	while (j < n && !is_upper(cp[j]) && !is_lower(cp[j]) && !is_other(cp[j]) && !is_digit(cp[j]))
		j++;
	if (j >= n)
		return 0;
	*start = j;
	if (is_upper(cp[j]) && j + 1 < n && is_lower(cp[j + 1])) {
		for (j++; j < n && is_lower(cp[j]); j++)
			;
	} else if (is_upper(cp[j])) {
		while (j < n && is_upper(cp[j]))
			j++;
		if (j < n && is_lower(cp[j]) && j - *start > 1)
			j--; /* "XMLHttp": the H starts the next word */
	} else if (is_digit(cp[j])) {
		while (j < n && is_digit(cp[j]))
			j++;
	} else {
		while (j < n && (is_lower(cp[j]) || is_other(cp[j])))
			j++;
	}
	*end = *i = j;
	return 1;
}

/* CP[0..N) converted to case CASE_BIT into OUT (room for 2N); returns its length. */
static size_t convert(uint32_t *out, const uint32_t *cp, size_t n, unsigned case_bit)
{
	size_t m = 0, at = 0, a, b;
	uint32_t sep = case_bit == FG_CASE_KEBAB ? '-' : case_bit == FG_CASE_SNAKE ? '_' :
		       case_bit == FG_CASE_START ? ' ' : 0;

	switch (case_bit) {
	case FG_CASE_LOWER:
	case FG_CASE_UPPER:
		for (size_t i = 0; i < n; i++)
			out[m++] = case_bit == FG_CASE_LOWER ? lower(cp[i]) : upper(cp[i]);
		return m;
	case FG_CASE_SENTENCE:
		for (size_t i = 0; i < n; i++)
			out[m++] = i ? cp[i] : upper(cp[i]);
		return m;
	default:
		break;
	}
	for (size_t k = 0; next_word(cp, n, &at, &a, &b); k++) {
		int all_upper = 1;

		for (size_t i = a; i < b; i++)
			all_upper &= upper(cp[i]) == cp[i];
		if (k && sep)
			out[m++] = sep;
		for (size_t i = a; i < b; i++) {
			uint32_t c = cp[i];

			switch (case_bit) {
			case FG_CASE_CAMEL:
			case FG_CASE_PASCAL: /* the first word lower (camel), the others capitalised */
				c = i == a && (k || case_bit == FG_CASE_PASCAL) ? upper(c) : lower(c);
				break;
			case FG_CASE_START: /* a word all in capitals stays as it is */
				c = all_upper ? c : i == a ? upper(c) : lower(c);
				break;
			default: /* kebab, snake */
				c = lower(c);
				break;
			}
			out[m++] = c;
		}
	}
	return m;
}

int fg_case_starts_with_letter(const char *text, size_t len)
{
	uint32_t cp[4];
	size_t n = decode(cp, text, len < 4 ? len : 4);

	return n && (is_upper(cp[0]) || is_lower(cp[0]));
}

int fg_case_is(const char *text, size_t len, unsigned case_bit)
{
	uint32_t *cp = malloc((len + 1) * sizeof(*cp)), *out = malloc((2 * len + 1) * sizeof(*out));
	size_t n, m = 0, a, b;
	int rc = -1;

	if (!cp || !out)
		goto done;
	n = decode(cp, text, len);
	/* `...`, "..." and '...' are taken out: names keep their own case */
	for (size_t i = 0; i < n; i++) {
		if (cp[i] == '`' || cp[i] == '"' || cp[i] == '\'') {
			size_t j = i + 1;

			/* /`.*?`/: up to the next same quote on the line, if there is one */
			while (j < n && cp[j] != cp[i] && cp[j] != '\n')
				j++;
			if (j < n && cp[j] == cp[i]) {
				i = j;
				continue;
			}
		}
		cp[m++] = cp[i];
	}
	for (a = 0; a < m && js_space(cp[a]); a++)
		;
	for (b = m; b > a && js_space(cp[b - 1]); b--)
		;
	m = convert(out, cp + a, b - a, case_bit);
	if (!m || is_digit(out[0]))
		rc = 1;
	else
		rc = m == b - a && !memcmp(out, cp + a, m * sizeof(*out));
done:
	free(cp);
	free(out);
	return rc;
}

/* CP[0..N) as UTF-8 into a new NUL-terminated string, or NULL when out of memory. */
static char *encode(const uint32_t *cp, size_t n)
{
	char *out = malloc(4 * n + 1), *o = out;

	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		uint32_t c = cp[i];

		if (c < 0x80) {
			*o++ = (char)c;
		} else if (c < 0x800) {
			*o++ = (char)(0xC0 | c >> 6);
			*o++ = (char)(0x80 | (c & 0x3F));
		} else if (c < 0x10000) {
			*o++ = (char)(0xE0 | c >> 12);
			*o++ = (char)(0x80 | (c >> 6 & 0x3F));
			*o++ = (char)(0x80 | (c & 0x3F));
		} else {
			*o++ = (char)(0xF0 | c >> 18);
			*o++ = (char)(0x80 | (c >> 12 & 0x3F));
			*o++ = (char)(0x80 | (c >> 6 & 0x3F));
			*o++ = (char)(0x80 | (c & 0x3F));
		}
	}
	*o = '\0';
	return out;
}

char *fg_case_to(const char *text, size_t len, unsigned case_bit)
{
	uint32_t *cp = malloc((len + 1) * sizeof(*cp)), *out = malloc((2 * len + 1) * sizeof(*out));
	char *s = NULL;

	if (cp && out)
		s = encode(out, convert(out, cp, decode(cp, text, len), case_bit));
	free(cp);
	free(out);
	return s;
}

/* The cases of CASES that SUBJECT[0..LEN) is in, into *IN. Returns 0, or -1 (out of memory). */
static int cases_of(const char *subject, size_t len, unsigned cases, unsigned *in)
{
	*in = 0;
	for (unsigned bit = 1; bit < 1u << FG_CASE__COUNT; bit <<= 1) {
		int rc;

		if (!(cases & bit))
			continue;
		if ((rc = fg_case_is(subject, len, bit)) < 0)
			return -1;
		if (rc)
			*in |= bit;
	}
	return 0;
}

int fg_case_judge(const char *subject, size_t len, unsigned cases, int never, unsigned *matched,
		  char **hint)
{
	unsigned in;
	size_t first;

	*matched = 0;
	if (hint)
		*hint = NULL;
	if (!fg_case_starts_with_letter(subject, len))
		return 0;
	if (cases_of(subject, len, cases, &in) < 0)
		return -1;
	*matched = in;
	if (never ? !in : in)
		return 0;
	if (!hint)
		return 1;
	/* a subject that passes: its first letter's case changed (never), or
	 * all of it converted to the first case allowed (always) */
	for (first = 1; first < len && ((unsigned char)subject[first] & 0xC0) == 0x80; first++)
		;
	for (unsigned bit = 1; bit < 1u << FG_CASE__COUNT && !*hint; bit <<= 1) {
		char *head, *try;
		unsigned got;
		int fails;

		if (never ? !(bit & (FG_CASE_LOWER | FG_CASE_UPPER)) : !(cases & bit))
			continue;
		if (never && (in & FG_CASE_UPPER) && bit == FG_CASE_LOWER) {
			try = fg_case_to(subject, len, bit); /* "ADD X": "add x", not "aDD X" */
		} else if (never) {
			if (!(head = fg_case_to(subject, first, bit)))
				return -1;
			try = malloc(strlen(head) + len - first + 1);
			if (try) {
				strcpy(try, head);
				memcpy(try + strlen(head), subject + first, len - first);
				try[strlen(head) + len - first] = '\0';
			}
			free(head);
		} else {
			try = fg_case_to(subject, len, bit);
		}
		if (!try)
			return -1;
		if (cases_of(try, strlen(try), cases, &got) < 0) {
			free(try);
			return -1;
		}
		fails = fg_case_starts_with_letter(try, strlen(try)) && (never ? got != 0 : got == 0);
		if (fails)
			free(try);
		else
			*hint = try;
	}
	return 1;
}
