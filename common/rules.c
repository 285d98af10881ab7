/* The rule table, generated from FG_RULE_LIST in rules.h. */
#include "rules.h"

static const struct fg_rule_info rule_table[FG_RULE__COUNT] = {
#define FG_RULE_ENTRY(id, name, hooks, sev, summary) { name, hooks, sev, summary },
	FG_RULE_LIST(FG_RULE_ENTRY)
#undef FG_RULE_ENTRY
};

const struct fg_rule_info *fg_rule_info(enum fg_rule rule)
{
	return &rule_table[rule];
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
