// SPDX-License-Identifier: Apache-2.0
// Options every subcommand shares, with the docker CLI's names and environment fallbacks.

import ArgumentParser
import Glibc
import HTTPClient
import Platform

/// `-H`, TLS and token options.
struct GlobalOptions: ParsableArguments {
    @Option(name: [.customShort("H"), .long], help: "Daemon socket to connect to (default $DOCKER_HOST or unix:///var/run/docker.sock)")
    var host: String?

    @Flag(name: .customLong("tls"), help: "Use TLS; implied by --tlsverify")
    var tls = false

    @Flag(name: .customLong("tlsverify"), help: "Use TLS and verify the remote (default $DOCKER_TLS_VERIFY)")
    var tlsverify = false

    @Option(name: .customLong("tlscacert"), help: "Trust certs signed only by this CA (default $DOCKER_CERT_PATH/ca.pem)")
    var tlscacert: String?

    @Option(name: .customLong("tlscert"), help: "Path to TLS certificate file (default $DOCKER_CERT_PATH/cert.pem)")
    var tlscert: String?

    @Option(name: .customLong("tlskey"), help: "Path to TLS key file (default $DOCKER_CERT_PATH/key.pem)")
    var tlskey: String?

    @Option(name: .customLong("token"), help: "API token sent as \"Authorization: Bearer\" over TCP (default $BERTH_TOKEN)")
    var token: String?

    /// The host as the user gave it (flag, then `DOCKER_HOST`, then the default socket).
    var hostText: String { host ?? Self.environment("DOCKER_HOST") ?? "unix://\(Endpoint.defaultUnixPath)" }

    /// True when TLS is asked for by flag or `DOCKER_TLS_VERIFY`.
    var usesTLS: Bool { tls || verifiesServer }

    private var verifiesServer: Bool { tlsverify || Self.environment("DOCKER_TLS_VERIFY") != nil }

    /// The endpoint to dial; `tcp://` becomes TLS (default port 2376) when TLS is on.
    func endpoint() throws -> Endpoint {
        let endpoint = try Endpoint(parsing: hostText, defaultTCPPort: usesTLS ? 2376 : 2375)
        return usesTLS ? endpoint.withTLS : endpoint
    }

    /// The client TLS context for TLS endpoints, with the docker CLI's default file names under
    /// `$DOCKER_CERT_PATH` (else ~/.docker) when those files exist.
    func tlsContext(for endpoint: Endpoint) throws -> TLSContext? {
        guard case .tls = endpoint else { return nil }
        let directory = Self.environment("DOCKER_CERT_PATH") ?? Self.environment("HOME").map { "\($0)/.docker" }
        func file(_ given: String?, _ name: String) -> String? {
            if let given { return given }
            guard let directory, access("\(directory)/\(name)", R_OK) == 0 else { return nil }
            return "\(directory)/\(name)"
        }
        return try TLSContext(
            client: .init(
                caFile: file(tlscacert, "ca.pem"), certificateFile: file(tlscert, "cert.pem"), keyFile: file(tlskey, "key.pem"),
                verifyServer: verifiesServer))
    }

    /// The bearer token, from `--token` or `BERTH_TOKEN`.
    var bearerToken: String? { token ?? Self.environment("BERTH_TOKEN") }

    /// A non-empty environment variable.
    static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }
}
