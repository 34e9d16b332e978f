// SPDX-License-Identifier: Apache-2.0
// Docker's `User` (`-u user[:group]`) and `--group-add` resolved against the image's /etc/passwd and
// /etc/group, read through RootfsPath so a symlinked /etc cannot point at the host's files. Follows
// what dockerd 20.10.24 + runc 1.1.5 do (measured): a given group replaces the membership groups, the primary
// group is always the first supplementary one;
// numeric ids need no entry; unknown names fail with dockerd's texts.

import Models
import Platform

/// Resolves container users inside a rootfs.
public struct ContainerUserResolver: Sendable {
    /// The rootfs (mounted overlay, or any directory laid out like one).
    public let root: String

    /// The resolved user plus what the process environment needs.
    public struct Resolved: Sendable, Equatable {
        /// The runtime spec's user: uid, gid, additional gids, name when known.
        public var user: OCIRuntimeSpec.User
        /// The home directory from passwd, `/` when the user has no entry (HOME when the env lacks one).
        public var home: String
    }

    /// Creates a resolver for `root`.
    public init(root: String) { self.root = root }

    /// Resolves `spec` (`""`, `name`, `uid`, `name:group`, `uid:gid`, …) and `groupAdd` (names or numbers).
    public func resolve(_ spec: String, groupAdd: [String] = []) throws(EngineError) -> Resolved {
        let passwd = try entries("/etc/passwd")
        let groups = try entries("/etc/group")
        let parts = spec.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let userPart = String(parts.first ?? "")
        let groupPart = parts.count > 1 ? String(parts[1]) : nil
        let numericUID = try Self.numericID(userPart)

        // passwd(5): name:password:uid:gid:gecos:home:shell. The first entry matching by name or uid wins.
        let entry = passwd.first { fields in
            guard fields.count >= 4 else { return false }
            if userPart.isEmpty { return UInt32(fields[2]) == 0 }
            return fields[0] == userPart || (numericUID != nil && UInt32(fields[2]) == numericUID)
        }
        var user = OCIRuntimeSpec.User()
        var home = "/"
        if let entry {
            user.uid = UInt32(entry[2]) ?? 0
            user.gid = UInt32(entry[3]) ?? 0
            user.username = String(entry[0])
            if entry.count > 5, !entry[5].isEmpty { home = String(entry[5]) }
        } else if let numericUID {
            user.uid = numericUID
        } else if !userPart.isEmpty {
            throw .invalidParameter("unable to find user \(userPart): no matching entries in passwd file")
        }

        var additional: [UInt32] = []
        if let groupPart, !groupPart.isEmpty {
            // An explicit group is the only group: no supplementary groups from membership (runc's rule).
            guard let gid = try Self.lookupGroup(groupPart, in: groups) else {
                throw .invalidParameter("unable to find group \(groupPart): no matching entries in group file")
            }
            user.gid = gid
        } else if let name = user.username {
            // group(5): name:password:gid:member,member
            for fields in groups where fields.count >= 4 && fields[3].split(separator: ",").contains(Substring(name)) {
                if let gid = UInt32(fields[2]) { additional.append(gid) }
            }
        }
        for group in groupAdd {
            guard let gid = try Self.lookupGroup(group, in: groups) else {
                // dockerd capitalises this one (runc's GetAdditionalGroups).
                throw .invalidParameter("Unable to find group \(group): no matching entries in group file")
            }
            additional.append(gid)
        }
        // dockerd + runc always list the primary group among the supplementary ones, first (measured:
        // `-u tester:wheel` → groups=10(wheel); `--group-add 77` → groups=0(root),77), each id once.
        var seen: Set<UInt32> = []
        user.additionalGids = ([user.gid] + additional).filter { seen.insert($0).inserted }
        return Resolved(user: user, home: home)
    }

    /// A group by name, else by number (a number needs no entry).
    static func lookupGroup(_ text: String, in groups: [[Substring]]) throws(EngineError) -> UInt32? {
        if let fields = groups.first(where: { $0.count >= 3 && $0[0] == text }) { return UInt32(fields[2]) }
        return try numericID(text)
    }

    /// The id when `text` is all digits; dockerd's range error when it is too large.
    static func numericID(_ text: String) throws(EngineError) -> UInt32? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        guard let value = UInt32(text), value <= Int32.max else {
            throw .invalidParameter("uids and gids must be in range 0-2147483647")
        }
        return value
    }

    /// The colon-separated fields of each non-comment line of a file inside the root; none when absent.
    func entries(_ path: String) throws(EngineError) -> [[Substring]] {
        let bytes: [UInt8]?
        do {
            bytes = try RootfsPath.readFile(root: root, path: path, maxBytes: 16 << 20)
        } catch {
            throw .system("read \(path) in container: \(error.message)")
        }
        guard let bytes else { return [] }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").compactMap { line in
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return nil }
            return trimmed.split(separator: ":", omittingEmptySubsequences: false)
        }
    }
}
