// SPDX-License-Identifier: Apache-2.0
// The body of every Docker API error response: `{"message": "..."}`.

/// An API error body (spec `ErrorResponse`), e.g. `{"message":"No such container: nosuch"}`.
public struct ErrorResponse: Codable, Sendable, Equatable {
    /// The error message, byte-identical to dockerd's where clients read it.
    public var message: String

    /// Creates an error body with `message`.
    public init(message: String) {
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case message
    }
}
