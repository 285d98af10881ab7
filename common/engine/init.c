/*
 * `flowgate init` (init.h): the work tree's version files read and handed
 * to detect.c, flowgate.since chosen among the release tags with
 * check-range's own judgement of what follows them, and the .flowgate
 * written through a temporary file once it reads back as meant.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "changelog.h"
#include "detect.h"
#include "fileio.h"
#include "hook.h"
#include "init.h"
#include "range.h"
#include "gitinit.h"
#include "repo.h"
#include "vfiles.h"

#define ORIGIN ".flowgate (flowgate init)"

struct init {
	git_repository *repo;
	const char *workdir;
	FILE *out, *err;
	struct fg_detection d;
	char *since;      /* owned; NULL: none */
	char *since_why;  /* owned comment */
	const char *tag_prefix;
	char *old;        /* the .flowgate there, NULL when none */
	size_t old_len;
};

/*
 * The regular file PATH under the work tree into *DATA (newly allocated,
 * NUL-terminated). Returns 1, 0 when there is none, -1 with *WHY (static)
 * when it cannot be used, -2 when it cannot be read (errno).
 */
static int read_regular(const struct init *in, const char *path, char **data, size_t *len,
			const char **why)
{
	char *full = fg_strdupf("%s%s", in->workdir, path);
	struct stat st;
	int fd, rc;

	*data = NULL;
	if (!full)
		return -2;
	if (lstat(full, &st) < 0) {
		rc = errno == ENOENT || errno == ENOTDIR ? 0 : -2;
	} else if (!S_ISREG(st.st_mode)) {
		*why = S_ISLNK(st.st_mode) ? "a symbolic link (flowgate reads no link)"
					   : "not a regular file";
		rc = -1;
	} else if (st.st_size > FG_VFILE_MAX_SIZE) {
		*why = "larger than 16 MiB";
		rc = -1;
	} else if ((fd = open(full, O_RDONLY | O_NOFOLLOW)) < 0 || fg_read_all(fd, data, len) < 0) {
		if (fd >= 0)
			close(fd);
		rc = -2;
	} else {
		close(fd);
		rc = 1;
	}
	free(full);
	return rc;
}

/* Each version file fg_detect_paths names, looked at. Returns 0 or an exit status. */
static int detect(struct init *in)
{
	for (size_t i = 0; i < fg_detect_paths_count; i++) {
		const char *path = fg_detect_paths[i], *why = NULL;
		char *data = NULL;
		size_t len = 0;
		int rc = read_regular(in, path, &data, &len, &why);

		if (rc == -2) {
			fg_print_line(in->err, "flowgate init: error: cannot read %s: %s", path,
				      strerror(errno));
			return FG_EXIT_INTERNAL;
		}
		if (rc == -1)
			fg_print_line(in->out, "flowgate init: %s: passed over: %s", path, why);
		rc = rc == 1 ? fg_detect_file(&in->d, path, data, len) : 0;
		free(data);
		if (rc < 0) {
			fprintf(in->err, "flowgate init: fatal: out of memory\n");
			return FG_EXIT_INTERNAL;
		}
	}
	return 0;
}

/* CFG from TEXT over the defaults. Returns 0, or -1 (CFG->error or out of memory). */
static int config_from(struct fg_config *cfg, const char *text)
{
	git_config *file = NULL;
	int rc = -1;

	if (fg_config_init(cfg) == 0 && fg_config_parse_buffer(&file, text, strlen(text)) == 0)
		rc = fg_config_apply_file(cfg, file, ORIGIN) == 0 ? 0 : -1;
	git_config_free(file);
	return rc;
}

/* What check-range says of a range: its commits' and tags' failures counted. */
static int count_failed(void *payload, const struct fg_range_entry *entry)
{
	if (entry->kind != FG_RANGE_BRANCH && fg_report_count(entry->report, FG_ERROR))
		++*(size_t *)payload;
	return 0;
}

/*
 * flowgate.since: the existing file's, else the last release tag when
 * check-range passes from it to HEAD under the new configuration, else
 * HEAD. Returns 0 or an exit status.
 */
static int choose_since(struct init *in)
{
	struct fg_config cfg;
	git_config *old = NULL;
	git_oid head, tag_id;
	char *tag = NULL, *text = NULL, *branch = NULL, *range = NULL, hex[GIT_OID_HEXSZ + 1];
	const char *kept = NULL;
	size_t failed = 0;
	int rc, status = FG_EXIT_INTERNAL;

	memset(&cfg, 0, sizeof(cfg));
	if (git_reference_name_to_id(&head, in->repo, "HEAD") < 0) {
		git_error_clear();
		return 0; /* an unborn branch: no history to leave out */
	}
	git_oid_tostr(hex, sizeof(hex), &head);
	if (fg_config_init(&cfg) < 0)
		goto out;
	if ((rc = fg_changelog_last_tag(in->repo, &cfg, &head, NULL, 1, &tag, &tag_id)) < 0) {
		fg_print_line(in->err, "flowgate init: fatal: cannot list the tags: %s", fg_git_error());
		goto out;
	}
	fg_config_release(&cfg);
	if (tag && tag[0] != 'v')
		in->tag_prefix = ""; /* 1.2.0, not v1.2.0 */
	/* a rerun keeps the adoption point of the file there */
	if (in->old && fg_config_parse_buffer(&old, in->old, in->old_len) == 0 &&
	    git_config_get_string(&kept, old, "flowgate.since") == 0 && kept && *kept) {
		in->since = strdup(kept);
		in->since_why = strdup("kept from the .flowgate that was there");
		status = in->since && in->since_why ? 0 : FG_EXIT_INTERNAL;
		git_config_free(old);
		goto out;
	}
	git_config_free(old);
	git_error_clear();
	if (tag) {
		struct fg_range_options opts = { NULL, 0, count_failed, &failed };

		if (!(text = fg_detect_config_text(&in->d, NULL, NULL, in->tag_prefix)) ||
		    config_from(&cfg, text) < 0 || !(range = fg_strdupf("%s..%s", tag, hex))) {
			fg_print_line(in->err, "flowgate init: fatal: the configuration written does "
				      "not read back: %s", cfg.error ? cfg.error : "out of memory");
			goto out;
		}
		if (fg_repo_head_branch(in->repo, &branch) == 0)
			opts.branch = branch;
		git_error_clear();
		if ((rc = fg_range_check(in->repo, &cfg, range, &opts)) < 0) {
			fg_print_line(in->err, "flowgate init: fatal: cannot check %s: %s", range,
				      cfg.error ? cfg.error : fg_git_error());
			status = cfg.error ? FG_EXIT_CONFIG : FG_EXIT_INTERNAL;
			goto out;
		}
	}
	if (tag && !failed) {
		in->since = tag;
		tag = NULL;
		in->since_why = fg_strdupf("the latest release tag: it and the history before it "
					   "are never checked");
	} else {
		in->since = strdup(hex);
		in->since_why = tag ? fg_strdupf("HEAD when flowgate init ran: %zu commit%s or tag%s "
						 "after %s would fail flowgate check-range", failed,
						 failed == 1 ? "" : "s", failed == 1 ? "" : "s", tag)
				    : fg_strdupf("HEAD when flowgate init ran (no release tag): it "
						 "and the history before it are never checked");
	}
	status = in->since && in->since_why ? 0 : FG_EXIT_INTERNAL;
out:
	fg_config_release(&cfg);
	free(tag);
	free(text);
	free(branch);
	free(range);
	return status;
}

/*
 * TEXT read back as the hooks read it: each version file found gives the
 * value it was found with. Returns 0, or -1 with the problem on ERR.
 */
static int read_back(struct init *in, const char *text)
{
	struct fg_config cfg;
	struct fg_vfiles files;
	int rc = -1;

	memset(&files, 0, sizeof(files));
	if (config_from(&cfg, text) == 0 &&
	    fg_vfiles_from_workdir(&files, in->workdir, &cfg) == 0 && files.set.n == in->d.n) {
		rc = 0;
		for (size_t i = 0; i < in->d.n; i++)
			if (strcmp(files.set.values[i].path, in->d.files[i].path) ||
			    strcmp(files.set.values[i].text, in->d.files[i].value))
				rc = -1;
	}
	if (rc < 0)
		fg_print_line(in->err, "flowgate init: fatal: the .flowgate it would write does not "
			      "read back as meant (%s); nothing was written", cfg.error ? cfg.error
			      : "a version differs");
	fg_vfiles_release(&files);
	fg_config_release(&cfg);
	return rc;
}

/* What was found, and what the files say together. */
static void report_found(const struct init *in)
{
	const char *first = NULL;
	int disagree = 0;

	for (size_t i = 0; i < in->d.nnotes; i++)
		fg_print_line(in->out, "flowgate init: %s", in->d.notes[i]);
	for (size_t i = 0; i < in->d.n; i++) {
		const struct fg_detected *f = &in->d.files[i];

		fg_print_line(in->out, "flowgate init: %s: %s (%s)", f->path, f->value, f->what);
		if (!f->series) {
			disagree |= first && strcmp(first, f->value);
			first = first ? first : f->value;
		}
	}
	if (!in->d.n)
		fprintf(in->out, "flowgate init: warning: no version file found: declare yours in "
			".flowgate as [versionFile \"<path>\"] (man 5 flowgate-config); until then the "
			"halfORM defaults apply and flowgate version fails\n");
	if (disagree)
		fprintf(in->out, "flowgate init: warning: the version files disagree: make them say "
			"one version before the next commit, which pre-commit refuses otherwise "
			"(versionConsistency)\n");
}

int fg_init_run(git_repository *repo, int force, FILE *out, FILE *err)
{
	struct init in;
	char *text = NULL, *path = NULL;
	struct stat st;
	mode_t mode = 0644, mask;
	const char *why = NULL;
	int status;

	memset(&in, 0, sizeof(in));
	in.repo = repo;
	in.out = out;
	in.err = err;
	fg_detection_init(&in.d);
	if (!repo) {
		fprintf(err, "flowgate init: fatal: not in a git repository; run it in the clone "
			"to configure\n");
		return FG_EXIT_INTERNAL;
	}
	if (!(in.workdir = git_repository_workdir(repo))) {
		fprintf(err, "flowgate init: error: the repository is bare; run flowgate init in a "
			"clone with a work tree, then commit .flowgate\n");
		return FG_EXIT_VIOLATION;
	}
	if ((status = read_regular(&in, ".flowgate", &in.old, &in.old_len, &why)) < 0) {
		fg_print_line(err, "flowgate init: error: cannot read .flowgate: %s",
			      status == -1 ? why : strerror(errno));
		status = FG_EXIT_INTERNAL;
		goto out;
	}
	if ((status = detect(&in)) || (status = choose_since(&in)))
		goto out;
	status = FG_EXIT_INTERNAL;
	/* the file says what since is, not why this one: a rerun writes the same text */
	if (!(text = fg_detect_config_text(&in.d, in.since, "the last commit before flowgate: it "
					   "and the history before it are never checked",
					   in.tag_prefix)) ||
	    !(path = fg_strdupf("%s.flowgate", in.workdir))) {
		fprintf(err, "flowgate init: fatal: out of memory\n");
		goto out;
	}
	if (read_back(&in, text) < 0)
		goto out;
	report_found(&in);
	if (in.since)
		fg_print_line(out, "flowgate init: since = %s (%s)", in.since, in.since_why);
	if (in.old && in.old_len == strlen(text) && !memcmp(in.old, text, in.old_len)) {
		fprintf(out, "flowgate init: .flowgate is already so; nothing was written\n");
		status = 0;
		goto out;
	}
	if (in.old && !force) {
		fprintf(out, "flowgate init: it would write:\n%s", text);
		fprintf(err, "flowgate init: error: .flowgate exists and says otherwise; nothing was "
			"written; replace it with flowgate init --force (then git diff .flowgate)\n");
		status = FG_EXIT_VIOLATION;
		goto out;
	}
	if (in.old && lstat(path, &st) == 0)
		mode = st.st_mode & 07777;
	else {
		mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	if (fg_replace_file(path, text, strlen(text), mode, 1) < 0) {
		fg_print_line(err, "flowgate init: error: cannot write %s: %s; nothing was changed",
			      path, strerror(errno));
		goto out;
	}
	fprintf(out, "flowgate init: wrote .flowgate%s; next:\n"
		"    git add .flowgate && git commit -m 'chore: adopt flowgate'\n"
		"    flowgate install    # the hooks, once in every clone (flowgate doctor checks)\n",
		in.old ? " (replaced)" : "");
	status = ferror(out) ? FG_EXIT_INTERNAL : 0;
out:
	fg_detection_release(&in.d);
	free(in.since);
	free(in.since_why);
	free(in.old);
	free(text);
	free(path);
	return status;
}
