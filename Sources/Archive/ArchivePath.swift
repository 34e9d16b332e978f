// SPDX-License-Identifier: Apache-2.0
// Entry names cleaned as Docker applies layers: a leading "/" is dropped (moby joins every name to
// the destination), "." and empty parts vanish, and any ".." refuses the entry. Bytes, not String,
// so names that are not UTF-8 reach the disk unchanged.

import Platform

/// Cleaning of archive entry names.
enum ArchivePath {
    /// The components of `raw` without empty or "." parts (so a leading "/" is dropped); nil when any
    /// component is "..", which could climb out of the destination.
    static func components(_ raw: [UInt8]) -> [[UInt8]]? {
        var parts: [[UInt8]] = []
        for part in raw.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            if part.elementsEqual([UInt8(ascii: ".")]) { continue }
            if part.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) { return nil }
            parts.append(Array(part))
        }
        return parts
    }

    /// `components` joined by "/", or "." for the root.
    static func join(_ components: [[UInt8]]) -> [UInt8] {
        guard !components.isEmpty else { return [UInt8(ascii: ".")] }
        return Array(components.joined(separator: [UInt8(ascii: "/")]))
    }

    /// Lossy text of a name, for error messages.
    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}

/// How a layer entry's name marks a deletion (OCI image-spec layer.md "Whiteouts", AUFS form).
enum Whiteout: Equatable {
    /// A plain entry.
    case plain
    /// `dir/.wh..wh..opq`: hide everything below `dir` in lower layers.
    case opaque(directory: [[UInt8]])
    /// `dir/.wh.name`: hide `dir/name`.
    case remove(parent: [[UInt8]], name: [UInt8])
    /// Other `.wh..wh.*` entries (AUFS metadata such as `.wh..wh.plnk`) and anything under them: skipped.
    case metadata

    static let prefix = Array(".wh.".utf8)
    static let metaPrefix = Array(".wh..wh.".utf8)
    static let opaqueName = Array(".wh..wh..opq".utf8)

    /// Classifies cleaned `components`; nil for `.wh.` with nothing after it, which names no file.
    init?(_ components: [[UInt8]]) {
        guard let last = components.last else {
            self = .plain
            return
        }
        let parent = Array(components.dropLast())
        if parent.contains(where: { $0.starts(with: Whiteout.metaPrefix) }) {
            self = .metadata
        } else if last == Whiteout.opaqueName {
            self = .opaque(directory: parent)
        } else if last.starts(with: Whiteout.metaPrefix) {
            self = .metadata
        } else if last.starts(with: Whiteout.prefix) {
            let name = Array(last.dropFirst(Whiteout.prefix.count))
            // ".wh." alone or ".wh.." would whiteout the directory itself or its parent.
            guard !name.isEmpty, name != [UInt8(ascii: ".")], name != [UInt8(ascii: "."), UInt8(ascii: ".")] else { return nil }
            self = .remove(parent: parent, name: name)
        } else {
            self = .plain
        }
    }
}
