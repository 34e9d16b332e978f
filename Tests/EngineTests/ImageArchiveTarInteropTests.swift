// SPDX-License-Identifier: Apache-2.0
// The daemon's tar code against GNU tar: GNU tar lists what TarStreamWriter writes, and TarStreamReader
// reads what GNU tar writes in its gnu, pax and ustar formats (long names included).

import Foundation
import Platform
import Testing

@testable import Engine

@Suite struct ImageArchiveTarInteropTests {
    static func tempDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "berth-tar-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func gnuTarListsOurArchives() async throws {
        let directory = try Self.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data(writeTar(ImageArchiveTarTests.sample)).write(to: URL(fileURLWithPath: directory + "/ours.tar"))
        let listing = try await Subprocess.run("/bin/tar", ["-tf", directory + "/ours.tar"])
        #expect(listing.status == 0, "\(String(decoding: listing.errorOutput, as: UTF8.self))")
        let names = String(decoding: listing.output, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(names == ["blobs/", "empty", "a.json", "blobs/exact", "blobs/odd", ImageArchiveTarTests.longName, "link", "hard"])
        let extracted = try await Subprocess.run("/bin/tar", ["-xOf", directory + "/ours.tar", "blobs/odd"])
        #expect(extracted.output == ImageArchiveTarTests.sample[4].data)
    }

    @Test(arguments: ["gnu", "pax", "ustar"]) func weReadGNUTar(format: String) async throws {
        let directory = try Self.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let deep = String(repeating: "d", count: 70) + "/" + String(repeating: "e", count: 70)
        try FileManager.default.createDirectory(atPath: directory + "/root/" + deep, withIntermediateDirectories: true)
        let payload = Data((0..<3000).map { UInt8($0 % 256) })
        try payload.write(to: URL(fileURLWithPath: directory + "/root/" + deep + "/blob"))
        // ustar keeps link names to 100 bytes; the other formats carry long ones.
        let target = format == "ustar" ? "short/blob" : deep + "/blob"
        try FileManager.default.createSymbolicLink(atPath: directory + "/root/link", withDestinationPath: target)
        let made = try await Subprocess.run(
            "/bin/tar", ["--format=\(format)", "-C", directory + "/root", "-cf", directory + "/theirs.tar", "."])
        #expect(made.status == 0, "\(String(decoding: made.errorOutput, as: UTF8.self))")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/theirs.tar")))
        let members = try parseTar(stride(from: 0, to: bytes.count, by: 1000).map { Array(bytes[$0..<min($0 + 1000, bytes.count)]) })
        let file = members.first { $0.entry.kind == .file }
        #expect(file?.entry.path == deep + "/blob")
        #expect(file?.data == [UInt8](payload))
        #expect(members.contains { $0.entry.kind == .symlink && $0.entry.path == "link" && $0.entry.linkTarget == target })
    }
}
