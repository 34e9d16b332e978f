// SPDX-License-Identifier: Apache-2.0
// `GET /images/json?filters=`: dangling, label, reference, before, since, until — moby's keys and rules.

import Models

/// A predicate over images built from list filters.
public struct ImageListFilter: Sendable {
    /// Keys dockerd accepts on /images/json.
    public static let allowedKeys: Set<String> = ["dangling", "label", "reference", "before", "since", "until"]
    private let filters: Filters

    /// Validates the filters (400 for unknown keys or a bad `dangling` value).
    public init(_ filters: Filters) throws(EngineError) {
        if let key = filters.firstUnknownKey(allowed: Self.allowedKeys) { throw .invalidParameter("invalid filter '\(key)'") }
        for value in filters.values("dangling") where !["true", "false", "1", "0"].contains(value) {
            throw .invalidParameter("invalid filter 'dangling=\(value)'")
        }
        self.filters = filters
    }

    /// True when `image` passes; `before`/`since` name other images in `all`.
    public func matches(_ image: StoredImage, among all: [StoredImage]) throws -> Bool {
        let record = image.record
        if let dangling = filters.values("dangling").first {
            let isDangling = record.tags.isEmpty
            if isDangling != (dangling == "true" || dangling == "1") { return false }
        }
        let labels = image.config.config?.labels ?? [:]
        for term in filters.values("label") {
            let parts = term.split(separator: "=", maxSplits: 1).map(String.init)
            guard let value = labels[parts[0]] else { return false }
            if parts.count == 2 && parts[1] != value { return false }
        }
        let references = filters.values("reference")
        if !references.isEmpty {
            let names = record.tags.compactMap { try? ImageReference(parsing: $0) }
            let hit = names.contains { name in
                references.contains { pattern in
                    GlobPattern.matches(pattern, name.familiarString) || GlobPattern.matches(pattern, name.familiarName)
                        || GlobPattern.matches(pattern, name.string) || GlobPattern.matches(pattern, name.name)
                }
            }
            if !hit { return false }
        }
        for (key, keepNewer) in [("since", true), ("before", false)] {
            for value in filters.values(key) {
                guard let pivot = all.first(where: { Self.names($0, value) }) else { throw EngineError.notFound("No such image: \(value)") }
                let newer = record.addedAt > pivot.record.addedAt
                if newer != keepNewer || record.id == pivot.record.id { return false }
            }
        }
        return true
    }

    private static func names(_ image: StoredImage, _ text: String) -> Bool {
        let record = image.record
        if record.id == text || record.id == "sha256:" + text || record.id.dropFirst(7).hasPrefix(text) { return true }
        guard let reference = try? ImageReference.normalized(text) else { return false }
        return record.tags.contains(reference.storeKey.string)
    }
}

/// Shell-style `*`, `?` matching as Go's path.Match applies it to reference filters.
enum GlobPattern {
    static func matches(_ pattern: String, _ text: String) -> Bool {
        match(Array(pattern.utf8)[...], Array(text.utf8)[...])
    }

    private static func match(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        guard let first = pattern.first else { return text.isEmpty }
        switch first {
        case UInt8(ascii: "*"):
            // `*` does not cross `/`, as in path.Match.
            var rest = text
            while true {
                if match(pattern.dropFirst(), rest) { return true }
                guard let next = rest.first, next != UInt8(ascii: "/") else { return false }
                rest = rest.dropFirst()
            }
        case UInt8(ascii: "?"):
            guard let next = text.first, next != UInt8(ascii: "/") else { return false }
            return match(pattern.dropFirst(), text.dropFirst())
        default:
            guard text.first == first else { return false }
            return match(pattern.dropFirst(), text.dropFirst())
        }
    }
}
