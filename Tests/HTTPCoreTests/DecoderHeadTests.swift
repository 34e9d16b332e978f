// SPDX-License-Identifier: Apache-2.0
// HTTP1RequestDecoder request lines and header fields (RFC 9112 §3, §5), and keep-alive (§9.3).

import Testing

@testable import HTTPCore

@Suite struct DecoderHeadTests {
    @Test func http10IsAccepted() throws {
        let head = try #require(try decode("GET /_ping HTTP/1.0\r\n\r\n").heads.first)
        #expect(head.version == .http10)
    }

    @Test(arguments: ["HTTP/1.2", "HTTP/2.0", "HTTP/0.9", "http/1.1", "HTTP/1.1 ", "HTTP/1", "HTTP/1.10", "HTTP/11"])
    func unknownVersionIsRejected(version: String) {
        expectRejected("GET / \(version)\r\n\r\n", as: .badRequest("unsupported protocol version"))
    }

    @Test(arguments: ["GET /", "GET", " / HTTP/1.1", "GET  / HTTP/1.1", "GET /\tHTTP/1.1"])
    func malformedRequestLineIsRejected(line: String) {
        expectRejected("\(line)\r\n\r\n", as: .badRequest("malformed HTTP request"))
    }

    @Test func missingVersionWithSpaceIsRejected() {
        // "GET / " has three parts, the last empty: not a version.
        expectRejected("GET / \r\n\r\n", as: .badRequest("unsupported protocol version"))
    }

    @Test(arguments: ["GE(T", "G\"T", "GET/", "G@T", "[GET]", "G,T", "GÉT"])
    func badMethodCharactersAreRejected(method: String) {
        expectRejected("\(method) / HTTP/1.1\r\n\r\n", as: .badRequest("invalid method"))
    }

    @Test func anyTokenIsAMethod() throws {
        let run = try decode("X-CUSTOM_1.~ /a HTTP/1.1\r\n\r\n")
        #expect(run.heads.first?.method == "X-CUSTOM_1.~")
    }

    @Test(arguments: ["/a\u{1}b", "/a\u{7f}", "/a\u{0}"])
    func controlCharactersInTargetAreRejected(target: String) {
        expectRejected("GET \(target) HTTP/1.1\r\n\r\n", as: .badRequest("invalid request target"))
    }

    @Test(arguments: [" folded", "\tfolded"])
    func obsoleteLineFoldingIsRejected(continuation: String) {
        // RFC 9112 §5.2: a server MUST reject obs-fold in a request (or replace it; we reject).
        expectRejected("GET / HTTP/1.1\r\nX-A: a\r\n\(continuation)\r\n\r\n", as: .badRequest("obsolete line folding"))
    }

    @Test func whitespaceBeforeTheFirstHeaderIsRejected() {
        // RFC 9112 §2.2: whitespace between the start line and the first field is a smuggling risk.
        expectRejected("GET / HTTP/1.1\r\n Host: a\r\n\r\n", as: .badRequest("obsolete line folding"))
    }

    @Test(arguments: ["Host : a", "Ho st: a", ": a", "Hö: a", "X(y): a"])
    func invalidHeaderNameIsRejected(line: String) {
        // RFC 9112 §5.1: no whitespace between name and colon; a server MUST answer 400.
        expectRejected("GET / HTTP/1.1\r\n\(line)\r\n\r\n", as: .badRequest("invalid header name"))
    }

    @Test func headerWithoutColonIsRejected() {
        expectRejected("GET / HTTP/1.1\r\nHost a\r\n\r\n", as: .badRequest("malformed header line"))
    }

    @Test(arguments: ["a\u{1}b", "a\u{0}", "a\u{7f}", "a\rb", "\u{1b}[31m"])
    func controlCharacterInValueIsRejected(value: String) {
        expectRejected("GET / HTTP/1.1\r\nX-A: \(value)\r\n\r\n", as: .badRequest("invalid header value"))
    }

    @Test func valuesAreTrimmedAndKeepInnerWhitespaceAndNonASCII() throws {
        let run = try decode("GET / HTTP/1.1\r\nX-A:   v  \t\r\nX-B:a\tb\r\nX-C:\r\nX-D: é\r\n\r\n")
        let head = try #require(run.heads.first)
        #expect(head.headers["X-A"] == "v")
        #expect(head.headers["X-B"] == "a\tb")
        #expect(head.headers["X-C"] == "")
        #expect(head.headers["X-D"] == "é")
    }

    @Test func headersKeepOrderCaseAndDuplicates() throws {
        let run = try decode("GET / HTTP/1.1\r\nX-Registry-Auth: e30=\r\nAccept: a\r\nACCEPT: b\r\n\r\n")
        let head = try #require(run.heads.first)
        #expect(head.headers.map(\.name) == ["X-Registry-Auth", "Accept", "ACCEPT"])
        #expect(head.headers.values(for: "accept") == ["a", "b"])
        #expect(head.headers["x-registry-auth"] == "e30=")
        #expect(head.headers.contains("ACCEPT"))
        #expect(!head.headers.contains("Host"))
    }

    @Test(arguments: [
        ("HTTP/1.1\r\n", true),
        ("HTTP/1.1\r\nConnection: close\r\n", false),
        ("HTTP/1.1\r\nConnection: Keep-Alive, CLOSE\r\n", false),
        ("HTTP/1.1\r\nConnection: keep-alive\r\n", true),
        ("HTTP/1.1\r\nConnection: Upgrade\r\n", true),
        ("HTTP/1.1\r\nConnection: closed\r\n", true),
        ("HTTP/1.0\r\n", false),
        ("HTTP/1.0\r\nConnection: keep-alive\r\n", true),
        ("HTTP/1.0\r\nConnection: Keep-Alive\r\n", true),
        ("HTTP/1.0\r\nConnection: keep-alive\r\nConnection: close\r\n", false),
    ])
    func keepAlive(versionAndFields: String, expected: Bool) throws {
        // RFC 9112 §9.3: HTTP/1.1 persists unless `close`; HTTP/1.0 only with `keep-alive`.
        let head = try #require(try decode("GET / \(versionAndFields)\r\n").heads.first)
        #expect(head.keepAlive == expected)
    }
}
