# End-to-end tests of the server hooks on real Smart HTTP hosting: Apache 2
# (Debian's, installed with apt-get when root) running git-http-backend with
# basic authentication on 127.0.0.1, from this test's temporary folder
# (tests/e2e/http_server.sh), serving bare repositories that
# `install.sh --server` equipped, pushed to by real `git push` from a clone
# without hooks. Asserted: Apache's authentication and git's
# http.receivepack gate pushes before any hook; good commits, branches and
# tags are accepted; bad ones are refused with the rule and its hint as
# `remote:` lines, the server's refs byte-for-byte unchanged and the pushed
# objects not kept; 30 pushes at once (some to the same ref) lose nothing
# and let nothing bad in, and `git fsck` stays clean. git-http-backend runs
# as www-data, which owns the repositories; one repository owned by root and
# shared with www-data's group, allowed by git's safe.directory, is pushed to
# as well (its cases are named "[owner]": they pass once the hooks open the
# repository without libgit2's owner validation).
# Run: FLOWGATE_BUILD=/abs/build bash tests/e2e/test_http.sh (or sh tests/e2e/run.sh).

. "$(dirname "$0")/lib.sh"
. "$E2E_DIR/http_server.sh"
. "$E2E_DIR/server_lib.sh"
only_once "Apache 2 with git-http-backend"

cleanup() {
	storm_kill
	http_stop
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export GIT_EDITOR=true GIT_TERMINAL_PROMPT=0

why=$(http_need) || skip_all "Smart HTTP through Apache: $why"
chmod 755 "$TMP"
HDIR=$TMP/http
if http_start "$HDIR"; then
	ok "Apache with git-http-backend listens on 127.0.0.1:$HTTP_PORT (pid $HTTP_PID)"
else
	cp -- "$HDIR/error.log" "$LAST_OUT" 2>/dev/null
	not_ok "Apache with git-http-backend starts on 127.0.0.1"
	exit 1
fi
http_add_user alice s3cret
AUTH=alice:s3cret@127.0.0.1:$HTTP_PORT
BUILD=$(build_for "$HTTP_USER") || {
	not_ok "the hooks are reachable by $HTTP_USER"
	exit 1
}

tick

# ------------------------------------------------------------------ helpers
# new_http_repo NAME: $HDIR/repos/NAME.git, bare, with the server hooks
# (install.sh --server) and http.receivepack on, owned by www-data; sets SRV.
new_http_repo() {
	SRV=$HDIR/repos/$1.git
	new_origin "$SRV"
	FLOWGATE_BUILD=$BUILD "$TOP/install.sh" --server "$SRV" >"$LAST_OUT" 2>&1 ||
		not_ok "$1: install.sh --server"
	git -C "$SRV" config http.receivepack true
	http_own "$SRV"
}

# ====================================================== the server's repository
new_http_repo srv
URL=http://$AUTH/git/srv.git
n=$(stat -c %U "$SRV/objects" "$SRV/refs" "$SRV/hooks/pre-receive" | sort -u)
expect_eq "srv.git: owned by $HTTP_USER, which runs git-http-backend" "$n" "$HTTP_USER"

C=$TMP/client
new_repo "$C"
cd "$C" || exit 1
n=$(find .git/hooks -type f ! -name '*.sample' | wc -l)
expect_eq "client: the clone has no hook" "$n" 0
set_version 0.1.0-dev
git commit -q -m 'chore: initial commit'
m1=$(head_oid)

# ========================================================= authentication
do_push "http://127.0.0.1:$HTTP_PORT/git/srv.git" main
expect_eq "no credentials: git push fails" "$([ "$PUSH_STATUS" -ne 0 ] && echo failed)" failed
expect_output "no credentials: Apache asks for them (401)" "could not read Username|401"
expect_eq "no credentials: the server's refs are unchanged" "$STATE_AFTER" "$STATE_BEFORE"
do_push "http://alice:wrong@127.0.0.1:$HTTP_PORT/git/srv.git" main
expect_eq "wrong password: git push fails" "$([ "$PUSH_STATUS" -ne 0 ] && echo failed)" failed
expect_output "wrong password: authentication failed" "Authentication failed|401"
expect_eq "wrong password: the server's refs are unchanged" "$STATE_AFTER" "$STATE_BEFORE"

# ========================================================= good pushes
accepted "good push (new branch main)" "refs/heads/main=$m1" "$URL" main
work 'feat: add the parser'
m2=$(head_oid)
accepted "good push (fast-forward of main)" "refs/heads/main=$m2" "$URL" main
expect_no_output "good push: the update hook says nothing" '^remote: flowgate update'

# ========================================================= bad pushes
git checkout -q -b feature/x
work 'feat: first step'
work 'update stuff'
bad=$(head_oid)
work 'feat: third step'
refused "bad message on a new branch" headerFormat "start with a type and a colon" \
	"$(new_objects feature/x)" "$URL" feature/x
expect_output "bad message: the error names the bad commit" \
	"headerFormat: commit $(printf %s "$bad" | cut -c1-12): "
git checkout -q main

git checkout -q -b Bad_Name
work 'feat: on a badly named branch'
refused "badly named branch" branchName "push it under a workflow name: git push <remote> 'Bad_Name':feature/bad_name" \
	"$(new_objects Bad_Name)" "$URL" Bad_Name
git checkout -q main

tick
git commit -q --amend -m 'feat: add the parser, reworded'
refused "force push to main" branchProtected 'git pull --rebase' "$(new_objects HEAD)" \
	--force "$URL" main
git reset -q --hard "$m2"
refused "deletion of main" branchProtected 'protected branches are never deleted' "" "$URL" :main

# ================================================================ tags
git checkout -q -b release/0.1.x main
tick
set_version 0.1.0
git commit -q -m 'chore: prepare release 0.1.0'
rel=$(head_oid)
accepted "release/0.1.x pushed" "refs/heads/release/0.1.x=$rel" "$URL" release/0.1.x
git tag v0.1.0
refused "lightweight tag v0.1.0" tagAnnotated "recreate it annotated: git tag -f -a v0\.1\.0 " "" \
	"$URL" v0.1.0
git tag -d v0.1.0 >/dev/null
tick
git tag -m 'release: 0.1.0' v0.1.0
tag=$(git rev-parse v0.1.0)
accepted "annotated v0.1.0 matching the version files" "refs/tags/v0.1.0=$tag" "$URL" v0.1.0
tick
git tag -m 'hotfix: 0.1.1' v0.1.1 "$rel"
refused "annotated v0.1.1 on a commit whose files say 0.1.0" tagVersionMatch \
	"tag the commit that sets the version to 0\.1\.1" "$(new_objects v0.1.1)" "$URL" v0.1.1
git tag -d v0.1.1 >/dev/null
refused "deletion of release tag v0.1.0" branchProtected 'a release stays released' "" \
	"$URL" :refs/tags/v0.1.0
git checkout -q main

# ======================================================= http.receivepack
SRV0=$SRV
new_http_repo closed
git -c safe.directory='*' -C "$SRV" config http.receivepack false
do_push "http://$AUTH/git/closed.git" main
expect_eq "http.receivepack false: git push fails" "$([ "$PUSH_STATUS" -ne 0 ] && echo failed)" failed
expect_output "http.receivepack false: git-http-backend refuses the service (403)" '403'
expect_no_output "http.receivepack false: no hook ran" 'remote: flowgate'
expect_eq "http.receivepack false: the server's refs are unchanged" "$STATE_AFTER" "$STATE_BEFORE"

# ========================== a repository owned by root, shared with www-data
# The way a group shares a repository with the web server: root owns it,
# www-data's group may write (core.sharedRepository = group), and git's
# safe.directory lets www-data's git use it.
SRV=$HDIR/repos/shared.git
git init -q --bare --shared=group -b main "$SRV"
FLOWGATE_BUILD=$BUILD "$TOP/install.sh" --server "$SRV" >"$LAST_OUT" 2>&1 ||
	not_ok "shared.git: install.sh --server"
chgrp -R "$HTTP_GROUP" "$SRV"
chmod -R g+w "$SRV"
expect_eq "shared.git: owned by root, not by $HTTP_USER" "$(stat -c %U "$SRV/objects")" root
do_push "http://$AUTH/git/shared.git" main
expect_eq "control: shared.git without safe.directory: git push fails" \
	"$([ "$PUSH_STATUS" -ne 0 ] && echo failed)" failed
expect_eq "control: shared.git without safe.directory: the refs are unchanged" \
	"$STATE_AFTER" "$STATE_BEFORE"
cp -- "$HDIR/error.log" "$LAST_OUT"
expect_output "control: git-http-backend itself refused (dubious ownership, in Apache's log)" \
	"dubious ownership in repository at '$SRV'"
SAFE=http://$AUTH/safe/shared.git
accepted "[owner] safe.directory=*, repository owned by root: a good push" \
	"refs/heads/main=$m2" "$SAFE" main
refused "[owner] safe.directory=*, repository owned by root: a bad push" headerFormat \
	"start with a type and a colon" "$(new_objects feature/x)" "$SAFE" feature/x
SRV=$SRV0

# ====================================================== 30 pushes at once
push_storm "30 concurrent pushes over Smart HTTP" "$URL"

sgit fsck --full >"$LAST_OUT" 2>&1
expect_eq "srv.git: git fsck --full is clean at the end" "$?" 0
pid=$HTTP_PID
http_stop
expect_eq "Apache stopped by its PID" "$(kill -0 "$pid" 2>/dev/null && echo running)" ""
expect_eq "none of Apache's children is left" \
	"$(pgrep -f -- "-f $HDIR/httpd.conf" | wc -l)" 0
