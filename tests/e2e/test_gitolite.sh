# End-to-end tests of the server hooks on real gitolite hosting: Debian's
# gitolite3 (installed with apt-get when root), set up by this test in its
# temporary folder as a test user of its own (created here, removed at the
# end), behind an sshd of its own on 127.0.0.1 and a high port, run as that
# user; users admin, alice, bob and carol push with their ssh keys. flowgate
# is installed on a gitolite repository both ways:
#   native   gitolite's own way: LOCAL_CODE and the repo-specific-hooks
#            feature in the rc file, flowgate's pre-receive in
#            $LOCAL_CODE/hooks/repo-specific/ and
#            `option hook.pre-receive = flowgate-pre-receive` in gitolite.conf
#   install  `install.sh --server` on the repository, which keeps gitolite's
#            update hook (its access control) and installs pre-receive only
#            (these cases are named "install.sh --server on gitolite")
# Asserted for each: gitolite's access control still holds (carol, without
# access, and bob, pushing outside refs/heads/feature/, are DENIED); good
# commits, branches and tags are accepted; bad ones are refused with the
# rule and its hint as `remote:` lines, the refs byte-for-byte unchanged and
# the pushed objects not kept; both survive `gitolite setup`; 30 pushes at
# once to the native repository lose nothing and let nothing bad in, and
# `git fsck` stays clean.
# Run: FLOWGATE_BUILD=/abs/build bash tests/e2e/test_gitolite.sh (or sh tests/e2e/run.sh).

. "$(dirname "$0")/lib.sh"
. "$E2E_DIR/server_lib.sh"
only_once "sshd with gitolite3"

GLU=fg-gitolite-$$
GLHOME=$TMP/gl
USER_MADE='' SSHD_PID=''

stop_sshd() {
	if [ -n "$SSHD_PID" ]; then
		kill "$SSHD_PID" 2>/dev/null
		wait "$SSHD_PID" 2>/dev/null
		SSHD_PID=''
	fi
}
# remove_user: the test user goes (its sessions end with sshd: a few tries).
remove_user() {
	local _
	[ -n "$USER_MADE" ] || return 0
	for _ in $(seq 50); do
		if userdel "$GLU" 2>/dev/null; then
			USER_MADE=''
			return 0
		fi
		sleep 0.1
	done
	return 1
}
cleanup() {
	storm_kill
	stop_sshd
	remove_user || echo "# warning: the test user $GLU could not be removed (userdel $GLU)"
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export GIT_EDITOR=true

[ "$(id -u)" -eq 0 ] || skip_all "gitolite: not root (the test creates a user and starts sshd)"
# gitolite3 and sshd as the machine has them; else unpacked here, not
# installed: gitolite3 depends on openssh-server, whose installation starts
# an sshd on port 22 of every interface. Only their libraries and tools are
# installed.
GITOLITE=gitolite SSHD=/usr/sbin/sshd
if ! command -v gitolite >/dev/null 2>&1 || [ ! -x "$SSHD" ]; then
	apt_need perl libjson-perl git openssh-client libwrap0 libpam0g libaudit1 \
		libgssapi-krb5-2 libkrb5-3 libselinux1 libssl3 libsystemd0 zlib1g ||
		skip_all "gitolite: apt-get install of gitolite's and sshd's libraries failed"
	DEBROOT=$(deb_unpack gitolite3 openssh-server) ||
		skip_all "gitolite: apt-get download gitolite3 openssh-server failed"
	if ! command -v gitolite >/dev/null 2>&1; then
		# Debian's gitolite names its folder, /usr/share/gitolite3, in its
		# scripts: the unpacked copy names the unpacked one. The command
		# sits in it too (as upstream's does), where gitolite finds the
		# command it runs (its folder comes first in its PATH).
		GITOLITE=$DEBROOT/usr/share/gitolite3/gitolite
		cp "$DEBROOT/usr/bin/gitolite" "$GITOLITE"
		grep -rl /usr/share/gitolite3 "$DEBROOT/usr/share/gitolite3" |
			while IFS= read -r f; do
				sed -i "s|/usr/share/gitolite3|$DEBROOT/usr/share/gitolite3|g" "$f"
			done
		grep -q "$DEBROOT/usr/share/gitolite3" "$GITOLITE" ||
			skip_all "gitolite: the unpacked gitolite does not name its folder as expected"
	fi
	[ -x "$SSHD" ] || SSHD=$DEBROOT/usr/sbin/sshd
fi
for t in "$GITOLITE" "$SSHD" ssh ssh-keygen useradd userdel setpriv; do
	command -v "$t" >/dev/null 2>&1 || skip_all "gitolite: $t not found"
done
echo "# gitolite: $(command -v "$GITOLITE"), sshd: $SSHD"

# ------------------------------------------------------ the gitolite user
chmod 755 "$TMP"
# A system account: no subordinate ids, no mail spool; its home is here.
if useradd -r -U -M -d "$GLHOME" -s /bin/sh -p '*' "$GLU" >"$LAST_OUT" 2>&1; then
	USER_MADE=1
else
	not_ok "useradd $GLU"
	exit 1
fi
mkdir -p "$GLHOME"
chown "$GLU:$GLU" "$GLHOME"
chmod 755 "$GLHOME"
BUILD=$(build_for "$GLU") || {
	not_ok "the hooks are reachable by $GLU"
	exit 1
}

# as_gl CMD...: CMD as the gitolite user, in its home.
as_gl() {
	(cd "$GLHOME" && setpriv --reuid="$GLU" --regid="$GLU" --init-groups \
		env HOME="$GLHOME" USER="$GLU" LOGNAME="$GLU" "$@")
}

KEYS=$TMP/keys
mkdir -p "$KEYS"
for k in admin alice bob carol; do
	ssh-keygen -q -t ed25519 -N '' -C "$k" -f "$KEYS/$k" || exit 1
done
cp "$KEYS/admin.pub" "$GLHOME/admin.pub"
chmod 644 "$GLHOME/admin.pub"
expect_ok "gitolite setup -pk admin.pub, as $GLU in $GLHOME" as_gl "$GITOLITE" setup -pk "$GLHOME/admin.pub"

# gitolite's own way of adding a hook to one repository (its rc file names
# both lines, commented out): LOCAL_CODE on the server, the
# repo-specific-hooks feature, the hook in LOCAL_CODE/hooks/repo-specific/.
RC=$GLHOME/.gitolite.rc
# shellcheck disable=SC2016 # $ENV{HOME} is gitolite's (perl), kept as it is
sed -i -e 's|^\( *\)# *\(LOCAL_CODE *=> *"$ENV{HOME}/local",\)|\1\2|' \
	-e "s|^\\( *\\)# *\\('repo-specific-hooks',\\)|\\1\\2|" "$RC"
n=$(grep -cE "^ *(LOCAL_CODE *=> *\"\\\$ENV\\{HOME\\}/local\",|'repo-specific-hooks',)" "$RC")
expect_eq "the rc file: LOCAL_CODE and repo-specific-hooks enabled" "$n" 2
as_gl mkdir -p "$GLHOME/local/hooks/repo-specific"
as_gl ln -s "$BUILD/hooks/pre-receive" "$GLHOME/local/hooks/repo-specific/flowgate-pre-receive"

# ------------------------------------------------------------------ sshd
SSHD_DIR=$TMP/sshd
mkdir -p "$SSHD_DIR"
ssh-keygen -q -t ed25519 -N '' -f "$SSHD_DIR/host_key" || exit 1
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT=''
for _ in 1 2 3 4 5 6; do
	p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
	port_busy "$p" && continue
	cat >"$SSHD_DIR/sshd_config" <<EOF
Port $p
ListenAddress 127.0.0.1
HostKey $SSHD_DIR/host_key
PidFile $SSHD_DIR/sshd.pid
AuthorizedKeysFile $GLHOME/.ssh/authorized_keys
AllowUsers $GLU
UsePAM no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
StrictModes yes
PrintMotd no
MaxStartups 100
LogLevel VERBOSE
EOF
	chown -R "$GLU:$GLU" "$SSHD_DIR"
	# Run as the gitolite user, as one server of it (no privilege
	# separation folder needed): setpriv and env exec, so $! is sshd.
	setpriv --reuid="$GLU" --regid="$GLU" --init-groups "$SSHD" -D -e \
		-f "$SSHD_DIR/sshd_config" </dev/null >>"$SSHD_DIR/log" 2>&1 &
	SSHD_PID=$!
	for _ in $(seq 100); do
		if port_busy "$p" && [ "$(cat "$SSHD_DIR/sshd.pid" 2>/dev/null)" = "$SSHD_PID" ]; then
			PORT=$p
			break
		fi
		kill -0 "$SSHD_PID" 2>/dev/null || break
		sleep 0.1
	done
	[ -n "$PORT" ] && break
	stop_sshd
done
if [ -z "$PORT" ]; then
	cp -- "$SSHD_DIR/log" "$LAST_OUT" 2>/dev/null
	not_ok "sshd starts on 127.0.0.1 as $GLU"
	exit 1
fi
ok "sshd listens on 127.0.0.1:$PORT as $GLU (pid $SSHD_PID)"

# as_key NAME: the next git and ssh commands connect with NAME's key.
as_key() {
	export GIT_SSH_COMMAND="ssh -F /dev/null -i $KEYS/$1 -o IdentitiesOnly=yes -o IdentityAgent=none \
-o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=$TMP/known_hosts -o LogLevel=ERROR"
}
# url REPO: the repository's ssh:// URL.
url() { printf 'ssh://%s@127.0.0.1:%s/%s\n' "$GLU" "$PORT" "$1"; }

as_key admin
# shellcheck disable=SC2086 # GIT_SSH_COMMAND's words
expect_ok "gitolite answers admin over ssh (info)" $GIT_SSH_COMMAND -p "$PORT" "$GLU@127.0.0.1" info
expect_output "gitolite's info names admin" '^hello admin, this is '

# -------------------------------------------------------- gitolite-admin
ADM=$TMP/gitolite-admin
expect_ok "admin clones gitolite-admin" git clone -q "$(url gitolite-admin)" "$ADM"
cp "$KEYS/alice.pub" "$KEYS/bob.pub" "$KEYS/carol.pub" "$ADM/keydir/"
cat >"$ADM/conf/gitolite.conf" <<'EOF'
repo gitolite-admin
    RW+                         =   admin

# flowgate the gitolite way: a repo-specific pre-receive hook
repo native
    RW+                         =   alice
    RW  refs/heads/feature/     =   bob
    R                           =   bob
    option hook.pre-receive     =   flowgate-pre-receive

# flowgate installed by install.sh --server
repo installed
    RW+                         =   alice
    RW  refs/heads/feature/     =   bob
    R                           =   bob
EOF
git -C "$ADM" add -A && git -C "$ADM" commit -q -m 'chore: add native and installed'
expect_ok "admin pushes gitolite.conf and the keys" git -C "$ADM" push -q origin HEAD
REPOS=$GLHOME/repositories
HOOKS=$REPOS/native.git/hooks
expect_eq "native.git: hooks/pre-receive is gitolite's multi-hook driver" \
	"$(readlink "$HOOKS/pre-receive")" "$GLHOME/local/hooks/multi-hook-driver"
expect_eq "native.git: the driver runs flowgate-pre-receive" \
	"$(readlink "$HOOKS/pre-receive.h00-flowgate-pre-receive")" \
	"$GLHOME/local/hooks/repo-specific/flowgate-pre-receive"
expect_eq "native.git: hooks/update is still gitolite's" \
	"$(readlink "$HOOKS/update")" "$GLHOME/.gitolite/hooks/common/update"

# ------------------------------------------------------------ the client
C=$TMP/client
new_repo "$C"
cd "$C" || exit 1
tick
set_version 0.1.0-dev
git commit -q -m 'chore: initial commit'
m1=$(head_oid)

# gitolite_cases LABEL REPO: the pushes both installations must pass, to
# $REPOS/REPO.git from the client (cwd): gitolite's access control, then
# flowgate's refusals and acceptances.
gitolite_cases() {
	local l=$1 u
	u=$(url "$2")
	SRV=$REPOS/$2.git
	git checkout -q main
	git reset -q --hard "$m1"

	as_key carol
	do_push "$u" main
	expect_eq "$l: carol (no access) cannot push" "$([ "$PUSH_STATUS" -ne 0 ] && echo failed)" failed
	expect_output "$l: carol is DENIED by gitolite" "DENIED"
	expect_eq "$l: carol's push: the refs are unchanged" "$STATE_AFTER" "$STATE_BEFORE"

	as_key alice
	accepted "$l: alice, good push (new branch main)" "refs/heads/main=$m1" "$u" main
	work 'feat: add the parser'
	local m2
	m2=$(head_oid)
	accepted "$l: alice, good push (fast-forward of main)" "refs/heads/main=$m2" "$u" main

	git checkout -q -B feature/x
	work 'feat: first step'
	work 'update stuff'
	work 'feat: third step'
	refused "$l: alice, bad message on a new branch" headerFormat "start with a type and a colon" \
		"$(new_objects feature/x)" "$u" feature/x
	git checkout -q main

	tick
	git commit -q --amend -m 'feat: add the parser, reworded'
	refused "$l: alice, force push to main (gitolite's RW+ allows it)" branchProtected \
		'git pull --rebase' "$(new_objects HEAD)" --force "$u" main
	git reset -q --hard "$m2"

	git checkout -q -B release/0.1.x main
	tick
	set_version 0.1.0
	git commit -q -m 'chore: prepare release 0.1.0'
	local rel tag
	rel=$(head_oid)
	accepted "$l: alice, release/0.1.x" "refs/heads/release/0.1.x=$rel" "$u" release/0.1.x
	git tag -f v0.1.0 >/dev/null
	refused "$l: alice, lightweight tag v0.1.0" tagAnnotated \
		"recreate it annotated: git tag -f -a v0\\.1\\.0 " "" "$u" v0.1.0
	tick
	git tag -f -m 'release: 0.1.0' v0.1.0 >/dev/null
	tag=$(git rev-parse v0.1.0)
	accepted "$l: alice, annotated v0.1.0" "refs/tags/v0.1.0=$tag" "$u" v0.1.0
	git checkout -q main

	as_key bob
	git checkout -q -B feature/bob main
	work 'fix: bob fixes a thing'
	local b
	b=$(head_oid)
	accepted "$l: bob, good push to feature/bob" "refs/heads/feature/bob=$b" "$u" feature/bob
	git checkout -q -B feature/bob-bad main
	work 'bob did things'
	refused "$l: bob, bad message on feature/bob-bad" headerFormat "start with a type and a colon" \
		"$(new_objects feature/bob-bad)" "$u" feature/bob-bad
	git checkout -q main
	work 'docs: bob writes on main'
	do_push "$u" main
	expect_eq "$l: bob, good commit to main (outside his refs): git push fails" \
		"$([ "$PUSH_STATUS" -ne 0 ] && echo failed)" failed
	expect_output "$l: bob, to main: DENIED by gitolite's update hook" \
		'^remote: FATAL: W refs/heads/main .*bob DENIED'
	expect_eq "$l: bob, to main: the refs are byte-for-byte unchanged" "$STATE_AFTER" "$STATE_BEFORE"
	git reset -q --hard "$m2"
	as_key alice
}

# again_after_setup LABEL REPO: `gitolite setup` run again (as after an
# upgrade), the installation still refuses a bad push and accepts a good one.
again_after_setup() {
	local l=$1 u
	u=$(url "$2")
	SRV=$REPOS/$2.git
	expect_ok "$l: gitolite setup again" as_gl "$GITOLITE" setup
	expect_eq "$l: after gitolite setup, hooks/update is still gitolite's" \
		"$(readlink "$SRV/hooks/update")" "$GLHOME/.gitolite/hooks/common/update"
	as_key alice
	git checkout -q -B feature/after-setup main
	work 'after setup'
	refused "$l: after gitolite setup, a bad push" headerFormat "start with a type and a colon" \
		"$(new_objects feature/after-setup)" "$u" feature/after-setup
	git commit -q --amend -m 'feat: after setup'
	accepted "$l: after gitolite setup, a good push" \
		"refs/heads/feature/after-setup=$(head_oid)" "$u" feature/after-setup
	git checkout -q main
}

# ==================================================== (a) gitolite's own way
gitolite_cases "native (option hook.pre-receive)" native
again_after_setup "native (option hook.pre-receive)" native
expect_eq "native: still the repo-specific hook after gitolite setup" \
	"$(readlink "$HOOKS/pre-receive.h00-flowgate-pre-receive")" \
	"$GLHOME/local/hooks/repo-specific/flowgate-pre-receive"

# ========================================= (b) install.sh --server on gitolite
L="install.sh --server on gitolite"
SRV=$REPOS/installed.git
GLUPDATE=$GLHOME/.gitolite/hooks/common/update
expect_eq "$L: before, hooks/update is gitolite's link" "$(readlink "$SRV/hooks/update")" "$GLUPDATE"
# install.sh as the gitolite user runs it; a copy here when the checkout
# is closed to that user (a checkout in /root)
INSTALL_SH=$TOP/install.sh
if ! as_gl test -r "$INSTALL_SH"; then
	cp -- "$TOP/install.sh" "$TMP/install.sh" && chmod 755 "$TMP/install.sh"
	INSTALL_SH=$TMP/install.sh
fi
expect_ok "$L: exits 0 (run as $GLU)" as_gl env FLOWGATE_BUILD="$BUILD" "$INSTALL_SH" --server "$SRV"
cp -- "$LAST_OUT" "$TMP/install.out"
expect_eq "$L: hooks/update is still gitolite's link" "$(readlink "$SRV/hooks/update")" "$GLUPDATE"
if is_launcher "$SRV/hooks/pre-receive" "$BUILD/hooks/pre-receive" "$BUILD/hooks/launch" >/dev/null 2>&1; then
	ok "$L: hooks/pre-receive is flowgate's"
else
	not_ok "$L: hooks/pre-receive is flowgate's"
fi
cp -- "$TMP/install.out" "$LAST_OUT"
expect_output "$L: it prints gitolite's own way (option hook.pre-receive)" 'hook\.pre-receive'
gitolite_cases "$L" installed
again_after_setup "$L" installed

# =============================================================== 30 at once
SRV=$REPOS/native.git
as_key alice
git checkout -q main
push_storm "30 concurrent pushes over ssh to gitolite (native)" "$(url native)"

# ================================================================ teardown
pid=$SSHD_PID
stop_sshd
expect_eq "sshd stopped by its PID" "$(kill -0 "$pid" 2>/dev/null && echo running)" ""
if remove_user; then ok "the test user $GLU is removed"; else not_ok "the test user $GLU is removed"; fi
expect_eq "no account named $GLU is left" "$(getent passwd "$GLU"; getent group "$GLU")" ""
