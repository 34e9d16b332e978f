// SPDX-License-Identifier: Apache-2.0
// Every syscall name in Docker's default profile against this machine's libseccomp (2.5.4).

import Engine
import Platform
import Testing

@Suite struct SeccompDefaultProfileTests {
    /// Names in the profile that are newer than libseccomp 2.5.4 (Debian 12); runc skips them when it loads the filter,
    /// so the default profile must not go through the unknown-name check meant for custom profiles.
    static let newerThanLibseccomp = [
        "getxattrat", "listmount", "listxattrat", "mseal", "removexattrat", "riscv_hwprobe", "setxattrat", "statmount",
        "uretprobe", "lsm_get_self_attr", "lsm_list_modules", "lsm_set_self_attr",
    ]

    @Test func defaultProfileNamesResolveExceptTheNewest() throws {
        let profile = try DockerSeccompProfile.makeDefault()
        let names = (profile.syscalls ?? []).flatMap { $0.names ?? [] }
        let unknown = SeccompValidator.unknownSyscalls(names)
        #expect(Set(unknown) == Set(Self.newerThanLibseccomp), "unresolved: \(unknown)")
        #expect(SeccompValidator.unknownSyscalls(names, architecture: "SCMP_ARCH_X86_64").count == unknown.count)
    }

    @Test func defaultProfileArchitecturesAreKnownExceptLoongArch() throws {
        let profile = try DockerSeccompProfile.makeDefault()
        let arches = (profile.archMap ?? []).flatMap { [$0.architecture] + ($0.subArchitectures ?? []) }
        #expect(arches.contains("SCMP_ARCH_X86_64"))
        // LoongArch arrived in libseccomp 2.6; 2.5.4 does not know it.
        #expect(arches.filter { !SeccompValidator.isKnownArchitecture($0) } == ["SCMP_ARCH_LOONGARCH64"])
    }
}
