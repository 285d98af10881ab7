/*
 * The rule registry: every rule flowgate knows, declared once in the
 * FG_RULE_LIST X-macro (in the manner of git's fsck message table). The enum,
 * the name/hook/severity table and the user-facing names all come from it.
 * Layer: rules (common/README).
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
	FG_HOOK_POST_MERGE = 1 << 3,
	FG_HOOK_PRE_RECEIVE = 1 << 4, /* and update: the receiving side only */
	FG_HOOK_POST_COMMIT = 1 << 5, /* after a merge concluded by git commit */
	FG_HOOK_PREPARE_COMMIT_MSG = 1 << 6, /* explained before the message is typed */
	FG_HOOK_APPLYPATCH_MSG = 1 << 7, /* git am: commit-msg's rules on a patch's message */
	FG_HOOK_PRE_APPLYPATCH = 1 << 8  /* git am: pre-commit's rules on an applied patch */
};

#define FG_PC FG_HOOK_PRE_COMMIT
#define FG_CM FG_HOOK_COMMIT_MSG
#define FG_PP FG_HOOK_PRE_PUSH
#define FG_PM FG_HOOK_POST_MERGE
#define FG_PR FG_HOOK_PRE_RECEIVE
#define FG_PCM FG_HOOK_POST_COMMIT
#define FG_PCMSG FG_HOOK_PREPARE_COMMIT_MSG
#define FG_AM FG_HOOK_APPLYPATCH_MSG
#define FG_PA FG_HOOK_PRE_APPLYPATCH

/*
 * X(ID, name, hooks, default severity, summary, hint, why, passes, fails):
 * NAME is the stable camelCase name used in messages and configuration;
 * SUMMARY one line (the README table and `flowgate rules`), where
 * {headerMax}, {bodyMax}, {bodyUrls} and {subjectCase} stand for what the
 * configuration sets (the defaults in the README; `flowgate rules` and
 * `flowgate explain` fill them in); HINT the usual
 * fix; WHY, PASSES and FAILS what `flowgate explain` prints (examples
 * separated by newlines). The README's rules table is generated from this
 * list (`flowgate rules --markdown`) and a test compares the two.
 */
#define FG_RULE_LIST(X) \
	X(BRANCH_NAME, "branchName", FG_PC | FG_PA | FG_PP, FG_ERROR, \
	  "branch is main, dev/X.Y.x, release/X.Y.x, maint/X.Y.x, feature/<slug>, hotfix/<slug> or docs/<slug>", \
	  "rename the branch: git branch -m <valid name>", \
	  "The workflow's branch kinds say what a branch is for and which X.Y series it belongs to; every other rule reads the branch name.", \
	  "main\ndev/0.17.x\nrelease/0.16.x\nfeature/pool-timeout", \
	  "master\nFeature/My Work\ndev/0.16") \
	X(HEADER_FORMAT, "headerFormat", FG_CM | FG_PP | FG_PCMSG | FG_AM, FG_ERROR, \
	  "commit header is 'type(scope)!: subject' (Conventional Commits 1.0.0), with no carriage return or bidirectional control character in it", \
	  "start the first line with a type and ': ', e.g. 'fix: handle empty config'", \
	  "Conventional Commits headers let people and tools tell fixes, features and breaking changes apart; git's own merge messages (on a merge) and revert messages (with their 'This reverts commit <oid>.' line) are accepted as they are, and fixup!/squash!/amend! are judged on the header they name.", \
	  "feat(cli): add --dry-run\nfix!: drop Python 3.7\nMerge branch 'dev/0.16.x'   (a merge commit)", \
	  "update stuff\nfeat:add x\nfeat(): x\nMerge stuff   (a commit that is not a merge)\nfeat: add a file   (holding U+202E, which shows the rest reversed)") \
	X(TYPE_CASE, "typeCase", FG_CM | FG_AM | FG_PP, FG_ERROR, \
	  "commit type is lowercase", \
	  "write the type in lowercase, e.g. 'feat' for 'Feat'", \
	  "Types are compared and sorted by tools; one spelling per type keeps git log --grep and the release notes complete.", \
	  "feat: x\nfix(core): y", \
	  "Feat: x\nFIX: y") \
	X(TYPE_ENUM, "typeEnum", FG_CM | FG_PP | FG_PCMSG | FG_AM, FG_ERROR, \
	  "commit type is one of the configured types", \
	  "use one of the configured types (flowgate config shows them)", \
	  "A fixed list of types keeps the history searchable and the release notes sorted.", \
	  "feat: x\nrelease: 0.16.0\nhotfix: pool leak", \
	  "wip: x\nfeature: x\nWip: x") \
	X(SCOPE_ENUM, "scopeEnum", FG_CM | FG_PP | FG_PCMSG | FG_AM, FG_ERROR, \
	  "commit scope, when present, is one of the configured scopes (no scopes configured: not checked)", \
	  "use one of the configured scopes, or none", \
	  "A project that names its components can keep scopes to that list, so a scope always means one thing.", \
	  "feat(cli): x   (scopes = cli core)\nfeat: x", \
	  "feat(gui): x   (scopes = cli core)") \
	X(SUBJECT_EMPTY, "subjectEmpty", FG_CM | FG_AM | FG_PP, FG_ERROR, \
	  "commit subject is not empty", \
	  "say what the commit does after 'type: '", \
	  "A header with no subject says nothing in git log --oneline.", \
	  "fix: close the pool", \
	  "fix:\nfix:   ") \
	X(SUBJECT_FULL_STOP, "subjectFullStop", FG_CM | FG_AM | FG_PP, FG_WARN, \
	  "commit subject does not end with a full stop", \
	  "drop the '.' at the end of the first line", \
	  "The subject is a title, read in git log --oneline and mail subjects; titles take no full stop.", \
	  "fix: close the pool on error", \
	  "fix: close the pool on error.") \
	X(SUBJECT_CASE, "subjectCase", FG_CM | FG_AM | FG_PP, FG_OFF, \
	  "commit subject is {subjectCase} (rule.subjectCase.case and .when; a subject that does not start with a letter is not judged); off by default", \
	  "write the subject as the rule asks, e.g. 'add the parser' (flowgate config shows rule.subjectCase)", \
	  "Some teams want one style of subject, as commitlint's config-conventional does (subject-case: never sentence-case, start-case, pascal-case, upper-case); flowgate leaves it to them. Cases as commitlint tells them: lower-case, upper-case, camel-case, kebab-case, pascal-case, sentence-case, snake-case, start-case; quoted names (`Foo`, \"Foo\", 'Foo') are left out, and a subject that does not start with a letter is not judged.", \
	  "fix: add the parser\nfix: support `Foo` in the parser\nfix: 2FA for the CLI", \
	  "fix: Add the parser   (sentence-case)\nfix: ADD THE PARSER   (upper-case)\nfix: Add The Parser   (start-case)") \
	X(HEADER_MAX_LENGTH, "headerMaxLength", FG_CM | FG_PP | FG_PCMSG | FG_AM, FG_ERROR, \
	  "commit header is at most {headerMax} characters (rule.headerMaxLength.max); with no blank line 2, the subject git shows: the whole first paragraph", \
	  "shorten the first line and put details in the body, after a blank line", \
	  "Long headers are cut in git log --oneline, GitHub and mail subjects. git's subject is the whole first paragraph, its lines joined: a header wrapped onto line 2 is that long in git log --oneline, rebase -i and format-patch.", \
	  "fix: close the pool on error", \
	  "a header of 73 characters or more (code points, not bytes)\na header of 60 characters wrapped onto a line 2 of 20") \
	X(BODY_LEADING_BLANK, "bodyLeadingBlank", FG_CM | FG_AM | FG_PP, FG_WARN, \
	  "a body or footer starts after one blank line below the header", \
	  "leave line 2 blank: the header alone on line 1, then a blank line, then the body", \
	  "Git takes the first paragraph for the subject: without the blank line, git log --oneline, rebase -i and mail show the body glued to the header (Conventional Commits 1.0.0, item 6).", \
	  "fix: x, a blank line, then the body", \
	  "fix: x, then the body on line 2") \
	X(BODY_MAX_LINE_LENGTH, "bodyMaxLineLength", FG_CM | FG_AM | FG_PP, FG_WARN, \
	  "every body line is at most {bodyMax} characters (rule.bodyMaxLineLength.max){bodyUrls}", \
	  "wrap the body's lines", \
	  "Bodies are read in terminals and mail; long lines wrap badly. A URL cannot be wrapped: a line holding one (http:// or https://, as commitlint tells them) may be longer unless rule.bodyMaxLineLength.ignoreUrls is false.", \
	  "a body wrapped at 72 characters\nSee https://example.com/a/path/longer/than/the/line/limit   (a URL)", \
	  "a body line of 101 characters") \
	X(FOOTER_FORMAT, "footerFormat", FG_CM | FG_AM | FG_PP, FG_ERROR, \
	  "every footer is 'token: value' or 'token #value' with a word token (letters, digits, '-') and a value", \
	  "write the footer as 'Token: value', e.g. 'Refs: #42' or 'Signed-off-by: A <a@example.com>'", \
	  "Footers are git trailers: git interpret-trailers and release tools read them only in that shape (Conventional Commits 1.0.0, items 8-10).", \
	  "Refs: #42\nRefs #42\nSigned-off-by: A <a@example.com>", \
	  "Refs:   (no value)") \
	X(BREAKING_CHANGE_FORMAT, "breakingChangeFormat", FG_CM | FG_AM | FG_PP, FG_ERROR, \
	  "a breaking-change footer is 'BREAKING CHANGE: description' (or BREAKING-CHANGE), uppercase, with a description", \
	  "write 'BREAKING CHANGE: <what breaks and what to do>'", \
	  "Tools find breaking changes by the exact uppercase token; any other spelling is silently not breaking (Conventional Commits 1.0.0, items 12, 15, 16).", \
	  "BREAKING CHANGE: the config is YAML\nBREAKING-CHANGE: v1 is gone", \
	  "Breaking change: y\nbreaking-change: y\nBREAKING CHANGES: y\nBREAKING CHANGE #12\nBREAKING CHANGE:   (no description)") \
	X(MESSAGE_ENCODING, "messageEncoding", FG_CM | FG_AM | FG_PP, FG_ERROR, \
	  "commit message is text: UTF-8 (or the encoding i18n.commitEncoding names), no NUL byte", \
	  "save the message as UTF-8, or set i18n.commitEncoding to the encoding you write in", \
	  "git stores the message's bytes as they are and every tool after it reads them as UTF-8 unless the commit names another encoding; a stray Latin-1 byte or a NUL turns into garbage in logs, release notes and web views.", \
	  "feat: café au lait   (UTF-8)\nfeat: caf\\xe9   (with i18n.commitEncoding = ISO-8859-1)", \
	  "feat: caf\\xe9   (a Latin-1 byte, no i18n.commitEncoding)\na message holding a NUL byte") \
	X(VERSION_BUMP_MESSAGE, "versionBumpMessage", FG_CM | FG_PP | FG_PCMSG, FG_WARN, \
	  "a commit that changes the version files names the new version in its header", \
	  "say the new version in the header, e.g. 'chore: bump version to 0.17.0-dev'", \
	  "A version change is the one commit people look for in the history (what went into 0.16.0?); the header is all that git log --oneline shows.", \
	  "chore: prepare release 0.16.0\nchore: bump version to 0.17.0-dev\nrelease: 0.16.0-rc2", \
	  "chore: update version.txt   (0.16.0-rc2 -> 0.16.0)\nfix: typo   (also changes 0.16.0 -> 0.16.1)") \
	X(BRANCH_COMMIT_TYPE, "branchCommitType", FG_CM | FG_PP | FG_PCMSG | FG_AM, FG_WARN, \
	  "commits on hotfix/* are of type fix or hotfix, on docs/* of type docs", \
	  "use type fix or hotfix on hotfix/*, docs on docs/*; or move the commit to a feature/* branch", \
	  "A hotfix branch is cherry-picked to every maintained branch and a docs branch is published on its own: anything else on them travels where it was not reviewed to go.", \
	  "fix: pool leak   (on hotfix/pool-leak)\ndocs: fix the tutorial   (on docs/tutorial)", \
	  "feat: add x   (on hotfix/pool-leak)\nfix: y   (on docs/tutorial)") \
	X(VERSION_FORMAT, "versionFormat", FG_PC | FG_PA | FG_PP | FG_PM, FG_ERROR, \
	  "every version file holds X.Y.Z with an optional -dev, -alphaN, -betaN or -rcN", \
	  "write X.Y.Z with an optional -dev, -alphaN, -betaN or -rcN, then git add the file", \
	  "Tools and people read the version files; a version that is not SemVer with the workflow's pre-releases cannot be compared or tagged.", \
	  "0.16.0\n0.17.0-dev\n0.16.0-rc2\n0.16.x   (a file of kind series)", \
	  "0.16.0-preview\n0.16\nan empty version.txt\na required version file that is missing") \
	X(VERSION_CONSISTENCY, "versionConsistency", FG_PC | FG_PA | FG_PP | FG_PM, FG_ERROR, \
	  "all version files agree", \
	  "write the same version in every version file, then git add them", \
	  "The one version is kept in several files; if they disagree, the package, the docs and the tag say different things.", \
	  "version.txt 0.16.0 and setup.py version='0.16.0'\nversion.txt 0.16.2 and docs/index.md **0.16.x**", \
	  "version.txt 0.16.0 and docs/index.md **0.15.x**") \
	X(BRANCH_VERSION_SERIES, "branchVersionSeries", FG_PC | FG_PA | FG_PP | FG_PM, FG_ERROR, \
	  "on a branch of a series (dev/X.Y.x, release/X.Y.x, maint/X.Y.x) the version is X.Y.*", \
	  "set the version to the branch's X.Y series, or commit on the branch of that series", \
	  "Each series branch carries one X.Y line of releases; another version there means the wrong branch or a forgotten bump.", \
	  "0.16.1 on release/0.16.x\n0.17.0-dev on dev/0.17.x", \
	  "0.17.0 on release/0.16.x") \
	X(VERSION_REGRESSION, "versionRegression", FG_PC | FG_PA | FG_PP, FG_ERROR, \
	  "a commit never lowers the version below its first parent's (workflow precedence: -dev < -alphaN < -betaN < -rcN < X.Y.Z)", \
	  "write a version at least the parent's (flowgate bump picks the next one), then git add the version files", \
	  "Versions only go up along a branch: a lower version ships older-looking packages over newer ones and breaks every tool that compares them (halfORM's main went from 0.16.0 back to 0.15.x). A merge is judged against its first parent, the branch merged into: the merged side may be lower (a hotfix merged into dev).", \
	  "0.16.0-rc1 -> 0.16.0-rc2\n0.16.0 -> 0.17.0-dev\n0.16.0-alpha2 -> 0.16.0-alpha10", \
	  "0.16.0 -> 0.15.3\n0.16.0 -> 0.16.0-rc3\n0.17.0-dev on main, merge of release/0.16.x resolved to 0.16.0") \
	X(VERSION_RELEASE_BRANCH, "versionReleaseBranch", FG_PC | FG_PA | FG_PP, FG_ERROR, \
	  "releases are cut on release/X.Y.x: no -rcN committed on main or dev/*, no final X.Y.Z committed straight on main (only by merging release/X.Y.x)", \
	  "cut it on release/X.Y.x (flowgate bump rc|release --commit --tag there), then git merge release/X.Y.x into main; one already pushed: git revert it (versionRegression lets the revert through)", \
	  "The workflow guide cuts release candidates on the release branch only, and main receives a release by merging the release branch that was tested. An rc or a release committed on main or dev/* ships what nobody tested as a release; once pushed, versionRegression would refuse going back, so it is refused before (a git revert of it passes versionRegression).", \
	  "0.16.0-rc1 on release/0.16.x\n0.16.0 on main by merging release/0.16.x\n0.17.0-dev on main", \
	  "0.17.0-rc1 committed on main\n0.16.1-rc1 on dev/0.16.x\n0.17.0 committed straight on main") \
	X(VERSION_PRE_RELEASE_BRANCH, "versionPreReleaseBranch", FG_PC | FG_PA | FG_PP, FG_WARN, \
	  "a version change fits its branch: -rcN only on release/X.Y.x (main and dev/*: versionReleaseBranch), -dev never on release/* or maint/*", \
	  "make the change on the branch it belongs to (release candidates on release/X.Y.x, development versions on main and dev/*)", \
	  "The workflow guide gives each kind of version a branch: release candidates are cut on the release branch, development versions live on main and dev/*.", \
	  "0.16.0-rc1 on release/0.16.x\n0.17.0-dev on main\n0.16.1-dev on dev/0.16.x", \
	  "0.17.0-rc1 on feature/next\n0.16.1-dev on release/0.16.x\n0.15.4-dev on maint/0.15.x") \
	X(TAG_FORMAT, "tagFormat", FG_PP, FG_ERROR, \
	  "a release tag (named like a version: the tag prefix and a digit, or X.Y without it) is the tag prefix (v) and X.Y.Z with an optional workflow pre-release; other tags pass (tag.others = refuse: refused)", \
	  "name release tags like v0.16.0 or v0.16.0-rc1 (0.16.2: rename it v0.16.2)", \
	  "Release tags name versions; tools find releases by the tag name alone. A tag that names no version (latest, docs-snapshot, another package's) is no release: only tagMoved guards it, unless tag.others = refuse.", \
	  "v0.16.0\nv0.16.0-rc1\nlatest   (not a release tag)", \
	  "v0.16\nv0.16.0+build\n0.16.2   (rename it v0.16.2)\nlatest   (tag.others = refuse)") \
	X(TAG_TARGET, "tagTarget", FG_PP, FG_ERROR, \
	  "a release tag peels to a commit, not to a blob or a tree", \
	  "delete the tag and tag the commit to release: git tag -d <tag> && git tag -a <tag> -m 'release: ...' <commit>", \
	  "A release is a commit: the rules that read the tagged commit (tagVersionMatch, tagOnReleaseBranch, tagMonotonic) cannot judge a blob or a tree, and a release tag on one, once pushed, holds the name, so tagMoved refuses the real release.", \
	  "git tag -a v0.16.0 -m 'release: 0.16.0'   (HEAD, a commit)\ngit tag -a v0.16.0 -m 'release: 0.16.0' release/0.16.x", \
	  "git tag -a v0.17.0 -m 'release: 0.17.0' $(git hash-object -w notes.txt)   (a blob)\ngit tag -a v0.17.0 -m 'release: 0.17.0' HEAD^{tree}   (a tree)") \
	X(TAG_ANNOTATED, "tagAnnotated", FG_PP, FG_ERROR, \
	  "release tags are annotated, not lightweight (tag.allowLightweight)", \
	  "recreate the tag annotated, with the message prefix of its kind: git tag -f -a <tag> <tag>^{} -m '<prefix> <version>'", \
	  "An annotated tag records who released, when, and why; git describe ignores lightweight tags by default.", \
	  "git tag -a v0.16.0 -m 'release: 0.16.0'", \
	  "git tag v0.16.1") \
	X(TAG_MESSAGE, "tagMessage", FG_PP, FG_ERROR, \
	  "a release tag's message starts with one of the configured prefixes (release: hotfix: maintenance:), one of its kind", \
	  "recreate the tag with the message prefix of its kind: git tag -f -a <tag> <tag>^{} -m '<prefix> <version>'", \
	  "The first line of the tag message says which kind of release it is: 'release:' for an X.Y.0 release and for release candidates, 'hotfix:' (an emergency fix) or 'release:' (a planned patch release) for a patch on release/X.Y.x, 'maintenance:' (or 'hotfix:', as the guide's multi-version hotfix writes it) for a patch on maint/X.Y.x.", \
	  "release: 0.16.0\nhotfix: pool leak   (v0.16.1 on release/0.16.x)\nrelease: 0.16.2   (a planned patch release on release/0.16.x)\nrelease: 0.16.2-rc1   (its candidate)\nmaintenance: backport   (v0.15.4 on maint/0.15.x)", \
	  "bump\nv0.16.2\nmaintenance: 0.16.1   (a patch on release/0.16.x: hotfix: or release:)") \
	X(TAG_VERSION_MATCH, "tagVersionMatch", FG_PP, FG_ERROR, \
	  "the version files at the tagged commit hold the tag's version", \
	  "tag the commit that sets the version to the tag's", \
	  "A tag whose commit says another version ships a package that lies about its version (halfORM's v0.16.0-rc1 was on a commit saying 0.16.0).", \
	  "v0.16.0 on a commit whose version.txt says 0.16.0", \
	  "v0.16.0-rc1 on a commit whose version.txt says 0.16.0") \
	X(TAG_ON_RELEASE_BRANCH, "tagOnReleaseBranch", FG_PP, FG_ERROR, \
	  "a release tag's commit is on release/X.Y.x or maint/X.Y.x of its series (local or remote-tracking)", \
	  "tag a commit of the series' release or maint branch (push the branch with the tag)", \
	  "Releases are cut from the release branch and patched on it or on maint/X.Y.x; a tag elsewhere ships code that no branch of the series holds, so no later patch release contains it.", \
	  "v0.16.0 on a commit of release/0.16.x\nv0.15.4 on a commit of origin/maint/0.15.x", \
	  "v0.16.0 on a commit of feature/x only\nv0.16.1 on a commit of release/0.17.x") \
	X(TAG_MOVED, "tagMoved", FG_PP, FG_ERROR, \
	  "a push never moves a tag the remote already has", \
	  "make a new version instead (flowgate bump), or take the remote's tag: git fetch --tags --force", \
	  "Everyone who fetched the tag keeps the old one; a moved release tag means two different releases under one name.", \
	  "git push origin v0.16.1   (new on the remote)", \
	  "git push -f origin v0.16.0   (v0.16.0 exists there with another target)") \
	X(TAG_MONOTONIC, "tagMonotonic", FG_PP, FG_ERROR, \
	  "a new release tag is higher than every tag of its X.Y series made before it (the remote's tags first, then the push's by tagger time)", \
	  "tag the next version instead (flowgate bump rc|patch|release, then tag that)", \
	  "Tags of a series are made in order: a tag lower than one already made (halfORM's v0.16.0-rc3 after v0.16.0) makes git describe, pip and every changelog tool pick the wrong release.", \
	  "v0.16.0-rc2 after v0.16.0-rc1\nv0.16.1 after v0.16.0\nv0.15.4 after v0.16.0 (another series)", \
	  "v0.16.0-rc3 after v0.16.0\nv0.16.1 when v0.16.2 exists\nv0.16.0-rc1 pushed once the remote has v0.16.0 (even made in the same second)") \
	X(BRANCH_PROTECTED, "branchProtected", FG_PP, FG_ERROR, \
	  "a push never deletes or rewrites a protected branch (main, release/*, maint/*: branch.<kind>.protected), nor deletes a release tag", \
	  "integrate the remote's work (git pull --rebase), then push without --force; releases stay: make a new one", \
	  "Everyone builds on the protected branches and the release tags: a force push drops commits others already have, a deleted release branch or tag loses the only record of what was shipped.", \
	  "git push origin main   (a fast-forward)\ngit push origin :feature/done", \
	  "git push -f origin main   (drops the remote's commits)\ngit push origin :release/0.16.x\ngit push origin :refs/tags/v0.16.0") \
	X(REF_NAMESPACE, "refNamespace", FG_PR, FG_ERROR, \
	  "a push to the server updates only branches (refs/heads/) and tags (refs/tags/), or a namespace its git config allows (flowgate.allowRefs)", \
	  "push to a branch instead (git push <remote> HEAD:refs/heads/feature/<name>); an administrator allows a namespace with git config --add flowgate.allowRefs 'refs/<namespace>/*'", \
	  "Commits under any other ref are not judged when they arrive (they reach no branch), yet a later fast-forward of a branch would bring them in as commits the server already has: a way around every rule. The host's own namespaces (Gitea's refs/pull/*, GitLab's refs/merge-requests/*) are allowed by name, and their commits are still judged when they reach a branch.", \
	  "git push origin HEAD:refs/heads/feature/x\ngit push origin v0.16.1\ngit push origin HEAD:refs/for/main   (flowgate.allowRefs = refs/for/*)", \
	  "git push origin HEAD:refs/custom/x\ngit push origin HEAD:refs/remotes/origin/main\ngit push origin refs/notes/commits") \
	X(NEXT_STEP, "nextStep", FG_PM | FG_PCM, FG_INFO, \
	  "after release/X.Y.x is merged into main, bump main to X.(Y+1).0-dev", \
	  "flowgate bump dev --commit (X.(Y+1).0-dev in every version file, committed)", \
	  "The workflow guide's step after a release: main moves on to the next development version.", \
	  "(advice only: printed after a merge, never blocks)", \
	  "") \
	X(HOTFIX_PROPAGATION, "hotfixPropagation", FG_PM | FG_PCM, FG_INFO, \
	  "after a hotfix/* branch is merged, the long-lived branches that still lack its commits", \
	  "git checkout <branch> && git cherry-pick -x <fix> on each one (flowgate hotfix-status lists them)", \
	  "The workflow guide's hotfix goes to release/X.Y.x, every dev/X.Y.x, every maint/X.Y.x and main, each release tagged: a branch without it ships the bug again.", \
	  "(advice only: printed after a merge, never blocks)", \
	  "")

enum fg_rule {
#define FG_RULE_ENUM(id, name, hooks, sev, summary, hint, why, passes, fails) FG_RULE_##id,
	FG_RULE_LIST(FG_RULE_ENUM)
#undef FG_RULE_ENUM
	FG_RULE__COUNT
};

struct fg_rule_info {
	const char *name;          /* stable camelCase name */
	unsigned hooks;            /* bit set of enum fg_hook */
	enum fg_severity severity; /* default severity */
	const char *summary;       /* one line: what the rule accepts */
	const char *hint;          /* the usual fix */
	const char *why;           /* why the rule exists */
	const char *passes;        /* examples that pass, newline-separated */
	const char *fails;         /* examples that fail, newline-separated ("" for advice) */
};

/*
 * fg_rule_info: the registry entry of RULE (0 <= RULE < FG_RULE__COUNT).
 * Returns a pointer to static storage; never NULL for a valid RULE.
 */
const struct fg_rule_info *fg_rule_info(enum fg_rule rule);

/*
 * fg_rule_lookup: the rule named NAME (compared ignoring ASCII case, since
 * git config lowercases variable names: flowgate.headermaxlength), or -1
 * when no rule has that name.
 */
int fg_rule_lookup(const char *name);

/*
 * fg_severity_name: "off", "info", "warning" or "error" (static storage),
 * as messages print it.
 */
const char *fg_severity_name(enum fg_severity severity);

/*
 * fg_severity_config_name: "off", "info", "warn" or "error" (static
 * storage), as configuration writes it.
 */
const char *fg_severity_config_name(enum fg_severity severity);

/*
 * fg_severity_parse: VALUE as configuration writes a severity: "error",
 * "warn" (or "warning"), "info" or "off", ignoring ASCII case. Returns 0 and
 * sets *OUT, or -1 when VALUE names no severity.
 */
int fg_severity_parse(const char *value, enum fg_severity *out);

/* fg_hook_names: the names of the hooks in bit set HOOKS, comma-separated, into BUF. */
const char *fg_hook_names(unsigned hooks, char *buf, size_t size);

#endif
