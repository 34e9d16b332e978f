// SPDX-License-Identifier: Apache-2.0
// `WWW-Authenticate` challenges (RFC 9110 §11.6.1): `Basic realm="…"` and `Bearer realm="…",service="…",
// scope="…"` as registries send them (docker/distribution registry/client/auth/challenge). Several
// challenges may share one header; quoted values may hold commas (`scope="repository:a:pull,push"`).

import HTTPCore

/// One authentication challenge: a scheme and its parameters.
public struct AuthChallenge: Sendable, Equatable {
    /// The scheme, lowercased: `basic`, `bearer`.
    public var scheme: String
    /// Parameters with lowercased names and unquoted values.
    public var parameters: [String: String]

    /// Creates a challenge.
    public init(scheme: String, parameters: [String: String] = [:]) {
        self.scheme = scheme.lowercased()
        self.parameters = parameters
    }

    /// Every challenge in every `WWW-Authenticate` field of `headers`.
    public static func parse(headers: HTTPHeaders) -> [AuthChallenge] {
        headers.values(for: "WWW-Authenticate").flatMap { parse($0) }
    }

    /// The challenges in one header value; malformed parts are skipped.
    public static func parse(_ value: String) -> [AuthChallenge] {
        var scanner = Scanner(Array(value.utf8))
        var challenges: [AuthChallenge] = []
        while true {
            scanner.skip { $0 == 32 || $0 == 9 || $0 == 44 }
            let scheme = scanner.token()
            guard !scheme.isEmpty else { break }
            var challenge = AuthChallenge(scheme: scheme)
            while true {
                scanner.skip { $0 == 32 || $0 == 9 || $0 == 44 }
                let mark = scanner.index
                let name = scanner.token()
                scanner.skip { $0 == 32 || $0 == 9 }
                guard !name.isEmpty, scanner.take(61) else {
                    scanner.index = mark  // not `name=`: the next challenge's scheme (or the end)
                    break
                }
                scanner.skip { $0 == 32 || $0 == 9 }
                challenge.parameters[name.lowercased()] = scanner.peek == 34 ? scanner.quoted() : scanner.token()
            }
            challenges.append(challenge)
        }
        return challenges
    }

    /// A byte cursor over the header value.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skip(while predicate: (UInt8) -> Bool) {
            while let byte = peek, predicate(byte) { index += 1 }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            index += 1
            return true
        }

        /// An RFC 9110 token (also allowing `/`, which unquoted realms and scopes sometimes carry).
        mutating func token() -> String {
            let start = index
            while let byte = peek, byte > 32, byte < 127, !"\",;=\\".utf8.contains(byte) { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        /// A quoted-string without its quotes, with `\x` escapes undone; an unterminated one runs to the end.
        mutating func quoted() -> String {
            index += 1
            var out: [UInt8] = []
            while let byte = peek {
                index += 1
                if byte == 34 { break }
                if byte == 92, let next = peek {
                    out.append(next)
                    index += 1
                } else {
                    out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
