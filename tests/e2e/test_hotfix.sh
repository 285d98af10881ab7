# The workflow guide's hotfix process (section 5), played with real git, the
# installed hooks and a bare origin: a fix on hotfix/x from tag v0.16.0 is
# cherry-picked to release/0.16.x (-x, then tagged v0.16.1) and to main
# (without -x: only the patch ID tells), while dev/0.16.x and maint/0.15.x
# lack it. After each step `flowgate hotfix-status` must print the exact
# table the story implies, and post-merge must say what the merges of the
# hotfix branch leave to do (and nothing after a squash or another merge).
# Every expected value below is derived from the story, never from a run.
. "$(dirname "$0")/lib.sh"

FG=$FLOWGATE_BUILD/flowgate
R=$TMP/halform
O=$TMP/origin.git
OUT=$TMP/hs.out
ERR=$TMP/hs.err
export GIT_MERGE_AUTOEDIT=no
new_repo "$R"
new_origin "$O"
git -C "$R" remote add origin "$O"
install_flowgate "$R" || not_ok "install.sh in the story's repository"
cd "$R" || exit 1

# work FILE MESSAGE: a change to FILE committed with MESSAGE (hooks run).
work() {
	tick
	mkdir -p "$(dirname "$1")"
	printf '%s\n' "$2" >>"$1"
	git add -- "$1" && git commit -q -m "$2"
}

# commit_version V MESSAGE: set V and commit it with MESSAGE (hooks run).
commit_version() {
	tick
	set_version "$1" && git commit -q -m "$2"
}

# tag_as NAME MESSAGE [COMMIT]: an annotated tag, as the guide makes it.
tag_as() {
	tick
	git tag -m "$2" "$1" ${3:+"$3"}
}

# short REV / full REV: REV's OID, 12 hex digits / 40.
short() { git rev-parse --short=12 "$1^{commit}"; }
full() { git rev-parse "$1^{commit}"; }

# expect_text NAME FILE WANT: FILE holds exactly WANT (plus its final
# newline), or nothing at all when WANT is empty.
expect_text() {
	if [ -n "$3" ]; then printf '%s\n' "$3" >"$TMP/want"; else : >"$TMP/want"; fi
	if cmp -s "$TMP/want" "$2"; then
		ok "$1"
	else
		printf 'not ok - %s\n' "$1"
		diff -u "$TMP/want" "$2" | sed 's/^/#   /' | head -n 40
	fi
}

# tbl NAMEW COMMITSW [BRANCH STATUS COMMITS TAG]...: the table hotfix-status
# prints, its header first, columns NAMEW and COMMITSW wide, two spaces apart.
tbl() {
	local nw=$1 cw=$2
	shift 2
	printf "%-${nw}s  %-7s  %-${cw}s  %s\n" BRANCH STATUS COMMITS TAG
	while [ $# -ge 4 ]; do
		printf "%-${nw}s  %-7s  %-${cw}s  %s\n" "$1" "$2" "$3" "$4"
		shift 4
	done
}

# hs LABEL STATUS WANT [ARGS...]: flowgate hotfix-status ARGS exits with
# STATUS, prints exactly WANT on stdout and nothing on stderr.
hs() {
	local label=$1 want_status=$2 want=$3 got
	shift 3
	"$FG" hotfix-status "$@" >"$OUT" 2>"$ERR"
	got=$?
	expect_eq "$label: exit status" "$got" "$want_status"
	expect_text "$label: the table" "$OUT" "$want"
	expect_text "$label: nothing on stderr" "$ERR" ""
}

# hs_error LABEL STATUS REGEX [ARGS...]: flowgate hotfix-status ARGS exits
# with STATUS, prints nothing on stdout and one line matching REGEX on stderr.
hs_error() {
	local label=$1 want_status=$2 regex=$3 got
	shift 3
	"$FG" hotfix-status "$@" >"$OUT" 2>"$ERR"
	got=$?
	cat "$OUT" "$ERR" >"$LAST_OUT"
	expect_eq "$label: exit status" "$got" "$want_status"
	expect_text "$label: nothing on stdout" "$OUT" ""
	expect_eq "$label: one line on stderr" "$(wc -l <"$ERR")" 1
	cp "$ERR" "$LAST_OUT"
	expect_output "$label: names the argument and the problem" "$regex"
}

# json_lines: the JSON document on stdin as lines: "fix NAME BRANCH", one
# "commit ID HEADER" per fix commit, one "NAME REMOTE KIND STATUS CARRIERS TAG"
# per branch (CARRIERS comma-separated, null as -), "lacking N total M".
json_lines() {
	python3 -c '
import json, sys
d = json.load(sys.stdin)
s = lambda v: "null" if v is None else (("true" if v else "false") if isinstance(v, bool) else str(v))
print("fix", d["fix"]["name"], s(d["fix"]["branch"]))
for c in d["fix"]["commits"]:
    print("commit", c["id"], c["header"])
for b in d["branches"]:
    print(b["name"], s(b["remote"]), b["kind"], b["status"],
          ",".join("-" if c is None else c for c in b["carriers"]), s(b["tag"]))
print("lacking", d["lacking"], "total", d["total"])
'
}

# hs_json LABEL STATUS WANT [ARGS...]: hotfix-status --format json ARGS exits
# with STATUS and its document reads as WANT (json_lines), or, without
# python3, holds each of WANT's branch lines as an exact JSON fragment.
hs_json() {
	local label=$1 want_status=$2 want=$3 got
	shift 3
	"$FG" hotfix-status --format json "$@" >"$OUT" 2>"$ERR"
	got=$?
	expect_eq "$label: exit status" "$got" "$want_status"
	expect_eq "$label: one line of JSON" "$(wc -l <"$OUT")" 1
	if command -v python3 >/dev/null 2>&1 && python3 -c 'import json' 2>/dev/null; then
		json_lines <"$OUT" >"$TMP/json.lines" 2>&1
		expect_text "$label: the document" "$TMP/json.lines" "$want"
	else
		local name remote kind status carriers tag frag c
		printf '%s\n' "$want" | grep -v '^fix \|^commit \|^lacking ' |
			while read -r name remote kind status carriers tag; do
				[ "$remote" = null ] || remote="\"$remote\""
				[ "$tag" = null ] || tag="\"$tag\""
				frag=""
				for c in $(printf %s "$carriers" | tr , ' '); do
					[ "$c" = - ] && c=null || c="\"$c\""
					frag="$frag${frag:+,}$c"
				done
				frag="{\"name\":\"$name\",\"remote\":$remote,\"kind\":\"$kind\",\"status\":\"$status\",\"carriers\":[$frag],\"tag\":$tag}"
				if grep -qF -- "$frag" "$OUT"; then ok "$label: $name"; else not_ok "$label: $name ($frag)"; fi
			done
		printf '%s\n' "$want" | sed -n 's/^commit \([0-9a-f]*\) \(.*\)$/{"id":"\1","header":"\2"}/p' |
			while read -r frag; do
				if grep -qF -- "$frag" "$OUT"; then ok "$label: $frag"; else not_ok "$label: $frag"; fi
			done
		local tail
		tail=$(printf '%s\n' "$want" | sed -n 's/^lacking \([0-9]*\) total \([0-9]*\)$/"lacking":\1,"total":\2}/p')
		if grep -qF -- "$tail" "$OUT"; then ok "$label: the counts"; else not_ok "$label: the counts ($tail)"; fi
	fi
}

# merged LABEL WANT CMD...: CMD (a git merge or pull) succeeds and what it
# writes on stderr (the post-merge hook's output) is exactly WANT.
merged() {
	local label=$1 want=$2
	shift 2
	tick
	if "$@" >"$OUT" 2>"$ERR"; then ok "$label: succeeds"; else
		cp "$ERR" "$LAST_OUT"
		not_ok "$label: succeeds"
	fi
	expect_text "$label: post-merge says exactly this" "$ERR" "$want"
}

HINT='git cherry-pick -x records the fix it picks'

# ------------------------------------------------------------- the story
# maint/0.15.x at v0.15.3; main -> dev/0.16.x -> release/0.16.x, v0.16.0;
# dev/0.16.x moves on; the release merged back into main, main at 0.17.0-dev.
tick
set_version 0.15.3
printf 'print("halfORM")\n' >half_orm/__init__.py
git add half_orm/__init__.py
expect_ok "setup: the first commit (0.15.3)" git commit -q -m 'chore: initial commit'
git branch maint/0.15.x
tag_as v0.15.3 'maintenance: 0.15.3'
expect_ok "setup: main at 0.16.0-dev" commit_version 0.16.0-dev 'chore: bump version to 0.16.0-dev'
git checkout -q -b dev/0.16.x
expect_ok "setup: a fix on dev/0.16.x" work half_orm/model.py 'fix(model): handle an empty config'
git checkout -q -b release/0.16.x
expect_ok "setup: 0.16.0 on release/0.16.x" commit_version 0.16.0 'chore: prepare release 0.16.0'
tag_as v0.16.0 'release: 0.16.0'
git checkout -q dev/0.16.x
expect_ok "setup: dev/0.16.x moves on" work half_orm/model.py 'fix(model): log the empty config'
git checkout -q main
tick
expect_ok "setup: release/0.16.x merged into main" git merge -q --no-ff --no-edit release/0.16.x
expect_ok "setup: main at 0.17.0-dev" commit_version 0.17.0-dev 'chore: bump version to 0.17.0-dev'
expect_ok "setup: everything pushed" \
	git push -q origin main dev/0.16.x release/0.16.x maint/0.15.x v0.15.3 v0.16.0

# -------------------------------------------------- the fix on hotfix/x
git checkout -q -b hotfix/x v0.16.0
expect_ok "hotfix: the fix on hotfix/x" work half_orm/pool.py 'fix: close the pool on error'
expect_ok "hotfix: hotfix/x pushed" git push -q origin hotfix/x
F=$(short hotfix/x)
FF=$(full hotfix/x)
FIXLINE="    $F fix: close the pool on error"

# Nothing holds it yet: every branch, local and remote-tracking, lacks it.
hs "fix only on hotfix/x" 1 "$(
	printf '%s\n' 'hotfix/x: 1 commit' "$FIXLINE"
	tbl 21 7 \
		main missing - - \
		origin/main missing - - \
		dev/0.16.x missing - - \
		origin/dev/0.16.x missing - - \
		release/0.16.x missing - - \
		origin/release/0.16.x missing - - \
		maint/0.15.x missing - - \
		origin/maint/0.15.x missing - -
	printf '%s\n' '8 of 8 branches lack the fix; to apply it:' \
		"    git checkout main && git cherry-pick -x $F && git push origin main" \
		"    git checkout dev/0.16.x && git cherry-pick -x $F && git push origin dev/0.16.x" \
		"    git checkout release/0.16.x && git cherry-pick -x $F && git push origin release/0.16.x" \
		"    git checkout maint/0.15.x && git cherry-pick -x $F && git push origin maint/0.15.x"
)" --older hotfix/x

# A copy of this moment for the fast-forward case below.
cp -a "$R" "$TMP/ff"

# A freshly created hotfix branch has no commit of its own, whether it
# starts at a release tag or at a long-lived branch's (untagged) tip.
git branch hotfix/empty v0.16.0
hs_error "fresh hotfix branch at a release tag" 2 \
	"^flowgate hotfix-status: error: 'hotfix/empty' has no commit of its own" hotfix/empty
git branch -q -D hotfix/empty
git branch hotfix/fresh main
hs_error "fresh hotfix branch at main's tip" 2 \
	"^flowgate hotfix-status: error: 'hotfix/fresh' has no commit of its own" hotfix/fresh
git branch -q -D hotfix/fresh

# A bad argument names no commit.
hs_error "bad argument" 2 \
	"^flowgate hotfix-status: error: 'hotfix/nonexistent' names no commit" hotfix/nonexistent

# Outside a repository.
mkdir -p "$TMP/nowhere"
(cd "$TMP/nowhere" && GIT_CEILING_DIRECTORIES=$TMP "$FG" hotfix-status >"$OUT" 2>"$ERR")
expect_eq "no repository: exit 3" "$?" 3

# ------------------------------------- 1. cherry-pick -x to release/0.16.x
git checkout -q release/0.16.x
tick
expect_ok "release: git cherry-pick -x hotfix/x" git cherry-pick -x hotfix/x
R1=$(short HEAD)
R1F=$(full HEAD)
hs "picked to release/0.16.x, not tagged, not pushed" 1 "$(
	printf '%s\n' 'hotfix/x: 1 commit' "$FIXLINE"
	tbl 21 12 \
		main missing - - \
		origin/main missing - - \
		dev/0.16.x missing - - \
		origin/dev/0.16.x missing - - \
		release/0.16.x picked "$R1" untagged \
		origin/release/0.16.x missing - - \
		maint/0.15.x missing - - \
		origin/maint/0.15.x missing - -
	printf '%s\n' '7 of 8 branches lack the fix; to apply it:' \
		"    git checkout main && git cherry-pick -x $F && git push origin main" \
		"    git checkout dev/0.16.x && git cherry-pick -x $F && git push origin dev/0.16.x" \
		"    git push origin release/0.16.x" \
		"    git checkout maint/0.15.x && git cherry-pick -x $F && git push origin maint/0.15.x" \
		'to tag the release and maint branches that hold it:' \
		'    git checkout release/0.16.x && flowgate bump patch --commit --tag'
)" --older hotfix/x

tick
expect_ok "release: flowgate bump patch --commit --tag (v0.16.1)" "$FG" bump patch --commit --tag
expect_eq "release: the tag v0.16.1 is on the bump commit" "$(full v0.16.1)" "$(full HEAD)"
expect_ok "release: release/0.16.x and v0.16.1 pushed" git push -q origin release/0.16.x v0.16.1
hs "picked to release/0.16.x, tagged v0.16.1, pushed" 1 "$(
	printf '%s\n' 'hotfix/x: 1 commit' "$FIXLINE"
	tbl 21 12 \
		main missing - - \
		origin/main missing - - \
		dev/0.16.x missing - - \
		origin/dev/0.16.x missing - - \
		release/0.16.x picked "$R1" v0.16.1 \
		origin/release/0.16.x picked "$R1" v0.16.1 \
		maint/0.15.x missing - - \
		origin/maint/0.15.x missing - -
	printf '%s\n' '6 of 8 branches lack the fix; to apply it:' \
		"    git checkout main && git cherry-pick -x $F && git push origin main" \
		"    git checkout dev/0.16.x && git cherry-pick -x $F && git push origin dev/0.16.x" \
		"    git checkout maint/0.15.x && git cherry-pick -x $F && git push origin maint/0.15.x"
)" --older hotfix/x

# ------------------------- 2. cherry-pick to main, without -x (patch ID only)
git checkout -q main
tick
expect_ok "main: git cherry-pick hotfix/x (no -x)" git cherry-pick hotfix/x
git log -1 --format=%B >"$LAST_OUT"
expect_no_output "main: the pick's message has no (cherry picked from ...) line" 'cherry picked from'
M1=$(short HEAD)
M1F=$(full HEAD)
hs "picked to main, not pushed" 1 "$(
	printf '%s\n' 'hotfix/x: 1 commit' "$FIXLINE"
	tbl 21 12 \
		main picked "$M1" - \
		origin/main missing - - \
		dev/0.16.x missing - - \
		origin/dev/0.16.x missing - - \
		release/0.16.x picked "$R1" v0.16.1 \
		origin/release/0.16.x picked "$R1" v0.16.1 \
		maint/0.15.x missing - - \
		origin/maint/0.15.x missing - -
	printf '%s\n' '5 of 8 branches lack the fix; to apply it:' \
		"    git push origin main" \
		"    git checkout dev/0.16.x && git cherry-pick -x $F && git push origin dev/0.16.x" \
		"    git checkout maint/0.15.x && git cherry-pick -x $F && git push origin maint/0.15.x"
)" --older hotfix/x
hs_json "picked to main, not pushed (JSON)" 1 "fix hotfix/x true
commit $FF fix: close the pool on error
main null main picked $M1F null
origin/main origin main missing - null
dev/0.16.x null dev missing - null
origin/dev/0.16.x origin dev missing - null
release/0.16.x null release picked $R1F v0.16.1
origin/release/0.16.x origin release picked $R1F v0.16.1
maint/0.15.x null maint missing - null
origin/maint/0.15.x origin maint missing - null
lacking 5 total 8" --older hotfix/x

expect_ok "main: pushed" git push -q origin main
WANT_S4="$(
	tbl 21 12 \
		main picked "$M1" - \
		origin/main picked "$M1" - \
		dev/0.16.x missing - - \
		origin/dev/0.16.x missing - - \
		release/0.16.x picked "$R1" v0.16.1 \
		origin/release/0.16.x picked "$R1" v0.16.1 \
		maint/0.15.x missing - - \
		origin/maint/0.15.x missing - -
	printf '%s\n' '4 of 8 branches lack the fix; to apply it:' \
		"    git checkout dev/0.16.x && git cherry-pick -x $F && git push origin dev/0.16.x" \
		"    git checkout maint/0.15.x && git cherry-pick -x $F && git push origin maint/0.15.x"
)"
hs "release and main have it, dev and maint lack it" 1 "$(
	printf '%s\n' 'hotfix/x: 1 commit' "$FIXLINE" "$WANT_S4")" --older hotfix/x
hs "the fix named by its commit OID" 1 "$(
	printf '%s\n' "$F: 1 commit" "$FIXLINE" "$WANT_S4")" --older "$F"
hs "the fix named by its full OID" 1 "$(
	printf '%s\n' "$FF: 1 commit" "$FIXLINE" "$WANT_S4")" --older "$FF"
git checkout -q hotfix/x
hs "no argument on hotfix/x: the branch" 1 "$(
	printf '%s\n' 'hotfix/x: 1 commit' "$FIXLINE" "$WANT_S4")" --older
# Issue 20, item 15: without --older, the series the fix affects: hotfix/x
# starts at v0.16.0, so main and the 0.16 branches; maint/0.15.x (at
# v0.15.3, without v0.16.0) is an older series, not listed, and counted.
WANT_AFFECTED="$(
	printf '%s\n' 'hotfix/x: 1 commit' "$FIXLINE" \
		"2 branches of series older than 0.16, the fix's base, not listed (--older lists them)"
	tbl 21 12 \
		main picked "$M1" - \
		origin/main picked "$M1" - \
		dev/0.16.x missing - - \
		origin/dev/0.16.x missing - - \
		release/0.16.x picked "$R1" v0.16.1 \
		origin/release/0.16.x picked "$R1" v0.16.1
	printf '%s\n' '2 of 6 branches lack the fix; to apply it:' \
		"    git checkout dev/0.16.x && git cherry-pick -x $F && git push origin dev/0.16.x"
)"
hs "no argument on hotfix/x, no --older: the series it affects" 1 "$WANT_AFFECTED"
hs "hotfix/x, no --older: the series it affects" 1 "$WANT_AFFECTED" hotfix/x
"$FG" hotfix-status --format json hotfix/x >"$OUT" 2>"$ERR"
cp "$OUT" "$LAST_OUT"
expect_output "hotfix/x, no --older (JSON): the base series and the branches not listed" \
	'\],"base":"0\.16","hidden":2,"lacking":2,"total":6\}$'
# On main, no argument: not HEAD taken for the fix, but an error saying so.
git checkout -q main
hs_error "no argument on main" 2 \
	"^flowgate hotfix-status: error: HEAD is on main, not a hotfix branch; name the fix: flowgate hotfix-status hotfix/<name> \\(or a commit\\)$"
git checkout -q --detach main
hs_error "no argument on a detached HEAD" 2 \
	"^flowgate hotfix-status: error: HEAD is detached, not a hotfix branch; name the fix: "
git checkout -q main

# ----------------------------------------------------------------- merges
# A merge of a branch that is no hotfix says nothing about hotfixes.
git checkout -q -b feature/pool-size main
expect_ok "feature: a feat on feature/pool-size" work half_orm/cli.py 'feat(cli): pool size option'
git checkout -q main
merged "feature merged into main" "" git merge -q --no-ff --no-edit feature/pool-size
expect_ok "main: pushed" git push -q origin main
hs "after the feature merge: the same" 1 "$(
	printf '%s\n' 'hotfix/x: 1 commit' "$FIXLINE" "$WANT_S4")" --older hotfix/x

# Copies of this moment: the pull from origin, and many branches lacking it.
git clone -q "$O" "$TMP/clone"
install_flowgate "$TMP/clone" || not_ok "install.sh in the clone"
cp -a "$R" "$TMP/many"

# A squash merge commits nothing: no hotfixPropagation.
git checkout -q dev/0.16.x
tick
git merge -q --squash hotfix/x >"$OUT" 2>"$ERR"
expect_eq "squash of hotfix/x into dev/0.16.x: succeeds" "$?" 0
cat "$OUT" "$ERR" >"$LAST_OUT"
expect_no_output "squash of hotfix/x into dev/0.16.x: no hotfixPropagation" 'hotfixPropagation'
expect_no_output "squash of hotfix/x into dev/0.16.x: flowgate says nothing" '^flowgate'
git reset -q --hard

# 3. hotfix/x merged (--no-ff) into dev/0.16.x: the others that lack it.
merged "hotfix/x merged into dev/0.16.x" "flowgate post-merge: info: hotfixPropagation: hotfix/x is merged into dev/0.16.x; 1 of 6 long-lived branches lack it
    origin/dev/0.16.x  missing
    git push origin dev/0.16.x
hint: flowgate hotfix-status hotfix/x shows every branch it affects; $HINT" \
	git merge -q --no-ff --no-edit hotfix/x
expect_eq "dev/0.16.x: the merge is a merge of hotfix/x" "$(git rev-parse HEAD^2)" "$FF"
hs "merged into dev/0.16.x, origin/dev/0.16.x lacks it" 1 "$(
	printf '%s\n' 'hotfix/x: 1 commit' "$FIXLINE"
	tbl 21 12 \
		main picked "$M1" - \
		origin/main picked "$M1" - \
		dev/0.16.x merged "$F" - \
		origin/dev/0.16.x missing - - \
		release/0.16.x picked "$R1" v0.16.1 \
		origin/release/0.16.x picked "$R1" v0.16.1 \
		maint/0.15.x missing - - \
		origin/maint/0.15.x missing - -
	printf '%s\n' '3 of 8 branches lack the fix; to apply it:' \
		"    git push origin dev/0.16.x" \
		"    git checkout maint/0.15.x && git cherry-pick -x $F && git push origin maint/0.15.x"
)" --older hotfix/x

# ---------------------------------------- 4. maint/0.15.x, then all have it
git checkout -q maint/0.15.x
tick
expect_ok "maint: git cherry-pick -x hotfix/x" git cherry-pick -x hotfix/x
P1=$(short HEAD)
P1F=$(full HEAD)
tick
expect_ok "maint: flowgate bump patch --commit --tag (v0.15.4)" "$FG" bump patch --commit --tag
expect_eq "maint: the tag v0.15.4 is on the bump commit" "$(full v0.15.4)" "$(full HEAD)"
expect_ok "maint: dev/0.16.x, maint/0.15.x and v0.15.4 pushed" \
	git push -q origin dev/0.16.x maint/0.15.x v0.15.4
hs "every branch has it" 0 "$(
	printf '%s\n' 'hotfix/x: 1 commit' "$FIXLINE"
	tbl 21 12 \
		main picked "$M1" - \
		origin/main picked "$M1" - \
		dev/0.16.x merged "$F" - \
		origin/dev/0.16.x merged "$F" - \
		release/0.16.x picked "$R1" v0.16.1 \
		origin/release/0.16.x picked "$R1" v0.16.1 \
		maint/0.15.x picked "$P1" v0.15.4 \
		origin/maint/0.15.x picked "$P1" v0.15.4
	printf '%s\n' 'all 8 branches have the fix'
)" --older hotfix/x
hs_json "every branch has it (JSON)" 0 "fix hotfix/x true
commit $FF fix: close the pool on error
main null main picked $M1F null
origin/main origin main picked $M1F null
dev/0.16.x null dev merged $FF null
origin/dev/0.16.x origin dev merged $FF null
release/0.16.x null release picked $R1F v0.16.1
origin/release/0.16.x origin release picked $R1F v0.16.1
maint/0.15.x null maint picked $P1F v0.15.4
origin/maint/0.15.x origin maint picked $P1F v0.15.4
lacking 0 total 8" --older hotfix/x

# ------------------------------------ a hotfix of two commits, one picked
git checkout -q -b hotfix/y v0.16.1
expect_ok "hotfix/y: first fix" work half_orm/dsn.py 'fix: validate the dsn'
expect_ok "hotfix/y: second fix" work half_orm/schema.py 'fix: quote the schema name'
Y1=$(short hotfix/y~1)
Y2=$(short hotfix/y)
git checkout -q release/0.16.x
tick
expect_ok "hotfix/y: only the first picked to release/0.16.x" git cherry-pick -x "$Y1"
RY1=$(short HEAD)
hs "hotfix/y: partial on release/0.16.x" 1 "$(
	printf '%s\n' 'hotfix/y: 2 commits' "    $Y1 fix: validate the dsn" "    $Y2 fix: quote the schema name"
	tbl 21 14 \
		main missing - - \
		origin/main missing - - \
		dev/0.16.x missing - - \
		origin/dev/0.16.x missing - - \
		release/0.16.x partial "$RY1,-" - \
		origin/release/0.16.x missing - - \
		maint/0.15.x missing - - \
		origin/maint/0.15.x missing - -
	printf '%s\n' '8 of 8 branches lack the fix; to apply it:' \
		"    git checkout main && git cherry-pick -x $Y1 $Y2 && git push origin main" \
		"    git checkout dev/0.16.x && git cherry-pick -x $Y1 $Y2 && git push origin dev/0.16.x" \
		"    git checkout release/0.16.x && git cherry-pick -x $Y2 && git push origin release/0.16.x" \
		"    git checkout maint/0.15.x && git cherry-pick -x $Y1 $Y2 && git push origin maint/0.15.x"
)" --older hotfix/y
hs_json "hotfix/y: partial (JSON)" 1 "fix hotfix/y true
commit $(full hotfix/y~1) fix: validate the dsn
commit $(full hotfix/y) fix: quote the schema name
main null main missing -,- null
origin/main origin main missing -,- null
dev/0.16.x null dev missing -,- null
origin/dev/0.16.x origin dev missing -,- null
release/0.16.x null release partial $(full HEAD),- null
origin/release/0.16.x origin release missing -,- null
maint/0.15.x null maint missing -,- null
origin/maint/0.15.x origin maint missing -,- null
lacking 8 total 8" --older hotfix/y
git reset -q --hard HEAD~1
git branch -q -D hotfix/y

# --------------------------- merges of hotfix/x once every branch has it
git checkout -q main
merged "hotfix/x merged into main when every branch has it" "" \
	git merge -q --no-ff --no-edit hotfix/x
# release/0.16.x holds the fix as the pick R1, released as v0.16.1: merging
# the hotfix branch itself there adds nothing to release, no tag is due.
git checkout -q release/0.16.x
merged "hotfix/x merged into release/0.16.x (tagged v0.16.1) when every branch has it" "" \
	git merge -q --no-ff --no-edit hotfix/x
hs "after the final merges: every branch has it" 0 "$(
	printf '%s\n' 'hotfix/x: 1 commit' "$FIXLINE"
	tbl 21 12 \
		main merged "$F" - \
		origin/main picked "$M1" - \
		dev/0.16.x merged "$F" - \
		origin/dev/0.16.x merged "$F" - \
		release/0.16.x merged "$F" v0.16.1 \
		origin/release/0.16.x picked "$R1" v0.16.1 \
		maint/0.15.x picked "$P1" v0.15.4 \
		origin/maint/0.15.x picked "$P1" v0.15.4
	printf '%s\n' 'all 8 branches have the fix'
)" --older hotfix/x

# --------------------- fast-forward into an untagged release/0.16.x (copy)
# The copy made right after the fix: release/0.16.x still at v0.16.0.
cd "$TMP/ff" || exit 1
git checkout -q release/0.16.x
merged "fast-forward of release/0.16.x to hotfix/x" "flowgate post-merge: info: hotfixPropagation: hotfix/x is merged into release/0.16.x; 5 of 6 long-lived branches lack it
    main                   missing
    origin/main            missing
    ... and 3 more
    git checkout main && git cherry-pick -x $F && git push origin main
    git checkout dev/0.16.x && git cherry-pick -x $F && git push origin dev/0.16.x
    git push origin release/0.16.x
    release/0.16.x holds it without a release tag: git checkout release/0.16.x && flowgate bump patch --commit --tag
hint: flowgate hotfix-status hotfix/x shows every branch it affects; $HINT" \
	git merge -q --ff-only hotfix/x
expect_eq "fast-forward: release/0.16.x is hotfix/x" "$(full HEAD)" "$FF"
expect_ok "fast-forward: post-merge output is at most 10 lines" test "$(wc -l <"$ERR")" -le 10
hs "fast-forward: release/0.16.x merged, untagged" 1 "$(
	printf '%s\n' 'hotfix/x: 1 commit' "$FIXLINE"
	tbl 21 12 \
		main missing - - \
		origin/main missing - - \
		dev/0.16.x missing - - \
		origin/dev/0.16.x missing - - \
		release/0.16.x merged "$F" untagged \
		origin/release/0.16.x missing - - \
		maint/0.15.x missing - - \
		origin/maint/0.15.x missing - -
	printf '%s\n' '7 of 8 branches lack the fix; to apply it:' \
		"    git checkout main && git cherry-pick -x $F && git push origin main" \
		"    git checkout dev/0.16.x && git cherry-pick -x $F && git push origin dev/0.16.x" \
		"    git push origin release/0.16.x" \
		"    git checkout maint/0.15.x && git cherry-pick -x $F && git push origin maint/0.15.x" \
		'to tag the release and maint branches that hold it:' \
		'    git checkout release/0.16.x && flowgate bump patch --commit --tag'
)" --older hotfix/x

# ------------------------ git pull of origin's hotfix/x into dev/0.16.x (clone)
# The clone has main and dev/0.16.x locally, the rest remote-tracking only,
# and no local hotfix/x: the merged side is origin/hotfix/x.
cd "$TMP/clone" || exit 1
git checkout -q dev/0.16.x
merged "git pull origin hotfix/x into dev/0.16.x" "flowgate post-merge: info: hotfixPropagation: origin/hotfix/x is merged into dev/0.16.x; 1 of 5 long-lived branches lack it
    origin/dev/0.16.x  missing
    git push origin dev/0.16.x
hint: flowgate hotfix-status origin/hotfix/x shows every branch it affects; $HINT" \
	git pull -q --no-rebase --no-edit origin hotfix/x
hs "clone: after the pull" 1 "$(
	printf '%s\n' 'origin/hotfix/x: 1 commit' "$FIXLINE"
	tbl 21 12 \
		main picked "$M1" - \
		origin/main picked "$M1" - \
		dev/0.16.x merged "$F" - \
		origin/dev/0.16.x missing - - \
		origin/release/0.16.x picked "$R1" v0.16.1 \
		origin/maint/0.15.x missing - -
	printf '%s\n' '2 of 6 branches lack the fix; to apply it:' \
		"    git push origin dev/0.16.x" \
		"    git checkout maint/0.15.x && git cherry-pick -x $F && git push origin maint/0.15.x"
)" --older origin/hotfix/x

# --------------------- many branches lack it: post-merge stays short (copy)
# The copy made before the dev merge, with 3 more dev, 3 more release and 2
# more maint branches of the 0.16 series and newer (made at v0.15.3: they
# lack the fix): 9 of 14 lack it after the merge; and 3 dev and 3 maint
# branches of older series, which are not listed (--older lists them).
cd "$TMP/many" || exit 1
for b in dev/0.17.x dev/0.18.x dev/0.19.x release/0.17.x release/0.18.x release/0.19.x \
	maint/0.16.x maint/0.17.x dev/0.12.x dev/0.13.x dev/0.14.x maint/0.12.x maint/0.13.x \
	maint/0.14.x; do
	git branch "$b" v0.15.3
done
git checkout -q dev/0.16.x
merged "many lacking: hotfix/x merged into dev/0.16.x" "flowgate post-merge: info: hotfixPropagation: hotfix/x is merged into dev/0.16.x; 9 of 14 long-lived branches lack it
    dev/0.19.x         missing
    dev/0.18.x         missing
    dev/0.17.x         missing
    ... and 6 more
    git checkout dev/0.19.x && git cherry-pick -x $F
    git checkout dev/0.18.x && git cherry-pick -x $F
    ... and 7 more commands
hint: flowgate hotfix-status hotfix/x shows every branch it affects; $HINT" \
	git merge -q --no-ff --no-edit hotfix/x
expect_ok "many lacking: post-merge output is at most 10 lines" test "$(wc -l <"$ERR")" -le 10
"$FG" hotfix-status hotfix/x >"$OUT" 2>"$ERR"
expect_eq "many lacking: hotfix-status exits 1" "$?" 1
expect_eq "many lacking: the table lists the 14 branches of 0.16 and newer" \
	"$(sed -n '/^BRANCH /,/branches lack the fix/p' "$OUT" | sed '1d;$d' | wc -l)" 14
expect_eq "many lacking: one command per branch lacking it (9)" \
	"$(grep -c '^    git ' "$OUT")" 9
expect_eq "many lacking: the 8 older branches are counted, not listed" \
	"$(sed -n 3p "$OUT")" "8 branches of series older than 0.16, the fix's base, not listed (--older lists them)"
"$FG" hotfix-status --older hotfix/x >"$OUT" 2>"$ERR"
expect_eq "many lacking, --older: the full table lists all 22 branches" \
	"$(sed -n '/^BRANCH /,/branches lack the fix/p' "$OUT" | sed '1d;$d' | wc -l)" 22

# ------- git pull --ff-only of origin's hotfix/z into release/0.16.x (clone)
# A colleague's hotfix/z from v0.16.1, known here only as origin/hotfix/z,
# fast-forwards release/0.16.x: the merged commit is the tip of both
# origin/hotfix/z and release/0.16.x, and it is the hotfix that was merged.
cd "$TMP/clone" || exit 1
git checkout -q -b hotfix/z origin/release/0.16.x
expect_ok "hotfix/z: the fix" work half_orm/cursor.py 'fix: reset the cursor'
expect_ok "hotfix/z: pushed" git push -q origin hotfix/z
Z=$(short hotfix/z)
git checkout -q release/0.16.x
git branch -q -D hotfix/z
merged "git pull --ff-only origin hotfix/z into release/0.16.x" "flowgate post-merge: info: hotfixPropagation: origin/hotfix/z is merged into release/0.16.x; 5 of 6 long-lived branches lack it
    main                   missing
    origin/main            missing
    ... and 3 more
    git checkout main && git cherry-pick -x $Z && git push origin main
    git checkout dev/0.16.x && git cherry-pick -x $Z && git push origin dev/0.16.x
    git push origin release/0.16.x
    release/0.16.x holds it without a release tag: git checkout release/0.16.x && flowgate bump patch --commit --tag
hint: flowgate hotfix-status origin/hotfix/z shows every branch it affects; $HINT" \
	git pull -q --ff-only origin hotfix/z
expect_eq "hotfix/z: release/0.16.x fast-forwarded to it" "$(full HEAD)" "$(full origin/hotfix/z)"
