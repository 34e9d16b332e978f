// SPDX-License-Identifier: Apache-2.0
// A mount as a container uses it (spec `MountPoint`), in listings and inspect output.

/// A mount inside a container.
public struct MountPoint: Codable, Sendable, Equatable {
    /// Mount type: `bind`, `volume`, `image`, `tmpfs`, `npipe` or `cluster`; omitted when nil.
    public var type: String?
    /// Volume name, for volume mounts; omitted when nil.
    public var name: String?
    /// Host path (bind) or volume data path.
    public var source: String
    /// Path inside the container.
    public var destination: String
    /// Volume driver, for volume mounts; omitted when nil.
    public var driver: String?
    /// Mode options as given, e.g. `z`, `ro`; may be empty.
    public var mode: String
    /// True when writable.
    public var rw: Bool
    /// Bind propagation, e.g. `rprivate`; may be empty.
    public var propagation: String

    /// Creates a mount entry.
    public init(
        type: String? = nil,
        name: String? = nil,
        source: String,
        destination: String,
        driver: String? = nil,
        mode: String = "",
        rw: Bool = true,
        propagation: String = ""
    ) {
        self.type = type
        self.name = name
        self.source = source
        self.destination = destination
        self.driver = driver
        self.mode = mode
        self.rw = rw
        self.propagation = propagation
    }

    enum CodingKeys: String, CodingKey {
        case type = "Type"
        case name = "Name"
        case source = "Source"
        case destination = "Destination"
        case driver = "Driver"
        case mode = "Mode"
        case rw = "RW"
        case propagation = "Propagation"
    }
}
