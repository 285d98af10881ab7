/*
 * The rule registry: every rule flowgate knows, declared once in the
 * FG_RULE_LIST X-macro (in the manner of git's fsck message table). The enum,
 * the name/hook/severity table and the user-facing names all come from it.
 */
#ifndef FLOWGATE_RULES_H
#define FLOWGATE_RULES_H

#include <stddef.h>

/* Severity of a violation: error blocks, warn prints and lets it through. */
enum fg_severity { FG_OFF = 0, FG_INFO, FG_WARN, FG_ERROR };

/* The hooks a rule runs in (bit set). */
enum fg_hook {
	FG_HOOK_PRE_COMMIT = 1 << 0,
	FG_HOOK_COMMIT_MSG = 1 << 1,
	FG_HOOK_PRE_PUSH = 1 << 2,
	FG_HOOK_POST_MERGE = 1 << 3
};

#define FG_PC FG_HOOK_PRE_COMMIT
#define FG_CM FG_HOOK_COMMIT_MSG
#define FG_PP FG_HOOK_PRE_PUSH
#define FG_PM FG_HOOK_POST_MERGE

/* X(ID, name, hooks, default severity, summary) */
#define FG_RULE_LIST(X) \
	X(BRANCH_NAME, "branchName", FG_PC | FG_PP, FG_ERROR, \
	  "branch is main, dev/X.Y.x, release/X.Y.x, maint/X.Y.x, feature/<slug>, hotfix/<slug> or docs/<slug>") \
	X(HEADER_FORMAT, "headerFormat", FG_CM | FG_PP, FG_ERROR, \
	  "commit header is 'type(scope)!: subject' (Conventional Commits 1.0.0)") \
	X(TYPE_ENUM, "typeEnum", FG_CM | FG_PP, FG_ERROR, \
	  "commit type is one of the workflow's types") \
	X(SUBJECT_EMPTY, "subjectEmpty", FG_CM | FG_PP, FG_ERROR, \
	  "commit subject is not empty") \
	X(HEADER_MAX_LENGTH, "headerMaxLength", FG_CM | FG_PP, FG_ERROR, \
	  "commit header is at most 72 characters") \
	X(VERSION_FORMAT, "versionFormat", FG_PC | FG_PP | FG_PM, FG_ERROR, \
	  "every version file holds X.Y.Z with an optional -dev, -alphaN, -betaN or -rcN") \
	X(VERSION_CONSISTENCY, "versionConsistency", FG_PC | FG_PP | FG_PM, FG_ERROR, \
	  "all version files agree") \
	X(BRANCH_VERSION_SERIES, "branchVersionSeries", FG_PC | FG_PP | FG_PM, FG_ERROR, \
	  "on dev/X.Y.x, release/X.Y.x and maint/X.Y.x the version is in the X.Y series") \
	X(TAG_FORMAT, "tagFormat", FG_PP, FG_ERROR, \
	  "tag name is vX.Y.Z with an optional workflow pre-release") \
	X(TAG_ANNOTATED, "tagAnnotated", FG_PP, FG_ERROR, \
	  "release tags are annotated, not lightweight") \
	X(TAG_MESSAGE, "tagMessage", FG_PP, FG_ERROR, \
	  "tag message starts with 'release:', 'hotfix:' or 'maintenance:'") \
	X(TAG_VERSION_MATCH, "tagVersionMatch", FG_PP, FG_ERROR, \
	  "the version files at the tagged commit hold the tag's version") \
	X(NEXT_STEP, "nextStep", FG_PM, FG_INFO, \
	  "after release/X.Y.x is merged into main, bump main to X.(Y+1).0-dev")

enum fg_rule {
#define FG_RULE_ENUM(id, name, hooks, sev, summary) FG_RULE_##id,
	FG_RULE_LIST(FG_RULE_ENUM)
#undef FG_RULE_ENUM
	FG_RULE__COUNT
};

struct fg_rule_info {
	const char *name;          /* stable camelCase name */
	unsigned hooks;            /* bit set of enum fg_hook */
	enum fg_severity severity; /* default severity */
	const char *summary;       /* one line: what the rule accepts */
};

/*
 * fg_rule_info: the registry entry of RULE (0 <= RULE < FG_RULE__COUNT).
 * Returns a pointer to static storage; never NULL for a valid RULE.
 */
const struct fg_rule_info *fg_rule_info(enum fg_rule rule);

/*
 * fg_severity_name: "off", "info", "warning" or "error" (static storage).
 */
const char *fg_severity_name(enum fg_severity severity);

#endif
