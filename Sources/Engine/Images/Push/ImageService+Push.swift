// SPDX-License-Identifier: Apache-2.0
// `docker push`: upload each layer blob the registry lacks (after an existence check), then the
// config, then a Docker schema2 manifest under the tag; record the repository digest it answers with.

import FoundationEssentials
import Glibc
import Models
import Platform
import Store

extension ImageService {
    /// Pushes the image `reference` names (which must carry a tag); returns the manifest digest.
    public func push(
        _ reference: ImageReference, credentials: RegistryCredentials?, registry: RegistryClient,
        progress: @escaping @Sendable (ProgressMessage) -> Void
    ) async throws -> String {
        // Transfer buffers would otherwise keep the resident size at its peak.
        defer { MemoryRelease.returnFreePages() }
        let image = try await find(reference.storeKey.string).record
        let repository = RegistryRepository(domain: reference.domain, path: reference.path)
        let tag = reference.tag ?? ImageReference.defaultTag
        progress(ProgressMessage(status: "The push refers to repository [\(reference.name)]"))
        var descriptors: [ContentDescriptor] = []
        for chain in image.layers {
            guard let layer = try await metadata.layer(chain), let blob = layer.blobDigest, let size = content.size(of: blob),
                let path = content.path(for: blob)
            else { throw EngineError.system("layer \(chain) has no stored blob to push") }
            descriptors.append(ContentDescriptor(mediaType: Self.dockerLayerType(path), digest: blob, size: size))
            progress(ProgressMessage(status: "Preparing", id: Self.shortID(blob)))
        }
        // Blobs this image was pulled with from another repository of the same registry can be
        // mounted there instead of uploaded (distribution spec, cross-repository blob mount).
        let mountSources = image.digests.compactMap { try? ImageReference(parsing: $0) }
            .filter { $0.domain == reference.domain && $0.path != reference.path }
            .map { RegistryRepository(domain: $0.domain, path: $0.path) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            var queue = descriptors.reversed()[...]
            func startNext() {
                guard let descriptor = queue.popFirst() else { return }
                group.addTask {
                    try await self.pushBlob(descriptor, to: repository, mountingFrom: mountSources, credentials: credentials, registry: registry, progress: progress)
                }
            }
            for _ in 0..<maxConcurrentUploads { startNext() }
            for try await _ in group { startNext() }
        }
        let config = try content.read(image.id)
        if try await registry.blobExists(repository, digest: image.id, credentials: credentials) == nil {
            try await registry.uploadBlob(repository, digest: image.id, size: Int64(config.count), from: MemoryBlobSource(config), credentials: credentials)
        }
        let manifest = ImageManifest(
            mediaType: RegistryMediaTypes.dockerManifest,
            config: ContentDescriptor(mediaType: MediaTypes.dockerConfig, digest: image.id, size: Int64(config.count)), layers: descriptors)
        let bytes = try JSONCoding.encode(manifest)
        let digest = try await registry.putManifest(
            repository, reference: tag, mediaType: RegistryMediaTypes.dockerManifest, bytes: bytes, credentials: credentials)
        _ = try? content.write(bytes, expected: digest)
        _ = try await metadata.setName("\(reference.name)@\(digest)", kind: "digest", imageID: image.id, at: EventBus.nowNanos())
        progress(ProgressMessage(status: "\(tag): digest: \(digest) size: \(bytes.count)"))
        progress(ProgressMessage(aux: .init(tag: tag, digest: digest, size: Int64(bytes.count))))
        await events.publish(.image, "push", actor: reference.familiarString, attributes: ["name": reference.familiarName])
        return digest
    }

    /// Sends one layer blob unless the registry has it or can mount it from a sibling repository.
    nonisolated func pushBlob(
        _ descriptor: ContentDescriptor, to repository: RegistryRepository, mountingFrom sources: [RegistryRepository],
        credentials: RegistryCredentials?, registry: RegistryClient, progress: @escaping @Sendable (ProgressMessage) -> Void
    ) async throws {
        let id = Self.shortID(descriptor.digest)
        if try await registry.blobExists(repository, digest: descriptor.digest, credentials: credentials) != nil {
            progress(ProgressMessage(status: "Layer already exists", id: id))
            return
        }
        var session: UploadSession?
        for source in sources {
            switch try await registry.mountBlob(from: source, to: repository, digest: descriptor.digest, credentials: credentials) {
            case .mounted:
                progress(ProgressMessage(status: "Mounted from \(source.path)", id: id))
                return
            case .uploadNeeded(let started):
                session = started
            }
            if session != nil { break }
        }
        guard let path = content.path(for: descriptor.digest) else { throw EngineError.system("bad blob digest \(descriptor.digest)") }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw EngineError.system("open layer blob: \(Errno.current("open").message)") }
        let source = FileDescriptor(owning: fd)
        defer { source.close() }
        let total = descriptor.size
        try await registry.uploadBlob(repository, digest: descriptor.digest, size: total, from: source, session: session, credentials: credentials) { sent in
            progress(ProgressMessage(status: "Pushing", progressDetail: .init(current: sent, total: total), id: id))
        }
        progress(ProgressMessage(status: "Pushed", id: id))
    }

    /// The Docker layer media type matching the blob's compression (read from its magic bytes).
    static func dockerLayerType(_ path: String) -> String {
        var magic = [UInt8](repeating: 0, count: 4)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd >= 0 {
            _ = read(fd, &magic, 4)
            close(fd)
        }
        if magic[0] == 0x1f && magic[1] == 0x8b { return MediaTypes.dockerLayerGzip }
        if magic == [0x28, 0xb5, 0x2f, 0xfd] { return MediaTypes.dockerLayerZstd }
        return MediaTypes.dockerLayer
    }
}
