// SPDX-License-Identifier: Apache-2.0
// `docker rmi` as moby's ImageDelete: a name is untagged, and the image goes only with its last name;
// an ID deletes the image with all its names (forced when they span several repositories). Layers and
// blobs no other image uses go with it unless `noprune`.

import Models
import Store

extension ImageService {
    /// Removes a name or an image; returns moby's list of Untagged/Deleted items.
    public func remove(_ text: String, force: Bool, prune: Bool = true) async throws -> [ImageDeleteResponseItem] {
        let record = try await find(text).record
        var items: [ImageDeleteResponseItem] = []
        var remaining = record.tags + record.digests
        if case .reference(let reference, _) = try ImageLookup.classify(text),
            try await metadata.imageID(named: reference.storeKey.string) == record.id
        {
            try await untag(reference.storeKey.string, of: record.id, into: &items)
            remaining.removeAll { $0 == reference.storeKey.string }
            // A repository's digest names go with its last tag (moby keeps no digest-only leftovers).
            if reference.tag != nil, !remaining.contains(where: { Self.isTag($0) && Self.repository($0) == reference.name }) {
                for digest in remaining where !Self.isTag(digest) && Self.repository(digest) == reference.name {
                    try await untag(digest, of: record.id, into: &items)
                }
                remaining.removeAll { !Self.isTag($0) && Self.repository($0) == reference.name }
            }
            if !remaining.isEmpty { return items }
        } else {
            if Set(remaining.map(Self.repository)).count > 1 && !force {
                let short = String(record.id.dropFirst("sha256:".count).prefix(12))
                throw EngineError.conflict("conflict: unable to delete \(short) (must be forced) - image is referenced in multiple repositories")
            }
            for name in remaining { try await untag(name, of: record.id, into: &items) }
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
