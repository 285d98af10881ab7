/*
 * launch: what install.sh places in a clone under each hook's name. It
 * execs the flowgate hook binary whose absolute path install.sh wrote into
 * TARGET, with argv unchanged (argv[0] stays the clone's hook path, so the
 * hook finds the <hook>.pre-flowgate kept beside it), the environment and
 * stdin, stdout and stderr inherited: the clone holds no copy of flowgate,
 * and one upgrade of the installed flowgate reaches every clone. When the
 * target is missing or cannot be executed it says so in one line and exits
 * 1: a missing flowgate never disables the gate silently; but as
 * prepare-commit-msg, which is no gate and which git runs even for `git
 * commit --no-verify` and `git merge`, it exits 0 after that line, so that
 * the bypass still commits. It is copied into every clone and runs before
 * every hook.
 *
 * Without libc on x86-64 Linux (FG_LAUNCH_NOLIBC, the Makefile's
 * LAUNCH_NOLIBC): its own _start and three system calls (execve, write,
 * exit_group), a static executable of 6.8 KB stripped. glibc's start-up
 * costs more than the exec the launcher adds: on the 2-core VM (hyperfine -N
 * medians of 3 runs) an empty program takes 0.13 ms without libc, 0.50 ms
 * linked statically with glibc, 0.65 ms dynamically (the VM traps the CPUID
 * instructions glibc runs at start-up), and a `#!/bin/sh` `exit 0` hook
 * 0.79 ms. Elsewhere, and in the sanitizer build, the same code runs on
 * libc. The README's "Start-up cost" has the launcher's figures.
 */
#include <errno.h>
#include <stddef.h>

#define TARGET_PREFIX "@(#)flowgate-target:"
#define TARGET_SIZE 4096

/* Lets install.sh tell a flowgate hook from one it must keep (hook.c's marker). */
#if defined(__GNUC__)
__attribute__((used))
#endif
const char fg_launch_marker[] = "@(#)flowgate-hook launch";

/*
 * The target: TARGET_PREFIX, then the hook binary's absolute path,
 * NUL-terminated. install.sh finds the prefix's byte offset in its copy and
 * writes the path after it (at most TARGET_SIZE - sizeof(TARGET_PREFIX)
 * bytes). volatile: the compiler must read the bytes the file holds, never
 * the ones it was built with.
 */
volatile char fg_launch_target[TARGET_SIZE] = TARGET_PREFIX;

#ifdef FG_LAUNCH_NOLIBC
#if !defined(__x86_64__) || !defined(__linux__) || defined(__ILP32__)
#error "FG_LAUNCH_NOLIBC: x86-64 Linux only (build with LAUNCH_NOLIBC= elsewhere)"
#endif

/* Linux x86-64 system call numbers (asm/unistd_64.h). */
#define SYS_WRITE 1
#define SYS_EXECVE 59
#define SYS_EXIT_GROUP 231

static long sys3(long n, long a, long b, long c)
{
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a), "S"(b), "d"(c)
			 : "rcx", "r11", "memory");
	return ret;
}

/* Returns only on failure: the errno value. */
static int run(const char *path, char **argv, char **envp)
{
	return (int)-sys3(SYS_EXECVE, (long)path, (long)argv, (long)envp);
}

static void put(const char *buf, size_t n)
{
	sys3(SYS_WRITE, 2, (long)buf, (long)n);
}

/* glibc's strerror text for what execve(2) can fail with. */
static const char *reason(int e)
{
	switch (e) {
	case E2BIG: return "Argument list too long";
	case EACCES: return "Permission denied";
	case EFAULT: return "Bad address";
	case EINVAL: return "Invalid argument";
	case EIO: return "Input/output error";
	case EISDIR: return "Is a directory";
	case ELIBBAD: return "Accessing a corrupted shared library";
	case ELOOP: return "Too many levels of symbolic links";
	case EMFILE: return "Too many open files";
	case ENAMETOOLONG: return "File name too long";
	case ENFILE: return "Too many open files in system";
	case ENOENT: return "No such file or directory";
	case ENOEXEC: return "Exec format error";
	case ENOMEM: return "Cannot allocate memory";
	case ENOTDIR: return "Not a directory";
	case EPERM: return "Operation not permitted";
	case ETXTBSY: return "Text file busy";
	default: return "cannot execute (unknown error)";
	}
}
#else
#include <string.h>
#include <unistd.h>

extern char **environ;

static int run(const char *path, char **argv, char **envp)
{
	execve(path, argv, envp);
	return errno;
}

static void put(const char *buf, size_t n)
{
	ssize_t w = write(2, buf, n);

	(void)w; /* nothing left to tell it to */
}

static const char *reason(int e)
{
	return strerror(e);
}
#endif

/* Appends the string S to BUF at *AT, keeping room for nothing past CAP. */
static void append(char *buf, size_t *at, size_t cap, const char *s)
{
	while (*s && *at < cap)
		buf[(*at)++] = *s++;
}

/* Whether ARGV0's last path component is prepare-commit-msg (no libc here). */
static int is_advice(const char *argv0)
{
	static const char advice[] = "prepare-commit-msg";
	const char *name = argv0;
	size_t i;

	if (!argv0)
		return 0;
	for (const char *p = argv0; *p; p++)
		if (*p == '/')
			name = p + 1;
	for (i = 0; advice[i] && name[i] == advice[i]; i++)
		;
	return !advice[i] && !name[i];
}

/* Execs the target with ARGV and ENVP; returns 1 (0 for prepare-commit-msg)
 * after saying why it could not. */
static int launch(char **argv, char **envp)
{
	char path[TARGET_SIZE], line[TARGET_SIZE + 256];
	size_t i = 0, n = 0;
	int e;

	for (;;) {
		path[i] = fg_launch_target[sizeof(TARGET_PREFIX) - 1 + i];
		if (!path[i] || i + 1 == sizeof(path) - (sizeof(TARGET_PREFIX) - 1))
			break;
		i++;
	}
	path[i] = '\0';
	e = path[0] ? run(path, argv, envp) : ENOENT;
	append(line, &n, sizeof(line) - 1, "flowgate: cannot run ");
	append(line, &n, sizeof(line) - 1, path[0] ? path : "(no target: run install.sh)");
	append(line, &n, sizeof(line) - 1, ": ");
	append(line, &n, sizeof(line) - 1, reason(e));
	append(line, &n, sizeof(line) - 1, "; reinstall flowgate (make install) or remove the "
	       "hook: flowgate uninstall");
	line[n++] = '\n';
	put(line, n);
	/* prepare-commit-msg is advice only: its status would stop --no-verify
	 * commits and merges */
	return is_advice(argv[0]) ? 0 : 1;
}

#ifdef FG_LAUNCH_NOLIBC
/* SP: the initial stack, argc then argv[], NULL, envp[], NULL (the x86-64 psABI). */
__attribute__((noreturn, used)) void fg_launch_start(long *sp);

__attribute__((noreturn, used)) void fg_launch_start(long *sp)
{
	char **argv = (char **)(sp + 1);

	sys3(SYS_EXIT_GROUP, launch(argv, argv + sp[0] + 1), 0, 0);
	__builtin_unreachable();
}

__asm__(".text\n"
	".globl _start\n"
	".type _start, @function\n"
	"_start:\n"
	"\txor %ebp, %ebp\n"
	"\tmov %rsp, %rdi\n"
	"\tand $-16, %rsp\n"
	"\tcall fg_launch_start\n"
	"\thlt\n");
#else
int main(int argc, char **argv)
{
	(void)argc;
	return launch(argv, environ);
}
#endif
