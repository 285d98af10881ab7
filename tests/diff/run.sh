#!/bin/sh
# Differential test: flowgate's message rules against commitlint with
# @commitlint/config-conventional over the history of real repositories.
# Not part of tests/run.sh: it needs repositories and npm packages from the
# network, which the user brings; nothing it reads or writes is in this tree
# (docs/differential.md holds the last results).
#
# usage: tests/diff/run.sh WORKDIR NAME=GITDIR[@RANGE]...
#   WORKDIR   a folder outside the repository; it must hold node_modules with
#             @commitlint/cli and @commitlint/config-conventional:
#               npm install --prefix WORKDIR @commitlint/cli @commitlint/config-conventional
#   GITDIR    a repository (a bare one too); cloned into WORKDIR/repos/NAME
#             with no checkout, where tests/diff/flowgate.conf is its .flowgate
#   RANGE     the commits, as flowgate check-range takes them (A..B, or a full
#             refname for all of its history); default: HEAD's branch, whole
#   FLOWGATE  the flowgate command (default: build/flowgate of this checkout)
#
# Every commit of the range is judged three ways: flowgate check-range over
# the range (it knows each commit's parents, so a merge is judged as one),
# flowgate check-message on its message alone (git log's %B), and commitlint's
# library as its CLI drives it, on the same %B. The table of agreements and of
# each kind of disagreement, with the reason of each, is printed by
# tests/diff/classify.mjs (and written to WORKDIR/table.md). Exit status: 0,
# or 1 when a disagreement has no known reason (the table lists it), 2 on a
# usage error.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
[ $# -ge 2 ] || { echo "usage: $0 WORKDIR NAME=GITDIR[@RANGE]..." >&2; exit 2; }
work=$(cd "$1" && pwd); shift
flowgate=${FLOWGATE:-$top/build/flowgate}
[ -x "$flowgate" ] || { echo "no $flowgate: run make first" >&2; exit 2; }
[ -d "$work/node_modules/@commitlint/config-conventional" ] || {
	echo "no commitlint in $work/node_modules: npm install --prefix $work @commitlint/cli @commitlint/config-conventional" >&2
	exit 2
}

names=
for spec; do
	name=${spec%%=*}
	src=${spec#*=}
	range=
	case $src in *@*) range=${src#*@}; src=${src%@*} ;; esac
	repo=$work/repos/$name
	out=$work/out/$name
	mkdir -p "$out"
	[ -d "$repo" ] || git clone -q --no-checkout "$src" "$repo"
	cp "$here/flowgate.conf" "$repo/.flowgate"
	[ -n "$range" ] || range=refs/heads/$(git -C "$repo" symbolic-ref --short HEAD)
	echo "$range" > "$out/range"
	# The commits check-range judges: A..B, or all of a refname's history.
	git -C "$repo" log --format='%H%x00%P%x00%B%x00' "$range" > "$out/messages.z"
	rc=0
	(cd "$repo" && "$flowgate" check-range --branch '' --format json "$range") \
		> "$out/range.json" || rc=$?
	[ $rc -le 1 ] || { echo "check-range exited $rc on $name" >&2; exit 1; }
	node "$here/lint.mjs" "$work/node_modules" "$flowgate" "$repo" "$out"
	names="$names $name"
done
rc=0
# shellcheck disable=SC2086 # one repository name per word
node "$here/classify.mjs" "$work/out" $names > "$work/table.md" || rc=$?
cat "$work/table.md"
exit $rc
