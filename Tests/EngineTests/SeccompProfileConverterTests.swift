// SPDX-License-Identifier: Apache-2.0
// Docker's default seccomp profile decodes and narrows to a container as moby's setupSeccomp does.

import Engine
import FoundationEssentials
import Models
import Testing

@Suite struct SeccompProfileConverterTests {
    /// Docker's default capability set (moby oci/caps/defaults.go), written without the `CAP_` prefix.
    static let defaultCaps: Set<String> = [
        "CHOWN", "DAC_OVERRIDE", "FSETID", "FOWNER", "MKNOD", "NET_RAW", "SETGID", "SETUID", "SETFCAP", "SETPCAP",
        "NET_BIND_SERVICE", "SYS_CHROOT", "KILL", "AUDIT_WRITE",
    ]
    /// Names the profile allows only with CAP_SYS_ADMIN (and not unconditionally elsewhere).
    static let adminOnly = ["mount", "umount2", "unshare", "setns", "sethostname", "fsopen", "quotactl"]

    static func allowed(_ filter: OCIRuntimeSpec.Seccomp) -> Set<String> {
        Set((filter.syscalls ?? []).filter { $0.action == "SCMP_ACT_ALLOW" && $0.args == nil }.flatMap(\.names))
    }

    static func convert(_ caps: Set<String>, kernel: (Int, Int) = (6, 1)) throws -> OCIRuntimeSpec.Seccomp? {
        try SeccompProfileConverter.spec(from: DockerSeccompProfile.makeDefault(), capabilities: caps, kernel: kernel)
    }

    @Test func defaultProfileDecodes() throws {
        let profile = try DockerSeccompProfile.makeDefault()
        #expect(profile.defaultAction == "SCMP_ACT_ERRNO")
        #expect(profile.defaultErrnoRet == 1)
        #expect(profile.archMap?.first?.architecture == "SCMP_ARCH_X86_64")
        #expect((profile.syscalls?.count ?? 0) > 30)
        let gated = profile.syscalls?.first { $0.includes?.caps == ["CAP_SYS_ADMIN"] }
        #expect(gated?.names?.contains("mount") == true)
    }

    @Test func defaultCapsAllowCommonCallsButNotAdminOnes() throws {
        let filter = try #require(try Self.convert(Self.defaultCaps))
        #expect(filter.defaultAction == "SCMP_ACT_ERRNO")
        #expect(filter.defaultErrnoRet == 1)
        #expect(filter.architectures == ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"])
        let allowed = Self.allowed(filter)
        for name in ["read", "write", "openat", "execve", "exit_group", "arch_prctl", "modify_ldt", "chroot", "ptrace"] {
            #expect(allowed.contains(name), "\(name) should be allowed")
        }
        for name in Self.adminOnly + ["bpf", "clone", "clone3", "reboot", "s390_runtime_instr", "riscv_flush_icache"] {
            #expect(!allowed.contains(name), "\(name) should not be allowed unconditionally")
        }
        // clone only with the namespace-flag mask; clone3 answered ENOSYS so glibc falls back to clone.
        let clone = try #require(filter.syscalls?.first { $0.names == ["clone"] })
        #expect(clone.args == [OCIRuntimeSpec.SyscallArg(index: 0, value: 2_114_060_288, op: "SCMP_CMP_MASKED_EQ")])
        let clone3 = try #require(filter.syscalls?.first { $0.names == ["clone3"] })
        #expect(clone3.action == "SCMP_ACT_ERRNO" && clone3.errnoRet == 38)
        #expect(filter.syscalls?.contains { $0.names.contains("sync_file_range2") } == false)
    }

    @Test func sysAdminIncludesGatedCalls() throws {
        let filter = try #require(try Self.convert(Self.defaultCaps.union(["CAP_SYS_ADMIN"])))
        let allowed = Self.allowed(filter)
        for name in Self.adminOnly + ["clone", "clone3", "bpf"] {
            #expect(allowed.contains(name), "\(name) should be allowed with CAP_SYS_ADMIN")
        }
        // The masked clone rule and the clone3 ENOSYS rule are excluded when CAP_SYS_ADMIN is granted.
        #expect(filter.syscalls?.contains { $0.names == ["clone3"] && $0.action == "SCMP_ACT_ERRNO" } == false)
        #expect(filter.syscalls?.contains { $0.names == ["clone"] && $0.args != nil } == false)
    }

    @Test func minKernelGatesPtraceAndArchitectureSelectsArm() throws {
        let old = try #require(try Self.convert(Self.defaultCaps, kernel: (4, 4)))
        #expect(!Self.allowed(old).contains("ptrace"))
        let profile = try DockerSeccompProfile.makeDefault()
        let arm = try #require(
            try SeccompProfileConverter.spec(from: profile, capabilities: Self.defaultCaps, architecture: "arm64", kernel: (6, 1)))
        #expect(arm.architectures == ["SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"])
        #expect(Self.allowed(arm).contains("arm_fadvise64_64"))
        #expect(!Self.allowed(arm).contains("arch_prctl"))
    }

    @Test func emptyProfileMeansNoFilterAndConflictsAreRejected() throws {
        let none = try SeccompProfileConverter.spec(from: DockerSeccompProfile(), capabilities: [], kernel: (6, 1))
        #expect(none == nil)
        let both = DockerSeccompProfile(
            defaultAction: "SCMP_ACT_ALLOW", architectures: ["SCMP_ARCH_X86_64"],
            archMap: [.init(architecture: "SCMP_ARCH_X86_64")])
        #expect(throws: EngineError.self) { try SeccompProfileConverter.spec(from: both, capabilities: [], kernel: (6, 1)) }
        let badKernel = DockerSeccompProfile(
            defaultAction: "SCMP_ACT_ALLOW", syscalls: [.init(names: ["read"], action: "SCMP_ACT_ALLOW", includes: .init(minKernel: "4"))])
        #expect(throws: EngineError.self) { try SeccompProfileConverter.spec(from: badKernel, capabilities: [], kernel: (6, 1)) }
        let legacy = DockerSeccompProfile(defaultAction: "SCMP_ACT_ERRNO", syscalls: [.init(name: "read", action: "SCMP_ACT_ALLOW")])
        let converted = try SeccompProfileConverter.spec(from: legacy, capabilities: [], kernel: (6, 1))
        #expect(converted?.syscalls == [OCIRuntimeSpec.Syscall(names: ["read"], action: "SCMP_ACT_ALLOW")])
        #expect(converted?.architectures == nil)
    }

    @Test func malformedProfileIsInvalidParameter() {
        let error = #expect(throws: EngineError.self) {
            try DockerSeccompProfile.decode(Data("{\"defaultAction\": 3}".utf8))
        }
        guard case .invalidParameter(let message) = error else {
            Issue.record("expected invalidParameter, got \(String(describing: error))")
            return
        }
        #expect(message.hasPrefix("Decoding seccomp profile failed:"))
    }
}
