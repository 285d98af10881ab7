#!/usr/bin/env bash
# ref_push.sh: real `git push`es of many refs into a local bare repository,
# with and without flowgate's server hooks (install.sh --server): git starts
# pre-receive once per push (and update once per ref, which is why
# install.sh --server installs pre-receive only). Two pushes, from
# tests/bench/many_refs.sh's repositories:
#   300 branches   300 new branches feature/b-<i> at 4 new commits
#   1,000 tags     release/0.16.x with 1,000 commits at 0.16.0-rc<i>, and the
#                  1,000 annotated tags v0.16.0-rc<i> (every tag rule at work)
# Each run starts from a fresh copy of the repository (hyperfine --prepare);
# the pushes without and with the hooks alternate, 2 runs at a time, and
# the figure is the median of those rounds' ratios of median wall times,
# of the whole push, client and server. The hooks must accept both pushes.
# Target: each push with the hooks at most 2 times the push without them.
#
# Usage: FLOWGATE_BUILD=/abs/build bash tests/bench/ref_push.sh
#   (make bench runs it)
# Environment: FLOWGATE_BENCH_REF_RUNS (runs of each, default 10),
# FLOWGATE_BENCH_DIR (repositories, and results in
# $FLOWGATE_BENCH_DIR/results/refs-*.json).
# Output: "bench: ..." lines, then one "PASS|FAIL  ..." line per push.
# Exit status: 0 targets met, 1 a target missed or a push refused, 2 setup
# error.
set -eu

BENCH_SRC=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$BENCH_SRC/../.." && pwd)
: "${FLOWGATE_BUILD:=$TOP/build}"
RUNS=${FLOWGATE_BENCH_REF_RUNS:-10}
PER_ROUND=2
ROUNDS=$(((RUNS + PER_ROUND - 1) / PER_ROUND))
BENCH_DIR=${FLOWGATE_BENCH_DIR:-/tmp/flowgate-bench}
RES=$BENCH_DIR/results
TARGET_RATIO=2

die() {
	echo "bench: error: ref push: $*" >&2
	exit 2
}
note() { echo "bench: ref push: $*"; }

case $RUNS in '' | *[!0-9]* | 0) die "FLOWGATE_BENCH_REF_RUNS must be a number > 0" ;; esac
command -v hyperfine >/dev/null 2>&1 || die "hyperfine not found (apt-get install hyperfine)"
[ -x "$FLOWGATE_BUILD/hooks/pre-receive" ] || die "no $FLOWGATE_BUILD/hooks/pre-receive (make first)"

T=$(mktemp -d "${TMPDIR:-/tmp}/flowgate-bench-refs.XXXXXX")
trap 'rm -rf "$T"' EXIT
export HOME=$T/home GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME" "$RES"

FAILED=0
# one_push NAME N PUSH REFSPEC...: time `git push REFSPEC...` from
# many_refs.sh's N-ref work repository into its origin (main only), with
# and without the hooks.
one_push() {
	local name=$1 n=$2 push=$3 src kind r cmd plain hooks ratio
	shift 3
	src=$(FLOWGATE_BUILD=$FLOWGATE_BUILD FLOWGATE_BENCH_DIR=$BENCH_DIR FLOWGATE_MANY_REFS_SETUP=1 \
		sh "$BENCH_SRC/many_refs.sh" "$n" | tail -n 1) || die "many_refs.sh $n failed"
	for kind in plain hooks; do
		r=$T/$push-$kind.git
		rm -rf "$r"
		cp -a "$src/origin.git" "$r"
		if [ "$kind" = hooks ]; then
			FLOWGATE_BUILD=$FLOWGATE_BUILD "$TOP/install.sh" --server "$r" >"$T/install.log" 2>&1 ||
				die "install.sh --server failed: $(tail -n 1 "$T/install.log")"
			[ ! -e "$r/hooks/update" ] || die "install.sh --server installed update"
		fi
	done
	# the branches: OID:refname refspecs from the pre-receive input many_refs.sh wrote
	if [ "$push" = branches ]; then
		set -- $(awk '{ printf "%s:%s ", $2, $3 }' "$src/branches.in")
	fi
	cmd="git -C '$src/work' -c core.hooksPath=/dev/null push -q '$T/srv.git' $*"
	for kind in plain hooks; do
		# one checked run: the push lands, with the hooks too
		rm -rf "$T/srv.git" && cp -a "$T/$push-$kind.git" "$T/srv.git"
		sh -c "$cmd" >"$T/$kind.out" 2>&1 ||
			{ echo "FAIL  $name ($kind): the push was refused:"; sed 's/^/    /' "$T/$kind.out" | head -n 5; FAILED=1; return; }
	done
	# ROUNDS rounds, each timing the push without the hooks and then with
	# them: most of a push is writing the refs, whose time swings with the
	# machine's disk load by 3x from one minute to the next, so the two are
	# timed side by side and the ratio is the median of the rounds' ratios
	# (the medians shown: of all runs of each kind)
	# median FILE FORMAT: the median of FILE's numbers, one a line
	median() {
		sort -g "$1" | awk -v f="$2" '{ v[NR] = $1 }
			END { printf f, NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
	}
	: >"$T/ratios"
	: >"$T/plain.ms"
	: >"$T/hooks.ms"
	for round in $(seq 1 "$ROUNDS"); do
		for kind in plain hooks; do
			hyperfine --style none --runs "$PER_ROUND" \
				--prepare "rm -rf '$T/srv.git' && cp -a '$T/$push-$kind.git' '$T/srv.git'" \
				--export-json "$RES/refs-$push-$kind-$round.json" -n "$name, $kind" "$cmd" \
				>"$T/hf.log" 2>&1 ||
				die "hyperfine failed ($name, $kind): $(tail -n 3 "$T/hf.log")"
			awk '/"times":/ { t = 1; next } t && /\]/ { t = 0 } t { gsub(/[ ,]/, ""); print $0 * 1000 }' \
				"$RES/refs-$push-$kind-$round.json" >"$T/$kind.round"
			cat "$T/$kind.round" >>"$T/$kind.ms"
		done
		awk -v h="$(median "$T/hooks.round" %f)" -v p="$(median "$T/plain.round" %f)" \
			'BEGIN { printf "%.4f\n", (p > 0 ? h / p : 0) }' >>"$T/ratios"
	done
	plain=$(median "$T/plain.ms" %.1f) hooks=$(median "$T/hooks.ms" %.1f)
	ratio=$(median "$T/ratios" %.2f)
	note "$name: median $plain ms without hooks, $hooks ms with pre-receive ($ROUNDS interleaved rounds of $PER_ROUND runs each)"
	if awk -v r="$ratio" -v t="$TARGET_RATIO" 'BEGIN { exit !(r <= t) }'; then
		echo "PASS  $name with the server hooks: ${ratio}x the push without them (median of $ROUNDS rounds' ratios) <= ${TARGET_RATIO}x"
	else
		echo "FAIL  $name with the server hooks: ${ratio}x the push without them (median of $ROUNDS rounds' ratios) > ${TARGET_RATIO}x"
		FAILED=1
	fi
}

one_push "push of 300 branches" 300 branches
one_push "push of 1,000 tags" 1000 tags release/0.16.x 'refs/tags/*:refs/tags/*'
exit "$FAILED"
