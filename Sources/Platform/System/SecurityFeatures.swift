// SPDX-License-Identifier: Apache-2.0
// Kernel security features the host offers, and the `SecurityOptions` strings `GET /info` makes of them.

/// Which security features the kernel has; `securityOptions` renders them as dockerd does.
public struct SecurityFeatures: Sendable, Equatable {
    /// Kernel seccomp support: /proc/self/status has a `Seccomp:` line (CONFIG_SECCOMP).
    public var seccomp: Bool
    /// AppArmor enabled: /sys/module/apparmor/parameters/enabled reads `Y`.
    public var apparmor: Bool
    /// SELinux present: /sys/fs/selinux/enforce exists.
    public var selinux: Bool
    /// Cgroup namespaces available: /proc/self/ns/cgroup exists.
    public var cgroupNamespace: Bool

    /// Creates a value from known flags.
    public init(seccomp: Bool, apparmor: Bool, selinux: Bool, cgroupNamespace: Bool) {
        self.seccomp = seccomp
        self.apparmor = apparmor
        self.selinux = selinux
        self.cgroupNamespace = cgroupNamespace
    }

    /// Probes the running host.
    public static func current() -> SecurityFeatures {
        SecurityFeatures(
            seccomp: SystemFile.readIfPresent("/proc/self/status").map(hasSeccompLine) ?? false,
            apparmor: SystemFile.readIfPresent("/sys/module/apparmor/parameters/enabled").map(isAppArmorEnabled) ?? false,
            selinux: SystemFile.exists("/sys/fs/selinux/enforce"),
            cgroupNamespace: SystemFile.exists("/proc/self/ns/cgroup"))
    }

    /// True when /proc/<pid>/status text has a `Seccomp:` line (present only in kernels built with seccomp).
    public static func hasSeccompLine(_ procStatus: String) -> Bool {
        procStatus.split(whereSeparator: \.isNewline).contains { $0.hasPrefix("Seccomp:") }
    }

    /// True when the AppArmor module parameter text starts with `Y`.
    public static func isAppArmorEnabled(_ parameter: String) -> Bool {
        SystemFile.trimmed(parameter).hasPrefix("Y")
    }

    /// dockerd's `SecurityOptions` for what is available, in its order (moby `daemon/info.go`): `name=apparmor`,
    /// `name=seccomp,profile=<seccompProfile>`, `name=selinux` (only when the daemon enables SELinux labelling),
    /// `name=cgroupns`. Pass `seccompProfile: nil` when seccomp is turned off in the daemon.
    public func securityOptions(seccompProfile: String? = "builtin", selinuxEnabled: Bool = false) -> [String] {
        var options: [String] = []
        if apparmor { options.append("name=apparmor") }
        if seccomp, let seccompProfile { options.append("name=seccomp,profile=\(seccompProfile)") }
        if selinux && selinuxEnabled { options.append("name=selinux") }
        if cgroupNamespace { options.append("name=cgroupns") }
        return options
    }
}
