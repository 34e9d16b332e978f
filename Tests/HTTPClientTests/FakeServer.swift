// SPDX-License-Identifier: Apache-2.0
// A scripted peer for live client tests: reads requests with the server's own decoder and answers
// each with canned bytes, over one end of a socketpair or over accepted unix-socket connections.

import Glibc
import HTTPClient
import HTTPCore
import Platform

/// One end of a connected, non-blocking socketpair on each side.
func makeSocketPair() throws -> (client: FileDescriptor, server: FileDescriptor) {
    var fds: [Int32] = [0, 0]
    let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
    guard socketpair(AF_UNIX, type, 0, &fds) == 0 else { throw Errno.current("socketpair") }
    return (FileDescriptor(owning: fds[0]), FileDescriptor(owning: fds[1]))
}

/// Serves requests on one connection: `reply` maps each request head to the bytes to send back
/// (nil closes the connection without answering).
enum FakeServer {
    /// Answers requests until the peer closes or `reply` returns nil; returns the request heads seen.
    @discardableResult
    static func serve(_ fd: FileDescriptor, reply: @Sendable (HTTPRequestHead, [UInt8]) -> [UInt8]?) async throws -> [HTTPRequestHead] {
        var decoder = HTTP1RequestDecoder()
        var buffer = ByteBuffer()
        var seen: [HTTPRequestHead] = []
        var head: HTTPRequestHead?
        var body: [UInt8] = []
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 1)
        defer { scratch.deallocate() }
        while true {
            // A fresh decoder per request: HTTP1RequestDecoder keeps an absolute scan offset that goes
            // stale when ByteBuffer compacts between requests (the second keep-alive request hangs).
            if head == nil { decoder = HTTP1RequestDecoder() }
            while let event = try decoder.next(&buffer) {
                switch event {
                case .head(let next): head = next
                case .body(let piece): body += piece
                case .end:
                    guard let request = head else { continue }
                    seen.append(request)
                    guard let answer = reply(request, body) else {
                        fd.close()
                        return seen
                    }
                    try await fd.writeAll(answer)
                    head = nil
                    body = []
                    decoder = HTTP1RequestDecoder()
                }
            }
            let count = try await fd.read(into: scratch, until: .after(seconds: 10))
            if count == 0 { return seen }
            buffer.append(UnsafeRawBufferPointer(rebasing: scratch[..<count]))
        }
    }

    /// `HTTP/1.1 <status>` with a Content-Length body.
    static func response(_ status: String = "200 OK", _ body: String, headers: [String] = []) -> [UInt8] {
        let lines = headers.map { "\($0)\r\n" }.joined()
        return Array("HTTP/1.1 \(status)\r\n\(lines)Content-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8)
    }
}
