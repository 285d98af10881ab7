# End-to-end tests of flowgate beside the hook managers teams already run,
# with the real tools from npm (husky 9, lefthook 2), installed by this test
# into its own directory; a tool that cannot be installed is a "# skip" line.
# install.sh (and flowgate install) never writes where husky or lefthook
# runs the hooks: it refuses, changes nothing, and prints the lines to add,
# which are the README's; the managers' own hooks still run; the lines,
# added as the README says, make flowgate refuse through the manager. Also
# the reverse order: lefthook installed after flowgate (it renames
# flowgate's hooks to <hook>.old and never runs them), then install.sh again
# names what happened and prints the fix.
. "$(dirname "$0")/lib.sh"
only_once "husky and lefthook from npm"

INSTALL=$TOP/install.sh
FG=$FLOWGATE_BUILD/flowgate
NPM=$TMP/npm
LOG=$TMP/managers.log
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

# in_dir DIR CMD...: run CMD from DIR.
in_dir() {
	(cd "$1" && shift && "$@")
}

# readme_block NAME: the lines between the README's "<!-- NAME:" and
# "<!-- end of NAME -->" markers, without the code block's indentation.
readme_block() {
	sed -n "/^<!-- $1:/,/^<!-- end of $1 -->/p" "$TOP/README.md" | sed '1d;$d;s/^    //'
}

# snippet FILE: what install.sh printed for the user to add: its lines that
# are not its own ("install.sh: ...").
snippet() { grep -v '^install\.sh: ' "$1"; }

# state DIR: names, types, modes, sizes, link targets and contents of
# everything in DIR, and its repository's own git config.
state() {
	(cd "$1" && find . -printf '%p %y %m %s %l\n' | LC_ALL=C sort &&
		find . -type f -exec sha256sum {} + | LC_ALL=C sort && git config --list --local)
}

# refuse NAME DIR: install.sh in DIR exits 1 and changes nothing, and so
# does flowgate install; install.sh's stderr is left in $TMP/err.
refuse() {
	local before
	before=$(state "$2")
	in_dir "$2" "$INSTALL" >"$TMP/out" 2>"$TMP/err"
	expect_eq "$1: install.sh exits 1" "$?" 1
	expect_eq "$1: install.sh prints nothing on stdout" "$(cat "$TMP/out")" ""
	expect_eq "$1: install.sh changed nothing" "$(state "$2")" "$before"
	expect_status "$1: flowgate install exits 1 too" 1 in_dir "$2" "$FG" install
	expect_eq "$1: flowgate install changed nothing" "$(state "$2")" "$before"
	cp -- "$TMP/err" "$LAST_OUT"
}

# npm_tool NAME SPEC: npm installs SPEC into $NPM/NAME, else a "# skip" line
# and status 1.
npm_tool() {
	if ! need_tool npm npm; then
		echo "# skip - $1: npm is not installed and could not be (apt-get install npm)"
		return 1
	fi
	mkdir -p "$NPM/$1"
	if ! (cd "$NPM/$1" && timeout 300 npm install --no-save --ignore-scripts --loglevel=error \
		--prefix "$NPM/$1" "$2") >"$TMP/npm-$1.log" 2>&1; then
		echo "# skip - $1: npm install $2 failed (no npm registry?): $(tail -n1 "$TMP/npm-$1.log")"
		return 1
	fi
}

# have_hook_command: the flowgate command has `hook` (the lines run it); a
# build without it fails here rather than skipping the manager's lines.
have_hook_command() {
	if "$FG" help hook 2>/dev/null | grep -q '^usage: flowgate hook '; then return 0; fi
	not_ok "$1: the flowgate command has no hook subcommand"
	return 1
}

# bad_push NAME DIR: a branch named against the workflow, pushed from DIR to
# a new bare origin, is refused by flowgate's pre-push (through the manager).
bad_push() {
	local origin=$TMP/origin-$(printf %s "$1" | tr ' ' -).git
	new_origin "$origin"
	git -C "$2" remote add origin "$origin"
	git -C "$2" branch -q Bad_Name
	expect_fail "$1: a push of a bad branch name is refused" git -C "$2" push -q origin Bad_Name
	expect_output "$1: by flowgate's pre-push, which read the pushed refs" \
		"flowgate pre-push: error: branchName: branch 'Bad_Name'"
	expect_eq "$1: the origin has no branch" "$(git -C "$origin" for-each-ref | wc -l)" 0
}

# doctor_says NAME STATUS DIR: flowgate doctor in DIR exits STATUS.
doctor_says() {
	expect_status "$1: doctor exits $2" "$2" in_dir "$3" "$FG" doctor
}

# doctor_fixes NAME DIR: flowgate doctor's fixes, carried out one at a time
# in DIR (a fix may move the lines the next one names), until it exits 0.
doctor_fixes() {
	local hook i=0
	while ! in_dir "$2" "$FG" doctor >"$LAST_OUT" 2>&1 && [ "$i" -lt 8 ]; do
		hook=$(sed -n 's/^\([a-z-]*\): problem: .*/\1/p' "$LAST_OUT" | head -n 1)
		doctor_fix "$2" "$(fix_of "$hook")" >>"$TMP/doctor-fixes.log" 2>&1
		i=$((i + 1))
	done
	doctor_says "$1, each fix carried out" 0 "$2"
}

# ==================================================================== husky
if npm_tool husky husky@9; then
	HUSKY=$NPM/husky/node_modules/.bin/husky
	echo "# husky $(sed -n 's/^[[:space:]]*"version":[[:space:]]*"\([^"]*\)".*/\1/p' "$NPM/husky/node_modules/husky/package.json")"

	# husky_repo DIR: a clone set up as `npx husky init` does, whose husky
	# scripts log that they ran.
	husky_repo() {
		new_repo "$1"
		printf '{ "name": "x", "version": "1.0.0", "private": true }\n' >"$1/package.json"
		in_dir "$1" "$HUSKY" init >"$LAST_OUT" 2>&1 || return 1
		printf 'echo "husky pre-commit" >>"%s"\n' "$LOG" >"$1/.husky/pre-commit"
		printf 'echo "husky commit-msg $1" >>"%s"\n' "$LOG" >"$1/.husky/commit-msg"
	}

	R=$TMP/husky
	expect_ok "husky init" husky_repo "$R"
	expect_eq "husky init: core.hooksPath is .husky/_" "$(git -C "$R" config core.hooksPath)" .husky/_
	: >"$LOG"
	expect_ok "husky: a commit" commit_file "$R" a.txt a "feat: add a"
	expect_eq "husky: its pre-commit and commit-msg ran" "$(cut -d' ' -f1-2 "$LOG")" \
		"husky pre-commit
husky commit-msg"

	refuse "husky" "$R"
	expect_output "husky: one error line naming husky's core.hooksPath" \
		"^install.sh: error: husky runs this repository's hooks \\(core.hooksPath \\.husky/_\\): flowgate does not write into husky's directory; nothing was changed\$"
	expect_output "husky: then how to add the lines" \
		"^install.sh: run flowgate from husky's hook files: add each line below as the first command of the file named above it"
	expect_eq "husky: the lines printed are the README's" "$(snippet "$TMP/err")" \
		"$(readme_block 'husky lines')"
	: >"$LOG"
	expect_ok "husky, after the refusal: a commit" commit_file "$R" b.txt b "feat: add b"
	expect_eq "husky, after the refusal: its hooks still run" "$(cut -d' ' -f1-2 "$LOG")" \
		"husky pre-commit
husky commit-msg"

	doctor_says "husky, no flowgate line" 1 "$R"
	expect_eq "husky: doctor's fixes are the README's lines" \
		"$(sed -n 's/^\([a-z-]*\): problem: .*, then commit it: /# .husky\/\1\n/p' "$LAST_OUT")" \
		"$(readme_block 'husky lines')"

	# husky 4-8: core.hooksPath .husky, husky's _/husky.sh in it
	R8=$TMP/husky8
	new_repo "$R8"
	mkdir -p "$R8/.husky/_"
	printf '#!/usr/bin/env sh\n' >"$R8/.husky/_/husky.sh"
	git -C "$R8" config core.hooksPath .husky
	refuse "husky 8" "$R8"
	expect_output "husky 8: the error names .husky" \
		"^install.sh: error: husky runs this repository's hooks \\(core.hooksPath \\.husky\\)"

	# The README's lines, each the first command of its husky script.
	if have_hook_command "husky lines"; then
		file=
		readme_block 'husky lines' | while IFS= read -r line; do
			case $line in
			'# '*) file=$R/${line#\# } ;;
			*)
				{
					printf '%s\n' "$line"
					if [ -f "$file" ]; then cat -- "$file"; fi
				} >"$file.new" && mv -- "$file.new" "$file"
				;;
			esac
		done
		export PATH="$FLOWGATE_BUILD:$PATH"
		: >"$LOG"
		expect_fail "husky lines: a bad message is refused" commit_file "$R" c.txt c "add c"
		expect_output "husky lines: by flowgate's commit-msg" '^flowgate commit-msg: error: headerFormat'
		expect_ok "husky lines: a good commit" commit_file "$R" c.txt c "feat: add c"
		expect_ok "husky lines: husky's own commit-msg still runs" grep -q 'husky commit-msg' "$LOG"
		bad_push "husky lines" "$R"
		doctor_says "husky lines" 0 "$R"
		expect_output "husky lines: doctor sees husky run flowgate" \
			'^commit-msg: \.husky/_/commit-msg: husky.s; \.husky/commit-msg runs flowgate hook commit-msg$'
		# husky's stub gone: doctor's fix is husky's own command
		rm "$R/.husky/_/pre-push"
		doctor_says "husky, a stub removed" 1 "$R"
		expect_eq "husky, a stub removed: the fix" "$(fix_of pre-push)" "npx husky"
		ln -s "$NPM/husky/node_modules" "$R/node_modules" # as npm install leaves it
		expect_ok "husky, a stub removed: npx husky" doctor_fix "$R" "$(fix_of pre-push)"
		doctor_says "husky, a stub removed, fixed" 0 "$R"
		rm "$R/node_modules"
		PATH=${PATH#"$FLOWGATE_BUILD:"}
	fi

	# An earlier install.sh wrote into .husky/_ and kept husky's stub as
	# commit-msg.pre-flowgate: husky's dispatcher then looked for
	# .husky/commit-msg.pre-flowgate and ran nothing.
	R=$TMP/husky-old
	husky_repo "$R"
	mv "$R/.husky/_/commit-msg" "$R/.husky/_/commit-msg.pre-flowgate"
	launcher_for "$FLOWGATE_BUILD/hooks/commit-msg" "$R/.husky/_/commit-msg"
	chmod 755 "$R/.husky/_/commit-msg"
	: >"$LOG"
	commit_file "$R" a.txt a "feat: add a" >/dev/null 2>&1
	expect_eq "husky, old flowgate in .husky/_: husky's commit-msg did not run" \
		"$(grep -c 'husky commit-msg' "$LOG")" 0
	doctor_says "husky, old flowgate in .husky/_" 1 "$R"
	expect_output "husky, old flowgate in .husky/_: doctor names it" \
		"^commit-msg: problem: \\.husky/_/commit-msg is flowgate's, written into husky's directory by an older install\\.sh: husky's commit-msg no longer runs; fix: flowgate uninstall\$"
	refuse "husky, old flowgate in .husky/_" "$R"
	expect_output "husky, old flowgate in .husky/_: says to remove it" \
		"^install.sh: an earlier install.sh put flowgate's hooks in \\.husky/_, where they stop husky's \\( commit-msg \\): remove them with install.sh --uninstall\$"
	expect_ok "husky, old flowgate in .husky/_: install.sh --uninstall exits 0" in_dir "$R" "$INSTALL" --uninstall
	expect_output "husky, old flowgate in .husky/_: husky's stub is put back" \
		'^commit-msg: removed, restored commit-msg.pre-flowgate as commit-msg$'
	: >"$LOG"
	expect_ok "husky, old flowgate removed: a commit" commit_file "$R" b.txt b "feat: add b"
	expect_ok "husky, old flowgate removed: husky's commit-msg runs again" grep -q 'husky commit-msg' "$LOG"
fi

# ================================================================= lefthook
if npm_tool lefthook lefthook@2; then
	LEFTHOOK_DIR=$NPM/lefthook/node_modules/.bin
	echo "# lefthook $("$LEFTHOOK_DIR/lefthook" version)"
	# lefthook's scripts find lefthook on PATH
	PATH_BEFORE=$PATH
	export PATH="$LEFTHOOK_DIR:$PATH"

	# lefthook_yml DIR HOOK...: a lefthook.yml in DIR whose jobs for each
	# HOOK log that they ran.
	lefthook_yml() {
		local dir=$1 h
		shift
		for h in "$@"; do
			printf '%s:\n  jobs:\n    - name: log\n      run: echo "lefthook %s" >>"%s"\n' "$h" "$h" "$LOG"
		done >"$dir/lefthook.yml"
	}

	R=$TMP/lefthook
	new_repo "$R"
	lefthook_yml "$R" prepare-commit-msg post-commit
	expect_ok "lefthook install" in_dir "$R" lefthook install
	: >"$LOG"
	expect_ok "lefthook: a commit" commit_file "$R" a.txt a "feat: add a"
	expect_eq "lefthook: its hooks ran" "$(cat "$LOG")" "lefthook prepare-commit-msg
lefthook post-commit"

	refuse "lefthook" "$R"
	expect_output "lefthook: one error line naming lefthook.yml" \
		"^install.sh: error: lefthook runs this repository's hooks \\(lefthook\\.yml\\): flowgate does not write into them; nothing was changed\$"
	expect_output "lefthook: then how to add the jobs" \
		'^install.sh: run flowgate from lefthook: add these jobs to lefthook.yml \(merge them into the hooks it already has\), then run lefthook install:$'
	expect_eq "lefthook: the jobs printed are the README's" "$(snippet "$TMP/err")" \
		"$(readme_block 'lefthook jobs')"
	: >"$LOG"
	expect_ok "lefthook, after the refusal: a commit" commit_file "$R" b.txt b "feat: add b"
	expect_eq "lefthook, after the refusal: its hooks still run" "$(cat "$LOG")" \
		"lefthook prepare-commit-msg
lefthook post-commit"

	doctor_says "lefthook, no flowgate job" 1 "$R"
	expect_output "lefthook: doctor's fix for commit-msg" \
		"^commit-msg: problem: git runs no commit-msg: \\.git/hooks/commit-msg is missing; fix: add this line at the end of lefthook\\.yml: commit-msg: \\{jobs: \\[\\{name: flowgate, run: 'flowgate hook commit-msg \"\\{1\\}\"'\\}\\]\\}, then run lefthook install\$"

	# lefthook's scripts alone (its configuration elsewhere) are enough.
	mv "$R/lefthook.yml" "$TMP/lefthook.yml.away"
	refuse "lefthook scripts alone" "$R"
	expect_output "lefthook scripts alone: named" \
		"^install.sh: error: lefthook runs this repository's hooks \\(its scripts in \\.git/hooks: post-commit prepare-commit-msg\\)"
	mv "$TMP/lefthook.yml.away" "$R/lefthook.yml"

	# a configuration, lefthook not installed yet (a fresh clone)
	R2=$TMP/lefthook-fresh
	new_repo "$R2"
	lefthook_yml "$R2" post-commit
	mv "$R2/lefthook.yml" "$R2/.lefthook.yaml"
	refuse "lefthook not installed yet" "$R2"
	expect_output "lefthook not installed yet: the configuration is named" \
		'^install.sh: error: lefthook runs this repository.s hooks \(\.lefthook\.yaml\)'
	doctor_says "lefthook not installed yet" 1 "$R2"
	expect_output "lefthook not installed yet: doctor's fix ends with lefthook install" \
		"^pre-push: problem: .*; fix: add this line at the end of \\.lefthook\\.yaml: pre-push: .*use_stdin: true\\}\\]\\}, then run lefthook install\$"
	# doctor's fixes with the real lefthook: each hook a one-line flow
	# mapping at the end of the configuration, then lefthook install.
	export PATH="$FLOWGATE_BUILD:$PATH"
	doctor_fixes "lefthook not installed yet" "$R2"
	expect_fail "lefthook not installed yet, fixed: a bad message is refused" \
		commit_file "$R2" a.txt a "add a"
	expect_output "lefthook not installed yet, fixed: by flowgate's commit-msg" \
		'flowgate commit-msg: error: headerFormat'
	expect_ok "lefthook not installed yet, fixed: a good commit" commit_file "$R2" a.txt a "feat: add a"
	bad_push "lefthook not installed yet, fixed" "$R2"
	PATH=${PATH#"$FLOWGATE_BUILD:"}

	# The README's jobs, merged into lefthook.yml beside lefthook's own job
	# for a hook they leave alone (post-checkout).
	if have_hook_command "lefthook jobs"; then
		lefthook_yml "$R" post-checkout
		readme_block 'lefthook jobs' >>"$R/lefthook.yml"
		expect_ok "lefthook jobs: lefthook install" in_dir "$R" lefthook install
		export PATH="$FLOWGATE_BUILD:$PATH"
		: >"$LOG"
		expect_fail "lefthook jobs: a bad message is refused" commit_file "$R" c.txt c "add c"
		expect_output "lefthook jobs: by flowgate's commit-msg" 'flowgate commit-msg: error: headerFormat'
		expect_ok "lefthook jobs: a good commit" commit_file "$R" c.txt c "feat: add c"
		git -C "$R" checkout -q -b lefthook-own-job && git -C "$R" checkout -q -
		expect_ok "lefthook jobs: lefthook's own jobs still run" grep -q 'lefthook post-checkout' "$LOG"
		bad_push "lefthook jobs" "$R"
		PATH=${PATH#"$FLOWGATE_BUILD:"}
	fi

	# The reverse order: flowgate first, then lefthook install with a
	# configuration for pre-commit and commit-msg.
	R=$TMP/lefthook-after
	new_repo "$R"
	expect_ok "flowgate, then lefthook: install.sh" in_dir "$R" "$INSTALL"
	lefthook_yml "$R" pre-commit commit-msg
	expect_ok "flowgate, then lefthook: lefthook install" in_dir "$R" lefthook install
	expect_output "flowgate, then lefthook: lefthook renames flowgate's hooks" \
		'Renamed .*/\.git/hooks/pre-commit to .*/\.git/hooks/pre-commit\.old'
	for h in pre-commit commit-msg; do
		expect_ok "flowgate, then lefthook: flowgate's $h is now $h.old" \
			is_launcher "$R/.git/hooks/$h.old" "$FLOWGATE_BUILD/hooks/$h"
		expect_ok "flowgate, then lefthook: $h is lefthook's" grep -q LEFTHOOK "$R/.git/hooks/$h"
	done
	expect_ok "flowgate, then lefthook: pre-push (not in lefthook.yml) is still flowgate's" \
		is_launcher "$R/.git/hooks/pre-push" "$FLOWGATE_BUILD/hooks/pre-push"
	: >"$LOG"
	expect_ok "flowgate, then lefthook: a bad message is accepted: flowgate's commit-msg never runs" \
		commit_file "$R" a.txt a "add a"
	expect_eq "flowgate, then lefthook: only lefthook's jobs ran" "$(cat "$LOG")" "lefthook pre-commit
lefthook commit-msg"
	doctor_says "flowgate, then lefthook" 1 "$R"
	expect_output "flowgate, then lefthook: doctor names the .old hook" \
		"^pre-commit: problem: lefthook runs pre-commit and not flowgate \\(lefthook\\.yml has no job running flowgate hook\\): lefthook renamed flowgate's hook to \\.old and never runs it; fix: add this line after line 2 \\(jobs:\\) of lefthook\\.yml:     - "
	refuse "flowgate, then lefthook: install.sh again" "$R"
	expect_output "flowgate, then lefthook: the refusal" \
		"^install.sh: error: lefthook runs this repository's hooks \\(lefthook\\.yml\\)"
	expect_output "flowgate, then lefthook: names flowgate's .old hooks and that they never run" \
		"^install.sh: lefthook renamed flowgate's hooks in \\.git/hooks \\( pre-commit\\.old commit-msg\\.old \\) and never runs them: flowgate's checks are off there until lefthook runs the jobs above \\(then delete those files\\)\$"
	expect_eq "flowgate, then lefthook: the fix printed is the README's jobs" "$(snippet "$TMP/err")" \
		"$(readme_block 'lefthook jobs')"

	# doctor's fixes, carried out with the real lefthook (one job added
	# to a hook's jobs, the others as new hooks, then lefthook install):
	# flowgate runs through lefthook, lefthook's own jobs too.
	export PATH="$FLOWGATE_BUILD:$PATH"
	doctor_fixes "flowgate, then lefthook" "$R"
	expect_output "flowgate, then lefthook, fixed: lefthook runs flowgate" \
		'^commit-msg: \.git/hooks/commit-msg: lefthook.s; lefthook\.yml runs flowgate hook commit-msg$'
	expect_output "flowgate, then lefthook, fixed: the .old hooks are noted" \
		"^commit-msg: note: \\.git/hooks/commit-msg\\.old is flowgate's hook, which lefthook renamed"
	: >"$LOG"
	expect_fail "flowgate, then lefthook, fixed: a bad message is refused" commit_file "$R" b.txt b "add b"
	expect_output "flowgate, then lefthook, fixed: by flowgate's commit-msg" 'flowgate commit-msg: error: headerFormat'
	expect_ok "flowgate, then lefthook, fixed: a good commit" commit_file "$R" b.txt b "feat: add b"
	expect_ok "flowgate, then lefthook, fixed: lefthook's own jobs still run" grep -q 'lefthook commit-msg' "$LOG"
	bad_push "flowgate, then lefthook, fixed" "$R"
	PATH=$PATH_BEFORE
fi
