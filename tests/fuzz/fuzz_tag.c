/*
 * libFuzzer target: tag names and tag messages (what pre-push and
 * pre-receive read of a pushed tag). The input's first line, up to a NUL,
 * is the tag name without "refs/tags/"; the rest, up to a NUL, is the
 * annotated tag's message (none when there is no second line). The name is
 * parsed (fg_tag_parse: prefix + a workflow version, which must format
 * back to the very name), and the tag rules run on it (fg_check_tag),
 * lightweight and annotated, with and without the version files of its
 * commit and the repository's context (a tag of a tree or a blob among
 * them), under the built-in configuration and one with another prefix and
 * message prefixes.
 */
#include "fuzz.h"
#include "config.h"
#include "refname.h"
#include "gitinit.h"
#include "report.h"
#include "tag.h"
#include "version.h"

static struct fg_config cfgs[2];
static struct fg_version_set set;

static const char custom[] =
	"[tag]\n"
	"\tprefix = release-\n"
	"\tmessagePrefixes = rel: fix: maintenance:\n"
	"\tallowLightweight = true\n";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const struct fg_vfile_content contents[] = {
		{ 1, "0.16.0\n", 7 },
		{ 1, "setup(name='half_orm', version='0.16.0')\n", 42 },
		{ 1, "This documentation covers halfORM **0.16.x**\n", 45 },
	};
	git_config *file = NULL;

	(void)argc;
	(void)argv;
	FUZZ_ASSERT(fg_git_init() >= 0, "fg_git_init failed");
	FUZZ_ASSERT(fg_config_init(&cfgs[0]) == 0 && fg_config_init(&cfgs[1]) == 0,
		    "fg_config_init failed");
	FUZZ_ASSERT(fg_config_parse_buffer(&file, custom, sizeof(custom) - 1) == 0 &&
		    fg_config_apply_file(&cfgs[1], file, "fuzz") == 0, "custom configuration refused");
	git_config_free(file);
	fg_version_set_init(&set);
	FUZZ_ASSERT(fg_versions_extract(&set, fg_builtin_vfiles, fg_builtin_vfiles_count, contents) == 0,
		    "fg_versions_extract failed");
	return 0;
}

/* fg_tag_parse, and the name it accepted formats back to itself. */
static void parse_tag(const struct fg_config *cfg, const char *name)
{
	struct fg_version v;
	size_t plen = strlen(cfg->tag_prefix);
	char buf[FG_VERSION_TEXT_MAX];
	int rc = fg_tag_parse(cfg, name, &v), n;

	FUZZ_ASSERT(rc == 0 || rc == -1, "fg_tag_parse returned %d", rc);
	if (rc < 0)
		return;
	FUZZ_ASSERT(fg_version_is_workflow(&v) && !v.build, "'%s' is not a workflow version", name);
	n = fg_version_format(buf, sizeof(buf), &v);
	FUZZ_ASSERT(n > 0 && (size_t)n < sizeof(buf), "'%s' formats to %d bytes", name, n);
	FUZZ_ASSERT(!strncmp(name, cfg->tag_prefix, plen) && !strcmp(name + plen, buf),
		    "tag '%s' formats back as '%s%s'", name, cfg->tag_prefix, buf);
}

static void one_input(const uint8_t *data, size_t size)
{
	static const struct fg_tag_context tctxs[] = {
		{ 1, 1, 0, NULL, NULL, NULL, NULL },
		{ 1, 0, 1, NULL, NULL, NULL, NULL },
		{ 1, 1, 1, "0123456789abcdef0123456789abcdef01234567", "v0.16.0", NULL, NULL },
		{ 1, 0, 0, NULL, "v0.16.0-rc1", NULL, NULL },
		{ 0, 0, 0, NULL, NULL, "tree", NULL },
		{ 0, 0, 0, "0123456789abcdef0123456789abcdef01234567", NULL, "blob", NULL },
	};
	const uint8_t *line, *rest;
	size_t line_len, rest_len;
	char *name, *message;
	int has_message;

	fuzz_split(data, size, &line, &line_len, &rest, &rest_len);
	has_message = line_len < size;
	name = fuzz_strndup(line, line_len);
	message = fuzz_strndup(rest, rest_len);
	for (size_t c = 0; c < 2; c++) {
		struct fg_report report;

		parse_tag(&cfgs[c], name);
		fg_report_init(&report);
		report.severity = cfgs[c].severity;
		for (int annotated = 0; annotated < 2; annotated++) {
			const char *m = annotated && has_message ? message : NULL;

			fg_check_tag(&report, &cfgs[c], name, annotated, m, NULL, NULL);
			fg_check_tag(&report, &cfgs[c], name, annotated, m, &set, NULL);
			for (size_t t = 0; t < sizeof(tctxs) / sizeof(tctxs[0]); t++)
				fg_check_tag(&report, &cfgs[c], name, annotated, m,
					     t & 1 ? &set : NULL, &tctxs[t]);
		}
		FUZZ_ASSERT(!report.oom, "report out of memory");
		fg_report_print(&report, fuzz_devnull(), "pre-push", 1, 0);
		report.severity = NULL;
		fg_report_release(&report);
	}
	free(name);
	free(message);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FUZZ_RUN(one_input(data, size));
	return 0;
}
