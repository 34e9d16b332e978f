// SPDX-License-Identifier: Apache-2.0
// The daemon's side of shim.sock: one request per connection, attach streams, wait, and the exit
// record the shim leaves in its state directory once it is gone.

import Glibc
import Platform
import ShimProtocol

/// Talks to the berth-shim whose state directory is given.
public struct ShimClient: Sendable {
    /// The shim's state directory (shim.sock, exit, pid).
    public let stateDirectory: String

    /// A client for the shim in `stateDirectory`.
    public init(stateDirectory: String) { self.stateDirectory = stateDirectory }

    /// `<state-dir>/shim.sock`.
    public var socketPath: String { stateDirectory + "/" + ShimFiles.socket }

    /// Sends one request and returns the reply line.
    public func request(_ request: ShimRequest) async throws -> ShimReply {
        let stream = try await send(request)
        defer { stream.close() }
        return try await readReply(stream)
    }

    /// Attaches: after the shim's `ok` the stream carries stdcopy frames from the shim and raw stdin to it
    /// (half-close the write side to end stdin with stdin-once).
    public func attach(stdin: Bool, stdout: Bool, stderr: Bool) async throws -> any ByteStream {
        let stream = try await send(.attach(stdin: stdin, stdout: stdout, stderr: stderr))
        do {
            let reply = try await readReply(stream)
            guard reply == .ok else { throw Self.unexpected(reply) }
            return stream
        } catch {
            stream.close()
            throw error
        }
    }

    /// Waits for the process to exit (no deadline: a container may run for months). When the shim is
    /// already gone, or leaves without answering, the exit file it wrote gives the answer.
    public func wait() async throws -> ShimExit {
        let reply: ShimReply
        do {
            reply = try await request(.wait)
        } catch let error as ShimError {
            if case .runtime = error { throw error }
            if let record = Self.exitRecord(stateDirectory: stateDirectory) { return record }
            throw error
        }
        guard case .exited(let exit) = reply else { throw Self.unexpected(reply) }
        return exit
    }

    /// True when a shim answers on the socket.
    public func isAlive() async -> Bool {
        (try? await request(.status)) != nil
    }

    /// The exit record the shim wrote (`<state-dir>/exit`), nil when there is none.
    public static func exitRecord(stateDirectory: String) -> ShimExit? {
        let fd = open(stateDirectory + "/" + ShimFiles.exit, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 256)
        let count = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        let line = String(decoding: bytes[..<count].prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        guard case .exited(let exit) = ShimReply(line: Substring(line)) else { return nil }
        return exit
    }

    // MARK: - Helpers

    /// Connects to the shim's socket; a path past sockaddr_un's 107 bytes is reached through an O_PATH
    /// descriptor of the directory (`/proc/self/fd/N/shim.sock`), since the daemon cannot chdir.
    /// O_PATH, which Glibc does not export to Swift (it is GNU-only in fcntl.h).
    static let openPathOnly: Int32 = 0o10000000

    static func connect(stateDirectory: String) async throws -> FileDescriptor {
        let path = stateDirectory + "/" + ShimFiles.socket
        if path.utf8.count < 100 { return try await Socket.connectUnix(path: path) }
        let directory = open(stateDirectory, O_DIRECTORY | O_CLOEXEC | Self.openPathOnly)
        guard directory >= 0 else { throw Errno.current("open " + stateDirectory) }
        defer { close(directory) }
        return try await Socket.connectUnix(path: "/proc/self/fd/\(directory)/" + ShimFiles.socket)
    }

    private func send(_ request: ShimRequest) async throws -> SocketStream {
        let fd: FileDescriptor
        do {
            fd = try await Self.connect(stateDirectory: stateDirectory)
        } catch let error as Errno where [ENOENT, ECONNREFUSED, ENOTDIR].contains(error.code) {
            throw ShimError.unavailable("no shim at \(socketPath): \(error.message)")
        }
        let stream = SocketStream(fd)
        do {
            try await stream.write(Array((request.line + "\n").utf8), until: nil)
        } catch {
            stream.close()
            throw ShimError.unavailable("shim at \(socketPath) went away: \(error)")
        }
        return stream
    }

    /// Reads one reply line a byte at a time, so nothing after it (attach frames) is consumed.
    private func readReply(_ stream: SocketStream) async throws -> ShimReply {
        var line: [UInt8] = []
        let byte = UnsafeMutableRawBufferPointer.allocate(byteCount: 1, alignment: 1)
        defer { byte.deallocate() }
        while true {
            let count: Int
            do {
                count = try await stream.read(into: byte, until: nil)
            } catch let error as Errno where error.code == ECONNRESET {
                // The shim closed its listener with our connection still queued: it has finished.
                throw ShimError.unavailable("shim at \(socketPath) went away: \(error.message)")
            }
            if count == 0 { throw ShimError.protocolViolation("shim closed the connection without a reply") }
            if byte[0] == UInt8(ascii: "\n") { break }
            line.append(byte[0])
            if line.count > 4096 { throw ShimError.protocolViolation("shim reply too long") }
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let reply = ShimReply(line: Substring(text)) else { throw ShimError.protocolViolation("bad shim reply: \(text)") }
        return reply
    }

    private static func unexpected(_ reply: ShimReply) -> ShimError {
        if case .error(let message) = reply { return .runtime(message) }
        return .protocolViolation("unexpected shim reply: \(reply.line)")
    }
}
