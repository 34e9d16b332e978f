// SPDX-License-Identifier: Apache-2.0
// One container as stored: identity columns the store queries, plus two JSON blobs only the Engine reads.

/// A container row. `spec` and `state` are opaque to the Store: the Engine encodes and decodes them.
public struct ContainerRecord: Sendable, Equatable {
    /// 64 lowercase hex digits.
    public var id: String
    /// The name without the leading "/" (`docker ps` shows `/web`, the row holds `web`).
    public var name: String
    /// `sha256:…` of the image it was created from.
    public var imageID: String
    /// Creation time, Unix nanoseconds.
    public var createdAt: Int64
    /// JSON the Engine owns: config, host config, network settings, …
    public var spec: [UInt8]
    /// JSON the Engine owns: running, paused, exit code, pid, …
    public var state: [UInt8]

    /// Describes one container.
    public init(id: String, name: String, imageID: String, createdAt: Int64, spec: [UInt8], state: [UInt8]) {
        self.id = id
        self.name = name
        self.imageID = imageID
        self.createdAt = createdAt
        self.spec = spec
        self.state = state
    }

    /// Reads the columns `id, name, image_id, created_at, spec, state` by position (no name lookups per row).
    init(_ row: Row) {
        self.init(
            id: row.string(0) ?? "", name: row.string(1) ?? "", imageID: row.string(2) ?? "", createdAt: row.int(3) ?? 0,
            spec: row.blob(4) ?? [], state: row.blob(5) ?? [])
    }
}

/// Why a container write was refused, in terms the Engine can turn into Docker's messages.
public enum ContainerRecordError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Another container holds `name`; `holderID` is its ID (dockerd's 409 names it).
    case nameInUse(name: String, holderID: String)
    /// A container with this ID exists already.
    case idInUse(String)
    /// No container has this ID.
    case notFound(id: String)

    /// Operator-facing text (the Engine writes the client-facing one).
    public var description: String {
        switch self {
        case .nameInUse(let name, let holder): "container name \(name) is in use by \(holder)"
        case .idInUse(let id): "container ID \(id) is in use"
        case .notFound(let id): "no container with ID \(id)"
        }
    }
}
