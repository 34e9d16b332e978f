// SPDX-License-Identifier: Apache-2.0
// What `/version` says about how this daemon was built.

/// Build facts reported by `/version`.
enum BuildInfo {
    /// The source revision; set by release builds, "unknown" in development builds.
    static let commit = "unknown"
    /// The toolchain (dockerd reports its Go version here).
    static let toolchain = "swift6.3"
    /// Build time; empty in development builds.
    static let buildTime = ""
}
