// SPDX-License-Identifier: Apache-2.0
// `docker import`: one layer from a tarball (plain, gzip or zstd) plus a generated config, stored as
// an image: blob first, then the unpacked layer, then the config, then the rows that name them.

import FoundationEssentials
import Models
import Platform
import Store

/// Parameters of an import.
public struct ImportOptions: Sendable {
    /// Where to tag the result, if anywhere.
    public var reference: ImageReference?
    /// `--change` instructions.
    public var changes: ImageChanges
    /// `--message`, the history comment.
    public var message: String?
    /// `--platform` os/architecture; the host's when nil.
    public var architecture: String?
    /// The source name for the default history comment (`-` for the request body).
    public var source: String

    /// Creates options.
    public init(reference: ImageReference? = nil, changes: ImageChanges = ImageChanges(), message: String? = nil, architecture: String? = nil, source: String = "-") {
        self.reference = reference
        self.changes = changes
        self.message = message
        self.architecture = architecture
        self.source = source
    }
}

extension ImageService {
    /// Imports a root filesystem tarball read piece by piece from `next`; returns the new image ID.
    public func importImage(_ options: ImportOptions, next: @Sendable () async throws -> [UInt8]?) async throws -> String {
        // Transfer buffers would otherwise keep the resident size at its peak.
        defer { MemoryRelease.returnFreePages() }
        let ingest = try content.startIngest()
        let blob: (digest: String, size: Int64)
        do {
            while let piece = try await next() { try ingest.append(piece) }
            guard ingest.count > 0 else { throw EngineError.invalidParameter("the imported tarball is empty") }
            blob = try ingest.commit()
        } catch {
            ingest.abort()
            throw error
        }
        guard let blobPath = content.path(for: blob.digest) else { throw EngineError.system("bad blob digest \(blob.digest)") }
        let layer = try await layers.unpack(blobPath: blobPath, blobDigest: blob.digest, mediaType: MediaTypes.ociLayer, parent: nil)
        let now = EventBus.nowNanos()
        let created = Timestamps.rfc3339(nanos: now)
        let config = OCIImageConfig(
            created: created, architecture: options.architecture ?? HostFacts.goArch, os: "linux",
            config: Self.imageConfig(options.changes), rootfs: .init(type: "layers", diffIDs: [Digest(uncheckedRawValue: layer.diffID)]),
            history: [.init(created: created, comment: options.message ?? "Imported from \(options.source)")])
        let configBytes = try JSONCoding.encode(config)
        let id = try content.write(configBytes)
        let record = ImageRecord(
            id: id, created: created, size: layer.size, architecture: config.architecture, os: config.os, addedAt: now,
            layers: [layer.chainID], tags: options.reference.map { [$0.storeKey.string] } ?? [])
        try await metadata.insertImage(record)
        await events.publish(.image, "import", actor: id)
        return id
    }

    static func imageConfig(_ changes: ImageChanges) -> ImageConfig {
        var config = ImageConfig()
        config.cmd = changes.cmd
        config.entrypoint = changes.entrypoint
        config.env = changes.env.isEmpty ? nil : changes.env
        config.exposedPorts = changes.exposedPorts.isEmpty ? nil : Dictionary(uniqueKeysWithValues: changes.exposedPorts.map { ($0, EmptyObject()) })
        config.labels = changes.labels.isEmpty ? nil : changes.labels
        config.onBuild = changes.onBuild.isEmpty ? nil : changes.onBuild
        config.stopSignal = changes.stopSignal
        config.user = changes.user
        config.volumes = changes.volumes.isEmpty ? nil : Dictionary(changes.volumes.map { ($0, EmptyObject()) }, uniquingKeysWith: { first, _ in first })
        config.workingDir = changes.workingDir
        return config
    }
}
