/*
 * The body of the two hook-input targets (fuzz_prepush.c, fuzz_prereceive.c):
 * the input is the hook's stdin, split by fg_parse_updates as the hook
 * calls it (FUZZ_RECEIVE 0: pre-push, 1: pre-receive).
 */
#include "fuzz.h"
#include "updates.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static void one_input(const uint8_t *data, size_t size)
{
	/* as the hooks hand it: a copy of stdin with a NUL after it (fg_hook_read_input) */
	char *input = fuzz_strndup(data, size);
	struct fg_ref_update *updates = NULL;
	size_t count = 0, lines = 0;
	int rc = fg_parse_updates(input, size, FUZZ_RECEIVE, &updates, &count);

	FUZZ_ASSERT(rc == 0 || rc == -1, "fg_parse_updates returned %d", rc);
	if (rc < 0) {
		FUZZ_ASSERT(!updates && !count, "failure with updates");
	} else {
		FUZZ_ASSERT(!count == !updates, "%zu updates, array %p", count, (void *)updates);
		FUZZ_ASSERT(!memchr(data, '\0', size), "a line with a NUL accepted");
		/* one update per non-empty line */
		for (size_t i = 0; i < size;) {
			const uint8_t *nl = memchr(data + i, '\n', size - i);
			size_t end = nl ? (size_t)(nl - data) : size;

			lines += end > i;
			i = end + 1;
		}
		FUZZ_ASSERT(count == lines, "%zu updates for %zu lines", count, lines);
	}
	for (size_t i = 0; i < count; i++) {
		const struct fg_ref_update *u = &updates[i];
		char hex[GIT_OID_HEXSZ + 1];
		const char *f[2] = { u->local_ref, u->remote_ref };

		for (int k = 0; k < 2; k++) {
			/* an empty field is malformed (regressions/<target>/empty-refname) */
			FUZZ_ASSERT(*f[k], "an empty refname accepted");
			FUZZ_ASSERT(f[k] >= input && f[k] < input + size, "refname outside the input");
			FUZZ_ASSERT(strlen(f[k]) <= size - (size_t)(f[k] - input),
				    "refname runs past the input");
		}
		if (FUZZ_RECEIVE)
			FUZZ_ASSERT(u->local_ref == u->remote_ref, "pre-receive: two refnames");
		/* the OIDs are 40 hex digits of the line, read back as they were written */
		git_oid_tostr(hex, sizeof(hex), &u->local);
		git_oid_tostr(hex, sizeof(hex), &u->remote);
	}
	free(updates);
	free(input);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FUZZ_RUN(one_input(data, size));
	return 0;
}
