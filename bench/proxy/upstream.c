/* A fixed-response HTTP/1.1 server for bench/proxy: one thread per core, each with its own
 * SO_REUSEPORT listener and epoll loop. Every request (GET, no body) gets the same 12-byte body
 * with keep-alive; pipelined requests are answered in order. Usage: upstream PORT [THREADS] [ADDR] */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

static const char response[] =
    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n\r\nhello world\n";
static int port;
static in_addr_t address;

/* Per connection: how much of "\r\n\r\n" the bytes so far end with. */
static unsigned char matched[1 << 16];

static int listener(void) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    struct sockaddr_in sin = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = address};
    if (bind(fd, (struct sockaddr *)&sin, sizeof sin) < 0 || listen(fd, 4096) < 0) {
        perror("upstream: bind/listen");
        exit(1);
    }
    return fd;
}

static void *serve(void *unused) {
    (void)unused;
    int listen_fd = listener();
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = listen_fd};
    epoll_ctl(ep, EPOLL_CTL_ADD, listen_fd, &ev);
    struct epoll_event events[256];
    char buffer[16384];
    char out[sizeof response * 64];
    for (;;) {
        int n = epoll_wait(ep, events, 256, -1);
        for (int i = 0; i < n; i++) {
            int fd = events[i].data.fd;
            if (fd == listen_fd) {
                for (;;) {
                    int client = accept4(listen_fd, NULL, NULL, SOCK_NONBLOCK);
                    if (client < 0) break;
                    int one = 1;
                    setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    if (client < (int)sizeof matched) matched[client] = 0;
                    struct epoll_event cev = {.events = EPOLLIN | EPOLLRDHUP, .data.fd = client};
                    epoll_ctl(ep, EPOLL_CTL_ADD, client, &cev);
                }
                continue;
            }
            for (;;) {
                ssize_t got = read(fd, buffer, sizeof buffer);
                if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR)) {
                    close(fd);
                    break;
                }
                if (got < 0) break;
                int state = fd < (int)sizeof matched ? matched[fd] : 0;
                int answers = 0;
                for (ssize_t k = 0; k < got; k++) {
                    char c = buffer[k];
                    if ((state == 0 || state == 2) && c == '\r') state++;
                    else if ((state == 1 || state == 3) && c == '\n') state++;
                    else state = c == '\r' ? 1 : 0;
                    if (state == 4) {
                        answers++;
                        state = 0;
                    }
                }
                if (fd < (int)sizeof matched) matched[fd] = (unsigned char)state;
                while (answers > 0) {
                    int batch = answers > 64 ? 64 : answers;
                    size_t length = 0;
                    for (int a = 0; a < batch; a++) {
                        memcpy(out + length, response, sizeof response - 1);
                        length += sizeof response - 1;
                    }
                    ssize_t sent = 0;
                    while ((size_t)sent < length) {
                        ssize_t w = write(fd, out + sent, length - sent);
                        if (w < 0) {
                            if (errno == EINTR || errno == EAGAIN) continue;
                            break;
                        }
                        sent += w;
                    }
                    answers -= batch;
                }
                if (got < (ssize_t)sizeof buffer) break;
            }
        }
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: upstream PORT [THREADS] [ADDR]\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    port = atoi(argv[1]);
    long threads = argc > 2 ? atol(argv[2]) : sysconf(_SC_NPROCESSORS_ONLN);
    address = argc > 3 ? inet_addr(argv[3]) : htonl(INADDR_ANY);
    if (threads < 1) threads = 1;
    for (long t = 1; t < threads; t++) {
        pthread_t thread;
        pthread_create(&thread, NULL, serve, NULL);
    }
    serve(NULL);
    return 0;
}
