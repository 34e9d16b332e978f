// SPDX-License-Identifier: Apache-2.0
// Fixed-signature wrappers for what Swift cannot call: GNU-only functions, function-like macros,
// variadic APIs, and headers the Glibc module does not export. No _GNU_SOURCE here: defining it in
// a public header breaks clean builds (fd_set ODR clash with SwiftGlibc; notes/swift-on-linux.md §1).
#ifndef CSHIMS_H
#define CSHIMS_H

#include <stdint.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <signal.h>
#include <sys/xattr.h>
#include <openssl/ssl.h>

/// accept4(2) with SOCK_NONBLOCK|SOCK_CLOEXEC.
int cshim_accept_nonblocking(int fd);
/// pipe2(2) with O_CLOEXEC (and O_NONBLOCK when nonblocking != 0).
int cshim_pipe2(int fds[2], int nonblocking);
/// Sets the calling thread's name (pthread_setname_np).
void cshim_set_thread_name(const char *name);
/// Peer credentials of a unix socket (SO_PEERCRED); returns 0 on success.
int cshim_peer_credentials(int fd, pid_t *pid, uid_t *uid, gid_t *gid);
/// WIFEXITED/WEXITSTATUS/WIFSIGNALED/WTERMSIG.
int cshim_wifexited(int status);
int cshim_wexitstatus(int status);
int cshim_wifsignaled(int status);
int cshim_wtermsig(int status);
/// malloc_trim(3): returns free heap pages to the kernel (malloc.h is not in the Glibc module).
int cshim_malloc_trim(void);
/// The process environment (environ is not concurrency-safe in Swift 6).
char **cshim_environ(void);

// Layer extraction (Platform/Archive): a private root for one thread, overlayfs whiteouts, and a
// UTF-8 locale so libarchive converts pax UTF-8 names without loss in a process left in "C".
/// unshare(CLONE_FS): the calling thread gets its own root, cwd and umask; returns 0 or -1 (errno).
int cshim_unshare_fs(void);
/// fchdir(dirfd), chroot("."), chdir("/"): the calling thread's root becomes dirfd; 0 or -1 (errno).
int cshim_chroot_fd(int dirfd);
/// mknodat(dirfd, name, S_IFCHR, makedev(0, 0)): an overlayfs whiteout; 0 or -1 (errno).
int cshim_mknod_whiteout(int dirfd, const char *name);
/// uselocale(C.UTF-8) for the calling thread; returns the previous locale for cshim_restore_locale
/// (NULL when C.UTF-8 is unavailable, and then nothing changed).
void *cshim_use_utf8_locale(void);
/// uselocale(previous), unless previous is NULL.
void cshim_restore_locale(void *previous);

// Process spawning, fd passing and ptys (Platform/Process).
#include <spawn.h>
/// posix_spawn_file_actions_addchdir_np (GNU); returns 0 or an error number.
int cshim_spawn_addchdir(posix_spawn_file_actions_t *actions, const char *path);
/// posix_spawn_file_actions_addclosefrom_np (GNU): close every fd >= low in the child; 0 or an error number.
int cshim_spawn_addclosefrom(posix_spawn_file_actions_t *actions, int low);
/// The POSIX_SPAWN_SETSID flag value.
int cshim_spawn_setsid_flag(void);
/// pidfd_open(2) via syscall; returns the fd or -1 (errno).
int cshim_pidfd_open(pid_t pid, unsigned int flags);
/// sendmsg(2) of one byte carrying `fd` as SCM_RIGHTS (MSG_NOSIGNAL); returns bytes sent or -1 (errno).
ssize_t cshim_send_fd(int socket, int fd);
/// recvmsg(2) of one message, MSG_CMSG_CLOEXEC; stores the first SCM_RIGHTS fd in *fd (-1 if none),
/// closes any extra fds; returns bytes received or -1 (errno).
ssize_t cshim_recv_fd(int socket, int *fd);
/// posix_openpt(O_RDWR|O_NOCTTY|O_CLOEXEC) + grantpt + unlockpt + ptsname_r (XOPEN/GNU): returns the
/// master fd with the slave path in buffer, or -1 (errno; nothing left open).
int cshim_open_pty(char *buffer, size_t length);
/// ioctl(TIOCSWINSZ); 0 or -1 (errno).
int cshim_set_winsize(int fd, unsigned short rows, unsigned short cols);
/// ioctl(TIOCGWINSZ); 0 or -1 (errno).
int cshim_get_winsize(int fd, unsigned short *rows, unsigned short *cols);

// OpenSSL control macros (SSL_CTX_ctrl wrappers).
static inline long cshim_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version) {
    return SSL_CTX_set_min_proto_version(ctx, version);
}
static inline long cshim_SSL_CTX_set_mode(SSL_CTX *ctx, long mode) { return SSL_CTX_set_mode(ctx, mode); }
static inline uint64_t cshim_SSL_OP_NO_RENEGOTIATION(void) { return SSL_OP_NO_RENEGOTIATION; }
static inline uint64_t cshim_SSL_OP_NO_COMPRESSION(void) { return SSL_OP_NO_COMPRESSION; }
static inline uint64_t cshim_SSL_OP_CIPHER_SERVER_PREFERENCE(void) { return SSL_OP_CIPHER_SERVER_PREFERENCE; }
static inline long cshim_SSL_CTX_set_session_cache_mode(SSL_CTX *ctx, long mode) {
    return SSL_CTX_set_session_cache_mode(ctx, mode);
}
static inline long cshim_SSL_set_tlsext_host_name(SSL *ssl, const char *name) {
    return SSL_set_tlsext_host_name(ssl, name);
}

// Mounts and paths inside a container rootfs (Platform/Mounts).
/// RESOLVE_* flags of openat2(2) (linux/openat2.h), for cshim_openat2's `resolve`.
#define CSHIM_RESOLVE_NO_MAGICLINKS 0x02
#define CSHIM_RESOLVE_IN_ROOT 0x10
/// O_PATH (GNU-only in fcntl.h, so hidden from Swift): a descriptor that only names a place.
#define CSHIM_O_PATH 010000000
/// openat2(2) via syscall (glibc has no wrapper): opens `path` below `dirfd` with `flags`, `mode` and
/// `resolve`; returns the fd or -1 (errno).
int cshim_openat2(int dirfd, const char *path, int flags, unsigned int mode, unsigned long long resolve);
/// Mounts a filesystem through the new mount API: fsopen(fstype), one fsconfig(FSCONFIG_SET_STRING)
/// per key/value (FSCONFIG_SET_FLAG when the value is NULL), FSCONFIG_CMD_CREATE, fsmount and
/// move_mount onto `target`. Each value may be up to a page long on its own, which is what lets
/// overlayfs take hundreds of "lowerdir+" entries. Returns 0, or -1 with errno set and *failed_key
/// set to the index of the key that failed (or -1 when fsopen/create/fsmount/move_mount failed).
int cshim_fsmount(const char *fstype, const char *const *keys, const char *const *values, int count,
                  const char *target, int *failed_key);

#endif

/// Whether `path` (symlinks followed) is the root of a mount: 1 yes, 0 no, -1 with errno set, -2 when
/// the kernel cannot tell (no STATX_ATTR_MOUNT_ROOT before Linux 5.8). One statx instead of reading
/// /proc/self/mountinfo.
int cshim_is_mount_root(const char *path);
