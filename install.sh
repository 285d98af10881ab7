#!/usr/bin/env bash
# install.sh: install (or uninstall) the flowgate git hooks in a repository.
# Run ./install.sh --help for the usage and the exit statuses.
set -eu

PROG=install.sh
HOOKS="pre-commit commit-msg pre-push post-merge"
MARKER='@(#)flowgate-hook'
SUFFIX=.pre-flowgate
# The launcher (hooks/launch.c) holds TARGET_MARKER, then the absolute path
# of the hook binary it runs, NUL-terminated, in TARGET_SIZE bytes.
TARGET_MARKER='@(#)flowgate-target:'
TARGET_SIZE=4096

usage() {
	cat <<'EOF'
Usage: ./install.sh [REPO]
       ./install.sh --server BARE_REPO
       ./install.sh --uninstall [--server] [REPO]
       ./install.sh --deps
       ./install.sh --help
An installed flowgate runs this script as:
       flowgate install [REPO]
       flowgate install --server BARE_REPO
       flowgate uninstall [--server] [REPO]

Install the flowgate git hooks (pre-commit, commit-msg, pre-push, post-merge)
into the hooks directory git really uses for REPO (default: the repository of
the current directory): core.hooksPath is honoured, a linked worktree or a
submodule gets the hooks of its repository, a bare repository gets REPO/hooks.

Each hook is a small launcher (a few KB) that runs a flowgate hook binary by
its absolute path, so the clone holds no copy of flowgate and upgrading
flowgate reaches every clone. The binaries are those installed beside this
script (make install puts it in PREFIX/libexec/flowgate/), else those in
"$FLOWGATE_BUILD/hooks/" when FLOWGATE_BUILD is set (nothing is built), else
those in build/hooks/ next to this script, after running make there (the
build dependencies are checked first and installed with apt-get when
running as root; otherwise the apt-get command to run is printed). The path
the hooks run is printed. When the binary is gone, the hook refuses (exit
1) with one line saying so, until flowgate is reinstalled or the hooks
uninstalled.

A repository whose hooks husky or lefthook runs (husky's core.hooksPath,
a lefthook configuration file, lefthook's hook scripts) is left unchanged:
the lines that run flowgate from the manager's own hook files are printed,
and the exit status is 1.

With --server, install the server hooks instead (pre-receive, and update
for servers that run only per-ref hooks) into BARE_REPO, the repository
people push to: every push is checked there and cannot be skipped. Where
git runs flowgate's pre-receive, its update hook does nothing. A push to a
ref outside refs/heads/ and refs/tags/ is refused unless the repository's
git config flowgate.allowRefs allows it; on a repository of Gitea (or
Forgejo) or GitLab, the namespaces the host writes itself are added there
(Gitea: refs/pull/*, refs/for/*; GitLab: refs/merge-requests/*,
refs/keep-around/*, refs/environments/*, refs/pipelines/*).

A hook already present that flowgate did not install is kept as
<name>.pre-flowgate; the flowgate hook runs it after its own checks pass.
Installing again replaces the flowgate hooks and keeps the kept hooks.
Where <name> is the pre-commit framework's script (pre-commit install),
flowgate's hook is <name>.legacy, which that script runs before its hooks.

Options:
  --server      the server hooks (pre-receive, update) instead of the
                client hooks
  --uninstall   remove the flowgate hooks (never a hook flowgate did not
                install) and put back the <name>.pre-flowgate hooks
  --deps        only check the build and test dependencies (installing the
                missing Debian packages when root) and exit
  -h, --help    show this help and exit

Exit status:
  0  success
  1  some hook could not be installed or uninstalled (or the build failed),
     or husky or lefthook runs the hooks (nothing was changed)
  2  usage error, or missing build dependencies
  3  REPO is not a git repository
EOF
}

err() { printf '%s: error: %s\n' "$PROG" "$*" >&2; }

usage_error() {
	err "$*"
	printf "Try '%s --help' for more information.\n" "$PROG" >&2
	exit 2
}

# exists PATH: PATH is there (a dangling symbolic link counts).
exists() { [ -e "$1" ] || [ -L "$1" ]; }

# is_flowgate PATH: PATH (or what it points to) is a flowgate hook.
is_flowgate() { grep -q -a -F -e "$MARKER" -- "$1" 2>/dev/null; }

# same_hook A B: A and B are the same hook: two symbolic links to the same
# target, or two files (neither a link) with the same content.
same_hook() {
	if [ -L "$1" ] || [ -L "$2" ]; then
		[ -L "$1" ] && [ -L "$2" ] && [ "$(readlink -- "$1")" = "$(readlink -- "$2")" ]
	else
		cmp -s -- "$1" "$2"
	fi
}

# remove_stale_temps NAME: remove the temporary copies of hook NAME that an
# interrupted run left in the hooks directory (two runs of install.sh at
# once in one repository are not supported: the second removes the first's).
remove_stale_temps() {
	for stale in "$hooks_dir/.$1.flowgate."??????; do
		if exists "$stale"; then rm -f -- "$stale" || true; fi
	done
}

# ---------------------------------------------------------------- arguments
mode=install
repo=
repo_given=no
while [ $# -gt 0 ]; do
	case $1 in
	-h | --help)
		usage
		exit 0
		;;
	--uninstall) mode=uninstall ;;
	--server) HOOKS="pre-receive update" ;;
	--deps) mode=deps ;;
	--)
		shift
		break
		;;
	-?*) usage_error "unknown option: $1" ;;
	*)
		[ "$repo_given" = no ] || usage_error "too many arguments: $1"
		repo=$1 repo_given=yes
		;;
	esac
	shift
done
if [ $# -gt 0 ]; then
	if [ "$repo_given" = yes ] || [ $# -gt 1 ]; then
		usage_error "too many arguments"
	fi
	repo=$1 repo_given=yes
fi
[ "$repo_given" = yes ] || repo=.
[ -n "$repo" ] || usage_error "empty repository path"

script_dir=$(cd "$(dirname -- "$0")" && pwd -P)
if [ -f "$script_dir/launch" ]; then
	# installed (make install): the binaries are beside this script
	build_dir=
elif [ -n "${FLOWGATE_BUILD:-}" ]; then
	# Resolve a relative FLOWGATE_BUILD against the caller's directory.
	case $FLOWGATE_BUILD in
	/*) build_dir=$FLOWGATE_BUILD ;;
	*) build_dir=$(pwd)/$FLOWGATE_BUILD ;;
	esac
else
	build_dir=
fi

# ------------------------------------------------------------------- build
# check_build_deps: exit 2 unless the build dependencies are (or get) there.
missing_packages() {
	pkgs=
	if ! command -v cc >/dev/null 2>&1 && ! command -v gcc >/dev/null 2>&1; then
		pkgs="$pkgs build-essential"
	fi
	if ! command -v make >/dev/null 2>&1; then
		case " $pkgs " in *" build-essential "*) ;; *) pkgs="$pkgs build-essential" ;; esac
	fi
	have_pc=yes
	if ! command -v pkg-config >/dev/null 2>&1; then
		pkgs="$pkgs pkg-config"
		have_pc=no
	fi
	if ! command -v git >/dev/null 2>&1; then
		pkgs="$pkgs git"
	fi
	for pair in libgit2:libgit2-dev libpcre2-8:libpcre2-dev check:check; do
		module=${pair%%:*} package=${pair#*:}
		if [ "$have_pc" = no ] || ! pkg-config --exists "$module" 2>/dev/null; then
			pkgs="$pkgs $package"
		fi
	done
	printf '%s\n' "${pkgs# }"
}

check_build_deps() {
	missing=$(missing_packages)
	[ -n "$missing" ] || return 0
	if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "flowgate: installing build dependencies: $missing"
		# shellcheck disable=SC2086 # $missing is a list of package names
		if apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $missing; then
			missing=$(missing_packages)
			[ -n "$missing" ] || return 0
		fi
		err "missing build dependencies (packages: $missing); apt-get could not install them"
		exit 2
	fi
	err "missing build dependencies; install them with:"
	if [ "$(id -u)" -eq 0 ]; then
		printf '  apt-get install %s\n' "$missing" >&2
	else
		printf '  sudo apt-get install %s\n' "$missing" >&2
	fi
	exit 2
}

if [ "$mode" = deps ]; then
	check_build_deps
	echo "flowgate: build and test dependencies are installed"
	exit 0
fi

# ----------------------------------------------------------- the hooks dir
# An explicit REPO wins over a repository selected by the environment (as
# when this script is run from a git alias or hook).
if [ "$repo_given" = yes ]; then
	unset GIT_DIR GIT_WORK_TREE GIT_COMMON_DIR GIT_INDEX_FILE GIT_PREFIX
fi

# hooks_dir_of REPO: the absolute hooks directory git uses for REPO. Git
# prints --git-path relative to the directory it runs in, and reads a relative
# core.hooksPath from the top of the working tree (the git dir when bare), so
# run it from there.
hooks_dir_of() {
	cd -- "$1" 2>/dev/null || return 3
	git rev-parse --git-dir >/dev/null || return 3
	if [ "$(git rev-parse --is-bare-repository)" = true ]; then
		cd -- "$(git rev-parse --absolute-git-dir)" || return 3
	else
		top=$(git rev-parse --show-toplevel 2>/dev/null) || top=
		if [ -n "$top" ]; then cd -- "$top" || return 3; fi
	fi
	path=$(git rev-parse --git-path hooks) && [ -n "$path" ] || return 3
	case $path in
	/*) printf '%s\n' "$path" ;;
	*) printf '%s/%s\n' "$(pwd)" "$path" ;;
	esac
}

if ! hooks_dir=$(hooks_dir_of "$repo"); then
	err "not a git repository: $repo"
	exit 3
fi

# ------------------------------------------------- the pre-commit framework
# `pre-commit install` (https://pre-commit.com) puts its own script in place
# of a hook NAME and keeps the hook it found as NAME.legacy, which the script
# runs first ("migration mode"; pre-commit 3.0.4's install_uninstall.py and
# hook_impl.py; the script fails when a hook it runs runs it again). So where
# the framework's script is NAME, flowgate's hook is NAME.legacy, and a hook
# already there is kept as NAME.pre-flowgate as usual: the framework runs
# flowgate, which runs the kept hook. An older install.sh kept the
# framework's script as NAME.pre-flowgate instead, and flowgate ran it, which
# ran flowgate's copy in NAME.legacy, which ran it again: every commit failed.
#
# framework_hook NAME: set DST to the path flowgate's hook NAME takes, first
# putting back what an older install.sh left: the framework's script kept as
# NAME.pre-flowgate goes back to NAME when flowgate's hook is NAME (one
# rename: flowgate's copy is replaced, and flowgate's hook is then put in
# NAME.legacy), and is removed when the framework's script is NAME already
# (a stale copy: the script at NAME still runs). Returns 1 on a failed
# rename or removal (the error printed).
framework_hook() {
	dst=$hooks_dir/$1
	if is_framework_script "$dst$SUFFIX"; then
		if is_framework_script "$dst"; then
			if ! rm -f -- "$dst$SUFFIX"; then
				err "$1: cannot remove $1$SUFFIX, a stale copy of the pre-commit framework's $1"
				return 1
			fi
			echo "$1: removed $1$SUFFIX, a stale copy of the pre-commit framework's $1"
		elif is_flowgate "$dst"; then
			if ! mv -f -T -- "$dst$SUFFIX" "$dst"; then
				err "$1: cannot put the pre-commit framework's $1 back from $1$SUFFIX"
				return 1
			fi
			echo "$1: put the pre-commit framework's $1 back from $1$SUFFIX"
		fi
	fi
	if is_framework_script "$dst"; then dst=$dst.legacy; fi
	return 0
}

# is_framework_script PATH: PATH is a hook script of the pre-commit
# framework: its template's first comment, or an ID its install looks for,
# in its first lines (not a 7 MB read of a flowgate binary).
is_framework_script() {
	[ -f "$1" ] && head -c 1024 -- "$1" 2>/dev/null | grep -q -a -F \
		-e '# File generated by pre-commit: https://pre-commit.com' \
		-e 138fd403232d2ddd5efb44317e38bf03 -e 4d9958c90bc262f47553e2c073f14cfe \
		-e d8ee923c46731b42cd95cc869add4062 -e 49fd668cb42069aa1b6048464be5d395 \
		-e 79f09a650522a87b0da915d0d983b2de -e e358c9dae00eac5d06b38dfdb1e33a8c
}

# --------------------------------------------------------------- uninstall
# Every change to a hook name is one rename(2) or one unlink(2), so that if
# install.sh is interrupted anywhere (killed, or a cp, ln, mv, chmod or rm
# failing), each hook name holds either its old file or the complete new
# one, and a hook flowgate did not install is always there, as itself or as
# <name>.pre-flowgate (tests/e2e/test_faults.sh interrupts every step).
uninstall_hook() {
	name=$1
	framework_hook "$name" || return 1
	saved=$hooks_dir/$name$SUFFIX
	remove_stale_temps "$name"
	if exists "$dst" && ! is_flowgate "$dst"; then
		if ! exists "$saved"; then
			echo "$name: not a flowgate hook, left alone"
			return 0
		fi
		# An install interrupted after linking the kept hook and before
		# putting flowgate's in place leaves the same hook under both names.
		if ! same_hook "$dst" "$saved"; then
			err "$name: not restoring $name$SUFFIX: $dst exists and is not a flowgate hook"
			return 1
		fi
		if ! rm -f -- "$saved"; then
			err "$name: cannot remove $saved"
			return 1
		fi
		echo "$name: restored $name$SUFFIX as ${dst##*/}"
		return 0
	fi
	if exists "$saved"; then
		if exists "$dst"; then done_what="removed, "; else done_what=; fi
		# one rename puts the kept hook in place of flowgate's
		if ! mv -f -T -- "$saved" "$dst"; then
			err "$name: cannot restore $saved"
			return 1
		fi
		echo "$name: ${done_what}restored $name$SUFFIX as ${dst##*/}"
		return 0
	fi
	if ! exists "$dst"; then
		echo "$name: not installed"
		return 0
	fi
	if ! rm -f -- "$dst"; then
		err "$name: cannot remove $dst"
		return 1
	fi
	echo "$name: removed"
}

if [ "$mode" = uninstall ]; then
	echo "flowgate: uninstalling from $hooks_dir"
	status=0
	for name in $HOOKS; do
		uninstall_hook "$name" || status=1
	done
	exit "$status"
fi

# ------------------------------------------------------------ hook managers
# A hook manager owns the hooks directory (husky) or replaces the hooks in it
# (lefthook renames each to <hook>.old and never runs it): flowgate writes
# nothing there and prints what runs it from the manager's own files instead.

# (These set variables rather than print: each command substitution would
# be a fork, and enabling a clone should take no longer than it must.)

# husky_dir: sets hdir to the directory of husky's hook files when husky
# runs the hooks: core.hooksPath is husky 9's <dir>/_ (its dispatcher "h" in
# it, or named .husky/_), or a .husky holding husky's _/h or _/husky.sh
# (husky 4-8).
husky_dir() {
	d=$hooks_dir
	while [ "${d%/}" != "$d" ] && [ "$d" != / ]; do d=${d%/}; done
	case $d in
	*/.husky/_)
		hdir=${d%/_}
		return 0
		;;
	*/_)
		if grep -q -s -F husky -- "$d/h"; then
			hdir=${d%/_}
			return 0
		fi
		;;
	*/.husky)
		if [ -f "$d/_/h" ] || [ -f "$d/_/husky.sh" ]; then
			hdir=$d
			return 0
		fi
		;;
	esac
	return 1
}

# lefthook_config: sets config to the lefthook configuration file at the top
# of the work tree (the names lefthook 2 reads), if any.
lefthook_config() {
	config=
	[ -n "$top" ] || return 1
	for base in lefthook .lefthook .config/lefthook; do
		for ext in yml yaml json jsonc toml; do
			if [ -f "$top/$base.$ext" ]; then
				config=$base.$ext
				return 0
			fi
		done
	done
	return 1
}

# lefthook_scripts: sets scripts to the hooks in the hooks directory that
# lefthook wrote (lefthook's own fingerprint, LEFTHOOK, is in each).
lefthook_scripts() {
	scripts=
	files=()
	for f in "$hooks_dir"/*; do
		case $f in *.sample) continue ;; esac
		if [ -f "$f" ]; then files+=("$f"); fi
	done
	[ ${#files[@]} -gt 0 ] || return 0
	while IFS= read -r f; do
		scripts="$scripts ${f##*/}"
	done < <(grep -l -s -F LEFTHOOK -- "${files[@]}")
	scripts=${scripts# }
}

# shown PATH: PATH relative to the top of the work tree when inside it.
shown() {
	case $1 in
	"$top"/*) printf '%s\n' "${1#"$top"/}" ;;
	*) printf '%s\n' "$1" ;;
	esac
}

# flowgate_files SUFFIX: " <name>SUFFIX" for each client hook NAME whose file
# <name>SUFFIX in the hooks directory is flowgate's (a hook manager's turf).
flowgate_files() {
	for name in $HOOKS; do
		if is_flowgate "$hooks_dir/$name$1"; then printf ' %s%s' "$name" "$1"; fi
	done
}

# refuse_husky DIR: the refusal, and the line to add to each of husky's files.
refuse_husky() {
	dir=$(shown "$1")
	err "husky runs this repository's hooks (core.hooksPath $(shown "$hooks_dir")): flowgate does not write into husky's directory; nothing was changed"
	echo "$PROG: run flowgate from husky's hook files: add each line below as the first command of the file named above it (create the file if missing), then commit them:" >&2
	for name in $HOOKS; do
		printf '# %s/%s\nflowgate hook %s "$@"\n' "$dir" "$name" "$name" >&2
	done
	old=$(flowgate_files '')
	if [ -n "$old" ]; then
		echo "$PROG: an earlier install.sh put flowgate's hooks in $(shown "$hooks_dir"), where they stop husky's ($old ): remove them with install.sh --uninstall" >&2
	fi
}

# refuse_lefthook WHY: the refusal, and the jobs to add to lefthook's file.
refuse_lefthook() {
	err "lefthook runs this repository's hooks ($1): flowgate does not write into them; nothing was changed"
	echo "$PROG: run flowgate from lefthook: add these jobs to ${config:-lefthook.yml} (merge them into the hooks it already has), then run lefthook install:" >&2
	for name in $HOOKS; do
		case $name in
		pre-commit) args= ;;
		pre-push) args=' "{1}" "{2}"' ;;
		*) args=' "{1}"' ;;
		esac
		printf '%s:\n  jobs:\n    - name: flowgate\n      run: flowgate hook %s%s\n' "$name" "$name" "$args" >&2
		if [ "$name" = pre-push ]; then printf '      use_stdin: true\n' >&2; fi
	done
	old=$(flowgate_files .old)
	if [ -n "$old" ]; then
		echo "$PROG: lefthook renamed flowgate's hooks in $(shown "$hooks_dir") ($old ) and never runs them: flowgate's checks are off there until lefthook runs the jobs above (then delete those files)" >&2
	fi
}

if [ "$HOOKS" != "pre-receive update" ]; then
	top=$(cd -- "$repo" && git rev-parse --show-toplevel 2>/dev/null) || top=
	if husky_dir; then
		refuse_husky "$hdir"
		exit 1
	fi
	lefthook_config || :
	lefthook_scripts
	if [ -n "$config" ] || [ -n "$scripts" ]; then
		refuse_lefthook "${config:-its scripts in $(shown "$hooks_dir"): $scripts}"
		exit 1
	fi
fi

# ------------------------------------------------------- the hook binaries
if [ -f "$script_dir/launch" ]; then
	bin_dir=$script_dir
else
	if [ -z "$build_dir" ]; then
		build_dir=$script_dir/build
		check_build_deps
		if ! make -C "$script_dir"; then
			err "the build failed (make -C $script_dir)"
			exit 1
		fi
	fi
	bin_dir=$build_dir/hooks
fi
launcher=$bin_dir/launch

status=0
for name in $HOOKS launch; do
	if [ ! -f "$bin_dir/$name" ] || [ ! -x "$bin_dir/$name" ]; then
		err "missing hook binary: $bin_dir/$name"
		status=1
	fi
done
[ "$status" -eq 0 ] || exit 1

# Where the launcher holds its target: the byte offset just after
# TARGET_MARKER, which must be there exactly once.
found=$(LC_ALL=C grep -a -b -o -F -e "$TARGET_MARKER" -- "$launcher") || found=
case $found in *"
"*) found= ;; esac # there twice
offsets=${found%%:*}
case $offsets in
'' | *[!0-9]*)
	err "not a flowgate launcher: $launcher (rebuild flowgate)"
	exit 1
	;;
esac
target_offset=$((offsets + ${#TARGET_MARKER}))
# the longest path it holds, its NUL aside
target_max=$((TARGET_SIZE - ${#TARGET_MARKER} - 1))
# byte_length STRING: sets len to the length of STRING in bytes.
byte_length() {
	local LC_ALL=C
	len=${#1}
}
for name in $HOOKS; do
	byte_length "$bin_dir/$name"
	if [ "$len" -gt "$target_max" ]; then
		err "the path of the hook binary is $len bytes long, more than the $target_max a hook can hold: $bin_dir/$name (install flowgate under a shorter path)"
		exit 1
	fi
done

# ----------------------------------------------------------------- install
# install_hook NAME: put flowgate's NAME in place: a copy of the launcher
# pointing at the hook binary NAME. The launcher is copied to a temporary
# file in the hooks directory, its target written into it, then renamed over
# NAME; a hook flowgate did not install is first hard-linked as
# NAME.pre-flowgate (a copy renamed into place where hard links are not
# supported), so NAME is never missing nor half-written, and the kept hook
# never lost (see uninstall_hook). An older flowgate hook (a launcher
# pointing elsewhere, or a copy of a hook binary) is replaced.
install_hook() {
	name=$1
	target=$bin_dir/$name
	framework_hook "$name" || return 1
	saved=$hooks_dir/$name$SUFFIX
	kept=no
	remove_stale_temps "$name"
	if exists "$dst" && ! is_flowgate "$dst"; then
		if ! exists "$saved"; then
			kept=yes
		elif same_hook "$dst" "$saved"; then
			# an earlier run was interrupted after keeping the hook
			kept=already
		else
			err "$name: refusing to install: ${dst##*/} is not a flowgate hook and $name$SUFFIX already exists in $hooks_dir (move one of them away)"
			return 1
		fi
	fi
	if ! tmp=$(mktemp "$hooks_dir/.$name.flowgate.XXXXXX"); then
		err "$name: cannot create a file in $hooks_dir"
		return 1
	fi
	if ! cp -- "$launcher" "$tmp" ||
		! printf '%s\0' "$target" | dd of="$tmp" bs=1 seek="$target_offset" conv=notrunc status=none; then
		rm -f -- "$tmp"
		err "$name: cannot copy $launcher to $hooks_dir"
		return 1
	fi
	if [ "$kept" = no ] && [ ! -L "$dst" ] && [ -f "$dst" ] && [ -x "$dst" ] && cmp -s -- "$tmp" "$dst"; then
		if ! rm -f -- "$tmp"; then
			err "$name: cannot remove $tmp"
			return 1
		fi
		echo "$name: already installed"
		return 0
	fi
	if ! chmod 755 -- "$tmp"; then
		rm -f -- "$tmp"
		err "$name: cannot make $tmp executable"
		return 1
	fi
	if [ "$kept" = yes ] && ! keep_hook "$dst" "$saved"; then
		rm -f -- "$tmp"
		err "$name: cannot keep the existing hook as $name$SUFFIX"
		return 1
	fi
	if ! mv -f -T -- "$tmp" "$dst"; then
		rm -f -- "$tmp"
		# put things back as they were: the kept hook is still NAME too
		if [ "$kept" = yes ] && same_hook "$dst" "$saved"; then rm -f -- "$saved" || true; fi
		err "$name: cannot install $dst"
		return 1
	fi
	if [ "$dst" = "$hooks_dir/$name" ]; then where=; else where=" as ${dst##*/}, which the pre-commit framework's $name runs"; fi
	if [ "$kept" = no ]; then
		echo "$name: installed$where"
	else
		echo "$name: installed$where (kept existing hook as $name$SUFFIX)"
	fi
}

# keep_hook DST SAVED: SAVED (which does not exist) appears, complete, as the
# same hook as DST: a hard link (a symbolic link stays a link), or a copy
# renamed into place.
keep_hook() {
	ln -P -- "$1" "$2" 2>/dev/null && return 0
	ktmp=$(mktemp "$hooks_dir/.$name.flowgate.XXXXXX") || return 1
	rm -f -- "$ktmp" || return 1
	if cp -P -p -- "$1" "$ktmp" && mv -f -T -- "$ktmp" "$2"; then return 0; fi
	rm -f -- "$ktmp"
	return 1
}

if ! mkdir -p -- "$hooks_dir"; then
	err "cannot create the hooks directory $hooks_dir"
	exit 1
fi
echo "flowgate: installing into $hooks_dir"
if [ -n "$build_dir" ]; then
	echo "flowgate: the hooks run $bin_dir/<hook> (this checkout's build: keep it there, or make install and run flowgate install)"
else
	echo "flowgate: the hooks run $bin_dir/<hook>"
fi
for name in $HOOKS; do
	install_hook "$name" || status=1
done

# ------------------------------------------------------------ git hosts
# host_of: the hosting software that manages REPO, by the marks it leaves:
# Gitea (and Forgejo) generate hooks/pre-receive with an "AUTO GENERATED BY
# GITEA" header and hooks/pre-receive.d/gitea; GitLab's Gitaly keeps its
# repositories under @hashed/ (or @pools/, @snippets/) and has written
# gitlab.fullpath into their config.
host_of() {
	gdir=$(cd -- "$repo" && git rev-parse --absolute-git-dir 2>/dev/null) || return 0
	if grep -q -a -i -E 'AUTO GENERATED BY (GITEA|FORGEJO)' -- "$gdir/hooks/pre-receive" \
		"$gdir/hooks/pre-receive$SUFFIX" "$gdir/hooks/pre-receive.d/gitea" 2>/dev/null; then
		echo gitea
	elif git -C "$gdir" config --get gitlab.fullpath >/dev/null 2>&1; then
		echo gitlab
	else
		case $gdir/ in
		*/@hashed/* | */@pools/* | */@snippets/*) echo gitlab ;;
		esac
	fi
}

# allow_host_refs: the ref namespaces the recognised host writes itself
# (refNamespace refuses every other ref outside refs/heads/ and refs/tags/),
# added to the repository's flowgate.allowRefs unless already there.
allow_host_refs() {
	case $(host_of) in
	gitea) globs="refs/pull/* refs/for/*" label=Gitea ;;
	gitlab) globs="refs/merge-requests/* refs/keep-around/* refs/environments/* refs/pipelines/*" label=GitLab ;;
	*) return 0 ;;
	esac
	for glob in $globs; do
		if git -C "$repo" config --get-all flowgate.allowRefs 2>/dev/null | grep -qxF -- "$glob"; then
			continue
		fi
		if ! git -C "$repo" config --add flowgate.allowRefs "$glob"; then
			err "cannot set flowgate.allowRefs $glob in $repo"
			return 1
		fi
		echo "flowgate.allowRefs: added $glob ($label writes it)"
	done
}

if [ "$HOOKS" = "pre-receive update" ]; then
	set -f
	allow_host_refs || status=1
	set +f
fi
exit "$status"
