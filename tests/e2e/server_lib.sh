# Helpers for the end-to-end tests of the server hooks on real hosting
# (test_http.sh: Apache and git-http-backend; test_gitolite.sh: sshd and
# gitolite), sourced after lib.sh. They judge a push from what the pusher
# sees (git push's status, its `remote:` lines) and what the server's
# repository $SRV holds (its ref storage byte for byte, its objects), read as
# root with safe.directory (the repository belongs to the server's user).

# sgit GIT-ARGS...: git in the server's repository $SRV (owned by another
# user: safe.directory for this command only).
sgit() { git -c safe.directory='*' -C "$SRV" "$@"; }

# ref_state: the server's ref storage, byte for byte: HEAD, packed-refs and
# every loose ref, each with its content's SHA-256.
ref_state() {
	(cd "$SRV" && find HEAD packed-refs refs -type f 2>/dev/null | LC_ALL=C sort |
		while read -r f; do printf '%s %s\n' "$(sha256sum <"$f" | cut -d' ' -f1)" "$f"; done)
}

# work MESSAGE: a change to notes.txt committed with MESSAGE (no hook here).
NWORK=0
work() {
	tick
	NWORK=$((NWORK + 1))
	printf 'change %s\n' "$NWORK" >>notes.txt
	git add notes.txt && git commit -q -m "$1"
}

# new_objects REV...: the objects REV... hold that $SRV does not store yet.
new_objects() {
	# shellcheck disable=SC2046 # one oid per word
	git rev-list --objects --ignore-missing "$@" --not \
		$(sgit for-each-ref --format='%(objectname)') | cut -d' ' -f1 |
		sgit cat-file --batch-check='%(objectname) %(objecttype)' | sed -n 's/ missing$//p'
}

# do_push ARGS...: git push ARGS...; output in $LAST_OUT, exit status in
# PUSH_STATUS, the server's ref storage before and after in STATE_BEFORE,
# STATE_AFTER.
do_push() {
	STATE_BEFORE=$(ref_state)
	git push "$@" >"$LAST_OUT" 2>&1
	PUSH_STATUS=$?
	STATE_AFTER=$(ref_state)
}

# refused LABEL RULE HINT OIDS ARGS...: git push ARGS... exits 1; its output
# has flowgate's error for RULE, a hint matching HINT and the refusal line,
# all as `remote:` lines; the server's refs are byte-for-byte unchanged and
# none of OIDS (new_objects) is stored.
refused() {
	local label=$1 rule=$2 hint=$3 oids=$4 o kept=0
	shift 4
	do_push "$@"
	expect_eq "$label: git push exits 1" "$PUSH_STATUS" 1
	expect_output "$label: 'remote: flowgate pre-receive: error: $rule:' reaches the pusher" \
		"^remote: flowgate pre-receive: error: $rule: "
	expect_output "$label: the hint with the fix reaches the pusher" "^remote: hint: .*$hint"
	expect_output "$label: the refusal line reaches the pusher" \
		'^remote: flowgate pre-receive: refused: no ref of this push was updated'
	expect_output "$label: git reports the hook declined" '\(pre-receive hook declined\)'
	expect_eq "$label: the server's refs are byte-for-byte unchanged" "$STATE_AFTER" "$STATE_BEFORE"
	[ -n "$oids" ] || return 0
	for o in $oids; do sgit cat-file -e "$o" 2>/dev/null && kept=$((kept + 1)); done
	# shellcheck disable=SC2086 # one oid per word
	expect_eq "$label: none of the push's $(printf '%s\n' $oids | wc -l) objects is kept" "$kept" 0
}

# accepted LABEL EXPECT ARGS...: git push ARGS... exits 0 with no flowgate
# error, and each "refname=oid" of EXPECT holds on the server.
accepted() {
	local label=$1 expect=$2 pair ref
	shift 2
	do_push "$@"
	expect_eq "$label: git push exits 0" "$PUSH_STATUS" 0
	expect_no_output "$label: no flowgate error" '^remote: flowgate [a-z-]+: (error|fatal)'
	for pair in $expect; do
		ref=${pair%%=*}
		expect_eq "$label: the server's $ref is ${pair#*=}" \
			"$(sgit rev-parse -q --verify "$ref" 2>/dev/null)" "${pair#*=}"
	done
}

# push_storm LABEL URL: many pushes at once to the server's repository $SRV,
# reached at URL (with what the transport needs in the environment:
# credentials in URL, GIT_SSH_COMMAND). From the client repository in the
# cwd (which has the server's main), 30 pushes started together, each its
# own `git push URL <oid>:<ref>` of one new commit on the server's main:
#   10 good commits, each to a new branch feature/storm-good-<i>
#    8 bad commits (a header with no type), each to feature/storm-bad-<i>
#    8 good commits, all to main (each a fast-forward of main as it was)
#    4 bad commits, all to main
# Asserted: every good branch push exits 0 and its branch holds its commit
# (nothing lost); every bad push exits non-zero and its commit is neither on
# a ref nor stored (nothing wrongly accepted), the bad branch pushes with
# flowgate's headerFormat error as a `remote:` line; of the pushes to main
# exactly one exits 0 and main is its commit, and flowgate refused none of
# the good ones; the server's storm refs are exactly those the pushes
# reported accepted; `git fsck --full` is clean and no quarantine folder is
# left behind. The pushes' PIDs are kept in STORM_PIDS while they run: the
# test's exit trap stops what is left of them with storm_kill.
STORM_PIDS=

# storm_kill: stop the pushes still running (on an early exit).
storm_kill() {
	local p
	for p in $STORM_PIDS; do kill "$p" 2>/dev/null; done
	STORM_PIDS=
}

# storm_commit BASE N MESSAGE: a new commit on BASE adding storm/N.txt,
# made without touching the work tree, the index or a ref.
storm_commit() {
	local blob tree idx=$TMP/storm.index
	rm -f "$idx"
	blob=$(printf 'storm %s\n' "$2" | git hash-object -w --stdin) &&
		GIT_INDEX_FILE=$idx git read-tree "$1" &&
		GIT_INDEX_FILE=$idx git update-index --add --cacheinfo "100644,$blob,storm/$2.txt" &&
		tree=$(GIT_INDEX_FILE=$idx git write-tree) &&
		git commit-tree "$tree" -p "$1" -m "$3"
}

push_storm() {
	local label=$1 url=$2 dir=$TMP/storm base i n oid ref st
	local -a kind=() oids=() refs=() pids=() status=()
	rm -rf "$dir"
	mkdir -p "$dir"
	base=$(sgit rev-parse refs/heads/main)
	tick
	for i in $(seq 30); do
		if [ "$i" -le 10 ]; then
			kind[i]=good-branch refs[i]=refs/heads/feature/storm-good-$i
			oids[i]=$(storm_commit "$base" "$i" "feat: storm change $i")
		elif [ "$i" -le 18 ]; then
			kind[i]=bad-branch refs[i]=refs/heads/feature/storm-bad-$i
			oids[i]=$(storm_commit "$base" "$i" "storm change $i")
		elif [ "$i" -le 26 ]; then
			kind[i]=good-main refs[i]=refs/heads/main
			oids[i]=$(storm_commit "$base" "$i" "fix: storm change $i")
		else
			kind[i]=bad-main refs[i]=refs/heads/main
			oids[i]=$(storm_commit "$base" "$i" "Storm change $i")
		fi
	done
	# Each push waits for the go file, so that all 30 start together.
	for i in $(seq 30); do
		(
			while [ ! -e "$dir/go" ]; do sleep 0.01; done
			exec git push "$url" "${oids[i]}:${refs[i]}"
		) >"$dir/$i.out" 2>&1 &
		pids[i]=$!
		STORM_PIDS="$STORM_PIDS $!"
	done
	: >"$dir/go"
	for i in $(seq 30); do
		wait "${pids[i]}"
		status[i]=$?
	done
	STORM_PIDS=

	local good_ok=0 good_lost=0 bad_ok=0 main_refused=0 bad_silent=0 bad_kept=0 main_ok=0 winner='' refused_good=0
	for i in $(seq 30); do
		st=${status[i]} oid=${oids[i]} ref=${refs[i]}
		case ${kind[i]} in
		good-branch)
			if [ "$st" -eq 0 ]; then good_ok=$((good_ok + 1)); fi
			if [ "$(sgit rev-parse -q --verify "$ref" 2>/dev/null)" != "$oid" ]; then
				good_lost=$((good_lost + 1))
				sed "s/^/#   push $i: /" "$dir/$i.out" | head -n 5
			fi
			;;
		good-main)
			if [ "$st" -eq 0 ]; then
				main_ok=$((main_ok + 1)) winner=$oid
			elif grep -q '^remote: flowgate pre-receive: error' "$dir/$i.out"; then
				refused_good=$((refused_good + 1))
				sed "s/^/#   push $i: /" "$dir/$i.out" | head -n 5
			fi
			;;
		bad-*)
			if [ "$st" -eq 0 ]; then bad_ok=$((bad_ok + 1)); fi
			# A push to main that reads main after another one moved it is
			# stopped by git push itself (not a fast-forward): the hook is
			# not reached. Whether one does is a matter of timing.
			if grep -q '^remote: flowgate pre-receive: error: headerFormat: ' "$dir/$i.out"; then
				[ "${kind[i]}" = bad-branch ] || main_refused=$((main_refused + 1))
			elif [ "${kind[i]}" = bad-branch ] ||
				! grep -Eq '^ ! \[rejected\] .*\((non-fast-forward|fetch first)\)' "$dir/$i.out"; then
				bad_silent=$((bad_silent + 1))
				sed "s/^/#   push $i: /" "$dir/$i.out" | head -n 5
			fi
			if sgit cat-file -e "$oid" 2>/dev/null; then bad_kept=$((bad_kept + 1)); fi
			;;
		esac
	done
	expect_eq "$label: the 10 good pushes to new branches all exit 0" "$good_ok" 10
	expect_eq "$label: each good branch holds its commit on the server (none lost)" "$good_lost" 0
	expect_eq "$label: the 12 bad pushes all fail" "$bad_ok" 0
	expect_eq "$label: each bad push got flowgate's headerFormat error as a remote: line (or, to main, git's non-fast-forward)" \
		"$bad_silent" 0
	expect_eq "$label: the 8 bad pushes to new branches were refused by flowgate" \
		"$(grep -l '^remote: flowgate pre-receive: error: headerFormat: ' "$dir"/1[1-8].out | wc -l)" 8
	expect_eq "$label: no bad commit is stored on the server" "$bad_kept" 0
	printf '# %s: %s of the 4 bad pushes to main reached flowgate (the others read main moved)\n' \
		"$label" "$main_refused"
	expect_eq "$label: of the 8 good pushes to main, exactly one exits 0" "$main_ok" 1
	expect_eq "$label: main is the commit of the push that exited 0" \
		"$(sgit rev-parse -q --verify refs/heads/main 2>/dev/null)" "${winner:-none}"
	expect_eq "$label: no good push to main was refused by flowgate" "$refused_good" 0
	n=$(sgit for-each-ref --format='%(refname) %(objectname)' 'refs/heads/feature/storm-*' | LC_ALL=C sort)
	expect_eq "$label: the server's storm branches are exactly the 10 good ones" "$n" \
		"$(for i in $(seq 10); do printf '%s %s\n' "${refs[i]}" "${oids[i]}"; done | LC_ALL=C sort)"
	sgit fsck --full >"$LAST_OUT" 2>&1
	expect_eq "$label: git fsck --full exits 0" "$?" 0
	expect_no_output "$label: git fsck reports nothing broken" '^(error|fatal|missing|broken|bad)'
	n=$(find "$(sgit rev-parse --absolute-git-dir)/objects" -maxdepth 1 -name '*incoming*' | wc -l)
	expect_eq "$label: no quarantine folder is left in objects/" "$n" 0
}
