// SPDX-License-Identifier: Apache-2.0
// The two archive formats `docker load` takes: docker save's `manifest.json` (with `blobs/sha256/…` paths,
// or the old `<id>/layer.tar` + `<id>.json` layout), and an OCI image layout's `index.json`, whose tags
// come from the `io.containerd.image.name` or `org.opencontainers.image.ref.name` annotations.

import Models

extension ArchivePlanner {
    /// Images of a docker-save `manifest.json` (moby image/tarexport load.go).
    func dockerImages() throws -> [StagedImage] {
        guard let items = try decode([DockerArchiveManifestItem]?.self, at: "manifest.json") else {
            throw EngineError.invalidParameter("invalid manifest, manifest cannot be null (but can be [])")
        }
        return try items.map { item in
            let tags = try (item.repoTags ?? []).map { text -> ImageReference in
                let reference = try ImageReference(parsing: text)
                guard reference.tag != nil, reference.digest == nil else { throw EngineError.invalidParameter("invalid tag \"\(text)\"") }
                return reference
            }
            return try stage(configPath: item.config, layerPaths: item.layers, tags: tags)
        }
    }

    /// Images of an OCI layout's `index.json`; several descriptors of one manifest become one image with several tags.
    func ociImages() throws -> [StagedImage] {
        let index = try decode(OCIIndex.self, at: "index.json")
        var images: [StagedImage] = []
        for descriptor in index.manifests {
            let manifestDigest = try manifestDigest(descriptor)
            let manifest = try decode(OCIManifest.self, at: Self.path(manifestDigest))
            for layer in manifest.layers where !MediaTypes.isLayer(layer.mediaType) {
                throw EngineError.invalidParameter("unsupported layer media type \(layer.mediaType) in manifest \(manifestDigest)")
            }
            let tags = Self.tag(from: descriptor.annotations ?? [:]).map { [$0] } ?? []
            let image = try stage(
                configPath: Self.path(manifest.config.digest), layerPaths: manifest.layers.map { Self.path($0.digest) }, tags: tags)
            if let existing = images.firstIndex(where: { $0.id == image.id }) {
                let merged = images[existing].tags + tags.filter { !images[existing].tags.contains($0) }
                images[existing] = StagedImage(id: image.id, config: image.config, layerBlobs: image.layerBlobs, tags: merged)
            } else {
                images.append(image)
            }
        }
        return images
    }

    /// The image manifest a descriptor leads to, picking this host's platform through (nested) indexes.
    func manifestDigest(_ descriptor: OCIDescriptor) throws -> Digest {
        var current = descriptor
        for _ in 0..<4 {
            if MediaTypes.isManifest(current.mediaType) { return try verified(current) }
            guard MediaTypes.isIndex(current.mediaType) else {
                throw EngineError.invalidParameter("unsupported media type \(current.mediaType) in index.json")
            }
            let nested = try decode(OCIIndex.self, at: Self.path(try verified(current)))
            let candidates = nested.manifests.filter { MediaTypes.isManifest($0.mediaType) || MediaTypes.isIndex($0.mediaType) }
            let matching = candidates.filter { $0.platform.map { $0.os == "linux" && $0.architecture == architecture } ?? false }
            guard let next = matching.first ?? (candidates.count == 1 ? candidates.first : nil) else {
                throw EngineError.invalidParameter("no image for linux/\(architecture) in the archive's index \(current.digest)")
            }
            current = next
        }
        throw EngineError.invalidParameter("invalid image archive: indexes nested too deeply")
    }

    /// The descriptor's digest once its blob is present with exactly those bytes.
    func verified(_ descriptor: OCIDescriptor) throws -> Digest {
        guard descriptor.digest.algorithm == "sha256" else {
            throw EngineError.invalidParameter("unsupported digest algorithm in \(descriptor.digest)")
        }
        let digest = try blob(Self.path(descriptor.digest))
        guard digest == descriptor.digest.rawValue else {
            throw EngineError.invalidParameter("invalid image archive: blob \(descriptor.digest) does not match its digest")
        }
        return descriptor.digest
    }

    /// `blobs/<algorithm>/<encoded>`.
    static func path(_ digest: Digest) -> String { "blobs/\(digest.algorithm)/\(digest.encoded)" }

    /// The tag an index entry names: containerd's full image name, else a `name:tag` ref.name; a bare tag
    /// (`latest`) names no repository, so it gives none.
    static func tag(from annotations: [String: String]) -> ImageReference? {
        for key in [OCIAnnotations.containerdImageName, OCIAnnotations.refName] {
            guard let text = annotations[key], text.contains(":") || text.contains("/"),
                let reference = try? ImageReference(parsing: text), reference.digest == nil
            else { continue }
            return reference.withDefaultTag()
        }
        return nil
    }
}
