// SPDX-License-Identifier: Apache-2.0
// `docker pull`: resolve the manifest for the platform, fetch the config and each missing layer blob
// into the content store (verified while streaming), unpack layers in order, then record the image
// with its tag and repository digest. Progress is reported in dockerd's message vocabulary.

import FoundationEssentials
import Models
import Platform
import Store

/// A pull whose manifest has been resolved (errors up to here become HTTP errors, not stream errors).
public struct PullPlan: Sendable {
    /// What was asked for.
    public let reference: ImageReference
    /// Where from.
    public let repository: RegistryRepository
    /// The resolved manifest chain.
    public let resolved: ResolvedImage
    /// Credentials for the blob fetches.
    public let credentials: RegistryCredentials?
}

extension ImageService {
    /// Resolves `reference` at its registry for `platform`.
    public func planPull(_ reference: ImageReference, platform: ImagePlatform?, credentials: RegistryCredentials?, registry: RegistryClient)
        async throws -> PullPlan
    {
        let repository = RegistryRepository(domain: reference.domain, path: reference.path)
        let target = reference.digest?.rawValue ?? reference.tag ?? ImageReference.defaultTag
        let resolved = try await registry.resolve(repository, reference: target, platform: platform, credentials: credentials)
        return PullPlan(reference: reference, repository: repository, resolved: resolved, credentials: credentials)
    }

    /// Fetches and stores what the plan names; returns the image ID.
    public func pull(_ plan: PullPlan, registry: RegistryClient, progress: @escaping @Sendable (ProgressMessage) -> Void) async throws -> String {
        // Transfer buffers would otherwise keep the resident size at its peak.
        defer { MemoryRelease.returnFreePages() }
        let reference = plan.reference
        let manifest = plan.resolved.image
        let configDigest = manifest.config.digest
        // dockerd names the remote path here ("Pulling from library/busybox"), without the registry.
        progress(ProgressMessage(status: "Pulling from \(plan.repository.path)", id: reference.tag ?? reference.digest?.rawValue))
        for layer in manifest.layers { progress(ProgressMessage(status: "Pulling fs layer", id: Self.shortID(layer.digest))) }

        if !content.exists(configDigest) {
            try await fetch(configDigest, size: manifest.config.size, plan, registry: registry, report: nil)
        }
        let config = try JSONDecoder().decode(OCIImageConfig.self, from: Data(try content.read(configDigest)))
        let diffIDs = config.rootfs.diffIDs.map(\.rawValue)
        guard diffIDs.count == manifest.layers.count else {
            throw EngineError.invalidParameter("image config has \(diffIDs.count) layers but the manifest \(manifest.layers.count)")
        }
        // Chain IDs follow from the config alone, so it is known up front which layers exist already.
        var expected: [String] = []
        for diffID in diffIDs { expected.append(expected.last.map { LayerStore.chain($0, diffID) } ?? diffID) }
        var existing: [Int: LayerRecord] = [:]
        var missing: [Int] = []
        for (index, chain) in expected.enumerated() {
            if let record = try await metadata.layer(chain) {
                existing[index] = record
                progress(ProgressMessage(status: "Already exists", id: Self.shortID(manifest.layers[index].digest)))
            } else {
                missing.append(index)
            }
        }
        var size: Int64 = existing.values.reduce(0) { $0 + $1.size }
        // Downloads run a few at a time (dockerd's max-concurrent-downloads is 3) while finished ones
        // are unpacked in layer order, so extraction overlaps the remaining transfers.
        try await withThrowingTaskGroup(of: Int.self) { group in
            var queue = missing[...]
            func startNext() {
                guard let index = queue.popFirst() else { return }
                let layer = manifest.layers[index]
                group.addTask {
                    if !self.content.exists(layer.digest) {
                        let id = Self.shortID(layer.digest)
                        let total = layer.size
                        try await self.fetch(layer.digest, size: total, plan, registry: registry) { received in
                            progress(ProgressMessage(status: "Downloading", progressDetail: .init(current: received, total: total), id: id))
                        }
                        progress(ProgressMessage(status: "Verifying Checksum", id: id))
                        progress(ProgressMessage(status: "Download complete", id: id))
                    }
                    return index
                }
            }
            for _ in 0..<maxConcurrentDownloads { startNext() }
            var downloaded = Set<Int>()
            var next = 0  // position in `missing` of the next layer to unpack
            for try await index in group {
                downloaded.insert(index)
                startNext()
                while next < missing.count, downloaded.contains(missing[next]) {
                    let index = missing[next]
                    let layer = manifest.layers[index]
                    let id = Self.shortID(layer.digest)
                    progress(ProgressMessage(status: "Extracting", progressDetail: .init(current: layer.size, total: layer.size), id: id))
                    guard let blobPath = content.path(for: layer.digest) else { throw EngineError.system("bad layer digest \(layer.digest)") }
                    let parent = index == 0 ? nil : expected[index - 1]
                    let record = try await layers.unpack(blobPath: blobPath, blobDigest: layer.digest, mediaType: layer.mediaType, parent: parent)
                    guard record.chainID == expected[index] else {
                        throw EngineError.invalidParameter(
                            "layer \(layer.digest) does not match the image config (diff ID \(record.diffID), expected \(diffIDs[index]))")
                    }
                    progress(ProgressMessage(status: "Pull complete", id: id))
                    size += record.size
                    next += 1
                }
            }
        }
        let chains = expected
        // The manifests are kept so the image can be pushed and saved as it came.
        _ = try? content.write(plan.resolved.manifest.bytes, expected: plan.resolved.manifest.digest)
        _ = try? content.write(plan.resolved.top.bytes, expected: plan.resolved.top.digest)
        let existed = try await metadata.image(configDigest) != nil
        let now = EventBus.nowNanos()
        try await metadata.insertImage(
            ImageRecord(
                id: configDigest, manifestDigest: plan.resolved.top.digest, manifestType: plan.resolved.top.mediaType, created: config.created,
                size: size, architecture: config.architecture, os: config.os, variant: config.variant ?? "", addedAt: now, layers: chains,
                tags: reference.tag == nil ? [] : [reference.storeKey.string], digests: ["\(reference.name)@\(plan.resolved.top.digest)"]))
        progress(ProgressMessage(status: "Digest: \(plan.resolved.top.digest)"))
        let shown = reference.familiarString
        progress(ProgressMessage(status: existed ? "Status: Image is up to date for \(shown)" : "Status: Downloaded newer image for \(shown)"))
        await events.publish(.image, "pull", actor: shown, attributes: ["name": reference.familiarName])
        return configDigest
    }

    func fetch(
        _ digest: String, size: Int64, _ plan: PullPlan, registry: RegistryClient, report: (@Sendable (Int64) -> Void)?
    ) async throws {
        let sink = IngestSink(try content.startIngest(expected: digest, expectedSize: size))
        do {
            _ = try await registry.fetchBlob(
                plan.repository, digest: digest, expectedSize: size, credentials: plan.credentials, into: sink, progress: report)
            _ = try sink.commit()
        } catch {
            sink.abort()
            throw error
        }
    }

    /// dockerd's progress IDs: the first 12 hex digits of a digest.
    static func shortID(_ digest: String) -> String { String(digest.split(separator: ":").last?.prefix(12) ?? "") }
}

extension ImageService {
    /// Fetches and parses an image config from a registry (small: kept in memory, verified).
    public func remoteConfig(
        _ repository: RegistryRepository, _ descriptor: ContentDescriptor, credentials: RegistryCredentials?, registry: RegistryClient
    ) async throws -> OCIImageConfig {
        let sink = MemoryBlobSink()
        _ = try await registry.fetchBlob(repository, digest: descriptor.digest, expectedSize: descriptor.size, credentials: credentials, into: sink)
        return try JSONDecoder().decode(OCIImageConfig.self, from: Data(sink.bytes))
    }
}
