// SPDX-License-Identifier: Apache-2.0
// Content store: blobs land at their digest only when verified; failures and crashes leave nothing behind.

import Engine
import Glibc
import Platform
import Testing

@Suite struct ContentStoreTests {
    static func temporaryRoot() -> String {
        var template = Array("/tmp/berth-content-XXXXXX".utf8CString)
        return template.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress, let made = mkdtemp(base) else { return "/tmp/berth-content-fallback-\(getpid())" }
            return String(cString: made)
        }
    }

    static func ingestIsEmpty(_ store: ContentStore) -> Bool {
        guard let directory = opendir(store.root + "/ingest") else { return false }
        defer { closedir(directory) }
        var names = 0
        while readdir(directory) != nil { names += 1 }
        return names == 2
    }

    @Test func verifiedBlobLandsAtItsDigest() throws {
        let store = try ContentStore(root: Self.temporaryRoot() + "/content")
        let bytes = Array("hello blob".utf8)
        let expected = "sha256:" + Crypto.hex(Crypto.sha256(bytes))
        #expect(try store.write(bytes, expected: expected) == expected)
        #expect(store.exists(expected))
        #expect(store.size(of: expected) == Int64(bytes.count))
        #expect(try store.read(expected) == bytes)
        #expect(Self.ingestIsEmpty(store))
    }

    @Test func mismatchedDigestOrSizeIsRefusedAndLeavesNothing() throws {
        let store = try ContentStore(root: Self.temporaryRoot() + "/content")
        let claimed = "sha256:" + String(repeating: "ab", count: 32)
        #expect(throws: EngineError.self) { try store.write(Array("x".utf8), expected: claimed) }
        #expect(!store.exists(claimed))
        let ingest = try store.startIngest(expectedSize: 3)
        #expect(throws: EngineError.self) { try ingest.append(Array("four".utf8)) }
        ingest.abort()
        #expect(Self.ingestIsEmpty(store))
    }

    @Test func streamedIngestHashesAcrossPieces() throws {
        let store = try ContentStore(root: Self.temporaryRoot() + "/content")
        let whole = Array(repeating: UInt8(7), count: 200_000)
        let ingest = try store.startIngest(expected: "sha256:" + Crypto.hex(Crypto.sha256(whole)), expectedSize: 200_000)
        for start in stride(from: 0, to: whole.count, by: 65_536) { try ingest.append(Array(whole[start..<min(start + 65_536, whole.count)])) }
        let (digest, size) = try ingest.commit()
        #expect(size == 200_000 && store.exists(digest))
    }

    @Test func leftoversOfACrashedIngestAreClearedOnOpen() throws {
        let root = Self.temporaryRoot() + "/content"
        let first = try ContentStore(root: root)
        let fd = open(root + "/ingest/partial", O_WRONLY | O_CREAT, 0o600)
        close(fd)
        #expect(!Self.ingestIsEmpty(first))
        let reopened = try ContentStore(root: root)
        #expect(Self.ingestIsEmpty(reopened))
    }

    @Test func invalidDigestsHaveNoPath() throws {
        let store = try ContentStore(root: Self.temporaryRoot() + "/content")
        #expect(store.path(for: "sha256:../../etc/passwd") == nil)
        #expect(store.path(for: "md5:abc") == nil)
        #expect(store.path(for: "sha256:" + String(repeating: "A", count: 64)) == nil)
    }
}
