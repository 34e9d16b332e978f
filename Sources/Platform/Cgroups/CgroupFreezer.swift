// SPDX-License-Identifier: Apache-2.0
// Freezes and thaws every process of a cgroup (`docker pause`/`unpause`) through the v1 or v2 freezer.

import Glibc

/// The freezer of one cgroup. v1 writes `freezer.state` and waits until it reads back `FROZEN`/`THAWED`
/// (FREEZING is transient; runc re-writes FROZEN while it waits); v2 writes `cgroup.freeze` and waits for
/// `frozen 1`/`frozen 0` in `cgroup.events`. Blocking: polls every few milliseconds up to `timeout`.
public struct CgroupFreezer: Sendable {
    /// The cgroup's directories.
    public let paths: CgroupPaths
    /// How long freeze/thaw waits for the kernel to confirm, in milliseconds.
    public let timeoutMilliseconds: Int

    /// Creates a freezer for `paths`.
    public init(paths: CgroupPaths, timeoutMilliseconds: Int = 5000) {
        self.paths = paths
        self.timeoutMilliseconds = timeoutMilliseconds
    }

    /// Stops every task in the group. Throws `Errno(ETIMEDOUT)` naming the state file when the kernel does not
    /// confirm in time (the group is thawed again so no task stays half-frozen), `ENOENT` without a freezer.
    public func freeze() throws(Errno) {
        do {
            try set(frozen: true)
        } catch {
            try? set(frozen: false)
            throw error
        }
    }

    /// Resumes every task in the group.
    public func thaw() throws(Errno) {
        try set(frozen: false)
    }

    /// True when the group reads back as frozen.
    public func isFrozen() throws(Errno) -> Bool {
        let (file, _, _) = try files()
        return try Self.isFrozen(version: paths.version, text: CgroupFile.read(file))
    }

    /// Parses the state file: v1 `freezer.state` equal to `FROZEN`; v2 `cgroup.events` with `frozen 1`.
    public static func isFrozen(version: CgroupLayout.Version, text: String) -> Bool {
        switch version {
        case .v1: return SystemFile.trimmed(text) == "FROZEN"
        case .v2: return CgroupStatParser.keyedValues(text)["frozen"] == 1
        }
    }

    /// (state file to poll, file to write, directory) for this version.
    func files() throws(Errno) -> (state: String, control: String, directory: String) {
        switch paths.version {
        case .v1:
            guard let dir = paths.directory(for: "freezer") else { throw Errno(ENOENT, "cgroup controller freezer not mounted") }
            return ("\(dir)/freezer.state", "\(dir)/freezer.state", dir)
        case .v2:
            let dir = paths.unifiedDirectory ?? ""
            return ("\(dir)/cgroup.events", "\(dir)/cgroup.freeze", dir)
        }
    }

    /// Writes the wanted state and polls until it reads back.
    func set(frozen: Bool) throws(Errno) {
        let (state, control, _) = try files()
        let value = paths.version == .v1 ? (frozen ? "FROZEN" : "THAWED") : (frozen ? "1" : "0")
        let stepMicroseconds: UInt32 = 2000
        var waited = 0
        try CgroupFile.write(value, to: control)
        while try Self.isFrozen(version: paths.version, text: CgroupFile.read(state)) != frozen {
            guard waited < timeoutMilliseconds * 1000 else { throw Errno(ETIMEDOUT, "wait for \(value) in \(state)") }
            usleep(stepMicroseconds)
            waited += Int(stepMicroseconds)
            // v1 can sit in FREEZING when a task is in an uninterruptible sleep; writing again retries it (runc).
            if paths.version == .v1, frozen, waited % 100_000 == 0 { try CgroupFile.write(value, to: control) }
        }
    }
}
