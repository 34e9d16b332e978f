// SPDX-License-Identifier: Apache-2.0
// Small helpers for looking at a running container from both sides: what a command prints inside it,
// the fields of /proc/<pid>/status, and the container's cgroup files on the host (cgroup v1 layout).

import Foundation
import Testing

extension DockerCLI {
    /// Runs `docker <arguments>` and returns stdout; records a test failure (with both outputs) when it fails.
    func output(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let result = try await run(arguments)
        #expect(result.succeeded, "\(result)", sourceLocation: sourceLocation)
        return result.stdout
    }

    /// `docker run -d … sleep 1000` and the new container's full ID.
    func startSleeper(_ options: [String], name: String) async throws -> String {
        let started = try await run(["run", "-d", "--name", name] + options + ["busybox", "sleep", "1000"])
        guard started.succeeded else { throw TestFailure("could not start \(name):\n\(started)") }
        return started.stdout.trimmed
    }
}

/// Reading what the kernel says about a process or a cgroup.
enum KernelView {
    /// The value of `Name:` in a /proc/<pid>/status text (tabs and spaces trimmed).
    static func statusField(_ status: String, _ name: String) -> String? {
        for line in status.lines where line.hasPrefix(name + ":") {
            return line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// A cgroup v1 file of container `id` under berth's default parent: `/sys/fs/cgroup/<controller>/berth/<id>/<file>`.
    static func cgroupFile(_ controller: String, _ id: String, _ file: String) -> String {
        readFile("/sys/fs/cgroup/\(controller)/berth/\(id)/\(file)").trimmed
    }

    /// The capability bounding set of this process (berthd runs with the same), as the 16-hex-digit text of /proc.
    static func ownBoundingSet() -> String {
        statusField(readFile("/proc/self/status"), "CapBnd") ?? ""
    }
}
