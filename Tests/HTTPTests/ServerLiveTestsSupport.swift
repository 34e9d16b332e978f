// SPDX-License-Identifier: Apache-2.0
// In-process HTTPServer on a unix socket in /tmp, a test handler, and a raw-socket client for the live tests.

import Foundation
import HTTP
import HTTPCore
import Platform
import Synchronization

/// An `HTTPServer` listening on a fresh unix socket.
final class ServerLiveHarness: Sendable {
    let directory: String
    let path: String
    let server: HTTPServer

    init(options: ServerOptions = ServerOptions(), handler: @escaping HTTPHandler = ServerLiveHandlers.standard) throws {
        var template = Array("/tmp/berth-live-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> String? in
            guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return nil }
            return String(cString: base)
        }
        guard let made else { throw LiveError("mkdtemp failed") }
        directory = made
        path = "\(made)/http.sock"
        let listener = Listener(descriptor: try Socket.listenUnix(path: path), transport: .unix, address: "unix://\(path)")
        server = HTTPServer(listeners: [listener], options: options, handler: handler)
        server.start()
    }

    // A test that fails before `stop()` still leaves no directory behind.
    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// Opens a raw connection to the server.
    func connect() async throws -> ServerLiveClient {
        ServerLiveClient(try await ServerLiveClient.connectUnix(path))
    }

    /// Shuts the server down and removes the socket directory.
    func stop() async {
        await server.shutdown()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// Handlers shared by the live tests, chosen by path.
enum ServerLiveHandlers {
    /// How many `/silent` streams have ended.
    static let silentStreamsEnded = Mutex(0)

    /// `/echo` returns the request body; `/slow?ms=N` answers after N ms; `/stream` sends three chunks;
    /// `/forever` streams until cancelled; anything else answers `target=<request target>`.
    @Sendable static func standard(_ request: HTTPRequest) async -> HTTPResponse {
        switch request.head.path {
        case "/echo":
            do {
                let body = try await request.body.collect(upTo: 1 << 20)
                return HTTPResponse(status: .ok, contentType: "application/octet-stream", body: body)
            } catch let error as HTTPParseError {
                return .text(error.detail, status: error.status)
            } catch {
                return .text("\(error)", status: .internalServerError)
            }
        case "/slow":
            let milliseconds = Int(request.query["ms"] ?? "") ?? 200
            try? await Task.sleep(for: .milliseconds(milliseconds))
            return .text("slow \(milliseconds)")
        case "/stream":
            return HTTPResponse(
                body: .stream { writer in
                    for piece in ["one", "two", "three"] {
                        try await writer.write(Array(piece.utf8))
                        try await Task.sleep(for: .milliseconds(20))
                    }
                })
        case "/silent":
            // Streams nothing until cancelled; only the server's watch for the client's EOF can end it.
            return HTTPResponse(
                body: .stream { _ in
                    defer { ServerLiveHandlers.silentStreamsEnded.withLock { $0 += 1 } }
                    while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(20)) }
                })
        case "/forever":
            return HTTPResponse(
                body: .stream { writer in
                    while true {
                        try await writer.write(Array("tick\n".utf8))
                        try await Task.sleep(for: .milliseconds(50))
                    }
                })
        default:
            return .text("target=\(request.head.target)")
        }
    }
}

/// A failure in the live-test plumbing.
struct LiveError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// One parsed response.
struct LiveResponse {
    let status: Int
    /// Header fields with lower-cased names, in order.
    let headers: [(name: String, value: String)]
    let body: [UInt8]
    /// The chunks as received, for chunked responses.
    let chunks: [[UInt8]]

    var text: String { String(decoding: body, as: UTF8.self) }
    func header(_ name: String) -> String? { headers.first { $0.name == name.lowercased() }?.value }
}

/// A raw client connection that reads responses one at a time, keeping bytes that follow.
final class ServerLiveClient {
    let fd: FileDescriptor
    private var buffer: [UInt8] = []

    init(_ fd: FileDescriptor) { self.fd = fd }

    deinit { fd.close() }

    /// Connects to a unix socket, retrying while the listen backlog is full (a non-blocking AF_UNIX
    /// connect then fails with EAGAIN instead of completing later).
    static func connectUnix(_ path: String) async throws -> FileDescriptor {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: Array(path.utf8) + [0])
        }
        for _ in 0..<500 {
            let raw = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard raw >= 0 else { throw LiveError("socket: \(String(cString: strerror(errno)))") }
            let rc = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(raw, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            if rc == 0 { return FileDescriptor(owning: raw) }
            let code = errno
            close(raw)
            guard code == EAGAIN else { throw LiveError("connect \(path): \(String(cString: strerror(code)))") }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw LiveError("connect \(path): backlog stayed full")
    }

    /// Writes all bytes.
    func send(_ bytes: [UInt8], timeout: Double = 5) async throws {
        try await fd.writeAll(bytes, until: .after(seconds: timeout))
    }

    /// Writes text.
    func send(_ text: String, timeout: Double = 5) async throws {
        try await send(Array(text.utf8), timeout: timeout)
    }

    /// Half-closes the write side.
    func shutdownWrite() { _ = shutdown(fd.rawValue, Int32(SHUT_WR)) }

    /// Reads more bytes into the buffer; false at EOF (or a reset).
    private func fill(until deadline: Deadline) async throws -> Bool {
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)
        defer { scratch.deallocate() }
        let count: Int
        do {
            count = try await fd.read(into: scratch, until: deadline)
        } catch let error as Errno where error.code == ECONNRESET {
            return false
        }
        buffer += scratch[..<count]
        return count > 0
    }

    /// Waits until at least `count` bytes are buffered; throws on EOF or timeout.
    private func require(_ count: Int, _ deadline: Deadline) async throws {
        while buffer.count < count {
            guard try await fill(until: deadline) else { throw LiveError("connection closed after \(buffer.count) of \(count) bytes") }
        }
    }

    /// Reads one line ending in CRLF (without it).
    private func line(_ deadline: Deadline) async throws -> String {
        while true {
            if let index = buffer.indices.first(where: { $0 > 0 && buffer[$0 - 1] == 13 && buffer[$0] == 10 }) {
                let text = String(decoding: buffer[..<(index - 1)], as: UTF8.self)
                buffer.removeFirst(index + 1)
                return text
            }
            guard try await fill(until: deadline) else {
                throw LiveError("connection closed inside a line: \(String(decoding: buffer, as: UTF8.self))")
            }
        }
    }

    /// Takes exactly `count` bytes.
    func read(exactly count: Int, timeout: Double = 5) async throws -> [UInt8] {
        try await require(count, .after(seconds: timeout))
        defer { buffer.removeFirst(count) }
        return Array(buffer[..<count])
    }

    /// Reads one response: the head, then a body framed by Content-Length or chunks (none for 1xx).
    func readResponse(timeout: Double = 5) async throws -> LiveResponse {
        let deadline = Deadline.after(seconds: timeout)
        let statusLine = try await line(deadline)
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            throw LiveError("bad status line: \(statusLine)")
        }
        var headers: [(name: String, value: String)] = []
        while true {
            let field = try await line(deadline)
            if field.isEmpty { break }
            guard let colon = field.firstIndex(of: ":") else { throw LiveError("bad header: \(field)") }
            headers.append((field[..<colon].lowercased(), field[field.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        let value = { (name: String) in headers.first { $0.name == name }?.value }
        if status < 200 { return LiveResponse(status: status, headers: headers, body: [], chunks: []) }
        if value("transfer-encoding")?.lowercased() == "chunked" {
            var chunks: [[UInt8]] = []
            while true {
                let sizeLine = try await line(deadline)
                guard let size = Int(sizeLine.split(separator: ";").first ?? "", radix: 16) else {
                    throw LiveError("bad chunk size: \(sizeLine)")
                }
                if size == 0 {
                    while try await !line(deadline).isEmpty {}  // trailers
                    return LiveResponse(status: status, headers: headers, body: chunks.flatMap { $0 }, chunks: chunks)
                }
                chunks.append(try await read(exactly: size, timeout: timeout))
                guard try await line(deadline).isEmpty else { throw LiveError("chunk not followed by CRLF") }
            }
        }
        let length = Int(value("content-length") ?? "0") ?? 0
        return LiveResponse(status: status, headers: headers, body: try await read(exactly: length, timeout: timeout), chunks: [])
    }

    /// Reads until the server closes; returns what arrived. Throws if it stays open past `timeout`.
    func readUntilClosed(timeout: Double = 5) async throws -> [UInt8] {
        let deadline = Deadline.after(seconds: timeout)
        while try await fill(until: deadline) {}
        defer { buffer.removeAll() }
        return buffer
    }

    /// Seconds until the server closes the connection (nothing else may arrive meanwhile).
    func secondsUntilClosed(timeout: Double = 5) async throws -> Double {
        let start = Deadline.now
        let rest = try await readUntilClosed(timeout: timeout)
        guard rest.isEmpty else { throw LiveError("unexpected bytes before close: \(String(decoding: rest, as: UTF8.self))") }
        return Double(Deadline.now.nanoseconds - start.nanoseconds) / 1e9
    }
}

/// A GET request head with optional extra header lines.
func liveGet(_ target: String, _ extra: String = "") -> String {
    "GET \(target) HTTP/1.1\r\nHost: live\r\n\(extra)\r\n"
}

/// Seconds elapsed since `start`.
func liveElapsed(since start: Deadline) -> Double {
    Double(Deadline.now.nanoseconds - start.nanoseconds) / 1e9
}
