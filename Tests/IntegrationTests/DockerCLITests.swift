// SPDX-License-Identifier: Apache-2.0
// The docker CLI (28.x) against berthd over a unix socket: version, info, system df and events.

import Foundation
import Testing

@Suite(.enabled(if: Env.integration))
struct DockerCLITests {
    @Test func versionNegotiatesAPI150WithoutDowngrade() async throws {
        let daemon = try await BerthDaemon.start()
        defer { daemon.cleanUp() }
        let result = try await DockerCLI(daemon).run(["version"])
        #expect(result.succeeded, "\(result)\n\(daemon.log)")
        let parts = result.stdout.components(separatedBy: "Server:")
        try #require(parts.count == 2, "no Server section in:\n\(result.stdout)")
        #expect(parts[0].hasLine(matching: #"^ API version: +1\.50$"#), "client:\n\(parts[0])")
        #expect(parts[1].hasLine(matching: #"^ +API version: +1\.50 "#), "server:\n\(parts[1])")
        #expect(!result.output.contains("downgraded"), "\(result)")
    }

    @Test func infoShowsDataRootAndCgroupVersion() async throws {
        let daemon = try await BerthDaemon.start()
        defer { daemon.cleanUp() }
        let result = try await DockerCLI(daemon).run(["info"])
        #expect(result.succeeded, "\(result)\n\(daemon.log)")
        #expect(result.stdout.hasLine(matching: "^ Docker Root Dir: \(daemon.dataRoot)$"), "\(result)")
        // Unified mode (cgroup v2 mounted at /sys/fs/cgroup) has cgroup.controllers at the root.
        let cgroup2 = FileManager.default.fileExists(atPath: "/sys/fs/cgroup/cgroup.controllers")
        #expect(result.stdout.hasLine(matching: "^ Cgroup Version: \(cgroup2 ? 2 : 1)$"), "\(result)")
    }

    @Test func systemDFListsEveryKind() async throws {
        let daemon = try await BerthDaemon.start()
        defer { daemon.cleanUp() }
        let result = try await DockerCLI(daemon).run(["system", "df"])
        #expect(result.succeeded, "\(result)\n\(daemon.log)")
        for kind in ["Images", "Containers", "Local Volumes", "Build Cache"] {
            #expect(result.stdout.hasLine(matching: "^\(kind) +0 +0 +0B"), "\(kind) missing:\n\(result)")
        }
    }

    @Test func eventsListTokenCreationAndFilterByType() async throws {
        let daemon = try await BerthDaemon.start()
        defer { daemon.cleanUp() }
        let docker = try DockerCLI(daemon)
        let token = try await daemon.createToken(name: "cli-events", scope: "read")
        try await waitForNextSecond()

        let all = try await docker.run(["events", "--since", "1m", "--until", "0s"])
        #expect(all.succeeded, "\(all)\n\(daemon.log)")
        #expect(all.stdout.hasLine(matching: #" daemon token create \#(token.id) \(.*name=cli-events"#), "\(all)")

        let containers = try await docker.run(["events", "--filter", "type=container", "--since", "1m", "--until", "0s"])
        #expect(containers.succeeded, "\(containers)")
        #expect(containers.stdout.isEmpty, "type=container must hide daemon events:\n\(containers)")

        let daemonOnly = try await docker.run([
            "events", "--filter", "type=daemon", "--since", "1m", "--until", "0s", "--format", "{{.Action}}",
        ])
        #expect(daemonOnly.stdout.lines.contains("token create"), "\(daemonOnly)")
    }

    @Test func eventsSurviveRestart() async throws {
        let first = try await BerthDaemon.start()
        defer { first.cleanUp() }
        let token = try await first.createToken(name: "before-restart", scope: "admin")
        #expect(try await first.stop() == .success, "\(first.log)")

        let second = try await BerthDaemon.start(in: first.directory)
        defer { second.kill() }
        try await waitForNextSecond()
        let result = try await DockerCLI(second).run(["events", "--since", "5m", "--until", "0s"])
        #expect(result.succeeded, "\(result)\n\(second.log)")
        #expect(result.stdout.hasLine(matching: " daemon token create \(token.id) "), "event lost across restart:\n\(result)")
    }
}
