// SPDX-License-Identifier: Apache-2.0
// Checks seccomp profile names against libseccomp, so a custom profile with a typo is rejected before the runtime sees it.

import CSeccomp

/// Syscall and architecture name checks through libseccomp (2.5.4 here).
///
/// runc silently skips syscall names libseccomp cannot resolve; we reject them instead, listing the names.
public enum SeccompValidator {
    /// The names in `names` that libseccomp does not know, in order, without duplicates.
    ///
    /// `architecture` is a profile name (`SCMP_ARCH_X86_64`) or libseccomp's (`x86_64`); nil means any: a name counts
    /// as known when libseccomp resolves it at all (`seccomp_syscall_resolve_name`), including names of other
    /// architectures (negative pseudo-syscall numbers), because one profile serves every architecture.
    /// With an architecture it uses `seccomp_syscall_resolve_name_arch`; an unknown architecture makes every name unknown.
    public static func unknownSyscalls(_ names: [String], architecture: String? = nil) -> [String] {
        var token: UInt32 = 0
        if let architecture {
            guard let resolved = architectureToken(architecture) else { return uniqued(names) }
            token = resolved
        }
        var unknown: [String] = []
        var seen: Set<String> = []
        for name in names where !seen.contains(name) {
            seen.insert(name)
            let number = architecture == nil ? seccomp_syscall_resolve_name(name) : seccomp_syscall_resolve_name_arch(token, name)
            if number == __NR_SCMP_ERROR { unknown.append(name) }
        }
        return unknown
    }

    /// Whether libseccomp knows the architecture (`SCMP_ARCH_X86_64` or `x86_64`); maps to `seccomp_arch_resolve_name`.
    public static func isKnownArchitecture(_ name: String) -> Bool {
        architectureToken(name) != nil
    }

    /// The message for a profile with unknown syscall names, e.g. `unknown syscall names in seccomp profile: a, b`.
    public static func unknownSyscallsMessage(_ unknown: [String]) -> String {
        "unknown syscall names in seccomp profile: " + unknown.joined(separator: ", ")
    }

    // libseccomp's names are the profile's without `SCMP_ARCH_`, in lower case (SCMP_ARCH_X86_64 → x86_64).
    private static func architectureToken(_ name: String) -> UInt32? {
        let plain = name.hasPrefix("SCMP_ARCH_") ? String(name.dropFirst("SCMP_ARCH_".count)) : name
        guard !plain.isEmpty else { return nil }
        let token = seccomp_arch_resolve_name(plain.lowercased())
        return token == 0 ? nil : token
    }

    private static func uniqued(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }
}
