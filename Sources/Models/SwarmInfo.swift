// SPDX-License-Identifier: Apache-2.0
// Swarm state in `GET /info` (spec `SwarmInfo`, `LocalNodeState`, `PeerNode`); Berth reports `inactive`.

/// Generic swarm information; Berth does not run swarm, so the default value is an inactive node.
///
/// The spec's `Cluster` (`ClusterInfo`) is not modelled: dockerd omits it unless the node is a manager.
public struct SwarmInfo: Codable, Sendable, Equatable {
    /// Node ID in the swarm; empty when inactive.
    public var nodeID: String
    /// Address other nodes reach this one at; empty when inactive.
    public var nodeAddr: String
    /// Local node state.
    public var localNodeState: LocalNodeState
    /// True when this node is a manager.
    public var controlAvailable: Bool
    /// Error text, if any.
    public var error: String
    /// Other managers; omitted when nil (dockerd writes `null`).
    public var remoteManagers: [PeerNode]?
    /// Total nodes; omitted when nil (dockerd omits zero).
    public var nodes: Int?
    /// Total managers; omitted when nil (dockerd omits zero).
    public var managers: Int?

    /// Creates swarm information; the defaults describe an inactive node.
    public init(
        nodeID: String = "",
        nodeAddr: String = "",
        localNodeState: LocalNodeState = .inactive,
        controlAvailable: Bool = false,
        error: String = "",
        remoteManagers: [PeerNode]? = nil,
        nodes: Int? = nil,
        managers: Int? = nil
    ) {
        self.nodeID = nodeID
        self.nodeAddr = nodeAddr
        self.localNodeState = localNodeState
        self.controlAvailable = controlAvailable
        self.error = error
        self.remoteManagers = remoteManagers
        self.nodes = nodes
        self.managers = managers
    }

    enum CodingKeys: String, CodingKey {
        case nodeID = "NodeID"
        case nodeAddr = "NodeAddr"
        case localNodeState = "LocalNodeState"
        case controlAvailable = "ControlAvailable"
        case error = "Error"
        case remoteManagers = "RemoteManagers"
        case nodes = "Nodes"
        case managers = "Managers"
    }
}

/// Current local state of a swarm node (spec `LocalNodeState`).
public enum LocalNodeState: String, Codable, Sendable, Equatable, CaseIterable {
    /// The empty state.
    case none = ""
    /// Not part of a swarm.
    case inactive
    /// Joining a swarm.
    case pending
    /// Part of a swarm.
    case active
    /// Failed.
    case error
    /// Locked (autolock).
    case locked
}

/// Another manager node in the swarm (spec `PeerNode`).
public struct PeerNode: Codable, Sendable, Equatable {
    /// The node's ID.
    public var nodeID: String
    /// The node's address and port.
    public var addr: String

    /// Creates a peer entry.
    public init(nodeID: String, addr: String) {
        self.nodeID = nodeID
        self.addr = addr
    }

    enum CodingKeys: String, CodingKey {
        case nodeID = "NodeID"
        case addr = "Addr"
    }
}
