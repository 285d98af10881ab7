# End-to-end tests of the four hooks driven by the real git: commit-msg,
# pre-commit (branch names, version files), pre-push to a local bare origin,
# post-merge, and the hooks' exit statuses when run by hand.
# Run: FLOWGATE_BUILD=/abs/build bash tests/e2e/test_hooks.sh (or sh tests/e2e/run.sh).

. "$(dirname "$0")/lib.sh"

# Never let git wait for an editor; a test that wants one sets its own.
export GIT_EDITOR=true GIT_MERGE_AUTOEDIT=no
HOOK_NAMES="pre-commit commit-msg pre-push post-merge"

# install_hooks DIR: install.sh when there is one, else copy the built hooks.
install_hooks() {
	if [ -f "$TOP/install.sh" ]; then
		if install_flowgate "$1"; then
			return 0
		fi
		printf '# install.sh failed in %s; copying the hooks instead\n' "$1"
		sed 's/^/#   /' "$LAST_OUT" | head -n 5
	fi
	for h in $HOOK_NAMES; do
		cp "$FLOWGATE_BUILD/hooks/$h" "$1/.git/hooks/$h" || return 1
	done
}

# setup NAME: $TMP/NAME with the hooks, origin $TMP/NAME-origin.git, one
# commit on main; cd there and set R.
setup() {
	R=$TMP/$1
	new_repo "$R"
	new_origin "$TMP/$1-origin.git"
	git -C "$R" remote add origin "$TMP/$1-origin.git"
	install_hooks "$R"
	commit_file "$R" README.md "# $1" 'chore: initial commit' >/dev/null 2>&1 ||
		not_ok "$1: setup commit"
	cd "$R" || exit 1
}

# change [FILE]: modify FILE (default notes.txt) and stage it.
NCHANGE=0
change() {
	NCHANGE=$((NCHANGE + 1))
	mkdir -p "$(dirname "${1:-notes.txt}")"
	printf 'change %s\n' "$NCHANGE" >>"${1:-notes.txt}"
	git add -- "${1:-notes.txt}"
}

# put FILE CONTENT: write CONTENT (one line) to FILE, not staged.
put() {
	mkdir -p "$(dirname "$1")"
	printf '%s\n' "$2" >"$1"
}

# stage FILE CONTENT: write and stage.
stage() { put "$1" "$2" && git add -- "$1"; }

docs_line() { printf 'This documentation covers halfORM **%s** (latest development release).' "$1"; }

origin_ref() { git --git-dir="$TMP/$1-origin.git" rev-parse -q --verify "$2"; }


# expect_subject NAME SUBJECT: HEAD's subject is SUBJECT.
expect_subject() { expect_eq "$1" "$(git log -1 --format=%s)" "$2"; }

# An editor that writes $EDIT_TEXT (printf %b) above what git put in the file.
PREPEND="$TMP/prepend-editor.sh"
cat >"$PREPEND" <<'EOF'
#!/bin/sh
{ printf '%b' "$EDIT_TEXT"; cat "$1"; } >"$1.new" && mv "$1.new" "$1"
EOF
chmod +x "$PREPEND"

# ===================================================================== commit-msg
setup cm

change
expect_ok "commit-msg: 'feat: add x' is accepted" git commit -q -m 'feat: add x'

change
before=$(head_oid)
expect_fail "commit-msg: 'update stuff' is refused" git commit -q -m 'update stuff'
expect_output "commit-msg: 'update stuff' names headerFormat" '^flowgate commit-msg: error: headerFormat:'
expect_output "commit-msg: 'update stuff' gives a hint" '^hint:'
expect_eq "commit-msg: 'update stuff' creates no commit" "$(head_oid)" "$before"

expect_fail "commit-msg: 'Feat: x' is refused" git commit -q -m 'Feat: x'
expect_output "commit-msg: 'Feat: x' names typeCase" 'flowgate commit-msg: error: typeCase: line 1, column 1: type .Feat. is not lowercase'
expect_fail "commit-msg: 'wip: x' is refused" git commit -q -m 'wip: x'
expect_output "commit-msg: 'wip: x' names typeEnum" 'flowgate commit-msg: error: typeEnum:'
expect_eq "commit-msg: refused types create no commit" "$(head_oid)" "$before"

h72="feat: $(printf 'a%.0s' $(seq 66))"
h73="feat: $(printf 'a%.0s' $(seq 67))"
expect_fail "commit-msg: 73-character header is refused" git commit -q -m "$h73"
expect_output "commit-msg: 73-character header names headerMaxLength" 'error: headerMaxLength:'
expect_ok "commit-msg: 72-character header is accepted" git commit -q -m "$h72"
change
u72="feat: $(printf 'é%.0s' $(seq 66))"
expect_ok "commit-msg: 72-character header of 2-byte characters is accepted" git commit -q -m "$u72"

change
before=$(head_oid)
expect_fail "commit-msg: 'feat: ' (empty subject) is refused" git commit -q -m 'feat: '
expect_eq "commit-msg: 'feat: ' creates no commit" "$(head_oid)" "$before"

printf 'feat: message from a file\n\n# a comment line\n# another comment\nBody text.\n' >"$TMP/msg1"
expect_ok "commit-msg: -F file with # comments below a good header is accepted" git commit -q -F "$TMP/msg1"

printf 'feat: message with CRLF line ends\r\n\r\nBody.\r\n' >"$TMP/msg-crlf"
change
expect_ok "commit-msg: -F file with CRLF line ends is accepted" git commit -q -F "$TMP/msg-crlf"
# Without an editor git's cleanup is 'whitespace': '#' lines are kept, so the
# first line below is the header git stores (and pre-push later refuses).
printf '# not stripped by git\nfeat: below a hash line\n' >"$TMP/msg-hash"
change
before=$(head_oid)
expect_fail "commit-msg: -F file whose first line is '# ...' is refused (git stores it as the header)" \
	git commit -q -F "$TMP/msg-hash"
expect_eq "commit-msg: -F '# ...' header creates no commit" "$(head_oid)" "$before"
git reset -q --hard "$before"

# git commit -v: the editor writes the header above git's template, scissors and diff.
change
expect_ok "commit-msg: commit -v, header written in the editor, is accepted" \
	env GIT_EDITOR="$PREPEND" EDIT_TEXT='feat: written in the editor\n' git commit -q -v
expect_eq "commit-msg: commit -v stores the editor's header" "$(git log -1 --format=%s)" 'feat: written in the editor'
change
before=$(head_oid)
expect_fail "commit-msg: commit -v with a bad header is refused" \
	env GIT_EDITOR="$PREPEND" EDIT_TEXT='update stuff\n' git commit -q -v
expect_output "commit-msg: commit -v with a bad header names headerFormat" 'error: headerFormat:'
expect_fail "commit-msg: commit -v with an empty message aborts" \
	env GIT_EDITOR="$PREPEND" EDIT_TEXT='' git commit -q -v
expect_no_output "commit-msg: commit -v with an empty message: the diff below the scissors is not checked" 'headerFormat|typeEnum|subjectEmpty'
expect_ok "commit-msg: editor path, '# comment' line above a good header is accepted" \
	env GIT_EDITOR="$PREPEND" EDIT_TEXT='# my own comment\nfeat: below a comment\n' git commit -q -v
expect_eq "commit-msg: editor path stores the header below the comment" "$(git log -1 --format=%s)" 'feat: below a comment'

# core.commentChar=';'
git config core.commentChar ';'
change
printf 'feat: semicolon comments\n\n; a comment line\n; another one\n' >"$TMP/msg2"
expect_ok "commit-msg: commentChar=';', -F file with ';' comments is accepted" git commit -q -F "$TMP/msg2"
change
expect_ok "commit-msg: commentChar=';', commit -v with ';' comment above the header is accepted" \
	env GIT_EDITOR="$PREPEND" EDIT_TEXT='; my own comment\nfix: semicolon editor\n' git commit -q -v
expect_eq "commit-msg: commentChar=';' stores the header" "$(git log -1 --format=%s)" 'fix: semicolon editor'
change
before=$(head_oid)
expect_fail "commit-msg: commentChar=';', '#' line is not a comment (git keeps it as the header)" \
	env GIT_EDITOR="$PREPEND" EDIT_TEXT='# not a comment here\nfeat: x\n' git commit -q -v
expect_output "commit-msg: commentChar=';', '#' header names headerFormat" 'error: headerFormat:'
expect_eq "commit-msg: commentChar=';', '#' header creates no commit" "$(head_oid)" "$before"

# core.commentChar=auto
git config core.commentChar auto
expect_ok "commit-msg: commentChar=auto, commit -v with a good header is accepted" \
	env GIT_EDITOR="$PREPEND" EDIT_TEXT='feat: auto comment char\n' git commit -q -v
change
expect_ok "commit-msg: commentChar=auto, -e -m good header with '#' body line is accepted" \
	git commit -q -e -m 'feat: auto with hash body' -m '#42 is the issue'
expect_eq "commit-msg: commentChar=auto keeps the '#' body line" "$(git log -1 --format=%b)" '#42 is the issue'
change
before=$(head_oid)
expect_fail "commit-msg: commentChar=auto, -e -m '#42 update stuff' is refused (git stores it)" \
	git commit -q -e -m '#42 update stuff'
expect_output "commit-msg: commentChar=auto, '#42 update stuff' names headerFormat" 'error: headerFormat:'
expect_eq "commit-msg: commentChar=auto, '#42 update stuff' creates no commit" "$(head_oid)" "$before"
git config --unset core.commentChar
git commit -q -m 'chore: pending changes'

# git's own messages
git checkout -q -b feature/x
change feature.txt
git commit -q -m 'feat: on feature x'
git checkout -q main
change main.txt
git commit -q -m 'fix: on main'
expect_ok "commit-msg: git merge --no-ff feature/x (git's message) is accepted" git merge -q --no-ff feature/x
expect_eq "commit-msg: merge commit has git's message" "$(git log -1 --format=%s)" "Merge branch 'feature/x'"
expect_eq "commit-msg: merge commit was created" "$(git rev-list --parents -1 HEAD | wc -w)" 3

# a conflicted merge concluded with git commit --no-edit
git checkout -q -b feature/clash main
put clash.txt 'feature' && git add clash.txt && git commit -q -m 'feat: clash on feature'
git checkout -q main
put clash.txt 'main' && git add clash.txt && git commit -q -m 'fix: clash on main'
expect_fail "commit-msg: conflicting merge stops" git merge --no-ff feature/clash
put clash.txt 'resolved' && git add clash.txt
expect_ok "commit-msg: git commit --no-edit concluding a merge is accepted" git commit -q --no-edit
expect_eq "commit-msg: concluded merge has git's message" "$(git log -1 --format=%s)" "Merge branch 'feature/clash'"

change
git commit -q -m 'feat: to be reverted'
before=$(head_oid)
expect_ok "commit-msg: git revert HEAD --no-edit is accepted" git revert --no-edit HEAD
expect_eq "commit-msg: revert commit has git's message" "$(git log -1 --format=%s)" 'Revert "feat: to be reverted"'

change
expect_ok "commit-msg: git commit --fixup HEAD is accepted" git commit -q --fixup HEAD
expect_subject "commit-msg: --fixup message is 'fixup! <subject>'" 'fixup! Revert "feat: to be reverted"'
change
expect_ok "commit-msg: git commit --squash HEAD -m x is accepted" git commit -q --squash HEAD -m x
expect_subject "commit-msg: --squash -m message is 'squash! <subject>'" 'squash! fixup! Revert "feat: to be reverted"'
expect_eq "commit-msg: --squash -m body is x" "$(git log -1 --format=%b | sed '/^$/d')" x
change
expect_ok "commit-msg: git commit --fixup=amend:HEAD is accepted" git commit -q --fixup=amend:HEAD

# Generated messages longer than 72 characters still pass.
long="feat: $(printf 'b%.0s' $(seq 64))"
change long.txt
git commit -q -m "$long"
change
expect_ok "commit-msg: --fixup of a 70-character header (77 characters) is accepted" git commit -q --fixup HEAD
expect_ok "commit-msg: revert of a 70-character header is accepted" git revert --no-edit HEAD~1

git checkout -q -b Bad_Branch
change
before=$(head_oid)
expect_fail "commit-msg: commit on Bad_Branch without --no-verify is refused" git commit -q -m 'feat: x'
change
expect_ok "commit-msg: git commit -m 'feat: x' --no-verify bypasses a bad branch" git commit -q -m 'feat: x' --no-verify
expect_eq "commit-msg: --no-verify created the commit" "$(git rev-parse HEAD~1)" "$before"
change
expect_ok "commit-msg: --no-verify bypasses a bad header too" git commit -q -m 'update stuff' --no-verify
git checkout -q main

# ============================================================ pre-commit branchName
setup pcb

change
expect_ok "pre-commit: commit on main is accepted" git commit -q -m 'feat: on main'

git checkout -q -b Feature_Work
change
before=$(head_oid)
expect_fail "pre-commit: commit on Feature_Work is refused" git commit -q -m 'feat: work'
expect_output "pre-commit: Feature_Work names branchName" '^flowgate pre-commit: error: branchName:'
expect_output "pre-commit: Feature_Work hint proposes git branch -m feature/" '^hint:.*git branch -m feature/'
expect_eq "pre-commit: Feature_Work creates no commit" "$(head_oid)" "$before"
suggest=$(sed -n 's/^hint:.*git branch -m \(feature\/[^ ]*\).*/\1/p' "$LAST_OUT" | head -n 1)
if [ -n "$suggest" ] && git branch -m "$suggest" 2>/dev/null; then
	expect_ok "pre-commit: commit on the suggested branch ($suggest) is accepted" git commit -q -m 'feat: work'
else
	not_ok "pre-commit: the suggested branch name '$suggest' is usable"
fi

git checkout -q main
for b in feature/new-cli hotfix/critical-security-fix docs/update-guide dev/0.16.x release/0.16.x maint/0.15.x; do
	git checkout -q -b "$b" main
	change
	expect_ok "pre-commit: commit on $b is accepted" git commit -q -m 'feat: on a workflow branch'
done

for b in dev/0.16 master feature/New-CLI release/0.16.x.1; do
	git checkout -q -b "$b" main
	change
	before=$(head_oid)
	expect_fail "pre-commit: commit on $b is refused" git commit -q -m 'feat: on a bad branch'
	expect_output "pre-commit: $b names branchName" 'error: branchName:'
	expect_eq "pre-commit: $b creates no commit" "$(head_oid)" "$before"
	[ "$b" = master ] && expect_output "pre-commit: master hint proposes git branch -m main" '^hint:.*git branch -m main$'
	git reset -q --hard
done

git checkout -q --detach main
change
expect_ok "pre-commit: commit on a detached HEAD is accepted" git commit -q -m 'feat: detached'

# linked worktree: its own HEAD and its own index
git checkout -q main
stage half_orm/version.txt 0.16.0
stage docs/index.md "$(docs_line 0.16.x)"
git commit -q -m 'chore: versions'
git worktree add -q -b Bad_WT "$TMP/pcb-wt-bad" main 2>/dev/null
git worktree add -q -b feature/wt "$TMP/pcb-wt" main 2>/dev/null
stage docs/index.md "$(docs_line 0.15.x)"
expect_fail "pre-commit: commit in a linked worktree on Bad_WT is refused" \
	sh -c 'cd "$1" && echo x >wt.txt && git add wt.txt && git commit -q -m "feat: wt"' sh "$TMP/pcb-wt-bad"
expect_output "pre-commit: linked worktree Bad_WT names branchName" "error: branchName: branch 'Bad_WT'"
expect_ok "pre-commit: commit in a linked worktree on feature/wt ignores the main worktree's index" \
	sh -c 'cd "$1" && echo x >wt.txt && git add wt.txt && git commit -q -m "feat: wt"' sh "$TMP/pcb-wt"
expect_fail "pre-commit: bad version staged in a linked worktree is refused" \
	sh -c 'cd "$1" && echo 0.17.0 >half_orm/version.txt && git add half_orm/version.txt && git commit -q -m "feat: wt"' sh "$TMP/pcb-wt"
expect_output "pre-commit: linked worktree bad version names versionConsistency" 'error: versionConsistency:'
git reset -q --hard

# the first commit of a repository on a badly named (unborn) branch
git init -q -b Initial_Work "$TMP/pcb-unborn"
install_hooks "$TMP/pcb-unborn"
expect_fail "pre-commit: first commit on an unborn Initial_Work is refused" \
	sh -c 'cd "$1" && echo x >a && git add a && git commit -q -m "feat: first"' sh "$TMP/pcb-unborn"
expect_output "pre-commit: unborn Initial_Work names branchName" 'error: branchName:'
expect_fail "pre-commit: refused first commit leaves the branch unborn" git -C "$TMP/pcb-unborn" rev-parse -q --verify HEAD

# rebase: the commits are re-applied on a detached HEAD without refusal
git checkout -q -b feature/rebase-me main
change rebase1.txt && git commit -q -m 'feat: rebase one'
change rebase2.txt && git commit -q -m 'feat: rebase two'
git checkout -q main
change main-only.txt && git commit -q -m 'fix: main moves on'
git checkout -q feature/rebase-me
expect_ok "pre-commit: git rebase main re-applies the commits" git rebase main
expect_ok "pre-commit: rebased branch sits on main" git merge-base --is-ancestor main feature/rebase-me
expect_eq "pre-commit: rebase kept both commits" "$(git rev-list --count main..feature/rebase-me)" 2
expect_eq "pre-commit: rebase ends on the branch" "$(git symbolic-ref -q --short HEAD)" feature/rebase-me

# a rebase that stops on a conflict and is continued
git checkout -q -b feature/conflict main
put conflict.txt 'feature side' && git add conflict.txt && git commit -q -m 'feat: feature side'
git checkout -q main
put conflict.txt 'main side' && git add conflict.txt && git commit -q -m 'fix: main side'
git checkout -q feature/conflict
expect_fail "pre-commit: conflicting rebase stops" git rebase main
put conflict.txt 'resolved'
git add conflict.txt
expect_ok "pre-commit: git rebase --continue after a conflict commits" git rebase --continue
expect_eq "pre-commit: continued rebase ends on the branch" "$(git symbolic-ref -q --short HEAD)" feature/conflict
expect_eq "pre-commit: continued rebase has the resolution" "$(git show HEAD:conflict.txt)" resolved

# a branch with a bad name can still be rebased (HEAD is detached meanwhile)
git checkout -q -b Old_Style main~1
change old.txt && git commit -q --no-verify -m 'feat: old style'
expect_ok "pre-commit: rebase of a badly named branch is not blocked" git rebase main
git checkout -q main

# ============================================================ pre-commit versions
setup pcv

stage half_orm/version.txt 0.16.0
stage docs/index.md "$(docs_line 0.15.x)"
before=$(head_oid)
expect_fail "versions: version.txt 0.16.0 + docs 0.15.x is refused" git commit -q -m 'chore: versions'
expect_output "versions: 0.16.0 vs docs 0.15.x names versionConsistency" '^flowgate pre-commit: error: versionConsistency:'
expect_output "versions: versionConsistency gives a hint" '^hint:'
expect_eq "versions: inconsistent versions create no commit" "$(head_oid)" "$before"
stage docs/index.md "$(docs_line 0.16.x)"
expect_ok "versions: docs fixed to 0.16.x is accepted" git commit -q -m 'chore: versions'

stage half_orm/version.txt 0.16.0-preview
expect_fail "versions: version.txt 0.16.0-preview is refused" git commit -q -m 'chore: preview'
expect_output "versions: 0.16.0-preview names versionFormat" 'error: versionFormat:'
git reset -q --hard

cat >setup.py <<'EOF'
from setuptools import setup

setup(
    name='half_orm',
    version='0.16.1',
    packages=['half_orm'],
)
EOF
git add setup.py
expect_fail "versions: setup.py version='0.16.1' vs version.txt 0.16.0 is refused" git commit -q -m 'build: setup.py'
expect_output "versions: setup.py 0.16.1 names versionConsistency" 'error: versionConsistency:'
cat >setup.py <<'EOF'
import os
from setuptools import setup

def read_version():
    with open(os.path.join('half_orm', 'version.txt')) as f:
        return f.read().strip()

setup(
    name='half_orm',
    version=read_version(),
    packages=['half_orm'],
)
EOF
git add setup.py
expect_ok "versions: setup.py reading version.txt (no literal) is accepted" git commit -q -m 'build: setup.py'

# the index is what counts (on dev/0.16.x: main takes no release but by a merge)
git checkout -q -b dev/0.16.x
stage half_orm/version.txt 0.17.0
put half_orm/version.txt 0.16.1
before=$(head_oid)
expect_fail "versions: bad version staged, fixed only in the work tree: refused" git commit -q -m 'fix: staged bad'
expect_output "versions: staged bad version names versionConsistency" 'error: versionConsistency:'
expect_eq "versions: staged bad version creates no commit" "$(head_oid)" "$before"
stage half_orm/version.txt 0.16.1
put half_orm/version.txt 0.17.0
expect_ok "versions: good version staged, bad one only in the work tree: accepted" git commit -q -m 'fix: staged good'
expect_eq "versions: the staged version was committed" "$(git show HEAD:half_orm/version.txt)" 0.16.1
git checkout -q -- half_orm/version.txt

# git commit -a / git commit <path>: git hands the hooks another index (GIT_INDEX_FILE)
put half_orm/version.txt 0.17.0
before=$(head_oid)
expect_fail "versions: commit -a with a bad version in the work tree is refused" git commit -q -a -m 'fix: all'
expect_output "versions: commit -a bad version names versionConsistency" 'error: versionConsistency:'
expect_eq "versions: refused commit -a creates no commit" "$(head_oid)" "$before"
expect_eq "versions: refused commit -a leaves the index alone" "$(git show :half_orm/version.txt)" 0.16.1
stage half_orm/version.txt 0.17.0
put half_orm/version.txt 0.16.2
expect_ok "versions: commit -a with bad staged, good work tree is accepted" git commit -q -a -m 'fix: all good'
expect_eq "versions: commit -a committed the work tree version" "$(git show HEAD:half_orm/version.txt)" 0.16.2

stage docs/index.md "$(docs_line 0.15.x)"
change README.md
git reset -q -- README.md
expect_ok "versions: commit <path> ignores a bad version staged in the real index" git commit -q -m 'docs: readme' README.md
expect_eq "versions: commit <path> committed only README.md" "$(git diff --name-only HEAD~1 HEAD)" README.md
git reset -q --hard
put half_orm/version.txt 0.17.0
before=$(head_oid)
expect_fail "versions: commit <path> with a bad version.txt in the work tree is refused" \
	git commit -q -m 'fix: only' half_orm/version.txt
expect_output "versions: commit <path> bad version names versionConsistency" 'error: versionConsistency:'
expect_eq "versions: refused commit <path> creates no commit" "$(head_oid)" "$before"
git reset -q --hard

# branchVersionSeries
git checkout -q -b release/0.16.x
stage half_orm/version.txt 0.17.0-rc1
stage docs/index.md "$(docs_line 0.17.x)"
expect_fail "versions: 0.17.0-rc1 on release/0.16.x is refused" git commit -q -m 'release: rc1'
expect_output "versions: 0.17.0-rc1 on release/0.16.x names branchVersionSeries" 'error: branchVersionSeries:'
expect_no_output "versions: 0.17.0-rc1 with docs 0.17.x is consistent" 'versionConsistency'
stage half_orm/version.txt 0.16.3-rc1
stage docs/index.md "$(docs_line 0.16.x)"
expect_ok "versions: 0.16.3-rc1 on release/0.16.x is accepted" git commit -q -m 'release: 0.16.3-rc1'
# versionRegression: dev/0.16.x said 0.16.2; the release branch went to 0.16.3-rc1
stage half_orm/version.txt 0.16.2
expect_fail "versions: 0.16.3-rc1 back to 0.16.2 is refused" git commit -q -m 'fix: back'
expect_output "versions: going back names versionRegression" \
	'error: versionRegression: the version goes down from 0.16.3-rc1 to 0.16.2 in the staged version files'
git reset -q --hard
git checkout -q -b dev/0.17.x main
stage half_orm/version.txt 0.16.3
expect_fail "versions: 0.16.3 on dev/0.17.x is refused" git commit -q -m 'chore: x'
expect_output "versions: 0.16.3 on dev/0.17.x names branchVersionSeries" 'error: branchVersionSeries:'
git reset -q --hard
git checkout -q main

# ======================================================================= pre-push
setup pp
ORIGIN=$TMP/pp-origin.git

change && git commit -q -m 'feat: second'
expect_ok "pre-push: pushing main with good commits is accepted" git push -q origin main
expect_eq "pre-push: main landed on origin" "$(origin_ref pp refs/heads/main)" "$(git rev-parse main)"

git checkout -q -b feature/three
change && git commit -q -m 'feat: one of three'
change && git commit -q --no-verify -m 'update stuff'
bad=$(git rev-parse --short=7 HEAD)
change && git commit -q -m 'feat: three of three'
good1=$(git rev-parse --short=7 HEAD~2) good3=$(git rev-parse --short=7 HEAD)
expect_fail "pre-push: a branch with a bad commit is refused" git push origin feature/three
expect_output "pre-push: bad commit names headerFormat" '^flowgate pre-push: error: headerFormat:'
expect_output "pre-push: headerFormat names the bad commit's short OID ($bad)" "headerFormat:.*$bad"
expect_no_output "pre-push: the good commits are not named" "$good1|$good3"
expect_output "pre-push: refusal gives a hint" '^hint:'
expect_eq "pre-push: refused branch is not on origin" "$(origin_ref pp refs/heads/feature/three)" ""
expect_eq "pre-push: origin main unchanged" "$(origin_ref pp refs/heads/main)" "$(git rev-parse main)"

expect_ok "pre-push: git push --no-verify bypasses" git push -q --no-verify origin feature/three
expect_eq "pre-push: --no-verify push landed" "$(origin_ref pp refs/heads/feature/three)" "$(git rev-parse feature/three)"

git checkout -q main
expect_fail "pre-push: push to refs/heads/Bad_Name is refused" git push origin HEAD:refs/heads/Bad_Name
expect_output "pre-push: Bad_Name names branchName" '^flowgate pre-push: error: branchName:'
expect_eq "pre-push: Bad_Name is not on origin" "$(origin_ref pp refs/heads/Bad_Name)" ""

# several refs in one push: each is checked
git checkout -q -b feature/y main
change y.txt && git commit -q --no-verify -m 'bad on y'
bady=$(git rev-parse --short=7 HEAD)
git checkout -q main
change && git commit -q --no-verify -m 'bad on main'
badm=$(git rev-parse --short=7 HEAD)
expect_fail "pre-push: git push origin main feature/y with two bad commits is refused" git push origin main feature/y
expect_output "pre-push: the bad commit on main is named ($badm)" "headerFormat:.*$badm"
expect_output "pre-push: the bad commit on feature/y is named ($bady)" "headerFormat:.*$bady"
expect_eq "pre-push: origin main unchanged after the refused multi-ref push" "$(origin_ref pp refs/heads/main)" "$(git rev-parse origin/main)"
git commit -q --amend -m 'fix: good on main'
git checkout -q feature/y
git commit -q --amend -m 'feat: good on y'
git checkout -q main
expect_ok "pre-push: git push origin main feature/y with good commits is accepted" git push -q origin main feature/y
expect_eq "pre-push: main landed" "$(origin_ref pp refs/heads/main)" "$(git rev-parse main)"
expect_eq "pre-push: feature/y landed" "$(origin_ref pp refs/heads/feature/y)" "$(git rev-parse feature/y)"
git checkout -q feature/y
change y.txt && git commit -q -m 'feat: more y'
git checkout -q main
change && git commit -q --no-verify -m 'bad again on main'
expect_fail "pre-push: multi-ref push, good feature/y first and bad main second, is refused" git push origin feature/y main
expect_output "pre-push: the bad main commit is named" "headerFormat:.*$(git rev-parse --short=7 main)"
expect_eq "pre-push: feature/y did not land either" "$(origin_ref pp refs/heads/feature/y)" "$(git rev-parse feature/y~1)"
git reset -q --hard HEAD~1

# bad commits already on origin are not re-checked
git checkout -q -b feature/old main
change old.txt && git commit -q --no-verify -m 'old bad commit'
oldbad=$(git rev-parse --short=7 HEAD)
git push -q --no-verify origin feature/old
change old.txt && git commit -q -m 'feat: new good commit'
expect_ok "pre-push: one new good commit on a branch with old bad commits is accepted" git push -q origin feature/old
expect_eq "pre-push: feature/old landed" "$(origin_ref pp refs/heads/feature/old)" "$(git rev-parse feature/old)"

# a new branch only checks the commits origin does not have
git checkout -q main
change && git commit -q --no-verify -m 'bad but already pushed'
mainbad=$(git rev-parse --short=7 HEAD)
git push -q --no-verify origin main
git checkout -q -b feature/fresh main
expect_ok "pre-push: a new branch with no new commits is accepted" git push -q origin feature/fresh
git checkout -q -b feature/fresh2 main
change fresh.txt && git commit -q -m 'feat: fresh'
expect_ok "pre-push: a new branch from main with one good commit is accepted" git push -q origin feature/fresh2
git checkout -q -b feature/fresh3 main
change fresh.txt && git commit -q --no-verify -m 'fresh but bad'
fresh3=$(git rev-parse --short=7 HEAD)
expect_fail "pre-push: a new branch from main with a new bad commit is refused" git push origin feature/fresh3
expect_output "pre-push: the new bad commit is named ($fresh3)" "headerFormat:.*$fresh3"
expect_no_output "pre-push: the commits already on origin are not named ($mainbad, $oldbad)" "$mainbad|$oldbad"
git checkout -q main

# git notes: git's own "Notes added by 'git notes add'" commits are not branch commits
git notes add -m 'reviewed' HEAD
expect_ok "pre-push: git push origin refs/notes/commits is accepted" git push -q origin refs/notes/commits
expect_no_output "pre-push: git's notes commit message is not checked as a header" 'headerFormat'

# deletions
expect_ok "pre-push: git push origin --delete feature/old is accepted" git push -q origin --delete feature/old
expect_eq "pre-push: feature/old is gone from origin" "$(origin_ref pp refs/heads/feature/old)" ""
git push -q --no-verify origin main:refs/heads/Bad_Name
expect_ok "pre-push: deleting a badly named branch is accepted" git push -q origin --delete Bad_Name
expect_eq "pre-push: Bad_Name is gone from origin" "$(origin_ref pp refs/heads/Bad_Name)" ""

# tags
stage half_orm/version.txt 0.16.0
stage docs/index.md "$(docs_line 0.16.x)"
git commit -q -m 'release: halfORM 0.16.0'
git push -q origin main
git tag -a v0.16.0 -m 'release: halfORM 0.16.0'
expect_fail "pre-push: v0.16.0 on main only (no release branch) is refused" git push origin v0.16.0
expect_output "pre-push: it names tagOnReleaseBranch" \
	"^flowgate pre-push: error: tagOnReleaseBranch: tag 'v0\.16\.0' points at a commit on no release/0\.16\.x or maint/0\.16\.x branch$"
git branch release/0.16.x
expect_ok "pre-push: annotated v0.16.0 'release: ...' on release/0.16.x is accepted" git push -q origin v0.16.0
expect_eq "pre-push: v0.16.0 landed" "$(origin_ref pp refs/tags/v0.16.0)" "$(git rev-parse v0.16.0)"
git tag v0.16.1
expect_fail "pre-push: lightweight v0.16.1 is refused" git push origin v0.16.1
expect_output "pre-push: lightweight tag names tagAnnotated" '^flowgate pre-push: error: tagAnnotated:'
expect_eq "pre-push: v0.16.1 is not on origin" "$(origin_ref pp refs/tags/v0.16.1)" ""
git tag -a v0.16.0-rc1 -m 'release: rc1'
expect_fail "pre-push: v0.16.0-rc1 on a 0.16.0 commit is refused" git push origin v0.16.0-rc1
expect_output "pre-push: v0.16.0-rc1 names tagVersionMatch" 'error: tagVersionMatch:'
git tag -a v0.16.2 -m 'bump'
expect_fail "pre-push: tag message 'bump' is refused" git push origin v0.16.2
expect_output "pre-push: 'bump' names tagMessage" 'error: tagMessage:'
git tag -a v0.16 -m 'release: x'
expect_fail "pre-push: tag v0.16 (named like a release, no X.Y.Z) is refused" git push origin v0.16
expect_output "pre-push: v0.16 names tagFormat" 'error: tagFormat:'
git tag -d v0.16 >/dev/null
# Issue 20, item 10: a tag not named like a version is no release: no
# release rule judges it, tagMoved still guards it.
git tag latest
git tag -a docs-snapshot -m 'docs of the week'
git tag -a release-1 -m 'not a version'
expect_ok "pre-push: latest, docs-snapshot and release-1 (no version in the name) are accepted" \
	git push -q origin latest docs-snapshot release-1
expect_no_output "pre-push: no rule is told of them" 'flowgate pre-push'
expect_eq "pre-push: latest landed" "$(origin_ref pp refs/tags/latest)" "$(git rev-parse latest)"
git tag -f latest HEAD~1 >/dev/null
expect_fail "pre-push: moving latest, which origin has, is refused even with -f" git push -f origin latest
expect_output "pre-push: tagMoved guards every tag" "^flowgate pre-push: error: tagMoved: tag 'latest' already exists"
git tag -f latest "$(origin_ref pp refs/tags/latest)" >/dev/null
git checkout -q -b feature/tags-refused
printf '[tag]\n\tothers = refuse\n' >.flowgate
git add .flowgate && git commit -q -m 'chore: release tags only'
git tag nightly
expect_fail "pre-push: with tag.others = refuse, nightly is refused" git push origin nightly
expect_output "pre-push: tagFormat names it, and tag.others" \
	"^flowgate pre-push: error: tagFormat: tag 'nightly' is not named like a release \(vX\.Y\.Z\), and tag\.others = refuse takes no other tag$"
git tag -d nightly >/dev/null
git checkout -q main && git branch -q -D feature/tags-refused
expect_ok "pre-push: git push --no-verify bypasses the tag rules" git push -q --no-verify origin v0.16.1
expect_eq "pre-push: --no-verify tag landed" "$(origin_ref pp refs/tags/v0.16.1)" "$(git rev-parse v0.16.1)"
git checkout -q release/0.16.x
stage half_orm/version.txt 0.16.1
expect_ok "pre-commit: 0.16.1 on release/0.16.x" git commit -q -m 'hotfix: 0.16.1'
expect_ok "pre-push: release/0.16.x pushed" git push -q origin release/0.16.x
origin_v0161=$(origin_ref pp refs/tags/v0.16.1)
git tag -f -a v0.16.1 -m 'hotfix: halfORM 0.16.1' >/dev/null
expect_fail "pre-push: moving v0.16.1, which origin has, is refused even with -f" git push -f origin v0.16.1
expect_output "pre-push: it names tagMoved" "^flowgate pre-push: error: tagMoved: tag 'v0\.16\.1' already exists on the remote \([0-9a-f]{12}\) and this push would move it$"
expect_eq "pre-push: origin's v0.16.1 did not move" "$(origin_ref pp refs/tags/v0.16.1)" "$origin_v0161"
git tag -a v0.16.2 -f -m 'maintenance: halfORM 0.16.2' >/dev/null
expect_fail "pre-push: a patch on release/0.16.x tagged 'maintenance:' is refused" git push origin v0.16.2
expect_output "pre-push: tagMessage names the kind's prefix" \
	"error: tagMessage: tag 'v0\.16\.2' message 'maintenance: halfORM 0\.16\.2' does not start with 'hotfix:' or 'release:', the prefix of a patch on a release branch$"

# Issue 20, item 10: a version named without the prefix is a tagFormat
# error whose hint is the exact rename, which then passes.
stage half_orm/version.txt 0.16.3
git commit -q -m 'chore: prepare release 0.16.3'
git tag 0.16.3
expect_fail "pre-push: tag 0.16.3 (no v) is refused" git push origin release/0.16.x 0.16.3
expect_output "pre-push: tagFormat says the prefix is missing" \
	"^flowgate pre-push: error: tagFormat: tag '0\.16\.3' names version 0\.16\.3 without the tag prefix 'v'$"
expect_no_output "pre-push: not tagAnnotated (the rename makes an annotated tag)" 'tagAnnotated'
rename=$(sed -n "s/^hint: rename it to 'v0\.16\.3': //p" "$LAST_OUT")
expect_eq "pre-push: the hint is the exact rename" "$rename" \
	"git tag -a v0.16.3 0.16.3^{} -m 'hotfix: 0.16.3' && git tag -d 0.16.3"
eval "$rename" >/dev/null
expect_ok "pre-push: the renamed v0.16.3 is accepted" git push -q origin release/0.16.x v0.16.3
expect_eq "pre-push: 0.16.3 is gone" "$(git tag -l 0.16.3)" ""
git checkout -q main

# branchProtected: force pushes and deletions
origin_refs() { git --git-dir="$TMP/pp-origin.git" for-each-ref; }
git checkout -q main
before_main=$(git rev-parse main)
git commit -q --amend -m 'hotfix: 0.16.1, reworded'
before=$(origin_refs)
expect_fail "branchProtected: a force push rewriting main is refused" git push -f origin main
expect_output "branchProtected: it names the rule and the remote's commit" \
	"^flowgate pre-push: error: branchProtected: non-fast-forward push to protected branch 'main': the remote's ${before_main:0:12} is not in the pushed history"
expect_output "branchProtected: the hint says to pull, not force" '^hint: git pull --rebase origin main'
expect_eq "branchProtected: origin is unchanged" "$(origin_refs)" "$before"
git reset -q --hard "$before_main"
expect_fail "branchProtected: deleting main is refused" git push origin :main
expect_output "branchProtected: deleting main names the rule" \
	"^flowgate pre-push: error: branchProtected: deleting protected branch 'main' from the remote"
expect_fail "branchProtected: deleting tag v0.16.0 is refused" git push origin :refs/tags/v0.16.0
expect_output "branchProtected: deleting v0.16.0 names the rule" \
	"^flowgate pre-push: error: branchProtected: deleting release tag 'v0.16.0' from the remote"
expect_eq "branchProtected: origin is unchanged by the refused deletions" "$(origin_refs)" "$before"
expect_ok "branchProtected: deleting feature/three is accepted" git push -q origin :feature/three
expect_eq "branchProtected: feature/three is gone from origin" "$(origin_ref pp refs/heads/feature/three)" ""
expect_ok "branchProtected: a fast-forward of main is accepted" sh -c 'echo ff >>notes.txt && git add notes.txt && git commit -q -m "docs: fast-forward" && git push -q origin main'
# Someone else pushed to main: its commit is not here.
other=$TMP/pp-other
git clone -q "$TMP/pp-origin.git" "$other"
(cd "$other" && echo theirs >theirs.txt && git add theirs.txt &&
	git -c core.hooksPath=/dev/null commit -q -m 'docs: theirs' && git push -q origin main)
theirs=$(origin_ref pp refs/heads/main)
echo mine >>notes.txt && git add notes.txt && git commit -q -m 'docs: mine'
before=$(origin_refs)
expect_fail "branchProtected: a push over a main someone else moved is refused" git push -f origin main
expect_output "branchProtected: it says someone else pushed" \
	"^flowgate pre-push: error: branchProtected: the remote's protected branch 'main' is at ${theirs:0:12}, which this repository does not have: someone else pushed to it"
expect_output "branchProtected: the hint says to fetch" '^hint: git pull --rebase origin main \(it fetches what was pushed'
expect_eq "branchProtected: origin is unchanged" "$(origin_refs)" "$before"
git fetch -q origin && git rebase -q origin/main
expect_ok "branchProtected: after fetch and rebase the push is accepted" git push -q origin main

# ===================================================================== post-merge
setup pm

stage half_orm/version.txt 0.16.0-dev
stage docs/index.md "$(docs_line 0.16.x)"
git commit -q -m 'chore: 0.16.0-dev'
git checkout -q -b release/0.16.x
stage half_orm/version.txt 0.16.0
git commit -q -m 'release: halfORM 0.16.0'
git checkout -q main
change && git commit -q -m 'feat: on main meanwhile'
expect_ok "post-merge: git merge --no-ff release/0.16.x exits 0" git merge --no-ff release/0.16.x
expect_output "post-merge: release merge prints nextStep" '^flowgate post-merge: .*nextStep'
expect_output "post-merge: release merge names 0.17.0-dev" '0\.17\.0-dev'
expect_eq "post-merge: the merge commit exists" "$(git rev-list --parents -1 HEAD | wc -w)" 3

stage half_orm/version.txt 0.17.0-dev
stage docs/index.md "$(docs_line 0.17.x)"
git commit -q -m 'chore: bump version to 0.17.0-dev'
git checkout -q release/0.16.x
change fix.txt && git commit -q -m 'fix: a release fix'
git checkout -q main
expect_ok "post-merge: merging release/0.16.x again into 0.17.0-dev exits 0" git merge --no-ff release/0.16.x
expect_eq "post-merge: main still says 0.17.0-dev" "$(cat half_orm/version.txt)" 0.17.0-dev
expect_no_output "post-merge: no nextStep when main already says 0.17.0-dev" 'nextStep'

git checkout -q -b docs/stale main
stage docs/index.md "$(docs_line 0.15.x)"
git commit -q --no-verify -m 'docs: stale series'
git checkout -q main
expect_ok "post-merge: a merge leaving the version files disagreeing exits 0" git merge --no-ff docs/stale
expect_output "post-merge: disagreement prints warning: versionConsistency" '^flowgate post-merge: warning: versionConsistency:'
expect_no_output "post-merge: disagreement is not an error" 'error:'
expect_eq "post-merge: git's merge succeeded" "$(git log -1 --format=%s)" "Merge branch 'docs/stale'"
stage docs/index.md "$(docs_line 0.17.x)"
git commit -q -m 'docs: fix series'

# a disagreement the merge did not bring is not the merge's to report
stage docs/index.md "$(docs_line 0.15.x)"
git commit -q --no-verify -m 'docs: stale again'
git checkout -q -b feature/side HEAD~1
change side.txt && git commit -q -m 'feat: a side change'
git checkout -q main
expect_ok "post-merge: a merge not touching the version files exits 0" git merge --no-ff feature/side
expect_no_output "post-merge: it says nothing of the disagreement it did not bring" 'versionConsistency'
git reset -q --hard HEAD~1
stage docs/index.md "$(docs_line 0.17.x)"
git commit -q -m 'docs: fix series again'

# a fast-forward release merge
git checkout -q -b release/0.17.x main
stage half_orm/version.txt 0.17.0
git commit -q -m 'release: halfORM 0.17.0'
git checkout -q main
expect_ok "post-merge: fast-forward merge of release/0.17.x exits 0" git merge --ff-only release/0.17.x
expect_output "post-merge: fast-forward release merge names 0.18.0-dev" 'nextStep.*0\.18\.0-dev'
git reset -q --hard HEAD@{1}
expect_ok "post-merge: squash merge of release/0.17.x exits 0" git merge --squash release/0.17.x
expect_no_output "post-merge: squash merge prints no nextStep (not merged yet)" 'nextStep'
git reset -q --hard

# a release branch merged from origin with git pull
git checkout -q -b release/0.18.x main
stage half_orm/version.txt 0.18.0
stage docs/index.md "$(docs_line 0.18.x)"
git commit -q -m 'release: halfORM 0.18.0'
git push -q --no-verify origin release/0.18.x
git checkout -q main
git branch -q -D release/0.18.x
expect_ok "post-merge: git pull --no-ff origin release/0.18.x exits 0" git pull -q --no-rebase --no-ff origin release/0.18.x
expect_output "post-merge: pulled release merge names 0.19.0-dev" 'nextStep.*0\.19\.0-dev'

# ==================================================================== post-commit
# A release merge stopped by a conflict and concluded by git commit: git
# runs post-commit, not post-merge (issue 20, item 13).
git checkout -q -b release/0.19.x main
stage half_orm/version.txt 0.19.0
stage docs/index.md "$(docs_line 0.19.x)"
stage conflict.txt 'release side'
git commit -q -m 'release: halfORM 0.19.0'
git checkout -q main
stage conflict.txt 'main side'
git commit -q -m 'docs: main side'
expect_no_output "post-commit: nothing after a commit that is no merge" 'flowgate post-commit'
expect_fail "post-commit: git merge release/0.19.x stops on a conflict" \
	git merge --no-ff release/0.19.x
expect_no_output "post-commit: git ran no post-merge" 'nextStep'
stage conflict.txt resolved
expect_ok "post-commit: git commit concludes the merge" git commit -q --no-edit
expect_output "post-commit: it prints the next step" \
	"^flowgate post-commit: info: nextStep: release/0\.19\.x is merged into main; next, main moves to 0\.20\.0-dev$"
expect_eq "post-commit: the commit is the merge" "$(git rev-list --parents -1 HEAD | wc -w)" 3
stage half_orm/version.txt 0.20.0-dev
stage docs/index.md "$(docs_line 0.20.x)"
expect_ok "post-commit: the next step, committed" git commit -q -m 'chore: bump version to 0.20.0-dev'
expect_no_output "post-commit: nothing after it" 'flowgate post-commit'

# =================================================================== exit statuses
HOOKS_DIR=$FLOWGATE_BUILD/hooks
mkdir -p "$TMP/not-a-repo/sub"
cd "$TMP/not-a-repo/sub" || exit 1
export GIT_CEILING_DIRECTORIES=$TMP
expect_status "status: commit-msg with no argument exits 2" 2 "$HOOKS_DIR/commit-msg"
expect_status "status: commit-msg with two arguments exits 2" 2 "$HOOKS_DIR/commit-msg" a b
expect_status "status: commit-msg with a missing file exits 3" 3 "$HOOKS_DIR/commit-msg" "$TMP/no-such-file"
expect_output "status: commit-msg missing file says fatal" '^flowgate commit-msg: fatal:'
expect_status "status: commit-msg with a directory as the file exits 3" 3 "$HOOKS_DIR/commit-msg" "$TMP"
expect_status "status: pre-commit outside any repository exits 3" 3 "$HOOKS_DIR/pre-commit"
expect_output "status: pre-commit outside a repository says fatal" '^flowgate pre-commit: fatal:'
expect_status "status: pre-commit with an argument exits 2" 2 "$HOOKS_DIR/pre-commit" extra
expect_status "status: pre-push with no arguments exits 2" 2 "$HOOKS_DIR/pre-push" </dev/null
expect_status "status: pre-push with malformed input exits 2" 2 sh -c \
	'cd "$1" && echo "not a ref line" | "$2" origin "$3"' sh "$TMP/pp" "$HOOKS_DIR/pre-push" "$TMP/pp-origin.git"
expect_status "status: pre-push outside any repository exits 3" 3 sh -c \
	'echo "refs/heads/main $(printf %040d 1) refs/heads/main $(printf %040d 0)" | "$1" origin /x' sh "$HOOKS_DIR/pre-push"
expect_status "status: post-merge with no argument still exits 0" 0 "$HOOKS_DIR/post-merge"
expect_status "status: post-merge outside any repository still exits 0" 0 "$HOOKS_DIR/post-merge" 0
unset GIT_CEILING_DIRECTORIES
cd "$TMP/cm" || exit 1
printf 'feat: by hand\n' >"$TMP/good-msg"
printf 'update stuff\n' >"$TMP/bad-msg"
expect_status "status: commit-msg on a good message file exits 0" 0 "$HOOKS_DIR/commit-msg" "$TMP/good-msg"
expect_status "status: commit-msg on a bad message file exits 1" 1 "$HOOKS_DIR/commit-msg" "$TMP/bad-msg"
expect_status "status: pre-commit on main exits 0" 0 "$HOOKS_DIR/pre-commit"
