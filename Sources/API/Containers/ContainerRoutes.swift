// SPDX-License-Identifier: Apache-2.0
// Container lifecycle routes: create, list, inspect, start, stop, restart, kill, pause, unpause, rename,
// wait, remove, prune, resize. Streams (attach, logs, stats, exec) live in their own files.

import Engine
import HTTP
import HTTPCore
import Models
import Platform

/// Routes of the Containers area.
struct ContainerRoutes {
    let engine: Engine
    /// Encoded `docker ps` rows, reused while their container is unchanged.
    let summaries = SummaryCache()
    var containers: ContainerService { engine.containers }

    var routes: [Route<APIHandler>] {
        [
            Route("GET", "/containers/json", "ContainerList", list),
            Route("POST", "/containers/create", "ContainerCreate", create),
            Route("POST", "/containers/prune", "ContainerPrune", prune),
            Route("GET", "/containers/{id}/json", "ContainerInspect", inspect),
            Route("POST", "/containers/{id}/start", "ContainerStart", start),
            Route("POST", "/containers/{id}/stop", "ContainerStop", stop),
            Route("POST", "/containers/{id}/restart", "ContainerRestart", restart),
            Route("POST", "/containers/{id}/kill", "ContainerKill", kill),
            Route("POST", "/containers/{id}/pause", "ContainerPause", pause),
            Route("POST", "/containers/{id}/unpause", "ContainerUnpause", unpause),
            Route("POST", "/containers/{id}/rename", "ContainerRename", rename),
            Route("POST", "/containers/{id}/wait", "ContainerWait", wait),
            Route("POST", "/containers/{id}/resize", "ContainerResize", resize),
            Route("DELETE", "/containers/{id}", "ContainerDelete", remove),
        ]
    }

    func create(_ request: APIRequest) async throws -> HTTPResponse {
        let body = try await request.decodeJSON(ContainerCreateRequest.self)
        let created = try await containers.create(name: request.query["name"], request: body)
        return Responses.json(ContainerCreateResponse(id: created.id, warnings: created.warnings), status: .created)
    }

    func list(_ request: APIRequest) async throws -> HTTPResponse {
        let filter = try ContainerListFilter(try request.filters())
        var limit = Int(request.query["limit"] ?? "") ?? -1
        if limit == 0 { limit = -1 }
        let all = request.flag("all") || limit > 0 || filter.requiresAll
        let sized = request.flag("size")
        let everything = await containers.list()
        let images = try await engine.images.list()
        let now = EventBus.nowNanos()
        var body: [UInt8] = [UInt8(ascii: "[")]
        var count = 0
        for container in everything where all || container.state.isRunning || container.state.status == .restarting {
            guard try filter.matches(container, among: everything, images: images) else { continue }
            if count > 0 { body.append(UInt8(ascii: ",")) }
            let status = ContainerViews.statusText(container.state, now: now)
            if sized {
                var summary = ContainerViews.summary(container, now: now)
                summary.sizeRw = containers.filesystemUpperSize(container.id)
                summary.sizeRootFs = (summary.sizeRw ?? 0) + (images.first { $0.record.id == container.spec.imageID }?.record.size ?? 0)
                body += try JSONCoding.encode(summary)
            } else {
                body += try summaries.json(for: container, status: status) {
                    var summary = ContainerViews.summary(container, now: now)
                    summary.status = ""
                    return try JSONCoding.encode(summary)
                }
            }
            count += 1
            if limit > 0 && count == limit { break }
        }
        body += [UInt8(ascii: "]"), 10]
        if all && filter.filters.isEmpty { summaries.keep(only: Set(everything.map(\.id))) }
        return HTTPResponse(status: .ok, contentType: "application/json", body: body)
    }

    func inspect(_ request: APIRequest) async throws -> HTTPResponse {
        let container = try await containers.find(request.parameter("id"))
        var view = ContainerViews.inspect(container, paths: containers.paths, execIDs: await containers.execIDs(of: container.id))
        if request.flag("size") {
            view.sizeRw = containers.filesystemUpperSize(container.id)
            let image = try? await engine.images.find(container.spec.imageID)
            view.sizeRootFs = (view.sizeRw ?? 0) + (image?.record.size ?? 0)
        }
        return Responses.json(view)
    }

    func start(_ request: APIRequest) async throws -> HTTPResponse {
        if let keys = request.query["detachKeys"], !keys.isEmpty { _ = try DetachKeys.parse(keys) }
        try await containers.start(request.parameter("id"))
        return Responses.empty()
    }

    func stop(_ request: APIRequest) async throws -> HTTPResponse {
        try await containers.stop(request.parameter("id"), timeout: try Self.timeout(request), signal: request.query["signal"])
        return Responses.empty()
    }

    func restart(_ request: APIRequest) async throws -> HTTPResponse {
        try await containers.restart(request.parameter("id"), timeout: try Self.timeout(request), signal: request.query["signal"])
        return Responses.empty()
    }

    /// `t` in seconds (nil when absent), with dockerd's message.
    static func timeout(_ request: APIRequest) throws -> Int? {
        guard let text = request.query["t"], !text.isEmpty else { return nil }
        guard let value = Int(text) else { throw APIError.badRequest("strconv.Atoi: parsing \"\(text)\": invalid syntax") }
        return value
    }

    func kill(_ request: APIRequest) async throws -> HTTPResponse {
        try await containers.kill(request.parameter("id"), signal: request.query["signal"])
        return Responses.empty()
    }

    func pause(_ request: APIRequest) async throws -> HTTPResponse {
        try await containers.pause(request.parameter("id"))
        return Responses.empty()
    }

    func unpause(_ request: APIRequest) async throws -> HTTPResponse {
        try await containers.unpause(request.parameter("id"))
        return Responses.empty()
    }

    func rename(_ request: APIRequest) async throws -> HTTPResponse {
        guard let name = request.query["name"], !name.isEmpty else { throw APIError.badRequest("name cannot be empty") }
        try await containers.rename(request.parameter("id"), to: name)
        return Responses.empty()
    }

    /// Registers the wait before answering, sends the 200 head at once, and the body at the exit.
    func wait(_ request: APIRequest) async throws -> HTTPResponse {
        let condition = try ContainerWaitCondition(query: request.query["condition"])
        let slot = try await containers.registerWait(request.parameter("id"), condition: condition)
        return Responses.jsonStream { writer in
            // Cancelled when the client leaves (the server watches for its EOF): `docker run -d` sends
            // this wait and exits, and the connection must not outlive it until the container exits.
            guard let result = await slot.valueUnlessCancelled() else { return }
            try await writer.send(ContainerWaitResponse(statusCode: result.statusCode, error: result.error.map { .init(message: $0) }))
        }
    }

    func remove(_ request: APIRequest) async throws -> HTTPResponse {
        if request.flag("link") { throw APIError.badRequest("Cannot remove a link: links are not supported") }
        try await containers.remove(request.parameter("id"), force: request.flag("force"), volumes: request.flag("v"))
        return Responses.empty()
    }

    func prune(_ request: APIRequest) async throws -> HTTPResponse {
        let filters = try request.filters()
        if let unknown = filters.firstUnknownKey(allowed: ["until", "label", "label!"]) {
            throw APIError.badRequest("invalid filter '\(unknown)'")
        }
        var until: Int64?
        if let text = filters.values("until").first {
            guard let nanos = Timestamps.filterTime(text, now: EventBus.nowNanos()) else {
                throw APIError.badRequest("invalid filter 'until=\(text)'")
            }
            until = nanos
        }
        var labels: [(key: String, value: String?, negated: Bool)] = []
        for (key, negated) in [("label", false), ("label!", true)] {
            for term in filters.values(key) {
                let parts = term.split(separator: "=", maxSplits: 1)
                labels.append((String(parts[0]), parts.count > 1 ? String(parts[1]) : nil, negated))
            }
        }
        let pruned = try await containers.prune(until: until, labels: labels)
        return Responses.json(ContainersPruneResponse(containersDeleted: pruned.ids, spaceReclaimed: UInt64(max(0, pruned.spaceReclaimed))))
    }

    func resize(_ request: APIRequest) async throws -> HTTPResponse {
        let (height, width) = try Self.size(request)
        try await containers.resize(request.parameter("id"), height: height, width: width)
        return Responses.empty(.ok)
    }

    /// `h` and `w` query values.
    static func size(_ request: APIRequest) throws -> (UInt16, UInt16) {
        guard let height = UInt16(request.query["h"] ?? ""), let width = UInt16(request.query["w"] ?? "") else {
            throw APIError.badRequest("invalid resize dimensions: h=\(request.query["h"] ?? "") w=\(request.query["w"] ?? "")")
        }
        return (height, width)
    }
}
