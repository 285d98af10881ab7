# The workflow guide's release story, played with real git, the installed
# hooks and a bare origin: feature branch -> main, dev/0.16.x patches,
# release/0.16.x with -rc1 and -rc2, tag v0.16.0, merge back to main, bump
# to 0.17.0-dev, a hotfix v0.16.1 cherry-picked to the release, dev and main
# branches, a maint/0.15.x backport tagged v0.15.4. Every step the guide
# shows is accepted; each mistake is refused (or, for a warning rule,
# warned about) with its rule, and a refused push lands nothing.
. "$(dirname "$0")/lib.sh"

R=$TMP/halform
O=$TMP/origin.git
new_repo "$R"
new_origin "$O"
git -C "$R" remote add origin "$O"
install_flowgate "$R" || not_ok "install.sh in the story's repository"
cd "$R" || exit 1

tick

# work FILE MESSAGE: a change to FILE committed with MESSAGE (hooks run).
work() {
	tick
	mkdir -p "$(dirname "$1")"
	printf '%s\n' "$2" >>"$1"
	git add -- "$1" && git commit -q -m "$2"
}

# commit_version V MESSAGE: set V and commit it with MESSAGE (hooks run).
commit_version() {
	tick
	set_version "$1" && git commit -q -m "$2"
}

# bump ARGS...: flowgate bump, as a user runs it (tick first; its commit and
# tag are dated now, by the clock, not by GIT_*_DATE).
bump() {
	tick
	"$FLOWGATE_BUILD/flowgate" bump "$@"
}

# tag_as NAME MESSAGE [COMMIT]: an annotated tag, as the guide makes it (git tag -m).
tag_as() {
	tick
	git tag -m "$2" "$1" ${3:+"$3"}
}

# warned_version LABEL V MESSAGE TEXT: committing version V with MESSAGE goes
# through with the versionPreReleaseBranch warning TEXT (a regex), and is undone.
warned_version() {
	tick
	set_version "$2"
	expect_ok "$1: $2 on $(git branch --show-current) goes through with a warning" \
		git commit -q -m "$3"
	expect_output "$1: warned with versionPreReleaseBranch" \
		"^flowgate pre-commit: warning: versionPreReleaseBranch: $4"
	git reset -q --hard HEAD~1
}

# refused_version LABEL V MESSAGE TEXT: committing version V with MESSAGE is
# refused with the versionReleaseBranch error TEXT (a regex), and undone.
refused_version() {
	tick
	set_version "$2"
	expect_fail "$1: $2 on $(git branch --show-current) is refused" git commit -q -m "$3"
	expect_output "$1: refused with versionReleaseBranch" \
		"^flowgate pre-commit: error: versionReleaseBranch: $4"
	git reset -q --hard
}

# pushed REF: the object origin holds for REF, or nothing.
pushed() { git --git-dir="$O" rev-parse -q --verify "$1"; }

# refused_push NAME RULE REF...: git push origin REF... exits non-zero, names
# RULE as an error, and origin's refs are the same before and after.
refused_push() {
	local label=$1 rule=$2 before
	shift 2
	before=$(git --git-dir="$O" for-each-ref)
	expect_fail "$label: the push is refused" git push origin "$@"
	expect_output "$label: refused with $rule" "^flowgate pre-push: error: $rule: "
	expect_eq "$label: nothing of the push lands" "$(git --git-dir="$O" for-each-ref)" "$before"
}

# ----------------------------------------------------------- the beginning
# main at 0.15.3, released from maint/0.15.x.
set_version 0.15.3
printf 'print("halfORM")\n' >half_orm/__init__.py
git add half_orm/__init__.py
expect_ok "start: the first commit (0.15.3) is accepted" git commit -q -m 'chore: initial commit'
git branch maint/0.15.x
tag_as v0.15.3 'maintenance: 0.15.3'
expect_ok "start: main, maint/0.15.x and v0.15.3 are pushed" git push -q origin main maint/0.15.x v0.15.3
expect_ok "start: main moves to 0.16.0-dev" commit_version 0.16.0-dev 'chore: bump version to 0.16.0-dev'
expect_ok "start: pushed" git push -q origin main

# ------------------------------------------------- 1. feature development
git checkout -q -b feature/unified-cli
expect_ok "feature: a feat commit on feature/unified-cli" work half_orm/cli.py 'feat(cli): unified command line'
tick
expect_fail "feature mistake: 'update stuff' is refused" git commit -q --allow-empty -m 'update stuff'
expect_output "feature mistake: names headerFormat" '^flowgate commit-msg: error: headerFormat: '
expect_ok "feature: git push origin feature/unified-cli" git push -q origin feature/unified-cli
git checkout -q main
tick
expect_ok "feature: the pull request merged into main" git merge -q --no-ff -m "Merge branch 'feature/unified-cli'" feature/unified-cli
expect_ok "feature: main pushed" git push -q origin main

# Mistake: a branch outside the workflow's names.
git checkout -q -b cli_work
expect_fail "branch mistake: a commit on cli_work is refused" work notes.txt 'docs: notes'
expect_output "branch mistake: names branchName" '^flowgate pre-commit: error: branchName: '
git checkout -q main
git branch -q -D cli_work

# ---------------------------------------------------- 2. patch development
git checkout -q -b dev/0.16.x
expect_ok "dev: a fix on dev/0.16.x" work half_orm/model.py 'fix(model): handle an empty config'
expect_ok "dev: git push origin dev/0.16.x" git push -q origin dev/0.16.x
tick
set_version 0.17.0-dev
expect_fail "dev mistake: 0.17.0-dev on dev/0.16.x is refused" git commit -q -m 'chore: bump version to 0.17.0-dev'
expect_output "dev mistake: names branchVersionSeries" '^flowgate pre-commit: error: branchVersionSeries: '
git reset -q --hard
refused_version 'dev mistake' 0.16.0-rc1 'chore: prepare release 0.16.0-rc1' \
	"release candidate 0.16.0-rc1 is set on branch 'dev/0.16.x'"

# Meanwhile main goes on (so that the release merges back as a real merge).
git checkout -q main
expect_ok "main: another change on main" work half_orm/docs.py 'docs: describe the new command line'
expect_ok "main: pushed" git push -q origin main

# ------------------------------------------------- 3. release preparation
git checkout -q dev/0.16.x
git checkout -q -b release/0.16.x
expect_ok "release: git merge dev/0.16.x (all patches)" git merge -q dev/0.16.x
expect_ok "release: 0.16.0-rc1 on release/0.16.x" commit_version 0.16.0-rc1 'chore: prepare release 0.16.0-rc1'
rc1=$(head_oid)
expect_ok "release: git push origin release/0.16.x" git push -q origin release/0.16.x

# Mistake: the rc1 tag on a commit that does not say 0.16.0-rc1 (halfORM's v0.16.0-rc1).
tag_as v0.16.0-rc1 'release: 0.16.0-rc1' HEAD~1
refused_push "tag mistake (rc1 on the dev commit)" tagVersionMatch v0.16.0-rc1
git tag -d v0.16.0-rc1 >/dev/null
# Mistake: a lightweight tag.
git tag v0.16.0-rc1
refused_push "tag mistake (lightweight)" tagAnnotated v0.16.0-rc1
git tag -d v0.16.0-rc1 >/dev/null

expect_ok "release: a fix found in rc1" work half_orm/model.py 'fix(model): close the pool on error'
expect_ok "release: flowgate bump rc --commit (0.16.0-rc2)" bump rc --commit
expect_eq "release: the bump commit" "$(git log -1 --format=%s)" 'chore: prepare release 0.16.0-rc2'
expect_eq "release: the bump wrote all three files" \
	"$(cat half_orm/version.txt; sed -n "s/.*version='\(.*\)'.*/\1/p" setup.py)" "0.16.0-rc2
0.16.0-rc2"
tag_as v0.16.0-rc2 'release: 0.16.0-rc2'
expect_ok "release: release/0.16.x and v0.16.0-rc2 pushed" git push -q origin release/0.16.x v0.16.0-rc2

# Mistake: rc1 tagged after rc2 (on rc1's own commit: only the order is wrong).
tag_as v0.16.0-rc1 'release: 0.16.0-rc1' "$rc1"
refused_push "tag mistake (rc1 after rc2)" tagMonotonic v0.16.0-rc1
expect_output "tag mistake (rc1 after rc2): names v0.16.0-rc2" \
	"tagMonotonic: tag 'v0.16.0-rc1' is not higher than tag 'v0.16.0-rc2', made before it in the 0.16 series"
git tag -d v0.16.0-rc1 >/dev/null
# Issue 20, item 16: what the remote has comes first. rc1 tagged in the same
# second as the rc2 origin has (times cannot order them) is after it too.
GIT_COMMITTER_DATE=$(git for-each-ref --format='%(taggerdate:raw)' refs/tags/v0.16.0-rc2) \
	git tag -m 'release: 0.16.0-rc1' v0.16.0-rc1 "$rc1"
refused_push "tag mistake (rc1 in rc2's second)" tagMonotonic v0.16.0-rc1
git tag -d v0.16.0-rc1 >/dev/null

# Mistake: the version goes back.
tick
set_version 0.16.0-rc1
expect_fail "release mistake: back to 0.16.0-rc1 is refused" git commit -q -m 'chore: prepare release 0.16.0-rc1'
expect_output "release mistake: names versionRegression" \
	'^flowgate pre-commit: error: versionRegression: the version goes down from 0.16.0-rc2 to 0.16.0-rc1'
git reset -q --hard
# Mistake: -dev on the release branch.
warned_version 'release mistake' 0.16.1-dev 'chore: bump version to 0.16.1-dev' \
	"development version 0.16.1-dev is set on branch 'release/0.16.x'"

# ------------------------------------------------------ 4. stable release
expect_ok "release: flowgate bump release --commit (0.16.0)" bump release --commit
expect_eq "release: the bump commit" "$(git log -1 --format=%s)" 'chore: prepare release 0.16.0'
# Mistake: the wrong kind of message for an X.Y.0 release.
tag_as v0.16.0 'hotfix: halfORM 0.16.0'
refused_push "tag mistake (hotfix: on v0.16.0)" tagMessage release/0.16.x v0.16.0
git tag -d v0.16.0 >/dev/null
tag_as v0.16.0 "release: halfORM 0.16.0 with unified CLI

Major improvements:
- Unified CLI interface"
expect_ok "release: git push origin v0.16.0 (with its branch)" git push -q origin release/0.16.x v0.16.0
expect_eq "release: origin has v0.16.0" "$(pushed refs/tags/v0.16.0)" "$(git rev-parse v0.16.0)"

# Merge back to main.
git checkout -q main
tick
expect_ok "release: git merge release/0.16.x into main" git merge -q --no-edit release/0.16.x
expect_output "release: post-merge says the next step" 'nextStep: release/0.16.x is merged into main'
expect_eq "release: main says 0.16.0" "$(cat half_orm/version.txt)" 0.16.0
expect_eq "release: the merge is a merge commit (main had moved on)" \
	"$(git rev-list --parents -1 HEAD | wc -w)" 3
expect_ok "release: main pushed (a release reaching main by merge)" git push origin main
expect_no_output "release: no versionPreReleaseBranch on the merge" 'versionPreReleaseBranch'

# Mistake: a release set on main by hand, not merged from its release branch.
refused_version 'main mistake' 0.16.1 'chore: prepare release 0.16.1' \
	"release 0.16.1 is set on branch 'main'"

# 5. Post-release: main moves to the next development version.
expect_ok "post-release: flowgate bump dev --commit (0.17.0-dev)" bump dev --commit
expect_eq "post-release: the bump commit" "$(git log -1 --format=%s)" 'chore: bump version to 0.17.0-dev'
expect_status "main mistake: flowgate bump rc --dry-run on main is refused" 1 bump rc --dry-run
expect_output "main mistake: the bump names versionReleaseBranch" \
	"^flowgate bump: error: the bump to 0\.17\.0-rc1 would break versionReleaseBranch: release candidate 0\.17\.0-rc1 is set on branch 'main' in the bump"
expect_ok "post-release: main pushed" git push -q origin main
tick
set_version 0.16.0-rc3
expect_fail "main mistake: back to 0.16.0-rc3 is refused" git commit -q -m 'chore: prepare release 0.16.0-rc3'
expect_output "main mistake: names versionRegression" '^flowgate pre-commit: error: versionRegression: '
git reset -q --hard

# --------------------------------------------------------- 6. the hotfix
git checkout -q v0.16.0
git checkout -q -b hotfix/critical-security-fix
expect_ok "hotfix: the fix on hotfix/critical-security-fix" work half_orm/security.py 'fix: critical security fix'
tick
expect_ok "hotfix mistake: a feat on the hotfix branch goes through with a warning" \
	git commit -q --allow-empty -m 'feat: unrelated feature'
expect_output "hotfix mistake: warned with branchCommitType" '^flowgate commit-msg: warning: branchCommitType: '
git reset -q --hard HEAD~1

# Apply the fix to the production branch first.
git checkout -q release/0.16.x
tick
expect_ok "hotfix: git cherry-pick onto release/0.16.x" git cherry-pick hotfix/critical-security-fix
# The guide tags right after the cherry-pick: the files still say 0.16.0.
tag_as v0.16.1 'hotfix: critical security fix'
refused_push "hotfix mistake (v0.16.1 before the version says so)" tagVersionMatch release/0.16.x v0.16.1
git tag -d v0.16.1 >/dev/null
# The guide's checklist: "Patch version incremented on all affected branches".
expect_ok "hotfix: flowgate bump patch --commit --tag (0.16.1)" bump patch --commit --tag
expect_eq "hotfix: the bump commit" "$(git log -1 --format=%s)" 'chore: prepare release 0.16.1'
expect_eq "hotfix: the bump's tag is annotated, of its kind" \
	"$(git for-each-ref --format='%(objecttype) %(contents:subject)' refs/tags/v0.16.1)" 'tag hotfix: 0.16.1'
expect_ok "hotfix: git push origin v0.16.1 (with its branch)" git push -q origin release/0.16.x v0.16.1
expect_eq "hotfix: origin has v0.16.1" "$(pushed refs/tags/v0.16.1)" "$(git rev-parse v0.16.1)"

# Mistake: moving a released tag.
git tag -d v0.16.0 >/dev/null
tag_as v0.16.0 'release: halfORM 0.16.0, again' "$(git rev-parse v0.16.1^{})"
refused_push "tag mistake (moving v0.16.0)" tagMoved -f v0.16.0
git tag -d v0.16.0 >/dev/null
git fetch -q origin 'refs/tags/v0.16.0:refs/tags/v0.16.0'

# Apply to the development branches and main.
git checkout -q dev/0.16.x
tick
expect_ok "hotfix: cherry-pick onto dev/0.16.x" git cherry-pick hotfix/critical-security-fix
expect_ok "hotfix: dev/0.16.x pushed" git push -q origin dev/0.16.x
git checkout -q main
tick
expect_ok "hotfix: cherry-pick onto main" git cherry-pick hotfix/critical-security-fix
expect_ok "hotfix: main pushed" git push -q origin main
expect_eq "hotfix: main still says 0.17.0-dev" "$(cat half_orm/version.txt)" 0.17.0-dev

# ------------------------------------------------- 7. the maint backport
git checkout -q maint/0.15.x
tick
expect_ok "maint: cherry-pick onto maint/0.15.x" git cherry-pick hotfix/critical-security-fix
expect_ok "maint: flowgate bump patch --commit (0.15.4)" bump patch --commit
# Mistake: a maint patch called a release.
tag_as v0.15.4 'release: 0.15.4'
refused_push "maint mistake (release: on a patch of maint/0.15.x)" tagMessage maint/0.15.x v0.15.4
git tag -d v0.15.4 >/dev/null
# Mistake: the tag on a commit of no branch of its series.
tag_as v0.15.4 'maintenance: backport critical fix' main
refused_push "maint mistake (v0.15.4 on main's commit)" tagOnReleaseBranch v0.15.4
git tag -d v0.15.4 >/dev/null
tag_as v0.15.4 'maintenance: backport critical fix'
expect_ok "maint: git push origin v0.15.4 (with its branch)" git push -q origin maint/0.15.x v0.15.4
expect_eq "maint: origin has v0.15.4" "$(pushed refs/tags/v0.15.4)" "$(git rev-parse v0.15.4)"
warned_version 'maint mistake' 0.15.5-dev 'chore: bump version to 0.15.5-dev' \
	"development version 0.15.5-dev is set on branch 'maint/0.15.x'"

# A push that lowers the version (made with --no-verify) is refused by pre-push.
tick
set_version 0.15.3
git commit -q --no-verify -m 'chore: back to 0.15.3'
refused_push "maint mistake (0.15.4 -> 0.15.3, --no-verify)" versionRegression maint/0.15.x
git reset -q --hard HEAD~1

# pre-push judges what --no-verify let through (warnings: the push lands).
git checkout -q -b feature/next main
tick
set_version 0.17.0-rc1
git commit -q --no-verify -m 'chore: prepare release 0.17.0-rc1'
expect_ok "feature mistake: an rc pushed on feature/next goes through with a warning" \
	git push origin feature/next
expect_output "feature mistake: pre-push warns with versionPreReleaseBranch" \
	"^flowgate pre-push: warning: versionPreReleaseBranch: release candidate 0.17.0-rc1 is set on branch 'feature/next' in commit $(git rev-parse --short=12 HEAD)"
git checkout -q main
tick
set_version 0.17.0
git commit -q --no-verify -m 'chore: prepare release 0.17.0'
refused_push "main mistake: a release straight on main (--no-verify)" versionReleaseBranch main
expect_output "main mistake: pre-push names the commit" \
	"^flowgate pre-push: error: versionReleaseBranch: release 0\.17\.0 is set on branch 'main' in commit $(git rev-parse --short=12 HEAD), not by merging release/0\.17\.x"

# Issue 20, item 11: the way back. The release reached origin's main
# anyway (pushed without the hooks); git revert takes main back to
# 0.17.0-dev, and versionRegression lets the revert through.
expect_ok "main mistake: pushed anyway with --no-verify" git push -q --no-verify origin main
tick
expect_ok "way back: git revert --no-edit HEAD" git revert --no-edit HEAD
expect_eq "way back: main says 0.17.0-dev again" "$(cat half_orm/version.txt)" 0.17.0-dev
expect_ok "way back: the revert is pushed" git push origin main
expect_no_output "way back: no versionRegression" 'versionRegression'
# The same with a revert git could not commit by itself (git revert
# --no-commit, concluded by git commit): pre-commit reads REVERT_HEAD.
tick
set_version 0.17.0-rc1
git commit -q --no-verify -m 'chore: prepare release 0.17.0-rc1'
expect_ok "way back: the rc pushed anyway with --no-verify" git push -q --no-verify origin main
tick
git revert --no-commit HEAD >/dev/null
expect_ok "way back: git revert --no-commit, then git commit (pre-commit runs)" \
	git commit -q --no-edit
expect_no_output "way back: pre-commit says no versionRegression" 'versionRegression'
expect_eq "way back: main says 0.17.0-dev" "$(cat half_orm/version.txt)" 0.17.0-dev
expect_ok "way back: pushed" git push origin main
# A look-alike that undoes nothing git reverted is judged as before.
tick
set_version 0.17.0-rc1
git commit -q --no-verify -m 'chore: prepare release 0.17.0-rc1'
git push -q --no-verify origin main
tick
set_version 0.17.0-dev
expect_fail "way back: going back without git revert is refused by pre-commit" \
	git commit -q -m 'Revert "chore: prepare release 0.17.0-rc1"'
expect_output "way back: names versionRegression" '^flowgate pre-commit: error: versionRegression: '
git reset -q --hard
git revert --no-edit HEAD >/dev/null
expect_ok "way back: its git revert is pushed" git push -q origin main

# The end: every branch and tag of the story is on origin.
for ref in refs/heads/main refs/heads/dev/0.16.x refs/heads/release/0.16.x refs/heads/maint/0.15.x \
	refs/tags/v0.15.3 refs/tags/v0.16.0-rc2 refs/tags/v0.16.0 refs/tags/v0.16.1 refs/tags/v0.15.4; do
	expect_eq "the end: origin's $ref is the local one" "$(pushed "$ref")" "$(git rev-parse "$ref")"
done
