// SPDX-License-Identifier: Apache-2.0
// `berth version`: this client's version, then the daemon's, laid out as `docker version` does.

import ArgumentParser

/// `berth version`.
struct VersionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Show the berth and berthd version information.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await CLIError.reporting {
            let client = [("Version", ClientInfo.version), ("API version", ClientInfo.apiVersion), ("OS/Arch", ClientInfo.platform)]
            Console.out(Self.section("Client:", indent: " ", client))
            let server = try await DaemonClient(global).json(ServerVersion.self, "GET", "/version")
            var api = server.apiVersion
            if let minimum = server.minAPIVersion, !minimum.isEmpty { api += " (minimum version \(minimum))" }
            var fields = [("Version", server.version), ("API version", api)]
            if let toolchain = server.goVersion, !toolchain.isEmpty { fields.append(("Toolchain", toolchain)) }
            if let commit = server.gitCommit, !commit.isEmpty { fields.append(("Git commit", commit)) }
            if let built = server.buildTime, !built.isEmpty { fields.append(("Built", built)) }
            if let os = server.os, let arch = server.arch { fields.append(("OS/Arch", "\(os)/\(arch)")) }
            if let kernel = server.kernelVersion, !kernel.isEmpty { fields.append(("Kernel version", kernel)) }
            Console.out("")
            Console.out("Server:\n Engine:")
            Console.out(Self.section(nil, indent: "  ", fields))
        }
    }

    /// `title` then `indent + "Label:"` padded to docker's 20-column label width, one field per line.
    static func section(_ title: String?, indent: String, _ fields: [(String, String)]) -> String {
        var lines = title.map { [$0] } ?? []
        for (label, value) in fields {
            let key = indent + label + ":"
            lines.append(key + String(repeating: " ", count: max(1, 20 - key.count)) + value)
        }
        return lines.joined(separator: "\n")
    }
}
