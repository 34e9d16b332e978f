// SPDX-License-Identifier: Apache-2.0
// GNU-only calls live here, where _GNU_SOURCE is private to this file.
#define _GNU_SOURCE
#include <fcntl.h>
#include <locale.h>
#include <sched.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <malloc.h>
#include <unistd.h>
#include "cshims.h"

extern char **environ;

int cshim_accept_nonblocking(int fd) { return accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC); }

int cshim_pipe2(int fds[2], int nonblocking) { return pipe2(fds, O_CLOEXEC | (nonblocking ? O_NONBLOCK : 0)); }

void cshim_set_thread_name(const char *name) { pthread_setname_np(pthread_self(), name); }

int cshim_peer_credentials(int fd, pid_t *pid, uid_t *uid, gid_t *gid) {
    struct ucred cred;
    socklen_t len = sizeof(cred);
    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0) return -1;
    *pid = cred.pid;
    *uid = cred.uid;
    *gid = cred.gid;
    return 0;
}

int cshim_wifexited(int status) { return WIFEXITED(status); }
int cshim_wexitstatus(int status) { return WEXITSTATUS(status); }
int cshim_wifsignaled(int status) { return WIFSIGNALED(status); }
int cshim_wtermsig(int status) { return WTERMSIG(status); }
char **cshim_environ(void) { return environ; }

int cshim_unshare_fs(void) { return unshare(CLONE_FS); }

int cshim_chroot_fd(int dirfd) {
    if (fchdir(dirfd) != 0) return -1;
    if (chroot(".") != 0) return -1;
    return chdir("/");
}

int cshim_mknod_whiteout(int dirfd, const char *name) { return mknodat(dirfd, name, S_IFCHR, makedev(0, 0)); }

static locale_t utf8_locale;
static pthread_once_t utf8_locale_once = PTHREAD_ONCE_INIT;
static void make_utf8_locale(void) { utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0); }

void *cshim_use_utf8_locale(void) {
    pthread_once(&utf8_locale_once, make_utf8_locale);
    if (utf8_locale == (locale_t)0) return NULL;
    return uselocale(utf8_locale);
}

void cshim_restore_locale(void *previous) {
    if (previous != NULL) uselocale((locale_t)previous);
}

#include <errno.h>
#include <spawn.h>
#include <string.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <termios.h>

int cshim_spawn_addchdir(posix_spawn_file_actions_t *actions, const char *path) {
    return posix_spawn_file_actions_addchdir_np(actions, path);
}

int cshim_spawn_addclosefrom(posix_spawn_file_actions_t *actions, int low) {
    return posix_spawn_file_actions_addclosefrom_np(actions, low);
}

int cshim_spawn_setsid_flag(void) { return POSIX_SPAWN_SETSID; }

int cshim_pidfd_open(pid_t pid, unsigned int flags) { return (int)syscall(SYS_pidfd_open, pid, flags); }

ssize_t cshim_send_fd(int socket, int fd) {
    char byte = 0;
    struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
    union { char buffer[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } control;
    memset(&control, 0, sizeof(control));
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.buffer,
                          .msg_controllen = sizeof(control.buffer) };
    struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);
    cmsg->cmsg_level = SOL_SOCKET;
    cmsg->cmsg_type = SCM_RIGHTS;
    cmsg->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(cmsg), &fd, sizeof(int));
    return sendmsg(socket, &msg, MSG_NOSIGNAL);
}

ssize_t cshim_recv_fd(int socket, int *fd) {
    char data[256];
    struct iovec iov = { .iov_base = data, .iov_len = sizeof(data) };
    union { char buffer[CMSG_SPACE(sizeof(int) * 16)]; struct cmsghdr align; } control;
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.buffer,
                          .msg_controllen = sizeof(control.buffer) };
    *fd = -1;
    ssize_t n = recvmsg(socket, &msg, MSG_CMSG_CLOEXEC);
    if (n < 0) return n;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c != NULL; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
        size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        for (size_t i = 0; i < count; i++) {
            int received;
            memcpy(&received, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
            if (*fd < 0) *fd = received; else close(received);
        }
    }
    return n;
}

int cshim_open_pty(char *buffer, size_t length) {
    int fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return -1;
    int rc = 0;
    if (grantpt(fd) != 0 || unlockpt(fd) != 0) rc = errno;
    else rc = ptsname_r(fd, buffer, length);
    if (rc != 0) {
        close(fd);
        errno = rc;
        return -1;
    }
    return fd;
}

int cshim_set_winsize(int fd, unsigned short rows, unsigned short cols) {
    struct winsize size = { .ws_row = rows, .ws_col = cols, .ws_xpixel = 0, .ws_ypixel = 0 };
    return ioctl(fd, TIOCSWINSZ, &size);
}

int cshim_get_winsize(int fd, unsigned short *rows, unsigned short *cols) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return -1;
    *rows = size.ws_row;
    *cols = size.ws_col;
    return 0;
}

int cshim_malloc_trim(void) { return malloc_trim(0); }

// Mounts and in-root opens (Platform/Mounts).
#include <linux/openat2.h>
#include <sys/mount.h>

int cshim_openat2(int dirfd, const char *path, int flags, unsigned int mode, unsigned long long resolve) {
    struct open_how how;
    memset(&how, 0, sizeof(how));
    how.flags = (unsigned long long)(unsigned int)flags;
    how.mode = mode;
    how.resolve = resolve;
    return (int)syscall(SYS_openat2, dirfd, path, &how, sizeof(how));
}

int cshim_fsmount(const char *fstype, const char *const *keys, const char *const *values, int count,
                  const char *target, int *failed_key) {
    *failed_key = -1;
    int fsfd = fsopen(fstype, FSOPEN_CLOEXEC);
    if (fsfd < 0) return -1;
    for (int i = 0; i < count; i++) {
        int rc = values[i] == NULL ? fsconfig(fsfd, FSCONFIG_SET_FLAG, keys[i], NULL, 0)
                                   : fsconfig(fsfd, FSCONFIG_SET_STRING, keys[i], values[i], 0);
        if (rc != 0) {
            int saved = errno;
            close(fsfd);
            *failed_key = i;
            errno = saved;
            return -1;
        }
    }
    int mountfd = -1;
    if (fsconfig(fsfd, FSCONFIG_CMD_CREATE, NULL, NULL, 0) == 0) mountfd = fsmount(fsfd, FSMOUNT_CLOEXEC, 0);
    int saved = errno;
    close(fsfd);
    if (mountfd < 0) {
        errno = saved;
        return -1;
    }
    int rc = move_mount(mountfd, "", AT_FDCWD, target, MOVE_MOUNT_F_EMPTY_PATH);
    saved = errno;
    close(mountfd);
    errno = saved;
    return rc;
}

int cshim_is_mount_root(const char *path) {
    struct statx info;
    if (statx(AT_FDCWD, path, 0, STATX_BASIC_STATS, &info) != 0) return -1;
    if (!(info.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT)) return -2;
    return (info.stx_attributes & STATX_ATTR_MOUNT_ROOT) ? 1 : 0;
}
