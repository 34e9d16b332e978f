// SPDX-License-Identifier: Apache-2.0
// The per-type options of a `Mount` (spec `Mount.BindOptions`, `VolumeOptions`, `ImageOptions`, `TmpfsOptions`).

/// Options for a bind mount; every field is omitted when nil.
public struct BindOptions: Codable, Sendable, Equatable {
    /// Propagation: `private`, `rprivate`, `shared`, `rshared`, `slave`, `rslave`.
    public var propagation: String?
    /// Do not bind submounts.
    public var nonRecursive: Bool?
    /// Create the host path when missing.
    public var createMountpoint: Bool?
    /// Make only the top mount read-only (API 1.44).
    public var readOnlyNonRecursive: Bool?
    /// Fail unless submounts can be read-only too (API 1.44).
    public var readOnlyForceRecursive: Bool?

    /// Creates a value; every field defaults to its zero value or nil.
    public init(
        propagation: String? = nil,
        nonRecursive: Bool? = nil,
        createMountpoint: Bool? = nil,
        readOnlyNonRecursive: Bool? = nil,
        readOnlyForceRecursive: Bool? = nil
    ) {
        self.propagation = propagation
        self.nonRecursive = nonRecursive
        self.createMountpoint = createMountpoint
        self.readOnlyNonRecursive = readOnlyNonRecursive
        self.readOnlyForceRecursive = readOnlyForceRecursive
    }

    enum CodingKeys: String, CodingKey {
        case propagation = "Propagation"
        case nonRecursive = "NonRecursive"
        case createMountpoint = "CreateMountpoint"
        case readOnlyNonRecursive = "ReadOnlyNonRecursive"
        case readOnlyForceRecursive = "ReadOnlyForceRecursive"
    }
}

/// Options for a volume mount; every field is omitted when nil.
public struct VolumeOptions: Codable, Sendable, Equatable {
    /// Do not copy the image's data into a new volume.
    public var noCopy: Bool?
    /// Labels for a volume created by this mount.
    public var labels: [String: String]?
    /// Driver for a volume created by this mount.
    public var driverConfig: VolumeDriverConfig?
    /// Path inside the volume to mount (API 1.45).
    public var subpath: String?

    /// Creates a value; every field defaults to its zero value or nil.
    public init(noCopy: Bool? = nil, labels: [String: String]? = nil, driverConfig: VolumeDriverConfig? = nil, subpath: String? = nil) {
        self.noCopy = noCopy
        self.labels = labels
        self.driverConfig = driverConfig
        self.subpath = subpath
    }

    enum CodingKeys: String, CodingKey {
        case noCopy = "NoCopy"
        case labels = "Labels"
        case driverConfig = "DriverConfig"
        case subpath = "Subpath"
    }
}

/// A volume driver and its options (spec `Mount.VolumeOptions.DriverConfig`).
public struct VolumeDriverConfig: Codable, Sendable, Equatable {
    /// Driver name.
    public var name: String?
    /// Driver options.
    public var options: [String: String]?

    /// Creates a value; every field defaults to its zero value or nil.
    public init(name: String? = nil, options: [String: String]? = nil) {
        self.name = name
        self.options = options
    }

    enum CodingKeys: String, CodingKey {
        case name = "Name"
        case options = "Options"
    }
}

/// Options for an image mount; every field is omitted when nil.
public struct ImageOptions: Codable, Sendable, Equatable {
    /// Path inside the image to mount.
    public var subpath: String?

    /// Creates a value; every field defaults to its zero value or nil.
    public init(subpath: String? = nil) {
        self.subpath = subpath
    }

    enum CodingKeys: String, CodingKey {
        case subpath = "Subpath"
    }
}

/// Options for a tmpfs mount; every field is omitted when nil.
public struct TmpfsOptions: Codable, Sendable, Equatable {
    /// Size limit in bytes.
    public var sizeBytes: Int64?
    /// Permission bits, e.g. `0o1777`.
    public var mode: UInt32?
    /// Raw mount options, `[["noexec"], ["uid", "1000"]]` (API 1.46).
    public var options: [[String]]?

    /// Creates a value; every field defaults to its zero value or nil.
    public init(sizeBytes: Int64? = nil, mode: UInt32? = nil, options: [[String]]? = nil) {
        self.sizeBytes = sizeBytes
        self.mode = mode
        self.options = options
    }

    enum CodingKeys: String, CodingKey {
        case sizeBytes = "SizeBytes"
        case mode = "Mode"
        case options = "Options"
    }
}
