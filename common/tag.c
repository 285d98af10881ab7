/* The release tag rules of the workflow. */
#include <stdlib.h>
#include <string.h>
#include "pattern.h"
#include "refname.h"
#include "tag.h"

static struct fg_pattern tag_message_re = FG_PATTERN("^(?:release|hotfix|maintenance):", 0);

size_t fg_check_tag(struct fg_report *report, const char *name, int annotated,
		    const char *message, const struct fg_version_set *set)
{
	size_t before = report->n;
	struct fg_version version;
	struct fg_violation *v;
	char *q = fg_quote(name, strlen(name), 80);
	int format_ok = fg_tag_parse(name, &version) == 0;

	if (!format_ok) {
		v = fg_report_add(report, FG_RULE_TAG_FORMAT,
				  "tag %s is not vX.Y.Z with an optional -dev, -alphaN, -betaN or -rcN",
				  q ? q : "?");
		fg_violation_hint(v, "name release tags like v0.16.0 or v0.16.0-rc1 "
				  "(git tag -a v0.16.0 -m 'release: ...')");
	}
	if (!annotated) {
		v = fg_report_add(report, FG_RULE_TAG_ANNOTATED, "tag %s is lightweight, not annotated",
				  q ? q : "?");
		fg_violation_hint(v, "recreate it annotated: git tag -f -a %s %s^{} -m 'release: ...'",
				  name, name);
	} else {
		size_t len = message ? strcspn(message, "\n") : 0;
		if (!message || fg_pattern_match(&tag_message_re, message, len, NULL, 0) != 1) {
			char *mq = fg_quote(message ? message : "", len, 60);
			v = fg_report_add(report, FG_RULE_TAG_MESSAGE,
					  "tag %s message %s does not start with 'release:', "
					  "'hotfix:' or 'maintenance:'", q ? q : "?", mq ? mq : "?");
			fg_violation_hint(v, "recreate it: git tag -f -a %s %s^{} -m 'release: <summary>'",
					  name, name);
			free(mq);
		}
	}
	for (size_t i = 0; format_ok && set && i < set->n; i++) {
		const struct fg_vfile_value *value = &set->values[i];
		int same = value->valid &&
			   (value->is_series ? value->major == version.major && value->minor == version.minor
					     : fg_version_same(&value->version, &version));
		char *vq;

		if (same)
			continue;
		vq = fg_quote(value->text, strlen(value->text), 60);
		v = fg_report_add(report, FG_RULE_TAG_VERSION_MATCH,
				  "tag %s points at a commit whose %s says %s", q ? q : "?",
				  value->path, vq ? vq : "?");
		fg_violation_hint(v, "tag the commit that sets the version to %s "
				  "(or commit that version first), e.g. git tag -f -a %s <commit>",
				  name + 1, name);
		free(vq);
	}
	free(q);
	return report->n - before;
}
