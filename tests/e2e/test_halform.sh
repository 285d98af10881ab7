# End-to-end test against real-world history: the halfORM repository (corpus
# in shared/corpus/halform beside the checkout, metadata only) is replayed with
# git fast-import into a throwaway repository; then the hooks report on its
# branch names, tags, commit headers and version files ('# ' lines are the
# record, 'ok'/'not ok' lines the known facts), and flowgate is adopted in a
# clone of it: new work is checked, the existing history is left alone.
. "$(dirname "$0")/lib.sh"

ZERO=0000000000000000000000000000000000000000
HOOKBIN=$FLOWGATE_BUILD/hooks
RULE_SED='s/^flowgate [a-z-]*: error: \([A-Za-z]*\): .*/\1/p'
ANY_RULE_SED='s/^flowgate [a-z-]*: \(error\|warning\): \([A-Za-z]*\): .*/\2/p'

# The corpus is looked for beside the checkout only. Missing: a "# skip"
# line by hand, a failure in CI (.ci/run sets FLOWGATE_CI=1).
if [ -f "$TOP/../shared/corpus/halform/headers_main.txt" ]; then
	CORPUS=$(cd "$TOP/../shared/corpus/halform" && pwd)
elif [ "${FLOWGATE_CI:-0}" = 1 ]; then
	echo "not ok - corpus missing at ../shared/corpus/halform (beside the checkout $TOP)"
	exit 1
else
	echo "# skip - corpus missing at ../shared/corpus/halform (beside the checkout $TOP): the halfORM replay is not tested"
	exit 0
fi
for h in pre-commit commit-msg pre-push; do
	if [ ! -x "$HOOKBIN/$h" ]; then
		echo "not ok - hook $HOOKBIN/$h is built (run make first)"
		exit 1
	fi
done

# install_hooks DIR: flowgate's hooks in DIR, with install.sh when it is there.
install_hooks() {
	if [ -x "$TOP/install.sh" ]; then
		install_flowgate "$1"
	else
		for h in pre-commit commit-msg pre-push post-merge; do
			cp "$FLOWGATE_BUILD/hooks/$h" "$1/.git/hooks/" || return 1
		done
	fi
}

# rules FILE: the rule names of the error lines in FILE, one per line, unique.
rules() {
	sed -n "$RULE_SED" "$1" | sort -u
}

# check EXPR NAME [DETAIL]: ok when the shell test EXPR (eval'd) holds; a
# failure shows DETAIL (default: EXPR) and, with KEEP_OUT=1, $LAST_OUT.
check() {
	if eval "$1"; then
		ok "$2"
	else
		[ "${KEEP_OUT:-0}" = 1 ] || : >"$LAST_OUT"
		not_ok "$2 (${3:-$1})"
	fi
}

# ------------------------------------------------------------------- replay
R=$TMP/halform
new_repo "$R"
LC_ALL=C awk -v mapfile="$TMP/map" -f "$E2E_DIR/halform/replay.awk" \
	"$CORPUS/versions.tsv" "$CORPUS/refs.txt" "$CORPUS/headers_main.txt" >"$TMP/stream"
expect_ok "fast-import replays the halfORM history" \
	git -C "$R" fast-import --quiet --export-marks="$TMP/marks" <"$TMP/stream"
git -C "$R" reset -q --hard main

# NEW[original id] = replayed commit id.
declare -A NEW
while read -r mark sha; do MARKSHA[${mark#:}]=$sha; done <"$TMP/marks"
while read -r mark orig; do NEW[$orig]=${MARKSHA[$mark]}; done <"$TMP/map"

n_main=$(wc -l <"$CORPUS/headers_main.txt")
n_replayed=$(git -C "$R" rev-list --count main)
check '[ "$n_replayed" -eq "$n_main" ]' "main holds the $n_main commits of headers_main.txt"
check '[ "$(git -C "$R" log -1 --format=%s main)" = "$(sed -n "1s/^[0-9a-f]* //p" "$CORPUS/headers_main.txt")" ]' \
	"main's tip has the newest subject"
check '[ "$(git -C "$R" show main:half_orm/version.txt)" = 0.16.0 ]' "main's tip says version 0.16.0"
n_tags=$(git -C "$R" tag | wc -l)
n_ann=$(git -C "$R" for-each-ref --format='%(objecttype)' refs/tags | grep -c '^tag$')
echo "# replay: $n_replayed commits on main, $n_tags tags ($n_ann annotated), $(git -C "$R" branch | wc -l) branches"

# An origin that has everything already, with its tracking refs here: the
# pre-push runs below then check ref names and tags, never old commits.
O=$TMP/origin.git
new_origin "$O"
git -C "$R" remote add origin "$O"
git -C "$R" push -q --no-verify origin 'refs/heads/*:refs/heads/*' 'refs/tags/*:refs/tags/*'
git -C "$R" fetch -q origin

# pre_push LINE: the pre-push hook in the replay on one stdin line; output in $LAST_OUT.
pre_push() {
	(cd "$R" && printf '%s\n' "$1" | "$HOOKBIN/pre-push" origin "$O") >"$LAST_OUT" 2>&1
}

# ------------------------------------------------------------- branch names
refused_names=
while IFS=$'\t' read -r ref kind _ _; do
	[ "$kind" = branch ] || continue
	name=${ref#refs/heads/}
	oid=$(git -C "$R" rev-parse "refs/heads/$name")
	pre_push "refs/heads/$name $oid refs/heads/$name $ZERO"
	status=$?
	if grep -q ': error: branchName:' "$LAST_OUT"; then
		refused_names="$refused_names $name"
	fi
	case $name in
	main | dev/0.16.x)
		KEEP_OUT=1 check '[ "$status" -eq 0 ]' "pre-push accepts branch $name" "exit $status" ;;
	*)
		if [ "$status" -eq 1 ] && grep -q ': error: branchName:' "$LAST_OUT"; then
			ok "pre-push refuses branch name $name (branchName)"
		else
			not_ok "pre-push refuses branch name $name (branchName) (exit $status)"
		fi ;;
	esac
done <"$CORPUS/refs.txt"
echo "# branch names refused by branchName:$refused_names"

# --------------------------------------------------------------------- tags
declare -A TAG_STATUS TAG_RULES RULE_COUNT
n_pass=0 n_fail=0
while IFS=$'\t' read -r ref kind _ _; do
	case $kind in tag-*) ;; *) continue ;; esac
	name=${ref#refs/tags/}
	oid=$(git -C "$R" rev-parse -q --verify "refs/tags/$name") || continue
	pre_push "refs/tags/$name $oid refs/tags/$name $ZERO"
	TAG_STATUS[$name]=$?
	TAG_RULES[$name]=" $(rules "$LAST_OUT" | tr '\n' ' ')"
	if [ "${TAG_STATUS[$name]}" -eq 0 ]; then n_pass=$((n_pass + 1)); else n_fail=$((n_fail + 1)); fi
	for r in ${TAG_RULES[$name]}; do RULE_COUNT[$r]=$((${RULE_COUNT[$r]:-0} + 1)); done
	case $name in v0.16.0-rc1 | v0.16.0-rc3 | 0.15.1) cp "$LAST_OUT" "$TMP/tag-$name.out" ;; esac
done <"$CORPUS/refs.txt"
n_odd=0
for t in "${!TAG_STATUS[@]}"; do case ${TAG_STATUS[$t]} in 0 | 1) ;; *) n_odd=$((n_odd + 1)) ;; esac; done
check '[ "$n_odd" -eq 0 ]' "pre-push exits 0 or 1 on each of the $((n_pass + n_fail)) tags" "$n_odd other exits"
echo "# tags: $n_pass pass, $n_fail refused; tags refused per rule:"
for r in tagFormat tagAnnotated tagMessage tagVersionMatch tagOnReleaseBranch tagMonotonic tagMoved; do
	echo "#   $r: ${RULE_COUNT[$r]:-0}"
done
for r in "${!RULE_COUNT[@]}"; do
	case $r in tagFormat | tagAnnotated | tagMessage | tagVersionMatch | tagOnReleaseBranch | tagMonotonic | tagMoved) ;;
	*) echo "#   $r (not a tag rule): ${RULE_COUNT[$r]}" ;; esac
done
echo "# tags passing:$(for t in "${!TAG_STATUS[@]}"; do [ "${TAG_STATUS[$t]}" -eq 0 ] && printf ' %s' "$t"; done)"

has_rule() { case ${TAG_RULES[$1]-} in *" $2 "*) return 0 ;; esac; return 1; }

cp "$TMP/tag-v0.16.0-rc1.out" "$LAST_OUT"
check '[ "${TAG_STATUS[v0.16.0-rc1]}" -eq 1 ]' "tag v0.16.0-rc1 is refused" "exit ${TAG_STATUS[v0.16.0-rc1]}"
expect_output "v0.16.0-rc1: tagVersionMatch names version.txt's 0.16.0" \
	"error: tagVersionMatch: tag 'v0\.16\.0-rc1' points at a commit whose half_orm/version\.txt says '0\.16\.0'$"
cp "$TMP/tag-v0.16.0-rc3.out" "$LAST_OUT"
check '[ "${TAG_STATUS[v0.16.0-rc3]}" -eq 1 ]' "tag v0.16.0-rc3 is refused" "exit ${TAG_STATUS[v0.16.0-rc3]}"
expect_output "v0.16.0-rc3: tagVersionMatch names version.txt's 0.16.0-rc2" \
	"error: tagVersionMatch: tag 'v0\.16\.0-rc3' points at a commit whose half_orm/version\.txt says '0\.16\.0-rc2'$"
# halfORM has no release/X.Y.x branch (refs.txt): its tags are on main, so
# every release tag also gets tagOnReleaseBranch.
# Each tag is pushed alone; pre-push cannot know which of the repository's
# other tags the remote has, so they are ordered by time: v0.16.0, made
# after rc2, is no tagMonotonic reason to refuse it.
check '[ "${TAG_STATUS[v0.16.0-rc2]}" -eq 1 ] && [ "${TAG_RULES[v0.16.0-rc2]}" = " tagAnnotated tagOnReleaseBranch " ]' \
	"lightweight tag v0.16.0-rc2 is refused with tagAnnotated and tagOnReleaseBranch (its version matches), not tagMonotonic (v0.16.0 was made after it)" \
	"exit ${TAG_STATUS[v0.16.0-rc2]}, rules:${TAG_RULES[v0.16.0-rc2]}"
check '[ "${TAG_RULES[v0.16.0]}" = " tagOnReleaseBranch " ] && [ "${TAG_RULES[v0.15.0]}" = " tagOnReleaseBranch " ]' \
	"annotated v0.15.0 and v0.16.0 ('release:' message, matching versions) are refused only for being on main" \
	"rules: v0.15.0:${TAG_RULES[v0.15.0]} v0.16.0:${TAG_RULES[v0.16.0]}"

# Release tags are the tags named like a version (v and a digit, or digits,
# a dot and a digit): halfORM's latest, list and hop-* (another package's)
# are none, and get no release rule. A version without the v (0.15.1) is
# told the exact rename, which makes an annotated tag: not tagAnnotated.
VERSION_RE='(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-dev|-(alpha|beta|rc)[1-9][0-9]*)?'
bad_kind='' bad_format='' bad_other='' n_other=0
while IFS=$'\t' read -r ref kind _ _; do
	name=${ref#refs/tags/}
	[ -n "${TAG_STATUS[$name]-}" ] || continue
	if ! [[ $name =~ ^(v[0-9]|[0-9]+\.[0-9]) ]]; then
		n_other=$((n_other + 1))
		[ "${TAG_STATUS[$name]}" -eq 0 ] && [ "${TAG_RULES[$name]}" = " " ] ||
			bad_other="$bad_other $name"
		continue
	fi
	case $kind in
	tag-lightweight)
		if [[ $name =~ ^$VERSION_RE$ ]]; then
			has_rule "$name" tagAnnotated && bad_kind="$bad_kind $name"
		else
			has_rule "$name" tagAnnotated || bad_kind="$bad_kind $name"
		fi ;;
	tag-annotated) has_rule "$name" tagAnnotated && bad_kind="$bad_kind $name" ;;
	esac
	if [[ $name =~ ^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-rc[1-9][0-9]*)?$ ]]; then
		has_rule "$name" tagFormat && bad_format="$bad_format $name"
	else
		has_rule "$name" tagFormat || bad_format="$bad_format $name"
	fi
done <"$CORPUS/refs.txt"
check '[ -z "$bad_kind" ]' "tagAnnotated fires exactly on the lightweight tags named vX.Y..." "wrong:$bad_kind"
check '[ -z "$bad_format" ]' "tagFormat fires exactly on the release tags not named vX.Y.Z[-rcN]" "wrong:$bad_format"
check '[ "$n_other" -ge 3 ] && [ -z "$bad_other" ]' \
	"the $n_other tags not named like a version (latest, list, hop-*) pass with no rule" "wrong:$bad_other"
cp "$TMP/tag-0.15.1.out" "$LAST_OUT"
expect_output "0.15.1: tagFormat's hint is the exact rename" \
	"^hint: rename it to 'v0\.15\.1': git tag -a v0\.15\.1 0\.15\.1\^\{\} -m 'hotfix: 0\.15\.1' && git tag -d 0\.15\.1$"

# tag_vs_version.tsv: for vX.Y.Z-shaped tags, MISMATCH <=> tagVersionMatch.
n_vv=0 vv_wrong=''
while IFS=$'\t' read -r verdict name _; do
	[[ $name =~ ^v[0-9]+\.[0-9]+\.[0-9]+ ]] || continue
	[ -n "${TAG_STATUS[$name]-}" ] || continue
	n_vv=$((n_vv + 1))
	if [ "$verdict" = MISMATCH ]; then
		has_rule "$name" tagVersionMatch || vv_wrong="$vv_wrong $name(MISMATCH)"
	else
		has_rule "$name" tagVersionMatch && vv_wrong="$vv_wrong $name(MATCH)"
	fi
done <"$CORPUS/tag_vs_version.tsv"
check '[ "$n_vv" -ge 5 ] && [ -z "$vv_wrong" ]' \
	"tag_vs_version.tsv: the $n_vv vX.Y.Z tags get tagVersionMatch exactly when MISMATCH" "wrong:$vv_wrong"

# ----------------------------------------------------------- commit headers
# Every main commit's message as replayed (its real subject; a revert's line
# too, see replay.awk) through commit-msg, one message file each (NNNN = line
# of headers_main.txt, newest first like `git rev-list main` of the linear
# replay), a few hooks at a time.
git -C "$R" rev-list main >"$TMP/ids"
mkdir "$TMP/msgs"
git -C "$R" log --format='%B%x01' main |
	LC_ALL=C awk -v d="$TMP/msgs" 'BEGIN { RS = "\001\n" } { f = sprintf("%s/%04d", d, NR); printf "%s", $0 >f; close(f) }'
(cd "$R" && find "$TMP/msgs" -type f | sort | xargs -P "$(nproc)" -n 64 sh -c \
	'for f; do "$0" "$f" >"$f.out" 2>&1; s=$?; echo "$s" >"$f.rc"; [ "$s" -eq 0 ] || echo "${f##*/}"; done' \
	"$HOOKBIN/commit-msg") |
	sort >"$TMP/refused_idx"
i=$(find "$TMP/msgs" -type f ! -name '*.*' | wc -l)
n_ref=$(wc -l <"$TMP/refused_idx")
n_acc=$((i - n_ref))
n_new_acc=$((68 - $(LC_ALL=C awk '$1 + 0 <= 68' "$TMP/refused_idx" | wc -l)))
n_old_fail=$(LC_ALL=C awk -v from=$((n_main - 500)) '$1 + 0 > from' "$TMP/refused_idx" | wc -l)
echo "# commit headers: $n_acc of $i main commits accepted by commit-msg;" \
	"newest 68: $n_new_acc accepted; oldest 500: $n_old_fail refused"
sed "s|^|$TMP/msgs/|; s|$|.out|" "$TMP/refused_idx" | xargs sed -n "$RULE_SED" | sort | uniq -c |
	sed 's/^ *\([0-9]*\) \(.*\)/#   refused with \2: \1/'
LC_ALL=C awk -v n=68 '$1 + 0 <= n' "$TMP/refused_idx" | sed "s|^|$TMP/msgs/|; s|$|.out|" |
	xargs sed -n "$RULE_SED" | sort | uniq -c |
	LC_ALL=C awk '{ s = s sep $2 ": " $1; sep = ", " } END { print "#   newest 68, refused with " s }'
LC_ALL=C awk 'NR == FNR { id[FNR] = substr($0, 1, 12); next } { print id[$1 + 0] }' \
	"$TMP/ids" "$TMP/refused_idx" | sort >"$TMP/msg_ids"
check '[ "$i" -eq "$n_main" ]' "every main subject went through commit-msg"

# The 68 commits since 2025-06-21 (the newest lines of headers_main.txt),
# classified exactly: halform/main68.expected holds '<12-hex id> <verdict>
# <rules>' per commit, in file order, with the reason for each verdict in a
# comment. verdict: pass (exit 0, no output), warn (exit 0, only warnings),
# error (exit 1); anything else shows as 'exitN' or 'output'. rules: the
# sorted rule names of the error and warning lines, '-' when none.
N_NEW=68
EXPECTED=$E2E_DIR/halform/main68.expected
for n in $(seq 1 "$N_NEW"); do
	f=$TMP/msgs/$(printf %04d "$n")
	id=$(sed -n "${n}s/^\([0-9a-f]\{12\}\).*/\1/p" "$CORPUS/headers_main.txt")
	rc=$(cat "$f.rc" 2>/dev/null)
	r=$(sed -n "$ANY_RULE_SED" "$f.out" | sort -u | paste -sd, -)
	case $rc in
	1) v=error ;;
	0)
		if [ ! -s "$f.out" ]; then
			v=pass
		elif [ -n "$r" ] && ! grep -q '^flowgate [a-z-]*: error: ' "$f.out"; then
			v=warn
		else
			v=output
		fi ;;
	*) v=exit${rc:-?} ;;
	esac
	echo "$id $v ${r:--}"
done >"$TMP/main68.actual"
sed 's/[[:space:]]*#.*//; /^[[:space:]]*$/d; s/[[:space:]][[:space:]]*/ /g' "$EXPECTED" >"$TMP/main68.expected"
LC_ALL=C awk '{ v[$2]++ } END {
	printf "# newest %d: %d pass, %d warn, %d error\n", NR, v["pass"], v["warn"], v["error"]
	for (x in v) if (x != "pass" && x != "warn" && x != "error") printf "#   other verdict %s: %d\n", x, v[x]
}' "$TMP/main68.actual"
LC_ALL=C awk '{ n = split($3, r, ","); for (k = 1; k <= n; k++) if (r[k] != "-") print r[k] }' "$TMP/main68.actual" |
	sort | uniq -c | sed "s/^ *\([0-9]*\) \(.*\)/#   newest $N_NEW, commits naming \2: \1/"
diff -u "$TMP/main68.expected" "$TMP/main68.actual" >"$TMP/main68.diff"
cp "$TMP/main68.diff" "$LAST_OUT"
KEEP_OUT=1 check '[ "$(wc -l <"$TMP/main68.expected")" -eq "$N_NEW" ] && [ ! -s "$TMP/main68.diff" ]' \
	"the $N_NEW commits since 2025-06-21 get exactly the verdicts of halform/main68.expected" \
	"$(grep -c '^[-+][0-9a-f]' "$TMP/main68.diff") differing lines: - expected, + actual"
if [ -s "$TMP/main68.diff" ]; then sed 's/^/#   /' "$TMP/main68.diff" | tail -n +21; fi
check '[ "$n_old_fail" -ge 450 ]' "most (>= 450) of the oldest 500 commits fail commit-msg" "$n_old_fail refused"

# The same verdicts from pre-push when the whole of main goes to an empty
# remote by URL (no tracking refs: every commit is new).
E=$TMP/empty.git
new_origin "$E"
tip=$(git -C "$R" rev-parse main)
(cd "$R" && printf 'refs/heads/main %s refs/heads/main %s\n' "$tip" "$ZERO" |
	"$HOOKBIN/pre-push" "$E" "$E") >"$LAST_OUT" 2>&1
status=$?
cp "$LAST_OUT" "$TMP/push_all.out"
# pre-push prints 100 violations, then counts the rest of main's with the
# command that lists them all: the whole judgement is the two together.
grep -oE '^flowgate pre-push: error: [A-Za-z]+: commit [0-9a-f]{12}:' "$LAST_OUT" |
	grep -oE '[0-9a-f]{12}:$' | tr -d : | sort -u >"$TMP/push_ids"
n_shown=$(grep -cE '^flowgate pre-push: (error|warning|info): ' "$LAST_OUT")
all_cmd=$(sed -n 's/^flowgate pre-push: refs\/heads\/main: [0-9]* more violations not shown; list them all with: //p' "$LAST_OUT")
(cd "$R" && eval "\"\$FLOWGATE_BUILD/flowgate\"${all_cmd#flowgate}") >"$TMP/push_all.listed" 2>&1
grep -oE '^commit [0-9a-f]{12}: error: ' "$TMP/push_all.listed" | cut -d' ' -f2 | tr -d : |
	sort -u >"$TMP/listed_ids"
echo "# first push of all of main to an empty remote: $n_shown violations printed by pre-push," \
	"$(wc -l <"$TMP/listed_ids") commits refused by the command it gives"
check '[ "$status" -eq 1 ] && [ "$n_shown" -eq 100 ] && [ -z "$(comm -23 "$TMP/push_ids" "$TMP/msg_ids")" ]' \
	"pre-push of all of main: 100 violations printed, each of a commit commit-msg refuses"
check '[ -n "$all_cmd" ] && cmp -s "$TMP/listed_ids" "$TMP/msg_ids"' \
	"pre-push of all of main: the command its count line gives refuses exactly the commits commit-msg refuses"

# The same push with the message rules off (FLOWGATE_SKIP): what else
# pre-push says fits under its 100 and is printed whole.
(cd "$R" && printf 'refs/heads/main %s refs/heads/main %s\n' "$tip" "$ZERO" |
	FLOWGATE_SKIP=headerFormat,headerMaxLength,typeEnum "$HOOKBIN/pre-push" "$E" "$E") \
	>"$TMP/push_versions.out" 2>&1
check '! grep -q "more violations\{0,1\} not shown" "$TMP/push_versions.out"' \
	"pre-push of all of main, message rules off: every violation printed"

# The version going backwards on main (corpus README: 0.16.0 -> 0.16.0-rc2 ->
# 0.16.0, at 1074bc4c13): versionRegression names that commit and no other.
grep -E '^flowgate pre-push: error: versionRegression: ' "$TMP/push_versions.out" >"$TMP/regressions"
echo "# versionRegression on all of main: $(wc -l <"$TMP/regressions") commit(s)"
sed 's/^/#   /' "$TMP/regressions"
back=$(printf %.12s "${NEW[1074bc4c13c8b9b5d0ee69e987ce08768cd4685c]}")
check '[ "$(cat "$TMP/regressions")" = "flowgate pre-push: error: versionRegression: the version goes down from 0.16.0 to 0.16.0-rc2 in commit $back" ]' \
	"versionRegression names exactly 1074bc4c13, where main went from 0.16.0 back to 0.16.0-rc2" \
	"$(wc -l <"$TMP/regressions") lines"
# The replay's origin/main holds every commit: each was made on a branch the
# remote has, and is judged there, not again on this push.
n_prb=$(cat "$TMP/push_all.out" "$TMP/push_versions.out" | grep -c ": versionPreReleaseBranch: ")
check '[ "$n_prb" -eq 0 ]' "versionPreReleaseBranch leaves commits origin/main holds to that branch" "$n_prb"

# ------------------------------------------------------------ version files
# Every version-touching main commit's tree staged on main: what pre-commit says
# of its version files. Staged over main's 0.16.0, every older version would go
# down: versionRegression is asked for above, and skipped here.
S=$TMP/scratch
git clone -q "$R" "$S"
declare -A VRULE
vc_at='' n_vrows=0 n_vref=0
while IFS=$'\t' read -r orig _ _ _ _ _ _; do
	c=${NEW[$orig]-}
	[ -n "$c" ] || continue
	n_vrows=$((n_vrows + 1))
	git -C "$S" read-tree "$c"
	if ! (cd "$S" && FLOWGATE_SKIP=versionRegression "$HOOKBIN/pre-commit") >"$TMP/v.out" 2>&1; then
		n_vref=$((n_vref + 1))
		for r in $(rules "$TMP/v.out"); do VRULE[$r]=$((${VRULE[$r]:-0} + 1)); done
		grep -q ': error: versionConsistency:' "$TMP/v.out" && vc_at="$vc_at ${orig:0:10}"
	fi
done < <(tail -n +2 "$CORPUS/versions.tsv")
echo "# version files (pre-commit on main): $n_vref of $n_vrows version-touching commits refused"
for r in "${!VRULE[@]}"; do echo "#   refused with $r: ${VRULE[$r]}"; done
check '[ "$vc_at" = " ee12fd374b" ]' "versionConsistency fires only at ee12fd374b (docs 0.15.x, version.txt 0.16.0)" "at:$vc_at"

# full_id PREFIX: the original commit id on main starting with PREFIX.
full_id() {
	LC_ALL=C awk -v p="$1" 'index($1, p) == 1 { print $1; exit }' "$CORPUS/headers_main.txt"
}
in_scratch() { (cd "$S" && "$@"); }

git -C "$S" checkout -q -b dev/0.16.x
git -C "$S" read-tree "${NEW[$(full_id ee12fd374b)]}"
expect_status "pre-commit on dev/0.16.x refuses ee12fd374b's staged tree" 1 in_scratch "$HOOKBIN/pre-commit"
expect_output "ee12fd374b: versionConsistency names version.txt 0.16.0 and docs 0.15.x" \
	"error: versionConsistency: version files disagree: half_orm/version\.txt says '0\.16\.0' but docs/index\.md says '0\.15\.x'$"
git -C "$S" read-tree "${NEW[$(full_id 0e6230d479)]}"
expect_status "pre-commit on dev/0.16.x accepts the next one, 0e6230d479 (docs 0.16.x)" 0 in_scratch "$HOOKBIN/pre-commit"

# ------------------------------------------------------------------ adoption
# A bare origin with all the replayed refs, a clone with flowgate installed:
# new work is checked, the ~800 old non-conventional headers are not.
O2=$TMP/adopt-origin.git
git clone -q --bare "$R" "$O2"
A=$TMP/adopt
git clone -q "$O2" "$A"
git -C "$A" fetch -q origin
expect_ok "flowgate installs into a clone of the replay" install_hooks "$A"
check 'grep -q "@(#)flowgate-hook" "$A/.git/hooks/pre-push"' "the clone's pre-push is flowgate's"
git -C "$A" checkout -q -b feature/new-work main
expect_ok "good commit 1 on feature/new-work (hooks run)" \
	commit_file "$A" notes/one.txt one "feat: start the new work"
expect_ok "good commit 2 on feature/new-work (hooks run)" \
	commit_file "$A" notes/two.txt two "docs(notes): describe the new work"
start=$(date +%s%N)
expect_ok "git push origin feature/new-work is accepted" git -C "$A" push origin feature/new-work
elapsed=$((($(date +%s%N) - start) / 1000000))
echo "# push of 2 new commits over $n_main old ones took ${elapsed} ms"
expect_no_output "the push names no header rule (old history is not re-checked)" \
	'headerFormat|typeEnum|headerMaxLength|subjectEmpty'
check '[ "$(git -C "$O2" rev-parse -q --verify feature/new-work)" = "$(git -C "$A" rev-parse feature/new-work)" ]' \
	"origin has feature/new-work"

# By URL (git passes the URL as the remote name): origin's tracking refs
# still say what the remote has.
expect_ok "good commit 3 on feature/new-work (hooks run)" \
	commit_file "$A" notes/three.txt three "test: cover the new work"
expect_ok "git push <origin's path> feature/new-work is accepted" git -C "$A" push "$O2" feature/new-work
expect_no_output "the push by URL names no header rule" 'headerFormat|typeEnum|headerMaxLength|subjectEmpty'

printf 'four\n' >"$A/notes/four.txt"
git -C "$A" add notes/four.txt
git -C "$A" commit -q --no-verify -m "WIP more stuff"
bad=$(git -C "$A" rev-parse --short=12 HEAD)
expect_status "the push of a bad header is refused" 1 git -C "$A" push origin feature/new-work
expect_output "the refusal names the bad commit $bad (headerFormat)" \
	"error: headerFormat: commit $bad: (line 1, column 1: )?header 'WIP more stuff'"
check '[ "$(grep -oE "commit [0-9a-f]{12}" "$LAST_OUT" | sort -u)" = "commit $bad" ]' \
	"the refusal names that commit only"
check '[ "$(git -C "$O2" rev-parse -q --verify feature/new-work)" = "$(git -C "$A" rev-parse HEAD~1)" ]' \
	"origin's feature/new-work did not move"
