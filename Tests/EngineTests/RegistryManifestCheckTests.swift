// SPDX-License-Identifier: Apache-2.0
// Manifest digests (requested digest, Docker-Content-Digest), media type detection, platform choice and
// familiar names, without a network.

import Testing

@testable import Engine

@Suite struct RegistryManifestCheckTests {
    let image = TestImage()

    @Test func aTagPullTakesTheComputedDigestAndChecksTheHeader() throws {
        let digest = image.manifestDigest
        #expect(try RegistryClient.verifyManifest(image.manifest, reference: "latest", headerDigest: nil) == digest)
        #expect(try RegistryClient.verifyManifest(image.manifest, reference: "latest", headerDigest: " \(digest)") == digest)
        let wrong = "sha256:" + String(repeating: "0", count: 64)
        #expect(throws: EngineError.system("manifest verification failed for digest \(wrong)")) {
            try RegistryClient.verifyManifest(image.manifest, reference: "latest", headerDigest: wrong)
        }
        // Another algorithm in the header cannot be checked here and is left alone.
        #expect(try RegistryClient.verifyManifest(image.manifest, reference: "latest", headerDigest: "sha512:abcd") == digest)
    }

    @Test func aDigestPullMustHashToThatDigest() throws {
        #expect(
            try RegistryClient.verifyManifest(image.manifest, reference: image.manifestDigest, headerDigest: nil) == image.manifestDigest)
        let other = TestImage(text: "other").manifestDigest
        #expect(throws: EngineError.system("manifest verification failed for digest \(other)")) {
            try RegistryClient.verifyManifest(image.manifest, reference: other, headerDigest: nil)
        }
        #expect(throws: EngineError.invalidParameter("unsupported digest algorithm: sha512")) {
            try RegistryClient.verifyManifest(image.manifest, reference: "sha512:00", headerDigest: nil)
        }
        #expect(throws: EngineError.invalidParameter("invalid checksum digest format")) {
            try RegistryClient.verifyManifest(image.manifest, reference: "sha256:XYZ", headerDigest: nil)
        }
    }

    @Test func mediaTypesComeFromTheDocumentThenTheHeaderThenTheShape() throws {
        #expect(try RegistryClient.manifestMediaType(image.manifest, contentType: nil, name: "x") == RegistryMediaTypes.dockerManifest)
        let bare = Array(#"{"schemaVersion":2,"config":{},"layers":[]}"#.utf8)
        #expect(
            try RegistryClient.manifestMediaType(bare, contentType: RegistryMediaTypes.dockerManifest + "; charset=utf-8", name: "x")
                == RegistryMediaTypes.dockerManifest)
        #expect(try RegistryClient.manifestMediaType(bare, contentType: "application/json", name: "x") == RegistryMediaTypes.ociManifest)
        let index = Array(#"{"schemaVersion":2,"manifests":[]}"#.utf8)
        #expect(try RegistryClient.manifestMediaType(index, contentType: "text/plain", name: "x") == RegistryMediaTypes.ociIndex)
        #expect(throws: EngineError.self) {
            try RegistryClient.manifestMediaType(image.manifest, contentType: RegistryMediaTypes.ociIndex, name: "x")
        }
        #expect(throws: EngineError.self) { try RegistryClient.manifestMediaType(Array("nope".utf8), contentType: nil, name: "x") }
        let schema1 = Array(#"{"schemaVersion":1,"name":"x","fsLayers":[]}"#.utf8)
        #expect(throws: EngineError.self) { try RegistryClient.manifestMediaType(schema1, contentType: nil, name: "busybox:old") }
    }

    @Test func platformsNormaliseAndPreferTheExactMatch() throws {
        #expect(ImagePlatform(os: "Linux", architecture: "x86_64").normalized == ImagePlatform(os: "linux", architecture: "amd64"))
        #expect(
            ImagePlatform(os: "linux", architecture: "aarch64", variant: "v8").normalized
                == ImagePlatform(os: "linux", architecture: "arm64"))
        #expect(ImagePlatform(os: "linux", architecture: "arm").normalized.variant == "v7")
        #expect(ImagePlatform(parsing: "linux/arm/v7") == ImagePlatform(os: "linux", architecture: "arm", variant: "v7"))
        #expect(ImagePlatform(parsing: "arm64") == ImagePlatform(os: "linux", architecture: "arm64"))
        #expect(ImagePlatform(parsing: "linux//x") == nil)
        #expect(ImagePlatform(parsing: "linux/arm/v7")?.description == "linux/arm/v7")

        let amd = TestImage(architecture: "amd64"), arm64 = TestImage(architecture: "arm64"), armv6 = TestImage(architecture: "arm")
        let entries = [
            amd.indexEntry(architecture: "amd64"), arm64.indexEntry(architecture: "arm64", variant: "v8"),
            armv6.indexEntry(architecture: "arm", variant: "v6"),
        ]
        let index = try JSONDecoderForTests.decode(ManifestIndex.self, String(decoding: indexDocument(entries), as: UTF8.self))
        #expect(ImagePlatform(os: "linux", architecture: "amd64").select(from: index)?.digest == amd.manifestDigest)
        #expect(ImagePlatform(os: "linux", architecture: "arm64").select(from: index)?.digest == arm64.manifestDigest)
        #expect(ImagePlatform(os: "linux", architecture: "arm", variant: "v7").select(from: index)?.digest == armv6.manifestDigest)
        #expect(ImagePlatform(os: "linux", architecture: "arm", variant: "v5").select(from: index) == nil)
        #expect(ImagePlatform(os: "windows", architecture: "amd64").select(from: index) == nil)
        let only386 = try JSONDecoderForTests.decode(
            ManifestIndex.self, String(decoding: indexDocument([amd.indexEntry(architecture: "386")]), as: UTF8.self))
        #expect(ImagePlatform(os: "linux", architecture: "amd64").select(from: only386)?.digest == amd.manifestDigest)
    }

    @Test func familiarNamesFollowDocker() {
        #expect(RegistryRepository(domain: "docker.io", path: "library/busybox").familiarName == "busybox")
        #expect(RegistryRepository(domain: "docker.io", path: "user/app").familiarName == "user/app")
        #expect(RegistryRepository(domain: "docker.io", path: "library/a/b").familiarName == "library/a/b")
        #expect(RegistryRepository(domain: "localhost:5000", path: "app").familiarName == "localhost:5000/app")
        let hub = RegistryRepository(domain: "docker.io", path: "library/busybox")
        #expect(hub.familiarString("latest") == "busybox:latest")
        #expect(hub.familiarString("sha256:ab") == "busybox@sha256:ab")
    }
}
