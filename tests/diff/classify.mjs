// Classifies the results of tests/diff/lint.mjs: each commit as both pass,
// both fail, only flowgate fails or only commitlint fails (flowgate's verdict
// is check-range's, which knows parents), and each disagreement by its
// reason. Prints a Markdown report; exits 1 when a disagreement has no known
// reason, so that a new kind is looked at rather than counted.
//
// usage: node classify.mjs <out dir> <name>...
import fs from "node:fs";

const [dir, ...names] = process.argv.slice(2);
if (names.length === 0) {
	console.error("usage: node classify.mjs <out dir> <name>...");
	process.exit(2);
}

// commitlint's isSemver default ignore (@commitlint/is-ignored): the first
// line, less a 'chore(scope):' prefix and a [skip ci], is a version.
const semverHeader = (h) => /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(
	h.replace(/^chore(\([^)]+\))?:/, "")
		.replace(/\[(skip|ci)(-|\s)(ci|skip)\]/i, "")
		.replace(/\((skip|ci)(-|\s)(ci|skip)\)/i, "").trim());
const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

// The reasons, each with its category: (a) spec, (b) config difference,
// (c) flowgate bug, (d) commitlint bug or quirk.
const reasons = {
	semver: ["a", "a bare version as the header: no type (CC 1.0.0 item 1); commitlint's default ignores skip a header that is a version"],
	revertSquash: ["a", "`Revert \"<header>\" (#N)`, GitHub's squash of a git revert: no type (item 1), and not git's own `Revert \"…\"` form; commitlint's default ignores skip any header that starts `Revert `"],
	mergeLookalike: ["a", "git's merge header on a commit that is no merge (one parent): no type (item 1); commitlint's default ignores skip the text whatever the parents"],
	wrappedHeader: ["a", "no blank line below the header (item 6: the body begins one blank line after the description): the subject git shows (`git log --oneline`), the whole first paragraph, is over 100 characters; commitlint measures line 1 only (and its default ignores skip a `chore(release): <version>` header)"],
	breakingCase: ["a", "`Breaking change:` in the footers: a breaking change is the uppercase `BREAKING CHANGE: <description>` (items 12, 15); config-conventional has no footer rule"],
	revertWord: ["d", "a header that starts with the word `Revert` and is no revert: commitlint's default ignore `^(R|r)evert (.*)` skips any such header, with no type (item 1)"],
	headerTrim: ["b", "trailing whitespace in the header: config-conventional's header-trim refuses it; flowgate has no such rule (the spec says nothing of it, and git's default cleanup strips it from every commit git commit makes)"],
};

function reasonOf(r) {
	const fe = r.fr.errors, ce = r.cl.errors;
	if (!r.fr.passed && r.cl.valid) {
		if (r.cl.ignored && same(fe, ["headerFormat"]) && semverHeader(r.header))
			return "semver";
		if (r.cl.ignored && same(fe, ["headerFormat"]) && /^Revert ".*" \(#\d+\)$/.test(r.header))
			return "revertSquash";
		if (r.cl.ignored && same(fe, ["headerFormat"]) && /^[Rr]evert (?!")/.test(r.header))
			return "revertWord";
		if (same(fe, ["breakingChangeFormat"]))
			return "breakingCase";
		if (r.cl.ignored && same(fe, ["headerFormat"]) && r.parents < 2 && /^Merge /.test(r.header))
			return "mergeLookalike";
		if (same(fe, ["headerMaxLength"]) && r.line2 !== null && r.line2.trim() !== "")
			return "wrappedHeader";
	}
	if (r.fr.passed && !r.cl.valid) {
		if (same(ce, ["header-trim"]) && /\s$/.test(r.header) && !/^\s/.test(r.header))
			return "headerTrim";
	}
	return null;
}

const classes = ["both pass", "both fail", "only flowgate fails", "only commitlint fails"];
const count = Object.fromEntries(classes.map((c) => [c, 0]));
const perRepo = {};
const byReason = new Map();
const unknown = [];
let merges = { n: 0, rangePass: 0, messagePass: 0, clPass: 0, clIgnored: 0 };
let total = 0, fmDiffers = 0, flowgateOnlyRules = 0, bodyIgnored = 0;
for (const name of names) {
	const lines = fs.readFileSync(`${dir}/${name}/results.jsonl`, "utf8").split("\n").filter(Boolean);
	perRepo[name] = Object.fromEntries(classes.map((c) => [c, 0]));
	for (const line of lines) {
		const r = JSON.parse(line);
		total++;
		const cls = r.fr.passed && r.cl.valid ? classes[0]
			: !r.fr.passed && !r.cl.valid ? classes[1]
			: !r.fr.passed ? classes[2] : classes[3];
		count[cls]++;
		perRepo[name][cls]++;
		if (r.parents >= 2) {
			merges.n++;
			merges.rangePass += r.fr.passed;
			merges.messagePass += r.fm.passed;
			merges.clPass += r.cl.valid;
			merges.clIgnored += r.cl.ignored;
		} else if (r.fm.passed !== r.fr.passed) {
			fmDiffers++;
		}
		if (r.cl.ignored && !r.cl.ignoredHeader) bodyIgnored++;
		if (r.fr.errors.some((e) => ["footerFormat", "breakingChangeFormat", "messageEncoding"].includes(e)))
			flowgateOnlyRules++;
		if (cls === classes[0] || cls === classes[1]) continue;
		const reason = reasonOf(r);
		if (!reason) {
			unknown.push(`${name} ${r.oid.slice(0, 12)} ${cls}: ${JSON.stringify(r.header)} flowgate ${r.fr.errors} commitlint ${r.cl.errors}`);
			continue;
		}
		const key = `${cls}\t${reason}`;
		if (!byReason.has(key)) byReason.set(key, { n: 0, examples: [] });
		const e = byReason.get(key);
		e.n++;
		if (e.examples.length < 2) e.examples.push(r.header.length > 64 ? r.header.slice(0, 61) + "..." : r.header);
	}
}

const out = [];
out.push(`${total} commits of ${names.length} repositories (${names.join(", ")}).`, "");
out.push("| class | " + names.join(" | ") + " | total |");
out.push("| --- |" + names.map(() => " ---: |").join("") + " ---: |");
for (const c of classes)
	out.push(`| ${c} | ` + names.map((n) => perRepo[n][c]).join(" | ") + ` | ${count[c]} |`);
out.push("", "| class | reason | category | count | examples |", "| --- | --- | --- | ---: | --- |");
const cat = { a: "(a) spec", b: "(b) config difference", c: "(c) flowgate bug", d: "(d) commitlint quirk" };
for (const [key, e] of [...byReason].sort()) {
	const [cls, reason] = key.split("\t");
	const [c, text] = reasons[reason];
	const ex = e.examples.map((h) => "`" + h.replace(/`/g, "'").replace(/\|/g, "\\|") + "`").join(", ");
	out.push(`| ${cls} | ${text.replace(/\|/g, "\\|")} | ${cat[c]} | ${e.n} | ${ex} |`);
}
out.push("", `Merges (two or more parents): ${merges.n}; check-range passes ${merges.rangePass}, ` +
	`check-message on the message alone ${merges.messagePass}, commitlint ${merges.clPass} ` +
	`(${merges.clIgnored} of them by its default ignores).`);
out.push(`Commits with one parent where check-message and check-range disagree: ${fmDiffers}.`);
out.push(`Commits refused by footerFormat, breakingChangeFormat or messageEncoding (no commitlint counterpart): ${flowgateOnlyRules}.`);
out.push(`Commits commitlint skips for a line below the header (its merge patterns are multi-line): ${bodyIgnored}.`);
if (unknown.length) {
	out.push("", `${unknown.length} disagreements with no known reason:`);
	for (const u of unknown) out.push(`- ${u}`);
}
console.log(out.join("\n"));
process.exit(unknown.length ? 1 : 0);
