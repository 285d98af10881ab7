/* Rule summaries with the configured values in their placeholders. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "summary.h"
#include "textcase.h"

/* Non-zero when OPEN[1..CLOSE) is NAME. */
static int is(const char *open, const char *close, const char *name)
{
	return (size_t)(close - open - 1) == strlen(name) && !strncmp(open + 1, name, strlen(name));
}

char *fg_rule_summary(const struct fg_config *cfg, enum fg_rule rule)
{
	const char *p = fg_rule_info(rule)->summary;
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);

	if (!out)
		return NULL;
	while (*p) {
		const char *open = strchr(p, '{'), *close = open ? strchr(open, '}') : NULL;

		if (!close) {
			fputs(p, out);
			break;
		}
		fwrite(p, 1, (size_t)(open - p), out);
		if (is(open, close, "headerMax")) {
			fprintf(out, "%lu", cfg->header_max_length);
		} else if (is(open, close, "bodyMax")) {
			fprintf(out, "%lu", cfg->body_max_line_length);
		} else if (is(open, close, "bodyUrls")) {
			if (cfg->body_ignore_urls)
				fputs(", but a line holding a URL (rule.bodyMaxLineLength.ignoreUrls)", out);
		} else if (is(open, close, "subjectCase")) {
			int first = 1;

			fputs(cfg->subject_case_never ? "in none of:" : "in one of:", out);
			for (unsigned bit = 1; bit < 1u << FG_CASE__COUNT; bit <<= 1)
				if (cfg->subject_cases & bit) {
					fprintf(out, "%s %s", first ? "" : ",", fg_case_name(bit));
					first = 0;
				}
		} else {
			fwrite(open, 1, (size_t)(close - open + 1), out); /* not a placeholder */
		}
		p = close + 1;
	}
	if (fclose(out) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

void fg_rule_summary_defaults(struct fg_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->header_max_length = FG_DEFAULT_HEADER_MAX_LENGTH;
	cfg->body_max_line_length = FG_DEFAULT_BODY_MAX_LINE_LENGTH;
	cfg->body_ignore_urls = FG_DEFAULT_BODY_IGNORE_URLS;
	cfg->subject_cases = FG_DEFAULT_SUBJECT_CASES;
	cfg->subject_case_never = FG_DEFAULT_SUBJECT_CASE_NEVER;
}
