/*
 * hangar_spawn: clone a child into new namespaces, set it up, exec. Everything the child runs
 * between clone and exec is a plain system call (async-signal-safe): the parent is a multi-threaded
 * Swift process, so the child may not touch locks, malloc or stdio.
 */
#define _GNU_SOURCE
#include "CHangarShim.h"
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* New system calls share one number on every architecture. */
#ifndef SYS_clone3
#define SYS_clone3 435
#endif
#ifndef SYS_close_range
#define SYS_close_range 436
#endif
#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x00001000
#endif

/* The kernel's struct clone_args, version 0 (64 bytes). */
struct hangar_clone_args {
    uint64_t flags;
    uint64_t pidfd;
    uint64_t child_tid;
    uint64_t parent_tid;
    uint64_t exit_signal;
    uint64_t stack;
    uint64_t stack_size;
    uint64_t tls;
};

static uint64_t clone_flags(int namespaces) {
    uint64_t flags = 0;
    if (namespaces & HANGAR_NS_MOUNT) flags |= CLONE_NEWNS;
    if (namespaces & HANGAR_NS_NET) flags |= CLONE_NEWNET;
    if (namespaces & HANGAR_NS_PID) flags |= CLONE_NEWPID;
    if (namespaces & HANGAR_NS_UTS) flags |= CLONE_NEWUTS;
    if (namespaces & HANGAR_NS_IPC) flags |= CLONE_NEWIPC;
    return flags;
}

/* Child side: report the failed stage and errno on the error pipe, then exit. */
static void child_fail(int errfd, int stage) {
    int message[2] = {stage, errno};
    ssize_t ignored = write(errfd, message, sizeof message);
    (void)ignored;
    _exit(127);
}

/* Child side: closes every descriptor >= lowest except `keep`. */
static void close_from(int lowest, int keep) {
    if (keep > lowest && syscall(SYS_close_range, (unsigned)lowest, (unsigned)(keep - 1), 0u) < 0) goto slow;
    if (syscall(SYS_close_range, (unsigned)(keep + 1), ~0u, 0u) < 0) goto slow;
    return;
slow:;
    struct rlimit limit;
    long max = 65536;
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < 1048576)
        max = (long)limit.rlim_cur;
    for (long fd = lowest; fd < max; fd++)
        if (fd != keep) close((int)fd);
}

static void child_main(const struct hangar_spawn_request *request, int errfd, const sigset_t *mask) {
    /* Signal dispositions: handlers installed by the parent's runtime are meaningless here. */
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    for (int sig = 1; sig < NSIG; sig++) {
        if (sig == SIGKILL || sig == SIGSTOP) continue;
        sigaction(sig, &fallback, NULL); /* glibc's internal signals refuse with EINVAL: fine */
    }
    sigprocmask(SIG_SETMASK, mask, NULL);

    if (request->new_session && setsid() < 0) child_fail(errfd, HANGAR_STAGE_SETSID);

    /* Descriptors: copy every source above the targets first, so no dup2 clobbers a later source. */
    int count = request->fd_count;
    int high_errfd = fcntl(errfd, F_DUPFD_CLOEXEC, count);
    if (high_errfd < 0) child_fail(errfd, HANGAR_STAGE_FDS);
    errfd = high_errfd;
    int moved[HANGAR_SPAWN_MAX_FDS];
    for (int i = 0; i < count; i++) {
        moved[i] = fcntl(request->fds[i], F_DUPFD_CLOEXEC, count);
        if (moved[i] < 0) child_fail(errfd, HANGAR_STAGE_FDS);
    }
    for (int i = 0; i < count; i++)
        if (dup2(moved[i], i) < 0) child_fail(errfd, HANGAR_STAGE_FDS); /* dup2 clears close-on-exec */
    close_from(count, errfd);

    if (request->cwd != NULL && chdir(request->cwd) < 0) child_fail(errfd, HANGAR_STAGE_CHDIR);
    execve(request->path, request->argv, request->envp);
    child_fail(errfd, HANGAR_STAGE_EXEC);
}

int hangar_spawn(const struct hangar_spawn_request *request, struct hangar_spawn_result *result) {
    if (result == NULL) return -1;
    memset(result, 0, sizeof *result);
    result->pidfd = -1;
    if (request == NULL || request->path == NULL || request->argv == NULL || request->envp == NULL ||
        request->fd_count < 0 || request->fd_count > HANGAR_SPAWN_MAX_FDS ||
        (request->fd_count > 0 && request->fds == NULL)) {
        result->error_stage = HANGAR_STAGE_ARGUMENTS;
        result->error_number = EINVAL;
        return -1;
    }
    for (int i = 0; i < request->fd_count; i++) {
        if (request->fds[i] < 0) {
            result->error_stage = HANGAR_STAGE_ARGUMENTS;
            result->error_number = EBADF;
            return -1;
        }
    }

    int errpipe[2];
    if (pipe2(errpipe, O_CLOEXEC) < 0) {
        result->error_stage = HANGAR_STAGE_PIPE;
        result->error_number = errno;
        return -1;
    }

    sigset_t child_mask;
    sigemptyset(&child_mask);
    if (request->block_init_signals) hangar_init_signal_set(&child_mask);

    /* No handler of the parent may run in the child before it resets them: block everything
       around the clone (the child inherits the mask and replaces it). */
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &previous);

    uint64_t namespaces = clone_flags(request->namespaces);
    int pidfd = -1;
    struct hangar_clone_args args;
    memset(&args, 0, sizeof args);
    args.flags = namespaces | CLONE_PIDFD;
    args.pidfd = (uint64_t)(uintptr_t)&pidfd;
    args.exit_signal = SIGCHLD;
    long pid = syscall(SYS_clone3, &args, sizeof args);
    if (pid < 0 && errno == ENOSYS) {
        /* Kernels before 5.3: clone with a null stack behaves like fork. */
        pidfd = -1;
        pid = syscall(SYS_clone, (unsigned long)(namespaces | SIGCHLD), 0UL, 0UL, 0UL, 0UL);
    }
    if (pid == 0) child_main(request, errpipe[1], &child_mask); /* does not return */

    int clone_errno = errno;
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    close(errpipe[1]);
    if (pid < 0) {
        close(errpipe[0]);
        result->error_stage = HANGAR_STAGE_CLONE;
        result->error_number = clone_errno;
        return -1;
    }

    int message[2];
    ssize_t got;
    do {
        got = read(errpipe[0], message, sizeof message);
    } while (got < 0 && errno == EINTR);
    close(errpipe[0]);
    if (got == (ssize_t)sizeof message) {
        int status;
        while (waitpid((pid_t)pid, &status, 0) < 0 && errno == EINTR) {}
        if (pidfd >= 0) close(pidfd);
        result->error_stage = message[0];
        result->error_number = message[1];
        return -1;
    }
    if (pidfd < 0) pidfd = hangar_pidfd_open((pid_t)pid);
    result->pid = (pid_t)pid;
    result->pidfd = pidfd;
    return 0;
}
