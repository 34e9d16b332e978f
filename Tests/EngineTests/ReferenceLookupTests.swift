// SPDX-License-Identifier: Apache-2.0
// Image lookup classification (moby GetImage / ParseAnyReference), pull and repo+tag request parsing.

import Engine
import Models
import Testing

@Suite struct ReferenceLookupTests {
    static let hex64 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

    @Test func fullIDsAreIDs() throws {
        let digest = try Digest(parsing: "sha256:\(Self.hex64)")
        #expect(try ImageLookup.classify(Self.hex64) == .id(digest))
        #expect(try ImageLookup.classify("sha256:\(Self.hex64)") == .id(digest))
        #expect(try ImageLookup.classify("sha256:\(Self.hex64)").notFoundMessage == "No such image: sha256:\(Self.hex64)")
    }

    @Test func namesMayAlsoBeIDPrefixes() throws {
        #expect(try ImageLookup.classify("busybox") == .reference(try ImageReference(parsing: "busybox"), idPrefix: nil))
        #expect(try ImageLookup.classify("abc123") == .reference(try ImageReference(parsing: "abc123"), idPrefix: "abc123"))
        #expect(try ImageLookup.classify("a") == .reference(try ImageReference(parsing: "a"), idPrefix: "a"))
        // `sha256:abc` is the tag `abc` of `library/sha256` and also the ID prefix `abc`, as in moby.
        let short = try ImageLookup.classify("sha256:abc")
        #expect(short == .reference(try ImageReference(parsing: "library/sha256:abc"), idPrefix: "abc"))
        #expect(try ImageLookup.classify("localhost:5000/app:1").notFoundMessage == "No such image: localhost:5000/app:1")
        #expect(try ImageLookup.classify("nosuchimage").notFoundMessage == "No such image: nosuchimage:latest")
    }

    @Test func badNamesAreInvalidParameters() {
        #expect(throws: EngineError.invalidParameter("invalid reference format: repository name (library/Busybox) must be lowercase")) {
            try ImageLookup.classify("Busybox")
        }
        #expect(throws: EngineError.invalidParameter("invalid reference format")) { try ImageLookup.classify("a b") }
    }

    @Test func pullRequestsFollowMoby() throws {
        #expect(try ImageReference.forPull(image: "busybox", tag: "latest").string == "docker.io/library/busybox:latest")
        #expect(try ImageReference.forPull(image: "busybox", tag: "").isNameOnly, "no default tag: `pull -a` pulls all")
        #expect(try ImageReference.forPull(image: "busybox:", tag: "").string == "docker.io/library/busybox", "trailing ':' dropped")
        let byDigest = try ImageReference.forPull(image: "busybox:1.0", tag: "sha256:\(Self.hex64)")
        #expect(byDigest.string == "docker.io/library/busybox@sha256:\(Self.hex64)", "a digest in `tag` replaces the tag")
        #expect(throws: EngineError.invalidParameter("invalid tag format")) { try ImageReference.forPull(image: "busybox", tag: "a/b") }
        #expect(throws: EngineError.forbidden("'scratch' is a reserved name")) {
            try ImageReference.forPull(image: "scratch", tag: "latest")
        }
        #expect(throws: EngineError.invalidParameter("invalid reference format: repository name (library/Busybox) must be lowercase")) {
            try ImageReference.forPull(image: "Busybox", tag: "")
        }
    }

    @Test func repoAndTagFormValues() throws {
        #expect(try ImageReference.repoTag(repo: "", tag: "v1") == nil)
        #expect(try ImageReference.repoTag(repo: "myrepo", tag: "")?.familiarString == "myrepo:latest")
        #expect(try ImageReference.repoTag(repo: "localhost:5000/my", tag: "v1")?.string == "localhost:5000/my:v1")
        #expect(throws: EngineError.invalidParameter("cannot import digest reference")) {
            try ImageReference.repoTag(repo: "myrepo@sha256:\(Self.hex64)", tag: "")
        }
        #expect(throws: EngineError.invalidParameter("invalid tag format")) { try ImageReference.repoTag(repo: "myrepo", tag: ".bad") }
    }
}
