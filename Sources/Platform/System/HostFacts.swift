// SPDX-License-Identifier: Apache-2.0
// Small host facts for `GET /info` and `GET /version`: architecture names, CPU count, hostname, IPv4 forwarding.

import Glibc

/// Host facts read from the running kernel, plus the pure mappings behind them.
public enum HostFacts {
    /// The Go `GOOS` name `GET /version` reports as `Os` and `GET /info` as `OSType`.
    public static let goOS = "linux"

    /// `uname -m` (`x86_64`, `aarch64`): what `GET /info` reports as `Architecture`; empty if uname fails.
    public static var architecture: String {
        (try? Uname.current().machine) ?? ""
    }

    /// The Go `GOARCH` name (`amd64`, `arm64`): what `GET /version` reports as `Arch`.
    public static var goArch: String {
        goArch(forMachine: architecture)
    }

    /// Maps a `uname -m` machine name to Go's `GOARCH` name; unknown names pass through unchanged.
    public static func goArch(forMachine machine: String) -> String {
        switch machine {
        case "x86_64", "amd64": "amd64"
        case "aarch64", "arm64", "aarch64_be": "arm64"
        case "i386", "i486", "i586", "i686": "386"
        case "armv5l", "armv6l", "armv7l", "armv8l", "arm": "arm"
        case "loongarch64": "loong64"
        case "mips64": "mips64"
        case "ppc64le", "ppc64", "s390x", "riscv64": machine
        default: machine
        }
    }

    /// Processors currently online, at least 1; the corresponding C call is `sysconf(_SC_NPROCESSORS_ONLN)`.
    public static func onlineCPUCount() -> Int {
        max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }

    /// The host name; the corresponding C call is `gethostname(2)`.
    public static func hostname() throws(Errno) -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        let result = buffer.withUnsafeMutableBufferPointer { bytes in
            bytes.baseAddress.map { gethostname($0, bytes.count - 1) } ?? -1
        }
        guard result == 0 else { throw Errno.current("gethostname") }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// True when `/proc/sys/net/ipv4/ip_forward` reads 1; false when it is 0 or unreadable.
    public static func isIPv4ForwardingEnabled() -> Bool {
        SystemFile.readIfPresent("/proc/sys/net/ipv4/ip_forward").map(sysctlFlag) ?? false
    }

    /// Parses a boolean sysctl file's text (`1\n` → true, `0\n` → false).
    public static func sysctlFlag(_ text: String) -> Bool {
        Int(SystemFile.trimmed(text)).map { $0 != 0 } ?? false
    }
}
