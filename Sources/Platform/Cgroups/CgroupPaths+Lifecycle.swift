// SPDX-License-Identifier: Apache-2.0
// Creating, joining and removing a cgroup's directories (what the runtime does at create, for tests and repair).

import Glibc

extension CgroupPaths {
    /// Creates every directory and its missing parents (mkdir -p). A new v1 cpuset group starts with empty
    /// `cpuset.cpus`/`cpuset.mems`, which refuses tasks; they are copied down from the nearest parent, as runc does.
    public func create() throws(Errno) {
        for directory in directories {
            var current = ""
            for component in directory.split(separator: "/") {
                current += "/\(component)"
                if mkdir(current, 0o755) != 0, errno != EEXIST { throw Errno.current("mkdir \(current)") }
            }
        }
        if version == .v1, let cpuset = controllerDirectories["cpuset"] {
            try Self.inheritCpuset(cpuset)
        }
    }

    /// Moves process `pid` into the group (writes `cgroup.procs` in every directory).
    public func add(pid: Int32) throws(Errno) {
        for directory in directories {
            try CgroupFile.write(String(pid), to: "\(directory)/cgroup.procs")
        }
    }

    /// Removes every directory (rmdir; the group must hold no process). Absent directories are fine; EBUSY
    /// (a task still leaving) is retried for about a second before it is thrown.
    public func remove() throws(Errno) {
        for directory in directories {
            var attempts = 0
            while rmdir(directory) != 0 {
                if errno == ENOENT { break }
                guard errno == EBUSY, attempts < 100 else { throw Errno.current("rmdir \(directory)") }
                attempts += 1
                usleep(10_000)
            }
        }
    }

    /// Fills empty `cpuset.cpus`/`cpuset.mems` from top to bottom along `directory`'s ancestors.
    static func inheritCpuset(_ directory: String) throws(Errno) {
        var ancestors: [String] = []
        var current = directory
        while let slash = current.lastIndex(of: "/"), slash != current.startIndex {
            let parent = String(current[..<slash])
            guard CgroupFile.exists("\(parent)/cpuset.cpus") else { break }
            ancestors.append(current)
            current = parent
        }
        for child in ancestors.reversed() {
            guard let slash = child.lastIndex(of: "/") else { continue }
            let parent = String(child[..<slash])
            for file in ["cpuset.cpus", "cpuset.mems"] {
                let own = SystemFile.trimmed(try CgroupFile.read("\(child)/\(file)"))
                if own.isEmpty {
                    try CgroupFile.write(SystemFile.trimmed(try CgroupFile.read("\(parent)/\(file)")), to: "\(child)/\(file)")
                }
            }
        }
    }
}
