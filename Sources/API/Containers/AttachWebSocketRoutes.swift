// SPDX-License-Identifier: Apache-2.0
// `GET /containers/{id}/attach/ws`: attach over a WebSocket (for browsers and dashboards). Output goes
// out raw (no stdcopy headers) in binary frames (text frames before API 1.28); data frames from the
// client are the container's stdin. Before API 1.42 every stream is attached, whatever the query says.

import Engine
import HTTP
import HTTPCore
import Models
import Platform
import ShimProtocol

/// The WebSocket attach route.
struct AttachWebSocketRoutes {
    let engine: Engine
    static let binaryFramesSince = APIVersion("1.28")!
    static let streamChoiceSince = APIVersion("1.42")!

    var routes: [Route<APIHandler>] {
        [Route("GET", "/containers/{id}/attach/ws", "ContainerAttachWebsocket", attach)]
    }

    func attach(_ request: APIRequest) async throws -> HTTPResponse {
        let headers = request.http.headers
        guard headers.hasToken("websocket", in: "Upgrade"), let key = headers["Sec-WebSocket-Key"], !key.isEmpty else {
            throw APIError.badRequest("websocket: the client is not using the websocket protocol")
        }
        let keys = try DetachKeys.parse(request.query["detachKeys"])
        let choose = request.version >= Self.streamChoiceSince
        let stdin = choose ? request.flag("stdin") : true
        let attachment = try await engine.containers.attach(
            request.parameter("id"), stdin: stdin, stdout: choose ? request.flag("stdout") : true, stderr: choose ? request.flag("stderr") : true)
        let withStdin = stdin && attachment.container.spec.config.openStdin
        let opcode: WebSocket.Opcode = request.version >= Self.binaryFramesSince ? .binary : .text
        var response = HTTPHeaders()
        response["Upgrade"] = "websocket"
        response["Connection"] = "Upgrade"
        response["Sec-WebSocket-Accept"] = WebSocket.acceptKey(for: key)
        return HTTPResponse(status: HTTPStatus(101, "Switching Protocols"), headers: response, body: .upgrade { client in
            guard case .success(let shim) = await attachment.connection.value() else {
                try? await client.stream.write(WebSocket.frame(.close, []), until: nil)
                client.stream.close()
                return
            }
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await Self.output(from: shim, to: client.stream, opcode: opcode) }
                if withStdin { group.addTask { await Self.input(from: client, to: shim, keys: keys) } }
                // Without stdin nothing reads the client: a vanished one would hold the session until output.
                group.addTask { _ = await AttachRelay.watchClientGone(client.stream) }
                _ = await group.next()
                shim.close()
                client.stream.close()
                group.cancelAll()
            }
        })
    }

    /// Shim frames → WebSocket data frames (payloads only), then a close frame.
    private static func output(from shim: any ByteStream, to client: any ByteStream, opcode: WebSocket.Opcode) async {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)
        defer { buffer.deallocate() }
        var pending: [UInt8] = []
        while let count = try? await shim.read(into: buffer, until: nil), count > 0 {
            pending += buffer[..<count]
            var offset = 0
            var out: [UInt8] = []
            while let header = ShimFrame.parse(pending[offset...]), pending.count - offset - ShimFrame.headerSize >= header.count {
                let start = offset + ShimFrame.headerSize
                out += WebSocket.frame(opcode, Array(pending[start..<start + header.count]))
                offset = start + header.count
            }
            pending.removeFirst(offset)
            if !out.isEmpty, (try? await client.write(out, until: nil)) == nil { return }
        }
        _ = try? await client.write(WebSocket.frame(.close, [0x03, 0xe8]), until: nil)
    }

    /// WebSocket data frames → stdin; answers pings; a close frame (or the detach keys) ends the session.
    private static func input(from client: UpgradedConnection, to shim: any ByteStream, keys: DetachKeys) async {
        var detach = keys
        var pending = client.initialBytes
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 32 * 1024, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            while let frame = try? WebSocket.nextFrame(&pending) {
                switch WebSocket.Opcode(rawValue: frame.opcode) {
                case .text, .binary, .continuation:
                    let (pass, done) = detach.filter(frame.payload[...])
                    if !pass.isEmpty, (try? await shim.write(pass, until: nil)) == nil { return }
                    if done { return }
                case .ping:
                    _ = try? await client.stream.write(WebSocket.frame(.pong, frame.payload), until: nil)
                case .close, .none:
                    shim.shutdownWrite()
                    return await Self.park()
                case .pong:
                    break
                }
            }
            guard let count = try? await client.stream.read(into: buffer, until: nil), count > 0 else {
                shim.shutdownWrite()
                return await Self.park()
            }
            pending += buffer[..<count]
        }
    }

    /// Keeps the input side from ending the session until output ends it.
    private static func park() async {
        while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
    }
}
