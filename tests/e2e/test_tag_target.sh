# End-to-end tests of tagTarget (issue 17, case 2): a tag named like a
# release must peel to a commit. Release tags of a blob, of a tree, a
# lightweight one of a tree and a tag of such a tag are pushed with the real
# git (a) from a clone with the client hooks (install.sh) to a bare remote
# without hooks, (b) with --no-verify to a bare repository set up with
# `install.sh --server`, over a path and over file://, and (c) to a server
# that runs only the update hook. Each push is refused with tagTarget's
# message and hint, and the receiving side's refs are unchanged; a tag not
# named like a version is no release and lands; the release tag the hint makes,
# on the release commit, passes everywhere.
# Run: FLOWGATE_BUILD=/abs/build bash tests/e2e/test_tag_target.sh (or sh tests/e2e/run.sh).

. "$(dirname "$0")/lib.sh"

export GIT_EDITOR=true GIT_MERGE_AUTOEDIT=no

# refs_of REPO: REPO's refs, one "<refname> <oid>" a line.
refs_of() { git -C "$1" for-each-ref --format='%(refname) %(objectname)'; }

# do_push DEST ARGS...: git push ARGS... from the cwd; its output in
# $LAST_OUT, its exit status in PUSH_STATUS, DEST's refs before and after in
# REFS_BEFORE and REFS_AFTER.
do_push() {
	local dest=$1
	shift
	REFS_BEFORE=$(refs_of "$dest")
	git push "$@" >"$LAST_OUT" 2>&1
	PUSH_STATUS=$?
	REFS_AFTER=$(refs_of "$dest")
}

# refused LABEL PREFIX TAG TYPE DEST ARGS...: git push ARGS... exits 1; its
# output has PREFIX (e.g. "remote: flowgate pre-receive: ") then tagTarget's
# line for TAG pointing at TYPE, and the hint with the commands that fix it
# (the message prefix of TAG's kind, 'release:' here); no tagAnnotated nor
# tagMessage line (their fixes would keep the blob or the tree); DEST's refs
# are unchanged.
refused() {
	local label=$1 prefix=$2 tag=$3 type=$4 dest=$5 rx
	shift 5
	rx=$(printf %s "$tag" | sed 's/\./\\./g')
	do_push "$dest" "$@"
	expect_eq "$label: git push exits 1" "$PUSH_STATUS" 1
	expect_output "$label: names tagTarget and the $type" \
		"^${prefix}error: tagTarget: tag '$rx' points at a $type, not a commit *\$"
	expect_output "$label: the hint deletes the tag and tags a commit" \
		"^${prefix%flowgate *}hint: delete the tag and tag the commit to release: git tag -d $rx && git tag -a $rx -m 'release: ${rx#v}' <commit> *\$"
	expect_no_output "$label: no tagAnnotated or tagMessage beside it" 'error: tag(Annotated|Message):'
	expect_eq "$label: the refs of the receiving side are unchanged" "$REFS_AFTER" "$REFS_BEFORE"
}

# accepted LABEL DEST WANT ARGS...: git push ARGS... exits 0 with no flowgate
# error, and DEST's refs are then WANT ("<refname> <oid>" lines).
accepted() {
	local label=$1 dest=$2 want=$3
	shift 3
	do_push "$dest" "$@"
	expect_eq "$label: git push exits 0" "$PUSH_STATUS" 0
	expect_no_output "$label: no flowgate error" 'flowgate [a-z-]+: (error|fatal)'
	expect_eq "$label: the refs of the receiving side" "$REFS_AFTER" "$want"
}

# ================================================================ the project
# A clone with the client hooks: main at 0.17.0-dev, release/0.17.x at 0.17.0.
W=$TMP/work
new_repo "$W"
install_flowgate "$W" || not_ok "install.sh in the work repository"
cd "$W" || exit 1
tick
set_version 0.17.0-dev
git commit -q -m 'chore: initial commit' || not_ok "the first commit"
main=$(head_oid)
git checkout -q -b release/0.17.x
tick
set_version 0.17.0
git commit -q -m 'chore: prepare release 0.17.0' || not_ok "the release commit"
rel=$(head_oid)

# The squatters: release names on objects that are not commits.
printf 'not a release\n' >"$TMP/somefile"
blob=$(git hash-object -w "$TMP/somefile")
tree=$(git rev-parse 'HEAD^{tree}')
tick
git tag -a v0.17.0 -m 'release: 0.17.0' "$blob"
git tag -a v0.18.0 -m 'release: 0.18.0' 'HEAD^{tree}'
git tag v0.19.0 'HEAD^{tree}'
git -c advice.nestedTag=false tag -a v0.20.0 -m 'release: 0.20.0' v0.17.0
expect_eq "set-up: v0.17.0 peels to a blob" "$(git cat-file -t 'v0.17.0^{}')" blob
expect_eq "set-up: v0.18.0 peels to a tree" "$(git cat-file -t 'v0.18.0^{}')" tree
expect_eq "set-up: v0.19.0 is lightweight, of a tree" "$(git cat-file -t v0.19.0)" tree
expect_eq "set-up: v0.20.0 is a tag of a tag" "$(git cat-file -t 'v0.20.0^{tag}')" tag
expect_eq "set-up: v0.20.0 peels to a blob" "$(git cat-file -t 'v0.20.0^{}')" blob

# squat_pushes LABEL PREFIX DEST URL [--no-verify]: each squatting tag
# pushed alone to URL (DEST on disk) is refused.
squat_pushes() {
	local label=$1 prefix=$2 dest=$3 url=$4
	shift 4
	refused "$label: annotated v0.17.0 of a blob" "$prefix" v0.17.0 blob "$dest" "$@" "$url" v0.17.0
	refused "$label: annotated v0.18.0 of a tree" "$prefix" v0.18.0 tree "$dest" "$@" "$url" v0.18.0
	refused "$label: lightweight v0.19.0 of a tree" "$prefix" v0.19.0 tree "$dest" "$@" "$url" v0.19.0
	refused "$label: v0.20.0, a tag of v0.17.0's tag" "$prefix" v0.20.0 blob "$dest" "$@" "$url" \
		v0.20.0
}

# ================================================ (a) the client's pre-push
PLAIN=$TMP/plain.git
new_origin "$PLAIN"
accepted "client: main and release/0.17.x" "$PLAIN" \
	"$(printf 'refs/heads/main %s\nrefs/heads/release/0.17.x %s' "$main" "$rel")" \
	"$PLAIN" main release/0.17.x
squat_pushes "client" 'flowgate pre-push: ' "$PLAIN" "$PLAIN"
refused "client: release/0.17.x and v0.17.0 of a blob in one push" 'flowgate pre-push: ' v0.17.0 blob \
	"$PLAIN" "$PLAIN" release/0.17.x v0.17.0

# ================================ (b) install.sh --server, pushed with --no-verify
SRV=$TMP/srv.git
new_origin "$SRV"
"$TOP/install.sh" --server "$SRV" >"$LAST_OUT" 2>&1 || not_ok "install.sh --server"
accepted "server: main and release/0.17.x" "$SRV" \
	"$(printf 'refs/heads/main %s\nrefs/heads/release/0.17.x %s' "$main" "$rel")" \
	--no-verify "$SRV" main release/0.17.x
squat_pushes "pre-receive, over a path" 'remote: flowgate pre-receive: ' "$SRV" "$SRV" --no-verify
squat_pushes "pre-receive, over file://" 'remote: flowgate pre-receive: ' "$SRV" "file://$SRV" \
	--no-verify
# All four in one push: each is named, none lands.
do_push "$SRV" --no-verify "file://$SRV" v0.17.0 v0.18.0 v0.19.0 v0.20.0
expect_eq "pre-receive, four squatting tags in one push: git push exits 1" "$PUSH_STATUS" 1
expect_eq "pre-receive, four squatting tags in one push: four tagTarget errors" \
	"$(grep -c '^remote: flowgate pre-receive: error: tagTarget: ' "$LAST_OUT")" 4
expect_eq "pre-receive, four squatting tags in one push: the server's refs are unchanged" \
	"$REFS_AFTER" "$REFS_BEFORE"

# A tag not named like a version is no release (issue 20, item 10): no
# release rule judges it, tagTarget included, and it lands. A version named
# without the prefix is a release tag: tagFormat (the rename, tagging a
# commit) and tagTarget.
tick
git tag -a notes-blob -m 'release: notes' "$blob"
accepted "pre-receive, notes-blob of a blob (not a release tag)" "$SRV" \
	"$(printf '%s\nrefs/tags/notes-blob %s' "$(refs_of "$SRV")" "$(git rev-parse notes-blob)" |
		LC_ALL=C sort)" --no-verify "$SRV" notes-blob
expect_no_output "pre-receive, notes-blob of a blob: no rule is told of it" 'flowgate pre-receive'
git tag -a 0.21.0 -m 'release: 0.21.0' "$blob"
do_push "$SRV" --no-verify "$SRV" 0.21.0
expect_eq "pre-receive, 0.21.0 of a blob: git push exits 1" "$PUSH_STATUS" 1
expect_output "pre-receive, 0.21.0 of a blob: tagFormat, the rename tagging a commit" \
	"^remote: hint: rename it to 'v0\.21\.0': git tag -d 0\.21\.0 && git tag -a v0\.21\.0 -m 'release: 0\.21\.0' <commit> *\$"
expect_output "pre-receive, 0.21.0 of a blob: tagTarget, to the new name" \
	"^remote: hint: delete the tag and tag the commit to release: git tag -d 0\.21\.0 && git tag -a v0\.21\.0 -m 'release: 0\.21\.0' <commit> *\$"
expect_eq "pre-receive, 0.21.0 of a blob: the server's refs are unchanged" "$REFS_AFTER" \
	"$REFS_BEFORE"
git tag -d 0.21.0 >/dev/null

# ====================================== (c) a server that runs only update
UPD=$TMP/upd.git
new_origin "$UPD"
"$TOP/install.sh" --server --with-update "$UPD" >"$LAST_OUT" 2>&1 || not_ok "install.sh --server --with-update (update only)"
rm -f "$UPD/hooks/pre-receive"
accepted "update alone: main and release/0.17.x" "$UPD" \
	"$(printf 'refs/heads/main %s\nrefs/heads/release/0.17.x %s' "$main" "$rel")" \
	--no-verify "$UPD" main release/0.17.x
squat_pushes "update alone, over a path" 'remote: flowgate update: ' "$UPD" "$UPD" --no-verify
squat_pushes "update alone, over file://" 'remote: flowgate update: ' "$UPD" "file://$UPD" --no-verify
expect_output "update alone: git reports the tag declined" \
	'\[remote rejected\] +v0\.20\.0 -> v0\.20\.0 \(hook declined\)'

# ======================================== the fix the hint gives, everywhere
# git tag -d v0.17.0 && git tag -a v0.17.0 -m 'release: 0.17.0' <commit>
git tag -d v0.17.0 >/dev/null && git tag -a v0.17.0 -m 'release: 0.17.0' "$rel"
good=$(git rev-parse v0.17.0)
expect_eq "the fixed v0.17.0 peels to the release commit" "$(git rev-parse 'v0.17.0^{commit}')" "$rel"
accepted "client: the fixed v0.17.0 passes pre-push" "$PLAIN" \
	"$(printf '%s\nrefs/tags/v0.17.0 %s' "$(refs_of "$PLAIN")" "$good")" "$PLAIN" v0.17.0
accepted "pre-receive: the fixed v0.17.0 lands" "$SRV" \
	"$(printf '%s\nrefs/tags/v0.17.0 %s' "$(refs_of "$SRV")" "$good")" --no-verify "file://$SRV" \
	v0.17.0
accepted "update alone: the fixed v0.17.0 lands" "$UPD" \
	"$(printf '%s\nrefs/tags/v0.17.0 %s' "$(refs_of "$UPD")" "$good")" --no-verify "$UPD" v0.17.0
