// SPDX-License-Identifier: Apache-2.0
// The body of a successful `POST /auth` (spec `SystemAuthResponse`).

/// A login result, e.g. `{"Status":"Login Succeeded"}`.
public struct AuthResponse: Codable, Sendable, Equatable {
    /// `Login Succeeded`.
    public var status: String
    /// Token for later requests instead of the password; omitted when nil.
    public var identityToken: String?

    /// Creates a login result.
    public init(status: String = "Login Succeeded", identityToken: String? = nil) {
        self.status = status
        self.identityToken = identityToken
    }

    enum CodingKeys: String, CodingKey {
        case status = "Status"
        case identityToken = "IdentityToken"
    }
}
