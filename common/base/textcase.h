/*
 * The letter cases commitlint's subject-case rule knows (@commitlint/ensure:
 * case.ts and to-case.ts, on es-toolkit's lodash-compatible helpers), for
 * the subjectCase rule: a text is in a case when converting it to that case
 * leaves it as it is.
 * Layer: base (common/README).
 */
#ifndef FLOWGATE_TEXTCASE_H
#define FLOWGATE_TEXTCASE_H

#include <stddef.h>

/* One bit per case; a configuration holds a set of them. */
enum fg_case {
	FG_CASE_LOWER = 1u << 0,    /* lower-case */
	FG_CASE_UPPER = 1u << 1,    /* upper-case */
	FG_CASE_CAMEL = 1u << 2,    /* camel-case */
	FG_CASE_KEBAB = 1u << 3,    /* kebab-case */
	FG_CASE_PASCAL = 1u << 4,   /* pascal-case */
	FG_CASE_SENTENCE = 1u << 5, /* sentence-case */
	FG_CASE_SNAKE = 1u << 6,    /* snake-case */
	FG_CASE_START = 1u << 7     /* start-case */
};
#define FG_CASE__COUNT 8

/*
 * fg_case_parse: the case named NAME ("lower-case", "sentence-case", ...,
 * as commitlint writes them; its aliases "lowercase", "uppercase" and
 * "sentencecase" too), or 0 when NAME names none.
 */
unsigned fg_case_parse(const char *name);

/* fg_case_name: the name of case bit CASE_BIT ("lower-case"; static), or NULL. */
const char *fg_case_name(unsigned case_bit);

/*
 * fg_case_starts_with_letter: non-zero when TEXT[0..LEN) (UTF-8) starts
 * with a letter that has a case (commitlint checks no other subject).
 */
int fg_case_starts_with_letter(const char *text, size_t len);

/*
 * fg_case_is: commitlint's ensureCase: non-zero when TEXT[0..LEN) (UTF-8)
 * is in case CASE_BIT (one enum fg_case bit). Quoted parts (`...`, "...",
 * '...': names) are taken out and the rest trimmed; the rest is in the
 * case when converting it leaves it as it is, or converts to nothing or to
 * something starting with a digit. Words (camel, kebab, pascal, snake,
 * start) are split at white space and punctuation, between a lowercase
 * and an uppercase letter, before the last of a run of uppercase letters
 * that a lowercase one follows ("XMLHttp": XML, Http) and around digits.
 * Letters have a case in the Latin (ASCII, Latin-1, Latin Extended-A),
 * Greek and Cyrillic basic blocks; other characters have none. Returns
 * -1 when out of memory. Linear in LEN.
 */
int fg_case_is(const char *text, size_t len, unsigned case_bit);

/*
 * fg_case_to: TEXT[0..LEN) (UTF-8) converted to case CASE_BIT, newly
 * allocated and NUL-terminated (the caller frees it), or NULL when out of
 * memory. Nothing is taken out (quotes stay).
 */
char *fg_case_to(const char *text, size_t len, unsigned case_bit);

/*
 * fg_case_judge: commitlint's subject-case on SUBJECT[0..LEN) with the
 * cases CASES (a set of enum fg_case bits) and NEVER (0: "always", the
 * subject must be in one of them; 1: "never", in none of them). A subject
 * that does not start with a letter with a case passes. Returns 0 when it
 * passes, 1 when not, with *MATCHED the cases it is in (what "never"
 * refuses) and, when HINT is not NULL, *HINT a subject that passes (newly
 * allocated; NULL when none is found), -1 when out of memory.
 */
int fg_case_judge(const char *subject, size_t len, unsigned cases, int never, unsigned *matched,
		  char **hint);

#endif
