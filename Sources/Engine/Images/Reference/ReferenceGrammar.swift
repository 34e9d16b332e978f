// SPDX-License-Identifier: Apache-2.0
// The reference grammar of distribution/reference v0.6 (`regexp.go`), matched by hand over UTF-8 bytes.
//
//   reference      := name [ ":" tag ] [ "@" digest ]
//   name           := [domain '/'] remote-name
//   domain         := host [':' port-number]        host := domain-name | '[' [a-fA-F0-9:]+ ']'
//   domain-name    := component ('.' component)*    component := [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]
//   remote-name    := path-component ('/' path-component)*
//   path-component := [a-z0-9]+ (separator [a-z0-9]+)*   separator := [._] | '__' | '-'+
//   tag            := [\w][\w.-]{0,127}
//   digest         := [A-Za-z][A-Za-z0-9]* ([-_+.][A-Za-z][A-Za-z0-9]*)* ':' [0-9a-fA-F]{32,}

/// Matchers for each production; all are anchored (the whole input must match).
enum ReferenceGrammar {
    /// `[a-z0-9]`.
    static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7a)
    }

    /// `[a-zA-Z0-9]`.
    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLowerAlphanumeric(byte) || (byte >= 0x41 && byte <= 0x5a)
    }

    /// `[0-9a-fA-F]`.
    static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66) || (byte >= 0x41 && byte <= 0x46)
    }

    /// `[a-f0-9]{64}`: a bare image ID (`identifier`).
    static func isIdentifier(_ text: Substring) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// `path-component`.
    static func isPathComponent(_ text: Substring) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        while true {
            let start = index
            while index < bytes.count, isLowerAlphanumeric(bytes[index]) { index += 1 }
            guard index > start else { return false }
            guard index < bytes.count else { return true }
            switch bytes[index] {
            case UInt8(ascii: "."): index += 1
            case UInt8(ascii: "_"): index += (index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "_")) ? 2 : 1
            case UInt8(ascii: "-"): while index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            default: return false
            }
        }
    }

    /// `remote-name`: one or more path components joined by `/`.
    static func isRemoteName(_ text: Substring) -> Bool {
        text.split(separator: "/", omittingEmptySubsequences: false).allSatisfy(isPathComponent)
    }

    /// `domain`: a host name, dotted IPv4 or bracketed IPv6, with an optional `:port`.
    static func isDomainAndPort(_ text: Substring) -> Bool {
        var host = text
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            let inner = text[text.index(after: text.startIndex)..<close]
            guard !inner.isEmpty, inner.utf8.allSatisfy({ isHexDigit($0) || $0 == UInt8(ascii: ":") }) else { return false }
            let rest = text[text.index(after: close)...]
            return rest.isEmpty || isPort(rest)
        }
        if let colon = text.firstIndex(of: ":") {
            guard isPort(text[colon...]) else { return false }
            host = text[..<colon]
        }
        return host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(isDomainComponent)
    }

    /// `:[0-9]+`.
    static func isPort(_ text: Substring) -> Bool {
        text.hasPrefix(":") && text.utf8.count > 1 && text.utf8.dropFirst().allSatisfy { (0x30...0x39).contains($0) }
    }

    /// One label of a domain name: alphanumerics and inner hyphens.
    static func isDomainComponent(_ text: Substring) -> Bool {
        guard let first = text.utf8.first, let last = text.utf8.last, isAlphanumeric(first), isAlphanumeric(last) else {
            return false
        }
        return text.utf8.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// `tag`: a word character, then up to 127 word characters, dots or dashes.
    static func isTag(_ text: Substring) -> Bool {
        let isWord: (UInt8) -> Bool = { isAlphanumeric($0) || $0 == UInt8(ascii: "_") }
        guard let first = text.utf8.first, isWord(first), text.utf8.count <= 128 else { return false }
        return text.utf8.allSatisfy { isWord($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
    }

    /// `digest` as the reference grammar has it (looser than go-digest, which validates afterwards).
    static func isDigestPattern(_ text: Substring) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let encoded = text[text.index(after: colon)...]
        guard encoded.utf8.count >= 32, encoded.utf8.allSatisfy(isHexDigit) else { return false }
        let isLetter: (UInt8) -> Bool = { isAlphanumeric($0) && !(0x30...0x39).contains($0) }
        return text[..<colon].split(omittingEmptySubsequences: false) { "-_+.".contains($0) }.allSatisfy { part in
            guard let first = part.utf8.first, isLetter(first) else { return false }
            return part.utf8.allSatisfy(isAlphanumeric)
        }
    }
}
