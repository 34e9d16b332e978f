// SPDX-License-Identifier: Apache-2.0
// What every program the tests start gets: this process's environment without DOCKER_* (so a developer's
// DOCKER_HOST cannot redirect a test) plus its own, default signal dispositions and an empty mask.

import Foundation

/// Shared posix_spawn setup for test children.
enum SpawnSetup {
    /// This process's environment without `DOCKER_*`, plus `extra`, as `KEY=value` C strings (free them).
    static func environment(_ extra: [String: String]) -> [UnsafeMutablePointer<CChar>?] {
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("DOCKER_") }
        env.merge(extra) { $1 }
        return env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    }

    /// Runs `body` with spawn attributes giving default dispositions and an empty mask (the spawning
    /// thread may block or ignore signals), plus `flags`.
    static func withAttributes<Result>(flags: Int32 = 0, _ body: (inout posix_spawnattr_t) -> Result) -> Result {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t()
        sigfillset(&all)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(Int32(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK) | flags))
        return body(&attributes)
    }
}
