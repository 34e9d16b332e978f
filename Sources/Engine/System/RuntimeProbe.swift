// SPDX-License-Identifier: Apache-2.0
// Learns each OCI runtime's version once at start (`runc --version`), for /version and /info.

import Platform

/// A runtime found on this host.
public struct RuntimeDescription: Sendable, Equatable {
    /// The runtime's name (`runc`, `crun`, or a daemon.json name).
    public var name: String
    /// The executable's path.
    public var path: String
    /// The version it reports, e.g. `1.1.5+ds1`; empty if it could not be run.
    public var version: String
    /// The commit it reports; empty if none.
    public var commit: String
}

/// Finds runtimes and asks each for its version.
enum RuntimeProbe {
    static func describe(configuration: EngineConfiguration) async -> [RuntimeDescription] {
        var found: [String: String] = [:]
        for name in ["runc", "crun"] {
            if let path = ExecutableLookup.find(name, path: configuration.searchPath) { found[name] = path }
        }
        for (name, path) in configuration.runtimes { found[name] = path }
        var described: [RuntimeDescription] = []
        for (name, path) in found.sorted(by: { $0.key < $1.key }) {
            let text = (try? await Subprocess.run(path, ["--version"]))?.outputText ?? ""
            let (version, commit) = parse(text)
            described.append(RuntimeDescription(name: name, path: path, version: version, commit: commit))
        }
        return described
    }

    /// Reads `runc version 1.1.5` / `crun version 1.8.1` and `commit: …` lines.
    static func parse(_ text: String) -> (version: String, commit: String) {
        var version = ""
        var commit = ""
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ")
            if words.count >= 3, words[1] == "version", version.isEmpty { version = String(words[2]) }
            if line.hasPrefix("commit:") { commit = line.dropFirst("commit:".count).trimmingSpacesAndTabs() }
        }
        return (version, commit)
    }
}

extension Substring {
    func trimmingSpacesAndTabs() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
