// SPDX-License-Identifier: Apache-2.0
// System routes: _ping, version, info, system/df and the events stream.

import Engine
import HTTP
import HTTPCore
import Models

/// Routes of the System area.
struct SystemRoutes {
    let engine: Engine
    /// `/version` never changes while the daemon runs: encode it once.
    let versionResponse: HTTPResponse
    /// `/_ping`'s answer is constant too.
    let pingResponse: HTTPResponse

    init(engine: Engine) {
        self.engine = engine
        versionResponse = Responses.json(engine.system.version(apiVersion: APIVersion.current.text, minimumAPIVersion: APIVersion.minimum.text))
        var ping = HTTPResponse.text("OK")
        ping.headers.add("Cache-Control", "no-cache, no-store, must-revalidate")
        ping.headers.add("Pragma", "no-cache")
        // The classic builder (POST /build) is what berth serves; "2" would ask for BuildKit over gRPC.
        ping.headers.add("Builder-Version", "1")
        ping.headers.add("Swarm", "inactive")
        pingResponse = ping
    }

    var routes: [Route<APIHandler>] {
        [
            Route("GET", "/_ping", "SystemPing", systemPing),
            Route("HEAD", "/_ping", "SystemPingHead", systemPing),
            Route("GET", "/version", "SystemVersion", systemVersion),
            Route("GET", "/info", "SystemInfo", systemInfo),
            Route("GET", "/system/df", "SystemDataUsage", systemDataUsage),
            Route("GET", "/events", "SystemEvents", EventRoutes(events: engine.events).systemEvents),
        ]
    }

    /// The headers a docker CLI reads from `/_ping` to pick its API version and features.
    func systemPing(_ request: APIRequest) async throws -> HTTPResponse { pingResponse }

    func systemVersion(_ request: APIRequest) async throws -> HTTPResponse { versionResponse }

    func systemInfo(_ request: APIRequest) async throws -> HTTPResponse {
        var info = await engine.system.info()
        info.images = try await engine.images.count()
        let counts = await engine.containers.counts()
        info.containersRunning = counts.running
        info.containersPaused = counts.paused
        info.containersStopped = counts.stopped
        info.containers = counts.running + counts.paused + counts.stopped
        return Responses.json(info)
    }

    func systemDataUsage(_ request: APIRequest) async throws -> HTTPResponse {
        // `type` exists from API 1.42; older clients always get every kind.
        let types = request.version < APIVersion.typedDataUsage ? [] : Set(request.query.all("type"))
        let known: Set<String> = ["container", "image", "volume", "build-cache"]
        if let unknown = types.subtracting(known).sorted().first {
            throw APIError.badRequest("unknown object type: \(unknown)")
        }
        var usage = engine.system.dataUsage(types: types)
        if usage.images != nil {
            let images = try await engine.images.list()
            // dockerd's df counts shared bytes and the containers made from each image.
            var summaries = try await ImageViews.withSharedSizes(images.map(ImageViews.summary), images: images, engine: engine)
            for index in summaries.indices {
                summaries[index].containers = Int64(await engine.containers.containers(usingImage: summaries[index].id).count)
            }
            usage.images = summaries
            usage.layersSize = try await engine.images.layersSize()
        }
        if usage.containers != nil {
            let now = EventBus.nowNanos()
            var rows: [ContainerSummary] = []
            for container in await engine.containers.list() {
                var summary = ContainerViews.summary(container, now: now)
                summary.sizeRw = engine.containers.filesystemUpperSize(container.id)
                rows.append(summary)
            }
            usage.containers = rows
        }
        return Responses.json(usage)
    }
}
