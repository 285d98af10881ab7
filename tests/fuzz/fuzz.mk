# libFuzzer targets for every parser (tests/fuzz/fuzz_<name>.c), and one
# (receive) for pre-receive's judgement of ref updates against a fixed
# repository, included by the Makefile. Nothing here runs in `make check`:
# fuzzing is slow.
#
#   make fuzz [FUZZ_TIME=60] [FUZZ_TARGETS="message tag"] [-j2]
#       fuzz each target FUZZ_TIME seconds, then a summary; fails on any
#       crash, sanitizer report, leak, broken contract (an assertion of the
#       target), input over FUZZ_UNIT_MS (100) ms of CPU time or 1 s of wall
#       time, or over FUZZ_MEM_MB (64) MiB of heap.
#   make fuzz-smoke
#       build the targets and run each once on its seeds and regression
#       inputs, no fuzzing (a few seconds: for CI).
#   make fuzz-build
#       build the targets only.
#   make fuzz-clean
#       remove $(FUZZ_BUILD) (the working corpora too).
#
# Everything goes to $(FUZZ_BUILD) (build-fuzz/): objects, binaries, the
# working corpora (seeded from tests/fuzz/seeds/<target>/, the seeds made
# in $(FUZZ_BUILD)/seeds/<target>/ (the index target's, index files git
# writes: tests/fuzz/index_seeds.sh), the regression
# inputs and ../shared/corpus/halform/ when present), logs and crash
# artifacts. tests/fuzz/ itself is never written to by a run.

FUZZ_BUILD ?= build-fuzz
FUZZ_CC ?= clang
FUZZ_TIME ?= 60
FUZZ_UNIT_MS ?= 100
FUZZ_MEM_MB ?= 64
FUZZ_RSS_MB ?= 512
FUZZ_MAX_LEN ?= 4096
FUZZ_TARGETS ?= message version branch tag prepush prereceive config vfile receive index
# Extra libFuzzer flags, e.g. FUZZ_FLAGS="-seed=1 -only_ascii=1".
FUZZ_FLAGS ?=
# The halfORM corpus, beside the checkout: cut into seed inputs
# (tests/fuzz/halform.sh) when it is there; missing: skipped.
FUZZ_EXTRA_SEEDS ?= ../shared/corpus/halform

# The receive target's contracts from issue 17 (fuzz_receive.c,
# FUZZ_RECEIVE_STRICT_CASE*), all on; -D<macro>=0 here turns one off (then
# `make fuzz-clean`, or touch tests/fuzz/fuzz_receive.c, to take effect).
FUZZ_RECEIVE_FLAGS ?=
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wpedantic $(FG_INCLUDES) \
	$(DEPCFLAGS) $(VERSION_CFLAGS) -MMD -MP -O1 -g -fno-omit-frame-pointer $(FUZZ_SAN)
# The shared libgit2: the fuzz build needs none of the static link's start-up savings.
FUZZ_LIBS = $(shell $(PKG_CONFIG) --libs libgit2 libpcre2-8 zlib)

FUZZ_COMMON_OBJ = $(COMMON_SRC:%.c=$(FUZZ_BUILD)/%.o)
FUZZ_BINS = $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%)
FUZZ_OBJ = $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/tests/fuzz/fuzz_%.o)
FUZZ_RUNS = $(FUZZ_TARGETS:%=fuzz-run-%)
FUZZ_SMOKES = $(FUZZ_TARGETS:%=fuzz-smoke-%)

# The sanitizers' run-time options: leaks of libgit2 1.5.1 suppressed as in
# `make sanitize`; a small ASan quarantine keeps the process's RSS low.
FUZZ_ENV = FUZZ_UNIT_MS=$(FUZZ_UNIT_MS) FUZZ_MEM_MB=$(FUZZ_MEM_MB) FUZZ_RSS_MB=$(FUZZ_RSS_MB) \
	FUZZ_MAX_LEN=$(FUZZ_MAX_LEN) \
	ASAN_OPTIONS=quarantine_size_mb=8:malloc_context_size=20:detect_leaks=1 \
	LSAN_OPTIONS=suppressions=$(abspath tests/lsan.supp):print_suppressions=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

$(FUZZ_BUILD)/common/%.o: common/%.c
	@mkdir -p $(@D)
	$(if $(Q),@echo "  CC      $@")
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_BUILD)/tests/fuzz/%.o: tests/fuzz/%.c
	@mkdir -p $(@D)
	$(if $(Q),@echo "  CC      $@")
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_BUILD)/fuzz_%: $(FUZZ_BUILD)/tests/fuzz/fuzz_%.o $(FUZZ_COMMON_OBJ)
	$(if $(Q),@echo "  LINK    $@")
	$(Q)$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $< $(FUZZ_COMMON_OBJ) $(FUZZ_LIBS)

$(FUZZ_BUILD)/tests/fuzz/fuzz_receive.o: FUZZ_CFLAGS += $(FUZZ_RECEIVE_FLAGS)

# The receive target links its fixed repository's builder (fuzz_receive_repo.c) too.
FUZZ_RECEIVE_OBJ = $(FUZZ_BUILD)/tests/fuzz/fuzz_receive.o \
	$(FUZZ_BUILD)/tests/fuzz/fuzz_receive_repo.o
$(FUZZ_BUILD)/fuzz_receive: $(FUZZ_RECEIVE_OBJ) $(FUZZ_COMMON_OBJ)
	$(if $(Q),@echo "  LINK    $@")
	$(Q)$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $(FUZZ_RECEIVE_OBJ) $(FUZZ_COMMON_OBJ) \
		$(FUZZ_LIBS)

fuzz-build: $(FUZZ_BINS)

# The index target's seeds: index files of every format, made by git.
$(FUZZ_BUILD)/seeds/index.made: tests/fuzz/index_seeds.sh
	@rm -rf $(FUZZ_BUILD)/seeds/index
	$(if $(Q),@echo "  SEEDS   $(FUZZ_BUILD)/seeds/index")
	$(Q)sh tests/fuzz/index_seeds.sh $(FUZZ_BUILD)/seeds/index && touch $@

fuzz-run-index fuzz-smoke-index: $(FUZZ_BUILD)/seeds/index.made

# One target's run; its result line goes to $(FUZZ_BUILD)/results/<target>.
$(FUZZ_RUNS): fuzz-run-%: $(FUZZ_BUILD)/fuzz_%
	@$(FUZZ_ENV) sh tests/fuzz/run.sh fuzz $* $< $(FUZZ_BUILD) $(FUZZ_TIME) \
		"$(FUZZ_EXTRA_SEEDS)" $(FUZZ_FLAGS)

$(FUZZ_SMOKES): fuzz-smoke-%: $(FUZZ_BUILD)/fuzz_%
	@$(FUZZ_ENV) sh tests/fuzz/run.sh smoke $* $< $(FUZZ_BUILD) 0 "" $(FUZZ_FLAGS)

fuzz: $(FUZZ_RUNS)
	@sh tests/fuzz/run.sh summary "$(FUZZ_TARGETS)" fuzz $(FUZZ_BUILD) $(FUZZ_TIME)

fuzz-smoke: $(FUZZ_SMOKES)
	@sh tests/fuzz/run.sh summary "$(FUZZ_TARGETS)" smoke $(FUZZ_BUILD) 0

fuzz-clean:
	rm -rf $(FUZZ_BUILD)

.PHONY: fuzz fuzz-smoke fuzz-build fuzz-clean $(FUZZ_RUNS) $(FUZZ_SMOKES)

-include $(FUZZ_COMMON_OBJ:.o=.d) $(FUZZ_OBJ:.o=.d)
-include $(FUZZ_BUILD)/tests/fuzz/fuzz_receive_repo.d
