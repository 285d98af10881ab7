#!/bin/bash
# Missing objects are not "no file": in a partial clone (git clone
# --filter=blob:none over file://, the origin serving with
# uploadpack.allowFilter), the version files and the .flowgate of commits
# never checked out are blobs git has not fetched. pre-push (installed by
# install.sh) refuses such a push with exit status 3 (FG_EXIT_INTERNAL),
# naming each object (path and OID) and the command that makes git fetch it
# from the promisor remote (git cat-file -e <oid>), where it used to read
# the files as absent and let versionConsistency and tagVersionMatch pass;
# `flowgate version --rev` says the same instead of "bad configuration:
# (null)". Running the printed command makes the next push refuse, or pass,
# as a full clone's does. On the server, pre-receive (install.sh --server)
# refuses a push whose version files it cannot read, the blob deleted or
# corrupt in the server's object store, instead of passing it.
# Run: FLOWGATE_BUILD=/abs/build bash tests/e2e/test_partial_clone.sh (or sh tests/e2e/run.sh).

. "$(dirname "$0")/lib.sh"

export GIT_EDITOR=true GIT_MERGE_AUTOEDIT=no
ZERO=0000000000000000000000000000000000000000
FLOWGATE=$FLOWGATE_BUILD/flowgate

tick

# commit_on REV MESSAGE: a new commit on REV with REV's tree, made without
# checking anything out (so its blobs stay unfetched); prints its OID.
commit_on() {
	tick
	git commit-tree -p "$1" -m "$2" "$1^{tree}"
}

# missing_blobs: the objects this clone lacks (git rev-list --missing=print).
missing_blobs() { git rev-list --objects --all --missing=print | sed -n 's/^?//p'; }

# pre_push LOCAL_OID REMOTE_REF: run the installed pre-push by hand, as git
# push runs it for LOCAL_OID to REMOTE_REF, a new ref of origin; output in
# LAST_OUT, exit status in HOOK_STATUS.
pre_push() {
	printf 'refs/heads/x %s %s %s\n' "$1" "$2" "$ZERO" |
		.git/hooks/pre-push origin "file://$O" >"$LAST_OUT" 2>&1
	HOOK_STATUS=$?
}

# fetch_command: the command the last refusal printed to fetch what is missing.
fetch_command() { sed -n 's/.*fetch \(it\|them\) from the promisor remote: //p' "$LAST_OUT"; }

# -------------------------------------------------------------- the origin
# main at 0.1.0; feature/wip whose half_orm/version.txt alone says 0.3.0;
# feature/cfg with a .flowgate; release/0.2.x at 0.2.0-rc1 (A), then 0.2.0 (B).
O=$TMP/origin.git
new_origin "$O"
git -C "$O" config uploadpack.allowFilter true
D=$TMP/dev
new_repo "$D"
git -C "$D" remote add origin "$O"
cd "$D" || exit 1
tick
set_version 0.1.0
printf '# halfORM\n' >README.md && git add README.md
git commit -q -m 'chore: initial commit'
git checkout -q -b feature/wip
tick
printf '0.3.0\n' >half_orm/version.txt && git commit -q -am 'feat: bump one file only'
git checkout -q -b feature/cfg main
tick
printf '[rule "typeEnum"]\n\tseverity = warning\n' >.flowgate && git add .flowgate
git commit -q -m 'chore: configure flowgate'
git checkout -q -b release/0.2.x main
tick
set_version 0.2.0-rc1 && git commit -q -m 'chore: 0.2.0-rc1'
rel_a=$(head_oid)
tick
set_version 0.2.0 && git commit -q -m 'chore: 0.2.0'
rel_b=$(head_oid)
git checkout -q main
git push -q origin main feature/wip feature/cfg release/0.2.x >"$LAST_OUT" 2>&1 ||
	not_ok "setup: push to the origin"

# A full clone, with the hooks: what pre-push says where every blob is here.
F=$TMP/full
git clone -q "file://$O" "$F" >"$LAST_OUT" 2>&1 || not_ok "setup: full clone"
install_flowgate "$F" || not_ok "setup: install.sh in the full clone"

# ------------------------------------------------------- the partial clone
P=$TMP/partial
git clone -q --filter=blob:none "file://$O" "$P" >"$LAST_OUT" 2>&1
expect_eq "partial clone: git clone --filter=blob:none succeeds" "$?" 0
install_flowgate "$P" || not_ok "setup: install.sh in the partial clone"
cd "$P" || exit 1
wip_blob=$(git rev-parse origin/feature/wip:half_orm/version.txt)
missing_blobs >"$TMP/missing"
if grep -qx "$wip_blob" "$TMP/missing"; then
	ok "partial clone: feature/wip's half_orm/version.txt ($wip_blob) is not fetched"
else
	not_ok "partial clone: feature/wip's half_orm/version.txt ($wip_blob) is not fetched"
fi

# ------------------------------- versionConsistency at a pushed branch tip
wip2=$(commit_on origin/feature/wip 'feat: more work on wip')
pre_push "$wip2" refs/heads/feature/wip2
expect_eq "branch tip, blob not fetched: pre-push exits 3" "$HOOK_STATUS" 3
expect_output "branch tip, blob not fetched: names the commit" \
	"^flowgate pre-push: fatal: cannot read the version files of commit $(printf %s "$wip2" | cut -c1-12): "
expect_output "branch tip, blob not fetched: names the path and the OID" \
	"not in this partial clone: half_orm/version.txt \(blob $wip_blob\); "
expect_eq "branch tip, blob not fetched: prints the fetch command" \
	"$(fetch_command)" "git cat-file -e $wip_blob"
expect_no_output "branch tip, blob not fetched: no (null)" '\(null\)'
expect_fail "branch tip, blob not fetched: git push is refused" \
	git push origin "$wip2:refs/heads/feature/wip2"
expect_output "branch tip, blob not fetched: git push shows the fatal line" \
	"fatal: cannot read the version files of commit .*half_orm/version.txt \(blob $wip_blob\)"
expect_eq "branch tip, blob not fetched: the origin has no feature/wip2" \
	"$(git -C "$O" rev-parse -q --verify refs/heads/feature/wip2)" ""

# flowgate version --rev in the partial clone: the same error, not "(null)"
"$FLOWGATE" version --rev origin/feature/wip >"$LAST_OUT" 2>&1
expect_eq "flowgate version --rev, blob not fetched: exits 3" "$?" 3
expect_output "flowgate version --rev, blob not fetched: names the object and the command" \
	"^flowgate version: fatal: not in this partial clone: half_orm/version.txt \(blob $wip_blob\); fetch it from the promisor remote: git cat-file -e $wip_blob$"
expect_no_output "flowgate version --rev, blob not fetched: no bad configuration: (null)" \
	'bad configuration|\(null\)'

# the printed command fetches the blob; then pre-push judges as a full clone does
pre_push "$wip2" refs/heads/feature/wip2
cmd=$(fetch_command)
sh -c "$cmd" >"$LAST_OUT" 2>&1
expect_eq "branch tip: the printed command succeeds" "$?" 0
if missing_blobs | grep -qx "$wip_blob"; then
	not_ok "branch tip: the printed command fetched $wip_blob"
else
	ok "branch tip: the printed command fetched $wip_blob"
fi
pre_push "$wip2" refs/heads/feature/wip2
expect_eq "branch tip, blob fetched: pre-push exits 1" "$HOOK_STATUS" 1
expect_output "branch tip, blob fetched: versionConsistency" \
	"^flowgate pre-push: error: versionConsistency: version files disagree: half_orm/version.txt says '0.3.0'"
grep '^flowgate pre-push: error:' "$LAST_OUT" >"$TMP/partial.rules"
# the same commit in the full clone (the same bytes, so the same OID)
git cat-file commit "$wip2" | git -C "$F" hash-object -t commit -w --stdin >/dev/null
(cd "$F" && git push origin "$wip2:refs/heads/feature/wip2") >"$LAST_OUT" 2>&1
expect_eq "branch tip, full clone: git push is refused" "$?" 1
grep '^flowgate pre-push: error:' "$LAST_OUT" >"$TMP/full.rules"
expect_eq "branch tip: the partial clone now says what the full clone says" \
	"$(cat "$TMP/partial.rules")" "$(cat "$TMP/full.rules")"
"$FLOWGATE" version --rev origin/feature/wip >"$LAST_OUT" 2>&1
expect_eq "flowgate version --rev, blob fetched: exits 1 (files disagree)" "$?" 1
expect_output "flowgate version --rev, blob fetched: versionConsistency" 'versionConsistency'

# ------------------------------------------- tagVersionMatch on a pushed tag
tick
git tag -a v0.2.0 -m 'release: 0.2.0' "$rel_a"
rel_a_blobs=$(git rev-parse "$rel_a:half_orm/version.txt" "$rel_a:setup.py" "$rel_a:docs/index.md")
tag_oid=$(git rev-parse v0.2.0)
printf 'refs/tags/v0.2.0 %s refs/tags/v0.2.0 %s\n' "$tag_oid" "$ZERO" |
	.git/hooks/pre-push origin "file://$O" >"$LAST_OUT" 2>&1
expect_eq "tag, blobs not fetched: pre-push exits 3" "$?" 3
for b in $rel_a_blobs; do
	expect_output "tag, blobs not fetched: names blob $b" "\(blob $b\)"
done
expect_output "tag, blobs not fetched: names every path" \
	"half_orm/version.txt \(blob [0-9a-f]{40}\), setup.py \(blob [0-9a-f]{40}\), docs/index.md \(blob [0-9a-f]{40}\); fetch them"
want=$(for b in $rel_a_blobs; do printf 'git cat-file -e %s && ' "$b"; done)
expect_eq "tag, blobs not fetched: one command fetches them all" "$(fetch_command)" \
	"${want% && }"
expect_no_output "tag, blobs not fetched: tagVersionMatch is not passed silently" \
	'tagVersionMatch'
expect_fail "tag, blobs not fetched: git push is refused" git push origin v0.2.0
expect_eq "tag, blobs not fetched: the origin has no v0.2.0" \
	"$(git -C "$O" rev-parse -q --verify refs/tags/v0.2.0)" ""
printf 'refs/tags/v0.2.0 %s refs/tags/v0.2.0 %s\n' "$tag_oid" "$ZERO" |
	.git/hooks/pre-push origin "file://$O" >"$LAST_OUT" 2>&1
sh -c "$(fetch_command)" >"$LAST_OUT" 2>&1
expect_eq "tag: the printed command succeeds" "$?" 0
git push origin v0.2.0 >"$LAST_OUT" 2>&1
expect_eq "tag, blobs fetched: git push is refused" "$?" 1
expect_output "tag, blobs fetched: tagVersionMatch" \
	"^flowgate pre-push: error: tagVersionMatch: .*0\.2\.0-rc1"
grep '^flowgate pre-push: error:' "$LAST_OUT" >"$TMP/partial.rules"
(cd "$F" && git tag -a v0.2.0 -m 'release: 0.2.0' "$rel_a" && git push origin v0.2.0) \
	>"$LAST_OUT" 2>&1
expect_eq "tag, full clone: git push is refused" "$?" 1
grep '^flowgate pre-push: error:' "$LAST_OUT" >"$TMP/full.rules"
expect_eq "tag: the partial clone now says what the full clone says" \
	"$(cat "$TMP/partial.rules")" "$(cat "$TMP/full.rules")"

# ------------------------------------------ a good push, once fetched, lands
fix=$(commit_on "$rel_b" 'fix: a fix for 0.2.0')
pre_push "$fix" refs/heads/release/0.2.x
expect_eq "good push, blobs not fetched: pre-push exits 3" "$HOOK_STATUS" 3
"$FLOWGATE" version --rev "$fix" >"$LAST_OUT" 2>&1
expect_eq "flowgate version --rev on a new commit, blobs not fetched: exits 3" "$?" 3
sh -c "$(fetch_command)" >"$LAST_OUT" 2>&1
expect_eq "good push: the printed command succeeds" "$?" 0
"$FLOWGATE" version --rev "$fix" >"$LAST_OUT" 2>&1
expect_eq "flowgate version --rev, blobs fetched: prints the version" "$(cat "$LAST_OUT")" "0.2.0"
expect_ok "good push, blobs fetched: git push passes" \
	git push origin "$fix:refs/heads/release/0.2.x"
expect_eq "good push: the origin's release/0.2.x moved" \
	"$(git -C "$O" rev-parse refs/heads/release/0.2.x)" "$fix"

# ------------------------------------------------- .flowgate not fetched
cfg_blob=$(git rev-parse origin/feature/cfg:.flowgate)
# A rewrite is judged by the rules the branch had (the .flowgate at its old
# tip): unreadable, they are an error, not the pushed commit's rules.
old_tip=$(git rev-parse origin/feature/cfg)
redo=$(commit_on origin/main 'feat: start feature/cfg over')
printf 'refs/heads/x %s refs/heads/feature/cfg %s\n' "$redo" "$old_tip" |
	.git/hooks/pre-push origin "file://$O" >"$LAST_OUT" 2>&1
expect_eq "rewrite, old tip's .flowgate not fetched: pre-push exits 3" "$?" 3
expect_output "rewrite, old tip's .flowgate not fetched: names it and the command" \
	"^flowgate pre-push: fatal: cannot read the configuration of commit $(printf %s "$old_tip" | cut -c1-12): not in this partial clone: \.flowgate \(blob $cfg_blob\); fetch it from the promisor remote: git cat-file -e $cfg_blob$"
cfg2=$(commit_on origin/feature/cfg 'feat: work under the committed rules')
pre_push "$cfg2" refs/heads/feature/cfg2
expect_eq ".flowgate not fetched: pre-push exits 3" "$HOOK_STATUS" 3
expect_output ".flowgate not fetched: names it and the command" \
	"^flowgate pre-push: fatal: cannot read the configuration: not in this partial clone: \.flowgate \(blob $cfg_blob\); fetch it from the promisor remote: git cat-file -e $cfg_blob$"
sh -c "$(fetch_command)" >"$LAST_OUT" 2>&1
pre_push "$cfg2" refs/heads/feature/cfg2
expect_eq ".flowgate fetched: pre-push exits 0" "$HOOK_STATUS" 0

# ------------------------------------------------------------ the server
# pre-receive (install.sh --server) where the server's own copy of a version
# file's blob is gone, or corrupt: the push is refused, not passed.
for damage in missing corrupt; do
	SRV=$TMP/server-$damage.git
	new_origin "$SRV"
	"$TOP/install.sh" --server "$SRV" >"$LAST_OUT" 2>&1 || not_ok "$damage: install.sh --server"
	S=$TMP/pusher-$damage
	new_repo "$S"
	cd "$S" || exit 1
	tick
	set_version 0.1.0
	git commit -q -m 'chore: initial commit'
	git push -q "$SRV" main >"$LAST_OUT" 2>&1 || not_ok "$damage: first push"
	blob=$(git rev-parse HEAD:half_orm/version.txt)
	loose=$SRV/objects/$(printf %s "$blob" | cut -c1-2)/$(printf %s "$blob" | cut -c3-)
	if [ ! -f "$loose" ]; then
		not_ok "$damage: the server stores $blob as a loose object"
		continue
	fi
	if [ "$damage" = missing ]; then
		rm -f "$loose"
	else
		chmod u+w "$loose" && printf 'not a zlib stream\n' >"$loose"
	fi
	tick
	printf 'notes\n' >notes.txt && git add notes.txt && git commit -q -m 'docs: add notes'
	before=$(git -C "$SRV" rev-parse main)
	git push "$SRV" main >"$LAST_OUT" 2>&1
	expect_eq "server, blob $damage: git push is refused" "$?" 1
	expect_output "server, blob $damage: pre-receive names the commit" \
		"remote: flowgate pre-receive: fatal: cannot read the version files of commit $(head_oid | cut -c1-12): "
	if [ "$damage" = missing ]; then
		expect_output "server, blob missing: names the path, the OID and the damage" \
			"missing from the repository: half_orm/version.txt \(blob $blob\); the repository is damaged: git fsck"
	else
		expect_output "server, blob corrupt: names the path, the OID and the damage" \
			"half_orm/version.txt \(blob $blob\) cannot be read: .*; the repository is damaged: git fsck"
	fi
	expect_eq "server, blob $damage: main did not move" "$(git -C "$SRV" rev-parse main)" "$before"
	# the hook's own exit status, run by hand once the pushed objects are
	# there (a fetch, which runs no hook, brings them)
	git -C "$SRV" fetch -q "$S" "main:refs/probe/$damage" >"$LAST_OUT" 2>&1 ||
		not_ok "$damage: fetch the pushed objects into the server"
	printf '%s %s refs/heads/main\n' "$before" "$(head_oid)" |
		GIT_DIR=$SRV "$SRV/hooks/pre-receive" >"$LAST_OUT" 2>&1
	expect_eq "server, blob $damage: pre-receive run by hand exits 3" "$?" 3
	expect_output "server, blob $damage: pre-receive run by hand names the blob" \
		"^flowgate pre-receive: fatal: cannot read the version files of commit .*\(blob $blob\)"
done
