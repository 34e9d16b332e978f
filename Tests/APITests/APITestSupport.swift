// SPDX-License-Identifier: Apache-2.0
// Fixtures for in-process API tests: an engine on an in-memory database, request builders, body readers.

import API
import Glibc
import Engine
import HTTPCore
import Models
import Store
import Synchronization

/// An engine over a fresh in-memory database; nothing is written to disk.
func makeEngine() async throws -> Engine {
    // A data root of its own: the stores clear unfinished ingests and unknown layers when they open.
    let root = "/tmp/berth-apitests-\(getpid())-\(engineCounter.wrappingAdd(1, ordering: .relaxed).oldValue)"
    let database = try Database(path: ":memory:")
    return try await Engine(configuration: EngineConfiguration(dataRoot: root + "/data", execRoot: root + "/exec"), database: database)
}

private let engineCounter = Atomic<Int>(0)

/// The API over a fresh engine.
func makeAPI(requireTokens: Bool = false) async throws -> (DockerAPI, Engine) {
    let engine = try await makeEngine()
    return (DockerAPI(engine: engine, requireTokens: requireTokens), engine)
}

extension HTTPRequest {
    /// A request as a client would send it; TCP unless `transport` says otherwise.
    static func make(
        _ method: String, _ target: String, headers: [(String, String)] = [], body: String = "",
        transport: ConnectionInfo.Transport = .tcp
    ) -> HTTPRequest {
        var fields = HTTPHeaders()
        for (name, value) in headers { fields[name] = value }
        return HTTPRequest(
            head: HTTPRequestHead(method: method, target: target, headers: fields), body: RequestBody(bytes: Array(body.utf8)),
            connection: ConnectionInfo(transport: transport, listener: transport == .unix ? "unix:///tmp/x.sock" : "tcp://x", id: 1))
    }

    /// A JSON request.
    static func json(_ method: String, _ target: String, _ body: String, headers: [(String, String)] = []) -> HTTPRequest {
        make(method, target, headers: [("Content-Type", "application/json")] + headers, body: body)
    }
}

/// Collects a streamed body.
final class CollectingWriter: ResponseBodyWriter {
    let bytes = Mutex<[UInt8]>([])

    func write(_ piece: [UInt8]) async throws { bytes.withLock { $0 += piece } }
}

extension HTTPResponse {
    /// The whole body; a stream is run to its end.
    func bodyBytes() async throws -> [UInt8] {
        switch body {
        case .bytes(let bytes): return bytes
        case .stream(let produce):
            let writer = CollectingWriter()
            try await produce(writer)
            return writer.bytes.withLock { $0 }
        case .upgrade: throw TestFailure("unexpected upgrade body")
        }
    }

    /// The body as text.
    func text() async throws -> String { String(decoding: try await bodyBytes(), as: UTF8.self) }

    /// The body parsed as one JSON document.
    func json() async throws -> JSONValue { try JSONCoding.decode(JSONValue.self, from: try await bodyBytes()) }

    /// The body decoded as `Value`.
    func decode<Value: Decodable>(_ type: Value.Type) async throws -> Value { try JSONCoding.decode(type, from: try await bodyBytes()) }

    /// The `message` of an error body.
    func errorMessage() async throws -> String { try await decode(ErrorResponse.self).message }

    /// The status code.
    var code: Int { status.code }
}

/// Percent-encodes a query value (RFC 3986 unreserved characters stay as they are).
func queryEncode(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            out.append(Character(Unicode.Scalar(byte)))
        default:
            let hex = String(byte, radix: 16, uppercase: true)
            out += "%" + (hex.count == 1 ? "0" + hex : hex)
        }
    }
    return out
}

/// `seconds.nanoseconds`, the timestamp form /events accepts for `since` and `until`.
func eventTimestamp(_ nanos: Int64) -> String {
    let fraction = String(nanos % 1_000_000_000)
    return "\(nanos / 1_000_000_000)." + String(repeating: "0", count: 9 - fraction.count) + fraction
}

/// A plain error for test setup failures.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A minimal ustar archive of regular files (enough for `docker import` bodies in tests).
func makeTar(_ files: [(name: String, contents: String)]) -> [UInt8] {
    var out: [UInt8] = []
    for file in files {
        let data = Array(file.contents.utf8)
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int) { for (index, byte) in text.utf8.enumerated() { header[offset + index] = byte } }
        put(file.name, at: 0)
        put("0000644", at: 100)
        put("0000000", at: 108)
        put("0000000", at: 116)
        put(String(data.count, radix: 8).leftPadded(to: 11), at: 124)
        put("00000000000", at: 136)
        put("        ", at: 148)
        header[156] = UInt8(ascii: "0")
        put("ustar", at: 257)
        put("00", at: 263)
        let checksum = header.reduce(0) { $0 + Int($1) }
        put(String(checksum, radix: 8).leftPadded(to: 6) + "\0 ", at: 148)
        out += header + data + [UInt8](repeating: 0, count: (512 - data.count % 512) % 512)
    }
    return out + [UInt8](repeating: 0, count: 1024)
}

extension String {
    /// The string with leading zeros up to `width`.
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

extension HTTPRequest {
    /// A request with a binary body.
    static func binary(_ method: String, _ target: String, _ body: [UInt8], contentType: String = "application/x-tar") -> HTTPRequest {
        var fields = HTTPHeaders()
        fields["Content-Type"] = contentType
        return HTTPRequest(
            head: HTTPRequestHead(method: method, target: target, headers: fields), body: RequestBody(bytes: body),
            connection: ConnectionInfo(transport: .unix, listener: "unix:///tmp/x.sock", id: 1))
    }
}
