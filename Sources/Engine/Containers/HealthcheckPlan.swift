// SPDX-License-Identifier: Apache-2.0
// What a container's healthcheck means: none, or a command with its timings, with dockerd's defaults
// (every 30 s, 30 s timeout, 3 retries, no start period, 5 s between checks inside the start period);
// and the field-by-field merge of the image's HEALTHCHECK under the container's flags at create.

import Models

/// A resolved healthcheck: what to run and when.
struct HealthcheckPlan: Equatable, Sendable {
    /// The probe's argv (`CMD` as given, `CMD-SHELL` under the container's shell, `/bin/sh -c` by default).
    var command: [String]
    /// Time between probes, ns.
    var interval: Int64
    /// Time before a probe counts as failed, ns.
    var timeout: Int64
    /// Consecutive failures that make the container unhealthy.
    var retries: Int
    /// Grace period after start in which failures do not count, ns.
    var startPeriod: Int64
    /// Time between probes inside the start period while still `starting`, ns.
    var startInterval: Int64

    static let defaultInterval: Int64 = 30_000_000_000
    static let defaultTimeout: Int64 = 30_000_000_000
    static let defaultRetries = 3
    static let defaultStartInterval: Int64 = 5_000_000_000

    /// The plan for `config`, nil when it has no enabled check. Zero or negative values take dockerd's
    /// defaults (its `timeoutWithDefault`; Retries ≤ 0 means 3).
    init?(_ config: ContainerConfig) {
        guard let health = config.healthcheck, Self.isEnabled(health), let test = health.test else { return nil }
        let arguments = Array(test.dropFirst())
        switch test[0] {
        case "CMD": command = arguments
        case "CMD-SHELL":
            let shell = (config.shell?.isEmpty ?? true) ? ["/bin/sh", "-c"] : config.shell ?? []
            command = shell + [arguments.joined(separator: " ")]
        default: return nil
        }
        func positive(_ value: Int64?, _ fallback: Int64) -> Int64 { (value ?? 0) > 0 ? value ?? fallback : fallback }
        interval = positive(health.interval, Self.defaultInterval)
        timeout = positive(health.timeout, Self.defaultTimeout)
        retries = (health.retries ?? 0) > 0 ? health.retries ?? Self.defaultRetries : Self.defaultRetries
        startPeriod = positive(health.startPeriod, 0)
        startInterval = positive(health.startInterval, Self.defaultStartInterval)
    }

    /// Whether the config asks for checks (a `Test` other than `NONE`).
    static func isEnabled(_ config: HealthConfig) -> Bool {
        guard let test = config.test, let kind = test.first else { return false }
        return kind != "NONE" && test.count > 1
    }

    /// The wait before the next probe: the start interval while inside the start period and `starting`,
    /// else the interval (dockerd's `getInterval`).
    func nextInterval(sinceStart elapsed: Int64, status: String?) -> Int64 {
        if elapsed >= startPeriod || status != "starting" { return interval }
        return startInterval
    }

    /// The container's healthcheck over the image's, field by field as moby's merge does: an empty
    /// Test, or a zero duration or retry count, inherits the image's value (so `--health-interval` alone
    /// keeps the image's command), while `["NONE"]` (`--no-healthcheck`) wins.
    static func merge(_ container: HealthConfig?, image: HealthConfig?) -> HealthConfig? {
        guard var merged = container else { return image }
        guard let image else { return merged }
        if merged.test?.isEmpty ?? true { merged.test = image.test }
        if (merged.interval ?? 0) == 0 { merged.interval = image.interval }
        if (merged.timeout ?? 0) == 0 { merged.timeout = image.timeout }
        if (merged.startPeriod ?? 0) == 0 { merged.startPeriod = image.startPeriod }
        if (merged.startInterval ?? 0) == 0 { merged.startInterval = image.startInterval }
        if (merged.retries ?? 0) == 0 { merged.retries = image.retries }
        return merged
    }
}
