// SPDX-License-Identifier: Apache-2.0
// Fixtures for save/load engine tests: an image service over an in-memory database and a temp data root
// (layers unpacked by the built berth-unpack), sample images, and archives built by hand.

import Foundation
import Models
import Platform
import Store
import Synchronization

@testable import Engine

private let serviceCounter = Atomic<Int>(0)

/// An image service with its own data root.
func makeImageService() throws -> (ImageService, EventBus, String) {
    let root = NSTemporaryDirectory() + "berth-archive-\(getpid())-\(serviceCounter.wrappingAdd(1, ordering: .relaxed).oldValue)"
    let (database, events) = try makeEventBus()
    let service = try ImageService(
        dataRoot: root, unpacker: EngineConfiguration.besideExecutable("berth-unpack"), database: database, events: events)
    return (service, events, root)
}

/// Removes a data root made by `makeImageService`.
func removeDataRoot(_ root: String) {
    try? FileManager.default.removeItem(atPath: root)
}

/// A layer tarball of regular files.
func layerTar(_ files: [(String, String)]) -> [UInt8] {
    writeTar(files.map { fileMember($0.0, Array($0.1.utf8)) })
}

/// Imports a one-layer image tagged `reference` (e.g. `sample:1`); returns its ID.
func importSample(_ service: ImageService, _ reference: String, files: [(String, String)] = [("etc/hostname", "berth\n")]) async throws
    -> String
{
    let body = layerTar(files)
    let sent = Mutex(false)
    let options = ImportOptions(reference: try ImageReference.normalized(reference), source: "-")
    return try await service.importImage(options) {
        sent.withLock { done in
            defer { done = true }
            return done ? nil : body
        }
    }
}

/// Streams a save into memory.
func saveBytes(_ service: ImageService, _ names: [String]) async throws -> [UInt8] {
    let export = try await service.save(names)
    let collected = Mutex<[UInt8]>([])
    try await export.write { piece in collected.withLock { $0 += piece } }
    return collected.withLock { $0 }
}

/// Receives `bytes` in pieces of `pieceSize`, then loads them; returns the `stream` lines and progress statuses.
func loadBytes(_ service: ImageService, _ bytes: [UInt8], pieceSize: Int = 4096, quiet: Bool = true) async throws -> [String] {
    let offset = Mutex(0)
    let archive = try await service.receiveArchive {
        offset.withLock { start in
            guard start < bytes.count else { return nil }
            defer { start += pieceSize }
            return Array(bytes[start..<min(start + pieceSize, bytes.count)])
        }
    }
    let lines = Mutex<[String]>([])
    try await service.load(archive, quiet: quiet) { message in lines.withLock { $0.append(message.stream ?? message.status ?? "") } }
    return lines.withLock { $0 }
}

/// The blobs in a service's content store.
func blobNames(_ root: String) -> Set<String> {
    Set((try? FileManager.default.contentsOfDirectory(atPath: root + "/content/blobs/sha256")) ?? [])
}

/// The unpacked layer directories of a service.
func layerDirectories(_ root: String) -> Set<String> {
    Set((try? FileManager.default.contentsOfDirectory(atPath: root + "/layers")) ?? [])
}

/// A hand-made image: a layer, and a config naming its diff ID.
struct HandMadeImage {
    let layer: [UInt8]
    let config: [UInt8]
    var layerDigest: String { Digest.sha256(of: layer).rawValue }
    var configDigest: String { Digest.sha256(of: config).rawValue }

    init(files: [(String, String)] = [("hello.txt", "hi\n")], diffID: String? = nil) {
        layer = layerTar(files)
        let diff = diffID ?? Digest.sha256(of: layer).rawValue
        config = Array(#"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["\#(diff)"]}}"#.utf8)
    }

    static func hex(_ digest: String) -> String { String(digest.dropFirst(7)) }

    /// A docker-save archive (blobs layout) of this image.
    func dockerArchive(tags: [String], configPath: String? = nil) -> [UInt8] {
        let config = configPath ?? "blobs/sha256/" + Self.hex(configDigest)
        let tagList = tags.map { "\"\($0)\"" }.joined(separator: ",")
        let manifest = #"[{"Config":"\#(config)","RepoTags":[\#(tagList)],"Layers":["blobs/sha256/\#(Self.hex(layerDigest))"]}]"#
        return writeTar([
            fileMember("blobs/sha256/" + Self.hex(layerDigest), layer), fileMember(config, self.config),
            fileMember("manifest.json", Array(manifest.utf8)),
        ])
    }
}
