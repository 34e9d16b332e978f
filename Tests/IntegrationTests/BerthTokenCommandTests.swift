// SPDX-License-Identifier: Apache-2.0
// The `berth token` command against a real berthd: create prints only the token, list shows it without
// the secret, revoke takes effect on the next TCP request, and expiry is honoured.

import Foundation
import Testing

@Suite(.enabled(if: Env.integration))
struct BerthTokenCommandTests {
    /// The berth binary built beside berthd.
    static func berth() throws -> String {
        URL(fileURLWithPath: try BerthDaemon.binary()).deletingLastPathComponent().appendingPathComponent("berth").path
    }

    @Test func createListRevokeThroughTheCommand() async throws {
        let directory = try makeTempDirectory()
        let port = try freePort()
        let socket = BerthDaemon.socketPath(in: directory)
        let daemon = try await BerthDaemon.start(in: directory, hosts: ["unix://\(socket)", "tcp://127.0.0.1:\(port)"], arguments: ["--tokens"])
        defer { daemon.cleanUp() }
        let berth = try Self.berth()
        let host = ["-H", "unix://\(socket)"]

        let created = try await Command.run(berth, host + ["token", "create", "--scope", "read", "--name", "ci", "--expires", "1h"])
        #expect(created.succeeded, "\(created)\n\(daemon.log)")
        let token = created.stdout.trimmed
        #expect(token.hasPrefix("berth_") && !token.contains(" ") && !token.contains("\n"), "only the token is printed: \(created)")

        let allowed = try await RawHTTP.request(.tcp(port), "GET", "/_ping", headers: ["Authorization": "Bearer \(token)"])
        #expect(allowed.status == 200)

        let list = try await Command.run(berth, host + ["token", "list"])
        #expect(list.succeeded && list.stdout.contains("ci") && list.stdout.contains("read"), "\(list)")
        #expect(!list.stdout.contains(String(token.split(separator: "_").last ?? "")), "the secret must never be listed")

        let revoked = try await Command.run(berth, host + ["token", "revoke", "ci"])
        #expect(revoked.succeeded, "\(revoked)")
        let refused = try await RawHTTP.request(.tcp(port), "GET", "/_ping", headers: ["Authorization": "Bearer \(token)"])
        #expect(refused.status == 401, "revocation takes effect at once")

        let again = try await Command.run(berth, host + ["token", "revoke", "ci"])
        #expect(!again.succeeded && again.stderr.contains("Error response from daemon"), "\(again)")
    }

    @Test func versionOverTCPWithAToken() async throws {
        let directory = try makeTempDirectory()
        let port = try freePort()
        let socket = BerthDaemon.socketPath(in: directory)
        let daemon = try await BerthDaemon.start(in: directory, hosts: ["unix://\(socket)", "tcp://127.0.0.1:\(port)"], arguments: ["--tokens"])
        defer { daemon.cleanUp() }
        let admin = try await daemon.createToken(name: "admin", scope: "admin")
        let version = try await Command.run(try Self.berth(), ["-H", "tcp://127.0.0.1:\(port)", "--token", admin.token, "version"])
        #expect(version.succeeded && version.stdout.contains("1.50"), "\(version)")
        let denied = try await Command.run(try Self.berth(), ["-H", "tcp://127.0.0.1:\(port)", "version"])
        #expect(!denied.succeeded && denied.stderr.contains("authentication required"), "\(denied)")
    }
}
