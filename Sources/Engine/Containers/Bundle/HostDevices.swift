// SPDX-License-Identifier: Apache-2.0
// The host's device nodes under /dev, which a privileged container gets as its own (moby's privileged path adds
// every host device, runc libcontainer/devices `HostDevices`), and the capabilities the daemon itself may grant.

import Glibc
import Models

/// Device nodes and capability limits of the host.
public enum HostDevices {
    /// Directories under /dev a container mounts itself (or that hold no real devices), skipped as runc does.
    static let skippedDirectories: Set<String> = ["pts", "shm", "fd", "mqueue", ".lxc", ".lxd-mounts", ".udev"]

    /// Every character and block device below `root` (default /dev) except /dev/console, sorted by path.
    public static func scan(root: String = "/dev") -> [OCIRuntimeSpec.Device] {
        var result: [OCIRuntimeSpec.Device] = []
        collect(root, into: &result, depth: 0)
        return result.filter { $0.path != "/dev/console" }.sorted { $0.path < $1.path }
    }

    private static func collect(_ directory: String, into result: inout [OCIRuntimeSpec.Device], depth: Int) {
        guard depth < 8, let stream = opendir(directory) else { return }
        defer { closedir(stream) }
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name != ".", name != ".." else { continue }
            let path = directory + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR where !skippedDirectories.contains(name):
                collect(path, into: &result, depth: depth + 1)
            case S_IFCHR, S_IFBLK:
                let rdev = UInt64(info.st_rdev)
                // glibc's gnu_dev_major/gnu_dev_minor (macros Swift does not import).
                let major = Int64(((rdev >> 8) & 0xfff) | ((rdev >> 32) & ~UInt64(0xfff)))
                let minor = Int64((rdev & 0xff) | ((rdev >> 12) & ~UInt64(0xff)))
                result.append(
                    OCIRuntimeSpec.Device(
                        type: info.st_mode & S_IFMT == S_IFCHR ? "c" : "b", path: path, major: major, minor: minor,
                        fileMode: UInt32(info.st_mode & 0o7777), uid: info.st_uid, gid: info.st_gid))
            default:
                continue
            }
        }
    }

    /// The capabilities in this process's bounding set (`CapBnd` of /proc/self/status), by name; all of Linux's when
    /// unreadable. A sandboxed daemon cannot hand out more, and runc fails the start if asked to ("unable to apply caps").
    public static let boundingCapabilities: Set<String> = {
        let fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return Set(SpecBuilder.allCapabilities) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            bytes += buffer[..<count]
        }
        return capabilities(statusText: String(decoding: bytes, as: UTF8.self))
    }()

    /// The capability names set in the `CapBnd:` line of a /proc status text; all when the line is missing.
    static func capabilities(statusText: String) -> Set<String> {
        let line = statusText.split(separator: "\n").first { $0.hasPrefix("CapBnd:") }
        guard let line, let mask = UInt64(line.dropFirst("CapBnd:".count).filter { $0 != " " && $0 != "\t" }, radix: 16) else {
            return Set(SpecBuilder.allCapabilities)
        }
        return Set(SpecBuilder.allCapabilities.enumerated().filter { mask & (1 << UInt64($0.offset)) != 0 }.map(\.element))
    }
}
