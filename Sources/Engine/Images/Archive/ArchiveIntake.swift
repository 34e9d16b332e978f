// SPDX-License-Identifier: Apache-2.0
// The receiving end of `docker load`: each member of the tar stream goes, as it arrives, either into
// memory (small metadata files: manifest.json, index.json, legacy `<id>.json`) or into the content store
// (`blobs/sha256/<hex>` checked against its name; other files such as a legacy `layer.tar` by their
// computed digest). Blobs this load created are remembered so that whatever ends up unused is removed.

import Platform

/// The files of a received archive, by cleaned path.
final class ArchiveIntake {
    /// Where a file's bytes are.
    enum File: Sendable {
        case memory([UInt8])
        case blob(String)
    }

    private enum Current {
        case memory(path: String)
        case verified(path: String, ingest: BlobIngest, digest: String)
        case computed(path: String, ingest: BlobIngest)
        case existing(path: String, digest: String)
        case skipped
    }

    /// Largest metadata file kept in memory, and all of them together.
    static let metadataLimit = 16 << 20
    static let memoryLimit = 64 << 20

    let content: ContentStore
    /// Regular files by path.
    private(set) var files: [String: File] = [:]
    /// Symlinks and hard links: path → the path they lead to (from the archive root).
    private(set) var links: [String: String] = [:]
    /// Blobs that did not exist before this load.
    private(set) var newBlobs: Set<String> = []
    private var current = Current.skipped
    private var buffer: [UInt8] = []
    private var hasher: SHA256Hasher?
    private var memoryUsed = 0

    init(content: ContentStore) { self.content = content }

    deinit { abortCurrent() }

    /// Takes one event of the tar stream.
    func handle(_ event: TarStreamReader.Event) throws {
        switch event {
        case .entry(let entry): try begin(entry)
        case .data(let slice): try append(slice)
        case .end: try end()
        }
    }

    /// The file at `path`, following links (at most 16 hops).
    func file(at path: String) -> File? {
        var path = path
        for _ in 0..<16 {
            if let file = files[path] { return file }
            guard let next = links[path] else { return nil }
            path = next
        }
        return nil
    }

    /// Drops a half-written blob and every blob this load created.
    func discard() {
        abortCurrent()
        for blob in newBlobs { content.delete(blob) }
        newBlobs.removeAll()
    }

    /// Records a blob this load wrote outside the stream (a metadata file that turned out to be a layer or config).
    func noteNewBlob(_ digest: String) { newBlobs.insert(digest) }

    /// True for names kept in memory: the layout's and legacy format's JSON files.
    static func isMetadata(_ path: String) -> Bool {
        guard !path.hasPrefix("blobs/") else { return false }
        let base = path.split(separator: "/").last.map(String.init) ?? path
        return base.hasSuffix(".json") || ["json", "VERSION", "repositories", "oci-layout"].contains(base)
    }

    private func begin(_ entry: TarStreamEntry) throws {
        abortCurrent()
        switch entry.kind {
        case .file:
            let parts = entry.path.split(separator: "/")
            if parts.count == 3, parts[0] == "blobs", parts[1] == "sha256", let hex = ContentStore.sha256Hex("sha256:" + parts[2]) {
                let digest = "sha256:" + hex
                current =
                    content.exists(digest)
                    ? .existing(path: entry.path, digest: digest)
                    : .verified(
                        path: entry.path, ingest: try content.startIngest(expected: digest, expectedSize: entry.size), digest: digest)
            } else if Self.isMetadata(entry.path) && entry.size <= Int64(Self.metadataLimit) {
                guard memoryUsed + Int(entry.size) <= Self.memoryLimit else {
                    throw EngineError.invalidParameter("the archive's metadata files exceed \(Self.memoryLimit >> 20) MiB")
                }
                buffer = []
                current = .memory(path: entry.path)
            } else {
                hasher = SHA256Hasher()
                current = .computed(path: entry.path, ingest: try content.startIngest())
            }
        case .symlink:
            if let target = TarStreamPath.resolve(link: entry.path, target: entry.linkTarget) { links[entry.path] = target }
        case .hardLink:
            links[entry.path] = entry.linkTarget
        case .directory, .other:
            break
        }
    }

    private func append(_ slice: ArraySlice<UInt8>) throws {
        switch current {
        case .memory:
            buffer += slice
            memoryUsed += slice.count
        case .verified(_, let ingest, _):
            try ingest.append(Array(slice))
        case .computed(_, let ingest):
            hasher?.update(slice)
            try ingest.append(Array(slice))
        case .existing, .skipped:
            break
        }
    }

    private func end() throws {
        let finished = current
        current = .skipped
        switch finished {
        case .memory(let path):
            files[path] = .memory(buffer)
            buffer = []
        case .verified(let path, let ingest, let digest):
            _ = try ingest.commit()
            newBlobs.insert(digest)
            files[path] = .blob(digest)
        case .computed(let path, let ingest):
            guard let completed = hasher.take() else { throw EngineError.system("archive intake lost its hasher") }
            let digest = "sha256:" + completed.finalizeHex()
            if content.exists(digest) {
                ingest.abort()
            } else {
                _ = try ingest.commit()
                newBlobs.insert(digest)
            }
            files[path] = .blob(digest)
        case .existing(let path, let digest):
            files[path] = .blob(digest)
        case .skipped:
            break
        }
    }

    private func abortCurrent() {
        switch current {
        case .verified(_, let ingest, _): ingest.abort()
        case .computed(_, let ingest): ingest.abort()
        default: break
        }
        current = .skipped
    }
}
