/*
 * The help table of the flowgate command (help.h) and its printing: one
 * entry per command, the one place its synopsis, options and exit
 * statuses are written.
 */
#include <string.h>
#include "bump.h"
#include "help.h"

#define WRAP 79 /* columns of the help text, as git's usage strings */

/* Exit statuses most commands share. */
#define EXIT_USAGE(what) { "2", "usage error: " what }
#define EXIT_READ { "3", "the repository, a file or the configuration cannot be read" }
#define EXIT_CONFIG { "4", "bad configuration (.flowgate, git config flowgate.*, FLOWGATE_SKIP)" }

/* The options of the commands that read the committed .flowgate. */
#define OPT_CACHED { "--cached", "read the committed .flowgate from the index, as " \
		     "pre-commit and commit-msg do" }
#define OPT_REV { "--rev <commit>", "read it from <commit>, as pre-push does for a pushed " \
		  "commit" }
#define OPT_FORMAT { "--format text|json|github", "text (the default); a JSON document; or " \
		     "GitHub Actions annotations (::error and ::warning workflow commands)" }

/*
 * The commands, in the order flowgate --help lists them. Adding a command
 * is one entry here (and its dispatch in hooks/flowgate.c, its flow in
 * hooks/flowgate/<command>.c); its manual page section follows from it.
 */
static const struct fg_help table[] = {
	{ "rules", "list the rules, each one's severity and where it was set",
	  "flowgate rules [--markdown] [--cached | --rev <commit>]",
	  "List every rule with its severity in this repository, where that severity was set "
	  "(default, .flowgate, a git config level, FLOWGATE_SKIP), the hooks that check it and "
	  "what it accepts. The configuration is read as the hooks read it, the committed "
	  ".flowgate taken from the work tree; outside a repository, from the defaults and git's "
	  "global and system configuration.",
	  { { "--markdown", "print the README's table of the rules instead, from the registry "
	      "alone: the default severities, not this repository's" },
	    OPT_CACHED, OPT_REV },
	  { { "0", "the rules were listed" },
	    EXIT_USAGE("an unknown option, --cached with --rev, a --rev that names no commit"),
	    EXIT_READ, EXIT_CONFIG },
	  "flowgate rules --rev origin/main" },

	{ "config", "show the effective configuration, each value with its origin",
	  "flowgate config [--cached | --rev <commit>]",
	  "Print every setting the hooks would use here, one 'key = value' line each, keys "
	  "written as in .flowgate (rule.headerMaxLength.max, versionFile.setup.py.pattern), "
	  "each followed by '# origin': default, .flowgate (work tree, index or commit), a git "
	  "config level, 'git -c' or FLOWGATE_SKIP. flowgate-config(5) describes every key.",
	  { OPT_CACHED, OPT_REV },
	  { { "0", "the configuration was printed" },
	    EXIT_USAGE("an unknown option, --cached with --rev, a --rev that names no commit"),
	    EXIT_READ, EXIT_CONFIG },
	  "flowgate config --cached | grep '^versionFile'" },

	{ "explain", "explain a rule: what it checks, why, examples, the fix",
	  "flowgate explain <rule> [--cached | --rev <commit>]",
	  "Print one rule: what it accepts, the hooks that check it, its severity here and by "
	  "default and where it was set, why it exists, examples that pass and that fail, the "
	  "fix, and how to change its severity or skip it once. <rule> is matched ignoring "
	  "case, as git config matches keys. flowgate-rules(7) holds the same text for every "
	  "rule.",
	  { { "<rule>", "the rule's name, as every message and flowgate rules print it" },
	    OPT_CACHED, OPT_REV },
	  { { "0", "the rule was explained" },
	    EXIT_USAGE("no rule name, a name no rule has, an unknown option"),
	    EXIT_READ, EXIT_CONFIG },
	  "flowgate explain headerMaxLength" },

	{ "check-message", "check a commit message file (or stdin) with the message rules",
	  "flowgate check-message [--format text|json|github] [--branch <name>] <file>|-",
	  "Check the commit message in <file> ('-': stdin) as commit-msg would: cleaned up as "
	  "git would store it (core.commentChar, commit.cleanup) and, in a repository, with "
	  "HEAD's branch, the staged version files and i18n.commitEncoding. For editors and "
	  "scripts. Each violation prints '<file>: <severity>: <rule>: <message>', the line "
	  "with carets under the offending text, and a 'hint:' line with the fix; the last "
	  "line is 'N passed, N failed'.",
	  { OPT_FORMAT,
	    { "--branch <name>", "judge the message as made on branch <name> (branchCommitType); "
	      "a leading refs/heads/ is dropped" } },
	  { { "0", "the message passes (warnings allowed)" },
	    { "1", "it has an error-severity violation" },
	    EXIT_USAGE("an unknown option or format, no file"),
	    EXIT_READ, EXIT_CONFIG },
	  "git log -1 --format=%B | flowgate check-message -" },

	{ "check-range", "check a range of commits, its branch and its tags (for CI)",
	  "flowgate check-range [--format text|json|github] [--branch <name>] <A>..<B>",
	  "Check what a push or a merge request brings with every rule that applies, on the "
	  "CI's side where --no-verify cannot skip it: branchName on the branch; each commit of "
	  "<A>..<B> (the commits B has and A has not, as git rev-list takes it; a full refname "
	  "for all of its history), once, with the message rules and, where they change, its "
	  "version files; the tags that point into the range. The branch is --branch's, else "
	  "the CI's (GITHUB_HEAD_REF, GITHUB_REF_NAME, CI_MERGE_REQUEST_SOURCE_BRANCH_NAME, "
	  "CI_COMMIT_BRANCH), else HEAD's. One result per branch, commit and tag; the last line "
	  "is 'N passed, N failed'. It needs the whole history: no shallow clone.",
	  { OPT_FORMAT,
	    { "--branch <name>", "the branch the range is on ('' for none), instead of the CI's "
	      "or HEAD's" } },
	  { { "0", "every result passes (warnings allowed)" },
	    { "1", "a result has an error-severity violation" },
	    EXIT_USAGE("an unknown option or format, or <A>..<B> is not a range of this "
		       "repository (a shallow clone: git fetch --unshallow)"),
	    EXIT_READ, EXIT_CONFIG },
	  "flowgate check-range --format github origin/main..HEAD" },

	{ "hotfix-status", "show which long-lived branches still lack a fix",
	  "flowgate hotfix-status [--format text|json] [--older] [<commit> | <hotfix-branch>]",
	  "Show where a fix stands on the local and remote-tracking main, dev/X.Y.x, "
	  "release/X.Y.x and maint/X.Y.x branches of the series it affects (main, its base "
	  "series and newer ones, and the maint branches that contain its base): merged, "
	  "picked (cherry-picked: found by the '(cherry picked from commit ...)' line of git "
	  "cherry-pick -x or by the patch ID), partial or missing; the commits that carry it; "
	  "the release tag that holds it; then the commands for what is left. The fix is a "
	  "commit, or the commits a hotfix branch made since it left a release tag or a "
	  "long-lived branch; without an argument, HEAD's branch, which must be a hotfix "
	  "branch.",
	  { { "--format text|json", "a table (the default) or a JSON document" },
	    { "--older", "list the branches of series older than the fix's base too" },
	    { "<commit> | <hotfix-branch>", "the fix: any revision, or a local or "
	      "remote-tracking hotfix branch (origin/hotfix/x)" } },
	  { { "0", "every branch holds the fix" },
	    { "1", "a branch lacks it, wholly or in part" },
	    EXIT_USAGE("the argument names no commit, or a hotfix branch with no commit of its "
		       "own (or more than 100)"),
	    EXIT_READ, EXIT_CONFIG },
	  "flowgate hotfix-status hotfix/pool-leak" },

	{ "version", "print the version the version files agree on",
	  "flowgate version [--cached | --rev <commit>]",
	  "Read the configured version files from the work tree (in a bare repository, from "
	  "HEAD) and print the one version they agree on, alone on its line, for scripts. When "
	  "they disagree, hold no workflow version or a required one is missing, print nothing "
	  "on stdout, and on stderr each file with its value, then the violations.",
	  { { "--cached", "read the version files from the index" },
	    { "--rev <commit>", "read them from <commit>" } },
	  { { "0", "the version was printed" },
	    { "1", "the files name no one version" },
	    EXIT_USAGE("an unknown option, --cached with --rev, a --rev that names no commit"),
	    { "3", "not in a repository, or a file or the repository cannot be read" },
	    EXIT_CONFIG },
	  "git tag -a \"v$(flowgate version)\" -m \"release: $(flowgate version)\"" },

	{ "bump", "write the next version into the version files and stage them",
	  "flowgate bump " FG_BUMP_USAGE " [--commit [--tag]] [--dry-run]",
	  "Compute the next version from the one the work tree's version files agree on, "
	  "write it into every version file (only the version's bytes change) and stage them: "
	  "major, minor and patch give the next release of that level (past any X.Y.Z already "
	  "tagged); dev, X.(Y+1).0-dev (on dev/X.Y.x: X.Y.(Z+1)-dev); "
	  "alpha, beta and rc, the next pre-release of that kind; release drops the "
	  "pre-release; an explicit X.Y.Z[-pre] must be higher. Refused, with nothing written, "
	  "when a version file has unstaged changes, the files disagree, the workflow does not "
	  "go there, or the new version would break a version rule of HEAD's branch. The only "
	  "command that writes; a failed write puts every file back.",
	  { { "--commit", "commit the bump on HEAD: 'chore: bump version to X.Y.Z-dev', or "
	      "'chore: prepare release X.Y.Z'; no other file may be staged" },
	    { "--tag", "with --commit: an annotated tag <tag.prefix><version> on that commit, "
	      "its message by kind ('release:', 'hotfix:', 'maintenance:')" },
	    { "--dry-run", "write nothing: print each file's diff and the commit and tag it "
	      "would make" } },
	  { { "0", "bumped" },
	    { "1", "refused: nothing was changed" },
	    EXIT_USAGE("an unknown <what>, --tag without --commit, --cached or --rev"),
	    { "3", "not in a repository, or a file or the repository cannot be read or written "
	      "(every file is put back unless the message says otherwise)" },
	    EXIT_CONFIG },
	  "flowgate bump rc --commit --tag" },

	{ "init", "write a .flowgate that fits the project's version files",
	  "flowgate init [--force]",
	  "Look at the work tree's version files and write a .flowgate at its top that "
	  "declares them, each with a pattern that reads exactly the project's own version "
	  "(package.json's and package-lock.json's top-level \"version\", pyproject.toml's "
	  "[project] or [tool.poetry] version, setup.py, setup.cfg's [metadata], Cargo.toml's "
	  "[package] version, VERSION, version.txt, CMakeLists.txt's project(... VERSION ...), "
	  "halfORM's three files), checked on the file itself and read back before it is "
	  "written. flowgate.since is set to the latest release tag when flowgate check-range "
	  "from it to HEAD passes, else to HEAD's commit ID, so that the legacy history is "
	  "never judged; a rerun keeps the since of the file there. It prints what it found, "
	  "what it passed over and why, and the commands that commit the file and enable "
	  "the hooks. A .flowgate that holds the same text is left alone.",
	  { { "--force", "replace a .flowgate that says otherwise (without it, nothing is "
	      "written and the text it would write is printed)" } },
	  { { "0", ".flowgate was written, or already held that text" },
	    { "1", "a .flowgate says otherwise and --force was not given, or the repository is "
	      "bare" },
	    EXIT_USAGE("an unknown option"),
	    { "3", "not in a repository, a file cannot be read or .flowgate written (it is then "
	      "unchanged)" },
	    EXIT_CONFIG },
	  "flowgate init && git add .flowgate && git commit -m 'chore: adopt flowgate'" },

	{ "changelog", "write the release notes of a range of commits, by type",
	  "flowgate changelog [--format markdown|text|json] [--write <file>] [<A>..<B> | <B>]",
	  "Print the release notes of the commits B has and A has not: a BREAKING CHANGES "
	  "section first (each commit with '!' or a BREAKING CHANGE footer: the footer's "
	  "description, every line kept, else the subject), then Features, Bug Fixes, "
	  "Performance, Reverts and the other types in the order rule.typeEnum.types lists "
	  "them, each entry the scope, the subject and the short commit ID as git abbreviates "
	  "it. The types of changelog.exclude (chore, style, test, ci, build) and merges are "
	  "left out, and so is a header that is not Conventional Commits or whose type "
	  "typeEnum refuses (a legacy history's). The heading names "
	  "the version B's version files agree on and B's committer date (UTC). Without A, "
	  "the notes start at the release tag of highest precedence B descends from (for a "
	  "final X.Y.Z, not its own release candidates), or cover the whole history; without "
	  "a range, B is HEAD. flowgate bump --tag puts the text notes in the tag's message.",
	  { { "--format markdown|text|json", "Markdown (the default, as conventional-changelog "
	      "writes it); plain text, no line starting with '#'; or a JSON document "
	      "(flowgate(1) gives its schema)" },
	    { "--write <file>", "add the section at the top of <file> (before its first release "
	      "heading), through a temporary file and a rename, keeping its mode; nothing is "
	      "written when it has a section for that version already" },
	    { "<A>..<B> | <B>", "the range, as git rev-list takes A..B (an empty side is HEAD)" } },
	  { { "0", "the notes were printed or written (or the file had them already)" },
	    { "1", "--write: B's version files name no one version to head the section with" },
	    EXIT_USAGE("an unknown option or format, --write with json, a range that names no "
		       "commits"),
	    { "3", "not in a repository, or the repository or <file> cannot be read, or <file> "
	      "cannot be written (it is then unchanged)" },
	    EXIT_CONFIG },
	  "flowgate changelog --write CHANGELOG.md v0.16.0..HEAD" },

	{ "install", "enable flowgate's hooks in a clone, or in a server repository",
	  "flowgate install [<repo>]\nflowgate install --server [--with-update] <bare-repo>\n"
	  "flowgate install --server [--with-update] --custom-hooks-dir <dir>",
	  "Install the client hooks pre-commit, commit-msg, pre-push, post-merge, post-commit, "
	  "prepare-commit-msg, applypatch-msg and pre-applypatch (git am's) into the "
	  "hooks directory git uses for <repo> (default: the current directory's repository; "
	  "core.hooksPath, linked worktrees and submodules honoured). Each is a small launcher "
	  "that runs the installed hook binary by its absolute path, so upgrading flowgate "
	  "reaches every clone. A hook already there is kept as <name>.pre-flowgate and run "
	  "after flowgate's checks pass; running it again changes nothing. A clone whose hooks "
	  "husky or lefthook runs is left as it is, and the lines to add to the manager's files "
	  "are printed. It runs the install.sh installed beside the hooks "
	  "(PREFIX/libexec/flowgate/install.sh).",
	  { { "<repo>", "the clone (default: the current directory's repository)" },
	    { "--server <bare-repo>", "install the server hook pre-receive where the host runs "
	      "it for the repository people push to: hooks/, or Gitea's and Forgejo's "
	      "hooks/pre-receive.d/, or GitLab's custom_hooks/pre-receive.d/; gitolite's own "
	      "update hook is kept" },
	    { "--with-update", "install update too, which git runs once per pushed ref (for "
	      "hosts that run only per-ref hooks)" },
	    { "--custom-hooks-dir <dir>", "GitLab: install into the server-wide custom hooks "
	      "directory <dir>/pre-receive.d/ instead of one repository" } },
	  { { "0", "installed" },
	    { "1", "a hook could not be installed, or husky or lefthook runs the clone's hooks "
	      "(nothing was changed)" },
	    EXIT_USAGE("an unknown option, too many arguments"),
	    { "3", "<repo> is not a git repository" } },
	  "flowgate install ~/src/project" },

	{ "uninstall", "remove flowgate's hooks, putting back the hooks it kept",
	  "flowgate uninstall [--server] [<repo>]",
	  "Remove the hooks flowgate installed in <repo> (default: the current directory's "
	  "repository), never a hook it did not install, and put the kept <name>.pre-flowgate "
	  "hooks back. It runs the installed install.sh --uninstall. To remove flowgate from "
	  "the machine, run make uninstall (or remove its package) afterwards.",
	  { { "--server", "remove the server hooks (pre-receive, update) instead" },
	    { "<repo>", "the clone or bare repository (default: the current directory's)" } },
	  { { "0", "uninstalled" },
	    { "1", "a hook could not be removed" },
	    EXIT_USAGE("an unknown option, too many arguments"),
	    { "3", "<repo> is not a git repository" } },
	  "flowgate uninstall ~/src/project" },

	{ "doctor", "check that flowgate's hooks are installed and run in a clone",
	  "flowgate doctor [<repo>]",
	  "Check the clone <repo> (default: the current directory's repository) and print one "
	  "line per client hook (pre-commit, commit-msg, pre-push, post-merge, post-commit, "
	  "prepare-commit-msg, applypatch-msg, pre-applypatch): whether it is "
	  "installed where git runs it (core.hooksPath honoured), whether it is flowgate's, the "
	  "version it runs against the version installed, the hook kept as "
	  "<name>.pre-flowgate, and a hook manager (husky, lefthook, the pre-commit framework) "
	  "that runs the hooks instead. Each problem gets one more line, with its fix.",
	  { { "<repo>", "the clone to check (default: the current directory's repository)" } },
	  { { "0", "healthy: every hook is installed and runs this flowgate" },
	    { "1", "a problem: one line each, with its fix" },
	    EXIT_USAGE("an unknown option, too many arguments, a bare repository (git runs "
		       "no client hook there)"),
	    { "3", "<repo> (or the current directory) is not in a work tree of a git "
	      "repository" } },
	  "flowgate doctor ~/src/project" },

	{ "hook", "run a client hook's checks, as git would (for hook managers)",
	  "flowgate hook pre-commit|commit-msg|pre-push|post-merge|post-commit|prepare-commit-msg|"
	  "applypatch-msg|pre-applypatch [<argument>...]",
	  "Run the checks of the client hook named, in this process, as git runs the hook: "
	  "the same arguments (githooks(5)), stdin, report on stderr and exit status. For hook "
	  "managers that run commands rather than hook files: husky, lefthook, the pre-commit "
	  "framework. A kept <hook>.pre-flowgate is not run. Given no argument, pre-push and "
	  "post-merge take theirs from the pre-commit framework's environment "
	  "(PRE_COMMIT_REMOTE_NAME, PRE_COMMIT_REMOTE_URL, PRE_COMMIT_LOCAL_BRANCH, "
	  "PRE_COMMIT_REMOTE_BRANCH, PRE_COMMIT_TO_REF, PRE_COMMIT_FROM_REF, "
	  "PRE_COMMIT_IS_SQUASH_MERGE); given the message file alone, prepare-commit-msg takes "
	  "its source from PRE_COMMIT_COMMIT_MSG_SOURCE and PRE_COMMIT_COMMIT_OBJECT_NAME. "
	  "prepare-commit-msg adds comment lines saying what the header must be (the format, "
	  "the types and scopes, the type of a hotfix/<name> or docs/<name> branch, the version "
	  "the staged version files set) when git is about to open the editor on a message "
	  "nobody gave, where git's cleanup drops them; it never changes a message given with "
	  "-m, -F or -C, a merge's, a squash's or an amend's.",
	  { { "pre-commit", "no argument" },
	    { "commit-msg <file>", "the message file" },
	    { "pre-push <remote> <url>", "the remote's name and URL; the ref lines on stdin" },
	    { "post-merge <squash>", "1 for a squash merge, else 0" },
	    { "post-commit", "no argument" },
	    { "prepare-commit-msg <file> [<source> [<commit>]]", "the message file, and git's "
	      "source of the message (message, template, merge, squash, commit) and commit" },
	    { "applypatch-msg <file>", "the message file of the patch git am applies" },
	    { "pre-applypatch", "no argument" } },
	  { { "0", "the checks pass, warnings allowed (post-merge, post-commit, "
	      "prepare-commit-msg: always)" },
	    { "1", "an error-severity violation" },
	    EXIT_USAGE("no hook name, an unknown hook, missing arguments, malformed stdin"),
	    EXIT_READ, EXIT_CONFIG },
	  "flowgate hook commit-msg .git/COMMIT_EDITMSG" },

	{ "help", "show a command's help, or list the commands",
	  "flowgate help [<command>]",
	  "Print the help of <command>: its synopsis, what it does, its options, exit "
	  "statuses and an example, as 'flowgate <command> --help' (or -h) does. Without a "
	  "command, list the commands, as 'flowgate --help' does. The manual pages say more: "
	  "flowgate(1) for the command and the hooks, flowgate-config(5) for the "
	  "configuration, flowgate-rules(7) for the rules.",
	  { { "<command>", "one of the commands flowgate --help lists" } },
	  { { "0", "the help was printed" },
	    EXIT_USAGE("a command flowgate does not have") },
	  "flowgate help bump" },
};

#define NCOMMANDS (sizeof(table) / sizeof(table[0]))

const struct fg_help *fg_help_get(size_t i)
{
	return i < NCOMMANDS ? &table[i] : NULL;
}

const struct fg_help *fg_help_find(const char *name)
{
	for (size_t i = 0; name && i < NCOMMANDS; i++)
		if (!strcmp(table[i].name, name))
			return &table[i];
	return NULL;
}

/*
 * TEXT to OUT, words filled into lines of at most WRAP columns: the first
 * line starts at column COL (what the caller printed before it), the next
 * ones after INDENT spaces. A word longer than a line goes on a line of its
 * own.
 */
static void wrap(FILE *out, const char *text, size_t col, size_t indent)
{
	int first = 1;

	while (*text) {
		size_t len;

		text += strspn(text, " ");
		if (!(len = strcspn(text, " ")))
			break;
		if (!first && col + 1 + len > WRAP) {
			fprintf(out, "\n%*s", (int)indent, "");
			col = indent;
		} else if (!first) {
			fputc(' ', out);
			col++;
		}
		fwrite(text, 1, len, out);
		col += len;
		text += len;
		first = 0;
	}
	fputc('\n', out);
}

void fg_help_print_usage(const struct fg_help *h, FILE *out)
{
	const char *line = h->synopsis;

	for (int first = 1; *line; first = 0) {
		size_t len = strcspn(line, "\n");

		fprintf(out, "%s%.*s\n", first ? "usage: " : "       ", (int)len, line);
		line += len + (line[len] == '\n');
	}
}

void fg_help_print(const struct fg_help *h, FILE *out)
{
	size_t width = 0, dashed = 0, n = 0;

	fg_help_print_usage(h, out);
	fputc('\n', out);
	wrap(out, h->description, 0, 0);
	for (const struct fg_help_option *o = h->options; o->name; o++) {
		if (strlen(o->name) > width)
			width = strlen(o->name);
		dashed += o->name[0] == '-';
		n++;
	}
	if (width > 26) /* a longer name gets its text on the next line */
		width = 26;
	if (h->options[0].name)
		fprintf(out, "\n%s:\n", dashed == n ? "Options" : dashed ? "Arguments and options"
			: "Arguments");
	for (const struct fg_help_option *o = h->options; o->name; o++) {
		if (strlen(o->name) > width)
			fprintf(out, "  %s\n%*s", o->name, (int)width + 4, "");
		else
			fprintf(out, "  %-*s  ", (int)width, o->name);
		wrap(out, o->text, width + 4, width + 4);
	}
	fprintf(out, "\nExit status:\n");
	for (const struct fg_help_exit *e = h->exits; e->status; e++) {
		fprintf(out, "  %s  ", e->status);
		wrap(out, e->text, 5, 5);
	}
	fprintf(out, "\nExample:\n  $ %s\n", h->example);
}

void fg_help_print_all(FILE *out)
{
	fprintf(out, "usage: flowgate <command> [<argument>...]\n"
		"       flowgate <command> --help | flowgate help <command>\n"
		"       flowgate --version\n\n");
	wrap(out, "flowgate's hooks refuse, on every commit and push, what breaks a "
	     "GitFlow-style release workflow: branch names, Conventional Commits messages, "
	     "version files, release tags. The command reports, explains and bumps:", 0, 0);
	fprintf(out, "\nCommands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-15s%s\n", table[i].name, table[i].summary);
	fputc('\n', out);
	wrap(out, "'flowgate <command> --help' (or 'flowgate help <command>') shows a "
	     "command's options; 'man flowgate' is the manual of the command and the hooks, "
	     "flowgate-config(5) of the configuration, flowgate-rules(7) of the rules.", 0, 0);
}
