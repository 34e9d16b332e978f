// SPDX-License-Identifier: Apache-2.0
// Image archive routes: `docker save` (one image or several) streams a tarball; `docker load` takes one.

import Engine
import HTTP
import HTTPCore
import Models

/// Routes of image save and load.
struct ImageArchiveRoutes {
    let engine: Engine

    var routes: [Route<APIHandler>] {
        [
            Route("GET", "/images/get", "ImageGetAll", imageGetAll),
            Route("GET", "/images/{name*}/get", "ImageGet", imageGet),
            Route("POST", "/images/load", "ImageLoad", imageLoad),
        ]
    }

    /// `platform` is accepted and ignored: every stored image has one platform.
    func imageGet(_ request: APIRequest) async throws -> HTTPResponse {
        try await export([request.parameter("name")])
    }

    func imageGetAll(_ request: APIRequest) async throws -> HTTPResponse {
        try await export(request.query.all("names"))
    }

    /// Names are resolved before the answer starts (404 `No such image: …`); the tar then streams from disk.
    func export(_ names: [String]) async throws -> HTTPResponse {
        let archive = try await engine.images.save(names)
        var headers = HTTPHeaders()
        headers["Content-Type"] = "application/x-tar"
        return HTTPResponse(
            status: .ok, headers: headers, body: .stream { writer in try await archive.write { try await writer.write($0) } })
    }

    /// The body is read and checked before answering (400 for a bad archive); unpacking then streams its
    /// progress, and a failure there arrives as an `errorDetail` message, as dockerd sends it.
    func imageLoad(_ request: APIRequest) async throws -> HTTPResponse {
        // moby: httputils.BoolValueOrDefault(r, "quiet", true).
        let quiet = request.query["quiet"] == nil || request.flag("quiet")
        let body = request.http.body
        let archive = try await engine.images.receiveArchive { try await body.nextPiece() }
        let images = engine.images
        return Responses.jsonStream { writer in
            do {
                try await images.load(archive, quiet: quiet) { try await writer.send($0) }
            } catch {
                try await writer.send(ProgressMessage.failure(ErrorMapping.message(for: error)))
            }
        }
    }
}
