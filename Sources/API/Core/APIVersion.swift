// SPDX-License-Identifier: Apache-2.0
// Engine API versions: the `/vX.Y` path prefix, comparison, and the range this daemon serves.

/// An Engine API version such as `1.50`, compared component by component.
public struct APIVersion: Comparable, Sendable, CustomStringConvertible {
    /// The version as written, e.g. `1.50`.
    public let text: String
    private let components: [Int]

    /// The newest version served (and the default for unversioned paths).
    public static let current = APIVersion(validated: "1.50")
    /// The oldest version served.
    public static let minimum = APIVersion(validated: "1.24")
    /// `GET /images/json?manifests=` appeared in 1.47.
    public static let imageManifests = APIVersion(validated: "1.47")
    /// `GET /system/df?type=` appeared in 1.42.
    public static let typedDataUsage = APIVersion(validated: "1.42")

    /// Parses `major.minor`; nil for anything that is not dot-separated digits.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }) else { return nil }
        self.text = text
        components = parts.map { Int($0) ?? 0 }
    }

    private init(validated text: String) {
        self.text = text
        components = text.split(separator: ".").map { Int($0) ?? 0 }
    }

    /// The version text.
    public var description: String { text }

    public static func < (lhs: APIVersion, rhs: APIVersion) -> Bool {
        for index in 0..<max(lhs.components.count, rhs.components.count) {
            let a = index < lhs.components.count ? lhs.components[index] : 0
            let b = index < rhs.components.count ? rhs.components[index] : 0
            if a != b { return a < b }
        }
        return false
    }

    public static func == (lhs: APIVersion, rhs: APIVersion) -> Bool { !(lhs < rhs) && !(rhs < lhs) }

    /// Splits `/v1.50/containers/json` into (`1.50`, `/containers/json`); nil when the path has no
    /// version prefix. moby matches the prefix as `/v{version:[0-9.]+}`.
    public static func splitPrefix(_ path: String) -> (version: String, rest: String)? {
        guard path.hasPrefix("/v") else { return nil }
        let afterV = path.dropFirst(2)
        let digits = afterV.prefix { $0 == "." || $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { return nil }
        let rest = afterV.dropFirst(digits.count)
        guard rest.isEmpty || rest.hasPrefix("/") else { return nil }
        return (String(digits), rest.isEmpty ? "/" : String(rest))
    }
}
