// SPDX-License-Identifier: Apache-2.0
// berth-shim's C helpers: what Swift cannot call (variadic prctl/ioctl, CMSG macros, GNU-only calls,
// wait-status macros). No _GNU_SOURCE here: defining it in a public header breaks clean builds
// (notes/swift-on-linux.md §1); the .c file defines it.
#ifndef CSHIMSUPPORT_H
#define CSHIMSUPPORT_H

#include <spawn.h>
#include <sys/types.h>

/// prctl(PR_SET_CHILD_SUBREAPER, 1): orphaned descendants are re-parented to us. 0 or -1 (errno).
int shim_set_subreaper(void);
/// Blocks SIGCHLD and returns a non-blocking, close-on-exec signalfd for it, or -1 (errno).
int shim_sigchld_fd(void);
/// Reads and discards every queued signalfd_siginfo from `fd`.
void shim_drain_signalfd(int fd);
/// Receives one descriptor sent with SCM_RIGHTS on `sock` (made close-on-exec); -1 (errno) otherwise.
int shim_receive_fd(int sock);
/// ioctl(TIOCSWINSZ) on a pty master. 0 or -1 (errno).
int shim_set_window_size(int fd, unsigned short rows, unsigned short columns);
/// pipe2(2) with O_CLOEXEC. 0 or -1 (errno).
int shim_pipe(int fds[2]);
/// accept4(2) with SOCK_NONBLOCK|SOCK_CLOEXEC.
int shim_accept(int fd);
/// posix_spawn_file_actions_addclosefrom_np: closes every fd >= `from` in the child.
int shim_spawn_addclosefrom(posix_spawn_file_actions_t *actions, int from);
/// The process environment (Swift 6 cannot touch the `environ` global).
char *const *shim_environ(void);
/// A wait status as Docker reports it: the exit code, 128 + signal when killed, -1 otherwise.
int shim_exit_code(int status);

/// Unmaps from this process the pages of read-only file mappings it has not modified (code, rodata):
/// they stay in the page cache, shared, and fault back in when used. Trims the heap first (malloc_trim).
/// Returns how many mappings were released, -1 when /proc/self/smaps cannot be read.
int shim_release_file_pages(void);

#endif
