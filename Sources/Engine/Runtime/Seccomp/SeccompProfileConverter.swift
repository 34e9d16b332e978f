// SPDX-License-Identifier: Apache-2.0
// Narrows a Docker seccomp profile to one container's OCI filter (moby profiles/seccomp/seccomp_linux.go setupSeccomp).

import Models

/// Turns a `DockerSeccompProfile` into the `linux.seccomp` of one container, as moby's `setupSeccomp`.
///
/// `--privileged` and `seccomp=unconfined` mean no filter at all; the caller decides that before calling.
public enum SeccompProfileConverter {
    /// Go architecture name (`runtime.GOARCH`, libseccomp's native name) → seccomp architecture (moby `nativeToSeccomp`).
    public static let nativeToSeccomp: [String: String] = [
        "x86": "SCMP_ARCH_X86", "amd64": "SCMP_ARCH_X86_64", "arm": "SCMP_ARCH_ARM", "arm64": "SCMP_ARCH_AARCH64",
        "mips64": "SCMP_ARCH_MIPS64", "mips64n32": "SCMP_ARCH_MIPS64N32", "mipsel64": "SCMP_ARCH_MIPSEL64",
        "mips3l64n32": "SCMP_ARCH_MIPSEL64N32", "mipsle": "SCMP_ARCH_MIPSEL", "mips": "SCMP_ARCH_MIPS",
        "ppc": "SCMP_ARCH_PPC", "ppc64": "SCMP_ARCH_PPC64", "ppc64le": "SCMP_ARCH_PPC64LE", "riscv64": "SCMP_ARCH_RISCV64",
        "s390": "SCMP_ARCH_S390", "s390x": "SCMP_ARCH_S390X",
    ]

    /// The filter for a container with `capabilities` (bounding set; `CHOWN` or `CAP_CHOWN`) on `architecture`
    /// (Go name, e.g. `amd64`) and a host kernel `kernel`; nil when the profile has no action and no rules.
    public static func spec(
        from profile: DockerSeccompProfile, capabilities: Set<String>, architecture: String = "amd64",
        kernel: (major: Int, minor: Int)
    ) throws(EngineError) -> OCIRuntimeSpec.Seccomp? {
        let rules = profile.syscalls ?? []
        let defaultAction = profile.defaultAction ?? ""
        if defaultAction.isEmpty && rules.isEmpty { return nil }
        if !(profile.architectures ?? []).isEmpty && !(profile.archMap ?? []).isEmpty {
            throw .invalidParameter(
                "both 'architectures' and 'archMap' are specified in the seccomp profile, use either 'architectures' or 'archMap'")
        }
        var architectures = profile.architectures ?? []
        if let native = nativeToSeccomp[architecture] {
            for entry in profile.archMap ?? [] where entry.architecture == native {
                architectures.append(entry.architecture)
                architectures.append(contentsOf: entry.subArchitectures ?? [])
            }
        }
        let caps = Set(capabilities.map(canonicalCapability))
        var syscalls: [OCIRuntimeSpec.Syscall] = []
        for rule in rules {
            if let names = rule.names, !names.isEmpty, let name = rule.name, !name.isEmpty {
                throw .invalidParameter("'name' and 'names' were specified in the seccomp profile, use either 'name' or 'names'")
            }
            guard try applies(rule, caps: caps, architecture: architecture, kernel: kernel) else { continue }
            let names = if let name = rule.name, !name.isEmpty { [name] } else { rule.names ?? [] }
            syscalls.append(OCIRuntimeSpec.Syscall(names: names, action: rule.action, errnoRet: rule.errnoRet, args: rule.args))
        }
        return OCIRuntimeSpec.Seccomp(
            defaultAction: defaultAction, defaultErrnoRet: profile.defaultErrnoRet,
            architectures: architectures.isEmpty ? nil : architectures, flags: profile.flags,
            listenerPath: profile.listenerPath, listenerMetadata: profile.listenerMetadata, syscalls: syscalls)
    }

    /// `CAP_`-prefixed upper-case form, as capabilities appear in profiles (`chown` → `CAP_CHOWN`).
    public static func canonicalCapability(_ name: String) -> String {
        let upper = name.uppercased()
        return upper.hasPrefix("CAP_") ? upper : "CAP_" + upper
    }

    // Same order of checks as moby's setupSeccomp loop: excludes (arches, caps, minKernel), then includes.
    private static func applies(
        _ rule: DockerSeccompProfile.Rule, caps: Set<String>, architecture: String, kernel: (major: Int, minor: Int)
    ) throws(EngineError) -> Bool {
        if let excludes = rule.excludes {
            if (excludes.arches ?? []).contains(architecture) { return false }
            if (excludes.caps ?? []).contains(where: { caps.contains($0) }) { return false }
            if let minimum = excludes.minKernel, try atLeast(kernel, minimum) { return false }
        }
        if let includes = rule.includes {
            if let arches = includes.arches, !arches.isEmpty, !arches.contains(architecture) { return false }
            if !(includes.caps ?? []).allSatisfy({ caps.contains($0) }) { return false }
            if let minimum = includes.minKernel, try !atLeast(kernel, minimum) { return false }
        }
        return true
    }

    // moby kernel.GreaterEqualThan on "major.minor" (KernelVersion.UnmarshalJSON rejects other shapes).
    private static func atLeast(_ kernel: (major: Int, minor: Int), _ minimum: String) throws(EngineError) -> Bool {
        let parts = minimum.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let major = Int(parts[0]), let minor = Int(parts[1]), major >= 0, minor >= 0 else {
            throw .invalidParameter("invalid kernel version: \(minimum), expected \"<kernel>.<major>\"")
        }
        return (kernel.major, kernel.minor) >= (major, minor)
    }
}
