# flowgate: git hooks for a GitFlow-style release workflow.
# Targets: all check install uninstall deb clean sanitize valgrind bench fuzz fuzz-smoke
# (V=1 for verbose).

# flowgate's version: the one place it is defined (flowgate --version, every
# hook's --version, the Debian package).
VERSION = 0.1.0

PREFIX ?= /usr/local
HOOKDIR ?= $(PREFIX)/libexec/flowgate
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
DESTDIR ?=
BUILD ?= build
PKG_CONFIG ?= pkg-config
CC ?= cc
CFLAGS ?= -O2 -g

# Static libgit2: Debian's libgit2.a lets the hooks skip the dynamic loader's
# work for it, and lets ld --wrap cut out the network code a hook never runs
# (the __wrap_ stubs in common/git/gitinit.c): the TLS and SSH global
# initialisers (CA bundle parsing, OpenSSL engine loading), mbedTLS's CA
# option, and the HTTP(S) and SSH subtransports (gitinit.c also defines the
# one flag libgit2 takes from the HTTP one), whose code (the HTTP client
# with its Negotiate/GSSAPI authentication, the TLS stream, libssh2) then
# stays out of the link with the libraries it needs: libgssapi_krb5 and its
# six libraries, libssh2, libcrypto, mbedTLS's TLS and X.509 parts; and its
# two lookups through NSS (getpwuid_r, getaddrinfo: gitinit.c). libc is the
# only shared library left (none for the hooks: FLOWGATE_STATIC_LIBC below).
# FLOWGATE_DYNAMIC=1 links the shared libgit2 instead (slower start-up, same
# behaviour but for libgit2's own home directory lookup).
FLOWGATE_DYNAMIC ?=
ifeq ($(FLOWGATE_DYNAMIC),)
GIT2_WRAP = git_mbedtls_stream_global_init git_mbedtls__set_cert_location \
	git_transport_ssh_global_init git_smart_subtransport_http git_smart_subtransport_ssh \
	getpwuid_r getaddrinfo
GIT2_STATIC = -lgit2 -lmbedcrypto -lhttp_parser -lpcre2-8 -lz
GIT2_LIBS = $(GIT2_WRAP:%=-Wl,--wrap=%) -Wl,-Bstatic $(GIT2_STATIC) -Wl,-Bdynamic \
	-Wl,--as-needed -lrt -pthread -ldl
else
GIT2_LIBS = $(shell $(PKG_CONFIG) --libs libgit2 libpcre2-8 zlib)
endif

# The hooks' and the flowgate command's link: a fixed-address executable
# (-no-pie: nothing to relocate at start, where a PIE had ~18,000 relative
# relocations), the sections nothing calls dropped (with
# -ffunction-sections -fdata-sections in ALL_CFLAGS) but the markers no code
# reads: common/engine/hook.c's fg_hook_marker, by which install.sh and the flowgate
# command tell a flowgate hook, and pre-receive's fg_role_marker, by which
# update tells flowgate's pre-receive (common/engine/hook.h). Figures: the README's
# "Start-up cost".
HOOK_LDFLAGS = -no-pie -Wl,--gc-sections -Wl,--require-defined=fg_hook_marker -Wl,-O1
$(BUILD)/hooks/pre-receive: HOOK_LDFLAGS += -Wl,--require-defined=fg_role_marker

# The hooks' libc: glibc linked statically (FLOWGATE_STATIC_LIBC=1, the
# default with the static libgit2 on a GNU/Linux target). A hook then maps
# no shared library at all: the dynamic loader's work for libc (relocating
# it, looking up each symbol the hook calls: ~140,000 of commit-msg's
# ~580,000 instructions) and its mappings are gone, and a hook costs about
# what exec costs (docs/building.md, "glibc in the hooks"). What glibc
# loads at run time still works: iconv's converters (a message in ISO-8859-1) from
# the system's gconv modules, which glibc loads into a static program with
# the shared libc of the same glibc release; user lookups (NSS) are none, as
# in git: libgit2's one, a home directory when HOME is unset, gives no entry
# (gitinit.c). The flowgate command stays dynamic; so do the sanitizer build
# (ASan needs the shared libc) and FLOWGATE_DYNAMIC=1. FLOWGATE_STATIC_LIBC=
# links the hooks' libc dynamically.
ifeq ($(origin FLOWGATE_STATIC_LIBC),undefined)
FLOWGATE_STATIC_LIBC := $(if $(FLOWGATE_DYNAMIC),,$(if $(filter %-linux-gnu,$(shell $(CC) -dumpmachine)),1))
endif
ifeq ($(FLOWGATE_STATIC_LIBC),1)
HOOK_BIN_LDFLAGS = -static
HOOK_BIN_LIBS = $(GIT2_WRAP:%=-Wl,--wrap=%) $(GIT2_STATIC) -pthread
DEB_STATIC_LIBS = -Wl,-Bstatic -lc -Wl,-Bdynamic
else
HOOK_BIN_LIBS = $(GIT2_LIBS)
endif

DEPCFLAGS = $(shell $(PKG_CONFIG) --cflags libgit2 libpcre2-8 zlib)
CHECK_CFLAGS = $(shell $(PKG_CONFIG) --cflags check)
CHECK_LIBS = $(shell $(PKG_CONFIG) --libs check) -pthread

# common/ in layers, each using only those below it (common/README):
# base, rules, git, engine; hooks/ on top. Headers are included by name.
FG_LAYERS = base rules git engine
FG_INCLUDES = $(FG_LAYERS:%=-Icommon/%) -Ihooks
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wpedantic \
	$(FG_INCLUDES) $(DEPCFLAGS) $(VERSION_CFLAGS) -MMD -MP -ffunction-sections -fdata-sections \
	$(CFLAGS)
VERSION_CFLAGS = -DFLOWGATE_VERSION='"$(VERSION)"'

HOOKS = pre-commit commit-msg pre-push post-merge post-commit prepare-commit-msg applypatch-msg pre-applypatch
SERVER_HOOKS = pre-receive update
COMMON_SRC = $(foreach l,$(FG_LAYERS),$(wildcard common/$(l)/*.c))
COMMON_OBJ = $(COMMON_SRC:%.c=$(BUILD)/%.o)
LIB = $(BUILD)/libflowgate.a
# Each hook's flow, hooks/<hook>.c, compiled a second time without its
# main() (FG_HOOK_LIBRARY: hook.h's FG_HOOK_MAIN), for what runs a hook's
# flow from elsewhere: `flowgate hook`, the hooks that share another's flow
# (pre-applypatch, applypatch-msg, post-commit) and the unit suites.
HOOK_FLOW_SRC = $(filter-out hooks/launch.c hooks/flowgate.c,$(wildcard hooks/*.c))
HOOK_FLOW_OBJ = $(HOOK_FLOW_SRC:hooks/%.c=$(BUILD)/hooks/lib/%.o)
HOOKLIB = $(BUILD)/libflowgate-hooks.a
# The flowgate command: its dispatch (hooks/flowgate.c) and its
# subcommands (hooks/flowgate/*.c).
CLI_SRC = hooks/flowgate.c $(wildcard hooks/flowgate/*.c)
CLI_OBJ = $(CLI_SRC:%.c=$(BUILD)/%.o)
HOOK_BINS = $(HOOKS:%=$(BUILD)/hooks/%) $(SERVER_HOOKS:%=$(BUILD)/hooks/%)
# The flowgate command (rules, config, explain), usable from the build tree.
CLI_BIN = $(BUILD)/flowgate
# The launcher install.sh copies into a clone under each hook's name
# (hooks/launch.c). On x86-64 Linux it is built without libc
# (LAUNCH_NOLIBC=1): a static executable of a few KB with its own _start,
# that costs an exec and nothing more; LAUNCH_NOLIBC= builds it on libc
# (dynamic), as on other machines and in the sanitizer build.
LAUNCH = $(BUILD)/hooks/launch
# The manual pages: mdoc(7) sources in docs/, written into $(BUILD)/man/ by
# docs/mangen.c, which puts in the help table and the rule registry.
MAN_SRC = docs/flowgate.1.in docs/flowgate-config.5.in docs/flowgate-rules.7.in
MAN_PAGES = $(MAN_SRC:docs/%.in=$(BUILD)/man/%)
MANGEN = $(BUILD)/tools/mangen

ifeq ($(origin LAUNCH_NOLIBC),undefined)
LAUNCH_NOLIBC := $(if $(filter x86_64-%linux-gnu,$(shell $(CC) -dumpmachine)),1)
endif
LAUNCH_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wpedantic
ifeq ($(LAUNCH_NOLIBC),1)
# After the user's CFLAGS: no call into libc may be emitted (no stack
# protector, -fno-builtin, no loop turned into memcpy or strlen; -nostdlib
# makes one a link error); one loadable segment of code (-z
# noseparate-code: 6.8 KB stripped where it would take 14.1 KB).
LAUNCH_NOLIBC_CFLAGS = -DFG_LAUNCH_NOLIBC -ffreestanding -fno-builtin \
	-fno-tree-loop-distribute-patterns -fno-stack-protector -fno-asynchronous-unwind-tables \
	-fno-pie
LAUNCH_LDFLAGS = -nostdlib -static -no-pie -Wl,-z,noseparate-code
endif
TEST_SRC = $(wildcard tests/unit/*.c)
TEST_OBJ = $(TEST_SRC:%.c=$(BUILD)/%.o)
TEST_BIN = $(BUILD)/tests/check_flowgate

ifeq ($(V),1)
Q =
else
Q = @
endif

all: $(HOOK_BINS) $(CLI_BIN) $(LAUNCH) $(MAN_PAGES)

# The Makefile holds VERSION: objects are rebuilt when it changes.
$(BUILD)/%.o: %.c Makefile
	@mkdir -p $(@D)
	$(if $(Q),@echo "  CC      $@")
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/unit/%.o: ALL_CFLAGS += $(CHECK_CFLAGS)

$(LIB): $(COMMON_OBJ)
	$(if $(Q),@echo "  AR      $@")
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(BUILD)/hooks/lib/%.o: hooks/%.c Makefile
	@mkdir -p $(@D)
	$(if $(Q),@echo "  CC      $@")
	$(Q)$(CC) $(ALL_CFLAGS) -DFG_HOOK_LIBRARY -c -o $@ $<

$(HOOKLIB): $(HOOK_FLOW_OBJ)
	$(if $(Q),@echo "  AR      $@")
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(BUILD)/hooks/%: $(BUILD)/hooks/%.o $(HOOKLIB) $(LIB)
	$(if $(Q),@echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS) $(HOOK_LDFLAGS) $(HOOK_BIN_LDFLAGS) $(LDFLAGS) -o $@ $< $(HOOKLIB) $(LIB) \
		$(HOOK_BIN_LIBS)

# Not the library nor libgit2: a clone holds one copy per hook, and every
# hook runs it first.
$(LAUNCH): hooks/launch.c Makefile
	@mkdir -p $(@D)
	$(if $(Q),@echo "  LINK    $@")
	$(Q)$(CC) $(LAUNCH_CFLAGS) $(CFLAGS) $(LAUNCH_NOLIBC_CFLAGS) $(LDFLAGS) $(LAUNCH_LDFLAGS) \
		-o $@ $<

$(CLI_BIN): $(CLI_OBJ) $(HOOKLIB) $(LIB)
	$(if $(Q),@echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS) $(HOOK_LDFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(HOOKLIB) $(LIB) $(GIT2_LIBS)

$(MANGEN): $(BUILD)/docs/mangen.o $(LIB)
	@mkdir -p $(@D)
	$(if $(Q),@echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(GIT2_LIBS)

$(BUILD)/man/%: docs/%.in $(MANGEN)
	@mkdir -p $(@D)
	$(if $(Q),@echo "  MAN     $@")
	$(Q)$(MANGEN) $< $(VERSION) >$@.tmp && mv $@.tmp $@

$(TEST_BIN): $(TEST_OBJ) $(HOOKLIB) $(LIB)
	@mkdir -p $(@D)
	$(if $(Q),@echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(TEST_OBJ) $(HOOKLIB) $(LIB) $(CHECK_LIBS) $(GIT2_LIBS)

# make check: the Check unit suites, then the end-to-end tests with real git.
check: $(HOOK_BINS) $(CLI_BIN) $(LAUNCH) $(MAN_PAGES) $(TEST_BIN)
	$(TEST_BIN)
	FLOWGATE_BUILD=$(abspath $(BUILD)) sh tests/e2e/run.sh

unit: $(TEST_BIN)
	$(TEST_BIN)

# ASan+UBSan build of everything, then the same tests (unit and end-to-end).
SAN_FLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=all
# tests/lsan.supp: known leaks of the linked libraries (libgit2 1.5.1);
# their frames are found only by the slow unwinder (Debian builds them
# without frame pointers).
# FLOWGATE_E2E_SANITIZE=1 tells the end-to-end tests that drive other tools
# (hook managers, real servers) to skip, with a "# skip" line: they run once,
# in the plain build (CI's first stage). The launcher is built on libc
# (LAUNCH_NOLIBC=), so that the sanitizers see its code too.
sanitize:
	FLOWGATE_E2E_SANITIZE=1 ASAN_OPTIONS=fast_unwind_on_malloc=0 \
	LSAN_OPTIONS=suppressions=$(abspath tests/lsan.supp):print_suppressions=0 \
		$(MAKE) BUILD=build-san CFLAGS="$(SAN_FLAGS)" LDFLAGS="$(SAN_FLAGS)" LAUNCH_NOLIBC= \
		FLOWGATE_STATIC_LIBC= check

# The unit suites under valgrind's memcheck, without Check's fork.
valgrind: $(TEST_BIN)
	CK_FORK=no valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect \
		--error-exitcode=99 -q $(TEST_BIN)

bench: $(HOOK_BINS) $(CLI_BIN) $(LAUNCH)
	FLOWGATE_BUILD=$(abspath $(BUILD)) sh tests/bench/bench.sh

# make install: the command in $(BINDIR); the hook binaries, the launcher
# and install.sh (which enables a clone with no source tree) in $(HOOKDIR),
# all stripped but install.sh; the manual pages in $(MANDIR)/man1, man5 and
# man7; the bash completion in $(BASHCOMPDIR). `flowgate install` runs
# <dir of flowgate>/../libexec/flowgate/install.sh: keep HOOKDIR there.
INSTALL ?= install
install: $(HOOK_BINS) $(CLI_BIN) $(LAUNCH) $(MAN_PAGES)
	mkdir -p $(DESTDIR)$(HOOKDIR) $(DESTDIR)$(BINDIR)
	for h in $(HOOKS) $(SERVER_HOOKS) launch; do \
		$(INSTALL) -s -m 755 $(BUILD)/hooks/$$h $(DESTDIR)$(HOOKDIR)/$$h || exit 1; \
	done
	$(INSTALL) -m 755 install.sh $(DESTDIR)$(HOOKDIR)/install.sh
	$(INSTALL) -s -m 755 $(CLI_BIN) $(DESTDIR)$(BINDIR)/flowgate
	for p in $(MAN_PAGES); do \
		mkdir -p $(DESTDIR)$(MANDIR)/man$${p##*.} && \
		$(INSTALL) -m 644 $$p $(DESTDIR)$(MANDIR)/man$${p##*.}/ || exit 1; \
	done
	mkdir -p $(DESTDIR)$(BASHCOMPDIR)
	$(INSTALL) -m 644 contrib/completion/flowgate.bash $(DESTDIR)$(BASHCOMPDIR)/flowgate

uninstall:
	for h in $(HOOKS) $(SERVER_HOOKS) launch install.sh; do rm -f $(DESTDIR)$(HOOKDIR)/$$h; done
	rm -f $(DESTDIR)$(BINDIR)/flowgate
	for p in $(MAN_PAGES:$(BUILD)/man/%=%); do rm -f $(DESTDIR)$(MANDIR)/man$${p##*.}/$$p; done
	-rmdir $(DESTDIR)$(HOOKDIR) 2>/dev/null
	rm -f $(DESTDIR)$(BASHCOMPDIR)/flowgate
	-rmdir $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 \
		$(DESTDIR)$(MANDIR) $(DESTDIR)$(BASHCOMPDIR) $(dir $(DESTDIR)$(BASHCOMPDIR)) \
		2>/dev/null

# The Debian package: build/flowgate_$(VERSION)_<arch>.deb (packaging/deb.sh).
deb: $(HOOK_BINS) $(CLI_BIN) $(MAN_PAGES)
	CC="$(CC)" sh packaging/deb.sh $(abspath $(BUILD)) $(VERSION) "$(GIT2_LIBS) $(DEB_STATIC_LIBS)"

clean:
	rm -rf build build-san build-fuzz

.PHONY: all check unit sanitize valgrind bench install uninstall deb clean
.SECONDARY:

-include $(COMMON_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(HOOK_BINS:=.d) $(HOOK_FLOW_OBJ:.o=.d) \
	$(CLI_OBJ:.o=.d) \
	$(BUILD)/docs/mangen.d

# make fuzz: libFuzzer targets for every parser (tests/fuzz/).
include tests/fuzz/fuzz.mk
