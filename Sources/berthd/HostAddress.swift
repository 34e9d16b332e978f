// SPDX-License-Identifier: Apache-2.0
// `-H` values as dockerd reads them: unix://path, tcp://host:port, with its defaults.

/// A listen address given with `-H`.
enum HostAddress: Equatable, CustomStringConvertible {
    case unix(path: String)
    case tcp(host: String, port: UInt16)

    /// dockerd's default socket.
    static let defaultUnix = HostAddress.unix(path: "/var/run/docker.sock")

    /// Parses `unix:///path`, `unix://` (default path), `tcp://host:port`, `tcp://:port`, `tcp://host`
    /// (port 2375, or 2376 with TLS), and `host:port` shorthand for TCP.
    init(parsing text: String, tls: Bool) throws(DaemonError) {
        let value = text.trimmingCharacters(in: " ")
        if value.hasPrefix("unix://") {
            let path = String(value.dropFirst("unix://".count))
            self = .unix(path: path.isEmpty ? "/var/run/docker.sock" : path)
            return
        }
        if value.hasPrefix("fd://") || value.hasPrefix("npipe://") || value.hasPrefix("ssh://") {
            throw DaemonError("invalid -H \(text): only unix:// and tcp:// listeners are supported")
        }
        var rest = value.hasPrefix("tcp://") ? String(value.dropFirst("tcp://".count)) : value
        if let slash = rest.firstIndex(of: "/") {
            guard rest[slash...] == "/" else { throw DaemonError("invalid bind address (\(text)): should not contain a path element") }
            rest = String(rest[..<slash])
        }
        guard value.hasPrefix("tcp://") || rest.contains(":") else { throw DaemonError("invalid bind address format: \(text)") }
        let defaultPort: UInt16 = tls ? 2376 : 2375
        var host = rest
        var port = defaultPort
        if let colon = rest.lastIndex(of: ":"), !(rest.hasPrefix("[") && !rest[colon...].contains("]") && rest.hasSuffix("]")) {
            let portText = rest[rest.index(after: colon)...]
            host = String(rest[..<colon])
            if !portText.isEmpty {
                guard let parsed = UInt16(portText), parsed > 0 else { throw DaemonError("invalid bind address (\(text)): invalid port") }
                port = parsed
            }
        }
        self = .tcp(host: host.isEmpty ? "0.0.0.0" : host, port: port)
    }

    var description: String {
        switch self {
        case .unix(let path): "unix://\(path)"
        case .tcp(let host, let port): "tcp://\(host):\(port)"
        }
    }

    var isTCP: Bool {
        if case .tcp = self { return true }
        return false
    }
}

extension String {
    /// The string without leading and trailing `character`s.
    func trimmingCharacters(in character: Character) -> String {
        String(drop { $0 == character }.reversed().drop { $0 == character }.reversed())
    }
}

/// A startup failure with the message printed before exiting.
struct DaemonError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
