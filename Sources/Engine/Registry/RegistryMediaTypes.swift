// SPDX-License-Identifier: Apache-2.0
// Manifest media types a pull accepts (OCI image-spec media-types.md and Docker's schema2 equivalents).

import HTTPCore

/// Media type names for manifests and indexes.
public enum RegistryMediaTypes {
    /// OCI image index.
    public static let ociIndex = "application/vnd.oci.image.index.v1+json"
    /// OCI image manifest.
    public static let ociManifest = "application/vnd.oci.image.manifest.v1+json"
    /// Docker manifest list (schema2 index).
    public static let dockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json"
    /// Docker image manifest, schema 2.
    public static let dockerManifest = "application/vnd.docker.distribution.manifest.v2+json"
    /// Docker schema 1 (signed and unsigned); refused.
    public static let dockerSchema1 = [
        "application/vnd.docker.distribution.manifest.v1+prettyjws", "application/vnd.docker.distribution.manifest.v1+json",
    ]

    /// The `Accept` header of a manifest request: indexes and single-platform manifests of both families.
    public static let manifestAccept = [ociIndex, dockerManifestList, ociManifest, dockerManifest].joined(separator: ", ")

    /// True for the two index types.
    public static func isIndex(_ mediaType: String) -> Bool { mediaType == ociIndex || mediaType == dockerManifestList }

    /// True for the two single-platform manifest types.
    public static func isManifest(_ mediaType: String) -> Bool { mediaType == ociManifest || mediaType == dockerManifest }

    /// A `Content-Type` value without parameters, lowercased (`application/json; charset=utf-8` → `application/json`).
    static func bare(_ contentType: String?) -> String {
        String((contentType ?? "").prefix { $0 != ";" }.trimmingSpaces()).lowercased()
    }
}
