# End-to-end tests of `flowgate doctor [REPO]`: for each problem it finds,
# exit 1 and the fix on the problem's line; the fix, run (or the line it
# gives added where it says), then doctor exits 0. A healthy clone exits 0;
# outside a repository, 3; a bad REPO, one line and 3 (a bare one, 2). The
# hooks directory is git's: core.hooksPath, a linked worktree, a submodule.
# The hook managers' files are written here as husky 9, lefthook 2 and
# pre-commit 3.0.4 write them (test_managers.sh and
# test_precommit_framework.sh run doctor after the real tools).
. "$(dirname "$0")/lib.sh"

export PATH="$FLOWGATE_BUILD:$PATH" # the fixes say `flowgate ...`
HOOKS="pre-commit commit-msg pre-push post-merge post-commit prepare-commit-msg applypatch-msg pre-applypatch"
V=$(flowgate --version | sed 's/^flowgate //')

# in_dir DIR CMD...: CMD run in DIR.
in_dir() { (cd "$1" && shift && "$@"); }

# doctor NAME STATUS DIR [REPO]: flowgate doctor [REPO] run in DIR exits STATUS.
doctor() {
	local name=$1 want=$2 dir=$3
	shift 3
	expect_status "$name: doctor exits $want" "$want" in_dir "$dir" flowgate doctor "$@"
}

# first_problem_hook: the hook of the first problem line in the last output.
first_problem_hook() { sed -n 's/^\([a-z-]*\): problem: .*/\1/p' "$LAST_OUT" | head -n 1; }

# fixed NAME DIR HOOK WANT [REPO]: the last output has a problem of HOOK
# whose fix is WANT (an extended regex); carried out in DIR, it leaves no
# problem of HOOK, and doctor [REPO] then exits 0.
fixed() {
	local name=$1 dir=$2 hook=$3 want=$4 fix
	shift 4
	fix=$(fix_of "$hook")
	if printf '%s\n' "$fix" | grep -Eqx -- "$want"; then
		ok "$name: the fix on the problem line is the expected one"
	else
		not_ok "$name: the fix of $hook (got '$fix', want /$want/)"
	fi
	doctor_fix "$dir" "$fix" >"$TMP/apply.out" 2>&1
	expect_eq "$name: the fix ran" "$?" 0
	doctor "$name, fixed" 0 "$dir" "$@"
}

# ----------------------------------------------------- where, and bad input
mkdir -p "$TMP/plain" "$TMP/plain-dir"
: >"$TMP/a-file"
doctor "outside a repository" 3 "$TMP/plain"
expect_output "outside a repository: one line saying so" \
	"^flowgate doctor: fatal: not a git repository: '\\.'; run it in a clone, or name one: flowgate doctor <repo>\$"
expect_eq "outside a repository: nothing else" "$(wc -l <"$LAST_OUT")" 1
doctor "a missing REPO" 3 "$TMP" "$TMP/nope"
expect_output "a missing REPO: named, with why" "^flowgate doctor: error: cannot open '$TMP/nope': No such file or directory; name a clone"
expect_eq "a missing REPO: one line" "$(wc -l <"$LAST_OUT")" 1
doctor "a REPO that is a file" 3 "$TMP" "$TMP/a-file"
expect_output "a REPO that is a file: said" "^flowgate doctor: error: '$TMP/a-file' is not a directory"
doctor "a REPO that is no repository" 3 "$TMP" "$TMP/plain-dir"
expect_output "a REPO that is no repository: said" "not a git repository: '$TMP/plain-dir'"
new_origin "$TMP/bare.git"
doctor "a bare REPO" 2 "$TMP" "$TMP/bare.git"
expect_output "a bare REPO: said, with the server hooks' command" "is a bare repository, where git runs no client hook; .*flowgate install --server"
doctor "two REPOs" 2 "$TMP" a b
expect_output "two REPOs: the extra one is named" "^flowgate doctor: error: unexpected argument 'b'"
doctor "an option" 2 "$TMP" --all
expect_output "the usage lists doctor" '^(usage: )? *flowgate doctor \[<repo>\]$'

# ------------------------------------------------------- healthy, installed
R=$TMP/clone
new_repo "$R"
doctor "not installed" 1 "$R"
for h in $HOOKS; do
	expect_output "not installed: $h's problem" "^$h: problem: git runs no $h: \\.git/hooks/$h is missing; fix: flowgate install\$"
done
expect_output "not installed: the count" '^flowgate doctor: 8 problems'
fixed "not installed" "$R" commit-msg 'flowgate install'
for h in $HOOKS; do
	expect_output "healthy: $h is flowgate $V, its binary named" \
		"^$h: \\.git/hooks/$h: flowgate $V \\($FLOWGATE_BUILD/hooks/$h\\)\$"
done
expect_output "healthy: the hooks directory" "^flowgate doctor: flowgate $V; work tree $R; hooks directory \\.git/hooks\$"
expect_output "healthy: said" "^flowgate doctor: every hook runs flowgate's checks\$"
expect_no_output "healthy: no problem line" 'problem'
doctor "from a subdirectory" 0 "$TMP" "$R"
mkdir -p "$R/sub/dir"
doctor "from a subdirectory of the work tree" 0 "$R/sub/dir"
GIT_DIR=$TMP/bare.git doctor "REPO wins over GIT_DIR (set)" 0 "$TMP" "$R"

# A hook that is not executable: git never runs it.
chmod -x "$R/.git/hooks/commit-msg"
doctor "not executable" 1 "$R"
expect_output "not executable: said" "^commit-msg: problem: \\.git/hooks/commit-msg is not executable: git never runs it; "
fixed "not executable" "$R" commit-msg "chmod \\+x $R/.git/hooks/commit-msg"

# A launcher whose binary is another flowgate version.
mkdir -p "$TMP/old/hooks" "$TMP/fake/hooks"
printf '#!/bin/sh\n[ "$1" = --version ] && echo "flowgate 0.0.1"\nexit 0\n' >"$TMP/old/hooks/pre-commit"
chmod 755 "$TMP/old/hooks/pre-commit"
launcher_for "$TMP/old/hooks/pre-commit" "$R/.git/hooks/pre-commit"
doctor "an old version" 1 "$R"
expect_output "an old version: its status line" "^pre-commit: \\.git/hooks/pre-commit: flowgate 0\\.0\\.1 \\($TMP/old/hooks/pre-commit\\)\$"
expect_output "an old version: the versions" "^pre-commit: problem: \\.git/hooks/pre-commit runs flowgate 0\\.0\\.1 \\($TMP/old/hooks/pre-commit\\); this flowgate is $V; fix: flowgate install\$"
fixed "an old version" "$R" pre-commit 'flowgate install'

# A launcher whose binary is gone.
launcher_for "$TMP/gone/hooks/pre-push" "$R/.git/hooks/pre-push"
doctor "a missing target" 1 "$R"
expect_output "a missing target: said" "^pre-push: problem: \\.git/hooks/pre-push runs $TMP/gone/hooks/pre-push, which is missing \\(flowgate moved or removed\\): every pre-push refuses"
readme_line=$(sed -n 's|^ *\(pre-push: problem: .*\)|\1|p' "$TOP/README.md" |
	sed "s|/usr/local/libexec/flowgate/pre-push|$TMP/gone/hooks/pre-push|")
cp -- "$LAST_OUT" "$TMP/doctor.out"
expect_ok "a missing target: the README's example is doctor's line" grep -qxF -- "$readme_line" "$TMP/doctor.out"
cp -- "$TMP/doctor.out" "$LAST_OUT"
fixed "a missing target" "$R" pre-push 'flowgate install'

# A target that is no flowgate hook binary; another hook's binary; no target.
printf '#!/bin/sh\nexit 0\n' >"$TMP/fake/hooks/post-merge"
chmod 755 "$TMP/fake/hooks/post-merge"
launcher_for "$TMP/fake/hooks/post-merge" "$R/.git/hooks/post-merge"
doctor "a target with no version" 1 "$R"
expect_output "a target with no version: said" "^post-merge: problem: .* runs $TMP/fake/hooks/post-merge, which does not print a flowgate version"
fixed "a target with no version" "$R" post-merge 'flowgate install'
launcher_for "$FLOWGATE_BUILD/hooks/commit-msg" "$R/.git/hooks/pre-commit"
doctor "another hook's target" 1 "$R"
expect_output "another hook's target: said" "^pre-commit: problem: .* runs $FLOWGATE_BUILD/hooks/commit-msg, not a pre-commit hook"
fixed "another hook's target" "$R" pre-commit 'flowgate install'
cp -- "$FLOWGATE_BUILD/hooks/launch" "$R/.git/hooks/commit-msg"
doctor "a launcher with no target" 1 "$R"
expect_output "a launcher with no target: said" "^commit-msg: problem: .*commit-msg is flowgate's launcher with no hook binary to run"
fixed "a launcher with no target" "$R" commit-msg 'flowgate install'

# A copy of a hook binary (an older install.sh): upgrades never reach it.
cp -- "$FLOWGATE_BUILD/hooks/post-merge" "$R/.git/hooks/post-merge"
doctor "a copy of a binary" 1 "$R"
expect_output "a copy of a binary: its version" "^post-merge: \\.git/hooks/post-merge: a copy of flowgate $V's hook binary\$"
expect_output "a copy of a binary: said" "^post-merge: problem: .* is a copy of a flowgate hook binary \\(an older install\\.sh\\)"
fixed "a copy of a binary" "$R" post-merge 'flowgate install'

# A dangling link in place of a hook: flowgate install keeps it as
# pre-push.pre-flowgate, which flowgate never runs either.
rm -f "$R/.git/hooks/pre-push"
ln -s "$TMP/nowhere" "$R/.git/hooks/pre-push"
doctor "a dangling link" 1 "$R"
expect_output "a dangling link: said" "^pre-push: problem: git runs no pre-push: \\.git/hooks/pre-push is a link to a missing file; fix: flowgate install\$"
doctor_fix "$R" "$(fix_of pre-push)" >/dev/null 2>&1
doctor "a dangling link, kept by flowgate install" 1 "$R"
expect_output "a dangling kept hook: said" "^pre-push: problem: the kept hook \\.git/hooks/pre-push\\.pre-flowgate is a link to a missing file: flowgate never runs it; "
fixed "a dangling kept hook" "$R" pre-push "rm $R/.git/hooks/pre-push.pre-flowgate"

# Another tool's hook, then kept by flowgate install; kept, not executable.
LOG=$TMP/other.log
printf '#!/bin/sh\necho other >>"%s"\n' "$LOG" >"$R/.git/hooks/pre-commit"
chmod 755 "$R/.git/hooks/pre-commit"
doctor "another tool's hook" 1 "$R"
expect_output "another tool's hook: said" "^pre-commit: problem: \\.git/hooks/pre-commit is not flowgate's and does not run flowgate: flowgate's pre-commit checks are off"
fixed "another tool's hook" "$R" pre-commit 'flowgate install'
expect_output "another tool's hook: kept, and run after flowgate" \
	"^pre-commit: \\.git/hooks/pre-commit: flowgate $V \\(.*\\); then the kept pre-commit\\.pre-flowgate\$"
chmod -x "$R/.git/hooks/pre-commit.pre-flowgate"
doctor "a kept hook not executable" 1 "$R"
expect_output "a kept hook not executable: said" "^pre-commit: problem: the kept hook \\.git/hooks/pre-commit\\.pre-flowgate is not executable: flowgate never runs it"
fixed "a kept hook not executable" "$R" pre-commit "chmod \\+x $R/.git/hooks/pre-commit.pre-flowgate"
: >"$LOG"
commit_file "$R" a.txt a "feat: add a" >/dev/null 2>&1
expect_eq "a kept hook, fixed: it runs" "$(cat "$LOG")" other

# A script of the user's that runs flowgate's hook counts.
mv "$R/.git/hooks/post-merge" "$TMP/post-merge.away"
printf '#!/bin/sh\nflowgate hook post-merge "$@"\n' >"$R/.git/hooks/post-merge"
chmod 755 "$R/.git/hooks/post-merge"
doctor "a script running flowgate hook" 0 "$R"
expect_output "a script running flowgate hook: said" "^post-merge: \\.git/hooks/post-merge: a script that runs flowgate hook post-merge\$"
mv "$TMP/post-merge.away" "$R/.git/hooks/post-merge"

# ------------------------------------------------------------ core.hooksPath
R=$TMP/hookspath
new_repo "$R"
install_flowgate "$R"
git -C "$R" config core.hooksPath ci-hooks
doctor "core.hooksPath set after install" 1 "$R"
expect_output "core.hooksPath: the hooks directory" "^flowgate doctor: .*; hooks directory ci-hooks \\(core\\.hooksPath; git does not run \\.git/hooks\\)\$"
expect_output "core.hooksPath: flowgate's hooks in .git/hooks are named" \
	"^commit-msg: problem: git runs no commit-msg: ci-hooks/commit-msg is missing \\(flowgate's is in \\.git/hooks, which core\\.hooksPath keeps git from running\\); fix: flowgate install\$"
fixed "core.hooksPath" "$R" pre-commit 'flowgate install'
expect_output "core.hooksPath, fixed: the hooks there" "^pre-commit: ci-hooks/pre-commit: flowgate $V"

# ------------------------------------------------------------ linked worktree
R=$TMP/main-repo
new_repo "$R"
commit_file "$R" a.txt a "feat: add a" >/dev/null 2>&1
git -C "$R" worktree add -q -b feature/wt "$TMP/linked" 2>/dev/null
doctor "a linked worktree" 1 "$TMP/linked"
expect_output "a linked worktree: its repository's hooks directory" "^flowgate doctor: .*; work tree $TMP/linked; hooks directory $R/\\.git/hooks\$"
fixed "a linked worktree" "$TMP/linked" pre-push 'flowgate install'
doctor "a linked worktree: the main work tree too" 0 "$R"

# ------------------------------------------------------------------ submodule
S=$TMP/sub-src
new_repo "$S"
commit_file "$S" s.txt s "feat: add s" >/dev/null 2>&1
R=$TMP/super
new_repo "$R"
git -C "$R" -c protocol.file.allow=always submodule add -q "$S" mod >/dev/null 2>&1
install_flowgate "$R"
doctor "a submodule" 1 "$R" mod
expect_output "a submodule: its own hooks directory" "^flowgate doctor: .*; work tree $R/mod; hooks directory $R/\\.git/modules/mod/hooks\$"
fixed "a submodule" "$R" commit-msg 'flowgate install mod' mod
doctor "a submodule, from inside" 0 "$R/mod"

# ---------------------------------------------------------------------- husky
# husky_files DIR: what `husky init` (husky 9) writes, and core.hooksPath.
husky_files() {
	mkdir -p "$1/.husky/_"
	cat >"$1/.husky/_/h" <<'EOF'
#!/usr/bin/env sh
[ "$HUSKY" = "2" ] && set -x
n=$(basename "$0")
s=$(dirname "$(dirname "$0")")/$n

[ ! -f "$s" ] && exit 0

if [ -f "$HOME/.huskyrc" ]; then
	echo "husky - '~/.huskyrc' is DEPRECATED, please move your code to ~/.config/husky/init.sh"
fi
i="${XDG_CONFIG_HOME:-$HOME/.config}/husky/init.sh"
[ -f "$i" ] && . "$i"

[ "${HUSKY-}" = "0" ] && exit 0

export PATH="node_modules/.bin:$PATH"
sh -e "$s" "$@"
c=$?

[ $c != 0 ] && echo "husky - $n script failed (code $c)"
[ $c = 127 ] && echo "husky - command not found in PATH=$PATH"
exit $c
EOF
	for h in applypatch-msg commit-msg post-applypatch post-checkout post-commit post-merge \
		post-rewrite pre-applypatch pre-auto-gc pre-commit pre-merge-commit pre-push \
		pre-rebase prepare-commit-msg; do
		printf '#!/usr/bin/env sh\n. "$(dirname "$0")/h"' >"$1/.husky/_/$h"
		chmod 755 "$1/.husky/_/$h"
	done
	printf '*' >"$1/.husky/_/.gitignore"
	printf 'echo "husky pre-commit"\n' >"$1/.husky/pre-commit"
	git -C "$1" config core.hooksPath .husky/_
}

R=$TMP/husky
new_repo "$R"
husky_files "$R"
doctor "husky" 1 "$R"
expect_output "husky: said once" '^flowgate doctor: husky runs the hooks: its scripts are in \.husky$'
expect_output "husky: a script without flowgate" \
	"^pre-commit: problem: husky runs the hooks \\(core\\.hooksPath \\.husky/_\\) and \\.husky/pre-commit has no line running flowgate: flowgate's pre-commit checks are off; "
expect_output "husky: a missing script" "^commit-msg: problem: husky runs the hooks \\(core\\.hooksPath \\.husky/_\\) and \\.husky/commit-msg is missing"
for h in $HOOKS; do
	expect_output "husky: $h's fix is the README's line" \
		"; fix: add this line as the first command of \\.husky/$h \\(create it if missing\\), then commit it: flowgate hook $h \"\\\$@\"\$"
done
for h in pre-commit commit-msg pre-push post-merge post-commit prepare-commit-msg applypatch-msg; do
	doctor_fix "$R" "$(fix_of "$h")"
done
fixed "husky" "$R" pre-applypatch 'add this line .*: flowgate hook pre-applypatch "\$@"'
expect_output "husky, fixed: husky's, running flowgate" '^pre-commit: \.husky/_/pre-commit: husky.s; \.husky/pre-commit runs flowgate hook pre-commit$'
expect_eq "husky, fixed: the line is first, the script kept" "$(cat "$R/.husky/pre-commit")" 'flowgate hook pre-commit "$@"
echo "husky pre-commit"'
expect_fail "husky, fixed: a bad message is refused through husky" commit_file "$R" a.txt a "add a"
expect_output "husky, fixed: by flowgate's commit-msg" '^flowgate commit-msg: error: headerFormat'

# An older install.sh's launcher in .husky/_, husky's stub kept beside it.
mv "$R/.husky/_/commit-msg" "$R/.husky/_/commit-msg.pre-flowgate"
launcher_for "$FLOWGATE_BUILD/hooks/commit-msg" "$R/.husky/_/commit-msg"
chmod 755 "$R/.husky/_/commit-msg"
doctor "husky, flowgate in .husky/_" 1 "$R"
expect_output "husky, flowgate in .husky/_: said" "^commit-msg: problem: \\.husky/_/commit-msg is flowgate's, written into husky's directory by an older install\\.sh: husky's commit-msg no longer runs"
fixed "husky, flowgate in .husky/_" "$R" commit-msg 'flowgate uninstall'

# husky's stub removed: git runs nothing.
rm "$R/.husky/_/pre-push"
doctor "husky, a stub missing" 1 "$R"
expect_output "husky, a stub missing: said, with husky's command" \
	"^pre-push: problem: git runs no pre-push: husky's \\.husky/_/pre-push is missing; fix: npx husky\$"
printf '#!/usr/bin/env sh\n. "$(dirname "$0")/h"' >"$R/.husky/_/pre-push" # as npx husky does
chmod 755 "$R/.husky/_/pre-push"
doctor "husky, the stub back" 0 "$R"

# ------------------------------------------------------------------- lefthook
# lefthook_script HOOK: the start and end of what lefthook 2 writes as HOOK.
lefthook_script() {
	cat <<EOF
#!/bin/sh

if [ "\$LEFTHOOK_VERBOSE" = "1" -o "\$LEFTHOOK_VERBOSE" = "true" ]; then
  set -x
fi

if [ "\$LEFTHOOK" = "0" ]; then
  exit 0
fi

call_lefthook()
{
  if test -n "\$LEFTHOOK_BIN"
  then
    "\$LEFTHOOK_BIN" "\$@"
  elif lefthook -h >/dev/null 2>&1
  then
    lefthook "\$@"
  else
    echo "Can't find lefthook in PATH"
  fi
}

call_lefthook run "$1" "\$@"
EOF
}

# flowgate first, then (as `lefthook install` does) lefthook's scripts, the
# hooks they replace renamed <hook>.old.
R=$TMP/lefthook
new_repo "$R"
install_flowgate "$R"
for h in $HOOKS; do
	printf '%s:\n  jobs:\n    - name: log\n      run: echo %s\n' "$h" "$h"
done >"$R/lefthook.yml"
for h in $HOOKS; do
	mv "$R/.git/hooks/$h" "$R/.git/hooks/$h.old"
	lefthook_script "$h" >"$R/.git/hooks/$h"
	chmod 755 "$R/.git/hooks/$h"
done
doctor "lefthook" 1 "$R"
expect_output "lefthook: said once" '^flowgate doctor: lefthook is here: lefthook\.yml, its scripts in the hooks directory$'
expect_output "lefthook: the .old hook named" \
	"^commit-msg: problem: lefthook runs commit-msg and not flowgate \\(lefthook\\.yml has no job running flowgate hook\\): lefthook renamed flowgate's hook to \\.old and never runs it; fix: add this line after line 6 \\(jobs:\\) of lefthook\\.yml:     - \\{name: flowgate, run: 'flowgate hook commit-msg \"\\{1\\}\"'\\}\$"
# each fix moves the lines after it: one at a time
for h in pre-commit commit-msg pre-push post-merge post-commit prepare-commit-msg applypatch-msg; do
	expect_status "lefthook: $h still has a problem" 1 in_dir "$R" flowgate doctor
	doctor_fix "$R" "$(fix_of "$h")"
done
expect_status "lefthook: pre-applypatch still has a problem" 1 in_dir "$R" flowgate doctor
fixed "lefthook" "$R" pre-applypatch "add this line after line [0-9]+ \\(jobs:\\) of lefthook\\.yml:     - \\{name: flowgate, run: 'flowgate hook pre-applypatch'\\}"
expect_output "lefthook, fixed: lefthook's, running flowgate" '^pre-push: \.git/hooks/pre-push: lefthook.s; lefthook\.yml runs flowgate hook pre-push$'
expect_output "lefthook, fixed: the .old hooks are noted" "^pre-push: note: \\.git/hooks/pre-push\\.old is flowgate's hook, which lefthook renamed and never runs: delete it"
expect_ok "lefthook, fixed: pre-push's job reads stdin" grep -q "run: 'flowgate hook pre-push \"{1}\" \"{2}\"', use_stdin: true}" "$R/lefthook.yml"

# a configuration, lefthook not installed yet: the job, then lefthook install
R=$TMP/lefthook-fresh
new_repo "$R"
printf 'post-commit:\n  jobs:\n    - run: echo hi\n' >"$R/lefthook.yml"
doctor "lefthook not installed" 1 "$R"
expect_output "lefthook not installed: the job to add, then lefthook install" \
	"^pre-commit: problem: git runs no pre-commit: \\.git/hooks/pre-commit is missing; fix: add this line at the end of lefthook\\.yml: pre-commit: \\{jobs: \\[\\{name: flowgate, run: 'flowgate hook pre-commit'\\}\\]\\}, then run lefthook install\$"

# ----------------------------------------------------- the pre-commit framework
# framework_script HOOK: pre-commit 3.0.4's script, as `pre-commit install`
# writes it.
framework_script() {
	cat <<EOF
#!/usr/bin/env bash
# File generated by pre-commit: https://pre-commit.com
# ID: 138fd403232d2ddd5efb44317e38bf03

# start templated
INSTALL_PYTHON=/usr/bin/python3
ARGS=(hook-impl --config=.pre-commit-config.yaml --hook-type=$1)
# end templated

HERE="\$(cd "\$(dirname "\$0")" && pwd)"
ARGS+=(--hook-dir "\$HERE" -- "\$@")

if [ -x "\$INSTALL_PYTHON" ]; then
    exec "\$INSTALL_PYTHON" -mpre_commit "\${ARGS[@]}"
elif command -v pre-commit > /dev/null; then
    exec pre-commit "\${ARGS[@]}"
else
    echo '\`pre-commit\` not found.  Did you forget to activate your virtualenv?' 1>&2
    exit 1
fi
EOF
}

# framework_install DIR: the framework's script in place of each hook, the
# one there kept as <hook>.legacy (its "migration mode").
framework_install() {
	# pre-commit 3.0.4's hook types: none for git am's hooks (flowgate's stay)
	for h in pre-commit commit-msg pre-push post-merge post-commit; do
		if [ -e "$1/.git/hooks/$h" ]; then mv "$1/.git/hooks/$h" "$1/.git/hooks/$h.legacy"; fi
		framework_script "$h" >"$1/.git/hooks/$h"
		chmod 755 "$1/.git/hooks/$h"
	done
}

R=$TMP/framework
new_repo "$R"
printf 'repos: []\n' >"$R/.pre-commit-config.yaml"
install_flowgate "$R"
framework_install "$R"
doctor "framework, flowgate's .legacy" 0 "$R"
expect_output "framework, flowgate's .legacy: the status line" \
	"^commit-msg: \\.git/hooks/commit-msg: the pre-commit framework's; it runs commit-msg\\.legacy: flowgate $V \\($FLOWGATE_BUILD/hooks/commit-msg\\)\$"
expect_no_output "framework, flowgate's .legacy: no one-ref note" 'one ref'
chmod -x "$R/.git/hooks/pre-push.legacy"
doctor "framework, .legacy not executable" 1 "$R"
expect_output "framework, .legacy not executable: said" "^pre-push: problem: \\.git/hooks/pre-push\\.legacy is not executable: the pre-commit framework never runs it"
fixed "framework, .legacy not executable" "$R" pre-push "chmod \\+x $R/.git/hooks/pre-push.legacy"

# pre-commit install -f (or --overwrite) deletes each <hook>.legacy.
rm "$R/.git/hooks/"*.legacy
doctor "framework, .legacy deleted" 1 "$R"
expect_output "framework, .legacy deleted: said" \
	"^commit-msg: problem: the pre-commit framework's commit-msg runs no flowgate: no flowgate commit-msg\\.legacy \\(pre-commit install -f or --overwrite deletes it\\) and no id flowgate-commit-msg in \\.pre-commit-config\\.yaml; fix: flowgate install\$"
fixed "framework, .legacy deleted" "$R" pre-commit 'flowgate install'
expect_ok "framework, .legacy deleted, fixed: flowgate's .legacy is back" \
	is_launcher "$R/.git/hooks/commit-msg.legacy" "$FLOWGATE_BUILD/hooks/commit-msg"

# flowgate's ids in the framework's configuration, no .legacy.
rm "$R/.git/hooks/"*.legacy
cat >"$R/.pre-commit-config.yaml" <<EOF
repos:
  - repo: https://git.example.org/flowgate.git
    rev: v$V
    hooks:
      - id: flowgate-pre-commit
      - id: flowgate-commit-msg
      - id: flowgate-pre-push
      - id: flowgate-post-merge
      - id: flowgate-post-commit
      - id: flowgate-prepare-commit-msg
EOF
doctor "framework, flowgate's ids" 0 "$R"
expect_output "framework, flowgate's ids: the status line" \
	'^pre-commit: \.git/hooks/pre-commit: the pre-commit framework.s; \.pre-commit-config\.yaml names flowgate-pre-commit$'
expect_output "framework, flowgate's ids: the one-ref note for pre-push" \
	"^pre-push: note: the pre-commit framework's pre-push stage shows flowgate one ref of a push.*: multi-ref and tag pushes need flowgate's own pre-push \\(flowgate install\\) or the server hooks \\(flowgate install --server\\)\$"

# An older install.sh kept the framework's script as <hook>.pre-flowgate.
R=$TMP/framework-older
new_repo "$R"
framework_script pre-commit >"$R/.git/hooks/pre-commit.pre-flowgate"
chmod 755 "$R/.git/hooks/pre-commit.pre-flowgate"
install_flowgate "$R"
cp -- "$R/.git/hooks/pre-commit" "$R/.git/hooks/pre-commit.legacy"
doctor "framework, older layout" 1 "$R"
expect_output "framework, older layout: said" \
	"^pre-commit: problem: \\.git/hooks/pre-commit\\.pre-flowgate is the pre-commit framework's script, kept by an older install\\.sh: every commit fails"
fixed "framework, older layout" "$R" pre-commit 'flowgate install'
expect_ok "framework, older layout, fixed: the framework's script is back" \
	grep -q 'File generated by pre-commit' "$R/.git/hooks/pre-commit"
