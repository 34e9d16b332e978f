// SPDX-License-Identifier: Apache-2.0
// ContainerID: 64 lowercase hex digits from the CSPRNG. Like dockerd (stringid.GenerateRandomID), an ID
// whose 12-character short form is all digits is drawn again, so a short ID never reads as a number.

import Platform

/// A container's full ID.
public struct ContainerID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The 64 hex digits.
    public let rawValue: String

    /// Accepts exactly 64 lowercase hex digits.
    public init?(rawValue: String) {
        guard Self.isFullID(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// A fresh random ID (32 bytes from `Crypto.randomBytes`).
    public static func random() -> ContainerID {
        while true {
            let text = Crypto.hex(Crypto.randomBytes(32))
            if !text.utf8.prefix(12).allSatisfy(isDigit) { return ContainerID(trusted: text) }
        }
    }

    /// The 12-character form `docker ps` prints.
    public var short: String { String(rawValue.prefix(12)) }

    /// The ID.
    public var description: String { rawValue }

    /// True for 64 lowercase hex digits.
    public static func isFullID(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { isDigit($0) || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f")) }
    }

    private init(trusted: String) { rawValue = trusted }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
