# End-to-end: every hint that proposes a command or a value passes when
# followed (issue 20, item 17). For each rule of the registry (flowgate
# rules --markdown) at least one refusal fixture, in the hook that refuses
# it, in a real repository with flowgate's hooks: the hook refuses, the
# hint is read from its output (the "hint:" line after the violation
# naming the rule), the fix it proposes is applied as a user would (its
# quoted value written where it says, its command run as printed, a
# placeholder such as <remote> or <commit> replaced), and the hook runs
# again: it passes, and the rule is not named (each fixture has one
# fault). Warnings are made errors (git config flowgate.<rule> error) so
# that they refuse. Advice that cannot be applied mechanically is listed
# with a "# skip - <rule>: <why>" line; a last check makes sure that every
# rule of the registry has a fixture or a skip.
# Run: FLOWGATE_BUILD=/abs/build bash tests/e2e/test_hints_pass.sh (or sh tests/e2e/run.sh).

. "$(dirname "$0")/lib.sh"

export GIT_EDITOR=true GIT_MERGE_AUTOEDIT=no
# the commands the hints print run the flowgate being tested
export PATH="$FLOWGATE_BUILD:$PATH"
COVERED=" " SKIPPED=" "
tick

# ------------------------------------------------------------------ helpers
# covered RULE: RULE has a fixture.
covered() { COVERED="$COVERED$1 "; }

# skip_rule RULE WHY: RULE's hint is advice (WHY): a visible skip.
skip_rule() {
	printf '# skip - %s: %s\n' "$1" "$2"
	SKIPPED="$SKIPPED$1 "
}

# hint_of RULE: the hint of RULE's first violation in the last output: the
# "hint:" line after the line "flowgate <hook>: <severity>: RULE: ..." (a
# server's lines start "remote: " and end in padding).
hint_of() {
	sed -e 's/^remote: //' -e 's/ *$//' "$LAST_OUT" | awk -v r="$1" '
		!found && index($0, ": " r ": ") && /^flowgate [a-z-]*: (error|warning|info): / {
			found = 1
			next
		}
		found && /^hint: / { print substr($0, 7); exit }'
}

# value_of HINT: the value HINT proposes, its first '...'.
value_of() { printf '%s\n' "$1" | sed -n "s/^[^']*'\\([^']*\\)'.*/\\1/p"; }

# command_of HINT ERE: the command HINT gives, the first text matching ERE.
command_of() { printf '%s\n' "$1" | grep -Eo -- "$2" | head -n 1; }

# number_of HINT ERE: the number that ends the first match of ERE in HINT.
number_of() { command_of "$1" "$2" | grep -Eo '[0-9]+$'; }

# line_set FILE N TEXT: line N of FILE is TEXT.
line_set() {
	awk -v n="$2" -v t="$3" 'NR == n { print t; next } { print }' "$1" >"$1.new" && mv "$1.new" "$1"
}

# refused LABEL RULE CMD...: CMD exits non-zero and names RULE; HINT is
# then RULE's hint (non-empty).
refused() {
	local label=$1 rule=$2
	shift 2
	HINT=
	if "$@" >"$LAST_OUT" 2>&1; then
		not_ok "$rule: $label: refused (it passed)"
		return 1
	fi
	if ! grep -Eq -- ": (error|warning|info): $rule: " "$LAST_OUT"; then
		not_ok "$rule: $label: refused by $rule"
		return 1
	fi
	HINT=$(hint_of "$rule")
	if [ -z "$HINT" ]; then
		not_ok "$rule: $label: a hint"
		return 1
	fi
	ok "$rule: $label: refused, hint: $HINT"
	covered "$rule"
}

# advised LABEL RULE CMD...: CMD exits 0 and advises RULE (post-merge); HINT set.
advised() {
	local label=$1 rule=$2
	shift 2
	"$@" >"$LAST_OUT" 2>&1
	HINT=$(hint_of "$rule")
	if [ -z "$HINT" ]; then
		not_ok "$rule: $label: advice with a hint"
		return 1
	fi
	ok "$rule: $label: advice, hint: $HINT"
	covered "$rule"
}

# passes LABEL RULE CMD...: the hook run again by CMD passes (exit 0) and
# names RULE no more.
passes() {
	local label=$1 rule=$2
	shift 2
	if ! "$@" >"$LAST_OUT" 2>&1; then
		not_ok "$rule: $label: the hinted fix passes (exit $?)"
	elif grep -Eq -- ": (error|warning|info): $rule: " "$LAST_OUT"; then
		not_ok "$rule: $label: the hinted fix passes ($rule still named)"
	else
		ok "$rule: $label: the hinted fix passes"
	fi
}

# applied LABEL RULE CMD...: the fix itself (CMD) runs: exit 0.
applied() {
	local label=$1 rule=$2
	shift 2
	if "$@" >"$TMP/apply.out" 2>&1; then
		ok "$rule: $label: the hint applied"
	else
		not_ok "$rule: $label: the hint applied (exit $?)"
		sed 's/^/#   /' "$TMP/apply.out" | head -n 10
	fi
}

# write_version FILE VALUE: halfORM's version file FILE holds VALUE, staged.
write_version() {
	case $1 in
	half_orm/version.txt) printf '%s\n' "$2" >"$1" ;;
	setup.py) printf "from setuptools import setup\n\nsetup(name='half_orm', version='%s')\n" "$2" >"$1" ;;
	docs/index.md) printf '# halfORM\n\nThis documentation covers halfORM **%s** (latest release).\n' "$2" >"$1" ;;
	esac
	git add -- "$1"
}

# touch_work: another file staged, so that a commit is never empty.
NWORK=0
touch_work() {
	NWORK=$((NWORK + 1))
	printf 'work %s\n' "$NWORK" >>work.txt
	git add work.txt
}

# An editor that writes $LINE1 as line 1 of the file it is given.
SET_LINE1=$TMP/set-line1.sh
cat >"$SET_LINE1" <<'EOF'
#!/bin/sh
awk -v t="$LINE1" 'NR == 1 { print t; next } { print }' "$1" >"$1.new" && mv "$1.new" "$1"
EOF
chmod +x "$SET_LINE1"

# ================================================================ commit-msg
# The message rules, in a clone whose commits run flowgate's hooks; warnings
# made errors.
M=$TMP/msg
new_repo "$M"
install_flowgate "$M" || not_ok "install.sh installs the hooks"
cd "$M" || exit 1
for r in subjectFullStop bodyLeadingBlank bodyMaxLineLength versionBumpMessage branchCommitType; do
	git config "flowgate.$r" error
done
set_version 0.16.0-dev
git commit -q -m 'chore: bump version to 0.16.0-dev' || not_ok "setup: the first commit"
git checkout -q -b feature/hints

# msg_case RULE LABEL MESSAGE HOW: a commit with MESSAGE (printf %b) is
# refused by RULE; the hint is applied to the message file by HOW: "line1"
# (its value as line 1), "line N" (as line N), "insert" (a blank line after
# the line it names), "delete" (the line it names), "wrap" (the body wrapped
# at its width), "command ERE" (the command matching ERE run); then the
# commit of that message passes.
msg_case() {
	local rule=$1 label=$2 how=$3 n cmd value
	touch_work
	printf '%b' "$4" >"$TMP/message"
	refused "$label" "$rule" git commit -q -F "$TMP/message" || return
	value=$(value_of "$HINT")
	case $how in
	line1) line_set "$TMP/message" 1 "$value" ;;
	line\ *) line_set "$TMP/message" "${how#line }" "$value" ;;
	insert)
		n=$(number_of "$HINT" 'insert a blank line after line [0-9]+')
		awk -v n="$n" '{ print } NR == n { print "" }' "$TMP/message" >"$TMP/message.new" &&
			mv "$TMP/message.new" "$TMP/message"
		;;
	delete)
		n=$(number_of "$HINT" 'delete line [0-9]+')
		awk -v n="$n" 'NR != n' "$TMP/message" >"$TMP/message.new" && mv "$TMP/message.new" "$TMP/message"
		;;
	wrap)
		n=$(number_of "$HINT" 'wrap the body at [0-9]+')
		{ head -n 1 "$TMP/message"; tail -n +2 "$TMP/message" | fold -s -w "$n"; } >"$TMP/message.new" &&
			mv "$TMP/message.new" "$TMP/message"
		;;
	command\ *)
		cmd=$(command_of "$HINT" "${how#command }")
		applied "$label" "$rule" sh -c "$cmd"
		;;
	esac
	passes "$label" "$rule" git commit -q -F "$TMP/message"
}

msg_case headerFormat "'feat (cli): x'" line1 'feat (cli): x'
expect_eq "headerFormat: 'feat (cli): x': the type it names" "$(git log -1 --format=%s)" 'feat(cli): x'
msg_case headerFormat "'fix bug'" line1 'fix bug'
expect_eq "headerFormat: 'fix bug': not 'fix: fix bug'" "$(git log -1 --format=%s)" 'fix: bug'
msg_case headerFormat "'fixup! whatever'" line1 'fixup! whatever'
expect_eq "headerFormat: 'fixup! whatever': the fixup form" "$(git log -1 --format=%s)" \
	'fixup! fix: whatever'
msg_case headerFormat "'Revert \"feat: x\"' without git's line" line1 'Revert "feat: x"'
msg_case headerFormat "a bidirectional control" line1 'feat: add a\342\200\256b'
msg_case headerFormat "'Merge stuff' (no merge)" line1 'Merge stuff'
msg_case typeCase "'Feat: x'" line1 'Feat: add x'
msg_case typeEnum "'feature: x'" line1 'feature: add x'
msg_case subjectFullStop "'fix: x.'" line1 'fix: close the pool.'
msg_case headerMaxLength "a header wrapped onto line 2" insert \
	'fix: a header wrapped by an editor at a column it likes\nto go on with the rest of what it says'
msg_case bodyLeadingBlank "the body on line 2" insert 'fix: x\nthe body'
msg_case bodyMaxLineLength "a body line of 130 characters" wrap \
	"fix: x\n\n$(printf 'word %.0s' $(seq 26))"
msg_case footerFormat "'Refs:' with no value" delete 'fix: x\n\nRefs:'
msg_case breakingChangeFormat "'Breaking change: ...'" 'line 3' \
	'feat: x\n\nBreaking change: the config is YAML'
msg_case messageEncoding "a Latin-1 byte" 'command git config i18n\.commitEncoding [^ )]+' \
	'fix: caf\351'
git config --unset i18n.commitEncoding
set_version 0.16.0-alpha1
msg_case versionBumpMessage "a version change the header does not name" line1 \
	'chore: update the version files'
git checkout -q -b hotfix/pool-leak
msg_case branchCommitType "'feat:' on a hotfix branch" line1 'feat: add x'
git checkout -q feature/hints

# typeEnum with no known slip, a missing subject, one line too long: what
# is meant is the author's to say.
skip_rule subjectEmpty "what the commit does is the author's to say"
printf '# skip - typeEnum (wip: x): the type meant is the author'"'"'s choice; its hint lists the types\n'
printf '# skip - headerMaxLength (one line too long): what to cut is the author'"'"'s choice\n'
printf '# skip - breakingChangeFormat (no description): what breaks is the author'"'"'s to say\n'

# branchName: pre-commit on a branch of no workflow kind.
git checkout -q -b wip-stuff
touch_work
refused "a branch named wip-stuff" branchName git commit -q -m 'feat: add x' &&
	applied "wip-stuff" branchName sh -c "$(command_of "$HINT" 'git branch -m [^ ;)]+')"
passes "wip-stuff" branchName git commit -q -m 'feat: add x'
git checkout -q feature/hints

# scopeEnum and subjectCase, configured in a committed .flowgate.
S=$TMP/scopes
new_repo "$S"
install_flowgate "$S" || not_ok "install.sh installs the hooks"
cd "$S" || exit 1
printf '[rule "scopeEnum"]\n\tscopes = cli core\n[rule "subjectCase"]\n\tseverity = error\n' >.flowgate
git add .flowgate && git commit -q -m 'chore: add the rules' || not_ok "setup: .flowgate"
git checkout -q -b feature/hints
msg_case scopeEnum "'feat(gui): x' (scopes = cli core)" line1 'feat(gui): add x'
msg_case subjectCase "'fix: Add the parser'" line1 'fix: Add the parser'

# ============================================================ a pushed commit
# Its hint says how to reword it (git rebase -i <oid>^): run as printed,
# with the value as the new header, the push passes.
P=$TMP/push O=$TMP/push-origin.git
new_origin "$O"
git clone -q "$O" "$P" 2>/dev/null
install_flowgate "$P" || not_ok "install.sh installs the hooks"
cd "$P" || exit 1
commit_file "$P" a.txt a 'feat: add a' && git push -q origin main || not_ok "setup: the first push"
git checkout -q -b feature/pushed
tick
commit_file "$P" b.txt b 'feat: add b'
printf 'c\n' >c.txt && git add c.txt && git commit -q --no-verify -m 'fix bug'
tick
commit_file "$P" d.txt d 'feat: add d'
if refused "a pushed commit 'fix bug'" headerFormat git push -q origin feature/pushed; then
	cmd=$(command_of "$HINT" 'git rebase -i [0-9a-f]+\^')
	expect_ok "headerFormat: a pushed commit: the hint rewords it with git rebase -i <oid>^" \
		test -n "$cmd"
	oid=$(printf '%s\n' "$cmd" | grep -Eo '[0-9a-f]{12}')
	applied "a pushed commit" headerFormat env \
		GIT_SEQUENCE_EDITOR="sed -i -e 's/^pick ${oid:0:7}/reword ${oid:0:7}/'" \
		GIT_EDITOR="$SET_LINE1" LINE1="$(value_of "$HINT")" sh -c "$cmd"
	expect_eq "headerFormat: a pushed commit: reworded" "$(git log -1 --format=%s HEAD~1)" 'fix: bug'
fi
passes "a pushed commit" headerFormat git push -q origin feature/pushed

# branchProtected: a force push over the remote's main; its fix, run as
# printed, brings the remote's commit under ours.
P2=$TMP/push2
git clone -q "$O" "$P2" 2>/dev/null
install_flowgate "$P2" || not_ok "install.sh installs the hooks"
tick
git -C "$P" checkout -q main
commit_file "$P" e.txt e 'feat: add e' && git -C "$P" push -q origin main || not_ok "setup: main moves"
cd "$P2" || exit 1
tick
commit_file "$P2" f.txt f 'feat: add f'
refused "git push -f over the remote's main" branchProtected git push -q -f origin main &&
	applied "a force push" branchProtected sh -c "$(command_of "$HINT" 'git pull --rebase [^ ]+ [^ ]+')"
passes "a force push" branchProtected git push -q origin main

# ============================================================ the version files
# pre-commit on the staged version files, halfORM's three.
V=$TMP/versions
new_repo "$V"
install_flowgate "$V" || not_ok "install.sh installs the hooks"
cd "$V" || exit 1
git config flowgate.versionPreReleaseBranch error
set_version 0.16.0-dev
git commit -q -m 'chore: bump version to 0.16.0-dev' || not_ok "setup: the first commit"

# vcase RULE LABEL HOW: the staged change is refused by RULE; its hint applied
# by HOW: "all" (its value in every version file), "file" (its value in the
# file it names), "command ERE" (the command matching ERE run); then the
# commit passes.
vcase() {
	local rule=$1 label=$2 how=$3 value file
	touch_work
	refused "$label" "$rule" git commit -q -m 'chore: the version files' || {
		git reset -q --hard
		return
	}
	value=$(value_of "$HINT")
	case $how in
	all) set_version "$value" ;;
	file)
		file=$(printf '%s\n' "$HINT" | sed -n "s/^write '[^']*' in \\([^ ]*\\) .*/\\1/p")
		write_version "$file" "$value"
		;;
	command\ *) applied "$label" "$rule" sh -c "$(command_of "$HINT" "${how#command }")" ;;
	esac
	passes "$label" "$rule" git commit -q -m "chore: the version files ($rule)"
}

set_version 0.15.0
vcase versionRegression "0.16.0-dev -> 0.15.0 on main" all
printf '0.16\n' >half_orm/version.txt && git add half_orm/version.txt
vcase versionFormat "version.txt says 0.16" file
write_version setup.py 0.16.1-dev
vcase versionConsistency "setup.py says 0.16.1-dev" file
set_version 0.16.0-rc1
vcase versionReleaseBranch "0.16.0-rc1 committed on main" 'command git checkout -b release/[0-9.]+x'
expect_eq "versionReleaseBranch: the rc is committed on the release branch" \
	"$(git branch --show-current) $(cat half_orm/version.txt)" "release/0.16.x 0.16.0-rc1"
set_version 0.17.0
vcase branchVersionSeries "0.17.0 on release/0.16.x" all
set_version 0.16.1-dev
vcase versionPreReleaseBranch "0.16.1-dev on release/0.16.x" 'command flowgate bump rc'
expect_eq "versionPreReleaseBranch: flowgate bump rc, then committed" "$(cat half_orm/version.txt)" \
	0.16.1-rc1

# ====================================================================== tags
# pre-push of release tags, each fixture one fault, in the order the
# series goes up (tagMonotonic): the hint's command run as printed.
T=$TMP/tags TO=$TMP/tags-origin.git
new_origin "$TO"
git clone -q "$TO" "$T" 2>/dev/null
install_flowgate "$T" || not_ok "install.sh installs the hooks"
cd "$T" || exit 1
declare -A AT
vcommit() { tick; set_version "$1" && touch_work && git commit -q -m "chore: prepare release $1" && AT[$1]=$(git rev-parse HEAD); }
vcommit 0.16.0-dev
git push -q origin main || not_ok "setup: main"
git checkout -q -b release/0.16.x
for v in 0.16.0-rc1 0.16.0 0.16.1-rc1 0.16.1 0.16.2 0.16.3; do vcommit "$v" || not_ok "setup: $v"; done
git push -q origin release/0.16.x || not_ok "setup: release/0.16.x"

# tcase RULE LABEL ERE COMMIT REFSPEC...: pushing REFSPEC is refused by
# RULE; the hint's command (matching ERE, <commit> replaced by COMMIT) run;
# the same push (or, with AFTER set, a push of AFTER) passes.
tcase() {
	local rule=$1 label=$2 ere=$3 commit=$4 cmd
	shift 4
	tick
	refused "$label" "$rule" git push -q origin "$@" || return
	cmd=$(command_of "$HINT" "$ere")
	applied "$label" "$rule" sh -c "${cmd//<commit>/$commit}"
	# shellcheck disable=SC2086 # AFTER: refspecs
	passes "$label" "$rule" git push -q origin ${AFTER:-"$@"}
}

git tag -a v0.16.0-rc1 -m 'release: 0.16.0-rc1' "${AT[0.16.0]}"
tcase tagVersionMatch "v0.16.0-rc1 on the commit of 0.16.0" 'git tag -f -a .* <commit>' \
	"${AT[0.16.0-rc1]}" v0.16.0-rc1
tick
git tag -a v0.16.0 -m 'bump' "${AT[0.16.0]}"
tcase tagMessage "v0.16.0 'bump'" "git tag -f -a .*'" - v0.16.0
tick
git tag v0.16.1 "${AT[0.16.1]}"
tcase tagAnnotated "a lightweight v0.16.1, a patch on release/0.16.x" "git tag -f -a .*'" - v0.16.1
expect_eq "tagAnnotated: the message tagMessage asks of a patch on release/0.16.x" \
	"$(git tag -l --format='%(contents:subject)' v0.16.1)" 'hotfix: 0.16.1'
tick
git tag -a v0.16.1-rc1 -m 'release: 0.16.1-rc1' "${AT[0.16.1-rc1]}"
tick
refused "v0.16.1-rc1 made after v0.16.1" tagMonotonic git push -q origin v0.16.1-rc1 &&
	applied "v0.16.1-rc1" tagMonotonic sh -c "$(command_of "$HINT" 'git tag -d [^ )]+')"
passes "v0.16.1-rc1 deleted, the tags pushed" tagMonotonic git push -q origin --tags
tick
git tag -a 0.16.2 -m 'hotfix: 0.16.2' "${AT[0.16.2]}"
AFTER=v0.16.2 tcase tagFormat "0.16.2, without the prefix" "git tag -a .* && git tag -d [^ ]+" - \
	refs/tags/0.16.2
expect_eq "tagFormat: renamed v0.16.2, pushed" "$(git -C "$TO" rev-parse -q --verify 'v0.16.2^{commit}')" \
	"${AT[0.16.2]}"
tick
printf 'notes\n' >notes.txt
git tag -a v0.16.3 -m 'hotfix: 0.16.3' "$(git hash-object -w notes.txt)"
tcase tagTarget "v0.16.3 on a blob" 'git tag -d .* <commit>' "${AT[0.16.3]}" v0.16.3
tick
git tag -f -a v0.16.0 -m 'release: 0.16.0, again' "${AT[0.16.0]}" >/dev/null
tcase tagMoved "v0.16.0 made again" 'git fetch --tags --force' - -f v0.16.0
skip_rule tagOnReleaseBranch "which commit of the release branch to tag, or what to merge there, is the releaser's choice"

# ================================================================ the server
# refNamespace: pre-receive refuses a ref outside refs/heads/ and refs/tags/.
SRV=$TMP/server.git C=$TMP/server-clone
new_origin "$SRV"
"$TOP/install.sh" --server "$SRV" >"$LAST_OUT" 2>&1 || not_ok "install.sh --server"
git clone -q "$SRV" "$C" 2>/dev/null
cd "$C" || exit 1
commit_file "$C" a.txt a 'feat: add a'
if refused "git push origin HEAD:refs/custom/x" refNamespace git push -q origin HEAD:refs/custom/x; then
	cmd=$(command_of "$HINT" 'git push <remote> HEAD:refs/heads/[^ )]+')
	cmd=${cmd//<remote>/origin}
	applied "refs/custom/x" refNamespace sh -c "${cmd//<name>/x}"
fi
expect_eq "refNamespace: the branch landed" "$(git -C "$SRV" rev-parse -q --verify refs/heads/feature/x)" \
	"$(git rev-parse HEAD)"

# ========================================================== post-merge advice
# nextStep and hotfixPropagation never refuse: their commands, run as
# printed, leave nothing to advise and pass the hooks.
A=$TMP/advice AO=$TMP/advice-origin.git
new_origin "$AO"
git clone -q "$AO" "$A" 2>/dev/null
install_flowgate "$A" || not_ok "install.sh installs the hooks"
cd "$A" || exit 1
tick
set_version 0.16.0-dev && git commit -q -m 'chore: bump version to 0.16.0-dev'
git push -q origin main
DEV_BASE=$(git rev-parse HEAD)
git checkout -q -b release/0.16.x
for w in rc release; do tick; flowgate bump "$w" --commit --tag >/dev/null || not_ok "setup: bump $w"; done
git push -q origin release/0.16.x v0.16.0-rc1 v0.16.0 || not_ok "setup: the release"
git checkout -q main
tick
if advised "release/0.16.x merged into main" nextStep git merge -q --no-ff --no-edit release/0.16.x; then
	applied "the release merged" nextStep sh -c "$(command_of "$HINT" 'flowgate bump dev --commit')"
fi
expect_eq "nextStep: main moved to the next minor" "$(cat half_orm/version.txt)" 0.17.0-dev
passes "main pushed" nextStep git push -q origin main
passes "post-merge again" nextStep .git/hooks/post-merge 0
expect_no_output "nextStep: nothing left to advise" 'nextStep'

git checkout -q -b hotfix/pool-leak v0.16.0
tick
commit_file "$A" pool.txt 'closed' 'fix: close the pool on error'
git push -q origin hotfix/pool-leak
git checkout -q release/0.16.x
tick
advised "hotfix/pool-leak merged into release/0.16.x" hotfixPropagation \
	git merge -q --no-ff --no-edit hotfix/pool-leak
# the commands listed under it, then those flowgate hotfix-status lists,
# until every branch holds the fix (each command line run as printed)
round=0
while :; do
	grep -E '^    (git |.*: flowgate )' "$LAST_OUT" | sed -e 's/^    //' -e 's/^.*: flowgate /flowgate /' >"$TMP/cmds"
	while IFS= read -r cmd; do
		tick
		applied "$cmd" hotfixPropagation sh -c "$cmd" </dev/null
	done <"$TMP/cmds"
	round=$((round + 1))
	flowgate hotfix-status hotfix/pool-leak >"$LAST_OUT" 2>&1 && break
	[ "$round" -lt 4 ] || break
done
expect_status "hotfixPropagation: every branch holds the fix, after the commands printed" 0 \
	flowgate hotfix-status hotfix/pool-leak

# ====================================================================== git am
# applypatch-msg: the message of a patch, fixed as its hint says, and git
# am taken up as the hint prints it (git am with no argument goes on only
# from a terminal: script(1) gives it one).
if need_tool script util-linux; then
	cd "$P" || exit 1
	git checkout -q -b feature/patch main
	tick
	printf 'g\n' >g.txt && git add g.txt && git commit -q --no-verify -m 'update stuff'
	git format-patch -q -1 -o "$TMP/patches" >/dev/null
	git checkout -q main
	if refused "git am of a patch 'update stuff'" headerFormat git am -q "$TMP"/patches/*.patch; then
		cmd=$(sed -n 's/^hint: git am keeps the patch; fix its message, then go on from it: //p' \
			"$LAST_OUT")
		applied "git am" headerFormat env GIT_EDITOR="$SET_LINE1" LINE1="$(value_of "$HINT")" \
			script -qec "$cmd" /dev/null
		expect_eq "headerFormat: git am: the patch committed with the hinted header" \
			"$(git log -1 --format=%s)" 'fix: update stuff'
	fi
else
	printf '# skip - git am: script(1) (util-linux) is missing\n'
fi

# ================================================================ flowgate bump
# The bumps the hints name: on dev/0.16.x once v0.16.0 is out, bump dev and
# bump patch go past the release (they gave 0.17.0-dev, refused there, and
# 0.16.0, already tagged).
cd "$A" || exit 1
git checkout -q -b dev/0.16.x "$DEV_BASE"
expect_ok "bump dev on dev/0.16.x" flowgate bump dev --dry-run
expect_output "bump dev on dev/0.16.x: 0.16.1-dev" '-> 0\.16\.1-dev in '
expect_ok "bump patch on dev/0.16.x" flowgate bump patch --dry-run
expect_output "bump patch on dev/0.16.x: 0.16.1, past v0.16.0" '-> 0\.16\.1 in '
tick
expect_ok "bump dev --commit on dev/0.16.x" flowgate bump dev --commit
expect_ok "bump dev on dev/0.16.x: the push passes" git push -q origin dev/0.16.x

# ===================================================== every rule is covered
missing=
for r in $(flowgate rules --markdown | sed -n 's/^| `\([A-Za-z]*\)` .*/\1/p'); do
	case "$COVERED$SKIPPED" in
	*" $r "*) ;;
	*) missing="$missing $r" ;;
	esac
done
expect_eq "every rule of the registry has a fixture or a skip line" "${missing# }" ""
