// SPDX-License-Identifier: Apache-2.0
// ContainerNameRules: which names a user may give a container, and their stored form. dockerd accepts
// `^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$` (daemon/names.go); the row holds the name without its leading "/".

/// Validation and normalisation of user-chosen container names.
public enum ContainerNameRules {
    /// The character classes dockerd quotes in its error message.
    public static let allowedCharacters = "[a-zA-Z0-9][a-zA-Z0-9_.-]"

    /// `name` with one leading "/" removed (`/web` and `web` name the same container).
    public static func normalize(_ name: String) -> String {
        name.hasPrefix("/") ? String(name.dropFirst()) : name
    }

    /// True when `name` (with or without one leading "/") is an acceptable container name.
    public static func isValid(_ name: String) -> Bool {
        let bytes = Array(normalize(name).utf8)
        guard bytes.count >= 2, let first = bytes.first, isAlphanumeric(first) else { return false }
        return bytes.dropFirst().allSatisfy {
            isAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-")
        }
    }

    /// The stored form of a user's name; throws dockerd's 400 when it is not acceptable.
    public static func validated(_ name: String) throws(EngineError) -> String {
        guard isValid(name) else {
            throw .invalidParameter("Invalid container name (\(name)), only \(allowedCharacters) are allowed")
        }
        return normalize(name)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}
