#!/bin/bash
# flowgate init with the real git on a Node, two Python (pyproject.toml,
# setup.py), a Rust and a halfORM layout, each with a legacy history: the
# version files found, the .flowgate written (read back by git config
# itself), flowgate version printing the project's version, flowgate
# check-range over the whole history passing, flowgate bump rewriting only
# the project's version; a .flowgate never overwritten without --force, and
# a second run changing nothing.
. "$(dirname "$0")/lib.sh"

FG="$FLOWGATE_BUILD/flowgate"
fg() { (cd "$R" && "$FG" "$@"); }
# legacy MESSAGE: an empty commit of the old history, one second later
legacy() { tick && git -C "$R" commit -q --allow-empty -m "$1"; }
# adopt NAME: flowgate init in $R, then the file committed, then the
# checks every layout must pass.
adopt() {
	expect_ok "$1: flowgate init exits 0" fg init
	cp "$LAST_OUT" "$TMP/init.out"
	expect_output "$1: says what it wrote and how to enable the hooks" \
		"^flowgate init: wrote \\.flowgate; next:"
	expect_output "$1: flowgate install" "^    flowgate install "
	expect_ok "$1: git config reads the file" git -C "$R" config -f .flowgate --list
	tick
	git -C "$R" add .flowgate && git -C "$R" commit -q -m 'chore: adopt flowgate'
	expect_ok "$1: check-range over the whole history, legacy commits included, passes" \
		fg check-range refs/heads/main
	expect_output "$1: check-range: nothing failed" '^[0-9]+ passed, 0 failed$'
	expect_status "$1: a second flowgate init exits 0" 0 fg init
	expect_output "$1: a second run changes nothing" '^flowgate init: \.flowgate is already so; nothing was written$'
	expect_eq "$1: the work tree is clean" "$(git -C "$R" status --porcelain)" ""
}

# ================================================================== Node
R=$TMP/node
new_repo "$R"
cat >"$R/package.json" <<'EOF'
{
  "name": "demo",
  "config": {
    "version": "9.9.9"
  },
  "version": "1.4.2",
  "dependencies": {
    "left-pad": "^1.3.0"
  }
}
EOF
cat >"$R/package-lock.json" <<'EOF'
{
  "name": "demo",
  "version": "1.4.2",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": {
      "name": "demo",
      "version": "1.4.2"
    },
    "node_modules/left-pad": {
      "version": "1.3.0"
    }
  }
}
EOF
git -C "$R" add . && tick && git -C "$R" commit -q -m 'initial import'
git -C "$R" tag v1.4.2
legacy 'WIP: more stuff'
expect_eq "node, before init: flowgate version reads halfORM's files" \
	"$(fg version 2>&1 | head -n 1)" "half_orm/version.txt: (absent)"
adopt node
expect_ok "node: package.json found" grep -qx 'flowgate init: package.json: 1.4.2 (the top-level "version")' "$TMP/init.out"
expect_ok "node: package-lock.json found" grep -qx 'flowgate init: package-lock.json: 1.4.2 (the top-level "version")' "$TMP/init.out"
expect_eq "node: flowgate version prints the project's version" "$(fg version)" 1.4.2
expect_eq "node: the pattern, as git config reads it back" \
	"$(git -C "$R" config -f .flowgate versionFile.package.json.pattern)" \
	'(?m)^  "version"[ \t]*:[ \t]*"([^"\n]*)"'
expect_eq "node: since is HEAD's commit (a commit after v1.4.2 would fail check-range)" \
	"$(git -C "$R" config -f .flowgate flowgate.since)" "$(git -C "$R" rev-parse HEAD~1)"
git -C "$R" checkout -q -b release/1.5.x
expect_ok "node: flowgate bump minor" fg bump minor
expect_eq "node: bump rewrote package.json's top-level version only" "$(git -C "$R" diff --cached -U0 package.json | grep '^[-+] ')" \
	"$(printf -- '-  "version": "1.4.2",\n+  "version": "1.5.0",')"
expect_eq "node: and package-lock.json's top-level one only" "$(git -C "$R" diff --cached -U0 package-lock.json | grep '^[-+] ')" \
	"$(printf -- '-  "version": "1.4.2",\n+  "version": "1.5.0",')"
git -C "$R" reset -q --hard && git -C "$R" checkout -q main

# init refusing to overwrite; --force
printf '[rule "headerMaxLength"]\n\tmax = 50\n' >>"$R/.flowgate"
cp "$R/.flowgate" "$TMP/edited"
expect_status "an edited .flowgate: flowgate init refuses, exit 1" 1 fg init
expect_output "the refusal names --force" "^flowgate init: error: \\.flowgate exists and says otherwise; nothing was written; replace it with flowgate init --force"
expect_ok "the refusal: the file is unchanged" cmp "$TMP/edited" "$R/.flowgate"
expect_ok "flowgate init --force replaces it" fg init --force
expect_output "--force: says so" "wrote \\.flowgate \\(replaced\\)"
expect_eq "--force: back to the committed file, since kept" "$(git -C "$R" status --porcelain)" ""
expect_status "flowgate init --bogus: exit 2" 2 fg init --bogus

# ======================================================== Python: pyproject
R=$TMP/pyproject
new_repo "$R"
cat >"$R/pyproject.toml" <<'EOF'
[build-system]
requires = ["setuptools>=61"]

[project]
name = "demo"
description = "version = \"0.0.1\" is not this one"
dependencies = [
    "requests>=2.0",
]
version = "0.3.0"

[tool.other]
version = "7.7.7"
EOF
git -C "$R" add . && tick && git -C "$R" commit -q -m 'first version'
legacy 'Fixed things'
tick && git -C "$R" tag -a 0.3.0 -m 'version 0.3.0'
legacy 'docs: the readme'
adopt pyproject
expect_ok "pyproject: found in [project]" grep -qx 'flowgate init: pyproject.toml: 0.3.0 (version in \[project\])' "$TMP/init.out"
expect_eq "pyproject: flowgate version" "$(fg version)" 0.3.0
expect_eq "pyproject: since is the release tag (what follows it passes)" \
	"$(git -C "$R" config -f .flowgate flowgate.since)" 0.3.0
expect_ok "pyproject: its tags have no v: tag.prefix is set" git -C "$R" config -f .flowgate tag.prefix
expect_eq "pyproject: its tags have no v: tag.prefix is empty" \
	"[$(git -C "$R" config -f .flowgate tag.prefix)]" "[]"
git -C "$R" checkout -q -b release/0.4.x
expect_ok "pyproject: flowgate bump minor" fg bump minor
expect_eq "pyproject: only [project]'s version changed" \
	"$(git -C "$R" diff --cached -U0 | grep '^[-+][^-+]')" "$(printf -- '-version = "0.3.0"\n+version = "0.4.0"')"
git -C "$R" reset -q --hard && git -C "$R" checkout -q main

# ====================================================== Python: setup.py
R=$TMP/setuppy
new_repo "$R"
printf "from setuptools import setup\n\nsetup(\n    name='demo',\n    version='2.1.0',\n)\n" >"$R/setup.py"
printf '[metadata]\nname = demo\nversion = attr: demo.__version__\n' >"$R/setup.cfg"
printf '2.1\n' >"$R/VERSION"
git -C "$R" add . && tick && git -C "$R" commit -q -m 'import'
legacy 'more'
adopt setup.py
expect_ok "setup.py: found" grep -qx "flowgate init: setup.py: 2.1.0 (version='X' in setup())" "$TMP/init.out"
expect_ok "setup.py: setup.cfg's attr: passed over, with why" \
	grep -qx 'flowgate init: setup.cfg: passed over: it holds no version where such a file keeps it' "$TMP/init.out"
expect_ok "setup.py: VERSION's 2.1 passed over, with why" \
	grep -qx 'flowgate init: VERSION: passed over: its value is not an X.Y.Z version' "$TMP/init.out"
expect_eq "setup.py: flowgate version" "$(fg version)" 2.1.0
expect_eq "setup.py: since is HEAD's commit (no release tag)" \
	"$(git -C "$R" config -f .flowgate flowgate.since)" "$(git -C "$R" rev-parse HEAD~1)"

# ================================================================== Rust
R=$TMP/rust
new_repo "$R"
cat >"$R/Cargo.toml" <<'EOF'
[package]
name = "demo"
version = "0.7.1"
edition = "2021"

[dependencies]
serde = { version = "1.0", features = ["derive"] }

[dev-dependencies.tempfile]
version = "3.8.0"
EOF
printf 'cmake_minimum_required(VERSION 3.10)\nproject(demo\n  VERSION 0.7.1\n  LANGUAGES C)\n' >"$R/CMakeLists.txt"
git -C "$R" add . && tick && git -C "$R" commit -q -m 'Cargo project'
tick && git -C "$R" tag -a v0.7.1 -m 'release 0.7.1'
legacy 'bump deps'
adopt rust
expect_ok "rust: Cargo.toml found" grep -qx 'flowgate init: Cargo.toml: 0.7.1 (version in \[package\])' "$TMP/init.out"
expect_ok "rust: CMakeLists.txt found" grep -qx 'flowgate init: CMakeLists.txt: 0.7.1 (project(... VERSION X))' "$TMP/init.out"
expect_eq "rust: flowgate version" "$(fg version)" 0.7.1
git -C "$R" checkout -q -b release/0.8.x
expect_ok "rust: flowgate bump minor" fg bump minor
expect_eq "rust: only [package]'s version changed in Cargo.toml" \
	"$(git -C "$R" diff --cached -U0 Cargo.toml | grep '^[-+][^-+]')" "$(printf -- '-version = "0.7.1"\n+version = "0.8.0"')"
expect_eq "rust: and project()'s VERSION in CMakeLists.txt" \
	"$(git -C "$R" diff --cached -U0 CMakeLists.txt | grep '^[-+][^-+]')" "$(printf -- '-  VERSION 0.7.1\n+  VERSION 0.8.0')"
git -C "$R" reset -q --hard && git -C "$R" checkout -q main

# ================================================================ halfORM
R=$TMP/halform
new_repo "$R"
(cd "$R" && set_version 0.16.0) && tick && git -C "$R" commit -q -m 'halfORM 0.16.0'
tick && git -C "$R" tag -a v0.16.0 -m 'release: 0.16.0'
legacy 'fix: a typo'
adopt halform
expect_eq "halform: the three files" \
	"$(grep -c '^flowgate init: \(half_orm/version.txt\|setup.py\|docs/index.md\): 0\.16' "$TMP/init.out")" 3
expect_eq "halform: three versionFile sections" "$(git -C "$R" config -f .flowgate --get-regexp '^versionfile\..*\.required' | wc -l)" 3
expect_eq "halform: docs/index.md is a series" "$(git -C "$R" config -f .flowgate versionFile.docs/index.md.kind)" series
expect_eq "halform: flowgate version" "$(fg version)" 0.16.0
expect_eq "halform: since is v0.16.0" "$(git -C "$R" config -f .flowgate flowgate.since)" v0.16.0

# ================================================================ no files
R=$TMP/empty
new_repo "$R"
expect_ok "an unborn branch, no version file: exit 0" fg init
expect_output "no version file: says so" "^flowgate init: warning: no version file found"
expect_eq "an unborn branch: no since" "$(git -C "$R" config -f "$R/.flowgate" flowgate.since)" ""
