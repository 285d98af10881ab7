/*
 * Versions: a SemVer 2.0.0 parser with the workflow's pre-release kinds
 * (-dev, -alphaN, -betaN, -rcN), the X.Y.x series notation, and the version
 * files rules (versionFormat, versionConsistency, branchVersionSeries).
 * Layer: rules, below settings and refname; a branch is judged as
 * branchkind.h gives it (refname.h classifies it).
 */
#ifndef FLOWGATE_VERSION_H
#define FLOWGATE_VERSION_H

#include <stddef.h>
#include <stdint.h>
#include "branchkind.h"
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

/*
 * The longest workflow version as text, NUL included: three 20-digit
 * numbers, two dots, "-alpha" and a 20-digit N (fg_version_format of any
 * version whose pre-release is FG_PRE_NONE..FG_PRE_RC fits in it).
 */
#define FG_VERSION_TEXT_MAX 89

/*
 * fg_version_compare: the workflow's precedence of A and B; negative when
 * A < B, 0 when they have the same precedence, positive when A > B. Both
 * are versions as fg_version_parse fills them (PRE may be NULL for the
 * workflow's kinds in a version built by hand: PRE_KIND and PRE_NUMBER
 * are what counts for them). No allocation, no failure.
 *
 * SemVer 2.0.0 §11 with one change, for the workflow's pre-releases:
 *  - major, minor and patch compare numerically (§11.2);
 *  - a version with a pre-release is lower than the same X.Y.Z without
 *    (§11.3); build metadata is ignored (§10, §11.1), so 1.0.0+a and
 *    1.0.0+b have the same precedence (use fg_version_same for equality);
 *  - two pre-releases of the same X.Y.Z compare by §11.4, identifier by
 *    identifier, after reading the workflow's as SemVer would need them
 *    written to sort in the order they are made: -dev as -alpha.0, -alphaN
 *    as -alpha.N, -betaN as -beta.N, -rcN as -rc.N. So X.Y.Z-dev <
 *    -alpha1 < -alpha2 < -alpha10 < -beta1 < -rc1 < -rc10 < X.Y.Z.
 *    Plain SemVer (fg_version_compare_semver) compares "alpha10" and "dev"
 *    as ASCII words: it puts -alpha10 below -alpha2 and -dev above -beta2
 *    (alpha1 < alpha10 < alpha2 < beta1 < dev < rc1).
 *  - pre-releases that are not the workflow's (FG_PRE_OTHER, e.g.
 *    -alpha.1, -preview) are left as they are, so two of them compare
 *    exactly as §11.4 says; against a workflow pre-release, an OTHER one
 *    compares §11.4 with the reading above, and when the two read alike
 *    (-alpha.2 and -alpha2) the OTHER one is lower: -1 < -dev < -alpha1 <
 *    -alpha.2 < -alpha2 < -beta < -beta1 < -preview < -rc1. Comparing OTHER
 *    with the workflow's raw text instead (-dev as "dev") would not be
 *    transitive: -dev < -beta2 < -c < -dev.
 * The result is a total order on versions (build metadata aside): sorting
 * with it is well defined.
 */
int fg_version_compare(const struct fg_version *a, const struct fg_version *b);

/*
 * fg_version_compare_semver: plain SemVer 2.0.0 precedence (§11: §11.2
 * numbers, §11.3 a pre-release is lower, §11.4 identifiers: numeric ones
 * numerically and below alphanumeric ones, alphanumeric ones in ASCII
 * order, a prefix list lower), build metadata ignored (§10). Negative, 0
 * or positive like fg_version_compare; the pre-release text is PRE, or the
 * one PRE_KIND and PRE_NUMBER name when PRE is NULL. The workflow does not
 * use it: it shows where the workflow's order differs (see above).
 */
int fg_version_compare_semver(const struct fg_version *a, const struct fg_version *b);

/*
 * fg_version_format: write V as "X.Y.Z" or "X.Y.Z-pre" (build metadata is
 * left out) into BUF, SIZE bytes, truncated and NUL-terminated as snprintf
 * does (BUF may be NULL when SIZE is 0). The pre-release is PRE when set,
 * else the one PRE_KIND and PRE_NUMBER name ("dev", "alpha<N>", ...).
 * Returns the length of the whole text, NUL excluded (the text was cut
 * when it is >= SIZE), or -1 when it would not fit in an int.
 * FG_VERSION_TEXT_MAX bytes hold any workflow version.
 */
int fg_version_format(char *buf, size_t size, const struct fg_version *v);

/* How a version file holds its version ([versionFile "<path>"]). */
struct fg_vfile_spec {
	const char *path;            /* path in the work tree, '/'-separated */
	struct fg_pattern *pattern;  /* group 1 is the version; NULL: the whole file, trimmed */
	int series;                  /* kind = series: the value is X.Y.x (an exact X.Y.Z... is accepted too) */
	int required;                /* a missing file, or no match, is a versionFormat violation */
};

/*
 * fg_vfile_find: the next version value of a file held as SPEC says, in
 * DATA[0..LEN) (any bytes), from offset *FROM (0 for the first). Both
 * fg_versions_extract (the first value) and fg_vfile_rewrite (every value)
 * read the file through it, so what is checked is what is rewritten.
 *  - SPEC->pattern NULL: the whole of DATA, trimmed of ASCII white space
 *    (space, \t, \n, \r, \v, \f) at both ends; one value only.
 *  - a pattern: the leftmost match in DATA[*FROM..LEN); the value is its
 *    group 1, trimmed the same way.
 * Returns 1 with *VALUE the trimmed span in DATA (offset SIZE_MAX when the
 * match left group 1 unset; an empty span at the start of the untrimmed
 * one when it is all white space) and *FROM moved past the match (one
 * character further after an empty match, so a loop ends); 0 when there is
 * no further value; fg_pattern_match's -1 (the pattern does not compile),
 * -2 (DATA is not valid UTF-8) or -3 (match or depth limit). A search
 * resumed at *FROM > 0 starts there with fg_pattern_match_from, so '^',
 * '\b' and lookbehinds still see the bytes before *FROM.
 */
int fg_vfile_find(const struct fg_vfile_spec *spec, const char *data, size_t len, size_t *from,
		  struct fg_span *value);

/* The built-in version files of the halfORM workflow, and their count. */
extern const struct fg_vfile_spec fg_builtin_vfiles[];
extern const size_t fg_builtin_vfiles_count;

/*
 * The largest version file read (bytes), the same for the index, trees and
 * the work tree: a larger file is not read (the hooks report it as a
 * versionFormat violation, the flowgate command refuses it).
 */
#define FG_VFILE_MAX_SIZE (16 * 1024 * 1024)

/* One version file's content as read from the index, a tree or the work tree. */
struct fg_vfile_content {
	int present;      /* 0: the file does not exist (skipped); 1: read; 2: over
			     FG_VFILE_MAX_SIZE, not read (DATA NULL, LEN its size):
			     versionFormat reports it */
	const char *data; /* not NUL-terminated; may hold any bytes */
	size_t len;
};

/* A version found in one file. */
struct fg_vfile_value {
	const char *path;
	char *text;            /* owned, NUL-terminated value as written ("" when missing) */
	int missing;           /* a required file that is absent (1) or has no match (2),
				  or any file over FG_VFILE_MAX_SIZE (3; SIZE says how large) */
	size_t size;           /* with missing == 3: the file's size in bytes */
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
 * missing, which versionFormat reports; so does a file too large to read
 * (CONTENTS[i].present == 2), required or not. Returns 0, -1 when out of memory,
 * -3 when a pattern reached PCRE2's match or depth limit (SET->limit_path
 * names the file; the pattern needs fixing).
 */
int fg_versions_extract(struct fg_version_set *set, const struct fg_vfile_spec *specs,
			size_t nspecs, const struct fg_vfile_content *contents);

/*
 * fg_versions_check_after: fg_versions_check, the commit's parent holding
 * PARENT (its exact version, may be NULL: unknown, or none), so that the
 * hint of branchVersionSeries proposes a version versionRegression then
 * takes: PARENT's own when it is in the branch's series; none when PARENT
 * is past the series (the change belongs on a branch of its own series).
 */
size_t fg_versions_check_after(struct fg_report *report, const struct fg_version_set *set,
			       const struct fg_branch *branch, const char *branch_name,
			       const struct fg_vfile_value *parent);

/*
 * fg_versions_check: rules versionFormat, versionConsistency and (when
 * BRANCH is a branch of a series, named BRANCH_NAME) branchVersionSeries
 * over SET; violations go to REPORT. BRANCH may be NULL.
 * Returns the number of violations added. Each hint that proposes a value
 * proposes one the rules take: versionFormat the version the other files
 * agree on (else the value made a workflow version: 0.16 -> 0.16.0),
 * versionConsistency the first file's.
 */
size_t fg_versions_check(struct fg_report *report, const struct fg_version_set *set,
			 const struct fg_branch *branch, const char *branch_name);

/*
 * fg_check_version_regression: rule versionRegression on one commit. NOW is
 * the version its files agree on, BEFORE its first parent's (each the
 * fg_versions_exact of a set; either may be NULL: nothing to compare, no
 * violation). WHERE names the commit in the message ("commit 1a2b3c4d5e6f",
 * "the staged version files"). A violation when NOW is lower than BEFORE by
 * fg_version_compare (the workflow's precedence, build metadata ignored).
 * A merge is judged against its first parent only, the branch merged into:
 * the other side may carry a lower version (a hotfix merged into dev) or a
 * higher one (which the merge may take). Returns the number of violations
 * added (0 or 1).
 */
size_t fg_check_version_regression(struct fg_report *report, const struct fg_vfile_value *now,
				   const struct fg_vfile_value *before, const char *where);

/*
 * fg_check_version_branch: rules versionReleaseBranch and
 * versionPreReleaseBranch on a commit that sets the version NOW (an exact
 * value, may be NULL: no violation) on branch BRANCH (parsed, named
 * BRANCH_NAME; NULL or not a workflow kind: no violation). FROM_RELEASE is
 * non-zero when the commit comes from release/X.Y.x of NOW's series: it is
 * on that branch, or it is a merge whose other side is. Violations (the
 * workflow guide's "Branch Structure" and "Pre-release Versions"):
 * versionReleaseBranch for an -rcN version on main or dev/X.Y.x, and a
 * final X.Y.Z on main that does not come from release/X.Y.x (issue 20,
 * item 11: the guide cuts releases on release/ only);
 * versionPreReleaseBranch for an -rcN version on any other branch but
 * release/X.Y.x, and a -dev version on release/X.Y.x or maint/X.Y.x. WHERE
 * as above. Returns the number of violations added (0 or 1).
 */
size_t fg_check_version_branch(struct fg_report *report, const struct fg_vfile_value *now,
			       const struct fg_branch *branch, const char *branch_name,
			       int from_release, const char *where);

/*
 * fg_versions_exact: the first valid exact (non-series) value in SET, the
 * version the files are meant to agree on; NULL when there is none.
 */
const struct fg_vfile_value *fg_versions_exact(const struct fg_version_set *set);

#endif
