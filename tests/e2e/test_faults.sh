#!/bin/bash
# Faults: install.sh and flowgate bump interrupted at every step, asserting
# that nothing is lost.
#
# install.sh (client and --server, install and --uninstall) runs with
# tests/e2e/shims/fault.sh standing in for cp, mv, ln, chmod, rm, mkdir,
# mktemp and dd; for every N from 1 to the number of file operations of the run, the
# N-th one fails ("fail": it does nothing, or a cp writes half the file) or,
# with the user's own hooks, is the last before the whole script is killed
# with SIGKILL ("kill"). In a repository with no hooks, with the user's own
# hooks (a file and a symbolic link), and with an older flowgate installation
# (and a hook it kept): every hook name holds its old file (checksum) or the
# complete new one, never a truncated one nor nothing where there was a
# hook; the user's hook is always there as itself or as <hook>.pre-flowgate;
# an exit status 0 means the installation is complete; a re-run completes
# it and leaves no temporary file.
#
# flowgate bump with a real write failure on the second of the three version
# files (a file size limit, which binds root too): every file, the index and
# HEAD as they were, no temporary file left.
#
# Run: FLOWGATE_BUILD=/abs/build bash tests/e2e/test_faults.sh
. "$(dirname "$0")/lib.sh"

INSTALL=$TOP/install.sh
HOOKS="pre-commit commit-msg pre-push post-merge post-commit prepare-commit-msg applypatch-msg pre-applypatch"
SERVER_HOOKS="pre-receive update"
SUFFIX=.pre-flowgate
SHIMS=$TMP/shims
COUNTER=$TMP/fault.count
REAL_PATH=$PATH
fault_shims "$SHIMS"

for h in $HOOKS $SERVER_HOOKS launch; do
	if [ ! -x "$FLOWGATE_BUILD/hooks/$h" ]; then
		: >"$LAST_OUT"
		not_ok "hook binary $FLOWGATE_BUILD/hooks/$h is built (run make)"
		exit 1
	fi
done

# install.sh places the build's launcher, pointing at the hook binaries of
# FLOWGATE_BUILD/hooks: the hundreds of runs below point it at stand-ins
# (a flowgate marker) rather than the 7 MB binaries, never run here.
FAKE_BUILD=$TMP/build
mkdir -p "$FAKE_BUILD/hooks"
cp -- "$FLOWGATE_BUILD/hooks/launch" "$FAKE_BUILD/hooks/launch"
for h in $HOOKS $SERVER_HOOKS; do
	printf '#!/bin/sh\n# @(#)flowgate-hook stand-in for %s\nexit 0\n' "$h" >"$FAKE_BUILD/hooks/$h"
	chmod 755 "$FAKE_BUILD/hooks/$h"
done

# snap DIR: S[NAME] = the state of every entry NAME of DIR, in one line:
# "link TARGET", "file MODE SHA256" or other (${S[NAME]:-absent} for any NAME).
declare -A S
snap() {
	S=()
	local name kind rest sum
	declare -A sums=()
	while read -r sum name; do sums[${name#./}]=$sum; done < <(
		cd "$1" && find . -mindepth 1 -maxdepth 1 -type f -exec sha256sum -- {} +)
	while read -r name kind rest; do
		S[$name]="$kind $rest${sums[$name]:+ ${sums[$name]}}"
	done < <(cd "$1" && find . -mindepth 1 -maxdepth 1 -printf '%f ' \( -type l -printf 'link %l\n' \
		-o -type f -printf 'file %m\n' -o -printf 'other\n' \))
}

# others: from S, every entry that is not a hook of $NAMES, a <hook>.pre-flowgate
# or a temporary file of install.sh (what must never change), sorted.
others() {
	local f
	for f in "${!S[@]}"; do
		case " $NAMES " in *" ${f%"$SUFFIX"} "*) continue ;; esac
		case $f in .*.flowgate.*) continue ;; esac
		printf '%s %s\n' "$f" "${S[$f]}"
	done | LC_ALL=C sort
}

# temps: from S, install.sh's temporary files.
temps() {
	local f
	for f in "${!S[@]}"; do case $f in .*.flowgate.*) printf '%s ' "$f" ;; esac; done
}

# run_faulty AT MODE ARGS...: install.sh ARGS with the AT-th file operation
# made to go wrong as MODE says (AT 0: none, only counted); its exit status in
# $STATUS, the number of file operations made in $OPS, output in $LAST_OUT.
run_faulty() {
	at=$1 mode=$2
	shift 2
	rm -f -- "$COUNTER" "$COUNTER.log"
	# in a subshell with stderr closed: no "Killed" notice from bash
	(
		env PATH="$SHIMS:$REAL_PATH" FLOWGATE_FAULT_PATH="$REAL_PATH" FLOWGATE_BUILD="$FAKE_BUILD" \
			FLOWGATE_FAULT_COUNTER="$COUNTER" FLOWGATE_FAULT_AT="$at" FLOWGATE_FAULT_MODE="$mode" \
			setsid -w "$INSTALL" "$@" >"$LAST_OUT" 2>&1 </dev/null
		exit $?
	) 2>/dev/null
	STATUS=$?
	OPS=0
	if [ -s "$COUNTER" ]; then read -r OPS <"$COUNTER"; fi
}

# run_plain ARGS...: install.sh ARGS without the shims; exit status also in $STATUS.
run_plain() {
	FLOWGATE_BUILD=$FAKE_BUILD "$INSTALL" "$@" >"$LAST_OUT" 2>&1 </dev/null
	STATUS=$?
	return "$STATUS"
}

# op_name N: the command of the N-th file operation of the last run.
op_name() {
	local n name rest
	while read -r n name rest; do
		if [ "$n" = "$1" ]; then printf '%s\n' "$name"; return; fi
	done <"$COUNTER.log"
}

# record DIR: remember in BEFORE[] the state of every hook of $NAMES and its
# .pre-flowgate in DIR, and in BEFORE_OTHERS everything else.
declare -A BEFORE NEW
record() {
	snap "$1"
	for h in $NAMES; do
		BEFORE[$h]=${S[$h]:-absent}
		BEFORE[$h$SUFFIX]=${S[$h$SUFFIX]:-absent}
	done
	BEFORE_OTHERS=$(others)
}
for h in $HOOKS $SERVER_HOOKS; do
	launcher_for "$FAKE_BUILD/hooks/$h" "$TMP/new" "$FAKE_BUILD/hooks/launch"
	NEW[$h]="file 755 $(sha256sum <"$TMP/new" | cut -c1-64)"
done

# FOREIGN: the hooks of $NAMES that flowgate did not install (set per scenario).

# check_install_interrupted DIR: after an interrupted install in DIR, PROBLEM
# says what is wrong (empty: nothing). Each hook is its old self or the new
# one; its .pre-flowgate is as it was or holds the user's hook; the user's
# hook is somewhere; exit 0 only with everything installed; nothing else
# changed.
check_install_interrupted() {
	PROBLEM=
	complete=yes
	snap "$1"
	for h in $NAMES; do
		cur=${S[$h]:-absent} cur_s=${S[$h$SUFFIX]:-absent} new=${NEW[$h]}
		[ "$cur" = "$new" ] || complete=no
		if [ "$cur" != "${BEFORE[$h]}" ] && [ "$cur" != "$new" ]; then
			PROBLEM="$PROBLEM; $h is neither its old self nor the new hook: $cur"
		fi
		case " $FOREIGN " in
		*" $h "*)
			if [ "$cur" != "${BEFORE[$h]}" ] && [ "$cur_s" != "${BEFORE[$h]}" ]; then
				PROBLEM="$PROBLEM; the user's $h is lost ($h: $cur, $h$SUFFIX: $cur_s)"
			fi
			if [ "$cur_s" != "${BEFORE[$h$SUFFIX]}" ] && [ "$cur_s" != "${BEFORE[$h]}" ]; then
				PROBLEM="$PROBLEM; $h$SUFFIX is $cur_s"
			fi
			[ "$cur_s" = "${BEFORE[$h]}" ] || complete=no
			;;
		*)
			if [ "$cur_s" != "${BEFORE[$h$SUFFIX]}" ]; then
				PROBLEM="$PROBLEM; $h$SUFFIX changed: ${BEFORE[$h$SUFFIX]} -> $cur_s"
			fi
			;;
		esac
	done
	if [ "$STATUS" -eq 0 ] && [ "$complete" = no ]; then
		PROBLEM="$PROBLEM; exit 0 but the installation is not complete"
	fi
	if [ "$STATUS" -ne 0 ] && [ "$STATUS" -lt 128 ] && ! grep -q '^install.sh: error: ' "$LAST_OUT"; then
		PROBLEM="$PROBLEM; exit $STATUS without an install.sh: error line"
	fi
	[ "$(others)" = "$BEFORE_OTHERS" ] || PROBLEM="$PROBLEM; other files changed"
}

# check_installed DIR: after a complete install, PROBLEM says what is wrong.
check_installed() {
	PROBLEM=
	snap "$1"
	for h in $NAMES; do
		cur=${S[$h]:-absent} cur_s=${S[$h$SUFFIX]:-absent}
		[ "$cur" = "${NEW[$h]}" ] || PROBLEM="$PROBLEM; $h is not the new hook: $cur"
		case " $FOREIGN " in
		*" $h "*) want_s=${BEFORE[$h]} ;;
		*) want_s=${BEFORE[$h$SUFFIX]} ;;
		esac
		[ "$cur_s" = "$want_s" ] || PROBLEM="$PROBLEM; $h$SUFFIX is $cur_s, not $want_s"
	done
	[ -z "$(temps)" ] || PROBLEM="$PROBLEM; temporary files left: $(temps)"
	[ "$(others)" = "$BEFORE_OTHERS" ] || PROBLEM="$PROBLEM; other files changed"
}

# report NAME: ok when PROBLEM is empty.
report() {
	if [ -z "$PROBLEM" ]; then ok "$1"; else
		printf '%s\n' "${PROBLEM#; }" >>"$LAST_OUT"
		not_ok "$1"
	fi
}

# make_hook FILE TEXT: an executable shell script saying TEXT.
make_hook() {
	printf '#!/bin/sh\n# %s\nexit 0\n' "$2" >"$1"
	chmod 755 "$1"
}

# scenario KIND HOOKSDIR: HOOKSDIR set up as KIND says: none (only a file
# that is no hook), foreign (the user's pre-commit, a file, and commit-msg, a
# symbolic link; for the server, the server's own pre-receive), older (an
# older flowgate in every hook, and a pre-commit kept from before it). Sets
# FOREIGN.
scenario() {
	kind=$1 dir=$2
	FOREIGN=
	rm -rf -- "$dir" && mkdir -p -- "$dir" || exit 1
	printf '#!/bin/sh\n# not a hook: a sample\n' >"$dir/pre-commit.sample"
	case $kind in
	none) ;;
	foreign)
		if [ "$NAMES" = "$HOOKS" ]; then
			make_hook "$dir/pre-commit" "the user's pre-commit"
			make_hook "$TMP/shared commit-msg" "the user's commit-msg, shared"
			ln -sf "$TMP/shared commit-msg" "$dir/commit-msg"
			FOREIGN="pre-commit commit-msg"
		else
			make_hook "$dir/pre-receive" "the server's own pre-receive"
			FOREIGN="pre-receive"
		fi
		;;
	older)
		for h in $NAMES; do
			printf '#!/bin/sh\n# @(#)flowgate-hook 0.1 %s\nexit 0\n' "$h" >"$dir/$h"
			chmod 755 "$dir/$h"
		done
		first=${NAMES%% *}
		make_hook "$dir/$first$SUFFIX" "the user's $first, kept by an older flowgate"
		;;
	esac
}

# reset FROM: the hooks directory $HOOKDIR made a copy of FROM.
reset() { rm -rf -- "$HOOKDIR" && cp -a -- "$1" "$HOOKDIR"; }

# setup WHERE KIND [SERVER]: $HOOKDIR, $NAMES and the pristine copy
# $TMP/pristine set up for install.sh on WHERE (a work tree, or with SERVER,
# "--server" or "--server --with-update", a bare repository) in scenario KIND.
setup() {
	HOOKDIR=$1/.git/hooks NAMES=$HOOKS
	case ${3:-} in
	*--with-update*) HOOKDIR=$1/hooks NAMES=$SERVER_HOOKS ;;
	?*) HOOKDIR=$1/hooks NAMES=pre-receive ;;
	esac
	scenario "$2" "$TMP/pristine"
	reset "$TMP/pristine"
}

# install_case WHERE KIND MODE [SERVER]: for every N, install.sh interrupted
# at its N-th file operation (MODE fail or kill) in scenario KIND, then run
# again without fault. (SERVER goes to install.sh split into its words.)
install_case() {
	where=$1 kind=$2 mode=$3 server=${4:-}
	label="install${server:+ $server} ($kind)"
	setup "$where" "$kind" ${server:+"$server"}
	record "$HOOKDIR"
	run_faulty 0 "$mode" $server "$where"
	total=$OPS
	if [ "$STATUS" -ne 0 ] || [ "$total" -lt 3 ]; then
		not_ok "$label: a run without fault exits 0 (exit $STATUS, $total operations)"
		return
	fi
	check_installed "$HOOKDIR"
	[ "$mode" = kill ] || report "$label: without fault: complete in $total file operations"
	for n in $(seq 1 "$total"); do
		reset "$TMP/pristine"
		run_faulty "$n" "$mode" $server "$where"
		what=$(op_name "$n")
		check_install_interrupted "$HOOKDIR"
		if [ -z "$PROBLEM" ]; then
			run_plain $server "$where"
			check_installed "$HOOKDIR"
			[ "$STATUS" -eq 0 ] || PROBLEM="re-run exits $STATUS; $PROBLEM"
			PROBLEM=${PROBLEM:+after the re-run: $PROBLEM}
		fi
		report "$label, $mode at $n/$total ($what): hooks old or new, the user's kept; a re-run installs"
	done
}

# uninstall_case WHERE KIND MODE [SERVER]: the same for install.sh
# --uninstall after a complete install: each hook stays flowgate's or becomes
# what it was before flowgate; a kept hook is never lost; a re-run finishes.
declare -A INSTALLED FINAL
uninstall_case() {
	where=$1 kind=$2 mode=$3 server=${4:-}
	label="uninstall${server:+ $server} ($kind)"
	setup "$where" "$kind" ${server:+"$server"}
	snap "$HOOKDIR"
	for h in $NAMES; do
		# after --uninstall: the user's hook, flowgate's or its own, else none
		case " $FOREIGN " in
		*" $h "*) FINAL[$h]=${S[$h]:-absent} ;;
		*) FINAL[$h]=${S[$h$SUFFIX]:-absent} ;;
		esac
	done
	record "$HOOKDIR"
	if ! run_plain $server "$where"; then
		not_ok "$label: install first"
		return
	fi
	rm -rf -- "$TMP/installed" && cp -a -- "$HOOKDIR" "$TMP/installed"
	snap "$HOOKDIR"
	for h in $NAMES; do INSTALLED[$h]=${S[$h]:-absent}; done
	run_faulty 0 "$mode" --uninstall $server "$where"
	total=$OPS
	check_uninstalled
	[ "$STATUS" -eq 0 ] || PROBLEM="exit $STATUS; $PROBLEM"
	[ "$mode" = kill ] || report "$label: without fault: the hooks from before flowgate back in $total file operations"
	for n in $(seq 1 "$total"); do
		reset "$TMP/installed"
		run_faulty "$n" "$mode" --uninstall $server "$where"
		what=$(op_name "$n")
		PROBLEM=
		complete=yes
		snap "$HOOKDIR"
		for h in $NAMES; do
			cur=${S[$h]:-absent} cur_s=${S[$h$SUFFIX]:-absent}
			if [ "$cur" != "${INSTALLED[$h]}" ] && [ "$cur" != "${FINAL[$h]}" ]; then
				PROBLEM="$PROBLEM; $h is neither flowgate's nor the one from before: $cur"
			fi
			if [ "${FINAL[$h]}" != absent ] && [ "$cur" != "${FINAL[$h]}" ] &&
				[ "$cur_s" != "${FINAL[$h]}" ]; then
				PROBLEM="$PROBLEM; the kept $h is lost ($h: $cur, $h$SUFFIX: $cur_s)"
			fi
			[ "$cur" = "${FINAL[$h]}" ] && [ "$cur_s" = absent ] || complete=no
		done
		if [ "$STATUS" -eq 0 ] && [ "$complete" = no ]; then
			PROBLEM="$PROBLEM; exit 0 but the uninstallation is not complete"
		fi
		if [ -z "$PROBLEM" ]; then
			run_plain --uninstall $server "$where"
			check_uninstalled
			[ "$STATUS" -eq 0 ] || PROBLEM="re-run exits $STATUS; $PROBLEM"
			PROBLEM=${PROBLEM:+after the re-run: $PROBLEM}
		fi
		report "$label, $mode at $n/$total ($what): the kept hooks never lost; a re-run uninstalls"
	done
}

# check_uninstalled: PROBLEM says how $HOOKDIR differs from before flowgate.
check_uninstalled() {
	PROBLEM=
	snap "$HOOKDIR"
	for h in $NAMES; do
		[ "${S[$h]:-absent}" = "${FINAL[$h]}" ] || PROBLEM="$PROBLEM; $h is ${S[$h]:-absent}, not ${FINAL[$h]}"
		[ -z "${S[$h$SUFFIX]:-}" ] || PROBLEM="$PROBLEM; $h$SUFFIX is left"
	done
	[ -z "$(temps)" ] || PROBLEM="$PROBLEM; temporary files left: $(temps)"
	[ "$(others)" = "$BEFORE_OTHERS" ] || PROBLEM="$PROBLEM; other files changed"
}

# ======================================================= install.sh, client
R=$TMP/client
new_repo "$R"
for kind in none foreign older; do
	install_case "$R" "$kind" fail
done
install_case "$R" foreign kill
for kind in foreign older; do
	uninstall_case "$R" "$kind" fail
done
uninstall_case "$R" foreign kill

# An install killed right after keeping the user's hook (the same hook under
# both names), then --uninstall: the hooks directory exactly as before.
setup "$R" foreign
record "$HOOKDIR"
run_faulty 0 kill "$R"
n=$(while read -r n name rest; do [ "$name" = ln ] && echo "$n" && break; done <"$COUNTER.log")
reset "$TMP/pristine"
run_faulty "${n:-0}" kill "$R"
run_plain --uninstall "$R"
snap "$HOOKDIR"
PROBLEM=
for h in $NAMES; do
	[ "${S[$h]:-absent}" = "${BEFORE[$h]}" ] || PROBLEM="$PROBLEM; $h is ${S[$h]:-absent}"
	[ "${S[$h$SUFFIX]:-absent}" = "${BEFORE[$h$SUFFIX]}" ] || PROBLEM="$PROBLEM; $h$SUFFIX is ${S[$h$SUFFIX]:-absent}"
done
[ "$STATUS" -eq 0 ] || PROBLEM="exit $STATUS; $PROBLEM"
[ -z "$(temps)" ] || PROBLEM="$PROBLEM; temporary files left: $(temps)"
report "killed after keeping the user's hook (call ${n:-none}), then --uninstall: every hook as before"

# ======================================================= install.sh --server
B=$TMP/server.git
new_origin "$B"
for mode in fail kill; do
	install_case "$B" foreign "$mode" --server
done
install_case "$B" foreign fail "--server --with-update"
uninstall_case "$B" foreign fail --server
uninstall_case "$B" foreign fail "--server --with-update"

# ================================================ flowgate bump, a write failing
# A file size limit (RLIMIT_FSIZE, with SIGXFSZ ignored so that write(2) fails
# with EFBIG) binds root too: with setup.py, the second version file, larger
# than the limit and the others smaller, writing its new content fails.
FG=$FLOWGATE_BUILD/flowgate

# bump_repo DIR BIG: a committed repository at 0.16.0 whose version file BIG
# is padded to 16 KiB.
bump_repo() {
	new_repo "$1"
	(cd "$1" && set_version 0.16.0 && {
		printf '# padding\n'
		head -c 16384 /dev/zero | tr '\0' '#'
		printf '\n'
	} >>"$2" && git add . && git -c core.hooksPath=/dev/null commit -q -m 'chore: initial commit')
}

# bump_snapshot DIR: what a failed bump must leave as it was: the version
# files' checksums, the index's, HEAD, the status and every file's name.
bump_snapshot() {
	(cd "$1" && sha256sum half_orm/version.txt setup.py docs/index.md .git/index &&
		git rev-parse HEAD && git --no-optional-locks status --porcelain --ignored &&
		find . -path ./.git -prune -o -print | LC_ALL=C sort)
}

# limited DIR KIB ARGS...: flowgate ARGS in DIR, no file written beyond KIB KiB.
limited() {
	(cd "$1" && trap '' XFSZ && ulimit -f "$2" && shift 2 && exec "$FG" "$@")
}

for big in setup.py docs/index.md; do
	for how in "" --commit; do
		R=$TMP/bump-$(printf %s "$big" | tr / -)$how
		bump_repo "$R" "$big"
		SNAP=$(bump_snapshot "$R")
		label="bump dev${how:+ $how}, writing $big fails (EFBIG)"
		expect_status "$label: exit 3" 3 limited "$R" 4 bump dev $how
		expect_output "$label: one fatal line naming the file" \
			"^flowgate bump: fatal: cannot write the version files: cannot write .*/\.${big##*/}\.flowgate-[0-9]+-[0-9]+: File too large; no file was changed$"
		expect_eq "$label: files, index, HEAD and status as they were, no temporary file" \
			"$(bump_snapshot "$R")" "$SNAP"
	done
done

# Staging fails after the three files were replaced (git's index.lock is
# taken): they are put back.
R=$TMP/bump-locked
bump_repo "$R" setup.py
: >"$R/.git/index.lock"
SNAP=$(bump_snapshot "$R")
expect_status "bump dev --commit, the index locked: exit 3" 3 sh -c "cd '$R' && '$FG' bump dev --commit"
expect_output "the index locked: one fatal line, every file put back" \
	'^flowgate bump: fatal: cannot stage the version files: .*; every file was put back as it was$'
expect_eq "the index locked: files, index, HEAD and status as they were, no temporary file" \
	"$(bump_snapshot "$R")" "$SNAP"
rm -f "$R/.git/index.lock"

# the same repository without the limit: the bump goes through
expect_ok "bump dev --commit without the limit succeeds" sh -c "cd '$R' && '$FG' bump dev --commit"
expect_eq "and writes the new version in every file" "$(cd "$R" && "$FG" version)" 0.17.0-dev
