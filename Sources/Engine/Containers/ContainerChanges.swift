// SPDX-License-Identifier: Apache-2.0
// The changes of a container's writable layer read from its overlay upper directory: a whiteout (char
// device 0:0) is a deletion, an entry that a lower layer also has is a change, anything else an addition
// (and everything below an added directory is added too), as `docker diff` lists them.

import Glibc
import Models

/// Computes `docker diff` from overlay directories.
enum ContainerChanges {
    /// Changes under `upper`, given the lower dirs top-first; sorted by path.
    static func list(upper: String, lowers: [String]) -> [ContainerChangeItem] {
        var items: [ContainerChangeItem] = []
        walk(upper: upper, relative: "", lowers: lowers, added: false, into: &items)
        return items.sorted { $0.path < $1.path }
    }

    private static func walk(upper: String, relative: String, lowers: [String], added: Bool, into items: inout [ContainerChangeItem]) {
        guard let directory = opendir(upper + relative) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name == "." || name == ".." { continue }
            let path = relative + "/" + name
            var info = stat()
            guard lstat(upper + path, &info) == 0 else { continue }
            let isDirectory = info.st_mode & S_IFMT == S_IFDIR
            if info.st_mode & S_IFMT == S_IFCHR && info.st_rdev == 0 {
                items.append(ContainerChangeItem(path: path, kind: 2))
                continue
            }
            let inLower = !added && lowers.contains { lowerDirectory in
                var lowerInfo = stat()
                return lstat(lowerDirectory + path, &lowerInfo) == 0
            }
            items.append(ContainerChangeItem(path: path, kind: inLower ? 0 : 1))
            if isDirectory { walk(upper: upper, relative: path, lowers: lowers, added: !inLower, into: &items) }
        }
    }
}
