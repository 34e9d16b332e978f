// SPDX-License-Identifier: Apache-2.0
// The container's /etc/hostname, /etc/hosts and /etc/resolv.conf, as dockerd (libnetwork) makes them.
// Pure functions over strings; EtcFiles+Write.swift puts them on disk. Measured against dockerd 20.10.24:
// tab-separated hosts lines, extra hosts after the loopback block, `search`/`nameserver`/`options`
// in that order, `--dns-search .` meaning no search line.

import Glibc

/// Generates the files dockerd bind-mounts over the container's /etc.
public enum EtcFiles {
    /// How the container is networked, as far as these files care.
    public enum NetworkMode: Sendable, Equatable {
        /// Own network namespace (`none`, `bridge`, user networks): generated files.
        case isolated
        /// The host's network namespace: the host's files where the user asked for nothing else.
        case host
    }

    /// One `--add-host` entry after validation.
    public struct ExtraHost: Sendable, Equatable {
        /// The host name.
        public var name: String
        /// The address, IPv4 or IPv6 text.
        public var address: String
    }

    /// The block dockerd writes first in every generated hosts file.
    static let loopbackLines = [
        "127.0.0.1\tlocalhost", "::1\tlocalhost ip6-localhost ip6-loopback", "fe00::0\tip6-localnet", "ff00::0\tip6-mcastprefix",
        "ff02::1\tip6-allnodes", "ff02::2\tip6-allrouters",
    ]

    /// dockerd's fallback resolvers when no usable nameserver remains (libnetwork `defaultIPv4Dns`/`defaultIPv6Dns`).
    public static let defaultIPv4Nameservers = ["8.8.8.8", "8.8.4.4"]
    /// The IPv6 fallback resolvers, added only when the container has IPv6.
    public static let defaultIPv6Nameservers = ["2001:4860:4860::8888", "2001:4860:4860::8844"]

    /// /etc/hostname: the name and a newline.
    public static func hostname(_ name: String) -> String { name + "\n" }

    /// Parses `--add-host` values (`name:ip` or `name=ip`; IPv6 may be bracketed). `host-gateway` becomes
    /// `hostGateway`, or fails as dockerd does when none is known. Errors carry dockerd's 400 texts.
    public static func parseExtraHosts(_ values: [String], hostGateway: String? = nil) throws(EngineError) -> [ExtraHost] {
        var hosts: [ExtraHost] = []
        for value in values {
            // `=` first (Docker 25+ form); else split at the first `:` so `name:::1` keeps its IPv6 address.
            let separator = value.firstIndex(of: "=") ?? value.firstIndex(of: ":")
            guard let separator, separator != value.startIndex else { throw .invalidParameter("bad format for add-host: \(quoted(value))") }
            let name = String(value[..<separator])
            var address = String(value[value.index(after: separator)...])
            if address == "host-gateway" {
                guard let hostGateway else { throw .invalidParameter("unable to derive the IP value for host-gateway") }
                address = hostGateway
            }
            if address.hasPrefix("["), address.hasSuffix("]"), address.count > 2 { address = String(address.dropFirst().dropLast()) }
            guard isIPAddress(address) else { throw .invalidParameter("invalid IP address in add-host: \(quoted(address))") }
            hosts.append(ExtraHost(name: name, address: address))
        }
        return hosts
    }

    /// /etc/hosts. Isolated: loopback block, extra hosts, then the container's own address line when it
    /// has one (`ip<TAB>hostname.domain hostname`). Host mode: a copy of the host's file when there are
    /// no extra hosts, else the generated block with them (dockerd makes no copy then either).
    public static func hosts(
        mode: NetworkMode, hostname: String, domainname: String = "", address: String? = nil, extraHosts: [ExtraHost] = [],
        hostFile: String? = nil
    ) -> String {
        if mode == .host, extraHosts.isEmpty, let hostFile { return hostFile }
        var lines = loopbackLines + extraHosts.map { "\($0.address)\t\($0.name)" }
        if let address, mode == .isolated {
            let names = domainname.isEmpty ? hostname : "\(hostname).\(domainname) \(hostname)"
            lines.append("\(address)\t\(names)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Where the host's resolver configuration really is: /etc/resolv.conf, unless it only names
    /// systemd-resolved's stub 127.0.0.53, then the upstream list /run/systemd/resolve/resolv.conf.
    public static func hostResolvConfPath(etcResolvConf: String?) -> String {
        guard let etcResolvConf else { return "/etc/resolv.conf" }
        return ResolvConf(etcResolvConf).nameservers == ["127.0.0.53"] ? "/run/systemd/resolve/resolv.conf" : "/etc/resolv.conf"
    }

    /// /etc/resolv.conf from the host's text. `dns`, `dnsSearch`, `dnsOptions` each replace their kind
    /// of entry when given (the file is then rebuilt from the three lists). Isolated containers cannot
    /// reach the host's loopback: localhost nameservers are dropped (and IPv6 ones without IPv6), and
    /// dockerd's public defaults fill in when none remain. Host mode keeps the host file as it is.
    public static func resolvConf(
        mode: NetworkMode, hostFile: String, dns: [String] = [], dnsSearch: [String] = [], dnsOptions: [String] = [],
        ipv6: Bool = false
    ) -> String {
        let host = ResolvConf(hostFile)
        guard dns.isEmpty, dnsSearch.isEmpty, dnsOptions.isEmpty else {
            // dockerd keeps the host's other kinds unfiltered here; with explicit --dns that is what the user wrote.
            let nameservers = dns.isEmpty ? usable(host.nameservers, mode: mode, ipv6: ipv6) : dns
            return ResolvConf.render(
                search: dnsSearch.isEmpty ? host.search : dnsSearch, nameservers: nameservers,
                options: dnsOptions.isEmpty ? host.options : dnsOptions)
        }
        guard mode == .isolated else { return hostFile }
        return host.filtered(keepingIPv6: ipv6)
    }

    /// Nameservers an isolated container can use, with the defaults when none is left.
    static func usable(_ nameservers: [String], mode: NetworkMode, ipv6: Bool) -> [String] {
        guard mode == .isolated else { return nameservers }
        let kept = nameservers.filter { !ResolvConf.isLocalhost($0) && (ipv6 || !$0.contains(":")) }
        return kept.isEmpty ? defaultIPv4Nameservers + (ipv6 ? defaultIPv6Nameservers : []) : kept
    }

    /// True for IPv4 dotted quads and IPv6 text (inet_pton).
    public static func isIPAddress(_ text: String) -> Bool {
        var buffer = in6_addr()
        return inet_pton(AF_INET, text, &buffer) == 1 || inet_pton(AF_INET6, text, &buffer) == 1
    }

    /// Go's `%q` for the texts used here (quotes and backslashes escaped).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for character in text {
            if character == "\"" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out + "\""
    }
}
