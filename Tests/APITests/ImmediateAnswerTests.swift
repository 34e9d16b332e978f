// SPDX-License-Identifier: Apache-2.0
// DockerAPI.immediate: the constant answers given on the connection's thread are byte for byte what
// `handle` gives, and every request that needs more (a token, a bad version, another route) is left to it.

import API
import HTTPCore
import Testing

@Suite struct ImmediateAnswerTests {
    private static func encoded(_ response: HTTPResponse) async throws -> String {
        var lines = ["\(response.status.code) \(response.status.reason)"]
        for field in response.headers { lines.append("\(field.name): \(field.value)") }
        return lines.joined(separator: "\n") + "\n\n" + (try await response.text())
    }

    @Test(arguments: [
        ("GET", "/_ping"), ("HEAD", "/_ping"), ("GET", "/v1.50/_ping"), ("HEAD", "/v1.24/_ping"),
        ("GET", "/version"), ("GET", "/v1.41/version"),
    ])
    func constantAnswersEqualTheHandlers(method: String, target: String) async throws {
        let (api, _) = try await makeAPI()
        for transport in [ConnectionInfo.Transport.unix, .tcp] {
            let request = HTTPRequest.make(method, target, transport: transport)
            let immediate = try #require(api.immediate(request.head, request.connection), "\(method) \(target) over \(transport)")
            let handled = await api.handle(request)
            #expect(try await Self.encoded(immediate) == Self.encoded(handled))
        }
    }

    @Test(arguments: [
        ("GET", "/info"), ("POST", "/_ping"), ("GET", "/v1.99/_ping"), ("GET", "/v1.12/_ping"), ("GET", "/vx/_ping"),
        ("GET", "/_ping/"), ("OPTIONS", "/_ping"), ("GET", "/containers/json"),
    ])
    func everythingElseIsLeftToTheHandler(method: String, target: String) async throws {
        let (api, _) = try await makeAPI()
        let request = HTTPRequest.make(method, target, transport: .unix)
        #expect(api.immediate(request.head, request.connection) == nil)
    }

    @Test func tokenCheckedRequestsAreLeftToTheHandler() async throws {
        let (api, _) = try await makeAPI(requireTokens: true)
        let tcp = HTTPRequest.make("GET", "/_ping", transport: .tcp)
        #expect(api.immediate(tcp.head, tcp.connection) == nil, "a TCP ping must go through the token check")
        #expect(await api.handle(tcp).code == 401)
        let unix = HTTPRequest.make("GET", "/_ping", transport: .unix)
        #expect(api.immediate(unix.head, unix.connection)?.status.code == 200, "the unix socket needs no token")
    }
}
