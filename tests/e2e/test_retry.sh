# End-to-end: a commit-msg refusal keeps the message typed (issue 20, item
# 18). After the refusal flowgate prints the command that reopens the message
# git kept (git commit -e -v -F "$(git rev-parse --git-path COMMIT_EDITMSG)"),
# the same skipping only the rules that failed (FLOWGATE_SKIP=...), and
# --no-verify; each printed command is run here, as printed, and must make
# the commit: after -m, after an editor with git commit -v, from a
# subdirectory, for a merge (MERGE_MSG) and for a reword in git rebase -i.
# Run: FLOWGATE_BUILD=/abs/build bash tests/e2e/test_retry.sh (or sh tests/e2e/run.sh).

. "$(dirname "$0")/lib.sh"

export GIT_EDITOR=true GIT_MERGE_AUTOEDIT=no

R=$TMP/retry
new_repo "$R"
install_flowgate "$R" || not_ok "install.sh installs the hooks"
commit_file "$R" README.md '# retry' 'chore: initial commit' >/dev/null 2>&1 || not_ok "setup commit"
cd "$R" || exit 1

# An editor that writes "fix: " before the first line (the fix of 'update stuff').
FIXER=$TMP/fix-editor.sh
printf '#!/bin/sh\nsed -i "1s/^/fix: /" "$1"\n' >"$FIXER"
chmod +x "$FIXER"
# An editor that writes $EDIT_TEXT above what git put in the file.
PREPEND=$TMP/prepend-editor.sh
cat >"$PREPEND" <<'EOF'
#!/bin/sh
{ printf '%b' "$EDIT_TEXT"; cat "$1"; } >"$1.new" && mv "$1.new" "$1"
EOF
chmod +x "$PREPEND"

# printed WHAT: the command of the last output's hint line "WHAT: <command>".
printed() {
	sed -n "s/^hint: .*$1: //p" "$LAST_OUT" | head -n 1
}

# ---------------------------------------------------------------- after -m
printf 'a\n' >a.txt && git add a.txt
before=$(head_oid)
expect_status "commit -m 'update stuff' is refused" 1 git commit -q -m 'update stuff' -m 'The body typed.'
expect_output "the bypass is named" '^flowgate commit-msg: refused; to bypass once: git commit --no-verify$'
expect_output "the edit command is printed" \
	'^hint: git keeps the message until the next commit; edit it again: git commit -e -v -F "\$\(git rev-parse --git-path COMMIT_EDITMSG\)"$'
expect_output "the skip command names the rule that failed" \
	'^hint: or skip only headerFormat for it: FLOWGATE_SKIP=headerFormat git commit -e -v -F "\$\(git rev-parse --git-path COMMIT_EDITMSG\)"$'
expect_output "and amending is named" '^hint: amending a commit\? add --amend$'
edit=$(printed 'edit it again')
skip=$(printed 'for it')
expect_eq "nothing was committed" "$(head_oid)" "$before"
expect_ok "the printed edit command, run with an editor that fixes the header" \
	env GIT_EDITOR="$FIXER" sh -c "$edit"
expect_eq "the commit holds the message typed, fixed" "$(git log -1 --format=%B)" \
	"$(printf 'fix: update stuff\n\nThe body typed.')"

# ---------------------------------------------------------------- the skip command
printf 'b\n' >>a.txt && git add a.txt
expect_status "another bad header is refused" 1 git commit -q -m 'update more stuff' -m 'Wip: x'
skip=$(printed 'for it')
expect_eq "the skip command is printed" "$skip" \
	'FLOWGATE_SKIP=headerFormat git commit -e -v -F "$(git rev-parse --git-path COMMIT_EDITMSG)"'
expect_ok "the printed skip command, run as it is" sh -c "$skip"
expect_eq "the commit holds the message typed" "$(git log -1 --format=%s)" 'update more stuff'
git reset -q --soft HEAD~1
printf 'c\n' >>a.txt && git add a.txt
expect_status "two rules fail" 1 \
	git commit -q -m 'Wip: x' -m "$(printf 'body\n\nRefs:')"
expect_output "the skip names every rule that failed, once" '^hint: or skip only typeEnum,footerFormat for it: FLOWGATE_SKIP=typeEnum,footerFormat '
git commit -q --no-verify -m 'chore: pending'

# ---------------------------------------------------------------- after git commit -v in the editor
printf 'd\n' >>a.txt && git add a.txt
expect_status "commit -v with a bad header typed in the editor is refused" 1 \
	env GIT_EDITOR="$PREPEND" EDIT_TEXT='update stuff\n\nTyped in the editor.\n' git commit -q -v
edit=$(printed 'edit it again')
expect_ok "the printed edit command reopens it" env GIT_EDITOR="$FIXER" sh -c "$edit"
expect_eq "the commit holds the message typed, not git's template nor the old diff" \
	"$(git log -1 --format=%B)" "$(printf 'fix: update stuff\n\nTyped in the editor.')"

# ---------------------------------------------------------------- from a subdirectory
mkdir -p sub/dir && printf 'e\n' >sub/dir/e.txt && git add sub/dir/e.txt
cd sub/dir || exit 1
expect_status "refused from a subdirectory" 1 git commit -q -m 'update stuff in sub'
edit=$(printed 'edit it again')
expect_ok "the printed command works from the subdirectory" env GIT_EDITOR="$FIXER" sh -c "$edit"
expect_eq "committed" "$(git log -1 --format=%s)" 'fix: update stuff in sub'
cd "$R" || exit 1

# ---------------------------------------------------------------- a merge (MERGE_MSG)
git checkout -q -b feature/m
printf 'f\n' >f.txt && git add f.txt && git commit -q -m 'feat: on feature'
git checkout -q main
printf 'g\n' >g.txt && git add g.txt && git commit -q -m 'fix: on main'
expect_fail "git merge with a bad message is refused" git merge -q --no-ff -m 'update stuff' feature/m
expect_output "the edit command names MERGE_MSG" \
	'edit it again: git commit -e -v -F "\$\(git rev-parse --git-path MERGE_MSG\)"$'
edit=$(printed 'edit it again')
expect_ok "the printed command concludes the merge" env GIT_EDITOR="$FIXER" sh -c "$edit"
expect_eq "a merge commit" "$(git rev-list --parents -1 HEAD | wc -w)" 3
expect_eq "with the message fixed" "$(git log -1 --format=%s)" 'fix: update stuff'

# ---------------------------------------------------------------- git rebase -i reword
printf 'h\n' >h.txt && git add h.txt && git commit -q -m 'feat: to reword'
printf '#!/bin/sh\nsed -i "1s/^pick/reword/" "$1"\n' >"$TMP/seq.sh"
chmod +x "$TMP/seq.sh"
printf '#!/bin/sh\nprintf "update reworded\\n" >"$1"\n' >"$TMP/bad-reword.sh"
chmod +x "$TMP/bad-reword.sh"
expect_fail "a reword to a bad header is refused, the rebase stops" \
	env GIT_SEQUENCE_EDITOR="$TMP/seq.sh" GIT_EDITOR="$TMP/bad-reword.sh" git rebase -i HEAD~1
expect_output "the command amends and continues the rebase" \
	'edit it again: git commit --amend -e -v -F "\$\(git rev-parse --git-path COMMIT_EDITMSG\)" && git rebase --continue$'
edit=$(printed 'edit it again')
expect_ok "the printed command, run as it is" env GIT_EDITOR="$FIXER" sh -c "$edit"
expect_eq "the rebase is over" "$(ls -d .git/rebase-merge .git/rebase-apply 2>/dev/null)" ""
expect_eq "the commit is reworded, not added" "$(git log -2 --format=%s | paste -sd'|' -)" \
	'fix: update reworded|fix: update stuff'

# ---------------------------------------------------------------- a message file run by hand
printf 'update stuff\n' >"$TMP/by hand.msg"
expect_status "commit-msg run by hand on another file" 1 .git/hooks/commit-msg "$TMP/by hand.msg"
expect_output "the file is named as a shell word" "edit it again: git commit -e -v -F '$TMP/by hand.msg'$"
