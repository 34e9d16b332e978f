// SPDX-License-Identifier: Apache-2.0
// docker-py 7.1 against berthd over a unix socket: version, ping, info, df and the events stream.

import Foundation
import Testing

@Suite(.enabled(if: Env.integration))
struct DockerPyTests {
    @Test func versionPingInfoAndDF() async throws {
        let daemon = try await BerthDaemon.start()
        defer { daemon.cleanUp() }
        let result = try await DockerPy.run(
            """
            client = docker.DockerClient(base_url='\(daemon.dockerHost)')
            df = client.df()
            print(json.dumps({'api': client.version()['ApiVersion'], 'ping': client.ping(), 'id': client.info()['ID'],
                              'root': client.info()['DockerRootDir'], 'df': sorted(df.keys())}))
            """)
        #expect(result.succeeded, "\(result)\n\(daemon.log)")
        let object = try parseJSON(result.stdout)
        #expect(object["api"] as? String == "1.50", "\(result)")
        #expect(object["ping"] as? Bool == true, "\(result)")
        #expect((object["id"] as? String)?.isEmpty == false, "\(result)")
        #expect(object["root"] as? String == daemon.dataRoot, "\(result)")
        let keys = object["df"] as? [String] ?? []
        for key in ["BuildCache", "Containers", "Images", "LayersSize", "Volumes"] {
            #expect(keys.contains(key), "df() lacks \(key): \(keys)")
        }
    }

    @Test func daemonIDIsStableAcrossRestarts() async throws {
        let first = try await BerthDaemon.start()
        defer { first.cleanUp() }
        let script = "print(docker.DockerClient(base_url='\(first.dockerHost)').info()['ID'])"
        let before = try await DockerPy.run(script)
        #expect(before.succeeded, "\(before)")
        #expect(try await first.stop() == .success, "\(first.log)")

        let second = try await BerthDaemon.start(in: first.directory)
        defer { second.kill() }
        let after = try await DockerPy.run(script)
        #expect(after.succeeded, "\(after)\n\(second.log)")
        #expect(!before.stdout.trimmed.isEmpty)
        #expect(before.stdout.trimmed == after.stdout.trimmed, "ID changed: \(before.stdout) → \(after.stdout)")
    }

    @Test func eventsYieldTokenCreation() async throws {
        let daemon = try await BerthDaemon.start()
        defer { daemon.cleanUp() }
        let token = try await daemon.createToken(name: "py-events", scope: "admin")
        try await waitForNextSecond()
        let result = try await DockerPy.run(
            """
            api = docker.APIClient(base_url='\(daemon.dockerHost)')
            now = int(time.time())
            for event in api.events(since=now - 60, until=now, decode=True):
                print(json.dumps(event))
            """)
        #expect(result.succeeded, "\(result)\n\(daemon.log)")
        let events = try result.stdout.lines.filter { !$0.isEmpty }.map { try parseJSON(String($0)) }
        let match = events.first { $0["Type"] as? String == "daemon" && $0["Action"] as? String == "token create" }
        #expect(match != nil, "no token create event in:\n\(result)")
        let actor = match?["Actor"] as? [String: Any]
        #expect(actor?["ID"] as? String == token.id)
        #expect((actor?["Attributes"] as? [String: Any])?["name"] as? String == "py-events")
    }
}

/// Parses a JSON object printed by a helper program.
func parseJSON(_ text: String) throws -> [String: Any] {
    guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
        throw TestFailure("expected a JSON object, got: \(text)")
    }
    return object
}

extension String {
    /// The text without surrounding whitespace and newlines.
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
