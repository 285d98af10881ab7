/* The release tag rules of the workflow. */
#include <stdlib.h>
#include <string.h>
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

size_t fg_check_tag(struct fg_report *report, const struct fg_config *cfg, const char *name,
		    int annotated, const char *message, const struct fg_version_set *set)
{
	size_t before = report->n;
	struct fg_version version;
	struct fg_violation *v;
	char *q = fg_quote(name, strlen(name), 80);
	int format_ok = fg_tag_parse(cfg, name, &version) == 0;
	const char *pfx = cfg->tag_prefix, *first = cfg->ntag_message_prefixes ?
		cfg->tag_message_prefixes[0] : "release:";

	if (!format_ok) {
		v = fg_report_add(report, FG_RULE_TAG_FORMAT,
				  "tag %s is not %sX.Y.Z with an optional -dev, -alphaN, -betaN or -rcN",
				  q ? q : "?", pfx);
		fg_violation_hint(v, "name release tags like %s0.16.0 or %s0.16.0-rc1 "
				  "(git tag -a %s0.16.0 -m '%s ...')", pfx, pfx, pfx, first);
	}
	if (!annotated && cfg->allow_lightweight) {
		/* tag.allowLightweight: a lightweight tag has no message to check */
	} else if (!annotated) {
		v = fg_report_add(report, FG_RULE_TAG_ANNOTATED, "tag %s is lightweight, not annotated",
				  q ? q : "?");
		fg_violation_hint(v, "recreate it annotated: git tag -f -a %s %s^{} -m '%s ...'",
				  name, name, first);
	} else if (!message_prefixed(cfg, message)) {
		size_t len = message ? strcspn(message, "\n") : 0;
		char *mq = fg_quote(message ? message : "", len, 60), *list = prefix_list(cfg);

		v = fg_report_add(report, FG_RULE_TAG_MESSAGE, "tag %s message %s does not start with %s",
				  q ? q : "?", mq ? mq : "?", list ? list : "?");
		fg_violation_hint(v, "recreate it: git tag -f -a %s %s^{} -m '%s <summary>'",
				  name, name, first);
		free(mq);
		free(list);
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
				  name + strlen(pfx), name);
		free(vq);
	}
	free(q);
	return report->n - before;
}
