#!/bin/bash
# Bounded and consistent: one size limit for a version file (16 MiB) in the
# hooks and the flowgate command, a binary version file shown escaped,
# check-range in a shallow clone saying so, and a work-tree .flowgate that
# is not a plain file refused by the command as the hooks refuse a
# committed one.
. "$(dirname "$0")/lib.sh"

FG="$FLOWGATE_BUILD/flowgate"
LIMIT=16777216

# big_version_txt BYTES: half_orm/version.txt of BYTES bytes: 0.1.0, then
# spaces (read whole and trimmed, it is still version 0.1.0).
big_version_txt() {
	mkdir -p half_orm
	{ printf '0.1.0'; head -c "$(($1 - 5))" /dev/zero | tr '\0' ' '; } >half_orm/version.txt
}

R=$TMP/big ORIGIN=$TMP/big-origin.git
new_repo "$R"
new_origin "$ORIGIN"
git -C "$R" remote add origin "$ORIGIN"
install_flowgate "$R" || not_ok "big: install.sh"
cd "$R" || exit 1
tick
set_version 0.1.0
git commit -q -m 'feat: start at 0.1.0' || not_ok "big: first commit"

# ----------------------------------------------------------- size limit
big_version_txt "$LIMIT"
git add half_orm/version.txt
expect_ok "version file of exactly 16 MiB: pre-commit reads it (0.1.0, padded)" .git/hooks/pre-commit
big_version_txt $((LIMIT + 1))
git add half_orm/version.txt
expect_status "version file of 16 MiB + 1 byte: pre-commit refuses" 1 .git/hooks/pre-commit
expect_output "the refusal is versionFormat" "error: versionFormat: "
expect_output "it names the file, its size and the limit" \
	"half_orm/version\.txt is $((LIMIT + 1)) bytes, more than $LIMIT"
expect_output "the hint says what to do" "hint: a version file is small"
expect_status "the flowgate command refuses the same file in the work tree (exit 3)" 3 "$FG" version
expect_output "with the same limit" "half_orm/version\.txt is $((LIMIT + 1)) bytes, more than $LIMIT"
tick
git commit -q --no-verify -m 'chore: a huge version file' || not_ok "big: commit --no-verify"
expect_status "pre-push refuses the pushed commit's huge version file" 1 \
	sh -c 'git push -q origin main 2>&1'
expect_output "pre-push names versionFormat and the size" \
	"versionFormat: .*half_orm/version\.txt is $((LIMIT + 1)) bytes, more than $LIMIT"
expect_eq "nothing reached the remote" "$(git --git-dir="$ORIGIN" rev-parse -q --verify refs/heads/main)" ""
git reset -q --hard HEAD~1

# ------------------------------------------------ a binary version file
printf '0.1.0\033[2J\377\n' >half_orm/version.txt
git add half_orm/version.txt
expect_status "binary version file: pre-commit refuses" 1 .git/hooks/pre-commit
expect_output "the escape byte is shown escaped" 'version\.txt holds .*\\x1b\[2J\\xff'
if LC_ALL=C grep -q "$(printf '\033')" "$LAST_OUT"; then
	not_ok "no raw escape byte reaches the terminal"
else
	ok "no raw escape byte reaches the terminal"
fi
git reset -q --hard

# ------------------------------------ a work-tree .flowgate, not a file
for kind in fifo symlink directory; do
	rm -rf .flowgate
	case $kind in
	fifo) mkfifo .flowgate ;;
	symlink) printf '[rule "headerMaxLength"]\n\tmax = 100\n' >"$TMP/elsewhere.cfg" &&
		ln -s "$TMP/elsewhere.cfg" .flowgate ;;
	directory) mkdir .flowgate ;;
	esac
	expect_status "work-tree .flowgate that is a $kind: flowgate config refuses (exit 4)" 4 \
		"$FG" config
	expect_output "the $kind: the message says it is not a regular file" \
		"\.flowgate \(work tree\): not a regular file"
done
rm -rf .flowgate
expect_ok "no work-tree .flowgate: flowgate config reads the defaults" "$FG" config
# the hooks refuse a committed symbolic link as a .flowgate already
ln -s "$TMP/elsewhere.cfg" .flowgate
git add .flowgate
expect_status "a staged symbolic link .flowgate: pre-commit refuses (exit 4)" 4 .git/hooks/pre-commit
expect_output "with the same words" "\.flowgate \(index\): not a regular file"
git rm -q --cached .flowgate && rm -f .flowgate

# --------------------------------------------- check-range, shallow clone
S=$TMP/shallow-src
new_repo "$S"
for i in 1 2 3 4 5; do
	tick
	commit_file "$S" f "$i" "feat: change $i" || not_ok "shallow: commit $i"
done
git clone -q --depth 2 "file://$S" "$TMP/shallow"
cd "$TMP/shallow" || exit 1
expect_status "check-range below a shallow clone's end: exit 3" 3 "$FG" check-range HEAD~3..HEAD
expect_output "it says the clone is shallow" "this clone is shallow and 'HEAD~3\.\.HEAD' needs commits below its end"
expect_output "it gives the fetch that fixes it" "git fetch --unshallow"
expect_status "a range that does not parse in a full clone stays a usage error (exit 2)" 2 \
	sh -c "cd '$S' && '$FG' check-range nope..HEAD"
expect_no_output "that one does not talk of a shallow clone" "shallow"
git fetch -q --unshallow
expect_ok "after git fetch --unshallow, check-range passes" "$FG" check-range HEAD~3..HEAD
