// SPDX-License-Identifier: Apache-2.0
// Tearing down what a test daemon's containers leave behind: shims and container processes (they
// outlive the daemon on purpose) and overlay mounts under the test directory.

import Foundation
import Glibc

/// Cleanup of containers after a test daemon.
enum ContainerCleanup {
    /// SIGKILLs every shim under `execRoot` and deletes the runtime's containers under its state root.
    static func killShimsAndContainers(execRoot: String) {
        let manager = FileManager.default
        for base in [execRoot + "/containers", execRoot + "/exec"] {
            for entry in (try? manager.contentsOfDirectory(atPath: base)) ?? [] {
                let text = readFile(base + "/" + entry + "/shim.pid").trimmingCharacters(in: .whitespacesAndNewlines)
                if let pid = Int32(text), pid > 1 { Glibc.kill(pid, SIGKILL) }
            }
        }
        let runtimeRoot = execRoot + "/runtime/runc"
        for id in (try? manager.contentsOfDirectory(atPath: runtimeRoot)) ?? [] {
            runQuietly("/usr/sbin/runc", ["--root", runtimeRoot, "delete", "--force", id])
        }
    }

    /// posix_spawn + waitpid (Foundation's Process can crash in this test process, see Command.swift).
    static func runQuietly(_ path: String, _ arguments: [String]) {
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, path, nil, nil, argv, environ) == 0 else { return }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    /// Lazily unmounts every mount point at or below `directory`, deepest first.
    static func unmountEverything(under directory: String) {
        let table = readFile("/proc/self/mountinfo")
        let points = table.split(separator: "\n").compactMap { line -> String? in
            let fields = line.split(separator: " ")
            guard fields.count > 4 else { return nil }
            let point = String(fields[4]).replacingOccurrences(of: "\\040", with: " ")
            return point == directory || point.hasPrefix(directory + "/") ? point : nil
        }
        for point in points.sorted(by: { $0.count > $1.count }) { umount2(point, Int32(MNT_DETACH)) }
    }
}
