// SPDX-License-Identifier: Apache-2.0
// The health state machine, dockerd's rules (handleProbeResult): a success makes the container healthy and
// clears the failing streak; a failure (any exit code but 0, a timeout being -1) adds to the streak unless
// the container is still `starting` inside its start period, and `retries` failures in a row make it
// unhealthy. The last 5 results are kept. Pure, so the rules are unit-tested without containers.

import Models

/// One probe's outcome, before it is written to the state.
struct HealthProbeResult: Equatable, Sendable {
    /// When the probe began, ns since the epoch.
    var start: Int64
    /// When it ended, ns since the epoch.
    var end: Int64
    /// The command's exit code; -1 for a timeout or a probe that could not run.
    var exitCode: Int
    /// Combined stdout and stderr, at most 4 KiB (then "...").
    var output: String
}

/// Applies probe results to a container's run state.
enum HealthStatusMachine {
    /// dockerd keeps this many results in State.Health.Log.
    static let maxLogEntries = 5

    /// Records `result` in `state` (a container started at `state.startedAt`); returns the new status
    /// when it changed (the caller emits `health_status: <status>`), nil otherwise.
    static func apply(_ result: HealthProbeResult, to state: inout ContainerRunState, retries: Int, startPeriod: Int64) -> String? {
        let old = state.health
        var log = state.healthLog ?? []
        log.append(
            HealthcheckResult(
                start: Timestamps.rfc3339(nanos: result.start), end: Timestamps.rfc3339(nanos: result.end), exitCode: result.exitCode,
                output: result.output))
        state.healthLog = Array(log.suffix(maxLogEntries))
        if result.exitCode == 0 {
            state.failingStreak = 0
            state.health = "healthy"
        } else {
            // Only while never healthy yet: a container that was healthy counts every failure.
            let inStartPeriod = old == "starting" && result.start - state.startedAt < startPeriod
            if !inStartPeriod {
                state.failingStreak += 1
                if state.failingStreak >= retries { state.health = "unhealthy" }
            }
        }
        return state.health != old ? state.health : nil
    }
}
