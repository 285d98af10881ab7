/* Escaping for the terminal and quoting for the POSIX shell (quote.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "quote.h"

size_t fg_utf8_decode(const char *text, size_t len, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)text;
	uint32_t c, min;
	size_t n;

	if (!len)
		return 0;
	if (p[0] < 0x80) {
		n = 1, c = p[0], min = 0;
	} else if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		n = 2, c = p[0] & 0x1Fu, min = 0x80;
	} else if ((p[0] & 0xF0) == 0xE0) {
		n = 3, c = p[0] & 0x0Fu, min = 0x800;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		n = 4, c = p[0] & 0x07u, min = 0x10000;
	} else {
		return 0; /* a continuation byte, C0, C1 (overlong 2-byte forms), F5-FF */
	}
	if (n > len)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3Fu);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	if (cp)
		*cp = c;
	return n;
}

int fg_code_point_is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

int fg_code_point_is_bidi(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

size_t fg_escape_next(const char *text, size_t len, unsigned flags, char *shown, size_t *taken)
{
	uint32_t cp;
	size_t n = fg_utf8_decode(text, len, &cp);

	if (!n) {
		*taken = 1;
		return (size_t)snprintf(shown, FG_ESC_MAX + 1, "\\x%02x", (unsigned char)text[0]);
	}
	*taken = n;
	if ((cp == '\n' && (flags & FG_ESC_NEWLINE)) ||
	    (cp == '\\' && !(flags & FG_ESC_BACKSLASH)) ||
	    (cp != '\\' && !fg_code_point_is_control(cp) && !fg_code_point_is_bidi(cp)))
		return 0;
	if (cp < 0x80)
		return (size_t)snprintf(shown, FG_ESC_MAX + 1, "\\x%02x", (unsigned)cp);
	return (size_t)snprintf(shown, FG_ESC_MAX + 1, "\\u%04X", (unsigned)cp);
}

size_t fg_escape_len(const char *text, size_t len, unsigned flags)
{
	char shown[FG_ESC_MAX + 1];
	size_t out = 0, taken, n;

	for (size_t i = 0; i < len; i += taken) {
		n = fg_escape_next(text + i, len - i, flags, shown, &taken);
		out += n ? n : taken;
	}
	return out;
}

char *fg_escape(const char *text, size_t len, unsigned flags)
{
	char *out = malloc(fg_escape_len(text, len, flags) + 1), *o = out;
	size_t taken, n;

	if (!out)
		return NULL;
	for (size_t i = 0; i < len; i += taken) {
		if ((n = fg_escape_next(text + i, len - i, flags, o, &taken)))
			o += n;
		else {
			memcpy(o, text + i, taken);
			o += taken;
		}
	}
	*o = '\0';
	return out;
}

char *fg_escaped(char *text, unsigned flags)
{
	size_t len;
	char *out;

	if (!text)
		return NULL;
	len = strlen(text);
	if (fg_escape_len(text, len, flags) == len) /* an escape is always longer than its bytes */
		return text;
	out = fg_escape(text, len, flags);
	free(text);
	return out;
}

/* A byte no POSIX shell gives a meaning to, in any position of a word. */
static int plain_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr("._/@%+=:,-", c));
}

char *fg_sh_quote(const char *text, size_t len, unsigned flags)
{
	int plain = len > 0 && !(flags & FG_SH_QUOTE_PLAIN), printf_form;
	char *out, *o;

	if (memchr(text, '\0', len) || (len && text[len - 1] == '\n')) {
		errno = EINVAL;
		return NULL;
	}
	for (size_t i = 0; i < len && plain; i++)
		plain = plain_byte((unsigned char)text[i]);
	if (plain) {
		if ((out = malloc(len + 1))) {
			memcpy(out, text, len);
			out[len] = '\0';
		}
		return out;
	}
	printf_form = fg_escape_len(text, len, 0) != len;
	/* at most 4 bytes for each of TEXT's ("\033", "'\''"), and "\"$(printf '" "')\"" */
	if (!(out = o = malloc(len * 4 + 16)))
		return NULL;
	o = stpcpy(o, printf_form ? "\"$(printf '" : "'");
	for (size_t i = 0, taken; i < len; i += taken) {
		char shown[FG_ESC_MAX + 1];
		int escape = fg_escape_next(text + i, len - i, 0, shown, &taken) != 0;

		for (size_t k = i; k < i + taken; k++) {
			unsigned char c = (unsigned char)text[k];

			if (escape || (printf_form && k == 0 && c == '-'))
				o += sprintf(o, "\\%03o", c);
			else if (c == '\'')
				o = stpcpy(o, "'\\''");
			else if (printf_form && (c == '\\' || c == '%'))
				o += sprintf(o, "%c%c", c, c);
			else
				*o++ = (char)c;
		}
	}
	o = stpcpy(o, printf_form ? "')\"" : "'");
	return out;
}
