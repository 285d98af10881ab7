/*
 * The unit test runner: every module's suite in one SRunner. CK_ENV
 * honours Check's variables (CK_FORK=no under valgrind or gdb, CK_RUN_SUITE,
 * CK_RUN_CASE, CK_VERBOSITY); the exit status is non-zero when a test fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include "check_flowgate.h"
#include "gitinit.h"

int main(void)
{
	SRunner *sr = srunner_create(rules_suite());
	int failed;

	srunner_add_suite(sr, report_suite());
	srunner_add_suite(sr, report_term_suite());
	srunner_add_suite(sr, pattern_suite());
	srunner_add_suite(sr, version_suite());
	srunner_add_suite(sr, vfile_suite());
	srunner_add_suite(sr, refname_suite());
	srunner_add_suite(sr, cleanup_suite());
	srunner_add_suite(sr, gitform_suite());
	srunner_add_suite(sr, textcase_suite());
	srunner_add_suite(sr, retry_suite());
	srunner_add_suite(sr, summary_suite());
	srunner_add_suite(sr, message_suite());
	srunner_add_suite(sr, msgheader_suite());
	srunner_add_suite(sr, msgbody_suite());
	srunner_add_suite(sr, commit_suite());
	srunner_add_suite(sr, commit_header_suite());
	srunner_add_suite(sr, tag_suite());
	srunner_add_suite(sr, gitinit_suite());
	srunner_add_suite(sr, repo_suite());
	srunner_add_suite(sr, vfiles_suite());
	srunner_add_suite(sr, repoconfig_suite());
	srunner_add_suite(sr, commitctx_suite());
	srunner_add_suite(sr, oidset_suite());
	srunner_add_suite(sr, hook_suite());
	srunner_add_suite(sr, updates_suite());
	srunner_add_suite(sr, push_suite());
	srunner_add_suite(sr, config_suite());
	srunner_add_suite(sr, config_git_suite());
	srunner_add_suite(sr, config_rules_suite());
	srunner_add_suite(sr, cfgparse_suite());
	srunner_add_suite(sr, settings_suite());
	srunner_add_suite(sr, bump_suite());
	srunner_add_suite(sr, release_suite());
	srunner_add_suite(sr, bumpplan_suite());
	srunner_add_suite(sr, replace_suite());
	srunner_add_suite(sr, range_suite());
	srunner_add_suite(sr, hotfix_suite());
	srunner_add_suite(sr, refs_suite());
	srunner_add_suite(sr, tagref_suite());
	srunner_add_suite(sr, revert_suite());
	srunner_add_suite(sr, hotfixprint_suite());
	srunner_add_suite(sr, carrier_suite());
	srunner_add_suite(sr, quote_suite());
	srunner_add_suite(sr, doctor_suite());
	srunner_add_suite(sr, index_suite());
	srunner_add_suite(sr, notes_suite());
	srunner_add_suite(sr, detect_suite());
	srunner_add_suite(sr, guide_suite());

	srunner_add_suite(sr, suggest_suite());

	srunner_add_suite(sr, objects_suite());
	srunner_add_suite(sr, packs_suite());
	srunner_add_suite(sr, revparse_suite());
	srunner_add_suite(sr, walk_suite());

	srunner_add_suite(sr, help_suite());

	/* Refname validity is libgit2's: initialise it once;
	 * forked tests inherit it. */
	if (fg_git_init() < 0) {
		fprintf(stderr, "check_flowgate: cannot initialise libgit2: %s\n", fg_git_error());
		srunner_free(sr);
		return EXIT_FAILURE;
	}
	fg_test_run_begin();
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	fg_test_run_end();
	fg_git_shutdown();
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
