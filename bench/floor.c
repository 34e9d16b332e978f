// SPDX-License-Identifier: Apache-2.0
// The floor: the least work any HTTP server can do for GET /_ping on this machine. One thread, one
// epoll set, one read and one send per request, and a constant answer with the headers berthd sends.
// It parses nothing beyond the blank line that ends a request head, so it is only good as a yardstick:
// bench.sh runs it beside berthd and dockerd to show how much of a req/s figure is the machine's
// (kernel, scheduler, the load generator sharing the CPUs) rather than the server's.
// With `-f FILE` it answers every request whose target has `/containers/json` with FILE as JSON (a
// daemon's own answer, saved beforehand): containers.sh times `docker ps -a` against it, which is the
// docker CLI's own cost with a server that costs nothing.
//
//   floor -u SOCKET | -t PORT  [-f FILE]        (TCP on 127.0.0.1)
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static const char answer[] =
    "HTTP/1.1 200 OK\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Cache-Control: no-cache, no-store, must-revalidate\r\n"
    "Pragma: no-cache\r\n"
    "Builder-Version: 1\r\n"
    "Swarm: inactive\r\n"
    "Api-Version: 1.50\r\n"
    "Docker-Experimental: false\r\n"
    "Ostype: linux\r\n"
    "Server: Berth/0.1.0 (linux)\r\n"
    "Content-Length: 2\r\n"
    "\r\n"
    "OK";
static const size_t answer_head = sizeof answer - 1 - 2;

// The -f answer: head and body in one buffer.
static char *file_answer;
static size_t file_answer_len, file_answer_head;

static void load_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(1);
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char head[256];
    int n = snprintf(head, sizeof head,
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nApi-Version: 1.50\r\nOstype: linux\r\n"
        "Server: Berth/0.1.0 (linux)\r\nContent-Length: %ld\r\n\r\n", size);
    file_answer = malloc((size_t)n + (size_t)size);
    if (!file_answer) exit(1);
    memcpy(file_answer, head, (size_t)n);
    if (fread(file_answer + n, 1, (size_t)size, f) != (size_t)size) {
        perror(path);
        exit(1);
    }
    fclose(f);
    file_answer_head = (size_t)n;
    file_answer_len = (size_t)n + (size_t)size;
}

static int send_all(int fd, const char *p, size_t n) {
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && (errno == EAGAIN || errno == EINTR)) {
            // Only the -f answer is large; a short wait on a full socket is fine for a yardstick.
            usleep(100);
            continue;
        }
        if (w <= 0) return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

struct conn {
    int fd;
    size_t len;
    char buf[4096];
};

static void die(const char *what) {
    perror(what);
    exit(1);
}

static int listen_on(const char *unix_path, int port) {
    int fd;
    if (unix_path) {
        struct sockaddr_un a = {.sun_family = AF_UNIX};
        if (strlen(unix_path) >= sizeof a.sun_path) die("socket path too long");
        strcpy(a.sun_path, unix_path);
        unlink(unix_path);
        fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) != 0) die("bind");
    } else {
        struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) != 0) die("bind");
    }
    if (listen(fd, 1024) != 0) die("listen");
    return fd;
}

// Answers every complete request head in the buffer; returns -1 when the connection should close.
static int serve(struct conn *c) {
    ssize_t r = recv(c->fd, c->buf + c->len, sizeof c->buf - c->len, 0);
    if (r == 0) return -1;
    if (r < 0) return errno == EAGAIN || errno == EINTR ? 0 : -1;
    c->len += (size_t)r;
    char *end;
    while ((end = memmem(c->buf, c->len, "\r\n\r\n", 4)) != NULL) {
        size_t used = (size_t)(end - c->buf) + 4;
        int head_only = c->len >= 5 && memcmp(c->buf, "HEAD ", 5) == 0;
        char *line_end = memchr(c->buf, '\n', used);
        int wants_file = file_answer && line_end && memmem(c->buf, (size_t)(line_end - c->buf), "/containers/json", 16);
        const char *out = wants_file ? file_answer : answer;
        size_t len = wants_file ? file_answer_len : sizeof answer - 1;
        if (head_only) len = wants_file ? file_answer_head : answer_head;
        if (send_all(c->fd, out, len) != 0) return -1;
        memmove(c->buf, c->buf + used, c->len - used);
        c->len -= used;
    }
    return c->len == sizeof c->buf ? -1 : 0;
}

int main(int argc, char **argv) {
    if ((argc != 3 && !(argc == 5 && strcmp(argv[3], "-f") == 0)) || (strcmp(argv[1], "-u") != 0 && strcmp(argv[1], "-t") != 0)) {
        fprintf(stderr, "usage: floor -u SOCKET | -t PORT  [-f FILE]\n");
        return 2;
    }
    if (argc == 5) load_file(argv[4]);
    int tcp = argv[1][1] == 't';
    int lfd = listen_on(tcp ? NULL : argv[2], tcp ? atoi(argv[2]) : 0);
    int ep = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event ev = {.events = EPOLLIN, .data.ptr = NULL};
    if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev) != 0) die("epoll");
    struct epoll_event events[256];
    for (;;) {
        int n = epoll_wait(ep, events, 256, -1);
        for (int i = 0; i < n; i++) {
            struct conn *c = events[i].data.ptr;
            if (c == NULL) {
                int fd;
                while ((fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
                    int one = 1;
                    if (tcp) setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    struct conn *nc = calloc(1, sizeof *nc);
                    if (!nc) die("calloc");
                    nc->fd = fd;
                    struct epoll_event cev = {.events = EPOLLIN | EPOLLRDHUP, .data.ptr = nc};
                    if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &cev) != 0) die("epoll_ctl");
                }
                continue;
            }
            if (serve(c) < 0) {
                close(c->fd);
                free(c);
            }
        }
    }
}
