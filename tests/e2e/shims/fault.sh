#!/bin/sh
# fault.sh: a test-only stand-in for the commands that change files (cp, mv,
# ln, chmod, rm, mkdir, mktemp, dd), linked under those names into a
# directory put first in PATH (fault_shims in tests/e2e/lib.sh). Every call is counted in
# the file $FLOWGATE_FAULT_COUNTER and logged, one "N command args" line, to
# $FLOWGATE_FAULT_COUNTER.log; the real command runs with $FLOWGATE_FAULT_PATH
# (minus this directory) as PATH. The call numbered $FLOWGATE_FAULT_AT (unset
# or 0: none) is made to go wrong as $FLOWGATE_FAULT_MODE says:
#   fail  the command does nothing and exits 1, except cp, which writes the
#         first half of the source (a truncated copy) and then exits 1
#   kill  the command runs, then its whole process group is killed with
#         SIGKILL (run the program under setsid): an interruption right
#         after that step, with no clean-up by the program
# POSIX sh, to start fast: a script makes dozens of these calls.
name=${0##*/}
here=${0%/*}
real=${FLOWGATE_FAULT_PATH:?FLOWGATE_FAULT_PATH is the real PATH}
counter=${FLOWGATE_FAULT_COUNTER:?FLOWGATE_FAULT_COUNTER names the call counter file}

# never find this directory again in the real PATH (that would loop)
path=
old_ifs=$IFS
IFS=:
for d in $real; do
	[ "$d" = "$here" ] || path=${path:+$path:}$d
done
IFS=$old_ifs
PATH=$path
export PATH

n=0
if [ -s "$counter" ]; then read -r n <"$counter"; fi
n=$((n + 1))
printf '%s\n' "$n" >"$counter"
printf '%s %s %s\n' "$n" "$name" "$*" >>"$counter.log"
if [ "$n" != "${FLOWGATE_FAULT_AT:-0}" ]; then
	exec "$name" "$@"
fi
case ${FLOWGATE_FAULT_MODE:-fail} in
fail)
	if [ "$name" = cp ] && [ $# -ge 2 ]; then
		src='' dst=''
		for a in "$@"; do src=$dst dst=$a; done
		if [ -f "$src" ] && [ ! -L "$src" ]; then
			size=$(wc -c <"$src")
			head -c "$((size / 2))" -- "$src" >"$dst" 2>/dev/null
		fi
	fi
	printf '%s: injected failure (call %s)\n' "$name" "$n" >&2
	exit 1
	;;
kill)
	"$name" "$@"
	kill -s KILL 0
	;;
*)
	printf 'fault.sh: unknown FLOWGATE_FAULT_MODE %s\n' "$FLOWGATE_FAULT_MODE" >&2
	exit 1
	;;
esac
