// SPDX-License-Identifier: Apache-2.0
// One line of /proc/self/mountinfo (proc(5)), parsed with its octal escapes (\040 for a space).

/// A mount as the kernel lists it in /proc/<pid>/mountinfo.
public struct MountInfo: Sendable, Equatable {
    /// Unique mount id (field 1).
    public var mountID: Int
    /// Id of the parent mount (field 2).
    public var parentID: Int
    /// The root of the mount within its filesystem (field 4).
    public var root: String
    /// Where it is mounted, relative to the process root (field 5).
    public var mountPoint: String
    /// Per-mount options such as `rw,relatime` (field 6).
    public var options: String
    /// Optional fields such as `shared:1`, `master:2` (before the `-` separator).
    public var optionalFields: [String]
    /// Filesystem type (after the separator).
    public var fsType: String
    /// Filesystem-specific source, e.g. `/dev/vda` or `overlay`.
    public var source: String
    /// Per-superblock options as the kernel writes them, still escaped (a `,` inside a path is `\054`);
    /// read values with `superOption(_:)`.
    public var superOptions: String

    /// Parses the whole text of a mountinfo file; malformed lines are skipped.
    public static func parse(_ text: String) -> [MountInfo] {
        text.split(separator: "\n").compactMap { parseLine(Substring($0)) }
    }

    /// The mounts of the calling process's namespace.
    public static func current() throws(Errno) -> [MountInfo] {
        parse(try SystemFile.read("/proc/self/mountinfo", limit: 64 << 20))
    }

    /// Parses one line: `36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue`.
    static func parseLine(_ line: Substring) -> MountInfo? {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard let separator = fields.firstIndex(of: "-"), separator >= 6, fields.count >= separator + 3,
            let mountID = Int(fields[0]), let parentID = Int(fields[1])
        else { return nil }
        return MountInfo(
            mountID: mountID, parentID: parentID, root: unescape(fields[3]), mountPoint: unescape(fields[4]),
            options: String(fields[5]), optionalFields: fields[6..<separator].map(String.init),
            fsType: unescape(fields[separator + 1]), source: unescape(fields[separator + 2]),
            superOptions: fields.count > separator + 3 ? String(fields[separator + 3]) : "")
    }

    /// Undoes the kernel's `\ooo` escapes (space, tab, newline and backslash are written in octal).
    public static func unescape<Text: StringProtocol>(_ field: Text) -> String {
        let bytes = Array(field.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\"), index + 3 < bytes.count, let value = octal(bytes[(index + 1)...(index + 3)]) {
                out.append(value)
                index += 4
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The value of three octal digits, or nil when they are not three octal digits below 256.
    private static func octal(_ digits: ArraySlice<UInt8>) -> UInt8? {
        var value = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "7") else { return nil }
            value = value * 8 + Int(digit - UInt8(ascii: "0"))
        }
        return value < 256 ? UInt8(value) : nil
    }

    /// The unescaped value of `key=` in the superblock options (e.g. overlay's `upperdir`), or nil.
    public func superOption(_ key: String) -> String? {
        for option in superOptions.split(separator: ",") where option.hasPrefix(key + "=") {
            return Self.unescape(option.dropFirst(key.count + 1))
        }
        return nil
    }
}
