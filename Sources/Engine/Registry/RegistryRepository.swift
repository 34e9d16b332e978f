// SPDX-License-Identifier: Apache-2.0
// A repository as the registry client addresses it: the reference's domain plus the repository path,
// with Docker's familiar spelling for messages (distribution/reference FamiliarName).

/// A repository on a registry, e.g. domain `docker.io` and path `library/busybox`.
public struct RegistryRepository: Sendable, Hashable, CustomStringConvertible {
    /// The registry name as a normalised reference spells it: `docker.io`, `localhost:5000`, `quay.io`.
    public let domain: String
    /// The repository path on that registry, e.g. `library/busybox`.
    public let path: String

    /// Docker Hub's name in normalised references.
    public static let dockerHub = "docker.io"

    /// Creates a repository; `domain` and `path` are used as given (normalise references first).
    public init(domain: String, path: String) {
        self.domain = domain
        self.path = path
    }

    /// True for Docker Hub under any of its names.
    public var isDockerHub: Bool { ["docker.io", "index.docker.io", "registry-1.docker.io"].contains(domain) }

    /// Docker's short form: `busybox`, `user/app`, `localhost:5000/app`.
    public var familiarName: String {
        guard isDockerHub else { return "\(domain)/\(path)" }
        let rest = path.hasPrefix("library/") ? path.dropFirst("library/".count) : Substring(path)
        return rest.contains("/") ? path : String(rest)
    }

    /// The familiar name with `reference` attached: `busybox:latest` or `busybox@sha256:…`.
    public func familiarString(_ reference: String) -> String {
        BlobDigest.isDigest(reference) ? "\(familiarName)@\(reference)" : "\(familiarName):\(reference)"
    }

    /// `domain/path`.
    public var description: String { "\(domain)/\(path)" }
}
