#!/bin/bash
# The index as pre-commit and commit-msg read it, committing through the
# hooks installed by install.sh in every index format git writes: versions
# 2, 3 and 4, a split index (core.splitIndex), a split index of version 4,
# feature.manyFiles, a sparse index (git sparse-checkout --sparse-index)
# whose sparse directories hold the committed configuration and a version
# file. In each: a commit passes; the committed configuration
# (flowgate.configFile) is read as staged; the staged version files are;
# `git commit -a` and `git commit <path>` are checked on the index git hands
# the hooks (GIT_INDEX_FILE). Then the repositories libgit2 1.5.1 does not
# open, in which every commit was refused: a clone made with
# --filter=blob:none --sparse (extensions.worktreeConfig in a repository of
# format version 1), its config.worktree read as git reads it (above the
# local config, below git -c; a linked worktree's own), a split index in a
# linked worktree; a SHA-256 repository (install.sh refuses it, and a hook
# says why in one line); and the index files the hooks cannot read (damaged,
# an unknown required extension): exit 3 and what is wrong.
# Run: FLOWGATE_BUILD=/abs/build bash tests/e2e/test_index.sh (or sh tests/e2e/run.sh).

. "$(dirname "$0")/lib.sh"

export GIT_EDITOR=true GIT_MERGE_AUTOEDIT=no
unset FLOWGATE_SKIP

# commit_passes NAME ARGS...: git commit ARGS (a staged change added) makes a commit.
NCHANGE=0
change() {
	NCHANGE=$((NCHANGE + 1))
	printf 'change %s\n' "$NCHANGE" >>notes.txt
	git add notes.txt
}
commit_passes() {
	local name=$1 before
	shift
	change
	before=$(head_oid)
	if git commit -q "$@" >"$LAST_OUT" 2>&1 && [ "$(head_oid)" != "$before" ]; then
		ok "$name"
	else
		not_ok "$name"
	fi
}

# commit_refused NAME REGEX ARGS...: git commit ARGS makes no commit, and
# its output matches REGEX.
commit_refused() {
	local name=$1 regex=$2 before
	shift 2
	before=$(head_oid)
	if git commit -q "$@" >"$LAST_OUT" 2>&1 || [ "$(head_oid)" != "$before" ]; then
		not_ok "$name (committed)"
	elif grep -Eq -- "$regex" "$LAST_OUT"; then
		ok "$name"
	else
		not_ok "$name (no match for /$regex/)"
	fi
}

LONG='feat: a header that says more than thirty characters'

# ------------------------------------------------------- every index format
# start DIR: main with the version files at 0.16.0-dev and cfg/flowgate.cfg
# (headers of at most 30 characters) named by flowgate.configFile, then
# branch feature/idx; the hooks installed.
start() {
	new_repo "$1"
	install_flowgate "$1" || not_ok "$1: install.sh"
	cd "$1" || exit 1
	git config flowgate.configFile cfg/flowgate.cfg
	set_version 0.16.0-dev
	mkdir -p cfg
	printf '[rule "headerMaxLength"]\n\tmax = 30\n' >cfg/flowgate.cfg
	git add cfg/flowgate.cfg
	git commit -q -m 'chore: initial commit' >"$LAST_OUT" 2>&1 || not_ok "$1: first commit"
	git checkout -q -b feature/idx
}

for format in 2 3 4 split split-4 manyFiles sparse; do
	cd "$TMP" || exit 1
	start "$TMP/f-$format"
	case $format in
	2 | 4) git update-index --index-version "$format" ;;
	3)
		# an intent-to-add entry keeps git writing version 3 (extended flags)
		echo planned >planned.txt
		git add -N planned.txt
		git update-index --index-version 3
		;;
	split)
		git config core.splitIndex true
		git update-index --index-version 2
		git update-index --split-index
		;;
	split-4)
		git config core.splitIndex true
		git update-index --index-version 4
		git update-index --split-index
		;;
	manyFiles)
		git config feature.manyFiles true
		git update-index --index-version 4
		git status --porcelain >/dev/null
		;;
	sparse) git sparse-checkout set --cone --sparse-index half_orm >/dev/null 2>&1 ;;
	esac
	f="index $format"
	commit_passes "$f: a commit passes" -m 'feat: short header'
	# the format is still the one named after git wrote the index again
	case $format in
	2 | 3 | 4) expect_eq "$f: the index's version" "$(od -An -tu1 -j7 -N1 .git/index | tr -d ' ')" "$format" ;;
	split*)
		expect_ok "$f: a shared index" test -n "$(ls .git/sharedindex.* 2>/dev/null)"
		expect_eq "$f: the index's version" "$(od -An -tu1 -j7 -N1 .git/index | tr -d ' ')" \
			"$([ "$format" = split ] && echo 2 || echo 4)"
		;;
	manyFiles) expect_ok "$f: an untracked cache" grep -qa UNTR .git/index ;;
	sparse)
		expect_eq "$f: cfg/ and docs/ are sparse directories" \
			"$(git ls-files --sparse | grep -E '^(cfg|docs)/$' | tr '\n' ' ')" "cfg/ docs/ "
		expect_ok "$f: an sdir extension" grep -qa sdir .git/index
		;;
	esac

	# the committed configuration as staged (in a sparse directory: its tree)
	change
	commit_refused "$f: cfg/flowgate.cfg read from the index" 'error: headerMaxLength' -m "$LONG"
	printf '[rule "headerMaxLength"]\n\tmax = 60\n' >"$TMP/cfg.$format"
	blob=$(git hash-object -w "$TMP/cfg.$format")
	git update-index --cacheinfo "100644,$blob,cfg/flowgate.cfg"
	commit_passes "$f: its staged change applies to this commit" -m "$LONG"

	# the staged version files (docs/index.md in a sparse directory: its tree)
	printf '0.17.0-dev\n' >half_orm/version.txt
	sed -i 's/0\.16\.0-dev/0.17.0-dev/' setup.py
	git add half_orm/version.txt setup.py
	commit_refused "$f: staged version files read" \
		"versionConsistency: .*half_orm/version\\.txt says '0\\.17\\.0-dev' but docs/index\\.md says '0\\.16\\.x'" \
		-m 'feat: bump'
	git reset -q HEAD -- half_orm/version.txt setup.py
	commit_passes "$f: unstaged, the version files do not count" -m 'feat: notes'
	# git commit -a and git commit <path>: the index GIT_INDEX_FILE names
	commit_refused "$f: git commit -a checks what -a stages" \
		"versionConsistency: .*half_orm/version\\.txt says '0\\.17\\.0-dev'" -a -m 'feat: all'
	commit_refused "$f: git commit <path> checks that path's content" \
		"versionConsistency: .*half_orm/version\\.txt says '0\\.17\\.0-dev'" -m 'feat: one' \
		-- half_orm/version.txt
	git checkout -q -- half_orm/version.txt setup.py
done

# ------------------------------------------ repositories libgit2 would not open
# A partial, sparse clone: extensions.worktreeConfig in format version 1.
O=$TMP/origin.git
new_origin "$O"
git -C "$O" config uploadpack.allowFilter true
git -C "$TMP/f-2" push -q "$O" main feature/idx 2>/dev/null || not_ok "push to origin"
C=$TMP/clone
git clone -q --filter=blob:none --sparse "file://$O" "$C" 2>/dev/null || not_ok "clone --sparse"
install_flowgate "$C" || not_ok "clone: install.sh"
cd "$C" || exit 1
git checkout -q feature/idx 2>/dev/null
expect_eq "clone: format version 1 with extensions.worktreeConfig" \
	"$(git config core.repositoryformatversion) $(git config extensions.worktreeConfig)" "1 true"
# the version files checked out, so that their blobs are fetched (pre-commit reads them)
git sparse-checkout set --cone half_orm docs >/dev/null 2>&1
commit_passes "clone: a commit passes" -m 'feat: in a sparse clone'
git sparse-checkout set --cone --sparse-index half_orm docs >/dev/null 2>&1
commit_passes "clone: with a sparse index too" -m 'feat: sparse index'

# config.worktree, as git orders it: local < worktree < git -c
LONGER='feat: a header long enough to go past the default limit of seventy-two characters'
git config flowgate.headerMaxLength error
git config --worktree flowgate.headerMaxLength off
expect_eq "clone: the key is in config.worktree" \
	"$(git config --show-scope --get flowgate.headerMaxLength)" "worktree	off"
commit_passes "clone: config.worktree overrides the local config" -m "$LONGER"
change
expect_fail "clone: git -c overrides config.worktree" \
	git -c flowgate.headerMaxLength=error commit -q -m "$LONGER"
expect_output "clone: git -c's refusal names the rule" 'error: headerMaxLength'
git config --worktree flowgate.headerMaxLength error
git config flowgate.headerMaxLength off
commit_refused "clone: config.worktree above the local config" 'error: headerMaxLength' \
	-m "$LONGER"

# A linked worktree has its own config.worktree and its own (split) index.
git reset -q
git worktree add -q -b feature/lw "$TMP/lw" 2>/dev/null || not_ok "git worktree add"
cd "$TMP/lw" || exit 1
git config --worktree flowgate.headerMaxLength off
# git refuses a split index with a sparse one: the worktree took the clone's sparse checkout
git sparse-checkout disable >/dev/null 2>&1
git update-index --split-index
expect_ok "linked worktree: its shared index in its own git directory" \
	test -n "$(ls "$(git rev-parse --git-dir)"/sharedindex.* 2>/dev/null)"
commit_passes "linked worktree: its config.worktree applies, its split index read" -m "$LONGER"
cd "$C" || exit 1
change
commit_refused "linked worktree: not the main worktree's" 'error: headerMaxLength' -m "$LONGER"
git reset -q

# ---------------------------------------------------------------- SHA-256
S=$TMP/sha256
git init -q -b main --object-format=sha256 "$S"
expect_status "sha256: install.sh refuses (exit 1)" 1 sh -c "cd '$S' && '$TOP/install.sh'"
expect_output "sha256: install.sh says why" 'SHA-256 repository'
expect_ok "sha256: nothing installed" test ! -e "$S/.git/hooks/pre-commit"
# placed by hand, the hooks say why in one line
for h in pre-commit commit-msg; do
	launcher_for "$FLOWGATE_BUILD/hooks/$h" "$S/.git/hooks/$h" && chmod +x "$S/.git/hooks/$h"
done
cd "$S" || exit 1
change
commit_refused "sha256: git commit is refused, the hook says SHA-256" \
	'^flowgate pre-commit: fatal: .*SHA-256' -m 'feat: x'
expect_eq "sha256: one line from flowgate" "$(grep -c '^flowgate' "$LAST_OUT")" 1
expect_no_output "sha256: not a damaged index" 'invalid data in index'

# ----------------------------------------------- index files the hooks refuse
cd "$TMP/f-2" || exit 1
size=$(wc -c <.git/index)
head -c $((size / 2)) .git/index >"$TMP/damaged"
expect_status "damaged index: exit 3" 3 env GIT_INDEX_FILE="$TMP/damaged" .git/hooks/pre-commit
expect_output "damaged index: says where and what to do" \
	"^flowgate pre-commit: fatal: cannot read the index: $TMP/damaged: .*damaged.*git reset"
{
	head -c $((size - 20)) .git/index
	printf 'abcd\0\0\0\0'
	tail -c 20 .git/index
} >"$TMP/unknown"
expect_status "unknown required extension: exit 3" 3 env GIT_INDEX_FILE="$TMP/unknown" \
	.git/hooks/pre-commit
expect_output "unknown required extension: named" "index extension 'abcd'"
# a split index read through GIT_INDEX_FILE elsewhere: its shared index in the git directory
cd "$TMP/f-split" || exit 1
cp .git/index "$TMP/split-copy"
expect_ok "split index elsewhere: its shared index found in the git directory" \
	env GIT_INDEX_FILE="$TMP/split-copy" .git/hooks/pre-commit
