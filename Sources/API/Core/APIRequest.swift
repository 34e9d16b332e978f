// SPDX-License-Identifier: Apache-2.0
// What a route handler gets: the HTTP request plus the negotiated API version and path parameters.

import FoundationEssentials
import HTTP
import HTTPCore
import Models

/// A request after versioning, authentication and routing.
public struct APIRequest: Sendable {
    /// The underlying HTTP request.
    public let http: HTTPRequest
    /// The API version the client asked for (the current one for unversioned paths).
    public let version: APIVersion
    /// Path parameters from the route pattern.
    public let parameters: [String: String]

    /// Creates an API request.
    public init(http: HTTPRequest, version: APIVersion, parameters: [String: String] = [:]) {
        self.http = http
        self.version = version
        self.parameters = parameters
    }

    /// The parsed query string.
    public var query: QueryItems { http.query }

    /// The path parameter `name`; routing guarantees it exists.
    public func parameter(_ name: String) -> String { parameters[name] ?? "" }

    /// A boolean query flag as moby's `httputils.BoolValue` reads it: absent, "", "0", "no", "false", "none" are false.
    public func flag(_ name: String) -> Bool {
        guard let value = query[name]?.lowercased() else { return false }
        return !["", "0", "no", "false", "none"].contains(value)
    }

    /// The `filters` query parameter, in either the map form `{"k":{"v":true}}` or the old list form `{"k":["v"]}`.
    public func filters() throws -> Filters {
        guard let raw = query["filters"], !raw.isEmpty else { return Filters() }
        if let map = try? JSONCoding.decode([String: [String: Bool]].self, from: raw) {
            return Filters(map.mapValues { $0.filter(\.value).map(\.key).sorted() })
        }
        if let list = try? JSONCoding.decode([String: [String]].self, from: raw) { return Filters(list) }
        throw APIError.badRequest("invalid filter: \(raw)")
    }

    /// Decodes a JSON body (4 MiB at most), refusing other content types as dockerd does.
    public func decodeJSON<Value: Decodable>(_ type: Value.Type, limit: Int = 4 << 20) async throws -> Value {
        let bytes = try await http.body.collect(upTo: limit)
        // moby's CheckForJSON: a body must come as application/json (parameters allowed).
        let contentType = http.headers["Content-Type"] ?? ""
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingSpaces() } ?? ""
        guard bytes.isEmpty || mediaType.equalsIgnoringASCIICase("application/json") else {
            throw APIError.badRequest("unsupported Content-Type header (\(contentType)): must be 'application/json'")
        }
        guard !bytes.isEmpty else { throw APIError.badRequest("invalid JSON: got EOF while reading request body") }
        do {
            return try JSONCoding.decode(type, from: bytes)
        } catch let error as DecodingError {
            // moby 24+ reads one value and refuses whatever follows it with this text.
            if let end = Self.endOfFirstValue(bytes), bytes[end...].contains(where: { !Self.isJSONSpace($0) }),
                (try? JSONCoding.decode(type, from: Array(bytes[..<end]))) != nil
            {
                throw APIError.badRequest("invalid JSON: unexpected content after JSON")
            }
            throw APIError.badRequest("invalid JSON: \(JSONErrors.describe(error))")
        }
    }

    /// The index just past the top-level object or array that starts the body (strings and escapes skipped);
    /// nil when the body does not start with one or it never closes.
    static func endOfFirstValue(_ bytes: [UInt8]) -> Int? {
        guard let start = bytes.firstIndex(where: { !isJSONSpace($0) }),
            bytes[start] == UInt8(ascii: "{") || bytes[start] == UInt8(ascii: "[")
        else { return nil }
        var depth = 0
        var inString = false
        var escaped = false
        for index in start..<bytes.count {
            let byte = bytes[index]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return index + 1 }
            default: continue
            }
        }
        return nil
    }

    /// RFC 8259 §2 insignificant whitespace.
    static func isJSONSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
