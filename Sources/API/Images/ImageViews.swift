// SPDX-License-Identifier: Apache-2.0
// Engine images as the API shows them: ImageSummary (list), ImageInspect, and history items.

import Engine
import Models

/// Maps engine image values to wire models.
enum ImageViews {
    static func familiar(_ names: [String]) -> [String] {
        names.map { (try? ImageReference(parsing: $0).familiarString) ?? $0 }
    }

    static func created(_ config: OCIImageConfig) -> Int64 {
        config.created.flatMap { Timestamps.unixSeconds(rfc3339: $0) } ?? 0
    }

    static func summary(_ image: StoredImage) -> ImageSummary {
        let record = image.record
        return ImageSummary(
            id: record.id, repoTags: familiar(record.tags), repoDigests: familiar(record.digests), created: created(image.config),
            size: record.size, labels: image.config.config?.labels ?? [:])
    }

    static func inspect(_ image: StoredImage, layersRoot: LayerStore) -> ImageInspect {
        let record = image.record
        let config = image.config
        let lowers = record.layers.reversed().map { layersRoot.diffPath($0) }
        let driver = DriverData(name: "overlay2", data: ["LowerDir": lowers.dropFirst().joined(separator: ":"), "UpperDir": lowers.first ?? ""])
        return ImageInspect(
            id: record.id, repoTags: familiar(record.tags), repoDigests: familiar(record.digests), comment: config.comment ?? "",
            created: config.created, dockerVersion: config.dockerVersion ?? "", author: config.author ?? "",
            config: config.config ?? ImageConfig(), architecture: config.architecture, variant: config.variant, os: config.os,
            osVersion: config.osVersion, size: record.size, graphDriver: driver,
            rootFS: ImageInspect.RootFS(type: config.rootfs.type, layers: config.rootfs.diffIDs.map(\.rawValue)),
            metadata: ImageInspect.Metadata(lastTagTime: record.lastTagTime.map { Timestamps.rfc3339(nanos: $0) }))
    }

    /// Newest entry first; the top entry carries the image ID and tags, older ones `<missing>` (as dockerd).
    static func history(_ image: StoredImage, layerSizes: [Int64]) -> [ImageHistoryItem] {
        let entries = image.config.history ?? []
        var layerIndex = 0
        var items: [ImageHistoryItem] = []
        for entry in entries {
            var size: Int64 = 0
            if entry.makesLayer, layerIndex < layerSizes.count {
                size = layerSizes[layerIndex]
                layerIndex += 1
            }
            items.append(
                ImageHistoryItem(
                    id: "<missing>", created: entry.created.flatMap { Timestamps.unixSeconds(rfc3339: $0) } ?? 0,
                    createdBy: entry.createdBy ?? "", size: size, comment: entry.comment ?? ""))
        }
        items.reverse()
        if !items.isEmpty {
            items[0].id = image.record.id
            items[0].tags = familiar(image.record.tags)
        }
        return items
    }

    /// The image's platform manifest, when it was pulled or pushed with one.
    static func manifests(_ image: StoredImage) -> [ImageManifestSummary] {
        guard let digest = image.record.manifestDigest else { return [] }
        let config = image.config
        let platform = OCIPlatform(architecture: config.architecture, os: config.os, variant: config.variant)
        let descriptor = OCIDescriptor(
            mediaType: image.record.manifestType ?? MediaTypes.ociManifest, digest: Digest(uncheckedRawValue: digest), size: 0)
        return [
            ImageManifestSummary(
                id: digest, descriptor: descriptor, available: true,
                size: .init(total: image.record.size, content: image.record.size), kind: .image,
                imageData: .init(platform: platform, size: .init(unpacked: image.record.size)))
        ]
    }

    /// Sets each summary's SharedSize: bytes of its layers that at least one other image also uses.
    static func withSharedSizes(_ summaries: [ImageSummary], images: [StoredImage], engine: Engine) async throws -> [ImageSummary] {
        var users: [String: Int] = [:]
        for image in images { for chain in Set(image.record.layers) { users[chain, default: 0] += 1 } }
        var result = summaries
        for index in result.indices {
            guard let image = images.first(where: { $0.record.id == result[index].id }) else { continue }
            var shared: Int64 = 0
            for chain in image.record.layers where (users[chain] ?? 0) > 1 { shared += try await engine.images.layerSize(chain) }
            result[index].sharedSize = shared
        }
        return result
    }
}
