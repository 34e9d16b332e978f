// SPDX-License-Identifier: Apache-2.0
// Reads one cgroup's counters from its directories into a `CgroupStats` snapshot (v1 and v2).

import Glibc

/// Reads snapshots of one cgroup. Blocking file reads (a dozen small cgroupfs files per snapshot).
public struct CgroupStatsReader: Sendable {
    /// The cgroup's directories.
    public let paths: CgroupPaths
    /// Where the host CPU line is read (tests point it at a fixture).
    public let procStatPath: String
    /// `sysconf(_SC_CLK_TCK)`: the unit of /proc/stat and v1 `cpuacct.stat`.
    public let clockTicks: UInt64

    /// Creates a reader for `paths`.
    public init(paths: CgroupPaths, procStatPath: String = "/proc/stat", clockTicks: UInt64 = Self.hostClockTicks) {
        self.paths = paths
        self.procStatPath = procStatPath
        self.clockTicks = clockTicks
    }

    /// The host's clock tick rate (`sysconf(_SC_CLK_TCK)`), 100 when sysconf fails.
    public static var hostClockTicks: UInt64 {
        let value = sysconf(Int32(_SC_CLK_TCK))
        return value > 0 ? UInt64(value) : 100
    }

    /// One snapshot. A controller whose directory (v1) or key file (v2) is absent reads as nil; a file that
    /// exists but cannot be read or parsed throws `Errno` naming it.
    public func read() throws(Errno) -> CgroupStats {
        var stats = CgroupStats()
        switch paths.version {
        case .v1:
            stats.memory = try paths.directory(for: "memory").map { dir throws(Errno) in try Self.memoryV1(dir) }
            stats.cpu = try cpuV1()
            stats.pids = try paths.directory(for: "pids").map { dir throws(Errno) in try Self.pids(dir) }
            stats.blkio = paths.directory(for: "blkio").map(Self.blkioV1)
        case .v2:
            guard let dir = paths.unifiedDirectory else { break }
            stats.memory = CgroupFile.exists("\(dir)/memory.current") ? try Self.memoryV2(dir) : nil
            stats.cpu = try Self.cpuV2(dir)
            stats.pids = CgroupFile.exists("\(dir)/pids.current") ? try Self.pids(dir) : nil
            stats.blkio = CgroupFile.readIfPresent("\(dir)/io.stat").map { text in
                var blkio = CgroupBlkioStats()
                blkio.ioStat = CgroupStatParser.ioStat(text)
                return blkio
            }
        }
        let procStat = try CgroupFile.read(procStatPath)
        guard let system = CgroupStatParser.systemCPUUsage(procStat: procStat, clockTicks: clockTicks) else {
            throw Errno(EINVAL, "parse \(procStatPath)")
        }
        stats.systemCPUUsage = system
        stats.onlineCPUs = HostFacts.onlineCPUCount()
        return stats
    }

    /// The number in `path`; throws when absent or not a number.
    static func number(_ path: String) throws(Errno) -> UInt64 {
        guard let value = CgroupStatParser.number(try CgroupFile.read(path)) else { throw Errno(EINVAL, "parse \(path)") }
        return value
    }

    /// The number in `path` when the file exists and parses.
    static func optionalNumber(_ path: String) -> UInt64? {
        CgroupFile.readIfPresent(path).flatMap(CgroupStatParser.number)
    }

    /// A `max`-or-number limit in `path`: nil for `max`; throws when absent or malformed.
    static func limit(_ path: String) throws(Errno) -> UInt64? {
        guard let value = CgroupStatParser.limit(try CgroupFile.read(path)) else { throw Errno(EINVAL, "parse \(path)") }
        return value
    }

    /// `pids.current` and `pids.max` (same names on v1 and v2).
    static func pids(_ dir: String) throws(Errno) -> CgroupPidsStats {
        var pids = CgroupPidsStats()
        pids.current = try number("\(dir)/pids.current")
        pids.limit = try limit("\(dir)/pids.max")
        return pids
    }
}
