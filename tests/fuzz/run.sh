#!/bin/sh
# Runs one libFuzzer target for `make fuzz` / `make fuzz-smoke`, or prints
# their summary (tests/fuzz/fuzz.mk calls it; the environment carries the
# sanitizers' options and FUZZ_UNIT_MS).
#
#   run.sh fuzz  TARGET BINARY BUILD SECONDS "HALFORM_DIRS" [FLAGS...]
#   run.sh smoke TARGET BINARY BUILD 0       ""             [FLAGS...]
#   run.sh summary "TARGETS" fuzz|smoke BUILD SECONDS
#
# fuzz: the working corpus BUILD/corpus/TARGET (kept between runs) gets the
# seeds (tests/fuzz/seeds/TARGET/ and those made in BUILD/seeds/TARGET/),
# the regression inputs and, from the first of HALFORM_DIRS that
# exists, the halfORM corpus cut into inputs (halform.sh), then libFuzzer
# runs SECONDS on it. smoke: a fresh copy of the seeds and regression inputs only,
# each run once (-runs=0), no mutation. Either writes one result line to
# BUILD/results-MODE/TARGET and the libFuzzer log to BUILD/logs/MODE-TARGET.log;
# a crash, sanitizer report, leak, slow input or out-of-memory is saved
# under BUILD/artifacts/TARGET/. tests/fuzz/ is only read.
#
# Limits: an input over FUZZ_UNIT_MS (100) ms of CPU time or FUZZ_MEM_MB (64)
# MiB of heap aborts in the target itself (fuzz.h); -timeout=1 catches one
# that hangs outright (libFuzzer's -timeout counts whole seconds), and
# -malloc_limit_mb=FUZZ_MEM_MB a single allocation over the budget;
# -rss_limit_mb=FUZZ_RSS_MB (512) backs them up for the whole process, whose
# RSS under ASan and libFuzzer is 40-70 MiB before any input.

mode=$1
here=$(dirname "$0")

if [ "$mode" = summary ]; then
	targets=$2 kind=$3 build=$4 seconds=$5
	failed=0
	if [ "$kind" = fuzz ]; then
		echo "fuzz: ${seconds} s per target (FUZZ_TIME), per-input budget ${FUZZ_UNIT_MS:-100} ms CPU"
	else
		echo "fuzz-smoke: seeds and regression inputs, each run once"
	fi
	printf '%-11s %11s %6s %7s %7s  %s\n' target executions cov ft corpus result
	for t in $targets; do
		r=$build/results-$kind/$t
		if [ ! -s "$r" ]; then
			printf '%-11s %s\n' "$t" "no result (not run?)"
			failed=1
			continue
		fi
		IFS='	' read -r name execs cov ft corp status < "$r"
		printf '%-11s %11s %6s %7s %7s  %s\n' "$name" "$execs" "$cov" "$ft" "$corp" "$status"
		case $status in ok*) ;; *) failed=1 ;; esac
	done
	[ $failed = 0 ] || echo "fuzz: something was found: see the logs and artifacts under $build/" >&2
	exit $failed
fi

target=$2 bin=$3 build=$4 seconds=$5 extra=$6
shift 6
mem=${FUZZ_MEM_MB:-64}
log=$build/logs/$mode-$target.log
result=$build/results-$mode/$target
artifacts=$build/artifacts/$target/
if [ "$mode" = fuzz ]; then
	corpus=$build/corpus/$target
else
	corpus=$build/smoke/$target
	rm -rf "$corpus"
fi
mkdir -p "$corpus" "$artifacts" "$build/logs" "$build/results-$mode"
rm -f "$result"

# copy_into PREFIX DIR: DIR's regular files into the corpus as PREFIX-name
copy_into() {
	[ -d "$2" ] || return 0
	for f in "$2"/* "$2"/.[!.]*; do
		[ -f "$f" ] && cp "$f" "$corpus/$1-$(basename "$f")"
	done
	return 0
}
copy_into seed "$here/seeds/$target"
copy_into made "$build/seeds/$target"
copy_into regression "$here/regressions/$target"
for d in $extra; do
	if [ -d "$d" ]; then
		sh "$here/halform.sh" "$target" "$d" "$corpus"
		break
	fi
done

if [ "$mode" = fuzz ]; then
	runs="-max_total_time=$seconds"
else
	runs=-runs=0
fi
start=$(date +%s)
"$bin" $runs -timeout=1 -rss_limit_mb="${FUZZ_RSS_MB:-512}" -malloc_limit_mb="$mem" \
	-max_len="${FUZZ_MAX_LEN:-4096}" -print_final_stats=1 -artifact_prefix="$artifacts" "$@" \
	"$corpus" < /dev/null > "$log" 2>&1
rc=$?
elapsed=$(( $(date +%s) - start ))

execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
line=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -n 1)
cov=$(printf '%s\n' "$line" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
ft=$(printf '%s\n' "$line" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
corp=$(printf '%s\n' "$line" | sed -n 's/.* corp: \([0-9]*\).*/\1/p')
[ -n "$execs" ] || execs=$(printf '%s\n' "$line" | sed -n 's/^#\([0-9]*\).*/\1/p')
what=$(grep -E -m 1 'ERROR: |runtime error|^fuzz: |out-of-memory|ALARM' "$log")
unit=$(sed -n 's/.*Test unit written to \(.*\)/\1/p' "$log" | tail -n 1)
if [ $rc = 0 ] && [ -z "$what" ]; then
	status="ok, nothing found (${elapsed} s)"
else
	status="FOUND (exit $rc): ${what:-see the log} ${unit:+-> $unit} (log $log)"
	echo "fuzz $target: $what" >&2
	[ -z "$unit" ] || echo "fuzz $target: input saved as $unit" >&2
fi
printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$target" "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" \
	"$status" > "$result"
printf 'fuzz %s: %s executions, cov %s ft %s, corpus %s: %s\n' "$target" "${execs:-?}" \
	"${cov:-?}" "${ft:-?}" "${corp:-?}" "$status"
exit 0
