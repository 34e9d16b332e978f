// SPDX-License-Identifier: Apache-2.0
// Sending one registry request: ping the endpoint once for its challenge, attach credentials, answer a
// 401 by (re)authenticating once, follow redirects (blobs live on storage hosts; credentials never leave
// the registry's origin), and walk the endpoint list when one cannot be reached (moby continueOnError).

import Glibc
import HTTPClient
import HTTPCore
import Platform

/// One request to a registry endpoint.
struct RegistryCall: Sendable {
    var method = "GET"
    /// Path and query on the endpoint (ignored when `url` is set).
    var target = "/v2/"
    /// An absolute URL handed out by the registry (upload `Location`).
    var url: RegistryURL?
    var headers = HTTPHeaders()
    var body: [UInt8] = []
    /// Token scopes the request needs.
    var scopes: [String] = []
    var followRedirects = false
}

/// A response with the URL that produced it (relative `Location`s resolve against it).
struct RegistryResponse: Sendable {
    let response: HTTPClientResponse
    let url: RegistryURL
    var status: HTTPStatus { response.status }
    var headers: HTTPHeaders { response.headers }
}

/// Reaching an endpoint failed (connect, TLS, a dropped connection): another endpoint may work.
struct RegistryTransportError: Error, Sendable {
    /// Go-style text: `Get "http://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused`.
    let message: String
    /// True when the endpoint could not be connected to or handshaken with at all.
    let endpointDown: Bool
}

extension RegistryClient {
    /// Sends `call` to `endpoint` and returns once a final (non-401-retried, non-redirect) head is in.
    func perform(_ call: RegistryCall, at endpoint: RegistryEndpoint, credentials: RegistryCredentials?) async throws -> RegistryResponse {
        _ = try await ping(endpoint)
        var url = call.url ?? RegistryURL(origin: endpoint.origin, target: call.target)
        var method = call.method
        var body = call.body
        var retried = false
        var redirects = 0
        while true {
            var request = HTTPClientRequest(method: method, target: url.target, headers: call.headers, body: body)
            let sameOrigin = url.origin == endpoint.origin
            let authorization =
                sameOrigin ? try await self.authorization(for: endpoint, scopes: call.scopes, credentials: credentials) : nil
            if let authorization { request.headers["Authorization"] = authorization }
            let verifies = sameOrigin ? endpoint.verifiesCertificate : !options.isInsecure(url.origin.authority)
            let response = try await transmit(request, to: url, verifies: verifies)
            let code = response.status.code
            if code == 401, sameOrigin, !retried, shouldReauthenticate(response.headers, sent: authorization, credentials: credentials) {
                await discard(response)
                challenges[endpoint] = AuthChallenge.parse(headers: response.headers)
                tokens = tokens.filter { $0.key.scopes != call.scopes.sorted() }
                retried = true
                continue
            }
            if call.followRedirects, [301, 302, 303, 307, 308].contains(code), redirects < 10,
                let location = response.headers["Location"], let next = url.resolving(location)
            {
                await discard(response)
                if code == 303 { (method, body) = ("GET", []) }
                url = next
                redirects += 1
                continue
            }
            return RegistryResponse(response: response, url: url)
        }
    }

    /// `GET /v2/` once per endpoint: reachable, and which challenge it answers with.
    func ping(_ endpoint: RegistryEndpoint) async throws -> [AuthChallenge] {
        if let known = challenges[endpoint] { return known }
        let url = RegistryURL(origin: endpoint.origin, target: "/v2/")
        // Bounded like dockerd's 10 s TLS handshake timeout: a plain-HTTP server that sits on our ClientHello
        // must not hold up the fallback to HTTP for a full request timeout.
        let response: HTTPClientResponse
        do {
            response = try await transmit(
                HTTPClientRequest(target: url.target), to: url, verifies: endpoint.verifiesCertificate,
                timeout: min(options.requestTimeout, 15))
        } catch let error as RegistryTransportError {
            throw RegistryTransportError(message: error.message, endpointDown: true)  // any failed ping: try the next endpoint
        }
        await discard(response)
        let found = response.status.code == 401 ? AuthChallenge.parse(headers: response.headers) : []
        challenges[endpoint] = found
        return found
    }

    /// A fresh challenge is worth one retry when nothing was sent yet, or a cached bearer token was refused.
    private func shouldReauthenticate(_ headers: HTTPHeaders, sent: String?, credentials: RegistryCredentials?) -> Bool {
        let fresh = AuthChallenge.parse(headers: headers)
        let bearer = fresh.first { $0.scheme == "bearer" }
        if bearer?.parameters["error"] == "insufficient_scope" { return false }
        if sent == nil { return bearer != nil || (fresh.contains { $0.scheme == "basic" } && credentials?.hasBasic == true) }
        return bearer != nil && sent?.hasPrefix("Bearer ") == true && (credentials?.registryToken ?? "").isEmpty
    }

    /// Sends one request to `url`'s origin, translating transport failures into `RegistryTransportError`.
    func transmit(_ request: HTTPClientRequest, to url: RegistryURL, verifies: Bool, timeout: Double? = nil) async throws
        -> HTTPClientResponse
    {
        let timeout = timeout ?? options.requestTimeout
        var request = request
        request.target = url.target
        request.headers["Host"] = url.origin.authority
        let client = try client(for: url.origin, verifies: verifies)
        do {
            do {
                return try await client.send(request, until: .after(seconds: timeout))
            } catch HTTPClientError.connectionClosed where !request.isIdempotent {
                // A kept connection the server had closed; POST and PATCH are not retried by HTTPClient.
                return try await client.send(request, until: .after(seconds: timeout))
            }
        } catch {
            throw Self.transportError(error, method: request.method, url: url)
        }
    }

    /// Reads and drops a body that is not needed (bounded: a huge one closes the connection instead).
    func discard(_ response: HTTPClientResponse) async {
        _ = try? await response.body(upTo: 1 << 20, until: .after(seconds: options.requestTimeout))
    }

    /// Go's wording for transport errors; EngineError and cancellation pass through.
    static func transportError(_ error: any Error, method: String, url: RegistryURL) -> any Error {
        let verb = method.prefix(1).uppercased() + method.dropFirst().lowercased()
        let prefix = "\(verb) \"\(url)\""
        switch error {
        case let error as HTTPClientError:
            switch error {
            case .connectFailed(_, let reason, let code):
                // Socket.resolve reports a failed name lookup as EADDRNOTAVAIL.
                let detail =
                    code == EADDRNOTAVAIL
                    ? "dial tcp: lookup \(url.origin.host): no such host"
                    : "dial tcp \(url.origin.host):\(url.origin.port): connect: \(reason.prefix(1).lowercased() + reason.dropFirst())"
                return RegistryTransportError(message: "\(prefix): \(detail)", endpointDown: true)
            case .tlsFailed(_, let reason):
                return RegistryTransportError(message: "\(prefix): tls: \(reason)", endpointDown: true)
            default:
                return RegistryTransportError(message: "\(prefix): \(error)", endpointDown: false)
            }
        case is EngineError, is CancellationError:
            return error
        default:
            return RegistryTransportError(message: "\(prefix): \(error)", endpointDown: false)
        }
    }

    /// Runs `body` on each endpoint for `domain` until one works. Unreachable endpoints fall through to the
    /// next, and so do registry errors from mirrors; `mayRetry` says whether a retry is still safe.
    nonisolated func withEndpoints<T: Sendable>(
        _ domain: String, push: Bool, mayRetry: () -> Bool = { true }, _ body: (RegistryEndpoint) async throws -> T
    ) async throws -> T {
        try await withEndpoints(options.endpoints(for: domain, push: push), domain: domain, mayRetry: mayRetry, body)
    }

    /// Runs `body` on each of `candidates` (recently unreachable ones last) until one works.
    nonisolated func withEndpoints<T: Sendable>(
        _ candidates: [RegistryEndpoint], domain: String, mayRetry: () -> Bool = { true }, _ body: (RegistryEndpoint) async throws -> T
    ) async throws -> T {
        var lastError: any Error = EngineError.invalidParameter("invalid registry name \"\(domain)\"")
        for endpoint in await ordered(candidates) {
            do {
                return try await body(endpoint)
            } catch let error as RegistryTransportError {
                if error.endpointDown { await markUnreachable(endpoint) }
                lastError = error
            } catch let error as EngineError where endpoint.isMirror {
                lastError = error
            } catch {
                throw Self.publicError(error)
            }
            if !mayRetry() { break }
        }
        throw Self.publicError(lastError)
    }

    /// The error a public method throws: transport failures become `.system` with Go's dial text.
    nonisolated static func publicError(_ error: any Error) -> any Error {
        switch error {
        case let error as RegistryTransportError: EngineError.system(error.message)
        case is EngineError, is CancellationError: error
        default: EngineError.system("\(error)")
        }
    }
}
