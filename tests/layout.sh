#!/bin/sh
# The source layout's rules (issue 21; common/README), checked over the
# #include lines and the file sizes of a tree:
#   1. every module (common/<layer>/<name>.c and .h) has a name of its own,
#      so that a header included by name is one module's;
#   2. a module includes only headers of its own layer or of a layer below
#      it: base < rules < git < engine < hooks (hooks/*.c and the flowgate
#      command's hooks/flowgate/*.c, on top);
#   3. no two modules include each other, directly or around a circle;
#   4. the layers below git (base, rules) name no libgit2 repository or
#      object type: a rule reads and is tested without a repository;
#   5. no source file (common/, hooks/, docs/*.c, tests/unit/, tests/fuzz/)
#      over FG_LAYOUT_MAX_LINES lines (900);
#   6. each module's header opens with a comment that names its layer
#      ("<layer> layer" or "Layer: <layer>"), so that a reader of one file
#      knows where it sits.
#
# Usage: sh tests/layout.sh [TOP]          check; exit 0 clean, 1 with one
#                                          line per breach on stderr
#        sh tests/layout.sh --graph [TOP]  print "module (layer): headers it
#                                          includes" for each module, then check
# TOP defaults to the checkout holding this script.
graph=
if [ "$1" = --graph ]; then
	graph=1
	shift
fi
TOP=${1:-$(cd "$(dirname "$0")/.." && pwd)}
MAX=${FG_LAYOUT_MAX_LINES:-900}
LAYERS="base rules git engine"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/fg-layout.XXXXXX") || exit 3
trap 'rm -rf "$WORK"' EXIT
cd "$TOP" || exit 3

# modules: "<module> <layer> <file>" for every source file of a module.
: >"$WORK/files"
rank=0
for layer in $LAYERS; do
	rank=$((rank + 1))
	for f in common/"$layer"/*.c common/"$layer"/*.h; do
		[ -f "$f" ] || continue
		m=${f##*/}
		echo "${m%.*} $rank $layer $f" >>"$WORK/files"
	done
done
for f in hooks/*.c hooks/*.h hooks/flowgate/*.c hooks/flowgate/*.h; do
	[ -f "$f" ] || continue
	m=${f#hooks/}
	echo "hooks/${m%.*} 5 hooks $f" >>"$WORK/files"
done
if [ ! -s "$WORK/files" ]; then
	echo "layout: no modules under $TOP/common/{$LAYERS}: run it in a flowgate checkout" >&2
	exit 3
fi

# edges: "<module> <rank> <layer> <header> <file>" per quoted #include.
while read -r m r l f; do
	sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f" |
		while read -r h; do echo "$m $r $l $h $f"; done
done <"$WORK/files" >"$WORK/includes"

# headers: "<header name> <module> <rank> <layer>" (hooks' headers by path:
# nothing below hooks/ includes them).
awk '$4 ~ /\.h$/ { n = split($4, p, "/"); h = p[n]; if ($3 == "hooks") h = $4; print h, $1, $2, $3 }' \
	"$WORK/files" >"$WORK/headers"

status=0
breach() { echo "layout: $*" >&2; status=1; }

# 1. one module per header name.
dups=$(awk '{ n[$1]++; m[$1] = m[$1] " " $2 } END { for (h in n) if (n[h] > 1) print h ":" m[h] }' \
	"$WORK/headers")
[ -z "$dups" ] || breach "one header name, several modules:$dups; fix: rename one"

# Resolve each include to a module; 2. the layer order.
awk 'NR == FNR { mod[$1] = $2; rank[$1] = $3; lay[$1] = $4; next }
	{ h = $4; sub(/^.*\//, "", h)
	  if (!(h in mod) && ("hooks/" $4) in mod) h = "hooks/" $4
	  if (!(h in mod)) next
	  if (mod[h] == $1) next
	  print $1, mod[h]
	  if (rank[h] > $2)
		print "layout: " $5 " (" $3 ") includes " $4 " (" lay[h] \
		    "), a layer above it; fix: move what it needs down, or the code up" > "/dev/stderr"
	}' "$WORK/headers" "$WORK/includes" >"$WORK/edges" 2>"$WORK/upward"
sort -u "$WORK/edges" -o "$WORK/edges"
if [ -s "$WORK/upward" ]; then
	cat "$WORK/upward" >&2
	status=1
fi

# 3. no circle: tsort names the modules of each loop it finds.
if ! tsort "$WORK/edges" >/dev/null 2>"$WORK/loops"; then
	loop=$(sed -n 's/^tsort: \([^ :]*\)$/\1/p' "$WORK/loops" | awk '!seen[$0]++' | tr '\n' ' ')
	breach "an include circle among: ${loop% }; fix: move what the lower module needs into it or below"
fi

# 4. no repository or object type below git/.
for layer in base rules; do
	for f in common/"$layer"/*.[ch]; do
		[ -f "$f" ] || continue
		# comments aside (a header may say what it does without a repository)
		hits=$(sed -e 's://.*$::' "$f" | awk '
			{ line = $0
			  while (line != "") {
				if (incomment) { i = index(line, "*/"); if (!i) { line = ""; break }
					line = substr(line, i + 2); incomment = 0; continue }
				i = index(line, "/*"); if (!i) { print line; break }
				print substr(line, 1, i - 1); line = substr(line, i + 2); incomment = 1 } }' |
			grep -o 'git_\(repository\|odb\|revwalk\|index\|tree\|commit\|blob\|reference\|object\|tag\)\b' |
			sort -u | tr '\n' ' ')
		[ -z "$hits" ] || breach "$f ($layer) uses ${hits% }, a repository's types; fix: move that code to common/git/ or above"
	done
done

# 5. file sizes.
for f in common/*/*.[ch] hooks/*.[ch] hooks/flowgate/*.[ch] docs/*.c tests/unit/*.[ch] tests/fuzz/*.[ch]; do
	[ -f "$f" ] || continue
	n=$(wc -l <"$f")
	[ "$n" -le "$MAX" ] || breach "$f has $n lines, over $MAX; fix: split it where its parts are independent"
done

# 6. the layer named where each header opens.
for layer in $LAYERS; do
	for f in common/"$layer"/*.h; do
		[ -f "$f" ] || continue
		awk '/\*\// { exit } { print }' "$f" | grep -q "$layer layer\|Layer: $layer" ||
			breach "$f does not name its layer in its opening comment; fix: add \"Layer: $layer (common/README).\""
	done
done

if [ -n "$graph" ]; then
	awk '{ d[$1] = d[$1] " " $2 } END { for (m in d) print m ":" d[m] }' "$WORK/edges" >"$WORK/deps"
	while read -r m r l f; do echo "$m ($l)"; done <"$WORK/files" | sort -u |
		while read -r m l; do
			echo "$m $l:$(sed -n "s|^$m:||p" "$WORK/deps")"
		done
fi
exit $status
