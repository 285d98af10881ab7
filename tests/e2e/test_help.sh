#!/bin/bash
# The help of the flowgate command (issue 23): `flowgate --help` lists the
# commands, one line each; every command answers --help, -h and
# `flowgate help <command>` with the same text (synopsis, description,
# options, exit statuses, one example) on stdout, exit 0, outside any
# repository and before looking at its other arguments; usage errors print
# the command's synopsis.
. "$(dirname "$0")/lib.sh"

FG="$FLOWGATE_BUILD/flowgate"
mkdir -p "$TMP/nowhere"
cd "$TMP/nowhere" || exit 1
export GIT_CEILING_DIRECTORIES="$TMP"

# The list.
"$FG" --help >"$TMP/list" 2>"$TMP/list.err"
expect_eq "flowgate --help exits 0, nothing on stderr" "$?:$(cat "$TMP/list.err")" "0:"
cp "$TMP/list" "$LAST_OUT"
expect_output "flowgate --help starts with the usage" '^usage: flowgate <command> \[<argument>\.\.\.\]$'
expect_output "flowgate --help names --version" '^ +flowgate --version$'
sed -n '/^Commands:$/,/^$/p' "$TMP/list" | awk 'NF > 1 { print $1 }' >"$TMP/commands"
# the commands that exist when issue 23 lands, and doctor (issue: install
# flowgate like a tool), each listed once
for c in rules config explain check-message check-range hotfix-status version bump \
	install uninstall doctor hook help; do
	expect_eq "flowgate --help lists $c once" "$(grep -cx -- "$c" "$TMP/commands")" 1
done
expect_no_output "no command line of the list is over 79 columns" '^.{80}'
for alias in -h help; do
	"$FG" $alias >"$TMP/alias" 2>&1
	expect_eq "flowgate $alias exits 0" "$?" 0
	expect_ok "flowgate $alias prints the same list" cmp -s "$TMP/list" "$TMP/alias"
done
"$FG" >"$TMP/none.out" 2>"$TMP/none.err"
expect_eq "flowgate alone exits 2" "$?" 2
expect_ok "flowgate alone: the list on stderr" cmp -s "$TMP/list" "$TMP/none.err"
expect_eq "flowgate alone: nothing on stdout" "$(cat "$TMP/none.out")" ""

# Each command's help: the same text four ways, its sections, exit 0.
while read -r c; do
	"$FG" "$c" --help >"$TMP/help-$c" 2>"$TMP/help-$c.err"
	expect_eq "$c --help exits 0, nothing on stderr" "$?:$(cat "$TMP/help-$c.err")" "0:"
	cp "$TMP/help-$c" "$LAST_OUT"
	expect_output "$c --help: its synopsis" "^usage: flowgate $c( |$)"
	expect_output "$c --help: its exit statuses" '^Exit status:$'
	expect_output "$c --help: exit status 0" '^  0  '
	expect_output "$c --help: one example" '^Example:$'
	expect_eq "$c --help: the example runs flowgate $c" \
		"$(sed -n '/^Example:$/{n;p}' "$TMP/help-$c" | grep -c "^  \$ .*flowgate $c")" 1
	# the description: the first paragraph after the synopsis, a sentence or more
	expect_ok "$c --help: a description" \
		test "$(awk '/^$/ { if (p) exit; p = 1; next } p' "$TMP/help-$c" | wc -w)" -gt 10
	for how in "$c -h" "help $c" "--help $c" "-h $c"; do
		# shellcheck disable=SC2086 # two words
		"$FG" $how >"$TMP/how" 2>&1
		expect_eq "flowgate $how exits 0" "$?" 0
		expect_ok "flowgate $how is $c --help" cmp -s "$TMP/help-$c" "$TMP/how"
	done
done <"$TMP/commands"

# The options each help lists are the ones the command takes.
grep -q -- '--markdown' "$TMP/help-rules" && ok "rules --help lists --markdown" ||
	not_ok "rules --help lists --markdown"
for o in --commit --tag --dry-run; do
	cp "$TMP/help-bump" "$LAST_OUT"
	expect_output "bump --help lists $o" "^  $o "
done
for o in '--format text\|json\|github' '--branch <name>'; do
	cp "$TMP/help-check-range" "$LAST_OUT"
	expect_output "check-range --help lists $o" "^  $o "
done
cp "$TMP/help-hotfix-status" "$LAST_OUT"
expect_output "hotfix-status --help lists --format text|json" '^  --format text\|json '

# --help wins over the other arguments, wherever it is; the command does not run.
expect_ok "bump with --help last prints the help" "$FG" bump patch --commit --help
expect_output "and not a bump (no repository here)" '^usage: flowgate bump '
expect_ok "check-range A..B -h prints the help" "$FG" check-range A..B -h
expect_output "check-range -h: the help" '^usage: flowgate check-range '
expect_ok "explain --help without a rule prints the help" "$FG" explain --help
expect_ok "install --help is flowgate's help, not install.sh's" "$FG" install --help
expect_output "install --help: the command's synopsis" '^usage: flowgate install \[<repo>\]$'
expect_no_output "install --help: install.sh did not run" '^(install\.sh:|flowgate: installing)'
expect_ok "hook --help prints the help" "$FG" hook --help
expect_output "hook --help: the hook's arguments" '^  pre-push <remote> <url> '

# Errors: exit 2, the command's synopsis on stderr.
expect_status "help of an unknown command exits 2" 2 "$FG" help frobnicate
expect_output "and says so" "^flowgate: error: no command is named 'frobnicate'"
expect_status "help of two commands exits 2" 2 "$FG" help rules config
expect_status "an unknown option exits 2" 2 "$FG" rules --bogus
expect_output "an unknown option: the command's synopsis" \
	'^usage: flowgate rules \[--markdown\] \[--cached \| --rev <commit>\]$'
expect_status "an unknown command exits 2" 2 "$FG" frobnicate
expect_output "an unknown command: where the list is" '^flowgate: error: unknown command .frobnicate.; flowgate --help lists the commands$'
