// SPDX-License-Identifier: Apache-2.0
// Bearer-token checks for TCP listeners: 401 without a valid token, 403 when the scope forbids the method.

import Engine
import HTTPCore

/// Decides whether a request may proceed.
public struct Authenticator: Sendable {
    /// The token service, or nil when tokens are off (then only TLS, if any, guards TCP).
    let tokens: TokenService?

    /// An authenticator; with `tokens` nil every request passes.
    public init(tokens: TokenService?) { self.tokens = tokens }

    /// Throws `APIError` 401/403 when the request may not proceed. Unix-socket requests are trusted:
    /// the socket's file mode already decides who may connect.
    public func authorize(_ request: HTTPRequest) async throws {
        guard let tokens, request.connection.transport != .unix else { return }
        guard let header = request.headers["Authorization"] else {
            throw APIError.unauthorized("authentication required: send an API token as \"Authorization: Bearer <token>\"")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].equalsIgnoringASCIICase("Bearer") else {
            throw APIError.unauthorized("authentication required: the Authorization header must be \"Bearer <token>\"")
        }
        switch await tokens.check(String(parts[1].trimmingSpaces())) {
        case .valid(let name, let scope):
            guard scope.permits(method: request.method) else {
                throw APIError.forbidden("token \"\(name)\" has \(scope.rawValue) scope: \(request.method) is not allowed")
            }
        case .invalid: throw APIError.unauthorized("invalid API token")
        case .expired: throw APIError.unauthorized("API token has expired")
        case .revoked: throw APIError.unauthorized("API token has been revoked")
        }
    }
}
