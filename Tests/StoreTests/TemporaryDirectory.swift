// SPDX-License-Identifier: Apache-2.0
// A mkdtemp directory under /tmp for one test, removed with its files (db, -wal, -shm) when the test body ends.

import Glibc

/// A fresh directory for one test's database files.
struct TemporaryDirectory {
    let path: String

    /// Path of a database file inside the directory.
    var database: String { path + "/berth.db" }

    fileprivate init() throws {
        var template = Array("/tmp/berth-store-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
        guard let made else { throw TestFailure("mkdtemp failed: errno \(errno)") }
        path = String(cString: made)
    }

    fileprivate func remove() {
        // Flat directory: unlink every entry, then the directory itself.
        if let dir = opendir(path) {
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name != "." && name != ".." { unlink(path + "/" + name) }
            }
            closedir(dir)
        }
        rmdir(path)
    }
}

/// Runs `body` with a new temporary directory and removes it afterwards, whether `body` throws or not.
// A scoped helper rather than a deinit: Swift may release a local right after its last use, which would
// delete the files under a still-open database.
func withTemporaryDirectory<T>(_ body: (TemporaryDirectory) async throws -> T) async throws -> T {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    return try await body(directory)
}

/// A plain error for test setup failures and deliberate throws.
struct TestFailure: Error, Equatable {
    let message: String
    init(_ message: String) { self.message = message }
}
