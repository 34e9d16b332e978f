// SPDX-License-Identifier: Apache-2.0
// What a container's healthcheck means: none, inherited, or a command with its timings (dockerd's defaults:
// every 30 s, 30 s timeout, 3 retries, no start period).

import Models

/// Healthcheck settings resolved from Config.Healthcheck.
enum HealthcheckPlan {
    /// Whether the config asks for checks (a `Test` other than `NONE`).
    static func isEnabled(_ config: HealthConfig) -> Bool {
        guard let test = config.test, let kind = test.first else { return false }
        return kind != "NONE" && test.count > 1
    }
}
