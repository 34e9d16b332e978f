// SPDX-License-Identifier: Apache-2.0
// Bearer tokens on a TCP listener (--tokens) through the docker CLI's HttpHeaders setting and curl,
// and the refusal to listen on TCP with neither TLS nor tokens.

import Foundation
import Testing

@Suite(.enabled(if: Env.integration))
struct TokenTests {
    private func startWithTokens() async throws -> (BerthDaemon, UInt16) {
        let directory = try makeTempDirectory()
        let port = try freePort()
        let daemon = try await BerthDaemon.start(
            in: directory, hosts: ["unix://\(BerthDaemon.socketPath(in: directory))", "tcp://127.0.0.1:\(port)"], arguments: ["--tokens"])
        return (daemon, port)
    }

    @Test func dockerCLIWithAdminAndReadTokens() async throws {
        let (daemon, port) = try await startWithTokens()
        defer { daemon.cleanUp() }
        let admin = try await daemon.createToken(name: "ci-admin", scope: "admin")
        let read = try await daemon.createToken(name: "ci-read", scope: "read")
        for token in [admin.token, read.token] {
            let docker = try DockerCLI(host: "tcp://127.0.0.1:\(port)", in: daemon.directory)
            try docker.useToken(token)
            let version = try await docker.run(["version"])
            #expect(version.succeeded, "\(version)\n\(daemon.log)")
            #expect(version.stdout.hasLine(matching: #"^ +API version: +1\.50 "#), "\(version)")
        }
    }

    @Test func dockerCLIWithoutOrWithWrongToken() async throws {
        let (daemon, port) = try await startWithTokens()
        defer { daemon.cleanUp() }
        let bare = try DockerCLI(host: "tcp://127.0.0.1:\(port)", in: daemon.directory)
        let none = try await bare.run(["version"])
        #expect(!none.succeeded, "\(none)")
        #expect(none.output.contains("authentication required"), "the 401 message must reach the user:\n\(none)")

        let wrong = try DockerCLI(host: "tcp://127.0.0.1:\(port)", in: daemon.directory)
        try wrong.useToken("berth_000000000000_" + String(repeating: "ab", count: 32))
        let refused = try await wrong.run(["info"])
        #expect(!refused.succeeded, "\(refused)")
        #expect(refused.output.contains("invalid API token"), "\(refused)")
    }

    @Test func revokedTokenFailsAtOnce() async throws {
        let (daemon, port) = try await startWithTokens()
        defer { daemon.cleanUp() }
        let admin = try await daemon.createToken(name: "short-lived", scope: "admin")
        let docker = try DockerCLI(host: "tcp://127.0.0.1:\(port)", in: daemon.directory)
        try docker.useToken(admin.token)
        let before = try await docker.run(["info"])
        #expect(before.succeeded, "\(before)\n\(daemon.log)")

        let revoke = try await daemon.request("DELETE", "/berth/tokens/short-lived")
        #expect(revoke.status == 200, "\(revoke)")
        let after = try await docker.run(["info"])
        #expect(!after.succeeded, "a revoked token must stop working on the next command:\n\(after)")
        #expect(after.output.contains("revoked"), "\(after)")
    }

    @Test func readTokenCannotPost() async throws {
        let (daemon, port) = try await startWithTokens()
        defer { daemon.cleanUp() }
        let read = try await daemon.createToken(name: "viewer", scope: "read")
        let result = try await Command.run(
            tool: "curl",
            [
                "-sS", "-m", "10", "-w", "\n%{http_code}", "-X", "POST", "-H", "Authorization: Bearer \(read.token)",
                "-H", "Content-Type: application/json", "-d", #"{"Name":"escalate","Scope":"admin"}"#,
                "http://127.0.0.1:\(port)/v1.50/berth/tokens",
            ])
        #expect(result.succeeded, "\(result)")
        let lines = result.stdout.lines
        #expect(lines.last == "403", "\(result)")
        let body = try parseJSON(lines.dropLast().joined(separator: "\n"))
        let message = body["message"] as? String ?? ""
        #expect(message.contains("read scope") && message.contains("POST"), "\(result)")
        // Nothing was created.
        let list = try await daemon.request("GET", "/berth/tokens")
        #expect(!list.text.contains("escalate"), "\(list)")
    }

    @Test func tcpWithoutTLSOrTokensNeedsInsecureTCP() async throws {
        let directory = try makeTempDirectory()
        defer { removeTempDirectory(directory) }
        let port = try freePort()
        let refused = try await BerthDaemon.runExpectingExit(in: directory, hosts: ["tcp://127.0.0.1:\(port)"])
        #expect(!refused.succeeded, "\(refused)")
        #expect(refused.stderr.contains("--insecure-tcp"), "\(refused)")

        // With the flag it starts and answers over TCP.
        let daemon = try await BerthDaemon.start(
            in: directory, hosts: ["unix://\(BerthDaemon.socketPath(in: directory))", "tcp://127.0.0.1:\(port)"],
            arguments: ["--insecure-tcp"])
        defer { daemon.kill() }
        let ping = try await RawHTTP.request(.tcp(port), "GET", "/_ping")
        #expect(ping.status == 200 && ping.text == "OK", "\(ping)")
    }
}
