#!/usr/bin/env bash
# The pre-commit framework (https://pre-commit.com), Debian 12's: flowgate as
# one of its hooks (.pre-commit-hooks.yaml running `flowgate hook <hook>`,
# configured by the README's snippet), and install.sh beside
# `pre-commit install`, in either order, any number of times.
. "$(dirname "$0")/lib.sh"
only_once "the pre-commit framework (a Debian package it may install)"

INSTALL=$TOP/install.sh
export PATH="$FLOWGATE_BUILD:$PATH" # language: system runs `flowgate`
export PRE_COMMIT_HOME="$TMP/pre-commit-home" PRE_COMMIT_COLOR=never

# ------------------------------------------- flowgate hook, without the framework
expect_status "hook: no hook name is a usage error" 2 flowgate hook
expect_status "hook: an unknown hook is a usage error" 2 flowgate hook pre-receive
expect_output "hook: the unknown hook is named" "^flowgate: error: unknown hook 'pre-receive'"
expect_status "hook: pre-push without arguments or the framework's variables: exit 2" 2 \
	env -u PRE_COMMIT_REMOTE_NAME flowgate hook pre-push
expect_output "hook: pre-push names the variables it wants" 'PRE_COMMIT_REMOTE_NAME'
expect_status "hook: commit-msg without a message file: exit 2" 2 flowgate hook commit-msg

# ------------------------------------------------------- the framework itself
if ! need_tool pre-commit pre-commit; then
	echo "# skip - the pre-commit framework is not installed and could not be (apt-get install pre-commit): its tests are not run"
	exit 0
fi
echo "# $(pre-commit --version)"

# in_dir DIR CMD...: CMD run in DIR.
in_dir() { (cd "$1" && shift && "$@"); }

# doctor_says NAME STATUS DIR: flowgate doctor in DIR exits STATUS.
doctor_says() { expect_status "$1: doctor exits $2" "$2" in_dir "$3" flowgate doctor; }

# committed NAME DIR MESSAGE [FILE]: a commit with MESSAGE (staging FILE,
# created, when given) is made in DIR.
committed() {
	before=$(git -C "$2" rev-parse -q --verify HEAD)
	if [ -n "${4:-}" ]; then echo "$4" >"$2/$4" && git -C "$2" add -- "$4"; fi
	git -C "$2" commit --allow-empty -m "$3" >"$LAST_OUT" 2>&1
	status=$?
	if [ "$status" -eq 0 ] && [ "$(git -C "$2" rev-parse HEAD)" != "$before" ]; then
		ok "$1"
	else
		not_ok "$1 (exit $status)"
	fi
}

# refused NAME DIR MESSAGE [FILE]: that commit is refused, HEAD unchanged
# (FILE is unstaged again).
refused() {
	before=$(git -C "$2" rev-parse -q --verify HEAD)
	if [ -n "${4:-}" ]; then echo "$4" >"$2/$4" && git -C "$2" add -- "$4"; fi
	git -C "$2" commit --allow-empty -m "$3" >"$LAST_OUT" 2>&1
	status=$?
	if [ "$status" -ne 0 ] && [ "$(git -C "$2" rev-parse -q --verify HEAD)" = "$before" ]; then
		ok "$1"
	else
		not_ok "$1 (exit $status)"
	fi
	if [ -n "${4:-}" ]; then git -C "$2" rm -q --cached -- "$4" && rm -f -- "$2/$4"; fi
}

# remote_has ORIGIN REF: the bare repository ORIGIN has REF.
remote_has() { git --git-dir="$1" rev-parse -q --verify "$2" >/dev/null; }

# ---------------------------------------- (a) flowgate as the framework's hook
# flowgate's repository, as the framework fetches it: .pre-commit-hooks.yaml
# committed at a revision.
FG=$TMP/flowgate-repo
new_repo "$FG"
cp -- "$TOP/.pre-commit-hooks.yaml" "$FG/"
git -C "$FG" add .pre-commit-hooks.yaml && git -C "$FG" commit -q -m "feat: the hooks"
REV=$(git -C "$FG" rev-parse HEAD)
expect_ok "the manifest is valid" pre-commit validate-manifest "$TOP/.pre-commit-hooks.yaml"

# The README's snippet, with flowgate's repository and revision put in.
R=$TMP/framework O=$TMP/framework-origin.git
new_repo "$R"
new_origin "$O"
git -C "$R" remote add origin "$O"
sed -n '/^<!-- pre-commit config:/,/^<!-- end of pre-commit config -->/p' "$TOP/README.md" |
	sed '1,2d;$d' | sed '$d' >"$TMP/readme-config"
expect_ok "README: the pre-commit config snippet is there" grep -q 'id: flowgate-commit-msg' "$TMP/readme-config"
sed -e "s|^\\(  - repo: \\).*|\\1$FG|" -e "s|^\\(    rev: \\).*|\\1$REV|" \
	"$TMP/readme-config" >"$R/.pre-commit-config.yaml"
expect_ok "the README's config names the test's flowgate repository" \
	grep -q "rev: $REV\$" "$R/.pre-commit-config.yaml"
expect_ok "pre-commit install, the six hook types" in_dir "$R" pre-commit install \
	--hook-type pre-commit --hook-type commit-msg --hook-type pre-push --hook-type post-merge \
	--hook-type post-commit --hook-type prepare-commit-msg
git -C "$R" add .pre-commit-config.yaml
# The framework has no stage for git am's hooks (pre-commit 3.0.4):
# doctor says they are off, and flowgate install puts flowgate's beside it.
doctor_says "framework, flowgate's ids" 1 "$R"
expect_output "framework: doctor says git am's hooks are off" \
	'^applypatch-msg: problem: git runs no applypatch-msg: \.git/hooks/applypatch-msg is missing; fix: flowgate install$'
expect_ok "framework: flowgate install, as doctor says" in_dir "$R" "$INSTALL"
expect_output "framework: git am's hooks installed" '^pre-applypatch: installed$'
expect_output "framework: the framework's hooks kept, flowgate's as .legacy" \
	"^commit-msg: installed as commit-msg.legacy, which the pre-commit framework's commit-msg runs$"
rm -f "$R"/.git/hooks/*.legacy # the framework's ids alone, as the README sets it up
doctor_says "framework, flowgate's ids and git am's hooks" 0 "$R"
expect_output "framework: doctor sees flowgate's id" \
	'^commit-msg: \.git/hooks/commit-msg: the pre-commit framework.s; \.pre-commit-config\.yaml names flowgate-commit-msg$'
expect_output "framework: doctor's note on pre-push" \
	"^pre-push: note: the pre-commit framework's pre-push stage shows flowgate one ref of a push.*multi-ref and tag pushes need flowgate's own pre-push \\(flowgate install\\) or the server hooks"

refused "framework: a bad message is refused" "$R" "add the config"
expect_output "framework: by flowgate's commit-msg" '^flowgate commit-msg: error: headerFormat'
expect_output "framework: the framework names flowgate's hook" 'hook id: flowgate-commit-msg'
committed "framework: a good message passes" "$R" "chore: add the pre-commit config"
expect_output "framework: flowgate-pre-commit ran" '^flowgate pre-commit .*Passed'
expect_output "framework: flowgate-commit-msg ran" '^flowgate commit-msg .*Passed'
expect_output "framework: flowgate-post-commit ran" '^flowgate post-commit .*Passed'
expect_no_output "framework: it had nothing to say after a plain commit" 'nextStep'
expect_output "framework: flowgate-prepare-commit-msg ran" '^flowgate prepare-commit-msg .*Passed'
expect_eq "framework: a -m message is stored as given" "$(git -C "$R" log -1 --format=%B)" \
	"chore: add the pre-commit config"
# With an editor (the framework passes the file; the source, none, in its
# environment): the editor sees flowgate's lines; the stored message is the
# one typed.
printf '#!/bin/sh\ncp "$1" "%s"\nprintf "docs: the guide\\n" >"$1"\n' "$TMP/seen" >"$TMP/editor"
chmod 755 "$TMP/editor"
expect_ok "framework: a commit through the editor" \
	in_dir "$R" env GIT_EDITOR="$TMP/editor" git commit -q --allow-empty
expect_ok "framework: the editor saw flowgate's guidance" \
	grep -q "^# flowgate: the header is 'type(scope)!: subject'" "$TMP/seen"
expect_eq "framework: the message stored is the one typed" "$(git -C "$R" log -1 --format=%B)" \
	"docs: the guide"

# The first push: the whole history is new (no PRE_COMMIT_TO_REF).
expect_ok "framework: a first push of good commits passes" in_dir "$R" git push -q origin main
expect_output "framework: the pre-push note says what is judged" \
	'^flowgate pre-push: note: judged refs/heads/main only: .*multi-ref and tag pushes need'
expect_ok "framework: the first push reached the remote" remote_has "$O" refs/heads/main

git -C "$R" checkout -q -b wip_thing
refused "framework: a bad branch name is refused at pre-commit" "$R" "feat: on a bad branch"
expect_output "framework: by flowgate's pre-commit" "^flowgate pre-commit: error: branchName: branch 'wip_thing'"
git -C "$R" checkout -q main
git -C "$R" branch -q -D wip_thing

# An update of main (PRE_COMMIT_FROM_REF/TO_REF) with a bad commit.
git -C "$R" commit -q --allow-empty --no-verify -m "bad commit" 2>/dev/null
expect_fail "framework: a push of a bad commit is refused" in_dir "$R" git push origin main
expect_output "framework: by flowgate's pre-push" '^flowgate pre-push: error: headerFormat: commit [0-9a-f]+'
expect_eq "framework: the remote's main did not move" \
	"$(git --git-dir="$O" rev-parse main)" "$(git -C "$R" rev-parse main~1)"
git -C "$R" reset -q --hard main~1

# A new branch (PRE_COMMIT_FROM_REF: the parent of its first new commit).
git -C "$R" checkout -q -b feature/bad
git -C "$R" commit -q --allow-empty --no-verify -m "wip" 2>/dev/null
expect_fail "framework: a new branch with a bad commit is refused" in_dir "$R" git push origin feature/bad
expect_output "framework: the new branch's commit is named" "^flowgate pre-push: error: headerFormat: commit .*'wip'"
expect_fail "framework: the bad branch did not reach the remote" remote_has "$O" refs/heads/feature/bad
git -C "$R" checkout -q main

git -C "$R" checkout -q -b feature/good
committed "framework: a commit on feature/good" "$R" "feat: a good change"
expect_ok "framework: a good new branch is pushed" in_dir "$R" git push origin feature/good
expect_ok "framework: feature/good reached the remote" remote_has "$O" refs/heads/feature/good
expect_ok "framework: a deletion passes" in_dir "$R" git push origin :feature/good
expect_fail "framework: feature/good is deleted" remote_has "$O" refs/heads/feature/good

# A tag: judged as a new one when the framework shows it (on new commits),
# never shown on pushed commits (the README says so).
git -C "$R" checkout -q main
git -C "$R" commit -q --allow-empty --no-verify -m "feat: tagged"
git -C "$R" tag v1-not-a-release
expect_fail "framework: a bad tag of a new commit is refused" in_dir "$R" git push origin v1-not-a-release
expect_output "framework: by flowgate's tag rules" "^flowgate pre-push: error: tagFormat: tag 'v1-not-a-release'"
git -C "$R" tag -d v1-not-a-release >/dev/null
git -C "$R" reset -q --hard main~1
git -C "$R" tag v2-not-a-release-either
expect_ok "framework: a tag of pushed commits is not shown to flowgate" \
	in_dir "$R" git push origin v2-not-a-release-either
expect_no_output "framework: nothing judged it" 'flowgate pre-push'

expect_ok "framework: a merge runs" in_dir "$R" git merge -q --no-ff -m "feat: merge it" feature/good
expect_output "framework: flowgate-post-merge ran" '^flowgate post-merge .*Passed'

# A release merge stopped by a conflict, concluded by git commit: the
# framework's post-commit stage runs flowgate-post-commit (issue 20, item 13).
git -C "$R" checkout -q -b release/0.1.x
printf 'release side\n' >"$R/conflict.txt" && git -C "$R" add conflict.txt
committed "framework: a commit on release/0.1.x" "$R" "fix: release side"
git -C "$R" checkout -q main
printf 'main side\n' >"$R/conflict.txt" && git -C "$R" add conflict.txt
committed "framework: a commit on main" "$R" "fix: main side"
expect_fail "framework: the release merge stops on a conflict" \
	in_dir "$R" git merge --no-ff release/0.1.x
printf 'resolved\n' >"$R/conflict.txt"
git -C "$R" add conflict.txt
expect_ok "framework: git commit concludes it" in_dir "$R" git commit -q --no-edit
expect_output "framework: flowgate-post-commit gives the next step" \
	'flowgate post-commit: info: nextStep: release/0\.1\.x is merged into main; next, main moves to 0\.2\.0-dev'

# ------------------------------ (b) install.sh and pre-commit install, any order
# A local framework hook that fails when a file named "fail" is staged; and
# a hook of another tool in place first (it writes a mark when it runs).
LOCAL_CONFIG='repos:
  - repo: local
    hooks:
      - id: refuse-fail
        name: refuse a file named fail
        entry: "false"
        language: system
        files: ^fail$'
# pci DIR: pre-commit install, the four hook types, in DIR.
pci() {
	in_dir "$1" pre-commit install --hook-type pre-commit --hook-type commit-msg \
		--hook-type pre-push --hook-type post-merge
}

# other_hook DIR: the other tool's pre-commit hook in DIR, which marks
# $DIR.other-ran when it runs.
other_hook() {
	printf '#!/bin/sh\n# the other tool\n: >"%s.other-ran"\n' "$1" >"$1/.git/hooks/pre-commit"
	chmod 755 "$1/.git/hooks/pre-commit"
	: >"$1.other"
}

# all_work LABEL DIR: after LABEL, flowgate and the framework both judge
# each commit and push, and the other tool's hook, when DIR has one, runs.
all_work() {
	rm -f -- "$2.other-ran"
	refused "$1: a bad message is refused" "$2" "bad message"
	expect_output "$1: by flowgate's commit-msg" '^flowgate commit-msg: error: headerFormat'
	expect_no_output "$1: no migration-mode failure" 'installed in migration mode'
	refused "$1: the failing framework hook refuses" "$2" "feat: a change" fail
	expect_output "$1: by the framework's hook" '^refuse a file named fail\.+Failed'
	committed "$1: a good commit passes" "$2" "feat: a good change"
	expect_no_output "$1: no migration-mode failure on a good commit" 'installed in migration mode'
	if [ -e "$2.other" ]; then expect_ok "$1: the other tool's hook ran" test -e "$2.other-ran"; fi
	git -C "$2" commit -q --allow-empty --no-verify -m "not pushed" 2>/dev/null
	expect_fail "$1: a push of a bad commit is refused" in_dir "$2" git push origin HEAD:main
	expect_output "$1: by flowgate's pre-push" '^flowgate pre-push: error: headerFormat'
	git -C "$2" reset -q --hard HEAD~1
	expect_ok "$1: a good push passes" in_dir "$2" git push -q origin HEAD:main
}

# setup_order DIR [none]: a repository with the local config and the other
# tool's hook (none: without).
setup_order() {
	new_repo "$1"
	new_origin "$1-origin.git"
	git -C "$1" remote add origin "$1-origin.git"
	printf '%s\n' "$LOCAL_CONFIG" >"$1/.pre-commit-config.yaml"
	git -C "$1" add .pre-commit-config.yaml
	git -C "$1" commit -q --no-verify -m "chore: the pre-commit config"
	[ "${2:-}" = none ] || other_hook "$1"
}

R=$TMP/order1
setup_order "$R"
expect_ok "order 1: install.sh" install_flowgate "$R"
expect_ok "order 1: then pre-commit install" pci "$R"
all_work "order 1, install.sh + pre-commit install" "$R"
expect_ok "order 1: install.sh again" install_flowgate "$R"
expect_output "order 1: flowgate's hook is the framework's .legacy" \
	'^commit-msg: (already installed|installed as commit-msg\.legacy)'
all_work "order 1, + install.sh" "$R"
expect_ok "order 1: pre-commit install again" pci "$R"
all_work "order 1, + pre-commit install" "$R"
expect_ok "order 1: install.sh a third time" install_flowgate "$R"
all_work "order 1, + install.sh" "$R"
doctor_says "order 1, flowgate's .legacy" 0 "$R"
expect_output "order 1: doctor sees flowgate's .legacy run by the framework" \
	'^commit-msg: \.git/hooks/commit-msg: the pre-commit framework.s; it runs commit-msg\.legacy: flowgate '
# pre-commit install -f deletes flowgate's .legacy: doctor says so, and its fix works.
expect_ok "order 1: pre-commit install -f" in_dir "$R" pre-commit install -f --hook-type pre-commit \
	--hook-type commit-msg --hook-type pre-push --hook-type post-merge
expect_fail "order 1, install -f: flowgate's .legacy is gone" test -e "$R/.git/hooks/commit-msg.legacy"
doctor_says "order 1, install -f" 1 "$R"
expect_output "order 1, install -f: doctor names the deleted .legacy" \
	"^commit-msg: problem: the pre-commit framework's commit-msg runs no flowgate: no flowgate commit-msg\\.legacy \\(pre-commit install -f or --overwrite deletes it\\) and no id flowgate-commit-msg in \\.pre-commit-config\\.yaml; fix: flowgate install\$"
expect_ok "order 1, install -f: doctor's fix" doctor_fix "$R" "$(fix_of commit-msg)"
doctor_says "order 1, install -f, fixed" 0 "$R"
all_work "order 1, install -f + doctor's fix" "$R"

R=$TMP/order2
setup_order "$R"
expect_ok "order 2: pre-commit install" pci "$R"
expect_ok "order 2: then install.sh" install_flowgate "$R"
expect_output "order 2: installed as the framework's .legacy" \
	"^commit-msg: installed as commit-msg\\.legacy, which the pre-commit framework's commit-msg runs"
all_work "order 2, pre-commit install + install.sh" "$R"
expect_ok "order 2: pre-commit install again" pci "$R"
all_work "order 2, + pre-commit install" "$R"
expect_ok "order 2: install.sh again" install_flowgate "$R"
all_work "order 2, + install.sh" "$R"
expect_ok "order 2: pre-commit install a third time" pci "$R"
all_work "order 2, + pre-commit install" "$R"

# Uninstalling flowgate leaves the framework and the other tool's hook running.
expect_ok "order 2: install.sh --uninstall" in_dir "$R" "$INSTALL" --uninstall
expect_ok "uninstalled: the framework's pre-commit script is in place" \
	grep -q 'File generated by pre-commit' "$R/.git/hooks/pre-commit"
rm -f -- "$R.other-ran"
committed "uninstalled: a bad message is no longer flowgate's business" "$R" "bad message"
expect_ok "uninstalled: the other tool's hook still runs" test -e "$R.other-ran"
refused "uninstalled: the failing framework hook still refuses" "$R" "feat: a change" fail

# ------------------------------------- (c) what an older install.sh left behind
# It kept the framework's script as <hook>.pre-flowgate, with flowgate's copy
# in <hook> and an older one in <hook>.legacy: every commit failed.
R=$TMP/older
setup_order "$R" none
pci "$R" >/dev/null 2>&1
for h in pre-commit commit-msg; do
	mv -- "$R/.git/hooks/$h" "$R/.git/hooks/$h.pre-flowgate"
	cp -- "$FLOWGATE_BUILD/hooks/$h" "$R/.git/hooks/$h"
	cp -- "$FLOWGATE_BUILD/hooks/$h" "$R/.git/hooks/$h.legacy"
done
refused "older layout: every commit fails" "$R" "feat: a good change"
expect_output "older layout: with the framework's migration-mode failure" 'installed in migration mode'
doctor_says "older layout" 1 "$R"
expect_output "older layout: doctor names it" \
	"^pre-commit: problem: \\.git/hooks/pre-commit\\.pre-flowgate is the pre-commit framework's script, kept by an older install\\.sh: every commit fails .*; fix: flowgate install\$"
expect_ok "older layout: install.sh" install_flowgate "$R"
expect_output "older layout: the framework's script is put back" \
	"^pre-commit: put the pre-commit framework's pre-commit back from pre-commit\\.pre-flowgate"
all_work "older layout, + install.sh" "$R"

# Then `pre-commit install` again over it, before the fix: a stale copy of the
# framework's script as <hook>.pre-flowgate beside the framework's own.
R=$TMP/stale
setup_order "$R" none
pci "$R" >/dev/null 2>&1
cp -p -- "$R/.git/hooks/commit-msg" "$R/.git/hooks/commit-msg.pre-flowgate"
cp -- "$FLOWGATE_BUILD/hooks/commit-msg" "$R/.git/hooks/commit-msg.legacy"
refused "stale copy: every commit fails" "$R" "feat: a good change"
doctor_says "stale copy" 1 "$R"
expect_output "stale copy: doctor names it" \
	"^commit-msg: problem: \\.git/hooks/commit-msg\\.pre-flowgate is the pre-commit framework's script"
expect_ok "stale copy: install.sh" install_flowgate "$R"
expect_output "stale copy: removed, and said" \
	"^commit-msg: removed commit-msg\\.pre-flowgate, a stale copy of the pre-commit framework's commit-msg"
expect_ok "stale copy: the framework's script is still there" \
	grep -q 'File generated by pre-commit' "$R/.git/hooks/commit-msg"
all_work "stale copy, + install.sh" "$R"
doctor_says "stale copy, + install.sh" 0 "$R"
