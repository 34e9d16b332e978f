// SPDX-License-Identifier: Apache-2.0
// Registry-facing reads: image prune, `GET /distribution/{name}/json` (manifest descriptor and platforms,
// as `docker buildx imagetools`/`docker manifest` use it) and `GET /images/search`.

import Engine
import HTTP
import HTTPCore
import Models

/// Prune, distribution inspect and search routes.
struct DistributionRoutes {
    let engine: Engine

    var routes: [Route<APIHandler>] {
        [
            Route("POST", "/images/prune", "ImagePrune", imagePrune),
            Route("GET", "/distribution/{name*}/json", "DistributionInspect", distributionInspect),
            Route("GET", "/images/search", "ImageSearch", imageSearch),
        ]
    }

    func imagePrune(_ request: APIRequest) async throws -> HTTPResponse {
        let containers = engine.containers
        return Responses.json(
            try await engine.images.prune(try request.filters()) { id in !(await containers.containers(usingImage: id).isEmpty) })
    }

    func distributionInspect(_ request: APIRequest) async throws -> HTTPResponse {
        let reference = try ImageReference.normalized(request.parameter("name"))
        let repository = RegistryRepository(domain: reference.domain, path: reference.path)
        let credentials = try RegistryAuthHeader.credentials(request.http)
        let top = try await engine.registry.fetchManifest(
            repository, reference: reference.digest?.rawValue ?? reference.tag ?? "latest", credentials: credentials)
        var platforms: [OCIPlatform] = []
        if RegistryMediaTypes.isIndex(top.mediaType), let index = try? JSONCoding.decode(ManifestIndex.self, from: top.bytes) {
            platforms = index.manifests.compactMap(\.platform).map {
                OCIPlatform(architecture: $0.architecture, os: $0.os, osVersion: $0.osVersion, variant: $0.variant)
            }
        } else if let manifest = try? JSONCoding.decode(ImageManifest.self, from: top.bytes),
            let config = try? await engine.images.remoteConfig(repository, manifest.config, credentials: credentials, registry: engine.registry)
        {
            platforms = [OCIPlatform(architecture: config.architecture, os: config.os, variant: config.variant)]
        }
        let descriptor = OCIDescriptor(mediaType: top.mediaType, digest: Digest(uncheckedRawValue: top.digest), size: Int64(top.bytes.count))
        return Responses.json(DistributionInspect(descriptor: descriptor, platforms: platforms))
    }

    func imageSearch(_ request: APIRequest) async throws -> HTTPResponse {
        guard let term = request.query["term"], !term.isEmpty else { throw APIError.badRequest("term is required") }
        let limit = Int(request.query["limit"] ?? "") ?? 25
        guard (1...100).contains(limit) else { throw APIError.badRequest("limit is out of range: \(limit)") }
        // `localhost:5000/name` searches that registry; a bare term searches Docker Hub.
        var domain = "docker.io"
        var text = term
        if let slash = term.firstIndex(of: "/"), term[..<slash].contains(where: { $0 == "." || $0 == ":" }) || term[..<slash] == "localhost" {
            domain = String(term[..<slash])
            text = String(term[term.index(after: slash)...])
        }
        let results = try await engine.registry.search(domain: domain, term: text, limit: limit, credentials: try RegistryAuthHeader.credentials(request.http))
        let filters = try request.filters()
        let models = results.map {
            ImageSearchResult(description: $0.description, isOfficial: $0.isOfficial, isAutomated: $0.isAutomated, name: $0.name, starCount: $0.starCount)
        }.filter { result in
            (filters.values("is-official").isEmpty || filters.values("is-official").contains(String(result.isOfficial)))
                && (filters.values("stars").first.flatMap(Int.init).map { result.starCount >= $0 } ?? true)
        }
        return Responses.json(models)
    }
}
