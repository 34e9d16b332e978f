// SPDX-License-Identifier: Apache-2.0
// Request serialization: Host and Content-Length added, injection refused.

import HTTPClient
import HTTPCore
import Testing

@Suite struct RequestEncodingTests {
    @Test func addsHostAndLength() throws {
        let request = HTTPClientRequest(
            method: "POST", target: "/berth/tokens", headers: ["Content-Type": "application/json"], body: Array("{}".utf8))
        let text = String(decoding: try request.encoded(host: "localhost"), as: UTF8.self)
        #expect(text == "POST /berth/tokens HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
    }

    @Test func getWithoutBodyHasNoLength() throws {
        let text = String(decoding: try HTTPClientRequest(target: "/_ping", headers: ["Host": "h"]).encoded(host: "x"), as: UTF8.self)
        #expect(text == "GET /_ping HTTP/1.1\r\nHost: h\r\n\r\n")
        let post = String(decoding: try HTTPClientRequest(method: "POST", target: "/x").encoded(host: "x"), as: UTF8.self)
        #expect(post.contains("Content-Length: 0\r\n"))
    }

    @Test func refusesInjection() {
        #expect(throws: HTTPClientError.self) { try HTTPClientRequest(target: "/a b").encoded(host: "h") }
        #expect(throws: HTTPClientError.self) { try HTTPClientRequest(target: "/a\r\nX: y").encoded(host: "h") }
        #expect(throws: HTTPClientError.self) { try HTTPClientRequest(method: "G T", target: "/").encoded(host: "h") }
        #expect(throws: HTTPClientError.self) { try HTTPClientRequest(target: "/", headers: ["X": "a\r\nEvil: 1"]).encoded(host: "h") }
        #expect(throws: HTTPClientError.self) { try HTTPClientRequest(target: "/", headers: ["X Y": "a"]).encoded(host: "h") }
        #expect(throws: HTTPClientError.self) { try HTTPClientRequest(target: "http://h/").encoded(host: "h") }
    }
}
