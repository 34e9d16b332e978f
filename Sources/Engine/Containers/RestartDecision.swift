// SPDX-License-Identifier: Apache-2.0
// Whether and when an exited container is started again by its restart policy, with dockerd's back-off:
// 100 ms doubling per consecutive restart up to one minute, reset once a run lasted 10 s.

/// Restart policy decisions.
enum RestartDecision {
    static let initialDelay: Int64 = 100_000_000
    static let maximumDelay: Int64 = 60_000_000_000
    static let resetAfter: Int64 = 10_000_000_000

    /// The delay before restarting, or nil when the policy says no.
    static func delay(for container: Container, ranFor nanos: Int64) -> Duration? {
        let state = container.state
        if state.manuallyStopped { return nil }
        let policy = container.spec.hostConfig.restartPolicy
        switch policy.name {
        case "always", "unless-stopped": break
        case "on-failure":
            guard state.exitCode != 0 else { return nil }
            if policy.maximumRetryCount > 0 && state.restartCount >= policy.maximumRetryCount { return nil }
        default: return nil
        }
        let streak = nanos >= resetAfter ? 0 : min(state.restartCount, 20)
        let delay = min(maximumDelay, initialDelay << Int64(streak))
        return .nanoseconds(delay)
    }
}
