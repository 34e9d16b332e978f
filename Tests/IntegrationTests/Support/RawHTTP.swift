// SPDX-License-Identifier: Apache-2.0
// A tiny HTTP/1.1 client over unix or TCP sockets (one request per connection), and free-port lookup.

import Foundation
import Platform

/// A response read to the end of the connection.
struct HTTPReply: CustomStringConvertible {
    let status: Int
    /// Header fields with lower-cased names.
    let headers: [String: String]
    let body: [UInt8]

    /// The body as UTF-8 text.
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as a JSON object.
    func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw TestFailure("expected a JSON object, got: \(text)")
        }
        return object
    }

    var description: String { "HTTP \(status) \(headers) \(text)" }
}

/// Sends single requests with `Connection: close`.
enum RawHTTP {
    /// Where to connect.
    enum Target {
        case unix(String)
        case tcp(UInt16)
    }

    /// Sends one request and reads the whole response (chunked bodies are decoded).
    static func request(
        _ target: Target, _ method: String, _ path: String, headers: [String: String] = [:], body: String? = nil, timeout: Double = 10
    ) async throws -> HTTPReply {
        let deadline = Deadline.after(seconds: timeout)
        let fd: FileDescriptor
        switch target {
        case .unix(let path): fd = try await Socket.connectUnix(path: path)
        case .tcp(let port): fd = try await Socket.connectTCP(host: "127.0.0.1", port: port)
        }
        defer { fd.close() }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: berth\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body {
            if headers["Content-Type"] == nil { head += "Content-Type: application/json\r\n" }
            head += "Content-Length: \(body.utf8.count)\r\n"
        }
        head += "\r\n" + (body ?? "")
        try await fd.writeAll(Array(head.utf8), until: deadline)
        var received: [UInt8] = []
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 16 * 1024, alignment: 1)
        defer { scratch.deallocate() }
        while true {
            let count = try await fd.read(into: scratch, until: deadline)
            if count == 0 { break }
            received += scratch[..<count]
        }
        return try parse(received)
    }

    /// Splits a raw response into status, headers and (de-chunked) body.
    static func parse(_ bytes: [UInt8]) throws -> HTTPReply {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = bytes.indices.first(where: { bytes[$0...].starts(with: separator) }) else {
            throw TestFailure("incomplete HTTP response: \(String(decoding: bytes, as: UTF8.self))")
        }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw TestFailure("bad status line: \(lines[0])") }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(bytes[(end + 4)...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" { body = try dechunk(body) }
        return HTTPReply(status: status, headers: headers, body: body)
    }

    /// Decodes a complete chunked body; throws when the terminating zero-length chunk is missing.
    static func dechunk(_ bytes: [UInt8]) throws -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while true {
            guard let lf = bytes[index...].firstIndex(of: 10) else { throw TestFailure("chunked body ends without its last chunk") }
            let sizeText = String(decoding: bytes[index..<lf], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let size = Int(sizeText.split(separator: ";").first ?? "", radix: 16) else {
                throw TestFailure("bad chunk size \(sizeText)")
            }
            if size == 0 { return out }
            let start = lf + 1
            guard start + size <= bytes.count else { throw TestFailure("chunk cut short") }
            out += bytes[start..<(start + size)]
            index = start + size + 2
            guard index <= bytes.count else { throw TestFailure("chunk cut short") }
        }
    }
}

/// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then released).
func freePort() throws -> UInt16 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw TestFailure("socket: \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard bound else { throw TestFailure("bind 127.0.0.1:0: \(String(cString: strerror(errno)))") }
    return UInt16(bigEndian: address.sin_port)
}

/// Binds and listens on 127.0.0.1:`port` so nobody else can; returns the descriptor to close.
func holdPort(_ port: UInt16) throws -> Int32 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = port.bigEndian
    let bound = withUnsafePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
    }
    guard fd >= 0, bound, listen(fd, 1) == 0 else {
        close(fd)
        throw TestFailure("cannot hold port \(port): \(String(cString: strerror(errno)))")
    }
    return fd
}
