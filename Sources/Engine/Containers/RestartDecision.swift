// SPDX-License-Identifier: Apache-2.0
// Whether and when an exited container is started again by its restart policy, with dockerd's back-off
// (restartmanager): the first delay is 100 ms, each later one doubles up to one minute, and a run that
// lasted 10 s or more starts the doubling over. Two moments decide: an exit while the daemon runs, and
// the daemon's own start (where dockerd asks a fresh restart manager, so the rules differ slightly).

import Models

/// Restart policy decisions (pure: unit-tested without containers).
enum RestartDecision {
    /// The first delay, 100 ms.
    static let initialDelay: Int64 = 100_000_000
    /// The longest delay, one minute.
    static let maximumDelay: Int64 = 60_000_000_000
    /// A run at least this long resets the back-off (10 s).
    static let resetAfter: Int64 = 10_000_000_000

    /// The delay (ns) before restarting after an exit, or nil when the policy says no.
    /// `manuallyStopped` stands for dockerd's cancelled restart manager: stop and kill cancel it for every
    /// policy until the next `docker start`. `restartCount` counts the policy's restarts since that start.
    static func afterExit(
        policy: RestartPolicy, exitCode: Int32, manuallyStopped: Bool, restartCount: Int, previousDelay: Int64?, ranFor: Int64
    ) -> Int64? {
        if manuallyStopped { return nil }
        switch policy.name {
        case "always", "unless-stopped": break
        case "on-failure":
            guard exitCode != 0 else { return nil }
            // MaximumRetryCount 0 means no limit (dockerd).
            if policy.maximumRetryCount > 0 && restartCount >= policy.maximumRetryCount { return nil }
        default: return nil
        }
        return nextDelay(previous: previousDelay, ranFor: ranFor)
    }

    /// The back-off step: 100 ms after none (or after a run of ≥ 10 s), else twice the previous, capped.
    /// The previous delay is persisted in the run state, not derived from RestartCount: after a long run
    /// the count keeps growing while the delay starts over (the old code shifted by the count).
    static func nextDelay(previous: Int64?, ranFor: Int64) -> Int64 {
        guard let previous, previous > 0, ranFor < resetAfter else { return initialDelay }
        return min(maximumDelay, previous * 2)
    }

    /// Whether the daemon starts this stopped container when it starts itself. dockerd asks a fresh restart
    /// manager, so `always` comes back even after `docker stop` (its documented difference from
    /// `unless-stopped`), `unless-stopped` only when no user stopped it, `on-failure` when the last exit
    /// code was not 0 (the retry limit of a fresh manager is not reached), `no` never; and only containers
    /// that were started before (moby checks HasBeenStartedBefore).
    static func atDaemonStart(policy: RestartPolicy, exitCode: Int32, manuallyStopped: Bool, hasBeenStarted: Bool) -> Bool {
        guard hasBeenStarted else { return false }
        switch policy.name {
        case "always": return true
        case "unless-stopped": return !manuallyStopped
        case "on-failure": return exitCode != 0
        default: return false
        }
    }
}

extension RestartDecision {
    /// `afterExit` for a container whose state already holds the exit code.
    static func afterExit(_ container: Container, ranFor: Int64) -> Int64? {
        let state = container.state
        return afterExit(
            policy: container.spec.hostConfig.restartPolicy, exitCode: state.exitCode, manuallyStopped: state.manuallyStopped,
            restartCount: state.restartCount, previousDelay: state.restartDelay, ranFor: ranFor)
    }

    /// `atDaemonStart` for a stopped container.
    static func atDaemonStart(_ container: Container) -> Bool {
        let state = container.state
        return atDaemonStart(
            policy: container.spec.hostConfig.restartPolicy, exitCode: state.exitCode, manuallyStopped: state.manuallyStopped,
            hasBeenStarted: state.hasBeenStarted)
    }
}
