// SPDX-License-Identifier: Apache-2.0
// The kernel's identification as uname(2) reports it.

import Glibc

/// The fields of uname(2) (`struct utsname`); `release` is the kernel version `GET /info` and `/version` report.
public struct Uname: Sendable, Equatable {
    /// Operating system name, e.g. `Linux` (`uname -s`).
    public var sysname: String
    /// Network node name (`uname -n`).
    public var nodename: String
    /// Kernel release, e.g. `6.1.0-18-amd64` (`uname -r`).
    public var release: String
    /// Kernel build version, e.g. `#1 SMP PREEMPT_DYNAMIC …` (`uname -v`).
    public var version: String
    /// Hardware name, e.g. `x86_64`, `aarch64` (`uname -m`).
    public var machine: String

    /// Creates a value from known fields (tests, fixtures).
    public init(sysname: String, nodename: String, release: String, version: String, machine: String) {
        self.sysname = sysname
        self.nodename = nodename
        self.release = release
        self.version = version
        self.machine = machine
    }

    /// Asks the kernel; the corresponding C call is `uname(2)`.
    public static func current() throws(Errno) -> Uname {
        var info = utsname()
        guard Glibc.uname(&info) == 0 else { throw Errno.current("uname") }
        return Uname(
            sysname: string(from: &info.sysname),
            nodename: string(from: &info.nodename),
            release: string(from: &info.release),
            version: string(from: &info.version),
            machine: string(from: &info.machine))
    }

    /// Text of a NUL-terminated fixed-size C char array (a Swift tuple).
    private static func string<Tuple>(from tuple: inout Tuple) -> String {
        withUnsafeBytes(of: &tuple) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
