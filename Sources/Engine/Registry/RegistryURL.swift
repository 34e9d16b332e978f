// SPDX-License-Identifier: Apache-2.0
// Absolute http(s) URLs as registries hand them out: upload `Location`s, blob redirects to storage
// hosts, token realms and `Link` pages. Relative locations resolve against the request's URL (RFC 3986 §5.2).

import HTTPClient
import HTTPCore

/// Scheme, host and port: where a request goes and which connections it may share.
struct RegistryOrigin: Sendable, Hashable, CustomStringConvertible {
    /// HTTPS when true, plain HTTP otherwise.
    let isTLS: Bool
    /// Host name or IP literal; IPv6 keeps its brackets.
    let host: String
    /// TCP port.
    let port: UInt16

    /// `host` or `host:port` when the port is not the scheme's default (the `Host` header; signed
    /// storage URLs include it in their signature).
    var authority: String { port == (isTLS ? 443 : 80) ? host : "\(host):\(port)" }
    /// `https://authority` or `http://authority`.
    var description: String { (isTLS ? "https://" : "http://") + authority }
    /// The client-side address.
    var endpoint: Endpoint { isTLS ? .tls(host: host, port: port) : .tcp(host: host, port: port) }

    /// Parses `host`, `host:port`, `[v6]` or `[v6]:port`; nil when malformed.
    init?(isTLS: Bool, authority: Substring) {
        var hostPart = authority
        var port: UInt16 = isTLS ? 443 : 80
        if let colon = authority.lastIndex(of: ":"), !authority[colon...].contains("]") {
            hostPart = authority[..<colon]
            guard let parsed = UInt16(authority[authority.index(after: colon)...]), parsed > 0 else { return nil }
            port = parsed
        }
        guard !hostPart.isEmpty, !hostPart.contains("@"), !hostPart.contains("/"),
            hostPart.hasPrefix("[") == hostPart.hasSuffix("]"), hostPart.hasPrefix("[") || !hostPart.contains(":")
        else { return nil }
        self.init(isTLS: isTLS, host: String(hostPart), port: port)
    }

    /// An origin from its parts.
    init(isTLS: Bool, host: String, port: UInt16) {
        self.isTLS = isTLS
        self.host = host
        self.port = port
    }
}

/// An absolute URL split into its origin and origin-form target.
struct RegistryURL: Sendable, Equatable, CustomStringConvertible {
    /// Where the request goes.
    let origin: RegistryOrigin
    /// Path and query, starting with `/`.
    let target: String

    /// A URL from an origin and a target.
    init(origin: RegistryOrigin, target: String) {
        self.origin = origin
        self.target = target.hasPrefix("/") ? target : "/" + target
    }

    /// Parses an absolute `http://` or `https://` URL; the fragment is dropped. Nil for anything else.
    init?(parsing text: String) {
        let isTLS: Bool
        let rest: Substring
        if text.lowercased().hasPrefix("https://") {
            isTLS = true
            rest = text.dropFirst(8)
        } else if text.lowercased().hasPrefix("http://") {
            isTLS = false
            rest = text.dropFirst(7)
        } else {
            return nil
        }
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        guard let origin = RegistryOrigin(isTLS: isTLS, authority: rest[..<end]) else { return nil }
        var target = String(rest[end...].prefix { $0 != "#" })
        if !target.hasPrefix("/") { target = "/" + target }
        self.init(origin: origin, target: target)
    }

    /// `Location` (or `Link`) resolved against this URL: absolute, scheme-relative, absolute-path or relative path.
    func resolving(_ reference: String) -> RegistryURL? {
        let text = String(reference.trimmingSpaces())
        if text.contains("://") { return RegistryURL(parsing: text) }
        if text.hasPrefix("//") { return RegistryURL(parsing: (origin.isTLS ? "https:" : "http:") + text) }
        if text.hasPrefix("/") { return RegistryURL(origin: origin, target: text) }
        if text.hasPrefix("?") { return RegistryURL(origin: origin, target: path + text) }
        let directory = path.lastIndex(of: "/").map { path[...$0] } ?? "/"
        return RegistryURL(origin: origin, target: directory + text)
    }

    /// The path without the query.
    var path: String { String(target.prefix { $0 != "?" }) }

    /// The URL with `items` appended to its query, percent-encoded.
    func appendingQuery(_ items: [(String, String)]) -> RegistryURL {
        guard !items.isEmpty else { return self }
        let query = items.map { "\(PercentEncoding.encode($0.0))=\(PercentEncoding.encode($0.1))" }.joined(separator: "&")
        return RegistryURL(origin: origin, target: target + (target.contains("?") ? "&" : "?") + query)
    }

    /// The full URL text.
    var description: String { origin.description + target }
}
