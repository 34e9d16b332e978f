// SPDX-License-Identifier: Apache-2.0
// `docker save`: the tarball dockerd 25+ writes, which is both an OCI image layout (`oci-layout`,
// `index.json`, `blobs/sha256/…`) and the legacy format (`manifest.json`, `repositories`). Names are
// resolved as moby's tarexport `parseNames` does; layers are the stored blobs, streamed from disk.

import FoundationEssentials
import Models
import Store

extension ImageService {
    /// Plans the tarball of the images `names` refer to; throws 404 `No such image: …` before anything is
    /// sent. A bare repository name saves every tag of it; an ID or digest saves the image without names.
    public func save(_ names: [String]) async throws -> ImageArchiveExport {
        var selected: [(record: ImageRecord, refs: [ImageReference])] = []
        for name in names {
            for (record, refs) in try await resolveForSave(name) {
                if let index = selected.firstIndex(where: { $0.record.id == record.id }) {
                    selected[index].refs += refs.filter { !selected[index].refs.contains($0) }
                } else {
                    selected.append((record, refs))
                }
            }
        }
        var plan = SavePlan()
        for (record, refs) in selected {
            try await plan.add(record, refs: refs, service: self)
            await events.publish(.image, "save", actor: record.id, attributes: ["name": record.id])
        }
        return try plan.finish()
    }

    /// The images one name selects, each with the tags to record for it.
    func resolveForSave(_ name: String) async throws -> [(ImageRecord, [ImageReference])] {
        if case .reference(let reference, _) = try ImageLookup.classify(name), reference.familiarName != "sha256" {
            if reference.isNameOnly {
                var found: [(ImageRecord, [ImageReference])] = []
                for record in try await metadata.images() {
                    let tags = record.tags.compactMap { try? ImageReference(parsing: $0) }.filter {
                        $0.name == reference.name && $0.tag != nil
                    }
                    if !tags.isEmpty { found.append((record, tags)) }
                }
                if !found.isEmpty { return found }
            } else if reference.digest == nil, let id = try await metadata.imageID(named: reference.storeKey.string),
                let record = try await metadata.image(id)
            {
                return [(record, [reference.storeKey])]
            }
        }
        return [(try await find(name).record, [])]
    }
}

/// The members of a save being assembled.
struct SavePlan {
    var members: [ImageArchiveExport.Member] = [
        .init(path: "blobs", source: .directory), .init(path: "blobs/sha256", source: .directory),
    ]
    var written: Set<String> = []
    var items: [DockerArchiveManifestItem] = []
    var descriptors: [OCIDescriptor] = []
    var repositories: [String: [String: String]] = [:]

    static func blobPath(_ digest: String) -> String { "blobs/sha256/" + (ContentStore.sha256Hex(digest) ?? digest) }

    mutating func addBlob(_ digest: String, _ source: ImageArchiveExport.Source) {
        guard written.insert(digest).inserted else { return }
        members.append(.init(path: Self.blobPath(digest), source: source))
    }

    /// Adds an image: its layer blobs, config and manifest, and its names in index.json and manifest.json.
    mutating func add(_ record: ImageRecord, refs: [ImageReference], service: ImageService) async throws {
        let content = service.content
        var layers: [OCIDescriptor] = []
        for chain in record.layers {
            guard let layer = try await service.layerRecord(chain), let blob = layer.blobDigest, let path = content.path(for: blob),
                let size = content.size(of: blob)
            else { throw EngineError.system("image \(record.id): layer \(chain) has no stored blob to save") }
            layers.append(
                OCIDescriptor(mediaType: LayerBlobSniffer.mediaType(ofFile: path), digest: Digest(uncheckedRawValue: blob), size: size))
            addBlob(blob, .file(path: path, size: size))
        }
        let config = try content.read(record.id)
        addBlob(record.id, .bytes(config))
        let (manifest, manifestType) = try Self.manifest(for: record, config: config, layers: layers, content: content)
        let manifestDigest = Digest.sha256(of: manifest)
        addBlob(manifestDigest.rawValue, .bytes(manifest))
        let platform = OCIPlatform(architecture: record.architecture, os: record.os, variant: record.variant.isEmpty ? nil : record.variant)
        let descriptor = OCIDescriptor(mediaType: manifestType, digest: manifestDigest, size: Int64(manifest.count), platform: platform)
        if refs.isEmpty { descriptors.append(descriptor) }
        for ref in refs {
            var named = descriptor
            let tag = ref.tag ?? ImageReference.defaultTag
            named.annotations = [OCIAnnotations.containerdImageName: ref.string, OCIAnnotations.refName: tag]
            descriptors.append(named)
            repositories[ref.familiarName, default: [:]][tag] = layers.last?.digest.encoded ?? ""
        }
        items.append(
            DockerArchiveManifestItem(
                config: Self.blobPath(record.id), repoTags: refs.isEmpty ? nil : refs.map(\.familiarString),
                layers: layers.map { Self.blobPath($0.digest.rawValue) }))
    }

    /// The stored manifest when it describes exactly these blobs, else a new OCI manifest.
    static func manifest(for record: ImageRecord, config: [UInt8], layers: [OCIDescriptor], content: ContentStore) throws -> (
        [UInt8], String
    ) {
        if let digest = record.manifestDigest, let bytes = try? content.read(digest),
            let stored = try? JSONDecoder().decode(OCIManifest.self, from: Data(bytes)),
            stored.config.digest.rawValue == record.id, stored.layers.map(\.digest) == layers.map(\.digest)
        {
            return (bytes, stored.mediaType ?? record.manifestType ?? MediaTypes.ociManifest)
        }
        let manifest = OCIManifest(
            config: OCIDescriptor(mediaType: MediaTypes.ociConfig, digest: Digest(uncheckedRawValue: record.id), size: Int64(config.count)),
            layers: layers)
        return (try JSONCoding.encode(manifest), MediaTypes.ociManifest)
    }

    /// The export: blobs, then index.json, manifest.json, oci-layout and (when anything is named) repositories.
    func finish() throws -> ImageArchiveExport {
        var all = members
        all.append(.init(path: "index.json", source: .bytes(try JSONCoding.encode(OCIIndex(manifests: descriptors)))))
        all.append(.init(path: "manifest.json", source: .bytes(try JSONCoding.encode(items) + [10])))
        all.append(.init(path: "oci-layout", source: .bytes(try JSONCoding.encode(OCILayoutHeader()))))
        if !repositories.isEmpty {
            all.append(.init(path: "repositories", source: .bytes(try JSONCoding.encode(repositories) + [10])))
        }
        return ImageArchiveExport(members: all)
    }
}

extension ImageService {
    /// The layer row of `chainID`, if any.
    func layerRecord(_ chainID: String) async throws -> LayerRecord? { try await metadata.layer(chainID) }
}
