// SPDX-License-Identifier: Apache-2.0
// loadgen: a small HTTP/1.1 keep-alive load generator for Berth's benchmark (bench/bench.sh).
//
// Build:  cc -O2 -pthread -o bench/out/loadgen bench/loadgen.c
//
// Closed loop, like wrk: every connection has exactly one request in flight; when its response is
// complete the latency is recorded and the next request is sent on the same connection.
// Targets a unix socket (-u PATH) or TCP (-t HOST:PORT). Runs for a fixed, bounded time and stops
// by itself (an alarm() kills it if a thread ever failed to notice the deadline).
//
// Result: one machine-readable line on stdout, e.g.
//   reqs=123 errors=0 non2xx=0 rps=45678.9 p50_us=40 p90_us=80 p99_us=200 max_us=1500 ...
//
// --connect-only N: open N connections (optionally send one request on each first, --idle-request),
// print "opened=N failed=F" and hold them idle for -d seconds, then close them and exit.

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

// ---------------------------------------------------------------------------------------------
// Options

static const char *opt_unix = NULL;
static const char *opt_tcp = NULL;
static int opt_threads = 2;
static int opt_conns = 25;       // per thread
static int opt_duration = 10;    // seconds (1..3600)
static int opt_warmup = 0;       // seconds excluded from the statistics, before the measured window
static const char *opt_method = "GET";
static const char *opt_path = "/_ping";
static const char *opt_body = NULL;
static int opt_connect_only = 0; // > 0: idle-connection mode
static int opt_idle_request = 0;
static int opt_verbose = 0;
#define MAX_HEADERS 32
static const char *opt_headers[MAX_HEADERS];
static int opt_nheaders = 0;

static char *request_buf;
static size_t request_len;
static int is_head;

static struct sockaddr_storage target_addr;
static socklen_t target_len;
static int target_family;

static atomic_int stop_flag;
static atomic_int measuring;
static atomic_int errors_printed;

static void die(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "loadgen: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(2);
}

// Print the first few errors only, so a dead server does not flood the terminal.
static void report_error(const char *what, int err) {
    if (atomic_fetch_add(&errors_printed, 1) < 5)
        fprintf(stderr, "loadgen: %s%s%s\n", what, err ? ": " : "", err ? strerror(err) : "");
}

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

// ---------------------------------------------------------------------------------------------
// Latency histogram (microseconds). Values < 1024 are exact; above, each power of two is split
// into 1024 sub-buckets (relative error < 0.1%). Up to 2^40 us.

#define HIST_SUB 1024
#define HIST_EXP_MAX 40
#define HIST_SIZE (HIST_SUB + (HIST_EXP_MAX - 10 + 1) * HIST_SUB)

static inline int hist_index(uint64_t v) {
    if (v < HIST_SUB) return (int)v;
    int e = 63 - __builtin_clzll(v); // >= 10
    if (e > HIST_EXP_MAX) return HIST_SIZE - 1;
    int shift = e - 10;
    return HIST_SUB + shift * HIST_SUB + (int)((v >> shift) - HIST_SUB);
}

static inline uint64_t hist_value(int idx) { // lower bound of the bucket
    if (idx < HIST_SUB) return (uint64_t)idx;
    int shift = (idx - HIST_SUB) / HIST_SUB;
    uint64_t sub = (uint64_t)((idx - HIST_SUB) % HIST_SUB) + HIST_SUB;
    return sub << shift;
}

// ---------------------------------------------------------------------------------------------
// Response parser. Consumes bytes from a connection buffer; handles status line + headers,
// Content-Length bodies, chunked bodies (with trailers), bodiless responses (HEAD, 1xx, 204, 304)
// and read-until-close bodies.

enum pstate { P_HEAD, P_BODY_CL, P_CHUNK_SIZE, P_CHUNK_DATA, P_CHUNK_CRLF, P_TRAILER, P_BODY_EOF, P_DONE };
enum presult { PR_MORE = 0, PR_DONE = 1, PR_ERROR = -1 };

#define HEAD_MAX (64 * 1024)
#define BUF_SIZE (128 * 1024)

struct parser {
    enum pstate st;
    int status;
    int close_after;      // server said Connection: close, or HTTP/1.0 without keep-alive
    uint64_t remaining;   // body or chunk bytes left
    uint64_t body_bytes;
};

static void parser_reset(struct parser *p) { memset(p, 0, sizeof *p); p->st = P_HEAD; }

static const char *find_crlf(const char *s, size_t n) {
    const char *e = s + n;
    for (const char *q = s; q + 1 < e; q++) {
        q = memchr(q, '\r', (size_t)(e - q - 1));
        if (!q) return NULL;
        if (q[1] == '\n') return q;
    }
    return NULL;
}

static const char *find_head_end(const char *s, size_t n) {
    if (n < 4) return NULL;
    return memmem(s, n, "\r\n\r\n", 4);
}

static int header_is(const char *line, size_t len, const char *name, const char **value, size_t *vlen) {
    size_t nl = strlen(name);
    if (len <= nl || line[nl] != ':' || strncasecmp(line, name, nl) != 0) return 0;
    const char *v = line + nl + 1, *e = line + len;
    while (v < e && (*v == ' ' || *v == '\t')) v++;
    while (e > v && (e[-1] == ' ' || e[-1] == '\t')) e--;
    *value = v;
    *vlen = (size_t)(e - v);
    return 1;
}

static int contains_token(const char *v, size_t n, const char *tok) {
    size_t tl = strlen(tok);
    for (size_t i = 0; i + tl <= n; i++)
        if (strncasecmp(v + i, tok, tl) == 0) return 1;
    return 0;
}

// Parse the header block [buf, buf+len) (ends just before the blank line).
static int parse_head(struct parser *p, const char *buf, size_t len) {
    const char *line = buf, *end = buf + len;
    const char *eol = find_crlf(line, len + 2);
    if (!eol) eol = end;
    if (eol - line < 12 || strncmp(line, "HTTP/1.", 7) != 0) return PR_ERROR;
    int minor = line[7] - '0';
    if (line[8] != ' ') return PR_ERROR;
    int st = 0;
    for (int i = 9; i < 12; i++) {
        if (line[i] < '0' || line[i] > '9') return PR_ERROR;
        st = st * 10 + (line[i] - '0');
    }
    p->status = st;
    p->close_after = (minor == 0);
    int64_t clen = -1;
    int chunked = 0;
    line = eol + 2;
    while (line < end) {
        eol = find_crlf(line, (size_t)(end - line) + 2);
        if (!eol || eol > end) eol = end;
        const char *v;
        size_t vl;
        size_t ll = (size_t)(eol - line);
        if (header_is(line, ll, "Content-Length", &v, &vl)) {
            char tmp[32];
            if (vl == 0 || vl >= sizeof tmp) return PR_ERROR;
            memcpy(tmp, v, vl);
            tmp[vl] = 0;
            char *ep;
            long long x = strtoll(tmp, &ep, 10);
            if (*ep || x < 0) return PR_ERROR;
            clen = x;
        } else if (header_is(line, ll, "Transfer-Encoding", &v, &vl)) {
            if (contains_token(v, vl, "chunked")) chunked = 1;
        } else if (header_is(line, ll, "Connection", &v, &vl)) {
            if (contains_token(v, vl, "close")) p->close_after = 1;
            else if (contains_token(v, vl, "keep-alive")) p->close_after = 0;
        }
        line = eol + 2;
    }
    if ((st >= 100 && st < 200 && st != 101)) { p->st = P_HEAD; return PR_MORE; } // interim response: skip
    if (is_head || st == 204 || st == 304 || st == 101) { p->st = P_DONE; return PR_DONE; }
    if (chunked) { p->st = P_CHUNK_SIZE; return PR_MORE; }
    if (clen >= 0) {
        p->remaining = (uint64_t)clen;
        p->st = clen == 0 ? P_DONE : P_BODY_CL;
        return clen == 0 ? PR_DONE : PR_MORE;
    }
    p->close_after = 1;
    p->st = P_BODY_EOF;
    return PR_MORE;
}

// Consume as much of buf as possible. *used = bytes consumed. Returns PR_DONE when a full
// response has been read (bytes after it stay unconsumed), PR_MORE, or PR_ERROR.
static int parser_feed(struct parser *p, const char *buf, size_t len, size_t *used) {
    size_t off = 0;
    for (;;) {
        const char *b = buf + off;
        size_t n = len - off;
        switch (p->st) {
        case P_HEAD: {
            const char *he = find_head_end(b, n);
            if (!he) {
                *used = off;
                return n > HEAD_MAX ? PR_ERROR : PR_MORE;
            }
            size_t hl = (size_t)(he - b);
            off += hl + 4;
            int r = parse_head(p, b, hl);
            if (r == PR_ERROR) { *used = off; return PR_ERROR; }
            if (r == PR_DONE) { *used = off; return PR_DONE; }
            continue;
        }
        case P_BODY_CL: {
            size_t take = n < p->remaining ? n : (size_t)p->remaining;
            off += take;
            p->remaining -= take;
            p->body_bytes += take;
            if (p->remaining == 0) { p->st = P_DONE; *used = off; return PR_DONE; }
            *used = off;
            return PR_MORE;
        }
        case P_CHUNK_SIZE: {
            const char *eol = find_crlf(b, n);
            if (!eol) { *used = off; return n > 1024 ? PR_ERROR : PR_MORE; }
            uint64_t sz = 0;
            const char *q = b;
            int digits = 0;
            for (; q < eol; q++) {
                int d;
                if (*q >= '0' && *q <= '9') d = *q - '0';
                else if (*q >= 'a' && *q <= 'f') d = *q - 'a' + 10;
                else if (*q >= 'A' && *q <= 'F') d = *q - 'A' + 10;
                else break; // chunk extension (;...) or whitespace
                if (++digits > 15) { *used = off; return PR_ERROR; }
                sz = sz * 16 + (uint64_t)d;
            }
            if (digits == 0) { *used = off; return PR_ERROR; }
            off += (size_t)(eol - b) + 2;
            if (sz == 0) { p->st = P_TRAILER; continue; }
            p->remaining = sz;
            p->st = P_CHUNK_DATA;
            continue;
        }
        case P_CHUNK_DATA: {
            size_t take = n < p->remaining ? n : (size_t)p->remaining;
            off += take;
            p->remaining -= take;
            p->body_bytes += take;
            if (p->remaining == 0) { p->st = P_CHUNK_CRLF; continue; }
            *used = off;
            return PR_MORE;
        }
        case P_CHUNK_CRLF:
            if (n < 2) { *used = off; return PR_MORE; }
            if (b[0] != '\r' || b[1] != '\n') { *used = off; return PR_ERROR; }
            off += 2;
            p->st = P_CHUNK_SIZE;
            continue;
        case P_TRAILER: {
            const char *eol = find_crlf(b, n);
            if (!eol) { *used = off; return n > HEAD_MAX ? PR_ERROR : PR_MORE; }
            off += (size_t)(eol - b) + 2;
            if (eol == b) { p->st = P_DONE; *used = off; return PR_DONE; }
            continue; // a trailer field: skip
        }
        case P_BODY_EOF:
            p->body_bytes += n;
            *used = len;
            return PR_MORE; // completed by the caller on EOF
        case P_DONE:
            *used = off;
            return PR_DONE;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Connections

enum cstate { C_IDLE, C_WRITING, C_READING, C_RETRY };

struct conn {
    int fd;
    enum cstate st;
    size_t wrote;
    int want_out;         // EPOLLOUT currently registered
    uint64_t t_start;
    uint64_t retry_at;
    struct parser p;
    char *buf;
    size_t blen;
};

struct worker {
    pthread_t th;
    int id;
    int ep;
    struct conn *conns;
    int nconns;
    uint64_t reqs, errors, non2xx, bytes, connects, stalled;
    uint64_t *hist;
    uint64_t max_us;
    long double sum_us;
};

static void set_nonblock(int fd) {
    int fl = fcntl(fd, F_GETFL);
    fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

// Blocking connect with a 2 s timeout (unix-socket connect() in non-blocking mode returns EAGAIN
// when the backlog is full, which is not "in progress"; blocking is simpler and correct for both).
static int open_conn(int *err_out) {
    int fd = socket(target_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) { *err_out = errno; return -1; }
    struct timeval tv = {2, 0};
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (connect(fd, (struct sockaddr *)&target_addr, target_len) != 0) {
        *err_out = errno;
        close(fd);
        return -1;
    }
    if (target_family != AF_UNIX) {
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
    return fd;
}

static void record(struct worker *w, uint64_t t_start, uint64_t t_end, struct parser *p) {
    if (!atomic_load_explicit(&measuring, memory_order_relaxed)) return;
    uint64_t us = (t_end - t_start) / 1000;
    w->reqs++;
    w->hist[hist_index(us)]++;
    if (us > w->max_us) w->max_us = us;
    w->sum_us += us;
    w->bytes += p->body_bytes;
    if (p->status < 200 || p->status >= 300) w->non2xx++;
}

static void conn_fail(struct worker *w, struct conn *c, const char *what, int err) {
    if (atomic_load_explicit(&measuring, memory_order_relaxed) && !atomic_load(&stop_flag)) {
        w->errors++;
        report_error(what, err);
    }
    if (c->fd >= 0) {
        epoll_ctl(w->ep, EPOLL_CTL_DEL, c->fd, NULL);
        close(c->fd);
    }
    c->fd = -1;
    c->st = C_RETRY;
    c->retry_at = now_ns() + 10 * 1000000ull; // 10 ms back-off
}

static void conn_send(struct worker *w, struct conn *c);

static void conn_start(struct worker *w, struct conn *c) {
    int err = 0;
    c->fd = open_conn(&err);
    if (c->fd < 0) { conn_fail(w, c, "connect", err); return; }
    set_nonblock(c->fd);
    w->connects++;
    struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP, .data.ptr = c};
    if (epoll_ctl(w->ep, EPOLL_CTL_ADD, c->fd, &ev) != 0) { conn_fail(w, c, "epoll_ctl", errno); return; }
    c->blen = 0;
    c->want_out = 0;
    conn_send(w, c);
}

static void conn_send(struct worker *w, struct conn *c) {
    if (c->st != C_WRITING) {
        c->st = C_WRITING;
        c->wrote = 0;
        c->t_start = now_ns();
        parser_reset(&c->p);
    }
    while (c->wrote < request_len) {
        ssize_t r = send(c->fd, request_buf + c->wrote, request_len - c->wrote, MSG_NOSIGNAL);
        if (r > 0) { c->wrote += (size_t)r; continue; }
        if (r < 0 && errno == EINTR) continue;
        if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (!c->want_out) {
                struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP, .data.ptr = c};
                epoll_ctl(w->ep, EPOLL_CTL_MOD, c->fd, &ev);
                c->want_out = 1;
            }
            return;
        }
        conn_fail(w, c, "send", r < 0 ? errno : 0);
        return;
    }
    if (c->want_out) { // fully written: turn EPOLLOUT off again
        struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP, .data.ptr = c};
        epoll_ctl(w->ep, EPOLL_CTL_MOD, c->fd, &ev);
        c->want_out = 0;
    }
    c->st = C_READING;
}

static void conn_complete(struct worker *w, struct conn *c) {
    record(w, c->t_start, now_ns(), &c->p);
    if (c->p.close_after) {
        epoll_ctl(w->ep, EPOLL_CTL_DEL, c->fd, NULL);
        close(c->fd);
        c->fd = -1;
        c->st = C_IDLE;
        if (!atomic_load(&stop_flag)) conn_start(w, c);
        return;
    }
    if (c->blen > 0) { conn_fail(w, c, "unexpected bytes after response", 0); return; }
    c->st = C_IDLE;
    if (!atomic_load(&stop_flag)) conn_send(w, c);
}

static void conn_readable(struct worker *w, struct conn *c) {
    for (;;) {
        if (c->blen == BUF_SIZE) { conn_fail(w, c, "response header too large", 0); return; }
        size_t space = BUF_SIZE - c->blen;
        ssize_t r = recv(c->fd, c->buf + c->blen, space, 0);
        if (r < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) return;
            conn_fail(w, c, "recv", errno);
            return;
        }
        if (r == 0) {
            if (c->st == C_READING && c->p.st == P_BODY_EOF) {
                c->p.close_after = 1;
                conn_complete(w, c);
            } else {
                conn_fail(w, c, "connection closed by server before a complete response", 0);
            }
            return;
        }
        if (c->st != C_READING && c->st != C_WRITING) {
            conn_fail(w, c, "bytes received while no request was outstanding", 0);
            return;
        }
        c->blen += (size_t)r;
        size_t used = 0;
        int pr = parser_feed(&c->p, c->buf, c->blen, &used);
        if (used > 0) {
            memmove(c->buf, c->buf + used, c->blen - used);
            c->blen -= used;
        }
        if (pr == PR_ERROR) { conn_fail(w, c, "malformed response", 0); return; }
        if (pr == PR_DONE) {
            if (c->st == C_WRITING) { conn_fail(w, c, "response before request was sent", 0); return; }
            conn_complete(w, c);
            return;
        }
        // A short read emptied the socket: stop here, as wrk does. epoll is level-triggered, so
        // anything arriving later is reported again; reading on until EAGAIN cost a second recv
        // for every response.
        if ((size_t)r < space) return;
    }
}

static void *worker_main(void *arg) {
    struct worker *w = arg;
    w->ep = epoll_create1(EPOLL_CLOEXEC);
    if (w->ep < 0) die("epoll_create1: %s", strerror(errno));
    for (int i = 0; i < w->nconns; i++) {
        struct conn *c = &w->conns[i];
        c->fd = -1;
        c->st = C_IDLE;
        c->buf = malloc(BUF_SIZE);
        if (!c->buf) die("out of memory");
        conn_start(w, c);
    }
    struct epoll_event evs[256];
    while (!atomic_load(&stop_flag)) {
        int timeout = 100;
        uint64_t now = now_ns();
        for (int i = 0; i < w->nconns; i++) {
            struct conn *c = &w->conns[i];
            if (c->st == C_RETRY) {
                if (c->retry_at <= now) { c->st = C_IDLE; conn_start(w, c); }
                if (c->st == C_RETRY) timeout = 10;
            }
        }
        int n = epoll_wait(w->ep, evs, 256, timeout);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("epoll_wait: %s", strerror(errno));
        }
        for (int i = 0; i < n; i++) {
            struct conn *c = evs[i].data.ptr;
            if (c->fd < 0) continue;
            uint32_t e = evs[i].events;
            if ((e & EPOLLOUT) && c->st == C_WRITING) conn_send(w, c);
            if (c->fd >= 0 && (e & (EPOLLIN | EPOLLHUP | EPOLLERR | EPOLLRDHUP))) conn_readable(w, c);
        }
    }
    // A request still waiting for its response 2 s after it was sent counts as stalled
    // (a server that stopped answering, or a response this parser could not delimit).
    uint64_t end = now_ns();
    for (int i = 0; i < w->nconns; i++) {
        struct conn *c = &w->conns[i];
        if (c->fd >= 0 && (c->st == C_READING || c->st == C_WRITING) && end - c->t_start > 2000000000ull) w->stalled++;
        if (c->fd >= 0) close(c->fd);
        free(c->buf);
    }
    close(w->ep);
    return NULL;
}

// ---------------------------------------------------------------------------------------------
// Idle-connection mode

static int run_connect_only(void) {
    int n = opt_connect_only;
    int *fds = calloc((size_t)n, sizeof(int));
    if (!fds) die("out of memory");
    int opened = 0, failed = 0, reqfail = 0;
    char *buf = malloc(BUF_SIZE);
    for (int i = 0; i < n; i++) {
        int err = 0;
        fds[i] = open_conn(&err);
        if (fds[i] < 0) { failed++; report_error("connect", err); continue; }
        opened++;
        if (!opt_idle_request) continue;
        // One blocking request/response (2 s timeouts set in open_conn), then the connection idles.
        int ok = 0;
        if (send(fds[i], request_buf, request_len, MSG_NOSIGNAL) == (ssize_t)request_len) {
            struct parser p;
            parser_reset(&p);
            size_t blen = 0;
            for (;;) {
                ssize_t r = recv(fds[i], buf + blen, BUF_SIZE - blen, 0);
                if (r <= 0) break;
                blen += (size_t)r;
                size_t used = 0;
                int pr = parser_feed(&p, buf, blen, &used);
                memmove(buf, buf + used, blen - used);
                blen -= used;
                if (pr == PR_ERROR) break;
                if (pr == PR_DONE) { ok = !p.close_after; break; }
                if (blen == BUF_SIZE) break;
            }
        }
        if (!ok) { reqfail++; report_error("idle-request: no complete keep-alive response", 0); }
    }
    printf("opened=%d failed=%d request_failed=%d\n", opened, failed, reqfail);
    fflush(stdout);
    // Hold until the deadline; a SIGTERM/SIGINT ends the hold early (default action exits).
    uint64_t end = now_ns() + (uint64_t)opt_duration * 1000000000ull;
    while (now_ns() < end) {
        struct timespec ts = {0, 100 * 1000000L};
        nanosleep(&ts, NULL);
    }
    for (int i = 0; i < n; i++)
        if (fds[i] >= 0) close(fds[i]);
    printf("closed=%d\n", opened);
    free(fds);
    free(buf);
    return failed ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Main

static void usage(void) {
    fprintf(stderr,
        "usage: loadgen (-u SOCKET | -t HOST:PORT) [options]\n"
        "  -u PATH          unix socket to connect to\n"
        "  -t HOST:PORT     TCP address (IPv4 or [IPv6]:port)\n"
        "  -T N             threads (default 2)\n"
        "  -c N             connections per thread (default 25)\n"
        "  -d SECONDS       measured duration, 1..3600 (default 10); hold time with --connect-only\n"
        "  -w SECONDS       warm-up before the measured window, 0..600 (default 0)\n"
        "  -m METHOD        request method (default GET); HEAD responses are read without a body\n"
        "  -p PATH          request target (default /_ping)\n"
        "  -H 'Name: value' extra request header (repeatable, up to %d)\n"
        "  -b BODY          request body (sent with Content-Length)\n"
        "  --connect-only N open N connections, print opened=N, hold them -d seconds, close\n"
        "  --idle-request   with --connect-only: send one request on each connection first\n"
        "  -v               print a human summary on stderr as well\n"
        "output: reqs=.. errors=.. non2xx=.. stalled=.. rps=.. p50_us=.. p90_us=.. p99_us=.. max_us=.. mean_us=..\n",
        MAX_HEADERS);
    exit(2);
}

static int parse_int(const char *s, int lo, int hi, const char *what) {
    char *e;
    long v = strtol(s, &e, 10);
    if (*s == 0 || *e || v < lo || v > hi) die("%s must be an integer in %d..%d (got '%s')", what, lo, hi, s);
    return (int)v;
}

static void resolve_target(void) {
    memset(&target_addr, 0, sizeof target_addr);
    if (opt_unix) {
        struct sockaddr_un *su = (struct sockaddr_un *)&target_addr;
        if (strlen(opt_unix) >= sizeof su->sun_path) die("unix socket path too long: %s", opt_unix);
        su->sun_family = AF_UNIX;
        strcpy(su->sun_path, opt_unix);
        target_len = sizeof *su;
        target_family = AF_UNIX;
        return;
    }
    char host[256];
    const char *port;
    if (opt_tcp[0] == '[') {
        const char *rb = strchr(opt_tcp, ']');
        if (!rb || rb[1] != ':') die("bad TCP address %s (want [v6]:port)", opt_tcp);
        size_t hl = (size_t)(rb - opt_tcp - 1);
        if (hl >= sizeof host) die("host too long");
        memcpy(host, opt_tcp + 1, hl);
        host[hl] = 0;
        port = rb + 2;
    } else {
        const char *colon = strrchr(opt_tcp, ':');
        if (!colon) die("bad TCP address %s (want host:port)", opt_tcp);
        size_t hl = (size_t)(colon - opt_tcp);
        if (hl >= sizeof host) die("host too long");
        memcpy(host, opt_tcp, hl);
        host[hl] = 0;
        port = colon + 1;
    }
    struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *res;
    int rc = getaddrinfo(host, port, &hints, &res);
    if (rc != 0) die("cannot resolve %s: %s", opt_tcp, gai_strerror(rc));
    memcpy(&target_addr, res->ai_addr, res->ai_addrlen);
    target_len = res->ai_addrlen;
    target_family = res->ai_family;
    freeaddrinfo(res);
}

static void build_request(void) {
    int has_host = 0, has_ua = 0;
    for (int i = 0; i < opt_nheaders; i++) {
        if (strncasecmp(opt_headers[i], "Host:", 5) == 0) has_host = 1;
        if (strncasecmp(opt_headers[i], "User-Agent:", 11) == 0) has_ua = 1;
    }
    size_t cap = 1024 + strlen(opt_method) + strlen(opt_path) + (opt_body ? strlen(opt_body) : 0);
    for (int i = 0; i < opt_nheaders; i++) cap += strlen(opt_headers[i]) + 2;
    request_buf = malloc(cap);
    if (!request_buf) die("out of memory");
    int n = snprintf(request_buf, cap, "%s %s HTTP/1.1\r\n", opt_method, opt_path);
    if (!has_host) n += snprintf(request_buf + n, cap - (size_t)n, "Host: %s\r\n", opt_unix ? "localhost" : opt_tcp);
    if (!has_ua) n += snprintf(request_buf + n, cap - (size_t)n, "User-Agent: berth-loadgen/1\r\n");
    for (int i = 0; i < opt_nheaders; i++) n += snprintf(request_buf + n, cap - (size_t)n, "%s\r\n", opt_headers[i]);
    if (opt_body)
        n += snprintf(request_buf + n, cap - (size_t)n, "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
                      strlen(opt_body), opt_body);
    else
        n += snprintf(request_buf + n, cap - (size_t)n, "\r\n");
    request_len = (size_t)n;
    is_head = strcasecmp(opt_method, "HEAD") == 0;
}

static void raise_nofile(rlim_t want) {
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return;
    if (rl.rlim_cur >= want) return;
    if (rl.rlim_max < want) {
        rl.rlim_max = want; // works as root
        rl.rlim_cur = want;
        if (setrlimit(RLIMIT_NOFILE, &rl) == 0) return;
        getrlimit(RLIMIT_NOFILE, &rl);
        rl.rlim_cur = rl.rlim_max;
    } else {
        rl.rlim_cur = want;
    }
    setrlimit(RLIMIT_NOFILE, &rl);
}

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
#define NEXT() (i + 1 < argc ? argv[++i] : (usage(), (char *)NULL))
        if (!strcmp(a, "-u")) opt_unix = NEXT();
        else if (!strcmp(a, "-t")) opt_tcp = NEXT();
        else if (!strcmp(a, "-T")) opt_threads = parse_int(NEXT(), 1, 256, "-T");
        else if (!strcmp(a, "-c")) opt_conns = parse_int(NEXT(), 1, 100000, "-c");
        else if (!strcmp(a, "-d")) opt_duration = parse_int(NEXT(), 1, 3600, "-d");
        else if (!strcmp(a, "-w")) opt_warmup = parse_int(NEXT(), 0, 600, "-w");
        else if (!strcmp(a, "-m")) opt_method = NEXT();
        else if (!strcmp(a, "-p")) opt_path = NEXT();
        else if (!strcmp(a, "-b")) opt_body = NEXT();
        else if (!strcmp(a, "-H")) {
            const char *h = NEXT();
            if (opt_nheaders == MAX_HEADERS) die("too many -H");
            if (!strchr(h, ':') || strpbrk(h, "\r\n")) die("bad header line: %s", h);
            opt_headers[opt_nheaders++] = h;
        } else if (!strcmp(a, "--connect-only")) opt_connect_only = parse_int(NEXT(), 1, 1000000, "--connect-only");
        else if (!strcmp(a, "--idle-request")) opt_idle_request = 1;
        else if (!strcmp(a, "-v")) opt_verbose = 1;
        else if (!strcmp(a, "-h") || !strcmp(a, "--help")) usage();
        else { fprintf(stderr, "loadgen: unknown argument %s\n", a); usage(); }
#undef NEXT
    }
    if (!!opt_unix == !!opt_tcp) { fprintf(stderr, "loadgen: give exactly one of -u or -t\n"); usage(); }
    if (!opt_path[0] || opt_path[0] != '/' || strpbrk(opt_path, " \r\n")) die("bad path: %s", opt_path);
    if (!opt_method[0] || strpbrk(opt_method, " \r\n")) die("bad method: %s", opt_method);
    signal(SIGPIPE, SIG_IGN);
    resolve_target();
    build_request();

    // Safety net: whatever happens, this process ends shortly after its deadline.
    alarm((unsigned)(opt_duration + opt_warmup + 30));

    if (opt_connect_only) {
        raise_nofile((rlim_t)opt_connect_only + 64);
        atomic_store(&measuring, 1);
        return run_connect_only();
    }

    int total_conns = opt_threads * opt_conns;
    raise_nofile((rlim_t)total_conns + 64);
    struct worker *ws = calloc((size_t)opt_threads, sizeof *ws);
    if (!ws) die("out of memory");
    atomic_store(&measuring, opt_warmup == 0);
    uint64_t t0 = now_ns();
    for (int t = 0; t < opt_threads; t++) {
        ws[t].id = t;
        ws[t].nconns = opt_conns;
        ws[t].conns = calloc((size_t)opt_conns, sizeof(struct conn));
        ws[t].hist = calloc(HIST_SIZE, sizeof(uint64_t));
        if (!ws[t].conns || !ws[t].hist) die("out of memory");
        if (pthread_create(&ws[t].th, NULL, worker_main, &ws[t]) != 0) die("pthread_create failed");
    }
    if (opt_warmup > 0) {
        struct timespec ts = {opt_warmup, 0};
        while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
        // Latencies of requests in flight across the boundary count from their start; fine for a warm-up.
        atomic_store(&measuring, 1);
        t0 = now_ns();
    }
    struct timespec ts = {opt_duration, 0};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
    atomic_store(&measuring, 0);
    uint64_t t1 = now_ns();
    atomic_store(&stop_flag, 1);
    for (int t = 0; t < opt_threads; t++) pthread_join(ws[t].th, NULL);

    uint64_t reqs = 0, errors = 0, non2xx = 0, bytes = 0, max_us = 0, connects = 0, stalled = 0;
    long double sum = 0;
    uint64_t *hist = calloc(HIST_SIZE, sizeof(uint64_t));
    for (int t = 0; t < opt_threads; t++) {
        reqs += ws[t].reqs;
        errors += ws[t].errors;
        non2xx += ws[t].non2xx;
        bytes += ws[t].bytes;
        connects += ws[t].connects;
        stalled += ws[t].stalled;
        sum += ws[t].sum_us;
        if (ws[t].max_us > max_us) max_us = ws[t].max_us;
        for (int i = 0; i < HIST_SIZE; i++) hist[i] += ws[t].hist[i];
    }
    double pct[3] = {0.50, 0.90, 0.99};
    uint64_t pv[3] = {0, 0, 0};
    for (int k = 0; k < 3; k++) {
        if (reqs == 0) break;
        uint64_t rank = (uint64_t)(pct[k] * (double)reqs + 0.999999);
        if (rank < 1) rank = 1;
        uint64_t acc = 0;
        for (int i = 0; i < HIST_SIZE; i++) {
            acc += hist[i];
            if (acc >= rank) { pv[k] = hist_value(i); break; }
        }
    }
    double elapsed = (double)(t1 - t0) / 1e9;
    double rps = elapsed > 0 ? (double)reqs / elapsed : 0;
    double mean = reqs ? (double)(sum / reqs) : 0;
    printf("reqs=%llu errors=%llu non2xx=%llu stalled=%llu rps=%.1f p50_us=%llu p90_us=%llu p99_us=%llu max_us=%llu "
           "mean_us=%.1f body_bytes=%llu connects=%llu threads=%d conns=%d elapsed_s=%.3f\n",
           (unsigned long long)reqs, (unsigned long long)errors, (unsigned long long)non2xx, (unsigned long long)stalled, rps,
           (unsigned long long)pv[0], (unsigned long long)pv[1], (unsigned long long)pv[2],
           (unsigned long long)max_us, mean, (unsigned long long)bytes, (unsigned long long)connects,
           opt_threads, opt_conns, elapsed);
    if (opt_verbose)
        fprintf(stderr, "%s %s on %s: %llu requests in %.2f s, %.1f req/s, p50 %llu us, p99 %llu us, %llu errors\n",
                opt_method, opt_path, opt_unix ? opt_unix : opt_tcp, (unsigned long long)reqs, elapsed, rps,
                (unsigned long long)pv[0], (unsigned long long)pv[2], (unsigned long long)errors);
    for (int t = 0; t < opt_threads; t++) {
        free(ws[t].conns);
        free(ws[t].hist);
    }
    free(ws);
    free(hist);
    free(request_buf);
    return reqs == 0 ? 1 : 0;
}
