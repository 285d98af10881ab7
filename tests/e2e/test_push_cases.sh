# End-to-end tests of pre-push's new-commit detection, with the real
# `git push` to local bare repositories (plain paths and file:// URLs) and
# flowgate's hooks installed by install.sh in the pushing clone:
# a new branch, a fast-forward of an existing branch, several refs in one
# push, shallow clones, one commit pushed to two branches, --mirror, --tags,
# deletions, the all-zero OID of the repository's hash algorithm (the hook fed
# by hand) and a SHA-256 repository, and the version files at every pushed tip.
#
# In every case: a bad commit among the new ones is named exactly once
# (lines of the output naming its 12-digit OID); a commit the remote already
# has is never named; a refused push leaves the bare repository's refs as they
# were (git for-each-ref before and after); an accepted push lands.
# Run: FLOWGATE_BUILD=/abs/build bash tests/e2e/test_push_cases.sh (or sh tests/e2e/run.sh).

. "$(dirname "$0")/lib.sh"

export GIT_EDITOR=true GIT_MERGE_AUTOEDIT=no
HOOK=$FLOWGATE_BUILD/hooks/pre-push

# setup NAME [URL-STYLE]: $TMP/NAME, a clone with the hooks installed by
# install.sh, remote origin = the bare $TMP/NAME.git, as a plain path or (URL-STYLE
# "file") as a file:// URL; one good commit on main, pushed. cd there; sets R, O.
setup() {
	R=$TMP/$1 O=$TMP/$1.git
	new_repo "$R"
	new_origin "$O"
	if [ "${2:-}" = file ]; then
		git -C "$R" remote add origin "file://$O"
	else
		git -C "$R" remote add origin "$O"
	fi
	install_flowgate "$R" || not_ok "$1: install.sh"
	cd "$R" || exit 1
	work README.md 'chore: initial commit' && git push -q origin main ||
		not_ok "$1: setup commit and push"
}

tick

# work FILE MESSAGE: a change to FILE committed with MESSAGE, the hooks running.
work() {
	tick
	mkdir -p "$(dirname "$1")"
	printf '%s\n' "$2" >>"$1"
	git add -- "$1" && git commit -q -m "$2"
}

# sneak FILE MESSAGE: the same, bypassing the hooks (a commit the rules refuse).
sneak() {
	tick
	mkdir -p "$(dirname "$1")"
	printf '%s\n' "$2" >>"$1"
	git add -- "$1" && git commit -q --no-verify -m "$2"
}

# id12 REV: the 12-digit abbreviation pre-push names commits by.
id12() { git rev-parse "$1" | cut -c1-12; }

# refs_of BARE: every ref of the bare repository BARE with its object.
refs_of() { git --git-dir="$1" for-each-ref; }

# ref_in BARE REF: the object BARE holds for REF, or nothing.
ref_in() { git --git-dir="$1" rev-parse -q --verify "$2"; }

# refused LABEL BARE CMD...: CMD (a push) fails and BARE's refs are unchanged.
refused() {
	local label=$1 bare=$2 before
	shift 2
	before=$(refs_of "$bare")
	expect_fail "$label: refused" "$@"
	expect_eq "$label: nothing lands (refs of $(basename "$bare") unchanged)" \
		"$(refs_of "$bare")" "$before"
}

# named_once LABEL REV: the last output names commit REV on exactly one line
# but hints (whose command rewords it), and that line is its headerFormat error.
named_once() {
	local id
	id=$(id12 "$2")
	expect_eq "$1: bad commit $id is named exactly once" \
		"$(grep -v '^hint: ' "$LAST_OUT" | grep -c -- "$id")" 1
	expect_output "$1: bad commit $id is named by headerFormat" \
		"^flowgate pre-push: error: headerFormat: commit $id: "
}

# not_named LABEL REV...: no rule in the last output names one of the commits
# REV... as the commit it found ("commit <id>").
not_named() {
	local label=$1 re="" r
	shift
	for r in "$@"; do re="$re${re:+|}$(id12 "$r")"; done
	expect_no_output "$label: not named ($re)" "commit ($re)"
}

# lands LABEL BARE REF REV: BARE's REF is now the local REV.
lands() { expect_eq "$1: $3 landed" "$(ref_in "$2" "$3")" "$(git rev-parse "$4")"; }

# zero_oid: the all-zero OID of the current repository's hash algorithm, as
# long as its OIDs are (git rev-parse --show-object-format; HEAD's length).
zero_oid() {
	local head
	head=$(git rev-parse HEAD)
	printf "%0${#head}d" 0
}

# feed REMOTE URL LINE...: run the pre-push hook by hand, here, on the LINEs.
feed() {
	local remote=$1 url=$2
	shift 2
	printf '%s\n' "$@" | "$HOOK" "$remote" "$url"
}

# ================================================== 1. a new branch
setup newbr
sneak old.txt 'old bad on main'
oldbad=$(git rev-parse HEAD)
git push -q --no-verify origin main
git checkout -q -b feature/three
work a.txt 'feat: one of three'
sneak a.txt 'update stuff'
bad=$(git rev-parse HEAD)
work a.txt 'feat: three of three'
refused "new branch, 3 commits, 1 bad" "$O" git push origin feature/three
named_once "new branch" "$bad"
not_named "new branch: the good new commits" HEAD HEAD~2
not_named "new branch: main's bad commit, which origin has" "$oldbad"
git rebase -q --exec 'git commit -q --amend --no-verify -m "feat: reworded $(git rev-parse --short HEAD)"' HEAD~2 >/dev/null 2>&1
expect_ok "new branch, 3 good commits: accepted" git push -q origin feature/three
lands "new branch" "$O" refs/heads/feature/three feature/three
# The same through a file:// URL: remote 'up' is file://$O, pushed by name,
# then by URL (git passes the URL as the remote's name: flowgate finds 'up').
git remote add up "file://$O"
git fetch -q up
git checkout -q -b feature/url main
sneak u.txt 'bad over file url'
badu=$(git rev-parse HEAD)
refused "new branch to remote 'up' (file:// URL)" "$O" git push up feature/url
named_once "new branch to 'up'" "$badu"
not_named "new branch to 'up': origin's commits" "$oldbad"
refused "new branch pushed to the file:// URL itself" "$O" git push "file://$O" feature/url
named_once "new branch to the file:// URL" "$badu"
not_named "new branch to the file:// URL: commits origin has (known from up's tracking refs)" "$oldbad"
refused "new branch pushed to the plain path itself" "$O" git push "$O" feature/url
named_once "new branch to the plain path" "$badu"
not_named "new branch to the plain path: commits origin has (known from origin's tracking refs)" "$oldbad"
git checkout -q main

# ================================================== 2. an existing branch, fast-forward
setup ffwd file
git checkout -q -b feature/ff
work f.txt 'feat: first'
sneak f.txt 'already pushed bad'
pushedbad=$(git rev-parse HEAD)
git push -q --no-verify origin feature/ff
work f.txt 'feat: second'
sneak f.txt 'new bad'
newbad=$(git rev-parse HEAD)
work f.txt 'feat: third'
refused "fast-forward with a new bad commit" "$O" git push origin feature/ff
named_once "fast-forward" "$newbad"
not_named "fast-forward: the commit origin has" "$pushedbad"
not_named "fast-forward: the good new commits" HEAD HEAD~2
# Without the remote-tracking ref, the remote's OID on the input line alone
# says what it has.
git update-ref -d refs/remotes/origin/feature/ff
refused "fast-forward, no remote-tracking ref" "$O" git push origin feature/ff
named_once "fast-forward, no remote-tracking ref" "$newbad"
not_named "fast-forward, no remote-tracking ref: the commit origin has" "$pushedbad"
git reset -q --hard HEAD~2
work f.txt 'feat: third'
expect_ok "fast-forward with good new commits: accepted" git push -q origin feature/ff
lands "fast-forward" "$O" refs/heads/feature/ff feature/ff

# ================================================== 3. several refs in one push
setup multi
set_version 0.16.0-dev
git commit -q -m 'chore: bump version to 0.16.0-dev'
git checkout -q -b feature/q
work q.txt 'feat: q on origin'
git push -q origin main feature/q
sneak q.txt 'bad on q'
badq=$(git rev-parse HEAD)
git checkout -q -b feature/p main
sneak p.txt 'bad on p'
badp=$(git rev-parse HEAD)
work p.txt 'feat: good on p'
git checkout -q -b release/0.16.x main
set_version 0.16.0
sneak r.txt 'bad on the release'
badr=$(git rev-parse HEAD)
git tag -a v0.16.0 -m 'release: halfORM 0.16.0'
git checkout -q main
refused "two branches and a tag, a bad commit in each" "$O" \
	git push origin feature/p feature/q v0.16.0
named_once "several refs: new branch feature/p" "$badp"
named_once "several refs: existing branch feature/q" "$badq"
named_once "several refs: tag v0.16.0 (commits only it brings)" "$badr"
expect_eq "several refs: exactly three commits named" \
	"$(grep -c '^flowgate pre-push: error: headerFormat: commit ' "$LAST_OUT")" 3
git checkout -q feature/q && git commit -q --amend --no-verify -m 'fix: good on q'
git checkout -q feature/p && git rebase -q --exec 'git commit -q --amend --no-verify -m "feat: p $(git rev-parse --short HEAD)"' main >/dev/null 2>&1
git checkout -q release/0.16.x && git commit -q --amend --no-verify -m 'release: halfORM 0.16.0'
git tag -f -a v0.16.0 -m 'release: halfORM 0.16.0' >/dev/null
git checkout -q main
expect_ok "two branches and a tag, all good: accepted" git push -q origin feature/p feature/q v0.16.0
lands "several refs" "$O" refs/heads/feature/p feature/p
lands "several refs" "$O" refs/heads/feature/q feature/q
lands "several refs" "$O" refs/tags/v0.16.0 v0.16.0

# ================================================== 4. shallow clones
setup deep
for i in 1 2 3; do work d.txt "feat: deep $i"; done
sneak d.txt 'deep bad, pushed'
deepbad=$(git rev-parse HEAD)
work d.txt 'feat: deep tip'
git push -q --no-verify origin main
S=$TMP/shallow
git clone -q --depth 1 "file://$O" "$S"
install_flowgate "$S" || not_ok "shallow: install.sh"
cd "$S" || exit 1
T=$(git rev-parse HEAD)
expect_eq "shallow: the clone is shallow, cut at origin's tip (precondition)" \
	"$(git rev-parse --is-shallow-repository) $(cat .git/shallow)" "true $T"
work s.txt 'feat: on the shallow tip'
expect_ok "shallow: a good commit on the shallow tip, git push origin main: accepted" git push origin main
expect_no_output "shallow: no 'object not found'" 'not found'
expect_no_output "shallow: no branchProtected (it is a fast-forward)" 'branchProtected'
lands "shallow" "$O" refs/heads/main main
# (whatever happened above, the next case starts with origin at local main)
git push -q --no-verify origin main && git fetch -q origin
sneak s.txt 'shallow bad on main'
sbad=$(git rev-parse HEAD)
work s.txt 'feat: after the shallow bad'
refused "shallow: a bad commit on main" "$O" git push origin main
named_once "shallow, main" "$sbad"
expect_no_output "shallow, main: no 'object not found'" 'not found'
expect_no_output "shallow, main: no branchProtected (it is a fast-forward)" 'branchProtected'
not_named "shallow, main: commits origin has" HEAD~2 "$T" "$deepbad"
# New branches start at the shallow commit itself.
git checkout -q -b feature/from-shallow "$T"
sneak s2.txt 'shallow bad on a new branch'
sbad2=$(git rev-parse HEAD)
refused "shallow: a new branch from the shallow tip with a bad commit" "$O" \
	git push origin feature/from-shallow
named_once "shallow, new branch" "$sbad2"
expect_no_output "shallow, new branch: no 'object not found'" 'not found'
not_named "shallow, new branch: the shallow commit, which origin has" "$T"
expect_ok "shallow: a new branch at the shallow tip, no new commit: accepted" \
	git push -q origin "$T:refs/heads/feature/at-shallow-tip"
lands "shallow, new branch at the tip" "$O" refs/heads/feature/at-shallow-tip "$T"
git reset -q --hard "$T"
work s2.txt 'feat: good on a shallow branch'
expect_ok "shallow: a new branch with a good commit: accepted" \
	git push origin HEAD:refs/heads/feature/shallow-good
expect_no_output "shallow, new good branch: no 'object not found'" 'not found'
lands "shallow, new good branch" "$O" refs/heads/feature/shallow-good HEAD

# ================================================== 5. one commit pushed to two branches
setup twice
sneak t.txt 'bad pushed twice'
tbad=$(git rev-parse HEAD)
refused "the same bad commit to feature/a and feature/b" "$O" \
	git push origin HEAD:refs/heads/feature/a HEAD:refs/heads/feature/b
named_once "same commit to two branches" "$tbad"
git commit -q --amend --no-verify -m 'feat: good pushed twice'
expect_ok "the same good commit to two branches: accepted" \
	git push -q origin HEAD:refs/heads/feature/a HEAD:refs/heads/feature/b
lands "same commit to two branches" "$O" refs/heads/feature/a HEAD
lands "same commit to two branches" "$O" refs/heads/feature/b HEAD

# ================================================== 6. --mirror
setup mirror
git checkout -q -b feature/m
work m.txt 'feat: on m'
git checkout -q main
work main.txt 'fix: on main'
git push -q origin main feature/m
M1=$TMP/mirror-fresh.git
new_origin "$M1"
expect_ok "mirror to a fresh bare repository, all good: accepted" git push -q --mirror "$M1"
expect_eq "mirror to a fresh repository: its refs are the local refs" \
	"$(refs_of "$M1")" "$(git for-each-ref)"
M2=$TMP/mirror-fresh2.git
new_origin "$M2"
git checkout -q feature/m
sneak m.txt 'bad on m, mirrored'
mbad=$(git rev-parse HEAD)
git checkout -q main
refused "mirror to a fresh bare repository with a bad commit" "$M2" git push --mirror "$M2"
named_once "mirror to a fresh repository" "$mbad"
# A mirror that has refs: an old bad commit on main, and a stale branch the
# mirror push deletes.
M3=$TMP/mirror-some.git
new_origin "$M3"
git checkout -q main
sneak main.txt 'old bad on main, in the mirror'
mold=$(git rev-parse HEAD)
git push -q --no-verify "$M3" main HEAD:refs/heads/feature/stale
work main.txt 'feat: new on main'
refused "mirror to a repository with refs, a new bad commit on feature/m" "$M3" git push --mirror "$M3"
named_once "mirror with refs" "$mbad"
not_named "mirror with refs: main's bad commit, which the mirror has" "$mold"
git checkout -q feature/m && git commit -q --amend --no-verify -m 'feat: good on m, mirrored' && git checkout -q main
expect_ok "mirror to a repository with refs, all new commits good: accepted" git push -q --mirror "$M3"
expect_eq "mirror with refs: its refs are the local refs (feature/stale deleted)" \
	"$(refs_of "$M3")" "$(git for-each-ref)"
# Not checked here: a --mirror (or --prune) push that deletes a ref the local
# repository lacks. git 2.39 leaves such deletions out of pre-push's input
# (transport.c, run_pre_push_hook: refs without a peer ref are skipped), so
# no client hook sees them; only the receiving side can refuse them.

# ================================================== 7. --tags
setup tags
set_version 0.16.0-dev
git commit -q -m 'chore: bump version to 0.16.0-dev'
sneak main.txt 'bad on main, pushed'
tmainbad=$(git rev-parse HEAD)
git push -q --no-verify origin main
git checkout -q -b release/0.16.x
set_version 0.16.0
git commit -q -m 'release: halfORM 0.16.0'
sneak rel.txt 'bad on the release, only the tag pushes it'
trelbad=$(git rev-parse HEAD)
git tag -a v0.16.0 -m 'release: halfORM 0.16.0'
git checkout -q main
refused "git push --tags, the tag brings a bad commit" "$O" git push --tags origin
named_once "--tags" "$trelbad"
not_named "--tags: main's bad commit, which origin has" "$tmainbad"
git checkout -q release/0.16.x && git commit -q --amend --no-verify -m 'docs: release notes' &&
	git tag -f -a v0.16.0 -m 'release: halfORM 0.16.0' >/dev/null && git checkout -q main
expect_ok "git push --tags, good commits: accepted" git push -q --tags origin
lands "--tags" "$O" refs/tags/v0.16.0 v0.16.0

# ================================================== 8. deletions
setup del file
git push -q origin main:refs/heads/feature/x
expect_ok "git push origin :feature/x: accepted" git push -q origin :feature/x
expect_eq "deletion: feature/x is gone" "$(ref_in "$O" refs/heads/feature/x)" ""
refused "git push origin :main" "$O" git push origin :main
expect_output "deleting main: branchProtected" \
	"^flowgate pre-push: error: branchProtected: deleting protected branch 'main' from the remote"

# ================================================== 9. the all-zero OID, by hand
setup zero
Z=$(zero_oid)
expect_eq "zero OID: SHA-1 repository, 40 hex digits (computed)" \
	"$(git rev-parse --show-object-format):${#Z}" "sha1:40"
git checkout -q -b feature/z
work z.txt 'feat: good z'
sneak z.txt 'bad z'
zbad=$(git rev-parse HEAD)
expect_status "zero OID: a new branch (remote OID all zeros) with a bad commit: exit 1" 1 \
	feed origin "$O" "refs/heads/feature/z $(git rev-parse HEAD) refs/heads/feature/z $Z"
named_once "zero OID, new branch" "$zbad"
not_named "zero OID, new branch: the good commit" HEAD~1
expect_status "zero OID: a new branch at main's commit, nothing new: exit 0" 0 \
	feed origin "$O" "refs/heads/feature/y $(git rev-parse main) refs/heads/feature/y $Z"
expect_status "zero OID: deleting feature/x (local OID all zeros): exit 0" 0 \
	feed origin "$O" "(delete) $Z refs/heads/feature/x $(git rev-parse main)"
expect_status "zero OID: deleting main: exit 1" 1 \
	feed origin "$O" "(delete) $Z refs/heads/main $(git rev-parse main)"
expect_output "zero OID, deleting main: branchProtected" \
	"^flowgate pre-push: error: branchProtected: deleting protected branch 'main'"
Z64=$(printf '%064d' 0)
expect_status "zero OID: 64 zeros in a SHA-1 repository are malformed input: exit 2" 2 \
	feed origin "$O" "refs/heads/feature/z $(git rev-parse HEAD) refs/heads/feature/z $Z64"
git checkout -q main

# A SHA-256 repository: libgit2 1.5.1 cannot open it. The hook must say so
# in one line, with the status of a repository that cannot be opened (3).
S2=$TMP/sha256 O2=$TMP/sha256.git
git init -q --object-format=sha256 -b main "$S2"
git init -q --bare --object-format=sha256 -b main "$O2"
git -C "$S2" remote add origin "$O2"
# install.sh refuses such a repository (test_index.sh): the hook placed by hand
launcher_for "$FLOWGATE_BUILD/hooks/pre-push" "$S2/.git/hooks/pre-push" &&
	chmod +x "$S2/.git/hooks/pre-push" || not_ok "sha256: the pre-push launcher"
cd "$S2" || exit 1
sneak README.md 'chore: initial commit'
Z=$(zero_oid)
expect_eq "sha256: 64 hex digits (computed)" "$(git rev-parse --show-object-format):${#Z}" "sha256:64"
expect_status "sha256: the hook fed a new-branch line exits 3 (repository cannot be opened)" 3 \
	feed origin "$O2" "refs/heads/main $(git rev-parse HEAD) refs/heads/main $Z"
expect_eq "sha256: the hook prints one line" "$(wc -l <"$LAST_OUT")" 1
expect_output "sha256: the line is flowgate's fatal error" '^flowgate pre-push: fatal: '
expect_output "sha256: the line names the object format" 'objectformat|object format|[sS][hH][aA]-?256'
expect_no_output "sha256: the line does not call git's input malformed" 'malformed'
refused "sha256: git push origin main" "$O2" git push origin main
expect_eq "sha256: git push: flowgate prints one line" "$(grep -c '^flowgate pre-push' "$LAST_OUT")" 1
expect_eq "sha256: git push: flowgate's line names the object format" \
	"$(grep '^flowgate pre-push' "$LAST_OUT" | grep -Eci 'objectformat|object format|sha-?256')" 1

# ================================================== 10. version files at every pushed tip
setup vers
set_version 0.16.0-dev
git commit -q -m 'chore: bump version to 0.16.0-dev'
git push -q origin main
git checkout -q -b release/0.16.x
set_version 0.17.0
git commit -q --no-verify -m 'release: halfORM 0.17.0'
refused "tip of release/0.16.x says 0.17.0" "$O" git push origin release/0.16.x
expect_output "0.17.0 on release/0.16.x: branchVersionSeries" \
	"^flowgate pre-push: error: branchVersionSeries: .* says '0\.17\.0', outside the 0\.16 series of branch 'release/0\.16\.x'"
git reset -q --hard main
set_version 0.16.0-rc1
git commit -q -m 'release: halfORM 0.16.0-rc1'
expect_ok "tip of release/0.16.x says 0.16.0-rc1: accepted" git push -q origin release/0.16.x
lands "release/0.16.x at 0.16.0-rc1" "$O" refs/heads/release/0.16.x release/0.16.x
git checkout -q -b feature/skew main
printf '%s\n' 0.16.1-dev >half_orm/version.txt
git add half_orm/version.txt
git commit -q --no-verify -m 'feat: version files that disagree'
refused "tip whose version files disagree" "$O" git push origin feature/skew
expect_output "disagreeing version files: versionConsistency" \
	"^flowgate pre-push: error: versionConsistency: version files disagree"
git checkout -q -b feature/good main
work g.txt 'feat: a good branch'
refused "a good branch and the disagreeing one in one push" "$O" \
	git push origin feature/good feature/skew
expect_output "several tips: the second tip's versionConsistency" \
	"^flowgate pre-push: error: versionConsistency: "
# A tip the remote already has is checked too: main (0.16.0-dev) pushed as
# dev/0.16.x and dev/0.17.x brings no commit; it is out of dev/0.17.x's series.
refused "main's commit pushed as dev/0.16.x and dev/0.17.x" "$O" \
	git push origin main:refs/heads/dev/0.16.x main:refs/heads/dev/0.17.x
expect_output "same tip to two dev branches: branchVersionSeries on dev/0.17.x" \
	"branchVersionSeries: .*outside the 0\.17 series of branch 'dev/0\.17\.x'"
expect_no_output "same tip to two dev branches: dev/0.16.x is in its series" \
	"series of branch 'dev/0\.16\.x'"
expect_ok "main's commit pushed as dev/0.16.x alone: accepted" \
	git push -q origin main:refs/heads/dev/0.16.x
lands "dev/0.16.x at main's commit" "$O" refs/heads/dev/0.16.x main
