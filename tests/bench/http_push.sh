#!/usr/bin/env bash
# http_push.sh: one push of many commits over Smart HTTP, with and without
# flowgate's server hooks. Apache 2 serves git-http-backend on 127.0.0.1
# (tests/e2e/http_server.sh, started here in a temporary folder and stopped by
# its PID); the pushed repository WORK's main, all but its root commit, goes
# into a bare repository holding the root: once into one without hooks, once
# into one with `install.sh --server`. Each run starts from a fresh copy of
# that repository (hyperfine --prepare); the figure is hyperfine's median
# wall time of the whole `git push`, client and server. The hooks must
# accept the push, and refuse a badly named branch (so they do run under
# Apache). Target: the push with the hooks at most 1.3 times the push
# without them.
#
# Usage: FLOWGATE_BUILD=/abs/build bash tests/bench/http_push.sh WORK
#   (make bench runs it on its 10,000-commit repository)
# Environment: FLOWGATE_BENCH_HTTP_RUNS (hyperfine runs, default 10),
# FLOWGATE_BENCH_DIR (results: $FLOWGATE_BENCH_DIR/results/http-*.json).
# Output: "bench: ..." lines, then one "PASS|FAIL|SKIP  ..." line.
# Exit status: 0 target met, 1 target missed or the hooks misbehaved,
# 2 setup error, 3 skipped (no Apache: not root, or it cannot be installed).
set -eu

BENCH_SRC=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$BENCH_SRC/../.." && pwd)
: "${FLOWGATE_BUILD:=$TOP/build}"
RUNS=${FLOWGATE_BENCH_HTTP_RUNS:-10}
RES=${FLOWGATE_BENCH_DIR:-/tmp/flowgate-bench}/results
TARGET_RATIO=1.3

die() {
	echo "bench: error: http push: $*" >&2
	exit 2
}
note() { echo "bench: http push: $*"; }

[ $# -eq 1 ] || die "usage: http_push.sh WORK"
WORK=$(cd "$1" && pwd) || die "no repository $1"
case $RUNS in '' | *[!0-9]* | 0) die "FLOWGATE_BENCH_HTTP_RUNS must be a number > 0" ;; esac
command -v hyperfine >/dev/null 2>&1 || die "hyperfine not found (apt-get install hyperfine)"
[ -x "$FLOWGATE_BUILD/hooks/pre-receive" ] || die "no $FLOWGATE_BUILD/hooks/pre-receive (make first)"
FIRST=$(git -C "$WORK" rev-list --max-parents=0 main) || die "no main in $WORK"
TIP=$(git -C "$WORK" rev-parse main)
NPUSH=$(git -C "$WORK" rev-list --count "$FIRST..$TIP")

# shellcheck source=tests/e2e/http_server.sh
. "$TOP/tests/e2e/http_server.sh"
if ! why=$(http_need); then
	echo "SKIP  http push of $NPUSH commits: $why"
	exit 3
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/flowgate-bench-http.XXXXXX")
cleanup() {
	http_stop
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
chmod 755 "$T"
export HOME=$T/home GIT_CONFIG_NOSYSTEM=1 GIT_TERMINAL_PROMPT=0
mkdir -p "$HOME" "$RES"

http_start "$T/http" || die "Apache did not start ($(tail -n 1 "$T/http/error.log" 2>/dev/null))"
http_add_user bench bench || die "htpasswd failed"
note "Apache on 127.0.0.1:$HTTP_PORT (pid $HTTP_PID), git-http-backend as $HTTP_USER"

# The hooks where Apache's user can run them: the build, or a copy here.
BUILD=$FLOWGATE_BUILD
if ! setpriv --reuid="$HTTP_USER" --regid="$HTTP_GROUP" --init-groups \
	test -x "$BUILD/hooks/pre-receive" 2>/dev/null; then
	BUILD=$T/build
	mkdir -p "$BUILD/hooks"
	cp "$FLOWGATE_BUILD/hooks/pre-receive" "$FLOWGATE_BUILD/hooks/update" \
		"$FLOWGATE_BUILD/hooks/launch" "$BUILD/hooks/"
	chmod -R a+rX "$BUILD"
fi

# The two starting points: the root commit on main, without and with hooks.
for kind in plain hooks; do
	r=$T/$kind.git
	git init -q --bare -b main "$r"
	git -C "$WORK" -c core.hooksPath=/dev/null push -q "$r" "$FIRST:refs/heads/main" ||
		die "cannot push the root commit into $r"
	git -C "$r" config http.receivepack true
	if [ "$kind" = hooks ]; then
		FLOWGATE_BUILD=$BUILD "$TOP/install.sh" --server "$r" >"$T/install.log" 2>&1 ||
			die "install.sh --server failed: $(tail -n 1 "$T/install.log")"
	fi
	http_own "$r"
done

SRV=$T/http/repos/srv.git
URL=http://bench:bench@127.0.0.1:$HTTP_PORT/git/srv.git
PUSH="git -C '$WORK' -c core.hooksPath=/dev/null push -q '$URL' $TIP:refs/heads/main"
prepare() { printf "rm -rf '%s' && cp -a '%s' '%s'" "$SRV" "$T/$1.git" "$SRV"; }

# One plain run of each, checked: the push lands, with the hooks too.
for kind in plain hooks; do
	sh -c "$(prepare "$kind")"
	sh -c "$PUSH" >"$T/$kind.out" 2>&1 || die "the push ($kind) failed: $(tail -n 3 "$T/$kind.out")"
	got=$(git -c safe.directory='*' -C "$SRV" rev-parse main)
	[ "$got" = "$TIP" ] || die "after the push ($kind), main is $got, not $TIP"
done
# The hooks run under Apache: they refuse a badly named branch.
if git -C "$WORK" -c core.hooksPath=/dev/null push "$URL" "$TIP:refs/heads/Bad_Name" \
	>"$T/bad.out" 2>&1 || ! grep -q '^remote: flowgate pre-receive: error: branchName: ' "$T/bad.out"; then
	echo "FAIL  http push: flowgate's pre-receive did not refuse refs/heads/Bad_Name under Apache:"
	sed 's/^/    /' "$T/bad.out" | head -n 5
	exit 1
fi

note "$NPUSH commits, $RUNS runs each (hyperfine, each from a fresh copy of the repository)"
for kind in plain hooks; do
	hyperfine --style none --runs "$RUNS" --warmup 1 --prepare "$(prepare "$kind")" \
		--export-json "$RES/http-$kind.json" -n "http push, $kind" "$PUSH" >"$T/hf-$kind.log" 2>&1 ||
		die "hyperfine failed ($kind): $(tail -n 3 "$T/hf-$kind.log")"
done
median() {
	awk '/"median":/ { gsub(/[,]/, "", $2); printf "%.1f", $2 * 1000; exit }' "$RES/http-$1.json"
}
plain=$(median plain) hooks=$(median hooks)
ratio=$(awk -v a="$hooks" -v b="$plain" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
note "median without hooks: $plain ms"
note "median with the server hooks: $hooks ms"
if awk -v r="$ratio" -v t="$TARGET_RATIO" 'BEGIN { exit !(r <= t) }'; then
	echo "PASS  http push of $NPUSH commits with the server hooks: $hooks ms / $plain ms = ${ratio}x <= ${TARGET_RATIO}x"
else
	echo "FAIL  http push of $NPUSH commits with the server hooks: $hooks ms / $plain ms = ${ratio}x > ${TARGET_RATIO}x"
	exit 1
fi
