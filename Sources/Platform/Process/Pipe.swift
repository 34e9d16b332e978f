// SPDX-License-Identifier: Apache-2.0
// Close-on-exec pipes for wiring a spawned child's stdio.

import CShims
import Glibc

/// A unidirectional pipe whose both ends are close-on-exec (the spawner dup2s them into children).
public enum Pipe {
    /// Creates a pipe; `nonBlocking` sets O_NONBLOCK on both ends.
    public static func make(nonBlocking: Bool = false) throws(Errno) -> (read: FileDescriptor, write: FileDescriptor) {
        var fds: [Int32] = [-1, -1]
        guard cshim_pipe2(&fds, nonBlocking ? 1 : 0) == 0 else { throw Errno.current("pipe2") }
        return (FileDescriptor(owning: fds[0]), FileDescriptor(owning: fds[1]))
    }
}
