# End-to-end tests of the server hooks (pre-receive, update) installed by
# `install.sh --server [--with-update]` into bare repositories, driven by real `git push`
# from a clone that has NO client hooks: whatever is refused is refused by
# the server. Each refused push is checked for git push's exit status, the
# `remote: flowgate <hook>: error: <rule>:` line and its `hint:`, the
# server's refs byte for byte, and that no object of the push is left
# reachable (nor, for pre-receive, stored: git drops its quarantine); each
# accepted push for the refs it moves. Transports: a plain path, file://,
# and git daemon on 127.0.0.1 (skipped, with a "# skip" line, when the
# daemon cannot be started).
# Run: FLOWGATE_BUILD=/abs/build bash tests/e2e/test_server.sh (or sh tests/e2e/run.sh).

. "$(dirname "$0")/lib.sh"

export GIT_EDITOR=true GIT_MERGE_AUTOEDIT=no
ZERO=0000000000000000000000000000000000000000

DAEMON_PID=
stop_daemon() {
	if [ -n "$DAEMON_PID" ]; then
		kill "$DAEMON_PID" 2>/dev/null
		wait "$DAEMON_PID" 2>/dev/null
		DAEMON_PID=
	fi
}
trap 'stop_daemon; rm -rf "$TMP"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

tick

# ------------------------------------------------------------------ helpers
# refs_of SRV: the server's refs, one "<refname> <oid>" a line.
refs_of() { git -C "$1" for-each-ref --format='%(refname) %(objectname)'; }

# server_oid SRV REF: the object SRV's REF names, or nothing.
server_oid() { git -C "$1" rev-parse -q --verify "$2" 2>/dev/null; }

# install_server [--with-update] SRV: install.sh --server [--with-update] SRV
# with FLOWGATE_BUILD (output in LAST_OUT).
install_server() { "$TOP/install.sh" --server "$@" >"$LAST_OUT" 2>&1; }

# new_server NAME [--with-update]: $TMP/NAME.git, a bare repository with the
# server hooks; sets SRV.
new_server() {
	SRV=$TMP/$1.git
	new_origin "$SRV"
	install_server ${2:+"$2"} "$SRV" || not_ok "$1: install.sh --server${2:+ $2}"
}

# work MESSAGE [FILE]: a change to FILE (default notes.txt) committed with
# MESSAGE, no hook to stop it (the clone has none).
NWORK=0
work() {
	tick
	NWORK=$((NWORK + 1))
	printf 'change %s\n' "$NWORK" >>"${2:-notes.txt}"
	git add -- "${2:-notes.txt}" && git commit -q -m "$1"
}

# new_objects REV...: every object (commits, trees, blobs, tags) REV... hold
# that the server $SRV does not store yet: what a push of them adds.
new_objects() {
	# shellcheck disable=SC2046 # one oid per word
	git rev-list --objects --ignore-missing "$@" --not \
		$(git -C "$SRV" for-each-ref --format='%(objectname)') | cut -d' ' -f1 |
		git -C "$SRV" cat-file --batch-check='%(objectname) %(objecttype)' |
		sed -n 's/ missing$//p'
}

# do_push ARGS...: git push ARGS... from the cwd; stderr in $LAST_OUT, exit
# status in PUSH_STATUS, $SRV's refs before and after in REFS_BEFORE, REFS_AFTER.
do_push() {
	REFS_BEFORE=$(refs_of "$SRV")
	git push "$@" >"$TMP/push.stdout" 2>"$LAST_OUT"
	PUSH_STATUS=$?
	REFS_AFTER=$(refs_of "$SRV")
}

# unreachable LABEL OIDS [stored]: none of OIDS is reachable from a ref of
# $SRV; with "stored", none is in its object store either.
unreachable() {
	local label=$1 oids=$2 mode=${3:-} all o n=0 reach=0 kept=0
	all=$(git -C "$SRV" rev-list --objects --all | cut -d' ' -f1)
	for o in $oids; do
		n=$((n + 1))
		if printf '%s\n' "$all" | grep -qx "$o"; then reach=$((reach + 1)); fi
		if git -C "$SRV" cat-file -e "$o" 2>/dev/null; then kept=$((kept + 1)); fi
	done
	if [ "$n" -eq 0 ]; then
		return 0
	fi
	expect_eq "$label: none of the push's $n objects is reachable on the server" "$reach" 0
	if [ "$mode" = stored ]; then
		expect_eq "$label: none of the push's $n objects is kept in the server's object store" \
			"$kept" 0
	fi
}

# refused LABEL RULE HINT OIDS ARGS...: git push ARGS... exits 1; stderr has
# "remote: flowgate $HOOK: error: RULE:", a "remote: hint:" matching HINT and
# flowgate's refusal line; $SRV's refs are unchanged and none of OIDS (the
# objects of the push, from new_objects) is left reachable. HOOK is
# pre-receive unless set.
refused() {
	local label=$1 rule=$2 hint=$3 oids=$4 hook=${HOOK:-pre-receive}
	shift 4
	do_push "$@"
	expect_eq "$label: git push exits 1" "$PUSH_STATUS" 1
	expect_output "$label: stderr has 'remote: flowgate $hook: error: $rule:'" \
		"^remote: flowgate $hook: error: $rule: "
	expect_output "$label: stderr has the hint with the fix" "^remote: hint: .*$hint"
	if [ "$hook" = pre-receive ]; then
		expect_output "$label: stderr has pre-receive's refusal line" \
			'^remote: flowgate pre-receive: refused: no ref of this push was updated; fix what is named above and push again'
		expect_eq "$label: the server's refs are byte-for-byte unchanged" "$REFS_AFTER" "$REFS_BEFORE"
		unreachable "$label" "$oids" stored
	else
		unreachable "$label" "$oids"
	fi
}

# accepted LABEL EXPECT ARGS...: git push ARGS... exits 0 with no flowgate
# error, the server's refs moved, and each "refname=oid" of EXPECT holds on
# the server ("refname=" : the ref is gone).
accepted() {
	local label=$1 expect=$2 pair ref want
	shift 2
	do_push "$@"
	expect_eq "$label: git push exits 0" "$PUSH_STATUS" 0
	expect_no_output "$label: no flowgate error" '^remote: flowgate [a-z-]+: (error|fatal)'
	if [ "$REFS_AFTER" != "$REFS_BEFORE" ]; then ok "$label: the server's refs moved"; else
		not_ok "$label: the server's refs moved (unchanged)"; fi
	for pair in $expect; do
		ref=${pair%%=*} want=${pair#*=}
		expect_eq "$label: the server's $ref is ${want:-gone}" "$(server_oid "$SRV" "$ref")" "$want"
	done
}

# ============================================================ install.sh --server
SRV=$TMP/srv.git
new_origin "$SRV"
expect_status "install.sh --server: exits 0" 0 install_server "$SRV"
if is_launcher "$SRV/hooks/pre-receive" "$FLOWGATE_BUILD/hooks/pre-receive" >/dev/null 2>&1; then
	ok "install.sh --server: pre-receive is the launcher of the built binary, in BARE_REPO/hooks"
else
	not_ok "install.sh --server: pre-receive is the launcher of the built binary, in BARE_REPO/hooks"
fi
if [ -e "$SRV/hooks/update" ]; then not_ok "install.sh --server: no update (git runs it once per ref)"
else ok "install.sh --server: no update (git runs it once per ref)"; fi
n=0
for h in pre-commit commit-msg pre-push post-merge; do [ -e "$SRV/hooks/$h" ] && n=$((n + 1)); done
expect_eq "install.sh --server: no client hook is installed" "$n" 0
expect_status "install.sh --server --with-update: exits 0" 0 install_server --with-update "$SRV"
expect_output "install.sh --server --with-update: pre-receive already installed" '^pre-receive: already installed'
for h in pre-receive update; do
	if is_launcher "$SRV/hooks/$h" "$FLOWGATE_BUILD/hooks/$h" >/dev/null 2>&1; then
		ok "install.sh --server --with-update: $h is the launcher of the built binary, in BARE_REPO/hooks"
	else
		not_ok "install.sh --server --with-update: $h is the launcher of the built binary, in BARE_REPO/hooks"
	fi
done
expect_status "install.sh --server --with-update again: exits 0" 0 install_server --with-update "$SRV"
expect_output "install.sh --server --with-update again: already installed" '^update: already installed'

# A clone without hooks: the server is what refuses.
C=$TMP/client
new_repo "$C"
cd "$C" || exit 1
n=$(find .git/hooks -type f ! -name '*.sample' | wc -l)
expect_eq "client: the clone has no hook" "$n" 0
URL=$SRV

# ============================================================== a good push
tick
set_version 0.1.0-dev
git commit -q -m 'chore: initial commit'
m1=$(head_oid)
accepted "good push (new branch main)" "refs/heads/main=$m1" "$URL" main
work 'feat: add the parser'
m2=$(head_oid)
accepted "good push (fast-forward of main)" "refs/heads/main=$m2" "$URL" main
expect_no_output "good push with both hooks: the update hook prints nothing" '^remote: flowgate update'
# The update hook, run by hand beside flowgate's pre-receive with a ref that
# would be refused (branchName; see the control under "the update hook
# alone"): it does nothing, says nothing.
GIT_DIR=$SRV "$SRV/hooks/update" refs/heads/Bad_Name "$ZERO" "$m2" >"$LAST_OUT" 2>&1
expect_eq "update beside flowgate's pre-receive: exits 0 (no-op)" "$?" 0
expect_eq "update beside flowgate's pre-receive: its output is empty" "$(cat "$LAST_OUT")" ""

# =========================================================== force push to main
tick
git commit -q --amend -m 'feat: add the parser, reworded'
refused "force push to main" branchProtected 'git pull --rebase <remote> main \(or merge it\), then push without --force' \
	"$(new_objects HEAD)" --force "$URL" main
expect_output "force push to main: the message says it is not a fast-forward" \
	'branchProtected: .*(fast-forward|rewrite|drop)'
git reset -q --hard "$m2"
# The rewrite is judged by the rules main had on the server, not by a
# .flowgate the push commits: a push cannot unprotect what it rewrites.
for rules in '[rule "branchProtected"]\n\tseverity = off\n' \
	'[branch "main"]\n\tpattern = ^main$\n\tprotected = false\n'; do
	tick
	printf "$rules" >.flowgate
	git add .flowgate
	git commit -q --amend -m 'feat: add the parser, unprotected'
	refused "force push to main committing $(head -n 1 .flowgate)" branchProtected \
		'then push without --force' "$(new_objects HEAD)" --force "$URL" main
	git reset -q --hard "$m2"
done

# ============================================================== deletions
git checkout -q -b feature/done
work 'feat: a finished feature'
fdone=$(head_oid)
accepted "feature/done pushed" "refs/heads/feature/done=$fdone" "$URL" feature/done
git checkout -q main
refused "deletion of main" branchProtected 'protected branches are never deleted \(branch\.main\.protected\)' "" \
	"$URL" :main
expect_output "deletion of main: names main" "branchProtected: .*main"
accepted "deletion of a feature branch" "refs/heads/feature/done=" "$URL" :feature/done

# ===================================================== a bad message on a new branch
git checkout -q -b feature/x
work 'feat: first step'
work 'update stuff'
bad=$(head_oid)
work 'feat: third step'
refused "feature/x, 3 commits, the 2nd with a bad message" headerFormat "start with a type and a colon" \
	"$(new_objects feature/x)" "$URL" feature/x
expect_output "feature/x: the error names the bad commit" \
	"headerFormat: commit $(printf %s "$bad" | cut -c1-12): line 1, column 1: header 'update stuff'"
expect_no_output "feature/x: no error about the good commits" "error: .*(first step|third step)"
expect_eq "feature/x: the branch does not exist on the server" "$(server_oid "$SRV" refs/heads/feature/x)" ""

# ================================================== several refs, one of them bad
git checkout -q -b feature/good main
work 'fix: a good fix'
good=$(head_oid)
git checkout -q -b feature/bad main
work 'Feat: a capital type'
refused "two refs, one bad: the whole push" typeCase "write the type in lowercase, e.g. 'feat: a capital type'" \
	"$(new_objects feature/good feature/bad)" "$URL" feature/good feature/bad
expect_eq "two refs, one bad: the good ref did not land either" \
	"$(server_oid "$SRV" refs/heads/feature/good)" ""
expect_output "two refs, one bad: git reports the good ref declined too" \
	'\[remote rejected\] +feature/good -> feature/good \(pre-receive hook declined\)'
git checkout -q main

# ================================================== version files that disagree
git checkout -q -b feature/versions main
tick
printf "from setuptools import setup\n\nsetup(name='half_orm', version='%s')\n" 0.1.1 >setup.py
git add setup.py && git commit -q -m 'fix: a version out of step'
refused "version files that disagree at the tip" versionConsistency "write '0\.1\.0-dev' in setup\.py" \
	"$(new_objects feature/versions)" "$URL" feature/versions
expect_output "version files that disagree: names both files" \
	"versionConsistency: .*half_orm/version.txt says '0.1.0-dev' but setup.py says '0.1.1'"
git checkout -q main

# ===================================================================== tags
git checkout -q -b release/0.1.x main
tick
set_version 0.1.0
git commit -q -m 'chore: prepare release 0.1.0'
rel=$(head_oid)
tick
git tag -m 'release: 0.1.0' v0.1.0
tag=$(git rev-parse v0.1.0)
# The release branch and its tag in one push, as the workflow guide (and
# test_release_story.sh, through pre-push) does it, on a copy of the server.
cp -a "$SRV" "$TMP/together.git"
SRV=$TMP/together.git
accepted "release/0.1.x and annotated v0.1.0 in one push" \
	"refs/heads/release/0.1.x=$rel refs/tags/v0.1.0=$tag" "$SRV" release/0.1.x v0.1.0
# Two tags of a series in one push, the lower made after the higher: the
# server counts the tags the push brings (not in its refs yet) as made before.
git checkout -q -b release/0.2.x main
tick
set_version 0.2.0-rc1
git commit -q -m 'chore: prepare release 0.2.0-rc1'
rc1=$(head_oid)
tick
set_version 0.2.0-rc2
git commit -q -m 'chore: prepare release 0.2.0-rc2'
tick
git tag -m 'release: 0.2.0-rc2' v0.2.0-rc2
tick
git tag -m 'release: 0.2.0-rc1' v0.2.0-rc1 "$rc1"
refused "v0.2.0-rc1 made after v0.2.0-rc2, both in one push" tagMonotonic \
	"a series only goes up: release the next version after v0\.2\.0-rc2" \
	"$(new_objects release/0.2.x v0.2.0-rc1 v0.2.0-rc2)" "$SRV" release/0.2.x v0.2.0-rc2 v0.2.0-rc1
git tag -d v0.2.0-rc1 >/dev/null
accepted "release/0.2.x and v0.2.0-rc2 in one push" "refs/tags/v0.2.0-rc2=$(git rev-parse v0.2.0-rc2)" \
	"$SRV" release/0.2.x v0.2.0-rc2
# Issue 20, item 16: a tag the server has was made before any tag new to
# it. v0.2.0-rc1 made in the same second as v0.2.0-rc2 (tagger times cannot
# order them), or even a second before it, comes after it on the server.
rc2_date=$(git for-each-ref --format='%(taggerdate:raw)' refs/tags/v0.2.0-rc2)
GIT_COMMITTER_DATE="$rc2_date" git tag -m 'release: 0.2.0-rc1' v0.2.0-rc1 "$rc1"
refused "v0.2.0-rc1 made in the same second as v0.2.0-rc2, which the server has" tagMonotonic \
	"a series only goes up: release the next version after v0\.2\.0-rc2" \
	"$(new_objects v0.2.0-rc1)" "$SRV" v0.2.0-rc1
git tag -d v0.2.0-rc1 >/dev/null
GIT_COMMITTER_DATE="@$((${rc2_date% *} - 1)) +0000" git tag -m 'release: 0.2.0-rc1' v0.2.0-rc1 "$rc1"
refused "v0.2.0-rc1 made a second before v0.2.0-rc2, which the server has" tagMonotonic \
	"a series only goes up: release the next version after v0\.2\.0-rc2" \
	"$(new_objects v0.2.0-rc1)" "$SRV" v0.2.0-rc1
git tag -d v0.2.0-rc1 >/dev/null
git checkout -q release/0.1.x
SRV=$TMP/srv.git
accepted "release/0.1.x pushed" "refs/heads/release/0.1.x=$rel" "$URL" release/0.1.x
git tag -d v0.1.0 >/dev/null
git tag v0.1.0
refused "lightweight tag v0.1.0" tagAnnotated "recreate it annotated: git tag -f -a v0\.1\.0 " "" \
	"$URL" v0.1.0
git tag -d v0.1.0 >/dev/null
# the annotated tag object made above, again
git update-ref refs/tags/v0.1.0 "$tag"
accepted "annotated v0.1.0 matching the version files" "refs/tags/v0.1.0=$tag" "$URL" v0.1.0
tick
git tag -m 'hotfix: 0.1.1' v0.1.1 "$rel"
refused "annotated v0.1.1 on a commit whose files say 0.1.0" tagVersionMatch \
	"tag the commit that sets the version to 0\.1\.1" \
	"$(new_objects v0.1.1)" "$URL" v0.1.1
git tag -d v0.1.1 >/dev/null
refused "deletion of release/0.1.x" branchProtected \
	'protected branches are never deleted \(branch\.release\.protected\)' "" "$URL" :release/0.1.x
refused "deletion of release tag v0.1.0" branchProtected \
	'a release stays released: .*keep v0\.1\.0' "" "$URL" :refs/tags/v0.1.0
# A moved tag is judged by the rules of the commit it was on: a .flowgate
# the new commit carries cannot turn tagMoved off.
git checkout -q --detach "$rel"
tick
printf '[rule "tagMoved"]\n\tseverity = off\n' >.flowgate
git add .flowgate
git commit -q -m 'chore: tags may move'
git tag -f -a -m 'release: 0.1.0' v0.1.0 >/dev/null
refused "v0.1.0 moved to a commit turning tagMoved off" tagMoved \
	'a release never changes' "$(new_objects v0.1.0)" --force "$URL" v0.1.0
git update-ref refs/tags/v0.1.0 "$tag"
git checkout -q main

# ================================================================ transports
git checkout -q -b feature/file-bad main
work 'fixed things'
git checkout -q -b feature/file-good main
work 'docs: over file://'
fgood=$(head_oid)
refused "file:// bad message" headerFormat "start with a type and a colon" \
	"$(new_objects feature/file-bad)" "file://$SRV" feature/file-bad
accepted "file:// good push" "refs/heads/feature/file-good=$fgood" "file://$SRV" feature/file-good

# git daemon on 127.0.0.1, the server's directory as its base path.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
DAEMON=$(git --exec-path)/git-daemon
PORT=
if [ -x "$DAEMON" ]; then
	for _ in 1 2 3 4 5 6; do
		p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
		port_busy "$p" && continue
		"$DAEMON" --reuseaddr --listen=127.0.0.1 --port="$p" --base-path="$TMP" \
			--export-all --enable=receive-pack --informative-errors \
			--pid-file="$TMP/daemon.pid" >"$TMP/daemon.log" 2>&1 &
		DAEMON_PID=$!
		for _ in $(seq 60); do
			if port_busy "$p" && kill -0 "$DAEMON_PID" 2>/dev/null; then PORT=$p; break; fi
			kill -0 "$DAEMON_PID" 2>/dev/null || break
			sleep 0.05
		done
		[ -n "$PORT" ] && break
		stop_daemon
	done
fi
if [ -n "$PORT" ]; then
	ok "git daemon: listening on 127.0.0.1:$PORT"
	DURL=git://127.0.0.1:$PORT/srv.git
	git checkout -q -b feature/daemon-bad main
	work 'oops'
	git checkout -q -b feature/daemon-good main
	work 'test: over git://'
	dgood=$(head_oid)
	refused "git:// bad message" headerFormat "start with a type and a colon" \
		"$(new_objects feature/daemon-bad)" "$DURL" feature/daemon-bad
	accepted "git:// good push" "refs/heads/feature/daemon-good=$dgood" "$DURL" feature/daemon-good
	stop_daemon
else
	printf '# skip - git daemon could not be started on 127.0.0.1 (%s): the git:// pushes are not tested\n' \
		"$(head -n 1 "$TMP/daemon.log" 2>/dev/null)"
fi
git checkout -q main

# ===================================== commits already on the server, hooks later
SRV=$TMP/legacy.git
new_origin "$SRV"
L=$TMP/legacy
new_repo "$L"
cd "$L" || exit 1
work 'chore: initial commit'
work 'update stuff'
old_bad=$(head_oid)
git branch feature/old
git checkout -q -b release/0.16.x
work 'chore: prepare release 0.16.0'
tick
git tag -m 'release: 0.16.0' v0.16.0
git checkout -q main
expect_ok "legacy: pushed before the hooks are installed" \
	git push -q "$SRV" main feature/old release/0.16.x v0.16.0
expect_status "legacy: install.sh --server afterwards" 0 install_server "$SRV"
git checkout -q -b feature/y feature/old
work 'feat: on top of an old commit'
y=$(head_oid)
# Control: the same branch to a server that does not have the old commit.
SRV=$TMP/srv.git
refused "control: feature/y to a server without the old bad commit" headerFormat "start with a type and a colon" \
	"$(new_objects feature/y)" "$SRV" feature/y
SRV=$TMP/legacy.git
accepted "legacy: new branch = old bad commit + 1 good commit" "refs/heads/feature/y=$y" "$SRV" feature/y
expect_no_output "legacy: no error about the old commit" \
	"$(printf %s "$old_bad" | cut -c1-12)|update stuff"
refused "legacy: deletion of release/0.16.x" branchProtected \
	'protected branches are never deleted \(branch\.release\.protected\)' "" "$SRV" :release/0.16.x
refused "legacy: deletion of release tag v0.16.0" branchProtected \
	'a release stays released: .*keep v0\.16\.0' "" "$SRV" :refs/tags/v0.16.0
expect_output "legacy: deletion of v0.16.0 names the tag" "branchProtected: .*v0.16.0"

# ============================================================ the update hook alone
SRV=$TMP/upd.git
new_server upd --with-update
rm -f "$SRV/hooks/pre-receive"
U=$TMP/upd
new_repo "$U"
cd "$U" || exit 1
work 'chore: initial commit'
u1=$(head_oid)
accepted "update alone: good push" "refs/heads/main=$u1" "$SRV" main
# Control for the no-op above: the same call with no pre-receive beside.
GIT_DIR=$SRV "$SRV/hooks/update" refs/heads/Bad_Name "$ZERO" "$u1" >"$LAST_OUT" 2>&1
expect_eq "update alone, run by hand on refs/heads/Bad_Name: exits 1" "$?" 1
expect_output "update alone, run by hand on refs/heads/Bad_Name: names branchName" \
	'^flowgate update: error: branchName: '
git checkout -q -b feature/ok main
work 'feat: a good one'
uok=$(head_oid)
git checkout -q -b feature/nope main
work 'did stuff'
nope_objs=$(new_objects feature/nope)
HOOK=update refused "update alone: a good and a bad ref in one push" headerFormat "start with a type and a colon" \
	"$nope_objs" "$SRV" feature/ok feature/nope
expect_output "update alone: the update hook's refusal line names the bad ref" \
	'^remote: flowgate update: refused: refs/heads/feature/nope was not updated; fix what is named above and push again'
expect_eq "update alone: the good ref landed" "$(server_oid "$SRV" refs/heads/feature/ok)" "$uok"
expect_eq "update alone: the bad ref did not" "$(server_oid "$SRV" refs/heads/feature/nope)" ""
expect_eq "update alone: the refs are the old ones plus feature/ok" "$REFS_AFTER" \
	"$(printf '%s\n%s' "$REFS_BEFORE" "refs/heads/feature/ok $uok" | LC_ALL=C sort)"
expect_no_output "update alone: no refusal for the good ref" 'refs/heads/feature/ok was not updated'

# ============================================== a kept pre-receive hook still runs
SRV=$TMP/keep.git
new_origin "$SRV"
cat >"$SRV/hooks/pre-receive" <<EOF
#!/bin/sh
# a site's own pre-receive: logs what it is given, refuses feature/blocked
while read -r old new ref; do
	echo "\$old \$new \$ref" >>"$TMP/kept-ran"
	if [ "\$ref" = refs/heads/feature/blocked ]; then
		echo "site hook: feature/blocked is closed" >&2
		exit 7
	fi
done
exit 0
EOF
# and its update hook, which logs its arguments: it runs when flowgate's
# update (a no-op beside flowgate's pre-receive) passes
cat >"$SRV/hooks/update" <<EOF
#!/bin/sh
echo "\$*" >>"$TMP/kept-update-ran"
EOF
chmod +x "$SRV/hooks/pre-receive" "$SRV/hooks/update"
cp "$SRV/hooks/pre-receive" "$TMP/site-pre-receive"
cp "$SRV/hooks/update" "$TMP/site-update"
expect_status "kept hook: install.sh --server --with-update exits 0" 0 install_server --with-update "$SRV"
expect_output "kept hook: install.sh says it kept the hook" \
	'^pre-receive: installed \(kept existing hook as pre-receive.pre-flowgate\)'
expect_output "kept hook: install.sh says it kept the update hook" \
	'^update: installed \(kept existing hook as update.pre-flowgate\)'
if cmp -s "$TMP/site-pre-receive" "$SRV/hooks/pre-receive.pre-flowgate" &&
	cmp -s "$TMP/site-update" "$SRV/hooks/update.pre-flowgate"; then
	ok "kept hook: the site's hooks are pre-receive.pre-flowgate and update.pre-flowgate"
else not_ok "kept hook: the site's hooks are pre-receive.pre-flowgate and update.pre-flowgate"; fi
K=$TMP/keep
new_repo "$K"
cd "$K" || exit 1
work 'wip'
refused "kept hook: a bad push" headerFormat "start with a type and a colon" "$(new_objects main)" "$SRV" main
if [ -e "$TMP/kept-ran" ] || [ -e "$TMP/kept-update-ran" ]; then
	not_ok "kept hook: neither kept hook runs when flowgate refuses"
else ok "kept hook: neither kept hook runs when flowgate refuses"; fi
git commit -q --amend -m 'chore: initial commit'
k1=$(head_oid)
accepted "kept hook: a good push" "refs/heads/main=$k1" "$SRV" main
expect_eq "kept hook: it ran after flowgate's checks, with the push's ref lines" \
	"$(cat "$TMP/kept-ran" 2>/dev/null)" "$ZERO $k1 refs/heads/main"
expect_eq "kept hook: flowgate's update ran (as a no-op) and chained to the kept update" \
	"$(cat "$TMP/kept-update-ran" 2>/dev/null)" "refs/heads/main $ZERO $k1"
expect_no_output "kept hook: flowgate's update prints nothing" '^remote: flowgate update'
git checkout -q -b feature/blocked
work 'feat: good message, closed branch'
do_push "$SRV" feature/blocked
expect_eq "kept hook refuses: git push exits 1" "$PUSH_STATUS" 1
expect_output "kept hook refuses: its own message is shown" '^remote: site hook: feature/blocked is closed'
expect_eq "kept hook refuses: the server's refs are unchanged" "$REFS_AFTER" "$REFS_BEFORE"
expect_status "kept hook: install.sh --uninstall --server exits 0" 0 \
	"$TOP/install.sh" --uninstall --server "$SRV"
if cmp -s "$TMP/site-pre-receive" "$SRV/hooks/pre-receive" &&
	cmp -s "$TMP/site-update" "$SRV/hooks/update"; then
	ok "uninstall --server: the site's pre-receive and update are back"
else not_ok "uninstall --server: the site's pre-receive and update are back"; fi
n=0
for f in pre-receive.pre-flowgate update.pre-flowgate; do [ -e "$SRV/hooks/$f" ] && n=$((n + 1)); done
expect_eq "uninstall --server: no *.pre-flowgate is left" "$n" 0

# ======================== release tags count as judged (issue 20, item 10)
# What a push brings is what no branch and no release tag reaches. A tag
# named like a version (v0.9, let in while headerFormat and tagFormat were
# off) is a release tag: a branch later set to its commit brings nothing
# new. A tag named like no version (latest) is not: its commit is judged
# when a branch brings it.
new_server judged
J=$TMP/judged
new_repo "$J"
cd "$J" || exit 1
work 'chore: initial commit'
accepted "judged: main" "refs/heads/main=$(head_oid)" "$SRV" main
git checkout -q -b feature/a
work 'bad header under v0.9'
git tag -a v0.9 -m 'release: 0.9'
ja=$(head_oid)
git checkout -q -b feature/b main
work 'bad header under latest'
git tag latest
jb=$(head_oid)
git -C "$SRV" config flowgate.headerFormat off
git -C "$SRV" config flowgate.tagFormat off
accepted "judged: v0.9 and latest, headerFormat and tagFormat off" "refs/tags/latest=$jb" \
	"$SRV" v0.9 latest
git -C "$SRV" config --unset flowgate.headerFormat
git -C "$SRV" config --unset flowgate.tagFormat
accepted "judged: feature/a at v0.9's commit, which a release tag holds" "refs/heads/feature/a=$ja" \
	"$SRV" feature/a
refused "judged: feature/b at latest's commit, which no release tag holds" headerFormat \
	"start with a type" "" "$SRV" feature/b

# ======================================================== install.sh errors, uninstall
I=$TMP/inst.git
new_origin "$I"
install_server --with-update "$I"
expect_status "install.sh --uninstall --server: exits 0" 0 "$TOP/install.sh" --uninstall --server "$I"
n=0
for f in pre-receive update; do [ -e "$I/hooks/$f" ] && n=$((n + 1)); done
expect_eq "install.sh --uninstall --server: pre-receive and update removed" "$n" 0
mkdir -p "$TMP/not-a-repo"
expect_status "install.sh --server on a non-repository: exits 3" 3 \
	env GIT_CEILING_DIRECTORIES="$TMP" "$TOP/install.sh" --server "$TMP/not-a-repo"
expect_output "install.sh --server on a non-repository: says so" 'not a git repository'
expect_status "install.sh --uninstall --server on a non-repository: exits 3" 3 \
	env GIT_CEILING_DIRECTORIES="$TMP" "$TOP/install.sh" --uninstall --server "$TMP/not-a-repo"

# ========================================================= ASan build (optional)
SAN=${FLOWGATE_SAN_BUILD:-$TOP/build-san}
if [ -x "$SAN/hooks/pre-receive" ] && [ -x "$SAN/hooks/update" ]; then
	SRV=$TMP/san.git
	new_origin "$SRV"
	expect_status "ASan: install.sh --server from $SAN" 0 env FLOWGATE_BUILD="$SAN" \
		"$TOP/install.sh" --server "$SRV"
	cd "$C" || exit 1
	refused "ASan: feature/x with a bad message" headerFormat "start with a type and a colon" \
		"$(new_objects feature/x)" "$SRV" feature/x
	expect_no_output "ASan: no sanitizer report (refused push)" 'Sanitizer|runtime error'
	accepted "ASan: good push" "refs/heads/main=$m2 refs/heads/feature/good=$good" "$SRV" main feature/good
	expect_no_output "ASan: no sanitizer report (good push)" 'Sanitizer|runtime error'
else
	printf '# skip - no ASan build with the server hooks in %s\n' "$SAN"
fi
