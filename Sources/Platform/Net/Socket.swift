// SPDX-License-Identifier: Apache-2.0
// Listening and connecting sockets: unix and TCP, all non-blocking and close-on-exec.

import CShims
import Glibc

/// Socket creation helpers; every descriptor returned is `O_NONBLOCK | O_CLOEXEC`.
public enum Socket {
    /// Binds and listens on a unix socket at `path`. A stale socket file (nobody accepts on it) is
    /// replaced; a live one makes this throw `EADDRINUSE`, so two daemons never share a socket.
    public static func listenUnix(path: String, backlog: Int32 = 1024) throws -> FileDescriptor {
        var address = try unixAddress(path)
        if access(path, F_OK) == 0 {
            if isAcceptingUnix(path) {
                throw Errno(EADDRINUSE, "listen \(path): another process is listening on it")
            }
            _ = unlink(path)
        }
        let fd = FileDescriptor(owning: try makeSocket(AF_UNIX))
        let length = socklen_t(MemoryLayout<sockaddr_un>.size)
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd.rawValue, $0, length) }
        }
        guard rc == 0 else { throw Errno.current("bind \(path)") }
        guard listen(fd.rawValue, backlog) == 0 else { throw Errno.current("listen \(path)") }
        return fd
    }

    /// Binds and listens on TCP `host:port` (IPv4 or IPv6 literal or name; empty host = all IPv4).
    public static func listenTCP(host: String, port: UInt16, backlog: Int32 = 1024) throws -> FileDescriptor {
        let (storage, length, family) = try resolve(host: host.isEmpty ? "0.0.0.0" : host, port: port)
        let fd = FileDescriptor(owning: try makeSocket(family))
        var one: Int32 = 1
        setsockopt(fd.rawValue, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = storage
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd.rawValue, $0, length) }
        }
        guard rc == 0 else { throw Errno.current("listen tcp \(host):\(port)") }
        guard listen(fd.rawValue, backlog) == 0 else { throw Errno.current("listen tcp \(host):\(port)") }
        return fd
    }

    /// Accepts one connection, waiting on the event loop; the new socket is non-blocking.
    public static func accept(_ listener: FileDescriptor) async throws -> FileDescriptor {
        while true {
            let fd = cshim_accept_nonblocking(listener.rawValue)
            if fd >= 0 { return FileDescriptor(owning: fd) }
            let code = errno
            switch code {
            case EINTR, ECONNABORTED, EPROTO: continue
            case EAGAIN, EWOULDBLOCK:
                if listener.isClosed { throw EventLoopError.closed }
                try await EventLoop.current.wait(listener.rawValue, for: .read)
            default: throw Errno(code, "accept")
            }
        }
    }

    /// Connects to a unix socket, waiting on the event loop while the connect is in progress.
    public static func connectUnix(path: String) async throws -> FileDescriptor {
        var address = try unixAddress(path)
        let fd = FileDescriptor(owning: try makeSocket(AF_UNIX))
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd.rawValue, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        try await finishConnect(fd, rc, "connect \(path)")
        return fd
    }

    /// Connects to TCP `host:port` and sets `TCP_NODELAY`.
    public static func connectTCP(host: String, port: UInt16) async throws -> FileDescriptor {
        let (storage, length, family) = try resolve(host: host, port: port)
        let fd = FileDescriptor(owning: try makeSocket(family))
        var address = storage
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd.rawValue, $0, length) }
        }
        try await finishConnect(fd, rc, "connect \(host):\(port)")
        setNoDelay(fd)
        return fd
    }

    /// True when the peer is gone for good: the socket reports POLLHUP or POLLERR (both directions shut, a
    /// reset). A peer that only half-closed (shutdown(SHUT_WR), as the docker CLI at the end of stdin) shows
    /// POLLRDHUP alone and is not gone. On TCP a peer's close() is such a half-close until a write fails.
    public static func peerIsGone(_ fd: FileDescriptor) -> Bool {
        var entry = pollfd(fd: fd.rawValue, events: 0, revents: 0)
        guard poll(&entry, 1, 0) == 1 else { return false }
        return Int32(entry.revents) & (Int32(POLLHUP) | Int32(POLLERR) | Int32(POLLNVAL)) != 0
    }

    /// Disables Nagle's algorithm on a TCP socket (ignored on others).
    public static func setNoDelay(_ fd: FileDescriptor) {
        var one: Int32 = 1
        setsockopt(fd.rawValue, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    /// The address family of a bound or connected socket (`AF_UNIX`, `AF_INET`, `AF_INET6`).
    public static func family(of fd: FileDescriptor) -> Int32 {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let rc = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd.rawValue, $0, &length) }
        }
        return rc == 0 ? Int32(storage.ss_family) : -1
    }

    /// The local TCP port of a bound socket (useful after binding port 0).
    public static func localPort(of fd: FileDescriptor) -> UInt16 {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd.rawValue, $0, &length) }
        }
        let family = storage.ss_family
        return withUnsafePointer(to: &storage) { pointer -> UInt16 in
            if family == sa_family_t(AF_INET6) {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
        }
    }

    // MARK: - Helpers

    private static func makeSocket(_ family: Int32) throws(Errno) -> Int32 {
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let fd = socket(family, type, 0)
        guard fd >= 0 else { throw Errno.current("socket") }
        return fd
    }

    private static func finishConnect(_ fd: FileDescriptor, _ rc: Int32, _ what: String) async throws {
        if rc == 0 { return }
        guard errno == EINPROGRESS || errno == EAGAIN else { throw Errno.current(what) }
        try await EventLoop.current.wait(fd.rawValue, for: .write, until: .after(seconds: 30))
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd.rawValue, SOL_SOCKET, SO_ERROR, &error, &length)
        guard error == 0 else { throw Errno(error, what) }
    }

    /// True when something accepts connections on the unix socket at `path` (a blocking probe).
    static func isAcceptingUnix(_ path: String) -> Bool {
        guard var address = try? unixAddress(path) else { return false }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { Glibc.close(fd) }
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return rc == 0
    }

    static func unixAddress(_ path: String) throws(Errno) -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity else { throw Errno(ENAMETOOLONG, "socket path \(path)") }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        return address
    }

    static func resolve(host: String, port: UInt16) throws(Errno) -> (sockaddr_storage, socklen_t, Int32) {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var result: UnsafeMutablePointer<addrinfo>?
        let literal = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let rc = getaddrinfo(literal, String(port), &hints, &result)
        guard rc == 0, let info = result else {
            throw Errno(EADDRNOTAVAIL, "resolve \(host): \(String(cString: gai_strerror(rc)))")
        }
        defer { freeaddrinfo(result) }
        var storage = sockaddr_storage()
        let length = info.pointee.ai_addrlen
        withUnsafeMutableBytes(of: &storage) { raw in
            raw.copyMemory(from: UnsafeRawBufferPointer(start: info.pointee.ai_addr, count: Int(length)))
        }
        return (storage, length, info.pointee.ai_family)
    }
}
