// SPDX-License-Identifier: Apache-2.0
// The `oci-layout` file of an image layout directory or tarball, and the annotation keys layouts use.

/// The `oci-layout` file: `{"imageLayoutVersion":"1.0.0"}` (OCI image-layout.md).
public struct OCILayoutHeader: Codable, Sendable, Equatable {
    /// The layout version; `1.0.0`.
    public var imageLayoutVersion: String

    /// Creates a header.
    public init(imageLayoutVersion: String = "1.0.0") {
        self.imageLayoutVersion = imageLayoutVersion
    }

    enum CodingKeys: String, CodingKey {
        case imageLayoutVersion
    }
}

/// Annotation keys of OCI (annotations.md) and containerd that image layouts and `docker save` use.
public enum OCIAnnotations {
    /// The tag (or full reference) of a manifest in a layout's `index.json`.
    public static let refName = "org.opencontainers.image.ref.name"
    /// Creation time, RFC 3339.
    public static let created = "org.opencontainers.image.created"
    /// containerd's full image name in `index.json`, e.g. `docker.io/library/busybox:latest` (written by `docker save`).
    public static let containerdImageName = "io.containerd.image.name"
}
