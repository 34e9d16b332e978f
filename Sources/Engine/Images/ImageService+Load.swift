// SPDX-License-Identifier: Apache-2.0
// `docker load` in two steps. `receiveArchive` reads the tarball as it arrives, straight into the content
// store, and checks everything that needs no unpacking (names, configs, blobs against their digests), so
// a bad archive is refused before any answer is sent. `load` then unpacks each image's layers in order,
// checks them against the config's diff IDs, and only then writes the image row with its tags; whatever
// a failed image left (layers, blobs) is removed, and images loaded before it stay (as moby does).

import Models
import Platform
import Store

extension ImageService {
    /// Receives an image tarball (docker save or OCI layout, plain tar) read piece by piece from `next`;
    /// throws `.invalidParameter` for a hostile, truncated or malformed archive, leaving nothing behind.
    public nonisolated func receiveArchive(next: @Sendable () async throws -> [UInt8]?) async throws -> StagedImageArchive {
        let intake = ArchiveIntake(content: content)
        var reader = TarStreamReader()
        var head: [UInt8] = []
        do {
            // The whole body is read even past the end marker, so the connection stays usable.
            while let piece = try await next() {
                if head.count < 4 { head += piece.prefix(4 - head.count) }
                try reader.feed(piece) { try intake.handle($0) }
            }
            try reader.finish()
            let images = try ArchivePlanner(intake: intake, content: content, architecture: HostFacts.goArch).plan()
            return StagedImageArchive(images: images, newBlobs: intake.newBlobs)
        } catch let error as TarStreamError {
            intake.discard()
            if head.starts(with: [0x1f, 0x8b]) || head.starts(with: [0x28, 0xb5, 0x2f, 0xfd]) {
                throw EngineError.invalidParameter("compressed image archives are not supported: decompress it and load the plain tar")
            }
            throw EngineError.invalidParameter("invalid image archive: \(error)")
        } catch {
            intake.discard()
            throw error
        }
    }

    /// Loads the images of a received archive, reporting `Loaded image: name:tag` (or `Loaded image ID: …`
    /// for untagged images) and, unless `quiet`, `Loading layer` progress through `progress`.
    public func load(_ archive: StagedImageArchive, quiet: Bool, progress: @Sendable (ProgressMessage) async throws -> Void) async throws {
        // Transfer buffers would otherwise keep the resident size at its peak.
        defer { MemoryRelease.returnFreePages() }
        var kept: Set<String> = []
        do {
            for image in archive.images { try await loadImage(image, quiet: quiet, kept: &kept, progress: progress) }
        } catch {
            await removeUnused(archive, kept: kept)
            throw error
        }
        await removeUnused(archive, kept: kept)
    }

    /// Removes blobs the receive created that no image or layer uses (manifests, indexes, leftovers); a blob
    /// a concurrent load or pull has put to use meanwhile stays.
    func removeUnused(_ archive: StagedImageArchive, kept: Set<String>) async {
        let candidates = archive.newBlobs.subtracting(kept)
        guard !candidates.isEmpty, let images = try? await metadata.images(), let layerRows = try? await metadata.layers() else { return }
        let referenced = Set(images.map(\.id)).union(layerRows.compactMap(\.blobDigest))
        for blob in candidates where !referenced.contains(blob) { content.delete(blob) }
    }

    func loadImage(_ image: StagedImage, quiet: Bool, kept: inout Set<String>, progress: @Sendable (ProgressMessage) async throws -> Void)
        async throws
    {
        let diffIDs = image.config.rootfs.diffIDs.map(\.rawValue)
        let chains = Digest.chainIDs(of: image.config.rootfs.diffIDs).map(\.rawValue)
        var unpacked: [LayerRecord] = []
        var used: [LayerRecord] = []
        do {
            for (index, blob) in image.layerBlobs.enumerated() {
                if let existing = try await metadata.layer(chains[index]) {
                    used.append(existing)
                    continue
                }
                let layer = try await unpackLayer(blob, index: index, diffID: diffIDs[index], quiet: quiet, progress: progress) {
                    try await layers.unpack(blobPath: $0, blobDigest: blob, mediaType: $1, parent: index == 0 ? nil : chains[index - 1])
                }
                unpacked.append(layer)
                guard layer.diffID == diffIDs[index] else {
                    throw EngineError.invalidParameter(
                        "invalid diffID for layer \(index): expected \"\(diffIDs[index])\", got \"\(layer.diffID)\"")
                }
                used.append(layer)
            }
            let record = ImageRecord(
                id: image.id, created: image.config.created, size: used.reduce(0) { $0 + $1.size }, architecture: image.config.architecture,
                os: image.config.os, variant: image.config.variant ?? "", addedAt: EventBus.nowNanos(), layers: chains,
                tags: image.tags.map(\.storeKey.string))
            var lines: [String] = []
            for tag in image.tags {
                if let previous = try await metadata.imageID(named: tag.storeKey.string), previous != image.id {
                    lines.append(
                        "The image \(tag.familiarString) already exists, renaming the old one with ID \(previous) to empty string\n")
                }
            }
            try await metadata.insertImage(record)
            kept.insert(image.id)
            for layer in used { if let blob = layer.blobDigest { kept.insert(blob) } }
            await events.publish(.image, "load", actor: image.id, attributes: ["name": image.id])
            lines += image.tags.isEmpty ? ["Loaded image ID: \(image.id)\n"] : image.tags.map { "Loaded image: \($0.familiarString)\n" }
            for line in lines { try await progress(ProgressMessage(stream: line)) }
        } catch {
            await rollBack(unpacked, kept: &kept)
            throw error
        }
    }

    /// Unpacks one layer blob through `unpack(path, mediaType)`, with `Loading layer` progress around it.
    func unpackLayer(
        _ blob: String, index: Int, diffID: String, quiet: Bool, progress: @Sendable (ProgressMessage) async throws -> Void,
        unpack: (String, String) async throws -> LayerRecord
    ) async throws -> LayerRecord {
        guard let path = content.path(for: blob), let total = content.size(of: blob) else {
            throw EngineError.system("layer blob \(blob) vanished from the content store")
        }
        let id = String((ContentStore.sha256Hex(diffID) ?? diffID).prefix(12))
        if !quiet { try await progress(ProgressMessage(status: "Loading layer", progressDetail: .init(current: 0, total: total), id: id)) }
        let layer = try await unpack(path, LayerBlobSniffer.mediaType(ofFile: path))
        if !quiet {
            try await progress(ProgressMessage(status: "Loading layer", progressDetail: .init(current: total, total: total), id: id))
        }
        return layer
    }

    /// Drops the layers a failed image unpacked, unless an image uses them by now (then their blobs stay).
    func rollBack(_ unpacked: [LayerRecord], kept: inout Set<String>) async {
        guard !unpacked.isEmpty else { return }
        guard let images = try? await metadata.images() else {
            for layer in unpacked { if let blob = layer.blobDigest { kept.insert(blob) } }
            return
        }
        let inUse = Set(images.flatMap(\.layers))
        var drop: [String] = []
        for layer in unpacked {
            if inUse.contains(layer.chainID) {
                if let blob = layer.blobDigest { kept.insert(blob) }
            } else {
                drop.append(layer.chainID)
            }
        }
        if (try? await metadata.deleteLayers(drop)) != nil {
            layers.remove(drop)
        } else {
            for layer in unpacked { if let blob = layer.blobDigest { kept.insert(blob) } }
        }
    }
}
