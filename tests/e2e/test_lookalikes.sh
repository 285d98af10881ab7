# End-to-end: look-alikes of git's own messages are checked (issue 20,
# item 2). A "Merge ..." header passes when the commit is a merge (commit-msg:
# MERGE_HEAD, or an amend of HEAD, a merge; pre-push, pre-receive and
# check-range: two or more parents); `Revert "..."` in the form git writes
# (its "This reverts commit <oid>." line); fixup!/squash!/amend! are judged
# with the header they name, and their bodies by the body rules; git merge
# --squash's unedited message passes. Everything else with those shapes is
# judged as any message, by the real git and the installed hooks.
# Run: FLOWGATE_BUILD=/abs/build bash tests/e2e/test_lookalikes.sh (or sh tests/e2e/run.sh).

. "$(dirname "$0")/lib.sh"

export GIT_EDITOR=true GIT_MERGE_AUTOEDIT=no
FG=$FLOWGATE_BUILD/flowgate

R=$TMP/look
ORIGIN=$TMP/look-origin.git
SERVER=$TMP/look-server.git
new_repo "$R"
new_origin "$ORIGIN"
new_origin "$SERVER"
"$TOP/install.sh" --server "$SERVER" >"$LAST_OUT" 2>&1 || not_ok "install.sh --server"
git -C "$R" remote add origin "$ORIGIN"
git -C "$R" remote add server "$SERVER"
install_flowgate "$R" || not_ok "install.sh installs the hooks"
commit_file "$R" README.md '# look-alikes' 'chore: initial commit' >/dev/null 2>&1 ||
	not_ok "setup commit"
cd "$R" || exit 1
git push -q origin main 2>/dev/null
git push -q server main 2>/dev/null

NCHANGE=0
change() {
	NCHANGE=$((NCHANGE + 1))
	printf 'change %s\n' "$NCHANGE" >>"${1:-notes.txt}"
	git add -- "${1:-notes.txt}"
}

# refused NAME RULE CMD...: CMD fails naming RULE (commit-msg), HEAD stays.
refused() {
	name=$1 rule=$2; shift 2
	before=$(head_oid)
	expect_fail "$name: refused" "$@"
	expect_output "$name: names $rule" "^flowgate commit-msg: error: $rule:"
	expect_eq "$name: creates no commit" "$(head_oid)" "$before"
}
# accepted NAME CMD...: CMD exits 0, flowgate silent.
accepted() {
	name=$1; shift
	expect_ok "$name: accepted" "$@"
	expect_no_output "$name: flowgate is silent" 'flowgate '
}

# ------------------------------------------------------------ Merge
change
refused "commit -m 'Merge whatever I like' (not a merge)" headerFormat \
	git commit -q -m 'Merge whatever I like'
expect_output "the message says it is not a merge" "is git's merge message, but the commit is not a merge"
git checkout -q -b feature/m
change feature.txt
git commit -q -m 'feat: on feature'
git checkout -q main
change main.txt
git commit -q -m 'fix: on main'
accepted "git merge --no-ff (MERGE_HEAD)" git merge -q --no-ff feature/m
accepted "git commit --amend --no-edit of the merge" git commit -q --amend --no-edit
change
refused "a plain commit on top of the merge with another 'Merge' header" headerFormat \
	git commit -q -m "Merge branch 'feature/other'"
git commit -q -m 'chore: what the refused commit held'
# a conflicted merge concluded by git commit (MERGE_HEAD is there)
git checkout -q -b feature/clash main~1
printf 'feature\n' >clash.txt && git add clash.txt && git commit -q -m 'feat: clash'
git checkout -q main
printf 'main\n' >clash.txt && git add clash.txt && git commit -q -m 'fix: clash'
expect_fail "conflicting merge stops" git merge --no-ff feature/clash
printf 'resolved\n' >clash.txt && git add clash.txt
accepted "git commit --no-edit concluding the merge" git commit -q --no-edit
# the merge git rebase -r makes again, stopped on a conflict and concluded
# by git commit: MERGE_HEAD is there beside .git/rebase-merge, and git makes
# the commit a merge (builtin/commit.c, determine_whence: MERGE_HEAD alone)
rr_base=$(head_oid)
git checkout -q -b feature/rr-side
printf 'side\n' >rr.txt && git add rr.txt && git commit -q -m 'feat: rr side'
git checkout -q -b feature/rr "$rr_base"
printf 'mine\n' >rr.txt && git add rr.txt && git commit -q -m 'fix: rr mine'
git merge -q --no-ff feature/rr-side >/dev/null 2>&1
printf 'resolved\n' >rr.txt && git add rr.txt && git commit -q --no-edit
git checkout -q -b feature/rr-onto "$rr_base"
printf 'onto\n' >rr-onto.txt && git add rr-onto.txt && git commit -q -m 'feat: rr onto'
git checkout -q feature/rr
expect_fail "git rebase -r stops at the merge it makes again" git rebase -r feature/rr-onto
if [ -d .git/rebase-merge ] && [ -f .git/MERGE_HEAD ]; then
	ok "the rebase's state and MERGE_HEAD are both there"
else
	not_ok "the rebase's state and MERGE_HEAD are both there"
fi
printf 'resolved\n' >rr.txt && git add rr.txt
accepted "git commit --no-edit concluding the merge in git rebase -r" git commit -q --no-edit
expect_eq "git made that commit a merge" "$(git rev-list --parents -n 1 HEAD | wc -w | tr -d ' ')" 3
expect_ok "the rebase goes on" git rebase --continue
git checkout -q main

# ------------------------------------------------------------ Revert
change
git commit -q -m 'feat: to be reverted'
target=$(head_oid)
git revert --no-edit HEAD >/dev/null
accepted "git commit --amend --no-edit of git's revert" git commit -q --amend --no-edit
change
refused "commit -m 'Revert \"feat: x\"' without git's line" headerFormat \
	git commit -q -m 'Revert "feat: x"'
expect_output "the hint names git's line" "hint: write e.g. 'revert: \"feat: x\"', or keep the line git revert writes"
change
refused "a revert with an abbreviated OID is not git's" headerFormat \
	git commit -q -m 'Revert "feat: x"' -m "This reverts commit $(git rev-parse --short HEAD)."
change
accepted "a revert written in git's form" \
	git commit -q -m 'Revert "anything at all"' -m "This reverts commit $target."
change
refused "git's revert form: the footers are still checked" footerFormat \
	git commit -q -m 'Revert "feat: y"' -m "This reverts commit $target." -m 'Refs:'

# ------------------------------------------------------------ fixup!, squash!, amend!
change
git commit -q -m 'feat: fixup target'
change
accepted "commit --fixup=HEAD" git commit -q --fixup=HEAD
change
refused "commit -m 'fixup! whatever'" headerFormat git commit -q -m 'fixup! whatever'
expect_output "the column points after 'fixup! '" "^flowgate commit-msg: error: headerFormat: line 1, column 8: "
change
refused "commit -m 'squash! wip: x' (the target's type)" typeEnum git commit -q -m 'squash! wip: x'
change
refused "squash! with a bad footer in its body" footerFormat \
	git commit -q -m 'squash! feat: fixup target' -m 'Refs:'
change
accepted "commit --squash=HEAD -m (body rules pass)" git commit -q --squash=HEAD -m 'More detail.'

# ------------------------------------------------------------ merge --squash
git checkout -q -b feature/sq main
change sq.txt
git commit -q -m 'feat: squash one'
git checkout -q main
git merge -q --squash feature/sq >/dev/null 2>&1
accepted "commit of git merge --squash's message, unedited" git commit -q
expect_eq "the stored header is git's" "$(git log -1 --format=%s)" 'Squashed commit of the following:'
change
refused "a look-alike of the squash message without its log" headerFormat \
	git commit -q -m 'Squashed commit of the following:' -m 'I wrote this.'

# ------------------------------------------------------------ pre-push, pre-receive, check-range
expect_ok "push of everything above (real merges, reverts, squash)" git push -q origin main
expect_ok "the same to the server (pre-receive)" git push -q server main
git checkout -q -b feature/fake main
change
git commit -q --no-verify -m 'Merge whatever I like'
fake=$(git rev-parse --short=12 HEAD)
change
git commit -q --no-verify -m 'Revert "feat: x"'
expect_fail "pre-push refuses a look-alike merge" git push origin feature/fake
expect_output "pre-push names the commit and headerFormat" \
	"^flowgate pre-push: error: headerFormat: commit $fake: line 1, column 1: header 'Merge whatever I like' is git's merge message"
expect_output "pre-push refuses the look-alike revert too" "is git's revert message without its line"
expect_fail "pre-receive refuses them" git push --no-verify server feature/fake
expect_output "pre-receive names headerFormat" "headerFormat: commit $fake: line 1, column 1: header 'Merge whatever I like'"
expect_status "check-range refuses them (exit 1)" 1 env -u GITHUB_ACTIONS -u GITLAB_CI \
	"$FG" check-range main..feature/fake
expect_output "check-range names the fake merge" "^commit $fake: error: headerFormat: line 1, column 1: header 'Merge whatever I like'"
expect_ok "check-range passes main's real merges and reverts" env -u GITHUB_ACTIONS -u GITLAB_CI \
	"$FG" check-range --branch main "$(git rev-list --max-parents=0 main)..main"
git checkout -q main
