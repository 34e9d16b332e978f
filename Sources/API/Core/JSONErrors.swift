// SPDX-License-Identifier: Apache-2.0
// Readable text for JSON decoding failures, close to what Go's encoding/json says.

/// Describes decoding errors for `{"message": …}` answers.
enum JSONErrors {
    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, let context):
            return "cannot unmarshal into field \(path(context)) of type \(type)"
        case .valueNotFound(let type, let context):
            return "missing value of type \(type) for field \(path(context))"
        case .keyNotFound(let key, let context):
            return "missing field \(path(context, key))"
        case .dataCorrupted(let context):
            let underlying = context.underlyingError.map { " (\($0))" } ?? ""
            return context.codingPath.isEmpty ? "malformed JSON\(underlying)" : "invalid value for field \(path(context))"
        @unknown default:
            return "malformed JSON"
        }
    }

    private static func path(_ context: DecodingError.Context, _ extra: (any CodingKey)? = nil) -> String {
        let keys = context.codingPath + (extra.map { [$0] } ?? [])
        return keys.isEmpty ? "(root)" : keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}
