// SPDX-License-Identifier: Apache-2.0
// The docker CLI and docker-py pointed at a test daemon, each with a private DOCKER_CONFIG.

import Foundation
import Synchronization

/// Runs `docker` with a private config directory (contexts, HttpHeaders) and an optional DOCKER_HOST.
struct DockerCLI {
    /// The private `DOCKER_CONFIG` directory.
    let configDirectory: String
    /// `DOCKER_HOST`, or nil to use `-H`/`--context` per command.
    let host: String?

    /// A CLI whose config lives in `<directory>/docker-config`.
    init(host: String?, in directory: String) throws {
        configDirectory = "\(directory)/docker-config-\(UUID().uuidString.prefix(6))"
        self.host = host
        try FileManager.default.createDirectory(atPath: configDirectory, withIntermediateDirectories: true)
    }

    /// A CLI talking to `daemon`'s unix socket.
    init(_ daemon: BerthDaemon) throws {
        try self.init(host: daemon.dockerHost, in: daemon.directory)
    }

    /// Writes `$DOCKER_CONFIG/config.json`.
    func writeConfig(_ json: String) throws {
        try writeFile("\(configDirectory)/config.json", json)
    }

    /// Sends `Authorization: Bearer <token>` with every request (the CLI's `HttpHeaders` setting).
    func useToken(_ token: String) throws {
        try writeConfig(#"{"HttpHeaders": {"Authorization": "Bearer \#(token)"}}"#)
    }

    /// Runs `docker <arguments>`.
    func run(_ arguments: [String], stdin: String? = nil, timeout: Double = 60) async throws -> CommandResult {
        var environment = ["DOCKER_CONFIG": configDirectory, "DOCKER_CLI_HINTS": "false"]
        if let host { environment["DOCKER_HOST"] = host }
        return try await Command.run(tool: "docker", arguments, environment: environment, stdin: stdin, timeout: timeout)
    }
}

/// Runs a docker-py snippet with `python3 -c`.
enum DockerPy {
    /// The interpreter that imports `docker`, resolved once (pyenv shims cost a shell per call).
    private static let interpreter = Mutex<String?>(nil)

    /// Runs `script` after `import docker, json, sys, time`; fails with a clear message when the module is missing.
    static func run(_ script: String, timeout: Double = 60) async throws -> CommandResult {
        try await Command.run(try await python(), ["-c", "import docker, json, sys, time\n" + script], timeout: timeout)
    }

    private static func python() async throws -> String {
        if let known = interpreter.withLock({ $0 }) { return known }
        let probe = try await Command.run(tool: "python3", ["-c", "import docker, sys; print(sys.executable)"])
        guard probe.succeeded, !probe.stdout.trimmed.isEmpty else {
            throw TestFailure("python3 cannot import the docker module (pip install docker==7.1.0):\n\(probe)")
        }
        interpreter.withLock { $0 = probe.stdout.trimmed }
        return probe.stdout.trimmed
    }
}

extension String {
    /// The lines of the text.
    var lines: [Substring] { split(separator: "\n", omittingEmptySubsequences: false) }

    /// True when some line matches the regular expression `pattern`.
    func hasLine(matching pattern: String) -> Bool {
        lines.contains { $0.range(of: pattern, options: .regularExpression) != nil }
    }
}
