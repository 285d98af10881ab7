/*
 * `flowgate changelog` (changelog.h): the commits of a range read with
 * libgit2 and handed to notes.c, the range's default start found among the
 * release tags, commit IDs abbreviated as git 2.39 abbreviates them, and a
 * changelog file rewritten through a temporary file and rename(2).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "changelog.h"
#include "fileio.h"
#include "hook.h"
#include "message.h"
#include "gitinit.h"
#include "vfiles.h"
#include "tag.h"

/* ---- arguments ---------------------------------------------------------- */

int fg_changelog_parse_args(struct fg_changelog_options *opts, int argc, char **argv, FILE *err)
{
	memset(opts, 0, sizeof(*opts));
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--format") && i + 1 < argc) {
			const char *f = argv[++i];

			if (!strcmp(f, "markdown"))
				opts->format = FG_NOTES_MARKDOWN;
			else if (!strcmp(f, "text"))
				opts->format = FG_NOTES_TEXT;
			else if (!strcmp(f, "json"))
				opts->format = FG_NOTES_JSON;
			else {
				fg_print_line(err, "flowgate changelog: error: unknown format '%s'; use "
					      "markdown, text or json", f);
				return FG_EXIT_USAGE;
			}
		} else if (!strcmp(argv[i], "--write") && i + 1 < argc && *argv[i + 1]) {
			opts->write = argv[++i];
		} else if (argv[i][0] != '-' && !opts->range && *argv[i]) {
			opts->range = argv[i];
		} else {
			fg_print_line(err, "flowgate changelog: error: unexpected argument '%s'",
				      argv[i]);
			return FG_EXIT_USAGE;
		}
	}
	if (opts->write && opts->format == FG_NOTES_JSON) {
		fprintf(err, "flowgate changelog: error: --write adds a section to a changelog in "
			"markdown or text, not json; drop --format json\n");
		return FG_EXIT_USAGE;
	}
	return 0;
}

/* ---- abbreviated IDs ---------------------------------------------------- */

/* The objects the pack indexes in DIR hold: git's repo_approximate_object_count. */
static unsigned long packed_objects(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	unsigned long count = 0;

	while (d && (de = readdir(d))) {
		size_t n = strlen(de->d_name);
		unsigned char head[1032];
		char *path;
		int fd;

		if (n < 5 || strcmp(de->d_name + n - 4, ".idx") || !(path = fg_strdupf("%s/%s", dir, de->d_name)))
			continue;
		fd = open(path, O_RDONLY);
		free(path);
		if (fd < 0)
			continue;
		/* version 2 starts "\377tOc" and its number; version 1 is the fan-out alone */
		if (read(fd, head, sizeof(head)) == (ssize_t)sizeof(head)) {
			size_t at = !memcmp(head, "\377tOc", 4) ? 8 + 255 * 4 : 255 * 4;

			count += (unsigned long)head[at] << 24 | (unsigned long)head[at + 1] << 16 |
				 (unsigned long)head[at + 2] << 8 | head[at + 3];
		}
		close(fd);
	}
	if (d)
		closedir(d);
	return count;
}

int fg_abbrev_init(struct fg_abbrev *abbrev, git_repository *repo)
{
	git_config *config = NULL;
	git_buf value = GIT_BUF_INIT;
	int rc, b;

	memset(abbrev, 0, sizeof(*abbrev));
	abbrev->len = 0;
	if ((rc = git_repository_odb(&abbrev->odb, repo)) < 0)
		return rc;
	if (git_repository_config_snapshot(&config, repo) == 0 &&
	    git_config_get_string_buf(&value, config, "core.abbrev") == 0 && value.ptr &&
	    strcasecmp(value.ptr, "auto")) {
		char *end;
		long n = strtol(value.ptr, &end, 10);

		if (end != value.ptr && !*end && n >= 4 && n <= GIT_OID_HEXSZ)
			abbrev->len = (size_t)n;
		else if (git_config_parse_bool(&b, value.ptr) == 0 && !b)
			abbrev->len = GIT_OID_HEXSZ;
	}
	git_error_clear();
	git_buf_dispose(&value);
	git_config_free(config);
	if (!abbrev->len) {
		char *dir = fg_strdupf("%sobjects/pack", git_repository_commondir(repo));
		unsigned long count = dir ? packed_objects(dir) : 0;
		size_t msb = 0;

		free(dir);
		while (count >>= 1)
			msb++;
		abbrev->len = (msb + 1 + 1) / 2;
		if (abbrev->len < 7)
			abbrev->len = 7;
	}
	return 0;
}

void fg_abbrev_release(struct fg_abbrev *abbrev)
{
	git_odb_free(abbrev->odb);
	memset(abbrev, 0, sizeof(*abbrev));
}

void fg_abbrev_id(struct fg_abbrev *abbrev, const git_oid *id, char *out)
{
	size_t len = abbrev->len;
	git_oid found;

	while (len < GIT_OID_HEXSZ &&
	       git_odb_exists_prefix(&found, abbrev->odb, id, len) == GIT_EAMBIGUOUS)
		len++;
	git_error_clear();
	git_oid_tostr(out, len + 1, id);
}

/* ---- the range ---------------------------------------------------------- */

/* The version commit ID's version files agree on, newly allocated into *OUT (NULL: none). */
static int version_at(char **out, git_repository *repo, struct fg_config *cfg, const git_oid *id)
{
	struct fg_vfiles files;
	struct fg_report report;
	const struct fg_vfile_value *exact;
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	int rc;

	*out = NULL;
	memset(&files, 0, sizeof(files));
	fg_report_init(&report);
	if ((rc = git_commit_lookup(&commit, repo, id)) < 0 ||
	    (rc = git_commit_tree(&tree, commit)) < 0)
		goto out;
	if ((rc = fg_vfiles_from_tree(&files, repo, tree, cfg)) < 0)
		goto out;
	/* at error severity whatever the configuration says, as flowgate version */
	fg_versions_check(&report, &files.set, NULL, NULL);
	exact = fg_versions_exact(&files.set);
	if (exact && !fg_report_count(&report, FG_ERROR) && !(*out = strdup(exact->text)))
		rc = -1;
	rc = report.oom ? -1 : rc;
out:
	fg_report_release(&report);
	fg_vfiles_release(&files);
	git_tree_free(tree);
	git_commit_free(commit);
	return rc;
}

/* A release tag seen by fg_changelog_last_tag. */
struct candidate {
	char *name, *text;      /* owned; TEXT holds the version VERSION points into */
	struct fg_version version;
	git_oid commit;
};

static int candidate_cmp(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	int c = fg_version_compare(&y->version, &x->version); /* highest first */

	return c ? c : strcmp(x->name, y->name);
}

/* The version tag NAME names: after CFG's prefix, else after a 'v', else NAME itself. */
static const char *tag_version_text(const struct fg_config *cfg, const char *name)
{
	size_t plen = strlen(cfg->tag_prefix);

	if (plen && !strncmp(name, cfg->tag_prefix, plen))
		return name + plen;
	return name[0] == 'v' ? name + 1 : name;
}

int fg_changelog_last_tag(git_repository *repo, const struct fg_config *cfg, const git_oid *to,
			  const struct fg_version *to_version, int at_to, char **name, git_oid *id)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;
	struct candidate *list = NULL;
	size_t n = 0, alloc = 0;
	int rc, found = 0;

	*name = NULL;
	if ((rc = git_reference_iterator_glob_new(&it, repo, "refs/tags/*")) < 0)
		return rc;
	while ((rc = git_reference_next(&ref, it)) == 0) {
		const char *tag = git_reference_name(ref) + 10;
		git_object *peeled = NULL;
		struct candidate c;

		memset(&c, 0, sizeof(c));
		if (fg_tag_is_release(cfg, tag) && git_reference_peel(&peeled, ref, GIT_OBJECT_COMMIT) == 0 &&
		    (c.text = strdup(tag_version_text(cfg, tag))) &&
		    fg_version_parse(c.text, strlen(c.text), &c.version) == 0 &&
		    (at_to || !git_oid_equal(git_object_id(peeled), to))) {
			git_oid_cpy(&c.commit, git_object_id(peeled));
			c.name = strdup(tag);
			if (n == alloc) {
				struct candidate *bigger = realloc(list, (alloc = alloc ? alloc * 2 : 32) *
								   sizeof(*list));
				if (bigger)
					list = bigger;
				else
					alloc = n;
			}
			if (c.name && n < alloc) {
				list[n++] = c;
				c.name = c.text = NULL;
			} else {
				rc = -1;
			}
		}
		git_error_clear();
		free(c.name);
		free(c.text);
		git_object_free(peeled);
		git_reference_free(ref);
		if (rc == -1)
			break;
	}
	git_reference_iterator_free(it);
	if (rc == GIT_ITEROVER)
		rc = 0;
	if (rc == 0 && n)
		qsort(list, n, sizeof(*list), candidate_cmp);
	for (size_t i = 0; rc == 0 && !found && i < n; i++) {
		const struct fg_version *v = &list[i].version;

		if (to_version && to_version->pre_kind == FG_PRE_NONE && v->pre && v->major == to_version->major &&
		    v->minor == to_version->minor && v->patch == to_version->patch)
			continue; /* a release candidate of the release being made */
		rc = git_oid_equal(to, &list[i].commit) ? 1
		     : git_graph_descendant_of(repo, to, &list[i].commit);
		if (rc == 1) {
			found = 1;
			git_oid_cpy(id, &list[i].commit);
			*name = list[i].name;
			list[i].name = NULL;
		}
		rc = rc < 0 ? rc : 0;
	}
	for (size_t i = 0; i < n; i++) {
		free(list[i].name);
		free(list[i].text);
	}
	free(list);
	return rc < 0 ? rc : found;
}

/* REVISION's commit into *ID. Returns 0, or FG_CHANGELOG_ERANGE with *WHY set. */
static int resolve(git_repository *repo, const char *revision, git_oid *id, char **why)
{
	git_object *object = NULL, *commit = NULL;

	if (git_revparse_single(&object, repo, revision) < 0 ||
	    git_object_peel(&commit, object, GIT_OBJECT_COMMIT) < 0) {
		if (why)
			*why = fg_strdupf("'%s' names no commit: %s", revision, fg_git_error());
		git_object_free(object);
		return FG_CHANGELOG_ERANGE;
	}
	git_oid_cpy(id, git_object_id(commit));
	git_object_free(commit);
	git_object_free(object);
	return 0;
}

/* MESSAGE of COMMIT in UTF-8, without the CR of CRLF line ends, newly allocated. */
static char *utf8_message(git_commit *commit, size_t *len)
{
	const char *raw = git_commit_message_raw(commit);
	char *converted = NULL, *out;
	size_t n = strlen(raw), k = 0;

	if (fg_message_to_utf8(&converted, &n, raw, n, git_commit_message_encoding(commit)) > 0)
		raw = converted;
	else
		n = strlen(raw);
	if ((out = malloc(n + 1))) {
		for (size_t i = 0; i < n; i++)
			if (!(raw[i] == '\r' && i + 1 < n && raw[i + 1] == '\n'))
				out[k++] = raw[i];
		out[k] = '\0';
		*len = k;
	}
	free(converted);
	return out;
}

int fg_changelog_collect(struct fg_notes *notes, git_repository *repo, struct fg_config *cfg,
			 const char *range, char **why)
{
	const char *dots = range ? strstr(range, "..") : NULL;
	git_oid from, to, id;
	git_revwalk *walk = NULL;
	git_commit *commit = NULL;
	struct fg_abbrev abbrev;
	struct fg_version tov;
	char *left = NULL, *right = NULL;
	int rc, has_from = 0;

	if (why)
		*why = NULL;
	memset(&abbrev, 0, sizeof(abbrev));
	if (dots && dots[2] == '.') {
		if (why)
			*why = fg_strdupf("'%s' is a symmetric difference; give A..B", range);
		return FG_CHANGELOG_ERANGE;
	}
	left = dots ? strndup(range, (size_t)(dots - range)) : NULL;
	right = strdup(dots ? dots + 2 : range ? range : "HEAD");
	if (!right || (dots && !left)) {
		rc = FG_CHANGELOG_EGIT;
		goto out;
	}
	if (dots && !*left) {
		free(left);
		left = strdup("HEAD");
	}
	if (!*right) {
		free(right);
		right = strdup("HEAD");
	}
	if (!right || (dots && !left)) {
		rc = FG_CHANGELOG_EGIT;
		goto out;
	}
	if ((rc = resolve(repo, right, &to, why)) < 0 ||
	    (dots && (rc = resolve(repo, left, &from, why)) < 0))
		goto out;
	has_from = dots != NULL;
	if ((rc = version_at(&notes->version, repo, cfg, &to)) < 0) {
		rc = cfg->error ? FG_CHANGELOG_ECONFIG : FG_CHANGELOG_EGIT;
		goto out;
	}
	if (!has_from) {
		int known = notes->version &&
			    fg_version_parse(notes->version, strlen(notes->version), &tov) == 0;

		free(left);
		left = NULL;
		if ((rc = fg_changelog_last_tag(repo, cfg, &to, known ? &tov : NULL, 0, &left,
						 &from)) < 0) {
			rc = FG_CHANGELOG_EGIT;
			goto out;
		}
		has_from = rc == 1;
	}
	notes->from = left;
	notes->to = right;
	left = right = NULL;
	if (has_from)
		git_oid_tostr(notes->from_id, sizeof(notes->from_id), &from);
	git_oid_tostr(notes->to_id, sizeof(notes->to_id), &to);
	if ((rc = git_commit_lookup(&commit, repo, &to)) < 0) {
		rc = FG_CHANGELOG_EGIT;
		goto out;
	}
	{
		git_time_t t = git_commit_committer(commit)->when.time;
		time_t tt = (time_t)t;
		struct tm tm;

		if (gmtime_r(&tt, &tm))
			strftime(notes->date, sizeof(notes->date), "%Y-%m-%d", &tm);
	}
	git_commit_free(commit);
	commit = NULL;
	if (fg_abbrev_init(&abbrev, repo) < 0 || git_revwalk_new(&walk, repo) < 0 ||
	    git_revwalk_push(walk, &to) < 0 || (has_from && git_revwalk_hide(walk, &from) < 0)) {
		rc = FG_CHANGELOG_EGIT;
		goto out;
	}
	/* git log's order; children before parents when the dates tie */
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
	while ((rc = git_revwalk_next(&id, walk)) == 0) {
		char hex[GIT_OID_HEXSZ + 1], short_id[GIT_OID_HEXSZ + 1];
		size_t len = 0;
		char *message;

		if (git_commit_lookup(&commit, repo, &id) < 0)
			break;
		if (!(message = utf8_message(commit, &len))) {
			rc = -1;
			break;
		}
		git_oid_tostr(hex, sizeof(hex), &id);
		fg_abbrev_id(&abbrev, &id, short_id);
		rc = fg_notes_add(notes, cfg, message, len, git_commit_parentcount(commit) >= 2, hex,
				  short_id);
		free(message);
		git_commit_free(commit);
		commit = NULL;
		if (rc < 0)
			break;
	}
	rc = rc == GIT_ITEROVER ? 0 : FG_CHANGELOG_EGIT;
out:
	git_commit_free(commit);
	git_revwalk_free(walk);
	fg_abbrev_release(&abbrev);
	free(left);
	free(right);
	return rc;
}

int fg_changelog_tag_notes(char **out, git_repository *repo, struct fg_config *cfg,
			   const git_oid *commit)
{
	char hex[GIT_OID_HEXSZ + 1], *text = NULL;
	struct fg_notes notes;
	size_t size = 0;
	FILE *f;
	long n;
	int rc;

	*out = NULL;
	fg_notes_init(&notes);
	git_oid_tostr(hex, sizeof(hex), commit);
	if ((rc = fg_changelog_collect(&notes, repo, cfg, hex, NULL)) < 0) {
		fg_notes_release(&notes);
		return rc;
	}
	if (!(f = open_memstream(&text, &size))) {
		fg_notes_release(&notes);
		return FG_CHANGELOG_EGIT;
	}
	n = fg_notes_write(&notes, cfg, FG_NOTES_TEXT, FG_NOTES_NO_HEADING, f);
	fg_notes_release(&notes);
	if (fclose(f) != 0 || n < 0) {
		free(text);
		return FG_CHANGELOG_EGIT;
	}
	if (n > 0)
		*out = text;
	else
		free(text);
	return 0;
}

/* ---- flowgate changelog ------------------------------------------------- */

/* PATH's content, newly allocated into *DATA (*LEN bytes); ENOENT: *DATA NULL, 0. */
static int read_file(const char *path, char **data, size_t *len)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW);

	*data = NULL;
	*len = 0;
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	if (fg_read_all(fd, data, len) < 0) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	close(fd);
	return 0;
}

/* --write: the section for NOTES' version put at the top of FILE. */
static int write_changelog(const struct fg_notes *notes, struct fg_config *cfg,
			   const struct fg_changelog_options *opts, FILE *out, FILE *err)
{
	const char *path = opts->write;
	char *old = NULL, *section = NULL, *text = NULL;
	size_t old_len = 0, section_len = 0, text_len = 0;
	struct stat st;
	mode_t mode, mask;
	FILE *f;
	long n;
	int status = FG_EXIT_INTERNAL;

	if (!notes->version) {
		fg_print_line(err, "flowgate changelog: error: the version files at '%s' name no one "
			      "version (flowgate version --rev '%s' says why); --write heads the "
			      "section with it", notes->to, notes->to);
		return FG_EXIT_VIOLATION;
	}
	if (lstat(path, &st) == 0) {
		if (!S_ISREG(st.st_mode)) {
			fg_print_line(err, "flowgate changelog: error: '%s' is %s, not a regular file; "
				      "name the changelog file itself", path,
				      S_ISLNK(st.st_mode) ? "a symbolic link" : "not a file");
			return FG_EXIT_INTERNAL;
		}
		if (!(st.st_mode & 0222)) {
			fg_print_line(err, "flowgate changelog: error: cannot write '%s': it is "
				      "read-only (mode %04o); nothing was changed; make it writable "
				      "(chmod u+w)", path, (unsigned)(st.st_mode & 07777));
			return FG_EXIT_INTERNAL;
		}
		mode = st.st_mode & 07777;
	} else if (errno == ENOENT) {
		mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	} else {
		fg_print_line(err, "flowgate changelog: error: cannot read '%s': %s", path,
			      strerror(errno));
		return FG_EXIT_INTERNAL;
	}
	if (read_file(path, &old, &old_len) < 0) {
		fg_print_line(err, "flowgate changelog: error: cannot read '%s': %s", path,
			      strerror(errno));
		return FG_EXIT_INTERNAL;
	}
	if (old && fg_notes_has_section(old, old_len, opts->format, notes->version)) {
		fg_print_line(err, "flowgate changelog: note: '%s' has a section for %s already; "
			      "nothing was written", path, notes->version);
		free(old);
		return 0;
	}
	if (!(f = open_memstream(&section, &section_len)))
		goto oom;
	n = fg_notes_write(notes, cfg, opts->format, 0, f);
	if (fclose(f) != 0 || n < 0)
		goto oom;
	if (fg_notes_insert(&text, &text_len, old, old_len, section, section_len, opts->format) < 0)
		goto oom;
	if (fg_replace_file(path, text, text_len, mode, 1) < 0) {
		fg_print_line(err, "flowgate changelog: error: cannot write '%s': %s; nothing was "
			      "changed", path, strerror(errno));
		goto out;
	}
	fg_print_line(out, "flowgate changelog: added %s to %s (%ld %s)", notes->version, path, n,
		      n == 1 ? "entry" : "entries");
	status = 0;
	goto out;
oom:
	fprintf(err, "flowgate changelog: fatal: out of memory\n");
out:
	free(old);
	free(section);
	free(text);
	return status;
}

int fg_changelog_run(struct fg_config *cfg, git_repository *repo,
		     const struct fg_changelog_options *opts, FILE *out, FILE *err)
{
	struct fg_notes notes;
	char *why = NULL;
	int rc, status;

	if (!repo) {
		fprintf(err, "flowgate changelog: fatal: not in a git repository\n");
		return FG_EXIT_INTERNAL;
	}
	fg_notes_init(&notes);
	rc = fg_changelog_collect(&notes, repo, cfg, opts->range, &why);
	if (rc == FG_CHANGELOG_ERANGE) {
		fg_print_line(err, "flowgate changelog: error: %s", why ? why : "out of memory");
		status = FG_EXIT_USAGE;
	} else if (rc == FG_CHANGELOG_ECONFIG) {
		fg_print_line(err, "flowgate changelog: error: bad configuration: %s",
			      cfg->error ? cfg->error : "out of memory");
		status = FG_EXIT_CONFIG;
	} else if (rc < 0) {
		fg_print_line(err, "flowgate changelog: fatal: %s", fg_git_error());
		status = FG_EXIT_INTERNAL;
	} else if (opts->write) {
		status = write_changelog(&notes, cfg, opts, out, err);
	} else {
		status = fg_notes_write(&notes, cfg, opts->format, 0, out) < 0 ? FG_EXIT_INTERNAL : 0;
	}
	free(why);
	fg_notes_release(&notes);
	return status;
}
