// SPDX-License-Identifier: Apache-2.0
// HTTPClient against a unix socket under /tmp: connection reuse, and recovery when the server closes
// kept-alive connections.

import Glibc
import HTTPClient
import HTTPCore
import Platform
import Synchronization
import Testing

@Suite struct ClientTests {
    /// Accepts `connections` connections on a fresh unix socket and serves each with `reply`.
    private static func withServer(
        connections: Int, reply: @escaping @Sendable (HTTPRequestHead, [UInt8]) -> [UInt8]?,
        _ body: (Endpoint) async throws -> Void
    ) async throws -> Int {
        let path = "/tmp/berth-httpclient-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sock"
        let listener = try Socket.listenUnix(path: path)
        defer {
            listener.close()
            unlink(path)
        }
        let accepted = Atomic<Int>(0)
        let server = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<connections {
                    let fd = try await Socket.accept(listener)
                    accepted.add(1, ordering: .relaxed)
                    group.addTask { _ = try? await FakeServer.serve(fd, reply: reply) }
                }
                try await group.waitForAll()
            }
        }
        try await body(.unix(path: path))
        server.cancel()
        return accepted.load(ordering: .relaxed)
    }

    @Test func reusesOneConnection() async throws {
        let count = try await Self.withServer(connections: 3, reply: { head, _ in FakeServer.response("200 OK", head.target) }) {
            endpoint in
            let client = HTTPClient(endpoint: endpoint, headers: ["User-Agent": "test"])
            for index in 0..<4 {
                let response = try await client.send(HTTPClientRequest(target: "/\(index)"), until: .after(seconds: 5))
                #expect(try await response.body(upTo: 64) == Array("/\(index)".utf8))
            }
            await client.close()
        }
        #expect(count == 1)
    }

    @Test func reconnectsWhenTheServerClosesIdleConnections() async throws {
        let reply: @Sendable (HTTPRequestHead, [UInt8]) -> [UInt8]? = { head, _ in
            FakeServer.response("200 OK", head.headers["User-Agent"] ?? "", headers: ["Connection: close"])
        }
        let count = try await Self.withServer(connections: 3, reply: reply) { endpoint in
            let client = HTTPClient(endpoint: endpoint, headers: ["User-Agent": "test"])
            for _ in 0..<3 {
                let response = try await client.send(HTTPClientRequest(target: "/"), until: .after(seconds: 5))
                #expect(try await response.body(upTo: 64) == Array("test".utf8))
            }
        }
        #expect(count == 3)
    }

    @Test func connectFailureNamesTheEndpoint() async {
        let client = HTTPClient(endpoint: .unix(path: "/tmp/berth-httpclient-no-such.sock"))
        await #expect(throws: HTTPClientError.self) { try await client.send(HTTPClientRequest(target: "/_ping")) }
        do {
            _ = try await client.send(HTTPClientRequest(target: "/_ping"))
        } catch let error as HTTPClientError {
            guard case .connectFailed(let endpoint, _, let code) = error, code == ENOENT else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(endpoint == "unix:///tmp/berth-httpclient-no-such.sock")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
