/* The release tag rules of the workflow. */
#include <stdlib.h>
#include <string.h>
#include "quote.h"
#include "refname.h"
#include "tag.h"

/* Non-zero when the first line of MESSAGE starts with one of CFG's prefixes. */
static int message_prefixed(const struct fg_config *cfg, const char *message)
{
	size_t len = message ? strcspn(message, "\n") : 0;

	for (size_t i = 0; message && i < cfg->ntag_message_prefixes; i++) {
		size_t plen = strlen(cfg->tag_message_prefixes[i]);
		if (plen <= len && !strncmp(message, cfg->tag_message_prefixes[i], plen))
			return 1;
	}
	return 0;
}

/* WORDS[0..N) as "'release:', 'hotfix:' or 'maintenance:'" (newly allocated). */
static char *quoted_list(const char *const *words, size_t n)
{
	size_t len = 1;
	char *out, *p;

	for (size_t i = 0; i < n; i++)
		len += strlen(words[i]) + 8;
	if (!(out = p = malloc(len)))
		return NULL;
	*p = '\0';
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "%s'%s'", !i ? "" : i + 1 == n ? " or " : ", ", words[i]);
	return out;
}

/* CFG's message prefixes as quoted_list writes them. */
static char *prefix_list(const struct fg_config *cfg)
{
	return quoted_list((const char *const *)cfg->tag_message_prefixes,
			   cfg->ntag_message_prefixes);
}

/* Non-zero when PREFIX is one of CFG's tag message prefixes. */
static int prefix_configured(const struct fg_config *cfg, const char *prefix)
{
	for (size_t i = 0; i < cfg->ntag_message_prefixes; i++)
		if (!strcmp(cfg->tag_message_prefixes[i], prefix))
			return 1;
	return 0;
}

/*
 * The message prefixes of the tag's kind (version V, context TCTX), the
 * first the one hints write, into OUT (at most 3); returns how many, 0 when
 * the kind is not known or none of its prefixes is configured (then any
 * configured prefix does):
 *  - an X.Y.0 release and its pre-releases: 'release:';
 *  - a patch on release/X.Y.x only: 'hotfix:' (the guide's emergency fix)
 *    or 'release:' (a planned patch release cut on the release branch);
 *  - a patch on maint/X.Y.x only: 'maintenance:' or 'hotfix:' (the guide
 *    tags v0.15.4 'hotfix: critical security fix' in its multi-version
 *    hotfix and 'maintenance: backport critical fix' in its maintenance
 *    section; both are patches of the maint branch);
 *  - a pre-release of a patch: 'release:' too (a release candidate,
 *    as flowgate bump rc --tag writes it), wherever it lies.
 */
static size_t kind_prefixes(const struct fg_config *cfg, const struct fg_version *v,
			    const struct fg_tag_context *tctx, const char *out[3])
{
	const char *kinds[3] = { NULL, NULL, NULL };
	size_t n = 0;

	if (v->patch == 0) {
		kinds[0] = "release:";
	} else if (tctx && tctx->branches_known && tctx->on_release != tctx->on_maint) {
		kinds[0] = tctx->on_release ? "hotfix:" : "maintenance:";
		kinds[1] = tctx->on_release ? "release:" : "hotfix:";
		if (v->pre_kind != FG_PRE_NONE && !tctx->on_release)
			kinds[2] = "release:";
	}
	if (kinds[0] && v->pre_kind != FG_PRE_NONE && v->patch) {
		/* a release candidate is a release's: 'release:' first */
		const char *r = "release:";

		for (size_t i = 0; i < 3; i++)
			if (kinds[i] && !strcmp(kinds[i], r)) {
				kinds[i] = kinds[0];
				break;
			}
		kinds[0] = r;
	}
	for (size_t i = 0; i < 3; i++)
		if (kinds[i] && prefix_configured(cfg, kinds[i]))
			out[n++] = kinds[i];
	return n;
}

/* Non-zero when MESSAGE (may be NULL) starts with PREFIX. */
static int starts_with(const char *message, const char *prefix)
{
	return message && !strncmp(message, prefix, strlen(prefix));
}

/* Non-zero when MESSAGE starts with one of KINDS[0..N). */
static int kind_accepts(const char *message, const char *const *kinds, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (starts_with(message, kinds[i]))
			return 1;
	return 0;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int fg_tag_is_release(const struct fg_config *cfg, const char *name)
{
	size_t plen = strlen(cfg->tag_prefix);
	const char *p = name;

	if (!strncmp(name, cfg->tag_prefix, plen) && is_digit(name[plen]))
		return 1;
	/* a version without the prefix: digits, a dot and a digit (an optional v first) */
	if (*p == 'v' || *p == 'V')
		p++;
	if (!is_digit(*p))
		return 0;
	while (is_digit(*p))
		p++;
	return p[0] == '.' && is_digit(p[1]);
}

/*
 * The name release tag NAME should have had: CFG's prefix before the
 * version NAME holds without it (0.16.2 -> v0.16.2, V0.16.2 -> v0.16.2),
 * newly allocated with its version in *OUT (pointing into it); NULL when
 * NAME starts with the prefix and a digit, or no workflow version follows.
 */
static char *renamed(const struct fg_config *cfg, const char *name, struct fg_version *out)
{
	size_t plen = strlen(cfg->tag_prefix);
	char *to;

	if (!strncmp(name, cfg->tag_prefix, plen) && is_digit(name[plen]))
		return NULL;
	if ((name[0] == 'v' || name[0] == 'V') && is_digit(name[1]))
		name++;
	if (!(to = fg_strdupf("%s%s", cfg->tag_prefix, name)))
		return NULL;
	if (fg_tag_parse(cfg, to, out) < 0) {
		free(to);
		return NULL;
	}
	return to;
}

/*
 * The message prefix a new tag of version V is made with, so that
 * tagMessage passes wherever it lies: 'release:' for X.Y.0 and every
 * pre-release, 'hotfix:' for a patch (on a release and a maint branch
 * alike), else CFG's first prefix.
 */
static const char *new_tag_prefix(const struct fg_config *cfg, const struct fg_version *v)
{
	const char *p = v->patch == 0 || v->pre_kind != FG_PRE_NONE ? "release:" : "hotfix:";

	if (prefix_configured(cfg, p))
		return p;
	return cfg->ntag_message_prefixes ? cfg->tag_message_prefixes[0] : "release:";
}

size_t fg_check_tag(struct fg_report *report, const struct fg_config *cfg, const char *name,
		    int annotated, const char *message, const struct fg_version_set *set,
		    const struct fg_tag_context *tctx)
{
	size_t before = report->n;
	struct fg_version version;
	struct fg_violation *v;
	char *q = fg_quote(name, strlen(name), 80), *tw, *mw;
	/* the tag's name in the commands of the hints, which are pasted */
	char *nw_owned = fg_sh_quote(name, strlen(name), 0);
	const char *nw = nw_owned ? nw_owned : "<tag>";
	int format_ok, not_commit = 0;
	const char *pfx = cfg->tag_prefix, *first = cfg->ntag_message_prefixes ?
		cfg->tag_message_prefixes[0] : "release:", *kinds[3];
	size_t nkinds;
	/* a version named without the prefix (0.16.2): the name it takes, and its version */
	struct fg_version to_version;
	char *to = NULL;

	if (tctx && tctx->version) {
		version = *tctx->version; /* parsed once, by the caller */
		format_ok = 1;
	} else {
		format_ok = fg_tag_parse(cfg, name, &version) == 0;
	}
	/* every tag: the remote's tags never move */
	if (tctx && tctx->moved_from) {
		v = fg_report_add(report, FG_RULE_TAG_MOVED, "tag %s already exists on the remote "
				  "(%.12s) and this push would move it", q ? q : "?", tctx->moved_from);
		fg_violation_hint(v, "a release never changes: release a new version (flowgate bump "
				  "patch, then tag it), or take the remote's tag: git fetch --tags --force");
	}
	/* a tag not named like a version (latest, docs-snapshot) is no release */
	if (!fg_tag_is_release(cfg, name)) {
		if (cfg->refuse_other_tags) {
			v = fg_report_add(report, FG_RULE_TAG_FORMAT, "tag %s is not named like a "
					  "release (%sX.Y.Z), and tag.others = refuse takes no other tag",
					  q ? q : "?", pfx);
			fg_violation_hint(v, "delete it (git tag -d %s) and push releases only, named "
					  "like %s0.16.0", nw, pfx);
		}
		goto out;
	}
	if (!format_ok && (to = renamed(cfg, name, &to_version))) {
		/* the exact rename; a tag of a blob or a tree is made anew on a commit */
		char *tq = fg_quote(to, strlen(to), 80);

		tw = fg_sh_quote(to, strlen(to), 0);
		mw = fg_sh_wordf("%s %s", new_tag_prefix(cfg, &to_version), to + strlen(pfx));
		v = fg_report_add(report, FG_RULE_TAG_FORMAT, "tag %s names version %s without "
				  "the tag prefix '%s'", q ? q : "?", to + strlen(pfx), pfx);
		if (tctx && tctx->not_commit)
			fg_violation_hint(v, "rename it to %s: git tag -d %s && git tag -a %s -m %s "
					  "<commit>", tq ? tq : "?", nw, tw ? tw : "<tag>",
					  mw ? mw : "<message>");
		else
			fg_violation_hint(v, "rename it to %s: git tag -a %s %s^{} -m %s && git tag "
					  "-d %s", tq ? tq : "?", tw ? tw : "<tag>", nw,
					  mw ? mw : "<message>", nw);
		free(tq);
		free(tw);
		free(mw);
	} else if (!format_ok) {
		/* the version its commit's files hold names it, when they hold one */
		const struct fg_vfile_value *at = set ? fg_versions_exact(set) : NULL;

		v = fg_report_add(report, FG_RULE_TAG_FORMAT,
				  "tag %s is not %sX.Y.Z with an optional -dev, -alphaN, -betaN or -rcN",
				  q ? q : "?", pfx);
		if (at && !(tctx && tctx->not_commit)) {
			tw = fg_sh_wordf("%s%s", pfx, at->text);
			mw = fg_sh_wordf("%s %s", new_tag_prefix(cfg, &at->version), at->text);
			fg_violation_hint(v, "rename it after the version its commit holds: git tag -a "
					  "%s %s^{} -m %s && git tag -d %s", tw ? tw : "<tag>", nw,
					  mw ? mw : "<message>", nw);
		} else {
			tw = fg_sh_wordf("%s0.16.0", pfx);
			mw = fg_sh_wordf("%s ...", first);
			fg_violation_hint(v, "name release tags like %s0.16.0 or %s0.16.0-rc1 "
					  "(git tag -a %s -m %s)", pfx, pfx, tw ? tw : "<tag>",
					  mw ? mw : "<message>");
		}
		free(tw);
		free(mw);
	}
	if (tctx && tctx->not_commit) {
		/* a release names a commit; the new tag's name is the one tagFormat
		 * asks for, when it is known */
		const struct fg_version *nv = format_ok ? &version : to ? &to_version : NULL;
		const char *new_name = format_ok ? name : to;
		char *new_word = new_name ? fg_sh_quote(new_name, strlen(new_name), 0) : NULL;

		v = fg_report_add(report, FG_RULE_TAG_TARGET, "tag %s points at %s %s, not a commit",
				  q ? q : "?", tctx->not_commit[0] &&
				  strchr("aeiou", tctx->not_commit[0]) ? "an" : "a",
				  tctx->not_commit);
		mw = nv ? fg_sh_wordf("%s %s", new_tag_prefix(cfg, nv), new_name + strlen(pfx)) : NULL;
		fg_violation_hint(v, "delete the tag and tag the commit to release: git tag -d %s && "
				  "git tag -a %s -m %s <commit>", nw, new_word ? new_word : "<tag>",
				  mw ? mw : "<message>");
		free(mw);
		free(new_word);
		not_commit = v != NULL;
	}
	if (not_commit || to) {
		/* the fix makes a new tag: tagAnnotated's and tagMessage's would keep
		 * the blob, the tree or the name */
	} else if (!annotated && cfg->allow_lightweight) {
		/* tag.allowLightweight: a lightweight tag has no message to check */
	} else if (!annotated) {
		v = fg_report_add(report, FG_RULE_TAG_ANNOTATED, "tag %s is lightweight, not annotated",
				  q ? q : "?");
		/* the message tagMessage then asks of its kind */
		mw = !format_ok ? fg_sh_wordf("%s ...", first)
		     : fg_sh_wordf("%s %s", kind_prefixes(cfg, &version, tctx, kinds) ? kinds[0]
				   : new_tag_prefix(cfg, &version), name + strlen(pfx));
		fg_violation_hint(v, "recreate it annotated: git tag -f -a %s %s^{} -m %s", nw, nw,
				  mw ? mw : "<message>");
		free(mw);
	} else if (format_ok && (nkinds = kind_prefixes(cfg, &version, tctx, kinds)) &&
		   !kind_accepts(message, kinds, nkinds)) {
		size_t len = message ? strcspn(message, "\n") : 0;
		char *mq = fg_quote(message ? message : "", len, 60), *list = quoted_list(kinds, nkinds);

		v = fg_report_add(report, FG_RULE_TAG_MESSAGE, "tag %s message %s does not start "
				  "with %s, the prefix of %s%s", q ? q : "?", mq ? mq : "?",
				  list ? list : "?", version.patch && version.pre_kind != FG_PRE_NONE
				  ? "a pre-release of " : "", version.patch == 0 ? "an X.Y.0 release"
				  : tctx->on_release ? "a patch on a release branch"
				  : "a patch on a maint branch");
		mw = fg_sh_wordf("%s %s", kinds[0], name + strlen(pfx));
		fg_violation_hint(v, "recreate it: git tag -f -a %s %s^{} -m %s", nw, nw,
				  mw ? mw : "<message>");
		free(mw);
		free(mq);
		free(list);
	} else if (!message_prefixed(cfg, message)) {
		size_t len = message ? strcspn(message, "\n") : 0;
		char *mq = fg_quote(message ? message : "", len, 60), *list = prefix_list(cfg);

		v = fg_report_add(report, FG_RULE_TAG_MESSAGE, "tag %s message %s does not start with %s",
				  q ? q : "?", mq ? mq : "?", list ? list : "?");
		mw = format_ok ? fg_sh_wordf("%s %s", first, name + strlen(pfx))
			       : fg_sh_wordf("%s <summary>", first);
		fg_violation_hint(v, "recreate it: git tag -f -a %s %s^{} -m %s", nw, nw,
				  mw ? mw : "<message>");
		free(mw);
		free(mq);
		free(list);
	}
	if (format_ok && tctx && tctx->branches_known && !tctx->on_release && !tctx->on_maint) {
		v = fg_report_add(report, FG_RULE_TAG_ON_RELEASE_BRANCH, "tag %s points at a commit "
				  "on no release/%llu.%llu.x or maint/%llu.%llu.x branch", q ? q : "?",
				  (unsigned long long)version.major, (unsigned long long)version.minor,
				  (unsigned long long)version.major, (unsigned long long)version.minor);
		fg_violation_hint(v, "tag a commit of release/%llu.%llu.x (merge the work there "
				  "first), and push that branch too",
				  (unsigned long long)version.major, (unsigned long long)version.minor);
	}
	if (format_ok && tctx && tctx->higher_tag) {
		char *hq = fg_quote(tctx->higher_tag, strlen(tctx->higher_tag), 80);

		v = fg_report_add(report, FG_RULE_TAG_MONOTONIC, "tag %s is not higher than tag %s, "
				  "made before it in the %llu.%llu series", q ? q : "?", hq ? hq : "?",
				  (unsigned long long)version.major, (unsigned long long)version.minor);
		fg_violation_hint(v, "a series only goes up: release the next version after %s "
				  "(flowgate bump rc|patch|release --commit --tag) and delete this tag "
				  "(git tag -d %s)", tctx->higher_tag, nw);
		free(hq);
	}
	for (size_t i = 0; format_ok && set && i < set->n; i++) {
		const struct fg_vfile_value *value = &set->values[i];
		int same = value->valid &&
			   (value->is_series ? value->major == version.major && value->minor == version.minor
					     : fg_version_same(&value->version, &version));
		char *vq;

		if (same || value->missing)
			continue;
		vq = fg_quote(value->text, strlen(value->text), 60);
		v = fg_report_add(report, FG_RULE_TAG_VERSION_MATCH,
				  "tag %s points at a commit whose %s says %s", q ? q : "?",
				  value->path, vq ? vq : "?");
		mw = fg_sh_wordf("%s %s", kind_prefixes(cfg, &version, tctx, kinds) ? kinds[0]
				 : new_tag_prefix(cfg, &version), name + strlen(pfx));
		fg_violation_hint(v, "tag the commit that sets the version to %s "
				  "(or commit that version first): git tag -f -a %s -m %s <commit>",
				  name + strlen(pfx), nw, mw ? mw : "<message>");
		free(mw);
		free(vq);
	}
out:
	free(to);
	free(nw_owned);
	free(q);
	return report->n - before;
}
