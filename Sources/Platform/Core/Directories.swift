// SPDX-License-Identifier: Apache-2.0
// Creating directories with exact modes (mkdir -p, then chmod, since umask trims mkdir's mode).

import Glibc

/// Directory helpers.
public enum Directories {
    /// Creates `path` and missing parents; the last component gets exactly `mode`, parents 0755.
    public static func create(_ path: String, mode: mode_t) throws(Errno) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o755) != 0 && errno != EEXIST { throw Errno.current("mkdir \(current)") }
        }
        guard chmod(path, mode) == 0 else { throw Errno.current("chmod \(path)") }
    }
}
