/*
 * What the libFuzzer targets of tests/fuzz/ share: per-input CPU-time and
 * heap budgets (libFuzzer's -timeout counts whole seconds only, its
 * -rss_limit_mb the whole process), an assertion
 * that aborts with a message (libFuzzer then saves the input), and copies
 * of the input as the C strings the parsers take.
 */
#ifndef FLOWGATE_FUZZ_H
#define FLOWGATE_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sanitizer/allocator_interface.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* FUZZ_ASSERT: a broken contract is a crash: print why and abort. */
#define FUZZ_ASSERT(cond, ...)                                                    \
	do {                                                                      \
		if (!(cond)) {                                                    \
			fprintf(stderr, "fuzz: %s:%d: assertion '%s' failed: ",   \
				__FILE__, __LINE__, #cond);                       \
			fprintf(stderr, __VA_ARGS__);                             \
			fputc('\n', stderr);                                      \
			abort();                                                  \
		}                                                                 \
	} while (0)

/*
 * The budgets of one input: FUZZ_UNIT_MS (default 100) milliseconds of this
 * thread's CPU time, and FUZZ_MEM_MB (default 64) MiB of heap above what
 * was live when it started (its peak, as the sanitizer's allocator counts
 * every malloc and free of flowgate, libgit2 and PCRE2). CPU time, not wall
 * time, so that targets run side by side on a loaded machine do not time
 * out for want of a core (a real hang is caught by libFuzzer's -timeout,
 * which counts whole seconds only); heap, not RSS, because the RSS of an
 * ASan process under libFuzzer starts at about 40-70 MiB of its own
 * (shadow memory, quarantine, coverage tables) before any input runs.
 */
static inline double fuzz_cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static inline double fuzz_env_number(const char *name, double fallback)
{
	const char *env = getenv(name);

	return env && atof(env) > 0 ? atof(env) : fallback;
}

static size_t fuzz_live, fuzz_peak; /* heap bytes live now, and the most since the input began */

static void fuzz_malloc_hook(const volatile void *ptr, size_t size)
{
	size_t live = __atomic_add_fetch(&fuzz_live, size, __ATOMIC_RELAXED);

	(void)ptr;
	if (live > __atomic_load_n(&fuzz_peak, __ATOMIC_RELAXED))
		__atomic_store_n(&fuzz_peak, live, __ATOMIC_RELAXED);
}

static void fuzz_free_hook(const volatile void *ptr)
{
	/* called before the chunk is freed; a bad free is ASan's to report */
	if (ptr && __sanitizer_get_ownership((const void *)ptr))
		__atomic_sub_fetch(&fuzz_live, __sanitizer_get_allocated_size((const void *)ptr),
				   __ATOMIC_RELAXED);
}

__attribute__((constructor)) static void fuzz_install_hooks(void)
{
	__sanitizer_install_malloc_and_free_hooks(fuzz_malloc_hook, fuzz_free_hook);
}

/* FUZZ_RUN(body): run BODY, abort when it went over a budget. */
#define FUZZ_RUN(body)                                                            \
	do {                                                                      \
		static double fuzz_ms_, fuzz_mb_;                                 \
		double fuzz_t0_, fuzz_dt_, fuzz_used_;                            \
		size_t fuzz_base_;                                                \
		if (!fuzz_ms_) {                                                  \
			fuzz_ms_ = fuzz_env_number("FUZZ_UNIT_MS", 100);          \
			fuzz_mb_ = fuzz_env_number("FUZZ_MEM_MB", 64);            \
		}                                                                 \
		fuzz_base_ = __atomic_load_n(&fuzz_live, __ATOMIC_RELAXED);       \
		__atomic_store_n(&fuzz_peak, fuzz_base_, __ATOMIC_RELAXED);       \
		fuzz_t0_ = fuzz_cpu_ms();                                         \
		body;                                                             \
		fuzz_dt_ = fuzz_cpu_ms() - fuzz_t0_;                              \
		fuzz_used_ = (double)(__atomic_load_n(&fuzz_peak, __ATOMIC_RELAXED) - \
				      fuzz_base_) / (1024.0 * 1024.0);            \
		FUZZ_ASSERT(fuzz_dt_ <= fuzz_ms_, "slow input: %.1f ms of CPU time " \
			    "(budget %.0f ms, FUZZ_UNIT_MS)", fuzz_dt_, fuzz_ms_);    \
		FUZZ_ASSERT(fuzz_used_ <= fuzz_mb_, "input used %.2f MiB of heap " \
			    "(budget %.0f MiB, FUZZ_MEM_MB)", fuzz_used_, fuzz_mb_);  \
	} while (0)

/* fuzz_strndup: DATA[0..SIZE) plus a NUL, newly allocated (a NUL inside ends the string). */
static inline char *fuzz_strndup(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	FUZZ_ASSERT(s, "out of memory");
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* fuzz_dup: DATA[0..SIZE) in a buffer of exactly SIZE bytes (at least 1), so ASan sees overreads. */
static inline char *fuzz_dup(const uint8_t *data, size_t size)
{
	char *s = malloc(size ? size : 1);

	FUZZ_ASSERT(s, "out of memory");
	if (size)
		memcpy(s, data, size);
	return s;
}

/*
 * fuzz_split: the input as two parts at its first '\n': *A the first line
 * (without the '\n'), *B the rest; no '\n': *B empty. Pointers into DATA.
 */
static inline void fuzz_split(const uint8_t *data, size_t size, const uint8_t **a, size_t *alen,
			      const uint8_t **b, size_t *blen)
{
	const uint8_t *nl = size ? memchr(data, '\n', size) : NULL;

	*a = data;
	*alen = nl ? (size_t)(nl - data) : size;
	*b = nl ? nl + 1 : data + size;
	*blen = nl ? size - *alen - 1 : 0;
}

/*
 * fuzz_printable: TEXT (may be NULL) holds nothing fg_escape (quote.h)
 * would escape with FLAGS: a report prints its texts as they are, so every
 * name, path or value in them must have been escaped when it was added.
 */
#define fuzz_printable(text, flags, what)                                          \
	FUZZ_ASSERT(!(text) || fg_escape_len((text), strlen(text), (flags)) ==     \
				       strlen(text), "%s is not printable: %s", (what), (text))

/* fuzz_devnull: a stream that discards what is written (opened once). */
static inline FILE *fuzz_devnull(void)
{
	static FILE *f;

	if (!f)
		f = fopen("/dev/null", "w");
	FUZZ_ASSERT(f, "cannot open /dev/null");
	return f;
}

#endif
