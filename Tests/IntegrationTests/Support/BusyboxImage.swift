// SPDX-License-Identifier: Apache-2.0
// A runnable busybox image for container tests: Debian's busybox-static with a symlink per applet,
// minimal /etc/passwd and /etc/group (root, a `tester` user 1000, nobody) and CMD ["sh"].

import Foundation
import Testing

/// Builds and imports the test image.
enum BusyboxImage {
    /// A gzip'd rootfs tarball with every applet linked.
    static func rootfs() async throws -> String {
        let busybox = ["/bin/busybox", "/usr/bin/busybox"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let binary = try #require(busybox, "busybox-static is not installed (apt-get install busybox-static)")
        let directory = try makeTempDirectory("berth-busybox")
        let root = directory + "/root"
        let manager = FileManager.default
        for dir in ["bin", "etc", "tmp", "root", "home/tester", "proc", "sys", "dev"] {
            try manager.createDirectory(atPath: root + "/" + dir, withIntermediateDirectories: true)
        }
        try manager.copyItem(atPath: binary, toPath: root + "/bin/busybox")
        let list = try await Command.run(binary, ["--list"])
        try #require(list.succeeded, "\(list)")
        for applet in list.stdout.split(separator: "\n") where applet != "busybox" {
            try? manager.createSymbolicLink(atPath: root + "/bin/" + applet, withDestinationPath: "busybox")
        }
        try writeFile(root + "/etc/passwd", "root:x:0:0:root:/root:/bin/sh\ntester:x:1000:1000:tester:/home/tester:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n")
        try writeFile(root + "/etc/group", "root:x:0:\nwheel:x:10:tester\ntester:x:1000:\nnogroup:x:65534:\n")
        chmod(root + "/tmp", 0o1777)
        let tar = try await Command.run(tool: "tar", ["-C", root, "--numeric-owner", "-czf", directory + "/rootfs.tgz", "."])
        try #require(tar.succeeded, "\(tar)")
        return directory + "/rootfs.tgz"
    }

    /// Imports the image as `busybox:latest` into the daemon behind `docker`.
    static func load(into docker: DockerCLI) async throws {
        let imported = try await docker.run(["import", "--change", "CMD [\"sh\"]", try await rootfs(), "busybox:latest"])
        try #require(imported.succeeded, "\(imported)")
    }
}
