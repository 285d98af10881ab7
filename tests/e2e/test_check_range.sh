#!/bin/bash
# flowgate check-range with the real git: every rule that applies to a
# range. The branch (--branch, GitHub Actions' and GitLab CI's variables,
# HEAD's) and branchName on it; the version files at each commit, each
# violation once, at the commit that brings it; the branch rules only for
# the commits made on the branch; the tags pointing into the range; each
# result counted, in text, json and github formats; the exit statuses.
# Run: FLOWGATE_BUILD=/abs/build bash tests/e2e/test_check_range.sh (or sh tests/e2e/run.sh).

. "$(dirname "$0")/lib.sh"

FG="$FLOWGATE_BUILD/flowgate"
export GIT_EDITOR=true GIT_MERGE_AUTOEDIT=no
# The tests set the CI variables they are about; the ones of a CI running them must not count.
unset GITHUB_ACTIONS GITHUB_HEAD_REF GITHUB_REF GITHUB_REF_NAME
unset GITLAB_CI CI_MERGE_REQUEST_SOURCE_BRANCH_NAME CI_COMMIT_BRANCH
nohooks() { git -c core.hooksPath=/dev/null "$@"; }

# fg ARGS: flowgate in $R.
fg() { (cd "$R" && "$FG" "$@"); }

# versions VERSION SERIES: write halfORM's version.txt and the docs series, staged.
versions() {
	mkdir -p "$R/half_orm" "$R/docs"
	printf '%s\n' "$1" >"$R/half_orm/version.txt"
	printf '# halfORM\n\nThis documentation covers halfORM **%s** (latest development release).\n' \
		"$2" >"$R/docs/index.md"
	git -C "$R" add half_orm/version.txt docs/index.md
}

# commit MESSAGE: commit what is staged, and a change of notes.txt, without hooks.
NOTE=0
commit() {
	NOTE=$((NOTE + 1))
	printf '%s\n' "$NOTE" >>"$R/notes.txt"
	git -C "$R" add notes.txt
	nohooks -C "$R" commit -q -m "$1"
}

# short [REV]: the 12 hex digits check-range names a commit by.
short() { git -C "$R" rev-parse --short=12 "${1:-HEAD}"; }

# count REGEX: the lines of the last output that match.
count() { grep -Ec -- "$1" "$LAST_OUT"; }

# =========================================================== the branch
R=$TMP/branch
new_repo "$R"
versions 0.16.0-dev 0.16.x
commit 'chore: start'
base=$(git -C "$R" rev-parse HEAD)
commit 'feat: one'
commit 'fix: two'

expect_ok "HEAD's branch: check-range passes" fg check-range "$base..HEAD"
expect_output "the branch and the two commits count" '^3 passed, 0 failed$'
expect_ok "json: the branch is a result of its own" fg check-range --format json "$base..HEAD"
expect_output "json: named 'branch main', kind branch, no commit" \
	'\{"name": "branch main", "kind": "branch", "commit": null, "passed": true, "violations": \[\]\}'
expect_output "json: a commit has kind commit" "\"name\": \"commit $(short)\", \"kind\": \"commit\", \"commit\": \"$(git -C "$R" rev-parse HEAD)\""

expect_status "--branch master: branchName fails (exit 1)" 1 fg check-range --branch master "$base..HEAD"
expect_output "the branch result names the branch and the rule" \
	"^branch master: error: branchName: branch 'master' is not a workflow branch "
expect_output "a branch given (not HEAD's) was pushed: the hint says push it under a workflow name" \
	"^hint: push it under a workflow name: git push <remote> 'master':main$"
expect_output "it counts as one failed result" '^2 passed, 1 failed$'
expect_ok "--branch refs/heads/feature/x: the prefix is dropped" \
	fg check-range --format json --branch refs/heads/feature/x "$base..HEAD"
expect_output "json names branch feature/x" '"name": "branch feature/x", "kind": "branch"'
expect_ok "--branch '': no branch" fg check-range --branch '' "$base..HEAD"
expect_output "only the commits count" '^2 passed, 0 failed$'

git -C "$R" branch -q -m main Master
expect_status "HEAD on Master: branchName fails" 1 fg check-range "$base..HEAD"
expect_output "HEAD's branch gets the rename hint" "^hint: rename it: git branch -m main$"
git -C "$R" branch -q -m Master main

# GitHub Actions
expect_status "GitHub: GITHUB_HEAD_REF (a pull request's source branch) comes first" 1 \
	env GITHUB_ACTIONS=true GITHUB_HEAD_REF=Feature/Bad GITHUB_REF=refs/heads/main GITHUB_REF_NAME=main \
	sh -c "cd '$R' && '$FG' check-range '$base..HEAD'"
expect_output "GitHub: the branch is the pull request's" "^branch Feature/Bad: error: branchName: "
expect_status "GitHub: GITHUB_REF_NAME of a refs/heads/ GITHUB_REF" 1 \
	env GITHUB_ACTIONS=true GITHUB_HEAD_REF= GITHUB_REF=refs/heads/master GITHUB_REF_NAME=master \
	sh -c "cd '$R' && '$FG' check-range '$base..HEAD'"
expect_output "GitHub: a push to master is refused" "^branch master: error: branchName: "
expect_ok "GitHub: --branch comes before the environment" \
	env GITHUB_ACTIONS=true GITHUB_HEAD_REF=Feature/Bad sh -c "cd '$R' && '$FG' check-range --branch main '$base..HEAD'"
expect_no_output "GitHub: Feature/Bad is not looked at" 'Feature/Bad'
expect_ok "GitHub variables without GITHUB_ACTIONS=true are not CI's" \
	env GITHUB_HEAD_REF=Feature/Bad sh -c "cd '$R' && '$FG' check-range '$base..HEAD'"
expect_output "HEAD's branch is checked instead" '^3 passed, 0 failed$'
git -C "$R" checkout -q --detach
expect_ok "GitHub: a tag push names no branch, and a detached HEAD none either" \
	env GITHUB_ACTIONS=true GITHUB_HEAD_REF= GITHUB_REF=refs/tags/v0.16.0 GITHUB_REF_NAME=v0.16.0 \
	sh -c "cd '$R' && '$FG' check-range --format json '$base..HEAD'"
expect_no_output "no branch result" '"kind": "branch"'
expect_output "the commits alone count" '^  "passed": 2,$'
expect_ok "GitHub: a pull request's merge ref is not a branch" \
	env GITHUB_ACTIONS=true GITHUB_REF=refs/pull/7/merge GITHUB_REF_NAME=7/merge \
	sh -c "cd '$R' && '$FG' check-range '$base..HEAD'"
expect_output "no branch: 2 results" '^2 passed, 0 failed$'
expect_ok "detached HEAD, no CI: no branch, nothing said of it" fg check-range "$base..HEAD"
expect_output "2 results" '^2 passed, 0 failed$'
expect_no_output "no branchName" 'branchName'

# GitLab CI
expect_status "GitLab: the merge request's source branch comes first" 1 \
	env GITLAB_CI=true CI_MERGE_REQUEST_SOURCE_BRANCH_NAME=Bad CI_COMMIT_BRANCH=main \
	sh -c "cd '$R' && '$FG' check-range '$base..HEAD'"
expect_output "GitLab: the source branch is checked" "^branch Bad: error: branchName: "
expect_status "GitLab: CI_COMMIT_BRANCH in a branch pipeline" 1 \
	env GITLAB_CI=true CI_COMMIT_BRANCH=master sh -c "cd '$R' && '$FG' check-range '$base..HEAD'"
expect_output "GitLab: master is refused" "^branch master: error: branchName: "
expect_ok "GitLab: a tag pipeline names no branch" \
	env GITLAB_CI=true CI_COMMIT_TAG=v0.16.0 sh -c "cd '$R' && '$FG' check-range '$base..HEAD'"
expect_output "no branch: 2 results" '^2 passed, 0 failed$'
git -C "$R" checkout -q main

# the branch drives branchCommitType, on the commits made on it
expect_ok "GitLab: a hotfix branch's commits are judged by branchCommitType" \
	env GITLAB_CI=true CI_COMMIT_BRANCH=hotfix/pool sh -c "cd '$R' && '$FG' check-range '$base..HEAD'"
expect_output "feat on hotfix/pool warns" \
	"^commit $(short HEAD~1): warning: branchCommitType: line 1, column 1: type 'feat' on hotfix branch 'hotfix/pool'"
expect_output "a warning passes: 3 passed" '^3 passed, 0 failed$'

# =========================================================== version files
R=$TMP/versions
new_repo "$R"
versions 0.16.0-dev 0.16.x
commit 'chore: start'
start=$(git -C "$R" rev-parse HEAD)
commit 'feat: one'
printf '0.17.0-dev\n' >"$R/half_orm/version.txt"
git -C "$R" add half_orm/version.txt
commit 'chore: bump version to 0.17.0-dev'
disagree=$(short)
commit 'feat: two'
printf 'more docs\n' >"$R/docs/other.md" # docs/ changes, docs/index.md does not
git -C "$R" add docs/other.md
commit 'docs: other'
commit 'feat: three'

expect_status "a disagreement fails the range (exit 1)" 1 fg check-range "$start..HEAD"
expect_output "versionConsistency at the commit that brings it" \
	"^commit $disagree: error: versionConsistency: version files disagree: half_orm/version\.txt says '0\.17\.0-dev' but docs/index\.md says '0\.16\.x'$"
expect_eq "reported once, not at every commit after (nor where docs/ changes)" "$(count 'versionConsistency')" 1
expect_output "one failed commit; the others and the branch pass" '^5 passed, 1 failed$'
expect_status "json: the same" 1 fg check-range --format json "$start..HEAD"
expect_output "json: the violation is in its commit's result" \
	"\"name\": \"commit $disagree\", \"kind\": \"commit\", \"commit\": \"[0-9a-f]{40}\", \"passed\": false, \"violations\": \[\{\"rule\": \"versionConsistency\""
expect_eq "json: one failed result" "$(count '"passed": false')" 1
after=$(git -C "$R" rev-parse "$disagree")
expect_status "a range starting after the disagreement still sees it" 1 fg check-range "$after..HEAD"
first=$(git -C "$R" rev-list --reverse "$after..HEAD" | head -n 1)
expect_output "at the range's first commit, whose files are read in full" \
	"^commit $(short "$first"): error: versionConsistency: "
expect_eq "once" "$(count 'versionConsistency')" 1

# series and regression
printf '# halfORM\n\nThis documentation covers halfORM **0.17.x** (latest development release).\n' >"$R/docs/index.md"
git -C "$R" add docs/index.md
commit 'docs: follow 0.17.0-dev'
fixed=$(git -C "$R" rev-parse HEAD)
versions 0.16.0 0.16.x
commit 'chore: prepare release 0.16.0'
lowered=$(short)
expect_status "versionRegression: the version goes down" 1 fg check-range "$fixed..HEAD"
expect_output "at that commit, against its first parent" \
	"^commit $lowered: error: versionRegression: the version goes down from 0\.17\.0-dev to 0\.16\.0 in commit $lowered$"
expect_output "versionReleaseBranch: a release straight on main (HEAD's branch)" \
	"^commit $lowered: error: versionReleaseBranch: release 0\.16\.0 is set on branch 'main'"
expect_status "--branch '': no branch, no versionReleaseBranch" 1 fg check-range --branch '' "$fixed..HEAD"
expect_no_output "nothing of it" 'versionReleaseBranch|versionPreReleaseBranch'
expect_output "versionRegression does not need a branch" 'versionRegression'
nohooks -C "$R" reset -q --hard "$fixed"

# branchVersionSeries, at the range's first commit and where the version changes
git -C "$R" checkout -q -b release/0.16.x "$start"
commit 'fix: on the release branch'
rbase=$(git -C "$R" rev-parse HEAD)
versions 0.17.0 0.17.x
commit 'chore: prepare release 0.17.0'
outside=$(short)
commit 'fix: after it'
expect_status "branchVersionSeries on release/0.16.x" 1 fg check-range "$rbase..HEAD"
expect_output "at the commit that leaves the series" \
	"^commit $outside: error: branchVersionSeries: half_orm/version\.txt says '0\.17\.0', outside the 0\.16 series of branch 'release/0\.16\.x'$"
expect_eq "once" "$(count 'branchVersionSeries')" 1
expect_status "a range starting after it: at its first commit" 1 fg check-range "HEAD~1..HEAD"
expect_output "the first commit of the range" "^commit $(short): error: branchVersionSeries: "
expect_ok "on dev/0.17.x (--branch) the same commits pass" fg check-range --branch dev/0.17.x "$rbase..HEAD"
expect_no_output "no branchVersionSeries" 'branchVersionSeries'

# commits a merge brings from another branch are not judged by this branch's rules
R=$TMP/merge
new_repo "$R"
versions 0.16.0-rc1 0.16.x
commit 'chore: start'
git -C "$R" checkout -q -b release/0.16.x
git -C "$R" checkout -q -b dev/0.17.x
versions 0.17.0-dev 0.17.x
commit 'chore: bump version to 0.17.0-dev'
dbase=$(git -C "$R" rev-parse HEAD)
git -C "$R" checkout -q release/0.16.x
versions 0.16.0-rc2 0.16.x
commit 'chore: prepare release 0.16.0-rc2'
rc2=$(short)
git -C "$R" checkout -q dev/0.17.x
nohooks -C "$R" merge -q --no-ff -s ours -m "Merge branch 'release/0.16.x' into dev/0.17.x" release/0.16.x
expect_ok "dev/0.17.x merging release/0.16.x: passes" fg check-range "$dbase..HEAD"
expect_no_output "0.16.0-rc2, made on release/0.16.x, is not judged as dev/0.17.x's" \
	'branchVersionSeries|versionPreReleaseBranch|versionReleaseBranch'
expect_output "the merge, its commit and the branch count" '^3 passed, 0 failed$'
expect_status "on dev/0.17.x's first-parent line (--branch), the commit fails" 1 \
	fg check-range --branch dev/0.17.x "$dbase..release/0.16.x"
expect_output "branchVersionSeries on it" "^commit $rc2: error: branchVersionSeries: "
expect_no_output "but it was made on release/0.16.x, which holds it: no versionReleaseBranch" \
	'versionReleaseBranch|versionPreReleaseBranch'
rc2full=$(git -C "$R" rev-parse release/0.16.x)
nohooks -C "$R" branch -q -D release/0.16.x
expect_status "the same commit, made on dev/0.17.x itself (no other branch holds it), fails" 1 \
	fg check-range --branch dev/0.17.x "$dbase..$rc2full"
expect_output "and versionReleaseBranch (an -rc on dev/*)" "^commit $rc2: error: versionReleaseBranch: "

# Issue 20, item 14: the guide's fast-forward git merge release/0.16.x
# brings release/0.16.x's rc commits onto main's first-parent line. They
# were made on release/0.16.x, which holds them: not main's, as pre-push
# judges them.
R=$TMP/ff
new_repo "$R"
versions 0.16.0-dev 0.16.x
commit 'chore: start'
ffbase=$(git -C "$R" rev-parse HEAD)
git -C "$R" checkout -q -b release/0.16.x
versions 0.16.0-rc1 0.16.x
commit 'chore: prepare release 0.16.0-rc1'
ffrc=$(short)
versions 0.16.0 0.16.x
commit 'chore: prepare release 0.16.0'
git -C "$R" checkout -q main
nohooks -C "$R" merge -q --ff-only release/0.16.x
expect_ok "main after a fast-forward of release/0.16.x: passes" fg check-range "$ffbase..main"
expect_no_output "the rc is release/0.16.x's, not main's" 'versionReleaseBranch|versionPreReleaseBranch'
expect_output "the branch and the two commits pass" '^3 passed, 0 failed$'
git -C "$R" update-ref -d refs/heads/release/0.16.x
git -C "$R" update-ref refs/remotes/origin/release/0.16.x "$(git -C "$R" rev-parse main)"
expect_ok "the same with release/0.16.x remote-tracking only (a CI clone)" \
	fg check-range "$ffbase..main"
git -C "$R" update-ref refs/remotes/origin/main "$(git -C "$R" rev-parse main)"
expect_ok "origin/main, main's own remote-tracking branch, is not another branch" \
	fg check-range "$ffbase..main"
git -C "$R" update-ref -d refs/remotes/origin/release/0.16.x
expect_status "no other branch holds the rc: it is main's" 1 fg check-range "$ffbase..main"
expect_output "versionReleaseBranch names it" "^commit $ffrc: error: versionReleaseBranch: release candidate 0\.16\.0-rc1 is set on branch 'main'"

# =========================================================== tags
R=$TMP/tags
new_repo "$R"
versions 0.16.0-rc2 0.16.x
commit 'chore: start'
tbase=$(git -C "$R" rev-parse HEAD)
git -C "$R" tag -a v0.16.0-rc2 -m 'release: 0.16.0-rc2' # outside the range
git -C "$R" checkout -q -b release/0.16.x
versions 0.16.0 0.16.x
commit 'chore: prepare release 0.16.0'
tagged=$(git -C "$R" rev-parse HEAD)
git -C "$R" tag -a v0.16.0 -m 'release: 0.16.0'
commit 'fix: pool leak'
git -C "$R" tag v7-build
expect_status "a tag into the range is checked: v7-build fails" 1 fg check-range "$tbase..HEAD"
expect_output "tagFormat names the tag result" "^tag v7-build: error: tagFormat: "
expect_output "tagAnnotated too (a lightweight tag)" "^tag v7-build: error: tagAnnotated: "
expect_no_output "v0.16.0 passes" '^tag v0\.16\.0: '
expect_no_output "a tag outside the range is not checked" 'v0\.16\.0-rc2'
expect_output "the branch, two commits, two tags" '^4 passed, 1 failed$'
expect_status "json: the tags" 1 fg check-range --format json "$tbase..HEAD"
expect_output "json: a tag result names its commit" \
	"\{\"name\": \"tag v0\.16\.0\", \"kind\": \"tag\", \"commit\": \"$tagged\", \"passed\": true, \"violations\": \[\]\}"
expect_status "github: the tag's annotation" 1 fg check-range --format github "$tbase..HEAD"
expect_output "github: ::error with the rule, then the tag" '^::error title=flowgate tagFormat::tag v7-build: '
expect_output "github: the summary" '^4 passed, 1 failed$'
git -C "$R" tag -d v7-build >/dev/null
git -C "$R" tag -a v0.16.1 -m 'maintenance: 0.16.1'
expect_status "a tag whose commit says another version" 1 fg check-range "$tbase..HEAD"
expect_output "tagVersionMatch on it" "^tag v0\.16\.1: error: tagVersionMatch: "
expect_output "tagMessage by kind: a patch on release/0.16.x is a hotfix or a release" \
	"^tag v0\.16\.1: error: tagMessage: .* does not start with 'hotfix:' or 'release:', the prefix of a patch on a release branch$"

# =========================================================== exit statuses
expect_status "a bad range exits 2" 2 fg check-range "nope..HEAD"
expect_output "the error names the range and the fix" "^flowgate: error: 'nope\.\.HEAD' is not a range of this repository: .*; give A\.\.B"
expect_status "a symmetric difference is not a range check-range takes" 2 fg check-range "$tbase...HEAD"
printf '[rule "nope"]\n\tseverity = warn\n' >"$R/.flowgate"
expect_status "bad configuration exits 4" 4 fg check-range "$tbase..HEAD"
expect_output "bad configuration: one line" '^flowgate: error: bad configuration: '
rm "$R/.flowgate"
# a version file pattern that backtracks without end, met at a commit of the range
printf '[versionFile "VERSION"]\n\tpattern = (a+)+$\n' >"$R/.flowgate"
LC_ALL=C awk 'BEGIN { for (i = 0; i < 4096; i++) printf "aaaaaaaaaaaaaaaa"; print "!" }' >"$R/VERSION"
git -C "$R" add VERSION
commit 'chore: a version file the pattern cannot read'
expect_status "a pattern reaching PCRE2's match limit mid-range exits 4" 4 fg check-range "$tbase..HEAD"
expect_output "it names the pattern" "versionFile\.VERSION\.pattern: reached PCRE2's match limit"
rm "$R/.flowgate"
mkdir -p "$TMP/norepo"
expect_status "outside a repository exits 3" 3 \
	sh -c "cd '$TMP/norepo' && GIT_CEILING_DIRECTORIES='$TMP' '$FG' check-range a..b"
