// SPDX-License-Identifier: Apache-2.0
// A container's run state in inspect (spec `ContainerState`, `Health`, `HealthcheckResult`).

/// The run state of a container, as `State` in `GET /containers/{id}/json`.
public struct ContainerState: Codable, Sendable, Equatable {
    /// `created`, `running`, `paused`, `restarting`, `removing`, `exited` or `dead`.
    public var status: String
    /// True while running (also when paused).
    public var running: Bool
    /// True while paused.
    public var paused: Bool
    /// True while waiting to restart.
    public var restarting: Bool
    /// True when the last exit was an OOM kill.
    public var oomKilled: Bool
    /// True when removal failed half-way.
    public var dead: Bool
    /// Process ID of the container's init, 0 when not running.
    public var pid: Int
    /// Exit code of the last run.
    public var exitCode: Int
    /// Error of the last start, or empty.
    public var error: String
    /// Last start time, RFC 3339 with nanoseconds; Go's zero time before the first start.
    public var startedAt: String
    /// Last exit time, RFC 3339 with nanoseconds; Go's zero time before the first exit.
    public var finishedAt: String
    /// Health check state; omitted when the container has no health check.
    public var health: Health?

    /// Creates a value; every field defaults to its zero value or nil.
    public init(
        status: String = "",
        running: Bool = false,
        paused: Bool = false,
        restarting: Bool = false,
        oomKilled: Bool = false,
        dead: Bool = false,
        pid: Int = 0,
        exitCode: Int = 0,
        error: String = "",
        startedAt: String = "0001-01-01T00:00:00Z",
        finishedAt: String = "0001-01-01T00:00:00Z",
        health: Health? = nil
    ) {
        self.status = status
        self.running = running
        self.paused = paused
        self.restarting = restarting
        self.oomKilled = oomKilled
        self.dead = dead
        self.pid = pid
        self.exitCode = exitCode
        self.error = error
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.health = health
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        status = try container.decodeIfPresent(String.self, forKey: .status) ?? ""
        running = try container.decodeIfPresent(Bool.self, forKey: .running) ?? false
        paused = try container.decodeIfPresent(Bool.self, forKey: .paused) ?? false
        restarting = try container.decodeIfPresent(Bool.self, forKey: .restarting) ?? false
        oomKilled = try container.decodeIfPresent(Bool.self, forKey: .oomKilled) ?? false
        dead = try container.decodeIfPresent(Bool.self, forKey: .dead) ?? false
        pid = try container.decodeIfPresent(Int.self, forKey: .pid) ?? 0
        exitCode = try container.decodeIfPresent(Int.self, forKey: .exitCode) ?? 0
        error = try container.decodeIfPresent(String.self, forKey: .error) ?? ""
        startedAt = try container.decodeIfPresent(String.self, forKey: .startedAt) ?? "0001-01-01T00:00:00Z"
        finishedAt = try container.decodeIfPresent(String.self, forKey: .finishedAt) ?? "0001-01-01T00:00:00Z"
        health = try container.decodeIfPresent(Health.self, forKey: .health)
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        try container.encode(running, forKey: .running)
        try container.encode(paused, forKey: .paused)
        try container.encode(restarting, forKey: .restarting)
        try container.encode(oomKilled, forKey: .oomKilled)
        try container.encode(dead, forKey: .dead)
        try container.encode(pid, forKey: .pid)
        try container.encode(exitCode, forKey: .exitCode)
        try container.encode(error, forKey: .error)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(finishedAt, forKey: .finishedAt)
        try container.encodeIfPresent(health, forKey: .health)
    }

    enum CodingKeys: String, CodingKey {
        case status = "Status"
        case running = "Running"
        case paused = "Paused"
        case restarting = "Restarting"
        case oomKilled = "OOMKilled"
        case dead = "Dead"
        case pid = "Pid"
        case exitCode = "ExitCode"
        case error = "Error"
        case startedAt = "StartedAt"
        case finishedAt = "FinishedAt"
        case health = "Health"
    }
}

/// The health check state of a container (spec `Health`).
public struct Health: Codable, Sendable, Equatable {
    /// `none`, `starting`, `healthy` or `unhealthy`.
    public var status: String
    /// Consecutive failed checks.
    public var failingStreak: Int
    /// The last checks, oldest first (dockerd keeps 5); `null` when nil.
    public var log: [HealthcheckResult]?

    /// Creates a value; every field defaults to its zero value or nil.
    public init(status: String = "", failingStreak: Int = 0, log: [HealthcheckResult]? = nil) {
        self.status = status
        self.failingStreak = failingStreak
        self.log = log
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        status = try container.decodeIfPresent(String.self, forKey: .status) ?? ""
        failingStreak = try container.decodeIfPresent(Int.self, forKey: .failingStreak) ?? 0
        log = try container.decodeIfPresent([HealthcheckResult].self, forKey: .log)
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        try container.encode(failingStreak, forKey: .failingStreak)
        try container.encode(log, forKey: .log)
    }

    enum CodingKeys: String, CodingKey {
        case status = "Status"
        case failingStreak = "FailingStreak"
        case log = "Log"
    }
}

/// One run of a health check (spec `HealthcheckResult`).
public struct HealthcheckResult: Codable, Sendable, Equatable {
    /// Start time, RFC 3339 with nanoseconds.
    public var start: String
    /// End time, RFC 3339 with nanoseconds.
    public var end: String
    /// 0 healthy, 1 unhealthy, 2 reserved, other values count as unhealthy.
    public var exitCode: Int
    /// The check's output (the first 4 KiB).
    public var output: String

    /// Creates a value; every field defaults to its zero value or nil.
    public init(start: String = "", end: String = "", exitCode: Int = 0, output: String = "") {
        self.start = start
        self.end = end
        self.exitCode = exitCode
        self.output = output
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        start = try container.decodeIfPresent(String.self, forKey: .start) ?? ""
        end = try container.decodeIfPresent(String.self, forKey: .end) ?? ""
        exitCode = try container.decodeIfPresent(Int.self, forKey: .exitCode) ?? 0
        output = try container.decodeIfPresent(String.self, forKey: .output) ?? ""
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
        try container.encode(exitCode, forKey: .exitCode)
        try container.encode(output, forKey: .output)
    }

    enum CodingKeys: String, CodingKey {
        case start = "Start"
        case end = "End"
        case exitCode = "ExitCode"
        case output = "Output"
    }
}
