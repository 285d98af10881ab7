/*
 * libFuzzer target: a committed `.flowgate` file. The whole input is the
 * file's text: parsed as a hook parses it (fg_config_parse_buffer, libgit2's
 * git-config parser through a memory file) and applied over the built-in
 * configuration (fg_config_apply_file, which validates every key and
 * compiles every pattern). A configuration it accepts is then used the way
 * the hooks use it: written out (`flowgate config`), branch and tag names
 * classified, a few messages checked (commit.ignore, types, scopes,
 * lengths), version files read with its patterns. The input, up to a NUL,
 * is also the value of FLOWGATE_SKIP (fg_config_apply_env).
 */
#include "fuzz.h"
#include "config.h"
#include "message.h"
#include "refname.h"
#include "gitinit.h"
#include "report.h"
#include "tag.h"
#include "version.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	FUZZ_ASSERT(fg_git_init() >= 0, "fg_git_init failed");
	return 0;
}

/* What the hooks do with an accepted configuration. */
static void use_config(struct fg_config *cfg)
{
	static const char *const branches[] = {
		"main", "dev/0.16.x", "release/0.16.x", "maint/0.15.x", "feature/x", "hotfix/y",
		"docs/z", "master", "release/0.16", "Feature/My Work",
	};
	static const char *const messages[] = {
		"feat: add the parser", "fix(core)!: drop the pool\n\nbody\n\nRefs #12",
		"Merge branch 'dev/0.16.x'", "wip: x", "chore(release): 0.16.0",
	};
	static const char *const tags[] = { "v0.16.0", "v0.16.0-rc1", "release-1", "0.16.1" };
	struct fg_vfile_content *contents;
	struct fg_version_set set;
	struct fg_report report;
	struct fg_branch b;
	struct fg_version v;

	FUZZ_ASSERT(fg_config_write(cfg, fuzz_devnull()) == 0, "fg_config_write failed");
	for (int r = 0; r < FG_RULE__COUNT; r++)
		(void)fg_config_severity(cfg, (enum fg_rule)r);
	fg_report_init(&report);
	report.severity = cfg->severity;
	for (size_t i = 0; i < sizeof(branches) / sizeof(branches[0]) && !cfg->error; i++) {
		char *s;

		(void)fg_branch_parse(cfg, branches[i], &b);
		(void)fg_check_branch_name(&report, cfg, branches[i], 1);
		if ((s = fg_branch_suggest(cfg, branches[i])))
			free(s);
	}
	for (size_t i = 0; i < sizeof(messages) / sizeof(messages[0]) && !cfg->error; i++)
		fg_check_message(&report, cfg, messages[i], NULL, NULL);
	for (size_t i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
		(void)fg_tag_parse(cfg, tags[i], &v);
		fg_check_tag(&report, cfg, tags[i], 1, "release: x", NULL, NULL);
	}
	/* every configured version file holding the same text */
	contents = calloc(cfg->nvfiles ? cfg->nvfiles : 1, sizeof(*contents));
	FUZZ_ASSERT(contents, "out of memory");
	for (size_t i = 0; i < cfg->nvfiles; i++) {
		static const char text[] =
			"0.16.0\nsetup(version='0.16.0')\ncovers halfORM **0.16.x**\n";
		contents[i].present = 1;
		contents[i].data = text;
		contents[i].len = sizeof(text) - 1;
	}
	fg_version_set_init(&set);
	if (fg_versions_extract(&set, cfg->vfiles, cfg->nvfiles, contents) == 0)
		(void)fg_versions_check(&report, &set, NULL, NULL);
	fg_version_set_release(&set);
	free(contents);
	FUZZ_ASSERT(!report.oom, "report out of memory");
	fg_report_print(&report, fuzz_devnull(), "pre-commit", 0, 0);
	report.severity = NULL;
	fg_report_release(&report);
}

static void one_input(const uint8_t *data, size_t size)
{
	struct fg_config cfg;
	git_config *file = NULL;
	char *skip;
	int rc;

	FUZZ_ASSERT(fg_config_init(&cfg) == 0, "fg_config_init failed");
	rc = fg_config_parse_buffer(&file, (const char *)data, size);
	if (rc == 0) {
		rc = fg_config_apply_file(&cfg, file, ".flowgate (fuzz)");
		FUZZ_ASSERT(rc == 0 || rc == -1, "fg_config_apply_file returned %d", rc);
		FUZZ_ASSERT(rc == 0 ? !cfg.error : cfg.error != NULL,
			    "fg_config_apply_file returned %d, error '%s'", rc,
			    cfg.error ? cfg.error : "(none)");
		if (rc == 0)
			use_config(&cfg);
	}
	git_config_free(file);
	git_error_clear();
	fg_config_release(&cfg);

	FUZZ_ASSERT(fg_config_init(&cfg) == 0, "fg_config_init failed");
	skip = fuzz_strndup(data, size);
	rc = fg_config_apply_env(&cfg, skip);
	FUZZ_ASSERT(rc == 0 ? !cfg.error : rc == -1 && cfg.error,
		    "fg_config_apply_env returned %d", rc);
	free(skip);
	fg_config_release(&cfg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FUZZ_RUN(one_input(data, size));
	return 0;
}
