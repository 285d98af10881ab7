/*
 * Linked with -Wl,--wrap=... like the hooks (see GIT2_LIBS in the Makefile):
 * libgit2's TLS and SSH global initialisers become no-ops.
 */
int __wrap_git_mbedtls_stream_global_init(void);
int __wrap_git_transport_ssh_global_init(void);

int __wrap_git_mbedtls_stream_global_init(void)
{
	return 0;
}

int __wrap_git_transport_ssh_global_init(void)
{
	return 0;
}
