# End-to-end: the message rules that need the repository (versionBumpMessage,
# branchCommitType, messageEncoding with i18n.commitEncoding) through the
# installed hooks and the flowgate command, and where each message points
# (line, column, the excerpt and its carets).
# Run: FLOWGATE_BUILD=/abs/build bash tests/e2e/test_message_rules.sh (or sh tests/e2e/run.sh).

. "$(dirname "$0")/lib.sh"

export GIT_EDITOR=true GIT_MERGE_AUTOEDIT=no
FG=$FLOWGATE_BUILD/flowgate

R=$TMP/rules
ORIGIN=$TMP/rules-origin.git
new_repo "$R"
new_origin "$ORIGIN"
git -C "$R" remote add origin "$ORIGIN"
install_flowgate "$R" || not_ok "install.sh installs the hooks"
cd "$R" || exit 1
mkdir -p half_orm docs
printf '0.16.0-dev\n' >half_orm/version.txt
printf '# halfORM\n\nThis documentation covers halfORM **0.16.x** (latest development release).\n' >docs/index.md
git add half_orm/version.txt docs/index.md
expect_ok "setup: the first commit (it creates the version files: no bump to name)" \
	git commit -q -m 'chore: start the project'
expect_no_output "the first commit is not a bump" 'versionBumpMessage'
git push -q origin main 2>/dev/null

# ------------------------------------------------------------ where, and carets
before=$(head_oid)
printf 'x\n' >>notes.txt && git add notes.txt
expect_status "a bad type is refused (exit 1)" 1 git commit -q -m 'feature: add x'
expect_output "the message says line and column" \
	"^flowgate commit-msg: error: typeEnum: line 1, column 1: type 'feature' is not a workflow type$"
expect_output "the header is shown under it" '^    feature: add x$'
expect_output "carets underline the type" '^    \^\^\^\^\^\^\^$'
expect_output "the hint names the type meant" "^hint: write the type feat, e.g. 'feat: add x' \(types: "
expect_status "a long header: exit 1" 1 \
	git commit -q -m 'fix: this header goes on and on well past the seventy-two characters allowed'
expect_output "headerMaxLength points at column 73" '^flowgate commit-msg: error: headerMaxLength: line 1, column 73: '
expect_output "carets under the excess, after 72 spaces" "^    $(printf '%72s' '')\^\^\^\^$"
expect_eq "nothing was committed" "$(head_oid)" "$before"

# headerMaxLength measures the subject git shows: with no blank line 2, the
# whole first paragraph (a header the editor wrapped at 72 columns).
wrapped='feat: a header that the editor wrapped at seventy-two columns, so that
its second line is part of the subject git shows'
expect_status "a header wrapped onto line 2: exit 1" 1 git commit -q -m "$wrapped"
expect_output "headerMaxLength measures both lines" \
	'^flowgate commit-msg: error: headerMaxLength: line 2, column 2: the subject git shows is lines 1-2 joined \(no blank line 2\), 119 characters long, more than 72$'
expect_output "bodyLeadingBlank still says why" '^flowgate commit-msg: warning: bodyLeadingBlank: line 2'
git commit -q --no-verify -m "$wrapped"
expect_eq "git's subject is indeed both lines joined" "$(git log -1 --format=%s)" \
	"$(printf '%s' "$wrapped" | tr '\n' ' ')"
git reset -q --soft HEAD~1
expect_eq "nothing was committed" "$(head_oid)" "$before"

# ------------------------------------------------------------ versionBumpMessage
# (an alpha: main takes no rc nor release but from release/X.Y.x)
printf '0.16.0-alpha1\n' >half_orm/version.txt
git add half_orm/version.txt
expect_ok "a bump whose header does not name the version passes (warning)" \
	git commit -q -m 'chore: update version.txt'
expect_output "versionBumpMessage says from what to what" \
	"^flowgate commit-msg: warning: versionBumpMessage: line 1, column 1: the commit changes the version files from 0\.16\.0-dev to 0\.16\.0-alpha1, but the header does not name 0\.16\.0-alpha1$"
expect_output "the hint is a header naming it" "^hint: say it in the header, e\.g\. 'chore: bump version to 0\.16\.0-alpha1'$"
unnamed=$(git rev-parse --short=12 HEAD)
printf '0.17.0-dev\n' >half_orm/version.txt
printf '# halfORM\n\nThis documentation covers halfORM **0.17.x** (latest development release).\n' >docs/index.md
git add half_orm/version.txt docs/index.md
expect_ok "a bump that names the version" git commit -q -m 'chore: bump version to 0.17.0-dev'
expect_no_output "it is silent" 'flowgate '
printf 'y\n' >>notes.txt && git add notes.txt
expect_ok "a commit that leaves the version alone" git commit -q -m 'docs: notes'
expect_no_output "no versionBumpMessage without a version change" 'versionBumpMessage'
# check-range takes HEAD's branch (a CI running these tests must not name its own)
expect_status "check-range finds the unnamed bump" 0 env -u GITHUB_ACTIONS -u GITLAB_CI \
	"$FG" check-range origin/main..main
expect_output "check-range names the commit and the rule" \
	"^commit $unnamed: warning: versionBumpMessage: line 1, column 1: the commit changes the version files from 0\.16\.0-dev to 0\.16\.0-alpha1"
expect_output "check-range: 4 passed, the branch too (a warning passes)" '^4 passed, 0 failed$'
expect_status "check-range --format json" 0 env -u GITHUB_ACTIONS -u GITLAB_CI \
	"$FG" check-range --format json origin/main..main
expect_output "json gives the line and column" '"rule": "versionBumpMessage", "severity": "warn", "message": "[^"]*", "line": 1, "column": 1'

# ------------------------------------------------------------ branchCommitType
git checkout -q -b hotfix/pool-leak
printf 'z\n' >>notes.txt && git add notes.txt
expect_ok "feat on a hotfix branch passes (warning)" git commit -q -m 'feat: pool size option'
expect_output "branchCommitType names the branch" \
	"^flowgate commit-msg: warning: branchCommitType: line 1, column 1: type 'feat' on hotfix branch 'hotfix/pool-leak'; a hotfix branch holds fixes only$"
expect_output "carets under the type" '^    \^\^\^\^$'
printf 'z\n' >>notes.txt && git add notes.txt
expect_ok "fix on a hotfix branch" git commit -q -m 'fix: pool leak'
expect_no_output "is silent" 'flowgate '
printf 'z\n' >>notes.txt && git add notes.txt
expect_ok "hotfix on a hotfix branch" git commit -q -m 'hotfix: pool leak again'
expect_no_output "is silent too" 'flowgate '
expect_ok "pre-push of the hotfix branch passes (warning only)" git push -q origin hotfix/pool-leak
expect_output "pre-push warns about the feat commit, naming the branch" \
	"^flowgate pre-push: warning: branchCommitType: commit [0-9a-f]{12}: line 1, column 1: type 'feat' on hotfix branch 'hotfix/pool-leak'"
expect_eq "pre-push warns once" "$(grep -c 'branchCommitType' "$LAST_OUT")" 1
expect_status "check-range --branch hotfix/pool-leak" 0 \
	"$FG" check-range --branch refs/heads/hotfix/pool-leak main..hotfix/pool-leak
expect_output "check-range --branch warns too" "warning: branchCommitType: line 1, column 1: type 'feat' on hotfix branch 'hotfix/pool-leak'"
expect_ok "check-range without --branch takes HEAD's branch" env -u GITHUB_ACTIONS -u GITLAB_CI \
	"$FG" check-range main..hotfix/pool-leak
expect_output "and warns on it" "warning: branchCommitType: line 1, column 1: type 'feat' on hotfix branch 'hotfix/pool-leak'"
expect_ok "check-range --branch '' knows no branch" "$FG" check-range --branch '' main..hotfix/pool-leak
expect_no_output "and says nothing of it" 'branchCommitType'
git checkout -q -b docs/tutorial main
printf 'd\n' >>notes.txt && git add notes.txt
expect_ok "fix on a docs branch passes (warning)" git commit -q -m 'fix: typo in the tutorial'
expect_output "branchCommitType on docs/*" "warning: branchCommitType: line 1, column 1: type 'fix' on docs branch 'docs/tutorial'"
expect_output "the hint says docs" "^hint: use type docs, e.g. 'docs: typo in the tutorial', or make the commit on a feature/\* branch$"
git checkout -q main
git -c core.hooksPath=/dev/null merge -q --no-ff -m "Merge branch 'docs/tutorial'" docs/tutorial
expect_eq "a merge commit (git's message) is not judged" \
	"$("$FG" check-range --branch docs/tutorial HEAD~1..HEAD >/dev/null 2>&1; echo $?)" 0

# ------------------------------------------------------------ body prose is not a footer
# Only the footer paragraph holds footers: a breaking-change line in a middle
# paragraph is prose (halfORM ee12fd3's "Breaking changes:" heading).
printf 'b\n' >>notes.txt && git add notes.txt
expect_ok "'Breaking change: none.' in a middle paragraph is accepted" \
	git commit -q -m 'fix: keep the API' -m 'Breaking change: none.' -m 'The API is the same.' -m 'Refs: #3'
expect_no_output "and says nothing" 'flowgate '
printf 'b\n' >>notes.txt && git add notes.txt
printf 'feat: add unified CLI system\n\n- Add half_orm.cli module\n\nBreaking changes:\n- Model.execute_query now has better error reporting\n- Added click\n\nThis lays the foundation for the halfORM ecosystem.\n' >"$TMP/ee12fd3.msg"
expect_ok "a 'Breaking changes:' heading over a list (halfORM ee12fd3) is accepted" git commit -q -F "$TMP/ee12fd3.msg"
expect_no_output "no breakingChangeFormat" 'breakingChangeFormat'
printf 'b\n' >>notes.txt && git add notes.txt
expect_ok "'Closes #1' then 'Refs:' (a value that continues, spec item 10) is accepted" \
	git commit -q -m 'fix: close it' -m "$(printf 'Closes #1\nRefs:')"
expect_no_output "no footerFormat" 'footerFormat'
printf 'b\n' >>notes.txt && git add notes.txt
before=$(head_oid)
expect_status "a mistyped breaking change ending the message is refused" 1 \
	git commit -q -m 'feat: drop v1' -m 'The v1 API is gone.' -m 'Breaking change: v1 is gone'
expect_output "breakingChangeFormat names its line" \
	"^flowgate commit-msg: error: breakingChangeFormat: line 5, column 1: footer 'Breaking change' is not 'BREAKING CHANGE:'"
expect_status "a mistyped one among the footers is refused" 1 \
	git commit -q -m 'feat: drop v1' -m "$(printf 'Refs: #4\nBREAKING CHANGES: v1 is gone')"
expect_output "breakingChangeFormat on line 4" "^flowgate commit-msg: error: breakingChangeFormat: line 4, column 1: footer 'BREAKING CHANGES'"
expect_eq "nothing was committed" "$(head_oid)" "$before"
git commit -q -m 'chore: pending notes'

# ------------------------------------------------------------ what displays otherwise
printf 'd\n' >>notes.txt && git add notes.txt
before=$(head_oid)
expect_status "a header holding a lone carriage return is refused" 1 \
	git commit -q -m "$(printf 'feat: x\rfix: innocent')"
expect_output "headerFormat names the column" \
	'^flowgate commit-msg: error: headerFormat: line 1, column 8: the header holds a carriage return'
expect_status "a header holding U+202E is refused" 1 \
	git commit -q -m "$(printf 'feat: add \342\200\256txt.exe')"
expect_output "headerFormat names the control" \
	'^flowgate commit-msg: error: headerFormat: line 1, column 11: the header holds the bidirectional control U\+202E'
expect_output "the excerpt does not carry it raw" '^    feat: add [?]txt\.exe$'
expect_eq "nothing was committed" "$(head_oid)" "$before"
git commit -q --no-verify -m "$(printf 'fix: \342\201\246hidden')"
expect_fail "pre-push refuses a bidi control committed with --no-verify" git push origin main
expect_output "pre-push names U+2066" 'headerFormat: commit [0-9a-f]{12}: line 1, column 6: the header holds the bidirectional control U\+2066'
git reset -q --soft HEAD~1
git commit -q -m 'chore: notes'

# ------------------------------------------------------------ URL lines
url="https://github.com/collorg/halfORM/blob/main/docs/fr/tutorial/a-long-path-to-a-page-of-the-guide.md#some-anchor"
printf 'u\n' >>notes.txt && git add notes.txt
expect_ok "a body line holding a URL longer than 100 characters is accepted" \
	git commit -q -m 'docs: link the guide' -m "See $url for the details."
expect_no_output "bodyMaxLineLength says nothing (rule.bodyMaxLineLength.ignoreUrls)" 'bodyMaxLineLength'
printf '[rule "bodyMaxLineLength"]\n\tignoreUrls = false\n' >.flowgate
printf 'u\n' >>notes.txt && git add notes.txt .flowgate
expect_ok "with ignoreUrls = false it is a warning" \
	git commit -q -m 'docs: link the guide again' -m "See $url for the details."
expect_output "bodyMaxLineLength names line 3" '^flowgate commit-msg: warning: bodyMaxLineLength: line 3, column 101: '
git rm -q .flowgate && git commit -q -m 'chore: drop .flowgate'

# ------------------------------------------------------------ the configured limits, subjectCase
printf '[rule "headerMaxLength"]\n\tmax = 100\n[rule "bodyMaxLineLength"]\n\tignoreUrls = false\n' >.flowgate
expect_ok "flowgate rules" "$FG" rules
expect_output "flowgate rules shows the configured header maximum" '^    commit header is at most 100 characters \(rule\.headerMaxLength\.max\)'
expect_no_output "not the default 72" 'at most 72 characters'
expect_output "and the body rule without its URL exemption" '^    every body line is at most 100 characters \(rule\.bodyMaxLineLength\.max\)$'
expect_output "subjectCase is listed, off" '^subjectCase +off '
expect_ok "flowgate explain headerMaxLength" "$FG" explain headerMaxLength
expect_output "explain says 100 too" '^headerMaxLength: commit header is at most 100 characters'
rm .flowgate
printf 's\n' >>notes.txt && git add notes.txt
expect_ok "subjectCase is off by default: 'fix: Add the parser' passes" git commit -q -m 'fix: Add the parser'
expect_no_output "and says nothing" 'flowgate '
printf 's\n' >>notes.txt && git add notes.txt
before=$(head_oid)
expect_status "git -c flowgate.subjectCase=error: a sentence-case subject is refused" 1 \
	git -c flowgate.subjectCase=error commit -q -m 'fix: Add the parser again'
expect_output "subjectCase names the case" \
	"^flowgate commit-msg: error: subjectCase: line 1, column 6: subject is sentence-case; rule.subjectCase: none of upper-case, pascal-case, sentence-case, start-case$"
expect_output "the hint is a subject that passes" "^hint: write e.g. 'fix: add the parser again'$"
expect_eq "nothing was committed" "$(head_oid)" "$before"
expect_ok "the hint followed passes" git -c flowgate.subjectCase=error commit -q -m 'fix: add the parser again'
printf '[rule "subjectCase"]\n\tseverity = error\n\tcase = sentence-case\n\twhen = always\n' >.flowgate
printf 's\n' >>notes.txt && git add notes.txt .flowgate
expect_status "case = sentence-case, when = always: a lowercase subject is refused" 1 \
	git commit -q -m 'chore: require sentence case'
expect_output "the hint capitalises it" "^hint: write e.g. 'chore: Require sentence case'$"
expect_ok "which passes" git commit -q -m 'chore: Require sentence case'
git rm -q .flowgate && git commit -q -m 'chore: No more subjectCase'

# ------------------------------------------------------------ messageEncoding
printf 'e\n' >>notes.txt && git add notes.txt
expect_status "a Latin-1 byte without i18n.commitEncoding is refused" 1 \
	git commit -q -m "$(printf 'feat: caf\351')"
expect_output "messageEncoding names the byte and the place" \
	'^flowgate commit-msg: error: messageEncoding: line 1, column 10: byte 0xe9 is not valid UTF-8$'
expect_output "the hint names i18n.commitEncoding" 'i18n\.commitEncoding'
expect_ok "the same with i18n.commitEncoding=ISO-8859-1 is accepted" \
	git -c i18n.commitEncoding=ISO-8859-1 commit -q -m "$(printf 'feat: caf\351')"
expect_no_output "and is silent" 'flowgate '
expect_eq "git stored the encoding header" "$(git cat-file commit HEAD | sed -n 's/^encoding //p')" ISO-8859-1
expect_ok "check-range reads the stored encoding" env -u GITHUB_ACTIONS -u GITLAB_CI \
	"$FG" check-range HEAD~1..HEAD
expect_output "2 passed (the commit, the branch)" '^2 passed, 0 failed$'
printf 'e\n' >>notes.txt && git add notes.txt
git -c i18n.commitEncoding=ISO-8859-1 commit -q -m "$(printf 'feat: caf\351.')" >"$LAST_OUT" 2>&1
expect_output "a Latin-1 message's column counts characters, the excerpt is UTF-8" \
	'^flowgate commit-msg: warning: subjectFullStop: line 1, column 11: '
expect_output "excerpt in UTF-8" '^    feat: café\.$'
git -c i18n.commitEncoding=NO-SUCH-CHARSET commit -q --allow-empty -m 'feat: x' >"$LAST_OUT" 2>&1
expect_output "an encoding iconv does not know is named" \
	"^flowgate commit-msg: error: messageEncoding: the message's encoding 'NO-SUCH-CHARSET' is not one this system knows$"
expect_ok "pre-push accepts the Latin-1 commits" git push -q origin main
expect_no_output "pre-push says nothing about encoding" 'messageEncoding'
printf 'feat: x\n\nbody \000 here\n' >"$TMP/nul.msg"
expect_status "a NUL byte (commit-msg on a message file)" 1 .git/hooks/commit-msg "$TMP/nul.msg"
expect_output "messageEncoding names its line and column" \
	'^flowgate commit-msg: error: messageEncoding: line 3, column 6: the message holds a NUL byte$'

# ------------------------------------------------------------ a megabyte-long line
{ printf 'fix: '; head -c 1048576 /dev/zero | tr '\0' 'a'; printf '\n\nbody\n'; } >"$TMP/long.msg"
expect_status "a 1 MiB header: refused, no crash or hang" 1 .git/hooks/commit-msg "$TMP/long.msg"
expect_output "headerMaxLength counts it" \
	'^flowgate commit-msg: error: headerMaxLength: line 1, column 73: header is 1048581 characters long, more than 72$'
expect_eq "the excerpt is cut: no excerpt or caret line over 120 characters" \
	"$(LC_ALL=C awk '/^    / && length > 120' "$LAST_OUT" | wc -l)" 0
expect_output "the cut excerpt starts and ends with '...'" '^    \.\.\.a+\.\.\.$'
{ printf 'fix: x\n\n'; head -c 1048576 /dev/zero | tr '\0' 'b'; printf '\n'; } >"$TMP/longbody.msg"
expect_status "a 1 MiB body line: a warning, accepted" 0 .git/hooks/commit-msg "$TMP/longbody.msg"
expect_output "bodyMaxLineLength names line 3" \
	'^flowgate commit-msg: warning: bodyMaxLineLength: line 3, column 101: line is 1048576 characters long, more than 100$'
