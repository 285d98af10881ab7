# End-to-end tests of repositories another user owns (issue 19, item 1):
# git applies safe.directory before it runs any hook, so a hook must not
# refuse the repository again for its owner (libgit2's own check, which
# knows no safe.directory = '*'). Driven by real git as root against
# repositories chown'ed to nobody inside this test's folder, and by git run
# as nobody (setpriv) against a group-shared repository root owns, as a web
# server pushes over Smart HTTP. The flowgate command run by a user does
# what git does: it refuses such a repository unless safe.directory allows
# it. Needs root (chown, setpriv): otherwise a "# skip" line.
# Run: FLOWGATE_BUILD=/abs/build bash tests/e2e/test_server_owner.sh

. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null 2>&1 ||
	! getent passwd nobody >/dev/null; then
	echo "# skip - repositories of another user: needs root, setpriv and the user nobody"
	exit 0
fi
NOBODY_UID=$(id -u nobody)
NOBODY_GID=$(getent group nogroup | cut -d: -f3)
: "${NOBODY_GID:=$NOBODY_UID}"
FLOWGATE=$FLOWGATE_BUILD/flowgate
tick

# as_nobody CMD...: CMD run as nobody (and group nogroup), HOME $NOHOME.
NOHOME=$TMP/nobody-home
as_nobody() {
	setpriv --reuid="$NOBODY_UID" --regid="$NOBODY_GID" --clear-groups \
		env HOME="$NOHOME" XDG_CONFIG_HOME="$NOHOME/.config" "$@"
}

# push_to ARGS...: git push ARGS... from the cwd (output in LAST_OUT, status
# in PUSH_STATUS).
push_to() {
	git push "$@" >"$LAST_OUT" 2>&1
	PUSH_STATUS=$?
}

# no_owner_refusal LABEL: the last output names no ownership problem.
no_owner_refusal() {
	expect_no_output "$1: no refusal for the repository's owner" \
		'not owned by current user|dubious ownership|safe\.directory|fatal: cannot open'
}

# ================================================ the server, owned by nobody
SRV=$TMP/srv.git
new_origin "$SRV"
"$TOP/install.sh" --server --with-update "$SRV" >"$LAST_OUT" 2>&1 || not_ok "install.sh --server"
chown -R nobody "$SRV"
expect_eq "setup: the server repository belongs to nobody" "$(stat -c %U "$SRV")" nobody

C=$TMP/client
new_repo "$C"
cd "$C" || exit 1
set_version 0.1.0-dev
git commit -q -m 'chore: initial commit'

# git itself refuses the repository without safe.directory: the hook never runs.
push_to "$SRV" main
expect_eq "no safe.directory: git refuses the push (exit 128)" "$PUSH_STATUS" 128
expect_output "no safe.directory: git says why (dubious ownership)" 'dubious ownership'
expect_no_output "no safe.directory: no flowgate hook ran" 'remote: flowgate'

git config --global safe.directory '*'
push_to "$SRV" main
expect_eq "good push to nobody's repository, safe.directory '*': git push exits 0" \
	"$PUSH_STATUS" 0
no_owner_refusal "good push to nobody's repository"
expect_eq "good push to nobody's repository: main moved" \
	"$(git -C "$SRV" rev-parse -q --verify refs/heads/main)" "$(head_oid)"

tick
printf 'x\n' >>notes.txt
git add notes.txt
git commit -q -m 'Fixed stuff'
bad=$(head_oid)
push_to "$SRV" main
expect_eq "bad push to nobody's repository: git push exits 1" "$PUSH_STATUS" 1
expect_output "bad push to nobody's repository: refused for the rule (headerFormat)" \
	'^remote: flowgate pre-receive: error: headerFormat: '
no_owner_refusal "bad push to nobody's repository"
expect_fail "bad push to nobody's repository: the commit is not on the server" \
	git -C "$SRV" merge-base --is-ancestor "$bad" refs/heads/main
git reset -q --hard HEAD~1

# The update hook alone (a host that runs only per-ref hooks).
rm "$SRV/hooks/pre-receive"
push_to "$SRV" "$bad:refs/heads/main"
expect_eq "update hook alone, nobody's repository: git push exits 1" "$PUSH_STATUS" 1
expect_output "update hook alone, nobody's repository: refused for the rule" \
	'^remote: flowgate update: error: headerFormat: '
no_owner_refusal "update hook alone, nobody's repository"
git config --global --unset-all safe.directory

# ====================== a shared repository root owns, pushed to as nobody
# As a web server's user pushes (Smart HTTP) into a repository of the git
# user: group-writable, core.sharedRepository = group.
chmod 755 "$TMP"
mkdir -p "$NOHOME"
chown nobody "$NOHOME"
SHARED=$TMP/shared.git
git init -q --bare --shared=group -b main "$SHARED"
# the hooks as nobody can run them (a copy when the checkout is closed to it)
FLOWGATE_BUILD=$(build_for nobody) "$TOP/install.sh" --server "$SHARED" >"$LAST_OUT" 2>&1 ||
	not_ok "install.sh --server (shared)"
chgrp -R "$NOBODY_GID" "$SHARED"
chmod -R g+rwX "$SHARED"
NC=$TMP/nobody-client
mkdir "$NC"
chown nobody "$NC"
cd "$NC" || exit 1
as_nobody git config --global init.defaultBranch main
as_nobody git init -q
tick
as_nobody sh -c 'printf "0.1.0-dev\n" >v.txt && git add v.txt &&
	git -c user.name=N -c user.email=n@example.com commit -q -m "chore: initial commit"'
git_as_nobody_push() {
	as_nobody git push "$@" >"$LAST_OUT" 2>&1
	PUSH_STATUS=$?
}
git_as_nobody_push "$SHARED" main
expect_eq "push as nobody, no safe.directory: git refuses" "$PUSH_STATUS" 128
expect_output "push as nobody, no safe.directory: git says why" 'dubious ownership'

as_nobody git config --global safe.directory '*'
git_as_nobody_push "$SHARED" main
expect_eq "good push as nobody into root's shared repository: git push exits 0" \
	"$PUSH_STATUS" 0
no_owner_refusal "good push as nobody into root's shared repository"
tick
as_nobody sh -c 'printf "x\n" >>v.txt && git add v.txt &&
	git -c user.name=N -c user.email=n@example.com commit -q -m "wip"'
git_as_nobody_push "$SHARED" main
expect_eq "bad push as nobody into root's shared repository: git push exits 1" \
	"$PUSH_STATUS" 1
expect_output "bad push as nobody into root's shared repository: refused for the rule" \
	'^remote: flowgate pre-receive: error: headerFormat: '
no_owner_refusal "bad push as nobody into root's shared repository"

# ================================================= a clone owned by nobody
CL=$TMP/clone
new_repo "$CL"
install_flowgate "$CL" || not_ok "install.sh in the clone"
cd "$CL" || exit 1
set_version 0.1.0-dev
git commit -q -m 'chore: initial commit'
chown -R nobody "$CL"
git config --global safe.directory '*'
tick
printf 'x\n' >>notes.txt
git add notes.txt
expect_ok "commit-msg in nobody's clone, safe.directory '*': a good message is committed" \
	git commit -q -m 'feat: add notes'
no_owner_refusal "commit-msg in nobody's clone (good message)"
tick
printf 'y\n' >>notes.txt
git add notes.txt
expect_status "commit-msg in nobody's clone: a bad message is refused (exit 1)" 1 \
	git commit -q -m 'Fixed stuff'
expect_output "commit-msg in nobody's clone: refused for the rule (headerFormat)" \
	'^flowgate commit-msg: error: headerFormat: '
no_owner_refusal "commit-msg in nobody's clone (bad message)"
expect_ok "pre-commit and commit-msg through 'flowgate hook' in nobody's clone" \
	sh -c 'printf "feat: more notes\n" >"$1/msg" && "$2" hook commit-msg "$1/msg"' _ "$TMP" \
	"$FLOWGATE"
git reset -q

# ======================= the flowgate command, run by a user: as git decides
# git's own verdict (rev-parse) and flowgate's (check-range) on the same
# clone, for each safe.directory setting: the same, and flowgate's refusal
# names safe.directory.
check_like_git() {
	local label=$1 want=$2 git_status fg_status
	git rev-parse HEAD >/dev/null 2>&1
	git_status=$?
	"$FLOWGATE" check-range HEAD~1..HEAD >"$LAST_OUT" 2>&1
	fg_status=$?
	if [ "$want" = allowed ]; then
		expect_eq "flowgate check-range in nobody's clone, $label: git allows it" "$git_status" 0
		expect_eq "flowgate check-range in nobody's clone, $label: so does flowgate (exit 0)" \
			"$fg_status" 0
	else
		expect_eq "flowgate check-range in nobody's clone, $label: git refuses it (exit 128)" \
			"$git_status" 128
		expect_eq "flowgate check-range in nobody's clone, $label: so does flowgate (exit 3)" \
			"$fg_status" 3
		expect_output "flowgate check-range in nobody's clone, $label: the refusal names safe.directory" \
			'safe\.directory'
	fi
}
git config --global --unset-all safe.directory
check_like_git "no safe.directory" refused
git config --global safe.directory '*'
check_like_git "safe.directory '*'" allowed
git config --global --add safe.directory ''
check_like_git "'*' then '' (the list cleared)" refused
git config --global --add safe.directory "$CL"
check_like_git "the clone's own path" allowed
git config --global --replace-all safe.directory "$CL/"
check_like_git "the path with a final slash (git compares it as written)" refused
git config --global --replace-all safe.directory "$TMP/other"
check_like_git "another path" refused
expect_ok "flowgate check-range in nobody's clone, safe.directory '*' from git -c (GIT_CONFIG_PARAMETERS)" \
	env GIT_CONFIG_PARAMETERS="'safe.directory'='*'" "$FLOWGATE" check-range HEAD~1..HEAD
# A repository's own config cannot vouch for itself.
git config safe.directory '*' 2>/dev/null || printf '[safe]\n\tdirectory = *\n' >>.git/config
check_like_git "'*' in the clone's own config (ignored)" refused
git config --global --unset-all safe.directory
# git checks no owner when GIT_DIR names the repository.
expect_ok "flowgate check-range with GIT_DIR set, nobody's clone: allowed, as git does" \
	env GIT_DIR="$CL/.git" "$FLOWGATE" check-range HEAD~1..HEAD
