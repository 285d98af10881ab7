#!/bin/bash
# The bash completion (contrib/completion/flowgate.bash, installed as
# share/bash-completion/completions/flowgate): loaded in bash, it is
# registered for flowgate (complete -p) and completes, as _flowgate is
# called by bash (COMP_WORDS, COMP_CWORD, COMP_LINE, COMP_POINT): the
# commands of flowgate --help, each command's options as its help lists
# them, --format values, bump kinds, hook names, rule names for explain and
# FLOWGATE_SKIP= (the registry's), and refs where a revision is expected,
# with git's own completion loaded (__git_refs) and without it.
. "$(dirname "$0")/lib.sh"

COMPLETION=$TOP/contrib/completion/flowgate.bash
export PATH="$FLOWGATE_BUILD:$PATH"
GIT_COMPLETION=
for f in /usr/share/bash-completion/completions/git /etc/bash_completion.d/git; do
	[ -r "$f" ] && GIT_COMPLETION=$f && break
done

repo=$TMP/repo
new_repo "$repo"
commit_file "$repo" a.txt a "feat: a"
git -C "$repo" branch release/0.16.x
git -C "$repo" branch feature/pool-timeout
git -C "$repo" tag -a v0.16.0 -m "release: 0.16.0"
mkdir -p "$repo/sub dir"
printf 'fix: x\n' >"$repo/msg.txt"

# complete [--git] LINE: the completions _flowgate gives with the cursor at
# the end of LINE, one a line, sorted; words split as bash splits them
# (COMP_WORDBREAKS: '=' ends a word), in a fresh bash in the repository.
complete_line() {
	local git=
	[ "$1" = --git ] && git=$GIT_COMPLETION && shift
	(cd "$repo" && bash --norc --noprofile -c '
		[ -n "$2" ] && . "$2"
		. "$1"
		COMP_LINE=$3 COMP_POINT=${#3}
		read -r -a COMP_WORDS <<<"${3//=/ = }"
		[[ $3 == *" " ]] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		cur=${COMP_WORDS[COMP_CWORD]}
		[[ $cur == "=" ]] && cur=
		_flowgate flowgate "$cur" "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}"' bash "$COMPLETION" "$git" "$1") | LC_ALL=C sort
}

# expect_completion NAME LINE WANT...: LINE completes to exactly WANT.
expect_completion() {
	local name=$1 line=$2 got want
	shift 2
	got=$(complete_line "$line" | tr '\n' ' ')
	want=$(printf '%s\n' "$@" | LC_ALL=C sort | tr '\n' ' ')
	expect_eq "$name" "$got" "$want"
}

expect_eq "complete -p flowgate: _flowgate is registered" \
	"$(bash --norc --noprofile -c '. "$1" && complete -p flowgate' bash "$COMPLETION")" \
	"complete -F _flowgate flowgate"
expect_ok "the completion loads under set -u, without an error" \
	bash --norc --noprofile -uc '. "$1"' bash "$COMPLETION"

# commands: exactly flowgate --help's
flowgate --help | awk '/^Commands:$/ { on = 1; next } /^$/ { on = 0 } on && NF { print $1 }' |
	LC_ALL=C sort >"$TMP/commands"
expect_eq "flowgate <Tab>: the commands of flowgate --help" "$(complete_line 'flowgate ')" \
	"$(cat "$TMP/commands")"
expect_completion "flowgate ch<Tab>" 'flowgate ch' changelog check-message check-range
expect_completion "flowgate --<Tab>" 'flowgate --' --help --version
expect_completion "flowgate help che<Tab>" 'flowgate help che' check-message check-range

# options: each command's, as its help lists them
while read -r c; do
	flowgate help "$c" | awk '/^(Options|Arguments and options):$/ { on = 1; next } /^$/ { on = 0 }
		on && /^  -/ { split(substr($0, 3), a, "  "); split(a[1], w, " "); print w[1] }' |
		{ cat; printf '%s\n' --help -h; } | LC_ALL=C sort -u >"$TMP/want"
	expect_eq "flowgate $c -<Tab>: its options" "$(complete_line "flowgate $c -" | sort -u)" \
		"$(cat "$TMP/want")"
done <"$TMP/commands"
expect_completion "bump --<Tab>" 'flowgate bump --' --commit --tag --dry-run --help
expect_completion "check-range --format <Tab>" 'flowgate check-range --format ' text json github
expect_completion "hotfix-status --format <Tab>" 'flowgate hotfix-status --format ' text json
expect_completion "check-message --format g<Tab>" 'flowgate check-message --format g' github

# rule names: explain and FLOWGATE_SKIP=, the registry's
flowgate rules --markdown | sed -n 's/^| `\([A-Za-z]*\)` |.*/\1/p' | LC_ALL=C sort >"$TMP/rules"
expect_ok "the registry has rules" test "$(wc -l <"$TMP/rules")" -gt 20
expect_eq "explain <Tab>: every rule of the registry" "$(complete_line 'flowgate explain ')" \
	"$(cat "$TMP/rules")"
expect_completion "explain head<Tab>" 'flowgate explain head' headerFormat headerMaxLength
expect_completion "explain headerFormat <Tab>: one rule only" 'flowgate explain headerFormat '
expect_completion "FLOWGATE_SKIP=head<Tab>" 'flowgate FLOWGATE_SKIP=head' headerFormat headerMaxLength
expect_completion "FLOWGATE_SKIP=typeEnum,tag<Tab>: after the comma" \
	'flowgate FLOWGATE_SKIP=typeEnum,tagM' typeEnum,tagMessage typeEnum,tagMonotonic typeEnum,tagMoved
expect_eq "FLOWGATE_SKIP=<Tab>: every rule" "$(complete_line 'flowgate FLOWGATE_SKIP=' | wc -l)" \
	"$(wc -l <"$TMP/rules")"

# bump kinds and hooks, from the synopses
expect_completion "bump <Tab>: the kinds" 'flowgate bump ' major minor patch dev alpha beta rc release
expect_completion "bump r<Tab>" 'flowgate bump r' rc release
expect_completion "bump rc <Tab>: nothing more" 'flowgate bump rc '
expect_completion "hook <Tab>: the client hooks" 'flowgate hook ' pre-commit commit-msg pre-push post-merge post-commit prepare-commit-msg applypatch-msg pre-applypatch
expect_completion "hook commit-msg m<Tab>: the message file" 'flowgate hook commit-msg m' msg.txt

# refs where a revision is expected, without and with git's completion
for git in "" --git; do
	[ "$git" = --git ] && [ -z "$GIT_COMPLETION" ] &&
		{ echo "# skip - refs through __git_refs: git's bash completion is not installed"; break; }
	how=${git:+with git\'s completion}
	how=${how:-with git for-each-ref}
	expect_eq "rules --rev <Tab> ($how): the refs" \
		"$(complete_line $git 'flowgate rules --rev ' | tr '\n' ' ')" \
		"HEAD feature/pool-timeout main release/0.16.x v0.16.0 "
	expect_eq "check-range rel<Tab> ($how)" "$(complete_line $git 'flowgate check-range rel')" \
		release/0.16.x
	expect_eq "check-range main..f<Tab> ($how): after the dots" \
		"$(complete_line $git 'flowgate check-range main..f')" main..feature/pool-timeout
	expect_eq "hotfix-status v<Tab> ($how)" "$(complete_line $git 'flowgate hotfix-status v')" v0.16.0
	expect_eq "version --rev v<Tab> ($how)" "$(complete_line $git 'flowgate version --rev v')" v0.16.0
done
expect_eq "changelog v0.16.0..m<Tab>: a range, as check-range's" \
	"$(complete_line 'flowgate changelog v0.16.0..m')" v0.16.0..main
expect_completion "changelog --format <Tab>" 'flowgate changelog --format ' markdown text json
expect_completion "changelog --write m<Tab>: a file" 'flowgate changelog --write m' msg.txt
expect_completion "check-range --branch <Tab>: the branches" 'flowgate check-range --branch ' \
	feature/pool-timeout main release/0.16.x
expect_completion "check-range --format text <Tab>: the range again" \
	'flowgate check-range --format text rel' release/0.16.x

# directories and files
expect_completion "install s<Tab>: a directory" 'flowgate install s' 'sub dir'
expect_completion "check-message m<Tab>: a file" 'flowgate check-message m' msg.txt
