/*
 * libFuzzer target: the index reader (common/git/index.c) on any bytes. The
 * input's first 4 bytes (big-endian) are the length of the index file that
 * follows; what comes after it is the shared index, for a split index
 * (tests/fuzz/index_seeds.sh makes seeds of every format with git). Contracts:
 * a damaged or unknown file is refused with a printable message, never
 * read past its end; every answer is one of the states, a sparse answer
 * names a directory of the path; a path's answer does not depend on the
 * other paths asked with it.
 */
#include "fuzz.h"
#include "index.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static const char *const paths[] = {
	".flowgate", "VERSION", "half_orm/version.txt", "setup.py", "docs/index.md",
	"a", "a/b", "a/b/c", "b", "c/x", "d", "z",
};
#define NPATHS (sizeof(paths) / sizeof(paths[0]))

static void assert_message(const struct fg_index *ix)
{
	FUZZ_ASSERT(ix->error[0], "a refusal without a message");
	for (const char *p = ix->error; *p; p++)
		FUZZ_ASSERT(*p >= ' ' && *p < 0x7f, "a message byte 0x%02x: %s", (unsigned char)*p,
			    ix->error);
}

static void one_input(const uint8_t *data, size_t size)
{
	struct fg_index_find want[NPATHS];
	struct fg_index ix;
	size_t main_len;
	char *main, *shared;
	int rc;

	if (size < 4)
		return;
	main_len = (size_t)data[0] << 24 | (size_t)data[1] << 16 | (size_t)data[2] << 8 | data[3];
	if (main_len > size - 4)
		main_len = size - 4;
	/* exact-size copies: ASan sees a read past either file */
	main = fuzz_dup(data + 4, main_len);
	shared = fuzz_dup(data + 4 + main_len, size - 4 - main_len);
	fg_index_init(&ix);
	rc = fg_index_parse(&ix, main, main_len);
	FUZZ_ASSERT(rc == 0 || rc == FG_INDEX_UNKNOWN || rc == -1, "fg_index_parse returned %d", rc);
	if (rc == 0 && ix.split) {
		rc = fg_index_parse_shared(&ix, shared, size - 4 - main_len);
		FUZZ_ASSERT(rc == 0 || rc == FG_INDEX_UNKNOWN || rc == -1,
			    "fg_index_parse_shared returned %d", rc);
	}
	if (rc != 0) {
		assert_message(&ix);
		goto out;
	}
	for (size_t k = 0; k < NPATHS; k++)
		want[k].path = paths[k];
	if (fg_index_find(&ix, want, NPATHS) < 0) {
		assert_message(&ix);
		goto out;
	}
	for (size_t k = 0; k < NPATHS; k++) {
		struct fg_index_find one = { paths[k], 0, 0, { 0 }, 0 };

		FUZZ_ASSERT(want[k].state >= FG_INDEX_ABSENT && want[k].state <= FG_INDEX_SPARSE,
			    "%s: state %d", paths[k], want[k].state);
		if (want[k].state == FG_INDEX_SPARSE)
			FUZZ_ASSERT(want[k].rest > 0 && want[k].rest < strlen(paths[k]) &&
				    paths[k][want[k].rest - 1] == '/',
				    "%s: a sparse directory of %zu bytes", paths[k], want[k].rest);
		FUZZ_ASSERT(fg_index_find(&ix, &one, 1) == 0, "%s alone: %s", paths[k], ix.error);
		FUZZ_ASSERT(one.state == want[k].state && one.mode == want[k].mode &&
			    one.rest == want[k].rest && !memcmp(one.id, want[k].id, FG_INDEX_RAWSZ),
			    "%s: asked alone, state %d, with the others %d", paths[k], one.state,
			    want[k].state);
	}
out:
	fg_index_release(&ix);
	free(main);
	free(shared);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FUZZ_RUN(one_input(data, size));
	return 0;
}
