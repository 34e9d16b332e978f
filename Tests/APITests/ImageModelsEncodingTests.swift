// SPDX-License-Identifier: Apache-2.0
// Wire shape of the image models: Docker's exact key names, omitted nils, and the OpenAPI schemas in openapi/.

import Foundation
import Models
import Testing

@Suite struct ImageModelsEncodingTests {
    static let id = "sha256:" + String(repeating: "ab", count: 32)
    static let layer = "sha256:" + String(repeating: "cd", count: 32)

    static func descriptor() throws -> OCIDescriptor {
        OCIDescriptor(
            mediaType: MediaTypes.ociIndex, digest: try Digest(parsing: layer), size: 9218,
            annotations: ["org.opencontainers.image.ref.name": "latest"])
    }

    @Test func imageInspectUsesDockerKeys() throws {
        let inspect = ImageInspect(
            id: Self.id, repoTags: ["busybox:latest"], repoDigests: ["busybox@\(Self.layer)"],
            created: "2023-07-18T23:19:33.655005962Z", dockerVersion: "20.10.23",
            config: ImageConfig(exposedPorts: ["80/tcp": EmptyObject()], env: ["PATH=/bin"], cmd: ["sh"]),
            architecture: "amd64", os: "linux", size: 4_261_550,
            graphDriver: DriverData(name: "overlay2", data: ["MergedDir": "/var/lib/berth/overlay2/x/merged"]),
            rootFS: .init(layers: [Self.layer]), metadata: .init(lastTagTime: "0001-01-01T00:00:00Z"))
        let json = try JSONCoding.encodeString(inspect)
        for key in [
            "\"Id\":\"\(Self.id)\"", "\"RepoTags\":[\"busybox:latest\"]", "\"RepoDigests\":[\"busybox@\(Self.layer)\"]",
            "\"Parent\":\"\"", "\"Comment\":\"\"", "\"Created\":\"2023-07-18T23:19:33.655005962Z\"", "\"DockerVersion\":\"20.10.23\"",
            "\"Author\":\"\"", "\"Config\":{\"Cmd\":[\"sh\"],\"Env\":[\"PATH=/bin\"],\"ExposedPorts\":{\"80/tcp\":{}}}",
            "\"Architecture\":\"amd64\"", "\"Os\":\"linux\"", "\"Size\":4261550",
            "\"GraphDriver\":{\"Data\":{\"MergedDir\":\"/var/lib/berth/overlay2/x/merged\"},\"Name\":\"overlay2\"}",
            "\"RootFS\":{\"Layers\":[\"\(Self.layer)\"],\"Type\":\"layers\"}", "\"Metadata\":{\"LastTagTime\":\"0001-01-01T00:00:00Z\"}",
        ] {
            #expect(json.contains(key), "missing \(key)")
        }
        for absent in ["VirtualSize", "Variant", "OsVersion", "Descriptor", "Manifests", "\\/"] {
            #expect(!json.contains(absent), "unexpected \(absent)")
        }
        #expect(try JSONCoding.decode(ImageInspect.self, from: json) == inspect)
    }

    @Test func imageSummaryManifestsAndDescriptorMatchTheDocument() throws {
        let plain = try JSONCoding.encodeString(ImageSummary(id: Self.id))
        #expect(!plain.contains("Manifests") && !plain.contains("Descriptor"))
        let platform = OCIPlatform(architecture: "arm64", os: "linux", variant: "v8")
        let summary = ImageSummary(
            id: Self.id, repoTags: ["busybox:latest"], created: 1_689_722_373, size: 4_261_550,
            manifests: [
                ImageManifestSummary(
                    id: Self.layer,
                    descriptor: OCIDescriptor(mediaType: MediaTypes.ociManifest, digest: try Digest(parsing: Self.layer), size: 610),
                    available: true, size: .init(total: 8_213_251, content: 3_987_495), kind: .image,
                    imageData: .init(platform: platform, containers: ["c1"], size: .init(unpacked: 4_225_756)))
            ],
            descriptor: try Self.descriptor())
        let json = try JSONCoding.encodeString(summary)
        for key in [
            "\"Descriptor\":{\"annotations\":{\"org.opencontainers.image.ref.name\":\"latest\"},\"digest\":\"\(Self.layer)\",\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"size\":9218}",
            "\"Kind\":\"image\"", "\"Available\":true", "\"Size\":{\"Content\":3987495,\"Total\":8213251}", "\"ID\":\"\(Self.layer)\"",
            "\"ImageData\":{\"Containers\":[\"c1\"],\"Platform\":{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"},\"Size\":{\"Unpacked\":4225756}}",
        ] {
            #expect(json.contains(key), "missing \(key)")
        }
        #expect(try JSONCoding.decode(ImageSummary.self, from: json) == summary)
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        // v1.50 lists `UnpackedSize` as required in ImageData but moby's struct has no such field; dockerd omits it.
        let problems = try OpenAPIDocument.load().violations(of: value, against: "ImageSummary").filter { !$0.hasSuffix("UnpackedSize") }
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func platformUsesDottedKeys() throws {
        let platform = OCIPlatform(architecture: "amd64", os: "windows", osVersion: "10.0.17763.1", osFeatures: ["win32k"])
        #expect(
            try JSONCoding.encodeString(platform)
                == #"{"architecture":"amd64","os":"windows","os.features":["win32k"],"os.version":"10.0.17763.1"}"#)
        let inspect = DistributionInspect(descriptor: try Self.descriptor(), platforms: [platform])
        let json = try JSONCoding.encodeString(inspect)
        #expect(json.hasPrefix("{\"Descriptor\":{") && json.contains("\"Platforms\":[{\"architecture\":\"amd64\""))
        #expect(try JSONCoding.decode(DistributionInspect.self, from: json) == inspect)
    }

    @Test func historyDeleteAndPruneShapes() throws {
        let row = ImageHistoryItem(id: "<missing>", created: 1_689_722_373, createdBy: "/bin/sh -c #(nop)  CMD [\"sh\"]")
        #expect(
            try JSONCoding.encodeString(row)
                == #"{"Comment":"","Created":1689722373,"CreatedBy":"/bin/sh -c #(nop)  CMD [\"sh\"]","Id":"<missing>","Size":0,"Tags":[]}"#
        )
        #expect(try JSONCoding.encodeString(ImageDeleteResponseItem(untagged: "busybox:latest")) == #"{"Untagged":"busybox:latest"}"#)
        #expect(try JSONCoding.encodeString(ImageDeleteResponseItem(deleted: Self.id)) == "{\"Deleted\":\"\(Self.id)\"}")
        let prune = ImagesPruneResponse(imagesDeleted: [ImageDeleteResponseItem(deleted: Self.id)], spaceReclaimed: 42)
        #expect(try JSONCoding.encodeString(prune) == "{\"ImagesDeleted\":[{\"Deleted\":\"\(Self.id)\"}],\"SpaceReclaimed\":42}")
        #expect(
            try JSONCoding.decode(ImagesPruneResponse.self, from: #"{"ImagesDeleted":null,"SpaceReclaimed":0}"#) == ImagesPruneResponse())
    }

    @Test func searchResultsUseSnakeCase() throws {
        let result = ImageSearchResult(description: "Busybox base image.", isOfficial: true, name: "busybox", starCount: 3037)
        #expect(
            try JSONCoding.encodeString(result)
                == #"{"description":"Busybox base image.","is_automated":false,"is_official":true,"name":"busybox","star_count":3037}"#)
        #expect(
            try JSONCoding.decode(ImageSearchResult.self, from: #"{"name":"x","star_count":1}"#)
                == ImageSearchResult(name: "x", starCount: 1))
    }
}
