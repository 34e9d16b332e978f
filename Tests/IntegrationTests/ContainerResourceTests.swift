// SPDX-License-Identifier: Apache-2.0
// Resource limits of real containers with the docker CLI, checked in the host's cgroup v1 files
// (/sys/fs/cgroup/<controller>/berth/<id>/…) and from inside: memory, swap, reservation, CPU quota/shares/cpuset,
// pids (a fork bomb stops), blkio weight, ulimits, /dev/shm size, the OOM killer; `docker update` live,
// `docker stats` and the stats API against the cgroup files, `docker top`. Expectations measured on dockerd 20.10.24.

import Foundation
import Testing

@Suite(.enabled(if: Env.integration), .serialized)
struct ContainerResourceTests {
    static let mib: Int64 = 1024 * 1024

    @Test func memoryLimitsInCgroupAndInside() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        let id = try await docker.startSleeper(["--memory", "64m", "--memory-swap", "128m", "--memory-reservation", "32m"], name: "mem")
        #expect(KernelView.cgroupFile("memory", id, "memory.limit_in_bytes") == "\(64 * Self.mib)", "\(daemon.log)")
        #expect(KernelView.cgroupFile("memory", id, "memory.memsw.limit_in_bytes") == "\(128 * Self.mib)")
        #expect(KernelView.cgroupFile("memory", id, "memory.soft_limit_in_bytes") == "\(32 * Self.mib)")
        let inside = try await docker.output(["exec", "mem", "cat", "/sys/fs/cgroup/memory/memory.limit_in_bytes"])
        #expect(inside.trimmed == "\(64 * Self.mib)")
        let inspect = try await docker.output([
            "inspect", "-f", "{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.MemoryReservation}}", "mem",
        ])
        #expect(inspect == "\(64 * Self.mib) \(128 * Self.mib) \(32 * Self.mib)\n")

        // dockerd doubles the limit for swap when only --memory is given.
        let plain = try await docker.startSleeper(["--memory", "16m"], name: "mem2")
        #expect(KernelView.cgroupFile("memory", plain, "memory.memsw.limit_in_bytes") == "\(32 * Self.mib)")
        let doubled = try await docker.output(["inspect", "-f", "{{.HostConfig.MemorySwap}}", "mem2"])
        #expect(doubled == "\(32 * Self.mib)\n")

        let oomOff = try await docker.startSleeper(["--memory", "32m", "--oom-kill-disable"], name: "nooom")
        #expect(KernelView.cgroupFile("memory", oomOff, "memory.oom_control").contains("oom_kill_disable 1"))
        let warned = try await docker.run(["run", "--rm", "--oom-kill-disable", "busybox", "true"])
        #expect(
            warned.succeeded && warned.stderr.contains("OOM killer is disabled for the container, but no memory limit is set"), "\(warned)")

        let tooSmall = try await docker.run(["run", "--rm", "--memory", "4m", "busybox", "true"])
        #expect(tooSmall.status.code == 125 && tooSmall.stderr.contains("Minimum memory limit allowed is 6MB"), "\(tooSmall)")
        let swapOnly = try await docker.run(["run", "--rm", "--memory-swap", "100m", "busybox", "true"])
        #expect(
            swapOnly.status.code == 125 && swapOnly.stderr.contains("You should always set the Memory limit when using Memoryswap limit"),
            "\(swapOnly)")
        let reservation = try await docker.run(["run", "--rm", "--memory", "16m", "--memory-reservation", "32m", "busybox", "true"])
        #expect(
            reservation.status.code == 125
                && reservation.stderr.contains("Minimum memory limit can not be less than memory reservation limit"), "\(reservation)")
    }

    @Test func cpuLimitsInCgroupAndInside() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        let cpus = try await docker.startSleeper(["--cpus", "1.5", "--cpu-shares", "512"], name: "cpus")
        #expect(KernelView.cgroupFile("cpu", cpus, "cpu.cfs_period_us") == "100000", "\(daemon.log)")
        #expect(KernelView.cgroupFile("cpu", cpus, "cpu.cfs_quota_us") == "150000")
        #expect(KernelView.cgroupFile("cpu", cpus, "cpu.shares") == "512")
        let quota = try await docker.startSleeper(["--cpu-period", "50000", "--cpu-quota", "25000"], name: "quota")
        #expect(KernelView.cgroupFile("cpu", quota, "cpu.cfs_period_us") == "50000")
        #expect(KernelView.cgroupFile("cpu", quota, "cpu.cfs_quota_us") == "25000")
        let pinned = try await docker.startSleeper(["--cpuset-cpus", "1"], name: "pinned")
        #expect(KernelView.cgroupFile("cpuset", pinned, "cpuset.cpus") == "1")
        let allowed = try await docker.output(["exec", "pinned", "grep", "Cpus_allowed_list", "/proc/self/status"])
        #expect(allowed.hasSuffix("\t1\n"), "\(allowed)")

        let tooMany = try await docker.run(["run", "--rm", "--cpus", "3", "busybox", "true"])
        #expect(
            tooMany.status.code == 125 && tooMany.stderr.contains("Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available"),
            "\(tooMany)")
        let missing = try await docker.run(["run", "--rm", "--cpuset-cpus", "5", "busybox", "true"])
        #expect(
            missing.status.code == 125 && missing.stderr.contains("Requested CPUs are not available - requested 5, available: 0-1"),
            "\(missing)")
        let malformed = try await docker.run(["run", "--rm", "--cpuset-cpus", "x-", "busybox", "true"])
        #expect(malformed.status.code == 125 && malformed.stderr.contains("Invalid value x- for cpuset cpus"), "\(malformed)")
        let period = try await docker.run(["run", "--rm", "--cpu-period", "100", "busybox", "true"])
        #expect(period.status.code == 125 && period.stderr.contains("CPU cfs period can not be less than 1ms"), "\(period)")
    }

    @Test func pidsLimitStopsAForkBomb() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        let id = try await docker.startSleeper(["--pids-limit", "10"], name: "pids")
        #expect(KernelView.cgroupFile("pids", id, "pids.max") == "10", "\(daemon.log)")
        let bomb = try await docker.run([
            "exec", "pids", "sh", "-c", "i=0; while [ $i -lt 30 ]; do sleep 30 & i=$((i+1)); done; sleep 0.2; ls /proc | grep -c '^[0-9]'",
        ])
        #expect(bomb.stderr.contains("fork") || bomb.stderr.contains("Resource temporarily unavailable"), "\(bomb)")
        let current = Int(KernelView.cgroupFile("pids", id, "pids.current")) ?? -1
        #expect(current > 1 && current <= 10, "pids.current \(current)")
        #expect(Int(KernelView.cgroupFile("pids", id, "pids.events").split(separator: " ").last ?? "") ?? 0 > 0, "no failed forks counted")
    }

    @Test func blkioUlimitShmSize() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        let blkio = try await docker.run(["run", "-d", "--name", "blk", "--blkio-weight", "300", "busybox", "sleep", "1000"])
        #expect(blkio.succeeded, "\(blkio)\n\(daemon.log)")
        let id = blkio.stdout.trimmed
        let weight = try await docker.run(["run", "--rm", "--blkio-weight", "5", "busybox", "true"])
        let manager = FileManager.default
        if manager.fileExists(atPath: "/sys/fs/cgroup/blkio/blkio.weight") {
            #expect(KernelView.cgroupFile("blkio", id, "blkio.weight") == "300")
            #expect(weight.status.code == 125 && weight.stderr.contains("Range of blkio weight is from 10 to 1000"), "\(weight)")
        } else if !manager.fileExists(atPath: "/sys/fs/cgroup/blkio/blkio.bfq.weight") {
            // This host (cgroup v1 without CFQ/BFQ): dockerd drops the weight with a warning, before the range check.
            let warning = "WARNING: Your kernel does not support Block I/O weight or the cgroup is not mounted. Weight discarded."
            #expect(blkio.stderr.contains(warning), "\(blkio)")
            #expect(weight.succeeded && weight.stderr.contains(warning), "\(weight)")
            let stored = try await docker.output(["inspect", "-f", "{{.HostConfig.BlkioWeight}}", "blk"])
            #expect(stored == "0\n", "a discarded weight is not stored: \(stored)")
        }

        let ulimit = try await docker.output([
            "run", "--rm", "--ulimit", "nofile=1234:2345", "busybox", "sh", "-c", "ulimit -n; ulimit -Hn",
        ])
        #expect(ulimit == "1234\n2345\n")
        let procs = try await docker.output(["run", "--rm", "--ulimit", "nproc=77", "busybox", "sh", "-c", "ulimit -u"])
        #expect(procs == "77\n")

        let shm = try await docker.output(["run", "--rm", "--shm-size", "32m", "busybox", "df", "-k", "/dev/shm"])
        #expect(shm.hasLine(matching: "^shm +32768 "), "\(shm)")
        let defaultShm = try await docker.output(["run", "--rm", "busybox", "df", "-k", "/dev/shm"])
        #expect(defaultShm.hasLine(matching: "^shm +65536 "), "\(defaultShm)")
    }

    @Test func outOfMemoryKillIsReportedWithAnEvent() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        let since = String(Int(Date().timeIntervalSince1970) - 1)
        // The string doubles until the 8 MiB limit (swap included) is hit.
        let run = try await docker.run(
            [
                "run", "--name", "hog", "--memory", "8m", "--memory-swap", "8m", "busybox", "sh", "-c", "a=x; while true; do a=$a$a; done",
            ], timeout: 60)
        #expect(run.status.code == 137, "\(run)\n\(daemon.log)")
        let state = try await docker.output(["inspect", "-f", "{{.State.OOMKilled}} {{.State.ExitCode}} {{.State.Status}}", "hog"])
        #expect(state == "true 137 exited\n", "\(daemon.log)")
        try await waitForNextSecond()
        let events = try await docker.output([
            "events", "--since", since, "--until", String(Int(Date().timeIntervalSince1970)), "--filter", "container=hog", "--format",
            "{{.Action}}",
        ])
        let actions = events.split(separator: "\n").map(String.init)
        #expect(actions.contains("oom") && actions.contains("die"), "\(actions)")
        if let oom = actions.firstIndex(of: "oom"), let die = actions.firstIndex(of: "die") { #expect(oom < die, "\(actions)") }
        // Started again, the same program is OOM-killed again (exit status through `start -a`).
        #expect(try await docker.run(["start", "-a", "hog"]).status.code == 137)
    }

    @Test func updateChangesLimitsLive() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        let id = try await docker.startSleeper(["--memory", "64m", "--pids-limit", "20"], name: "upd")
        let update = try await docker.run(["update", "--memory", "96m", "--cpus", "0.5", "--pids-limit", "30", "upd"])
        #expect(update.succeeded, "\(update)\n\(daemon.log)")
        #expect(KernelView.cgroupFile("memory", id, "memory.limit_in_bytes") == "\(96 * Self.mib)")
        #expect(KernelView.cgroupFile("cpu", id, "cpu.cfs_quota_us") == "50000")
        #expect(KernelView.cgroupFile("pids", id, "pids.max") == "30")
        let swap = try await docker.run(["update", "--memory", "100m", "--memory-swap", "200m", "upd"])
        #expect(swap.succeeded, "\(swap)")
        #expect(KernelView.cgroupFile("memory", id, "memory.memsw.limit_in_bytes") == "\(200 * Self.mib)")
        let stored = try await docker.output([
            "inspect", "-f", "{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.NanoCpus}} {{.HostConfig.PidsLimit}}", "upd",
        ])
        #expect(stored == "\(100 * Self.mib) \(200 * Self.mib) 500000000 30\n")
        let inside = try await docker.output(["exec", "upd", "cat", "/sys/fs/cgroup/pids/pids.max"])
        #expect(inside == "30\n")
        let bad = try await docker.run(["update", "--cpus", "9", "upd"])
        #expect(bad.status.code == 1 && bad.stderr.contains("Range of CPUs is from 0.01 to 2.00"), "\(bad)")
        let missing = try await docker.run(["update", "--memory", "64m", "nosuch"])
        #expect(missing.status.code == 1 && missing.stderr.contains("No such container: nosuch"), "\(missing)")

        // A stopped container keeps the update for its next start.
        #expect(try await docker.run(["stop", "-t", "0", "upd"]).succeeded)
        #expect(try await docker.run(["update", "--pids-limit", "40", "upd"]).succeeded)
        #expect(try await docker.run(["start", "upd"]).succeeded)
        #expect(KernelView.cgroupFile("pids", id, "pids.max") == "40")
    }

    @Test func statsAndTopAgreeWithTheKernel() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        let id = try await docker.startSleeper(["--memory", "64m"], name: "obs")
        #expect(try await docker.run(["exec", "-d", "obs", "sleep", "500"]).succeeded)
        try await Task.sleep(for: .milliseconds(300))
        let pids = KernelView.cgroupFile("pids", id, "pids.current")
        #expect(pids == "2", "\(daemon.log)")

        let cli = try await docker.output(["stats", "--no-stream", "--format", "{{.Name}}|{{.MemUsage}}|{{.PIDs}}", "obs"])
        let fields = cli.trimmed.split(separator: "|").map(String.init)
        #expect(fields.count == 3 && fields[0] == "obs" && fields[1].hasSuffix(" / 64MiB") && fields[2] == pids, "\(cli)")

        let reply = try await daemon.request("GET", "/containers/obs/stats?stream=false")
        #expect(reply.status == 200, "\(reply)")
        let sample = try reply.json()
        let memory = sample["memory_stats"] as? [String: Any] ?? [:]
        let usage = (memory["usage"] as? NSNumber)?.int64Value ?? -1
        let kernelUsage = Int64(KernelView.cgroupFile("memory", id, "memory.usage_in_bytes")) ?? 0
        #expect(usage > 0 && abs(usage - kernelUsage) < 4 * Self.mib, "usage \(usage) vs cgroup \(kernelUsage)")
        #expect((memory["limit"] as? NSNumber)?.int64Value == 64 * Self.mib, "\(memory)")
        #expect(((sample["pids_stats"] as? [String: Any])?["current"] as? NSNumber)?.stringValue == pids, "\(sample)")
        #expect(sample["id"] as? String == id && sample["name"] as? String == "/obs")
        let usageCPU = ((sample["cpu_stats"] as? [String: Any])?["cpu_usage"] as? [String: Any])?["total_usage"] as? NSNumber
        let kernelCPU = Int64(KernelView.cgroupFile("cpuacct", id, "cpuacct.usage")) ?? 0
        #expect(
            (usageCPU?.int64Value ?? 0) > 0 && (usageCPU?.int64Value ?? 0) <= kernelCPU, "\(String(describing: usageCPU)) vs \(kernelCPU)")

        // The stream sends one sample a second until the client goes away.
        let stream = try await Command.run(
            tool: "curl", ["-s", "-N", "--max-time", "2.6", "--unix-socket", daemon.socketPath, "http://berth/containers/obs/stats"],
            timeout: 10)
        let samples = stream.stdout.split(separator: "\n").filter { $0.hasPrefix("{") }
        #expect((2...3).contains(samples.count), "\(stream)")
        if let second = samples.dropFirst().first, let object = try JSONSerialization.jsonObject(with: Data(second.utf8)) as? [String: Any]
        {
            let previous = ((object["precpu_stats"] as? [String: Any])?["cpu_usage"] as? [String: Any])?["total_usage"] as? NSNumber
            #expect((previous?.int64Value ?? 0) > 0, "the second sample carries the first one's CPU: \(object)")
        }

        let top = try await docker.output(["top", "obs"])
        let rows = top.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(rows.first == ["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"], "\(top)")
        let pid = try await docker.output(["inspect", "-f", "{{.State.Pid}}", "obs"]).trimmed
        #expect(rows.contains { $0.count >= 2 && $0[1] == pid && $0.suffix(2) == ["sleep", "1000"] }, "\(top)")
        #expect(rows.contains { $0.suffix(2) == ["sleep", "500"] }, "\(top)")
        #expect(rows.count == 3, "\(top)")
        let aux = try await docker.output(["top", "obs", "aux"])
        let auxRows = aux.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(auxRows.first?.prefix(4) == ["USER", "PID", "%CPU", "%MEM"], "\(aux)")
        #expect(auxRows.first?.last == "COMMAND" && auxRows.count == 3, "\(aux)")
        let badArgs = try await docker.run(["top", "obs", "--no-such-ps-flag"])
        #expect(badArgs.status.code == 1 && !badArgs.stderr.contains("500"), "\(badArgs)")

        #expect(try await docker.run(["stop", "-t", "0", "obs"]).succeeded)
        let stopped = try await docker.run(["top", "obs"])
        #expect(stopped.status.code == 1 && stopped.stderr.contains("is not running"), "\(stopped)")
        let zero = try await daemon.request("GET", "/containers/obs/stats?stream=false")
        let zeroMemory = (try zero.json())["memory_stats"] as? [String: Any]
        #expect(zero.status == 200 && zeroMemory?.isEmpty == true, "\(zero)")
    }
}
