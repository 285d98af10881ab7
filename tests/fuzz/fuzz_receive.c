/*
 * libFuzzer target: pre-receive's judgement of ref updates
 * (fg_check_receive) against a small fixed bare repository, built once with
 * libgit2 in a temporary directory (fuzz_receive_repo.c): branches and
 * annotated and lightweight tags, tags of blobs, trees and tags, merges,
 * version files that agree and disagree, committed .flowgate files, and
 * objects that are referenced but missing. The input is a sequence of
 * updates, each three bytes choosing the old OID, the new OID (from the OID
 * table, fuzz_receive_repo.h) and the refname (from the table below, or a
 * refname read from the input: see decode).
 * Besides the sanitizers, it asserts the contracts a server relies on: a
 * valid status, nothing let through that is not here, no ref and no object
 * written, a message for every violation, and (FUZZ_RECEIVE_STRICT) the
 * refusals issue 17 asks for.
 */
#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sanitizer/lsan_interface.h>
#include "fuzz.h"
#include "fuzz_receive_repo.h"
#include "gitinit.h"
#include "push.h"
#include "report.h"
#include "version.h"

/*
 * The refusals of issue 17, one macro each; FUZZ_RECEIVE_STRICT (default 1)
 * sets them all. tests/fuzz/fuzz.mk turns off (-D...=0) those the code does
 * not meet yet.
 *   CASE1: an update (not a deletion) of a ref outside refs/heads/ and refs/tags/ is refused
 *     (the repository sets no flowgate.allowRefs);
 *   CASE1_SMUGGLED: a branch or tag update (its old OID the ref's real
 *     value) whose new commit is, or descends from, a commit that only
 *     refs/custom/x holds (a bad header) is refused: the commit was never
 *     judged;
 *   CASE2: an update creating refs/tags/v<SemVer> whose new object does not
 *     peel to a commit is refused;
 *   CASE5: a branch or tag update whose new commit's tree lacks a version
 *     file's blob (or tree) in the object store is refused.
 */
#ifndef FUZZ_RECEIVE_STRICT
#define FUZZ_RECEIVE_STRICT 1
#endif
#ifndef FUZZ_RECEIVE_STRICT_CASE1
#define FUZZ_RECEIVE_STRICT_CASE1 FUZZ_RECEIVE_STRICT
#endif
#ifndef FUZZ_RECEIVE_STRICT_CASE1_SMUGGLED
#define FUZZ_RECEIVE_STRICT_CASE1_SMUGGLED FUZZ_RECEIVE_STRICT
#endif
#ifndef FUZZ_RECEIVE_STRICT_CASE2
#define FUZZ_RECEIVE_STRICT_CASE2 FUZZ_RECEIVE_STRICT
#endif
#ifndef FUZZ_RECEIVE_STRICT_CASE5
#define FUZZ_RECEIVE_STRICT_CASE5 FUZZ_RECEIVE_STRICT
#endif

extern char **environ;

/* The refname table (append only, as OIDS). */
static const char *const refnames[] = {
	"refs/heads/main", "refs/heads/dev/0.17.x", "refs/heads/release/0.16.x",
	"refs/heads/hotfix/x", "refs/heads/feature/x",
	/* a bad branch name as pre-receive's input can carry one (no space:
	 * fg_parse_updates splits a line there) */
	"refs/heads/Bad_Name..lock",
	"refs/tags/v0.16.0", "refs/tags/v0.17.0", "refs/tags/notes", "refs/custom/x",
	"refs/for/main", "refs/notes/commits", "refs/pull/1/head",
	"refs/heads/release/0.17.x", "refs/heads/feature/y", "refs/tags/v0.16.1",
	"refs/tags/v0.17.0-rc1", "refs/remotes/origin/main", "refs/heads/docs/x",
	"refs/tags/v0.16.0-rc1", "refs/heads/", "HEAD", "refs/heads/master",
};
#define NREFNAMES (sizeof(refnames) / sizeof(refnames[0]))

/* The prefixes a raw refname from the input is read after (decode). */
static const char *const raw_prefixes[] = { "", "refs/heads/", "refs/tags/", "refs/tags/v0." };
#define NRAW (sizeof(raw_prefixes) / sizeof(raw_prefixes[0]))

#define MAX_UPDATES 16
#define MAX_RAW 255

static char *tmpdir, *gitdir;
static git_repository *repo;
static char *refs_before, *objects_before; /* the snapshots every input is compared with */
static int verbose;

/* --- snapshots ------------------------------------------------------- */

struct lines {
	char **v;
	size_t n, cap;
};

static void lines_add(struct lines *l, char *line)
{
	FUZZ_ASSERT(line, "out of memory");
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->v = realloc(l->v, l->cap * sizeof(*l->v));
		FUZZ_ASSERT(l->v, "out of memory");
	}
	l->v[l->n++] = line;
}

static char *read_text(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *text = NULL;
	size_t len = 0;

	if (f) {
		char buf[512];
		size_t got;

		while ((got = fread(buf, 1, sizeof(buf), f)) > 0) {
			text = realloc(text, len + got + 1);
			FUZZ_ASSERT(text, "out of memory");
			memcpy(text + len, buf, got);
			len += got;
		}
		fclose(f);
	}
	if (!text)
		text = calloc(1, 1);
	else
		text[len] = '\0';
	FUZZ_ASSERT(text, "out of memory");
	return text;
}

/* Each file under ROOT/REL, as "REL" or "REL: its content" (CONTENT). */
static void list_files(struct lines *out, const char *root, const char *rel, int content)
{
	char *path = fg_strdupf("%s/%s", root, rel);
	struct stat st;
	DIR *dir;
	struct dirent *d;

	FUZZ_ASSERT(path, "out of memory");
	if (lstat(path, &st) < 0) {
		free(path);
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		char *text = content ? read_text(path) : NULL;

		lines_add(out, fg_strdupf("%s%s%s", rel, content ? ": " : "", text ? text : ""));
		free(text);
		free(path);
		return;
	}
	dir = opendir(path);
	FUZZ_ASSERT(dir, "cannot list %s: %s", path, strerror(errno));
	while ((d = readdir(dir))) {
		char *sub;

		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
			continue;
		sub = fg_strdupf("%s/%s", rel, d->d_name);
		FUZZ_ASSERT(sub, "out of memory");
		list_files(out, root, sub, content);
		free(sub);
	}
	closedir(dir);
	free(path);
}

static int line_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted listing of the given paths of the repository, one line each. */
static char *snapshot(const char *const *paths, size_t n, int content)
{
	struct lines l = { NULL, 0, 0 };
	size_t len = 1;
	char *all, *p;

	for (size_t i = 0; i < n; i++)
		list_files(&l, gitdir, paths[i], content);
	qsort(l.v, l.n, sizeof(*l.v), line_cmp);
	for (size_t i = 0; i < l.n; i++)
		len += strlen(l.v[i]) + 1;
	p = all = malloc(len);
	FUZZ_ASSERT(all, "out of memory");
	for (size_t i = 0; i < l.n; i++) {
		p += sprintf(p, "%s\n", l.v[i]);
		free(l.v[i]);
	}
	*p = '\0';
	free(l.v);
	return all;
}

/* The ref files, byte for byte, and the names of the object files. */
static char *refs_snapshot(void)
{
	static const char *const paths[] = { "HEAD", "packed-refs", "refs", "logs" };

	return snapshot(paths, 4, 1);
}

static char *objects_snapshot(void)
{
	static const char *const paths[] = { "objects" };

	return snapshot(paths, 1, 0);
}

/* --- setting up ------------------------------------------------------ */

static void remove_all(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		DIR *dir = opendir(path);
		struct dirent *d;

		while (dir && (d = readdir(dir))) {
			char *sub;

			if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
				continue;
			if ((sub = fg_strdupf("%s/%s", path, d->d_name)))
				remove_all(sub);
			free(sub);
		}
		if (dir)
			closedir(dir);
		rmdir(path);
	} else {
		unlink(path);
	}
}

static void cleanup(void)
{
	git_repository_free(repo);
	repo = NULL;
	fg_git_shutdown();
	if (tmpdir)
		remove_all(tmpdir);
	free(tmpdir);
	free(gitdir);
	free(refs_before);
	free(objects_before);
}

/*
 * No configuration but the repository's own: no FLOWGATE_* or GIT_*
 * variable (git -c, FLOWGATE_SKIP, GIT_DIR...), and no system, global or
 * XDG git config (libgit2 is pointed at an empty directory for them).
 */
static void fix_configuration(const char *empty)
{
	struct lines names = { NULL, 0, 0 };
	static const int levels[] = { GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_GLOBAL,
				      GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_PROGRAMDATA };

	for (char **e = environ; *e; e++)
		if (!strncmp(*e, "FLOWGATE_", 9) || !strncmp(*e, "GIT_", 4))
			lines_add(&names, fg_strdupf("%.*s", (int)strcspn(*e, "="), *e));
	for (size_t i = 0; i < names.n; i++) {
		unsetenv(names.v[i]);
		free(names.v[i]);
	}
	free(names.v);
	for (size_t i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
		FUZZ_ASSERT(git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, levels[i], empty) == 0,
			    "cannot set libgit2's search path: %s", fg_git_error());
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	FUZZ_ASSERT(f && fputs(text, f) >= 0 && fclose(f) == 0, "cannot write %s", path);
}

static int judge(const struct fg_ref_update *updates, size_t count, int broken,
		 struct fg_report *out);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *env = getenv("TMPDIR");
	char *empty, *config;

	(void)argc;
	(void)argv;
	verbose = getenv("FUZZ_VERBOSE") && *getenv("FUZZ_VERBOSE");
	tmpdir = fg_strdupf("%s/flowgate-fuzz-receive-XXXXXX", env && *env ? env : "/tmp");
	FUZZ_ASSERT(tmpdir && mkdtemp(tmpdir), "cannot create a temporary directory: %s",
		    strerror(errno));
	atexit(cleanup);
	empty = fg_strdupf("%s/empty", tmpdir);
	gitdir = fg_strdupf("%s/repo.git", tmpdir);
	config = fg_strdupf("%s/config", gitdir ? gitdir : "");
	FUZZ_ASSERT(empty && gitdir && config && mkdir(empty, 0700) == 0, "cannot set up %s",
		    tmpdir);
	FUZZ_ASSERT(fg_git_init() >= 0, "fg_git_init failed: %s", fg_git_error());
	fix_configuration(empty);

	FUZZ_ASSERT(git_repository_init(&repo, gitdir, 1) == 0, "cannot create %s: %s", gitdir,
		    fg_git_error());
	fuzz_receive_build(repo);
	git_repository_free(repo);
	/* a server's plain configuration: no flowgate.* key */
	write_file(config, "[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n"
		   "\tbare = true\n");
	/* as the hooks open it for a push: no object cache (hook.c, fg_hook_open_for_push) */
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
	FUZZ_ASSERT(git_repository_open_bare(&repo, gitdir) == 0, "cannot open %s: %s", gitdir,
		    fg_git_error());
	fuzz_receive_classify(repo);
	refs_before = refs_snapshot();
	objects_before = objects_snapshot();
	if (verbose) {
		fprintf(stderr, "fuzz receive: repository %s\n", gitdir);
		for (int i = 0; i < O__COUNT; i++) {
			char hex[GIT_OID_HEXSZ + 1];

			git_oid_tostr(hex, sizeof(hex), &oids[i].id);
			fprintf(stderr, "  oid %2d %-16s %s flags %u\n", i, oids[i].name, hex,
				oids[i].flags);
		}
		for (size_t i = 0; i < NREFNAMES; i++)
			fprintf(stderr, "  ref %2zu %s\n", i, refnames[i]);
	}
	{
		/* read once what libgit2 keeps (the configuration, the refs) */
		struct fg_ref_update warm = { "refs/heads/dev/0.17.x", "refs/heads/dev/0.17.x",
					      oids[O_N_GOOD].id, oids[O_C_DEVMERGE].id };
		struct fg_report report;

		judge(&warm, 1, 0, &report);
		fg_report_release(&report);
	}
	free(empty);
	free(config);
	return 0;
}

/* --- one input ------------------------------------------------------- */

/*
 * The judgement of COUNT UPDATES as pre-receive makes it, its output
 * discarded (FUZZ_VERBOSE: shown); *OUT the report (the caller releases it).
 * BROKEN: an update's history misses a commit, where libgit2 1.5.1's
 * revwalk leaks (limit_list returns on the error without freeing its
 * commit lists; still so in libgit2's main branch): LeakSanitizer then
 * ignores what the judgement allocates (its reports would have no usable
 * stack to suppress by: libgit2 has no frame pointers for the fast unwinder).
 */
static int judge(const struct fg_ref_update *updates, size_t count, int broken,
		 struct fg_report *out)
{
	struct fg_hook_ctx ctx;
	FILE *saved = stderr;
	int status;

	memset(&ctx, 0, sizeof(ctx));
	ctx.hook = "pre-receive";
	ctx.argc = 1;
	fg_report_init(&ctx.report);
	if (!verbose)
		stderr = fuzz_devnull(); /* the hooks' fprintf(stderr); sanitizers write fd 2 */
	if (broken)
		__lsan_disable();
	status = fg_check_receive(&ctx, repo, updates, count);
	if (broken)
		__lsan_enable();
	stderr = saved;
	if (verbose) {
		fg_report_print(&ctx.report, stderr, "pre-receive", 0, 0);
		fprintf(stderr, "fuzz receive: status %d\n", status);
	}
	*out = ctx.report;
	return status;
}

struct decoded {
	struct fg_ref_update u[MAX_UPDATES];
	int new_index[MAX_UPDATES];
	git_oid current[MAX_UPDATES]; /* the ref's value in the repository (zero: none) */
	size_t n;
	int broken; /* an old or new OID has F_BROKEN */
};

static void current_value(git_oid *out, const char *refname)
{
	if (git_reference_name_to_id(out, repo, refname) < 0)
		memset(out, 0, sizeof(*out));
	git_error_clear();
}

/*
 * DATA as updates: each three bytes OLD NEW REF. OLD selects
 * oids[OLD % (O__COUNT + 1)], the last value meaning the ref's current
 * value (zero when it has none); NEW oids[NEW % O__COUNT]; REF
 * refnames[REF % (NREFNAMES + NRAW)], the last NRAW values meaning a raw
 * refname: raw_prefixes[...] then the input's bytes up to a NUL (skipped)
 * or the end, at most MAX_RAW, ' ' and '\n' turned into '_' (as
 * fg_parse_updates gives it: one field of a line). At most MAX_UPDATES;
 * an empty refname ends the list.
 */
static void decode(struct decoded *d, const uint8_t *data, size_t size)
{
	size_t pos = 0;

	d->n = 0;
	d->broken = 0;
	while (d->n < MAX_UPDATES && size - pos >= 3) {
		struct fg_ref_update *u = &d->u[d->n];
		unsigned old = data[pos] % (O__COUNT + 1), new = data[pos + 1] % O__COUNT,
			 ref = data[pos + 2] % (NREFNAMES + NRAW);
		char *name;

		pos += 3;
		if (ref < NREFNAMES) {
			name = fuzz_strndup((const uint8_t *)refnames[ref], strlen(refnames[ref]));
		} else {
			const char *prefix = raw_prefixes[ref - NREFNAMES];
			size_t plen = strlen(prefix), len = 0;

			while (pos + len < size && len < MAX_RAW && data[pos + len])
				len++;
			name = malloc(plen + len + 1);
			FUZZ_ASSERT(name, "out of memory");
			memcpy(name, prefix, plen);
			for (size_t i = 0; i < len; i++)
				name[plen + i] = data[pos + i] == ' ' || data[pos + i] == '\n'
						 ? '_' : (char)data[pos + i];
			name[plen + len] = '\0';
			pos += len + (pos + len < size); /* and the NUL */
		}
		if (!*name) {
			free(name);
			break;
		}
		u->local_ref = u->remote_ref = name;
		current_value(&d->current[d->n], name);
		git_oid_cpy(&u->remote, old == O__COUNT ? &d->current[d->n] : &oids[old].id);
		git_oid_cpy(&u->local, &oids[new].id);
		d->broken |= ((old < O__COUNT ? oids[old].flags : 0) | oids[new].flags) & F_BROKEN;
		d->new_index[d->n++] = (int)new;
	}
}

static int in_namespaces(const char *refname)
{
	return !strncmp(refname, "refs/heads/", 11) || !strncmp(refname, "refs/tags/", 10);
}

#if FUZZ_RECEIVE_STRICT_CASE2
/* refs/tags/v<SemVer>: a release tag's name (one SemVer allows and the workflow does not
 * is tagFormat's to refuse) */
static int release_tag(const char *refname)
{
	struct fg_version v;

	return !strncmp(refname, "refs/tags/v", 11) &&
	       fg_version_parse(refname + 11, strlen(refname + 11), &v) == 0;
}
#endif

static void check(const struct decoded *d, int status, const struct fg_report *report)
{
	/* as fg_hook_main decides it: an error-severity violation refuses the push */
	int refused = status != FG_EXIT_OK || fg_report_count(report, FG_ERROR) || report->oom;
	char *refs_after, *objects_after;

	FUZZ_ASSERT(status == FG_EXIT_OK || status == FG_EXIT_VIOLATION || status == FG_EXIT_USAGE ||
		    status == FG_EXIT_INTERNAL || status == FG_EXIT_CONFIG,
		    "fg_check_receive returned %d", status);
	for (size_t i = 0; i < report->n; i++) {
		const struct fg_violation *v = &report->items[i];

		FUZZ_ASSERT(v->message && *v->message, "violation %zu of rule %d without a message",
			    i, (int)v->rule);
		FUZZ_ASSERT((int)v->rule >= 0 && v->rule < FG_RULE__COUNT, "rule %d", (int)v->rule);
		FUZZ_ASSERT(v->severity >= FG_INFO && v->severity <= FG_ERROR,
			    "violation '%s' of severity %d", v->message, (int)v->severity);
	}
	for (size_t i = 0; i < d->n; i++) {
		const struct fg_ref_update *u = &d->u[i];
		const char *ref = u->remote_ref, *name = oids[d->new_index[i]].name;
		unsigned flags = oids[d->new_index[i]].flags;

		if (in_namespaces(ref))
			FUZZ_ASSERT(refused || !(flags & F_ABSENT),
				    "%s set to %s, which is not in the object store, accepted", ref,
				    name);
#if FUZZ_RECEIVE_STRICT_CASE1
		/* a deletion brings no commit: allowed */
		FUZZ_ASSERT(refused || in_namespaces(ref) || git_oid_is_zero(&u->local),
			    "case 1: %s (outside refs/heads/ and refs/tags/) accepted", ref);
#endif
#if FUZZ_RECEIVE_STRICT_CASE1_SMUGGLED
		FUZZ_ASSERT(refused || !in_namespaces(ref) ||
			    !git_oid_equal(&u->remote, &d->current[i]) || !(flags & F_SMUGGLED),
			    "case 1: %s set to %s, which brings a commit only refs/custom/x "
			    "held, never judged, accepted", ref, name);
#endif
#if FUZZ_RECEIVE_STRICT_CASE2
		FUZZ_ASSERT(refused || !git_oid_is_zero(&u->remote) || git_oid_is_zero(&u->local) ||
			    !release_tag(ref) || (flags & F_COMMIT),
			    "case 2: %s created on %s, which does not peel to a commit, accepted",
			    ref, name);
#endif
#if FUZZ_RECEIVE_STRICT_CASE5
		FUZZ_ASSERT(refused || !in_namespaces(ref) || git_oid_equal(&u->remote, &u->local) ||
			    !(flags & F_VMISSING),
			    "case 5: %s set to %s, whose version file is not in the object store, "
			    "accepted", ref, name);
#endif
	}
	refs_after = refs_snapshot();
	FUZZ_ASSERT(!strcmp(refs_before, refs_after), "the refs changed:\nbefore:\n%s\nafter:\n%s",
		    refs_before, refs_after);
	objects_after = objects_snapshot();
	FUZZ_ASSERT(!strcmp(objects_before, objects_after), "the object store changed:\n"
		    "before:\n%s\nafter:\n%s", objects_before, objects_after);
	free(refs_after);
	free(objects_after);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct decoded d;
	struct fg_report report;
	int status = 0;

	decode(&d, data, size);
	if (verbose)
		for (size_t i = 0; i < d.n; i++) {
			char old[GIT_OID_HEXSZ + 1], new[GIT_OID_HEXSZ + 1];

			git_oid_tostr(old, sizeof(old), &d.u[i].remote);
			git_oid_tostr(new, sizeof(new), &d.u[i].local);
			fprintf(stderr, "fuzz receive: %s %s %s (%s)\n", old, new, d.u[i].remote_ref,
				oids[d.new_index[i]].name);
		}
	FUZZ_RUN(status = judge(d.u, d.n, d.broken, &report));
	check(&d, status, &report);
	fg_report_release(&report);
	for (size_t i = 0; i < d.n; i++)
		free(d.u[i].remote_ref);
	return 0;
}
