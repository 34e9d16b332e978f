// SPDX-License-Identifier: Apache-2.0
// The OCI runtime bundle's config.json (runtime-spec config.md), as runc 1.1.5 and crun 1.8.1 read it.

/// The runtime-spec `config.json` of a bundle; keys as in the spec, optionals omitted when nil.
///
/// Field shapes follow runtime-spec `specs-go/config.go`: every Go field tagged `omitempty` is optional here,
/// so a config written by `runc spec` decodes and ours round-trips without empty objects.
public struct OCIRuntimeSpec: Codable, Sendable, Hashable {
    /// The spec version the runtime reads; runc 1.1.5 writes `1.0.2-dev`.
    public static let currentVersion = "1.0.2-dev"

    /// Spec version (`ociVersion`).
    public var ociVersion: String
    /// The container's process (`process`).
    public var process: Process?
    /// The root filesystem (`root`).
    public var root: Root?
    /// The UTS hostname (`hostname`).
    public var hostname: String?
    /// The UTS NIS domain name (`domainname`).
    public var domainname: String?
    /// Mounts in order (`mounts`).
    public var mounts: [Mount]?
    /// Lifecycle hooks (`hooks`).
    public var hooks: Hooks?
    /// Arbitrary metadata (`annotations`).
    public var annotations: [String: String]?
    /// Linux-specific settings (`linux`).
    public var linux: Linux?

    /// Creates a spec; `ociVersion` defaults to `currentVersion`.
    public init(
        ociVersion: String = OCIRuntimeSpec.currentVersion, process: Process? = nil, root: Root? = nil,
        hostname: String? = nil, domainname: String? = nil, mounts: [Mount]? = nil, hooks: Hooks? = nil,
        annotations: [String: String]? = nil, linux: Linux? = nil
    ) {
        self.ociVersion = ociVersion
        self.process = process
        self.root = root
        self.hostname = hostname
        self.domainname = domainname
        self.mounts = mounts
        self.hooks = hooks
        self.annotations = annotations
        self.linux = linux
    }
}
