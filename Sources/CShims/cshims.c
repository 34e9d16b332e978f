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
