// SPDX-License-Identifier: Apache-2.0
// What a bearer token may do.

/// A token's permission: `read` allows GET and HEAD only; `admin` allows everything.
public enum TokenScope: String, Sendable, CaseIterable {
    case read, admin

    /// True when a request with `method` is within this scope.
    public func permits(method: String) -> Bool {
        switch self {
        case .admin: true
        case .read: method == "GET" || method == "HEAD"
        }
    }
}
