// SPDX-License-Identifier: Apache-2.0
// Listening unix sockets for shim.sock (requests) and console.sock (the runtime sends the pty master).

import CShimSupport
import Glibc

/// Unix-socket helpers.
enum UnixListener {
    /// Binds and listens at `path` (replacing a stale file), mode 0600, non-blocking; -1 with errno set on failure.
    static func listen(at path: String) -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            errno = ENAMETOOLONG
            return -1
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let fd = socket(AF_UNIX, type, 0)
        guard fd >= 0 else { return -1 }
        unlink(path)
        // The umask makes the socket 0600 from birth; chmod afterwards would leave a window.
        let previous = umask(0o177)
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        umask(previous)
        guard rc == 0, Glibc.listen(fd, 64) == 0 else {
            let code = errno
            close(fd)
            errno = code
            return -1
        }
        return fd
    }

    /// Waits up to `milliseconds` for the runtime's console connection and returns the pty master it
    /// passes (SCM_RIGHTS), non-blocking; nil with a reason otherwise.
    static func receiveConsole(_ listener: Int32, milliseconds: Int32) -> Result<Int32, ShimFailure> {
        var entry = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, milliseconds) == 1 else { return .failure(ShimFailure("runtime did not send the console")) }
        let connection = shim_accept(listener)
        guard connection >= 0 else { return .failure(ShimFailure("accept console: " + SystemCalls.describe(errno))) }
        defer { close(connection) }
        // The connection is non-blocking; the runtime has sent before connecting returns, but wait anyway.
        var ready = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
        _ = poll(&ready, 1, milliseconds)
        let master = shim_receive_fd(connection)
        guard master >= 0 else { return .failure(ShimFailure("receive console: " + SystemCalls.describe(errno))) }
        SystemCalls.setNonBlocking(master)
        return .success(master)
    }
}

/// A setup failure with the text for the `error` line.
struct ShimFailure: Error {
    /// What went wrong, in the runtime's or the system's words.
    let message: String
    init(_ message: String) { self.message = message }
}
