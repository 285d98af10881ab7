/* The rule table, generated from FG_RULE_LIST in rules.h. */
#include <stdio.h>
#include <strings.h>
#include "rules.h"

static const struct fg_rule_info rule_table[FG_RULE__COUNT] = {
#define FG_RULE_ENTRY(id, name, hooks, sev, summary, hint, why, passes, fails) \
	{ name, hooks, sev, summary, hint, why, passes, fails },
	FG_RULE_LIST(FG_RULE_ENTRY)
#undef FG_RULE_ENTRY
};

const struct fg_rule_info *fg_rule_info(enum fg_rule rule)
{
	return &rule_table[rule];
}

int fg_rule_lookup(const char *name)
{
	for (int i = 0; i < FG_RULE__COUNT; i++)
		if (!strcasecmp(rule_table[i].name, name))
			return i;
	return -1;
}

const char *fg_severity_name(enum fg_severity severity)
{
	switch (severity) {
	case FG_ERROR: return "error";
	case FG_WARN: return "warning";
	case FG_INFO: return "info";
	default: return "off";
	}
}

const char *fg_severity_config_name(enum fg_severity severity)
{
	return severity == FG_WARN ? "warn" : fg_severity_name(severity);
}

int fg_severity_parse(const char *value, enum fg_severity *out)
{
	static const struct {
		const char *name;
		enum fg_severity severity;
	} names[] = {
		{ "error", FG_ERROR }, { "warn", FG_WARN }, { "warning", FG_WARN },
		{ "info", FG_INFO }, { "off", FG_OFF },
	};

	for (size_t i = 0; value && i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcasecmp(value, names[i].name)) {
			*out = names[i].severity;
			return 0;
		}
	return -1;
}

const char *fg_hook_names(unsigned hooks, char *buf, size_t size)
{
	static const char *const names[] = { "pre-commit", "commit-msg", "pre-push", "post-merge",
						     "pre-receive", "post-commit", "prepare-commit-msg",
						     "applypatch-msg", "pre-applypatch" };
	size_t used = 0;

	if (size)
		buf[0] = '\0';
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		int n;

		if (!(hooks & (1u << i)) || used >= size)
			continue;
		n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "", names[i]);
		if (n > 0)
			used += (size_t)n;
	}
	return buf;
}
