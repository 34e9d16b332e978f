// SPDX-License-Identifier: Apache-2.0
// A Docker image reference, normalised as distribution/reference `ParseNormalizedNamed` does.

import Models

/// A reference such as `busybox` = `docker.io/library/busybox:latest`, `localhost:5000/a/b:1.0`,
/// `repo@sha256:…` or `repo:tag@sha256:…` (tag and digest both kept).
///
/// Build one with `init(parsing:)` (no default tag, like `ParseNormalizedNamed`) or `normalized(_:)` (adds
/// `latest` to a bare name, like `TagNameOnly`). `string` is the full form, `familiarString` the one users see.
public struct ImageReference: Hashable, Sendable, CustomStringConvertible {
    /// Docker Hub's domain in references.
    public static let dockerHubDomain = "docker.io"
    /// The host Docker Hub's registry API answers on.
    public static let dockerHubRegistryHost = "registry-1.docker.io"
    /// The legacy Docker Hub domain, normalised to `docker.io`.
    public static let legacyDockerHubDomain = "index.docker.io"
    /// The namespace of official images on Docker Hub.
    public static let officialRepositoryPrefix = "library/"
    /// The tag a bare name gets.
    public static let defaultTag = "latest"
    /// The longest repository path (without the domain) distribution accepts.
    public static let maximumPathLength = 255

    /// The registry domain, e.g. `docker.io`, `localhost:5000`, `[::1]:5000`.
    public let domain: String
    /// The repository path, e.g. `library/busybox`.
    public let path: String
    /// The tag, if any.
    public let tag: String?
    /// The manifest digest, if any.
    public let digest: Digest?

    /// A reference from parts already checked by the parser.
    init(domain: String, path: String, tag: String?, digest: Digest?) {
        self.domain = domain
        self.path = path
        self.tag = tag
        self.digest = digest
    }

    /// The full repository name, e.g. `docker.io/library/busybox`.
    public var name: String { domain.isEmpty ? path : domain + "/" + path }

    /// The full reference, e.g. `docker.io/library/busybox:latest` (distribution `String()`).
    public var string: String { Self.format(name: name, tag: tag, digest: digest) }

    /// The full reference.
    public var description: String { string }

    /// The name as users write it: `docker.io/` and an official image's `library/` dropped (`FamiliarName`).
    public var familiarName: String {
        guard domain == Self.dockerHubDomain else { return name }
        if path.hasPrefix(Self.officialRepositoryPrefix) {
            let rest = path.dropFirst(Self.officialRepositoryPrefix.count)
            if !rest.contains("/") { return String(rest) }
        }
        return path
    }

    /// The reference as users write it, e.g. `busybox:latest` (`FamiliarString`).
    public var familiarString: String { Self.format(name: familiarName, tag: tag, digest: digest) }

    /// True when there is neither tag nor digest (`IsNameOnly`).
    public var isNameOnly: Bool { tag == nil && digest == nil }

    /// True for Docker Hub references.
    public var isDockerHub: Bool { domain == Self.dockerHubDomain }

    /// True for Docker Hub's official images (`library/<name>`).
    public var isOfficial: Bool { isDockerHub && familiarName != path }

    /// The registry host to contact for pulls and pushes: `registry-1.docker.io` for Docker Hub, else `domain`.
    public var registryHost: String { isDockerHub ? Self.dockerHubRegistryHost : domain }

    /// `name[:tag][@digest]`.
    static func format(name: String, tag: String?, digest: Digest?) -> String {
        var text = name
        if let tag { text += ":" + tag }
        if let digest { text += "@" + digest.rawValue }
        return text
    }
}
