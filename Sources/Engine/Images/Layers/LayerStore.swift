// SPDX-License-Identifier: Apache-2.0
// Unpacked layers under <data-root>/layers/<chain-id hex>/diff, the read-only lower dirs of overlayfs.
// A layer is unpacked by the berth-unpack helper into layers/tmp-<random>, then renamed to its chain
// ID, and only then recorded in the database; at start, directories without a row are removed and
// rows without a directory are dropped, so a crash at any point leaves a consistent store.

import FoundationEssentials
import Glibc
import Platform
import Store

/// The unpacked layers and the helper that unpacks them.
public struct LayerStore: Sendable {
    /// `<data-root>/layers`.
    public let root: String
    /// Path of the berth-unpack executable.
    public let unpacker: String
    private let metadata: ImageMetadataStore

    /// Opens the store (creating its directory).
    public init(root: String, unpacker: String, metadata: ImageMetadataStore) throws {
        self.root = root
        self.unpacker = unpacker
        self.metadata = metadata
        try Directories.create(root, mode: 0o700)
    }

    /// The `diff` directory of a layer.
    public func diffPath(_ chainID: String) -> String { root + "/" + Self.hex(chainID) + "/diff" }

    /// Unpacks `blobPath` on top of `parent`, unless that chain is already present; returns its record.
    public func unpack(blobPath: String, blobDigest: String?, mediaType: String?, parent: String?) async throws -> LayerRecord {
        let scratch = root + "/tmp-" + Crypto.hex(Crypto.randomBytes(8))
        try Directories.create(scratch + "/diff", mode: 0o755)
        do {
            let result = try await Subprocess.run(unpacker, ["--exit-with-parent", blobPath, scratch + "/diff"], lifeline: true)
            guard result.status == 0 else {
                let message = String(String(decoding: result.errorOutput, as: UTF8.self).split(separator: "\n").last ?? "")
                throw EngineError.invalidParameter(message.isEmpty ? "failed to unpack layer (exit \(result.status))" : message)
            }
            guard let report = try? JSONDecoder().decode(UnpackReport.self, from: Data(result.output)) else {
                let stderr = String(decoding: result.errorOutput, as: UTF8.self)
                throw EngineError.system("berth-unpack gave no result (stdout \(String(decoding: result.output, as: UTF8.self).debugDescription), stderr \(stderr.debugDescription))")
            }
            let chainID = parent.map { Self.chain($0, report.diffID) } ?? report.diffID
            if let existing = try await metadata.layer(chainID) {
                try? Self.removeTree(scratch)
                return existing
            }
            let final = root + "/" + Self.hex(chainID)
            try? Self.removeTree(final)  // a directory left without its row by a crash
            guard rename(scratch, final) == 0 else { throw EngineError.system("rename layer: \(Errno.current("rename").message)") }
            let record = LayerRecord(
                chainID: chainID, diffID: report.diffID, parentChainID: parent, size: report.size, blobDigest: blobDigest,
                blobSize: nil, blobMediaType: mediaType, createdAt: EventBus.nowNanos())
            try await metadata.insertLayer(record)
            return record
        } catch {
            try? Self.removeTree(scratch)
            throw error
        }
    }

    /// Removes layer directories (after their rows were deleted).
    public func remove(_ chainIDs: [String]) {
        for chain in chainIDs { try? Self.removeTree(root + "/" + Self.hex(chain)) }
    }

    /// Brings disk and database back in line after a crash.
    public func reconcile() async throws {
        let known = Set(try await metadata.layers().map { Self.hex($0.chainID) })
        for name in (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [] where !known.contains(name) {
            await Self.removeLeftover(root + "/" + name)
        }
    }

    /// Removes a directory left by a crash. An unpacker of the dead daemon may still be writing into
    /// it for a moment (it stops on its lifeline's end-of-file), so a failed removal is retried; one
    /// that keeps failing is logged, not fatal: a stray directory must not keep the daemon down.
    static func removeLeftover(_ path: String) async {
        for attempt in 0..<50 {
            do { return try removeTree(path) } catch {
                if attempt == 49 { Log.warn("cannot remove leftover layer directory", ["path": path, "error": "\(error)"]) }
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    /// `sha256:abc` → `abc`.
    static func hex(_ digest: String) -> String { String(digest.split(separator: ":").last ?? Substring(digest)) }

    /// OCI chain ID: sha256 of "<parent chain ID> <diff ID>".
    public static func chain(_ parent: String, _ diffID: String) -> String {
        "sha256:" + Crypto.hex(Crypto.sha256(Array("\(parent) \(diffID)".utf8)))
    }

    /// `rm -rf`, without following symlinks (a layer holds the image's symlinks).
    static func removeTree(_ path: String) throws {
        try FileManager.default.removeItem(atPath: path)
    }
}

/// What berth-unpack prints on success.
struct UnpackReport: Decodable {
    let diffID: String
    let size: Int64
}
