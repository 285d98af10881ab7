/*
 * The next version by the workflow's rules (`flowgate bump`), and the
 * rewrite of a version file that changes the version's bytes and no others.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bump.h"

static const char *const kind_names[] = {
	[FG_BUMP_MAJOR] = "major",
	[FG_BUMP_MINOR] = "minor",
	[FG_BUMP_PATCH] = "patch",
	[FG_BUMP_DEV] = "dev",
	[FG_BUMP_ALPHA] = "alpha",
	[FG_BUMP_BETA] = "beta",
	[FG_BUMP_RC] = "rc",
	[FG_BUMP_RELEASE] = "release",
	[FG_BUMP_EXPLICIT] = "explicit",
};

const char *fg_bump_kind_name(enum fg_bump_kind kind)
{
	if ((unsigned)kind >= sizeof(kind_names) / sizeof(kind_names[0]))
		return "?";
	return kind_names[kind];
}

static int fail(const char **why, const char *message, int rc)
{
	if (why)
		*why = message;
	return rc;
}

int fg_bump_parse(const char *word, enum fg_bump_kind *kind, struct fg_version *version,
		  const char **why)
{
	struct fg_version v;
	size_t len = strlen(word);
	int rc;

	for (int k = FG_BUMP_MAJOR; k < FG_BUMP_EXPLICIT; k++)
		if (!strcmp(word, kind_names[k])) {
			*kind = (enum fg_bump_kind)k;
			return 0;
		}
	rc = fg_version_parse(word, len, &v);
	if (rc == -2)
		return fail(why, "a version number does not fit in 64 bits: give a smaller one",
			    FG_BUMP_EOVERFLOW);
	if (rc < 0) {
		if ((word[0] == 'v' || word[0] == 'V') && fg_version_parse(word + 1, len - 1, &v) == 0)
			return fail(why, "give the version without the tag prefix, e.g. 0.16.0 "
				    "for v0.16.0", FG_BUMP_EWORD);
		return fail(why, "give major, minor, patch, dev, alpha, beta, rc, release "
			    "or a version X.Y.Z[-pre]", FG_BUMP_EWORD);
	}
	if (!fg_version_is_workflow(&v) || v.build)
		return fail(why, "give a workflow version: X.Y.Z with an optional -dev, -alphaN, "
			    "-betaN or -rcN, and no +build metadata", FG_BUMP_ENOTWORKFLOW);
	*kind = FG_BUMP_EXPLICIT;
	*version = v;
	return 0;
}

static const char overflow_why[] =
	"a version number would pass 18446744073709551615: give the next version (flowgate bump X.Y.Z)";

/* *N + 1 into *N, unless it would wrap. */
static int increment(uint64_t *n)
{
	if (*n == UINT64_MAX)
		return -1;
	(*n)++;
	return 0;
}

/* Why a pre-release bump of KIND is refused from CURRENT; NULL when it is not. */
static const char *stage_refusal(const struct fg_version *current, enum fg_bump_kind kind)
{
	static const char *const from_final[] = {
		[FG_BUMP_ALPHA] = "a final release has no next alpha: start the next minor "
				  "(flowgate bump dev) or give the version (flowgate bump X.Y.Z-alpha1)",
		[FG_BUMP_BETA] = "a final release has no next beta: start the next minor "
				 "(flowgate bump dev) or give the version (flowgate bump X.Y.Z-beta1)",
		[FG_BUMP_RC] = "a final release has no next release candidate: start the next minor "
			       "(flowgate bump dev) or give the version (flowgate bump X.Y.Z-rc1)",
	};
	/* The workflow's stages in order: a bump never goes back to an earlier one. */
	enum fg_prerelease_kind target = kind == FG_BUMP_ALPHA ? FG_PRE_ALPHA
				       : kind == FG_BUMP_BETA ? FG_PRE_BETA : FG_PRE_RC;

	switch (current->pre_kind) {
	case FG_PRE_NONE:
		return from_final[kind];
	case FG_PRE_OTHER:
		return "the current pre-release is not the workflow's (-dev, -alphaN, -betaN, "
		       "-rcN): give the next version (flowgate bump X.Y.Z-rc1)";
	default:
		if (current->pre_kind <= target)
			return NULL;
		return current->pre_kind == FG_PRE_RC
		       ? "the version is a release candidate, past alpha and beta: "
			 "bump rc or release instead"
		       : "the version is a beta, past alpha: bump beta, rc or release instead";
	}
}

int fg_bump_next(const struct fg_version *current, enum fg_bump_kind kind,
		 const struct fg_version *explicit, char *out, size_t size, const char **why)
{
	struct fg_version next = { 0 };
	int has_pre = current->pre_kind != FG_PRE_NONE;
	const char *refusal;
	int n;

	if (size)
		out[0] = '\0';
	next.major = current->major;
	next.minor = current->minor;
	next.patch = current->patch;
	switch (kind) {
	case FG_BUMP_MAJOR:
		/* The lowest X'.0.0 above CURRENT: X.0.0 itself for its pre-release. */
		if (!has_pre || next.minor || next.patch)
			if (increment(&next.major))
				return fail(why, overflow_why, FG_BUMP_EOVERFLOW);
		next.minor = next.patch = 0;
		break;
	case FG_BUMP_MINOR:
		if (!has_pre || next.patch)
			if (increment(&next.minor))
				return fail(why, overflow_why, FG_BUMP_EOVERFLOW);
		next.patch = 0;
		break;
	case FG_BUMP_PATCH:
		if (!has_pre && increment(&next.patch))
			return fail(why, overflow_why, FG_BUMP_EOVERFLOW);
		break;
	case FG_BUMP_DEV:
		if (increment(&next.minor))
			return fail(why, overflow_why, FG_BUMP_EOVERFLOW);
		next.patch = 0;
		next.pre_kind = FG_PRE_DEV;
		break;
	case FG_BUMP_ALPHA:
	case FG_BUMP_BETA:
	case FG_BUMP_RC:
		if ((refusal = stage_refusal(current, kind)))
			return fail(why, refusal, FG_BUMP_EREFUSED);
		next.pre_kind = kind == FG_BUMP_ALPHA ? FG_PRE_ALPHA
			      : kind == FG_BUMP_BETA ? FG_PRE_BETA : FG_PRE_RC;
		/* The next N of the same stage, or 1 when the stage begins. */
		next.pre_number = next.pre_kind == current->pre_kind ? current->pre_number : 0;
		if (increment(&next.pre_number))
			return fail(why, overflow_why, FG_BUMP_EOVERFLOW);
		break;
	case FG_BUMP_RELEASE:
		if (!has_pre)
			return fail(why, "the version is already released: bump patch, minor, "
				    "major or dev for the next one", FG_BUMP_EREFUSED);
		break;
	case FG_BUMP_EXPLICIT:
		if (!explicit)
			return fail(why, "no version given: give one (flowgate bump X.Y.Z)",
				    FG_BUMP_EREFUSED);
		if (!fg_version_is_workflow(explicit) || explicit->build)
			return fail(why, "give a workflow version: X.Y.Z with an optional -dev, "
				    "-alphaN, -betaN or -rcN, and no +build metadata",
				    FG_BUMP_EREFUSED);
		n = fg_version_compare(explicit, current);
		if (n == 0)
			return fail(why, "the version files already hold that version: give a "
				    "higher one", FG_BUMP_EREFUSED);
		if (n < 0)
			return fail(why, "that version is lower than the current one (-dev < -alphaN "
				    "< -betaN < -rcN < X.Y.Z): give a higher one", FG_BUMP_EREFUSED);
		next = *explicit;
		next.build = NULL;
		next.build_len = 0;
		break;
	default:
		return fail(why, "unknown bump: give " FG_BUMP_USAGE, FG_BUMP_EREFUSED);
	}
	n = fg_version_format(out, size, &next);
	if (n < 0 || (size_t)n >= size) {
		if (size)
			out[0] = '\0';
		return fail(why, "the buffer for the version is too small (FG_VERSION_TEXT_MAX "
			    "bytes hold any)", FG_BUMP_ESIZE);
	}
	return 0;
}

int fg_vfile_rewrite(char **out, size_t *out_len, const struct fg_vfile_spec *spec,
		     const char *data, size_t len, const char *new_version)
{
	char series[FG_VERSION_TEXT_MAX];
	const char *text = new_version;
	size_t text_len = strlen(new_version), n = 0, alloc = 0, from = 0, kept = 0, total;
	struct fg_span *spans = NULL, value;
	struct fg_version v;
	char *buf, *p;
	int rc;

	*out = NULL;
	*out_len = 0;
	if (fg_version_parse(new_version, text_len, &v) < 0)
		return FG_REWRITE_EVERSION;
	if (spec->series) {
		int k = snprintf(series, sizeof(series), "%llu.%llu.x", (unsigned long long)v.major,
				 (unsigned long long)v.minor);

		if (k < 0 || (size_t)k >= sizeof(series))
			return FG_REWRITE_EVERSION;
		text = series;
		text_len = (size_t)k;
	}
	while ((rc = fg_vfile_find(spec, data, len, &from, &value)) == 1) {
		/* Group 1 unset; or inside a lookaround, reaching back into the span before. */
		if (value.off == SIZE_MAX || (n && value.off < spans[n - 1].off + spans[n - 1].len))
			continue;
		if (n == alloc) {
			size_t bigger = alloc ? alloc * 2 : 4;
			struct fg_span *grown = bigger > SIZE_MAX / sizeof(*spans) ? NULL
					      : realloc(spans, bigger * sizeof(*spans));

			if (!grown) {
				free(spans);
				return FG_REWRITE_ENOMEM;
			}
			spans = grown;
			alloc = bigger;
		}
		spans[n++] = value;
		kept += value.len;
	}
	if (rc < 0) {
		free(spans);
		return rc == -1 ? FG_REWRITE_EPATTERN : rc == -3 ? FG_REWRITE_ELIMIT
							      : FG_REWRITE_EMATCH;
	}
	/* LEN - KEPT bytes stay; N copies of TEXT come in. */
	total = len - kept;
	if (n > INT_MAX || (text_len && n > (SIZE_MAX - 1 - total) / text_len)) {
		free(spans);
		return FG_REWRITE_ETOOBIG;
	}
	total += n * text_len;
	if (!(buf = malloc(total + 1))) {
		free(spans);
		return FG_REWRITE_ENOMEM;
	}
	p = buf;
	from = 0;
	for (size_t i = 0; i < n; i++) {
		if (spans[i].off > from)
			memcpy(p, data + from, spans[i].off - from);
		p += spans[i].off - from;
		memcpy(p, text, text_len);
		p += text_len;
		from = spans[i].off + spans[i].len;
	}
	if (len > from)
		memcpy(p, data + from, len - from);
	buf[total] = '\0';
	free(spans);
	*out = buf;
	*out_len = total;
	return (int)n;
}
