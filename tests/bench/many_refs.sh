#!/bin/sh
# many_refs.sh: pre-receive receiving one push of many ref updates (10,000 by
# default), timed. Two pushes into a bare repository holding main:
#   branches  N new branches feature/b-<i>, pointing in turn at 4 new commits
#   tags      release/0.16.x with N new commits, each at version 0.16.0-rc<i>,
#             and N annotated tags v0.16.0-rc<i> (release: messages, in the
#             order they were made): a valid release history, every tag rule
#             at work (tagMonotonic and tagOnReleaseBranch against the push)
# The pushed objects are reached as in git's quarantine, through
# GIT_ALTERNATE_OBJECT_DIRECTORIES; pre-receive reads the N stdin lines and
# must accept both pushes (exit 0; anything else is reported as a failure).
# Wall time: hyperfine's median of 5 runs when installed, else the median of
# 5 runs of /usr/bin/time (or of the shell's clock). Nothing is asserted about
# the time: the figures are printed (the target is under 2 s).
#
# Usage: FLOWGATE_BUILD=/abs/build sh tests/bench/many_refs.sh [N [PUSH...]]
# PUSH: branches, tags (default: both).
# Environment: FLOWGATE_BENCH_DIR (default /tmp/flowgate-bench): the
# repositories are built there once per N and reused;
# FLOWGATE_BENCH_RUNS (default 5); FLOWGATE_BENCH_CALLGRIND=1: also run each
# push once under callgrind and print the top functions (inclusive);
# FLOWGATE_MANY_REFS_SETUP=1: only build the repositories and print the
# directory holding them (origin.git, work, branches.in, tags.in): how
# bench.sh (make bench) takes these pushes into its table.
# Exit status: 0 both pushes accepted, 1 one was refused, 2 setup error.
set -eu

N=${1:-10000}
[ $# -eq 0 ] || shift
PUSHES=${*:-branches tags}
top=$(cd "$(dirname "$0")/../.." && pwd)
: "${FLOWGATE_BUILD:=$top/build}"
HOOK=$FLOWGATE_BUILD/hooks/pre-receive
RUNS=${FLOWGATE_BENCH_RUNS:-5}
DIR=${FLOWGATE_BENCH_DIR:-/tmp/flowgate-bench}/many-refs-$N
ZERO=0000000000000000000000000000000000000000

if [ ! -x "$HOOK" ]; then
	echo "many_refs.sh: no $HOOK (build first: make BUILD=...)" >&2
	exit 2
fi
case $N in '' | *[!0-9]*)
	echo "many_refs.sh: N must be a number: $N" >&2
	exit 2
	;;
esac

# Isolated from the user's git configuration, reproducible dates; the C
# locale, so that awk's length() counts bytes for fast-import's `data`
# (gawk counts characters in a UTF-8 locale), as bench.sh does.
export HOME="$DIR/home" GIT_CONFIG_NOSYSTEM=1 NO_COLOR=1 LC_ALL=C
export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.com
export GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.com
export GIT_AUTHOR_DATE='@1751600000 +0000' GIT_COMMITTER_DATE='@1751600000 +0000'

# data TEXT: a fast-import data command holding TEXT and a newline.
data() { printf 'data %s\n%s\n' "$((${#1} + 1))" "$1"; }

# version_files V SERIES: a fast-import commit body writing halfORM's three
# version files at version V, documentation series SERIES.
version_files() {
	v=$1 s=$2
	f1=$(printf '%s\n' "$v")
	f2=$(printf "from setuptools import setup\n\nsetup(name='half_orm', version='%s')\n" "$v")
	f3=$(printf '# halfORM\n\nThis documentation covers halfORM **%s** (latest release).\n' "$s")
	printf 'M 644 inline half_orm/version.txt\ndata %s\n%s\n' "$((${#f1} + 1))" "$f1"
	printf 'M 644 inline setup.py\ndata %s\n%s\n' "$((${#f2} + 1))" "$f2"
	printf 'M 644 inline docs/index.md\ndata %s\n%s\n' "$((${#f3} + 1))" "$f3"
}

build() {
	rm -rf "$DIR"
	mkdir -p "$HOME"
	git init -q -b main "$DIR/work"
	git init -q --bare -b main "$DIR/origin.git"
	{
		# main: two commits, at 0.16.0-dev
		printf 'commit refs/heads/main\nmark :1\ncommitter Bench <bench@example.com> 1751600000 +0000\n'
		data 'chore: start 0.16.0-dev'
		version_files 0.16.0-dev 0.16.x
		printf 'commit refs/heads/main\nmark :2\ncommitter Bench <bench@example.com> 1751600001 +0000\n'
		data 'docs: add the readme'
		printf 'from :1\nM 644 inline README.md\n'
		data '# halfORM'
		# feature/new: four new commits (the branches push)
		prev=:2
		for i in 1 2 3 4; do
			msg="feat: add module $i"
			printf 'commit refs/heads/feature/new\nmark :%s\ncommitter Bench <bench@example.com> %s +0000\n' \
				"$((2 + i))" "$((1751600010 + i))"
			printf 'data %s\n%s\nfrom %s\nM 644 inline src/m%s.py\ndata 6\nx = 1\n' \
				"$((${#msg} + 1))" "$msg" "$prev" "$i"
			prev=:$((2 + i))
		done
		# release/0.16.x: N commits at 0.16.0-rc<i>, each tagged (the tags push)
		awk -v n="$N" 'BEGIN {
			prev = ":2"; t = 1751601000
			for (i = 1; i <= n; i++) {
				v = "0.16.0-rc" i; m = 100 + i; t++
				msg = "chore: prepare release " v
				printf "commit refs/heads/release/0.16.x\nmark :%d\n", m
				printf "committer Bench <bench@example.com> %d +0000\n", t
				printf "data %d\n%s\nfrom %s\n", length(msg) + 1, msg, prev
				f1 = v "\n"
				f2 = "from setuptools import setup\n\nsetup(name=\047half_orm\047, version=\047" v "\047)\n"
				printf "M 644 inline half_orm/version.txt\ndata %d\n%s\n", length(f1), f1
				printf "M 644 inline setup.py\ndata %d\n%s\n", length(f2), f2
				tmsg = "release: " v
				printf "tag v%s\nfrom :%d\ntagger Bench <bench@example.com> %d +0000\n", v, m, t
				printf "data %d\n%s\n", length(tmsg) + 1, tmsg
				prev = ":" m
			}
		}'
	} >"$DIR/stream"
	git -C "$DIR/work" fast-import --quiet <"$DIR/stream"
	rm -f "$DIR/stream"
	git -C "$DIR/work" push -q "$DIR/origin.git" main
	git -C "$DIR/work" repack -adq
	tips=$(git -C "$DIR/work" rev-list --max-count=4 feature/new)
	# the branches push: N new branches, in turn at the four new commits
	# shellcheck disable=SC2086 # four OIDs
	printf '%s\n' $tips | awk -v n="$N" -v z="$ZERO" '
		{ tip[NR - 1] = $1 }
		END { for (i = 1; i <= n; i++) printf "%s %s refs/heads/feature/b-%d\n", z, tip[i % 4], i }
	' >"$DIR/branches.in"
	# the tags push: release/0.16.x, then the tags in the order they were made
	{
		printf '%s %s refs/heads/release/0.16.x\n' "$ZERO" "$(git -C "$DIR/work" rev-parse release/0.16.x)"
		git -C "$DIR/work" for-each-ref --sort=taggerdate --format="$ZERO %(objectname) %(refname)" refs/tags
	} >"$DIR/tags.in"
	echo "$N" >"$DIR/done"
}

if [ ! -f "$DIR/done" ] || [ "$(cat "$DIR/done")" != "$N" ]; then
	echo "many_refs.sh: building the repositories in $DIR (once)"
	t0=$(date +%s)
	build
	echo "many_refs.sh: built in $(($(date +%s) - t0)) s"
fi
if [ "${FLOWGATE_MANY_REFS_SETUP:-0}" = 1 ]; then
	echo "$DIR"
	exit 0
fi

# run_hook INPUT: pre-receive on INPUT as git runs it for that push.
run_hook() {
	GIT_DIR="$DIR/origin.git" GIT_ALTERNATE_OBJECT_DIRECTORIES="$DIR/work/.git/objects" \
		"$HOOK" <"$1"
}

status=0
for push in $PUSHES; do
	case $push in branches | tags) ;; *)
		echo "many_refs.sh: no push named $push (branches, tags)" >&2
		exit 2
		;;
	esac
	input=$DIR/$push.in
	lines=$(wc -l <"$input")
	printf '\n== pre-receive, %s push: %s ref updates\n' "$push" "$lines"
	if run_hook "$input" >"$DIR/$push.out" 2>&1; then
		echo "accepted (exit 0)"
	else
		rc=$?
		echo "REFUSED (exit $rc); the first lines of its output:"
		head -n 5 "$DIR/$push.out"
		status=1
	fi
	# export for hyperfine's shell and the fallback loop
	export DIR HOOK input
	if command -v hyperfine >/dev/null 2>&1; then
		# shellcheck disable=SC2016 # expanded by hyperfine's shell
		hyperfine --runs "$RUNS" --warmup 1 --export-json "$DIR/$push.json" \
			'GIT_DIR="$DIR/origin.git" GIT_ALTERNATE_OBJECT_DIRECTORIES="$DIR/work/.git/objects" "$HOOK" <"$input" >/dev/null 2>&1; true' |
			sed -n '/Time (mean/,/Range/p'
		median=$(sed -n 's/.*"median": *\([0-9.e+-]*\).*/\1/p' "$DIR/$push.json" | head -n 1)
		echo "median of $RUNS runs (hyperfine): $(awk -v m="$median" 'BEGIN { printf "%.3f", m }') s"
	else
		i=0
		: >"$DIR/$push.times"
		while [ "$i" -lt "$RUNS" ]; do
			if [ -x /usr/bin/time ]; then
				# shellcheck disable=SC2016 # expanded by that shell
				/usr/bin/time -f %e -a -o "$DIR/$push.times" sh -c 'GIT_DIR="$DIR/origin.git" GIT_ALTERNATE_OBJECT_DIRECTORIES="$DIR/work/.git/objects" "$HOOK" <"$input" >/dev/null 2>&1' || true
			else
				a=$(date +%s.%N)
				run_hook "$input" >/dev/null 2>&1 || true
				b=$(date +%s.%N)
				awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f\n", b - a }' >>"$DIR/$push.times"
			fi
			i=$((i + 1))
		done
		echo "median of $RUNS runs: $(sort -n "$DIR/$push.times" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }') s"
	fi
	if [ "${FLOWGATE_BENCH_CALLGRIND:-0}" = 1 ] && command -v valgrind >/dev/null 2>&1; then
		rm -f "$DIR/$push.callgrind"
		GIT_DIR="$DIR/origin.git" GIT_ALTERNATE_OBJECT_DIRECTORIES="$DIR/work/.git/objects" \
			valgrind --tool=callgrind --callgrind-out-file="$DIR/$push.callgrind" "$HOOK" \
			<"$input" >/dev/null 2>&1 || true
		echo "callgrind, top functions by inclusive cost ($DIR/$push.callgrind):"
		callgrind_annotate --inclusive=yes "$DIR/$push.callgrind" 2>/dev/null |
			sed -n '/^Ir/,$p' | sed -n '3,22p'
	fi
done
exit "$status"
