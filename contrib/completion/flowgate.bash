# bash completion for flowgate(1), installed by `make install` as
# $(PREFIX)/share/bash-completion/completions/flowgate (bash-completion
# loads it on first use of the command; or source this file).
#
# What it offers is read from the flowgate being completed, at run time, so
# that it cannot fall behind: the commands from `flowgate --help`, each
# command's options, --format values, bump kinds and hook names from
# `flowgate help <command>`, the rule names (explain, FLOWGATE_SKIP=) from
# `flowgate rules --markdown`, the registry. Revisions come from git's
# __git_refs when git's completion is loaded, else git for-each-ref.

# __flowgate_run ARG...: the flowgate being completed (the command word as
# typed, when it runs), with ARGs; nothing on error.
__flowgate_run() {
	local fg=${COMP_WORDS[0]:-flowgate}
	[[ $fg == \~/* ]] && fg=$HOME/${fg#\~/} # typed, not expanded
	command -v -- "$fg" >/dev/null 2>&1 || fg=flowgate
	command "$fg" "$@" 2>/dev/null
}

# __flowgate_rules: the rule names, one a line (cached: the registry is
# fixed for a given flowgate).
__flowgate_rules() {
	if [[ -z ${__flowgate_rule_cache-} ]]; then
		__flowgate_rule_cache=$(__flowgate_run rules --markdown |
			sed -n 's/^| `\([A-Za-z]*\)` |.*/\1/p')
	fi
	printf '%s\n' "$__flowgate_rule_cache"
}

# __flowgate_commands: the commands `flowgate --help` lists.
__flowgate_commands() {
	__flowgate_run --help | awk '/^Commands:$/ { on = 1; next } /^$/ { on = 0 }
		on && NF { print $1 }'
}

# __flowgate_options CMD: CMD's options as its help lists them, one a line,
# with the argument an option takes after a tab ("--rev\t<commit>").
__flowgate_options() {
	# "  --rev <commit>  text": the name, one space, its argument, two spaces
	__flowgate_run help "$1" | awk '/^(Options|Arguments and options):$/ { on = 1; next }
		/^$/ { on = 0 } on && /^  -/ { split(substr($0, 3), a, "  "); n = split(a[1], w, " ")
			print w[1] "\t" (n > 1 ? w[2] : "") }'
	printf '%s\n' --help -h
}

# __flowgate_synopsis_words CMD: the alternatives of the first argument in
# CMD's synopsis ("major|minor|...|<X.Y.Z[-pre]>" for bump), placeholders
# left out.
__flowgate_synopsis_words() {
	__flowgate_run help "$1" | sed -n "1s/^usage: flowgate $1 \\([^ []*\\).*/\\1/p" |
		tr '|' '\n' | grep -v '^<'
}

# __flowgate_refs WORD: the refs that could complete WORD, one a line.
__flowgate_refs() {
	if declare -F __git_refs >/dev/null 2>&1; then
		__git_refs "" "" "" "$1"
	else
		git for-each-ref --format='%(refname:short)' 2>/dev/null
		printf '%s\n' HEAD
	fi
}

# __flowgate_reply WORD LIST: COMPREPLY from the lines of LIST that start with WORD.
__flowgate_reply() {
	local IFS=$'\n'
	mapfile -t COMPREPLY < <(compgen -W "$2" -- "$1")
}

_flowgate() {
	local cur=${2-} prev=${3-} line=${COMP_LINE:0:${COMP_POINT:-${#COMP_LINE}}}
	local word cmd='' i arg opt IFS=$'\n' # one completion a line: names may hold spaces
	COMPREPLY=()

	# FLOWGATE_SKIP=rule,rule: the rule names after the last comma ('=' is
	# one of bash's word breaks, ',' is not: CUR is what follows '=')
	word=${line##*[[:space:]]}
	if [[ $word == FLOWGATE_SKIP=* ]]; then
		local head=${cur%,*}
		[[ $cur == *,* ]] || head=
		mapfile -t COMPREPLY < <(compgen -P "${head:+$head,}" -W "$(__flowgate_rules)" -- "${cur##*,}")
		return 0
	fi

	# the command: the first word after flowgate that is not an option
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-*) ;;
		*)
			cmd=${COMP_WORDS[i]}
			break
			;;
		esac
	done
	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			__flowgate_reply "$cur" $'--help\n-h\n--version'
		else
			__flowgate_reply "$cur" "$(__flowgate_commands)"
		fi
		return 0
	fi

	# the argument of the option before CUR
	if [[ $prev == -* ]]; then
		arg=$(__flowgate_options "$cmd" | awk -F '\t' -v o="$prev" '$1 == o { print $2; exit }')
		case $arg in
		'') ;;
		'<commit>')
			__flowgate_reply "$cur" "$(__flowgate_refs "$cur")"
			return 0
			;;
		'<name>')
			__flowgate_reply "$cur" "$(git for-each-ref --format='%(refname:short)' \
				refs/heads 2>/dev/null)"
			return 0
			;;
		'<bare-repo>')
			compopt -o filenames 2>/dev/null
			mapfile -t COMPREPLY < <(compgen -d -- "$cur")
			return 0
			;;
		'<file>')
			compopt -o filenames 2>/dev/null
			mapfile -t COMPREPLY < <(compgen -f -- "$cur")
			return 0
			;;
		*'|'*)
			__flowgate_reply "$cur" "${arg//|/$'\n'}"
			return 0
			;;
		*) return 0 ;; # a value to type
		esac
	fi

	if [[ $cur == -* ]]; then
		__flowgate_reply "$cur" "$(__flowgate_options "$cmd" | cut -f1)"
		return 0
	fi

	# the operands before CUR (an option's argument is not one)
	local ops=() n
	for ((i = i + 1; i < COMP_CWORD; i++)); do
		opt=${COMP_WORDS[i]}
		case $opt in
		-*)
			[[ -n $(__flowgate_options "$cmd" | awk -F '\t' -v o="$opt" \
				'$1 == o && $2 != "" { print 1 }') ]] && ((i++))
			;;
		*) ops+=("$opt") ;;
		esac
	done
	n=${#ops[@]}
	case $cmd in
	help)
		((n == 0)) && __flowgate_reply "$cur" "$(__flowgate_commands)"
		;;
	explain)
		((n == 0)) && __flowgate_reply "$cur" "$(__flowgate_rules)"
		;;
	bump)
		((n == 0)) && __flowgate_reply "$cur" "$(__flowgate_synopsis_words bump)"
		;;
	hook)
		if ((n == 0)); then
			__flowgate_reply "$cur" "$(__flowgate_synopsis_words hook)"
		elif ((n == 1)) && [[ ${ops[0]} == commit-msg ]]; then
			compopt -o filenames 2>/dev/null
			mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		fi
		;;
	check-range | changelog)
		if ((n == 0)); then
			if [[ $cur == *..* ]]; then
				local from=${cur%..*}.. to=${cur##*..}
				mapfile -t COMPREPLY < <(compgen -P "$from" -W "$(__flowgate_refs "$to")" -- "$to")
			else
				__flowgate_reply "$cur" "$(__flowgate_refs "$cur")"
			fi
		fi
		;;
	hotfix-status)
		((n == 0)) && __flowgate_reply "$cur" "$(__flowgate_refs "$cur")"
		;;
	check-message)
		if ((n == 0)); then
			compopt -o filenames 2>/dev/null
			mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		fi
		;;
	install | uninstall | doctor)
		if ((n == 0)); then
			compopt -o filenames 2>/dev/null
			mapfile -t COMPREPLY < <(compgen -d -- "$cur")
		fi
		;;
	esac
	return 0
}

complete -F _flowgate flowgate
