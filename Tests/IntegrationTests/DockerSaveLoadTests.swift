// SPDX-License-Identifier: Apache-2.0
// docker save / docker load through real clients: the docker CLI round trip of an imported busybox, the
// archive read by GNU tar as an OCI layout, and docker-py's Image.save() and images.load().

import Foundation
import Testing

@Suite(.enabled(if: Env.integration))
struct DockerSaveLoadTests {
    @Test func saveRemoveAndLoadWithTheCLI() async throws {
        let daemon = try await BerthDaemon.start()
        defer { daemon.cleanUp() }
        let docker = try DockerCLI(daemon)
        let rootfs = try await DockerImageTests.busyboxRootfs()
        let imported = try await docker.run(["import", "--change", "CMD [\"/bin/sh\"]", rootfs, "busybox:latest"])
        #expect(imported.succeeded, "\(imported)\n\(daemon.log)")
        let id = imported.stdout.trimmed
        let archive = daemon.directory + "/x.tar"

        let save = try await docker.run(["save", "-o", archive, "busybox"])
        #expect(save.succeeded, "\(save)\n\(daemon.log)")
        let listing = try await Command.run(tool: "tar", ["-tf", archive])
        for member in ["oci-layout", "index.json", "manifest.json", "repositories", "blobs/sha256/\(id.dropFirst(7))"] {
            #expect(listing.stdout.lines.contains(Substring(member)), "\(member) missing:\n\(listing)")
        }
        let manifest = try await Command.run(tool: "tar", ["-xOf", archive, "manifest.json"])
        #expect(manifest.stdout.contains(#""RepoTags":["busybox:latest"]"#), "\(manifest)")

        #expect(try await docker.run(["rmi", "busybox"]).succeeded)
        let load = try await docker.run(["load", "-i", archive])
        #expect(load.succeeded, "\(load)\n\(daemon.log)")
        #expect(load.stdout.lines.contains("Loaded image: busybox:latest"), "\(load)")
        let images = try await docker.run(["images", "--no-trunc", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}"])
        #expect(images.stdout.lines.contains(Substring("busybox:latest \(id)")), "\(images)")

        // Loading the same archive again changes nothing; a broken one is refused with the daemon's message.
        #expect(try await docker.run(["load", "-i", archive]).stdout.lines.contains("Loaded image: busybox:latest"))
        try writeFile(daemon.directory + "/bad.tar", "not a tarball")
        let bad = try await docker.run(["load", "-i", daemon.directory + "/bad.tar"])
        #expect(!bad.succeeded && bad.stderr.contains("invalid image archive"), "\(bad)")
    }

    @Test func dockerPySavesAndLoadsImages() async throws {
        let daemon = try await BerthDaemon.start()
        defer { daemon.cleanUp() }
        let rootfs = try await DockerImageTests.busyboxRootfs()
        let result = try await DockerPy.run(
            """
            api = docker.APIClient(base_url='\(daemon.dockerHost)')
            api.import_image(src='\(rootfs)', repository='busybox', tag='latest')
            client = docker.DockerClient(base_url='\(daemon.dockerHost)')
            image = client.images.get('busybox')
            by_id = b''.join(image.save())
            named = b''.join(image.save(named=True))
            client.images.remove('busybox')
            untagged = client.images.load(by_id)
            tagged = client.images.load(named)
            print(json.dumps({'id': image.id, 'untagged': [i.id for i in untagged], 'tagged': [i.tags for i in tagged],
                              'size': len(named), 'left': [i.tags for i in client.images.list()]}))
            """)
        #expect(result.succeeded, "\(result)\n\(daemon.log)")
        let object = try parseJSON(result.stdout)
        let id = try #require(object["id"] as? String)
        #expect(object["untagged"] as? [String] == [id], "\(result)")
        #expect(object["tagged"] as? [[String]] == [["busybox:latest"]], "\(result)")
        #expect((object["size"] as? Int ?? 0) > 500_000, "\(result)")
        #expect(object["left"] as? [[String]] == [["busybox:latest"]], "\(result)")
    }
}
