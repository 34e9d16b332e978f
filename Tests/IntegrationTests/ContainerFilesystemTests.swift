// SPDX-License-Identifier: Apache-2.0
// A container's filesystem and what refers to it: `docker export`, `docker diff`, `--init`, image removal
// while containers use the image, and the container counts of `docker info` / `docker system df`.

import Foundation
import Testing

@Suite(.enabled(if: Env.integration), .serialized)
struct ContainerFilesystemTests {
    @Test func exportAndDiff() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        let made = try await docker.run(["run", "--name", "writer", "busybox", "sh", "-c", "echo new > /added.txt; echo more >> /etc/passwd; rm /bin/vi"])
        #expect(made.succeeded, "\(made)\n\(daemon.log)")
        let diff = try await docker.run(["diff", "writer"])
        let lines = Set(diff.stdout.split(separator: "\n").map(String.init))
        #expect(lines.isSuperset(of: ["A /added.txt", "C /etc", "C /etc/passwd", "C /bin", "D /bin/vi"]), "\(diff)")

        let directory = try makeTempDirectory()
        defer { removeTempDirectory(directory) }
        let exported = try await docker.run(["export", "-o", directory + "/fs.tar", "writer"])
        #expect(exported.succeeded, "\(exported)\n\(daemon.log)")
        let listing = try await Command.run(tool: "tar", ["-tf", directory + "/fs.tar"])
        let names = Set(listing.stdout.split(separator: "\n").map(String.init))
        #expect(names.contains("./added.txt") && names.contains("./bin/busybox") && !names.contains("./bin/vi"), "\(listing.stdout.prefix(400))")
        // Exporting left no mount behind for the stopped container.
        #expect(!readFile("/proc/self/mountinfo").contains(daemon.execRoot + "/containers/"), "rootfs still mounted after export")
    }

    @Test func initRunsTheCommandUnderTini() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        let run = try await docker.run(["run", "--rm", "--init", "busybox", "sh", "-c", "cat /proc/1/cmdline | tr '\\0' ' '; echo; echo $$"])
        #expect(run.succeeded, "\(run)\n\(daemon.log)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("/sbin/docker-init -- sh") == true, "\(run)")
        #expect(lines.last != "1", "the command should not be PID 1 under --init: \(run)")
    }

    @Test func imagesInUseAreKeptAndCounted() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        #expect(try await docker.run(["run", "-d", "--name", "runner", "busybox", "sleep", "1000"]).succeeded)
        #expect(try await docker.run(["create", "--name", "idle", "busybox", "true"]).succeeded)
        let info = try await docker.run(["info", "--format", "{{.Containers}} {{.ContainersRunning}} {{.ContainersStopped}}"])
        #expect(info.stdout == "2 1 1\n", "\(info)")
        let df = try await docker.run(["system", "df", "--format", "{{.Type}} {{.TotalCount}} {{.Active}}"])
        #expect(df.stdout.contains("Containers 2 1"), "\(df)")

        let refused = try await docker.run(["rmi", "busybox"])
        #expect(refused.status.code == 1 && refused.stderr.contains("unable to remove repository reference \"busybox\" (must force) - container"), "\(refused)")
        let id = try await docker.run(["inspect", "-f", "{{.Id}}", "busybox"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let byID = try await docker.run(["rmi", "-f", id])
        #expect(byID.status.code == 1 && byID.stderr.contains("image is being used by running container"), "\(byID)")
        let prune = try await docker.run(["image", "prune", "-a", "-f"])
        #expect(prune.succeeded && !prune.stdout.contains(id), "\(prune)")
        // Still runnable: the image and its layers stayed.
        #expect(try await docker.run(["start", "-a", "idle"]).succeeded)
    }

    @Test func directoriesWithoutARowAreDiscardedAtStart() async throws {
        let directory = try makeTempDirectory()
        var daemon = try await BerthDaemon.start(in: directory)
        defer { daemon.cleanUp() }
        var docker = try DockerCLI(daemon)
        try await BusyboxImage.load(into: docker)
        let kept = try await docker.run(["create", "--name", "kept", "busybox", "true"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        daemon.kill()
        _ = try? await daemon.stop(timeout: 5)
        // What a crash between the directories and the row leaves behind.
        let orphan = String(repeating: "0f", count: 32)
        for base in [daemon.dataRoot + "/containers/", daemon.execRoot + "/containers/"] {
            try FileManager.default.createDirectory(atPath: base + orphan + "/upper/etc", withIntermediateDirectories: true)
        }
        daemon = try await BerthDaemon.start(in: directory)
        docker = try DockerCLI(daemon)
        try await Task.sleep(for: .milliseconds(300))
        for base in [daemon.dataRoot + "/containers/", daemon.execRoot + "/containers/"] {
            #expect(!FileManager.default.fileExists(atPath: base + orphan), "orphan left in \(base)")
        }
        #expect(FileManager.default.fileExists(atPath: daemon.dataRoot + "/containers/" + kept), "the real container's directory went too")
        #expect(try await docker.run(["start", "-a", "kept"]).succeeded)
    }
}
