// SPDX-License-Identifier: Apache-2.0
// overlayfs mounts for container root filesystems: the option string, and a way past its one-page limit.
//
// Options. `index=off` always: with the inode index on (a module default that can be flipped at run
// time in /sys/module/overlay/parameters/index) the kernel refuses, with EBUSY, a second mount whose
// upper or lower dirs are in use elsewhere ("upperdir is in-use by another mount") — moby passes it
// for that reason since 2018 (moby PR 37993). `redirect_dir=off` and `metacopy=off` keep the upper
// dir a plain record of the changes (a renamed lower dir is copied up whole, a chown copies data too),
// which is what `docker diff`, `commit` and `export` read; both are off by default on Debian's 6.1 and
// on this host (6.18), so this only pins the default.
//
// Length. mount(2) copies at most one page (4096 bytes with the NUL) of options, so about 40 layers of
// `/var/lib/berth/layers/<64 hex>/diff` fit. moby shortens with `l/<26 chars>` symlinks and mounts
// relative to a chdir'ed directory in a re-exec'd child; berthd must not chdir, and even short absolute
// names run out near 160 layers. So: if the string fits, mount(2); otherwise the new mount API
// (fsopen + one fsconfig per `lowerdir+` entry, Linux ≥ 6.8), where only each single path is limited
// to a page. On older kernels a too-long list fails with E2BIG and a message saying so.

import CShims
import Glibc

/// An overlayfs mount: lower dirs top-first, and for a writable mount an upper and a work dir.
public struct Overlay: Sendable, Equatable {
    /// Read-only layers, top-most first (overlayfs order: the first one wins).
    public var lowerDirs: [String]
    /// The writable layer, or nil for a read-only overlay (which needs at least two lower dirs).
    public var upperDir: String?
    /// Overlay's scratch dir on the upper dir's filesystem (required with `upperDir`).
    public var workDir: String?
    /// Options added after the directories.
    public var extraOptions: [String]

    /// The most bytes of options mount(2) takes: one page minus the terminating NUL.
    public static let maximumMountDataLength = 4095
    /// Options always passed (see the file comment for why).
    public static let defaultOptions = ["index=off", "redirect_dir=off", "metacopy=off"]

    /// Creates an overlay description.
    public init(lowerDirs: [String], upperDir: String? = nil, workDir: String? = nil, extraOptions: [String] = Overlay.defaultOptions) {
        self.lowerDirs = lowerDirs
        self.upperDir = upperDir
        self.workDir = workDir
        self.extraOptions = extraOptions
    }

    /// How a mount was done.
    public enum Method: Sendable, Equatable {
        /// mount(2) with the whole option string.
        case mountData
        /// fsopen/fsconfig with one `lowerdir+` per layer (Linux ≥ 6.8).
        case fsconfigAppend
    }

    /// `lowerdir=a:b,upperdir=u,workdir=w,index=off,…` — the mount(2) data string.
    public var mountData: String {
        var options = ["lowerdir=" + lowerDirs.joined(separator: ":")]
        if let upperDir { options.append("upperdir=" + upperDir) }
        if let workDir { options.append("workdir=" + workDir) }
        return (options + extraOptions).joined(separator: ",")
    }

    /// True when `mountData` fits into one mount(2) call.
    public var fitsMountData: Bool { mountData.utf8.count <= Self.maximumMountDataLength }

    /// Checks what the kernel cannot take: no lower dir, or a path with `,` `:` `\` or a line end
    /// (overlayfs splits its options on the first two and would need escapes for them).
    public func validate() throws(Errno) {
        guard !lowerDirs.isEmpty, (upperDir == nil) == (workDir == nil) else {
            throw Errno(EINVAL, "overlay: need lower dirs, and upper with work")
        }
        let paths = lowerDirs + [upperDir, workDir].compactMap { $0 }
        for path in paths where path.isEmpty || path.contains(where: { ",:\\\n".contains($0) }) {
            throw Errno(EINVAL, "overlay: unusable path \(path.debugDescription)")
        }
    }

    /// Mounts the overlay at `target`, by mount(2) when the options fit, else by fsconfig `lowerdir+`.
    @discardableResult
    public func mount(at target: String, method: Method? = nil) throws(Errno) -> Method {
        try validate()
        let chosen = method ?? (fitsMountData ? .mountData : .fsconfigAppend)
        switch chosen {
        case .mountData:
            guard fitsMountData else { throw Errno(E2BIG, "overlay on \(target): \(mountData.utf8.count) bytes of options, limit 4095") }
            try Mounts.mount(source: "overlay", target: target, type: "overlay", data: mountData)
        case .fsconfigAppend:
            try mountWithFsconfig(at: target)
        }
        return chosen
    }

    /// The new mount API path: every lower dir is its own `lowerdir+` value.
    private func mountWithFsconfig(at target: String) throws(Errno) {
        var pairs: [(String, String?)] = lowerDirs.map { ("lowerdir+", $0) }
        if let upperDir, let workDir { pairs += [("upperdir", upperDir), ("workdir", workDir)] }
        for option in extraOptions {
            let parts = option.split(separator: "=", maxSplits: 1)
            pairs.append((String(parts[0]), parts.count > 1 ? String(parts[1]) : nil))
        }
        var failed: Int32 = -1
        let result = withCStrings(pairs.map(\.0)) { keys in
            withOptionalCStrings(pairs.map(\.1)) { values in
                cshim_fsmount("overlay", keys, values, Int32(pairs.count), target, &failed)
            }
        }
        guard result == 0 else {
            let code = errno
            if failed >= 0, pairs[Int(failed)].0 == "lowerdir+", code == EINVAL {
                // Kernels before 6.8 know no "lowerdir+": say why the list could not be mounted at all.
                throw Errno(
                    E2BIG, "overlay on \(target): \(lowerDirs.count) layers exceed one page of options and this kernel has no lowerdir+")
            }
            let step = failed >= 0 ? "fsconfig \(pairs[Int(failed)].0)" : "fsmount overlay"
            throw Errno(code, "\(step) on \(target)")
        }
    }
}

/// Runs `body` with a C array of C strings that live for the call.
private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    withOptionalCStrings(strings.map { Optional($0) }, body)
}

/// Runs `body` with a C array of C strings (NULL for nil) that live for the call.
private func withOptionalCStrings<R>(_ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0) } ?? nil }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { UnsafePointer($0) }
    return pointers.withUnsafeBufferPointer { buffer in
        // An empty array may have no base address; the callee reads no element then.
        guard let base = buffer.baseAddress else {
            var none: UnsafePointer<CChar>? = nil
            return withUnsafePointer(to: &none) { body($0) }
        }
        return body(base)
    }
}
