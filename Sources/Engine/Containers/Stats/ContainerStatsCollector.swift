// SPDX-License-Identifier: Apache-2.0
// `GET /containers/{id}/stats`: samples a container's cgroup into `ContainerStats`, once or as a stream.

import Glibc
import Models
import Platform

/// Samples one container as dockerd's stats collector does: each sample carries the previous sample's CPU figures
/// (`precpu_stats`, `preread`) so the CLI can compute a rate, and a container that is not running yields a
/// zeroed sample with only `name` and `id` set (`read` is Go's zero time). The cgroup reads are a dozen small
/// cgroupfs files answered from kernel memory, so they run inline rather than on a blocking thread.
public struct ContainerStatsCollector: Sendable {
    /// Returns the container's init PID while it runs, nil otherwise (the engine's state, not the runtime's).
    public typealias ProcessLookup = @Sendable () async -> Int32?
    /// Returns the counters per interface of the process's network namespace, nil when it has no network.
    public typealias NetworkReader = @Sendable (_ pid: Int32) async -> [String: NetworkStats]?

    /// Full container ID.
    public let id: String
    /// Container name with its leading `/`.
    public let name: String
    /// Reads the container's cgroup.
    public let reader: CgroupStatsReader
    /// Host RAM in bytes: the memory limit reported for an unlimited container.
    public let hostMemory: UInt64
    let processID: ProcessLookup
    let networks: NetworkReader?

    /// Creates a collector for the container whose cgroup is `paths` (see `ContainerCgroup.paths`).
    public init(
        id: String, name: String, paths: CgroupPaths, hostMemory: UInt64 = Self.hostMemory(), procStatPath: String = "/proc/stat",
        clockTicks: UInt64 = CgroupStatsReader.hostClockTicks, processID: @escaping ProcessLookup, networks: NetworkReader? = nil
    ) {
        self.id = id
        self.name = name.hasPrefix("/") ? name : "/" + name
        self.reader = CgroupStatsReader(paths: paths, procStatPath: procStatPath, clockTicks: clockTicks)
        self.hostMemory = hostMemory
        self.processID = processID
        self.networks = networks
    }

    /// `MemTotal` of /proc/meminfo in bytes (dockerd's `machineMemory`); 0 when unreadable (no cap then).
    public static func hostMemory() -> UInt64 {
        UInt64(clamping: (try? MemInfo.current().memTotal) ?? 0)
    }

    /// One sample following `previous` (nil for the first: empty `precpu_stats`, zero `preread`).
    /// A cgroup that vanishes while the container stops reads as a stopped container, not an error.
    public func sample(after previous: ContainerStats? = nil) async throws(EngineError) -> ContainerStats {
        var stats = ContainerStats()
        if let pid = await processID() {
            do {
                stats = try read()
                stats.networks = await networks?(pid).flatMap { $0.isEmpty ? nil : $0 }
            } catch {
                guard error.code == ENOENT, await processID() == nil else {
                    throw .system("stats of container \(id): \(error)")
                }
                stats = ContainerStats()
            }
        }
        stats.name = name
        stats.id = id
        stats.precpuStats = previous?.cpuStats ?? CPUStats()
        stats.preread = previous?.read ?? ContainerStats().preread
        return stats
    }

    /// `stream=false`: with `oneShot` one sample without previous figures; otherwise two samples `interval`
    /// apart so `precpu_stats` is filled (dockerd primes the CPU figures the same way). A container that is
    /// not running answers at once with the zeroed sample.
    public func snapshot(oneShot: Bool, interval: Duration = .seconds(1)) async throws -> ContainerStats {
        let first = try await sample()
        if oneShot || first.read == ContainerStats().read { return first }
        try await Task.sleep(for: interval)
        return try await sample(after: first)
    }

    /// `stream=true` (`docker stats`): a sample now, then one every `interval` until the consumer stops
    /// (cancelling the sampling task). A slow consumer gets the newest sample, not a backlog.
    public func stream(interval: Duration = .seconds(1)) -> AsyncThrowingStream<ContainerStats, Error> {
        let (stream, continuation) = AsyncThrowingStream<ContainerStats, Error>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let task = Task {
            var previous: ContainerStats?
            do {
                while !Task.isCancelled {
                    let next = try await sample(after: previous)
                    continuation.yield(next)
                    previous = next
                    try await Task.sleep(for: interval)
                }
                continuation.finish()
            } catch is CancellationError {
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// Reads the cgroup and stamps the sample with the current time (RFC 3339 in UTC, as containerd's
    /// metrics timestamp arrives in dockerd).
    func read() throws(Errno) -> ContainerStats {
        let cgroup = try reader.read()
        var stats = ContainerStatsMapper.sample(
            cgroup, version: reader.paths.version, hostMemory: hostMemory, oomEvents: reader.memoryOOMEvents())
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        stats.read = Timestamps.rfc3339(nanos: Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec))
        return stats
    }
}
