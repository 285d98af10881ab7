#!/bin/sh
# deb.sh BUILD VERSION [LINK_FLAGS]: build BUILD/flowgate_<VERSION>_<arch>.deb
# with dpkg-deb from what `make install DESTDIR=... PREFIX=/usr` installs (the
# flowgate command in /usr/bin, the hooks under /usr/libexec/flowgate/, the
# manual pages under /usr/share/man/, compressed here), the
# licence as its copyright file, and Depends computed by dpkg-shlibdeps from
# what the binaries link (plus git, which runs the hooks, and the glibc
# release of hooks that link it statically). LINK_FLAGS is the
# Makefile's GIT2_LIBS: the libraries it links statically (-l names between
# -Wl,-Bstatic and -Wl,-Bdynamic) are inside the binaries, so their Debian
# copyright files are appended to the package's and their source packages
# named in Built-Using (Debian policy 7.8). `make deb` calls it.
# Exit status: 0 built, 1 a step failed.
set -eu
build=$1 version=$2 link_flags=${3-}
top=$(cd "$(dirname "$0")/.." && pwd)
arch=$(dpkg --print-architecture)
work=$build/deb
root=$work/root
out=$build/flowgate_${version}_${arch}.deb

rm -rf "$work"
mkdir -p "$root"
make -C "$top" --no-print-directory BUILD="$build" install DESTDIR="$root" PREFIX=/usr >/dev/null
mkdir -p "$root/usr/share/doc/flowgate"
cp "$top/LICENSE" "$root/usr/share/doc/flowgate/copyright"
gzip -9n <"$top/README.md" >"$root/usr/share/doc/flowgate/README.md.gz"
gzip -9n "$root"/usr/share/man/man*/* # Debian policy 12.1: manual pages compressed

# dpkg-shlibdeps reads the package's name from debian/control beside it
mkdir -p "$work/debian"
printf 'Source: flowgate\n\nPackage: flowgate\nArchitecture: any\n' >"$work/debian/control"
elves=
for f in "$root"/usr/bin/* "$root"/usr/libexec/flowgate/*; do
	if [ -f "$f" ] && [ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" = '177ELF' ]; then
		elves="$elves -e$f"
	fi
done
# shellcheck disable=SC2086 # one -e<file> per word
shlibs=$(cd "$work" && dpkg-shlibdeps -O $elves 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$shlibs" ] || { echo "deb.sh: dpkg-shlibdeps found no dependency" >&2; exit 1; }
# Hooks that link glibc statically (-lc among the static libraries) load
# iconv's converters, the gconv modules of libc6, with the shared libc at
# run time: that must be the glibc release they were linked with.
case " $link_flags " in
*" -lc "*)
	glibc=$(dpkg-query -W -f '${Version}' libc6-dev)
	glibc=${glibc%%-*}
	next=${glibc%%.*}.$((${glibc#*.} + 1))
	shlibs="$shlibs, libc6 (>= $glibc), libc6 (<< $next)"
	;;
esac

# The statically linked libraries: the -dev package holding each lib<name>.a,
# its copyright file, its source package and version.
static=0 built_using= seen=
for w in $link_flags; do
	case $w in
	-Wl,-Bstatic) static=1 ;;
	-Wl,-Bdynamic) static=0 ;;
	-l*)
		[ "$static" = 1 ] || continue
		a=$(${CC:-cc} -print-file-name="lib${w#-l}.a")
		pkg=$(dpkg-query -S "$(readlink -f "$a")" 2>/dev/null | sed -n '1s/:.*//p')
		[ -n "$pkg" ] || { echo "deb.sh: no Debian package holds lib${w#-l}.a" >&2; exit 1; }
		case " $seen " in *" $pkg "*) continue ;; esac
		seen="$seen $pkg"
		src=$(dpkg-query -W -f '${source:Package} (= ${source:Version})' "$pkg")
		case ", $built_using, " in *", $src, "*) ;; *) built_using=${built_using:+$built_using, }$src ;; esac
		{
			printf '\n%s\n' '-------------------------------------------------------------------------------'
			printf 'flowgate links %s statically (Debian package %s); its copyright:\n\n' "lib${w#-l}" "$pkg"
			cat "/usr/share/doc/$pkg/copyright"
		} >>"$root/usr/share/doc/flowgate/copyright"
		;;
	esac
done

mkdir -p "$root/DEBIAN"
cat >"$root/DEBIAN/control" <<CONTROL
Package: flowgate
Version: $version
Architecture: $arch
Maintainer: The flowgate authors <flowgate@invalid>
Installed-Size: $(du -sk "$root/usr" | cut -f1)
Depends: $shlibs, git
${built_using:+Built-Using: $built_using
}Section: vcs
Priority: optional
Description: git hooks for a GitFlow-style release workflow
 flowgate checks branch names, Conventional Commits messages, version files
 and release tags on every commit and push: client hooks (pre-commit,
 commit-msg, pre-push, post-merge, post-commit, prepare-commit-msg, and git
 am's applypatch-msg and pre-applypatch) enabled per clone with
 flowgate install, and server hooks (pre-receive, update) for bare
 repositories.
CONTROL
dpkg-deb --root-owner-group --build "$root" "$out" >/dev/null
echo "$out"
