// SPDX-License-Identifier: Apache-2.0
// A real registry (Debian's docker-registry) on 127.0.0.1 for push/pull/login tests, optionally behind
// htpasswd Basic auth.

import Foundation

/// A running `docker-registry serve` with temporary storage.
final class LocalRegistry: Sendable {
    static let user = "berth"
    static let password = "berth-secret"
    /// bcrypt (cost 5) of `password`, so no htpasswd tool is needed at test time.
    static let passwordHash = "$2b$05$abcdefghijklmnopqrstuuQPVgqXQo3In1d.pGBJ2OKtetD/tv.nq"

    let directory: String
    let port: UInt16
    let child: Child

    /// `127.0.0.1:<port>`.
    var domain: String { "127.0.0.1:\(port)" }

    init(basicAuth: Bool = false) async throws {
        let binary = "/usr/bin/docker-registry"
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw TestFailure("\(binary) is missing: apt-get install docker-registry")
        }
        directory = try makeTempDirectory("berth-registry")
        port = try freePort()
        var config = "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: \(directory)/data\nhttp:\n  addr: 127.0.0.1:\(port)\n"
        if basicAuth {
            try "\(Self.user):\(Self.passwordHash)\n".write(toFile: "\(directory)/htpasswd", atomically: true, encoding: .utf8)
            config += "auth:\n  htpasswd:\n    realm: berth-test\n    path: \(directory)/htpasswd\n"
        }
        try config.write(toFile: "\(directory)/config.yml", atomically: true, encoding: .utf8)
        child = try Child(binary, ["serve", "\(directory)/config.yml"], outputIn: directory)
        for _ in 0..<150 {
            if (try? await Command.run(tool: "curl", ["-s", "-o", "/dev/null", "http://\(domain)/v2/"]))?.succeeded == true { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        child.signal(SIGKILL)
        throw TestFailure("docker-registry did not start:\n\(child.stderr)")
    }

    func stop() {
        child.signal(SIGTERM)
        try? FileManager.default.removeItem(atPath: directory)
    }
}
