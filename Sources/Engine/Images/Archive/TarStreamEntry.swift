// SPDX-License-Identifier: Apache-2.0
// One member of a tar stream as the daemon's own small tar reader and writer see it, and their errors.

/// The header of one tar member (its data travels separately).
struct TarStreamEntry: Sendable, Equatable {
    /// What kind of member this is; kinds save and load never use are `other`.
    enum Kind: Sendable, Equatable {
        case file, directory, symlink, hardLink, other
    }

    /// The path, cleaned (`./` and empty components dropped); never absolute, never with `..`.
    var path: String
    /// The member's kind.
    var kind: Kind
    /// Data length in bytes (0 for kinds without data).
    var size: Int64
    /// Permission bits.
    var mode: UInt32
    /// Modification time, seconds since the epoch.
    var mtime: Int64
    /// The target of a symlink (as stored) or hard link (cleaned, from the archive root).
    var linkTarget: String

    /// Creates an entry.
    init(path: String, kind: Kind, size: Int64 = 0, mode: UInt32 = 0o644, mtime: Int64 = 0, linkTarget: String = "") {
        self.path = path
        self.kind = kind
        self.size = size
        self.mode = mode
        self.mtime = mtime
        self.linkTarget = linkTarget
    }
}

/// Why a tar stream was refused; `description` is the text clients see.
enum TarStreamError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A header block whose checksum does not match (at this byte offset).
    case badChecksum(offset: Int64)
    /// A header field that does not parse (field name, offset).
    case badHeader(String, offset: Int64)
    /// A name that is absolute or climbs out with `..`.
    case unsafePath(String)
    /// The stream ended inside a header or a member's data.
    case truncated(offset: Int64)
    /// A pax or GNU long-name header too large to be a name.
    case oversizedMetadata(offset: Int64)

    var description: String {
        switch self {
        case .badChecksum(let offset): "invalid tar header checksum at offset \(offset)"
        case .badHeader(let field, let offset): "invalid tar header (\(field)) at offset \(offset)"
        case .unsafePath(let path): "invalid tar member name \"\(path)\": absolute paths and \"..\" are not allowed"
        case .truncated(let offset): "unexpected end of tar archive after \(offset) bytes (truncated?)"
        case .oversizedMetadata(let offset): "tar extended header too large at offset \(offset)"
        }
    }
}

/// Cleaning and checking of member names.
enum TarStreamPath {
    /// `./a//b/` → `a/b`; nil for absolute names or any `..` component. The root itself is `.`.
    static func clean(_ name: String) -> String? {
        if name.hasPrefix("/") { return nil }
        var parts: [Substring] = []
        for part in name.split(separator: "/", omittingEmptySubsequences: true) where part != "." {
            if part == ".." { return nil }
            parts.append(part)
        }
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// A symlink's target resolved inside the archive: relative to the link's directory, or from the
    /// archive root when absolute; nil when it climbs above the root.
    static func resolve(link path: String, target: String) -> String? {
        var parts: [Substring] = target.hasPrefix("/") ? [] : Array(path.split(separator: "/").dropLast())
        for part in target.split(separator: "/", omittingEmptySubsequences: true) where part != "." {
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }
}
