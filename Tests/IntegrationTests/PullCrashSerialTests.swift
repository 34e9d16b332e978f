// SPDX-License-Identifier: Apache-2.0
// A pull cut short leaves nothing half-done: the daemon is SIGKILLed (or the client leaves) in the
// middle of a pull, and after a restart no image claims content it lacks and the next pull succeeds.

import Foundation
import Testing

@Suite(.enabled(if: Env.integration), .serialized)
struct PullCrashSerialTests {
    /// A rootfs with incompressible data, so the pull takes long enough to be interrupted.
    static func bigRootfs() async throws -> String {
        let directory = try makeTempDirectory("berth-bigrootfs")
        try FileManager.default.createDirectory(atPath: directory + "/root/data", withIntermediateDirectories: true)
        for index in 0..<4 {
            let made = try await Command.run(tool: "dd", ["if=/dev/urandom", "of=\(directory)/root/data/blob\(index)", "bs=1M", "count=12", "status=none"])
            try #require(made.succeeded, "\(made)")
        }
        let tar = try await Command.run(tool: "tar", ["-C", directory + "/root", "-cf", directory + "/rootfs.tar", "."])
        try #require(tar.succeeded, "\(tar)")
        return directory + "/rootfs.tar"
    }

    /// Every listed image inspects, no unpack scratch or ingest leftovers remain.
    static func expectConsistent(_ daemon: BerthDaemon, _ docker: DockerCLI) async throws {
        let ids = try await docker.run(["images", "-q", "--no-trunc"]).stdout.lines.filter { !$0.isEmpty }
        for id in ids { #expect(try await docker.run(["inspect", String(id)]).succeeded, "listed image \(id) does not inspect") }
        let layers = try FileManager.default.contentsOfDirectory(atPath: daemon.dataRoot + "/layers")
        #expect(!layers.contains { $0.hasPrefix("tmp-") }, "unpack scratch left behind: \(layers)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: daemon.dataRoot + "/content/ingest").isEmpty)
    }

    @Test func sigkillDuringPullThenRestartAndPullAgain() async throws {
        let registry = try await LocalRegistry()
        defer { registry.stop() }
        let remote = "\(registry.domain)/big/data:1"
        do {
            let seeder = try await BerthDaemon.start()
            defer { seeder.cleanUp() }
            let docker = try DockerCLI(seeder)
            let imported = try await docker.run(["import", try await Self.bigRootfs(), remote], timeout: 120)
            try #require(imported.succeeded, "\(imported)")
            let pushed = try await docker.run(["push", remote], timeout: 120)
            try #require(pushed.succeeded, "\(pushed)\n\(seeder.log)")
        }

        let directory = try makeTempDirectory()
        var daemon = try await BerthDaemon.start(in: directory)
        let pull = try Child(try Env.tool("docker"), ["-H", daemon.dockerHost, "pull", remote], outputIn: directory)
        try await Task.sleep(for: .milliseconds(300))
        daemon.kill()
        _ = await pull.wait(timeout: 30)
        _ = try? await daemon.stop(timeout: 5)

        daemon = try await BerthDaemon.start(in: directory)
        defer { daemon.cleanUp() }
        let restarted = try DockerCLI(daemon)
        try await Self.expectConsistent(daemon, restarted)
        let again = try await restarted.run(["pull", remote], timeout: 120)
        #expect(again.succeeded, "\(again)\n\(daemon.log)")
        #expect(try await restarted.run(["inspect", remote]).succeeded)
        try await Self.expectConsistent(daemon, restarted)
    }

    @Test func clientLeavingMidPullCancelsCleanly() async throws {
        let registry = try await LocalRegistry()
        defer { registry.stop() }
        let daemon = try await BerthDaemon.start()
        defer { daemon.cleanUp() }
        let docker = try DockerCLI(daemon)
        let remote = "\(registry.domain)/big/data:2"
        try #require(try await docker.run(["import", try await Self.bigRootfs(), remote], timeout: 120).succeeded)
        try #require(try await docker.run(["push", remote], timeout: 120).succeeded)
        try #require(try await docker.run(["rmi", remote]).succeeded)

        let pull = try Child(try Env.tool("docker"), ["-H", daemon.dockerHost, "pull", remote], outputIn: daemon.directory)
        try await Task.sleep(for: .milliseconds(300))
        pull.signal(SIGKILL)
        _ = await pull.wait(timeout: 10)
        try await Task.sleep(for: .milliseconds(500))
        try await Self.expectConsistent(daemon, docker)
        let again = try await docker.run(["pull", remote], timeout: 120)
        #expect(again.succeeded, "\(again)\n\(daemon.log)")
        try await Self.expectConsistent(daemon, docker)
    }
}
