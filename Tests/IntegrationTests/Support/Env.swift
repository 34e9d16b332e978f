// SPDX-License-Identifier: Apache-2.0
// When the integration suites run, and where the external programs they drive are found.

import Foundation
import Testing

/// The test environment.
enum Env {
    /// True as root with `BERTH_INTEGRATION=1`: only then do integration suites run.
    static var integration: Bool {
        getuid() == 0 && ProcessInfo.processInfo.environment["BERTH_INTEGRATION"] == "1"
    }

    /// The absolute path of the program `name`, searched on PATH and the usual bin directories.
    /// Throws (failing the test, never skipping it) when the program is missing.
    static func tool(_ name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin"]
        for directory in directories where access("\(directory)/\(name)", X_OK) == 0 {
            return "\(directory)/\(name)"
        }
        throw TestFailure("required program '\(name)' not found on PATH (\(path)); integration tests need it installed")
    }
}

/// A test failure with a message, thrown so the test stops at once.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// Makes a fresh directory under /tmp (short, so unix socket paths stay under 108 bytes).
func makeTempDirectory(_ prefix: String = "berth-it") throws -> String {
    var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer -> String? in
        guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return nil }
        return String(cString: base)
    }
    guard let made else { throw TestFailure("mkdtemp failed: \(String(cString: strerror(errno)))") }
    return made
}

/// Removes a temp directory unless `BERTH_KEEP_TEMP=1` (to look at daemon logs after a failure).
func removeTempDirectory(_ path: String) {
    guard ProcessInfo.processInfo.environment["BERTH_KEEP_TEMP"] != "1", path.hasPrefix("/tmp/") else { return }
    try? FileManager.default.removeItem(atPath: path)
}

/// Writes `text` to `path`.
func writeFile(_ path: String, _ text: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

/// The contents of `path` as text, or "" when unreadable.
func readFile(_ path: String) -> String {
    (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
}

/// Waits until the wall clock enters a new second (plus a margin): the docker CLI sends `--until 0s`
/// as whole seconds, so an event from the current second would not be listed yet.
func waitForNextSecond() async throws {
    let now = Date().timeIntervalSince1970
    let wait = (now.rounded(.down) + 1.05) - now
    try await Task.sleep(for: .milliseconds(Int(wait * 1000)))
}
