#!/bin/bash
# The manual pages (issue 23): flowgate(1), flowgate-config(5) and
# flowgate-rules(7), as make writes them into the build, render with
# man -l without a warning and hold their sections; flowgate(1) documents
# every command of the help table, flowgate-config(5) every key flowgate
# config prints, and its examples are valid configuration that reads and
# bumps the version files it names; flowgate-rules(7) holds every rule of
# the registry, with its default severity and the text flowgate explain
# prints.
. "$(dirname "$0")/lib.sh"

FG="$FLOWGATE_BUILD/flowgate"
MAN="$FLOWGATE_BUILD/man"
if ! need_tool man man-db; then
	echo "# skip - the manual pages: man is not installed and could not be (apt-get install man-db)"
	exit 0
fi

# render PAGE [WIDTH]: PAGE as man shows it, plain text, WIDTH columns (80).
render() {
	LC_ALL=C.UTF-8 MANWIDTH=${2:-80} MAN_KEEP_FORMATTING='' man --warnings -l "$MAN/$1" 2>"$TMP/render.err" |
		LC_ALL=C.UTF-8 col -b -x
}

# squeeze: stdin with every run of blanks and newlines as one space.
squeeze() { tr -s ' \n\t' '   '; }

for page in flowgate.1 flowgate-config.5 flowgate-rules.7; do
	render "$page" >"$TMP/$page.txt"
	expect_eq "$page renders with man -l" "$?" 0
	expect_eq "$page: no warning from the formatter" "$(cat "$TMP/render.err")" ""
	expect_ok "$page: more than a screen of text" test "$(wc -l <"$TMP/$page.txt")" -gt 60
	expect_eq "$page: the version in its footer" \
		"$(tail -n1 "$TMP/$page.txt" | grep -c "flowgate $(sed -n 's/^VERSION = //p' "$TOP/Makefile")")" 1
done

# sections: PAGE SECTION...
sections() {
	local page=$1
	shift
	for s in "$@"; do
		if grep -qx -- "$s" "$TMP/$page.txt"; then ok "$page has the section $s"; else
			: >"$LAST_OUT"; not_ok "$page has the section $s"; fi
	done
}
sections flowgate.1 NAME SYNOPSIS DESCRIPTION COMMANDS HOOKS "EXIT STATUS" ENVIRONMENT FILES \
	EXAMPLES "SEE ALSO"
sections flowgate-config.5 NAME SYNOPSIS DESCRIPTION "THE .flowgate FILE" "GIT CONFIG KEYS" \
	ENVIRONMENT EXAMPLES "SEE ALSO"
sections flowgate-rules.7 NAME DESCRIPTION RULES "SEE ALSO"

# -------------------------------------------------------------- flowgate(1)
"$FG" --help | sed -n '/^Commands:$/,/^$/p' | awk 'NF > 1 { print $1 }' >"$TMP/commands"
expect_ok "flowgate --help lists commands" test -s "$TMP/commands"
cp "$TMP/flowgate.1.txt" "$LAST_OUT"
render flowgate.1 1000 | squeeze | sed 's/ *| */|/g' >"$TMP/flowgate.1.wide"
while read -r c; do
	expect_ok "flowgate(1) COMMANDS has $c" grep -qx "   $c" "$TMP/flowgate.1.txt"
	# the synopsis line, as the help prints it (brackets and all; <x> as x)
	syn=$("$FG" help "$c" | sed -n '1s/^usage: //p' | sed 's/[<>]//g' | squeeze | sed 's/ *| */|/g')
	expect_ok "flowgate(1) gives the synopsis of $c" grep -qF -- "$syn" "$TMP/flowgate.1.wide"
	# the description: the first paragraph after the synopsis
	desc=$("$FG" help "$c" | awk '/^$/ { if (p) exit; p = 1; next } p' | squeeze | sed 's/ *| */|/g')
	expect_ok "flowgate(1) gives the description of $c, as its help" \
		grep -qF -- "$desc" "$TMP/flowgate.1.wide"
done <"$TMP/commands"
for hook in pre-commit commit-msg pre-push post-merge pre-receive update; do
	expect_eq "flowgate(1) HOOKS describes $hook" \
		"$(sed -n '/^HOOKS$/,/^EXIT STATUS$/p' "$TMP/flowgate.1.txt" | grep -cE "^     $hook( |\$)")" 1
done
for status in 0 1 2 3 4; do
	expect_eq "flowgate(1) EXIT STATUS gives $status" \
		"$(sed -n '/^EXIT STATUS$/,/^ENVIRONMENT$/p' "$TMP/flowgate.1.txt" | grep -cE "^     $status( |\$)")" 1
done
for var in FLOWGATE_SKIP NO_COLOR COLUMNS TERM GIT_DIR GIT_INDEX_FILE GIT_OBJECT_DIRECTORY \
	GIT_CONFIG_PARAMETERS GIT_AUTHOR_NAME; do
	expect_ok "flowgate(1) ENVIRONMENT names $var" \
		grep -qE "^     ([A-Z_]+, )*$var(,| |\$)" <(sed -n '/^ENVIRONMENT$/,/^FILES$/p' "$TMP/flowgate.1.txt")
done

# ------------------------------------------------------- flowgate-config(5)
# every key flowgate config prints, as a section and a tag of the page
mkdir -p "$TMP/nowhere" && cd "$TMP/nowhere" || exit 1
GIT_CEILING_DIRECTORIES=$TMP "$FG" config | sed 's/ = .*//' |
	awk -F. '{ print $1, (NF > 2 ? $NF : $2) }' | sort -u >"$TMP/keys"
cd "$TMP" || exit 1
expect_ok "flowgate config printed keys" test "$(wc -l <"$TMP/keys")" -gt 10
cp "$TMP/flowgate-config.5.txt" "$LAST_OUT"
while read -r section var; do
	case $section in
	rule) heading='[rule "<ruleName>"]' ;;
	branch) heading='[branch "<kind>"]' ;;
	versionFile) heading='[versionFile "<path>"]' ;;
	*) heading="[$section]" ;;
	esac
	if [ "$section.$var" = flowgate.configFile ]; then
		expect_ok "flowgate-config(5) documents flowgate.configFile" \
			grep -qx '     flowgate\.configFile' "$TMP/flowgate-config.5.txt"
		continue
	fi
	# the key's entry in its section of THE .flowgate FILE
	expect_ok "flowgate-config(5) documents $section.$var under $heading" \
		grep -qE "^     $var( |\$)" <(awk -v h="   $heading" '$0 == h { on = 1; next }
			/^   [^ ]/ || /^[A-Z]/ { on = 0 } on' "$TMP/flowgate-config.5.txt")
done <"$TMP/keys"
for key in 'flowgate.<ruleName>' flowgate.configFile flowgate.since flowgate.allowRefs \
	flowgate.allowEnvSkip color.flowgate color.ui; do
	expect_ok "flowgate-config(5) GIT CONFIG KEYS has $key" \
		grep -qxF "     $key" <(sed -n '/^GIT CONFIG KEYS$/,/^ENVIRONMENT$/p' "$TMP/flowgate-config.5.txt")
done

# example BLOCK: the literal display after the source's ".\" example: BLOCK"
# comment, as git config reads it (roff's \e is a backslash).
example() {
	awk -v want=".\\\\\" example: $1" 'index($0, want) == 1 { on = 1; next }
		on && /^\.Bd/ { next } on && /^\.Ed/ { exit } on' "$MAN/flowgate-config.5" |
		sed 's/\\e/\\/g; s/^\\&//'
}
repo=$TMP/config-example
new_repo "$repo"
example "a .flowgate" >"$repo/.flowgate"
expect_ok "the .flowgate example is one" grep -q '^\[rule "headerMaxLength"\]' "$repo/.flowgate"
expect_ok "the .flowgate example is valid configuration" sh -c "cd '$repo' && '$FG' config"
expect_output "its commit.ignore pattern reaches PCRE2 with single backslashes" \
	'^commit\.ignore = \^Bump \\S\+ from \\S\+ to \\S\+\$	# \.flowgate'
expect_output "its release pattern too" \
	'^branch\.release\.pattern = \^release/\(0\|\[1-9\]\\d\*\)\\\.'

# the version-file example, on files with decoy versions (a dependency's,
# another table's) that it must neither read nor bump
repo=$TMP/version-files
new_repo "$repo"
example "version files" >"$repo/.flowgate"
cat >"$repo/package.json" <<'EOF'
{
  "name": "demo",
  "version": "0.16.0-rc1",
  "engines": { "version": "1.0.0" }
}
EOF
cat >"$repo/pyproject.toml" <<'EOF'
[build-system]
requires = ["setuptools>=61"]

[project]
name = "demo"
dependencies = ["requests>=2"]
version = "0.16.0-rc1"

[tool.other]
version = "9.9.9"
EOF
cat >"$repo/Cargo.toml" <<'EOF'
[dependencies]
serde = { version = "1.0", features = ["derive"] }

[package]
name = "demo"
authors = ["A <a@example.com>"]
version = "0.16.0-rc1"

[dependencies.rand]
version = "0.8"
EOF
git -C "$repo" add -A && git -C "$repo" commit -q -m "feat: the three version files"
git -C "$repo" checkout -q -b release/0.16.x
expect_eq "the version-file example: flowgate version reads 0.16.0-rc1 from all three" \
	"$(cd "$repo" && "$FG" version 2>&1)" "0.16.0-rc1"
expect_ok "the version-file example: flowgate bump rc" sh -c "cd '$repo' && '$FG' bump rc"
expect_eq "bump rc changed exactly the three version lines" \
	"$(git -C "$repo" diff --cached -U0 | grep '^+[^+]' | LC_ALL=C sort | tr '\n' '|')" \
	'+  "version": "0.16.0-rc2",|+version = "0.16.0-rc2"|+version = "0.16.0-rc2"|'
expect_eq "the decoys are left alone" \
	"$(git -C "$repo" diff --cached -U0 | grep '^[-+][^-+]' | grep -c -e '1\.0\.0' -e '9\.9\.9' -e '"0\.8"' -e '"1\.0"')" 0

# ------------------------------------------------------- flowgate-rules(7)
cp "$TMP/flowgate-rules.7.txt" "$LAST_OUT"
# the registry's rules and default severities, from the README's generator
"$FG" rules --markdown | sed -n 's/^| `\([A-Za-z]*\)` | [^|]* | \([a-z]*\) |.*/\1 \2/p' >"$TMP/registry"
awk '/^   [a-z][A-Za-z]*$/ { name = $1 }
	match($0, /Default severity: [a-z]+;/) { s = substr($0, RSTART + 18, RLENGTH - 19); print name, s }' \
	"$TMP/flowgate-rules.7.txt" >"$TMP/page"
expect_ok "the registry has rules" test "$(wc -l <"$TMP/registry")" -gt 20
if diff -u "$TMP/registry" "$TMP/page" >"$LAST_OUT"; then
	ok "flowgate-rules(7) has every rule of the registry, in order, with its default severity"
else
	not_ok "flowgate-rules(7) has every rule of the registry, in order, with its default severity"
fi
render flowgate-rules.7 1000 | squeeze >"$TMP/rules-wide"
while read -r rule _; do
	"$FG" explain "$rule" >"$TMP/explain" 2>&1
	for field in Why Fix; do
		text=$(sed -n "s/^$field: //p" "$TMP/explain" | squeeze)
		expect_ok "flowgate-rules(7): $rule's $field as flowgate explain prints it" \
			grep -qF -- "$field: $text" "$TMP/rules-wide"
	done
	# the examples, line by line, as explain indents them
	sed -n '/^Passes:$/,/^Fix:/p' "$TMP/explain" | sed -n 's/^    //p' |
		while IFS= read -r example; do
			example=$(printf '%s' "$example" | squeeze)
			grep -qF -- "$example" "$TMP/rules-wide" || echo "$example"
		done >"$TMP/missing"
	expect_eq "flowgate-rules(7): $rule's examples as flowgate explain prints them" \
		"$(cat "$TMP/missing")" ""
done <"$TMP/registry"

# ---------------------------------------------------------------- README
# The README starts a user in one screen or so (issue 23: about 300 lines,
# and the hook managers' snippets for eight hooks, tested, are in it);
# the guides in docs/ hold the rest, and every link between them leads
# somewhere: a file that exists, and for README.md#anchor a README heading.
n=$(wc -l <"$TOP/README.md")
expect_ok "README.md is at most 340 lines ($n)" test "$n" -le 340
anchors=$(sed -n 's/^##* //p' "$TOP/README.md" | tr 'A-Z' 'a-z' | sed 's/[^a-z0-9 -]//g; s/ /-/g')
for f in "$TOP/README.md" "$TOP"/docs/*.md; do
	dir=$(dirname "$f")
	grep -o '](\([^)#:]*\)\(#[^)]*\)\?)' "$f" | sed 's/^](//; s/)$//' | sort -u |
		while IFS= read -r link; do
			path=${link%%#*} anchor=
			case $link in *'#'*) anchor=${link#*#} ;; esac
			[ -n "$path" ] || path=$(basename "$f")
			if [ ! -e "$dir/$path" ]; then
				echo "not ok - ${f#"$TOP"/}: the link $link leads nowhere"
			elif [ -n "$anchor" ] && [ "$(basename "$path")" = README.md ] &&
				! printf '%s\n' "$anchors" | grep -qx -- "$anchor"; then
				echo "not ok - ${f#"$TOP"/}: no README heading for #$anchor"
			else
				echo "ok - ${f#"$TOP"/}: the link $link leads to its target"
			fi
		done
done
