# End-to-end tests of install.sh: real git repositories (plain, bare, linked
# worktree, submodule, core.hooksPath, paths with spaces), pre-existing hooks
# kept as <name>.pre-flowgate, uninstall, exit statuses, the build-dependency
# check, and the chaining of the kept hooks by the real hook binaries. Each
# hook placed is the launcher (hooks/launch.c) pointing at the hook binary.
. "$(dirname "$0")/lib.sh"

HOOKS="pre-commit commit-msg pre-push post-merge post-commit prepare-commit-msg applypatch-msg pre-applypatch"
INSTALL=$TOP/install.sh
ZERO=0000000000000000000000000000000000000000

# exists PATH: PATH is there (a dangling symbolic link counts).
exists() { [ -e "$1" ] || [ -L "$1" ]; }

# in_dir DIR CMD...: run CMD from DIR.
in_dir() {
	(cd "$1" && shift && "$@")
}

# hooks_installed DIR [BIN]: the four hooks in DIR are executable regular
# files, each the build's launcher pointing at BIN/<hook> (default: the
# build's hook binaries).
hooks_installed() {
	for h in $HOOKS; do
		is_launcher "$1/$h" "${2:-$FLOWGATE_BUILD/hooks}/$h" || return 1
	done
}

# no_hooks DIR: none of the four hooks (nor a .pre-flowgate) is in DIR.
no_hooks() {
	for h in $HOOKS; do
		if exists "$1/$h" || exists "$1/$h.pre-flowgate"; then
			echo "found $1/$h or $1/$h.pre-flowgate"
			return 1
		fi
	done
}

# snapshot DIR: names, types, modes, inodes, link targets and contents of
# everything in DIR (to tell "nothing changed" exactly).
snapshot() {
	(cd "$1" && find . -mindepth 1 -printf '%p %y %m %i %l\n' | LC_ALL=C sort &&
		find . -type f -exec sha256sum {} + | LC_ALL=C sort)
}

# same_snapshot FILE DIR: DIR is exactly as recorded in FILE.
same_snapshot() {
	snapshot "$2" | diff -- "$1" -
}

# foreign_hook FILE LOG STATUS: a hook flowgate did not install, which logs
# its name, arguments and stdin to LOG and exits STATUS.
foreign_hook() {
	cat >"$1" <<EOF
#!/bin/sh
# a hook written by the user
printf 'marker %s args:%s\n' "\$(basename "\$0")" "\$*" >>'$2'
exit $3
EOF
	chmod 755 "$1"
}

# ------------------------------------------------------------ no binaries
expect_status "--help exits 0" 0 "$INSTALL" --help
expect_output "--help documents --uninstall" '--uninstall'
expect_output "--help documents exit status 3" '^ *3 .*not a git repository'
expect_status "-h exits 0" 0 "$INSTALL" -h
expect_status "unknown option exits 2" 2 "$INSTALL" --bogus
expect_output "unknown option is reported" '^install.sh: error: unknown option: --bogus'
expect_status "two repositories exit 2" 2 "$INSTALL" "$TMP" "$TMP"

mkdir -p "$TMP/not a repo"
export GIT_CEILING_DIRECTORIES=$TMP
expect_status "not a repository (argument) exits 3" 3 "$INSTALL" "$TMP/not a repo"
expect_output "not a repository is reported" '^install.sh: error: not a git repository'
expect_status "not a repository (cwd) exits 3" 3 in_dir "$TMP/not a repo" "$INSTALL"
expect_status "missing directory exits 3" 3 "$INSTALL" "$TMP/no such dir"
expect_status "uninstall in a non-repository exits 3" 3 "$INSTALL" --uninstall "$TMP/not a repo"
unset GIT_CEILING_DIRECTORIES

# The build-dependency check, with install.sh copied away from the tree (so
# nothing can build it) and a PATH with only the tools it is allowed to see.
SRC="$TMP/src dir"
mkdir -p "$SRC/build/hooks"
cp -- "$INSTALL" "$SRC/install.sh"
FAKEBIN=$TMP/fakebin
mkdir -p "$FAKEBIN"
for tool in bash git dirname grep cmp cp mv rm chmod mkdir mktemp cat sed cc; do
	if p=$(command -v "$tool"); then ln -sf "$p" "$FAKEBIN/$tool"; fi
done
printf '#!/bin/sh\nexit 0\n' >"$FAKEBIN/make"
printf '#!/bin/sh\necho 1000\n' >"$FAKEBIN/id"
chmod 755 "$FAKEBIN/make" "$FAKEBIN/id"
new_repo "$TMP/deps"
expect_status "missing build deps, not root: exit 2" 2 \
	env -u FLOWGATE_BUILD PATH="$FAKEBIN" "$SRC/install.sh" "$TMP/deps"
expect_output "missing build deps: the apt-get line is printed" \
	'apt-get install .*pkg-config.*libgit2-dev.*libpcre2-dev.*check'
expect_ok "missing build deps: nothing installed" no_hooks "$TMP/deps/.git/hooks"

# As root with apt-get: apt-get is run (here a fake one that installs nothing).
FAKEROOT=$TMP/fakeroot
cp -a "$FAKEBIN" "$FAKEROOT"
printf '#!/bin/sh\necho 0\n' >"$FAKEROOT/id"
cat >"$FAKEROOT/apt-get" <<EOF
#!/bin/sh
echo "DEBIAN_FRONTEND=\${DEBIAN_FRONTEND:-} \$*" >>'$TMP/apt.log'
exit 0
EOF
chmod 755 "$FAKEROOT/apt-get" "$FAKEROOT/id"
expect_status "missing build deps, root: still missing after apt-get, exit 2" 2 \
	env -u FLOWGATE_BUILD PATH="$FAKEROOT" "$SRC/install.sh" "$TMP/deps"
expect_ok "root: apt-get update is run" grep -qx 'DEBIAN_FRONTEND=.* update' "$TMP/apt.log"
expect_ok "root: apt-get install -y the missing packages" grep -q \
	'^DEBIAN_FRONTEND=noninteractive install -y .*pkg-config.*libgit2-dev.*libpcre2-dev.*check' \
	"$TMP/apt.log"

# ---------------------------------------------------------- the binaries
for h in $HOOKS; do
	if [ ! -x "$FLOWGATE_BUILD/hooks/$h" ]; then
		: >"$LAST_OUT"
		not_ok "hook binary $FLOWGATE_BUILD/hooks/$h is built (run make)"
		exit 1
	fi
done

# Without FLOWGATE_BUILD: make -C <dir of install.sh>, then its build/hooks.
for h in $HOOKS launch; do cp -- "$FLOWGATE_BUILD/hooks/$h" "$SRC/build/hooks/$h"; done
MAKEBIN=$TMP/makebin
mkdir -p "$MAKEBIN"
cat >"$MAKEBIN/make" <<EOF
#!/bin/sh
printf '%s\n' "\$@" >>'$TMP/make.log'
EOF
printf '#!/bin/sh\nexit 0\n' >"$MAKEBIN/pkg-config"
chmod 755 "$MAKEBIN/make" "$MAKEBIN/pkg-config"
new_repo "$TMP/built"
expect_status "without FLOWGATE_BUILD: exit 0" 0 \
	env -u FLOWGATE_BUILD PATH="$MAKEBIN:$PATH" "$SRC/install.sh" "$TMP/built"
expect_output "without FLOWGATE_BUILD: the path the hooks run is printed" \
	"^flowgate: the hooks run $SRC/build/hooks/<hook> \\(this checkout's build"
expect_ok "without FLOWGATE_BUILD: make -C the script's directory" \
	diff "$TMP/make.log" - <<EOF
-C
$SRC
EOF
expect_ok "without FLOWGATE_BUILD: hooks run build/hooks" hooks_installed "$TMP/built/.git/hooks" \
	"$SRC/build/hooks"
rm -f "$TMP/make.log"
expect_status "with FLOWGATE_BUILD: exit 0" 0 \
	env PATH="$MAKEBIN:$PATH" "$SRC/install.sh" "$TMP/built"
expect_output "with FLOWGATE_BUILD: the path the hooks run is printed" \
	"^flowgate: the hooks run $FLOWGATE_BUILD/hooks/<hook> "
expect_fail "with FLOWGATE_BUILD: make is not run" test -e "$TMP/make.log"
expect_ok "with FLOWGATE_BUILD: the hooks run FLOWGATE_BUILD/hooks" hooks_installed "$TMP/built/.git/hooks"

new_repo "$TMP/nobin"
expect_status "missing hook binaries: exit 1" 1 \
	env FLOWGATE_BUILD="$TMP/nowhere" "$INSTALL" "$TMP/nobin"
expect_output "missing hook binaries are reported" '^install.sh: error: missing hook binary'
expect_ok "missing hook binaries: nothing installed" no_hooks "$TMP/nobin/.git/hooks"

# ------------------------------------------------------- fresh install
R=$TMP/fresh
new_repo "$R"
snapshot "$R/.git/hooks" >"$TMP/fresh.before"
expect_ok "fresh install exits 0" install_flowgate "$R"
expect_output "fresh install reports pre-commit" '^pre-commit: installed$'
expect_output "fresh install reports post-merge" '^post-merge: installed$'
expect_output "fresh install reports post-commit" '^post-commit: installed$'
expect_output "fresh install reports applypatch-msg" '^applypatch-msg: installed$'
expect_output "fresh install reports pre-applypatch" '^pre-applypatch: installed$'
expect_ok "fresh install: 8 launchers, each running its hook binary" hooks_installed "$R/.git/hooks"
expect_eq "fresh install: the clone's hooks hold $((8 * $(wc -c <"$FLOWGATE_BUILD/hooks/launch"))) bytes" \
	"$(cat "$R/.git/hooks/"{pre-commit,commit-msg,pre-push,post-merge,post-commit,prepare-commit-msg,applypatch-msg,pre-applypatch} | wc -c)" \
	"$((8 * $(wc -c <"$FLOWGATE_BUILD/hooks/launch")))"
expect_fail "fresh install: no .pre-flowgate" ls "$R/.git/hooks/"*.pre-flowgate
expect_fail "fresh install: no temporary file left" ls "$R/.git/hooks/".*flowgate*
snapshot "$R/.git/hooks" >"$TMP/fresh.after"
expect_ok "re-run exits 0" install_flowgate "$R"
expect_ok "re-run changes nothing" same_snapshot "$TMP/fresh.after" "$R/.git/hooks"
expect_ok "install by argument from elsewhere exits 0" in_dir "$TMP" "$INSTALL" "$R"
expect_ok "install by argument changes nothing" same_snapshot "$TMP/fresh.after" "$R/.git/hooks"
mkdir -p "$R/sub dir"
expect_ok "install from a subdirectory exits 0" in_dir "$R/sub dir" "$INSTALL"
expect_ok "install from a subdirectory changes nothing" same_snapshot "$TMP/fresh.after" "$R/.git/hooks"

# An older flowgate hook is replaced.
printf '#!/bin/sh\n# @(#)flowgate-hook old\n' >"$R/.git/hooks/pre-push"
expect_ok "an old flowgate hook: exit 0" install_flowgate "$R"
expect_ok "an old flowgate hook is replaced" hooks_installed "$R/.git/hooks"
expect_fail "an old flowgate hook is not kept" test -e "$R/.git/hooks/pre-push.pre-flowgate"
# install.sh used to copy the hook binaries (7 MB each): replaced by launchers.
cp -- "$FLOWGATE_BUILD/hooks/commit-msg" "$R/.git/hooks/commit-msg"
cp -- "$FLOWGATE_BUILD/hooks/post-merge" "$R/.git/hooks/post-merge"
expect_ok "over copies of the binaries: exit 0" install_flowgate "$R"
expect_output "over copies of the binaries: commit-msg installed" '^commit-msg: installed$'
expect_ok "over copies of the binaries: replaced by launchers" hooks_installed "$R/.git/hooks"
expect_fail "over copies of the binaries: none is kept" ls "$R/.git/hooks/"*.pre-flowgate
# A launcher pointing at another flowgate (one elsewhere) is replaced too.
launcher_for "$TMP/elsewhere/commit-msg" "$R/.git/hooks/commit-msg"
chmod 755 "$R/.git/hooks/commit-msg"
expect_ok "over a launcher of another flowgate: exit 0" install_flowgate "$R"
expect_output "over a launcher of another flowgate: commit-msg installed" '^commit-msg: installed$'
expect_output "over a launcher of another flowgate: pre-commit already installed" \
	'^pre-commit: already installed$'
expect_ok "over a launcher of another flowgate: it points at this one" hooks_installed "$R/.git/hooks"

expect_ok "uninstall exits 0" in_dir "$R" "$INSTALL" --uninstall
expect_output "uninstall reports removed" '^commit-msg: removed$'
expect_ok "uninstall restores the hooks dir exactly" same_snapshot "$TMP/fresh.before" "$R/.git/hooks"
expect_ok "uninstall twice exits 0" in_dir "$R" "$INSTALL" --uninstall
expect_ok "uninstall twice changes nothing" same_snapshot "$TMP/fresh.before" "$R/.git/hooks"

# ------------------------------------------------ a pre-existing hook
R=$TMP/foreign
new_repo "$R"
foreign_hook "$R/.git/hooks/pre-commit" "$TMP/foreign.log" 0
cp -p -- "$R/.git/hooks/pre-commit" "$TMP/foreign.orig"
snapshot "$R/.git/hooks" >"$TMP/foreign.before"
expect_ok "foreign pre-commit: install exits 0" install_flowgate "$R"
expect_output "foreign pre-commit: kept is reported" \
	'^pre-commit: .*kept existing hook as pre-commit\.pre-flowgate'
expect_ok "foreign pre-commit: ours installed" hooks_installed "$R/.git/hooks"
expect_ok "foreign pre-commit: kept unchanged as .pre-flowgate" \
	cmp -- "$TMP/foreign.orig" "$R/.git/hooks/pre-commit.pre-flowgate"
expect_ok "foreign pre-commit: .pre-flowgate still executable" test -x "$R/.git/hooks/pre-commit.pre-flowgate"
snapshot "$R/.git/hooks" >"$TMP/foreign.after"
expect_ok "foreign pre-commit: re-run exits 0" install_flowgate "$R"
expect_ok "foreign pre-commit: re-run changes nothing" same_snapshot "$TMP/foreign.after" "$R/.git/hooks"
expect_ok "foreign pre-commit: uninstall exits 0" in_dir "$R" "$INSTALL" --uninstall
expect_output "foreign pre-commit: restored is reported" '^pre-commit: .*restored'
expect_ok "foreign pre-commit: restored byte-identical" cmp -- "$TMP/foreign.orig" "$R/.git/hooks/pre-commit"
expect_ok "foreign pre-commit: restored executable" test -x "$R/.git/hooks/pre-commit"
expect_ok "foreign pre-commit: hooks dir exactly as before" same_snapshot "$TMP/foreign.before" "$R/.git/hooks"

# Uninstall never removes a hook it did not install.
foreign_hook "$R/.git/hooks/pre-push" "$TMP/foreign.log" 0
snapshot "$R/.git/hooks" >"$TMP/foreign2.before"
expect_ok "uninstall without flowgate exits 0" "$INSTALL" --uninstall "$R"
expect_ok "uninstall without flowgate: foreign hooks left alone" \
	same_snapshot "$TMP/foreign2.before" "$R/.git/hooks"

# A symbolic link is judged by what it points to and kept as a link.
R=$TMP/symlink
new_repo "$R"
foreign_hook "$TMP/shared hook" "$TMP/foreign.log" 0
ln -s "$TMP/shared hook" "$R/.git/hooks/commit-msg"
ln -s "$FLOWGATE_BUILD/hooks/pre-push" "$R/.git/hooks/pre-push"
snapshot "$R/.git/hooks" >"$TMP/symlink.before"
expect_ok "symlinks: install exits 0" install_flowgate "$R"
expect_ok "symlinks: ours installed as files" hooks_installed "$R/.git/hooks"
expect_ok "symlinks: foreign link kept as a link" test -L "$R/.git/hooks/commit-msg.pre-flowgate"
expect_fail "symlinks: link to a flowgate hook replaced, not kept" \
	test -e "$R/.git/hooks/pre-push.pre-flowgate"
expect_ok "symlinks: uninstall exits 0" "$INSTALL" --uninstall "$R"
expect_ok "symlinks: foreign link restored" test -L "$R/.git/hooks/commit-msg"
expect_ok "symlinks: its target untouched" test -x "$TMP/shared hook"

# ------------------------------------------------------------- refusal
R=$TMP/refuse
new_repo "$R"
foreign_hook "$R/.git/hooks/pre-commit" "$TMP/refuse.log" 0
foreign_hook "$R/.git/hooks/pre-commit.pre-flowgate" "$TMP/refuse.log" 1
cp -- "$R/.git/hooks/pre-commit" "$TMP/refuse.hook"
cp -- "$R/.git/hooks/pre-commit.pre-flowgate" "$TMP/refuse.saved"
"$INSTALL" "$R" >"$TMP/refuse.out" 2>"$TMP/refuse.err"
expect_ok "refusal: exit 1" test $? -eq 1
cp -- "$TMP/refuse.err" "$LAST_OUT"
expect_output "refusal: one error line naming pre-commit on stderr" \
	'^install.sh: error: pre-commit: .*pre-flowgate'
expect_ok "refusal: the hook is unchanged" cmp -- "$TMP/refuse.hook" "$R/.git/hooks/pre-commit"
expect_ok "refusal: the .pre-flowgate is unchanged" \
	cmp -- "$TMP/refuse.saved" "$R/.git/hooks/pre-commit.pre-flowgate"
expect_ok "refusal: the other hooks are installed" \
	is_launcher "$R/.git/hooks/commit-msg" "$FLOWGATE_BUILD/hooks/commit-msg"
expect_status "refusal: uninstall of a foreign hook with .pre-flowgate exits 1" 1 \
	"$INSTALL" --uninstall "$R"
expect_output "refusal: uninstall says why" '^install.sh: error: pre-commit: .*not a flowgate hook'

expect_ok "refusal: uninstall leaves the foreign hook" cmp -- "$TMP/refuse.hook" "$R/.git/hooks/pre-commit"
expect_ok "refusal: uninstall leaves the .pre-flowgate" \
	cmp -- "$TMP/refuse.saved" "$R/.git/hooks/pre-commit.pre-flowgate"
expect_fail "refusal: uninstall removes the other hooks" test -e "$R/.git/hooks/commit-msg"

# ---------------------------------------------- where the hooks go
R=$TMP/hookspath
new_repo "$R"
git -C "$R" config core.hooksPath "my hooks"
mkdir -p "$R/deep/er"
expect_ok "relative core.hooksPath: install from a subdirectory exits 0" in_dir "$R/deep/er" "$INSTALL"
expect_ok "relative core.hooksPath: hooks in <top>/my hooks" hooks_installed "$R/my hooks"
expect_ok "relative core.hooksPath: none in .git/hooks" no_hooks "$R/.git/hooks"
expect_ok "relative core.hooksPath: uninstall" "$INSTALL" --uninstall "$R"
expect_ok "relative core.hooksPath: uninstall removes them" no_hooks "$R/my hooks"

git -C "$R" config core.hooksPath "$TMP/global hooks"
expect_ok "absolute core.hooksPath: install exits 0" install_flowgate "$R"
expect_ok "absolute core.hooksPath: hooks there (dir created)" hooks_installed "$TMP/global hooks"
expect_ok "absolute core.hooksPath: none in .git/hooks" no_hooks "$R/.git/hooks"

R=$TMP/main
new_repo "$R"
commit_file "$R" README "hello" "docs: add readme"
git -C "$R" worktree add -q "$TMP/linked wt" -b feature/wt
expect_ok "linked worktree: install exits 0" install_flowgate "$TMP/linked wt"
expect_ok "linked worktree: hooks in the common hooks dir" hooks_installed "$R/.git/hooks"
expect_fail "linked worktree: none in the worktree's git dir" \
	test -e "$R/.git/worktrees/linked wt/hooks"
expect_ok "linked worktree: uninstall" "$INSTALL" --uninstall "$TMP/linked wt"
expect_ok "linked worktree: uninstall removes them" no_hooks "$R/.git/hooks"

git -C "$R" -c protocol.file.allow=always submodule --quiet add "$TMP/main" "sub mod" >/dev/null 2>&1
expect_ok "submodule: install exits 0" install_flowgate "$R/sub mod"
expect_ok "submodule: hooks in .git/modules/<name>/hooks" hooks_installed "$R/.git/modules/sub mod/hooks"
expect_ok "submodule: none in the superproject" no_hooks "$R/.git/hooks"

R=$TMP/bare.git
new_origin "$R"
expect_ok "bare: install exits 0" in_dir "$TMP" "$INSTALL" "$R"
expect_ok "bare: hooks in REPO/hooks" hooks_installed "$R/hooks"
expect_ok "bare: install from inside exits 0" in_dir "$R/refs" "$INSTALL"
expect_ok "bare: uninstall" "$INSTALL" --uninstall "$R"
expect_ok "bare: uninstall removes them" no_hooks "$R/hooks"

R="$TMP/with space/my repo"
mkdir -p "$TMP/with space"
new_repo "$R"
foreign_hook "$R/.git/hooks/post-merge" "$TMP/space.log" 0
cp -- "$R/.git/hooks/post-merge" "$TMP/space.orig"
snapshot "$R/.git/hooks" >"$TMP/space.before"
expect_ok "spaces: install exits 0" install_flowgate "$R"
expect_ok "spaces: hooks installed" hooks_installed "$R/.git/hooks"
expect_ok "spaces: foreign hook kept" cmp -- "$TMP/space.orig" "$R/.git/hooks/post-merge.pre-flowgate"
expect_ok "spaces: uninstall exits 0" "$INSTALL" --uninstall "$R"
expect_ok "spaces: restored exactly" same_snapshot "$TMP/space.before" "$R/.git/hooks"

# --------------------------------------- chaining by the real binaries
R=$TMP/chain
LOG=$TMP/chain.log
new_repo "$R"
foreign_hook "$R/.git/hooks/pre-commit" "$LOG" 0
foreign_hook "$R/.git/hooks/commit-msg" "$LOG" 0
expect_ok "chain: install exits 0" install_flowgate "$R"
expect_ok "chain: a good commit succeeds" commit_file "$R" a.txt x "feat: add x"
expect_ok "chain: the kept pre-commit ran (no arguments)" grep -qx 'marker pre-commit.pre-flowgate args:' "$LOG"
expect_ok "chain: the kept commit-msg ran with the message file" \
	grep -Eqx 'marker commit-msg.pre-flowgate args:.*COMMIT_EDITMSG' "$LOG"
: >"$LOG"
expect_fail "chain: a bad message fails (flowgate's commit-msg)" commit_file "$R" b.txt y "add y"
expect_output "chain: flowgate names the rule" 'flowgate commit-msg: error: (headerFormat|typeEnum)'
expect_fail "chain: the kept commit-msg does not run after a violation" \
	grep -q 'marker commit-msg' "$LOG"
head_before=$(git -C "$R" rev-parse HEAD)
foreign_hook "$R/.git/hooks/pre-commit.pre-flowgate" "$LOG" 1
expect_fail "chain: the kept pre-commit exiting 1 fails the commit" commit_file "$R" c.txt z "feat: add z"
expect_ok "chain: the failing kept pre-commit ran" grep -q 'marker pre-commit.pre-flowgate' "$LOG"
expect_ok "chain: no commit was made" test "$(git -C "$R" rev-parse HEAD)" = "$head_before"
git -C "$R" reset -q --hard
rm -f "$R/.git/hooks/pre-commit.pre-flowgate"

# pre-push: the kept hook gets the same arguments and stdin lines.
ORIGIN="$TMP/origin repo.git"
new_origin "$ORIGIN"
git -C "$R" remote add origin "$ORIGIN"
cat >"$R/.git/hooks/pre-push" <<EOF
#!/bin/sh
printf '%s\n' "\$@" >'$TMP/push.args'
cat >'$TMP/push.stdin'
exit 0
EOF
chmod 755 "$R/.git/hooks/pre-push"
expect_ok "chain: re-install keeps the new pre-push" install_flowgate "$R"
expect_ok "chain: pre-push kept" test -x "$R/.git/hooks/pre-push.pre-flowgate"
expect_ok "chain: git push origin main succeeds" git -C "$R" push -q origin main
expect_ok "chain: the kept pre-push got the remote name and url" diff "$TMP/push.args" - <<EOF
origin
$ORIGIN
EOF
expect_ok "chain: the kept pre-push got the same stdin line" diff "$TMP/push.stdin" - <<EOF
refs/heads/main $(git -C "$R" rev-parse main) refs/heads/main $ZERO
EOF
commit_file "$R" d.txt w "feat: add w"
old=$(git -C "$R" rev-parse origin/main)
git -C "$R" branch -q feature/two
expect_ok "chain: pushing two refs succeeds" git -C "$R" push -q origin main feature/two
expect_ok "chain: the kept pre-push got both lines" diff "$TMP/push.stdin" - <<EOF
refs/heads/main $(git -C "$R" rev-parse main) refs/heads/main $old
refs/heads/feature/two $(git -C "$R" rev-parse feature/two) refs/heads/feature/two $ZERO
EOF
printf '#!/bin/sh\ncat >/dev/null\nexit 1\n' >"$R/.git/hooks/pre-push.pre-flowgate"
commit_file "$R" e.txt v "feat: add v"
expect_fail "chain: the kept pre-push exiting 1 fails the push" git -C "$R" push -q origin main
expect_ok "chain: the remote did not move" \
	test "$(git -C "$ORIGIN" rev-parse main)" = "$(git -C "$R" rev-parse main~1)"

# post-merge: the kept hook gets git's argument (0: not a squash merge).
foreign_hook "$R/.git/hooks/post-merge" "$LOG" 0
expect_ok "chain: re-install keeps post-merge" install_flowgate "$R"
: >"$LOG"
git -C "$R" checkout -q -b feature/merge
commit_file "$R" f.txt u "feat: add u"
git -C "$R" checkout -q main
expect_ok "chain: a fast-forward merge succeeds" git -C "$R" merge -q feature/merge
expect_ok "chain: the kept post-merge ran with 0" grep -qx 'marker post-merge.pre-flowgate args:0' "$LOG"

# Chaining where git runs the hook by a relative path (core.hooksPath) or
# from a linked worktree.
R=$TMP/chain-path
LOG=$TMP/chain-path.log
new_repo "$R"
git -C "$R" config core.hooksPath "my hooks"
mkdir -p "$R/my hooks" "$R/sub dir"
foreign_hook "$R/my hooks/pre-commit" "$LOG" 0
expect_ok "chain, relative core.hooksPath: install exits 0" in_dir "$R/sub dir" "$INSTALL"
expect_ok "chain, relative core.hooksPath: commit from a subdirectory succeeds" \
	in_dir "$R/sub dir" commit_file . a.txt x "feat: add x"
expect_ok "chain, relative core.hooksPath: the kept pre-commit ran" \
	grep -q 'marker pre-commit.pre-flowgate' "$LOG"

R=$TMP/chain-wt
LOG=$TMP/chain-wt.log
new_repo "$R"
commit_file "$R" README "hello" "docs: add readme"
git -C "$R" worktree add -q "$TMP/chain wt" -b feature/chain
foreign_hook "$R/.git/hooks/pre-commit" "$LOG" 0
expect_ok "chain, linked worktree: install exits 0" install_flowgate "$TMP/chain wt"
expect_ok "chain, linked worktree: commit in the worktree succeeds" \
	commit_file "$TMP/chain wt" a.txt x "feat: add x"
expect_ok "chain, linked worktree: the kept pre-commit ran" \
	grep -q 'marker pre-commit.pre-flowgate' "$LOG"

# A flowgate hook kept as <hook>.pre-flowgate (and run as that) does not run
# itself again: no endless chain of processes.
R=$TMP/kept-self
new_repo "$R"
cp "$FLOWGATE_BUILD/hooks/commit-msg" "$R/.git/hooks/commit-msg.pre-flowgate"
printf 'feat: a message\n' >"$R/msg"
expect_ok "flowgate kept as its own .pre-flowgate: ends (no recursion)" \
	sh -c "cd '$R' && timeout 20 .git/hooks/commit-msg.pre-flowgate msg"
