#!/usr/bin/env bash
# install.sh: install (or uninstall) the flowgate git hooks in a repository.
# Run ./install.sh --help for the usage and the exit statuses.
set -eu

PROG=install.sh
HOOKS="pre-commit commit-msg pre-push post-merge post-commit prepare-commit-msg applypatch-msg pre-applypatch"
MARKER='@(#)flowgate-hook'
SUFFIX=.pre-flowgate
# The launcher (hooks/launch.c) holds TARGET_MARKER, then the absolute path
# of the hook binary it runs, NUL-terminated, in TARGET_SIZE bytes.
TARGET_MARKER='@(#)flowgate-target:'
TARGET_SIZE=4096

usage() {
	cat <<'EOF'
Usage: ./install.sh [REPO]
       ./install.sh --server [--with-update] BARE_REPO
       ./install.sh --server [--with-update] --custom-hooks-dir DIR
       ./install.sh --uninstall [--server] [REPO]
       ./install.sh --uninstall --server --custom-hooks-dir DIR
       ./install.sh --deps
       ./install.sh --help
An installed flowgate runs this script as:
       flowgate install [REPO]
       flowgate install --server [--with-update] BARE_REPO
       flowgate install --server [--with-update] --custom-hooks-dir DIR
       flowgate uninstall [--server] [REPO]

Install the flowgate git hooks (pre-commit, commit-msg, pre-push, post-merge, post-commit,
prepare-commit-msg, applypatch-msg, pre-applypatch)
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

With --server, install the server hook pre-receive instead into BARE_REPO,
the repository people push to: every push is checked there, as a whole,
and cannot be skipped. git runs pre-receive once per push; --with-update
adds update, which git runs once per ref, for a server that runs only
per-ref hooks (where flowgate's pre-receive runs, update does nothing).
Installing without --with-update takes out a flowgate update an earlier
install put there. A push to a ref outside refs/heads/ and refs/tags/ is
refused unless the repository's git config flowgate.allowRefs allows it.

The hooks go where the host runs them, recognised by the marks it leaves:
  Gitea, Forgejo  hooks/<hook> is the host's dispatcher, which runs every
                  script in hooks/<hook>.d/: flowgate's is
                  hooks/<hook>.d/flowgate and the dispatcher is left alone;
                  refs/pull/* and refs/for/* are added to flowgate.allowRefs
  GitLab          (a repository under @hashed/, or with gitlab.fullpath in
                  its config) Gitaly never runs hooks/: flowgate's is
                  custom_hooks/<hook>.d/flowgate, and refs/merge-requests/*,
                  refs/keep-around/*, refs/environments/* and
                  refs/pipelines/* are added to flowgate.allowRefs; with
                  --custom-hooks-dir DIR (Gitaly's hooks.custom_hooks_dir,
                  for every repository) it is DIR/<hook>.d/flowgate, no
                  repository is named or changed, and the command that
                  allows those namespaces is printed
  gitolite        hooks/update is gitolite's (its access rules): it is
                  kept as it is, never replaced, flowgate's update is not
                  installed, pre-receive goes in hooks/, and gitolite's own
                  way (repo-specific hooks) is printed

A hook already present that flowgate did not install is kept as
<name>.pre-flowgate; the flowgate hook runs it after its own checks pass.
Installing again replaces the flowgate hooks and keeps the kept hooks.
Where <name> is the pre-commit framework's script (pre-commit install),
flowgate's hook is <name>.legacy, which that script runs before its hooks.
On the server, a script that finds the hooks it runs by its own name ($0),
as those dispatchers do, would run none of them under another name, so it
is never kept: flowgate's hook goes in its <hook>.d/ directory when it has
one, else nothing is installed for that hook (exit status 1) and the error
says what to do.

Options:
  --server      the server hook (pre-receive) instead of the client hooks
  --with-update with --server: install update too (git runs it once per
                ref), for a server that runs only per-ref hooks
  --custom-hooks-dir DIR
                with --server: GitLab's server-wide custom hooks directory
                (Gitaly's hooks.custom_hooks_dir): install there, for every
                repository, instead of into a repository
  --uninstall   remove the flowgate hooks (never a hook flowgate did not
                install) and put back the <name>.pre-flowgate hooks; with
                --server, pre-receive and update from every place above
  --deps        only check the build and test dependencies (installing the
                missing Debian packages when root) and exit
  -h, --help    show this help and exit

Example:
  ./install.sh --server /srv/git/project.git

Exit status:
  0  success
  1  some hook could not be installed or uninstalled (or the build failed),
     or husky or lefthook runs the hooks, or REPO is a SHA-256 repository,
     which flowgate cannot read (nothing was changed)
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
server=no
with_update=no
custom_dir=
custom_dir_given=no
repo=
repo_given=no
while [ $# -gt 0 ]; do
	case $1 in
	-h | --help)
		usage
		exit 0
		;;
	--uninstall) mode=uninstall ;;
	--server) server=yes ;;
	--with-update) with_update=yes ;;
	--custom-hooks-dir)
		[ $# -gt 1 ] || usage_error "--custom-hooks-dir needs a directory"
		custom_dir=$2 custom_dir_given=yes
		shift
		;;
	--custom-hooks-dir=*) custom_dir=${1#*=} custom_dir_given=yes ;;
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
if [ "$server" = no ]; then
	[ "$with_update" = no ] || usage_error "--with-update goes with --server"
	[ "$custom_dir_given" = no ] || usage_error "--custom-hooks-dir goes with --server"
fi
if [ "$custom_dir_given" = yes ]; then
	[ -n "$custom_dir" ] || usage_error "empty custom hooks directory"
	[ "$repo_given" = no ] || usage_error "--custom-hooks-dir takes no BARE_REPO: GitLab runs the hooks there for every repository"
	case $custom_dir in
	/*) ;;
	*) custom_dir=$(pwd)/$custom_dir ;;
	esac
fi
[ "$repo_given" = yes ] || repo=.
[ -n "$repo" ] || usage_error "empty repository path"
# The server hooks: pre-receive, and update when asked (--uninstall takes
# out both, wherever an install put them).
if [ "$server" = yes ]; then
	if [ "$with_update" = yes ] || [ "$mode" = uninstall ]; then
		HOOKS="pre-receive update"
	else
		HOOKS=pre-receive
	fi
fi

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
	for pair in libgit2:libgit2-dev libpcre2-8:libpcre2-dev zlib:zlib1g-dev check:check; do
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

hooks_dir='' gdir='' host=''
if [ -z "$custom_dir" ]; then
	if ! hooks_dir=$(hooks_dir_of "$repo"); then
		err "not a git repository: $repo"
		exit 3
	fi
	# the git directory, where GitLab keeps a repository's custom_hooks/
	if [ "$server" = yes ] && ! gdir=$(cd -- "$repo" && git rev-parse --absolute-git-dir); then
		err "not a git repository: $repo"
		exit 3
	fi
	# the hooks' libgit2 (1.5.1) reads SHA-1 repositories only: every hook would fail
	if [ "$mode" = install ] &&
		[ "$(cd -- "$repo" && git rev-parse --show-object-format 2>/dev/null)" = sha256 ]; then
		err "$repo is a SHA-256 repository (extensions.objectFormat=sha256): flowgate reads SHA-1 repositories only (libgit2 1.5.1); nothing was installed"
		exit 1
	fi
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

# ---------------------------------------------------- the server's layouts
# Where flowgate's server hook NAME (pre-receive, update) goes depends on
# what runs the server's hooks (tests/e2e/test_hosts.sh tries each):
#  - git itself: NAME in the hooks directory; a hook already there is kept
#    as NAME.pre-flowgate and run by flowgate's (install_hook).
#  - a dispatcher: NAME is a script that runs the hooks it finds by its own
#    name ($0): Gitea's and Forgejo's generated hooks (modules/repository/
#    hooks.go: every executable of hooks/$(basename $0).d/, each given the
#    hook's stdin or arguments; any non-zero exit refuses), gitolite's
#    repo-specific hook driver ($0.*). Kept as NAME.pre-flowgate it would
#    look for NAME.pre-flowgate.d/ and run nothing, so it stays NAME and
#    flowgate's hook is NAME.d/flowgate; without a NAME.d/ directory,
#    nothing is installed for NAME and the error says what to do.
#  - GitLab: Gitaly runs git with a core.hooksPath of its own, never the
#    repository's hooks/, and runs custom_hooks/NAME, custom_hooks/NAME.d/*,
#    then <custom_hooks_dir>/NAME.d/*, each sorted by name, skipping names
#    that end in "~", each given the same stdin; the first non-zero exit
#    refuses (internal/gitaly/hook/custom.go). flowgate's hook is
#    custom_hooks/NAME.d/flowgate, or DIR/NAME.d/flowgate with
#    --custom-hooks-dir DIR.
#  - gitolite: hooks/update is gitolite's own update hook, which applies its
#    access rules (replaced, every push is denied): it stays as it is, and
#    flowgate's update is not installed (git runs pre-receive on every push
#    there); pre-receive is as with git itself.
# In a NAME.d/ directory the temporary copies are .NAME.flowgate.XXXXXX~:
# Gitea's glob skips dot files and Gitaly names that end in "~", so no host
# runs a half-written copy.

# What betrays a script that finds its hooks by its own name: the name taken
# from $0 (basename $0, basename -- "$0", ${0##*/}; Perl's and Ruby's
# basename($0), Python's basename(sys.argv[0]), basename of __file__ or
# __FILE__), or $0 with a suffix ("$0".d, $0.*, ${0}.d). dirname "$0" alone
# is no sign: a kept hook stays in the same directory.
DISPATCH_RE='basename[[:space:]]*[(]?[[:space:]]*(--[[:space:]]+)?["'"'"']?[$][{]?0([^0-9]|$)'
DISPATCH_RE=$DISPATCH_RE'|basename[(][[:space:]]*(sys[.]argv[[]0[]]|__file__|__FILE__)'
DISPATCH_RE=$DISPATCH_RE'|[$][{]0##|[$][{]?0[}]?["'"'"']?[.][A-Za-z*]'

# is_gitea_hook PATH: PATH is a hook Gitea (or Forgejo) generated.
is_gitea_hook() {
	[ -f "$1" ] && head -c 1024 -- "$1" 2>/dev/null | grep -q -a -i -E 'AUTO GENERATED BY (GITEA|FORGEJO)'
}

# is_dispatcher PATH: PATH is a hook Gitea generated, or a script (#!) that
# finds the hooks it runs by its own name (DISPATCH_RE in its first 64 KiB).
is_dispatcher() {
	[ -f "$1" ] || return 1
	is_gitea_hook "$1" && return 0
	[ "$(head -c 2 -- "$1" 2>/dev/null)" = '#!' ] || return 1
	head -c 65536 -- "$1" 2>/dev/null | grep -q -a -E -e "$DISPATCH_RE"
}

# is_gitolite_update PATH: PATH is gitolite's update hook (gitolite 3 links
# ~/.gitolite/hooks/common/update, a Perl script of Gitolite::Hooks::Update,
# into every repository it manages).
is_gitolite_update() {
	[ -f "$1" ] && head -c 4096 -- "$1" 2>/dev/null | grep -q -a -E 'Gitolite::Hooks::Update|gitolite update hook'
}

# host_of: sets host to the hosting software that runs the repository's
# hooks, by the marks it leaves: gitea (Gitea's and Forgejo's generated
# hooks/pre-receive, or hooks/pre-receive.d/gitea), gitlab (Gitaly keeps its
# repositories under @hashed/, @pools/ or @snippets/ and writes
# gitlab.fullpath into their config; --custom-hooks-dir), gitolite (its
# update hook), or nothing.
host_of() {
	host=
	if [ -n "$custom_dir" ]; then
		host=gitlab
		return 0
	fi
	for d in "$hooks_dir" "$gdir/hooks"; do
		if is_gitea_hook "$d/pre-receive" || is_gitea_hook "$d/pre-receive$SUFFIX" ||
			is_gitea_hook "$d/pre-receive.d/gitea"; then
			host=gitea
			return 0
		fi
	done
	if git -C "$gdir" config --get gitlab.fullpath >/dev/null 2>&1; then
		host=gitlab
		return 0
	fi
	case $gdir/ in
	*/@hashed/* | */@pools/* | */@snippets/*)
		host=gitlab
		return 0
		;;
	esac
	if is_gitolite_update "$hooks_dir/update" || is_gitolite_update "$hooks_dir/update$SUFFIX"; then
		host=gitolite
	fi
	return 0
}

# show PATH: sets shown to PATH as the messages name it: from the git
# directory when in it.
show() {
	shown=$1
	if [ -n "$gdir" ]; then
		case $1 in "$gdir"/*) shown=${1#"$gdir"/} ;; esac
	fi
}

# say LINE: LINE, then the reason for the change in old_note, if any.
say() { echo "$1${old_note:+ ($old_note)}"; }

# remove_d_temps NAME DIR: remove the temporary copies of hook NAME that an
# interrupted run left in DIR.
remove_d_temps() {
	for stale in "$2/.$1.flowgate."??????"~"; do
		if exists "$stale"; then rm -f -- "$stale" || true; fi
	done
}

# make_launcher FILE NAME: FILE (created empty) becomes the launcher that
# runs the hook binary NAME. Returns non-zero when it cannot be written.
make_launcher() {
	cp -- "$launcher" "$1" &&
		printf '%s\0' "$bin_dir/$2" | dd of="$1" bs=1 seek="$target_offset" conv=notrunc status=none
}

# install_d_hook NAME DIR WHO: put flowgate's NAME in place as DIR/flowgate,
# which WHO runs (DIR is created if missing): a launcher written to a
# temporary file in DIR that no host runs, then renamed over DIR/flowgate,
# so that DIR/flowgate is never half-written. A DIR/flowgate that is not
# flowgate's is left alone (returns 1).
install_d_hook() {
	name=$1 ddir=$2
	dst=$ddir/flowgate
	show "$dst"
	if ! mkdir -p -- "$ddir"; then
		err "$name: cannot create the directory $ddir"
		return 1
	fi
	remove_d_temps "$name" "$ddir"
	if exists "$dst" && ! is_flowgate "$dst"; then
		err "$name: refusing to install: $shown is not flowgate's (move it away)"
		return 1
	fi
	if ! tmp=$(mktemp --suffix="~" "$ddir/.$name.flowgate.XXXXXX"); then
		err "$name: cannot create a file in $ddir"
		return 1
	fi
	if ! make_launcher "$tmp" "$name"; then
		rm -f -- "$tmp"
		err "$name: cannot copy $launcher to $ddir"
		return 1
	fi
	if [ ! -L "$dst" ] && [ -f "$dst" ] && [ -x "$dst" ] && cmp -s -- "$tmp" "$dst"; then
		if ! rm -f -- "$tmp"; then
			err "$name: cannot remove $tmp"
			return 1
		fi
		echo "$name: already installed as $shown"
		return 0
	fi
	if ! chmod 755 -- "$tmp"; then
		rm -f -- "$tmp"
		err "$name: cannot make $tmp executable"
		return 1
	fi
	if ! mv -f -T -- "$tmp" "$dst"; then
		rm -f -- "$tmp"
		err "$name: cannot install $dst"
		return 1
	fi
	echo "$name: installed as $shown, which $3 runs"
}

# remove_d_hook NAME DIR [custom|made]: take flowgate's DIR/flowgate out,
# and the temporary copies an interrupted run left; found=yes when
# DIR/flowgate was there. Once empty (now, or after an interrupted run),
# DIR goes too with "made" (GitLab's server-wide DIR/NAME.d, which
# install_d_hook made), and with it custom_hooks/ with "custom" (a
# repository's custom_hooks/NAME.d).
remove_d_hook() {
	name=$1 ddir=$2
	[ -d "$ddir" ] || return 0
	remove_d_temps "$name" "$ddir"
	dst=$ddir/flowgate
	show "$dst"
	if exists "$dst"; then
		found=yes
		if ! is_flowgate "$dst"; then
			echo "$name: $shown is not flowgate's, left alone"
			return 0
		fi
		if ! rm -f -- "$dst"; then
			err "$name: cannot remove $dst"
			return 1
		fi
		say "$name: removed $shown"
	fi
	case ${3:-} in
	custom) rmdir -- "$ddir" 2>/dev/null && rmdir -- "${ddir%/*}" 2>/dev/null ;;
	made) rmdir -- "$ddir" 2>/dev/null ;;
	esac
	return 0
}

# refuse_dispatcher NAME: the error for a dispatcher at NAME that has no
# NAME.d/ directory.
refuse_dispatcher() {
	show "$hooks_dir/$1"
	if [ "$host" = gitolite ]; then
		err "$1: not installed: $shown is gitolite's repo-specific hook driver, which runs the hooks it finds by its own name ($1.h00-*): have gitolite run flowgate, with 'option hook.$1 = flowgate' (the steps follow)"
		gitolite_way=yes
	else
		err "$1: not installed: $shown runs the hooks it finds by its own name (\$0), so kept as $1$SUFFIX it would run none, and it has no $1.d directory for flowgate's: make it run $bin_dir/$1 (the push on its stdin), or create $hooks_dir/$1.d if it runs the hooks there, then install again"
	fi
}

# dispatcher_hook NAME DISPATCHER KEPT: flowgate's NAME where DISPATCHER (a
# dispatcher, is_dispatcher) runs it: NAME.d/flowgate. KEPT yes: an older
# install.sh kept the dispatcher as NAME.pre-flowgate, where it ran none of
# its hooks; it goes back to NAME in one rename over flowgate's, once
# flowgate's is in NAME.d/, so the push is checked at every step.
dispatcher_hook() {
	name=$1
	show "$hooks_dir/$name"
	if is_gitea_hook "$2"; then who="Gitea's $name"; else who=$shown; fi
	if [ ! -d "$hooks_dir/$name.d" ] && ! is_gitea_hook "$2"; then
		refuse_dispatcher "$name"
		return 1
	fi
	install_d_hook "$name" "$hooks_dir/$name.d" "$who" || return 1
	if [ "$3" = yes ]; then
		if ! mv -f -T -- "$2" "$hooks_dir/$name"; then
			err "$name: cannot put $who back from $name$SUFFIX"
			return 1
		fi
		echo "$name: put $who back from $name$SUFFIX (kept there by an older install.sh, it ran none of its hooks)"
	fi
}

# server_hook NAME: install flowgate's server hook NAME where the host runs it.
server_hook() {
	name=$1
	if [ -n "$custom_dir" ]; then
		install_d_hook "$name" "$custom_dir/$name.d" "GitLab's Gitaly (hooks.custom_hooks_dir $custom_dir)"
		return
	fi
	case $host in
	gitlab)
		install_d_hook "$name" "$gdir/custom_hooks/$name.d" "GitLab's Gitaly" || return 1
		# an older install.sh's hook in hooks/, where GitLab runs none
		old_note="flowgate's, from an earlier install: GitLab never runs hooks/"
		found=no
		uninstall_hook "$name" quiet || return 1
		old_note=
		return 0
		;;
	gitolite)
		if [ "$name" = update ]; then
			echo "update: not installed: hooks/update is gitolite's update hook (its access rules), left as it is; flowgate's pre-receive checks every push here"
			return 0
		fi
		;;
	esac
	if exists "$hooks_dir/$name" && ! is_flowgate "$hooks_dir/$name" && is_dispatcher "$hooks_dir/$name"; then
		dispatcher_hook "$name" "$hooks_dir/$name" no
	elif is_flowgate "$hooks_dir/$name" && is_dispatcher "$hooks_dir/$name$SUFFIX"; then
		dispatcher_hook "$name" "$hooks_dir/$name$SUFFIX" yes
	else
		install_hook "$name"
	fi
}

# uninstall_server_hook NAME [quiet]: take flowgate's NAME out of every
# place an install puts it, and put back what it kept; quiet: say nothing
# where there is nothing to do.
uninstall_server_hook() {
	name=$1 found=no st=0
	if [ -n "$custom_dir" ]; then
		remove_d_hook "$name" "$custom_dir/$name.d" made || st=1
		if [ "$found" = no ] && [ -z "${2:-}" ]; then echo "$name: not installed"; fi
		return "$st"
	fi
	remove_d_hook "$name" "$hooks_dir/$name.d" || st=1
	remove_d_hook "$name" "$gdir/custom_hooks/$name.d" custom || st=1
	uninstall_hook "$name" "${2:-}" || st=1
	return "$st"
}

# gitolite_steps: gitolite's own way to run flowgate's pre-receive.
gitolite_steps() {
	cat <<EOF
flowgate: gitolite's own way to run flowgate's pre-receive, kept by gitolite setup (as the gitolite user, instead of this install: take it out first with install.sh --uninstall --server):
  1. in ~/.gitolite.rc: LOCAL_CODE => "\$ENV{HOME}/local", and 'repo-specific-hooks' in the ENABLE list (both are there, commented out)
  2. mkdir -p ~/local/hooks/repo-specific && ln -sf $bin_dir/pre-receive ~/local/hooks/repo-specific/flowgate
  3. in gitolite.conf (gitolite-admin), under the repository's "repo" line: option hook.pre-receive = flowgate
     then push gitolite-admin (or run gitolite setup)
EOF
}

# --------------------------------------------------------------- uninstall
# Every change to a hook name is one rename(2) or one unlink(2), so that if
# install.sh is interrupted anywhere (killed, or a cp, ln, mv, chmod or rm
# failing), each hook name holds either its old file or the complete new
# one, and a hook flowgate did not install is always there, as itself or as
# <name>.pre-flowgate (tests/e2e/test_faults.sh interrupts every step).
uninstall_hook() {
	name=$1
	# quiet, or flowgate's taken out of a NAME.d/ already: nothing to say
	# about a hook that is not flowgate's
	if [ -n "${2:-}" ] || [ "$found" = yes ]; then quiet=yes; else quiet=no; fi
	framework_hook "$name" || return 1
	saved=$hooks_dir/$name$SUFFIX
	remove_stale_temps "$name"
	if exists "$dst" && ! is_flowgate "$dst"; then
		if ! exists "$saved"; then
			[ "$quiet" = yes ] || echo "$name: not a flowgate hook, left alone"
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
		say "$name: restored $name$SUFFIX as ${dst##*/}"
		return 0
	fi
	if exists "$saved"; then
		if exists "$dst"; then done_what="removed, "; else done_what=; fi
		# one rename puts the kept hook in place of flowgate's
		if ! mv -f -T -- "$saved" "$dst"; then
			err "$name: cannot restore $saved"
			return 1
		fi
		say "$name: ${done_what}restored $name$SUFFIX as ${dst##*/}"
		return 0
	fi
	if ! exists "$dst"; then
		[ "$quiet" = yes ] || echo "$name: not installed"
		return 0
	fi
	if ! rm -f -- "$dst"; then
		err "$name: cannot remove $dst"
		return 1
	fi
	say "$name: removed"
}

found=no old_note='' gitolite_way=no
if [ "$mode" = uninstall ]; then
	echo "flowgate: uninstalling from ${custom_dir:-$hooks_dir}"
	status=0
	for name in $HOOKS; do
		if [ "$server" = yes ]; then
			uninstall_server_hook "$name" || status=1
		else
			uninstall_hook "$name" || status=1
		fi
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
		pre-commit | post-commit | pre-applypatch) args= ;;
		pre-push) args=' "{1}" "{2}"' ;;
		prepare-commit-msg) args=' "{1}" "{2}" "{3}"' ;;
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

if [ "$server" = no ]; then
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
	if ! make_launcher "$tmp" "$name"; then
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

if [ "$server" = yes ]; then
	host_of
	if [ -n "$custom_dir" ] && [ ! -d "$custom_dir" ]; then
		err "not a directory: $custom_dir (create it, and name it in Gitaly's configuration: hooks.custom_hooks_dir)"
		exit 1
	fi
fi
if [ -n "$hooks_dir" ] && ! mkdir -p -- "$hooks_dir"; then
	err "cannot create the hooks directory $hooks_dir"
	exit 1
fi
if [ -n "$custom_dir" ]; then
	echo "flowgate: installing into $custom_dir (GitLab's custom hooks, for every repository)"
elif [ "$host" = gitlab ]; then
	echo "flowgate: installing into $gdir/custom_hooks (GitLab runs the hooks there)"
else
	echo "flowgate: installing into $hooks_dir"
fi
if [ -n "$build_dir" ]; then
	echo "flowgate: the hooks run $bin_dir/<hook> (this checkout's build: keep it there, or make install and run flowgate install)"
else
	echo "flowgate: the hooks run $bin_dir/<hook>"
fi
if [ "$server" = no ]; then
	for name in $HOOKS; do
		install_hook "$name" || status=1
	done
	exit "$status"
fi

# ------------------------------------------------------------ the server
for name in $HOOKS; do
	server_hook "$name" || status=1
done
# git starts update once per ref: unless asked for, an earlier install's goes
if [ "$with_update" = no ]; then
	old_note="from an earlier install: pre-receive checks every push; --with-update keeps it"
	uninstall_server_hook update quiet || status=1
	old_note=
fi

# allow_host_refs: the ref namespaces the recognised host writes itself
# (refNamespace refuses every other ref outside refs/heads/ and refs/tags/),
# added to the repository's flowgate.allowRefs unless already there; for
# GitLab's server-wide directory, the command that allows them.
allow_host_refs() {
	case $host in
	gitea) globs="refs/pull/* refs/for/*" label=Gitea ;;
	gitlab) globs="refs/merge-requests/* refs/keep-around/* refs/environments/* refs/pipelines/*" label=GitLab ;;
	*) return 0 ;;
	esac
	if [ -n "$custom_dir" ]; then
		echo "flowgate.allowRefs: GitLab writes $globs: allow them for every repository in the system git config (once each): git config --system --add flowgate.allowRefs 'refs/merge-requests/*'"
		return 0
	fi
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

set -f
allow_host_refs || status=1
set +f
if [ "$host" = gitolite ] || [ "$gitolite_way" = yes ]; then
	echo "flowgate: gitolite manages this repository: its update hook (hooks/update) is left as it is"
	gitolite_steps
fi
exit "$status"
