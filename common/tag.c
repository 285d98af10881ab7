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

/* CFG's message prefixes as "'release:', 'hotfix:' or 'maintenance:'". */
static char *prefix_list(const struct fg_config *cfg)
{
	size_t len = 1;
	char *out, *p;

	for (size_t i = 0; i < cfg->ntag_message_prefixes; i++)
		len += strlen(cfg->tag_message_prefixes[i]) + 8;
	if (!(out = p = malloc(len)))
		return NULL;
	*p = '\0';
	for (size_t i = 0; i < cfg->ntag_message_prefixes; i++)
		p += sprintf(p, "%s'%s'", !i ? "" : i + 1 == cfg->ntag_message_prefixes ? " or " : ", ",
			     cfg->tag_message_prefixes[i]);
	return out;
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
 * The message prefix of the tag's kind (version V, context TCTX): "release:"
 * for X.Y.0, "hotfix:" / "maintenance:" for a patch on a release / maint
 * branch only; NULL when the kind is not known or its prefix not configured.
 */
static const char *kind_prefix(const struct fg_config *cfg, const struct fg_version *v,
			       const struct fg_tag_context *tctx)
{
	const char *p = NULL;

	if (v->patch == 0)
		p = "release:";
	else if (tctx && tctx->branches_known && tctx->on_release != tctx->on_maint)
		p = tctx->on_release ? "hotfix:" : "maintenance:";
	return p && prefix_configured(cfg, p) ? p : NULL;
}

/* Non-zero when MESSAGE (may be NULL) starts with PREFIX. */
static int starts_with(const char *message, const char *prefix)
{
	return message && !strncmp(message, prefix, strlen(prefix));
}

/*
 * Non-zero when MESSAGE starts with KIND, the prefix of the tag's kind. A
 * patch on maint/X.Y.x takes 'hotfix:' too (*HOTFIX_TOO set): the workflow
 * guide tags v0.15.4 'hotfix: critical security fix' in its multi-version
 * hotfix and 'maintenance: backport critical fix' in its maintenance
 * section; both are patches of the maint branch.
 */
static int kind_accepts(const struct fg_config *cfg, const char *message, const char *kind,
			int *hotfix_too)
{
	*hotfix_too = !strcmp(kind, "maintenance:") && prefix_configured(cfg, "hotfix:");
	return starts_with(message, kind) || (*hotfix_too && starts_with(message, "hotfix:"));
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
	int format_ok = fg_tag_parse(cfg, name, &version) == 0, maint_hotfix = 0, not_commit = 0;
	const char *pfx = cfg->tag_prefix, *first = cfg->ntag_message_prefixes ?
		cfg->tag_message_prefixes[0] : "release:", *kind;

	if (tctx && tctx->moved_from) {
		v = fg_report_add(report, FG_RULE_TAG_MOVED, "tag %s already exists on the remote "
				  "(%.12s) and this push would move it", q ? q : "?", tctx->moved_from);
		fg_violation_hint(v, "a release never changes: release a new version (flowgate bump "
				  "patch, then tag it), or take the remote's tag: git fetch --tags --force");
	}
	if (!format_ok) {
		v = fg_report_add(report, FG_RULE_TAG_FORMAT,
				  "tag %s is not %sX.Y.Z with an optional -dev, -alphaN, -betaN or -rcN",
				  q ? q : "?", pfx);
		tw = fg_sh_wordf("%s0.16.0", pfx);
		mw = fg_sh_wordf("%s ...", first);
		fg_violation_hint(v, "name release tags like %s0.16.0 or %s0.16.0-rc1 "
				  "(git tag -a %s -m %s)", pfx, pfx, tw ? tw : "<tag>",
				  mw ? mw : "<message>");
		free(tw);
		free(mw);
	}
	if (format_ok && tctx && tctx->not_commit) {
		/* the prefix the new tag's kind will take: 'hotfix:' suits a patch
		 * on a release branch and on a maint branch alike */
		const char *kp = kind_prefix(cfg, &version, NULL);

		if (!kp && version.patch && prefix_configured(cfg, "hotfix:"))
			kp = "hotfix:";
		v = fg_report_add(report, FG_RULE_TAG_TARGET, "tag %s points at %s %s, not a commit",
				  q ? q : "?", tctx->not_commit[0] &&
				  strchr("aeiou", tctx->not_commit[0]) ? "an" : "a",
				  tctx->not_commit);
		mw = fg_sh_wordf("%s %s", kp ? kp : first, name + strlen(pfx));
		fg_violation_hint(v, "delete the tag and tag the commit to release: git tag -d %s && "
				  "git tag -a %s -m %s <commit>", nw, nw, mw ? mw : "<message>");
		free(mw);
		not_commit = v != NULL;
	}
	if (not_commit) {
		/* the fix makes a new tag: tagAnnotated's and tagMessage's would keep
		 * the blob or the tree */
	} else if (!annotated && cfg->allow_lightweight) {
		/* tag.allowLightweight: a lightweight tag has no message to check */
	} else if (!annotated) {
		v = fg_report_add(report, FG_RULE_TAG_ANNOTATED, "tag %s is lightweight, not annotated",
				  q ? q : "?");
		mw = fg_sh_wordf("%s ...", first);
		fg_violation_hint(v, "recreate it annotated: git tag -f -a %s %s^{} -m %s", nw, nw,
				  mw ? mw : "<message>");
		free(mw);
	} else if (format_ok && (kind = kind_prefix(cfg, &version, tctx)) &&
		   !kind_accepts(cfg, message, kind, &maint_hotfix)) {
		size_t len = message ? strcspn(message, "\n") : 0;
		char *mq = fg_quote(message ? message : "", len, 60);

		v = fg_report_add(report, FG_RULE_TAG_MESSAGE, "tag %s message %s does not start "
				  "with '%s'%s, the prefix of %s", q ? q : "?", mq ? mq : "?", kind,
				  maint_hotfix ? " or 'hotfix:'" : "",
				  version.patch == 0 ? "an X.Y.0 release" : tctx->on_release ?
				  "a patch on a release branch" : "a patch on a maint branch");
		mw = fg_sh_wordf("%s <summary>", kind);
		fg_violation_hint(v, "recreate it: git tag -f -a %s %s^{} -m %s", nw, nw,
				  mw ? mw : "<message>");
		free(mw);
		free(mq);
	} else if (!message_prefixed(cfg, message)) {
		size_t len = message ? strcspn(message, "\n") : 0;
		char *mq = fg_quote(message ? message : "", len, 60), *list = prefix_list(cfg);

		v = fg_report_add(report, FG_RULE_TAG_MESSAGE, "tag %s message %s does not start with %s",
				  q ? q : "?", mq ? mq : "?", list ? list : "?");
		mw = fg_sh_wordf("%s <summary>", first);
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
		fg_violation_hint(v, "tag the commit that sets the version to %s "
				  "(or commit that version first), e.g. git tag -f -a %s <commit>",
				  name + strlen(pfx), nw);
		free(vq);
	}
	free(nw_owned);
	free(q);
	return report->n - before;
}
