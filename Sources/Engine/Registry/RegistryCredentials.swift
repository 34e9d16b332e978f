// SPDX-License-Identifier: Apache-2.0
// What a client hands over to reach a registry (the fields of Docker's AuthConfig that matter here).

/// Credentials for one registry; any field may be empty.
public struct RegistryCredentials: Sendable, Hashable {
    /// User name for Basic auth and for the token service.
    public var username: String
    /// Password (or personal access token) for `username`.
    public var password: String
    /// An OAuth refresh token from an earlier login (`identitytoken`): exchanged at the token realm by
    /// `POST grant_type=refresh_token`.
    public var identityToken: String
    /// A bearer token sent to the registry as is (`registrytoken`).
    public var registryToken: String

    /// Creates credentials.
    public init(username: String = "", password: String = "", identityToken: String = "", registryToken: String = "") {
        self.username = username
        self.password = password
        self.identityToken = identityToken
        self.registryToken = registryToken
    }

    /// True when user name and password are both set.
    var hasBasic: Bool { !username.isEmpty && !password.isEmpty }

    /// Distinguishes cached tokens of different users without keeping secrets in cache keys.
    var fingerprint: String {
        if username.isEmpty && password.isEmpty && identityToken.isEmpty { return "anonymous" }
        return BlobDigest.sha256(of: Array("\(username)\u{0}\(password)\u{0}\(identityToken)".utf8))
    }
}
