// SPDX-License-Identifier: Apache-2.0
// Image routes: list, inspect, history, tag, remove, and create (import; pull arrives with the registry client).

import Engine
import HTTP
import HTTPCore
import Models

/// Routes of the Images area.
struct ImageRoutes {
    let engine: Engine

    var routes: [Route<APIHandler>] {
        [
            Route("GET", "/images/json", "ImageList", imageList),
            Route("POST", "/images/create", "ImageCreate", imageCreate),
            Route("GET", "/images/{name*}/json", "ImageInspect", imageInspect),
            Route("GET", "/images/{name*}/history", "ImageHistory", imageHistory),
            Route("POST", "/images/{name*}/tag", "ImageTag", imageTag),
            Route("DELETE", "/images/{name*}", "ImageDelete", imageDelete),
        ]
    }

    func imageList(_ request: APIRequest) async throws -> HTTPResponse {
        // `all` only shows intermediate build images, which berth does not keep: every image is top-level.
        let filter = try ImageListFilter(try request.filters())
        let images = try await engine.images.list()
        var summaries = try images.filter { try filter.matches($0, among: images) }.map(ImageViews.summary)
        if request.flag("shared-size") { summaries = try await ImageViews.withSharedSizes(summaries, images: images, engine: engine) }
        // `manifests` (API 1.47) lists the platform manifests each image is stored with.
        if request.flag("manifests") && request.version >= APIVersion.imageManifests {
            for index in summaries.indices {
                guard let image = images.first(where: { $0.record.id == summaries[index].id }) else { continue }
                summaries[index].manifests = ImageViews.manifests(image)
            }
        }
        return Responses.json(summaries)
    }

    func imageInspect(_ request: APIRequest) async throws -> HTTPResponse {
        let image = try await engine.images.find(request.parameter("name"))
        return Responses.json(ImageViews.inspect(image, layersRoot: engine.images.layers))
    }

    func imageHistory(_ request: APIRequest) async throws -> HTTPResponse {
        let image = try await engine.images.find(request.parameter("name"))
        var sizes: [Int64] = []
        for chain in image.record.layers { sizes.append(try await engine.images.layerSize(chain)) }
        return Responses.json(ImageViews.history(image, layerSizes: sizes))
    }

    func imageTag(_ request: APIRequest) async throws -> HTTPResponse {
        guard let repo = request.query["repo"], !repo.isEmpty else { throw APIError.badRequest("repository name (repo) must be provided") }
        guard let target = try ImageReference.repoTag(repo: repo, tag: request.query["tag"] ?? "") else {
            throw APIError.badRequest("invalid reference format")
        }
        try await engine.images.tag(request.parameter("name"), as: target)
        return Responses.empty(.created)
    }

    func imageDelete(_ request: APIRequest) async throws -> HTTPResponse {
        let containers = engine.containers
        let items = try await engine.images.remove(request.parameter("name"), force: request.flag("force"), prune: !request.flag("noprune")) { id in
            await containers.containers(usingImage: id).map { ($0.id, $0.state.isRunning) }
        }
        return Responses.json(items)
    }

    /// `fromSrc=-` imports the request body; `fromImage` pulls (not yet served: 501 before any stream starts).
    func imageCreate(_ request: APIRequest) async throws -> HTTPResponse {
        if let source = request.query["fromSrc"], !source.isEmpty {
            guard source == "-" else { throw APIError.badRequest("importing from a URL is not supported: send the tarball as the request body (fromSrc=-)") }
            var options = ImportOptions(source: "-")
            if let repo = request.query["repo"], !repo.isEmpty {
                options.reference = try ImageReference.repoTag(repo: repo, tag: request.query["tag"] ?? "")
            }
            options.changes = try ImageChanges(parsing: request.query.all("changes"))
            options.message = request.query["message"].flatMap { $0.isEmpty ? nil : $0 }
            if let platform = request.query["platform"], !platform.isEmpty { options.architecture = try Self.architecture(platform) }
            let body = request.http.body
            let id = try await engine.images.importImage(options) { try await body.nextPiece() }
            return Responses.jsonStream { writer in try await writer.send(ProgressMessage(status: id)) }
        }
        guard let image = request.query["fromImage"], !image.isEmpty else {
            throw APIError.badRequest("fromImage or fromSrc must be given")
        }
        return try await PullRoute(engine: engine).pull(request, image: image)
    }

    /// `linux/amd64` → `amd64`; only Linux images exist here.
    static func architecture(_ platform: String) throws -> String {
        let parts = platform.split(separator: "/").map(String.init)
        guard parts.count >= 2, parts[0] == "linux" else { throw APIError.badRequest("invalid platform: \(platform): only linux images are supported") }
        return parts[1]
    }
}
