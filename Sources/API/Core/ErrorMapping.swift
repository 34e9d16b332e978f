// SPDX-License-Identifier: Apache-2.0
// The one place where errors become status codes and `{"message": …}` bodies (moby httpstatus.FromError).

import Engine
import HTTPCore
import Models

/// Maps any error a handler throws to Docker's status and JSON error body.
public enum ErrorMapping {
    /// The status for `error`.
    public static func status(for error: any Error) -> HTTPStatus {
        switch error {
        case let error as EngineError:
            switch error {
            case .notFound: .notFound
            case .invalidParameter: .badRequest
            case .conflict: .conflict
            case .unauthorized: .unauthorized
            case .forbidden: .forbidden
            case .unavailable: .serviceUnavailable
            case .notModified: .notModified
            case .notImplemented: .notImplemented
            case .system: .internalServerError
            }
        case let error as APIError: error.status
        case let error as HTTPParseError: error.status
        case is DecodingError: .badRequest
        default: .internalServerError
        }
    }

    /// The client-facing message for `error`.
    public static func message(for error: any Error) -> String {
        switch error {
        case let error as EngineError: error.message
        case let error as APIError: error.message
        case let error as HTTPParseError: error.detail
        case let error as DecodingError: "invalid JSON: \(JSONErrors.describe(error))"
        default: String(describing: error)
        }
    }

    /// The response for `error`.
    public static func response(for error: any Error) -> HTTPResponse {
        let status = status(for: error)
        var response = Responses.json(ErrorResponse(message: message(for: error)), status: status)
        if case HTTPParseError.payloadTooLarge = error {
            // The rest of the body was not read: the connection must not be reused.
            response.headers["Connection"] = "close"
        }
        return response
    }
}
