# End-to-end tests of the configuration layers with the real git and the
# hooks installed by install.sh: another project's layout through a committed
# .flowgate (version files, branch kinds, types, scopes, header length,
# commit.ignore, tags), the precedence defaults < .flowgate < git config <
# FLOWGATE_SKIP, where .flowgate is read from (index, pushed commit,
# flowgate.configFile), flowgate.since, and every bad configuration (exit 4,
# one line). Run: FLOWGATE_BUILD=/abs/build bash tests/e2e/test_config.sh

. "$(dirname "$0")/lib.sh"

export GIT_EDITOR=true GIT_MERGE_AUTOEDIT=no
unset FLOWGATE_SKIP
ZERO=0000000000000000000000000000000000000000

# setup NAME: $TMP/NAME with the hooks installed by install.sh, origin
# $TMP/NAME-origin.git, one commit on main; cd there and set R and ORIGIN.
setup() {
	R=$TMP/$1 ORIGIN=$TMP/$1-origin.git
	new_repo "$R"
	new_origin "$ORIGIN"
	git -C "$R" remote add origin "$ORIGIN"
	install_flowgate "$R" || not_ok "$1: install.sh"
	commit_file "$R" README.md "# $1" 'chore: initial commit' >/dev/null 2>&1 ||
		not_ok "$1: setup commit"
	cd "$R" || exit 1
}

# put FILE CONTENT: write CONTENT (printf %s, newline added), not staged.
put() {
	mkdir -p "$(dirname "$1")"
	printf '%s\n' "$2" >"$1"
}
# stage FILE CONTENT: write and stage.
stage() { put "$1" "$2" && git add -- "$1"; }
# change: modify notes.txt and stage it.
NCHANGE=0
change() {
	NCHANGE=$((NCHANGE + 1))
	printf 'change %s\n' "$NCHANGE" >>notes.txt
	git add notes.txt
}

origin_ref() { git --git-dir="$ORIGIN" rev-parse -q --verify "$1"; }

# header N: a valid header of exactly N characters.
header() { printf 'fix: %s' "$(printf 'x%.0s' $(seq $(($1 - 5))))"; }

# commit_ok NAME MESSAGE: a change committed with MESSAGE is accepted.
commit_ok() {
	change
	expect_ok "$1" git commit -q -m "$2"
}

# commit_refused NAME RULE MESSAGE [HOOK]: a change committed with MESSAGE is
# refused, RULE is named as an error by HOOK (default commit-msg), and no
# commit is made. The change stays staged.
commit_refused() {
	change
	local before
	before=$(head_oid)
	expect_fail "$1" git commit -q -m "$3"
	expect_output "$1: names $2" "^flowgate ${4:-commit-msg}: error: $2:"
	expect_eq "$1: no commit" "$(head_oid)" "$before"
}

# push_refused NAME RULE REFSPEC...: git push is refused naming RULE.
push_refused() {
	local name=$1 rule=$2
	shift 2
	expect_fail "$name" git push origin "$@"
	expect_output "$name: names $rule" "^flowgate pre-push: error: $rule:"
}

# pre_push LOCAL REMOTE: run the installed pre-push hook by hand, as git
# would for pushing LOCAL (a ref or revision) to REMOTE, a new ref.
pre_push() {
	printf '%s %s %s %s\n' "$1" "$(git rev-parse "$1")" "$2" "$ZERO" |
		.git/hooks/pre-push origin "$ORIGIN"
}

# expect_bad_config NAME HOOK PREFIX PROBLEM CMD...: CMD (a hook run by hand)
# exits 4 (post-merge: 0) and prints exactly one line, which starts with
# "flowgate HOOK: error: bad configuration: PREFIX" (literal: origin and
# key; ignoring case, as git config keys do) and goes on to match the
# extended regex PROBLEM.
expect_bad_config() {
	local name=$1 hook=$2 prefix=$3 problem=$4 want=4 got line lines head lower
	shift 4
	[ "$hook" = post-merge ] && want=0
	"$@" >"$LAST_OUT" 2>&1
	got=$?
	line=$(head -n 1 "$LAST_OUT")
	lines=$(wc -l <"$LAST_OUT")
	head="flowgate $hook: error: bad configuration: $prefix"
	if [ "$got" -ne "$want" ]; then
		not_ok "$name (exit $got, want $want)"
	elif [ "$lines" -ne 1 ]; then
		not_ok "$name ($lines lines, want 1)"
	elif lower=${line,,} && [ "${lower#"${head,,}"}" = "$lower" ]; then
		not_ok "$name (does not start with '$head')"
	elif ! printf '%s\n' "${line:${#head}}" | grep -Eq -- "$problem"; then
		not_ok "$name (no match for /$problem/)"
	else
		ok "$name"
	fi
}

# bad_flowgate NAME PREFIX PROBLEM CONTENT: CONTENT (a line is added) staged
# as .flowgate makes pre-commit report PREFIX (after ".flowgate (index): ")
# and PROBLEM; then .flowgate is restored.
bad_flowgate() {
	printf '%s\n' "$4" >.flowgate
	git add .flowgate
	expect_bad_config "bad config: $1" pre-commit ".flowgate (index): $2" "$3" .git/hooks/pre-commit
	git checkout -q HEAD -- .flowgate
}

# The .flowgate sections used below.
PY_FILE='[versionFile "pyproject.toml"]
	pattern = "(?m)^version = \"([^\"]+)\""
	required = true'
JS_FILE='[versionFile "package.json"]
	pattern = "\"version\": *\"([^\"]+)\""'
VERSION_FILE='[versionFile "VERSION"]
	kind = exact'
BRANCHES='[branch "main"]
	protected = true
[branch "develop"]
	pattern = ^develop$
[branch "release"]
	pattern = "^release/(\\d+)\\.(\\d+)$"
	series = true
[branch "feature"]
	pattern = "^feature/[a-z0-9-]+$"'
COMMITS='[rule "typeEnum"]
	types = feat fix deps
[rule "scopeEnum"]
	scopes = api cli
[rule "headerMaxLength"]
	max = 50
[commit]
	ignore = "^Bump \\S+ from \\S+ to \\S+$"'
TAGS='[tag]
	prefix = release-
	messagePrefixes = ship: hotfix:'

pyproject() { printf '[project]\nname = "demo"\nversion = "%s"\n' "$1" >pyproject.toml; }
package_json() { printf '{\n  "name": "demo",\n  "version": "%s"\n}\n' "$1" >package.json; }

# ========================================================= another project's layout
setup proj
# The layouts set their releases straight on main: what is tested is where
# the version is read from (versionReleaseBranch, an error, is a warning here).
git config flowgate.versionReleaseBranch warn

# (a) a Python project: the version is in pyproject.toml
put .flowgate "$PY_FILE"
pyproject 1.4.0
git add .flowgate pyproject.toml
expect_ok "python: .flowgate with pyproject.toml version = \"1.4.0\" is accepted" \
	git commit -q -m 'build: adopt flowgate'
pyproject 1.4 && git add pyproject.toml
commit_refused "python: version = \"1.4\" is refused" versionFormat 'build: 1.4' pre-commit
expect_output "python: versionFormat names pyproject.toml and 1.4" "versionFormat: pyproject\.toml.*'1\.4'"
pyproject 1.5.0-dev && git add pyproject.toml
expect_ok "python: version = \"1.5.0-dev\" is accepted" git commit -q -m 'build: 1.5.0-dev'
stage half_orm/version.txt 'not a version'
expect_ok "python: the built-in half_orm/version.txt is no longer a version file" \
	git commit -q -m 'chore: unrelated version.txt'
git rm -q half_orm/version.txt && git commit -q -m 'chore: drop version.txt'
printf '[project]\nname = "demo"\n' >pyproject.toml && git add pyproject.toml
commit_refused "python: required pyproject.toml without a version line is refused" \
	versionFormat 'build: no version' pre-commit
expect_output "python: the refusal says the pattern finds no version" 'pyproject\.toml holds no version'
pyproject 1.5.0 && git add pyproject.toml
git commit -q -m 'build: 1.5.0'

# (b) a JS project: package.json
put .flowgate "$JS_FILE"
package_json 2.0.0-rc1
git add .flowgate package.json
expect_ok "js: .flowgate with package.json \"version\": \"2.0.0-rc1\" is accepted" \
	git commit -q -m 'build: version in package.json'
package_json 2.0.0-preview && git add package.json
commit_refused "js: \"version\": \"2.0.0-preview\" is refused" versionFormat 'build: preview' pre-commit
expect_output "js: versionFormat names package.json" 'versionFormat: package\.json'
package_json 2.0.0 && git add package.json
expect_ok "js: \"version\": \"2.0.0\" is accepted (pyproject.toml 1.5.0 is not a version file now)" \
	git commit -q -m 'build: 2.0.0'

# (c) a VERSION file, the whole file
put .flowgate "$VERSION_FILE"
put VERSION ' 3.1.0 '
git add .flowgate VERSION
expect_ok "VERSION: whole file ' 3.1.0 ' (trimmed) is accepted" git commit -q -m 'build: VERSION file'
stage VERSION 3.1
commit_refused "VERSION: '3.1' is refused" versionFormat 'build: 3.1' pre-commit
stage VERSION 3.1.0
git commit -q -m 'build: 3.1.0'

# (a)+(b)+(c) combined: the three must agree
printf '%s\n%s\n%s\n' "$PY_FILE" "$JS_FILE" "$VERSION_FILE" >.flowgate
pyproject 3.1.0 && package_json 3.1.0
git add .flowgate pyproject.toml package.json
expect_ok "combined: pyproject.toml, package.json and VERSION at 3.1.0 are accepted" \
	git commit -q -m 'build: one version in three files'
package_json 3.2.0 && git add package.json
commit_refused "combined: package.json 3.2.0 against 3.1.0 is refused" versionConsistency \
	'build: drift' pre-commit
expect_output "combined: versionConsistency names package.json" 'versionConsistency:.*package\.json'
package_json 3.1.0 && git add package.json
git commit -q -m 'build: back to one version'
expect_ok "layouts: main pushed" git push -q origin main
git config --unset flowgate.versionReleaseBranch

# custom branch kinds: develop, release/X.Y (series), feature
printf '%s\n%s\n%s\n%s\n' "$PY_FILE" "$JS_FILE" "$VERSION_FILE" "$BRANCHES" >.flowgate
git add .flowgate
expect_ok "branches: .flowgate declaring develop, release/X.Y, feature is accepted on main" \
	git commit -q -m 'build: our branch kinds'
git checkout -q -b develop
commit_ok "branches: commit on develop is accepted" 'feat: on develop'
git checkout -q -b dev/3.1.x
commit_refused "branches: commit on dev/3.1.x (built-in kind, not declared) is refused" \
	branchName 'feat: on dev' pre-commit
git checkout -q -b release/3.1 develop
commit_ok "branches: commit on release/3.1 with version 3.1.0 is accepted" 'fix: on release 3.1'
git checkout -q -b release/3.2 develop
commit_refused "branches: 3.1.0 on release/3.2 is refused" branchVersionSeries 'fix: x' pre-commit
git checkout -q -b release/3.1.x develop
commit_refused "branches: commit on release/3.1.x (not X.Y) is refused" branchName 'fix: x' pre-commit
git checkout -q -b feature/Upper develop
commit_refused "branches: feature/Upper (pattern [a-z0-9-]) is refused" branchName 'feat: x' pre-commit
git reset -q --hard
git checkout -q develop
expect_ok "branches: git push origin develop is accepted" git push -q origin develop
push_refused "branches: push to refs/heads/dev/3.1.x is refused" branchName develop:refs/heads/dev/3.1.x
expect_eq "branches: dev/3.1.x is not on origin" "$(origin_ref refs/heads/dev/3.1.x)" ""
push_refused "branches: push of release/3.2 is refused" branchVersionSeries release/3.2:refs/heads/release/3.2
git checkout -q main
git merge -q --ff-only develop >/dev/null 2>&1
git branch -q -D dev/3.1.x release/3.2 release/3.1.x feature/Upper
# post-merge names the configured release branch and the branch merged into
expect_ok "branches: git merge --no-ff release/3.1 exits 0" git merge --no-ff release/3.1
expect_output "branches: post-merge names release/3.1 (not release/3.1.x) and 3.2.0-dev" \
	'nextStep: release/3\.1 is merged into main; next, main moves to 3\.2\.0-dev'
expect_output "branches: its hint gives the bump command for 3.2.0-dev" \
	'^hint: flowgate bump dev --commit \(writes 3\.2\.0-dev in every version file'

# custom types, scopes, header length, commit.ignore
printf '%s\n%s\n%s\n%s\n%s\n' "$PY_FILE" "$JS_FILE" "$VERSION_FILE" "$BRANCHES" "$COMMITS" >.flowgate
git add .flowgate
expect_ok "commits: .flowgate with types feat fix deps is committed under them" \
	git commit -q -m 'deps: our types, scopes and limits'
commit_ok "commits: 'deps: update the lock file' (custom type) is accepted" 'deps: update the lock file'
commit_refused "commits: 'chore: x' (not a custom type) is refused" typeEnum 'chore: x'
commit_ok "commits: 'feat(api): x' (custom scope) is accepted" 'feat(api): x'
commit_refused "commits: 'feat(gui): x' (not a custom scope) is refused" scopeEnum 'feat(gui): x'
commit_ok "commits: 'feat: x' (no scope) is accepted" 'feat: x'
commit_ok "commits: 50-character header (max = 50) is accepted" "$(header 50)"
commit_refused "commits: 51-character header (max = 50) is refused" headerMaxLength "$(header 51)"
commit_ok "commits: dependabot 'Bump lodash from 4.17.20 to 4.17.21' (commit.ignore) is accepted" \
	'Bump lodash from 4.17.20 to 4.17.21'
commit_refused "commits: 'Bump lodash' (not matching commit.ignore) is refused" headerFormat 'Bump lodash'
git reset -q --hard
expect_ok "commits: push of the custom-type, ignored and scoped commits is accepted" git push -q origin main
change && git commit -q --no-verify -m 'chore: sneaked in'
sneaked=$(git rev-parse --short=12 HEAD)
push_refused "commits: push of a 'chore:' commit is refused by pre-push" typeEnum main
expect_output "commits: pre-push names the 'chore:' commit" "typeEnum: commit $sneaked"
git commit -q --amend -m "$(header 51)" --no-verify
push_refused "commits: push of a 51-character header is refused by pre-push" headerMaxLength main
git commit -q --amend -m 'Bump requests from 2.31.0 to 2.32.0' --no-verify
expect_ok "commits: push of a dependabot header is accepted (commit.ignore on pre-push)" git push -q origin main

# custom tag prefix and message prefixes
printf '%s\n%s\n%s\n%s\n%s\n%s\n' "$PY_FILE" "$JS_FILE" "$VERSION_FILE" "$BRANCHES" "$COMMITS" "$TAGS" >.flowgate
git add .flowgate
git commit -q -m 'deps: our tags'
git push -q origin main
git branch -f release/3.1
git tag -a release-3.1.0 -m 'ship: 3.1.0'
expect_ok "tags: annotated release-3.1.0 'ship: 3.1.0' is accepted" git push -q origin release-3.1.0
expect_eq "tags: release-3.1.0 landed" "$(origin_ref refs/tags/release-3.1.0)" "$(git rev-parse release-3.1.0)"
git tag -a v3.1.0 -m 'ship: 3.1.0'
push_refused "tags: v3.1.0 (default prefix, not ours) is refused" tagFormat v3.1.0
git tag -a release-3.1.0-rc1 -m 'release: 3.1.0-rc1'
push_refused "tags: message 'release: ...' (not in messagePrefixes) is refused" tagMessage release-3.1.0-rc1
git tag -a release-3.2.0 -m 'hotfix: 3.2.0'
push_refused "tags: release-3.2.0 on a 3.1.0 commit is refused" tagVersionMatch release-3.2.0
git tag release-3.1.1
push_refused "tags: lightweight release-3.1.1 is refused" tagAnnotated release-3.1.1
git tag -d v3.1.0 release-3.1.0-rc1 release-3.2.0 release-3.1.1 >/dev/null

# ============================================================== precedence
# .flowgate now sets types = feat fix deps: 'chore: ...' is a typeEnum error.
commit_refused "precedence: default severity error refuses 'chore: p'" typeEnum 'chore: p'
printf '[rule "typeEnum"]\n\tseverity = warn\n' >>.flowgate
git add .flowgate
expect_ok "precedence: .flowgate severity = warn, committed with 'chore:', is accepted" \
	git commit -q -m 'chore: typeEnum only warns'
expect_output "precedence: .flowgate warn prints warning: typeEnum" '^flowgate commit-msg: warning: typeEnum:'
expect_no_output "precedence: .flowgate warn prints no refusal" 'refused|error:'
git config --global flowgate.typeEnum error
commit_refused "precedence: global git config error beats .flowgate warn" typeEnum 'chore: p2'
git config flowgate.typeEnum warn
expect_ok "precedence: local git config warn beats global error" git commit -q -m 'chore: p3'
expect_output "precedence: local warn prints warning: typeEnum" '^flowgate commit-msg: warning: typeEnum:'
printf 'chore: by hand\n' >"$TMP/chore-msg"
expect_status "precedence: commit-msg with a warning exits 0" 0 .git/hooks/commit-msg "$TMP/chore-msg"
expect_output "precedence: commit-msg by hand prints warning: typeEnum" '^flowgate commit-msg: warning: typeEnum:'
git config flowgate.typeEnum off
commit_ok "precedence: local git config off is accepted" 'chore: p4'
expect_no_output "precedence: off prints nothing" 'typeEnum'
expect_eq "precedence: off prints nothing at all" "$(wc -c <"$LAST_OUT")" 0
git config flowgate.typeEnum error
commit_refused "precedence: local git config error beats .flowgate warn" typeEnum 'chore: p5'
change
expect_ok "precedence: FLOWGATE_SKIP=typeEnum beats local error" env FLOWGATE_SKIP=typeEnum git commit -q -m 'chore: p5'
expect_no_output "precedence: FLOWGATE_SKIP prints nothing about typeEnum" 'typeEnum'
change
expect_ok "precedence: FLOWGATE_SKIP='headerFormat, typeEnum' lets 'update stuff' through" \
	env FLOWGATE_SKIP='headerFormat, typeEnum' git commit -q -m 'update stuff'
change
expect_ok "precedence: FLOWGATE_SKIP=headerMaxLength,typeEnum lets a 60-character chore through" \
	env FLOWGATE_SKIP=headerMaxLength,typeEnum git commit -q -m "chore: $(header 53)"
# pre-push: the same layers, over the pushed tip's .flowgate (typeEnum warn)
push_refused "precedence: pre-push: local git config error beats the pushed .flowgate's warn" typeEnum main
expect_output "precedence: pre-push also names headerFormat ('update stuff')" '^flowgate pre-push: error: headerFormat:'
expect_fail "precedence: pre-push: FLOWGATE_SKIP=headerFormat,headerMaxLength alone still refuses (typeEnum error)" \
	env FLOWGATE_SKIP=headerFormat,headerMaxLength git push origin main
expect_output "precedence: pre-push: the remaining error is typeEnum" '^flowgate pre-push: error: typeEnum:'
git config --unset flowgate.typeEnum
expect_fail "precedence: pre-push: global error still beats the pushed .flowgate's warn" \
	env FLOWGATE_SKIP=headerFormat,headerMaxLength git push origin main
git config flowgate.typeEnum warn
expect_ok "precedence: pre-push: local warn + FLOWGATE_SKIP=headerFormat,headerMaxLength is accepted" \
	env FLOWGATE_SKIP=headerFormat,headerMaxLength git push -q origin main
expect_output "precedence: pre-push prints warning: typeEnum" '^flowgate pre-push: warning: typeEnum:'
expect_no_output "precedence: pre-push prints nothing about the skipped rules" 'headerFormat|headerMaxLength'
expect_eq "precedence: main landed" "$(origin_ref refs/heads/main)" "$(git rev-parse main)"
git config --unset flowgate.typeEnum
git config --global --unset flowgate.typeEnum
# pre-commit: flowgate.branchName
git checkout -q -b Bad_Branch
commit_refused "precedence: commit on Bad_Branch is refused by default" branchName 'feat: x' pre-commit
git config flowgate.branchName warn
expect_ok "precedence: flowgate.branchName warn accepts Bad_Branch" git commit -q -m 'feat: x'
expect_output "precedence: branchName warn prints warning: branchName" '^flowgate pre-commit: warning: branchName:'
git config flowgate.branchName off
commit_ok "precedence: flowgate.branchName off accepts Bad_Branch" 'feat: y'
expect_eq "precedence: branchName off prints nothing" "$(wc -c <"$LAST_OUT")" 0
git config --unset flowgate.branchName
change
expect_ok "precedence: FLOWGATE_SKIP=branchName accepts Bad_Branch" env FLOWGATE_SKIP=branchName git commit -q -m 'feat: z'
git checkout -q main
git branch -q -D Bad_Branch

# ================================================ where the rules are read from
# .flowgate on main says headerMaxLength max = 50.
h60=$(header 60)
git checkout -q -b feature/rules main
sed 's/max = 50/max = 100/' .flowgate >"$TMP/relaxed.flowgate"
cp "$TMP/relaxed.flowgate" .flowgate
commit_refused "index: an unstaged edit of .flowgate (max = 100) has no effect on commit-msg" \
	headerMaxLength "$h60"
git add .flowgate
expect_ok "index: the same edit staged applies to the commit that stages it" git commit -q -m "$h60"
sed -i 's/max = 100/max = 20/' .flowgate
git add .flowgate
commit_refused "index: a staged max = 20 refuses the commit that stages it" headerMaxLength 'fix: twenty-one chars'
git checkout -q HEAD -- .flowgate
printf '[rule "headerMaxLength"\n' >.flowgate
commit_ok "index: an unstaged broken .flowgate has no effect" 'fix: unstaged broken .flowgate'
expect_no_output "index: an unstaged broken .flowgate prints nothing" 'configuration'
git checkout -q HEAD -- .flowgate
printf '[branch "topic"]\n\tpattern = "^topic/[a-z]+$"\n' >>.flowgate
git checkout -q -b topic/x
commit_refused "index: an unstaged [branch \"topic\"] has no effect on pre-commit" branchName 'feat: x' pre-commit
git add .flowgate
expect_ok "index: the staged [branch \"topic\"] lets its own commit on topic/x through" git commit -q -m 'feat: x'
git checkout -q feature/rules
git branch -q -D topic/x
sed -i 's/max = 100/max = 40/' .flowgate
change
expect_ok "index: commit -a commits the unstaged .flowgate edit (max = 40) with a 30-character header" \
	git commit -q -a -m "$(header 30)"
expect_eq "index: commit -a committed max = 40" "$(git show HEAD:.flowgate | grep -c 'max = 40')" 1
change
expect_fail "index: commit -a with max = 40 refuses a 45-character header" git commit -q -a -m "$(header 45)"
expect_output "index: commit -a refusal names headerMaxLength" 'error: headerMaxLength:'
sed -i 's/max = 40/max = 100/' .flowgate
git add .flowgate
change
expect_fail "index: commit <path> leaves the staged .flowgate out: HEAD's max = 40 applies" \
	git commit -q -m "$(header 45)" notes.txt
expect_output "index: commit <path> refusal names headerMaxLength" 'error: headerMaxLength:'
expect_ok "index: a plain commit takes the staged .flowgate (max = 100)" git commit -q -m "$(header 45)"

# pre-push: the rules of the pushed commit
git checkout -q -b feature/relaxed main
cp "$TMP/relaxed.flowgate" .flowgate
git add .flowgate
git commit -q -m "$h60"
relaxed=$(git rev-parse --short=12 HEAD)
git checkout -q main
expect_eq "push: the work tree .flowgate says max = 50" "$(grep -c 'max = 50' .flowgate)" 1
expect_ok "push: feature/relaxed (its .flowgate: max = 100) with a 60-character header is accepted" \
	git push -q origin feature/relaxed
git checkout -q -b feature/strict main
change && git commit -q --no-verify -m "$h60"
strict=$(git rev-parse --short=12 HEAD)
cp "$TMP/relaxed.flowgate" .flowgate
git add .flowgate
push_refused "push: feature/strict is checked by its commit's .flowgate (max = 50), not the index's" \
	headerMaxLength feature/strict
git checkout -q HEAD -- .flowgate
git checkout -q feature/relaxed
change && git commit -q -m "$h60"
relaxed2=$(git rev-parse --short=12 HEAD)
push_refused "push: feature/relaxed and feature/strict in one push: each tip's rules" \
	headerMaxLength feature/relaxed feature/strict
expect_output "push: the strict commit is named ($strict)" "headerMaxLength: commit $strict"
expect_no_output "push: the relaxed commits are not named ($relaxed, $relaxed2)" "$relaxed|$relaxed2"
git checkout -q -b feature/shared-a main
change && git commit -q --no-verify -m 'bad shared commit'
shared=$(git rev-parse --short=12 HEAD)
printf '# tip a\n' >>.flowgate && git add .flowgate && git commit -q -m 'fix: rules of tip a'
git checkout -q -b feature/shared-b HEAD~1
printf '# tip b\n' >>.flowgate && git add .flowgate && git commit -q -m 'fix: rules of tip b'
push_refused "push: two tips with different .flowgate files sharing a bad commit" headerFormat \
	feature/shared-a feature/shared-b
expect_eq "push: the shared bad commit is reported once" "$(grep -c "headerFormat: commit $shared" "$LAST_OUT")" 1
git checkout -q main
git branch -q -D feature/strict feature/shared-a feature/shared-b

# flowgate.configFile: a relative path, read like .flowgate (index, pushed commit)
git config flowgate.configFile ci/flowgate.cfg
mkdir -p ci
printf '[rule "headerMaxLength"]\n\tmax = 30\n' >ci/flowgate.cfg
git add ci/flowgate.cfg
expect_ok "configFile: committing ci/flowgate.cfg under its own rules is accepted" \
	git commit -q -m 'feat: add ci/flowgate.cfg'
commit_refused "configFile: its max = 30 refuses 31 characters (.flowgate says 50)" headerMaxLength "$(header 31)"
commit_refused "configFile: .flowgate is not read: 'deps:' is not a default type" typeEnum 'deps: x'
printf '[rule "headerMaxLength"]\n\tmax = 100\n' >ci/flowgate.cfg
commit_refused "configFile: an unstaged edit of ci/flowgate.cfg has no effect" headerMaxLength "$h60"
git add ci/flowgate.cfg
expect_ok "configFile: the staged edit applies" git commit -q -m "$h60"
git config flowgate.configFile ./ci//flowgate.cfg
commit_ok "configFile: './ci//flowgate.cfg' names ci/flowgate.cfg (max = 100, not the default 72)" \
	"$(header 80)"
git config flowgate.configFile ci/flowgate.cfg
expect_ok "configFile: pre-push reads the pushed commit's ci/flowgate.cfg (max = 100)" git push -q origin main
change && git commit -q --no-verify -m 'deps: not a default type'
push_refused "configFile: pre-push refuses 'deps:' (ci/flowgate.cfg keeps the default types)" typeEnum main
git reset -q --hard HEAD~1
# an absolute path: read from the file system, no staging
git config flowgate.configFile "$TMP/abs.cfg"
printf '[rule "typeEnum"]\n\ttypes = feat\n' >"$TMP/abs.cfg"
commit_refused "configFile: absolute $TMP/abs.cfg (types = feat) refuses 'fix:'" typeEnum 'fix: x'
printf '[rule "typeEnum"]\n\ttypes = feat fix\n' >"$TMP/abs.cfg"
commit_ok "configFile: an edit of the absolute file applies at once" 'fix: x'
change && git commit -q --no-verify -m 'chore: not in abs.cfg'
push_refused "configFile: pre-push reads the absolute file too" typeEnum main
git reset -q --hard HEAD~1
cp "$TMP/abs.cfg" "$HOME/flowgate.cfg"
printf '[rule "typeEnum"]\n\ttypes = feat\n' >"$HOME/flowgate.cfg"
git config flowgate.configFile '~/flowgate.cfg'
commit_refused "configFile: ~/flowgate.cfg is read from HOME" typeEnum 'fix: y'
git config --unset flowgate.configFile
commit_ok "configFile: unset, .flowgate applies again ('deps:')" 'deps: back to .flowgate'
git push -q origin main

# ============================================================ flowgate.since
# A project adopting flowgate: its history has headers flowgate refuses.
R=$TMP/legacy ORIGIN=$TMP/legacy-origin.git
new_repo "$R"
new_origin "$ORIGIN"
git -C "$R" remote add origin "$ORIGIN"
cd "$R" || exit 1
for m in 'initial import' 'wip' 'More stuff'; do
	change && git commit -q -m "$m"
done
old1=$(git rev-parse --short=12 HEAD~2) old2=$(git rev-parse --short=12 HEAD~1) old3=$(git rev-parse --short=12 HEAD)
install_flowgate "$R" || not_ok "legacy: install.sh"
change
expect_ok "since: the first commit under flowgate is accepted" git commit -q -m 'chore: adopt flowgate'
git tag adopted
push_refused "since: absent, pushing the new branch main is refused" headerFormat main
expect_output "since: absent, the oldest bad commit is named ($old1)" "headerFormat: commit $old1"
expect_output "since: absent, the newest bad commit is named ($old3)" "headerFormat: commit $old3"
expect_eq "since: main is not on origin" "$(origin_ref refs/heads/main)" ""
git config flowgate.since "$old2"
push_refused "since: git config flowgate.since = the middle bad commit: the one after it is still checked" headerFormat main
expect_output "since: the commit after since is named ($old3)" "headerFormat: commit $old3"
expect_no_output "since: the since commit and its ancestors are not named ($old1, $old2)" "$old1|$old2"
git config flowgate.since "$old3"
expect_ok "since: git config flowgate.since = the last legacy commit: it is legacy too, the push is accepted" git push -q origin main
expect_eq "since: main landed with its legacy history" "$(origin_ref refs/heads/main)" "$(git rev-parse main)"
# back to a remote without main, for the cases below
git --git-dir="$ORIGIN" update-ref -d refs/heads/main
git update-ref -d refs/remotes/origin/main
git config --unset flowgate.since
printf '[flowgate]\n\tsince = adopted\n' >.flowgate
git add .flowgate
git commit -q -m 'chore: check the history from the adopted tag'
expect_ok "since: .flowgate since = adopted (after the bad commits): the push is accepted" git push -q origin main
expect_eq "since: main landed" "$(origin_ref refs/heads/main)" "$(git rev-parse main)"
git checkout -q -b feature/late
change && git commit -q --no-verify -m 'late bad commit'
late=$(git rev-parse --short=12 HEAD)
push_refused "since: a bad commit after since is refused" headerFormat feature/late
expect_output "since: the late bad commit is named ($late)" "headerFormat: commit $late"
git checkout -q main
git config flowgate.since no-such-tag
expect_bad_config "since: git config flowgate.since naming no commit (beats .flowgate's)" pre-push \
	"git config (local): flowgate.since: " "'no-such-tag' names no commit" pre_push main refs/heads/feature/x
git config --unset flowgate.since

# ======================================================= bad configuration
R=$TMP/proj ORIGIN=$TMP/proj-origin.git
cd "$R" || exit 1
git checkout -q main
git status --porcelain | grep -q . && not_ok "bad config: proj is clean before the bad configurations"

# .flowgate (index), each case by pre-commit run by hand
bad_flowgate "commit.ignore '(abc': invalid regex with PCRE2's offset" 'commit.ignore: ' \
	"^invalid regular expression at offset 4: missing closing parenthesis; " \
	$'[commit]\n\tignore = "(abc"'
bad_flowgate "branch pattern '^release/[0-9': invalid regex with PCRE2's offset" 'branch.release.pattern: ' \
	"^invalid regular expression at offset 13: missing terminating \] for character class; " \
	$'[branch "release"]\n\tpattern = ^release/[0-9'
bad_flowgate "versionFile pattern without a group" 'versionFile.VERSION.pattern: ' \
	"^the pattern has 0 capture groups, needs 1 \(group 1 is the version\)" \
	$'[versionFile "VERSION"]\n\tpattern = version'
bad_flowgate "series branch pattern with one group" 'branch.release.pattern: ' \
	"^the pattern has 1 capture group, needs 2 \(groups 1 and 2 are the X\.Y series; or set series = false\)" \
	$'[branch "release"]\n\tpattern = ^release/([0-9]+)$\n\tseries = true'
bad_flowgate "a new branch kind without a pattern" 'branch.stable.pattern: ' "^missing; " \
	$'[branch "stable"]\n\tprotected = true'
bad_flowgate "unknown section [foo]" 'foo.bar: ' "^unknown key; the sections are" $'[foo]\n\tbar = 1'
bad_flowgate "unknown key in [rule \"typeEnum\"]" 'rule.typeEnum.color: ' \
	"^unknown key; this rule takes severity and types" $'[rule "typeEnum"]\n\tcolor = red'
bad_flowgate "unknown key in [tag]" 'tag.sign: ' "^unknown key; " $'[tag]\n\tsign = true'
bad_flowgate "a rule severity in [flowgate]" 'flowgate.typeenum: ' "^unknown key; .*\[rule" \
	$'[flowgate]\n\ttypeEnum = off'
bad_flowgate "unknown rule name" 'rule.noSuchRule.severity: ' "^no rule is named 'noSuchRule'" \
	$'[rule "noSuchRule"]\n\tseverity = off'
bad_flowgate "unknown severity" 'rule.typeEnum.severity: ' "^unknown severity 'fatal'; write error, warn, info or off" \
	$'[rule "typeEnum"]\n\tseverity = fatal'
for n in 0 ten -5 1000001; do
	bad_flowgate "bad number max = $n" 'rule.headerMaxLength.max: ' "^'$n' is not a positive whole number" \
		$'[rule "headerMaxLength"]\n\tmax = '"$n"
done
bad_flowgate "bad number for bodyMaxLineLength" 'rule.bodyMaxLineLength.max: ' "^'' is not a positive whole number" \
	$'[rule "bodyMaxLineLength"]\n\tmax ='
bad_flowgate "bad boolean versionFile required" 'versionFile.VERSION.required: ' "^'maybe' is not a boolean" \
	$'[versionFile "VERSION"]\n\trequired = maybe'
bad_flowgate "bad boolean branch series" 'branch.release.series: ' "^'sometimes' is not a boolean" \
	$'[branch "release"]\n\tseries = sometimes'
bad_flowgate "bad boolean tag allowLightweight" 'tag.allowlightweight: ' "^'perhaps' is not a boolean" \
	$'[tag]\n\tallowLightweight = perhaps'
bad_flowgate "bad kind" 'versionFile.VERSION.kind: ' "^unknown kind 'fuzzy'; write exact or series" \
	$'[versionFile "VERSION"]\n\tkind = fuzzy'
bad_flowgate "versionFile outside the work tree" 'versionFile.../VERSION.kind: ' "is not a path inside the work tree" \
	$'[versionFile "../VERSION"]\n\tkind = exact'
bad_flowgate "empty list of types" 'rule.typeEnum.types: ' "^the list of types is empty" \
	$'[rule "typeEnum"]\n\ttypes ='
bad_flowgate "tag prefix git refuses" 'tag.prefix: ' "^'v:' cannot start a tag name" $'[tag]\n\tprefix = v:'
bad_flowgate "empty flowgate.since" 'flowgate.since: ' "^empty revision" $'[flowgate]\n\tsince ='
bad_flowgate "syntax error on line 3: unclosed section header" 'line 3: not valid git-config syntax: ' \
	"section header; fix the file" $'[rule "typeEnum"]\n\ttypes = feat\n[rule "typeEnum"'
bad_flowgate "syntax error on line 4: invalid escape" 'line 4: not valid git-config syntax: ' "escape" \
	$'# a comment\n[commit]\n\n\tignore = ^Bump \\d+'
{
	printf '[rule "typeEnum"]\n\ttypes = feat\n'
	head -c 1100000 /dev/zero | tr '\0' '#'
	printf '\n'
} >.flowgate
git add .flowgate
expect_bad_config "bad config: .flowgate over 1 MiB" pre-commit ".flowgate (index): " \
	"^the file is 1100033 bytes, more than 1048576" .git/hooks/pre-commit
printf '[rule "typeEnum"]\n\ttypes = feat\0fix\n' >.flowgate
git add .flowgate
expect_bad_config "bad config: NUL byte in .flowgate" pre-commit ".flowgate (index): " \
	"^the file holds a NUL byte" .git/hooks/pre-commit
rm .flowgate
ln -s README.md .flowgate
git add .flowgate
expect_bad_config "bad config: symlinked .flowgate" pre-commit ".flowgate (index): " \
	"^not a regular file \(.*symbolic link" .git/hooks/pre-commit
git rm -q --cached .flowgate
rm .flowgate
mkdir .flowgate
put .flowgate/x '[rule "typeEnum"]'
git add .flowgate/x
expect_bad_config "bad config: a directory .flowgate (as pre-push would find it)" pre-commit ".flowgate (index): " \
	"^not a regular file \(a directory" .git/hooks/pre-commit
git rm -rq --cached .flowgate
rm -r .flowgate
git checkout -q HEAD -- .flowgate
expect_eq "bad config: .flowgate is back to a plain file" "$(git ls-files -s .flowgate | cut -c1-6)" 100644

# the match limit, at match time: a version file, a header, a branch name
a40=$(printf 'a%.0s' $(seq 40))
printf '[versionFile "VERSION"]\n\tpattern = "(a+)+$"\n' >.flowgate
put VERSION "$a40!"
git add .flowgate VERSION
expect_bad_config "bad config: versionFile pattern (a+)+\$ on 40 a and '!' reaches the match limit" \
	pre-commit ".flowgate (index): versionFile.VERSION.pattern: " "^reached PCRE2's match limit on VERSION" \
	.git/hooks/pre-commit
git checkout -q HEAD -- .flowgate VERSION
printf '[commit]\n\tignore = "(a+)+$"\n' >.flowgate
git add .flowgate
printf '%s!\n' "$a40" >"$TMP/aaa-msg"
expect_bad_config "bad config: commit.ignore (a+)+\$ on the header 40 a and '!' reaches the match limit" \
	commit-msg ".flowgate (index): commit.ignore: " "^pattern '\(a\+\)\+\\$' reached PCRE2's match limit" \
	.git/hooks/commit-msg "$TMP/aaa-msg"
printf '[branch "main"]\n\tpattern = "^(a+)+$"\n' >.flowgate
git add .flowgate
git checkout -q -b "$a40!"
expect_bad_config "bad config: branch pattern (a+)+\$ on the branch 40 a and '!' reaches the match limit" \
	pre-commit ".flowgate (index): branch.main.pattern: " "^reached PCRE2's match limit on branch name" \
	.git/hooks/pre-commit
git checkout -q main
git branch -q -D "$a40!"
git checkout -q HEAD -- .flowgate

# the other hooks, and git itself
printf '[rule "typeEnum"]\n\tseverity = fatal\n' >.flowgate
git add .flowgate
printf 'feat: fine\n' >"$TMP/ok-msg"
expect_bad_config "bad config: commit-msg reports .flowgate (index)" commit-msg \
	".flowgate (index): rule.typeEnum.severity: " "^unknown severity 'fatal'" .git/hooks/commit-msg "$TMP/ok-msg"
before=$(head_oid)
change
expect_fail "bad config: git commit is refused" git commit -q -m 'feat: fine'
expect_output "bad config: git commit shows the bad configuration line" \
	"^flowgate pre-commit: error: bad configuration: \.flowgate \(index\): rule\.typeEnum\.severity: "
expect_eq "bad config: no commit made" "$(head_oid)" "$before"
git commit -q --no-verify -m 'chore: a bad .flowgate'
bad_commit=$(git rev-parse --short=12 HEAD)
expect_bad_config "bad config: pre-push reports .flowgate (commit <12 hex>)" pre-push \
	".flowgate (commit $bad_commit): rule.typeEnum.severity: " "^unknown severity 'fatal'" \
	pre_push main refs/heads/main
expect_fail "bad config: git push is refused" git push origin main
expect_output "bad config: git push shows the bad configuration line" \
	"^flowgate pre-push: error: bad configuration: \.flowgate \(commit $bad_commit\)"
git tag -a release-9.9.9 -m 'ship: 9.9.9'
expect_bad_config "bad config: pre-push of a tag reports the tagged commit's .flowgate" pre-push \
	".flowgate (commit $bad_commit): rule.typeEnum.severity: " "^unknown severity" \
	pre_push release-9.9.9 refs/tags/release-9.9.9
git tag -d release-9.9.9 >/dev/null
git branch -q bad-rules
git reset -q --hard HEAD~1
expect_ok "bad config: git merge --ff-only of a bad .flowgate succeeds (post-merge never blocks)" \
	git merge -q --ff-only bad-rules
expect_output "bad config: git merge shows post-merge's bad configuration line" \
	"^flowgate post-merge: error: bad configuration: \.flowgate \(HEAD\): rule\.typeEnum\.severity: "
expect_bad_config "bad config: post-merge by hand reports .flowgate (HEAD), exit 0" post-merge \
	".flowgate (HEAD): rule.typeEnum.severity: " "^unknown severity 'fatal'" .git/hooks/post-merge 0
git reset -q --hard HEAD~1
expect_ok "bad config: git merge --squash of a bad .flowgate succeeds" git merge -q --squash bad-rules
expect_bad_config "bad config: post-merge 1 (squash) reports .flowgate (index)" post-merge \
	".flowgate (index): rule.typeEnum.severity: " "^unknown severity 'fatal'" .git/hooks/post-merge 1
git reset -q --hard
git branch -q -D bad-rules

# FLOWGATE_SKIP
expect_bad_config "bad config: FLOWGATE_SKIP with an unknown name (pre-commit)" pre-commit \
	"FLOWGATE_SKIP: " "^'nope' is not a rule" env FLOWGATE_SKIP=typeEnum,nope .git/hooks/pre-commit
expect_bad_config "bad config: FLOWGATE_SKIP with an unknown name (commit-msg)" commit-msg \
	"FLOWGATE_SKIP: " "^'headerformat2' is not a rule" env FLOWGATE_SKIP=headerformat2 .git/hooks/commit-msg "$TMP/ok-msg"
expect_bad_config "bad config: FLOWGATE_SKIP with an unknown name (pre-push)" pre-push \
	"FLOWGATE_SKIP: " "^'all' is not a rule" env FLOWGATE_SKIP=all sh -c \
	'printf "refs/heads/main %s refs/heads/main %s\n" "$(git rev-parse main)" "$(git rev-parse origin/main)" | .git/hooks/pre-push origin "$1"' \
	sh "$ORIGIN"

# git config flowgate.*
git config flowgate.bogus x
expect_bad_config "bad config: git config flowgate.bogus (local)" pre-commit \
	"git config (local): flowgate.bogus: " "^no rule is named 'bogus'" .git/hooks/pre-commit
expect_bad_config "bad config: git config flowgate.bogus (commit-msg)" commit-msg \
	"git config (local): flowgate.bogus: " "^no rule is named 'bogus'" .git/hooks/commit-msg "$TMP/ok-msg"
git config --unset flowgate.bogus
git config --global flowgate.ignore '^Bump'
expect_bad_config "bad config: git config --global flowgate.ignore" pre-commit \
	"git config (global): flowgate.ignore: " "^no rule is named 'ignore'" .git/hooks/pre-commit
git config --global --unset flowgate.ignore
git config flowgate.rule.typeEnum off
expect_bad_config "bad config: git config flowgate.rule.typeEnum (a subsection)" pre-commit \
	"git config (local): flowgate.rule.typeenum: " "^unknown key" .git/hooks/pre-commit
git config --remove-section flowgate.rule
git config flowgate.typeEnum loud
expect_bad_config "bad config: git config flowgate.typeEnum = loud" pre-commit \
	"git config (local): flowgate.typeenum: " "^unknown severity 'loud'" .git/hooks/pre-commit
git config --unset flowgate.typeEnum
git config flowgate.configFile ''
expect_bad_config "bad config: git config flowgate.configFile empty" pre-commit \
	"git config (local): flowgate.configfile: " "^empty path" .git/hooks/pre-commit
git config flowgate.configFile ../outside.cfg
expect_bad_config "bad config: relative flowgate.configFile outside the work tree" pre-commit \
	"git config (local): flowgate.configFile: " "^'\.\./outside\.cfg' is not a path inside the work tree" \
	.git/hooks/pre-commit
git config flowgate.configFile "$TMP/missing.cfg"
expect_bad_config "bad config: absolute flowgate.configFile that does not exist" pre-commit \
	"git config (local): flowgate.configFile: " "$TMP/missing.cfg is not a readable file" .git/hooks/pre-commit
git config flowgate.configFile "$TMP/abs.cfg"
printf '[rule "typeEnum"]\n\tseverity = warn\n\tbogus\n' >"$TMP/abs.cfg"
expect_bad_config "bad config: absolute flowgate.configFile with an unknown key" pre-commit \
	"$TMP/abs.cfg: rule.typeEnum.bogus: " "^unknown key" .git/hooks/pre-commit
printf '[rule "typeEnum"]\n\tseverity = warn\n[rule\n' >"$TMP/abs.cfg"
expect_bad_config "bad config: absolute flowgate.configFile with a syntax error on line 3" pre-commit \
	"$TMP/abs.cfg: line 3: not valid git-config syntax: " "section header" .git/hooks/pre-commit
printf '[rule "typeEnum"]\n\tseverity = warn\0\n' >"$TMP/abs.cfg"
expect_bad_config "bad config: absolute flowgate.configFile with a NUL byte" pre-commit \
	"$TMP/abs.cfg: " "^the file holds a NUL byte" .git/hooks/pre-commit
git config --global flowgate.configFile "$TMP/missing.cfg"
git config --unset flowgate.configFile
expect_bad_config "bad config: missing flowgate.configFile set in global git config" commit-msg \
	"git config (global): flowgate.configFile: " "is not a readable file" .git/hooks/commit-msg "$TMP/ok-msg"
git config --global --unset flowgate.configFile
git config flowgate.configFile ci/flowgate.cfg
stage ci/flowgate.cfg $'[rule "typeEnum"]\n\tseverity = fatal'
expect_bad_config "bad config: relative flowgate.configFile reports ci/flowgate.cfg (index)" pre-commit \
	"ci/flowgate.cfg (index): rule.typeEnum.severity: " "^unknown severity 'fatal'" .git/hooks/pre-commit
git checkout -q HEAD -- ci/flowgate.cfg
git config --unset flowgate.configFile
expect_status "bad config: all fixed, pre-commit exits 0 again" 0 .git/hooks/pre-commit
