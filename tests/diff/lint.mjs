// Lints one repository's messages with commitlint and flowgate check-message,
// and joins them with flowgate check-range's results, one JSON line a commit
// (tests/diff/run.sh calls it; tests/diff/classify.mjs reads its output).
//
// usage: node lint.mjs <node_modules dir> <flowgate> <repo work tree> <dir>
//   <dir>/messages.z  '%H%x00%P%x00%B%x00' records, as git log writes them
//   <dir>/range.json  flowgate check-range --format json over the same commits
// writes <dir>/results.jsonl.
//
// commitlint is driven through its own library exactly as its CLI does (load
// the configuration, select the parser options, lint with the default
// ignores), with @commitlint/config-conventional, in one process: starting
// the CLI once a message would take hours on a few thousand messages.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const [mods, flowgate, worktree, dir] = process.argv.slice(2);
if (!dir) {
	console.error("usage: node lint.mjs <node_modules> <flowgate> <worktree> <dir>");
	process.exit(2);
}
const req = createRequire(path.join(path.resolve(mods), "resolve.js"));
const load = (await import(pathToFileURL(req.resolve("@commitlint/load")))).default;
const lint = (await import(pathToFileURL(req.resolve("@commitlint/lint")))).default;

const loaded = await load(
	{ extends: ["@commitlint/config-conventional"] },
	{ cwd: path.dirname(path.resolve(mods)) },
);
// As @commitlint/cli's main() builds the lint options.
const opts = { parserOpts: {}, plugins: {}, ignores: [], defaultIgnores: true };
const preset = loaded.parserPreset;
if (typeof preset === "object" && typeof preset.parserOpts === "object")
	opts.parserOpts = preset.parserOpts;
if (loaded.plugins) opts.plugins = loaded.plugins;
if (loaded.ignores) opts.ignores = loaded.ignores;
if (loaded.defaultIgnores === false) opts.defaultIgnores = false;
// Whether commitlint's default ignores (or the configured ones) skip it.
const isIgnored = (await import(pathToFileURL(req.resolve("@commitlint/is-ignored")))).default;

const raw = fs.readFileSync(path.join(dir, "messages.z"), "utf8");
const fields = raw.split("\0");
const range = JSON.parse(fs.readFileSync(path.join(dir, "range.json"), "utf8"));
const byOid = new Map();
for (const r of range.results)
	if (r.kind === "commit") byOid.set(r.commit, r);

const errorsOf = (violations) =>
	violations.filter((v) => v.severity === "error").map((v) => v.rule);
const warningsOf = (violations) =>
	violations.filter((v) => v.severity !== "error").map((v) => v.rule);
const out = fs.openSync(path.join(dir, "results.jsonl"), "w");
let n = 0;
// git log ends each record with a newline before the next %H.
for (let i = 0; i + 2 < fields.length; i += 3) {
	const oid = fields[i].trim();
	const parents = fields[i + 1].split(" ").filter(Boolean).length;
	const message = fields[i + 2];
	if (!/^[0-9a-f]{40}$/.test(oid)) throw new Error(`bad record at ${oid}`);

	// commitlint's CLI drops a message that is empty once trimmed.
	let cl = { valid: true, errors: [], warnings: [], ignored: false, empty: true };
	if (message.trim() !== "") {
		const res = await lint(message, loaded.rules, opts);
		cl = {
			valid: res.valid,
			errors: res.errors.map((e) => e.name),
			warnings: res.warnings.map((e) => e.name),
			ignored: isIgnored(message,
				{ ignores: opts.ignores, defaults: opts.defaultIgnores }),
			// Whether the header alone is skipped: the merge patterns
			// are multi-line, so a line of the body can skip a message.
			ignoredHeader: isIgnored(message.split("\n")[0],
				{ ignores: opts.ignores, defaults: opts.defaultIgnores }),
		};
	}

	const fm = spawnSync(flowgate, ["check-message", "--format", "json", "-"], {
		cwd: worktree, input: message, encoding: "utf8",
	});
	if (fm.status !== 0 && fm.status !== 1)
		throw new Error(`check-message exited ${fm.status} on ${oid}: ${fm.stderr}`);
	const fmr = JSON.parse(fm.stdout).results[0];

	const fr = byOid.get(oid);
	if (!fr) throw new Error(`check-range has no result for ${oid}`);

	fs.writeSync(out, JSON.stringify({
		oid, parents,
		header: message.split("\n")[0],
		line2: message.split("\n")[1] ?? null,
		cl,
		fm: { passed: fmr.passed, errors: errorsOf(fmr.violations),
			warnings: warningsOf(fmr.violations),
			messages: fmr.violations.filter((v) => v.severity === "error").map((v) => v.message) },
		fr: { passed: fr.passed, errors: errorsOf(fr.violations),
			warnings: warningsOf(fr.violations),
			messages: fr.violations.filter((v) => v.severity === "error").map((v) => v.message) },
	}) + "\n");
	n++;
}
fs.closeSync(out);
console.error(`${path.basename(dir)}: ${n} messages`);
