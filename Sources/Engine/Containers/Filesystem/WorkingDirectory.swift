// SPDX-License-Identifier: Apache-2.0
// Checks and creates a container's working directory (`WorkingDir`, exec `WorkingDir`).
//
// CVE-2024-21626: runc ≤ 1.1.11 leaked a host directory fd into the container's init, so a cwd of
// /proc/self/fd/<n> started the process with its cwd on the host. runc 1.1.5 is installed here, so no
// cwd that names a file descriptor link may ever reach it, whatever its spelling after cleaning.

import Glibc
import Platform

/// Validation and creation of working directories.
public enum WorkingDirectory {
    /// The cleaned absolute directory, or dockerd's 400 error. Empty means the default `/`.
    public static func validate(_ directory: String) throws(EngineError) -> String {
        if directory.isEmpty { return "/" }
        guard directory.hasPrefix("/") else {
            throw .invalidParameter("the working directory '\(directory)' is invalid, it needs to be an absolute path")
        }
        let cleaned = RootfsPath.clean(directory)
        if namesFileDescriptor(cleaned) {
            throw .invalidParameter("the working directory '\(directory)' is invalid, it must not refer to a file descriptor")
        }
        return cleaned
    }

    /// True for /dev/fd/…, /proc/self/fd/…, /proc/thread-self/fd/…, /proc/<pid>/fd/… and
    /// /proc/<pid>/task/<tid>/fd/… (the directories themselves included).
    public static func namesFileDescriptor(_ cleanedPath: String) -> Bool {
        let parts = cleanedPath.split(separator: "/")
        if parts.count >= 2, parts[0] == "dev", parts[1] == "fd" { return true }
        guard parts.count >= 3, parts[0] == "proc" else { return false }
        let isProcess = parts[1] == "self" || parts[1] == "thread-self" || parts[1].allSatisfy(\.isNumber)
        guard isProcess else { return false }
        if parts[2] == "fd" { return true }
        return parts.count >= 5 && parts[2] == "task" && parts[4] == "fd"
    }

    /// Validates `directory` and creates it inside `root` when missing, new parts owned by `uid`:`gid`
    /// (mode 0755). An existing non-directory fails with dockerd's `Cannot mkdir: … is not a directory`.
    /// Returns the cleaned path for the spec's `cwd`.
    @discardableResult
    public static func prepare(_ directory: String, root: String, uid: UInt32, gid: UInt32) throws(EngineError) -> String {
        let cleaned = try validate(directory)
        do {
            try RootfsPath.makeDirectories(root: root, path: cleaned, mode: 0o755, uid: uid, gid: gid)
        } catch  where error.code == ENOTDIR || error.code == EEXIST {
            throw .invalidParameter("Cannot mkdir: \(cleaned) is not a directory")
        } catch {
            throw .system("create working directory \(cleaned): \(error.message)")
        }
        return cleaned
    }
}
