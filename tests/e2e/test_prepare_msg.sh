#!/bin/bash
# The prepare-commit-msg hook with the real git: the guidance the editor
# shows (the header format, the types, the branch's type, the staged
# version), in the comment character git wrote the file with
# (core.commentChar, auto), placed where git's cleanup drops it (strip,
# scissors; nowhere with whitespace); and every commit, -m, -F, merges,
# squashes and amends included, stored byte for byte as git stores it in a
# clone without the hooks: the same commands in both give the same commit
# IDs.
. "$(dirname "$0")/lib.sh"

R=$TMP/hooked  # flowgate's hooks installed
N=$TMP/plain   # the same history, no hook
EDITOR_SCRIPT=$TMP/editor
SEEN=$TMP/seen
# The editor: keeps what git wrote in $SEEN.<repo>, then puts $TYPED (a
# header, or nothing) above it, as a user typing at the top would.
cat >"$EDITOR_SCRIPT" <<'EOF'
#!/bin/sh
cp "$1" "$SEEN.$(basename "$(git rev-parse --show-toplevel)")"
{ if [ -n "$TYPED" ]; then printf '%s\n' "$TYPED"; fi; cat "$1"; } >"$1.typed" && mv "$1.typed" "$1"
EOF
chmod 755 "$EDITOR_SCRIPT"
export SEEN GIT_EDITOR=$EDITOR_SCRIPT

tick
for d in "$R" "$N"; do
	new_repo "$d"
	(cd "$d" && set_version 0.17.0-dev) && git -C "$d" commit -q -m 'chore: start 0.17.0-dev'
done
expect_eq "the two repositories start at the same commit" "$(git -C "$R" rev-parse HEAD)" \
	"$(git -C "$N" rev-parse HEAD)"
install_flowgate "$R" || not_ok "install.sh"
git -C "$N" config core.hooksPath /dev/null

# both NAME CMD...: CMD in each repository at the same time of day; then
# the two HEADs are the same commit (the same message, byte for byte).
both() {
	local name=$1
	shift
	tick
	(cd "$R" && "$@") >"$TMP/out.hooked" 2>&1
	local rs=$?
	(cd "$N" && "$@") >"$TMP/out.plain" 2>&1
	local ns=$?
	cp "$TMP/out.hooked" "$LAST_OUT"
	expect_eq "$name: exit status as without the hooks" "$rs" "$ns"
	expect_eq "$name: the same commit as without the hooks" \
		"$(git -C "$R" rev-parse HEAD)" "$(git -C "$N" rev-parse HEAD)"
}
seen() { cat "$SEEN.hooked"; }

# ---------------------------------------------------------- the editor, no source
TYPED='feat: add the pool' both "an editor, no message given" git commit -q --allow-empty
expect_ok "the editor saw flowgate's header line" \
	grep -qx "# flowgate: the header is 'type(scope)!: subject', at most 72 characters" "$SEEN.hooked"
expect_ok "and the types" grep -q '^#   types: feat fix docs style refactor perf test build ci chore revert$' "$SEEN.hooked"
expect_ok "above git's own template" \
	bash -c "grep -n '' '$SEEN.hooked' | grep -A40 'flowgate: the header' | grep -q 'Please enter the commit message'"
expect_no_output "no version line: the version files did not change" 'staged version files'
expect_eq "the plain clone's editor saw no guidance" "$(grep -c flowgate "$SEEN.plain")" 0
expect_eq "the stored message is the one typed" "$(git -C "$R" log -1 --format=%B)" "feat: add the pool"

# scopes from the configuration
printf '[rule "scopeEnum"]\n\tscopes = cli core\n' >"$R/.flowgate"
cp "$R/.flowgate" "$N/.flowgate"
git -C "$R" add .flowgate && git -C "$N" add .flowgate
TYPED='chore(core): configure the scopes' both "the staged .flowgate's scopes" git commit -q
expect_ok "the scopes of the staged .flowgate" grep -qx '#   scopes (or none): cli core' "$SEEN.hooked"

# ------------------------------------------------------------- core.commentChar
git -C "$R" config core.commentChar ';'
git -C "$N" config core.commentChar ';'
TYPED='docs: the comment character' both "core.commentChar = ;" git commit -q --allow-empty
expect_ok "core.commentChar = ;: the lines start with ;" \
	grep -qx "; flowgate: the header is 'type(scope)!: subject', at most 72 characters" "$SEEN.hooked"
expect_eq "core.commentChar = ;: no line starts with #" "$(grep -c '^#' "$SEEN.hooked")" 0

# auto: git picks ';' when the template's lines start with '#'
git -C "$R" config core.commentChar auto
git -C "$N" config core.commentChar auto
printf '#1 is the issue this fixes\n' >"$TMP/template"
git -C "$R" config commit.template "$TMP/template"
git -C "$N" config commit.template "$TMP/template"
TYPED='fix: the template' both "core.commentChar = auto, commit.template" git commit -q --allow-empty
expect_ok "auto: git chose ; (a line of the template starts with #)" \
	grep -q '^; Please enter the commit message' "$SEEN.hooked"
expect_ok "auto: flowgate's lines in the same character" \
	grep -qx "; flowgate: the header is 'type(scope)!: subject', at most 72 characters" "$SEEN.hooked"
expect_ok "auto: the template's text is kept" grep -qx '#1 is the issue this fixes' "$SEEN.hooked"
expect_eq "auto: the stored message keeps the template's line" \
	"$(git -C "$R" log -1 --format=%B)" "$(printf 'fix: the template\n#1 is the issue this fixes')"
git -C "$R" config --unset commit.template && git -C "$N" config --unset commit.template
git -C "$R" config --unset core.commentChar && git -C "$N" config --unset core.commentChar

# ------------------------------------------------- a hotfix branch, a staged version
for d in "$R" "$N"; do git -C "$d" checkout -q -b release/0.17.x; done
for d in "$R" "$N"; do (cd "$d" && set_version 0.17.0-rc1); done
TYPED='chore: bump version to 0.17.0-rc1' both "a staged version change" git commit -q
expect_ok "the version the header must name" \
	grep -qx '#   the staged version files change 0.17.0-dev -> 0.17.0-rc1:' "$SEEN.hooked"
expect_ok "with an example header" \
	grep -qx "#   name it in the header, e.g. 'chore: bump version to 0.17.0-rc1'" "$SEEN.hooked"
for d in "$R" "$N"; do git -C "$d" checkout -q -b hotfix/pool-leak; done
TYPED='fix: close the pool on error' both "on a hotfix branch" git commit -q --allow-empty
expect_ok "on hotfix/pool-leak: fix or hotfix" \
	grep -qx '#   on hotfix/pool-leak: type fix or hotfix (a hotfix branch holds fixes only)' "$SEEN.hooked"
expect_ok "on hotfix/pool-leak: an example" grep -qx "#   e.g. 'fix: close the pool on error'" "$SEEN.hooked"
for d in "$R" "$N"; do (cd "$d" && set_version 0.17.0-rc2); done
TYPED='fix: bump version to 0.17.0-rc2' both "a hotfix branch and a staged version" git commit -q
expect_ok "both: the example takes the branch's type" \
	grep -qx "#   name it in the header, e.g. 'fix: bump version to 0.17.0-rc2'" "$SEEN.hooked"

# --------------------------------------------------------------- the cleanup modes
git -C "$R" config commit.cleanup whitespace && git -C "$N" config commit.cleanup whitespace
TYPED='fix: kept comments' both "commit.cleanup = whitespace" git commit -q --allow-empty
expect_eq "whitespace: no guidance (git would keep it)" "$(grep -c flowgate "$SEEN.hooked")" 0
expect_ok "whitespace: git's 'will be kept' template" grep -q "will be kept" "$SEEN.hooked"
git -C "$R" config commit.cleanup scissors && git -C "$N" config commit.cleanup scissors
TYPED='fix: cut below' both "commit.cleanup = scissors" git commit -q --allow-empty
expect_ok "scissors: the guidance is below the scissors line" \
	bash -c "sed -n '/>8/,\$p' '$SEEN.hooked' | grep -q 'flowgate: the header'"
expect_eq "scissors: nothing of it above" "$(sed -n '/>8/q;p' "$SEEN.hooked" | grep -c flowgate)" 0
git -C "$R" config commit.cleanup verbatim && git -C "$N" config commit.cleanup verbatim
TYPED='fix: verbatim' both "commit.cleanup = verbatim" git commit -q --allow-empty
expect_eq "verbatim: no guidance" "$(grep -c flowgate "$SEEN.hooked")" 0
git -C "$R" config --unset commit.cleanup && git -C "$N" config --unset commit.cleanup
TYPED='fix: verbose' both "git commit -v" git commit -q -v --allow-empty
expect_ok "-v: the guidance above the diff's scissors line" \
	bash -c "sed -n '/>8/q;p' '$SEEN.hooked' | grep -q 'flowgate: the header'"
TYPED='' both "an empty message: git aborts, as without the hooks" git commit -q --allow-empty
expect_output "an empty message: git's own words" "Aborting commit due to empty commit message"

# ------------------------------------------------------ messages given: untouched
for d in "$R" "$N"; do git -C "$d" checkout -q release/0.17.x; done
rm -f "$SEEN".*
both "-m" git commit -q --allow-empty -m 'fix: given with -m' -m '# not a comment here'
expect_eq "-m: the message, its '#' line too" "$(git -C "$R" log -1 --format=%B)" \
	"$(printf 'fix: given with -m\n\n# not a comment here')"
expect_ok "-m: no editor ran" test ! -e "$SEEN.hooked"
printf 'fix: given with -F   \n\n# a hash line, kept\n\n\n  indented  \n' >"$TMP/msg"
both "-F" git commit -q --allow-empty -F "$TMP/msg"
both "-F with an editor (-e)" git commit -q --allow-empty -e -F "$TMP/msg"
expect_eq "-F -e: the editor saw no guidance" "$(grep -c flowgate "$SEEN.hooked")" 0
both "-C" git commit -q --allow-empty -C HEAD~2
TYPED='' both "--amend, an editor" git commit -q --amend --allow-empty
expect_eq "--amend: the editor saw no guidance" "$(grep -c flowgate "$SEEN.hooked")" 0
both "--amend --no-edit" git commit -q --amend --no-edit --allow-empty
both "--fixup" git commit -q --allow-empty --fixup HEAD~1

# merges and squashes
for d in "$R" "$N"; do
	git -C "$d" checkout -q -b feature/pool release/0.17.x~3
	printf 'pool\n' >"$d/pool.txt" && git -C "$d" add pool.txt
done
both "a commit on feature/pool" git commit -q -m 'feat: the pool file'
for d in "$R" "$N"; do git -C "$d" checkout -q release/0.17.x; done
rm -f "$SEEN".*
both "git merge --no-ff (git's message)" git merge -q --no-ff feature/pool
expect_ok "git merge: no editor ran" test ! -e "$SEEN.hooked"
for d in "$R" "$N"; do git -C "$d" reset -q --hard HEAD~1; done
TYPED='' both "git merge --no-ff -e (an editor on git's message)" git merge -q --no-ff -e feature/pool
expect_eq "merge -e: the editor saw no guidance" "$(grep -c flowgate "$SEEN.hooked")" 0
for d in "$R" "$N"; do git -C "$d" reset -q --hard HEAD~1; done
for d in "$R" "$N"; do git -C "$d" merge -q --squash feature/pool >/dev/null 2>&1; done
TYPED='' both "git merge --squash, then git commit (an editor)" git commit -q
expect_eq "squash: the editor saw no guidance" "$(grep -c flowgate "$SEEN.hooked")" 0

# ----------------------------------------------------------- the hook itself
printf 'x\n' >"$TMP/direct"
cp "$TMP/direct" "$TMP/direct.before"
(cd "$R" && GIT_EDITOR=: .git/hooks/prepare-commit-msg "$TMP/direct") >"$LAST_OUT" 2>&1
expect_eq "GIT_EDITOR=: (git launches no editor): exit 0" "$?" 0
expect_ok "GIT_EDITOR=:: the file is untouched" cmp "$TMP/direct" "$TMP/direct.before"
for source in message merge squash commit; do
	(cd "$R" && .git/hooks/prepare-commit-msg "$TMP/direct" "$source" HEAD) >"$LAST_OUT" 2>&1
	expect_ok "source $source: the file is untouched" cmp "$TMP/direct" "$TMP/direct.before"
done
(cd "$R" && .git/hooks/prepare-commit-msg "$TMP/direct" "" "") >"$LAST_OUT" 2>&1
expect_ok "empty arguments (a hook manager's) are no source: guidance added" \
	grep -q 'flowgate: the header' "$TMP/direct"
(cd "$R" && .git/hooks/prepare-commit-msg) >"$LAST_OUT" 2>&1
expect_eq "no argument: exit 0 all the same" "$?" 0
expect_output "no argument: the usage" 'usage: prepare-commit-msg <message-file>'
expect_eq "flowgate hook prepare-commit-msg: the same" \
	"$(cd "$R" && "$FLOWGATE_BUILD/flowgate" hook prepare-commit-msg "$TMP/direct.before" message; echo $?)" 0
printf '[rule "typeEnum"]\n\tseverity = wrong\n' >"$R/.flowgate" && git -C "$R" add .flowgate
cp "$TMP/direct.before" "$TMP/direct"
(cd "$R" && .git/hooks/prepare-commit-msg "$TMP/direct") >"$LAST_OUT" 2>&1
expect_eq "a bad staged .flowgate: exit 0, nothing said (commit-msg says it)" "$?:$(cat "$LAST_OUT")" "0:"
expect_ok "a bad staged .flowgate: the file is untouched" cmp "$TMP/direct" "$TMP/direct.before"
git -C "$R" reset -q .flowgate && git -C "$R" checkout -q .flowgate

# flowgate gone: the line, then the commit goes on (--no-verify still commits)
C=$TMP/gone
new_repo "$C"
launcher_for /nonexistent/flowgate/prepare-commit-msg "$C/.git/hooks/prepare-commit-msg"
chmod 755 "$C/.git/hooks/prepare-commit-msg"
expect_ok "flowgate gone: git commit --no-verify -m commits" \
	git -C "$C" commit -q --no-verify --allow-empty -m 'chore: while flowgate is away'
expect_output "flowgate gone: prepare-commit-msg says so" \
	'^flowgate: cannot run /nonexistent/flowgate/prepare-commit-msg: No such file or directory'
