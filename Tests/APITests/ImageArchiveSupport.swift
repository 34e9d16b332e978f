// SPDX-License-Identifier: Apache-2.0
// Fixtures for save/load API tests: tarballs of binary members, and a docker-save archive made by hand.

import Engine
import Models

/// A ustar archive of regular files with binary contents.
func makeBinaryTar(_ files: [(name: String, contents: [UInt8])]) -> [UInt8] {
    var out: [UInt8] = []
    for file in files {
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int) { for (index, byte) in text.utf8.enumerated() { header[offset + index] = byte } }
        put(file.name, at: 0)
        put("0000644", at: 100)
        put("0000000", at: 108)
        put("0000000", at: 116)
        put(String(file.contents.count, radix: 8).leftPadded(to: 11), at: 124)
        put("00000000000", at: 136)
        put("        ", at: 148)
        header[156] = UInt8(ascii: "0")
        put("ustar", at: 257)
        put("00", at: 263)
        let checksum = header.reduce(0) { $0 + Int($1) }
        put(String(checksum, radix: 8).leftPadded(to: 6) + "\0 ", at: 148)
        out += header + file.contents + [UInt8](repeating: 0, count: (512 - file.contents.count % 512) % 512)
    }
    return out + [UInt8](repeating: 0, count: 1024)
}

/// A docker-save tarball (blobs layout) of a one-layer image holding `files`, tagged `tag`.
func makeImageArchive(tag: String, files: [(String, String)] = [("loaded.txt", "loaded\n")]) -> [UInt8] {
    let layer = makeTar(files.map { (name: $0.0, contents: $0.1) })
    let layerHex = Digest.sha256(of: layer).encoded
    let config = Array(#"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:\#(layerHex)"]}}"#.utf8)
    let configHex = Digest.sha256(of: config).encoded
    let manifest = #"[{"Config":"blobs/sha256/\#(configHex)","RepoTags":["\#(tag)"],"Layers":["blobs/sha256/\#(layerHex)"]}]"#
    return makeBinaryTar([
        (name: "blobs/sha256/" + layerHex, contents: layer), (name: "blobs/sha256/" + configHex, contents: config),
        (name: "manifest.json", contents: Array(manifest.utf8)),
    ])
}

/// The names of the members of a tarball (enough of a reader for response checks).
func tarMemberNames(_ bytes: [UInt8]) -> [String] {
    var names: [String] = []
    var offset = 0
    while offset + 512 <= bytes.count, bytes[offset] != 0 {
        let header = bytes[offset..<(offset + 512)]
        names.append(String(decoding: header.prefix(100).prefix { $0 != 0 }, as: UTF8.self))
        let sizeText = String(decoding: header.dropFirst(124).prefix(11), as: UTF8.self)
        let size = Int(sizeText, radix: 8) ?? 0
        offset += 512 + (size + 511) / 512 * 512
    }
    return names
}
