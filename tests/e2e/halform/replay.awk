# Turns the halfORM corpus into one `git fast-import` stream (no data here:
# everything comes from the corpus files named on the command line).
#
#   LC_ALL=C awk -v mapfile=FILE -f replay.awk versions.tsv refs.txt headers_main.txt
#
# In the C locale, because `data <n>` counts bytes and so must length():
# mawk always counts bytes, gawk counts characters in a UTF-8 locale (a
# subject holding "é" would end its data one byte short). A length() that
# counts characters stops the script, before it writes anything.
#
# - main: one commit per line of headers_main.txt, oldest first (the file is
#   newest first), the commit's real subject as its whole message; a
#   `Revert "<subject>"` also gets the line git revert wrote below it, "This
#   reverts commit <id>.", <id> the latest earlier commit with that subject;
# - a commit that has a row in versions.tsv sets half_orm/version.txt,
#   setup.py and docs/index.md as that row says (files carry forward);
# - commit dates: the versions.tsv date of the last dated commit so far
#   (approximate), one second apart to keep the order;
# - tags of refs.txt whose commit is on main (annotated ones get the message
#   'release: X.Y.Z' when named vX.Y.Z, else the tagged commit's subject);
# - branches of refs.txt at their commit when it is on main, else at main's tip.
# mapfile receives "<mark> <original commit id>" lines.
BEGIN {
	FS = "\t"; n = 0; nrefs = 0
	# "é" in UTF-8: 2 bytes, 1 character
	if (length("\303\251") != 2) {
		printf "replay.awk: length() counts characters, not bytes: run it with LC_ALL=C\n" >"/dev/stderr"
		failed = 1
		exit 2
	}
}

FILENAME ~ /versions\.tsv$/ {
	if (FNR == 1) next
	vt[$1] = $3; sp[$1] = $4; di[$1] = $5; dc[$1] = $6; dt[$1] = $2
	next
}
FILENAME ~ /refs\.txt$/ {
	if (FNR == 1) next
	nrefs++; rname[nrefs] = $1; rkind[nrefs] = $2; rcommit[nrefs] = $4
	next
}
{
	# headers_main.txt: "<id> <subject>" (the subject may hold any byte).
	n++
	hid[n] = substr($0, 1, 40)
	hsub[n] = substr($0, 42)
}

# Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's method).
function days(y, m, d,    era, yoe, doy, doe) {
	y -= (m <= 2)
	era = int(y / 400)
	yoe = y - era * 400
	doy = int((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1
	doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
	return era * 146097 + doe - 719468
}
function epoch(date,    p) {
	split(date, p, "-")
	return days(p[1] + 0, p[2] + 0, p[3] + 0) * 86400 + 12 * 3600
}
function blob(path, content) {
	# length() counts bytes (the C locale), which is what `data` wants.
	printf "M 100644 inline %s\ndata %d\n%s\n", path, length(content), content
}
function setfile(path, content) {
	if (content == "") {
		if (present[path]) printf "D %s\n", path
		present[path] = 0
	} else {
		blob(path, content)
		present[path] = 1
	}
}
function version_txt(v) {
	if (v == "-") return ""
	gsub(/\\n/, "\n", v)
	return v
}
function setup_py(v,    head) {
	if (v == "-" || v == "") return ""
	head = "from setuptools import setup\n\n"
	if (v == "<read version.txt>")
		return "import os\n" head \
		    "def read(fname):\n    return open(os.path.join(os.path.dirname(__file__), fname)).read()\n\n" \
		    "setup(\n    name='half_orm',\n    version=read('half_orm/version.txt').strip(),\n)\n"
	if (v ~ /^<__version__>/)
		return head "__version__ = '" substr(v, 14) "'\n\nsetup(\n    name='half_orm',\n    version=__version__,\n)\n"
	return head "setup(\n    name='half_orm',\n    version='" v "',\n)\n"
}
function docs_index(v, core,    s) {
	if (v == "-") return ""
	s = "# halfORM\n\n"
	if (v != "<none>")
		s = s "This documentation covers halfORM **" v "** (latest development release).\n\n"
	if (core != "<none>" && core != "-")
		s = s "- halfORM Core: " core "\n\n"
	return s "Welcome.\n"
}

END {
	if (failed) exit 2
	when = 0
	# The date of the oldest dated commit stands for the undated ones before it.
	for (i = n; i >= 1; i--)
		if (hid[i] in dt) { when = epoch(dt[hid[i]]); break }
	for (i = n; i >= 1; i--) {
		id = hid[i]; m = n - i + 1
		mark[id] = m; subj[id] = hsub[i]
		print m, id > mapfile
		if (id in dt) { d = epoch(dt[id]); if (d > when) when = d }
		when++
		msg = hsub[i] "\n"
		# git revert's message: the subject alone would not be git's form.
		# Its line names the reverted commit, the latest one before it with
		# the quoted subject (its original id: what the real line says).
		if (hsub[i] ~ /^Revert ".*"$/) {
			rs = substr(hsub[i], 9, length(hsub[i]) - 9)
			if (rs in bysubj)
				msg = msg "\nThis reverts commit " bysubj[rs] ".\n"
		}
		bysubj[hsub[i]] = id
		printf "commit refs/heads/main\nmark :%d\noriginal-oid %s\n", m, id
		printf "author Tester <tester@example.com> %d +0000\n", when
		printf "committer Tester <tester@example.com> %d +0000\n", when
		printf "data %d\n%s\n", length(msg), msg
		if (id in vt) {
			setfile("half_orm/version.txt", version_txt(vt[id]))
			setfile("setup.py", setup_py(sp[id]))
			setfile("docs/index.md", docs_index(di[id], dc[id]))
		}
		print ""
	}
	for (r = 1; r <= nrefs; r++) {
		name = rname[r]; c = rcommit[r]
		if (rkind[r] == "branch") {
			name = substr(name, 12)
			if (name == "main") continue
			printf "reset refs/heads/%s\nfrom :%d\n\n", name, (c in mark) ? mark[c] : n
		} else if (rkind[r] ~ /^tag-/) {
			if (!(c in mark)) continue
			name = substr(name, 11)
			if (rkind[r] == "tag-lightweight") {
				printf "reset refs/tags/%s\nfrom :%d\n\n", name, mark[c]
				continue
			}
			if (name ~ /^v[0-9]+\.[0-9]+\.[0-9]+/)
				msg = "release: " substr(name, 2) "\n"
			else
				msg = subj[c] "\n"
			printf "tag %s\nfrom :%d\n", name, mark[c]
			printf "tagger Tester <tester@example.com> %d +0000\n", when
			printf "data %d\n%s\n", length(msg), msg
		}
	}
}
