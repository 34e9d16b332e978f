// SPDX-License-Identifier: Apache-2.0
// Which URLs serve a registry domain, in the order dockerd tries them (moby registry/service_v2.go):
// Docker Hub pulls go to each mirror, then registry-1.docker.io; other registries over HTTPS, and when
// insecure (listed, or loopback) over HTTPS without verification and then plain HTTP.

/// One place a registry API can be reached.
public struct RegistryEndpoint: Sendable, Hashable, CustomStringConvertible {
    let origin: RegistryOrigin
    /// False for insecure registries: any certificate is accepted.
    public let verifiesCertificate: Bool
    /// True for a `registry-mirrors` entry (any registry error there falls through to the next endpoint).
    public let isMirror: Bool

    init(origin: RegistryOrigin, verifiesCertificate: Bool, isMirror: Bool = false) {
        self.origin = origin
        self.verifiesCertificate = verifiesCertificate
        self.isMirror = isMirror
    }

    /// True for plain HTTP.
    public var isPlainHTTP: Bool { !origin.isTLS }
    /// `https://host[:port]` or `http://host[:port]`.
    public var description: String { origin.description }
}

extension RegistryOptions {
    /// True when `domain` (`host`, `host:port`) may use plain HTTP or unverified TLS: listed in
    /// `insecureRegistries` by name, inside a listed CIDR (IP literals only: no DNS lookup), or loopback.
    public func isInsecure(_ domain: String) -> Bool {
        let host = RegistryOrigin(isTLS: true, authority: Substring(domain))?.host ?? domain
        if IPRange.isLoopback(host) { return true }
        for entry in insecureRegistries {
            var name = Substring(entry)
            for scheme in ["http://", "https://"] where name.lowercased().hasPrefix(scheme) { name = name.dropFirst(scheme.count) }
            while name.hasSuffix("/") { name = name.dropLast() }
            if let range = IPRange(cidr: String(name)) {
                if range.contains(host) { return true }
            } else if name.lowercased() == domain.lowercased() {
                return true
            }
        }
        return false
    }

    /// The endpoints to try for `domain`, in order; mirrors only for Docker Hub pulls.
    public func endpoints(for domain: String, push: Bool) -> [RegistryEndpoint] {
        if RegistryRepository(domain: domain, path: "").isDockerHub {
            var list: [RegistryEndpoint] = []
            if !push {
                for mirror in mirrors {
                    guard let url = RegistryURL(parsing: mirror) else { continue }
                    let secure = !isInsecure(url.origin.authority)
                    list.append(RegistryEndpoint(origin: url.origin, verifiesCertificate: secure, isMirror: true))
                }
            }
            let official =
                RegistryURL(parsing: officialRegistry)?.origin ?? RegistryOrigin(isTLS: true, host: "registry-1.docker.io", port: 443)
            return list + [RegistryEndpoint(origin: official, verifiesCertificate: true)]
        }
        return endpoints(forHost: domain)
    }

    /// HTTPS, then (insecure only) plain HTTP for a `host[:port]`.
    func endpoints(forHost domain: String) -> [RegistryEndpoint] {
        guard let secure = RegistryOrigin(isTLS: true, authority: Substring(domain)) else { return [] }
        guard isInsecure(domain) else { return [RegistryEndpoint(origin: secure, verifiesCertificate: true)] }
        // An explicit port serves both schemes (`localhost:5000`); without one, HTTP means port 80.
        let hasPort = domain.lastIndex(of: ":").map { !domain[$0...].contains("]") } ?? false
        let plain = RegistryOrigin(isTLS: false, host: secure.host, port: hasPort ? secure.port : 80)
        return [RegistryEndpoint(origin: secure, verifiesCertificate: false), RegistryEndpoint(origin: plain, verifiesCertificate: false)]
    }
}
