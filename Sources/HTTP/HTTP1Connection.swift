// SPDX-License-Identifier: Apache-2.0
// One HTTP/1.1 connection: read a request, run the handler, write the response, repeat. Pipelined
// requests wait in the input buffer and are answered in order. Framing errors get a 4xx and a close.

import HTTPCore
import Platform

/// Serves requests on one connection until the peer leaves, an error, or shutdown.
struct HTTP1Connection {
    let stream: any ByteStream
    let info: ConnectionInfo
    let options: ServerOptions
    let handler: HTTPHandler
    let registry: ConnectionRegistry

    func run(initialBytes: [UInt8] = []) async {
        defer { stream.close() }
        let input = HTTP1Input(stream: stream, limits: options.limits)
        while !registry.isDraining {
            registry.setPhase(info.id, .idle)
            let next: HTTP1Input.Next
            do {
                guard let arrived = try await input.next(idle: options.idleTimeout, header: options.headerTimeout) else { return }
                next = arrived
            } catch let error as HTTPParseError {
                if error != .unexpectedEOF { await sendParseError(error) }
                return
            } catch {
                return  // timeout, reset, cancellation (shutdown of an idle connection)
            }
            let head = next.head
            registry.setPhase(info.id, .busy)
            if next.hasBody, head.headers.hasToken("100-continue", in: "Expect") {
                guard (try? await stream.write(Self.continueLine, until: .after(seconds: options.writeTimeout))) != nil else { return }
            }
            let response: HTTPResponse
            if !next.hasBody, let immediate = options.immediateHandler?(head, info) {
                response = immediate
            } else {
                let body = next.hasBody
                    ? RequestBody(source: InputBodySource(input: input, declaredLength: next.declaredLength, timeout: options.bodyReadTimeout))
                    : RequestBody()
                response = await handler(HTTPRequest(head: head, body: body, connection: info))
            }
            let keepAlive = head.keepAlive && !registry.isDraining && !response.headers.hasToken("close", in: "Connection")
            switch response.body {
            case .bytes(let bytes):
                guard await writeComplete(response, bytes, head: head, keepAlive: keepAlive) else { return }
            case .stream(let produce):
                await writeStream(response, produce, head: head, input: input)
                if head.version == .http10 { return }
            case .upgrade(let takeOver):
                registry.setPhase(info.id, .streaming)
                let headBytes = HTTP1ResponseEncoder.head(response.status, response.headers, framing: .none, closing: false)
                guard (try? await stream.write(headBytes, until: .after(seconds: options.writeTimeout))) != nil else { return }
                await takeOver(UpgradedConnection(stream: stream, initialBytes: input.takeBuffered()))
                return
            }
            guard keepAlive else { return }
            if next.hasBody, !(await input.skipBody(limit: options.maxSkippedBody, timeout: options.bodyReadTimeout)) { return }
        }
    }

    static let continueLine = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    private func writeComplete(_ response: HTTPResponse, _ bytes: [UInt8], head: HTTPRequestHead, keepAlive: Bool) async -> Bool {
        let code = response.status.code
        let bodyless = code == 204 || code == 304 || code < 200
        var headers = response.headers
        // An HTTP/1.0 client keeps the connection only when told so (RFC 9112 §9.3).
        if keepAlive && head.version == .http10 { headers["Connection"] = "keep-alive" }
        var out = HTTP1ResponseEncoder.head(response.status, headers, framing: bodyless ? .none : .length(bytes.count), closing: !keepAlive)
        if head.method != "HEAD" && !bodyless { out += bytes }
        return (try? await stream.write(out, until: .after(seconds: options.writeTimeout))) != nil
    }

    /// Sends the head at once, then the producer's pieces as chunks, and ends the body cleanly when the
    /// producer finishes, throws, the client goes away, or the server shuts down.
    private func writeStream(
        _ response: HTTPResponse, _ produce: @escaping @Sendable (any ResponseBodyWriter) async throws -> Void,
        head: HTTPRequestHead, input: HTTP1Input
    ) async {
        let chunked = head.version != .http10
        let headBytes = HTTP1ResponseEncoder.head(response.status, response.headers, framing: chunked ? .chunked : .none, closing: !chunked)
        guard (try? await stream.write(headBytes, until: .after(seconds: options.writeTimeout))) != nil else { return }
        let writer: any ResponseBodyWriter =
            head.method == "HEAD" ? DiscardingBodyWriter() : ChunkedBodyWriter(stream: stream, chunked: chunked, timeout: options.writeTimeout)
        registry.setPhase(info.id, .streaming)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await produce(writer) }
            group.addTask { await input.waitForPeerClose() }
            await group.next()
            group.cancelAll()
        }
        registry.setPhase(info.id, .busy)
        if chunked && head.method != "HEAD" {
            _ = try? await stream.write(HTTP1ResponseEncoder.lastChunk, until: .after(seconds: 5))
        }
    }

    private func sendParseError(_ error: HTTPParseError) async {
        // Go's net/http answers framing errors with "<code> <reason>: <detail>" as text and closes.
        let text = "\(error.status.code) \(error.status.reason): \(error.detail)"
        var headers = options.defaultHeaders
        headers["Content-Type"] = "text/plain; charset=utf-8"
        let out = HTTP1ResponseEncoder.head(error.status, headers, framing: .length(text.utf8.count), closing: true) + Array(text.utf8)
        _ = try? await stream.write(out, until: .after(seconds: 5))
    }
}
