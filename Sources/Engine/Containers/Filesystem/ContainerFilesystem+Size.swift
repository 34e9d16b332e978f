// SPDX-License-Identifier: Apache-2.0
// SizeRw: the bytes a container wrote, summed over its upper directory without following symlinks.

import Glibc

extension ContainerFilesystem {
    /// Sum of regular file sizes under the container's upper directory (0 when absent).
    public func upperSize(id: String) -> Int64 {
        Self.treeSize(upperDirectory(id: id))
    }

    /// Sum of regular file sizes under `path`.
    static func treeSize(_ path: String) -> Int64 {
        guard let directory = opendir(path) else { return 0 }
        defer { closedir(directory) }
        var total: Int64 = 0
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name == "." || name == ".." { continue }
            let child = path + "/" + name
            var info = stat()
            guard lstat(child, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: total += treeSize(child)
            case S_IFREG: total += Int64(info.st_size)
            default: break
            }
        }
        return total
    }
}
