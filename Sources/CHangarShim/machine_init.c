/*
 * The machine init: PID 1 of a machine (or a subreaper in shared mode), like Fly's own init.
 *
 * The launcher starts it as `<binary> _machine-init ID` with
 *   fd 0 = /dev/null, fd 1/2 = the machine's logs,
 *   fd 3 = the spec pipe (NUL-terminated "key=value" records ending with "go"; EOF before "go"
 *          means the launcher gave up),
 *   fd 4 = the status pipe (one line per event: "running PID", "exec-failed STAGE ERRNO",
 *          "setup-failed ERRNO WHAT", then "exited CODE" or "signaled SIGNAL"),
 * and with hangar_init_signal_set() blocked. It sets up its mount namespace, starts the app,
 * forwards signals to it, reaps every zombie, and exits with the app's status once the app is gone.
 * The final status line is also written to the `exit_file` record's path (for a launcher that
 * restarted and adopted the machine).
 */
#define _GNU_SOURCE
#include "CHangarShim.h"
#include "internal.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SPEC_FD 3
#define STATUS_FD 4
#define SPEC_LIMIT (64 * 1024 * 1024)

extern char **environ;

struct init_spec {
    char **argv;
    char **envp;
    const char *cwd;
    const char *hostname;
    const char *volume_source;
    const char *volume_destination;
    const char *hosts;
    const char *exit_file;
    int mount_slave;
    int mount_proc;
    int subreaper;
    long long rlimit_as;
    int go;
};

static void say(const char *format, ...) {
    char line[1024];
    va_list args;
    va_start(args, format);
    int n = vsnprintf(line, sizeof line - 1, format, args);
    va_end(args);
    if (n < 0) return;
    if (n > (int)sizeof line - 2) n = (int)sizeof line - 2;
    line[n] = '\n';
    char prefix[] = "hangar-init: ";
    ssize_t ignored = write(STDERR_FILENO, prefix, sizeof prefix - 1);
    ignored = write(STDERR_FILENO, line, (size_t)n + 1);
    (void)ignored;
}

static void status_line(const char *line) {
    size_t length = strlen(line);
    ssize_t ignored = write(STATUS_FD, line, length); /* the launcher may be gone: EPIPE is fine */
    (void)ignored;
}

/* ---- signals ---------------------------------------------------------------------------------- */

int hangar_init_forwards(int sig) {
    switch (sig) {
    case SIGKILL: case SIGSTOP: case SIGCHLD: case SIGPIPE:
    case SIGSEGV: case SIGBUS: case SIGFPE: case SIGILL: case SIGTRAP: case SIGSYS: case SIGABRT:
    case SIGTTIN: case SIGTTOU:
        return 0;
    default:
        break;
    }
    if (sig >= 1 && sig < 32) return 1;
    return sig >= SIGRTMIN && sig <= SIGRTMAX;
}

void hangar_init_signal_set(sigset_t *set) {
    sigemptyset(set);
    for (int sig = 1; sig <= SIGRTMAX; sig++)
        if (hangar_init_forwards(sig)) sigaddset(set, sig);
    sigaddset(set, SIGCHLD);
}

static void ignore_signal(int sig) { (void)sig; }

/* ---- the spec --------------------------------------------------------------------------------- */

static char *read_all(int fd, size_t *length) {
    size_t capacity = 4096, used = 0;
    char *buffer = malloc(capacity);
    if (buffer == NULL) return NULL;
    for (;;) {
        if (used == capacity) {
            if (capacity >= SPEC_LIMIT) { free(buffer); errno = EFBIG; return NULL; }
            capacity *= 2;
            char *grown = realloc(buffer, capacity);
            if (grown == NULL) { free(buffer); return NULL; }
            buffer = grown;
        }
        ssize_t got = read(fd, buffer + used, capacity - used);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) { free(buffer); return NULL; }
        if (got == 0) break;
        used += (size_t)got;
    }
    *length = used;
    return buffer;
}

static int parse_spec(char *buffer, size_t length, struct init_spec *spec) {
    memset(spec, 0, sizeof *spec);
    spec->rlimit_as = -1;
    if (length == 0 || buffer[length - 1] != '\0') return -1;
    size_t args = 0, envs = 0;
    for (size_t i = 0; i < length; i += strlen(buffer + i) + 1) {
        if (strncmp(buffer + i, "arg=", 4) == 0) args++;
        if (strncmp(buffer + i, "env=", 4) == 0) envs++;
    }
    spec->argv = calloc(args + 1, sizeof(char *));
    spec->envp = calloc(envs + 1, sizeof(char *));
    if (spec->argv == NULL || spec->envp == NULL) return -1;
    size_t a = 0, e = 0;
    for (size_t i = 0, next; i < length; i = next) {
        char *record = buffer + i;
        next = i + strlen(record) + 1; /* before the '=' below is overwritten */
        if (strcmp(record, "go") == 0) { spec->go = 1; continue; }
        char *equals = strchr(record, '=');
        if (equals == NULL) return -1;
        *equals = '\0';
        char *value = equals + 1;
        if (strcmp(record, "arg") == 0) spec->argv[a++] = value;
        else if (strcmp(record, "env") == 0) spec->envp[e++] = value;
        else if (strcmp(record, "cwd") == 0) spec->cwd = value;
        else if (strcmp(record, "hostname") == 0) spec->hostname = value;
        else if (strcmp(record, "volume_source") == 0) spec->volume_source = value;
        else if (strcmp(record, "volume_destination") == 0) spec->volume_destination = value;
        else if (strcmp(record, "hosts") == 0) spec->hosts = value;
        else if (strcmp(record, "exit_file") == 0) spec->exit_file = value;
        else if (strcmp(record, "mount_slave") == 0) spec->mount_slave = 1;
        else if (strcmp(record, "mount_proc") == 0) spec->mount_proc = 1;
        else if (strcmp(record, "subreaper") == 0) spec->subreaper = 1;
        else if (strcmp(record, "rlimit_as") == 0) spec->rlimit_as = atoll(value);
        else return -1;
    }
    return (a > 0 && spec->go) ? 0 : -1;
}

/* ---- setup -------------------------------------------------------------------------------------- */

static int setup_failed(const char *what, const char *path) {
    int saved = errno;
    char line[1200];
    snprintf(line, sizeof line, "setup-failed %d %s %s\n", saved, what, path ? path : "");
    status_line(line);
    say("%s %s: %s", what, path ? path : "", strerror(saved));
    return -1;
}

static int set_up(const struct init_spec *spec) {
    if (spec->mount_slave && mount(NULL, "/", NULL, MS_REC | MS_SLAVE, NULL) < 0)
        return setup_failed("make-mounts-slave", "/");
    if (spec->mount_proc && mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
        return setup_failed("mount-proc", "/proc");
    if (spec->volume_source && spec->volume_destination &&
        mount(spec->volume_source, spec->volume_destination, NULL, MS_BIND | MS_REC, NULL) < 0)
        return setup_failed("mount-volume", spec->volume_destination);
    if (spec->hosts && mount(spec->hosts, "/etc/hosts", NULL, MS_BIND, NULL) < 0)
        return setup_failed("mount-hosts", "/etc/hosts");
    if (spec->hostname && sethostname(spec->hostname, strlen(spec->hostname)) < 0)
        return setup_failed("sethostname", spec->hostname);
    if (spec->subreaper && prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0)
        return setup_failed("subreaper", NULL);
    if (chdir("/") < 0) return setup_failed("chdir", "/");
    return 0;
}

/* ---- the app -------------------------------------------------------------------------------------- */

/* Stages reported by the app's child before exec (status "exec-failed STAGE ERRNO"). */
#define APP_STAGE_RLIMIT 1
#define APP_STAGE_CHDIR 2
#define APP_STAGE_EXEC 3

static pid_t start_app(const struct init_spec *spec, int *stage, int *error) {
    int report[2];
    if (pipe2(report, O_CLOEXEC) < 0) { *stage = APP_STAGE_EXEC; *error = errno; return -1; }
    pid_t pid = fork();
    if (pid < 0) {
        *stage = APP_STAGE_EXEC;
        *error = errno;
        close(report[0]);
        close(report[1]);
        return -1;
    }
    if (pid == 0) {
        close(report[0]);
        struct sigaction fallback;
        memset(&fallback, 0, sizeof fallback);
        fallback.sa_handler = SIG_DFL;
        for (int sig = 1; sig < NSIG; sig++)
            if (sig != SIGKILL && sig != SIGSTOP) sigaction(sig, &fallback, NULL);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        setpgid(0, 0); /* the app leads its own process group: the launcher can signal its tree */
        int failed_stage = 0;
        if (spec->rlimit_as > 0) {
            struct rlimit limit = {(rlim_t)spec->rlimit_as, (rlim_t)spec->rlimit_as};
            if (setrlimit(RLIMIT_AS, &limit) < 0) failed_stage = APP_STAGE_RLIMIT;
        }
        if (!failed_stage && spec->cwd && chdir(spec->cwd) < 0) failed_stage = APP_STAGE_CHDIR;
        if (!failed_stage) {
            environ = spec->envp; /* execvp searches the app's PATH */
            execvp(spec->argv[0], spec->argv);
            failed_stage = APP_STAGE_EXEC;
        }
        int message[2] = {failed_stage, errno};
        ssize_t ignored = write(report[1], message, sizeof message);
        (void)ignored;
        _exit(127);
    }
    close(report[1]);
    int message[2];
    ssize_t got;
    do {
        got = read(report[0], message, sizeof message);
    } while (got < 0 && errno == EINTR);
    close(report[0]);
    if (got == (ssize_t)sizeof message) {
        *stage = message[0];
        *error = message[1];
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        return -1;
    }
    return pid;
}

/* ---- the end -------------------------------------------------------------------------------------- */

/* The parent pid of `pid` from /proc/PID/stat, or -1. */
static pid_t parent_of(const char *pid) {
    char path[64], text[512];
    snprintf(path, sizeof path, "/proc/%s/stat", pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t got = read(fd, text, sizeof text - 1);
    close(fd);
    if (got <= 0) return -1;
    text[got] = '\0';
    char *close_paren = strrchr(text, ')'); /* the command name may contain anything */
    if (close_paren == NULL) return -1;
    char state;
    int parent;
    if (sscanf(close_paren + 1, " %c %d", &state, &parent) != 2) return -1;
    return (pid_t)parent;
}

/* Shared mode: the init is a subreaper, so every orphan of the app is its child. Kill and reap
   them all before exiting, so nothing of the machine outlives it. */
static void end_descendants(void) {
    pid_t self = getpid();
    sigset_t child_set;
    sigemptyset(&child_set);
    sigaddset(&child_set, SIGCHLD);
    for (;;) {
        int status;
        pid_t reaped;
        while ((reaped = waitpid(-1, &status, WNOHANG)) > 0) {}
        if (reaped < 0 && errno == ECHILD) return;
        DIR *proc = opendir("/proc");
        if (proc != NULL) {
            struct dirent *entry;
            while ((entry = readdir(proc)) != NULL) {
                if (!isdigit((unsigned char)entry->d_name[0])) continue;
                if (parent_of(entry->d_name) == self) kill((pid_t)atoi(entry->d_name), SIGKILL);
            }
            closedir(proc);
        }
        struct timespec pause = {0, 100 * 1000 * 1000};
        sigtimedwait(&child_set, NULL, &pause);
    }
}

static void write_exit_file(const char *path, const char *line) {
    if (path == NULL) return;
    char temporary[4096];
    if (snprintf(temporary, sizeof temporary, "%s.tmp", path) >= (int)sizeof temporary) return;
    int fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return;
    ssize_t ignored = write(fd, line, strlen(line));
    (void)ignored;
    fsync(fd);
    close(fd);
    rename(temporary, path);
}

int hangar_machine_init_main(int argc, char **argv) {
    (void)argc;
    (void)argv;
    if (getenv("HANGAR_MACHINE_INIT") == NULL || fcntl(SPEC_FD, F_GETFD) < 0 ||
        fcntl(STATUS_FD, F_SETFD, FD_CLOEXEC) < 0) {
        say("_machine-init is started by the hangar launcher, not by hand");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);

    size_t length = 0;
    char *buffer = read_all(SPEC_FD, &length);
    close(SPEC_FD);
    struct init_spec spec;
    if (buffer == NULL || parse_spec(buffer, length, &spec) < 0) {
        say("no complete machine spec from the launcher; not starting");
        return 2;
    }
    if (set_up(&spec) < 0) return 1;

    sigset_t waited;
    hangar_init_signal_set(&waited);
    sigprocmask(SIG_BLOCK, &waited, NULL);
    /* PID 1 only receives signals it has a handler for; they stay blocked and are taken with
       sigwaitinfo, so the handler never runs. */
    struct sigaction quiet;
    memset(&quiet, 0, sizeof quiet);
    quiet.sa_handler = ignore_signal;
    for (int sig = 1; sig <= SIGRTMAX; sig++)
        if (hangar_init_forwards(sig)) sigaction(sig, &quiet, NULL);

    int stage = 0, error = 0;
    pid_t app = start_app(&spec, &stage, &error);
    char line[128];
    if (app < 0) {
        snprintf(line, sizeof line, "exec-failed %d %d\n", stage, error);
        status_line(line);
        write_exit_file(spec.exit_file, line);
        say("cannot start %s: %s", spec.argv[0], strerror(error));
        return 127;
    }
    snprintf(line, sizeof line, "running %d\n", (int)app);
    status_line(line);

    int app_status = 0;
    for (int done = 0; !done;) {
        siginfo_t info;
        int sig = sigwaitinfo(&waited, &info);
        if (sig < 0) continue; /* EINTR */
        if (sig != SIGCHLD) {
            kill(app, sig);
            continue;
        }
        int status;
        pid_t reaped;
        while ((reaped = waitpid(-1, &status, WNOHANG)) > 0)
            if (reaped == app) {
                app_status = status;
                done = 1;
            }
    }
    if (getpid() != 1) end_descendants(); /* as PID 1, our exit takes the namespace down */

    int code;
    if (WIFSIGNALED(app_status)) {
        snprintf(line, sizeof line, "signaled %d\n", WTERMSIG(app_status));
        code = 128 + WTERMSIG(app_status);
    } else {
        snprintf(line, sizeof line, "exited %d\n", WEXITSTATUS(app_status));
        code = WEXITSTATUS(app_status);
    }
    status_line(line);
    write_exit_file(spec.exit_file, line);
    return code;
}

/* Runs before main (and before any runtime starts threads) in every binary linking this target,
   when started as the machine init by the launcher. */
__attribute__((constructor)) static void hangar_machine_init_entry(int argc, char **argv, char **envp) {
    (void)envp;
    if (argc >= 2 && argv != NULL && argv[1] != NULL && strcmp(argv[1], "_machine-init") == 0 &&
        getenv("HANGAR_MACHINE_INIT") != NULL)
        _exit(hangar_machine_init_main(argc, argv));
}
