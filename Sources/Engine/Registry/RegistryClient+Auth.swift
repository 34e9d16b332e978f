// SPDX-License-Identifier: Apache-2.0
// Credentials on the wire: Basic for registries that ask for it, bearer tokens from the realm of a
// `Bearer` challenge (distribution docs/spec/auth/token.md: GET with Basic credentials or anonymous;
// oauth.md: POST grant_type=refresh_token for identity tokens), cached per scope until they expire.

import FoundationEssentials
import HTTPClient
import HTTPCore

extension RegistryClient {
    /// The `Authorization` value for a request to `endpoint` needing `scopes`, or nil for none.
    func authorization(for endpoint: RegistryEndpoint, scopes: [String], credentials: RegistryCredentials?) async throws -> String? {
        if let token = credentials?.registryToken, !token.isEmpty { return "Bearer \(token)" }
        let known = challenges[endpoint] ?? []
        if let bearer = known.first(where: { $0.scheme == "bearer" }), let realm = bearer.parameters["realm"] {
            let token = try await bearerToken(
                realm: realm, service: bearer.parameters["service"] ?? "", scopes: scopes, credentials: credentials)
            return "Bearer \(token.value)"
        }
        if known.contains(where: { $0.scheme == "basic" }), let credentials, credentials.hasBasic {
            return Self.basic(credentials)
        }
        return nil
    }

    /// `Basic base64(user:password)` (RFC 7617).
    static func basic(_ credentials: RegistryCredentials) -> String {
        "Basic " + Data("\(credentials.username):\(credentials.password)".utf8).base64EncodedString()
    }

    /// A cached token for the scopes, or a new one; concurrent requests for the same key share one fetch.
    func bearerToken(realm: String, service: String, scopes: [String], credentials: RegistryCredentials?) async throws -> CachedToken {
        let key = TokenKey(realm: realm, service: service, scopes: scopes, credentials: credentials)
        if let cached = tokens[key], cached.isFresh { return cached }
        if let pending = pendingTokens[key] { return try await pending.value }
        let task = Task { try await self.fetchToken(realm: realm, service: service, scopes: scopes, credentials: credentials) }
        pendingTokens[key] = task
        defer { pendingTokens[key] = nil }
        let token = try await task.value
        tokens[key] = token
        return token
    }

    /// Asks the token service. `offline` (login) also asks for a refresh token to keep as identity token.
    func fetchToken(realm: String, service: String, scopes: [String], credentials: RegistryCredentials?, offline: Bool = false) async throws
        -> CachedToken
    {
        guard let realmURL = RegistryURL(parsing: realm) else { throw EngineError.system("invalid token realm \"\(realm)\"") }
        var request = HTTPClientRequest(target: realmURL.target)
        var url = realmURL
        if let refresh = credentials?.identityToken, !refresh.isEmpty {
            var form = [("grant_type", "refresh_token"), ("service", service), ("client_id", "berth"), ("refresh_token", refresh)]
            if !scopes.isEmpty { form.append(("scope", scopes.joined(separator: " "))) }
            if offline { form.append(("access_type", "offline")) }
            request.method = "POST"
            request.headers["Content-Type"] = "application/x-www-form-urlencoded"
            request.body = Array(form.map { "\(PercentEncoding.encode($0.0))=\(PercentEncoding.encode($0.1))" }.joined(separator: "&").utf8)
        } else {
            var query = service.isEmpty ? [] : [("service", service)]
            query += scopes.map { ("scope", $0) }
            if let credentials, credentials.hasBasic {
                query.append(("account", credentials.username))
                request.headers["Authorization"] = Self.basic(credentials)
            }
            if offline { query += [("offline_token", "true"), ("client_id", "berth")] }
            url = realmURL.appendingQuery(query)
        }
        let response = try await transmit(request, to: url, verifies: !options.isInsecure(url.origin.authority))
        let body: [UInt8]
        do {
            body = try await response.body(upTo: 1 << 20, until: .after(seconds: options.requestTimeout))
        } catch {
            throw Self.transportError(error, method: request.method, url: url)
        }
        guard response.status.code == 200 else {
            let entries = RegistryErrorEntry.parse(status: response.status.code, headers: response.headers, body: body)
            throw RegistryErrorEntry.engineError(status: response.status, entries: entries, repository: nil, operation: .other)
        }
        guard let decoded = try? JSONDecoder().decode(TokenResponse.self, from: Data(body)), let value = decoded.bearer else {
            throw EngineError.system("the token service at \(realmURL) returned no token")
        }
        return CachedToken(decoded, value: value)
    }

    /// Checks `credentials` against the registry of `domain` as `docker login` does (moby registry/auth.go
    /// loginV2) and returns the identity token the token service handed out, if any.
    public nonisolated func login(domain: String, credentials: RegistryCredentials) async throws -> String? {
        try await withEndpoints(domain, push: true) { endpoint in try await self.loginAttempt(at: endpoint, credentials: credentials) }
    }

    private func loginAttempt(at endpoint: RegistryEndpoint, credentials: RegistryCredentials) async throws -> String? {
        challenges[endpoint] = nil
        let found = try await ping(endpoint)
        let url = RegistryURL(origin: endpoint.origin, target: "/v2/")
        var request = HTTPClientRequest(target: url.target)
        var identityToken: String?
        if let bearer = found.first(where: { $0.scheme == "bearer" }), let realm = bearer.parameters["realm"] {
            let token = try await fetchToken(
                realm: realm, service: bearer.parameters["service"] ?? "", scopes: [], credentials: credentials, offline: true)
            request.headers["Authorization"] = "Bearer \(token.value)"
            identityToken = token.refreshToken
        } else if found.contains(where: { $0.scheme == "basic" }) {
            request.headers["Authorization"] = Self.basic(credentials)
        } else {
            return nil
        }
        let response = try await transmit(request, to: url, verifies: endpoint.verifiesCertificate)
        await discard(response)
        guard response.status.code == 200 else {
            throw EngineError.unauthorized(
                "login attempt to \(url) failed with status: \(response.status.code) \(HTTPStatus(code: response.status.code).reason)")
        }
        return identityToken
    }
}
