// SPDX-License-Identifier: Apache-2.0
// OCIRuntimeSpec: the config.json keys we write, and decoding what runc 1.1.5's `runc spec` writes.

import Foundation
import Models
import Testing

@Suite struct OCIRuntimeModelsTests {
    static let runc = "/usr/sbin/runc"

    static func sample() -> OCIRuntimeSpec {
        OCIRuntimeSpec(
            process: .init(
                user: .init(uid: 1000, gid: 1000, additionalGids: [10]), args: ["sh"], env: ["PATH=/bin"], cwd: "/",
                capabilities: .uniform(["CAP_CHOWN"]), rlimits: [.init(type: "RLIMIT_NOFILE", hard: 1024, soft: 1024)],
                noNewPrivileges: true),
            root: .init(path: "rootfs", readonly: true), hostname: "c1",
            mounts: [.init(destination: "/proc", type: "proc", source: "proc")],
            linux: .init(
                resources: .init(memory: .init(limit: 1 << 20), pids: .init(limit: 100)), cgroupsPath: "/berth/c1",
                namespaces: [.init(type: "pid"), .init(type: "network", path: "/proc/1/ns/net")],
                seccomp: .init(
                    defaultAction: "SCMP_ACT_ERRNO", defaultErrnoRet: 1, syscalls: [.init(names: ["read"], action: "SCMP_ACT_ALLOW")]),
                maskedPaths: ["/proc/kcore"], readonlyPaths: ["/proc/sys"]))
    }

    static func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func encodesSpecKeysAndOmitsNils() throws {
        let data = try JSONCoding.encoder.encode(Self.sample())
        let text = try #require(String(data: data, encoding: .utf8))
        for key in [
            "\"ociVersion\":\"1.0.2-dev\"", "\"noNewPrivileges\":true", "\"cgroupsPath\":\"/berth/c1\"",
            "\"maskedPaths\":[\"/proc/kcore\"]", "\"readonlyPaths\"", "\"defaultAction\":\"SCMP_ACT_ERRNO\"",
            "\"defaultErrnoRet\":1", "\"additionalGids\":[10]", "\"namespaces\"",
        ] {
            #expect(text.contains(key), "missing \(key) in \(text)")
        }
        for absent in ["uidMappings", "terminal", "apparmorProfile", "hooks", "annotations", "errnoRet\":null", "null", "ambient"] {
            #expect(!text.contains(absent), "unexpected \(absent)")
        }
        let json = try Self.object(data)
        let linux = try #require(json["linux"] as? [String: Any])
        let namespaces = try #require(linux["namespaces"] as? [[String: Any]])
        #expect(namespaces.first?.keys.sorted() == ["type"])
        #expect(try JSONCoding.decoder.decode(OCIRuntimeSpec.self, from: data) == Self.sample())
    }

    @Test func decodesHandWrittenConfig() throws {
        let json = #"""
            {"ociVersion": "1.0.2-dev", "process": {"terminal": false, "consoleSize": {"height": 24, "width": 80},
             "user": {"uid": 0, "gid": 0, "umask": 18}, "args": ["true"], "cwd": "/", "oomScoreAdj": -500},
             "root": {"path": "/var/lib/berth/c/rootfs"}, "annotations": {"a": "b"},
             "hooks": {"poststop": [{"path": "/bin/true", "timeout": 5}]},
             "linux": {"uidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}], "sysctl": {"net.ipv4.ip_forward": "1"},
              "resources": {"devices": [{"allow": false, "access": "rwm"}, {"allow": true, "type": "c", "major": 1, "minor": 3, "access": "rwm"}],
               "cpu": {"shares": 512, "quota": 50000, "period": 100000, "cpus": "0-1"}, "blockIO": {"weight": 300,
               "throttleReadBpsDevice": [{"major": 8, "minor": 0, "rate": 1048576}]}, "unified": {"memory.high": "max"}},
              "devices": [{"type": "c", "path": "/dev/fuse", "major": 10, "minor": 229, "fileMode": 438}],
              "seccomp": {"defaultAction": "SCMP_ACT_ERRNO", "architectures": ["SCMP_ARCH_X86_64"], "flags": ["SECCOMP_FILTER_FLAG_LOG"],
               "syscalls": [{"names": ["personality"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 8, "op": "SCMP_CMP_EQ"}]}]},
              "rootfsPropagation": "rprivate", "personality": {"domain": "LINUX"}, "intelRdt": {"closID": "guaranteed"}}}
            """#
        let spec = try JSONCoding.decoder.decode(OCIRuntimeSpec.self, from: Data(json.utf8))
        #expect(spec.process?.consoleSize == .init(height: 24, width: 80))
        #expect(spec.process?.user.umask == 18)
        #expect(spec.process?.oomScoreAdj == -500)
        #expect(spec.hooks?.poststop?.first?.timeout == 5)
        #expect(spec.linux?.uidMappings == [.init(containerID: 0, hostID: 100_000, size: 65536)])
        #expect(spec.linux?.resources?.devices?.last == .init(allow: true, type: "c", major: 1, minor: 3, access: "rwm"))
        #expect(spec.linux?.resources?.cpu?.quota == 50000)
        #expect(spec.linux?.resources?.blockIO?.throttleReadBpsDevice?.first?.rate == 1_048_576)
        #expect(spec.linux?.devices?.first?.fileMode == 438)
        #expect(spec.linux?.seccomp?.syscalls?.first?.args?.first?.value == 8)
        #expect(spec.linux?.personality?.domain == "LINUX")
    }

    @Test(arguments: [[], ["--rootless"]])
    func decodesRuncSpecOutput(flags: [String]) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.runc) else { return }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("berth-runc-spec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.runc)
        process.arguments = ["spec"] + flags
        process.currentDirectoryURL = directory
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let data = try Data(contentsOf: directory.appendingPathComponent("config.json"))
        let spec = try JSONCoding.decoder.decode(OCIRuntimeSpec.self, from: data)
        #expect(spec.ociVersion == "1.0.2-dev")
        #expect(spec.process?.args == ["sh"])
        #expect(spec.process?.noNewPrivileges == true)
        #expect(spec.root == .init(path: "rootfs", readonly: true))
        #expect(spec.linux?.maskedPaths?.contains("/proc/kcore") == true)
        #expect(spec.linux?.namespaces?.contains(.init(type: "mount")) == true)
        if flags.contains("--rootless") {
            #expect(spec.linux?.uidMappings?.count == 1)
            #expect(spec.linux?.namespaces?.contains(.init(type: "user")) == true)
        }
        // Re-encoding keeps every key runc wrote (no field dropped by the model).
        let original = try #require(try JSONSerialization.jsonObject(with: data) as? NSDictionary)
        let again = try #require(try JSONSerialization.jsonObject(with: JSONCoding.encoder.encode(spec)) as? NSDictionary)
        #expect(original == again)
    }
}
