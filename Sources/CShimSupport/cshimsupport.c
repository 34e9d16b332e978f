// SPDX-License-Identifier: Apache-2.0
// berth-shim's C helpers (see include/cshimsupport.h); GNU extensions are enabled only in this file.
#define _GNU_SOURCE
#include "cshimsupport.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

extern char **environ;

int shim_set_subreaper(void) { return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); }

int shim_sigchld_fd(void) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    if (sigprocmask(SIG_BLOCK, &set, NULL) != 0) return -1;
    return signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}

void shim_drain_signalfd(int fd) {
    struct signalfd_siginfo info;
    while (read(fd, &info, sizeof info) == (ssize_t)sizeof info) {
    }
}

int shim_receive_fd(int sock) {
    char byte[256];
    struct iovec iov = {.iov_base = byte, .iov_len = sizeof byte};
    union {
        struct cmsghdr header;
        char space[CMSG_SPACE(sizeof(int))];
    } control;
    memset(&control, 0, sizeof control);
    struct msghdr message = {0};
    message.msg_iov = &iov;
    message.msg_iovlen = 1;
    message.msg_control = control.space;
    message.msg_controllen = sizeof control.space;
    ssize_t n;
    do {
        n = recvmsg(sock, &message, MSG_CMSG_CLOEXEC);
    } while (n < 0 && errno == EINTR);
    if (n < 0) return -1;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&message); c != NULL; c = CMSG_NXTHDR(&message, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS && c->cmsg_len >= CMSG_LEN(sizeof(int))) {
            int fd;
            memcpy(&fd, CMSG_DATA(c), sizeof fd);
            return fd;
        }
    }
    errno = EBADMSG;
    return -1;
}

int shim_set_window_size(int fd, unsigned short rows, unsigned short columns) {
    struct winsize size = {.ws_row = rows, .ws_col = columns};
    return ioctl(fd, TIOCSWINSZ, &size);
}

int shim_pipe(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

int shim_accept(int fd) { return accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC); }

int shim_spawn_addclosefrom(posix_spawn_file_actions_t *actions, int from) {
    return posix_spawn_file_actions_addclosefrom_np(actions, from);
}

char *const *shim_environ(void) { return environ; }

int shim_exit_code(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
}

// Startup (Swift runtime, runtime create, libstdc++ init) touches megabytes of code once; the kernel
// keeps those page-cache pages mapped and counts them in our RSS. Dropping our mappings of clean,
// read-only file pages costs nothing (no copy is lost) and leaves RSS at what the loop really uses.
// A mapping with anonymous pages (RELRO after relocation, COW) is skipped: dropping would lose data.
int shim_release_file_pages(void) {
    malloc_trim(0);
    // Collect first, release last: the stdio and sscanf code used while reading would otherwise be
    // faulted straight back in.
    enum { capacity = 64 };
    unsigned long ranges[capacity][2];
    int count = 0;
    FILE *smaps = fopen("/proc/self/smaps", "re");
    if (smaps == NULL) return -1;
    char line[512];
    unsigned long start = 0, end = 0;
    int candidate = 0;
    while (fgets(line, sizeof line, smaps) != NULL) {
        unsigned long low, high, offset, anonymous;
        char perms[8];
        char path[2];
        int fields = sscanf(line, "%lx-%lx %7s %lx %*s %*s %1s", &low, &high, perms, &offset, path);
        if (fields >= 4 && strlen(perms) == 4) {
            start = low;
            end = high;
            candidate = fields == 5 && path[0] == '/' && perms[1] != 'w' && perms[3] == 'p';
        } else if (candidate && sscanf(line, "Anonymous: %lu kB", &anonymous) == 1) {
            if (anonymous == 0 && count < capacity) {
                ranges[count][0] = start;
                ranges[count][1] = end;
                count++;
            }
            candidate = 0;
        }
    }
    fclose(smaps);
    int released = 0;
    for (int i = 0; i < count; i++) {
        void *address = (void *)ranges[i][0];
        size_t length = ranges[i][1] - ranges[i][0];
        // MADV_RANDOM: later faults map one page, not the 64 KiB fault-around window.
        madvise(address, length, MADV_RANDOM);
        if (madvise(address, length, MADV_DONTNEED) == 0) released++;
    }
    return released;
}
