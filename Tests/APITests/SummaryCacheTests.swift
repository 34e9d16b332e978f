// SPDX-License-Identifier: Apache-2.0
// The `docker ps` row cache: the spliced Status is the current one, a new revision re-encodes, and the
// result equals a fresh JSONEncoder encoding of the same summary.

import Foundation
import Testing

@testable import API
import Engine
import Models

@Suite struct SummaryCacheTests {
    private func container(revision: Int, name: String = "web") -> Container {
        var container = Container(
            id: String(repeating: "ab", count: 32), name: name,
            spec: ContainerSpec(
                config: ContainerConfig(), hostConfig: HostConfig(networkMode: "bridge"), networkingConfig: nil, imageID: "sha256:" + String(repeating: "c", count: 64),
                path: "sh", args: ["-c", "echo \"hi\""], created: 1_700_000_000_000_000_000, runtime: "runc"),
            state: ContainerRunState())
        container.revision = revision
        return container
    }

    private func fresh(_ container: Container, status: String) throws -> [UInt8] {
        var summary = ContainerViews.summary(container, now: 0)
        summary.status = status
        return try JSONCoding.encode(summary)
    }

    @Test func splicedStatusEqualsAFreshEncoding() throws {
        let cache = SummaryCache()
        let first = container(revision: 1)
        var encodings = 0
        let make = { () throws -> [UInt8] in
            encodings += 1
            var summary = ContainerViews.summary(first, now: 0)
            summary.status = ""
            return try JSONCoding.encode(summary)
        }
        #expect(try cache.json(for: first, status: "Up 3 seconds", make: make) == (try fresh(first, status: "Up 3 seconds")))
        #expect(try cache.json(for: first, status: "Exited (0) \"quoted\" \\ ago", make: make) == (try fresh(first, status: "Exited (0) \"quoted\" \\ ago")))
        #expect(encodings == 1, "the second request should reuse the encoding")
    }

    @Test func aNewRevisionIsEncodedAgain() throws {
        let cache = SummaryCache()
        let old = container(revision: 1, name: "old")
        let renamed = container(revision: 2, name: "new")
        _ = try cache.json(for: old, status: "") { try fresh(old, status: "") }
        let json = try cache.json(for: renamed, status: "Created") { try fresh(renamed, status: "") }
        #expect(String(decoding: json, as: UTF8.self).contains("\"/new\""))
        #expect(json == (try fresh(renamed, status: "Created")))
    }
}
