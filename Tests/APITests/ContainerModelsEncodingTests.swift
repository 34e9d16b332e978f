// SPDX-License-Identifier: Apache-2.0
// Encoding container models as dockerd does: exact wire keys, Resources flat in HostConfig, `null` for Go's nil
// slices and pointers, omitted `omitempty` fields, and round trips of inspect, stats and exec values.

import Models
import Testing

@Suite struct ContainerModelsEncodingTests {
    static func json(_ value: some Encodable) throws -> JSONValue {
        try JSONCoding.decode(JSONValue.self, from: try JSONCoding.encodeString(value))
    }

    @Test func hostConfigKeysAreFlat() throws {
        var host = HostConfig(portBindings: ["80/tcp": [PortBinding(hostPort: "8080")]], autoRemove: true)
        host.resources.nanoCpus = 500_000_000
        host.resources.oomKillDisable = true
        let value = try Self.json(host)
        #expect(value["NanoCpus"]?.int == 500_000_000)
        #expect(value["OomKillDisable"]?.bool == true)
        #expect(value["PortBindings"]?["80/tcp"]?[0]?["HostIp"]?.string == "")
        #expect(value["PortBindings"]?["80/tcp"]?[0]?["HostPort"]?.string == "8080")
        #expect(value["AutoRemove"]?.bool == true)
        #expect(value["Resources"] == nil)
        // Go writes nil slices and pointers as null and leaves out omitempty fields.
        #expect(value["Binds"] == .null && value["PidsLimit"] == .null && value["MemorySwappiness"] == .null)
        #expect(value["Mounts"] == nil && value["Init"] == nil && value["Runtime"] == nil && value["Sysctls"] == nil)
        #expect(value["ConsoleSize"] == .array([.int(0), .int(0)]))
        #expect(value["RestartPolicy"] == .object(["Name": .string(""), "MaximumRetryCount": .int(0)]))
        #expect(value["LogConfig"]?["Config"] == .null)
        #expect(try JSONCoding.decode(HostConfig.self, from: try JSONCoding.encodeString(host)) == host)
    }

    @Test func createRequestRoundTrip() throws {
        let body = try JSONCoding.decode(ContainerCreateRequest.self, from: ContainerModelsDecodingTests.compose)
        let value = try Self.json(body)
        #expect(value["Image"]?.string == "postgres:16")
        #expect(value["HostConfig"]?["Mounts"]?[2]?["TmpfsOptions"]?["SizeBytes"]?.int == 65536)
        #expect(value["HostConfig"]?["Init"]?.bool == true)
        #expect(value["NetworkingConfig"]?["EndpointsConfig"]?["app_default"]?["IPAMConfig"]?["IPv4Address"]?.string == "172.20.0.5")
        #expect(try JSONCoding.decode(ContainerCreateRequest.self, from: try JSONCoding.encodeString(body)) == body)
        let sparse = try Self.json(ContainerCreateRequest(config: ContainerConfig(image: "busybox")))
        #expect(sparse["HostConfig"] == nil && sparse["Cmd"] == .null && sparse["Healthcheck"] == nil)
    }

    static func inspect() -> ContainerInspect {
        var host = HostConfig(networkMode: "bridge", restartPolicy: RestartPolicy(name: "on-failure", maximumRetryCount: 3))
        host.resources.memory = 64 << 20
        return ContainerInspect(
            id: String(repeating: "a", count: 64), created: "2025-05-01T10:00:00.123456789Z", path: "sh", args: ["-c", "sleep 1"],
            state: ContainerState(
                status: "running", running: true, pid: 4242, startedAt: "2025-05-01T10:00:01.5Z",
                health: Health(status: "healthy", log: [HealthcheckResult(start: "a", end: "b", exitCode: 0, output: "ok\n")])),
            image: "sha256:" + String(repeating: "b", count: 64), name: "/web", driver: "overlay2", platform: "linux",
            hostConfig: host, graphDriver: DriverData(name: "overlay2", data: ["MergedDir": "/m"]),
            mounts: [MountPoint(type: "volume", name: "v", source: "/var/lib/berth/volumes/v/_data", destination: "/data")],
            config: ContainerConfig(hostname: "aaaaaaaaaaaa", cmd: ["sh"], image: "busybox", labels: [:]),
            networkSettings: NetworkSettings(
                sandboxKey: "/var/run/berth/netns/x",
                ports: ["80/tcp": [PortBinding(hostIP: "0.0.0.0", hostPort: "8080")], "443/tcp": nil],
                networks: ["bridge": EndpointSettings(networkID: "n", ipAddress: "172.17.0.2", ipPrefixLen: 16)]))
    }

    @Test func inspectRoundTripAndKeys() throws {
        let inspect = Self.inspect()
        let value = try Self.json(inspect)
        #expect(value["Id"]?.string == inspect.id)
        #expect(value["State"]?["OOMKilled"]?.bool == false && value["State"]?["Health"]?["FailingStreak"]?.int == 0)
        #expect(value["State"]?["FinishedAt"]?.string == "0001-01-01T00:00:00Z")
        #expect(value["HostConfig"]?["Memory"]?.int == 64 << 20)
        #expect(value["NetworkSettings"]?["Ports"]?["443/tcp"] == .null)
        #expect(value["NetworkSettings"]?["Networks"]?["bridge"]?["IPAddress"]?.string == "172.17.0.2")
        #expect(value["NetworkSettings"]?["IPAddress"] == nil)
        #expect(value["ExecIDs"] == .null && value["SizeRw"] == nil && value["ImageManifestDescriptor"] == nil)
        #expect(try JSONCoding.decode(ContainerInspect.self, from: try JSONCoding.encodeString(inspect)) == inspect)
    }

    @Test func statsKeysAndRoundTrip() throws {
        let stats = ContainerStats(
            name: "/web", id: "abc", read: "2025-05-01T10:00:02Z", pidsStats: PidsStats(current: 3),
            cpuStats: CPUStats(
                cpuUsage: CPUUsage(totalUsage: 500, usageInKernelmode: 100, usageInUsermode: 400), systemCPUUsage: 9000, onlineCPUs: 2),
            memoryStats: MemoryStats(usage: 4096, stats: ["inactive_file": 1024], limit: 1 << 30),
            networks: ["eth0": NetworkStats(rxBytes: 10, txBytes: 20)])
        let value = try Self.json(stats)
        #expect(value["cpu_stats"]?["cpu_usage"]?["total_usage"]?.int == 500)
        #expect(value["cpu_stats"]?["system_cpu_usage"]?.int == 9000 && value["cpu_stats"]?["online_cpus"]?.int == 2)
        #expect(value["cpu_stats"]?["cpu_usage"]?["percpu_usage"] == nil)
        #expect(value["precpu_stats"]?["cpu_usage"]?["total_usage"]?.int == 0)
        #expect(value["precpu_stats"]?["throttling_data"]?["throttled_periods"]?.int == 0)
        #expect(value["memory_stats"]?["stats"]?["inactive_file"]?.int == 1024 && value["memory_stats"]?["max_usage"] == nil)
        #expect(value["pids_stats"]?["current"]?.int == 3 && value["blkio_stats"]?["io_service_bytes_recursive"] == .null)
        #expect(value["networks"]?["eth0"]?["tx_bytes"]?.int == 20 && value["preread"]?.string == "0001-01-01T00:00:00Z")
        #expect(try JSONCoding.decode(ContainerStats.self, from: try JSONCoding.encodeString(stats)) == stats)
        // A cgroup v2 sample from dockerd 28, trimmed: no percpu_usage, max_usage or failcnt.
        let v2 = try JSONCoding.decode(
            ContainerStats.self,
            from: #"""
                {"read":"2025-05-01T10:00:02.5Z","preread":"2025-05-01T10:00:01.5Z","pids_stats":{"current":1,"limit":18446744073709551615},
                 "blkio_stats":{"io_service_bytes_recursive":[{"major":8,"minor":0,"op":"read","value":4096}],"io_serviced_recursive":null},
                 "num_procs":0,"storage_stats":{},"cpu_stats":{"cpu_usage":{"total_usage":12345,"usage_in_kernelmode":45,"usage_in_usermode":300},
                 "system_cpu_usage":99999,"online_cpus":2,"throttling_data":{"periods":0,"throttled_periods":0,"throttled_time":0}},
                 "precpu_stats":{"cpu_usage":{"total_usage":0,"usage_in_kernelmode":0,"usage_in_usermode":0},"throttling_data":{"periods":0,"throttled_periods":0,"throttled_time":0}},
                 "memory_stats":{"usage":700416,"stats":{"anon":4096,"inactive_file":0},"limit":8236429312},"name":"/web","id":"abc",
                 "networks":{"eth0":{"rx_bytes":796,"rx_packets":8,"rx_errors":0,"rx_dropped":0,"tx_bytes":0,"tx_packets":0,"tx_errors":0,"tx_dropped":0}}}
                """#)
        #expect(v2.pidsStats.limit == UInt64.max && v2.cpuStats.cpuUsage.totalUsage == 12345 && v2.precpuStats.systemCPUUsage == nil)
        #expect(v2.blkioStats.ioServiceBytesRecursive == [BlkioStatEntry(major: 8, minor: 0, op: "read", value: 4096)])
        #expect(v2.memoryStats.limit == 8_236_429_312 && v2.networks?["eth0"]?.rxPackets == 8)
    }

    @Test func smallResponses() throws {
        #expect(try JSONCoding.encodeString(ContainerCreateResponse(id: "abc")) == #"{"Id":"abc","Warnings":[]}"#)
        #expect(try JSONCoding.encodeString(ContainerWaitResponse(statusCode: 137)) == #"{"StatusCode":137}"#)
        #expect(
            try JSONCoding.encodeString(ContainerWaitResponse(statusCode: 0, error: .init(message: "boom")))
                == #"{"Error":{"Message":"boom"},"StatusCode":0}"#)
        #expect(try JSONCoding.encodeString(ContainerUpdateResponse()) == #"{"Warnings":null}"#)
        #expect(
            try JSONCoding.encodeString(ContainerTopResponse(titles: ["PID"], processes: [["1"]]))
                == #"{"Processes":[["1"]],"Titles":["PID"]}"#)
        #expect(try JSONCoding.encodeString(ContainerChangeItem(path: "/tmp", kind: 1)) == #"{"Kind":1,"Path":"/tmp"}"#)
        #expect(try JSONCoding.encodeString(ContainersPruneResponse()) == #"{"ContainersDeleted":null,"SpaceReclaimed":0}"#)
        #expect(try JSONCoding.encodeString(IDResponse(id: "e1")) == #"{"Id":"e1"}"#)
        #expect(try JSONCoding.encodeString(ExecStartConfig(detach: true)) == #"{"Detach":true,"Tty":false}"#)
    }

    @Test func execInspectKeys() throws {
        let exec = ExecInspect(
            id: "e1", running: true, processConfig: .init(user: "root", tty: true, entrypoint: "sh", arguments: ["-c", "ls"]),
            openStdout: true, containerID: "c1", pid: 99)
        let value = try Self.json(exec)
        #expect(value["ID"]?.string == "e1" && value["ExitCode"] == .null && value["CanRemove"]?.bool == false)
        #expect(value["ProcessConfig"]?["entrypoint"]?.string == "sh" && value["ProcessConfig"]?["privileged"] == nil)
        #expect(value["ProcessConfig"]?["user"]?.string == "root")
        #expect(try JSONCoding.decode(ExecInspect.self, from: try JSONCoding.encodeString(exec)) == exec)
        let config = try JSONCoding.decode(ExecConfig.self, from: #"{"AttachStdout":true,"Cmd":"ls","ConsoleSize":[24,80],"Env":["A=1"]}"#)
        #expect(config.cmd == ["ls"] && config.consoleSize == [24, 80] && config.attachStdout && !config.attachStdin)
    }
}
