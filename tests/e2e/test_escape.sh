# End-to-end tests of what flowgate prints to the person at the terminal,
# with the real `git push`: the client hooks (install.sh) and the server
# hooks (install.sh --server, and an update-only server) over a plain path
# and file://.
#
# - A hint is meant to be pasted. For a branch named x'$(>pwned)'y (a valid
#   refname: git check-ref-format accepts $, (, ' and >), the hint's
#   `git push <remote> <branch>:<name>` is pasted into sh and into bash (the
#   placeholder <remote> replaced by origin, as a user would), with a `git`
#   that records its arguments first in PATH: pasting creates no file
#   "pwned" (the command substitution does not run) and git receives
#   exactly the branch's bytes. The same for a branch holding a
#   right-to-left override, a C1 control and bytes that are not UTF-8: the
#   hint carries them as "$(printf '\342...')", printable, and pasting it
#   names the original bytes.
# - Nothing reaches the terminal raw: a commit header holding an OSC
#   sequence (ESC ] 0 ; x BEL sets the terminal's title), a branch holding
#   U+202E, U+009B and the bytes 0x9b 0xff. The output holds no ESC, BEL,
#   0x9b byte or bidi control, and holds their escaped forms (\x1b, \x07,
#   \u202E, \u009B, \x9b, \xff); feature/café is printed as it is.
# Run: FLOWGATE_BUILD=/abs/build bash tests/e2e/test_escape.sh (or sh tests/e2e/run.sh).

. "$(dirname "$0")/lib.sh"

export GIT_EDITOR=true GIT_MERGE_AUTOEDIT=no
tick

HOSTILE="x'\$(>pwned)'y"
BIDI=$(printf 'x\342\200\256y\302\233\233\377')
CAFE=feature/café

for name in "$HOSTILE" "$BIDI" "$CAFE"; do
	if ! git check-ref-format --branch "$name" >/dev/null; then
		: >"$LAST_OUT"
		not_ok "git check-ref-format accepts the branch names of this test"
		exit 1
	fi
done

# A git that records its arguments (one a line, in $SHIM_ARGS) and does nothing else.
SHIM=$TMP/shim
mkdir -p "$SHIM"
cat >"$SHIM/git" <<'EOF'
#!/bin/sh
for a in "$@"; do printf '%s\n' "$a"; done >"$SHIM_ARGS"
EOF
chmod +x "$SHIM/git"

# count_bytes FILE OCTAL: how many bytes of value OCTAL (e.g. 033) FILE holds.
count_bytes() { LC_ALL=C tr -d -c "\\$2" <"$1" | wc -c | tr -d ' '; }

# has_text FILE TEXT: FILE holds the bytes TEXT, anywhere.
has_text() { LC_ALL=C grep -qF -- "$2" "$1"; }

# clean LABEL FILE: FILE holds no byte that acts on a terminal (ESC, BEL,
# CSI 0x9b) and no right-to-left override.
clean() {
	expect_eq "$1: no raw ESC" "$(count_bytes "$2" 033)" 0
	expect_eq "$1: no raw BEL" "$(count_bytes "$2" 007)" 0
	expect_eq "$1: no raw 0x9b byte (C1 CSI, alone or in U+009B)" "$(count_bytes "$2" 233)" 0
	if has_text "$2" "$(printf '\342\200\256')"; then
		not_ok "$1: no raw U+202E"
	else
		ok "$1: no raw U+202E"
	fi
}

# escaped LABEL FILE TEXT...: FILE holds each TEXT (an escaped form) as it is.
escaped() {
	local label=$1 file=$2
	shift 2
	for t in "$@"; do
		if has_text "$file" "$t"; then ok "$label: shows $t"; else
			cp "$file" "$LAST_OUT"
			not_ok "$label: shows $t"
		fi
	done
}

# paste LABEL FILE BRANCH: the "push it under a workflow name" hint of FILE
# (the push's output), pasted into sh and bash from an empty directory with
# the recording git first in PATH and <remote> replaced by origin: no file
# "pwned" appears, and git gets "push", "origin" and BRANCH:<name> exactly.
paste() {
	local label=$1 file=$2 branch=$3 cmd dst sh dir
	cmd=$(LC_ALL=C sed -n 's/^\(remote: \)\{0,1\}hint: push it under a workflow name: //p' "$file" |
		head -n 1 | LC_ALL=C sed 's/ *$//; s/<remote>/origin/')
	case $cmd in
	"git push origin "*) ok "$label: the hint is a git push command" ;;
	*)
		cp "$file" "$LAST_OUT"
		not_ok "$label: the hint is a git push command (got '$cmd')"
		return
		;;
	esac
	dst=${cmd##*:}
	printf '%s\n' push origin "$branch:$dst" >"$TMP/want.args"
	for sh in sh bash; do
		dir=$TMP/paste.$sh
		rm -rf "$dir" "$TMP/got.args"
		mkdir -p "$dir"
		(cd "$dir" && PATH=$SHIM:$PATH SHIM_ARGS=$TMP/got.args "$sh" -c "$cmd") >"$LAST_OUT" 2>&1
		if [ -e "$dir/pwned" ]; then
			not_ok "$label: pasted into $sh, the hint runs nothing (it made 'pwned': $cmd)"
		else
			ok "$label: pasted into $sh, the hint runs nothing"
		fi
		if cmp -s "$TMP/want.args" "$TMP/got.args"; then
			ok "$label: pasted into $sh, git gets the branch's exact bytes"
		else
			{ printf 'command: %s\nwant:\n' "$cmd"; od -c "$TMP/want.args"
			  printf 'got:\n'; od -c "$TMP/got.args" 2>&1; } >"$LAST_OUT"
			not_ok "$label: pasted into $sh, git gets the branch's exact bytes"
		fi
	done
}

# push_out LABEL ARGS...: git push ARGS... from the cwd, refused (exit 1);
# in $TMP/push.err its stderr without git's own lines (" ! [rejected] <ref>",
# "To <url>", "error: failed to push ...", receive-pack's "remote: error:
# hook declined to update <ref>"), which print refnames as they are: what
# the hooks said.
push_out() {
	local label=$1
	shift
	git push "$@" >"$TMP/push.out" 2>"$TMP/push.raw"
	expect_eq "$label: git push is refused" "$?" 1
	LC_ALL=C grep -av -e '^ ! ' -e '^To ' -e '^error: failed to push' \
		-e '^remote: error: hook declined to update ' "$TMP/push.raw" \
		>"$TMP/push.err"
	cp "$TMP/push.err" "$LAST_OUT"
}

# commit_on BRANCH MESSAGE: a new commit with MESSAGE on a new BRANCH from
# main, no hook running (the rules would refuse it); back on main after.
commit_on() {
	tick
	git checkout -q -b "$1" main &&
		printf '%s\n' "$1" >>notes.txt && git add notes.txt &&
		git commit -q --no-verify -F - <<-EOF && git checkout -q main
	$2
	EOF
}

# ------------------------------------------------------------------ client
C=$TMP/client
new_repo "$C"
new_origin "$TMP/client.git"
git -C "$C" remote add origin "$TMP/client.git"
install_flowgate "$C" || not_ok "client: install.sh"
cd "$C" || exit 1
commit_file . README.md hello 'chore: initial commit'
git push -q --no-verify origin main
commit_on "$HOSTILE" 'feat: on a hostile branch'
commit_on "$BIDI" 'feat: on a branch with bidi and bytes that are not UTF-8'
commit_on "$CAFE" 'feat: on a branch with an accent'
commit_on feature/osc "$(printf 'WIP \033]0;x\007 title')"

push_out "pre-push, branch $HOSTILE" origin "$HOSTILE"
expect_output "pre-push, branch $HOSTILE: branchName names it" '^flowgate pre-push: error: branchName: '
paste "pre-push, branch $HOSTILE" "$TMP/push.err" "$HOSTILE"

push_out "pre-push, bidi branch" origin "$BIDI"
clean "pre-push, bidi branch" "$TMP/push.err"
escaped "pre-push, bidi branch" "$TMP/push.err" '\u202E' '\u009B' '\x9b' '\xff' "\"\$(printf '"
paste "pre-push, bidi branch" "$TMP/push.err" "$BIDI"

push_out "pre-push, $CAFE" origin "$CAFE"
escaped "pre-push, $CAFE" "$TMP/push.err" "branch '$CAFE'" "'$CAFE':"
expect_no_output "pre-push, $CAFE: the accent is not escaped" '\\x|\\u'
paste "pre-push, $CAFE" "$TMP/push.err" "$CAFE"

push_out "pre-push, OSC in a header" origin feature/osc
clean "pre-push, OSC in a header" "$TMP/push.err"
escaped "pre-push, OSC in a header" "$TMP/push.err" "'WIP \\x1b]0;x\\x07 title'" \
	"e.g. 'fix: WIP \\x1b]0;x\\x07 title'"

# ------------------------------------------------------------------ server
for transport in path file; do
	SRV=$TMP/server-$transport.git
	new_origin "$SRV"
	"$TOP/install.sh" --server "$SRV" >"$LAST_OUT" 2>&1 || not_ok "$transport: install.sh --server"
	if [ "$transport" = file ]; then url=file://$SRV; else url=$SRV; fi
	git push -q --no-verify "$url" main

	L="pre-receive over $transport"
	push_out "$L, branch $HOSTILE" --no-verify "$url" "$HOSTILE"
	expect_output "$L, branch $HOSTILE: branchName names it" \
		'^remote: flowgate pre-receive: error: branchName: '
	paste "$L, branch $HOSTILE" "$TMP/push.err" "$HOSTILE"

	push_out "$L, bidi branch" --no-verify "$url" "$BIDI"
	clean "$L, bidi branch" "$TMP/push.err"
	escaped "$L, bidi branch" "$TMP/push.err" '\u202E' '\u009B' '\x9b' '\xff'
	paste "$L, bidi branch" "$TMP/push.err" "$BIDI"

	push_out "$L, $CAFE" --no-verify "$url" "$CAFE"
	escaped "$L, $CAFE" "$TMP/push.err" "branch '$CAFE'" "'$CAFE':"
	expect_no_output "$L, $CAFE: the accent is not escaped" '\\x|\\u'

	push_out "$L, OSC in a header" --no-verify "$url" feature/osc
	clean "$L, OSC in a header" "$TMP/push.err"
	escaped "$L, OSC in a header" "$TMP/push.err" "'WIP \\x1b]0;x\\x07 title'"
done

# ------------------------------------------------------------ update alone
SRV=$TMP/server-update.git
new_origin "$SRV"
"$TOP/install.sh" --server --with-update "$SRV" >"$LAST_OUT" 2>&1 || not_ok "update alone: install.sh --server --with-update"
rm -f "$SRV/hooks/pre-receive"
git push -q --no-verify "file://$SRV" main
L="update alone"
push_out "$L, branch $HOSTILE" --no-verify "file://$SRV" "$HOSTILE"
paste "$L, branch $HOSTILE" "$TMP/push.err" "$HOSTILE"
push_out "$L, bidi branch" --no-verify "file://$SRV" "$BIDI"
clean "$L, bidi branch" "$TMP/push.err"
escaped "$L, bidi branch" "$TMP/push.err" \
	'remote: flowgate update: refused: refs/heads/x\u202Ey\u009B\x9b\xff was not updated'
paste "$L, bidi branch" "$TMP/push.err" "$BIDI"
push_out "$L, OSC in a header" --no-verify "file://$SRV" feature/osc
clean "$L, OSC in a header" "$TMP/push.err"
