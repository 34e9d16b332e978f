// SPDX-License-Identifier: Apache-2.0
// Daemon-wide container defaults: `--log-driver`/`log-opts` and `--init` (flags and daemon.json), as dockerd.

import Foundation
import Testing

@Suite(.enabled(if: Env.integration), .serialized)
struct ContainerDaemonOptionsTests {
    @Test func defaultLogDriverAndInitFromTheConfigFile() async throws {
        let daemon = try await BerthDaemon.start(config: #"{"log-driver": "none", "init": true}"#)
        defer { daemon.cleanUp() }
        let docker = try DockerCLI(daemon)
        try await BusyboxImage.load(into: docker)
        let info = try await docker.run(["info", "--format", "{{.LoggingDriver}}"])
        #expect(info.stdout == "none\n", "\(info)")
        #expect(try await docker.run(["run", "--name", "quiet", "busybox", "echo", "hi"]).succeeded)
        let logs = try await docker.run(["logs", "quiet"])
        #expect(logs.status.code == 1 && logs.stderr.contains("configured logging driver does not support reading"), "\(logs)")
        let driver = try await docker.run(["inspect", "-f", "{{.HostConfig.LogConfig.Type}}", "quiet"])
        #expect(driver.stdout == "none\n", "\(driver)")
        let pid1 = try await docker.run(["run", "--rm", "busybox", "sh", "-c", "cat /proc/1/cmdline | tr '\\0' ' '"])
        #expect(pid1.stdout.hasPrefix("/sbin/docker-init -- "), "\(pid1)\n\(daemon.log)")
        let own = try await docker.run(["run", "--rm", "--log-driver", "json-file", "busybox", "echo", "own"])
        #expect(own.stdout == "own\n", "\(own)")
    }

    @Test func badDefaultLogOptionsAreRefusedAtStart() async throws {
        let directory = try makeTempDirectory()
        defer { removeTempDirectory(directory) }
        let result = try await BerthDaemon.runExpectingExit(in: directory, arguments: ["--log-driver", "json-file", "--log-opt", "max-file=0"])
        #expect(result.status.code != 0 && result.stderr.contains("max-file must be a positive integer"), "\(result)")
    }

    @Test func runtimesFromTheConfigFileAreListedAndChosenPerContainer() async throws {
        let daemon = try await BerthDaemon.start(config: #"{"runtimes": {"myrunc": {"path": "/usr/sbin/runc"}}}"#)
        defer { daemon.cleanUp() }
        let docker = try DockerCLI(daemon)
        try await BusyboxImage.load(into: docker)
        let info = try await docker.run(["info", "--format", "{{range $name, $_ := .Runtimes}}{{$name}} {{end}}/{{.DefaultRuntime}}"])
        #expect(info.stdout.contains("myrunc") && info.stdout.contains("runc") && info.stdout.hasSuffix("/runc\n"), "\(info)")
        let chosen = try await docker.run(["run", "--name", "alt", "--runtime", "myrunc", "busybox", "echo", "via myrunc"])
        #expect(chosen.stdout == "via myrunc\n", "\(chosen)\n\(daemon.log)")
        let runtime = try await docker.run(["inspect", "-f", "{{.HostConfig.Runtime}}", "alt"])
        #expect(runtime.stdout == "myrunc\n", "\(runtime)")
        // The runtime keeps its own state root, beside runc's.
        #expect(FileManager.default.fileExists(atPath: daemon.execRoot + "/runtime/myrunc"))
        let unknown = try await docker.run(["run", "--rm", "--runtime", "nosuchruntime", "busybox", "true"])
        #expect(unknown.status.code == 125 && unknown.stderr.contains("unknown or invalid runtime name: nosuchruntime"), "\(unknown)")
    }
}
