// SPDX-License-Identifier: Apache-2.0
// `berth token create|list|revoke`: bearer tokens for berthd's TCP listeners.

import ArgumentParser
import HTTPClient
import HTTPCore

/// `berth token`.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage API tokens for TCP access to berthd.",
        subcommands: [TokenCreate.self, TokenList.self, TokenRevoke.self])
}

/// A token's scope as the command line accepts it.
enum TokenScopeArgument: String, ExpressibleByArgument, CaseIterable {
    case read, admin
}

/// `berth token create --scope read|admin [--expires 24h] [--name NAME]`: prints only the token.
struct TokenCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a token and print it (shown only once).")

    @OptionGroup var global: GlobalOptions

    @Option(help: "read (GET and HEAD only) or admin")
    var scope: TokenScopeArgument

    @Option(help: "Lifetime, e.g. 90s, 30m, 24h, 1h30m, 7d (default: never expires)")
    var expires: String?

    @Option(help: "A name for the token (default: generated)")
    var name: String?

    func validate() throws {
        _ = try lifetime()
    }

    func run() async throws {
        try await CLIError.reporting {
            let client = try DaemonClient(global)
            let body = TokenCreateBody(name: name, scope: scope.rawValue, expiresIn: try lifetime())
            let reply = try await client.json(TokenCreateReply.self, "POST", "/berth/tokens", body: body)
            Console.out(reply.token)
        }
    }

    /// `--expires` in whole seconds (rounded up), or nil.
    private func lifetime() throws -> Int64? {
        guard let expires else { return nil }
        let nanoseconds: Int64
        do { nanoseconds = try GoDuration.nanoseconds(expires) } catch { throw ValidationError("invalid --expires: \(error)") }
        guard nanoseconds > 0 else { throw ValidationError("invalid --expires: must be a positive duration") }
        return (nanoseconds + 999_999_999) / 1_000_000_000
    }
}

/// `berth token list [--format table|json] [-q]`.
struct TokenList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List tokens.", aliases: ["ls"])

    @OptionGroup var global: GlobalOptions

    @Option(help: "Output format: table, or json (one object per line, as the docker CLI prints)")
    var format = "table"

    @Flag(name: .shortAndLong, help: "Only display token IDs")
    var quiet = false

    func validate() throws {
        guard ["table", "json"].contains(format) else { throw ValidationError("invalid --format \(format): use table or json") }
    }

    func run() async throws {
        try await CLIError.reporting {
            let tokens = try await DaemonClient(global).json([TokenInfo].self, "GET", "/berth/tokens")
            let now = RFC3339.now
            if quiet {
                tokens.forEach { Console.out($0.id) }
            } else if format == "json" {
                for token in tokens { Console.out(try TokenJSON.line(token, now: now)) }
            } else {
                var rows = [["ID", "NAME", "SCOPE", "CREATED", "EXPIRES", "STATUS"]]
                for token in tokens {
                    let expires = token.expiresAt.map { HumanDuration.relative($0, now: now) } ?? "never"
                    rows.append([
                        token.id, token.name, token.scope, HumanDuration.relative(token.createdAt, now: now), expires,
                        token.status(now: now),
                    ])
                }
                Console.out(TextTable.render(rows))
            }
        }
    }
}

/// `berth token revoke ID|NAME...`: prints each reference revoked, like `docker rm`.
struct TokenRevoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke one or more tokens.", aliases: ["rm"])

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Token ID or name")
    var tokens: [String]

    func validate() throws {
        guard !tokens.isEmpty else { throw ValidationError("\"berth token revoke\" requires at least 1 argument.") }
    }

    func run() async throws {
        try await CLIError.reporting {
            let client = try DaemonClient(global)
            var failed = false
            for reference in tokens {
                do {
                    _ = try await client.call("DELETE", "/berth/tokens/\(PercentEncoding.encode(reference))")
                    Console.out(reference)
                } catch CLIError.cannotConnect(let host) {
                    throw CLIError.cannotConnect(host: host)
                } catch let error as CLIError {
                    Console.error(error.message)
                    failed = true
                }
            }
            if failed { throw ExitCode.failure }
        }
    }
}
