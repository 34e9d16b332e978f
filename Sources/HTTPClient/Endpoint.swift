// SPDX-License-Identifier: Apache-2.0
// Where a client connects: `-H` / `DOCKER_HOST` values as the docker CLI reads them, plus http(s) URLs.

/// A server address: a unix socket, plain TCP, or TLS over TCP.
public enum Endpoint: Sendable, Equatable, CustomStringConvertible {
    /// A unix socket at `path`.
    case unix(path: String)
    /// Plain TCP; `host` keeps the brackets of an IPv6 literal.
    case tcp(host: String, port: UInt16)
    /// TLS over TCP.
    case tls(host: String, port: UInt16)

    /// The docker CLI's default socket.
    public static let defaultUnixPath = "/var/run/docker.sock"

    /// Parses `unix:///path`, `tcp://host:port`, `http://host[:port]` and `https://host[:port]`.
    /// `tcp://host` takes `defaultTCPPort` (2375; the docker CLI uses 2376 with TLS), `tcp://:port` means
    /// 127.0.0.1, and `unix://` alone means the default socket. A path other than `/` is refused.
    public init(parsing text: String, defaultTCPPort: UInt16 = 2375) throws(HTTPClientError) {
        let value = text.trimmingSpaces()
        guard let schemeEnd = value.firstRange(of: "://") else {
            throw .invalidEndpoint("invalid host \"\(text)\": expected unix:///path or tcp://host:port")
        }
        let scheme = value[..<schemeEnd.lowerBound].lowercased()
        let rest = String(value[schemeEnd.upperBound...])
        switch scheme {
        case "unix":
            self = .unix(path: rest.isEmpty ? Self.defaultUnixPath : rest)
        case "tcp", "http":
            let (host, port) = try Self.hostAndPort(rest, defaultPort: scheme == "tcp" ? defaultTCPPort : 80, text: text)
            self = .tcp(host: host, port: port)
        case "https":
            let (host, port) = try Self.hostAndPort(rest, defaultPort: 443, text: text)
            self = .tls(host: host, port: port)
        default:
            throw .invalidEndpoint("invalid host \"\(text)\": unsupported scheme \(scheme)://")
        }
    }

    /// The same address with TLS (a unix endpoint stays as it is).
    public var withTLS: Endpoint {
        if case .tcp(let host, let port) = self { return .tls(host: host, port: port) }
        return self
    }

    /// True for `.tcp` and `.tls`.
    public var isNetwork: Bool {
        if case .unix = self { return false }
        return true
    }

    /// The `Host` header value: `host:port` for TCP, `localhost` for a unix socket.
    public var hostHeader: String {
        switch self {
        case .unix: "localhost"
        case .tcp(let host, let port), .tls(let host, let port): "\(host):\(port)"
        }
    }

    /// `unix:///path`, `tcp://host:port` or `https://host:port`.
    public var description: String {
        switch self {
        case .unix(let path): "unix://\(path)"
        case .tcp(let host, let port): "tcp://\(host):\(port)"
        case .tls(let host, let port): "https://\(host):\(port)"
        }
    }

    private static func hostAndPort(_ rest: String, defaultPort: UInt16, text: String) throws(HTTPClientError) -> (String, UInt16) {
        var authority = Substring(rest)
        if let slash = authority.firstIndex(of: "/") {
            guard authority[slash...] == "/" else { throw .invalidEndpoint("invalid host \"\(text)\": should not contain a path") }
            authority = authority[..<slash]
        }
        var host = authority
        var port = defaultPort
        // The port follows the last colon, unless that colon is inside an IPv6 literal's brackets.
        if let colon = authority.lastIndex(of: ":"), !authority[colon...].contains("]") {
            host = authority[..<colon]
            let portText = authority[authority.index(after: colon)...]
            if !portText.isEmpty {
                guard let parsed = UInt16(portText), parsed > 0 else { throw .invalidEndpoint("invalid host \"\(text)\": invalid port") }
                port = parsed
            }
        }
        if host.hasPrefix("[") != host.hasSuffix("]") || (!host.hasPrefix("[") && host.contains(":")) {
            throw .invalidEndpoint("invalid host \"\(text)\": put IPv6 addresses in brackets")
        }
        return (host.isEmpty ? "127.0.0.1" : String(host), port)
    }
}
