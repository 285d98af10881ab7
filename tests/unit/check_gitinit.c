/*
 * Tests of gitinit.c: libgit2's last error as text, and the network a hook
 * never uses refused before any connection (the TLS stream fg_git_init
 * registers, or the HTTP subtransport's stub of the static link).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_flowgate.h"
#include "fixtures_git.h"
#include "gitinit.h"
#include "report.h"

static struct fg_test_repo fx;

static void gitinit_setup(void)
{
	fg_test_halform_create(&fx);
}

static void gitinit_teardown(void)
{
	fg_test_repo_release(&fx);
}

START_TEST(test_repo_tls_refused)
{
	/*
	 * A detached remote, not git_remote_create_anonymous: in libgit2 1.5.1
	 * the anonymous remote's insteadOf scan of the repository config leaks
	 * PCRE2 match data (fixed in 1.6, PR #6382), which make valgrind would
	 * report. The transport, and so the TLS stream, is the same. Refused
	 * before any connection: by the HTTP subtransport's stub in the static
	 * link (common/git/gitinit.c), by the TLS stream fg_git_init registers with
	 * the shared libgit2 (FLOWGATE_DYNAMIC=1).
	 */
	git_repository *repo = fg_test_open_from_env();
	git_remote *remote = NULL;
	const git_error *e;
	char *why;
	int rc;

	ck_assert_int_eq(git_remote_create_detached(&remote, "https://127.0.0.1:9/x.git"), 0);
	rc = git_remote_connect(remote, GIT_DIRECTION_FETCH, NULL, NULL, NULL);
	e = git_error_last();
	why = fg_strdupf("%s", e && e->message ? e->message : "(no error)");
	ck_assert_int_eq(git_remote_connected(remote), 0);
	git_remote_free(remote);
	git_repository_free(repo);
	ck_assert_msg(rc < 0, "connected: rc %d", rc);
	if (!strstr(why, "HTTP is disabled") && !strstr(why, "TLS is disabled")) {
		char msg[256];
		snprintf(msg, sizeof(msg), "error is not flowgate's HTTP or TLS refusal: %s", why);
		free(why);
		ck_abort_msg("%s", msg);
	}
	free(why);
}
END_TEST

START_TEST(test_git_error_fallback)
{
	git_error_clear();
	ck_assert_str_eq(fg_git_error(), "unknown libgit2 error");
	git_error_set_str(GIT_ERROR_INVALID, "boom");
	ck_assert_str_eq(fg_git_error(), "boom");
	git_error_clear();
}
END_TEST

/*
 * HOME unset: no global config, as in git (config.c, git_global_config),
 * where libgit2 would take the user's home directory from the password
 * database (sysdir.c, get_passwd_home); with HOME set, HOME's. The search
 * path is guessed again each time, and once more after, from HOME restored.
 */
START_TEST(test_no_home_no_global_config)
{
	char *dir = fg_test_mkdtemp(), *want, *saved_home = getenv("HOME");
	git_buf found = GIT_BUF_INIT;

	saved_home = saved_home ? strdup(saved_home) : NULL;
	want = fg_strdupf("%s/.gitconfig", dir);
	fg_test_write_file(want, "[user]\n\tname = x\n", 17, 0644);
	setenv("HOME", dir, 1);
	ck_assert_int_eq(git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL, NULL), 0);
	ck_assert_int_eq(git_config_find_global(&found), 0);
	ck_assert_str_eq(found.ptr, want);
	git_buf_dispose(&found);

	unsetenv("HOME");
	ck_assert_int_eq(git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL, NULL), 0);
	ck_assert_int_eq(git_config_find_global(&found), GIT_ENOTFOUND);
	git_buf_dispose(&found);
	if (saved_home)
		setenv("HOME", saved_home, 1);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL, NULL);
	free(saved_home);
	free(want);
	fg_test_rmtree(dir);
}
END_TEST

Suite *gitinit_suite(void)
{
	Suite *s = suite_create("gitinit");
	TCase *error = tcase_create("error");
	TCase *net = tcase_create("network");

	tcase_add_test(error, test_git_error_fallback);
	tcase_add_test(error, test_no_home_no_global_config);
	suite_add_tcase(s, error);

	tcase_add_checked_fixture(net, gitinit_setup, gitinit_teardown);
	tcase_add_test(net, test_repo_tls_refused);
	suite_add_tcase(s, net);
	return s;
}
