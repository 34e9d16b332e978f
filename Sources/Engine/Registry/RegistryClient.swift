// SPDX-License-Identifier: Apache-2.0
// The outbound side of image pull and push: talks the OCI distribution API (Docker Registry HTTP API v2)
// to registries, mirrors, token services and blob storage. One client serves the whole daemon; it keeps
// connections per origin, what each endpoint's `/v2/` ping said, and bearer tokens until they expire.
//
// Map: state here · +Send (auth, redirects, endpoint fallback) · +Auth (tokens, login) · +Manifest ·
// +Blob · +Upload · +Tags (tag list, search).

import HTTPClient
import HTTPCore
import Platform

/// A client for container registries. Every method throws `EngineError` (or `CancellationError`).
public actor RegistryClient {
    /// The settings it was made with.
    public nonisolated let options: RegistryOptions
    var clients: [ClientKey: HTTPClient] = [:]
    var verifyingTLS: TLSContext?
    var permissiveTLS: TLSContext?
    /// Challenges from each endpoint's `GET /v2/` (empty: no auth asked for).
    var challenges: [RegistryEndpoint: [AuthChallenge]] = [:]
    /// Endpoints that failed to connect or handshake, skipped until the deadline.
    var unreachable: [RegistryEndpoint: Deadline] = [:]
    var tokens: [TokenKey: CachedToken] = [:]
    var pendingTokens: [TokenKey: Task<CachedToken, any Error>] = [:]

    struct ClientKey: Hashable {
        let origin: RegistryOrigin
        let verifies: Bool
    }

    /// A client with `options`.
    public init(options: RegistryOptions = RegistryOptions()) {
        self.options = options
    }

    /// Closes every kept connection.
    public func close() async {
        let all = clients.values
        clients = [:]
        for client in all { await client.close() }
    }

    /// The HTTP client for `origin`; TLS verification off only where `verifies` is false.
    func client(for origin: RegistryOrigin, verifies: Bool) throws -> HTTPClient {
        let key = ClientKey(origin: origin, verifies: verifies || !origin.isTLS)
        if let existing = clients[key] { return existing }
        var context: TLSContext?
        if origin.isTLS {
            do {
                if verifies {
                    context = try verifyingTLS ?? TLSContext(client: .init())
                    verifyingTLS = context
                } else {
                    context = try permissiveTLS ?? TLSContext(client: .init(verifyServer: false))
                    permissiveTLS = context
                }
            } catch {
                throw EngineError.system("cannot set up TLS for \(origin): \(error)")
            }
        }
        let client = HTTPClient(endpoint: origin.endpoint, tls: context, headers: ["User-Agent": options.userAgent], maxConnections: 8)
        clients[key] = client
        return client
    }

    /// Forgets an endpoint that could not be reached, for a minute.
    func markUnreachable(_ endpoint: RegistryEndpoint) {
        unreachable[endpoint] = .after(seconds: 60)
        challenges[endpoint] = nil
    }

    /// `candidates` with endpoints that recently failed moved to the end.
    func ordered(_ candidates: [RegistryEndpoint]) -> [RegistryEndpoint] {
        let down = candidates.filter { unreachable[$0].map { !$0.hasPassed } ?? false }
        return candidates.filter { !down.contains($0) } + down
    }
}
