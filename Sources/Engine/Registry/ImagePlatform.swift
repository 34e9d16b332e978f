// SPDX-License-Identifier: Apache-2.0
// Platforms of index entries and the host, normalised and matched as containerd's platforms package
// does for dockerd (`Normalize`, `Only`): arm64 also runs arm/v8…v5, arm/vN also runs lower variants,
// amd64 also runs 386; the exact platform is preferred.

/// An OS and CPU, as index entries and `--platform` name them.
public struct ImagePlatform: Codable, Sendable, Hashable, CustomStringConvertible {
    /// `linux`, `windows`, …
    public var os: String
    /// GOARCH-style: `amd64`, `arm64`, `arm`, `386`, …
    public var architecture: String
    /// CPU variant: `v7` for arm, `v8` for arm64.
    public var variant: String?
    /// `os.version` (Windows builds).
    public var osVersion: String?
    /// `os.features`.
    public var osFeatures: [String]?

    /// Creates a platform.
    public init(os: String, architecture: String, variant: String? = nil) {
        self.os = os
        self.architecture = architecture
        self.variant = variant
    }

    /// Parses `os`, `arch`, `os/arch` or `os/arch/variant` (`--platform`); nil when malformed.
    public init?(parsing text: String) {
        let parts = text.lowercased().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        if parts.count == 1 {
            let host = ImagePlatform.host
            self =
                ["linux", "windows", "darwin", "freebsd"].contains(parts[0])
                ? ImagePlatform(os: parts[0], architecture: host.architecture, variant: host.variant)
                : ImagePlatform(os: "linux", architecture: parts[0])
        } else {
            self.init(os: parts[0], architecture: parts[1], variant: parts.count == 3 ? parts[2] : nil)
        }
    }

    enum CodingKeys: String, CodingKey {
        case os, architecture, variant
        case osVersion = "os.version"
        case osFeatures = "os.features"
    }

    /// The platform this binary runs on.
    public static var host: ImagePlatform {
        #if arch(x86_64)
            ImagePlatform(os: "linux", architecture: "amd64")
        #elseif arch(arm64)
            ImagePlatform(os: "linux", architecture: "arm64")
        #elseif arch(arm)
            ImagePlatform(os: "linux", architecture: "arm", variant: "v7")
        #elseif arch(i386)
            ImagePlatform(os: "linux", architecture: "386")
        #elseif arch(powerpc64le)
            ImagePlatform(os: "linux", architecture: "ppc64le")
        #elseif arch(s390x)
            ImagePlatform(os: "linux", architecture: "s390x")
        #else
            ImagePlatform(os: "linux", architecture: "riscv64")
        #endif
    }

    /// `os/arch` or `os/arch/variant`.
    public var description: String { [os, architecture, variant ?? ""].filter { !$0.isEmpty }.joined(separator: "/") }

    /// Canonical spellings: `x86_64` → `amd64`, `aarch64` → `arm64` (variant v8 dropped), `armhf` → `arm/v7`, …
    public var normalized: ImagePlatform {
        var arch = architecture.lowercased()
        var variant = (self.variant ?? "").lowercased()
        switch arch {
        case "i386": (arch, variant) = ("386", "")
        case "x86_64", "x86-64", "amd64": (arch, variant) = ("amd64", variant == "v1" ? "" : variant)
        case "aarch64", "arm64": (arch, variant) = ("arm64", variant == "8" || variant == "v8" ? "" : variant)
        case "armhf": (arch, variant) = ("arm", "v7")
        case "armel": (arch, variant) = ("arm", "v6")
        case "arm": variant = variant.isEmpty ? "v7" : (variant.hasPrefix("v") ? variant : "v" + variant)
        default: break
        }
        var result = ImagePlatform(
            os: os.lowercased() == "macos" ? "darwin" : os.lowercased(), architecture: arch, variant: variant.isEmpty ? nil : variant)
        result.osVersion = osVersion
        return result
    }

    /// Platforms that can run on this one, most preferred first (containerd `platformVector`).
    func compatible() -> [ImagePlatform] {
        let me = normalized
        var list = [ImagePlatform(os: me.os, architecture: me.architecture, variant: me.variant)]
        switch me.architecture {
        case "amd64":
            if let level = Int((me.variant ?? "").dropFirst()), level > 1 {
                for lower in stride(from: level - 1, through: 2, by: -1) {
                    list.append(ImagePlatform(os: me.os, architecture: "amd64", variant: "v\(lower)"))
                }
                list.append(ImagePlatform(os: me.os, architecture: "amd64"))
            }
            list.append(ImagePlatform(os: me.os, architecture: "386"))
        case "arm":
            if let level = Int((me.variant ?? "").dropFirst()), level > 5 {
                for lower in stride(from: level - 1, through: 5, by: -1) {
                    list.append(ImagePlatform(os: me.os, architecture: "arm", variant: "v\(lower)"))
                }
            }
        case "arm64":
            list += ImagePlatform(os: me.os, architecture: "arm", variant: me.variant ?? "v8").compatible()
        default: break
        }
        return list
    }

    /// The first index entry this platform runs best: preference order first, index order second.
    public func select(from index: ManifestIndex) -> ContentDescriptor? {
        for wanted in compatible() {
            for entry in index.manifests {
                guard let platform = entry.platform?.normalized else { continue }
                if platform.os == wanted.os && platform.architecture == wanted.architecture && platform.variant == wanted.variant {
                    return entry
                }
            }
        }
        return nil
    }
}
