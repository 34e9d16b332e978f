// SPDX-License-Identifier: Apache-2.0
// `GET /containers/{id}/logs`: the json-file log as stdcopy frames (raw bytes for a tty container), with
// since/until/tail/timestamps, and `follow` until the container stops or the client leaves.

import Engine
import HTTP
import HTTPCore
import Models
import ShimProtocol

/// The logs route.
struct LogRoutes {
    let engine: Engine
    var containers: ContainerService { engine.containers }

    var routes: [Route<APIHandler>] {
        [Route("GET", "/containers/{id}/logs", "ContainerLogs", logs)]
    }

    func logs(_ request: APIRequest) async throws -> HTTPResponse {
        let stdout = request.flag("stdout")
        let stderr = request.flag("stderr")
        guard stdout || stderr else { throw APIError.badRequest("Bad parameters: you must choose at least one stream") }
        let container = try await containers.find(request.parameter("id"))
        let log = container.spec.hostConfig.logConfig
        guard log.type != "none" else {
            throw EngineError.notImplemented("configured logging driver does not support reading")
        }
        let now = EventBus.nowNanos()
        var options = LogReadOptions(stdout: stdout, stderr: stderr, follow: request.flag("follow"))
        options.since = try Self.time(request, "since", now: now).flatMap { $0 == 0 ? nil : $0 }
        options.until = try Self.time(request, "until", now: now)
        if let tail = request.query["tail"], !tail.isEmpty, tail != "all" {
            guard let count = Int(tail) else { throw APIError.badRequest("invalid value for tail: \(tail)") }
            if count >= 0 { options.tail = count }
        }
        let readOptions = options
        let timestamps = request.flag("timestamps")
        let tty = container.spec.config.tty
        let id = container.id
        let maxFiles = log.config?["max-file"].flatMap { Int($0) } ?? 1
        let path = containers.paths.log(id)
        let service = containers
        var headers = HTTPHeaders()
        let multiplexed = !tty && request.version >= Hijack.multiplexedSince
        headers["Content-Type"] = multiplexed ? "application/vnd.docker.multiplexed-stream" : "application/vnd.docker.raw-stream"
        return HTTPResponse(status: .ok, headers: headers, body: .stream { writer in
            let entries = JSONFileLogReader.entries(path: path, maxFiles: maxFiles, options: readOptions) {
                await service.isRunning(id)
            }
            var out: [UInt8] = []
            for try await batch in entries {
                out.removeAll(keepingCapacity: true)
                for entry in batch {
                    var payload: [UInt8] = []
                    if timestamps {
                        Self.appendFixedTimestamp(entry.timestamp, to: &payload)
                        payload.append(32)
                    }
                    payload += entry.message
                    if !tty { out += ShimFrame.header(stream: entry.stream == .stderr ? 2 : 1, count: payload.count) }
                    out += payload
                    if out.count >= 256 * 1024 {
                        try await writer.write(out)
                        out.removeAll(keepingCapacity: true)
                    }
                }
                if !out.isEmpty { try await writer.write(out) }
            }
        })
    }

    /// RFC 3339 with exactly nine fraction digits, as dockerd stamps `docker logs -t` lines (its
    /// `rfc3339NanoFixed`): a column that lines up, unlike the trimmed form of the json-file.
    static func appendFixedTimestamp(_ nanos: Int64, to out: inout [UInt8]) {
        var text: [UInt8] = []
        RFC3339Nano.append(nanos, to: &text)
        guard text.last == UInt8(ascii: "Z") else { return out += text }
        text.removeLast()
        let dot = text.firstIndex(of: UInt8(ascii: ".")) ?? text.endIndex
        let digits = dot == text.endIndex ? 0 : text.count - dot - 1
        if dot == text.endIndex { text.append(UInt8(ascii: ".")) }
        out += text
        out += repeatElement(UInt8(ascii: "0"), count: max(0, 9 - digits))
        out.append(UInt8(ascii: "Z"))
    }

    /// `since` / `until` as moby reads them; nil when absent.
    static func time(_ request: APIRequest, _ name: String, now: Int64) throws -> Int64? {
        guard let text = request.query[name], !text.isEmpty else { return nil }
        guard let nanos = Timestamps.filterTime(text, now: now) else {
            throw APIError.badRequest("invalid value for \(name): \(text)")
        }
        return nanos
    }
}
