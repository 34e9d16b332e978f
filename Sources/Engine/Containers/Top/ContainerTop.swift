// SPDX-License-Identifier: Apache-2.0
// `GET /containers/{id}/top`: runs the host's `ps` and keeps the rows of the container's processes.

import Models
import Platform

/// `docker top <c> [ps options]` as dockerd does it (moby `daemon/top_unix.go`): the PIDs come from the
/// container's cgroup (every child group included), `ps` runs on the host with the caller's options plus
/// `-q <pids>` (retried without it, since `f` and other options refuse `-q`), and the output is filtered.
public struct ContainerTop: Sendable {
    /// The options when the caller gives none.
    public static let defaultArguments = "-ef"
    /// procps `ps` (Debian package `procps`, also at /bin/ps on merged-/usr systems).
    public let psPath: String

    /// Creates a runner for the `ps` at `psPath`.
    public init(psPath: String = "/usr/bin/ps") {
        self.psPath = psPath
    }

    /// The container's processes. `isRunning` false → `.conflict("Container <id> is not running")` (409).
    /// ps options that name a non-PID column as `pid=` → `.system`; header-suppressing options →
    /// `.system("option --no-headers is not allowed")`; ps failing → `.system("ps: <first stderr line>")`.
    public func processes(
        containerID: String, isRunning: Bool, paths: CgroupPaths, psArgs: String = ""
    ) async throws(EngineError) -> ContainerTopResponse {
        let psArgs = psArgs.isEmpty ? Self.defaultArguments : psArgs
        try Self.validate(psArgs: psArgs)
        guard isRunning else { throw .conflict("Container \(containerID) is not running") }
        // Split on single spaces like dockerd (strings.Split), so ps sees exactly the options it would.
        let arguments = psArgs.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        for argument in arguments where Self.headerlessOptions.contains(argument) {
            throw .system("option \(argument) is not allowed")
        }
        let pids: [Int32]
        do {
            pids = try paths.processIDs()
        } catch {
            throw .system("list processes of container \(containerID): \(error)")
        }
        let quick = "-q" + pids.map(String.init).joined(separator: ",")
        var result = try await runPS(arguments + [quick])
        if result.status != 0 { result = try await runPS(arguments) }
        guard result.status == 0 else {
            let stderr = String(decoding: result.errorOutput, as: UTF8.self)
            let line = stderr.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            throw .system("ps: " + (line.isEmpty ? "exit status \(result.status)" : line))
        }
        return try PSOutputParser.parse(result.outputText, pids: Set(pids))
    }

    /// Options that drop the header line, which the parser needs.
    static let headerlessOptions: Set<String> = [
        "--no-header", "--no-headers", "--no-heading", "--no-headings", "--noheader", "--noheaders", "--noheading",
        "--noheadings",
    ]

    /// Rejects `-o <name>=PID…`, which would relabel another column as PID (moby `validatePSArgs`): a
    /// whitespace-preceded `key=` whose value starts with `PID` is allowed only for the `pid` key.
    static func validate(psArgs: String) throws(EngineError) {
        let words = psArgs.split(whereSeparator: \.isWhitespace)
        for (index, word) in words.enumerated() where index > 0 || psArgs.first?.isWhitespace == true {
            guard let equals = word.lastIndex(of: "=") else { continue }
            let key = word[..<equals]
            var value = word[word.index(after: equals)...]
            if value.isEmpty, index + 1 < words.count { value = words[index + 1] }
            let label = value.prefix { !$0.isWhitespace }
            if label.hasPrefix("PID") && key != "pid" {
                throw .system("specifying \"\(key)=\(label)\" is not allowed")
            }
        }
    }

    /// Runs ps; a missing binary reads as Go's exec error.
    func runPS(_ arguments: [String]) async throws(EngineError) -> SubprocessResult {
        do {
            return try await Subprocess.run(psPath, arguments)
        } catch {
            throw .system("ps: exec: \"\(psPath)\": \(error)")
        }
    }
}
