// SPDX-License-Identifier: Apache-2.0
// Tag listing for `docker pull --all-tags` (`GET /v2/<name>/tags/list`, following `Link: <…>; rel="next"`
// pages) and `docker search` (`GET /v1/search`, which only Docker Hub and a few others implement).

import FoundationEssentials
import HTTPClient
import HTTPCore

/// One `docker search` hit, in the registry's own JSON shape.
public struct RegistrySearchResult: Codable, Sendable, Equatable {
    /// Repository name.
    public var name: String
    /// Short description.
    public var description: String
    /// Stars on Docker Hub.
    public var starCount: Int
    /// True for Docker Official Images.
    public var isOfficial: Bool
    /// True for (retired) automated builds.
    public var isAutomated: Bool

    enum CodingKeys: String, CodingKey {
        case name, description
        case starCount = "star_count"
        case isOfficial = "is_official"
        case isAutomated = "is_automated"
    }

    /// Decodes with missing fields as empty, zero or false.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
        starCount = try container.decodeIfPresent(Int.self, forKey: .starCount) ?? 0
        isOfficial = try container.decodeIfPresent(Bool.self, forKey: .isOfficial) ?? false
        isAutomated = try container.decodeIfPresent(Bool.self, forKey: .isAutomated) ?? false
    }
}

extension RegistryClient {
    /// Every tag of `repository`, in the registry's (lexical) order.
    public nonisolated func listTags(_ repository: RegistryRepository, credentials: RegistryCredentials? = nil) async throws -> [String] {
        try await withEndpoints(repository.domain, push: false) { endpoint in
            var tags: [String] = []
            var call = RegistryCall(target: "/v2/\(repository.path)/tags/list", scopes: [RegistryScope.pull(repository)])
            for _ in 0..<10_000 {
                let reply = try await self.perform(call, at: endpoint, credentials: credentials)
                let body = try await self.read(reply, limit: 16 << 20)
                guard reply.status.code == 200 else { throw Self.failure(reply, body, repository, .pull) }
                tags += try Self.decode(TagList.self, body, what: "tag list").tags ?? []
                guard let link = reply.headers["Link"], let next = Self.nextLink(link, base: reply.url) else { break }
                call.url = next
            }
            return tags
        }
    }

    private struct TagList: Decodable {
        var tags: [String]?
    }

    /// The `rel="next"` target of a `Link` header (RFC 8288), resolved against `base`.
    static func nextLink(_ header: String, base: RegistryURL) -> RegistryURL? {
        for part in header.split(separator: ",") {
            guard let open = part.firstIndex(of: "<"), let close = part.firstIndex(of: ">"), open < close else { continue }
            let parameters = part[close...].lowercased().replacing(" ", with: "")
            guard parameters.contains("rel=\"next\"") || parameters.contains("rel=next") else { continue }
            return base.resolving(String(part[part.index(after: open)..<close]))
        }
        return nil
    }

    /// Searches `domain`'s `/v1/search` (Docker Hub: index.docker.io). A registry without that API (404)
    /// gets `.notImplemented`.
    public nonisolated func search(
        domain: String, term: String, limit: Int = 25, credentials: RegistryCredentials? = nil
    ) async throws -> [RegistrySearchResult] {
        let hub = RegistryRepository(domain: domain, path: "").isDockerHub
        let candidates =
            hub
            ? [RegistryURL(parsing: options.officialSearchIndex).map { RegistryEndpoint(origin: $0.origin, verifiesCertificate: true) }]
                .compactMap { $0 }
            : options.endpoints(forHost: domain)
        return try await withEndpoints(candidates, domain: domain) { endpoint in
            // The v1 search API predates token auth: anonymous, or Basic credentials as dockerd sends them.
            let url = RegistryURL(origin: endpoint.origin, target: "/v1/search").appendingQuery([("q", term), ("n", String(limit))])
            var request = HTTPClientRequest(target: url.target)
            if let credentials, credentials.hasBasic { request.headers["Authorization"] = Self.basic(credentials) }
            let reply = RegistryResponse(
                response: try await self.transmit(request, to: url, verifies: endpoint.verifiesCertificate), url: url)
            let body = try await self.read(reply, limit: 16 << 20)
            if reply.status.code == 404 || reply.status.code == 405 {
                let status = "\(reply.status.code) \(HTTPStatus(code: reply.status.code).reason)"
                throw EngineError.notImplemented("the registry \(domain) has no search API (GET /v1/search answered \(status))")
            }
            guard reply.status.code == 200 else { throw Self.failure(reply, body, nil, .other) }
            return try Self.decode(SearchResults.self, body, what: "search results").results ?? []
        }
    }

    private struct SearchResults: Decodable {
        var results: [RegistrySearchResult]?
    }
}
