# End-to-end tests of what a refused push prints (issue 19, items 2 and 3):
# at most 100 violations in all, then one line per ref with more, counting
# the rest and giving the `flowgate check-range` command that lists them
# all; that command is run where the pusher is (their clone) and, once the
# commits are there, on the server, and must list every one. Driven by real
# git push (pre-receive, update alone, and the client's pre-push) of
# thousands of bad commits made with git fast-import. Under GitLab (GL_ID
# or GL_PROTOCOL set, as Gitaly runs the hooks) every line the server hooks
# print starts with "GL-HOOK-ERR: ", which GitLab shows in its web UI.
# Run: FLOWGATE_BUILD=/abs/build bash tests/e2e/test_server_output.sh

. "$(dirname "$0")/lib.sh"

FLOWGATE=$FLOWGATE_BUILD/flowgate
ZERO=0000000000000000000000000000000000000000
tick

# bad_commits N REF [FROM]: N commits with the message "bad message K"
# (headerFormat refuses each) on REF of the cwd's repository, on top of
# FROM (a commit), or a new root history without FROM. Fast: git fast-import.
bad_commits() {
	local n=$1 ref=$2 from=${3:-} i
	for i in $(seq 1 "$n"); do
		CLOCK=$((CLOCK + 1))
		printf 'commit %s\ncommitter T <t@example.com> %s +0000\ndata <<EOM\nbad message %s\nEOM\n' \
			"$ref" "$CLOCK" "$i"
		if [ "$i" = 1 ] && [ -n "$from" ]; then printf 'from %s\n' "$from"; fi
		printf 'M 644 inline notes.txt\ndata <<EOM\n%s %s\nEOM\n\n' "$ref" "$i"
	done | git fast-import --quiet
}

# push_out ARGS...: git push ARGS... from the cwd; stderr in $LAST_OUT, the
# exit status in PUSH_STATUS.
push_out() {
	git push "$@" >/dev/null 2>"$LAST_OUT"
	PUSH_STATUS=$?
}

# blocks HOOK: how many violations the last output printed (one header
# line each: "flowgate HOOK: error: rule: ...", behind "remote: " or not).
blocks() { grep -Ec "^(remote: )?(GL-HOOK-ERR: )?flowgate $1: (error|warning|info): " "$LAST_OUT"; }

# count_line HOOK REF: the count line of REF in the last output, without
# git's "remote: " and its trailing spaces.
count_line() {
	sed -n "s/^\(remote: \)\{0,1\}\(GL-HOOK-ERR: \)\{0,1\}\(flowgate $1: $(printf %s "$2" | sed 's/[/.]/\\&/g'): [0-9]* more violations\{0,1\} not shown.*\)$/\3/p" "$LAST_OUT" |
		sed 's/ *$//'
}

# count_of LINE: the number of violations a count line says were left out.
count_of() { printf '%s\n' "$1" | sed -n 's/.*: \([0-9]*\) more violations\{0,1\} not shown.*/\1/p'; }

# command_of LINE: the command a count line gives.
command_of() { printf '%s\n' "$1" | sed -n 's/.*; list them all with: //p'; }

# listed DIR COMMAND: how many headerFormat errors COMMAND (a flowgate
# check-range line) lists when run in DIR, with the build's flowgate.
listed() {
	(cd "$1" && eval "\"\$FLOWGATE\"${2#flowgate}") 2>&1 | grep -c ': error: headerFormat: '
}

# check_bounded LABEL HOOK REF TOTAL DIR...: the last output prints at most
# 100 violations, and REF's count line counts the rest of its TOTAL; its
# command lists all TOTAL in each DIR.
check_bounded() {
	local label=$1 hook=$2 ref=$3 total=$4 line n cmd dir
	shift 4
	n=$(blocks "$hook")
	expect_eq "$label: 100 violations printed, no more" "$n" 100
	line=$(count_line "$hook" "$ref")
	if [ -n "$line" ]; then ok "$label: a count line for $ref"; else
		not_ok "$label: a count line for $ref"; fi
	expect_eq "$label: the count line counts the rest ($total - 100)" "$(count_of "$line")" \
		$((total - 100))
	cmd=$(command_of "$line")
	case $cmd in
	"flowgate check-range "*) ok "$label: the count line gives a flowgate check-range command" ;;
	*) not_ok "$label: the count line gives a flowgate check-range command (got '$cmd')" ;;
	esac
	for dir in "$@"; do
		expect_eq "$label: the command, run in $(basename "$dir"), lists all $total" \
			"$(listed "$dir" "$cmd")" "$total"
	done
	LAST_COMMAND=$cmd
}

# ============================================================= the set-up
SRV=$TMP/srv.git
new_origin "$SRV"
"$TOP/install.sh" --server --with-update "$SRV" >"$LAST_OUT" 2>&1 || not_ok "install.sh --server"
C=$TMP/client
new_repo "$C"
cd "$C" || exit 1
set_version 0.1.0-dev
git commit -q -m 'chore: initial commit'
git push -q "$SRV" main 2>/dev/null || not_ok "set-up: the first push"
git fetch -q "$SRV" '+refs/heads/*:refs/remotes/origin/*'
m1=$(head_oid)

# ============================================ 2,000 bad commits, a new branch
bad_commits 2000 refs/heads/feature/many "$m1"
push_out "$SRV" feature/many
expect_eq "2,000 bad commits on a new branch: git push exits 1" "$PUSH_STATUS" 1
lines=$(wc -l <"$LAST_OUT")
if [ "$lines" -le 420 ]; then ok "2,000 bad commits: at most 420 lines printed (got $lines)"; else
	not_ok "2,000 bad commits: at most 420 lines printed (got $lines)"; fi
expect_output "2,000 bad commits: pre-receive's refusal line is last of flowgate's" \
	'^remote: flowgate pre-receive: refused: no ref of this push was updated'
# The server dropped the refused objects: the command lists them where they
# are, the pusher's clone; and on the server once they are there (fetched
# into a ref no hook judges, as an administrator would to look).
S2=$TMP/srv-copy.git
git clone -q --bare "$SRV" "$S2"
git -C "$S2" fetch -q "$C" refs/heads/feature/many:refs/inspect/many
check_bounded "2,000 bad commits on a new branch" pre-receive refs/heads/feature/many 2000 \
	"$C" "$S2"
expect_eq "2,000 bad commits on a new branch: the range starts at the commit the server had" \
	"$LAST_COMMAND" "flowgate check-range --branch feature/many $m1..$(git rev-parse feature/many)"

# ============================================ 2,000 bad commits on main
git branch -q main-bad "$m1"
bad_commits 2000 refs/heads/main-bad "$m1"
push_out "$SRV" main-bad:main
expect_eq "2,000 bad commits on main (fast-forward): git push exits 1" "$PUSH_STATUS" 1
check_bounded "2,000 bad commits on main (fast-forward)" pre-receive refs/heads/main 2000 "$C"
expect_eq "2,000 bad commits on main: the range is <old>..<new>" "$LAST_COMMAND" \
	"flowgate check-range --branch main $m1..$(git rev-parse main-bad)"

# ============================================ a new root history
bad_commits 300 refs/heads/feature/orphan
push_out "$SRV" feature/orphan
expect_eq "300 bad commits of a new root history: git push exits 1" "$PUSH_STATUS" 1
check_bounded "300 bad commits of a new root history" pre-receive refs/heads/feature/orphan 300 "$C"
expect_eq "300 bad commits of a new root history: the command names the tip alone (all its history)" \
	"$LAST_COMMAND" "flowgate check-range --branch feature/orphan $(git rev-parse feature/orphan)"

# ============================================ several refs
# feature/a: 150 bad commits on main; feature/b: 60 more on feature/a. git
# sends the new refs in refname order: feature/a's own commits are its 150,
# feature/b's the 60 above them, whose range starts at feature/a's tip.
bad_commits 150 refs/heads/feature/a "$m1"
bad_commits 60 refs/heads/feature/b "$(git rev-parse feature/a)"
push_out "$SRV" feature/a feature/b
expect_eq "two branches, 210 bad commits: git push exits 1" "$PUSH_STATUS" 1
expect_eq "two branches: 100 violations printed, no more" "$(blocks pre-receive)" 100
la=$(count_line pre-receive refs/heads/feature/a)
lb=$(count_line pre-receive refs/heads/feature/b)
expect_eq "two branches: the two count lines count the 110 left out" \
	$(( $(count_of "$la") + $(count_of "$lb") )) 110
# Each count is about its own ref: its commits less those printed.
shown_of() {
	grep -o 'error: headerFormat: commit [0-9a-f]*' "$LAST_OUT" | sed 's/.* //' |
		grep -cFf - <(git rev-list "$@" | cut -c1-12)
}
sa=$(shown_of "$m1..feature/a")
sb=$(shown_of feature/a..feature/b)
expect_eq "two branches: every printed violation is of feature/a or feature/b" $((sa + sb)) 100
expect_eq "two branches: feature/a's count line counts its 150 less the $sa printed" \
	"$(count_of "$la")" $((150 - sa))
expect_eq "two branches: feature/b's count line counts its 60 less the $sb printed" \
	"$(count_of "$lb")" $((60 - sb))
expect_eq "two branches: feature/a's command lists its 150" "$(listed "$C" "$(command_of "$la")")" 150
expect_eq "two branches: feature/b's command lists its 60" "$(listed "$C" "$(command_of "$lb")")" 60
expect_eq "two branches: feature/b's range starts at feature/a's tip" "$(command_of "$lb")" \
	"flowgate check-range --branch feature/b $(git rev-parse feature/a)..$(git rev-parse feature/b)"

# Under the limit: every violation, no count line.
bad_commits 30 refs/heads/feature/few "$m1"
push_out "$SRV" feature/few
expect_eq "30 bad commits: all 30 printed" "$(blocks pre-receive)" 30
expect_no_output "30 bad commits: no count line" 'more violations? not shown'

# ============================================ the update hook alone
rm "$SRV/hooks/pre-receive"
push_out "$SRV" main-bad:main
expect_eq "update hook alone, 2,000 bad commits on main: git push exits 1" "$PUSH_STATUS" 1
check_bounded "update hook alone, 2,000 bad commits on main" update refs/heads/main 2000 "$C"
"$TOP/install.sh" --server --with-update "$SRV" >/dev/null 2>&1

# ============================================ the client's pre-push
install_flowgate "$C" || not_ok "install.sh in the client"
git fetch -q "$SRV" '+refs/heads/*:refs/remotes/origin/*'
git remote add origin "$SRV"
git fetch -q origin
push_out origin feature/many
expect_eq "pre-push, 2,000 bad commits on a new branch: git push exits 1" "$PUSH_STATUS" 1
check_bounded "pre-push, 2,000 bad commits on a new branch" pre-push refs/heads/feature/many \
	2000 "$C"
expect_no_output "pre-push: the server was not reached" '^remote: '
push_out origin main-bad:main
check_bounded "pre-push, 2,000 bad commits on main" pre-push refs/heads/main 2000 "$C"
expect_eq "pre-push, 2,000 bad commits on main: the range is <remote's main>..<new>" \
	"$LAST_COMMAND" "flowgate check-range --branch main $m1..$(git rev-parse main-bad)"
rm -f .git/hooks/pre-push

# ============================================ GitLab: GL-HOOK-ERR:
# push_out's git push passes its environment to the server hooks (a local
# push), as Gitaly sets GL_ID and GL_PROTOCOL for them.
bad_commits 3 refs/heads/feature/gl "$m1"
GL_ID=user-1 GL_PROTOCOL=ssh push_out "$SRV" feature/gl
expect_eq "GitLab (GL_ID, GL_PROTOCOL): the bad push is refused" "$PUSH_STATUS" 1
n=$(grep -c '^remote: ' "$LAST_OUT")
expect_eq "GitLab: every line the hook printed starts with GL-HOOK-ERR: ($n lines)" \
	"$(grep '^remote: ' "$LAST_OUT" | grep -vc '^remote: GL-HOOK-ERR: ')" 0
expect_output "GitLab: the violation" '^remote: GL-HOOK-ERR: flowgate pre-receive: error: headerFormat: '
expect_output "GitLab: its hint" '^remote: GL-HOOK-ERR: hint: '
expect_output "GitLab: the refusal line" '^remote: GL-HOOK-ERR: flowgate pre-receive: refused: '
GL_PROTOCOL=web push_out "$SRV" main-bad:main
expect_eq "GitLab, GL_PROTOCOL alone, 2,000 bad commits: 100 violations printed" \
	"$(blocks pre-receive)" 100
expect_output "GitLab: the count line too" \
	'^remote: GL-HOOK-ERR: flowgate pre-receive: refs/heads/main: 1900 more violations not shown; list them all with: flowgate check-range '
push_out "$SRV" feature/gl
expect_no_output "not under GitLab: no GL-HOOK-ERR: prefix" 'GL-HOOK-ERR'
GL_ID= GL_PROTOCOL= push_out "$SRV" feature/gl
expect_no_output "GL_ID and GL_PROTOCOL empty: no GL-HOOK-ERR: prefix" 'GL-HOOK-ERR'

# The hooks called as Gitaly calls them: GIT_DIR, the ref lines on stdin
# (pre-receive) or the three arguments (update), GL_* set. The commits are
# fetched into a ref no hook judges first.
git -C "$SRV" fetch -q "$C" refs/heads/feature/gl:refs/inspect/gl
gl=$(git rev-parse feature/gl)
printf '%s %s refs/heads/feature/gl\n' "$ZERO" "$gl" |
	GIT_DIR=$SRV GL_ID=user-1 GL_PROTOCOL=http "$SRV/hooks/pre-receive" >"$TMP/stdout" 2>"$LAST_OUT"
expect_eq "pre-receive called as Gitaly does: exits 1" "$?" 1
expect_eq "pre-receive called as Gitaly does: stdout is empty" "$(cat "$TMP/stdout")" ""
expect_eq "pre-receive called as Gitaly does: every stderr line starts with GL-HOOK-ERR:" \
	"$(grep -vc '^GL-HOOK-ERR: ' "$LAST_OUT")" 0
expect_output "pre-receive called as Gitaly does: the violation" \
	'^GL-HOOK-ERR: flowgate pre-receive: error: headerFormat: '
GIT_DIR=$SRV GL_ID=user-1 "$SRV/hooks/pre-receive" </dev/null >"$LAST_OUT" 2>&1
expect_eq "pre-receive called as Gitaly does, no ref line: exits 0, prints nothing" \
	"$?:$(cat "$LAST_OUT")" "0:"
rm "$SRV/hooks/pre-receive"
GIT_DIR=$SRV GL_ID=user-1 "$SRV/hooks/update" refs/heads/feature/gl "$ZERO" "$gl" >"$TMP/stdout" 2>"$LAST_OUT"
expect_eq "update called as Gitaly does: exits 1" "$?" 1
expect_eq "update called as Gitaly does: every stderr line starts with GL-HOOK-ERR:" \
	"$(grep -vc '^GL-HOOK-ERR: ' "$LAST_OUT")" 0
expect_output "update called as Gitaly does: its refusal line" \
	'^GL-HOOK-ERR: flowgate update: refused: '
GIT_DIR=$SRV GL_ID=user-1 "$SRV/hooks/update" refs/heads/feature/gl "$ZERO" >"$LAST_OUT" 2>&1
expect_eq "update called with a bad argument: the usage line has the prefix too" \
	"$(grep -vc '^GL-HOOK-ERR: ' "$LAST_OUT")" 0
