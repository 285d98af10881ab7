#!/bin/bash
# flowgate changelog with the real git: the notes between two tags and from
# the last one, breaking changes from '!' and from footers, the excluded
# types, the three formats, IDs as git abbreviates them, --write into a
# changelog (twice: one section; a read-only file: nothing lost), and
# flowgate bump --tag putting the notes into the tag's message, that tag
# pushed to a bare repository with flowgate's server hooks and accepted.
. "$(dirname "$0")/lib.sh"
# python3 reads the JSON documents (json.tool): installed when missing
need_tool python3 python3 || skip_all "changelog: python3 (to read the JSON output) is not installed and could not be"

FG="$FLOWGATE_BUILD/flowgate"
export GIT_EDITOR=true
fg() { (cd "$R" && "$FG" "$@"); }
# commit MESSAGE...: an empty commit with MESSAGE (-m each), one second later
commit() {
	local args=()
	tick
	for m in "$@"; do args+=(-m "$m"); done
	git -C "$R" commit -q --allow-empty "${args[@]}"
}
# short REV: REV's ID as git abbreviates it here
short() { git -C "$R" log -1 --format=%h "$1"; }

# ----------------------------------------------------------- a release history
R=$TMP/work
new_repo "$R"
cd "$R" || exit 1
tick
set_version 0.1.0-dev
git commit -q -m 'chore: start 0.1.0-dev'
git checkout -q -b release/0.1.x
commit 'feat(cli): add the --dry-run option'
commit 'fix: close the pool on error'
commit 'legacy: not a conventional header' # a type typeEnum refuses: left out
commit 'update stuff'                       # no header at all: left out
tick
expect_ok "bump release --commit --tag: exit 0" fg bump release --commit --tag
C_DRY=$(short HEAD~4) C_POOL=$(short HEAD~3)

# The first release has no tag before it: the whole history.
git cat-file tag v0.1.0 | sed '1,/^$/d' >"$TMP/tag-msg"
printf 'release: 0.1.0\n\nFeatures\n- cli: add the --dry-run option (%s)\n\nBug Fixes\n- close the pool on error (%s)\n' \
	"$C_DRY" "$C_POOL" >"$TMP/want-msg"
expect_ok "bump --tag: the first release's notes in its tag message, text format" \
	diff -u "$TMP/want-msg" "$TMP/tag-msg"

# The next release: breaking changes, excluded types, a revert.
commit 'feat!: drop the Python 3.7 support'
commit 'fix(core): read the new config file' \
	"BREAKING CHANGE: the configuration moved from setup.cfg
  to pyproject.toml, and its
  keys were renamed
Refs: #12"
commit 'chore: tidy the build'
commit 'test: cover the pool'
commit 'ci: cache the packages'
commit 'build: link statically'
commit 'style: wrap at 100'
commit 'chore!: rename the package' # excluded type, breaking: still listed
commit 'docs: the tutorial'
printf 'index cache\n' >perf.txt && git add perf.txt
commit 'perf: cache the parsed index'
tick
git revert --no-edit HEAD >/dev/null
commit 'hotfix: the leak'
B_PY=$(short HEAD~11) B_CFG=$(short HEAD~10) B_PKG=$(short HEAD~4) D_TUT=$(short HEAD~3)
P_IDX=$(short HEAD~2) R_IDX=$(short HEAD~1) H_LEAK=$(short HEAD)

DATE=$(TZ=UTC0 git log -1 --format=%cd --date=format-local:%Y-%m-%d HEAD)
cat >"$TMP/want-md" <<EOF
## 0.1.0 ($DATE)

### BREAKING CHANGES

* rename the package ($B_PKG)
* **core:** the configuration moved from setup.cfg ($B_CFG)
  to pyproject.toml, and its
  keys were renamed
* drop the Python 3.7 support ($B_PY)

### Features

* drop the Python 3.7 support ($B_PY)

### Bug Fixes

* the leak ($H_LEAK)
* **core:** read the new config file ($B_CFG)

### Performance

* cache the parsed index ($P_IDX)

### Reverts

* perf: cache the parsed index ($R_IDX)

### Documentation

* the tutorial ($D_TUT)
EOF
fg changelog >"$TMP/got-md" 2>"$LAST_OUT"
expect_ok "from the last tag: the notes, breaking changes first, excluded types left out" \
	diff -u "$TMP/want-md" "$TMP/got-md"
expect_eq "from the last tag: the same as v0.1.0..HEAD" "$(fg changelog v0.1.0..HEAD)" \
	"$(cat "$TMP/got-md")"
expect_no_output "the excluded types' commits are not listed" 'tidy|cover the pool|cache the packages|link statically|wrap at 100'

# The date is the committer's, in UTC, whatever TZ says (03:33 UTC is the day
# before at UTC-10).
expect_eq "the heading's date is UTC" "$(TZ=XYZ+10 fg changelog | head -n 1)" "## 0.1.0 ($DATE)"
expect_ok "the test's clock: UTC-10 is another day" \
	test "$(TZ=XYZ+10 git log -1 --format=%cd --date=format-local:%Y-%m-%d HEAD)" != "$DATE"

# text and JSON
fg changelog --format text >"$TMP/got-text"
expect_ok "text: no line starts with #" bash -c "! grep -q '^#' '$TMP/got-text'"
expect_eq "text: the heading, then BREAKING CHANGES" "$(sed -n '1p;3p' "$TMP/got-text")" \
	"$(printf '0.1.0 (%s)\nBREAKING CHANGES' "$DATE")"
expect_ok "text: the multi-line description is kept" grep -qx '  keys were renamed' "$TMP/got-text"
fg changelog --format json >"$TMP/got.json"
expect_ok "json: a valid document" python3 -m json.tool "$TMP/got.json"
expect_eq "json: the range, the version, the breaking and the skipped count" \
	"$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["range"]["from"], d["version"], len(d["breaking"]), d["skipped"], [s["type"] for s in d["sections"]])' "$TMP/got.json")" \
	"v0.1.0 0.1.0 3 5 ['feat', 'fix', 'perf', 'revert', 'docs']"
expect_eq "json: a breaking footer's description, lines joined" \
	"$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["breaking"][1]["description"])' "$TMP/got.json")" \
	"$(printf 'the configuration moved from setup.cfg\n  to pyproject.toml, and its\n  keys were renamed')"

# IDs as git abbreviates them, core.abbrev too.
git config core.abbrev 12
expect_eq "core.abbrev = 12: the IDs git log --format=%h gives" \
	"$(fg changelog --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["sections"][0]["entries"][0]["commit"])')" \
	"$(git log -1 --format=%h HEAD~11)"
git config --unset core.abbrev

# The excluded types come from .flowgate.
printf '[changelog]\n\texclude = docs perf\n' >.flowgate
fg changelog >"$TMP/got-md2" 2>"$LAST_OUT"
expect_ok "changelog.exclude = docs perf: no Documentation, no Performance" \
	bash -c "! grep -Eq 'Documentation|Performance' '$TMP/got-md2'"
expect_ok "changelog.exclude = docs perf: the chores and tests are listed now" \
	grep -q '^### Miscellaneous Chores' "$TMP/got-md2"
expect_ok "changelog.exclude = docs perf: Tests and Styles too" \
	grep -Eq '^\* wrap at 100' "$TMP/got-md2"
printf '[changelog]\n\texclude =\n\tmerges = maybe\n' >.flowgate
expect_status "changelog.merges = maybe: bad configuration, exit 4" 4 fg changelog
expect_output "names the key" "changelog.merges: 'maybe' is not a boolean"
rm .flowgate

# Between two tags; a range that names nothing.
tick
expect_ok "bump patch --commit --tag: exit 0" fg bump patch --commit --tag
expect_eq "between two tags: v0.1.0..v0.1.1 is what HEAD~1 had" \
	"$(fg changelog v0.1.0..v0.1.1 | sed 1d)" "$(sed 1d "$TMP/got-md")"
expect_eq "between two tags: the heading names v0.1.1's version" \
	"$(fg changelog v0.1.0..v0.1.1 | head -n 1 | cut -d' ' -f1-2)" "## 0.1.1"
expect_eq "on the tagged commit itself: the notes of that release" \
	"$(fg changelog | sed 1d)" "$(sed 1d "$TMP/got-md")"
expect_eq "v0.1.1 alone: the same" "$(fg changelog v0.1.1 | sed 1d)" "$(sed 1d "$TMP/got-md")"
expect_eq "the tag's message holds the text notes below hotfix:" \
	"$(git cat-file tag v0.1.1 | sed '1,/^$/d' | sed -n '1,4p')" \
	"$(printf 'hotfix: 0.1.1\n\nBREAKING CHANGES\n- rename the package (%s)' "$B_PKG")"
git cat-file tag v0.1.1 | sed '1,/^$/d' >"$TMP/tag2"
expect_ok "the tag's message: no line starts with #" bash -c "! grep -q '^#' '$TMP/tag2'"
expect_ok "the tag's message survives git's cleanup unchanged" \
	bash -c "git stripspace --strip-comments <'$TMP/tag2' | cmp - '$TMP/tag2'"
commit 'feat: after the release'
expect_eq "from the last tag (v0.1.1): one entry" "$(fg changelog --format text | sed 1d)" \
	"$(printf '\nFeatures\n- after the release (%s)' "$(short HEAD)")"
expect_status "a range that names nothing: exit 2" 2 fg changelog v9.9.9..HEAD
expect_output "a range that names nothing: says so" "^flowgate changelog: error: 'v9.9.9' names no commit"
expect_status "A...B: exit 2" 2 fg changelog v0.1.0...HEAD
expect_status "--write with json: exit 2" 2 fg changelog --format json --write x.md
expect_status "an unknown format: exit 2" 2 fg changelog --format yaml
git reset -q --hard v0.1.1

# ------------------------------------------------------------------ --write
expect_ok "--write CHANGELOG.md (new): exit 0" fg changelog --write CHANGELOG.md
expect_output "--write: says what it added" "^flowgate changelog: added 0\.1\.1 to CHANGELOG\.md \(7 entries\)$"
{
	printf '# Changelog\n\n## 0.1.1 (%s)\n' \
		"$(TZ=UTC0 git log -1 --format=%cd --date=format-local:%Y-%m-%d HEAD)"
	sed 1d "$TMP/got-md"
} >"$TMP/want-file"
expect_ok "--write: a title, then the section" diff -u "$TMP/want-file" CHANGELOG.md
cp CHANGELOG.md "$TMP/once"
expect_ok "--write twice: exit 0" fg changelog --write CHANGELOG.md
expect_output "--write twice: says the section is there" "has a section for 0\.1\.1 already; nothing was written"
expect_ok "--write twice: one section, the file unchanged" cmp "$TMP/once" CHANGELOG.md
expect_eq "--write twice: one heading for 0.1.1" "$(grep -c '^## 0\.1\.1 ' CHANGELOG.md)" 1
# a newer release goes above an older one, below the file's introduction
fg changelog --write OLD.md v0.1.0 >/dev/null 2>&1
printf 'Intro line.\n\n' | cat - OLD.md >"$TMP/old" && cp "$TMP/old" OLD.md
chmod 640 OLD.md
expect_ok "--write a newer release into a file with an older one" fg changelog --write OLD.md
expect_eq "--write: the newer section on top of the older" \
	"$(grep -E '^(#|Intro)' OLD.md | grep -v '^###' | cut -d' ' -f1-2)" \
	"$(printf 'Intro line.\n# Changelog\n## 0.1.1\n## 0.1.0')"
expect_eq "--write: the file's mode is kept" "$(stat -c %a OLD.md)" 640
chmod 444 CHANGELOG.md
tick
set_version 0.1.2
git commit -q -m 'fix: the next one'
expect_status "--write into a read-only file: exit 3" 3 fg changelog --write CHANGELOG.md
expect_output "--write into a read-only file: says so, nothing changed" \
	"cannot write 'CHANGELOG\.md': it is read-only \(mode 0444\); nothing was changed"
expect_ok "--write into a read-only file: the file is as it was" cmp "$TMP/once" CHANGELOG.md
expect_eq "--write into a read-only file: no temporary file left" "$(ls -A | grep -c flowgate-)" 0
mkdir -p ro && chmod 555 ro
if [ "$(id -u)" -ne 0 ]; then
	expect_status "--write into a read-only directory: exit 3" 3 fg changelog --write ro/CHANGELOG.md
	expect_eq "--write into a read-only directory: nothing created" "$(ls -A ro)" ""
fi
ln -s CHANGELOG.md link.md
expect_status "--write through a symbolic link: exit 3" 3 fg changelog --write link.md
expect_output "--write through a symbolic link: says so" "'link\.md' is a symbolic link, not a regular file"
chmod 644 CHANGELOG.md
expect_ok "--write, writable again: exit 0" fg changelog --write CHANGELOG.md
expect_eq "--write: two sections now, the new on top" \
	"$(grep -E '^## ' CHANGELOG.md | cut -d' ' -f1-2 | tr '\n' ' ')" "## 0.1.2 ## 0.1.1 "
git reset -q --hard v0.1.1
rm -rf ro link.md CHANGELOG.md OLD.md

# --------------------------------------------- the bumped tag on a flowgate server
only_once "a push to a bare repository with flowgate's server hooks"
SRV=$TMP/origin.git
new_origin "$SRV"
expect_ok "install.sh --server" "$TOP/install.sh" --server "$SRV"
# the server adopts flowgate after the legacy commits ('update stuff')
git -C "$SRV" config flowgate.since "$(git rev-parse 'v0.1.0^{commit}~1')"
git remote add origin "$SRV"
expect_ok "the release branch and its tags, notes in their messages, pushed and accepted" \
	git push -q origin release/0.1.x v0.1.0 v0.1.1
expect_eq "the server holds v0.1.1 with its notes" \
	"$(git -C "$SRV" cat-file tag v0.1.1 | sed '1,/^$/d')" "$(cat "$TMP/tag2")"
expect_eq "the server's v0.1.1 peels to the bump commit" "$(git -C "$SRV" rev-parse 'v0.1.1^{commit}')" \
	"$(git rev-parse 'v0.1.1^{commit}')"
