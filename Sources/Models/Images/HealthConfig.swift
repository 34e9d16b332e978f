// SPDX-License-Identifier: Apache-2.0
// A container health check (spec `HealthConfig`; moby `container.HealthConfig`), as images and containers carry it.

/// How to check that a container is healthy; durations are nanoseconds and 0 means inherit.
public struct HealthConfig: Codable, Sendable, Equatable {
    /// `[]` inherit, `["NONE"]` disable, `["CMD", args…]` or `["CMD-SHELL", command]`; omitted when nil.
    public var test: [String]?
    /// Time between checks; omitted when nil.
    public var interval: Int64?
    /// Time before a check counts as hung; omitted when nil.
    public var timeout: Int64?
    /// Consecutive failures before unhealthy; omitted when nil.
    public var retries: Int?
    /// Grace period before failures count; omitted when nil.
    public var startPeriod: Int64?
    /// Time between checks during the start period (API 1.44); omitted when nil.
    public var startInterval: Int64?

    /// Creates a health check.
    public init(
        test: [String]? = nil,
        interval: Int64? = nil,
        timeout: Int64? = nil,
        retries: Int? = nil,
        startPeriod: Int64? = nil,
        startInterval: Int64? = nil
    ) {
        self.test = test
        self.interval = interval
        self.timeout = timeout
        self.retries = retries
        self.startPeriod = startPeriod
        self.startInterval = startInterval
    }

    enum CodingKeys: String, CodingKey {
        case test = "Test"
        case interval = "Interval"
        case timeout = "Timeout"
        case retries = "Retries"
        case startPeriod = "StartPeriod"
        case startInterval = "StartInterval"
    }
}
