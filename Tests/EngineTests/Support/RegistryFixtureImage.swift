// SPDX-License-Identifier: Apache-2.0
// Tiny images built in the test: a one-file tar layer, a config naming it, a schema2 or OCI manifest,
// and indexes over several of them.

import Engine
import Platform

/// `sha256:<hex>` of `bytes`.
func digestOf(_ bytes: [UInt8]) -> String { "sha256:" + Crypto.hex(Crypto.sha256(bytes)) }

/// A ustar archive holding one regular file.
func tarArchive(name: String, content: [UInt8]) -> [UInt8] {
    func field(_ text: String, _ width: Int) -> [UInt8] {
        let bytes = Array(text.utf8.prefix(width))
        return bytes + [UInt8](repeating: 0, count: width - bytes.count)
    }
    func octal(_ value: Int, _ width: Int) -> [UInt8] {
        field(String(repeating: "0", count: max(0, width - 1 - String(value, radix: 8).count)) + String(value, radix: 8), width)
    }
    var header = field(name, 100) + octal(0o644, 8) + octal(0, 8) + octal(0, 8) + octal(content.count, 12) + octal(1_700_000_000, 12)
    header += [UInt8](repeating: 32, count: 8) + Array("0".utf8) + field("", 100) + Array("ustar\u{0}00".utf8)
    header += field("root", 32) + field("root", 32) + octal(0, 8) + octal(0, 8) + field("", 155)
    header += [UInt8](repeating: 0, count: 512 - header.count)
    let sum = header.reduce(0) { $0 + Int($1) }
    let checksum = Array((String(repeating: "0", count: 6 - String(sum, radix: 8).count) + String(sum, radix: 8)).utf8) + [0, 32]
    header.replaceSubrange(148..<156, with: checksum)
    let padding = (512 - content.count % 512) % 512
    return header + content + [UInt8](repeating: 0, count: padding + 1024)
}

/// One single-platform image: layer, config and manifest bytes with their digests.
struct TestImage {
    let layer: [UInt8]
    let config: [UInt8]
    let manifest: [UInt8]
    let mediaType: String

    var layerDigest: String { digestOf(layer) }
    var configDigest: String { digestOf(config) }
    var manifestDigest: String { digestOf(manifest) }

    /// An image whose one file says `text`, for `architecture`; `oci` picks OCI media types over Docker's.
    init(text: String = "hello from berth\n", architecture: String = "amd64", variant: String? = nil, oci: Bool = false) {
        layer = tarArchive(name: "hello.txt", content: Array(text.utf8))
        let variantField = variant.map { ",\"variant\":\"\($0)\"" } ?? ""
        config = Array(
            """
            {"architecture":"\(architecture)"\(variantField),"os":"linux","config":{"Cmd":["/bin/cat","/hello.txt"]},\
            "rootfs":{"type":"layers","diff_ids":["\(digestOf(layer))"]},"history":[{"created_by":"berth test"}]}
            """.utf8)
        mediaType = oci ? RegistryMediaTypes.ociManifest : RegistryMediaTypes.dockerManifest
        let configType = oci ? "application/vnd.oci.image.config.v1+json" : "application/vnd.docker.container.image.v1+json"
        let layerType = oci ? "application/vnd.oci.image.layer.v1.tar" : "application/vnd.docker.image.rootfs.diff.tar"
        manifest = Array(
            """
            {"schemaVersion":2,"mediaType":"\(mediaType)","config":{"mediaType":"\(configType)","size":\(config.count),\
            "digest":"\(digestOf(config))"},"layers":[{"mediaType":"\(layerType)","size":\(layer.count),"digest":"\(digestOf(layer))"}]}
            """.utf8)
    }

    /// This manifest as an index entry for `os/architecture[/variant]`.
    func indexEntry(architecture: String, variant: String? = nil) -> String {
        let variantField = variant.map { ",\"variant\":\"\($0)\"" } ?? ""
        return """
            {"mediaType":"\(mediaType)","size":\(manifest.count),"digest":"\(manifestDigest)",\
            "platform":{"architecture":"\(architecture)","os":"linux"\(variantField)}}
            """
    }
}

/// An OCI index over `entries` (from `TestImage.indexEntry`).
func indexDocument(_ entries: [String]) -> [UInt8] {
    Array("{\"schemaVersion\":2,\"mediaType\":\"\(RegistryMediaTypes.ociIndex)\",\"manifests\":[\(entries.joined(separator: ","))]}".utf8)
}
