# Shared helpers for the end-to-end tests: each tests/e2e/test_*.sh sources
# this file, drives the real git binary in throwaway repositories and prints
# one "ok - NAME" or "not ok - NAME" line per assertion (run.sh counts them).

set -u
E2E_DIR=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$E2E_DIR/../.." && pwd)
: "${FLOWGATE_BUILD:=$TOP/build}"
export FLOWGATE_BUILD
TMP=$(mktemp -d "${TMPDIR:-/tmp}/flowgate-e2e.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export NO_COLOR=1
# The excerpts under a refusal are cut to COLUMNS when it is set: the tests
# expect them at the width of no terminal (test_terminal.sh sets it).
unset COLUMNS
# Isolate from the user's and the system's git configuration.
export HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home/.config" GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"
export GIT_AUTHOR_NAME=Tester GIT_AUTHOR_EMAIL=tester@example.com
export GIT_COMMITTER_NAME=Tester GIT_COMMITTER_EMAIL=tester@example.com
git config --global init.defaultBranch main
git config --global advice.detachedHead false
LAST_OUT="$TMP/last.out"

ok() { printf 'ok - %s\n' "$1"; }
not_ok() {
	printf 'not ok - %s\n' "$1"
	if [ -s "$LAST_OUT" ]; then sed 's/^/#   /' "$LAST_OUT" | head -n 20; fi
}

# expect_ok NAME CMD...: CMD exits 0 (its stdout+stderr are kept in $LAST_OUT).
expect_ok() {
	name=$1; shift
	if "$@" >"$LAST_OUT" 2>&1; then ok "$name"; else not_ok "$name (exit $?)"; fi
}

# expect_fail NAME CMD...: CMD exits non-zero.
expect_fail() {
	name=$1; shift
	if "$@" >"$LAST_OUT" 2>&1; then not_ok "$name (unexpected success)"; else ok "$name"; fi
}

# expect_status NAME STATUS CMD...: CMD exits with exactly STATUS.
expect_status() {
	name=$1 want=$2; shift 2
	"$@" >"$LAST_OUT" 2>&1
	got=$?
	if [ "$got" -eq "$want" ]; then ok "$name"; else not_ok "$name (exit $got, want $want)"; fi
}

# expect_eq NAME GOT WANT: GOT is exactly WANT.
expect_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (got '$2', want '$3')"; fi
}

# head_oid: the OID HEAD names in the current directory's repository, or nothing.
head_oid() { git rev-parse -q --verify HEAD; }

# expect_output NAME REGEX: the last command's output matches the extended REGEX.
expect_output() {
	if grep -Eq -- "$2" "$LAST_OUT"; then ok "$1"; else not_ok "$1 (no match for /$2/)"; fi
}

# expect_no_output NAME REGEX: the last command's output does not match REGEX.
expect_no_output() {
	if grep -Eq -- "$2" "$LAST_OUT"; then not_ok "$1 (matched /$2/)"; else ok "$1"; fi
}

# new_repo DIR: an empty repository on branch main.
new_repo() {
	git init -q -b main "$1"
}

# new_origin DIR: an empty bare repository to push to.
new_origin() {
	git init -q --bare -b main "$1"
}

# install_flowgate DIR: install the hooks with install.sh, as a user would.
install_flowgate() {
	(cd "$1" && "$TOP/install.sh") >"$LAST_OUT" 2>&1
}

# commit_file DIR PATH CONTENT MESSAGE: write, stage and commit one file.
commit_file() {
	mkdir -p "$(dirname "$1/$2")"
	printf '%s\n' "$3" >"$1/$2"
	git -C "$1" add -- "$2" && git -C "$1" commit -q -m "$4"
}

# tick: the next commit or tag is made one second after the last, from a
# fixed date (set CLOCK first to start elsewhere): the same history, OIDs
# included, at every run, and tags tagMonotonic can order.
tick() {
	CLOCK=$((${CLOCK:-1751600000} + 1))
	export GIT_COMMITTER_DATE="@$CLOCK +0000" GIT_AUTHOR_DATE="@$CLOCK +0000"
}

# set_version V: halfORM's three version files say V (docs/index.md its
# X.Y.x series), written in the cwd and staged, as the workflow guide does
# by hand (echo "0.16.0" > half_orm/version.txt; edit docs/index.md).
set_version() {
	mkdir -p half_orm docs
	printf '%s\n' "$1" >half_orm/version.txt
	printf "from setuptools import setup\n\nsetup(name='half_orm', version='%s')\n" "$1" >setup.py
	printf '# halfORM\n\nThis documentation covers halfORM **%s** (latest release).\n' \
		"$(printf %s "$1" | sed -E 's/^([0-9]+\.[0-9]+)\..*/\1.x/')" >docs/index.md
	git add half_orm/version.txt setup.py docs/index.md
}

# launcher_for TARGET OUT [LAUNCH]: OUT is what install.sh must place to run
# TARGET: the launcher LAUNCH (default: the build's) with TARGET and a NUL
# written after its "@(#)flowgate-target:" marker. Made here with head and
# tail, not as install.sh does it.
launcher_for() {
	local launch=${3:-$FLOWGATE_BUILD/hooks/launch} off len
	off=$(LC_ALL=C grep -a -b -o -F '@(#)flowgate-target:' "$launch" | cut -d: -f1)
	off=$((off + 20))
	len=$(printf '%s' "$1" | LC_ALL=C wc -c)
	{
		head -c "$off" "$launch"
		printf '%s\0' "$1"
		tail -c "+$((off + len + 2))" "$launch"
	} >"$2"
}

# is_launcher FILE TARGET [LAUNCH]: FILE is an executable regular file (not a
# link), exactly the launcher running TARGET.
is_launcher() {
	[ -f "$1" ] && [ ! -L "$1" ] && [ -x "$1" ] || return 1
	launcher_for "$2" "$TMP/launcher.want" "${3:-}" && cmp -- "$TMP/launcher.want" "$1"
}

# fault_shims DIR: DIR holds tests/e2e/shims/fault.sh under the names of the
# commands that change files (cp mv ln chmod rm mkdir mktemp dd). Put DIR first
# in PATH, with FLOWGATE_FAULT_PATH (the real PATH), FLOWGATE_FAULT_COUNTER,
# FLOWGATE_FAULT_AT and FLOWGATE_FAULT_MODE set as fault.sh says, to make the
# N-th of a script's file operations fail or be its last.
fault_shims() {
	mkdir -p "$1"
	for c in cp mv ln chmod rm mkdir mktemp dd; do
		ln -sf "$E2E_DIR/shims/fault.sh" "$1/$c"
	done
}

# only_once WHAT: in the sanitizer build (make sanitize sets
# FLOWGATE_E2E_SANITIZE=1), print a "# skip" line for WHAT and exit 0: tests
# that drive other tools (hook managers, real servers) run once, in the
# plain build.
only_once() {
	if [ "${FLOWGATE_E2E_SANITIZE:-}" = 1 ]; then
		printf '# skip - %s: run once, in the plain build (make check)\n' "$1"
		exit 0
	fi
}

# need_tool CMD PACKAGE...: CMD is on PATH, or, as root with apt-get, the
# Debian PACKAGEs are installed (apt_need); status 1 when CMD is still
# missing (the caller prints its "# skip" line). The test suite installs
# what it drives.
need_tool() {
	_cmd=$1
	shift
	command -v "$_cmd" >/dev/null 2>&1 || apt_need "$@" || true
	command -v "$_cmd" >/dev/null 2>&1
}

# fix_of HOOK: the fix on the first line of the last output that is a
# problem of HOOK ("<hook>: problem: ...; fix: <fix>", flowgate doctor's).
fix_of() { sed -n "s/^$1: problem: .*; fix: //p" "$LAST_OUT" | head -n 1; }

# doctor_fix DIR FIX: carry out flowgate doctor's FIX in DIR as a user
# would: a line to add where it says (husky's script, lefthook's
# configuration; ", then run lefthook install" runs it), else a command run
# with sh.
doctor_fix() {
	local dir=$1 fix=$2 line file n then=
	case $fix in
	*', then run lefthook install')
		fix=${fix%, then run lefthook install}
		then="lefthook install"
		;;
	esac
	case $fix in
	'add this line as the first command of '*)
		file=${fix#add this line as the first command of }
		file=$dir/${file%% (create it if missing)*}
		line=${fix#*, then commit it: }
		{
			printf '%s\n' "$line"
			if [ -f "$file" ]; then cat -- "$file"; fi
		} >"$file.new" && mv -- "$file.new" "$file" || return 1
		;;
	'add this line after line '*)
		n=${fix#add this line after line }
		n=${n%% *}
		file=${fix#* of }
		file=$dir/${file%%: *}
		line=${fix#* of *: }
		awk -v n="$n" -v line="$line" '{ print } NR == n { print line }' "$file" >"$file.new" &&
			mv -- "$file.new" "$file" || return 1
		;;
	'add this line at the end of '*)
		file=${fix#add this line at the end of }
		file=$dir/${file%%: *}
		line=${fix#add this line at the end of *: }
		printf '%s\n' "$line" >>"$file" || return 1
		;;
	*) (cd "$dir" && sh -c "$fix") || return 1 ;;
	esac
	if [ -n "$then" ]; then (cd "$dir" && $then); fi
}

# skip_all WHAT: the whole test cannot run (WHAT says why): a "# skip" line
# and exit 0 by hand, a "not ok" line and exit 1 in CI (.ci/run sets
# FLOWGATE_CI=1: there every part is installed).
skip_all() {
	if [ "${FLOWGATE_CI:-0}" = 1 ]; then
		printf 'not ok - %s\n' "$1"
		exit 1
	fi
	printf '# skip - %s\n' "$1"
	exit 0
}

# apt_need PKG...: the Debian packages PKG... are installed (apt-get, when
# root and they are missing; the package lists are updated only if a first
# try fails), else status 1.
apt_need() {
	local p missing=
	for p in "$@"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q ' installed$' ||
			missing="$missing $p"
	done
	[ -n "$missing" ] || return 0
	[ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1 || return 1
	# shellcheck disable=SC2086 # a list of package names
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null 2>&1 || {
		apt-get update -qq >/dev/null 2>&1 &&
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null 2>&1
	}
}

# deb_unpack PKG...: the Debian packages PKG... downloaded (apt-get download)
# and unpacked into $TMP/debroot, not installed: no maintainer script runs,
# so a package whose installation would start a service (openssh-server,
# apache2) starts none. Prints $TMP/debroot (readable by every user), or
# status 1. Their libraries are the caller's to install (apt_need).
deb_unpack() {
	local p
	mkdir -p "$TMP/debs" "$TMP/debroot" || return 1
	for p in "$@"; do
		(cd "$TMP/debs" && apt-get download -qq "$p" >/dev/null 2>&1) ||
			{ apt-get update -qq >/dev/null 2>&1 &&
				(cd "$TMP/debs" && apt-get download -qq "$p" >/dev/null 2>&1); } || return 1
	done
	for p in "$TMP"/debs/*.deb; do
		dpkg-deb -x "$p" "$TMP/debroot" || return 1
	done
	chmod 755 "$TMP" "$TMP/debroot" && printf '%s\n' "$TMP/debroot"
}

# build_for USER: prints a build folder whose server hooks (hooks/pre-receive,
# hooks/update, hooks/launch) USER can run: $FLOWGATE_BUILD itself, or, when
# a folder above it is closed to USER, a copy of those three in $TMP
# (which is then opened to other users: mode 755).
build_for() {
	if setpriv --reuid="$1" --regid="$(id -g "$1")" --init-groups \
		test -x "$FLOWGATE_BUILD/hooks/pre-receive" 2>/dev/null; then
		printf '%s\n' "$FLOWGATE_BUILD"
		return 0
	fi
	mkdir -p "$TMP/build-$1/hooks" &&
		cp -- "$FLOWGATE_BUILD/hooks/pre-receive" "$FLOWGATE_BUILD/hooks/update" \
			"$FLOWGATE_BUILD/hooks/launch" "$TMP/build-$1/hooks/" &&
		chmod 755 "$TMP" "$TMP/build-$1" "$TMP/build-$1/hooks" &&
		printf '%s\n' "$TMP/build-$1"
}
