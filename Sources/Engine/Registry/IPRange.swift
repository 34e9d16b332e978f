// SPDX-License-Identifier: Apache-2.0
// CIDR ranges for `--insecure-registry 10.0.0.0/8` and the loopback rule, over inet_pton(3) bytes.

import Glibc

/// An IPv4 or IPv6 network in CIDR form.
struct IPRange: Sendable, Equatable {
    /// The network address bytes (4 or 16).
    let network: [UInt8]
    /// The prefix length in bits.
    let prefixLength: Int

    /// Parses `address/bits`; nil when either part is invalid.
    init?(cidr: String) {
        guard let slash = cidr.firstIndex(of: "/"), let address = Self.bytes(of: String(cidr[..<slash])),
            let bits = Int(cidr[cidr.index(after: slash)...]), bits >= 0, bits <= address.count * 8
        else { return nil }
        network = address
        prefixLength = bits
    }

    /// True when `host` (an IP literal, IPv6 with or without brackets) lies in the range.
    func contains(_ host: String) -> Bool {
        guard let address = Self.bytes(of: host), address.count == network.count else { return false }
        var remaining = prefixLength
        for (a, b) in zip(address, network) where remaining > 0 {
            let mask: UInt8 = remaining >= 8 ? 0xff : ~(0xff >> UInt8(remaining))
            if a & mask != b & mask { return false }
            remaining -= 8
        }
        return true
    }

    /// The bytes of an IPv4 or IPv6 literal (inet_pton), or nil for names and garbage.
    static func bytes(of host: String) -> [UInt8]? {
        let literal = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        var v4 = [UInt8](repeating: 0, count: 4)
        if inet_pton(AF_INET, literal, &v4) == 1 { return v4 }
        var v6 = [UInt8](repeating: 0, count: 16)
        if inet_pton(AF_INET6, literal, &v6) == 1 { return v6 }
        return nil
    }

    /// 127.0.0.0/8, which dockerd treats as insecure by default.
    static let loopbackV4 = IPRange(network: [127, 0, 0, 0], prefixLength: 8)
    /// ::1/128.
    static let loopbackV6 = IPRange(network: [UInt8](repeating: 0, count: 15) + [1], prefixLength: 128)

    private init(network: [UInt8], prefixLength: Int) {
        self.network = network
        self.prefixLength = prefixLength
    }

    /// True for `localhost`, 127.0.0.0/8 and ::1.
    static func isLoopback(_ host: String) -> Bool {
        host.lowercased() == "localhost" || loopbackV4.contains(host) || loopbackV6.contains(host)
    }
}
