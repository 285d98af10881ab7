/*
 * libFuzzer target: reading and rewriting a version file with a configured
 * pattern ([versionFile "<path>"] pattern). The input's first line, up to
 * a NUL, is the PCRE2 pattern (an empty line: no pattern, the whole file);
 * the rest is the file's content, any bytes. Every value is found
 * (fg_vfile_find: each inside the data, the search always moving on),
 * the version is extracted (fg_versions_extract) and the file rewritten
 * (fg_vfile_rewrite, exact or series), as `flowgate bump` does.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include "fuzz.h"
#include "bump.h"
#include "pattern.h"
#include "version.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

/* Every value fg_vfile_find gives; returns their number, or the error. */
static int find_all(const struct fg_vfile_spec *spec, const char *data, size_t len)
{
	size_t from = 0, prev = 0;
	struct fg_span value;
	int n = 0, rc;

	while ((rc = fg_vfile_find(spec, data, len, &from, &value)) == 1) {
		FUZZ_ASSERT(from > prev, "fg_vfile_find did not move on (from %zu after %zu)",
			    from, prev);
		FUZZ_ASSERT(value.off == SIZE_MAX ? value.len == 0
						  : value.off <= len && value.len <= len - value.off,
			    "value %zu+%zu outside %zu bytes", value.off, value.len, len);
		if (value.off != SIZE_MAX && value.len)
			FUZZ_ASSERT(!memchr(" \t\n\r\v\f", data[value.off], 6) &&
				    !memchr(" \t\n\r\v\f", data[value.off + value.len - 1], 6),
				    "value not trimmed");
		prev = from;
		FUZZ_ASSERT(++n <= (int)len + 2, "more values than bytes");
	}
	FUZZ_ASSERT(rc == 0 || rc == -1 || rc == -2 || rc == -3, "fg_vfile_find returned %d", rc);
	return rc == 0 ? n : rc;
}

static void extract(const struct fg_vfile_spec *spec, const char *data, size_t len)
{
	struct fg_vfile_content content = { 1, data, len };
	struct fg_version_set set;
	int rc;

	fg_version_set_init(&set);
	rc = fg_versions_extract(&set, spec, 1, &content);
	FUZZ_ASSERT(rc == 0 || rc == -3, "fg_versions_extract returned %d", rc);
	if (rc == 0) {
		FUZZ_ASSERT(set.n <= 1, "%zu values of one file", set.n);
		for (size_t i = 0; i < set.n; i++)
			FUZZ_ASSERT(set.values[i].text, "a value without text");
		(void)fg_versions_exact(&set);
	}
	fg_version_set_release(&set);
}

static void rewrite(const struct fg_vfile_spec *spec, const char *data, size_t len, int found)
{
	char *out = NULL;
	size_t out_len = 0;
	int rc = fg_vfile_rewrite(&out, &out_len, spec, data, len, "1.2.3-rc4");

	FUZZ_ASSERT(rc >= FG_REWRITE_ETOOBIG && rc != FG_REWRITE_ENOMEM && rc != FG_REWRITE_EVERSION,
		    "fg_vfile_rewrite returned %d", rc);
	if (rc < 0) {
		FUZZ_ASSERT(!out && !out_len, "an error with a result");
		FUZZ_ASSERT(found < 0, "rewrite failed (%d) where find did not", rc);
	} else {
		FUZZ_ASSERT(found >= 0 && rc <= found, "%d spans rewritten of %d found", rc, found);
		FUZZ_ASSERT(out && out[out_len] == '\0', "result not NUL-terminated");
		if (rc == 0)
			FUZZ_ASSERT(out_len == len && !memcmp(out, data, len), "0 spans, data changed");
		free(out);
	}
	out = NULL;
	rc = fg_vfile_rewrite(&out, &out_len, spec, data, len, "0.16");
	FUZZ_ASSERT(rc == FG_REWRITE_EVERSION && !out, "a bad version accepted (%d)", rc);
}

/*
 * One pass of each kind, as `flowgate bump` makes them on one file (find
 * every value, extract the first, rewrite them all), so that the time
 * budget is that of one bump: kind = series when the data's length is odd.
 */
static void one_input(const uint8_t *data, size_t size)
{
	const uint8_t *line, *rest;
	size_t line_len, rest_len;
	char *source, *content, message[256];
	/* as config.c compiles a configured pattern */
	struct fg_pattern pattern = FG_PATTERN(NULL, PCRE2_AUTO_CALLOUT);
	struct fg_vfile_spec spec = { "VERSION", NULL, 0, 1 };
	size_t offset;
	int found;

	fuzz_split(data, size, &line, &line_len, &rest, &rest_len);
	source = fuzz_strndup(line, line_len);
	content = fuzz_dup(rest, rest_len);
	pattern.source = source;
	spec.pattern = *source ? &pattern : NULL;
	spec.series = (int)(rest_len & 1);
	if (*source && fg_pattern_compile(&pattern, message, sizeof(message), &offset) < 0) {
		/* a pattern the configuration would refuse */
		size_t from = 0;
		struct fg_span value;

		FUZZ_ASSERT(fg_vfile_find(&spec, content, rest_len, &from, &value) == -1,
			    "an uncompilable pattern matched");
	} else {
		found = find_all(&spec, content, rest_len);
		extract(&spec, content, rest_len);
		rewrite(&spec, content, rest_len, found);
	}
	fg_pattern_release(&pattern);
	free(source);
	free(content);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FUZZ_RUN(one_input(data, size));
	return 0;
}
