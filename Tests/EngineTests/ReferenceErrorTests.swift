// SPDX-License-Identifier: Apache-2.0
// Invalid references: each gets the message dockerd returns (distribution/reference and go-digest wording).

import Engine
import Models
import Testing

@Suite struct ReferenceErrorTests {
    static let hex64 = String(repeating: "f", count: 64)
    static let invalidFormat = "invalid reference format"

    static let cases: [(String, String)] = [
        ("", invalidFormat),
        (":justtag", invalidFormat),
        ("@sha256:\(hex64)", invalidFormat),
        ("busybox:", invalidFormat),
        ("busybox@", invalidFormat),
        ("busybox@sha256:abc", invalidFormat),
        ("busybox:\(String(repeating: "t", count: 129))", invalidFormat),
        ("-docker", invalidFormat),
        ("docker-/docker", invalidFormat),
        ("____/____", invalidFormat),
        ("dock..er/docker", invalidFormat),
        ("docker///docker", invalidFormat),
        ("docker/", invalidFormat),
        ("aa/asdf$$^/aa", invalidFormat),
        ("https://github.com/docker/docker", invalidFormat),
        ("[fc00::1]", invalidFormat),
        ("[fc00::1]:5000", invalidFormat),
        ("fc00::1:5000/debian", invalidFormat),
        ("[fe80::1%eth0]:5000/debian", invalidFormat),
        ("[2001:db8:3:4::192.0.2.33]:5000/debian", invalidFormat),
        ("example.com:port/x", invalidFormat),
        ("Busybox", "invalid reference format: repository name (library/Busybox) must be lowercase"),
        ("Uppercase:tag", "invalid reference format: repository name (library/Uppercase) must be lowercase"),
        ("docker/Docker", "invalid reference format: repository name (docker/Docker) must be lowercase"),
        ("test:5000/Uppercase/lowercase:tag", "invalid reference format: repository name (Uppercase/lowercase) must be lowercase"),
        ("repo@sha256:\(String(repeating: "f", count: 34))", "invalid checksum digest length"),
        ("repo@sha256:\(String(repeating: "F", count: 64))", "invalid checksum digest format"),
        ("validname@invaliddigest:\(hex64)", "unsupported digest algorithm"),
        (
            String(repeating: "1a", count: 32),
            "invalid repository name (\(String(repeating: "1a", count: 32))), cannot specify 64-byte hexadecimal strings"
        ),
        ("example.com/\(String(repeating: "a", count: 256))", "repository name must not be more than 255 characters"),
    ]

    @Test(arguments: cases.indices) func refusesWithDockersMessage(index: Int) {
        let (input, message) = Self.cases[index]
        #expect(throws: EngineError.invalidParameter(message), "\(input)") {
            try ImageReference(parsing: input)
        }
    }

    @Test func tagAndDigestEditsValidate() throws {
        let reference = try ImageReference(parsing: "busybox@sha256:\(Self.hex64)")
        #expect(throws: EngineError.invalidParameter("invalid tag format")) { try reference.withTag("-bad") }
        #expect(throws: EngineError.invalidParameter("invalid tag format")) { try reference.withTag("") }
        let tagged = try reference.withTag("1.0")
        #expect(tagged.string == "docker.io/library/busybox:1.0@sha256:\(Self.hex64)", "WithTag keeps the digest")
        #expect(tagged.storeKey.string == "docker.io/library/busybox@sha256:\(Self.hex64)", "the store keys by digest")
        #expect(tagged.trimmed.string == "docker.io/library/busybox")
        #expect(try ImageReference(parsing: "busybox").storeKey.string == "docker.io/library/busybox:latest")
    }
}
