# End-to-end: git am runs flowgate's applypatch-msg and pre-applypatch
# (issue 20, item 7). Patches made with git format-patch in a repository
# without hooks are applied with git am in a clone where install.sh put
# flowgate: a bad message is refused by applypatch-msg before the patch is
# applied, a bad version file by pre-applypatch before it is committed;
# nothing is committed either way and the refusal names the rule. Good
# patches apply. The printed ways on (edit the message and run git am
# again, FLOWGATE_SKIP, git am --continue) are run as printed. The message
# is judged as git am commits it (verbatim, whatever commit.cleanup says),
# and git rebase --apply, which replays commits through git am, is not
# judged. doctor and uninstall know both hooks.
# Run: FLOWGATE_BUILD=/abs/build bash tests/e2e/test_am.sh (or sh tests/e2e/run.sh).

. "$(dirname "$0")/lib.sh"

export GIT_EDITOR=true

# S: the patches' source, no hooks. R: the clone that applies them.
S=$TMP/source
new_repo "$S"
(
	cd "$S" || exit 1
	tick
	set_version 0.16.0-dev
	git commit -q -m 'chore: bump version to 0.16.0-dev'
	git checkout -q -b feature/patches
	tick
	printf 'a\n' >a.txt && git add a.txt && git commit -q -m 'update stuff' -m 'The body.'
	tick
	printf '0.16\n' >half_orm/version.txt && git add half_orm/version.txt &&
		git commit -q -m 'feat: set the version'
	tick
	printf 'b\n' >b.txt && git add b.txt && git commit -q -m 'feat: add b'
	tick
	printf 'c\n' >c.txt && git add c.txt &&
		git -c commit.cleanup=verbatim commit -q -m '# not a comment' -m 'feat: add c'
) || not_ok "setup: the source repository"
git -C "$S" format-patch -q -o "$TMP/patches" main..feature/patches >/dev/null
P1=$(ls "$TMP"/patches/0001-*) P2=$(ls "$TMP"/patches/0002-*) P3=$(ls "$TMP"/patches/0003-*)
P4=$(ls "$TMP"/patches/0004-*)

git clone -q -b main "$S" "$TMP/clone" 2>/dev/null
R=$TMP/clone
install_flowgate "$R" || not_ok "install.sh installs the hooks"
expect_output "install.sh installs applypatch-msg" '^applypatch-msg: installed$'
expect_output "install.sh installs pre-applypatch" '^pre-applypatch: installed$'
cd "$R" || exit 1
git checkout -q -b feature/am

# ------------------------------------------------------------- applypatch-msg
before=$(head_oid)
expect_status "git am of a patch whose header is not Conventional: refused" 1 git am -q "$P1"
expect_output "applypatch-msg names the rule" \
	"^flowgate applypatch-msg: error: headerFormat: line 1, column 1: header 'update stuff' is not"
expect_output "the bypass git 2.39's am allows is named" \
	'^flowgate applypatch-msg: refused; git am stopped, this patch not committed; to bypass once: git -c core.hooksPath=/dev/null am$'
expect_eq "applypatch-msg: nothing committed" "$(head_oid)" "$before"
expect_eq "applypatch-msg: the patch is not applied" "$(git status --porcelain)" ""
expect_output "the way on: edit the message, then git am" \
	'^hint: git am keeps the patch; fix its message, then go on from it: \$\(git var GIT_EDITOR\) "\$\(git rev-parse --git-path rebase-apply/final-commit\)" && git am$'
expect_output "or skip the rule for that patch" \
	'^hint: or skip only headerFormat for it: FLOWGATE_SKIP=headerFormat git am$'
expect_output "or leave the patch out" '^hint: or leave this patch out: git am --skip \(all of them: git am --abort\)$'
edit=$(sed -n 's/^hint: git am keeps the patch; fix its message, then go on from it: //p' "$LAST_OUT")
expect_ok "git am's session is kept" test -d "$(git rev-parse --git-path rebase-apply)"

# git am with no argument goes on only from a terminal (builtin/am.c): the
# printed command is run in one, under script(1).
if need_tool script util-linux; then
	FIXER=$TMP/fix-editor.sh
	printf '#!/bin/sh\nsed -i "1s/^/fix: /" "$1"\n' >"$FIXER"
	chmod +x "$FIXER"
	expect_ok "the printed command, with an editor that fixes the header, goes on" \
		env GIT_EDITOR="$FIXER" script -qec "$edit" /dev/null
	expect_eq "the patch is committed with the fixed message" "$(git log -1 --format=%B)" \
		"$(printf 'fix: update stuff\n\nThe body.')"
	expect_eq "it is the patch's change" "$(git show --format= --name-only HEAD)" a.txt
	git reset -q --hard "$before"
	expect_status "again: refused" 1 git am -q "$P1"
	expect_ok "the printed skip, in a terminal, goes on" \
		script -qec 'FLOWGATE_SKIP=headerFormat git am' /dev/null
	expect_eq "the patch is committed as it came" "$(git log -1 --format=%s)" "update stuff"
	git reset -q --hard "$before"
else
	printf '# skip - the printed git am commands: script(1) (util-linux) is missing\n'
	git am --abort
fi
expect_ok "no git am in progress" test ! -d "$(git rev-parse --git-path rebase-apply)"

# ------------------------------------------------------------- pre-applypatch
expect_status "git am of a patch writing a bad version: refused" 1 git am -q "$P2"
expect_output "pre-applypatch names the rule" \
	"^flowgate pre-applypatch: error: versionFormat: half_orm/version.txt holds '0.16'"
expect_output "the bypass is named" \
	'^flowgate pre-applypatch: refused; git am stopped, this patch not committed; to bypass once: git -c core.hooksPath=/dev/null am --continue$'
expect_no_output "applypatch-msg let its message through" 'applypatch-msg'
expect_eq "pre-applypatch: nothing committed" "$(head_oid)" "$before"
expect_output "the way on: fix, add, git am --continue" \
	'^hint: git am applied the patch and did not commit it; fix the files, git add them, then go on: git am --continue$'
expect_output "or skip the rule" '^hint: or skip only versionFormat for it: FLOWGATE_SKIP=versionFormat git am --continue$'
printf '0.16.1-dev\n' >half_orm/version.txt
git add half_orm/version.txt
expect_status "with the version fixed, git am --continue: versionConsistency refuses" 1 git am --continue
expect_output "pre-applypatch runs again on --continue" '^flowgate pre-applypatch: error: versionConsistency'
set_version 0.16.1-dev
expect_ok "every version file fixed and added: git am --continue commits" git am --continue
expect_eq "the patch is committed" "$(git log -1 --format=%s)" "feat: set the version"
expect_eq "with the version fixed" "$(git show HEAD:half_orm/version.txt)" 0.16.1-dev
git reset -q --hard "$before"
expect_status "again: refused" 1 git am -q "$P2"
expect_ok "the printed skip goes on" env FLOWGATE_SKIP=versionFormat git am --continue
expect_eq "the patch is committed as it came" "$(git show HEAD:half_orm/version.txt)" 0.16
git reset -q --hard "$before"

# ------------------------------------------------------------- good patches
expect_ok "a good patch applies" git am -q "$P3"
expect_eq "it is committed" "$(git log -1 --format=%s)" "feat: add b"
expect_no_output "nothing is said" 'flowgate'

# The message as git am commits it: verbatim. '# not a comment' is the
# header git am stores, whatever commit.cleanup says (commit-msg would strip
# it under commit.cleanup=strip).
git config commit.cleanup strip
good=$(head_oid)
expect_status "a patch whose first line is '# not a comment': refused" 1 git am -q "$P4"
expect_output "its '#' line is judged as the header" \
	"^flowgate applypatch-msg: error: headerFormat: line 1, column 1: header '# not a comment'"
git am --abort
expect_ok "git -c core.hooksPath=/dev/null am applies it" git -c core.hooksPath=/dev/null am -q "$P4"
expect_eq "git stored the '#' line as the header" "$(git log -1 --format=%s)" "# not a comment"
git reset -q --hard "$good"
git config --unset commit.cleanup

# ------------------------------------------------------------- git rebase --apply
# It replays commits through git am (rebasing mode): not judged, as git
# rebase's other backend runs no commit hook for them.
git checkout -q -b feature/legacy main
printf 'l\n' >l.txt && git add l.txt && git commit -q --no-verify -m 'legacy message'
git checkout -q main
tick
printf 'm\n' >m.txt && git add m.txt && git commit -q -m 'feat: add m'
git checkout -q feature/legacy
expect_ok "git rebase --apply replays a commit flowgate would refuse" git rebase -q --apply main
expect_no_output "no hook said anything" 'flowgate'
expect_eq "the commit is replayed" "$(git log -1 --format=%s)" "legacy message"

# ------------------------------------------------------------- doctor, uninstall
PATH=$FLOWGATE_BUILD:$PATH
expect_ok "doctor: every hook runs flowgate" flowgate doctor
expect_output "doctor: applypatch-msg" '^applypatch-msg: '
expect_output "doctor: pre-applypatch" '^pre-applypatch: '
rm .git/hooks/pre-applypatch
expect_status "doctor: a missing pre-applypatch is a problem" 1 flowgate doctor
expect_output "doctor: its fix" '^pre-applypatch: problem: .*; fix: flowgate install'
expect_ok "uninstall" "$TOP/install.sh" --uninstall
expect_ok "uninstall: applypatch-msg removed" test ! -e .git/hooks/applypatch-msg
expect_status "uninstall: git am of the bad message now applies" 0 git am -q "$P1"
