// SPDX-License-Identifier: Apache-2.0
// Decoding container create bodies as clients send them: the docker CLI 28 (every key, zero values included),
// docker-py (nulls for unset strings), a compose-like body with mounts, and sparse hand-written bodies.

import Models
import Testing

@Suite struct ContainerModelsDecodingTests {
    /// `docker run -it --rm -e A=1 -p 8080:80 --memory 64m --cpus 0.5 --name web busybox sh` (docker CLI 28).
    static let cliRun = #"""
        {"Hostname":"","Domainname":"","User":"","AttachStdin":true,"AttachStdout":true,"AttachStderr":true,
         "ExposedPorts":{"80/tcp":{}},"Tty":true,"OpenStdin":true,"StdinOnce":true,"Env":["A=1"],"Cmd":["sh"],
         "Image":"busybox","Volumes":{},"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":{},
         "HostConfig":{"Binds":null,"ContainerIDFile":"","LogConfig":{"Type":"","Config":{}},"NetworkMode":"default",
          "PortBindings":{"80/tcp":[{"HostIp":"","HostPort":"8080"}]},"RestartPolicy":{"Name":"no","MaximumRetryCount":0},
          "AutoRemove":true,"VolumeDriver":"","VolumesFrom":null,"ConsoleSize":[50,200],"CapAdd":null,"CapDrop":null,
          "CgroupnsMode":"","Dns":[],"DnsOptions":[],"DnsSearch":[],"ExtraHosts":null,"GroupAdd":null,"IpcMode":"",
          "Cgroup":"","Links":null,"OomScoreAdj":0,"PidMode":"","Privileged":false,"PublishAllPorts":false,
          "ReadonlyRootfs":false,"SecurityOpt":null,"UTSMode":"","UsernsMode":"","ShmSize":0,"Isolation":"",
          "CpuShares":0,"Memory":67108864,"NanoCpus":500000000,"CgroupParent":"","BlkioWeight":0,"BlkioWeightDevice":[],
          "BlkioDeviceReadBps":[],"BlkioDeviceWriteBps":[],"BlkioDeviceReadIOps":[],"BlkioDeviceWriteIOps":[],
          "CpuPeriod":0,"CpuQuota":0,"CpuRealtimePeriod":0,"CpuRealtimeRuntime":0,"CpusetCpus":"","CpusetMems":"",
          "Devices":[],"DeviceCgroupRules":null,"DeviceRequests":null,"MemoryReservation":0,"MemorySwap":0,
          "MemorySwappiness":null,"OomKillDisable":null,"PidsLimit":null,"Ulimits":[],"CpuCount":0,"CpuPercent":0,
          "IOMaximumIOps":0,"IOMaximumBandwidth":0,"MaskedPaths":null,"ReadonlyPaths":null},
         "NetworkingConfig":{"EndpointsConfig":{}}}
        """#

    /// docker-py 7 `containers.run("busybox", "echo hi", detach=True)`: unset strings are `null`.
    static let dockerPy = #"""
        {"Hostname":null,"Domainname":null,"ExposedPorts":null,"User":null,"Tty":false,"OpenStdin":false,
         "StdinOnce":false,"AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Env":null,"Cmd":["echo","hi"],
         "Image":"busybox","Volumes":null,"NetworkDisabled":false,"Entrypoint":null,"WorkingDir":null,
         "Labels":null,"StopSignal":null,"Healthcheck":null,"StopTimeout":null,"Runtime":null,"MacAddress":null,
         "HostConfig":{"NetworkMode":"default"},"NetworkingConfig":null}
        """#

    /// A compose-like service: named volume, bind, tmpfs, restart policy, labels, health check, ulimits.
    static let compose = #"""
        {"Image":"postgres:16","Env":["POSTGRES_PASSWORD=x"],"Labels":{"com.docker.compose.project":"app"},
         "Healthcheck":{"Test":["CMD-SHELL","pg_isready"],"Interval":5000000000,"Retries":5},"StopSignal":"SIGINT",
         "StopTimeout":30,"Entrypoint":"docker-entrypoint.sh",
         "HostConfig":{"RestartPolicy":{"Name":"unless-stopped"},"Init":true,"CapAdd":"NET_ADMIN",
          "Mounts":[{"Type":"volume","Source":"app_db","Target":"/var/lib/postgresql/data","VolumeOptions":{"NoCopy":true}},
                    {"Type":"bind","Source":"/srv/conf","Target":"/etc/conf","ReadOnly":true,"BindOptions":{"Propagation":"rprivate","CreateMountpoint":true}},
                    {"Type":"tmpfs","Target":"/run","TmpfsOptions":{"SizeBytes":65536,"Mode":1023}}],
          "Ulimits":[{"Name":"nofile","Soft":1024,"Hard":4096}],"PidsLimit":100,"OomKillDisable":true,
          "LogConfig":{"Type":"json-file","Config":{"max-size":"10m"}}},
         "NetworkingConfig":{"EndpointsConfig":{"app_default":{"Aliases":["db"],"IPAMConfig":{"IPv4Address":"172.20.0.5"},
          "DriverOpts":null}}}}
        """#

    @Test func cliRunBody() throws {
        let body = try JSONCoding.decode(ContainerCreateRequest.self, from: Self.cliRun)
        #expect(body.config.image == "busybox")
        #expect(body.config.cmd == ["sh"] && body.config.entrypoint == nil)
        #expect(body.config.tty && body.config.openStdin && body.config.stdinOnce && body.config.attachStdin)
        #expect(body.config.env == ["A=1"])
        #expect(body.config.exposedPorts == ["80/tcp": EmptyObject()])
        let host = try #require(body.hostConfig)
        #expect(host.autoRemove)
        #expect(host.portBindings?["80/tcp"] == [PortBinding(hostIP: "", hostPort: "8080")])
        #expect(host.resources.memory == 64 << 20)
        #expect(host.resources.nanoCpus == 500_000_000)
        #expect(host.resources.oomKillDisable == nil && host.resources.pidsLimit == nil)
        #expect(host.restartPolicy == RestartPolicy(name: "no"))
        #expect(host.consoleSize == [50, 200])
        #expect(host.networkMode == "default")
        #expect(body.networkingConfig?.endpointsConfig == [:])
    }

    @Test func dockerPyNullsDecodeAsZero() throws {
        let body = try JSONCoding.decode(ContainerCreateRequest.self, from: Self.dockerPy)
        #expect(body.config.hostname == "" && body.config.user == "" && body.config.workingDir == "")
        #expect(body.config.cmd == ["echo", "hi"])
        #expect(body.config.networkDisabled == false)
        #expect(body.config.stopTimeout == nil && body.config.healthcheck == nil)
        #expect(body.hostConfig?.networkMode == "default")
        #expect(body.hostConfig?.resources == Resources())
        #expect(body.networkingConfig == nil)
    }

    @Test func composeBodyWithMounts() throws {
        let body = try JSONCoding.decode(ContainerCreateRequest.self, from: Self.compose)
        #expect(body.config.entrypoint == ["docker-entrypoint.sh"])
        #expect(body.config.stopTimeout == 30 && body.config.stopSignal == "SIGINT")
        #expect(body.config.healthcheck?.test == ["CMD-SHELL", "pg_isready"])
        let host = try #require(body.hostConfig)
        #expect(host.restartPolicy == RestartPolicy(name: "unless-stopped", maximumRetryCount: 0))
        #expect(host.initProcess == true)
        #expect(host.capAdd == ["NET_ADMIN"])
        let mounts = try #require(host.mounts)
        #expect(mounts.count == 3)
        #expect(
            mounts[0]
                == Mount(target: "/var/lib/postgresql/data", source: "app_db", type: "volume", volumeOptions: VolumeOptions(noCopy: true)))
        #expect(mounts[1].readOnly == true && mounts[1].bindOptions?.propagation == "rprivate")
        #expect(mounts[1].bindOptions?.createMountpoint == true)
        #expect(mounts[2].tmpfsOptions == TmpfsOptions(sizeBytes: 65536, mode: 0o1777))
        #expect(host.resources.ulimits == [Ulimit(name: "nofile", hard: 4096, soft: 1024)])
        #expect(host.resources.pidsLimit == 100 && host.resources.oomKillDisable == true)
        #expect(host.logConfig == LogConfig(type: "json-file", config: ["max-size": "10m"]))
        let endpoint = try #require(body.networkingConfig?.endpointsConfig?["app_default"])
        #expect(endpoint.aliases == ["db"] && endpoint.ipamConfig?.ipv4Address == "172.20.0.5")
    }

    @Test func sparseBodiesAndUnknownKeys() throws {
        let body = try JSONCoding.decode(
            ContainerCreateRequest.self,
            from: #"{"Image":"busybox","Cmd":"sh","HostConfig":{"AutoRemove":true,"Future":{"x":1}},"Platform":"linux","Nope":[1]}"#
        )
        #expect(body.config == ContainerConfig(cmd: ["sh"], image: "busybox"))
        #expect(body.hostConfig == HostConfig(autoRemove: true))
        #expect(try JSONCoding.decode(ContainerCreateRequest.self, from: "{}") == ContainerCreateRequest())
        #expect(try JSONCoding.decode(ExecConfig.self, from: #"{"Cmd":["ls"],"Tty":true}"#) == ExecConfig(tty: true, cmd: ["ls"]))
        #expect(try JSONCoding.decode(Resources.self, from: #"{"Memory":1024,"CpuShares":512}"#) == Resources(cpuShares: 512, memory: 1024))
    }

    @Test func wrongTypesAreErrors() {
        #expect(throws: (any Error).self) { try JSONCoding.decode(ContainerCreateRequest.self, from: #"{"Tty":"yes"}"#) }
        #expect(throws: (any Error).self) { try JSONCoding.decode(ContainerCreateRequest.self, from: #"{"HostConfig":{"Memory":"64m"}}"#) }
        #expect(throws: (any Error).self) { try JSONCoding.decode(ContainerCreateRequest.self, from: #"{"Cmd":[1]}"#) }
    }
}
