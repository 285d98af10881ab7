#!/bin/bash
# The source layout (issue 21, common/README): tests/layout.sh passes on this
# checkout, and fails, naming the breach, on small trees built here that
# break each of its rules: an include circle (two modules, and three around
# a circle), a module including a layer above it, a repository type in the
# rules layer, a header name two modules share, a file over the size limit.
# Nothing here builds: it reads the #include lines.
. "$(dirname "$0")/lib.sh"

LAYOUT="$TOP/tests/layout.sh"

sh "$LAYOUT" "$TOP" >"$LAST_OUT" 2>&1
status=$?
if [ "$status" -eq 0 ]; then ok "this checkout keeps the layout"; else not_ok "this checkout keeps the layout (exit $status)"; fi

# The graph it prints names every module of common/ once, with its layer.
sh "$LAYOUT" --graph "$TOP" >"$TMP/graph" 2>/dev/null
for f in "$TOP"/common/*/*.c; do
	m=${f##*/}
	layer=${f%/*}
	layer=${layer##*/}
	n=$(grep -c "^${m%.c} ($layer):" "$TMP/graph")
	[ "$n" -eq 1 ] || break
done
expect_eq "the graph lists each module of common/ once, with its layer" "$n" 1
cp "$TMP/graph" "$LAST_OUT"
expect_output "the graph lists the hooks' flows on top" '^hooks/pre-push \(hooks\):.* hooks/hooks( |$)'

# tree NAME: a fresh tree $TMP/NAME with the four layer folders and hooks/.
tree() {
	T="$TMP/$1"
	mkdir -p "$T/common/base" "$T/common/rules" "$T/common/git" "$T/common/engine" "$T/hooks"
}
# module TREE LAYER NAME [INCLUDED...]: NAME.h and NAME.c in LAYER, NAME.c
# including NAME.h and each INCLUDED header.
module() {
	local t=$1 layer=$2 name=$3
	shift 3
	printf '/*\n * %s. Layer: %s.\n */\n#ifndef X_%s\n#define X_%s\nint %s(void);\n#endif\n' \
		"$name" "$layer" "$name" "$name" "$name" >"$t/common/$layer/$name.h"
	{
		printf '#include "%s.h"\n' "$name"
		for h in "$@"; do printf '#include "%s.h"\n' "$h"; done
		printf 'int %s(void) { return 0; }\n' "$name"
	} >"$t/common/$layer/$name.c"
}

tree clean
module "$T" base quote
module "$T" rules version quote
module "$T" rules refname version quote
module "$T" git repo refname
module "$T" engine hook repo version
printf '#include "hook.h"\nint main(void) { return hook(); }\n' >"$T/hooks/pre-push.c"
expect_ok "a tree in layers, without circles, passes" sh "$LAYOUT" "$T"

tree circle2
module "$T" rules version refname
module "$T" rules refname version
expect_fail "two modules including each other fail" sh "$LAYOUT" "$T"
expect_output "... naming the circle" 'include circle among: .*(refname|version)'

tree circle3
module "$T" rules config refname
module "$T" rules refname version
module "$T" rules version config
expect_fail "three modules around a circle fail" sh "$LAYOUT" "$T"
expect_output "... naming the circle" 'include circle among: '

# A circle through a header alone: version.h including refname.h counts.
tree circleh
module "$T" rules version
module "$T" rules refname version
printf '#include "refname.h"\n' >>"$T/common/rules/version.h"
expect_fail "a circle through a header fails" sh "$LAYOUT" "$T"

tree upward
module "$T" git repo hook
module "$T" engine hook
expect_fail "a git module including an engine header fails" sh "$LAYOUT" "$T"
expect_output "... naming the file and the layers" 'common/git/repo.c \(git\) includes hook.h \(engine\), a layer above it'

tree hooksdown
module "$T" engine hook
printf '#include "hooks.h"\n' >>"$T/common/engine/hook.c"
printf 'int fg_run_pre_push(void);\n' >"$T/hooks/hooks.h"
expect_fail "an engine module including hooks/hooks.h fails" sh "$LAYOUT" "$T"

tree repotype
module "$T" rules message
printf 'typedef struct git_repository git_repository;\nint f(git_repository *r);\n' \
	>>"$T/common/rules/message.c"
expect_fail "a repository type in the rules layer fails" sh "$LAYOUT" "$T"
expect_output "... naming it" 'common/rules/message.c \(rules\) uses git_repository'

tree repocomment
module "$T" rules message
printf '/* no git_repository here: a rule reads without one */\n' >>"$T/common/rules/message.c"
expect_ok "a repository type named in a comment only passes" sh "$LAYOUT" "$T"

tree dupname
module "$T" rules report
module "$T" git report
expect_fail "two modules of one name fail" sh "$LAYOUT" "$T"
expect_output "... naming the header" 'one header name, several modules: *report.h'

tree big
module "$T" rules message
for i in $(seq 1 901); do echo "/* $i */"; done >>"$T/common/rules/message.c"
expect_fail "a file over 900 lines fails" sh "$LAYOUT" "$T"
expect_output "... naming it" 'common/rules/message.c has 90[0-9] lines, over 900'
expect_ok "... and passes with a higher limit" env FG_LAYOUT_MAX_LINES=2000 sh "$LAYOUT" "$T"

tree nolayer
module "$T" git walk
sed -i 's/ Layer: git\.//' "$T/common/git/walk.h"
expect_fail "a header whose opening comment names no layer fails" sh "$LAYOUT" "$T"
expect_output "... naming it" 'common/git/walk.h does not name its layer'
tree layerlater
module "$T" git walk
printf '/* Layer: git, said too late */\n' >>"$T/common/git/walk.h"
sed -i 's/ Layer: git\.//' "$T/common/git/walk.h"
expect_fail "... also when only a later comment names it" sh "$LAYOUT" "$T"

mkdir -p "$TMP/empty"
expect_status "a folder without the layers: exit 3" 3 sh "$LAYOUT" "$TMP/empty"
