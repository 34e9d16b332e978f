// SPDX-License-Identifier: Apache-2.0
// Images: lookup as moby's GetImage does (ID, ID prefix, tag, digest), listing, config, tagging.
// Removal is in ImageService+Remove.swift, import in ImageService+Import.swift.

import FoundationEssentials
import Models
import Platform
import Store

/// An image as the engine hands it out: the stored record plus its parsed config.
public struct StoredImage: Sendable {
    /// Metadata from the database.
    public let record: ImageRecord
    /// The config blob, parsed.
    public let config: OCIImageConfig
}

/// Owns images, their blobs and their layers.
public actor ImageService {
    /// Blobs by digest.
    public nonisolated let content: ContentStore
    /// Unpacked layers.
    public nonisolated let layers: LayerStore
    let metadata: ImageMetadataStore
    let events: EventBus
    /// Parsed configs by image ID: a config never changes, so it is read and decoded once.
    private var configs: [String: OCIImageConfig] = [:]
    /// Transfers at once per pull and per push.
    public var maxConcurrentDownloads = 3
    /// Transfers at once per push.
    public var maxConcurrentUploads = 5

    /// Opens the image stores under `dataRoot`; `unpacker` is the berth-unpack executable.
    public init(dataRoot: String, unpacker: String, database: Database, events: EventBus) throws {
        metadata = ImageMetadataStore(database: database)
        content = try ContentStore(root: dataRoot + "/content")
        layers = try LayerStore(root: dataRoot + "/layers", unpacker: unpacker, metadata: metadata)
        self.events = events
    }

    /// Sets the transfer limits (`max-concurrent-downloads` / `-uploads`).
    public func setTransferLimits(downloads: Int, uploads: Int) {
        maxConcurrentDownloads = max(1, downloads)
        maxConcurrentUploads = max(1, uploads)
    }

    /// Removes what a crash left half-done.
    public func reconcile() async throws { try await layers.reconcile() }

    /// Every image, newest first.
    public func list() async throws -> [StoredImage] {
        try await metadata.images().map { StoredImage(record: $0, config: try config(of: $0)) }
    }

    /// Finds an image by full ID, ID prefix, tag or digest reference (404 `No such image: x:latest`).
    public func find(_ text: String) async throws -> StoredImage {
        let lookup = try ImageLookup.classify(text)
        var id: String?
        switch lookup {
        case .id(let digest):
            id = try await metadata.image(digest.rawValue)?.id
        case .reference(let reference, let prefix):
            id = try await metadata.imageID(named: reference.storeKey.string)
            if id == nil, let prefix {
                let matches = try await metadata.imageIDs(withPrefix: "sha256:" + prefix)
                if matches.count == 1 { id = matches[0] }
            }
        }
        guard let id, let record = try await metadata.image(id) else {
            throw EngineError.notFound(lookup.notFoundMessage)
        }
        return StoredImage(record: record, config: try config(of: record))
    }

    /// The raw config blob of an image (its ID is this blob's digest).
    public func configBytes(of record: ImageRecord) throws -> [UInt8] { try content.read(record.id) }

    /// Points `repository:tag` at the image `source` names (`docker tag`).
    public func tag(_ source: String, as target: ImageReference) async throws {
        let image = try await find(source)
        let now = EventBus.nowNanos()
        _ = try await metadata.setName(target.storeKey.string, kind: "tag", imageID: image.record.id, at: now)
        await events.publish(.image, "tag", actor: image.record.id, attributes: ["name": target.familiarString])
    }

    func config(of record: ImageRecord) throws -> OCIImageConfig {
        if let known = configs[record.id] { return known }
        do {
            let config = try JSONDecoder().decode(OCIImageConfig.self, from: Data(try content.read(record.id)))
            if configs.count > 4096 { configs.removeAll() }
            configs[record.id] = config
            return config
        } catch let error as EngineError {
            throw error
        } catch {
            throw EngineError.system("image \(record.id) has an unreadable config: \(error)")
        }
    }
}

extension ImageService {
    /// The unpacked size of one layer (0 if unknown).
    public func layerSize(_ chainID: String) async throws -> Int64 { try await metadata.layer(chainID)?.size ?? 0 }

    /// How many images exist (for /info).
    public func count() async throws -> Int { try await metadata.imageCount() }
}

extension ImageService {
    /// Bytes of every unpacked layer (each counted once, however many images share it).
    public func layersSize() async throws -> Int64 { try await metadata.layers().reduce(0) { $0 + $1.size } }
}
