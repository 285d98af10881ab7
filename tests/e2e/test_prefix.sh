# End-to-end tests of flowgate installed once per machine: make install
# (DESTDIR, PREFIX) and make uninstall; `flowgate install [REPO]`, `flowgate
# install --server BARE_REPO` and `flowgate uninstall [--server] [REPO]` run
# from the installed prefix with no source tree (the hooks then point into
# it) and from a checkout's build; upgrading the installed flowgate reaches
# every clone without enabling it again.
. "$(dirname "$0")/lib.sh"
only_once "make install into a temporary prefix"

HOOKS="pre-commit commit-msg pre-push post-merge post-commit prepare-commit-msg applypatch-msg pre-applypatch"
SERVER_HOOKS="pre-receive update"
VERSION=$(sed -n 's/^VERSION = //p' "$TOP/Makefile")

# in_dir DIR CMD...: run CMD from DIR.
in_dir() {
	(cd "$1" && shift && "$@")
}

# The Makefile's BUILD for FLOWGATE_BUILD: relative when inside the checkout,
# as make check passes it.
case $FLOWGATE_BUILD in
"$TOP"/*) BUILD=${FLOWGATE_BUILD#"$TOP"/} ;;
*) BUILD=$FLOWGATE_BUILD ;;
esac

# mk ARGS...: make in the checkout, alone (not a sub-make of make check).
mk() {
	env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make --no-print-directory -C "$TOP" BUILD="$BUILD" "$@"
}

# The tests never write into the checkout: make install must find it built.
if ! mk -q all >/dev/null 2>&1; then
	: >"$LAST_OUT"
	not_ok "the build in $FLOWGATE_BUILD is up to date (run make)"
	exit 1
fi

# ------------------------------------------------------------ make install
DEST=$TMP/dest
LIBEXEC=$DEST/usr/libexec/flowgate
FG=$DEST/usr/bin/flowgate
mkdir -p "$DEST/usr/bin"
echo "not flowgate's" >"$DEST/usr/bin/other-tool"
expect_ok "make install DESTDIR PREFIX=/usr exits 0" mk install DESTDIR="$DEST" PREFIX=/usr
expect_eq "make install: the command, the hooks, the launcher, install.sh, the manual, the completion" \
	"$(cd "$DEST" && find . -type f | LC_ALL=C sort | tr '\n' ' ')" \
	"./usr/bin/flowgate ./usr/bin/other-tool ./usr/libexec/flowgate/applypatch-msg ./usr/libexec/flowgate/commit-msg ./usr/libexec/flowgate/install.sh ./usr/libexec/flowgate/launch ./usr/libexec/flowgate/post-commit ./usr/libexec/flowgate/post-merge ./usr/libexec/flowgate/pre-applypatch ./usr/libexec/flowgate/pre-commit ./usr/libexec/flowgate/pre-push ./usr/libexec/flowgate/pre-receive ./usr/libexec/flowgate/prepare-commit-msg ./usr/libexec/flowgate/update ./usr/share/bash-completion/completions/flowgate ./usr/share/man/man1/flowgate.1 ./usr/share/man/man5/flowgate-config.5 ./usr/share/man/man7/flowgate-rules.7 "
for p in flowgate.1 flowgate-config.5 flowgate-rules.7; do
	expect_ok "make install: $p is the build's" \
		cmp -- "$FLOWGATE_BUILD/man/$p" "$DEST/usr/share/man/man${p##*.}/$p"
done
expect_ok "make install: the bash completion is contrib's" \
	cmp -- "$TOP/contrib/completion/flowgate.bash" "$DEST/usr/share/bash-completion/completions/flowgate"
for f in "$FG" "$LIBEXEC"/*; do
	if [ -x "$f" ]; then ok "make install: ${f#"$DEST"/} is executable"; else
		not_ok "make install: ${f#"$DEST"/} is executable"; fi
	case $f in */install.sh) continue ;; esac
	# install -s: no symbol table, no debug information
	if readelf -S -W "$f" 2>/dev/null | grep -Eq '\.symtab|\.debug_'; then
		not_ok "make install: ${f#"$DEST"/} is stripped"
	else ok "make install: ${f#"$DEST"/} is stripped"; fi
done
expect_ok "make install: install.sh is the checkout's" cmp -- "$TOP/install.sh" "$LIBEXEC/install.sh"
expect_eq "the installed flowgate --version" "$("$FG" --version)" "flowgate $VERSION"

# ----------------------------------- flowgate install, from the prefix only
# With FLOWGATE_BUILD still exported (lib.sh): the installed command uses
# the installed hooks, never a checkout's.
R=$TMP/clone
new_repo "$R"
expect_ok "flowgate install (installed, in a clone) exits 0" in_dir "$R" "$FG" install
expect_output "flowgate install: the hooks run the installed binaries" \
	"^flowgate: the hooks run $LIBEXEC/<hook>\$"
expect_output "flowgate install: commit-msg installed" '^commit-msg: installed$'
for h in $HOOKS; do
	expect_ok "flowgate install: $h is the installed launcher of $LIBEXEC/$h" \
		is_launcher "$R/.git/hooks/$h" "$LIBEXEC/$h" "$LIBEXEC/launch"
done
expect_eq "flowgate install: the clone's hooks hold 8 launchers, $((8 * $(wc -c <"$LIBEXEC/launch"))) bytes" \
	"$(cat "$R/.git/hooks/"{pre-commit,commit-msg,pre-push,post-merge,post-commit,prepare-commit-msg,applypatch-msg,pre-applypatch} | wc -c)" \
	"$((8 * $(wc -c <"$LIBEXEC/launch")))"
expect_eq "a clone's hook reports the installed version" "$("$R/.git/hooks/commit-msg" --version)" \
	"flowgate $VERSION"
expect_ok "through the installed hooks: a good commit" commit_file "$R" a.txt a "feat: add a"
expect_fail "through the installed hooks: a bad message is refused" commit_file "$R" b.txt b "add b"
expect_output "through the installed hooks: by commit-msg" '^flowgate commit-msg: error: headerFormat'
expect_ok "flowgate install again exits 0" in_dir "$R" "$FG" install .
expect_output "flowgate install again: already installed" '^pre-push: already installed$'

expect_status "flowgate install --help exits 0" 0 "$FG" install --help
expect_output "flowgate install --help is the command's help" '^usage: flowgate install \[<repo>\]'
expect_output "flowgate install --help names --server" 'flowgate install --server \[--with-update\] <bare-repo>'
expect_status "flowgate uninstall --help exits 0" 0 "$FG" uninstall --help
expect_output "flowgate uninstall --help is the command's help" '^usage: flowgate uninstall \[--server\] \[<repo>\]'
expect_status "flowgate install --bogus exits 2" 2 "$FG" install --bogus
expect_output "flowgate install --bogus: install.sh's usage error" '^install.sh: error: unknown option: --bogus'
expect_status "flowgate install A B exits 2" 2 "$FG" install "$R" "$R"
mkdir -p "$TMP/not a repo"
expect_status "flowgate install in no repository exits 3" 3 \
	env GIT_CEILING_DIRECTORIES="$TMP" "$FG" install "$TMP/not a repo"
expect_output "flowgate install in no repository: says so" '^install.sh: error: not a git repository'

# stdin, stdout and stderr pass through: nothing read, output as install.sh's
"$FG" install "$R" </dev/null >"$TMP/out" 2>"$TMP/err"
expect_eq "flowgate install: stdout is install.sh's" "$(head -n1 "$TMP/out")" \
	"flowgate: installing into $R/.git/hooks"
expect_eq "flowgate install: nothing on stderr" "$(cat "$TMP/err")" ""

S=$TMP/server.git
new_origin "$S"
expect_ok "flowgate install --server --with-update exits 0" "$FG" install --server --with-update "$S"
for h in $SERVER_HOOKS; do
	expect_ok "flowgate install --server --with-update: $h is the installed launcher" \
		is_launcher "$S/hooks/$h" "$LIBEXEC/$h" "$LIBEXEC/launch"
done
git -C "$R" remote add origin "$S"
git -C "$R" branch -q Bad_Name
expect_fail "through the installed server hooks: a bad branch is refused" \
	git -C "$R" push -q --no-verify origin Bad_Name
expect_output "through the installed server hooks: by pre-receive" \
	'remote: flowgate pre-receive: error: branchName'
expect_ok "through the installed server hooks: a good push" git -C "$R" push -q origin main
expect_ok "flowgate uninstall --server exits 0" "$FG" uninstall --server "$S"
expect_output "flowgate uninstall --server: update removed" '^update: removed$'
expect_eq "flowgate uninstall --server: no hook left" \
	"$(find "$S/hooks" -type f ! -name '*.sample' | wc -l)" 0

expect_ok "flowgate uninstall (in the clone) exits 0" in_dir "$R" "$FG" uninstall
expect_output "flowgate uninstall: commit-msg removed" '^commit-msg: removed$'
expect_eq "flowgate uninstall: no hook left" \
	"$(find "$R/.git/hooks" -type f ! -name '*.sample' | wc -l)" 0

# ---------------------------------------------------------------- upgrade
# Two clones enabled with an older installed flowgate (whose commit-msg
# accepted anything and called itself 0.0.1); make install again: both
# clones run the new flowgate, their hooks untouched.
cat >"$LIBEXEC/commit-msg" <<'EOF'
#!/bin/sh
[ "$1" = --version ] && echo "flowgate 0.0.1"
exit 0
EOF
chmod 755 "$LIBEXEC/commit-msg"
for c in one two; do
	new_repo "$TMP/up-$c"
	in_dir "$TMP/up-$c" "$FG" install >/dev/null 2>&1 || not_ok "upgrade: enable clone $c"
	commit_file "$TMP/up-$c" a.txt a "feat: add a"
done
expect_eq "before the upgrade: the clone runs the older flowgate" \
	"$("$TMP/up-one/.git/hooks/commit-msg" --version)" "flowgate 0.0.1"
expect_ok "before the upgrade: a bad message passes the older flowgate" \
	commit_file "$TMP/up-one" b.txt b "add b"
HOOKS_BEFORE=$(ls -li "$TMP/up-one/.git/hooks" "$TMP/up-two/.git/hooks" && cat "$TMP"/up-*/.git/hooks/* | sha256sum)
expect_ok "upgrade: make install again exits 0" mk install DESTDIR="$DEST" PREFIX=/usr
expect_eq "upgrade: the clones' hooks are untouched" \
	"$(ls -li "$TMP/up-one/.git/hooks" "$TMP/up-two/.git/hooks" && cat "$TMP"/up-*/.git/hooks/* | sha256sum)" \
	"$HOOKS_BEFORE"
for c in one two; do
	expect_eq "upgrade: clone $c runs the new flowgate" \
		"$("$TMP/up-$c/.git/hooks/commit-msg" --version)" "flowgate $VERSION"
	expect_fail "upgrade: clone $c refuses a bad message now" commit_file "$TMP/up-$c" c.txt c "add c"
	expect_output "upgrade: clone $c, by the new commit-msg" '^flowgate commit-msg: error: headerFormat'
done

# ---------------------------------------------------------- make uninstall
expect_ok "make uninstall exits 0" mk uninstall DESTDIR="$DEST" PREFIX=/usr
expect_eq "make uninstall removes exactly what make install put" \
	"$(cd "$DEST" && find . | LC_ALL=C sort | tr '\n' ' ')" \
	". ./usr ./usr/bin ./usr/bin/other-tool ./usr/libexec ./usr/share "
# flowgate gone: the clones' hooks refuse, and say how to get out
(cd "$TMP/up-one" && printf 'd\n' >d.txt && git add d.txt && git commit -q -m "feat: add d") >"$LAST_OUT" 2>&1
expect_eq "flowgate uninstalled: a commit in an enabled clone exits 1" "$?" 1
expect_output "flowgate uninstalled: the one line naming the missing hook and the fix" \
	"^flowgate: cannot run $LIBEXEC/pre-commit: No such file or directory; reinstall flowgate \\(make install\\) or remove the hook: flowgate uninstall\$"

# -------------------------------------------- from a checkout's build
R=$TMP/from-build
new_repo "$R"
expect_ok "build/flowgate install exits 0" env -u FLOWGATE_BUILD "$FLOWGATE_BUILD/flowgate" install "$R"
expect_output "build/flowgate install: the hooks run the build's binaries" \
	"^flowgate: the hooks run $FLOWGATE_BUILD/hooks/<hook> \\(this checkout's build"
expect_ok "build/flowgate install: launchers of the build's hooks" \
	is_launcher "$R/.git/hooks/commit-msg" "$FLOWGATE_BUILD/hooks/commit-msg"
expect_ok "build/flowgate uninstall exits 0" env -u FLOWGATE_BUILD "$FLOWGATE_BUILD/flowgate" uninstall "$R"
expect_eq "build/flowgate uninstall: no hook left" \
	"$(find "$R/.git/hooks" -type f ! -name '*.sample' | wc -l)" 0

# A flowgate command with no install.sh near it says so.
mkdir -p "$TMP/lone/bin"
cp -- "$FLOWGATE_BUILD/flowgate" "$TMP/lone/bin/flowgate"
expect_status "flowgate install with no install.sh: exit 1" 1 "$TMP/lone/bin/flowgate" install "$R"
expect_output "flowgate install with no install.sh: one line naming where it looked" \
	"^flowgate: error: cannot find install.sh \\(not in $TMP/lone/bin/../libexec/flowgate/install.sh nor $TMP/lone/bin/../install.sh\\); reinstall flowgate \\(make install\\)\$"
