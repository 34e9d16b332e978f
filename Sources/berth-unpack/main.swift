// SPDX-License-Identifier: Apache-2.0
// berth-unpack BLOB DIR: applies one image layer (tar, tar.gz, tar.zst) to DIR safely and prints
// {"diffID":"sha256:…","size":N}. berthd runs it as a child so the daemon never links libarchive,
// and a crash in extraction takes down only this process. Exit 1 with the reason on stderr on failure.

import Archive
import Glibc

/// Writes a line to standard error (the `stderr` global is not concurrency-safe in Swift 6).
func complain(_ text: String) {
    let line = text + "\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
}

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    complain("usage: berth-unpack BLOB DIR")
    exit(2)
}
do {
    let result = try await LayerUnpacker.unpack(contentsOf: arguments[1], into: arguments[2])
    print("{\"diffID\":\"sha256:\(result.diffIDHex)\",\"size\":\(result.uncompressedSize)}")
} catch {
    complain("failed to unpack layer: \(error)")
    exit(1)
}
