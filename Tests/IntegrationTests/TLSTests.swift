// SPDX-License-Identifier: Apache-2.0
// Mutual TLS on a TCP listener (--tlsverify): the docker CLI gets in with a good client certificate;
// plain HTTP, missing, foreign, expired and non-client certificates, and TLS 1.1 are refused.

import Foundation
import Testing

@Suite(.enabled(if: Env.integration))
struct TLSTests {
    /// A daemon on a unix socket and a mutual-TLS TCP port, with the certificates it trusts.
    struct Setup {
        let daemon: BerthDaemon
        let certs: Certificates
        let port: UInt16
        var url: String { "https://127.0.0.1:\(port)" }
        var host: String { "tcp://127.0.0.1:\(port)" }
    }

    private func withSetup(_ body: (Setup) async throws -> Void) async throws {
        let directory = try makeTempDirectory()
        defer { removeTempDirectory(directory) }
        let certs = try await Certificates.make(in: "\(directory)/certs")
        let port = try freePort()
        let daemon = try await BerthDaemon.start(
            in: directory, hosts: ["unix://\(BerthDaemon.socketPath(in: directory))", "tcp://127.0.0.1:\(port)"],
            arguments: ["--tlsverify", "--tlscacert", certs.ca, "--tlscert", certs.server, "--tlskey", certs.serverKey])
        defer { daemon.kill() }
        try await body(Setup(daemon: daemon, certs: certs, port: port))
    }

    @Test func dockerCLIWithClientCertificate() async throws {
        try await withSetup { setup in
            let certs = setup.certs
            let docker = try DockerCLI(host: nil, in: setup.daemon.directory)
            let version = try await docker.run([
                "--tlsverify", "--tlscacert", certs.ca, "--tlscert", certs.client, "--tlskey", certs.clientKey, "-H", setup.host, "version",
            ])
            #expect(version.succeeded, "\(version)\n\(setup.daemon.log)")
            #expect(version.stdout.hasLine(matching: #"^ +API version: +1\.50 "#), "\(version)")

            let context = try await docker.run([
                "context", "create", "berthtls", "--docker",
                "host=\(setup.host),ca=\(certs.ca),cert=\(certs.client),key=\(certs.clientKey)",
            ])
            #expect(context.succeeded, "\(context)")
            let info = try await docker.run(["--context", "berthtls", "info"])
            #expect(info.succeeded, "\(info)\n\(setup.daemon.log)")
            #expect(info.stdout.hasLine(matching: "^ Docker Root Dir: \(setup.daemon.dataRoot)$"), "\(info)")
        }
    }

    @Test func refusesPlainHTTPAndBadClientCertificates() async throws {
        try await withSetup { setup in
            let certs = setup.certs
            // Control: curl with the good client certificate gets in, so the refusals below are the server's doing.
            let good = try await curl(["--cacert", certs.ca, "--cert", certs.client, "--key", certs.clientKey, "\(setup.url)/_ping"])
            #expect(good.code == "200" && good.result.succeeded, "\(good.result)\n\(setup.daemon.log)")

            let plain = try await curl(["http://127.0.0.1:\(setup.port)/_ping"])
            #expect(plain.code == "400" || plain.code == "000", "plain HTTP on the TLS port: \(plain.result)")

            let refusals: [(String, [String])] = [
                ("no client certificate", ["--cacert", certs.ca]),
                ("certificate from another CA", ["--cacert", certs.ca, "--cert", certs.foreign, "--key", certs.foreignKey]),
                ("expired certificate", ["--cacert", certs.ca, "--cert", certs.expired, "--key", certs.expiredKey]),
                (
                    "certificate without clientAuth",
                    ["--cacert", certs.ca, "--cert", certs.serverAuthOnly, "--key", certs.serverAuthOnlyKey]
                ),
            ]
            for (what, arguments) in refusals {
                let attempt = try await curl(arguments + ["\(setup.url)/_ping"])
                #expect(!attempt.result.succeeded && attempt.code == "000", "\(what) must be refused:\n\(attempt.result)")
            }
            // The daemon survives the refused handshakes.
            let again = try await curl(["--cacert", certs.ca, "--cert", certs.client, "--key", certs.clientKey, "\(setup.url)/_ping"])
            #expect(again.code == "200", "\(again.result)\n\(setup.daemon.log)")
        }
    }

    @Test func refusesTLS11() async throws {
        try await withSetup { setup in
            let certs = setup.certs
            // SECLEVEL=0 lets the client offer TLS 1.1 at all, so a failure is the server's refusal.
            let common = [
                "s_client", "-connect", "127.0.0.1:\(setup.port)", "-CAfile", certs.ca, "-cert", certs.client, "-key", certs.clientKey,
                "-cipher", "DEFAULT:@SECLEVEL=0",
            ]
            let modern = try await Command.run(tool: "openssl", common + ["-tls1_2"], stdin: "")
            #expect(modern.succeeded && modern.stdout.contains("Protocol  : TLSv1.2"), "TLS 1.2 control:\n\(modern)")
            let old = try await Command.run(tool: "openssl", common + ["-tls1_1"], stdin: "")
            #expect(!old.succeeded, "TLS 1.1 must be refused:\n\(old)")
            #expect(old.output.contains("protocol version") || old.output.contains("unsupported protocol"), "\(old)")
        }
    }

    /// Runs curl quietly; returns the result and the HTTP status it saw ("000" when none).
    private func curl(_ arguments: [String]) async throws -> (result: CommandResult, code: String) {
        let result = try await Command.run(tool: "curl", ["-sS", "-m", "10", "-o", "/dev/null", "-w", "%{http_code}"] + arguments)
        return (result, result.stdout.trimmed)
    }
}
