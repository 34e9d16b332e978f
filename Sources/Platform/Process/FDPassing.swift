// SPDX-License-Identifier: Apache-2.0
// SCM_RIGHTS over unix sockets, e.g. the pty master that `runc --console-socket` sends back.

import CShims
import Glibc

/// Sending and receiving one file descriptor as SCM_RIGHTS ancillary data.
public enum FDPassing {
    /// Sends `fd` (with one payload byte) over the unix `socket`, waiting on the event loop if it is full.
    public static func send(_ fd: FileDescriptor, over socket: FileDescriptor) async throws {
        while true {
            if cshim_send_fd(socket.rawValue, fd.rawValue) >= 0 { return }
            let code = errno
            switch code {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK:
                if socket.isClosed { throw EventLoopError.closed }
                try await EventLoop.current.wait(socket.rawValue, for: .write)
            default: throw Errno(code, "sendmsg SCM_RIGHTS")
            }
        }
    }

    /// Receives one message from `socket` and returns the first descriptor it carried (close-on-exec).
    /// Throws `ENODATA` when the message had none and `ECONNRESET` when the peer closed first.
    public static func receive(from socket: FileDescriptor) async throws -> FileDescriptor {
        while true {
            var fd: Int32 = -1
            let count = cshim_recv_fd(socket.rawValue, &fd)
            if count >= 0 {
                if fd >= 0 { return FileDescriptor(owning: fd) }
                throw Errno(count == 0 ? ECONNRESET : ENODATA, "recvmsg SCM_RIGHTS")
            }
            let code = errno
            switch code {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK:
                if socket.isClosed { throw EventLoopError.closed }
                try await EventLoop.current.wait(socket.rawValue, for: .read)
            default: throw Errno(code, "recvmsg SCM_RIGHTS")
            }
        }
    }

    /// A connected, non-blocking, close-on-exec unix stream socket pair.
    public static func socketPair() throws(Errno) -> (FileDescriptor, FileDescriptor) {
        var fds: [Int32] = [-1, -1]
        let type = Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue)
        guard socketpair(AF_UNIX, type, 0, &fds) == 0 else { throw Errno.current("socketpair") }
        return (FileDescriptor(owning: fds[0]), FileDescriptor(owning: fds[1]))
    }
}
