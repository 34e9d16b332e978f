// SPDX-License-Identifier: Apache-2.0
// One result of `GET /images/search` (spec `ImageSearchResponseItem`; moby `registry.SearchResult`).

/// A repository found by a registry search.
public struct ImageSearchResult: Codable, Sendable, Equatable {
    /// Repository description.
    public var description: String
    /// True for Docker Official Images.
    public var isOfficial: Bool
    /// Deprecated; always false.
    public var isAutomated: Bool
    /// Repository name, e.g. `alpine` or `user/app`.
    public var name: String
    /// Star count.
    public var starCount: Int

    /// Creates a search result.
    public init(description: String = "", isOfficial: Bool = false, isAutomated: Bool = false, name: String, starCount: Int = 0) {
        self.description = description
        self.isOfficial = isOfficial
        self.isAutomated = isAutomated
        self.name = name
        self.starCount = starCount
    }

    /// Decodes, reading absent fields as empty/false/0 (registries differ in what they send).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
        isOfficial = try container.decodeIfPresent(Bool.self, forKey: .isOfficial) ?? false
        isAutomated = try container.decodeIfPresent(Bool.self, forKey: .isAutomated) ?? false
        name = try container.decode(String.self, forKey: .name)
        starCount = try container.decodeIfPresent(Int.self, forKey: .starCount) ?? 0
    }

    enum CodingKeys: String, CodingKey {
        case description
        case isOfficial = "is_official"
        case isAutomated = "is_automated"
        case name
        case starCount = "star_count"
    }
}
