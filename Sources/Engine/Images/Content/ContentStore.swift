// SPDX-License-Identifier: Apache-2.0
// Content-addressed blobs under <data-root>/content/blobs/sha256/<hex>. A blob is written under
// content/ingest/ first and renamed into place only after its digest (and size, when known) check out,
// so a blob path that exists always holds exactly its digest's bytes, even after a crash.

import Glibc
import Platform

/// The blob store.
public struct ContentStore: Sendable {
    /// `<data-root>/content`.
    public let root: String

    /// Opens (creating) the store and clears unfinished ingests left by a crash.
    public init(root: String) throws {
        self.root = root
        try Directories.create(root + "/blobs/sha256", mode: 0o700)
        try Directories.create(root + "/ingest", mode: 0o700)
        clearIngest()
    }

    /// Where the blob for `digest` lives; nil when the digest is not a valid sha256 digest.
    public func path(for digest: String) -> String? {
        guard let hex = Self.sha256Hex(digest) else { return nil }
        return root + "/blobs/sha256/" + hex
    }

    /// True when the blob is present.
    public func exists(_ digest: String) -> Bool {
        guard let path = path(for: digest) else { return false }
        return access(path, F_OK) == 0
    }

    /// The blob's size, if present.
    public func size(of digest: String) -> Int64? {
        guard let path = path(for: digest) else { return nil }
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : nil
    }

    /// Reads a small blob (manifest, config) whole; throws past `limit` bytes.
    public func read(_ digest: String, limit: Int = 16 << 20) throws -> [UInt8] {
        guard let path = path(for: digest) else { throw EngineError.invalidParameter("invalid digest \(digest)") }
        return try BlobFile.readAll(path: path, limit: limit)
    }

    /// Stores `bytes`, verifying them against `expected` when given; returns their digest.
    @discardableResult
    public func write(_ bytes: [UInt8], expected: String? = nil) throws -> String {
        let ingest = try startIngest(expected: expected, expectedSize: expected == nil ? nil : Int64(bytes.count))
        do {
            try ingest.append(bytes)
            return try ingest.commit().digest
        } catch {
            ingest.abort()
            throw error
        }
    }

    /// Starts writing a blob of unknown or announced digest and size.
    public func startIngest(expected digest: String? = nil, expectedSize: Int64? = nil) throws -> BlobIngest {
        if let digest, Self.sha256Hex(digest) == nil { throw EngineError.invalidParameter("invalid digest \(digest)") }
        let temporary = root + "/ingest/" + Crypto.hex(Crypto.randomBytes(12))
        return try BlobIngest(store: self, temporaryPath: temporary, expectedDigest: digest, expectedSize: expectedSize)
    }

    /// Removes a blob (no error if absent).
    public func delete(_ digest: String) {
        if let path = path(for: digest) { unlink(path) }
    }

    /// Removes whatever an interrupted ingest left behind.
    public func clearIngest() {
        guard let directory = opendir(root + "/ingest") else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { unlink(root + "/ingest/" + name) }
        }
    }

    /// The hex part of a `sha256:<64 lowercase hex>` digest.
    public static func sha256Hex(_ digest: String) -> String? {
        guard digest.hasPrefix("sha256:") else { return nil }
        let hex = digest.dropFirst(7)
        guard hex.utf8.count == 64, hex.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else { return nil }
        return String(hex)
    }
}
