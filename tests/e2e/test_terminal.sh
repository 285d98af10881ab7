#!/bin/bash
# A refusal on a terminal (issue 23): the excerpt under a message rule fits
# the terminal's width, COLUMNS or the size of the terminal git's stderr
# is, with the carets under the text they point at; colour follows git
# config color.flowgate, else color.ui, and NO_COLOR (no-color.org), on a
# real pseudo-terminal (script(1)) and through a pipe.
. "$(dirname "$0")/lib.sh"

repo=$TMP/repo
new_repo "$repo"
install_flowgate "$repo" || { not_ok "install.sh"; exit 1; }
commit_file "$repo" a.txt a "feat: a"
git -C "$repo" checkout -q -b feature/terminal
# 150 characters: headerMaxLength from column 73 (the 'd' of word10), and a full stop
HEADER="feat: $(printf 'word%02d ' $(seq 1 20))end."
cd "$repo" || exit 1

OUT=$TMP/out

# commit_long [ENV...]: try to commit with HEADER, the hooks' output in $OUT.
commit_long() {
	env "$@" git commit -q --allow-empty -m "$HEADER" >"$OUT" 2>&1
}

# out_has NAME REGEX, out_lacks NAME REGEX: $OUT matches (does not match)
# the extended REGEX.
out_has() {
	cp "$OUT" "$LAST_OUT"
	expect_output "$@"
}
out_lacks() {
	cp "$OUT" "$LAST_OUT"
	expect_no_output "$@"
}

# fits N: every excerpt and caret line (4 spaces first) of $OUT is at most
# N characters (colour escapes left out: they take no column).
fits() {
	sed $'s/\033\\[[0-9;]*m//g' "$OUT" |
		LC_ALL=C awk -v n="$1" '/^    / && length($0) > n { bad = 1 } END { exit bad }'
}

# under_caret: the text above the first caret of headerMaxLength's excerpt
# (colour escapes left out).
under_caret() {
	sed $'s/\033\\[[0-9;]*m//g' "$OUT" |
		awk '/headerMaxLength/ { getline text; getline carets; print substr(text, index(carets, "^"), 6); exit }'
}

# -------------------------------------------------------------- COLUMNS
commit_long COLUMNS=50
expect_eq "COLUMNS=50: the commit is refused" "$?" 1
out_has "COLUMNS=50: by headerMaxLength" '^flowgate commit-msg: error: headerMaxLength: line 1, column 73: '
expect_ok "COLUMNS=50: every excerpt and caret line fits in 50 columns" fits 50
out_has "COLUMNS=50: the excerpt around the caret, cut on both sides" \
	'^    \.\.\.ord06 word07 word08 word09 word10 word11\.\.\.$'
expect_eq "COLUMNS=50: the first caret under column 73, the 'd' of word10" "$(under_caret)" "d10 wo"
out_has "COLUMNS=50: subjectFullStop's caret under the full stop" '^    \.\.\..*end\.$'

commit_long COLUMNS=30
expect_ok "COLUMNS=30: every line fits" fits 30
expect_eq "COLUMNS=30: the caret still under the 'd' of word10" "$(under_caret)" "d10 wo"

# no COLUMNS, not a terminal: about 100 characters, as before
commit_long -u COLUMNS
expect_fail "no COLUMNS, a pipe: the excerpt is not cut to 50" fits 50
expect_ok "no COLUMNS, a pipe: at most about 100 characters" fits 110
expect_eq "no COLUMNS, a pipe: the caret under the 'd' of word10" "$(under_caret)" "d10 wo"

# --------------------------------------------------- a real terminal (pty)
# on_tty COLS CMD: CMD run by sh on a pseudo-terminal COLS wide, COLUMNS
# unset; its output (the terminal's, carriage returns dropped) in $OUT.
on_tty() {
	local cols=$1
	shift
	env -u COLUMNS SHELL=/bin/sh script -q -e -c "stty cols $cols rows 40; $*" /dev/null \
		</dev/null 2>&1 | tr -d '\r' >"$OUT"
}
if ! need_tool script bsdutils; then
	echo "# skip - a pseudo-terminal: script is not installed and could not be (apt-get install bsdutils)"
else
	on_tty 50 "env -u NO_COLOR TERM=xterm git commit -q --allow-empty -m '$HEADER'"
	out_has "a terminal 50 columns wide: refused by headerMaxLength" 'headerMaxLength: line 1, column 73'
	expect_ok "a terminal 50 columns wide: every excerpt line fits, from its size" fits 50
	expect_eq "a terminal 50 columns wide: the caret under the 'd' of word10" "$(under_caret)" "d10 wo"
	out_has "a terminal: the severity in colour" $'flowgate commit-msg: \033\\[1;31merror\033\\[m: headerMaxLength'
	out_has "a terminal: the carets in colour" $'^ +\033\\[1;31m\\^+\033\\[m$'

	on_tty 120 "env -u NO_COLOR TERM=xterm git commit -q --allow-empty -m '$HEADER'"
	expect_fail "a terminal 120 columns wide: the excerpt is not cut to 50" fits 50
	expect_ok "a terminal 120 columns wide: it fits in 120" fits 120

	on_tty 80 "NO_COLOR=1 TERM=xterm git commit -q --allow-empty -m '$HEADER'"
	out_lacks "a terminal, NO_COLOR=1: no colour" $'\033\\['
	out_has "a terminal, NO_COLOR=1: the refusal all the same" 'error: headerMaxLength'
	on_tty 80 "env -u NO_COLOR TERM=dumb git commit -q --allow-empty -m '$HEADER'"
	out_lacks "a terminal, TERM=dumb: no colour" $'\033\\['
	on_tty 80 "env -u NO_COLOR TERM=xterm git -c color.flowgate=never commit -q --allow-empty -m '$HEADER'"
	out_lacks "a terminal, git -c color.flowgate=never: no colour" $'\033\\['
	git config color.ui never
	on_tty 80 "env -u NO_COLOR TERM=xterm git commit -q --allow-empty -m '$HEADER'"
	out_lacks "a terminal, color.ui=never in the repository: no colour" $'\033\\['
	on_tty 80 "env -u NO_COLOR TERM=xterm git -c color.flowgate=auto commit -q --allow-empty -m '$HEADER'"
	out_has "a terminal, color.flowgate=auto over color.ui=never: colour" $'\033\\[1;31merror'
	git config --unset color.ui
	on_tty 80 "NO_COLOR=1 TERM=xterm git -c color.flowgate=always commit -q --allow-empty -m '$HEADER'"
	out_has "a terminal, NO_COLOR=1 but color.flowgate=always: colour" $'\033\\[1;31merror'
fi

# ------------------------------------------------------- colour in a pipe
commit_long
out_lacks "a pipe: no colour" $'\033\\['
env -u NO_COLOR TERM=xterm git -c color.ui=always commit -q --allow-empty -m "$HEADER" >"$OUT" 2>&1
out_has "a pipe, git -c color.ui=always: colour" $'flowgate commit-msg: \033\\[1;31merror\033\\[m'
env NO_COLOR=1 git -c color.ui=always commit -q --allow-empty -m "$HEADER" >"$OUT" 2>&1
out_has "a pipe, color.ui=always despite NO_COLOR=1: colour" $'\033\\[1;31merror'
git config --global color.flowgate never
env -u NO_COLOR git -c color.ui=always commit -q --allow-empty -m "$HEADER" >"$OUT" 2>&1
out_lacks "a pipe, global color.flowgate=never over color.ui=always: no colour" $'\033\\['
git config --global --unset color.flowgate
# the checks do not depend on colour: same refusal, same exit status
env -u NO_COLOR git -c color.ui=always commit -q --allow-empty -m "$HEADER" >/dev/null 2>&1
expect_eq "colour changes nothing but the escapes: exit 1" "$?" 1
expect_eq "no commit was made" "$(git rev-list --count HEAD)" 1
