// SPDX-License-Identifier: Apache-2.0
// Finds executables on a PATH string, as a shell would; used to list the runtimes (runc, crun) a host has.

import Glibc

/// PATH search for executable regular files.
public enum ExecutableLookup {
    /// The first `directory/name` in the colon-separated `path` that is a regular file the caller may execute
    /// (stat(2) `S_ISREG` and access(2) `X_OK`). Empty and relative directories are skipped, unlike a shell,
    /// so the daemon's working directory never matters. A `name` containing `/` is checked as given.
    public static func find(_ name: String, path: String) -> String? {
        if name.isEmpty { return nil }
        if name.contains("/") { return isExecutableFile(name) ? name : nil }
        for directory in path.split(separator: ":", omittingEmptySubsequences: true) where directory.hasPrefix("/") {
            let candidate = directory.hasSuffix("/") ? "\(directory)\(name)" : "\(directory)/\(name)"
            if isExecutableFile(candidate) { return candidate }
        }
        return nil
    }

    /// True when `path` (symlinks followed) is a regular file with execute permission for this process.
    public static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        return access(path, X_OK) == 0
    }
}
