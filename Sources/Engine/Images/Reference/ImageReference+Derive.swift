// SPDX-License-Identifier: Apache-2.0
// New references from old (`TagNameOnly`, `WithTag`, `WithDigest`, `TrimNamed`, `ParseDockerRef`), and the
// request-level parsers moby's routes use for pull (`fromImage`+`tag`) and tag/import (`repo`+`tag`).

import Models

extension ImageReference {
    /// The name alone, without tag or digest (`TrimNamed`).
    public var trimmed: ImageReference { ImageReference(domain: domain, path: path, tag: nil, digest: nil) }

    /// `self`, or with tag `latest` when it has neither tag nor digest (`TagNameOnly`).
    public func withDefaultTag() -> ImageReference {
        isNameOnly ? ImageReference(domain: domain, path: path, tag: Self.defaultTag, digest: nil) : self
    }

    /// The key a tag store uses (`ParseDockerRef`): `name@digest` when digested (a tag beside it is dropped),
    /// else `name:tag` with the default tag.
    public var storeKey: ImageReference {
        if let digest { return ImageReference(domain: domain, path: path, tag: nil, digest: digest) }
        return withDefaultTag()
    }

    /// The same name with `tag` (a digest is kept, as `WithTag` does); throws `invalid tag format`.
    public func withTag(_ tag: String) throws(EngineError) -> ImageReference {
        guard ReferenceGrammar.isTag(tag[...]) else { throw .invalidParameter("invalid tag format") }
        return ImageReference(domain: domain, path: path, tag: tag, digest: digest)
    }

    /// The same name with `digest` (a tag is kept, as `WithDigest` does).
    public func withDigest(_ digest: Digest) -> ImageReference {
        ImageReference(domain: domain, path: path, tag: tag, digest: digest)
    }

    /// The reference `POST /images/create?fromImage=…&tag=…` pulls, exactly as moby's route builds it: a trailing
    /// `:` is dropped (`pull -a`), `tag` may be a digest (then it replaces tag and digest), and the name
    /// `scratch` is refused with `.forbidden("'scratch' is a reserved name")`. No default tag is added.
    public static func forPull(image: String, tag: String) throws(EngineError) -> ImageReference {
        let name = image.hasSuffix(":") ? String(image.dropLast()) : image
        var reference = try ImageReference(parsing: name)
        if !tag.isEmpty {
            if let digest = try? Digest(parsing: tag) {
                reference = reference.trimmed.withDigest(digest)
            } else {
                reference = try reference.withTag(tag)
            }
        }
        if reference.familiarName == "scratch" { throw .forbidden("'scratch' is a reserved name") }
        return reference
    }

    /// The tagged reference of `repo` and `tag` form values (moby `httputils.RepoTagReference`, used by tag,
    /// import and commit): nil when `repo` is empty; digested repos are refused; no tag means `latest`.
    public static func repoTag(repo: String, tag: String) throws(EngineError) -> ImageReference? {
        guard !repo.isEmpty else { return nil }
        let reference = try ImageReference(parsing: repo)
        if reference.digest != nil { throw .invalidParameter("cannot import digest reference") }
        return tag.isEmpty ? reference.withDefaultTag() : try reference.withTag(tag)
    }
}
