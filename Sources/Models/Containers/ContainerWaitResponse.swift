// SPDX-License-Identifier: Apache-2.0
// The body of `POST /containers/{id}/wait` (spec `ContainerWaitResponse`).

/// The exit of a waited-for container.
public struct ContainerWaitResponse: Codable, Sendable, Equatable {
    /// An error while waiting (spec `ContainerWaitExitError`).
    public struct WaitError: Codable, Sendable, Equatable {
        /// Error message; omitted when nil.
        public var message: String?

        /// Creates a value; every field defaults to its zero value or nil.
        public init(message: String? = nil) {
            self.message = message
        }

        enum CodingKeys: String, CodingKey {
            case message = "Message"
        }
    }

    /// Exit code.
    public var statusCode: Int64
    /// Why waiting failed; omitted when nil.
    public var error: WaitError?

    /// Creates a value; every field defaults to its zero value or nil.
    public init(statusCode: Int64 = 0, error: WaitError? = nil) {
        self.statusCode = statusCode
        self.error = error
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        statusCode = try container.decodeIfPresent(Int64.self, forKey: .statusCode) ?? 0
        error = try container.decodeIfPresent(WaitError.self, forKey: .error)
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(statusCode, forKey: .statusCode)
        try container.encodeIfPresent(error, forKey: .error)
    }

    enum CodingKeys: String, CodingKey {
        case statusCode = "StatusCode"
        case error = "Error"
    }
}
