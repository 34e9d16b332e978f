// SPDX-License-Identifier: Apache-2.0
// Images through real clients: a busybox rootfs (Debian's busybox-static) imported with the docker CLI,
// then images, tag, history, inspect and rmi; docker-py's image calls on the same daemon.

import Foundation
import Testing

@Suite(.enabled(if: Env.integration))
struct DockerImageTests {
    /// A gzipped tarball of a minimal root filesystem holding the static busybox.
    static func busyboxRootfs() async throws -> String {
        let busybox = ["/bin/busybox", "/usr/bin/busybox"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let binary = try #require(busybox, "busybox-static is not installed (apt-get install busybox-static)")
        let directory = try makeTempDirectory("berth-rootfs")
        try FileManager.default.createDirectory(atPath: directory + "/root/bin", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: binary, toPath: directory + "/root/bin/busybox")
        try FileManager.default.createSymbolicLink(atPath: directory + "/root/bin/sh", withDestinationPath: "busybox")
        let tar = try await Command.run(tool: "tar", ["-C", directory + "/root", "-czf", directory + "/rootfs.tgz", "."])
        try #require(tar.succeeded, "\(tar)")
        return directory + "/rootfs.tgz"
    }

    @Test func importTagHistoryInspectAndRemoveWithTheCLI() async throws {
        let daemon = try await BerthDaemon.start()
        defer { daemon.cleanUp() }
        let docker = try DockerCLI(daemon)
        let rootfs = try await Self.busyboxRootfs()

        let imported = try await docker.run(["import", "--change", "CMD [\"/bin/sh\"]", "-m", "busybox rootfs", rootfs, "busybox:latest"])
        #expect(imported.succeeded, "\(imported)\n\(daemon.log)")
        let id = imported.stdout.trimmed
        #expect(id.hasPrefix("sha256:") && id.count == 71, "\(imported)")

        #expect(try await docker.run(["tag", "busybox", "localhost:5000/team/busybox:v1"]).succeeded)
        let images = try await docker.run(["images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}"])
        #expect(images.stdout.lines.contains("busybox:latest \(id.dropFirst(7).prefix(12))"), "\(images)")
        #expect(images.stdout.lines.contains("localhost:5000/team/busybox:v1 \(id.dropFirst(7).prefix(12))"), "\(images)")

        let history = try await docker.run(["history", "--no-trunc", "--format", "{{.ID}} {{.Comment}}", "busybox"])
        #expect(history.stdout.lines.first == "\(id) busybox rootfs", "\(history)")
        let inspect = try await docker.run(["inspect", "--format", "{{.Id}} {{json .Config.Cmd}} {{.Os}} {{len .RootFS.Layers}}", "busybox"])
        #expect(inspect.stdout.trimmed == "\(id) [\"/bin/sh\"] linux 1", "\(inspect)")

        let untag = try await docker.run(["rmi", "localhost:5000/team/busybox:v1"])
        #expect(untag.stdout.lines.contains("Untagged: localhost:5000/team/busybox:v1") && !untag.stdout.contains("Deleted"), "\(untag)")
        let remove = try await docker.run(["rmi", "busybox"])
        #expect(remove.stdout.lines.contains("Deleted: \(id)"), "\(remove)")
        let missing = try await docker.run(["inspect", "busybox"])
        #expect(!missing.succeeded && missing.stderr.contains("No such"), "\(missing)")
        // Nothing of the image is left on disk.
        #expect(try FileManager.default.contentsOfDirectory(atPath: daemon.dataRoot + "/layers").isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: daemon.dataRoot + "/content/blobs/sha256").isEmpty)
    }

    @Test func dockerPyListsTagsAndRemovesImages() async throws {
        let daemon = try await BerthDaemon.start()
        defer { daemon.cleanUp() }
        let rootfs = try await Self.busyboxRootfs()
        let result = try await DockerPy.run(
            """
            api = docker.APIClient(base_url='\(daemon.dockerHost)')
            out = api.import_image(src='\(rootfs)', repository='pybox', tag='1')
            client = docker.DockerClient(base_url='\(daemon.dockerHost)')
            image = client.images.get('pybox:1')
            image.tag('pybox', 'two')
            tags = sorted(client.images.get('pybox:1').tags)
            history = client.images.get('pybox:two').history()
            client.images.remove('pybox:two')
            client.images.remove('pybox:1')
            print(json.dumps({'tags': tags, 'history': len(history), 'left': [i.tags for i in client.images.list()]}))
            """)
        #expect(result.succeeded, "\(result)\n\(daemon.log)")
        let object = try parseJSON(result.stdout)
        #expect(object["tags"] as? [String] == ["pybox:1", "pybox:two"], "\(result)")
        #expect(object["history"] as? Int == 1, "\(result)")
        #expect((object["left"] as? [Any])?.isEmpty == true, "\(result)")
    }
}
