// SPDX-License-Identifier: Apache-2.0
// A container as the engine keeps it: the immutable-ish spec from create (stored as the row's `spec` JSON)
// and the run state that changes with every start/exit (the row's `state` JSON).

import Models

/// What a container was created with, plus what create resolved (image, command, paths).
public struct ContainerSpec: Codable, Sendable, Equatable {
    /// `Config` as sent (with the image's defaults merged where dockerd merges them).
    public var config: ContainerConfig
    /// `HostConfig` as sent, normalised (network mode, restart policy, log config defaults).
    public var hostConfig: HostConfig
    /// `NetworkingConfig` as sent.
    public var networkingConfig: NetworkingConfig?
    /// The image ID the container was created from.
    public var imageID: String
    /// The first element of entrypoint + cmd.
    public var path: String
    /// The rest of entrypoint + cmd.
    public var args: [String]
    /// Creation time, ns since the epoch.
    public var created: Int64
    /// The OCI runtime name (`runc`, `crun`).
    public var runtime: String

    /// Makes a spec.
    public init(
        config: ContainerConfig, hostConfig: HostConfig, networkingConfig: NetworkingConfig?, imageID: String, path: String, args: [String],
        created: Int64, runtime: String
    ) {
        self.config = config
        self.hostConfig = hostConfig
        self.networkingConfig = networkingConfig
        self.imageID = imageID
        self.path = path
        self.args = args
        self.created = created
        self.runtime = runtime
    }
}

/// Where a container is in its life, as dockerd's `State.Status`.
public enum ContainerStatus: String, Codable, Sendable {
    /// Created, never started (or start failed before the process ran).
    case created
    /// The process runs.
    case running
    /// Frozen.
    case paused
    /// Waiting to be restarted by its restart policy.
    case restarting
    /// Being removed.
    case removing
    /// The process ended.
    case exited
    /// Removal failed halfway.
    case dead
}

/// The part of a container that changes while it runs.
public struct ContainerRunState: Codable, Sendable, Equatable {
    /// Lifecycle status.
    public var status: ContainerStatus = .created
    /// Host pid of the process while running, else 0.
    public var pid: Int32 = 0
    /// Pid of the berth-shim monitoring it, else 0.
    public var shimPid: Int32 = 0
    /// Last exit code (or the start failure's 125/126/127).
    public var exitCode: Int32 = 0
    /// Last start error text.
    public var error: String = ""
    /// Last start, ns since the epoch; 0 = never.
    public var startedAt: Int64 = 0
    /// Last exit, ns since the epoch; 0 = never.
    public var finishedAt: Int64 = 0
    /// Whether the OOM killer ended the last run.
    public var oomKilled: Bool = false
    /// Restarts done by the restart policy since the last manual start.
    public var restartCount: Int = 0
    /// Stopped by a user (stop/kill): `unless-stopped` and `always` do not restart it on daemon start…
    public var manuallyStopped: Bool = false
    /// Whether it has ever been started.
    public var hasBeenStarted: Bool = false
    /// Health status (`starting`, `healthy`, `unhealthy`) when it has a healthcheck.
    public var health: String?
    /// Consecutive failed healthchecks.
    public var failingStreak: Int = 0
    /// The last healthcheck results, oldest first (at most 5, as dockerd keeps). Optional, like the
    /// next field, so states written before it existed still decode.
    public var healthLog: [HealthcheckResult]?
    /// The restart policy's last back-off delay in ns (nil after a manual start), doubled on the next exit.
    public var restartDelay: Int64?

    /// A fresh state.
    public init() {}

    /// Whether the process runs (paused counts as running, as in dockerd).
    public var isRunning: Bool { status == .running || status == .paused }
}

/// One container: identity, spec and state.
public struct Container: Sendable, Equatable {
    /// 64 hex digits.
    public var id: String
    /// Name without the leading slash.
    public var name: String
    /// Create options.
    public var spec: ContainerSpec
    /// Run state.
    public var state: ContainerRunState
    /// Bumped on every change the daemon makes (not stored): lets views cache what they derive from it.
    public var revision: Int = 0

    /// Makes a container value.
    public init(id: String, name: String, spec: ContainerSpec, state: ContainerRunState) {
        self.id = id
        self.name = name
        self.spec = spec
        self.state = state
    }
}
