// SPDX-License-Identifier: Apache-2.0
// Encoding tar headers as Go's archive/tar writes them (what `docker save` produces): a ustar header,
// preceded by a pax extended header (`x`) when a name, link name or size does not fit the ustar fields.

/// Builds the bytes of tar headers, padding and the end marker; the caller streams member data between.
enum TarStreamWriter {
    /// The largest size the 12-byte octal field holds (8 GiB - 1).
    static let maximumOctalSize: Int64 = 0o77777777777
    /// Two zero blocks: the end-of-archive marker.
    static let endOfArchive = [UInt8](repeating: 0, count: 2 * TarStreamHeader.blockSize)

    /// The header block(s) for `entry`: a pax header first when needed, then the ustar header.
    static func header(for entry: TarStreamEntry) -> [UInt8] {
        var records: [(String, String)] = []
        var name = entry.path
        if entry.kind == .directory && !name.hasSuffix("/") { name += "/" }
        if !fits(name, 100) { records.append(("path", name)) }
        if !fits(entry.linkTarget, 100) { records.append(("linkpath", entry.linkTarget)) }
        if entry.size > maximumOctalSize { records.append(("size", String(entry.size))) }
        var out: [UInt8] = []
        if !records.isEmpty {
            let data = records.flatMap { paxRecord($0.0, $0.1) }
            let base = name.split(separator: "/").last.map(String.init) ?? "entry"
            let paxName = String(decoding: Array(("PaxHeaders.0/" + base).utf8.prefix(100)), as: UTF8.self)
            out += ustarBlock(
                name: paxName, typeflag: UInt8(ascii: "x"), size: Int64(data.count), mode: 0o644, mtime: entry.mtime, linkName: "")
            out += data + padding(forSize: Int64(data.count))
        }
        let typeflag: UInt8
        switch entry.kind {
        case .file, .other: typeflag = UInt8(ascii: "0")
        case .directory: typeflag = UInt8(ascii: "5")
        case .symlink: typeflag = UInt8(ascii: "2")
        case .hardLink: typeflag = UInt8(ascii: "1")
        }
        let size = entry.kind == .file ? entry.size : 0
        out += ustarBlock(
            name: truncated(name, 100), typeflag: typeflag, size: size > maximumOctalSize ? 0 : size, mode: entry.mode, mtime: entry.mtime,
            linkName: truncated(entry.linkTarget, 100))
        return out
    }

    /// Zeros that bring a member of `size` bytes to a block boundary.
    static func padding(forSize size: Int64) -> [UInt8] {
        [UInt8](repeating: 0, count: Int((512 - size % 512) % 512))
    }

    /// One pax record: `"<length> <key>=<value>\n"`, where the length counts itself.
    static func paxRecord(_ key: String, _ value: String) -> [UInt8] {
        let body = " \(key)=\(value)\n".utf8.count
        var length = body + String(body).count
        if String(length).count != String(body).count { length = body + String(length).count }
        return Array("\(length) \(key)=\(value)\n".utf8)
    }

    /// True when `text` is ASCII and at most `limit` bytes (a ustar field keeps it exactly).
    static func fits(_ text: String, _ limit: Int) -> Bool {
        text.utf8.count <= limit && text.utf8.allSatisfy { $0 < 0x80 }
    }

    static func truncated(_ text: String, _ limit: Int) -> String {
        fits(text, limit) ? text : String(decoding: text.utf8.prefix { $0 < 0x80 }.prefix(limit), as: UTF8.self)
    }

    static func ustarBlock(name: String, typeflag: UInt8, size: Int64, mode: UInt32, mtime: Int64, linkName: String) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: TarStreamHeader.blockSize)
        func put(_ bytes: some Sequence<UInt8>, at offset: Int) {
            for (index, byte) in bytes.enumerated() { block[offset + index] = byte }
        }
        func octal(_ value: Int64, width: Int) -> [UInt8] {
            let digits = String(max(0, value), radix: 8)
            return Array((String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits).utf8) + [0]
        }
        put(name.utf8, at: 0)
        put(octal(Int64(mode & 0o7777), width: 8), at: 100)
        put(octal(0, width: 8), at: 108)  // uid
        put(octal(0, width: 8), at: 116)  // gid
        put(octal(size, width: 12), at: 124)
        put(octal(mtime, width: 12), at: 136)
        put(Array("        ".utf8), at: 148)
        block[156] = typeflag
        put(linkName.utf8, at: 157)
        put(Array("ustar\u{0}00".utf8), at: 257)
        put(octal(0, width: 8), at: 329)  // devmajor
        put(octal(0, width: 8), at: 337)  // devminor
        let checksum = block.reduce(0) { $0 + Int64($1) }
        put(octal(checksum, width: 7) + [32], at: 148)
        return block
    }
}
