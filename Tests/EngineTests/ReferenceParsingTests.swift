// SPDX-License-Identifier: Apache-2.0
// ImageReference against distribution/reference v0.6 semantics: normalised forms and dockerd's exact messages.

import Engine
import Models
import Testing

@Suite struct ReferenceParsingTests {
    static let hex64 = String(repeating: "f", count: 64)

    /// Input, then domain, path, tag, digest, full string (after `normalized`), familiar string.
    static let valid: [(String, String, String, String?, String?, String, String)] = [
        ("busybox", "docker.io", "library/busybox", "latest", nil, "docker.io/library/busybox:latest", "busybox:latest"),
        ("busybox:1.36", "docker.io", "library/busybox", "1.36", nil, "docker.io/library/busybox:1.36", "busybox:1.36"),
        ("user/app", "docker.io", "user/app", "latest", nil, "docker.io/user/app:latest", "user/app:latest"),
        ("docker.io/busybox", "docker.io", "library/busybox", "latest", nil, "docker.io/library/busybox:latest", "busybox:latest"),
        ("index.docker.io/user/app", "docker.io", "user/app", "latest", nil, "docker.io/user/app:latest", "user/app:latest"),
        ("docker.io/library/a/b", "docker.io", "library/a/b", "latest", nil, "docker.io/library/a/b:latest", "library/a/b:latest"),
        ("localhost:5000/a/b:1.0", "localhost:5000", "a/b", "1.0", nil, "localhost:5000/a/b:1.0", "localhost:5000/a/b:1.0"),
        ("localhost/foo", "localhost", "foo", "latest", nil, "localhost/foo:latest", "localhost/foo:latest"),
        ("localhost", "docker.io", "library/localhost", "latest", nil, "docker.io/library/localhost:latest", "localhost:latest"),
        ("localhost:5000", "docker.io", "library/localhost", "5000", nil, "docker.io/library/localhost:5000", "localhost:5000"),
        ("host.example.com/x", "host.example.com", "x", "latest", nil, "host.example.com/x:latest", "host.example.com/x:latest"),
        (
            "127.0.0.1:5000/debian", "127.0.0.1:5000", "debian", "latest", nil, "127.0.0.1:5000/debian:latest",
            "127.0.0.1:5000/debian:latest"
        ),
        ("192.168.0.1", "docker.io", "library/192.168.0.1", "latest", nil, "docker.io/library/192.168.0.1:latest", "192.168.0.1:latest"),
        ("[::1]:5000/x", "[::1]:5000", "x", "latest", nil, "[::1]:5000/x:latest", "[::1]:5000/x:latest"),
        ("[2001:db8::1]/repo:tag", "[2001:db8::1]", "repo", "tag", nil, "[2001:db8::1]/repo:tag", "[2001:db8::1]/repo:tag"),
        ("Docker/docker", "Docker", "docker", "latest", nil, "Docker/docker:latest", "Docker/docker:latest"),
        (
            "lowercase:Uppercase", "docker.io", "library/lowercase", "Uppercase", nil, "docker.io/library/lowercase:Uppercase",
            "lowercase:Uppercase"
        ),
        (
            "docker---rules/dock__er", "docker.io", "docker---rules/dock__er", "latest", nil, "docker.io/docker---rules/dock__er:latest",
            "docker---rules/dock__er:latest"
        ),
        (
            "b.gcr.io/test.example.com/my-app:test.example.com", "b.gcr.io", "test.example.com/my-app", "test.example.com", nil,
            "b.gcr.io/test.example.com/my-app:test.example.com", "b.gcr.io/test.example.com/my-app:test.example.com"
        ),
        // A first component with '.' that is no valid host: distribution keeps it in the path, with no domain.
        ("foo_bar.com/x", "", "foo_bar.com/x", "latest", nil, "foo_bar.com/x:latest", "foo_bar.com/x:latest"),
        (
            "repo@sha256:\(hex64)", "docker.io", "library/repo", nil, "sha256:\(hex64)", "docker.io/library/repo@sha256:\(hex64)",
            "repo@sha256:\(hex64)"
        ),
        (
            "repo:tag@sha256:\(hex64)", "docker.io", "library/repo", "tag", "sha256:\(hex64)", "docker.io/library/repo:tag@sha256:\(hex64)",
            "repo:tag@sha256:\(hex64)"
        ),
        (
            "docker.io/\(String(repeating: "1a", count: 32))", "docker.io", "library/\(String(repeating: "1a", count: 32))", "latest", nil,
            "docker.io/library/\(String(repeating: "1a", count: 32)):latest", "\(String(repeating: "1a", count: 32)):latest"
        ),
    ]

    @Test(arguments: valid.indices) func parsesAndNormalises(index: Int) throws {
        let (input, domain, path, tag, digest, full, familiar) = Self.valid[index]
        let reference = try ImageReference.normalized(input)
        #expect(reference.domain == domain, "\(input)")
        #expect(reference.path == path, "\(input)")
        #expect(reference.tag == tag, "\(input)")
        #expect(reference.digest?.rawValue == digest, "\(input)")
        #expect(reference.string == full, "\(input)")
        #expect(reference.description == full)
        #expect(reference.familiarString == familiar, "\(input)")
        #expect(try ImageReference.normalized(reference.string) == reference, "full form re-parses: \(input)")
        #expect(try ImageReference.normalized(reference.familiarString) == reference, "familiar form re-parses: \(input)")
    }

    @Test func parsingKeepsABareNameBare() throws {
        let bare = try ImageReference(parsing: "busybox")
        #expect(bare.tag == nil && bare.isNameOnly)
        #expect(bare.string == "docker.io/library/busybox" && bare.familiarString == "busybox")
        #expect(bare.withDefaultTag().tag == "latest")
        let digested = try ImageReference(parsing: "busybox@sha256:\(Self.hex64)")
        #expect(digested.withDefaultTag() == digested, "TagNameOnly leaves digested references alone")
    }

    @Test func registryHostAndHubFlags() throws {
        let hub = try ImageReference.normalized("busybox")
        #expect(hub.registryHost == "registry-1.docker.io" && hub.isDockerHub && hub.isOfficial)
        #expect(hub.name == "docker.io/library/busybox" && hub.familiarName == "busybox")
        let user = try ImageReference.normalized("user/app")
        #expect(user.registryHost == "registry-1.docker.io" && !user.isOfficial && user.familiarName == "user/app")
        let local = try ImageReference.normalized("localhost:5000/a/b:1.0")
        #expect(local.registryHost == "localhost:5000" && !local.isDockerHub)
        #expect(try ImageReference.normalized("[::1]:5000/x").registryHost == "[::1]:5000")
    }

    @Test func maximumPathLengthCountsThePathOnly() throws {
        let longest = "example.com/" + String(repeating: "a", count: 255)
        #expect(try ImageReference(parsing: longest).path.count == 255)
        // A bare Docker Hub name gains `library/` (8 bytes) before the check.
        #expect(try ImageReference(parsing: String(repeating: "a", count: 247)).path.count == 255)
        #expect(throws: EngineError.invalidParameter("repository name must not be more than 255 characters")) {
            try ImageReference(parsing: String(repeating: "a", count: 248))
        }
    }
}
