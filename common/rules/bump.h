/*
 * Version bumps: the next version by the workflow's life cycle (X.Y.0-dev,
 * -alphaN, -betaN, -rcN, X.Y.Z, then X.(Y+1).0-dev), and the span-exact
 * rewrite of a version file that writes it. Pure functions: no I/O.
 * Layer: rules (common/README).
 */
#ifndef FLOWGATE_BUMP_H
#define FLOWGATE_BUMP_H

#include <stddef.h>
#include "version.h"

/* What `flowgate bump <word>` asks for. */
enum fg_bump_kind {
	FG_BUMP_MAJOR,
	FG_BUMP_MINOR,
	FG_BUMP_PATCH,
	FG_BUMP_DEV,
	FG_BUMP_ALPHA,
	FG_BUMP_BETA,
	FG_BUMP_RC,
	FG_BUMP_RELEASE,
	FG_BUMP_EXPLICIT /* a given version X.Y.Z[-pre] */
};

/* The errors of fg_bump_parse and fg_bump_next; each comes with a *WHY. */
enum fg_bump_error {
	FG_BUMP_EREFUSED = -1,     /* next: the workflow does not go there from the current version */
	FG_BUMP_EOVERFLOW = -2,    /* a number would pass UINT64_MAX, or does not fit in 64 bits */
	FG_BUMP_ESIZE = -3,        /* next: OUT is too small (FG_VERSION_TEXT_MAX is enough) */
	FG_BUMP_EWORD = -4,        /* parse: neither a kind nor a SemVer version */
	FG_BUMP_ENOTWORKFLOW = -5  /* parse: SemVer, but not a version the version files may hold */
};

/* The words fg_bump_parse takes, for a usage line. */
#define FG_BUMP_USAGE "major|minor|patch|dev|alpha|beta|rc|release|<X.Y.Z[-pre]>"

/* fg_bump_kind_name: "major" ... "release", "explicit" for FG_BUMP_EXPLICIT. */
const char *fg_bump_kind_name(enum fg_bump_kind kind);

/*
 * fg_bump_parse: read the argument of `flowgate bump` (NUL-terminated
 * WORD): one of the kind names, lowercase ("major" ... "release"), or a
 * version for FG_BUMP_EXPLICIT, which must be a workflow version: SemVer
 * 2.0.0 (§2, §9), with no pre-release or -dev, -alphaN, -betaN, -rcN, and
 * no build metadata (§10: the version files refuse it).
 * Returns 0 with *KIND set and, for FG_BUMP_EXPLICIT, *VERSION parsed
 * (its PRE points into WORD, which must outlive it; untouched otherwise).
 * Errors: FG_BUMP_EWORD, FG_BUMP_ENOTWORKFLOW, FG_BUMP_EOVERFLOW (a number
 * beyond 64 bits), with *WHY (may be NULL) a static one-line message that
 * names the fix.
 */
int fg_bump_parse(const char *word, enum fg_bump_kind *kind, struct fg_version *version,
		  const char **why);

/*
 * fg_bump_next: the version after CURRENT (parsed; its build metadata is
 * ignored and never carried over) for a bump of KIND, written into OUT
 * (SIZE bytes, NUL-terminated; FG_VERSION_TEXT_MAX always suffices) as
 * fg_version_format writes it. EXPLICIT is the given version for
 * FG_BUMP_EXPLICIT (fg_bump_parse's), ignored otherwise.
 *
 * The transitions (P: any pre-release, "refused" returns FG_BUMP_EREFUSED):
 *   major    X.Y.Z -> (X+1).0.0;  X.0.0-P -> X.0.0;  X.Y.Z-P -> (X+1).0.0
 *   minor    X.Y.Z -> X.(Y+1).0;  X.Y.0-P -> X.Y.0;  X.Y.Z-P -> X.(Y+1).0
 *   patch    X.Y.Z -> X.Y.(Z+1);  X.Y.Z-P -> X.Y.Z
 *            (major, minor and patch give the lowest final release of that
 *            level above CURRENT: node-semver's inc, which the SemVer
 *            ecosystem follows; the pre-release of 2.0.0 bumps to 2.0.0)
 *   dev      any X.Y.Z[-P] -> X.(Y+1).0-dev (after a release main goes to
 *            the next minor; also main after cutting release/X.Y.x)
 *   alpha    X.Y.Z-dev -> X.Y.Z-alpha1;  -alphaN -> -alpha(N+1);
 *            -betaN, -rcN, final, OTHER: refused (that would go back, or
 *            it is not known which X.Y.Z the alpha is of)
 *   beta     -dev, -alphaN -> X.Y.Z-beta1;  -betaN -> -beta(N+1);
 *            -rcN, final, OTHER: refused
 *   rc       -dev, -alphaN, -betaN -> X.Y.Z-rc1;  -rcN -> -rc(N+1);
 *            final, OTHER: refused
 *   release  X.Y.Z-P (OTHER too) -> X.Y.Z;  final: refused (already released)
 *   explicit EXPLICIT when fg_version_compare puts it above CURRENT and it
 *            is a workflow version without build metadata; refused when
 *            equal, lower, not a workflow version, or NULL
 * (OTHER: a SemVer pre-release that is not the workflow's, e.g. -preview.)
 * Returns 0, or FG_BUMP_EREFUSED, FG_BUMP_EOVERFLOW (a number or N would
 * pass UINT64_MAX: refused, never wrapped), FG_BUMP_ESIZE; then OUT holds
 * "" (when SIZE > 0) and *WHY (may be NULL) a static one-line message that
 * names the fix. No allocation.
 */
int fg_bump_next(const struct fg_version *current, enum fg_bump_kind kind,
		 const struct fg_version *explicit, char *out, size_t size, const char **why);

/* The errors of fg_vfile_rewrite. */
enum fg_rewrite_error {
	FG_REWRITE_ENOMEM = -1,
	FG_REWRITE_EMATCH = -2,   /* DATA is not valid UTF-8 (or another PCRE2 match error) */
	FG_REWRITE_ELIMIT = -3,   /* the pattern reached PCRE2's match or depth limit */
	FG_REWRITE_EPATTERN = -4, /* the pattern does not compile */
	FG_REWRITE_EVERSION = -5, /* NEW_VERSION is not a SemVer version */
	FG_REWRITE_ETOOBIG = -6   /* the result would not fit in memory's size_t, or too many spans */
};

/*
 * fg_vfile_rewrite: write NEW_VERSION (NUL-terminated SemVer text, e.g.
 * fg_bump_next's) into a version file's content DATA[0..LEN) (any bytes)
 * held as SPEC says, replacing only the value spans fg_vfile_find gives,
 * which are those fg_versions_extract reads:
 *  - no pattern: the whole file trimmed; the white space around it (the
 *    line ending, CRLF or none, blank lines, indentation) stays as it is;
 *  - a pattern: group 1 of every match, trimmed, from left to right
 *    (skipped: a match that leaves group 1 unset, and a group 1 in a
 *    lookaround that reaches back into the span before it). fg_versions_extract
 *    checks only the first match's value: rewriting every one keeps a file
 *    that says the version twice (setup.py's version= in two places)
 *    saying one version;
 *  - SPEC->series: each span gets "X.Y.x" of NEW_VERSION instead.
 * An all-white-space value gets the version at its start. Every byte
 * outside the spans is copied unchanged.
 * Returns the number of spans replaced, 0 when there is none (the file
 * holds no version where SPEC looks: the caller decides), with *OUT a newly
 * allocated buffer of *OUT_LEN bytes plus a NUL (not counted) that the
 * caller frees (a copy of DATA when 0). On error *OUT is NULL, *OUT_LEN 0,
 * and the return value an enum fg_rewrite_error; fg_versions_extract reads
 * a file with FG_REWRITE_EMATCH (not UTF-8) as holding no version.
 */
int fg_vfile_rewrite(char **out, size_t *out_len, const struct fg_vfile_spec *spec,
		     const char *data, size_t len, const char *new_version);

#endif
