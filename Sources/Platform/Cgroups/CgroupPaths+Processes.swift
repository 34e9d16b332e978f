// SPDX-License-Identifier: Apache-2.0
// The processes of a cgroup and its child groups (`docker top`'s filter), read from `cgroup.procs`.

import Glibc

extension CgroupPaths {
    /// Every process in the group and in all groups below it, sorted and without duplicates. Reads the
    /// directory of `controller` on v1 (`pids` by default; processes join every hierarchy, so any mounted one
    /// holds the same set) and the unified directory on v2. Throws `Errno` (ENOENT when the group is gone).
    public func processIDs(controller: String = "pids") throws(Errno) -> [Int32] {
        let fallbacks = [controller, "pids", "memory", "cpu", "devices", "freezer"]
        guard let directory = unifiedDirectory ?? fallbacks.lazy.compactMap({ self.controllerDirectories[$0] }).first else {
            throw Errno(ENOENT, "cgroup controller \(controller) not mounted")
        }
        var pids = Set<Int32>()
        try Self.collectProcessIDs(in: directory, into: &pids)
        return pids.sorted()
    }

    /// Adds the PIDs of `directory`'s `cgroup.procs`, then walks its subdirectories (child groups). A child
    /// removed while walking is skipped: a group that vanishes holds no process.
    static func collectProcessIDs(in directory: String, into pids: inout Set<Int32>) throws(Errno) {
        for line in try CgroupFile.read("\(directory)/cgroup.procs").split(whereSeparator: \.isNewline) {
            if let pid = Int32(SystemFile.trimmed(line)) { pids.insert(pid) }
        }
        for child in try subdirectories(of: directory) {
            do {
                try collectProcessIDs(in: "\(directory)/\(child)", into: &pids)
            } catch {
                if error.code != ENOENT { throw error }
            }
        }
    }

    /// Names of the directories directly inside `directory` (readdir; `.` and `..` left out).
    static func subdirectories(of directory: String) throws(Errno) -> [String] {
        guard let stream = opendir(directory) else { throw Errno.current("opendir \(directory)") }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            guard entry.pointee.d_type == UInt8(DT_DIR) else { continue }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
