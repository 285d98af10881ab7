/*
 * libgit2's start-up for the hooks and the flowgate command (git layer),
 * and its last error as text. Start-up cost matters: a hook should cost
 * about what exec costs. Debian's libgit2 1.5.1 spends ~4.6 ms in
 * git_libgit2_init() parsing the system CA bundle (mbedTLS) and ~1 ms in
 * libssh2/OpenSSL engine set-up, and its HTTP and SSH transports pull in
 * libgssapi_krb5 (six more shared libraries to load), libssh2 and libcrypto;
 * a hook never uses the network. The Makefile links libgit2.a statically and
 * passes ld's --wrap for those initialisers and for the constructors of the
 * HTTP(S) and SSH subtransports, so the calls inside libgit2 land on the
 * __wrap_ functions below and the network code stays out of the link;
 * fg_git_init then registers a TLS stream that refuses to connect, so
 * nothing can ever reach the uninitialised TLS state. User lookups: see
 * __wrap_getpwuid_r.
 */
#include <netdb.h>
#include <pwd.h>
#include <sys/types.h>
#include <git2.h>
#include <git2/sys/stream.h>
#include <git2/sys/transport.h>
#include "pattern.h"
#include "gitinit.h"

int __wrap_git_mbedtls_stream_global_init(void);
int __wrap_git_mbedtls__set_cert_location(const char *file, const char *path);
int __wrap_git_transport_ssh_global_init(void);
int __wrap_git_smart_subtransport_http(git_smart_subtransport **out, git_transport *owner,
				       void *param);
int __wrap_git_smart_subtransport_ssh(git_smart_subtransport **out, git_transport *owner,
				      void *param);
int __wrap_getpwuid_r(uid_t uid, struct passwd *pwd, char *buf, size_t len,
		      struct passwd **result);
int __wrap_getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
		       struct addrinfo **res);
extern _Bool git_http__expect_continue;

/*
 * ld --wrap target: libgit2's one user lookup, the home directory of the
 * user when HOME is unset, for the global config (sysdir.c,
 * get_passwd_home). git reads no global config then (config.c,
 * git_global_config: "~/.gitconfig" and $XDG_CONFIG_HOME's fallback both
 * need HOME), so the hooks find no entry: libgit2 then reads none either.
 * It also leaves NSS out of the statically linked hooks (Makefile,
 * FLOWGATE_STATIC_LIBC).
 */
int __wrap_getpwuid_r(uid_t uid, struct passwd *pwd, char *buf, size_t len,
		      struct passwd **result)
{
	(void)uid;
	(void)pwd;
	(void)buf;
	(void)len;
	*result = NULL;
	return 0;
}

/* ld --wrap target: the git:// transport's name lookup; a hook never connects. */
int __wrap_getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
		       struct addrinfo **res)
{
	(void)node;
	(void)service;
	(void)hints;
	*res = NULL;
	return EAI_FAIL;
}

/* ld --wrap targets: libgit2's TLS and SSH global initialisers, skipped. */
int __wrap_git_mbedtls_stream_global_init(void)
{
	return 0;
}

int __wrap_git_transport_ssh_global_init(void)
{
	return 0;
}

/*
 * ld --wrap targets that keep the network code out of the link: the
 * GIT_OPT_SET_SSL_CERT_LOCATIONS option (mbedTLS's streams/mbedtls.c), which
 * fails, and the http://, https:// and ssh:// subtransports (the HTTP client
 * with its Negotiate/GSSAPI authentication and the TLS stream; libssh2),
 * whose stand-ins refuse every request. A stand-in is created, not refused:
 * libgit2 1.5.1's git_transport_smart leaks its ref vectors when the
 * subtransport's constructor fails.
 *
 * The flag of GIT_OPT_ENABLE_HTTP_EXPECT_CONTINUE, a bool of libgit2's
 * transports/http.c that git_libgit2_opts sets, is the one other thing
 * libgit2 takes from that file: defined here (ld's --wrap crashes ld 2.40 on
 * a variable), it keeps the file out of the static link too. libgit2.so
 * does not export it (FLOWGATE_DYNAMIC=1): there it is an unused bool.
 */
_Bool git_http__expect_continue;

int __wrap_git_mbedtls__set_cert_location(const char *file, const char *path)
{
	(void)file;
	(void)path;
	git_error_set_str(GIT_ERROR_SSL, "flowgate hooks do not use the network (TLS is disabled)");
	return -1;
}

static int refuse_request(git_smart_subtransport_stream **out, const char *what)
{
	*out = NULL;
	git_error_set(GIT_ERROR_NET, "flowgate hooks do not use the network (%s is disabled)", what);
	return -1;
}

static int refuse_http(git_smart_subtransport_stream **out, git_smart_subtransport *sub,
		       const char *url, git_smart_service_t action)
{
	(void)sub;
	(void)url;
	(void)action;
	return refuse_request(out, "HTTP");
}

static int refuse_ssh(git_smart_subtransport_stream **out, git_smart_subtransport *sub,
		      const char *url, git_smart_service_t action)
{
	(void)sub;
	(void)url;
	(void)action;
	return refuse_request(out, "SSH");
}

static int refused_close(git_smart_subtransport *sub)
{
	(void)sub;
	return 0;
}

/* The stand-ins are static: libgit2's free of one releases nothing. */
static void refused_free(git_smart_subtransport *sub)
{
	(void)sub;
}

int __wrap_git_smart_subtransport_http(git_smart_subtransport **out, git_transport *owner,
				       void *param)
{
	static git_smart_subtransport http = { refuse_http, refused_close, refused_free };

	(void)owner;
	(void)param;
	*out = &http;
	return 0;
}

int __wrap_git_smart_subtransport_ssh(git_smart_subtransport **out, git_transport *owner,
				      void *param)
{
	static git_smart_subtransport ssh = { refuse_ssh, refused_close, refused_free };

	(void)owner;
	(void)param;
	*out = &ssh;
	return 0;
}

static int refuse_tls(git_stream **out, const char *host, const char *port)
{
	(void)host;
	(void)port;
	*out = NULL;
	git_error_set_str(GIT_ERROR_SSL, "flowgate hooks do not use the network (TLS is disabled)");
	return -1;
}

static int refuse_tls_wrap(git_stream **out, git_stream *in, const char *host)
{
	(void)in;
	return refuse_tls(out, host, NULL);
}

int fg_git_init(void)
{
	git_stream_registration tls = { GIT_STREAM_VERSION, refuse_tls, refuse_tls_wrap };
	const char *extensions[] = { "worktreeconfig" };
	int rc = git_libgit2_init();

	if (rc < 0)
		return rc;
	/*
	 * Like git, trust the objects already in the repository: they were
	 * hashed when they came in (fetch, index-pack). Verifying every object
	 * read again costs a fifth of a 10,000-commit pre-push.
	 */
	if ((rc = git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0)) < 0)
		return rc;
	/*
	 * Map packs 1 MiB at a time, where libgit2 maps each whole (1 GiB
	 * windows): a walk of many commits can then let the windows it is
	 * done with go (fg_walk_new, walk.h), and its resident memory stays
	 * flat. The instruction count does not change (callgrind, pre-push of
	 * 10,000 commits).
	 */
	if ((rc = git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)1 << 20)) < 0)
		return rc;
	/*
	 * git sparse-checkout sets extensions.worktreeConfig, which libgit2
	 * 1.5.1 refuses in a repository of format version 1 (a partial clone):
	 * it only adds config.worktree, which fg_repo_open reads.
	 */
	if ((rc = git_libgit2_opts(GIT_OPT_SET_EXTENSIONS, extensions, 1)) < 0)
		return rc;
	return git_stream_register(GIT_STREAM_TLS, &tls);
}

void fg_git_shutdown(void)
{
	fg_pattern_cleanup();
	git_libgit2_shutdown();
}

const char *fg_git_error(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "unknown libgit2 error";
}
