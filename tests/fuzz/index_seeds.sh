#!/bin/sh
# Seeds of the index fuzz target (fuzz_index.c), made by git, not kept in
# the source tree: one index file of each format git 2.39 writes, in small
# repositories, each as the target reads its input: 4 bytes (big-endian),
# the index file's length, the index file, then for a split index its
# shared index.
#
#   index_seeds.sh OUT_DIR
set -eu
out=$1
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/flowgate-index-seeds.XXXXXX")
trap 'rm -rf "$work"' EXIT
export HOME="$work" GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME=seed GIT_AUTHOR_EMAIL=seed@example.com
export GIT_COMMITTER_NAME=seed GIT_COMMITTER_EMAIL=seed@example.com
unset GIT_DIR GIT_INDEX_FILE GIT_WORK_TREE 2>/dev/null || true

# seed NAME: the current repository's index (and shared index) as OUT/NAME.
seed() {
	size=$(wc -c <.git/index)
	{
		printf "$(printf '\\%03o\\%03o\\%03o\\%03o' $((size >> 24 & 255)) \
			$((size >> 16 & 255)) $((size >> 8 & 255)) $((size & 255)))"
		cat .git/index
		for s in .git/sharedindex.*; do
			if [ -f "$s" ]; then cat "$s"; fi
		done
	} >"$out/$1"
}

# repo NAME: a new repository with a few files in directories, committed.
repo() {
	rm -rf "${work:?}/$1"
	git init -q -b main "$work/$1"
	cd "$work/$1"
	mkdir -p a/b docs half_orm
	echo 0.1.0 >VERSION
	echo 0.1.0 >half_orm/version.txt
	echo '# 0.1.x' >docs/index.md
	echo x >a/b/c
	echo y >b
	printf '[rule "typeEnum"]\n\tseverity = warn\n' >.flowgate
	git add -A
	git commit -q -m init
}

for v in 2 3 4; do
	repo "v$v"
	if [ "$v" != 2 ]; then
		echo z >z
		git add -N z
	fi
	git update-index --index-version "$v"
	seed "version-$v"
done
for v in 2 4; do
	repo "split$v"
	git update-index --index-version "$v"
	git update-index --split-index
	echo changed >b
	git add b
	git update-index --chmod=+x VERSION
	git rm -q --cached a/b/c
	echo new >d
	git add d
	seed "split-version-$v"
done
repo sparse
git sparse-checkout set --cone --sparse-index half_orm >/dev/null 2>&1
seed sparse-index
repo conflict
blob=$(git hash-object -w VERSION)
printf '100644 %s 1\tc\n100644 %s 2\tc\n100644 %s 3\tc\n' "$blob" "$blob" "$blob" |
	git update-index --index-info
seed conflict
git update-index --add --cacheinfo "100644,$blob,c"
seed resolve-undo
repo untracked
git config core.untrackedCache true
git status --porcelain >/dev/null
seed untracked-cache
repo eoie
git config index.recordEndOfIndexEntries true
git config index.recordOffsetTable true
git config index.threads 2
git update-index --index-version 4
seed end-of-entries
