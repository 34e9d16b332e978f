// SPDX-License-Identifier: Apache-2.0
// HTTPServer over a real unix socket: the header (slow-loris) and idle timeouts close connections on time
// without slowing other clients.

import HTTP
import HTTPCore
import Platform
import Testing

@Suite struct ServerLiveTimeoutTests {
    @Test func headerTimeoutClosesTricklingClientWhileOthersAreServed() async throws {
        var options = ServerOptions()
        options.headerTimeout = 0.5
        let harness = try ServerLiveHarness(options: options)
        let slow = try await harness.connect()
        let trickle = Task { await Self.trickle(slow.fd, request: Array(liveGet("/never-finished").utf8)) }

        // Meanwhile other clients are answered, each on its own connection, while the trickler is open.
        for index in 0..<8 {
            let fast = try await harness.connect()
            try await fast.send(liveGet("/fast\(index)"))
            let response = try await fast.readResponse(timeout: 2)
            #expect(response.text == "target=/fast\(index)")
            try await Task.sleep(for: .milliseconds(60))
        }

        let closedAfter = await trickle.value
        let seconds = try #require(closedAfter, "the trickling connection was never closed")
        // Closed by the header timeout, long before the trickled request could have been completed.
        #expect(seconds >= 0.4 && seconds <= 2.5, "closed after \(seconds) s; header timeout is 0.5 s")
        await harness.stop()
    }

    @Test func idleTimeoutClosesSilentConnections() async throws {
        var options = ServerOptions()
        options.idleTimeout = 0.5
        let harness = try ServerLiveHarness(options: options)
        let used = try await harness.connect()
        try await used.send(liveGet("/once"))
        #expect(try await used.readResponse().text == "target=/once")
        let silent = try await harness.connect()

        let afterRequest = try await used.secondsUntilClosed(timeout: 5)
        // Closed by the 0.5 s idle timeout (keep-alive itself is covered by the keep-alive tests).
        #expect(afterRequest <= 3, "kept-alive connection closed after \(afterRequest) s")
        // `silent` was opened at about the same time, so it is closed by now or very soon.
        let neverSpoke = try await silent.secondsUntilClosed(timeout: 2)
        #expect(neverSpoke <= 2, "silent connection closed \(neverSpoke) s later")
        await harness.stop()
    }

    /// Writes `request` one byte every 100 ms and returns the seconds until the server closed the
    /// connection, or nil if it stayed open for 3 s.
    static func trickle(_ fd: FileDescriptor, request: [UInt8]) async -> Double? {
        let start = Deadline.now
        return await withTaskGroup(of: Double?.self) { group in
            group.addTask {
                let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 1)
                defer { scratch.deallocate() }
                while true {
                    // Any answer (a 408, say) is fine; only the close is timed.
                    guard let count = try? await fd.read(into: scratch, until: start.adding(seconds: 3)) else { return nil }
                    if count == 0 { return liveElapsed(since: start) }
                }
            }
            group.addTask {
                for byte in request {
                    guard (try? await fd.writeAll([byte], until: .after(seconds: 1))) != nil else { break }
                    try? await Task.sleep(for: .milliseconds(100))
                    if Task.isCancelled { break }
                }
                return nil
            }
            var result: Double?
            for await value in group {
                if let value { result = value }
                group.cancelAll()
            }
            return result
        }
    }
}

fileprivate extension Deadline {
    /// This point plus `seconds`.
    func adding(seconds: Double) -> Deadline { Deadline(nanoseconds: nanoseconds + UInt64(seconds * 1e9)) }
}
