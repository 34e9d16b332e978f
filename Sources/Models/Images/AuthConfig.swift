// SPDX-License-Identifier: Apache-2.0
// Registry credentials: the `POST /auth` body and the base64url JSON of `X-Registry-Auth` (spec `AuthConfig`).

/// Credentials for one registry, with the lowercase keys the docker CLI sends; every field omitted when nil.
/// `description` hides the secrets so the value can be logged.
public struct AuthConfig: Codable, Sendable, Equatable, CustomStringConvertible {
    /// User name.
    public var username: String?
    /// Password or personal access token.
    public var password: String?
    /// base64 of `username:password` (config-file form; the CLI may send it instead of the two fields).
    public var auth: String?
    /// Deprecated (API 1.23) e-mail.
    public var email: String?
    /// Registry host (a URL for Docker Hub: `https://index.docker.io/v1/`).
    public var serverAddress: String?
    /// Token from an earlier login, used instead of the password (OAuth refresh token).
    public var identityToken: String?
    /// Bearer token sent to the registry as is.
    public var registryToken: String?

    /// Creates credentials.
    public init(
        username: String? = nil,
        password: String? = nil,
        auth: String? = nil,
        email: String? = nil,
        serverAddress: String? = nil,
        identityToken: String? = nil,
        registryToken: String? = nil
    ) {
        self.username = username
        self.password = password
        self.auth = auth
        self.email = email
        self.serverAddress = serverAddress
        self.identityToken = identityToken
        self.registryToken = registryToken
    }

    /// The user and server, with secrets shown only as present or not.
    public var description: String {
        let secrets = [("password", password), ("auth", auth), ("identitytoken", identityToken), ("registrytoken", registryToken)]
            .compactMap { name, value in value?.isEmpty == false ? name : nil }
        return "AuthConfig(username: \(username ?? ""), serveraddress: \(serverAddress ?? ""), secrets: \(secrets))"
    }

    enum CodingKeys: String, CodingKey {
        case username
        case password
        case auth
        case email
        case serverAddress = "serveraddress"
        case identityToken = "identitytoken"
        case registryToken = "registrytoken"
    }
}
