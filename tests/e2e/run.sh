#!/bin/sh
# Runs every tests/e2e/test_*.sh (or the TEST files named) with bash and
# closes with "N passed, N failed".
#
#   run.sh [TEST...]
dir=$(cd "$(dirname "$0")" && pwd)
[ $# -gt 0 ] || set -- "$dir"/test_*.sh
passed=0 failed=0
out=$(mktemp)
for t in "$@"; do
	echo "# $(basename "$t")"
	bash "$t" >"$out" 2>&1
	status=$?
	cat "$out"
	p=$(grep -c '^ok - ' "$out")
	f=$(grep -c '^not ok - ' "$out")
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $(basename "$t") exited $status"
		f=1
	fi
	passed=$((passed + p)) failed=$((failed + f))
done
rm -f "$out"
echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
