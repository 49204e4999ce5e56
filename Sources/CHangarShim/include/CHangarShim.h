#ifndef CHANGAR_SHIM_H
#define CHANGAR_SHIM_H
/*
 * Linux calls that Swift cannot reach through Glibc without _GNU_SOURCE (clone3, pidfds,
 * close_range, waitid on a pidfd), the spawn sequence that must run between fork and exec,
 * and the machine init. See docs/isolation.md.
 */
#include <sys/types.h>

/* Namespaces a spawned child gets (combine with |). */
enum {
    HANGAR_NS_MOUNT = 1,
    HANGAR_NS_NET = 2,
    HANGAR_NS_PID = 4,
    HANGAR_NS_UTS = 8,
    HANGAR_NS_IPC = 16,
};

/* Where a spawn failed (hangar_spawn_result.error_stage). */
enum {
    HANGAR_STAGE_NONE = 0,
    HANGAR_STAGE_PIPE = 1,
    HANGAR_STAGE_CLONE = 2,
    HANGAR_STAGE_SETSID = 3,
    HANGAR_STAGE_FDS = 4,
    HANGAR_STAGE_CHDIR = 5,
    HANGAR_STAGE_EXEC = 6,
    HANGAR_STAGE_ARGUMENTS = 7,
};

#define HANGAR_SPAWN_MAX_FDS 16

struct hangar_spawn_request {
    const char *path;           /* executable, no PATH search */
    char *const *argv;          /* NULL-terminated */
    char *const *envp;          /* NULL-terminated */
    const char *cwd;            /* NULL keeps the parent's */
    const int *fds;             /* fds[i] becomes descriptor i of the child; every other one is closed */
    int fd_count;               /* 0...HANGAR_SPAWN_MAX_FDS */
    int namespaces;             /* HANGAR_NS_* */
    int new_session;            /* setsid(): own session and process group */
    int block_init_signals;     /* start with the machine init's signal set blocked (see machine_init.c) */
};

struct hangar_spawn_result {
    pid_t pid;                  /* > 0 on success */
    int pidfd;                  /* -1 when the kernel has no pidfds */
    int error_stage;            /* HANGAR_STAGE_* on failure */
    int error_number;           /* errno on failure */
};

/* Clones a child with the requested namespaces, sets it up and execs `path`. Returns 0 once the exec
   succeeded (a close-on-exec pipe reports failures), -1 otherwise with the stage and errno filled in
   (the failed child has then been reaped). */
int hangar_spawn(const struct hangar_spawn_request *request, struct hangar_spawn_result *result);

/* pidfds: -1 with errno when unavailable. */
int hangar_pidfd_open(pid_t pid);
int hangar_pidfd_send_signal(int pidfd, int signal);

/* How a child ended. kind: 1 exited (value = exit code), 2 killed by a signal (value = signal),
   0 still running (only with nohang). Returns 0, or -1 with errno. */
int hangar_wait_pidfd(int pidfd, int nohang, int *kind, int *value);
int hangar_wait_pid(pid_t pid, int nohang, int *kind, int *value);
/* Waits until `pid` (a child) has ended without reaping it. Returns 0, or -1 with errno. */
int hangar_wait_pid_exited_nowait(pid_t pid);

/* pipe2(fds, O_CLOEXEC). */
int hangar_pipe(int fds[2]);

/* epoll over pidfds (readable when the process has ended). hangar_epoll_wait_one returns the ready
   descriptor, or -1 with errno (EINTR is retried inside). */
int hangar_epoll_create(void);
int hangar_epoll_add(int epoll, int fd);
int hangar_epoll_remove(int epoll, int fd);
int hangar_epoll_wait_one(int epoll);
/* poll(fd, POLLIN) with a timeout in milliseconds (-1: forever): 1 readable, 0 timeout, -1 error. */
int hangar_poll_readable(int fd, int timeout_ms);

/* The machine init's entry point (`<binary> _machine-init ID`). Also run automatically, before any
   runtime starts threads, by a constructor in every binary that links this target. */
int hangar_machine_init_main(int argc, char **argv);

#endif
