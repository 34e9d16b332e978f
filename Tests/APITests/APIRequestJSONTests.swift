// SPDX-License-Identifier: Apache-2.0
// Request bodies: one JSON value and nothing after it (moby 24+ "unexpected content after JSON"), whitespace allowed.

import HTTPCore
import Models
import Testing

@testable import API

@Suite struct APIRequestJSONTests {
    static func decode(_ body: String) async throws -> ContainerConfig {
        try await APIRequest(http: .json("POST", "/containers/create", body), version: .current).decodeJSON(ContainerConfig.self)
    }

    @Test func trailingContentIsRefusedClearly() async throws {
        for body in [#"{"Image":"busybox"} xyz"#, #"{"Image":"busybox"}{}"#, #"{"Image":"a}\"b"}]"#] {
            await #expect(throws: APIError.badRequest("invalid JSON: unexpected content after JSON"), "\(body)") {
                try await Self.decode(body)
            }
        }
        #expect(try await Self.decode(" {\"Image\":\"busybox\"}\r\n\t ").image == "busybox")
    }

    @Test func otherErrorsKeepTheirDescription() async throws {
        await #expect(throws: APIError.self) { try await Self.decode(#"{"Image":"#) }
        do {
            _ = try await Self.decode(#"{"Image":5}"#)
            Issue.record("a number for Image decoded")
        } catch let error as APIError {
            #expect(!"\(error)".contains("after JSON"), "\(error)")
        }
    }

    @Test func endOfFirstValueSkipsStringsAndEscapes() {
        #expect(APIRequest.endOfFirstValue(Array(#"{"a":"}\"]"} x"#.utf8)) == 12)
        #expect(APIRequest.endOfFirstValue(Array("[[1],[2]]".utf8)) == 9)
        #expect(APIRequest.endOfFirstValue(Array(#"{"a":1"#.utf8)) == nil)
        #expect(APIRequest.endOfFirstValue(Array("5 6".utf8)) == nil)
    }
}
