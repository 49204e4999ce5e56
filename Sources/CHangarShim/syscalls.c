/* Thin wrappers for calls Swift cannot see through Glibc: pidfds, waitid on a pidfd, epoll, pipe2. */
#define _GNU_SOURCE
#include "CHangarShim.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif
#ifndef P_PIDFD
#define P_PIDFD 3
#endif

int hangar_pidfd_open(pid_t pid) {
    return (int)syscall(SYS_pidfd_open, pid, 0u);
}

int hangar_pidfd_send_signal(int pidfd, int signal) {
    return (int)syscall(SYS_pidfd_send_signal, pidfd, signal, NULL, 0u);
}

static int decode(const siginfo_t *info, int *kind, int *value) {
    if (info->si_pid == 0) {
        *kind = 0;
        *value = 0;
    } else if (info->si_code == CLD_EXITED) {
        *kind = 1;
        *value = info->si_status;
    } else {
        *kind = 2;
        *value = info->si_status;
    }
    return 0;
}

int hangar_wait_pidfd(int pidfd, int nohang, int *kind, int *value) {
    siginfo_t info;
    memset(&info, 0, sizeof info);
    int rc;
    do {
        rc = waitid((idtype_t)P_PIDFD, (id_t)pidfd, &info, WEXITED | (nohang ? WNOHANG : 0));
    } while (rc < 0 && errno == EINTR);
    if (rc < 0) return -1;
    return decode(&info, kind, value);
}

int hangar_wait_pid(pid_t pid, int nohang, int *kind, int *value) {
    siginfo_t info;
    memset(&info, 0, sizeof info);
    int rc;
    do {
        rc = waitid(P_PID, (id_t)pid, &info, WEXITED | (nohang ? WNOHANG : 0));
    } while (rc < 0 && errno == EINTR);
    if (rc < 0) return -1;
    return decode(&info, kind, value);
}

int hangar_wait_pid_exited_nowait(pid_t pid) {
    siginfo_t info;
    memset(&info, 0, sizeof info);
    int rc;
    do {
        rc = waitid(P_PID, (id_t)pid, &info, WEXITED | WNOWAIT);
    } while (rc < 0 && errno == EINTR);
    return rc < 0 ? -1 : 0;
}


int hangar_pipe(int fds[2]) {
    return pipe2(fds, O_CLOEXEC);
}

int hangar_epoll_create(void) {
    return epoll_create1(EPOLL_CLOEXEC);
}

int hangar_epoll_add(int epoll, int fd) {
    struct epoll_event event;
    memset(&event, 0, sizeof event);
    event.events = EPOLLIN;
    event.data.fd = fd;
    return epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event);
}

int hangar_epoll_remove(int epoll, int fd) {
    return epoll_ctl(epoll, EPOLL_CTL_DEL, fd, NULL);
}

int hangar_epoll_wait_one(int epoll) {
    struct epoll_event event;
    for (;;) {
        int n = epoll_wait(epoll, &event, 1, -1);
        if (n == 1) return event.data.fd;
        if (n < 0 && errno != EINTR) return -1;
    }
}

int hangar_poll_readable(int fd, int timeout_ms) {
    struct pollfd entry = {fd, POLLIN, 0};
    for (;;) {
        int n = poll(&entry, 1, timeout_ms);
        if (n >= 0) return n > 0 ? 1 : 0;
        if (errno != EINTR) return -1;
    }
}
