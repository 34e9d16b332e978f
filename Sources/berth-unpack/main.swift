// SPDX-License-Identifier: Apache-2.0
// berth-unpack [--exit-with-parent] BLOB DIR: applies one image layer (tar, tar.gz, tar.zst) to DIR safely and prints
// {"diffID":"sha256:…","size":N}. berthd runs it as a child so the daemon never links libarchive,
// and a crash in extraction takes down only this process. Exit 1 with the reason on stderr on failure.

import Archive
import Glibc

/// Writes a line to standard error (the `stderr` global is not concurrency-safe in Swift 6).
func complain(_ text: String) {
    let line = text + "\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
}

/// Ends this process as soon as stdin reaches end-of-file: berthd holds the pipe's only write end,
/// so that happens when the daemon dies, and a restarted daemon never races a leftover unpacker.
func exitWhenStdinCloses() {
    var thread = pthread_t()
    let started = pthread_create(&thread, nil, { _ in
        var byte: UInt8 = 0
        while true {
            let count = read(0, &byte, 1)
            if count == 0 || (count < 0 && errno != EINTR) { _exit(1) }
        }
    }, nil)
    if started != 0 {
        complain("failed to watch the parent: error \(started)")
        exit(1)
    }
}

var arguments = CommandLine.arguments
if arguments.count > 1 && arguments[1] == "--exit-with-parent" {
    arguments.remove(at: 1)
    exitWhenStdinCloses()
}
guard arguments.count == 3 else {
    complain("usage: berth-unpack [--exit-with-parent] BLOB DIR")
    exit(2)
}
do {
    let result = try await LayerUnpacker.unpack(contentsOf: arguments[1], into: arguments[2])
    print("{\"diffID\":\"sha256:\(result.diffIDHex)\",\"size\":\(result.uncompressedSize)}")
} catch {
    complain("failed to unpack layer: \(error)")
    exit(1)
}
