#!/bin/bash
# flowgate version and flowgate bump with the real git, in throwaway
# repositories holding halfORM's three version files: the version the files
# agree on (work tree, index, commit), every bump kind with the files
# compared byte for byte, staging, --commit, --tag, --dry-run, each refusal,
# a failing rename that leaves every file as it was, and the installed hooks
# accepting what bump made.
. "$(dirname "$0")/lib.sh"

FG="$FLOWGATE_BUILD/flowgate"
export GIT_EDITOR=true
nohooks() { git -c core.hooksPath=/dev/null "$@"; }

# fg ARGS: flowgate in $R.
fg() { (cd "$R" && "$FG" "$@"); }

# write_files DIR VERSION SERIES: the three version files in DIR, written as
# the tests expect them after a bump to VERSION: version.txt with CRLF,
# setup.py saying the version twice and an old version once, with no final
# newline, docs/index.md with the series and bytes around it that must stay.
write_files() {
	mkdir -p "$1/half_orm" "$1/docs"
	printf '%s\r\n' "$2" >"$1/half_orm/version.txt"
	printf "from setuptools import setup\n\n# keep version='%s' in step with version.txt\nsetup(\n\tname='half_orm',\n\tversion='%s',  # was 0.15.0\n)" \
		"$2" "$2" >"$1/setup.py"
	printf '# halfORM\n\nThis documentation covers halfORM **%s** (latest development release).\n\nCaf\303\251: 0.16.0-dev is not the version here.\n' \
		"$3" >"$1/docs/index.md"
}

# halform DIR VERSION SERIES: a repository on main with the files, committed.
halform() {
	new_repo "$1"
	write_files "$1" "$2" "$3"
	printf '# halfORM\n' >"$1/README.md"
	git -C "$1" add . && nohooks -C "$1" commit -q -m 'chore: initial commit'
}

# expect_files NAME VERSION SERIES: $R's three files are, byte for byte, write_files'.
expect_files() {
	rm -rf "$TMP/want" && mkdir -p "$TMP/want"
	write_files "$TMP/want" "$2" "$3"
	for f in half_orm/version.txt setup.py docs/index.md; do
		if ! cmp "$TMP/want/$f" "$R/$f" >"$LAST_OUT" 2>&1; then
			diff -u "$TMP/want/$f" "$R/$f" | cat -A >>"$LAST_OUT"
			not_ok "$1: $f"
			return
		fi
	done
	ok "$1"
}

# snapshot: what must not change when a bump is refused or fails (git status
# without refreshing the index, which would rewrite it).
snapshot() {
	(cd "$R" && sha1sum half_orm/version.txt setup.py docs/index.md .git/index &&
		git --no-optional-locks status --porcelain --ignored && git rev-parse HEAD && git tag)
}

# expect_unchanged NAME: $R is as snapshot saw it in $SNAP.
expect_unchanged() { expect_eq "$1" "$(snapshot)" "$SNAP"; }

# the message of HEAD as stored, exactly (final newline included)
raw_message() { git -C "$R" cat-file commit HEAD | sed '1,/^$/d'; }
expect_raw_message() {
	raw_message >"$TMP/got-message"
	printf '%s\n' "$2" >"$TMP/want-message"
	if cmp -s "$TMP/got-message" "$TMP/want-message"; then ok "$1"; else
		cat -A "$TMP/got-message" >"$LAST_OUT"; not_ok "$1"; fi
}

# ================================================================ version
R=$TMP/version
halform "$R" 0.16.0 0.16.x
expect_ok "version: the files agree: exit 0" fg version
expect_eq "version: prints just the version" "$(fg version 2>/dev/null)" "0.16.0"
expect_eq "version: nothing on stderr" "$(fg version 2>&1 >/dev/null)" ""

sed -i "s/version='0.16.0'/version='0.15.0'/" "$R/setup.py"
expect_status "version: disagreeing files: exit 1" 1 fg version
expect_output "version: each file with its value" '^half_orm/version\.txt: 0\.16\.0$'
expect_output "version: the file that disagrees" '^setup\.py: 0\.15\.0$'
expect_output "version: the series file" '^docs/index\.md: 0\.16\.x$'
expect_output "version: the rule violation" "^flowgate version: error: versionConsistency: version files disagree: half_orm/version\.txt says '0\.16\.0' but setup\.py says '0\.15\.0'$"
expect_output "version: the fix" "^hint: write '0\.16\.0' in setup\.py"
expect_eq "version: nothing on stdout when they disagree" "$(fg version 2>/dev/null)" ""
expect_eq "version --cached: the index still agrees" "$(fg version --cached 2>/dev/null)" "0.16.0"
git -C "$R" add setup.py
expect_status "version --cached: after git add, exit 1" 1 fg version --cached
expect_eq "version --rev HEAD: the commit agrees" "$(fg version --rev HEAD 2>/dev/null)" "0.16.0"
expect_status "version --rev HEAD: exit 0" 0 fg version --rev HEAD
nohooks -C "$R" commit -q -m 'chore: break setup.py'
expect_status "version --rev HEAD: the new commit disagrees: exit 1" 1 fg version --rev HEAD
expect_eq "version --rev HEAD~1: the older commit agrees" "$(fg version --rev HEAD~1 2>/dev/null)" "0.16.0"
expect_status "version --rev of nothing: exit 2" 2 fg version --rev nosuchrev
expect_status "version --cached --rev: exit 2" 2 fg version --cached --rev HEAD
git -C "$R" checkout -q HEAD~1 -- setup.py
printf '0.16\n' >"$R/half_orm/version.txt"
expect_status "version: an invalid version: exit 1" 1 fg version
expect_output "version: names versionFormat" "^flowgate version: error: versionFormat: half_orm/version\.txt holds '0\.16', which is not a workflow version$"
mkdir -p "$TMP/norepo"
expect_status "version outside a repository: exit 3" 3 \
	sh -c "cd '$TMP/norepo' && GIT_CEILING_DIRECTORIES='$TMP' '$FG' version"

# ============================================================ every kind
R=$TMP/kinds
halform "$R" 0.16.0-dev 0.16.x
# on a feature branch: main takes no rc nor release but by merging release/X.Y.x
git -C "$R" checkout -q -b feature/bumps

expect_ok "bump alpha: exit 0" fg bump alpha
expect_output "bump alpha: says what it did" '^flowgate bump: 0\.16\.0-dev -> 0\.16\.0-alpha1 in half_orm/version\.txt, setup\.py \(staged\); docs/index\.md keeps 0\.16\.x$'
expect_files "bump alpha: the files, byte for byte" 0.16.0-alpha1 0.16.x
expect_eq "bump alpha: the changed files are staged" \
	"$(git -C "$R" diff --cached --name-only | tr '\n' ' ')" "half_orm/version.txt setup.py "
expect_eq "bump alpha: the work tree is the index" "$(git -C "$R" diff --name-only)" ""
expect_eq "bump alpha: no commit without --commit" "$(git -C "$R" log --format=%s | wc -l)" 1
nohooks -C "$R" commit -q -m 'chore: prepare release 0.16.0-alpha1'

expect_ok "bump beta --commit" fg bump beta --commit
expect_output "bump beta: names the commit" '^flowgate bump: committed [0-9a-f]{12} chore: prepare release 0\.16\.0-beta1$'
expect_files "bump beta: the files" 0.16.0-beta1 0.16.x
expect_eq "bump beta: git log -1 --format=%B" "$(git -C "$R" log -1 --format=%B)" "chore: prepare release 0.16.0-beta1"
expect_raw_message "bump beta: the stored message, final newline included" "chore: prepare release 0.16.0-beta1"
expect_eq "bump beta: the commit changes the two files" \
	"$(git -C "$R" show --format= --name-only HEAD | tr '\n' ' ')" "half_orm/version.txt setup.py "
expect_eq "bump beta: nothing left staged or modified" "$(git -C "$R" status --porcelain)" ""
expect_eq "bump beta: the author is git's (GIT_AUTHOR_NAME)" "$(git -C "$R" log -1 --format='%an <%ae>')" \
	"Tester <tester@example.com>"

expect_ok "bump rc --commit" fg bump rc --commit
expect_files "bump rc: the files" 0.16.0-rc1 0.16.x
expect_ok "bump release --commit" fg bump release --commit
expect_files "bump release: the files" 0.16.0 0.16.x
expect_raw_message "bump release: 'chore: prepare release'" "chore: prepare release 0.16.0"
expect_ok "bump patch --commit" fg bump patch --commit
expect_files "bump patch: the files" 0.16.1 0.16.x
expect_ok "bump minor --commit" fg bump minor --commit
expect_output "bump minor: all three files changed" 'in half_orm/version\.txt, setup\.py, docs/index\.md \(committed\)$'
expect_files "bump minor: the files, the series too" 0.17.0 0.17.x
expect_ok "bump dev --commit" fg bump dev --commit
expect_files "bump dev: the files" 0.18.0-dev 0.18.x
expect_raw_message "bump dev: 'chore: bump version to'" "chore: bump version to 0.18.0-dev"
expect_ok "bump major --commit" fg bump major --commit
expect_files "bump major: the files" 1.0.0 1.0.x
expect_ok "bump to an explicit version --commit" fg bump 1.0.1-rc1 --commit
expect_files "bump 1.0.1-rc1: the files" 1.0.1-rc1 1.0.x
expect_eq "every bump made one commit" "$(git -C "$R" rev-list --count HEAD)" 10
expect_eq "the files of HEAD are the work tree's" "$(git -C "$R" status --porcelain)" ""
expect_eq "flowgate version agrees" "$(fg version)" "1.0.1-rc1"

# ============================================================== --dry-run
SNAP=$(snapshot)
expect_ok "bump --dry-run: exit 0" fg bump rc --dry-run --commit --tag
expect_unchanged "bump --dry-run: files, index, status, HEAD and tags unchanged"
expect_output "bump --dry-run: the diff header" '^diff --git a/half_orm/version\.txt b/half_orm/version\.txt$'
expect_output "bump --dry-run: --- a/path" '^--- a/setup\.py$'
expect_output "bump --dry-run: +++ b/path" '^\+\+\+ b/setup\.py$'
expect_output "bump --dry-run: the old line" '^-1\.0\.1-rc1'
expect_output "bump --dry-run: the new line" '^\+1\.0\.1-rc2'
expect_output "bump --dry-run: both setup.py lines" "^\+	version='1\.0\.1-rc2',  # was 0\.15\.0$"
expect_no_output "bump --dry-run: no diff for the unchanged series file" '^diff --git a/docs/index\.md'
expect_output "bump --dry-run: the commit it would make" "^flowgate bump: would commit 'chore: prepare release 1\.0\.1-rc2'$"
expect_output "bump --dry-run: the tag it would make" "^flowgate bump: would tag v1\.0\.1-rc2 'release: 1\.0\.1-rc2'$"
expect_status "bump --dry-run: refusals still apply" 1 fg bump alpha --dry-run

# ================================================================= --tag
R=$TMP/tags
halform "$R" 0.16.0-rc2 0.16.x
git -C "$R" checkout -q -b release/0.16.x
expect_ok "bump release --commit --tag on release/0.16.x" fg bump release --commit --tag
expect_output "it names the tag" "^flowgate bump: tagged v0\.16\.0 'release: 0\.16\.0'$"
expect_eq "v0.16.0 is an annotated tag" "$(git -C "$R" cat-file -t v0.16.0)" tag
expect_eq "v0.16.0 tags the bump commit" "$(git -C "$R" rev-parse 'v0.16.0^{commit}')" "$(git -C "$R" rev-parse HEAD)"
expect_eq "v0.16.0's message is 'release: 0.16.0'" \
	"$(git -C "$R" tag -l --format='%(contents)' v0.16.0)" "release: 0.16.0"
expect_eq "the tagger is the committer" "$(git -C "$R" tag -l --format='%(taggername) %(taggeremail)' v0.16.0)" \
	"Tester <tester@example.com>"
expect_ok "bump patch --commit --tag on release/0.16.x" fg bump patch --commit --tag
expect_eq "a patch on release/X.Y.x is tagged 'hotfix:'" \
	"$(git -C "$R" tag -l --format='%(contents)' v0.16.1)" "hotfix: 0.16.1"
expect_raw_message "its commit is 'chore: prepare release 0.16.1'" "chore: prepare release 0.16.1"
git -C "$R" checkout -q -b maint/0.16.x
expect_ok "bump patch --commit --tag on maint/0.16.x" fg bump patch --commit --tag
expect_eq "a patch on maint/X.Y.x is tagged 'maintenance:'" \
	"$(git -C "$R" tag -l --format='%(contents)' v0.16.2)" "maintenance: 0.16.2"
expect_ok "bump 0.16.3-rc1 --commit --tag on maint/0.16.x" fg bump 0.16.3-rc1 --commit --tag
expect_eq "a release candidate on maint/X.Y.x is tagged 'release:'" \
	"$(git -C "$R" tag -l --format='%(contents)' v0.16.3-rc1)" "release: 0.16.3-rc1"

# ============================================================== refusals
R=$TMP/refuse
halform "$R" 0.16.0 0.16.x
git -C "$R" checkout -q -b release/0.16.x

printf '0.16.0\n' >"$R/half_orm/version.txt" # LF instead of CRLF: an unstaged change
SNAP=$(snapshot)
expect_status "refused: an unstaged change in a version file" 1 fg bump patch
expect_output "it names the file and the fixes" \
	'^flowgate bump: error: half_orm/version\.txt has unstaged changes; git add half_orm/version\.txt to bump with them, or git restore half_orm/version\.txt to drop them$'
expect_unchanged "refused: nothing changed"
git -C "$R" checkout -q -- half_orm/version.txt

rm "$R/setup.py"
expect_status "refused: a version file deleted from the work tree" 1 fg bump patch
expect_output "it says how to get it back" '^flowgate bump: error: setup\.py is deleted in the work tree but not in the index; git restore setup\.py'
git -C "$R" checkout -q -- setup.py

git -C "$R" rm -q --cached docs/index.md
expect_status "refused: a version file removed from the index" 1 fg bump patch
expect_output "it names the file" '^flowgate bump: error: docs/index\.md is removed from the index but still in the work tree'
git -C "$R" add docs/index.md

printf 'notes\n' >"$R/notes.txt"
git -C "$R" add notes.txt
SNAP=$(snapshot)
expect_status "refused with --commit: another file is staged" 1 fg bump patch --commit
expect_output "it names the file and says what to do" \
	'^flowgate bump: error: notes\.txt is staged and would go into the bump commit; commit or unstage them first \(git restore --staged notes\.txt\)$'
expect_unchanged "refused with --commit: nothing changed"
nohooks -C "$R" commit -q -m 'docs: add notes'

sed -i "s/version='0.16.0'/version='0.16.1'/" "$R/setup.py"
git -C "$R" add setup.py
SNAP=$(snapshot)
expect_status "refused: the version files disagree" 1 fg bump patch
expect_output "it says which files and the fix" \
	"^flowgate bump: error: version files disagree: half_orm/version\.txt says '0\.16\.0' but setup\.py says '0\.16\.1'; write '0\.16\.0' in setup\.py"
expect_unchanged "refused (disagreeing files): nothing changed"
git -C "$R" checkout -q HEAD -- setup.py

SNAP=$(snapshot)
expect_status "refused: bump minor on release/0.16.x leaves the series" 1 fg bump minor
expect_output "it names the branch, the rule and the fix" \
	"^flowgate bump: error: 0\.17\.0 is outside the 0\.16 series of branch 'release/0\.16\.x' \(branchVersionSeries\); bump within 0\.16"
expect_unchanged "refused (series): nothing changed"
expect_status "refused: bump dev on release/0.16.x too" 1 fg bump dev

git -C "$R" tag -a v0.16.1 -m 'hotfix: 0.16.1'
SNAP=$(snapshot)
expect_status "refused: the tag exists" 1 fg bump 0.16.1 --commit --tag
expect_output "it names the tag" "^flowgate bump: error: tag 'v0\.16\.1' already exists; "
expect_unchanged "refused (tag): nothing changed"
# a patch bump goes past a patch already tagged (issue 20, item 17)
expect_ok "bump patch once v0.16.1 exists" fg bump patch --dry-run
expect_output "it gives 0.16.2" '^flowgate bump: would bump 0\.16\.0 -> 0\.16\.2 in '
git -C "$R" tag -d v0.16.1 >/dev/null

expect_status "refused: the workflow has no alpha after a release" 1 fg bump alpha
expect_output "it gives the workflow's reason" '^flowgate bump: error: cannot bump alpha from 0\.16\.0: a final release has no next alpha'
expect_status "refused: a lower explicit version" 1 fg bump 0.15.9
expect_status "usage: --tag without --commit exits 2" 2 fg bump patch --tag
expect_status "usage: an unknown word exits 2" 2 fg bump bigger
expect_output "it lists the words" "^flowgate bump: error: 'bigger' is not a bump; give major, minor, patch"
expect_status "usage: no word exits 2" 2 fg bump
expect_status "usage: --cached does not apply to bump" 2 fg bump patch --cached

SNAP=$(snapshot)
expect_status "refused with --commit: no user.name or user.email" 1 \
	env -u GIT_AUTHOR_NAME -u GIT_AUTHOR_EMAIL -u GIT_COMMITTER_NAME -u GIT_COMMITTER_EMAIL \
	sh -c "cd '$R' && '$FG' bump patch --commit"
expect_output "it says how to set them" "^flowgate bump: error: no identity to commit with: user\.name or user\.email is not set; git config user\.name"
expect_unchanged "refused (identity): nothing changed"
git -C "$R" config user.name 'Config Name'
git -C "$R" config user.email config@example.com
expect_ok "user.name and user.email from git config" \
	env -u GIT_AUTHOR_NAME -u GIT_AUTHOR_EMAIL -u GIT_COMMITTER_NAME -u GIT_COMMITTER_EMAIL \
	sh -c "cd '$R' && '$FG' bump patch --commit"
expect_eq "the commit's author is user.name <user.email>" "$(git -C "$R" log -1 --format='%an <%ae>')" \
	"Config Name <config@example.com>"

# ===================================================== a rename that fails
R=$TMP/fault
halform "$R" 0.16.0 0.16.x
SNAP=$(snapshot)
expect_status "FLOWGATE_FAULT_RENAME=2: the bump fails" 3 \
	sh -c "cd '$R' && FLOWGATE_FAULT_RENAME=2 '$FG' bump dev --commit"
expect_output "it says which rename failed" \
	'^flowgate bump: fatal: cannot write the version files: cannot rename .*/\.setup\.py\.flowgate-[0-9]+-[0-9]+ to .*/setup\.py: Input/output error; every file was put back as it was$'
expect_unchanged "FLOWGATE_FAULT_RENAME=2: files (sha1sum), index, status and HEAD are as they were"
expect_eq "FLOWGATE_FAULT_RENAME=2: no temporary file is left" \
	"$(find "$R" -path "$R/.git" -prune -o -name '*.flowgate-*' -print)" ""
expect_status "FLOWGATE_FAULT_RENAME=3: the last of the three renames fails" 3 \
	sh -c "cd '$R' && FLOWGATE_FAULT_RENAME=3 '$FG' bump dev"
expect_unchanged "FLOWGATE_FAULT_RENAME=3: everything as it was"
expect_ok "FLOWGATE_FAULT_RENAME=4 is past the bump's renames: it succeeds" \
	sh -c "cd '$R' && FLOWGATE_FAULT_RENAME=4 '$FG' bump dev --commit"
expect_files "and writes what a bump without the variable writes" 0.17.0-dev 0.17.x

# ===================================================== with the hooks installed
R=$TMP/hooked
halform "$R" 0.16.0-rc2 0.16.x
new_origin "$TMP/hooked-origin.git"
git -C "$R" remote add origin "$TMP/hooked-origin.git"
if install_flowgate "$R"; then
	ok "install.sh installs the hooks"
	git -C "$R" push -q origin main >"$LAST_OUT" 2>&1
	git -C "$R" checkout -q -b release/0.16.x
	expect_ok "hooked: bump release --commit --tag" fg bump release --commit --tag
	expect_ok "hooked: pre-push accepts the bump commit and its tag" \
		git -C "$R" push origin release/0.16.x v0.16.0
	expect_eq "hooked: the remote has the tag" \
		"$(git --git-dir="$TMP/hooked-origin.git" rev-parse 'v0.16.0^{commit}')" "$(git -C "$R" rev-parse HEAD)"
	expect_ok "hooked: flowgate check-range accepts the bump commit" \
		env -u GITHUB_ACTIONS -u GITLAB_CI sh -c "cd '$R' && '$FG' check-range main..HEAD"
	expect_ok "hooked: bump patch --commit --tag" fg bump patch --commit --tag
	expect_ok "hooked: pre-push accepts the hotfix tag" git -C "$R" push origin release/0.16.x v0.16.1
	# Issue 20, item 12: a planned patch release cut on release/0.16.x, its
	# candidates tagged 'release:' by bump rc --tag, the release by hand
	# 'release:' too; each passes tagMessage.
	expect_ok "hooked: bump 0.16.2-rc1 --commit --tag" fg bump 0.16.2-rc1 --commit --tag
	expect_ok "hooked: bump rc --commit --tag" fg bump rc --commit --tag
	expect_eq "hooked: the candidate is tagged 'release:'" \
		"$(git -C "$R" tag -l --format='%(contents)' v0.16.2-rc2)" "release: 0.16.2-rc2"
	expect_ok "hooked: pre-push accepts the candidates' tags" \
		git -C "$R" push origin release/0.16.x v0.16.2-rc1 v0.16.2-rc2
	expect_ok "hooked: bump release --commit" fg bump release --commit
	git -C "$R" tag -a v0.16.2 -m 'release: halfORM 0.16.2, the planned patch release'
	expect_ok "hooked: pre-push accepts v0.16.2 tagged 'release:'" \
		git -C "$R" push origin release/0.16.x v0.16.2
	git -C "$R" tag -a v0.16.3 -m 'maintenance: 0.16.3' v0.16.2^{}
	expect_fail "hooked: a patch on release/0.16.x tagged 'maintenance:' is still refused" \
		git -C "$R" push origin v0.16.3
	expect_output "hooked: tagMessage names both prefixes" \
		"error: tagMessage: tag 'v0\.16\.3' message 'maintenance: 0\.16\.3' does not start with 'hotfix:' or 'release:', the prefix of a patch on a release branch$"
else
	not_ok "install.sh installs the hooks"
fi
