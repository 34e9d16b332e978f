// SPDX-License-Identifier: Apache-2.0
// How a `{name}` path parameter names a local image, as moby's `GetImage` reads it (`ParseAnyReference`).

import Models

/// What a user-supplied image name refers to.
///
/// moby tries, in order: a full ID (64 hex, or any valid digest such as `sha256:<64 hex>`); else the text as a
/// reference (tag store, keyed by `storeKey`); else, if no tag matches, an ID prefix search with the raw text.
/// So `abc123` is both a possible name and a possible short ID, and `sha256:abc` is `library/sha256:abc` as
/// well as the ID prefix `abc`.
public enum ImageLookup: Sendable, Equatable {
    /// A full image ID.
    case id(Digest)
    /// A reference, and the hex ID prefix to search when no tag matches (nil when the text cannot be one).
    case reference(ImageReference, idPrefix: String?)

    /// Classifies `text`; throws `.invalidParameter` with dockerd's message when it is neither an ID nor a
    /// valid reference (e.g. `invalid reference format: repository name (library/Busybox) must be lowercase`).
    public static func classify(_ text: String) throws(EngineError) -> ImageLookup {
        if ReferenceGrammar.isIdentifier(text[...]) {
            return .id(Digest(uncheckedRawValue: "sha256:" + text))
        }
        if let digest = try? Digest(parsing: text) {
            return .id(digest)
        }
        return .reference(try ImageReference(parsing: text), idPrefix: idPrefix(of: text))
    }

    /// The hex part of `text` when it is `[0-9a-f]{1,64}`, optionally after `sha256:`; else nil.
    static func idPrefix(of text: String) -> String? {
        let hex = text.hasPrefix("sha256:") ? text.dropFirst("sha256:".count) : text[...]
        let isHex = hex.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
        return !hex.isEmpty && hex.utf8.count <= 64 && isHex ? String(hex) : nil
    }

    /// The message dockerd gives when nothing matches, e.g. `No such image: busybox:latest` (tag defaulted,
    /// familiar form) or `No such image: sha256:…` for an ID.
    public var notFoundMessage: String {
        switch self {
        case .id(let digest): "No such image: \(digest.rawValue)"
        case .reference(let reference, _): "No such image: \(reference.withDefaultTag().familiarString)"
        }
    }
}
