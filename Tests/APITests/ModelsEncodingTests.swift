// SPDX-License-Identifier: Apache-2.0
// Wire shape of the system-endpoint models: exact key names, omitted nils, sorted output, round trips.

import Models
import Testing

@Suite struct ModelsEncodingTests {
    static func sampleInfo() -> SystemInfo {
        var info = SystemInfo()
        info.id = "7TRN:IPZB:QYBB:VPBQ:UWFT:LDDB:6JJF:OSIA:EUHC:Z7UI:NCGF:XMZA"
        info.containers = 3
        info.containersRunning = 1
        info.containersStopped = 2
        info.driver = "overlay2"
        info.driverStatus = [["Backing Filesystem", "extfs"], ["Supports d_type", "true"]]
        info.dockerRootDir = "/var/lib/berth"
        info.plugins = PluginsInfo(volume: ["local"], network: ["bridge", "host", "null"], log: ["json-file"])
        info.memoryLimit = true
        info.cpuCfsPeriod = true
        info.ipv4Forwarding = true
        info.cgroupVersion = "1"
        info.kernelVersion = "6.1.0-18-amd64"
        info.operatingSystem = "Debian GNU/Linux 12 (bookworm)"
        info.osVersion = "12"
        info.architecture = "x86_64"
        info.cpuCount = 2
        info.memTotal = 25_168_183_296
        info.registryConfig = RegistryServiceConfig(
            insecureRegistryCIDRs: ["127.0.0.0/8", "::1/128"],
            indexConfigs: ["docker.io": IndexInfo(name: "docker.io", secure: true, official: true)])
        info.runtimes = ["runc": SystemInfo.Runtime(path: "runc"), "crun": SystemInfo.Runtime(path: "/usr/bin/crun")]
        info.runcCommit = SystemInfo.Commit(id: "v1.1.5-0-gf19387a")
        info.securityOptions = ["name=seccomp,profile=builtin", "name=cgroupns"]
        info.warnings = ["WARNING: No swap limit support"]
        info.defaultAddressPools = [SystemInfo.AddressPool(base: "10.10.0.0/16", size: 24)]
        return info
    }

    @Test func systemInfoUsesDockerKeyNames() throws {
        let json = try JSONCoding.encodeString(Self.sampleInfo())
        for key in [
            "\"ID\":", "\"NCPU\":2", "\"OSType\":\"linux\"", "\"OSVersion\":", "\"MemTotal\":25168183296", "\"NFd\":",
            "\"NGoroutines\":", "\"NEventsListener\":", "\"CpuCfsPeriod\":true", "\"CpuCfsQuota\":false",
            "\"CPUShares\":", "\"CPUSet\":", "\"IPv4Forwarding\":true", "\"OomKillDisable\":", "\"HttpProxy\":",
            "\"HttpsProxy\":", "\"CgroupDriver\":\"cgroupfs\"", "\"CgroupVersion\":\"1\"", "\"CDISpecDirs\":[]",
            "\"IndexServerAddress\":\"https://index.docker.io/v1/\"", "\"DriverStatus\":[[\"Backing Filesystem\",\"extfs\"]",
            "\"Labels\":[]", "\"Warnings\":[\"WARNING: No swap limit support\"]",
            "\"SecurityOptions\":[\"name=seccomp,profile=builtin\",\"name=cgroupns\"]",
            "\"Plugins\":{\"Authorization\":[],\"Log\":[\"json-file\"],\"Network\":[\"bridge\",\"host\",\"null\"],\"Volume\":[\"local\"]}",
            "\"Runtimes\":{\"crun\":{\"path\":\"/usr/bin/crun\"},\"runc\":{\"path\":\"runc\"}}",
            "\"RuncCommit\":{\"ID\":\"v1.1.5-0-gf19387a\"}", "\"InitCommit\":{\"ID\":\"\"}",
            "\"Swarm\":{\"ControlAvailable\":false,\"Error\":\"\",\"LocalNodeState\":\"inactive\",\"NodeAddr\":\"\",\"NodeID\":\"\"}",
            "\"RegistryConfig\":{\"IndexConfigs\":{\"docker.io\":{\"Mirrors\":[],\"Name\":\"docker.io\",\"Official\":true,\"Secure\":true}},\"InsecureRegistryCIDRs\":[\"127.0.0.0/8\",\"::1/128\"],\"Mirrors\":[]}",
            "\"DefaultAddressPools\":[{\"Base\":\"10.10.0.0/16\",\"Size\":24}]", "\"DefaultRuntime\":\"runc\"",
        ] {
            #expect(json.contains(key), "missing \(key)")
        }
        for absent in ["KernelMemoryTCP", "KernelMemory\"", "BridgeNf", "ProductLicense", "FirewallBackend", "Containerd\"", "\\/"] {
            #expect(!json.contains(absent), "unexpected \(absent)")
        }
        #expect(json.hasPrefix("{\"Architecture\":\"x86_64\","))
    }

    @Test func systemInfoRoundTripsAndEncodesDeterministically() throws {
        var info = Self.sampleInfo()
        info.kernelMemoryTCP = true
        info.firewallBackend = SystemInfo.FirewallInfo(driver: "iptables", info: [["ReloadedAt", "2025-01-01T00:00:00Z"]])
        info.containerd = SystemInfo.ContainerdInfo(address: "/run/containerd/containerd.sock")
        info.genericResources = [
            SystemInfo.GenericResource(discreteResourceSpec: .init(kind: "SSD", value: 3)),
            SystemInfo.GenericResource(namedResourceSpec: .init(kind: "GPU", value: "UUID1")),
        ]
        info.discoveredDevices = [SystemInfo.DeviceInfo(source: "cdi", id: "vendor.com/gpu=0")]
        let first = try JSONCoding.encode(info)
        #expect(try JSONCoding.encode(info) == first)
        #expect(try JSONCoding.decode(SystemInfo.self, from: first) == info)
        let json = try JSONCoding.encodeString(info)
        #expect(json.contains("\"KernelMemoryTCP\":true"))
        #expect(
            json.contains(
                "\"Containerd\":{\"Address\":\"/run/containerd/containerd.sock\",\"Namespaces\":{\"Containers\":\"moby\",\"Plugins\":\"plugins.moby\"}}"
            ))
        #expect(json.contains("\"GenericResources\":[{\"DiscreteResourceSpec\":{\"Kind\":\"SSD\",\"Value\":3}}"))
    }

    @Test func systemVersionUsesDockerKeyNames() throws {
        let version = SystemVersion(
            platform: .init(name: "Berth"),
            components: [.init(name: "Engine", version: "0.1.0", details: ["ApiVersion": "1.50"])],
            version: "0.1.0", apiVersion: "1.50", minAPIVersion: "1.24", gitCommit: "abc1234", goVersion: "swift6.3.1",
            arch: "amd64", kernelVersion: "6.1.0")
        let json = try JSONCoding.encodeString(version)
        #expect(
            json
                == #"{"ApiVersion":"1.50","Arch":"amd64","Components":[{"Details":{"ApiVersion":"1.50"},"Name":"Engine","Version":"0.1.0"}],"GitCommit":"abc1234","GoVersion":"swift6.3.1","KernelVersion":"6.1.0","MinAPIVersion":"1.24","Os":"linux","Platform":{"Name":"Berth"},"Version":"0.1.0"}"#
        )
        #expect(try JSONCoding.decode(SystemVersion.self, from: json) == version)
    }

    @Test func eventMessageUsesDockerKeyNames() throws {
        let event = EventMessage(
            type: .container, action: "start",
            actor: EventActor(id: "ede54ee1afda", attributes: ["image": "alpine:latest", "name": "my-container"]),
            time: 1_461_943_101, timeNano: 1_461_943_101_381_709_551,
            status: "start", id: "ede54ee1afda", from: "alpine:latest")
        let json = try JSONCoding.encodeString(event)
        #expect(
            json
                == #"{"Action":"start","Actor":{"Attributes":{"image":"alpine:latest","name":"my-container"},"ID":"ede54ee1afda"},"Type":"container","from":"alpine:latest","id":"ede54ee1afda","scope":"local","status":"start","time":1461943101,"timeNano":1461943101381709551}"#
        )
        #expect(try JSONCoding.decode(EventMessage.self, from: json) == event)

        let network = EventMessage(type: .network, action: "connect", actor: EventActor(id: "n1"), time: 1, timeNano: 1_000_000_000)
        let networkJSON = try JSONCoding.encodeString(network)
        #expect(!networkJSON.contains("\"status\"") && !networkJSON.contains("\"id\"") && !networkJSON.contains("\"from\""))
        #expect(networkJSON.contains("\"Attributes\":{}"))
    }

    @Test func eventMessageDecodesDockerdOutput() throws {
        let line = """
            {"status":"die","id":"c1","from":"busybox","Type":"container","Action":"die","Actor":{"ID":"c1","Attributes":{"exitCode":"0","image":"busybox","name":"x"}},"scope":"local","time":1700000000,"timeNano":1700000000123456789}
            """
        let event = try JSONCoding.decode(EventMessage.self, from: line)
        #expect(event.type == .container && event.action == "die" && event.scope == .local)
        #expect(event.actor.attributes["exitCode"] == "0")
        #expect(event.timeNano == 1_700_000_000_123_456_789)
        #expect(event.status == "die" && event.from == "busybox")
    }

    @Test func dataUsageAndErrorShapes() throws {
        #expect(
            try JSONCoding.encodeString(SystemDataUsage()) == #"{"BuildCache":[],"Containers":[],"Images":[],"LayersSize":0,"Volumes":[]}"#)
        #expect(
            try JSONCoding.encodeString(SystemDataUsage(images: nil, containers: nil, buildCache: nil)) == #"{"LayersSize":0,"Volumes":[]}"#
        )
        #expect(
            try JSONCoding.encodeString(ErrorResponse(message: "No such container: nosuch")) == #"{"message":"No such container: nosuch"}"#)

        let usage = SystemDataUsage(
            layersSize: 1_092_588,
            images: [
                ImageSummary(
                    id: "sha256:2b8f", repoTags: ["busybox:latest"], created: 1_466_724_217, size: 1_092_588, sharedSize: 0, containers: 1)
            ],
            containers: [
                ContainerSummary(
                    id: "e575", names: ["/top"], image: "busybox", imageID: "sha256:2b8f", command: "top", created: 1_472_592_424,
                    ports: [PortSummary(ip: "0.0.0.0", privatePort: 80, publicPort: 8080)], sizeRootFs: 1_092_588, state: "exited",
                    status: "Exited (0) 56 minutes ago", hostConfig: .init(networkMode: "default"),
                    mounts: [
                        MountPoint(
                            type: "volume", name: "v", source: "/var/lib/berth/volumes/v/_data", destination: "/data", driver: "local")
                    ])
            ],
            volumes: [
                Volume(
                    name: "my-volume", mountpoint: "/var/lib/berth/volumes/my-volume/_data", usageData: .init(size: 10_920_104, refCount: 2)
                )
            ],
            buildCache: [
                BuildCache(
                    id: "hw53o5aio51xtltp5xjp8v7fx", parents: [], shared: true, createdAt: "2021-06-28T13:31:01.474619385Z", usageCount: 26)
            ])
        let json = try JSONCoding.encodeString(usage)
        for key in [
            "\"Id\":\"sha256:2b8f\"", "\"ParentId\":\"\"", "\"RepoDigests\":[]", "\"SharedSize\":0", "\"ImageID\":\"sha256:2b8f\"",
            "\"SizeRootFs\":1092588", "\"HostConfig\":{\"NetworkMode\":\"default\"}", "\"PrivatePort\":80", "\"PublicPort\":8080",
            "\"IP\":\"0.0.0.0\"", "\"RW\":true", "\"Mountpoint\":\"/var/lib/berth/volumes/my-volume/_data\"",
            "\"UsageData\":{\"RefCount\":2,\"Size\":10920104}", "\"ID\":\"hw53o5aio51xtltp5xjp8v7fx\"", "\"InUse\":false",
            "\"UsageCount\":26", "\"Scope\":\"local\"",
        ] {
            #expect(json.contains(key), "missing \(key)")
        }
        #expect(!json.contains("SizeRw") && !json.contains("LastUsedAt"))
        #expect(try JSONCoding.decode(SystemDataUsage.self, from: json) == usage)
    }
}
