// SPDX-License-Identifier: Apache-2.0
// HTTPServer over a real unix socket: a thousand idle connections cost no latency for an active client.
// Serial: it raises the process's descriptor limit and holds two thousand descriptors.

import Glibc
import HTTP
import HTTPCore
import Platform
import Testing

@Suite(.serialized) struct ServerLiveManyConnectionsSerial {
    @Test func thousandIdleConnectionsDoNotSlowAnActiveClient() async throws {
        try Self.raiseDescriptorLimit(to: 4096)
        let harness = try ServerLiveHarness()
        var idle: [FileDescriptor] = []
        defer { for fd in idle { fd.close() } }
        for _ in 0..<1000 { idle.append(try await ServerLiveClient.connectUnix(harness.path)) }
        let accepted = Deadline.after(seconds: 10)
        while harness.server.connectionCount < 1000 && !accepted.hasPassed { try await Task.sleep(for: .milliseconds(10)) }
        #expect(harness.server.connectionCount >= 1000, "only \(harness.server.connectionCount) connections accepted")

        // Each active request is answered while the thousand idle ones are open; the read timeout is far
        // below the server's idle and header timeouts, so a server that served connections in turn, or
        // woke only on those timeouts, fails here. (Latency itself is measured by bench/, not asserted.)
        for index in 0..<20 {
            let client = try await harness.connect()
            try await client.send(liveGet("/busy\(index)"))
            #expect(try await client.readResponse(timeout: 5).text == "target=/busy\(index)")
        }

        // The idle ones still work.
        for fd in [idle[0], idle[499], idle[999]] {
            let client = ServerLiveClient(fd)
            try await client.send(liveGet("/woken"))
            #expect(try await client.readResponse().text == "target=/woken")
        }
        await harness.stop()
    }

    /// Raises the soft RLIMIT_NOFILE to at least `wanted` (within the hard limit).
    static func raiseDescriptorLimit(to wanted: rlim_t) throws {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { throw LiveError("getrlimit failed") }
        guard limit.rlim_cur < wanted else { return }
        guard limit.rlim_max >= wanted else { throw LiveError("RLIMIT_NOFILE hard limit \(limit.rlim_max) is below \(wanted)") }
        limit.rlim_cur = wanted
        guard setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { throw LiveError("setrlimit failed: \(errno)") }
    }
}
