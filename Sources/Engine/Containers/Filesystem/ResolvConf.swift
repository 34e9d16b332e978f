// SPDX-License-Identifier: Apache-2.0
// A parsed resolv.conf (resolv.conf(5)): nameservers, search domains, options, and the original lines.

/// The parts of a resolv.conf that container DNS settings replace.
public struct ResolvConf: Sendable, Equatable {
    /// The file's lines as read.
    public var lines: [String]
    /// `nameserver` addresses in file order.
    public var nameservers: [String]
    /// Domains of the last `search` (or `domain`) line, as the resolver uses only the last one.
    public var search: [String]
    /// Words of all `options` lines.
    public var options: [String]

    /// Parses `text`; `#` and `;` start comments.
    public init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        nameservers = []
        search = []
        options = []
        for line in lines {
            let words = Self.words(line)
            guard let keyword = words.first else { continue }
            let rest = words.dropFirst().map(String.init)
            switch keyword {
            case "nameserver": if let first = rest.first { nameservers.append(first) }
            case "search", "domain": search = rest
            case "options": options += rest
            default: break
            }
        }
    }

    /// The words of a line before any comment.
    static func words(_ line: String) -> [Substring] {
        let content = line.prefix { $0 != "#" && $0 != ";" }
        return content.split(whereSeparator: { $0 == " " || $0 == "\t" })
    }

    /// True for 127.0.0.0/8 and ::1, which inside another network namespace mean the container itself.
    public static func isLocalhost(_ address: String) -> Bool {
        address == "::1" || (address.hasPrefix("127.") && EtcFiles.isIPAddress(address))
    }

    /// The file without localhost nameservers (and IPv6 ones unless `keepingIPv6`); when no nameserver
    /// is left, dockerd's public defaults are appended.
    public func filtered(keepingIPv6: Bool) -> String {
        var kept: [String] = []
        var remaining = 0
        for line in lines {
            let words = Self.words(line)
            if words.first == "nameserver", words.count > 1 {
                let address = String(words[1])
                if Self.isLocalhost(address) || (!keepingIPv6 && address.contains(":")) { continue }
                remaining += 1
            }
            kept.append(line)
        }
        if remaining == 0 {
            let defaults = EtcFiles.defaultIPv4Nameservers + (keepingIPv6 ? EtcFiles.defaultIPv6Nameservers : [])
            kept += defaults.map { "nameserver " + $0 }
        }
        return kept.map { $0 + "\n" }.joined()
    }

    /// A fresh file: `search` (omitted for none or `.`), then one `nameserver` line each, then `options`.
    public static func render(search: [String], nameservers: [String], options: [String]) -> String {
        var out = ""
        if !search.isEmpty, search != ["."] { out += "search " + search.joined(separator: " ") + "\n" }
        for nameserver in nameservers { out += "nameserver " + nameserver + "\n" }
        if !options.isEmpty { out += "options " + options.joined(separator: " ") + "\n" }
        return out
    }
}
