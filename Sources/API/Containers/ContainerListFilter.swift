// SPDX-License-Identifier: Apache-2.0
// `docker ps --filter`: id, name, label, status, exited, ancestor, before, since, health, network,
// is-task — each key ORs its values, keys AND together (moby's container list filters).

import Engine
import Models

/// A parsed `filters` query for `GET /containers/json`.
struct ContainerListFilter {
    static let allowed: Set<String> = [
        "id", "name", "label", "label!", "status", "exited", "ancestor", "before", "since", "health", "network", "is-task", "volume",
        "publish", "expose",
    ]
    static let statuses: Set<String> = ["created", "restarting", "running", "removing", "paused", "exited", "dead"]
    let filters: Filters

    /// Validates keys and values with dockerd's messages.
    init(_ filters: Filters) throws {
        if let key = filters.firstUnknownKey(allowed: Self.allowed) { throw APIError.badRequest("invalid filter '\(key)'") }
        for status in filters.values("status") where !Self.statuses.contains(status) {
            throw APIError.badRequest("invalid filter 'status=\(status)'")
        }
        for code in filters.values("exited") where Int(code) == nil {
            throw APIError.badRequest("invalid filter 'exited=\(code)'")
        }
        for health in filters.values("health") where !["starting", "healthy", "unhealthy", "none"].contains(health) {
            throw APIError.badRequest("Unrecognised filter value for health: \(health)")
        }
        self.filters = filters
    }

    /// Filters on a state other than running also list stopped containers.
    var requiresAll: Bool { !filters.values("status").isEmpty || !filters.values("exited").isEmpty }

    /// Whether `container` passes every key.
    func matches(_ container: Container, among all: [Container], images: [StoredImage]) throws -> Bool {
        let spec = container.spec
        let state = container.state
        if let ids = nonEmpty("id"), !ids.contains(where: { container.id.hasPrefix($0) }) { return false }
        if let names = nonEmpty("name"), !names.contains(where: { Self.nameMatches(container.name, $0) }) { return false }
        let labels = spec.config.labels ?? [:]
        for term in filters.values("label") where !Self.labelMatches(labels, term) { return false }
        for term in filters.values("label!") where Self.labelMatches(labels, term) { return false }
        if let statuses = nonEmpty("status"), !statuses.contains(state.status.rawValue) { return false }
        if let codes = nonEmpty("exited") {
            guard state.status == .exited, codes.contains(String(state.exitCode)) else { return false }
        }
        if let health = nonEmpty("health"), !health.contains(state.health ?? "none") { return false }
        if let networks = nonEmpty("network"), !networks.contains(spec.hostConfig.networkMode) { return false }
        if let task = nonEmpty("is-task"), task.contains("true") { return false }
        if let ancestors = nonEmpty("ancestor") {
            let matched = ancestors.contains { reference in
                if spec.config.image == reference || spec.imageID == reference || spec.imageID.dropFirst(7).hasPrefix(reference) { return true }
                guard let image = images.first(where: { $0.record.id == spec.imageID }) else { return false }
                return image.record.tags.contains { $0 == reference || $0.hasSuffix("/" + reference) || $0.hasSuffix("/" + reference + ":latest") }
            }
            if !matched { return false }
        }
        if let before = filters.values("before").first {
            guard let other = Self.find(before, in: all) else { throw EngineError.notFound("No such container: \(before)") }
            if spec.created >= other.spec.created { return false }
        }
        if let since = filters.values("since").first {
            guard let other = Self.find(since, in: all) else { throw EngineError.notFound("No such container: \(since)") }
            if spec.created <= other.spec.created { return false }
        }
        return true
    }

    private func nonEmpty(_ key: String) -> [String]? {
        let values = filters.values(key)
        return values.isEmpty ? nil : values
    }

    /// dockerd matches names as a regular expression against "/name"; plain text is a substring match.
    static func nameMatches(_ name: String, _ pattern: String) -> Bool {
        let full = "/" + name
        if pattern.hasPrefix("^") {
            let body = pattern.dropFirst()
            if body.hasSuffix("$") { return full == body.dropLast() || name == body.dropLast() }
            return full.hasPrefix(body) || name.hasPrefix(body)
        }
        if pattern.hasSuffix("$") { return full.hasSuffix(pattern.dropLast()) }
        return full.contains(pattern)
    }

    static func labelMatches(_ labels: [String: String], _ term: String) -> Bool {
        let parts = term.split(separator: "=", maxSplits: 1)
        guard let value = labels[String(parts[0])] else { return false }
        return parts.count == 1 || value == parts[1]
    }

    static func find(_ reference: String, in all: [Container]) -> Container? {
        all.first { $0.id == reference || $0.name == reference || "/" + $0.name == reference }
            ?? all.first { $0.id.hasPrefix(reference) }
    }
}
