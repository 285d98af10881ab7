# End-to-end tests of the ways around the server gate (issue: "Close the
# bypasses"), each tried as a pusher with push access would, with the real
# git pushing over a path and file:// to bare repositories set up by
# `install.sh --server`: one where git runs flowgate's pre-receive, one
# where only update runs (--with-update, then pre-receive removed). The clone has no
# client hooks unless a test installs them, and pushes with --no-verify.
#   1. commits smuggled through a ref outside refs/heads/ and refs/tags/,
#      then brought into a branch by a fast-forward (refNamespace,
#      flowgate.allowRefs, install.sh's host namespaces);
#   3. update deciding from the hooks git really runs, not from its own
#      directory;
#   4. the pusher's environment (FLOWGATE_SKIP) and the pushed .flowgate
#      never loosening the rules the push is judged by.
# Run: FLOWGATE_BUILD=/abs/build bash tests/e2e/test_bypass.sh

. "$(dirname "$0")/lib.sh"

export GIT_EDITOR=true GIT_MERGE_AUTOEDIT=no
tick

# refs_of SRV: the server's refs, one "<refname> <oid>" a line.
refs_of() { git -C "$1" for-each-ref --format='%(refname) %(objectname)'; }

# new_server NAME KIND: $TMP/NAME.git with install.sh --server; KIND
# "update" installs update too (--with-update) and removes pre-receive (a
# server that runs per-ref hooks only). Sets SRV.
new_server() {
	SRV=$TMP/$1.git
	new_origin "$SRV"
	if [ "$2" = update ]; then
		"$TOP/install.sh" --server --with-update "$SRV" >"$LAST_OUT" 2>&1 ||
			not_ok "$1: install.sh --server --with-update"
		rm -f "$SRV/hooks/pre-receive"
	else
		"$TOP/install.sh" --server "$SRV" >"$LAST_OUT" 2>&1 || not_ok "$1: install.sh --server"
	fi
}

# url_of SRV TRANSPORT: how the clone names SRV (path or file://).
url_of() { if [ "$2" = file ]; then echo "file://$1"; else echo "$1"; fi; }

# pushed NAME ARGS...: git push --no-verify ARGS... succeeds and moves the refs.
pushed() {
	local name=$1
	shift
	if git push -q --no-verify "$@" >"$LAST_OUT" 2>&1; then ok "$name"; else not_ok "$name (exit $?)"; fi
}

# refused NAME RULE ARGS...: git push --no-verify ARGS... fails, the server
# names RULE, and its refs are byte-identical afterwards.
refused() {
	local name=$1 rule=$2 before after
	shift 2
	before=$(refs_of "$SRV")
	if git push --no-verify "$@" >"$LAST_OUT" 2>&1; then
		not_ok "$name (accepted)"
		return
	fi
	after=$(refs_of "$SRV")
	if ! grep -Eq "remote: flowgate (pre-receive|update): error: $rule:" "$LAST_OUT"; then
		not_ok "$name (no $rule refusal)"
	elif [ "$before" != "$after" ]; then
		not_ok "$name (the server's refs changed)"
	else
		ok "$name"
	fi
}

# work MESSAGE: a change committed with MESSAGE (no hook stops it).
NWORK=0
work() {
	tick
	NWORK=$((NWORK + 1))
	printf 'change %s\n' "$NWORK" >>notes.txt
	git add notes.txt && git commit -q -m "$1"
}

# new_clone NAME URL: $TMP/NAME, a repository with one good commit on main,
# pushed to URL; cd into it.
new_clone() {
	new_repo "$TMP/$1"
	cd "$TMP/$1" || exit 1
	git remote add origin "$2"
	work "feat: start"
	git push -q origin HEAD:main >"$LAST_OUT" 2>&1 || not_ok "$1: the first push"
}

for transport in path file; do
	for kind in pre-receive update; do
		T="$kind/$transport"
		new_server "ns-$kind-$transport" "$kind"
		URL=$(url_of "$SRV" "$transport")
		new_clone "ns-$kind-$transport" "$URL"
		good=$(git rev-parse HEAD)

		# ---- 1. smuggling through an unchecked ref, then a fast-forward
		work "WIP lol"
		refused "$T: a push to refs/custom/y is refused" refNamespace origin HEAD:refs/custom/y
		expect_output "$T: refNamespace names the ref" 'refNamespace: refs/custom/y is outside refs/heads/ and refs/tags/'
		expect_output "$T: its hint is the allowRefs command" "hint: .*git config --add flowgate.allowRefs 'refs/custom/\*'"
		for ref in refs/for/main refs/pull/1/head refs/notes/x refs/remotes/origin/main; do
			refused "$T: a push to $ref is refused" refNamespace origin "HEAD:$ref"
		done
		refused "$T: a branch and a custom ref in one push: refused" "(refNamespace|headerFormat)" \
			origin HEAD:refs/heads/feature/x HEAD:refs/custom/z

		git -C "$SRV" config --add flowgate.allowRefs 'refs/custom/*'
		pushed "$T: flowgate.allowRefs lets refs/custom/y in" origin HEAD:refs/custom/y
		expect_eq "$T: refs/custom/y holds the commit" \
			"$(git -C "$SRV" rev-parse -q --verify refs/custom/y)" "$(git rev-parse HEAD)"
		refused "$T: then a fast-forward of main to it is judged" headerFormat origin HEAD:main
		expect_output "$T: the smuggled commit is named" "header 'WIP lol'"
		expect_eq "$T: main stays at the good commit" "$(git -C "$SRV" rev-parse main)" "$good"
		refused "$T: and so is a new branch at it" headerFormat origin HEAD:refs/heads/feature/y
		# a lightweight tag that is no release does not make its commits judged
		git tag wip HEAD
		git -C "$SRV" config --add flowgate.allowRefs 'refs/keep/*'
		pushed "$T: an allowed ref of the same commit" origin HEAD:refs/keep/a
		refused "$T: a non-release tag at it is judged as a branch is" headerFormat origin refs/tags/wip
		pushed "$T: deleting an allowed ref" origin :refs/custom/y
		git -C "$SRV" config --unset-all flowgate.allowRefs
		pushed "$T: deleting a ref outside the namespaces adds nothing: accepted" origin :refs/keep/a

		# ---- 4. the pusher's environment and the pushed .flowgate
		git reset -q --hard "$good"
		printf '[rule "headerFormat"]\n\tseverity = off\n' >.flowgate
		git add .flowgate
		tick
		git commit -q -m "chore: relax the header rule"
		relax=$(git rev-parse HEAD)
		work "WIP in the same push"
		refused "$T: a pushed .flowgate does not judge its own push" headerFormat origin HEAD:main
		FLOWGATE_SKIP=headerFormat refused "$T: FLOWGATE_SKIP from the pusher is ignored" \
			headerFormat origin HEAD:main
		FLOWGATE_SKIP=headerFormat,refNamespace refused "$T: FLOWGATE_SKIP cannot open a namespace" \
			refNamespace origin HEAD:refs/custom/q
		git -C "$SRV" config flowgate.allowEnvSkip true
		before=$(refs_of "$SRV")
		FLOWGATE_SKIP=headerFormat pushed "$T: flowgate.allowEnvSkip=true obeys FLOWGATE_SKIP" \
			origin HEAD:refs/heads/feature/skip
		git -C "$SRV" config --unset flowgate.allowEnvSkip
		pushed "$T: deleting it" origin :refs/heads/feature/skip
		pushed "$T: the .flowgate change alone, well written, is accepted" origin "$relax:main"
		pushed "$T: from the next push on, its rules apply" origin HEAD:main
		# a new ref takes the default branch's rules, not its own commit's
		git checkout -q -b feature/strict "$good"
		printf '[rule "subjectFullStop"]\n\tseverity = error\n' >.flowgate
		git add .flowgate
		tick
		git commit -q -m "chore: stricter."
		pushed "$T: a new branch is judged by the default branch's rules" origin HEAD:refs/heads/feature/strict
		printf '[rule "headerFormat"]\n\tseverity = fatal\n' >.flowgate
		git add .flowgate
		tick
		git commit -q -m "chore: break the configuration"
		if git push --no-verify origin HEAD:refs/heads/feature/strict >"$LAST_OUT" 2>&1; then
			not_ok "$T: a pushed .flowgate that is bad configuration is refused (accepted)"
		else
			ok "$T: a pushed .flowgate that is bad configuration is refused"
		fi
		expect_output "$T: it names the pushed file" "bad configuration: .*\\.flowgate.*unknown severity 'fatal'"
		git checkout -q main 2>/dev/null || git checkout -q -b main "$good"
		cd "$TMP" || exit 1
	done
done

# ---- 1, with the client hooks: the server refuses what pre-push lets by
new_server ns-client pre-receive
new_clone ns-client "$SRV"
install_flowgate "$TMP/ns-client" || not_ok "client: install.sh"
work "feat: a good change"
if git push origin HEAD:refs/custom/y >"$LAST_OUT" 2>&1; then
	not_ok "client hooks: a push to refs/custom/y is refused by the server (accepted)"
else
	ok "client hooks: a push to refs/custom/y is refused by the server"
fi
expect_output "client hooks: the server names refNamespace" 'remote: flowgate pre-receive: error: refNamespace:'
cd "$TMP" || exit 1

# ---- 1. install.sh --server allows the namespaces a recognised host writes
SRV=$TMP/gitea.git
new_origin "$SRV"
printf '#!/usr/bin/env bash\n# AUTO GENERATED BY GITEA, DO NOT MODIFY\nexit 0\n' >"$SRV/hooks/pre-receive"
chmod +x "$SRV/hooks/pre-receive"
expect_ok "gitea: install.sh --server" "$TOP/install.sh" --server "$SRV"
expect_output "gitea: it says what it allows" 'flowgate.allowRefs: added refs/pull/\* \(Gitea writes it\)'
expect_eq "gitea: refs/pull/* and refs/for/* allowed" \
	"$(git -C "$SRV" config --get-all flowgate.allowRefs | tr '\n' ' ')" "refs/pull/* refs/for/* "
expect_ok "gitea: installing again" "$TOP/install.sh" --server "$SRV"
expect_eq "gitea: adds nothing twice" "$(git -C "$SRV" config --get-all flowgate.allowRefs | wc -l)" 2
SRV=$TMP/@hashed/ab/cd/project.git
mkdir -p "$TMP/@hashed/ab/cd"
new_origin "$SRV"
expect_ok "gitlab: install.sh --server" "$TOP/install.sh" --server "$SRV"
expect_eq "gitlab: its namespaces allowed" \
	"$(git -C "$SRV" config --get-all flowgate.allowRefs | tr '\n' ' ')" \
	"refs/merge-requests/* refs/keep-around/* refs/environments/* refs/pipelines/* "
SRV=$TMP/plain.git
new_origin "$SRV"
expect_ok "plain: install.sh --server" "$TOP/install.sh" --server "$SRV"
expect_eq "plain: allows no namespace" "$(git -C "$SRV" config --get-all flowgate.allowRefs)" ""

# ---- 3. update decides from the hooks git really runs
# update_case NAME SETUP: a server where the function SETUP (run in its git
# dir) leaves flowgate's pre-receive where git does not run it; a bad
# commit pushed to main must be refused by update.
update_case() {
	local name=$1 transport
	for transport in path file; do
		SRV=$TMP/upd-$name-$transport.git
		new_origin "$SRV"
		"$TOP/install.sh" --server --with-update "$SRV" >"$LAST_OUT" 2>&1 ||
			not_ok "$name: install.sh --server --with-update"
		(cd "$SRV" && "$2")
		new_clone "upd-$name-$transport" "$(url_of "$SRV" "$transport")"
		work "WIP through $name"
		refused "update ($name, $transport): the bad commit is refused" headerFormat origin HEAD:main
		expect_output "update ($name, $transport): by update" 'remote: flowgate update: error: headerFormat:'
		cd "$TMP" || exit 1
	done
}
mkdir -p "$TMP/shared"
cp "$FLOWGATE_BUILD/hooks/update" "$FLOWGATE_BUILD/hooks/pre-receive" "$TMP/shared/"
# the repository's update execs a shared copy that has a pre-receive beside it
shared_copy() {
	rm hooks/pre-receive
	printf '#!/bin/sh\nexec "%s/shared/update" "$@"\n' "$TMP" >hooks/update
	chmod +x hooks/update
}
update_case shared-copy shared_copy
# git ignores a pre-receive that is not executable
not_executable() { chmod -x hooks/pre-receive; }
update_case not-executable not_executable
# core.hooksPath: git runs the hooks there, not hooks/
hookspath() {
	mkdir -p "$TMP/hp-$transport"
	cp hooks/update "$TMP/hp-$transport/"
	git config core.hooksPath "$TMP/hp-$transport"
}
update_case hookspath hookspath
# a relative core.hooksPath (from the git dir, where the hooks run)
hookspath_relative() {
	mkdir -p rel-hooks
	cp hooks/update rel-hooks/
	git config core.hooksPath rel-hooks
}
update_case hookspath-relative hookspath_relative
# a pre-receive that is another flowgate binary (pre-commit's) judges no push
other_binary() { cp "$FLOWGATE_BUILD/hooks/pre-commit" hooks/pre-receive; }
update_case other-binary other_binary
# nor does install.sh's launcher of one (update follows a launcher's target)
other_launcher() {
	launcher_for "$FLOWGATE_BUILD/hooks/pre-commit" hooks/pre-receive && chmod 755 hooks/pre-receive
}
update_case other-launcher other_launcher
# where git runs flowgate's pre-receive through core.hooksPath, it judges the push
SRV=$TMP/upd-both.git
new_origin "$SRV"
"$TOP/install.sh" --server --with-update "$SRV" >"$LAST_OUT" 2>&1 || not_ok "both: install.sh --server --with-update"
git -C "$SRV" config core.hooksPath "$SRV/hooks"
new_clone upd-both "$SRV"
work "WIP where both run"
refused "both hooks: the bad commit is refused" headerFormat origin HEAD:main
expect_output "both hooks: by pre-receive" 'remote: flowgate pre-receive: error: headerFormat:'
work "feat: a good change"
git reset -q --soft HEAD~2 && git commit -q -m "feat: a good change"
pushed "both hooks: a good push is accepted" origin HEAD:main
cd "$TMP" || exit 1
