/*
 * Benchmark floor: the least a libgit2 hook can do. Initialise libgit2,
 * open the repository the way a hook does (GIT_DIR & co. from the
 * environment, else discovery from the working directory), free it.
 * Exit 0 on success, 3 when no repository can be opened.
 */
#include <git2.h>

int main(void)
{
	git_repository *repo = NULL;
	int rc;

	git_libgit2_init();
	rc = git_repository_open_ext(&repo, NULL, GIT_REPOSITORY_OPEN_FROM_ENV, NULL);
	git_repository_free(repo);
	return rc < 0 ? 3 : 0;
}
