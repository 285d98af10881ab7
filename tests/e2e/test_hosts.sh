# End-to-end tests of `install.sh --server` on the layouts of git hosts
# (issue 19): what it installs, where, and what it leaves alone, then real
# `git push`es of a good and a bad commit through the hooks as each host
# runs them, and --uninstall putting every file back:
#   - a plain bare repository: pre-receive only, update with --with-update,
#     and an earlier install's update taken out;
#   - Gitea and Forgejo: their generated dispatchers (the text of Gitea's and
#     Forgejo's modules/repository/hooks.go) run flowgate's
#     hooks/<hook>.d/flowgate beside a stand-in for their own hook;
#   - GitLab: a stand-in for Gitaly's runner (internal/gitaly/hook/custom.go:
#     custom_hooks/<hook>, custom_hooks/<hook>.d/*, then the server-wide
#     <custom_hooks_dir>/<hook>.d/*, sorted, names ending in "~" skipped,
#     stdin to each, the first non-zero exit refuses), set as core.hooksPath
#     on the receive-pack command line as Gitaly does;
#   - gitolite: a stand-in for its update hook, linked from
#     ~/.gitolite/hooks/common/ as gitolite 3 does, and its repo-specific
#     hook driver (real gitolite is tested elsewhere);
#   - a dispatcher named from $0 with no <hook>.d/: refused;
#   - an install or uninstall in a <hook>.d/ interrupted at every file
#     operation (tests/e2e/shims/fault.sh).
# Run: FLOWGATE_BUILD=/abs/build bash tests/e2e/test_hosts.sh

. "$(dirname "$0")/lib.sh"

export GIT_EDITOR=true
tick

INSTALL=$TOP/install.sh
PR_BIN=$FLOWGATE_BUILD/hooks/pre-receive
UP_BIN=$FLOWGATE_BUILD/hooks/update

# ------------------------------------------------------------------ helpers
# refs_of SRV: the server's refs, one "<refname> <oid>" a line.
refs_of() { git -C "$1" for-each-ref --format='%(refname) %(objectname)'; }

# tree_of DIR: every entry under DIR (name, type, mode, link target) and the
# checksum of every file: equal before and after means nothing changed.
tree_of() {
	(cd "$1" && find . -printf '%p %y %m %l\n' | LC_ALL=C sort &&
		find . -type f -exec sha256sum -- {} + | LC_ALL=C sort -k2)
}

# install_server ARGS...: install.sh ARGS (output in LAST_OUT); exit status in ST.
install_server() {
	"$INSTALL" "$@" >"$LAST_OUT" 2>&1
	ST=$?
}

# check NAME CMD...: ok when CMD succeeds.
check() {
	local name=$1
	shift
	if "$@" >/dev/null 2>&1; then ok "$name"; else not_ok "$name"; fi
}

# The pusher: a clone with no hooks; branch good holds a good commit,
# branch bad one more with a bad message (headerFormat).
C=$TMP/client
new_repo "$C"
cd "$C" || exit 1
tick
printf 'one\n' >notes.txt
git add notes.txt
git commit -q -m 'chore: initial commit'
git branch -q good
tick
printf 'two\n' >>notes.txt
git commit -q -am 'WIP lol'
git branch -q bad
GOOD=$(git rev-parse good)

# PUSH_ARGS: extra git push options (the receive-pack command for GitLab).
PUSH_ARGS=()

# refused NAME SRV RULE REFSPEC: git push of REFSPEC to SRV fails, the output
# names flowgate's RULE (with GitLab's "GL-HOOK-ERR: " or not), and the
# server's refs are byte-identical afterwards.
refused() {
	local name=$1 srv=$2 rule=$3 before
	before=$(refs_of "$srv")
	if git push --no-verify "${PUSH_ARGS[@]}" "$srv" "$4" >"$LAST_OUT" 2>&1; then
		not_ok "$name (accepted)"
	elif ! grep -Eq "^remote: (GL-HOOK-ERR: )?flowgate (pre-receive|update): error: $rule:" "$LAST_OUT"; then
		not_ok "$name (no $rule refusal)"
	elif [ "$(refs_of "$srv")" != "$before" ]; then
		not_ok "$name (the server's refs changed)"
	else
		ok "$name"
	fi
}

# accepted NAME SRV REFSPEC REF OID: git push of REFSPEC to SRV succeeds and
# the server's REF is OID.
accepted() {
	if ! git push --no-verify "${PUSH_ARGS[@]}" "$2" "$3" >"$LAST_OUT" 2>&1; then
		not_ok "$1 (exit $?)"
	elif [ "$(git -C "$2" rev-parse -q --verify "$4")" != "$5" ]; then
		not_ok "$1 ($4 is not $5)"
	else
		ok "$1"
	fi
}

# launcher NAME FILE: FILE is install.sh's launcher of the hook binary NAME.
launcher() {
	local bin=$PR_BIN
	[ "$1" = update ] && bin=$UP_BIN
	is_launcher "$2" "$bin"
}

# ============================================== a plain bare repository
SRV=$TMP/plain.git
new_origin "$SRV"
install_server --server "$SRV"
expect_eq "plain: install.sh --server exits 0" "$ST" 0
check "plain: pre-receive is flowgate's launcher in hooks/" launcher pre-receive "$SRV/hooks/pre-receive"
check "plain: update is not installed (git starts it once per ref)" test ! -e "$SRV/hooks/update"
expect_no_output "plain: nothing said about update" '^update:'
refused "plain: a bad commit is refused by pre-receive" "$SRV" headerFormat bad:refs/heads/main
accepted "plain: a good commit is accepted" "$SRV" good:refs/heads/main refs/heads/main "$GOOD"

install_server --server --with-update "$SRV"
expect_eq "plain --with-update: exits 0" "$ST" 0
expect_output "plain --with-update: says update is installed" '^update: installed$'
check "plain --with-update: update is flowgate's launcher" launcher update "$SRV/hooks/update"
check "plain --with-update: pre-receive is still flowgate's" launcher pre-receive "$SRV/hooks/pre-receive"
# update checks a ref itself where git runs no flowgate pre-receive
chmod -x "$SRV/hooks/pre-receive"
refused "plain --with-update: update refuses a bad ref (pre-receive off)" "$SRV" headerFormat bad:refs/heads/feature/x
expect_output "plain --with-update: by update" '^remote: flowgate update: error: headerFormat:'
chmod +x "$SRV/hooks/pre-receive"

install_server --server "$SRV"
expect_eq "plain, again without --with-update: exits 0" "$ST" 0
check "plain, again without --with-update: the earlier update is taken out" test ! -e "$SRV/hooks/update"
expect_output "plain, again without --with-update: says why" \
	'^update: removed \(from an earlier install: pre-receive checks every push; --with-update keeps it\)'

# a site's own update, kept by --with-update, is put back
printf '#!/bin/sh\necho "site update $1" >>"%s/site-update.log"\n' "$TMP" >"$SRV/hooks/update"
chmod +x "$SRV/hooks/update"
cp "$SRV/hooks/update" "$TMP/site-update"
install_server --server --with-update "$SRV"
check "plain --with-update: the site's update is kept as update.pre-flowgate" \
	cmp "$TMP/site-update" "$SRV/hooks/update.pre-flowgate"
install_server --server "$SRV"
check "plain, without --with-update: the site's update is back" cmp "$TMP/site-update" "$SRV/hooks/update"
check "plain, without --with-update: no update.pre-flowgate is left" test ! -e "$SRV/hooks/update.pre-flowgate"

expect_status "usage: --with-update without --server exits 2" 2 "$INSTALL" --with-update "$SRV"
expect_output "usage: --with-update without --server: says so" \
	'^install.sh: error: --with-update goes with --server$'
expect_status "usage: --custom-hooks-dir without --server exits 2" 2 "$INSTALL" --custom-hooks-dir "$TMP"
expect_output "usage: --custom-hooks-dir without --server: says so" \
	'^install.sh: error: --custom-hooks-dir goes with --server$'
expect_status "usage: --custom-hooks-dir with a BARE_REPO exits 2" 2 \
	"$INSTALL" --server --custom-hooks-dir "$TMP" "$SRV"
expect_output "usage: --custom-hooks-dir with a BARE_REPO: says why" \
	'^install.sh: error: --custom-hooks-dir takes no BARE_REPO'
"$INSTALL" --help >"$LAST_OUT" 2>&1
expect_output "--help documents --with-update" '^  --with-update '
expect_output "--help documents --custom-hooks-dir" '^  --custom-hooks-dir DIR'

# ============================================================ Gitea, Forgejo
# The dispatchers Gitea (v1.2x) and Forgejo generate for pre-receive and
# update (modules/repository/hooks.go, setting.ScriptType bash).
gitea_dispatchers() {
	local dir=$1 flavour=$2 loop
	if [ "$flavour" = gitea ]; then
		loop='GIT_DIR=${GIT_DIR:-$(dirname $0)/..}

for hook in ${GIT_DIR}/hooks/${hookname}.d/*; do'
	else
		loop='
for hook in $(dirname $0)/${hookname}.d/*; do'
	fi
	cat >"$dir/pre-receive" <<EOF
#!/usr/bin/env bash
# AUTO GENERATED BY GITEA, DO NOT MODIFY
data=\$(cat)
exitcodes=""
hookname=\$(basename \$0)
$loop
  test -x "\${hook}" && test -f "\${hook}" || continue
  echo "\${data}" | "\${hook}"
  exitcodes="\${exitcodes} \$?"
done

for i in \${exitcodes}; do
  [ \${i} -eq 0 ] || exit \${i}
done
EOF
	cat >"$dir/update" <<EOF
#!/usr/bin/env bash
# AUTO GENERATED BY GITEA, DO NOT MODIFY
exitcodes=""
hookname=\$(basename \$0)
$loop
  test -x "\${hook}" && test -f "\${hook}" || continue
  "\${hook}" \$1 \$2 \$3
  exitcodes="\${exitcodes} \$?"
done

for i in \${exitcodes}; do
  [ \${i} -eq 0 ] || exit \${i}
done
EOF
	chmod 755 "$dir/pre-receive" "$dir/update"
}

# gitea_repo SRV FLAVOUR: a bare repository as Gitea (or Forgejo) sets one
# up: its dispatchers, and in pre-receive.d/ and update.d/ a stand-in for
# its own hook ("gitea hook ... pre-receive", which applies branch
# protection) that logs what it is given to SRV.log.
gitea_repo() {
	new_origin "$1"
	gitea_dispatchers "$1/hooks" "$2"
	mkdir -p "$1/hooks/pre-receive.d" "$1/hooks/update.d"
	printf '#!/usr/bin/env bash\n# AUTO GENERATED BY GITEA, DO NOT MODIFY\nwhile read -r o n r; do echo "gitea pre-receive $r" >>"%s.log"; done\n' "$1" \
		>"$1/hooks/pre-receive.d/gitea"
	printf '#!/usr/bin/env bash\n# AUTO GENERATED BY GITEA, DO NOT MODIFY\necho "gitea update $1" >>"%s.log"\n' "$1" \
		>"$1/hooks/update.d/gitea"
	chmod 755 "$1/hooks/pre-receive.d/gitea" "$1/hooks/update.d/gitea"
}

for flavour in gitea forgejo; do
	SRV=$TMP/$flavour.git
	gitea_repo "$SRV" "$flavour"
	BEFORE=$(tree_of "$SRV/hooks")
	cp "$SRV/hooks/pre-receive" "$TMP/$flavour-dispatcher"
	install_server --server "$SRV"
	expect_eq "$flavour: install.sh --server exits 0" "$ST" 0
	expect_output "$flavour: says where" \
		"^pre-receive: installed as hooks/pre-receive.d/flowgate, which Gitea's pre-receive runs$"
	check "$flavour: flowgate's pre-receive is hooks/pre-receive.d/flowgate" \
		launcher pre-receive "$SRV/hooks/pre-receive.d/flowgate"
	check "$flavour: the dispatcher is left as it was" cmp "$TMP/$flavour-dispatcher" "$SRV/hooks/pre-receive"
	check "$flavour: nothing is kept as pre-receive.pre-flowgate" test ! -e "$SRV/hooks/pre-receive.pre-flowgate"
	check "$flavour: no update is installed" test ! -e "$SRV/hooks/update.d/flowgate"
	expect_eq "$flavour: every other file of hooks/ as it was" \
		"$(tree_of "$SRV/hooks" | grep -v 'pre-receive.d/flowgate')" "$BEFORE"
	install_server --server "$SRV"
	expect_output "$flavour: installing again: already installed" \
		'^pre-receive: already installed as hooks/pre-receive.d/flowgate$'

	refused "$flavour: a bad commit is refused through the dispatcher" "$SRV" headerFormat bad:refs/heads/main
	rm -f "$SRV.log"
	accepted "$flavour: a good commit is accepted" "$SRV" good:refs/heads/main refs/heads/main "$GOOD"
	expect_eq "$flavour: the host's own pre-receive still runs" "$(cat "$SRV.log" 2>/dev/null)" \
		"gitea pre-receive refs/heads/main
gitea update refs/heads/main"

	install_server --server --with-update "$SRV"
	expect_eq "$flavour --with-update: exits 0" "$ST" 0
	check "$flavour --with-update: flowgate's update is hooks/update.d/flowgate" \
		launcher update "$SRV/hooks/update.d/flowgate"
	check "$flavour --with-update: the update dispatcher is left as it was" \
		test ! -e "$SRV/hooks/update.pre-flowgate"
	chmod -x "$SRV/hooks/pre-receive.d/flowgate"
	refused "$flavour --with-update: update refuses a bad ref through the dispatcher" "$SRV" headerFormat \
		bad:refs/heads/feature/x
	expect_output "$flavour --with-update: by update" '^remote: flowgate update: error: headerFormat:'
	chmod +x "$SRV/hooks/pre-receive.d/flowgate"
	# both run (update judges the ref again: Gitea's pre-receive is no flowgate's)
	refused "$flavour --with-update: with both, a bad ref is refused" "$SRV" headerFormat bad:refs/heads/feature/x
	accepted "$flavour --with-update: with both, a good ref is accepted" "$SRV" good:refs/heads/feature/ok \
		refs/heads/feature/ok "$GOOD"

	install_server --uninstall --server "$SRV"
	expect_eq "$flavour: --uninstall --server exits 0" "$ST" 0
	expect_output "$flavour: --uninstall names what it removed" '^pre-receive: removed hooks/pre-receive.d/flowgate$'
	expect_eq "$flavour: after --uninstall, hooks/ exactly as before" "$(tree_of "$SRV/hooks")" "$BEFORE"
done

# What an older install.sh left on Gitea: the dispatchers kept as
# <hook>.pre-flowgate, where they look for <hook>.pre-flowgate.d/ and run
# none of Gitea's hooks. Installing again puts them back.
SRV=$TMP/gitea-old.git
gitea_repo "$SRV" gitea
BEFORE=$(tree_of "$SRV/hooks")
for h in pre-receive update; do
	mv "$SRV/hooks/$h" "$SRV/hooks/$h.pre-flowgate"
	bin=$PR_BIN
	[ "$h" = update ] && bin=$UP_BIN
	launcher_for "$bin" "$SRV/hooks/$h" && chmod 755 "$SRV/hooks/$h"
done
install_server --server "$SRV"
expect_eq "gitea, an older install: exits 0" "$ST" 0
expect_output "gitea, an older install: says it puts the dispatcher back" \
	"^pre-receive: put Gitea's pre-receive back from pre-receive.pre-flowgate"
check "gitea, an older install: flowgate's pre-receive is in pre-receive.d/" \
	launcher pre-receive "$SRV/hooks/pre-receive.d/flowgate"
expect_eq "gitea, an older install: the rest of hooks/ as before the older install" \
	"$(tree_of "$SRV/hooks" | grep -v 'pre-receive.d/flowgate')" "$BEFORE"
rm -f "$SRV.log"
refused "gitea, an older install, repaired: a bad commit is refused" "$SRV" headerFormat bad:refs/heads/main
accepted "gitea, an older install, repaired: a good commit is accepted" "$SRV" good:refs/heads/main \
	refs/heads/main "$GOOD"
expect_eq "gitea, an older install, repaired: Gitea's own hooks ran" "$(grep -c . "$SRV.log" 2>/dev/null)" 3

# ==================================================================== GitLab
# Gitaly's runner, as a git hook in a directory of its own (Gitaly passes
# core.hooksPath on the receive-pack command line): for the hook it is named
# after, custom_hooks/<hook>, custom_hooks/<hook>.d/* then GLOBAL/<hook>.d/*,
# each sorted by name (dot files too: os.ReadDir), skipping names that end in
# "~", directories and files it cannot execute; the same stdin and
# arguments to each, with GitLab's environment; the first non-zero exit is
# the hook's.
GITALY=$TMP/gitaly-hooks
GLOBAL=$TMP/gitaly-custom-hooks
mkdir -p "$GITALY" "$GLOBAL"
for h in pre-receive update; do
	cat >"$GITALY/$h" <<EOF
#!/bin/sh
hook=\${0##*/}
repo=\$(cd "\${GIT_DIR:-.}" && pwd -P)
export GIT_DIR="\$repo" GL_ID=user-1 GL_USERNAME=tester GL_PROTOCOL=ssh \\
	GL_REPOSITORY=project-1 GL_PROJECT_PATH=group/project LC_ALL=C
input=\$(cat; echo .)
input=\${input%.}
for f in "\$repo/custom_hooks/\$hook" "\$repo/custom_hooks/\$hook.d"/.[!.]* "\$repo/custom_hooks/\$hook.d"/* \\
	"$GLOBAL/\$hook.d"/.[!.]* "$GLOBAL/\$hook.d"/*; do
	case \$f in *~) continue ;; esac
	[ -f "\$f" ] && [ -x "\$f" ] || continue
	printf '%s' "\$input" | "\$f" "\$@" || exit \$?
done
exit 0
EOF
	chmod 755 "$GITALY/$h"
done
GITLAB_PUSH=(--receive-pack="git -c core.hooksPath=$GITALY receive-pack")

SRV=$TMP/gitlab/@hashed/6b/86/6b86b273.git
mkdir -p "${SRV%/*}"
new_origin "$SRV"
# a site's own custom hook, run after flowgate's (sorted by name)
mkdir -p "$SRV/custom_hooks/pre-receive.d"
printf '#!/bin/sh\nwhile read -r o n r; do echo "site $r" >>"%s.log"; done\n' "$SRV" \
	>"$SRV/custom_hooks/pre-receive.d/zz-site"
chmod 755 "$SRV/custom_hooks/pre-receive.d/zz-site"
BEFORE_H=$(tree_of "$SRV/hooks") BEFORE_C=$(tree_of "$SRV/custom_hooks")
install_server --server "$SRV"
expect_eq "gitlab: install.sh --server exits 0" "$ST" 0
expect_output "gitlab: says where" \
	"^pre-receive: installed as custom_hooks/pre-receive.d/flowgate, which GitLab's Gitaly runs$"
check "gitlab: flowgate's pre-receive is custom_hooks/pre-receive.d/flowgate" \
	launcher pre-receive "$SRV/custom_hooks/pre-receive.d/flowgate"
check "gitlab: nothing in hooks/, which GitLab never runs" test ! -e "$SRV/hooks/pre-receive"
PUSH_ARGS=("${GITLAB_PUSH[@]}")
refused "gitlab: a bad commit is refused through Gitaly's runner" "$SRV" headerFormat bad:refs/heads/main
check "gitlab: the site's hook after flowgate's did not run" test ! -e "$SRV.log"
accepted "gitlab: a good commit is accepted" "$SRV" good:refs/heads/main refs/heads/main "$GOOD"
expect_eq "gitlab: the site's hook ran after flowgate's" "$(cat "$SRV.log" 2>/dev/null)" "site refs/heads/main"
install_server --server --with-update "$SRV"
check "gitlab --with-update: flowgate's update is custom_hooks/update.d/flowgate" \
	launcher update "$SRV/custom_hooks/update.d/flowgate"
chmod -x "$SRV/custom_hooks/pre-receive.d/flowgate"
refused "gitlab --with-update: update refuses a bad ref through Gitaly's runner" "$SRV" headerFormat \
	bad:refs/heads/feature/x
expect_output "gitlab --with-update: by update" 'flowgate update: error: headerFormat:'
chmod +x "$SRV/custom_hooks/pre-receive.d/flowgate"
refused "gitlab --with-update: with both, a bad ref is refused" "$SRV" headerFormat bad:refs/heads/feature/x
accepted "gitlab --with-update: with both, a good ref is accepted" "$SRV" good:refs/heads/feature/ok \
	refs/heads/feature/ok "$GOOD"
PUSH_ARGS=()
install_server --uninstall --server "$SRV"
expect_eq "gitlab: --uninstall --server exits 0" "$ST" 0
expect_eq "gitlab: after --uninstall, hooks/ as before" "$(tree_of "$SRV/hooks")" "$BEFORE_H"
expect_eq "gitlab: after --uninstall, custom_hooks/ as before" "$(tree_of "$SRV/custom_hooks")" "$BEFORE_C"

# found by gitlab.fullpath; no custom_hooks/ before: none after --uninstall
SRV=$TMP/gitlab-fullpath.git
new_origin "$SRV"
git -C "$SRV" config gitlab.fullpath group/project
# an older install.sh's hook in hooks/, which GitLab never runs
launcher_for "$PR_BIN" "$SRV/hooks/pre-receive" && chmod 755 "$SRV/hooks/pre-receive"
install_server --server "$SRV"
check "gitlab.fullpath: flowgate's pre-receive is custom_hooks/pre-receive.d/flowgate" \
	launcher pre-receive "$SRV/custom_hooks/pre-receive.d/flowgate"
check "gitlab.fullpath: the older install's hooks/pre-receive is taken out" test ! -e "$SRV/hooks/pre-receive"
expect_output "gitlab.fullpath: says why" \
	'^pre-receive: removed \(flowgate.s, from an earlier install: GitLab never runs hooks/\)'
PUSH_ARGS=("${GITLAB_PUSH[@]}")
refused "gitlab.fullpath: a bad commit is refused" "$SRV" headerFormat bad:refs/heads/main
PUSH_ARGS=()
install_server --uninstall --server "$SRV"
check "gitlab.fullpath: --uninstall leaves no custom_hooks/" test ! -e "$SRV/custom_hooks"

# the server-wide directory (Gitaly's hooks.custom_hooks_dir)
SRV=$TMP/gitlab-global/@hashed/d4/73/d4735e3a.git
mkdir -p "${SRV%/*}"
new_origin "$SRV"
BEFORE=$(tree_of "$GLOBAL")
install_server --server --custom-hooks-dir "$GLOBAL"
expect_eq "gitlab --custom-hooks-dir: exits 0" "$ST" 0
check "gitlab --custom-hooks-dir: flowgate's pre-receive is DIR/pre-receive.d/flowgate" \
	launcher pre-receive "$GLOBAL/pre-receive.d/flowgate"
expect_output "gitlab --custom-hooks-dir: prints the allowRefs command for every repository" \
	"git config --system --add flowgate.allowRefs 'refs/merge-requests/\*'"
check "gitlab --custom-hooks-dir: the repository is not touched" test ! -e "$SRV/custom_hooks"
PUSH_ARGS=("${GITLAB_PUSH[@]}")
refused "gitlab --custom-hooks-dir: a bad commit is refused" "$SRV" headerFormat bad:refs/heads/main
accepted "gitlab --custom-hooks-dir: a good commit is accepted" "$SRV" good:refs/heads/main refs/heads/main "$GOOD"
PUSH_ARGS=()
install_server --uninstall --server --custom-hooks-dir "$GLOBAL"
expect_eq "gitlab --custom-hooks-dir: --uninstall exits 0" "$ST" 0
expect_eq "gitlab --custom-hooks-dir: after --uninstall, DIR as before" "$(tree_of "$GLOBAL")" "$BEFORE"
install_server --server --custom-hooks-dir "$TMP/no-such-dir"
expect_eq "gitlab --custom-hooks-dir: a missing DIR: exits 1" "$ST" 1
expect_output "gitlab --custom-hooks-dir: a missing DIR: says so" '^install.sh: error: not a directory: '

# ================================================================== gitolite
# gitolite 3 links ~/.gitolite/hooks/common/update into every repository; a
# stand-in that logs the ref and allows it (gitolite's applies its rules).
GL=$TMP/gitolite
mkdir -p "$GL/.gitolite/hooks/common" "$GL/local/hooks"
cat >"$GL/.gitolite/hooks/common/update" <<EOF
#!/bin/sh
# gitolite update hook (a stand-in: gitolite's, use Gitolite::Hooks::Update,
# checks the pusher's access to the ref)
echo "gitolite update \$1" >>"$GL/update.log"
EOF
chmod 755 "$GL/.gitolite/hooks/common/update"
SRV=$GL/repositories/project.git
mkdir -p "${SRV%/*}"
new_origin "$SRV"
ln -s "$GL/.gitolite/hooks/common/update" "$SRV/hooks/update"
BEFORE=$(tree_of "$SRV/hooks")
install_server --server "$SRV"
expect_eq "gitolite: install.sh --server exits 0" "$ST" 0
expect_eq "gitolite: hooks/update is still gitolite's link" "$(readlink "$SRV/hooks/update")" \
	"$GL/.gitolite/hooks/common/update"
check "gitolite: nothing kept as update.pre-flowgate" test ! -e "$SRV/hooks/update.pre-flowgate"
check "gitolite: flowgate's pre-receive is hooks/pre-receive" launcher pre-receive "$SRV/hooks/pre-receive"
expect_output "gitolite: says gitolite's update is left alone" 'its update hook \(hooks/update\) is left as it is'
expect_output "gitolite: prints gitolite's own way: option hook.pre-receive" 'option hook\.pre-receive = flowgate'
expect_output "gitolite: ... the repo-specific hooks directory" \
	"ln -sf $PR_BIN ~/local/hooks/repo-specific/flowgate"
expect_output "gitolite: ... the rc settings" "LOCAL_CODE => \"\\\$ENV\{HOME\}/local\", and 'repo-specific-hooks' in the ENABLE list"
refused "gitolite: a bad commit is refused by pre-receive" "$SRV" headerFormat bad:refs/heads/main
accepted "gitolite: a good commit is accepted" "$SRV" good:refs/heads/main refs/heads/main "$GOOD"
expect_eq "gitolite: gitolite's update ran for it (and only for it)" "$(cat "$GL/update.log" 2>/dev/null)" \
	"gitolite update refs/heads/main"
install_server --server --with-update "$SRV"
expect_eq "gitolite --with-update: exits 0" "$ST" 0
expect_output "gitolite --with-update: says why update is not installed" \
	"^update: not installed: hooks/update is gitolite's update hook"
expect_eq "gitolite --with-update: hooks/update is still gitolite's link" "$(readlink "$SRV/hooks/update")" \
	"$GL/.gitolite/hooks/common/update"
install_server --uninstall --server "$SRV"
expect_eq "gitolite: --uninstall --server exits 0" "$ST" 0
expect_eq "gitolite: after --uninstall, hooks/ exactly as before" "$(tree_of "$SRV/hooks")" "$BEFORE"

# What an older install.sh did (the cause of "DENIED by fallthru"):
# gitolite's update kept as update.pre-flowgate. Installing again puts it back.
mv "$SRV/hooks/update" "$SRV/hooks/update.pre-flowgate"
launcher_for "$UP_BIN" "$SRV/hooks/update" && chmod 755 "$SRV/hooks/update"
install_server --server "$SRV"
expect_eq "gitolite, an older install: exits 0" "$ST" 0
expect_eq "gitolite, an older install: gitolite's update is back" "$(readlink "$SRV/hooks/update")" \
	"$GL/.gitolite/hooks/common/update"
check "gitolite, an older install: no update.pre-flowgate is left" test ! -e "$SRV/hooks/update.pre-flowgate"
install_server --uninstall --server "$SRV"

# gitolite's repo-specific hook driver at hooks/pre-receive (it runs
# hooks/pre-receive.h00-* found by its own name): refused, nothing changed
cat >"$GL/local/hooks/multi-hook-driver" <<'EOF'
#!/bin/sh
# a stand-in for gitolite's multi-hook-driver (triggers/repo-specific-hooks)
stdin=`cat`
for h in $0.*; do
	[ -x $h ] || continue
	echo "$stdin" | $h || { [ $0 = hooks/pre-receive ] && exit 1; }
done
EOF
chmod 755 "$GL/local/hooks/multi-hook-driver"
ln -s "$GL/local/hooks/multi-hook-driver" "$SRV/hooks/pre-receive"
BEFORE=$(tree_of "$SRV/hooks")
install_server --server "$SRV"
expect_eq "gitolite's hook driver: install.sh --server exits 1" "$ST" 1
expect_output "gitolite's hook driver: one error line, with the fix" \
	"^install.sh: error: pre-receive: not installed: hooks/pre-receive is gitolite's repo-specific hook driver.*'option hook.pre-receive = flowgate'"
expect_eq "gitolite's hook driver: hooks/ unchanged" "$(tree_of "$SRV/hooks")" "$BEFORE"

# ===================================================== other dispatchers
# a dispatcher named from $0 with no <hook>.d/: refused, nothing changed
SRV=$TMP/dispatch.git
new_origin "$SRV"
cat >"$SRV/hooks/pre-receive" <<'EOF'
#!/bin/sh
# runs every hook in <dir>/<name>-parts/
name=$(basename -- "$0")
input=$(cat)
for h in "$(dirname -- "$0")/$name-parts"/*; do
	[ -x "$h" ] && printf '%s\n' "$input" | "$h" || exit 1
done
EOF
chmod 755 "$SRV/hooks/pre-receive"
BEFORE=$(tree_of "$SRV/hooks")
install_server --server "$SRV"
expect_eq "dispatcher without pre-receive.d/: exits 1" "$ST" 1
expect_eq "dispatcher without pre-receive.d/: one error line" "$(grep -c '^install.sh: error: ' "$LAST_OUT")" 1
expect_output "dispatcher without pre-receive.d/: it names the problem and the fix" \
	"^install.sh: error: pre-receive: not installed: hooks/pre-receive runs the hooks it finds by its own name \(\\\$0\).*make it run $PR_BIN"
expect_eq "dispatcher without pre-receive.d/: hooks/ unchanged" "$(tree_of "$SRV/hooks")" "$BEFORE"

# one with a pre-receive.d/ (the usual "run every <hook>.d/ script" runner)
cat >"$SRV/hooks/pre-receive" <<'EOF'
#!/bin/bash
script_dir=$(dirname $0)
hook_name=$(basename $0)
input=$(cat)
for s in "$script_dir/$hook_name.d"/*; do
	if [ -x "$s" ]; then echo "$input" | "$s" || exit $?; fi
done
EOF
mkdir "$SRV/hooks/pre-receive.d"
BEFORE=$(tree_of "$SRV/hooks")
install_server --server "$SRV"
expect_eq "dispatcher with pre-receive.d/: exits 0" "$ST" 0
check "dispatcher with pre-receive.d/: flowgate's is pre-receive.d/flowgate" \
	launcher pre-receive "$SRV/hooks/pre-receive.d/flowgate"
check "dispatcher with pre-receive.d/: nothing kept as pre-receive.pre-flowgate" \
	test ! -e "$SRV/hooks/pre-receive.pre-flowgate"
refused "dispatcher with pre-receive.d/: a bad commit is refused" "$SRV" headerFormat bad:refs/heads/main
install_server --uninstall --server "$SRV"
expect_eq "dispatcher with pre-receive.d/: after --uninstall, hooks/ as before" "$(tree_of "$SRV/hooks")" "$BEFORE"

# control: a script that names $0 in a message only is kept, as before
SRV=$TMP/not-dispatch.git
new_origin "$SRV"
printf '#!/bin/sh\ncat >/dev/null\necho "$0: checked" >&2\n' >"$SRV/hooks/pre-receive"
chmod 755 "$SRV/hooks/pre-receive"
install_server --server "$SRV"
expect_eq "a script naming \$0 in a message: exits 0" "$ST" 0
expect_output "a script naming \$0 in a message: kept as pre-receive.pre-flowgate" \
	'^pre-receive: installed \(kept existing hook as pre-receive.pre-flowgate\)$'

# ======================================== faults in a <hook>.d/ directory
# install.sh (--server, then --uninstall --server) with its N-th file
# operation failing, or the last before it is killed: the dispatcher and
# the host's own hooks are untouched; <hook>.d/flowgate is absent or the
# complete launcher; no other file a host would run appears (Gitea's glob
# skips dot files, Gitaly names ending in "~"); exit 0 only when complete;
# a re-run completes.
SHIMS=$TMP/shims
COUNTER=$TMP/fault.count
fault_shims "$SHIMS"
REAL_PATH=$PATH

# run_faulty AT MODE ARGS...: as in test_faults.sh: install.sh ARGS with
# the AT-th file operation made to go wrong (0: none); ST, OPS.
run_faulty() {
	local at=$1 mode=$2
	shift 2
	rm -f -- "$COUNTER" "$COUNTER.log"
	(
		env PATH="$SHIMS:$REAL_PATH" FLOWGATE_FAULT_PATH="$REAL_PATH" \
			FLOWGATE_FAULT_COUNTER="$COUNTER" FLOWGATE_FAULT_AT="$at" FLOWGATE_FAULT_MODE="$mode" \
			setsid -w "$INSTALL" "$@" >"$LAST_OUT" 2>&1 </dev/null
		exit $?
	) 2>/dev/null
	ST=$?
	OPS=0
	if [ -s "$COUNTER" ]; then read -r OPS <"$COUNTER"; fi
}

# host_files DIR: the files of DIR (a <hook>.d/) a host would run: Gitea's
# glob (no dot files), Gitaly (no names ending in "~"), executable.
host_files() {
	local f
	for f in "$1"/* "$1"/.[!.]*; do
		[ -f "$f" ] && [ -x "$f" ] || continue
		case ${f##*/} in
		.*~) ;;
		*) printf '%s\n' "${f##*/}" ;;
		esac
	done | LC_ALL=C sort
}

# what install.sh may add: flowgate's file and its temporary copies
FAULT_OURS='/flowgate( |$)|[.]flowgate[.]'

# fault_case LABEL REPO_SETUP DDIR ARGS...: for MODE fail and kill and every
# N, a fresh repository made by REPO_SETUP, install.sh ARGS interrupted at N.
fault_case() {
	local label=$1 setup=$2 ddir=$3 mode n total problem expect pristine
	shift 3
	for mode in fail kill; do
		"$setup"
		pristine=$(tree_of "$FSRV/hooks" | grep -v -E "$FAULT_OURS")
		expect=$(host_files "$ddir")
		run_faulty 0 "$mode" "$@"
		total=$OPS
		if [ "$ST" -ne 0 ] || [ "$total" -lt 3 ]; then
			not_ok "$label: a run without fault exits 0 (exit $ST, $total operations)"
			continue
		fi
		problem=
		for n in $(seq 1 "$total"); do
			"$setup"
			run_faulty "$n" "$mode" "$@"
			p=
			if [ -e "$ddir/flowgate" ] && ! launcher pre-receive "$ddir/flowgate"; then
				p="$p; pre-receive.d/flowgate is half-written"
			fi
			got=$(host_files "$ddir" | grep -v -x flowgate)
			[ "$got" = "$(printf '%s\n' "$expect" | grep -v -x flowgate)" ] ||
				p="$p; a host would run: $(printf '%s' "$got" | tr '\n' ' ')"
			if [ "$ST" -eq 0 ] && [ ! -e "$ddir/flowgate" ]; then p="$p; exit 0 but not installed"; fi
			[ "$(tree_of "$FSRV/hooks" | grep -v -E "$FAULT_OURS")" = "$pristine" ] ||
				p="$p; a file of hooks/ that is not flowgate's changed"
			"$INSTALL" "$@" >/dev/null 2>&1 || p="$p; the re-run exits $?"
			launcher pre-receive "$ddir/flowgate" || p="$p; the re-run does not install"
			[ -z "$(find "$ddir" -name '.*.flowgate.*')" ] || p="$p; temporary files left"
			[ -n "$p" ] && problem="$problem; at $n ($(sed -n "s/^$n \([^ ]*\).*/\1/p" "$COUNTER.log")):${p#;}"
		done
		if [ -z "$problem" ]; then ok "$label, $mode at each of $total operations: old or new, a re-run installs"
		else
			printf '%s\n' "${problem#; }" >"$LAST_OUT"
			not_ok "$label, $mode at each of $total operations: old or new, a re-run installs"
		fi
	done
}

FSRV=$TMP/fault-gitea.git
fault_gitea() { rm -rf "$FSRV" "$FSRV.log" && gitea_repo "$FSRV" gitea; }
fault_case "gitea: install" fault_gitea "$FSRV/hooks/pre-receive.d" --server "$FSRV"
FSRV=$TMP/fault-gitlab/@hashed/4e/07/4e07408562.git
fault_gitlab() { rm -rf "$FSRV" && mkdir -p "${FSRV%/*}" && new_origin "$FSRV"; }
fault_case "gitlab: install" fault_gitlab "$FSRV/custom_hooks/pre-receive.d" --server "$FSRV"

# uninstall, interrupted: flowgate's file is there or not, the host's hooks
# intact; a re-run takes it out and leaves the repository's hooks as before
uninstall_faults() {
	local label=$1 setup=$2 ddir=$3 mode n total problem pristine
	for mode in fail kill; do
		"$setup"
		pristine=$(tree_of "$FSRV/hooks")
		[ ! -d "$FSRV/custom_hooks" ] || pristine="$pristine$(tree_of "$FSRV/custom_hooks")"
		"$INSTALL" --server "$FSRV" >/dev/null 2>&1
		run_faulty 0 "$mode" --uninstall --server "$FSRV"
		total=$OPS problem=
		for n in $(seq 1 "$total"); do
			"$setup"
			"$INSTALL" --server "$FSRV" >/dev/null 2>&1
			p=
			launcher pre-receive "$ddir/flowgate" || p="$p; not installed in ${ddir##*/}/"
			run_faulty "$n" "$mode" --uninstall --server "$FSRV"
			if [ -e "$ddir/flowgate" ] && ! launcher pre-receive "$ddir/flowgate"; then
				p="$p; half a file"
			fi
			[ "$ST" -ne 0 ] || [ ! -e "$ddir/flowgate" ] || p="$p; exit 0 but still installed"
			"$INSTALL" --uninstall --server "$FSRV" >/dev/null 2>&1 || p="$p; the re-run exits $?"
			got=$(tree_of "$FSRV/hooks")
			[ ! -d "$FSRV/custom_hooks" ] || got="$got$(tree_of "$FSRV/custom_hooks")"
			[ "$got" = "$pristine" ] || p="$p; the hooks not as before after the re-run"
			[ -n "$p" ] && problem="$problem; at $n:${p#;}"
		done
		if [ -z "$problem" ]; then ok "$label: uninstall, $mode at each of $total operations: a re-run restores the hooks"
		else
			printf '%s\n' "${problem#; }" >"$LAST_OUT"
			not_ok "$label: uninstall, $mode at each of $total operations: a re-run restores the hooks"
		fi
	done
}
FSRV=$TMP/fault-gitea.git
uninstall_faults gitea fault_gitea "$FSRV/hooks/pre-receive.d"
FSRV=$TMP/fault-gitlab/@hashed/4e/07/4e07408562.git
uninstall_faults gitlab fault_gitlab "$FSRV/custom_hooks/pre-receive.d"
