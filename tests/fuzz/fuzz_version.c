/*
 * libFuzzer target: SemVer 2.0.0 versions with the workflow's pre-releases,
 * and `flowgate bump`. The input is up to three lines A, B, C. Each is
 * parsed (fg_version_parse, fg_series_parse, fg_parse_u64, fg_bump_parse);
 * a parsed version is formatted and parsed back (the same version, build
 * metadata aside), formatted into short buffers (snprintf's truncation),
 * bumped every way (a bump goes up, to a workflow version that fits
 * FG_VERSION_TEXT_MAX), and the versions are compared: the workflow's
 * precedence and plain SemVer's must each be a total order (reflexive,
 * antisymmetric, transitive), as version.h promises.
 */
#include "fuzz.h"
#include "bump.h"
#include "version.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

/* A version parsed from a copy of exactly its bytes, kept for comparisons. */
struct parsed {
	char *text;
	size_t len;
	int rc;
	struct fg_version v;
};

static void check_format(const struct fg_version *v)
{
	int n = fg_version_format(NULL, 0, v), m;
	char *buf, small[16];
	struct fg_version back;
	int rc;

	FUZZ_ASSERT(n > 0, "fg_version_format returned %d", n);
	buf = malloc((size_t)n + 1);
	FUZZ_ASSERT(buf, "out of memory");
	m = fg_version_format(buf, (size_t)n + 1, v);
	FUZZ_ASSERT(m == n && strlen(buf) == (size_t)n, "fg_version_format: %d then %d", n, m);
	rc = fg_version_parse(buf, (size_t)n, &back);
	FUZZ_ASSERT(rc == 0, "formatted '%s' does not parse (%d)", buf, rc);
	/* fg_version_same compares PRE texts: only for a parsed version (PRE set when any) */
	FUZZ_ASSERT((v->pre_kind != FG_PRE_NONE && !v->pre) || fg_version_same(v, &back),
		    "'%s' is not the same version read back", buf);
	FUZZ_ASSERT(fg_version_compare(v, &back) == 0 && fg_version_compare_semver(v, &back) == 0,
		    "'%s' read back has another precedence", buf);
	FUZZ_ASSERT(back.pre_kind == v->pre_kind && back.pre_number == v->pre_number,
		    "'%s': pre-release kind changed", buf);
	if (fg_version_is_workflow(v))
		FUZZ_ASSERT(n < FG_VERSION_TEXT_MAX, "workflow version '%s' longer than "
			    "FG_VERSION_TEXT_MAX", buf);
	for (size_t size = 1; size <= sizeof(small); size++) {
		memset(small, 'X', sizeof(small));
		m = fg_version_format(small, size, v);
		FUZZ_ASSERT(m == n, "fg_version_format into %zu bytes returned %d", size, m);
		FUZZ_ASSERT(strlen(small) == ((size_t)n < size ? (size_t)n : size - 1) &&
			    !memcmp(small, buf, strlen(small)), "truncation into %zu bytes", size);
	}
	free(buf);
}

static void check_bumps(const struct fg_version *current, const struct fg_version *explicit)
{
	char out[FG_VERSION_TEXT_MAX], tiny[8];

	for (int k = FG_BUMP_MAJOR; k <= FG_BUMP_EXPLICIT; k++) {
		const char *why = NULL;
		struct fg_version next;
		int rc = fg_bump_next(current, (enum fg_bump_kind)k, explicit, out, sizeof(out), &why);

		FUZZ_ASSERT(rc == 0 || rc == FG_BUMP_EREFUSED || rc == FG_BUMP_EOVERFLOW,
			    "fg_bump_next(%s) returned %d", fg_bump_kind_name((enum fg_bump_kind)k), rc);
		if (rc < 0) {
			FUZZ_ASSERT(why && !out[0], "fg_bump_next(%s): error without why or with text",
				    fg_bump_kind_name((enum fg_bump_kind)k));
			continue;
		}
		FUZZ_ASSERT(fg_version_parse(out, strlen(out), &next) == 0 &&
			    fg_version_is_workflow(&next) && !next.build,
			    "bump %s gave '%s', not a workflow version",
			    fg_bump_kind_name((enum fg_bump_kind)k), out);
		FUZZ_ASSERT(fg_version_compare(&next, current) > 0, "bump %s to '%s' does not go up",
			    fg_bump_kind_name((enum fg_bump_kind)k), out);
		rc = fg_bump_next(current, (enum fg_bump_kind)k, explicit, tiny, sizeof(tiny), &why);
		FUZZ_ASSERT(strlen(out) < sizeof(tiny) ? rc == 0 && !strcmp(tiny, out)
						      : rc == FG_BUMP_ESIZE && !tiny[0],
			    "bump %s into %zu bytes: %d '%s'", fg_bump_kind_name((enum fg_bump_kind)k),
			    sizeof(tiny), rc, tiny);
	}
}

static void parse_one(struct parsed *p, const uint8_t *data, size_t size)
{
	uint64_t major, minor, u;
	enum fg_bump_kind kind;
	struct fg_version explicit;
	const char *why = NULL;
	char *word;
	int rc;

	p->text = fuzz_dup(data, size);
	p->len = size;
	p->rc = fg_version_parse(p->text, size, &p->v);
	FUZZ_ASSERT(p->rc == 0 || p->rc == -1 || p->rc == -2, "fg_version_parse returned %d", p->rc);
	if (p->rc == 0) {
		const struct fg_version *v = &p->v;

		FUZZ_ASSERT((!v->pre || (v->pre > p->text && v->pre + v->pre_len <= p->text + size)) &&
			    (!v->build || (v->build > p->text && v->build + v->build_len <= p->text + size)),
			    "pre-release or build outside the text");
		FUZZ_ASSERT(fg_version_compare(v, v) == 0 && fg_version_compare_semver(v, v) == 0 &&
			    fg_version_same(v, v), "a version differs from itself");
		if (v->pre_kind != FG_PRE_NONE && v->pre_kind != FG_PRE_OTHER) {
			/* a workflow pre-release built by hand: PRE NULL */
			struct fg_version hand = *v;

			hand.pre = NULL;
			hand.pre_len = 0;
			FUZZ_ASSERT(fg_version_compare(v, &hand) == 0 &&
				    fg_version_compare_semver(v, &hand) == 0,
				    "PRE NULL compares differently");
			check_format(&hand);
		}
		check_format(v);
		check_bumps(v, NULL);
	}
	rc = fg_series_parse(p->text, size, &major, &minor);
	FUZZ_ASSERT(rc == 0 || rc == -1 || rc == -2, "fg_series_parse returned %d", rc);
	rc = fg_parse_u64(p->text, size, &u);
	FUZZ_ASSERT(rc == 0 || rc == -1, "fg_parse_u64 returned %d", rc);

	word = fuzz_strndup(data, size);
	rc = fg_bump_parse(word, &kind, &explicit, &why);
	FUZZ_ASSERT(rc == 0 || rc == FG_BUMP_EWORD || rc == FG_BUMP_ENOTWORKFLOW ||
		    rc == FG_BUMP_EOVERFLOW, "fg_bump_parse returned %d", rc);
	FUZZ_ASSERT(rc == 0 || why, "fg_bump_parse: no why");
	if (rc == 0 && kind == FG_BUMP_EXPLICIT && p->rc == 0)
		check_bumps(&p->v, &explicit);
	free(word);
}

static void compare_pair(const struct parsed *a, const struct parsed *b)
{
	int w = fg_version_compare(&a->v, &b->v), s = fg_version_compare_semver(&a->v, &b->v);

	FUZZ_ASSERT(sign(w) == -sign(fg_version_compare(&b->v, &a->v)),
		    "workflow precedence not antisymmetric");
	FUZZ_ASSERT(sign(s) == -sign(fg_version_compare_semver(&b->v, &a->v)),
		    "SemVer precedence not antisymmetric");
	if (fg_version_same(&a->v, &b->v))
		FUZZ_ASSERT(w == 0 && s == 0, "the same version with another precedence");
	if (a->v.pre_kind == FG_PRE_OTHER && b->v.pre_kind == FG_PRE_OTHER)
		FUZZ_ASSERT(sign(w) == sign(s), "two OTHER pre-releases compare as SemVer does not");
	check_bumps(&a->v, &b->v);
}

static void compare_three(const struct parsed *a, const struct parsed *b, const struct parsed *c)
{
	int ab = fg_version_compare(&a->v, &b->v), bc = fg_version_compare(&b->v, &c->v);
	int ac = fg_version_compare(&a->v, &c->v);

	if (ab <= 0 && bc <= 0)
		FUZZ_ASSERT(ac <= 0 && (ab < 0 || bc < 0 ? ac < 0 : ac == 0),
			    "workflow precedence not transitive");
	ab = fg_version_compare_semver(&a->v, &b->v);
	bc = fg_version_compare_semver(&b->v, &c->v);
	ac = fg_version_compare_semver(&a->v, &c->v);
	if (ab <= 0 && bc <= 0)
		FUZZ_ASSERT(ac <= 0 && (ab < 0 || bc < 0 ? ac < 0 : ac == 0),
			    "SemVer precedence not transitive");
}

static void one_input(const uint8_t *data, size_t size)
{
	struct parsed p[3];
	size_t n = 0;

	memset(p, 0, sizeof(p));
	while (n < 3) {
		const uint8_t *line, *rest;
		size_t line_len, rest_len;

		fuzz_split(data, size, &line, &line_len, &rest, &rest_len);
		parse_one(&p[n++], line, line_len);
		if (rest_len == 0 && line_len == size)
			break;
		data = rest;
		size = rest_len;
	}
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (p[i].rc == 0 && p[j].rc == 0)
				compare_pair(&p[i], &p[j]);
	if (n == 3 && p[0].rc == 0 && p[1].rc == 0 && p[2].rc == 0) {
		/* every order of the three */
		static const int perm[6][3] = { { 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 },
						{ 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 } };
		for (int k = 0; k < 6; k++)
			compare_three(&p[perm[k][0]], &p[perm[k][1]], &p[perm[k][2]]);
	}
	for (size_t i = 0; i < n; i++)
		free(p[i].text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FUZZ_RUN(one_input(data, size));
	return 0;
}
