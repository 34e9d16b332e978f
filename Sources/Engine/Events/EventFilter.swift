// SPDX-License-Identifier: Apache-2.0
// Which events a `GET /events` client wants, with dockerd's filter keys and matching rules.

import Models

/// A predicate over events built from the `filters` query parameter.
public struct EventFilter: Sendable {
    /// The filter keys dockerd accepts on /events.
    public static let allowedKeys: Set<String> = [
        "config", "container", "daemon", "event", "image", "label", "network", "node", "plugin", "scope", "secret",
        "service", "type", "volume",
    ]

    private let filters: Filters

    /// Validates `filters`; unknown keys are a 400 as in dockerd (`invalid filter 'x'`).
    public init(_ filters: Filters = Filters()) throws(EngineError) {
        if let key = filters.firstUnknownKey(allowed: Self.allowedKeys) { throw .invalidParameter("invalid filter '\(key)'") }
        for type in filters.values("type") where EventType(rawValue: type) == nil {
            throw .invalidParameter("invalid filter 'type=\(type)'")
        }
        self.filters = filters
    }

    /// True when `event` passes every filter key.
    public func matches(_ event: EventMessage) -> Bool {
        let attributes = event.actor.attributes
        guard filters.accepts("type", event.type.rawValue), filters.accepts("scope", event.scope.rawValue) else { return false }
        // `event` matches the action, or its prefix before ": " (e.g. `exec_start: sh -c …` matches `exec_start`).
        let action = event.action
        let baseAction = action.split(separator: ":", maxSplits: 1).first.map(String.init) ?? action
        guard filters.values("event").isEmpty || filters.values("event").contains(where: { $0 == action || $0 == baseAction }) else {
            return false
        }
        guard labelsMatch(attributes) else { return false }
        return objectMatches("container", .container, event) && objectMatches("image", .image, event)
            && objectMatches("network", .network, event) && objectMatches("volume", .volume, event)
            && objectMatches("daemon", .daemon, event) && objectMatches("plugin", .plugin, event)
            && objectMatches("service", .service, event) && objectMatches("node", .node, event)
            && objectMatches("secret", .secret, event) && objectMatches("config", .config, event)
    }

    /// `label=key` needs the attribute; `label=key=value` needs that value.
    private func labelsMatch(_ attributes: [String: String]) -> Bool {
        for term in filters.values("label") {
            let parts = term.split(separator: "=", maxSplits: 1).map(String.init)
            guard let key = parts.first, let value = attributes[key] else { return false }
            if parts.count == 2 && parts[1] != value { return false }
        }
        return true
    }

    /// An object filter matches events of its type by ID, ID prefix or `name` attribute; events of other
    /// types pass only if no object filter of their own type is set (dockerd's per-type semantics).
    private func objectMatches(_ key: String, _ type: EventType, _ event: EventMessage) -> Bool {
        let wanted = filters.values(key)
        guard !wanted.isEmpty else { return true }
        if key == "image", event.type == .container, let image = event.actor.attributes["image"] {
            return wanted.contains(image)
        }
        guard event.type == type else { return false }
        let id = event.actor.id
        let name = event.actor.attributes["name"]
        return wanted.contains { $0 == id || $0 == name || (!$0.isEmpty && id.hasPrefix($0)) }
    }
}
