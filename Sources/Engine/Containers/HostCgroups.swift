// SPDX-License-Identifier: Apache-2.0
// The host's cgroup layout, read once: it cannot change while the daemon runs, and parsing
// /proc/self/mountinfo on every start, stats call and update was a tenth of berthd's CPU per container.

import Platform

/// Cached cgroup facts of the host.
enum HostCgroups {
    private static let cached: Result<CgroupLayout, Errno> = Result { () throws(Errno) in try CgroupLayout.current() }

    /// The cgroup layout (v1 controllers / v2 unified).
    static func layout() throws(Errno) -> CgroupLayout { try cached.get() }
}
