// SPDX-License-Identifier: Apache-2.0
// SeccompValidator against libseccomp: unknown syscall names and architecture names.

import Testing

@testable import Platform

@Suite struct SeccompValidatorTests {
    @Test func knownNamesPass() {
        #expect(SeccompValidator.unknownSyscalls(["read", "write", "clone", "openat", "exit_group"]).isEmpty)
        #expect(SeccompValidator.unknownSyscalls(["read", "arch_prctl"], architecture: "SCMP_ARCH_X86_64").isEmpty)
        #expect(SeccompValidator.unknownSyscalls(["read"], architecture: "x86_64").isEmpty)
    }

    @Test func unknownNamesAreListedOnceInOrder() {
        let unknown = SeccompValidator.unknownSyscalls(["read", "not_a_syscall", "also_bogus", "not_a_syscall", "write"])
        #expect(unknown == ["not_a_syscall", "also_bogus"])
        #expect(SeccompValidator.unknownSyscallsMessage(unknown) == "unknown syscall names in seccomp profile: not_a_syscall, also_bogus")
        #expect(SeccompValidator.unknownSyscalls([""]) == [""])
    }

    @Test func otherArchitecturesNamesAreKnown() {
        // arm-only names resolve to libseccomp pseudo-syscall numbers on x86_64: known, not an error.
        #expect(SeccompValidator.unknownSyscalls(["arm_fadvise64_64", "s390_runtime_instr"]).isEmpty)
    }

    @Test func architectures() {
        for name in ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32", "SCMP_ARCH_AARCH64", "x86_64", "s390x"] {
            #expect(SeccompValidator.isKnownArchitecture(name), "\(name)")
        }
        for name in ["SCMP_ARCH_", "SCMP_ARCH_VAX", "amd64x", ""] {
            #expect(!SeccompValidator.isKnownArchitecture(name), "\(name)")
        }
        #expect(SeccompValidator.unknownSyscalls(["read", "read"], architecture: "SCMP_ARCH_VAX") == ["read"])
    }
}
