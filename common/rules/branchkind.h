/*
 * The workflow's branch kinds as types: the kinds it names (main,
 * dev/X.Y.x, feature/<slug>, ...), a configured kind ([branch "<kind>"])
 * and a branch name classified by them. The version rules, the settings
 * and the refname rules share them; classifying a name is refname.h's
 * (fg_branch_parse), the built-in kinds are settings.h's. Layer: rules,
 * below version, settings and refname; no code but one accessor.
 */
#ifndef FLOWGATE_BRANCHKIND_H
#define FLOWGATE_BRANCHKIND_H

#include <stdint.h>
#include "pattern.h"

/* The workflow's branch kinds; a configured kind with another name is OTHER. */
enum fg_branch_kind {
	FG_BRANCH_INVALID = 0,
	FG_BRANCH_MAIN,
	FG_BRANCH_DEV,     /* dev/X.Y.x */
	FG_BRANCH_RELEASE, /* release/X.Y.x */
	FG_BRANCH_MAINT,   /* maint/X.Y.x */
	FG_BRANCH_FEATURE, /* feature/<slug> */
	FG_BRANCH_HOTFIX,  /* hotfix/<slug> */
	FG_BRANCH_DOCS,    /* docs/<slug> */
	FG_BRANCH_OTHER    /* a configured kind the workflow does not name */
};

/* One branch kind: [branch "<kind>"]. */
struct fg_branch_spec {
	char *kind;               /* owned: "release" */
	enum fg_branch_kind id;   /* from the kind's name */
	struct fg_pattern pattern; /* source owned; matched against the name without refs/heads/ */
	int series;               /* groups 1 and 2 of the pattern are the X.Y series */
	int protected_branch;     /* branch.<kind>.protected */
};

/* A branch name classified by the configured branch kinds (fg_branch_parse). */
struct fg_branch {
	enum fg_branch_kind kind;           /* FG_BRANCH_INVALID when no kind matches */
	const struct fg_branch_spec *spec;  /* the kind that matched (into the config), or NULL */
	int series;                         /* the kind carries an X.Y series */
	uint64_t major, minor;              /* that series */
};

/* fg_branch_has_series: non-zero for a branch of a series (dev/, release/, maint/X.Y.x). */
static inline int fg_branch_has_series(const struct fg_branch *branch)
{
	return branch->series;
}

#endif
