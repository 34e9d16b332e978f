// SPDX-License-Identifier: Apache-2.0
// Building JSON and text responses the way dockerd writes them (json.NewEncoder: a trailing newline).

import HTTPCore
import Models

/// Response builders shared by every route file.
public enum Responses {
    /// A JSON response with `value` encoded and a trailing newline.
    public static func json<Value: Encodable>(_ value: Value, status: HTTPStatus = .ok) -> HTTPResponse {
        do {
            return HTTPResponse(status: status, contentType: "application/json", body: try JSONCoding.encode(value) + [10])
        } catch {
            let fallback = Array("{\"message\":\"encoding the response failed\"}\n".utf8)
            return HTTPResponse(status: .internalServerError, contentType: "application/json", body: fallback)
        }
    }

    /// An empty response with `status` (e.g. 204).
    public static func empty(_ status: HTTPStatus = .noContent) -> HTTPResponse { HTTPResponse(status: status) }

    /// A newline-delimited JSON stream (events, progress), sent chunked so docker-py reads it as a stream.
    public static func jsonStream(_ produce: @escaping @Sendable (JSONStreamWriter) async throws -> Void) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers["Content-Type"] = "application/json"
        return HTTPResponse(status: .ok, headers: headers, body: .stream { writer in try await produce(JSONStreamWriter(writer: writer)) })
    }
}

/// Writes one JSON document per line to a streamed response.
public struct JSONStreamWriter: Sendable {
    let writer: any ResponseBodyWriter

    /// Sends `value` as one line.
    public func send<Value: Encodable>(_ value: Value) async throws {
        try await writer.write(try JSONCoding.encode(value) + [10])
    }
}
