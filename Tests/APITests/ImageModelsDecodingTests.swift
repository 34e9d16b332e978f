// SPDX-License-Identifier: Apache-2.0
// Decoding registry and image JSON as found in the wild: an OCI index with platforms, a Docker schema2 manifest,
// and an image config with history and the legacy fields the Docker builder writes.

import Models
import Testing

@Suite struct ImageModelsDecodingTests {
    /// A Docker Hub-style OCI index: two images and a BuildKit attestation manifest.
    static let index = #"""
        {
          "manifests": [
            {"annotations": {"com.docker.official-images.bashbrew.arch": "amd64", "org.opencontainers.image.version": "1.36.1"},
             "digest": "sha256:5eef5ed34e1e1ff0a4ae850395cbf665c4de6b4b83a32a0bc7bcb998e24e7bbb", "mediaType": "application/vnd.oci.image.manifest.v1+json",
             "platform": {"architecture": "amd64", "os": "linux"}, "size": 610},
            {"digest": "sha256:c9c3ba8e5f6b4f2b7ed1e6c1f7e1a63d7a4e3a1cd8b3fb4e1be4c5cfa1e6c1d2", "mediaType": "application/vnd.oci.image.manifest.v1+json",
             "platform": {"architecture": "arm64", "os": "linux", "variant": "v8"}, "size": 610},
            {"annotations": {"vnd.docker.reference.digest": "sha256:5eef5ed34e1e1ff0a4ae850395cbf665c4de6b4b83a32a0bc7bcb998e24e7bbb",
                             "vnd.docker.reference.type": "attestation-manifest"},
             "digest": "sha256:1d4c7a1f8a8d2c0c9e5b4b5e2f8c3a1b0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a", "mediaType": "application/vnd.oci.image.manifest.v1+json",
             "platform": {"architecture": "unknown", "os": "unknown"}, "size": 839}
          ],
          "mediaType": "application/vnd.oci.image.index.v1+json",
          "schemaVersion": 2
        }
        """#

    /// hello-world:latest (linux/amd64) as Docker Hub served it in schema2.
    static let schema2 = #"""
        {
           "schemaVersion": 2,
           "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
           "config": {
              "mediaType": "application/vnd.docker.container.image.v1+json",
              "size": 1469,
              "digest": "sha256:feb5d9fea6a5e9606aa995e879d862b825965ba48de054caab5ef356dc6b3412"
           },
           "layers": [
              {
                 "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
                 "size": 2479,
                 "digest": "sha256:2db29710123e3e53a794f2694094b9b4338aa9ee5c40b930cb8063a1be392c54"
              }
           ]
        }
        """#

    /// A busybox config from the classic builder: the full container config, `container_config`, nulls, history.
    static let config = #"""
        {"architecture":"amd64","config":{"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,
        "AttachStderr":false,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
        "Cmd":["sh"],"Image":"sha256:2c1a3b4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a","Volumes":null,"WorkingDir":"",
        "Entrypoint":null,"OnBuild":null,"Labels":null},"container":"b7a6f4e3","container_config":{"Hostname":"b7a6f4e3","Cmd":["/bin/sh","-c",
        "#(nop) ","CMD [\"sh\"]"]},"created":"2023-07-18T23:19:33.655005962Z","docker_version":"20.10.23","history":[{"created":
        "2023-07-18T23:19:33.538571854Z","created_by":"/bin/sh -c #(nop) ADD file:7e9002edaafd4e4579b65c8f0aaabde1aeb7fd3f8d95579f7fd3443cef785fd1 in / "},
        {"created":"2023-07-18T23:19:33.655005962Z","created_by":"/bin/sh -c #(nop)  CMD [\"sh\"]","empty_layer":true}],"os":"linux",
        "rootfs":{"type":"layers","diff_ids":["sha256:3d24ee258efc3bfe4066a1a9fb83febf6dc0b1548dfe896161533668281c9f4f"]}}
        """#

    @Test func ociIndexWithPlatforms() throws {
        let index = try JSONCoding.decode(OCIIndex.self, from: Self.index)
        #expect(index.schemaVersion == 2 && index.mediaType == MediaTypes.ociIndex && MediaTypes.isIndex(index.mediaType ?? ""))
        #expect(index.manifests.count == 3)
        #expect(index.manifests.map { $0.platform?.architecture } == ["amd64", "arm64", "unknown"])
        #expect(index.manifests[1].platform == OCIPlatform(architecture: "arm64", os: "linux", variant: "v8"))
        #expect(index.manifests[0].annotations?["org.opencontainers.image.version"] == "1.36.1")
        #expect(index.manifests[2].annotations?["vnd.docker.reference.type"] == "attestation-manifest")
        #expect(index.manifests.allSatisfy { MediaTypes.isManifest($0.mediaType) } && index.manifests[0].size == 610)
        #expect(try JSONCoding.decode(OCIIndex.self, from: try JSONCoding.encode(index)) == index)
    }

    @Test func dockerSchema2Manifest() throws {
        let manifest = try JSONCoding.decode(OCIManifest.self, from: Self.schema2)
        #expect(manifest.mediaType == MediaTypes.dockerManifest && MediaTypes.isManifest(MediaTypes.dockerManifest))
        #expect(manifest.config.mediaType == MediaTypes.dockerConfig && manifest.config.size == 1469)
        #expect(manifest.config.digest.rawValue == "sha256:feb5d9fea6a5e9606aa995e879d862b825965ba48de054caab5ef356dc6b3412")
        #expect(manifest.layers.count == 1 && MediaTypes.compression(ofLayer: manifest.layers[0].mediaType) == .gzip)
        #expect(manifest.subject == nil && manifest.annotations == nil && manifest.layers[0].urls == nil)
        let encoded = try JSONCoding.encodeString(manifest)
        #expect(!encoded.contains("annotations") && !encoded.contains("subject") && !encoded.contains("artifactType"))
    }

    @Test func manifestWithABadDigestIsRefused() {
        let bad = Self.schema2.replacingOccurrences(of: "sha256:2db29710", with: "sha256:2DB29710")
        #expect(throws: DecodingError.self) { try JSONCoding.decode(OCIManifest.self, from: bad) }
    }

    @Test func imageConfigWithHistoryAndLegacyFields() throws {
        let config = try JSONCoding.decode(OCIImageConfig.self, from: Self.config)
        #expect(config.architecture == "amd64" && config.os == "linux" && config.variant == nil)
        #expect(config.created == "2023-07-18T23:19:33.655005962Z" && config.dockerVersion == "20.10.23")
        #expect(config.config?.cmd == ["sh"] && config.config?.entrypoint == nil && config.config?.labels == nil)
        #expect(config.config?.env == ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"])
        #expect(config.config?.user == "" && config.config?.workingDir == "")
        #expect(
            config.rootfs.type == "layers"
                && config.rootfs.diffIDs.map(\.encoded) == ["3d24ee258efc3bfe4066a1a9fb83febf6dc0b1548dfe896161533668281c9f4f"])
        let history = try #require(config.history)
        #expect(history.count == 2 && history[0].makesLayer && !history[1].makesLayer)
        #expect(history[1].createdBy == "/bin/sh -c #(nop)  CMD [\"sh\"]" && history[1].emptyLayer == true)
    }

    @Test func ociSpecExampleConfig() throws {
        let json = #"""
            {"created":"2015-10-31T22:22:56.015925234Z","author":"Alyssa P. Hacker <alyspdev@example.com>","architecture":"amd64",
             "os":"linux","config":{"User":"alice","ExposedPorts":{"8080/tcp":{}},"Env":["FOO=oci_is_a"],"Entrypoint":["/bin/my-app-binary"],
             "Cmd":["--foreground"],"Volumes":{"/var/job-result-data":{},"/var/log/my-app-logs":{}},"WorkingDir":"/home/alice",
             "Labels":{"com.example.project.git.url":"https://example.com/project.git"},"StopSignal":"SIGTERM",
             "Healthcheck":{"Test":["CMD-SHELL","true"],"Interval":30000000000,"Retries":3},"Shell":["/bin/sh","-c"]},
             "rootfs":{"diff_ids":["sha256:c6f988f4874bb0add23a778f753c65efe992244e148a1d2ec2a8b664fb66bbd1"],"type":"layers"},
             "history":[{"created":"2015-10-31T22:22:54.690851953Z","created_by":"/bin/sh -c apk add curl","author":"a","comment":"c"}]}
            """#
        let config = try JSONCoding.decode(OCIImageConfig.self, from: json)
        let run = try #require(config.config)
        #expect(
            run.exposedPorts == ["8080/tcp": EmptyObject()]
                && run.volumes?.keys.sorted() == ["/var/job-result-data", "/var/log/my-app-logs"])
        #expect(run.entrypoint == ["/bin/my-app-binary"] && run.stopSignal == "SIGTERM" && run.shell == ["/bin/sh", "-c"])
        #expect(run.healthcheck == HealthConfig(test: ["CMD-SHELL", "true"], interval: 30_000_000_000, retries: 3))
        #expect(config.author == "Alyssa P. Hacker <alyspdev@example.com>" && config.history?.first?.comment == "c")
        let encoded = try JSONCoding.encodeString(config)
        #expect(encoded.contains("\"diff_ids\":[\"sha256:c6f988f4") && encoded.contains("\"ExposedPorts\":{\"8080/tcp\":{}}"))
        #expect(encoded.contains("\"Healthcheck\":{\"Interval\":30000000000,\"Retries\":3,\"Test\":[\"CMD-SHELL\",\"true\"]}"))
        #expect(try JSONCoding.decode(OCIImageConfig.self, from: encoded) == config)
    }

    @Test func emptyObjectsAcceptNullAndMembers() throws {
        let ports = try JSONCoding.decode([String: EmptyObject].self, from: #"{"80/tcp":{},"53/udp":null,"x":{"ignored":1}}"#)
        #expect(ports.keys.sorted() == ["53/udp", "80/tcp", "x"])
        #expect(try JSONCoding.encodeString(ports) == #"{"53/udp":{},"80/tcp":{},"x":{}}"#)
    }

    @Test func configToleratesMissingPlatformButNeedsRootFS() throws {
        let bare = try JSONCoding.decode(OCIImageConfig.self, from: #"{"rootfs":{"type":"layers","diff_ids":null}}"#)
        #expect(bare.architecture == "" && bare.os == "" && bare.rootfs.diffIDs.isEmpty && bare.config == nil)
        #expect(throws: DecodingError.self) { try JSONCoding.decode(OCIImageConfig.self, from: #"{"architecture":"amd64","os":"linux"}"#) }
    }

    @Test func layerMediaTypesAndLayoutHeader() throws {
        #expect(MediaTypes.compression(ofLayer: MediaTypes.ociLayerZstd) == LayerCompression.zstd)
        #expect(MediaTypes.compression(ofLayer: MediaTypes.dockerLayer) == LayerCompression.none)
        #expect(MediaTypes.compression(ofLayer: MediaTypes.ociConfig) == nil && !MediaTypes.isLayer(MediaTypes.ociConfig))
        #expect(MediaTypes.isForeignLayer(MediaTypes.dockerForeignLayerGzip) && MediaTypes.isForeignLayer(MediaTypes.ociForeignLayer))
        #expect(!MediaTypes.isForeignLayer(MediaTypes.ociLayerGzip))
        #expect(try JSONCoding.encodeString(OCILayoutHeader()) == #"{"imageLayoutVersion":"1.0.0"}"#)
    }
}
