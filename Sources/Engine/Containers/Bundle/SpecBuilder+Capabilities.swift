// SPDX-License-Identifier: Apache-2.0
// Capability set of a container (moby oci/caps: DefaultCapabilities, TweakCapabilities).

extension SpecBuilder {
    /// Docker's default capability set (moby oci/caps/defaults.go).
    public static let defaultCapabilities = [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL",
        "CAP_AUDIT_WRITE",
    ]

    /// Every capability of Linux 6.1 (0 … CAP_CHECKPOINT_RESTORE = 40), in number order; a privileged container gets all.
    public static let allCapabilities = [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN",
        "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT",
        "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE",
        "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL",
        "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND",
        "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ]

    /// The default set adjusted by `--cap-add`/`--cap-drop` (names with or without `CAP_`, any case, or `ALL`);
    /// "all" means those of `available` (the daemon's own bounding set: it cannot grant more).
    public static func capabilities(
        add: [String], drop: [String], privileged: Bool, available: Set<String> = Set(allCapabilities)
    ) throws(EngineError) -> [String] {
        let all = allCapabilities.filter(available.contains)
        if privileged { return all }
        if add.isEmpty && drop.isEmpty { return defaultCapabilities }
        let adds = try normalize(add)
        let drops = try normalize(drop)
        var caps: [String]
        if adds.contains("ALL") {
            caps = all.filter { !drops.contains($0) }
        } else if drops.contains("ALL") {
            caps = adds
        } else {
            caps = defaultCapabilities.filter { !drops.contains($0) }
            for cap in adds where !caps.contains(cap) { caps.append(cap) }
        }
        return caps
    }

    /// moby `NormalizeLegacyCapabilities`: upper-case, `CAP_` prefix, known names only, no duplicates.
    static func normalize(_ names: [String]) throws(EngineError) -> [String] {
        var result: [String] = []
        for name in names {
            var cap = name.uppercased()
            if cap != "ALL" {
                if !cap.hasPrefix("CAP_") { cap = "CAP_" + cap }
                if !allCapabilities.contains(cap) { throw .invalidParameter("unknown capability: \"\(cap)\"") }
            }
            if !result.contains(cap) { result.append(cap) }
        }
        return result
    }
}
