// SPDX-License-Identifier: Apache-2.0
// Reading the host's sources and writing the generated files into <data-root>/containers/<id>/.

import FoundationEssentials
import Glibc
import Platform

extension EtcFiles {
    /// The three files of one container, ready to write.
    public struct Contents: Sendable, Equatable {
        /// /etc/hostname.
        public var hostname: String
        /// /etc/hosts.
        public var hosts: String
        /// /etc/resolv.conf.
        public var resolvConf: String

        /// Creates the contents.
        public init(hostname: String, hosts: String, resolvConf: String) {
            self.hostname = hostname
            self.hosts = hosts
            self.resolvConf = resolvConf
        }
    }

    /// The host's /etc/hosts and effective resolv.conf text (empty when unreadable).
    public static func readHostSources() -> (hosts: String, resolvConf: String) {
        let hosts = readText("/etc/hosts") ?? ""
        let path = hostResolvConfPath(etcResolvConf: readText("/etc/resolv.conf"))
        return (hosts, readText(path) ?? readText("/etc/resolv.conf") ?? "")
    }

    /// Writes `hostname`, `hosts` and `resolv.conf` into `directory`, each mode 0644, each replaced
    /// atomically (temp file + rename) so a running container never sees half a file.
    public static func write(_ contents: Contents, to directory: String) throws(Errno) {
        try writeFile(directory + "/hostname", contents.hostname)
        try writeFile(directory + "/hosts", contents.hosts)
        try writeFile(directory + "/resolv.conf", contents.resolvConf)
    }

    /// The file's text, or nil.
    static func readText(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Writes `text` to `path` through `path.tmp`, mode 0644 whatever the umask.
    static func writeFile(_ path: String, _ text: String) throws(Errno) {
        let temporary = path + ".tmp"
        let fd = try retryingEINTR("open \(temporary)") { open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644) }
        let file = FileDescriptor(owning: fd)
        guard fchmod(fd, 0o644) == 0 else { throw Errno.current("chmod \(temporary)") }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = try retryingEINTR("write \(temporary)") { bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) } }
            bytes = bytes.dropFirst(written)
        }
        file.close()
        guard rename(temporary, path) == 0 else { throw Errno.current("rename \(temporary)") }
    }
}
