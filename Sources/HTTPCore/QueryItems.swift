// SPDX-License-Identifier: Apache-2.0
// A parsed `application/x-www-form-urlencoded` query, as Go's url.ParseQuery reads it.

/// Query parameters in order, with repeated keys kept.
public struct QueryItems: Sendable {
    /// The decoded key/value pairs in order.
    public let items: [(key: String, value: String)]

    /// Parses a raw query string; malformed escapes keep the raw text rather than failing the request.
    public init<S: StringProtocol>(parsing raw: S) {
        var items: [(key: String, value: String)] = []
        for part in raw.split(separator: "&", omittingEmptySubsequences: true) {
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = PercentEncoding.decode(pair[0], plusIsSpace: true) ?? String(pair[0])
            let value = pair.count > 1 ? (PercentEncoding.decode(pair[1], plusIsSpace: true) ?? String(pair[1])) : ""
            items.append((key: key, value: value))
        }
        self.items = items
    }

    /// The first value for `key`.
    public subscript(key: String) -> String? { items.first { $0.key == key }?.value }

    /// Every value for `key`.
    public func all(_ key: String) -> [String] { items.filter { $0.key == key }.map(\.value) }

    /// True when `key` appears at all (even empty).
    public func has(_ key: String) -> Bool { items.contains { $0.key == key } }
}
