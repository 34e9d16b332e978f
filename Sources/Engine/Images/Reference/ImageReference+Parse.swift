// SPDX-License-Identifier: Apache-2.0
// Parsing: distribution/reference v0.6 `ParseNormalizedNamed`, `splitDockerDomain` and `Parse`, with their messages.

import Models

extension ImageReference {
    /// Parses `text` as `ParseNormalizedNamed`: the domain is the first component when it has `.` or `:`, is
    /// `localhost` or has uppercase; else `docker.io`, where one-component names get `library/`. No default tag.
    ///
    /// Throws `.invalidParameter` with dockerd's message, e.g. `invalid reference format`,
    /// `invalid reference format: repository name (library/Busybox) must be lowercase`.
    public init(parsing text: String) throws(EngineError) {
        if ReferenceGrammar.isIdentifier(text[...]) {
            throw .invalidParameter("invalid repository name (\(text)), cannot specify 64-byte hexadecimal strings")
        }
        let (domain, remainder) = Self.splitDockerDomain(text)
        let remote = remainder.prefix { $0 != ":" }
        if remote.lowercased() != remote {
            throw .invalidParameter("invalid reference format: repository name (\(remote)) must be lowercase")
        }
        self = try Self.parseExact(domain + "/" + remainder)
    }

    /// Parses `text` and gives a bare name the `latest` tag (`ParseNormalizedNamed` + `TagNameOnly`).
    public static func normalized(_ text: String) throws(EngineError) -> ImageReference {
        try ImageReference(parsing: text).withDefaultTag()
    }

    /// distribution's `splitDockerDomain`: picks the domain and normalises Docker Hub names.
    static func splitDockerDomain(_ name: String) -> (domain: String, remainder: String) {
        guard let slash = name.firstIndex(of: "/") else {
            return (dockerHubDomain, officialRepositoryPrefix + name)
        }
        let maybeDomain = String(name[..<slash])
        let maybeRemainder = String(name[name.index(after: slash)...])
        var domain = maybeDomain
        var remainder = maybeRemainder
        if maybeDomain == "localhost" {
            // localhost is always a domain.
        } else if maybeDomain == legacyDockerHubDomain {
            domain = dockerHubDomain
        } else if maybeDomain.contains(".") || maybeDomain.contains(":") {
            // A host name, IPv4 or [IPv6], or host:port.
        } else if maybeDomain.lowercased() != maybeDomain {
            // Namespaces are lowercase, so an uppercase first component can only be a domain.
        } else {
            domain = dockerHubDomain
            remainder = name
        }
        if domain == dockerHubDomain && !remainder.contains("/") {
            remainder = officialRepositoryPrefix + remainder
        }
        return (domain, remainder)
    }

    /// distribution's `Parse` over the whole grammar, without normalisation.
    static func parseExact(_ text: String) throws(EngineError) -> ImageReference {
        if text.isEmpty { throw .invalidParameter("repository name must have at least one component") }
        guard let match = match(text[...]) else {
            let lower = text.lowercased()
            if lower != text && match(lower[...]) != nil { throw .invalidParameter("repository name must be lowercase") }
            throw .invalidParameter("invalid reference format")
        }
        if match.path.utf8.count > maximumPathLength {
            throw .invalidParameter("repository name must not be more than \(maximumPathLength) characters")
        }
        var digest: Digest?
        if let digestText = match.digest {
            do {
                digest = try Digest(parsing: String(digestText))
            } catch {
                throw .invalidParameter(error.description)
            }
        }
        return ImageReference(domain: String(match.domain), path: String(match.path), tag: match.tag.map(String.init), digest: digest)
    }

    /// Splits `name[:tag][@digest]`, or nil when the grammar does not match.
    static func match(_ text: Substring) -> (domain: Substring, path: Substring, tag: Substring?, digest: Substring?)? {
        var rest = text
        var digest: Substring?
        if let at = rest.firstIndex(of: "@") {
            digest = rest[rest.index(after: at)...]
            rest = rest[..<at]
            guard let digest, ReferenceGrammar.isDigestPattern(digest) else { return nil }
        }
        var tag: Substring?
        // A tag has no '/', and the name's only ':' (a port) is followed by one: a ':' after the last '/' starts the tag.
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            tag = rest[rest.index(after: colon)...]
            rest = rest[..<colon]
            guard let tag, ReferenceGrammar.isTag(tag) else { return nil }
        }
        // The optional domain group is greedy, as in Go's regexp: take the first component when it can be one.
        if let slash = rest.firstIndex(of: "/") {
            let domain = rest[..<slash]
            let path = rest[rest.index(after: slash)...]
            if ReferenceGrammar.isDomainAndPort(domain) && ReferenceGrammar.isRemoteName(path) {
                return (domain, path, tag, digest)
            }
        }
        guard ReferenceGrammar.isRemoteName(rest) else { return nil }
        return (rest[rest.startIndex..<rest.startIndex], rest, tag, digest)
    }
}
