// SPDX-License-Identifier: Apache-2.0
// Real overlay rootfs mounts for containers (root + BERTH_INTEGRATION=1): upper captures writes,
// unmount is idempotent, remove cleans up even while mounted, and 200 layers mount past the page limit.

import Foundation
import Platform
import Testing

@testable import Engine

@Suite(.serialized, .enabled(if: Env.integration)) struct ContainerFilesystemLiveSerialTests {
    let base = "/tmp/berth-cfs-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"

    func makeLayer(_ name: String, files: [String: String]) throws -> String {
        let diff = base + "/layers/\(name)/diff"
        try FileManager.default.createDirectory(atPath: diff, withIntermediateDirectories: true)
        for (file, text) in files { try text.write(toFile: diff + "/" + file, atomically: false, encoding: .utf8) }
        return diff
    }

    @Test func overlayOverTwoLayersCapturesWritesAndRemoves() throws {
        defer { try? FileManager.default.removeItem(atPath: base) }
        let filesystem = ContainerFilesystem(dataRoot: base + "/data", execRoot: base + "/run")
        let bottom = try makeLayer("bottom", files: ["a": "bottom-a", "b": "bottom-b"])
        let top = try makeLayer("top", files: ["a": "top-a"])
        try filesystem.prepare(id: "c1")
        let target = base + "/run/containers/c1/rootfs"
        #expect(try filesystem.mountRootfs(id: "c1", lowerDirs: [top, bottom], at: target) == .mountData)
        #expect(try filesystem.isMounted(at: target))
        #expect(try String(contentsOfFile: target + "/a", encoding: .utf8) == "top-a")
        try "new".write(toFile: target + "/c", atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(atPath: target + "/b")
        #expect(try String(contentsOfFile: filesystem.upperDirectory(id: "c1") + "/c", encoding: .utf8) == "new")
        #expect(!FileManager.default.fileExists(atPath: bottom + "/c"))
        #expect(FileManager.default.fileExists(atPath: bottom + "/b"))  // the lower layer is untouched
        #expect(try filesystem.mountedRootfs(id: "c1") == [target])

        try filesystem.unmountRootfs(at: target)
        try filesystem.unmountRootfs(at: target)  // idempotent
        #expect(try !filesystem.isMounted(at: target))
        #expect(try filesystem.mountedRootfs(id: "c1").isEmpty)

        // One layer only still goes through overlay; mounting again replaces the earlier mount (no stacking).
        try filesystem.mountRootfs(id: "c1", lowerDirs: [bottom], at: target)
        try filesystem.mountRootfs(id: "c1", lowerDirs: [bottom], at: target)
        #expect(try MountInfo.current().filter { $0.mountPoint == target }.count == 1)
        // remove() unmounts what a "crash" left mounted.
        #expect(FileManager.default.fileExists(atPath: target + "/c"))  // upper kept across mounts
        try filesystem.remove(id: "c1")
        #expect(try !filesystem.isMounted(at: target))
        #expect(!FileManager.default.fileExists(atPath: filesystem.containerDirectory(id: "c1")))
        try filesystem.remove(id: "c1")  // nothing left: no error
    }

    @Test func twoHundredLayersMountDespiteThePageLimit() throws {
        defer { try? FileManager.default.removeItem(atPath: base) }
        let filesystem = ContainerFilesystem(dataRoot: base + "/data", execRoot: base + "/run")
        // Names as long as real chain IDs: 200 × ~100 bytes is about 5 times one page.
        var layers: [String] = []
        for index in 0..<200 {
            let name = String(repeating: "0", count: 60) + String(format: "%04d", index)
            layers.append(try makeLayer(name, files: ["layer-\(index)": "\(index)", "top": "\(index)"]))
        }
        layers.reverse()  // top-first: layer 199 is on top
        #expect(!Overlay(lowerDirs: layers).fitsMountData)
        try filesystem.prepare(id: "many")
        let target = base + "/run/containers/many/rootfs"
        let started = ContinuousClock.now
        #expect(try filesystem.mountRootfs(id: "many", lowerDirs: layers, at: target) == .fsconfigAppend)
        let took = ContinuousClock.now - started
        defer { try? filesystem.remove(id: "many") }
        #expect(try String(contentsOfFile: target + "/top", encoding: .utf8) == "199")
        #expect(try String(contentsOfFile: target + "/layer-0", encoding: .utf8) == "0")
        #expect(try FileManager.default.contentsOfDirectory(atPath: target).count == 201)
        print("200-layer overlay mounted in \(took)")
        try filesystem.remove(id: "many")
        #expect(try !filesystem.isMounted(at: target))
    }
}
