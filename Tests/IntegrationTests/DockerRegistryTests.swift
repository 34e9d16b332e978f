// SPDX-License-Identifier: Apache-2.0
// Registry round trips with the real docker CLI: push an imported busybox image to a local registry,
// remove it, pull it back by tag and by digest (same image ID), and log in to an htpasswd registry.

import Foundation
import Testing

@Suite(.enabled(if: Env.integration))
struct DockerRegistryTests {
    @Test func pushRemovePullByTagAndDigest() async throws {
        let registry = try await LocalRegistry()
        defer { registry.stop() }
        let daemon = try await BerthDaemon.start()
        defer { daemon.cleanUp() }
        let docker = try DockerCLI(daemon)
        let rootfs = try await DockerImageTests.busyboxRootfs()
        let id = try await docker.run(["import", rootfs, "busybox:latest"]).stdout.trimmed
        let remote = "\(registry.domain)/library/busybox:1.0"
        #expect(try await docker.run(["tag", "busybox", remote]).succeeded)

        let push = try await docker.run(["push", remote])
        #expect(push.succeeded, "\(push)\n\(daemon.log)")
        let digest = try #require(push.stdout.firstMatch(of: /digest: (sha256:[0-9a-f]{64})/)?.1, "\(push)")

        #expect(try await docker.run(["rmi", remote, "busybox"]).succeeded)
        let pull = try await docker.run(["pull", remote])
        #expect(pull.succeeded, "\(pull)\n\(daemon.log)")
        #expect(pull.stdout.contains("Digest: \(digest)") && pull.stdout.contains("Downloaded newer image"), "\(pull)")
        let pulledID = try await docker.run(["inspect", "--format", "{{.Id}}", remote]).stdout.trimmed
        #expect(pulledID == id, "a push/pull round trip keeps the image ID")

        // The pulled image came from library/busybox on this registry: pushing it to another repository
        // there mounts the layer instead of uploading it.
        let sibling = "\(registry.domain)/other/busybox:1"
        #expect(try await docker.run(["tag", remote, sibling]).succeeded)
        let mounted = try await docker.run(["push", sibling])
        #expect(mounted.succeeded && mounted.stdout.contains("Mounted from library/busybox"), "\(mounted)\n\(daemon.log)")

        let again = try await docker.run(["pull", remote])
        #expect(again.stdout.contains("Image is up to date"), "\(again)")
        let byDigest = try await docker.run(["pull", "\(registry.domain)/library/busybox@\(digest)"])
        #expect(byDigest.succeeded, "\(byDigest)")

        let missing = try await docker.run(["pull", "\(registry.domain)/library/nope:1"])
        #expect(!missing.succeeded && missing.stderr.contains("manifest unknown"), "\(missing)")

        // docker-py's registry data comes from GET /distribution/{name}/json.
        let distribution = try await DockerPy.run(
            """
            client = docker.DockerClient(base_url='\(daemon.dockerHost)')
            data = client.images.get_registry_data('\(remote)')
            print(data.id)
            """)
        #expect(distribution.stdout.trimmed == String(digest), "\(distribution)")
        // This registry has no search API: a clear error, not a hang or a 500 without words.
        let search = try await docker.run(["search", "\(registry.domain)/busybox"])
        #expect(!search.succeeded && search.stderr.contains("search"), "\(search)")
    }

    @Test func pullAllTagsAndPushAllTags() async throws {
        let registry = try await LocalRegistry()
        defer { registry.stop() }
        let daemon = try await BerthDaemon.start()
        defer { daemon.cleanUp() }
        let docker = try DockerCLI(daemon)
        let repository = "\(registry.domain)/multi/box"
        #expect(try await docker.run(["import", try await DockerImageTests.busyboxRootfs(), "\(repository):one"]).succeeded)
        #expect(try await docker.run(["tag", "\(repository):one", "\(repository):two"]).succeeded)
        let pushAll = try await docker.run(["push", "--all-tags", repository])
        #expect(pushAll.succeeded && pushAll.stdout.contains("one: digest:") && pushAll.stdout.contains("two: digest:"), "\(pushAll)")
        #expect(try await docker.run(["rmi", "\(repository):one", "\(repository):two"]).succeeded)
        let pullAll = try await docker.run(["pull", "--all-tags", repository])
        #expect(pullAll.succeeded, "\(pullAll)\n\(daemon.log)")
        let tags = try await docker.run(["images", "--format", "{{.Tag}}", repository]).stdout.lines.filter { !$0.isEmpty }.sorted()
        #expect(tags == ["one", "two"], "\(tags)")
    }

    @Test func loginAndAuthenticatedPushWithBasicAuth() async throws {
        let registry = try await LocalRegistry(basicAuth: true)
        defer { registry.stop() }
        let daemon = try await BerthDaemon.start()
        defer { daemon.cleanUp() }
        let docker = try DockerCLI(daemon)
        let wrong = try await docker.run(["login", "-u", LocalRegistry.user, "--password-stdin", registry.domain], stdin: "wrong\n")
        #expect(!wrong.succeeded, "\(wrong)")
        let login = try await docker.run(["login", "-u", LocalRegistry.user, "--password-stdin", registry.domain], stdin: LocalRegistry.password + "\n")
        #expect(login.succeeded && login.stdout.contains("Login Succeeded"), "\(login)\n\(daemon.log)")

        let rootfs = try await DockerImageTests.busyboxRootfs()
        _ = try await docker.run(["import", rootfs, "\(registry.domain)/private/box:1"])
        let push = try await docker.run(["push", "\(registry.domain)/private/box:1"])
        #expect(push.succeeded, "\(push)\n\(daemon.log)")
        #expect(try await docker.run(["rmi", "\(registry.domain)/private/box:1"]).succeeded)
        let pull = try await docker.run(["pull", "\(registry.domain)/private/box:1"])
        #expect(pull.succeeded, "\(pull)")
    }
}
