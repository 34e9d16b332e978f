// SPDX-License-Identifier: Apache-2.0
// The files of the legacy `docker save` format beside the OCI layout: `manifest.json` (one item per
// image, moby image/tarexport `manifestItem`) and the sniffing of a layer blob's compression.

import Glibc
import Models

/// One image in `manifest.json`: `{"Config":"blobs/sha256/…","RepoTags":["busybox:latest"],"Layers":[…]}`.
struct DockerArchiveManifestItem: Codable, Sendable, Equatable {
    /// Path of the config file in the archive.
    var config: String
    /// Familiar `name:tag` references; absent or null for an image saved by ID.
    var repoTags: [String]?
    /// Paths of the layer tarballs, base first.
    var layers: [String]
    /// The parent image ID (old saves); read and ignored.
    var parent: String?

    enum CodingKeys: String, CodingKey {
        case config = "Config"
        case repoTags = "RepoTags"
        case layers = "Layers"
        case parent = "Parent"
    }
}

/// Layer media types from a blob's first bytes.
enum LayerBlobSniffer {
    /// The OCI layer media type for a blob starting with `prefix`: gzip `1f 8b`, zstd `28 b5 2f fd`, else tar.
    static func mediaType(prefix: [UInt8]) -> String {
        if prefix.starts(with: [0x1f, 0x8b]) { return MediaTypes.ociLayerGzip }
        if prefix.starts(with: [0x28, 0xb5, 0x2f, 0xfd]) { return MediaTypes.ociLayerZstd }
        return MediaTypes.ociLayer
    }

    /// The media type of the blob file at `path` (plain tar when it cannot be read).
    static func mediaType(ofFile path: String) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return MediaTypes.ociLayer }
        defer { close(fd) }
        var prefix = [UInt8](repeating: 0, count: 4)
        let count = read(fd, &prefix, 4)
        return mediaType(prefix: Array(prefix.prefix(max(0, count))))
    }
}
