// SPDX-License-Identifier: Apache-2.0
// A received `docker load` archive after every check that needs no unpacking: each image's config
// (parsed, its digest being the image ID), its layer blobs in order, and the tags to give it.

import Models

/// One image to load.
struct StagedImage: Sendable {
    /// The config blob's digest: the image ID.
    let id: String
    /// The parsed config.
    let config: OCIImageConfig
    /// Layer blobs in the content store, base first (as many as the config's diff IDs).
    let layerBlobs: [String]
    /// Tags to point at the image, full references (`docker.io/library/busybox:latest`).
    let tags: [ImageReference]
}

/// An archive whose blobs are in the content store, ready for `ImageService.load(_:quiet:progress:)`.
public struct StagedImageArchive: Sendable {
    /// The images, in archive order.
    let images: [StagedImage]
    /// Blobs the receive created; those no loaded image uses are removed when the load ends.
    let newBlobs: Set<String>

    /// How many images the archive holds.
    public var imageCount: Int { images.count }
}

/// Reads the image list out of a received archive: `manifest.json` (docker save) or `index.json` (OCI layout).
struct ArchivePlanner {
    let intake: ArchiveIntake
    let content: ContentStore
    /// The architecture picked from a multi-platform index.
    let architecture: String

    /// The staged images; throws `.invalidParameter` for anything missing, malformed or mismatched.
    func plan() throws -> [StagedImage] {
        if intake.file(at: "manifest.json") != nil { return try dockerImages() }
        if intake.file(at: "index.json") != nil { return try ociImages() }
        throw EngineError.invalidParameter(
            "invalid image archive: it holds neither manifest.json nor index.json (not a docker save or OCI layout tarball)")
    }

    /// The bytes of the file at `path` (a metadata file, or a small blob).
    func bytes(_ path: String) throws -> [UInt8] {
        switch intake.file(at: path) {
        case .memory(let bytes): return bytes
        case .blob(let digest): return try content.read(digest)
        case nil: throw EngineError.invalidParameter("invalid image archive: \(path) is missing")
        }
    }

    /// The digest of the blob holding the file at `path`, writing a metadata file into the store if need be.
    func blob(_ path: String) throws -> String {
        switch intake.file(at: path) {
        case .blob(let digest): return digest
        case .memory(let bytes):
            let digest = Digest.sha256(of: bytes).rawValue
            if !content.exists(digest) {
                try content.write(bytes, expected: digest)
                intake.noteNewBlob(digest)
            }
            return digest
        case nil: throw EngineError.invalidParameter("invalid image archive: \(path) is missing")
        }
    }

    /// The JSON document at `path`, decoded.
    func decode<Value: Decodable>(_ type: Value.Type, at path: String) throws -> Value {
        let data = try bytes(path)
        do {
            return try JSONCoding.decode(type, from: data)
        } catch {
            throw EngineError.invalidParameter("invalid image archive: \(path) is not valid: \(error)")
        }
    }

    /// The staged image with config at `configPath` and layers at `layerPaths`, after the checks moby's load makes.
    func stage(configPath: String, layerPaths: [String], tags: [ImageReference]) throws -> StagedImage {
        let id = try blob(configPath)
        let config = try decode(OCIImageConfig.self, at: configPath)
        guard config.os == "linux" else { throw EngineError.invalidParameter("cannot load \(config.os) image on linux") }
        guard config.rootfs.type == "layers" else {
            throw EngineError.invalidParameter("invalid image config: rootfs type \(config.rootfs.type)")
        }
        guard layerPaths.count == config.rootfs.diffIDs.count else {
            throw EngineError.invalidParameter(
                "invalid manifest, layers length mismatch: expected \(layerPaths.count), got \(config.rootfs.diffIDs.count)")
        }
        return StagedImage(id: id, config: config, layerBlobs: try layerPaths.map(blob), tags: tags)
    }
}
