// SPDX-License-Identifier: Apache-2.0
// The `berth` companion command: manages API tokens and reports versions, talking to berthd like the docker CLI does.

import ArgumentParser

@main
struct Berth: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "berth",
        abstract: "The Berth companion command: API tokens and versions.",
        version: "berth \(ClientInfo.version)",
        subcommands: [TokenCommand.self, VersionCommand.self])

    @OptionGroup var global: GlobalOptions
}

/// Facts about this client build.
enum ClientInfo {
    /// The berth version.
    static let version = "0.1.0"
    /// The Engine API version this client speaks.
    static let apiVersion = "1.50"
    /// `User-Agent` sent with every request.
    static let userAgent = "berth/\(version)"

    /// `linux/amd64` in Go's spelling.
    static var platform: String {
        #if arch(x86_64)
            "linux/amd64"
        #elseif arch(arm64)
            "linux/arm64"
        #else
            "linux/unknown"
        #endif
    }
}
