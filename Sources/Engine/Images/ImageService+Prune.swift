// SPDX-License-Identifier: Apache-2.0
// `docker image prune`: dangling (untagged) images by default, every unused image with dangling=false;
// `until` and `label` filters as dockerd.

import Models

extension ImageService {
    /// Deletes the images the filters select, never one a container uses; returns what went and the bytes freed.
    public func prune(_ filters: Filters, inUse: @Sendable (String) async -> Bool = { _ in false }) async throws -> ImagesPruneResponse {
        let allowed: Set<String> = ["dangling", "until", "label", "label!"]
        if let key = filters.firstUnknownKey(allowed: allowed) { throw EngineError.invalidParameter("invalid filter '\(key)'") }
        let danglingOnly = !(filters.values("dangling").contains { $0 == "false" || $0 == "0" })
        let until = try filters.values("until").first.map { text -> Int64 in
            guard let seconds = Int64(text.split(separator: ".").first ?? "") ?? Timestamps.unixSeconds(rfc3339: text) else {
                throw EngineError.invalidParameter("invalid filter 'until=\(text)'")
            }
            return seconds * 1_000_000_000
        }
        var deleted: [ImageDeleteResponseItem] = []
        var reclaimed: Int64 = 0
        for image in try await list() {
            let record = image.record
            if danglingOnly && !record.tags.isEmpty { continue }
            if await inUse(record.id) { continue }
            if let until, record.addedAt >= until { continue }
            let labels = image.config.config?.labels ?? [:]
            if !Self.labels(labels, match: filters.values("label"), negate: false)
                || !Self.labels(labels, match: filters.values("label!"), negate: true)
            {
                continue
            }
            deleted += try await remove(record.id, force: true)
            reclaimed += record.size
        }
        return ImagesPruneResponse(imagesDeleted: deleted, spaceReclaimed: reclaimed)
    }

    static func labels(_ labels: [String: String], match terms: [String], negate: Bool) -> Bool {
        for term in terms {
            let parts = term.split(separator: "=", maxSplits: 1).map(String.init)
            let hit = labels[parts[0]].map { parts.count == 1 || $0 == parts[1] } ?? false
            if hit == negate { return false }
        }
        return true
    }
}
