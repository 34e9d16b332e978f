// SPDX-License-Identifier: Apache-2.0
// The `filters` query parameter shared by list endpoints: a map from key to accepted values.

/// Filter terms by key (e.g. `type` → `["container"]`); a value matches when any term matches.
public struct Filters: Sendable, Equatable {
    /// Accepted values per key.
    public var terms: [String: [String]]

    /// Filters from a key → values map.
    public init(_ terms: [String: [String]] = [:]) { self.terms = terms }

    /// True when no key is set.
    public var isEmpty: Bool { terms.isEmpty }

    /// The values for `key` (empty when unset).
    public func values(_ key: String) -> [String] { terms[key] ?? [] }

    /// True when `key` is absent, or `value` is one of its terms.
    public func accepts(_ key: String, _ value: String) -> Bool {
        guard let values = terms[key], !values.isEmpty else { return true }
        return values.contains(value)
    }

    /// The first key not in `allowed`, if any (lists reject unknown keys with a 400).
    public func firstUnknownKey(allowed: Set<String>) -> String? {
        terms.keys.sorted().first { !allowed.contains($0) }
    }
}
