// SPDX-License-Identifier: Apache-2.0
// berthd as a process: one daemon per pid file and per socket, file modes, and a clean SIGTERM stop.

import Foundation
import Testing

@Suite(.enabled(if: Env.integration))
struct DaemonLifecycleTests {
    @Test func secondDaemonWithSamePidFileRefuses() async throws {
        let first = try await BerthDaemon.start()
        defer { first.cleanUp() }
        // Same directory (so the same pid file), but its own socket.
        let second = try await BerthDaemon.runExpectingExit(
            in: first.directory, hosts: ["unix://\(first.directory)/second.sock"], config: nil)
        #expect(!second.succeeded, "\(second)")
        #expect(second.stderr.contains("pid file") && second.stderr.contains(first.pidFile), "\(second)")
        // The first daemon keeps its pid file and keeps serving.
        #expect(readFile(first.pidFile).trimmed == String(first.child.pid), "pid file clobbered: \(readFile(first.pidFile))")
        #expect(try await first.request("GET", "/_ping").status == 200)
    }

    @Test func secondDaemonOnSameSocketRefuses() async throws {
        let first = try await BerthDaemon.start()
        defer { first.cleanUp() }
        let directory = try makeTempDirectory()
        defer { removeTempDirectory(directory) }
        let second = try await BerthDaemon.runExpectingExit(in: directory, hosts: [first.dockerHost])
        #expect(!second.succeeded, "\(second)")
        #expect(second.stderr.contains(first.socketPath), "message must name the socket:\n\(second)")
        #expect(!FileManager.default.fileExists(atPath: "\(directory)/berthd.pid"), "a refused start must remove its pid file")
        // The first daemon's socket is still there and answering.
        #expect(try await first.request("GET", "/_ping").status == 200, "\(first.log)")
    }

    @Test func failedStartLeavesNoSocketFile() async throws {
        // Hold a TCP port so the second listener cannot bind after the unix socket was created.
        let port = try freePort()
        let holder = try holdPort(port)
        defer { close(holder) }
        let directory = try makeTempDirectory()
        defer { removeTempDirectory(directory) }
        let result = try await BerthDaemon.runExpectingExit(
            in: directory, hosts: ["unix://\(BerthDaemon.socketPath(in: directory))", "tcp://127.0.0.1:\(port)"],
            arguments: ["--insecure-tcp"])
        #expect(!result.succeeded, "\(result)")
        #expect(result.stderr.contains("127.0.0.1:\(port)"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: BerthDaemon.socketPath(in: directory)), "stale socket file left behind")
        #expect(!FileManager.default.fileExists(atPath: "\(directory)/berthd.pid"), "stale pid file left behind")
    }

    @Test func dataRootAndSocketModes() async throws {
        let daemon = try await BerthDaemon.start()
        defer { daemon.cleanUp() }
        #expect(try mode(daemon.dataRoot) == 0o710, "data root")
        #expect(try mode(daemon.socketPath) == 0o660, "socket")
        let attributes = try FileManager.default.attributesOfItem(atPath: daemon.socketPath)
        #expect(attributes[.type] as? FileAttributeType == .typeSocket)
    }

    @Test func sigtermExitsZeroAndRemovesSocketAndPidFile() async throws {
        let daemon = try await BerthDaemon.start()
        defer { daemon.cleanUp() }
        #expect(readFile(daemon.pidFile).trimmed == String(daemon.child.pid))
        let status = try await daemon.stop()
        #expect(status == .success, "\(daemon.log)")
        #expect(!FileManager.default.fileExists(atPath: daemon.socketPath), "socket file left")
        #expect(!FileManager.default.fileExists(atPath: daemon.pidFile), "pid file left")
    }

    @Test func restartsAfterSIGKILL() async throws {
        let first = try await BerthDaemon.start()
        defer { first.cleanUp() }
        first.kill()
        _ = await first.child.wait(timeout: 10)
        // Stale socket and pid file from the killed daemon must not block the next one.
        let second = try await BerthDaemon.start(in: first.directory)
        defer { second.kill() }
        #expect(try await second.request("GET", "/_ping").status == 200)
        #expect(readFile(second.pidFile).trimmed == String(second.child.pid))
    }

    @Test func sigtermEndsEventStreamCleanly() async throws {
        let daemon = try await BerthDaemon.start()
        defer { daemon.cleanUp() }
        let curl = try Child(
            try Env.tool("curl"), ["-sS", "-N", "-m", "30", "--unix-socket", daemon.socketPath, "http://berth/v1.50/events"],
            outputIn: daemon.directory)
        defer { curl.signal(SIGKILL) }
        try await waitForEventListener(daemon)
        let token = try await daemon.createToken(name: "streamed", scope: "read")

        let status = try await daemon.stop()
        #expect(status == .success, "\(daemon.log)")
        let curlStatus = await curl.wait(timeout: 10)
        // curl exits 18 when a chunked body ends without its zero-length last chunk.
        #expect(curlStatus == .success, "curl: \(curlStatus.map(String.init(describing:)) ?? "still running")\n\(curl.stderr)")
        #expect(curl.stdout.contains(#""ID":"\#(token.id)""#), "the live event must have been streamed:\n\(curl.stdout)")
    }

    /// Waits until /info reports an events listener (the curl stream is subscribed).
    private func waitForEventListener(_ daemon: BerthDaemon) async throws {
        for _ in 0..<200 {
            let info = try await daemon.request("GET", "/info").json()
            if let count = info["NEventsListener"] as? Int, count >= 1 { return }
            try await Task.sleep(for: .milliseconds(25))
        }
        throw TestFailure("the events stream never subscribed\n\(daemon.log)")
    }

    private func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? Int) ?? -1
    }
}
