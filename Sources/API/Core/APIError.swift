// SPDX-License-Identifier: Apache-2.0
// Errors that arise in the API layer itself (versions, auth, request syntax), before the engine runs.

import HTTPCore

/// An error raised by the API layer with its own status.
public struct APIError: Error, Sendable, Equatable {
    /// The status to answer with.
    public let status: HTTPStatus
    /// The message for `{"message": …}`.
    public let message: String

    /// 400 with `message`.
    public static func badRequest(_ message: String) -> APIError { APIError(status: .badRequest, message: message) }
    /// 401 with `message`.
    public static func unauthorized(_ message: String) -> APIError { APIError(status: .unauthorized, message: message) }
    /// 403 with `message`.
    public static func forbidden(_ message: String) -> APIError { APIError(status: .forbidden, message: message) }
    /// moby's 404 for unknown routes.
    public static let pageNotFound = APIError(status: .notFound, message: "page not found")
}
