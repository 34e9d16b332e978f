// SPDX-License-Identifier: Apache-2.0
// `docker rmi` as moby's ImageDelete: a name is untagged, and the image goes only with its last name;
// an ID deletes the image with all its names (forced when they span several repositories). Layers and
// blobs no other image uses go with it unless `noprune`.

import Models
import Store

extension ImageService {
    /// Removes a name or an image; returns moby's list of Untagged/Deleted items. `usedBy` gives the
    /// containers made from an image (ID, running): an image they use is only untagged, or refused, as dockerd.
    public func remove(
        _ text: String, force: Bool, prune: Bool = true, usedBy: @Sendable (String) async -> [(id: String, running: Bool)] = { _ in [] }
    ) async throws -> [ImageDeleteResponseItem] {
        let record = try await find(text).record
        let users = await usedBy(record.id)
        let shortImage = String(record.id.dropFirst("sha256:".count).prefix(12))
        var items: [ImageDeleteResponseItem] = []
        var remaining = record.tags + record.digests
        if case .reference(let reference, _) = try ImageLookup.classify(text),
            try await metadata.imageID(named: reference.storeKey.string) == record.id
        {
            let name = reference.storeKey.string
            // A repository's digest names go with its last tag (moby keeps no digest-only leftovers).
            let lastTagOfRepository = reference.tag != nil && !remaining.contains { $0 != name && Self.isTag($0) && Self.repository($0) == reference.name }
            let going = [name] + (lastTagOfRepository ? remaining.filter { !Self.isTag($0) && Self.repository($0) == reference.name } : [])
            let lastName = remaining.allSatisfy { going.contains($0) }
            if lastName, let user = users.first, !force {
                throw EngineError.conflict(
                    "conflict: unable to remove repository reference \"\(text)\" (must force) - container \(user.id.prefix(12)) is using its referenced image \(shortImage)")
            }
            for gone in going { try await untag(gone, of: record.id, into: &items) }
            remaining.removeAll { going.contains($0) }
            // Another name remains, or a container still refers to the image: it stays (dangling then).
            if !remaining.isEmpty || !users.isEmpty { return items }
        } else {
            if let running = users.first(where: \.running) {
                throw EngineError.conflict("conflict: unable to delete \(shortImage) (cannot be forced) - image is being used by running container \(running.id.prefix(12))")
            }
            if let stopped = users.first, !force {
                throw EngineError.conflict("conflict: unable to delete \(shortImage) (must be forced) - image is being used by stopped container \(stopped.id.prefix(12))")
            }
            if Set(remaining.map(Self.repository)).count > 1 && !force {
                let short = String(record.id.dropFirst("sha256:".count).prefix(12))
                throw EngineError.conflict("conflict: unable to delete \(short) (must be forced) - image is referenced in multiple repositories")
            }
            for name in remaining { try await untag(name, of: record.id, into: &items) }
            // Forced past stopped containers: dockerd deletes the image record, but its layers are the
            // containers' lower dirs, so berth keeps the image (now dangling) until they are gone.
            if !users.isEmpty { return items }
        }
        let orphans = try await metadata.deleteImage(record.id)
        content.delete(record.id)
        items.append(ImageDeleteResponseItem(deleted: record.id))
        await events.publish(.image, "delete", actor: record.id)
        if prune { try await dropLayers(orphans) }
        return items
    }

    private func untag(_ name: String, of id: String, into items: inout [ImageDeleteResponseItem]) async throws {
        _ = try await metadata.removeName(name)
        let familiar = (try? ImageReference(parsing: name).familiarString) ?? name
        items.append(ImageDeleteResponseItem(untagged: familiar))
        await events.publish(.image, "untag", actor: id, attributes: ["name": familiar])
    }

    /// Deletes layer rows, then their directories and blobs.
    func dropLayers(_ chainIDs: [String]) async throws {
        guard !chainIDs.isEmpty else { return }
        var blobs: [String] = []
        for chain in chainIDs {
            if let digest = try await metadata.layer(chain)?.blobDigest { blobs.append(digest) }
        }
        try await metadata.deleteLayers(chainIDs)
        layers.remove(chainIDs)
        for blob in blobs { content.delete(blob) }
    }

    static func isTag(_ name: String) -> Bool { !name.contains("@") }

    static func repository(_ name: String) -> String { (try? ImageReference(parsing: name).name) ?? name }
}
