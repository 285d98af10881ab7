#!/bin/bash
# Hostile conditions: the hooks and the flowgate command in a read-only
# repository, at a path with spaces and non-ASCII characters, in a bare
# repository, in a shallow clone, with 100,000 refs, with a corrupt object
# behind a pushed ref, and without a HEAD file. Each gives a clear error or
# a correct result, never a crash: the exit status is a documented one
# (0-4), never a signal's (128 and up); a failure says why on stderr in a
# line starting with "flowgate"; no sanitizer report.
#
# The 100,000-refs case prints how long pre-push and pre-receive took as
# "# ..." lines; nothing asserts a time (the suite also runs under ASan).
#
# Run: FLOWGATE_BUILD=/abs/build bash tests/e2e/test_hostile.sh
. "$(dirname "$0")/lib.sh"

export GIT_EDITOR=true GIT_MERGE_AUTOEDIT=no
FG=$FLOWGATE_BUILD/flowgate
H=$FLOWGATE_BUILD/hooks
ZERO=0000000000000000000000000000000000000000
ERR=$TMP/stderr
SAN_RE='ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|SUMMARY: UndefinedBehaviorSanitizer'
nohooks() { git -c core.hooksPath=/dev/null "$@"; }
# A repository is never looked for above $TMP (the missing-HEAD case).
export GIT_CEILING_DIRECTORIES=$TMP

for h in pre-commit commit-msg pre-push post-merge pre-receive update; do
	if [ ! -x "$H/$h" ]; then
		: >"$LAST_OUT"
		not_ok "hook binary $H/$h is built (run make)"
		exit 1
	fi
done
# update does nothing beside a pre-receive (which checked the push): run
# from a directory of its own, as on a server with per-ref hooks only.
mkdir -p "$TMP/solo"
cp -p "$H/update" "$TMP/solo/update"
UPDATE=$TMP/solo/update

# sane NAME WANT CMD...: CMD exits with a status matching the extended regex
# WANT (documented statuses are 0-4), is not killed by a signal, says why on
# stderr in a line starting with "flowgate" when it exits non-zero, and no
# sanitizer reports anything. Its stdout and stderr are in $LAST_OUT and
# $HOOK_OUT, its stderr alone in $ERR, its status in $GOT. With KNOWN_BUG set
# (to where the bug is), a failure is a "# TODO" line, not counted: a bug
# reported and not fixed yet; remove KNOWN_BUG= once it is.
HOOK_OUT=$TMP/hook.out
sane() {
	local name=$1 want=$2 problem=
	shift 2
	"$@" >"$TMP/sane.out" 2>"$ERR"
	GOT=$?
	cat "$TMP/sane.out" "$ERR" >"$LAST_OUT"
	cp "$LAST_OUT" "$HOOK_OUT"
	[ "$GOT" -lt 128 ] || problem="$problem; killed by signal $((GOT - 128))"
	[ "$GOT" -le 4 ] || problem="$problem; exit $GOT is not a documented status"
	printf '%s\n' "$GOT" | grep -Eqx -- "$want" || problem="$problem; exit $GOT, want $want"
	if [ "$GOT" -ne 0 ] && ! grep -q '^flowgate' "$ERR"; then
		problem="$problem; no line starting with flowgate on stderr"
	fi
	if grep -Eq -- "$SAN_RE" "$LAST_OUT"; then problem="$problem; a sanitizer report"; fi
	if [ -z "$problem" ]; then
		ok "$name"
	elif [ -n "${KNOWN_BUG:-}" ]; then
		printf '# TODO known bug (%s): %s (%s)\n' "$KNOWN_BUG" "$name" "${problem#; }"
	else
		not_ok "$name (${problem#; })"
	fi
}

# at DIR CMD...: CMD run from DIR.
at() { (cd "$1" && shift && "$@"); }

# feed DIR INPUT CMD...: CMD run from DIR with INPUT (a string) as stdin.
feed() {
	local dir=$1 input=$2
	shift 2
	(cd "$dir" && printf '%s\n' "$input" | "$@")
}

# named_once OID12: the last sane command's output names the commit OID12 on
# exactly one line but hints (whose command rewords it).
named_once() { [ "$(grep -v '^hint: ' "$HOOK_OUT" | grep -c -- "$1")" -eq 1 ]; }

# refs_of GITDIR: every ref of GITDIR with its object.
refs_of() { git --git-dir="$1" for-each-ref --format='%(objectname) %(refname)'; }

# seconds CMD...: run CMD; $SECS is how long it took, in seconds.
seconds() {
	local t0 t1
	t0=$(date +%s.%N)
	"$@"
	local rc=$?
	t1=$(date +%s.%N)
	SECS=$(LC_ALL=C awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
	return "$rc"
}

tick

# ------------------------------------------------------------ a base history
# $TMP/base.git: main with three good commits at version 0.16.0-dev.
BASE=$TMP/base
new_repo "$BASE"
(cd "$BASE" && set_version 0.16.0-dev && nohooks commit -q -m 'chore: start 0.16.0-dev')
tick
commit_file "$BASE" README.md '# halfORM' 'docs: add the readme'
tick
commit_file "$BASE" src/a.py 'a = 1' 'feat: add a'
git clone -q --bare "$BASE" "$TMP/base.git"

# clone_of NAME: $TMP/NAME, a clone of base.git (remote origin). Prints nothing.
clone_of() { git clone -q "$TMP/base.git" "$TMP/$1"; }

# ======================================================== read-only repository
# The repository and its remote belong to another user, who runs the hooks
# and the command with every write bit cleared. As root (which ignores
# permission bits) that user is nobody, through setpriv; without setpriv,
# root can only note that the case does not apply.
RO=$TMP/ro
clone_of ro
git clone -q --bare "$TMP/base.git" "$TMP/ro.git"
(cd "$RO" && printf 'x\n' >notes.txt && git add notes.txt)
printf 'docs: add notes\n' >"$RO/.git/COMMIT_EDITMSG"
printf 'feature: add notes\n' >"$RO/.git/BAD_MSG"
# the new commit, only in the objects of ro.git, for its pre-receive
(cd "$RO" && tick && nohooks commit -q -m 'docs: add notes' && git push -q "$TMP/ro.git" HEAD:refs/heads/tmp &&
	git --git-dir="$TMP/ro.git" update-ref -d refs/heads/tmp && git reset -q --soft HEAD~1)
RO_OLD=$(git -C "$RO" rev-parse HEAD)
RO_NEW=$(git -C "$RO" rev-parse 'HEAD@{1}')

run_as=
if [ "$(id -u)" -ne 0 ]; then
	run_as=direct
elif command -v setpriv >/dev/null 2>&1 &&
	setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
	run_as=setpriv
	chmod 711 "$TMP" # nobody passes through, reads nothing else here
	chown -R 65534:65534 "$RO" "$TMP/ro.git"
fi
# ro CMD...: CMD as the user the read-only repository belongs to.
ro() {
	if [ "$run_as" = setpriv ]; then
		setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
	else
		"$@"
	fi
}

if [ -z "$run_as" ]; then
	echo "# read-only repository: skipped (root without setpriv: root writes anyway)"
else
	chmod -R a-w "$RO" "$TMP/ro.git"
	before=$(cd "$RO" && find . -printf '%p %m %s %T@\n' | LC_ALL=C sort)
	sane "read-only: pre-commit passes" 0 at "$RO" ro "$H/pre-commit"
	sane "read-only: commit-msg passes a good message" 0 at "$RO" ro "$H/commit-msg" .git/COMMIT_EDITMSG
	sane "read-only: commit-msg refuses a bad one" 1 at "$RO" ro "$H/commit-msg" .git/BAD_MSG
	expect_output "read-only: and names the rule" '^flowgate commit-msg: error: typeEnum'
	sane "read-only: pre-push passes" 0 feed "$RO" "refs/heads/main $RO_OLD refs/heads/main $ZERO" \
		ro "$H/pre-push" origin "$TMP/base.git"
	sane "read-only: post-merge exits 0" 0 at "$RO" ro "$H/post-merge" 0
	sane "read-only: flowgate version" 0 at "$RO" ro "$FG" version
	expect_output "read-only: flowgate version prints it" '^0\.16\.0-dev$'
	sane "read-only: flowgate rules" 0 at "$RO" ro "$FG" rules
	sane "read-only: flowgate check-range" 0 at "$RO" ro "$FG" check-range HEAD~2..HEAD
	sane "read-only: flowgate bump cannot write: exit 3" 3 at "$RO" ro "$FG" bump dev
	expect_output "read-only: flowgate bump says why" '^flowgate bump: fatal: cannot write the version files: .*Permission denied'
	sane "read-only bare: pre-receive passes" 0 feed "$TMP/ro.git" "$RO_OLD $RO_NEW refs/heads/main" \
		ro "$H/pre-receive"
	sane "read-only bare: update passes" 0 at "$TMP/ro.git" ro "$UPDATE" refs/heads/main "$RO_OLD" "$RO_NEW"
	expect_eq "read-only: nothing in the repository changed" \
		"$(cd "$RO" && find . -printf '%p %m %s %T@\n' | LC_ALL=C sort)" "$before"
	chmod -R u+w "$RO" "$TMP/ro.git"
fi

# ================================================ a path with spaces and more
# install, commit and push end to end, client and server hooks.
W="$TMP/with spaces/répo ñ 日本 \$HOME 'q'"
mkdir -p "$W"
new_origin "$W/origin.git"
new_repo "$W/clone"
git -C "$W/clone" remote add origin "$W/origin.git"
expect_ok "odd path: install.sh" at "$W/clone" "$TOP/install.sh"
expect_ok "odd path: install.sh --server" "$TOP/install.sh" --server "$W/origin.git"
(cd "$W/clone" && set_version 0.16.0-dev)
tick
expect_ok "odd path: a good commit goes through the hooks" git -C "$W/clone" commit -q -m 'chore: start 0.16.0-dev'
tick
printf 'x\n' >"$W/clone/x.txt"
git -C "$W/clone" add x.txt
expect_fail "odd path: a bad message is refused" git -C "$W/clone" commit -q -m 'feature: x'
expect_output "odd path: by commit-msg" '^flowgate commit-msg: error: typeEnum'
expect_ok "odd path: git push" git -C "$W/clone" push -q origin main
expect_eq "odd path: the push landed" "$(git --git-dir="$W/origin.git" rev-parse main)" \
	"$(git -C "$W/clone" rev-parse main)"
nohooks -C "$W/clone" commit -q -m 'feature: x'
before=$(refs_of "$W/origin.git")
expect_fail "odd path: a bad commit pushed with --no-verify is refused by pre-receive" \
	git -C "$W/clone" push -q --no-verify origin main
expect_output "odd path: pre-receive names the rule" 'flowgate pre-receive: error: typeEnum'
expect_eq "odd path: nothing accepted" "$(refs_of "$W/origin.git")" "$before"

# ============================================================ bare repository
B=$TMP/base.git
B_OLD=$(git --git-dir="$B" rev-parse main~1)
B_NEW=$(git --git-dir="$B" rev-parse main)
printf 'feat: a good message\n' >"$TMP/good.msg"
printf 'feature: a bad one\n' >"$TMP/bad.msg"
sane "bare: flowgate version reads HEAD's tree" 0 at "$B" "$FG" version
expect_output "bare: flowgate version prints it" '^0\.16\.0-dev$'
sane "bare: flowgate rules" 0 at "$B" "$FG" rules
sane "bare: flowgate check-range" 0 at "$B" "$FG" check-range main~2..main
sane "bare: flowgate bump refuses, exit 1" 1 at "$B" "$FG" bump patch
expect_output "bare: and says why" '^flowgate bump: error: the repository is bare'
sane "bare: pre-receive passes" 0 feed "$B" "$B_OLD $B_NEW refs/heads/main" "$H/pre-receive"
sane "bare: update passes" 0 at "$B" "$UPDATE" refs/heads/main "$B_OLD" "$B_NEW"
sane "bare: pre-push (a mirror pushing on) passes" 0 \
	feed "$B" "refs/heads/main $B_NEW refs/heads/main $ZERO" "$H/pre-push" origin "$TMP/nowhere.git"
sane "bare: commit-msg passes a good message" 0 at "$B" "$H/commit-msg" "$TMP/good.msg"
sane "bare: commit-msg refuses a bad one" 1 at "$B" "$H/commit-msg" "$TMP/bad.msg"
sane "bare: pre-commit (no index, no work tree): a clear answer" '[0-4]' at "$B" "$H/pre-commit"
echo "# bare: pre-commit exited $GOT: $(head -n 1 "$LAST_OUT")"
sane "bare: post-merge exits 0" 0 at "$B" "$H/post-merge" 0

# ============================================================= shallow clone
S=$TMP/shallow
git clone -q --depth 1 "file://$TMP/base.git" "$S"
new_origin "$TMP/shallow-origin.git"
git --git-dir="$TMP/shallow-origin.git" config receive.shallowUpdate true
git -C "$S" remote add mine "$TMP/shallow-origin.git"
expect_ok "shallow: install.sh" install_flowgate "$S"
expect_eq "shallow: the clone is shallow" "$(git -C "$S" rev-parse --is-shallow-repository)" true
tick
printf 'y\n' >"$S/y.txt"
git -C "$S" add y.txt
expect_fail "shallow: commit-msg refuses a bad message" git -C "$S" commit -q -m 'feature: y'
expect_ok "shallow: a good commit goes through pre-commit and commit-msg" git -C "$S" commit -q -m 'feat: add y'
expect_ok "shallow: git push to origin (pre-push)" git -C "$S" push -q origin main
expect_ok "shallow: git push of the whole shallow history to a new remote" git -C "$S" push -q mine main
sane "shallow: pre-push over the shallow boundary, remote empty" 0 \
	feed "$S" "refs/heads/main $(git -C "$S" rev-parse main) refs/heads/main $ZERO" "$H/pre-push" mine x
tick
printf 'z\n' >"$S/z.txt"
git -C "$S" add z.txt
nohooks -C "$S" commit -q -m 'feature: z'
Z=$(git -C "$S" rev-parse --short=12 HEAD)
sane "shallow: pre-push refuses a bad commit" 1 \
	feed "$S" "refs/heads/feature/z $(git -C "$S" rev-parse HEAD) refs/heads/feature/z $ZERO" "$H/pre-push" mine x
expect_ok "shallow: and names it once" named_once "$Z"

# ============================================================ 100,000 refs
# A clone and a bare repository holding 100,000 refs each (60,000 branches,
# 30,000 remote-tracking branches in the clone or more branches in the bare,
# 10,000 lightweight tags), written as one packed-refs file.
# many_refs GITDIR PREFIX2: 100,000 refs in GITDIR's packed-refs, at main's
# first two commits, the second family under PREFIX2.
many_refs() {
	local c1 c2
	c1=$(git --git-dir="$1" rev-parse main~2) c2=$(git --git-dir="$1" rev-parse main~1)
	{
		echo '# pack-refs with: peeled fully-peeled sorted '
		LC_ALL=C awk -v a="$c1" -v b="$c2" -v p2="$2" 'BEGIN {
			for (i = 0; i < 60000; i++) printf "%s refs/heads/feature/many-%06d\n", (i % 2 ? a : b), i
			for (i = 0; i < 30000; i++) printf "%s %s/many-%06d\n", (i % 2 ? a : b), p2, i
			for (i = 0; i < 10000; i++) printf "%s refs/tags/many-%06d\n", a, i
		}' | LC_ALL=C sort -k2,2
	} >"$1/packed-refs.new"
	# the refs the repository already has stay (they are loose or packed)
	if [ -f "$1/packed-refs" ]; then
		grep -v '^#' "$1/packed-refs" >>"$1/packed-refs.new"
		{ head -n 1 "$1/packed-refs.new" && tail -n +2 "$1/packed-refs.new" | LC_ALL=C sort -k2,2; } >"$1/packed-refs"
		rm -f "$1/packed-refs.new"
	else
		mv "$1/packed-refs.new" "$1/packed-refs"
	fi
}
M=$TMP/many
MB=$TMP/many.git
setup_many() {
	git clone -q --bare "$TMP/base.git" "$MB" && git clone -q "$MB" "$M" &&
		many_refs "$M/.git" refs/remotes/origin/feature && many_refs "$MB" refs/heads/more
}
seconds setup_many
echo "# 100,000 refs: two repositories set up in $SECS s"
expect_eq "100,000 refs: the clone has them" "$(git -C "$M" for-each-ref | wc -l)" 100003
expect_eq "100,000 refs: the bare repository has them" "$(git --git-dir="$MB" for-each-ref | wc -l)" 100001
expect_ok "100,000 refs: install.sh" install_flowgate "$M"
expect_ok "100,000 refs: install.sh --server" "$TOP/install.sh" --server "$MB"
tick
printf 'm\n' >"$M/m.txt"
git -C "$M" add m.txt
expect_ok "100,000 refs: a good commit" git -C "$M" commit -q -m 'feat: add m'
GOOD=$(git -C "$M" rev-parse HEAD)
OLD=$(git -C "$M" rev-parse HEAD~1)
seconds sane "100,000 refs: pre-push passes the good commit" 0 \
	feed "$M" "refs/heads/main $GOOD refs/heads/main $OLD" "$H/pre-push" origin "$MB"
echo "# 100,000 refs: pre-push (one ref, one new commit): $SECS s"
tick
printf 'n\n' >"$M/n.txt"
git -C "$M" add n.txt
nohooks -C "$M" commit -q -m 'feature: add n'
BAD=$(git -C "$M" rev-parse HEAD)
seconds sane "100,000 refs: pre-push refuses the bad commit" 1 \
	feed "$M" "refs/heads/feature/n $BAD refs/heads/feature/n $ZERO" "$H/pre-push" origin "$MB"
echo "# 100,000 refs: pre-push (a new branch): $SECS s"
expect_ok "100,000 refs: pre-push names the bad commit once" named_once "$(git -C "$M" rev-parse --short=12 "$BAD")"
before=$(git --git-dir="$MB" rev-parse main)
seconds expect_fail "100,000 refs: git push of the bad commit (no pre-push): pre-receive refuses" \
	git -C "$M" push -q --no-verify origin main
echo "# 100,000 refs: git push refused by pre-receive: $SECS s"
expect_output "100,000 refs: pre-receive names the rule" 'flowgate pre-receive: error: typeEnum'
expect_eq "100,000 refs: nothing accepted" "$(git --git-dir="$MB" rev-parse main)" "$before"
git -C "$M" reset -q --hard "$GOOD"
seconds expect_ok "100,000 refs: git push of the good commit (pre-push, pre-receive)" \
	git -C "$M" push -q origin main
echo "# 100,000 refs: git push accepted: $SECS s"
expect_eq "100,000 refs: the push landed" "$(git --git-dir="$MB" rev-parse main)" "$GOOD"

# ================================================= a corrupt object pushed
# A commit whose object is garbage, or whose tree is missing, behind the
# pushed ref: pre-push and pre-receive stop with a clear error (exit 3) and
# nothing is accepted.
C=$TMP/corrupt
clone_of corrupt
C_OLD=$(git -C "$C" rev-parse HEAD)
tick
commit_file "$C" c.txt c 'feat: add c'
C_NEW=$(git -C "$C" rev-parse HEAD)
# loose_path GITDIR OID: the file of the loose object OID.
loose_path() { printf '%s/objects/%s/%s\n' "$1" "${2:0:2}" "${2:2}"; }
# corrupt FILE: FILE's bytes become garbage (permission bits aside).
corrupt() { chmod u+w "$1" && printf 'this is no zlib stream\n' >"$1"; }
cp -p "$(loose_path "$C/.git" "$C_NEW")" "$TMP/commit.object"
corrupt "$(loose_path "$C/.git" "$C_NEW")"
before=$(refs_of "$TMP/base.git")
sane "corrupt commit: pre-push exits 3" 3 \
	feed "$C" "refs/heads/main $C_NEW refs/heads/main $C_OLD" "$H/pre-push" origin "$TMP/base.git"
expect_fail "corrupt commit: git push fails" git -C "$C" push -q origin main
expect_eq "corrupt commit: nothing accepted" "$(refs_of "$TMP/base.git")" "$before"
# the same object in the receiving repository
CB=$TMP/corrupt.git
git clone -q --bare "$TMP/base.git" "$CB"
mkdir -p "$(dirname "$(loose_path "$CB" "$C_NEW")")"
cp "$(loose_path "$C/.git" "$C_NEW")" "$(loose_path "$CB" "$C_NEW")"
sane "corrupt commit: pre-receive exits 3" 3 feed "$CB" "$C_OLD $C_NEW refs/heads/main" "$H/pre-receive"
sane "corrupt commit: update exits 3" 3 at "$CB" "$UPDATE" refs/heads/main "$C_OLD" "$C_NEW"
sane "corrupt commit: flowgate check-range exits 3" 3 at "$C" "$FG" check-range "$C_OLD..$C_NEW"
sane "corrupt commit as the range's start: flowgate check-range exits 3" 3 at "$C" "$FG" check-range "$C_NEW..$C_OLD"
expect_output "corrupt commit: check-range says it cannot read it" "^flowgate: fatal: check-range: "
# a sound commit whose tree is missing
cp -p "$TMP/commit.object" "$(loose_path "$C/.git" "$C_NEW")"
tree=$(git -C "$C" rev-parse "$C_NEW^{tree}")
rm -f "$(loose_path "$C/.git" "$tree")"
sane "missing tree: pre-push exits 3" 3 \
	feed "$C" "refs/heads/main $C_NEW refs/heads/main $C_OLD" "$H/pre-push" origin "$TMP/base.git"
expect_fail "missing tree: git push fails" git -C "$C" push -q origin main
expect_eq "missing tree: nothing accepted" "$(refs_of "$TMP/base.git")" "$before"
cp -p "$TMP/commit.object" "$(loose_path "$CB" "$C_NEW")"
sane "missing tree: pre-receive exits 3" 3 feed "$CB" "$C_OLD $C_NEW refs/heads/main" "$H/pre-receive"

# ============================================================ no HEAD file
# git no longer takes the directory for a repository; neither does libgit2.
N=$TMP/nohead
clone_of nohead
N_HEAD=$(git -C "$N" rev-parse HEAD)
(cd "$N" && printf 'w\n' >w.txt && git add w.txt)
rm -f "$N/.git/HEAD"
git clone -q --bare "$TMP/base.git" "$TMP/nohead.git"
rm -f "$TMP/nohead.git/HEAD"
sane "no HEAD: pre-commit exits 3" 3 at "$N" "$H/pre-commit"
sane "no HEAD: commit-msg exits 3" 3 at "$N" "$H/commit-msg" "$TMP/good.msg"
sane "no HEAD: pre-push exits 3" 3 \
	feed "$N" "refs/heads/main $N_HEAD refs/heads/main $ZERO" "$H/pre-push" origin x
sane "no HEAD: post-merge exits 0" 0 at "$N" "$H/post-merge" 0
sane "no HEAD: pre-receive exits 3" 3 \
	feed "$TMP/nohead.git" "$ZERO $N_HEAD refs/heads/x" "$H/pre-receive"
sane "no HEAD: update exits 3" 3 at "$TMP/nohead.git" "$UPDATE" refs/heads/x "$ZERO" "$N_HEAD"
sane "no HEAD: flowgate version exits 3" 3 at "$N" "$FG" version
sane "no HEAD: flowgate rules" '[03]' at "$N" "$FG" rules
echo "# no HEAD: flowgate rules exited $GOT"
sane "no HEAD: flowgate check-range exits 3" 3 at "$N" "$FG" check-range "$N_HEAD~1..$N_HEAD"
