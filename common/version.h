/*
 * Versions: a SemVer 2.0.0 parser with the workflow's pre-release kinds
 * (-dev, -alphaN, -betaN, -rcN), the X.Y.x series notation, and the version
 * files rules (versionFormat, versionConsistency, branchVersionSeries).
 */
#ifndef FLOWGATE_VERSION_H
#define FLOWGATE_VERSION_H

#include <stddef.h>
#include <stdint.h>
#include "pattern.h"
#include "report.h"

enum fg_prerelease_kind {
	FG_PRE_NONE = 0, /* a final release X.Y.Z */
	FG_PRE_DEV,      /* -dev */
	FG_PRE_ALPHA,    /* -alphaN, N >= 1 */
	FG_PRE_BETA,     /* -betaN */
	FG_PRE_RC,       /* -rcN */
	FG_PRE_OTHER     /* valid SemVer, not one of the workflow's */
};

struct fg_version {
	uint64_t major, minor, patch;
	enum fg_prerelease_kind pre_kind;
	uint64_t pre_number;   /* N of alphaN/betaN/rcN, else 0 */
	const char *pre;       /* pre-release identifiers, into the parsed text; NULL if none */
	size_t pre_len;
	const char *build;     /* build metadata (SemVer §10), into the text; NULL if none */
	size_t build_len;
};

/*
 * fg_version_parse: parse TEXT[0..LEN) as a SemVer 2.0.0 version (§2, §9,
 * §10: no leading zeros, dot-separated pre-release and build identifiers).
 * OUT's pre/build point into TEXT. Returns 0 when valid, -1 when not
 * SemVer, -2 when a number does not fit in 64 bits.
 */
int fg_version_parse(const char *text, size_t len, struct fg_version *out);

/* fg_version_is_workflow: non-zero when V has no pre-release or one of the workflow's. */
int fg_version_is_workflow(const struct fg_version *v);

/*
 * fg_version_same: non-zero when A and B name the same version: equal
 * major, minor, patch and pre-release; build metadata is ignored (§10).
 */
int fg_version_same(const struct fg_version *a, const struct fg_version *b);

/*
 * fg_series_parse: parse "X.Y.x" (X, Y without leading zeros). Returns 0
 * and fills MAJOR/MINOR, -1 if TEXT is not a series, -2 on overflow.
 */
int fg_series_parse(const char *text, size_t len, uint64_t *major, uint64_t *minor);

/* fg_parse_u64: decimal digits TEXT[0..LEN) into OUT; -1 on overflow or non-digit. */
int fg_parse_u64(const char *text, size_t len, uint64_t *out);

/* How a version file holds its version ([versionFile "<path>"]). */
struct fg_vfile_spec {
	const char *path;            /* path in the work tree, '/'-separated */
	struct fg_pattern *pattern;  /* group 1 is the version; NULL: the whole file, trimmed */
	int series;                  /* kind = series: the value is X.Y.x (an exact X.Y.Z... is accepted too) */
	int required;                /* a missing file, or no match, is a versionFormat violation */
};

/* The built-in version files of the halfORM workflow, and their count. */
extern const struct fg_vfile_spec fg_builtin_vfiles[];
extern const size_t fg_builtin_vfiles_count;

/* One version file's content as read from the index, a tree or the work tree. */
struct fg_vfile_content {
	int present;      /* 0: the file does not exist (skipped) */
	const char *data; /* not NUL-terminated; may hold any bytes */
	size_t len;
};

/* A version found in one file. */
struct fg_vfile_value {
	const char *path;
	char *text;            /* owned, NUL-terminated value as written ("" when missing) */
	int missing;           /* a required file that is absent (1) or has no match (2) */
	int is_series;         /* the value is X.Y.x */
	int valid;             /* a workflow version (or an allowed series) */
	struct fg_version version; /* when valid and not a series; points into text */
	uint64_t major, minor; /* the X.Y of the value when valid */
};

struct fg_version_set {
	struct fg_vfile_value *values; /* owned array */
	size_t n;
	const char *limit_path; /* the file whose pattern reached PCRE2's match limit, or NULL */
};

/* fg_version_set_init / fg_version_set_release: empty set; free everything. */
void fg_version_set_init(struct fg_version_set *set);
void fg_version_set_release(struct fg_version_set *set);

/*
 * fg_versions_extract: read the version out of each of the NSPECS files
 * (CONTENTS[i] belongs to SPECS[i]) into SET. A missing file, or a file
 * whose pattern does not match (a setup.py that reads version.txt), adds
 * nothing, unless the spec is required: then it adds a value marked
 * missing, which versionFormat reports. Returns 0, -1 when out of memory,
 * -3 when a pattern reached PCRE2's match or depth limit (SET->limit_path
 * names the file; the pattern needs fixing).
 */
int fg_versions_extract(struct fg_version_set *set, const struct fg_vfile_spec *specs,
			size_t nspecs, const struct fg_vfile_content *contents);

struct fg_branch;

/*
 * fg_versions_check: rules versionFormat, versionConsistency and (when
 * BRANCH is a branch of a series, named BRANCH_NAME) branchVersionSeries
 * over SET; violations go to REPORT. BRANCH may be NULL.
 * Returns the number of violations added.
 */
size_t fg_versions_check(struct fg_report *report, const struct fg_version_set *set,
			 const struct fg_branch *branch, const char *branch_name);

/*
 * fg_versions_exact: the first valid exact (non-series) value in SET, the
 * version the files are meant to agree on; NULL when there is none.
 */
const struct fg_vfile_value *fg_versions_exact(const struct fg_version_set *set);

#endif
