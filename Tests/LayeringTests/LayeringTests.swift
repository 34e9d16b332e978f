// SPDX-License-Identifier: Apache-2.0
// Holds every target's imports to the one-direction table of STYLE.md §1: SwiftPM itself lets a target
// import any module built before it, so only this test keeps the layers honest.

import Foundation
import Testing

@Suite struct LayeringTests {
    /// Toolchain modules any target may use. Foundation itself is not among them: FoundationEssentials
    /// keeps binaries 50 MB smaller and resident memory low (notes/swift-on-linux.md §7).
    static let toolchain: Set<String> = ["Glibc", "Synchronization", "Dispatch", "FoundationEssentials", "_Concurrency"]

    /// What each target may import besides the toolchain modules.
    static let allowed: [String: Set<String>] = [
        "CShims": [],
        "CShimSupport": [],
        "Platform": ["CShims", "COpenSSL", "CSeccomp"],
        "Archive": ["Platform", "CArchive", "CShims"],
        "berth-unpack": ["Archive", "Platform"],
        "berth-shim": ["ShimProtocol", "CShimSupport"],
        "Store": ["Platform", "CSQLite"],
        "HTTPCore": ["Platform", "CNghttp2"],
        "HTTP": ["HTTPCore", "Platform"],
        "HTTPClient": ["HTTPCore", "Platform"],
        "Models": [],
        "ShimProtocol": [],
        "Engine": ["Models", "Store", "Platform", "HTTPClient", "HTTPCore", "ShimProtocol"],
        "API": ["HTTP", "HTTPCore", "Engine", "Models", "Platform", "ShimProtocol"],
        "berthd": ["API", "HTTP", "HTTPCore", "Engine", "Store", "Platform", "Models", "ArgumentParser"],
        "berth": ["HTTPClient", "HTTPCore", "Platform", "ArgumentParser"],
    ]

    static var sourcesURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
    }

    static func imports(of target: String) throws -> [(file: String, module: String)] {
        let root = sourcesURL.appendingPathComponent(target)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var found: [(file: String, module: String)] = []
        for case let url as URL in walker where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ")
                // `import X`, `@testable import X`, `import struct X.Y`, `public import X`.
                guard let index = words.firstIndex(of: "import"), words.prefix(index).allSatisfy({ $0.hasPrefix("@") || $0 == "public" || $0 == "internal" || $0 == "package" }) else { continue }
                let rest = words.dropFirst(index + 1)
                let kinds: Set<Substring> = ["struct", "class", "enum", "protocol", "func", "var", "let", "typealias"]
                guard let spec = rest.first(where: { !kinds.contains($0) }) else { continue }
                let module = String(spec.split(separator: ".").first ?? spec)
                found.append((url.lastPathComponent, module))
            }
        }
        return found
    }

    @Test func everyTargetDirectoryIsInTheTable() throws {
        let targets = try FileManager.default.contentsOfDirectory(atPath: Self.sourcesURL.path)
            .filter { !$0.hasPrefix("C") || $0 == "CShims" }
        for target in targets where !["CSQLite", "COpenSSL", "CNghttp2", "CArchive", "CSeccomp"].contains(target) {
            #expect(Self.allowed[target] != nil, "Sources/\(target) is not in the layering table")
        }
    }

    @Test(arguments: Array(allowed.keys).sorted())
    func importsFollowTheLayers(target: String) throws {
        let permitted = Self.toolchain.union(Self.allowed[target] ?? [])
        for (file, module) in try Self.imports(of: target) {
            #expect(permitted.contains(module), "Sources/\(target)/\(file) imports \(module), which \(target) may not import")
        }
    }

    @Test func checkerSeesImports() throws {
        // Guards the checker itself: the HTTP target certainly imports HTTPCore.
        #expect(try Self.imports(of: "HTTP").contains { $0.module == "HTTPCore" })
        #expect(try Self.imports(of: "Engine").contains { $0.module == "Store" })
    }
}
