// SPDX-License-Identifier: Apache-2.0
// `GET /containers/{id}/stats` (a JSON stream, or one sample), `GET /containers/{id}/top` and
// `POST /containers/{id}/update`.

import Engine
import HTTP
import HTTPCore
import Models

/// Routes for stats, top and update.
struct ObserveRoutes {
    let engine: Engine
    var containers: ContainerService { engine.containers }

    var routes: [Route<APIHandler>] {
        [
            Route("GET", "/containers/{id}/stats", "ContainerStats", stats),
            Route("GET", "/containers/{id}/top", "ContainerTop", top),
            Route("POST", "/containers/{id}/update", "ContainerUpdate", update),
            Route("GET", "/containers/{id}/export", "ContainerExport", export),
            Route("GET", "/containers/{id}/changes", "ContainerChanges", changes),
        ]
    }

    /// `stream` defaults to true; `one-shot` (with stream=false) skips the second sample.
    func stats(_ request: APIRequest) async throws -> HTTPResponse {
        let collector = try await containers.statsCollector(request.parameter("id"))
        let streaming = request.query["stream"].map { !["0", "false", "no", "none", ""].contains($0.lowercased()) } ?? true
        if !streaming {
            return Responses.json(try await collector.snapshot(oneShot: request.flag("one-shot")))
        }
        return Responses.jsonStream { writer in
            for try await sample in collector.stream() { try await writer.send(sample) }
        }
    }

    func top(_ request: APIRequest) async throws -> HTTPResponse {
        Responses.json(try await containers.top(request.parameter("id"), psArgs: request.query["ps_args"] ?? ""))
    }

    /// The tar stream; a missing container is a 404 before the head goes out.
    func export(_ request: APIRequest) async throws -> HTTPResponse {
        let container = try await containers.find(request.parameter("id"))
        let service = containers
        var headers = HTTPHeaders()
        headers["Content-Type"] = "application/x-tar"
        return HTTPResponse(status: .ok, headers: headers, body: .stream { writer in
            try await service.export(container.id) { piece in try await writer.write(piece) }
        })
    }

    func changes(_ request: APIRequest) async throws -> HTTPResponse {
        Responses.json(try await containers.changes(request.parameter("id")))
    }

    func update(_ request: APIRequest) async throws -> HTTPResponse {
        let body = try await request.decodeJSON(ContainerUpdateBody.self)
        let warnings = try await containers.update(request.parameter("id"), resources: body.resources, restartPolicy: body.restartPolicy)
        return Responses.json(ContainerUpdateResponse(warnings: warnings))
    }
}

/// `POST /containers/{id}/update` body: Resources fields plus RestartPolicy at the top level.
struct ContainerUpdateBody: Decodable {
    let resources: Resources
    let restartPolicy: RestartPolicy?

    enum CodingKeys: String, CodingKey {
        case restartPolicy = "RestartPolicy"
    }

    init(from decoder: any Decoder) throws {
        resources = try Resources(from: decoder)
        restartPolicy = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(RestartPolicy.self, forKey: .restartPolicy)
    }
}
