#!/bin/sh
# flowgate benchmark: start-up cost and scaling of the four hooks.
#
# Usage: FLOWGATE_BUILD=/abs/build sh tests/bench/bench.sh    (or: make bench)
#
# Environment:
#   FLOWGATE_BUILD             build dir holding hooks/{commit-msg,...} (default: <top>/build)
#   FLOWGATE_BENCH_DIR         cache + results dir (default /tmp/flowgate-bench)
#   FLOWGATE_BENCH_RUNS        hyperfine runs per command (default 100, minimum 50)
#   FLOWGATE_BENCH_WARMUP      hyperfine warm-up runs (default 5)
#   FLOWGATE_BENCH_CALLGRIND=0 skip the valgrind/callgrind instruction counts
#   FLOWGATE_BENCH_COMMITS     commits/files in the big repository (default 10000;
#                              the targets are defined for 10000)
#
# It builds (once, cached) a repository of N commits with an N-file index via
# git fast-import, then measures with hyperfine (-N, median wall time), GNU
# time (peak RSS) and callgrind (instruction count, stable on a noisy box):
#   floors: /bin/true, a minimal libgit2 repository open (shared libgit2 and
#           linked like the hooks), `git commit --allow-empty`, `sh -c` (stdin);
#   hooks:  commit-msg, pre-commit, pre-push (N-1 new commits), post-merge.
#   bad configuration: pre-commit refusing a committed .flowgate whose version
#           file pattern backtracks without end ((a+)+$ on a 1 MiB file).
# Targets: commit-msg/pre-commit/post-merge median <= 3 ms, pre-push <= 100 ms,
# the catastrophic pattern stopped (exit 4) in <= 100 ms,
# every hook peak RSS <= 16 MiB. Exit status: 0 all targets met, 1 a target
# failed (everything is still printed), 2 setup error.

set -eu

BENCH_SRC=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$BENCH_SRC/../.." && pwd)
: "${FLOWGATE_BUILD:=$TOP/build}"
BENCH_DIR=${FLOWGATE_BENCH_DIR:-/tmp/flowgate-bench}
RUNS=${FLOWGATE_BENCH_RUNS:-100}
WARMUP=${FLOWGATE_BENCH_WARMUP:-5}
CALLGRIND=${FLOWGATE_BENCH_CALLGRIND:-1}
NCOMMITS=${FLOWGATE_BENCH_COMMITS:-10000}
# Bump when the generated repository changes shape: the cache is keyed by it.
REPO_VERSION=1
REPO_KEY="v$REPO_VERSION-n$NCOMMITS"

HOOKS="commit-msg pre-commit pre-push post-merge"
TARGET_SINGLE_MS=3
TARGET_PUSH_MS=100
TARGET_BAD_CONFIG_MS=100
TARGET_RSS_MIB=16

die() {
	echo "bench: error: $*" >&2
	exit 2
}
note() { echo "bench: $*"; }

case $FLOWGATE_BUILD in /*) ;; *) FLOWGATE_BUILD=$(pwd)/$FLOWGATE_BUILD ;; esac
case $BENCH_DIR in /*) ;; *) BENCH_DIR=$(pwd)/$BENCH_DIR ;; esac
case $RUNS in '' | *[!0-9]*) die "FLOWGATE_BENCH_RUNS must be a number" ;; esac
case $WARMUP in '' | *[!0-9]*) die "FLOWGATE_BENCH_WARMUP must be a number" ;; esac
case $NCOMMITS in '' | *[!0-9]*) die "FLOWGATE_BENCH_COMMITS must be a number" ;; esac
[ "$RUNS" -ge 50 ] || RUNS=50
[ "$NCOMMITS" -ge 2 ] || die "FLOWGATE_BENCH_COMMITS must be >= 2"

# ---------------------------------------------------------------- tools
is_root() { [ "$(id -u)" -eq 0 ]; }
APT_UPDATED=
apt_install() {
	if [ -z "$APT_UPDATED" ]; then
		apt-get update -qq >/dev/null 2>&1 || true
		APT_UPDATED=1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1
}

if ! command -v hyperfine >/dev/null 2>&1; then
	is_root || die "hyperfine not found (apt-get install hyperfine)"
	note "installing hyperfine"
	apt_install hyperfine || die "apt-get install hyperfine failed"
fi
HAVE_TIME=1
if [ ! -x /usr/bin/time ]; then
	if is_root; then
		note "installing GNU time"
		apt_install time || HAVE_TIME=
	else
		HAVE_TIME=
	fi
	[ -n "$HAVE_TIME" ] || note "note: /usr/bin/time missing (not root): peak RSS skipped"
fi
if [ "$CALLGRIND" != 0 ] && ! command -v valgrind >/dev/null 2>&1; then
	if is_root; then
		note "installing valgrind"
		apt_install valgrind || CALLGRIND=0
	else
		CALLGRIND=0
	fi
	[ "$CALLGRIND" != 0 ] || note "note: valgrind missing: instruction counts skipped"
fi
for t in git cc pkg-config awk; do
	command -v "$t" >/dev/null 2>&1 || die "$t not found"
done
pkg-config --exists libgit2 || die "libgit2 development files not found (libgit2-dev)"

# hyperfine gained --input in 1.16; older ones get a `sh -c 'exec ... < FILE'` wrapper.
HF_INPUT=
if hyperfine --help 2>/dev/null | grep -q -- '--input'; then HF_INPUT=1; fi

# ---------------------------------------------------------------- temp + isolation
mkdir -p "$BENCH_DIR" || die "cannot create $BENCH_DIR"
RUN_TMP=$(mktemp -d "${TMPDIR:-/tmp}/flowgate-bench-run.XXXXXX")
# shellcheck disable=SC2317
cleanup() { rm -rf "$RUN_TMP"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The user's and the system's git configuration must not colour the figures.
export HOME="$RUN_TMP/home" XDG_CONFIG_HOME="$RUN_TMP/home/.config" GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_CEILING_DIRECTORIES 2>/dev/null || true
export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.com
export GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.com
export NO_COLOR=1 LC_ALL=C

# ---------------------------------------------------------------- big repository
REPO_DIR="$BENCH_DIR/repo-$REPO_KEY"
WORK="$REPO_DIR/work"
ORIGIN="$REPO_DIR/origin.git"

# fast-import stream: N commits on refs/heads/main, commit i adds src/dXX/fileNNNNN.txt,
# the first one also the three version files.
gen_stream() {
	awk -v n="$NCOMMITS" 'BEGIN {
		ts = 1700000000
		t[0] = "feat"; t[1] = "fix"; t[2] = "docs"
		v = "0.16.0-dev\n"
		s = "import os\nfrom setuptools import setup\n\n\ndef get_version():\n" \
		    "    here = os.path.dirname(os.path.abspath(__file__))\n" \
		    "    with open(os.path.join(here, \"half_orm\", \"version.txt\")) as f:\n" \
		    "        return f.read().strip()\n\n\n" \
		    "setup(\n    name=\"half_orm\",\n    version=get_version(),\n" \
		    "    packages=[\"half_orm\"],\n)\n"
		d = "# halfORM\n\nThis documentation covers halfORM **0.16.x** (latest development release).\n"
		for (i = 1; i <= n; i++) {
			msg = t[(i - 1) % 3] ": change file " i "\n"
			printf "commit refs/heads/main\nmark :%d\n", i
			printf "author Bench <bench@example.com> %d +0000\n", ts + i
			printf "committer Bench <bench@example.com> %d +0000\n", ts + i
			printf "data %d\n%s", length(msg), msg
			if (i > 1)
				printf "from :%d\n", i - 1
			else {
				printf "M 100644 inline half_orm/version.txt\ndata %d\n%s\n", length(v), v
				printf "M 100644 inline setup.py\ndata %d\n%s\n", length(s), s
				printf "M 100644 inline docs/index.md\ndata %d\n%s\n", length(d), d
			}
			c = "content of file " i "\n"
			printf "M 100644 inline src/d%02d/file%05d.txt\ndata %d\n%s\n", i % 100, i, length(c), c
		}
		print "done"
	}'
}

build_repo() {
	note "building the $NCOMMITS-commit repository in $REPO_DIR (cached; key $REPO_KEY)"
	rm -rf "$REPO_DIR"
	mkdir -p "$REPO_DIR"
	git init -q -b main "$WORK"
	gen_stream >"$RUN_TMP/stream.fi"
	git -C "$WORK" fast-import --quiet --done <"$RUN_TMP/stream.fi"
	rm -f "$RUN_TMP/stream.fi"
	git -C "$WORK" reset -q --hard main
	first=$(git -C "$WORK" rev-list --max-parents=0 main)
	git init -q --bare -b main "$ORIGIN"
	git -C "$WORK" -c core.hooksPath=/dev/null push -q "$ORIGIN" "$first:refs/heads/main"
	git -C "$WORK" remote add origin "$ORIGIN"
	git -C "$WORK" update-ref refs/remotes/origin/main "$first"
	printf 'feat: add the benchmark message\n' >"$WORK/.git/COMMIT_EDITMSG"
	touch "$REPO_DIR/.complete"
}

[ -f "$REPO_DIR/.complete" ] || build_repo
FIRST=$(git -C "$WORK" rev-list --max-parents=0 main)
TIP=$(git -C "$WORK" rev-parse main)
NFILES=$(git -C "$WORK" ls-files | wc -l)
NNEW=$(git -C "$WORK" rev-list --count "$FIRST..$TIP")
[ "$NFILES" -ge "$NCOMMITS" ] || die "index has $NFILES files, want >= $NCOMMITS (rm -rf $REPO_DIR)"
[ "$(git -C "$ORIGIN" rev-parse main)" = "$FIRST" ] || die "origin.git main is not the first commit (rm -rf $REPO_DIR)"
printf 'refs/heads/main %s refs/heads/main %s\n' "$TIP" "$FIRST" >"$BENCH_DIR/pre-push.stdin"
PUSH_IN="$BENCH_DIR/pre-push.stdin"

# A small repository for the `git commit` floor (each run adds a commit: fine).
SMALL="$RUN_TMP/small"
git init -q -b main "$SMALL"
git -C "$SMALL" -c core.hooksPath=/dev/null commit -q --allow-empty -m 'feat: start'

# A repository whose staged .flowgate has a catastrophic pattern: PCRE2's
# match limit must stop it with a configuration error (exit 4), quickly.
CATA="$RUN_TMP/catastrophic"
git init -q -b main "$CATA"
printf '[versionFile "VERSION"]\n\tpattern = (a+)+$\n' >"$CATA/.flowgate"
awk 'BEGIN { s = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	for (i = 0; i < 16384; i++) printf "%s", s; print "!" }' >"$CATA/VERSION"
git -C "$CATA" add .flowgate VERSION

# ---------------------------------------------------------------- floor programs
BIN="$BENCH_DIR/bin"
mkdir -p "$BIN"
GIT2_CFLAGS=$(pkg-config --cflags libgit2)
# shellcheck disable=SC2046,SC2086
cc -O2 -o "$BIN/open_repo_shared" "$BENCH_SRC/open_repo.c" $GIT2_CFLAGS $(pkg-config --libs libgit2) ||
	die "cannot build open_repo (shared libgit2)"
# The hooks' link line, read from the Makefile so the two never drift apart.
# shellcheck disable=SC2016
printf 'flowgate-bench-print-git2-libs: ; @echo '\''$(GIT2_LIBS)'\''\n' >"$RUN_TMP/print.mk"
HOOK_LIBS=$(make -s --no-print-directory -C "$TOP" -f Makefile -f "$RUN_TMP/print.mk" \
	flowgate-bench-print-git2-libs 2>/dev/null) || HOOK_LIBS=
if [ -z "$HOOK_LIBS" ]; then
	note "note: could not read GIT2_LIBS from the Makefile, using the built-in copy"
	HOOK_LIBS="-Wl,--wrap=git_mbedtls_stream_global_init -Wl,--wrap=git_transport_ssh_global_init \
-Wl,-Bstatic -lgit2 -lmbedtls -lmbedx509 -lmbedcrypto -lhttp_parser -lssh2 -lcrypto -lpcre2-8 -lz \
-Wl,-Bdynamic -l:libgssapi_krb5.so.2 -lrt -pthread -ldl"
fi
# shellcheck disable=SC2086
# The __wrap_ no-ops come from flowgate's own library (common/repo.c): -u
# makes the linker take repo.o from it before libgit2.a asks for them.
cc -O2 -o "$BIN/open_repo_hooklink" "$BENCH_SRC/open_repo.c" \
	-Wl,-u,__wrap_git_mbedtls_stream_global_init -Wl,-u,__wrap_git_transport_ssh_global_init \
	"$FLOWGATE_BUILD/libflowgate.a" $GIT2_CFLAGS $HOOK_LIBS ||
	die "cannot build open_repo with the hooks' link line"

# ---------------------------------------------------------------- the list
# Each bench: name|kind|stdin file|command (shell-quoted words).
q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
HOOKDIR="$FLOWGATE_BUILD/hooks"
LIST="$RUN_TMP/list"
: >"$LIST"
add() { printf '%s|%s|%s|%s\n' "$1" "$2" "$3" "$4" >>"$LIST"; }

add "/bin/true" floor "" "/bin/true"
add "open_repo (shared libgit2)" floor "" "$(q "$BIN/open_repo_shared")"
add "open_repo (hook link)" floor "" "$(q "$BIN/open_repo_hooklink")"
add "git commit --allow-empty" floor "" "git -C $(q "$SMALL") -c core.hooksPath=/dev/null -c gc.auto=0 -c maintenance.auto=false commit --allow-empty -q -m 'feat: x'"
[ -n "$HF_INPUT" ] || add "sh -c (stdin floor)" floor "" "sh -c $(q "exec /bin/true < $(q "$PUSH_IN")")"
MISSING=
for h in $HOOKS; do
	if [ ! -x "$HOOKDIR/$h" ]; then
		MISSING="$MISSING $h"
		continue
	fi
	case $h in
	commit-msg) add "commit-msg" hook "" "$(q "$HOOKDIR/$h") .git/COMMIT_EDITMSG" ;;
	pre-commit) add "pre-commit" hook "" "$(q "$HOOKDIR/$h")" ;;
	pre-push) add "pre-push ($NNEW commits)" push "$PUSH_IN" "$(q "$HOOKDIR/$h") origin $(q "$ORIGIN")" ;;
	post-merge) add "post-merge" hook "" "$(q "$HOOKDIR/$h") 0" ;;
	esac
done
[ ! -x "$HOOKDIR/pre-commit" ] ||
	add "pre-commit, (a+)+\$ on 1 MiB" bad-config "" "env GIT_DIR=$(q "$CATA/.git") $(q "$HOOKDIR/pre-commit")"
[ -z "$MISSING" ] || note "warning: hook binaries missing in $HOOKDIR:$MISSING (run make); measuring the rest"

RES="$BENCH_DIR/results"
mkdir -p "$RES"
rm -f "$RES"/*.json "$RES"/*.log

note "machine: $(nproc) CPU(s), $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
note "repository: $NCOMMITS commits, $NFILES files in the index, $NNEW commits to push; hyperfine $RUNS runs, $WARMUP warm-up"

# ---------------------------------------------------------------- measure
cd "$WORK"
OUT="$RUN_TMP/out"
: >"$OUT"
i=0
while IFS='|' read -r name kind stdin cmd; do
	i=$((i + 1))
	slug=$(printf '%s' "$name" | tr -c 'A-Za-z0-9\n' '_' | sed 's/__*/_/g; s/^_//; s/_$//')
	in=${stdin:-/dev/null}
	# One plain run first: a failing command is reported, and measured anyway.
	status=0
	eval "$cmd" <"$in" >"$RES/$slug.log" 2>&1 || status=$?
	ign=
	if [ "$kind" = bad-config ] && [ "$status" -eq 4 ]; then
		status=0 ign=-i # the refusal is what is measured
	elif [ "$kind" = bad-config ]; then
		note "warning: $name exited $status, not 4 (bad configuration):"
		sed 's/^/    /' "$RES/$slug.log" | head -n 20
		ign=-i
	elif [ "$status" -ne 0 ]; then
		note "warning: $name exited $status:"
		sed 's/^/    /' "$RES/$slug.log" | head -n 20
		ign=-i
	fi

	# Wall time.
	json="$RES/$slug.json"
	hfcmd=$cmd
	if [ -n "$stdin" ]; then
		if [ -n "$HF_INPUT" ]; then
			set -- --input "$stdin"
		else
			hfcmd="sh -c $(q "exec $cmd < $(q "$stdin")")"
			set --
		fi
	else
		set --
	fi
	printf 'bench: [%d] %s ...\n' "$i" "$name"
	if ! hyperfine -N $ign --style none --warmup "$WARMUP" --runs "$RUNS" "$@" \
		--export-json "$json" -n "$name" "$hfcmd" >>"$RES/hyperfine.log" 2>&1; then
		# Failed in some run but not in the plain one (a binary relinked
		# under our feet?): say so, and measure again ignoring failures.
		note "warning: $name failed during the hyperfine runs:"
		tail -n 3 "$RES/hyperfine.log" | sed 's/^/    /'
		status=hyperfine
		hyperfine -N -i --style none --warmup "$WARMUP" --runs "$RUNS" "$@" \
			--export-json "$json" -n "$name" "$hfcmd" >>"$RES/hyperfine.log" 2>&1 ||
			die "hyperfine failed for $name (see $RES/hyperfine.log)"
	fi
	stats=$(awk '
		/"mean":/   && m == ""  { m = $2 }
		/"stddev":/ && s == ""  { s = $2 }
		/"median":/ && md == "" { md = $2 }
		END { gsub(/,/, "", m); gsub(/,/, "", s); gsub(/,/, "", md)
		      if (s == "null" || s == "") s = 0
		      printf "%.6f %.6f %.6f\n", md * 1000, m * 1000, s * 1000 }' "$json")

	# Peak RSS (best of 3: the maximum is what counts).
	rss=-
	if [ -n "$HAVE_TIME" ]; then
		rss=0
		for _ in 1 2 3; do
			eval "/usr/bin/time -v -o $(q "$RUN_TMP/time.out") $cmd" <"$in" >/dev/null 2>&1 || true
			r=$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }' "$RUN_TMP/time.out")
			[ -n "$r" ] && [ "$r" -gt "$rss" ] && rss=$r
		done
		rss=$(awk -v k="$rss" 'BEGIN { printf "%.2f", k / 1024 }')
	fi

	# Instruction count.
	ir=-
	if [ "$CALLGRIND" != 0 ]; then
		eval "valgrind --tool=callgrind --callgrind-out-file=/dev/null --log-file=$(q "$RUN_TMP/cg.log") $cmd" \
			<"$in" >/dev/null 2>&1 || true
		ir=$(awk '/Collected :/ { print $NF }' "$RUN_TMP/cg.log" | tail -n 1)
		[ -n "$ir" ] || ir=n/a
	fi
	printf '%s|%s|%s|%s|%s|%s\n' "$name" "$kind" "$stats" "$rss" "$ir" "$status" >>"$OUT"
done <"$LIST"

# ---------------------------------------------------------------- report
TRUE_MS=$(awk -F'|' '$1 == "/bin/true" { split($3, a, " "); print a[1] }' "$OUT")
SH_MS=$(awk -F'|' '$1 == "sh -c (stdin floor)" { split($3, a, " "); print a[1] }' "$OUT")
echo
awk -F'|' -v t="$TRUE_MS" '
	BEGIN {
		printf "%-30s %10s %18s %9s %9s %14s\n", "name", "median ms", "mean ± sd ms", "x true", "RSS MiB", "Ir"
		printf "%-30s %10s %18s %9s %9s %14s\n", "----", "---------", "------------", "------", "-------", "--"
	}
	{
		split($3, a, " ")
		ms = sprintf("%.3f ± %.3f", a[2], a[3])
		note = ($6 == "0") ? "" : sprintf("  (exit %s)", $6)
		printf "%-30s %10.3f %18s %9.1f %9s %14s%s\n", $1, a[1], ms, (t > 0 ? a[1] / t : 0), $4, $5, note
	}' "$OUT"
echo
if [ -n "$SH_MS" ]; then
	note "pre-push is timed through sh -c 'exec HOOK < stdin' (this hyperfine has no --input);"
	note "its target is checked on the raw figure, the sh -c floor above is included in it."
fi

FAILED=0
check() { # check PASS|FAIL text
	printf '%s  %s\n' "$1" "$2"
	[ "$1" = PASS ] || FAILED=1
}
for h in $MISSING; do check FAIL "$h: binary missing in $HOOKDIR"; done
while IFS='|' read -r name kind stats rss ir status; do
	[ "$kind" != floor ] || continue
	med=${stats%% *}
	case $status in
	0) ;;
	hyperfine) check FAIL "$name: failed in some hyperfine runs (see $RES/hyperfine.log)" ;;
	*) check FAIL "$name: exited $status on the benchmark repository" ;;
	esac
	case $kind in
	push) lim=$TARGET_PUSH_MS ;;
	bad-config) lim=$TARGET_BAD_CONFIG_MS ;;
	*) lim=$TARGET_SINGLE_MS ;;
	esac
	if awk -v m="$med" -v l="$lim" 'BEGIN { exit !(m <= l) }'; then r=PASS; else r=FAIL; fi
	check $r "$name: median $(printf '%.3f' "$med") ms <= $lim ms"
	if [ "$rss" = - ]; then
		echo "SKIP  $name: peak RSS not measured"
	else
		if awk -v m="$rss" -v l="$TARGET_RSS_MIB" 'BEGIN { exit !(m <= l) }'; then r=PASS; else r=FAIL; fi
		check $r "$name: peak RSS $rss MiB <= $TARGET_RSS_MIB MiB"
	fi
done <"$OUT"
[ "$NCOMMITS" -eq 10000 ] || note "note: FLOWGATE_BENCH_COMMITS=$NCOMMITS; the targets are defined for 10000"
note "raw results: $RES (hyperfine JSON per command)"
note "caveat: wall times come from a shared, noisy machine; Ir counts are the stable figure"
exit "$FAILED"
