# Apache 2 serving git over Smart HTTP (git-http-backend, basic
# authentication) on 127.0.0.1, from a folder of its own: sourced by the
# end-to-end test (tests/e2e/test_http.sh) and by make bench
# (tests/bench/http_push.sh). Needs bash (/dev/tcp) and root (Apache starts as
# root and serves as HTTP_USER, as Debian's does).
#
#   http_need                 apache2 and htpasswd are there (installed with
#                             apt-get when root), else one line saying why
#                             on stdout and status 1
#   http_start DIR            write DIR/httpd.conf, start Apache on a free
#                             high port; sets HTTP_PID, HTTP_PORT, HTTP_URL
#   http_add_user NAME PASS   a basic-auth user (DIR/htpasswd)
#   http_own PATH...          chown -R PATH... to HTTP_USER:HTTP_GROUP
#   http_stop                 stop Apache by its PID (idempotent)
#
# Served: DIR/repos/NAME.git at $HTTP_URL/git/NAME.git, and again at
# $HTTP_URL/safe/NAME.git where git's global configuration
# (GIT_CONFIG_GLOBAL=DIR/safe.gitconfig) has safe.directory = *: the way an
# administrator lets the web server push into repositories it does not own.
# Every request needs a user of DIR/htpasswd; git-http-backend then allows
# pushes (http.receivepack defaults to true once REMOTE_USER is set). The
# CGI's HOME is DIR/home (empty) and /etc/gitconfig is not read. Apache's
# logs: DIR/error.log, DIR/access.log.

HTTP_USER=${HTTP_USER:-www-data}
HTTP_GROUP=${HTTP_GROUP:-www-data}
HTTP_MODULES=/usr/lib/apache2/modules
HTTP_BACKEND=$(git --exec-path)/git-http-backend
HTTP_PID='' HTTP_PORT='' HTTP_URL='' HTTP_DIR=''

http_need() {
	local bin
	bin=$(command -v apache2 || echo /usr/sbin/apache2)
	if [ ! -x "$bin" ] || ! command -v htpasswd >/dev/null 2>&1; then
		# apache2-bin, not apache2: installing apache2 starts Debian's
		# Apache on port 80 of every interface; apache2-bin is the binary
		# and its modules, with no service
		if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
			echo "apache2 is not installed (apt-get install apache2-bin apache2-utils, as root)"
			return 1
		fi
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq apache2-bin apache2-utils \
			>/dev/null 2>&1 || {
			apt-get update -qq >/dev/null 2>&1
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq apache2-bin apache2-utils \
				>/dev/null 2>&1
		} || {
			echo "apt-get install apache2-bin apache2-utils failed"
			return 1
		}
	fi
	if [ "$(id -u)" -ne 0 ]; then
		echo "not root: Apache must start as root to serve as $HTTP_USER"
		return 1
	fi
	if [ ! -x "$HTTP_BACKEND" ]; then
		echo "no git-http-backend in $(git --exec-path)"
		return 1
	fi
	if ! id -u "$HTTP_USER" >/dev/null 2>&1; then
		echo "no user $HTTP_USER to serve as"
		return 1
	fi
	local m
	for m in mpm_prefork authn_core authn_file authz_core authz_user auth_basic alias cgi env; do
		if [ ! -f "$HTTP_MODULES/mod_$m.so" ]; then
			echo "no $HTTP_MODULES/mod_$m.so"
			return 1
		fi
	done
}

# http_conf DIR PORT: Apache's configuration, on stdout.
http_conf() {
	local d=$1 m
	for m in mpm_prefork authn_core authn_file authz_core authz_user auth_basic alias cgi env; do
		printf 'LoadModule %s_module %s/mod_%s.so\n' "$m" "$HTTP_MODULES" "$m"
	done
	cat <<EOF
ServerRoot "$d"
ServerName 127.0.0.1
Listen 127.0.0.1:$2
User $HTTP_USER
Group $HTTP_GROUP
PidFile "$d/httpd.pid"
DefaultRuntimeDir "$d/run"
ErrorLog "$d/error.log"
LogLevel warn
LogFormat "%h %u \"%r\" %>s %b" short
CustomLog "$d/access.log" short
DocumentRoot "$d/www"
Timeout 600
KeepAlive On
StartServers 4
MinSpareServers 4
MaxSpareServers 16
MaxRequestWorkers 100
<Directory />
	AllowOverride None
	Require all denied
</Directory>
<Directory "$(dirname "$HTTP_BACKEND")">
	Require all granted
</Directory>
SetEnv GIT_PROJECT_ROOT "$d/repos"
SetEnv GIT_HTTP_EXPORT_ALL 1
SetEnv GIT_CONFIG_NOSYSTEM 1
SetEnv HOME "$d/home"
ScriptAlias /git/ "$HTTP_BACKEND/"
ScriptAlias /safe/ "$HTTP_BACKEND/"
<Location "/safe/">
	SetEnv GIT_CONFIG_GLOBAL "$d/safe.gitconfig"
</Location>
<LocationMatch "^/(git|safe)/">
	AuthType Basic
	AuthName "flowgate test"
	AuthBasicProvider file
	AuthUserFile "$d/htpasswd"
	Require valid-user
</LocationMatch>
EOF
}

# http_port_busy PORT: something listens on 127.0.0.1:PORT.
http_port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

http_start() {
	local d=$1 p try _
	HTTP_DIR=$d
	mkdir -p "$d/run" "$d/www" "$d/home" "$d/repos"
	: >"$d/htpasswd"
	printf '[safe]\n\tdirectory = *\n' >"$d/safe.gitconfig"
	# Apache's children (HTTP_USER) read htpasswd and the repositories:
	# every folder above DIR must let them through.
	chmod 755 "$d" "$d/www" "$d/home" "$d/repos"
	chmod 644 "$d/htpasswd" "$d/safe.gitconfig"
	for try in 1 2 3 4 5 6; do
		p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
		http_port_busy "$p" && continue
		http_conf "$d" "$p" >"$d/httpd.conf"
		: >"$d/error.log"
		# Debian's /etc/apache2/envvars is not read: the configuration
		# names everything it needs. A session of its own: when stopped,
		# Apache signals its whole process group, which would otherwise
		# be the caller's (setsid execs, as the job is no group leader).
		setsid /usr/sbin/apache2 -d "$d" -f "$d/httpd.conf" -DFOREGROUND </dev/null \
			>>"$d/stdout.log" 2>&1 &
		HTTP_PID=$!
		for _ in $(seq 100); do
			if http_port_busy "$p" && [ -s "$d/httpd.pid" ]; then
				# shellcheck disable=SC2034 # for the caller
				HTTP_PORT=$p HTTP_URL=http://127.0.0.1:$p
				return 0
			fi
			kill -0 "$HTTP_PID" 2>/dev/null || break
			sleep 0.1
		done
		http_stop
		[ "$try" -lt 6 ] || break
	done
	return 1
}

http_add_user() {
	htpasswd -b "$HTTP_DIR/htpasswd" "$1" "$2" >/dev/null 2>&1
}

http_own() { chown -R "$HTTP_USER:$HTTP_GROUP" "$@"; }

http_stop() {
	if [ -n "$HTTP_PID" ]; then
		kill "$HTTP_PID" 2>/dev/null || true
		wait "$HTTP_PID" 2>/dev/null || true
		HTTP_PID=
	fi
}
