// SPDX-License-Identifier: Apache-2.0
// HTTPServer over a real unix socket: protocol upgrade (101 + hand-over with early bytes) and graceful shutdown.

import HTTP
import HTTPCore
import Platform
import Synchronization
import Testing

@Suite struct ServerLiveUpgradeTests {
    /// What the upgrade handler saw.
    final class Seen: Sendable {
        let initialBytes = Mutex<[UInt8]?>(nil)
    }

    @Test func upgradeHandsOverConnectionWithBytesSentAfterTheHead() async throws {
        let seen = Seen()
        let harness = try ServerLiveHarness { request in
            guard request.head.path == "/upgrade" else { return await ServerLiveHandlers.standard(request) }
            var headers = HTTPHeaders()
            headers["Content-Type"] = "application/vnd.docker.raw-stream"
            headers["Connection"] = "Upgrade"
            headers["Upgrade"] = "tcp"
            return HTTPResponse(
                status: HTTPStatus(101, "UPGRADED"), headers: headers,
                body: .upgrade { connection in
                    seen.initialBytes.withLock { $0 = connection.initialBytes }
                    let stream = connection.stream
                    defer { stream.close() }
                    guard (try? await stream.write(Array("hello|".utf8) + connection.initialBytes, until: .after(seconds: 5))) != nil else {
                        return
                    }
                    let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1024, alignment: 1)
                    defer { scratch.deallocate() }
                    guard let count = try? await stream.read(into: scratch, until: .after(seconds: 5)), count > 0 else { return }
                    _ = try? await stream.write(Array("echo:".utf8) + Array(scratch[..<count]), until: .after(seconds: 5))
                })
        }
        let client = try await harness.connect()
        // The early bytes travel in the same write as the request head.
        try await client.send("POST /upgrade HTTP/1.1\r\nHost: live\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\nearly-bytes")
        let head = try await client.readResponse()
        #expect(head.status == 101)
        #expect(head.header("Upgrade") == "tcp" && head.header("Connection") == "Upgrade")
        #expect(head.header("Content-Length") == nil && head.header("Transfer-Encoding") == nil, "a 101 has no body framing")
        #expect(String(decoding: try await client.read(exactly: 17), as: UTF8.self) == "hello|early-bytes")
        try await client.send("after")
        #expect(String(decoding: try await client.read(exactly: 10), as: UTF8.self) == "echo:after")
        #expect(try await client.readUntilClosed().isEmpty)
        #expect(seen.initialBytes.withLock { $0 } == Array("early-bytes".utf8))
        await harness.stop()
    }

    @Test func shutdownLetsInFlightRequestFinishAndClosesIdleConnections() async throws {
        var options = ServerOptions()
        options.shutdownGrace = 20
        let harness = try ServerLiveHarness(options: options)
        let idle = try await harness.connect()
        try await idle.send(liveGet("/warm-up"))
        #expect(try await idle.readResponse().text == "target=/warm-up")
        let streaming = try await harness.connect()
        try await streaming.send(liveGet("/forever"))
        let busy = try await harness.connect()
        try await busy.send(liveGet("/slow?ms=2500"))
        try await Task.sleep(for: .milliseconds(150))

        let start = Deadline.now
        let shutdown = Task {
            await harness.server.shutdown()
            return liveElapsed(since: start)
        }
        // Idle connections close at once, not after the 20 s grace period that busy ones may use.
        let idleClosed = try await idle.secondsUntilClosed(timeout: 10)
        #expect(idleClosed < 10, "idle connection closed \(idleClosed) s after shutdown began")

        let response = try await busy.readResponse(timeout: 5)
        #expect(response.status == 200 && response.text == "slow 2500", "the in-flight request must finish")
        #expect(response.header("Connection")?.lowercased() == "close")
        #expect(try await busy.readUntilClosed().isEmpty)

        // The stream ends with its last chunk, not a cut connection.
        let stream = try await streaming.readResponse(timeout: 5)
        #expect(stream.status == 200 && !stream.chunks.isEmpty && stream.text.hasPrefix("tick\n"))
        #expect(try await streaming.readUntilClosed().isEmpty)

        let took = await shutdown.value
        #expect(took >= 0.5 && took < 5, "shutdown took \(took) s; the slow request needed about 0.65 s more")
        #expect(harness.server.connectionCount == 0)
        await #expect(throws: (any Error).self, "the listener must be closed") { _ = try await harness.connect() }
        await harness.stop()
    }
}
