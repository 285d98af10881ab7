#!/bin/bash
# The flowgate command: the README's rules table is the registry's, `rules`,
# `config` and `explain` report the configuration the hooks would use, with
# the origin of each value, and bad input gets its documented exit status.
. "$(dirname "$0")/lib.sh"

FG="$FLOWGATE_BUILD/flowgate"

# The README table, between its markers, is what the registry generates.
sed -n '/^<!-- rules table:/,/^<!-- end of rules table -->/p' "$TOP/README.md" |
	sed '1d;$d' >"$TMP/readme-table"
"$FG" rules --markdown >"$TMP/registry-table"
if diff -u "$TMP/readme-table" "$TMP/registry-table" >"$LAST_OUT"; then
	ok "README rules table equals flowgate rules --markdown"
else
	not_ok "README rules table equals flowgate rules --markdown (regenerate it)"
fi
rules=$(sed -n 's/^| `\([a-zA-Z]*\)` |.*/\1/p' "$TMP/readme-table" | wc -l)
expect_ok "README table has a row per rule of flowgate rules" \
	test "$rules" -eq "$("$FG" rules | grep -c '^[a-z][A-Za-z]* ')"

# The README's short example (adopting) is valid configuration: its
# versionFile pattern finds package.json's version.
repo="$TMP/cli-readme"
new_repo "$repo"
sed -n '/^## Adopting on an existing repository/,/^## Beside hook managers/p' "$TOP/README.md" |
	sed -n '/^```$/,/^```$/p' | sed '1d;$d' >"$repo/.flowgate"
printf '{\n  "name": "x",\n  "version": "1.2.3"\n}\n' >"$repo/package.json"
expect_ok "the README's adopting example is accepted" sh -c "cd '$repo' && '$FG' config"
expect_output "its headerMaxLength max is read" '^rule\.headerMaxLength\.max = 100	# \.flowgate \(work tree\)$'
expect_eq "its versionFile pattern reads package.json's version" \
	"$(cd "$repo" && "$FG" version 2>&1)" "1.2.3"

# The configuration guide's example is valid configuration.
repo="$TMP/cli"
new_repo "$repo"
sed -n '/^## Configuration/,/^## What a committed/p' "$TOP/docs/configuration.md" |
	sed -n '/^```$/,/^```$/p' | sed '1d;$d' >"$repo/.flowgate"
expect_ok "the configuration guide's example is accepted" sh -c "cd '$repo' && '$FG' config"
expect_output "its values are read: headerMaxLength max 100 from the work tree file" \
	'^rule\.headerMaxLength\.max = 100	# \.flowgate \(work tree\)$'
expect_output "its commit.ignore pattern is unescaped by git-config syntax" \
	'^commit\.ignore = \^Bump \\S\+ from \\S\+ to \\S\+\$	'
expect_output "its versionFile pattern keeps the quotes" \
	'^versionFile\.package\.json\.pattern = "version": "\(\[\^"\]\+\)"	'
expect_output "declaring one branch kind replaces the built-in list" '^branch\.release\.pattern'
expect_no_output "no built-in branch kind is left" '^branch\.(main|dev|feature)\.'

# rules: severity and origin from each layer.
printf '[rule "headerMaxLength"]\n\tseverity = warn\n' >"$repo/.flowgate"
git -C "$repo" config flowgate.typeEnum off
expect_ok "flowgate rules runs in a repository" sh -c "cd '$repo' && '$FG' rules"
expect_output "a .flowgate severity shows with its origin" \
	'^headerMaxLength +warn +\.flowgate \(work tree\)'
expect_output "a git config severity shows with its level" '^typeEnum +off +git config \(local\)'
expect_output "an untouched rule shows its default" '^subjectEmpty +error +default'
expect_output "scopeEnum is off while no scopes are configured" '^scopeEnum +off \(no scopes\)'
expect_ok "FLOWGATE_SKIP turns a rule off" \
	sh -c "cd '$repo' && FLOWGATE_SKIP=tagMessage,branchName '$FG' rules"
expect_output "FLOWGATE_SKIP is named as the origin" '^tagMessage +off +FLOWGATE_SKIP'
expect_ok "--cached reads the index, where no .flowgate is staged" \
	sh -c "cd '$repo' && '$FG' rules --cached"
expect_output "--cached: the unstaged .flowgate does not count" '^headerMaxLength +error +default'
git -C "$repo" add .flowgate
expect_ok "--cached after git add" sh -c "cd '$repo' && '$FG' rules --cached"
expect_output "--cached: the staged .flowgate counts" '^headerMaxLength +warn +\.flowgate \(index\)'
git -C "$repo" -c core.hooksPath=/dev/null commit -q -m "chore: add flowgate configuration"
printf '[rule "headerMaxLength"]\n\tseverity = off\n' >"$repo/.flowgate"
expect_ok "--rev HEAD reads the committed file" sh -c "cd '$repo' && '$FG' config --rev HEAD"
expect_output "--rev names the commit as the origin" \
	'^rule\.headerMaxLength\.severity = warn	# \.flowgate \(HEAD\)$'
expect_ok "the work tree file is read by default" sh -c "cd '$repo' && '$FG' config"
expect_output "the work tree's edit shows" '^rule\.headerMaxLength\.severity = off	# \.flowgate \(work tree\)$'

# explain
expect_ok "explain prints a rule" sh -c "cd '$repo' && '$FG' explain bodyMaxLineLength"
expect_output "explain gives the summary" '^bodyMaxLineLength: every body line is at most'
expect_output "explain gives the default and current severity" '^Severity: warn \(default warn; set by default\)'
expect_output "explain gives why" '^Why: '
expect_output "explain gives examples that fail" '^Fails:'
expect_output "explain gives the fix" '^Fix: '
expect_ok "explain ignores the case of the rule name, as git config does" \
	"$FG" explain HEADERMAXLENGTH
expect_status "explain of an unknown rule exits 2" 2 "$FG" explain noSuchRule
expect_output "and says so" "no rule is named 'noSuchRule'"
expect_status "explain without a rule exits 2" 2 "$FG" explain
expect_status "an unknown command exits 2" 2 "$FG" frobnicate
expect_status "no command exits 2" 2 "$FG"
expect_ok "help exits 0" "$FG" help
expect_output "help lists the commands" '^  rules +list the rules'
expect_status "--cached with --rev exits 2" 2 "$FG" rules --cached --rev HEAD

# bad configuration: exit 4 and the one-line error
printf '[rule "headerMaxLength"]\n\tmax = lots\n' >"$repo/.flowgate"
expect_status "bad configuration exits 4" 4 sh -c "cd '$repo' && '$FG' rules"
expect_output "it names the file, the key and the problem" \
	"^flowgate: error: bad configuration: \.flowgate \(work tree\): rule\.headerMaxLength\.max: 'lots' is not a positive whole number"
git -C "$repo" config flowgate.headerMaxLength loud
printf '' >"$repo/.flowgate"
expect_status "a bad git config severity exits 4" 4 sh -c "cd '$repo' && '$FG' config"
expect_output "it names the git config level" \
	"git config \(local\): flowgate\.headerMaxLength: unknown severity 'loud'"
git -C "$repo" config --unset flowgate.headerMaxLength
expect_status "an unknown FLOWGATE_SKIP name exits 4" 4 \
	sh -c "cd '$repo' && FLOWGATE_SKIP=nope '$FG' rules"
expect_status "--rev of no commit exits 2" 2 sh -c "cd '$repo' && '$FG' rules --rev nosuchref"

# outside a repository: defaults and the global config
mkdir -p "$TMP/norepo"
git config --global flowgate.subjectEmpty warn
expect_ok "flowgate rules runs outside a repository" \
	sh -c "cd '$TMP/norepo' && GIT_CEILING_DIRECTORIES='$TMP' '$FG' rules"
expect_output "outside a repository the global config counts" '^subjectEmpty +warn +git config \(global\)'
git config --global --unset flowgate.subjectEmpty

# check-message: one message, as git would store it
msgs="$TMP/msgs"
mkdir -p "$msgs"
printf 'feat: add the parser\n' >"$msgs/good"
printf 'Add the parser\n' >"$msgs/bad"
printf 'fix: a\n\n# Please enter the commit message for your changes. Lines starting\n# with %s will be ignored.\n' "'#'" >"$msgs/template"
cfgrepo="$TMP/check"
new_repo "$cfgrepo"
expect_ok "check-message passes a good message" sh -c "cd '$cfgrepo' && '$FG' check-message '$msgs/good'"
expect_output "check-message closes with the summary line" '^1 passed, 0 failed$'
expect_status "check-message exits 1 on a bad header" 1 \
	sh -c "cd '$cfgrepo' && '$FG' check-message '$msgs/bad'"
expect_output "check-message names the file and the rule" "^$msgs/bad: error: headerFormat: "
expect_output "check-message summary counts the failure" '^0 passed, 1 failed$'
expect_ok "check-message reads stdin for -" sh -c "cd '$cfgrepo' && '$FG' check-message - <'$msgs/good'"
expect_ok "check-message strips git's template comments as git would" \
	sh -c "cd '$cfgrepo' && '$FG' check-message '$msgs/template'"
expect_ok "check-message runs outside a repository" \
	sh -c "cd '$TMP/norepo' && GIT_CEILING_DIRECTORIES='$TMP' '$FG' check-message '$msgs/good'"
expect_status "check-message --format json exits 1 on a bad header" 1 \
	sh -c "cd '$cfgrepo' && '$FG' check-message --format json '$msgs/bad'"
expect_output "json: a result with its rule" '"rule": "headerFormat", "severity": "error"'
expect_output "json: the counts" '^  "failed": 1$'
expect_status "check-message --format github exits 1" 1 \
	sh -c "cd '$cfgrepo' && '$FG' check-message --format github '$msgs/bad'"
expect_output "github: an error annotation naming the rule, file, line and column" \
	"^::error file=$msgs/bad,line=1,col=1,title=flowgate headerFormat::"
expect_status "check-message of a missing file exits 3" 3 "$FG" check-message "$msgs/none"
expect_status "check-message without a file exits 2" 2 "$FG" check-message
expect_status "an unknown format exits 2" 2 "$FG" check-message --format xml "$msgs/good"
printf '[rule "headerFormat"]\n\tseverity = warn\n' >"$cfgrepo/.flowgate"
expect_ok "check-message follows .flowgate: headerFormat as a warning" \
	sh -c "cd '$cfgrepo' && '$FG' check-message '$msgs/bad'"
expect_output "the warning is printed, and counts as passed" '^1 passed, 0 failed$'
rm "$cfgrepo/.flowgate"

# check-range: every commit of A..B once, HEAD's branch, and the summary (a
# CI running these tests must not name its own branch: `env -u` its variables)
git -C "$cfgrepo" -c core.hooksPath=/dev/null commit -q --allow-empty -m 'chore: start'
base=$(git -C "$cfgrepo" rev-parse HEAD)
git -C "$cfgrepo" -c core.hooksPath=/dev/null commit -q --allow-empty -m 'feat: one'
git -C "$cfgrepo" -c core.hooksPath=/dev/null commit -q --allow-empty -m 'Two things'
git -C "$cfgrepo" -c core.hooksPath=/dev/null commit -q --allow-empty -m 'fix: three'
bad=$(git -C "$cfgrepo" rev-parse --short=12 HEAD~1)
expect_status "check-range exits 1 when a commit fails" 1 env -u GITHUB_ACTIONS -u GITLAB_CI \
	sh -c "cd '$cfgrepo' && '$FG' check-range '$base..HEAD'"
expect_output "check-range names the failing commit" "^commit $bad: error: headerFormat: "
expect_output "check-range counts each commit of the range once, and HEAD's branch" '^3 passed, 1 failed$'
expect_ok "check-range of a clean range exits 0" env -u GITHUB_ACTIONS -u GITLAB_CI \
	sh -c "cd '$cfgrepo' && '$FG' check-range '$base..HEAD~2'"
expect_output "a clean range: 2 passed (its commit, the branch)" '^2 passed, 0 failed$'
expect_status "check-range --format github" 1 \
	sh -c "cd '$cfgrepo' && '$FG' check-range --format github '$base..HEAD'"
expect_output "github: one annotation for the bad commit" "^::error title=flowgate headerFormat::commit $bad: "
expect_status "check-range --format json" 1 env -u GITHUB_ACTIONS -u GITLAB_CI \
	sh -c "cd '$cfgrepo' && '$FG' check-range --format json '$base..HEAD'"
expect_output "json: the failing commit with its full OID" "\"commit\": \"$(git -C "$cfgrepo" rev-parse HEAD~1)\", \"passed\": false"
expect_output "json: the counts" '^  "passed": 3,$'
expect_status "check-range of no such range exits 2" 2 sh -c "cd '$cfgrepo' && '$FG' check-range nope..HEAD"
expect_status "check-range outside a repository exits 3" 3 \
	sh -c "cd '$TMP/norepo' && GIT_CEILING_DIRECTORIES='$TMP' '$FG' check-range a..b"

# `git -c` settings (GIT_CONFIG_PARAMETERS, GIT_CONFIG_COUNT) are the command-line level
expect_ok "GIT_CONFIG_PARAMETERS is read, both of git's formats" \
	sh -c "cd '$cfgrepo' && GIT_CONFIG_PARAMETERS=\"'flowgate.typeEnum'='off' 'flowgate.subjectEmpty=warn'\" '$FG' rules"
expect_output "git -c key=value (git >= 2.31 quoting) sets a severity" '^typeEnum +off +git -c'
expect_output "the older 'key=value' quoting too" '^subjectEmpty +warn +git -c'
expect_ok "a quote inside a value is dequoted as git quotes it" \
	sh -c "cd '$cfgrepo' && GIT_CONFIG_PARAMETERS=\"'flowgate.since'='v'\\\\''1'\" '$FG' config"
expect_output "the value keeps its quote" "^flowgate\.since = v'1	# git -c$"
expect_ok "GIT_CONFIG_COUNT (--config-env) is read" \
	sh -c "cd '$cfgrepo' && GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=flowgate.tagMessage GIT_CONFIG_VALUE_0=off '$FG' rules"
expect_output "--config-env sets a severity" '^tagMessage +off +git -c'
expect_status "a bad git -c flowgate key is bad configuration" 4 \
	sh -c "cd '$cfgrepo' && GIT_CONFIG_PARAMETERS=\"'flowgate.nope'='off'\" '$FG' rules"
expect_output "it names git -c" "git -c: flowgate\.nope: no rule is named 'nope'"

# --version: the Makefile's VERSION, from the command and from every hook binary
want_version=$(sed -n 's/^VERSION = //p' "$TOP/Makefile")
expect_ok "flowgate --version exits 0" "$FG" --version
expect_eq "flowgate --version prints flowgate X.Y.Z" "$(cat "$LAST_OUT")" "flowgate $want_version"
for h in pre-commit commit-msg pre-push post-merge pre-receive update; do
	expect_ok "$h --version exits 0" "$FLOWGATE_BUILD/hooks/$h" --version
	expect_eq "$h --version prints flowgate X.Y.Z" "$(cat "$LAST_OUT")" "flowgate $want_version"
done
expect_status "flowgate --version takes no argument" 2 "$FG" --version x
