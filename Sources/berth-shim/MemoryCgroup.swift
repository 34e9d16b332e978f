// SPDX-License-Identifier: Apache-2.0
// Finds the process's memory cgroup while it runs, so its OOM-kill counter can be read after exit.

import Glibc

/// Memory-cgroup lookups for the oomKilled flag.
enum MemoryCgroup {
    /// The file holding `oom_kill N` for `pid`'s memory cgroup: v1 `memory.oom_control` (the `memory`
    /// controller line of /proc/PID/cgroup) or v2 `memory.events` (the `0::` line).
    static func oomCounterFile(pid: Int32) -> (path: String, isV2: Bool)? {
        guard let table = SystemCalls.readFile("/proc/\(pid)/cgroup") else { return nil }
        var unified: String?
        for line in String(decoding: table, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            if fields[1].split(separator: ",").contains("memory") {
                return ("/sys/fs/cgroup/memory" + fields[2] + "/memory.oom_control", false)
            }
            if fields[0] == "0" && fields[1].isEmpty { unified = String(fields[2]) }
        }
        return unified.map { ("/sys/fs/cgroup" + $0 + "/memory.events", true) }
    }

    /// True when the counter file says the OOM killer killed something.
    static func wasOOMKilled(_ file: (path: String, isV2: Bool)?) -> Bool {
        guard let file, let text = SystemCalls.readFile(file.path) else { return false }
        for line in String(decoding: text, as: UTF8.self).split(separator: "\n") {
            let words = line.split(separator: " ")
            if words.count == 2 && words[0] == "oom_kill", let count = Int(words[1]) { return count > 0 }
        }
        return false
    }
}
