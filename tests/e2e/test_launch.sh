# End-to-end tests of the launcher install.sh places in a clone
# (hooks/launch.c): it runs the hook binary it points at with git's
# arguments, stdin and exit status passed through; when that binary has
# moved or been removed, every hook refuses with one line naming it and the
# fix (a missing flowgate never disables the gate silently), and install.sh
# --uninstall still works; the longest path it holds is 4,075 bytes.
. "$(dirname "$0")/lib.sh"

HOOKS="pre-commit commit-msg pre-push post-merge post-commit prepare-commit-msg applypatch-msg pre-applypatch"
INSTALL=$TOP/install.sh
LAUNCH=$FLOWGATE_BUILD/hooks/launch

for h in $HOOKS launch; do
	if [ ! -x "$FLOWGATE_BUILD/hooks/$h" ]; then
		: >"$LAST_OUT"
		not_ok "hook binary $FLOWGATE_BUILD/hooks/$h is built (run make)"
		exit 1
	fi
done

# refusal_line TARGET ERRNO-TEXT: the one line the launcher prints.
refusal_line() {
	printf 'flowgate: cannot run %s: %s; reinstall flowgate (make install) or remove the hook: flowgate uninstall\n' \
		"$1" "$2"
}

# ------------------------------------------- what the launcher passes on
# A build whose hook binaries are stand-ins that log their arguments and
# stdin, and exit with the status in $TMP/status.
FAKE=$TMP/fake
mkdir -p "$FAKE/hooks"
cp -- "$LAUNCH" "$FAKE/hooks/launch"
for h in $HOOKS; do
	cat >"$FAKE/hooks/$h" <<EOF
#!/bin/sh
printf '%s args:%s\n' '$h' "\$*" >>'$TMP/fake.log'
cat >>'$TMP/fake.log'
exit \$(cat '$TMP/status')
EOF
	chmod 755 "$FAKE/hooks/$h"
done
R=$TMP/passes
new_repo "$R"
expect_ok "install pointing at the stand-ins" env FLOWGATE_BUILD="$FAKE" "$INSTALL" "$R"
echo 7 >"$TMP/status"
: >"$TMP/fake.log"
printf 'refs/heads/main 1 refs/heads/main 2\nsecond line\n' >"$TMP/stdin"
"$R/.git/hooks/pre-push" origin "url with space" <"$TMP/stdin" >"$LAST_OUT" 2>&1
expect_eq "the hook's exit status is the binary's" "$?" 7
expect_eq "arguments and stdin reach the binary unchanged" "$(cat "$TMP/fake.log")" \
	"pre-push args:origin url with space
refs/heads/main 1 refs/heads/main 2
second line"
echo 0 >"$TMP/status"
: >"$TMP/fake.log"
expect_ok "git commit runs pre-commit and commit-msg through the launchers" \
	commit_file "$R" a.txt a "feat: add a"
expect_ok "pre-commit ran" grep -qx 'pre-commit args:' "$TMP/fake.log"
expect_ok "commit-msg ran with the message file" grep -Eqx 'commit-msg args:.*COMMIT_EDITMSG' "$TMP/fake.log"

# ------------------------------------------ flowgate moved or removed
# The hooks point at a build that is then moved away (its binaries are
# links to the real ones, so that they run as the real hooks do).
FG=$TMP/flowgate-build
mkdir -p "$FG/hooks"
cp -- "$LAUNCH" "$FG/hooks/launch"
for h in $HOOKS; do ln -s "$FLOWGATE_BUILD/hooks/$h" "$FG/hooks/$h"; done
R=$TMP/moved
LOG=$TMP/moved.log
new_repo "$R"
cat >"$R/.git/hooks/pre-commit" <<EOF
#!/bin/sh
echo kept >>'$LOG'
EOF
chmod 755 "$R/.git/hooks/pre-commit"
snapshot_before=$(ls -la "$R/.git/hooks")
expect_ok "install (a hook of the user's kept)" env FLOWGATE_BUILD="$FG" "$INSTALL" "$R"
expect_ok "a good commit goes through flowgate" commit_file "$R" a.txt a "feat: add a"
expect_fail "a bad message is refused by flowgate" commit_file "$R" b.txt b "bad message"
expect_output "by flowgate's commit-msg" '^flowgate commit-msg: error: headerFormat'

mv -- "$FG" "$TMP/flowgate-moved"
head=$(git -C "$R" rev-parse HEAD)
: >"$LOG"
(cd "$R" && printf 'c\n' >c.txt && git add c.txt && git commit -q -m "feat: add c") >"$LAST_OUT" 2>&1
expect_eq "flowgate moved: git commit exits 1" "$?" 1
expect_eq "flowgate moved: the one line naming the missing binary and the fix" \
	"$(cat "$LAST_OUT")" "$(refusal_line "$FG/hooks/pre-commit" "No such file or directory")"
expect_eq "flowgate moved: no commit was made" "$(git -C "$R" rev-parse HEAD)" "$head"
expect_eq "flowgate moved: the kept hook did not run either" "$(cat "$LOG")" ""
(cd "$R" && git commit -q --no-verify -m "feat: add c") >/dev/null 2>&1
printf 'feat: a message\n' >"$TMP/msg"
"$R/.git/hooks/commit-msg" "$TMP/msg" >"$LAST_OUT" 2>&1
expect_eq "flowgate moved: commit-msg exits 1" "$?" 1
expect_eq "flowgate moved: commit-msg says it in one line" "$(cat "$LAST_OUT")" \
	"$(refusal_line "$FG/hooks/commit-msg" "No such file or directory")"
new_origin "$TMP/moved-origin.git"
git -C "$R" remote add origin "$TMP/moved-origin.git"
expect_fail "flowgate moved: git push is refused" git -C "$R" push -q origin main
expect_output "flowgate moved: by pre-push's one line" \
	"^flowgate: cannot run $FG/hooks/pre-push: No such file or directory; reinstall flowgate"
expect_eq "flowgate moved: the remote has nothing" \
	"$(git -C "$TMP/moved-origin.git" for-each-ref | wc -l)" 0
git -C "$R" checkout -q -b feature/x
(cd "$R" && printf 'e\n' >e.txt && git add e.txt && git commit -q --no-verify -m "feat: add e")
git -C "$R" checkout -q main
git -C "$R" merge -q feature/x >"$LAST_OUT" 2>&1
expect_output "flowgate moved: post-merge says it too (git ignores its status)" \
	"^flowgate: cannot run $FG/hooks/post-merge: No such file or directory"

# The binary there but not executable: the same line, with its reason.
mv -- "$TMP/flowgate-moved" "$FG"
rm -f -- "$FG/hooks/commit-msg"
printf '#!/bin/sh\nexit 0\n' >"$FG/hooks/commit-msg"
chmod 644 "$FG/hooks/commit-msg"
"$R/.git/hooks/commit-msg" "$TMP/msg" >"$LAST_OUT" 2>&1
expect_eq "flowgate not executable: commit-msg exits 1" "$?" 1
expect_eq "flowgate not executable: one line with the reason" "$(cat "$LAST_OUT")" \
	"$(refusal_line "$FG/hooks/commit-msg" "Permission denied")"

# Removed altogether: install.sh --uninstall still takes the hooks out (it
# needs no binary) and puts the user's hook back.
rm -rf -- "$FG"
expect_ok "flowgate removed: install.sh --uninstall exits 0" \
	env FLOWGATE_BUILD="$FG" "$INSTALL" --uninstall "$R"
expect_output "flowgate removed: the user's hook is put back" '^pre-commit: removed, restored pre-commit.pre-flowgate'
expect_eq "flowgate removed: the hooks directory as before flowgate" \
	"$(ls -la "$R/.git/hooks" | sed 1d | awk '{print $1, $NF}')" \
	"$(printf '%s\n' "$snapshot_before" | sed 1d | awk '{print $1, $NF}')"
expect_ok "flowgate removed, uninstalled: commits work again" commit_file "$R" d.txt d "any message"

# A launcher never patched (copied by hand) refuses too.
cp -- "$LAUNCH" "$TMP/unpatched"
"$TMP/unpatched" x >"$LAST_OUT" 2>&1
expect_eq "an unpatched launcher exits 1" "$?" 1
expect_output "an unpatched launcher says install.sh did not place it" \
	'^flowgate: cannot run \(no target: run install.sh\): No such file or directory; reinstall'

# ------------------------------------------------------- path lengths
# long_dir LEN: a directory under $TMP whose path is LEN bytes long (made
# one component at a time).
long_dir() {
	local d=$TMP/long$1 part n
	mkdir -p "$d" || return 1
	while [ "${#d}" -lt "$1" ]; do
		n=$(($1 - ${#d} - 1 > 200 ? 200 : $1 - ${#d} - 1))
		# never one byte left: a component of none
		if [ $(($1 - ${#d} - 1 - n)) -eq 1 ]; then n=$((n - 1)); fi
		part=$(printf '%*s' "$n" '' | tr ' ' d)
		d=$d/$part
		mkdir "$d" || return 1
	done
	printf '%s\n' "$d"
}

# The longest target the launcher holds is 4,075 bytes (4,096 less the
# marker and the NUL): prepare-commit-msg (the longest name) at exactly
# that length is installed and runs.
B=$(long_dir $((4075 - 25)))
mkdir -p "$B/hooks"
cp -- "$LAUNCH" "$B/hooks/launch"
for h in $HOOKS; do printf '#!/bin/sh\necho "%s at the longest path"\n' "$h" >"$B/hooks/$h"; done
chmod 755 "$B/hooks/"*
expect_eq "the longest target is 4075 bytes" "$(printf %s "$B/hooks/prepare-commit-msg" | wc -c)" 4075
R=$TMP/longest
new_repo "$R"
expect_ok "a 4075-byte target: installed" env FLOWGATE_BUILD="$B" "$INSTALL" "$R"
expect_eq "a 4075-byte target: the launcher runs it" \
	"$(cd "$R" && .git/hooks/prepare-commit-msg 2>&1)" "prepare-commit-msg at the longest path"

B=$(long_dir $((4076 - 17)))
mkdir -p "$B/hooks"
cp -- "$LAUNCH" "$B/hooks/launch"
for h in $HOOKS; do cp -- "$FAKE/hooks/$h" "$B/hooks/$h"; done
R=$TMP/toolong
new_repo "$R"
before=$(ls -la "$R/.git/hooks")
expect_status "a 4076-byte target: exit 1" 1 env FLOWGATE_BUILD="$B" "$INSTALL" "$R"
expect_output "a 4076-byte target: one error line naming the limit" \
	'^install.sh: error: the path of the hook binary is 4076 bytes long, more than the 4075 a hook can hold: .*/hooks/pre-commit \(install flowgate under a shorter path\)$'
expect_eq "a 4076-byte target: nothing changed" "$(ls -la "$R/.git/hooks")" "$before"

# Not a launcher (no target marker, or two): refused before any change.
mkdir -p "$TMP/nolaunch/hooks"
for h in $HOOKS; do cp -- "$FAKE/hooks/$h" "$TMP/nolaunch/hooks/$h"; done
printf '#!/bin/sh\n' >"$TMP/nolaunch/hooks/launch"
chmod 755 "$TMP/nolaunch/hooks/launch"
expect_status "a launcher without its marker: exit 1" 1 \
	env FLOWGATE_BUILD="$TMP/nolaunch" "$INSTALL" "$R"
expect_output "a launcher without its marker is named" \
	'^install.sh: error: not a flowgate launcher: .*/nolaunch/hooks/launch'
cat "$LAUNCH" "$LAUNCH" >"$TMP/nolaunch/hooks/launch"
expect_status "a launcher with two markers: exit 1" 1 \
	env FLOWGATE_BUILD="$TMP/nolaunch" "$INSTALL" "$R"
expect_eq "a refused launcher: nothing changed" "$(ls -la "$R/.git/hooks")" "$before"
