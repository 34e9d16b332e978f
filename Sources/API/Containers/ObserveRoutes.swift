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
